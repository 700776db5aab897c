// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/app/ServerApp.h"
#include "common/crypto/PasswordHash.h"
#include "common/protocol/Decoder.h"
#include "common/protocol/Message.h"
#include "common/protocol/ProtocolVersion.h"
#include "common/tls/TlsConfig.h"
#include "server/db/AdminRepository.h"
#include "server/db/Database.h"
#include "server/db/Migrator.h"
#include "server/services/ServerIdentity.h"
#include "server/services/StatusService.h"
#include "tests/support/CatchQt.h"
#include "tests/support/EventLoop.h"
#include "tests/support/server/RestClient.h"
#include "tests/support/server/TempDatabase.h"

#include <QFile>
#include <QJsonArray>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTemporaryDir>
#include <QWebSocket>

using namespace steward;
using namespace steward::server;
using steward::test::RestClient;
using steward::test::waitUntil;

namespace {

ServerSettings testSettings(const QString& dataDir)
{
    ServerSettings settings;
    settings.dataDir = dataDir;
    settings.listenAddress = QHostAddress::LocalHost;
    settings.port = 0;
    settings.statusInterval = std::chrono::milliseconds(100);
    settings.maxFailedLogins = 3;
    settings.consoleRecheckInterval = std::chrono::milliseconds(100);
    return settings;
}

// Adds an administrator straight into the database, with a cheap hash for test speed.
void addAdmin(const db::DatabaseConfig& config, const QString& name, const QString& password,
              bool superuser = true)
{
    db::Database database(config);
    REQUIRE(database.open().ok());
    REQUIRE(db::Migrator(database).apply().ok());
    const auto hash = crypto::hashPassword(password, 1000);
    REQUIRE(hash.ok());
    REQUIRE(db::AdminRepository(database).insert(name, *hash, superuser, 1).ok());
}

struct Running {
    explicit Running(ServerSettings settings) : app(std::move(settings))
    {
        const auto started = app.start();
        INFO((started.ok() ? std::string() : started.error().message.toStdString()));
        REQUIRE(started.ok());
    }
    RestClient client()
    {
        return RestClient(app.port(), {app.identity().rootCa().toQSslCertificate()});
    }
    QString status() { return app.status().snapshot().value(QStringLiteral("status")).toString(); }
    /** The console event socket, opened (not yet greeted) with \a token. */
    std::unique_ptr<QWebSocket> openEvents(const QByteArray& token)
    {
        auto socket = std::make_unique<QWebSocket>();
        // QWebSocket takes its TLS settings from itself, not from the request.
        socket->setSslConfiguration(
            tls::clientConfiguration({app.identity().rootCa().toQSslCertificate()}));
        QNetworkRequest request(
            QUrl(QStringLiteral("wss://localhost:%1/api/v1/events").arg(app.port())));
        request.setRawHeader("Authorization", "Bearer " + token);
        socket->open(request);
        return socket;
    }
    ServerApp app;
};

/** Settings for a fresh data directory that already has the superuser alice. */
ServerSettings aliceSettings(const QTemporaryDir& dir)
{
    auto settings = testSettings(dir.path());
    addAdmin(settings.databaseConfig(), QStringLiteral("alice"), QStringLiteral("correct horse"));
    return settings;
}

} // namespace

TEST_CASE("a fresh data directory gets its PKI and the server reports ok", "[integration][server]")
{
    QTemporaryDir dir;
    Running server(testSettings(dir.path()));
    REQUIRE(waitUntil([&] { return server.status() == QStringLiteral("ok"); }));
    auto client = server.client();
    const auto status = client.get(QStringLiteral("/status"));
    CHECK(status.status == 200);
    CHECK(status.json()[QStringLiteral("status")] == QStringLiteral("ok"));

    const auto& identity = server.app.identity();
    CHECK(identity.rootCa().isCa());
    CHECK(identity.deviceCa().isCa());
    CHECK(identity.deviceCommunication().keySpec().toString() == QStringLiteral("RSA 4096"));
    CHECK(identity.deviceCommunication().signatureAlgorithm() == QStringLiteral("SHA512withRSA"));
    CHECK(identity.webCertificate().dnsNames().contains(QStringLiteral("localhost")));
    CHECK(identity.webCertificate().ipAddresses().contains(
        QHostAddress(QStringLiteral("127.0.0.1"))));
    CHECK(identity.webCertificate().ipAddresses().contains(QHostAddress(QStringLiteral("::1"))));
    for (const char* key : {"root-ca.key", "device-ca.key", "tckey.key", "web.key"}) {
        INFO(key);
        const auto permissions =
            QFile::permissions(dir.filePath(QStringLiteral("pki/") + QLatin1String(key)));
        CHECK(permissions.testFlags(QFile::ReadOwner | QFile::WriteOwner));
        CHECK((permissions
               & (QFile::ReadGroup | QFile::WriteGroup | QFile::ExeGroup | QFile::ReadOther
                  | QFile::WriteOther | QFile::ExeOther | QFile::ExeOwner))
              == QFile::Permissions());
    }
    CHECK(client.get(QStringLiteral("/metrics")).body.contains("steward_http_requests_total"));
    CHECK(
        client.get(QStringLiteral("/metrics")).body.contains("steward_tls_handshakes_in_progress"));
    CHECK(client.get(QStringLiteral("/metrics"))
              .body.contains("steward_tls_handshakes_refused_total"));
}

