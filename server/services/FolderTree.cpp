// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/services/FolderTree.h"

#include <QStringList>

namespace steward::server::services {

Result<void> checkFolderName(const QString& name)
{
    const auto invalid = [&](const QString& why) {
        return makeError(ErrorCode::InvalidValue,
                         QStringLiteral("folder name \"%1\" %2").arg(name.left(80), why));
    };
    if (name.isEmpty()) {
        return makeError(ErrorCode::InvalidValue, QStringLiteral("a folder name cannot be empty"));
    }
    if (name.size() > MaxFolderNameLength) {
        return invalid(QStringLiteral("is longer than %1 characters").arg(MaxFolderNameLength));
    }
    if (name.trimmed() != name) {
        return invalid(QStringLiteral("begins or ends with white space"));
    }
    if (name == QLatin1String(".") || name == QLatin1String("..")) {
        return invalid(QStringLiteral("is reserved"));
    }
    for (const QChar c : name) {
        if (c == QLatin1Char('/')) {
            return invalid(QStringLiteral("contains '/', which separates the parts of a path"));
        }
        if (c.category() == QChar::Other_Control || c.category() == QChar::Separator_Line
            || c.category() == QChar::Separator_Paragraph) {
            return invalid(QStringLiteral("contains a control character"));
        }
    }
    return {};
}

FolderTree::FolderTree(std::vector<db::Folder> folders) : m_folders(std::move(folders))
{
    for (qsizetype i = 0; i < qsizetype(m_folders.size()); ++i) {
        m_index.insert(m_folders[size_t(i)].id, i);
    }
    for (const auto& folder : m_folders) {
        m_children[folder.parentId.value_or(0)].push_back(folder.id);
    }
}

const db::Folder* FolderTree::find(qint64 id) const
{
    const auto it = m_index.constFind(id);
    return it == m_index.constEnd() ? nullptr : &m_folders[size_t(*it)];
}

std::vector<qint64> FolderTree::ancestors(qint64 id) const
{
    std::vector<qint64> chain;
    const db::Folder* folder = find(id);
    while (folder && folder->parentId && chain.size() < m_folders.size()) {
        chain.push_back(*folder->parentId);
        folder = find(*folder->parentId);
    }
    return chain;
}

QString FolderTree::path(std::optional<qint64> id) const
{
    if (!id || !find(*id)) {
        return QStringLiteral("/");
    }
    QStringList parts{find(*id)->name};
    for (const qint64 ancestor : ancestors(*id)) {
        if (const auto* folder = find(ancestor)) {
            parts.prepend(folder->name);
        }
    }
    return QLatin1Char('/') + parts.join(QLatin1Char('/'));
}

int FolderTree::depth(std::optional<qint64> id) const
{
    return id && find(*id) ? int(ancestors(*id).size()) + 1 : 0;
}

std::vector<qint64> FolderTree::subtree(qint64 id) const
{
    std::vector<qint64> found{id};
    for (size_t i = 0; i < found.size() && found.size() <= m_folders.size(); ++i) {
        const auto children = m_children.value(found[i]);
        found.insert(found.end(), children.begin(), children.end());
    }
    return found;
}

int FolderTree::height(qint64 id) const
{
    int deepest = 0;
    const int base = depth(id);
    for (const qint64 member : subtree(id)) {
        deepest = std::max(deepest, depth(member) - base + 1);
    }
    return deepest;
}

const db::Folder* FolderTree::child(std::optional<qint64> parent, const QString& name,
                                    qint64 except) const
{
    for (const qint64 id : m_children.value(parent.value_or(0))) {
        const auto* folder = find(id);
        if (id != except && folder->name.compare(name, Qt::CaseInsensitive) == 0) {
            return folder;
        }
    }
    return nullptr;
}

Result<std::optional<qint64>> FolderTree::resolve(const QString& path) const
{
    if (path.isEmpty() || path == QLatin1String("/")) {
        return std::optional<qint64>{};
    }
    if (!path.startsWith(QLatin1Char('/'))) {
        return makeError(ErrorCode::InvalidValue,
                         QStringLiteral("folder path \"%1\" must start with '/', as in "
                                        "/Berlin/Floor 2")
                             .arg(path.left(200)));
    }
    QStringList parts = path.mid(1).split(QLatin1Char('/'));
    if (parts.last().isEmpty()) {
        parts.removeLast();
    }
    std::optional<qint64> current;
    QString walked;
    for (const auto& part : parts) {
        if (part.isEmpty()) {
            return makeError(ErrorCode::InvalidValue,
                             QStringLiteral("folder path \"%1\" has an empty part").arg(path));
        }
        const auto* next = child(current, part);
        walked += QLatin1Char('/') + part;
        if (!next) {
            return makeError(ErrorCode::NotFound,
                             QStringLiteral("there is no folder %1%2")
                                 .arg(walked, walked == path
                                                  ? QString()
                                                  : QStringLiteral(" (in %1)").arg(path)));
        }
        current = next->id;
    }
    return current;
}

} // namespace steward::server::services
