// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/db/Database.h"
#include "server/db/DeviceRepository.h"
#include "server/db/FolderRepository.h"
#include "tests/support/CatchQt.h"
#include "tests/support/server/MigratedDatabase.h"

#include <QSqlQuery>
#include <QVariant>

using namespace steward;
using namespace steward::server::db;
using steward::test::MigratedDatabase;

namespace {

qint64 insertDevice(Database& db, const QString& name, std::optional<qint64> folder = {})
{
    Device device;
    device.name = name;
    device.certFingerprint = name + QStringLiteral("-fp");
    device.certPem = QStringLiteral("pem");
    device.enrolledAt = 1;
    device.folderId = folder;
    const auto id = DeviceRepository(db).insert(device);
    REQUIRE(id.ok());
    return *id;
}

qint64 insertFolder(Database& db, const QString& name)
{
    Folder folder;
    folder.name = name;
    folder.createdAt = 1;
    const auto id = FolderRepository(db).insert(folder);
    REQUIRE(id.ok());
    return *id;
}

void run(Database& db, const QString& sql)
{
    INFO(sql.toStdString());
    REQUIRE(db.execute(sql, QStringLiteral("test setup")).ok());
}

qint64 count(Database& db, const QString& table, const QString& where)
{
    QSqlQuery query(db.connection());
    const QString sql = QStringLiteral("SELECT COUNT(*) FROM %1 WHERE %2").arg(table, where);
    INFO(sql.toStdString());
    REQUIRE(query.exec(sql));
    REQUIRE(query.next());
    return query.value(0).toLongLong();
}

/** One row in every table that references devices, plus a permission entry on the device. */
void addDependents(Database& db, qint64 device)
{
    const QString id = QString::number(device);
    run(db, QStringLiteral("INSERT INTO device_commands (device_id, kind, state, created_at, "
                           "expires_at) VALUES (%1, 'reboot', 'queued', 1, 2)")
                .arg(id));
    run(db, QStringLiteral("INSERT INTO attribute_definitions (name, type, overwrite_rule, "
                           "created_at, updated_at) SELECT 'room', 'string', 'always', 1, 1 "
                           "WHERE NOT EXISTS (SELECT 1 FROM attribute_definitions)"));
    run(db, QStringLiteral("INSERT INTO device_attributes (device_id, attribute_id, value, "
                           "set_by, updated_at) SELECT %1, id, 'x', 'alice', 1 FROM "
                           "attribute_definitions")
                .arg(id));
    run(db, QStringLiteral("INSERT INTO device_shadow (device_id) VALUES (%1)").arg(id));
    run(db, QStringLiteral("INSERT INTO shadow_sessions (session, device_id, admin, path, nonce, "
                           "created, expires) VALUES ('s%1', %1, 'alice', 'direct', 'n', 1, 2)")
                .arg(id));
    run(db, QStringLiteral("INSERT INTO profiles (name, kind, created_at, updated_at) SELECT "
                           "'p', 'standard', 1, 1 WHERE NOT EXISTS (SELECT 1 FROM profiles)"));
    run(db, QStringLiteral("INSERT INTO profile_assignments (profile_id, device_id, created_at) "
                           "SELECT id, %1, 1 FROM profiles")
                .arg(id));
    run(db, QStringLiteral("INSERT INTO device_local_values (device_id, parameter, value, "
                           "updated_at) VALUES (%1, 'screen.lock_timeout', '300', 1)")
                .arg(id));
    run(db, QStringLiteral("INSERT INTO device_config (device_id, revision, desired_version, "
                           "desired_values, changed_at, push_mode, state) VALUES (%1, 1, 'v', "
                           "'{}', 1, 'next-connect', 'pending')")
                .arg(id));
    run(db, QStringLiteral("INSERT INTO permissions (principal_kind, principal_id, node_kind, "
                           "node_id, right_name, effect) VALUES ('admin', 1, 'device', %1, "
                           "'Read', 'allow')")
                .arg(id));
}

const QStringList DependentTables{
    QStringLiteral("device_commands"),     QStringLiteral("device_attributes"),
    QStringLiteral("device_shadow"),       QStringLiteral("shadow_sessions"),
    QStringLiteral("profile_assignments"), QStringLiteral("device_local_values"),
    QStringLiteral("device_config")};

} // namespace

