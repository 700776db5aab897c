// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "agent/shadow/Logging.h"

Q_LOGGING_CATEGORY(lcAgentShadow, "steward.agent.shadow", QtInfoMsg)
