// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// DeviceRoutes - /api/v1/enrollment-tokens, /api/v1/enroll and /api/v1/devices.
#pragma once

#include "common/core/Result.h"
#include "server/db/records/Device.h"
#include "server/services/Clock.h"

#include <QtGlobal>

#include <functional>
#include <optional>

namespace steward::server::db {
class DeviceRepository;
class EnrollmentTokenRepository;
class FolderRepository;
} // namespace steward::server::db
namespace steward::server::services {
class AccessService;
class AuditLog;
class EnrollmentService;
class EventHub;
class ServerIdentity;
} // namespace steward::server::services

namespace steward::server::http {

class Router;

struct DeviceRouteContext {
    db::DeviceRepository& devices;
    db::EnrollmentTokenRepository& tokens;
    services::EnrollmentService& enrollment;
    const services::ServerIdentity& identity;
    services::AuditLog& audit;
    services::EventHub& events;
    services::Clock clock;
    std::function<bool(qint64)> isOnline; // whether a device has a live channel
    int defaultPageSize = 100;
    int maxPageSize = 1000;
    /** The UDP online check's verdict (docs/discovery.md); unset: no "reachable" field. */
    std::function<std::optional<bool>(qint64)> isReachable = {};
    db::FolderRepository* folders = nullptr;   // resolves a token's folder path; set by ServerApp
    services::AccessService* access = nullptr; // required
};

/**
 * POST /api/v1/enroll is the one route without a bearer token: the enrolment token in its body
 * is the credential. Enrolment tokens need Write (create) or Read (list) on root:devices; the
 * device list shows the devices the administrator may browse, and reading one needs Read on it.
 */
void addDeviceRoutes(Router& router, const DeviceRouteContext& context);

struct HttpRequest;

/**
 * The device the route's {id} names; NotFound (404) when there is none, Conflict (409) when it
 * is in the recycle bin.
 */
[[nodiscard]] Result<db::Device> deviceFromPath(const db::DeviceRepository& devices,
                                                const HttpRequest& request);

} // namespace steward::server::http