TEST_CASE("a restart keeps the server's identity", "[integration][server]")
{
    QTemporaryDir dir;
    QByteArray webCertificate;
    QByteArray deviceCommunication;
    {
        Running first(testSettings(dir.path()));
        webCertificate = first.app.identity().webCertificate().toDer();
        deviceCommunication = first.app.identity().deviceCommunication().toDer();
    }
    Running second(testSettings(dir.path()));
    CHECK(second.app.identity().webCertificate().toDer() == webCertificate);
    CHECK(second.app.identity().deviceCommunication().toDer() == deviceCommunication);
}

TEST_CASE("login accepts the right password, refuses a wrong one and locks after repeated "
          "failures",
          "[integration][server]")
{
    QTemporaryDir dir;
    const auto settings = testSettings(dir.path());
    addAdmin(settings.databaseConfig(), QStringLiteral("alice"), QStringLiteral("correct horse"));
    addAdmin(settings.databaseConfig(), QStringLiteral("auditor"),
             QStringLiteral("battery staple"));
    Running server(settings);
    auto client = server.client();

    const auto good = client.login(QStringLiteral("alice"), QStringLiteral("correct horse"));
    REQUIRE(good.status == 200);
    CHECK(good.json()[QStringLiteral("token")].toString().size() >= 40);
    CHECK(good.json()[QStringLiteral("expires")].toString().endsWith(QLatin1Char('Z')));
    CHECK(client.get(QStringLiteral("/api/v1/admins")).status == 200);

    auto other = server.client();
    const auto unknown = other.login(QStringLiteral("mallory"), QStringLiteral("whatever1"));
    const auto wrong = other.login(QStringLiteral("alice"), QStringLiteral("wrong password"));
    CHECK(unknown.status == 401);
    CHECK(wrong.status == 401);
    CHECK(unknown.json() == wrong.json()); // no hint which one exists
    CHECK(other.login(QStringLiteral("alice"), QStringLiteral("wrong again")).status == 401);
    CHECK(other.login(QStringLiteral("alice"), QStringLiteral("third time")).status == 401);

    const auto locked = other.login(QStringLiteral("alice"), QStringLiteral("correct horse"));
    CHECK(locked.status == 423);
    CHECK(locked.errorCode() == QStringLiteral("account_locked"));
    CHECK(locked.json()[QStringLiteral("error")][QStringLiteral("message")].toString().contains(
        QStringLiteral(" s")));

    auto auditor = server.client();
    REQUIRE(auditor.login(QStringLiteral("auditor"), QStringLiteral("battery staple")).status
            == 200);
    const auto locks = auditor.get(QStringLiteral("/api/v1/audit?action=account.lock"));
    REQUIRE(locks.status == 200);
    CHECK(locks.json()[QStringLiteral("total")].toInt() == 1);
    const auto denied = auditor.get(QStringLiteral("/api/v1/audit?action=login&outcome=denied"));
    CHECK(denied.json()[QStringLiteral("total")].toInt() == 5);
    const auto entry = denied.json()[QStringLiteral("items")][0].toObject();
    CHECK(entry[QStringLiteral("peer")] == QStringLiteral("127.0.0.1"));

    CHECK(client.send("POST", QStringLiteral("/api/v1/logout")).status == 204);
    CHECK(client.get(QStringLiteral("/api/v1/admins")).status == 401);
}

