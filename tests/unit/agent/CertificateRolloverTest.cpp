// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "agent/link/CertificateRollover.h"
#include "common/crypto/CertificateIssuer.h"
#include "common/crypto/PrivateKey.h"
#include "common/crypto/Signature.h"
#include "tests/support/CatchQt.h"

#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>

using namespace steward;
using steward::agent::CertificateRollover;

namespace {

constexpr qint64 DeviceId = 21;

struct Signer {
    crypto::PrivateKey key;
    crypto::Certificate certificate;
};

Signer makeSigner(const QString& name, crypto::KeySpec spec = crypto::KeySpec::ecP256())
{
    auto key = crypto::PrivateKey::generate(spec);
    REQUIRE(key.ok());
    crypto::CertificateOptions options;
    options.commonName = name;
    auto certificate = crypto::createSelfSignedCertificate(*key, options);
    REQUIRE(certificate.ok());
    return {*key, *certificate};
}

protocol::CertificateRollover offer(const crypto::Certificate& next, const crypto::PrivateKey& by,
                                    qint64 device = DeviceId)
{
    protocol::CertificateRollover rollover{
        device,
        QString::fromLatin1(next.toPem()),
        QString::fromLatin1(next.fingerprint(crypto::FingerprintAlgorithm::Sha256).toHex()),
        {}};
    auto signature = crypto::signData(by, protocol::rolloverSigningPayload(rollover));
    REQUIRE(signature.ok());
    rollover.signature = *signature;
    return rollover;
}

struct Fixture {
    QTemporaryDir dir;
    Signer old = makeSigner(QStringLiteral("old"));
    Signer next = makeSigner(QStringLiteral("next"));
    agent::StateDirectory state{dir.path()};
    CertificateRollover rollover{state, DeviceId, old.certificate.toQSslCertificate()};

    Fixture()
    {
        REQUIRE(state.writeAtomically(QStringLiteral("tckey.crt"), old.certificate.toPem()).ok());
    }
    [[nodiscard]] QByteArray pinOnDisk() const
    {
        QFile file(dir.filePath(QStringLiteral("tckey.crt")));
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    }
    void checkKeptOld(const protocol::CertificateConfirm& confirm) const
    {
        CHECK_FALSE(confirm.accepted);
        CHECK(confirm.pinned == agent::pinFingerprint(old.certificate.toQSslCertificate()));
        CHECK(rollover.pinned() == old.certificate.toQSslCertificate());
        CHECK(pinOnDisk() == old.certificate.toPem());
    }
};

} // namespace

TEST_CASE("a rollover signed by the pinned certificate moves the pin, on disk too",
          "[unit][agent][certificates]")
{
    Fixture fixture;
    QSignalSpy changed(&fixture.rollover, &CertificateRollover::pinChanged);
    const auto rollover = offer(fixture.next.certificate, fixture.old.key);
    const auto confirm = fixture.rollover.handle(rollover);
    INFO(confirm.reason.toStdString());
    CHECK(confirm.accepted);
    CHECK(confirm.offered == rollover.fingerprint);
    CHECK(confirm.pinned == rollover.fingerprint);
    CHECK(fixture.rollover.pinned() == fixture.next.certificate.toQSslCertificate());
    CHECK(fixture.pinOnDisk() == fixture.next.certificate.toPem());
    REQUIRE(changed.size() == 1);
    // The next rollover must be signed by the new pin; the old key no longer moves it.
    const Signer third = makeSigner(QStringLiteral("third"));
    CHECK_FALSE(fixture.rollover.handle(offer(third.certificate, fixture.old.key)).accepted);
    CHECK(fixture.rollover.handle(offer(third.certificate, fixture.next.key)).accepted);
    // No temporary file is left behind.
    CHECK(QDir(fixture.dir.path()).entryList(QDir::Files)
          == QStringList{QStringLiteral("tckey.crt")});
}

