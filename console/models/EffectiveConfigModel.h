// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// EffectiveConfigModel - one device's effective configuration with provenance, and its push state.
#pragma once

#include "common/protocol/Events.h"
#include "console/net/Transport.h"

#include <QAbstractTableModel>
#include <QJsonArray>
#include <QJsonObject>

namespace steward::console::models {

/**
 * "Explain" for one device: every registry parameter with its value, where it came from
 * (default, local value, profile), through which assignment (direct, folder, view; priority)
 * and what it overrode, from GET /api/v1/devices/{id}/effective-config; the push state
 * (applied, pending, failed per parameter, reboot required) from .../config-state; and the
 * profiles that reach the device, direct and indirect.
 *
 * Live: a "device-config" event for the device replaces the push state and reloads the values
 * (the version changed); "profile", "view" and "folder" events and a change of the device itself
 * (it may have moved to another folder) reload the values. Answers for another device or an older
 * load are dropped.
 */
class EffectiveConfigModel : public QAbstractTableModel {
    Q_OBJECT

public:
    enum Column { Key, Value, Source, Assignment, Overrode, ColumnCount };
    enum Role { ReasonRole = Qt::UserRole + 1, KeyRole };

    explicit EffectiveConfigModel(net::Transport& transport, QObject* parent = nullptr);

    /** Loads device \a id (0 clears). */
    void setDevice(qint64 id);
    [[nodiscard]] qint64 device() const { return m_device; }
    /** Fetches values and push state again. */
    void reload();
    /** POST /api/v1/devices/{id}/config-push?apply=now; the state follows from the answer. */
    void push();

    [[nodiscard]] int rowCount(const QModelIndex& parent = {}) const override;
    [[nodiscard]] int columnCount(const QModelIndex& parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex& index, int role) const override;
    [[nodiscard]] QVariant headerData(int section, Qt::Orientation orientation,
                                      int role) const override;

    /** The row of parameter \a key, or -1. */
    [[nodiscard]] int rowOf(const QString& key) const;
    [[nodiscard]] QJsonObject value(int row) const { return m_values.at(row).toObject(); }
    /** The profiles that reach the device, strongest first ({"profile","assignment","direct"}). */
    [[nodiscard]] const QJsonArray& profiles() const { return m_profiles; }
    /** The device's folder path ("/Berlin/Floor 2"; "" at the top level). */
    [[nodiscard]] QString folderPath() const { return m_path; }
    [[nodiscard]] QString version() const { return m_version; }
    /** The config-state object; empty before the first computation (then stateError() says so). */
    [[nodiscard]] const QJsonObject& state() const { return m_state; }
    [[nodiscard]] QString stateError() const { return m_stateError; }
    [[nodiscard]] QString error() const { return m_error; }

    /** The push state in words: "Applied (revision 3, version 1a2b3c4d…)", pending, failed. */
    [[nodiscard]] QString stateSummary() const;
    /** "parameter: message" per failed parameter. */
    [[nodiscard]] QStringList failures() const;

    void applyEvent(const protocol::ObjectEvent& event);

    /** "profile \"Office\"", "local value on the device", "default". */
    [[nodiscard]] static QString sourceText(const QJsonObject& provenance);
    /** "direct", "folder /Berlin via /Berlin/Floor 2 (2 levels up)", "view \"Lab\"", + priority. */
    [[nodiscard]] static QString assignmentText(const QJsonObject& provenance,
                                                const QString& devicePath = {});
    /** A value as the administrator reads it: true, 30, UTC, [a, b]. */
    [[nodiscard]] static QString valueText(const QJsonValue& value);
    /** What a winning value overrode: "Office (folder /Berlin): true; default: false". */
    [[nodiscard]] static QString overrodeText(const QJsonArray& overrode,
                                              const QString& devicePath = {});

Q_SIGNALS:
    /** Values (and the assigned profiles) were cleared, arrived, or failed (error() says why). */
    void loaded();
    void stateChanged();
    /** A push request ended; \a error is empty when it was accepted. */
    void pushed(const QString& error);

private:
    void loadValues();
    void loadState();
    void setState(const QJsonObject& state, const QString& error);

    net::Transport& m_transport;
    qint64 m_device = 0;
    quint64 m_generation = 0;
    QJsonArray m_values;
    QJsonArray m_profiles;
    QString m_path;
    QString m_version;
    QString m_error;
    QJsonObject m_state;
    QString m_stateError;
};

} // namespace steward::console::models
