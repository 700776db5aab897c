// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// CertificateModel, its dialogs and the expiry notice against a fake transport.
#include "console/models/CertificateModel.h"
#include "console/models/DashboardModel.h"
#include "console/ui/CertificateDialogs.h"
#include "console/ui/CertificateExpiryNotice.h"
#include "tests/support/CatchQt.h"
#include "tests/unit/console/FakeTransport.h"

#include <QCoreApplication>
#include <QItemSelectionModel>
#include <QJsonArray>
#include <QMouseEvent>
#include <QSignalSpy>

using namespace steward;
using steward::console::models::ActionOutcome;
using steward::console::models::CertificateModel;
using steward::test::FakeTransport;

namespace {

QJsonObject cert(qint64 id, const QString& alias, qint64 position, bool active, qint64 devices,
                 bool isDefault = false)
{
    return {{QStringLiteral("id"), id},
            {QStringLiteral("alias"), alias},
            {QStringLiteral("position"), position},
            {QStringLiteral("active"), active},
            {QStringLiteral("default"), isDefault},
            {QStringLiteral("keySpec"), QStringLiteral("EC P-256")},
            {QStringLiteral("signatureAlgorithm"), QStringLiteral("SHA256withECDSA")},
            {QStringLiteral("subjectAlternativeNames"),
             QJsonArray{QStringLiteral("tc.example.org"), QStringLiteral("10.0.0.1")}},
            {QStringLiteral("notBefore"), QStringLiteral("2026-01-02T03:04:05Z")},
            {QStringLiteral("notAfter"), QStringLiteral("2046-01-02T03:04:05Z")},
            {QStringLiteral("privateKeyKnown"), id != 9},
            {QStringLiteral("deviceCount"), devices}};
}

QJsonObject list(const QJsonArray& items)
{
    return {{QStringLiteral("items"), items}, {QStringLiteral("total"), items.size()}};
}

QJsonObject failure(const QString& message)
{
    return {{QStringLiteral("error"), QJsonObject{{QStringLiteral("code"), QStringLiteral("x")},
                                                  {QStringLiteral("message"), message}}}};
}

QString cell(const CertificateModel& model, int row, int column)
{
    return model.index(row, column).data().toString();
}

/** A model loaded with tckey (1, default, 3 devices) and fleet-ec (2, inactive). */
struct Loaded {
    FakeTransport transport;
    CertificateModel model{transport};
    Loaded()
    {
        model.reload();
        REQUIRE(transport.pending.size() == 1);
        CHECK(transport.sent.back().path == QStringLiteral("/api/v1/certificates"));
        // Out of order on purpose: the table follows the positions.
        transport.answer(200, list({cert(2, QStringLiteral("fleet-ec"), 2, false, 0),
                                    cert(1, QStringLiteral("tckey"), 1, true, 3, true)}));
        REQUIRE(model.isLoaded());
        REQUIRE(model.rowCount() == 2);
    }
};

} // namespace

TEST_CASE("the certificate table shows the store in list order with every column",
          "[unit][console]")
{
    Loaded loaded;
    auto& model = loaded.model;
    CHECK(model.columnCount() == CertificateModel::ColumnCount);
    CHECK(cell(model, 0, CertificateModel::Alias) == QStringLiteral("tckey (default)"));
    CHECK(model.index(0, CertificateModel::Alias).data(Qt::FontRole).value<QFont>().bold());
    CHECK(cell(model, 1, CertificateModel::Alias) == QStringLiteral("fleet-ec"));
    CHECK(cell(model, 1, CertificateModel::Position) == QStringLiteral("2"));
    CHECK(cell(model, 0, CertificateModel::Active) == QStringLiteral("active"));
    CHECK(cell(model, 1, CertificateModel::Active) == QStringLiteral("inactive"));
    CHECK(cell(model, 0, CertificateModel::KeySpec) == QStringLiteral("EC P-256"));
    CHECK(cell(model, 0, CertificateModel::Signature) == QStringLiteral("SHA256withECDSA"));
    CHECK(cell(model, 0, CertificateModel::Names) == QStringLiteral("tc.example.org, 10.0.0.1"));
    CHECK(cell(model, 0, CertificateModel::Validity) == QStringLiteral("2026-01-02 – 2046-01-02"));
    CHECK(cell(model, 0, CertificateModel::PrivateKey) == QStringLiteral("known"));
    CHECK(cell(model, 0, CertificateModel::Devices) == QStringLiteral("3"));
    CHECK(model.index(1, 0).data(CertificateModel::IdRole).toLongLong() == 2);
    CHECK(model.headerData(CertificateModel::Devices, Qt::Horizontal, Qt::DisplayRole)
          == QStringLiteral("Devices"));
    CHECK(model.activeCount() == 1);

    // A failed load says why.
    QSignalSpy failed(&model, &CertificateModel::loadFailed);
    model.reload();
    loaded.transport.answer(403, failure(QStringLiteral("missing right Browse")));
    REQUIRE(failed.size() == 1);
    CHECK(model.rowCount() == 2); // what was shown stays
}

