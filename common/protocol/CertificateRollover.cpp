// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/protocol/CertificateRollover.h"

#include "common/protocol/JsonReader.h"

#include <QJsonDocument>
#include <QRegularExpression>

namespace steward::protocol {
namespace {

constexpr qint64 MaxId = qint64(1) << 53;
constexpr qsizetype MaxPemChars = 16 * 1024;
constexpr qsizetype MaxSignatureChars = 2048;
constexpr qsizetype MaxReason = 1000;

void readFingerprint(JsonReader& reader, QStringView key, QString& out)
{
    static const QRegularExpression form(QStringLiteral("^[0-9a-f]{64}$"));
    out = reader.requireString(key);
    if (reader.ok() && !form.match(out).hasMatch()) {
        reader.invalid(key, QStringLiteral("is not a SHA-256 fingerprint (64 lower-case hex "
                                           "digits)"));
    }
}

} // namespace

QByteArray rolloverSigningPayload(const CertificateRollover& rollover)
{
    return QJsonDocument(QJsonObject{{QLatin1String("certificate"), rollover.certificate},
                                     {QLatin1String("device"), rollover.device},
                                     {QLatin1String("fingerprint"), rollover.fingerprint}})
        .toJson(QJsonDocument::Compact);
}

QJsonObject toJson(const CertificateRollover& rollover)
{
    return QJsonObject{
        {QLatin1String("device"), rollover.device},
        {QLatin1String("certificate"), rollover.certificate},
        {QLatin1String("fingerprint"), rollover.fingerprint},
        {QLatin1String("signature"), QString::fromLatin1(rollover.signature.toBase64())}};
}

Result<CertificateRollover> certificateRolloverFromJson(const QJsonObject& body)
{
    JsonReader reader(body);
    CertificateRollover rollover;
    rollover.device = reader.requireInt(u"device", 1, MaxId);
    rollover.certificate = reader.requireString(u"certificate", JsonReader::Text::NonEmpty);
    if (reader.ok()
        && (rollover.certificate.size() > MaxPemChars
            || !rollover.certificate.contains(QLatin1String("-----BEGIN CERTIFICATE-----")))) {
        reader.invalid(u"certificate", QStringLiteral("is not one PEM certificate of at most %1 "
                                                      "characters")
                                           .arg(MaxPemChars));
    }
    readFingerprint(reader, u"fingerprint", rollover.fingerprint);
    const QString signature = reader.requireString(u"signature", JsonReader::Text::NonEmpty);
    if (reader.ok()) {
        const auto decoded = QByteArray::fromBase64Encoding(
            signature.toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
        if (signature.size() > MaxSignatureChars || !decoded || (*decoded).isEmpty()) {
            reader.invalid(
                u"signature",
                QStringLiteral("is not base64 of at most %1 characters").arg(MaxSignatureChars));
        } else {
            rollover.signature = *decoded;
        }
    }
    return reader.finish(std::move(rollover));
}

QJsonObject toJson(const CertificateConfirm& confirm)
{
    return QJsonObject{{QLatin1String("offered"), confirm.offered},
                       {QLatin1String("pinned"), confirm.pinned},
                       {QLatin1String("accepted"), confirm.accepted},
                       {QLatin1String("reason"), confirm.reason}};
}

Result<CertificateConfirm> certificateConfirmFromJson(const QJsonObject& body)
{
    JsonReader reader(body);
    CertificateConfirm confirm;
    readFingerprint(reader, u"offered", confirm.offered);
    readFingerprint(reader, u"pinned", confirm.pinned);
    confirm.accepted = reader.requireBool(u"accepted");
    confirm.reason = reader.optionalString(u"reason").value_or(QString());
    if (reader.ok() && confirm.reason.size() > MaxReason) {
        reader.invalid(u"reason", QStringLiteral("has more than %1 characters").arg(MaxReason));
    }
    if (reader.ok() && confirm.accepted && confirm.pinned != confirm.offered) {
        reader.invalid(u"pinned", QStringLiteral("must equal offered when accepted is true"));
    }
    if (reader.ok() && !confirm.accepted && confirm.reason.isEmpty()) {
        reader.invalid(u"reason", QStringLiteral("is required when accepted is false"));
    }
    return reader.finish(std::move(confirm));
}

} // namespace steward::protocol
