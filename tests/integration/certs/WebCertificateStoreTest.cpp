// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// The web certificate store on SQLite and PostgreSQL: migration of the first-start
// certificate, keys outside the database, assignment kept across a new store, and refusals.
#include "server/services/WebCertificateStore.h"
#include "server/db/AuditRepository.h"
#include "server/db/Database.h"
#include "server/db/DeviceRepository.h"
#include "server/services/AuditLog.h"
#include "server/services/ServerIdentity.h"
#include "tests/integration/certs/WebCertificateSupport.h"
#include "tests/integration/devices/DeviceTestSupport.h"
#include "tests/support/CatchQt.h"
#include "tests/support/server/MigratedDatabase.h"

#include <QDir>
#include <QFile>
#include <QSqlQuery>
#include <QSqlRecord>

using namespace steward;
using namespace steward::server;
using steward::test::MigratedDatabase;

namespace {

const services::Requester Alice{QStringLiteral("alice"), QStringLiteral("127.0.0.1")};

/** The store over a real database and a copy of the test PKI. */
struct WebStoreRig {
    explicit WebStoreRig(db::DatabaseKind kind) : m(kind)
    {
        test::copyServerPki(pkiDir());
        reopen();
    }
    /** A new identity and store over the same database and files, as after a restart. */
    void reopen()
    {
        auto loaded = services::ServerIdentity::loadOrCreate(pkiDir(), services::WebNames{{}, {}});
        REQUIRE(loaded.ok());
        identity = std::make_unique<services::ServerIdentity>(*loaded);
        store = std::make_unique<services::WebCertificateStore>(m.db, repository, *identity, audit,
                                                                [] { return qint64(1000); });
        store->setTrustCheck(services::stewardRootTrustCheck(*identity, repository, 1));
        REQUIRE(store->start().ok());
    }
    [[nodiscard]] QString pkiDir() const { return dir.filePath(QStringLiteral("pki")); }

    MigratedDatabase m;
    QTemporaryDir dir;
    std::unique_ptr<services::ServerIdentity> identity;
    db::AuditRepository auditRepository{m.db};
    services::AuditLog audit{auditRepository, [] { return qint64(1000); }};
    db::WebCertificateRepository repository{m.db};
    std::unique_ptr<services::WebCertificateStore> store;
};

void insertDevice(db::Database& database, const QString& name)
{
    db::Device device;
    device.name = name;
    device.certFingerprint = name;
    device.certPem = QStringLiteral("pem");
    device.enrolledAt = 1;
    REQUIRE(db::DeviceRepository(database).insert(device).ok());
}

} // namespace

TEST_CASE("the web store adopts the first-start certificate and keeps an assignment",
          "[integration][db][webcerts]")
{
    WebStoreRig rig(test::anyDatabaseKind());
    const crypto::Certificate first = rig.identity->webCertificate();
    rig.reopen(); // a second start adds nothing
    auto entries = rig.store->list();
    REQUIRE(entries.ok());
    REQUIRE(entries->size() == 1);
    CHECK(entries->front().row.alias == QStringLiteral("initial"));
    CHECK(entries->front().row.inUse);
    CHECK(entries->front().row.keyFile == QStringLiteral("web.key"));
    CHECK(entries->front().certificate == first);
    CHECK(entries->front().root() == rig.identity->rootCa());

    services::WebCertificateOptions options;
    options.alias = QStringLiteral("next");
    options.hostNames = {QStringLiteral("web.example.com"), QStringLiteral("10.0.0.5")};
    auto made = rig.store->create(options, Alice);
    INFO((made.ok() ? std::string() : made.error().message.toStdString()));
    REQUIRE(made.ok());
    const QString keyPath = QDir(rig.pkiDir()).filePath(made->row.keyFile);
    CHECK(made->row.keyFile.startsWith(QStringLiteral("web/")));
    CHECK(QFile::permissions(keyPath)
          == (QFile::ReadOwner | QFile::WriteOwner | QFile::ReadUser | QFile::WriteUser));
    QSqlQuery query(rig.m.db.connection());
    REQUIRE(query.exec(QStringLiteral("SELECT * FROM web_certificates")));
    while (query.next()) {
        for (int column = 0; column < query.record().count(); ++column) {
            CHECK_FALSE(query.value(column).toString().contains(QStringLiteral("PRIVATE KEY")));
        }
    }

    bool changed = false;
    rig.store->onInUseChanged([&] { changed = true; });
    REQUIRE(rig.store->assign(made->row.id, false, Alice).ok());
    CHECK(changed);
    CHECK(rig.identity->webCertificate() == made->certificate);
    auto removed = rig.store->remove(made->row.id, Alice);
    REQUIRE_FALSE(removed.ok());
    CHECK(removed.error().code == ErrorCode::Conflict);

    rig.reopen();
    CHECK(rig.identity->webCertificate() == made->certificate);
    CHECK(rig.identity->webTlsIdentity().intermediates
          == QList<QSslCertificate>{rig.identity->rootCa().toQSslCertificate()});

    // A renewal replaces certificate and key file in place; the old key file goes.
    auto renewed = rig.store->renew(made->row.id, 90, Alice);
    REQUIRE(renewed.ok());
    CHECK(renewed->row.id == made->row.id);
    CHECK(renewed->certificate.dnsNames() == made->certificate.dnsNames());
    CHECK(renewed->certificate.ipAddresses() == made->certificate.ipAddresses());
    CHECK_FALSE(QFile::exists(keyPath));
    CHECK(rig.identity->webCertificate() == renewed->certificate);
}

TEST_CASE("the web store refuses a root enrolled devices do not trust unless forced",
          "[integration][db][webcerts]")
{
    WebStoreRig rig(test::anyDatabaseKind());
    insertDevice(rig.m.db, QStringLiteral("TC-b"));
    insertDevice(rig.m.db, QStringLiteral("TC-a"));
    const auto corporate = test::makeCorporateChain(QStringLiteral("Store Corp Root"));
    auto imported = rig.store->import(
        QStringLiteral("corp"),
        services::WebMaterial{corporate.leaf, {corporate.root}, corporate.leafKey}, Alice);
    REQUIRE(imported.ok());
    CHECK(imported->row.origin == QStringLiteral("imported"));

    services::AffectedDevices affected;
    auto refused = rig.store->assign(imported->row.id, false, Alice, &affected);
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().code == ErrorCode::Conflict);
    CHECK(refused.error().message.contains(QStringLiteral("2 enrolled device(s)")));
    CHECK(refused.error().message.contains(QStringLiteral("\"TC-a\", …")));
    CHECK(affected.count == 2);
    REQUIRE(affected.first.size() == 1); // the rig names only the first
    CHECK(affected.first.front().second == QStringLiteral("TC-a"));
    CHECK(rig.identity->webCertificate() != corporate.leaf);

    REQUIRE(rig.store->assign(imported->row.id, true, Alice).ok());
    CHECK(rig.identity->webCertificate() == corporate.leaf);
    CHECK(rig.identity->webTlsIdentity().intermediates
          == QList<QSslCertificate>{corporate.root.toQSslCertificate()});
    auto renew = rig.store->renew(imported->row.id, std::nullopt, Alice);
    REQUIRE_FALSE(renew.ok());
    CHECK(renew.error().message.contains(QStringLiteral("have that CA renew it")));
}
