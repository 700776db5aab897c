// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "console/ui/DeviceDetailsPane.h"

#include "console/models/DeviceListModel.h"
#include "console/models/EffectiveConfigModel.h"
#include "console/ui/ExplainView.h"

#include <QFormLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QLabel>
#include <QTabWidget>
#include <QTableWidget>
#include <QVBoxLayout>

namespace steward::console::ui {
namespace {

const QStringList Fields = {
    QStringLiteral("Name"),         QStringLiteral("Unit id"),     QStringLiteral("MAC"),
    QStringLiteral("Last IP"),      QStringLiteral("Product"),     QStringLiteral("Version"),
    QStringLiteral("Last contact"), QStringLiteral("Last boot"),   QStringLiteral("Runtime"),
    QStringLiteral("Enrolled"),     QStringLiteral("Certificate"), QStringLiteral("Attributes")};

QTableWidget* makeTable(const QStringList& headers, QWidget* parent)
{
    auto* table = new QTableWidget(0, int(headers.size()), parent);
    table->setHorizontalHeaderLabels(headers);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->verticalHeader()->hide();
    table->horizontalHeader()->setStretchLastSection(true);
    return table;
}

void fillRows(QTableWidget& table, const QJsonArray& items, const QStringList& keys)
{
    table.setRowCount(int(items.size()));
    for (int row = 0; row < items.size(); ++row) {
        const QJsonObject item = items.at(row).toObject();
        for (int column = 0; column < keys.size(); ++column) {
            const QJsonValue value = item.value(keys.at(column));
            QString text;
            static const QStringList Times = {QStringLiteral("at"), QStringLiteral("created"),
                                              QStringLiteral("finished")};
            if (Times.contains(keys.at(column))) {
                text = models::localTime(value);
            } else if (value.isObject() || value.isArray()) {
                text = QString::fromUtf8(
                    value.isObject()
                        ? QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact)
                        : QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
            } else {
                text = value.toVariant().toString();
            }
            table.setItem(row, column, new QTableWidgetItem(text));
        }
    }
}

QString duration(qint64 seconds)
{
    if (seconds < 0) {
        return {};
    }
    return QStringLiteral("%1 d %2 h %3 min")
        .arg(seconds / 86400)
        .arg((seconds % 86400) / 3600)
        .arg((seconds % 3600) / 60);
}

} // namespace

DeviceDetailsPane::DeviceDetailsPane(net::Session& session, QWidget* parent)
    : QWidget(parent), m_session(session)
{
    m_title = new QLabel(this);
    QFont bold = m_title->font();
    bold.setBold(true);
    bold.setPointSizeF(bold.pointSizeF() * 1.3);
    m_title->setFont(bold);
    auto* info = new QWidget(this);
    m_form = new QFormLayout(info);
    for (const auto& label : Fields) {
        auto* value = new QLabel(info);
        value->setObjectName(label);
        value->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
        value->setWordWrap(true);
        m_form->addRow(tr("%1:").arg(label), value);
    }
    auto* commandsPage = new QWidget(this);
    auto* commandsLayout = new QVBoxLayout(commandsPage);
    m_commandsNote = new QLabel(commandsPage);
    m_commandsNote->setWordWrap(true);
    m_commands = makeTable({tr("Queued"), tr("Kind"), tr("State"), tr("Finished"), tr("Message")},
                           commandsPage);
    commandsLayout->addWidget(m_commandsNote);
    commandsLayout->addWidget(m_commands);
    auto* auditPage = new QWidget(this);
    auto* auditLayout = new QVBoxLayout(auditPage);
    m_auditNote = new QLabel(auditPage);
    m_auditNote->setWordWrap(true);
    m_audit =
        makeTable({tr("When"), tr("Who"), tr("Action"), tr("Outcome"), tr("Details")}, auditPage);
    auditLayout->addWidget(m_auditNote);
    auditLayout->addWidget(m_audit);
    m_tabs = new QTabWidget(this);
    m_tabs->addTab(info, tr("&System"));
    m_tabs->addTab(commandsPage, tr("Co&mmands"));
    m_tabs->addTab(auditPage, tr("&History"));
    const auto& caps = m_session.capabilities;
    if (caps.has(QStringLiteral("GET"), QStringLiteral("/api/v1/devices/{id}/effective-config"))) {
        // Explain: every parameter, its value and why (docs/settings.md).
        m_config = new models::EffectiveConfigModel(*m_session.api, this);
        m_explain = new ExplainView(
            *m_config,
            caps.has(QStringLiteral("POST"), QStringLiteral("/api/v1/devices/{id}/config-push")),
            this);
        m_tabs->addTab(m_explain, tr("Con&figuration"));
    }
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_title);
    layout->addWidget(m_tabs);
    clear();
}