TEST_CASE("certificate events add, reorder and remove rows and the selection follows its row",
          "[unit][console]")
{
    Loaded loaded;
    auto& model = loaded.model;
    QItemSelectionModel selection(&model);
    selection.select(model.index(1, 0), QItemSelectionModel::Select | QItemSelectionModel::Rows);

    model.applyEvent({QStringLiteral("created"), QStringLiteral("certificate"), 3,
                      cert(3, QStringLiteral("p12"), 3, true, 0)});
    REQUIRE(model.rowCount() == 3);
    CHECK(cell(model, 2, CertificateModel::Alias) == QStringLiteral("p12"));
    // fleet-ec moves to the top: it becomes the default, and stays selected.
    model.applyEvent({QStringLiteral("changed"), QStringLiteral("certificate"), 2,
                      cert(2, QStringLiteral("fleet-ec"), 0, true, 0, true)});
    CHECK(cell(model, 0, CertificateModel::Alias) == QStringLiteral("fleet-ec (default)"));
    CHECK(cell(model, 1, CertificateModel::Alias) == QStringLiteral("tckey (default)"));
    REQUIRE(selection.selectedRows().size() == 1);
    CHECK(selection.selectedRows().first().row() == 0);
    model.applyEvent({QStringLiteral("deleted"), QStringLiteral("certificate"), 3, std::nullopt});
    CHECK(model.rowCount() == 2);
    CHECK(model.rowOf(3) == -1);
    // Other kinds are not ours; no request goes out for events.
    model.applyEvent({QStringLiteral("deleted"), QStringLiteral("device"), 1, std::nullopt});
    CHECK(model.rowCount() == 2);
    CHECK(loaded.transport.pending.empty());
}

