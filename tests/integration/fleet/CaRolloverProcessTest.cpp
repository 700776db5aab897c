// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// CA rollover end to end: the real steward-server and steward-agent processes, the device CA
// and the root renewed while the agents stay connected, a restart, then a shadow session.
#include "common/crypto/Certificate.h"
#include "common/crypto/ChainVerifier.h"
#include "common/tls/Fingerprint.h"
#include "common/tls/TlsFiles.h"
#include "tests/bench/fleet/Fleet.h"
#include "tests/support/CatchQt.h"
#include "tests/support/EventLoop.h"
#include "tests/support/server/RestClient.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QRegularExpression>
#include <QTcpSocket>
#include <QTemporaryDir>

#include <memory>

using namespace steward;
using steward::test::waitUntil;

namespace {

const QString AgentProgram = QStringLiteral(STEWARD_BINARY_DIR "/agent/steward-agent");
const QString ShadowProgram = QStringLiteral(STEWARD_BINARY_DIR "/console/steward-shadow");
const QString Ca = QStringLiteral("/api/v1/certificate-authorities");
constexpr auto Patience = std::chrono::seconds(60);

crypto::Certificate readCertificate(const QString& path)
{
    QFile file(path);
    REQUIRE(file.open(QIODevice::ReadOnly));
    auto certificate = crypto::Certificate::fromPem(file.readAll());
    REQUIRE(certificate.ok());
    return *certificate;
}

QList<QSslCertificate> rootsIn(const QString& stateDir)
{
    auto roots = tls::loadCertificates(QDir(stateDir).filePath(QStringLiteral("server-ca.crt")));
    return roots ? *roots : QList<QSslCertificate>{};
}

/** A steward-agent process enrolled in its own state dir, running with a synthetic screen. */
struct AgentProcess {
    QTemporaryDir dir;
    QProcess process;
    qint64 id = 0;
    QString name;

    void enroll(const QUrl& server, const QByteArray& token, const QString& fingerprint)
    {
        QProcess enrol;
        enrol.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        enrol.start(AgentProgram,
                    {QStringLiteral("--state-dir"), dir.path(), QStringLiteral("enroll"),
                     QStringLiteral("--server"), server.toString(), QStringLiteral("--token"),
                     QString::fromLatin1(token), QStringLiteral("--fingerprint"), fingerprint});
        REQUIRE(enrol.waitForStarted());
        enrol.closeWriteChannel();
        REQUIRE(waitUntil([&] { return enrol.state() == QProcess::NotRunning; }, Patience));
        REQUIRE(enrol.exitCode() == 0);
        QFile json(dir.filePath(QStringLiteral("agent.json")));
        REQUIRE(json.open(QIODevice::ReadOnly));
        const QJsonObject binding = QJsonDocument::fromJson(json.readAll()).object();
        id = binding[QStringLiteral("deviceId")].toInteger();
        name = binding[QStringLiteral("name")].toString();
        REQUIRE(id > 0);
    }
    void run()
    {
        process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        process.start(AgentProgram,
                      {QStringLiteral("--state-dir"), dir.path(), QStringLiteral("run"),
                       QStringLiteral("--vnc-source"), QStringLiteral("synthetic"),
                       QStringLiteral("--vnc-port"), QStringLiteral("0"),
                       QStringLiteral("--shadow-port"), QStringLiteral("0"),
                       QStringLiteral("--shadow-bind"), QStringLiteral("127.0.0.1"),
                       QStringLiteral("--shadow-prompt"), QStringLiteral("none"),
                       QStringLiteral("--discovery-listen"), QStringLiteral("127.0.0.1:0")});
        REQUIRE(process.waitForStarted());
    }
    ~AgentProcess()
    {
        process.terminate();
        process.waitForFinished(10000);
    }
    /** Whether client.crt is now from \a ca (read without failing: it may be mid-rename). */
    [[nodiscard]] bool clientFrom(const crypto::Certificate& ca) const
    {
        QFile file(dir.filePath(QStringLiteral("client.crt")));
        if (!file.open(QIODevice::ReadOnly)) {
            return false;
        }
        auto certificate = crypto::Certificate::fromPem(file.readAll());
        return certificate && crypto::verifyChain(*certificate, {}, {ca}).ok();
    }
};

bool online(test::RestClient& rest, qint64 id)
{
    const auto reply = rest.get(QStringLiteral("/api/v1/devices/%1").arg(id));
    return reply.status == 200 && reply.json()[QStringLiteral("online")] == true;
}

bool issuedBy(const crypto::Certificate& leaf, const crypto::Certificate& ca)
{
    return crypto::verifyChain(leaf, {}, {ca}).ok();
}

} // namespace

