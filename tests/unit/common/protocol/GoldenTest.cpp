// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/protocol/Decoder.h"
#include "tests/support/CatchQt.h"

#include <QFile>
#include <QJsonDocument>

using namespace steward::protocol;

// Golden files pin the wire: tests/data/protocol/<wire name>.json holds one canonical frame per
// message type. Canonical means what serialize() writes: QJsonDocument::Compact with the keys
// sorted (QJsonObject keeps them sorted), one line, a final newline in the file.

namespace {

QString goldenPath(MessageType type)
{
    return QStringLiteral(STEWARD_TEST_DATA_DIR "/protocol/") + messageTypeWireName(type)
           + QStringLiteral(".json");
}

QByteArray readGolden(MessageType type)
{
    QFile file(goldenPath(type));
    if (!file.open(QIODevice::ReadOnly)) {
        return {};
    }
    return file.readAll();
}

} // namespace

TEST_CASE("every message type has a golden file", "[unit][protocol]")
{
    for (const auto type : allMessageTypes()) {
        INFO(goldenPath(type).toStdString());
        CHECK(QFile::exists(goldenPath(type)));
    }
}

TEST_CASE("each golden file is canonical compact json on one line", "[unit][protocol]")
{
    for (const auto type : allMessageTypes()) {
        INFO(goldenPath(type).toStdString());
        const QByteArray golden = readGolden(type);
        REQUIRE(golden.endsWith('\n'));
        const QByteArray line = golden.chopped(1);
        CHECK_FALSE(line.contains('\n'));
        CHECK(QJsonDocument::fromJson(line).toJson(QJsonDocument::Compact) == line);
    }
}

TEST_CASE("each golden file parses to its type and serialises byte for byte", "[unit][protocol]")
{
    for (const auto type : allMessageTypes()) {
        INFO(goldenPath(type).toStdString());
        const QByteArray line = readGolden(type).chopped(1);
        const auto decoded = decodeFrame(line);
        REQUIRE(decoded.ok());
        const IncomingMessage& incoming = decoded.message();
        CHECK(messageType(incoming.message) == type);
        CHECK(encodeMessage(incoming.message, incoming.id, incoming.re) == line);
    }
}
