// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "console/shadow/Logging.h"

Q_LOGGING_CATEGORY(lcConsoleShadow, "steward.console.shadow", QtInfoMsg)
