// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/tls/NativeTls.h"

#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>

#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

namespace steward::tls {

namespace {

// Sessions read many records per recv(): one 16 KiB record plus headroom per buffer fill.
constexpr long ReadBufferBytes = 64 * 1024;

int pinIndex()
{
    static const int index = SSL_get_ex_new_index(0, nullptr, nullptr, nullptr, nullptr);
    return index;
}

// Replaces chain verification: the leaf must be the pinned certificate, byte for byte.
int verifyPinned(X509_STORE_CTX* store, void* argument)
{
    const auto* pinned = static_cast<const QByteArray*>(argument);
    X509* leaf = X509_STORE_CTX_get0_cert(store);
    unsigned char* der = nullptr;
    const int length = leaf ? i2d_X509(leaf, &der) : -1;
    const bool same =
        length > 0 && QByteArray::fromRawData(reinterpret_cast<char*>(der), length) == *pinned;
    OPENSSL_free(der);
    if (!same) {
        auto* ssl = static_cast<SSL*>(
            X509_STORE_CTX_get_ex_data(store, SSL_get_ex_data_X509_STORE_CTX_idx()));
        if (ssl) {
            SSL_set_ex_data(ssl, pinIndex(), reinterpret_cast<void*>(1));
        }
        X509_STORE_CTX_set_error(store, X509_V_ERR_CERT_REJECTED);
        return 0;
    }
    return 1;
}

// The socket BIO writes with write(), which raises SIGPIPE on a connection the peer reset and
// would end the whole process. Same BIO, but send(MSG_NOSIGNAL): the error comes back as EPIPE.
int sendWithoutSignal(BIO* bio, const char* data, int size)
{
    int fd = -1;
    BIO_get_fd(bio, &fd);
    const ssize_t count = ::send(fd, data, size_t(size), MSG_NOSIGNAL);
    BIO_clear_retry_flags(bio);
    if (count <= 0 && BIO_sock_should_retry(int(count))) {
        BIO_set_retry_write(bio);
    }
    return int(count);
}

const BIO_METHOD* socketMethod()
{
    static BIO_METHOD* const method = [] {
        const BIO_METHOD* base = BIO_s_socket();
        BIO_METHOD* made = BIO_meth_new(BIO_TYPE_SOCKET, "socket without SIGPIPE");
        BIO_meth_set_write(made, sendWithoutSignal);
        BIO_meth_set_read(made, BIO_meth_get_read(base));
        BIO_meth_set_ctrl(made, BIO_meth_get_ctrl(base));
        BIO_meth_set_create(made, BIO_meth_get_create(base));
        BIO_meth_set_destroy(made, BIO_meth_get_destroy(base));
        return made;
    }();
    return method;
}

SSL_CTX* baseContext(bool server)
{
    SSL_CTX* ctx = SSL_CTX_new(server ? TLS_server_method() : TLS_client_method());
    if (!ctx) {
        return nullptr;
    }
    SSL_CTX_set_min_proto_version(ctx, TLS1_3_VERSION);
    // Partial writes let a pump send what fits; the buffer may move between retries.
    SSL_CTX_set_mode(ctx, SSL_MODE_ENABLE_PARTIAL_WRITE | SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER);
    SSL_CTX_set_read_ahead(ctx, 1);
    SSL_CTX_set_default_read_buffer_len(ctx, ReadBufferBytes);
    SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_OFF);
    // Both ends are ours: AES-128-GCM first (a third fewer AES rounds than AES-256 for the
    // same AEAD construction), the server choosing by its own order.
    SSL_CTX_set_ciphersuites(ctx, "TLS_AES_128_GCM_SHA256:TLS_AES_256_GCM_SHA384:"
                                  "TLS_CHACHA20_POLY1305_SHA256");
    SSL_CTX_set_options(ctx, SSL_OP_CIPHER_SERVER_PREFERENCE);
    if (server) {
        SSL_CTX_set_num_tickets(ctx, 0);
    }
    return ctx;
}

} // namespace

NativeContext::~NativeContext()
{
    SSL_CTX_free(m_ctx);
}

