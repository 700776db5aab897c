// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/admin/AdminContext.h"

namespace steward::server::admin {

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
