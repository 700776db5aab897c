// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// The console's "Add devices" dialog against a real server: a token made in the console enrols
// a real agent into the chosen folder, and a network scan on loopback finds a real discovery
// responder and sends it a signed register offer.
#include "agent/discovery/DiscoveryResponder.h"
#include "common/core/Version.h"
#include "console/models/ScanModel.h"
#include "console/ui/AddDevicesDialog.h"
#include "console/ui/EnrolmentTokenPanel.h"
#include "console/ui/MainWindow.h"
#include "console/ui/ScanPanel.h"
#include "console/ui/ShadowLauncher.h"
#include "tests/integration/console/ConsoleRig.h"

#include <QAction>
#include <QComboBox>
#include <QJsonArray>
#include <QLineEdit>
#include <QSpinBox>
#include <QTabWidget>
#include <QTableView>
#include <QTreeWidget>

using namespace steward;
using namespace steward::console;
using steward::test::Console;
using steward::test::DeviceTestServer;
using steward::test::waitUntil;
namespace wire = steward::protocol::discovery;

namespace {

qint64 makeFolder(DeviceTestServer& server, const QString& name)
{
    const auto made = server.admin().post(
        QStringLiteral("/api/v1/folders"),
        QJsonObject{{QStringLiteral("name"), name}, {QStringLiteral("parent"), QJsonValue::Null}});
    REQUIRE(made.status == 201);
    return made.json()[QStringLiteral("id")].toInteger();
}

/** alice's console, connected, with the Add devices dialog open. */
struct ConsoleWithDialog {
    explicit ConsoleWithDialog(DeviceTestServer& server)
    {
        console.pin(server);
        session = console.connect(server, owner);
        dialog = std::make_unique<ui::AddDevicesDialog>(
            *session.api, session.server, console.settings.pinnedCertificate(session.server));
    }
    Console console;
    QObject owner;
    net::Session session;
    std::unique_ptr<ui::AddDevicesDialog> dialog;
};

} // namespace

TEST_CASE("a token made in the console enrols an agent into the chosen folder",
          "[integration][console]")
{
    DeviceTestServer server;
    const qint64 berlin = makeFolder(server, QStringLiteral("Berlin"));
    const qint64 gone = makeFolder(server, QStringLiteral("Gone"));
    ConsoleWithDialog rig(server);
    auto& dialog = *rig.dialog;
    auto& tokens = dialog.tokens();
    auto* folders = tokens.findChild<QComboBox*>(QStringLiteral("tokenFolder"));
    REQUIRE(waitUntil([&] { return !tokens.isBusy(); }));
    REQUIRE(folders->count() == 3); // none, /Berlin, /Gone
    CHECK(tokens.listedTokens() == 0);

    SECTION("the token, the command with the pinned fingerprint, and the enrolment")
    {
        folders->setCurrentIndex(folders->findData(QStringLiteral("/Berlin")));
        tokens.createToken();
        REQUIRE(waitUntil([&] { return !tokens.isBusy() && !tokens.token().isEmpty(); }));
        CHECK(tokens.error().isEmpty());
        const QString token = tokens.token();
        CHECK(tokens.command().startsWith(QStringLiteral("STEWARD_ENROLL_TOKEN=") + token
                                          + QLatin1Char(' ')));
        CHECK(tokens.command().contains(QStringLiteral("--server ") + server.url().toString()));
        // The agent compares fingerprints without colons and case.
        CHECK(tokens.command()
                  .section(QStringLiteral("--fingerprint "), 1)
                  .remove(QLatin1Char(':'))
                  .compare(server.webFingerprint().remove(QLatin1Char(':')), Qt::CaseInsensitive)
              == 0);
        CHECK(tokens.listedTokens() == 1);

        QTemporaryDir state;
        const auto enrolled = test::enrollAgent(server, state.path(), token.toLatin1(),
                                                QStringLiteral("02:00:00:00:0A:01"));
        REQUIRE(enrolled.ok());
        CHECK(server.device(enrolled->deviceId)[QStringLiteral("folder")] == berlin);
        tokens.reload();
        REQUIRE(waitUntil([&] { return !tokens.isBusy(); }));
        const auto* list = tokens.findChild<QTreeWidget*>(QStringLiteral("tokens"));
        REQUIRE(list->topLevelItemCount() == 1);
        CHECK(list->topLevelItem(0)->text(4).startsWith(QStringLiteral("used")));
        CHECK(list->topLevelItem(0)->text(3) == QStringLiteral("/Berlin"));
        dialog.show();
        CHECK(dialog.grab().save(QStringLiteral(STEWARD_BINARY_DIR "/console-add-devices.png")));

        dialog.reject(); // closing takes the token off the screen
        CHECK(tokens.token().isEmpty());
        CHECK(tokens.command().isEmpty());
    }
    SECTION("a folder deleted meanwhile is refused in the server's words, and nothing is made")
    {
        REQUIRE(server.admin().send("DELETE", QStringLiteral("/api/v1/folders/%1").arg(gone)).status
                == 200);
        folders->setCurrentIndex(folders->findData(QStringLiteral("/Gone")));
        tokens.createToken();
        REQUIRE(waitUntil([&] { return !tokens.isBusy(); }));
        CHECK(tokens.error().startsWith(QStringLiteral("No token was made:")));
        CHECK(tokens.error().contains(QStringLiteral("Gone")));
        CHECK(tokens.token().isEmpty());
        CHECK(tokens.listedTokens() == 0);
    }
}

