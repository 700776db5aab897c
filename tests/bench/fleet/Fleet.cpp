// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "tests/bench/fleet/Fleet.h"

#include "common/crypto/CertificateRequest.h"
#include "common/crypto/PasswordHash.h"
#include "common/crypto/PrivateKey.h"
#include "common/protocol/Decoder.h"
#include "common/protocol/Message.h"
#include "common/protocol/ProtocolVersion.h"
#include "common/tls/TlsConfig.h"
#include "server/db/AdminRepository.h"
#include "server/db/Database.h"
#include "server/db/Migrator.h"

#include <QDir>
#include <QEventLoop>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTcpServer>
#include <QTcpSocket>
#include <QWebSocket>

#include <sys/resource.h>
#include <unistd.h>

namespace steward::fleet {

quint64 raiseFileLimit(quint64 wanted)
{
    rlimit limit{};
    if (getrlimit(RLIMIT_NOFILE, &limit) != 0) {
        return 0;
    }
    if (wanted > limit.rlim_max) {
        rlimit higher{rlim_t(wanted), rlim_t(wanted)};
        if (setrlimit(RLIMIT_NOFILE, &higher) == 0) { // needs CAP_SYS_RESOURCE
            return wanted;
        }
    }
    if (limit.rlim_cur < limit.rlim_max) {
        limit.rlim_cur = limit.rlim_max;
        setrlimit(RLIMIT_NOFILE, &limit);
        getrlimit(RLIMIT_NOFILE, &limit);
    }
    return quint64(limit.rlim_cur);
}

// ---------------------------------------------------------------------------------------------

ServerProcess::ServerProcess(QString program, QString dataDir, QString configFile)
    : m_program(std::move(program)), m_dataDir(std::move(dataDir)),
      m_configFile(std::move(configFile))
{}

ServerProcess::~ServerProcess()
{
    stop();
}

Result<void> ServerProcess::start(quint16 port, std::chrono::milliseconds timeout)
{
    if (port == 0) { // a free port, kept across restarts so agents find the server again
        QTcpServer probe;
        if (!probe.listen(QHostAddress::LocalHost, 0)) {
            return makeError(ErrorCode::ConnectionFailed, probe.errorString());
        }
        port = probe.serverPort();
    }
    m_port = port;
    QStringList arguments{QStringLiteral("--data-dir"), m_dataDir, QStringLiteral("--listen"),
                          QStringLiteral("127.0.0.1:%1").arg(port)};
    if (!m_configFile.isEmpty()) {
        arguments << QStringLiteral("--config") << m_configFile;
    }
    // A file, not a pipe: a busy server must never block on a full pipe.
    m_process.setStandardOutputFile(QDir(m_dataDir).filePath(QStringLiteral("server.log")),
                                    QIODevice::Append);
    m_process.setStandardErrorFile(QDir(m_dataDir).filePath(QStringLiteral("server.log")),
                                   QIODevice::Append);
    m_process.start(m_program, arguments);
    if (!m_process.waitForStarted(int(timeout.count()))) {
        return makeError(
            ErrorCode::ConnectionFailed,
            QStringLiteral("%1 did not start: %2").arg(m_program, m_process.errorString()));
    }
    QElapsedTimer waited;
    waited.start();
    while (waited.elapsed() < timeout.count()) {
        if (m_process.state() == QProcess::NotRunning) {
            return makeError(ErrorCode::ConnectionFailed,
                             QStringLiteral("steward-server exited with %1; see %2/server.log")
                                 .arg(m_process.exitCode())
                                 .arg(m_dataDir));
        }
        QTcpSocket probe;
        probe.connectToHost(QHostAddress::LocalHost, port);
        if (probe.waitForConnected(200)) {
            return {};
        }
        m_process.waitForFinished(50); // doubles as a short wait that notices an exit
    }
    return makeError(ErrorCode::Timeout,
                     QStringLiteral("steward-server did not listen on port %1").arg(port));
}

void ServerProcess::stop()
{
    if (m_process.state() != QProcess::NotRunning) {
        m_process.terminate();
        if (!m_process.waitForFinished(30000)) {
            m_process.kill();
            m_process.waitForFinished(5000);
        }
    }
}

QUrl ServerProcess::url() const
{
    return QUrl(QStringLiteral("https://localhost:%1").arg(m_port));
}

Result<void> createAdministrator(const QString& dataDir, const QString& user,
                                 const QString& password)
{
    if (!QDir().mkpath(dataDir)) {
        return makeError(ErrorCode::IoError, QStringLiteral("cannot create %1").arg(dataDir));
    }
    server::db::DatabaseConfig config;
    config.sqliteFile = QDir(dataDir).filePath(QStringLiteral("steward.sqlite"));
    server::db::Database database(config);
    if (auto opened = database.open(); !opened) {
        return opened;
    }
    if (auto migrated = server::db::Migrator(database).apply(); !migrated) {
        return migrated;
    }
    server::db::AdminRepository admins(database);
    if (auto existing = admins.findByName(user); existing && existing->has_value()) {
        return {};
    }
    auto hash = crypto::hashPassword(password);
    if (!hash) {
        return hash.error();
    }
    auto inserted = admins.insert(user, *hash, true, 1);
    if (!inserted) {
        return inserted.error();
    }
    return {};
}

Result<QSslCertificate> serverRootCa(const QString& dataDir)
{
    auto certificates =
        tls::loadCertificates(QDir(dataDir).filePath(QStringLiteral("pki/root-ca.crt")));
    if (!certificates) {
        return certificates.error();
    }
    return certificates->first();
}

// ---------------------------------------------------------------------------------------------
namespace {

QNetworkRequest restRequest(const QUrl& base, const QString& path, const QSslCertificate& rootCa,
                            const QByteArray& bearer = {})
{
    QUrl url = base;
    url.setPath(path);
    QNetworkRequest request(url);
    request.setSslConfiguration(tls::clientConfiguration({rootCa}));
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    request.setTransferTimeout(120000);
    if (!bearer.isEmpty()) {
        request.setRawHeader("Authorization", "Bearer " + bearer);
    }
    return request;
}

// The JSON answer of a finished reply, or an error naming status and body.
Result<QJsonObject> answer(QNetworkReply* reply, int expectedStatus)
{
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QByteArray body = reply->readAll();
    if (status != expectedStatus) {
        return makeError(ErrorCode::ConnectionFailed,
                         QStringLiteral("%1 answered %2 (%3): %4")
                             .arg(reply->url().path())
                             .arg(status)
                             .arg(reply->errorString(), QString::fromUtf8(body.left(300))));
    }
    return QJsonDocument::fromJson(body).object();
}

QString macFor(int index)
{
    return QStringLiteral("02:5E:%1:%2:%3:%4")
        .arg((index >> 24) & 0xff, 2, 16, QLatin1Char('0'))
        .arg((index >> 16) & 0xff, 2, 16, QLatin1Char('0'))
        .arg((index >> 8) & 0xff, 2, 16, QLatin1Char('0'))
        .arg(index & 0xff, 2, 16, QLatin1Char('0'))
        .toUpper();
}

std::optional<Member> loadCached(const QDir& cache, int index)
{
    QFile idFile(cache.filePath(QStringLiteral("%1.id").arg(index)));
    if (!idFile.open(QIODevice::ReadOnly)) {
        return std::nullopt; // written last: without it the entry is incomplete
    }
    Member member;
    member.deviceId = idFile.readAll().trimmed().toLongLong();
    auto certificates = tls::loadCertificates(cache.filePath(QStringLiteral("%1.crt").arg(index)));
    auto key = tls::loadPrivateKey(cache.filePath(QStringLiteral("%1.key").arg(index)), QSsl::Ec);
    if (!certificates || !key || member.deviceId <= 0) {
        return std::nullopt;
    }
    member.identity = {certificates->first(), {}, *key};
    if (auto pinned = tls::loadCertificates(cache.filePath(QStringLiteral("%1.tc.crt").arg(index)));
        pinned) {
        member.deviceCommunication = pinned->first();
    }
    return member;
}

// Enrols the agents not yet cached: token, key and CSR, enrol; `parallel` in flight.
class Enrolment {
public:
    Enrolment(const ServerAccess& server, QDir cache, std::vector<std::optional<Member>>& members,
              int parallel)
        : m_server(server), m_cache(std::move(cache)), m_members(members), m_parallel(parallel)
    {
        for (int i = 0; i < int(members.size()); ++i) {
            if (!members[size_t(i)]) {
                m_todo.push_back(i);
            }
        }
    }

