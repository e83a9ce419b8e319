#pragma once

#include "asyncspecloader.h"
#include "eventlogwriter.h"
#include "mockserver.h"
#include "run.h"
#include "serveroptions.h"

#include <QByteArray>
#include <QObject>

#include <memory>

class ConfigWatch;
class ConsoleWriter;

// `serve`'s options: the server's own, and what only the command line has.
struct ServeOptions
{
    QString configPath;
    ServerOptions server;
    bool watch = false;
    bool quiet = false;
    QString logPath;
    RunOptions run; // `mocket-cli run`: a command to run against the mock
};

// `mocket-cli serve`: loads the config, serves it, prints one line per event, optionally
// logs JSON lines and reloads on change; SIGINT/SIGTERM stop it gracefully.
class ServeCommand : public QObject
{
    Q_OBJECT

public:
    explicit ServeCommand(ServeOptions options, QObject *parent = nullptr);
    ~ServeCommand() override;

    // Returns an exit code when it cannot start; -1 when serving (the event loop runs on).
    int start();

signals:
    void finished(int exitCode);

private:
    void onEvent(const TrafficEvent &event);
    void onSignal();
    // --watch: the file changed and settled; it is read and loaded off the serving thread.
    void reload();
    void applyReload(const SpecLoadOutcome &outcome);
    // Opens the log, applies the options and the spec, listens; an exit code on failure.
    int startServing(const MockSpecPtr &spec);
    void catchSignals();
    void printReady(const MockSpec &spec);
    // Event and status lines after the ready line: through the console writer, in order.
    void printLine(const QString &line);
    // `run`: starts the test command; the server stops when it ends.
    int startCommand();

    ServeOptions m_options;
    MockServer m_server;
    EventLogWriter m_log;
    ConfigWatch *m_watch = nullptr;
    AsyncSpecLoader m_loader { AsyncSpecLoader::Backlog::NewestOnly };
    QByteArray m_lastData;
    std::unique_ptr<ConsoleWriter> m_console;
    std::unique_ptr<CommandRun> m_run;
};

// Every line mocket-cli prints goes through consoleBytes(): what a client chose is shown, never
// obeyed by the terminal (EventText::visible).
QByteArray consoleBytes(const QString &line);
void printOut(const QString &line);
void printErr(const QString &line);
