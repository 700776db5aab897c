// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// SystemRoutes - GET /status, /metrics and /api/v1/openapi.json.
#pragma once

#include <QString>

#include <functional>

namespace steward::server::services {
class StatusService;
}

namespace steward::server::http {

class HttpApi;

/** Figures for /metrics that live outside the HTTP layer. */
struct MetricsSources {
    std::function<double()> databaseLatencySeconds; // last ping round trip
    std::function<quint64()> deviceConnections;
    std::function<quint64()> consoleConnections;
};

void addSystemRoutes(HttpApi& api, services::StatusService& status, MetricsSources metrics,
                     const QString& version);

} // namespace steward::server::http
