// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// CertificateAuthorities - the root and device CAs in <data-dir>/pki through a CA rollover.
#pragma once

#include "common/core/Result.h"
#include "common/crypto/Certificate.h"
#include "common/crypto/PrivateKey.h"

#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

namespace steward::server::services {

/**
 * The files (docs/certificates.md, "CA rollover"), each a .crt with its .key:
 *   root-ca          the root that issues the web certificate
 *   root-ca.next     a renewed root, distributed to devices, not issuing yet (renewRoot)
 *   root-ca.old      the root before activateRoot, still distributed until retireOld
 *   device-ca        the device CA that issues client certificates
 *   device-ca.old    the device CA before renewDeviceCa, still accepted until retireOld
 *   distributed/<sha256>.crt  another root (a corporate web certificate's) devices are given
 *                    to trust, certificate only (addDistributedRoot)
 * Retired files move to pki/retired/. Every step leaves a complete set: a crash between two
 * renames is repaired by the next load (a .next without its .key is ignored).
 */
struct AuthoritySet {
    crypto::Certificate root;
    crypto::PrivateKey rootKey;
    std::optional<crypto::Certificate> nextRoot;
    std::optional<crypto::Certificate> oldRoot;
    crypto::Certificate deviceCa;
    crypto::PrivateKey deviceCaKey;
    std::optional<crypto::Certificate> oldDeviceCa;
    QList<crypto::Certificate> distributedRoots; // pki/distributed/, by file name

    /**
     * The roots devices should trust, oldest first: root-ca.old, root-ca, root-ca.next, then
     * the distributed ones.
     */
    [[nodiscard]] QList<crypto::Certificate> trustedRoots() const;
    /** The device CAs whose client certificates the server accepts: device-ca, device-ca.old. */
    [[nodiscard]] QList<crypto::Certificate> deviceCas() const;
    /** True for root-ca, root-ca.next and root-ca.old. */
    [[nodiscard]] bool isStewardRoot(const crypto::Certificate& certificate) const;
    /**
     * {"root","nextRoot","oldRoot","deviceCa","oldDeviceCa"} with subject, sha256, notAfter,
     * and "distributedRoots", a list of them.
     */
    [[nodiscard]] QJsonObject toJson() const;
};

/** The lower-case hex SHA-256 of \a certificate's DER (how devices and the database name roots). */
[[nodiscard]] QString rootFingerprint(const crypto::Certificate& certificate);

/** Reads the set from \a pkiDir (root-ca and device-ca must exist: ServerIdentity makes them). */
[[nodiscard]] Result<AuthoritySet> loadAuthorities(const QString& pkiDir);

/**
 * Adds \a root to the roots distributed to devices (pki/distributed/<sha256>.crt); false when
 * it is there already. InvalidArgument unless it is a self-signed CA valid now (an agent
 * refuses a trust update carrying anything else).
 */
[[nodiscard]] Result<bool> addDistributedRoot(const QString& pkiDir,
                                              const crypto::Certificate& root);

/** Makes root-ca.next; Conflict while a root rollover is already under way. */
[[nodiscard]] Result<crypto::Certificate> renewRoot(const QString& pkiDir);

/**
 * Makes a new device-ca (issuing from now on) and keeps the previous one as device-ca.old;
 * Conflict while an older device CA is still kept.
 */
[[nodiscard]] Result<crypto::Certificate> renewDeviceCa(const QString& pkiDir);

/**
 * root-ca.next becomes root-ca (the previous one root-ca.old) and web.crt/web.key are
 * re-issued from it with the names of the current web certificate. Conflict without a .next.
 * The caller checks beforehand that devices trust the new root.
 */
[[nodiscard]] Result<crypto::Certificate> activateRoot(const QString& pkiDir);

/** Moves root-ca.old and device-ca.old to pki/retired/; what was retired (file names). */
[[nodiscard]] Result<QStringList> retireOldAuthorities(const QString& pkiDir, bool roots,
                                                       bool deviceCas);

} // namespace steward::server::services