TEST_CASE("every /api/v1 route except login answers 401 without a token", "[integration][server]")
{
    QTemporaryDir dir;
    Running server(aliceSettings(dir));
    auto admin = server.client();
    REQUIRE(admin.login(QStringLiteral("alice"), QStringLiteral("correct horse")).status == 200);
    const auto openApi = admin.get(QStringLiteral("/api/v1/openapi.json"));
    REQUIRE(openApi.status == 200);
    const auto paths = openApi.json()[QStringLiteral("paths")].toObject();
    REQUIRE(paths.size() >= 7);

    auto anonymous = server.client();
    int checked = 0;
    for (auto path = paths.begin(); path != paths.end(); ++path) {
        QString concrete = path.key();
        concrete.replace(QRegularExpression(QStringLiteral("\\{[^}]+\\}")), QStringLiteral("1"));
        const auto methods = path.value().toObject();
        for (auto method = methods.begin(); method != methods.end(); ++method) {
            const bool open = method.value()[QStringLiteral("security")].toArray().isEmpty();
            INFO(method.key().toStdString() << " " << concrete.toStdString());
            if (!concrete.startsWith(QStringLiteral("/api/v1/"))) {
                CHECK(open); // /status and /metrics
                continue;
            }
            // Enrolment carries its credential, the one-time token, in the body.
            CHECK(open
                  == (concrete == QStringLiteral("/api/v1/login")
                      || concrete == QStringLiteral("/api/v1/enroll")));
            if (!open) {
                const auto reply =
                    anonymous.send(method.key().toUpper().toLatin1(), concrete, "{}");
                CHECK(reply.status == 401);
                CHECK(reply.errorCode() == QStringLiteral("unauthenticated"));
                ++checked;
            }
        }
    }
    CHECK(checked >= 6);
    // And every route the document lists really exists: nothing answers 404 or 405 for it.
    for (auto path = paths.begin(); path != paths.end(); ++path) {
        QString concrete = path.key();
        concrete.replace(QRegularExpression(QStringLiteral("\\{[^}]+\\}")), QStringLiteral("1"));
        for (const auto& method : path.value().toObject().keys()) {
            const auto reply = admin.send(method.toUpper().toLatin1(), concrete, "{}");
            INFO(method.toStdString() << " " << concrete.toStdString());
            CHECK(reply.status != 405);
            CHECK((reply.status != 404 || reply.errorCode() == QStringLiteral("not_found")));
        }
    }
}

TEST_CASE("a stale password change is a conflict and bad bodies name the field",
          "[integration][server]")
{
    QTemporaryDir dir;
    Running server(aliceSettings(dir));
    auto client = server.client();
    REQUIRE(client.login(QStringLiteral("alice"), QStringLiteral("correct horse")).status == 200);

    const auto created =
        client.post(QStringLiteral("/api/v1/admins"),
                    QJsonObject{{QStringLiteral("name"), QStringLiteral("bob")},
                                {QStringLiteral("password"), QStringLiteral("bob's password")}});
    REQUIRE(created.status == 201);
    const QString bob = QStringLiteral("/api/v1/admins/%1/password")
                            .arg(created.json()[QStringLiteral("id")].toInteger());
    const auto change = [&](qint64 revision) {
        return client.send("PUT", bob,
                           QJsonDocument(QJsonObject{{QStringLiteral("password"),
                                                      QStringLiteral("new password 1")},
                                                     {QStringLiteral("revision"), revision}})
                               .toJson());
    };
    CHECK(change(1).status == 204);
    const auto stale = change(1);
    CHECK(stale.status == 409);
    CHECK(stale.errorCode() == QStringLiteral("conflict"));

    const auto missing =
        client.post(QStringLiteral("/api/v1/admins"),
                    QJsonObject{{QStringLiteral("name"), QStringLiteral("carol")}});
    CHECK(missing.status == 400);
    CHECK(missing.errorCode() == QStringLiteral("missing_field"));
    CHECK(missing.json()[QStringLiteral("error")][QStringLiteral("message")].toString().contains(
        QStringLiteral("password")));
    const auto garbage = client.send("POST", QStringLiteral("/api/v1/admins"), "{not json");
    CHECK(garbage.status == 400);
    const auto weak =
        client.post(QStringLiteral("/api/v1/admins"),
                    QJsonObject{{QStringLiteral("name"), QStringLiteral("carol")},
                                {QStringLiteral("password"), QStringLiteral("short")}});
    CHECK(weak.status == 400);
    CHECK(weak.errorCode() == QStringLiteral("invalid_value"));
    const auto duplicate =
        client.post(QStringLiteral("/api/v1/admins"),
                    QJsonObject{{QStringLiteral("name"), QStringLiteral("bob")},
                                {QStringLiteral("password"), QStringLiteral("long enough")}});
    CHECK(duplicate.status == 409);
    const auto page = client.get(QStringLiteral("/api/v1/admins?limit=1&offset=1"));
    CHECK(page.json()[QStringLiteral("total")].toInt() == 2);
    CHECK(page.json()[QStringLiteral("items")].toArray().size() == 1);
    CHECK(client.get(QStringLiteral("/api/v1/admins?limit=0")).status == 400);
}

