// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// Views on a real database of either kind: storage, checks, membership and the precedence of
// view-assigned profiles (docs/views.md).
#include "server/services/ViewService.h"
#include "server/db/AttributeRepository.h"
#include "server/db/AuditRepository.h"
#include "server/db/DeviceRepository.h"
#include "server/db/FolderRepository.h"
#include "server/db/ProfileRepository.h"
#include "server/db/ViewRepository.h"
#include "server/services/AuditLog.h"
#include "server/services/EventHub.h"
#include "server/services/FolderService.h"
#include "server/services/ProfileService.h"
#include "server/services/ViewMembership.h"
#include "tests/support/server/MigratedDatabase.h"

#include <QJsonArray>
#include <QJsonDocument>

using namespace steward;
using namespace steward::server;
using steward::test::MigratedDatabase;

namespace {

const QString Timeout = QStringLiteral("shadow.prompt_timeout");

QJsonObject filter(const char* text)
{
    return QJsonDocument::fromJson(QByteArray(text)).object();
}

// Folders, profiles, attributes and views over one migrated database, wired like ServerApp.
struct Views {
    explicit Views(db::DatabaseKind kind)
        : m(kind), folderRepository(m.db), devices(m.db), profileRepository(m.db), attributes(m.db),
          viewRepository(m.db), auditRepository(m.db),
          audit(auditRepository, [] { return qint64(7000); }),
          folders(
              m.db, folderRepository, devices, audit, events, [] { return qint64(7000); },
              [](qint64) { return false; }),
          profiles(m.db, profileRepository, devices, folders,
                   settings::ParameterRegistry::standard(), audit, events,
                   [] { return qint64(7000); }),
          membership(viewRepository, devices, attributes, folders, [](qint64) { return false; }),
          views(m.db, viewRepository, attributes, folders, audit, events,
                [] { return qint64(7000); })
    {
        profiles.setViews(viewRepository,
                          [this](const db::Device& device, const std::vector<qint64>& chain,
                                 const std::vector<db::View>& all) {
                              return membership.viewsOf(device, chain, all);
                          });
        db::AttributeDefinition room;
        room.name = QStringLiteral("room");
        room.createdAt = room.updatedAt = 1;
        auto id = attributes.insertDefinition(room);
        REQUIRE(id.ok());
        roomId = *id;
    }

    qint64 folder(const QString& name, std::optional<qint64> parent = std::nullopt)
    {
        auto created = folders.create(name, parent, requester);
        REQUIRE(created.ok());
        return created->folder.id;
    }

    qint64 device(const QString& name, std::optional<qint64> folder, const QString& room = {})
    {
        db::Device device;
        device.name = name;
        device.certFingerprint = QStringLiteral("fp-") + name;
        device.certPem = QStringLiteral("pem");
        device.folderId = folder;
        auto id = devices.insert(device);
        REQUIRE(id.ok());
        if (!room.isEmpty()) {
            setRoom(*id, room);
        }
        return *id;
    }

    void setRoom(qint64 device, const QString& room)
    {
        REQUIRE(
            attributes.setValue({device, roomId, room, protocol::AttributeWriter::Server, 2}).ok());
    }

    qint64 view(const QString& name, const char* json)
    {
        auto created = views.create(name, {}, filter(json), requester);
        INFO((created.ok() ? std::string() : created.error().message.toStdString()));
        REQUIRE(created.ok());
        return created->view.id;
    }

    qint64 profile(const QString& name, db::ProfileKind kind, qint64 timeout)
    {
        db::Profile profile;
        profile.name = name;
        profile.kind = kind;
        auto created = profiles.create(profile, {{Timeout, timeout}}, requester);
        REQUIRE(created.ok());
        return created->profile.id;
    }

    // The effective timeout on \a device and the id of the profile that set it (0: none).
    std::pair<qint64, qint64> effective(qint64 device)
    {
        auto config = profiles.effectiveConfig(device);
        REQUIRE(config.ok());
        for (const auto& value : config->values) {
            if (value.parameter->key == Timeout) {
                return {value.winner.value.toInteger(),
                        value.winner.origin ? value.winner.origin->profileId : 0};
            }
        }
        FAIL("no parameter");
        return {};
    }

    MigratedDatabase m;
    db::FolderRepository folderRepository;
    db::DeviceRepository devices;
    db::ProfileRepository profileRepository;
    db::AttributeRepository attributes;
    db::ViewRepository viewRepository;
    db::AuditRepository auditRepository;
    services::AuditLog audit;
    services::EventHub events;
    services::FolderService folders;
    services::ProfileService profiles;
    services::ViewMembership membership;
    services::ViewService views;
    services::Requester requester{QStringLiteral("alice"), QStringLiteral("127.0.0.1")};
    qint64 roomId = 0;
};

using Effective = std::pair<qint64, qint64>;

} // namespace

