// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// Test runner with a Qt event loop; GUI suites use gui_main.cpp.
#define CATCH_CONFIG_RUNNER
#include "tests/support/CatchQt.h"

#include <QCoreApplication>

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    return Catch::Session().run(argc, argv);
}
