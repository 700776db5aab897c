// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// ShadowRoutes - POST /api/v1/devices/{id}/shadow and the device's shadow policy.
#pragma once

namespace steward::server::services {
class ShadowService;
}

namespace steward::server::http {

class Router;

/**
 * POST /api/v1/devices/{id}/shadow {"path":"direct"|"relay"|"auto"} → 201 with the ticket
 * (docs/protocol/shadow.md); GET and PUT /api/v1/devices/{id}/shadow-policy read and set the
 * device's policy (superuser only; issue #8 moves it into settings profiles).
 */
void addShadowRoutes(Router& router, services::ShadowService& shadow);

} // namespace steward::server::http
