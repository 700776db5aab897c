// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "console/models/EffectiveConfigModel.h"

#include "console/models/DeviceListModel.h"

#include <QColor>
#include <QFont>
#include <QJsonDocument>

namespace steward::console::models {
namespace {

QString str(const QJsonObject& object, const char* key)
{
    return object.value(QLatin1String(key)).toString();
}

QString shortVersion(const QString& version)
{
    return version.isEmpty() ? QObject::tr("none") : version.left(12) + QChar(0x2026);
}

} // namespace

EffectiveConfigModel::EffectiveConfigModel(net::Transport& transport, QObject* parent)
    : QAbstractTableModel(parent), m_transport(transport)
{}

void EffectiveConfigModel::setDevice(qint64 id)
{
    if (id == m_device) {
        return;
    }
    m_device = id;
    reload();
}

void EffectiveConfigModel::reload()
{
    ++m_generation;
    beginResetModel();
    m_values = {};
    m_profiles = {};
    m_path.clear();
    m_version.clear();
    m_error.clear();
    endResetModel();
    m_state = {};
    m_stateError.clear();
    Q_EMIT loaded(); // nothing shown of the previous device while the new one loads
    Q_EMIT stateChanged();
    if (m_device == 0) {
        return;
    }
    loadValues();
    loadState();
}

void EffectiveConfigModel::loadValues()
{
    const quint64 generation = m_generation;
    const qint64 device = m_device;
    m_transport.get(QStringLiteral("/api/v1/devices/%1/effective-config").arg(device), this,
                    [this, generation, device](const net::ApiReply& reply) {
                        if (generation != m_generation || device != m_device) {
                            return; // another device, or a newer load
                        }
                        beginResetModel();
                        if (reply.ok()) {
                            const QJsonObject json = reply.object();
                            m_values = json.value(QStringLiteral("values")).toArray();
                            m_profiles = json.value(QStringLiteral("profiles")).toArray();
                            m_path = str(json, "path");
                            m_version = str(json, "version");
                            m_error.clear();
                        } else {
                            m_values = {};
                            m_profiles = {};
                            m_error = reply.error->message;
                        }
                        endResetModel();
                        Q_EMIT loaded();
                    });
}

void EffectiveConfigModel::loadState()
{
    const quint64 generation = m_generation;
    const qint64 device = m_device;
    m_transport.get(QStringLiteral("/api/v1/devices/%1/config-state").arg(device), this,
                    [this, generation, device](const net::ApiReply& reply) {
                        if (generation != m_generation || device != m_device) {
                            return;
                        }
                        setState(reply.ok() ? reply.object() : QJsonObject(),
                                 reply.ok() ? QString() : reply.error->message);
                    });
}

void EffectiveConfigModel::setState(const QJsonObject& state, const QString& error)
{
    m_state = state;
    m_stateError = error;
    Q_EMIT stateChanged();
}

void EffectiveConfigModel::push()
{
    if (m_device == 0) {
        return;
    }
    const qint64 device = m_device;
    m_transport.send({"POST",
                      QStringLiteral("/api/v1/devices/%1/config-push?apply=now").arg(device),
                      QJsonObject()},
                     this, [this, device](const net::ApiReply& reply) {
                         if (device != m_device) {
                             return;
                         }
                         if (reply.ok()) {
                             setState(reply.object(), {});
                         }
                         Q_EMIT pushed(reply.ok() ? QString() : reply.error->message);
                     });
}

int EffectiveConfigModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_values.size());
}

int EffectiveConfigModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant EffectiveConfigModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount()) {
        return {};
    }
    const QJsonObject entry = value(index.row());
    const QString source = str(entry, "source");
    if (role == KeyRole) {
        return str(entry, "key");
    }
    if (role == ReasonRole || role == Qt::ToolTipRole) {
        return str(entry, "reason");
    }
    if (role == Qt::ForegroundRole && source == QLatin1String("default")) {
        return QColor(0x70, 0x70, 0x70); // unmanaged: the registry's default
    }
    if (role == Qt::FontRole && source == QLatin1String("priority-profile")) {
        QFont bold;
        bold.setBold(true);
        return bold;
    }
    if (role != Qt::DisplayRole) {
        return {};
    }
    switch (Column(index.column())) {
    case Key:
        return str(entry, "key");
    case Value:
        return valueText(entry.value(QStringLiteral("value")));
    case Source:
        return sourceText(entry);
    case Assignment:
        return assignmentText(entry, m_path);
    case Overrode:
        return overrodeText(entry.value(QStringLiteral("overrode")).toArray(), m_path);
    case ColumnCount:
        break;
    }
    return {};
}

