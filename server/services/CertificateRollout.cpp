// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/services/CertificateRollout.h"

#include "common/crypto/Signature.h"
#include "common/protocol/StrictJson.h"

namespace steward::server::services {

const StoredCertificate* targetFor(const std::vector<StoredCertificate>& entries,
                                   const protocol::CertificateSupport& support)
{
    for (const auto& entry : entries) {
        if (entry.row.active && !entry.row.keyFile.isEmpty()
            && support.supports(entry.row.keySpec, entry.row.signatureAlgorithm)) {
            return &entry;
        }
    }
    return nullptr;
}

protocol::CertificateSupport supportFromStored(const QString& json)
{
    if (json.isEmpty()) {
        return protocol::CertificateSupport::legacy();
    }
    auto object = protocol::parseStrictJsonObject(json.toUtf8());
    if (!object) {
        return protocol::CertificateSupport::legacy();
    }
    auto support =
        protocol::CertificateSupport::fromJson(*object, QStringLiteral("certificate_support"));
    return support ? *support : protocol::CertificateSupport::legacy();
}

Result<protocol::CertificateRollover> makeRollover(qint64 deviceId, const StoredCertificate& target,
                                                   const crypto::PrivateKey& signer)
{
    protocol::CertificateRollover rollover{
        deviceId, QString::fromLatin1(target.certificate.toPem()), target.row.fingerprint, {}};
    auto signature = crypto::signData(signer, protocol::rolloverSigningPayload(rollover));
    if (!signature) {
        return signature.error();
    }
    rollover.signature = *signature;
    return rollover;
}

} // namespace steward::server::services
