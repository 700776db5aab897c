// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "agent/vnc/X11Clipboard.h"

#include "agent/vnc/Logging.h"

#include <xcb/xcb.h>
#include <xcb/xfixes.h>

#include <QSocketNotifier>

#include <array>
#include <cstdlib>
#include <cstring>

namespace steward::agent::vnc {

namespace {

template <typename T> using XcbReply = std::unique_ptr<T, decltype(&std::free)>;
template <typename T> XcbReply<T> adopt(T* reply)
{
    return XcbReply<T>(reply, &std::free);
}

xcb_atom_t intern(xcb_connection_t* connection, const char* name)
{
    auto reply = adopt(xcb_intern_atom_reply(
        connection, xcb_intern_atom(connection, 0, std::uint16_t(std::strlen(name)), name),
        nullptr));
    return reply ? reply->atom : xcb_atom_t(XCB_ATOM_NONE);
}

} // namespace

struct X11Clipboard::Connection {
    xcb_connection_t* connection = nullptr;
    xcb_window_t window = 0;
    std::uint8_t xfixesEvent = 0;
    xcb_atom_t clipboard = XCB_ATOM_NONE;
    xcb_atom_t utf8 = XCB_ATOM_NONE;
    xcb_atom_t text = XCB_ATOM_NONE;
    xcb_atom_t targets = XCB_ATOM_NONE;
    xcb_atom_t incr = XCB_ATOM_NONE;
    xcb_atom_t property = XCB_ATOM_NONE; // where owners put what we asked for
    bool owning = false;

