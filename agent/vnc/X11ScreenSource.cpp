// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "agent/vnc/X11ScreenSource.h"

#include "agent/vnc/Logging.h"
#include "agent/vnc/X11Clipboard.h"

#include <xcb/damage.h>
#include <xcb/shm.h>
#include <xcb/xcb.h>
#include <xcb/xtest.h>

#include <sys/ipc.h>
#include <sys/shm.h>

#include <QSocketNotifier>

#include <cstdlib>
#include <cstring>
#include <vector>

namespace steward::agent::vnc {

namespace {

constexpr int TileSize = 64;       // polling compares the screen in tiles of this size
constexpr int MaxDamageRects = 32; // beyond this, one bounding rectangle is captured instead

template <typename T> using XcbReply = std::unique_ptr<T, decltype(&std::free)>;
template <typename T> XcbReply<T> adopt(T* reply)
{
    return XcbReply<T>(reply, &std::free);
}

bool isXrgbVisual(const xcb_screen_t* screen)
{
    for (auto depths = xcb_screen_allowed_depths_iterator(screen); depths.rem;
         xcb_depth_next(&depths)) {
        for (auto visuals = xcb_depth_visuals_iterator(depths.data); visuals.rem;
             xcb_visualtype_next(&visuals)) {
            const xcb_visualtype_t* visual = visuals.data;
            if (visual->visual_id == screen->root_visual) {
                return visual->_class == XCB_VISUAL_CLASS_TRUE_COLOR && visual->red_mask == 0xff0000
                       && visual->green_mask == 0x00ff00 && visual->blue_mask == 0x0000ff;
            }
        }
    }
    return false;
}

} // namespace

struct X11ScreenSource::Connection {
    xcb_connection_t* connection = nullptr;
    xcb_screen_t* screen = nullptr;
    QSize size;
    // MIT-SHM: one segment the size of the screen; shmId is removed as soon as both attached.
    xcb_shm_seg_t segment = 0;
    void* shared = nullptr;
    // XDamage: the first event code, or 0 when damage is not used.
    std::uint8_t damageEvent = 0;
    xcb_damage_damage_t damage = 0;
    // Keyboard mapping for XTest, loaded on first use.
    std::vector<xcb_keysym_t> keysyms;
    xcb_keycode_t minKeycode = 0;
    int keysymsPerKeycode = 0;

    ~Connection()
    {
        if (connection == nullptr) {
            return;
        }
        if (damage != 0) {
            xcb_damage_destroy(connection, damage);
        }
        if (segment != 0) {
            xcb_shm_detach(connection, segment);
        }
        xcb_flush(connection);
        if (shared != nullptr) {
            shmdt(shared);
        }
        xcb_disconnect(connection);
    }