TEST_CASE("the event socket greets a console and pushes changes to it", "[integration][server]")
{
    QTemporaryDir dir;
    Running server(aliceSettings(dir));
    auto client = server.client();
    REQUIRE(client.login(QStringLiteral("alice"), QStringLiteral("correct horse")).status == 200);
    auto socket = server.openEvents(client.token());
    std::vector<protocol::IncomingMessage> received;
    QStringList undecodable;
    QObject::connect(socket.get(), &QWebSocket::textMessageReceived, [&](const QString& text) {
        auto decoded = protocol::decodeFrame(text.toUtf8());
        if (decoded.ok()) {
            received.push_back(decoded.message());
        } else {
            undecodable.append(text);
        }
    });
    REQUIRE(waitUntil([&] { return socket->state() == QAbstractSocket::ConnectedState; }));

    protocol::Hello hello{protocol::CurrentProtocolVersion,
                          QStringLiteral("steward-console"),
                          QStringLiteral("0.1.0"),
                          {}};
    socket->sendTextMessage(QString::fromUtf8(protocol::encodeMessage(hello, 1)));
    REQUIRE(waitUntil([&] { return !received.empty() || !undecodable.isEmpty(); }));
    INFO(undecodable.join(QLatin1Char('\n')).toStdString());
    REQUIRE(undecodable.isEmpty());
    CHECK(std::holds_alternative<protocol::HelloAck>(received[0].message));
    CHECK(received[0].re == std::optional<protocol::MessageId>(1));

    REQUIRE(client
                .post(QStringLiteral("/api/v1/admins"),
                      QJsonObject{{QStringLiteral("name"), QStringLiteral("bob")},
                                  {QStringLiteral("password"), QStringLiteral("bob's password")}})
                .status
            == 201);
    REQUIRE(waitUntil([&] { return received.size() >= 2; }));
    const auto* event = std::get_if<protocol::ObjectEvent>(&received[1].message);
    REQUIRE(event);
    CHECK(event->event == QStringLiteral("created"));
    CHECK(event->kind == QStringLiteral("admin"));
    CHECK(event->object->value(QStringLiteral("name")) == QStringLiteral("bob"));
}

TEST_CASE("a console speaking a newer protocol is told both versions", "[integration][server]")
{
    QTemporaryDir dir;
    Running server(aliceSettings(dir));
    auto client = server.client();
    REQUIRE(client.login(QStringLiteral("alice"), QStringLiteral("correct horse")).status == 200);
    auto socket = server.openEvents(client.token());
    QString reply;
    bool closed = false;
    QObject::connect(socket.get(), &QWebSocket::textMessageReceived,
                     [&](const QString& text) { reply = text; });
    QObject::connect(socket.get(), &QWebSocket::disconnected, [&] { closed = true; });
    REQUIRE(waitUntil([&] { return socket->state() == QAbstractSocket::ConnectedState; }));
    protocol::Hello hello{2, QStringLiteral("steward-console"), QStringLiteral("9.0.0"), {}};
    socket->sendTextMessage(QString::fromUtf8(protocol::encodeMessage(hello, 1)));
    REQUIRE(waitUntil([&] { return closed; }));
    CHECK(reply.contains(QStringLiteral("incompatible_version")));
    CHECK(reply.contains(QStringLiteral("9.0.0")));
    CHECK(reply.contains(QStringLiteral("0.1.0")));
}

TEST_CASE("status warns about a configured public name the web certificate lacks",
          "[integration][server]")
{
    QTemporaryDir dir;
    {
        Running first(testSettings(dir.path()));
    }
    auto settings = testSettings(dir.path());
    settings.publicNames = {QStringLiteral("steward.example.org"), QStringLiteral("localhost")};
    Running server(settings);
    REQUIRE(waitUntil([&] { return server.status() == QStringLiteral("warn"); }));
    const auto checks = server.app.status().snapshot()[QStringLiteral("checks")].toArray();
    bool named = false;
    for (const auto& check : checks) {
        named = named
                || check[QStringLiteral("message")].toString().contains(
                    QStringLiteral("steward.example.org"));
    }
    CHECK(named);
}

