// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// VncClient - connects to an RFB server on its own thread; the console's libvncclient adapter.
#pragma once

#include "common/core/Result.h"
#include "console/vnc/Framebuffer.h"
#include "console/vnc/InputEvent.h"

#include <QObject>
#include <QRect>
#include <QString>
#include <QThread>

#include <atomic>
#include <deque>
#include <memory>
#include <mutex>

namespace steward::console::vnc {

/**
 * Owns a libvncclient connection on a QThread of its own. The object itself lives on the GUI
 * thread: state changes and frameUpdated() are delivered there through queued calls, input goes
 * the other way through a mutex-guarded queue of values, and stopping is an atomic flag.
 *
 * States move Disconnected → Connecting → Connected → Disconnected (closed) or Failed; from
 * Connecting straight to Failed when the connection or the RFB handshake fails.
 */
class VncClient final : public QObject {
    Q_OBJECT

public:
    enum class State { Disconnected, Connecting, Connected, Failed };
    enum class Failure {
        None,
        ConnectionRefused,
        Unreachable,
        ProtocolError,
        AuthenticationRequired,
        ConnectionLost
    };
    Q_ENUM(State)
    Q_ENUM(Failure)

    explicit VncClient(QObject* parent = nullptr);
    ~VncClient() override;

    /** Starts connecting; watch stateChanged(). Lossless encodings only (no JPEG). */
    void connectToHost(const QString& host, quint16 port);
    /** Stops the VNC thread and waits for it; safe to call in any state. */
    void disconnectFromHost();

    [[nodiscard]] State state() const { return m_state; }
    [[nodiscard]] Failure failure() const { return m_failure; }
    /** Why the connection failed or ended; empty message while all is well. */
    [[nodiscard]] const Error& error() const { return m_error; }
    [[nodiscard]] const Framebuffer& framebuffer() const { return m_framebuffer; }
    /** Completed framebuffer updates received so far (benchmarks). */
    [[nodiscard]] quint64 updatesReceived() const { return m_updatesReceived; }

    /** Queues input for the server; callable from any thread. The queue is bounded (the oldest
     *  events go first) and cleared by connectToHost(). */
    void sendInput(const InputEvent& event);
    /** Sends \a text as the server's clipboard; characters outside Latin-1 become '?'. */
    void sendClipboard(const QString& text);

Q_SIGNALS:
    void stateChanged(steward::console::vnc::VncClient::State state);
    void frameUpdated(QRect rect);
    /** The server's clipboard changed (RFB ServerCutText, read as ISO 8859-1). */
    void clipboardReceived(const QString& text);

private:
    friend struct ClientCallbacks;
    struct Session;

    void run(const QString& host, quint16 port, int generation); // the VNC thread's body
    void runSession(Session& session);
    void reportState(int generation, State state, Failure failure, const QString& message);
    void reportFrame(int generation, QRect rect);
    void reportClipboard(int generation, const QString& text);
    void applyState(State state, Failure failure, const QString& message);
    std::deque<InputEvent> takeInput();
    void setWakeSocket(int fd);
    void wakeThread();

    Framebuffer m_framebuffer;
    std::unique_ptr<QThread> m_thread;
    std::atomic<bool> m_stop{false};
    std::atomic<quint64> m_updatesReceived{0};
    // A duplicate of the VNC thread's socket: shutting it down wakes a thread blocked in a read
    // (a stalled handshake) at once. The mutex keeps it from being closed while in use.
    std::mutex m_socketMutex;
    int m_wakeSocket = -1;
    std::mutex m_inputMutex;
    std::deque<InputEvent> m_input;
    // GUI-thread state, changed only by queued calls from the VNC thread. A call made for an
    // earlier connection (an older generation) is ignored.
    int m_generation = 0;
    State m_state = State::Disconnected;
    Failure m_failure = Failure::None;
    Error m_error;
};

} // namespace steward::console::vnc
