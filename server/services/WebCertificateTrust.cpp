// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/services/WebCertificateTrust.h"

#include "server/db/WebCertificateRepository.h"
#include "server/services/ServerIdentity.h"

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

} // namespace steward::server::services
