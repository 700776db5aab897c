// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "console/models/CertificateModel.h"

#include <QDateTime>
#include <QFont>
#include <QJsonArray>

#include <algorithm>

namespace steward::console::models {
namespace {

const QString Base = QStringLiteral("/api/v1/certificates");

qint64 idOf(const QJsonObject& entry)
{
    return entry.value(QStringLiteral("id")).toInteger();
}

QString dateOf(const QJsonValue& iso)
{
    const QDateTime time = QDateTime::fromString(iso.toString(), Qt::ISODate);
    return time.isValid() ? time.toUTC().date().toString(Qt::ISODate) : iso.toString();
}

} // namespace

QJsonObject GenerateRequest::toJson() const
{
    QJsonObject json{{QStringLiteral("alias"), alias},
                     {QStringLiteral("keySpec"), keySpec},
                     {QStringLiteral("validityDays"), validityDays}};
    if (!signatureAlgorithm.isEmpty()) {
        json.insert(QStringLiteral("signatureAlgorithm"), signatureAlgorithm);
    }
    if (!commonName.isEmpty()) {
        json.insert(QStringLiteral("commonName"), commonName);
    }
    if (!dnsNames.isEmpty()) {
        json.insert(QStringLiteral("dnsNames"), QJsonArray::fromStringList(dnsNames));
    }
    return json;
}

CertificateModel::CertificateModel(net::Transport& transport, QObject* parent)
    : QAbstractTableModel(parent), m_transport(transport)
{
    qRegisterMetaType<ActionOutcome>();
}

void CertificateModel::reload()
{
    const quint64 generation = ++m_generation;
    m_transport.get(Base, this, [this, generation](const net::ApiReply& reply) {
        if (generation != m_generation) {
            return; // a newer reload runs
        }
        if (!reply.ok()) {
            Q_EMIT loadFailed(*reply.error);
            return;
        }
        beginResetModel();
        m_rows.clear();
        for (const auto& item : reply.object().value(QStringLiteral("items")).toArray()) {
            m_rows.push_back(item.toObject());
        }
        std::stable_sort(m_rows.begin(), m_rows.end(), [](const auto& a, const auto& b) {
            return a.value(QStringLiteral("position")).toInteger()
                   < b.value(QStringLiteral("position")).toInteger();
        });
        m_loaded = true;
        endResetModel();
    });
}

int CertificateModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int CertificateModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant CertificateModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount()) {
        return {};
    }
    const QJsonObject& entry = m_rows.at(size_t(index.row()));
    if (role == IdRole) {
        return idOf(entry);
    }
    const bool isDefault = entry.value(QStringLiteral("default")).toBool();
    if (role == Qt::FontRole && isDefault) {
        QFont bold;
        bold.setBold(true);
        return bold;
    }
    if (role == Qt::ToolTipRole && index.column() == Alias) {
        return entry.value(QStringLiteral("subject")).toString();
    }
    if (role != Qt::DisplayRole) {
        return {};
    }
    switch (Column(index.column())) {
    case Alias:
        return isDefault ? tr("%1 (default)").arg(entry.value(QStringLiteral("alias")).toString())
                         : entry.value(QStringLiteral("alias")).toString();
    case Position:
        return index.row() + 1;
    case Active:
        return entry.value(QStringLiteral("active")).toBool() ? tr("active") : tr("inactive");
    case KeySpec:
        return entry.value(QStringLiteral("keySpec")).toString();
    case Signature:
        return entry.value(QStringLiteral("signatureAlgorithm")).toString();
    case Names: {
        QStringList names;
        for (const auto& name : entry.value(QStringLiteral("subjectAlternativeNames")).toArray()) {
            names.append(name.toString());
        }
        return names.join(QStringLiteral(", "));
    }
    case Validity:
        return tr("%1 – %2").arg(dateOf(entry.value(QStringLiteral("notBefore"))),
                                 dateOf(entry.value(QStringLiteral("notAfter"))));
    case PrivateKey:
        return entry.value(QStringLiteral("privateKeyKnown")).toBool() ? tr("known")
                                                                       : tr("unknown");
    case Devices:
        return entry.value(QStringLiteral("deviceCount")).toInteger();
    case ColumnCount:
        break;
    }
    return {};
}

