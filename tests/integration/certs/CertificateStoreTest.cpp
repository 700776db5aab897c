// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/services/CertificateStore.h"
#include "common/crypto/CertificateIssuer.h"
#include "server/db/AuditRepository.h"
#include "server/db/CertificateRepository.h"
#include "server/db/Database.h"
#include "server/db/DeviceRepository.h"
#include "server/services/AuditLog.h"
#include "server/services/ServerIdentity.h"
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
struct StoreRig {
    explicit StoreRig(db::DatabaseKind kind) : m(kind)
    {
        test::copyServerPki(pkiDir());
        auto loaded = services::ServerIdentity::loadOrCreate(pkiDir(), services::WebNames{{}, {}});
        REQUIRE(loaded.ok());
        identity = std::make_unique<services::ServerIdentity>(*loaded);
        store = std::make_unique<services::CertificateStore>(m.db, repository, *identity, audit,
                                                             [] { return qint64(1000); });
    }
    [[nodiscard]] QString pkiDir() const { return dir.filePath(QStringLiteral("pki")); }

    MigratedDatabase m;
    QTemporaryDir dir;
    std::unique_ptr<services::ServerIdentity> identity;
    db::AuditRepository auditRepository{m.db};
    services::AuditLog audit{auditRepository, [] { return qint64(1000); }};
    db::CertificateRepository repository{m.db};
    std::unique_ptr<services::CertificateStore> store;
};

qint64 insertDevice(db::Database& database, const QString& fingerprint)
{
    db::Device device;
    device.name = QStringLiteral("TC-") + fingerprint;
    device.certFingerprint = fingerprint;
    device.certPem = QStringLiteral("pem");
    device.enrolledAt = 1;
    const auto id = db::DeviceRepository(database).insert(device);
    REQUIRE(id.ok());
    return *id;
}

QStringList aliases(const services::CertificateStore& store)
{
    auto entries = store.list();
    REQUIRE(entries.ok());
    QStringList names;
    for (const auto& entry : *entries) {
        names.append(entry.row.alias + (entry.isDefault ? QStringLiteral("*") : QString()));
    }
    return names;
}

services::GenerateOptions ecOptions(const QString& alias)
{
    services::GenerateOptions options;
    options.alias = alias;
    options.keySpec = QStringLiteral("EC P-256");
    return options;
}

} // namespace

TEST_CASE("the store adopts tckey as its default and the devices enrolled before it",
          "[integration][db][certs]")
{
    StoreRig rig(test::anyDatabaseKind());
    const qint64 first = insertDevice(rig.m.db, QStringLiteral("aa01"));
    insertDevice(rig.m.db, QStringLiteral("aa02"));
    REQUIRE(rig.store->start().ok());
    REQUIRE(rig.store->start().ok()); // a second start adds nothing

    auto entries = rig.store->list();
    REQUIRE(entries.ok());
    REQUIRE(entries->size() == 1);
    const auto& tckey = entries->front();
    CHECK(tckey.row.alias == QStringLiteral("tckey"));
    CHECK(tckey.isDefault);
    CHECK(tckey.row.active);
    CHECK(tckey.row.keySpec == QStringLiteral("RSA 4096"));
    CHECK(tckey.row.signatureAlgorithm == QStringLiteral("SHA512withRSA"));
    CHECK(tckey.row.keyFile == QStringLiteral("tckey.key"));
    CHECK(tckey.deviceCount == 2);
    CHECK(tckey.certificate == rig.identity->deviceCommunication());
    CHECK(rig.repository.deviceCertificate(first).value() == tckey.row.id);
    auto key = rig.store->privateKey(tckey.row.id);
    REQUIRE(key.ok());
    CHECK(tckey.certificate.matches(*key));
}

TEST_CASE("generated keys live in 0600 files, never in the database", "[integration][db][certs]")
{
    StoreRig rig(test::anyDatabaseKind());
    REQUIRE(rig.store->start().ok());
    auto made = rig.store->generate(ecOptions(QStringLiteral("fleet-ec")), Alice);
    INFO((made.ok() ? std::string() : made.error().message.toStdString()));
    REQUIRE(made.ok());
    CHECK(made->row.keySpec == QStringLiteral("EC P-256"));
    CHECK(made->row.signatureAlgorithm == QStringLiteral("SHA256withECDSA"));
    CHECK_FALSE(made->isDefault); // appended below tckey
    CHECK(made->row.position > 1);
    const QString keyPath = QDir(rig.pkiDir()).filePath(made->row.keyFile);
    REQUIRE(QFile::exists(keyPath));
    CHECK(QFile::permissions(keyPath)
          == (QFile::ReadOwner | QFile::WriteOwner | QFile::ReadUser | QFile::WriteUser));
    auto key = crypto::PrivateKey::readFile(keyPath);
    REQUIRE(key.ok());
    CHECK(made->certificate.matches(*key));

    QSqlQuery query(rig.m.db.connection());
    REQUIRE(query.exec(QStringLiteral("SELECT * FROM device_certificates")));
    while (query.next()) {
        for (int column = 0; column < query.record().count(); ++column) {
            CHECK_FALSE(query.value(column).toString().contains(QStringLiteral("PRIVATE KEY")));
        }
    }

    // Deleting the entry deletes its key file; tckey's own files stay for ServerIdentity.
    REQUIRE(rig.store->remove(made->row.id, false, Alice).ok());
    CHECK_FALSE(QFile::exists(keyPath));
    CHECK(aliases(*rig.store) == QStringList{QStringLiteral("tckey*")});
}

