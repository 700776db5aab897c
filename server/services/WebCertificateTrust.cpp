// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/services/WebCertificateTrust.h"

#include "server/db/WebCertificateRepository.h"
#include "server/services/AuditLog.h"
#include "server/services/ServerIdentity.h"
#include "server/services/WebCertificateStore.h"
#include "server/services/WebCertificateSupport.h"

namespace steward::server::services {

DeviceTrustCheck stewardRootTrustCheck(const ServerIdentity& identity,
                                       const db::WebCertificateRepository& devices, int shown)
{
    return
        [&identity, &devices, shown](const crypto::Certificate& root) -> Result<AffectedDevices> {
            if (root == identity.rootCa()) {
                return AffectedDevices{};
            }
            auto enrolled = devices.enrolledDevices();
            if (!enrolled) {
                return enrolled.error();
            }
            AffectedDevices affected;
            affected.count = qint64(enrolled->size());
            for (const auto& device : *enrolled) {
                if (qsizetype(affected.first.size()) >= shown) {
                    break;
                }
                affected.first.push_back(device);
            }
            return affected;
        };
}

Result<bool> WebCertificateStore::distributeRoot(qint64 id, const Requester& actor)
{
    QString details;
    const auto distributed = [&]() -> Result<bool> {
        auto entry = get(id);
        if (!entry) {
            return entry.error();
        }
        const crypto::Certificate& root = entry->root();
        details =
            QStringLiteral("root=\"%1\" sha256=%2")
                .arg(root.subject(), root.fingerprintText(crypto::FingerprintAlgorithm::Sha256));
        if (root == m_identity.rootCa()) {
            return makeError(ErrorCode::Conflict,
                             QStringLiteral("\"%1\" is under the Steward root, which devices "
                                            "trust already")
                                 .arg(entry->row.alias));
        }
        if (!m_distributor) {
            return makeError(ErrorCode::Internal,
                             QStringLiteral("this server distributes no roots to devices"));
        }
        return m_distributor(root);
    }();
    m_audit.recordResult(actor.name, QStringLiteral("web-certificate.distribute-root"),
                         webObjectOf(id), actor.peer, distributed,
                         distributed && !*distributed
                             ? details + QStringLiteral(" (distributed already)")
                             : details);
    return distributed;
}

} // namespace steward::server::services
