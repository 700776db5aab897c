// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// Parameter - one configurable device setting: key, type, default, limits and who applies it.
#pragma once

#include "common/core/Result.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QRegularExpression>
#include <QString>
#include <QStringList>

namespace steward::settings {

/** The JSON shape a parameter's value has. */
enum class ParameterType {
    Bool,       // true or false
    Integer,    // a whole number in [minimum, maximum], or one of allowedValues
    String,     // at most maxLength characters, matching pattern when one is set
    Choice,     // one of allowedValues (strings)
    StringList, // up to maxItems non-empty strings of at most maxLength characters each
    Launchers,  // up to maxItems {"name","type","target"} objects, names unique
};

/** "bool", "integer", "string", "choice", "string-list", "launchers" */
[[nodiscard]] QString typeName(ParameterType type);

/**
 * A parameter of the registry. The key is dotted lower case ("shadow.prompt_timeout") and is
 * forever once released, like a wire name. The applier names the agent component that puts
 * the value into effect ("shadow", "timezone", …); rebootRequired says the value only takes
 * effect after the device restarts.
 */
struct Parameter {
    QString key;
    ParameterType type = ParameterType::String;
    QJsonValue defaultValue;
    QString description;
    QString applier;
    bool rebootRequired = false;
    QJsonArray allowedValues;   // Choice, and optionally Integer
    qint64 minimum = 0;         // Integer
    qint64 maximum = 0;         // Integer
    int maxLength = 0;          // String, StringList, Launchers' target
    int maxItems = 0;           // StringList, Launchers
    QString pattern;            // String: a full-match regular expression; empty allows any text
    QRegularExpression matcher; // pattern, compiled once by ParameterRegistry (else per check)

    /** Accepts \a value or returns InvalidValue/WrongFieldType naming the key and the problem. */
    [[nodiscard]] Result<void> check(const QJsonValue& value) const;
    /** {"key","type","default","description","applier","rebootRequired", limits …} */
    [[nodiscard]] QJsonObject toJson() const;
};

/** The launcher types a "launchers" parameter accepts. */
[[nodiscard]] QStringList launcherTypes();

} // namespace steward::settings
