// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/db/AccessRepository.h"
#include "server/db/AdminRepository.h"
#include "server/db/AuditRepository.h"
#include "server/db/Database.h"
#include "server/services/AccessService.h"
#include "server/services/AuditLog.h"
#include "server/services/EventHub.h"
#include "tests/support/CatchQt.h"
#include "tests/support/server/MigratedDatabase.h"

#include <QSignalSpy>

using namespace steward;
using namespace steward::server;
using namespace steward::server::db;

namespace {

/** A migrated database of one kind with administrators alice (superuser) and bob. */
struct AccessDatabase {
    explicit AccessDatabase(DatabaseKind kind) : migrated(kind)
    {
        alice = admins.insert(QStringLiteral("alice"), QStringLiteral("h"), true, 1).value();
        bob = admins.insert(QStringLiteral("bob"), QStringLiteral("h"), false, 1).value();
    }
    test::MigratedDatabase migrated;
    Database& db = migrated.db;
    AdminRepository admins{db};
    AccessRepository access{db};
    qint64 alice = 0;
    qint64 bob = 0;
};

/** The access service over an AccessDatabase, with its audit log and event hub. */
struct AccessFixture : AccessDatabase {
    explicit AccessFixture(DatabaseKind kind) : AccessDatabase(kind) {}
    AuditRepository auditRows{db};
    services::AuditLog audit{auditRows, services::systemClock()};
    services::EventHub events;
    services::AccessService service{access, admins, audit, events};
};

DatabaseKind anyKind()
{
    return test::anyDatabaseKind();
}

PermissionRow row(const QString& kind, qint64 id, const QString& right, const QString& effect)
{
    return {kind, id, {}, 0, right, effect};
}

} // namespace

TEST_CASE("groups are created, renamed, listed and removed with their entries",
          "[integration][db][access]")
{
    AccessDatabase m(anyKind());
    const auto helpdesk = m.access.insertGroup(QStringLiteral("helpdesk"), QStringLiteral("L1"), 5);
    REQUIRE(helpdesk.ok());
    const auto duplicate = m.access.insertGroup(QStringLiteral("helpdesk"), {}, 5);
    REQUIRE_FALSE(duplicate.ok());
    CHECK(duplicate.error().code == ErrorCode::AlreadyExists);
    const auto other = m.access.insertGroup(QStringLiteral("berlin"), {}, 6).value();

    REQUIRE(m.access.updateGroup(*helpdesk, QStringLiteral("support"), {}, 1, 7).ok());
    const auto stale = m.access.updateGroup(*helpdesk, QStringLiteral("x"), {}, 1, 8);
    REQUIRE_FALSE(stale.ok());
    CHECK(stale.error().code == ErrorCode::Conflict);
    CHECK(m.access.updateGroup(*helpdesk, QStringLiteral("berlin"), {}, 2, 8).error().code
          == ErrorCode::AlreadyExists);
    const auto group = m.access.findGroup(*helpdesk).value();
    REQUIRE(group.has_value());
    CHECK(group->name == QStringLiteral("support"));
    CHECK(group->revision == 2);
    CHECK(m.access.listGroups(0, 10)->total == 2);

    REQUIRE(m.access.addMember(*helpdesk, m.bob).ok());
    REQUIRE(m.access.addMember(*helpdesk, m.bob).ok()); // a member already is one
    CHECK(m.access.addMember(*helpdesk, 999).error().code == ErrorCode::NotFound);
    CHECK(m.access.addMember(999, m.bob).error().code == ErrorCode::NotFound);
    CHECK(m.access.members(*helpdesk).value() == std::vector<qint64>{m.bob});
    REQUIRE(m.access
                .replacePermissionsOn(QStringLiteral("root"), 1,
                                      {row(QStringLiteral("group"), *helpdesk,
                                           QStringLiteral("Read"), QStringLiteral("allow")),
                                       row(QStringLiteral("admin"), m.bob, QStringLiteral("Shadow"),
                                           QStringLiteral("deny"))})
                .ok());
    REQUIRE(m.access.permissionsOn(QStringLiteral("root"), 1)->size() == 2);

    REQUIRE(m.access.removeGroup(*helpdesk).ok());
    CHECK(m.access.removeGroup(*helpdesk).error().code == ErrorCode::NotFound);
    CHECK(m.access.allMemberships()->empty());
    const auto left = m.access.allPermissions().value();
    REQUIRE(left.size() == 1);
    CHECK(left[0].principalKind == QStringLiteral("admin"));
    CHECK(left[0].right == QStringLiteral("Shadow"));
    CHECK(m.access.findGroup(other)->has_value());
}