void DeviceDetailsPane::clear()
{
    m_deviceId = 0;
    m_title->setText(tr("No device selected"));
    for (const auto& label : Fields) {
        setField(label, {});
    }
    m_commands->setRowCount(0);
    m_audit->setRowCount(0);
    m_commandsNote->clear();
    m_auditNote->clear();
    if (m_config) {
        m_config->setDevice(0);
    }
}

void DeviceDetailsPane::reloadConfiguration()
{
    if (m_config && m_config->device() != 0) {
        m_config->reload();
    }
}

void DeviceDetailsPane::showConfiguration()
{
    if (m_explain) {
        m_tabs->setCurrentWidget(m_explain);
    }
}

QString DeviceDetailsPane::field(const QString& label) const
{
    const auto* value = findChild<QLabel*>(label);
    return value ? value->text() : QString();
}

int DeviceDetailsPane::auditRows() const
{
    return m_audit->rowCount();
}

void DeviceDetailsPane::setField(const QString& label, const QString& value)
{
    if (auto* widget = findChild<QLabel*>(label)) {
        widget->setText(value);
    }
}

void DeviceDetailsPane::showDevice(const QJsonObject& device)
{
    const qint64 id = device.value(QStringLiteral("id")).toInteger();
    const bool other = id != m_deviceId;
    m_deviceId = id;
    render(device);
    if (other) {
        loadHistory();
        if (m_config) {
            m_config->setDevice(id);
        }
    }
}

void DeviceDetailsPane::render(const QJsonObject& device)
{
    const auto text = [&device](const char* key) {
        return device.value(QLatin1String(key)).toString();
    };
    const QJsonObject inventory = device.value(QStringLiteral("inventory")).toObject();
    const QString notReported = tr("not reported yet");
    m_title->setText(QStringLiteral("%1 — %2").arg(
        text("name"),
        device.value(QStringLiteral("online")).toBool() ? tr("online") : tr("offline")));
    setField(QStringLiteral("Name"), text("name"));
    setField(QStringLiteral("Unit id"), text("unitId"));
    QStringList macs;
    for (const auto& entry : inventory.value(QStringLiteral("interfaces")).toArray()) {
        const QJsonObject nic = entry.toObject();
        const QString mac = nic.value(QStringLiteral("mac")).toString();
        if (!mac.isEmpty()) {
            macs.append(
                QStringLiteral("%1 (%2)").arg(mac, nic.value(QStringLiteral("name")).toString()));
        }
    }
    setField(QStringLiteral("MAC"),
             macs.isEmpty() ? text("unitId") : macs.join(QStringLiteral(", ")));
    setField(QStringLiteral("Last IP"), text("lastIp"));
    const QString os = inventory.value(QStringLiteral("os")).toString();
    setField(QStringLiteral("Product"), os.isEmpty() ? notReported : os);
    const QString agent = inventory.value(QStringLiteral("agentVersion")).toString();
    const QString kernel = inventory.value(QStringLiteral("kernel")).toString();
    setField(QStringLiteral("Version"),
             agent.isEmpty() ? notReported
                             : tr("agent %1, kernel %2")
                                   .arg(agent, kernel.isEmpty() ? QStringLiteral("?") : kernel));
    setField(QStringLiteral("Last contact"),
             models::localTime(device.value(QStringLiteral("lastContact"))));
    // lastBoot and runtimeSeconds (now − last boot while online, else null) come from servers
    // with hardware inventory; older ones report neither.
    const QJsonValue boot = device.value(QStringLiteral("lastBoot"));
    setField(QStringLiteral("Last boot"), boot.isString() ? models::localTime(boot) : notReported);
    const QJsonValue runtime = device.value(QStringLiteral("runtimeSeconds"));
    if (runtime.isDouble()) {
        setField(QStringLiteral("Runtime"), duration(runtime.toInteger()));
    } else {
        setField(QStringLiteral("Runtime"), device.contains(QStringLiteral("runtimeSeconds"))
                                                ? tr("not running")
                                                : notReported);
    }
    setField(QStringLiteral("Enrolled"),
             models::localTime(device.value(QStringLiteral("enrolledAt"))));
    // The device-communication certificate it pins (docs/certificates.md).
    const QJsonObject certificate = device.value(QStringLiteral("certificateInUse")).toObject();
    setField(QStringLiteral("Certificate"),
             certificate.isEmpty()
                 ? tr("not known")
                 : tr("#%1, SHA-256 %2")
                       .arg(certificate.value(QStringLiteral("id")).toInteger())
                       .arg(certificate.value(QStringLiteral("fingerprint")).toString()));
    const QJsonObject attributes = device.value(QStringLiteral("attributes")).toObject();
    QStringList pairs;
    for (auto it = attributes.begin(); it != attributes.end(); ++it) {
        pairs.append(QStringLiteral("%1 = %2").arg(it.key(), it.value().toVariant().toString()));
    }
    setField(QStringLiteral("Attributes"),
             pairs.isEmpty() ? tr("none") : pairs.join(QLatin1Char('\n')));
}