TEST_CASE("certificate actions send the store's requests and report the server's words",
          "[unit][console]")
{
    Loaded loaded;
    auto& model = loaded.model;
    auto& transport = loaded.transport;
    QSignalSpy finished(&model, &CertificateModel::finished);

    console::models::GenerateRequest request;
    request.alias = QStringLiteral("fleet-rsa");
    request.keySpec = QStringLiteral("RSA 2048");
    request.dnsNames = {QStringLiteral("a.example")};
    request.validityDays = 365;
    model.generate(request);
    REQUIRE(transport.pending.size() == 1);
    CHECK(transport.sent.back().method == "POST");
    CHECK(transport.sent.back().path == QStringLiteral("/api/v1/certificates"));
    CHECK(transport.sent.back().body->value(QStringLiteral("keySpec"))
          == QStringLiteral("RSA 2048"));
    CHECK(transport.sent.back().body->value(QStringLiteral("dnsNames")).toArray().size() == 1);
    CHECK(transport.sent.back().body->value(QStringLiteral("validityDays")) == 365);
    transport.answer(201, cert(4, QStringLiteral("fleet-rsa"), 4, true, 0));
    REQUIRE(finished.size() == 1);
    auto outcome = finished.last().first().value<ActionOutcome>();
    CHECK(outcome.what == QStringLiteral("Generate \"fleet-rsa\""));
    CHECK(outcome.error.isEmpty());
    REQUIRE(transport.pending.size() == 1); // the reload after it
    CHECK(transport.sent.back().path == QStringLiteral("/api/v1/certificates"));
    transport.answer(200, list({cert(1, QStringLiteral("tckey"), 1, true, 3, true),
                                cert(2, QStringLiteral("fleet-ec"), 2, false, 0)}));

    model.importPem(QStringLiteral("pem"), "CERT", "KEY", QStringLiteral("kp"));
    CHECK(transport.sent.back().path == QStringLiteral("/api/v1/certificates/import"));
    CHECK(transport.sent.back().body->value(QStringLiteral("privateKey")) == QStringLiteral("KEY"));
    CHECK(transport.sent.back().body->value(QStringLiteral("keyPassword")) == QStringLiteral("kp"));
    transport.answer(400, failure(QStringLiteral("the certificate \"x\" is signed with MD5")));
    outcome = finished.last().first().value<ActionOutcome>();
    CHECK(outcome.error == QStringLiteral("the certificate \"x\" is signed with MD5"));
    CHECK(outcome.status == 400);
    transport.pending.clear();

    model.importPkcs12(QStringLiteral("p12"), QByteArray("\x30\x82", 2), QStringLiteral("pw"));
    CHECK(transport.sent.back().body->value(QStringLiteral("pkcs12")) == QStringLiteral("MII="));
    CHECK(transport.sent.back().body->value(QStringLiteral("password")) == QStringLiteral("pw"));
    transport.pending.clear();

    model.setActive(2, true);
    CHECK(transport.sent.back().method == "PATCH");
    CHECK(transport.sent.back().path == QStringLiteral("/api/v1/certificates/2"));
    CHECK(transport.sent.back().body->value(QStringLiteral("active")) == true);
    model.move(2, true);
    CHECK(transport.sent.back().path == QStringLiteral("/api/v1/certificates/2/move"));
    CHECK(transport.sent.back().body->value(QStringLiteral("direction")) == QStringLiteral("up"));
    transport.pending.clear();

    // A refusal to deactivate the last active one comes back verbatim.
    model.setActive(1, false);
    transport.answer(409, failure(QStringLiteral("\"tckey\" is the last active certificate")));
    outcome = finished.last().first().value<ActionOutcome>();
    CHECK(outcome.what == QStringLiteral("Deactivate \"tckey\""));
    CHECK(outcome.error == QStringLiteral("\"tckey\" is the last active certificate"));
}

TEST_CASE("a delete refused because devices use the certificate can be forced", "[unit][console]")
{
    Loaded loaded;
    auto& model = loaded.model;
    auto& transport = loaded.transport;
    QSignalSpy refused(&model, &CertificateModel::deleteRefused);
    QSignalSpy finished(&model, &CertificateModel::finished);
    // fleet-ec gets devices and is active, so tckey is not the last active one.
    model.applyEvent({QStringLiteral("changed"), QStringLiteral("certificate"), 2,
                      cert(2, QStringLiteral("fleet-ec"), 2, true, 5)});
    model.remove(2, false);
    CHECK(transport.sent.back().method == "DELETE");
    CHECK(transport.sent.back().path == QStringLiteral("/api/v1/certificates/2"));
    transport.answer(409, failure(QStringLiteral("5 device(s) use \"fleet-ec\"")));
    REQUIRE(refused.size() == 1);
    CHECK(refused.first().at(0).toLongLong() == 2);
    CHECK(refused.first().at(1).toLongLong() == 5);
    CHECK(refused.first().at(2).toString() == QStringLiteral("5 device(s) use \"fleet-ec\""));
    CHECK(finished.isEmpty());
    transport.pending.clear();

    model.remove(2, true);
    CHECK(transport.sent.back().path == QStringLiteral("/api/v1/certificates/2?force=true"));
    transport.answer(204, {});
    REQUIRE(finished.size() == 1);
    CHECK(finished.first().first().value<ActionOutcome>().error.isEmpty());
    transport.pending.clear();

    // The last active certificate: force would not help, so it is a plain failure.
    model.applyEvent({QStringLiteral("deleted"), QStringLiteral("certificate"), 2, std::nullopt});
    model.remove(1, false);
    transport.answer(409, failure(QStringLiteral("\"tckey\" is the last active certificate")));
    CHECK(refused.size() == 1);
    REQUIRE(finished.size() == 2);
    CHECK(finished.last().first().value<ActionOutcome>().error.contains(
        QStringLiteral("last active")));
}

