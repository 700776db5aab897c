// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/services/BackupArchive.h"
#include "tests/support/CatchQt.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QtEndian>

using namespace steward;
using namespace steward::server::services;
namespace db = steward::server::db;

namespace {

BackupContents sampleContents()
{
    BackupContents contents;
    contents.header.createdAt = QDateTime::fromSecsSinceEpoch(1790000000, Qt::UTC);
    contents.header.stewardVersion = QStringLiteral("0.1.0");
    contents.header.schemaVersion = 1;
    contents.source = QStringLiteral("sqlite:/tmp/x");
    contents.database.schemaVersion = 1;
    contents.database.tables.push_back(
        {QStringLiteral("admins"),
         {QStringLiteral("id"), QStringLiteral("name"), QStringLiteral("locked_until"),
          QStringLiteral("blob")},
         {{QVariant(qint64(1)), QVariant(QStringLiteral("alice")), QVariant(),
           QVariant(QByteArray("\x00\x01\xff", 3))},
          {QVariant(qint64(9007199254740993)), QVariant(QStringLiteral("")), QVariant(qint64(-5)),
           QVariant(QByteArray())}}});
    contents.pki.push_back({QStringLiteral("web.crt"), QByteArrayLiteral("cert")});
    contents.pki.push_back({QStringLiteral("sub/web.key"), QByteArrayLiteral("key")});
    contents.settings = BackupFile{QStringLiteral("/etc/steward/server.conf"), "[server]\n"};
    return contents;
}

// Rewrites the plain-text header of \a file with \a edit, keeping the format intact.
QByteArray withEditedHeader(const QByteArray& file, const std::function<void(QJsonObject&)>& edit)
{
    const quint32 size = qFromBigEndian<quint32>(file.constData() + 8);
    QJsonObject header = QJsonDocument::fromJson(file.mid(12, size)).object();
    edit(header);
    const QByteArray json = QJsonDocument(header).toJson(QJsonDocument::Compact);
    QByteArray result = file.left(8);
    char length[4];
    qToBigEndian<quint32>(quint32(json.size()), length);
    result.append(length, 4);
    return result + json + file.mid(12 + size);
}

QString sha256Hex(const QByteArray& data)
{
    return QString::fromLatin1(QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex());
}

const auto NoPassphrase = []() -> Result<QString> {
    FAIL("the passphrase must not be asked for");
    return QString();
};

} // namespace

TEST_CASE("a backup round-trips its header, rows, PKI and settings", "[integration][admin]")
{
    const auto contents = sampleContents();
    auto plain = encodeBackup(contents, std::nullopt, 1000);
    REQUIRE(plain.ok());
    CHECK(plain->startsWith("STWBAK"));
    auto decoded = decodeBackup(*plain, NoPassphrase);
    REQUIRE(decoded.ok());
    CHECK(decoded->header.createdAt == contents.header.createdAt);
    CHECK(decoded->header.schemaVersion == 1);
    CHECK_FALSE(decoded->header.encrypted);
    CHECK(decoded->database.toJson() == contents.database.toJson());
    CHECK(decoded->database.tables[0].rows[1][0].toLongLong() == 9007199254740993);
    CHECK(decoded->database.tables[0].rows[0][3].toByteArray() == QByteArray("\x00\x01\xff", 3));
    REQUIRE(decoded->pki.size() == 2);
    CHECK(decoded->pki[1].path == QStringLiteral("sub/web.key"));
    REQUIRE(decoded->settings.has_value());
    CHECK(decoded->settings->content == "[server]\n");

    auto encrypted = encodeBackup(contents, QStringLiteral("open sesame"), 1000);
    REQUIRE(encrypted.ok());
    CHECK_FALSE(encrypted->contains("alice"));
    int asked = 0;
    auto opened = decodeBackup(*encrypted, [&]() -> Result<QString> {
        ++asked;
        return QStringLiteral("open sesame");
    });
    REQUIRE(opened.ok());
    CHECK(asked == 1);
    CHECK(opened->header.encrypted);
    CHECK(opened->database.toJson() == contents.database.toJson());
}

