// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/db/Logging.h"

Q_LOGGING_CATEGORY(lcServerDb, "steward.server.db", QtInfoMsg)
