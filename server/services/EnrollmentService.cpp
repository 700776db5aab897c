// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/services/EnrollmentService.h"

#include "common/crypto/CertificateIssuer.h"
#include "common/crypto/Random.h"
#include "server/db/Database.h"
#include "server/db/DeviceRepository.h"
#include "server/db/EnrollmentTokenRepository.h"
#include "server/db/FolderRepository.h"
#include "server/db/Transaction.h"
#include "server/services/AuditLog.h"
#include "server/services/CertificateStore.h"
#include "server/services/FolderTree.h"
#include "server/services/ServerIdentity.h"

#include <QCryptographicHash>
#include <QRegularExpression>

namespace steward::server::services {
namespace {

const QString Actor = QStringLiteral("enrollment");

bool isMac(const QString& text)
{
    static const QRegularExpression pattern(QStringLiteral("^[0-9A-Fa-f]{2}(:[0-9A-Fa-f]{2}){5}$"));
    return pattern.match(text).hasMatch();
}

bool isHostName(const QString& text)
{
    static const QRegularExpression pattern(QStringLiteral("^[A-Za-z0-9]([A-Za-z0-9.-]{0,252})$"));
    return pattern.match(text).hasMatch();
}

} // namespace

QByteArray enrollmentTokenHash(const QByteArray& token)
{
    return QCryptographicHash::hash(token, QCryptographicHash::Sha256);
}

Result<NewToken> createEnrollmentToken(db::EnrollmentTokenRepository& tokens,
                                       db::FolderRepository& folders, AuditLog& audit,
                                       std::chrono::seconds lifetime, const QString& folder,
                                       const QString& actor, const QString& peer, qint64 now)
{
    if (lifetime.count() < 1 || lifetime > MaxTokenLifetime) {
        return makeError(ErrorCode::InvalidValue,
                         QStringLiteral("a token lifetime of %1 s is outside 1 s … %2 s")
                             .arg(lifetime.count())
                             .arg(MaxTokenLifetime.count()));
    }
    db::EnrollmentToken record;
    if (!folder.isEmpty()) {
        auto all = folders.list();
        if (!all) {
            return all.error();
        }
        const FolderTree tree(std::move(*all));
        auto target = tree.resolve(folder);
        if (!target) {
            return makeError(target.error().code,
                             QStringLiteral("the token's folder: ") + target.error().message);
        }
        record.folderId = *target;
        record.folder = target->has_value() ? tree.path(*target) : QString();
    }
    auto random = crypto::randomBytes(32);
    if (!random) {
        return random.error();
    }
    NewToken created;
    created.token =
        random->toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
    created.expiresAt = now + lifetime.count();
    record.createdAt = now;
    record.expiresAt = created.expiresAt;
    record.createdBy = actor;
    auto id = tokens.insert(enrollmentTokenHash(created.token), record);
    if (!id) {
        return id.error();
    }
    created.id = *id;
    audit.record(actor, QStringLiteral("enrollment-token.create"),
                 QStringLiteral("enrollment-token:%1").arg(*id), peer, QStringLiteral("ok"),
                 QStringLiteral("expires_at=%1 folder=%2")
                     .arg(created.expiresAt)
                     .arg(record.folder.isEmpty() ? QStringLiteral("/") : record.folder));
    return created;
}

Result<std::chrono::seconds> parseLifetime(const QString& text)
{
    static const QRegularExpression pattern(QStringLiteral("^([0-9]{1,9})([smhd]?)$"));
    const auto match = pattern.match(text.trimmed());
    if (!match.hasMatch()) {
        return makeError(
            ErrorCode::InvalidArgument,
            QStringLiteral("\"%1\" is not a lifetime; use e.g. 90s, 30m, 1h or 2d").arg(text));
    }
    const qint64 amount = match.captured(1).toLongLong();
    const QString unit = match.captured(2);
    const qint64 factor = unit == QLatin1String("m")   ? 60
                          : unit == QLatin1String("h") ? 3600
                          : unit == QLatin1String("d") ? 86400
                                                       : 1;
    return std::chrono::seconds(amount * factor);
}

QString deviceNameFor(const QString& unitId, const QString& hostname, const DeviceNaming& naming)
{
    if (unitId.isEmpty() || naming.useHostname) {
        return hostname;
    }
    QString mac = unitId;
    return naming.prefix + mac.remove(QLatin1Char(':')).toUpper();
}

EnrollmentService::EnrollmentService(db::Database& database, db::EnrollmentTokenRepository& tokens,
                                     db::DeviceRepository& devices, const ServerIdentity& identity,
                                     AuditLog& audit, Clock clock)
    : m_database(database), m_tokens(tokens), m_devices(devices), m_identity(identity),
      m_audit(audit), m_clock(std::move(clock))
{}

void EnrollmentService::bindToken(qint64 tokenId, const QString& unitId)
{
    m_boundTokens[tokenId] = unitId.toUpper();
}

Result<Enrollment> EnrollmentService::enroll(const EnrollmentRequest& request)
{
    // The audit entry is written after the transaction ended, so a refusal's entry is kept
    // even though the transaction rolled back.
    auto enrolled = enrollInTransaction(request);
    const QString details =
        QStringLiteral("host=%1 unit=%2 agent=%3%4")
            .arg(request.hostname, request.unitId, request.agentVersion,
                 request.token.isEmpty() ? QStringLiteral(" auto-registration") : QString());
    if (!enrolled) {
        m_audit.record(Actor, QStringLiteral("enroll"), QStringLiteral("device"), request.peer,
                       QStringLiteral("denied"),
                       details + QStringLiteral(" reason=") + enrolled.error().message);
        return enrolled;
    }
    m_audit.record(Actor, QStringLiteral("enroll"),
                   QStringLiteral("device:%1").arg(enrolled->device.id), request.peer,
                   QStringLiteral("ok"), details + QLatin1Char(' ') + enrolled->placement);
    return enrolled;
}

Result<Enrollment> EnrollmentService::enrollInTransaction(const EnrollmentRequest& request)
{
    if (!request.unitId.isEmpty() && !isMac(request.unitId)) {
        return makeError(ErrorCode::InvalidValue,
                         QStringLiteral("unitId \"%1\" is not a MAC address like "
                                        "00:11:22:33:44:55")
                             .arg(request.unitId.left(40)));
    }
    if (!isHostName(request.hostname)) {
        return makeError(
            ErrorCode::InvalidValue,
            QStringLiteral("hostname \"%1\" is not a host name").arg(request.hostname.left(60)));
    }
    auto csr = crypto::CertificateRequest::fromPem(request.csrPem);
    if (!csr) {
        return makeError(csr.error().code, QStringLiteral("the certificate request is not usable: ")
                                               + csr.error().message);
    }
    db::Transaction transaction(m_database);
    if (!transaction.started()) {
        return transaction.started().error();
    }
    const qint64 now = m_clock();
    auto checked = checkToken(request, now);
    if (!checked) {
        return checked.error();
    }
    std::optional<StoredCertificate> pinned;
    if (m_certificates) {
        auto chosen = m_certificates->chooseFor(request.certificateSupport);
        if (!chosen) {
            return chosen.error();
        }
        pinned = std::move(*chosen);
    }
    crypto::CertificateOptions options;
    options.commonName = deviceNameFor(request.unitId, request.hostname, m_naming);
    options.clientAuth = true;
    options.validity = DeviceCertificateValidity;
    auto certificate =
        crypto::issueCertificate(*csr, m_identity.deviceCa(), m_identity.deviceCaKey(), options);
    if (!certificate) {
        return certificate.error();
    }
    db::Device device;
    device.name = options.commonName;
    device.unitId = request.unitId.toUpper();
    device.hostname = request.hostname;
    device.certFingerprint =
        QString::fromLatin1(certificate->fingerprint(crypto::FingerprintAlgorithm::Sha256).toHex());
    device.certPem = QString::fromLatin1(certificate->toPem());
    device.enrolledAt = now;
    QString placement = QStringLiteral("folder=root");
    if (checked->has_value()) { // auto-registration spends no token and goes to the root
        const auto& found = **checked;
        // The folder is held by id, so a rename or move since the token was made does not
        // matter; a folder deleted since has cleared the id, and the device goes to the root.
        device.folderId = found.folderId;
        if (found.folderId) {
            placement = QStringLiteral("folder=%1").arg(*found.folderId);
        } else if (!found.folder.isEmpty()) {
            placement += QStringLiteral(" (the token's folder %1 was deleted)").arg(found.folder);
        }
        if (auto spent = m_tokens.markUsed(found.id, now); !spent) {
            return spent.error();
        }
        m_boundTokens.erase(found.id);
    }
    if (m_placement) {
        auto placed = m_placement(device.hostname, request.peer, device.folderId.has_value());
        if (!placed) {
            return placed.error();
        }
        if (*placed) {
            device.folderId = (*placed)->first;
            placement =
                QStringLiteral("folder=%1 (rule %2)").arg((*placed)->first).arg((*placed)->second);
        }
    }
    auto id = m_devices.insert(device);
    if (!id) {
        return id.error();
    }
    device.id = *id;
    if (pinned) {
        if (auto recorded =
                m_certificates->recordDevice(device.id, pinned->row.id, request.certificateSupport);
            !recorded) {
            return recorded.error();
        }
        placement += QStringLiteral(" certificate=%1").arg(pinned->row.alias);
    }
    if (auto committed = transaction.commit(); !committed) {
        return committed.error();
    }
    const crypto::Certificate& communication =
        pinned ? pinned->certificate : m_identity.deviceCommunication();
    return Enrollment{device, certificate->toPem(), communication.toPem(), placement};
}

Result<std::optional<db::EnrollmentToken>>
EnrollmentService::checkToken(const EnrollmentRequest& request, qint64 now)
{
    if (request.token.isEmpty()) {
        if (!m_autoRegistration) {
            return makeError(ErrorCode::Unauthenticated,
                             QStringLiteral("this server does not accept auto-registration "
                                            "(discovery/autoRegister is off); enrol with a token"));
        }
        return std::optional<db::EnrollmentToken>();
    }
    auto token = m_tokens.findByHash(enrollmentTokenHash(request.token));
    if (!token) {
        return token.error();
    }
    if (!token->has_value()) {
        return makeError(ErrorCode::Unauthenticated,
                         QStringLiteral("the enrolment token is not known to this server"));
    }
    const auto& found = **token;
    if (found.usedAt) {
        return makeError(ErrorCode::Unauthenticated,
                         QStringLiteral("enrolment token %1 was already used").arg(found.id));
    }
    if (found.expiresAt <= now) {
        return makeError(ErrorCode::Unauthenticated,
                         QStringLiteral("enrolment token %1 expired %2 s ago")
                             .arg(found.id)
                             .arg(now - found.expiresAt));
    }
    const auto bound = m_boundTokens.find(found.id);
    if (bound != m_boundTokens.end() && bound->second != request.unitId.toUpper()) {
        return makeError(ErrorCode::Unauthenticated,
                         QStringLiteral("enrolment token %1 was offered to unit %2, not to %3")
                             .arg(found.id)
                             .arg(bound->second, request.unitId));
    }
    return *token;
}

} // namespace steward::server::services
