// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/services/DevicesNotTrusting.h"

#include "server/db/TrustRepository.h"
#include "server/services/CertificateAuthorities.h"

#include <QDateTime>

namespace steward::server::services {

Result<UntrustingDevices> devicesNotTrusting(db::TrustRepository& devices,
                                             const crypto::Certificate& root,
                                             const crypto::Certificate& currentRoot, int shown)
{
    if (auto recorded =
            devices.recordDefault(rootFingerprint(currentRoot), QDateTime::currentSecsSinceEpoch());
        !recorded) {
        return recorded.error();
    }
    auto missing = devices.notTrusting(rootFingerprint(root));
    if (!missing) {
        return missing.error();
    }
    UntrustingDevices result;
    result.count = qint64(missing->size());
    for (const auto& device : *missing) {
        if (int(result.first.size()) >= shown) {
            break;
        }
        result.first.push_back(device);
    }
    return result;
}

} // namespace steward::server::services
