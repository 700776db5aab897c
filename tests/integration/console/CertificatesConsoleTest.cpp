// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// Administration › Certificates, offscreen, against a real ServerApp over TLS: generate, move,
// the server's refusals shown verbatim, a delete refused with the device count, the content,
// a key-pair export, imports, changes made elsewhere arriving live, and the expiry notice.
#include "common/crypto/CertificateIssuer.h"
#include "common/crypto/Pkcs12.h"
#include "console/models/CertificateModel.h"
#include "console/models/NavigationModel.h"
#include "console/ui/CertificateDialogs.h"
#include "console/ui/CertificateExpiryNotice.h"
#include "console/ui/CertificatesPage.h"
#include "console/ui/MainWindow.h"
#include "console/ui/ShadowLauncher.h"
#include "tests/integration/console/ConsoleRig.h"

#include <deque>

#include <QFile>
#include <QJsonObject>
#include <QPushButton>
#include <QTableView>
#include <QTreeView>

using namespace steward;
using namespace steward::console;
using models::CertificateModel;
using steward::test::DeviceTestServer;
using steward::test::waitUntil;

namespace {

QString cell(CertificateModel& model, const QString& alias, int column)
{
    const int row = model.rowOf(alias);
    return row < 0 ? QString() : model.index(row, column).data().toString();
}

} // namespace

