// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// AddressRange - parses what a scan probes and where magic packets go (IPv4 ranges, CIDR).
#pragma once

#include "common/core/Result.h"

#include <QHostAddress>
#include <QList>
#include <QString>

namespace steward::server::discovery {

struct ScanRange {
    QList<QHostAddress> addresses; // in order; for "broadcast" the broadcast addresses
    bool broadcast = false;
};

/**
 * "10.0.0.7", "10.0.0.1-10.0.0.254", "10.0.0.0/24" (hosts only: without the network and
 * broadcast address for prefixes up to /30) or "broadcast" (255.255.255.255 and each
 * interface's IPv4 broadcast address). IPv4 only, dotted quads only ("10.1" is refused).
 * InvalidValue names the problem; a range of more than \a maxAddresses is refused before
 * anything is enumerated.
 */
[[nodiscard]] Result<ScanRange> parseScanRange(const QString& text, int maxAddresses);

/** The directed broadcast address of an IPv4 subnet "10.1.2.0/24" → 10.1.2.255. */
[[nodiscard]] Result<QHostAddress> subnetBroadcast(const QString& cidr);

/** A strict dotted-quad IPv4 address, or an IPv4-mapped IPv6 one turned into IPv4. */
[[nodiscard]] std::optional<QHostAddress> ipv4Address(const QString& text);

/** \a address as IPv4 when it is IPv4-mapped IPv6 ("::ffff:127.0.0.1" → 127.0.0.1). */
[[nodiscard]] QHostAddress normalisedAddress(const QHostAddress& address);

} // namespace steward::server::discovery
