// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/protocol/Settings.h"

#include "common/protocol/JsonReader.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

namespace steward::protocol {
namespace {

constexpr qint64 MaxId = qint64(1) << 53;
constexpr qsizetype MaxValuesBytes = 256 * 1024;
constexpr qsizetype MaxSignatureChars = 2048;
constexpr qsizetype MaxFailures = 200;
constexpr qsizetype MaxFailureText = 1000;
constexpr qsizetype MaxKey = 128;

QByteArray compact(const QJsonObject& object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

// A version is 64 lower-case hex digits; \a allowEmpty for "nothing applied yet".
void readVersion(JsonReader& reader, QStringView key, QString& out, bool allowEmpty)
{
    static const QRegularExpression form(QStringLiteral("^[0-9a-f]{64}$"));
    out = reader.requireString(key);
    if (reader.ok() && !(allowEmpty && out.isEmpty()) && !form.match(out).hasMatch()) {
        reader.invalid(key, QStringLiteral("is not a configuration version (64 hex digits)"));
    }
}

QMap<QString, QString> readFailures(JsonReader& reader, const QJsonObject& body)
{
    QMap<QString, QString> failures;
    if (!body.contains(QLatin1String("failures"))) {
        return failures;
    }
    const QJsonObject object = reader.requireObject(u"failures");
    if (!reader.ok()) {
        return failures;
    }
    if (object.size() > MaxFailures) {
        reader.invalid(u"failures", QStringLiteral("has more than %1 entries").arg(MaxFailures));
        return failures;
    }
    for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
        if (it.key().isEmpty() || it.key().size() > MaxKey || !it.value().isString()
            || it.value().toString().size() > MaxFailureText) {
            reader.invalid(u"failures",
                           QStringLiteral("must map parameter names (1 … %1 characters) to "
                                          "texts of at most %2 characters")
                               .arg(MaxKey)
                               .arg(MaxFailureText));
            return {};
        }
        failures.insert(it.key(), it.value().toString());
    }
    return failures;
}

} // namespace

QByteArray settingsSigningPayload(const SettingsBundle& bundle)
{
    return compact(QJsonObject{{QLatin1String("device"), bundle.device},
                               {QLatin1String("revision"), bundle.revision},
                               {QLatin1String("values"), bundle.values},
                               {QLatin1String("version"), bundle.version}});
}

QJsonObject toJson(const SettingsBundle& bundle)
{
    return QJsonObject{
        {QLatin1String("device"), bundle.device},
        {QLatin1String("version"), bundle.version},
        {QLatin1String("revision"), bundle.revision},
        {QLatin1String("values"), bundle.values},
        {QLatin1String("signature"), QString::fromLatin1(bundle.signature.toBase64())}};
}

Result<SettingsBundle> settingsBundleFromJson(const QJsonObject& body)
{
    JsonReader reader(body);
    SettingsBundle bundle;
    bundle.device = reader.requireInt(u"device", 1, MaxId);
    readVersion(reader, u"version", bundle.version, false);
    bundle.revision = reader.requireInt(u"revision", 1, MaxId);
    bundle.values = reader.requireObject(u"values");
    if (reader.ok() && compact(bundle.values).size() > MaxValuesBytes) {
        reader.invalid(u"values", QStringLiteral("has more than %1 bytes").arg(MaxValuesBytes));
    }
    const QString signature = reader.requireString(u"signature", JsonReader::Text::NonEmpty);
    if (reader.ok()) {
        const auto decoded = QByteArray::fromBase64Encoding(
            signature.toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
        if (signature.size() > MaxSignatureChars || !decoded || (*decoded).isEmpty()) {
            reader.invalid(
                u"signature",
                QStringLiteral("is not base64 of at most %1 characters").arg(MaxSignatureChars));
        } else {
            bundle.signature = *decoded;
        }
    }
    return reader.finish(std::move(bundle));
}

QJsonObject toJson(const SettingsApplied& applied)
{
    QJsonObject failures;
    for (auto it = applied.failures.constBegin(); it != applied.failures.constEnd(); ++it) {
        failures.insert(it.key(), it.value());
    }
    return QJsonObject{
        {QLatin1String("bundle"), applied.bundle},
        {QLatin1String("applied"), applied.applied},
        {QLatin1String("version"), applied.version},
        {QLatin1String("failures"), failures},
        {QLatin1String("notApplied"), QJsonArray::fromStringList(applied.notApplied)},
        {QLatin1String("rebootRequired"), applied.rebootRequired}};
}

Result<SettingsApplied> settingsAppliedFromJson(const QJsonObject& body)
{
    JsonReader reader(body);
    SettingsApplied applied;
    readVersion(reader, u"bundle", applied.bundle, false);
    applied.applied = reader.requireBool(u"applied");
    readVersion(reader, u"version", applied.version, true);
    applied.failures = readFailures(reader, body);
    applied.notApplied = reader.optionalStringList(u"notApplied");
    if (reader.ok() && applied.notApplied.size() > MaxFailures) {
        reader.invalid(u"notApplied", QStringLiteral("has more than %1 entries").arg(MaxFailures));
    }
    applied.rebootRequired = reader.optionalBool(u"rebootRequired").value_or(false);
    if (reader.ok() && applied.applied && !applied.failures.isEmpty()) {
        reader.invalid(u"failures", QStringLiteral("must be empty when applied is true"));
    }
    if (reader.ok() && applied.applied && applied.version != applied.bundle) {
        reader.invalid(u"version", QStringLiteral("must equal bundle when applied is true"));
    }
    return reader.finish(std::move(applied));
}

} // namespace steward::protocol
