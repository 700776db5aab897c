// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// bench_config_push: one profile change reaching N devices (default 50,000) on a real ServerApp
// with SQLite, while another REST request is timed over and over (docs/benchmarks.md).
//
// The devices are seeded offline into one folder; a profile is assigned to the folder (first
// computation: a row per device) and then changed (every device gets a new revision). Offline
// devices are not signed for (they get their bundle when they connect), so this measures the
// recomputation and the database, and what the server's other work feels meanwhile: GET
// /api/v1/folders/{id} is sent back to back until the push queue is empty.
#include "common/crypto/PasswordHash.h"
#include "server/app/ServerApp.h"
#include "server/db/AdminRepository.h"
#include "server/db/Database.h"
#include "server/db/Migrator.h"
#include "server/services/ServerIdentity.h"
#include "tests/support/server/DeviceSeed.h"
#include "tests/support/server/RestClient.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonObject>
#include <QSqlQuery>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>
#include <vector>

using namespace steward;

namespace {

void prepare(const server::db::DatabaseConfig& config, int devices)
{
    server::db::Database database(config);
    if (!database.open() || !server::db::Migrator(database).apply()) {
        qFatal("cannot prepare the database");
    }
    (void)server::db::AdminRepository(database).insert(
        QStringLiteral("bench"), *crypto::hashPassword(QStringLiteral("bench password"), 1000),
        true, 1);
    if (!test::seedDevices(config, devices)) {
        qFatal("cannot seed the devices");
    }
}

// Puts every device into \a folder (the bench's own shortcut; the server moves them one by one).
void placeAll(const server::db::DatabaseConfig& config, qint64 folder)
{
    server::db::Database database(config);
    if (!database.open()) {
        qFatal("cannot open the database");
    }
    auto query = database.prepare(QStringLiteral("UPDATE devices SET folder_id = ?"));
    query->addBindValue(folder);
    if (!server::db::Database::exec(*query, QStringLiteral("placing the devices"))) {
        qFatal("cannot place the devices");
    }
}

double percentile(std::vector<double> ms, double q)
{
    std::sort(ms.begin(), ms.end());
    return ms.empty() ? 0.0 : ms[size_t(q * double(ms.size() - 1))];
}

// Sends \a change, then GET \a probe back to back until the push queue is empty.
void measure(test::RestClient& rest, const char* what, const std::function<int()>& change,
             const QString& probe)
{
    QElapsedTimer wall;
    wall.start();
    const int status = change();
    const double changeMs = double(wall.nsecsElapsed()) / 1e6;
    std::vector<double> latencies;
    for (;;) {
        QElapsedTimer one;
        one.start();
        const auto reply = rest.get(probe);
        latencies.push_back(double(one.nsecsElapsed()) / 1e6);
        if (reply.status != 200) {
            qFatal("probe failed: %d", reply.status);
        }
        const auto states = rest.get(QStringLiteral("/api/v1/config-states")).json();
        if (states[QStringLiteral("queued")].toInteger() == 0) {
            std::printf("| %s | HTTP %d in %.0f ms | %.2f s | %zu | %.1f | %.1f | %.1f | %.1f | "
                        "pending %lld |\n",
                        what, status, changeMs, double(wall.elapsed()) / 1000.0, latencies.size(),
                        percentile(latencies, 0.5), percentile(latencies, 0.9),
                        percentile(latencies, 0.99), percentile(latencies, 1.0),
                        qint64(states[QStringLiteral("pending")].toInteger()));
            return;
        }
    }
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    const int devices = argc > 1 ? QByteArray(argv[1]).toInt() : 50000;
    QTemporaryDir dir;
    server::ServerSettings settings;
    settings.dataDir = dir.path();
    settings.listenAddress = QHostAddress::LocalHost;
    settings.port = 0;
    settings.onlineCheckInterval = std::chrono::milliseconds(0);
    prepare(settings.databaseConfig(), devices);
    server::ServerApp server(settings);
    if (auto started = server.start(); !started) {
        qFatal("%s", qPrintable(started.error().message));
    }
    test::RestClient rest(server.port(), {server.identity().rootCa().toQSslCertificate()});
    if (rest.login(QStringLiteral("bench"), QStringLiteral("bench password")).status != 200) {
        qFatal("cannot log in");
    }
    const qint64 folder = rest.post(QStringLiteral("/api/v1/folders"),
                                    QJsonObject{{QStringLiteral("name"), QStringLiteral("Fleet")}})
                              .json()[QStringLiteral("id")]
                              .toInteger();
    placeAll(settings.databaseConfig(), folder);
    const qint64 profile =
        rest.post(QStringLiteral("/api/v1/profiles"),
                  QJsonObject{{QStringLiteral("name"), QStringLiteral("Office")},
                              {QStringLiteral("values"),
                               QJsonObject{{QStringLiteral("screen.lock_timeout"), 300}}}})
            .json()[QStringLiteral("id")]
            .toInteger();
    const QString probe = QStringLiteral("/api/v1/folders/%1").arg(folder);
    std::vector<double> idle;
    for (int i = 0; i < 50; ++i) {
        QElapsedTimer one;
        one.start();
        (void)rest.get(probe);
        idle.push_back(double(one.nsecsElapsed()) / 1e6);
    }
    std::printf("%d devices; idle GET %s: p50 %.1f ms, p99 %.1f ms\n", devices, qPrintable(probe),
                percentile(idle, 0.5), percentile(idle, 0.99));
    std::printf("| change | answer | until queue empty | probes | p50 ms | p90 ms | p99 ms | max "
                "ms | states |\n|---|---|---|---|---|---|---|---|---|\n");
    measure(
        rest, "assign to the folder (first computation)",
        [&] {
            return rest
                .post(QStringLiteral("/api/v1/profiles/%1/assignments").arg(profile),
                      QJsonObject{{QStringLiteral("folder"), folder}})
                .status;
        },
        probe);
    measure(
        rest, "change a value (new revision each)",
        [&] {
            return rest
                .patch(QStringLiteral("/api/v1/profiles/%1").arg(profile),
                       QJsonObject{{QStringLiteral("values"),
                                    QJsonObject{{QStringLiteral("screen.lock_timeout"), 120}}}})
                .status;
        },
        probe);
    measure(
        rest, "change nothing effective (no new revision)",
        [&] {
            return rest
                .patch(QStringLiteral("/api/v1/profiles/%1").arg(profile),
                       QJsonObject{{QStringLiteral("description"), QStringLiteral("x")}})
                .status;
        },
        probe);
    return 0;
}
