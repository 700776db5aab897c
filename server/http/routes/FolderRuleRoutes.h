// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// FolderRuleRoutes - zero-touch rules over REST (docs/folders.md, "Zero-touch").
#pragma once

namespace steward::server::services {
class AccessService;
class ConfigPushService;
class FolderRuleService;
} // namespace steward::server::services

namespace steward::server::http {

class Router;

/**
 * GET /api/v1/folder-rules (Read on the devices root); POST, PATCH /{id}, DELETE /{id} and
 * POST /api/v1/folder-rules/apply (Write on the devices root). apply moves the devices the
 * rules place elsewhere and schedules their configurations on \a push (?apply=).
 */
void addFolderRuleRoutes(Router& router, services::FolderRuleService& rules,
                         services::AccessService& access, services::ConfigPushService* push);

} // namespace steward::server::http
