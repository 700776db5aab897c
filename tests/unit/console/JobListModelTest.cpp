// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "console/models/JobListModel.h"
#include "console/ui/JobDialog.h"
#include "console/ui/JobProgressDialog.h"
#include "console/ui/JobsPage.h"
#include "tests/support/CatchQt.h"
#include "tests/support/EventLoop.h"
#include "tests/unit/console/FakeTransport.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QItemSelectionModel>
#include <QJsonArray>
#include <QLineEdit>
#include <QPointer>
#include <QPushButton>
#include <QTableView>
#include <QTableWidget>

using steward::console::models::JobListModel;
using steward::test::FakeTransport;

namespace {

QJsonObject job(qint64 id, const QString& state, int progress, qint64 done = 0, qint64 queued = 2)
{
    return QJsonObject{{QStringLiteral("id"), id},
                       {QStringLiteral("name"), QStringLiteral("Reboot %1").arg(id)},
                       {QStringLiteral("kind"), QStringLiteral("reboot")},
                       {QStringLiteral("state"), state},
                       {QStringLiteral("progress"), progress},
                       {QStringLiteral("total"), done + queued},
                       {QStringLiteral("createdBy"), QStringLiteral("alice")},
                       {QStringLiteral("runAt"), QStringLiteral("2026-12-04T05:00:00Z")},
                       {QStringLiteral("counts"), QJsonObject{{QStringLiteral("done"), done},
                                                              {QStringLiteral("queued"), queued},
                                                              {QStringLiteral("sent"), 0},
                                                              {QStringLiteral("failed"), 0},
                                                              {QStringLiteral("cancelled"), 0}}}};
}

steward::protocol::ObjectEvent jobEvent(const QString& event, qint64 id,
                                        std::optional<QJsonObject> object = {})
{
    return {event, QStringLiteral("job"), id, std::move(object)};
}

} // namespace

TEST_CASE("the job list loads newest first and follows job events with progress")
{
    FakeTransport transport;
    JobListModel model(transport);
    model.reload();
    REQUIRE(transport.sent.back().path.startsWith(QStringLiteral("/api/v1/jobs")));
    transport.answer(
        200, {{QStringLiteral("items"), QJsonArray{job(5, QStringLiteral("running"), 0),
                                                   job(2, QStringLiteral("finished"), 100, 2, 0)}},
              {QStringLiteral("total"), 2}});
    REQUIRE(model.rowCount() == 2);
    CHECK(model.data(model.index(0, JobListModel::Name), Qt::DisplayRole)
          == QStringLiteral("Reboot 5"));
    CHECK(model.data(model.index(1, JobListModel::Devices), Qt::DisplayRole)
          == QStringLiteral("2 done, 0 failed, 0 cancelled of 2"));

    QList<QJsonObject> changes;
    QObject::connect(&model, &JobListModel::jobChanged,
                     [&](const QJsonObject& changed) { changes.append(changed); });
    model.applyEvent(
        jobEvent(QStringLiteral("changed"), 5, job(5, QStringLiteral("running"), 50, 1, 1)));
    CHECK(model.data(model.index(0, 0), JobListModel::ProgressRole) == 50);
    CHECK(model.data(model.index(0, JobListModel::Progress), Qt::DisplayRole)
          == QStringLiteral("50%"));
    model.applyEvent(
        jobEvent(QStringLiteral("created"), 7, job(7, QStringLiteral("scheduled"), 0)));
    REQUIRE(model.rowCount() == 3);
    CHECK(model.rowOf(7) == 0);
    CHECK(changes.size() == 2);
    model.applyEvent(jobEvent(QStringLiteral("deleted"), 2));
    CHECK(model.rowCount() == 2);
    CHECK(model.rowOf(2) == -1);
    model.applyEvent({QStringLiteral("changed"), QStringLiteral("device"), 5, QJsonObject{}});
    CHECK(model.rowCount() == 2);
}

