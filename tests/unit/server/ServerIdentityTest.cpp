// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/services/ServerIdentity.h"
#include "tests/support/CatchQt.h"

#include <QHostInfo>
#include <QNetworkInterface>

using steward::server::services::ServerIdentity;

TEST_CASE("the web certificate names come from the interfaces, not from name resolution",
          "[unit][pki]")
{
    const auto names = ServerIdentity::defaultWebNames(
        {QStringLiteral("steward.example.org"), QStringLiteral("203.0.113.7")},
        QHostAddress(QStringLiteral("127.0.0.1")));
    // Configured names come first: the first DNS name is the certificate's common name.
    REQUIRE_FALSE(names.dnsNames.isEmpty());
    CHECK(names.dnsNames.first() == QStringLiteral("steward.example.org"));
    CHECK(names.dnsNames.contains(QStringLiteral("localhost")));
    CHECK(names.dnsNames.contains(QHostInfo::localHostName().toLower()));
    CHECK(names.addresses.contains(QHostAddress(QStringLiteral("203.0.113.7"))));
    CHECK(names.addresses.contains(QHostAddress(QStringLiteral("127.0.0.1"))));
    CHECK(names.addresses.contains(QHostAddress(QStringLiteral("::1"))));
    // Every real interface address is there, so a host whose name resolves to 127.0.1.1
    // (Debian's default) is still reachable by its addresses.
    for (const QHostAddress& address : QNetworkInterface::allAddresses()) {
        if (!address.isLoopback() && !address.isLinkLocal()) {
            INFO(address.toString().toStdString());
            CHECK(names.addresses.contains(address));
        }
    }
    CHECK_FALSE(names.addresses.contains(QHostAddress(QStringLiteral("127.0.1.1"))));
}
