// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "console/models/EffectiveConfigModel.h"
#include "tests/support/CatchQt.h"
#include "tests/unit/console/FakeTransport.h"

#include <QJsonArray>

using steward::console::models::EffectiveConfigModel;
using steward::test::FakeTransport;

namespace {

QJsonObject profileRef(qint64 id, const QString& name, const QString& kind)
{
    return {
        {QStringLiteral("id"), id}, {QStringLiteral("name"), name}, {QStringLiteral("kind"), kind}};
}

/** As the server explains shadow.prompt: Strict (priority, direct) over Office (folder). */
QJsonObject effectiveConfig()
{
    const QJsonObject strict{
        {QStringLiteral("source"), QStringLiteral("priority-profile")},
        {QStringLiteral("value"), false},
        {QStringLiteral("key"), QStringLiteral("shadow.prompt")},
        {QStringLiteral("profile"),
         profileRef(4, QStringLiteral("Strict"), QStringLiteral("priority"))},
        {QStringLiteral("assignment"),
         QJsonObject{{QStringLiteral("id"), 9},
                     {QStringLiteral("via"), QStringLiteral("device")},
                     {QStringLiteral("level"), 0}}},
        {QStringLiteral("reason"), QStringLiteral("priority profile \"Strict\" (id 4) assigned "
                                                  "to the device")},
        {QStringLiteral("overrode"),
         QJsonArray{QJsonObject{{QStringLiteral("source"), QStringLiteral("profile")},
                                {QStringLiteral("value"), true},
                                {QStringLiteral("profile"), profileRef(2, QStringLiteral("Office"),
                                                                       QStringLiteral("standard"))},
                                {QStringLiteral("assignment"),
                                 QJsonObject{{QStringLiteral("id"), 5},
                                             {QStringLiteral("via"), QStringLiteral("folder")},
                                             {QStringLiteral("folder"), 1},
                                             {QStringLiteral("path"), QStringLiteral("/Berlin")},
                                             {QStringLiteral("level"), 2}}}},
                    QJsonObject{{QStringLiteral("source"), QStringLiteral("default")},
                                {QStringLiteral("value"), false}}}}};
    const QJsonObject timezone{
        {QStringLiteral("source"), QStringLiteral("profile")},
        {QStringLiteral("value"), QStringLiteral("Asia/Tokyo")},
        {QStringLiteral("key"), QStringLiteral("system.timezone")},
        {QStringLiteral("profile"),
         profileRef(5, QStringLiteral("Lab"), QStringLiteral("standard"))},
        {QStringLiteral("assignment"), QJsonObject{{QStringLiteral("id"), 2},
                                                   {QStringLiteral("via"), QStringLiteral("view")},
                                                   {QStringLiteral("view"), 3},
                                                   {QStringLiteral("name"), QStringLiteral("Lab")},
                                                   {QStringLiteral("level"), 0}}},
        {QStringLiteral("overrode"), QJsonArray{}}};
    const QJsonObject boot{{QStringLiteral("source"), QStringLiteral("default")},
                           {QStringLiteral("value"), QJsonArray{}},
                           {QStringLiteral("key"), QStringLiteral("commands.boot")},
                           {QStringLiteral("overrode"), QJsonArray{}}};
    const QJsonObject assigned{{QStringLiteral("profile"), profileRef(2, QStringLiteral("Office"),
                                                                      QStringLiteral("standard"))},
                               {QStringLiteral("assignment"),
                                QJsonObject{{QStringLiteral("id"), 5},
                                            {QStringLiteral("via"), QStringLiteral("folder")},
                                            {QStringLiteral("path"), QStringLiteral("/Berlin")},
                                            {QStringLiteral("level"), 2}}},
                               {QStringLiteral("direct"), false}};
    return {{QStringLiteral("device"), 7},
            {QStringLiteral("path"), QStringLiteral("/Berlin/Floor 2")},
            {QStringLiteral("version"), QStringLiteral("ab12")},
            {QStringLiteral("profiles"), QJsonArray{assigned}},
            {QStringLiteral("values"), QJsonArray{boot, strict, timezone}}};
}

QJsonObject configState(const QString& state)
{
    return {{QStringLiteral("device"), 7},
            {QStringLiteral("state"), state},
            {QStringLiteral("revision"), 3},
            {QStringLiteral("desiredVersion"), QStringLiteral("ffff00001111222233334444")},
            {QStringLiteral("appliedVersion"), QStringLiteral("aaaa00001111222233334444")},
            {QStringLiteral("push"), QStringLiteral("now")},
            {QStringLiteral("delivered"), QStringLiteral("2026-12-04T08:00:00Z")},
            {QStringLiteral("failures"),
             state == QLatin1String("failed")
                 ? QJsonObject{{QStringLiteral("system.timezone"),
                                QStringLiteral("unknown time zone Mars/Olympus")}}
                 : QJsonObject()},
            {QStringLiteral("notApplied"), QJsonArray{}},
            {QStringLiteral("rebootRequired"), state == QLatin1String("applied")}};
}

QString cell(const EffectiveConfigModel& model, const QString& key, int column)
{
    return model.index(model.rowOf(key), column).data().toString();
}

} // namespace

