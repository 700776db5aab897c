// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// AdminCli - steward-admin's command line: parses, dispatches and maps failures to exit codes.
#pragma once

#include "server/admin/AdminContext.h"

#include <QStringList>

namespace steward::server::admin {

/** Exit codes of steward-admin (sysexits where one fits). */
enum ExitCode : int { ExitOk = 0, ExitFailure = 1, ExitUsage = 2, ExitConfig = 78 };

/**
 * Runs one steward-admin invocation. \a arguments includes the program name, as argv does.
 * Errors go to \a err as "steward-admin: <message>". Tests call this in-process.
 */
[[nodiscard]] int runAdminCommand(const QStringList& arguments, QIODevice& input, QTextStream& out,
                                  QTextStream& err, const QProcessEnvironment& environment,
                                  const AdminOptions& options = {});

} // namespace steward::server::admin
