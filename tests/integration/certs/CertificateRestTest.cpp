// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/crypto/CertificateIssuer.h"
#include "common/crypto/Pkcs12.h"
#include "server/services/ServerIdentity.h"
#include "tests/integration/devices/DeviceTestSupport.h"
#include "tests/support/CatchQt.h"

#include <QFile>
#include <QJsonArray>

using namespace steward;
using steward::test::DeviceTestServer;
using steward::test::RestClient;
using steward::test::RestReply;

namespace {

const QString Base = QStringLiteral("/api/v1/certificates");

void checkError(const RestReply& reply, int status, const QString& code, const QString& text)
{
    INFO(reply.body.toStdString());
    CHECK(reply.status == status);
    CHECK(reply.errorCode() == code);
    CHECK(
        reply.json()[QStringLiteral("error")][QStringLiteral("message")].toString().contains(text));
}

QByteArray testData(const QString& name)
{
    QFile file(QStringLiteral(STEWARD_TEST_DATA_DIR "/") + name);
    REQUIRE(file.open(QIODevice::ReadOnly));
    return file.readAll();
}

/** A fresh EC P-256 self-signed certificate and its key. */
std::pair<crypto::Certificate, crypto::PrivateKey> makePair(const QString& commonName)
{
    auto key = crypto::PrivateKey::generate(crypto::KeySpec::ecP256());
    REQUIRE(key.ok());
    crypto::CertificateOptions options;
    options.commonName = commonName;
    auto certificate = crypto::createSelfSignedCertificate(*key, options);
    REQUIRE(certificate.ok());
    return {*certificate, *key};
}

QJsonObject created(const RestReply& reply)
{
    INFO(reply.body.toStdString());
    REQUIRE(reply.status == 201);
    return reply.json();
}

QJsonArray listed(RestClient& client)
{
    const auto reply = client.get(Base);
    INFO(reply.body.toStdString());
    REQUIRE(reply.status == 200);
    return reply.json()[QStringLiteral("items")].toArray();
}

QJsonObject importPem(const QString& alias, const QByteArray& certificate, const QByteArray& key)
{
    QJsonObject body{{QStringLiteral("alias"), alias},
                     {QStringLiteral("certificate"), QString::fromLatin1(certificate)}};
    if (!key.isEmpty()) {
        body.insert(QStringLiteral("privateKey"), QString::fromLatin1(key));
    }
    return body;
}

RestReply allow(DeviceTestServer& server, const QString& node, qint64 admin,
                const QStringList& rights)
{
    QJsonArray entries;
    for (const auto& right : rights) {
        entries.append(QJsonObject{{QStringLiteral("principal"),
                                    QJsonObject{{QStringLiteral("kind"), QStringLiteral("admin")},
                                                {QStringLiteral("id"), admin}}},
                                   {QStringLiteral("right"), right},
                                   {QStringLiteral("effect"), QStringLiteral("allow")}});
    }
    return server.admin().send("PUT", QStringLiteral("/api/v1/permissions?node=") + node,
                               QJsonDocument(QJsonObject{{QStringLiteral("entries"), entries}})
                                   .toJson(QJsonDocument::Compact));
}

} // namespace

