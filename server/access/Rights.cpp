// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/access/Rights.h"

#include <QRegularExpression>
#include <QStringList>

namespace steward::server::access {
namespace {

constexpr std::array<const char*, RightCount> RightNames{"Browse",        "Read",     "Write",
                                                         "AccessControl", "Assign",   "Shadow",
                                                         "Terminal",      "Commands", "ExportKeys"};

constexpr std::array<const char*, 7> RootNames{"all",  "devices",      "profiles",      "views",
                                               "jobs", "certificates", "administration"};

} // namespace

QString rightName(Right right)
{
    return QString::fromLatin1(RightNames[size_t(right)]);
}

Result<Right> parseRight(const QString& text)
{
    QStringList known;
    for (const Right right : AllRights) {
        if (text.compare(rightName(right), Qt::CaseInsensitive) == 0) {
            return right;
        }
        known.append(rightName(right));
    }
    return makeError(ErrorCode::InvalidValue, QStringLiteral("\"%1\" is not a right; one of %2")
                                                  .arg(text, known.join(QStringLiteral(", "))));
}

QString effectName(Effect effect)
{
    return effect == Effect::Allow ? QStringLiteral("allow") : QStringLiteral("deny");
}

Result<Effect> parseEffect(const QString& text)
{
    if (text == QLatin1String("allow")) {
        return Effect::Allow;
    }
    if (text == QLatin1String("deny")) {
        return Effect::Deny;
    }
    return makeError(ErrorCode::InvalidValue,
                     QStringLiteral("\"%1\" is not an effect; allow or deny").arg(text));
}

NodeRef rootNode(RootId root)
{
    return {QStringLiteral("root"), qint64(root)};
}

QString rootName(RootId root)
{
    if (root == RootId::All) {
        return {};
    }
    QString name = QString::fromLatin1(RootNames[size_t(root)]);
    {
        name[0] = name[0].toUpper();
    }
    return name;
}

QString nodeText(const NodeRef& node)
{
    if (node.kind == QLatin1String("root") && node.id >= 0 && node.id < qint64(RootNames.size())) {
        return QStringLiteral("root:") + QString::fromLatin1(RootNames[size_t(node.id)]);
    }
    return node.kind + QLatin1Char(':') + QString::number(node.id);
}

Result<NodeRef> parseNode(const QString& text)
{
    const auto invalid = [&text] {
        return makeError(ErrorCode::InvalidValue,
                         QStringLiteral("\"%1\" is not a node; write KIND:ID, e.g. device:42, "
                                        "folder:7 or root:devices")
                             .arg(text));
    };
    const qsizetype colon = text.indexOf(QLatin1Char(':'));
    if (colon <= 0 || colon == text.size() - 1) {
        return invalid();
    }
    const QString kind = text.left(colon);
    const QString id = text.mid(colon + 1);
    static const QRegularExpression kindPattern(QStringLiteral("^[a-z][a-z0-9-]{0,31}$"));
    if (!kindPattern.match(kind).hasMatch()) {
        return invalid();
    }
    if (kind == QLatin1String("root")) {
        for (size_t i = 0; i < RootNames.size(); ++i) {
            if (id == QLatin1String(RootNames[i]) || id == QString::number(i)) {
                return NodeRef{kind, qint64(i)};
            }
        }
        return invalid();
    }
    bool ok = false;
    const qint64 number = id.toLongLong(&ok);
    if (!ok || number <= 0) {
        return invalid();
    }
    return NodeRef{kind, number};
}

QString principalKindName(PrincipalKind kind)
{
    return kind == PrincipalKind::Admin ? QStringLiteral("admin") : QStringLiteral("group");
}

Result<PrincipalKind> parsePrincipalKind(const QString& text)
{
    if (text == QLatin1String("admin")) {
        return PrincipalKind::Admin;
    }
    if (text == QLatin1String("group")) {
        return PrincipalKind::Group;
    }
    return makeError(ErrorCode::InvalidValue,
                     QStringLiteral("\"%1\" is not a principal kind; admin or group").arg(text));
}

} // namespace steward::server::access
