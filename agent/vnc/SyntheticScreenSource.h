// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// SyntheticScreenSource - a known picture (solid background, moving square) for tests and demos.
#pragma once

#include "agent/vnc/ScreenSource.h"

#include <QRect>
#include <QTimer>

#include <chrono>
#include <vector>

namespace steward::agent::vnc {

struct SyntheticPattern {
    QSize size{640, 480};
    std::uint32_t background = 0x00204060; // XRGB
    std::uint32_t square = 0x00ff8000;
    int squareSize = 32;
    int step = 40;                        // pixels the square moves right on each tick
    std::chrono::milliseconds interval{}; // 0: ticks only when advance() is called
    bool fullFrameChanges = false;        // every tick changes every pixel (benchmarks)
};

/** Records the input it gets, so tests can check what reached the "device". */
struct RecordedPointer {
    QPoint position;
    int buttonMask = 0;
};
struct RecordedKey {
    std::uint32_t keysym = 0;
    bool down = false;
};

class SyntheticScreenSource final : public ScreenSource {
    Q_OBJECT

public:
    explicit SyntheticScreenSource(SyntheticPattern pattern = {}, QObject* parent = nullptr);

    [[nodiscard]] QSize size() const override { return m_pattern.size; }
    QRegion copyChanges(const FramebufferView& target) override;
    void injectKey(std::uint32_t keysym, bool down) override;
    void injectPointer(QPoint position, int buttonMask) override;

    /** Moves the square one step (what the timer does). */
    void advance();
    [[nodiscard]] int tick() const { return m_tick; }
    /** Where the square is after the given tick; deterministic so tests can predict it. */
    [[nodiscard]] QRect squareAt(int tick) const;
    /** The colour at a position after the given tick. */
    [[nodiscard]] std::uint32_t pixelAt(QPoint position, int tick) const;
    [[nodiscard]] const SyntheticPattern& pattern() const { return m_pattern; }

    [[nodiscard]] const std::vector<RecordedPointer>& pointerEvents() const { return m_pointer; }
    [[nodiscard]] const std::vector<RecordedKey>& keyEvents() const { return m_keys; }

private:
    void fill(const FramebufferView& target, const QRect& rect) const;

    SyntheticPattern m_pattern;
    QTimer m_timer;
    int m_tick = 0;
    int m_copiedTick = -1; // the tick the last copyChanges() showed; -1: nothing copied yet
    std::vector<RecordedPointer> m_pointer;
    std::vector<RecordedKey> m_keys;
};

} // namespace steward::agent::vnc
