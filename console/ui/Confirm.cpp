// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "console/ui/Confirm.h"

#include <QCoreApplication>
#include <QMessageBox>
#include <QPointer>

namespace steward::console::ui {

Confirm messageBoxConfirm(QWidget* parent)
{
    return [guard = QPointer<QWidget>(parent)](const QString& title, const QString& text) {
        return QMessageBox::question(guard, title, text, QMessageBox::Yes | QMessageBox::No,
                                     QMessageBox::No)
               == QMessageBox::Yes;
    };
}

QString nameList(const QStringList& names, int shown)
{
    const auto tr = [](const char* text) { return QCoreApplication::translate("Confirm", text); };
    if (names.size() <= 1) {
        return names.value(0);
    }
    if (names.size() <= shown) {
        return tr("%1 and %2")
            .arg(names.mid(0, names.size() - 1).join(QStringLiteral(", ")), names.last());
    }
    return tr("%1 and %2 more")
        .arg(names.mid(0, shown).join(QStringLiteral(", ")))
        .arg(names.size() - shown);
}

} // namespace steward::console::ui