QVariant CertificateModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return {};
    }
    static const QStringList headers{tr("Alias"),    tr("Position"),    tr("Active"),
                                     tr("Key"),      tr("Signature"),   tr("Names (SAN)"),
                                     tr("Validity"), tr("Private key"), tr("Devices")};
    return headers.value(section);
}

int CertificateModel::rowOf(qint64 id) const
{
    const auto it = std::find_if(m_rows.begin(), m_rows.end(),
                                 [id](const QJsonObject& e) { return idOf(e) == id; });
    return it == m_rows.end() ? -1 : int(it - m_rows.begin());
}

int CertificateModel::rowOf(const QString& alias) const
{
    const auto it = std::find_if(m_rows.begin(), m_rows.end(), [&](const QJsonObject& e) {
        return e.value(QStringLiteral("alias")).toString() == alias;
    });
    return it == m_rows.end() ? -1 : int(it - m_rows.begin());
}

int CertificateModel::activeCount() const
{
    return int(std::count_if(m_rows.begin(), m_rows.end(), [](const QJsonObject& e) {
        return e.value(QStringLiteral("active")).toBool();
    }));
}

QString CertificateModel::aliasOf(qint64 id) const
{
    const int row = rowOf(id);
    return row < 0 ? QStringLiteral("#%1").arg(id)
                   : m_rows[size_t(row)].value(QStringLiteral("alias")).toString();
}

void CertificateModel::upsert(const QJsonObject& entry)
{
    if (const int row = rowOf(idOf(entry)); row >= 0) {
        m_rows[size_t(row)] = entry;
        Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
    } else {
        const int end = rowCount();
        beginInsertRows({}, end, end);
        m_rows.push_back(entry);
        endInsertRows();
    }
    sortRows();
}

void CertificateModel::removeRow(qint64 id)
{
    const int row = rowOf(id);
    if (row < 0) {
        return;
    }
    beginRemoveRows({}, row, row);
    m_rows.erase(m_rows.begin() + row);
    endRemoveRows();
}

void CertificateModel::sortRows()
{
    const auto before = m_rows;
    auto sorted = m_rows;
    // position is unique on the server; a stable sort keeps rows with equal ones in place.
    std::stable_sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) {
        return a.value(QStringLiteral("position")).toInteger()
               < b.value(QStringLiteral("position")).toInteger();
    });
    if (sorted == before) {
        return;
    }
    Q_EMIT layoutAboutToBeChanged();
    m_rows = std::move(sorted);
    // Selections follow their certificate, not their row.
    const QModelIndexList old = persistentIndexList();
    QModelIndexList moved;
    for (const QModelIndex& at : old) {
        const bool known = at.isValid() && at.row() < int(before.size());
        const int row = known ? rowOf(idOf(before.at(size_t(at.row())))) : -1;
        moved.append(row < 0 ? QModelIndex() : index(row, at.column()));
    }
    changePersistentIndexList(old, moved);
    Q_EMIT layoutChanged();
}

void CertificateModel::applyEvent(const protocol::ObjectEvent& event)
{
    if (event.kind != QLatin1String("certificate") || !m_loaded) {
        return;
    }
    if (event.event == QLatin1String("deleted")) {
        removeRow(event.id);
    } else if (event.object) {
        upsert(*event.object);
    }
}

void CertificateModel::call(const QByteArray& method, const QString& path,
                            const std::optional<QJsonObject>& body, const QString& what)
{
    m_transport.send({method, path, body}, this, [this, what](const net::ApiReply& reply) {
        Q_EMIT finished({what, reply.error ? reply.error->message : QString(), reply.status});
        reload(); // events may be off, and device counts move with the store
    });
}

void CertificateModel::generate(const GenerateRequest& request)
{
    call("POST", Base, request.toJson(), tr("Generate \"%1\"").arg(request.alias));
}

