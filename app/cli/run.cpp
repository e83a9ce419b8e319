#include "run.h"

#include "eventlogreader.h"
#include "mockserver.h"
#include "serve.h"
#include "serveroptions.h"
#include "specloader.h"

#include <QFile>
#include <QFileInfo>
#include <QProcessEnvironment>
#include <QSaveFile>
#include <QUrl>

CommandRun::CommandRun(RunOptions options, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
{
    m_process.setProcessChannelMode(QProcess::ForwardedChannels);
    m_process.setInputChannelMode(QProcess::ForwardedInputChannel);
    connect(&m_process, &QProcess::finished, this,
            [this](int exitCode, QProcess::ExitStatus status) {
                m_commandExit = status == QProcess::NormalExit ? exitCode : 128 + 15;
                if (status != QProcess::NormalExit)
                    printErr(tr("mocket-cli run: the command crashed or was killed"));
                emit commandFinished();
            });
}

bool CommandRun::loadExpectations()
{
    if (m_options.expectPath.isEmpty())
        return true;
    const ExpectationsFile file = ExpectationsLoader::loadFile(m_options.expectPath);
    for (const Diagnostic &diagnostic : file.diagnostics)
        printErr(diagnostic.toString());
    m_expectations = file.expectations;
    return file.ok();
}

bool CommandRun::start(const ServerOptions &server, const MockServer &mock)
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("MOCKET_URL"), server.urlOf(mock));
    const QString http = server.urlOf(mock, ServerOptions::Scheme::Http);
    environment.insert(QStringLiteral("MOCKET_HTTP_URL"), http);
    if (server.control)
        environment.insert(QStringLiteral("MOCKET_CONTROL_URL"),
                           http + QStringLiteral("/__mocket"));
    m_process.setProcessEnvironment(environment);
    m_clock.start();
    m_process.start(m_options.command.first(), m_options.command.mid(1));
    if (!m_process.waitForStarted(10000)) {
        printErr(tr("mocket-cli run: cannot run '%1': %2")
                     .arg(m_options.command.first(), m_process.errorString()));
        m_commandExit = 127;
        return false;
    }
    return true;
}

void CommandRun::terminate()
{
    if (m_process.state() != QProcess::NotRunning)
        m_process.terminate();
}

int CommandRun::finish(const QString &configPath)
{
    return judgeRun(m_options, m_expectations, m_tally, m_commandExit, m_clock.elapsed(),
                    configPath);
}

namespace {
bool writeReport(const QString &path, const QByteArray &data)
{
    QSaveFile file(path);
    if (file.open(QIODevice::WriteOnly) && file.write(data) == data.size() && file.commit())
        return true;
    printErr(CommandRun::tr("mocket-cli run: cannot write %1: %2").arg(path, file.errorString()));
    return false;
}

// Prints each verdict like a test failure; false when any failed.
bool printVerdicts(const RunOptions &options, const QList<ExpectationResult> &results,
                   const RunTally &tally)
{
    bool verified = true;
    for (const ExpectationResult &result : results) {
        printErr(result.passed ? CommandRun::tr("PASS: %1").arg(result.expectation.describe())
                               : CommandRun::tr("FAIL: %1").arg(result.message));
        verified = verified && result.passed;
    }
    const QStringList unmatched = RunReport::unmatchedLines(tally);
    if (options.failOnUnmatched && !unmatched.isEmpty()) {
        printErr(CommandRun::tr("FAIL: %n client frame(s) matched no rule:", nullptr,
                                int(unmatched.size())));
        for (const QString &line : unmatched)
            printErr(QStringLiteral("  ") + line);
        verified = false;
    }
    return verified;
}
} // namespace

int judgeRun(const RunOptions &options, const QList<Expectation> &expectations,
             const RunTally &tally, int commandExit, qint64 durationMs, const QString &configPath)
{
    const QList<ExpectationResult> results = RunReport::evaluate(expectations, tally);
    const bool verified = printVerdicts(options, results, tally);
    const QString name = QFileInfo(configPath).fileName();
    bool written = true;
    if (!options.reportPath.isEmpty())
        written
            = writeReport(options.reportPath,
                          RunReport::junitXml(QStringLiteral("mocket ") + name, results, tally,
                                              options.failOnUnmatched, commandExit, durationMs));
    if (!options.summaryPath.isEmpty())
        written = writeReport(options.summaryPath,
                              RunReport::markdown(name, results, tally, commandExit).toUtf8())
            && written;
    if (commandExit != 0)
        return commandExit;
    return verified && written ? 0 : 1;
}

int verifyLog(const RunOptions &options, const QString &configPath, const QString &logPath)
{
    const LoadResult config = SpecLoader::loadFile(configPath);
    for (const Diagnostic &diagnostic : config.diagnostics)
        printErr(diagnostic.toString());
    CommandRun expectations(options);
    if (!config.ok() || !expectations.loadExpectations())
        return config.ok() ? 2 : 1;
    const EventLogReader::Result log = EventLogReader::readFile(logPath);
    for (const QString &problem : log.problems)
        printErr(problem);
    if (!log.opened)
        return 2;
    RunTally tally;
    for (const TrafficEvent &event : log.events) {
        const Endpoint *endpoint = event.kind == TrafficEvent::Kind::Opened
            ? config.spec->route(QString::fromUtf8(QUrl::toPercentEncoding(event.path, "/")))
            : nullptr;
        tally.add(event, endpoint ? endpoint->path.text() : QString());
    }
    const qint64 duration = log.events.isEmpty()
        ? 0
        : log.events.constLast().timestamp - log.events.constFirst().timestamp;
    return judgeRun(options, expectations.expectations(), tally, 0, duration, configPath);
}
