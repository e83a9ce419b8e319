#include "serve.h"

#include "specloader.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFileInfo>
#include <QTranslator>

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(MocketCli)
};

enum ExitCode { Ok = 0, ConfigInvalid = 1, Usage = 2 };

int check(const QString &path)
{
    const LoadResult result = SpecLoader::loadFile(path);
    for (const Diagnostic &d : result.diagnostics)
        printErr(d.toString());
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
        + Tr::tr(", %n warning(s)", nullptr, warnings));
    return Ok;
}

bool parseHost(const QString &text, QHostAddress *address)
{
    if (text.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0) {
        *address = QHostAddress::LocalHost;
        return true;
    }
    QString t = text;
    if (t.startsWith(QLatin1Char('[')) && t.endsWith(QLatin1Char(']')))
        t = t.mid(1, t.size() - 2);
    return address->setAddress(t);
}

bool parsePort(const QString &text, quint16 *port)
{
    bool ok = false;
    const uint value = text.toUInt(&ok);
    if (!ok || value > 65535)
        return false;
    *port = quint16(value);
    return true;
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

    QCommandLineParser parser;
    parser.setApplicationDescription(
        Tr::tr("Serves WebSocket mocks from a YAML file in Moclojer's format.\n\n"
               "Commands:\n"
               "  serve CONFIG   serve the mocks (default host 127.0.0.1, port 8000;\n"
               "                 env HOST and PORT are honoured, flags win)\n"
               "  check CONFIG   validate the file and print its problems"));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption configOption({ QStringLiteral("c"), QStringLiteral("config") },
                                          Tr::tr("The YAML config to use."), Tr::tr("CONFIG"));
    const QCommandLineOption hostOption(QStringLiteral("host"),
                                        Tr::tr("Address to listen on (default 127.0.0.1)."),
                                        Tr::tr("HOST"));
    const QCommandLineOption portOption(
        QStringLiteral("port"), Tr::tr("Port to listen on; 0 picks a free one (default 8000)."),
        Tr::tr("PORT"));
    const QCommandLineOption watchOption(QStringLiteral("watch"),
                                         Tr::tr("Reload the config when the file changes."));
    const QCommandLineOption logOption(QStringLiteral("log"),
                                       Tr::tr("Append every event as a JSON line to FILE."),
                                       Tr::tr("FILE"));
    const QCommandLineOption quietOption({ QStringLiteral("q"), QStringLiteral("quiet") },
                                         Tr::tr("Print no line per event."));
    const QCommandLineOption maxSizeOption(
        QStringLiteral("max-message-size"),
        Tr::tr("Largest message accepted, in bytes (default 16 MiB); "
               "a larger one closes its connection with 1009."),
        Tr::tr("BYTES"));
    const QCommandLineOption maxConnectionsOption(
        QStringLiteral("max-connections"),
        Tr::tr("Most clients served at once (default: no limit); more get HTTP 503."),
        Tr::tr("COUNT"));
    const QCommandLineOption originOption(
        QStringLiteral("allowed-origin"),
        Tr::tr(
            "Accept browser handshakes only from this Origin (repeatable), e.g. "
            "http://localhost:3000; others get HTTP 403. Clients without an Origin are accepted."),
        Tr::tr("ORIGIN"));
    const QCommandLineOption tlsCertOption(
        QStringLiteral("tls-cert"), Tr::tr("Serve wss:// with this PEM certificate (chain)."),
        Tr::tr("FILE"));
    const QCommandLineOption tlsKeyOption(
        QStringLiteral("tls-key"), Tr::tr("The PEM private key of --tls-cert."), Tr::tr("FILE"));
    parser.addOptions({ configOption, hostOption, portOption, watchOption, logOption, quietOption,
                        maxSizeOption, maxConnectionsOption, originOption, tlsCertOption,
                        tlsKeyOption });
    parser.addPositionalArgument(QStringLiteral("command"), Tr::tr("serve or check"));
    parser.addPositionalArgument(QStringLiteral("config"), Tr::tr("The YAML config."),
                                 QStringLiteral("[CONFIG]"));
    parser.process(app);

    QStringList args = parser.positionalArguments();
    QString command;
    if (!args.isEmpty()
        && (args.first() == QLatin1String("serve") || args.first() == QLatin1String("check")))
        command = args.takeFirst();
    else if (!args.isEmpty() || parser.isSet(configOption))
        command = QStringLiteral("serve");
    if (command.isEmpty()) {
        printErr(
            Tr::tr("mocket-cli: a command is needed: serve CONFIG or check CONFIG (see --help)"));
        return Usage;
    }
    QString config = parser.value(configOption);
    if (config.isEmpty() && !args.isEmpty())
        config = args.takeFirst();
    if (config.isEmpty()) {
        printErr(Tr::tr("mocket-cli %1: which config? Give a file, e.g. mocket-cli %1 mocks.yml")
                     .arg(command));
        return Usage;
    }
    if (!args.isEmpty()) {
        printErr(Tr::tr("mocket-cli: unexpected argument '%1'").arg(args.first()));
        return Usage;
    }

    if (command == QLatin1String("check"))
        return check(config);

    ServeOptions options;
    options.configPath = config;
    const QString host = parser.isSet(hostOption) ? parser.value(hostOption)
                                                  : qEnvironmentVariable("HOST", options.host);
    if (!parseHost(host, &options.address)) {
        printErr(
            Tr::tr("mocket-cli: invalid host '%1' (use an IP address such as 127.0.0.1 or 0.0.0.0)")
                .arg(host));
        return Usage;
    }
    options.host = host;
    const QString port = parser.isSet(portOption)
        ? parser.value(portOption)
        : qEnvironmentVariable("PORT", QStringLiteral("8000"));
    if (!parsePort(port, &options.port)) {
        printErr(Tr::tr("mocket-cli: invalid port '%1' (0 to 65535)").arg(port));
        return Usage;
    }
    if (parser.isSet(maxSizeOption)) {
        bool ok = false;
        options.maxMessageSize = parser.value(maxSizeOption).toLongLong(&ok);
        if (!ok || options.maxMessageSize <= 0) {
            printErr(Tr::tr("mocket-cli: invalid --max-message-size '%1'")
                         .arg(parser.value(maxSizeOption)));
            return Usage;
        }
    }
    if (parser.isSet(maxConnectionsOption)) {
        bool ok = false;
        options.maxConnections = parser.value(maxConnectionsOption).toInt(&ok);
        if (!ok || options.maxConnections < 0) {
            printErr(Tr::tr("mocket-cli: invalid --max-connections '%1'")
                         .arg(parser.value(maxConnectionsOption)));
            return Usage;
        }
    }
    options.allowedOrigins = parser.values(originOption);
    options.tlsCertificate = parser.value(tlsCertOption);
    options.tlsKey = parser.value(tlsKeyOption);
    options.watch = parser.isSet(watchOption);
    options.quiet = parser.isSet(quietOption);
    options.logPath = parser.value(logOption);

    ServeCommand serve(options);
    QObject::connect(&serve, &ServeCommand::finished, &app, &QCoreApplication::exit);
    const int early = serve.start();
    if (early >= 0)
        return early;
    return app.exec();
}
