// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// InputEvent - viewer input as plain values, queued from the GUI thread to the VNC thread.
#pragma once

#include <QByteArray>
#include <QPoint>

#include <cstdint>
#include <variant>

namespace steward::console::vnc {

struct KeyEvent {
    std::uint32_t keysym = 0; // X11 keysym, as RFB sends it
    bool down = false;
};

struct PointerEvent {
    QPoint position;    // framebuffer coordinates
    int buttonMask = 0; // RFB mask: bit 0 left, 1 middle, 2 right, 3/4 wheel up/down
};

/** Clipboard text for the server (RFB ClientCutText: ISO 8859-1, as libvncclient 0.9.14 sends). */
struct ClipboardEvent {
    QByteArray latin1;
};

using InputEvent = std::variant<KeyEvent, PointerEvent, ClipboardEvent>;

} // namespace steward::console::vnc
