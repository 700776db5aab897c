// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "agent/settings/BundleApplier.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

namespace steward::agent::settings {
namespace {

struct Previous {
    QString path;
    std::optional<QByteArray> contents; // absent: the file did not exist
};

Result<void> writeFile(const QString& path, const QByteArray& contents)
{
    if (!QDir().mkpath(QFileInfo(path).absolutePath())) {
        return makeError(ErrorCode::IoError,
                         QStringLiteral("cannot create the folder of %1").arg(path));
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(contents) != contents.size()
        || !file.commit()) {
        return makeError(ErrorCode::IoError,
                         QStringLiteral("cannot write %1: %2").arg(path, file.errorString()));
    }
    return {};
}

void restore(const std::vector<Previous>& written)
{
    for (auto it = written.crbegin(); it != written.crend(); ++it) {
        if (it->contents) {
            (void)writeFile(it->path, *it->contents);
        } else {
            QFile::remove(it->path);
        }
    }
}

} // namespace

BundleApplier::BundleApplier(QString root, const steward::settings::ParameterRegistry& registry,
                             std::vector<std::unique_ptr<Applier>> appliers)
    : m_root(std::move(root)), m_registry(registry), m_appliers(std::move(appliers))
{}

Result<void> BundleApplier::writeAll(const std::vector<FileChange>& changes)
{
    std::vector<Previous> written;
    for (const auto& change : changes) {
        const QString path = QDir::cleanPath(m_root + QLatin1Char('/') + change.path);
        Previous previous{path, std::nullopt};
        if (QFile file(path); file.open(QIODevice::ReadOnly)) {
            previous.contents = file.readAll();
        }
        if (auto ok = writeFile(path, change.contents); !ok) {
            restore(written);
            return ok;
        }
        written.push_back(std::move(previous));
    }
    return {};
}

ApplyReport BundleApplier::apply(const QString& version, const QJsonObject& values)
{
    ApplyReport report;
    report.version = m_version;
    QMap<QString, QJsonObject> byApplier;
    for (auto it = values.constBegin(); it != values.constEnd(); ++it) {
        if (auto valid = m_registry.check(it.key(), it.value()); !valid) {
            report.failures.insert(it.key(), valid.error().message);
            continue;
        }
        byApplier[m_registry.find(it.key())->applier].insert(it.key(), it.value());
        if (m_values.value(it.key()) != it.value() && m_registry.find(it.key())->rebootRequired) {
            report.rebootRequired = true;
        }
    }
    std::vector<FileChange> changes;
    for (auto it = byApplier.constBegin(); it != byApplier.constEnd(); ++it) {
        const auto applier = std::find_if(m_appliers.begin(), m_appliers.end(),
                                          [&](const auto& a) { return a->name() == it.key(); });
        if (applier == m_appliers.end()) {
            report.notApplied.append(it.value().keys());
            continue;
        }
        auto rendered = (*applier)->render(it.value());
        if (!rendered) {
            report.failures.insert(it.key(), rendered.error().message);
            continue;
        }
        changes.insert(changes.end(), rendered->begin(), rendered->end());
    }
    if (report.failures.isEmpty()) {
        if (auto written = writeAll(changes); !written) {
            report.failures.insert(QStringLiteral("files"), written.error().message);
        }
    }
    if (!report.failures.isEmpty()) {
        report.rebootRequired = false;
        report.notApplied.clear();
        return report;
    }
    m_version = version;
    m_values = values;
    report.applied = true;
    report.version = version;
    return report;
}

} // namespace steward::agent::settings
