// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// AccessService - decides, enforces, explains and edits who may do what on which tree node.
#pragma once

#include "server/access/Evaluator.h"
#include "server/db/records/Access.h"
#include "server/http/HttpTypes.h"

#include <QObject>

#include <functional>
#include <memory>

namespace steward::server::db {
class AccessRepository;
class AdminRepository;
class DeviceRepository;
class FolderRepository;
class ProfileRepository;
} // namespace steward::server::db

namespace steward::server::services {

class AuditLog;
class EventHub;

/**
 * Keeps the tree, the administrators, groups and permission entries in memory as one snapshot,
 * loaded on first use and reloaded after any change to them (a change made here, or an event
 * for an administrator or a tree node). Every refusal is audited as "access.denied".
 *
 * rightsChanged(admins) is the hook for live changes: it fires after every change that may
 * change what those administrators may do (entries, memberships, groups). The console gateway
 * refreshes their consoles' views; a shadow service ends sessions that lost Shadow.
 */
class AccessService : public QObject {
    Q_OBJECT

public:
    /** Lists every node of one kind with its parent, e.g. all devices. */
    using NodeSource = std::function<Result<std::vector<access::NodeEntry>>()>;

    AccessService(db::AccessRepository& repository, db::AdminRepository& admins, AuditLog& audit,
                  EventHub& events, QObject* parent = nullptr);
    ~AccessService() override;

    /**
     * Plugs a node kind into the tree. Nodes of \a kind that are unknown (not yet or no longer
     * there) are judged as \a root, so a refusal does not tell whether an object exists.
     */
    void addNodeSource(const QString& kind, access::RootId root, NodeSource source);

    /** Nothing, or Forbidden "missing right Shadow on /Devices/Berlin/TC-1" (audited). */
    [[nodiscard]] Result<void> require(const http::Principal& principal,
                                       const access::NodeRef& node, access::Right right,
                                       const QString& peer);
    /** Like require() without auditing; false when the rights cannot be read. */
    [[nodiscard]] bool allowed(qint64 admin, const access::NodeRef& node, access::Right right);
    /**
     * Which right on which node lets a console receive events about objects of \a kind that
     * are not tree nodes (tree nodes need Browse on themselves). Unlisted kinds need Read on
     * root:all. Built in: admin and group (Read on root:administration).
     */
    void addEventKind(const QString& kind, access::RootId root, access::Right right);
    /** Whether a console of \a admin may receive an event about object \a id of \a kind. */
    [[nodiscard]] bool mayReceive(qint64 admin, const QString& kind, qint64 id);
    [[nodiscard]] bool isNodeKind(const QString& kind) const;
    /** The nodes of \a kind (any kind but roots when empty) on which \a admin has \a right. */
    [[nodiscard]] Result<QSet<access::NodeRef>> nodesWith(qint64 admin, const QString& kind,
                                                          access::Right right);

    /** The evaluator over the current snapshot; valid until the next change. */
    [[nodiscard]] Result<const access::Evaluator*> evaluator();
    /** The tree index of \a node, or of the root that stands in for an unknown node. */
    [[nodiscard]] std::optional<int> indexOf(const access::Evaluator& evaluator,
                                             const access::NodeRef& node) const;

    [[nodiscard]] Result<std::vector<access::Rule>> entriesOn(const access::NodeRef& node);
    /**
     * Replaces the entries on an existing node. Refused: unknown principals, two entries for
     * one principal and right, and an Allow under a Deny of the same principal and right
     * (it could never take effect).
     */
    [[nodiscard]] Result<void> replaceEntries(const access::NodeRef& node,
                                              const std::vector<access::Rule>& entries,
                                              const QString& actor, const QString& peer);

    [[nodiscard]] Result<db::Group> createGroup(const QString& name, const QString& description,
                                                const QString& actor, const QString& peer);
    [[nodiscard]] Result<db::Group> updateGroup(qint64 id, const QString& name,
                                                const QString& description, qint64 revision,
                                                const QString& actor, const QString& peer);
    [[nodiscard]] Result<void> removeGroup(qint64 id, const QString& actor, const QString& peer);
    [[nodiscard]] Result<void> addMember(qint64 group, qint64 admin, const QString& actor,
                                         const QString& peer);
    [[nodiscard]] Result<void> removeMember(qint64 group, qint64 admin, const QString& actor,
                                            const QString& peer);

    /** Forgets the snapshot; the next question loads it again. */
    void invalidate();

Q_SIGNALS:
    void rightsChanged(const QList<qint64>& admins);

private:
    struct Snapshot;
    [[nodiscard]] Result<std::unique_ptr<Snapshot>> load() const;
    void handleEvent(const QJsonObject& event);
    [[nodiscard]] access::NodeRef rootOf(const QString& kind) const;
    /** The administrators \a principals stand for (groups expanded to their members). */
    [[nodiscard]] QList<qint64> adminsOf(const std::vector<access::PrincipalRef>& principals);
    [[nodiscard]] Result<void> checkEntries(const access::Evaluator& evaluator, int node,
                                            const std::vector<access::Rule>& entries) const;
    void changed(const QList<qint64>& admins);

    db::AccessRepository& m_repository;
    db::AdminRepository& m_admins;
    AuditLog& m_audit;
    struct Source {
        QString kind;
        access::RootId root;
        NodeSource list;
    };
    std::vector<Source> m_sources;
    QHash<QString, std::pair<access::RootId, access::Right>> m_eventKinds;
    std::unique_ptr<Snapshot> m_snapshot;
};

/** Every device below its folder, or below root:devices. */
[[nodiscard]] Result<std::vector<access::NodeEntry>> deviceNodes(db::DeviceRepository& devices);
/** Every folder below its parent, or below root:devices. */
[[nodiscard]] Result<std::vector<access::NodeEntry>> folderNodes(db::FolderRepository& folders);
/** Every profile, below root:profiles. */
[[nodiscard]] Result<std::vector<access::NodeEntry>> profileNodes(db::ProfileRepository& profiles);

} // namespace steward::server::services
