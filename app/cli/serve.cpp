#include "serve.h"

#include "configwatch.h"
#include "consolewriter.h"
#include "eventtext.h"
#include "specloader.h"
#include "stopsignals.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>

#include <cstdio>

namespace {

QString endpointList(const MockSpec &spec)
{
    QStringList paths;
    for (const Endpoint &endpoint : spec.endpoints)
        paths.append(endpoint.path.text());
    return paths.join(QStringLiteral(", "));
}

QString httpRouteList(const MockSpec &spec)
{
    QStringList routes;
    for (const HttpEndpoint &endpoint : spec.httpEndpoints)
        routes.append(endpoint.label());
    return routes.join(QStringLiteral(", "));
}
} // namespace

QByteArray consoleBytes(const QString &line)
{
    return EventText::visible(line).toUtf8();
}

void printOut(const QString &line)
{
    const QByteArray bytes = consoleBytes(line) + '\n';
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stdout);
    std::fflush(stdout);
}

void printErr(const QString &line)
{
    const QByteArray bytes = consoleBytes(line) + '\n';
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stderr);
    std::fflush(stderr);
}

ServeCommand::ServeCommand(ServeOptions options, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
{
    connect(&m_loader, &AsyncSpecLoader::loaded, this, &ServeCommand::applyReload);
}

ServeCommand::~ServeCommand() = default;

int ServeCommand::start()
{
    QFile file(m_options.configPath);
    if (!file.open(QIODevice::ReadOnly)) {
        printErr(tr("%1: error: cannot open the file: %2")
                     .arg(m_options.configPath, file.errorString()));
        return 1;
    }
    m_lastData = file.readAll();
    if (!m_options.run.command.isEmpty()) {
        m_run = std::make_unique<CommandRun>(m_options.run);
        if (!m_run->loadExpectations())
            return 2;
    }
    const LoadResult result = SpecLoader::loadData(m_lastData, m_options.configPath);
    for (const Diagnostic &diagnostic : result.diagnostics)
        printErr(diagnostic.toString());
    if (!result.ok()) {
        printErr(tr("%1: not served: fix the errors above").arg(m_options.configPath));
        return 1;
    }
    if (const int failed = startServing(result.spec))
        return failed;

    if (isAllInterfaces(m_options.server.address))
        printErr(tr("warning: listening on all interfaces (%1): other machines can reach this mock")
                     .arg(m_options.server.host));
    catchSignals();
    printReady(*result.spec);

    connect(&m_server, &MockServer::stopped, this, [this] {
        m_log.close();
        if (const QString lost = m_log.summary(); !lost.isEmpty())
            printErr(QStringLiteral("mocket-cli: ") + lost);
        m_console.reset(); // its lines before the verdicts
        emit finished(m_run ? m_run->finish(m_options.configPath) : 0);
    });
    if (m_options.watch) {
        m_watch = new ConfigWatch(m_options.configPath, this);
        connect(m_watch, &ConfigWatch::settled, this, &ServeCommand::reload);
    }
    m_console = std::make_unique<ConsoleWriter>(stdout);
    return m_run ? startCommand() : -1;
}

int ServeCommand::startCommand()
{
    connect(m_run.get(), &CommandRun::commandFinished, this, [this] {
        if (!m_server.isStopping())
            m_server.stop();
    });
    if (!m_run->start(m_options.server, m_server)) // the exit code comes with stopped(): 127
        QTimer::singleShot(0, &m_server, &MockServer::stop);
    return -1;
}

int ServeCommand::startServing(const MockSpecPtr &spec)
{
    if (!m_options.logPath.isEmpty() && !m_log.open(m_options.logPath)) {
        printErr(m_log.errorString());
        return 2;
    }
    connect(&m_log, &EventLogWriter::problem, this,
            [](const QString &message) { printErr(QStringLiteral("mocket-cli: ") + message); });
    if (!m_options.quiet || !m_options.logPath.isEmpty() || m_run)
        connect(&m_server, &MockServer::trafficEvent, this, &ServeCommand::onEvent);
    QString error;
    if (!m_server.applyOptions(m_options.server, &error)) { // the TLS files cannot be served
        printErr(QStringLiteral("mocket-cli: ") + error);
        return 3;
    }
    m_server.setSpec(spec);
    if (!m_server.start(m_options.server.address, m_options.server.port)) {
        printErr(m_server.errorString());
        return 3;
    }
    return 0;
}

void ServeCommand::catchSignals()
{
    connect(new StopSignals(this), &StopSignals::received, this, &ServeCommand::onSignal);
}

void ServeCommand::printReady(const MockSpec &spec)
{
    printOut(tr("Mocket serving %1 on %2 (%n endpoint(s): %3)", nullptr, int(spec.endpoints.size()))
                 .arg(QFileInfo(m_options.configPath).fileName(), m_options.server.urlOf(m_server),
                      endpointList(spec)));
    if (m_options.server.control)
        printOut(tr("Control API on %1/__mocket/%2")
                     .arg(m_options.server.urlOf(m_server, ServerOptions::Scheme::Http),
                          m_options.server.controlToken.isEmpty()
                              ? QString()
                              : tr(" (Authorization: Bearer TOKEN)")));
    if (!spec.httpEndpoints.isEmpty())
        printOut(tr("HTTP on %1 (%n route(s): %2)", nullptr, int(spec.httpEndpoints.size()))
                     .arg(m_options.server.urlOf(m_server, ServerOptions::Scheme::Http),
                          httpRouteList(spec)));
}

void ServeCommand::printLine(const QString &line)
{
    if (m_console)
        m_console->write(consoleBytes(line));
    else
        printOut(line);
}

void ServeCommand::onEvent(const TrafficEvent &event)
{
    if (m_run)
        m_run->tally(event,
                     event.kind == TrafficEvent::Kind::Opened
                         ? m_server.endpointPathOf(event.connectionId)
                         : QString());
    if (!m_options.quiet)
        printLine(event.toLine());
    m_log.write(event);
}

void ServeCommand::onSignal()
{
    if (m_server.isStopping())
        return;
    if (m_run) { // the command first: the server stops once it has ended
        m_run->terminate();
        return;
    }
    if (!m_options.quiet)
        printLine(tr("Stopping: closing %n connection(s)", nullptr, m_server.connectionCount()));
    m_server.stop();
}

void ServeCommand::reload()
{
    m_loader.loadFile(m_options.configPath, m_lastData);
}

void ServeCommand::applyReload(const SpecLoadOutcome &outcome)
{
    if (m_watch->hasUnsettledChange())
        return; // the file changed while it was read: its settled state is loaded next
    if (!outcome.readable || outcome.unchanged)
        return; // mid-replace, or touched only; the next change notification tries again
    m_lastData = outcome.data;
    const LoadResult &result = outcome.result;
    for (const Diagnostic &diagnostic : result.diagnostics)
        printErr(diagnostic.toString());
    if (!result.ok()) {
        printErr(
            tr("%1: reload failed; still serving the last good config").arg(m_options.configPath));
        return;
    }
    if (result.spec->endpoints.isEmpty() && !m_server.spec()->endpoints.isEmpty()) {
        // Most likely an editor caught between truncating and writing the file.
        printErr(tr("%1: reload skipped: the file defines no endpoints; still serving the last "
                    "good config")
                     .arg(m_options.configPath));
        return;
    }
    MockSpecPtr replaced = m_server.spec();
    m_server.setSpec(result.spec);
    m_loader.dispose(std::move(replaced));
    if (!m_options.quiet)
        printLine(
            tr("Reloaded %1 (%n endpoint(s): %2)", nullptr, int(result.spec->endpoints.size()))
                .arg(QFileInfo(m_options.configPath).fileName(), endpointList(*result.spec)));
}
