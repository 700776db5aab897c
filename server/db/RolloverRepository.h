// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// RolloverRepository - per device: the certificates it supports, pins and is being offered.
#pragma once

#include "common/core/Result.h"

#include <QHash>
#include <QString>

#include <optional>

namespace steward::server::db {

class Database;

/** A device's side of the device-communication certificates (migrations 14 and 15). */
struct DeviceCertificateState {
    qint64 deviceId = 0;
    std::optional<qint64> certificateId; // what it pins; null when not known
    std::optional<qint64> pendingId;     // offered by a certificate.rollover, not confirmed yet
    QString support; // its certificateSupport as compact JSON; empty: it sent none
};

class RolloverRepository {
public:
    explicit RolloverRepository(Database& db);

    /** NotFound for an unknown device. */
    [[nodiscard]] Result<DeviceCertificateState> state(qint64 deviceId) const;
    /** Every device that is not released, by id. */
    [[nodiscard]] Result<QHash<qint64, DeviceCertificateState>> states() const;
    /** Marks certificate \a certificateId as offered to \a deviceId (nullopt: none in flight). */
    [[nodiscard]] Result<void> setPending(qint64 deviceId, std::optional<qint64> certificateId);
    /** The device confirmed: it pins \a certificateId now, nothing is in flight. */
    [[nodiscard]] Result<void> confirm(qint64 deviceId, qint64 certificateId);

private:
    Database& m_db;
};

} // namespace steward::server::db
