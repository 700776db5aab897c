// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// Access control in the console (issue #9): the dialog against a real server, and a restricted
// administrator's console following grants and revocations live.
#include "console/ui/AccessControlDialog.h"
#include "console/models/DeviceListModel.h"
#include "console/models/NavigationModel.h"
#include "console/ui/GroupsDialog.h"
#include "console/ui/MainWindow.h"
#include "console/ui/ShadowLauncher.h"
#include "server/app/ServerSettings.h"
#include "tests/integration/console/ConsoleRig.h"
#include "tests/support/server/DeviceSeed.h"

#include <QAction>
#include <QJsonArray>
#include <QListWidget>
#include <QStandardItemModel>
#include <QTableView>
#include <QTest>
#include <QTreeView>

using namespace steward;
using namespace steward::console;
using test::DeviceTestServer;
using test::waitUntil;

namespace {

const QString BobPassword = QStringLiteral("battery staple");

/** Three seeded devices; devices 1 and 2 in folder "Lab"; administrator bob. */
struct AccessRig {
    DeviceTestServer server;
    qint64 lab = 0;
    qint64 bob = 0;

    AccessRig()
    {
        server::ServerSettings settings;
        settings.dataDir = server.dataDir();
        REQUIRE(test::seedDevices(settings.databaseConfig(), 3).ok());
        auto& alice = server.admin();
        const auto made = alice.post(QStringLiteral("/api/v1/folders"),
                                     QJsonObject{{QStringLiteral("name"), QStringLiteral("Lab")},
                                                 {QStringLiteral("parent"), QJsonValue::Null}});
        REQUIRE(made.status == 201);
        lab = made.json()[QStringLiteral("id")].toInteger();
        for (const int device : {1, 2}) {
            REQUIRE(alice
                        .patch(QStringLiteral("/api/v1/devices/%1").arg(device),
                               QJsonObject{{QStringLiteral("folder"), lab}})
                        .status
                    == 200);
        }
        const auto created = alice.post(QStringLiteral("/api/v1/admins"),
                                        QJsonObject{{QStringLiteral("name"), QStringLiteral("bob")},
                                                    {QStringLiteral("password"), BobPassword}});
        REQUIRE(created.status == 201);
        bob = created.json()[QStringLiteral("id")].toInteger();
    }

    /** PUT /api/v1/permissions?node=… as alice. */
    void setEntries(const QString& node, const QJsonArray& entries)
    {
        const auto reply =
            server.admin().send("PUT", QStringLiteral("/api/v1/permissions?node=") + node,
                                QJsonDocument(QJsonObject{{QStringLiteral("entries"), entries}})
                                    .toJson(QJsonDocument::Compact));
        INFO(reply.body.toStdString());
        REQUIRE(reply.status == 200);
    }
};

QJsonObject entry(const QString& kind, qint64 id, const QString& right, const QString& effect)
{
    return QJsonObject{{QStringLiteral("principal"),
                        QJsonObject{{QStringLiteral("kind"), kind}, {QStringLiteral("id"), id}}},
                       {QStringLiteral("right"), right},
                       {QStringLiteral("effect"), effect}};
}

/** A main window logged in as \a user. */
struct Window {
    test::Console console;
    QObject owner;
    ui::UnavailableShadowLauncher shadow;
    std::unique_ptr<ui::MainWindow> window;

    Window(DeviceTestServer& server, const QString& user, const QString& password)
    {
        console.user = user;
        console.pin(server);
        window = std::make_unique<ui::MainWindow>(console.connect(server, owner, password),
                                                  console.settings, shadow);
        window->resize(1100, 650);
        window->show();
    }
    [[nodiscard]] QString devicesText() const
    {
        return window->navigation().devicesIndex().data().toString();
    }
};

/** The dialog the main window opened, once it has loaded everything. */
ui::AccessControlDialog* openedDialog(ui::MainWindow& window)
{
    ui::AccessControlDialog* dialog = nullptr;
    const bool loaded = waitUntil([&] {
        dialog = window.findChild<ui::AccessControlDialog*>();
        return dialog && !dialog->isBusy();
    });
    return loaded ? dialog : nullptr;
}

void clickCell(ui::AccessControlDialog& dialog, int row, const QString& right)
{
    QTableView& view = dialog.entriesView();
    const QModelIndex cell =
        view.model()->index(row, int(models::PermissionModel::rights().indexOf(right)) + 1);
    view.scrollTo(cell);
    QTest::mouseClick(view.viewport(), Qt::LeftButton, {}, view.visualRect(cell).center());
}

} // namespace

