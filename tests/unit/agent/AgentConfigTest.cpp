// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "agent/app/AgentConfig.h"
#include "tests/support/CatchQt.h"
#include "tests/support/TempFiles.h"

#include <QFile>
#include <QTemporaryDir>

using namespace steward;
using steward::agent::AgentConfig;

namespace {

QString writeConfig(const QTemporaryDir& dir, const QByteArray& text)
{
    return test::writeTempFile(dir, QStringLiteral("agent.conf"), text);
}

} // namespace

TEST_CASE("the shipped agent.conf equals the built-in defaults", "[unit][agent]")
{
    const auto loaded = agent::loadAgentConfig(
        QStringLiteral(STEWARD_SOURCE_DIR "/packaging/config/agent.conf"), true);
    REQUIRE(loaded.ok());
    const AgentConfig defaults;
    CHECK(loaded->addresses == defaults.addresses);
    CHECK(loaded->port == defaults.port);
    CHECK(loaded->heartbeat == defaults.heartbeat);
    CHECK(loaded->heartbeatJitter == defaults.heartbeatJitter);
    CHECK(loaded->rebootHook == defaults.rebootHook);
    CHECK(loaded->shutdownHook == defaults.shutdownHook);
    CHECK(loaded->renameHook == defaults.renameHook);
    CHECK(loaded->hookTimeout == defaults.hookTimeout);
    CHECK(loaded->settingsRoot == defaults.settingsRoot);
    QFile file(QStringLiteral(STEWARD_SOURCE_DIR "/packaging/config/agent.conf"));
    REQUIRE(file.open(QIODevice::ReadOnly));
    const QByteArray text = file.readAll();
    for (const char* key : {"addresses", "port", "heartbeatSeconds", "heartbeatJitterSeconds",
                            "reboot", "shutdown", "rename", "timeoutSeconds", "root"}) {
        INFO(key);
        CHECK(text.contains(QByteArray(QByteArray("\n") + key + " =")));
    }
}

TEST_CASE("the agent config reads servers in order, hooks as argument lists and the heartbeat",
          "[unit][agent]")
{
    QTemporaryDir dir;
    const auto loaded = agent::loadAgentConfig(
        writeConfig(dir, "[server]\naddresses = a.example, 192.0.2.7:9443, [2001:db8::1]\n"
                         "port = 8444\n[link]\nheartbeatSeconds = 5\nheartbeatJitterSeconds = 0\n"
                         "[hooks]\nrename = /usr/bin/hostnamectl set-hostname\n"
                         "reboot = \"\\\"/opt/my tools/reboot\\\" now\"\n"),
        true);
    REQUIRE(loaded.ok());
    const auto urls = loaded->serverUrls(QUrl(QStringLiteral("https://enrolled.example:8443")));
    REQUIRE(urls.size() == 3);
    CHECK(urls[0] == QUrl(QStringLiteral("wss://a.example:8444/device/v1/ws")));
    CHECK(urls[1] == QUrl(QStringLiteral("wss://192.0.2.7:9443/device/v1/ws")));
    CHECK(urls[2] == QUrl(QStringLiteral("wss://[2001:db8::1]:8444/device/v1/ws")));
    CHECK(loaded->heartbeat == std::chrono::seconds(5));
    CHECK(loaded->renameHook
          == QStringList{QStringLiteral("/usr/bin/hostnamectl"), QStringLiteral("set-hostname")});
    CHECK(loaded->rebootHook
          == QStringList{QStringLiteral("/opt/my tools/reboot"), QStringLiteral("now")});
    CHECK(AgentConfig{}.serverUrls(QUrl(QStringLiteral("https://enrolled.example:8443")))
          == QList<QUrl>{QUrl(QStringLiteral("wss://enrolled.example:8443/device/v1/ws"))});
}

TEST_CASE("a bad agent config value is refused naming the key and the file", "[unit][agent]")
{
    QTemporaryDir dir;
    for (const char* bad : {"[server]\naddresses = https://x/\n", "[server]\nport = 0\n",
                            "[link]\nheartbeatSeconds = 0\n", "[hooks]\ntimeoutSeconds = x\n",
                            "[settings]\nroot = relative/dir\n"}) {
        INFO(bad);
        const QString path = writeConfig(dir, bad);
        const auto loaded = agent::loadAgentConfig(path, true);
        REQUIRE_FALSE(loaded.ok());
        CHECK(loaded.error().code == ErrorCode::InvalidConfig);
        CHECK(loaded.error().message.contains(path));
    }
    CHECK(agent::loadAgentConfig(dir.filePath(QStringLiteral("absent.conf")), false).ok());
    CHECK_FALSE(agent::loadAgentConfig(dir.filePath(QStringLiteral("absent.conf")), true).ok());
}
