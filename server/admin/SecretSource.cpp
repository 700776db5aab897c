// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/admin/AdminContext.h"

#include <QFile>

#include <cstdio>
#include <termios.h>
#include <unistd.h>

namespace steward::server::admin {
namespace {

// While alive, a terminal on standard input does not echo what is typed.
class HiddenInput {
public:
    explicit HiddenInput(const QString& prompt)
    {
        if (::tcgetattr(STDIN_FILENO, &m_saved) != 0) {
            return;
        }
        std::fprintf(stderr, "%s: ", qPrintable(prompt));
        std::fflush(stderr);
        termios quiet = m_saved;
        quiet.c_lflag &= ~tcflag_t(ECHO);
        m_active = ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet) == 0;
    }
    ~HiddenInput()
    {
        if (m_active) {
            ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &m_saved);
            std::fputs("\n", stderr);
        }
    }
    HiddenInput(const HiddenInput&) = delete;
    HiddenInput& operator=(const HiddenInput&) = delete;

private:
    termios m_saved{};
    bool m_active = false;
};

bool isTerminal(QIODevice& input)
{
    const auto* file = qobject_cast<QFile*>(&input);
    return file && file->handle() == STDIN_FILENO && ::isatty(STDIN_FILENO) == 1;
}

} // namespace

Result<QString> SecretSource::read(const QString& variable, const QString& what)
{
    QString secret;
    if (m_environment.contains(variable)) {
        secret = m_environment.value(variable);
    } else {
        if (!m_input.isReadable()) {
            return makeError(ErrorCode::InvalidArgument,
                             QStringLiteral("%1 is needed: set %2 or give it as a line on "
                                            "standard input")
                                 .arg(what, variable));
        }
        std::optional<HiddenInput> hidden;
        if (isTerminal(m_input)) {
            hidden.emplace(QStringLiteral("Enter %1").arg(what));
        }
        QByteArray line = m_input.readLine(64 * 1024);
        while (line.endsWith('\n') || line.endsWith('\r')) {
            line.chop(1);
        }
        secret = QString::fromUtf8(line);
    }
    if (secret.isEmpty()) {
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("%1 is empty: set %2 or give it as a line on standard "
                                        "input")
                             .arg(what, variable));
    }
    return secret;
}

} // namespace steward::server::admin
