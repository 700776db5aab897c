// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// WebCertificateRoutes - /api/v1/web-certificates: the certificates of the web listener.
#pragma once

#include "server/services/ServerIdentity.h"

#include <functional>

namespace steward::server::services {
class AccessService;
class WebCertificateStore;
} // namespace steward::server::services

namespace steward::server::http {

class Router;

/**
 * List, show, host names and affected devices (Read on root:certificates); create, import,
 * renew, distribute-root, assign and delete (Write on root:certificates). \a hostNames gives the
 * names and addresses the server has (ServerIdentity::defaultWebNames). Bodies:
 * docs/certificates.md.
 */
void addWebCertificateRoutes(Router& router, services::WebCertificateStore& store,
                             services::AccessService& access,
                             std::function<services::WebNames()> hostNames);

} // namespace steward::server::http