TEST_CASE("the job list creates, cancels and deletes jobs over REST")
{
    FakeTransport transport;
    JobListModel model(transport);
    QList<QJsonObject> created;
    QStringList outcomes;
    QObject::connect(&model, &JobListModel::created,
                     [&](const QJsonObject& made) { created.append(made); });
    QObject::connect(
        &model, &JobListModel::finished, [&](const QString& what, const QString& error) {
            outcomes.append(error.isEmpty() ? what : what + QStringLiteral(" failed: ") + error);
        });
    model.create(QStringLiteral("shutdown"), {3, 4});
    const auto& post = transport.sent.back();
    CHECK(post.method == "POST");
    CHECK(post.path == QStringLiteral("/api/v1/jobs"));
    CHECK(post.body->value(QStringLiteral("kind")) == QStringLiteral("shutdown"));
    CHECK(post.body->value(QStringLiteral("target")).toObject().value(QStringLiteral("devices"))
          == QJsonArray{3, 4});
    transport.answer(201, job(9, QStringLiteral("running"), 0));
    REQUIRE(created.size() == 1);
    CHECK(model.rowOf(9) == 0);

    model.cancel(9);
    CHECK(transport.sent.back().path == QStringLiteral("/api/v1/jobs/9/cancel"));
    QJsonObject cancelled = job(9, QStringLiteral("cancelled"), 100, 0, 0);
    cancelled.insert(QStringLiteral("cancelledNow"), 2);
    cancelled.insert(QStringLiteral("alreadyReached"), 0);
    transport.answer(200, cancelled);
    CHECK(model.job(0).value(QStringLiteral("state")) == QStringLiteral("cancelled"));
    CHECK(outcomes.last()
          == QStringLiteral("Cancel job 9: 2 devices cancelled, 0 already reached"));

    model.create(QStringLiteral("reboot"), {1, 2});
    transport.answer(403, {{QStringLiteral("error"),
                            QJsonObject{{QStringLiteral("message"),
                                         QStringLiteral("missing right Commands on 1 of the 2 "
                                                        "target devices: TC-2 (2)")}}}});
    CHECK(outcomes.last().contains(QStringLiteral("TC-2 (2)")));
    CHECK(created.size() == 1);

    model.removeFinished();
    CHECK(transport.sent.back().method == "DELETE");
    CHECK(transport.sent.back().path == QStringLiteral("/api/v1/jobs/9"));
    transport.answer(204, {});
    CHECK(model.rowCount() == 0);
}

TEST_CASE("the progress dialog follows its job, cancels it, and closes once it is over")
{
    FakeTransport transport;
    JobListModel model(transport);
    steward::console::ui::JobProgressDialog dialog(model, job(4, QStringLiteral("running"), 0));
    CHECK(dialog.value() == 0);
    model.applyEvent(
        jobEvent(QStringLiteral("changed"), 4, job(4, QStringLiteral("running"), 50, 1, 1)));
    model.applyEvent(
        jobEvent(QStringLiteral("changed"), 8, job(8, QStringLiteral("running"), 90, 9, 1)));
    CHECK(dialog.value() == 50);
    CHECK(dialog.labelText().contains(QStringLiteral("1 of 2 devices done")));
    REQUIRE(dialog.findChild<QPushButton*>() != nullptr);
    dialog.findChild<QPushButton*>()->click(); // Cancel
    REQUIRE_FALSE(transport.sent.empty());
    CHECK(transport.sent.back().path == QStringLiteral("/api/v1/jobs/4/cancel"));

    QPointer<steward::console::ui::JobProgressDialog> done =
        new steward::console::ui::JobProgressDialog(model, job(6, QStringLiteral("running"), 0));
    const auto before = transport.sent.size();
    model.applyEvent(
        jobEvent(QStringLiteral("changed"), 6, job(6, QStringLiteral("finished"), 100, 2, 0)));
    CHECK(done->value() == 100);
    CHECK(done->findChild<QPushButton*>()->text() == QStringLiteral("Close"));
    done->findChild<QPushButton*>()->click(); // once over: nothing to cancel, the dialog goes
    CHECK(transport.sent.size() == before);
    CHECK(steward::test::waitUntil([&] { return done.isNull(); }));
}