    Result<void> run()
    {
        while (m_inFlight < m_parallel && next()) {
        }
        if (m_inFlight > 0) {
            m_loop.exec();
        }
        if (m_error) {
            return *m_error;
        }
        return {};
    }

private:
    bool next()
    {
        if (m_error || m_todo.empty()) {
            return false;
        }
        const int index = m_todo.back();
        m_todo.pop_back();
        ++m_inFlight;
        auto* reply =
            m_network.post(restRequest(m_server.url, QStringLiteral("/api/v1/enrollment-tokens"),
                                       m_server.rootCa, m_server.bearerToken),
                           QByteArrayLiteral(R"({"ttl":3600})"));
        QObject::connect(reply, &QNetworkReply::finished, &m_loop, [this, reply, index] {
            reply->deleteLater();
            auto token = answer(reply, 201);
            if (!token) {
                finish(token.error());
                return;
            }
            enrol(index, token->value(QStringLiteral("token")).toString());
        });
        return true;
    }

    void enrol(int index, const QString& token)
    {
        auto key = crypto::PrivateKey::generate(crypto::KeySpec::ecP256());
        if (!key) {
            finish(key.error());
            return;
        }
        const QString hostname = QStringLiteral("sim-%1").arg(index);
        auto csr = crypto::CertificateRequest::create(*key, hostname);
        if (!csr) {
            finish(csr.error());
            return;
        }
        const QJsonObject body{{QStringLiteral("token"), token},
                               {QStringLiteral("csr"), QString::fromLatin1(csr->toPem())},
                               {QStringLiteral("hostname"), hostname},
                               {QStringLiteral("unitId"), macFor(index)},
                               {QStringLiteral("agentVersion"), QStringLiteral("fleet")}};
        auto* reply = m_network.post(
            restRequest(m_server.url, QStringLiteral("/api/v1/enroll"), m_server.rootCa),
            QJsonDocument(body).toJson(QJsonDocument::Compact));
        QObject::connect(reply, &QNetworkReply::finished, &m_loop,
                         [this, reply, index, key = std::move(*key)] {
                             reply->deleteLater();
                             auto enrolled = answer(reply, 201);
                             if (!enrolled) {
                                 finish(enrolled.error());
                                 return;
                             }
                             finish(store(index, key, *enrolled));
                         });
    }

