// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// WebCertificateStore's changes to existing entries: renew, assign, delete; and what is shown.
#include "server/app/Logging.h"
#include "server/db/Transaction.h"
#include "server/services/AuditLog.h"
#include "server/services/ServerIdentity.h"
#include "server/services/WebCertificateStore.h"
#include "server/services/WebCertificateSupport.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>

namespace steward::server::services {
namespace {

constexpr qint64 Day = 24 * 3600;
constexpr int MaxValidityDays = 3650;
const QString InitialKeyFile = QStringLiteral("web.key"); // ServerIdentity's; never deleted

QString isoDate(const QDateTime& time)
{
    return time.toUTC().toString(Qt::ISODate);
}

QString describeAffected(const AffectedDevices& affected)
{
    QStringList names;
    for (const auto& device : affected.first) {
        names.append(QStringLiteral("\"%1\"").arg(device.second));
    }
    if (affected.count > qint64(affected.first.size())) {
        names.append(QStringLiteral("…"));
    }
    return names.join(QStringLiteral(", "));
}

} // namespace

Result<StoredWebCertificate> WebCertificateStore::renew(qint64 id, std::optional<int> validityDays,
                                                        const Requester& actor)
{
    QString oldKeyFile;
    bool wasInUse = false;
    const auto renewed = [&]() -> Result<StoredWebCertificate> {
        auto entry = get(id);
        if (!entry) {
            return entry.error();
        }
        if (entry->root() != m_identity.rootCa()) {
            return makeError(ErrorCode::Conflict,
                             QStringLiteral("\"%1\" was issued under \"%2\", not the Steward root; "
                                            "have that CA renew it and import the new chain")
                                 .arg(entry->row.alias, entry->root().subject()));
        }
        const qint64 days = validityDays.value_or(
            int(entry->certificate.notBefore().daysTo(entry->certificate.notAfter())));
        if (days < 1 || days > MaxValidityDays) {
            return makeError(ErrorCode::InvalidValue,
                             QStringLiteral("validityDays must be 1 to %1").arg(MaxValidityDays));
        }
        const WebNames names{entry->certificate.dnsNames(), entry->certificate.ipAddresses()};
        auto material = issueWebCertificate(m_identity, names, entry->row.keySpec, int(days));
        if (!material) {
            return material.error();
        }
        auto keyFile = writeKey(*material);
        if (!keyFile) {
            return keyFile.error();
        }
        db::WebCertificate row =
            webRowFor(entry->row.alias, entry->row.origin, material->leaf, material->chain);
        row.id = id;
        row.keyFile = *keyFile;
        if (auto replaced = m_repository.replace(row); !replaced) {
            QFile::remove(QDir(m_identity.directory()).filePath(*keyFile));
            return replaced.error();
        }
        oldKeyFile = entry->row.keyFile;
        wasInUse = entry->row.inUse;
        return get(id);
    }();
    m_audit.recordResult(
        actor.name, QStringLiteral("web-certificate.renew"), webObjectOf(id), actor.peer, renewed,
        renewed ? QStringLiteral("fingerprint=%1 notAfter=%2")
                      .arg(renewed->row.fingerprint, isoDate(renewed->certificate.notAfter()))
                : QString());
    if (!renewed) {
        return renewed;
    }
    if (oldKeyFile != InitialKeyFile) {
        QFile::remove(QDir(m_identity.directory()).filePath(oldKeyFile));
    }
    if (wasInUse) {
        if (auto presented = present(*renewed); !presented) {
            return presented.error();
        }
        if (m_inUseChanged) {
            m_inUseChanged();
        }
    }
    return renewed;
}

Result<AffectedDevices> WebCertificateStore::affectedDevices(qint64 id) const
{
    auto entry = get(id);
    if (!entry) {
        return entry.error();
    }
    if (!m_trust) {
        return AffectedDevices{};
    }
    return m_trust(entry->root());
}

Result<StoredWebCertificate> WebCertificateStore::assign(qint64 id, bool force,
                                                         const Requester& actor,
                                                         AffectedDevices* affectedOut)
{
    QString details = force ? QStringLiteral("force=true") : QString();
    const auto assigned = [&]() -> Result<StoredWebCertificate> {
        auto entry = get(id);
        if (!entry) {
            return entry.error();
        }
        auto affected = affectedDevices(id);
        if (!affected) {
            return affected.error();
        }
        if (affected->count > 0) {
            details += QStringLiteral(" untrustingDevices=%1").arg(affected->count);
            if (!force) {
                if (affectedOut != nullptr) {
                    *affectedOut = *affected;
                }
                return makeError(
                    ErrorCode::Conflict,
                    QStringLiteral("%1 enrolled device(s) do not trust \"%2\", the root of "
                                   "\"%3\", and would lose their channel: %4 (assign with "
                                   "force=true to do it anyway)")
                        .arg(affected->count)
                        .arg(entry->root().subject(), entry->row.alias,
                             describeAffected(*affected)));
            }
        }
        if (auto presented = present(*entry); !presented) {
            return presented.error();
        }
        if (auto marked = db::inTransaction<void>(
                m_database, [&]() -> Result<void> { return m_repository.setInUse(id); });
            !marked) {
            // Nothing half-applied: present the one still marked in use again.
            if (auto current = inUse()) {
                (void)present(*current);
            }
            return marked.error();
        }
        return get(id);
    }();
    m_audit.recordResult(actor.name, QStringLiteral("web-certificate.assign"), webObjectOf(id),
                         actor.peer, assigned, details.trimmed());
    if (assigned) {
        qCInfo(lcServerApp).noquote()
            << QStringLiteral("web certificate in use is now \"%1\" sha256=%2")
                   .arg(assigned->row.alias, assigned->row.fingerprint);
        if (m_inUseChanged) {
            m_inUseChanged();
        }
    }
    return assigned;
}

Result<void> WebCertificateStore::remove(qint64 id, const Requester& actor)
{
    QString keyFile;
    const auto removed = [&]() -> Result<void> {
        auto entry = get(id);
        if (!entry) {
            return entry.error();
        }
        if (entry->row.inUse) {
            return makeError(ErrorCode::Conflict,
                             QStringLiteral("\"%1\" is the web certificate in use; assign another "
                                            "one first")
                                 .arg(entry->row.alias));
        }
        keyFile = entry->row.keyFile;
        return m_repository.remove(id);
    }();
    m_audit.recordResult(actor.name, QStringLiteral("web-certificate.delete"), webObjectOf(id),
                         actor.peer, removed, {});
    if (removed && !keyFile.isEmpty() && keyFile != InitialKeyFile) {
        QFile::remove(QDir(m_identity.directory()).filePath(keyFile));
    }
    return removed;
}

QJsonObject webCertificateJson(const StoredWebCertificate& entry, bool details)
{
    const crypto::Certificate& certificate = entry.certificate;
    QJsonArray names;
    for (const QString& name : certificate.dnsNames()) {
        names.append(name);
    }
    for (const QHostAddress& address : certificate.ipAddresses()) {
        names.append(address.toString());
    }
    QJsonObject json{{QStringLiteral("id"), entry.row.id},
                     {QStringLiteral("alias"), entry.row.alias},
                     {QStringLiteral("inUse"), entry.row.inUse},
                     {QStringLiteral("origin"), entry.row.origin},
                     {QStringLiteral("subject"), certificate.subject()},
                     {QStringLiteral("subjectAlternativeNames"), names},
                     {QStringLiteral("issuer"), certificate.issuer()},
                     {QStringLiteral("root"), entry.root().subject()},
                     {QStringLiteral("notAfter"), isoDate(certificate.notAfter())},
                     {QStringLiteral("keySpec"), entry.row.keySpec},
                     {QStringLiteral("signatureAlgorithm"), entry.row.signatureAlgorithm},
                     {QStringLiteral("sha256"),
                      certificate.fingerprintText(crypto::FingerprintAlgorithm::Sha256)}};
    if (details) {
        json.insert(QStringLiteral("notBefore"), isoDate(certificate.notBefore()));
        json.insert(QStringLiteral("serialNumber"), certificate.serialNumber());
        json.insert(QStringLiteral("sha1"),
                    certificate.fingerprintText(crypto::FingerprintAlgorithm::Sha1));
        QJsonArray chain;
        for (const auto& issuer : entry.chain) {
            chain.append(issuer.subject());
        }
        json.insert(QStringLiteral("chain"), chain);
        json.insert(QStringLiteral("createdAt"), entry.row.createdAt);
        json.insert(QStringLiteral("createdBy"), entry.row.createdBy);
        json.insert(QStringLiteral("pem"), entry.row.certificatePem);
    }
    return json;
}

QJsonObject affectedDevicesJson(const AffectedDevices& affected)
{
    QJsonArray devices;
    for (const auto& [id, name] : affected.first) {
        devices.append(QJsonObject{{QStringLiteral("id"), id}, {QStringLiteral("name"), name}});
    }
    return QJsonObject{{QStringLiteral("count"), affected.count},
                       {QStringLiteral("devices"), devices}};
}

std::function<CheckResult()> webCertificateExpiryCheck(const WebCertificateStore& store,
                                                       int warningDays, Clock clock)
{
    // Each warning is also logged, at most once a day.
    return [&store, warningDays, clock = std::move(clock),
            lastWarned = std::optional<qint64>()]() mutable -> CheckResult {
        auto current = store.inUse();
        if (!current) {
            return {Health::Warn, current.error().message};
        }
        const qint64 now = clock();
        const QDateTime notAfter = current->certificate.notAfter();
        const qint64 left = notAfter.toSecsSinceEpoch() - now;
        if (left > qint64(warningDays) * Day) {
            return {Health::Ok, QStringLiteral("\"%1\" is valid until %2")
                                    .arg(current->row.alias, isoDate(notAfter))};
        }
        const QString text =
            left <= 0 ? QStringLiteral("the web certificate \"%1\" expired on %2")
                            .arg(current->row.alias, isoDate(notAfter))
                      : QStringLiteral("the web certificate \"%1\" expires on %2 (in %3 days); "
                                       "renew it or assign another one")
                            .arg(current->row.alias, isoDate(notAfter))
                            .arg(left / Day);
        if (!lastWarned || now - *lastWarned >= Day) {
            lastWarned = now;
            qCWarning(lcServerApp).noquote() << text;
        }
        return {Health::Warn, text};
    };
}

} // namespace steward::server::services
