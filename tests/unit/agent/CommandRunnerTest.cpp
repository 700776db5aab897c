// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "agent/commands/CommandRunner.h"
#include "common/crypto/Signature.h"
#include "tests/support/CatchQt.h"
#include "tests/support/EventLoop.h"
#include "tests/support/TempFiles.h"
#include "tests/support/TestPki.h"

#include <QFile>
#include <QTemporaryDir>

using namespace steward;
using steward::test::TestPki;

namespace {

constexpr qint64 DeviceId = 7;

protocol::CommandRun signedRelease(TestPki::Entity signer, qint64 deviceId)
{
    protocol::CommandRun release{11, protocol::CommandKind::Release, {}, {}};
    const auto key = crypto::PrivateKey::readFile(TestPki::keyPath(signer));
    REQUIRE(key.ok());
    const auto signature =
        crypto::signData(*key, protocol::commandSigningPayload(release, deviceId));
    REQUIRE(signature.ok());
    release.signature = *signature;
    return release;
}

struct Outcome {
    std::vector<protocol::CommandResult> results;
    std::vector<qint64> releases;
};

void watch(agent::CommandRunner& runner, Outcome& outcome)
{
    QObject::connect(
        &runner, &agent::CommandRunner::finished,
        [&](const protocol::CommandResult& result) { outcome.results.push_back(result); });
    QObject::connect(&runner, &agent::CommandRunner::releaseVerified,
                     [&](qint64 id) { outcome.releases.push_back(id); });
}

} // namespace

TEST_CASE("a release is accepted only with the pinned certificate's signature for this device",
          "[unit][agent]")
{
    const auto pinned = TestPki::certificate(TestPki::Entity::ShadowA);
    CHECK(agent::verifyInstruction(signedRelease(TestPki::Entity::ShadowA, DeviceId), DeviceId,
                                   pinned)
              .ok());
    SECTION("signed by another key: forged")
    {
        const auto forged = agent::verifyInstruction(
            signedRelease(TestPki::Entity::ShadowB, DeviceId), DeviceId, pinned);
        REQUIRE_FALSE(forged.ok());
        CHECK(forged.error().code == ErrorCode::SignatureInvalid);
    }
    SECTION("signed for another device: replayed")
    {
        CHECK_FALSE(agent::verifyInstruction(signedRelease(TestPki::Entity::ShadowA, DeviceId + 1),
                                             DeviceId, pinned)
                        .ok());
    }
    SECTION("changed after signing")
    {
        auto changed = signedRelease(TestPki::Entity::ShadowA, DeviceId);
        changed.id += 1;
        CHECK_FALSE(agent::verifyInstruction(changed, DeviceId, pinned).ok());
    }
    SECTION("unsigned")
    {
        const auto unsignedRelease = agent::verifyInstruction(
            protocol::CommandRun{11, protocol::CommandKind::Release, {}, {}}, DeviceId, pinned);
        REQUIRE_FALSE(unsignedRelease.ok());
        CHECK(unsignedRelease.error().message.contains(QStringLiteral("no signature")));
    }
}

TEST_CASE("the runner refuses a forged release and hands on a verified one", "[unit][agent]")
{
    agent::CommandRunner runner({}, DeviceId, TestPki::certificate(TestPki::Entity::ShadowA));
    Outcome outcome;
    watch(runner, outcome);
    runner.run(signedRelease(TestPki::Entity::ShadowB, DeviceId));
    REQUIRE(outcome.results.size() == 1);
    CHECK_FALSE(outcome.results[0].ok);
    CHECK(outcome.results[0].message.startsWith(QStringLiteral("refused:")));
    CHECK(outcome.releases.empty());
    runner.run(signedRelease(TestPki::Entity::ShadowA, DeviceId));
    CHECK(outcome.releases == std::vector<qint64>{11});
}

TEST_CASE("hooks run as programs with arguments, and failures are reported", "[unit][agent]")
{
    QTemporaryDir dir;
    const QString marker = dir.filePath(QStringLiteral("marker"));
    agent::CommandHooks hooks;
    hooks.reboot = {QStringLiteral("/bin/sh"), QStringLiteral("-c"),
                    QStringLiteral("printf '%s|' \"$@\" > \"$0\""), marker};
    hooks.rename = {QStringLiteral("/bin/sh"), QStringLiteral("-c"),
                    QStringLiteral("printf '%s|' \"$@\" > \"$0\""), marker};
    hooks.shutdown = {QStringLiteral("/bin/sh"), QStringLiteral("-c"),
                      QStringLiteral("echo no; exit 3")};
    hooks.timeout = std::chrono::milliseconds(5000);
    agent::CommandRunner runner(hooks, DeviceId, QSslCertificate());
    Outcome outcome;
    watch(runner, outcome);

    runner.run({1, protocol::CommandKind::Reboot, {}, {}});
    REQUIRE(test::waitUntil([&] { return outcome.results.size() == 1; }));
    CHECK(outcome.results[0]
          == protocol::CommandResult{1, true, QStringLiteral("reboot hook finished")});

    // The name is one argument of its own, whatever it contains.
    runner.run({2,
                protocol::CommandKind::Rename,
                QJsonObject{{QStringLiteral("name"), QStringLiteral("a b;$(touch x)")},
                            {QStringLiteral("network"), true}},
                {}});
    REQUIRE(test::waitUntil([&] { return outcome.results.size() == 2; }));
    CHECK(outcome.results[1].ok);
    CHECK(test::readTextFile(marker) == QStringLiteral("a b;$(touch x)|"));

    runner.run({3, protocol::CommandKind::Shutdown, {}, {}});
    REQUIRE(test::waitUntil([&] { return outcome.results.size() == 3; }));
    CHECK_FALSE(outcome.results[2].ok);
    CHECK(outcome.results[2].message == QStringLiteral("the shutdown hook exited with 3: no"));

    agent::CommandRunner bare({}, DeviceId, QSslCertificate());
    watch(bare, outcome);
    bare.run({4, protocol::CommandKind::Reboot, {}, {}});
    bare.run({5, QStringLiteral("self-destruct"), {}, {}});
    REQUIRE(outcome.results.size() == 5);
    CHECK(outcome.results[3].message.contains(QStringLiteral("no reboot hook is configured")));
    CHECK(outcome.results[4].message.contains(QStringLiteral("does not know")));
}

TEST_CASE("a hook that cannot start or runs too long fails the command", "[unit][agent]")
{
    agent::CommandHooks hooks;
    hooks.reboot = {QStringLiteral("/nonexistent/reboot")};
    hooks.shutdown = {QStringLiteral("/bin/sleep"), QStringLiteral("30")};
    hooks.timeout = std::chrono::milliseconds(200);
    agent::CommandRunner runner(hooks, DeviceId, QSslCertificate());
    Outcome outcome;
    watch(runner, outcome);
    runner.run({1, protocol::CommandKind::Reboot, {}, {}});
    runner.run({2, protocol::CommandKind::Shutdown, {}, {}});
    REQUIRE(test::waitUntil([&] { return outcome.results.size() == 2; }));
    for (const auto& result : outcome.results) {
        CHECK_FALSE(result.ok);
        if (result.id == 1) {
            CHECK(result.message.contains(QStringLiteral("could not start")));
        } else {
            CHECK(result.message.contains(QStringLiteral("ran too long")));
        }
    }
}
