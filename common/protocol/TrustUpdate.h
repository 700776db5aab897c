// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// TrustUpdate - trust.update, trust.confirm, client.certificate and client.confirm: renewing the
// roots a device trusts and its client certificate on its existing channel (CA rollover).
#pragma once

#include "common/core/Result.h"
#include "common/protocol/MessageType.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace steward::protocol {

/**
 * `trust.update`, server → agent: trust exactly `roots` (1–4 PEM certificates, each at most
 * 16 KiB) as the anchors of the server's web certificate from now on. `issuedAt` (ms since the
 * epoch) orders updates: an agent accepts only one newer than the last it accepted, and none
 * older than a day. `renewClient` asks the agent to make a new key and send its CSR in the
 * confirm (the device CA was renewed). `signature` (base64) signs trustSigningPayload() with
 * the key of the device-communication certificate the device pins.
 */
struct TrustUpdate {
    static constexpr MessageType Type = MessageType::TrustUpdate;
    qint64 device = 0;
    qint64 issuedAt = 0;
    QStringList roots; // PEM
    bool renewClient = false;
    QByteArray signature; // raw bytes; base64 on the wire

    bool operator==(const TrustUpdate&) const = default;
};

/**
 * `trust.confirm`, agent → server, one per trust.update: `issuedAt` echoes the update,
 * `roots` are the SHA-256 fingerprints (64 lower-case hex digits) of the roots the agent trusts
 * after it. A refusal has `accepted` false and a `reason`; an accepted update that asked for
 * renewClient carries `csr` (PEM).
 */
struct TrustConfirm {
    static constexpr MessageType Type = MessageType::TrustConfirm;
    qint64 issuedAt = 0;
    QStringList roots;
    bool accepted = false;
    QString reason;
    QString csr;

    bool operator==(const TrustConfirm&) const = default;
};

/**
 * `client.certificate`, server → agent: the client certificate (PEM) the server issued for the
 * CSR of the last trust.confirm, signed like trust.update (clientSigningPayload()).
 */
struct ClientCertificate {
    static constexpr MessageType Type = MessageType::ClientCertificate;
    qint64 device = 0;
    qint64 issuedAt = 0;
    QString certificate;
    QByteArray signature;

    bool operator==(const ClientCertificate&) const = default;
};

/**
 * `client.confirm`, agent → server: `fingerprint` (SHA-256) of the client certificate it
 * stored and presents from its next connection on, or a refusal with `reason`.
 */
struct ClientConfirm {
    static constexpr MessageType Type = MessageType::ClientConfirm;
    QString fingerprint;
    bool accepted = false;
    QString reason;

    bool operator==(const ClientConfirm&) const = default;
};

/** Compact JSON {"device","issuedAt","renewClient","roots"}: what trust.update signs. */
[[nodiscard]] QByteArray trustSigningPayload(const TrustUpdate& update);
/** Compact JSON {"certificate","device","issuedAt"}: what client.certificate signs. */
[[nodiscard]] QByteArray clientSigningPayload(const ClientCertificate& certificate);

[[nodiscard]] QJsonObject toJson(const TrustUpdate& update);
[[nodiscard]] Result<TrustUpdate> trustUpdateFromJson(const QJsonObject& body);
[[nodiscard]] QJsonObject toJson(const TrustConfirm& confirm);
[[nodiscard]] Result<TrustConfirm> trustConfirmFromJson(const QJsonObject& body);
[[nodiscard]] QJsonObject toJson(const ClientCertificate& certificate);
[[nodiscard]] Result<ClientCertificate> clientCertificateFromJson(const QJsonObject& body);
[[nodiscard]] QJsonObject toJson(const ClientConfirm& confirm);
[[nodiscard]] Result<ClientConfirm> clientConfirmFromJson(const QJsonObject& body);

} // namespace steward::protocol
