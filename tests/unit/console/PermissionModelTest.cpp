// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "console/models/PermissionModel.h"
#include "tests/support/CatchQt.h"

#include <QJsonDocument>

using steward::console::models::PermissionModel;
using steward::console::models::Principal;

namespace {

QJsonObject answer()
{
    return QJsonDocument::fromJson(R"({"node":{"ref":"folder:1","path":"/Devices/Berlin"},
        "entries":[
          {"principal":{"kind":"group","id":3,"name":"helpdesk"},"right":"Shadow","effect":"allow"},
          {"principal":{"kind":"admin","id":5,"name":"bob"},"right":"Shadow","effect":"deny"},
          {"principal":{"kind":"group","id":3,"name":"helpdesk"},"right":"Read","effect":"allow"}]})")
        .object();
}

int column(const QString& right)
{
    return int(PermissionModel::rights().indexOf(right)) + 1;
}

} // namespace

TEST_CASE("PermissionModel: one row per principal, one column per right")
{
    PermissionModel model;
    model.load(answer());
    REQUIRE(model.rowCount() == 2);
    CHECK(model.columnCount() == 10);
    CHECK(model.index(0, 0).data().toString() == QStringLiteral("helpdesk (group)"));
    CHECK(model.index(1, 0).data().toString() == QStringLiteral("bob (administrator)"));
    CHECK(model.effect(0, QStringLiteral("Shadow")) == QStringLiteral("allow"));
    CHECK(model.effect(0, QStringLiteral("Read")) == QStringLiteral("allow"));
    CHECK(model.effect(1, QStringLiteral("Shadow")) == QStringLiteral("deny"));
    CHECK(model.index(1, column(QStringLiteral("Shadow"))).data().toString()
          == QStringLiteral("Deny"));
    CHECK(model.index(1, column(QStringLiteral("Read"))).data().toString() == QStringLiteral("–"));
    CHECK_FALSE(model.isModified());
    CHECK(model.entries().size() == 3);
}

TEST_CASE("PermissionModel: a cell steps not set, Allow, Deny and back, the name column stays")
{
    PermissionModel model;
    model.load(answer());
    const QModelIndex write = model.index(1, column(QStringLiteral("Write")));
    model.cycle(write);
    CHECK(model.effect(1, QStringLiteral("Write")) == QStringLiteral("allow"));
    CHECK(model.isModified());
    model.cycle(write);
    CHECK(model.effect(1, QStringLiteral("Write")) == QStringLiteral("deny"));
    model.cycle(write);
    CHECK(model.effect(1, QStringLiteral("Write")).isEmpty());
    model.cycle(model.index(1, 0)); // the name column is not a right
    CHECK(model.rowCount() == 2);
    CHECK(model.entries().size() == 3);
}

TEST_CASE("PermissionModel: adding and removing principals changes the PUT body")
{
    PermissionModel model;
    model.load(answer());
    CHECK_FALSE(model.addPrincipal(Principal{QStringLiteral("admin"), 5, QStringLiteral("bob")}));
    REQUIRE(model.addPrincipal(Principal{QStringLiteral("admin"), 6, QStringLiteral("carol")}));
    CHECK_FALSE(model.isModified()); // a row without entries changes nothing yet
    model.setEffect(2, QStringLiteral("Browse"), QStringLiteral("allow"));
    model.removePrincipal(0); // helpdesk and its two entries
    const QJsonArray body = model.entries();
    REQUIRE(body.size() == 2);
    CHECK(body[0][QStringLiteral("principal")][QStringLiteral("id")].toInteger() == 5);
    CHECK(body[1][QStringLiteral("principal")].toObject()
          == QJsonObject{{QStringLiteral("kind"), QStringLiteral("admin")},
                         {QStringLiteral("id"), 6}});
    CHECK(body[1][QStringLiteral("right")].toString() == QStringLiteral("Browse"));
    CHECK(body[1][QStringLiteral("effect")].toString() == QStringLiteral("allow"));
    CHECK(model.isModified());
}
