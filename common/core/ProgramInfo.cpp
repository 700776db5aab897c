// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/core/ProgramInfo.h"

#include "common/core/Version.h"

#include <cstdio>
#include <cstring>

namespace steward {

QString versionText()
{
    return QStringLiteral("Steward ") + QLatin1String(ProductVersion);
}

void setupApplication(QCoreApplication& app, const QString& programName)
{
    app.setApplicationName(programName);
    app.setApplicationVersion(QLatin1String(ProductVersion));
    app.setOrganizationName(QStringLiteral("Steward"));
}

void addStandardOptions(QCommandLineParser& parser, const QString& description)
{
    parser.setApplicationDescription(description);
    parser.addHelpOption();
    parser.addOption(QCommandLineOption({QStringLiteral("v"), QStringLiteral("version")},
                                        QStringLiteral("Displays version information.")));
}

bool handleStandardOptions(const QCommandLineParser& parser)
{
    if (parser.isSet(QStringLiteral("version"))) {
        std::fputs(qPrintable(versionText() + QLatin1Char('\n')), stdout);
        return true;
    }
    return false;
}

bool asksOnlyForInformation(int argc, char** argv)
{
    for (int i = 1; i < argc; ++i) {
        const char* arg = argv[i];
        if (std::strcmp(arg, "--help") == 0 || std::strcmp(arg, "-h") == 0
            || std::strcmp(arg, "--help-all") == 0 || std::strcmp(arg, "--version") == 0
            || std::strcmp(arg, "-v") == 0) {
            return true;
        }
    }
    return false;
}

} // namespace steward
