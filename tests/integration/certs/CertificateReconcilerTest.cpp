// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// The reconciler and its repository on SQLite and PostgreSQL, with a recording channel.
#include "server/services/CertificateReconciler.h"
#include "agent/link/CertificateRollover.h"
#include "server/db/AuditRepository.h"
#include "server/db/CertificateRepository.h"
#include "server/db/Database.h"
#include "server/db/DeviceRepository.h"
#include "server/db/RolloverRepository.h"
#include "server/db/records/Device.h"
#include "server/services/AuditLog.h"
#include "server/services/CertificateStore.h"
#include "server/services/ServerIdentity.h"
#include "tests/integration/devices/DeviceTestSupport.h"
#include "tests/support/CatchQt.h"
#include "tests/support/server/MigratedDatabase.h"

using namespace steward;
using namespace steward::server;
using protocol::CertificateSupport;

namespace {

const services::Requester Alice{QStringLiteral("alice"), QStringLiteral("127.0.0.1")};

struct Rig {
    explicit Rig(db::DatabaseKind kind) : m(kind)
    {
        test::copyServerPki(dir.filePath(QStringLiteral("pki")));
        auto loaded = services::ServerIdentity::loadOrCreate(dir.filePath(QStringLiteral("pki")),
                                                             services::WebNames{{}, {}});
        REQUIRE(loaded.ok());
        identity = std::make_unique<services::ServerIdentity>(*loaded);
        store = std::make_unique<services::CertificateStore>(m.db, repository, *identity, audit,
                                                             [] { return qint64(1000); });
        REQUIRE(store->start().ok());
        reconciler = std::make_unique<services::CertificateReconciler>(
            *store, rollovers, audit,
            services::RolloverChannel{[this] { return online; },
                                      [this](qint64 id, const protocol::Message& message) {
                                          const auto* rollover =
                                              std::get_if<protocol::CertificateRollover>(&message);
                                          REQUIRE(rollover != nullptr);
                                          sent.emplace_back(id, *rollover);
                                          return true;
                                      }},
            std::chrono::minutes(5));
    }

    qint64 addDevice(const QString& name, const CertificateSupport& support)
    {
        db::Device device;
        device.name = name;
        device.certFingerprint = name;
        device.certPem = QStringLiteral("pem");
        device.enrolledAt = 1;
        const auto id = db::DeviceRepository(m.db).insert(device);
        REQUIRE(id.ok());
        REQUIRE(store->recordDevice(*id, tckey().row.id, support).ok());
        online.push_back(*id);
        return *id;
    }
    services::StoredCertificate tckey() { return store->list().value().front(); }
    db::DeviceCertificateState state(qint64 id) { return rollovers.state(id).value(); }
    void confirm(qint64 id, const protocol::CertificateConfirm& confirm)
    {
        db::Device device;
        device.id = id;
        CHECK(reconciler->handleDeviceMessage(device, QStringLiteral("127.0.0.1"),
                                              protocol::IncomingMessage{5, 1, confirm}));
    }

    test::MigratedDatabase m;
    QTemporaryDir dir;
    std::unique_ptr<services::ServerIdentity> identity;
    db::AuditRepository auditRepository{m.db};
    services::AuditLog audit{auditRepository, [] { return qint64(1000); }};
    db::CertificateRepository repository{m.db};
    db::RolloverRepository rollovers{m.db};
    std::unique_ptr<services::CertificateStore> store;
    std::unique_ptr<services::CertificateReconciler> reconciler;
    std::vector<qint64> online;
    std::vector<std::pair<qint64, protocol::CertificateRollover>> sent;
};

} // namespace

