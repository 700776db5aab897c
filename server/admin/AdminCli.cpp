// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/admin/AdminCli.h"

#include "common/core/ProgramInfo.h"
#include "server/admin/AccountCommands.h"
#include "server/admin/BackupCommands.h"
#include "server/admin/CaCommands.h"
#include "server/admin/CertificateCommands.h"
#include "server/admin/DataSourceCommands.h"
#include "server/admin/EnrollmentCommands.h"
#include "server/admin/StatusCommand.h"
#include "server/admin/WebCertificateCommands.h"

#include <QCommandLineParser>
#include <QDir>

namespace steward::server::admin {
namespace {

const QString Description = QStringLiteral(
    "Steward administration tool: works on the server's data directory and database.\n\n"
    "Commands:\n"
    "  create-admin --user NAME          create a superuser (password on stdin or "
    "STEWARD_PASSWORD)\n"
    "  reset-password --user NAME        set a new password, clear the lockout, end sessions\n"
    "  status                            data dir, database, PKI and a running server\n"
    "  enrollment-token [--folder PATH] [--ttl 1h]  print one device enrolment token\n"
    "  datasource show | test            the active data source\n"
    "  datasource copy --to-config FILE  copy all data into the data source FILE describes\n"
    "  certificates list | show ID | export ID [--der] | generate ALIAS [--key-spec SPEC]\n"
    "             | activate ID | deactivate ID | move ID up|down | delete ID [--force]\n"
    "             | import ALIAS (--certificate FILE [--key FILE] | --pkcs12 FILE)\n"
    "                                    the device-communication certificates\n"
    "  web-certificates list | create ALIAS --names N1,N2 [--key-spec SPEC]\n"
    "             | import ALIAS FILE [--key KEYFILE] | assign ID [--force]\n"
    "                                    the web listener's certificates (port 8443)\n"
    "  ca status | renew-root | renew-device-ca | activate-root [--force] | retire-old [--force]\n"
    "                                    the CA rollover: renewed root and device CA\n"
    "  backup FILE [--encrypt]           database, PKI and settings in one file\n"
    "  restore FILE [--force]            restore a backup into the data dir\n\n"
    "Secrets are never arguments: see docs/admin.md. Exit codes: 0 ok, 1 failure, 2 usage, "
    "78 configuration.");

struct Usage {
    QString message;
};

void addOptions(QCommandLineParser& parser)
{
    addStandardOptions(parser, Description);
    parser.addOptions({
        {QStringLiteral("data-dir"), QStringLiteral("The server's data directory."),
         QStringLiteral("DIR")},
        {QStringLiteral("config"), QStringLiteral("The server's settings file (INI)."),
         QStringLiteral("FILE")},
        {QStringLiteral("user"),
         QStringLiteral("Administrator name (create-admin, "
                        "reset-password)."),
         QStringLiteral("NAME")},
        {QStringLiteral("to-config"),
         QStringLiteral("Settings file naming the target data source (datasource copy)."),
         QStringLiteral("FILE")},
        {QStringLiteral("encrypt"), QStringLiteral("Encrypt the backup with a passphrase.")},
        {QStringLiteral("folder"),
         QStringLiteral("Folder for devices enrolled with the token (enrollment-token)."),
         QStringLiteral("PATH")},
        {QStringLiteral("ttl"),
         QStringLiteral("Token lifetime, e.g. 90s, 30m, 1h, 2d (enrollment-token; default 24h)."),
         QStringLiteral("DURATION")},
        {QStringLiteral("der"), QStringLiteral("certificates export: DER instead of PEM.")},
        {QStringLiteral("key-spec"),
         QStringLiteral("certificates generate: RSA 4096 (default), RSA 2048 or EC P-256."),
         QStringLiteral("SPEC")},
        {QStringLiteral("certificate"),
         QStringLiteral("certificates import: the certificate (PEM or DER)."),
         QStringLiteral("FILE")},
        {QStringLiteral("key"),
         QStringLiteral("certificates import: the certificate's private key (PEM; a password "
                        "for an encrypted one on stdin or STEWARD_PASSWORD)."),
         QStringLiteral("FILE")},
        {QStringLiteral("pkcs12"),
         QStringLiteral("certificates import: certificate and key as PKCS#12 (password on "
                        "stdin or STEWARD_PASSWORD)."),
         QStringLiteral("FILE")},
        {QStringLiteral("force"),
         QStringLiteral(
             "restore: replace an existing database and PKI (moved aside); "
             "certificates delete: even while devices use it; web-certificates "
             "assign: even under a root enrolled devices do not trust; ca activate-root, "
             "retire-old: even while devices need the old one.")},
        {QStringLiteral("names"),
         QStringLiteral("web-certificates create: comma-separated FQDNs and IP addresses."),
         QStringLiteral("LIST")},
        {QStringLiteral("key"),
         QStringLiteral("web-certificates import: the PEM private key of a PEM chain."),
         QStringLiteral("FILE")},
    });
    parser.addPositionalArgument(QStringLiteral("command"), QStringLiteral("What to do."));
}

int exitCodeFor(const Error& error)
{
    switch (error.code) {
    case ErrorCode::InvalidConfig:
        return ExitConfig;
    case ErrorCode::InvalidArgument:
        return ExitUsage;
    default:
        return ExitFailure;
    }
}

// Returns the command's result, or a usage problem as Usage.
std::variant<Result<void>, Usage> dispatch(const QCommandLineParser& parser, AdminContext& context)
{
    const QStringList args = parser.positionalArguments();
    const QString command = args.value(0);
    const auto arity = [&](int count) { return args.size() == count; };
    const auto value = [&](const QString& name) { return parser.value(name); };
    if ((command == QLatin1String("create-admin") || command == QLatin1String("reset-password"))
        && arity(1)) {
        if (value(QStringLiteral("user")).isEmpty()) {
            return Usage{command + QStringLiteral(" needs --user NAME")};
        }
        return command == QLatin1String("create-admin")
                   ? createAdmin(context, value(QStringLiteral("user")))
                   : resetPassword(context, value(QStringLiteral("user")));
    }
    if (command == QLatin1String("enrollment-token") && arity(1)) {
        return createEnrollmentToken(context, value(QStringLiteral("folder")),
                                     value(QStringLiteral("ttl")));
    }
    if (command == QLatin1String("status") && arity(1)) {
        return status(context);
    }
    if (command == QLatin1String("datasource") && arity(2)) {
        if (args[1] == QLatin1String("show")) {
            return showDataSource(context);
        }
        if (args[1] == QLatin1String("test")) {
            return testDataSource(context);
        }
        if (args[1] == QLatin1String("copy")) {
            if (value(QStringLiteral("to-config")).isEmpty()) {
                return Usage{QStringLiteral("datasource copy needs --to-config FILE")};
            }
            return copyDataSource(context, value(QStringLiteral("to-config")));
        }
    }
    if (command == QLatin1String("certificates") && args.size() >= 2) {
        if (args[1] == QLatin1String("list") && arity(2)) {
            return listCertificates(context);
        }
        if (args[1] == QLatin1String("show") && arity(3)) {
            return showCertificate(context, args[2]);
        }
        if (args[1] == QLatin1String("export") && arity(3)) {
            return exportCertificate(context, args[2], parser.isSet(QStringLiteral("der")));
        }
        if (args[1] == QLatin1String("generate") && arity(3)) {
            return generateCertificate(context, args[2], value(QStringLiteral("key-spec")));
        }
        if (args[1] == QLatin1String("import") && arity(3)) {
            return importCertificate(context, args[2],
                                     {value(QStringLiteral("certificate")),
                                      value(QStringLiteral("key")),
                                      value(QStringLiteral("pkcs12"))});
        }
        const QStringList changes{QStringLiteral("activate"), QStringLiteral("deactivate"),
                                  QStringLiteral("delete")};
        if (changes.contains(args[1]) && arity(3)) {
            return changeCertificate(context, args[1], args[2],
                                     parser.isSet(QStringLiteral("force")));
        }
        if (args[1] == QLatin1String("move") && arity(4)
            && (args[3] == QLatin1String("up") || args[3] == QLatin1String("down"))) {
            return changeCertificate(context, args[3], args[2], false);
        }
    }
    if (command == QLatin1String("web-certificates") && args.size() >= 2) {
        if (args[1] == QLatin1String("list") && arity(2)) {
            return listWebCertificates(context);
        }
        if (args[1] == QLatin1String("create") && arity(3)) {
            if (value(QStringLiteral("names")).isEmpty()) {
                return Usage{QStringLiteral("web-certificates create needs --names N1,N2")};
            }
            return createWebCertificate(context, args[2], value(QStringLiteral("names")),
                                        value(QStringLiteral("key-spec")));
        }
        if (args[1] == QLatin1String("import") && arity(4)) {
            return importWebCertificate(context, args[2], args[3], value(QStringLiteral("key")));
        }
        if (args[1] == QLatin1String("assign") && arity(3)) {
            return assignWebCertificate(context, args[2], parser.isSet(QStringLiteral("force")));
        }
    }
    const QStringList caActions{QStringLiteral("status"), QStringLiteral("renew-root"),
                                QStringLiteral("renew-device-ca"), QStringLiteral("activate-root"),
                                QStringLiteral("retire-old")};
    if (command == QLatin1String("ca") && arity(2) && caActions.contains(args[1])) {
        return caCommand(context, args[1], parser.isSet(QStringLiteral("force")));
    }
    if (command == QLatin1String("backup") && arity(2)) {
        return backup(context, args[1], parser.isSet(QStringLiteral("encrypt")));
    }
    if (command == QLatin1String("restore") && arity(2)) {
        return restore(context, args[1], parser.isSet(QStringLiteral("force")));
    }
    if (command.isEmpty()) {
        return Usage{QStringLiteral("no command given; see --help")};
    }
    return Usage{QStringLiteral("unknown command or wrong arguments: \"%1\"; see --help")
                     .arg(args.join(QLatin1Char(' ')))};
}

} // namespace

int runAdminCommand(const QStringList& arguments, QIODevice& input, QTextStream& out,
                    QTextStream& err, const QProcessEnvironment& environment,
                    const AdminOptions& options)
{
    QCommandLineParser parser;
    addOptions(parser);
    const auto fail = [&](int code, const QString& message) {
        err << QStringLiteral("steward-admin: ") << message << Qt::endl;
        return code;
    };
    if (!parser.parse(arguments)) {
        return fail(ExitUsage, parser.errorText());
    }
    if (parser.isSet(QStringLiteral("help"))) {
        out << parser.helpText() << Qt::flush;
        return ExitOk;
    }
    if (parser.isSet(QStringLiteral("version"))) {
        out << versionText() << Qt::endl;
        return ExitOk;
    }
    const QString dataDir = parser.value(QStringLiteral("data-dir"));
    if (dataDir.isEmpty()) {
        return fail(ExitUsage, QStringLiteral("--data-dir DIR is required (the server's data "
                                              "directory)"));
    }
    const QString configPath = parser.value(QStringLiteral("config"));
    auto settings = loadServerSettings(configPath, QDir(dataDir).absolutePath());
    if (!settings) {
        return fail(ExitConfig, settings.error().message);
    }
    SecretSource secrets(input, environment);
    AdminContext context{std::move(*settings), configPath, secrets, out, err, options};
    auto outcome = dispatch(parser, context);
    out.flush();
    if (const auto* usage = std::get_if<Usage>(&outcome)) {
        return fail(ExitUsage, usage->message);
    }
    const auto& result = std::get<Result<void>>(outcome);
    if (!result) {
        return fail(exitCodeFor(result.error()), result.error().message);
    }
    return ExitOk;
}

} // namespace steward::server::admin
