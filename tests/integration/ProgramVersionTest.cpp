// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/core/ProgramInfo.h"
#include "tests/support/CatchQt.h"

#include <QProcess>
#include <QProcessEnvironment>

namespace {

struct Output {
    int exitCode = -1;
    QByteArray out;
};

Output runProgram(const QString& relativePath, const QStringList& arguments)
{
    QProcess process;
    auto env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("DISPLAY")); // --help and --version need no display
    env.remove(QStringLiteral("QT_QPA_PLATFORM"));
    process.setProcessEnvironment(env);
    process.start(QStringLiteral(STEWARD_BINARY_DIR "/") + relativePath, arguments);
    if (!process.waitForFinished(30000)) {
        return {};
    }
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
            process.readAllStandardOutput()};
}

const QStringList Programs{
    QStringLiteral("server/steward-server"), QStringLiteral("server/steward-admin"),
    QStringLiteral("agent/steward-agent"), QStringLiteral("console/steward-console"),
    QStringLiteral("console/steward-shadow")};

} // namespace

TEST_CASE("all five programs print the same version", "[integration][programs]")
{
    const QByteArray expected = steward::versionText().toUtf8() + '\n';
    for (const auto& program : Programs) {
        INFO(program.toStdString());
        const auto result = runProgram(program, {QStringLiteral("--version")});
        CHECK(result.exitCode == 0);
        CHECK(result.out == expected);
    }
}

TEST_CASE("every program explains its options with --help", "[integration][programs]")
{
    for (const auto& program : Programs) {
        INFO(program.toStdString());
        const auto result = runProgram(program, {QStringLiteral("--help")});
        CHECK(result.exitCode == 0);
        CHECK(result.out.contains("Usage: "));
        CHECK(result.out.contains("--version"));
    }
}

TEST_CASE("an unknown option is refused with a message naming it", "[integration][programs]")
{
    QProcess process;
    process.start(QStringLiteral(STEWARD_BINARY_DIR "/server/steward-server"),
                  {QStringLiteral("--no-such-option")});
    REQUIRE(process.waitForFinished(30000));
    CHECK(process.exitCode() != 0);
    CHECK(process.readAllStandardError().contains("no-such-option"));
}
