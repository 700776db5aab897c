// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "console/ui/PreferencesDialog.h"
#include "console/app/ConsoleSettings.h"
#include "console/app/ViewerCommand.h"
#include "tests/support/CatchQt.h"
#include "tests/support/TestPki.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFile>
#include <QListWidget>
#include <QPushButton>
#include <QRadioButton>
#include <QTemporaryDir>

using steward::console::ConsoleSettings;
using steward::console::detectViewers;
using steward::console::viewerCommandProblem;
using steward::console::ui::PreferencesDialog;

namespace {

/** Puts an executable shell script called \a name into \a dir. */
QString fakeProgram(const QTemporaryDir& dir, const QString& name)
{
    const QString path = dir.filePath(name);
    QFile file(path);
    REQUIRE(file.open(QIODevice::WriteOnly));
    file.write("#!/bin/sh\nexit 0\n");
    file.close();
    REQUIRE(file.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner));
    return path;
}

template <typename T> T* child(const QWidget& parent, const char* name)
{
    auto* widget = parent.findChild<T*>(QLatin1String(name));
    REQUIRE(widget != nullptr);
    return widget;
}

} // namespace

TEST_CASE("an external viewer command is checked, and the problem is named")
{
    QTemporaryDir bin;
    const QString viewer = fakeProgram(bin, QStringLiteral("myviewer"));
    const QStringList path{bin.path()};
    CHECK(viewerCommandProblem(QString(), path).isEmpty()); // the embedded viewer
    CHECK(viewerCommandProblem(QStringLiteral("myviewer 127.0.0.1::{port}"), path).isEmpty());
    CHECK(viewerCommandProblem(viewer + QStringLiteral(" --port {port}"), path).isEmpty());
    CHECK(viewerCommandProblem(QStringLiteral("nosuchviewer {port}"), path)
          == QStringLiteral("The viewer program \"nosuchviewer\" is not installed (it is not on "
                            "the PATH)."));
    const QString notExecutable = bin.filePath(QStringLiteral("plain"));
    QFile file(notExecutable);
    REQUIRE(file.open(QIODevice::WriteOnly));
    file.close();
    CHECK(viewerCommandProblem(notExecutable, path).contains(QStringLiteral("not executable")));
    CHECK(viewerCommandProblem(QStringLiteral("myviewer \"127.0.0.1::{port}"), path)
              .contains(QStringLiteral("unmatched quotation mark")));
}

TEST_CASE("the installed VNC viewers are offered with their own address syntax")
{
    QTemporaryDir bin;
    fakeProgram(bin, QStringLiteral("remmina"));
    fakeProgram(bin, QStringLiteral("xtigervncviewer"));
    const auto found = detectViewers({bin.path()});
    REQUIRE(found.size() == 2);
    CHECK(found[0].name == QStringLiteral("TigerVNC"));
    CHECK(found[0].command == QStringLiteral("xtigervncviewer 127.0.0.1::{port}"));
    CHECK(found[1].command == QStringLiteral("remmina -c vnc://127.0.0.1:{port}"));
    QTemporaryDir empty;
    CHECK(detectViewers({empty.path()}).empty());
}

TEST_CASE("preferences: a bad viewer command is refused and nothing is saved")
{
    QTemporaryDir config;
    QTemporaryDir bin;
    fakeProgram(bin, QStringLiteral("xtigervncviewer"));
    ConsoleSettings settings(config.path());
    PreferencesDialog dialog(settings, nullptr, {bin.path()});
    CHECK(child<QRadioButton>(dialog, "embeddedViewer")->isChecked());
    auto* command = child<QComboBox>(dialog, "viewerCommand");
    REQUIRE(command->count() == 1);
    CHECK(command->itemText(0) == QStringLiteral("xtigervncviewer 127.0.0.1::{port}"));
    CHECK_FALSE(command->isEnabled()); // only with the external viewer chosen

    child<QRadioButton>(dialog, "externalViewer")->setChecked(true);
    CHECK(command->isEnabled());
    command->setEditText(QStringLiteral("nosuchviewer 127.0.0.1::{port}"));
    child<QCheckBox>(dialog, "scaleToFit")->setChecked(false);
    dialog.accept();
    CHECK(dialog.result() != QDialog::Accepted);
    CHECK(dialog.problem().contains(QStringLiteral("\"nosuchviewer\" is not installed")));
    CHECK(ConsoleSettings(config.path()).externalViewer().isEmpty());
    CHECK(ConsoleSettings(config.path()).shadowScaleToFit()); // nothing half-applied

    command->setEditText(QString());
    dialog.accept();
    CHECK(dialog.problem().contains(QStringLiteral("Enter the external viewer command")));

    command->setCurrentIndex(0);
    dialog.accept();
    CHECK(dialog.result() == QDialog::Accepted);
    CHECK(dialog.problem().isEmpty());
    CHECK(ConsoleSettings(config.path()).externalViewer()
          == QStringLiteral("xtigervncviewer 127.0.0.1::{port}"));
}

TEST_CASE("preferences: the embedded viewer, scaling and forgetting a remembered server")
{
    QTemporaryDir config;
    const QUrl a(QStringLiteral("https://a:8443"));
    const QUrl b(QStringLiteral("https://b:8443"));
    {
        ConsoleSettings settings(config.path());
        settings.rememberServer(b, QStringLiteral("bob"));
        settings.rememberServer(a, QStringLiteral("alice"));
        settings.pinCertificate(
            b, steward::test::TestPki::certificate(steward::test::TestPki::Entity::Server));
        settings.setExternalViewer(QStringLiteral("vncviewer {port}"));
    }
    ConsoleSettings settings(config.path());
    {
        PreferencesDialog dialog(settings, nullptr, {config.path()});
        CHECK(child<QRadioButton>(dialog, "externalViewer")->isChecked());
        CHECK(child<QComboBox>(dialog, "viewerCommand")->currentText()
              == QStringLiteral("vncviewer {port}"));
        auto* servers = child<QListWidget>(dialog, "servers");
        REQUIRE(servers->count() == 2);
        CHECK(servers->item(1)->toolTip().contains(QStringLiteral("Last user: bob")));
        CHECK(servers->item(1)->toolTip().contains(QStringLiteral("SHA-256")));
        auto* forget = child<QPushButton>(dialog, "forgetServer");
        CHECK_FALSE(forget->isEnabled());
        servers->item(1)->setSelected(true);
        REQUIRE(forget->isEnabled());
        forget->click();
        CHECK(servers->count() == 1);
        dialog.reject(); // Cancel keeps everything
    }
    CHECK(ConsoleSettings(config.path()).servers().size() == 2);
    PreferencesDialog dialog(settings, nullptr, {config.path()});
    child<QListWidget>(dialog, "servers")->item(1)->setSelected(true);
    child<QPushButton>(dialog, "forgetServer")->click();
    child<QRadioButton>(dialog, "embeddedViewer")->setChecked(true);
    child<QCheckBox>(dialog, "scaleToFit")->setChecked(false);
    dialog.accept();
    REQUIRE(dialog.result() == QDialog::Accepted);
    const ConsoleSettings saved(config.path());
    CHECK(saved.servers() == QStringList{a.toString()});
    CHECK(saved.pinnedCertificate(b).isNull());
    CHECK(saved.lastUser(b).isEmpty());
    CHECK(saved.externalViewer().isEmpty());
    CHECK_FALSE(saved.shadowScaleToFit());
}
