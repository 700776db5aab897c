// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// The console's widgets, offscreen, against a real ServerApp over TLS on loopback.
#include "common/core/Version.h"
#include "common/protocol/ProtocolVersion.h"
#include "common/tls/Fingerprint.h"
#include "common/tls/TlsConfig.h"
#include "console/models/DeviceListModel.h"
#include "console/models/NavigationModel.h"
#include "console/ui/ConnectDialog.h"
#include "console/ui/DeviceDetailsPane.h"
#include "console/ui/MainWindow.h"
#include "console/ui/PreferencesDialog.h"
#include "console/ui/ShadowLauncher.h"
#include "server/app/ServerSettings.h"
#include "server/services/ServerIdentity.h"
#include "tests/integration/console/ConsoleRig.h"
#include "tests/integration/devices/DeviceTestSupport.h"
#include "tests/support/CatchQt.h"
#include "tests/support/EventLoop.h"
#include "tests/support/TestPki.h"
#include "tests/support/server/DeviceSeed.h"

#include <QAction>
#include <QJsonArray>
#include <QMimeData>
#include <QSslServer>
#include <QTableView>
#include <QTemporaryDir>
#include <QTreeView>

using namespace steward;
using namespace steward::console;
using steward::test::DeviceTestServer;
using steward::test::waitUntil;

namespace {

using Console = test::Console;

/** Waits for the dialog's attempt to end (a message that is not progress). */
bool waitForAnswer(ui::ConnectDialog& dialog)
{
    return waitUntil([&] { return !dialog.isBusy() && !dialog.message().isEmpty(); });
}

} // namespace

TEST_CASE("the first connection shows the server's fingerprint and pins it")
{
    DeviceTestServer server;
    Console console;
    QObject owner;
    const net::Session session = console.connect(server, owner);
    REQUIRE(console.questions.size() == 1);
    CHECK(console.questions.front().fingerprint == server.webFingerprint());
    CHECK(console.questions.front().pinnedFingerprint.isEmpty());
    CHECK(tls::sha256Fingerprint(console.settings.pinnedCertificate(server.url()))
          == server.webFingerprint());
    CHECK(session.user == QStringLiteral("alice"));
    CHECK(session.serverVersion == QLatin1String(ProductVersion));
    CHECK(session.events->state() == net::EventSocket::State::Live);
    CHECK(console.settings.servers().contains(server.url().toString()));

    // From then on the pin answers: no question.
    QObject again;
    console.connect(server, again);
    CHECK(console.questions.size() == 1);
}

TEST_CASE("refusing the first certificate connects nowhere and pins nothing")
{
    DeviceTestServer server;
    Console console;
    console.trust = false;
    auto dialog = console.dialog(server);
    dialog->connectToServer();
    REQUIRE(waitUntil([&] { return !console.questions.empty(); }));
    CHECK_FALSE(dialog->isBusy());
    CHECK(dialog->result() != QDialog::Accepted);
    CHECK(console.settings.pinnedCertificate(server.url()).isNull());
}

TEST_CASE("a changed server certificate is a loud warning, never a silent accept")
{
    DeviceTestServer server;
    Console console;
    const QSslCertificate old = test::TestPki::certificate(test::TestPki::Entity::Server);
    console.settings.pinCertificate(server.url(), old);
    console.trust = false;
    auto dialog = console.dialog(server);
    dialog->connectToServer();
    REQUIRE(waitUntil([&] { return !console.questions.empty(); }));
    const auto& question = console.questions.front();
    CHECK(question.pinnedFingerprint == tls::sha256Fingerprint(old));
    CHECK(question.fingerprint == server.webFingerprint());
    CHECK(dialog->isWarning());
    CHECK(dialog->message().contains(QStringLiteral("CHANGED")));
    CHECK(dialog->message().contains(server.webFingerprint()));
    CHECK(dialog->result() != QDialog::Accepted);
    CHECK(console.settings.pinnedCertificate(server.url()) == old);
    // No login reached the server through the refused certificate.
    CHECK(server.audit(QStringLiteral("login"), QStringLiteral("denied")).isEmpty());
}

TEST_CASE("a wrong password and a locked account are explained in plain words")
{
    DeviceTestServer server;
    Console console;
    console.pin(server);
    auto dialog = console.dialog(server, QStringLiteral("wrong"));
    dialog->connectToServer();
    REQUIRE(waitForAnswer(*dialog));
    CHECK(dialog->message() == QStringLiteral("Wrong user name or password."));
    CHECK(dialog->result() != QDialog::Accepted);

    // Five failures in a row lock the account (auth/maxFailedLogins); the next attempt says so.
    for (int attempt = 2; attempt <= 6; ++attempt) {
        dialog->connectToServer();
        REQUIRE(waitForAnswer(*dialog));
    }
    INFO(dialog->message().toStdString());
    CHECK(dialog->message().startsWith(
        QStringLiteral("The account is locked after too many failed logins. Try again in ")));
    CHECK(dialog->message().contains(QStringLiteral("min")));
}