    ~Connection()
    {
        if (connection != nullptr) {
            if (window != 0) {
                xcb_destroy_window(connection, window);
                xcb_flush(connection);
            }
            xcb_disconnect(connection);
        }
    }
};

Result<std::unique_ptr<X11Clipboard>> X11Clipboard::open(const QByteArray& display)
{
    auto x = std::make_unique<Connection>();
    int screenNumber = 0;
    x->connection = xcb_connect(display.isEmpty() ? nullptr : display.constData(), &screenNumber);
    if (xcb_connection_has_error(x->connection) != 0) {
        return makeError(
            ErrorCode::ConnectionFailed,
            QStringLiteral("cannot connect to X display %1 for the clipboard")
                .arg(QString::fromLocal8Bit(display.isEmpty() ? qgetenv("DISPLAY") : display)));
    }
    const auto* extension = xcb_get_extension_data(x->connection, &xcb_xfixes_id);
    if (extension == nullptr || extension->present == 0) {
        return makeError(ErrorCode::InvalidConfig,
                         QStringLiteral("the X display has no XFixes extension: the clipboard "
                                        "cannot follow other clients"));
    }
    auto version = adopt(xcb_xfixes_query_version_reply(
        x->connection, xcb_xfixes_query_version(x->connection, 5, 0), nullptr));
    if (!version || version->major_version < 1) {
        return makeError(ErrorCode::InvalidConfig,
                         QStringLiteral("the X display's XFixes is too old for selections"));
    }
    x->xfixesEvent = extension->first_event;
    auto screens = xcb_setup_roots_iterator(xcb_get_setup(x->connection));
    for (int i = 0; i < screenNumber && screens.rem; ++i) {
        xcb_screen_next(&screens);
    }
    if (screens.data == nullptr) {
        return makeError(ErrorCode::InvalidArgument, QStringLiteral("the X display has no screen"));
    }
    x->window = xcb_generate_id(x->connection);
    const std::uint32_t events = XCB_EVENT_MASK_PROPERTY_CHANGE;
    xcb_create_window(x->connection, XCB_COPY_FROM_PARENT, x->window, screens.data->root, 0, 0, 1,
                      1, 0, XCB_WINDOW_CLASS_INPUT_ONLY, XCB_COPY_FROM_PARENT, XCB_CW_EVENT_MASK,
                      &events);
    x->clipboard = intern(x->connection, "CLIPBOARD");
    x->utf8 = intern(x->connection, "UTF8_STRING");
    x->text = intern(x->connection, "TEXT");
    x->targets = intern(x->connection, "TARGETS");
    x->incr = intern(x->connection, "INCR");
    x->property = intern(x->connection, "STEWARD_SELECTION");
    xcb_xfixes_select_selection_input(x->connection, x->window, x->clipboard,
                                      XCB_XFIXES_SELECTION_EVENT_MASK_SET_SELECTION_OWNER);
    xcb_flush(x->connection);
    if (xcb_connection_has_error(x->connection) != 0) {
        return makeError(ErrorCode::ConnectionFailed,
                         QStringLiteral("the X connection for the clipboard failed"));
    }
    return std::make_unique<X11Clipboard>(std::move(x));
}

X11Clipboard::X11Clipboard(std::unique_ptr<Connection> connection) : m_x(std::move(connection))
{
    m_notifier = std::make_unique<QSocketNotifier>(xcb_get_file_descriptor(m_x->connection),
                                                   QSocketNotifier::Read);
    connect(m_notifier.get(), &QSocketNotifier::activated, this, &X11Clipboard::handleXEvents);
}

X11Clipboard::~X11Clipboard() = default;

void X11Clipboard::setText(const QString& text)
{
    m_text = text.left(MaxBytes);
    for (const xcb_atom_t selection : {m_x->clipboard, xcb_atom_t(XCB_ATOM_PRIMARY)}) {
        xcb_set_selection_owner(m_x->connection, m_x->window, selection, XCB_CURRENT_TIME);
    }
    m_x->owning = true;
    xcb_flush(m_x->connection);
    qCDebug(lcAgentVnc, "clipboard: the viewer's text (%lld characters) is on the X display",
            static_cast<long long>(m_text.size()));
}

void X11Clipboard::handleXEvents()
{
    while (auto event = adopt(xcb_poll_for_event(m_x->connection))) {
        const int type = event->response_type & 0x7f;
        if (type == XCB_SELECTION_REQUEST) {
            answerRequest(event.get());
        } else if (type == XCB_SELECTION_CLEAR) {
            const auto* clear = reinterpret_cast<const xcb_selection_clear_event_t*>(event.get());
            if (clear->selection == m_x->clipboard) {
                m_x->owning = false;
            }
        } else if (type == XCB_SELECTION_NOTIFY) {
            readSelection(event.get());
        } else if (type == m_x->xfixesEvent + XCB_XFIXES_SELECTION_NOTIFY) {
            const auto* owner =
                reinterpret_cast<const xcb_xfixes_selection_notify_event_t*>(event.get());
            if (owner->owner != m_x->window && owner->owner != XCB_NONE) {
                // Another client copied: ask it for the text; the answer is a SelectionNotify.
                xcb_convert_selection(m_x->connection, m_x->window, m_x->clipboard, m_x->utf8,
                                      m_x->property, owner->timestamp);
                xcb_flush(m_x->connection);
            }
        }
    }
    if (xcb_connection_has_error(m_x->connection) != 0) {
        qCWarning(lcAgentVnc, "clipboard: the X connection was lost");
        m_notifier->setEnabled(false);
    }
}

void X11Clipboard::answerRequest(const void* raw)
{
    const auto* request = static_cast<const xcb_selection_request_event_t*>(raw);
    // Obsolete clients pass no property: the answer then goes into the target's name.
    xcb_atom_t property = request->property == XCB_NONE ? request->target : request->property;
    const bool ours =
        m_x->owning
        && (request->selection == m_x->clipboard || request->selection == XCB_ATOM_PRIMARY);
    if (!ours) {
        property = XCB_NONE;
    } else if (request->target == m_x->targets) {
        const std::array<xcb_atom_t, 4> offered{m_x->targets, m_x->utf8, m_x->text,
                                                XCB_ATOM_STRING};
        xcb_change_property(m_x->connection, XCB_PROP_MODE_REPLACE, request->requestor, property,
                            XCB_ATOM_ATOM, 32, std::uint32_t(offered.size()), offered.data());
    } else if (request->target == m_x->utf8 || request->target == m_x->text) {
        const QByteArray bytes = m_text.toUtf8();
        xcb_change_property(m_x->connection, XCB_PROP_MODE_REPLACE, request->requestor, property,
                            m_x->utf8, 8, std::uint32_t(bytes.size()), bytes.constData());
    } else if (request->target == XCB_ATOM_STRING) {
        const QByteArray bytes = m_text.toLatin1();
        xcb_change_property(m_x->connection, XCB_PROP_MODE_REPLACE, request->requestor, property,
                            XCB_ATOM_STRING, 8, std::uint32_t(bytes.size()), bytes.constData());
    } else {
        property = XCB_NONE; // a format we do not offer
    }
    // xcb_send_event always sends 32 bytes; the notify struct is shorter.
    std::array<char, 32> buffer{};
    xcb_selection_notify_event_t notify{};
    notify.response_type = XCB_SELECTION_NOTIFY;
    notify.time = request->time;
    notify.requestor = request->requestor;
    notify.selection = request->selection;
    notify.target = request->target;
    notify.property = property;
    std::memcpy(buffer.data(), &notify, sizeof notify);
    xcb_send_event(m_x->connection, 0, request->requestor, XCB_EVENT_MASK_NO_EVENT, buffer.data());
    xcb_flush(m_x->connection);
}

void X11Clipboard::readSelection(const void* raw)
{
    const auto* notify = static_cast<const xcb_selection_notify_event_t*>(raw);
    if (notify->selection != m_x->clipboard) {
        return;
    }
    if (notify->property == XCB_NONE) {
        if (notify->target == m_x->utf8) { // an owner without UTF-8: ask for Latin-1
            xcb_convert_selection(m_x->connection, m_x->window, m_x->clipboard, XCB_ATOM_STRING,
                                  m_x->property, notify->time);
            xcb_flush(m_x->connection);
        }
        return;
    }
    // One short round trip to the local X server; the property is deleted as it is read.
    auto reply = adopt(
        xcb_get_property_reply(m_x->connection,
                               xcb_get_property(m_x->connection, 1, m_x->window, m_x->property,
                                                XCB_GET_PROPERTY_TYPE_ANY, 0, MaxBytes / 4),
                               nullptr));
    if (!reply) {
        return;
    }
    if (reply->type == m_x->incr || reply->bytes_after > 0) {
        qCInfo(lcAgentVnc, "clipboard: the copied text is over %d bytes; it is not passed on",
               MaxBytes);
        return;
    }
    const auto* data = static_cast<const char*>(xcb_get_property_value(reply.get()));
    const int length = xcb_get_property_value_length(reply.get());
    const QString text = reply->type == XCB_ATOM_STRING ? QString::fromLatin1(data, length)
                                                        : QString::fromUtf8(data, length);
    if (text == m_text && !m_x->owning) {
        return;
    }
    m_text = text;
    m_x->owning = false;
    Q_EMIT textChanged(m_text);
}

} // namespace steward::agent::vnc
