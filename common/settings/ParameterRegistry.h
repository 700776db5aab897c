// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// ParameterRegistry - the set of parameters server, console and agent agree on.
#pragma once

#include "common/settings/Parameter.h"

#include <QHash>

#include <vector>

namespace steward::settings {

/**
 * Parameters ordered by key. The standard registry is constant data, built once on first use
 * (like the migration table); tests build their own from a list.
 */
class ParameterRegistry {
public:
    /** A programming error (Q_ASSERT) if two parameters share a key. */
    explicit ParameterRegistry(std::vector<Parameter> parameters);

    /** The thin-client set: system, shadow, agent, vnc, input, screen, desktop, sessions, commands.
     */
    [[nodiscard]] static const ParameterRegistry& standard();

    [[nodiscard]] const std::vector<Parameter>& parameters() const { return m_parameters; }
    [[nodiscard]] const Parameter* find(const QString& key) const;
    /** NotFound for an unknown key; otherwise Parameter::check(). */
    [[nodiscard]] Result<void> check(const QString& key, const QJsonValue& value) const;
    /** {"parameters":[Parameter::toJson() …]} */
    [[nodiscard]] QJsonObject toJson() const;

private:
    std::vector<Parameter> m_parameters;
    QHash<QString, qsizetype> m_index;
};

} // namespace steward::settings
