// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "console/models/AuditLogModel.h"

#include <QColor>
#include <QDateTime>
#include <QJsonArray>
#include <QUrlQuery>

namespace steward::console::models {

namespace {

QString csvField(QString text)
{
    if (text.contains(QLatin1Char('"')) || text.contains(QLatin1Char(','))
        || text.contains(QLatin1Char('\n')) || text.contains(QLatin1Char('\r'))) {
        text.replace(QStringLiteral("\""), QStringLiteral("\"\""));
        return QLatin1Char('"') + text + QLatin1Char('"');
    }
    return text;
}

} // namespace

AuditLogModel::AuditLogModel(net::Transport& transport, QObject* parent)
    : QAbstractTableModel(parent), m_transport(transport)
{
    m_timer.setInterval(std::chrono::seconds(10));
    connect(&m_timer, &QTimer::timeout, this, &AuditLogModel::refresh);
}

void AuditLogModel::setQuery(const AuditQuery& query)
{
    if (query == m_query && m_loaded) {
        return;
    }
    m_query = query;
    reload();
}

void AuditLogModel::setLive(bool live)
{
    if (live) {
        m_timer.start();
    } else {
        m_timer.stop();
    }
}

QString AuditLogModel::path(qint64 offset) const
{
    QUrlQuery query;
    const std::pair<const char*, QString> filters[] = {{"actor", m_query.actor},
                                                       {"action", m_query.action},
                                                       {"outcome", m_query.outcome},
                                                       {"object", m_query.object}};
    for (const auto& [key, value] : filters) {
        if (!value.trimmed().isEmpty()) {
            query.addQueryItem(QLatin1String(key),
                               QString::fromLatin1(QUrl::toPercentEncoding(value.trimmed())));
        }
    }
    if (m_query.from) {
        query.addQueryItem(QStringLiteral("from"), QString::number(*m_query.from));
    }
    query.addQueryItem(QStringLiteral("offset"), QString::number(offset));
    query.addQueryItem(QStringLiteral("limit"), QString::number(PageSize));
    return QStringLiteral("/api/v1/audit?") + query.toString(QUrl::FullyEncoded);
}

void AuditLogModel::reload()
{
    beginResetModel();
    m_rows.clear();
    m_total = 0;
    m_loaded = false;
    m_fetching = false;
    m_refreshing = false;
    endResetModel();
    ++m_generation;
    fetchMore({});
}

bool AuditLogModel::canFetchMore(const QModelIndex& parent) const
{
    return !parent.isValid() && !m_fetching && (!m_loaded || qint64(m_rows.size()) < m_total);
}

void AuditLogModel::fetchMore(const QModelIndex& parent)
{
    if (!canFetchMore(parent)) {
        return;
    }
    m_fetching = true;
    const quint64 generation = m_generation;
    const qint64 offset = qint64(m_rows.size());
    m_transport.get(path(offset), this, [this, generation, offset](const net::ApiReply& reply) {
        if (generation != m_generation) {
            return; // the query changed meanwhile
        }
        m_fetching = false;
        if (!reply.ok()) {
            m_loaded = true;
            Q_EMIT loadFailed(reply.error->message);
            return;
        }
        const QJsonArray items = reply.object().value(QStringLiteral("items")).toArray();
        m_total = reply.object().value(QStringLiteral("total")).toInteger();
        if (!items.isEmpty() && offset == qint64(m_rows.size())) {
            beginInsertRows({}, int(m_rows.size()), int(m_rows.size() + items.size()) - 1);
            for (const auto& item : items) {
                m_rows.push_back(item.toObject());
            }
            endInsertRows();
        }
        m_loaded = true;
        Q_EMIT loaded();
    });
}

void AuditLogModel::refresh()
{
    if (!m_loaded || m_fetching || m_refreshing) {
        return;
    }
    m_refreshing = true;
    const quint64 generation = m_generation;
    m_transport.get(path(0), this, [this, generation](const net::ApiReply& reply) {
        if (generation != m_generation) {
            return;
        }
        m_refreshing = false;
        if (!reply.ok()) {
            Q_EMIT loadFailed(reply.error->message);
            return;
        }
        const qint64 top =
            m_rows.empty() ? 0 : m_rows.front().value(QStringLiteral("id")).toInteger();
        std::vector<QJsonObject> newer;
        for (const auto& item : reply.object().value(QStringLiteral("items")).toArray()) {
            if (item.toObject().value(QStringLiteral("id")).toInteger() > top) {
                newer.push_back(item.toObject());
            }
        }
        m_total = reply.object().value(QStringLiteral("total")).toInteger();
        if (newer.size() >= size_t(PageSize)) {
            reload(); // more new entries than a page: start again from the top
            return;
        }
        if (!newer.empty()) {
            beginInsertRows({}, 0, int(newer.size()) - 1);
            m_rows.insert(m_rows.begin(), newer.begin(), newer.end());
            endInsertRows();
        }
        Q_EMIT loaded();
    });
}

QJsonObject AuditLogModel::entry(int row) const
{
    return row >= 0 && size_t(row) < m_rows.size() ? m_rows[size_t(row)] : QJsonObject();
}

QString AuditLogModel::cell(const QJsonObject& entry, int column) const
{
    switch (column) {
    case At:
        return QDateTime::fromString(entry.value(QStringLiteral("at")).toString(), Qt::ISODate)
            .toLocalTime()
            .toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
    case Actor:
        return entry.value(QStringLiteral("actor")).toString();
    case Action:
        return entry.value(QStringLiteral("action")).toString();
    case Object:
        return entry.value(QStringLiteral("object")).toString();
    case Outcome:
        return entry.value(QStringLiteral("outcome")).toString();
    case Peer:
        return entry.value(QStringLiteral("peer")).toString();
    case Details:
        return entry.value(QStringLiteral("details")).toString();
    default:
        return {};
    }
}

QByteArray AuditLogModel::toCsv() const
{
    QStringList lines;
    QStringList header;
    for (int column = 0; column < ColumnCount; ++column) {
        header.append(csvField(headerData(column, Qt::Horizontal, Qt::DisplayRole).toString()));
    }
    lines.append(header.join(QLatin1Char(',')));
    for (const auto& entry : m_rows) {
        QStringList fields;
        for (int column = 0; column < ColumnCount; ++column) {
            // The raw ISO time in files: it sorts and carries its zone.
            fields.append(csvField(column == At ? entry.value(QStringLiteral("at")).toString()
                                                : cell(entry, column)));
        }
        lines.append(fields.join(QLatin1Char(',')));
    }
    return (lines.join(QStringLiteral("\r\n")) + QStringLiteral("\r\n")).toUtf8();
}

int AuditLogModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int AuditLogModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant AuditLogModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || size_t(index.row()) >= m_rows.size()) {
        return {};
    }
    const QJsonObject& entry = m_rows[size_t(index.row())];
    if (role == Qt::DisplayRole || role == Qt::ToolTipRole) {
        return cell(entry, index.column());
    }
    if (role == Qt::ForegroundRole && index.column() == Outcome
        && entry.value(QStringLiteral("outcome")).toString() != QStringLiteral("ok")) {
        return QColor(0xb0, 0x00, 0x20);
    }
    return {};
}

QVariant AuditLogModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return {};
    }
    switch (section) {
    case At:
        return tr("Time");
    case Actor:
        return tr("Who");
    case Action:
        return tr("Action");
    case Object:
        return tr("Object");
    case Outcome:
        return tr("Outcome");
    case Peer:
        return tr("From");
    case Details:
        return tr("Details");
    default:
        return {};
    }
}

} // namespace steward::console::models