    // Copies rect of the root window into target at the same position.
    bool grab(const QRect& rect, const FramebufferView& target) const;
    void setUpSharedMemory();
    void setUpDamage();
    xcb_keycode_t keycodeFor(xcb_keysym_t keysym);
};

bool X11ScreenSource::Connection::grab(const QRect& rect, const FramebufferView& target) const
{
    const auto* data = static_cast<const std::uint32_t*>(shared);
    XcbReply<xcb_get_image_reply_t> plain = adopt<xcb_get_image_reply_t>(nullptr);
    if (shared != nullptr) {
        auto reply = adopt(xcb_shm_get_image_reply(
            connection,
            xcb_shm_get_image(connection, screen->root, std::int16_t(rect.x()),
                              std::int16_t(rect.y()), std::uint16_t(rect.width()),
                              std::uint16_t(rect.height()), ~0u, XCB_IMAGE_FORMAT_Z_PIXMAP, segment,
                              0),
            nullptr));
        if (!reply) {
            return false;
        }
    } else {
        plain = adopt(xcb_get_image_reply(
            connection,
            xcb_get_image(connection, XCB_IMAGE_FORMAT_Z_PIXMAP, screen->root,
                          std::int16_t(rect.x()), std::int16_t(rect.y()),
                          std::uint16_t(rect.width()), std::uint16_t(rect.height()), ~0u),
            nullptr));
        if (!plain) {
            return false;
        }
        data = reinterpret_cast<const std::uint32_t*>(xcb_get_image_data(plain.get()));
    }
    // Both replies are packed rows of rect.width() 32-bit pixels.
    for (int y = 0; y < rect.height(); ++y) {
        std::memcpy(target.pixels + qsizetype(rect.y() + y) * target.stridePixels + rect.x(),
                    data + qsizetype(y) * rect.width(),
                    std::size_t(rect.width()) * sizeof(std::uint32_t));
    }
    return true;
}

void X11ScreenSource::Connection::setUpSharedMemory()
{
    auto version =
        adopt(xcb_shm_query_version_reply(connection, xcb_shm_query_version(connection), nullptr));
    if (!version) {
        return;
    }
    const std::size_t bytes = std::size_t(size.width()) * std::size_t(size.height()) * 4;
    const int shmId = shmget(IPC_PRIVATE, bytes, IPC_CREAT | 0600);
    if (shmId < 0) {
        return;
    }
    void* address = shmat(shmId, nullptr, 0);
    if (address == reinterpret_cast<void*>(-1)) {
        shmctl(shmId, IPC_RMID, nullptr);
        return;
    }
    const xcb_shm_seg_t id = xcb_generate_id(connection);
    auto error = adopt(xcb_request_check(
        connection, xcb_shm_attach_checked(connection, id, std::uint32_t(shmId), 0)));
    // Marked for removal now, so it disappears with the last detach even if we crash.
    shmctl(shmId, IPC_RMID, nullptr);
    if (error) { // e.g. an X server in another IPC namespace
        shmdt(address);
        return;
    }
    shared = address;
    segment = id;
}

void X11ScreenSource::Connection::setUpDamage()
{
    const xcb_query_extension_reply_t* extension =
        xcb_get_extension_data(connection, &xcb_damage_id);
    if (extension == nullptr || !extension->present) {
        return;
    }
    auto version = adopt(xcb_damage_query_version_reply(
        connection,
        xcb_damage_query_version(connection, XCB_DAMAGE_MAJOR_VERSION, XCB_DAMAGE_MINOR_VERSION),
        nullptr));
    if (!version) {
        return;
    }
    damage = xcb_generate_id(connection);
    xcb_damage_create(connection, damage, screen->root, XCB_DAMAGE_REPORT_LEVEL_RAW_RECTANGLES);
    damageEvent = extension->first_event;
}

Result<std::unique_ptr<X11ScreenSource>>
X11ScreenSource::open(const X11ScreenSourceOptions& options)
{
    auto x = std::make_unique<Connection>();
    int screenNumber = 0;
    x->connection = xcb_connect(options.display.isEmpty() ? nullptr : options.display.constData(),
                                &screenNumber);
    if (xcb_connection_has_error(x->connection) != 0) {
        return makeError(
            ErrorCode::ConnectionFailed,
            QStringLiteral("cannot connect to X display %1")
                .arg(QString::fromLocal8Bit(options.display.isEmpty() ? qgetenv("DISPLAY")
                                                                      : options.display)));
    }
    auto screens = xcb_setup_roots_iterator(xcb_get_setup(x->connection));
    for (int i = 0; i < screenNumber && screens.rem; ++i) {
        xcb_screen_next(&screens);
    }
    x->screen = screens.data;
    if (x->screen == nullptr || !isXrgbVisual(x->screen)) {
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("the X display is not a 24/32-bit TrueColor (XRGB) one"));
    }
    x->size = QSize(x->screen->width_in_pixels, x->screen->height_in_pixels);
    x->setUpSharedMemory();
    if (options.useDamage) {
        x->setUpDamage();
    }
    xcb_flush(x->connection);
    return std::make_unique<X11ScreenSource>(std::move(x), options);
}