Result<std::shared_ptr<NativeContext>> NativeContext::server(const TlsIdentity& identity)
{
    if (identity.isNull()) {
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("the TLS server has no certificate or key"));
    }
    SSL_CTX* ctx = baseContext(true);
    if (!ctx) {
        return makeError(ErrorCode::TlsHandshakeFailed,
                         takeOpenSslErrors(QStringLiteral("cannot create a TLS context")));
    }
    std::shared_ptr<NativeContext> context(new NativeContext(ctx, true));
    const QByteArray certPem = identity.certificate.toPem();
    const QByteArray keyPem = identity.privateKey.toPem();
    BIO* certBio = BIO_new_mem_buf(certPem.constData(), int(certPem.size()));
    X509* cert = PEM_read_bio_X509(certBio, nullptr, nullptr, nullptr);
    BIO_free(certBio);
    BIO* keyBio = BIO_new_mem_buf(keyPem.constData(), int(keyPem.size()));
    EVP_PKEY* key = PEM_read_bio_PrivateKey(keyBio, nullptr, nullptr, nullptr);
    BIO_free(keyBio);
    bool ok = cert && key && SSL_CTX_use_certificate(ctx, cert) == 1
              && SSL_CTX_use_PrivateKey(ctx, key) == 1 && SSL_CTX_check_private_key(ctx) == 1;
    X509_free(cert);
    EVP_PKEY_free(key);
    for (const QSslCertificate& intermediate : identity.intermediates) {
        const QByteArray pem = intermediate.toPem();
        BIO* bio = BIO_new_mem_buf(pem.constData(), int(pem.size()));
        X509* extra = PEM_read_bio_X509(bio, nullptr, nullptr, nullptr);
        BIO_free(bio);
        // SSL_CTX_add_extra_chain_cert takes ownership on success.
        if (!extra || SSL_CTX_add_extra_chain_cert(ctx, extra) != 1) {
            X509_free(extra);
            ok = false;
        }
    }
    if (!ok) {
        return makeError(ErrorCode::InvalidCertificate,
                         takeOpenSslErrors(QStringLiteral("the TLS certificate or key is not "
                                                          "usable")));
    }
    return context;
}

Result<std::shared_ptr<NativeContext>> NativeContext::pinnedClient(const QSslCertificate& pinned)
{
    if (pinned.isNull()) {
        return makeError(ErrorCode::InvalidCertificate,
                         QStringLiteral("there is no certificate to pin"));
    }
    SSL_CTX* ctx = baseContext(false);
    if (!ctx) {
        return makeError(ErrorCode::TlsHandshakeFailed,
                         takeOpenSslErrors(QStringLiteral("cannot create a TLS context")));
    }
    std::shared_ptr<NativeContext> context(new NativeContext(ctx, false));
    context->m_pinnedDer = pinned.toDer();
    SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER, nullptr);
    SSL_CTX_set_cert_verify_callback(ctx, verifyPinned, &context->m_pinnedDer);
    return context;
}

bool NativeContext::pinRejected(ssl_st* ssl)
{
    return ssl && SSL_get_ex_data(ssl, pinIndex()) != nullptr;
}

TlsSession::TlsSession(TlsSession&& other) noexcept
    : ssl(std::exchange(other.ssl, nullptr)), fd(std::exchange(other.fd, -1)),
      context(std::move(other.context)), unread(std::move(other.unread)),
      unsent(std::move(other.unsent))
{}

TlsSession& TlsSession::operator=(TlsSession&& other) noexcept
{
    if (this != &other) {
        TlsSession old(std::move(*this)); // frees what this held, at the end of the scope
        ssl = std::exchange(other.ssl, nullptr);
        fd = std::exchange(other.fd, -1);
        context = std::move(other.context);
        unread = std::move(other.unread);
        unsent = std::move(other.unsent);
    }
    return *this;
}

TlsSession::~TlsSession()
{
    if (ssl) {
        SSL_free(ssl);
    }
    if (fd >= 0) {
        ::close(fd);
    }
}

QString takeOpenSslErrors(const QString& fallback)
{
    QStringList parts;
    while (const unsigned long code = ERR_get_error()) {
        char text[256];
        ERR_error_string_n(code, text, sizeof text);
        parts << QString::fromLatin1(text);
    }
    if (parts.isEmpty()) {
        return fallback;
    }
    return fallback.isEmpty() ? parts.join(QStringLiteral("; "))
                              : QStringLiteral("%1: %2").arg(fallback, parts.join(u"; "));
}

QString describeSession(ssl_st* ssl)
{
    if (!ssl) {
        return {};
    }
    return QStringLiteral("%1 %2").arg(QString::fromLatin1(SSL_get_version(ssl)),
                                       QString::fromLatin1(SSL_get_cipher_name(ssl)));
}

bool attachSocket(ssl_st* ssl, int fd)
{
    BIO* bio = BIO_new(socketMethod());
    if (!bio) {
        return false;
    }
    BIO_set_fd(bio, fd, BIO_NOCLOSE);
    SSL_set_bio(ssl, bio, bio); // one reference for both directions, owned by ssl
    return true;
}

int takeDescriptor(qintptr fd)
{
    return fd < 0 ? -1 : ::fcntl(int(fd), F_DUPFD_CLOEXEC, 0);
}

void prepareSocket(int fd)
{
    const int flags = ::fcntl(fd, F_GETFL, 0);
    ::fcntl(fd, F_SETFL, flags | O_NONBLOCK);
    const int one = 1;
    ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
}

} // namespace steward::tls
