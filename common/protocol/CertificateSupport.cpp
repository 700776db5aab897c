// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/protocol/CertificateSupport.h"

#include "common/protocol/JsonReader.h"

#include <QJsonArray>

namespace steward::protocol {
namespace {

constexpr int MaxEntries = 32;
constexpr int MaxEntryLength = 40;

Result<QStringList> readList(JsonReader& reader, QStringView key)
{
    const QStringList list = reader.requireStringList(key, JsonReader::Text::NonEmpty);
    if (!reader.ok()) {
        return *reader.error();
    }
    if (list.isEmpty() || list.size() > MaxEntries) {
        return makeError(
            ErrorCode::InvalidValue,
            QStringLiteral("%1 must list 1 to %2 entries").arg(reader.pathOf(key)).arg(MaxEntries));
    }
    for (const QString& entry : list) {
        if (entry.size() > MaxEntryLength) {
            return makeError(ErrorCode::InvalidValue,
                             QStringLiteral("%1 has an entry longer than %2 characters")
                                 .arg(reader.pathOf(key))
                                 .arg(MaxEntryLength));
        }
    }
    return list;
}

} // namespace

CertificateSupport CertificateSupport::legacy()
{
    return {{QStringLiteral("RSA"), QStringLiteral("EC P-256")},
            {QStringLiteral("SHA512withRSA"), QStringLiteral("SHA256withECDSA")}};
}

CertificateSupport CertificateSupport::current()
{
    // common/crypto verifies any RSA key of 2048 bits or more and both NIST
    // curves below.
    return {{QStringLiteral("RSA"), QStringLiteral("EC P-256"), QStringLiteral("EC P-384")},
            {QStringLiteral("SHA256withRSA"), QStringLiteral("SHA384withRSA"),
             QStringLiteral("SHA512withRSA"), QStringLiteral("SHA256withECDSA"),
             QStringLiteral("SHA384withECDSA"), QStringLiteral("SHA512withECDSA")}};
}

bool CertificateSupport::supports(const QString& keySpec, const QString& signatureAlgorithm) const
{
    if (!signatureAlgorithms.contains(signatureAlgorithm, Qt::CaseInsensitive)) {
        return false;
    }
    const QString family = keySpec.section(QLatin1Char(' '), 0, 0);
    for (const QString& supported : keySpecs) {
        if (supported.compare(keySpec, Qt::CaseInsensitive) == 0
            || (!supported.contains(QLatin1Char(' '))
                && supported.compare(family, Qt::CaseInsensitive) == 0)) {
            return true;
        }
    }
    return false;
}

QString CertificateSupport::describe() const
{
    return QStringLiteral("keys %1; signatures %2")
        .arg(keySpecs.join(QStringLiteral(", ")), signatureAlgorithms.join(QStringLiteral(", ")));
}

QJsonObject CertificateSupport::toJson() const
{
    return {
        {QStringLiteral("keySpecs"), QJsonArray::fromStringList(keySpecs)},
        {QStringLiteral("signatureAlgorithms"), QJsonArray::fromStringList(signatureAlgorithms)}};
}

Result<CertificateSupport> CertificateSupport::fromJson(const QJsonObject& json,
                                                        const QString& path)
{
    JsonReader reader(json, path);
    auto keys = readList(reader, u"keySpecs");
    if (!keys) {
        return keys.error();
    }
    auto algorithms = readList(reader, u"signatureAlgorithms");
    if (!algorithms) {
        return algorithms.error();
    }
    return CertificateSupport{*keys, *algorithms};
}

} // namespace steward::protocol