void CertificateModel::importPem(const QString& alias, const QByteArray& certificate,
                                 const QByteArray& key, const QString& keyPassword)
{
    QJsonObject body{{QStringLiteral("alias"), alias},
                     {QStringLiteral("certificate"), QString::fromLatin1(certificate)}};
    if (!key.isEmpty()) {
        body.insert(QStringLiteral("privateKey"), QString::fromLatin1(key));
    }
    if (!keyPassword.isEmpty()) {
        body.insert(QStringLiteral("keyPassword"), keyPassword);
    }
    call("POST", Base + QStringLiteral("/import"), body, tr("Import \"%1\"").arg(alias));
}

void CertificateModel::importPkcs12(const QString& alias, const QByteArray& data,
                                    const QString& password)
{
    call("POST", Base + QStringLiteral("/import"),
         QJsonObject{{QStringLiteral("alias"), alias},
                     {QStringLiteral("pkcs12"), QString::fromLatin1(data.toBase64())},
                     {QStringLiteral("password"), password}},
         tr("Import \"%1\"").arg(alias));
}

void CertificateModel::setActive(qint64 id, bool active)
{
    call("PATCH", Base + QStringLiteral("/%1").arg(id),
         QJsonObject{{QStringLiteral("active"), active}},
         (active ? tr("Activate \"%1\"") : tr("Deactivate \"%1\"")).arg(aliasOf(id)));
}

void CertificateModel::move(qint64 id, bool up)
{
    call("POST", Base + QStringLiteral("/%1/move").arg(id),
         QJsonObject{
             {QStringLiteral("direction"), up ? QStringLiteral("up") : QStringLiteral("down")}},
         (up ? tr("Move \"%1\" up") : tr("Move \"%1\" down")).arg(aliasOf(id)));
}

void CertificateModel::remove(qint64 id, bool force)
{
    const QString what = tr("Delete \"%1\"").arg(aliasOf(id));
    const int row = rowOf(id);
    const qint64 devices =
        row < 0 ? 0 : m_rows[size_t(row)].value(QStringLiteral("deviceCount")).toInteger();
    const bool lastActive = row >= 0 && m_rows[size_t(row)].value(QStringLiteral("active")).toBool()
                            && activeCount() == 1;
    m_transport.send({"DELETE",
                      Base
                          + QStringLiteral("/%1%2").arg(id).arg(
                              force ? QStringLiteral("?force=true") : QString()),
                      std::nullopt},
                     this, [=, this](const net::ApiReply& reply) {
                         if (reply.status == 409 && !force && devices > 0 && !lastActive) {
                             Q_EMIT deleteRefused(id, devices, reply.error->message);
                         } else {
                             Q_EMIT finished({what, reply.error ? reply.error->message : QString(),
                                              reply.status});
                         }
                         reload();
                     });
}

void CertificateModel::details(qint64 id, Object done)
{
    m_transport.get(Base + QStringLiteral("/%1").arg(id), this,
                    [done = std::move(done)](const net::ApiReply& reply) {
                        done(reply.object(), reply.error ? reply.error->message : QString());
                    });
}

void CertificateModel::devicesUsing(qint64 id, Object done)
{
    m_transport.get(Base + QStringLiteral("/%1/devices").arg(id), this,
                    [done = std::move(done)](const net::ApiReply& reply) {
                        done(reply.object(), reply.error ? reply.error->message : QString());
                    });
}

void CertificateModel::exportCertificate(qint64 id, bool der, Bytes done)
{
    m_transport.get(Base
                        + QStringLiteral("/%1/certificate?format=%2")
                              .arg(id)
                              .arg(der ? QStringLiteral("der") : QStringLiteral("pem")),
                    this, [done = std::move(done)](const net::ApiReply& reply) {
                        done(reply.raw, reply.error ? reply.error->message : QString());
                    });
}

void CertificateModel::exportKeyPair(qint64 id, const QString& password, Bytes done)
{
    m_transport.send({"POST", Base + QStringLiteral("/%1/key-pair").arg(id),
                      QJsonObject{{QStringLiteral("password"), password}}},
                     this, [done = std::move(done)](const net::ApiReply& reply) {
                         done(reply.raw, reply.error ? reply.error->message : QString());
                     });
}

} // namespace steward::console::models
