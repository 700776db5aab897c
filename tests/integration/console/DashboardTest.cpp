// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// The console's dashboard (issue #6) against a real server: the recorded device counts, a real
// agent going online live, the audit log's login, the server status, refusals in plain words.
#include "console/models/DashboardModel.h"
#include "console/models/NavigationModel.h"
#include "console/ui/DashboardPage.h"
#include "console/ui/MainWindow.h"
#include "console/ui/ShadowLauncher.h"
#include "server/app/ServerSettings.h"
#include "server/db/Database.h"
#include "server/db/DeviceCountRepository.h"
#include "server/services/DeviceCountSampler.h"
#include "tests/integration/console/ConsoleRig.h"
#include "tests/support/server/DeviceSeed.h"

#include <QComboBox>
#include <QJsonArray>
#include <QLineSeries>
#include <QTableWidget>
#include <QTreeView>

#include <algorithm>
#include <cstdlib>

using namespace steward;
using namespace steward::console;
using test::DeviceTestServer;
using test::waitUntil;

namespace {

/** The series' points as (epoch ms, count) pairs, for comparing with the REST data. */
std::vector<std::pair<qint64, qint64>> points(const QLineSeries& series)
{
    std::vector<std::pair<qint64, qint64>> out;
    for (const QPointF& point : series.points()) {
        out.emplace_back(qint64(point.x()), qint64(point.y()));
    }
    return out;
}

std::vector<std::pair<qint64, qint64>> expected(const QJsonArray& items, const QString& key)
{
    std::vector<std::pair<qint64, qint64>> out;
    for (const auto& value : items) {
        const QJsonObject item = value.toObject();
        out.emplace_back(
            QDateTime::fromString(item.value(QStringLiteral("at")).toString(), Qt::ISODate)
                .toMSecsSinceEpoch(),
            item.value(key).toInteger());
    }
    return out;
}

qint64 lastY(const QLineSeries& series)
{
    return series.count() == 0 ? -1 : qint64(series.at(series.count() - 1).y());
}

/** A day of earlier samples every 30 minutes (three devices, a working day's online curve),
 *  written with the server's own repository into its database, as the sampler would have. */
void recordDay(const server::db::DatabaseConfig& config)
{
    server::db::Database database(config);
    REQUIRE(database.open().ok());
    server::db::DeviceCountRepository counts(database);
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    for (int i = 0; i < 46; ++i) {
        const qint64 at = now - 23 * 3600 + i * 1800;
        const qint64 online = std::clamp<qint64>(3 - std::abs(i - 24) / 5, 0, 3);
        REQUIRE(counts.record({at, 3, online}).ok());
    }
}

bool hasLogin(const QTableWidget& table, const QString& who)
{
    for (int row = 0; row < table.rowCount(); ++row) {
        if (table.item(row, 1)->text() == who
            && table.item(row, 2)->text() == QStringLiteral("login")
            && table.item(row, 4)->text() == QStringLiteral("ok")) {
            return true;
        }
    }
    return false;
}

} // namespace