TEST_CASE("a device in the recycle bin is not listed or counted but keeps its data",
          "[integration][db][recycle]")
{
    MigratedDatabase fixture(test::anyDatabaseKind());
    Database& db = fixture.db;
    DeviceRepository devices(db);
    FolderRepository folders(db);
    const qint64 lab = insertFolder(db, QStringLiteral("Lab"));
    const qint64 a = insertDevice(db, QStringLiteral("a"), lab);
    const qint64 b = insertDevice(db, QStringLiteral("b"), lab);
    const qint64 c = insertDevice(db, QStringLiteral("c"));

    REQUIRE(devices.setBinned(a, 500, QStringLiteral("alice")).ok());
    REQUIRE(devices.setBinned(c, 501, QStringLiteral("bob")).ok());

    CHECK(devices.list(0, 10)->total == 1);
    CHECK(devices.list(0, 10)->items.front().id == b);
    CHECK(devices.listInFolder(lab, 0, 10)->total == 1);
    CHECK(devices.listInFolder(std::nullopt, 0, 10)->total == 0);
    CHECK(folders.deviceCounts()->value(lab) == 1);
    CHECK(folders.deviceCounts()->value(0) == 0);
    CHECK(*folders.devicesIn({lab}) == std::vector<qint64>{b});
    CHECK(devices.listWithBinned(0, 10)->total == 3);

    const auto binned = devices.listBinned(0, 10);
    REQUIRE(binned.ok());
    REQUIRE(binned->total == 2);
    CHECK(binned->items[0].id == a);
    CHECK(binned->items[0].deletedAt == 500);
    CHECK(binned->items[0].deletedBy == QStringLiteral("alice"));
    CHECK(binned->items[0].folderId == lab);
    CHECK(binned->items[1].deletedBy == QStringLiteral("bob"));

    const auto again = devices.setBinned(a, 600, QStringLiteral("carol"));
    REQUIRE_FALSE(again.ok());
    CHECK(again.error().code == ErrorCode::Conflict);
    CHECK((*devices.findById(a))->deletedAt == 500);

    const auto inUse = devices.getInUse(a);
    REQUIRE_FALSE(inUse.ok());
    CHECK(inUse.error().code == ErrorCode::Conflict);
    CHECK(inUse.error().message.contains(QStringLiteral("recycle bin")));
    CHECK(devices.getInUse(b).ok());
    CHECK(devices.getInUse(9999).error().code == ErrorCode::NotFound);
}

TEST_CASE("a restored device returns to its folder, or to the root when the folder is gone",
          "[integration][db][recycle]")
{
    MigratedDatabase fixture(test::anyDatabaseKind());
    Database& db = fixture.db;
    DeviceRepository devices(db);
    FolderRepository folders(db);
    const qint64 lab = insertFolder(db, QStringLiteral("Lab"));
    const qint64 gone = insertFolder(db, QStringLiteral("Gone"));
    const qint64 a = insertDevice(db, QStringLiteral("a"), lab);
    const qint64 b = insertDevice(db, QStringLiteral("b"), gone);
    REQUIRE(devices.setBinned(a, 500, QStringLiteral("alice")).ok());
    REQUIRE(devices.setBinned(b, 500, QStringLiteral("alice")).ok());
    REQUIRE(folders.remove({gone}).ok()); // the folder is empty: its only device is binned

    REQUIRE(devices.setRestored(a).ok());
    REQUIRE(devices.setRestored(b).ok());
    const Device restoredA = **devices.findById(a);
    CHECK_FALSE(restoredA.deletedAt.has_value());
    CHECK(restoredA.deletedBy.isEmpty());
    CHECK(restoredA.folderId == lab);
    CHECK_FALSE((*devices.findById(b))->folderId.has_value());
    CHECK(devices.list(0, 10)->total == 2);

    const auto notBinned = devices.setRestored(a);
    REQUIRE_FALSE(notBinned.ok());
    CHECK(notBinned.error().code == ErrorCode::Conflict);
}

TEST_CASE("a purge deletes the device with every dependent row, and only from the bin",
          "[integration][db][recycle]")
{
    MigratedDatabase fixture(test::anyDatabaseKind());
    Database& db = fixture.db;
    DeviceRepository devices(db);
    const qint64 doomed = insertDevice(db, QStringLiteral("doomed"));
    const qint64 kept = insertDevice(db, QStringLiteral("kept"));
    addDependents(db, doomed);
    addDependents(db, kept);

    const auto inUse = devices.purge(doomed);
    REQUIRE_FALSE(inUse.ok());
    CHECK(inUse.error().code == ErrorCode::Conflict);
    CHECK(count(db, QStringLiteral("permissions"), QStringLiteral("node_id = %1").arg(doomed))
          == 1);

    REQUIRE(devices.setBinned(doomed, 500, QStringLiteral("alice")).ok());
    REQUIRE(devices.purge(doomed).ok());
    CHECK_FALSE(devices.findById(doomed)->has_value());
    for (const auto& table : DependentTables) {
        INFO(table.toStdString());
        CHECK(count(db, table, QStringLiteral("device_id = %1").arg(doomed)) == 0);
        CHECK(count(db, table, QStringLiteral("device_id = %1").arg(kept)) == 1);
    }
    CHECK(count(db, QStringLiteral("permissions"),
                QStringLiteral("node_kind = 'device' AND node_id = %1").arg(doomed))
          == 0);
    CHECK(count(db, QStringLiteral("permissions"),
                QStringLiteral("node_kind = 'device' AND node_id = %1").arg(kept))
          == 1);
    CHECK(devices.purge(doomed).error().code == ErrorCode::Conflict);
}
