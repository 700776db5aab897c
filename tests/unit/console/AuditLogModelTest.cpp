// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "console/models/AuditLogModel.h"
#include "tests/support/CatchQt.h"
#include "tests/unit/console/FakeTransport.h"

#include <QJsonArray>
#include <QSignalSpy>
#include <QUrlQuery>

using steward::console::models::AuditLogModel;
using steward::console::models::AuditQuery;
using steward::test::FakeTransport;

namespace {

QJsonObject entry(qint64 id, const QString& action, const QString& outcome = QStringLiteral("ok"))
{
    return QJsonObject{{QStringLiteral("id"), id},
                       {QStringLiteral("at"), QStringLiteral("2026-12-04T09:00:00Z")},
                       {QStringLiteral("actor"), QStringLiteral("alice")},
                       {QStringLiteral("action"), action},
                       {QStringLiteral("object"), QStringLiteral("device:%1").arg(id)},
                       {QStringLiteral("peer"), QStringLiteral("127.0.0.1")},
                       {QStringLiteral("outcome"), outcome},
                       {QStringLiteral("details"), QStringLiteral("a, \"quoted\" detail")}};
}

QJsonObject page(const QJsonArray& items, qint64 total)
{
    return QJsonObject{{QStringLiteral("items"), items}, {QStringLiteral("total"), total}};
}

QUrlQuery queryOf(const FakeTransport& transport)
{
    return QUrlQuery(transport.sent.back().path.section(QLatin1Char('?'), 1));
}

} // namespace

TEST_CASE("the audit log loads page by page with the filters, newest first", "[unit][console]")
{
    FakeTransport transport;
    AuditLogModel model(transport);
    AuditQuery query;
    query.actor = QStringLiteral("alice");
    query.action = QStringLiteral("shadow.start");
    query.outcome = QStringLiteral("denied");
    query.from = 1764838800;
    model.setQuery(query);
    REQUIRE(transport.pending.size() == 1);
    const QUrlQuery sent = queryOf(transport);
    CHECK(sent.queryItemValue(QStringLiteral("actor")) == QStringLiteral("alice"));
    CHECK(sent.queryItemValue(QStringLiteral("action")) == QStringLiteral("shadow.start"));
    CHECK(sent.queryItemValue(QStringLiteral("outcome")) == QStringLiteral("denied"));
    CHECK(sent.queryItemValue(QStringLiteral("from")) == QStringLiteral("1764838800"));
    CHECK(sent.queryItemValue(QStringLiteral("offset")) == QStringLiteral("0"));
    CHECK_FALSE(sent.hasQueryItem(QStringLiteral("object"))); // empty: not a filter
    transport.answer(200, page({entry(9, QStringLiteral("shadow.start"), QStringLiteral("denied")),
                                entry(8, QStringLiteral("shadow.start"), QStringLiteral("denied"))},
                               3));
    REQUIRE(model.rowCount() == 2);
    CHECK(model.index(0, AuditLogModel::Object).data() == QStringLiteral("device:9"));
    CHECK(model.index(0, AuditLogModel::Outcome).data(Qt::ForegroundRole).isValid());
    CHECK(model.canFetchMore({}));
    model.fetchMore({});
    model.fetchMore({}); // one page at a time
    REQUIRE(transport.pending.size() == 1);
    CHECK(queryOf(transport).queryItemValue(QStringLiteral("offset")) == QStringLiteral("2"));
    transport.answer(200, page({entry(5, QStringLiteral("shadow.start"))}, 3));
    CHECK(model.rowCount() == 3);
    CHECK_FALSE(model.canFetchMore({}));
}

TEST_CASE("the audit log puts newer entries on top, and a changed query drops late answers",
          "[unit][console]")
{
    FakeTransport transport;
    AuditLogModel model(transport);
    model.reload();
    transport.answer(
        200, page({entry(2, QStringLiteral("login")), entry(1, QStringLiteral("login"))}, 2));
    model.refresh();
    REQUIRE(transport.pending.size() == 1);
    CHECK(queryOf(transport).queryItemValue(QStringLiteral("offset")) == QStringLiteral("0"));
    transport.answer(200,
                     page({entry(4, QStringLiteral("device.delete")),
                           entry(3, QStringLiteral("login")), entry(2, QStringLiteral("login"))},
                          4));
    REQUIRE(model.rowCount() == 4);
    CHECK(model.entry(0).value(QStringLiteral("id")) == 4);
    CHECK(model.entry(3).value(QStringLiteral("id")) == 1);
    CHECK(model.total() == 4);

    model.refresh();
    AuditQuery other;
    other.action = QStringLiteral("login");
    model.setQuery(other); // the refresh's answer comes too late
    transport.answer(200, page({entry(9, QStringLiteral("device.delete"))}, 9));
    CHECK(model.rowCount() == 0);
    transport.answer(200, page({entry(3, QStringLiteral("login"))}, 1));
    CHECK(model.rowCount() == 1);
}

TEST_CASE("the audit log exports CSV with quoting, and passes refusals on", "[unit][console]")
{
    FakeTransport transport;
    AuditLogModel model(transport);
    QSignalSpy failed(&model, &AuditLogModel::loadFailed);
    model.reload();
    transport.answer(200, page({entry(1, QStringLiteral("login"))}, 1));
    const QByteArray csv = model.toCsv();
    CHECK(csv.startsWith("Time,Who,Action,Object,Outcome,From,Details\r\n"));
    CHECK(csv.contains("2026-12-04T09:00:00Z,alice,login,device:1,ok,127.0.0.1,"
                       "\"a, \"\"quoted\"\" detail\"\r\n"));
    model.reload();
    transport.answer(
        403, QJsonObject{{QStringLiteral("error"),
                          QJsonObject{{QStringLiteral("code"), QStringLiteral("forbidden")},
                                      {QStringLiteral("message"),
                                       QStringLiteral("missing right Read on /Administration")}}}});
    REQUIRE(failed.size() == 1);
    CHECK(failed.first().first().toString()
          == QStringLiteral("missing right Read on /Administration"));
}
