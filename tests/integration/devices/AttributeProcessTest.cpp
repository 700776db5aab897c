// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "tests/integration/devices/DeviceTestSupport.h"
#include "tests/support/CatchQt.h"
#include "tests/support/EventLoop.h"
#include "tests/support/server/ServerProcess.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>

using namespace steward;
using steward::test::Finished;
using steward::test::RestClient;
using steward::test::runToEnd;
using steward::test::waitUntil;

namespace {

const QString AgentProgram = QStringLiteral(STEWARD_BINARY_DIR "/agent/steward-agent");

// The real steward-server and one enrolled state dir for the real steward-agent.
struct AttributeFixture {
    AttributeFixture()
    {
        test::prepareServerDataDir(data.path());
        server = std::make_unique<test::ServerProcess>(data.path());
        INFO(server->log.toStdString());
        REQUIRE(server->port != 0);
        admin = std::make_unique<RestClient>(
            server->port, QList<QSslCertificate>{test::serverRootCa(data.path())});
        REQUIRE(admin->login(QStringLiteral("alice"), QStringLiteral("correct horse")).status
                == 200);
        const auto token = admin->post(QStringLiteral("/api/v1/enrollment-tokens"), {});
        REQUIRE(token.status == 201);
        QProcess enroll;
        auto environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("STEWARD_ENROLL_TOKEN"),
                           token.json()[QStringLiteral("token")].toString());
        enroll.setProcessEnvironment(environment);
        const auto enrolled = runToEnd(enroll, AgentProgram,
                                       {QStringLiteral("--state-dir"), state.path(),
                                        QStringLiteral("enroll"), QStringLiteral("--server"),
                                        QStringLiteral("https://localhost:%1").arg(server->port),
                                        QStringLiteral("--accept-fingerprint")});
        INFO(enrolled.err.toStdString());
        REQUIRE(enrolled.exitCode == 0);
        deviceId = admin->get(QStringLiteral("/api/v1/devices"))
                       .json()[QStringLiteral("items")][0][QStringLiteral("id")]
                       .toInteger();
        REQUIRE(deviceId > 0);
    }

    Finished attr(const QStringList& arguments)
    {
        QProcess agent;
        return runToEnd(
            agent, AgentProgram,
            QStringList{QStringLiteral("--state-dir"), state.path(), QStringLiteral("attr")}
                + arguments);
    }

    void define(const QString& name, const QString& type, const QString& rule,
                const QStringList& allowed = {})
    {
        QJsonObject body{{QStringLiteral("name"), name},
                         {QStringLiteral("type"), type},
                         {QStringLiteral("overwriteRule"), rule}};
        if (!allowed.isEmpty()) {
            body.insert(QStringLiteral("allowedValues"), QJsonArray::fromStringList(allowed));
        }
        const auto created = admin->post(QStringLiteral("/api/v1/attributes"), body);
        INFO(created.body.toStdString());
        REQUIRE(created.status == 201);
    }

    test::RestReply put(const QString& name, const QString& value)
    {
        return admin->send(
            "PUT", QStringLiteral("/api/v1/devices/%1/attributes/%2").arg(deviceId).arg(name),
            QJsonDocument(QJsonObject{{QStringLiteral("value"), value}})
                .toJson(QJsonDocument::Compact));
    }

    // The entry for \a name as REST shows it.
    QJsonObject entry(const QString& name)
    {
        const auto reply =
            admin->get(QStringLiteral("/api/v1/devices/%1/attributes").arg(deviceId));
        for (const auto& item : reply.json()[QStringLiteral("items")].toArray()) {
            if (item[QStringLiteral("name")] == name) {
                return item.toObject();
            }
        }
        return {};
    }

    QByteArray cacheFile() const
    {
        QFile file(QDir(state.path()).filePath(QStringLiteral("attributes.json")));
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    }

    QTemporaryDir data;
    QTemporaryDir state;
    std::unique_ptr<test::ServerProcess> server;
    std::unique_ptr<RestClient> admin;
    qint64 deviceId = 0;
};

} // namespace