TEST_CASE("a network scan in the console finds an agent and sends it a register offer",
          "[integration][console]")
{
    agent::DiscoveryResponder responder(agent::ResponderSettings{QHostAddress::LocalHost, 0, 100},
                                        [] {
                                            wire::Identity identity;
                                            identity.unitId = QStringLiteral("02:00:00:00:0B:01");
                                            identity.hostname = QStringLiteral("tc-lobby");
                                            identity.agentVersion = QLatin1String(ProductVersion);
                                            identity.enrolled = false;
                                            return identity;
                                        });
    REQUIRE(responder.start().ok());
    int offers = 0;
    // The test plays the agent's part: it refuses the offer, with a reason.
    QObject::connect(&responder, &agent::DiscoveryResponder::offerReceived,
                     [&](const wire::Offer& offer, const QHostAddress& from) {
                         ++offers;
                         CHECK_FALSE(offer.signature.isEmpty());
                         responder.send(from, offer.replyPort,
                                        wire::OfferReply{offer.nonce, false,
                                                         QStringLiteral("offers are off here")});
                     });
    DeviceTestServer server([](server::ServerSettings& settings) {
        settings.scanWait = std::chrono::milliseconds(300);
    });
    ConsoleWithDialog rig(server);
    auto& dialog = *rig.dialog;
    auto& panel = dialog.scan();
    auto& model = panel.model();
    model.setPollInterval(std::chrono::milliseconds(50));

    panel.startScan(); // nothing entered
    CHECK(panel.error().startsWith(QStringLiteral("Enter what to scan")));
    CHECK(model.state() == models::ScanModel::State::Idle);

    panel.findChild<QLineEdit*>(QStringLiteral("scanRange"))->setText(QStringLiteral("10.0.0.0/8"));
    panel.startScan();
    REQUIRE(waitUntil([&] { return model.state() == models::ScanModel::State::Failed; }));
    CHECK(panel.error().contains(QStringLiteral("1024")));

    panel.findChild<QLineEdit*>(QStringLiteral("scanRange"))->setText(QStringLiteral("127.0.0.1"));
    panel.findChild<QSpinBox*>(QStringLiteral("scanPort"))->setValue(responder.port());
    panel.startScan();
    CHECK(panel.error().isEmpty());
    REQUIRE(waitUntil([&] { return model.state() == models::ScanModel::State::Finished; }));
    REQUIRE(model.rowCount() == 1);
    CHECK(model.index(0, models::ScanModel::HostName).data() == QStringLiteral("tc-lobby"));
    CHECK(model.index(0, models::ScanModel::Status).data() == QStringLiteral("Not enrolled"));
    CHECK_FALSE(model.isPolling());

    auto* results = panel.findChild<QTableView*>(QStringLiteral("scanResults"));
    results->selectRow(0);
    panel.registerSelected();
    REQUIRE(waitUntil([&] {
        return model.index(0, models::ScanModel::Status).data()
               == QStringLiteral("The agent refused the offer: offers are off here");
    }));
    CHECK(offers == 1);
    dialog.tabs().setCurrentIndex(1);
    dialog.show();
    CHECK(dialog.grab().save(QStringLiteral(STEWARD_BINARY_DIR "/console-network-scan.png")));
    CHECK_FALSE(model.isPolling());
    CHECK(model.canRegister(0));
    CHECK(server.audit(QStringLiteral("scan.register"), QStringLiteral("ok")).size() == 1);
}

TEST_CASE("Add devices is a toolbar action of the main window", "[integration][console]")
{
    DeviceTestServer server;
    Console console;
    console.pin(server);
    QObject owner;
    ui::UnavailableShadowLauncher shadow;
    ui::MainWindow window(console.connect(server, owner), console.settings, shadow);
    window.show();
    QAction* action = window.action(QStringLiteral("addDevices"));
    REQUIRE(action->isEnabled());
    action->trigger();
    auto* dialog = window.findChild<ui::AddDevicesDialog*>();
    REQUIRE(dialog != nullptr);
    CHECK(dialog->isVisible());
    dialog->close();
}
