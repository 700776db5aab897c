// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/protocol/TrustUpdate.h"

#include "common/protocol/JsonReader.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

namespace steward::protocol {
namespace {

constexpr qint64 MaxId = qint64(1) << 53;
constexpr qsizetype MaxPemChars = 16 * 1024;
constexpr qsizetype MaxRoots = 4;
constexpr qsizetype MaxSignatureChars = 2048;
constexpr qsizetype MaxReason = 1000;
constexpr qsizetype MaxCsrChars = 8 * 1024;
const QLatin1String Begin("-----BEGIN CERTIFICATE-----");

bool isFingerprint(const QString& text)
{
    static const QRegularExpression form(QStringLiteral("^[0-9a-f]{64}$"));
    return form.match(text).hasMatch();
}

QByteArray readSignature(JsonReader& reader)
{
    const QString signature = reader.requireString(u"signature", JsonReader::Text::NonEmpty);
    if (!reader.ok()) {
        return {};
    }
    const auto decoded = QByteArray::fromBase64Encoding(signature.toLatin1(),
                                                        QByteArray::AbortOnBase64DecodingErrors);
    if (signature.size() > MaxSignatureChars || !decoded || (*decoded).isEmpty()) {
        reader.invalid(
            u"signature",
            QStringLiteral("is not base64 of at most %1 characters").arg(MaxSignatureChars));
        return {};
    }
    return *decoded;
}

void checkPem(JsonReader& reader, QStringView key, const QString& pem)
{
    if (reader.ok() && (pem.size() > MaxPemChars || pem.count(Begin) != 1)) {
        reader.invalid(
            key,
            QStringLiteral("is not one PEM certificate of at most %1 characters").arg(MaxPemChars));
    }
}

QString readReason(JsonReader& reader, bool accepted)
{
    QString reason = reader.optionalString(u"reason").value_or(QString());
    if (reader.ok() && reason.size() > MaxReason) {
        reader.invalid(u"reason", QStringLiteral("has more than %1 characters").arg(MaxReason));
    }
    if (reader.ok() && !accepted && reason.isEmpty()) {
        reader.invalid(u"reason", QStringLiteral("is required when accepted is false"));
    }
    return reason;
}

} // namespace

QByteArray trustSigningPayload(const TrustUpdate& update)
{
    return QJsonDocument(
               QJsonObject{{QLatin1String("device"), update.device},
                           {QLatin1String("issuedAt"), update.issuedAt},
                           {QLatin1String("renewClient"), update.renewClient},
                           {QLatin1String("roots"), QJsonArray::fromStringList(update.roots)}})
        .toJson(QJsonDocument::Compact);
}

QByteArray clientSigningPayload(const ClientCertificate& certificate)
{
    return QJsonDocument(QJsonObject{{QLatin1String("certificate"), certificate.certificate},
                                     {QLatin1String("device"), certificate.device},
                                     {QLatin1String("issuedAt"), certificate.issuedAt}})
        .toJson(QJsonDocument::Compact);
}

QJsonObject toJson(const TrustUpdate& update)
{
    return QJsonObject{
        {QLatin1String("device"), update.device},
        {QLatin1String("issuedAt"), update.issuedAt},
        {QLatin1String("roots"), QJsonArray::fromStringList(update.roots)},
        {QLatin1String("renewClient"), update.renewClient},
        {QLatin1String("signature"), QString::fromLatin1(update.signature.toBase64())}};
}

Result<TrustUpdate> trustUpdateFromJson(const QJsonObject& body)
{
    JsonReader reader(body);
    TrustUpdate update;
    update.device = reader.requireInt(u"device", 1, MaxId);
    update.issuedAt = reader.requireInt(u"issuedAt", 1, MaxId);
    update.roots = reader.requireStringList(u"roots");
    if (reader.ok() && (update.roots.isEmpty() || update.roots.size() > MaxRoots)) {
        reader.invalid(u"roots", QStringLiteral("must hold 1 to %1 certificates").arg(MaxRoots));
    }
    for (const auto& root : update.roots) {
        checkPem(reader, u"roots", root);
    }
    update.renewClient = reader.optionalBool(u"renewClient").value_or(false);
    update.signature = readSignature(reader);
    return reader.finish(std::move(update));
}

QJsonObject toJson(const TrustConfirm& confirm)
{
    QJsonObject json{{QLatin1String("issuedAt"), confirm.issuedAt},
                     {QLatin1String("roots"), QJsonArray::fromStringList(confirm.roots)},
                     {QLatin1String("accepted"), confirm.accepted},
                     {QLatin1String("reason"), confirm.reason}};
    if (!confirm.csr.isEmpty()) {
        json.insert(QLatin1String("csr"), confirm.csr);
    }
    return json;
}

Result<TrustConfirm> trustConfirmFromJson(const QJsonObject& body)
{
    JsonReader reader(body);
    TrustConfirm confirm;
    confirm.issuedAt = reader.requireInt(u"issuedAt", 1, MaxId);
    confirm.roots = reader.requireStringList(u"roots");
    if (reader.ok() && confirm.roots.size() > MaxRoots * 2) {
        reader.invalid(u"roots", QStringLiteral("has more than %1 entries").arg(MaxRoots * 2));
    }
    for (const auto& root : confirm.roots) {
        if (reader.ok() && !isFingerprint(root)) {
            reader.invalid(u"roots", QStringLiteral("holds \"%1\", not a SHA-256 fingerprint "
                                                    "(64 lower-case hex digits)")
                                         .arg(root.left(80)));
        }
    }
    confirm.accepted = reader.requireBool(u"accepted");
    confirm.reason = readReason(reader, confirm.accepted);
    confirm.csr = reader.optionalString(u"csr").value_or(QString());
    if (reader.ok() && !confirm.csr.isEmpty()
        && (confirm.csr.size() > MaxCsrChars
            || !confirm.csr.contains(QLatin1String("-----BEGIN CERTIFICATE REQUEST-----")))) {
        reader.invalid(u"csr", QStringLiteral("is not one PEM certificate request of at most %1 "
                                              "characters")
                                   .arg(MaxCsrChars));
    }
    return reader.finish(std::move(confirm));
}

QJsonObject toJson(const ClientCertificate& certificate)
{
    return QJsonObject{
        {QLatin1String("device"), certificate.device},
        {QLatin1String("issuedAt"), certificate.issuedAt},
        {QLatin1String("certificate"), certificate.certificate},
        {QLatin1String("signature"), QString::fromLatin1(certificate.signature.toBase64())}};
}

Result<ClientCertificate> clientCertificateFromJson(const QJsonObject& body)
{
    JsonReader reader(body);
    ClientCertificate certificate;
    certificate.device = reader.requireInt(u"device", 1, MaxId);
    certificate.issuedAt = reader.requireInt(u"issuedAt", 1, MaxId);
    certificate.certificate = reader.requireString(u"certificate", JsonReader::Text::NonEmpty);
    checkPem(reader, u"certificate", certificate.certificate);
    certificate.signature = readSignature(reader);
    return reader.finish(std::move(certificate));
}

QJsonObject toJson(const ClientConfirm& confirm)
{
    return QJsonObject{{QLatin1String("fingerprint"), confirm.fingerprint},
                       {QLatin1String("accepted"), confirm.accepted},
                       {QLatin1String("reason"), confirm.reason}};
}

Result<ClientConfirm> clientConfirmFromJson(const QJsonObject& body)
{
    JsonReader reader(body);
    ClientConfirm confirm;
    confirm.fingerprint = reader.requireString(u"fingerprint");
    confirm.accepted = reader.requireBool(u"accepted");
    if (reader.ok() && confirm.accepted && !isFingerprint(confirm.fingerprint)) {
        reader.invalid(u"fingerprint", QStringLiteral("is not a SHA-256 fingerprint (64 "
                                                      "lower-case hex digits)"));
    }
    confirm.reason = readReason(reader, confirm.accepted);
    return reader.finish(std::move(confirm));
}

} // namespace steward::protocol
