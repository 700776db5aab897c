// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// PromptProtocol - how the agent (and tests) talk to steward-agent-prompt: its window titles
// and exit statuses. No Qt Widgets here: the agent core includes it.
#pragma once

namespace steward::agent::prompt {

/** Window titles, so people (and tests) can find the windows. */
inline constexpr char ConsentTitle[] = "Steward: screen sharing request";
inline constexpr char IndicatorTitle[] = "Steward: screen shared";

/** The exit status of steward-agent-prompt (docs/shadowing.md, "The device's own prompt"). */
enum class PromptExit : int {
    Allowed = 0,  // consent: Allow; indicator: the user pressed End session
    Denied = 1,   // consent: Deny, Escape or the window closed
    Usage = 2,    // bad arguments, or no display
    TimedOut = 3, // consent: no answer before the countdown ran out
    Closed = 4,   // indicator: closed without pressing End session
};

} // namespace steward::agent::prompt
