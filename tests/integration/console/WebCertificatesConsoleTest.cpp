// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// Certificates › Web certificates, offscreen, against a real ServerApp over TLS: create through
// the dialog (FQDNs and IPs only, the server's names offered), an import refused in the
// server's words, renew, affected devices, assign (and the console's pin then refusing the new
// certificate until it is accepted), delete refused for the one in use; a corporate chain
// imported, its assignment refused naming the device that does not trust its root, then forced.
#include "common/crypto/CertificateIssuer.h"
#include "common/crypto/Pkcs12.h"
#include "console/models/NavigationModel.h"
#include "console/models/WebCertificateModel.h"
#include "console/net/ApiClient.h"
#include "console/ui/CertificateDialogs.h"
#include "console/ui/CertificatesPage.h"
#include "console/ui/MainWindow.h"
#include "console/ui/ShadowLauncher.h"
#include "console/ui/WebCertificateDialogs.h"
#include "console/ui/WebCertificatesPage.h"
#include "tests/integration/certs/WebCertificateSupport.h"
#include "tests/integration/console/ConsoleRig.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPushButton>
#include <QTabWidget>
#include <QTableView>
#include <QTreeView>

#include <deque>

using namespace steward;
using namespace steward::console;
using models::WebCertificateModel;
using steward::test::DeviceTestServer;
using steward::test::waitUntil;

namespace {

QString cell(WebCertificateModel& model, const QString& alias, int column)
{
    const int row = model.rowOf(alias);
    return row < 0 ? QString() : model.index(row, column).data().toString();
}

QJsonObject entryOf(WebCertificateModel& model, const QString& alias)
{
    const int row = model.rowOf(alias);
    return row < 0 ? QJsonObject{} : model.entry(row);
}

} // namespace

