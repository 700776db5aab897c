// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// WebCertificateModel, the Create dialog and the Web certificates tab against a fake transport.
#include "console/models/WebCertificateModel.h"
#include "console/ui/CertificateDialogs.h"
#include "console/ui/WebCertificateDialogs.h"
#include "console/ui/WebCertificatesPage.h"
#include "tests/support/CatchQt.h"
#include "tests/unit/console/FakeTransport.h"

#include <QDialogButtonBox>
#include <QFont>
#include <QJsonArray>
#include <QPushButton>
#include <QSignalSpy>

using namespace steward;
using steward::console::models::ActionOutcome;
using steward::console::models::WebCertificateModel;
using steward::console::models::webHostNameProblem;
using steward::test::FakeTransport;

namespace {

QJsonObject web(qint64 id, const QString& alias, bool inUse)
{
    return {{QStringLiteral("id"), id},
            {QStringLiteral("alias"), alias},
            {QStringLiteral("inUse"), inUse},
            {QStringLiteral("origin"), QStringLiteral("steward")},
            {QStringLiteral("subject"), QString(QStringLiteral("CN=") + alias)},
            {QStringLiteral("subjectAlternativeNames"),
             QJsonArray{QStringLiteral("steward.example.org"), QStringLiteral("192.0.2.7")}},
            {QStringLiteral("issuer"), QStringLiteral("CN=Steward Root CA")},
            {QStringLiteral("root"), QStringLiteral("CN=Steward Root CA")},
            {QStringLiteral("notAfter"), QStringLiteral("2029-03-04T05:06:07Z")},
            {QStringLiteral("keySpec"), QStringLiteral("EC P-256")},
            {QStringLiteral("signatureAlgorithm"), QStringLiteral("SHA256withECDSA")},
            {QStringLiteral("sha256"), QStringLiteral("AB:CD")}};
}

QJsonObject failure(const QString& code, const QString& message)
{
    return {{QStringLiteral("error"),
             QJsonObject{{QStringLiteral("code"), code}, {QStringLiteral("message"), message}}}};
}

QJsonObject notTrusting()
{
    return {
        {QStringLiteral("error"),
         QJsonObject{{QStringLiteral("code"), QStringLiteral("devices_do_not_trust")},
                     {QStringLiteral("message"),
                      QStringLiteral("2 enrolled device(s) do not trust \"CN=Corp Root\"")},
                     {QStringLiteral("count"), 12},
                     {QStringLiteral("devices"),
                      QJsonArray{QJsonObject{{QStringLiteral("id"), 4},
                                             {QStringLiteral("name"), QStringLiteral("TC-4")}},
                                 QJsonObject{{QStringLiteral("id"), 5},
                                             {QStringLiteral("name"), QStringLiteral("TC-5")}}}}}}};
}

QString cell(const WebCertificateModel& model, int row, int column)
{
    return model.index(row, column).data().toString();
}

/** A model loaded with initial (1, in use) and corp (2). */
struct Loaded {
    FakeTransport transport;
    WebCertificateModel model{transport};
    Loaded()
    {
        model.reload();
        REQUIRE(transport.pending.size() == 1);
        CHECK(transport.sent.back().path == QStringLiteral("/api/v1/web-certificates"));
        transport.answer(200, QJsonObject{{QStringLiteral("items"),
                                           QJsonArray{web(1, QStringLiteral("initial"), true),
                                                      web(2, QStringLiteral("corp"), false)}}});
        REQUIRE(model.rowCount() == 2);
    }
};

} // namespace

TEST_CASE("the web certificate table shows names, issuer, expiry, key, signature and in use",
          "[unit][console]")
{
    Loaded loaded;
    auto& model = loaded.model;
    CHECK(model.columnCount() == WebCertificateModel::ColumnCount);
    CHECK(cell(model, 0, WebCertificateModel::Alias) == QStringLiteral("initial"));
    CHECK(cell(model, 0, WebCertificateModel::Names)
          == QStringLiteral("steward.example.org, 192.0.2.7"));
    CHECK(cell(model, 0, WebCertificateModel::Issuer) == QStringLiteral("CN=Steward Root CA"));
    CHECK(cell(model, 0, WebCertificateModel::Expiry) == QStringLiteral("2029-03-04"));
    CHECK(cell(model, 0, WebCertificateModel::KeySpec) == QStringLiteral("EC P-256"));
    CHECK(cell(model, 0, WebCertificateModel::Signature) == QStringLiteral("SHA256withECDSA"));
    CHECK(cell(model, 0, WebCertificateModel::InUse) == QStringLiteral("in use"));
    CHECK(cell(model, 1, WebCertificateModel::InUse).isEmpty());
    CHECK(model.index(0, 0).data(Qt::FontRole).value<QFont>().bold());
    CHECK_FALSE(model.index(1, 0).data(Qt::FontRole).isValid());
    CHECK(model.index(1, 0).data(Qt::ToolTipRole).toString().contains(QStringLiteral("AB:CD")));
    CHECK(model.index(1, 0).data(WebCertificateModel::IdRole).toLongLong() == 2);
    CHECK(model.headerData(WebCertificateModel::InUse, Qt::Horizontal, Qt::DisplayRole)
          == QStringLiteral("In use"));

    QSignalSpy failed(&model, &WebCertificateModel::loadFailed);
    model.reload();
    loaded.transport.answer(403, failure(QStringLiteral("forbidden"), QStringLiteral("no")));
    CHECK(failed.size() == 1);
    CHECK(model.rowCount() == 2);
}

