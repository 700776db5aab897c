// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// Profiles, views and Explain in the console, offscreen, against a real ServerApp and a real
// steward-agent process applying the pushed settings in its sandbox (docs/console.md).
#include "console/models/DeviceListModel.h"
#include "console/models/EffectiveConfigModel.h"
#include "console/models/NavigationModel.h"
#include "console/models/ProfilesModel.h"
#include "console/models/ViewsModel.h"
#include "console/ui/DeviceDetailsPane.h"
#include "console/ui/ExplainView.h"
#include "console/ui/MainWindow.h"
#include "console/ui/ProfileValuesEditor.h"
#include "console/ui/ProfilesPage.h"
#include "console/ui/ShadowLauncher.h"
#include "console/ui/ViewsPage.h"
#include "tests/integration/console/ConsoleRig.h"
#include "tests/integration/folders/SandboxedAgent.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>
#include <QTableWidget>
#include <QTreeView>

using namespace steward;
using namespace steward::console;
using models::EffectiveConfigModel;
using Node = models::NavigationModel::Node;
using steward::test::DeviceTestServer;
using steward::test::waitUntil;

namespace {

constexpr auto Patience = test::AgentPatience;

QString screenshotPath(const QString& name)
{
    return qEnvironmentVariable("STEWARD_SCREENSHOT_DIR", QStringLiteral(STEWARD_BINARY_DIR))
           + QLatin1Char('/') + name;
}

QString explainCell(const EffectiveConfigModel& model, const QString& key, int column)
{
    const int row = model.rowOf(key);
    return row < 0 ? QString() : model.index(row, column).data().toString();
}

QStringList tableText(const QTableWidget& table)
{
    QStringList rows;
    for (int row = 0; row < table.rowCount(); ++row) {
        QStringList cells;
        for (int column = 0; column < table.columnCount(); ++column) {
            cells.append(table.item(row, column) ? table.item(row, column)->text() : QString());
        }
        rows.append(cells.join(QStringLiteral(" | ")));
    }
    return rows;
}

} // namespace

