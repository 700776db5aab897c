// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// VncView - paints a VncClient's framebuffer, scaled to fit, and turns mouse and keys into input.
#pragma once

#include "console/vnc/VncClient.h"

#include <QImage>
#include <QWidget>

namespace steward::console::vnc {

/** GUI thread only. Keeps its own QImage copy, refreshed per updated rectangle. */
class VncView final : public QWidget {
    Q_OBJECT

public:
    explicit VncView(VncClient& client, QWidget* parent = nullptr);

    /** Viewer-side courtesy only: the agent's server enforces view-only. */
    void setViewOnly(bool viewOnly) { m_viewOnly = viewOnly; }
    [[nodiscard]] bool isViewOnly() const { return m_viewOnly; }
    /** Scaled to fit the widget (the default), or 1:1 with the widget at least the screen's
     *  size (put it in a QScrollArea). */
    void setScaleToFit(bool fit);
    [[nodiscard]] bool scalesToFit() const { return m_fit; }
    /** Presses and releases Control, Alt and Delete (unless view-only). */
    void sendCtrlAltDel();
    /** The displayed copy of the remote screen (tests, screenshots). */
    [[nodiscard]] const QImage& image() const { return m_image; }
    /** Widget to framebuffer coordinates, for the current scale; clamped to the framebuffer. */
    [[nodiscard]] QPoint toFramebuffer(QPointF widgetPosition) const;

    [[nodiscard]] QSize sizeHint() const override;

protected:
    void paintEvent(QPaintEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void keyReleaseEvent(QKeyEvent* event) override;

private:
    void handleFrameUpdated(QRect rect);
    [[nodiscard]] QRectF targetRect() const; // where the scaled image is drawn
    void sendPointer(QPointF widgetPosition, Qt::MouseButtons buttons);
    void sendKey(const QKeyEvent* event, bool down);

    VncClient& m_client;
    QImage m_image;
    bool m_viewOnly = false;
    bool m_fit = true;
};

/** The X11 keysym for a Qt key event, or 0 when there is none. */
[[nodiscard]] std::uint32_t keysymFor(int qtKey, const QString& text);

} // namespace steward::console::vnc
