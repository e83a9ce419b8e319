#include "run.h"

#include "mockserver.h"
#include "serve.h"
#include "serveroptions.h"

#include <QFile>
#include <QFileInfo>
#include <QProcessEnvironment>
#include <QSaveFile>

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

bool CommandRun::writeFile(const QString &path, const QByteArray &data)
{
    QSaveFile file(path);
    if (file.open(QIODevice::WriteOnly) && file.write(data) == data.size() && file.commit())
        return true;
    printErr(tr("mocket-cli run: cannot write %1: %2").arg(path, file.errorString()));
    return false;
}

int CommandRun::finish(const QString &configPath)
{
    const QList<ExpectationResult> results = RunReport::evaluate(m_expectations, m_tally);
    bool verified = true;
    for (const ExpectationResult &result : results) {
        printErr(result.passed ? tr("PASS: %1").arg(result.expectation.describe())
                               : tr("FAIL: %1").arg(result.message));
        verified = verified && result.passed;
    }
    const QStringList unmatched = RunReport::unmatchedLines(m_tally);
    if (m_options.failOnUnmatched && !unmatched.isEmpty()) {
        printErr(tr("FAIL: %n client frame(s) matched no rule:", nullptr, int(unmatched.size())));
        for (const QString &line : unmatched)
            printErr(QStringLiteral("  ") + line);
        verified = false;
    }
    const QString suite = QStringLiteral("mocket ") + QFileInfo(configPath).fileName();
    bool written = true;
    if (!m_options.reportPath.isEmpty())
        written = writeFile(m_options.reportPath,
                            RunReport::junitXml(suite, results, m_tally, m_options.failOnUnmatched,
                                                m_commandExit, m_clock.elapsed()))
            && written;
    if (!m_options.summaryPath.isEmpty())
        written = writeFile(m_options.summaryPath,
                            RunReport::markdown(QFileInfo(configPath).fileName(), results, m_tally,
                                                m_commandExit)
                                .toUtf8())
            && written;
    if (m_commandExit != 0)
        return m_commandExit;
    return verified && written ? 0 : 1;
}
