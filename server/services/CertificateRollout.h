// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// CertificateRollout - which certificate a device should pin, and the signed instruction that
// moves it there.
#pragma once

#include "common/core/Result.h"
#include "common/crypto/PrivateKey.h"
#include "common/protocol/CertificateRollover.h"
#include "common/protocol/CertificateSupport.h"
#include "server/services/CertificateStore.h"

#include <vector>

namespace steward::server::services {

/**
 * The entry of \a entries (in list order) a device supporting \a support should pin: the first
 * active one with a known key it supports, as at enrolment; nullptr when there is none.
 */
[[nodiscard]] const StoredCertificate* targetFor(const std::vector<StoredCertificate>& entries,
                                                 const protocol::CertificateSupport& support);

/** The certificateSupport stored for a device (compact JSON); legacy() when none or unreadable. */
[[nodiscard]] protocol::CertificateSupport supportFromStored(const QString& json);

/**
 * certificate.rollover to \a target for device \a deviceId, signed with \a signer: the key of
 * the certificate the device pins now.
 */
[[nodiscard]] Result<protocol::CertificateRollover>
makeRollover(qint64 deviceId, const StoredCertificate& target, const crypto::PrivateKey& signer);

} // namespace steward::server::services
