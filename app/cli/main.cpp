#include "generate.h"
#include "record.h"
#include "serve.h"

#include "specloader.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFileInfo>
#include <QTranslator>

#include <limits>

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(MocketCli)
};

enum ExitCode { Ok = 0, ConfigInvalid = 1, Usage = 2 };

enum class Strictness { WarningsPass, WarningsFail };

int check(const QString &path, Strictness strictness)
{
    const LoadResult result = SpecLoader::loadFile(path);
    for (const Diagnostic &diagnostic : result.diagnostics)
        printErr(diagnostic.toString());
    const int errors = countErrors(result.diagnostics);
    const int warnings = int(result.diagnostics.size()) - errors;
    if (!result.ok()) {
        printErr(Tr::tr("%1: invalid: %n error(s)", nullptr, errors).arg(path));
        return ConfigInvalid;
    }
    const MockSpec &spec = *result.spec;
    printOut(
        Tr::tr("%1: OK: %n websocket endpoint(s)", nullptr, int(spec.endpoints.size())).arg(path)
        + Tr::tr(", %n rule(s)", nullptr, spec.ruleCount())
        + (spec.httpEndpoints.isEmpty()
               ? QString()
               : Tr::tr(", %n HTTP endpoint(s)", nullptr, int(spec.httpEndpoints.size())))
        + Tr::tr(", %n warning(s)", nullptr, warnings));
    if (strictness == Strictness::WarningsFail && warnings > 0) {
        printErr(Tr::tr("%1: fails --strict: %n warning(s)", nullptr, warnings).arg(path));
        return ConfigInvalid;
    }
    return Ok;
}

// The command line's options, made once.
struct Flags
{
    QCommandLineOption config { { QStringLiteral("c"), QStringLiteral("config") },
                                Tr::tr("The YAML config to use."),
                                Tr::tr("CONFIG") };
    QCommandLineOption host { QStringLiteral("host"),
                              Tr::tr("Address to listen on (default 127.0.0.1)."), Tr::tr("HOST") };
    QCommandLineOption port { QStringLiteral("port"),
                              Tr::tr("Port to listen on; 0 picks a free one (default 8000)."),
                              Tr::tr("PORT") };
    QCommandLineOption watch { QStringLiteral("watch"),
                               Tr::tr("Reload the config when the file changes.") };
    QCommandLineOption log { QStringLiteral("log"),
                             Tr::tr("Append every event as a JSON line to FILE."), Tr::tr("FILE") };
    QCommandLineOption quiet { { QStringLiteral("q"), QStringLiteral("quiet") },
                               Tr::tr("Print no line per event.") };
    QCommandLineOption maxSize { QStringLiteral("max-message-size"),
                                 Tr::tr("Largest message accepted, in bytes (default 16 MiB); "
                                        "a larger one closes its connection with 1009."),
                                 Tr::tr("BYTES") };
    QCommandLineOption maxConnections {
        QStringLiteral("max-connections"),
        Tr::tr("Most clients served at once (default: no limit); more get HTTP 503."),
        Tr::tr("COUNT")
    };
    QCommandLineOption maxPending {
        QStringLiteral("max-pending-bytes"),
        Tr::tr("Most bytes waiting for one client (default 64 MiB): replies it does not read, "
               "delayed replies, messages not yet answered; beyond it the client is dropped."),
        Tr::tr("BYTES")
    };
    QCommandLineOption maxTotalPending {
        QStringLiteral("max-total-pending-bytes"),
        Tr::tr("Most bytes waiting for all clients together (default 512 MiB); beyond it the "
               "client holding the most is dropped."),
        Tr::tr("BYTES")
    };
    QCommandLineOption origin {
        QStringLiteral("allowed-origin"),
        Tr::tr(
            "Accept browser handshakes only from this Origin (repeatable), e.g. "
            "http://localhost:3000; others get HTTP 403. Clients without an Origin are accepted."),
        Tr::tr("ORIGIN")
    };
    QCommandLineOption tlsCert { QStringLiteral("tls-cert"),
                                 Tr::tr("Serve wss:// with this PEM certificate (chain)."),
                                 Tr::tr("FILE") };
    QCommandLineOption tlsKey { QStringLiteral("tls-key"),
                                Tr::tr("The PEM private key of --tls-cert."), Tr::tr("FILE") };
    QCommandLineOption maxBody { QStringLiteral("max-body-size"),
                                 Tr::tr("Largest HTTP request body accepted, in bytes (default "
                                        "16 MiB); a larger one gets HTTP 413."),
                                 Tr::tr("BYTES") };
    QCommandLineOption control { QStringLiteral("control"),
                                 Tr::tr(
                                     "Serve the control API under /__mocket/ (health, "
                                     "connections, the message journal, send, close, config).") };
    QCommandLineOption controlToken {
        QStringLiteral("control-token"),
        Tr::tr("Every control API call must send Authorization: Bearer TOKEN (required with "
               "--control beyond 127.0.0.1)."),
        Tr::tr("TOKEN")
    };
    QCommandLineOption journalSize { QStringLiteral("journal-size"),
                                     Tr::tr("Frames the control API's journal keeps (default "
                                            "100000); older ones are dropped and counted."),
                                     Tr::tr("COUNT") };
    QCommandLineOption failOnUnmatched {
        QStringLiteral("fail-on-unmatched"),
        Tr::tr("run: fail (exit 1) and list them when any client frame matched no rule.")
    };
    QCommandLineOption expect { QStringLiteral("expect"),
                                Tr::tr("run: a YAML file of expectations the traffic must meet."),
                                Tr::tr("FILE") };
    QCommandLineOption report { QStringLiteral("report"),
                                Tr::tr("run: write a JUnit XML report to FILE."), Tr::tr("FILE") };
    QCommandLineOption summary { QStringLiteral("summary"),
                                 Tr::tr("run: write a Markdown summary to FILE."), Tr::tr("FILE") };
    QCommandLineOption strict { QStringLiteral("strict"),
                                Tr::tr("check: fail (exit 1) when the config has warnings.") };
    QCommandLineOption output { { QStringLiteral("o"), QStringLiteral("output") },
                                Tr::tr("generate: write the mocks to FILE (default: stdout)."),
                                Tr::tr("FILE") };
    QCommandLineOption upstream { QStringLiteral("upstream"),
                                  Tr::tr("record: the real server to relay to (ws:// or wss://)."),
                                  Tr::tr("URL") };
    QCommandLineOption out { QStringLiteral("out"),
                             Tr::tr("record: the session file to write (JSON lines)."),
                             Tr::tr("FILE") };
    QCommandLineOption noCors { QStringLiteral("no-cors"),
                                Tr::tr("Do not answer CORS preflights nor add "
                                       "Access-Control-Allow-Origin to HTTP responses.") };

