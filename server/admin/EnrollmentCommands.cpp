// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/admin/EnrollmentCommands.h"

#include "server/admin/AccountCommands.h"
#include "server/admin/DataSource.h"
#include "server/db/AuditRepository.h"
#include "server/db/EnrollmentTokenRepository.h"
#include "server/db/FolderRepository.h"
#include "server/http/RouteSupport.h"
#include "server/services/AuditLog.h"
#include "server/services/EnrollmentService.h"

namespace steward::server::admin {

Result<void> createEnrollmentToken(AdminContext& context, const QString& folder, const QString& ttl)
{
    auto lifetime = ttl.isEmpty() ? Result<std::chrono::seconds>(services::DefaultTokenLifetime)
                                  : services::parseLifetime(ttl);
    if (!lifetime) {
        return lifetime.error();
    }
    auto database = openActiveDatabase(context);
    if (!database) {
        return database.error();
    }
    db::EnrollmentTokenRepository tokens(**database);
    db::FolderRepository folders(**database);
    db::AuditRepository auditRepository(**database);
    services::AuditLog audit(auditRepository, services::systemClock());
    auto created =
        services::createEnrollmentToken(tokens, folders, audit, *lifetime, folder, AdminActor,
                                        QStringLiteral("local"), services::systemClock()());
    if (!created) {
        return created.error();
    }
    context.out << QString::fromLatin1(created->token) << Qt::endl;
    context.err << QStringLiteral("enrolment token %1 expires %2; it is shown only once\n")
                       .arg(created->id)
                       .arg(http::isoTime(created->expiresAt))
                << Qt::flush;
    return {};
}

} // namespace steward::server::admin
