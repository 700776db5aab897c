// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// ProgramInfo - shared identity and --version/--help handling for the five programs.
#pragma once

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QString>

namespace steward {

/** The line every program prints for --version, e.g. "Steward 0.1.0". */
[[nodiscard]] QString versionText();

/** Sets application name, version and organisation on \a app. */
void setupApplication(QCoreApplication& app, const QString& programName);

/** Adds -h/--help and -v/--version, with our version text, to \a parser. */
void addStandardOptions(QCommandLineParser& parser, const QString& description);

/**
 * Handles --help and --version after parser.process(): prints and returns true when the
 * program should exit with status 0.
 */
[[nodiscard]] bool handleStandardOptions(const QCommandLineParser& parser);

/**
 * True when argv only asks for --help or --version. GUI programs use it to answer on a
 * machine with no display, before creating a QApplication.
 */
[[nodiscard]] bool asksOnlyForInformation(int argc, char** argv);

} // namespace steward
