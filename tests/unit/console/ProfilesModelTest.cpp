// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "console/models/ProfilesModel.h"
#include "console/models/NavigationModel.h"
#include "console/models/ViewsModel.h"
#include "console/ui/ProfileValuesEditor.h"
#include "tests/support/CatchQt.h"
#include "tests/unit/console/FakeTransport.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QSpinBox>
#include <QTemporaryDir>

using steward::console::models::ApplyMode;
using steward::console::models::ProfilesModel;
using steward::console::models::ViewsModel;
using steward::console::ui::ProfileValuesEditor;
using steward::test::FakeTransport;

namespace {

QJsonObject parameter(const QString& key, const QString& type, const QJsonValue& defaultValue,
                      const QJsonObject& extra = {})
{
    QJsonObject json{{QStringLiteral("key"), key},
                     {QStringLiteral("type"), type},
                     {QStringLiteral("default"), defaultValue},
                     {QStringLiteral("description"), QString(QStringLiteral("about ") + key)}};
    for (auto it = extra.begin(); it != extra.end(); ++it) {
        json.insert(it.key(), it.value());
    }
    return json;
}

QJsonArray registry()
{
    return {
        parameter(QStringLiteral("agent.heartbeat_interval"), QStringLiteral("integer"), 3600,
                  {{QStringLiteral("allowedValues"), QJsonArray{3600, 7200, 10800}}}),
        parameter(QStringLiteral("commands.boot"), QStringLiteral("string-list"), QJsonArray{},
                  {{QStringLiteral("maxItems"), 2}}),
        parameter(QStringLiteral("screen.lock_timeout"), QStringLiteral("integer"), 600,
                  {{QStringLiteral("minimum"), 0}, {QStringLiteral("maximum"), 86400}}),
        parameter(QStringLiteral("sessions.launchers"), QStringLiteral("launchers"), QJsonArray{}),
        parameter(QStringLiteral("shadow.allow"), QStringLiteral("bool"), true),
        parameter(QStringLiteral("shadow.path"), QStringLiteral("choice"),
                  QStringLiteral("direct-then-relay"),
                  {{QStringLiteral("allowedValues"),
                    QJsonArray{QStringLiteral("direct"), QStringLiteral("relay"),
                               QStringLiteral("direct-then-relay")}}}),
        parameter(QStringLiteral("system.hostname"), QStringLiteral("string"), QString(),
                  {{QStringLiteral("pattern"), QStringLiteral("[a-z0-9-]*")},
                   {QStringLiteral("maxLength"), 63}})};
}

QJsonObject profile(qint64 id, const QString& name, const QJsonObject& values,
                    const QJsonArray& assignments = {})
{
    return {{QStringLiteral("id"), id},
            {QStringLiteral("name"), name},
            {QStringLiteral("kind"), QStringLiteral("standard")},
            {QStringLiteral("description"), QString()},
            {QStringLiteral("revision"), 3},
            {QStringLiteral("values"), values},
            {QStringLiteral("assignments"), assignments}};
}

QJsonObject refusal(const QString& message)
{
    return {{QStringLiteral("error"), QJsonObject{{QStringLiteral("message"), message}}}};
}

} // namespace

