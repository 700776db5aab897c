// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// Bulk commands as jobs and the Jobs page, offscreen, against a real ServerApp over TLS with
// real steward-agent processes.
#include "console/models/DeviceListModel.h"
#include "console/models/JobListModel.h"
#include "console/models/NavigationModel.h"
#include "console/ui/JobDialog.h"
#include "console/ui/JobProgressDialog.h"
#include "console/ui/JobsPage.h"
#include "console/ui/MainWindow.h"
#include "console/ui/ShadowLauncher.h"
#include "server/app/ServerSettings.h"
#include "tests/integration/console/ConsoleRig.h"
#include "tests/integration/jobs/HookAgent.h"
#include "tests/support/server/DeviceSeed.h"

#include <QAction>
#include <QItemSelectionModel>
#include <QJsonArray>
#include <QLineEdit>
#include <QPushButton>
#include <QTableView>
#include <QTableWidget>
#include <QTreeView>

using namespace steward;
using namespace steward::console;
using steward::test::DeviceTestServer;
using steward::test::waitUntil;

namespace {

struct Rig {
    explicit Rig(int seeded)
    {
        if (seeded > 0) {
            server::ServerSettings settings;
            settings.dataDir = server.dataDir();
            REQUIRE(test::seedDevices(settings.databaseConfig(), seeded).ok());
        }
        console.pin(server);
    }

    void open()
    {
        window = std::make_unique<ui::MainWindow>(console.connect(server, owner), console.settings,
                                                  shadow);
        window->setConfirm([this](const QString&, const QString& text) {
            questions.append(text);
            return true;
        });
        window->resize(1100, 650);
        window->show();
        window->navigationView().setCurrentIndex(window->navigation().devicesIndex());
    }

    void selectDevices(const QList<qint64>& ids)
    {
        auto& list = window->devices();
        REQUIRE(waitUntil([&] {
            for (const qint64 id : ids) {
                if (list.rowOf(id) < 0) {
                    return false;
                }
            }
            return true;
        }));
        auto* selection = window->deviceView().selectionModel();
        selection->clearSelection();
        for (const qint64 id : ids) {
            selection->select(list.index(list.rowOf(id), 0),
                              QItemSelectionModel::Select | QItemSelectionModel::Rows);
        }
    }

    ui::JobProgressDialog* progress() const
    {
        return window->findChild<ui::JobProgressDialog*>(QStringLiteral("jobProgress"));
    }

    QModelIndex jobsNode() const
    {
        auto& tree = window->navigation();
        for (int row = 0; row < tree.rowCount(); ++row) {
            const QModelIndex index = tree.index(row, 0);
            if (index.data(models::NavigationModel::NodeRole).toInt()
                == int(models::NavigationModel::Node::Jobs)) {
                return index;
            }
        }
        return {};
    }

    DeviceTestServer server;
    test::Console console;
    QObject owner;
    ui::UnavailableShadowLauncher shadow;
    std::unique_ptr<ui::MainWindow> window;
    QStringList questions;
};

} // namespace

TEST_CASE("a reboot of two selected devices runs as one job whose progress dialog reaches 100 "
          "percent on real agents")
{
    Rig rig(0);
    test::HookAgent first(rig.server);
    test::HookAgent second(rig.server);
    REQUIRE(waitUntil(
        [&] {
            return rig.server.device(first.id)[QStringLiteral("online")] == true
                   && rig.server.device(second.id)[QStringLiteral("online")] == true;
        },
        std::chrono::seconds(20)));
    rig.open();
    rig.selectDevices({first.id, second.id});
    auto* reboot = rig.window->action(QStringLiteral("reboot"));
    REQUIRE(reboot->isEnabled());
    reboot->trigger();
    REQUIRE(rig.questions.size() == 1);
    CHECK(rig.questions.first().contains(QStringLiteral("Reboot 2 device(s)")));

    REQUIRE(waitUntil([&] { return rig.progress() != nullptr; }));
    auto* dialog = rig.progress();
    REQUIRE(waitUntil([&] { return dialog->value() == 100; }, std::chrono::seconds(20)));
    CHECK(dialog->state() == QStringLiteral("finished"));
    CHECK(dialog->labelText().contains(QStringLiteral("2 of 2 devices done")));
    CHECK(dialog->grab().save(QStringLiteral(STEWARD_BINARY_DIR "/console-job-progress.png")));
    CHECK(first.marker() == QStringLiteral("reboot\n"));
    CHECK(second.marker() == QStringLiteral("reboot\n"));
    // One job on the server, not two separate commands without one.
    const auto jobs = rig.server.admin().get(QStringLiteral("/api/v1/jobs")).json();
    REQUIRE(jobs[QStringLiteral("total")] == 1);
    CHECK(jobs[QStringLiteral("items")][0][QStringLiteral("id")].toInteger() == dialog->jobId());

    // The Jobs page lists it, finished, with its devices.
    rig.window->navigationView().setCurrentIndex(rig.jobsNode());
    CHECK(rig.window->currentPage() == &rig.window->jobsPage());
    auto& model = rig.window->jobs();
    REQUIRE(waitUntil([&] { return model.isLoaded() && model.rowCount() == 1; }));
    CHECK(model.index(0, models::JobListModel::Progress).data(models::JobListModel::ProgressRole)
          == 100);
    auto& page = rig.window->jobsPage();
    page.view().selectionModel()->select(model.index(0, 0), QItemSelectionModel::ClearAndSelect
                                                                | QItemSelectionModel::Rows);
    REQUIRE(waitUntil([&] { return page.devices().rowCount() == 2; }));
    CHECK(page.devices().item(0, 1)->text() == QStringLiteral("done"));
    CHECK(rig.window->grab().save(QStringLiteral(STEWARD_BINARY_DIR "/console-jobs.png")));
    CHECK(page.deleteButton().isEnabled());
}

