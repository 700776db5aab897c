// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "console/models/ScanModel.h"
#include "tests/support/CatchQt.h"
#include "tests/unit/console/FakeTransport.h"

#include <QJsonArray>
#include <QSignalSpy>

using steward::console::models::ScanModel;
using steward::test::FakeTransport;

namespace {

QJsonObject result(int n, bool enrolled, const QJsonValue& offer = QJsonValue::Null)
{
    return QJsonObject{{QStringLiteral("n"), n},
                       {QStringLiteral("address"), QStringLiteral("10.0.0.%1").arg(n)},
                       {QStringLiteral("port"), 30005},
                       {QStringLiteral("unitId"), QStringLiteral("02:00:00:00:00:0%1").arg(n)},
                       {QStringLiteral("hostname"), QStringLiteral("tc-%1").arg(n)},
                       {QStringLiteral("agentVersion"), QStringLiteral("0.9.0")},
                       {QStringLiteral("enrolled"), enrolled},
                       {QStringLiteral("knownDeviceId"),
                        enrolled ? QJsonValue(40 + n) : QJsonValue(QJsonValue::Null)},
                       {QStringLiteral("offer"), offer}};
}

QJsonObject scan(const QString& state, const QJsonArray& results)
{
    return QJsonObject{{QStringLiteral("id"), 7},
                       {QStringLiteral("state"), state},
                       {QStringLiteral("probes"), 254},
                       {QStringLiteral("results"), results}};
}

QString status(const ScanModel& model, int row)
{
    return model.index(row, ScanModel::Status).data().toString();
}

} // namespace

TEST_CASE("a scan is started, followed while it runs, and stops polling when it finishes",
          "[unit][console]")
{
    FakeTransport transport;
    ScanModel model(transport);
    CHECK(model.statusText().contains(QStringLiteral("broadcast")));
    model.start(QStringLiteral(" 10.0.0.0/24 "), 30006);
    CHECK(model.state() == ScanModel::State::Starting);
    REQUIRE(transport.pending.size() == 1);
    CHECK(transport.sent.back().method == "POST");
    CHECK(transport.sent.back().path == QStringLiteral("/api/v1/scans"));
    CHECK(transport.sent.back().body
          == QJsonObject{{QStringLiteral("range"), QStringLiteral("10.0.0.0/24")},
                         {QStringLiteral("port"), 30006}});
    transport.answer(201, scan(QStringLiteral("running"), {result(1, false)}));
    CHECK(model.state() == ScanModel::State::Running);
    CHECK(model.isBusy());
    CHECK(model.isPolling());
    REQUIRE(model.rowCount() == 1);
    CHECK(model.index(0, ScanModel::Address).data() == QStringLiteral("10.0.0.1:30005"));
    CHECK(status(model, 0) == QStringLiteral("Not enrolled"));
    CHECK(model.statusText() == QStringLiteral("Probed 254 addresses; 1 agent answered so far."));

    model.poll();
    model.poll(); // one request at a time
    REQUIRE(transport.pending.size() == 1);
    CHECK(transport.sent.back().path == QStringLiteral("/api/v1/scans/7"));
    transport.answer(200, scan(QStringLiteral("finished"), {result(1, false), result(2, true)}));
    CHECK(model.state() == ScanModel::State::Finished);
    CHECK_FALSE(model.isPolling());
    REQUIRE(model.rowCount() == 2);
    CHECK(status(model, 1) == QStringLiteral("Enrolled here (device 42)"));
    CHECK(model.canRegister(0));
    CHECK_FALSE(model.canRegister(1)); // enrolled already
    CHECK_FALSE(model.canRegister(2)); // no such row
}

TEST_CASE("a refused scan passes the server's words on", "[unit][console]")
{
    FakeTransport transport;
    ScanModel model(transport);
    QSignalSpy failed(&model, &ScanModel::failed);
    model.start(QStringLiteral("10.0.0.0/8"));
    CHECK_FALSE(transport.sent.back().body->contains(QStringLiteral("port")));
    transport.answer(
        400, QJsonObject{{QStringLiteral("error"),
                          QJsonObject{{QStringLiteral("code"), QStringLiteral("invalid_value")},
                                      {QStringLiteral("message"),
                                       QStringLiteral("the range has 16777214 addresses; at "
                                                      "most 1024 may be scanned")}}}});
    REQUIRE(failed.size() == 1);
    CHECK(failed.first().first().toString().contains(QStringLiteral("at most 1024")));
    CHECK(model.state() == ScanModel::State::Failed);
    CHECK_FALSE(model.isPolling());
}

TEST_CASE("a register offer is followed until the agent answers", "[unit][console]")
{
    FakeTransport transport;
    ScanModel model(transport);
    model.start(QStringLiteral("10.0.0.1-10.0.0.2"));
    transport.answer(201, scan(QStringLiteral("finished"), {result(1, true), result(2, false)}));
    REQUIRE_FALSE(model.isPolling());
    model.registerDevice(0); // enrolled: nothing is sent
    CHECK(transport.pending.empty());
    model.registerDevice(1);
    REQUIRE(transport.pending.size() == 1);
    CHECK(transport.sent.back().path == QStringLiteral("/api/v1/scans/7/results/2/register"));
    transport.answer(202, QJsonObject{{QStringLiteral("tokenId"), 3}});
    CHECK(status(model, 1) == QStringLiteral("Register offer sent; waiting for the agent"));
    CHECK_FALSE(model.canRegister(1));
    CHECK(model.isPolling());

    model.poll();
    const QJsonObject refused{{QStringLiteral("state"), QStringLiteral("refused")},
                              {QStringLiteral("reason"), QStringLiteral("offers are off")}};
    transport.answer(
        200, scan(QStringLiteral("finished"), {result(1, true), result(2, false, refused)}));
    CHECK(status(model, 1) == QStringLiteral("The agent refused the offer: offers are off"));
    CHECK(model.canRegister(1)); // it may be offered again
    CHECK_FALSE(model.isPolling());
}

TEST_CASE("cancelling stops following the scan and drops answers still on their way",
          "[unit][console]")
{
    FakeTransport transport;
    ScanModel model(transport);
    model.start(QStringLiteral("broadcast"));
    transport.answer(201, scan(QStringLiteral("running"), {}));
    model.poll();
    REQUIRE(transport.pending.size() == 1);
    model.cancel();
    CHECK(model.state() == ScanModel::State::Cancelled);
    CHECK_FALSE(model.isPolling());
    transport.answer(200, scan(QStringLiteral("finished"), {result(1, false)}));
    CHECK(model.rowCount() == 0);
    CHECK(model.state() == ScanModel::State::Cancelled);
    CHECK(model.statusText().contains(QStringLiteral("Stopped following the scan")));
}