TEST_CASE("the store lists tckey as the default and shows and exports its content over REST",
          "[integration][certs]")
{
    DeviceTestServer server;
    const auto& tckey = server.app().identity().deviceCommunication();
    const auto items = listed(server.admin());
    REQUIRE(items.size() == 1);
    const auto entry = items.first().toObject();
    CHECK(entry[QStringLiteral("alias")] == QStringLiteral("tckey"));
    CHECK(entry[QStringLiteral("default")] == true);
    CHECK(entry[QStringLiteral("active")] == true);
    CHECK(entry[QStringLiteral("keySpec")] == QStringLiteral("RSA 4096"));
    CHECK(entry[QStringLiteral("signatureAlgorithm")] == QStringLiteral("SHA512withRSA"));
    CHECK(entry[QStringLiteral("privateKeyKnown")] == true);
    CHECK(entry[QStringLiteral("deviceCount")] == 0);
    const QString one = Base + QStringLiteral("/%1").arg(entry[QStringLiteral("id")].toInteger());

    const auto shown = server.admin().get(one);
    REQUIRE(shown.status == 200);
    const auto content = shown.json();
    CHECK(content[QStringLiteral("subject")] == tckey.subject());
    CHECK(content[QStringLiteral("issuer")] == tckey.issuer());
    CHECK(content[QStringLiteral("serialNumber")] == tckey.serialNumber());
    CHECK(content[QStringLiteral("sha1")]
          == tckey.fingerprintText(crypto::FingerprintAlgorithm::Sha1));
    CHECK(content[QStringLiteral("sha256")]
          == tckey.fingerprintText(crypto::FingerprintAlgorithm::Sha256));
    CHECK(content[QStringLiteral("notAfter")] == tckey.notAfter().toString(Qt::ISODate));
    CHECK(content[QStringLiteral("ca")] == false);
    CHECK(content[QStringLiteral("subjectAlternativeNames")].toArray().isEmpty());

    const auto pem = server.admin().get(one + QStringLiteral("/certificate"));
    REQUIRE(pem.status == 200);
    CHECK(pem.body == tckey.toPem());
    const auto der = server.admin().get(one + QStringLiteral("/certificate?format=der"));
    REQUIRE(der.status == 200);
    CHECK(der.body == tckey.toDer());
    checkError(server.admin().get(one + QStringLiteral("/certificate?format=jks")), 400,
               QStringLiteral("invalid_value"), QStringLiteral("format must be pem or der"));
    checkError(server.admin().get(Base + QStringLiteral("/999")), 404, QStringLiteral("not_found"),
               QStringLiteral("no certificate 999"));
}

TEST_CASE("certificates are generated with the chosen key and signature algorithm",
          "[integration][certs]")
{
    DeviceTestServer server;
    const auto standard = created(server.admin().post(
        Base,
        QJsonObject{{QStringLiteral("alias"), QStringLiteral("main")},
                    {QStringLiteral("dnsNames"), QJsonArray{QStringLiteral("steward.example")}}}));
    CHECK(standard[QStringLiteral("keySpec")] == QStringLiteral("RSA 4096"));
    CHECK(standard[QStringLiteral("signatureAlgorithm")] == QStringLiteral("SHA512withRSA"));
    CHECK(standard[QStringLiteral("subjectAlternativeNames")]
          == QJsonArray{QStringLiteral("steward.example")});
    CHECK(standard[QStringLiteral("subject")]
          == QStringLiteral("CN=Steward device communication (main)"));
    const auto legacy = created(server.admin().post(
        Base, QJsonObject{{QStringLiteral("alias"), QStringLiteral("legacy")},
                          {QStringLiteral("keySpec"), QStringLiteral("RSA 2048")}}));
    CHECK(legacy[QStringLiteral("signatureAlgorithm")] == QStringLiteral("SHA256withRSA"));
    const auto ec = created(server.admin().post(
        Base, QJsonObject{{QStringLiteral("alias"), QStringLiteral("ec")},
                          {QStringLiteral("keySpec"), QStringLiteral("EC P-256")}}));
    CHECK(ec[QStringLiteral("signatureAlgorithm")] == QStringLiteral("SHA256withECDSA"));
    CHECK(ec[QStringLiteral("active")] == true);
    CHECK(ec[QStringLiteral("default")] == false);

    checkError(server.admin().post(
                   Base, QJsonObject{{QStringLiteral("alias"), QStringLiteral("x")},
                                     {QStringLiteral("keySpec"), QStringLiteral("DSA 1024")}}),
               400, QStringLiteral("unsupported_algorithm"), QStringLiteral("\"DSA 1024\""));
    checkError(server.admin().post(
                   Base, QJsonObject{{QStringLiteral("alias"), QStringLiteral("x")},
                                     {QStringLiteral("keySpec"), QStringLiteral("EC P-256")},
                                     {QStringLiteral("signatureAlgorithm"),
                                      QStringLiteral("SHA512withRSA")}}),
               400, QStringLiteral("unsupported_algorithm"),
               QStringLiteral("cannot sign with \"SHA512withRSA\""));
    checkError(
        server.admin().post(Base, QJsonObject{{QStringLiteral("alias"), QStringLiteral("EC")}}),
        409, QStringLiteral("already_exists"), QStringLiteral("\"ec\" already exists"));
    checkError(server.admin().post(Base, QJsonObject{}), 400, QStringLiteral("missing_field"),
               QStringLiteral("body.alias"));
    CHECK(listed(server.admin()).size() == 4);
    CHECK(server.audit(QStringLiteral("certificate.generate"), QStringLiteral("ok")).size() == 3);
    CHECK(server.audit(QStringLiteral("certificate.generate"), QStringLiteral("denied")).size()
          == 3);
}