TEST_CASE("the reconciler offers each online device the top certificate it supports, once",
          "[integration][db][certs]")
{
    Rig rig(test::anyDatabaseKind());
    const auto tckey = rig.tckey();
    const qint64 modern = rig.addDevice(QStringLiteral("modern"), CertificateSupport::current());
    const qint64 legacy = rig.addDevice(QStringLiteral("legacy"), CertificateSupport::legacy());
    const qint64 rsaOnly =
        rig.addDevice(QStringLiteral("rsa"), CertificateSupport{{QStringLiteral("RSA")},
                                                                {QStringLiteral("SHA512withRSA")}});
    CHECK(rig.state(modern).support.contains(QStringLiteral("EC P-384")));
    CHECK(rig.reconciler->reconcile() == 0); // everyone pins the default

    services::GenerateOptions options;
    options.alias = QStringLiteral("fleet-ec");
    options.keySpec = QStringLiteral("EC P-256");
    const auto made = rig.store->generate(options, Alice);
    REQUIRE(made.ok());
    REQUIRE(rig.store->move(made->row.id, true, Alice).ok());

    CHECK(rig.reconciler->reconcile() == 2);
    REQUIRE(rig.sent.size() == 2);
    CHECK(rig.sent[0].first == modern);
    CHECK(rig.sent[1].first == legacy);
    CHECK(rig.state(modern).pendingId == made->row.id);
    CHECK_FALSE(rig.state(rsaOnly).pendingId.has_value());
    // Signed with tckey, which the devices pin: the agent's own check accepts it.
    const auto checked =
        agent::checkRollover(rig.sent[0].second, modern, tckey.certificate.toQSslCertificate(),
                             CertificateSupport::current());
    INFO((checked.ok() ? std::string() : checked.error().message.toStdString()));
    CHECK(checked.ok());
    // In flight: not offered again by a triggered pass; instructions are signed with the offer.
    CHECK(rig.reconciler->reconcile() == 0);
    CHECK(rig.repository.signingCertificate(modern).value() == made->row.id);
    CHECK(rig.repository.deviceCertificate(modern).value() == tckey.row.id);

    const QString offered = made->row.fingerprint;
    rig.confirm(modern, {offered, offered, true, {}});
    CHECK(rig.state(modern).certificateId == made->row.id);
    CHECK_FALSE(rig.state(modern).pendingId.has_value());
    const auto device = db::DeviceRepository(rig.m.db).findById(modern).value();
    REQUIRE(device.has_value());
    CHECK(device->certificateId == made->row.id);
    CHECK(device->certificateFingerprint == offered);

    // A refusal keeps the old certificate, is remembered and not offered again until a hello.
    rig.confirm(legacy, {offered, tckey.row.fingerprint, false, QStringLiteral("disk full")});
    CHECK(rig.state(legacy).certificateId == tckey.row.id);
    CHECK_FALSE(rig.state(legacy).pendingId.has_value());
    CHECK(rig.reconciler->refusals().value(legacy) == QStringLiteral("disk full"));
    CHECK(rig.reconciler->reconcile() == 0);
    rig.reconciler->deviceGreeted(legacy);
    CHECK(rig.sent.size() == 3);
    CHECK(rig.sent.back().first == legacy);
    // The device says it pins fleet-ec already (its confirm was lost): the record follows it.
    rig.confirm(legacy, {offered, offered, false, QStringLiteral("already pinned")});
    CHECK(rig.state(legacy).certificateId == made->row.id);

    // A confirm for something that was never offered changes nothing it does not know.
    rig.confirm(rsaOnly, {QString(64, QLatin1Char('e')), tckey.row.fingerprint, true, {}});
    CHECK(rig.state(rsaOnly).certificateId == tckey.row.id);
    CHECK(rig.store->get(made->row.id).value().deviceCount == 2);
}

TEST_CASE("the reconciler ignores other messages", "[integration][db][certs]")
{
    Rig rig(db::DatabaseKind::Sqlite);
    db::Device device;
    device.id = 1;
    CHECK_FALSE(rig.reconciler->handleDeviceMessage(
        device, QString(), protocol::IncomingMessage{1, std::nullopt, protocol::DeviceRelease{}}));
}
