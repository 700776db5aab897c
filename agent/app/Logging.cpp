// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "agent/app/Logging.h"

Q_LOGGING_CATEGORY(lcAgentApp, "steward.agent.app", QtInfoMsg)
Q_LOGGING_CATEGORY(lcAgentEnrol, "steward.agent.enrol", QtInfoMsg)
Q_LOGGING_CATEGORY(lcAgentLink, "steward.agent.link", QtInfoMsg)
Q_LOGGING_CATEGORY(lcAgentDiscovery, "steward.agent.discovery", QtInfoMsg)
