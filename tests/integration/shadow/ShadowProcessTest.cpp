// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "agent/vnc/SyntheticScreenSource.h"
#include "common/tls/TlsFiles.h"
#include "console/vnc/VncClient.h"
#include "tests/integration/shadow/ShadowRig.h"
#include "tests/support/CatchQt.h"
#include "tests/support/EventLoop.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>

using namespace steward;
using steward::console::vnc::VncClient;
using steward::test::waitUntil;

namespace {

const QString AgentProgram = QStringLiteral(STEWARD_BINARY_DIR "/agent/steward-agent");
const QString ShadowProgram = QStringLiteral(STEWARD_BINARY_DIR "/console/steward-shadow");

/** Starts steward-shadow for \a device; returns the port it prints, or 0. */
quint16 startShadow(QProcess& process, test::DeviceTestServer& server, const QString& device,
                    const QStringList& extra = {})
{
    auto environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("STEWARD_PASSWORD"), QStringLiteral("correct horse"));
    process.setProcessEnvironment(environment);
    QStringList arguments{QStringLiteral("--server"),      server.url().toString(),
                          QStringLiteral("--user"),        QStringLiteral("alice"),
                          QStringLiteral("--device"),      device,
                          QStringLiteral("--fingerprint"), server.webFingerprint()};
    process.start(ShadowProgram, arguments + extra);
    REQUIRE(process.waitForStarted());
    QByteArray out;
    const QRegularExpression listening(QStringLiteral("listening 127\\.0\\.0\\.1:(\\d+)"));
    quint16 port = 0;
    REQUIRE(waitUntil(
        [&] {
            out += process.readAllStandardOutput();
            const auto match = listening.match(QString::fromUtf8(out));
            if (match.hasMatch()) {
                port = quint16(match.captured(1).toUInt());
            }
            return port != 0 || process.state() == QProcess::NotRunning;
        },
        std::chrono::seconds(30)));
    INFO(process.readAllStandardError().toStdString());
    return port;
}

} // namespace

TEST_CASE("the real steward-agent and steward-shadow carry the synthetic screen to a viewer",
          "[integration][shadow]")
{
    // Direct (the default path), through the server's relay (--relay), and the automatic
    // fallback: the default path while nothing listens where the console dials (the agent's
    // proxy listens on 127.0.0.2 only), so direct fails and the relay carries the screen.
    const QString mode =
        GENERATE(QStringLiteral("direct"), QStringLiteral("relay"), QStringLiteral("fallback"));
    INFO(mode.toStdString());
    const bool fallback = mode == QLatin1String("fallback");
    const QString path = fallback ? QStringLiteral("relay") : mode;
    test::DeviceTestServer server;
    QTemporaryDir state;
    auto enrolled = test::enrollAgent(server, state.path(), server.createToken());
    REQUIRE(enrolled.ok());
    test::installShadowIdentity(state.path());

    QProcess agent;
    test::startSyntheticAgent(agent, server, state.path(),
                              fallback ? QStringLiteral("127.0.0.2") : QStringLiteral("127.0.0.1"));

    QProcess shadow;
    const quint16 port = startShadow(
        shadow, server, enrolled->name,
        mode == QLatin1String("relay") ? QStringList{QStringLiteral("--relay")} : QStringList{});
    REQUIRE(port != 0);

    VncClient client;
    client.connectToHost(QStringLiteral("127.0.0.1"), port);
    REQUIRE(waitUntil([&] { return client.state() == VncClient::State::Connected; }));
    const agent::vnc::SyntheticScreenSource expected; // the agent's default pattern
    CHECK(client.framebuffer().size() == expected.size());
    REQUIRE(waitUntil([&] {
        return client.framebuffer().pixel(QPoint(10, 10)) == expected.pattern().background;
    }));
    // The moving square shows up somewhere on its row.
    const int row = expected.squareAt(0).center().y();
    REQUIRE(waitUntil([&] {
        for (int x = 0; x < expected.size().width(); ++x) {
            if (client.framebuffer().pixel(QPoint(x, row)) == expected.pattern().square) {
                return true;
            }
        }
        return false;
    }));

    client.disconnectFromHost();
    REQUIRE(waitUntil([&] { return shadow.state() == QProcess::NotRunning; }));
    CHECK(shadow.exitCode() == 0);
    REQUIRE(waitUntil([&] {
        return !server.audit(QStringLiteral("shadow.end"), QStringLiteral("success")).isEmpty();
    }));
    const auto ended = server.audit(QStringLiteral("shadow.end"), QStringLiteral("success"));
    CHECK(ended[0].toObject()[QStringLiteral("details")].toString().contains(QStringLiteral("path=")
                                                                             + path));
    if (fallback) {
        // Two sessions were asked for: the direct one that could not connect, then the relay's.
        const auto requests =
            server.audit(QStringLiteral("shadow.request"), QStringLiteral("success"));
        REQUIRE(requests.size() == 2);
        CHECK(server.audit(QStringLiteral("shadow.start"), QStringLiteral("success")).size() == 1);
        REQUIRE(waitUntil([&] {
            return server.audit(QStringLiteral("tunnel.end"), QStringLiteral("success")).size()
                   == 1;
        }));
    }
    agent.terminate();
    REQUIRE(waitUntil([&] { return agent.state() == QProcess::NotRunning; }));
}

