// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// AdminContext - what every steward-admin command gets: settings, secrets and output streams.
#pragma once

#include "common/core/Result.h"
#include "common/crypto/PassphraseCipher.h"
#include "server/app/ServerSettings.h"

#include <QIODevice>
#include <QProcessEnvironment>
#include <QTextStream>

namespace steward::server::admin {

/**
 * Secrets never come from argv: each is taken from its environment variable when set, or else
 * as the next line of standard input (one line per secret, in the order the command asks).
 */
class SecretSource {
public:
    SecretSource(QIODevice& input, QProcessEnvironment environment)
        : m_input(input), m_environment(std::move(environment))
    {}

    /** \a what names the secret in the error, e.g. "the password". Empty secrets are refused. */
    [[nodiscard]] Result<QString> read(const QString& variable, const QString& what);
    [[nodiscard]] const QProcessEnvironment& environment() const { return m_environment; }

private:
    QIODevice& m_input;
    QProcessEnvironment m_environment;
};

struct AdminOptions {
    int passwordIterations = 600000; // PBKDF2 for administrator passwords; tests lower it
    int passphraseIterations = crypto::DefaultPassphraseIterations;
    int statusTimeoutMs = 3000; // how long `status` waits for a running server
};

struct AdminContext {
    ServerSettings settings; // from --data-dir and --config
    QString configPath;      // empty: no settings file in use
    SecretSource& secrets;
    QTextStream& out;
    QTextStream& err;
    AdminOptions options;
};

} // namespace steward::server::admin
