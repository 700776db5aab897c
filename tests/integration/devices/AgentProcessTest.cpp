// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "tests/integration/devices/DeviceTestSupport.h"
#include "tests/support/CatchQt.h"
#include "tests/support/EventLoop.h"

#include <QJsonArray>
#include <QProcess>

using namespace steward;
using steward::test::DeviceTestServer;
using steward::test::waitUntil;

namespace {

const QString AgentProgram = QStringLiteral(STEWARD_BINARY_DIR "/agent/steward-agent");
const QString AdminProgram = QStringLiteral(STEWARD_BINARY_DIR "/server/steward-admin");

// Runs a program to completion while the in-process server keeps serving.
struct Finished {
    int exitCode = -1;
    QString out;
    QString err;
};

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

} // namespace

TEST_CASE("steward-admin's token enrols the real steward-agent, whose channel comes up and "
          "ends on SIGTERM",
          "[integration][devices]")
{
    DeviceTestServer server;
    QProcess admin;
    const auto token = runToEnd(admin, AdminProgram,
                                {QStringLiteral("--data-dir"), server.dataDir(),
                                 QStringLiteral("enrollment-token"), QStringLiteral("--ttl"),
                                 QStringLiteral("1h")});
    INFO(token.err.toStdString());
    REQUIRE(token.exitCode == 0);
    const QString secret = token.out.trimmed();
    REQUIRE(secret.size() >= 40);
    CHECK_FALSE(token.err.contains(secret));

    QTemporaryDir state;
    QProcess enroll;
    auto environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("STEWARD_ENROLL_TOKEN"), secret);
    enroll.setProcessEnvironment(environment);
    const auto enrolled =
        runToEnd(enroll, AgentProgram,
                 {QStringLiteral("--state-dir"), state.path(), QStringLiteral("enroll"),
                  QStringLiteral("--server"), server.url().toString(),
                  QStringLiteral("--fingerprint"), server.webFingerprint()});
    INFO(enrolled.err.toStdString());
    REQUIRE(enrolled.exitCode == 0);
    CHECK(enrolled.out.contains(server.webFingerprint()));
    CHECK(enrolled.out.contains(QStringLiteral("enrolled as")));

    const auto devices = server.admin().get(QStringLiteral("/api/v1/devices"));
    REQUIRE(devices.json()[QStringLiteral("total")] == 1);
    const qint64 id = devices.json()[QStringLiteral("items")][0][QStringLiteral("id")].toInteger();

    QProcess run;
    // The responder on an ephemeral loopback port: tests never take the real 30005.
    run.start(AgentProgram, {QStringLiteral("--state-dir"), state.path(), QStringLiteral("run"),
                             QStringLiteral("--discovery-listen"), QStringLiteral("127.0.0.1:0")});
    REQUIRE(run.waitForStarted());
    REQUIRE(waitUntil([&] { return server.device(id)[QStringLiteral("online")] == true; },
                      std::chrono::seconds(10)));
    run.terminate(); // SIGTERM
    REQUIRE(waitUntil([&] { return run.state() == QProcess::NotRunning; }));
    CHECK(run.exitStatus() == QProcess::NormalExit);
    CHECK(run.exitCode() == 0);
    REQUIRE(waitUntil([&] { return server.device(id)[QStringLiteral("online")] == false; }));
}

TEST_CASE("the real steward-agent refuses a wrong fingerprint, naming both, and keeps the token",
          "[integration][devices]")
{
    DeviceTestServer server;
    const auto token = server.createToken();
    QTemporaryDir state;
    QProcess enroll;
    const QString wrong = QStringLiteral("00:").repeated(31) + QStringLiteral("00");
    enroll.start(AgentProgram, {QStringLiteral("--state-dir"), state.path(),
                                QStringLiteral("enroll"), QStringLiteral("--server"),
                                server.url().toString(), QStringLiteral("--fingerprint"), wrong});
    REQUIRE(enroll.waitForStarted());
    enroll.write(token + '\n'); // the token on standard input, not argv
    enroll.closeWriteChannel();
    REQUIRE(waitUntil([&] { return enroll.state() == QProcess::NotRunning; },
                      std::chrono::seconds(20)));
    const QString err = QString::fromUtf8(enroll.readAllStandardError());
    CHECK(enroll.exitCode() == 1);
    CHECK(err.contains(wrong));
    CHECK(err.contains(server.webFingerprint()));
    const auto tokens = server.admin().get(QStringLiteral("/api/v1/enrollment-tokens"));
    CHECK(tokens.json()[QStringLiteral("items")][0][QStringLiteral("used")].isNull());
}

TEST_CASE("steward-admin makes a token for an existing folder only, and the device lands there",
          "[integration][devices][folders]")
{
    DeviceTestServer server;
    const auto folder =
        server.admin().post(QStringLiteral("/api/v1/folders"),
                            QJsonObject{{QStringLiteral("name"), QStringLiteral("Kiosks")}});
    REQUIRE(folder.status == 201);
    const qint64 kiosks = folder.json()[QStringLiteral("id")].toInteger();

    QProcess unknown;
    const auto refused = runToEnd(unknown, AdminProgram,
                                  {QStringLiteral("--data-dir"), server.dataDir(),
                                   QStringLiteral("enrollment-token"), QStringLiteral("--folder"),
                                   QStringLiteral("/Kiosks/Hall")});
    CHECK(refused.exitCode != 0);
    CHECK(refused.err.contains(QStringLiteral("there is no folder /Kiosks/Hall")));
    CHECK(refused.out.isEmpty());

    QProcess admin;
    const auto token = runToEnd(admin, AdminProgram,
                                {QStringLiteral("--data-dir"), server.dataDir(),
                                 QStringLiteral("enrollment-token"), QStringLiteral("--folder"),
                                 QStringLiteral("/kiosks")});
    INFO(token.err.toStdString());
    REQUIRE(token.exitCode == 0);
    QTemporaryDir state;
    const auto enrolled = test::enrollAgent(server, state.path(), token.out.trimmed().toLatin1());
    REQUIRE(enrolled.ok());
    CHECK(server.device(enrolled->deviceId)[QStringLiteral("folder")].toInteger() == kiosks);
}
