// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/http/routes/AttributeRoutes.h"

#include "common/protocol/JsonReader.h"
#include "server/http/RouteSupport.h"
#include "server/http/Router.h"
#include "server/services/AttributeService.h"

namespace steward::server::http {
namespace {

using services::AttributeService;

// The one permission check of these routes; permissions (#4's successor) replace it.
Handler superuserOnly(Handler handler)
{
    return [handler = std::move(handler)](const HttpRequest& request) {
        if (!request.principal->superuser) {
            return HttpResponse::error(
                403, ErrorCode::NotAuthorised,
                QStringLiteral("only a superuser may change device attributes"));
        }
        return handler(request);
    };
}

services::AttributeActor administrator(const HttpRequest& request)
{
    return {protocol::AttributeWriter::Server, request.principal->name, request.peerText()};
}

template <typename Enum>
Enum readEnum(protocol::JsonReader& reader, QStringView key, std::optional<Enum> fallback,
              std::optional<Enum> (*fromName)(QStringView), const QString& accepted)
{
    const auto text = fallback ? reader.optionalString(key) : reader.requireString(key);
    if (!reader.ok() || !text) {
        return fallback.value_or(Enum{});
    }
    if (const auto value = fromName(*text)) {
        return *value;
    }
    reader.invalid(key, QStringLiteral("is \"%1\"; use one of %2").arg(text->left(40), accepted));
    return Enum{};
}

Result<db::AttributeDefinition> definitionFromBody(const HttpRequest& request)
{
    auto body = jsonBody(request);
    if (!body) {
        return body.error();
    }
    protocol::JsonReader reader(*body);
    db::AttributeDefinition definition;
    definition.name = reader.requireString(u"name", protocol::JsonReader::Text::NonEmpty);
    definition.type = readEnum<protocol::AttributeType>(reader, u"type", std::nullopt,
                                                        protocol::attributeTypeFromName,
                                                        QStringLiteral("string, number, date, "
                                                                       "list"));
    definition.rule = readEnum<protocol::OverwriteRule>(
        reader, u"overwriteRule", protocol::OverwriteRule::Server, protocol::overwriteRuleFromName,
        QStringLiteral("server, device, both"));
    definition.displayName = reader.optionalString(u"displayName").value_or(QString());
    definition.allowedValues =
        reader.optionalStringList(u"allowedValues", protocol::JsonReader::Text::AllowEmpty);
    definition.position = reader.optionalInt(u"position", -1000000, 1000000).value_or(0);
    return reader.finish(std::move(definition));
}

Result<bool> forceParameter(const HttpRequest& request)
{
    const QString force = request.query.queryItemValue(QStringLiteral("force"));
    if (force.isEmpty() || force == QLatin1String("false") || force == QLatin1String("0")) {
        return false;
    }
    if (force == QLatin1String("true") || force == QLatin1String("1")) {
        return true;
    }
    return makeError(ErrorCode::InvalidArgument,
                     QStringLiteral("force is \"%1\"; use true or false").arg(force.left(20)));
}

HttpResponse listDefinitions(AttributeService& attributes)
{
    auto definitions = attributes.definitions();
    if (!definitions) {
        return HttpResponse::error(definitions.error());
    }
    QJsonArray items;
    for (const auto& definition : *definitions) {
        items.append(services::attributeDefinitionJson(definition));
    }
    return HttpResponse::json(200, QJsonObject{{QStringLiteral("items"), items}});
}

HttpResponse createDefinition(AttributeService& attributes, const HttpRequest& request)
{
    auto definition = definitionFromBody(request);
    if (!definition) {
        return HttpResponse::error(definition.error());
    }
    auto created = attributes.define(std::move(*definition), administrator(request));
    if (!created) {
        return HttpResponse::error(created.error());
    }
    auto response = HttpResponse::json(201, services::attributeDefinitionJson(*created));
    response.headers.emplace_back("Location", QByteArray("/api/v1/attributes/")
                                                  + QByteArray::number(created->id));
    return response;
}

HttpResponse updateDefinition(AttributeService& attributes, const HttpRequest& request)
{
    auto id = idParameter(request, QStringLiteral("id"));
    if (!id) {
        return HttpResponse::error(id.error());
    }
    auto definition = definitionFromBody(request);
    if (!definition) {
        return HttpResponse::error(definition.error());
    }
    definition->id = *id;
    auto updated = attributes.redefine(std::move(*definition), administrator(request));
    if (!updated) {
        return HttpResponse::error(updated.error());
    }
    return HttpResponse::json(200, services::attributeDefinitionJson(*updated));
}

HttpResponse deleteDefinition(AttributeService& attributes, const HttpRequest& request)
{
    auto id = idParameter(request, QStringLiteral("id"));
    if (!id) {
        return HttpResponse::error(id.error());
    }
    auto force = forceParameter(request);
    if (!force) {
        return HttpResponse::error(force.error());
    }
    auto removed = attributes.remove(*id, *force, administrator(request));
    if (!removed) {
        return HttpResponse::error(removed.error());
    }
    return HttpResponse::json(
        200, QJsonObject{{QStringLiteral("id"), *id}, {QStringLiteral("valuesRemoved"), *removed}});
}

HttpResponse deviceAttributes(AttributeService& attributes, const HttpRequest& request)
{
    auto id = idParameter(request, QStringLiteral("id"));
    if (!id) {
        return HttpResponse::error(id.error());
    }
    auto entries = attributes.deviceAttributes(*id);
    if (!entries) {
        return HttpResponse::error(entries.error());
    }
    QJsonArray items;
    for (const auto& entry : *entries) {
        items.append(services::attributeEntryJson(entry));
    }
    return HttpResponse::json(200, QJsonObject{{QStringLiteral("items"), items}});
}

HttpResponse writeValue(AttributeService& attributes, const HttpRequest& request, bool set)
{
    auto id = idParameter(request, QStringLiteral("id"));
    if (!id) {
        return HttpResponse::error(id.error());
    }
    std::optional<QString> value;
    if (set) {
        auto body = jsonBody(request);
        if (!body) {
            return HttpResponse::error(body.error());
        }
        protocol::JsonReader reader(*body);
        value = reader.requireString(u"value");
        if (!reader.ok()) {
            return HttpResponse::error(*reader.error());
        }
    }
    auto entry = attributes.write(*id, request.params.value(QStringLiteral("name")), value,
                                  administrator(request));
    if (!entry) {
        return HttpResponse::error(entry.error());
    }
    return HttpResponse::json(200, services::attributeEntryJson(*entry));
}

} // namespace

void addAttributeRoutes(Router& router, AttributeService& attributes)
{
    AttributeService* service = &attributes;
    router.add({HttpMethod::Get, QStringLiteral("/api/v1/attributes"),
                QStringLiteral("List device attribute definitions")},
               [service](const HttpRequest&) { return listDefinitions(*service); });
    router.add({HttpMethod::Post, QStringLiteral("/api/v1/attributes"),
                QStringLiteral("Define a device attribute {\"name\",\"type\",\"overwriteRule\"?,"
                               "\"displayName\"?,\"allowedValues\"?,\"position\"?}")},
               superuserOnly([service](const HttpRequest& request) {
                   return createDefinition(*service, request);
               }));
    router.add({HttpMethod::Put, QStringLiteral("/api/v1/attributes/{id}"),
                QStringLiteral("Change a device attribute definition (same body as POST)")},
               superuserOnly([service](const HttpRequest& request) {
                   return updateDefinition(*service, request);
               }));
    router.add({HttpMethod::Delete, QStringLiteral("/api/v1/attributes/{id}"),
                QStringLiteral("Delete a device attribute definition (?force=true when devices "
                               "hold values)")},
               superuserOnly([service](const HttpRequest& request) {
                   return deleteDefinition(*service, request);
               }));
    router.add(
        {HttpMethod::Get, QStringLiteral("/api/v1/devices/{id}/attributes"),
         QStringLiteral("A device's attributes and values")},
        [service](const HttpRequest& request) { return deviceAttributes(*service, request); });
    router.add({HttpMethod::Put, QStringLiteral("/api/v1/devices/{id}/attributes/{name}"),
                QStringLiteral("Set a device's attribute value {\"value\"}")},
               superuserOnly([service](const HttpRequest& request) {
                   return writeValue(*service, request, true);
               }));
    router.add({HttpMethod::Delete, QStringLiteral("/api/v1/devices/{id}/attributes/{name}"),
                QStringLiteral("Reset (clear) a device's attribute value")},
               superuserOnly([service](const HttpRequest& request) {
                   return writeValue(*service, request, false);
               }));
}

} // namespace steward::server::http