TEST_CASE("steward-agent attr round-trips to the real steward-server and honours the overwrite "
          "rule both ways",
          "[integration][devices][attributes]")
{
    AttributeFixture f;
    f.define(QStringLiteral("serial"), QStringLiteral("string"), QStringLiteral("device"));
    f.define(QStringLiteral("location"), QStringLiteral("list"), QStringLiteral("server"),
             {QStringLiteral("Berlin"), QStringLiteral("Paris")});
    f.define(QStringLiteral("asset"), QStringLiteral("string"), QStringLiteral("both"));
    f.define(QStringLiteral("bought"), QStringLiteral("date"), QStringLiteral("both"));

    // The device sets its own value: visible over REST, marked as set by the device.
    auto set = f.attr({QStringLiteral("set"), QStringLiteral("serial"), QStringLiteral("SN-42")});
    INFO(set.err.toStdString());
    REQUIRE(set.exitCode == 0);
    CHECK(set.out.trimmed() == QStringLiteral("serial=SN-42"));
    CHECK(f.entry(QStringLiteral("serial"))[QStringLiteral("value")] == QStringLiteral("SN-42"));
    CHECK(f.entry(QStringLiteral("serial"))[QStringLiteral("setBy")] == QStringLiteral("device"));

    // An administrator cannot overwrite a device-only attribute ...
    const auto refusedAdmin = f.put(QStringLiteral("serial"), QStringLiteral("SN-1"));
    CHECK(refusedAdmin.status == 403);
    CHECK(refusedAdmin.errorCode() == QStringLiteral("overwrite_refused"));
    CHECK(f.entry(QStringLiteral("serial"))[QStringLiteral("value")] == QStringLiteral("SN-42"));

    // ... and the device cannot set a server-only one: exit 77 with the reason.
    const auto refusedDevice =
        f.attr({QStringLiteral("set"), QStringLiteral("location"), QStringLiteral("Berlin")});
    CHECK(refusedDevice.exitCode == 77);
    CHECK(refusedDevice.err.contains(QStringLiteral("only an administrator")));
    CHECK(f.entry(QStringLiteral("location"))[QStringLiteral("value")].isNull());

    // The administrator's change is what attr get reads.
    REQUIRE(f.put(QStringLiteral("location"), QStringLiteral("Paris")).status == 200);
    const auto get = f.attr({QStringLiteral("get"), QStringLiteral("location")});
    CHECK(get.exitCode == 0);
    CHECK(get.out.trimmed() == QStringLiteral("Paris"));

    // Both: last writer wins, with the writer and time recorded.
    REQUIRE(f.put(QStringLiteral("asset"), QStringLiteral("A-1")).status == 200);
    CHECK(f.entry(QStringLiteral("asset"))[QStringLiteral("setBy")] == QStringLiteral("server"));
    REQUIRE(f.attr({QStringLiteral("set"), QStringLiteral("asset"), QStringLiteral("A-2")}).exitCode
            == 0);
    CHECK(f.entry(QStringLiteral("asset"))[QStringLiteral("value")] == QStringLiteral("A-2"));
    CHECK(f.entry(QStringLiteral("asset"))[QStringLiteral("setBy")] == QStringLiteral("device"));
    CHECK(f.entry(QStringLiteral("asset"))[QStringLiteral("updated")].isString());

    // list shows every attribute with its type, rule and value.
    const auto list = f.attr({QStringLiteral("list")});
    CHECK(list.exitCode == 0);
    CHECK(list.out.contains(QStringLiteral("serial\tstring\tdevice\tSN-42")));
    CHECK(list.out.contains(QStringLiteral("location\tlist\tserver\tParis")));

    // reset clears the device's value.
    REQUIRE(f.attr({QStringLiteral("reset"), QStringLiteral("asset")}).exitCode == 0);
    CHECK(f.entry(QStringLiteral("asset"))[QStringLiteral("value")].isNull());

    // Unknown names and bad usage are bad input.
    CHECK(f.attr({QStringLiteral("get"), QStringLiteral("nosuch")}).exitCode == 65);
    CHECK(f.attr({QStringLiteral("set"), QStringLiteral("nosuch"), QStringLiteral("x")}).exitCode
          == 65);
    CHECK(f.attr({QStringLiteral("frobnicate")}).exitCode == 65);
    CHECK(f.attr({QStringLiteral("set"), QStringLiteral("asset")}).exitCode == 65);
}

