// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "console/models/RecycleBinModel.h"
#include "console/models/NavigationModel.h"
#include "console/ui/Confirm.h"
#include "tests/support/CatchQt.h"
#include "tests/unit/console/FakeTransport.h"

#include <QJsonArray>

using steward::console::models::NavigationModel;
using steward::console::models::RecycleBinModel;
using steward::test::FakeTransport;

namespace {

QJsonObject entry(qint64 id, const QString& name, const QJsonValue& folder)
{
    return QJsonObject{{QStringLiteral("id"), id},
                       {QStringLiteral("name"), name},
                       {QStringLiteral("unitId"), QStringLiteral("02:00:00:00:00:0%1").arg(id)},
                       {QStringLiteral("folder"), folder},
                       {QStringLiteral("deletedAt"), QStringLiteral("2026-12-04T05:00:00Z")},
                       {QStringLiteral("deletedBy"), QStringLiteral("alice")}};
}

QJsonObject page(const QJsonArray& items, qint64 total)
{
    return QJsonObject{{QStringLiteral("items"), items}, {QStringLiteral("total"), total}};
}

steward::protocol::ObjectEvent binEvent(const QString& event, qint64 id,
                                        std::optional<QJsonObject> object = {})
{
    return {event, QStringLiteral("recycle-bin"), id, std::move(object)};
}

} // namespace

TEST_CASE("the recycle bin loads every page, names folders, and follows recycle-bin events",
          "[unit][console]")
{
    FakeTransport transport;
    RecycleBinModel model(transport);
    model.reload();
    REQUIRE(transport.pending.size() == 1);
    CHECK(transport.sent.back().path.startsWith(QStringLiteral("/api/v1/recycle-bin?offset=0")));
    transport.answer(200, page({entry(1, QStringLiteral("a"), 7)}, 2));
    REQUIRE(transport.pending.size() == 1); // the second page
    CHECK(transport.sent.back().path.startsWith(QStringLiteral("/api/v1/recycle-bin?offset=1")));
    CHECK_FALSE(model.isLoaded());
    transport.answer(200, page({entry(2, QStringLiteral("b"), QJsonValue::Null)}, 2));
    CHECK(model.isLoaded());
    REQUIRE(model.rowCount() == 2);

    CHECK(model.index(0, RecycleBinModel::Folder).data().toString() == QStringLiteral("#7"));
    model.setFolderNames({{7, QStringLiteral("Lab")}});
    CHECK(model.index(0, RecycleBinModel::Folder).data().toString() == QStringLiteral("Lab"));
    CHECK(model.index(1, RecycleBinModel::Folder).data().toString()
          == QStringLiteral("Devices (top level)"));
    CHECK(model.index(0, RecycleBinModel::DeletedBy).data().toString() == QStringLiteral("alice"));

    model.applyEvent(binEvent(QStringLiteral("created"), 3, entry(3, QStringLiteral("c"), 7)));
    CHECK(model.rowOf(3) == 2);
    model.applyEvent(binEvent(QStringLiteral("deleted"), 1));
    CHECK(model.rowOf(1) < 0);
    CHECK(model.rowCount() == 2);
    // Device events are not the bin's business.
    model.applyEvent({QStringLiteral("deleted"), QStringLiteral("device"), 2, std::nullopt});
    CHECK(model.rowOf(2) >= 0);
}

TEST_CASE("restore, purge and empty call the bulk routes and report the outcome", "[unit][console]")
{
    FakeTransport transport;
    RecycleBinModel model(transport);
    std::vector<std::pair<QString, QString>> outcomes;
    QObject::connect(
        &model, &RecycleBinModel::finished,
        [&](const QString& what, const QString& error) { outcomes.emplace_back(what, error); });
    model.restore({4, 5});
    REQUIRE(transport.sent.size() == 1);
    CHECK(transport.sent[0].method == "POST");
    CHECK(transport.sent[0].path == QStringLiteral("/api/v1/recycle-bin/restore"));
    CHECK(transport.sent[0].body == QJsonObject{{QStringLiteral("ids"), QJsonArray{4, 5}}});
    transport.answer(200, {});
    model.purge({6});
    CHECK(transport.sent[1].method == "DELETE");
    CHECK(transport.sent[1].path == QStringLiteral("/api/v1/recycle-bin"));
    CHECK(transport.sent[1].body == QJsonObject{{QStringLiteral("ids"), QJsonArray{6}}});
    transport.answer(409, QJsonObject{{QStringLiteral("error"),
                                       QJsonObject{{QStringLiteral("message"),
                                                    QStringLiteral("device 6 (x) is not in the "
                                                                   "recycle bin")}}}});
    model.empty();
    CHECK(transport.sent[2].method == "DELETE");
    CHECK_FALSE(transport.sent[2].body.has_value());
    transport.answer(200, {});
    REQUIRE(outcomes.size() == 3);
    CHECK(outcomes[0].second.isEmpty());
    CHECK(outcomes[1].second.contains(QStringLiteral("not in the recycle bin")));
    model.restore({}); // nothing selected: nothing sent
    CHECK(transport.sent.size() == 3);
}

TEST_CASE("the navigation tree shows the recycle bin with its count when the server has one",
          "[unit][console]")
{
    FakeTransport transport;
    NavigationModel model(transport, false);
    CHECK_FALSE(model.recycleBinIndex().isValid());
    model.setRecycleBinAvailable(true);
    model.reload();
    REQUIRE(transport.pending.size() == 2);
    CHECK(transport.sent[1].path.startsWith(QStringLiteral("/api/v1/recycle-bin")));
    transport.answer(200, page({}, 9));
    transport.answer(200, page({}, 3));
    const QModelIndex bin = model.recycleBinIndex();
    REQUIRE(bin.isValid());
    CHECK(bin.data().toString() == QStringLiteral("Recycle bin (3)"));
    CHECK(NavigationModel::Node(bin.data(NavigationModel::NodeRole).toInt())
          == NavigationModel::Node::RecycleBin);
}

TEST_CASE("confirmations name the devices, and shorten a long list", "[unit][console]")
{
    using steward::console::ui::nameList;
    CHECK(nameList({QStringLiteral("a")}) == QStringLiteral("a"));
    CHECK(nameList({QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")})
          == QStringLiteral("a, b and c"));
    QStringList many;
    for (int i = 1; i <= 12; ++i) {
        many.append(QStringLiteral("d%1").arg(i));
    }
    CHECK(nameList(many, 10)
          == QStringLiteral("d1, d2, d3, d4, d5, d6, d7, d8, d9, d10 and 2 more"));
}