TEST_CASE("the main window loads lazily and follows enrolment and online state live")
{
    DeviceTestServer server;
    server::ServerSettings settings;
    settings.dataDir = server.dataDir();
    REQUIRE(test::seedDevices(settings.databaseConfig(), 250).ok());
    Console console;
    console.pin(server);
    QObject owner;
    ui::UnavailableShadowLauncher shadow;
    ui::MainWindow window(console.connect(server, owner), console.settings, shadow);
    window.resize(1200, 700);
    window.show();
    // The dashboard is shown at start; the device list is one click away.
    window.navigationView().setCurrentIndex(window.navigation().devicesIndex());
    CHECK(window.currentPage() == &window.deviceView());
    auto& model = window.devices();
    REQUIRE(waitUntil([&] { return model.total() == 250 && !model.isFetching(); }));
    // The view asked only for what it shows: far fewer rows than exist.
    CHECK(model.rowCount() == 200);
    CHECK(model.canFetchMore({}));
    window.deviceView().scrollToBottom();
    model.fetchMore({});
    REQUIRE(waitUntil([&] { return model.rowCount() == 250; }));
    CHECK_FALSE(model.canFetchMore({}));

    // An agent enrols: its row appears without any refresh, then turns online.
    QTemporaryDir agentDir;
    const auto state = test::enrollAgent(server, agentDir.path(), server.createToken(),
                                         QStringLiteral("02:aa:bb:cc:dd:ee"));
    REQUIRE(state.ok());
    const qint64 id = state->deviceId;
    REQUIRE(waitUntil([&] { return model.rowOf(id) >= 0; }));
    CHECK(model.total() == 251);
    // The tree's count follows too.
    CHECK(waitUntil([&] {
        return window.navigation().devicesIndex().data().toString()
               == QStringLiteral("Devices (251)");
    }));
    const int row = model.rowOf(id);
    CHECK_FALSE(model.data(model.index(row, 0), models::DeviceListModel::OnlineRole).toBool());
    auto link = test::linkFor(*state);
    link->start();
    REQUIRE(waitUntil([&] {
        return model.data(model.index(model.rowOf(id), 0), models::DeviceListModel::OnlineRole)
            .toBool();
    }));
    CHECK(window.connectionText() == QStringLiteral("Live"));

    // Its details: system information and its audit history (the enrolment).
    window.deviceView().selectRow(model.rowOf(id));
    auto& details = window.details();
    CHECK(details.deviceId() == id);
    CHECK(details.field(QStringLiteral("Unit id")) == QStringLiteral("02:AA:BB:CC:DD:EE"));
    // The device-communication certificate it pins: tckey, the store's first entry.
    CHECK(details.field(QStringLiteral("Certificate")).startsWith(QStringLiteral("#1, SHA-256 ")));
    REQUIRE(waitUntil([&] { return details.auditRows() > 0; }));
    REQUIRE(waitUntil(
        [&] { return details.field(QStringLiteral("Last IP")) == QStringLiteral("127.0.0.1"); }));

    // The server has the device command API (/api/v1/devices/{id}/commands): push settings is on.
    CHECK(window.action(QStringLiteral("shadow"))->isEnabled());
    CHECK(window.action(QStringLiteral("pushSettings"))->isEnabled());

    CHECK(window.grab().save(QStringLiteral(STEWARD_BINARY_DIR "/console-main-window.png")));

    // The agent goes away: offline, live.
    link.reset();
    REQUIRE(waitUntil([&] {
        return !model.data(model.index(model.rowOf(id), 0), models::DeviceListModel::OnlineRole)
                    .toBool();
    }));
}

TEST_CASE("a version mismatch names both versions")
{
    DeviceTestServer server;
    Console console;
    console.pin(server);
    auto dialog = console.dialog(server);
    dialog->connector().protocolVersion = protocol::CurrentProtocolVersion + 1;
    dialog->connectToServer();
    REQUIRE(waitForAnswer(*dialog));
    INFO(dialog->message().toStdString());
    CHECK(dialog->message().startsWith(
        QStringLiteral("This console and the server cannot work together")));
    CHECK(dialog->message().contains(
        QStringLiteral("steward-server %1").arg(QLatin1String(ProductVersion))));
    CHECK(dialog->message().contains(
        QStringLiteral("protocol %1").arg(protocol::CurrentProtocolVersion + 1)));
    CHECK(dialog->result() != QDialog::Accepted);
}

