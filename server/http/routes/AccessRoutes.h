// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// AccessRoutes - /api/v1/groups (and members) and /api/v1/permissions (entries, explainer).
#pragma once

namespace steward::server::db {
class AccessRepository;
class AdminRepository;
} // namespace steward::server::db
namespace steward::server::services {
class AccessService;
class EventHub;
} // namespace steward::server::services

namespace steward::server::http {

class Router;

struct AccessRouteContext {
    services::AccessService& access;
    db::AccessRepository& repository;
    db::AdminRepository& admins;
    services::EventHub& events;
    int defaultPageSize = 100;
    int maxPageSize = 1000;
};

/**
 * Groups are read with Read and changed with Write on root:administration. Entries on a node
 * are read and replaced with AccessControl on that node. The explainer answers administrators
 * about themselves on any node where they have a right, and about anyone with AccessControl.
 */
void addGroupRoutes(Router& router, const AccessRouteContext& context);
void addPermissionRoutes(Router& router, const AccessRouteContext& context);

} // namespace steward::server::http
