// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/services/ProfileService.h"
#include "server/db/AuditRepository.h"
#include "server/db/DeviceRepository.h"
#include "server/db/FolderRepository.h"
#include "server/db/ProfileRepository.h"
#include "server/services/AuditLog.h"
#include "server/services/EventHub.h"
#include "server/services/FolderService.h"
#include "tests/support/server/MigratedDatabase.h"

using namespace steward;
using namespace steward::server;
using services::ProfileService;
using steward::test::MigratedDatabase;

namespace {

const auto Standard = db::ProfileKind::Standard;
const auto Priority = db::ProfileKind::Priority;

// Folder and profile services over one migrated database of either kind.
struct Profiles {
    explicit Profiles(db::DatabaseKind kind)
        : m(kind), folderRepository(m.db), devices(m.db), profileRepository(m.db),
          auditRepository(m.db), audit(auditRepository, [] { return qint64(7000); }),
          folders(
              m.db, folderRepository, devices, audit, events, [] { return qint64(7000); },
              [](qint64) { return false; }),
          profiles(m.db, profileRepository, devices, folders,
                   settings::ParameterRegistry::standard(), audit, events,
                   [] { return qint64(7000); })
    {}

    qint64 folder(const QString& name, std::optional<qint64> parent = std::nullopt)
    {
        auto created = folders.create(name, parent, requester);
        REQUIRE(created.ok());
        return created->folder.id;
    }

    qint64 device(std::optional<qint64> folder)
    {
        db::Device device;
        device.name = QStringLiteral("tc");
        device.certFingerprint = QStringLiteral("fp-%1").arg(++m_devices);
        device.certPem = QStringLiteral("pem");
        device.folderId = folder;
        auto id = devices.insert(device);
        REQUIRE(id.ok());
        return *id;
    }

    qint64 profile(const QString& name, db::ProfileKind kind, const QJsonObject& values)
    {
        db::Profile profile;
        profile.name = name;
        profile.kind = kind;
        auto created = profiles.create(profile, values, requester);
        INFO((created.ok() ? std::string() : created.error().message.toStdString()));
        REQUIRE(created.ok());
        return created->profile.id;
    }

    void assign(qint64 profile, std::optional<qint64> device, std::optional<qint64> folder)
    {
        auto assigned = profiles.assign(profile, device, folder, requester);
        INFO((assigned.ok() ? std::string() : assigned.error().message.toStdString()));
        REQUIRE(assigned.ok());
    }

    // The effective value of \a key on \a device and the id of the profile that set it (0: none).
    std::pair<QJsonValue, qint64> effective(qint64 device, const QString& key)
    {
        auto config = profiles.effectiveConfig(device);
        REQUIRE(config.ok());
        for (const auto& value : config->values) {
            if (value.parameter->key == key) {
                return {value.winner.value,
                        value.winner.origin ? value.winner.origin->profileId : 0};
            }
        }
        FAIL("no parameter " << key.toStdString());
        return {};
    }

    MigratedDatabase m;
    db::FolderRepository folderRepository;
    db::DeviceRepository devices;
    db::ProfileRepository profileRepository;
    db::AuditRepository auditRepository;
    services::AuditLog audit;
    services::EventHub events;
    services::FolderService folders;
    ProfileService profiles;
    services::Requester requester{QStringLiteral("alice"), QStringLiteral("127.0.0.1")};

private:
    int m_devices = 0;
};

const QString Timeout = QStringLiteral("shadow.prompt_timeout");
const QString Prompt = QStringLiteral("shadow.prompt");

} // namespace

TEST_CASE("a device's effective configuration follows its folders, and moving it reverts values",
          "[integration][db][profiles]")
{
    Profiles p(test::anyDatabaseKind());
    const qint64 berlin = p.folder(QStringLiteral("Berlin"));
    const qint64 floor = p.folder(QStringLiteral("Floor 2"), berlin);
    const qint64 device = p.device(floor);
    REQUIRE(p.profiles.setLocalValues(device, {{Prompt, true}, {Timeout, 15}}, p.requester).ok());

    const qint64 far = p.profile(QStringLiteral("berlin"), Standard, {{Timeout, 90}});
    const qint64 near = p.profile(QStringLiteral("floor"), Standard, {{Timeout, 60}});
    p.assign(far, std::nullopt, berlin);
    CHECK(p.effective(device, Timeout) == std::pair<QJsonValue, qint64>(90, far));
    p.assign(near, std::nullopt, floor);
    CHECK(p.effective(device, Timeout) == std::pair<QJsonValue, qint64>(60, near));
    CHECK(p.effective(device, Prompt) == std::pair<QJsonValue, qint64>(true, 0)); // local

    const qint64 direct = p.profile(QStringLiteral("direct"), Standard, {{Timeout, 45}});
    p.assign(direct, device, std::nullopt);
    CHECK(p.effective(device, Timeout) == std::pair<QJsonValue, qint64>(45, direct));
    const qint64 lockdown =
        p.profile(QStringLiteral("lockdown"), Priority, {{Timeout, 200}, {Prompt, false}});
    p.assign(lockdown, std::nullopt, berlin);
    CHECK(p.effective(device, Timeout) == std::pair<QJsonValue, qint64>(200, lockdown));
    CHECK(p.effective(device, Prompt) == std::pair<QJsonValue, qint64>(false, lockdown));

    auto config = p.profiles.effectiveConfig(device);
    REQUIRE(config.ok());
    CHECK(config->folderPath == QStringLiteral("/Berlin/Floor 2"));
    REQUIRE(config->profiles.size() == 4); // strongest first
    CHECK(config->profiles[0].origin.profileId == lockdown);
    CHECK(config->profiles[0].origin.level == 2);
    CHECK(config->profiles[1].origin.profileId == direct);
    CHECK(config->profiles[2].origin.profileId == near);
    CHECK(config->profiles[3].origin.folderPath == QStringLiteral("/Berlin"));

    // Out of the folders: only the direct profile and the local values remain.
    REQUIRE(
        p.folders.changeDevice(device, {std::nullopt, std::optional<qint64>()}, p.requester).ok());
    CHECK(p.effective(device, Timeout) == std::pair<QJsonValue, qint64>(45, direct));
    CHECK(p.effective(device, Prompt) == std::pair<QJsonValue, qint64>(true, 0));
    REQUIRE(
        p.profiles.unassign(direct, p.profiles.read(direct)->assignments[0].id, p.requester).ok());
    CHECK(p.effective(device, Timeout) == std::pair<QJsonValue, qint64>(15, 0));
    REQUIRE(p.profiles.setLocalValues(device, {}, p.requester).ok());
    CHECK(p.effective(device, Timeout) == std::pair<QJsonValue, qint64>(30, 0)); // default
}

