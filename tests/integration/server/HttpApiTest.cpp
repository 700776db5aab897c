// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/http/HttpApi.h"
#include "common/tls/TlsConfig.h"
#include "tests/support/CatchQt.h"
#include "tests/support/EventLoop.h"
#include "tests/support/TestPki.h"

#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSslSocket>
#include <QTcpSocket>
#include <QWebSocket>

using namespace steward;
using namespace steward::server::http;
using steward::test::TestPki;
using steward::test::waitUntil;

namespace {

struct Reply {
    int status = 0;
    QJsonObject body;
    QNetworkReply::NetworkError error = QNetworkReply::NoError;
    QList<QSslError> sslErrors;
};

Reply send(QNetworkAccessManager& network, const QByteArray& verb, quint16 port,
           const QString& path, const QByteArray& body = {}, const QByteArray& token = {},
           const QList<QSslCertificate>& trusted = TestPki::testCa())
{
    QNetworkRequest request(QUrl(QStringLiteral("https://localhost:%1%2").arg(port).arg(path)));
    request.setSslConfiguration(tls::clientConfiguration(trusted));
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    if (!token.isEmpty()) {
        request.setRawHeader("Authorization", "Bearer " + token);
    }
    QNetworkReply* reply = network.sendCustomRequest(request, verb, body);
    Reply result;
    QObject::connect(reply, &QNetworkReply::sslErrors, reply,
                     [&result](const QList<QSslError>& errors) { result.sslErrors = errors; });
    if (!waitUntil([reply] { return reply->isFinished(); })) {
        reply->abort();
    }
    result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    result.body = QJsonDocument::fromJson(reply->readAll()).object();
    result.error = reply->error();
    reply->deleteLater();
    return result;
}

struct Fixture {
    explicit Fixture(HandshakeLimits handshakes = {},
                     std::chrono::milliseconds handshakeTimeout = std::chrono::milliseconds(300))
        : api(HttpApi::Limits{1024, handshakeTimeout, std::chrono::milliseconds(300)})
    {
        api.setHandshakeLimits(handshakes);
        api.router().add({HttpMethod::Get, QStringLiteral("/status"), QStringLiteral("s"), false},
                         [](const HttpRequest&) {
                             return HttpResponse::json(200, QJsonObject{{QStringLiteral("status"),
                                                                         QStringLiteral("ok")}});
                         });
        api.router().add(
            {HttpMethod::Post, QStringLiteral("/api/v1/echo/{word}"), QStringLiteral("e"), true},
            [](const HttpRequest& request) {
                return HttpResponse::json(
                    200, QJsonObject{
                             {QStringLiteral("word"), request.params.value(QStringLiteral("word"))},
                             {QStringLiteral("user"), request.principal->name},
                             {QStringLiteral("bytes"), qint64(request.body.size())}});
            });
        api.setAuthenticator([](const HttpRequest& request) -> Result<Principal> {
            if (request.bearerToken() == "letmein") {
                return Principal{7, QStringLiteral("alice"), true};
            }
            return makeError(ErrorCode::Unauthenticated, QStringLiteral("log in first"));
        });
        api.addWebSocketPath(
            QStringLiteral("/events"),
            [](const HttpRequest& request) -> Result<void> {
                if (request.bearerToken() == "letmein") {
                    return {};
                }
                return makeError(ErrorCode::Unauthenticated, QStringLiteral("log in first"));
            },
            [this](std::unique_ptr<QWebSocket> socket) {
                socket->sendTextMessage(QStringLiteral("welcome"));
                sockets.push_back(std::move(socket));
            });
        const auto port =
            api.listen(QHostAddress::LocalHost, 0,
                       tls::serverConfiguration(TestPki::identity(TestPki::Entity::Server)));
        REQUIRE(port.ok());
    }
    HttpApi api;
    std::vector<std::unique_ptr<QWebSocket>> sockets;
    QNetworkAccessManager network;
};

} // namespace

