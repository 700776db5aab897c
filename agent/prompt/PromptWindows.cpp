// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "agent/prompt/PromptWindows.h"

#include <QGuiApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QScreen>
#include <QVBoxLayout>

namespace steward::agent::prompt {
namespace {

QPushButton* wideButton(const QString& text, QWidget* parent)
{
    auto* button = new QPushButton(text, parent);
    button->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    button->setMinimumHeight(32);
    button->setAutoDefault(false);
    return button;
}

} // namespace

ConsentDialog::ConsentDialog(const QString& admin, const QString& device, bool viewOnly,
                             int seconds, QWidget* parent)
    : QDialog(parent), m_left(seconds)
{
    setWindowTitle(QLatin1String(ConsentTitle));
    setWindowFlag(Qt::WindowStaysOnTopHint);
    auto* message = new QLabel(
        viewOnly
            ? tr("Administrator %1 wants to see the screen of %2.").arg(admin, device)
            : tr("Administrator %1 wants to see and control the screen of %2.").arg(admin, device),
        this);
    message->setWordWrap(true);
    m_countdown = new QLabel(this);
    auto* allow = wideButton(tr("&Allow"), this);
    auto* deny = wideButton(tr("&Deny"), this);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(allow, 1);
    buttons->addWidget(deny, 1);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(message);
    layout->addWidget(m_countdown);
    layout->addLayout(buttons);
    setMinimumWidth(360);
    connect(allow, &QPushButton::clicked, this, [this] { finish(PromptExit::Allowed); });
    connect(deny, &QPushButton::clicked, this, [this] { finish(PromptExit::Denied); });
    connect(&m_timer, &QTimer::timeout, this, &ConsentDialog::tick);
    m_timer.start(1000);
    ++m_left;
    tick();
}

void ConsentDialog::tick()
{
    if (--m_left <= 0) {
        finish(PromptExit::TimedOut);
        return;
    }
    m_countdown->setText(tr("Refused automatically in %n second(s).", nullptr, m_left));
}

void ConsentDialog::reject()
{
    finish(PromptExit::Denied);
}

void ConsentDialog::finish(PromptExit answer)
{
    m_timer.stop();
    m_answer = answer;
    done(int(answer));
}

SessionIndicator::SessionIndicator(const QString& admin, bool viewOnly, bool mayEnd,
                                   QWidget* parent)
    : QWidget(parent, Qt::Window | Qt::WindowStaysOnTopHint | Qt::FramelessWindowHint)
{
    setWindowTitle(QLatin1String(IndicatorTitle));
    auto* label = new QLabel(viewOnly ? tr("%1 is viewing this screen.").arg(admin)
                                      : tr("%1 is viewing and controlling this screen.").arg(admin),
                             this);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(label);
    if (mayEnd) {
        auto* end = wideButton(tr("&End session"), this);
        layout->addWidget(end);
        connect(end, &QPushButton::clicked, this, &SessionIndicator::endRequested);
    }
    adjustSize();
    if (const QScreen* screen = QGuiApplication::primaryScreen()) {
        const QRect area = screen->availableGeometry();
        move(area.right() - width() - 8, area.top() + 8);
    }
}

} // namespace steward::agent::prompt
