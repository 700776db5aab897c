// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// SecureFile - writes secrets to files that are mode 0600 from the moment they exist.
#pragma once

#include "common/core/Result.h"

#include <QByteArray>
#include <QString>

namespace steward::crypto {

/**
 * Replaces `path` atomically with `content`: a temporary file in the same folder is created
 * with mode 0600 (never wider, whatever the umask), written, synced and renamed over `path`.
 */
[[nodiscard]] Result<void> writePrivateFile(const QString& path, const QByteArray& content);

} // namespace steward::crypto
