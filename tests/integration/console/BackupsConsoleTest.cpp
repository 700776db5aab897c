// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// The console's Backups page against a real server: a backup made from the console, followed to
// the end, saved to a file here, deleted; a cancelled one leaves nothing behind.
#include "console/models/BackupModel.h"
#include "console/models/NavigationModel.h"
#include "console/ui/BackupsPage.h"
#include "console/ui/MainWindow.h"
#include "console/ui/ShadowLauncher.h"
#include "tests/integration/console/ConsoleRig.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QItemSelectionModel>
#include <QTableView>
#include <QTreeView>

using namespace steward;
using namespace steward::console;
using steward::test::Console;
using steward::test::DeviceTestServer;
using steward::test::waitUntil;

TEST_CASE("a backup made in the console is followed, saved here and deleted",
          "[integration][console]")
{
    DeviceTestServer server(
        [](server::ServerSettings& settings) { settings.backupPassphraseIterations = 1000; });
    Console console;
    console.pin(server);
    QObject owner;
    ui::UnavailableShadowLauncher shadow;
    ui::MainWindow window(console.connect(server, owner), console.settings, shadow);
    window.setConfirm([](const QString&, const QString&) { return true; });
    window.resize(1000, 600);
    window.show();
    auto& tree = window.navigation();
    REQUIRE(tree.backupsIndex().isValid());
    window.navigationView().setCurrentIndex(tree.backupsIndex());
    REQUIRE(window.currentPage() == &window.backupsPage());
    auto& page = window.backupsPage();
    auto* model = qobject_cast<models::BackupModel*>(page.view().model());
    REQUIRE(model != nullptr);
    model->setPollInterval(std::chrono::milliseconds(50));
    REQUIRE(waitUntil([&] { return model->isLoaded(); }));
    CHECK(model->rowCount() == 0);

    page.setPassphrasePrompt([] { return std::optional<QString>(QStringLiteral("short")); });
    page.makeBackup();
    REQUIRE(waitUntil([&] { return page.statusText().startsWith(QStringLiteral("No backup")); }));
    CHECK(page.statusText().contains(QStringLiteral("at least 12 characters")));

    page.setPassphrasePrompt(
        [] { return std::optional<QString>(QStringLiteral("a long backup passphrase")); });
    page.makeBackup();
    REQUIRE(waitUntil([&] {
        return model->rowCount() == 1
               && model->backup(0).value(QStringLiteral("state")) == QStringLiteral("done");
    }));
    CHECK_FALSE(model->isPolling());
    const QString name = model->backup(0).value(QStringLiteral("name")).toString();

    QTemporaryDir here;
    const QString path = here.filePath(QStringLiteral("saved.stwbak"));
    page.setSavePathPrompt([&](const QString& suggested) {
        CHECK(suggested == name);
        return path;
    });
    page.view().selectRow(0);
    page.saveSelected();
    REQUIRE(waitUntil([&] { return page.statusText().startsWith(QStringLiteral("Saved")); }));
    QFile saved(path);
    REQUIRE(saved.open(QIODevice::ReadOnly));
    CHECK(saved.read(6) == QByteArrayLiteral("STWBAK"));
    CHECK(saved.size() == model->backup(0).value(QStringLiteral("size")).toInteger());
    CHECK(QFileInfo(path).permissions()
          == (QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadUser
              | QFileDevice::WriteUser));
    window.grab().save(QStringLiteral(STEWARD_BINARY_DIR "/console-backups.png"));

    page.deleteSelected();
    REQUIRE(waitUntil([&] { return model->rowCount() == 0; }));
    CHECK_FALSE(QFile::exists(QDir(server.dataDir()).filePath(QStringLiteral("backups/") + name)));
    CHECK(QFile::exists(path)); // the copy here is kept

    // A cancel right after the start: cancelled in time, or the finished file deleted.
    page.makeBackup();
    REQUIRE(waitUntil([&] { return !model->running().isEmpty() || model->rowCount() > 0; }));
    page.cancelBackup();
    if (model->running().isEmpty() && model->rowCount() > 0) {
        page.view().selectRow(0);
        page.deleteSelected(); // it had already finished
    }
    REQUIRE(waitUntil([&] { return model->running().isEmpty() && !model->isPolling(); }));
    REQUIRE(waitUntil([&] {
        return QDir(QDir(server.dataDir()).filePath(QStringLiteral("backups")))
            .entryList({QStringLiteral("*.stwbak")}, QDir::Files)
            .isEmpty();
    }));
}
