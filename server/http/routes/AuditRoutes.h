// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// AuditRoutes - GET /api/v1/audit with filters and paging.
#pragma once

namespace steward::server::services {
class AuditLog;
}

namespace steward::server::http {

class Router;

void addAuditRoutes(Router& router, services::AuditLog& audit, int defaultPageSize,
                    int maxPageSize);

} // namespace steward::server::http