TEST_CASE("profiles load with the registry, follow profile events and save only what changed",
          "[unit][console]")
{
    FakeTransport transport;
    ProfilesModel model(transport);
    model.reload();
    REQUIRE(transport.pending.size() == 2);
    CHECK(transport.sent[0].path == QStringLiteral("/api/v1/parameters"));
    CHECK(transport.sent[1].path == QStringLiteral("/api/v1/profiles"));
    transport.answer(200, {{QStringLiteral("parameters"), registry()}});
    const QJsonArray assignments{
        QJsonObject{{QStringLiteral("id"), 5}, {QStringLiteral("folder"), 1}},
        QJsonObject{{QStringLiteral("id"), 2}, {QStringLiteral("view"), 3}}};
    transport.answer(200, {{QStringLiteral("items"),
                            QJsonArray{profile(4, QStringLiteral("Office"),
                                               {{QStringLiteral("shadow.allow"), false},
                                                {QStringLiteral("screen.lock_timeout"), 300}},
                                               assignments)}}});
    CHECK(model.parameters().size() == 7);
    REQUIRE(model.rowCount() == 1);
    CHECK(model.index(0, ProfilesModel::Values).data().toInt() == 2);
    CHECK(model.index(0, ProfilesModel::Assignments).data().toInt() == 2);

    // The whole set is sent: a value no longer set becomes null; the revision guards races.
    model.saveValues(4, {{QStringLiteral("screen.lock_timeout"), 120}}, QStringLiteral("priority"),
                     ApplyMode::NextConnect);
    const auto& save = transport.sent.back();
    CHECK(save.method == "PATCH");
    CHECK(save.path == QStringLiteral("/api/v1/profiles/4?apply=next-connect"));
    const QJsonObject values = save.body->value(QStringLiteral("values")).toObject();
    CHECK(values.value(QStringLiteral("screen.lock_timeout")) == 120);
    CHECK(values.value(QStringLiteral("shadow.allow")).isNull());
    CHECK(values.contains(QStringLiteral("shadow.allow")));
    CHECK(save.body->value(QStringLiteral("revision")) == 3);
    CHECK(save.body->value(QStringLiteral("kind")) == QStringLiteral("priority"));
    std::vector<std::pair<QString, QString>> outcomes;
    QObject::connect(&model, &ProfilesModel::finished, [&](const QString& what, const QString& e) {
        outcomes.emplace_back(what, e);
    });
    transport.answer(409, refusal(QStringLiteral("profile 4 was changed by someone else")));
    REQUIRE(outcomes.size() == 1);
    CHECK(outcomes[0].second == QStringLiteral("profile 4 was changed by someone else"));

    // Folder and view assignments are removed through their own routes.
    model.unassign(4, assignments[0].toObject(), ApplyMode::Now);
    CHECK(transport.sent.back().path
          == QStringLiteral("/api/v1/profiles/4/assignments/5?apply=now"));
    model.unassign(4, assignments[1].toObject(), ApplyMode::Now);
    CHECK(transport.sent.back().path
          == QStringLiteral("/api/v1/profiles/4/view-assignments/2?apply=now"));
    model.assign(4, QStringLiteral("device"), 7, ApplyMode::Now);
    CHECK(transport.sent.back().body == QJsonObject{{QStringLiteral("device"), 7}});
    CHECK(transport.sent.back().path == QStringLiteral("/api/v1/profiles/4/assignments?apply=now"));

    model.applyEvent({QStringLiteral("created"), QStringLiteral("profile"), 6,
                      profile(6, QStringLiteral("Lab"), {})});
    CHECK(model.rowOf(QStringLiteral("Lab")) == 1);
    model.applyEvent({QStringLiteral("deleted"), QStringLiteral("profile"), 4, std::nullopt});
    CHECK(model.rowOf(4) < 0);
    CHECK(model.rowCount() == 1);
}

TEST_CASE("a profile is exported to a file and imported from one, and a bad file is refused here",
          "[unit][console]")
{
    FakeTransport transport;
    ProfilesModel model(transport);
    std::vector<std::pair<QString, QString>> outcomes;
    QObject::connect(&model, &ProfilesModel::finished, [&](const QString& what, const QString& e) {
        outcomes.emplace_back(what, e);
    });
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("office.json"));
    model.exportTo(4, path);
    CHECK(transport.sent.back().path == QStringLiteral("/api/v1/profiles/4/export"));
    const QJsonObject file{{QStringLiteral("format"), QStringLiteral("steward-profile")},
                           {QStringLiteral("formatVersion"), 1},
                           {QStringLiteral("name"), QStringLiteral("Office")}};
    transport.answer(200, file);
    REQUIRE(outcomes.size() == 1);
    CHECK(outcomes[0].second.isEmpty());

    model.importFrom(path, true, ApplyMode::Now);
    CHECK(transport.sent.back().method == "POST");
    CHECK(transport.sent.back().path
          == QStringLiteral("/api/v1/profiles/import?apply=now&replace=true"));
    CHECK(transport.sent.back().body == file);

    QFile broken(dir.filePath(QStringLiteral("broken.json")));
    REQUIRE(broken.open(QIODevice::WriteOnly));
    broken.write("{\"format\": ");
    broken.close();
    const size_t sent = transport.sent.size();
    model.importFrom(broken.fileName(), false, ApplyMode::Now);
    CHECK(transport.sent.size() == sent);
    CHECK(outcomes.back().second.startsWith(QStringLiteral("not a JSON file")));
    model.importFrom(dir.filePath(QStringLiteral("missing.json")), false, ApplyMode::Now);
    CHECK_FALSE(outcomes.back().second.isEmpty());
}

