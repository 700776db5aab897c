// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// CertificateRollover - certificate.rollover and certificate.confirm: moving a device to another
// device-communication certificate on its existing channel.
#pragma once

#include "common/core/Result.h"
#include "common/protocol/MessageType.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>

namespace steward::protocol {

/**
 * `certificate.rollover`, server → agent: pin `certificate` (one PEM certificate, at most
 * 16 KiB) from now on. `fingerprint` is its SHA-256 (64 lower-case hex digits), `device` the
 * addressed device; `signature` (base64, required) signs rolloverSigningPayload() with the key
 * of the certificate the device pins now, so only the server it trusts can move it.
 */
struct CertificateRollover {
    static constexpr MessageType Type = MessageType::CertificateRollover;
    qint64 device = 0;
    QString certificate; // PEM
    QString fingerprint;
    QByteArray signature; // raw bytes; base64 on the wire

    bool operator==(const CertificateRollover&) const = default;
};

/**
 * `certificate.confirm`, agent → server, one per rollover: `offered` is the rollover's
 * fingerprint, `pinned` the fingerprint the agent pins after it (the offered one when
 * `accepted`, else the old one). A refusal carries `reason` (1–1000 characters).
 */
struct CertificateConfirm {
    static constexpr MessageType Type = MessageType::CertificateConfirm;
    QString offered;
    QString pinned;
    bool accepted = false;
    QString reason;

    bool operator==(const CertificateConfirm&) const = default;
};

/** The bytes that are signed: compact JSON {"certificate","device","fingerprint"}. */
[[nodiscard]] QByteArray rolloverSigningPayload(const CertificateRollover& rollover);

[[nodiscard]] QJsonObject toJson(const CertificateRollover& rollover);
[[nodiscard]] Result<CertificateRollover> certificateRolloverFromJson(const QJsonObject& body);
[[nodiscard]] QJsonObject toJson(const CertificateConfirm& confirm);
[[nodiscard]] Result<CertificateConfirm> certificateConfirmFromJson(const QJsonObject& body);

} // namespace steward::protocol