TEST_CASE("the web certificates tab creates, renews and assigns a certificate and cannot delete "
          "the one in use",
          "[integration][console][webcerts]")
{
    DeviceTestServer server;
    QTemporaryDir agentDir;
    REQUIRE(test::enrollAgent(server, agentDir.path(), server.createToken()).ok());

    test::Console console;
    console.pin(server);
    QObject owner;
    net::Session session = console.connect(server, owner);
    net::ApiClient* api = session.api;
    ui::UnavailableShadowLauncher shadow;
    ui::MainWindow window(std::move(session), console.settings, shadow);
    QStringList questions;
    window.setConfirm([&](const QString&, const QString& text) {
        questions.append(text);
        return true;
    });
    window.resize(1400, 640);
    window.show();

    window.navigationView().setCurrentIndex(window.navigation().certificatesIndex());
    REQUIRE(window.currentPage() == &window.certificatesPage());
    ui::WebCertificatesPage* page = window.certificatesPage().webCertificatesPage();
    REQUIRE(page != nullptr);
    CHECK(window.certificatesPage().tabs().count() == 2);
    window.certificatesPage().tabs().setCurrentWidget(page); // shown: it loads
    auto& model = page->model();
    REQUIRE(
        waitUntil([&] { return model.isLoaded() && model.rowOf(QStringLiteral("initial")) == 0; }));
    CHECK(cell(model, QStringLiteral("initial"), WebCertificateModel::InUse)
          == QStringLiteral("in use"));
    CHECK(entryOf(model, QStringLiteral("initial")).value(QStringLiteral("sha256")).toString()
          == server.webFingerprint());

    std::vector<std::pair<QString, QString>> messages;
    page->setNotify(
        [&](const QString& title, const QString& text) { messages.emplace_back(title, text); });
    QStringList offered;
    QString refusedName;
    QString shownText;
    page->setRunDialog([&](QDialog& dialog) {
        if (auto* create = qobject_cast<ui::CreateWebCertificateDialog*>(&dialog)) {
            offered = create->suggestions();
            create->setAlias(QStringLiteral("console-made"));
            create->setChecked(QStringLiteral("127.0.0.1"), true);
            create->setExtraNames(QStringLiteral("intranet"));
            refusedName = create->problem();
            create->setExtraNames(QStringLiteral("steward.example.org"));
            return create->acceptable();
        }
        if (auto* text = qobject_cast<ui::CertificateTextDialog*>(&dialog)) {
            shownText = text->text();
            return true;
        }
        return false;
    });

    // Create: the server's own names are offered; a short host name is refused in the dialog.
    page->button(QStringLiteral("create"))->click();
    REQUIRE(waitUntil([&] { return model.rowOf(QStringLiteral("console-made")) >= 0; }));
    CHECK(offered.contains(QStringLiteral("127.0.0.1")));
    CHECK(offered.contains(QStringLiteral("localhost")));
    CHECK(refusedName.startsWith(QStringLiteral("\"intranet\" is not fully qualified")));
    CHECK(page->statusText() == QStringLiteral("Create \"console-made\": done"));
    CHECK(cell(model, QStringLiteral("console-made"), WebCertificateModel::Names)
          == QStringLiteral("steward.example.org, 127.0.0.1"));
    CHECK(cell(model, QStringLiteral("console-made"), WebCertificateModel::KeySpec)
          == QStringLiteral("EC P-256"));
    CHECK(cell(model, QStringLiteral("console-made"), WebCertificateModel::Signature)
          == QStringLiteral("SHA256withECDSA"));
    CHECK(cell(model, QStringLiteral("console-made"), WebCertificateModel::Issuer)
          == cell(model, QStringLiteral("initial"), WebCertificateModel::Issuer));
    CHECK(cell(model, QStringLiteral("console-made"), WebCertificateModel::InUse).isEmpty());
    const qint64 made =
        entryOf(model, QStringLiteral("console-made")).value(QStringLiteral("id")).toInteger();
    const qint64 initial =
        entryOf(model, QStringLiteral("initial")).value(QStringLiteral("id")).toInteger();

    // Import: a leaf without names is refused, in the server's words.
    QTemporaryDir files;
    auto key = crypto::PrivateKey::generate(crypto::KeySpec::ecP256());
    REQUIRE(key.ok());
    crypto::CertificateOptions options;
    options.commonName = QStringLiteral("no names");
    auto noNames = crypto::createSelfSignedCertificate(*key, options);
    REQUIRE(noNames.ok());
    const auto write = [&](const QString& name, const QByteArray& data) {
        QFile file(files.filePath(name));
        REQUIRE(file.open(QIODevice::WriteOnly));
        file.write(data);
        return file.fileName();
    };
    const QString leafPath = write(QStringLiteral("leaf.pem"), noNames->toPem());
    const QString keyPath = write(QStringLiteral("leaf.key"), key->toPem().value());
    page->setRunDialog([&](QDialog& dialog) {
        auto* import = qobject_cast<ui::ImportCertificateDialog*>(&dialog);
        REQUIRE(import != nullptr);
        import->setAlias(QStringLiteral("corp"));
        import->setPem(leafPath, keyPath);
        return true;
    });
    page->button(QStringLiteral("import"))->click();
    REQUIRE(waitUntil([&] { return !messages.empty(); }));
    CHECK(messages.back().first == QStringLiteral("Import \"corp\" failed"));
    CHECK(messages.back().second.contains(QStringLiteral("subject alternative name")));
    CHECK(model.rowOf(QStringLiteral("corp")) < 0);
    page->setRunDialog([&](QDialog& dialog) {
        if (auto* text = qobject_cast<ui::CertificateTextDialog*>(&dialog)) {
            shownText = text->text();
        }
        return true;
    });

    // Renew (asked first): same names, a new key.
    const QString before =
        entryOf(model, QStringLiteral("console-made")).value(QStringLiteral("sha256")).toString();
    page->select(made);
    questions.clear();
    page->button(QStringLiteral("renew"))->click();
    REQUIRE(waitUntil(
        [&] { return page->statusText() == QStringLiteral("Renew \"console-made\": done"); }));
    REQUIRE(questions.size() == 1);
    CHECK(questions[0].startsWith(QStringLiteral("Renew \"console-made\"?")));
    REQUIRE(waitUntil([&] {
        return entryOf(model, QStringLiteral("console-made")).value(QStringLiteral("sha256"))
               != before;
    }));
    CHECK(cell(model, QStringLiteral("console-made"), WebCertificateModel::Names)
          == QStringLiteral("steward.example.org, 127.0.0.1"));

    // Affected devices: the enrolled agent trusts the Steward root.
    page->select(made);
    page->button(QStringLiteral("affected"))->click();
    REQUIRE(waitUntil([&] { return !shownText.isEmpty(); }));
    CHECK(shownText.startsWith(QStringLiteral("Every enrolled device trusts the root of "
                                              "\"console-made\"")));

    // Assign (asked first, warning about this console's pin): the server presents it at once.
    page->select(made);
    questions.clear();
    page->button(QStringLiteral("assign"))->click();
    REQUIRE(waitUntil(
        [&] { return page->statusText() == QStringLiteral("Assign \"console-made\": done"); }));
    REQUIRE(questions.size() == 1);
    CHECK(questions[0].contains(QStringLiteral("changed-certificate warning")));
    const QJsonObject assigned =
        server.admin().get(QStringLiteral("/api/v1/web-certificates/%1").arg(made)).json();
    CHECK(assigned.value(QStringLiteral("inUse")) == true);
    CHECK(server.webFingerprint() == assigned.value(QStringLiteral("sha256")).toString());

    // The console pinned the old certificate: a new connection is refused until the new one
    // is accepted (what the changed-certificate warning asks at the next connection).
    api->setPinnedCertificate(api->pinnedCertificate()); // drops kept-alive connections
    model.reload();
    REQUIRE(waitUntil([&] {
        return page->statusText().startsWith(
            QStringLiteral("The web certificates could not be loaded: the server presented"));
    }));
    const auto accepted =
        QSslCertificate::fromData(assigned.value(QStringLiteral("pem")).toString().toLatin1());
    REQUIRE_FALSE(accepted.isEmpty());
    api->setPinnedCertificate(accepted.first());
    model.reload();
    REQUIRE(waitUntil([&] {
        return cell(model, QStringLiteral("console-made"), WebCertificateModel::InUse)
               == QStringLiteral("in use");
    }));
    CHECK(cell(model, QStringLiteral("initial"), WebCertificateModel::InUse).isEmpty());

    // Delete the one in use: refused in the server's words; it stays.
    page->select(made);
    CHECK_FALSE(page->button(QStringLiteral("assign"))->isEnabled());
    messages.clear();
    page->button(QStringLiteral("delete"))->click();
    REQUIRE(waitUntil([&] { return !messages.empty(); }));
    CHECK(messages.back().first == QStringLiteral("Delete \"console-made\" failed"));
    CHECK(messages.back().second.contains(
        QStringLiteral("\"console-made\" is the web certificate in use")));
    CHECK(model.rowOf(made) >= 0);
    page->select(made);
    CHECK(window.grab().save(QStringLiteral(STEWARD_BINARY_DIR "/console-web-certificates.png")));

    // The old one may go.
    page->select(initial);
    page->button(QStringLiteral("delete"))->click();
    REQUIRE(waitUntil([&] { return model.rowOf(initial) < 0; }));
    CHECK(page->statusText() == QStringLiteral("Delete \"initial\": done"));
}

