// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "console/ui/ShadowWindow.h"

#include "common/tls/Fingerprint.h"
#include "console/app/ConsoleSettings.h"
#include "console/vnc/VncView.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QCloseEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QProcess>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QStackedWidget>
#include <QStatusBar>
#include <QToolBar>
#include <QVBoxLayout>

namespace steward::console::ui {
namespace {

using Step = shadow::ShadowSession::Step;

enum Page { ProgressPage, ViewerPage, ExternalPage, FailurePage };

QString byteText(quint64 bytes)
{
    if (bytes < 1024) {
        return QStringLiteral("%1 B").arg(bytes);
    }
    if (bytes < 1024 * 1024) {
        return QStringLiteral("%1 KiB").arg(double(bytes) / 1024, 0, 'f', 1);
    }
    return QStringLiteral("%1 MiB").arg(double(bytes) / (1024 * 1024), 0, 'f', 1);
}

QString durationText(qint64 milliseconds)
{
    const qint64 seconds = milliseconds / 1000;
    return QStringLiteral("%1:%2:%3")
        .arg(seconds / 3600, 2, 10, QLatin1Char('0'))
        .arg(seconds / 60 % 60, 2, 10, QLatin1Char('0'))
        .arg(seconds % 60, 2, 10, QLatin1Char('0'));
}

} // namespace

ShadowWindow::ShadowWindow(const net::Session& session, const QJsonObject& device,
                           ConsoleSettings& settings, QWidget* parent)
    : QMainWindow(parent), m_settings(settings), m_device(device),
      m_name(device.value(QStringLiteral("name")).toString()),
      m_api(session.server, tls::sha256Fingerprint(session.api->pinnedCertificate()))
{
    setWindowFlag(Qt::Window);
    setWindowTitle(tr("%1 - Shadow - Steward").arg(m_name));
    m_api.setToken(session.api->token());
    m_pages = new QStackedWidget(this);
    m_pages->addWidget(makeProgressPage());
    m_view = new vnc::VncView(m_client);
    m_scroll = new QScrollArea;
    m_scroll->setWidgetResizable(true);
    m_scroll->setAlignment(Qt::AlignCenter);
    m_scroll->setWidget(m_view);
    m_scroll->setFrameShape(QFrame::NoFrame);
    m_pages->addWidget(m_scroll);
    m_externalText = new QLabel;
    m_externalText->setWordWrap(true);
    m_externalText->setAlignment(Qt::AlignCenter);
    m_externalText->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_pages->addWidget(m_externalText);
    m_pages->addWidget(makeFailurePage());
    setCentralWidget(m_pages);
    m_status = new QLabel;
    statusBar()->addWidget(m_status, 1);
    makeActions();
    m_view->setScaleToFit(m_settings.shadowScaleToFit());
    connect(&m_client, &vnc::VncClient::stateChanged, this, &ShadowWindow::handleViewerState);
    connect(&m_client, &vnc::VncClient::frameUpdated, this, &ShadowWindow::refreshStatus);
    connect(&m_client, &vnc::VncClient::clipboardReceived, this, [this](const QString& text) {
        m_remoteClipboard = text;
        QApplication::clipboard()->setText(text);
    });
    connect(QApplication::clipboard(), &QClipboard::dataChanged, this, [this] {
        if (isActiveWindow() && QApplication::clipboard()->text() != m_remoteClipboard) {
            sendLocalClipboard();
        }
    });
    m_statusTimer.setInterval(1000);
    connect(&m_statusTimer, &QTimer::timeout, this, &ShadowWindow::refreshStatus);
    resize(1024, 720);
    begin();
}

ShadowWindow::~ShadowWindow()
{
    endSession();
}

QWidget* ShadowWindow::makeProgressPage()
{
    auto* page = new QWidget;
    auto* layout = new QVBoxLayout(page);
    layout->addStretch();
    auto* title = new QLabel(tr("<b>Shadowing %1</b>").arg(m_name.toHtmlEscaped()));
    layout->addWidget(title, 0, Qt::AlignHCenter);
    m_steps = new QLabel;
    m_steps->setTextFormat(Qt::RichText);
    layout->addWidget(m_steps, 0, Qt::AlignHCenter);
    m_progress = new QProgressBar;
    m_progress->setRange(0, 0);
    m_progress->setFixedWidth(360);
    layout->addWidget(m_progress, 0, Qt::AlignHCenter);
    auto* cancel = new QPushButton(tr("Cancel"));
    cancel->setObjectName(QStringLiteral("cancel"));
    connect(cancel, &QPushButton::clicked, this, &QWidget::close);
    layout->addWidget(cancel, 0, Qt::AlignHCenter);
    layout->addStretch();
    return page;
}

QWidget* ShadowWindow::makeFailurePage()
{
    auto* page = new QWidget;
    auto* layout = new QVBoxLayout(page);
    layout->addStretch();
    layout->setContentsMargins(48, 24, 48, 24);
    m_failure = new QLabel;
    m_failure->setWordWrap(true); // full width: a centred word-wrapped label gets too narrow
    m_failure->setAlignment(Qt::AlignCenter);
    m_failure->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont larger = m_failure->font();
    larger.setPointSizeF(larger.pointSizeF() * 1.2);
    m_failure->setFont(larger);
    layout->addWidget(m_failure);
    auto* buttons = new QHBoxLayout;
    auto* retry = new QPushButton(tr("Try again"));
    retry->setObjectName(QStringLiteral("retry"));
    connect(retry, &QPushButton::clicked, this, &ShadowWindow::begin);
    auto* close = new QPushButton(tr("Close"));
    connect(close, &QPushButton::clicked, this, &QWidget::close);
    buttons->addStretch();
    buttons->addWidget(retry);
    buttons->addWidget(close);
    buttons->addStretch();
    layout->addLayout(buttons);
    layout->addStretch();
    return page;
}

void ShadowWindow::makeActions()
{
    QToolBar* bar = addToolBar(tr("Shadow"));
    bar->setObjectName(QStringLiteral("shadowToolBar"));
    bar->setMovable(false);
    const auto add = [this, bar](const char* name, const QString& text, const QString& tip) {
        auto* made = bar->addAction(text);
        made->setObjectName(QLatin1String(name));
        made->setToolTip(tip);
        made->setEnabled(false);
        return made;
    };
    QAction* fit = add("fit", tr("Scale to fit"), tr("Scale the screen to the window (off: 1:1)"));
    fit->setCheckable(true);
    fit->setChecked(m_settings.shadowScaleToFit());
    connect(fit, &QAction::toggled, this, [this](bool on) {
        m_view->setScaleToFit(on);
        m_settings.setShadowScaleToFit(on);
    });
    QAction* viewOnly = add("viewOnly", tr("View only"), tr("Watch without sending input"));
    viewOnly->setCheckable(true);
    connect(viewOnly, &QAction::toggled, this, &ShadowWindow::setViewOnly);
    QAction* keys = add("ctrlAltDel", tr("Ctrl+Alt+Del"), tr("Send Ctrl+Alt+Del to the device"));
    connect(keys, &QAction::triggered, m_view, &vnc::VncView::sendCtrlAltDel);
    QAction* clip = add("clipboard", tr("Send clipboard"),
                        tr("Send this computer's clipboard text to the device (the device's "
                           "clipboard comes here by itself)"));
    connect(clip, &QAction::triggered, this, &ShadowWindow::sendLocalClipboard);
    QAction* full = add("fullScreen", tr("Full screen"), tr("Full screen (F11)"));
    full->setCheckable(true);
    full->setShortcut(QKeySequence(Qt::Key_F11));
    addAction(full); // the shortcut works while the tool bar is hidden
    connect(full, &QAction::toggled, this, [this](bool on) {
        statusBar()->setVisible(!on); // the tool bar stays: it leads out of full screen
        on ? showFullScreen() : showNormal();
    });
    QAction* end = add("disconnect", tr("Disconnect"), tr("End the session and close"));
    end->setEnabled(true);
    connect(end, &QAction::triggered, this, &QWidget::close);
}

QAction* ShadowWindow::action(const QString& name) const
{
    return findChild<QAction*>(name);
}

void ShadowWindow::begin()
{
    endSession();
    m_phase = Phase::Preparing;
    m_failure->clear();
    m_remoteClipboard.clear();
    m_pages->setCurrentIndex(ProgressPage);
    m_shadow = std::make_unique<shadow::ShadowSession>(
        m_api, m_device.value(QStringLiteral("id")).toInteger(), m_name);
    connect(m_shadow.get(), &shadow::ShadowSession::stepChanged, this, &ShadowWindow::showStep);
    connect(m_shadow.get(), &shadow::ShadowSession::listening, this,
            &ShadowWindow::handleListening);
    connect(m_shadow.get(), &shadow::ShadowSession::failed, this,
            [this](const Error&, const QString& sentence) { showFailure(sentence); });
    connect(m_shadow.get(), &shadow::ShadowSession::finished, this, [this] {
        if (m_phase == Phase::External) {
            // The viewer disconnected; it may still be finishing (writing a snapshot...).
            m_phase = Phase::Ended;
            m_statusTimer.stop();
            m_failure->setText(tr("The session to %1 ended.").arg(m_name));
            m_pages->setCurrentIndex(FailurePage);
        }
    });
    m_shadow->start();
}

void ShadowWindow::showStep(Step step)
{
    const bool relay = m_shadow->relay();
    const QStringList steps{
        tr("Asking the server for a session ticket"),
        relay ? tr("Opening a secure tunnel to %1 through the server").arg(m_name)
              : tr("Opening a secure connection to %1").arg(m_name),
        tr("Waiting for %1 to accept (its user may be asked)").arg(m_name),
        tr("Starting the viewer"),
    };
    int current = 0;
    switch (step) {
    case Step::Connecting:
        current = 1;
        break;
    case Step::Admitting:
        current = 2;
        break;
    case Step::Listening:
    case Step::Streaming:
        current = 3;
        break;
    default:
        break;
    }
    QString html;
    for (int index = 0; index < steps.size(); ++index) {
        const QString text = steps[index].toHtmlEscaped();
        html += index < current ? QStringLiteral("&#10003; %1<br>").arg(text)
                : index == current
                    ? QStringLiteral("&#9654; <b>%1…</b><br>").arg(text)
                    : QStringLiteral("<span style='color:gray'>%1</span><br>").arg(text);
    }
    m_steps->setText(html);
    m_steps->setProperty("step", steps[current]);
}

QString ShadowWindow::stepText() const
{
    return m_steps->property("step").toString();
}

void ShadowWindow::handleListening(quint16 port)
{
    const QString external = m_settings.externalViewer();
    if (!external.isEmpty()) {
        startExternalViewer(port);
        return;
    }
    m_client.connectToHost(QStringLiteral("127.0.0.1"), port);
}

void ShadowWindow::handleViewerState(vnc::VncClient::State state)
{
    if (state == vnc::VncClient::State::Connected) {
        m_phase = Phase::Viewing;
        m_elapsed.start();
        m_pages->setCurrentIndex(ViewerPage);
        const bool forced = m_shadow && m_shadow->offer() && m_shadow->offer()->viewOnly;
        for (const char* name : {"fit", "viewOnly", "ctrlAltDel", "clipboard", "fullScreen"}) {
            action(QLatin1String(name))->setEnabled(true);
        }
        QAction* viewOnly = action(QStringLiteral("viewOnly"));
        if (forced) {
            viewOnly->setChecked(true);
            viewOnly->setEnabled(false);
            viewOnly->setToolTip(tr("The shadow policy of %1 allows watching only").arg(m_name));
        }
        setViewOnly(viewOnly->isChecked());
        m_view->setFocus();
        m_statusTimer.start();
        refreshStatus();
        return;
    }
    if (state == vnc::VncClient::State::Failed && m_phase != Phase::Ended) {
        const Error error = m_client.error();
        const bool wasViewing = m_phase == Phase::Viewing;
        const shadow::ShadowFailureContext context{
            wasViewing ? shadow::ShadowStage::Running : shadow::ShadowStage::Tunnel, m_name,
            m_shadow && m_shadow->relay(), std::nullopt};
        showFailure(wasViewing ? shadow::describeShadowFailure(error, context)
                               : tr("The viewer could not open the session to %1: %2.")
                                     .arg(m_name, error.message));
    }
}

void ShadowWindow::startExternalViewer(quint16 port)
{
    const QString command = shadow::externalViewerCommand(m_settings.externalViewer(), port);
    m_external = std::make_unique<QProcess>();
    m_external->setProcessChannelMode(QProcess::ForwardedChannels);
    connect(m_external.get(), &QProcess::finished, this, [this](int code) {
        if (m_phase != Phase::External) {
            return;
        }
        if (m_shadow && m_shadow->step() == Step::Listening) {
            showFailure(tr("The external viewer exited (status %1) without connecting to "
                           "127.0.0.1:%2. Check the viewer command in console.conf.")
                            .arg(code)
                            .arg(m_shadow->localPort()));
        }
    });
    connect(m_external.get(), &QProcess::errorOccurred, this, [this](QProcess::ProcessError) {
        if (m_phase == Phase::External && m_external->state() == QProcess::NotRunning) {
            showFailure(
                tr("The external viewer could not be started: %1").arg(m_external->errorString()));
        }
    });
    m_phase = Phase::External;
    m_elapsed.start();
    m_externalText->setText(tr("%1 is shadowed in the external viewer:\n%2\n\nClose this window "
                               "to end the session.")
                                .arg(m_name, command));
    m_pages->setCurrentIndex(ExternalPage);
    m_statusTimer.start();
    m_external->start(QStringLiteral("/bin/sh"), {QStringLiteral("-c"), command});
}

void ShadowWindow::showFailure(const QString& sentence)
{
    m_phase = Phase::Failed;
    endSession();
    m_failure->setText(sentence);
    m_pages->setCurrentIndex(FailurePage);
    for (const char* name : {"fit", "viewOnly", "ctrlAltDel", "clipboard", "fullScreen"}) {
        action(QLatin1String(name))->setEnabled(false);
    }
    if (isFullScreen()) {
        action(QStringLiteral("fullScreen"))->setChecked(false);
    }
}

QString ShadowWindow::message() const
{
    return m_failure->text();
}

void ShadowWindow::endSession()
{
    m_statusTimer.stop();
    m_client.disconnectFromHost();
    if (m_shadow) {
        m_shadow->disconnect(this);
        m_shadow->stop();
    }
    if (m_external && m_external->state() != QProcess::NotRunning) {
        m_external->disconnect(this);
        m_external->terminate();
        m_external->waitForFinished(2000);
    }
}

void ShadowWindow::closeEvent(QCloseEvent* event)
{
    if (m_phase != Phase::Failed) {
        m_phase = Phase::Ended;
    }
    endSession();
    event->accept();
}

void ShadowWindow::setViewOnly(bool viewOnly)
{
    m_view->setViewOnly(viewOnly);
    action(QStringLiteral("ctrlAltDel"))->setEnabled(!viewOnly && m_phase == Phase::Viewing);
    action(QStringLiteral("clipboard"))->setEnabled(!viewOnly && m_phase == Phase::Viewing);
    refreshStatus();
}

void ShadowWindow::sendLocalClipboard()
{
    const QString text = QApplication::clipboard()->text();
    if (m_phase == Phase::Viewing && !m_view->isViewOnly() && !text.isEmpty()) {
        m_client.sendClipboard(text);
    }
}

QString ShadowWindow::statusText() const
{
    if (!m_shadow || (m_phase != Phase::Viewing && m_phase != Phase::External)) {
        return {};
    }
    QStringList parts{m_name, m_shadow->relay() ? tr("through the server's relay") : tr("direct"),
                      durationText(m_elapsed.isValid() ? m_elapsed.elapsed() : 0),
                      tr("received %1").arg(byteText(m_shadow->bytesToViewer())),
                      tr("sent %1").arg(byteText(m_shadow->bytesFromViewer()))};
    if (m_phase == Phase::Viewing && m_view->isViewOnly()) {
        const bool forced = m_shadow->offer() && m_shadow->offer()->viewOnly;
        parts << (forced ? tr("view only (the device's policy)") : tr("view only"));
    }
    return parts.join(QStringLiteral(" · "));
}

void ShadowWindow::refreshStatus()
{
    m_status->setText(statusText());
}

} // namespace steward::console::ui