TEST_CASE("imports take one certificate with its key and refuse MD5, chains and strangers",
          "[integration][certs]")
{
    DeviceTestServer server;
    auto& admin = server.admin();
    const auto [certificate, key] = makePair(QStringLiteral("imported"));
    const QByteArray keyPem = key.toPem().value();
    const auto imported =
        created(admin.post(Base + QStringLiteral("/import"),
                           importPem(QStringLiteral("imported"), certificate.toPem(), keyPem)));
    CHECK(imported[QStringLiteral("privateKeyKnown")] == true);
    CHECK(imported[QStringLiteral("active")] == true);
    CHECK(imported[QStringLiteral("sha256")]
          == certificate.fingerprintText(crypto::FingerprintAlgorithm::Sha256));

    // PKCS#12 with its password.
    const auto [p12Certificate, p12Key] = makePair(QStringLiteral("from-p12"));
    const QByteArray p12 =
        crypto::exportPkcs12(p12Certificate, p12Key, {}, QStringLiteral("p12 secret")).value();
    const QJsonObject p12Body{{QStringLiteral("alias"), QStringLiteral("p12")},
                              {QStringLiteral("pkcs12"), QString::fromLatin1(p12.toBase64())},
                              {QStringLiteral("password"), QStringLiteral("p12 secret")}};
    QJsonObject wrongPassword = p12Body;
    wrongPassword[QStringLiteral("password")] = QStringLiteral("guess");
    checkError(admin.post(Base + QStringLiteral("/import"), wrongPassword), 400,
               QStringLiteral("bad_password"), QStringLiteral("wrong password"));
    CHECK(created(admin.post(Base + QStringLiteral("/import"), p12Body))[QStringLiteral("sha256")]
          == p12Certificate.fingerprintText(crypto::FingerprintAlgorithm::Sha256));

    // A certificate alone is kept, inactive: without its key it cannot sign.
    const auto [bareCertificate, bareKey] = makePair(QStringLiteral("bare"));
    const auto bare =
        created(admin.post(Base + QStringLiteral("/import"),
                           importPem(QStringLiteral("bare"), bareCertificate.toPem(), {})));
    CHECK(bare[QStringLiteral("privateKeyKnown")] == false);
    CHECK(bare[QStringLiteral("active")] == false);
    const QString barePath =
        Base + QStringLiteral("/%1").arg(bare[QStringLiteral("id")].toInteger());
    checkError(admin.patch(barePath, QJsonObject{{QStringLiteral("active"), true}}), 409,
               QStringLiteral("conflict"), QStringLiteral("private key is not known"));
    checkError(admin.post(barePath + QStringLiteral("/key-pair"),
                          QJsonObject{{QStringLiteral("password"), QStringLiteral("x")}}),
               409, QStringLiteral("conflict"), QStringLiteral("only the certificate"));

    // The refusals, each with its reason.
    checkError(admin.post(Base + QStringLiteral("/import"),
                          importPem(QStringLiteral("md5"),
                                    testData(QStringLiteral("crypto/md5-rsa-test-only.pem")), {})),
               400, QStringLiteral("weak_signature"), QStringLiteral("MD5"));
    checkError(admin.post(Base + QStringLiteral("/import"),
                          importPem(QStringLiteral("sha1"),
                                    testData(QStringLiteral("crypto/sha1-rsa-test-only.pem")), {})),
               400, QStringLiteral("unsupported_algorithm"), QStringLiteral("SHA1withRSA"));
    const QByteArray chain =
        testData(QStringLiteral("pki/client.crt")) + testData(QStringLiteral("pki/ca.crt"));
    checkError(
        admin.post(Base + QStringLiteral("/import"), importPem(QStringLiteral("chain"), chain, {})),
        400, QStringLiteral("chain_not_allowed"), QStringLiteral("chain of 2 certificates"));
    const auto [caCertificate, caKey] = makePair(QStringLiteral("some CA"));
    const QByteArray p12Chain =
        crypto::exportPkcs12(bareCertificate, bareKey, {caCertificate}, QStringLiteral("pw"))
            .value();
    checkError(
        admin.post(Base + QStringLiteral("/import"),
                   QJsonObject{{QStringLiteral("alias"), QStringLiteral("p12-chain")},
                               {QStringLiteral("pkcs12"), QString::fromLatin1(p12Chain.toBase64())},
                               {QStringLiteral("password"), QStringLiteral("pw")}}),
        400, QStringLiteral("chain_not_allowed"), QStringLiteral("holds a chain"));
    checkError(admin.post(Base + QStringLiteral("/import"),
                          importPem(QStringLiteral("stranger"), caCertificate.toPem(), keyPem)),
               400, QStringLiteral("key_mismatch"), QStringLiteral("does not belong"));
    checkError(admin.post(Base + QStringLiteral("/import"),
                          QJsonObject{{QStringLiteral("alias"), QStringLiteral("none")}}),
               400, QStringLiteral("missing_field"), QStringLiteral("either body.pkcs12"));
    CHECK(listed(admin).size() == 4);
    CHECK(server.audit(QStringLiteral("certificate.import"), QStringLiteral("denied")).size() == 6);
}

