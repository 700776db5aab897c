// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// StrictJson - parses one frame as exactly one JSON object, refusing what QJsonDocument lets by.
#pragma once

#include "common/core/Result.h"

#include <QByteArray>
#include <QJsonObject>

namespace steward::protocol {

/**
 * Parses \a frame as a single JSON object (RFC 8259) and rejects, as MalformedMessage: text that
 * is not JSON, a top-level value that is not an object, trailing bytes other than whitespace,
 * invalid UTF-8, a byte-order mark, raw control characters (NUL included) inside strings,
 * `\u` escapes that are unpaired surrogates, nesting deeper than Qt's limit, and duplicate keys
 * in any object. QJsonDocument alone accepts the last four and silently keeps the last
 * duplicate; two parsers that disagree on a message are a security bug, so we refuse.
 *
 * The caller checks the frame's size first: this function parses whatever it is given.
 */
[[nodiscard]] Result<QJsonObject> parseStrictJsonObject(const QByteArray& frame);

} // namespace steward::protocol