TEST_CASE("steward-shadow names the refusal in plain words and exits 1", "[integration][shadow]")
{
    test::DeviceTestServer server;
    QProcess shadow;
    auto environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("STEWARD_PASSWORD"), QStringLiteral("correct horse"));
    shadow.setProcessEnvironment(environment);
    shadow.start(ShadowProgram,
                 {QStringLiteral("--server"), server.url().toString(), QStringLiteral("--user"),
                  QStringLiteral("alice"), QStringLiteral("--device"), QStringLiteral("nowhere"),
                  QStringLiteral("--fingerprint"), server.webFingerprint()});
    REQUIRE(waitUntil([&] { return shadow.state() == QProcess::NotRunning; },
                      std::chrono::seconds(20)));
    CHECK(shadow.exitCode() == 1);
    CHECK(QString::fromUtf8(shadow.readAllStandardError())
              .contains(QStringLiteral("no device is named \"nowhere\"")));
}

TEST_CASE("steward-agent shadow-cert regenerate replaces the certificate and keeps the key private",
          "[integration][shadow]")
{
    test::DeviceTestServer server;
    QTemporaryDir state;
    REQUIRE(test::enrollAgent(server, state.path(), server.createToken()).ok());
    test::installShadowIdentity(state.path());
    const QString certificate = QDir(state.path()).filePath(QStringLiteral("shadow.crt"));
    const auto before = tls::loadCertificates(certificate);
    REQUIRE(before.ok());

    QProcess regenerate;
    regenerate.start(AgentProgram, {QStringLiteral("--state-dir"), state.path(),
                                    QStringLiteral("shadow-cert"), QStringLiteral("regenerate")});
    REQUIRE(waitUntil([&] { return regenerate.state() == QProcess::NotRunning; },
                      std::chrono::seconds(60)));
    INFO(regenerate.readAllStandardError().toStdString());
    REQUIRE(regenerate.exitCode() == 0);
    const auto after = tls::loadCertificates(certificate);
    REQUIRE(after.ok());
    CHECK(after->first() != before->first());
    CHECK(QString::fromUtf8(regenerate.readAllStandardOutput())
              .contains(
                  QString::fromLatin1(after->first().digest(QCryptographicHash::Sha256).toHex())));
    CHECK(after->first().publicKey().algorithm() == QSsl::Rsa);
    CHECK(after->first().publicKey().length() == 4096);
    const auto permissions =
        QFile::permissions(QDir(state.path()).filePath(QStringLiteral("shadow.key")));
    CHECK(permissions.testFlag(QFile::ReadOwner));
    CHECK((permissions
           & (QFile::ReadGroup | QFile::WriteGroup | QFile::ExeGroup | QFile::ReadOther
              | QFile::WriteOther | QFile::ExeOther))
          == 0);
}
