// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// ConsoleRig - a console's settings in a temporary folder, connecting through the real dialog.
#pragma once

#include "console/app/ConsoleSettings.h"
#include "console/ui/ConnectDialog.h"
#include "server/services/ServerIdentity.h"
#include "tests/integration/devices/DeviceTestSupport.h"
#include "tests/support/CatchQt.h"
#include "tests/support/EventLoop.h"

#include <QTemporaryDir>

#include <memory>
#include <vector>

namespace steward::test {

/** alice's password in every DeviceTestServer. */
inline const QString ConsolePassword = QStringLiteral("correct horse");

struct Console {
    QTemporaryDir configDir;
    console::ConsoleSettings settings{configDir.path()};
    std::vector<console::ui::TrustQuestion> questions;
    bool trust = true;
    QString user = QStringLiteral("alice");

    std::unique_ptr<console::ui::ConnectDialog> dialog(DeviceTestServer& server,
                                                       const QString& password = ConsolePassword)
    {
        auto made = std::make_unique<console::ui::ConnectDialog>(settings);
        made->setServer(server.url().toString());
        made->setUser(user);
        made->setPassword(password);
        made->setTrustPrompt([this](const console::ui::TrustQuestion& question) {
            questions.push_back(question);
            return trust;
        });
        return made;
    }

    /** Connects and waits until the dialog is accepted. */
    console::net::Session connect(DeviceTestServer& server, QObject& owner,
                                  const QString& password = ConsolePassword)
    {
        auto made = dialog(server, password);
        made->connectToServer();
        INFO(made->message().toStdString());
        REQUIRE(waitUntil([&] { return made->result() == QDialog::Accepted; }));
        return made->takeSession(&owner);
    }

    void pin(DeviceTestServer& server)
    {
        settings.pinCertificate(server.url(),
                                server.app().identity().webCertificate().toQSslCertificate());
    }
};

} // namespace steward::test