namespace {

/**
 * Answers like a server that is still starting: /status says "init" \a initAnswers times, then
 * "ok"; a login is refused. One request per TLS connection (Connection: close).
 */
class StartingServer : public QObject {
public:
    explicit StartingServer(int initAnswers) : m_initAnswers(initAnswers)
    {
        m_server.setSslConfiguration(
            tls::serverConfiguration(test::TestPki::identity(test::TestPki::Entity::Server)));
        QObject::connect(&m_server, &QTcpServer::pendingConnectionAvailable, this, [this] {
            while (auto* socket = m_server.nextPendingConnection()) {
                QObject::connect(socket, &QIODevice::readyRead, socket,
                                 [this, socket] { answer(*socket); });
            }
        });
        REQUIRE(m_server.listen(QHostAddress::LocalHost, 0));
    }
    [[nodiscard]] QUrl url() const
    {
        return QUrl(QStringLiteral("https://localhost:%1").arg(m_server.serverPort()));
    }
    int statusRequests = 0;

private:
    void answer(QTcpSocket& socket)
    {
        m_buffer[&socket] += socket.readAll();
        const QByteArray& request = m_buffer[&socket];
        const qsizetype end = request.indexOf("\r\n\r\n");
        if (end < 0) {
            return;
        }
        QByteArray status = "200 OK";
        QByteArray body;
        if (request.startsWith("GET /status")) {
            ++statusRequests;
            body = statusRequests <= m_initAnswers ? R"({"status":"init","checks":[]})"
                                                   : R"({"status":"ok","checks":[]})";
        } else {
            status = "401 Unauthorized";
            body =
                R"({"error":{"code":"unauthenticated","message":"wrong user name or password"}})";
        }
        socket.write("HTTP/1.1 " + status + "\r\nContent-Type: application/json\r\nContent-Length: "
                     + QByteArray::number(body.size()) + "\r\nConnection: close\r\n\r\n" + body);
        socket.disconnectFromHost();
        m_buffer.remove(&socket);
    }

    QSslServer m_server;
    QHash<QTcpSocket*, QByteArray> m_buffer;
    int m_initAnswers;
};

} // namespace

TEST_CASE("a server still starting is waited for with progress, then asked again")
{
    StartingServer server(2);
    Console console;
    console.settings.pinCertificate(server.url(),
                                    test::TestPki::certificate(test::TestPki::Entity::Server));
    ui::ConnectDialog dialog(console.settings);
    dialog.setServer(server.url().toString());
    dialog.setUser(QStringLiteral("alice"));
    dialog.setPassword(QStringLiteral("x"));
    dialog.connector().retryInterval = std::chrono::milliseconds(20);
    QStringList progress;
    QObject::connect(&dialog.connector(), &net::Connector::waiting,
                     [&](const QString&, int attempt) {
                         progress.append(dialog.message());
                         CHECK(dialog.isBusy());
                         CHECK(attempt == progress.size());
                     });
    dialog.connectToServer();
    REQUIRE(waitUntil([&] { return !dialog.isBusy(); }));
    CHECK(progress.size() == 2);
    CHECK(progress.first().startsWith(QStringLiteral("The server is starting")));
    CHECK(server.statusRequests == 3);
    // Once ready it went on to the login.
    CHECK(dialog.message() == QStringLiteral("Wrong user name or password."));
}

namespace {

class RecordingShadow final : public ui::ShadowLauncher {
public:
    [[nodiscard]] QString unavailableReason() const override { return {}; }
    void start(const net::Session& session, const QJsonObject& device, QWidget*) override
    {
        user = session.user;
        devices.append(device);
    }
    QString user;
    QList<QJsonObject> devices;
};

} // namespace

