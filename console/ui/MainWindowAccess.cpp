// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// MainWindow's access-control actions: the Access Control dialog on a node, and the groups.
#include "console/ui/MainWindow.h"

#include "console/models/NavigationModel.h"
#include "console/ui/AccessControlDialog.h"
#include "console/ui/GroupsDialog.h"

#include <QTreeView>

namespace steward::console::ui {

void MainWindow::accessControl()
{
    const QModelIndex current = m_tree->currentIndex();
    const QString ref = current.data(models::NavigationModel::AccessNodeRole).toString();
    const QString folder = current.data(models::NavigationModel::FolderNameRole).toString();
    if (!ref.isEmpty()) {
        openAccessControl({ref, folder.isEmpty() ? current.data().toString() : folder});
    }
}

void MainWindow::deviceAccessControl()
{
    const auto devices = selectedDevices();
    if (devices.size() == 1) {
        openAccessControl(
            {QStringLiteral("device:%1").arg(devices.first()[QStringLiteral("id")].toInteger()),
             devices.first()[QStringLiteral("name")].toString()});
    }
}

void MainWindow::serverAccessControl()
{
    openAccessControl({QStringLiteral("root:all"), QStringLiteral("/")});
}

void MainWindow::groups()
{
    auto* dialog = new GroupsDialog(m_session, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->show();
}

void MainWindow::openAccessControl(const AccessNode& node)
{
    auto* dialog = new AccessControlDialog(m_session, node, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->show();
}

} // namespace steward::console::ui
