// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// steward-agent-prompt - the device-side dialogs of secure shadowing (docs/shadowing.md):
//   steward-agent-prompt consent --admin NAME [--device NAME] [--view-only] [--timeout SECONDS]
//   steward-agent-prompt indicator --admin NAME [--view-only] [--no-end]
// The agent starts it on the device's display; the exit status is the answer (PromptExit).
#include "agent/prompt/PromptWindows.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QTextStream>

using steward::agent::prompt::ConsentDialog;
using steward::agent::prompt::PromptExit;
using steward::agent::prompt::SessionIndicator;

namespace {

int usage(const QString& problem)
{
    QTextStream(stderr) << "steward-agent-prompt: " << problem << "\n"
                        << "usage: steward-agent-prompt consent --admin NAME [--device NAME] "
                           "[--view-only] [--timeout SECONDS]\n"
                        << "       steward-agent-prompt indicator --admin NAME [--view-only] "
                           "[--no-end]\n";
    return int(PromptExit::Usage);
}

} // namespace

int main(int argc, char* argv[])
{
    if (qEnvironmentVariableIsEmpty("DISPLAY") && qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY")) {
        return usage(QStringLiteral("no display: DISPLAY (or WAYLAND_DISPLAY) is not set"));
    }
    QApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("mode"), QStringLiteral("consent or indicator"));
    parser.addOptions({
        {QStringLiteral("admin"), QStringLiteral("The administrator's name."),
         QStringLiteral("NAME")},
        {QStringLiteral("device"), QStringLiteral("The device's name."), QStringLiteral("NAME")},
        {QStringLiteral("view-only"), QStringLiteral("The session cannot send input.")},
        {QStringLiteral("timeout"), QStringLiteral("Seconds before consent is refused (1-600)."),
         QStringLiteral("SECONDS"), QStringLiteral("30")},
        {QStringLiteral("no-end"), QStringLiteral("The indicator offers no End session button.")},
    });
    if (!parser.parse(QApplication::arguments())) {
        return usage(parser.errorText());
    }
    const QStringList modes = parser.positionalArguments();
    const QString admin = parser.value(QStringLiteral("admin"));
    if (modes.size() != 1 || admin.trimmed().isEmpty()) {
        return usage(QStringLiteral("give one mode and --admin"));
    }
    const bool viewOnly = parser.isSet(QStringLiteral("view-only"));
    if (modes.front() == QLatin1String("consent")) {
        bool ok = false;
        const int seconds = parser.value(QStringLiteral("timeout")).toInt(&ok);
        if (!ok || seconds < 1 || seconds > 600) {
            return usage(QStringLiteral("--timeout must be 1 to 600 seconds"));
        }
        ConsentDialog dialog(admin, parser.value(QStringLiteral("device")), viewOnly, seconds);
        dialog.show();
        dialog.activateWindow();
        dialog.exec();
        return int(dialog.answer());
    }
    if (modes.front() == QLatin1String("indicator")) {
        SessionIndicator indicator(admin, viewOnly, !parser.isSet(QStringLiteral("no-end")));
        QObject::connect(&indicator, &SessionIndicator::endRequested, &app,
                         [] { QApplication::exit(int(PromptExit::Allowed)); });
        indicator.show();
        const int status = QApplication::exec();
        return status == int(PromptExit::Allowed) ? status : int(PromptExit::Closed);
    }
    return usage(QStringLiteral("unknown mode \"%1\"").arg(modes.front()));
}
