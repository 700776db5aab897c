// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/settings/Parameter.h"

#include <QRegularExpression>
#include <QSet>

namespace steward::settings {
namespace {

QString jsonType(const QJsonValue& value)
{
    switch (value.type()) {
    case QJsonValue::Null:
        return QStringLiteral("null");
    case QJsonValue::Bool:
        return QStringLiteral("a boolean");
    case QJsonValue::Double:
        return QStringLiteral("a number");
    case QJsonValue::String:
        return QStringLiteral("a string");
    case QJsonValue::Array:
        return QStringLiteral("an array");
    case QJsonValue::Object:
        return QStringLiteral("an object");
    case QJsonValue::Undefined:
        break;
    }
    return QStringLiteral("nothing");
}

bool hasControlCharacter(const QString& text)
{
    return std::any_of(text.begin(), text.end(),
                       [](QChar c) { return c.category() == QChar::Other_Control; });
}

class Checker {
public:
    explicit Checker(const Parameter& parameter) : m_parameter(parameter) {}

    Result<void> wrongType(const QJsonValue& value, const QString& expected) const
    {
        return makeError(ErrorCode::WrongFieldType,
                         QStringLiteral("%1 must be %2, not %3")
                             .arg(m_parameter.key, expected, jsonType(value)));
    }
    Result<void> invalid(const QString& why) const
    {
        return makeError(ErrorCode::InvalidValue,
                         QStringLiteral("%1 %2").arg(m_parameter.key, why));
    }

    Result<void> text(const QString& value, const QString& what) const
    {
        if (value.size() > m_parameter.maxLength) {
            return invalid(QStringLiteral("%1 has more than %2 characters")
                               .arg(what)
                               .arg(m_parameter.maxLength));
        }
        if (hasControlCharacter(value)) {
            return invalid(QStringLiteral("%1 contains a control character").arg(what));
        }
        return {};
    }

    Result<void> integer(const QJsonValue& value) const
    {
        const double number = value.toDouble();
        if (!value.isDouble() || number != double(qint64(number))) {
            return wrongType(value, QStringLiteral("a whole number"));
        }
        if (!m_parameter.allowedValues.isEmpty()) {
            if (!m_parameter.allowedValues.contains(QJsonValue(qint64(number)))) {
                return invalid(QStringLiteral("must be one of %1, not %2")
                                   .arg(allowedText())
                                   .arg(qint64(number)));
            }
            return {};
        }
        if (number < double(m_parameter.minimum) || number > double(m_parameter.maximum)) {
            return invalid(QStringLiteral("must be from %1 to %2, not %3")
                               .arg(m_parameter.minimum)
                               .arg(m_parameter.maximum)
                               .arg(qint64(number)));
        }
        return {};
    }

    Result<void> string(const QJsonValue& value) const
    {
        if (!value.isString()) {
            return wrongType(value, QStringLiteral("a string"));
        }
        if (auto ok = text(value.toString(), QStringLiteral("the value")); !ok) {
            return ok;
        }
        if (!m_parameter.pattern.isEmpty()) {
            const QRegularExpression pattern =
                m_parameter.matcher.pattern().isEmpty()
                    ? QRegularExpression(QRegularExpression::anchoredPattern(m_parameter.pattern))
                    : m_parameter.matcher;
            if (!pattern.match(value.toString()).hasMatch()) {
                return invalid(QStringLiteral("\"%1\" does not have the form %2")
                                   .arg(value.toString().left(80), m_parameter.pattern));
            }
        }
        return {};
    }

    Result<void> choice(const QJsonValue& value) const
    {
        if (!value.isString()) {
            return wrongType(value, QStringLiteral("a string"));
        }
        if (!m_parameter.allowedValues.contains(value)) {
            return invalid(QStringLiteral("must be one of %1, not \"%2\"")
                               .arg(allowedText(), value.toString().left(80)));
        }
        return {};
    }

    Result<void> list(const QJsonValue& value) const
    {
        if (!value.isArray()) {
            return wrongType(value, QStringLiteral("an array"));
        }
        const QJsonArray items = value.toArray();
        if (items.size() > m_parameter.maxItems) {
            return invalid(QStringLiteral("has more than %1 entries").arg(m_parameter.maxItems));
        }
        for (qsizetype i = 0; i < items.size(); ++i) {
            const QString what = QStringLiteral("entry %1").arg(i);
            if (!items[i].isString() || items[i].toString().isEmpty()) {
                return invalid(QStringLiteral("%1 must be a non-empty string").arg(what));
            }
            if (auto ok = text(items[i].toString(), what); !ok) {
                return ok;
            }
        }
        return {};
    }