TEST_CASE("the dashboard charts the recorded counts and follows an agent and the audit live",
          "[integration][console][dashboard]")
{
    DeviceTestServer server;
    server::ServerSettings settings;
    settings.dataDir = server.dataDir();
    REQUIRE(test::seedDevices(settings.databaseConfig(), 3).ok());
    recordDay(settings.databaseConfig());
    QTemporaryDir agentDir;
    const auto enrolled = test::enrollAgent(server, agentDir.path(), server.createToken(),
                                            QStringLiteral("02:da:5b:0a:4d:01"));
    REQUIRE(enrolled.ok());
    const auto sampled = server.app().deviceCounts().sampleNow();
    REQUIRE(sampled.ok());
    REQUIRE(sampled->total == 4);

    test::Console console;
    console.pin(server);
    QObject owner;
    ui::UnavailableShadowLauncher shadow;
    ui::MainWindow window(console.connect(server, owner), console.settings, shadow);
    window.resize(1200, 800);
    window.show();

    // The dashboard is the tree's top node and the page shown at start.
    CHECK(window.navigationView().currentIndex() == window.navigation().dashboardIndex());
    CHECK(window.currentPage() == &window.dashboard());
    auto& page = window.dashboard();

    // The chart shows exactly what the server recorded, then the current point.
    const auto stats = server.admin().get(QStringLiteral("/api/v1/stats/devices"));
    REQUIRE(stats.status == 200);
    const QJsonArray items = stats.json()[QStringLiteral("items")].toArray();
    REQUIRE(items.size() >= 47); // the day above and the samples since the start
    REQUIRE(waitUntil([&] { return page.totalSeries().count() == items.size() + 1; }));
    for (const auto& [series, key] :
         {std::pair{&page.totalSeries(), QStringLiteral("total")},
          std::pair{&page.onlineSeries(), QStringLiteral("online")},
          std::pair{&page.offlineSeries(), QStringLiteral("offline")}}) {
        INFO(key.toStdString());
        auto shown = points(*series);
        const auto live = shown.back();
        shown.pop_back();
        CHECK(shown == expected(items, key));
        CHECK(live.second == expected(items, key).back().second); // no event yet
    }
    CHECK(lastY(page.totalSeries()) == 4);
    CHECK(lastY(page.onlineSeries()) == 0);

    // The agent comes online: the current point follows from the event, without a refetch.
    auto link = test::linkFor(*enrolled);
    link->start();
    REQUIRE(waitUntil([&] { return lastY(page.onlineSeries()) == 1; }, std::chrono::seconds(30)));
    CHECK(lastY(page.totalSeries()) == 4);
    CHECK(lastY(page.offlineSeries()) == 3);
    CHECK(page.totalSeries().count() == items.size() + 1); // the history was not refetched
    CHECK(page.chartNote() == QStringLiteral("Now: 4 devices, 1 online, 3 offline."));

    // Recent audit: alice's login through this console; the status: ok, with its checks.
    REQUIRE(waitUntil([&] { return hasLogin(page.auditTable(), QStringLiteral("alice")); }));
    CHECK(page.auditTable().rowCount() <= models::DashboardModel::AuditRows);
    REQUIRE(waitUntil([&] { return page.statusText().contains(QStringLiteral(">OK<")); }));

    window.grab().save(QStringLiteral(STEWARD_BINARY_DIR "/console-dashboard.png"));

    // Another range asks the server again; the live point stays current.
    page.rangeBox().setCurrentIndex(1);
    REQUIRE(waitUntil([&] { return page.chartNote().startsWith(QStringLiteral("Now: 4")); }));
    CHECK(lastY(page.onlineSeries()) == 1);

    // The agent goes away: offline, live.
    link.reset();
    REQUIRE(waitUntil([&] { return lastY(page.onlineSeries()) == 0; }, std::chrono::seconds(30)));
    CHECK(lastY(page.offlineSeries()) == 4);
}

TEST_CASE("a dashboard without the rights names them and still shows the status",
          "[integration][console][dashboard]")
{
    DeviceTestServer server;
    const QString password = QStringLiteral("battery staple");
    REQUIRE(server.admin()
                .post(QStringLiteral("/api/v1/admins"),
                      QJsonObject{{QStringLiteral("name"), QStringLiteral("bob")},
                                  {QStringLiteral("password"), password}})
                .status
            == 201);
    test::Console console;
    console.user = QStringLiteral("bob");
    console.pin(server);
    QObject owner;
    ui::UnavailableShadowLauncher shadow;
    ui::MainWindow window(console.connect(server, owner, password), console.settings, shadow);
    window.show();
    auto& page = window.dashboard();
    REQUIRE(waitUntil([&] { return page.chartNote().contains(QStringLiteral("not allowed")); }));
    CHECK(page.chartNote()
          == QStringLiteral("Device counts could not be loaded: not allowed (missing right Read "
                            "on /Devices)."));
    CHECK(page.totalSeries().count() == 0);
    REQUIRE(waitUntil([&] { return page.statusText().contains(QStringLiteral(">OK<")); }));
    // The audit log needs Read on Administration: said so, not an empty list.
    REQUIRE(waitUntil([&] { return page.auditNote().contains(QStringLiteral("not allowed")); }));
    CHECK(page.auditNote()
          == QStringLiteral("The audit log could not be loaded: not allowed (missing right Read "
                            "on /Administration)."));
    CHECK(page.auditTable().rowCount() == 0);
}
