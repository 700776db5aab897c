// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// JsonRowsModel - a table of server objects (JSON with an "id"), kept current by id.
#pragma once

#include <QAbstractTableModel>
#include <QJsonObject>

#include <vector>

namespace steward::console::models {

/** The row bookkeeping the recycle bin, profiles and views share; columns are the subclass's. */
class JsonRowsModel : public QAbstractTableModel {
    Q_OBJECT

public:
    using QAbstractTableModel::QAbstractTableModel;

    /** The row of the object with \a id, or -1. */
    [[nodiscard]] int rowOf(qint64 id) const;

protected:
    /** Replaces the object with the same id in place, or appends it. */
    void upsertRow(const QJsonObject& object);
    /** Removes the object with \a id, if shown. */
    void eraseRow(qint64 id);

    std::vector<QJsonObject> m_rows;
};

} // namespace steward::console::models