TEST_CASE("shadow hands the selected device to the launcher, and the window remembers its geometry")
{
    DeviceTestServer server;
    server::ServerSettings settings;
    settings.dataDir = server.dataDir();
    REQUIRE(test::seedDevices(settings.databaseConfig(), 3).ok());
    Console console;
    console.pin(server);
    RecordingShadow shadow;
    QObject owner;
    {
        ui::MainWindow window(console.connect(server, owner), console.settings, shadow);
        window.setGeometry(40, 50, 900, 640);
        window.show();
        REQUIRE(waitUntil([&] { return window.devices().rowCount() == 3; }));
        CHECK_FALSE(window.action(QStringLiteral("shadow"))->isEnabled()); // nothing selected
        window.deviceView().setFocus();
        window.deviceView().selectRow(1);
        QAction* action = window.action(QStringLiteral("shadow"));
        REQUIRE(action->isEnabled());
        action->trigger();
        REQUIRE(shadow.devices.size() == 1);
        CHECK(shadow.devices.first().value(QStringLiteral("name")).toString()
              == QStringLiteral("seed-000002"));
        CHECK(shadow.user == QStringLiteral("alice"));
        // The server has the device command API: reboot is on for the selected device.
        CHECK(window.action(QStringLiteral("reboot"))->isEnabled());
        // Preferences open over the live window, without blocking it.
        window.action(QStringLiteral("preferences"))->trigger();
        auto* preferences = window.findChild<ui::PreferencesDialog*>();
        REQUIRE(preferences != nullptr);
        CHECK(preferences->isVisible());
        preferences->reject();
        window.close();
    }
    QObject second;
    ui::UnavailableShadowLauncher unavailable;
    ui::MainWindow again(console.connect(server, second), console.settings, unavailable);
    CHECK(again.size() == QSize(900, 640));
    CHECK(again.action(QStringLiteral("shadow"))
              ->toolTip()
              .contains(QStringLiteral("not available")));
}

TEST_CASE("folders: the tree counts, drops move devices, and a folder's list follows live")
{
    DeviceTestServer server;
    server::ServerSettings settings;
    settings.dataDir = server.dataDir();
    REQUIRE(test::seedDevices(settings.databaseConfig(), 3).ok());
    const auto made =
        server.admin().post(QStringLiteral("/api/v1/folders"),
                            QJsonObject{{QStringLiteral("name"), QStringLiteral("Lab")},
                                        {QStringLiteral("parent"), QJsonValue::Null}});
    REQUIRE(made.status == 201);
    const qint64 lab = made.json()[QStringLiteral("id")].toInteger();
    Console console;
    console.pin(server);
    QObject owner;
    ui::UnavailableShadowLauncher shadow;
    ui::MainWindow window(console.connect(server, owner), console.settings, shadow);
    window.show();
    auto& tree = window.navigation();
    const auto labText = [&] { return tree.folderIndex(lab).data().toString(); };
    REQUIRE(waitUntil([&] { return labText() == QStringLiteral("Lab (0)"); }));
    REQUIRE(window.action(QStringLiteral("move"))->toolTip().isEmpty() == false);

    // Dragging devices 1 and 2 onto "Lab" (the drop a QDrag would deliver).
    QMimeData mime;
    mime.setData(QLatin1String(models::DeviceListModel::MimeType), "1,2");
    REQUIRE(tree.canDropMimeData(&mime, Qt::MoveAction, -1, -1, tree.folderIndex(lab)));
    tree.dropMimeData(&mime, Qt::MoveAction, -1, -1, tree.folderIndex(lab));
    REQUIRE(waitUntil([&] { return labText() == QStringLiteral("Lab (2)"); }));
    CHECK(server.device(1)[QStringLiteral("folder")].toInteger() == lab);

    // Opening the folder lists its devices only.
    window.navigationView().setCurrentIndex(tree.folderIndex(lab));
    auto& list = window.devices();
    REQUIRE(waitUntil(
        [&] { return list.folder() == lab && list.total() == 2 && list.rowCount() == 2; }));

    // Moves made elsewhere show up without a refresh: one in, one out.
    REQUIRE(server.admin()
                .patch(QStringLiteral("/api/v1/devices/3"),
                       QJsonObject{{QStringLiteral("folder"), lab}})
                .status
            == 200);
    REQUIRE(waitUntil([&] { return list.rowOf(3) >= 0; }));
    REQUIRE(server.admin()
                .patch(QStringLiteral("/api/v1/devices/1"),
                       QJsonObject{{QStringLiteral("folder"), QJsonValue::Null}})
                .status
            == 200);
    REQUIRE(waitUntil([&] { return list.rowOf(1) < 0; }));
    CHECK(list.rowCount() == 2);
    // The count update rebuilt the tree, and the list stayed on the folder.
    REQUIRE(waitUntil([&] { return labText() == QStringLiteral("Lab (2)"); }));
    CHECK(list.folder() == lab);

    // A folder made elsewhere appears in the tree.
    REQUIRE(server.admin()
                .post(QStringLiteral("/api/v1/folders"),
                      QJsonObject{{QStringLiteral("name"), QStringLiteral("Annex")},
                                  {QStringLiteral("parent"), lab}})
                .status
            == 201);
    REQUIRE(waitUntil([&] { return tree.folders().size() == 2; }));
    CHECK(window.action(QStringLiteral("newFolder"))->isEnabled());
    CHECK(window.action(QStringLiteral("move"))->isEnabled() == false); // nothing selected
}
