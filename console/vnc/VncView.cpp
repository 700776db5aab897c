// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "console/vnc/VncView.h"

#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QWheelEvent>

#include <algorithm>
#include <array>
#include <utility>

namespace steward::console::vnc {

namespace {

// RFB button mask bits.
constexpr int LeftButton = 1;
constexpr int MiddleButton = 2;
constexpr int RightButton = 4;
constexpr int WheelUp = 8;
constexpr int WheelDown = 16;

int buttonMask(Qt::MouseButtons buttons)
{
    return (buttons.testFlag(Qt::LeftButton) ? LeftButton : 0)
           | (buttons.testFlag(Qt::MiddleButton) ? MiddleButton : 0)
           | (buttons.testFlag(Qt::RightButton) ? RightButton : 0);
}

// Qt keys that have no printable text, with their X11 keysyms.
constexpr std::array<std::pair<int, std::uint32_t>, 30> SpecialKeys{{
    {Qt::Key_Backspace, 0xff08},  {Qt::Key_Tab, 0xff09},      {Qt::Key_Return, 0xff0d},
    {Qt::Key_Enter, 0xff8d},      {Qt::Key_Escape, 0xff1b},   {Qt::Key_Delete, 0xffff},
    {Qt::Key_Home, 0xff50},       {Qt::Key_Left, 0xff51},     {Qt::Key_Up, 0xff52},
    {Qt::Key_Right, 0xff53},      {Qt::Key_Down, 0xff54},     {Qt::Key_PageUp, 0xff55},
    {Qt::Key_PageDown, 0xff56},   {Qt::Key_End, 0xff57},      {Qt::Key_Insert, 0xff63},
    {Qt::Key_Shift, 0xffe1},      {Qt::Key_Control, 0xffe3},  {Qt::Key_Meta, 0xffe7},
    {Qt::Key_Alt, 0xffe9},        {Qt::Key_AltGr, 0xfe03},    {Qt::Key_Super_L, 0xffeb},
    {Qt::Key_Super_R, 0xffec},    {Qt::Key_CapsLock, 0xffe5}, {Qt::Key_Menu, 0xff67},
    {Qt::Key_Print, 0xff61},      {Qt::Key_Pause, 0xff13},    {Qt::Key_NumLock, 0xff7f},
    {Qt::Key_ScrollLock, 0xff14}, {Qt::Key_Space, 0x0020},    {Qt::Key_Backtab, 0xfe20},
}};

} // namespace

std::uint32_t keysymFor(int qtKey, const QString& text)
{
    if (qtKey >= Qt::Key_F1 && qtKey <= Qt::Key_F35) {
        return 0xffbe + std::uint32_t(qtKey - Qt::Key_F1);
    }
    for (const auto& [key, keysym] : SpecialKeys) {
        if (key == qtKey) {
            return keysym;
        }
    }
    // Printable characters: Latin-1 keysyms equal the code point, the rest of Unicode is
    // 0x01000000 + code point (the X11 convention).
    if (text.size() == 1 && text.at(0).isPrint()) {
        const char16_t code = text.at(0).unicode();
        return code < 0x100 ? std::uint32_t(code) : 0x01000000u + code;
    }
    if (qtKey >= Qt::Key_Space && qtKey <= Qt::Key_AsciiTilde) {
        return std::uint32_t(QChar(qtKey).toLower().unicode());
    }
    return 0;
}

VncView::VncView(VncClient& client, QWidget* parent) : QWidget(parent), m_client(client)
{
    setFocusPolicy(Qt::StrongFocus);
    setMouseTracking(true);
    setAttribute(Qt::WA_OpaquePaintEvent);
    connect(&m_client, &VncClient::frameUpdated, this, &VncView::handleFrameUpdated);
}

QSize VncView::sizeHint() const
{
    return m_image.isNull() ? QSize(640, 480) : m_image.size();
}

void VncView::setScaleToFit(bool fit)
{
    m_fit = fit;
    setMinimumSize(m_fit || m_image.isNull() ? QSize(0, 0) : m_image.size());
    updateGeometry();
    update();
}

void VncView::sendCtrlAltDel()
{
    if (m_viewOnly) {
        return;
    }
    constexpr std::array<std::uint32_t, 3> Keys{0xffe3, 0xffe9, 0xffff}; // Control_L Alt_L Delete
    for (const std::uint32_t keysym : Keys) {
        m_client.sendInput(KeyEvent{keysym, true});
    }
    for (auto key = Keys.rbegin(); key != Keys.rend(); ++key) {
        m_client.sendInput(KeyEvent{*key, false});
    }
}

void VncView::handleFrameUpdated(QRect rect)
{
    const QSize size = m_client.framebuffer().size();
    if (m_image.size() != size) {
        m_image = m_client.framebuffer().image();
        setScaleToFit(m_fit); // a 1:1 view follows the new size
        return;
    }
    const QImage part = m_client.framebuffer().image(rect);
    QPainter painter(&m_image);
    painter.setCompositionMode(QPainter::CompositionMode_Source);
    painter.drawImage(rect.topLeft(), part);
    painter.end();
    const QRectF target = targetRect();
    const qreal scale = target.width() / qreal(m_image.width());
    update(QRectF(target.topLeft() + QPointF(rect.topLeft()) * scale, QSizeF(rect.size()) * scale)
               .toAlignedRect()
               .adjusted(-1, -1, 1, 1));
}

QRectF VncView::targetRect() const
{
    if (m_image.isNull()) {
        return QRectF(rect());
    }
    const QSizeF scaled = m_fit ? QSizeF(m_image.size()).scaled(QSizeF(size()), Qt::KeepAspectRatio)
                                : QSizeF(m_image.size());
    return QRectF(QPointF((width() - scaled.width()) / 2, (height() - scaled.height()) / 2),
                  scaled);
}

QPoint VncView::toFramebuffer(QPointF widgetPosition) const
{
    const QRectF target = targetRect();
    if (m_image.isNull() || target.isEmpty()) {
        return {};
    }
    const QPointF relative =
        (widgetPosition - target.topLeft()) * (m_image.width() / target.width());
    return QPoint(std::clamp(int(relative.x()), 0, m_image.width() - 1),
                  std::clamp(int(relative.y()), 0, m_image.height() - 1));
}

void VncView::paintEvent(QPaintEvent* event)
{
    QPainter painter(this);
    painter.fillRect(event->rect(), Qt::black);
    if (!m_image.isNull()) {
        painter.setRenderHint(QPainter::SmoothPixmapTransform, m_fit);
        painter.drawImage(targetRect(), m_image);
    }
}

void VncView::sendPointer(QPointF widgetPosition, Qt::MouseButtons buttons)
{
    if (!m_viewOnly && !m_image.isNull()) {
        m_client.sendInput(PointerEvent{toFramebuffer(widgetPosition), buttonMask(buttons)});
    }
}

void VncView::mousePressEvent(QMouseEvent* event)
{
    sendPointer(event->position(), event->buttons());
}

void VncView::mouseReleaseEvent(QMouseEvent* event)
{
    sendPointer(event->position(), event->buttons());
}

void VncView::mouseMoveEvent(QMouseEvent* event)
{
    sendPointer(event->position(), event->buttons());
}

void VncView::wheelEvent(QWheelEvent* event)
{
    if (m_viewOnly || m_image.isNull() || event->angleDelta().y() == 0) {
        return;
    }
    // RFB has no wheel event: a wheel step is a press and release of button 4 or 5.
    const QPoint position = toFramebuffer(event->position());
    const int held = buttonMask(event->buttons());
    const int wheel = event->angleDelta().y() > 0 ? WheelUp : WheelDown;
    m_client.sendInput(PointerEvent{position, held | wheel});
    m_client.sendInput(PointerEvent{position, held});
}

void VncView::sendKey(const QKeyEvent* event, bool down)
{
    const std::uint32_t keysym = keysymFor(event->key(), event->text());
    if (!m_viewOnly && keysym != 0) {
        m_client.sendInput(KeyEvent{keysym, down});
    }
}

void VncView::keyPressEvent(QKeyEvent* event)
{
    sendKey(event, true);
}

void VncView::keyReleaseEvent(QKeyEvent* event)
{
    if (!event->isAutoRepeat()) {
        sendKey(event, false);
    }
}

} // namespace steward::console::vnc