TEST_CASE("aliases and certificates are unique in the store", "[integration][db][certs]")
{
    StoreRig rig(test::anyDatabaseKind());
    REQUIRE(rig.store->start().ok());
    REQUIRE(rig.store->generate(ecOptions(QStringLiteral("Branch")), Alice).ok());
    auto again = rig.store->generate(ecOptions(QStringLiteral("branch")), Alice);
    REQUIRE_FALSE(again.ok());
    CHECK(again.error().code == ErrorCode::AlreadyExists);
    CHECK(again.error().message.contains(QStringLiteral("\"Branch\" already exists")));
    // No stray key file for the refused one.
    CHECK(QDir(rig.pkiDir() + QStringLiteral("/device-communication")).entryList(QDir::Files).size()
          == 1);

    auto tckey = rig.store->import(
        QStringLiteral("copy"),
        services::CertificateMaterial{rig.identity->deviceCommunication(), {}}, Alice);
    REQUIRE_FALSE(tckey.ok());
    CHECK(tckey.error().message.contains(QStringLiteral("already in the store as \"tckey\"")));

    auto bad = rig.store->generate(ecOptions(QStringLiteral("a/b")), Alice);
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.error().code == ErrorCode::InvalidValue);
}

TEST_CASE("order, activation and deletion keep one active default and spare devices in use",
          "[integration][db][certs]")
{
    StoreRig rig(test::anyDatabaseKind());
    REQUIRE(rig.store->start().ok());
    const qint64 tckey = rig.store->defaultCertificate().value().row.id;
    const qint64 device = insertDevice(rig.m.db, QStringLiteral("bb01"));
    auto second = rig.store->generate(ecOptions(QStringLiteral("second")), Alice);
    auto third = rig.store->generate(ecOptions(QStringLiteral("third")), Alice);
    REQUIRE((second.ok() && third.ok()));
    REQUIRE(rig.repository.setDeviceCertificate(device, third->row.id).ok());

    CHECK(rig.store->move(tckey, true, Alice).error().code == ErrorCode::Conflict);
    CHECK(rig.store->move(third->row.id, false, Alice).error().code == ErrorCode::Conflict);
    REQUIRE(rig.store->move(third->row.id, true, Alice).ok());
    REQUIRE(rig.store->move(third->row.id, true, Alice).ok());
    CHECK(aliases(*rig.store)
          == QStringList{QStringLiteral("third*"), QStringLiteral("tckey"),
                         QStringLiteral("second")});

    // The default passes to the next active entry when the top one is deactivated.
    REQUIRE(rig.store->setActive(third->row.id, false, Alice).ok());
    CHECK(rig.store->defaultCertificate().value().row.alias == QStringLiteral("tckey"));
    REQUIRE(rig.store->setActive(second->row.id, false, Alice).ok());
    auto last = rig.store->setActive(tckey, false, Alice);
    REQUIRE_FALSE(last.ok());
    CHECK(last.error().code == ErrorCode::Conflict);
    CHECK(last.error().message.contains(QStringLiteral("last active certificate")));
    auto lastDelete = rig.store->remove(tckey, true, Alice);
    REQUIRE_FALSE(lastDelete.ok());
    CHECK(lastDelete.error().message.contains(QStringLiteral("last active certificate")));

    // "third" is inactive but a device still uses it: deleting needs force.
    auto inUse = rig.store->remove(third->row.id, false, Alice);
    REQUIRE_FALSE(inUse.ok());
    CHECK(inUse.error().code == ErrorCode::Conflict);
    CHECK(inUse.error().message.startsWith(QStringLiteral("1 device(s) use \"third\"")));
    REQUIRE(rig.store->remove(third->row.id, true, Alice).ok());
    CHECK(rig.repository.deviceCertificate(device).value() == std::nullopt);
    CHECK(aliases(*rig.store) == QStringList{QStringLiteral("tckey*"), QStringLiteral("second")});

    // Every change and refusal is in the audit log.
    db::AuditFilter filter;
    filter.action = QStringLiteral("certificate.delete");
    auto deletes = rig.auditRepository.query(filter, 0, 10);
    REQUIRE(deletes.ok());
    CHECK(deletes->total == 3);
}