TEST_CASE("the HTTP API answers JSON over TLS on an ephemeral port", "[integration][http]")
{
    Fixture f;
    REQUIRE(f.api.port() != 0);
    const auto reply = send(f.network, "GET", f.api.port(), QStringLiteral("/status"));
    CHECK(reply.status == 200);
    CHECK(reply.body[QStringLiteral("status")] == QStringLiteral("ok"));
}

TEST_CASE("the HTTP API runs authentication, parameters and limits end to end",
          "[integration][http]")
{
    Fixture f;
    const auto refused = send(f.network, "POST", f.api.port(), QStringLiteral("/api/v1/echo/hi"));
    CHECK(refused.status == 401);
    CHECK(refused.body[QStringLiteral("error")][QStringLiteral("code")]
          == QStringLiteral("unauthenticated"));

    const auto echoed =
        send(f.network, "POST", f.api.port(), QStringLiteral("/api/v1/echo/hi"), "{}", "letmein");
    CHECK(echoed.status == 200);
    CHECK(echoed.body[QStringLiteral("word")] == QStringLiteral("hi"));
    CHECK(echoed.body[QStringLiteral("user")] == QStringLiteral("alice"));

    const auto tooBig = send(f.network, "POST", f.api.port(), QStringLiteral("/api/v1/echo/hi"),
                             QByteArray(5000, 'x'), "letmein");
    CHECK(tooBig.status == 413);
    const auto missing = send(f.network, "GET", f.api.port(), QStringLiteral("/api/v1/nothing"));
    CHECK(missing.status == 404);
    const auto wrongMethod = send(f.network, "GET", f.api.port(), QStringLiteral("/api/v1/echo/x"));
    CHECK(wrongMethod.status == 405);

    // The server keeps serving after every refusal.
    CHECK(send(f.network, "GET", f.api.port(), QStringLiteral("/status")).status == 200);
}

TEST_CASE("a client that does not trust the server's CA is refused by its own verification",
          "[integration][http]")
{
    Fixture f;
    const auto reply = send(f.network, "GET", f.api.port(), QStringLiteral("/status"), {}, {},
                            TestPki::foreignCa());
    CHECK(reply.status == 0);
    CHECK(reply.error == QNetworkReply::SslHandshakeFailedError);
    REQUIRE_FALSE(reply.sslErrors.isEmpty());
    CHECK(reply.sslErrors.first().error() == QSslError::UnableToGetLocalIssuerCertificate);
}

TEST_CASE("a WebSocket path upgrades only an admitted request", "[integration][http]")
{
    Fixture f;
    auto open = [&](const QByteArray& token) {
        auto socket = std::make_unique<QWebSocket>();
        socket->setSslConfiguration(tls::clientConfiguration(TestPki::testCa()));
        QNetworkRequest request(
            QUrl(QStringLiteral("wss://localhost:%1/events").arg(f.api.port())));
        request.setSslConfiguration(tls::clientConfiguration(TestPki::testCa()));
        if (!token.isEmpty()) {
            request.setRawHeader("Authorization", "Bearer " + token);
        }
        socket->open(request);
        return socket;
    };

    auto admitted = open("letmein");
    QString greeting;
    QObject::connect(admitted.get(), &QWebSocket::textMessageReceived,
                     [&greeting](const QString& text) { greeting = text; });
    REQUIRE(waitUntil([&] { return greeting == QStringLiteral("welcome"); }));
    CHECK(f.sockets.size() == 1);

    auto refused = open("wrong");
    bool failed = false;
    QObject::connect(refused.get(), &QWebSocket::disconnected, [&failed] { failed = true; });
    REQUIRE(waitUntil([&] { return failed; }));
    CHECK(refused->state() == QAbstractSocket::UnconnectedState);
    CHECK(f.sockets.size() == 1);
}

