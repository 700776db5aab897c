// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// bench_effective_config: the effective-configuration computation for a large fleet in memory.
//
// 100,000 devices in the leaves of a 6-level folder tree (fan-out 4: 5,460 folders), 200
// profiles of 5 values each: 150 standard and 20 priority profiles on random folders, 30
// standard profiles assigned directly to 100 devices each. Times computeEffectiveConfig() for
// every device (the database reads are not part of it; docs/benchmarks.md).
#include "server/services/EffectiveConfig.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QHash>
#include <QTextStream>

#include <ctime>
#include <random>

using namespace steward;
using namespace steward::server;

namespace {

constexpr int Levels = 6;
constexpr int FanOut = 4;
constexpr int Devices = 100000;
constexpr int Profiles = 200;

struct Fleet {
    std::vector<std::optional<qint64>> parent; // folder id → parent (index = id)
    std::vector<qint64> leaves;
    QHash<qint64, std::vector<services::AppliedProfile>> byFolder; // assignments per folder
    QHash<qint64, std::vector<services::AppliedProfile>> byDevice;
    std::vector<qint64> deviceFolder;
};

Fleet makeFleet(std::mt19937& random)
{
    Fleet fleet;
    fleet.parent.push_back(std::nullopt); // id 0 unused
    std::vector<qint64> level{};
    for (int i = 0; i < FanOut; ++i) {
        fleet.parent.push_back(std::nullopt);
        level.push_back(qint64(fleet.parent.size() - 1));
    }
    for (int depth = 2; depth <= Levels; ++depth) {
        std::vector<qint64> next;
        for (const qint64 folder : level) {
            for (int i = 0; i < FanOut; ++i) {
                fleet.parent.push_back(folder);
                next.push_back(qint64(fleet.parent.size() - 1));
            }
        }
        level = std::move(next);
    }
    fleet.leaves = level;
    for (int d = 0; d < Devices; ++d) {
        fleet.deviceFolder.push_back(fleet.leaves[size_t(d) % fleet.leaves.size()]);
    }
    const auto& parameters = settings::ParameterRegistry::standard().parameters();
    std::uniform_int_distribution<size_t> pickParameter(0, parameters.size() - 1);
    std::uniform_int_distribution<qint64> pickFolder(1, qint64(fleet.parent.size() - 1));
    std::uniform_int_distribution<int> pickDevice(0, Devices - 1);
    for (qint64 id = 1; id <= Profiles; ++id) {
        services::AppliedProfile profile;
        profile.origin.profileId = id;
        profile.origin.profileName = QStringLiteral("profile %1").arg(id);
        profile.origin.kind =
            id > 150 && id <= 170 ? db::ProfileKind::Priority : db::ProfileKind::Standard;
        profile.origin.assignmentId = id;
        for (int v = 0; v < 5; ++v) {
            const auto& parameter = parameters[pickParameter(random)];
            profile.values.insert(parameter.key, parameter.defaultValue);
        }
        if (id <= 170) {
            const qint64 folder = pickFolder(random);
            profile.origin.folderId = folder;
            fleet.byFolder[folder].push_back(profile);
        } else {
            for (int n = 0; n < 100; ++n) {
                fleet.byDevice[pickDevice(random)].push_back(profile);
            }
        }
    }
    return fleet;
}

// What ProfileService does per device, on in-memory data: walk up, collect, compute.
size_t compute(const Fleet& fleet, int device)
{
    std::vector<services::AppliedProfile> applied = fleet.byDevice.value(device);
    std::optional<qint64> folder = fleet.deviceFolder[size_t(device)];
    for (int level = 1; folder; ++level, folder = fleet.parent[size_t(*folder)]) {
        for (auto profile : fleet.byFolder.value(*folder)) {
            profile.origin.level = level;
            applied.push_back(std::move(profile));
        }
    }
    const auto values =
        services::computeEffectiveConfig(settings::ParameterRegistry::standard(), applied, {});
    return values.size() + applied.size();
}

} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    QTextStream out(stdout);
    std::mt19937 random(8);
    const Fleet fleet = makeFleet(random);
    QElapsedTimer timer;
    timer.start();
    const std::clock_t cpuStart = std::clock();
    size_t checksum = 0;
    for (int device = 0; device < Devices; ++device) {
        checksum += compute(fleet, device);
    }
    const double seconds = double(timer.nsecsElapsed()) / 1e9;
    // CPU time too: on a shared machine the wall clock says more about the neighbours.
    const double cpu = double(std::clock() - cpuStart) / CLOCKS_PER_SEC;
    out << QStringLiteral("devices=%1 folders=%2 levels=%3 profiles=%4 parameters=%5\n")
               .arg(Devices)
               .arg(fleet.parent.size() - 1)
               .arg(Levels)
               .arg(Profiles)
               .arg(settings::ParameterRegistry::standard().parameters().size());
    out << QStringLiteral("all devices: %1 s wall, %2 s CPU, %3 us CPU per device (checksum %4)\n")
               .arg(seconds, 0, 'f', 2)
               .arg(cpu, 0, 'f', 2)
               .arg(cpu * 1e6 / Devices, 0, 'f', 1)
               .arg(checksum);
    return 0;
}
