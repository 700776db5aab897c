// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// Confirm - the yes/no question asked before a destructive action; tests answer it themselves.
#pragma once

#include <QString>
#include <QStringList>

#include <functional>

class QWidget;

namespace steward::console::ui {

/** Asks \a text under \a title; true means go ahead. */
using Confirm = std::function<bool(const QString& title, const QString& text)>;

/** A QMessageBox question over \a parent, "No" by default. */
[[nodiscard]] Confirm messageBoxConfirm(QWidget* parent);

/** "TC-1, TC-2 and TC-3"; past \a shown names: "TC-1, …, TC-10 and 5 more". */
[[nodiscard]] QString nameList(const QStringList& names, int shown = 10);

} // namespace steward::console::ui
