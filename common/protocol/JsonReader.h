// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// JsonReader - reads and validates the fields of one JSON object, naming each by its path.
#pragma once

#include "common/core/Result.h"

#include <optional>

#include <QJsonArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace steward::protocol {

/**
 * Reads the fields of a message body so that every `xFromJson` is a few lines:
 *
 *     JsonReader reader(body);
 *     Hello hello;
 *     hello.programName = reader.requireString(u"programName", Text::NonEmpty);
 *     hello.capabilities = reader.optionalStringList(u"capabilities");
 *     return reader.finish(std::move(hello));
 *
 * The first failure is kept and names the field by its full path ("body.programName is
 * missing"); later reads return empty values and change nothing. finish() then returns either
 * the whole value or that error, so a caller never sees a half-filled struct.
 *
 * Rules (docs/protocol.md): a missing required field is MissingField; a present field of the
 * wrong JSON type, including `null`, is WrongFieldType; a well-typed but unacceptable value is
 * InvalidValue. Optional fields may be absent; fields the reader is not asked about are ignored,
 * so newer peers can add optional fields.
 */
class JsonReader {
public:
    enum class Text { AllowEmpty, NonEmpty };

    /** \a path is the object's own path, the prefix of every field name in messages. */
    explicit JsonReader(QJsonObject object, QString path = QStringLiteral("body"));

    [[nodiscard]] QString requireString(QStringView key, Text rule = Text::AllowEmpty);
    [[nodiscard]] std::optional<QString> optionalString(QStringView key,
                                                        Text rule = Text::AllowEmpty);

    /** An integer JSON number in [min, max]; 2.0 counts as an integer, 2.5 does not. */
    [[nodiscard]] qint64 requireInt(QStringView key, qint64 min, qint64 max);
    [[nodiscard]] std::optional<qint64> optionalInt(QStringView key, qint64 min, qint64 max);

    [[nodiscard]] bool requireBool(QStringView key);
    [[nodiscard]] std::optional<bool> optionalBool(QStringView key);

    /** An array whose every element is a string (each non-empty if \a rule says so). */
    [[nodiscard]] QStringList requireStringList(QStringView key, Text rule = Text::NonEmpty);
    /** As requireStringList(), but absence gives an empty list. */
    [[nodiscard]] QStringList optionalStringList(QStringView key, Text rule = Text::NonEmpty);

    [[nodiscard]] QJsonObject requireObject(QStringView key);
    [[nodiscard]] QJsonArray requireArray(QStringView key);
    [[nodiscard]] std::optional<QJsonArray> optionalArray(QStringView key);

    /**
     * For a list of objects: calls \a readElement(JsonReader&) once per element of the array at
     * \a key, each reader's path being "body.key[i]", and stops at the first failure. An element
     * that is not an object is WrongFieldType. An absent optional array reads as empty.
     *
     *     reader.readObjectList(u"devices", [&](JsonReader& element) {
     *         reply.devices.push_back(readDevice(element));
     *     });
     */
    template <typename ReadElement>
    void readObjectList(QStringView key, ReadElement&& readElement, bool required = true)
    {
        const auto array =
            required ? std::optional<QJsonArray>(requireArray(key)) : optionalArray(key);
        for (qsizetype i = 0; array && ok() && i < array->size(); ++i) {
            auto element = elementReader(key, *array, i);
            if (element) {
                readElement(*element);
                absorb(*element);
            }
        }
    }
    /** A reader for the object at \a key, with the path extended; hand it back with absorb(). */
    [[nodiscard]] JsonReader nested(QStringView key);
    /** Takes over \a child's failure, if this reader has none yet. */
    void absorb(const JsonReader& child);

    /** Records InvalidValue for a check the reader cannot express: "<path> <reason>". */
    void invalid(QStringView key, const QString& reason);
    /** Records any failure; the first one wins. */
    void fail(Error error);

    [[nodiscard]] bool ok() const { return !m_error.has_value(); }
    [[nodiscard]] const std::optional<Error>& error() const { return m_error; }
    /** The full path of \a key, e.g. "body.capabilities". */
    [[nodiscard]] QString pathOf(QStringView key) const;

    template <typename T> [[nodiscard]] Result<T> finish(T value) const
    {
        if (m_error) {
            return *m_error;
        }
        return Result<T>(std::move(value));
    }

    /** "string", "integer", "null", ... for messages: the JSON type name of \a value. */
    [[nodiscard]] static QString jsonTypeName(const QJsonValue& value);

private:
    /** A reader for element \a index of \a array when it is an object; records failures. */
    [[nodiscard]] std::optional<JsonReader> elementReader(QStringView key, const QJsonArray& array,
                                                          qsizetype index);
    /** The value at \a key when it is present and has a usable type; records failures. */
    [[nodiscard]] std::optional<QJsonValue> fetch(QStringView key, QJsonValue::Type type,
                                                  bool required);
    [[nodiscard]] std::optional<qint64> readInt(QStringView key, qint64 min, qint64 max,
                                                bool required);
    [[nodiscard]] std::optional<QString> readString(QStringView key, Text rule, bool required);
    [[nodiscard]] std::optional<QStringList> readStringList(QStringView key, Text rule,
                                                            bool required);

    QJsonObject m_object;
    QString m_path;
    std::optional<Error> m_error;
};

} // namespace steward::protocol
