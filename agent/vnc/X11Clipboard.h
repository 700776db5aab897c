// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// X11Clipboard - the X display's CLIPBOARD selection, for a shadow session's viewer.
#pragma once

#include "common/core/Result.h"

#include <QByteArray>
#include <QObject>
#include <QString>

#include <memory>

class QSocketNotifier;

namespace steward::agent::vnc {

/**
 * Owns the CLIPBOARD and PRIMARY selections when a viewer sends text (setText), and serves
 * them as UTF8_STRING, STRING and TEXT to any X client that pastes; reports, through XFixes,
 * every time another client takes CLIPBOARD, with the text it holds (textChanged). Works on
 * its own X connection and an unmapped window, on the thread it lives on, without blocking:
 * every reply arrives as an event. Text is capped at MaxBytes; larger (INCR) transfers are
 * skipped with a log line.
 */
class X11Clipboard final : public QObject {
    Q_OBJECT

public:
    static constexpr int MaxBytes = 256 * 1024;

    /** \a display empty means $DISPLAY. Fails when the display or XFixes is missing. */
    [[nodiscard]] static Result<std::unique_ptr<X11Clipboard>> open(const QByteArray& display);
    ~X11Clipboard() override;

    /** Takes CLIPBOARD and PRIMARY with \a text; pasting in any X client gives it. */
    void setText(const QString& text);
    /** What this object serves, or the text last read from another owner. */
    [[nodiscard]] QString text() const { return m_text; }

    struct Connection; // XCB state; only open() can make one
    explicit X11Clipboard(std::unique_ptr<Connection> connection);

Q_SIGNALS:
    /** Another X client put \a text on CLIPBOARD. */
    void textChanged(const QString& text);

private:
    void handleXEvents();
    void answerRequest(const void* request);
    void readSelection(const void* notify);

    std::unique_ptr<Connection> m_x;
    std::unique_ptr<QSocketNotifier> m_notifier;
    QString m_text;
};

} // namespace steward::agent::vnc
