// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "tests/integration/server/admin/AdminTestSupport.h"
#include "tests/support/CatchQt.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>

using steward::test::runAdmin;

TEST_CASE("steward-admin certificates lists, shows, exports and generates",
          "[integration][admin][certs]")
{
    QTemporaryDir dir;
    const auto withoutPki =
        runAdmin(dir.path(), {}, {QStringLiteral("certificates"), QStringLiteral("list")});
    CHECK(withoutPki.exitCode == 1);
    CHECK(withoutPki.err.contains(QStringLiteral("start steward-server once")));

    steward::test::makePki(dir.path());
    const auto listed =
        runAdmin(dir.path(), {}, {QStringLiteral("certificates"), QStringLiteral("list")});
    INFO(listed.err.toStdString());
    REQUIRE(listed.exitCode == 0);
    CHECK(listed.out.startsWith(
        QStringLiteral("1* tckey [active] RSA 4096 SHA512withRSA devices=0 notAfter=")));

    const auto made = runAdmin(dir.path(), {},
                               {QStringLiteral("certificates"), QStringLiteral("generate"),
                                QStringLiteral("fleet-ec"), QStringLiteral("--key-spec"),
                                QStringLiteral("EC P-256")});
    INFO(made.err.toStdString());
    REQUIRE(made.exitCode == 0);
    CHECK(made.out.startsWith(QStringLiteral("2 fleet-ec [active] EC P-256 SHA256withECDSA")));
    CHECK(runAdmin(dir.path(), {}, {QStringLiteral("certificates"), QStringLiteral("list")})
              .out.count(QLatin1Char('\n'))
          == 2);

    const auto shown = runAdmin(
        dir.path(), {},
        {QStringLiteral("certificates"), QStringLiteral("show"), QStringLiteral("FLEET-EC")});
    REQUIRE(shown.exitCode == 0);
    CHECK(
        shown.out.contains(QStringLiteral("issuer: CN=Steward device communication (fleet-ec)\n")));
    CHECK(shown.out.contains(QStringLiteral("keySpec: EC P-256\n")));
    CHECK(shown.out.contains(QStringLiteral("default: false\n")));

    QFile tckey(QDir(dir.path()).filePath(QStringLiteral("pki/tckey.crt")));
    REQUIRE(tckey.open(QIODevice::ReadOnly));
    const auto exported =
        runAdmin(dir.path(), {},
                 {QStringLiteral("certificates"), QStringLiteral("export"), QStringLiteral("1")});
    INFO(exported.err.toStdString());
    REQUIRE(exported.exitCode == 0);
    CHECK(exported.out.toLatin1() == tckey.readAll());

    const auto unknown =
        runAdmin(dir.path(), {},
                 {QStringLiteral("certificates"), QStringLiteral("show"), QStringLiteral("nope")});
    CHECK(unknown.exitCode == 1);
    CHECK(unknown.err.contains(QStringLiteral("no certificate with id or alias \"nope\"")));
    const auto badSpec =
        runAdmin(dir.path(), {},
                 {QStringLiteral("certificates"), QStringLiteral("generate"), QStringLiteral("x"),
                  QStringLiteral("--key-spec"), QStringLiteral("DSA 1024")});
    CHECK(badSpec.exitCode == 1);
    CHECK(badSpec.err.contains(QStringLiteral("unsupported key spec \"DSA 1024\"")));
    CHECK(runAdmin(dir.path(), {}, {QStringLiteral("certificates")}).exitCode == 2);
}

TEST_CASE("steward-admin certificates activates, deactivates, moves and deletes",
          "[integration][admin][certs]")
{
    QTemporaryDir dir;
    steward::test::makePki(dir.path());
    const auto run = [&](const QStringList& arguments) {
        return runAdmin(dir.path(), {}, QStringList{QStringLiteral("certificates")} + arguments);
    };
    REQUIRE(run({QStringLiteral("generate"), QStringLiteral("fleet-ec"),
                 QStringLiteral("--key-spec"), QStringLiteral("EC P-256")})
                .exitCode
            == 0);
    const auto moved =
        run({QStringLiteral("move"), QStringLiteral("fleet-ec"), QStringLiteral("up")});
    INFO(moved.err.toStdString());
    REQUIRE(moved.exitCode == 0);
    CHECK(moved.out.startsWith(QStringLiteral("2* fleet-ec [active]")));
    const auto top =
        run({QStringLiteral("move"), QStringLiteral("fleet-ec"), QStringLiteral("up")});
    CHECK(top.exitCode == 1);
    CHECK(run({QStringLiteral("move"), QStringLiteral("fleet-ec"), QStringLiteral("sideways")})
              .exitCode
          == 2);
    const auto off = run({QStringLiteral("deactivate"), QStringLiteral("tckey")});
    REQUIRE(off.exitCode == 0);
    CHECK(off.out.startsWith(QStringLiteral("1 tckey [inactive]")));
    const auto last = run({QStringLiteral("deactivate"), QStringLiteral("fleet-ec")});
    CHECK(last.exitCode == 1);
    CHECK(last.err.contains(QStringLiteral("last active")));
    CHECK(run({QStringLiteral("activate"), QStringLiteral("1")})
              .out.startsWith(QStringLiteral("1 tckey [active]")));
    const auto deleted = run({QStringLiteral("delete"), QStringLiteral("fleet-ec")});
    INFO(deleted.err.toStdString());
    REQUIRE(deleted.exitCode == 0);
    CHECK(deleted.out == QStringLiteral("deleted fleet-ec\n"));
    CHECK(run({QStringLiteral("list")}).out.count(QLatin1Char('\n')) == 1);
}
