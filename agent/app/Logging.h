// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// Logging - the logging categories of steward-agent's core.
#pragma once

#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcAgentApp)
Q_DECLARE_LOGGING_CATEGORY(lcAgentEnrol)
Q_DECLARE_LOGGING_CATEGORY(lcAgentLink)
Q_DECLARE_LOGGING_CATEGORY(lcAgentDiscovery)