    QList<QCommandLineOption> all() const
    {
        return { config,  host,         port,           watch,           log,
                 quiet,   maxSize,      maxConnections, maxPending,      maxTotalPending,
                 origin,  tlsCert,      tlsKey,         maxBody,         noCors,
                 control, controlToken, journalSize,    failOnUnmatched, expect,
                 report,  summary,      strict,         output,          upstream,
                 out };
    }
};

void setUpParser(QCommandLineParser *parser, const Flags &flags)
{
    parser->setApplicationDescription(
        Tr::tr("Serves WebSocket and HTTP mocks from a YAML file in Moclojer's format.\n\n"
               "Commands:\n"
               "  serve CONFIG   serve the mocks (default host 127.0.0.1, port 8000;\n"
               "                 env HOST and PORT are honoured, flags win)\n"
               "  check CONFIG   validate the file and print its problems (--strict:\n"
               "                 exit 1 on warnings too)\n"
               "  run CONFIG -- COMMAND [ARGS...]\n"
               "                 serve (port 0 unless given), run the command with MOCKET_URL,\n"
               "                 MOCKET_HTTP_URL (and MOCKET_CONTROL_URL) set, stop, and exit\n"
               "                 with its code (1 when --fail-on-unmatched or --expect fail)\n"
               "  verify CONFIG LOG.jsonl\n"
               "                 the same verdicts and reports from a --log file\n"
               "  generate SESSION [-o mocks.yml]\n"
               "                 mocks from a recorded session (a --log file or a HAR file)\n"
               "  record --upstream URL --out SESSION.jsonl\n"
               "                 relay every path to the real server and record the traffic"));
    parser->addHelpOption();
    parser->addVersionOption();
    parser->addOptions(flags.all());
    parser->addPositionalArgument(QStringLiteral("command"), Tr::tr("serve, check or run"));
    parser->addPositionalArgument(QStringLiteral("config"), Tr::tr("The YAML config."),
                                  QStringLiteral("[CONFIG]"));
}

