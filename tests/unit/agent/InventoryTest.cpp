// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "agent/link/Inventory.h"
#include "agent/link/Backoff.h"
#include "tests/support/CatchQt.h"
#include "tests/support/TempFiles.h"

#include <QFile>
#include <QTemporaryDir>

using namespace steward;

TEST_CASE("hardware facts are parsed from /proc files", "[unit][agent]")
{
    QTemporaryDir dir;
    agent::SystemFiles files;
    files.cpuinfo =
        test::writeTempFile(dir, QStringLiteral("cpuinfo"),
                            "processor\t: 0\nvendor_id\t: GenuineIntel\nmodel name\t: Intel(R) "
                            "Celeron(R)  J4125 CPU @ 2.00GHz\n\nprocessor\t: 1\nmodel name\t: "
                            "Intel(R) Celeron(R)  J4125 CPU @ 2.00GHz\n");
    files.meminfo =
        test::writeTempFile(dir, QStringLiteral("meminfo"),
                            "MemTotal:        3903256 kB\nMemFree:          123456 kB\n");
    files.stat =
        test::writeTempFile(dir, QStringLiteral("stat"),
                            "cpu  1 2 3 4\nintr 5\nctxt 6\nbtime 1790000000\nprocesses 7\n");
    // The temp dir stands in for a real mount; proc and a squashfs image are left out.
    const QByteArray mountPoint = QFile::encodeName(dir.path());
    files.mounts = test::writeTempFile(dir, QStringLiteral("mounts"),
                                       "proc /proc proc rw 0 0\n/dev/sda1 " + mountPoint
                                           + " ext4 rw 0 0\n/dev/loop0 /snap/core squashfs ro 0 0\n"
                                             "tmpfs /run tmpfs rw 0 0\n");
    protocol::DeviceInventory inventory;
    agent::readHardware(inventory, files);
    CHECK(inventory.cpuModel == QStringLiteral("Intel(R) Celeron(R) J4125 CPU @ 2.00GHz"));
    CHECK(inventory.cpuCores == 2);
    CHECK(inventory.memoryBytes == qint64(3903256) * 1024);
    CHECK(inventory.bootTime == 1790000000);
    REQUIRE(inventory.disks.size() == 1);
    CHECK(inventory.disks[0].mount == dir.path());
    CHECK(inventory.disks[0].sizeBytes > 0);
}

TEST_CASE("missing or garbled /proc files leave the facts empty", "[unit][agent]")
{
    QTemporaryDir dir;
    agent::SystemFiles files;
    files.cpuinfo = dir.filePath(QStringLiteral("absent"));
    files.meminfo = test::writeTempFile(dir, QStringLiteral("meminfo"), "MemTotal: lots\n");
    files.stat = test::writeTempFile(dir, QStringLiteral("stat"), "btime -5\n");
    files.mounts =
        test::writeTempFile(dir, QStringLiteral("mounts"), "garbage\n/dev/sdz /nonexistent ext4\n");
    files.rootFallback.clear();
    protocol::DeviceInventory inventory;
    agent::readHardware(inventory, files);
    CHECK(inventory.cpuModel.isEmpty());
    CHECK(inventory.cpuCores == 0);
    CHECK(inventory.memoryBytes == 0);
    CHECK(inventory.bootTime == 0);
    CHECK(inventory.disks.empty());
}

TEST_CASE("a mount table without a disk reports the root fallback's file system", "[unit][agent]")
{
    // A container or chroot whose root is not a mount of its own lists only proc, sysfs, tmpfs.
    QTemporaryDir dir;
    agent::SystemFiles files;
    files.mounts = test::writeTempFile(dir, QStringLiteral("mounts"),
                                       "proc /proc proc rw 0 0\ntmpfs /run tmpfs rw 0 0\n");
    files.rootFallback = dir.path();
    protocol::DeviceInventory inventory;
    agent::readHardware(inventory, files);
    REQUIRE(inventory.disks.size() == 1);
    CHECK(inventory.disks[0].mount == dir.path());
    CHECK(inventory.disks[0].sizeBytes > 0);
}

TEST_CASE("heartbeats are spread by a random delay up to the jitter", "[unit][agent]")
{
    using std::chrono::milliseconds;
    CHECK(agent::jitteredInterval(milliseconds(1000), milliseconds(500), [] { return 0.0; })
          == milliseconds(1000));
    CHECK(agent::jitteredInterval(milliseconds(1000), milliseconds(500), [] { return 0.5; })
          == milliseconds(1250));
    for (int i = 0; i < 100; ++i) {
        const auto delay = agent::jitteredInterval(milliseconds(1000), milliseconds(500));
        CHECK(delay >= milliseconds(1000));
        CHECK(delay < milliseconds(1500));
    }
}