TEST_CASE("a restricted console's tree and list follow Browse grants and revocations live",
          "[integration][access]")
{
    AccessRig rig;
    Window bob(rig.server, QStringLiteral("bob"), BobPassword);
    auto& tree = bob.window->navigation();
    auto& list = bob.window->devices();
    // Without any right bob sees no device and no folder.
    REQUIRE(waitUntil([&] { return bob.devicesText() == QStringLiteral("Devices (0)"); }));
    REQUIRE(waitUntil([&] { return list.total() == 0 && !list.isFetching(); }));
    CHECK(tree.folders().empty());

    // Browse on Lab: the folder and its two devices appear without a refresh.
    rig.setEntries(QStringLiteral("folder:%1").arg(rig.lab),
                   {entry(QStringLiteral("admin"), rig.bob, QStringLiteral("Browse"),
                          QStringLiteral("allow"))});
    REQUIRE(waitUntil([&] { return tree.folderIndex(rig.lab).isValid(); }));
    CHECK(tree.folderIndex(rig.lab).data().toString() == QStringLiteral("Lab (2)"));
    REQUIRE(waitUntil([&] { return list.rowOf(1) >= 0 && list.rowOf(2) >= 0; }));
    CHECK(list.rowOf(3) < 0);
    REQUIRE(waitUntil([&] { return bob.devicesText() == QStringLiteral("Devices (2)"); }));

    // Revoked: both disappear again, live.
    rig.setEntries(QStringLiteral("folder:%1").arg(rig.lab), {});
    REQUIRE(waitUntil([&] { return list.rowOf(1) < 0 && list.rowOf(2) < 0; }));
    REQUIRE(waitUntil([&] { return !tree.folderIndex(rig.lab).isValid(); }));
    REQUIRE(waitUntil([&] { return bob.devicesText() == QStringLiteral("Devices (0)"); }));
}

TEST_CASE("the access control dialog sets a Deny, explains it, and the node leaves bob's console",
          "[integration][access]")
{
    AccessRig rig;
    auto& alice = rig.server.admin();
    const auto group =
        alice.post(QStringLiteral("/api/v1/groups"),
                   QJsonObject{{QStringLiteral("name"), QStringLiteral("helpdesk")}});
    REQUIRE(group.status == 201);
    const qint64 helpdesk = group.json()[QStringLiteral("id")].toInteger();
    REQUIRE(
        alice.send("PUT", QStringLiteral("/api/v1/groups/%1/members/%2").arg(helpdesk).arg(rig.bob))
            .status
        == 204);
    rig.setEntries(QStringLiteral("root:devices"),
                   {entry(QStringLiteral("group"), helpdesk, QStringLiteral("Browse"),
                          QStringLiteral("allow")),
                    entry(QStringLiteral("group"), helpdesk, QStringLiteral("Read"),
                          QStringLiteral("allow"))});

    Window bob(rig.server, QStringLiteral("bob"), BobPassword);
    REQUIRE(waitUntil([&] { return bob.window->navigation().folderIndex(rig.lab).isValid(); }));
    REQUIRE(waitUntil([&] { return bob.window->devices().rowCount() == 3; }));

    // alice opens the dialog on Lab from the tree.
    Window aliceUi(rig.server, QStringLiteral("alice"), test::ConsolePassword);
    auto& window = *aliceUi.window;
    REQUIRE(waitUntil([&] { return window.navigation().folderIndex(rig.lab).isValid(); }));
    window.navigationView().setCurrentIndex(window.navigation().folderIndex(rig.lab));
    QAction* open = window.action(QStringLiteral("accessControl"));
    REQUIRE(open->isEnabled());
    open->trigger();
    ui::AccessControlDialog* dialog = openedDialog(window);
    REQUIRE(dialog);
    CHECK(dialog->path() == QStringLiteral("/Devices/Lab"));
    CHECK(dialog->windowTitle() == QStringLiteral("Access control — /Devices/Lab"));
    CHECK(dialog->permissions().rowCount() == 0);
    CHECK(dialog->candidates().size() == 3); // alice, bob, helpdesk
    // Before: bob may browse Lab through his group, inherited from /Devices.
    dialog->explain(QStringLiteral("bob"));
    REQUIRE(waitUntil([&] { return !dialog->isBusy(); }));
    CHECK(dialog->effectiveRow(QStringLiteral("Browse")).value(0) == QStringLiteral("allowed"));
    CHECK(dialog->effectiveRow(QStringLiteral("Browse")).value(1)
          == QStringLiteral("allowed for group helpdesk (inherited from /Devices)"));

    // Add bob and click his Browse cell twice: not set → Allow → Deny.
    REQUIRE(dialog->addPrincipal(QStringLiteral("admin"), rig.bob));
    const int row = dialog->permissions().rowOf(QStringLiteral("admin"), rig.bob);
    clickCell(*dialog, row, QStringLiteral("Browse"));
    CHECK(dialog->permissions().effect(row, QStringLiteral("Browse")) == QStringLiteral("allow"));
    clickCell(*dialog, row, QStringLiteral("Browse"));
    CHECK(dialog->permissions().effect(row, QStringLiteral("Browse")) == QStringLiteral("deny"));
    CHECK(dialog->permissions().isModified());
    dialog->save();
    REQUIRE(waitUntil([&] { return !dialog->isBusy(); }));
    INFO(dialog->message().toStdString());
    CHECK(dialog->message() == QStringLiteral("Saved; the new rights apply at once."));
    CHECK_FALSE(dialog->permissions().isModified());
    // Stored on the server, exactly that entry.
    const QJsonArray stored =
        alice.get(QStringLiteral("/api/v1/permissions?node=folder:%1").arg(rig.lab))
            .json()[QStringLiteral("entries")]
            .toArray();
    REQUIRE(stored.size() == 1);
    CHECK(stored.first()[QStringLiteral("effect")].toString() == QStringLiteral("deny"));
    // The effective table says denied, directly, and shows the group Allow it outweighed.
    const QStringList browse = dialog->effectiveRow(QStringLiteral("Browse"));
    REQUIRE(browse.size() == 3);
    CHECK(browse[0] == QStringLiteral("denied"));
    CHECK(browse[1] == QStringLiteral("denied for admin bob"));
    CHECK(browse[2].contains(QStringLiteral("/Devices: helpdesk Allow")));
    CHECK(browse[2].contains(QStringLiteral("/Devices/Lab: bob Deny")));
    CHECK(dialog->grab().save(QStringLiteral(STEWARD_BINARY_DIR "/console-access-control.png")));

    // bob's console loses the folder and its two devices, live.
    REQUIRE(waitUntil([&] { return !bob.window->navigation().folderIndex(rig.lab).isValid(); }));
    REQUIRE(waitUntil([&] { return bob.window->devices().rowCount() == 1; }));
    CHECK(bob.window->devices().rowOf(3) >= 0);
}