TEST_CASE("Explain shows each value's source, assignment path and what it overrode",
          "[unit][console]")
{
    FakeTransport transport;
    EffectiveConfigModel model(transport);
    model.setDevice(7);
    REQUIRE(transport.pending.size() == 2);
    CHECK(transport.sent[0].path == QStringLiteral("/api/v1/devices/7/effective-config"));
    CHECK(transport.sent[1].path == QStringLiteral("/api/v1/devices/7/config-state"));
    transport.answer(200, effectiveConfig());
    REQUIRE(model.rowCount() == 3);

    const QString prompt = QStringLiteral("shadow.prompt");
    CHECK(cell(model, prompt, EffectiveConfigModel::Value) == QStringLiteral("false"));
    CHECK(cell(model, prompt, EffectiveConfigModel::Source)
          == QStringLiteral("priority profile \"Strict\""));
    CHECK(cell(model, prompt, EffectiveConfigModel::Assignment)
          == QStringLiteral("direct (assigned to the device), priority"));
    CHECK(cell(model, prompt, EffectiveConfigModel::Overrode)
          == QStringLiteral("Office (folder /Berlin via /Berlin/Floor 2 (2 levels up)): true; "
                            "default: false"));
    CHECK(model.index(model.rowOf(prompt), 0)
              .data(Qt::ToolTipRole)
              .toString()
              .contains(QStringLiteral("assigned to the device")));

    const QString zone = QStringLiteral("system.timezone");
    CHECK(cell(model, zone, EffectiveConfigModel::Source) == QStringLiteral("profile \"Lab\""));
    CHECK(cell(model, zone, EffectiveConfigModel::Assignment)
          == QStringLiteral("view \"Lab\" (the device belongs to it)"));
    CHECK(cell(model, QStringLiteral("commands.boot"), EffectiveConfigModel::Source)
          == QStringLiteral("default"));
    CHECK(cell(model, QStringLiteral("commands.boot"), EffectiveConfigModel::Value)
          == QStringLiteral("[]"));

    REQUIRE(model.profiles().size() == 1);
    CHECK(model.folderPath() == QStringLiteral("/Berlin/Floor 2"));

    CHECK(model.stateSummary() == QStringLiteral("Loading…"));
    transport.answer(200, configState(QStringLiteral("applied")));
    CHECK(model.stateSummary().startsWith(QStringLiteral("Applied: revision 3, version aaaa")));
    CHECK(model.stateSummary().contains(QStringLiteral("Reboot required")));
    CHECK(model.failures().isEmpty());
}

TEST_CASE("Explain follows device-config events and drops answers for another device",
          "[unit][console]")
{
    FakeTransport transport;
    EffectiveConfigModel model(transport);
    int states = 0;
    QObject::connect(&model, &EffectiveConfigModel::stateChanged, [&] { ++states; });
    model.setDevice(7);
    model.setDevice(8); // before 7's answers arrive
    transport.answer(200, effectiveConfig());
    transport.answer(200, configState(QStringLiteral("applied")));
    CHECK(model.rowCount() == 0); // 7's answers are stale
    CHECK(model.state().isEmpty());
    transport.answer(404, QJsonObject{{QStringLiteral("error"),
                                       QJsonObject{{QStringLiteral("message"),
                                                    QStringLiteral("device 8 has no computed "
                                                                   "configuration yet")}}}});
    transport.answer(404, QJsonObject{{QStringLiteral("error"),
                                       QJsonObject{{QStringLiteral("message"),
                                                    QStringLiteral("device 8 has no computed "
                                                                   "configuration yet")}}}});
    CHECK(model.error().contains(QStringLiteral("no computed")));
    CHECK(model.stateSummary().startsWith(QStringLiteral("Not computed yet")));

    model.setDevice(7);
    transport.answer(200, effectiveConfig());
    transport.answer(200, configState(QStringLiteral("pending")));
    CHECK(model.stateSummary().contains(QStringLiteral("Pending: revision 3")));
    CHECK(model.stateSummary().contains(QStringLiteral("delivered, not yet acknowledged")));

    // Another device's state is not ours; ours replaces the state and reloads the values.
    const size_t before = transport.sent.size();
    model.applyEvent({QStringLiteral("changed"), QStringLiteral("device-config"), 8,
                      configState(QStringLiteral("failed"))});
    CHECK(transport.sent.size() == before);
    model.applyEvent({QStringLiteral("changed"), QStringLiteral("device-config"), 7,
                      configState(QStringLiteral("failed"))});
    CHECK(model.stateSummary().startsWith(QStringLiteral("Failed: revision 3")));
    CHECK(model.failures()
          == QStringList{QStringLiteral("system.timezone: unknown time zone Mars/Olympus")});
    REQUIRE(transport.sent.size() == before + 1);
    CHECK(transport.sent.back().path == QStringLiteral("/api/v1/devices/7/effective-config"));
    transport.answer(200, effectiveConfig());

    // A profile change anywhere may reach the device: its values load again.
    model.applyEvent({QStringLiteral("changed"), QStringLiteral("profile"), 4, std::nullopt});
    CHECK(transport.sent.back().path == QStringLiteral("/api/v1/devices/7/effective-config"));
    transport.answer(200, effectiveConfig());

    // A folder moved elsewhere changes the paths and levels.
    model.applyEvent({QStringLiteral("changed"), QStringLiteral("folder"), 1, std::nullopt});
    CHECK(transport.sent.back().path == QStringLiteral("/api/v1/devices/7/effective-config"));
    transport.answer(200, effectiveConfig());
    // Another device changing is not ours.
    const size_t quiet = transport.sent.size();
    model.applyEvent({QStringLiteral("changed"), QStringLiteral("device"), 8, std::nullopt});
    CHECK(transport.sent.size() == quiet);

    model.push();
    CHECK(transport.sent.back().method == "POST");
    CHECK(transport.sent.back().path == QStringLiteral("/api/v1/devices/7/config-push?apply=now"));
    transport.answer(200, configState(QStringLiteral("pending")));
    CHECK(model.stateSummary().startsWith(QStringLiteral("Pending")));
    CHECK(states >= 4);
}
