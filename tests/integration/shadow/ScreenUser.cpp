// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "tests/integration/shadow/ScreenUser.h"

#include "tests/support/EventLoop.h"

#include <xcb/xcb.h>
#include <xcb/xtest.h>

#include <cstdlib>

namespace steward::test {
namespace {

QString property(xcb_connection_t* connection, xcb_window_t window, xcb_atom_t atom)
{
    auto cookie = xcb_get_property(connection, 0, window, atom, XCB_ATOM_ANY, 0, 256);
    xcb_get_property_reply_t* reply = xcb_get_property_reply(connection, cookie, nullptr);
    if (!reply) {
        return {};
    }
    const QString text = QString::fromUtf8(static_cast<const char*>(xcb_get_property_value(reply)),
                                           xcb_get_property_value_length(reply));
    std::free(reply);
    return text;
}

/** _NET_WM_NAME (UTF-8, what Qt sets), else WM_NAME. */
QString windowName(xcb_connection_t* connection, xcb_window_t window)
{
    static constexpr char NetWmName[] = "_NET_WM_NAME";
    xcb_intern_atom_reply_t* atom = xcb_intern_atom_reply(
        connection, xcb_intern_atom(connection, 1, sizeof(NetWmName) - 1, NetWmName), nullptr);
    QString name;
    if (atom && atom->atom != XCB_ATOM_NONE) {
        name = property(connection, window, atom->atom);
    }
    std::free(atom);
    return name.isEmpty() ? property(connection, window, XCB_ATOM_WM_NAME) : name;
}

bool isViewable(xcb_connection_t* connection, xcb_window_t window)
{
    xcb_get_window_attributes_reply_t* attributes = xcb_get_window_attributes_reply(
        connection, xcb_get_window_attributes(connection, window), nullptr);
    const bool viewable = attributes && attributes->map_state == XCB_MAP_STATE_VIEWABLE;
    std::free(attributes);
    return viewable;
}

} // namespace

ScreenUser::ScreenUser(const QByteArray& display)
    : m_connection(xcb_connect(display.constData(), nullptr))
{
    if (xcb_connection_has_error(m_connection) == 0) {
        m_root = xcb_setup_roots_iterator(xcb_get_setup(m_connection)).data->root;
    }
}

ScreenUser::~ScreenUser()
{
    xcb_disconnect(m_connection);
}

std::optional<QRect> ScreenUser::window(const QString& title)
{
    if (m_root == 0) {
        return std::nullopt;
    }
    xcb_query_tree_reply_t* tree =
        xcb_query_tree_reply(m_connection, xcb_query_tree(m_connection, m_root), nullptr);
    if (!tree) {
        return std::nullopt;
    }
    std::optional<QRect> found;
    const xcb_window_t* children = xcb_query_tree_children(tree);
    for (int i = 0; i < xcb_query_tree_children_length(tree) && !found; ++i) {
        if (windowName(m_connection, children[i]) != title
            || !isViewable(m_connection, children[i])) {
            continue;
        }
        xcb_get_geometry_reply_t* geometry = xcb_get_geometry_reply(
            m_connection, xcb_get_geometry(m_connection, children[i]), nullptr);
        if (geometry) {
            found = QRect(geometry->x, geometry->y, geometry->width, geometry->height);
            std::free(geometry);
        }
    }
    std::free(tree);
    return found;
}

std::optional<QRect> ScreenUser::waitForWindow(const QString& title)
{
    std::optional<QRect> found;
    if (!waitUntil([&] { return (found = window(title)).has_value(); }, std::chrono::seconds(20))) {
        return std::nullopt;
    }
    return found;
}

void ScreenUser::click(QPoint point)
{
    xcb_test_fake_input(m_connection, XCB_MOTION_NOTIFY, 0, XCB_CURRENT_TIME, m_root,
                        qint16(point.x()), qint16(point.y()), 0);
    xcb_test_fake_input(m_connection, XCB_BUTTON_PRESS, 1, XCB_CURRENT_TIME, XCB_NONE, 0, 0, 0);
    xcb_test_fake_input(m_connection, XCB_BUTTON_RELEASE, 1, XCB_CURRENT_TIME, XCB_NONE, 0, 0, 0);
    // A round trip: the X server has handled the fake input when the reply comes.
    std::free(xcb_get_input_focus_reply(m_connection, xcb_get_input_focus(m_connection), nullptr));
}

} // namespace steward::test