// The command and its config from the positional arguments (or --config); Usage, with a
// message, when they do not fit.
int readCommand(const QCommandLineParser &parser, const Flags &flags, QString *command,
                QString *config, QStringList *rest)
{
    QStringList args = parser.positionalArguments();
    static const QStringList commands
        = { QStringLiteral("serve"), QStringLiteral("check"), QStringLiteral("run"),
            QStringLiteral("verify"), QStringLiteral("generate") };
    if (!args.isEmpty() && commands.contains(args.first()))
        *command = args.takeFirst();
    else if (!args.isEmpty() || parser.isSet(flags.config))
        *command = QStringLiteral("serve");
    if (command->isEmpty()) {
        printErr(
            Tr::tr("mocket-cli: a command is needed: serve CONFIG or check CONFIG (see --help)"));
        return Usage;
    }
    *config = parser.value(flags.config);
    if (config->isEmpty() && !args.isEmpty())
        *config = args.takeFirst();
    if (config->isEmpty() && *command == QLatin1String("generate")) {
        printErr(Tr::tr("mocket-cli generate: which session? Give a file, e.g. mocket-cli "
                        "generate session.jsonl -o mocks.yml"));
        return Usage;
    }
    if (config->isEmpty()) {
        printErr(Tr::tr("mocket-cli %1: which config? Give a file, e.g. mocket-cli %1 mocks.yml")
                     .arg(*command));
        return Usage;
    }
    if (!args.isEmpty() && *command != QLatin1String("run")
        && *command != QLatin1String("verify")) {
        printErr(Tr::tr("mocket-cli: unexpected argument '%1'").arg(args.first()));
        return Usage;
    }
    *rest = args;
    return Ok;
}

// The flags `run` and `verify` judge a run by.
void readVerification(const QCommandLineParser &parser, const Flags &flags, RunOptions *options)
{
    options->failOnUnmatched = parser.isSet(flags.failOnUnmatched);
    options->expectPath = parser.value(flags.expect);
    options->reportPath = parser.value(flags.report);
    options->summaryPath = parser.value(flags.summary);
}

// `verify CONFIG LOG`: the verdicts of a run from its --log file.
int verify(const QCommandLineParser &parser, const Flags &flags, const QString &config,
           const QStringList &rest)
{
    if (rest.size() != 1) {
        printErr(Tr::tr("mocket-cli verify: give the config and the --log file, e.g. mocket-cli "
                        "verify mocks.yml mocket-events.jsonl"));
        return Usage;
    }
    RunOptions options;
    readVerification(parser, flags, &options);
    return verifyLog(options, config, rest.first());
}

// `run`: the command after "--" (the parser hands it over as positional arguments) and the
// verification flags; the port is 0 unless given.
int readRunOptions(const QCommandLineParser &parser, const Flags &flags, const QStringList &rest,
                   ServeOptions *options)
{
    if (rest.isEmpty() || !QCoreApplication::arguments().contains(QStringLiteral("--"))) {
        printErr(Tr::tr("mocket-cli run: give the test command after --, e.g. mocket-cli run "
                        "mocks.yml -- npm test"));
        return Usage;
    }
    options->run.command = rest;
    readVerification(parser, flags, &options->run);
    if (!parser.isSet(flags.port) && qEnvironmentVariableIsEmpty("PORT"))
        options->server.port = 0;
    return Ok;
}

// Host and port: flags, else the HOST and PORT environment variables, else the defaults.
int readListenAddress(const QCommandLineParser &parser, const Flags &flags, ServerOptions *options)
{
    const QString host = parser.isSet(flags.host) ? parser.value(flags.host)
                                                  : qEnvironmentVariable("HOST", options->host);
    if (!options->setHost(host)) {
        printErr(
            Tr::tr("mocket-cli: invalid host '%1' (use an IP address such as 127.0.0.1 or 0.0.0.0)")
                .arg(host));
        return Usage;
    }
    const QString port = parser.isSet(flags.port)
        ? parser.value(flags.port)
        : qEnvironmentVariable("PORT", QStringLiteral("8000"));
    if (!ServerOptions::parsePort(port, &options->port)) {
        printErr(Tr::tr("mocket-cli: invalid port '%1' (0 to 65535)").arg(port));
        return Usage;
    }
    return Ok;
}

// A number option, when given: at least `minimum`, else Usage with a message.
template<typename Number>
int readNumber(const QCommandLineParser &parser, const QCommandLineOption &option, Number minimum,
               Number *out)
{
    if (!parser.isSet(option))
        return Ok;
    bool ok = false;
    const qint64 value = parser.value(option).toLongLong(&ok);
    if (!ok || value < qint64(minimum) || value > qint64(std::numeric_limits<Number>::max())) {
        printErr(Tr::tr("mocket-cli: invalid --%1 '%2'")
                     .arg(option.names().constLast(), parser.value(option)));
        return Usage;
    }
    *out = Number(value);
    return Ok;
}

