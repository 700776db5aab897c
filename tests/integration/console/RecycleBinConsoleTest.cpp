// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// The console's Delete, recycle bin page and re-login, offscreen, against a real ServerApp.
#include "console/models/DeviceListModel.h"
#include "console/models/NavigationModel.h"
#include "console/models/RecycleBinModel.h"
#include "console/ui/ConnectDialog.h"
#include "console/ui/MainWindow.h"
#include "console/ui/RecycleBinPage.h"
#include "console/ui/ShadowLauncher.h"
#include "server/app/ServerSettings.h"
#include "tests/integration/console/ConsoleRig.h"
#include "tests/support/server/DeviceSeed.h"

#include <QAction>
#include <QItemSelectionModel>
#include <QPushButton>
#include <QTableView>
#include <QTreeView>

using namespace steward;
using namespace steward::console;
using steward::test::DeviceTestServer;
using steward::test::waitUntil;

namespace {

/** A server with \a devices seeded devices ("seed-000001", …) and a logged-in main window. */
struct Rig {
    explicit Rig(int devices)
    {
        server::ServerSettings settings;
        settings.dataDir = server.dataDir();
        REQUIRE(test::seedDevices(settings.databaseConfig(), devices).ok());
        console.pin(server);
        window = std::make_unique<ui::MainWindow>(console.connect(server, owner), console.settings,
                                                  shadow);
        window->setConfirm([this](const QString&, const QString& text) {
            questions.append(text);
            return answer;
        });
        window->resize(1100, 650);
        window->show();
    }

    void selectDevices(const QList<qint64>& ids)
    {
        auto& list = window->devices();
        auto* selection = window->deviceView().selectionModel();
        selection->clearSelection();
        for (const qint64 id : ids) {
            selection->select(list.index(list.rowOf(id), 0),
                              QItemSelectionModel::Select | QItemSelectionModel::Rows);
        }
    }

    void selectInBin(qint64 id)
    {
        auto& bin = window->recycleBin();
        window->recycleBinPage().view().selectionModel()->select(bin.index(bin.rowOf(id), 0),
                                                                 QItemSelectionModel::ClearAndSelect
                                                                     | QItemSelectionModel::Rows);
    }

    DeviceTestServer server;
    test::Console console;
    QObject owner;
    ui::UnavailableShadowLauncher shadow;
    std::unique_ptr<ui::MainWindow> window;
    QStringList questions;
    bool answer = true;
};

} // namespace

TEST_CASE("Delete asks naming the devices, and the recycle bin page restores, purges and "
          "empties, following changes made elsewhere")
{
    Rig rig(4);
    auto& window = *rig.window;
    auto& tree = window.navigation();
    window.navigationView().setCurrentIndex(tree.devicesIndex());
    auto& list = window.devices();
    REQUIRE(waitUntil([&] { return list.rowCount() == 4; }));
    REQUIRE(tree.recycleBinIndex().isValid());
    REQUIRE(waitUntil([&] {
        return tree.recycleBinIndex().data().toString() == QStringLiteral("Recycle bin (0)");
    }));

    // Declined: nothing happens.
    rig.selectDevices({1, 2});
    rig.answer = false;
    window.action(QStringLiteral("delete"))->trigger();
    REQUIRE(rig.questions.size() == 1);
    CHECK(rig.questions.first().contains(QStringLiteral("seed-000001 and seed-000002")));
    CHECK(rig.server.admin()
              .get(QStringLiteral("/api/v1/recycle-bin"))
              .json()[QStringLiteral("total")]
          == 0);

    // Accepted: both leave the list live and the bin counts them.
    rig.answer = true;
    window.action(QStringLiteral("delete"))->trigger();
    REQUIRE(waitUntil([&] { return list.rowOf(1) < 0 && list.rowOf(2) < 0; }));
    CHECK(list.rowCount() == 2);
    REQUIRE(waitUntil([&] {
        return tree.recycleBinIndex().data().toString() == QStringLiteral("Recycle bin (2)");
    }));

    window.navigationView().setCurrentIndex(tree.recycleBinIndex());
    CHECK(window.currentPage() == &window.recycleBinPage());
    auto& bin = window.recycleBin();
    auto& page = window.recycleBinPage();
    REQUIRE(waitUntil([&] { return bin.isLoaded() && bin.rowCount() == 2; }));
    const int row = bin.rowOf(1);
    CHECK(bin.index(row, models::RecycleBinModel::Name).data().toString()
          == QStringLiteral("seed-000001"));
    CHECK(bin.index(row, models::RecycleBinModel::DeletedBy).data().toString()
          == QStringLiteral("alice"));
    CHECK(bin.index(row, models::RecycleBinModel::Folder).data().toString()
          == QStringLiteral("Devices (top level)"));
    CHECK_FALSE(page.restoreButton().isEnabled()); // nothing selected
    CHECK(page.emptyButton().isEnabled());
    CHECK(window.grab().save(QStringLiteral(STEWARD_BINARY_DIR "/console-recycle-bin.png")));

    // Restore: back on the server and out of the bin.
    rig.selectInBin(1);
    REQUIRE(page.restoreButton().isEnabled());
    page.restoreButton().click();
    REQUIRE(waitUntil([&] { return bin.rowOf(1) < 0; }));
    // The event can overtake the answer to the POST: wait for the outcome too.
    CHECK(waitUntil([&] { return page.statusText().contains(QStringLiteral("done")); }));
    CHECK(rig.server.device(1)[QStringLiteral("id")] == 1);

    // Delete permanently names the device and asks first.
    rig.selectInBin(2);
    page.purgeButton().click();
    REQUIRE(rig.questions.size() == 3);
    CHECK(rig.questions.last().contains(QStringLiteral("seed-000002")));
    REQUIRE(waitUntil([&] { return bin.rowCount() == 0; }));
    CHECK(rig.server.admin().get(QStringLiteral("/api/v1/devices/2")).status == 404);

    // A delete made elsewhere shows up live; Empty removes it for good.
    REQUIRE(rig.server.admin().send("DELETE", QStringLiteral("/api/v1/devices/3")).status == 200);
    REQUIRE(waitUntil([&] { return bin.rowOf(3) >= 0; }));
    REQUIRE(page.emptyButton().isEnabled());
    page.emptyButton().click();
    CHECK(rig.questions.last().contains(QStringLiteral("1 device")));
    REQUIRE(waitUntil([&] { return bin.rowCount() == 0; }));
    CHECK(rig.server.admin().get(QStringLiteral("/api/v1/devices/3")).status == 404);
    CHECK_FALSE(page.emptyButton().isEnabled());
}