TEST_CASE("slow and silent clients are disconnected, WebSockets are not", "[integration][http]")
{
    Fixture f;
    QTcpSocket silent; // connects and never starts TLS
    silent.connectToHost(QHostAddress::LocalHost, f.api.port());
    REQUIRE(waitUntil([&] { return silent.state() == QAbstractSocket::ConnectedState; }));

    QSslSocket partial; // finishes TLS, then sends half a request and goes quiet
    partial.setSslConfiguration(tls::clientConfiguration(TestPki::testCa()));
    partial.connectToHostEncrypted(QStringLiteral("localhost"), f.api.port());
    REQUIRE(waitUntil([&] { return partial.isEncrypted(); }));
    partial.write("GET /status HTTP/1.1\r\nHost: localhost\r\n");

    auto socket = std::make_unique<QWebSocket>();
    socket->setSslConfiguration(tls::clientConfiguration(TestPki::testCa()));
    QNetworkRequest request(QUrl(QStringLiteral("wss://localhost:%1/events").arg(f.api.port())));
    request.setRawHeader("Authorization", "Bearer letmein");
    socket->open(request);
    REQUIRE(waitUntil([&] { return socket->state() == QAbstractSocket::ConnectedState; }));

    REQUIRE(waitUntil([&] { return silent.state() == QAbstractSocket::UnconnectedState; }));
    REQUIRE(waitUntil([&] { return partial.state() == QAbstractSocket::UnconnectedState; }));
    // Well past the idle timeout, the WebSocket still carries messages.
    REQUIRE(f.sockets.size() == 1);
    QString echoed;
    QObject::connect(socket.get(), &QWebSocket::textMessageReceived,
                     [&](const QString& text) { echoed = text; });
    f.sockets.front()->sendTextMessage(QStringLiteral("still here"));
    REQUIRE(waitUntil([&] { return echoed == QStringLiteral("still here"); }));
    CHECK(socket->state() == QAbstractSocket::ConnectedState);
    CHECK(send(f.network, "GET", f.api.port(), QStringLiteral("/status")).status == 200);
}

TEST_CASE("garbage instead of HTTP costs one connection and nothing else", "[integration][http]")
{
    Fixture f;
    for (const QByteArray& garbage :
         {QByteArray("\x16\x03\x01 not a request at all\r\n\r\n"),
          QByteArray("GET /status HTTP/9.9\r\nHost\r\n\r\n"),
          QByteArray("POST /api/v1/echo/x HTTP/1.1\r\nContent-Length: -5\r\n\r\n"),
          QByteArray(70000, 'A')}) {
        QSslSocket client;
        client.setSslConfiguration(tls::clientConfiguration(TestPki::testCa()));
        client.connectToHostEncrypted(QStringLiteral("localhost"), f.api.port());
        REQUIRE(waitUntil([&] { return client.isEncrypted(); }));
        client.write(garbage);
        // The server answers (Qt's parser is lenient about versions) or closes; it never hangs.
        REQUIRE(waitUntil([&] {
            return client.state() == QAbstractSocket::UnconnectedState
                   || client.bytesAvailable() > 0;
        }));
        if (client.bytesAvailable() > 0) {
            const QByteArray answer = client.readAll();
            INFO(answer.left(200).toStdString());
            CHECK(answer.startsWith("HTTP/1.1 "));
        }
    }
    CHECK(send(f.network, "GET", f.api.port(), QStringLiteral("/status")).status == 200);
}

TEST_CASE("an oversized body is cut off while it arrives, not buffered whole",
          "[integration][http]")
{
    Fixture f; // the limit is 1 KiB
    QSslSocket client;
    client.setSslConfiguration(tls::clientConfiguration(TestPki::testCa()));
    client.connectToHostEncrypted(QStringLiteral("localhost"), f.api.port());
    REQUIRE(waitUntil([&] { return client.isEncrypted(); }));
    const qint64 announced = 512LL * 1024 * 1024; // far more than will ever be sent
    client.write(
        "POST /api/v1/echo/x HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer letmein\r\n"
        "Content-Type: application/json\r\nContent-Length: "
        + QByteArray::number(announced) + "\r\n\r\n");
    qint64 sent = 0;
    const QByteArray chunk(16 * 1024, 'x');
    REQUIRE(waitUntil(
        [&] {
            if (client.state() == QAbstractSocket::ConnectedState
                && client.bytesToWrite() < chunk.size()) {
                client.write(chunk);
                sent += chunk.size();
            }
            return client.state() == QAbstractSocket::UnconnectedState;
        },
        std::chrono::seconds(20)));
    INFO("sent " << sent << " bytes");
    CHECK(sent < 4 * 1024 * 1024); // cut off near the 1 KiB + 64 KiB allowance, not at 512 MiB
    CHECK(send(f.network, "GET", f.api.port(), QStringLiteral("/status")).status == 200);
}

