// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/admin/SchemaSteps.h"

#include "server/db/Migrator.h"

namespace steward::server::admin {
namespace {

std::vector<db::Migration> stepsUpTo(int version)
{
    std::vector<db::Migration> steps;
    for (const auto& step : db::migrations()) {
        if (step.version <= version) {
            steps.push_back(step);
        }
    }
    return steps;
}

Result<void> checkNotNewer(const db::DataSnapshot& snapshot)
{
    const int latest = db::migrations().empty() ? 0 : db::migrations().back().version;
    if (snapshot.schemaVersion > latest) {
        return makeError(ErrorCode::DatabaseTooNew,
                         QStringLiteral("the data has schema version %1, newer than this Steward "
                                        "build knows (%2); use a newer steward-admin")
                             .arg(snapshot.schemaVersion)
                             .arg(latest));
    }
    return {};
}

} // namespace

Result<void> validateSnapshot(const db::DataSnapshot& snapshot)
{
    if (auto fits = checkNotNewer(snapshot); !fits) {
        return fits;
    }
    db::DatabaseConfig config;
    config.kind = db::DatabaseKind::Sqlite;
    config.sqliteFile = QStringLiteral(":memory:");
    db::Database scratch(config);
    if (auto opened = scratch.open(); !opened) {
        return opened;
    }
    const auto steps = stepsUpTo(snapshot.schemaVersion);
    if (auto migrated = db::Migrator(scratch, steps).apply(); !migrated) {
        return migrated;
    }
    return db::checkMatchesSchema(scratch, snapshot);
}

Result<void> loadSnapshot(db::Database& target, const db::DataSnapshot& snapshot, bool replace)
{
    if (auto fits = checkNotNewer(snapshot); !fits) {
        return fits;
    }
    const auto steps = stepsUpTo(snapshot.schemaVersion);
    db::Migrator toSnapshot(target, steps);
    auto current = toSnapshot.currentVersion();
    if (!current) {
        return current.error();
    }
    if (*current > snapshot.schemaVersion) {
        return makeError(ErrorCode::Conflict,
                         QStringLiteral("the target %1 has schema version %2, newer than the "
                                        "data's %3; use an empty database")
                             .arg(target.config().describe())
                             .arg(*current)
                             .arg(snapshot.schemaVersion));
    }
    if (auto migrated = toSnapshot.apply(); !migrated) {
        return migrated;
    }
    if (auto written = db::writeSnapshot(target, snapshot, replace); !written) {
        return written;
    }
    return db::Migrator(target).apply();
}

} // namespace steward::server::admin
