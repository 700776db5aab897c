// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "agent/link/TrustUpdater.h"
#include "agent/link/CertificateRollover.h"
#include "common/crypto/CertificateIssuer.h"
#include "common/crypto/CertificateRequest.h"
#include "common/crypto/PrivateKey.h"
#include "common/crypto/Signature.h"
#include "tests/support/CatchQt.h"

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>

using namespace steward;
using steward::agent::TrustUpdater;

namespace {

constexpr qint64 DeviceId = 34;
constexpr qint64 Now = 1'780'000'000'000; // ms: the agent's clock in these tests

struct Pair {
    crypto::PrivateKey key;
    crypto::Certificate certificate;
};

Pair make(const QString& name, bool ca)
{
    auto key = crypto::PrivateKey::generate(crypto::KeySpec::ecP256());
    REQUIRE(key.ok());
    crypto::CertificateOptions options;
    options.commonName = name;
    auto certificate = ca ? crypto::createCaCertificate(*key, options)
                          : crypto::createSelfSignedCertificate(*key, options);
    REQUIRE(certificate.ok());
    return {*key, *certificate};
}

protocol::TrustUpdate update(const QList<crypto::Certificate>& roots, const crypto::PrivateKey& by,
                             qint64 issuedAt = Now, bool renewClient = false,
                             qint64 device = DeviceId)
{
    protocol::TrustUpdate message{device, issuedAt, {}, renewClient, {}};
    for (const auto& root : roots) {
        message.roots.append(QString::fromLatin1(root.toPem()));
    }
    auto signature = crypto::signData(by, protocol::trustSigningPayload(message));
    REQUIRE(signature.ok());
    message.signature = *signature;
    return message;
}

QByteArray fileText(const QTemporaryDir& dir, const QString& name)
{
    QFile file(dir.filePath(name));
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

struct Fixture {
    QTemporaryDir dir;
    Pair pin = make(QStringLiteral("tckey"), false);
    Pair oldRoot = make(QStringLiteral("old root"), true);
    Pair newRoot = make(QStringLiteral("new root"), true);
    qint64 now = Now;
    agent::StateDirectory state{dir.path()};
    TrustUpdater updater{state,
                         DeviceId,
                         pin.certificate.toQSslCertificate(),
                         {oldRoot.certificate.toQSslCertificate()},
                         [this] { return now; }};

    Fixture()
    {
        REQUIRE(state.writeAtomically(QStringLiteral("server-ca.crt"), oldRoot.certificate.toPem())
                    .ok());
    }
    void checkKept(const protocol::TrustConfirm& confirm) const
    {
        CHECK_FALSE(confirm.accepted);
        CHECK(confirm.roots
              == QStringList{agent::pinFingerprint(oldRoot.certificate.toQSslCertificate())});
        CHECK(fileText(dir, QStringLiteral("server-ca.crt")) == oldRoot.certificate.toPem());
        CHECK(updater.roots() == QList{oldRoot.certificate.toQSslCertificate()});
    }
};

} // namespace

TEST_CASE("a signed trust update stores both roots as one bundle and confirms them",
          "[unit][agent][certificates]")
{
    Fixture fixture;
    QSignalSpy changed(&fixture.updater, &TrustUpdater::trustChanged);
    const auto confirm = fixture.updater.handle(
        update({fixture.oldRoot.certificate, fixture.newRoot.certificate}, fixture.pin.key));
    INFO(confirm.reason.toStdString());
    REQUIRE(confirm.accepted);
    CHECK(confirm.issuedAt == Now);
    CHECK(confirm.roots.size() == 2);
    CHECK(confirm.csr.isEmpty());
    CHECK(changed.size() == 1);
    CHECK(fileText(fixture.dir, QStringLiteral("server-ca.crt"))
          == fixture.oldRoot.certificate.toPem() + fixture.newRoot.certificate.toPem());
    // The old state layout reads it: every root is a trust anchor, the first one serverCa.
    auto roots = tls::loadCertificates(fixture.dir.filePath(QStringLiteral("server-ca.crt")));
    REQUIRE(roots.ok());
    CHECK(roots->size() == 2);
    // A later update retires the old root: only the new one is left.
    fixture.now += 1000;
    const auto retired =
        fixture.updater.handle(update({fixture.newRoot.certificate}, fixture.pin.key, Now + 1000));
    REQUIRE(retired.accepted);
    CHECK(fileText(fixture.dir, QStringLiteral("server-ca.crt"))
          == fixture.newRoot.certificate.toPem());
}

TEST_CASE("a trust update with a bad signature, for another device or leaping roots is refused",
          "[unit][agent][certificates]")
{
    Fixture fixture;
    QSignalSpy changed(&fixture.updater, &TrustUpdater::trustChanged);
    const Pair stranger = make(QStringLiteral("stranger"), false);
    auto confirm = fixture.updater.handle(
        update({fixture.oldRoot.certificate, fixture.newRoot.certificate}, stranger.key));
    fixture.checkKept(confirm);
    CHECK(confirm.reason.contains(QStringLiteral("not signed by the pinned")));
    auto tampered =
        update({fixture.oldRoot.certificate, fixture.newRoot.certificate}, fixture.pin.key);
    tampered.renewClient = true; // the signature covers it
    fixture.checkKept(fixture.updater.handle(tampered));
    confirm = fixture.updater.handle(
        update({fixture.oldRoot.certificate}, fixture.pin.key, Now, false, DeviceId + 1));
    fixture.checkKept(confirm);
    CHECK(confirm.reason.contains(QStringLiteral("for device 35")));
    confirm = fixture.updater.handle(update({fixture.newRoot.certificate}, fixture.pin.key));
    fixture.checkKept(confirm);
    CHECK(confirm.reason.contains(QStringLiteral("keeps none of the roots")));
    const Pair leaf = make(QStringLiteral("not a CA"), false);
    confirm = fixture.updater.handle(
        update({fixture.oldRoot.certificate, leaf.certificate}, fixture.pin.key));
    fixture.checkKept(confirm);
    CHECK(confirm.reason.contains(QStringLiteral("not a self-signed CA")));
    CHECK(changed.isEmpty());
}

TEST_CASE("a replayed or stale trust update is refused", "[unit][agent][certificates]")
{
    Fixture fixture;
    const auto first =
        update({fixture.oldRoot.certificate, fixture.newRoot.certificate}, fixture.pin.key);
    REQUIRE(fixture.updater.handle(first).accepted);
    // Retire the new root, then replay the first update to bring it back: refused.
    fixture.now += 5000;
    REQUIRE(fixture.updater.handle(update({fixture.oldRoot.certificate}, fixture.pin.key, Now + 10))
                .accepted);
    auto replayed = fixture.updater.handle(first);
    CHECK_FALSE(replayed.accepted);
    CHECK(replayed.reason.contains(QStringLiteral("replayed")));
    CHECK(fileText(fixture.dir, QStringLiteral("server-ca.crt"))
          == fixture.oldRoot.certificate.toPem());
    // Stale: issued two days before the device's clock.
    const qint64 twoDays = 2LL * 24 * 3600 * 1000;
    fixture.now += twoDays;
    auto stale = fixture.updater.handle(update(
        {fixture.oldRoot.certificate, fixture.newRoot.certificate}, fixture.pin.key, Now + 20));
    CHECK_FALSE(stale.accepted);
    CHECK(stale.reason.contains(QStringLiteral("stale")));
    // The last accepted update survives a restart of the agent (trust.json).
    TrustUpdater restarted(fixture.state, DeviceId, fixture.pin.certificate.toQSslCertificate(),
                           {fixture.oldRoot.certificate.toQSslCertificate()}, [&] { return Now; });
    CHECK(restarted.lastIssuedAt() == Now + 10);
    CHECK_FALSE(restarted.handle(first).accepted);
}

TEST_CASE("renewClient sends a CSR, and the signed certificate for that key replaces client.crt",
          "[unit][agent][certificates]")
{
    Fixture fixture;
    const Pair deviceCa = make(QStringLiteral("new device CA"), true);
    const auto confirm =
        fixture.updater.handle(update({fixture.oldRoot.certificate}, fixture.pin.key, Now, true));
    INFO(confirm.reason.toStdString());
    REQUIRE(confirm.accepted);
    REQUIRE_FALSE(confirm.csr.isEmpty());
    auto csr = crypto::CertificateRequest::fromPem(confirm.csr.toLatin1());
    REQUIRE(csr.ok());
    crypto::CertificateOptions options;
    options.clientAuth = true;
    auto issued = crypto::issueCertificate(*csr, deviceCa.certificate, deviceCa.key, options);
    REQUIRE(issued.ok());
    const auto sign = [&](qint64 issuedAt, const crypto::PrivateKey& by,
                          const crypto::Certificate& certificate) {
        protocol::ClientCertificate message{
            DeviceId, issuedAt, QString::fromLatin1(certificate.toPem()), {}};
        message.signature = crypto::signData(by, protocol::clientSigningPayload(message)).value();
        return message;
    };
    // Not signed by the pin, or for another key: refused, nothing replaced.
    const Pair stranger = make(QStringLiteral("stranger"), false);
    CHECK_FALSE(fixture.updater.handle(sign(Now + 1, stranger.key, *issued)).accepted);
    CHECK_FALSE(
        fixture.updater.handle(sign(Now + 1, fixture.pin.key, stranger.certificate)).accepted);
    CHECK_FALSE(QFile::exists(fixture.dir.filePath(QStringLiteral("client.crt"))));
    // Older than the update that asked for it: replayed.
    CHECK_FALSE(fixture.updater.handle(sign(Now - 1, fixture.pin.key, *issued)).accepted);

    const auto stored = fixture.updater.handle(sign(Now + 1, fixture.pin.key, *issued));
    INFO(stored.reason.toStdString());
    REQUIRE(stored.accepted);
    CHECK(stored.fingerprint == agent::pinFingerprint(issued->toQSslCertificate()));
    CHECK(fileText(fixture.dir, QStringLiteral("client.crt")) == issued->toPem());
    auto identity = tls::loadIdentity(fixture.dir.filePath(QStringLiteral("client.crt")),
                                      fixture.dir.filePath(QStringLiteral("client.key")));
    CHECK(identity.ok());
    CHECK_FALSE(QFile::exists(fixture.dir.filePath(QStringLiteral("client.next.key"))));
    // The same message again: no renewal is pending any more.
    const auto again = fixture.updater.handle(sign(Now + 2, fixture.pin.key, *issued));
    CHECK_FALSE(again.accepted);
    CHECK(again.reason.contains(QStringLiteral("no renewal is pending")));
}
