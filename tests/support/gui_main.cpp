// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// Test runner with a QApplication, for suites that paint or use widgets
// (QT_QPA_PLATFORM=offscreen).
#define CATCH_CONFIG_RUNNER
#include "tests/support/CatchQt.h"

#include <QApplication>

int main(int argc, char* argv[])
{
    // ctest sets offscreen for the tests, but test discovery runs this binary without it.
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) {
        qputenv("QT_QPA_PLATFORM", "offscreen");
    }
    QApplication app(argc, argv);
    return Catch::Session().run(argc, argv);
}