X11ScreenSource::X11ScreenSource(std::unique_ptr<Connection> connection,
                                 const X11ScreenSourceOptions& options)
    : m_x(std::move(connection))
{
    m_notifier = std::make_unique<QSocketNotifier>(xcb_get_file_descriptor(m_x->connection),
                                                   QSocketNotifier::Read);
    connect(m_notifier.get(), &QSocketNotifier::activated, this, &X11ScreenSource::handleXEvents);
    if (m_x->damage == 0) {
        m_pollTimer.setInterval(options.pollInterval);
        connect(&m_pollTimer, &QTimer::timeout, this, &ScreenSource::changed);
        m_pollTimer.start();
    }
    if (auto clipboard = X11Clipboard::open(options.display); clipboard) {
        m_clipboard = std::move(clipboard.value());
        connect(m_clipboard.get(), &X11Clipboard::textChanged, this,
                &ScreenSource::clipboardChanged);
    } else {
        qCWarning(lcAgentVnc, "x11 source without clipboard: %s",
                  qUtf8Printable(clipboard.error().message));
    }
    qCInfo(lcAgentVnc, "x11 source size=%dx%d shm=%s changes=%s clipboard=%s", m_x->size.width(),
           m_x->size.height(), usesSharedMemory() ? "yes" : "no",
           usesDamage() ? "damage" : "polling", hasClipboard() ? "yes" : "no");
}

void X11ScreenSource::setClipboard(const QString& text)
{
    if (m_clipboard) {
        m_clipboard->setText(text);
    }
}

X11ScreenSource::~X11ScreenSource() = default;

QSize X11ScreenSource::size() const
{
    return m_x->size;
}

bool X11ScreenSource::usesDamage() const
{
    return m_x->damage != 0;
}

bool X11ScreenSource::usesSharedMemory() const
{
    return m_x->shared != nullptr;
}

void X11ScreenSource::handleXEvents()
{
    bool damaged = false;
    while (auto event = adopt(xcb_poll_for_event(m_x->connection))) {
        const int type = event->response_type & 0x7f;
        if (m_x->damage != 0 && type == m_x->damageEvent + XCB_DAMAGE_NOTIFY) {
            const auto* notify = reinterpret_cast<const xcb_damage_notify_event_t*>(event.get());
            m_pending +=
                QRect(notify->area.x, notify->area.y, notify->area.width, notify->area.height);
            damaged = true;
        }
    }
    if (xcb_connection_has_error(m_x->connection) != 0) {
        qCWarning(lcAgentVnc, "x11 connection lost");
        m_notifier->setEnabled(false);
        return;
    }
    if (damaged) {
        Q_EMIT changed();
    }
}

