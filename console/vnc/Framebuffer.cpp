// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "console/vnc/Framebuffer.h"

#include <algorithm>
#include <cstring>

namespace steward::console::vnc {

void Framebuffer::resize(QSize size)
{
    std::lock_guard lock(m_mutex);
    m_size = size;
    m_pixels.assign(std::size_t(size.width()) * std::size_t(size.height()), 0);
}

void Framebuffer::write(const QRect& rect, const std::uint32_t* source, int sourceStridePixels)
{
    std::lock_guard lock(m_mutex);
    const QRect clipped = rect.intersected(QRect(QPoint(0, 0), m_size));
    for (int y = clipped.top(); y <= clipped.bottom(); ++y) {
        const std::uint32_t* from = source + qsizetype(y) * sourceStridePixels + clipped.left();
        std::uint32_t* to = m_pixels.data() + qsizetype(y) * m_size.width() + clipped.left();
        std::memcpy(to, from, std::size_t(clipped.width()) * sizeof(std::uint32_t));
    }
}

QSize Framebuffer::size() const
{
    std::lock_guard lock(m_mutex);
    return m_size;
}

QRgb Framebuffer::pixel(QPoint position) const
{
    std::lock_guard lock(m_mutex);
    if (!QRect(QPoint(0, 0), m_size).contains(position)) {
        return 0;
    }
    return m_pixels[std::size_t(position.y()) * std::size_t(m_size.width())
                    + std::size_t(position.x())]
           & 0x00ffffff;
}

QImage Framebuffer::image() const
{
    return image(QRect(QPoint(0, 0), size()));
}

QImage Framebuffer::image(const QRect& rect) const
{
    std::lock_guard lock(m_mutex);
    const QRect clipped = rect.intersected(QRect(QPoint(0, 0), m_size));
    QImage copy(clipped.size(), QImage::Format_RGB32);
    for (int y = 0; y < clipped.height(); ++y) {
        const std::uint32_t* from =
            m_pixels.data() + qsizetype(clipped.top() + y) * m_size.width() + clipped.left();
        std::memcpy(copy.scanLine(y), from, std::size_t(clipped.width()) * sizeof(std::uint32_t));
    }
    return copy;
}

} // namespace steward::console::vnc