TEST_CASE("a profile made in the console reaches the real agent, and Explain names the profile "
          "and the assignment path, live",
          "[integration][console][settings]")
{
    DeviceTestServer server;
    const qint64 berlin = test::createdId(
        server.admin().post(QStringLiteral("/api/v1/folders"),
                            QJsonObject{{QStringLiteral("name"), QStringLiteral("Berlin")}}));
    test::SandboxedDevice device(server, QStringLiteral("/Berlin"));
    test::RunningAgent agent(device);

    test::Console console;
    console.pin(server);
    QObject owner;
    ui::UnavailableShadowLauncher shadow;
    ui::MainWindow window(console.connect(server, owner), console.settings, shadow);
    QStringList questions;
    window.setConfirm([&](const QString&, const QString& text) {
        questions.append(text);
        return true;
    });
    window.resize(1280, 760);
    window.show();

    // Profiles is a real node now; opening it loads the profiles and the registry.
    auto& tree = window.navigation();
    const QModelIndex profilesNode = tree.nodeIndex(Node::Profiles);
    REQUIRE(profilesNode.isValid());
    CHECK(profilesNode.data().toString() == QStringLiteral("Profiles"));
    window.navigationView().setCurrentIndex(profilesNode);
    auto& page = window.profilesPage();
    CHECK(window.currentPage() == &page);
    auto& profiles = window.profiles();
    REQUIRE(waitUntil([&] { return profiles.isLoaded() && !profiles.parameters().isEmpty(); }));

    // Create "Office", give it values with the type-aware editor, save, assign to /Berlin.
    page.createProfile(QStringLiteral("Office"), QStringLiteral("standard"));
    REQUIRE(waitUntil([&] { return profiles.rowOf(QStringLiteral("Office")) >= 0; }));
    const qint64 office = profiles.profile(profiles.rowOf(QStringLiteral("Office")))
                              .value(QStringLiteral("id"))
                              .toInteger();
    REQUIRE(waitUntil([&] { return page.selectedId() == office; }));
    page.editor().setValue(QStringLiteral("system.timezone"), QStringLiteral("Europe/Berlin"));
    page.editor().setValue(QStringLiteral("screen.lock_timeout"), 300);
    page.saveSelected();
    REQUIRE(waitUntil(
        [&] { return page.statusText() == QStringLiteral("Save profile Office: done"); }));
    const QJsonObject stored =
        server.admin().get(QStringLiteral("/api/v1/profiles/%1").arg(office)).json();
    CHECK(stored[QStringLiteral("values")].toObject()
          == QJsonObject{{QStringLiteral("system.timezone"), QStringLiteral("Europe/Berlin")},
                         {QStringLiteral("screen.lock_timeout"), 300}});
    page.assignSelected(QStringLiteral("folder"), berlin);
    REQUIRE(waitUntil([&] { return page.assignments().rowCount() == 1; }));
    CHECK(tableText(page.assignments()).first().startsWith(QStringLiteral("Folder /Berlin")));

    // A value of the wrong form is held back here; one the server refuses, its words verbatim.
    page.editor().setValue(QStringLiteral("system.timezone"), QStringLiteral("Mars Olympus"));
    page.saveSelected();
    CHECK(page.statusText().startsWith(QStringLiteral("Not saved:\nsystem.timezone")));
    page.editor().setValue(QStringLiteral("system.timezone"), QStringLiteral("Europe/Berlin"));
    page.editor().setValue(QStringLiteral("commands.boot"),
                           QJsonArray{QString(5000, QLatin1Char('x'))});
    page.saveSelected();
    REQUIRE(waitUntil([&] { return page.statusText().contains(QStringLiteral("failed")); }));
    CHECK(page.statusText().contains(QStringLiteral("commands.boot")));
    page.editor().unset(QStringLiteral("commands.boot"));
    CHECK(server.admin()
              .get(QStringLiteral("/api/v1/profiles/%1").arg(office))
              .json()[QStringLiteral("values")]
              .toObject()
              .size()
          == 2);

    // A priority profile assigned to the device itself.
    page.createProfile(QStringLiteral("Strict"), QStringLiteral("priority"));
    REQUIRE(waitUntil([&] { return profiles.rowOf(QStringLiteral("Strict")) >= 0; }));
    const qint64 strict = profiles.profile(profiles.rowOf(QStringLiteral("Strict")))
                              .value(QStringLiteral("id"))
                              .toInteger();
    REQUIRE(waitUntil([&] { return page.selectedId() == strict; }));
    page.editor().setValue(QStringLiteral("screen.lock_timeout"), 60);
    page.saveSelected();
    REQUIRE(waitUntil([&] {
        return profiles.profile(profiles.rowOf(strict))
                   .value(QStringLiteral("values"))
                   .toObject()
                   .size()
               == 1;
    }));
    page.assignSelected(QStringLiteral("device"), device.id);
    REQUIRE(waitUntil([&] { return page.assignments().rowCount() == 1; }));
    CHECK(tableText(page.assignments()).first().startsWith(QStringLiteral("Device ")));
    page.select(office);
    page.grab().save(screenshotPath(QStringLiteral("console-profiles.png")));

    // Explain on the device: the winning profile, the path, what it overrode, the push state.
    window.navigationView().setCurrentIndex(tree.folderIndex(berlin));
    auto& list = window.devices();
    REQUIRE(waitUntil([&] { return list.rowOf(device.id) >= 0; }));
    window.deviceView().selectRow(list.rowOf(device.id));
    auto& details = window.details();
    REQUIRE(details.configuration());
    details.showConfiguration();
    auto& explain = *details.configuration();
    const QString zone = QStringLiteral("system.timezone");
    const QString lock = QStringLiteral("screen.lock_timeout");
    REQUIRE(waitUntil([&] { return explain.rowOf(zone) >= 0 && explain.rowOf(lock) >= 0; }));
    CHECK(explainCell(explain, zone, EffectiveConfigModel::Value)
          == QStringLiteral("Europe/Berlin"));
    CHECK(explainCell(explain, zone, EffectiveConfigModel::Source)
          == QStringLiteral("profile \"Office\""));
    CHECK(explainCell(explain, zone, EffectiveConfigModel::Assignment)
          == QStringLiteral("folder /Berlin (the device's folder)"));
    CHECK(explainCell(explain, zone, EffectiveConfigModel::Overrode)
          == QStringLiteral("default: UTC"));
    CHECK(explainCell(explain, lock, EffectiveConfigModel::Value) == QStringLiteral("60"));
    CHECK(explainCell(explain, lock, EffectiveConfigModel::Source)
          == QStringLiteral("priority profile \"Strict\""));
    CHECK(explainCell(explain, lock, EffectiveConfigModel::Assignment)
          == QStringLiteral("direct (assigned to the device), priority"));
    CHECK(explainCell(explain, lock, EffectiveConfigModel::Overrode)
          == QStringLiteral("Office (folder /Berlin (the device's folder)): 300; default: 600"));
    const QStringList assigned = tableText(details.explainView()->assigned());
    REQUIRE(assigned.size() == 2);
    CHECK(assigned[0].startsWith(QStringLiteral("Strict | priority | directly: direct")));
    CHECK(assigned[1].startsWith(QStringLiteral("Office | standard | indirectly: folder /Berlin")));

    // The real agent applies the bundle; the state follows live from device-config events.
    REQUIRE(waitUntil(
        [&] { return details.explainView()->stateText().startsWith(QStringLiteral("Applied")); },
        Patience));
    REQUIRE(waitUntil([&] {
        return explain.state().value(QStringLiteral("appliedVersion")).toString()
               == explain.version();
    }));
    CHECK(device.file(QStringLiteral("etc/timezone")).trimmed() == QStringLiteral("Europe/Berlin"));
    CHECK(device.file(QStringLiteral("etc/steward/screen.conf")).contains(QStringLiteral("60")));
    if (auto* splitter = window.findChild<QSplitter*>(QStringLiteral("mainSplitter"))) {
        window.resize(1700, 760);
        splitter->setSizes({140, 260, 1300}); // room for every Explain column
    }
    details.explainView()->values().scrollTo(explain.index(explain.rowOf(zone), 0));
    window.grab().save(screenshotPath(QStringLiteral("console-explain.png")));

    // Unassigning Strict in the Profiles page: Explain falls back to Office live.
    window.navigationView().setCurrentIndex(tree.nodeIndex(Node::Profiles));
    page.select(strict);
    page.setApplyMode(models::ApplyMode::NextConnect);
    REQUIRE(waitUntil([&] { return page.assignments().rowCount() == 1; }));
    page.unassign(0);
    REQUIRE(waitUntil([&] { return page.assignments().rowCount() == 0; }));
    REQUIRE(waitUntil([&] {
        return explainCell(explain, lock, EffectiveConfigModel::Source)
               == QStringLiteral("profile \"Office\"");
    }));
    CHECK(explainCell(explain, lock, EffectiveConfigModel::Value) == QStringLiteral("300"));
    REQUIRE(waitUntil([&] {
        return explain.state().value(QStringLiteral("push")).toString()
               == QStringLiteral("next-connect");
    }));
    // Push now sends it at once.
    details.explainView()->pushButton().click();
    REQUIRE(waitUntil(
        [&] {
            return explain.state().value(QStringLiteral("state")).toString()
                       == QStringLiteral("applied")
                   && device.file(QStringLiteral("etc/steward/screen.conf"))
                          .contains(QStringLiteral("300"));
        },
        Patience));

    // Export Office, import it under another name, delete the copy (asked first).
    QTemporaryDir files;
    const QString path = files.filePath(QStringLiteral("office.json"));
    page.select(office);
    page.exportSelected(path);
    REQUIRE(waitUntil(
        [&] { return page.statusText() == QStringLiteral("Export to %1: done").arg(path); }));
    QFile exported(path);
    REQUIRE(exported.open(QIODevice::ReadOnly));
    QJsonObject file = QJsonDocument::fromJson(exported.readAll()).object();
    CHECK(file.value(QStringLiteral("format")) == QStringLiteral("steward-profile"));
    CHECK(file.value(QStringLiteral("values")).toObject().value(zone)
          == QStringLiteral("Europe/Berlin"));
    file.insert(QStringLiteral("name"), QStringLiteral("Office copy"));
    QFile copy(files.filePath(QStringLiteral("copy.json")));
    REQUIRE(copy.open(QIODevice::WriteOnly));
    copy.write(QJsonDocument(file).toJson());
    copy.close();
    page.importFile(copy.fileName(), false);
    REQUIRE(waitUntil([&] { return profiles.rowOf(QStringLiteral("Office copy")) >= 0; }));
    page.importFile(copy.fileName(), false); // the name exists now: refused, verbatim
    REQUIRE(waitUntil([&] { return page.statusText().contains(QStringLiteral("failed")); }));
    page.select(profiles.profile(profiles.rowOf(QStringLiteral("Office copy")))
                    .value(QStringLiteral("id"))
                    .toInteger());
    // Renaming to a name in use is refused verbatim; to a free one it is stored.
    page.renameSelected(QStringLiteral("Office"));
    REQUIRE(waitUntil([&] {
        return page.statusText().startsWith(QStringLiteral("Rename profile to Office failed"));
    }));
    page.renameSelected(QStringLiteral("Office old"));
    REQUIRE(waitUntil([&] { return profiles.rowOf(QStringLiteral("Office old")) >= 0; }));
    CHECK(profiles.rowOf(QStringLiteral("Office copy")) < 0);
    page.deleteSelected();
    CHECK(questions.last().contains(QStringLiteral("Office old")));
    REQUIRE(waitUntil([&] { return profiles.rowOf(QStringLiteral("Office old")) < 0; }));
    CHECK(server.admin()
              .get(QStringLiteral("/api/v1/profiles"))
              .json()[QStringLiteral("items")]
              .toArray()
              .size()
          == 2);
}

