// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/admin/CaCommands.h"

#include "server/admin/DataSource.h"
#include "server/db/AuditRepository.h"
#include "server/db/Database.h"
#include "server/db/TrustRepository.h"
#include "server/services/AuditLog.h"
#include "server/services/CaActions.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>

namespace steward::server::admin {
namespace {

const QString Actor = QStringLiteral("steward-admin");

} // namespace

Result<void> caCommand(AdminContext& context, const QString& action, bool force)
{
    const QString pki = QDir(context.settings.dataDir).filePath(QStringLiteral("pki"));
    if (!QFile::exists(QDir(pki).filePath(QStringLiteral("root-ca.crt")))) {
        return makeError(ErrorCode::FileNotFound,
                         QStringLiteral("%1 holds no root CA; start steward-server once with "
                                        "this data dir to create it")
                             .arg(pki));
    }
    auto database = openActiveDatabase(context);
    if (!database) {
        return database.error();
    }
    db::TrustRepository devices(**database);
    if (action == QLatin1String("status")) {
        auto status = services::caStatus(pki, devices);
        if (!status) {
            return status.error();
        }
        context.out << QJsonDocument(*status).toJson(QJsonDocument::Indented);
        return {};
    }
    db::AuditRepository auditRepository(**database);
    services::AuditLog audit(auditRepository, services::systemClock());
    Result<QString> done = makeError(ErrorCode::InvalidArgument,
                                     QStringLiteral("unknown ca action \"%1\"").arg(action));
    const auto made = [](const Result<crypto::Certificate>& certificate,
                         const QString& what) -> Result<QString> {
        if (!certificate) {
            return certificate.error();
        }
        return QStringLiteral("%1: %2 (SHA-256 %3)")
            .arg(what, certificate->subject(),
                 certificate->fingerprintText(crypto::FingerprintAlgorithm::Sha256));
    };
    if (action == QLatin1String("renew-root")) {
        done = made(services::renewRoot(pki),
                    QStringLiteral("renewed root made; devices get it at the server's next pass"));
    } else if (action == QLatin1String("renew-device-ca")) {
        done = made(services::renewDeviceCa(pki),
                    QStringLiteral("device CA renewed; devices get new client certificates"));
    } else if (action == QLatin1String("activate-root")) {
        done = made(services::activateRootChecked(pki, devices, force),
                    QStringLiteral("root activated, web certificate re-issued from it"));
    } else if (action == QLatin1String("retire-old")) {
        auto retired = services::retireOldChecked(pki, devices, force);
        done = retired ? Result<QString>(
                   QStringLiteral("retired: %1").arg(retired->join(QStringLiteral(", "))))
                       : Result<QString>(retired.error());
    }
    if (!done && done.error().code == ErrorCode::InvalidArgument) {
        return done.error();
    }
    audit.recordResult(Actor, QStringLiteral("ca.") + action,
                       QStringLiteral("root:certificate-authorities"), QString(), done,
                       force ? QStringLiteral("force") : QString());
    if (!done) {
        return done.error();
    }
    context.out << *done << Qt::endl;
    return {};
}

} // namespace steward::server::admin
