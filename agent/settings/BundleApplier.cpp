// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "agent/settings/BundleApplier.h"

#include "agent/settings/RuntimeApplier.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
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

// Appliers name the parameter that failed first in their message ("system.timezone: …"); the
// failure is reported under that parameter, or under the applier when none is named.
QString failedParameter(const QJsonObject& values, const QString& message, const QString& applier)
{
    for (auto it = values.constBegin(); it != values.constEnd(); ++it) {
        if (message.startsWith(it.key())) {
            return it.key();
        }
    }
    return applier;
}

} // namespace

BundleApplier::BundleApplier(QString root, const steward::settings::ParameterRegistry& registry,
                             std::vector<std::unique_ptr<Applier>> appliers, QString stateFile)
    : m_root(std::move(root)), m_registry(registry), m_appliers(std::move(appliers)),
      m_stateFile(std::move(stateFile))
{
    QFile file(m_stateFile);
    if (!m_stateFile.isEmpty() && file.open(QIODevice::ReadOnly)) {
        // Written only by us, atomically; anything unreadable counts as "nothing applied yet".
        const QJsonObject state = QJsonDocument::fromJson(file.readAll()).object();
        m_version = state.value(QStringLiteral("version")).toString();
        m_values = state.value(QStringLiteral("values")).toObject();
    }
}

Result<void> BundleApplier::writeAll(const std::vector<FileChange>& changes,
                                     const QByteArray& state,
                                     const std::function<Result<void>()>& activate)
{
    std::vector<Previous> written;
    const auto writeOne = [&](const QString& path, const QByteArray& contents) -> Result<void> {
        Previous previous{path, std::nullopt};
        if (QFile file(path); file.open(QIODevice::ReadOnly)) {
            previous.contents = file.readAll();
        }
        if (auto ok = writeFile(path, contents); !ok) {
            restore(written);
            return ok;
        }
        written.push_back(std::move(previous));
        return {};
    };
    for (const auto& change : changes) {
        const QString path = QDir::cleanPath(m_root + QLatin1Char('/') + change.path);
        if (auto ok = writeOne(path, change.contents); !ok) {
            return ok;
        }
    }
    if (auto activated = activate(); !activated) {
        restore(written);
        return activated;
    }
    // The applied version is recorded last: if that fails, the files go back as well.
    return m_stateFile.isEmpty() ? Result<void>() : writeOne(m_stateFile, state);
}

ApplyReport BundleApplier::apply(const QString& version, const QJsonObject& values)
{
    ApplyReport report;
    report.version = m_version;
    // A parameter the previous bundle managed and this one leaves out goes back to its default;
    // one no bundle ever managed is left as the device has it.
    QJsonObject effective = values;
    for (auto it = m_values.constBegin(); it != m_values.constEnd(); ++it) {
        if (const auto* parameter = m_registry.find(it.key());
            parameter != nullptr && !effective.contains(it.key())) {
            effective.insert(it.key(), parameter->defaultValue);
        }
    }
    QMap<QString, QJsonObject> byApplier;
    for (auto it = effective.constBegin(); it != effective.constEnd(); ++it) {
        if (auto valid = m_registry.check(it.key(), it.value()); !valid) {
            report.failures.insert(it.key(), valid.error().message);
            continue;
        }
        const auto* parameter = m_registry.find(it.key());
        byApplier[parameter->applier].insert(it.key(), it.value());
        // A parameter absent from the previous bundle had its default.
        const QJsonValue before =
            m_values.contains(it.key()) ? m_values.value(it.key()) : parameter->defaultValue;
        if (parameter->rebootRequired && before != it.value()) {
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
        // A runtime applier sees only what the bundle carries (absent: the agent's own setting).
        const bool runtime = dynamic_cast<const RuntimeApplier*>(applier->get()) != nullptr;
        auto rendered = (*applier)->render(runtime ? runtimeValues(values, it.key()) : it.value());
        if (!rendered) {
            report.failures.insert(failedParameter(it.value(), rendered.error().message, it.key()),
                                   rendered.error().message);
            continue;
        }
        changes.insert(changes.end(), rendered->begin(), rendered->end());
    }
    if (report.failures.isEmpty()) {
        const QByteArray state = QJsonDocument(QJsonObject{{QStringLiteral("version"), version},
                                                           {QStringLiteral("values"), values}})
                                     .toJson(QJsonDocument::Compact);
        bool activated = false;
        const auto activate = [&]() -> Result<void> {
            activated = activateAll(values, m_values, report.failures);
            return activated ? Result<void>()
                             : makeError(ErrorCode::InvalidValue, QStringLiteral("not activated"));
        };
        if (auto written = writeAll(changes, state, activate); !written && activated) {
            // The state file failed after the new values ran: the previous ones run again.
            QMap<QString, QString> ignored;
            (void)activateAll(m_values, values, ignored);
            report.failures.insert(QStringLiteral("files"), written.error().message);
        } else if (!written && report.failures.isEmpty()) {
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

QJsonObject BundleApplier::runtimeValues(const QJsonObject& values, const QString& applier) const
{
    QJsonObject part;
    for (auto it = values.constBegin(); it != values.constEnd(); ++it) {
        if (const auto* parameter = m_registry.find(it.key());
            parameter != nullptr && parameter->applier == applier) {
            part.insert(it.key(), it.value());
        }
    }
    return part;
}

bool BundleApplier::activateAll(const QJsonObject& values, const QJsonObject& previous,
                                QMap<QString, QString>& failures)
{
    std::vector<const RuntimeApplier*> done;
    for (const auto& applier : m_appliers) {
        const auto* runtime = dynamic_cast<const RuntimeApplier*>(applier.get());
        if (runtime == nullptr) {
            continue;
        }
        const QJsonObject part = runtimeValues(values, runtime->name());
        if (auto activated = runtime->activate(part); !activated) {
            failures.insert(failedParameter(part, activated.error().message, runtime->name()),
                            activated.error().message);
            for (auto it = done.crbegin(); it != done.crend(); ++it) {
                (void)(*it)->activate(runtimeValues(previous, (*it)->name()));
            }
            return false;
        }
        done.push_back(runtime);
    }
    return true;
}

QMap<QString, QString> BundleApplier::activateRuntime()
{
    QMap<QString, QString> failures;
    for (const auto& applier : m_appliers) {
        if (const auto* runtime = dynamic_cast<const RuntimeApplier*>(applier.get())) {
            const QJsonObject part = runtimeValues(m_values, runtime->name());
            if (auto activated = runtime->activate(part); !activated) {
                failures.insert(failedParameter(part, activated.error().message, runtime->name()),
                                activated.error().message);
            }
        }
    }
    return failures;
}

} // namespace steward::agent::settings
