// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// The portable JSON form of a DataSnapshot, kept apart from the SQL that reads and writes it.
#include "server/db/DataCopier.h"

#include "server/db/Database.h"

#include <QJsonArray>

namespace steward::server::db {
namespace {

constexpr qint64 MaxExactJsonInteger = qint64(1) << 53; // JSON numbers are doubles

QJsonValue encodeValue(const QVariant& value)
{
    if (value.isNull()) {
        return QJsonValue::Null;
    }
    switch (value.typeId()) {
    case QMetaType::Bool:
    case QMetaType::Int:
    case QMetaType::UInt:
    case QMetaType::LongLong:
    case QMetaType::ULongLong: {
        const qint64 number = value.toLongLong();
        if (number > -MaxExactJsonInteger && number < MaxExactJsonInteger) {
            return QJsonValue(number);
        }
        return QJsonObject{{QStringLiteral("int"), QString::number(number)}};
    }
    case QMetaType::Double:
    case QMetaType::Float:
        return QJsonObject{{QStringLiteral("real"), value.toDouble()}};
    case QMetaType::QByteArray:
        return QJsonObject{
            {QStringLiteral("bytes"), QString::fromLatin1(value.toByteArray().toBase64())}};
    default:
        return value.toString();
    }
}

Result<QVariant> decodeValue(const QJsonValue& json)
{
    if (json.isNull()) {
        return QVariant();
    }
    if (json.isString()) {
        return QVariant(Database::text(json.toString()));
    }
    if (json.isDouble()) {
        const double number = json.toDouble();
        // Range first: converting an out-of-range double to an integer is undefined.
        if (!(number > -double(MaxExactJsonInteger) && number < double(MaxExactJsonInteger))
            || number != double(qint64(number))) {
            return makeError(ErrorCode::InvalidValue, QStringLiteral("a number is not an integer"));
        }
        return QVariant(qint64(number));
    }
    const QJsonObject object = json.toObject();
    if (json.isObject() && object.size() == 1) {
        if (object.value(QStringLiteral("int")).isString()) {
            bool ok = false;
            const qint64 number = object.value(QStringLiteral("int")).toString().toLongLong(&ok);
            if (ok) {
                return QVariant(number);
            }
        } else if (object.value(QStringLiteral("real")).isDouble()) {
            return QVariant(object.value(QStringLiteral("real")).toDouble());
        } else if (object.value(QStringLiteral("bytes")).isString()) {
            auto decoded = QByteArray::fromBase64Encoding(
                object.value(QStringLiteral("bytes")).toString().toLatin1(),
                QByteArray::AbortOnBase64DecodingErrors);
            if (decoded) {
                return QVariant(*decoded);
            }
        }
    }
    return makeError(ErrorCode::InvalidValue, QStringLiteral("a value has an unknown form"));
}

} // namespace

QJsonObject DataSnapshot::toJson() const
{
    QJsonArray tablesJson;
    for (const auto& table : tables) {
        QJsonArray rowsJson;
        for (const auto& row : table.rows) {
            QJsonArray rowJson;
            for (const auto& value : row) {
                rowJson.append(encodeValue(value));
            }
            rowsJson.append(rowJson);
        }
        tablesJson.append(
            QJsonObject{{QStringLiteral("name"), table.name},
                        {QStringLiteral("columns"), QJsonArray::fromStringList(table.columns)},
                        {QStringLiteral("rows"), rowsJson}});
    }
    return {{QStringLiteral("schemaVersion"), schemaVersion},
            {QStringLiteral("tables"), tablesJson}};
}

Result<DataSnapshot> DataSnapshot::fromJson(const QJsonObject& json)
{
    const auto bad = [](const QString& what) {
        return makeError(ErrorCode::InvalidValue, QStringLiteral("database dump: ") + what);
    };
    DataSnapshot snapshot;
    const QJsonValue version = json.value(QStringLiteral("schemaVersion"));
    if (!version.isDouble() || version.toInt(-1) < 0) {
        return bad(QStringLiteral("schemaVersion is missing or not a whole number"));
    }
    snapshot.schemaVersion = version.toInt();
    if (!json.value(QStringLiteral("tables")).isArray()) {
        return bad(QStringLiteral("tables is missing or not a list"));
    }
    for (const auto& tableValue : json.value(QStringLiteral("tables")).toArray()) {
        const QJsonObject tableJson = tableValue.toObject();
        TableData table;
        table.name = tableJson.value(QStringLiteral("name")).toString();
        if (table.name.isEmpty() || !tableJson.value(QStringLiteral("columns")).isArray()
            || !tableJson.value(QStringLiteral("rows")).isArray()) {
            return bad(QStringLiteral("a table lacks its name, columns or rows"));
        }
        for (const auto& column : tableJson.value(QStringLiteral("columns")).toArray()) {
            if (!column.isString()) {
                return bad(QStringLiteral("table %1: a column name is not text").arg(table.name));
            }
            table.columns.append(column.toString());
        }
        for (const auto& rowValue : tableJson.value(QStringLiteral("rows")).toArray()) {
            const QJsonArray rowJson = rowValue.toArray();
            if (!rowValue.isArray() || rowJson.size() != table.columns.size()) {
                return bad(QStringLiteral("table %1: row %2 does not have %3 values")
                               .arg(table.name)
                               .arg(table.rows.size() + 1)
                               .arg(table.columns.size()));
            }
            QVariantList row;
            for (const auto& cell : rowJson) {
                auto value = decodeValue(cell);
                if (!value) {
                    return bad(QStringLiteral("table %1, row %2: %3")
                                   .arg(table.name)
                                   .arg(table.rows.size() + 1)
                                   .arg(value.error().message));
                }
                row.append(*value);
            }
            table.rows.push_back(std::move(row));
        }
        snapshot.tables.push_back(std::move(table));
    }
    return snapshot;
}

} // namespace steward::server::db
