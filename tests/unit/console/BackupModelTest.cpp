// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "console/models/BackupModel.h"
#include "tests/support/CatchQt.h"
#include "tests/unit/console/FakeTransport.h"

#include <QJsonArray>
#include <QSignalSpy>

using steward::console::models::BackupModel;
using steward::test::FakeTransport;

namespace {

QJsonObject backup(const QString& name, const QString& state, int percent = 100)
{
    return QJsonObject{{QStringLiteral("name"), name},
                       {QStringLiteral("state"), state},
                       {QStringLiteral("percent"), percent},
                       {QStringLiteral("size"), state == QStringLiteral("done") ? 2048 : 0},
                       {QStringLiteral("created"), QStringLiteral("2026-12-04T09:00:00Z")},
                       {QStringLiteral("createdBy"), QStringLiteral("alice")}};
}

QJsonObject list(const QJsonArray& items)
{
    return QJsonObject{{QStringLiteral("items"), items}};
}

const QString A = QStringLiteral("steward-20261204-090000.stwbak");
const QString B = QStringLiteral("steward-20261204-091500.stwbak");

} // namespace

TEST_CASE("backups: a running backup is followed until it ends", "[unit][console]")
{
    FakeTransport transport;
    BackupModel model(transport);
    QSignalSpy finished(&model, &BackupModel::finished);
    model.start(QStringLiteral("a long backup passphrase"));
    REQUIRE(transport.pending.size() == 1);
    CHECK(transport.sent.back().method == "POST");
    CHECK(
        transport.sent.back().body
        == QJsonObject{{QStringLiteral("passphrase"), QStringLiteral("a long backup passphrase")}});
    transport.answer(202, backup(B, QStringLiteral("running"), 0));
    REQUIRE(finished.size() == 1);
    CHECK(finished.first() == QVariantList{QStringLiteral("start"), QString()});
    REQUIRE(transport.pending.size() == 1); // the list, right away
    CHECK(transport.sent.back().path == QStringLiteral("/api/v1/backups"));
    transport.answer(
        200, list({backup(B, QStringLiteral("running"), 40), backup(A, QStringLiteral("done"))}));
    REQUIRE(model.rowCount() == 2);
    CHECK(model.running().value(QStringLiteral("name")) == B);
    CHECK(model.index(0, BackupModel::State).data() == QStringLiteral("running, 40 %"));
    CHECK(model.isPolling());
    model.reload();
    model.reload(); // one request at a time
    REQUIRE(transport.pending.size() == 1);
    transport.answer(200,
                     list({backup(B, QStringLiteral("done")), backup(A, QStringLiteral("done"))}));
    CHECK(model.running().isEmpty());
    CHECK_FALSE(model.isPolling());
    CHECK(model.index(0, BackupModel::State).data() == QStringLiteral("complete"));
    CHECK_FALSE(model.index(0, BackupModel::Size).data().toString().isEmpty());
}

TEST_CASE("backups: cancel, delete, download and refusals in the server's words", "[unit][console]")
{
    FakeTransport transport;
    BackupModel model(transport);
    QSignalSpy finished(&model, &BackupModel::finished);
    model.reload();
    transport.answer(
        200, list({backup(B, QStringLiteral("running"), 10), backup(A, QStringLiteral("done"))}));

    model.remove(B);
    CHECK(transport.sent.back().method == "DELETE");
    CHECK(transport.sent.back().path == QStringLiteral("/api/v1/backups/") + B);
    transport.answer(204, {});
    CHECK(finished.last() == QVariantList{QStringLiteral("cancel"), QString()});
    transport.answer(
        200, list({backup(B, QStringLiteral("cancelled"), 10), backup(A, QStringLiteral("done"))}));
    CHECK(model.index(0, BackupModel::State).data() == QStringLiteral("cancelled"));

    model.remove(A);
    transport.answer(403,
                     QJsonObject{{QStringLiteral("error"),
                                  QJsonObject{{QStringLiteral("code"), QStringLiteral("forbidden")},
                                              {QStringLiteral("message"),
                                               QStringLiteral("missing right ExportKeys on "
                                                              "/Administration")}}}});
    CHECK(finished.last()
          == QVariantList{QStringLiteral("delete"),
                          QStringLiteral("missing right ExportKeys on /Administration")});
    transport.pending.clear();

    QByteArray got;
    QString error;
    model.download(A, [&](const QByteArray& content, const QString& why) {
        got = content;
        error = why;
    });
    REQUIRE(transport.pending.size() == 1);
    CHECK(transport.sent.back().path == QStringLiteral("/api/v1/backups/") + A);
    auto pending = std::move(transport.pending.front());
    transport.pending.pop_front();
    steward::console::net::ApiReply reply;
    reply.status = 200;
    reply.raw = QByteArrayLiteral("STWBAK...");
    pending.callback(reply);
    CHECK(got == QByteArrayLiteral("STWBAK..."));
    CHECK(error.isEmpty());
}