TEST_CASE("the access control dialog explains refusals in plain words and keeps unsaved edits",
          "[integration][access]")
{
    AccessRig rig;
    rig.setEntries(
        QStringLiteral("folder:%1").arg(rig.lab),
        {entry(QStringLiteral("admin"), rig.bob, QStringLiteral("Shadow"), QStringLiteral("deny")),
         entry(QStringLiteral("admin"), rig.bob, QStringLiteral("Browse"),
               QStringLiteral("allow"))});

    // alice: an Allow below bob's Deny is refused by the server; the edit stays on screen.
    Window alice(rig.server, QStringLiteral("alice"), test::ConsolePassword);
    REQUIRE(waitUntil([&] { return alice.window->devices().rowCount() == 3; }));
    alice.window->deviceView().selectRow(alice.window->devices().rowOf(1));
    alice.window->action(QStringLiteral("deviceAccessControl"))->trigger();
    ui::AccessControlDialog* dialog = openedDialog(*alice.window);
    REQUIRE(dialog);
    CHECK(dialog->path() == QStringLiteral("/Devices/Lab/seed-000001"));
    REQUIRE(dialog->addPrincipal(QStringLiteral("admin"), rig.bob));
    dialog->permissions().setEffect(0, QStringLiteral("Shadow"), QStringLiteral("allow"));
    dialog->save();
    REQUIRE(waitUntil([&] { return !dialog->isBusy(); }));
    INFO(dialog->message().toStdString());
    CHECK(dialog->message().startsWith(QStringLiteral("Not saved. The server refused: ")));
    CHECK(dialog->message().contains(QStringLiteral("Shadow")));
    CHECK(dialog->permissions().isModified());
    CHECK(dialog->permissions().effect(0, QStringLiteral("Shadow")) == QStringLiteral("allow"));
    CHECK(rig.server.admin()
              .get(QStringLiteral("/api/v1/permissions?node=device:1"))
              .json()[QStringLiteral("entries")]
              .toArray()
              .isEmpty());

    // bob, without AccessControl: the dialog says which right he lacks, and where.
    Window bob(rig.server, QStringLiteral("bob"), BobPassword);
    REQUIRE(waitUntil([&] { return bob.window->navigation().folderIndex(rig.lab).isValid(); }));
    bob.window->navigationView().setCurrentIndex(bob.window->navigation().folderIndex(rig.lab));
    bob.window->action(QStringLiteral("accessControl"))->trigger();
    ui::AccessControlDialog* refused = openedDialog(*bob.window);
    REQUIRE(refused);
    INFO(refused->message().toStdString());
    CHECK(refused->message().startsWith(
        QStringLiteral("Refused: you are missing the right AccessControl on /Devices/Lab.")));
    // His own effective rights he may still see there: Browse allowed, Shadow denied directly.
    CHECK(refused->explainedAdmin() == QStringLiteral("bob"));
    CHECK(refused->effectiveRow(QStringLiteral("Browse")).value(0) == QStringLiteral("allowed"));
    CHECK(refused->effectiveRow(QStringLiteral("Shadow")).value(1)
          == QStringLiteral("denied for admin bob"));
}