    Result<void> store(int index, const crypto::PrivateKey& key, const QJsonObject& enrolled)
    {
        const QSslCertificate certificate(
            enrolled.value(QStringLiteral("certificate")).toString().toLatin1());
        const qint64 deviceId = enrolled.value(QStringLiteral("deviceId")).toInteger();
        if (certificate.isNull() || deviceId <= 0) {
            return makeError(
                ErrorCode::InvalidValue,
                QStringLiteral("the enrolment answer has no certificate or device id"));
        }
        if (auto written = key.writeFile(m_cache.filePath(QStringLiteral("%1.key").arg(index)));
            !written) {
            return written;
        }
        const QSslCertificate pinned(
            enrolled.value(QStringLiteral("deviceCommunicationCertificate")).toString().toLatin1());
        QFile tc(m_cache.filePath(QStringLiteral("%1.tc.crt").arg(index)));
        if (!tc.open(QIODevice::WriteOnly) || tc.write(pinned.toPem()) < 0) {
            return makeError(ErrorCode::IoError,
                             QStringLiteral("cannot write the cache in %1").arg(m_cache.path()));
        }
        QFile crt(m_cache.filePath(QStringLiteral("%1.crt").arg(index)));
        QFile id(m_cache.filePath(QStringLiteral("%1.id").arg(index)));
        if (!crt.open(QIODevice::WriteOnly) || crt.write(certificate.toPem()) < 0
            || !id.open(QIODevice::WriteOnly) || id.write(QByteArray::number(deviceId)) < 0) {
            return makeError(ErrorCode::IoError,
                             QStringLiteral("cannot write the cache in %1").arg(m_cache.path()));
        }
        m_members[size_t(index)] = Member{deviceId, {certificate, {}, key.toQSslKey()}, pinned};
        return {};
    }

    void finish(Result<void> outcome)
    {
        --m_inFlight;
        if (!outcome && !m_error) {
            m_error = outcome.error();
        }
        next();
        if (m_inFlight == 0) {
            m_loop.quit();
        }
    }

