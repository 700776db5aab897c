// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "console/vnc/Logging.h"

Q_LOGGING_CATEGORY(lcConsoleVnc, "steward.console.vnc", QtInfoMsg)