QRegion X11ScreenSource::copyChanges(const FramebufferView& target)
{
    Q_ASSERT(target.size == m_x->size);
    const QRect screen(QPoint(0, 0), m_x->size);
    handleXEvents(); // replies may have queued events the notifier will not report
    // Waiting for the capture's replies below may queue more events inside xcb, where the socket
    // notifier cannot see them: look again once control is back in the event loop.
    QMetaObject::invokeMethod(this, &X11ScreenSource::handleXEvents, Qt::QueuedConnection);
    if (!m_copiedOnce) {
        m_pending = QRegion();
        m_copiedOnce = m_x->grab(screen, target);
        return m_copiedOnce ? QRegion(screen) : QRegion();
    }
    if (usesDamage()) {
        QRegion changed = m_pending.intersected(screen);
        m_pending = QRegion();
        if (changed.rectCount() > MaxDamageRects) {
            changed = changed.boundingRect();
        }
        for (const QRect& rect : changed) {
            m_x->grab(rect, target);
        }
        return changed;
    }
    // Polling: capture everything and keep the tiles that differ from what the target holds.
    std::vector<std::uint32_t> fresh(std::size_t(screen.width()) * std::size_t(screen.height()));
    const FramebufferView freshView{fresh.data(), m_x->size, screen.width()};
    if (!m_x->grab(screen, freshView)) {
        return {};
    }
    QRegion changed;
    for (int top = 0; top < screen.height(); top += TileSize) {
        for (int left = 0; left < screen.width(); left += TileSize) {
            const QRect tile = QRect(left, top, TileSize, TileSize).intersected(screen);
            bool differs = false;
            for (int y = tile.top(); y <= tile.bottom() && !differs; ++y) {
                differs =
                    std::memcmp(fresh.data() + qsizetype(y) * screen.width() + tile.left(),
                                target.pixels + qsizetype(y) * target.stridePixels + tile.left(),
                                std::size_t(tile.width()) * 4)
                    != 0;
            }
            if (differs) {
                for (int y = tile.top(); y <= tile.bottom(); ++y) {
                    std::memcpy(target.pixels + qsizetype(y) * target.stridePixels + tile.left(),
                                fresh.data() + qsizetype(y) * screen.width() + tile.left(),
                                std::size_t(tile.width()) * 4);
                }
                changed += tile;
            }
        }
    }
    return changed;
}

void X11ScreenSource::injectPointer(QPoint position, int buttonMask)
{
    xcb_test_fake_input(m_x->connection, XCB_MOTION_NOTIFY, 0, XCB_CURRENT_TIME, m_x->screen->root,
                        std::int16_t(position.x()), std::int16_t(position.y()), 0);
    // RFB mask bit n is X button n + 1 (left, middle, right, wheel up, wheel down, ...).
    for (int bit = 0; bit < 8; ++bit) {
        const int flag = 1 << bit;
        if ((buttonMask & flag) != (m_buttonMask & flag)) {
            xcb_test_fake_input(m_x->connection,
                                (buttonMask & flag) ? XCB_BUTTON_PRESS : XCB_BUTTON_RELEASE,
                                std::uint8_t(bit + 1), XCB_CURRENT_TIME, XCB_NONE, 0, 0, 0);
        }
    }
    m_buttonMask = buttonMask;
    xcb_flush(m_x->connection);
}

xcb_keycode_t X11ScreenSource::Connection::keycodeFor(xcb_keysym_t keysym)
{
    if (keysyms.empty()) {
        const xcb_setup_t* setup = xcb_get_setup(connection);
        minKeycode = setup->min_keycode;
        const auto count = std::uint8_t(setup->max_keycode - setup->min_keycode + 1);
        auto mapping = adopt(xcb_get_keyboard_mapping_reply(
            connection, xcb_get_keyboard_mapping(connection, minKeycode, count), nullptr));
        if (!mapping) {
            return 0;
        }
        keysymsPerKeycode = mapping->keysyms_per_keycode;
        const xcb_keysym_t* all = xcb_get_keyboard_mapping_keysyms(mapping.get());
        keysyms.assign(all, all + xcb_get_keyboard_mapping_keysyms_length(mapping.get()));
    }
    for (std::size_t i = 0; i < keysyms.size(); ++i) {
        if (keysyms[i] == keysym && keysymsPerKeycode > 0) {
            return xcb_keycode_t(minKeycode + int(i) / keysymsPerKeycode);
        }
    }
    return 0;
}

void X11ScreenSource::injectKey(std::uint32_t keysym, bool down)
{
    const xcb_keycode_t keycode = m_x->keycodeFor(keysym);
    if (keycode == 0) {
        qCDebug(lcAgentVnc, "x11 no keycode for keysym=0x%x", keysym);
        return;
    }
    xcb_test_fake_input(m_x->connection, down ? XCB_KEY_PRESS : XCB_KEY_RELEASE, keycode,
                        XCB_CURRENT_TIME, XCB_NONE, 0, 0, 0);
    xcb_flush(m_x->connection);
}

} // namespace steward::agent::vnc
