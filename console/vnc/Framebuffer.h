// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// Framebuffer - the viewer's copy of the remote screen, written by the VNC thread, read by the GUI.
#pragma once

#include <QImage>
#include <QRect>
#include <QRgb>
#include <QSize>

#include <cstdint>
#include <mutex>
#include <vector>

namespace steward::console::vnc {

/**
 * Plain XRGB pixels behind a mutex. The VNC thread never touches a QImage: it writes raw rows
 * here, and the GUI thread takes a QImage copy (or reads single pixels) under the same lock.
 */
class Framebuffer {
public:
    void resize(QSize size);
    /** Copies rect from source (XRGB rows of sourceStridePixels) at the same position. */
    void write(const QRect& rect, const std::uint32_t* source, int sourceStridePixels);

    [[nodiscard]] QSize size() const;
    /** The pixel's 0xRRGGBB value, or nothing (0) outside the framebuffer. */
    [[nodiscard]] QRgb pixel(QPoint position) const;
    /** A deep copy as a QImage::Format_RGB32 image; the caller owns it. */
    [[nodiscard]] QImage image() const;
    [[nodiscard]] QImage image(const QRect& rect) const;

private:
    mutable std::mutex m_mutex;
    QSize m_size;
    std::vector<std::uint32_t> m_pixels;
};

} // namespace steward::console::vnc
