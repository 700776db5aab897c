// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/admin/AccountCommands.h"

#include "server/admin/DataSource.h"
#include "server/db/AdminRepository.h"
#include "server/db/AuditRepository.h"
#include "server/db/SessionRepository.h"
#include "server/services/AuditLog.h"
#include "server/services/AuthService.h"

namespace steward::server::admin {
namespace {

const QString Peer = QStringLiteral("local");

// The services a password change needs, over one opened database.
struct Accounts {
    explicit Accounts(db::Database& database, int iterations)
        : admins(database), sessions(database), auditRepository(database),
          audit(auditRepository, services::systemClock()),
          auth(admins, sessions, audit, policy(iterations), services::systemClock())
    {}
    static services::AuthPolicy policy(int iterations)
    {
        services::AuthPolicy policy;
        policy.passwordIterations = iterations;
        return policy;
    }
    db::AdminRepository admins;
    db::SessionRepository sessions;
    db::AuditRepository auditRepository;
    services::AuditLog audit;
    services::AuthService auth;
};

Result<QString> readPassword(AdminContext& context, const QString& user)
{
    auto password = context.secrets.read(QStringLiteral("STEWARD_PASSWORD"),
                                         QStringLiteral("the password for %1").arg(user));
    if (!password) {
        return password;
    }
    if (auto valid = services::AuthService::validatePassword(*password); !valid) {
        return valid.error();
    }
    return password;
}

} // namespace

Result<void> createAdmin(AdminContext& context, const QString& user)
{
    if (auto valid = services::AuthService::validateName(user); !valid) {
        return valid;
    }
    auto database = openActiveDatabase(context);
    if (!database) {
        return database.error();
    }
    Accounts accounts(**database, context.options.passwordIterations);
    auto existing = accounts.admins.findByName(user);
    if (!existing) {
        return existing.error();
    }
    if (existing->has_value()) {
        return makeError(ErrorCode::AlreadyExists,
                         QStringLiteral("an administrator named \"%1\" already exists; use "
                                        "reset-password to change the password")
                             .arg(user));
    }
    auto password = readPassword(context, user);
    if (!password) {
        return password.error();
    }
    auto id = accounts.auth.createAdmin(user, *password, true, AdminActor, Peer);
    if (!id) {
        return id.error();
    }
    context.out << QStringLiteral("created superuser \"%1\" (id %2) in %3\n")
                       .arg(user)
                       .arg(*id)
                       .arg((*database)->config().describe());
    return {};
}

Result<void> resetPassword(AdminContext& context, const QString& user)
{
    auto database = openActiveDatabase(context);
    if (!database) {
        return database.error();
    }
    Accounts accounts(**database, context.options.passwordIterations);
    auto existing = accounts.admins.findByName(user);
    if (!existing) {
        return existing.error();
    }
    if (!existing->has_value()) {
        return makeError(ErrorCode::NotFound,
                         QStringLiteral("there is no administrator named \"%1\"").arg(user));
    }
    auto password = readPassword(context, user);
    if (!password) {
        return password.error();
    }
    if (auto reset = accounts.auth.resetPassword(user, *password, AdminActor, Peer); !reset) {
        return reset;
    }
    context.out
        << QStringLiteral("password of \"%1\" reset; lockout cleared, sessions ended\n").arg(user);
    return {};
}

} // namespace steward::server::admin
