// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// ScreenSource - what the agent's VNC server shows: a screen it can copy and optionally drive.
#pragma once

#include <QObject>
#include <QPoint>
#include <QRegion>
#include <QSize>
#include <QString>

#include <cstdint>

namespace steward::agent::vnc {

/** Where a source copies pixels: 32-bit XRGB (0x00RRGGBB in native byte order), row-major. */
struct FramebufferView {
    std::uint32_t* pixels = nullptr;
    QSize size;
    int stridePixels = 0;
};

/**
 * A screen for VncServer. All methods run on the thread the source lives on, which is the
 * VncServer's thread. Sources emit changed() when new content is available; the server then
 * calls copyChanges(), which copies what changed since the last call and returns that region.
 * The first call after construction copies the whole screen.
 */
class ScreenSource : public QObject {
    Q_OBJECT

public:
    using QObject::QObject;
    ~ScreenSource() override = default;

    [[nodiscard]] virtual QSize size() const = 0;
    /** Copies what changed since the last call into target (of size()) and returns it. */
    virtual QRegion copyChanges(const FramebufferView& target) = 0;

    /** Input from a viewer; X11 keysyms and the RFB button mask (bit 0 = left). */
    virtual void injectKey(std::uint32_t keysym, bool down)
    {
        Q_UNUSED(keysym);
        Q_UNUSED(down);
    }
    virtual void injectPointer(QPoint position, int buttonMask)
    {
        Q_UNUSED(position);
        Q_UNUSED(buttonMask);
    }

    /** A viewer's clipboard text, for the screen's own clipboard; sources without one drop it. */
    virtual void setClipboard(const QString& text) { Q_UNUSED(text); }

Q_SIGNALS:
    /** New content is waiting for copyChanges(). */
    void changed();
    /** Something on the screen copied \a text: VncServer sends it to every viewer. */
    void clipboardChanged(const QString& text);
};

} // namespace steward::agent::vnc
