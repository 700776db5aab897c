// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "agent/settings/SettingsClient.h"
#include "agent/link/ServerLink.h"
#include "common/crypto/PrivateKey.h"
#include "common/crypto/Signature.h"
#include "tests/support/CatchQt.h"
#include "tests/support/TempFiles.h"
#include "tests/support/TestPki.h"

#include <QTemporaryDir>

using namespace steward;
using steward::agent::settings::BundleApplier;
using steward::agent::settings::SettingsClient;
using steward::test::TestPki;

namespace {

constexpr qint64 DeviceId = 12;
const QString Version(64, QLatin1Char('c'));

protocol::SettingsBundle signedBundle(TestPki::Entity signer, qint64 deviceId,
                                      const QString& version = Version,
                                      const QString& zone = QStringLiteral("Europe/Berlin"))
{
    protocol::SettingsBundle bundle{
        deviceId, version, 1, QJsonObject{{QStringLiteral("system.timezone"), zone}}, {}};
    const auto key = crypto::PrivateKey::readFile(TestPki::keyPath(signer));
    REQUIRE(key.ok());
    const auto signature = crypto::signData(*key, protocol::settingsSigningPayload(bundle));
    REQUIRE(signature.ok());
    bundle.signature = *signature;
    return bundle;
}

struct Fixture {
    QTemporaryDir root;
    agent::ServerLink link{agent::LinkSettings{}};
    SettingsClient client{link,
                          std::make_unique<BundleApplier>(
                              root.path(), steward::settings::ParameterRegistry::standard(),
                              agent::settings::deviceAppliers()),
                          DeviceId, TestPki::certificate(TestPki::Entity::ShadowA)};

    [[nodiscard]] QString timezone() const
    {
        return test::readTextFile(root.filePath(QStringLiteral("etc/timezone")));
    }
};

} // namespace

TEST_CASE("the agent applies a bundle its pinned certificate verifies", "[unit][agent][settings]")
{
    Fixture fixture;
    const auto report = fixture.client.handle(signedBundle(TestPki::Entity::ShadowA, DeviceId));
    INFO(report.failures.values().join(QStringLiteral("; ")).toStdString());
    CHECK(report.applied);
    CHECK(report.bundle == Version);
    CHECK(report.version == Version);
    CHECK(fixture.timezone() == QStringLiteral("Europe/Berlin\n"));
    // Delivered again: answered from what is in effect, nothing written.
    QFile::remove(fixture.root.filePath(QStringLiteral("etc/timezone")));
    const auto again = fixture.client.handle(signedBundle(TestPki::Entity::ShadowA, DeviceId));
    CHECK(again.applied);
    CHECK_FALSE(QFile::exists(fixture.root.filePath(QStringLiteral("etc/timezone"))));
}

TEST_CASE("the agent refuses a forged, altered or misaddressed bundle and applies nothing",
          "[unit][agent][settings]")
{
    Fixture fixture;
    protocol::SettingsBundle bundle;
    QString field;
    SECTION("signed by another key")
    {
        bundle = signedBundle(TestPki::Entity::ShadowB, DeviceId);
        field = QStringLiteral("signature");
    }
    SECTION("a value changed after signing")
    {
        bundle = signedBundle(TestPki::Entity::ShadowA, DeviceId);
        bundle.values.insert(QStringLiteral("system.timezone"), QStringLiteral("Asia/Tokyo"));
        field = QStringLiteral("signature");
    }
    SECTION("for another device")
    {
        bundle = signedBundle(TestPki::Entity::ShadowA, DeviceId + 1);
        field = QStringLiteral("device");
    }
    const auto report = fixture.client.handle(bundle);
    CHECK_FALSE(report.applied);
    CHECK(report.version.isEmpty());
    CHECK(report.failures.contains(field));
    CHECK_FALSE(QFile::exists(fixture.root.filePath(QStringLiteral("etc/timezone"))));
}

TEST_CASE("a bundle waits for its preparation, and one superseded meanwhile is never applied",
          "[unit][agent][settings]")
{
    Fixture fixture;
    std::vector<std::function<void()>> ready; // one per bundle being prepared, in order
    fixture.client.setPrepare(
        [&ready](const protocol::SettingsBundle&, std::function<void()> done) {
            ready.push_back(std::move(done));
        });
    QStringList handled;
    QObject::connect(
        &fixture.client, &SettingsClient::handled,
        [&handled](const protocol::SettingsApplied& report) { handled.append(report.bundle); });
    const QString newer(64, QLatin1Char('d'));
    Q_EMIT fixture.link.received(
        {std::nullopt, std::nullopt, signedBundle(TestPki::Entity::ShadowA, DeviceId)});
    Q_EMIT fixture.link.received(
        {std::nullopt, std::nullopt,
         signedBundle(TestPki::Entity::ShadowA, DeviceId, newer, QStringLiteral("Asia/Tokyo"))});
    REQUIRE(ready.size() == 2);
    CHECK(handled.isEmpty());
    CHECK_FALSE(QFile::exists(fixture.root.filePath(QStringLiteral("etc/timezone"))));
    ready[0](); // the first one's download finished late: superseded, nothing happens
    CHECK(handled.isEmpty());
    ready[1]();
    CHECK(handled == QStringList{newer});
    CHECK(fixture.timezone() == QStringLiteral("Asia/Tokyo\n"));

    // A forged bundle is refused at once, without being prepared.
    auto forged = signedBundle(TestPki::Entity::ShadowB, DeviceId, QString(64, QLatin1Char('e')));
    Q_EMIT fixture.link.received({std::nullopt, std::nullopt, forged});
    CHECK(ready.size() == 2);
    CHECK(handled.size() == 2);
}
