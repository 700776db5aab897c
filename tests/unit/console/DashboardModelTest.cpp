// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// DashboardModel against a fake transport: the live point, stale answers, errors in words.
#include "console/models/DashboardModel.h"
#include "tests/support/CatchQt.h"
#include "tests/unit/console/FakeTransport.h"

#include <QJsonArray>
#include <QUrlQuery>

using namespace steward;
using steward::console::models::CountSample;
using steward::console::models::DashboardModel;

namespace {

QJsonObject sample(const QDateTime& at, qint64 total, qint64 online)
{
    return {{QStringLiteral("at"), at.toString(Qt::ISODate)},
            {QStringLiteral("total"), total},
            {QStringLiteral("online"), online},
            {QStringLiteral("offline"), total - online}};
}

QJsonObject stats(const QJsonArray& items)
{
    return {{QStringLiteral("items"), items}, {QStringLiteral("intervalSeconds"), 300}};
}

protocol::ObjectEvent deviceEvent(const QString& event, qint64 id)
{
    return {event, QStringLiteral("device"), id, std::nullopt};
}

QJsonObject failure(const QString& message)
{
    return {{QStringLiteral("error"), QJsonObject{{QStringLiteral("message"), message}}}};
}

} // namespace

TEST_CASE("the dashboard's current point follows device events from the newest sample",
          "[unit][console][dashboard]")
{
    test::FakeTransport transport;
    DashboardModel model(transport);
    model.start();
    REQUIRE(transport.pending.size() == 3);
    CHECK(transport.sent[0].path.startsWith(QStringLiteral("/api/v1/stats/devices?since=")));
    CHECK(transport.sent[1].path == QStringLiteral("/api/v1/audit?offset=0&limit=20"));
    CHECK(transport.sent[2].path == QStringLiteral("/status"));
    const qint64 since = QUrlQuery(transport.sent[0].path.section(QLatin1Char('?'), 1))
                             .queryItemValue(QStringLiteral("since"))
                             .toLongLong();
    CHECK(std::abs(QDateTime::currentSecsSinceEpoch() - 24 * 3600 - since) < 60);

    const QDateTime now =
        QDateTime::fromSecsSinceEpoch(QDateTime::currentSecsSinceEpoch() - 1, Qt::UTC);
    transport.answer(200, stats({sample(now.addSecs(-600), 8, 2), sample(now, 10, 4)}));
    REQUIRE(model.history().size() == 2);
    CHECK(model.history().back() == CountSample{now, 10, 4, 6});
    CHECK(model.live().total == 10);
    CHECK(model.live().online == 4);

    model.applyEvent(deviceEvent(QStringLiteral("online"), 7));
    model.applyEvent(deviceEvent(QStringLiteral("online"), 7)); // told twice: counted once
    CHECK(model.live().online == 5);
    CHECK(model.live().offline == 5);
    model.applyEvent(deviceEvent(QStringLiteral("created"), 11));
    CHECK(model.live().total == 11);
    CHECK(model.live().offline == 6);
    model.applyEvent(deviceEvent(QStringLiteral("deleted"), 7)); // was online
    CHECK(model.live().total == 10);
    CHECK(model.live().online == 4);
    model.applyEvent({QStringLiteral("created"), QStringLiteral("folder"), 3, std::nullopt});
    CHECK(model.live().total == 10);
    model.applyEvent(deviceEvent(QStringLiteral("offline"), 9));
    CHECK(model.live().online == 3);

    // A newer sample already holds those events: they are not counted twice.
    model.reloadHistory();
    transport.answer(200, QJsonObject{}); // the audit from start()
    transport.answer(200, QJsonObject{{QStringLiteral("status"), QStringLiteral("ok")}});
    REQUIRE(transport.pending.size() == 1);
    transport.answer(200, stats({sample(now.addSecs(5), 12, 1)}));
    CHECK(model.live().total == 12);
    CHECK(model.live().online == 1);
    CHECK(model.status() == QStringLiteral("ok"));

    // After a reconnect the events since the sample are unknown: start again from a new one.
    model.reloadHistory();
    transport.answer(200, stats({sample(now.addSecs(-1), 12, 1)}));
    model.applyEvent(deviceEvent(QStringLiteral("online"), 21));
    CHECK(model.live().online == 2);
    model.resync();
    REQUIRE(transport.pending.size() == 3);
    transport.answer(200, stats({sample(now.addSecs(-1), 12, 1)})); // still before the event
    CHECK(model.live().online == 1);
}

TEST_CASE("the dashboard ignores a stale range's answer and says why a part failed",
          "[unit][console][dashboard]")
{
    test::FakeTransport transport;
    DashboardModel model(transport);
    model.setRange(DashboardModel::Range::Week);
    model.setRange(DashboardModel::Range::Month);
    REQUIRE(transport.pending.size() == 2);
    const QDateTime now =
        QDateTime::fromSecsSinceEpoch(QDateTime::currentSecsSinceEpoch(), Qt::UTC);
    transport.answer(200, stats({sample(now, 1, 1)})); // the week's: stale
    CHECK(model.history().empty());
    transport.answer(200, stats({sample(now, 2, 0)}));
    REQUIRE(model.history().size() == 1);
    CHECK(model.history().front().total == 2);

    model.reloadHistory();
    transport.answer(403, failure(QStringLiteral("missing right Read on /Devices")));
    CHECK(model.historyError()
          == QStringLiteral(
              "Device counts could not be loaded: not allowed (missing right Read on /Devices)."));
    model.reloadAudit();
    transport.answer(0, failure(QStringLiteral("cannot reach the server: Connection refused")));
    CHECK(model.auditError()
          == QStringLiteral("The audit log could not be loaded: the server is unreachable "
                            "(cannot reach the server: Connection refused)."));
    model.reloadStatus();
    transport.answer(
        503, QJsonObject{{QStringLiteral("status"), QStringLiteral("err")},
                         {QStringLiteral("checks"),
                          QJsonArray{QJsonObject{{QStringLiteral("name"), QStringLiteral("db")},
                                                 {QStringLiteral("status"), QStringLiteral("err")},
                                                 {QStringLiteral("message"),
                                                  QStringLiteral("database unreachable")}}}}});
    CHECK(model.statusError().isEmpty());
    CHECK(model.status() == QStringLiteral("err"));
    REQUIRE(model.checks().size() == 1);
    CHECK(model.checks().front().message == QStringLiteral("database unreachable"));
}
