// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/services/AuthService.h"

#include "common/crypto/PasswordHash.h"
#include "common/crypto/Random.h"
#include "server/app/Logging.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QRegularExpression>
#include <QThreadPool>

namespace steward::server::services {
namespace {

const QString WrongCredentials = QStringLiteral("wrong user name or password");

QByteArray tokenHash(const QByteArray& token)
{
    return QCryptographicHash::hash(token, QCryptographicHash::Sha256);
}

QString adminObject(qint64 id)
{
    return QStringLiteral("admin:") + QString::number(id);
}

} // namespace

AuthService::AuthService(db::AdminRepository& admins, db::SessionRepository& sessions,
                         AuditLog& audit, AuthPolicy policy, Clock clock)
    : m_admins(admins), m_sessions(sessions), m_audit(audit), m_policy(policy),
      m_clock(std::move(clock))
{}

Result<void> AuthService::validateName(const QString& name)
{
    static const QRegularExpression pattern(QStringLiteral("^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$"));
    if (!pattern.match(name).hasMatch()) {
        return makeError(ErrorCode::InvalidValue,
                         QStringLiteral("an administrator name has 1 to 64 characters: letters, "
                                        "digits and . _ @ -, starting with a letter or digit"));
    }
    return {};
}

Result<void> AuthService::validatePassword(const QString& password)
{
    if (password.size() < 8) {
        return makeError(ErrorCode::InvalidValue,
                         QStringLiteral("a password needs at least 8 characters"));
    }
    if (password.size() > 1024) {
        return makeError(ErrorCode::InvalidValue,
                         QStringLiteral("a password may have at most 1024 characters"));
    }
    return {};
}

Result<LoginResult> AuthService::login(const QString& name, const QString& password,
                                       const QString& peer)
{
    auto attempt = beginLogin(name, peer);
    if (!attempt) {
        return attempt.error();
    }
    return finishLogin(*attempt, checkPassword(password, *attempt), peer);
}

void AuthService::loginAsync(const QString& name, const QString& password, const QString& peer,
                             std::function<void(Result<LoginResult>)> done)
{
    auto attempt = beginLogin(name, peer);
    if (!attempt) {
        done(attempt.error());
        return;
    }
    std::weak_ptr<int> alive = m_alive;
    QThreadPool::globalInstance()->start(
        [this, alive, attempt = *attempt, password, peer, done = std::move(done)]() mutable {
            const bool ok = checkPassword(password, attempt);
            // Back to the thread that owns the database; dropped if the service has gone.
            QMetaObject::invokeMethod(
                QCoreApplication::instance(),
                [this, alive, attempt, ok, peer, done = std::move(done)] {
                    if (alive.lock()) {
                        done(finishLogin(attempt, ok, peer));
                    }
                },
                Qt::QueuedConnection);
        });
}

Result<AuthService::Attempt> AuthService::beginLogin(const QString& name, const QString& peer)
{
    auto found = m_admins.findByName(name);
    if (!found) {
        return found.error();
    }
    Attempt attempt{name, std::nullopt, {}};
    if (!found->has_value()) {
        return attempt;
    }
    const db::Admin& admin = **found;
    const qint64 now = m_clock();
    if (admin.lockedUntil && *admin.lockedUntil > now) {
        m_audit.record(name, QStringLiteral("login"), adminObject(admin.id), peer,
                       QStringLiteral("denied"), QStringLiteral("account locked"));
        return makeError(ErrorCode::AccountLocked,
                         QStringLiteral("the account is locked after too many failed logins; "
                                        "try again in %1 s")
                             .arg(*admin.lockedUntil - now));
    }
    attempt.adminId = admin.id;
    attempt.storedHash = admin.passwordHash;
    return attempt;
}

bool AuthService::checkPassword(const QString& password, const Attempt& attempt)
{
    if (!attempt.adminId) {
        // Spend the same time as a real check, so timing does not tell which names exist.
        [[maybe_unused]] const auto spent = crypto::hashPassword(password);
        return false;
    }
    return crypto::verifyPassword(password, attempt.storedHash).ok();
}

Result<LoginResult> AuthService::finishLogin(const Attempt& attempt, bool passwordOk,
                                             const QString& peer)
{
    if (!attempt.adminId) {
        m_audit.record(attempt.name, QStringLiteral("login"), {}, peer, QStringLiteral("denied"),
                       QStringLiteral("unknown user"));
        return makeError(ErrorCode::Unauthenticated, WrongCredentials);
    }
    // Read again: other attempts may have finished while this password was being checked.
    auto found = m_admins.findById(*attempt.adminId);
    if (!found) {
        return found.error();
    }
    if (!found->has_value()) {
        return makeError(ErrorCode::Unauthenticated, WrongCredentials);
    }
    const db::Admin admin = **found;
    const qint64 now = m_clock();
    if (!passwordOk) {
        if (auto recorded = recordFailure(admin, peer); !recorded) {
            return recorded.error();
        }
        return makeError(ErrorCode::Unauthenticated, WrongCredentials);
    }
    if (admin.lockedUntil && *admin.lockedUntil > now) {
        return makeError(ErrorCode::AccountLocked,
                         QStringLiteral("the account is locked after too many failed logins; "
                                        "try again in %1 s")
                             .arg(*admin.lockedUntil - now));
    }
    if (admin.failedLogins != 0 || admin.lockedUntil) {
        if (auto reset = m_admins.setLoginState(admin.id, 0, std::nullopt); !reset) {
            return reset.error();
        }
    }
    auto random = crypto::randomBytes(32);
    if (!random) {
        return random.error();
    }
    LoginResult result;
    result.token = random->toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
    result.expiresAt = now + m_policy.sessionLifetime.count();
    result.principal = {admin.id, admin.name, admin.superuser};
    if (auto stored =
            m_sessions.insert(tokenHash(result.token), {0, admin.id, now, result.expiresAt, peer});
        !stored) {
        return stored.error();
    }
    m_audit.record(admin.name, QStringLiteral("login"), adminObject(admin.id), peer,
                   QStringLiteral("ok"));
    return result;
}

Result<void> AuthService::recordFailure(const db::Admin& admin, const QString& peer)
{
    const int failures = admin.failedLogins + 1;
    std::optional<qint64> lockedUntil;
    if (failures >= m_policy.maxFailedLogins) {
        lockedUntil = m_clock() + m_policy.lockoutDuration.count();
    }
    if (auto stored = m_admins.setLoginState(admin.id, lockedUntil ? 0 : failures, lockedUntil);
        !stored) {
        return stored;
    }
    m_audit.record(admin.name, QStringLiteral("login"), adminObject(admin.id), peer,
                   QStringLiteral("denied"), QStringLiteral("wrong password"));
    if (lockedUntil) {
        qCWarning(lcServerAuth).noquote()
            << QStringLiteral("account locked user=%1 peer=%2 seconds=%3")
                   .arg(admin.name, peer)
                   .arg(m_policy.lockoutDuration.count());
        m_audit.record(QStringLiteral("system"), QStringLiteral("account.lock"),
                       adminObject(admin.id), peer, QStringLiteral("ok"),
                       QStringLiteral("%1 failed logins; locked for %2 s")
                           .arg(failures)
                           .arg(m_policy.lockoutDuration.count()));
    }
    return {};
}

Result<http::Principal> AuthService::authenticate(const QByteArray& token, const QString& peer)
{
    Q_UNUSED(peer)
    if (token.isEmpty()) {
        return makeError(ErrorCode::Unauthenticated,
                         QStringLiteral("this request needs a bearer token; log in first"));
    }
    const qint64 now = m_clock();
    auto session = m_sessions.find(tokenHash(token));
    if (!session) {
        return session.error();
    }
    if (!session->has_value()) {
        return makeError(ErrorCode::Unauthenticated,
                         QStringLiteral("the token is not valid; log in again"));
    }
    if ((*session)->expiresAt <= now) {
        // Best effort: an expired row that stays is refused again and swept later.
        [[maybe_unused]] const auto removed = m_sessions.remove(tokenHash(token));
        return makeError(ErrorCode::Unauthenticated,
                         QStringLiteral("the session has expired; log in again"));
    }
    auto admin = m_admins.findById((*session)->adminId);
    if (!admin) {
        return admin.error();
    }
    if (!admin->has_value()) {
        return makeError(ErrorCode::Unauthenticated,
                         QStringLiteral("the account no longer exists"));
    }
    // Slide the expiry; write at most once a minute so reads stay cheap.
    const qint64 renewed = now + m_policy.sessionLifetime.count();
    if (renewed - (*session)->expiresAt >= 60) {
        if (auto extended = m_sessions.extend((*session)->id, renewed); !extended) {
            return extended.error();
        }
    }
    return http::Principal{(*admin)->id, (*admin)->name, (*admin)->superuser};
}

Result<void> AuthService::logout(const QByteArray& token, const QString& actor, const QString& peer)
{
    if (auto removed = m_sessions.remove(tokenHash(token)); !removed) {
        return removed;
    }
    m_audit.record(actor, QStringLiteral("logout"), {}, peer, QStringLiteral("ok"));
    return {};
}

Result<qint64> AuthService::createAdmin(const QString& name, const QString& password,
                                        bool superuser, const QString& actor, const QString& peer)
{
    if (auto valid = validateName(name); !valid) {
        return valid.error();
    }
    if (auto valid = validatePassword(password); !valid) {
        return valid.error();
    }
    auto hash = crypto::hashPassword(password, m_policy.passwordIterations);
    if (!hash) {
        return hash.error();
    }
    auto id = m_admins.insert(name, *hash, superuser, m_clock());
    if (!id) {
        m_audit.record(actor, QStringLiteral("admin.create"), name, peer, QStringLiteral("failed"),
                       id.error().message);
        return id.error();
    }
    m_audit.record(actor, QStringLiteral("admin.create"), adminObject(*id), peer,
                   QStringLiteral("ok"),
                   superuser ? QStringLiteral("superuser") : QStringLiteral("administrator"));
    return *id;
}

Result<void> AuthService::resetPassword(const QString& name, const QString& password,
                                        const QString& actor, const QString& peer)
{
    if (auto valid = validatePassword(password); !valid) {
        return valid;
    }
    auto found = m_admins.findByName(name);
    if (!found) {
        return found.error();
    }
    if (!found->has_value()) {
        return makeError(ErrorCode::NotFound,
                         QStringLiteral("there is no administrator named \"%1\"").arg(name));
    }
    auto hash = crypto::hashPassword(password, m_policy.passwordIterations);
    if (!hash) {
        return hash.error();
    }
    const auto& admin = **found;
    if (auto set = m_admins.setPassword(admin.id, *hash, admin.revision, m_clock()); !set) {
        return set;
    }
    if (auto ended = m_sessions.removeForAdmin(admin.id); !ended) {
        return ended;
    }
    m_audit.record(actor, QStringLiteral("admin.password"), adminObject(admin.id), peer,
                   QStringLiteral("ok"), QStringLiteral("password reset; sessions ended"));
    return {};
}

} // namespace steward::server::services