TEST_CASE("cancelling a bulk shutdown from its progress dialog cancels the job on the server, "
          "and the Jobs page deletes it")
{
    Rig rig(3); // seeded devices: offline, so their commands wait in the queue
    rig.open();
    rig.selectDevices({1, 2, 3});
    rig.window->action(QStringLiteral("shutdown"))->trigger();
    REQUIRE(waitUntil([&] { return rig.progress() != nullptr; }));
    auto* dialog = rig.progress();
    const qint64 id = dialog->jobId();
    REQUIRE(waitUntil([&] {
        return rig.server.admin()
                   .get(QStringLiteral("/api/v1/jobs/%1").arg(id))
                   .json()[QStringLiteral("counts")][QStringLiteral("queued")]
               == 3;
    }));
    REQUIRE(dialog->findChild<QPushButton*>() != nullptr);
    dialog->findChild<QPushButton*>()->click(); // Cancel
    REQUIRE(waitUntil([&] { return dialog->state() == QStringLiteral("cancelled"); }));
    const auto job = rig.server.admin().get(QStringLiteral("/api/v1/jobs/%1").arg(id)).json();
    CHECK(job[QStringLiteral("state")] == QStringLiteral("cancelled"));
    CHECK(job[QStringLiteral("counts")][QStringLiteral("cancelled")] == 3);
    CHECK(job[QStringLiteral("progress")] == 100);
    // The queued device commands were cancelled too: nothing waits for the devices.
    const auto commands =
        rig.server.admin().get(QStringLiteral("/api/v1/devices/1/commands")).json();
    CHECK(commands[QStringLiteral("items")][0][QStringLiteral("state")]
          == QStringLiteral("cancelled"));

    rig.window->navigationView().setCurrentIndex(rig.jobsNode());
    auto& model = rig.window->jobs();
    auto& page = rig.window->jobsPage();
    REQUIRE(waitUntil([&] { return model.isLoaded() && model.rowCount() == 1; }));
    REQUIRE(page.deleteFinishedButton().isEnabled());
    page.deleteFinishedButton().click();
    REQUIRE(waitUntil([&] { return model.rowCount() == 0; }));
    CHECK(rig.server.admin().get(QStringLiteral("/api/v1/jobs")).json()[QStringLiteral("total")]
          == 0);

    // New job…: the three selected devices, in an hour: scheduled on the server, listed here.
    page.newButton().click();
    auto* form = rig.window->findChild<ui::JobDialog*>(QStringLiteral("jobDialog"));
    REQUIRE(form != nullptr);
    form->name().setText(QStringLiteral("Night reboot"));
    form->accept();
    REQUIRE(waitUntil([&] { return model.rowCount() == 1; }));
    CHECK(model.job(0).value(QStringLiteral("state")) == QStringLiteral("scheduled"));
    CHECK(model.job(0).value(QStringLiteral("name")) == QStringLiteral("Night reboot"));
    CHECK(model.job(0).value(QStringLiteral("total")) == 3);
    // A scheduled job opens no progress dialog: only the cancelled one's is there.
    CHECK(rig.window->findChildren<ui::JobProgressDialog*>().size() == 1);
}
