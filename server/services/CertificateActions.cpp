// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// CertificateStore's changes to existing entries: export, delete, order, (de)activate.
#include "server/services/CertificateStore.h"

#include "common/crypto/Pkcs12.h"
#include "server/app/Logging.h"
#include "server/db/Transaction.h"
#include "server/services/AuditLog.h"
#include "server/services/ServerIdentity.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>

#include <algorithm>

namespace steward::server::services {
namespace {

QString objectOf(qint64 id)
{
    return QStringLiteral("certificate:%1").arg(id);
}

int activeCount(const std::vector<StoredCertificate>& entries)
{
    return int(std::count_if(entries.begin(), entries.end(),
                             [](const StoredCertificate& e) { return e.row.active; }));
}

QString defaultAlias(const Result<std::vector<StoredCertificate>>& entries)
{
    if (entries) {
        for (const auto& entry : *entries) {
            if (entry.isDefault) {
                return entry.row.alias;
            }
        }
    }
    return {};
}

using Entries = std::vector<StoredCertificate>;

/** The entry with \a id in the list, or why there is none (NotFound, or the list's error). */
Result<Entries::iterator> entryOf(Result<Entries>& entries, qint64 id)
{
    if (!entries) {
        return entries.error();
    }
    const auto it = std::find_if(entries->begin(), entries->end(),
                                 [id](const StoredCertificate& e) { return e.row.id == id; });
    if (it == entries->end()) {
        return makeError(ErrorCode::NotFound, QStringLiteral("no certificate %1").arg(id));
    }
    return it;
}

QString isoDate(const QDateTime& time)
{
    return time.toUTC().toString(Qt::ISODate);
}

} // namespace

Result<QByteArray> CertificateStore::exportKeyPair(qint64 id, const QString& password,
                                                   const Requester& actor)
{
    const auto exported = [&]() -> Result<QByteArray> {
        if (password.isEmpty()) {
            return makeError(ErrorCode::InvalidArgument,
                             QStringLiteral("a key-pair export needs a non-empty password"));
        }
        auto entry = get(id);
        if (!entry) {
            return entry.error();
        }
        if (entry->row.keyFile.isEmpty()) {
            return makeError(ErrorCode::Conflict,
                             QStringLiteral("the private key of \"%1\" is not known; only the "
                                            "certificate can be exported")
                                 .arg(entry->row.alias));
        }
        auto key = privateKey(id);
        if (!key) {
            return key.error();
        }
        return crypto::exportPkcs12(entry->certificate, *key, {}, password, entry->row.alias);
    }();
    m_audit.recordResult(actor.name, QStringLiteral("certificate.export-key-pair"), objectOf(id),
                         actor.peer, exported, {});
    return exported;
}

Result<void> CertificateStore::remove(qint64 id, bool force, const Requester& actor)
{
    auto entries = list();
    QString keyFile;
    const auto removed = [&]() -> Result<void> {
        auto found = entryOf(entries, id);
        if (!found) {
            return found.error();
        }
        const auto it = *found;
        if (it->row.active && activeCount(*entries) == 1) {
            return makeError(ErrorCode::Conflict,
                             QStringLiteral("\"%1\" is the last active certificate and cannot be "
                                            "deleted")
                                 .arg(it->row.alias));
        }
        if (it->deviceCount > 0 && !force) {
            return makeError(ErrorCode::Conflict,
                             QStringLiteral("%1 device(s) use \"%2\"; deleting it cuts them off "
                                            "(delete with force=true to do it anyway)")
                                 .arg(it->deviceCount)
                                 .arg(it->row.alias));
        }
        keyFile = it->row.keyFile;
        return m_repository.remove(id);
    }();
    m_audit.recordResult(actor.name, QStringLiteral("certificate.delete"), objectOf(id), actor.peer,
                         removed, force ? QStringLiteral("force=true") : QString());
    if (removed) {
        m_keys.remove(id);
        // tckey.key belongs to ServerIdentity, which loads it at every start.
        if (!keyFile.isEmpty() && keyFile != QLatin1String("tckey.key")) {
            QFile::remove(QDir(m_identity.directory()).filePath(keyFile));
        }
        logDefaultChange(defaultAlias(entries));
    }
    return removed;
}

Result<StoredCertificate> CertificateStore::move(qint64 id, bool up, const Requester& actor)
{
    auto before = list();
    const auto moved = [&]() -> Result<void> {
        auto found = entryOf(before, id);
        if (!found) {
            return found.error();
        }
        const auto it = *found;
        if (up ? it == before->begin() : it + 1 == before->end()) {
            return makeError(
                ErrorCode::Conflict,
                QStringLiteral("\"%1\" is already at the %2 of the list")
                    .arg(it->row.alias, up ? QStringLiteral("top") : QStringLiteral("bottom")));
        }
        const auto other = up ? it - 1 : it + 1;
        // Rewrite both positions from their list places, so equal positions cannot stick.
        const qint64 here = qint64(it - before->begin()) + 1;
        const qint64 there = qint64(other - before->begin()) + 1;
        return db::inTransaction<void>(m_database, [&]() -> Result<void> {
            for (qint64 place = 0; place < qint64(before->size()); ++place) {
                const qint64 rowId = (*before)[size_t(place)].row.id;
                const qint64 position = rowId == id              ? there
                                        : rowId == other->row.id ? here
                                                                 : place + 1;
                if (auto set = m_repository.setPosition(rowId, position); !set) {
                    return set;
                }
            }
            return {};
        });
    }();
    m_audit.recordResult(actor.name, QStringLiteral("certificate.move"), objectOf(id), actor.peer,
                         moved,
                         up ? QStringLiteral("direction=up") : QStringLiteral("direction=down"));
    if (!moved) {
        return moved.error();
    }
    logDefaultChange(defaultAlias(before));
    return get(id);
}

Result<StoredCertificate> CertificateStore::setActive(qint64 id, bool active,
                                                      const Requester& actor)
{
    auto before = list();
    const auto changed = [&]() -> Result<void> {
        auto found = entryOf(before, id);
        if (!found) {
            return found.error();
        }
        const auto it = *found;
        if (active && it->row.keyFile.isEmpty()) {
            return makeError(ErrorCode::Conflict,
                             QStringLiteral("\"%1\" cannot be activated: its private key is not "
                                            "known (import it with its key)")
                                 .arg(it->row.alias));
        }
        if (!active && it->row.active && activeCount(*before) == 1) {
            return makeError(ErrorCode::Conflict,
                             QStringLiteral("\"%1\" is the last active certificate and cannot be "
                                            "deactivated")
                                 .arg(it->row.alias));
        }
        return m_repository.setActive(id, active);
    }();
    m_audit.recordResult(actor.name,
                         active ? QStringLiteral("certificate.activate")
                                : QStringLiteral("certificate.deactivate"),
                         objectOf(id), actor.peer, changed, {});
    if (!changed) {
        return changed.error();
    }
    logDefaultChange(defaultAlias(before));
    return get(id);
}

void CertificateStore::logDefaultChange(const QString& before)
{
    if (m_changed) {
        m_changed();
    }
    const QString after = defaultAlias(list());
    if (after != before) {
        qCInfo(lcServerApp).noquote() << QStringLiteral("default device-communication certificate "
                                                        "changed from=\"%1\" to=\"%2\"")
                                             .arg(before, after);
    }
}

Result<std::vector<access::NodeEntry>> certificateNodes(const CertificateStore& store)
{
    auto entries = store.list();
    if (!entries) {
        return entries.error();
    }
    std::vector<access::NodeEntry> nodes;
    for (const auto& entry : *entries) {
        const access::NodeRef root = access::rootNode(access::RootId::Certificates);
        nodes.push_back(
            {{QStringLiteral("certificate"), entry.row.id}, root, entry.row.alias, root});
    }
    return nodes;
}

QJsonObject certificateJson(const StoredCertificate& entry, bool details)
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
                     {QStringLiteral("position"), entry.row.position},
                     {QStringLiteral("active"), entry.row.active},
                     {QStringLiteral("default"), entry.isDefault},
                     {QStringLiteral("keySpec"), entry.row.keySpec},
                     {QStringLiteral("signatureAlgorithm"), entry.row.signatureAlgorithm},
                     {QStringLiteral("subject"), certificate.subject()},
                     {QStringLiteral("subjectAlternativeNames"), names},
                     {QStringLiteral("notBefore"), isoDate(certificate.notBefore())},
                     {QStringLiteral("notAfter"), isoDate(certificate.notAfter())},
                     {QStringLiteral("privateKeyKnown"), !entry.row.keyFile.isEmpty()},
                     {QStringLiteral("deviceCount"), entry.deviceCount},
                     {QStringLiteral("sha256"),
                      certificate.fingerprintText(crypto::FingerprintAlgorithm::Sha256)}};
    if (details) {
        json.insert(QStringLiteral("issuer"), certificate.issuer());
        json.insert(QStringLiteral("serialNumber"), certificate.serialNumber());
        json.insert(QStringLiteral("sha1"),
                    certificate.fingerprintText(crypto::FingerprintAlgorithm::Sha1));
        json.insert(QStringLiteral("ca"), certificate.isCa());
        json.insert(QStringLiteral("selfSigned"), certificate.isSelfSigned());
        json.insert(QStringLiteral("validNow"), certificate.isValidAt());
        json.insert(QStringLiteral("createdAt"), entry.row.createdAt);
        json.insert(QStringLiteral("createdBy"), entry.row.createdBy);
        json.insert(QStringLiteral("pem"), QString::fromLatin1(certificate.toPem()));
    }
    return json;
}

} // namespace steward::server::services
