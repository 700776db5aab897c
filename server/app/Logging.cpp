// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/app/Logging.h"

Q_LOGGING_CATEGORY(lcServerApp, "steward.server.app", QtInfoMsg)
Q_LOGGING_CATEGORY(lcServerHttp, "steward.server.http", QtInfoMsg)
Q_LOGGING_CATEGORY(lcServerAuth, "steward.server.auth", QtInfoMsg)
Q_LOGGING_CATEGORY(lcServerGateway, "steward.server.gateway", QtInfoMsg)
