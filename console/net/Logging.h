// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// Logging - the console's categories (steward.console.net|ui).
#pragma once

#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcConsoleNet)
Q_DECLARE_LOGGING_CATEGORY(lcConsoleUi)
