// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// ServerIdentity - the server's PKI: root CA, device CA, device-communication and web certificates.
#pragma once

#include "common/core/Result.h"
#include "common/crypto/Certificate.h"
#include "common/crypto/PrivateKey.h"
#include "common/tls/TlsFiles.h"

#include <QHostAddress>
#include <QStringList>

#include <optional>

namespace steward::server::services {

/** The names a web certificate must carry, split into DNS names and addresses. */
struct WebNames {
    QStringList dnsNames;
    QList<QHostAddress> addresses;
};

/**
 * Lives in <data-dir>/pki. Made once on first start and kept: devices pin the
 * device-communication certificate and consoles pin the web certificate, so a restart, a
 * backup restore or a host rename must never replace them silently.
 *
 * Key choices (DESIGN "Identity and trust"): keys used in TLS handshakes (web, device CA)
 * are EC P-256; the device-communication certificate ("tckey") is RSA-4096 SHA512withRSA.
 */
class ServerIdentity {
public:
    /** Loads the PKI from \a pkiDir, creating whatever is missing. */
    [[nodiscard]] static Result<ServerIdentity> loadOrCreate(const QString& pkiDir,
                                                             const WebNames& webNames);

    /**
     * Names for the web certificate: localhost, 127.0.0.1, ::1, the host name and FQDN,
     * every non-loopback interface address (not what the host name resolves to, which is
     * often 127.0.1.1), the listen address when specific, and the configured public names.
     */
    [[nodiscard]] static WebNames defaultWebNames(const QStringList& publicNames,
                                                  const QHostAddress& listenAddress);

    /** The configured names that the current web certificate does not carry. */
    [[nodiscard]] QStringList missingFromWebCertificate(const QStringList& publicNames) const;

    [[nodiscard]] const crypto::Certificate& rootCa() const { return m_rootCa; }
    /** The root's key: signs the web certificates the store creates (WebCertificateStore). */
    [[nodiscard]] const crypto::PrivateKey& rootCaKey() const { return m_rootKey; }
    [[nodiscard]] const crypto::Certificate& deviceCa() const { return m_deviceCa; }
    [[nodiscard]] const crypto::PrivateKey& deviceCaKey() const { return m_deviceCaKey; }
    [[nodiscard]] const crypto::Certificate& deviceCommunication() const { return m_tcCert; }
    [[nodiscard]] const crypto::PrivateKey& deviceCommunicationKey() const { return m_tcKey; }
    /** The web certificate in use: web.crt at first, then the one the store assigns. */
    [[nodiscard]] const crypto::Certificate& webCertificate() const { return m_webCert; }
    /** The web certificate, its chain (by default the Steward root) and key, for the listener. */
    [[nodiscard]] tls::TlsIdentity webTlsIdentity() const;
    /**
     * Makes \a certificate (issued through \a chain, root last) with \a key the web certificate
     * in use; the files of web.crt/web.key stay as they are (WebCertificateStore persists it).
     */
    void useWebCertificate(const crypto::Certificate& certificate,
                           const QList<crypto::Certificate>& chain, const crypto::PrivateKey& key);
    [[nodiscard]] const QString& directory() const { return m_dir; }
    /**
     * Reads root-ca, device-ca and web again from the directory after a CA rollover step
     * (CertificateAuthorities.h): enrolment issues from the current device CA, the listener
     * presents the current web certificate.
     */
    [[nodiscard]] Result<void> reloadAuthorities();

private:
    QString m_dir;
    crypto::Certificate m_rootCa;
    crypto::PrivateKey m_rootKey;
    crypto::Certificate m_deviceCa;
    crypto::PrivateKey m_deviceCaKey;
    crypto::Certificate m_tcCert;
    crypto::PrivateKey m_tcKey;
    crypto::Certificate m_webCert;
    crypto::PrivateKey m_webKey;
    std::optional<QList<crypto::Certificate>> m_webChain; // unset: the Steward root
};

} // namespace steward::server::services
