// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// The file store over REST on a real ServerApp, and desktop.wallpaper end to end: the real
// steward-agent downloads the file over mutual TLS into its sandbox (docs/files.md).
#include "agent/enrol/AgentState.h"
#include "agent/settings/Wallpaper.h"
#include "common/tls/TlsConfig.h"
#include "tests/integration/folders/SandboxedAgent.h"
#include "tests/support/CatchQt.h"
#include "tests/support/EventLoop.h"

#include <QCryptographicHash>
#include <QFile>
#include <QJsonArray>

using namespace steward;
using steward::test::DeviceTestServer;
using steward::test::waitUntil;

namespace {

constexpr auto Patience = test::AgentPatience;

test::RestReply upload(DeviceTestServer& server, const QString& name, const QByteArray& bytes,
                       const QString& query = {})
{
    return server.admin().send("POST", QStringLiteral("/api/v1/files/%1%2").arg(name, query),
                               bytes);
}

QByteArray sandboxBytes(const test::SandboxedDevice& device, const QString& path)
{
    QFile file(device.sandbox.filePath(path));
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray("<missing>");
}

} // namespace

TEST_CASE("the file store keeps uploads by name with their sha256, refuses bad names, big files "
          "and deleting a file profiles use, and audits every change",
          "[integration][folders][files]")
{
    DeviceTestServer server;
    auto& admin = server.admin();
    const QByteArray bytes("\x89PNG wallpaper bytes", 20);
    const QString sha256 =
        QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());

    auto stored = upload(server, QStringLiteral("office.png"), bytes);
    INFO(stored.body.toStdString());
    REQUIRE(stored.status == 201);
    CHECK(stored.json()[QStringLiteral("sha256")] == sha256);
    CHECK(stored.json()[QStringLiteral("size")] == 20);
    CHECK(stored.json()[QStringLiteral("profiles")] == 0);
    CHECK(
        admin.get(QStringLiteral("/api/v1/files")).json()[QStringLiteral("items")].toArray().size()
        == 1);
    const auto content = admin.get(QStringLiteral("/api/v1/files/office.png/content"));
    CHECK(content.status == 200);
    CHECK(content.body == bytes);
    CHECK(upload(server, QStringLiteral("office.png"), "other").status == 409);
    CHECK(
        upload(server, QStringLiteral("office.png"), bytes, QStringLiteral("?replace=true")).status
        == 201);

    const auto badName = upload(server, QStringLiteral(".hidden"), bytes);
    CHECK(badName.status == 400);
    CHECK(badName.errorCode() == QStringLiteral("invalid_value"));
    const auto tooBig =
        upload(server, QStringLiteral("huge.png"), QByteArray(1024 * 1024 + 1, 'x'));
    CHECK(tooBig.status == 413);
    CHECK(admin.get(QStringLiteral("/api/v1/files/huge.png")).status == 404);

    // A device's route needs the device's client certificate: an administrator's token is not it.
    CHECK(admin.get(QStringLiteral("/device/v1/files/office.png")).status == 401);
    auto [plain, plainId] = server.addAdmin(QStringLiteral("bob"));
    (void)plainId;
    CHECK(plain->send("POST", QStringLiteral("/api/v1/files/bob.png"), bytes).status == 403);

    const qint64 profile = test::createdId(admin.post(
        QStringLiteral("/api/v1/profiles"),
        QJsonObject{{QStringLiteral("name"), QStringLiteral("Office")},
                    {QStringLiteral("values"), QJsonObject{{QStringLiteral("desktop.wallpaper"),
                                                            QStringLiteral("office.png")}}}}));
    (void)profile;
    CHECK(admin.get(QStringLiteral("/api/v1/files/office.png")).json()[QStringLiteral("profiles")]
          == 1);
    const auto refused = admin.send("DELETE", QStringLiteral("/api/v1/files/office.png"));
    CHECK(refused.status == 409);
    CHECK(refused.body.contains("1 profile"));
    CHECK(admin.send("DELETE", QStringLiteral("/api/v1/files/office.png?force=true")).status
          == 204);
    CHECK(admin.get(QStringLiteral("/api/v1/files/office.png")).status == 404);

    CHECK(server.audit(QStringLiteral("file.upload"), QStringLiteral("ok")).size() == 2);
    CHECK(server.audit(QStringLiteral("file.upload"), QStringLiteral("denied")).size() >= 2);
    CHECK(server.audit(QStringLiteral("file.delete"), QStringLiteral("denied")).size() == 1);
    CHECK(server.audit(QStringLiteral("file.delete"), QStringLiteral("ok")).size() == 1);
}

