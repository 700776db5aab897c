// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// Administration in the console against a real server: the audit log page (filters, live
// entries, CSV export) and the administrators page (create, set a password, refusals).
#include "console/models/AuditLogModel.h"
#include "console/models/NavigationModel.h"
#include "console/ui/AdministratorsPage.h"
#include "console/ui/AuditLogPage.h"
#include "console/ui/MainWindow.h"
#include "console/ui/ShadowLauncher.h"
#include "tests/integration/console/ConsoleRig.h"

#include <QComboBox>
#include <QFile>
#include <QLineEdit>
#include <QTableView>
#include <QTreeWidget>

using namespace steward;
using namespace steward::console;
using steward::test::Console;
using steward::test::DeviceTestServer;
using steward::test::waitUntil;
using Node = steward::console::models::NavigationModel::Node;

TEST_CASE("the audit log page filters, follows new entries and exports CSV",
          "[integration][console]")
{
    DeviceTestServer server;
    Console console;
    console.pin(server);
    QObject owner;
    ui::UnavailableShadowLauncher shadow;
    ui::MainWindow window(console.connect(server, owner), console.settings, shadow);
    window.resize(1100, 600);
    window.show();
    window.navigationView().setCurrentIndex(window.navigation().nodeIndex(Node::Audit));
    REQUIRE(window.currentPage() == &window.auditLogPage());
    auto& page = window.auditLogPage();
    auto* model = qobject_cast<models::AuditLogModel*>(page.view().model());
    REQUIRE(model != nullptr);
    model->setRefreshInterval(std::chrono::milliseconds(50));
    REQUIRE(waitUntil([&] { return model->isLoaded() && model->rowCount() > 0; }));
    const auto hasAction = [&](const QString& action) {
        for (int row = 0; row < model->rowCount(); ++row) {
            if (model->entry(row).value(QStringLiteral("action")) == action) {
                return true;
            }
        }
        return false;
    };
    CHECK(hasAction(QStringLiteral("login")));

    // Something happens elsewhere: it appears without a refresh.
    REQUIRE(server.admin()
                .post(QStringLiteral("/api/v1/folders"),
                      QJsonObject{{QStringLiteral("name"), QStringLiteral("Audited")},
                                  {QStringLiteral("parent"), QJsonValue::Null}})
                .status
            == 201);
    REQUIRE(waitUntil([&] { return hasAction(QStringLiteral("folder.create")); }));
    window.grab().save(QStringLiteral(STEWARD_BINARY_DIR "/console-audit-log.png"));

    page.findChild<QLineEdit*>(QStringLiteral("auditAction"))
        ->setText(QStringLiteral("folder.create"));
    page.applyFilters();
    REQUIRE(waitUntil([&] { return model->isLoaded() && model->rowCount() == 1; }));
    CHECK(model->entry(0)
              .value(QStringLiteral("object"))
              .toString()
              .startsWith(QStringLiteral("folder:")));

    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("audit.csv"));
    page.setExportPathPrompt([&] { return path; });
    page.exportCsv();
    CHECK(page.statusText().startsWith(QStringLiteral("Exported 1 entries")));
    QFile csv(path);
    REQUIRE(csv.open(QIODevice::ReadOnly));
    const QByteArray content = csv.readAll();
    CHECK(content.startsWith("Time,Who,Action,Object,Outcome,From,Details\r\n"));
    CHECK(content.contains(",alice,folder.create,folder:"));
}

TEST_CASE("the administrators page creates an administrator and sets a password, in the "
          "server's words when refused",
          "[integration][console]")
{
    DeviceTestServer server;
    Console console;
    console.pin(server);
    QObject owner;
    ui::UnavailableShadowLauncher shadow;
    ui::MainWindow window(console.connect(server, owner), console.settings, shadow);
    window.show();
    window.navigationView().setCurrentIndex(window.navigation().nodeIndex(Node::Administrators));
    REQUIRE(window.currentPage() == &window.administratorsPage());
    auto& page = window.administratorsPage();
    REQUIRE(waitUntil([&] { return !page.isBusy() && page.list().topLevelItemCount() == 1; }));
    CHECK(page.list().topLevelItem(0)->text(0) == QStringLiteral("alice"));
    CHECK(page.list().topLevelItem(0)->text(1) == QStringLiteral("yes"));

    page.setNewAdministratorPrompt([] {
        return std::optional<ui::NewAdministrator>(
            ui::NewAdministrator{QStringLiteral("bob"), QStringLiteral("x"), false});
    });
    page.createAdministrator();
    REQUIRE(waitUntil([&] { return !page.isBusy(); }));
    CHECK(page.statusText().startsWith(QStringLiteral("bob was not created: ")));
    CHECK(page.list().topLevelItemCount() == 1);

    page.setNewAdministratorPrompt([] {
        return std::optional<ui::NewAdministrator>(ui::NewAdministrator{
            QStringLiteral("bob"), QStringLiteral("a long enough password"), false});
    });
    page.createAdministrator();
    REQUIRE(waitUntil([&] { return !page.isBusy() && page.list().topLevelItemCount() == 2; }));
    CHECK(page.statusText() == QStringLiteral("Administrator bob created."));

    page.list().setCurrentItem(page.list().topLevelItem(1));
    REQUIRE(page.list().currentItem()->text(0) == QStringLiteral("bob"));
    page.setPasswordPrompt([](const QString& name) {
        CHECK(name == QStringLiteral("bob"));
        return std::optional<QString>(QStringLiteral("another long password"));
    });
    page.setPassword();
    REQUIRE(waitUntil([&] { return !page.isBusy() && page.list().topLevelItemCount() == 2; }));
    CHECK(page.statusText() == QStringLiteral("The password of bob was changed."));
    test::RestClient bob(server.port(), {server.app().identity().rootCa().toQSslCertificate()});
    CHECK(bob.login(QStringLiteral("bob"), QStringLiteral("another long password")).status == 200);
}