TEST_CASE("certificate exports hand over the server's bytes, content and devices read as text",
          "[unit][console]")
{
    Loaded loaded;
    auto& model = loaded.model;
    auto& transport = loaded.transport;
    QByteArray got;
    QString error;
    model.exportCertificate(1, false, [&](const QByteArray& data, const QString& why) {
        got = data;
        error = why;
    });
    CHECK(transport.sent.back().path
          == QStringLiteral("/api/v1/certificates/1/certificate?format=pem"));
    transport.answerRaw(200, "-----BEGIN CERTIFICATE-----\n");
    CHECK(got == "-----BEGIN CERTIFICATE-----\n");
    model.exportKeyPair(1, QStringLiteral("secret"),
                        [&](const QByteArray& data, const QString& why) {
                            got = data;
                            error = why;
                        });
    CHECK(transport.sent.back().path == QStringLiteral("/api/v1/certificates/1/key-pair"));
    CHECK(transport.sent.back().body->value(QStringLiteral("password"))
          == QStringLiteral("secret"));
    transport.answer(403, failure(QStringLiteral("missing right ExportKeys")));
    CHECK(error == QStringLiteral("missing right ExportKeys"));

    QJsonObject details = cert(1, QStringLiteral("tckey"), 1, true, 3, true);
    details.insert(QStringLiteral("subject"), QStringLiteral("CN=Steward device communication"));
    details.insert(QStringLiteral("issuer"), QStringLiteral("CN=Steward device communication"));
    details.insert(QStringLiteral("serialNumber"), QStringLiteral("0a:1b"));
    details.insert(QStringLiteral("sha1"), QStringLiteral("AA:BB"));
    details.insert(QStringLiteral("sha256"), QStringLiteral("CC:DD"));
    details.insert(QStringLiteral("ca"), false);
    const QString text = console::ui::certificateContentText(details);
    for (const char* line :
         {"Subject: CN=Steward device communication", "Issuer: CN=Steward device communication",
          "Serial number: 0a:1b", "SHA-1: AA:BB", "SHA-256: CC:DD",
          "Valid from: 2026-01-02T03:04:05Z", "Valid until: 2046-01-02T03:04:05Z", "CA: no",
          "Subject alternative names: tc.example.org, 10.0.0.1"}) {
        CHECK(text.contains(QLatin1String(line)));
    }
    const QString devices = console::ui::certificateDevicesText(
        QStringLiteral("tckey"),
        {{QStringLiteral("items"),
          QJsonArray{QJsonObject{{QStringLiteral("id"), 7},
                                 {QStringLiteral("name"), QStringLiteral("TC-7")}}}},
         {QStringLiteral("total"), 3}});
    CHECK(devices.startsWith(QStringLiteral("3 device(s) use \"tckey\"")));
    CHECK(devices.contains(QStringLiteral("TC-7 (#7)")));
    CHECK(devices.contains(QStringLiteral("2 more")));
}

