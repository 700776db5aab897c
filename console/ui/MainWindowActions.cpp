// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// MainWindow's action handlers: device commands, shadow, rename, move, delete, folders.
#include "console/ui/MainWindow.h"

#include "console/models/NavigationModel.h"
#include "console/ui/ShadowLauncher.h"

#include <QInputDialog>
#include <QJsonArray>
#include <QMessageBox>
#include <QStatusBar>
#include <QTreeView>

namespace steward::console::ui {
namespace {

const QString CommandsRoute = QStringLiteral("/api/v1/devices/{id}/commands");
const QString FoldersRoute = QStringLiteral("/api/v1/folders");
const QString DevicesRoute = QStringLiteral("/api/v1/devices");

} // namespace

void MainWindow::shadow()
{
    const auto devices = selectedDevices();
    if (devices.size() != 1) {
        return;
    }
    const QString reason = m_shadow.unavailableReason();
    if (!reason.isEmpty()) {
        QMessageBox::information(this, tr("Shadow"), tr("Not available yet: %1.").arg(reason));
        return;
    }
    m_shadow.start(m_session, devices.first(), this);
}

void MainWindow::sendCommand(const QString& kind, const QJsonObject& args, const QString& confirm)
{
    const auto devices = selectedDevices();
    if (devices.isEmpty() || startJob(kind, confirm)) {
        return;
    }
    if (!confirm.isEmpty()
        && QMessageBox::question(this, tr("Confirm"), confirm.arg(devices.size()))
               != QMessageBox::Yes) {
        return;
    }
    for (const auto& device : devices) {
        const qint64 id = device.value(QStringLiteral("id")).toInteger();
        const QString name = device.value(QStringLiteral("name")).toString();
        m_session.api->send(
            {"POST", QStringLiteral("/api/v1/devices/%1/commands").arg(id),
             QJsonObject{{QStringLiteral("kind"), kind}, {QStringLiteral("args"), args}}},
            this, [this, kind, name](const net::ApiReply& reply) {
                reportResult(tr("%1 for %2").arg(kind, name), reply);
            });
    }
}

void MainWindow::reportResult(const QString& what, const net::ApiReply& reply, const QString& done)
{
    if (reply.ok()) {
        statusBar()->showMessage(tr("%1: %2").arg(what, done.isEmpty() ? tr("queued") : done),
                                 5000);
        return;
    }
    QMessageBox::warning(this, tr("Not done"), tr("%1 failed: %2").arg(what, reply.error->message));
}

void MainWindow::reboot()
{
    sendCommand(QStringLiteral("reboot"), {}, tr("Reboot %1 device(s)? Users lose unsaved work."));
}

void MainWindow::shutdown()
{
    sendCommand(QStringLiteral("shutdown"), {},
                tr("Shut down %1 device(s)? Users lose unsaved work."));
}

void MainWindow::wake()
{
    if (startJob(QStringLiteral("wake"), {})) {
        return;
    }
    const auto devices = selectedDevices();
    for (const auto& device : devices) {
        const qint64 id = device.value(QStringLiteral("id")).toInteger();
        m_session.api->send(
            {"POST", QStringLiteral("/api/v1/devices/%1/wake").arg(id), QJsonObject{}}, this,
            [this, device](const net::ApiReply& reply) {
                reportResult(tr("Wake %1").arg(device.value(QStringLiteral("name")).toString()),
                             reply);
            });
    }
}

void MainWindow::pushSettings()
{
    sendCommand(QStringLiteral("push-settings"), {}, {});
}

void MainWindow::rename()
{
    const auto devices = selectedDevices();
    if (devices.size() != 1) {
        return;
    }
    bool ok = false;
    const QString name =
        QInputDialog::getText(this, tr("Rename device"), tr("New name:"), QLineEdit::Normal,
                              devices.first().value(QStringLiteral("name")).toString(), &ok)
            .trimmed();
    if (!ok || name.isEmpty()) {
        return;
    }
    if (m_session.capabilities.has(QStringLiteral("POST"), CommandsRoute)) {
        // Audited as a device command; the server renames at once (no "network" rename).
        sendCommand(QStringLiteral("rename"), QJsonObject{{QStringLiteral("name"), name}}, {});
        return;
    }
    const qint64 id = devices.first().value(QStringLiteral("id")).toInteger();
    m_session.api->send({"PATCH", QStringLiteral("/api/v1/devices/%1").arg(id),
                         QJsonObject{{QStringLiteral("name"), name}}},
                        this, [this, name](const net::ApiReply& reply) {
                            reportResult(tr("Rename to %1").arg(name), reply);
                        });
}

void MainWindow::move()
{
    QList<qint64> ids;
    for (const auto& device : selectedDevices()) {
        ids.append(device.value(QStringLiteral("id")).toInteger());
    }
    if (ids.isEmpty()) {
        return;
    }
    QStringList names{tr("(no folder)")};
    for (const auto& folder : m_navigation->folders()) {
        names.append(QStringLiteral("%1  [#%2]").arg(folder.name).arg(folder.id));
    }
    bool ok = false;
    const QString chosen =
        QInputDialog::getItem(this, tr("Move devices"), tr("Folder:"), names, 0, false, &ok);
    if (!ok) {
        return;
    }
    const qsizetype at = names.indexOf(chosen);
    m_navigation->moveDevices(
        ids,
        at <= 0 ? std::nullopt : std::optional<qint64>(m_navigation->folders()[size_t(at - 1)].id));
}

void MainWindow::remove()
{
    const auto devices = selectedDevices();
    QList<qint64> ids;
    QStringList names;
    for (const auto& device : devices) {
        ids.append(device.value(QStringLiteral("id")).toInteger());
        names.append(device.value(QStringLiteral("name")).toString());
    }
    if (ids.isEmpty()
        || !m_confirm(tr("Delete devices"),
                      tr("Move %1 to the recycle bin? They are disconnected until they are "
                         "restored.")
                          .arg(nameList(names)))) {
        return;
    }
    const QString what = tr("Delete %1").arg(nameList(names, 3));
    if (ids.size() > 1 && m_session.capabilities.has(QStringLiteral("DELETE"), DevicesRoute)) {
        QJsonArray array;
        for (const qint64 id : ids) {
            array.append(id);
        }
        // One request, all or nothing on the server.
        m_session.api->send({"DELETE", DevicesRoute, QJsonObject{{QStringLiteral("ids"), array}}},
                            this, [this, what](const net::ApiReply& reply) {
                                reportResult(what, reply, tr("moved to the recycle bin"));
                            });
        return;
    }
    for (qsizetype i = 0; i < ids.size(); ++i) {
        m_session.api->send(
            {"DELETE", QStringLiteral("/api/v1/devices/%1").arg(ids[i]), std::nullopt}, this,
            [this, name = names[i]](const net::ApiReply& reply) {
                reportResult(tr("Delete %1").arg(name), reply, tr("moved to the recycle bin"));
            });
    }
}

void MainWindow::release()
{
    sendCommand(QStringLiteral("release"), {},
                tr("Release %1 device(s)? They stop being managed and must enrol again."));
}

void MainWindow::newFolder()
{
    bool ok = false;
    const QString name =
        QInputDialog::getText(this, tr("New folder"), tr("Name:"), QLineEdit::Normal, {}, &ok)
            .trimmed();
    if (!ok || name.isEmpty()) {
        return;
    }
    const QModelIndex current = m_tree->currentIndex();
    const bool inFolder = current.data(models::NavigationModel::NodeRole).toInt()
                          == int(models::NavigationModel::Node::Folder);
    QJsonObject body{{QStringLiteral("name"), name}};
    body.insert(QStringLiteral("parent"),
                inFolder
                    ? QJsonValue(current.data(models::NavigationModel::FolderIdRole).toLongLong())
                    : QJsonValue(QJsonValue::Null));
    m_session.api->send({"POST", FoldersRoute, body}, this,
                        [this, name](const net::ApiReply& reply) {
                            reportResult(tr("New folder %1").arg(name), reply);
                        });
}

void MainWindow::renameFolder()
{
    const QModelIndex current = m_tree->currentIndex();
    const qint64 id = current.data(models::NavigationModel::FolderIdRole).toLongLong();
    bool ok = false;
    const QString name =
        QInputDialog::getText(this, tr("Rename folder"), tr("Name:"), QLineEdit::Normal,
                              current.data(models::NavigationModel::FolderNameRole).toString(), &ok)
            .trimmed();
    if (!ok || name.isEmpty() || id <= 0) {
        return;
    }
    m_session.api->send({"PATCH", QStringLiteral("/api/v1/folders/%1").arg(id),
                         QJsonObject{{QStringLiteral("name"), name}}},
                        this, [this, name](const net::ApiReply& reply) {
                            reportResult(tr("Rename folder to %1").arg(name), reply);
                        });
}

void MainWindow::deleteFolder()
{
    const QModelIndex current = m_tree->currentIndex();
    const qint64 id = current.data(models::NavigationModel::FolderIdRole).toLongLong();
    if (id <= 0
        || QMessageBox::question(
               this, tr("Delete folder"),
               tr("Delete the folder %1? Its devices move to the top level.")
                   .arg(current.data(models::NavigationModel::FolderNameRole).toString()))
               != QMessageBox::Yes) {
        return;
    }
    m_session.api->send(
        {"DELETE", QStringLiteral("/api/v1/folders/%1?recursive=true").arg(id), std::nullopt}, this,
        [this](const net::ApiReply& reply) {
            reportResult(tr("Delete folder"), reply);
            m_tree->setCurrentIndex(m_navigation->devicesIndex());
        });
}

} // namespace steward::console::ui
