// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/protocol/Hello.h"

#include "common/protocol/JsonReader.h"
#include "common/protocol/ProtocolVersion.h"

#include <QJsonArray>

namespace steward::protocol {
namespace {

using Text = JsonReader::Text;

QJsonObject identityToJson(int protocolVersion, const QString& name, const QString& version)
{
    return QJsonObject{{QLatin1String("protocolVersion"), protocolVersion},
                       {QLatin1String("programName"), name},
                       {QLatin1String("programVersion"), version}};
}

} // namespace

QJsonObject toJson(const Hello& hello)
{
    QJsonObject body =
        identityToJson(hello.protocolVersion, hello.programName, hello.programVersion);
    if (!hello.capabilities.isEmpty()) {
        body.insert(QLatin1String("capabilities"), QJsonArray::fromStringList(hello.capabilities));
    }
    return body;
}

Result<Hello> helloFromJson(const QJsonObject& body)
{
    JsonReader reader(body);
    Hello hello;
    hello.protocolVersion = int(reader.requireInt(u"protocolVersion", 1, MaxProtocolVersion));
    hello.programName = reader.requireString(u"programName", Text::NonEmpty);
    hello.programVersion = reader.requireString(u"programVersion", Text::NonEmpty);
    hello.capabilities = reader.optionalStringList(u"capabilities", Text::NonEmpty);
    return reader.finish(std::move(hello));
}

QJsonObject toJson(const HelloAck& ack)
{
    QJsonObject body = identityToJson(ack.protocolVersion, ack.programName, ack.programVersion);
    if (ack.sessionId) {
        body.insert(QLatin1String("sessionId"), *ack.sessionId);
    }
    return body;
}

Result<HelloAck> helloAckFromJson(const QJsonObject& body)
{
    JsonReader reader(body);
    HelloAck ack;
    ack.protocolVersion = int(reader.requireInt(u"protocolVersion", 1, MaxProtocolVersion));
    ack.programName = reader.requireString(u"programName", Text::NonEmpty);
    ack.programVersion = reader.requireString(u"programVersion", Text::NonEmpty);
    ack.sessionId = reader.optionalString(u"sessionId", Text::NonEmpty);
    return reader.finish(std::move(ack));
}

Result<void> checkProtocolVersion(int peerProtocolVersion, const QString& peerProgramName,
                                  const QString& peerProgramVersion, const QString& ourProgramName,
                                  const QString& ourProgramVersion)
{
    if (isAcceptedProtocolVersion(peerProtocolVersion)) {
        return {};
    }
    return makeError(ErrorCode::IncompatibleVersion,
                     QStringLiteral("peer %1 %2 speaks protocol %3; this %4 %5 speaks protocol %6 "
                                    "(accepts %7\u2013%8)")
                         .arg(peerProgramName, peerProgramVersion)
                         .arg(peerProtocolVersion)
                         .arg(ourProgramName, ourProgramVersion)
                         .arg(CurrentProtocolVersion)
                         .arg(OldestAcceptedProtocolVersion)
                         .arg(CurrentProtocolVersion));
}

Result<void> negotiate(const Hello& peer, const QString& ourProgramName,
                       const QString& ourProgramVersion)
{
    return checkProtocolVersion(peer.protocolVersion, peer.programName, peer.programVersion,
                                ourProgramName, ourProgramVersion);
}

Result<void> negotiate(const HelloAck& peer, const QString& ourProgramName,
                       const QString& ourProgramVersion)
{
    return checkProtocolVersion(peer.protocolVersion, peer.programName, peer.programVersion,
                                ourProgramName, ourProgramVersion);
}

} // namespace steward::protocol
