// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// X11ScreenSource - the X11 root window as a ScreenSource: XCB MIT-SHM capture, XDamage, XTest.
#pragma once

#include "agent/vnc/ScreenSource.h"
#include "common/core/Result.h"

#include <QByteArray>
#include <QTimer>

#include <chrono>
#include <memory>

class QSocketNotifier;

namespace steward::agent::vnc {

class X11Clipboard;

struct X11ScreenSourceOptions {
    QByteArray display;                          // empty: $DISPLAY
    bool useDamage = true;                       // false: poll even when XDamage is available
    std::chrono::milliseconds pollInterval{100}; // polling fallback: how often to compare frames
};

/**
 * Captures the root window of an X display. Changes come from XDamage (raw rectangles) when the
 * server offers it, otherwise from comparing 64-pixel tiles of a fresh capture on a timer.
 * Capture uses an MIT-SHM segment when the server shares our IPC namespace, GetImage otherwise.
 * Input is injected with XTest. Only 24/32-bit TrueColor displays (XRGB) are supported. The
 * display's CLIPBOARD follows the viewers both ways through X11Clipboard.
 */
class X11ScreenSource final : public ScreenSource {
    Q_OBJECT

public:
    [[nodiscard]] static Result<std::unique_ptr<X11ScreenSource>>
    open(const X11ScreenSourceOptions& options = {});
    ~X11ScreenSource() override;

    [[nodiscard]] QSize size() const override;
    QRegion copyChanges(const FramebufferView& target) override;
    void injectKey(std::uint32_t keysym, bool down) override;
    void injectPointer(QPoint position, int buttonMask) override;
    /** Puts a viewer's text on the display's CLIPBOARD and PRIMARY (X11Clipboard). */
    void setClipboard(const QString& text) override;
    /** Whether the clipboard follows the display (XFixes present); the screen works without. */
    [[nodiscard]] bool hasClipboard() const { return m_clipboard != nullptr; }

    [[nodiscard]] bool usesDamage() const;
    [[nodiscard]] bool usesSharedMemory() const;

    struct Connection; // XCB state, kept out of this header; only open() can make one
    X11ScreenSource(std::unique_ptr<Connection> connection, const X11ScreenSourceOptions& options);

private:
    void handleXEvents();

    std::unique_ptr<Connection> m_x;
    std::unique_ptr<QSocketNotifier> m_notifier;
    std::unique_ptr<X11Clipboard> m_clipboard;
    QTimer m_pollTimer;
    QRegion m_pending;
    bool m_copiedOnce = false;
    int m_buttonMask = 0;
};

} // namespace steward::agent::vnc
