#pragma once

#include "expectations.h"
#include "runreport.h"

#include <QElapsedTimer>
#include <QObject>
#include <QProcess>
#include <QStringList>

class MockServer;
struct ServerOptions;

// What `mocket-cli run` adds to `serve`: the test command and how to judge the run.
struct RunOptions
{
    QStringList command; // program and arguments, after "--"
    bool failOnUnmatched = false;
    QString expectPath;
    QString reportPath; // JUnit XML
    QString summaryPath; // Markdown
};

// Runs the test command against a serving mock: exports where the mock listens, tallies the
// traffic while the command runs, then judges the run (the command's exit code, unmatched
// frames, expectations) and writes the reports.
class CommandRun : public QObject
{
    Q_OBJECT

public:
    CommandRun(RunOptions options, QObject *parent = nullptr);

    // Reads --expect; false (the problems printed) when it cannot be used.
    bool loadExpectations();
    // Starts the command with MOCKET_URL, MOCKET_HTTP_URL and (with the control API)
    // MOCKET_CONTROL_URL in its environment; false (and printed) when it cannot start.
    bool start(const ServerOptions &server, const MockServer &mock);
    void tally(const TrafficEvent &event, const QString &endpoint) { m_tally.add(event, endpoint); }
    void terminate();
    // Once the mock has stopped: prints the verdicts, writes the reports, returns the exit
    // code of the whole run.
    int finish(const QString &configPath);

    const QList<Expectation> &expectations() const { return m_expectations; }

signals:
    void commandFinished();

private:
    RunOptions m_options;
    QProcess m_process;
    QList<Expectation> m_expectations;
    RunTally m_tally;
    QElapsedTimer m_clock;
    int m_commandExit = 0;
};

// Prints the verdicts, writes the reports, returns the run's exit code: the command's when
// it failed, else 1 when a verification failed, else 0.
int judgeRun(const RunOptions &options, const QList<Expectation> &expectations,
             const RunTally &tally, int commandExit, qint64 durationMs, const QString &configPath);
// `mocket-cli verify CONFIG LOG`: the same verdicts and reports from a --log file written
// by a mock that ran elsewhere (a container, another job).
int verifyLog(const RunOptions &options, const QString &configPath, const QString &logPath);
