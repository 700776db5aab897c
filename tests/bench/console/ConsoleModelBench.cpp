// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// bench_console_model - first paint and scrolling of the console's device list over a real
// steward-server process holding N devices (100,000 by default), offscreen.
#include "common/crypto/PasswordHash.h"
#include "console/models/DeviceListModel.h"
#include "console/net/ApiClient.h"
#include "server/db/AdminRepository.h"
#include "server/db/Database.h"
#include "server/db/Migrator.h"
#include "tests/support/server/DeviceSeed.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QFile>
#include <QHeaderView>
#include <QProcess>
#include <QRegularExpression>
#include <QScrollBar>
#include <QTableView>
#include <QTemporaryDir>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <functional>
#include <vector>

namespace {

using namespace steward;

/** Runs the event loop until done() or the timeout; false on timeout. */
bool pump(const std::function<bool()>& done, int timeoutMs)
{
    QElapsedTimer waited;
    waited.start();
    while (!done()) {
        if (waited.elapsed() > timeoutMs) {
            return false;
        }
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 20);
    }
    return true;
}

double percentile(std::vector<double> values, double q)
{
    if (values.empty()) {
        return 0;
    }
    std::sort(values.begin(), values.end());
    return values[size_t(q * double(values.size() - 1))];
}

} // namespace

int main(int argc, char* argv[])
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) {
        qputenv("QT_QPA_PLATFORM", "offscreen");
    }
    QApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOptions({
        {QStringLiteral("devices"), QStringLiteral("Devices to seed."), QStringLiteral("N"),
         QStringLiteral("100000")},
        {QStringLiteral("page"), QStringLiteral("Rows per page request."), QStringLiteral("N"),
         QStringLiteral("200")},
        {QStringLiteral("server"), QStringLiteral("steward-server binary."), QStringLiteral("PATH"),
         QStringLiteral(STEWARD_SERVER_PROGRAM)},
    });
    parser.process(app);
    const int count = parser.value(QStringLiteral("devices")).toInt();

    QTemporaryDir dir;
    server::db::DatabaseConfig config;
    config.sqliteFile = dir.filePath(QStringLiteral("steward.sqlite"));
    {
        server::db::Database database(config);
        if (!database.open() || !server::db::Migrator(database).apply()) {
            qFatal("cannot prepare the database");
        }
        (void)server::db::AdminRepository(database).insert(
            QStringLiteral("bench"), *crypto::hashPassword(QStringLiteral("bench password"), 1000),
            true, 1);
    }
    QElapsedTimer seeding;
    seeding.start();
    if (auto seeded = test::seedDevices(config, count); !seeded) {
        std::fprintf(stderr, "seeding failed: %s\n", qPrintable(seeded.error().message));
        return 1;
    }
    std::printf("seeded %d devices through DeviceRepository in %.1f s\n", count,
                double(seeding.elapsed()) / 1000.0);

    QProcess server;
    const QString logPath = dir.filePath(QStringLiteral("server.log"));
    server.setStandardErrorFile(logPath);
    server.start(parser.value(QStringLiteral("server")),
                 {QStringLiteral("--data-dir"), dir.path(), QStringLiteral("--listen"),
                  QStringLiteral("127.0.0.1:0")});
    quint16 port = 0;
    const QRegularExpression ready(QStringLiteral("ready port=(\\d+)"));
    pump(
        [&] {
            QFile log(logPath);
            if (log.open(QIODevice::ReadOnly)) {
                const auto match = ready.match(QString::fromUtf8(log.readAll()));
                port = match.hasMatch() ? quint16(match.captured(1).toUInt()) : 0;
            }
            return port != 0 || server.state() == QProcess::NotRunning;
        },
        120'000);
    if (port == 0) {
        std::fprintf(stderr, "the server did not start; see %s\n", qPrintable(logPath));
        return 1;
    }
    QFile web(dir.filePath(QStringLiteral("pki/web.crt")));
    if (!web.open(QIODevice::ReadOnly)) {
        return 1;
    }
    console::net::ApiClient api;
    api.setServer(QUrl(QStringLiteral("https://localhost:%1").arg(port)));
    api.setPinnedCertificate(QSslCertificate(web.readAll()));
    bool loggedIn = false;
    api.send({"POST", QStringLiteral("/api/v1/login"),
              QJsonObject{{QStringLiteral("user"), QStringLiteral("bench")},
                          {QStringLiteral("password"), QStringLiteral("bench password")}}},
             &api, [&](const console::net::ApiReply& reply) {
                 api.setToken(reply.object().value(QStringLiteral("token")).toString().toLatin1());
                 loggedIn = reply.ok();
             });
    if (!pump([&] { return loggedIn; }, 30'000)) {
        std::fprintf(stderr, "login failed\n");
        return 1;
    }

    // A UI-thread stall shows up as a late tick of a 10 ms timer.
    QElapsedTimer sinceTick;
    qint64 worstStall = 0;
    QTimer ticker;
    ticker.setInterval(10);
    QObject::connect(&ticker, &QTimer::timeout,
                     [&] { worstStall = std::max(worstStall, sinceTick.restart() - 10); });

    console::models::DeviceListModel model(api);
    model.setPageSize(parser.value(QStringLiteral("page")).toInt());
    std::vector<double> fetchMs;
    QObject::connect(&model, &console::models::DeviceListModel::pageLoaded,
                     [&](int, qint64 ms) { fetchMs.push_back(double(ms)); });
    QTableView view;
    view.verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    view.resize(1200, 800);

    QElapsedTimer firstPaint;
    firstPaint.start();
    view.setModel(&model);
    view.show();
    model.reload();
    if (!pump([&] { return model.rowCount() > 0; }, 30'000)) {
        std::fprintf(stderr, "no first page\n");
        return 1;
    }
    view.viewport()->repaint();
    const qint64 firstPaintMs = firstPaint.elapsed();
    std::printf("first paint: %lld ms (first page %d rows of %lld)\n",
                static_cast<long long>(firstPaintMs), model.rowCount(),
                static_cast<long long>(model.total()));

    // Scroll to the end the way a user holding End does: the view asks for more itself.
    sinceTick.start();
    ticker.start();
    QElapsedTimer scrolling;
    scrolling.start();
    std::vector<double> paintMs;
    while (model.canFetchMore({})) {
        const int before = model.rowCount();
        view.scrollToBottom(); // QAbstractItemView calls fetchMore() at the bottom
        if (!pump([&] { return model.rowCount() > before; }, 30'000)) {
            std::fprintf(stderr, "stalled at row %d\n", before);
            return 1;
        }
        QElapsedTimer paint;
        paint.start();
        view.viewport()->repaint();
        paintMs.push_back(double(paint.elapsed()));
    }
    ticker.stop();
    std::printf("scrolled to row %d in %.2f s: %zu page fetches, per fetch median %.1f ms, "
                "p95 %.1f ms, max %.1f ms; repaint max %.1f ms; worst UI stall %lld ms\n",
                model.rowCount(), double(scrolling.elapsed()) / 1000.0, fetchMs.size(),
                percentile(fetchMs, 0.5), percentile(fetchMs, 0.95), percentile(fetchMs, 1.0),
                percentile(paintMs, 1.0), static_cast<long long>(worstStall));
    server.terminate();
    server.waitForFinished(10'000);
    return firstPaintMs <= 1000 ? 0 : 2;
}