TEST_CASE("a rollover not signed by the pinned certificate is refused, the old pin kept",
          "[unit][agent][certificates]")
{
    Fixture fixture;
    QSignalSpy changed(&fixture.rollover, &CertificateRollover::pinChanged);
    // Signed by the offered certificate's own key: anyone could make that.
    const auto confirm = fixture.rollover.handle(offer(fixture.next.certificate, fixture.next.key));
    fixture.checkKeptOld(confirm);
    CHECK(confirm.reason.contains(QStringLiteral("not signed by the pinned")));
    auto unsigned_ = offer(fixture.next.certificate, fixture.old.key);
    unsigned_.signature.clear();
    fixture.checkKeptOld(fixture.rollover.handle(unsigned_));
    CHECK(changed.isEmpty());
}

TEST_CASE("a rollover to a certificate the agent does not support is refused with the reason",
          "[unit][agent][certificates]")
{
    QTemporaryDir dir;
    const Signer old = makeSigner(QStringLiteral("old"));
    const Signer next = makeSigner(QStringLiteral("rsa"), crypto::KeySpec::rsa(2048));
    protocol::CertificateSupport ecOnly{{QStringLiteral("EC P-256")},
                                        {QStringLiteral("SHA256withECDSA")}};
    CertificateRollover rollover(agent::StateDirectory(dir.path()), DeviceId,
                                 old.certificate.toQSslCertificate(), ecOnly);
    const auto confirm = rollover.handle(offer(next.certificate, old.key));
    CHECK_FALSE(confirm.accepted);
    CHECK(confirm.reason.contains(QStringLiteral("not one this agent supports")));
    CHECK(confirm.reason.contains(QStringLiteral("RSA 2048")));
    CHECK(rollover.pinned() == old.certificate.toQSslCertificate());
    CHECK_FALSE(QFile::exists(dir.filePath(QStringLiteral("tckey.crt"))));
}

TEST_CASE("a rollover for another device, with a wrong fingerprint or a chain is refused",
          "[unit][agent][certificates]")
{
    Fixture fixture;
    fixture.checkKeptOld(
        fixture.rollover.handle(offer(fixture.next.certificate, fixture.old.key, DeviceId + 1)));
    auto wrong = offer(fixture.next.certificate, fixture.old.key);
    wrong.fingerprint = QString(64, QLatin1Char('0'));
    auto resigned = crypto::signData(fixture.old.key, protocol::rolloverSigningPayload(wrong));
    REQUIRE(resigned.ok());
    wrong.signature = *resigned;
    const auto confirm = fixture.rollover.handle(wrong);
    fixture.checkKeptOld(confirm);
    CHECK(confirm.reason.contains(QStringLiteral("announces")));
    auto chain = offer(fixture.next.certificate, fixture.old.key);
    chain.certificate += QString::fromLatin1(fixture.old.certificate.toPem());
    resigned = crypto::signData(fixture.old.key, protocol::rolloverSigningPayload(chain));
    REQUIRE(resigned.ok());
    chain.signature = *resigned;
    fixture.checkKeptOld(fixture.rollover.handle(chain));
}

TEST_CASE("a pin that cannot be stored is refused and nothing changes",
          "[unit][agent][certificates]")
{
    QTemporaryDir dir;
    const Signer old = makeSigner(QStringLiteral("old"));
    const Signer next = makeSigner(QStringLiteral("next"));
    // The state directory does not exist: the temporary file cannot be made.
    CertificateRollover rollover(agent::StateDirectory(dir.filePath(QStringLiteral("gone/x"))),
                                 DeviceId, old.certificate.toQSslCertificate());
    const auto confirm = rollover.handle(offer(next.certificate, old.key));
    CHECK_FALSE(confirm.accepted);
    CHECK(confirm.reason.contains(QStringLiteral("could not be stored")));
    CHECK(rollover.pinned() == old.certificate.toQSslCertificate());
}
