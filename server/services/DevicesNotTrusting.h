// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// DevicesNotTrusting - the "affected devices" of a root: enrolled devices that do not trust it.
#pragma once

#include "common/core/Result.h"
#include "common/crypto/Certificate.h"

#include <QString>

#include <utility>
#include <vector>

namespace steward::server::db {
class TrustRepository;
}

namespace steward::server::services {

/** How many devices do not trust a root, and the first of them (id, name) by id. */
struct UntrustingDevices {
    qint64 count = 0;
    std::vector<std::pair<qint64, QString>> first;
};

/**
 * The devices (not released, not in the recycle bin) that do not trust \a root, from what
 * they confirmed (trust.confirm, device_trusted_roots). A device that never confirmed a trust
 * update trusts the root it enrolled under: \a currentRoot, the root issuing the web
 * certificate now (recorded for it first). The first \a shown devices are named.
 * A web certificate under \a root cuts exactly these devices off the channel.
 */
[[nodiscard]] Result<UntrustingDevices> devicesNotTrusting(db::TrustRepository& devices,
                                                           const crypto::Certificate& root,
                                                           const crypto::Certificate& currentRoot,
                                                           int shown = 10);

} // namespace steward::server::services
