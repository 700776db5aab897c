// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// DeviceDetailsPane - system information, commands and audit history of one device.
#pragma once

#include "common/protocol/Events.h"
#include "console/net/Session.h"

#include <QJsonObject>
#include <QWidget>

class QLabel;
class QTabWidget;
class QTableWidget;
class QFormLayout;

namespace steward::console::models {
class EffectiveConfigModel;
}

namespace steward::console::ui {

class ExplainView;

class DeviceDetailsPane : public QWidget {
    Q_OBJECT

public:
    DeviceDetailsPane(net::Session& session, QWidget* parent = nullptr);

    /** Shows \a device (a REST device object) and fetches its commands and audit history. */
    void showDevice(const QJsonObject& device);
    void clear();
    [[nodiscard]] qint64 deviceId() const { return m_deviceId; }
    /** The value shown for a field ("Unit id", "Last IP", …), for tests and accessibility. */
    [[nodiscard]] QString field(const QString& label) const;
    [[nodiscard]] int auditRows() const;
    /** The "Configuration" tab (Explain); null on a server without effective-config. */
    [[nodiscard]] models::EffectiveConfigModel* configuration() { return m_config; }
    [[nodiscard]] ExplainView* explainView() { return m_explain; }
    /** Shows the "Configuration" tab. */
    void showConfiguration();
    /** Loads the configuration again (events may have been missed while disconnected). */
    void reloadConfiguration();

    void applyEvent(const protocol::ObjectEvent& event);

private:
    void render(const QJsonObject& device);
    void loadHistory();
    void setField(const QString& label, const QString& value);

    net::Session& m_session;
    qint64 m_deviceId = 0;
    QLabel* m_title = nullptr;
    QFormLayout* m_form = nullptr;
    QTableWidget* m_commands = nullptr;
    QLabel* m_commandsNote = nullptr;
    QTableWidget* m_audit = nullptr;
    QLabel* m_auditNote = nullptr;
    QTabWidget* m_tabs = nullptr;
    models::EffectiveConfigModel* m_config = nullptr;
    ExplainView* m_explain = nullptr;
};

} // namespace steward::console::ui
