// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// CertificateRoutes - /api/v1/certificates: the device-communication certificate store.
#pragma once

namespace steward::server::services {
class AccessService;
class CertificateStore;
} // namespace steward::server::services

namespace steward::server::http {

class Router;

/**
 * List (Browse), show and export a certificate (Read on certificate:ID), export the key pair
 * (ExportKeys), generate and import (Write on root:certificates), delete, move and
 * (de)activate (Write on certificate:ID). Request bodies are in docs/certificates.md.
 */
void addCertificateRoutes(Router& router, services::CertificateStore& store,
                          services::AccessService& access);

} // namespace steward::server::http