TEST_CASE("attribute values are validated with clear errors on the agent and on the server",
          "[integration][devices][attributes]")
{
    AttributeFixture f;
    f.define(QStringLiteral("location"), QStringLiteral("list"), QStringLiteral("both"),
             {QStringLiteral("Berlin"), QStringLiteral("Paris")});
    f.define(QStringLiteral("bought"), QStringLiteral("date"), QStringLiteral("both"));
    f.define(QStringLiteral("seats"), QStringLiteral("number"), QStringLiteral("both"));
    f.define(QStringLiteral("note"), QStringLiteral("string"), QStringLiteral("both"));
    const QString tooLong = QStringLiteral("x").repeated(101);

    // Server side, over REST.
    const auto rome = f.put(QStringLiteral("location"), QStringLiteral("Rome"));
    CHECK(rome.status == 400);
    CHECK(rome.errorCode() == QStringLiteral("invalid_value"));
    CHECK(rome.json()[QStringLiteral("error")][QStringLiteral("message")].toString().contains(
        QStringLiteral("Berlin, Paris")));
    const auto longNote = f.put(QStringLiteral("note"), tooLong);
    CHECK(longNote.status == 400);
    CHECK(longNote.json()[QStringLiteral("error")][QStringLiteral("message")].toString().contains(
        QStringLiteral("101 characters; at most 100")));
    CHECK(f.put(QStringLiteral("bought"), QStringLiteral("2026-02-30")).status == 400);
    CHECK(f.put(QStringLiteral("seats"), QStringLiteral("many")).status == 400);
    CHECK(f.put(QStringLiteral("seats"), QStringLiteral("12.5")).status == 200);

    // Server side, from the device before it knows the definitions (no cache yet).
    const auto deviceRome =
        f.attr({QStringLiteral("set"), QStringLiteral("location"), QStringLiteral("Rome")});
    CHECK(deviceRome.exitCode == 65);
    CHECK(deviceRome.err.contains(QStringLiteral("Berlin, Paris")));

    // Agent side, from the cache the last exchange left: refused before anything is sent.
    const auto date =
        f.attr({QStringLiteral("set"), QStringLiteral("bought"), QStringLiteral("2026-02-30")});
    CHECK(date.exitCode == 65);
    CHECK(date.err.contains(QStringLiteral("YYYY-MM-DD")));
    REQUIRE(f.attr({QStringLiteral("set"), QStringLiteral("bought"), QStringLiteral("2026-02-28")})
                .exitCode
            == 0);
    CHECK(f.entry(QStringLiteral("bought"))[QStringLiteral("value")]
          == QStringLiteral("2026-02-28"));

    // The 100-character limit needs no server at all: with it gone the answer is still 65, not
    // 69; anything that must reach the server is 69; list and get answer from the cache.
    f.server.reset();
    const auto longValue = f.attr({QStringLiteral("set"), QStringLiteral("note"), tooLong});
    CHECK(longValue.exitCode == 65);
    CHECK(longValue.err.contains(QStringLiteral("101 characters; at most 100")));
    CHECK(f.attr({QStringLiteral("set"), QStringLiteral("note"), QStringLiteral("ok")}).exitCode
          == 69);
    CHECK(f.attr({QStringLiteral("sync")}).exitCode == 69);
    const auto cached = f.attr({QStringLiteral("get"), QStringLiteral("seats")});
    CHECK(cached.exitCode == 0);
    CHECK(cached.out.trimmed() == QStringLiteral("12.5"));
    CHECK(cached.err.contains(QStringLiteral("cached copy")));
}

TEST_CASE("a running agent keeps its cache current from the server's pushes, sync refreshes it, "
          "definitions in use need force to go",
          "[integration][devices][attributes]")
{
    AttributeFixture f;
    f.define(QStringLiteral("location"), QStringLiteral("string"), QStringLiteral("server"));
    QProcess run;
    run.start(AgentProgram, {QStringLiteral("--state-dir"), f.state.path(), QStringLiteral("run")});
    REQUIRE(run.waitForStarted());
    // On connect the agent asks for its attributes and caches them.
    REQUIRE(waitUntil([&] { return f.cacheFile().contains("\"location\""); },
                      std::chrono::seconds(20)));

    REQUIRE(f.put(QStringLiteral("location"), QStringLiteral("Room 101")).status == 200);
    REQUIRE(
        waitUntil([&] { return f.cacheFile().contains("Room 101"); }, std::chrono::seconds(20)));
    // A new definition reaches the running agent too.
    f.define(QStringLiteral("floor"), QStringLiteral("number"), QStringLiteral("both"));
    REQUIRE(
        waitUntil([&] { return f.cacheFile().contains("\"floor\""); }, std::chrono::seconds(20)));
    run.terminate();
    REQUIRE(waitUntil([&] { return run.state() == QProcess::NotRunning; }));

    // With no agent running, sync fetches what changed meanwhile.
    REQUIRE(f.put(QStringLiteral("location"), QStringLiteral("Room 7")).status == 200);
    CHECK_FALSE(f.cacheFile().contains("Room 7"));
    const auto sync = f.attr({QStringLiteral("sync")});
    CHECK(sync.exitCode == 0);
    CHECK(sync.out.contains(QStringLiteral("synchronised 2 attribute(s)")));
    CHECK(f.cacheFile().contains("Room 7"));

    // Deleting a definition that a device uses needs force, and says how many.
    const auto id = f.admin->get(QStringLiteral("/api/v1/attributes"))
                        .json()[QStringLiteral("items")][1][QStringLiteral("id")]
                        .toInteger();
    const auto refused = f.admin->send("DELETE", QStringLiteral("/api/v1/attributes/%1").arg(id));
    CHECK(refused.status == 409);
    CHECK(refused.json()[QStringLiteral("error")][QStringLiteral("message")].toString().contains(
        QStringLiteral("1 device(s)")));
    const auto forced =
        f.admin->send("DELETE", QStringLiteral("/api/v1/attributes/%1?force=true").arg(id));
    CHECK(forced.status == 200);
    CHECK(forced.json()[QStringLiteral("valuesRemoved")] == 1);
    CHECK(f.entry(QStringLiteral("location")).isEmpty());
}
