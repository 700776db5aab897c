// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/discovery/AddressRange.h"
#include "server/discovery/WakeOnLan.h"
#include "tests/support/CatchQt.h"

using namespace steward;
using namespace steward::server::discovery;

TEST_CASE("scan ranges: single address, FIRST-LAST and CIDR", "[unit][discovery]")
{
    auto single = parseScanRange(QStringLiteral(" 10.0.0.7 "), 1024);
    REQUIRE(single.ok());
    CHECK(single->addresses == QList<QHostAddress>{QHostAddress(QStringLiteral("10.0.0.7"))});
    CHECK_FALSE(single->broadcast);

    auto span = parseScanRange(QStringLiteral("10.0.0.254-10.0.1.1"), 1024);
    REQUIRE(span.ok());
    CHECK(span->addresses.size() == 4);
    CHECK(span->addresses.first() == QHostAddress(QStringLiteral("10.0.0.254")));
    CHECK(span->addresses.last() == QHostAddress(QStringLiteral("10.0.1.1")));

    auto cidr = parseScanRange(QStringLiteral("192.168.5.0/24"), 1024);
    REQUIRE(cidr.ok());
    CHECK(cidr->addresses.size() == 254); // hosts only
    CHECK(cidr->addresses.first() == QHostAddress(QStringLiteral("192.168.5.1")));
    CHECK(cidr->addresses.last() == QHostAddress(QStringLiteral("192.168.5.254")));

    CHECK(parseScanRange(QStringLiteral("10.0.0.9/32"), 1)->addresses.size() == 1);
    CHECK(parseScanRange(QStringLiteral("10.0.0.8/31"), 2)->addresses.size() == 2);
    CHECK(parseScanRange(QStringLiteral("10.0.0.77/30"), 2)->addresses.first()
          == QHostAddress(QStringLiteral("10.0.0.77")));
}

TEST_CASE("broadcast scans the limited broadcast address at least", "[unit][discovery]")
{
    auto range = parseScanRange(QStringLiteral("broadcast"), 1);
    REQUIRE(range.ok());
    CHECK(range->broadcast);
    CHECK(range->addresses.contains(QHostAddress(QHostAddress::Broadcast)));
}

TEST_CASE("hostile scan ranges get a clear error naming the problem", "[unit][discovery]")
{
    const auto [text, expected] = GENERATE(table<const char*, const char*>({
        {"", "a range is"},
        {"10.1", "not an IPv4 address"},
        {"10.0.0.256", "not an IPv4 address"},
        {"10.0.0.1-", "not an IPv4 address"},
        {"-10.0.0.1", "not an IPv4 address"},
        {"10.0.0.1-10.0.0.2-10.0.0.3", "more than one '-'"},
        {"10.0.0.9-10.0.0.1", "ends before it starts"},
        {"10.0.0.0/33", "prefix length"},
        {"10.0.0.0/-1", "prefix length"},
        {"10.0.0.0/", "prefix length"},
        {"10.0.0.0/8", "16777214 addresses"},
        {"0.0.0.0-255.255.255.255", "4294967296 addresses"},
        {"::1", "not an IPv4 address"},
        {"example.org", "not an IPv4 address"},
        {"10.0.0.1\n10.0.0.2", "not an IPv4 address"},
    }));
    const auto parsed = parseScanRange(QString::fromUtf8(text), 1024);
    INFO(text);
    REQUIRE_FALSE(parsed.ok());
    CHECK(parsed.error().code == ErrorCode::InvalidValue);
    CHECK(parsed.error().message.contains(QString::fromUtf8(expected)));
}

TEST_CASE("subnet broadcast addresses", "[unit][discovery]")
{
    CHECK(*subnetBroadcast(QStringLiteral("10.1.2.0/24"))
          == QHostAddress(QStringLiteral("10.1.2.255")));
    CHECK(*subnetBroadcast(QStringLiteral("10.1.2.77/20"))
          == QHostAddress(QStringLiteral("10.1.15.255")));
    CHECK(*subnetBroadcast(QStringLiteral("0.0.0.0/0")) == QHostAddress(QHostAddress::Broadcast));
    CHECK_FALSE(subnetBroadcast(QStringLiteral("10.1.2.0")).ok());
    CHECK_FALSE(subnetBroadcast(QStringLiteral("10.1.2.0/99")).ok());
}

TEST_CASE("addresses are normalised to IPv4", "[unit][discovery]")
{
    CHECK(ipv4Address(QStringLiteral("::ffff:127.0.0.1"))
          == QHostAddress(QStringLiteral("127.0.0.1")));
    CHECK(ipv4Address(QStringLiteral("10.0.0.1")) == QHostAddress(QStringLiteral("10.0.0.1")));
    CHECK_FALSE(ipv4Address(QString()).has_value());
    CHECK_FALSE(ipv4Address(QStringLiteral("fe80::1")).has_value());
    CHECK(normalisedAddress(QHostAddress(QStringLiteral("::ffff:10.0.0.1")))
          == QHostAddress(QStringLiteral("10.0.0.1")));
}

TEST_CASE("the magic packet is 6 × 0xFF and 16 × the MAC", "[unit][discovery]")
{
    const auto packet = magicPacket(QStringLiteral("00:11:22:aa:bb:CC"));
    REQUIRE(packet.ok());
    REQUIRE(packet->size() == 102);
    CHECK(packet->left(6) == QByteArray(6, char(0xFF)));
    for (int i = 0; i < 16; ++i) {
        CHECK(packet->mid(6 + 6 * i, 6) == QByteArray::fromHex("001122AABBCC"));
    }
    CHECK(magicPacket(QStringLiteral("00-11-22-AA-BB-CC")).ok());
    for (const char* bad : {"", "00:11:22:AA:BB", "00:11:22:AA:BB:CC:DD", "zz:11:22:AA:BB:CC"}) {
        INFO(bad);
        CHECK(magicPacket(QString::fromUtf8(bad)).error().code == ErrorCode::InvalidValue);
    }
}