TEST_CASE("hostile backup files are refused with a clear error and no crash",
          "[integration][admin]")
{
    auto good = encodeBackup(sampleContents(), std::nullopt, 1000);
    REQUIRE(good.ok());

    SECTION("empty, garbage and wrong magic")
    {
        const QList<QByteArray> bads{QByteArray(),
                                     QByteArray("garbage that is long enough to be a header"),
                                     QByteArray("STWBAX") + good->mid(6), QByteArray(5000, '\0')};
        for (const QByteArray& bad : bads) {
            auto result = decodeBackup(bad, NoPassphrase);
            REQUIRE_FALSE(result.ok());
            CHECK(result.error().message.contains(QStringLiteral("not a Steward backup")));
        }
    }
    SECTION("every truncation")
    {
        for (qsizetype size = 6; size < good->size(); size += 7) {
            auto result = decodeBackup(good->left(size), NoPassphrase);
            REQUIRE_FALSE(result.ok());
            CHECK(result.error().message.contains(QStringLiteral("damaged")));
        }
    }
    SECTION("a future format version")
    {
        QByteArray future = *good;
        qToBigEndian<quint16>(2, future.data() + 6);
        auto result = decodeBackup(future, NoPassphrase);
        REQUIRE_FALSE(result.ok());
        CHECK(result.error().code == ErrorCode::IncompatibleVersion);
        CHECK(result.error().message.contains(QStringLiteral("format version 2")));
    }
    SECTION("a flipped byte in the contents")
    {
        QByteArray flipped = *good;
        flipped[flipped.size() - 10] = char(flipped[flipped.size() - 10] ^ 0x20);
        auto result = decodeBackup(flipped, NoPassphrase);
        REQUIRE_FALSE(result.ok());
        CHECK(result.error().message.contains(QStringLiteral("checksum")));
    }
    SECTION("a huge announced header length")
    {
        QByteArray huge = *good;
        qToBigEndian<quint32>(0xffffffffu, huge.data() + 8);
        auto result = decodeBackup(huge, NoPassphrase);
        REQUIRE_FALSE(result.ok());
        CHECK(result.error().message.contains(QStringLiteral("truncated")));
    }
    SECTION("a dump with values of unknown form")
    {
        for (const char* cell : {"1e300", "-1e300", "1.5", "{\"int\":\"x\"}", "{\"bytes\":\"*\"}",
                                 "[1]", "true", "{\"a\":1}"}) {
            const QByteArray json = QByteArray("{\"schemaVersion\":1,\"tables\":[{\"name\":\"t\","
                                               "\"columns\":[\"c\"],\"rows\":[[")
                                    + cell + "]]}]}";
            auto result = db::DataSnapshot::fromJson(QJsonDocument::fromJson(json).object());
            INFO(cell);
            REQUIRE_FALSE(result.ok());
            CHECK(result.error().message.contains(QStringLiteral("table t, row 1")));
        }
    }
    SECTION("a PKI path that climbs out of the PKI folder")
    {
        auto contents = sampleContents();
        contents.pki.push_back({QStringLiteral("../../etc/passwd"), "x"});
        auto evil = encodeBackup(contents, std::nullopt, 1000);
        REQUIRE(evil.ok());
        auto result = decodeBackup(*evil, NoPassphrase);
        REQUIRE_FALSE(result.ok());
        CHECK(result.error().message.contains(QStringLiteral("not a plain relative path")));
    }
    SECTION("an encrypted backup whose ciphertext was altered and re-checksummed")
    {
        auto encrypted = encodeBackup(sampleContents(), QStringLiteral("right one"), 1000);
        REQUIRE(encrypted.ok());
        const quint32 size = qFromBigEndian<quint32>(encrypted->constData() + 8);
        QByteArray payload = encrypted->mid(12 + size);
        payload[payload.size() - 20] = char(payload[payload.size() - 20] ^ 1);
        QByteArray forged = withEditedHeader(encrypted->left(12 + size), [&](QJsonObject& h) {
            h[QStringLiteral("payloadSha256")] = sha256Hex(payload);
        });
        forged += payload;
        auto result =
            decodeBackup(forged, [] { return Result<QString>(QStringLiteral("right one")); });
        REQUIRE_FALSE(result.ok());
        CHECK(result.error().code == ErrorCode::BadPassword);
        CHECK(result.error().message.contains(QStringLiteral("altered")));
    }
    SECTION("an encrypted backup whose plain-text header was edited")
    {
        auto encrypted = encodeBackup(sampleContents(), QStringLiteral("right one"), 1000);
        REQUIRE(encrypted.ok());
        const QByteArray edited = withEditedHeader(
            *encrypted, [](QJsonObject& h) { h[QStringLiteral("schemaVersion")] = 2; });
        auto result =
            decodeBackup(edited, [] { return Result<QString>(QStringLiteral("right one")); });
        REQUIRE_FALSE(result.ok());
        CHECK(result.error().message.contains(QStringLiteral("header does not match")));
    }
    SECTION("an encrypted backup with a wrong passphrase or altered ciphertext")
    {
        auto encrypted = encodeBackup(sampleContents(), QStringLiteral("right one"), 1000);
        REQUIRE(encrypted.ok());
        auto wrong = decodeBackup(*encrypted, [] { return Result<QString>(QStringLiteral("x")); });
        REQUIRE_FALSE(wrong.ok());
        CHECK(wrong.error().code == ErrorCode::BadPassword);
    }
}
