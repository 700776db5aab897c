// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// EffectiveConfigModel's provenance in words: source, assignment path, what a value overrode.
#include "console/models/EffectiveConfigModel.h"

#include <QJsonDocument>

namespace steward::console::models {
namespace {

QString str(const QJsonObject& object, const char* key)
{
    return object.value(QLatin1String(key)).toString();
}

} // namespace

QString EffectiveConfigModel::sourceText(const QJsonObject& provenance)
{
    const QString source = str(provenance, "source");
    const QString profile = str(provenance.value(QStringLiteral("profile")).toObject(), "name");
    if (source == QLatin1String("priority-profile")) {
        return tr("priority profile \"%1\"").arg(profile);
    }
    if (source == QLatin1String("profile")) {
        return tr("profile \"%1\"").arg(profile);
    }
    if (source == QLatin1String("local")) {
        return tr("local value");
    }
    return tr("default");
}

QString EffectiveConfigModel::assignmentText(const QJsonObject& provenance,
                                             const QString& devicePath)
{
    if (!provenance.contains(QStringLiteral("assignment"))) {
        return {};
    }
    const QJsonObject assignment = provenance.value(QStringLiteral("assignment")).toObject();
    const QString via = str(assignment, "via");
    const int level = assignment.value(QStringLiteral("level")).toInt();
    QString text;
    if (via == QLatin1String("folder")) {
        const QString path = str(assignment, "path");
        text = level <= 1 ? tr("folder %1 (the device's folder)").arg(path)
                          : tr("folder %1 via %2 (%3 levels up)")
                                .arg(path, devicePath.isEmpty() ? tr("a subfolder") : devicePath)
                                .arg(level);
    } else if (via == QLatin1String("view")) {
        text = tr("view \"%1\" (the device belongs to it)").arg(str(assignment, "name"));
    } else {
        text = tr("direct (assigned to the device)");
    }
    if (str(provenance.value(QStringLiteral("profile")).toObject(), "kind")
        == QLatin1String("priority")) {
        text += tr(", priority");
    }
    return text;
}

QString EffectiveConfigModel::valueText(const QJsonValue& value)
{
    switch (value.type()) {
    case QJsonValue::Bool:
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QJsonValue::Double:
        return QString::number(value.toInteger());
    case QJsonValue::String:
        return value.toString().isEmpty() ? tr("(empty)") : value.toString();
    case QJsonValue::Array: {
        QStringList items;
        for (const auto& item : value.toArray()) {
            items.append(item.isString()
                             ? item.toString()
                             : QString::fromUtf8(
                                 QJsonDocument(item.toObject()).toJson(QJsonDocument::Compact)));
        }
        return QStringLiteral("[%1]").arg(items.join(QStringLiteral(", ")));
    }
    case QJsonValue::Object:
        return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        break;
    }
    return QStringLiteral("null");
}

QString EffectiveConfigModel::overrodeText(const QJsonArray& overrode, const QString& devicePath)
{
    QStringList parts;
    for (const auto& entry : overrode) {
        const QJsonObject candidate = entry.toObject();
        const QString source = str(candidate, "source");
        QString who;
        if (source == QLatin1String("profile") || source == QLatin1String("priority-profile")) {
            who = QStringLiteral("%1 (%2)").arg(
                str(candidate.value(QStringLiteral("profile")).toObject(), "name"),
                assignmentText(candidate, devicePath));
        } else {
            who = sourceText(candidate);
        }
        QString part =
            QStringLiteral("%1: %2").arg(who, valueText(candidate.value(QStringLiteral("value"))));
        if (candidate.contains(QStringLiteral("ignored"))) {
            part += tr(" (ignored: %1)").arg(str(candidate, "ignored"));
        }
        parts.append(part);
    }
    return parts.join(QStringLiteral("; "));
}

} // namespace steward::console::models
