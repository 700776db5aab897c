// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// VncServer - serves a ScreenSource over RFB on loopback; the agent's libvncserver adapter.
#pragma once

#include "agent/vnc/ScreenSource.h"
#include "common/core/Result.h"

#include <QHostAddress>
#include <QTimer>

#include <chrono>
#include <memory>

namespace steward::agent::vnc {

struct VncServerOptions {
    QHostAddress address = QHostAddress::LocalHost; // must be an IPv4 loopback address
    quint16 port = 5901;                            // 0: any free port, see VncServer::port()
    bool viewOnly = false;                          // drop every key, pointer and clipboard event
    std::chrono::milliseconds pollInterval{10};     // how often sockets and the source are serviced
    QString desktopName = QStringLiteral("steward");
};

/**
 * Runs libvncserver on the thread it lives on: a QTimer calls rfbProcessEvents() with a zero
 * timeout, so nothing ever blocks the event loop waiting for a socket, and the source,
 * the framebuffer and libvncserver's state are only ever touched by that one thread.
 */
class VncServer final : public QObject {
    Q_OBJECT

public:
    VncServer(ScreenSource& source, VncServerOptions options, QObject* parent = nullptr);
    ~VncServer() override;

    [[nodiscard]] Result<void> start();
    /** Disconnects every viewer and closes the listening socket; start() may be called again. */
    void stop();

    [[nodiscard]] bool isRunning() const;
    /** The bound port; the chosen one when options.port was 0. */
    [[nodiscard]] quint16 port() const { return m_port; }
    [[nodiscard]] int clientCount() const { return m_clientCount; }
    [[nodiscard]] bool isViewOnly() const { return m_options.viewOnly; }
    /**
     * For viewers that connect from now on (the shadow proxy sets it per session); input of
     * viewers already connected is also dropped while it is set.
     */
    void setViewOnly(bool viewOnly) { m_options.viewOnly = viewOnly; }
    [[nodiscard]] const VncServerOptions& options() const { return m_options; }
    /** The port start() binds next (a running server keeps its port until stop()). */
    void setPort(quint16 port) { m_options.port = port; }
    /** What viewers connecting from now on are told the desktop is called. */
    void setDesktopName(const QString& name);
    /** How often sockets and the source are serviced, from now on. */
    void setPollInterval(std::chrono::milliseconds interval);
    /** Input events dropped because the server is view-only. */
    [[nodiscard]] int droppedInputEvents() const { return m_droppedInput; }
    /** Sends \a text to every viewer as the screen's clipboard (Latin-1; others become '?'). */
    void sendClipboard(const QString& text);

Q_SIGNALS:
    void clientCountChanged(int count);
    /** A viewer sent its clipboard (not in view-only mode); the source has it already. */
    void clipboardReceived(const QString& text);

private:
    struct Screen; // libvncserver's state, kept out of this header

    void pump();
    void copyFromSource();

    // Called by the libvncserver callbacks in VncServer.cpp.
    friend struct ScreenCallbacks;
    void handleClientConnected();
    void handleClientGone();
    void handlePointer(QPoint position, int buttonMask);
    void handleKey(std::uint32_t keysym, bool down);
    void handleClipboard(const QString& text);

    ScreenSource& m_source;
    VncServerOptions m_options;
    std::unique_ptr<Screen> m_screen;
    QTimer m_pumpTimer;
    quint16 m_port = 0;
    int m_clientCount = 0;
    int m_droppedInput = 0;
};

} // namespace steward::agent::vnc
