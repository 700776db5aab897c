// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/core/Logging.h"

Q_LOGGING_CATEGORY(lcProtocol, "steward.protocol", QtInfoMsg)
Q_LOGGING_CATEGORY(lcTls, "steward.tls", QtInfoMsg)
Q_LOGGING_CATEGORY(lcCrypto, "steward.crypto", QtInfoMsg)
Q_LOGGING_CATEGORY(lcNet, "steward.net", QtInfoMsg)