TEST_CASE("the certificates page generates, moves, shows refusals and follows the store live")
{
    // Every certificate "expires soon": /status warns, and the console must say so.
    DeviceTestServer server(
        [](server::ServerSettings& settings) { settings.certificateWarningDays = 36500; });
    std::vector<std::unique_ptr<QTemporaryDir>> agents;
    QStringList names;
    for (int i = 0; i < 2; ++i) {
        agents.push_back(std::make_unique<QTemporaryDir>());
        auto enrolled = test::enrollAgent(server, agents.back()->path(), server.createToken());
        REQUIRE(enrolled.ok());
        names.append(server.device(enrolled->deviceId)[QStringLiteral("name")].toString());
    }
    REQUIRE(waitUntil(
        [&] {
            return server.admin().get(QStringLiteral("/status")).json()[QStringLiteral("status")]
                   == QStringLiteral("warn");
        },
        std::chrono::seconds(10)));

    test::Console console;
    console.pin(server);
    QObject owner;
    ui::UnavailableShadowLauncher shadow;
    ui::MainWindow window(console.connect(server, owner), console.settings, shadow);
    QStringList questions;
    std::deque<bool> answers; // yes when none is queued
    window.setConfirm([&](const QString&, const QString& text) {
        questions.append(text);
        const bool yes = answers.empty() || answers.front();
        if (!answers.empty()) {
            answers.pop_front();
        }
        return yes;
    });
    window.resize(1400, 640);
    window.show();

    // The expiry notice names the certificate, whatever page is shown.
    auto* notice = window.findChild<ui::CertificateExpiryNotice*>();
    REQUIRE(notice != nullptr);
    REQUIRE(waitUntil([&] { return notice->isVisible(); }));
    CHECK(notice->text().startsWith(QStringLiteral("⚠ Certificate expiry: \"tckey\" expires on")));

    auto& tree = window.navigation();
    REQUIRE(tree.certificatesIndex().isValid());
    CHECK(tree.certificatesIndex().parent().data().toString() == QStringLiteral("Administration"));
    window.navigationView().setCurrentIndex(tree.certificatesIndex());
    CHECK(window.currentPage() == &window.certificatesPage());
    auto& model = window.certificates();
    auto& page = window.certificatesPage();
    REQUIRE(waitUntil([&] { return model.isLoaded() && model.rowCount() == 1; }));
    CHECK(cell(model, QStringLiteral("tckey"), CertificateModel::Alias)
          == QStringLiteral("tckey (default)"));
    CHECK(cell(model, QStringLiteral("tckey"), CertificateModel::Devices) == QStringLiteral("2"));
    CHECK(cell(model, QStringLiteral("tckey"), CertificateModel::KeySpec)
          == QStringLiteral("RSA 4096"));

    std::vector<std::pair<QString, QString>> messages;
    page.setNotify(
        [&](const QString& title, const QString& text) { messages.emplace_back(title, text); });
    QString shownText;
    QString exportPassword = QStringLiteral("export secret");
    page.setRunDialog([&](QDialog& dialog) {
        if (auto* generate = qobject_cast<ui::GenerateCertificateDialog*>(&dialog)) {
            generate->setAlias(QStringLiteral("fleet-ec"));
            generate->setKeyChoice(2); // EC P-256
            generate->setNames(QStringLiteral("steward.example.org"));
            generate->setValidityDays(400);
            return true;
        }
        if (auto* password = qobject_cast<ui::ExportPasswordDialog*>(&dialog)) {
            password->setPasswords(exportPassword, exportPassword);
            return true;
        }
        if (auto* text = qobject_cast<ui::CertificateTextDialog*>(&dialog)) {
            shownText = text->text();
            return true;
        }
        return false;
    });

    // Generate: a new row at the end, active, not the default.
    page.button(QStringLiteral("generate"))->click();
    REQUIRE(waitUntil([&] { return model.rowOf(QStringLiteral("fleet-ec")) == 1; }));
    CHECK(page.statusText() == QStringLiteral("Generate \"fleet-ec\": done"));
    CHECK(cell(model, QStringLiteral("fleet-ec"), CertificateModel::KeySpec)
          == QStringLiteral("EC P-256"));
    CHECK(cell(model, QStringLiteral("fleet-ec"), CertificateModel::Signature)
          == QStringLiteral("SHA256withECDSA"));
    CHECK(cell(model, QStringLiteral("fleet-ec"), CertificateModel::Names)
          == QStringLiteral("steward.example.org"));
    CHECK(cell(model, QStringLiteral("fleet-ec"), CertificateModel::PrivateKey)
          == QStringLiteral("known"));
    CHECK(cell(model, QStringLiteral("fleet-ec"), CertificateModel::Active)
          == QStringLiteral("active"));
    const qint64 fleetEc = model.entry(model.rowOf(QStringLiteral("fleet-ec")))
                               .value(QStringLiteral("id"))
                               .toInteger();
    const qint64 tckey =
        model.entry(model.rowOf(QStringLiteral("tckey"))).value(QStringLiteral("id")).toInteger();

    // Move up: fleet-ec becomes the default.
    page.select(fleetEc);
    REQUIRE(page.button(QStringLiteral("moveUp"))->isEnabled());
    page.button(QStringLiteral("moveUp"))->click();
    REQUIRE(waitUntil([&] { return model.rowOf(fleetEc) == 0; }));
    REQUIRE(waitUntil([&] {
        return model.index(0, CertificateModel::Alias).data().toString()
               == QStringLiteral("fleet-ec (default)");
    }));
    CHECK(model.rowOf(fleetEc) == 0);
    CHECK(model.index(0, CertificateModel::Position).data().toString() == QStringLiteral("1"));
    CHECK_FALSE(page.button(QStringLiteral("moveUp"))->isEnabled()); // the top now, still selected

    // Deactivate tckey, then fleet-ec: the server refuses the last active one, in its words.
    page.select(tckey);
    page.button(QStringLiteral("deactivate"))->click();
    REQUIRE(waitUntil([&] {
        return cell(model, QStringLiteral("tckey"), CertificateModel::Active)
               == QStringLiteral("inactive");
    }));
    page.select(fleetEc);
    page.button(QStringLiteral("deactivate"))->click();
    REQUIRE(waitUntil([&] { return !messages.empty(); }));
    CHECK(messages.back().first == QStringLiteral("Deactivate \"fleet-ec\" failed"));
    CHECK(messages.back().second
          == QStringLiteral("\"fleet-ec\" is the last active certificate and cannot be "
                            "deactivated"));
    page.select(tckey);
    page.button(QStringLiteral("activate"))->click();
    REQUIRE(waitUntil([&] {
        return cell(model, QStringLiteral("tckey"), CertificateModel::Active)
               == QStringLiteral("active");
    }));

    // Show content and the devices using it.
    page.select(tckey);
    page.button(QStringLiteral("content"))->click();
    REQUIRE(waitUntil([&] { return !shownText.isEmpty(); }));
    CHECK(shownText.contains(QStringLiteral("Issuer: ")));
    CHECK(shownText.contains(QStringLiteral("Serial number: ")));
    CHECK(shownText.contains(QStringLiteral("SHA-1: ")));
    CHECK(shownText.contains(QStringLiteral("SHA-256: ")));
    CHECK(shownText.contains(QStringLiteral("CA: no")));
    shownText.clear();
    page.button(QStringLiteral("devices"))->click();
    REQUIRE(waitUntil([&] { return !shownText.isEmpty(); }));
    CHECK(shownText.startsWith(QStringLiteral("2 device(s) use \"tckey\"")));
    CHECK(shownText.contains(names[0]));
    CHECK(shownText.contains(names[1]));

    // Export key pair: the password twice, then a PKCS#12 that opens with it.
    QTemporaryDir saved;
    const QString p12Path = saved.filePath(QStringLiteral("fleet-ec.p12"));
    page.setSavePath([&](const QString&, const QString& suggested) {
        CHECK(suggested == QStringLiteral("fleet-ec.p12"));
        return p12Path;
    });
    page.select(fleetEc);
    page.button(QStringLiteral("exportKeyPair"))->click();
    REQUIRE(waitUntil([&] { return page.statusText().contains(QStringLiteral("saved to")); }));
    QFile p12(p12Path);
    REQUIRE(p12.open(QIODevice::ReadOnly));
    const auto bundle = crypto::importPkcs12(p12.readAll(), exportPassword);
    REQUIRE(bundle.ok());
    CHECK(bundle->certificate.fingerprintText(crypto::FingerprintAlgorithm::Sha256)
          == model.entry(model.rowOf(fleetEc)).value(QStringLiteral("sha256")).toString());

    // A change made elsewhere arrives live, through the event socket.
    REQUIRE(server.admin()
                .post(QStringLiteral("/api/v1/certificates"),
                      QJsonObject{{QStringLiteral("alias"), QStringLiteral("made-elsewhere")},
                                  {QStringLiteral("keySpec"), QStringLiteral("EC P-256")}})
                .status
            == 201);
    REQUIRE(waitUntil([&] { return model.rowOf(QStringLiteral("made-elsewhere")) == 2; }));

    // Delete tckey, which two devices use: refused with the count; force declined.
    page.select(tckey);
    answers = {true, false};
    questions.clear();
    page.button(QStringLiteral("delete"))->click();
    REQUIRE(waitUntil([&] { return questions.size() == 2; }));
    CHECK(questions[0].contains(QStringLiteral("Delete \"tckey\" from the store?")));
    CHECK(questions[1].contains(QStringLiteral("2 device(s) use \"tckey\"")));
    CHECK(questions[1].contains(QStringLiteral("delete with force=true to do it anyway")));
    CHECK(page.statusText().startsWith(QStringLiteral("Delete \"tckey\" refused: 2 device(s)")));
    CHECK(model.rowOf(tckey) == 1);
    page.select(fleetEc);
    CHECK(window.grab().save(QStringLiteral(STEWARD_BINARY_DIR "/console-certificates.png")));

    // Import through the dialog: an MD5 certificate is refused in the server's words, a PEM
    // certificate with its key is taken.
    auto key = crypto::PrivateKey::generate(crypto::KeySpec::ecP256());
    REQUIRE(key.ok());
    crypto::CertificateOptions options;
    options.commonName = QStringLiteral("imported in the console");
    auto made = crypto::createSelfSignedCertificate(*key, options);
    REQUIRE(made.ok());
    const auto write = [&](const QString& name, const QByteArray& data) {
        QFile file(saved.filePath(name));
        REQUIRE(file.open(QIODevice::WriteOnly));
        file.write(data);
        return file.fileName();
    };
    QFile md5(QStringLiteral(STEWARD_TEST_DATA_DIR "/crypto/md5-rsa-test-only.pem"));
    REQUIRE(md5.open(QIODevice::ReadOnly));
    QString importCertificate = write(QStringLiteral("md5.pem"), md5.readAll());
    QString importKey;
    page.setRunDialog([&](QDialog& dialog) {
        auto* import = qobject_cast<ui::ImportCertificateDialog*>(&dialog);
        REQUIRE(import != nullptr);
        import->setAlias(QStringLiteral("imported"));
        import->setPem(importCertificate, importKey);
        return true;
    });
    messages.clear();
    page.button(QStringLiteral("import"))->click();
    REQUIRE(waitUntil([&] { return !messages.empty(); }));
    CHECK(messages.back().first == QStringLiteral("Import \"imported\" failed"));
    CHECK(messages.back().second.contains(QStringLiteral("is signed with MD5")));
    importCertificate = write(QStringLiteral("imported.pem"), made->toPem());
    importKey = write(QStringLiteral("imported.key"), key->toPem().value());
    page.button(QStringLiteral("import"))->click();
    REQUIRE(waitUntil([&] { return model.rowOf(QStringLiteral("imported")) >= 0; }));
    CHECK(cell(model, QStringLiteral("imported"), CertificateModel::PrivateKey)
          == QStringLiteral("known"));
    CHECK(page.statusText() == QStringLiteral("Import \"imported\": done"));

    // Forced: gone from the server and from the table.
    page.select(tckey);
    answers = {true, true};
    page.button(QStringLiteral("delete"))->click();
    REQUIRE(waitUntil([&] { return model.rowOf(tckey) < 0; }));
    CHECK(page.statusText() == QStringLiteral("Delete \"tckey\": done"));
    CHECK(server.admin().get(QStringLiteral("/api/v1/certificates")).json()[QStringLiteral("total")]
          == 3); // fleet-ec, made-elsewhere, imported
}
