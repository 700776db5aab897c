// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// Logging - the logging categories of steward-server's core.
#pragma once

#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcServerApp)
Q_DECLARE_LOGGING_CATEGORY(lcServerHttp)
Q_DECLARE_LOGGING_CATEGORY(lcServerAuth)
Q_DECLARE_LOGGING_CATEGORY(lcServerGateway)
