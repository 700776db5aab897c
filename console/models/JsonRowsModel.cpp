// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "console/models/JsonRowsModel.h"

namespace steward::console::models {

int JsonRowsModel::rowOf(qint64 id) const
{
    for (size_t row = 0; row < m_rows.size(); ++row) {
        if (m_rows[row].value(QStringLiteral("id")).toInteger() == id) {
            return int(row);
        }
    }
    return -1;
}

void JsonRowsModel::upsertRow(const QJsonObject& object)
{
    if (const int row = rowOf(object.value(QStringLiteral("id")).toInteger()); row >= 0) {
        m_rows[size_t(row)] = object;
        Q_EMIT dataChanged(index(row, 0), index(row, columnCount() - 1));
        return;
    }
    const int row = int(m_rows.size());
    beginInsertRows({}, row, row);
    m_rows.push_back(object);
    endInsertRows();
}

void JsonRowsModel::eraseRow(qint64 id)
{
    const int row = rowOf(id);
    if (row < 0) {
        return;
    }
    beginRemoveRows({}, row, row);
    m_rows.erase(m_rows.begin() + row);
    endRemoveRows();
}

} // namespace steward::console::models
