// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// ShadowWindow - one shadow session on screen: progress, the embedded viewer, failures in words.
#pragma once

#include "console/net/Session.h"
#include "console/shadow/ShadowApi.h"
#include "console/shadow/ShadowSession.h"
#include "console/vnc/VncClient.h"

#include <QElapsedTimer>
#include <QJsonObject>
#include <QMainWindow>
#include <QTimer>

#include <memory>

class QAction;
class QLabel;
class QProcess;
class QProgressBar;
class QPushButton;
class QScrollArea;
class QStackedWidget;

namespace steward::console {
class ConsoleSettings;
}

namespace steward::console::vnc {
class VncView;
}

namespace steward::console::ui {

/**
 * Progress (ticket, secure connection, consent, viewer) with Cancel; then the embedded viewer
 * with scaling, view-only, Ctrl+Alt+Del, clipboard both ways, full screen and a status line
 * (time and bytes both ways); or, when the settings name an external viewer command, that
 * command on the local port. A failure is one sentence (ShadowFailure). Closing the window
 * ends the session: both legs of the tunnel close and the agent reports the end.
 */
class ShadowWindow final : public QMainWindow {
    Q_OBJECT

public:
    enum class Phase { Preparing, Viewing, External, Failed, Ended };
    Q_ENUM(Phase)

    ShadowWindow(const net::Session& session, const QJsonObject& device, ConsoleSettings& settings,
                 QWidget* parent = nullptr);
    ~ShadowWindow() override;

    [[nodiscard]] Phase phase() const { return m_phase; }
    /** The failure (or end) sentence shown; empty while all is well. */
    [[nodiscard]] QString message() const;
    /** The progress step shown, e.g. "Waiting for pc-12 to accept…". */
    [[nodiscard]] QString stepText() const;
    /** The status line: device, path, session time, bytes both ways, view-only. */
    [[nodiscard]] QString statusText() const;
    [[nodiscard]] QAction* action(const QString& name) const;
    [[nodiscard]] vnc::VncView& view() const { return *m_view; }
    [[nodiscard]] vnc::VncClient& client() { return m_client; }
    [[nodiscard]] shadow::ShadowSession& session() { return *m_shadow; }
    /** The external viewer process, when the settings name one and it was started. */
    [[nodiscard]] QProcess* externalViewer() const { return m_external.get(); }

    /** Starts (or, after a failure, restarts) the session. The constructor calls it. */
    void begin();

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    QWidget* makeProgressPage();
    QWidget* makeFailurePage();
    void makeActions();
    void showStep(shadow::ShadowSession::Step step);
    void handleListening(quint16 port);
    void handleViewerState(vnc::VncClient::State state);
    void startExternalViewer(quint16 port);
    void showFailure(const QString& sentence);
    void endSession();
    void setViewOnly(bool viewOnly);
    void sendLocalClipboard();
    void refreshStatus();

    ConsoleSettings& m_settings;
    QJsonObject m_device;
    QString m_name;
    shadow::ShadowApi m_api;
    std::unique_ptr<shadow::ShadowSession> m_shadow;
    vnc::VncClient m_client;
    std::unique_ptr<QProcess> m_external;
    Phase m_phase = Phase::Preparing;
    QElapsedTimer m_elapsed;
    QTimer m_statusTimer;
    QString m_remoteClipboard; // the last text the device sent, not echoed back

    QStackedWidget* m_pages = nullptr;
    QLabel* m_steps = nullptr;
    QProgressBar* m_progress = nullptr;
    QLabel* m_failure = nullptr;
    QScrollArea* m_scroll = nullptr;
    vnc::VncView* m_view = nullptr;
    QLabel* m_externalText = nullptr;
    QLabel* m_status = nullptr;
};

} // namespace steward::console::ui
