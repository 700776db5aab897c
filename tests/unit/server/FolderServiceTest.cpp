// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/services/FolderService.h"
#include "server/db/AuditRepository.h"
#include "server/db/DataCopier.h"
#include "server/db/DeviceRepository.h"
#include "server/db/FolderRepository.h"
#include "server/services/AuditLog.h"
#include "server/services/EventHub.h"
#include "tests/support/server/MigratedDatabase.h"

using namespace steward;
using namespace steward::server;
using services::FolderChange;
using services::FolderService;
using steward::test::MigratedDatabase;

namespace {

// A migrated database of either kind with the folder service over it, collecting its events.
struct Folders {
    explicit Folders(db::DatabaseKind kind)
        : m(kind), folders(m.db), devices(m.db), auditRepository(m.db),
          audit(auditRepository, [] { return qint64(5000); }),
          service(
              m.db, folders, devices, audit, events, [] { return qint64(5000); },
              [](qint64) { return false; })
    {
        QObject::connect(&events, &services::EventHub::published,
                         [this](const QJsonObject& event) { published.push_back(event); });
    }

    qint64 folder(const QString& name, std::optional<qint64> parent = std::nullopt)
    {
        const auto created = service.create(name, parent, requester);
        INFO((created.ok() ? std::string() : created.error().message.toStdString()));
        REQUIRE(created.ok());
        return created->folder.id;
    }

    qint64 device(const QString& name, std::optional<qint64> folder = std::nullopt)
    {
        db::Device device;
        device.name = name;
        device.certFingerprint = name + QStringLiteral("-fingerprint");
        device.certPem = QStringLiteral("pem");
        device.enrolledAt = 1;
        device.folderId = folder;
        const auto id = devices.insert(device);
        REQUIRE(id.ok());
        return *id;
    }

    QString path(qint64 id) { return service.read(id)->path; }

    std::vector<db::AuditEntry> auditEntries(const QString& action)
    {
        db::AuditFilter filter;
        filter.action = action;
        return audit.query(filter, 0, 100)->items;
    }

    MigratedDatabase m;
    db::FolderRepository folders;
    db::DeviceRepository devices;
    db::AuditRepository auditRepository;
    services::AuditLog audit;
    services::EventHub events;
    FolderService service;
    services::Requester requester{QStringLiteral("alice"), QStringLiteral("127.0.0.1")};
    std::vector<QJsonObject> published;
};

bool sawEvent(const std::vector<QJsonObject>& events, const QString& event, const QString& kind,
              qint64 id)
{
    return std::any_of(events.begin(), events.end(), [&](const QJsonObject& e) {
        return e[QStringLiteral("event")] == event && e[QStringLiteral("kind")] == kind
               && e[QStringLiteral("id")].toInteger() == id;
    });
}

} // namespace

TEST_CASE("folders form a tree with paths, device counts, events and audit entries",
          "[integration][db][folders]")
{
    Folders f(test::anyDatabaseKind());
    const qint64 berlin = f.folder(QStringLiteral("Berlin"));
    const qint64 floor2 = f.folder(QStringLiteral("Floor 2"), berlin);
    const qint64 paris = f.folder(QStringLiteral("Paris"));
    f.device(QStringLiteral("tc-1"), floor2);
    f.device(QStringLiteral("tc-2"), floor2);
    f.device(QStringLiteral("tc-3"));

    const auto list = f.service.list();
    REQUIRE(list.ok());
    REQUIRE(list->size() == 3);
    CHECK((*list)[0].path == QStringLiteral("/Berlin"));
    CHECK((*list)[1].path == QStringLiteral("/Berlin/Floor 2"));
    CHECK((*list)[1].deviceCount == 2);
    CHECK((*list)[1].folder.parentId == std::optional<qint64>(berlin));
    CHECK((*list)[2].path == QStringLiteral("/Paris"));
    CHECK((*list)[2].deviceCount == 0);
    const auto json = FolderService::folderJson((*list)[1]);
    CHECK(json[QStringLiteral("parent")].toInteger() == berlin);
    CHECK(json[QStringLiteral("deviceCount")].toInteger() == 2);
    CHECK(FolderService::folderJson((*list)[0])[QStringLiteral("parent")].isNull());

    CHECK(sawEvent(f.published, QStringLiteral("created"), QStringLiteral("folder"), paris));
    const auto created = f.auditEntries(QStringLiteral("folder.create"));
    REQUIRE(created.size() == 3);
    CHECK(created.front().actor == QStringLiteral("alice"));
    CHECK(created.front().outcome == QStringLiteral("ok"));

    const auto tree = f.service.tree();
    REQUIRE(tree.ok());
    CHECK(tree->resolve(QStringLiteral("/berlin/FLOOR 2/")).value() == std::optional(floor2));
    CHECK(tree->resolve(QStringLiteral("/")).value() == std::nullopt);
    CHECK(tree->ancestors(floor2) == std::vector<qint64>{berlin});
}