int readLimits(const QCommandLineParser &parser, const Flags &flags, ServerOptions *options)
{
    if (const int failed = readNumber(parser, flags.maxSize, qint64(1), &options->maxMessageSize))
        return failed;
    if (const int failed = readNumber(parser, flags.maxConnections, 0, &options->maxConnections))
        return failed;
    if (const int failed = readNumber(parser, flags.maxBody, qint64(0), &options->maxBodySize))
        return failed;
    if (const int failed
        = readNumber(parser, flags.maxPending, qint64(1), &options->maxPendingBytes))
        return failed;
    if (const int failed
        = readNumber(parser, flags.maxTotalPending, qint64(1), &options->maxTotalPendingBytes))
        return failed;
    return readNumber(parser, flags.journalSize, qsizetype(1), &options->journalCapacity);
}

int readServeOptions(const QCommandLineParser &parser, const Flags &flags, ServeOptions *options)
{
    if (const int failed = readListenAddress(parser, flags, &options->server))
        return failed;
    if (const int failed = readLimits(parser, flags, &options->server))
        return failed;
    options->server.allowedOrigins = parser.values(flags.origin);
    options->server.cors = !parser.isSet(flags.noCors);
    options->server.control = parser.isSet(flags.control);
    options->server.controlToken = parser.value(flags.controlToken);
    if (const QString problem = options->server.controlProblem(); !problem.isEmpty()) {
        printErr(QStringLiteral("mocket-cli: ") + problem);
        return Usage;
    }
    options->server.tlsCertificate = parser.value(flags.tlsCert);
    options->server.tlsKey = parser.value(flags.tlsKey);
    if (options->server.tlsCertificate.isEmpty() != options->server.tlsKey.isEmpty()) {
        printErr(Tr::tr("mocket-cli: --tls-cert and --tls-key go together: give both"));
        return Usage;
    }
    options->watch = parser.isSet(flags.watch);
    options->quiet = parser.isSet(flags.quiet);
    options->logPath = parser.value(flags.log);
    return Ok;
}
// `record --upstream URL --out FILE [--host H] [--port N] [--quiet]`.
int readRecordOptions(const QCommandLineParser &parser, const Flags &flags, RecordOptions *options)
{
    if (parser.positionalArguments().size() > 1) {
        printErr(
            Tr::tr("mocket-cli: unexpected argument '%1'").arg(parser.positionalArguments().at(1)));
        return Usage;
    }
    options->upstream = QUrl(parser.value(flags.upstream));
    const QString scheme = options->upstream.scheme();
    if (!options->upstream.isValid() || options->upstream.host().isEmpty()
        || (scheme != QLatin1String("ws") && scheme != QLatin1String("wss"))) {
        printErr(Tr::tr("mocket-cli record: give the real server as --upstream ws://HOST:PORT (or "
                        "wss://)"));
        return Usage;
    }
    options->outPath = parser.value(flags.out);
    if (options->outPath.isEmpty()) {
        printErr(Tr::tr("mocket-cli record: give the session file, e.g. --out session.jsonl"));
        return Usage;
    }
    options->quiet = parser.isSet(flags.quiet);
    return readListenAddress(parser, flags, &options->server);
}

int record(QCoreApplication *app, const QCommandLineParser &parser, const Flags &flags)
{
    RecordOptions options;
    if (const int failed = readRecordOptions(parser, flags, &options))
        return failed;
    RecordCommand command(options);
    QObject::connect(&command, &RecordCommand::finished, app, &QCoreApplication::exit);
    const int early = command.start();
    return early >= 0 ? early : app->exec();
}
} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("mocket-cli"));
    QCoreApplication::setApplicationVersion(QStringLiteral(MOCKET_VERSION));
    QTranslator plurals; // "1 endpoint", "2 endpoints"
    if (plurals.load(QStringLiteral(":/i18n/mocket_en.qm")))
        QCoreApplication::installTranslator(&plurals);

    const Flags flags;
    QCommandLineParser parser;
    setUpParser(&parser, flags);
    parser.process(app);

    if (parser.positionalArguments().value(0) == QLatin1String("record"))
        return record(&app, parser, flags);
    QString command;
    ServeOptions options;
    QStringList rest;
    if (const int failed = readCommand(parser, flags, &command, &options.configPath, &rest))
        return failed;
    if (command == QLatin1String("check"))
        return check(options.configPath,
                     parser.isSet(flags.strict) ? Strictness::WarningsFail
                                                : Strictness::WarningsPass);
    if (command == QLatin1String("verify"))
        return verify(parser, flags, options.configPath, rest);
    if (command == QLatin1String("generate"))
        return generateMocks(options.configPath, parser.value(flags.output));
    if (const int failed = readServeOptions(parser, flags, &options))
        return failed;
    if (command == QLatin1String("run"))
        if (const int failed = readRunOptions(parser, flags, rest, &options))
            return failed;

    ServeCommand serve(options);
    QObject::connect(&serve, &ServeCommand::finished, &app, &QCoreApplication::exit);
    const int early = serve.start();
    if (early >= 0)
        return early;
    return app.exec();
}
