// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// ScreenUser - the device's local user in tests: finds a window on an Xvfb display by its title
// and clicks into it with XTest, as a person with a mouse would.
#pragma once

#include <QByteArray>
#include <QPoint>
#include <QRect>
#include <QString>

#include <optional>

struct xcb_connection_t;

namespace steward::test {

class ScreenUser {
public:
    explicit ScreenUser(const QByteArray& display);
    ~ScreenUser();
    ScreenUser(const ScreenUser&) = delete;
    ScreenUser& operator=(const ScreenUser&) = delete;

    /** The root-relative geometry of the mapped top-level window titled \a title, if any. */
    [[nodiscard]] std::optional<QRect> window(const QString& title);
    /** Waits (bounded) until that window is shown; its geometry, or nullopt. */
    [[nodiscard]] std::optional<QRect> waitForWindow(const QString& title);
    /** Moves the pointer to \a point (root coordinates) and clicks the left button there. */
    void click(QPoint point);

private:
    xcb_connection_t* m_connection;
    unsigned m_root = 0;
};

} // namespace steward::test
