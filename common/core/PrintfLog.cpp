// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/core/PrintfLog.h"

#include <cstdio>

namespace steward {

void logPrintf(const QLoggingCategory& category, QtMsgType type, const char* source,
               const char* format, va_list args)
{
    char buffer[512];
    std::vsnprintf(buffer, sizeof(buffer), format, args);
    const QString text = QString::fromLocal8Bit(buffer).trimmed();
    if (text.isEmpty()) {
        return;
    }
    if (type == QtWarningMsg) {
        qCWarning(category, "%s %s", source, qUtf8Printable(text));
    } else {
        qCDebug(category, "%s %s", source, qUtf8Printable(text));
    }
}

} // namespace steward
