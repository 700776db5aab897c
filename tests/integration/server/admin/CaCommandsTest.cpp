// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/crypto/Certificate.h"
#include "common/crypto/ChainVerifier.h"
#include "server/db/DatabaseConfig.h"
#include "tests/integration/server/admin/AdminTestSupport.h"
#include "tests/support/CatchQt.h"
#include "tests/support/server/DeviceSeed.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>

using namespace steward;
using steward::test::runAdmin;

namespace {

crypto::Certificate pkiCertificate(const QString& dataDir, const QString& name)
{
    QFile file(QDir(dataDir).filePath(QStringLiteral("pki/") + name));
    REQUIRE(file.open(QIODevice::ReadOnly));
    return crypto::Certificate::fromPem(file.readAll()).value();
}

test::AdminRun ca(const QString& dataDir, const QString& action, bool force = false)
{
    QStringList args{QStringLiteral("ca"), action};
    if (force) {
        args.append(QStringLiteral("--force"));
    }
    return runAdmin(dataDir, {}, args);
}

} // namespace

TEST_CASE("steward-admin ca renews, activates and retires, refusing while devices need the old",
          "[integration][admin][certs]")
{
    QTemporaryDir dir;
    const auto withoutPki = ca(dir.path(), QStringLiteral("status"));
    CHECK(withoutPki.exitCode == 1);
    CHECK(withoutPki.err.contains(QStringLiteral("start steward-server once")));
    test::makePki(dir.path());
    const auto status = ca(dir.path(), QStringLiteral("status"));
    INFO(status.err.toStdString());
    REQUIRE(status.exitCode == 0);
    CHECK(status.out.contains(QStringLiteral("\"nextRoot\": null")));
    server::db::DatabaseConfig database;
    database.sqliteFile = QDir(dir.path()).filePath(QStringLiteral("steward.sqlite"));
    REQUIRE(test::seedDevices(database, 2).ok());

    auto nothing = ca(dir.path(), QStringLiteral("activate-root"));
    CHECK(nothing.exitCode == 1);
    CHECK(nothing.err.contains(QStringLiteral("no renewed root to activate")));
    const auto oldRoot = pkiCertificate(dir.path(), QStringLiteral("root-ca.crt"));
    const auto renewed = ca(dir.path(), QStringLiteral("renew-root"));
    INFO(renewed.err.toStdString());
    REQUIRE(renewed.exitCode == 0);
    CHECK(renewed.out.startsWith(QStringLiteral("renewed root made")));
    const auto next = pkiCertificate(dir.path(), QStringLiteral("root-ca.next.crt"));
    CHECK(ca(dir.path(), QStringLiteral("renew-root"))
              .err.contains(QStringLiteral("already being distributed")));

    // Two devices never confirmed the renewed root: switching would cut them off.
    const auto refused = ca(dir.path(), QStringLiteral("activate-root"));
    CHECK(refused.exitCode == 1);
    CHECK(refused.err.contains(QStringLiteral("2 device(s) do not trust the renewed root yet")));
    CHECK(pkiCertificate(dir.path(), QStringLiteral("root-ca.crt")) == oldRoot);
    const auto forced = ca(dir.path(), QStringLiteral("activate-root"), true);
    INFO(forced.err.toStdString());
    REQUIRE(forced.exitCode == 0);
    CHECK(pkiCertificate(dir.path(), QStringLiteral("root-ca.crt")) == next);
    CHECK(pkiCertificate(dir.path(), QStringLiteral("root-ca.old.crt")) == oldRoot);
    CHECK(crypto::verifyChain(pkiCertificate(dir.path(), QStringLiteral("web.crt")), {}, {next})
              .ok());

    const auto oldDeviceCa = pkiCertificate(dir.path(), QStringLiteral("device-ca.crt"));
    REQUIRE(ca(dir.path(), QStringLiteral("renew-device-ca")).exitCode == 0);
    CHECK(pkiCertificate(dir.path(), QStringLiteral("device-ca.old.crt")) == oldDeviceCa);
    CHECK_FALSE(pkiCertificate(dir.path(), QStringLiteral("device-ca.crt")) == oldDeviceCa);
    CHECK(ca(dir.path(), QStringLiteral("renew-device-ca"))
              .err.contains(QStringLiteral("previous device CA is still kept")));

    const auto early = ca(dir.path(), QStringLiteral("retire-old"));
    CHECK(early.exitCode == 1);
    CHECK(early.err.contains(QStringLiteral("2 device(s) do not trust the current root")));
    const auto retired = ca(dir.path(), QStringLiteral("retire-old"), true);
    INFO(retired.err.toStdString());
    REQUIRE(retired.exitCode == 0);
    CHECK(retired.out.contains(QStringLiteral("retired: root-ca.old, device-ca.old")));
    CHECK_FALSE(QFile::exists(QDir(dir.path()).filePath(QStringLiteral("pki/root-ca.old.crt"))));
    CHECK(ca(dir.path(), QStringLiteral("retire-old"))
              .err.contains(QStringLiteral("no old root or device CA to retire")));
    CHECK(runAdmin(dir.path(), {}, {QStringLiteral("ca"), QStringLiteral("bogus")}).exitCode == 2);
}