TEST_CASE("the device CA and the root are renewed while agents stay connected, after a restart "
          "they reconnect with the new trust and certificates, and a device can be shadowed",
          "[integration][fleet][certs]")
{
    QTemporaryDir data;
    const QString user = QStringLiteral("alice");
    const QString password = QStringLiteral("correct horse");
    REQUIRE(fleet::createAdministrator(data.path(), user, password).ok());
    fleet::ServerProcess server(QStringLiteral(STEWARD_BINARY_DIR "/server/steward-server"),
                                data.path());
    REQUIRE(server.start().ok());
    const QDir pki(data.filePath(QStringLiteral("pki")));
    const crypto::Certificate oldRoot =
        readCertificate(pki.filePath(QStringLiteral("root-ca.crt")));
    const crypto::Certificate oldDeviceCa =
        readCertificate(pki.filePath(QStringLiteral("device-ca.crt")));
    auto rest = std::make_unique<test::RestClient>(
        server.port(), QList<QSslCertificate>{oldRoot.toQSslCertificate()});
    REQUIRE(rest->login(user, password).status == 200);

    const QString fingerprint = readCertificate(pki.filePath(QStringLiteral("web.crt")))
                                    .fingerprintText(crypto::FingerprintAlgorithm::Sha256);
    std::vector<std::unique_ptr<AgentProcess>> agents;
    for (int i = 0; i < 2; ++i) {
        const auto token = rest->post(QStringLiteral("/api/v1/enrollment-tokens"),
                                      QJsonObject{{QStringLiteral("ttl"), 600}});
        REQUIRE(token.status == 201);
        auto agent = std::make_unique<AgentProcess>();
        agent->enroll(server.url(), token.json()[QStringLiteral("token")].toString().toLatin1(),
                      fingerprint);
        agent->run();
        agents.push_back(std::move(agent));
    }
    for (const auto& agent : agents) {
        REQUIRE(waitUntil([&] { return online(*rest, agent->id); }, Patience));
        CHECK(agent->clientFrom(oldDeviceCa));
    }

    // 1. A new device CA: every agent gets a client certificate from it over its channel.
    const auto renewedCa = rest->post(Ca + QStringLiteral("/device-ca/renew"), {});
    INFO(renewedCa.body.toStdString());
    REQUIRE(renewedCa.status == 200);
    const crypto::Certificate newDeviceCa =
        readCertificate(pki.filePath(QStringLiteral("device-ca.crt")));
    CHECK_FALSE(newDeviceCa == oldDeviceCa);
    for (const auto& agent : agents) {
        REQUIRE(waitUntil([&] { return agent->clientFrom(newDeviceCa); }, Patience));
        CHECK(online(*rest, agent->id)); // the channel never dropped
    }
    // The old device CA is still needed: the devices present its certificates until they
    // reconnect, so retiring it now is refused with the count.
    const auto early = rest->post(Ca + QStringLiteral("/retire-old"), {});
    CHECK(early.status == 409);
    CHECK(early.body.contains("2 device(s) still present"));

    // 2. A renewed root: distributed, trusted by every agent next to the old one.
    const auto renewedRoot = rest->post(Ca + QStringLiteral("/root/renew"), {});
    INFO(renewedRoot.body.toStdString());
    REQUIRE(renewedRoot.status == 200);
    const crypto::Certificate newRoot =
        readCertificate(pki.filePath(QStringLiteral("root-ca.next.crt")));
    REQUIRE(waitUntil(
        [&] {
            const auto affected = rest->get(Ca + QStringLiteral("/affected-devices?root=next"));
            return affected.status == 200 && affected.json()[QStringLiteral("total")] == 0;
        },
        Patience));
    for (const auto& agent : agents) {
        const auto roots = rootsIn(agent->dir.path());
        CHECK(roots.contains(oldRoot.toQSslCertificate()));
        CHECK(roots.contains(newRoot.toQSslCertificate()));
        CHECK(online(*rest, agent->id));
    }

    // 3. Activate it: the web certificate is re-issued from the new root.
    const auto activated = rest->post(Ca + QStringLiteral("/root/activate"), {});
    INFO(activated.body.toStdString());
    REQUIRE(activated.status == 200);
    const crypto::Certificate web = readCertificate(pki.filePath(QStringLiteral("web.crt")));
    CHECK(issuedBy(web, newRoot));

    // 4. Restart: the agents reconnect, trusting the new web certificate through the new root
    // and presenting their new client certificates.
    server.stop();
    REQUIRE(server.start(server.port()).ok());
    rest = std::make_unique<test::RestClient>(server.port(),
                                              QList<QSslCertificate>{newRoot.toQSslCertificate()});
    REQUIRE(rest->login(user, password).status == 200);
    for (const auto& agent : agents) {
        REQUIRE(waitUntil([&] { return online(*rest, agent->id); }, Patience));
    }
    // Each device now holds its renewed certificate: none is left on the old device CA.
    const auto before = rest->get(Ca);
    REQUIRE(before.status == 200);
    CHECK(before.json()[QStringLiteral("onOldDeviceCa")][QStringLiteral("count")] == 0);
    CHECK(before.json()[QStringLiteral("untrustingRoot")][QStringLiteral("count")] == 0);

    // 5. Nothing needs the old root or device CA any more: retired without force, and the
    // agents drop the old root.
    const auto retired = rest->post(Ca + QStringLiteral("/retire-old"), {});
    INFO(retired.body.toStdString());
    REQUIRE(retired.status == 200);
    CHECK(retired.json()[QStringLiteral("retired")].toArray().size() == 2);
    for (const auto& agent : agents) {
        REQUIRE(waitUntil(
            [&] {
                return rootsIn(agent->dir.path())
                       == QList<QSslCertificate>{newRoot.toQSslCertificate()};
            },
            Patience));
    }
    const auto status = rest->get(Ca);
    REQUIRE(status.status == 200);
    CHECK(status.json()[QStringLiteral("oldRoot")].isNull());
    CHECK(status.json()[QStringLiteral("oldDeviceCa")].isNull());
    // Nobody was enrolled again.
    CHECK(rest->get(QStringLiteral("/api/v1/devices")).json()[QStringLiteral("total")] == 2);

    // 6. Shadow a device through steward-shadow, pinned to the new web certificate: the
    // agent's VNC server greets through the whole chain.
    QProcess shadow;
    auto environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("STEWARD_PASSWORD"), password);
    shadow.setProcessEnvironment(environment);
    shadow.start(ShadowProgram, {QStringLiteral("--server"), server.url().toString(),
                                 QStringLiteral("--user"), user, QStringLiteral("--device"),
                                 QString::number(agents[0]->id), QStringLiteral("--fingerprint"),
                                 web.fingerprintText(crypto::FingerprintAlgorithm::Sha256)});
    REQUIRE(shadow.waitForStarted());
    QByteArray out;
    quint16 port = 0;
    const QRegularExpression listening(QStringLiteral("listening 127\\.0\\.0\\.1:(\\d+)"));
    REQUIRE(waitUntil(
        [&] {
            out += shadow.readAllStandardOutput();
            const auto match = listening.match(QString::fromUtf8(out));
            port = match.hasMatch() ? quint16(match.captured(1).toUInt()) : 0;
            return port != 0 || shadow.state() == QProcess::NotRunning;
        },
        Patience));
    INFO(shadow.readAllStandardError().toStdString());
    REQUIRE(port != 0);
    QTcpSocket viewer;
    viewer.connectToHost(QStringLiteral("127.0.0.1"), port);
    QByteArray greeting;
    REQUIRE(waitUntil(
        [&] {
            greeting += viewer.readAll();
            return greeting.size() >= 12;
        },
        Patience));
    CHECK(greeting.startsWith("RFB 003.00"));
    viewer.abort();
    shadow.terminate();
    shadow.waitForFinished(10000);
}