TEST_CASE("TLS handshakes beyond the cap wait their turn and all complete", "[integration][http]")
{
    Fixture f(HandshakeLimits{2, 100}, std::chrono::seconds(10));
    constexpr int Clients = 24;
    std::vector<std::unique_ptr<QSslSocket>> clients;
    for (int i = 0; i < Clients; ++i) {
        auto client = std::make_unique<QSslSocket>();
        client->setSslConfiguration(tls::clientConfiguration(TestPki::testCa()));
        client->connectToHostEncrypted(QStringLiteral("localhost"), f.api.port());
        clients.push_back(std::move(client));
    }
    quint64 mostInProgress = 0;
    quint64 mostQueued = 0;
    REQUIRE(waitUntil([&] {
        const HandshakeCounts counts = f.api.handshakeCounts();
        mostInProgress = std::max(mostInProgress, counts.inProgress);
        mostQueued = std::max(mostQueued, counts.queued);
        return std::all_of(clients.begin(), clients.end(),
                           [](const auto& client) { return client->isEncrypted(); });
    }));
    // A TLS 1.3 client is done one flight before the server.
    REQUIRE(waitUntil([&] { return f.api.handshakeCounts().inProgress == 0; }));
    const HandshakeCounts counts = f.api.handshakeCounts();
    CHECK(mostInProgress <= 2);
    CHECK(counts.peakInProgress == 2); // the cap was reached, never passed
    CHECK(mostQueued > 0);             // and the others really waited
    CHECK(counts.started == Clients);
    CHECK(counts.refused == 0);
    CHECK(counts.queued == 0);
    CHECK(send(f.network, "GET", f.api.port(), QStringLiteral("/status")).status == 200);
}

TEST_CASE("a full handshake queue refuses at once, a freed turn admits the next waiting",
          "[integration][http]")
{
    Fixture f(HandshakeLimits{1, 1}, std::chrono::seconds(10));
    QTcpSocket silent; // takes the only turn and never says hello
    silent.connectToHost(QHostAddress::LocalHost, f.api.port());
    REQUIRE(waitUntil([&] { return f.api.handshakeCounts().inProgress == 1; }));

    QSslSocket waiting;
    waiting.setSslConfiguration(tls::clientConfiguration(TestPki::testCa()));
    waiting.connectToHostEncrypted(QStringLiteral("localhost"), f.api.port());
    REQUIRE(waitUntil([&] { return f.api.handshakeCounts().queued == 1; }));

    QSslSocket refused;
    refused.setSslConfiguration(tls::clientConfiguration(TestPki::testCa()));
    refused.connectToHostEncrypted(QStringLiteral("localhost"), f.api.port());
    REQUIRE(waitUntil([&] { return refused.state() == QAbstractSocket::UnconnectedState; }));
    CHECK_FALSE(refused.isEncrypted());
    CHECK(f.api.handshakeCounts().refused == 1);
    CHECK_FALSE(waiting.isEncrypted());

    silent.abort(); // frees the turn
    REQUIRE(waitUntil([&] { return waiting.isEncrypted(); }));
    const HandshakeCounts counts = f.api.handshakeCounts();
    CHECK(counts.peakInProgress == 1);
    CHECK(counts.queued == 0);
    CHECK(send(f.network, "GET", f.api.port(), QStringLiteral("/status")).status == 200);
}
