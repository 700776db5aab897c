// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// PrintfLog - routes a C library's printf-style log hook into a Qt logging category.
#pragma once

#include <QLoggingCategory>

#include <cstdarg>

namespace steward {

/**
 * Formats \a format with \a args and logs it to \a category as "<source> <text>": warnings at
 * warning level, anything else at debug (libraries chatter). Empty lines are dropped.
 */
void logPrintf(const QLoggingCategory& category, QtMsgType type, const char* source,
               const char* format, va_list args);

} // namespace steward