void DeviceDetailsPane::loadHistory()
{
    m_commands->setRowCount(0);
    m_audit->setRowCount(0);
    const qint64 id = m_deviceId;
    if (m_session.capabilities.has(QStringLiteral("GET"),
                                   QStringLiteral("/api/v1/devices/{id}/commands"))) {
        m_commandsNote->setText(tr("Loading…"));
        m_session.api->get(
            QStringLiteral("/api/v1/devices/%1/commands?limit=100").arg(id), this,
            [this, id](const net::ApiReply& reply) {
                if (id != m_deviceId) {
                    return;
                }
                if (!reply.ok()) {
                    m_commandsNote->setText(
                        tr("Commands could not be loaded: %1").arg(reply.error->message));
                    return;
                }
                const QJsonArray items = reply.object().value(QStringLiteral("items")).toArray();
                m_commandsNote->setText(items.isEmpty() ? tr("No commands yet.") : QString());
                fillRows(*m_commands, items,
                         {QStringLiteral("created"), QStringLiteral("kind"),
                          QStringLiteral("state"), QStringLiteral("finished"),
                          QStringLiteral("message")});
            });
    } else {
        m_commandsNote->setText(tr("This server does not queue device commands yet."));
    }
    m_auditNote->setText(tr("Loading…"));
    m_session.api->get(
        QStringLiteral("/api/v1/audit?object=device:%1&limit=100").arg(id), this,
        [this, id](const net::ApiReply& reply) {
            if (id != m_deviceId) {
                return;
            }
            if (!reply.ok()) {
                m_auditNote->setText(
                    tr("The history could not be loaded: %1").arg(reply.error->message));
                return;
            }
            const QJsonArray items = reply.object().value(QStringLiteral("items")).toArray();
            m_auditNote->setText(items.isEmpty() ? tr("No history yet.") : QString());
            fillRows(*m_audit, items,
                     {QStringLiteral("at"), QStringLiteral("actor"), QStringLiteral("action"),
                      QStringLiteral("outcome"), QStringLiteral("details")});
        });
}

void DeviceDetailsPane::applyEvent(const protocol::ObjectEvent& event)
{
    if (m_deviceId == 0) {
        return;
    }
    if (m_config) {
        m_config->applyEvent(event);
    }
    if (event.kind == QStringLiteral("command")) {
        // Queued, sent, finished or expired: the Commands tab follows.
        if (event.object
            && event.object->value(QStringLiteral("deviceId")).toInteger() == m_deviceId) {
            loadHistory();
        }
        return;
    }
    if (event.kind != QStringLiteral("device") || event.id != m_deviceId) {
        return;
    }
    if (event.event == QStringLiteral("deleted")) {
        clear();
        return;
    }
    if (event.object) {
        render(*event.object);
    }
    if (event.event == QStringLiteral("changed")) {
        loadHistory();
    }
}

} // namespace steward::console::ui
