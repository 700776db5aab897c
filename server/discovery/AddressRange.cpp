// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/discovery/AddressRange.h"

#include <QNetworkInterface>
#include <QRegularExpression>

namespace steward::server::discovery {
namespace {

std::optional<quint32> parseQuad(const QString& text)
{
    static const QRegularExpression pattern(
        QStringLiteral("^([0-9]{1,3})\\.([0-9]{1,3})\\.([0-9]{1,3})\\.([0-9]{1,3})$"));
    const auto match = pattern.match(text.trimmed());
    if (!match.hasMatch()) {
        return std::nullopt;
    }
    quint32 value = 0;
    for (int i = 1; i <= 4; ++i) {
        const uint part = match.captured(i).toUInt();
        if (part > 255) {
            return std::nullopt;
        }
        value = (value << 8) | part;
    }
    return value;
}

Error notAnAddress(const QString& text)
{
    return makeError(
        ErrorCode::InvalidValue,
        QStringLiteral("\"%1\" is not an IPv4 address like 10.0.0.1").arg(text.trimmed().left(60)));
}

// Parses "a.b.c.d/nn" into its network address and prefix length.
Result<std::pair<quint32, int>> parseCidr(const QString& text)
{
    const int slash = text.indexOf(QLatin1Char('/'));
    const auto base = parseQuad(text.left(slash));
    if (!base) {
        return notAnAddress(text.left(slash));
    }
    bool ok = false;
    const QString prefixText = text.mid(slash + 1).trimmed();
    const int prefix = prefixText.toInt(&ok);
    if (!ok || prefix < 0 || prefix > 32 || prefixText.size() > 2) {
        return makeError(ErrorCode::InvalidValue,
                         QStringLiteral("\"/%1\" is not a prefix length from /0 to /32")
                             .arg(prefixText.left(10)));
    }
    const quint32 mask = prefix == 0 ? 0 : ~quint32(0) << (32 - prefix);
    return std::pair{*base & mask, prefix};
}

QList<QHostAddress> interfaceBroadcasts()
{
    QList<QHostAddress> found{QHostAddress(QHostAddress::Broadcast)};
    for (const auto& interface : QNetworkInterface::allInterfaces()) {
        if (!interface.flags().testFlag(QNetworkInterface::IsUp)
            || !interface.flags().testFlag(QNetworkInterface::CanBroadcast)) {
            continue;
        }
        for (const auto& entry : interface.addressEntries()) {
            if (!entry.broadcast().isNull() && !found.contains(entry.broadcast())) {
                found.append(entry.broadcast());
            }
        }
    }
    return found;
}

} // namespace

Result<ScanRange> parseScanRange(const QString& text, int maxAddresses)
{
    const QString trimmed = text.trimmed();
    if (trimmed == QLatin1String("broadcast")) {
        return ScanRange{interfaceBroadcasts(), true};
    }
    if (trimmed.isEmpty() || trimmed.size() > 64) {
        return makeError(ErrorCode::InvalidValue,
                         QStringLiteral("a range is an address, FIRST-LAST, a CIDR like "
                                        "10.0.0.0/24 or \"broadcast\""));
    }
    quint64 first = 0;
    quint64 last = 0;
    if (trimmed.contains(QLatin1Char('/'))) {
        auto cidr = parseCidr(trimmed);
        if (!cidr) {
            return cidr.error();
        }
        const quint64 size = quint64(1) << (32 - cidr->second);
        first = cidr->first;
        last = first + size - 1;
        if (cidr->second <= 30) { // hosts only
            ++first;
            --last;
        }
    } else {
        const QStringList ends = trimmed.split(QLatin1Char('-'));
        if (ends.size() > 2) {
            return makeError(ErrorCode::InvalidValue,
                             QStringLiteral("\"%1\" has more than one '-'").arg(trimmed));
        }
        const auto start = parseQuad(ends.first());
        if (!start) {
            return notAnAddress(ends.first());
        }
        const auto end = ends.size() == 2 ? parseQuad(ends.last()) : start;
        if (!end) {
            return notAnAddress(ends.last());
        }
        if (*end < *start) {
            return makeError(ErrorCode::InvalidValue,
                             QStringLiteral("the range %1 ends before it starts").arg(trimmed));
        }
        first = *start;
        last = *end;
    }
    const quint64 count = last - first + 1;
    if (count > quint64(maxAddresses)) {
        return makeError(ErrorCode::InvalidValue,
                         QStringLiteral("the range %1 holds %2 addresses; a scan probes at most "
                                        "%3 (discovery/maxScanAddresses)")
                             .arg(trimmed)
                             .arg(count)
                             .arg(maxAddresses));
    }
    ScanRange range;
    range.addresses.reserve(qsizetype(count));
    for (quint64 address = first; address <= last; ++address) {
        range.addresses.append(QHostAddress(quint32(address)));
    }
    return range;
}

Result<QHostAddress> subnetBroadcast(const QString& cidr)
{
    if (!cidr.contains(QLatin1Char('/'))) {
        return makeError(
            ErrorCode::InvalidValue,
            QStringLiteral("\"%1\" is not a subnet like 10.0.0.0/24").arg(cidr.left(60)));
    }
    auto parsed = parseCidr(cidr);
    if (!parsed) {
        return parsed.error();
    }
    const quint32 hostBits =
        parsed->second == 0 ? ~quint32(0) : ~(~quint32(0) << (32 - parsed->second));
    return QHostAddress(parsed->first | hostBits);
}

std::optional<QHostAddress> ipv4Address(const QString& text)
{
    if (const auto quad = parseQuad(text)) {
        return QHostAddress(*quad);
    }
    const QHostAddress address(text.trimmed());
    bool mapped = false;
    const quint32 v4 = address.toIPv4Address(&mapped);
    if (mapped && address.protocol() == QAbstractSocket::IPv6Protocol) {
        return QHostAddress(v4);
    }
    return std::nullopt;
}

QHostAddress normalisedAddress(const QHostAddress& address)
{
    bool mapped = false;
    const quint32 v4 = address.toIPv4Address(&mapped);
    return mapped ? QHostAddress(v4) : address;
}

} // namespace steward::server::discovery
