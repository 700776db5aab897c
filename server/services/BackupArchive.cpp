// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/services/BackupArchive.h"

#include "common/crypto/PassphraseCipher.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QtEndian>

namespace steward::server::services {
namespace {

const QByteArray Magic = QByteArrayLiteral("STWBAK");
constexpr qsizetype PrefixBytes = 6 + 2 + 4;
constexpr quint32 MaxHeaderBytes = 64 * 1024;
constexpr qsizetype MaxPkiFiles = 1000;
constexpr qsizetype MaxPkiFileBytes = 1 << 20;

Error damaged(const QString& why)
{
    return makeError(ErrorCode::InvalidValue, QStringLiteral("the backup is damaged: ") + why);
}

QJsonObject headerFields(const BackupHeader& header)
{
    return {{QStringLiteral("createdAt"), header.createdAt.toString(Qt::ISODate)},
            {QStringLiteral("stewardVersion"), header.stewardVersion},
            {QStringLiteral("schemaVersion"), header.schemaVersion}};
}

QJsonObject fileJson(const BackupFile& file)
{
    return {{QStringLiteral("path"), file.path},
            {QStringLiteral("data"), QString::fromLatin1(file.content.toBase64())}};
}

// A relative path of plain names: nothing in a backup may point outside the PKI folder.
bool isSafeRelativePath(const QString& path)
{
    static const QRegularExpression plain(QStringLiteral("^[A-Za-z0-9_][A-Za-z0-9._-]*$"));
    if (path.isEmpty() || path.size() > 255) {
        return false;
    }
    const QStringList parts = path.split(QLatin1Char('/'));
    return std::all_of(parts.begin(), parts.end(),
                       [](const QString& part) { return plain.match(part).hasMatch(); });
}

Result<BackupFile> fileFromJson(const QJsonValue& value, bool checkPath)
{
    const QJsonObject json = value.toObject();
    const QString path = json.value(QStringLiteral("path")).toString();
    if (!value.isObject() || path.isEmpty() || !json.value(QStringLiteral("data")).isString()) {
        return damaged(QStringLiteral("a file entry lacks its path or data"));
    }
    if (checkPath && !isSafeRelativePath(path)) {
        return damaged(QStringLiteral("the PKI file name \"%1\" is not a plain relative path")
                           .arg(path.left(100)));
    }
    auto content =
        QByteArray::fromBase64Encoding(json.value(QStringLiteral("data")).toString().toLatin1(),
                                       QByteArray::AbortOnBase64DecodingErrors);
    if (!content || content.decoded.size() > MaxPkiFileBytes) {
        return damaged(QStringLiteral("the data of %1 is not valid").arg(path.left(100)));
    }
    return BackupFile{path, *content};
}

Result<BackupHeader> headerFromJson(const QJsonObject& json, int format)
{
    BackupHeader header;
    header.format = format;
    header.createdAt =
        QDateTime::fromString(json.value(QStringLiteral("createdAt")).toString(), Qt::ISODate);
    header.stewardVersion = json.value(QStringLiteral("stewardVersion")).toString();
    header.schemaVersion = json.value(QStringLiteral("schemaVersion")).toInt(-1);
    header.encrypted = json.value(QStringLiteral("encrypted")).toBool();
    if (!header.createdAt.isValid() || header.stewardVersion.isEmpty()
        || header.schemaVersion < 0) {
        return damaged(QStringLiteral("the header lacks createdAt, stewardVersion or "
                                      "schemaVersion"));
    }
    return header;
}

Result<BackupContents> contentsFromJson(const QJsonObject& json, const BackupHeader& header)
{
    if (json.value(QStringLiteral("header")).toObject() != headerFields(header)) {
        return damaged(QStringLiteral("the header does not match the contents"));
    }
    BackupContents contents;
    contents.header = header;
    contents.source = json.value(QStringLiteral("source")).toString();
    auto database = db::DataSnapshot::fromJson(json.value(QStringLiteral("database")).toObject());
    if (!database) {
        return damaged(database.error().message);
    }
    if (database->schemaVersion != header.schemaVersion) {
        return damaged(QStringLiteral("the header says schema version %1, the dump %2")
                           .arg(header.schemaVersion)
                           .arg(database->schemaVersion));
    }
    contents.database = std::move(*database);
    const QJsonArray pki = json.value(QStringLiteral("pki")).toArray();
    if (pki.isEmpty() || pki.size() > MaxPkiFiles) {
        return damaged(QStringLiteral("it holds no PKI files"));
    }
    for (const auto& entry : pki) {
        auto file = fileFromJson(entry, true);
        if (!file) {
            return file.error();
        }
        contents.pki.push_back(std::move(*file));
    }
    if (json.contains(QStringLiteral("settings"))) {
        auto file = fileFromJson(json.value(QStringLiteral("settings")), false);
        if (!file) {
            return file.error();
        }
        contents.settings = std::move(*file);
    }
    return contents;
}

} // namespace

Result<QByteArray> encodeBackup(const BackupContents& contents,
                                const std::optional<QString>& passphrase, int passphraseIterations)
{
    QJsonArray pki;
    for (const auto& file : contents.pki) {
        pki.append(fileJson(file));
    }
    QJsonObject body{{QStringLiteral("header"), headerFields(contents.header)},
                     {QStringLiteral("source"), contents.source},
                     {QStringLiteral("database"), contents.database.toJson()},
                     {QStringLiteral("pki"), pki}};
    if (contents.settings) {
        body.insert(QStringLiteral("settings"), fileJson(*contents.settings));
    }
    QByteArray payload = QJsonDocument(body).toJson(QJsonDocument::Compact);
    if (passphrase) {
        auto encrypted = crypto::encryptWithPassphrase(payload, *passphrase, passphraseIterations);
        if (!encrypted) {
            return encrypted.error();
        }
        payload = std::move(*encrypted);
    }
    QJsonObject header = headerFields(contents.header);
    header.insert(QStringLiteral("encrypted"), passphrase.has_value());
    header.insert(QStringLiteral("payloadBytes"), qint64(payload.size()));
    header.insert(
        QStringLiteral("payloadSha256"),
        QString::fromLatin1(QCryptographicHash::hash(payload, QCryptographicHash::Sha256).toHex()));
    const QByteArray headerBytes = QJsonDocument(header).toJson(QJsonDocument::Compact);

    QByteArray file = Magic;
    char prefix[6];
    qToBigEndian<quint16>(quint16(BackupFormatVersion), prefix);
    qToBigEndian<quint32>(quint32(headerBytes.size()), prefix + 2);
    file.append(prefix, sizeof(prefix));
    file.append(headerBytes);
    file.append(payload);
    return file;
}

Result<BackupHeader> readBackupHeader(const QByteArray& file)
{
    if (!file.startsWith(Magic)) {
        return makeError(ErrorCode::InvalidValue,
                         QStringLiteral("this is not a Steward backup (no STWBAK signature)"));
    }
    if (file.size() < PrefixBytes) {
        return damaged(QStringLiteral("the file is truncated within its header"));
    }
    const int format = qFromBigEndian<quint16>(file.constData() + 6);
    if (format > BackupFormatVersion || format < 1) {
        return makeError(ErrorCode::IncompatibleVersion,
                         QStringLiteral("the backup has format version %1; this Steward reads "
                                        "version %2 and older")
                             .arg(format)
                             .arg(BackupFormatVersion));
    }
    const quint32 headerSize = qFromBigEndian<quint32>(file.constData() + 8);
    if (headerSize > MaxHeaderBytes || qsizetype(headerSize) > file.size() - PrefixBytes) {
        return damaged(QStringLiteral("the file is truncated within its header"));
    }
    QJsonParseError parseError;
    const auto document =
        QJsonDocument::fromJson(file.mid(PrefixBytes, qsizetype(headerSize)), &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
        return damaged(QStringLiteral("the header is not JSON"));
    }
    const QJsonObject json = document.object();
    auto header = headerFromJson(json, format);
    if (!header) {
        return header;
    }
    const QByteArray payload = file.mid(PrefixBytes + qsizetype(headerSize));
    const qint64 expected = json.value(QStringLiteral("payloadBytes")).toInteger(-1);
    if (expected != payload.size()) {
        return damaged(QStringLiteral("the file is truncated or extended: the header announces "
                                      "%1 bytes of contents, the file has %2")
                           .arg(expected)
                           .arg(payload.size()));
    }
    const QByteArray digest = QCryptographicHash::hash(payload, QCryptographicHash::Sha256).toHex();
    if (json.value(QStringLiteral("payloadSha256")).toString().toLatin1() != digest) {
        return damaged(QStringLiteral("the SHA-256 checksum of its contents does not match"));
    }
    return header;
}

Result<BackupContents> decodeBackup(const QByteArray& file,
                                    const std::function<Result<QString>()>& passphrase)
{
    auto header = readBackupHeader(file);
    if (!header) {
        return header.error();
    }
    const quint32 headerSize = qFromBigEndian<quint32>(file.constData() + 8);
    QByteArray payload = file.mid(PrefixBytes + qsizetype(headerSize));
    if (header->encrypted) {
        auto secret = passphrase();
        if (!secret) {
            return secret.error();
        }
        auto plain = crypto::decryptWithPassphrase(payload, *secret);
        if (!plain) {
            if (plain.error().code == ErrorCode::BadPassword) {
                return makeError(ErrorCode::BadPassword,
                                 QStringLiteral("the passphrase is wrong or the backup was "
                                                "altered"));
            }
            return damaged(plain.error().message);
        }
        payload = std::move(*plain);
    }
    QJsonParseError parseError;
    const auto document = QJsonDocument::fromJson(payload, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
        return damaged(QStringLiteral("its contents are not JSON"));
    }
    return contentsFromJson(document.object(), *header);
}

} // namespace steward::server::services