TEST_CASE("the value editor picks an editor per parameter type and reads back what is set",
          "[unit][console]")
{
    ProfileValuesEditor editor;
    editor.setParameters(registry());
    CHECK(qobject_cast<QCheckBox*>(editor.editor(QStringLiteral("shadow.allow"))));
    auto* spin = qobject_cast<QSpinBox*>(editor.editor(QStringLiteral("screen.lock_timeout")));
    REQUIRE(spin);
    CHECK(spin->maximum() == 86400);
    auto* combo = qobject_cast<QComboBox*>(editor.editor(QStringLiteral("shadow.path")));
    REQUIRE(combo);
    CHECK(combo->count() == 3);
    CHECK(qobject_cast<QLineEdit*>(editor.editor(QStringLiteral("system.hostname"))));
    CHECK(qobject_cast<QPlainTextEdit*>(editor.editor(QStringLiteral("commands.boot"))));

    auto* interval =
        qobject_cast<QComboBox*>(editor.editor(QStringLiteral("agent.heartbeat_interval")));
    REQUIRE(interval);
    CHECK(interval->count() == 3);
    editor.setValues({{QStringLiteral("agent.heartbeat_interval"), 7200}});
    CHECK(interval->currentText() == QStringLiteral("7200"));
    CHECK(QJsonDocument(editor.values()).toJson(QJsonDocument::Compact)
          == QByteArray("{\"agent.heartbeat_interval\":7200}"));

    editor.setValues(
        {{QStringLiteral("shadow.path"), QStringLiteral("relay")},
         {QStringLiteral("commands.boot"), QJsonArray{QStringLiteral("a"), QStringLiteral("b")}}});
    CHECK(combo->currentText() == QStringLiteral("relay"));
    CHECK_FALSE(spin->isEnabled()); // not set in this profile
    editor.setValue(QStringLiteral("screen.lock_timeout"), 120);
    editor.setValue(QStringLiteral("sessions.launchers"),
                    QJsonArray{QJsonObject{{QStringLiteral("name"), QStringLiteral("Desk")},
                                           {QStringLiteral("type"), QStringLiteral("RDP")},
                                           {QStringLiteral("target"), QStringLiteral("ts1")}}});
    editor.unset(QStringLiteral("shadow.path"));
    const QJsonObject values = editor.values();
    CHECK(values.size() == 3);
    CHECK(values.value(QStringLiteral("screen.lock_timeout")) == 120);
    CHECK(values.value(QStringLiteral("commands.boot"))
          == QJsonArray{QStringLiteral("a"), QStringLiteral("b")});
    CHECK(values.value(QStringLiteral("sessions.launchers"))
              .toArray()
              .at(0)
              .toObject()
              .value(QStringLiteral("target"))
          == QStringLiteral("ts1"));
    CHECK(editor.problems().isEmpty());

    editor.setValue(QStringLiteral("system.hostname"), QStringLiteral("Not A Label"));
    editor.setValue(QStringLiteral("commands.boot"),
                    QJsonArray{QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")});
    const QStringList problems = editor.problems();
    REQUIRE(problems.size() == 2);
    CHECK(problems.join(QLatin1Char('\n')).contains(QStringLiteral("system.hostname")));
    CHECK(problems.join(QLatin1Char('\n')).contains(QStringLiteral("at most 2 lines")));
}

TEST_CASE("views are created, changed with their revision and list their members",
          "[unit][console]")
{
    FakeTransport transport;
    ViewsModel model(transport);
    model.reload();
    REQUIRE(transport.pending.size() == 2);
    CHECK(transport.sent[0].path == QStringLiteral("/api/v1/profiles"));
    transport.answer(
        200, {{QStringLiteral("items"), QJsonArray{profile(4, QStringLiteral("Office"), {})}}});
    const QJsonObject filter{
        {QStringLiteral("all"),
         QJsonArray{QJsonObject{{QStringLiteral("field"), QStringLiteral("name")},
                                {QStringLiteral("glob"), QStringLiteral("lab-*")}}}}};
    QJsonObject lab{{QStringLiteral("id"), 3},
                    {QStringLiteral("name"), QStringLiteral("Lab")},
                    {QStringLiteral("revision"), 2},
                    {QStringLiteral("filter"), filter},
                    {QStringLiteral("profiles"), QJsonArray{}}};
    transport.answer(200, {{QStringLiteral("items"), QJsonArray{lab}}});
    REQUIRE(model.rowCount() == 1);
    CHECK(model.index(0, ViewsModel::Conditions).data().toInt() == 1);
    CHECK(model.index(0, ViewsModel::Profiles).data().toString().isEmpty());

    // A profile assigned to the view is announced on the profile: the views refresh in place.
    int resets = 0;
    QObject::connect(&model, &QAbstractItemModel::modelReset, [&] { ++resets; });
    model.applyEvent({QStringLiteral("changed"), QStringLiteral("profile"), 4,
                      profile(4, QStringLiteral("Office"), {})});
    CHECK(transport.sent.back().path == QStringLiteral("/api/v1/views"));
    lab.insert(QStringLiteral("profiles"), QJsonArray{QJsonObject{{QStringLiteral("assignment"), 2},
                                                                  {QStringLiteral("profile"), 4}}});
    transport.answer(200, {{QStringLiteral("items"), QJsonArray{lab}}});
    CHECK(model.index(0, ViewsModel::Profiles).data().toString() == QStringLiteral("Office"));
    CHECK(resets == 0);

    model.change(3, QStringLiteral("Lab"), {}, filter, ApplyMode::Now);
    CHECK(transport.sent.back().method == "PATCH");
    CHECK(transport.sent.back().path == QStringLiteral("/api/v1/views/3?apply=now"));
    CHECK(transport.sent.back().body->value(QStringLiteral("revision")) == 2);
    QString refused;
    QObject::connect(&model, &ViewsModel::finished,
                     [&](const QString&, const QString& error) { refused = error; });
    transport.answer(400, refusal(QStringLiteral("body.filter.all[0].glob is not valid")));
    CHECK(refused == QStringLiteral("body.filter.all[0].glob is not valid"));

    model.loadMembers(3);
    CHECK(transport.sent.back().path.startsWith(QStringLiteral("/api/v1/views/3/devices")));
    transport.answer(200,
                     {{QStringLiteral("items"),
                       QJsonArray{QJsonObject{{QStringLiteral("id"), 7},
                                              {QStringLiteral("name"), QStringLiteral("lab-1")}}}},
                      {QStringLiteral("total"), 1}});
    CHECK(model.members().size() == 1);
    CHECK(model.memberTotal() == 1);
    // A device change may move a device in or out: the members load again.
    model.applyEvent({QStringLiteral("changed"), QStringLiteral("device"), 9, std::nullopt});
    CHECK(transport.sent.back().path.startsWith(QStringLiteral("/api/v1/views/3/devices")));
    model.applyEvent({QStringLiteral("deleted"), QStringLiteral("view"), 3, std::nullopt});
    CHECK(model.rowCount() == 0);
}

TEST_CASE("Profiles and Views are real tree nodes when the server has their routes",
          "[unit][console]")
{
    using steward::console::models::NavigationModel;
    FakeTransport transport;
    NavigationModel model(transport, false);
    const QModelIndex before = model.nodeIndex(NavigationModel::Node::Profiles);
    REQUIRE(before.isValid());
    CHECK(before.data().toString() == QStringLiteral("Profiles (not built yet)"));
    CHECK(NavigationModel::Node(before.data(NavigationModel::NodeRole).toInt())
          == NavigationModel::Node::Placeholder);

    model.setConfigurationAvailable(true, false);
    const QModelIndex profiles = model.nodeIndex(NavigationModel::Node::Profiles);
    CHECK(profiles.data().toString() == QStringLiteral("Profiles"));
    CHECK(NavigationModel::Node(profiles.data(NavigationModel::NodeRole).toInt())
          == NavigationModel::Node::Profiles);
    CHECK(profiles.data(NavigationModel::AccessNodeRole).toString()
          == QStringLiteral("root:profiles"));
    CHECK(model.nodeIndex(NavigationModel::Node::Views).data().toString()
          == QStringLiteral("Views (not built yet)"));
    model.setConfigurationAvailable(true, true);
    CHECK(model.nodeIndex(NavigationModel::Node::Views).data().toString()
          == QStringLiteral("Views"));
}
