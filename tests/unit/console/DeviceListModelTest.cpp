// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "console/models/DeviceListModel.h"
#include "tests/support/CatchQt.h"
#include "tests/unit/console/FakeTransport.h"

#include <QJsonArray>
#include <QMimeData>
#include <QUrlQuery>

using steward::console::models::DeviceListModel;
using steward::protocol::ObjectEvent;
using steward::test::FakeTransport;

namespace {

QJsonObject device(qint64 id, bool online = false)
{
    return QJsonObject{
        {QStringLiteral("id"), id},
        {QStringLiteral("name"), QStringLiteral("device-%1").arg(id)},
        {QStringLiteral("unitId"), QStringLiteral("00:11:22:33:44:%1").arg(id % 100)},
        {QStringLiteral("online"), online},
        {QStringLiteral("lastContact"), QJsonValue(QJsonValue::Null)},
        {QStringLiteral("lastIp"), QStringLiteral("10.0.0.%1").arg(id % 250)}};
}

/** Answers the pending page request from a server holding devices 1..total. */
void servePage(FakeTransport& transport, qint64 total, std::optional<qint64> folder = {})
{
    const QUrlQuery query(transport.pending.front().request.path.section(QLatin1Char('?'), 1));
    const qint64 offset = query.queryItemValue(QStringLiteral("offset")).toLongLong();
    const qint64 limit = query.queryItemValue(QStringLiteral("limit")).toLongLong();
    QJsonArray items;
    for (qint64 id = offset + 1; id <= std::min(total, offset + limit); ++id) {
        QJsonObject made = device(id);
        if (folder) {
            made[QStringLiteral("folder")] = *folder;
        }
        items.append(made);
    }
    transport.answer(200, QJsonObject{{QStringLiteral("items"), items},
                                      {QStringLiteral("total"), total},
                                      {QStringLiteral("offset"), offset},
                                      {QStringLiteral("limit"), limit}});
}

ObjectEvent event(const QString& what, const QJsonObject& object)
{
    return ObjectEvent{what, QStringLiteral("device"),
                       object.value(QStringLiteral("id")).toInteger(), object};
}

} // namespace

TEST_CASE("the device list fetches one page at a time as the view asks for more")
{
    FakeTransport transport;
    DeviceListModel model(transport);
    model.setPageSize(50);
    model.reload();
    REQUIRE(transport.pending.size() == 1);
    CHECK(transport.pending.front().request.path
          == QStringLiteral("/api/v1/devices?offset=0&limit=50"));
    CHECK(model.canFetchMore({}));
    model.fetchMore({}); // one request in flight at a time
    CHECK(transport.pending.size() == 1);
    servePage(transport, 120);
    CHECK(model.rowCount() == 50);
    CHECK(model.total() == 120);
    CHECK(model.canFetchMore({}));
    model.fetchMore({});
    CHECK(transport.pending.front().request.path
          == QStringLiteral("/api/v1/devices?offset=50&limit=50"));
    servePage(transport, 120);
    model.fetchMore({});
    servePage(transport, 120);
    CHECK(model.rowCount() == 120);
    CHECK_FALSE(model.canFetchMore({}));
    model.fetchMore({});
    CHECK(transport.pending.empty());
    CHECK(model.data(model.index(119, DeviceListModel::Name), Qt::DisplayRole).toString()
          == QStringLiteral("device-120"));
    CHECK(model.rowOf(77) == 76);
}

TEST_CASE("events update a loaded row in place, append to a complete list and remove deleted rows")
{
    FakeTransport transport;
    DeviceListModel model(transport);
    model.setPageSize(10);
    model.reload();
    servePage(transport, 3);
    REQUIRE(model.rowCount() == 3);
    CHECK_FALSE(model.data(model.index(1, 0), DeviceListModel::OnlineRole).toBool());

    int changed = 0;
    QObject::connect(&model, &DeviceListModel::dataChanged, [&] { ++changed; });
    model.applyEvent(event(QStringLiteral("online"), device(2, true)));
    CHECK(changed == 1);
    CHECK(model.data(model.index(1, 0), DeviceListModel::OnlineRole).toBool());
    CHECK(model.data(model.index(1, DeviceListModel::State), Qt::DisplayRole).toString()
          == QStringLiteral("online"));

    QJsonObject renamed = device(3);
    renamed[QStringLiteral("name")] = QStringLiteral("lab-7");
    model.applyEvent(event(QStringLiteral("changed"), renamed));
    CHECK(model.data(model.index(2, 0), Qt::DisplayRole).toString() == QStringLiteral("lab-7"));

    model.applyEvent(event(QStringLiteral("created"), device(4)));
    CHECK(model.rowCount() == 4);
    CHECK(model.total() == 4);

    model.applyEvent(
        ObjectEvent{QStringLiteral("deleted"), QStringLiteral("device"), 1, std::nullopt});
    CHECK(model.rowCount() == 3);
    CHECK(model.rowOf(4) == 2);
    CHECK(model.total() == 3);
    CHECK(transport.pending.empty()); // never a refresh
}

TEST_CASE("a device created while pages are still missing only grows the total")
{
    FakeTransport transport;
    DeviceListModel model(transport);
    model.setPageSize(10);
    model.reload();
    servePage(transport, 25);
    model.applyEvent(event(QStringLiteral("created"), device(26)));
    CHECK(model.rowCount() == 10);
    CHECK(model.total() == 26);
    while (model.canFetchMore({})) {
        model.fetchMore({});
        servePage(transport, 26);
    }
    CHECK(model.rowCount() == 26);
}

TEST_CASE("a reload drops the answer to a page of the previous list")
{
    FakeTransport transport;
    DeviceListModel model(transport);
    model.reload();
    model.setFolder(7);
    REQUIRE(transport.pending.size() == 2);
    CHECK(transport.pending.back().request.path.endsWith(QStringLiteral("&folder=7")));
    servePage(transport, 5); // the stale one
    CHECK(model.rowCount() == 0);
    servePage(transport, 5, 7);
    CHECK(model.rowCount() == 5);
}

TEST_CASE("dragged devices carry their ids")
{
    FakeTransport transport;
    DeviceListModel model(transport);
    model.reload();
    servePage(transport, 3);
    std::unique_ptr<QMimeData> mime(
        model.mimeData({model.index(0, 0), model.index(0, 1), model.index(2, 0)}));
    CHECK(mime->data(QLatin1String(DeviceListModel::MimeType)) == QByteArray("1,3"));
    CHECK(model.flags(model.index(0, 0)).testFlag(Qt::ItemIsDragEnabled));
}

TEST_CASE("a server that ignores the folder filter shows no devices and says why")
{
    FakeTransport transport;
    DeviceListModel model(transport);
    std::optional<steward::Error> failure;
    QObject::connect(&model, &DeviceListModel::loadFailed,
                     [&](const steward::Error& error) { failure = error; });
    model.setFolder(4);
    servePage(transport, 10); // devices without "folder": not in folder 4
    CHECK(model.rowCount() == 0);
    CHECK_FALSE(model.canFetchMore({}));
    REQUIRE(failure);
    CHECK(failure->message.contains(QStringLiteral("folder")));
}
