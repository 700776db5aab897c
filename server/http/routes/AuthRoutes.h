// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// AuthRoutes - POST /api/v1/login and /api/v1/logout.
#pragma once

namespace steward::server::services {
class AuthService;
}

namespace steward::server::http {

class Router;

void addAuthRoutes(Router& router, services::AuthService& auth);

} // namespace steward::server::http
