// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// CertificateStore's answers for devices: which certificate a device gets,
// which key signs.
#include "server/services/CertificateStore.h"

#include <QJsonDocument>

namespace steward::server::services {

Result<StoredCertificate>
CertificateStore::chooseFor(const protocol::CertificateSupport& support) const
{
    auto entries = list();
    if (!entries) {
        return entries.error();
    }
    QStringList offered;
    for (auto& entry : *entries) {
        if (!entry.row.active || entry.row.keyFile.isEmpty()) {
            continue;
        }
        if (support.supports(entry.row.keySpec, entry.row.signatureAlgorithm)) {
            return std::move(entry);
        }
        offered.append(QStringLiteral("%1 (%2, %3)")
                           .arg(entry.row.alias, entry.row.keySpec, entry.row.signatureAlgorithm));
    }
    return makeError(ErrorCode::UnsupportedAlgorithm,
                     QStringLiteral("the device supports none of the active device-communication "
                                    "certificates [%1]; it supports %2")
                         .arg(offered.join(QStringLiteral(", ")), support.describe()));
}

Result<std::vector<std::pair<qint64, QString>>> CertificateStore::devicesUsing(qint64 id) const
{
    auto row = m_repository.find(id);
    if (!row) {
        return row.error();
    }
    if (!row->has_value()) {
        return makeError(ErrorCode::NotFound, QStringLiteral("no certificate %1").arg(id));
    }
    return m_repository.devicesUsing(id);
}

Result<void>
CertificateStore::recordDevice(qint64 deviceId, qint64 certificateId,
                               const std::optional<protocol::CertificateSupport>& supports)
{
    if (supports) {
        const QByteArray json = QJsonDocument(supports->toJson()).toJson(QJsonDocument::Compact);
        if (auto stored = m_repository.setDeviceSupport(deviceId, QString::fromUtf8(json));
            !stored) {
            return stored;
        }
    }
    return m_repository.setDeviceCertificate(deviceId, certificateId);
}

Result<crypto::PrivateKey> CertificateStore::signingKeyFor(qint64 deviceId) const
{
    auto pinned = m_repository.signingCertificate(deviceId);
    if (!pinned) {
        return pinned.error();
    }
    if (!pinned->has_value()) {
        return makeError(ErrorCode::Conflict,
                         QStringLiteral("device %1 has no device-communication certificate on "
                                        "record (was it deleted?); enrol the device again")
                             .arg(deviceId));
    }
    return privateKey(**pinned);
}

Result<std::pair<crypto::Certificate, crypto::PrivateKey>> CertificateStore::defaultSigner() const
{
    auto chosen = defaultCertificate();
    if (!chosen) {
        return chosen.error();
    }
    auto key = privateKey(chosen->row.id);
    if (!key) {
        return key.error();
    }
    return std::pair{chosen->certificate, *key};
}

} // namespace steward::server::services