TEST_CASE("views are stored, renamed, checked and deleted with their profile assignments",
          "[integration][db][views]")
{
    Views v(test::anyDatabaseKind());
    const qint64 berlin = v.folder(QStringLiteral("Berlin"));
    const qint64 lab =
        v.view(QStringLiteral("Lab"),
               R"({"all":[{"field":"attribute","attribute":"room","equals":"lab"}]})");
    auto stored = v.viewRepository.findById(lab);
    REQUIRE(stored.ok());
    REQUIRE(stored->has_value());
    // Stored in canonical form.
    CHECK((*stored)->filter
          == QString::fromUtf8(
              R"({"all":[{"attribute":"room","equals":"lab","field":"attribute"}]})"));

    // Checks name the member at fault; nothing is stored.
    const auto noFolder =
        v.views.create(QStringLiteral("X"), {},
                       filter(R"({"all":[{"field":"folder","folder":999}]})"), v.requester);
    CHECK(noFolder.error().code == ErrorCode::InvalidValue);
    CHECK(noFolder.error().message.contains(QStringLiteral("body.filter.all[0].folder")));
    const auto noAttribute = v.views.create(
        QStringLiteral("X"), {},
        filter(R"({"all":[{"field":"attribute","attribute":"colour","glob":"*"}]})"), v.requester);
    CHECK(noAttribute.error().message.contains(QStringLiteral("\"colour\"")));
    CHECK(
        v.views.create(QStringLiteral("Lab"), {}, filter(R"({"all":[]})"), v.requester).error().code
        == ErrorCode::AlreadyExists);
    CHECK(v.views.create(QStringLiteral(" Lab"), {}, filter(R"({"all":[]})"), v.requester)
              .error()
              .message.contains(QStringLiteral("body.name")));
    CHECK(v.views.list()->size() == 1);

    services::ViewChange change;
    change.name = QStringLiteral("Berlin lab");
    change.filter =
        QJsonObject{{QStringLiteral("all"),
                     QJsonArray{QJsonObject{{QStringLiteral("field"), QStringLiteral("folder")},
                                            {QStringLiteral("folder"), berlin}}}}};
    change.revision = 1;
    const auto changed = v.views.update(lab, change, v.requester);
    REQUIRE(changed.ok());
    CHECK(changed->view.revision == 2);
    CHECK(changed->filter.folders() == std::vector<qint64>{berlin});
    CHECK(v.views.update(lab, change, v.requester).error().code == ErrorCode::Conflict);

    const qint64 profile = v.profile(QStringLiteral("p"), db::ProfileKind::Standard, 60);
    const auto assigned = v.profiles.assignView(profile, lab, v.requester);
    REQUIRE(assigned.ok());
    CHECK(v.profiles.assignView(profile, lab, v.requester).error().code
          == ErrorCode::AlreadyExists);
    CHECK(v.profiles.assignView(profile, 999, v.requester).error().code == ErrorCode::NotFound);
    CHECK(v.profiles.read(profile)->viewAssignments.size() == 1);
    CHECK(v.views.read(lab)->assignments.size() == 1);
    REQUIRE(v.views.remove(lab, v.requester).ok());
    CHECK(v.profiles.read(profile)->viewAssignments.empty());
    CHECK(v.views.remove(lab, v.requester).error().code == ErrorCode::NotFound);

    // Deleting the profile removes its view assignments too.
    const qint64 all = v.view(QStringLiteral("All"), R"({"all":[]})");
    REQUIRE(v.profiles.assignView(profile, all, v.requester).ok());
    REQUIRE(v.profiles.remove(profile, v.requester).ok());
    CHECK(v.viewRepository.allAssignments()->empty());

    db::AuditFilter audited;
    audited.action = QStringLiteral("view.create");
    CHECK(v.audit.query(audited, 0, 100)->total == 6); // 2 created, 4 denied
}