QVariant EffectiveConfigModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return {};
    }
    switch (Column(section)) {
    case Key:
        return tr("Parameter");
    case Value:
        return tr("Value");
    case Source:
        return tr("Source");
    case Assignment:
        return tr("Assignment");
    case Overrode:
        return tr("Overrode");
    case ColumnCount:
        break;
    }
    return {};
}

int EffectiveConfigModel::rowOf(const QString& key) const
{
    for (int row = 0; row < m_values.size(); ++row) {
        if (str(m_values.at(row).toObject(), "key") == key) {
            return row;
        }
    }
    return -1;
}

QString EffectiveConfigModel::stateSummary() const
{
    if (m_device == 0) {
        return {};
    }
    if (m_state.isEmpty()) {
        return m_stateError.isEmpty() ? tr("Loading…")
                                      : tr("Not computed yet: %1").arg(m_stateError);
    }
    const QString state = str(m_state, "state");
    const qint64 revision = m_state.value(QStringLiteral("revision")).toInteger();
    const QString desired = shortVersion(str(m_state, "desiredVersion"));
    const QString applied = shortVersion(str(m_state, "appliedVersion"));
    QString text;
    if (state == QLatin1String("applied")) {
        text = tr("Applied: revision %1, version %2 (reported %3)")
                   .arg(revision)
                   .arg(applied, localTime(m_state.value(QStringLiteral("reported"))));
    } else if (state == QLatin1String("failed")) {
        text = tr("Failed: revision %1 (version %2) was refused; version %3 stays in effect")
                   .arg(revision)
                   .arg(desired, applied);
    } else {
        const bool later = str(m_state, "push") == QLatin1String("next-connect");
        text = tr("Pending: revision %1 (version %2) %3; applied: %4")
                   .arg(revision)
                   .arg(desired,
                        later ? tr("waits for the next connect")
                              : (m_state.value(QStringLiteral("delivered")).isString()
                                     ? tr("delivered, not yet acknowledged")
                                     : tr("not delivered yet")),
                        applied);
    }
    if (m_state.value(QStringLiteral("rebootRequired")).toBool()) {
        text += tr(". Reboot required for the change to take effect");
    }
    const QJsonArray notApplied = m_state.value(QStringLiteral("notApplied")).toArray();
    if (!notApplied.isEmpty()) {
        QStringList keys;
        for (const auto& key : notApplied) {
            keys.append(key.toString());
        }
        text += tr(". Not applied by this agent: %1").arg(keys.join(QStringLiteral(", ")));
    }
    return text;
}

QStringList EffectiveConfigModel::failures() const
{
    QStringList lines;
    const QJsonObject failures = m_state.value(QStringLiteral("failures")).toObject();
    for (auto it = failures.begin(); it != failures.end(); ++it) {
        lines.append(QStringLiteral("%1: %2").arg(it.key(), it.value().toString()));
    }
    return lines;
}

void EffectiveConfigModel::applyEvent(const protocol::ObjectEvent& event)
{
    if (m_device == 0) {
        return;
    }
    if (event.kind == QLatin1String("device-config")) {
        if (event.id == m_device && event.object) {
            setState(*event.object, {});
            ++m_generation; // a state answer in flight is older than this
            loadValues();
        }
        return;
    }
    const bool device = event.kind == QLatin1String("device") && event.id == m_device
                        && event.event == QLatin1String("changed");
    // A folder moved or renamed changes the assignment paths and levels.
    if (device || event.kind == QLatin1String("profile") || event.kind == QLatin1String("view")
        || event.kind == QLatin1String("folder")) {
        ++m_generation;
        loadValues();
    }
}

} // namespace steward::console::models
