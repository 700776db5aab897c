// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/services/ViewService.h"

#include "server/db/AttributeRepository.h"
#include "server/db/Database.h"
#include "server/db/Transaction.h"
#include "server/db/ViewRepository.h"
#include "server/http/RouteSupport.h"
#include "server/services/AuditLog.h"
#include "server/services/EventHub.h"
#include "server/services/FolderService.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace steward::server::services {
namespace {

QString viewObject(qint64 id)
{
    return QStringLiteral("view:%1").arg(id);
}

QString compact(const QJsonObject& json)
{
    return QString::fromUtf8(QJsonDocument(json).toJson(QJsonDocument::Compact));
}

} // namespace

ViewService::ViewService(db::Database& database, db::ViewRepository& views,
                         db::AttributeRepository& attributes, FolderService& folders,
                         AuditLog& audit, EventHub& events, Clock clock)
    : m_database(database), m_views(views), m_attributes(attributes), m_folders(folders),
      m_audit(audit), m_events(events), m_clock(std::move(clock))
{}

Result<std::vector<ViewDetails>> ViewService::list() const
{
    auto views = m_views.list();
    if (!views) {
        return views.error();
    }
    std::vector<ViewDetails> details;
    for (const auto& view : *views) {
        auto one = read(view.id);
        if (!one) {
            return one.error();
        }
        details.push_back(std::move(*one));
    }
    return details;
}

Result<ViewDetails> ViewService::read(qint64 id) const
{
    auto view = m_views.findById(id);
    if (!view) {
        return view.error();
    }
    if (!view->has_value()) {
        return makeError(ErrorCode::NotFound, QStringLiteral("no view %1").arg(id));
    }
    auto assignments = m_views.assignmentsOfView(id);
    if (!assignments) {
        return assignments.error();
    }
    // Stored filters were checked on the way in; one that fails now shows as selecting nothing.
    auto filter = parseViewFilter(QJsonDocument::fromJson((*view)->filter.toUtf8()).object());
    return ViewDetails{**view, filter ? std::move(*filter) : ViewFilter{}, std::move(*assignments)};
}

Result<ViewFilter> ViewService::checkedFilter(const QJsonObject& json) const
{
    auto filter = parseViewFilter(json, QStringLiteral("body.filter"));
    if (!filter) {
        return filter.error();
    }
    for (size_t i = 0; i < filter->conditions.size(); ++i) {
        const auto& condition = filter->conditions[i];
        const QString at = QStringLiteral("body.filter.all[%1]").arg(i);
        if (condition.field == ViewField::Folder && condition.folder) {
            if (auto folder = m_folders.read(*condition.folder); !folder) {
                return makeError(folder.error().code == ErrorCode::NotFound
                                     ? ErrorCode::InvalidValue
                                     : folder.error().code,
                                 QStringLiteral("%1.folder: there is no folder %2")
                                     .arg(at)
                                     .arg(*condition.folder));
            }
        }
        if (condition.field == ViewField::Attribute) {
            auto definition = m_attributes.findDefinitionByName(condition.attribute);
            if (!definition) {
                return definition.error();
            }
            if (!definition->has_value()) {
                return makeError(ErrorCode::InvalidValue,
                                 QStringLiteral("%1.attribute: there is no attribute \"%2\"")
                                     .arg(at, condition.attribute.left(60)));
            }
        }
    }
    return filter;
}

Result<void> ViewService::checkNaming(const QString& name, const QString& description,
                                      qint64 except) const
{
    if (name.isEmpty() || name.size() > MaxViewNameLength || name.trimmed() != name) {
        return makeError(ErrorCode::InvalidValue,
                         QStringLiteral("body.name: a view name has 1 … %1 characters and no "
                                        "white space at either end")
                             .arg(MaxViewNameLength));
    }
    if (description.size() > MaxViewDescriptionLength) {
        return makeError(ErrorCode::InvalidValue,
                         QStringLiteral("body.description has more than %1 characters")
                             .arg(MaxViewDescriptionLength));
    }
    auto twin = m_views.findByName(name);
    if (!twin) {
        return twin.error();
    }
    if (twin->has_value() && (*twin)->id != except) {
        return makeError(ErrorCode::AlreadyExists,
                         QStringLiteral("body.name: view %1 is already called \"%2\"")
                             .arg((*twin)->id)
                             .arg(name));
    }
    return {};
}

