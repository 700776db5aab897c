// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// bench_view_members: what a view costs on SQLite (docs/benchmarks.md, "Views").
//
// N devices (default 50,000) seeded offline, half of them with attribute room=lab-N. One view
// selects "attribute room glob lab-* and name glob seed-*". Times (1) evaluating the view over
// the whole fleet, as GET /api/v1/views/{id}/devices and a view change do, and (2) one device's
// effective configuration, as the push recomputes it, without and with a profile on the view.
#include "server/db/AttributeRepository.h"
#include "server/db/AuditRepository.h"
#include "server/db/Database.h"
#include "server/db/DeviceRepository.h"
#include "server/db/FolderRepository.h"
#include "server/db/Migrator.h"
#include "server/db/ProfileRepository.h"
#include "server/db/Transaction.h"
#include "server/db/ViewRepository.h"
#include "server/services/AuditLog.h"
#include "server/services/EventHub.h"
#include "server/services/FolderService.h"
#include "server/services/ProfileService.h"
#include "server/services/ViewMembership.h"
#include "server/services/ViewService.h"
#include "tests/support/server/DeviceSeed.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>

using namespace steward;
using namespace steward::server;

namespace {

QJsonObject labFilter()
{
    const auto condition = [](const char* field, const char* glob) {
        QJsonObject json{{QStringLiteral("field"), QLatin1String(field)},
                         {QStringLiteral("glob"), QLatin1String(glob)}};
        if (QLatin1String(field) == QLatin1String("attribute")) {
            json.insert(QStringLiteral("attribute"), QStringLiteral("room"));
        }
        return json;
    };
    return QJsonObject{{QStringLiteral("all"),
                        QJsonArray{condition("attribute", "lab-*"), condition("name", "seed-*")}}};
}

double msSince(const QElapsedTimer& timer)
{
    return double(timer.nsecsElapsed()) / 1e6;
}

} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    const int count = argc > 1 ? QString::fromLatin1(argv[1]).toInt() : 50000;
    QTemporaryDir dir;
    db::DatabaseConfig config;
    config.kind = db::DatabaseKind::Sqlite;
    config.sqliteFile = dir.filePath(QStringLiteral("bench.sqlite"));
    db::Database database(config);
    if (!database.open() || !db::Migrator(database).apply() || !test::seedDevices(config, count)) {
        qFatal("cannot prepare the database");
    }
    db::AttributeRepository attributes(database);
    db::AttributeDefinition room;
    room.name = QStringLiteral("room");
    const auto roomId = attributes.insertDefinition(room);
    if (!roomId) {
        qFatal("cannot define the attribute");
    }
    auto seeded = db::inTransaction<void>(database, [&]() -> Result<void> {
        for (qint64 id = 1; id <= count; id += 2) {
            if (auto set = attributes.setValue({id, *roomId, QStringLiteral("lab-%1").arg(id % 7),
                                                protocol::AttributeWriter::Server, 1});
                !set) {
                return set;
            }
        }
        return {};
    });
    if (!seeded) {
        qFatal("cannot set the attributes");
    }
    db::FolderRepository folderRepository(database);
    db::DeviceRepository devices(database);
    db::ProfileRepository profileRepository(database);
    db::ViewRepository viewRepository(database);
    db::AuditRepository auditRepository(database);
    const auto clock = [] { return qint64(1); };
    services::AuditLog audit(auditRepository, clock);
    services::EventHub events;
    const auto offline = [](qint64) { return false; };
    services::FolderService folders(database, folderRepository, devices, audit, events, clock,
                                    offline);
    services::ProfileService profiles(database, profileRepository, devices, folders,
                                      settings::ParameterRegistry::standard(), audit, events,
                                      clock);
    services::ViewMembership membership(viewRepository, devices, attributes, folders, offline);
    services::ViewService views(database, viewRepository, attributes, folders, audit, events,
                                clock);
    profiles.setViews(
        viewRepository,
        [&](const db::Device& device, const std::vector<qint64>& chain,
            const std::vector<db::View>& all) { return membership.viewsOf(device, chain, all); });
    const services::Requester bench{QStringLiteral("bench"), QString()};
    const auto view = views.create(QStringLiteral("Lab"), {}, labFilter(), bench);
    if (!view) {
        qFatal("cannot create the view");
    }

    QElapsedTimer timer;
    timer.start();
    const auto members = membership.devices(view->filter);
    const double evaluate = msSince(timer);

    const int sample = std::min(count, 2000);
    const auto perDevice = [&]() {
        QElapsedTimer t;
        t.start();
        for (qint64 id = 1; id <= sample; ++id) {
            if (!profiles.effectiveConfig(id)) {
                qFatal("effective configuration failed");
            }
        }
        return msSince(t) / sample;
    };
    const double withoutView = perDevice();
    db::Profile profile;
    profile.name = QStringLiteral("Lab");
    const auto created = profiles.create(
        profile, {{QStringLiteral("system.timezone"), QStringLiteral("UTC")}}, bench);
    if (!created || !profiles.assignView(created->profile.id, view->view.id, bench)) {
        qFatal("cannot assign the profile");
    }
    const double withView = perDevice();
    std::printf("devices %d, members %zu\n", count, members ? members->size() : size_t(0));
    std::printf("evaluate the view over the fleet: %.0f ms\n", evaluate);
    std::printf("effective configuration per device: %.3f ms without views, %.3f ms with a "
                "profile on the view (mean of %d)\n",
                withoutView, withView, sample);
    return 0;
}
