#include "record.h"

#include "consolewriter.h"
#include "serve.h"
#include "stopsignals.h"

#include <QFile>

RecordCommand::RecordCommand(RecordOptions options, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
    , m_relay(m_options.upstream)
{ }

RecordCommand::~RecordCommand() = default;

int RecordCommand::start()
{
    QFile fresh(m_options.outPath); // a recording starts its file anew
    if (!fresh.open(QIODevice::WriteOnly | QIODevice::Truncate) || !m_log.open(m_options.outPath)) {
        printErr(tr("mocket-cli record: cannot write %1: %2")
                     .arg(m_options.outPath,
                          fresh.isOpen() ? m_log.errorString() : fresh.errorString()));
        return 3;
    }
    fresh.close();
    connect(&m_log, &EventLogWriter::problem, this,
            [](const QString &message) { printErr(QStringLiteral("mocket-cli: ") + message); });
    if (!m_relay.listen(m_options.server.address, m_options.server.port)) {
        printErr(tr("mocket-cli record: cannot listen on %1:%2: %3")
                     .arg(m_options.server.host)
                     .arg(m_options.server.port)
                     .arg(m_relay.errorString()));
        return 3;
    }
    connect(&m_relay, &RelayServer::trafficEvent, this, &RecordCommand::onEvent);
    connect(&m_relay, &RelayServer::stopped, this, &RecordCommand::onStopped);
    connect(new StopSignals(this), &StopSignals::received, this, &RecordCommand::onSignal);
    printOut(tr("Mocket recording on ws://%1:%2 from %3 into %4")
                 .arg(m_options.server.urlHost())
                 .arg(m_relay.serverPort())
                 .arg(m_options.upstream.toString(), m_options.outPath));
    m_console = std::make_unique<ConsoleWriter>(stdout);
    return -1;
}

void RecordCommand::onEvent(const TrafficEvent &event)
{
    if (!m_options.quiet && m_console)
        m_console->write(consoleBytes(event.toLine()));
    m_log.write(event);
}

void RecordCommand::onSignal()
{
    if (!m_options.quiet && m_console)
        m_console->write(consoleBytes(
            tr("Stopping: closing %n connection(s)", nullptr, m_relay.connectionCount())));
    m_relay.stop();
}

void RecordCommand::onStopped()
{
    m_log.close();
    if (const QString lost = m_log.summary(); !lost.isEmpty())
        printErr(QStringLiteral("mocket-cli: ") + lost);
    m_console.reset();
    emit finished(0);
}