Result<ViewDetails> ViewService::create(const QString& name, const QString& description,
                                        const QJsonObject& filter, const Requester& requester)
{
    auto created = db::inTransaction<ViewDetails>(m_database, [&]() -> Result<ViewDetails> {
        if (auto named = checkNaming(name, description, 0); !named) {
            return named.error();
        }
        auto checked = checkedFilter(filter);
        if (!checked) {
            return checked.error();
        }
        db::View view;
        view.name = name;
        view.description = description;
        view.filter = compact(viewFilterJson(*checked));
        view.createdAt = view.updatedAt = m_clock();
        auto id = m_views.insert(view);
        if (!id) {
            return id.error();
        }
        return read(*id);
    });
    m_audit.recordResult(
        requester.name, QStringLiteral("view.create"),
        created ? viewObject(created->view.id) : QStringLiteral("view"), requester.peer, created,
        QStringLiteral("name=\"%1\" filter=%2").arg(name.left(80), compact(filter).left(400)));
    if (created) {
        publish(QStringLiteral("created"), created->view.id);
    }
    return created;
}

Result<ViewDetails> ViewService::update(qint64 id, const ViewChange& change,
                                        const Requester& requester)
{
    auto updated = db::inTransaction<ViewDetails>(m_database, [&]() -> Result<ViewDetails> {
        auto current = read(id);
        if (!current) {
            return current.error();
        }
        db::View view = current->view;
        if (change.revision && *change.revision != view.revision) {
            return makeError(ErrorCode::Conflict,
                             QStringLiteral("view %1 is at revision %2, not %3; reload and try "
                                            "again")
                                 .arg(id)
                                 .arg(view.revision)
                                 .arg(*change.revision));
        }
        view.name = change.name.value_or(view.name);
        view.description = change.description.value_or(view.description);
        if (auto named = checkNaming(view.name, view.description, id); !named) {
            return named.error();
        }
        if (change.filter) {
            auto checked = checkedFilter(*change.filter);
            if (!checked) {
                return checked.error();
            }
            view.filter = compact(viewFilterJson(*checked));
        }
        view.updatedAt = m_clock();
        if (auto stored = m_views.update(view); !stored) {
            return stored.error();
        }
        return read(id);
    });
    m_audit.recordResult(
        requester.name, QStringLiteral("view.change"), viewObject(id), requester.peer, updated,
        change.filter ? QStringLiteral("filter=%1").arg(compact(*change.filter).left(400))
                      : QString());
    if (updated) {
        publish(QStringLiteral("changed"), id);
    }
    return updated;
}

Result<void> ViewService::remove(qint64 id, const Requester& requester)
{
    auto removed = db::inTransaction<ViewDetails>(m_database, [&]() -> Result<ViewDetails> {
        auto current = read(id);
        if (!current) {
            return current;
        }
        if (auto gone = m_views.remove(id); !gone) {
            return gone.error();
        }
        return current;
    });
    m_audit.recordResult(requester.name, QStringLiteral("view.delete"), viewObject(id),
                         requester.peer, removed,
                         removed ? QStringLiteral("name=\"%1\" assignments=%2")
                                       .arg(removed->view.name)
                                       .arg(removed->assignments.size())
                                 : QString());
    if (!removed) {
        return removed.error();
    }
    m_events.publish(QStringLiteral("deleted"), QStringLiteral("view"), id);
    return {};
}

QJsonObject ViewService::viewJson(const ViewDetails& details)
{
    QJsonArray profiles;
    for (const auto& assignment : details.assignments) {
        profiles.append(
            QJsonObject{{QStringLiteral("assignment"), assignment.id},
                        {QStringLiteral("profile"), assignment.profileId},
                        {QStringLiteral("created"), http::isoTime(assignment.createdAt)}});
    }
    const auto& view = details.view;
    return QJsonObject{{QStringLiteral("id"), view.id},
                       {QStringLiteral("name"), view.name},
                       {QStringLiteral("description"), view.description},
                       {QStringLiteral("filter"), viewFilterJson(details.filter)},
                       {QStringLiteral("revision"), view.revision},
                       {QStringLiteral("created"), http::isoTime(view.createdAt)},
                       {QStringLiteral("updated"), http::isoTime(view.updatedAt)},
                       {QStringLiteral("profiles"), profiles}};
}

Result<std::vector<access::NodeEntry>> viewNodes(db::ViewRepository& views)
{
    auto all = views.list();
    if (!all) {
        return all.error();
    }
    const access::NodeRef root = access::rootNode(access::RootId::Views);
    std::vector<access::NodeEntry> entries;
    for (const auto& view : *all) {
        entries.push_back({{QStringLiteral("view"), view.id}, root, view.name, root});
    }
    return entries;
}

void ViewService::publish(const QString& event, qint64 id)
{
    auto details = read(id);
    if (details) {
        m_events.publish(event, QStringLiteral("view"), id, viewJson(*details));
    }
}

} // namespace steward::server::services
