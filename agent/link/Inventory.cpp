// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "agent/link/Inventory.h"

#include <QFile>
#include <QHostInfo>
#include <QNetworkInterface>
#include <QSet>
#include <QSysInfo>

#include <sys/statvfs.h>

namespace steward::agent {
namespace {

// The protocol's limits (common/protocol/Devices.h).
constexpr qsizetype MaxText = 255;
constexpr qsizetype MaxInterfaces = 64;
constexpr qsizetype MaxAddresses = 32;
constexpr qsizetype MaxDisks = 64;
constexpr qint64 MaxFileBytes = 4 * 1024 * 1024; // /proc files are small; never read more

// File systems that hold data although their source is not a /dev node.
const QSet<QString> DataFileSystems{QStringLiteral("btrfs"),   QStringLiteral("zfs"),
                                    QStringLiteral("overlay"), QStringLiteral("nfs"),
                                    QStringLiteral("nfs4"),    QStringLiteral("cifs")};
// Read-only images (snaps, live media) are not disks the device can fill.
const QSet<QString> ImageFileSystems{QStringLiteral("squashfs"), QStringLiteral("iso9660")};

QList<QByteArray> lines(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return {};
    }
    return file.read(MaxFileBytes).split('\n');
}

// "key<sep>value" lines: the value of the first line whose key matches, trimmed.
QByteArray field(const QList<QByteArray>& content, const QByteArray& key, char separator)
{
    for (const auto& line : content) {
        const qsizetype at = line.indexOf(separator);
        if (at > 0 && line.left(at).trimmed() == key) {
            return line.mid(at + 1).trimmed();
        }
    }
    return {};
}

// /proc/mounts escapes space, tab, newline and backslash as octal.
QString unescapeMount(const QByteArray& text)
{
    QByteArray out;
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (text[i] == '\\' && i + 3 < text.size()) {
            bool ok = false;
            const int code = text.mid(i + 1, 3).toInt(&ok, 8);
            if (ok && code < 256) {
                out.append(char(code));
                i += 3;
                continue;
            }
        }
        out.append(text[i]);
    }
    return QString::fromUtf8(out);
}

void readCpu(protocol::DeviceInventory& inventory, const QString& path)
{
    const auto content = lines(path);
    int processors = 0;
    for (const auto& line : content) {
        const qsizetype at = line.indexOf(':');
        if (at > 0 && line.left(at).trimmed() == "processor") {
            ++processors;
        }
    }
    inventory.cpuCores = processors;
    QByteArray model = field(content, "model name", ':');
    if (model.isEmpty()) {
        model = field(content, "Model", ':'); // ARM boards
    }
    inventory.cpuModel = QString::fromUtf8(model).simplified().left(MaxText);
}

void readDisks(protocol::DeviceInventory& inventory, const QString& path)
{
    QSet<QString> seen;
    for (const auto& line : lines(path)) {
        const auto parts = line.split(' ');
        if (parts.size() < 3 || qsizetype(inventory.disks.size()) >= MaxDisks) {
            continue;
        }
        const QString source = QString::fromUtf8(parts[0]);
        const QString type = QString::fromUtf8(parts[2]);
        const bool data =
            source.startsWith(QLatin1String("/dev/")) || DataFileSystems.contains(type);
        const QString mount = unescapeMount(parts[1]);
        if (!data || ImageFileSystems.contains(type) || seen.contains(mount)
            || mount.size() > MaxText) {
            continue;
        }
        struct statvfs info {};
        if (::statvfs(QFile::encodeName(mount).constData(), &info) != 0 || info.f_blocks == 0) {
            continue;
        }
        seen.insert(mount);
        inventory.disks.push_back({mount, qint64(info.f_blocks) * qint64(info.f_frsize)});
    }
}

} // namespace

void readHardware(protocol::DeviceInventory& inventory, const SystemFiles& files)
{
    readCpu(inventory, files.cpuinfo);
    // "MemTotal:       16318460 kB"
    const QByteArray memory = field(lines(files.meminfo), "MemTotal", ':');
    inventory.memoryBytes = memory.split(' ').value(0).toLongLong() * 1024;
    // "btime 1790000000"
    inventory.bootTime = qMax(qint64(0), field(lines(files.stat), "btime", ' ').toLongLong());
    readDisks(inventory, files.mounts);
    struct statvfs root {};
    if (inventory.disks.empty() && !files.rootFallback.isEmpty()
        && ::statvfs(QFile::encodeName(files.rootFallback).constData(), &root) == 0
        && root.f_blocks > 0) {
        inventory.disks.push_back(
            {files.rootFallback.left(MaxText), qint64(root.f_blocks) * qint64(root.f_frsize)});
    }
}

protocol::DeviceInventory collectInventory(const QString& agentVersion)
{
    protocol::DeviceInventory inventory;
    inventory.hostname = QHostInfo::localHostName().left(MaxText);
    if (inventory.hostname.isEmpty()) {
        inventory.hostname = QStringLiteral("unknown");
    }
    inventory.os = QSysInfo::prettyProductName().left(MaxText);
    inventory.kernel = QSysInfo::kernelVersion().left(MaxText);
    inventory.agentVersion = agentVersion.left(MaxText);
    for (const auto& interface : QNetworkInterface::allInterfaces()) {
        if (interface.flags().testFlag(QNetworkInterface::IsLoopBack)
            || qsizetype(inventory.interfaces.size()) >= MaxInterfaces) {
            continue;
        }
        protocol::NetworkInterfaceInfo info;
        info.name = interface.name().left(MaxText);
        info.mac = interface.hardwareAddress().toUpper().left(MaxText);
        for (const auto& entry : interface.addressEntries()) {
            if (info.addresses.size() < MaxAddresses) {
                info.addresses.append(entry.ip().toString().left(MaxText));
            }
        }
        inventory.interfaces.push_back(std::move(info));
    }
    readHardware(inventory);
    return inventory;
}

} // namespace steward::agent
