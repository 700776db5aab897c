// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// ViewsModel - the saved device views (filters), their members, following events.
#pragma once

#include "common/protocol/Events.h"
#include "console/models/ProfilesModel.h"
#include "console/net/Transport.h"

#include "console/models/JsonRowsModel.h"
#include <QHash>
#include <QJsonArray>
#include <QJsonObject>

#include <vector>

namespace steward::console::models {

/**
 * GET /api/v1/views; "view" events keep it current. create(), change() and remove() report
 * through finished(what, error) with the server's refusal verbatim (a bad filter names the
 * member: "body.filter.all[2].regex is not a valid regular expression: …"). loadMembers()
 * fetches the devices a view selects now (GET /api/v1/views/{id}/devices, first 1000).
 * The Profiles column names the profiles assigned to the view (names from GET /api/v1/profiles);
 * "profile" events (assignments to a view are announced on the profile) refresh the views in
 * place, so a selection and edits in progress stay.
 */
class ViewsModel : public JsonRowsModel {
    Q_OBJECT

public:
    enum Column { Name, Conditions, Profiles, Description, ColumnCount };
    enum Role { IdRole = Qt::UserRole + 1 };

    explicit ViewsModel(net::Transport& transport, QObject* parent = nullptr);

    void reload();
    [[nodiscard]] bool isLoaded() const { return m_loaded; }

    [[nodiscard]] int rowCount(const QModelIndex& parent = {}) const override;
    [[nodiscard]] int columnCount(const QModelIndex& parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex& index, int role) const override;
    [[nodiscard]] QVariant headerData(int section, Qt::Orientation orientation,
                                      int role) const override;

    [[nodiscard]] QJsonObject view(int row) const { return m_rows.at(size_t(row)); }
    /** "Office, Lab": the profiles assigned to the view in \a row ("" when none). */
    [[nodiscard]] QString profileNames(int row) const;

    void applyEvent(const protocol::ObjectEvent& event);

    void create(const QString& name, const QString& description, const QJsonObject& filter);
    /** Sends name, description and filter with the revision last read (a stale one is 409). */
    void change(qint64 id, const QString& name, const QString& description,
                const QJsonObject& filter, ApplyMode mode);
    void remove(qint64 id, ApplyMode mode);
    void loadMembers(qint64 id);
    [[nodiscard]] qint64 membersOf() const { return m_membersOf; }
    [[nodiscard]] const QJsonArray& members() const { return m_members; }
    [[nodiscard]] qint64 memberTotal() const { return m_memberTotal; }

Q_SIGNALS:
    void loadFailed(const QString& error);
    void finished(const QString& what, const QString& error);
    void created(qint64 id);
    /** The members of membersOf() arrived (\a error set when they could not be loaded). */
    void membersLoaded(const QString& error);

private:
    void upsert(const QJsonObject& view);
    void loadProfileNames();
    /** GET /api/v1/views again, updating rows in place (no reset). */
    void refresh();
    void erase(qint64 id);

    net::Transport& m_transport;
    QHash<qint64, QString> m_profileNames;
    quint64 m_generation = 0;
    bool m_loaded = false;
    qint64 m_membersOf = 0;
    QJsonArray m_members;
    qint64 m_memberTotal = 0;
};

} // namespace steward::console::models
