// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// FileRoutes - /api/v1/files (the file store, docs/files.md) and the devices' download route.
#pragma once

#include "common/core/Result.h"

#include <functional>

namespace steward::server::services {
class AccessService;
class FileService;
} // namespace steward::server::services

namespace steward::server::http {

class Router;
struct HttpRequest;

/** Empty when the request's TLS client certificate is an enrolled device's (mutual TLS). */
using DeviceAdmission = std::function<Result<void>(const HttpRequest&)>;

/**
 * Any administrator with Read on the Profiles root lists and reads files; uploads and deletions
 * need Write there. GET /device/v1/files/{name} is for devices only: no administrator token,
 * the device's client certificate instead; the answer carries X-Steward-Sha256.
 */
void addFileRoutes(Router& router, services::FileService& files, services::AccessService& access,
                   DeviceAdmission admitDevice);

} // namespace steward::server::http