TEST_CASE("web certificate host names are IP addresses or fully qualified names only",
          "[unit][console]")
{
    for (const char* good : {"steward.example.org", "192.0.2.10", "2001:db8::1", "::1", "localhost",
                             "a-b.c9.example", "xn--bcher-kva.example"}) {
        INFO(good);
        CHECK(webHostNameProblem(QLatin1String(good)).isEmpty());
    }
    CHECK(webHostNameProblem(QStringLiteral("intranet"))
          == QStringLiteral("\"intranet\" is not fully qualified: give the domain too (e.g. "
                            "intranet.example.com) or an IP address"));
    CHECK(webHostNameProblem(QStringLiteral("*.example.org")).contains(QStringLiteral("wildcard")));
    for (const char* bad : {"10.1", "167772161", "1.2.3.4.5", "-a.example", "a..example",
                            "a_b.example", "host.123", "http://x.example"}) {
        INFO(bad);
        CHECK_FALSE(webHostNameProblem(QLatin1String(bad)).isEmpty());
    }
}

TEST_CASE("the create dialog offers the server's names and refuses a name that is not an FQDN",
          "[unit][console]")
{
    console::ui::CreateWebCertificateDialog dialog(
        {QStringLiteral("steward.example.org"), QStringLiteral("192.0.2.7")});
    auto* ok = dialog.findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok);
    CHECK(dialog.suggestions().size() == 2);
    CHECK_FALSE(ok->isEnabled());
    dialog.setAlias(QStringLiteral("brief"));
    CHECK(dialog.problem()
          == QStringLiteral("Check or type at least one host name or IP address."));
    dialog.setChecked(QStringLiteral("192.0.2.7"), true);
    CHECK(ok->isEnabled());
    dialog.setExtraNames(QStringLiteral("intranet, portal.example.org"));
    CHECK_FALSE(ok->isEnabled());
    CHECK(dialog.problem().startsWith(QStringLiteral("\"intranet\" is not fully qualified")));
    dialog.setExtraNames(QStringLiteral(" portal.example.org ,192.0.2.7"));
    CHECK(ok->isEnabled());
    dialog.setKeyChoice(1);
    dialog.setValidityDays(90);
    const auto request = dialog.request();
    CHECK(request.alias == QStringLiteral("brief"));
    CHECK(request.hostNames
          == QStringList{QStringLiteral("192.0.2.7"), QStringLiteral("portal.example.org")});
    CHECK(request.keySpec == QStringLiteral("RSA 2048"));
    CHECK(request.toJson().value(QStringLiteral("validityDays")).toInt() == 90);
}

