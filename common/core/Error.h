// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// Error - a failure: a stable code for programs and a message for people.
#pragma once

#include "common/core/ErrorCode.h"

#include <QString>

namespace steward {

struct Error {
    ErrorCode code = ErrorCode::Internal;
    QString message; // names the problem; never contains a secret

    /** "code: message", for logs. */
    [[nodiscard]] QString toString() const
    {
        return QString::fromLatin1(errorCodeName(code).data(),
                                   qsizetype(errorCodeName(code).size()))
               + QStringLiteral(": ") + message;
    }
    [[nodiscard]] QString codeName() const
    {
        const auto name = errorCodeName(code);
        return QString::fromLatin1(name.data(), qsizetype(name.size()));
    }
};

} // namespace steward
