// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// Applier - turns the values of some parameters into the files that put them into effect.
#pragma once

#include "common/core/Result.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>

#include <memory>
#include <vector>

namespace steward::agent::settings {

/** One file to write, relative to the system root ("etc/timezone"). */
struct FileChange {
    QString path;
    QByteArray contents;
};

/**
 * An applier renders files only; it never writes. BundleApplier writes every rendered file
 * of a bundle or none, so a failing parameter leaves the previous configuration in place.
 */
class Applier {
public:
    virtual ~Applier() = default;
    /** The registry's applier name, e.g. "timezone". */
    [[nodiscard]] virtual QString name() const = 0;
    /**
     * \a values holds every parameter of this applier (key → value, already checked against
     * the registry). A failure names the parameter that cannot be put into effect.
     */
    [[nodiscard]] virtual Result<std::vector<FileChange>>
    render(const QJsonObject& values) const = 0;
};

/** hostname (etc/hostname), timezone (etc/timezone), keyboard (etc/default/keyboard). */
[[nodiscard]] std::vector<std::unique_ptr<Applier>> fileAppliers();

/**
 * fileAppliers() and screen (etc/steward/screen.conf), sessions (etc/steward/launchers.json),
 * commands (etc/steward/boot.sh and desktop-start.sh, run by a root unit at boot and by the
 * session at desktop start, never by the agent): every applier a running agent uses.
 */
[[nodiscard]] std::vector<std::unique_ptr<Applier>> deviceAppliers();

} // namespace steward::agent::settings