TEST_CASE("the views page creates a view from a filter, lists its devices, shows a refused filter "
          "verbatim and deletes it",
          "[integration][console][settings]")
{
    DeviceTestServer server;
    const qint64 lab = test::createdId(
        server.admin().post(QStringLiteral("/api/v1/folders"),
                            QJsonObject{{QStringLiteral("name"), QStringLiteral("Lab")}}));
    test::SandboxedDevice inLab(server, QStringLiteral("/Lab"));
    test::SandboxedDevice elsewhere(server, QString());

    test::Console console;
    console.pin(server);
    QObject owner;
    ui::UnavailableShadowLauncher shadow;
    ui::MainWindow window(console.connect(server, owner), console.settings, shadow);
    window.setConfirm([](const QString&, const QString&) { return true; });
    window.resize(1280, 760);
    window.show();

    const QModelIndex viewsNode = window.navigation().nodeIndex(Node::Views);
    REQUIRE(viewsNode.isValid());
    window.navigationView().setCurrentIndex(viewsNode);
    auto& page = window.viewsPage();
    CHECK(window.currentPage() == &page);
    auto& views = window.views();
    REQUIRE(waitUntil([&] { return views.isLoaded(); }));

    page.startNew();
    page.setEdits(QStringLiteral("Lab devices"), QStringLiteral("everything in /Lab"),
                  QStringLiteral("{\"all\": [{\"field\": \"folder\", \"folder\": %1}]}").arg(lab));
    page.save();
    REQUIRE(waitUntil([&] { return views.rowCount() == 1 && page.selectedId() > 0; }));
    REQUIRE(waitUntil([&] { return page.members().rowCount() == 1; }));
    CHECK(page.membersText() == QStringLiteral("The view selects 1 device(s) now."));
    CHECK(page.members().item(0, 0)->text()
          == server.device(inLab.id).value(QStringLiteral("name")).toString());

    // A profile assigned to the view elsewhere shows up in the list, live.
    const qint64 labProfile = test::createdId(
        server.admin().post(QStringLiteral("/api/v1/profiles"),
                            QJsonObject{{QStringLiteral("name"), QStringLiteral("Lab settings")}}));
    CHECK(test::createdId(
              server.admin().post(QStringLiteral("/api/v1/profiles/%1/assignments").arg(labProfile),
                                  QJsonObject{{QStringLiteral("view"), page.selectedId()}}))
          > 0);
    REQUIRE(waitUntil([&] {
        return views.index(0, models::ViewsModel::Profiles).data().toString()
               == QStringLiteral("Lab settings");
    }));
    CHECK(page.selectedId() == views.view(0).value(QStringLiteral("id")).toInteger());
    page.grab().save(screenshotPath(QStringLiteral("console-views.png")));

    // Not JSON: refused here. An invalid expression: the server's words.
    page.setEdits(QStringLiteral("Lab devices"), {}, QStringLiteral("{\"all\": ["));
    page.save();
    CHECK(page.statusText().startsWith(QStringLiteral("Not saved: the filter is not a JSON")));
    page.setEdits(QStringLiteral("Lab devices"), {},
                  QStringLiteral("{\"all\": [{\"field\": \"name\", \"regex\": \"(\"}]}"));
    page.save();
    REQUIRE(waitUntil([&] { return page.statusText().contains(QStringLiteral("failed")); }));
    CHECK(page.statusText().contains(QStringLiteral("regex")));

    // Widen it to every device: both are members.
    page.setEdits(QStringLiteral("All devices"), {}, QStringLiteral("{\"all\": []}"));
    page.save();
    REQUIRE(waitUntil([&] { return page.members().rowCount() == 2; }));
    CHECK(views.view(0).value(QStringLiteral("name")) == QStringLiteral("All devices"));

    page.deleteSelected();
    REQUIRE(waitUntil([&] { return views.rowCount() == 0; }));
    CHECK(server.admin()
              .get(QStringLiteral("/api/v1/views"))
              .json()[QStringLiteral("items")]
              .toArray()
              .isEmpty());
}
