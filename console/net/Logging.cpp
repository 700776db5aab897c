// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "console/net/Logging.h"

Q_LOGGING_CATEGORY(lcConsoleNet, "steward.console.net", QtInfoMsg)
Q_LOGGING_CATEGORY(lcConsoleUi, "steward.console.ui", QtInfoMsg)
