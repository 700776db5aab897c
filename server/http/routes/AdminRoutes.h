// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// AdminRoutes - /api/v1/admins: list, read, create, change password.
#pragma once

namespace steward::server::db {
class AdminRepository;
}
namespace steward::server::services {
class AccessService;
class AuthService;
class EventHub;
} // namespace steward::server::services

namespace steward::server::http {

class Router;

struct AdminRouteLimits {
    int defaultPageSize = 100;
    int maxPageSize = 1000;
};

/**
 * Reading needs Read and changing needs Write on root:administration; everyone may read their
 * own account and set their own password. Only a superuser creates a superuser or sets a
 * superuser's password.
 */
void addAdminRoutes(Router& router, db::AdminRepository& admins, services::AuthService& auth,
                    services::EventHub& events, services::AccessService& access,
                    AdminRouteLimits limits);

} // namespace steward::server::http
