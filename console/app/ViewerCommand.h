// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// ViewerCommand - checks an external VNC viewer command, and finds the viewers installed here.
#pragma once

#include <QString>
#include <QStringList>

#include <vector>

namespace steward::console {

/** A VNC viewer found on this machine, with the command that points it at the local proxy. */
struct DetectedViewer {
    QString name;    ///< "TigerVNC", "Remmina", ...
    QString command; ///< "xtigervncviewer 127.0.0.1::{port}"
};

/**
 * What is wrong with \a command as an external viewer command, in words naming the problem;
 * empty when it can be started. An empty command is fine: it means the embedded viewer.
 * The program must exist: an absolute path that is executable, or a name found on the PATH
 * (\a searchPaths replaces the PATH when not empty).
 */
[[nodiscard]] QString viewerCommandProblem(const QString& command,
                                           const QStringList& searchPaths = {});

/** The known VNC viewers installed on the PATH (or in \a searchPaths), in a fixed order. */
[[nodiscard]] std::vector<DetectedViewer> detectViewers(const QStringList& searchPaths = {});

} // namespace steward::console