namespace {

/** Revokes the window's session over REST, as another tool (or an administrator) would. */
void revoke(Rig& rig)
{
    test::RestClient client(
        rig.server.port(),
        QList<QSslCertificate>{rig.server.app().identity().rootCa().toQSslCertificate()});
    client.setToken(rig.window->session().api->token());
    REQUIRE(client.post(QStringLiteral("/api/v1/logout"), {}).status == 204);
}

} // namespace

TEST_CASE("a revoked session asks to log in again, pre-filled, and retries the request")
{
    Rig rig(3);
    auto& window = *rig.window;
    window.navigationView().setCurrentIndex(window.navigation().devicesIndex());
    auto& list = window.devices();
    REQUIRE(waitUntil([&] { return list.rowCount() == 3; }));
    const QByteArray before = window.session().api->token();
    std::vector<std::pair<QString, QString>> shown; // server and user as pre-filled
    window.setLoginPrompt([&](ui::ConnectDialog& dialog) {
        shown.emplace_back(dialog.server(), dialog.user());
        dialog.setPassword(test::ConsolePassword);
        dialog.connectToServer();
    });
    revoke(rig);

    list.reload(); // any request will do: it meets the 401
    REQUIRE(waitUntil([&] { return shown.size() == 1; }));
    CHECK(shown.front().first == rig.server.url().toString());
    CHECK(shown.front().second == QStringLiteral("alice"));
    REQUIRE(waitUntil([&] { return list.rowCount() == 3 && !list.isFetching(); }));
    CHECK(window.session().api->token() != before);
    CHECK_FALSE(window.session().api->token().isEmpty());
    REQUIRE(waitUntil([&] { return window.connectionText() == QStringLiteral("Live"); }));
    CHECK(shown.size() == 1); // one dialog, however many requests waited

    // The new session works for what follows: events still arrive.
    REQUIRE(rig.server.admin().send("DELETE", QStringLiteral("/api/v1/devices/1")).status == 200);
    REQUIRE(waitUntil([&] { return list.rowOf(1) < 0; }));
}

TEST_CASE("cancelling the new login leaves the console disconnected, saying why")
{
    Rig rig(2);
    auto& window = *rig.window;
    window.navigationView().setCurrentIndex(window.navigation().devicesIndex());
    auto& list = window.devices();
    REQUIRE(waitUntil([&] { return list.rowCount() == 2; }));
    QString server;
    QString user;
    std::optional<Error> failure;
    QObject::connect(&list, &models::DeviceListModel::loadFailed,
                     [&](const Error& error) { failure = error; });
    window.setLoginPrompt([&](ui::ConnectDialog& dialog) {
        server = dialog.server();
        user = dialog.user();
        dialog.reject();
    });
    revoke(rig);

    list.reload();
    REQUIRE(waitUntil([&] { return failure.has_value(); }));
    CHECK(failure->code == ErrorCode::Unauthenticated);
    CHECK(server == rig.server.url().toString());
    CHECK(user == QStringLiteral("alice"));
    CHECK(window.connectionText().contains(QStringLiteral("session expired")));
    CHECK(window.session().events->state() == net::EventSocket::State::Idle);
}
