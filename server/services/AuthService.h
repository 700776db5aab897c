// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// AuthService - passwords, lockout and bearer-token sessions for administrators.
#pragma once

#include "server/db/AdminRepository.h"
#include "server/db/SessionRepository.h"
#include "server/http/HttpTypes.h"
#include "server/services/AuditLog.h"
#include "server/services/Clock.h"

#include <chrono>
#include <functional>
#include <memory>

namespace steward::server::services {

struct AuthPolicy {
    std::chrono::seconds sessionLifetime{30 * 60};
    int maxFailedLogins = 5;
    std::chrono::seconds lockoutDuration{5 * 60};
    int passwordIterations = 600000; // PBKDF2-SHA256; tests lower it
};

struct LoginResult {
    QByteArray token; // shown once; only its hash is stored
    qint64 expiresAt = 0;
    http::Principal principal;
};

/**
 * Failed logins count per account; reaching the limit locks the account for the lockout
 * duration (audited as "account.lock"). Sessions slide: each authenticated request moves the
 * expiry to now + lifetime. Unknown users and wrong passwords get the same answer.
 */
class AuthService {
public:
    AuthService(db::AdminRepository& admins, db::SessionRepository& sessions, AuditLog& audit,
                AuthPolicy policy, Clock clock);

    /** Checks the password on this thread: for tools and tests. */
    [[nodiscard]] Result<LoginResult> login(const QString& name, const QString& password,
                                            const QString& peer);
    /**
     * The server's login: the slow password check runs on a worker thread, so other requests
     * go on meanwhile; \a done is called later on this thread (never if the service is gone).
     */
    void loginAsync(const QString& name, const QString& password, const QString& peer,
                    std::function<void(Result<LoginResult>)> done);
    [[nodiscard]] Result<http::Principal> authenticate(const QByteArray& token,
                                                       const QString& peer);
    [[nodiscard]] Result<void> logout(const QByteArray& token, const QString& actor,
                                      const QString& peer);

    /** Validates name and password strength; AlreadyExists for a taken name. */
    [[nodiscard]] Result<qint64> createAdmin(const QString& name, const QString& password,
                                             bool superuser, const QString& actor,
                                             const QString& peer);
    /** Sets a new password, clears any lock and ends the account's sessions. */
    [[nodiscard]] Result<void> resetPassword(const QString& name, const QString& password,
                                             const QString& actor, const QString& peer);

    [[nodiscard]] static Result<void> validateName(const QString& name);
    [[nodiscard]] static Result<void> validatePassword(const QString& password);

private:
    /** What the password check needs, read before it; an error ends the attempt at once. */
    struct Attempt {
        QString name;
        std::optional<qint64> adminId; // empty: no such user (checked anyway, for equal timing)
        QString storedHash;
    };
    [[nodiscard]] Result<Attempt> beginLogin(const QString& name, const QString& peer);
    [[nodiscard]] static bool checkPassword(const QString& password, const Attempt& attempt);
    [[nodiscard]] Result<LoginResult> finishLogin(const Attempt& attempt, bool passwordOk,
                                                  const QString& peer);
    [[nodiscard]] Result<void> recordFailure(const db::Admin& admin, const QString& peer);

    db::AdminRepository& m_admins;
    db::SessionRepository& m_sessions;
    AuditLog& m_audit;
    AuthPolicy m_policy;
    Clock m_clock;
    std::shared_ptr<int> m_alive = std::make_shared<int>(0); // watched by pending checks
};

} // namespace steward::server::services