TEST_CASE("a key pair is exported as PKCS#12 only with a password and the ExportKeys right",
          "[integration][certs]")
{
    DeviceTestServer server;
    const auto ec = created(server.admin().post(
        Base, QJsonObject{{QStringLiteral("alias"), QStringLiteral("ec")},
                          {QStringLiteral("keySpec"), QStringLiteral("EC P-256")}}));
    const qint64 id = ec[QStringLiteral("id")].toInteger();
    const QString keyPair = Base + QStringLiteral("/%1/key-pair").arg(id);
    checkError(server.admin().post(keyPair, QJsonObject{}), 400, QStringLiteral("missing_field"),
               QStringLiteral("body.password"));

    const auto exported = server.admin().post(
        keyPair, QJsonObject{{QStringLiteral("password"), QStringLiteral("export secret")}});
    REQUIRE(exported.status == 200);
    auto bundle = crypto::importPkcs12(exported.body, QStringLiteral("export secret"));
    REQUIRE(bundle.ok());
    CHECK(bundle->certificate.fingerprintText(crypto::FingerprintAlgorithm::Sha256)
          == ec[QStringLiteral("sha256")].toString());
    CHECK(bundle->certificate.matches(bundle->key));
    const auto audited =
        server.audit(QStringLiteral("certificate.export-key-pair"), QStringLiteral("ok"));
    REQUIRE(audited.size() == 1);
    CHECK(audited.first()[QStringLiteral("object")] == QStringLiteral("certificate:%1").arg(id));
    CHECK_FALSE(QJsonDocument(audited).toJson().contains("export secret"));

    // Bob may read the certificates but not export keys until he is given ExportKeys.
    auto [bob, bobId] = server.addAdmin(QStringLiteral("bob"));
    CHECK(bob->get(Base).json()[QStringLiteral("items")].toArray().isEmpty());
    REQUIRE(allow(server, QStringLiteral("root:certificates"), bobId,
                  {QStringLiteral("Browse"), QStringLiteral("Read")})
                .status
            == 200);
    CHECK(listed(*bob).size() == 2);
    CHECK(bob->get(Base + QStringLiteral("/%1").arg(id)).status == 200);
    const QJsonObject password{{QStringLiteral("password"), QStringLiteral("bob's secret")}};
    checkError(bob->post(keyPair, password), 403, QStringLiteral("forbidden"),
               QStringLiteral("missing right ExportKeys on /Certificates/ec"));
    checkError(bob->post(Base, QJsonObject{{QStringLiteral("alias"), QStringLiteral("b")}}), 403,
               QStringLiteral("forbidden"), QStringLiteral("missing right Write on /Certificates"));
    checkError(bob->send("DELETE", Base + QStringLiteral("/%1").arg(id)), 403,
               QStringLiteral("forbidden"),
               QStringLiteral("missing right Write on /Certificates/ec"));
    REQUIRE(allow(server, QStringLiteral("certificate:%1").arg(id), bobId,
                  {QStringLiteral("ExportKeys")})
                .status
            == 200);
    const auto allowed = bob->post(keyPair, password);
    REQUIRE(allowed.status == 200);
    CHECK(crypto::importPkcs12(allowed.body, QStringLiteral("bob's secret")).ok());
}