    Result<void> launchers(const QJsonValue& value) const
    {
        if (!value.isArray()) {
            return wrongType(value, QStringLiteral("an array"));
        }
        const QJsonArray items = value.toArray();
        if (items.size() > m_parameter.maxItems) {
            return invalid(QStringLiteral("has more than %1 launchers").arg(m_parameter.maxItems));
        }
        QSet<QString> names;
        for (qsizetype i = 0; i < items.size(); ++i) {
            if (auto ok = launcher(items[i], i, names); !ok) {
                return ok;
            }
        }
        return {};
    }

private:
    Result<void> launcher(const QJsonValue& item, qsizetype index, QSet<QString>& names) const
    {
        const QString what = QStringLiteral("launcher %1").arg(index);
        const QJsonObject object = item.toObject();
        static const QStringList fields{QStringLiteral("name"), QStringLiteral("target"),
                                        QStringLiteral("type")};
        QStringList keys = object.keys();
        keys.sort();
        if (!item.isObject() || keys != fields) {
            return invalid(QStringLiteral("%1 must be an object with exactly \"name\", \"type\" "
                                          "and \"target\"")
                               .arg(what));
        }
        const QString name = object.value(QStringLiteral("name")).toString();
        const QString type = object.value(QStringLiteral("type")).toString();
        const QString target = object.value(QStringLiteral("target")).toString();
        if (name.isEmpty() || name.size() > 64 || hasControlCharacter(name)) {
            return invalid(QStringLiteral("%1 needs a name of 1 … 64 characters").arg(what));
        }
        if (names.contains(name)) {
            return invalid(QStringLiteral("has two launchers named \"%1\"").arg(name));
        }
        names.insert(name);
        if (!launcherTypes().contains(type)) {
            return invalid(
                QStringLiteral("%1 has type \"%2\"; use one of %3")
                    .arg(what, type.left(40), launcherTypes().join(QStringLiteral(", "))));
        }
        if (target.isEmpty()) {
            return invalid(QStringLiteral("%1 needs a target").arg(what));
        }
        return text(target, what + QStringLiteral(" target"));
    }

    QString allowedText() const
    {
        QStringList values;
        for (const auto& allowed : m_parameter.allowedValues) {
            values.append(allowed.isString() ? allowed.toString()
                                             : QString::number(allowed.toInteger()));
        }
        return values.join(QStringLiteral(", "));
    }

    const Parameter& m_parameter;
};

} // namespace

QString typeName(ParameterType type)
{
    switch (type) {
    case ParameterType::Bool:
        return QStringLiteral("bool");
    case ParameterType::Integer:
        return QStringLiteral("integer");
    case ParameterType::String:
        return QStringLiteral("string");
    case ParameterType::Choice:
        return QStringLiteral("choice");
    case ParameterType::StringList:
        return QStringLiteral("string-list");
    case ParameterType::Launchers:
        return QStringLiteral("launchers");
    }
    Q_UNREACHABLE();
}

QStringList launcherTypes()
{
    return {QStringLiteral("RDP"), QStringLiteral("VNC"), QStringLiteral("browser")};
}

Result<void> Parameter::check(const QJsonValue& value) const
{
    const Checker checker(*this);
    switch (type) {
    case ParameterType::Bool:
        return value.isBool() ? Result<void>()
                              : checker.wrongType(value, QStringLiteral("true or false"));
    case ParameterType::Integer:
        return checker.integer(value);
    case ParameterType::String:
        return checker.string(value);
    case ParameterType::Choice:
        return checker.choice(value);
    case ParameterType::StringList:
        return checker.list(value);
    case ParameterType::Launchers:
        return checker.launchers(value);
    }
    Q_UNREACHABLE();
}

QJsonObject Parameter::toJson() const
{
    QJsonObject json{{QStringLiteral("key"), key},
                     {QStringLiteral("type"), typeName(type)},
                     {QStringLiteral("default"), defaultValue},
                     {QStringLiteral("description"), description},
                     {QStringLiteral("applier"), applier},
                     {QStringLiteral("rebootRequired"), rebootRequired}};
    if (!allowedValues.isEmpty()) {
        json.insert(QStringLiteral("allowedValues"), allowedValues);
    }
    if (type == ParameterType::Integer && allowedValues.isEmpty()) {
        json.insert(QStringLiteral("minimum"), minimum);
        json.insert(QStringLiteral("maximum"), maximum);
    }
    if (maxLength > 0) {
        json.insert(QStringLiteral("maxLength"), maxLength);
    }
    if (maxItems > 0) {
        json.insert(QStringLiteral("maxItems"), maxItems);
    }
    if (!pattern.isEmpty()) {
        json.insert(QStringLiteral("pattern"), pattern);
    }
    if (type == ParameterType::Launchers) {
        json.insert(QStringLiteral("launcherTypes"), QJsonArray::fromStringList(launcherTypes()));
    }
    return json;
}

} // namespace steward::settings
