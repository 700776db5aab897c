// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// XvfbFixture - a private Xvfb for a test, and a small X client that paints on it.
#pragma once

#include <QByteArray>
#include <QPoint>
#include <QProcess>
#include <QRect>
#include <QSize>

#include <cstdint>

struct xcb_connection_t;
struct xcb_screen_t;

namespace steward::test {

/** Xvfb on a free display number, which it reports through -displayfd; 24-bit colour. */
class Xvfb {
public:
    explicit Xvfb(QSize size = QSize(320, 240));
    ~Xvfb();
    Xvfb(const Xvfb&) = delete;
    Xvfb& operator=(const Xvfb&) = delete;

    /** ":N", or empty when Xvfb did not start. */
    [[nodiscard]] const QByteArray& display() const { return m_display; }

private:
    QProcess m_process;
    QByteArray m_display;
};

/** The test's own X client: fills rectangles of the root window and reads the pointer. */
class XPainter {
public:
    explicit XPainter(const QByteArray& display);
    ~XPainter();
    XPainter(const XPainter&) = delete;
    XPainter& operator=(const XPainter&) = delete;

    /** Fills rect with an XRGB colour; returns once the X server has drawn it. */
    void fill(const QRect& rect, std::uint32_t colour);
    [[nodiscard]] QPoint pointer();

private:
    void sync();

    xcb_connection_t* m_connection;
    xcb_screen_t* m_screen = nullptr;
    std::uint32_t m_gc = 0;
};

/**
 * Starts x11vnc on display, listening on 127.0.0.1 only, and returns its port once it listens
 * (0 when it did not start). The process stops with stopProcess().
 */
[[nodiscard]] quint16 startX11vnc(QProcess& process, const QByteArray& display);
/** A JPEG's colour against an XRGB value, within a small tolerance (vncsnapshot writes JPEG). */
[[nodiscard]] bool nearColour(unsigned int actualArgb, std::uint32_t expected);

/** SIGTERM, then SIGKILL if the process takes more than 3 s over it. */
void stopProcess(QProcess& process);

} // namespace steward::test