TEST_CASE("the certificate dialogs default to RSA-4096 and want the export password twice",
          "[unit][console]")
{
    console::ui::GenerateCertificateDialog generate;
    generate.setAlias(QStringLiteral(" fleet "));
    auto request = generate.request();
    CHECK(request.alias == QStringLiteral("fleet"));
    CHECK(request.keySpec == QStringLiteral("RSA 4096"));
    CHECK(request.signatureAlgorithm == QStringLiteral("SHA512withRSA"));
    CHECK(request.validityDays == 7300);
    generate.setKeyChoice(2);
    generate.setNames(QStringLiteral("a.example, b.example,"));
    request = generate.request();
    CHECK(request.keySpec == QStringLiteral("EC P-256"));
    CHECK(request.signatureAlgorithm == QStringLiteral("SHA256withECDSA"));
    CHECK(request.dnsNames
          == QStringList{QStringLiteral("a.example"), QStringLiteral("b.example")});
    generate.setKeyChoice(1);
    CHECK(generate.request().signatureAlgorithm == QStringLiteral("SHA256withRSA"));

    console::ui::ExportPasswordDialog password(QStringLiteral("tckey"));
    CHECK_FALSE(password.acceptable());
    password.setPasswords(QStringLiteral("one"), QStringLiteral("two"));
    CHECK(password.problem() == QStringLiteral("The two passwords differ."));
    CHECK(password.password().isEmpty());
    password.setPasswords(QStringLiteral("same"), QStringLiteral("same"));
    CHECK(password.acceptable());
    CHECK(password.password() == QStringLiteral("same"));

    console::ui::ImportCertificateDialog import;
    import.setAlias(QStringLiteral("corp"));
    import.setPkcs12(QStringLiteral("/tmp/x.p12"));
    CHECK(import.isPkcs12());
    CHECK(import.certificatePath() == QStringLiteral("/tmp/x.p12"));
    import.setPem(QStringLiteral("/tmp/c.pem"), QStringLiteral("/tmp/k.pem"));
    CHECK_FALSE(import.isPkcs12());
    CHECK(import.keyPath() == QStringLiteral("/tmp/k.pem"));
}

TEST_CASE("a certificate expiry warning in /status shows a notice naming the certificate",
          "[unit][console]")
{
    FakeTransport transport;
    console::models::DashboardModel status(transport);
    QWidget window;
    console::ui::CertificateExpiryNotice notice(status, &window); // destroyed before window
    window.show();
    CHECK_FALSE(notice.isVisible());
    const auto answer = [&](const QString& state, const QString& message) {
        status.reloadStatus();
        REQUIRE(transport.pending.size() == 1);
        CHECK(transport.sent.back().path == QStringLiteral("/status"));
        transport.answer(
            200, {{QStringLiteral("status"), state},
                  {QStringLiteral("checks"),
                   QJsonArray{
                       QJsonObject{{QStringLiteral("name"),
                                    QLatin1String(console::ui::CertificateExpiryNotice::CheckName)},
                                   {QStringLiteral("status"), state},
                                   {QStringLiteral("message"), message}}}}});
    };
    answer(QStringLiteral("warn"),
           QStringLiteral("device-communication certificates: \"fleet-ec\" expires on "
                          "2027-01-01T00:00:00Z (in 12 days)"));
    CHECK(notice.isVisible());
    CHECK(notice.text()
          == QStringLiteral("⚠ Certificate expiry: \"fleet-ec\" expires on 2027-01-01T00:00:00Z "
                            "(in 12 days)"));
    QSignalSpy activated(&notice, &console::ui::CertificateExpiryNotice::activated);
    QMouseEvent press(QEvent::MouseButtonPress, QPointF(2, 2), QPointF(2, 2), Qt::LeftButton,
                      Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(&notice, &press);
    CHECK(activated.size() == 1);
    answer(QStringLiteral("ok"), QStringLiteral("3 active certificates are valid"));
    CHECK_FALSE(notice.isVisible());

    // The web certificate and the CAs in use are certificates too: each warning is named.
    status.reloadStatus();
    REQUIRE(transport.pending.size() == 1);
    const auto check = [](const char* name, const char* state, const QString& message) {
        return QJsonObject{{QStringLiteral("name"), QLatin1String(name)},
                           {QStringLiteral("status"), QLatin1String(state)},
                           {QStringLiteral("message"), message}};
    };
    transport.answer(
        200, {{QStringLiteral("status"), QStringLiteral("warn")},
              {QStringLiteral("checks"),
               QJsonArray{check("certificate authority expiry", "warn",
                                QStringLiteral("\"CN=Steward root CA\" expires in 20 days")),
                          check("device-communication certificates", "ok",
                                QStringLiteral("1 active certificate is valid")),
                          check("web certificate expiry", "warn",
                                QStringLiteral("\"initial\" expires in 9 days")),
                          check("database", "warn", QStringLiteral("slow"))}}});
    CHECK(notice.isVisible());
    CHECK(notice.text()
          == QStringLiteral("⚠ Certificate expiry: \"initial\" expires in 9 days; \"CN=Steward "
                            "root CA\" expires in 20 days"));
}
