#pragma once

#include "eventlogwriter.h"
#include "relayserver.h"
#include "serveroptions.h"

#include <QObject>
#include <QUrl>

#include <memory>

class ConsoleWriter;

// `record`'s options: where to listen (host and port as `serve` reads them), what to relay
// to, and the session file.
struct RecordOptions
{
    QUrl upstream;
    ServerOptions server;
    QString outPath;
    bool quiet = false;
};

// `mocket-cli record`: a recording proxy (RelayServer) whose every event goes to the session
// file, flushed as it goes; one line per event unless quiet; SIGINT/SIGTERM close every
// connection with 1001, complete the file and exit 0.
class RecordCommand : public QObject
{
    Q_OBJECT

public:
    explicit RecordCommand(RecordOptions options, QObject *parent = nullptr);
    ~RecordCommand() override;

    // Returns an exit code when it cannot start; -1 when recording (the event loop runs on).
    int start();

signals:
    void finished(int exitCode);

private:
    void onEvent(const TrafficEvent &event);
    void onSignal();
    void onStopped();

    RecordOptions m_options;
    RelayServer m_relay;
    EventLogWriter m_log;
    std::unique_ptr<ConsoleWriter> m_console;
};
