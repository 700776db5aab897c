// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// AuditRoutes - GET /api/v1/audit with filters and paging.
#pragma once

namespace steward::server::services {
class AccessService;
class AuditLog;
} // namespace steward::server::services

namespace steward::server::http {

class Router;

/** Reading the audit log needs Read on root:administration. */
void addAuditRoutes(Router& router, services::AuditLog& audit, services::AccessService& access,
                    int defaultPageSize, int maxPageSize);

} // namespace steward::server::http
