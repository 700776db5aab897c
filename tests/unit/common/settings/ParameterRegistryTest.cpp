// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/settings/ParameterRegistry.h"
#include "tests/support/CatchQt.h"

#include <QJsonDocument>
#include <QRegularExpression>

using namespace steward;
using namespace steward::settings;

namespace {

const ParameterRegistry& registry()
{
    return ParameterRegistry::standard();
}

QJsonValue json(const char* text)
{
    return QJsonDocument::fromJson(QByteArray("[") + text + "]").array().at(0);
}

} // namespace

TEST_CASE("the standard registry configures a thin client and every default is valid",
          "[unit][settings]")
{
    const QStringList expected{QStringLiteral("agent.heartbeat_interval"),
                               QStringLiteral("commands.boot"),
                               QStringLiteral("commands.desktop_start"),
                               QStringLiteral("desktop.wallpaper"),
                               QStringLiteral("input.keyboard_layout"),
                               QStringLiteral("screen.lock_timeout"),
                               QStringLiteral("sessions.launchers"),
                               QStringLiteral("shadow.allow"),
                               QStringLiteral("shadow.path"),
                               QStringLiteral("shadow.prompt"),
                               QStringLiteral("shadow.prompt_timeout"),
                               QStringLiteral("shadow.secure_only"),
                               QStringLiteral("shadow.view_only"),
                               QStringLiteral("system.hostname"),
                               QStringLiteral("system.timezone"),
                               QStringLiteral("vnc.desktop_name"),
                               QStringLiteral("vnc.poll_interval_ms"),
                               QStringLiteral("vnc.port"),
                               QStringLiteral("vnc.shadow_port")};
    QStringList keys;
    const QRegularExpression dotted(QStringLiteral("^[a-z]+(\\.[a-z_]+)+$"));
    for (const auto& parameter : registry().parameters()) {
        INFO(parameter.key.toStdString());
        keys.append(parameter.key);
        CHECK(dotted.match(parameter.key).hasMatch());
        CHECK_FALSE(parameter.description.isEmpty());
        CHECK_FALSE(parameter.applier.isEmpty());
        const auto valid = parameter.check(parameter.defaultValue);
        INFO((valid.ok() ? std::string() : valid.error().message.toStdString()));
        CHECK(valid.ok());
        CHECK(registry().find(parameter.key) == &parameter);
    }
    CHECK(keys == expected); // ordered by key
    CHECK(registry().find(QStringLiteral("commands.boot"))->rebootRequired);
    CHECK(registry().toJson()[QStringLiteral("parameters")].toArray().size() == expected.size());
}

TEST_CASE("values are checked against type, range, allowed values and form", "[unit][settings]")
{
    struct Case {
        const char* key;
        const char* value;
        bool accepted;
        const char* message;
    };
    const Case cases[] = {
        {"shadow.allow", "false", true, ""},
        {"shadow.allow", "\"yes\"", false, "shadow.allow must be true or false, not a string"},
        {"shadow.allow", "null", false, "not null"},
        {"shadow.prompt_timeout", "60", true, ""},
        {"shadow.prompt_timeout", "4", false, "must be from 5 to 300, not 4"},
        {"shadow.prompt_timeout", "30.5", false, "a whole number"},
        {"agent.heartbeat_interval", "7200", true, ""},
        {"agent.heartbeat_interval", "7201", false, "must be one of 3600, 7200, 10800"},
        {"shadow.path", "\"relay\"", true, ""},
        {"shadow.path", "\"tunnel\"", false, "one of direct, relay, direct-then-relay"},
        {"system.hostname", "\"kiosk-7\"", true, ""},
        {"system.hostname", "\"\"", true, ""},
        {"system.hostname", "\"bad_name\"", false, "does not have the form"},
        {"system.hostname", "\"-lead\"", false, "does not have the form"},
        {"system.timezone", "\"Europe/Berlin\"", true, ""},
        {"system.timezone", "\"../etc/passwd\"", false, "does not have the form"},
        {"input.keyboard_layout", "\"de(nodeadkeys)\"", true, ""},
        {"desktop.wallpaper", "\"../secret\"", false, "does not have the form"},
        {"vnc.desktop_name", "\"line\\nbreak\"", false, "control character"},
        {"commands.boot", "[\"echo hi\", \"sync\"]", true, ""},
        {"commands.boot", "[\"\"]", false, "entry 0 must be a non-empty string"},
        {"commands.boot", "\"echo hi\"", false, "must be an array"},
        {"sessions.launchers",
         "[{\"name\":\"Citrix\",\"type\":\"browser\",\"target\":\"https://x\"}]", true, ""},
        {"sessions.launchers", "[{\"name\":\"a\",\"type\":\"SSH\",\"target\":\"h\"}]", false,
         "type \"SSH\"; use one of RDP, VNC, browser"},
        {"sessions.launchers",
         "[{\"name\":\"a\",\"type\":\"RDP\",\"target\":\"h\"},"
         "{\"name\":\"a\",\"type\":\"VNC\",\"target\":\"h\"}]",
         false, "two launchers named \"a\""},
        {"sessions.launchers", "[{\"name\":\"a\",\"type\":\"RDP\"}]", false, "exactly"},
        {"sessions.launchers", "[{\"name\":\"a\",\"type\":\"RDP\",\"target\":\"\"}]", false,
         "needs a target"},
    };
    for (const auto& c : cases) {
        const QJsonValue value = json(c.value);
        INFO(c.key << " = " << c.value);
        const auto checked = registry().check(QString::fromLatin1(c.key), value);
        CHECK(checked.ok() == c.accepted);
        if (!c.accepted && !checked.ok()) {
            INFO(checked.error().message.toStdString());
            CHECK(checked.error().message.contains(QString::fromUtf8(c.message)));
        }
    }
    const auto unknown = registry().check(QStringLiteral("shadow.nope"), true);
    CHECK(unknown.error().code == ErrorCode::NotFound);
    CHECK(unknown.error().message.contains(QStringLiteral("\"shadow.nope\"")));
}

TEST_CASE("list limits hold", "[unit][settings]")
{
    QJsonArray commands;
    for (int i = 0; i < 21; ++i) {
        commands.append(QStringLiteral("true"));
    }
    CHECK(registry()
              .check(QStringLiteral("commands.boot"), commands)
              .error()
              .message.contains(QStringLiteral("more than 20 entries")));
    commands = QJsonArray{QString(4097, QLatin1Char('x'))};
    CHECK(registry()
              .check(QStringLiteral("commands.boot"), commands)
              .error()
              .message.contains(QStringLiteral("more than 4096 characters")));
}