    const ServerAccess& m_server;
    QDir m_cache;
    std::vector<std::optional<Member>>& m_members;
    int m_parallel;
    std::vector<int> m_todo;
    int m_inFlight = 0;
    std::optional<Error> m_error;
    QNetworkAccessManager m_network;
    QEventLoop m_loop;
};

} // namespace

Result<std::vector<Member>> enrollFleet(const ServerAccess& server, int count,
                                        const QString& cacheDir, int parallel)
{
    const QDir cache(cacheDir);
    if (!QDir().mkpath(cacheDir)) {
        return makeError(ErrorCode::IoError, QStringLiteral("cannot create %1").arg(cacheDir));
    }
    std::vector<std::optional<Member>> found(size_t(std::max(0, count)));
    for (int i = 0; i < count; ++i) {
        found[size_t(i)] = loadCached(cache, i);
    }
    Enrolment enrolment(server, cache, found, std::max(1, parallel));
    if (auto ran = enrolment.run(); !ran) {
        return ran.error();
    }
    std::vector<Member> members;
    members.reserve(found.size());
    for (auto& member : found) {
        members.push_back(std::move(*member));
    }
    return members;
}

Result<int> queueCommands(const ServerAccess& server, const std::vector<qint64>& deviceIds,
                          const QJsonObject& body, int parallel)
{
    QNetworkAccessManager network;
    QEventLoop loop;
    const QByteArray payload = QJsonDocument(body).toJson(QJsonDocument::Compact);
    size_t next = 0;
    int inFlight = 0;
    int accepted = 0;
    int answered = 0;
    std::optional<Error> failure;
    std::function<void()> send = [&] {
        while (!failure && inFlight < parallel && next < deviceIds.size()) {
            const qint64 id = deviceIds[next++];
            ++inFlight;
            auto* reply = network.post(
                restRequest(server.url, QStringLiteral("/api/v1/devices/%1/commands").arg(id),
                            server.rootCa, server.bearerToken),
                payload);
            QObject::connect(reply, &QNetworkReply::finished, &loop, [&, reply] {
                reply->deleteLater();
                --inFlight;
                const int status =
                    reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
                if (status == 202) {
                    ++accepted;
                } else if (answered == 0 && status == 404) {
                    failure = Error{ErrorCode::NotFound,
                                    QStringLiteral("this server has no device commands route")};
                }
                ++answered;
                send();
                if (inFlight == 0) {
                    loop.quit();
                }
            });
        }
    };
    send();
    if (inFlight > 0) {
        loop.exec();
    }
    if (failure) {
        return *failure;
    }
    return accepted;
}

// ---------------------------------------------------------------------------------------------

class Fleet::Agent {
public:
    Agent(Fleet& fleet, int index, QSslConfiguration tls)
        : m_fleet(fleet), m_index(index), m_tls(std::move(tls)), m_backoff(fleet.m_options.backoff)
    {}

    void connect(const QUrl& url)
    {
        ++m_fleet.m_connects;
        ++m_fleet.m_connecting;
        m_connecting = true;
        m_socket = std::make_unique<QWebSocket>();
        QSslConfiguration tls = m_tls;
        tls.setSessionTicket(m_sessionTicket); // like the agent (ServerLink)
        m_socket->setSslConfiguration(tls);
        QWebSocket* socket = m_socket.get();
        QObject::connect(socket, &QWebSocket::connected, socket, [this] {
            const protocol::Hello hello{protocol::CurrentProtocolVersion,
                                        QStringLiteral("steward-agent"),
                                        QStringLiteral("0.1.0"),
                                        {}};
            m_socket->sendTextMessage(QString::fromUtf8(protocol::encodeMessage(hello, 1)));
        });
        QObject::connect(socket, &QWebSocket::textMessageReceived, socket,
                         [this](const QString& text) { received(text.toUtf8()); });
        QObject::connect(socket, &QWebSocket::disconnected, socket, [this] { closed(); });
        socket->open(url);
    }

    bool send(const QByteArray& frame)
    {
        if (!up || !m_socket) {
            return false;
        }
        m_socket->sendTextMessage(QString::fromUtf8(frame));
        return true;
    }

    void stop()
    {
        m_stopped = true;
        if (m_socket) {
            m_socket->disconnect();
            m_socket->abort();
            m_socket.reset();
        }
    }

