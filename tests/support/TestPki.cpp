// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "tests/support/TestPki.h"

#include <QtGlobal>

namespace steward::test {
namespace {

QString baseName(TestPki::Entity entity)
{
    switch (entity) {
    case TestPki::Entity::Ca:
        return QStringLiteral("ca");
    case TestPki::Entity::Server:
        return QStringLiteral("server");
    case TestPki::Entity::Client:
        return QStringLiteral("client");
    case TestPki::Entity::ForeignCa:
        return QStringLiteral("foreign-ca");
    case TestPki::Entity::ForeignClient:
        return QStringLiteral("foreign-client");
    case TestPki::Entity::ForeignServer:
        return QStringLiteral("foreign-server");
    case TestPki::Entity::ShadowA:
        return QStringLiteral("shadow-a");
    case TestPki::Entity::ShadowB:
        return QStringLiteral("shadow-b");
    }
    Q_UNREACHABLE();
    return {};
}

[[noreturn]] void brokenCheckout(const Error& error)
{
    qFatal("test PKI unusable (run tests/data/pki/make-test-pki.sh?): %s",
           qPrintable(error.toString()));
}

} // namespace

QString TestPki::directory()
{
    return QStringLiteral(STEWARD_TEST_DATA_DIR "/pki");
}

QString TestPki::certificatePath(Entity entity)
{
    return directory() + QLatin1Char('/') + baseName(entity) + QStringLiteral(".crt");
}

QString TestPki::keyPath(Entity entity)
{
    return directory() + QLatin1Char('/') + baseName(entity) + QStringLiteral(".key");
}

QSslCertificate TestPki::certificate(Entity entity)
{
    auto certificates = tls::loadCertificates(certificatePath(entity));
    if (!certificates) {
        brokenCheckout(certificates.error());
    }
    return certificates->first();
}

QSslKey TestPki::privateKey(Entity entity)
{
    return identity(entity).privateKey;
}

tls::TlsIdentity TestPki::identity(Entity entity)
{
    auto identity = tls::loadIdentity(certificatePath(entity), keyPath(entity));
    if (!identity) {
        brokenCheckout(identity.error());
    }
    return *identity;
}

QList<QSslCertificate> TestPki::testCa()
{
    return {certificate(Entity::Ca)};
}

QList<QSslCertificate> TestPki::foreignCa()
{
    return {certificate(Entity::ForeignCa)};
}

} // namespace steward::test
