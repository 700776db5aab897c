// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "agent/vnc/SyntheticScreenSource.h"

#include <algorithm>

namespace steward::agent::vnc {

namespace {
// Inverting the colour channels on odd ticks makes every pixel change in full-frame mode.
constexpr std::uint32_t FullFrameFlip = 0x00ffffff;
} // namespace

SyntheticScreenSource::SyntheticScreenSource(SyntheticPattern pattern, QObject* parent)
    : ScreenSource(parent), m_pattern(pattern)
{
    Q_ASSERT(m_pattern.size.width() > 4 * m_pattern.squareSize);
    Q_ASSERT(m_pattern.size.height() > 2 * m_pattern.squareSize);
    if (m_pattern.interval.count() > 0) {
        m_timer.setInterval(m_pattern.interval);
        connect(&m_timer, &QTimer::timeout, this, &SyntheticScreenSource::advance);
        m_timer.start();
    }
}

QRect SyntheticScreenSource::squareAt(int tick) const
{
    // The square walks right along the middle row and wraps, keeping one square's width
    // from both edges: it never covers the corner around (10,10), which stays background.
    const int size = m_pattern.squareSize;
    const int span = m_pattern.size.width() - 3 * size;
    const int x = size + (tick * m_pattern.step) % span;
    return QRect(x, m_pattern.size.height() / 2, size, size);
}

std::uint32_t SyntheticScreenSource::pixelAt(QPoint position, int tick) const
{
    std::uint32_t colour =
        squareAt(tick).contains(position) ? m_pattern.square : m_pattern.background;
    if (m_pattern.fullFrameChanges && tick % 2 == 1) {
        colour ^= FullFrameFlip;
    }
    return colour;
}

void SyntheticScreenSource::fill(const FramebufferView& target, const QRect& rect) const
{
    const QRect square = squareAt(m_tick);
    const bool flip = m_pattern.fullFrameChanges && m_tick % 2 == 1;
    const std::uint32_t background =
        flip ? m_pattern.background ^ FullFrameFlip : m_pattern.background;
    const std::uint32_t foreground = flip ? m_pattern.square ^ FullFrameFlip : m_pattern.square;
    for (int y = rect.top(); y <= rect.bottom(); ++y) {
        std::uint32_t* row = target.pixels + qsizetype(y) * target.stridePixels;
        std::fill(row + rect.left(), row + rect.right() + 1, background);
        const QRect onRow = square.intersected(QRect(rect.left(), y, rect.width(), 1));
        if (!onRow.isEmpty()) {
            std::fill(row + onRow.left(), row + onRow.right() + 1, foreground);
        }
    }
}

QRegion SyntheticScreenSource::copyChanges(const FramebufferView& target)
{
    Q_ASSERT(target.size == m_pattern.size);
    QRegion changed;
    if (m_copiedTick < 0 || m_pattern.fullFrameChanges) {
        changed = QRect(QPoint(0, 0), m_pattern.size);
    } else if (m_copiedTick != m_tick) {
        changed = QRegion(squareAt(m_copiedTick)) + squareAt(m_tick);
    }
    if (m_copiedTick == m_tick) {
        return {};
    }
    for (const QRect& rect : changed) {
        fill(target, rect);
    }
    m_copiedTick = m_tick;
    return changed;
}

void SyntheticScreenSource::advance()
{
    ++m_tick;
    Q_EMIT changed();
}

void SyntheticScreenSource::injectKey(std::uint32_t keysym, bool down)
{
    m_keys.push_back(RecordedKey{keysym, down});
}

void SyntheticScreenSource::injectPointer(QPoint position, int buttonMask)
{
    m_pointer.push_back(RecordedPointer{position, buttonMask});
}

} // namespace steward::agent::vnc
