// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// TempFiles - writing and reading small files in a test's temporary directory.
#pragma once

#include <QByteArray>
#include <QString>
#include <QTemporaryDir>

namespace steward::test {

/** Writes \a content to \a name in \a dir (replacing it); the file's path. */
QString writeTempFile(const QTemporaryDir& dir, const QString& name, const QByteArray& content);
/** The file's content as UTF-8, or empty when it does not exist. */
[[nodiscard]] QString readTextFile(const QString& path);

} // namespace steward::test
