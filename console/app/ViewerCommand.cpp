// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "console/app/ViewerCommand.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QProcess>
#include <QStandardPaths>

namespace steward::console {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("ViewerCommand", text);
}

QString findProgram(const QString& program, const QStringList& searchPaths)
{
    if (program.contains(QLatin1Char('/'))) {
        const QFileInfo file(program);
        return file.isFile() && file.isExecutable() ? file.absoluteFilePath() : QString();
    }
    return QStandardPaths::findExecutable(program, searchPaths);
}

struct KnownViewer {
    const char* name;
    const char* program;
    const char* arguments;
};

// Each viewer's own way of naming host and port; "::" is the VNC convention for a raw port.
constexpr KnownViewer KnownViewers[] = {
    {"TigerVNC", "xtigervncviewer", "127.0.0.1::{port}"},
    {"VNC viewer", "vncviewer", "127.0.0.1::{port}"},
    {"Remmina", "remmina", "-c vnc://127.0.0.1:{port}"},
    {"KRDC", "krdc", "vnc://127.0.0.1:{port}"},
    {"SSVNC", "ssvncviewer", "127.0.0.1::{port}"},
};

} // namespace

QString viewerCommandProblem(const QString& command, const QStringList& searchPaths)
{
    const QString trimmed = command.trimmed();
    if (trimmed.isEmpty()) {
        return {};
    }
    if (trimmed.count(QLatin1Char('"')) % 2 != 0) {
        return tr("The viewer command has an unmatched quotation mark.");
    }
    const QStringList parts = QProcess::splitCommand(trimmed);
    if (parts.isEmpty()) {
        return tr("The viewer command names no program.");
    }
    if (findProgram(parts.first(), searchPaths).isEmpty()) {
        return parts.first().contains(QLatin1Char('/'))
                   ? tr("The viewer program \"%1\" does not exist or is not executable.")
                         .arg(parts.first())
                   : tr("The viewer program \"%1\" is not installed (it is not on the PATH).")
                         .arg(parts.first());
    }
    return {};
}

std::vector<DetectedViewer> detectViewers(const QStringList& searchPaths)
{
    std::vector<DetectedViewer> found;
    for (const auto& viewer : KnownViewers) {
        const QString program = QString::fromLatin1(viewer.program);
        if (!findProgram(program, searchPaths).isEmpty()) {
            found.push_back({QString::fromLatin1(viewer.name),
                             program + QLatin1Char(' ') + QString::fromLatin1(viewer.arguments)});
        }
    }
    return found;
}

} // namespace steward::console
