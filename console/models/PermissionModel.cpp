// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "console/models/PermissionModel.h"

#include <QColor>

#include <algorithm>
#include <iterator>

namespace steward::console::models {

QString Principal::label() const
{
    return kind == QLatin1String("group") ? QObject::tr("%1 (group)").arg(name)
                                          : QObject::tr("%1 (administrator)").arg(name);
}

QJsonObject Principal::json() const
{
    return QJsonObject{{QStringLiteral("kind"), kind}, {QStringLiteral("id"), id}};
}

Principal Principal::fromJson(const QJsonObject& json)
{
    return Principal{json.value(QStringLiteral("kind")).toString(),
                     json.value(QStringLiteral("id")).toInteger(),
                     json.value(QStringLiteral("name")).toString()};
}

const QStringList& PermissionModel::rights()
{
    static const QStringList names{
        QStringLiteral("Browse"),        QStringLiteral("Read"),     QStringLiteral("Write"),
        QStringLiteral("AccessControl"), QStringLiteral("Assign"),   QStringLiteral("Shadow"),
        QStringLiteral("Terminal"),      QStringLiteral("Commands"), QStringLiteral("ExportKeys")};
    return names;
}

PermissionModel::PermissionModel(QObject* parent) : QAbstractTableModel(parent) {}

void PermissionModel::load(const QJsonObject& reply)
{
    beginResetModel();
    m_rows.clear();
    for (const auto& item : reply.value(QStringLiteral("entries")).toArray()) {
        const QJsonObject entry = item.toObject();
        const Principal who =
            Principal::fromJson(entry.value(QStringLiteral("principal")).toObject());
        auto row =
            std::find_if(m_rows.begin(), m_rows.end(), [&](const Row& r) { return r.who == who; });
        if (row == m_rows.end()) {
            m_rows.push_back({who, {}});
            row = std::prev(m_rows.end());
        }
        row->effects[entry.value(QStringLiteral("right")).toString()] =
            entry.value(QStringLiteral("effect")).toString();
    }
    endResetModel();
    setModified(false);
}

QJsonArray PermissionModel::entries() const
{
    QJsonArray out;
    for (const auto& row : m_rows) {
        for (const auto& [right, effect] : row.effects) {
            out.append(QJsonObject{{QStringLiteral("principal"), row.who.json()},
                                   {QStringLiteral("right"), right},
                                   {QStringLiteral("effect"), effect}});
        }
    }
    return out;
}

bool PermissionModel::addPrincipal(const Principal& principal)
{
    if (rowOf(principal.kind, principal.id) >= 0) {
        return false;
    }
    const int at = int(m_rows.size());
    beginInsertRows({}, at, at);
    m_rows.push_back({principal, {}});
    endInsertRows();
    return true;
}

void PermissionModel::removePrincipal(int row)
{
    if (row < 0 || row >= int(m_rows.size())) {
        return;
    }
    const bool hadEntries = !m_rows[size_t(row)].effects.empty();
    beginRemoveRows({}, row, row);
    m_rows.erase(m_rows.begin() + row);
    endRemoveRows();
    if (hadEntries) {
        setModified(true);
    }
}

int PermissionModel::rowOf(const QString& kind, qint64 id) const
{
    for (int i = 0; i < int(m_rows.size()); ++i) {
        if (m_rows[size_t(i)].who.kind == kind && m_rows[size_t(i)].who.id == id) {
            return i;
        }
    }
    return -1;
}

QString PermissionModel::effect(int row, const QString& right) const
{
    if (row < 0 || row >= int(m_rows.size())) {
        return {};
    }
    const auto& effects = m_rows[size_t(row)].effects;
    const auto found = effects.find(right);
    return found == effects.end() ? QString() : found->second;
}

void PermissionModel::setEffect(int row, const QString& right, const QString& effect)
{
    const int column = int(rights().indexOf(right)) + 1;
    if (row < 0 || row >= int(m_rows.size()) || column <= 0 || this->effect(row, right) == effect) {
        return;
    }
    auto& effects = m_rows[size_t(row)].effects;
    if (effect.isEmpty()) {
        effects.erase(right);
    } else {
        effects[right] = effect;
    }
    Q_EMIT dataChanged(index(row, column), index(row, column));
    setModified(true);
}

void PermissionModel::cycle(const QModelIndex& index)
{
    if (!index.isValid() || index.column() == 0) {
        return;
    }
    const QString& right = rights()[index.column() - 1];
    const QString now = effect(index.row(), right);
    setEffect(index.row(), right,
              now.isEmpty()                   ? QStringLiteral("allow")
              : now == QLatin1String("allow") ? QStringLiteral("deny")
                                              : QString());
}

int PermissionModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int PermissionModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(rights().size()) + 1;
}

QVariant PermissionModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= int(m_rows.size())) {
        return {};
    }
    const Row& row = m_rows[size_t(index.row())];
    if (index.column() == 0) {
        return role == Qt::DisplayRole ? QVariant(row.who.label()) : QVariant();
    }
    const QString& right = rights()[index.column() - 1];
    const QString effect = this->effect(index.row(), right);
    switch (role) {
    case EffectRole:
        return effect;
    case Qt::DisplayRole:
        return effect.isEmpty()                   ? QStringLiteral("–")
               : effect == QLatin1String("allow") ? tr("Allow")
                                                  : tr("Deny");
    case Qt::BackgroundRole:
        return effect.isEmpty()                   ? QVariant()
               : effect == QLatin1String("allow") ? QVariant(QColor(0xd8, 0xf0, 0xd8))
                                                  : QVariant(QColor(0xf6, 0xd0, 0xd0));
    case Qt::TextAlignmentRole:
        return int(Qt::AlignCenter);
    case Qt::ToolTipRole:
        return tr("%1 for %2: %3. Click to change (not set → Allow → Deny).")
            .arg(right, row.who.label(),
                 effect.isEmpty() ? tr("not set") : data(index, Qt::DisplayRole).toString());
    default:
        return {};
    }
}

QVariant PermissionModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return QAbstractTableModel::headerData(section, orientation, role);
    }
    return section == 0 ? tr("Administrator or group") : rights().value(section - 1);
}

Qt::ItemFlags PermissionModel::flags(const QModelIndex& index) const
{
    return index.isValid() ? Qt::ItemIsEnabled | Qt::ItemIsSelectable : Qt::NoItemFlags;
}

void PermissionModel::setModified(bool modified)
{
    if (m_modified != modified) {
        m_modified = modified;
        Q_EMIT modifiedChanged(modified);
    }
}

} // namespace steward::console::models
