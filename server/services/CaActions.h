// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// CaActions - the checked CA rollover steps, shared by REST (CaRollover) and steward-admin.
#pragma once

#include "common/core/Result.h"
#include "server/services/CertificateAuthorities.h"
#include "server/services/DevicesNotTrusting.h"

#include <QJsonObject>

namespace steward::server::db {
class TrustRepository;
}

namespace steward::server::services {

/** The devices whose client certificate the device CA \a ca issued. */
[[nodiscard]] Result<UntrustingDevices>
devicesIssuedBy(db::TrustRepository& devices, const crypto::Certificate& ca, int shown = 10);

/** {"authorities": AuthoritySet::toJson(), "untrustingNextRoot", "onOldDeviceCa"} counts. */
[[nodiscard]] Result<QJsonObject> caStatus(const QString& pkiDir, db::TrustRepository& devices);

/**
 * activateRoot() after the check: refused (Conflict, naming how many and the first devices)
 * while devices do not trust the renewed root, unless \a force.
 */
[[nodiscard]] Result<crypto::Certificate>
activateRootChecked(const QString& pkiDir, db::TrustRepository& devices, bool force);

/**
 * Retires root-ca.old (refused while devices do not trust the current root) and
 * device-ca.old (refused while devices still present a certificate it issued), unless
 * \a force; Conflict when there is nothing to retire. What was retired.
 */
[[nodiscard]] Result<QStringList> retireOldChecked(const QString& pkiDir,
                                                   db::TrustRepository& devices, bool force);

} // namespace steward::server::services
