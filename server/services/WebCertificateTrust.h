// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// WebCertificateTrust - which enrolled devices would not trust a web certificate's root.
#pragma once

#include "common/core/Result.h"
#include "common/crypto/Certificate.h"

#include <QString>

#include <functional>
#include <utility>
#include <vector>

namespace steward::server::db {
class WebCertificateRepository;
}

namespace steward::server::services {

class ServerIdentity;

/** The devices that would lose their channel: how many, and the first of them by name. */
struct AffectedDevices {
    qint64 count = 0;
    std::vector<std::pair<qint64, QString>> first; // id and name
};

/**
 * Answers for a root: the devices that do not trust it. The web listener also carries the
 * device channel, so assigning a certificate under such a root cuts those devices off.
 * Replaceable (WebCertificateStore::setTrustCheck) once roots are distributed to agents.
 */
using DeviceTrustCheck = std::function<Result<AffectedDevices>(const crypto::Certificate& root)>;

/**
 * Adds a root to those the server distributes to devices (CaRollover::distributeRoot); false
 * when it was distributed already.
 */
using RootDistributor = std::function<Result<bool>(const crypto::Certificate& root)>;

/**
 * Today's rule: an agent trusts only the root it saw at enrolment, the Steward root
 * (<state-dir>/server-ca.crt). Under any other root every enrolled device is affected; the
 * first \a shown of them are named.
 */
[[nodiscard]] DeviceTrustCheck stewardRootTrustCheck(const ServerIdentity& identity,
                                                     const db::WebCertificateRepository& devices,
                                                     int shown = 10);

} // namespace steward::server::services
