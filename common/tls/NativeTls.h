// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// NativeTls - OpenSSL contexts and sessions for the shadow data path (TlsStream, TlsPipe).
#pragma once

#include "common/core/Result.h"
#include "common/tls/TlsFiles.h"

#include <QByteArray>
#include <QSslCertificate>
#include <QString>

#include <memory>

struct ssl_st;
struct ssl_ctx_st;

namespace steward::tls {

/**
 * An OpenSSL SSL_CTX for one end of the shadow hop: TLS 1.3 only, TLS_AES_128_GCM_SHA256
 * preferred (then OpenSSL's other defaults, AES-256-GCM and ChaCha20-Poly1305), no session
 * tickets, read-ahead on. Shared by the sessions made from it.
 */
class NativeContext {
public:
    /** Presents identity (certificate, intermediates, key); asks for no client certificate. */
    [[nodiscard]] static Result<std::shared_ptr<NativeContext>> server(const TlsIdentity& identity);
    /**
     * Accepts exactly one peer certificate, compared by DER encoding during the handshake:
     * any other certificate fails the handshake before a byte of application data is sent.
     */
    [[nodiscard]] static Result<std::shared_ptr<NativeContext>>
    pinnedClient(const QSslCertificate& pinned);

    ~NativeContext();
    NativeContext(const NativeContext&) = delete;
    NativeContext& operator=(const NativeContext&) = delete;

    [[nodiscard]] ssl_ctx_st* handle() const { return m_ctx; }
    [[nodiscard]] bool isServer() const { return m_server; }
    /** Whether a handshake made from this context met a certificate other than the pinned. */
    [[nodiscard]] static bool pinRejected(ssl_st* ssl);

private:
    NativeContext(ssl_ctx_st* ctx, bool server) : m_ctx(ctx), m_server(server) {}
    ssl_ctx_st* m_ctx;
    bool m_server;
    QByteArray m_pinnedDer;
};

/**
 * An established TLS session handed from a TlsStream to a TlsPipe: the SSL object, its
 * non-blocking TCP descriptor, the plaintext read but not consumed yet and the plaintext
 * written but not sent yet. Move-only; frees the session and closes the descriptor unless moved.
 */
struct TlsSession {
    TlsSession() = default;
    TlsSession(TlsSession&& other) noexcept;
    TlsSession& operator=(TlsSession&& other) noexcept;
    TlsSession(const TlsSession&) = delete;
    TlsSession& operator=(const TlsSession&) = delete;
    ~TlsSession();

    ssl_st* ssl = nullptr;
    int fd = -1;
    std::shared_ptr<NativeContext> context; // keeps the SSL_CTX alive as long as ssl
    QByteArray unread;
    QByteArray unsent;
};

/** OpenSSL's queued error text (drained), or \a fallback when the queue is empty. */
[[nodiscard]] QString takeOpenSslErrors(const QString& fallback = {});
/** "TLSv1.3 TLS_AES_256_GCM_SHA384" for an established session. */
[[nodiscard]] QString describeSession(ssl_st* ssl);
/**
 * Reads and writes \a ssl's records on \a fd (not closed with ssl) through a socket BIO that
 * sends with MSG_NOSIGNAL: a peer's reset is an error, never a SIGPIPE for the process.
 */
[[nodiscard]] bool attachSocket(ssl_st* ssl, int fd);
/** Non-blocking mode and TCP_NODELAY on a connected TCP descriptor. */
void prepareSocket(int fd);
/**
 * A close-on-exec duplicate of a Qt socket's descriptor (-1 with errno on failure), so the
 * connection outlives the Qt socket's abort() and never leaks into a child process.
 */
[[nodiscard]] int takeDescriptor(qintptr fd);

} // namespace steward::tls
