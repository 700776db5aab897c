// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// PermissionModel - the permission entries on one access-control node, as an editable grid.
#pragma once

#include <QAbstractTableModel>
#include <QJsonArray>
#include <QJsonObject>

#include <map>
#include <vector>

namespace steward::console::models {

/** An administrator or a group, as the permission routes name them. */
struct Principal {
    QString kind; // "admin" or "group"
    qint64 id = 0;
    QString name;

    [[nodiscard]] QString label() const;
    [[nodiscard]] QJsonObject json() const;
    [[nodiscard]] static Principal fromJson(const QJsonObject& json);
    friend bool operator==(const Principal& a, const Principal& b)
    {
        return a.kind == b.kind && a.id == b.id;
    }
};

/**
 * One row per principal that has entries on the node (or was added to get some), one column
 * per right after the principal's name. A cell is "allow", "deny" or empty (not set); cycle()
 * steps not set → Allow → Deny → not set. entries() is the body of
 * PUT /api/v1/permissions?node=…: the whole set, so removing a row removes its entries.
 */
class PermissionModel : public QAbstractTableModel {
    Q_OBJECT

public:
    enum Role { EffectRole = Qt::UserRole + 1 };

    /** The rights the server knows, in its order (docs/access-control.md). */
    [[nodiscard]] static const QStringList& rights();

    explicit PermissionModel(QObject* parent = nullptr);

    /** Replaces everything with the answer of GET /api/v1/permissions ({"entries":[…]}). */
    void load(const QJsonObject& reply);
    [[nodiscard]] QJsonArray entries() const;
    [[nodiscard]] bool isModified() const { return m_modified; }

    /** Adds a row for \a principal (no entries yet); false if it is there already. */
    bool addPrincipal(const Principal& principal);
    void removePrincipal(int row);
    [[nodiscard]] int rowOf(const QString& kind, qint64 id) const;
    [[nodiscard]] const Principal& principal(int row) const { return m_rows[size_t(row)].who; }
    /** "allow", "deny" or "" for not set. */
    [[nodiscard]] QString effect(int row, const QString& right) const;
    void setEffect(int row, const QString& right, const QString& effect);
    /** Steps a right cell to its next state; the principal column is left alone. */
    void cycle(const QModelIndex& index);

    [[nodiscard]] int rowCount(const QModelIndex& parent = {}) const override;
    [[nodiscard]] int columnCount(const QModelIndex& parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex& index, int role) const override;
    [[nodiscard]] QVariant headerData(int section, Qt::Orientation orientation,
                                      int role) const override;
    [[nodiscard]] Qt::ItemFlags flags(const QModelIndex& index) const override;

Q_SIGNALS:
    void modifiedChanged(bool modified);

private:
    struct Row {
        Principal who;
        std::map<QString, QString> effects; // right → "allow" | "deny"
    };
    void setModified(bool modified);

    std::vector<Row> m_rows;
    bool m_modified = false;
};

} // namespace steward::console::models
