// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// AdminRoutes - /api/v1/admins: list, read, create, change password.
#pragma once

namespace steward::server::db {
class AdminRepository;
}
namespace steward::server::services {
class AuthService;
class EventHub;
} // namespace steward::server::services

namespace steward::server::http {

class Router;

struct AdminRouteLimits {
    int defaultPageSize = 100;
    int maxPageSize = 1000;
};

void addAdminRoutes(Router& router, db::AdminRepository& admins, services::AuthService& auth,
                    services::EventHub& events, AdminRouteLimits limits);

} // namespace steward::server::http
