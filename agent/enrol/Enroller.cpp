// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "agent/enrol/Enroller.h"

#include "agent/app/Logging.h"
#include "common/core/Version.h"
#include "common/crypto/Certificate.h"
#include "common/crypto/CertificateRequest.h"
#include "common/crypto/ChainVerifier.h"
#include "common/crypto/PrivateKey.h"
#include "common/protocol/JsonReader.h"
#include "common/protocol/StrictJson.h"
#include "common/tls/Fingerprint.h"
#include "common/tls/TlsConfig.h"

#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkInterface>
#include <QNetworkReply>
#include <QSslSocket>
#include <QTimer>

namespace steward::agent {
namespace {

QString hexFingerprint(const QSslCertificate& certificate)
{
    return normalisedFingerprint(tls::sha256Fingerprint(certificate));
}

// Verifies that the leaf chains to its self-signed root and returns that root.
Result<QSslCertificate> issuingRoot(const QList<QSslCertificate>& chain, const QUrl& server)
{
    if (chain.isEmpty() || !chain.last().isSelfSigned()) {
        return makeError(ErrorCode::UntrustedCertificate,
                         QStringLiteral("%1 did not send the root of its certificate chain")
                             .arg(server.authority()));
    }
    QList<crypto::Certificate> converted;
    for (const auto& certificate : chain) {
        auto one = crypto::Certificate::fromQSslCertificate(certificate);
        if (!one) {
            return one.error();
        }
        converted.append(*one);
    }
    crypto::ChainVerifyOptions options;
    options.purpose = crypto::CertificatePurpose::TlsServer;
    if (auto verified = crypto::verifyChain(
            converted.first(), converted.mid(1, converted.size() - 2), {converted.last()}, options);
        !verified) {
        return verified.error();
    }
    return chain.last();
}

struct EnrollReply {
    qint64 deviceId = 0;
    QString name;
    QSslCertificate certificate;
    QSslCertificate deviceCa;
    QSslCertificate deviceCommunication;
};

Result<EnrollReply> parseReply(const QByteArray& body)
{
    auto json = protocol::parseStrictJsonObject(body);
    if (!json) {
        return json.error();
    }
    protocol::JsonReader reader(*json);
    EnrollReply reply;
    reply.deviceId = reader.requireInt(u"deviceId", 1, std::numeric_limits<qint64>::max());
    reply.name = reader.requireString(u"name", protocol::JsonReader::Text::NonEmpty);
    const QString certificate = reader.requireString(u"certificate");
    const QStringList cas = reader.requireStringList(u"caCertificates");
    const QString tckey = reader.requireString(u"deviceCommunicationCertificate");
    if (!reader.ok()) {
        return *reader.error();
    }
    reply.certificate = QSslCertificate(certificate.toLatin1());
    reply.deviceCa = cas.isEmpty() ? QSslCertificate() : QSslCertificate(cas.first().toLatin1());
    reply.deviceCommunication = QSslCertificate(tckey.toLatin1());
    if (reply.certificate.isNull() || reply.deviceCa.isNull()
        || reply.deviceCommunication.isNull()) {
        return makeError(ErrorCode::InvalidCertificate,
                         QStringLiteral("the server's enrolment answer holds an unreadable "
                                        "certificate"));
    }
    return reply;
}

Result<QByteArray> postEnrollment(const QUrl& server, const ServerCertificates& seen,
                                  const QByteArray& body, std::chrono::milliseconds timeout)
{
    QNetworkAccessManager network;
    QUrl url = server;
    url.setPath(QStringLiteral("/api/v1/enroll"));
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));
    request.setSslConfiguration(tls::clientConfiguration({seen.root}));
    request.setTransferTimeout(int(timeout.count()));
    std::unique_ptr<QNetworkReply> reply(network.post(request, body));
    bool otherPeer = false;
    QObject::connect(reply.get(), &QNetworkReply::encrypted, reply.get(), [&] {
        // The same root could have issued another certificate; insist on the one checked.
        if (!tls::isSameCertificate(reply->sslConfiguration().peerCertificate(), seen.web)) {
            otherPeer = true;
            reply->abort();
        }
    });
    QEventLoop loop;
    QObject::connect(reply.get(), &QNetworkReply::finished, &loop, &QEventLoop::quit);
    loop.exec();
    if (otherPeer) {
        return makeError(ErrorCode::PeerCertificateMismatch,
                         QStringLiteral("%1 presented another certificate than the one checked "
                                        "a moment ago")
                             .arg(server.authority()));
    }
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QByteArray answer = reply->readAll();
    if (status == 0) {
        return makeError(ErrorCode::ConnectionFailed,
                         QStringLiteral("enrolment at %1 failed: %2")
                             .arg(server.authority(), reply->errorString()));
    }
    if (status != 201) {
        const auto error = QJsonDocument::fromJson(answer).object().value(QStringLiteral("error"));
        const QString code = error[QStringLiteral("code")].toString();
        return makeError(errorCodeFromName(code.toStdString()).value_or(ErrorCode::Internal),
                         QStringLiteral("the server refused the enrolment (HTTP %1 %2): %3")
                             .arg(status)
                             .arg(code, error[QStringLiteral("message")].toString()));
    }
    return answer;
}

} // namespace

QString normalisedFingerprint(const QString& text)
{
    QString hex = text.trimmed().toUpper();
    hex.remove(QLatin1Char(':'));
    return hex;
}

