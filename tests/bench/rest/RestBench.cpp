// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// bench_rest - login and list-page throughput of a real steward-server process on loopback.
#include "common/crypto/PasswordHash.h"
#include "common/tls/TlsConfig.h"
#include "server/db/AdminRepository.h"
#include "server/db/Database.h"
#include "server/db/Migrator.h"
#include "server/db/Transaction.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <vector>

namespace {

using namespace steward;

void seed(const QString& dataDir, int admins)
{
    server::db::DatabaseConfig config;
    config.sqliteFile = dataDir + QStringLiteral("/steward.sqlite");
    server::db::Database database(config);
    if (!database.open() || !server::db::Migrator(database).apply()) {
        qFatal("cannot prepare the database");
    }
    // The benchmark account uses the production hash cost: that is what a login costs.
    server::db::AdminRepository repository(database);
    (void)repository.insert(QStringLiteral("bench"),
                            *crypto::hashPassword(QStringLiteral("bench password")), true, 1);
    const QString cheap = *crypto::hashPassword(QStringLiteral("x"), 1000);
    server::db::Transaction tx(database);
    for (int i = 0; i < admins; ++i) {
        (void)repository.insert(QStringLiteral("admin%1").arg(i), cheap, false, 1);
    }
    (void)tx.commit();
}

struct Stats {
    std::vector<double> ms;
    double seconds = 0;
    void print(const char* what) const
    {
        auto sorted = ms;
        std::sort(sorted.begin(), sorted.end());
        const auto at = [&](double q) {
            return sorted.empty() ? 0.0 : sorted[size_t(q * double(sorted.size() - 1))];
        };
        std::printf("| %s | %zu | %.2f | %.1f | %.2f | %.2f | %.2f |\n", what, sorted.size(),
                    seconds, double(sorted.size()) / seconds, at(0.5), at(0.9), at(0.99));
    }
};

// Keeps \a concurrency requests in flight until \a total are answered.
Stats run(int total, int concurrency, const std::function<QNetworkReply*()>& send)
{
    Stats stats;
    QElapsedTimer wall;
    wall.start();
    int started = 0;
    int finished = 0;
    QEventLoop loop;
    std::function<void()> next = [&] {
        if (started >= total) {
            return;
        }
        ++started;
        QElapsedTimer* timer = new QElapsedTimer;
        timer->start();
        QNetworkReply* reply = send();
        QObject::connect(reply, &QNetworkReply::finished, [&, reply, timer] {
            if (reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() != 200) {
                std::fprintf(stderr, "unexpected answer: %s\n", reply->readAll().constData());
            }
            stats.ms.push_back(double(timer->nsecsElapsed()) / 1e6);
            delete timer;
            reply->deleteLater();
            if (++finished == total) {
                loop.quit();
            } else {
                next();
            }
        });
    };
    for (int i = 0; i < concurrency; ++i) {
        next();
    }
    loop.exec();
    stats.seconds = double(wall.nsecsElapsed()) / 1e9;
    return stats;
}

} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOption({QStringLiteral("admins"), QStringLiteral("Rows to page through."),
                      QStringLiteral("N"), QStringLiteral("10000")});
    parser.addOption({QStringLiteral("logins"), QStringLiteral("Logins to time."),
                      QStringLiteral("N"), QStringLiteral("40")});
    parser.addOption({QStringLiteral("pages"), QStringLiteral("Pages to fetch."),
                      QStringLiteral("N"), QStringLiteral("4000")});
    parser.addOption({QStringLiteral("concurrency"), QStringLiteral("Requests in flight."),
                      QStringLiteral("N"), QStringLiteral("6")});
    parser.addOption(
        {QStringLiteral("server"), QStringLiteral("steward-server binary."), QStringLiteral("PATH"),
         QCoreApplication::applicationDirPath() + QStringLiteral("/../../server/steward-server")});
    parser.process(app);
    const int admins = parser.value(QStringLiteral("admins")).toInt();
    const int concurrency = parser.value(QStringLiteral("concurrency")).toInt();

    QTemporaryDir dir;
    seed(dir.path(), admins);
    QProcess server;
    const QString logPath = dir.filePath(QStringLiteral("server.log"));
    server.setStandardErrorFile(logPath); // a file never blocks the server, a full pipe would
    server.start(parser.value(QStringLiteral("server")),
                 {QStringLiteral("--data-dir"), dir.path(), QStringLiteral("--listen"),
                  QStringLiteral("127.0.0.1:0")});
    quint16 port = 0;
    const QRegularExpression listening(QStringLiteral("listening address=\\S+ port=(\\d+)"));
    QElapsedTimer waited;
    waited.start();
    while (port == 0 && waited.elapsed() < 60000 && server.state() != QProcess::NotRunning) {
        server.waitForFinished(100); // a bounded wait for the log line; the bench is not a test
        QFile log(logPath);
        if (log.open(QIODevice::ReadOnly)) {
            const auto match = listening.match(QString::fromUtf8(log.readAll()));
            port = match.hasMatch() ? quint16(match.captured(1).toUInt()) : 0;
        }
    }
    if (port == 0) {
        std::fprintf(stderr, "the server did not start; see %s\n", qPrintable(logPath));
        return 1;
    }
    QFile caFile(dir.filePath(QStringLiteral("pki/root-ca.crt")));
    if (!caFile.open(QIODevice::ReadOnly)) {
        return 1;
    }
    const auto tls = tls::clientConfiguration({QSslCertificate(caFile.readAll())});
    QNetworkAccessManager network;
    const auto request = [&](const QString& path) {
        QNetworkRequest r(QUrl(QStringLiteral("https://localhost:%1%2").arg(port).arg(path)));
        r.setSslConfiguration(tls);
        r.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
        return r;
    };
    const QByteArray credentials = R"({"user":"bench","password":"bench password"})";
    QByteArray token;
    const auto logins = run(parser.value(QStringLiteral("logins")).toInt(), 1, [&] {
        auto* reply = network.post(request(QStringLiteral("/api/v1/login")), credentials);
        QObject::connect(reply, &QNetworkReply::finished, reply, [&token, reply] {
            token = QJsonDocument::fromJson(reply->peek(4096))
                        .object()[QStringLiteral("token")]
                        .toString()
                        .toLatin1();
        });
        return reply;
    });
    const auto pages = run(parser.value(QStringLiteral("pages")).toInt(), concurrency, [&] {
        const int offset = int(QRandomGenerator::global()->bounded(admins));
        auto r = request(QStringLiteral("/api/v1/admins?limit=100&offset=%1").arg(offset));
        r.setRawHeader("Authorization", "Bearer " + token);
        return network.get(r);
    });
    std::printf("| request | count | seconds | per second | p50 ms | p90 ms | p99 ms "
                "|\n|---|---|---|---|---|---|---|\n");
    logins.print("POST /api/v1/login (PBKDF2-SHA256, 600,000 iterations), 1 in flight");
    pages.print(qPrintable(QStringLiteral("GET /api/v1/admins?limit=100 over %1 rows, %2 in flight")
                               .arg(admins)
                               .arg(concurrency)));
    server.terminate();
    server.waitForFinished(10000);
    return 0;
}
