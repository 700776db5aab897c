// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// TerminationSignals - SIGTERM and SIGINT end the event loop cleanly instead of killing it.
#pragma once

class QCoreApplication;

namespace steward {

/**
 * After this call SIGTERM and SIGINT make \a app quit its event loop, so destructors run:
 * databases close, sockets say goodbye. The signal handler only writes to a pipe; the rest
 * happens on the event loop. Call once per process.
 */
void quitOnTerminationSignals(QCoreApplication& app);

} // namespace steward
