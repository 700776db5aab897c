// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// LoggingSetup - one message pattern and filter rules for every Steward program.
#pragma once

#include <QString>

namespace steward {

/**
 * Sets the message pattern once per process. The timestamp is left out when JOURNAL_STREAM
 * is set, because journald stamps lines itself. \a rules uses QLoggingCategory's syntax,
 * e.g. "steward.server.db.debug=true"; empty keeps Qt's defaults and QT_LOGGING_RULES.
 */
void setupLogging(const QString& rules = {});

} // namespace steward
