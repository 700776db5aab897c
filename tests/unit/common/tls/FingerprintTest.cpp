// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/tls/Fingerprint.h"

#include "tests/support/CatchQt.h"
#include "tests/support/TestPki.h"

#include <QFile>

using steward::test::TestPki;
namespace tls = steward::tls;

TEST_CASE("the SHA-256 fingerprint text matches what openssl prints", "[unit][tls]")
{
    using Entity = TestPki::Entity;
    const auto entity = GENERATE(Entity::Ca, Entity::Server, Entity::ShadowA);
    QFile expected(TestPki::certificatePath(entity) + QStringLiteral(".sha256"));
    REQUIRE(expected.open(QIODevice::ReadOnly));
    const QString fingerprint = tls::sha256Fingerprint(TestPki::certificate(entity));
    CHECK(fingerprint == QString::fromLatin1(expected.readAll().trimmed()));
    CHECK(fingerprint.size() == 32 * 3 - 1);
}

TEST_CASE("a null certificate has no fingerprint and is never the same certificate", "[unit][tls]")
{
    CHECK(tls::sha256Fingerprint(QSslCertificate()).isEmpty());
    CHECK_FALSE(tls::isSameCertificate(QSslCertificate(), QSslCertificate()));
    const auto shadow = TestPki::certificate(TestPki::Entity::ShadowA);
    CHECK(tls::isSameCertificate(shadow, TestPki::certificate(TestPki::Entity::ShadowA)));
    CHECK_FALSE(tls::isSameCertificate(shadow, TestPki::certificate(TestPki::Entity::ShadowB)));
}
