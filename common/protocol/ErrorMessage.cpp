// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/protocol/ErrorMessage.h"

#include "common/protocol/JsonReader.h"

#include <algorithm>

namespace steward::protocol {
namespace {

constexpr qsizetype MaxCodeLength = 64;

bool isWireCodeName(const QString& code)
{
    return !code.isEmpty() && code.size() <= MaxCodeLength
           && std::all_of(code.begin(), code.end(), [](QChar c) {
                  return (c >= u'a' && c <= u'z') || (c >= u'0' && c <= u'9') || c == u'_';
              });
}

} // namespace

QJsonObject toJson(const ErrorMessage& error)
{
    return QJsonObject{{QLatin1String("code"), error.code},
                       {QLatin1String("message"), error.message}};
}

Result<ErrorMessage> errorMessageFromJson(const QJsonObject& body)
{
    JsonReader reader(body);
    ErrorMessage error;
    error.code = reader.requireString(u"code");
    error.message = reader.requireString(u"message");
    if (reader.ok() && !isWireCodeName(error.code)) {
        reader.invalid(
            u"code", QStringLiteral("must be 1 to %1 characters of [a-z0-9_]").arg(MaxCodeLength));
    }
    return reader.finish(std::move(error));
}

ErrorMessage makeErrorMessage(const Error& error)
{
    return ErrorMessage{error.codeName(), error.message};
}

ErrorCode errorCode(const ErrorMessage& error)
{
    return errorCodeFromName(error.code.toStdString()).value_or(ErrorCode::Internal);
}

Error toError(const ErrorMessage& error)
{
    return Error{errorCode(error), error.message};
}

} // namespace steward::protocol
