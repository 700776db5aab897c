// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/protocol/JsonReader.h"

#include <cmath>
#include <limits>

namespace steward::protocol {
namespace {

QString expectedName(QJsonValue::Type type)
{
    switch (type) {
    case QJsonValue::String:
        return QStringLiteral("a string");
    case QJsonValue::Double:
        return QStringLiteral("an integer");
    case QJsonValue::Bool:
        return QStringLiteral("a boolean");
    case QJsonValue::Array:
        return QStringLiteral("an array");
    case QJsonValue::Object:
        return QStringLiteral("an object");
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        break;
    }
    return QStringLiteral("a value");
}

} // namespace

JsonReader::JsonReader(QJsonObject object, QString path)
    : m_object(std::move(object)), m_path(std::move(path))
{}

QString JsonReader::pathOf(QStringView key) const
{
    if (m_path.isEmpty()) {
        return key.toString();
    }
    return m_path + QLatin1Char('.') + key;
}

QString JsonReader::jsonTypeName(const QJsonValue& value)
{
    switch (value.type()) {
    case QJsonValue::Null:
        return QStringLiteral("null");
    case QJsonValue::Bool:
        return QStringLiteral("boolean");
    case QJsonValue::Double: {
        const double number = value.toDouble();
        return std::trunc(number) == number ? QStringLiteral("integer") : QStringLiteral("number");
    }
    case QJsonValue::String:
        return QStringLiteral("string");
    case QJsonValue::Array:
        return QStringLiteral("array");
    case QJsonValue::Object:
        return QStringLiteral("object");
    case QJsonValue::Undefined:
        break;
    }
    return QStringLiteral("undefined");
}

void JsonReader::fail(Error error)
{
    if (!m_error) {
        m_error = std::move(error);
    }
}

void JsonReader::invalid(QStringView key, const QString& reason)
{
    fail(makeError(ErrorCode::InvalidValue, pathOf(key) + QLatin1Char(' ') + reason));
}

void JsonReader::absorb(const JsonReader& child)
{
    if (child.m_error) {
        fail(*child.m_error);
    }
}

std::optional<QJsonValue> JsonReader::fetch(QStringView key, QJsonValue::Type type, bool required)
{
    if (m_error) {
        return std::nullopt;
    }
    const auto it = m_object.constFind(key);
    if (it == m_object.constEnd()) {
        if (required) {
            fail(makeError(ErrorCode::MissingField, pathOf(key) + QStringLiteral(" is missing")));
        }
        return std::nullopt;
    }
    const QJsonValue value = it.value();
    if (value.type() != type) {
        fail(makeError(ErrorCode::WrongFieldType,
                       QStringLiteral("%1 must be %2, not %3")
                           .arg(pathOf(key), expectedName(type), jsonTypeName(value))));
        return std::nullopt;
    }
    return value;
}

std::optional<QString> JsonReader::readString(QStringView key, Text rule, bool required)
{
    const auto value = fetch(key, QJsonValue::String, required);
    if (!value) {
        return std::nullopt;
    }
    QString text = value->toString();
    if (rule == Text::NonEmpty && text.isEmpty()) {
        invalid(key, QStringLiteral("must not be empty"));
        return std::nullopt;
    }
    return text;
}

std::optional<qint64> JsonReader::readInt(QStringView key, qint64 min, qint64 max, bool required)
{
    const auto value = fetch(key, QJsonValue::Double, required);
    if (!value) {
        return std::nullopt;
    }
    // toInteger() is exact for integers Qt parsed as such (beyond 2^53 too) and refuses
    // fractions and doubles outside qint64, so 9007199254740993 is not mistaken for 2^53.
    constexpr qint64 NotAnInteger = std::numeric_limits<qint64>::min();
    const qint64 number = value->toInteger(NotAnInteger);
    if (number == NotAnInteger) {
        const double raw = value->toDouble();
        if (std::isfinite(raw) && std::trunc(raw) != raw) {
            fail(makeError(
                ErrorCode::WrongFieldType,
                QStringLiteral("%1 must be an integer, not a fractional number").arg(pathOf(key))));
        } else {
            invalid(key, QStringLiteral("must be between %1 and %2").arg(min).arg(max));
        }
        return std::nullopt;
    }
    if (number < min || number > max) {
        invalid(key,
                QStringLiteral("must be between %1 and %2, got %3").arg(min).arg(max).arg(number));
        return std::nullopt;
    }
    return number;
}

std::optional<QStringList> JsonReader::readStringList(QStringView key, Text rule, bool required)
{
    const auto value = fetch(key, QJsonValue::Array, required);
    if (!value) {
        return std::nullopt;
    }
    const QJsonArray array = value->toArray();
    QStringList list;
    list.reserve(array.size());
    for (qsizetype i = 0; i < array.size(); ++i) {
        const QJsonValue element = array.at(i);
        const QString elementPath = pathOf(key) + QStringLiteral("[%1]").arg(i);
        if (!element.isString()) {
            fail(
                makeError(ErrorCode::WrongFieldType, QStringLiteral("%1 must be a string, not %2")
                                                         .arg(elementPath, jsonTypeName(element))));
            return std::nullopt;
        }
        if (rule == Text::NonEmpty && element.toString().isEmpty()) {
            fail(makeError(ErrorCode::InvalidValue,
                           elementPath + QStringLiteral(" must not be empty")));
            return std::nullopt;
        }
        list.append(element.toString());
    }
    return list;
}

QString JsonReader::requireString(QStringView key, Text rule)
{
    return readString(key, rule, true).value_or(QString());
}

std::optional<QString> JsonReader::optionalString(QStringView key, Text rule)
{
    return readString(key, rule, false);
}

qint64 JsonReader::requireInt(QStringView key, qint64 min, qint64 max)
{
    return readInt(key, min, max, true).value_or(0);
}

std::optional<qint64> JsonReader::optionalInt(QStringView key, qint64 min, qint64 max)
{
    return readInt(key, min, max, false);
}

bool JsonReader::requireBool(QStringView key)
{
    const auto value = fetch(key, QJsonValue::Bool, true);
    return value && value->toBool();
}

std::optional<bool> JsonReader::optionalBool(QStringView key)
{
    const auto value = fetch(key, QJsonValue::Bool, false);
    if (!value) {
        return std::nullopt;
    }
    return value->toBool();
}

QStringList JsonReader::requireStringList(QStringView key, Text rule)
{
    return readStringList(key, rule, true).value_or(QStringList());
}

QStringList JsonReader::optionalStringList(QStringView key, Text rule)
{
    return readStringList(key, rule, false).value_or(QStringList());
}

QJsonObject JsonReader::requireObject(QStringView key)
{
    const auto value = fetch(key, QJsonValue::Object, true);
    return value ? value->toObject() : QJsonObject();
}

QJsonArray JsonReader::requireArray(QStringView key)
{
    const auto value = fetch(key, QJsonValue::Array, true);
    return value ? value->toArray() : QJsonArray();
}

std::optional<QJsonArray> JsonReader::optionalArray(QStringView key)
{
    const auto value = fetch(key, QJsonValue::Array, false);
    if (!value) {
        return std::nullopt;
    }
    return value->toArray();
}

std::optional<JsonReader> JsonReader::elementReader(QStringView key, const QJsonArray& array,
                                                    qsizetype index)
{
    const QJsonValue element = array.at(index);
    const QString elementPath = pathOf(key) + QStringLiteral("[%1]").arg(index);
    if (!element.isObject()) {
        fail(makeError(ErrorCode::WrongFieldType, QStringLiteral("%1 must be an object, not %2")
                                                      .arg(elementPath, jsonTypeName(element))));
        return std::nullopt;
    }
    return JsonReader(element.toObject(), elementPath);
}

JsonReader JsonReader::nested(QStringView key)
{
    return JsonReader(requireObject(key), pathOf(key));
}

} // namespace steward::protocol