TEST_CASE("a view's members follow device fields, folders and attributes",
          "[integration][db][views]")
{
    Views v(test::anyDatabaseKind());
    const qint64 berlin = v.folder(QStringLiteral("Berlin"));
    const qint64 floor = v.folder(QStringLiteral("Floor 2"), berlin);
    const qint64 a = v.device(QStringLiteral("TC-1"), floor, QStringLiteral("lab"));
    const qint64 b = v.device(QStringLiteral("TC-2"), berlin, QStringLiteral("office"));
    const qint64 c = v.device(QStringLiteral("kiosk"), std::nullopt, QStringLiteral("lab"));
    const auto members = [&](const char* json) {
        const qint64 id = v.view(QStringLiteral("v%1").arg(v.views.list()->size()), json);
        auto ids = v.membership.members(id);
        REQUIRE(ids.ok());
        return *ids;
    };
    using Ids = std::vector<qint64>;
    CHECK(members(R"({"all":[]})") == Ids{a, b, c});
    CHECK(members(R"({"all":[{"field":"name","glob":"tc-*"}]})") == Ids{a, b});
    CHECK(members(R"({"all":[{"field":"attribute","attribute":"room","equals":"lab"}]})")
          == Ids{a, c});
    CHECK(
        members(QJsonDocument(QJsonObject{{QStringLiteral("all"),
                                           QJsonArray{QJsonObject{
                                               {QStringLiteral("field"), QStringLiteral("folder")},
                                               {QStringLiteral("folder"), berlin},
                                               {QStringLiteral("subfolders"), false}}}}})
                    .toJson()
                    .constData())
        == Ids{b});
    CHECK(members(R"({"all":[{"field":"folder","folder":null,"subfolders":false}]})") == Ids{c});
    CHECK(v.membership.members(999).error().code == ErrorCode::NotFound);
}

TEST_CASE("a view's profile ranks below a direct assignment and above folders, and reverts "
          "when the device leaves the view",
          "[integration][db][views][precedence]")
{
    Views v(test::anyDatabaseKind());
    const qint64 berlin = v.folder(QStringLiteral("Berlin"));
    const qint64 device = v.device(QStringLiteral("TC-1"), berlin, QStringLiteral("lab"));
    const qint64 other = v.device(QStringLiteral("TC-2"), berlin, QStringLiteral("office"));
    const qint64 lab =
        v.view(QStringLiteral("Lab"),
               R"({"all":[{"field":"attribute","attribute":"room","equals":"lab"}]})");

    // Higher ids than the view's profile, so only the rule can make the view's win or lose.
    const qint64 viewed = v.profile(QStringLiteral("viewed"), db::ProfileKind::Standard, 120);
    const qint64 folder = v.profile(QStringLiteral("folder"), db::ProfileKind::Standard, 90);
    REQUIRE(v.profiles.assign(folder, std::nullopt, berlin, v.requester).ok());
    REQUIRE(v.profiles.assignView(viewed, lab, v.requester).ok());
    CHECK(v.effective(device) == Effective{120, viewed}); // the view beats the folder
    CHECK(v.effective(other) == Effective{90, folder});   // not in the view

    const qint64 direct = v.profile(QStringLiteral("direct"), db::ProfileKind::Standard, 45);
    REQUIRE(v.profiles.assign(direct, device, std::nullopt, v.requester).ok());
    CHECK(v.effective(device) == Effective{45, direct}); // a direct assignment beats the view
    REQUIRE(
        v.profiles.unassign(direct, v.profiles.read(direct)->assignments[0].id, v.requester).ok());

    const qint64 strict = v.profile(QStringLiteral("strict"), db::ProfileKind::Priority, 200);
    REQUIRE(v.profiles.assign(strict, std::nullopt, berlin, v.requester).ok());
    CHECK(v.effective(device) == Effective{200, strict}); // priority beats everything
    REQUIRE(v.profiles.remove(strict, v.requester).ok());

    auto config = v.profiles.effectiveConfig(device);
    REQUIRE(config.ok());
    REQUIRE(config->profiles.size() == 2); // strongest first: the view's, then the folder's
    CHECK(config->profiles[0].origin.viewId == lab);
    CHECK(config->profiles[0].origin.viewName == QStringLiteral("Lab"));
    CHECK(config->profiles[1].origin.folderId == berlin);

    v.setRoom(device, QStringLiteral("office")); // leaves the view: the folder's value is back
    CHECK(v.effective(device) == Effective{90, folder});
    services::ViewChange change;
    change.filter = filter(R"({"all":[{"field":"attribute","attribute":"room","glob":"OFF*"}]})");
    REQUIRE(v.views.update(lab, change, v.requester).ok()); // an edited filter takes it back in
    CHECK(v.effective(device) == Effective{120, viewed});
    CHECK(v.effective(other) == Effective{120, viewed});
    REQUIRE(
        v.profiles.unassignView(viewed, v.profiles.read(viewed)->viewAssignments[0].id, v.requester)
            .ok());
    CHECK(v.effective(device) == Effective{90, folder});
}