TEST_CASE("sibling names are unique ignoring case and names are checked",
          "[integration][db][folders]")
{
    Folders f(test::anyDatabaseKind());
    const qint64 berlin = f.folder(QStringLiteral("Berlin"));
    f.folder(QStringLiteral("Lab"), berlin);
    f.folder(QStringLiteral("Lab")); // the same name under another parent is fine

    const auto twin = f.service.create(QStringLiteral("BERLIN"), std::nullopt, f.requester);
    REQUIRE_FALSE(twin.ok());
    CHECK(twin.error().code == ErrorCode::AlreadyExists);
    CHECK(twin.error().message.contains(QStringLiteral("\"Berlin\"")));
    const auto denied = f.auditEntries(QStringLiteral("folder.create"));
    CHECK(denied.front().outcome == QStringLiteral("denied"));

    for (const QString& bad :
         {QString(), QStringLiteral(" padded"), QStringLiteral("a/b"), QStringLiteral(".."),
          QString(65, QLatin1Char('x')), QStringLiteral("tab\there")}) {
        const auto refused = f.service.create(bad, std::nullopt, f.requester);
        INFO(bad.toStdString());
        REQUIRE_FALSE(refused.ok());
        CHECK(refused.error().code == ErrorCode::InvalidValue);
    }
    CHECK(f.service.create(QStringLiteral("x"), 999, f.requester).error().code
          == ErrorCode::NotFound);
    CHECK(f.service.list()->size() == 3);
}

TEST_CASE("moving a folder changes the paths below it, while cycles and depth are refused",
          "[integration][db][folders]")
{
    Folders f(test::anyDatabaseKind());
    const qint64 a = f.folder(QStringLiteral("A"));
    const qint64 b = f.folder(QStringLiteral("B"), a);
    const qint64 c = f.folder(QStringLiteral("C"), b);
    const qint64 other = f.folder(QStringLiteral("Other"));

    SECTION("a move and a rename in one change")
    {
        f.published.clear();
        const auto moved = f.service.update(
            b, FolderChange{QStringLiteral("Bee"), std::optional<qint64>(other)}, f.requester);
        REQUIRE(moved.ok());
        CHECK(moved->path == QStringLiteral("/Other/Bee"));
        CHECK(f.path(c) == QStringLiteral("/Other/Bee/C"));
        CHECK(sawEvent(f.published, QStringLiteral("changed"), QStringLiteral("folder"), c));
        const auto entries = f.auditEntries(QStringLiteral("folder.change"));
        REQUIRE(entries.size() == 1);
        CHECK(entries.front().details.contains(QStringLiteral("from=\"/A/B\"")));
        CHECK(entries.front().details.contains(QStringLiteral("to=\"/Other/Bee\"")));
    }
    SECTION("to the root")
    {
        REQUIRE(
            f.service.update(c, FolderChange{std::nullopt, std::optional<qint64>()}, f.requester)
                .ok());
        CHECK(f.path(c) == QStringLiteral("/C"));
    }
    SECTION("into itself or a subfolder")
    {
        for (const qint64 target : {a, b, c}) {
            const auto refused =
                f.service.update(a, FolderChange{std::nullopt, target}, f.requester);
            REQUIRE_FALSE(refused.ok());
            CHECK(refused.error().code == ErrorCode::InvalidValue);
            CHECK(refused.error().message.contains(QStringLiteral("subfolders")));
        }
        CHECK(f.path(c) == QStringLiteral("/A/B/C"));
    }
    SECTION("deeper than the limit, counting the moved subtree")
    {
        qint64 deepest = other;
        for (int level = 2; level <= services::MaxFolderDepth; ++level) {
            deepest = f.folder(QStringLiteral("L%1").arg(level), deepest);
        }
        const auto tooDeep = f.service.create(QStringLiteral("x"), deepest, f.requester);
        REQUIRE_FALSE(tooDeep.ok());
        CHECK(tooDeep.error().message.contains(QStringLiteral("at most 10 levels")));
        // A (3 levels) fits below level 7 but not below level 8.
        const auto above = f.service.tree()->ancestors(deepest); // levels 9, 8, 7, ...
        const qint64 level8 = above[1];
        const qint64 level7 = above[2];
        CHECK_FALSE(f.service.update(a, FolderChange{std::nullopt, level8}, f.requester).ok());
        CHECK(f.service.update(a, FolderChange{std::nullopt, level7}, f.requester).ok());
    }
    SECTION("onto a sibling's name")
    {
        f.folder(QStringLiteral("c"), other);
        const auto clash = f.service.update(c, FolderChange{std::nullopt, other}, f.requester);
        REQUIRE_FALSE(clash.ok());
        CHECK(clash.error().code == ErrorCode::AlreadyExists);
    }
}

