// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// CaRoutes - /api/v1/certificate-authorities: the CA rollover.
#pragma once

namespace steward::server::services {
class AccessService;
class CaRollover;
} // namespace steward::server::services

namespace steward::server::http {

class Router;

/**
 * GET the authorities and their affected devices (Read on root:certificates); renew the root or
 * the device CA, activate the renewed root and retire the old ones (Write on
 * root:certificates). docs/certificates.md, "CA rollover".
 */
void addCaRoutes(Router& router, services::CaRollover& rollover, services::AccessService& access);

} // namespace steward::server::http
