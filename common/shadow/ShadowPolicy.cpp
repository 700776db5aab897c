// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/shadow/ShadowPolicy.h"

#include "common/protocol/JsonReader.h"

namespace steward::shadow {

QString pathPreferenceName(PathPreference path)
{
    switch (path) {
    case PathPreference::DirectThenRelay:
        return QStringLiteral("direct-then-relay");
    case PathPreference::DirectOnly:
        return QStringLiteral("direct");
    case PathPreference::RelayOnly:
        return QStringLiteral("relay");
    }
    return {};
}

QJsonObject toJson(const ShadowPolicy& policy)
{
    return QJsonObject{{QStringLiteral("allowed"), policy.allowed},
                       {QStringLiteral("secureOnly"), policy.secureOnly},
                       {QStringLiteral("prompt"), policy.prompt},
                       {QStringLiteral("promptTimeout"), qint64(policy.promptTimeout.count())},
                       {QStringLiteral("viewOnly"), policy.viewOnly},
                       {QStringLiteral("path"), pathPreferenceName(policy.path)},
                       {QStringLiteral("userMayEnd"), policy.userMayEnd}};
}

Result<ShadowPolicy> shadowPolicyFromJson(const QJsonObject& object)
{
    protocol::JsonReader reader(object);
    ShadowPolicy policy;
    policy.allowed = reader.requireBool(u"allowed");
    policy.secureOnly = reader.requireBool(u"secureOnly");
    policy.prompt = reader.requireBool(u"prompt");
    policy.promptTimeout =
        std::chrono::seconds(reader.requireInt(u"promptTimeout", 1, MaxPromptTimeout.count()));
    policy.viewOnly = reader.requireBool(u"viewOnly");
    policy.userMayEnd = reader.optionalBool(u"userMayEnd").value_or(true);
    const QString path = reader.requireString(u"path", protocol::JsonReader::Text::NonEmpty);
    if (reader.ok()) {
        if (path == pathPreferenceName(PathPreference::DirectThenRelay)) {
            policy.path = PathPreference::DirectThenRelay;
        } else if (path == pathPreferenceName(PathPreference::DirectOnly)) {
            policy.path = PathPreference::DirectOnly;
        } else if (path == pathPreferenceName(PathPreference::RelayOnly)) {
            policy.path = PathPreference::RelayOnly;
        } else {
            reader.invalid(u"path", QStringLiteral("must be direct-then-relay, direct or relay"));
        }
    }
    return reader.finish(std::move(policy));
}

ShadowPolicy withConfiguredValues(ShadowPolicy device, const QJsonObject& values)
{
    const auto flag = [&values](const char* key, bool fallback) {
        return values.value(QLatin1String(key)).toBool(fallback);
    };
    device.allowed = device.allowed && flag("shadow.allow", true);
    device.secureOnly = device.secureOnly || flag("shadow.secure_only", false);
    device.prompt = device.prompt || flag("shadow.prompt", false);
    device.viewOnly = device.viewOnly || flag("shadow.view_only", false);
    if (values.contains(QLatin1String("shadow.prompt_timeout"))) {
        device.promptTimeout =
            std::chrono::seconds(values.value(QLatin1String("shadow.prompt_timeout")).toInteger());
    }
    const QString path = values.value(QLatin1String("shadow.path")).toString();
    if (path == QLatin1String("direct")) {
        device.path = PathPreference::DirectOnly;
    } else if (path == QLatin1String("relay")) {
        device.path = PathPreference::RelayOnly;
    } else if (path == QLatin1String("direct-then-relay")) {
        device.path = PathPreference::DirectThenRelay;
    }
    return device;
}

} // namespace steward::shadow
