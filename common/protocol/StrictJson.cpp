// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/protocol/StrictJson.h"

#include <QJsonDocument>
#include <QJsonParseError>
#include <QSet>

#include <vector>

namespace steward::protocol {
namespace {

Error malformed(const QString& what)
{
    return makeError(ErrorCode::MalformedMessage, what);
}

int hexValue(char c)
{
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
        return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
        return c - 'A' + 10;
    }
    return -1;
}

// Reads the four hex digits of a \u escape at \a pos; -1 when they are not there.
int readCodeUnit(const QByteArray& text, qsizetype pos)
{
    if (pos + 4 > text.size()) {
        return -1;
    }
    int unit = 0;
    for (qsizetype i = pos; i < pos + 4; ++i) {
        const int digit = hexValue(text.at(i));
        if (digit < 0) {
            return -1;
        }
        unit = unit * 16 + digit;
    }
    return unit;
}

bool isHighSurrogate(int unit)
{
    return unit >= 0xD800 && unit <= 0xDBFF;
}

bool isLowSurrogate(int unit)
{
    return unit >= 0xDC00 && unit <= 0xDFFF;
}

// Qt's parser keeps a U+FEFF at the start of a string that contains escapes but drops it from
// one that does not, so such a string would change on a round trip: it is refused, raw or
// escaped. U+FEFF elsewhere in a string is kept faithfully and allowed.
bool startsWithByteOrderMark(const QByteArray& text, qsizetype start)
{
    if (text.mid(start, 3) == QByteArrayView("\xEF\xBB\xBF")) {
        return true;
    }
    return start + 1 < text.size() && text.at(start) == '\\' && text.at(start + 1) == 'u'
           && readCodeUnit(text, start + 2) == 0xFEFF;
}

// Checks the escape whose backslash is at \a pos, appends its character(s) to \a key when
// given, and returns the index just after it. Refuses \u escapes that are unpaired surrogates.
Result<qsizetype> scanEscape(const QByteArray& text, qsizetype pos, QString* key)
{
    const char escape = pos + 1 < text.size() ? text.at(pos + 1) : '\0';
    if (escape != 'u') {
        // Qt accepts any escaped character ("\q" reads as "q"); RFC 8259 allows only these.
        constexpr std::string_view From = "\"\\/bfnrt";
        constexpr std::string_view To = "\"\\/\b\f\n\r\t";
        const auto index = From.find(escape);
        if (escape == '\0' || index == std::string_view::npos) {
            return malformed(QStringLiteral("invalid escape in a string at offset %1").arg(pos));
        }
        if (key) {
            key->append(QLatin1Char(To[index]));
        }
        return pos + 2;
    }
    const int unit = readCodeUnit(text, pos + 2);
    int next = -1;
    if (isHighSurrogate(unit) && pos + 7 < text.size() && text.at(pos + 6) == '\\'
        && text.at(pos + 7) == 'u') {
        next = readCodeUnit(text, pos + 8);
    }
    if (unit < 0 || isLowSurrogate(unit) || (isHighSurrogate(unit) && !isLowSurrogate(next))) {
        return malformed(
            QStringLiteral("invalid \\u escape (unpaired surrogate) at offset %1").arg(pos));
    }
    if (key) {
        key->append(QChar(char16_t(unit)));
        if (isHighSurrogate(unit)) {
            key->append(QChar(char16_t(next)));
        }
    }
    return pos + (isHighSurrogate(unit) ? 12 : 6);
}

// Scans the string literal whose opening quote is at \a pos: checks what Qt's parser lets by
// and, when \a key is given, decodes the literal into it. Returns the index of the closing
// quote, or an error.
Result<qsizetype> scanString(const QByteArray& text, qsizetype pos, QString* key)
{
    if (startsWithByteOrderMark(text, pos + 1)) {
        return malformed(
            QStringLiteral("a string starts with U+FEFF (byte-order mark) at offset %1").arg(pos));
    }
    qsizetype i = pos + 1;
    qsizetype runStart = i; // start of the bytes since the last escape, copied to key in one go
    const auto flushRun = [&](qsizetype end) {
        if (key && end > runStart) {
            key->append(QString::fromUtf8(text.constData() + runStart, end - runStart));
        }
    };
    while (i < text.size()) {
        const auto byte = static_cast<unsigned char>(text.at(i));
        if (byte == '"') {
            flushRun(i);
            return i;
        }
        if (byte < 0x20) {
            return malformed(
                QStringLiteral("raw control character 0x%1 inside a string at offset %2")
                    .arg(int(byte), 2, 16, QLatin1Char('0'))
                    .arg(i));
        }
        if (byte != '\\') {
            ++i;
            continue;
        }
        flushRun(i);
        const auto afterEscape = scanEscape(text, i, key);
        if (!afterEscape) {
            return afterEscape.error();
        }
        i = runStart = *afterEscape;
    }
    return malformed(QStringLiteral("unterminated string at offset %1").arg(pos));
}

struct Scope {
    bool isObject = false;
    bool expectKey = false;
    QSet<QString> keys;
};

QString shortened(const QString& text)
{
    constexpr qsizetype Max = 64;
    return text.size() <= Max ? text : text.left(Max) + QStringLiteral("…");
}

// Walks the text Qt has already accepted, so its structure is known to be sound; an iterative
// walk with an explicit stack cannot overflow on deep nesting.
Result<void> checkStrictly(const QByteArray& text)
{
    std::vector<Scope> scopes;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char c = text.at(i);
        if (scopes.empty() && c != '{' && c != ' ' && c != '\t' && c != '\n' && c != '\r') {
            return malformed(QStringLiteral("unexpected byte 0x%1 before the JSON object")
                                 .arg(int(static_cast<unsigned char>(c)), 2, 16, QLatin1Char('0')));
        }
        if (c == '{' || c == '[') {
            scopes.push_back(Scope{c == '{', c == '{', {}});
        } else if ((c == '}' || c == ']') && !scopes.empty()) {
            scopes.pop_back();
        } else if (c == ',' && !scopes.empty() && scopes.back().isObject) {
            scopes.back().expectKey = true;
        } else if (c == '"') {
            const bool isKey = !scopes.empty() && scopes.back().expectKey;
            QString key;
            const auto end = scanString(text, i, isKey ? &key : nullptr);
            if (!end) {
                return end.error();
            }
            if (isKey) {
                Scope& scope = scopes.back();
                scope.expectKey = false;
                if (scope.keys.contains(key)) {
                    return malformed(QStringLiteral("duplicate key \"%1\"").arg(shortened(key)));
                }
                scope.keys.insert(key);
            }
            i = *end;
        }
    }
    return {};
}

} // namespace

Result<QJsonObject> parseStrictJsonObject(const QByteArray& frame)
{
    if (frame.isEmpty()) {
        return malformed(QStringLiteral("the frame is empty"));
    }
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(frame, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        return malformed(QStringLiteral("not valid JSON: %1 at offset %2")
                             .arg(parseError.errorString())
                             .arg(parseError.offset));
    }
    if (!document.isObject()) {
        return malformed(QStringLiteral("the frame must be one JSON object, not %1")
                             .arg(document.isArray() ? QStringLiteral("an array")
                                                     : QStringLiteral("a bare value")));
    }
    if (const auto strict = checkStrictly(frame); !strict) {
        return strict.error();
    }
    return document.object();
}

} // namespace steward::protocol
