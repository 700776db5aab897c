// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "tests/integration/devices/DeviceTestSupport.h"

#include "agent/app/AgentApp.h"
#include "common/protocol/Message.h"
#include "common/protocol/ProtocolVersion.h"
#include "common/tls/TlsConfig.h"
#include "server/db/AuditRepository.h"
#include "server/db/Database.h"
#include "server/db/DeviceRepository.h"
#include "server/db/EnrollmentTokenRepository.h"
#include "server/db/FolderRepository.h"
#include "server/services/AuditLog.h"
#include "server/services/EnrollmentService.h"
#include "server/services/ServerIdentity.h"
#include "tests/support/CatchQt.h"
#include "tests/support/EventLoop.h"
#include "tests/support/server/ServerProcess.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>

namespace steward::test {
namespace {

// Making a PKI costs an RSA-4096 key (the tckey), seconds per server. Every server of this
// suite starts from a copy of one PKI made on first use: each test still gets its own files,
// and nothing a test does can reach another.
QString pkiTemplate()
{
    static QTemporaryDir made;
    static bool ready = false;
    if (!ready) {
        const auto identity = server::services::ServerIdentity::loadOrCreate(
            made.filePath(QStringLiteral("pki")),
            server::services::ServerIdentity::defaultWebNames({}, QHostAddress::LocalHost));
        REQUIRE(identity.ok());
        ready = true;
    }
    return made.filePath(QStringLiteral("pki"));
}

void copyPki(const QString& to)
{
    const QDir from(pkiTemplate());
    REQUIRE(QDir().mkpath(to));
    QFile::setPermissions(to, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    for (const auto& name : from.entryList(QDir::Files)) {
        REQUIRE(QFile::copy(from.filePath(name), QDir(to).filePath(name)));
    }
}

} // namespace

void copyServerPki(const QString& pkiDir)
{
    copyPki(pkiDir);
}

void prepareServerDataDir(const QString& dataDir)
{
    copyPki(QDir(dataDir).filePath(QStringLiteral("pki")));
    REQUIRE(seedSuperuser(dataDir, QStringLiteral("alice"), QStringLiteral("correct horse")));
}

Finished runToEnd(QProcess& process, const QString& program, const QStringList& arguments)
{
    process.start(program, arguments);
    REQUIRE(process.waitForStarted());
    process.closeWriteChannel();
    REQUIRE(waitUntil([&] { return process.state() == QProcess::NotRunning; },
                      std::chrono::seconds(20)));
    return {process.exitCode(), QString::fromUtf8(process.readAllStandardOutput()),
            QString::fromUtf8(process.readAllStandardError())};
}

DeviceTestServer::DeviceTestServer(const std::function<void(server::ServerSettings&)>& adjust)
{
    server::ServerSettings settings;
    settings.dataDir = m_dir.path();
    settings.listenAddress = QHostAddress::LocalHost;
    settings.port = 0;
    settings.statusInterval = std::chrono::milliseconds(1000);
    settings.devicePingInterval = std::chrono::milliseconds(50);
    settings.deviceIdleTimeout = std::chrono::milliseconds(400);
    settings.deviceCommandSweepInterval = std::chrono::milliseconds(50);
    settings.onlineCheckInterval = std::chrono::milliseconds(0); // tests that want it say so
    if (adjust) {
        adjust(settings);
    }
    m_database = settings.databaseConfig();
    prepareServerDataDir(m_dir.path());
    m_app = std::make_unique<server::ServerApp>(settings);
    const auto started = m_app->start();
    INFO((started.ok() ? std::string() : started.error().message.toStdString()));
    REQUIRE(started.ok());
    m_admin = std::make_unique<RestClient>(
        m_app->port(), QList<QSslCertificate>{m_app->identity().rootCa().toQSslCertificate()});
    const auto login = m_admin->login(QStringLiteral("alice"), QStringLiteral("correct horse"));
    REQUIRE(login.status == 200);
    m_token = login.json()[QStringLiteral("token")].toString().toLatin1();
}

QUrl DeviceTestServer::url() const
{
    return QUrl(QStringLiteral("https://localhost:%1").arg(m_app->port()));
}

QString DeviceTestServer::webFingerprint() const
{
    return m_app->identity().webCertificate().fingerprintText(crypto::FingerprintAlgorithm::Sha256);
}

QByteArray DeviceTestServer::createToken(int ttl)
{
    const auto reply = m_admin->post(QStringLiteral("/api/v1/enrollment-tokens"),
                                     QJsonObject{{QStringLiteral("ttl"), ttl}});
    INFO(reply.body.toStdString());
    REQUIRE(reply.status == 201);
    return reply.json()[QStringLiteral("token")].toString().toLatin1();
}

QJsonArray DeviceTestServer::audit(const QString& action, const QString& outcome)
{
    const auto reply =
        m_admin->get(QStringLiteral("/api/v1/audit?action=%1&outcome=%2").arg(action, outcome));
    REQUIRE(reply.status == 200);
    return reply.json()[QStringLiteral("items")].toArray();
}

std::pair<std::unique_ptr<RestClient>, qint64> DeviceTestServer::addAdmin(const QString& name,
                                                                          const QString& password)
{
    const auto made = admin().post(
        QStringLiteral("/api/v1/admins"),
        QJsonObject{{QStringLiteral("name"), name}, {QStringLiteral("password"), password}});
    INFO(made.body.toStdString());
    REQUIRE(made.status == 201);
    auto client = std::make_unique<RestClient>(
        port(), QList<QSslCertificate>{m_app->identity().rootCa().toQSslCertificate()});
    REQUIRE(client->login(name, password).status == 200);
    return {std::move(client), made.json()[QStringLiteral("id")].toInteger()};
}

QJsonObject DeviceTestServer::device(qint64 id)
{
    const auto reply = m_admin->get(QStringLiteral("/api/v1/devices/%1").arg(id));
    REQUIRE(reply.status == 200);
    return reply.json();
}

QByteArray DeviceTestServer::insertExpiredToken()
{
    server::db::Database database(m_database);
    REQUIRE(database.open().ok());
    server::db::EnrollmentTokenRepository tokens(database);
    server::db::FolderRepository folders(database);
    server::db::AuditRepository auditRepository(database);
    server::services::AuditLog audit(auditRepository, server::services::systemClock());
    const auto created = server::services::createEnrollmentToken(
        tokens, folders, audit, std::chrono::seconds(60), {}, QStringLiteral("test"), {},
        QDateTime::currentSecsSinceEpoch() - 3600);
    REQUIRE(created.ok());
    return created->token;
}

QJsonObject DeviceTestServer::command(qint64 deviceId, qint64 commandId)
{
    const auto reply = m_admin->get(QStringLiteral("/api/v1/devices/%1/commands").arg(deviceId));
    REQUIRE(reply.status == 200);
    for (const auto& item : reply.json()[QStringLiteral("items")].toArray()) {
        if (item[QStringLiteral("id")].toInteger() == commandId) {
            return item.toObject();
        }
    }
    return {};
}

QJsonObject DeviceTestServer::sendCommand(qint64 deviceId, const QJsonObject& body)
{
    const auto reply =
        m_admin->post(QStringLiteral("/api/v1/devices/%1/commands").arg(deviceId), body);
    INFO(reply.body.toStdString());
    REQUIRE(reply.status == 202);
    return reply.json();
}

void DeviceTestServer::releaseDevice(qint64 id)
{
    server::db::Database database(m_database);
    REQUIRE(database.open().ok());
    REQUIRE(server::db::DeviceRepository(database)
                .setReleased(id, QDateTime::currentSecsSinceEpoch())
                .ok());
}

Result<agent::AgentState> enrollAgent(DeviceTestServer& server, const QString& stateDir,
                                      const QByteArray& token, const QString& unitId,
                                      std::optional<protocol::CertificateSupport> support)
{
    agent::EnrollOptions options;
    options.server = server.url();
    options.token = token;
    options.expectedFingerprint = server.webFingerprint();
    options.hostname = QStringLiteral("thin-client-7");
    options.unitId = unitId;
    options.timeout = std::chrono::seconds(10);
    options.certificateSupport = std::move(support);
    return agent::enroll(agent::StateDirectory(stateDir), options);
}

std::unique_ptr<agent::ServerLink> linkFor(const agent::AgentState& state)
{
    return std::make_unique<agent::ServerLink>(agent::linkSettingsFor(
        state, {std::chrono::milliseconds(20), std::chrono::milliseconds(200)}));
}

EventWatcher::EventWatcher(DeviceTestServer& server, const QByteArray& token)
{
    const auto tls =
        tls::clientConfiguration({server.app().identity().rootCa().toQSslCertificate()});
    m_socket.setSslConfiguration(tls);
    QNetworkRequest request(
        QUrl(QStringLiteral("wss://localhost:%1/api/v1/events").arg(server.port())));
    request.setSslConfiguration(tls);
    request.setRawHeader("Authorization",
                         "Bearer " + (token.isEmpty() ? server.bearerToken() : token));
    QObject::connect(&m_socket, &QWebSocket::textMessageReceived, [this](const QString& text) {
        auto decoded = protocol::decodeFrame(text.toUtf8());
        if (decoded.ok()) {
            m_received.push_back(decoded.message());
        }
    });
    m_socket.open(request);
    REQUIRE(waitUntil([&] { return m_socket.state() == QAbstractSocket::ConnectedState; }));
    const protocol::Hello hello{protocol::CurrentProtocolVersion,
                                QStringLiteral("steward-console"),
                                QStringLiteral("0.1.0"),
                                {}};
    m_socket.sendTextMessage(QString::fromUtf8(protocol::encodeMessage(hello, 1)));
    REQUIRE(waitUntil([&] { return !m_received.empty(); }));
}

bool EventWatcher::saw(const QString& event, qint64 id, const QString& kind) const
{
    const auto received = events();
    return std::any_of(received.begin(), received.end(), [&](const auto& object) {
        return object.kind == kind && object.event == event && object.id == id;
    });
}

QJsonObject EventWatcher::latest(const QString& event, const QString& kind, qint64 id) const
{
    for (auto it = m_received.rbegin(); it != m_received.rend(); ++it) {
        const auto* object = std::get_if<protocol::ObjectEvent>(&it->message);
        if (object && object->kind == kind && object->event == event && object->id == id) {
            return object->object.value_or(QJsonObject());
        }
    }
    return {};
}

std::vector<protocol::ObjectEvent> EventWatcher::events() const
{
    std::vector<protocol::ObjectEvent> found;
    for (const auto& incoming : m_received) {
        if (const auto* object = std::get_if<protocol::ObjectEvent>(&incoming.message)) {
            found.push_back(*object);
        }
    }
    return found;
}

} // namespace steward::test
