// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/http/routes/ProfileRoutes.h"

#include "common/protocol/JsonReader.h"
#include "common/settings/ParameterRegistry.h"
#include "server/db/ProfileRepository.h"
#include "server/http/RouteSupport.h"
#include "server/http/Router.h"
#include "server/http/routes/ConfigPushRoutes.h"
#include "server/services/AccessService.h"
#include "server/services/DeviceView.h"
#include "server/services/ProfileService.h"

#include <QJsonDocument>

namespace steward::server::http {
namespace {

using services::AccessService;
using services::ProfileService;

const NodeOfRequest profilesRoot = fixedNode(access::rootNode(access::RootId::Profiles));

/** The profile named by the {id} path parameter; rights are checked on it (docs/access-control.md).
 */
access::NodeRef profileInPath(const HttpRequest& request)
{
    return {QStringLiteral("profile"), request.params.value(QStringLiteral("id")).toLongLong()};
}

constexpr qint64 MaxId = std::numeric_limits<qint64>::max();

services::Requester requesterOf(const HttpRequest& request)
{
    return {request.principal->name, request.peerText()};
}

std::optional<db::ProfileKind> readKind(protocol::JsonReader& reader)
{
    const auto text = reader.optionalString(u"kind");
    if (!text) {
        return std::nullopt;
    }
    const auto kind = db::profileKindFromName(*text);
    if (!kind) {
        reader.invalid(u"kind", QStringLiteral("must be standard or priority"));
    }
    return kind;
}

QJsonObject readValues(protocol::JsonReader& reader, const QJsonObject& body)
{
    if (!body.contains(QStringLiteral("values"))) {
        return {};
    }
    return reader.requireObject(u"values");
}

// Parses the body and the {id} parameter, runs \a action and answers with its JSON.
template <typename Action> HttpResponse withBody(const HttpRequest& request, Action&& action)
{
    auto body = jsonBody(request);
    if (!body) {
        return HttpResponse::error(body.error());
    }
    protocol::JsonReader reader(*body);
    return action(reader, *body);
}

HttpResponse createProfile(ProfileService& profiles, const HttpRequest& request)
{
    return withBody(request, [&](protocol::JsonReader& reader, const QJsonObject& body) {
        db::Profile profile;
        profile.name = reader.requireString(u"name");
        profile.kind = readKind(reader).value_or(db::ProfileKind::Standard);
        profile.description = reader.optionalString(u"description").value_or(QString());
        const QJsonObject values = readValues(reader, body);
        if (!reader.ok()) {
            return HttpResponse::error(*reader.error());
        }
        auto created = profiles.create(profile, values, requesterOf(request));
        if (!created) {
            return HttpResponse::error(created.error());
        }
        auto response = HttpResponse::json(201, profiles.profileJson(*created));
        response.headers.emplace_back("Location", QByteArray("/api/v1/profiles/")
                                                      + QByteArray::number(created->profile.id));
        return response;
    });
}

HttpResponse changeProfile(ProfileService& profiles, const HttpRequest& request)
{
    auto id = idParameter(request, QStringLiteral("id"));
    if (!id) {
        return HttpResponse::error(id.error());
    }
    return withBody(request, [&](protocol::JsonReader& reader, const QJsonObject& body) {
        services::ProfileChange change;
        change.name = reader.optionalString(u"name");
        change.kind = readKind(reader);
        change.description = reader.optionalString(u"description");
        change.values = readValues(reader, body);
        change.revision = reader.optionalInt(u"revision", 1, MaxId);
        if (!reader.ok()) {
            return HttpResponse::error(*reader.error());
        }
        auto changed = profiles.update(*id, change, requesterOf(request));
        if (!changed) {
            return HttpResponse::error(changed.error());
        }
        return HttpResponse::json(200, profiles.profileJson(*changed));
    });
}

HttpResponse assignProfile(ProfileService& profiles, AccessService& access,
                           const HttpRequest& request)
{
    auto id = idParameter(request, QStringLiteral("id"));
    if (!id) {
        return HttpResponse::error(id.error());
    }
    return withBody(request, [&](protocol::JsonReader& reader, const QJsonObject&) {
        const auto device = reader.optionalInt(u"device", 1, MaxId);
        const auto folder = reader.optionalInt(u"folder", 1, MaxId);
        const auto view = reader.optionalInt(u"view", 1, MaxId);
        if (!reader.ok()) {
            return HttpResponse::error(*reader.error());
        }
        if (view) {
            if (device || folder) {
                return HttpResponse::error(
                    400, ErrorCode::InvalidArgument,
                    QStringLiteral("assign to exactly one of \"device\", \"folder\" and "
                                   "\"view\""));
            }
            // A view is a target the administrator must be able to read (docs/views.md).
            if (auto refused = requireRight(access, request, {QStringLiteral("view"), *view},
                                            access::Right::Read)) {
                return *refused;
            }
            auto assigned = profiles.assignView(*id, *view, requesterOf(request));
            if (!assigned) {
                return HttpResponse::error(assigned.error());
            }
            return HttpResponse::json(201, QJsonObject{{QStringLiteral("id"), assigned->id},
                                                       {QStringLiteral("view"), *view}});
        }
        auto assigned = profiles.assign(*id, device, folder, requesterOf(request));
        if (!assigned) {
            return HttpResponse::error(assigned.error());
        }
        return HttpResponse::json(201, QJsonObject{{QStringLiteral("id"), assigned->id}});
    });
}

HttpResponse effectiveConfig(ProfileService& profiles, const HttpRequest& request)
{
    auto id = idParameter(request, QStringLiteral("id"));
    auto config =
        id ? profiles.effectiveConfig(*id) : Result<services::EffectiveConfig>(id.error());
    if (!config) {
        return HttpResponse::error(config.error());
    }
    QJsonArray assigned;
    for (const auto& applied : config->profiles) {
        services::Provenance provenance{applied.origin.kind == db::ProfileKind::Priority
                                            ? services::ValueSource::PriorityProfile
                                            : services::ValueSource::Profile,
                                        {},
                                        applied.origin,
                                        {}};
        QJsonObject json = services::provenanceJson(provenance);
        json.remove(QStringLiteral("value"));
        json.remove(QStringLiteral("source"));
        json.insert(QStringLiteral("direct"),
                    services::viaOf(applied.origin) == services::Via::Device);
        assigned.append(json);
    }
    QJsonArray values;
    for (const auto& value : config->values) {
        values.append(services::effectiveValueJson(value));
    }
    return HttpResponse::json(
        200,
        QJsonObject{{QStringLiteral("device"), config->device.id},
                    {QStringLiteral("folder"), config->device.folderId
                                                   ? QJsonValue(*config->device.folderId)
                                                   : QJsonValue(QJsonValue::Null)},
                    {QStringLiteral("path"), config->folderPath},
                    {QStringLiteral("version"), services::configurationVersion(config->values)},
                    {QStringLiteral("profiles"), assigned},
                    {QStringLiteral("values"), values}});
}

HttpResponse withId(const HttpRequest& request, const std::function<HttpResponse(qint64)>& action)
{
    auto id = idParameter(request, QStringLiteral("id"));
    return id ? action(*id) : HttpResponse::error(id.error());
}

void addProfileCrud(Router& router, ProfileService& profiles, AccessService& access,
                    services::ConfigPushService* push)
{
    router.add({HttpMethod::Get, QStringLiteral("/api/v1/profiles"),
                QStringLiteral("List profiles with their values and assignments"), true},
               [&profiles, &access](const HttpRequest& request) {
                   auto all = profiles.list();
                   if (!all) {
                       return HttpResponse::error(all.error());
                   }
                   QJsonArray items;
                   for (const auto& details : *all) {
                       if (access.allowed(request.principal->adminId,
                                          {QStringLiteral("profile"), details.profile.id},
                                          access::Right::Browse)) {
                           items.append(profiles.profileJson(details));
                       }
                   }
                   return HttpResponse::json(200, QJsonObject{{QStringLiteral("items"), items}});
               });
    router.add(
        {HttpMethod::Post, QStringLiteral("/api/v1/profiles"),
         QStringLiteral("Create a profile {\"name\",\"kind\"?,\"description\"?,\"values\"?}"),
         true},
        guarded(
            access, access::Right::Write, profilesRoot,
            [&profiles](const HttpRequest& request) { return createProfile(profiles, request); }));
    router.add({HttpMethod::Get, QStringLiteral("/api/v1/profiles/{id}"),
                QStringLiteral("Read one profile"), true},
               guarded(access, access::Right::Read, profileInPath,
                       [&profiles](const HttpRequest& request) {
                           return withId(request, [&](qint64 id) {
                               auto details = profiles.read(id);
                               return details
                                          ? HttpResponse::json(200, profiles.profileJson(*details))
                                          : HttpResponse::error(details.error());
                           });
                       }));
    router.add(
        {HttpMethod::Patch, QStringLiteral("/api/v1/profiles/{id}"),
         QStringLiteral("Change a profile; in \"values\" null removes a parameter"), true},
        guarded(access, access::Right::Write, profileInPath,
                pushAfter(push, PushScope::ProfileInPath, [&profiles](const HttpRequest& request) {
                    return changeProfile(profiles, request);
                })));
    router.add(
        {HttpMethod::Delete, QStringLiteral("/api/v1/profiles/{id}"),
         QStringLiteral("Delete a profile and its assignments"), true},
        guarded(access, access::Right::Write, profileInPath,
                pushAfter(push, PushScope::ProfileInPath, [&profiles](const HttpRequest& request) {
                    return withId(request, [&](qint64 id) {
                        auto removed = profiles.remove(id, requesterOf(request));
                        return removed ? HttpResponse::noContent()
                                       : HttpResponse::error(removed.error());
                    });
                })));
}

void addProfileFiles(Router& router, ProfileService& profiles, AccessService& access,
                     services::ConfigPushService* push)
{
    router.add({HttpMethod::Get, QStringLiteral("/api/v1/profiles/{id}/export"),
                QStringLiteral("Download a profile as a JSON file"), true},
               guarded(access, access::Right::Read, profileInPath,
                       [&profiles](const HttpRequest& request) {
                           return withId(request, [&](qint64 id) {
                               auto file = profiles.exportFile(id);
                               if (!file) {
                                   return HttpResponse::error(file.error());
                               }
                               auto response = HttpResponse::json(200, *file);
                               response.headers.emplace_back(
                                   "Content-Disposition",
                                   QByteArray("attachment; filename=\"profile-")
                                       + QByteArray::number(id) + ".json\"");
                               return response;
                           });
                       }));
    router.add(
        {HttpMethod::Post, QStringLiteral("/api/v1/profiles/import"),
         QStringLiteral("Create a profile from an export file; ?replace=true replaces "
                        "the values of a profile of the same name"),
         true},
        guarded(access, access::Right::Write, profilesRoot,
                pushAfter(push, PushScope::Everything, [&profiles](const HttpRequest& request) {
                    return withBody(request, [&](protocol::JsonReader&, const QJsonObject& body) {
                        const bool replace = request.query.queryItemValue(QStringLiteral("replace"))
                                             == QLatin1String("true");
                        auto imported = profiles.importFile(body, replace, requesterOf(request));
                        return imported ? HttpResponse::json(201, profiles.profileJson(*imported))
                                        : HttpResponse::error(imported.error());
                    });
                })));
}

void addAssignments(Router& router, ProfileService& profiles, AccessService& access,
                    services::ConfigPushService* push)
{
    router.add(
        {HttpMethod::Post, QStringLiteral("/api/v1/profiles/{id}/assignments"),
         QStringLiteral("Assign a profile {\"device\": id}, {\"folder\": id} or {\"view\": id}"),
         true},
        guarded(access, access::Right::Assign, profileInPath,
                pushAfter(push, PushScope::ProfileInPath,
                          [&profiles, &access](const HttpRequest& request) {
                              return assignProfile(profiles, access, request);
                          })));
    router.add(
        {HttpMethod::Delete, QStringLiteral("/api/v1/profiles/{id}/assignments/{assignment}"),
         QStringLiteral("Remove one assignment of a profile"), true},
        guarded(access, access::Right::Assign, profileInPath,
                pushAfter(push, PushScope::ProfileInPath, [&profiles](const HttpRequest& request) {
                    auto id = idParameter(request, QStringLiteral("id"));
                    auto assignment = idParameter(request, QStringLiteral("assignment"));
                    if (!id || !assignment) {
                        return HttpResponse::error(!id ? id.error() : assignment.error());
                    }
                    auto removed = profiles.unassign(*id, *assignment, requesterOf(request));
                    return removed ? HttpResponse::noContent()
                                   : HttpResponse::error(removed.error());
                })));
}

void addDeviceConfig(Router& router, ProfileService& profiles, AccessService& access,
                     services::ConfigPushService* push)
{
    router.add(
        {HttpMethod::Get, QStringLiteral("/api/v1/devices/{id}/effective-config"),
         QStringLiteral("Every parameter's value on a device and why (provenance)"), true},
        guarded(access, access::Right::Read, deviceInPath, [&profiles](const HttpRequest& request) {
            return effectiveConfig(profiles, request);
        }));
    router.add(
        {HttpMethod::Get, QStringLiteral("/api/v1/devices/{id}/local-config"),
         QStringLiteral("A device's local values"), true},
        guarded(access, access::Right::Read, deviceInPath, [&profiles](const HttpRequest& request) {
            return withId(request, [&](qint64 id) {
                auto values = profiles.localValues(id);
                return values ? HttpResponse::json(
                           200, QJsonObject{{QStringLiteral("values"),
                                             services::parameterValuesJson(*values)}})
                              : HttpResponse::error(values.error());
            });
        }));
    router.add(
        {HttpMethod::Put, QStringLiteral("/api/v1/devices/{id}/local-config"),
         QStringLiteral("Replace a device's local values {\"values\":{…}}"), true},
        guarded(access, access::Right::Write, deviceInPath,
                pushAfter(push, PushScope::DeviceInPath, [&profiles](const HttpRequest& request) {
                    auto id = idParameter(request, QStringLiteral("id"));
                    if (!id) {
                        return HttpResponse::error(id.error());
                    }
                    return withBody(request, [&](protocol::JsonReader& reader, const QJsonObject&) {
                        const QJsonObject values = reader.requireObject(u"values");
                        if (!reader.ok()) {
                            return HttpResponse::error(*reader.error());
                        }
                        auto stored = profiles.setLocalValues(*id, values, requesterOf(request));
                        return stored ? HttpResponse::json(
                                   200, QJsonObject{{QStringLiteral("values"),
                                                     services::parameterValuesJson(*stored)}})
                                      : HttpResponse::error(stored.error());
                    });
                })));
}

} // namespace

void addProfileRoutes(Router& router, ProfileService& profiles,
                      const settings::ParameterRegistry& registry, AccessService& access,
                      services::ConfigPushService* push)
{
    router.add(
        {HttpMethod::Get, QStringLiteral("/api/v1/parameters"),
         QStringLiteral("The parameter registry: keys, types, defaults, limits"), true},
        [&registry](const HttpRequest&) { return HttpResponse::json(200, registry.toJson()); });
    addProfileCrud(router, profiles, access, push);
    addProfileFiles(router, profiles, access, push);
    addAssignments(router, profiles, access, push);
    addDeviceConfig(router, profiles, access, push);
}

} // namespace steward::server::http
