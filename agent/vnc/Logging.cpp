// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "agent/vnc/Logging.h"

Q_LOGGING_CATEGORY(lcAgentVnc, "steward.agent.vnc", QtInfoMsg)
