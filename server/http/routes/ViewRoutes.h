// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// ViewRoutes - /api/v1/views: saved device selections, their devices, and profiles on them.
#pragma once

#include <QtGlobal>

#include <functional>

namespace steward::server::services {
class AccessService;
class ConfigPushService;
class ProfileService;
class ViewMembership;
class ViewService;
} // namespace steward::server::services

namespace steward::server::http {

class Router;

struct ViewRouteContext {
    services::ViewService& views;
    services::ViewMembership& membership;
    services::ProfileService& profiles;
    services::AccessService& access;
    services::ConfigPushService* push; // changes reaching devices schedule them here
    std::function<bool(qint64)> isOnline;
    int defaultPageSize;
    int maxPageSize;
};

/**
 * GET    /api/v1/views                  lists the views with Browse
 * POST   /api/v1/views                  Write on root:views
 * GET    /api/v1/views/{id}             Read on view:ID
 * PATCH  /api/v1/views/{id}             Write on view:ID (reaches its devices if it has profiles)
 * DELETE /api/v1/views/{id}             Write on view:ID
 * GET    /api/v1/views/{id}/devices     Read on view:ID; paged; only devices with Browse
 * DELETE /api/v1/profiles/{id}/view-assignments/{assignment}   Assign on the profile
 */
void addViewRoutes(Router& router, const ViewRouteContext& context);

} // namespace steward::server::http