TEST_CASE("profile values are checked against the registry and changes are whole",
          "[integration][db][profiles]")
{
    Profiles p(test::anyDatabaseKind());
    db::Profile profile;
    profile.name = QStringLiteral("bad");
    const auto outOfRange = p.profiles.create(profile, {{Timeout, 1000}}, p.requester);
    REQUIRE_FALSE(outOfRange.ok());
    CHECK(outOfRange.error().message.contains(QStringLiteral("shadow.prompt_timeout must be")));
    const auto unknown = p.profiles.create(profile, {{QStringLiteral("x.y"), 1}}, p.requester);
    CHECK(unknown.error().code == ErrorCode::InvalidValue);
    CHECK(p.profiles.list()->empty());

    const qint64 id = p.profile(QStringLiteral("kiosk"), Standard, {{Timeout, 60}, {Prompt, true}});
    profile.name = QStringLiteral("kiosk");
    CHECK(p.profiles.create(profile, {}, p.requester).error().code == ErrorCode::AlreadyExists);

    services::ProfileChange change;
    change.values = {{Prompt, QJsonValue::Null}, {Timeout, 1000}};
    CHECK_FALSE(p.profiles.update(id, change, p.requester).ok());
    CHECK(p.profiles.read(id)->values.size() == 2); // nothing half-applied
    change.values = {{Prompt, QJsonValue::Null}, {Timeout, 120}};
    change.revision = 1;
    const auto updated = p.profiles.update(id, change, p.requester);
    REQUIRE(updated.ok());
    CHECK(updated->values == db::ParameterValues{{Timeout, 120}});
    CHECK(updated->profile.revision == 2);
    const auto stale = p.profiles.update(id, change, p.requester);
    CHECK(stale.error().code == ErrorCode::Conflict);
    CHECK(p.audit.query({}, 0, 100)->total >= 5);
}

TEST_CASE("a profile exports to a file and imports back, and assignments go with deleted targets",
          "[integration][db][profiles]")
{
    Profiles p(test::anyDatabaseKind());
    const QJsonObject launchers{
        {QStringLiteral("sessions.launchers"),
         QJsonArray{QJsonObject{{QStringLiteral("name"), QStringLiteral("ERP")},
                                {QStringLiteral("type"), QStringLiteral("RDP")},
                                {QStringLiteral("target"), QStringLiteral("erp:3389")}}}}};
    const qint64 id = p.profile(QStringLiteral("desk"), Priority, launchers);
    auto file = p.profiles.exportFile(id);
    REQUIRE(file.ok());
    CHECK((*file)[QStringLiteral("format")] == QStringLiteral("steward-profile"));
    CHECK((*file)[QStringLiteral("kind")] == QStringLiteral("priority"));

    CHECK(p.profiles.importFile(*file, false, p.requester).error().code == ErrorCode::Conflict);
    QJsonObject renamed = *file;
    renamed[QStringLiteral("name")] = QStringLiteral("desk copy");
    const auto copy = p.profiles.importFile(renamed, false, p.requester);
    REQUIRE(copy.ok());
    CHECK(copy->values == p.profiles.read(id)->values);
    CHECK(copy->profile.kind == Priority);

    QJsonObject changed = *file;
    changed[QStringLiteral("values")] = QJsonObject{{Timeout, 77}};
    const qint64 folder = p.folder(QStringLiteral("Hall"));
    p.assign(id, std::nullopt, folder);
    const auto replaced = p.profiles.importFile(changed, true, p.requester);
    REQUIRE(replaced.ok());
    CHECK(replaced->profile.id == id);
    CHECK(replaced->values == db::ParameterValues{{Timeout, 77}});
    CHECK(replaced->assignments.size() == 1);

    QJsonObject wrong = *file;
    wrong[QStringLiteral("format")] = QStringLiteral("other");
    CHECK(p.profiles.importFile(wrong, true, p.requester)
              .error()
              .message.contains(QStringLiteral("file.format")));
    wrong = *file;
    wrong[QStringLiteral("values")] = QJsonObject{{Timeout, QStringLiteral("x")}};
    CHECK(p.profiles.importFile(wrong, true, p.requester).error().code
          == ErrorCode::WrongFieldType);

    REQUIRE(p.folders.remove(folder, false, p.requester).ok());
    CHECK(p.profiles.read(id)->assignments.empty());
}