TEST_CASE("moving, deactivating and deleting keep an active default and spare devices in use",
          "[integration][certs]")
{
    DeviceTestServer server;
    auto& admin = server.admin();
    const qint64 tckey = listed(admin).first()[QStringLiteral("id")].toInteger();
    const auto ec = created(
        admin.post(Base, QJsonObject{{QStringLiteral("alias"), QStringLiteral("ec")},
                                     {QStringLiteral("keySpec"), QStringLiteral("EC P-256")}}));
    const QString ecPath = Base + QStringLiteral("/%1").arg(ec[QStringLiteral("id")].toInteger());
    const QString tckeyPath = Base + QStringLiteral("/%1").arg(tckey);

    checkError(admin.post(tckeyPath + QStringLiteral("/move"),
                          QJsonObject{{QStringLiteral("direction"), QStringLiteral("up")}}),
               409, QStringLiteral("conflict"), QStringLiteral("already at the top"));
    checkError(admin.post(ecPath + QStringLiteral("/move"),
                          QJsonObject{{QStringLiteral("direction"), QStringLiteral("sideways")}}),
               400, QStringLiteral("invalid_value"), QStringLiteral("\"up\" or \"down\""));
    const auto moved = admin.post(ecPath + QStringLiteral("/move"),
                                  QJsonObject{{QStringLiteral("direction"), QStringLiteral("up")}});
    REQUIRE(moved.status == 200);
    CHECK(moved.json()[QStringLiteral("default")] == true);
    CHECK(listed(admin).at(1)[QStringLiteral("alias")] == QStringLiteral("tckey"));

    // Deactivating the default hands the role to the next active entry.
    const auto off = admin.patch(ecPath, QJsonObject{{QStringLiteral("active"), false}});
    REQUIRE(off.status == 200);
    CHECK(off.json()[QStringLiteral("default")] == false);
    CHECK(admin.get(tckeyPath).json()[QStringLiteral("default")] == true);
    checkError(admin.patch(tckeyPath, QJsonObject{{QStringLiteral("active"), false}}), 409,
               QStringLiteral("conflict"), QStringLiteral("last active certificate"));
    checkError(admin.send("DELETE", tckeyPath + QStringLiteral("?force=true")), 409,
               QStringLiteral("conflict"), QStringLiteral("last active certificate"));
    checkError(admin.send("DELETE", ecPath + QStringLiteral("?force=maybe")), 400,
               QStringLiteral("invalid_value"), QStringLiteral("force must be true or false"));

    REQUIRE(admin.patch(ecPath, QJsonObject{{QStringLiteral("active"), true}}).status == 200);
    CHECK(admin.send("DELETE", ecPath).status == 204);
    CHECK(admin.get(ecPath).status == 404);
    CHECK(listed(admin).size() == 1);
    CHECK(server.audit(QStringLiteral("certificate.move"), QStringLiteral("ok")).size() == 1);
    CHECK(server.audit(QStringLiteral("certificate.deactivate"), QStringLiteral("denied")).size()
          == 1);
    CHECK(server.audit(QStringLiteral("certificate.delete"), QStringLiteral("ok")).size() == 1);
}