    bool up = false;

private:
    void received(const QByteArray& frame)
    {
        if (up) {
            if (m_fleet.m_onFrame) {
                m_fleet.m_onFrame(m_index, frame);
            }
            return;
        }
        const auto decoded = protocol::decodeFrame(frame);
        if (!decoded || !std::holds_alternative<protocol::HelloAck>(decoded.message().message)) {
            return;
        }
        up = true;
        ++m_fleet.m_up;
        m_sessionTicket = m_socket->sslConfiguration().sessionTicket();
        leaveConnecting();
        m_backoff.reset();
        protocol::DeviceInventory inventory;
        inventory.hostname = QStringLiteral("sim-%1").arg(m_index);
        inventory.os = QStringLiteral("simulated");
        inventory.kernel = QStringLiteral("-");
        inventory.agentVersion = QStringLiteral("0.1.0");
        m_socket->sendTextMessage(QString::fromUtf8(protocol::encodeMessage(inventory, 2)));
    }

    void closed()
    {
        if (up) {
            up = false;
            --m_fleet.m_up;
        }
        leaveConnecting();
        ++m_fleet.m_failures;
        m_socket.release()->deleteLater(); // inside its own signal
        if (m_stopped) {
            return;
        }
        const auto delay = m_backoff.next();
        QTimer::singleShot(delay, &m_fleet, [this] {
            if (!m_stopped) {
                m_fleet.m_ready.push_back(m_index);
                m_fleet.pump();
            }
        });
    }

    void leaveConnecting()
    {
        if (m_connecting) {
            m_connecting = false;
            --m_fleet.m_connecting;
            QMetaObject::invokeMethod(
                &m_fleet, [fleet = &m_fleet] { fleet->pump(); }, Qt::QueuedConnection);
        }
    }

    Fleet& m_fleet;
    int m_index;
    QSslConfiguration m_tls;
    agent::Backoff m_backoff;
    std::unique_ptr<QWebSocket> m_socket;
    QByteArray m_sessionTicket;
    bool m_connecting = false;
    bool m_stopped = false;
};

Fleet::Fleet(Options options, std::vector<Member> members, QObject* parent)
    : QObject(parent), m_options(std::move(options))
{
    m_agents.reserve(members.size());
    for (size_t i = 0; i < members.size(); ++i) {
        m_agents.push_back(std::make_unique<Agent>(
            *this, int(i), tls::clientConfiguration({m_options.rootCa}, members[i].identity)));
    }
}

Fleet::~Fleet()
{
    stop();
}

void Fleet::start()
{
    for (int i = int(m_agents.size()) - 1; i >= 0; --i) {
        m_ready.push_back(i);
    }
    pump();
}

void Fleet::stop()
{
    m_ready.clear();
    for (auto& agent : m_agents) {
        agent->stop();
    }
    m_up = 0;
    m_connecting = 0;
}

void Fleet::pump()
{
    QUrl url = m_options.server;
    url.setScheme(QStringLiteral("wss"));
    url.setPath(QStringLiteral("/device/v1/ws"));
    while (m_connecting < m_options.maxConnecting && !m_ready.empty()) {
        const int index = m_ready.back();
        m_ready.pop_back();
        m_agents[size_t(index)]->connect(url);
    }
}

bool Fleet::send(int index, const QByteArray& frame)
{
    return index >= 0 && index < int(m_agents.size()) && m_agents[size_t(index)]->send(frame);
}

FleetCounts Fleet::counts() const
{
    return {m_up, m_connects, m_failures};
}

// ---------------------------------------------------------------------------------------------

ProcessUsage processUsage(qint64 pid)
{
    ProcessUsage usage;
    QFile status(QStringLiteral("/proc/%1/status").arg(pid));
    if (status.open(QIODevice::ReadOnly)) {
        for (const QByteArray& line : status.readAll().split('\n')) {
            if (line.startsWith("VmRSS:")) {
                usage.rssBytes = line.mid(6).trimmed().split(' ').first().toULongLong() * 1024;
            }
        }
    }
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    if (stat.open(QIODevice::ReadOnly)) {
        const QByteArray text = stat.readAll();
        // Fields after the command name, which may hold spaces: state is field 3, utime 14.
        const QList<QByteArray> fields = text.mid(text.lastIndexOf(')') + 2).split(' ');
        if (fields.size() > 12) {
            usage.cpuSeconds = double(fields[11].toULongLong() + fields[12].toULongLong())
                               / double(sysconf(_SC_CLK_TCK));
        }
    }
    return usage;
}

} // namespace steward::fleet