TEST_CASE("deleting a folder: empty at once, non-empty only recursively, devices to the root",
          "[integration][db][folders]")
{
    Folders f(test::anyDatabaseKind());
    const qint64 a = f.folder(QStringLiteral("A"));
    const qint64 b = f.folder(QStringLiteral("B"), a);
    const qint64 empty = f.folder(QStringLiteral("Empty"));
    const qint64 device = f.device(QStringLiteral("tc-1"), b);

    REQUIRE(f.service.remove(empty, false, f.requester).ok());
    CHECK(sawEvent(f.published, QStringLiteral("deleted"), QStringLiteral("folder"), empty));

    const auto refused = f.service.remove(a, false, f.requester);
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().code == ErrorCode::Conflict);
    CHECK(refused.error().message.contains(QStringLiteral("1 subfolders, 1 devices")));
    CHECK(f.service.list()->size() == 2);

    const auto removed = f.service.remove(a, true, f.requester);
    REQUIRE(removed.ok());
    CHECK(removed->folders == std::vector<qint64>{a, b});
    CHECK(removed->devices == std::vector<qint64>{device});
    CHECK(f.service.list()->empty());
    const auto moved = f.devices.findById(device);
    CHECK_FALSE((*moved)->folderId.has_value());
    CHECK((*moved)->revision == 2);
    CHECK(sawEvent(f.published, QStringLiteral("changed"), QStringLiteral("device"), device));
    CHECK(f.auditEntries(QStringLiteral("folder.delete"))
              .front()
              .details.contains(QStringLiteral("devices_to_root=1")));
    CHECK(f.service.remove(a, true, f.requester).error().code == ErrorCode::NotFound);
}

TEST_CASE("a device is moved and renamed, and an unknown folder changes nothing",
          "[integration][db][folders]")
{
    Folders f(test::anyDatabaseKind());
    const qint64 lab = f.folder(QStringLiteral("Lab"));
    const qint64 device = f.device(QStringLiteral("tc-1"));

    auto changed = f.service.changeDevice(
        device, services::DeviceChange{QStringLiteral("reception"), std::optional<qint64>(lab)},
        f.requester);
    REQUIRE(changed.ok());
    CHECK(changed->name == QStringLiteral("reception"));
    CHECK(changed->folderId == std::optional<qint64>(lab));
    CHECK(f.service.read(lab)->deviceCount == 1);
    CHECK(sawEvent(f.published, QStringLiteral("changed"), QStringLiteral("device"), device));

    const auto unknown = f.service.changeDevice(
        device, services::DeviceChange{QStringLiteral("x"), std::optional<qint64>(77)},
        f.requester);
    REQUIRE_FALSE(unknown.ok());
    CHECK(unknown.error().code == ErrorCode::NotFound);
    CHECK((*f.devices.findById(device))->name == QStringLiteral("reception"));

    CHECK(f.service.changeDevice(device, {QStringLiteral(" "), std::nullopt}, f.requester)
              .error()
              .code
          == ErrorCode::InvalidValue);
    CHECK(f.service.changeDevice(999, {std::nullopt, std::optional<qint64>()}, f.requester)
              .error()
              .code
          == ErrorCode::NotFound);
    REQUIRE(
        f.service.changeDevice(device, {std::nullopt, std::optional<qint64>()}, f.requester).ok());
    CHECK_FALSE((*f.devices.findById(device))->folderId.has_value());
    CHECK(f.auditEntries(QStringLiteral("device.change")).size() == 5);
}

TEST_CASE("a folder moved under a newer one survives a copy to another database",
          "[integration][db][folders]")
{
    Folders f(test::anyDatabaseKind());
    const qint64 old = f.folder(QStringLiteral("Old"));
    const qint64 newer = f.folder(QStringLiteral("Newer"));
    REQUIRE(f.service.update(old, FolderChange{std::nullopt, newer}, f.requester).ok());
    f.device(QStringLiteral("tc-1"), old);

    const auto snapshot = db::readSnapshot(f.m.db);
    REQUIRE(snapshot.ok());
    MigratedDatabase target(test::anyDatabaseKind());
    const auto written = db::writeSnapshot(target.db, *snapshot);
    INFO((written.ok() ? std::string() : written.error().message.toStdString()));
    REQUIRE(written.ok());
    db::FolderRepository copied(target.db);
    CHECK((*copied.findById(old))->parentId == std::optional<qint64>(newer));
    CHECK(copied.deviceCounts()->value(old) == 1);
}
