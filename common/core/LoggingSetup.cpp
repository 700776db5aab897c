// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/core/LoggingSetup.h"

#include <QLoggingCategory>
#include <QtGlobal>

namespace steward {

void setupLogging(const QString& rules)
{
    if (qEnvironmentVariableIsSet("JOURNAL_STREAM")) {
        qSetMessagePattern(QStringLiteral("%{if-debug}D%{endif}%{if-info}I%{endif}"
                                          "%{if-warning}W%{endif}%{if-critical}C%{endif}"
                                          "%{if-fatal}F%{endif} %{category}: %{message}"));
    } else {
        qSetMessagePattern(QStringLiteral("%{time yyyy-MM-ddThh:mm:ss.zzz} "
                                          "%{if-debug}D%{endif}%{if-info}I%{endif}"
                                          "%{if-warning}W%{endif}%{if-critical}C%{endif}"
                                          "%{if-fatal}F%{endif} %{category}: %{message}"));
    }
    if (!rules.isEmpty()) {
        QString lines = rules;
        lines.replace(QLatin1Char(';'), QLatin1Char('\n'));
        QLoggingCategory::setFilterRules(lines);
    }
}

} // namespace steward