Result<ServerCertificates> fetchServerCertificates(const QUrl& server,
                                                   std::chrono::milliseconds timeout)
{
    if (server.scheme() != QLatin1String("https") || server.host().isEmpty()) {
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("--server must be https://HOST:PORT, not \"%1\"")
                             .arg(server.toString()));
    }
    QSslSocket socket;
    socket.setSslConfiguration(tls::clientConfiguration({}));
    QList<QSslCertificate> chain;
    QEventLoop loop;
    const auto capture = [&] {
        if (chain.isEmpty()) {
            chain = socket.peerCertificateChain();
        }
        socket.abort(); // only the certificates were wanted
        loop.quit();
    };
    // Not ignored: an unverified handshake is ended here, before any data is sent.
    QObject::connect(&socket, &QSslSocket::sslErrors, &loop, capture);
    QObject::connect(&socket, &QSslSocket::encrypted, &loop, capture);
    QObject::connect(&socket, &QAbstractSocket::errorOccurred, &loop, [&] { loop.quit(); });
    QTimer::singleShot(timeout, &loop, &QEventLoop::quit);
    socket.connectToHostEncrypted(server.host(), quint16(server.port(8443)));
    loop.exec();
    if (chain.isEmpty()) {
        return makeError(ErrorCode::ConnectionFailed,
                         QStringLiteral("no TLS certificate from %1: %2")
                             .arg(server.authority(), socket.errorString()));
    }
    auto root = issuingRoot(chain, server);
    if (!root) {
        return root.error();
    }
    return ServerCertificates{chain.first(), chain, *root};
}

Result<AgentState> enroll(const StateDirectory& state, const EnrollOptions& options)
{
    if (state.isEnrolled()) {
        return makeError(ErrorCode::AlreadyExists,
                         QStringLiteral("%1 is already enrolled; run steward-agent release "
                                        "first to forget that binding")
                             .arg(state.path()));
    }
    if (auto prepared = state.prepare(); !prepared) {
        return prepared.error();
    }
    auto seen = fetchServerCertificates(options.server, options.timeout);
    if (!seen) {
        return seen.error();
    }
    const QString fingerprint = tls::sha256Fingerprint(seen->web);
    if (options.show) {
        options.show(fingerprint);
    }
    if (!options.expectedFingerprint.isEmpty()) {
        if (normalisedFingerprint(options.expectedFingerprint) != hexFingerprint(seen->web)) {
            return makeError(ErrorCode::PeerCertificateMismatch,
                             QStringLiteral("the server's certificate has SHA-256 fingerprint %1, "
                                            "not the expected %2; nothing was sent")
                                 .arg(fingerprint, options.expectedFingerprint));
        }
    } else if (!options.confirm || !options.confirm(fingerprint)) {
        return makeError(ErrorCode::UntrustedCertificate,
                         QStringLiteral("the server's fingerprint %1 was not confirmed; pass "
                                        "--fingerprint (or --accept-fingerprint after checking "
                                        "it with the administrator)")
                             .arg(fingerprint));
    }
    auto key = crypto::PrivateKey::generate(crypto::KeySpec::ecP256());
    if (!key) {
        return key.error();
    }
    auto csr = crypto::CertificateRequest::create(*key, options.hostname);
    if (!csr) {
        return csr.error();
    }
    QJsonObject body{{QStringLiteral("token"), QString::fromLatin1(options.token)},
                     {QStringLiteral("csr"), QString::fromLatin1(csr->toPem())},
                     {QStringLiteral("hostname"), options.hostname},
                     {QStringLiteral("unitId"), options.unitId},
                     {QStringLiteral("agentVersion"), QLatin1String(ProductVersion)}};
    if (options.certificateSupport) {
        body.insert(QStringLiteral("certificateSupport"), options.certificateSupport->toJson());
    }
    auto answer = postEnrollment(
        options.server, *seen, QJsonDocument(body).toJson(QJsonDocument::Compact), options.timeout);
    if (!answer) {
        return answer.error();
    }
    auto reply = parseReply(*answer);
    if (!reply) {
        return reply.error();
    }
    if (auto written = key->writeFile(state.filePath(QStringLiteral("client.key"))); !written) {
        return written.error();
    }
    AgentState enrolled;
    enrolled.server = options.server;
    enrolled.deviceId = reply->deviceId;
    enrolled.name = reply->name;
    enrolled.serverWeb = seen->web;
    enrolled.serverCa = seen->root;
    enrolled.deviceCa = reply->deviceCa;
    enrolled.deviceCommunication = reply->deviceCommunication;
    enrolled.client = {reply->certificate, {}, key->toQSslKey()};
    if (auto saved = state.save(enrolled); !saved) {
        return saved.error();
    }
    qCInfo(lcAgentEnrol).noquote() << QStringLiteral("enrolled device=%1 name=%2 server=%3")
                                          .arg(enrolled.deviceId)
                                          .arg(enrolled.name, options.server.authority());
    return enrolled;
}

QString primaryMacAddress()
{
    for (const auto& interface : QNetworkInterface::allInterfaces()) {
        const auto flags = interface.flags();
        if (flags.testFlag(QNetworkInterface::IsLoopBack)
            || !flags.testFlag(QNetworkInterface::IsUp)) {
            continue;
        }
        const QString mac = interface.hardwareAddress();
        if (mac.size() == 17 && mac != QLatin1String("00:00:00:00:00:00")) {
            return mac.toUpper();
        }
    }
    return {};
}

} // namespace steward::agent
