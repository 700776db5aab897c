// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// BundleApplier - applies a whole configuration bundle below a root directory, all or nothing.
#pragma once

#include "agent/settings/Applier.h"
#include "common/settings/ParameterRegistry.h"

#include <QMap>

#include <functional>

namespace steward::agent::settings {

struct ApplyReport {
    bool applied = false;
    QString version;                 // the bundle's version when applied, else the previous one
    QMap<QString, QString> failures; // parameter (or applier) → why it could not be applied
    QStringList notApplied;          // accepted, but their applier is not built into this agent
    bool rebootRequired = false;     // a changed parameter takes effect only after a restart
};

/**
 * The root is "/" on a device and a temporary directory in tests. A bundle is checked against
 * the registry and rendered by every applier first; only when nothing failed are the files
 * written, each atomically, and a write that fails restores the files written before it. So a
 * failing parameter leaves the previous configuration in place, reported per parameter.
 */
class BundleApplier {
public:
    /**
     * \a stateFile (in the agent's state directory) keeps the applied version and values
     * across restarts, so the agent can report what it has; empty keeps them in memory only.
     */
    BundleApplier(QString root, const steward::settings::ParameterRegistry& registry,
                  std::vector<std::unique_ptr<Applier>> appliers, QString stateFile = {});

    [[nodiscard]] ApplyReport apply(const QString& version, const QJsonObject& values);
    [[nodiscard]] const QString& appliedVersion() const { return m_version; }
    /**
     * Puts the kept bundle's runtime values (shadow, vnc, agent) into effect again, after an
     * agent restart; each failure, under its parameter or applier, is returned for the log.
     */
    [[nodiscard]] QMap<QString, QString> activateRuntime();

private:
    /** Writes the files, runs \a activate, then the state file; any failure puts back the files. */
    [[nodiscard]] Result<void> writeAll(const std::vector<FileChange>& changes,
                                        const QByteArray& state,
                                        const std::function<Result<void>()>& activate);
    /** Activates every runtime applier with its part of \a values; on a failure the ones done
     * so far get their part of \a previous again. The failure is named in \a failures. */
    [[nodiscard]] bool activateAll(const QJsonObject& values, const QJsonObject& previous,
                                   QMap<QString, QString>& failures);
    [[nodiscard]] QJsonObject runtimeValues(const QJsonObject& values,
                                            const QString& applier) const;

    QString m_root;
    const steward::settings::ParameterRegistry& m_registry;
    std::vector<std::unique_ptr<Applier>> m_appliers;
    QString m_stateFile;
    QString m_version;
    QJsonObject m_values;
};

} // namespace steward::agent::settings
