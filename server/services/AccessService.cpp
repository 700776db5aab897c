// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/services/AccessService.h"

#include "server/app/Logging.h"
#include "server/db/AccessRepository.h"
#include "server/db/AdminRepository.h"
#include "server/db/DeviceRepository.h"
#include "server/db/FolderRepository.h"
#include "server/db/ProfileRepository.h"
#include "server/services/AuditLog.h"
#include "server/services/EventHub.h"

#include <QDateTime>

namespace steward::server::services {

using namespace access;

struct AccessService::Snapshot {
    NodeTree tree;
    Policy policy;
    std::unique_ptr<Evaluator> evaluator; // refers to tree and policy above
};

namespace {

constexpr qint64 LoadPage = 1000;

/** Reads every page of a paged repository call. */
template <typename T, typename List> Result<std::vector<T>> readAll(List list)
{
    std::vector<T> all;
    for (qint64 offset = 0;; offset += LoadPage) {
        auto page = list(offset, LoadPage);
        if (!page) {
            return page.error();
        }
        all.insert(all.end(), page->items.begin(), page->items.end());
        if (page->items.empty() || qint64(all.size()) >= page->total) {
            return all;
        }
    }
}

std::optional<Rule> ruleFrom(const db::PermissionRow& row)
{
    auto kind = parsePrincipalKind(row.principalKind);
    auto right = parseRight(row.right);
    auto effect = parseEffect(row.effect);
    if (!kind || !right || !effect) {
        qCWarning(lcServerAuth).noquote()
            << QStringLiteral("permission entry ignored principal=%1:%2 node=%3:%4 right=%5")
                   .arg(row.principalKind)
                   .arg(row.principalId)
                   .arg(row.nodeKind)
                   .arg(row.nodeId)
                   .arg(row.right);
        return std::nullopt;
    }
    return Rule{{*kind, row.principalId}, {row.nodeKind, row.nodeId}, *right, *effect};
}

/** An object's parent folder as its event tells, else \a root. */
NodeRef parentOf(const QJsonObject& object, const NodeRef& root)
{
    // Devices name their folder "folder", folders their parent "parent"; null is the root.
    for (const auto& key : {QStringLiteral("folder"), QStringLiteral("parent")}) {
        if (const qint64 folder = object.value(key).toInteger(); folder > 0) {
            return {QStringLiteral("folder"), folder};
        }
    }
    return root;
}

/** Whether an object's parent, as its event tells, is not its parent in the tree. */
bool movedIn(const NodeTree& tree, int index, const QJsonObject& object)
{
    const NodeRef& parent = tree.ref(tree.parent(index));
    return parentOf(object, parent.kind == QLatin1String("root") ? parent : NodeRef{}) != parent;
}

bool hasEntries(const Policy& policy, const NodeRef& node)
{
    return std::any_of(policy.rules().begin(), policy.rules().end(),
                       [&node](const Rule& rule) { return rule.node == node; });
}

} // namespace

AccessService::AccessService(db::AccessRepository& repository, db::AdminRepository& admins,
                             AuditLog& audit, EventHub& events, QObject* parent)
    : QObject(parent), m_repository(repository), m_admins(admins), m_audit(audit)
{
    connect(&events, &EventHub::published, this, &AccessService::handleEvent);
    addEventKind(QStringLiteral("admin"), RootId::Administration, Right::Read);
    addEventKind(QStringLiteral("group"), RootId::Administration, Right::Read);
}

void AccessService::addEventKind(const QString& kind, RootId root, Right right)
{
    m_eventKinds.insert(kind, {root, right});
}

NodeRef AccessService::rootOf(const QString& kind) const
{
    for (const auto& source : m_sources) {
        if (source.kind == kind) {
            return rootNode(source.root);
        }
    }
    return rootNode(RootId::All);
}

bool AccessService::isNodeKind(const QString& kind) const
{
    return std::any_of(m_sources.begin(), m_sources.end(),
                       [&kind](const Source& source) { return source.kind == kind; });
}

bool AccessService::mayReceive(qint64 admin, const QString& kind, qint64 id)
{
    if (isNodeKind(kind)) {
        return allowed(admin, {kind, id}, Right::Browse);
    }
    const auto rule = m_eventKinds.value(kind, {RootId::All, Right::Read});
    return allowed(admin, rootNode(rule.first), rule.second);
}

AccessService::~AccessService() = default;

void AccessService::addNodeSource(const QString& kind, RootId root, NodeSource source)
{
    m_sources.push_back({kind, root, std::move(source)});
    invalidate();
}

void AccessService::invalidate()
{
    m_snapshot.reset();
}

Result<std::unique_ptr<AccessService::Snapshot>> AccessService::load() const
{
    auto snapshot = std::make_unique<Snapshot>();
    auto admins = readAll<db::Admin>(
        [this](qint64 offset, qint64 limit) { return m_admins.list(offset, limit); });
    auto groups = readAll<db::Group>(
        [this](qint64 offset, qint64 limit) { return m_repository.listGroups(offset, limit); });
    auto memberships = m_repository.allMemberships();
    auto permissions = m_repository.allPermissions();
    if (!admins || !groups || !memberships || !permissions) {
        return !admins        ? admins.error()
               : !groups      ? groups.error()
               : !memberships ? memberships.error()
                              : permissions.error();
    }
    for (const auto& admin : *admins) {
        snapshot->policy.addAdmin(admin.id, admin.name, admin.superuser);
    }
    for (const auto& group : *groups) {
        snapshot->policy.addGroup(group.id, group.name);
    }
    for (const auto& membership : *memberships) {
        snapshot->policy.addMember(membership.groupId, membership.adminId);
    }
    for (const auto& row : *permissions) {
        if (auto rule = ruleFrom(row)) {
            snapshot->policy.addRule(*rule);
        }
    }
    std::vector<NodeEntry> entries;
    for (const auto& source : m_sources) {
        auto listed = source.list();
        if (!listed) {
            return listed.error();
        }
        entries.insert(entries.end(), listed->begin(), listed->end());
    }
    snapshot->tree = NodeTree::build(entries);
    snapshot->evaluator = std::make_unique<Evaluator>(snapshot->tree, snapshot->policy);
    return snapshot;
}

Result<const Evaluator*> AccessService::evaluator()
{
    if (!m_snapshot) {
        auto loaded = load();
        if (!loaded) {
            return loaded.error();
        }
        m_snapshot = std::move(*loaded);
    }
    return m_snapshot->evaluator.get();
}

std::optional<int> AccessService::indexOf(const Evaluator& evaluator, const NodeRef& node) const
{
    if (auto index = evaluator.tree().find(node)) {
        return index;
    }
    for (const auto& source : m_sources) {
        if (source.kind == node.kind) {
            return evaluator.tree().root(source.root);
        }
    }
    return std::nullopt;
}

Result<void> AccessService::require(const http::Principal& principal, const NodeRef& node,
                                    Right right, const QString& peer)
{
    auto current = evaluator();
    if (!current) {
        return current.error();
    }
    const Evaluator& judge = **current;
    const auto index = indexOf(judge, node);
    if (index && judge.allowed(principal.adminId, *index, right)) {
        return {};
    }
    const QString where = index ? judge.tree().path(*index) : nodeText(node);
    const QString message = QStringLiteral("missing right %1 on %2").arg(rightName(right), where);
    m_audit.record(principal.name, QStringLiteral("access.denied"), nodeText(node), peer,
                   QStringLiteral("denied"), message);
    qCInfo(lcServerAuth).noquote() << QStringLiteral("access denied user=%1 right=%2 node=%3")
                                          .arg(principal.name, rightName(right), nodeText(node));
    return makeError(ErrorCode::Forbidden, message);
}

bool AccessService::allowed(qint64 admin, const NodeRef& node, Right right)
{
    auto current = evaluator();
    if (!current) {
        return false;
    }
    const auto index = indexOf(**current, node);
    return index && (*current)->allowed(admin, *index, right);
}

Result<QSet<NodeRef>> AccessService::nodesWith(qint64 admin, const QString& kind, Right right)
{
    auto current = evaluator();
    if (!current) {
        return current.error();
    }
    const Evaluator& judge = **current;
    const auto rights = judge.allowedEverywhere(admin);
    QSet<NodeRef> nodes;
    for (int i = 0; i < judge.tree().size(); ++i) {
        const QString& nodeKind = judge.tree().ref(i).kind;
        if ((rights[size_t(i)] & bit(right))
            && (kind.isEmpty() ? nodeKind != QLatin1String("root") : nodeKind == kind)) {
            nodes.insert(judge.tree().ref(i));
        }
    }
    return nodes;
}

void AccessService::handleEvent(const QJsonObject& event)
{
    const QString kind = event.value(QStringLiteral("kind")).toString();
    const QString what = event.value(QStringLiteral("event")).toString();
    if (kind == QLatin1String("admin")) {
        invalidate(); // a new administrator, or a superuser flag
        return;
    }
    if (!isNodeKind(kind) || !m_snapshot || what == QLatin1String("online")
        || what == QLatin1String("offline")) {
        return;
    }
    const NodeRef ref{kind, event.value(QStringLiteral("id")).toInteger()};
    const QJsonObject object = event.value(QStringLiteral("object")).toObject();
    if (what == QLatin1String("created") && !m_snapshot->tree.find(ref)) {
        // Enrolment storms add thousands of devices: add the node rather than reload them all.
        const auto parent = m_snapshot->tree.find(parentOf(object, rootOf(kind)));
        if (parent && !hasEntries(m_snapshot->policy, ref)) {
            m_snapshot->tree.add(ref, *parent, object.value(QStringLiteral("name")).toString());
            m_snapshot->evaluator->treeGrew();
            return;
        }
    }
    if (what == QLatin1String("changed")) {
        // Most changes (inventory, last contact) move nothing: keep the snapshot then.
        const auto index = m_snapshot->tree.find(ref);
        if (index && !movedIn(m_snapshot->tree, *index, object)
            && object.value(QStringLiteral("name")).toString() == m_snapshot->tree.name(*index)) {
            return;
        }
    }
    invalidate();
}

Result<std::vector<Rule>> AccessService::entriesOn(const NodeRef& node)
{
    auto rows = m_repository.permissionsOn(node.kind, node.id);
    if (!rows) {
        return rows.error();
    }
    std::vector<Rule> rules;
    for (const auto& row : *rows) {
        if (auto rule = ruleFrom(row)) {
            rules.push_back(*rule);
        }
    }
    return rules;
}

Result<void> AccessService::checkEntries(const Evaluator& evaluator, int node,
                                         const std::vector<Rule>& entries) const
{
    const Policy& policy = evaluator.policy();
    for (size_t i = 0; i < entries.size(); ++i) {
        const Rule& entry = entries[i];
        if (policy.name(entry.principal).isEmpty()) {
            return makeError(ErrorCode::InvalidValue, QStringLiteral("entry %1: there is no %2")
                                                          .arg(i)
                                                          .arg(policy.describe(entry.principal)));
        }
        for (size_t j = 0; j < i; ++j) {
            if (entries[j].principal == entry.principal && entries[j].right == entry.right) {
                return makeError(
                    ErrorCode::InvalidValue,
                    QStringLiteral("entries %1 and %2 both set %3 for %4")
                        .arg(j)
                        .arg(i)
                        .arg(rightName(entry.right), policy.describe(entry.principal)));
            }
        }
        if (entry.effect != Effect::Allow) {
            continue;
        }
        for (const auto& rule : policy.rules()) {
            const auto above = evaluator.tree().find(rule.node);
            if (rule.effect == Effect::Deny && rule.principal == entry.principal
                && rule.right == entry.right && above
                && evaluator.tree().isAncestor(*above, node)) {
                return makeError(ErrorCode::Conflict,
                                 QStringLiteral("entry %1: %2 has Deny %3 on %4, which cannot be "
                                                "overridden below it; an Allow here would have "
                                                "no effect")
                                     .arg(i)
                                     .arg(policy.describe(entry.principal), rightName(entry.right),
                                          evaluator.tree().path(*above)));
            }
        }
    }
    return {};
}

Result<void> AccessService::replaceEntries(const NodeRef& node, const std::vector<Rule>& entries,
                                           const QString& actor, const QString& peer)
{
    auto current = evaluator();
    if (!current) {
        return current.error();
    }
    const auto index = (*current)->tree().find(node);
    if (!index) {
        return makeError(ErrorCode::NotFound,
                         QStringLiteral("there is no node %1").arg(nodeText(node)));
    }
    if (auto valid = checkEntries(**current, *index, entries); !valid) {
        return valid;
    }
    auto before = entriesOn(node);
    if (!before) {
        return before.error();
    }
    std::vector<db::PermissionRow> rows;
    std::vector<PrincipalRef> touched;
    for (const auto& entry : entries) {
        rows.push_back({principalKindName(entry.principal.kind), entry.principal.id, node.kind,
                        node.id, rightName(entry.right), effectName(entry.effect)});
        touched.push_back(entry.principal);
    }
    for (const auto& entry : *before) {
        touched.push_back(entry.principal);
    }
    const QString path = (*current)->tree().path(*index);
    const QList<qint64> affected = adminsOf(touched); // read before the snapshot goes
    if (auto stored = m_repository.replacePermissionsOn(node.kind, node.id, rows); !stored) {
        m_audit.record(actor, QStringLiteral("permissions.set"), nodeText(node), peer,
                       QStringLiteral("failed"), stored.error().message);
        return stored;
    }
    m_audit.record(actor, QStringLiteral("permissions.set"), nodeText(node), peer,
                   QStringLiteral("ok"),
                   QStringLiteral("%1 entries on %2").arg(entries.size()).arg(path));
    changed(affected);
    return {};
}

QList<qint64> AccessService::adminsOf(const std::vector<PrincipalRef>& principals)
{
    QSet<qint64> admins;
    std::vector<qint64> groups;
    for (const auto& principal : principals) {
        if (principal.kind == PrincipalKind::Admin) {
            admins.insert(principal.id);
        } else {
            groups.push_back(principal.id);
        }
    }
    for (const qint64 group : groups) {
        if (auto members = m_repository.members(group)) {
            for (const qint64 admin : *members) {
                admins.insert(admin);
            }
        }
    }
    QList<qint64> list(admins.begin(), admins.end());
    std::sort(list.begin(), list.end());
    return list;
}

void AccessService::changed(const QList<qint64>& admins)
{
    invalidate();
    if (!admins.isEmpty()) {
        Q_EMIT rightsChanged(admins);
    }
}

Result<db::Group> AccessService::createGroup(const QString& name, const QString& description,
                                             const QString& actor, const QString& peer)
{
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    auto id = m_repository.insertGroup(name, description, now);
    if (!id) {
        m_audit.record(actor, QStringLiteral("group.create"), name, peer, QStringLiteral("failed"),
                       id.error().message);
        return id.error();
    }
    m_audit.record(actor, QStringLiteral("group.create"), QStringLiteral("group:%1").arg(*id), peer,
                   QStringLiteral("ok"), name);
    invalidate();
    return db::Group{*id, name, description, now, now, 1};
}

Result<db::Group> AccessService::updateGroup(qint64 id, const QString& name,
                                             const QString& description, qint64 revision,
                                             const QString& actor, const QString& peer)
{
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    if (auto updated = m_repository.updateGroup(id, name, description, revision, now); !updated) {
        return updated.error();
    }
    m_audit.record(actor, QStringLiteral("group.change"), QStringLiteral("group:%1").arg(id), peer,
                   QStringLiteral("ok"), name);
    invalidate();
    auto group = m_repository.findGroup(id);
    if (!group) {
        return group.error();
    }
    if (!group->has_value()) {
        return makeError(ErrorCode::NotFound, QStringLiteral("there is no group %1").arg(id));
    }
    return **group;
}

Result<void> AccessService::removeGroup(qint64 id, const QString& actor, const QString& peer)
{
    const QList<qint64> affected = adminsOf({{PrincipalKind::Group, id}});
    if (auto removed = m_repository.removeGroup(id); !removed) {
        return removed;
    }
    m_audit.record(actor, QStringLiteral("group.delete"), QStringLiteral("group:%1").arg(id), peer,
                   QStringLiteral("ok"));
    changed(affected);
    return {};
}

Result<void> AccessService::addMember(qint64 group, qint64 admin, const QString& actor,
                                      const QString& peer)
{
    if (auto added = m_repository.addMember(group, admin); !added) {
        return added;
    }
    m_audit.record(actor, QStringLiteral("group.member.add"), QStringLiteral("group:%1").arg(group),
                   peer, QStringLiteral("ok"), QStringLiteral("admin:%1").arg(admin));
    changed({admin});
    return {};
}

Result<void> AccessService::removeMember(qint64 group, qint64 admin, const QString& actor,
                                         const QString& peer)
{
    if (auto removed = m_repository.removeMember(group, admin); !removed) {
        return removed;
    }
    m_audit.record(actor, QStringLiteral("group.member.remove"),
                   QStringLiteral("group:%1").arg(group), peer, QStringLiteral("ok"),
                   QStringLiteral("admin:%1").arg(admin));
    changed({admin});
    return {};
}

namespace {

NodeEntry belowFolder(const NodeRef& node, const std::optional<qint64>& folder, const QString& name)
{
    const NodeRef devices = rootNode(RootId::Devices);
    return {node, folder ? NodeRef{QStringLiteral("folder"), *folder} : devices, name, devices};
}

} // namespace

Result<std::vector<NodeEntry>> deviceNodes(db::DeviceRepository& devices)
{
    auto all = readAll<db::Device>(
        [&devices](qint64 offset, qint64 limit) { return devices.listWithBinned(offset, limit); });
    if (!all) {
        return all.error();
    }
    std::vector<NodeEntry> entries;
    for (const auto& device : *all) {
        entries.push_back(
            belowFolder({QStringLiteral("device"), device.id}, device.folderId, device.name));
    }
    return entries;
}

Result<std::vector<NodeEntry>> folderNodes(db::FolderRepository& folders)
{
    auto all = folders.list();
    if (!all) {
        return all.error();
    }
    std::vector<NodeEntry> entries;
    for (const auto& folder : *all) {
        entries.push_back(
            belowFolder({QStringLiteral("folder"), folder.id}, folder.parentId, folder.name));
    }
    return entries;
}

Result<std::vector<NodeEntry>> profileNodes(db::ProfileRepository& profiles)
{
    auto all = profiles.list();
    if (!all) {
        return all.error();
    }
    const NodeRef root = rootNode(RootId::Profiles);
    std::vector<NodeEntry> entries;
    for (const auto& profile : *all) {
        entries.push_back({{QStringLiteral("profile"), profile.id}, root, profile.name, root});
    }
    return entries;
}

} // namespace steward::server::services
