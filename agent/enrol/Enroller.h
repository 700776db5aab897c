// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// Enroller - enrols this device with a server: fingerprint check, key, CSR, certificates.
#pragma once

#include "agent/enrol/AgentState.h"
#include "common/core/Result.h"
#include "common/protocol/CertificateSupport.h"

#include <QSslCertificate>
#include <QUrl>

#include <chrono>
#include <functional>
#include <optional>

namespace steward::agent {

/** What the server presented in its TLS handshake. */
struct ServerCertificates {
    QSslCertificate web;          // the leaf: its fingerprint is what the user checks
    QList<QSslCertificate> chain; // as sent, leaf first
    QSslCertificate root;         // the self-signed end of the chain that issued the leaf
};

/** "AB:CD:…" or "abcd…" → "ABCD…" (upper-case hex, no separators) for comparing. */
[[nodiscard]] QString normalisedFingerprint(const QString& text);

/**
 * Opens TLS to \a server only to read its certificates, then aborts: no byte of application
 * data is sent. The certificate is checked later against the fingerprint, not here, so the
 * handshake's verification failure is expected and is not ignored but ends the connection.
 */
[[nodiscard]] Result<ServerCertificates> fetchServerCertificates(const QUrl& server,
                                                                 std::chrono::milliseconds timeout);

struct EnrollOptions {
    QUrl server;
    QByteArray token;
    QString expectedFingerprint; // empty: trust decided by confirm()
    QString hostname;
    QString unitId; // primary MAC, may be empty
    /** Advertised as "certificateSupport"; nullopt sends none, like agents before the store. */
    std::optional<protocol::CertificateSupport> certificateSupport =
        protocol::CertificateSupport::current();
    std::chrono::milliseconds timeout{30000};
    /**
     * Asked when no fingerprint was given, with the server's fingerprint; true accepts it
     * (--accept-fingerprint, or "yes" typed on a terminal). Never called when one was given.
     */
    std::function<bool(const QString& fingerprint)> confirm;
    /** Told the fingerprint before any decision, so the user always sees it. */
    std::function<void(const QString& fingerprint)> show;
};

/**
 * The whole enrolment: refuses an already enrolled state dir (AlreadyExists: release first),
 * checks the server's fingerprint before the token leaves the device (PeerCertificateMismatch
 * naming both), generates an EC P-256 key, sends the CSR over TLS that trusts only the root
 * the fingerprinted certificate chains to (and checks the peer is that same certificate),
 * then stores key (0600), certificates and the pinned identities.
 */
[[nodiscard]] Result<AgentState> enroll(const StateDirectory& state, const EnrollOptions& options);

/** The primary MAC ("00:11:22:33:44:55"): the first up, non-loopback interface with one. */
[[nodiscard]] QString primaryMacAddress();

} // namespace steward::agent
