// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "console/models/NavigationModel.h"
#include "console/models/DeviceListModel.h"
#include "tests/support/CatchQt.h"
#include "tests/support/EventLoop.h"
#include "tests/unit/console/FakeTransport.h"

#include <QJsonArray>
#include <QMimeData>

using steward::console::models::DeviceListModel;
using steward::console::models::NavigationModel;
using steward::test::FakeTransport;

namespace {

QJsonObject folder(qint64 id, const QString& name, std::optional<qint64> parent, qint64 count)
{
    return QJsonObject{{QStringLiteral("id"), id},
                       {QStringLiteral("name"), name},
                       {QStringLiteral("parent"), parent ? QJsonValue(*parent) : QJsonValue()},
                       {QStringLiteral("deviceCount"), count}};
}

void serveTree(FakeTransport& transport)
{
    REQUIRE(transport.pending.size() == 2);
    transport.answer(
        200, QJsonObject{{QStringLiteral("items"), QJsonArray{}}, {QStringLiteral("total"), 42}});
    // A child listed before its parent still lands under it.
    transport.answer(200, QJsonObject{{QStringLiteral("items"),
                                       QJsonArray{folder(2, QStringLiteral("Lab"), 1, 5),
                                                  folder(1, QStringLiteral("School"), {}, 12)}}});
}

} // namespace

TEST_CASE("the navigation tree shows folders nested with counts, and placeholders")
{
    FakeTransport transport;
    NavigationModel model(transport, true);
    model.reload();
    serveTree(transport);
    const QModelIndex devices = model.devicesIndex();
    CHECK(devices.data().toString() == QStringLiteral("Devices (42)"));
    const QModelIndex school = model.folderIndex(1);
    REQUIRE(school.isValid());
    CHECK(school.data().toString() == QStringLiteral("School (17)")); // 12 + Lab's 5
    CHECK(school.parent() == devices);
    const QModelIndex lab = model.folderIndex(2);
    CHECK(lab.parent() == school);
    CHECK(lab.data().toString() == QStringLiteral("Lab (5)"));
    QStringList top;
    for (int row = 0; row < model.rowCount(); ++row) {
        top.append(model.index(row, 0).data().toString());
    }
    CHECK(top
          == QStringList{QStringLiteral("Dashboard"), QStringLiteral("Devices (42)"),
                         QStringLiteral("Profiles (not built yet)"),
                         QStringLiteral("Views (not built yet)"), QStringLiteral("Jobs"),
                         QStringLiteral("Administration")});
    // Each place names its access-control node, for the Access Control dialog.
    QStringList nodes;
    for (int row = 0; row < model.rowCount(); ++row) {
        nodes.append(model.index(row, 0).data(NavigationModel::AccessNodeRole).toString());
    }
    CHECK(nodes
          == QStringList{QString(), QStringLiteral("root:devices"), QStringLiteral("root:profiles"),
                         QStringLiteral("root:views"), QStringLiteral("root:jobs"),
                         QStringLiteral("root:administration")});
    CHECK(lab.data(NavigationModel::AccessNodeRole).toString() == QStringLiteral("folder:2"));
}

TEST_CASE("devices dropped on a folder are moved with one PATCH each")
{
    FakeTransport transport;
    NavigationModel model(transport, true);
    model.reload();
    serveTree(transport);
    QMimeData mime;
    mime.setData(QLatin1String(DeviceListModel::MimeType), "5,9");
    const QModelIndex lab = model.folderIndex(2);
    CHECK(model.canDropMimeData(&mime, Qt::MoveAction, -1, -1, lab));
    CHECK_FALSE(model.canDropMimeData(&mime, Qt::MoveAction, -1, -1, model.index(2, 0)));
    CHECK_FALSE(model.canDropMimeData(&mime, Qt::MoveAction, -1, -1, model.dashboardIndex()));
    int moved = 0;
    QObject::connect(&model, &NavigationModel::devicesMoved, [&](int count) { moved = count; });
    model.dropMimeData(&mime, Qt::MoveAction, -1, -1, lab);
    REQUIRE(transport.pending.size() == 2);
    CHECK(transport.pending[0].request.method == QByteArray("PATCH"));
    CHECK(transport.pending[0].request.path == QStringLiteral("/api/v1/devices/5"));
    CHECK(transport.pending[0].request.body->value(QStringLiteral("folder")).toInteger() == 2);
    CHECK(transport.pending[1].request.path == QStringLiteral("/api/v1/devices/9"));
    transport.answer(200, {});
    transport.answer(200, {});
    CHECK(moved == 2);
    // The counts are reloaded (coalesced) afterwards, without a refresh button.
    CHECK(steward::test::waitUntil([&] { return transport.pending.size() == 2; }));

    // Dropping on "Devices" takes them out of any folder.
    transport.pending.clear();
    model.dropMimeData(&mime, Qt::MoveAction, -1, -1, model.devicesIndex());
    REQUIRE_FALSE(transport.pending.empty());
    CHECK(transport.pending[0].request.body->value(QStringLiteral("folder")).isNull());
}

TEST_CASE("without the folder API the tree says so and accepts no drops")
{
    FakeTransport transport;
    NavigationModel model(transport, false);
    model.reload();
    REQUIRE(transport.pending.size() == 1);
    transport.answer(200, QJsonObject{{QStringLiteral("total"), 3}});
    CHECK(model.devicesIndex().data().toString() == QStringLiteral("Devices (3)"));
    CHECK(model.index(0, 0, model.devicesIndex()).data().toString()
          == QStringLiteral("Folders (not built yet)"));
    QMimeData mime;
    mime.setData(QLatin1String(DeviceListModel::MimeType), "5");
    CHECK_FALSE(model.canDropMimeData(&mime, Qt::MoveAction, -1, -1, model.devicesIndex()));
}