TEST_CASE("the web certificates tab imports a corporate chain and forces its assignment only "
          "when asked",
          "[integration][console][webcerts]")
{
    DeviceTestServer server;
    QTemporaryDir agentDir;
    auto enrolled = test::enrollAgent(server, agentDir.path(), server.createToken());
    REQUIRE(enrolled.ok());
    const QString deviceName = server.device(enrolled->deviceId)[QStringLiteral("name")].toString();

    test::Console console;
    console.pin(server);
    QObject owner;
    ui::UnavailableShadowLauncher shadow;
    ui::MainWindow window(console.connect(server, owner), console.settings, shadow);
    QStringList questions;
    std::deque<bool> answers;
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
    window.navigationView().setCurrentIndex(window.navigation().certificatesIndex());
    ui::WebCertificatesPage* page = window.certificatesPage().webCertificatesPage();
    REQUIRE(page != nullptr);
    window.certificatesPage().tabs().setCurrentWidget(page);
    auto& model = page->model();
    REQUIRE(waitUntil([&] { return model.isLoaded() && model.rowCount() == 1; }));

    // Import: the chain (leaf, then its root) and the key, as two PEM files.
    const auto corporate = test::makeCorporateChain(QStringLiteral("Corp Root"));
    QTemporaryDir files;
    const auto write = [&](const QString& name, const QByteArray& data) {
        QFile file(files.filePath(name));
        REQUIRE(file.open(QIODevice::WriteOnly));
        file.write(data);
        return file.fileName();
    };
    const QString chainPath = write(QStringLiteral("chain.pem"), corporate.chainPem());
    const QString keyPath = write(QStringLiteral("leaf.key"), corporate.leafKey.toPem().value());
    QString shownText;
    page->setRunDialog([&](QDialog& dialog) {
        if (auto* import = qobject_cast<ui::ImportCertificateDialog*>(&dialog)) {
            import->setAlias(QStringLiteral("corp"));
            import->setPem(chainPath, keyPath);
        } else if (auto* text = qobject_cast<ui::CertificateTextDialog*>(&dialog)) {
            shownText = text->text();
        }
        return true;
    });
    page->button(QStringLiteral("import"))->click();
    REQUIRE(waitUntil([&] { return model.rowOf(QStringLiteral("corp")) >= 0; }));
    CHECK(page->statusText() == QStringLiteral("Import \"corp\": done"));
    CHECK(cell(model, QStringLiteral("corp"), WebCertificateModel::Issuer)
              .contains(QStringLiteral("Corp Root")));
    const qint64 corp =
        entryOf(model, QStringLiteral("corp")).value(QStringLiteral("id")).toInteger();

    // Import a PKCS#12 file: a wrong password is refused in the server's words, the right one
    // is taken.
    const auto other = test::makeCorporateChain(QStringLiteral("Other Root"));
    const auto p12 =
        crypto::exportPkcs12(other.leaf, other.leafKey, {other.root}, QStringLiteral("p12 secret"));
    REQUIRE(p12.ok());
    const QString p12Path = write(QStringLiteral("other.p12"), *p12);
    std::vector<QString> messages;
    page->setNotify([&](const QString&, const QString& text) { messages.push_back(text); });
    QString p12Password = QStringLiteral("wrong");
    page->setRunDialog([&](QDialog& dialog) {
        auto* import = qobject_cast<ui::ImportCertificateDialog*>(&dialog);
        REQUIRE(import != nullptr);
        import->setAlias(QStringLiteral("other"));
        import->setPkcs12(p12Path);
        import->setPassword(p12Password);
        return true;
    });
    page->button(QStringLiteral("import"))->click();
    REQUIRE(waitUntil([&] { return !messages.empty(); }));
    CHECK(page->statusText().startsWith(QStringLiteral("Import \"other\" failed: ")));
    CHECK(page->statusText().endsWith(messages.back()));
    CHECK(model.rowOf(QStringLiteral("other")) < 0);
    p12Password = QStringLiteral("p12 secret");
    page->button(QStringLiteral("import"))->click();
    REQUIRE(waitUntil([&] { return model.rowOf(QStringLiteral("other")) >= 0; }));
    CHECK(cell(model, QStringLiteral("other"), WebCertificateModel::Issuer)
              .contains(QStringLiteral("Other Root")));
    page->setRunDialog([&](QDialog& dialog) {
        if (auto* text = qobject_cast<ui::CertificateTextDialog*>(&dialog)) {
            shownText = text->text();
        }
        return true;
    });

    // Affected devices names the enrolled agent, which holds only the Steward root.
    page->select(corp);
    page->button(QStringLiteral("affected"))->click();
    REQUIRE(waitUntil([&] { return !shownText.isEmpty(); }));
    CHECK(shownText.startsWith(
        QStringLiteral("1 enrolled device(s) do not trust the root of \"corp\"")));
    CHECK(shownText.contains(deviceName));

    // Assign: refused with the count and the name; force declined, nothing changes.
    const QString before = server.webFingerprint();
    page->select(corp);
    answers = {true, false};
    questions.clear();
    page->button(QStringLiteral("assign"))->click();
    REQUIRE(waitUntil([&] { return questions.size() == 2; }));
    CHECK(questions[1].startsWith(
        QStringLiteral("1 enrolled device(s) do not trust the root of \"corp\":\n") + deviceName));
    CHECK(questions[1].contains(QStringLiteral("Assign it anyway?")));
    CHECK(page->statusText().startsWith(QStringLiteral("Assign \"corp\" refused: ")));
    CHECK(server.webFingerprint() == before);

    // Trust its root: the server distributes the corporate root to the devices (signed
    // trust.update), which is what lets Assign go through without force once they confirm.
    page->select(corp);
    answers = {true};
    page->button(QStringLiteral("distribute"))->click();
    REQUIRE(waitUntil([&] {
        return page->statusText()
               == QStringLiteral("Send the root of \"corp\" to the devices: done");
    }));
    CHECK(
        server.audit(QStringLiteral("web-certificate.distribute-root"), QStringLiteral("ok")).size()
        == 1);
    CHECK(server.admin()
              .get(QStringLiteral("/api/v1/certificate-authorities"))
              .json()[QStringLiteral("distributedRoots")]
              .toArray()
              .size()
          == 1);

    // Forced this time: in use on the server, audited as forced.
    page->select(corp);
    answers = {true, true};
    page->button(QStringLiteral("assign"))->click();
    REQUIRE(
        waitUntil([&] { return page->statusText() == QStringLiteral("Assign \"corp\": done"); }));
    CHECK(server.webFingerprint()
          == entryOf(model, QStringLiteral("corp")).value(QStringLiteral("sha256")).toString());
    const auto audited =
        server.audit(QStringLiteral("web-certificate.assign"), QStringLiteral("ok"));
    REQUIRE(audited.size() == 1);
    CHECK(QJsonDocument(audited.first().toObject())
              .toJson(QJsonDocument::Compact)
              .contains("force=true"));
}