TEST_CASE("web certificate actions send their requests and report the server's words",
          "[unit][console]")
{
    Loaded loaded;
    auto& model = loaded.model;
    auto& transport = loaded.transport;
    QSignalSpy finished(&model, &WebCertificateModel::finished);

    model.create({QStringLiteral("brief"), {QStringLiteral("a.example.org")}});
    CHECK(transport.sent.back().method == "POST");
    CHECK(transport.sent.back().path == QStringLiteral("/api/v1/web-certificates"));
    CHECK(transport.sent.back().body->value(QStringLiteral("hostNames")).toArray().size() == 1);
    transport.answer(400, failure(QStringLiteral("invalid_value"), QStringLiteral("alias taken")));
    REQUIRE(finished.size() == 1);
    auto outcome = finished.last().first().value<ActionOutcome>();
    CHECK(outcome.what == QStringLiteral("Create \"brief\""));
    CHECK(outcome.error == QStringLiteral("alias taken"));
    CHECK(transport.sent.back().path == QStringLiteral("/api/v1/web-certificates")); // reload
    transport.pending.clear();

    model.importPem(QStringLiteral("corp2"), "CHAIN", "KEY", QStringLiteral("kp"));
    CHECK(transport.sent.back().path == QStringLiteral("/api/v1/web-certificates/import"));
    CHECK(transport.sent.back().body->value(QStringLiteral("certificate"))
          == QStringLiteral("CHAIN"));
    CHECK(transport.sent.back().body->value(QStringLiteral("privateKey")) == QStringLiteral("KEY"));
    CHECK(transport.sent.back().body->value(QStringLiteral("keyPassword")) == QStringLiteral("kp"));
    model.importPkcs12(QStringLiteral("p12"), "P12", QStringLiteral("pw"));
    CHECK(transport.sent.back().body->value(QStringLiteral("pkcs12"))
          == QString::fromLatin1(QByteArray("P12").toBase64()));
    CHECK(transport.sent.back().body->value(QStringLiteral("password")) == QStringLiteral("pw"));
    model.renew(2);
    CHECK(transport.sent.back().path == QStringLiteral("/api/v1/web-certificates/2/renew"));
    model.distributeRoot(2);
    CHECK(transport.sent.back().method == "POST");
    CHECK(transport.sent.back().path
          == QStringLiteral("/api/v1/web-certificates/2/distribute-root"));
    model.remove(1);
    CHECK(transport.sent.back().method == "DELETE");
    CHECK(transport.sent.back().path == QStringLiteral("/api/v1/web-certificates/1"));
    transport.pending.clear();
    model.remove(1);
    transport.answer(409, failure(QStringLiteral("conflict"), QStringLiteral("it is in use")));
    outcome = finished.last().first().value<ActionOutcome>();
    CHECK(outcome.what == QStringLiteral("Delete \"initial\""));
    CHECK(outcome.error == QStringLiteral("it is in use"));
    transport.pending.clear();

    // Host names and affected devices are plain reads.
    QJsonObject got;
    model.hostNames([&](const QJsonObject& object, const QString&) { got = object; });
    CHECK(transport.sent.back().path == QStringLiteral("/api/v1/web-certificates/host-names"));
    transport.answer(200,
                     QJsonObject{{QStringLiteral("names"), QJsonArray{QStringLiteral("x.y")}}});
    CHECK(got.value(QStringLiteral("names")).toArray().size() == 1);
    model.affectedDevices(2, [&](const QJsonObject& object, const QString&) { got = object; });
    CHECK(transport.sent.back().path
          == QStringLiteral("/api/v1/web-certificates/2/affected-devices"));
    transport.answer(200, notTrusting().value(QStringLiteral("error")).toObject());
    const QString text = console::models::affectedDevicesText(QStringLiteral("corp"), got);
    CHECK(
        text.startsWith(QStringLiteral("12 enrolled device(s) do not trust the root of \"corp\"")));
    CHECK(text.contains(QStringLiteral("\nTC-4\nTC-5\n… and 10 more")));
    CHECK(console::models::affectedDevicesText(QStringLiteral("corp"),
                                               QJsonObject{{QStringLiteral("count"), 0}})
              .startsWith(QStringLiteral("Every enrolled device trusts")));
}

TEST_CASE("an assignment refused for untrusting devices names them and is forced only when asked",
          "[unit][console]")
{
    Loaded loaded;
    auto& transport = loaded.transport;
    console::ui::WebCertificatesPage page(loaded.model);
    QStringList questions;
    std::vector<bool> answers{true, false, true, true};
    page.setConfirm([&](const QString&, const QString& text) {
        questions.append(text);
        const bool yes = answers.front();
        answers.erase(answers.begin());
        return yes;
    });
    std::vector<QString> notified;
    page.setNotify([&](const QString&, const QString& text) { notified.push_back(text); });
    page.select(1);
    CHECK_FALSE(page.button(QStringLiteral("assign"))->isEnabled()); // already in use
    page.select(2);
    REQUIRE(page.button(QStringLiteral("assign"))->isEnabled());

    // Asked first; the refusal names the count and the devices; force declined.
    page.button(QStringLiteral("assign"))->click();
    REQUIRE(questions.size() == 1);
    CHECK(
        questions[0].contains(QStringLiteral("Make \"corp\" the certificate the server presents")));
    CHECK(questions[0].contains(QStringLiteral("changed-certificate warning")));
    CHECK(transport.sent.back().path == QStringLiteral("/api/v1/web-certificates/2/assign"));
    CHECK(transport.sent.back().body->value(QStringLiteral("force")) == false);
    transport.answer(409, notTrusting());
    REQUIRE(questions.size() == 2);
    CHECK(questions[1].startsWith(
        QStringLiteral("12 enrolled device(s) do not trust the root of \"corp\":\nTC-4\nTC-5\n… "
                       "and 10 more")));
    CHECK(questions[1].contains(
        QStringLiteral("2 enrolled device(s) do not trust \"CN=Corp Root\"")));
    CHECK(page.statusText().startsWith(QStringLiteral("Assign \"corp\" refused: 2 enrolled")));
    CHECK(notified.empty());
    CHECK(transport.sent.back().method == "GET"); // only the reload
    transport.pending.clear();

    // Again, forced this time.
    page.select(2);
    page.button(QStringLiteral("assign"))->click();
    transport.answer(409, notTrusting());
    REQUIRE(questions.size() == 4);
    REQUIRE(transport.pending.size() == 2); // the forced one, then the reload
    CHECK(transport.pending.front().request.path
          == QStringLiteral("/api/v1/web-certificates/2/assign"));
    CHECK(transport.pending.front().request.body->value(QStringLiteral("force")) == true);
    transport.answer(200, web(2, QStringLiteral("corp"), true));
    CHECK(page.statusText() == QStringLiteral("Assign \"corp\": done"));
}
