// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// ProfilesModel - the configuration profiles, their values and assignments, following events.
#pragma once

#include "common/protocol/Events.h"
#include "console/net/Transport.h"

#include "console/models/JsonRowsModel.h"
#include <QJsonArray>
#include <QJsonObject>

#include <vector>

namespace steward::console::models {

/** When a change reaches the devices (?apply= on the profile routes, docs/settings.md). */
enum class ApplyMode { Now, NextConnect };

/**
 * GET /api/v1/profiles and the parameter registry (GET /api/v1/parameters) the value editor
 * is built from. "profile" events keep the list current. Every change goes to the server as
 * one request and reports through finished(what, error) with the server's message verbatim;
 * changes that reach devices carry ?apply=now|next-connect.
 */
class ProfilesModel : public JsonRowsModel {
    Q_OBJECT

public:
    enum Column { Name, Kind, Values, Assignments, Description, ColumnCount };
    enum Role { IdRole = Qt::UserRole + 1 };

    explicit ProfilesModel(net::Transport& transport, QObject* parent = nullptr);

    /** Loads the profiles and (once) the parameter registry. */
    void reload();
    [[nodiscard]] bool isLoaded() const { return m_loaded; }
    /** The registry's parameters ({"key","type","default","minimum",…}), ordered by key. */
    [[nodiscard]] const QJsonArray& parameters() const { return m_parameters; }

    [[nodiscard]] int rowCount(const QModelIndex& parent = {}) const override;
    [[nodiscard]] int columnCount(const QModelIndex& parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex& index, int role) const override;
    [[nodiscard]] QVariant headerData(int section, Qt::Orientation orientation,
                                      int role) const override;

    using JsonRowsModel::rowOf;
    [[nodiscard]] int rowOf(const QString& name) const;
    [[nodiscard]] QJsonObject profile(int row) const { return m_rows.at(size_t(row)); }

    void applyEvent(const protocol::ObjectEvent& event);
    /** Reads one profile again (after its assignments changed). */
    void refresh(qint64 id);

    void create(const QString& name, const QString& kind, const QString& description);
    void rename(qint64 id, const QString& name);
    void remove(qint64 id, ApplyMode mode);
    /** Sends \a values as the profile's whole set: keys it had and \a values lacks become null. */
    void saveValues(qint64 id, const QJsonObject& values, const QString& kind, ApplyMode mode);
    /** \a target is "device", "folder" or "view"; \a label names it in finished(). */
    void assign(qint64 id, const QString& target, qint64 targetId, ApplyMode mode,
                const QString& label = {});
    /** \a assignment as the profile lists it ({"id","device"|"folder"|"view"}). */
    void unassign(qint64 id, const QJsonObject& assignment, ApplyMode mode);
    /** Writes GET /api/v1/profiles/{id}/export to \a path (indented JSON). */
    void exportTo(qint64 id, const QString& path);
    /** Reads \a path and POSTs it to /api/v1/profiles/import[?replace=true]. */
    void importFrom(const QString& path, bool replace, ApplyMode mode);

    [[nodiscard]] static QString applyQuery(ApplyMode mode);

Q_SIGNALS:
    void loadFailed(const QString& error);
    void parametersLoaded();
    /** An operation ended: \a what ("Save Office"); \a error is empty when it worked. */
    void finished(const QString& what, const QString& error);
    /** A profile was created or imported (so the page can select it). */
    void created(qint64 id);

private:
    void upsert(const QJsonObject& profile);
    void erase(qint64 id);
    void call(const net::ApiRequest& request, const QString& what);

    net::Transport& m_transport;
    QJsonArray m_parameters;
    quint64 m_generation = 0;
    bool m_loaded = false;
};

} // namespace steward::console::models
