// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/http/routes/SystemRoutes.h"

#include "server/http/HttpApi.h"
#include "server/services/StatusService.h"

#include <QDateTime>

namespace steward::server::http {
namespace {

QByteArray escapeLabel(const QString& value)
{
    QByteArray text = value.toUtf8();
    text.replace('\\', "\\\\").replace('"', "\\\"").replace('\n', "\\n");
    return text;
}

QByteArray renderMetrics(const HttpApi& api, const services::StatusService& status,
                         const MetricsSources& sources, qint64 startedAt)
{
    QByteArray out;
    const auto metric = [&out](const char* type, const char* name, const char* help, double value) {
        out += QByteArray("# HELP ") + name + ' ' + help + "\n# TYPE " + name + ' ' + type + '\n'
               + name + ' ' + QByteArray::number(value, 'g', 12) + '\n';
    };
    const auto gauge = [&metric](const char* name, const char* help, double value) {
        metric("gauge", name, help, value);
    };
    const auto counter = [&metric](const char* name, const char* help, double value) {
        metric("counter", name, help, value);
    };
    out += "# HELP steward_http_requests_total Requests answered, by route and status.\n"
           "# TYPE steward_http_requests_total counter\n";
    for (const auto& [key, count] : api.requestCounts().byRouteAndStatus) {
        out += "steward_http_requests_total{route=\"" + escapeLabel(key.first) + "\",status=\""
               + QByteArray::number(key.second) + "\"} " + QByteArray::number(count) + '\n';
    }
    gauge("steward_http_request_seconds_sum", "Time spent answering requests.",
          api.requestCounts().totalSeconds);
    gauge("steward_http_connections", "Open HTTP connections.", double(api.openConnections()));
    const HandshakeCounts handshakes = api.handshakeCounts();
    gauge("steward_tls_handshakes_in_progress", "TLS handshakes running now.",
          double(handshakes.inProgress));
    gauge("steward_tls_handshakes_queued", "Accepted connections waiting for a handshake turn.",
          double(handshakes.queued));
    gauge("steward_tls_handshakes_peak", "Most TLS handshakes that ran at once.",
          double(handshakes.peakInProgress));
    counter("steward_tls_handshakes_started_total", "TLS handshakes started.",
            double(handshakes.started));
    counter("steward_tls_handshakes_refused_total",
            "Connections closed unshaken: queue full or waited too long.",
            double(handshakes.refused));
    gauge("steward_device_connections", "Connected devices.",
          sources.deviceConnections ? double(sources.deviceConnections()) : 0.0);
    gauge("steward_console_connections", "Connected consoles.",
          sources.consoleConnections ? double(sources.consoleConnections()) : 0.0);
    gauge("steward_database_latency_seconds", "Round trip of the last database check.",
          sources.databaseLatencySeconds ? sources.databaseLatencySeconds() : 0.0);
    gauge("steward_status", "0 init, 1 ok, 2 warn, 3 err.", double(int(status.health())));
    gauge("steward_uptime_seconds", "Seconds since the server started.",
          double(QDateTime::currentSecsSinceEpoch() - startedAt));
    return out;
}

} // namespace

void addSystemRoutes(HttpApi& api, services::StatusService& status, MetricsSources metrics,
                     const QString& version)
{
    api.router().add(
        {HttpMethod::Get, QStringLiteral("/status"),
         QStringLiteral("Health: init, ok, warn or err, with checks"), false},
        [&status](const HttpRequest&) { return HttpResponse::json(200, status.snapshot()); });
    const qint64 startedAt = QDateTime::currentSecsSinceEpoch();
    api.router().add({HttpMethod::Get, QStringLiteral("/metrics"),
                      QStringLiteral("Prometheus text format"), false},
                     [&api, &status, metrics, startedAt](const HttpRequest&) {
                         return HttpResponse::text(200,
                                                   renderMetrics(api, status, metrics, startedAt),
                                                   "text/plain; version=0.0.4");
                     });
    api.router().add({HttpMethod::Get, QStringLiteral("/api/v1/openapi.json"),
                      QStringLiteral("This document"), true},
                     [&api, version](const HttpRequest&) {
                         return HttpResponse::json(
                             200,
                             api.router().openApi(QStringLiteral("Steward REST API"), version));
                     });
}

} // namespace steward::server::http