TEST_CASE("the jobs page shows the selected job's devices and enables what fits its state")
{
    FakeTransport transport;
    JobListModel model(transport);
    steward::console::ui::JobsPage page(model);
    model.applyEvent(
        jobEvent(QStringLiteral("created"), 3, job(3, QStringLiteral("finished"), 100, 2, 0)));
    model.applyEvent(jobEvent(QStringLiteral("created"), 4, job(4, QStringLiteral("running"), 0)));
    CHECK_FALSE(page.cancelButton().isEnabled());
    CHECK(page.deleteFinishedButton().isEnabled());
    page.view().selectionModel()->select(model.index(model.rowOf(4), 0),
                                         QItemSelectionModel::ClearAndSelect
                                             | QItemSelectionModel::Rows);
    CHECK(page.cancelButton().isEnabled());
    CHECK_FALSE(page.deleteButton().isEnabled());
    REQUIRE(transport.sent.back().path == QStringLiteral("/api/v1/jobs/4"));
    QJsonObject details = job(4, QStringLiteral("running"), 0);
    details.insert(QStringLiteral("devices"),
                   QJsonArray{QJsonObject{{QStringLiteral("deviceId"), 1},
                                          {QStringLiteral("name"), QStringLiteral("TC-1")},
                                          {QStringLiteral("state"), QStringLiteral("sent")},
                                          {QStringLiteral("message"), QString()}},
                              QJsonObject{{QStringLiteral("deviceId"), 2},
                                          {QStringLiteral("name"), QStringLiteral("TC-2")},
                                          {QStringLiteral("state"), QStringLiteral("queued")},
                                          {QStringLiteral("message"), QString()}}});
    transport.answer(200, details);
    REQUIRE(page.devices().rowCount() == 2);
    CHECK(page.devices().item(0, 0)->text() == QStringLiteral("TC-1"));
    CHECK(page.devices().item(1, 1)->text() == QStringLiteral("queued"));
    // A job event for the selected job reloads its devices.
    model.applyEvent(
        jobEvent(QStringLiteral("changed"), 4, job(4, QStringLiteral("running"), 50, 1, 1)));
    CHECK(transport.sent.back().path == QStringLiteral("/api/v1/jobs/4"));
    page.cancelSelected();
    CHECK(transport.sent.back().path == QStringLiteral("/api/v1/jobs/4/cancel"));
}

TEST_CASE("the new job dialog asks for a command on the selection or a folder, now or later")
{
    std::vector<steward::console::models::Folder> folders{{4, QStringLiteral("Lab"), {}, 3}};
    steward::console::ui::JobDialog dialog({7, 8}, folders);
    REQUIRE(dialog.target().count() == 2);
    dialog.kind().setCurrentIndex(dialog.kind().findData(QStringLiteral("shutdown")));
    dialog.now().setChecked(true);
    QJsonObject body = dialog.body();
    CHECK(body.value(QStringLiteral("kind")) == QStringLiteral("shutdown"));
    CHECK(body.value(QStringLiteral("target")).toObject().value(QStringLiteral("devices"))
          == QJsonArray{7, 8});
    CHECK_FALSE(body.contains(QStringLiteral("runAt")));
    CHECK_FALSE(body.contains(QStringLiteral("name")));

    dialog.target().setCurrentIndex(1);
    dialog.subfolders().setChecked(false);
    dialog.now().setChecked(false);
    dialog.name().setText(QStringLiteral(" Lab at night "));
    const QDateTime at(QDate(2030, 1, 2), QTime(3, 4), Qt::UTC);
    dialog.time().setDateTime(at.toLocalTime());
    body = dialog.body();
    CHECK(body.value(QStringLiteral("target")).toObject()
          == QJsonObject{{QStringLiteral("folder"), 4}, {QStringLiteral("subfolders"), false}});
    CHECK(body.value(QStringLiteral("runAt")) == QStringLiteral("2030-01-02T03:04:00Z"));
    CHECK(body.value(QStringLiteral("name")) == QStringLiteral("Lab at night"));

    steward::console::ui::JobDialog empty({}, {});
    CHECK(empty.target().count() == 0);
}