TEST_CASE("replacing the entries on a node is all or nothing", "[integration][db][access]")
{
    AccessDatabase m(anyKind());
    const auto first =
        row(QStringLiteral("admin"), m.bob, QStringLiteral("Read"), QStringLiteral("allow"));
    REQUIRE(m.access.replacePermissionsOn(QStringLiteral("device"), 4, {first}).ok());
    // The same principal and right twice breaks the unique key: nothing of it may stay.
    const auto broken = m.access.replacePermissionsOn(QStringLiteral("device"), 4, {first, first});
    REQUIRE_FALSE(broken.ok());
    const auto kept = m.access.permissionsOn(QStringLiteral("device"), 4).value();
    REQUIRE(kept.size() == 1);
    CHECK(kept[0].nodeKind == QStringLiteral("device"));
    CHECK(kept[0].nodeId == 4);
    REQUIRE(m.access.replacePermissionsOn(QStringLiteral("device"), 4, {}).ok());
    CHECK(m.access.allPermissions()->empty());
}

TEST_CASE("the access service announces whose rights changed", "[integration][db][access]")
{
    AccessFixture m(anyKind());
    auto& service = m.service;
    QSignalSpy changed(&service, &services::AccessService::rightsChanged);
    const access::NodeRef devices = access::rootNode(access::RootId::Devices);

    const auto group = service.createGroup(QStringLiteral("helpdesk"), {}, QStringLiteral("t"), {});
    INFO((group.ok() ? QString() : group.error().message).toStdString());
    REQUIRE(group.ok());
    CHECK(changed.count() == 0); // an empty group changes nobody's rights
    REQUIRE(service.addMember(group->id, m.bob, QStringLiteral("t"), {}).ok());
    REQUIRE(changed.count() == 1);
    CHECK(changed.takeFirst().at(0).value<QList<qint64>>() == QList<qint64>{m.bob});

    CHECK_FALSE(service.allowed(m.bob, devices, access::Right::Shadow));
    REQUIRE(service
                .replaceEntries(devices,
                                {{{access::PrincipalKind::Group, group->id},
                                  devices,
                                  access::Right::Shadow,
                                  access::Effect::Allow}},
                                QStringLiteral("t"), {})
                .ok());
    REQUIRE(changed.count() == 1);
    CHECK(changed.takeFirst().at(0).value<QList<qint64>>() == QList<qint64>{m.bob});
    CHECK(service.allowed(m.bob, devices, access::Right::Shadow)); // applies at once

    REQUIRE(service.removeMember(group->id, m.bob, QStringLiteral("t"), {}).ok());
    REQUIRE(changed.count() == 1);
    CHECK_FALSE(service.allowed(m.bob, devices, access::Right::Shadow));
    CHECK(service.allowed(m.alice, devices, access::Right::Shadow)); // superuser

    const auto refused =
        service.require({m.bob, QStringLiteral("bob"), false}, devices, access::Right::Shadow, {});
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().code == ErrorCode::Forbidden);
    CHECK(refused.error().message == QStringLiteral("missing right Shadow on /Devices"));
    db::AuditFilter filter;
    filter.action = QStringLiteral("access.denied");
    filter.outcome = QStringLiteral("denied");
    const auto audited = m.audit.query(filter, 0, 10);
    REQUIRE(audited->items.size() == 1);
    CHECK(audited->items[0].actor == QStringLiteral("bob"));
    CHECK(audited->items[0].object == QStringLiteral("root:devices"));
}

TEST_CASE("entries that could never apply or name nobody are refused", "[integration][db][access]")
{
    AccessFixture m(anyKind());
    auto& service = m.service;
    const access::NodeRef top = access::rootNode(access::RootId::All);
    const access::NodeRef devices = access::rootNode(access::RootId::Devices);
    const access::PrincipalRef bob{access::PrincipalKind::Admin, m.bob};
    REQUIRE(service
                .replaceEntries(top, {{bob, top, access::Right::Shadow, access::Effect::Deny}},
                                QStringLiteral("t"), {})
                .ok());
    const auto below = service.replaceEntries(
        devices, {{bob, devices, access::Right::Shadow, access::Effect::Allow}}, {}, {});
    REQUIRE_FALSE(below.ok());
    CHECK(below.error().code == ErrorCode::Conflict);
    CHECK(below.error().message.contains(QStringLiteral("admin bob has Deny Shadow on /")));
    const auto nobody = service.replaceEntries(
        devices,
        {{{access::PrincipalKind::Group, 77}, devices, access::Right::Read, access::Effect::Allow}},
        {}, {});
    REQUIRE_FALSE(nobody.ok());
    CHECK(nobody.error().message == QStringLiteral("entry 0: there is no group 77"));
    const auto twice =
        service.replaceEntries(devices,
                               {{bob, devices, access::Right::Read, access::Effect::Allow},
                                {bob, devices, access::Right::Read, access::Effect::Deny}},
                               {}, {});
    REQUIRE_FALSE(twice.ok());
    CHECK(service.replaceEntries({QStringLiteral("device"), 5}, {}, {}, {}).error().code
          == ErrorCode::NotFound);
    CHECK(m.access.permissionsOn(QStringLiteral("root"), 1)->empty());
}