TEST_CASE("status turns err while PostgreSQL is down and ok when it returns",
          "[integration][server]")
{
    test::TempDatabase database(db::DatabaseKind::Postgres, test::TempDatabase::Cluster::Private);
    INFO(database.setupError().toStdString());
    REQUIRE(database.setupError().isEmpty());
    QTemporaryDir dir;
    auto settings = testSettings(dir.path());
    settings.databaseKind = db::DatabaseKind::Postgres;
    settings.databaseHost = database.config().host;
    settings.databasePort = database.config().port;
    settings.databaseName = database.config().name;
    settings.databaseUser = database.config().user;
    const QString passwordFile = dir.filePath(QStringLiteral("db-password"));
    {
        QFile file(passwordFile);
        REQUIRE(file.open(QIODevice::WriteOnly));
        file.write(database.config().password.toUtf8());
    }
    settings.databasePasswordFile = passwordFile;
    auto withPassword = database.config();
    addAdmin(withPassword, QStringLiteral("alice"), QStringLiteral("correct horse"));

    Running server(settings);
    REQUIRE(waitUntil([&] { return server.status() == QStringLiteral("ok"); }));
    auto client = server.client();
    REQUIRE(client.login(QStringLiteral("alice"), QStringLiteral("correct horse")).status == 200);

    REQUIRE(database.stopCluster());
    REQUIRE(waitUntil([&] { return server.status() == QStringLiteral("err"); },
                      std::chrono::seconds(30)));
    const auto during = client.get(QStringLiteral("/api/v1/admins"));
    CHECK(during.status == 503);
    CHECK(during.errorCode() == QStringLiteral("database_unavailable"));

    REQUIRE(database.startCluster());
    REQUIRE(waitUntil([&] { return server.status() == QStringLiteral("ok"); },
                      std::chrono::seconds(30)));
    CHECK(client.get(QStringLiteral("/api/v1/admins")).status == 200);
}

TEST_CASE("a login's slow password check does not hold up other requests", "[integration][server]")
{
    QTemporaryDir dir;
    const auto settings = testSettings(dir.path());
    {
        db::Database database(settings.databaseConfig());
        REQUIRE(database.open().ok());
        REQUIRE(db::Migrator(database).apply().ok());
        const auto hash = crypto::hashPassword(QStringLiteral("correct horse")); // production cost
        REQUIRE(db::AdminRepository(database).insert(QStringLiteral("alice"), *hash, true, 1).ok());
    }
    Running server(settings);
    QNetworkAccessManager network;
    const auto request = [&](const QString& path) {
        QNetworkRequest r(
            QUrl(QStringLiteral("https://localhost:%1%2").arg(server.app.port()).arg(path)));
        r.setSslConfiguration(
            tls::clientConfiguration({server.app.identity().rootCa().toQSslCertificate()}));
        r.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
        return r;
    };
    // Warm both connections up first, so the race below is only about the password check.
    auto* warm = network.get(request(QStringLiteral("/status")));
    REQUIRE(waitUntil([&] { return warm->isFinished(); }));
    QStringList order;
    auto* login = network.post(request(QStringLiteral("/api/v1/login")),
                               QByteArrayLiteral(R"({"user":"alice","password":"correct horse"})"));
    QObject::connect(login, &QNetworkReply::finished,
                     [&] { order.append(QStringLiteral("login")); });
    REQUIRE(waitUntil([&] { return login->isRunning(); }));
    std::vector<QNetworkReply*> statuses;
    for (int i = 0; i < 3; ++i) {
        statuses.push_back(network.get(request(QStringLiteral("/status"))));
        QObject::connect(statuses.back(), &QNetworkReply::finished,
                         [&] { order.append(QStringLiteral("status")); });
    }
    REQUIRE(waitUntil([&] { return order.size() == 4; }, std::chrono::seconds(30)));
    CHECK(login->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() == 200);
    INFO(order.join(QLatin1Char(' ')).toStdString());
    CHECK(order.last() == QStringLiteral("login"));
}

TEST_CASE("logging out ends the console's event socket", "[integration][server]")
{
    QTemporaryDir dir;
    Running server(aliceSettings(dir));
    auto client = server.client();
    REQUIRE(client.login(QStringLiteral("alice"), QStringLiteral("correct horse")).status == 200);
    auto socket = server.openEvents(client.token());
    bool closed = false;
    QObject::connect(socket.get(), &QWebSocket::disconnected, [&] { closed = true; });
    REQUIRE(waitUntil([&] { return socket->state() == QAbstractSocket::ConnectedState; }));
    // Still open well past a recheck while the session lives.
    REQUIRE(client.get(QStringLiteral("/api/v1/admins")).status == 200);
    CHECK_FALSE(waitUntil([&] { return closed; }, std::chrono::milliseconds(400)));

    REQUIRE(client.send("POST", QStringLiteral("/api/v1/logout")).status == 204);
    REQUIRE(waitUntil([&] { return closed; }));
    CHECK(socket->closeReason().contains(QStringLiteral("session ended")));
}