TEST_CASE("an uploaded wallpaper reaches the real agent's sandbox with the right bytes, and a "
          "missing one fails desktop.wallpaper and keeps the previous bundle",
          "[integration][folders][files][push]")
{
    DeviceTestServer server;
    auto& admin = server.admin();
    QByteArray bytes(200000, '\0');
    for (int i = 0; i < bytes.size(); ++i) {
        bytes[i] = char(i * 7 % 251);
    }
    REQUIRE(upload(server, QStringLiteral("kiosk.png"), bytes).status == 201);
    test::SandboxedDevice device(server, {});
    const qint64 profile = test::createdId(admin.post(
        QStringLiteral("/api/v1/profiles"),
        QJsonObject{{QStringLiteral("name"), QStringLiteral("Kiosk")},
                    {QStringLiteral("values"),
                     QJsonObject{{QStringLiteral("desktop.wallpaper"), QStringLiteral("kiosk.png")},
                                 {QStringLiteral("screen.lock_timeout"), 300}}}}));
    (void)test::createdId(admin.post(QStringLiteral("/api/v1/profiles/%1/assignments").arg(profile),
                                     QJsonObject{{QStringLiteral("device"), device.id}}));
    test::RunningAgent agent(device);
    REQUIRE(
        waitUntil([&] { return test::configStateIs(server, device.id, QStringLiteral("applied")); },
                  Patience));
    auto state = test::configState(server, device.id);
    CHECK(state[QStringLiteral("notApplied")].toArray().isEmpty());
    const QString applied = state[QStringLiteral("appliedVersion")].toString();
    CHECK(sandboxBytes(device, QStringLiteral("etc/steward/wallpaper/kiosk.png")) == bytes);
    CHECK(device.file(QStringLiteral("etc/steward/wallpaper.conf"))
          == QStringLiteral("file=/etc/steward/wallpaper/kiosk.png\n"));

    REQUIRE(admin
                .patch(QStringLiteral("/api/v1/profiles/%1").arg(profile),
                       QJsonObject{{QStringLiteral("values"),
                                    QJsonObject{{QStringLiteral("desktop.wallpaper"),
                                                 QStringLiteral("gone.png")},
                                                {QStringLiteral("screen.lock_timeout"), 900}}}})
                .status
            == 200);
    REQUIRE(
        waitUntil([&] { return test::configStateIs(server, device.id, QStringLiteral("failed")); },
                  Patience));
    state = test::configState(server, device.id);
    CHECK(state[QStringLiteral("appliedVersion")] == applied);
    const QString why =
        state[QStringLiteral("failures")][QStringLiteral("desktop.wallpaper")].toString();
    INFO(why.toStdString());
    CHECK(why.contains(QStringLiteral("the server has no file \"gone.png\"")));
    CHECK(state[QStringLiteral("failures")].toObject().size() == 1);
    CHECK(device.file(QStringLiteral("etc/steward/screen.conf"))
          == QStringLiteral("lock_timeout=300\n"));
    CHECK(device.file(QStringLiteral("etc/steward/wallpaper.conf"))
          == QStringLiteral("file=/etc/steward/wallpaper/kiosk.png\n"));
}

TEST_CASE("a device downloads a stored file over mutual TLS, checked by its sha256, and nothing "
          "without its client certificate",
          "[integration][folders][files]")
{
    DeviceTestServer server;
    const QByteArray bytes(5000, 'w');
    REQUIRE(upload(server, QStringLiteral("wall.jpg"), bytes).status == 201);
    test::SandboxedDevice device(server, {});
    auto state = agent::StateDirectory(device.state.path()).load();
    REQUIRE(state.ok());
    const auto fetch = [&](const QSslConfiguration& tls, qint64 maxBytes, const QString& name) {
        agent::settings::WallpaperFetcher fetcher(tls, maxBytes);
        std::optional<Result<QByteArray>> result;
        fetcher.fetch(state->server, name, [&](Result<QByteArray> file) { result = file; });
        REQUIRE(waitUntil([&] { return result.has_value(); }, Patience));
        return *result;
    };
    const auto mutual = tls::clientConfiguration({state->serverCa}, state->client);

    const auto fetched = fetch(mutual, 1 << 20, QStringLiteral("wall.jpg"));
    REQUIRE(fetched.ok());
    CHECK(*fetched == bytes);
    const auto missing = fetch(mutual, 1 << 20, QStringLiteral("gone.jpg"));
    CHECK(missing.error().message == QStringLiteral("the server has no file \"gone.jpg\""));
    const auto large = fetch(mutual, 100, QStringLiteral("wall.jpg"));
    CHECK(large.error().code == ErrorCode::FrameTooLarge);
    // The server's CA only, no client certificate: the route refuses.
    const auto anonymous =
        fetch(tls::clientConfiguration({state->serverCa}, {}), 1 << 20, QStringLiteral("wall.jpg"));
    REQUIRE_FALSE(anonymous.ok());
    CHECK(anonymous.error().code == ErrorCode::ConnectionFailed);
    CHECK(server.audit(QStringLiteral("device.connect"), QStringLiteral("denied")).size() >= 1);
}