TEST_CASE("the groups dialog creates, renames and deletes groups and sets their members",
          "[integration][access]")
{
    AccessRig rig;
    Window alice(rig.server, QStringLiteral("alice"), test::ConsolePassword);
    QAction* open = alice.window->action(QStringLiteral("groups"));
    REQUIRE(open->isEnabled());
    open->trigger();
    ui::GroupsDialog* dialog = nullptr;
    REQUIRE(waitUntil([&] {
        dialog = alice.window->findChild<ui::GroupsDialog*>();
        return dialog && !dialog->isBusy();
    }));
    CHECK(dialog->groups().empty());
    REQUIRE(dialog->adminId(QStringLiteral("bob")) == rig.bob);

    dialog->createGroup(QStringLiteral("night shift"));
    REQUIRE(waitUntil([&] { return !dialog->isBusy() && dialog->groups().size() == 1; }));
    const qint64 id = dialog->groups().front().id;
    CHECK(dialog->selectedGroup() == id);
    CHECK(dialog->message() == QStringLiteral("Group night shift created"));

    // Ticking bob in the member list makes him a member, on the server.
    auto* members = dialog->findChild<QListWidget*>(QStringLiteral("members"));
    REQUIRE(members);
    const auto bobItems = members->findItems(QStringLiteral("bob"), Qt::MatchExactly);
    REQUIRE(bobItems.size() == 1);
    bobItems.first()->setCheckState(Qt::Checked);
    REQUIRE(waitUntil([&] {
        return !dialog->isBusy() && dialog->groups().size() == 1
               && dialog->groups().front().members == QList<qint64>{rig.bob};
    }));
    const auto stored = rig.server.admin().get(QStringLiteral("/api/v1/groups/%1").arg(id)).json();
    CHECK(stored[QStringLiteral("members")].toArray() == QJsonArray{rig.bob});

    dialog->renameGroup(id, QStringLiteral("nights"));
    REQUIRE(waitUntil([&] {
        return !dialog->isBusy() && dialog->groups().size() == 1
               && dialog->groups().front().name == QStringLiteral("nights");
    }));
    // An empty name is refused with the server's reason, and nothing changes.
    dialog->renameGroup(id, QString());
    REQUIRE(waitUntil([&] { return !dialog->isBusy(); }));
    CHECK(dialog->message().startsWith(
        QStringLiteral("Could not rename the group to \"\". The server refused: ")));
    CHECK(dialog->groups().front().name == QStringLiteral("nights"));

    dialog->deleteGroup(id);
    REQUIRE(waitUntil([&] { return !dialog->isBusy() && dialog->groups().empty(); }));
    CHECK(rig.server.admin()
              .get(QStringLiteral("/api/v1/groups"))
              .json()[QStringLiteral("total")]
              .toInteger()
          == 0);

    // bob may not read the administration: told which right he lacks.
    Window bob(rig.server, QStringLiteral("bob"), BobPassword);
    bob.window->action(QStringLiteral("groups"))->trigger();
    ui::GroupsDialog* refused = nullptr;
    REQUIRE(waitUntil([&] {
        refused = bob.window->findChild<ui::GroupsDialog*>();
        return refused && !refused->isBusy();
    }));
    CHECK(refused->message()
          == QStringLiteral("Refused: you are missing the right Read on /Administration."));
}
