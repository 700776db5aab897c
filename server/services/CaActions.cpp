// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/services/CaActions.h"

#include "common/crypto/ChainVerifier.h"
#include "server/db/TrustRepository.h"

#include <QJsonArray>

namespace steward::server::services {
namespace {

QString named(const UntrustingDevices& devices)
{
    QStringList names;
    for (const auto& [id, name] : devices.first) {
        names.append(QStringLiteral("%1 (#%2)").arg(name).arg(id));
    }
    if (devices.count > qint64(devices.first.size())) {
        names.append(QStringLiteral("…"));
    }
    return names.join(QStringLiteral(", "));
}

QJsonObject countJson(const UntrustingDevices& devices)
{
    QJsonArray first;
    for (const auto& [id, name] : devices.first) {
        first.append(QJsonObject{{QStringLiteral("id"), id}, {QStringLiteral("name"), name}});
    }
    return QJsonObject{{QStringLiteral("count"), devices.count},
                       {QStringLiteral("devices"), first}};
}

} // namespace

Result<UntrustingDevices> devicesIssuedBy(db::TrustRepository& devices,
                                          const crypto::Certificate& ca, int shown)
{
    auto all = devices.clientCertificates();
    if (!all) {
        return all.error();
    }
    UntrustingDevices result;
    for (const auto& device : *all) {
        auto certificate = crypto::Certificate::fromPem(device.certPem.toLatin1());
        if (!certificate || !crypto::verifyChain(*certificate, {}, {ca}).ok()) {
            continue;
        }
        ++result.count;
        if (int(result.first.size()) < shown) {
            result.first.emplace_back(device.deviceId, device.name);
        }
    }
    return result;
}

Result<QJsonObject> caStatus(const QString& pkiDir, db::TrustRepository& devices)
{
    auto set = loadAuthorities(pkiDir);
    if (!set) {
        return set.error();
    }
    QJsonObject status = set->toJson();
    auto current = devicesNotTrusting(devices, set->root, set->root);
    if (!current) {
        return current.error();
    }
    status.insert(QStringLiteral("untrustingRoot"), countJson(*current));
    if (set->nextRoot) {
        auto next = devicesNotTrusting(devices, *set->nextRoot, set->root);
        if (!next) {
            return next.error();
        }
        status.insert(QStringLiteral("untrustingNextRoot"), countJson(*next));
    }
    if (set->oldDeviceCa) {
        auto old = devicesIssuedBy(devices, *set->oldDeviceCa);
        if (!old) {
            return old.error();
        }
        status.insert(QStringLiteral("onOldDeviceCa"), countJson(*old));
    }
    return status;
}

Result<crypto::Certificate> activateRootChecked(const QString& pkiDir, db::TrustRepository& devices,
                                                bool force)
{
    auto set = loadAuthorities(pkiDir);
    if (!set) {
        return set.error();
    }
    if (!set->nextRoot) {
        return makeError(ErrorCode::Conflict,
                         QStringLiteral("there is no renewed root to activate (ca renew-root)"));
    }
    auto untrusting = devicesNotTrusting(devices, *set->nextRoot, set->root);
    if (!untrusting) {
        return untrusting.error();
    }
    if (untrusting->count > 0 && !force) {
        return makeError(ErrorCode::Conflict,
                         QStringLiteral("%1 device(s) do not trust the renewed root yet and would "
                                        "lose their channel: %2; wait until they confirmed it, "
                                        "or force")
                             .arg(untrusting->count)
                             .arg(named(*untrusting)));
    }
    return activateRoot(pkiDir);
}

Result<QStringList> retireOldChecked(const QString& pkiDir, db::TrustRepository& devices,
                                     bool force)
{
    auto set = loadAuthorities(pkiDir);
    if (!set) {
        return set.error();
    }
    if (!set->oldRoot && !set->oldDeviceCa) {
        return makeError(ErrorCode::Conflict,
                         QStringLiteral("there is no old root or device CA to retire"));
    }
    if (set->oldRoot && !force) {
        auto untrusting = devicesNotTrusting(devices, set->root, set->root);
        if (!untrusting) {
            return untrusting.error();
        }
        if (untrusting->count > 0) {
            return makeError(ErrorCode::Conflict,
                             QStringLiteral("%1 device(s) do not trust the current root: %2; "
                                            "the old root is kept unless forced")
                                 .arg(untrusting->count)
                                 .arg(named(*untrusting)));
        }
    }
    if (set->oldDeviceCa && !force) {
        auto old = devicesIssuedBy(devices, *set->oldDeviceCa);
        if (!old) {
            return old.error();
        }
        if (old->count > 0) {
            return makeError(ErrorCode::Conflict,
                             QStringLiteral("%1 device(s) still present a client certificate from "
                                            "the old device CA: %2; it is kept unless forced")
                                 .arg(old->count)
                                 .arg(named(*old)));
        }
    }
    return retireOldAuthorities(pkiDir, true, true);
}

} // namespace steward::server::services
