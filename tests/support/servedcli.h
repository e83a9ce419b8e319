#pragma once

#include <QProcess>
#include <QString>
#include <QStringList>

// Starts `cli serve --quiet --port 0 [extra...] config` in server; the port from its ready
// line, or 0 (with what it printed as a warning) when it did not come up within 5 s.
quint16 startServing(QProcess &server, const QString &cli, const QString &config,
                     const QStringList &extra = {});
// Stops a server started above with SIGTERM; false when it did not stop within 5 s or did
// not exit 0.
bool stopServing(QProcess &server);

// The real client libraries of tests/protocols/clients (socket.io-client, graphql-ws,
// @stomp/stompjs, ws), run by Node.js. scripts/install-node-clients installs them.
QString nodeClientsDir();
// Empty when node and the installed libraries are there; otherwise what is missing.
QString nodeClientsProblem();

// In initTestCase: skips the test without Node.js and the client libraries, or fails it where
// CI requires the interoperability tests to run (MOCKET_REQUIRE_INTEROP=1).
#define MOCKET_REQUIRE_NODE_CLIENTS() \
    do { \
        const QString problem = nodeClientsProblem(); \
        if (!problem.isEmpty()) { \
            if (qEnvironmentVariable("MOCKET_REQUIRE_INTEROP") == QLatin1String("1")) \
                QFAIL(qPrintable(problem)); \
            QSKIP(qPrintable(problem)); \
        } \
    } while (false)

// What a client script did: its exit code (-1: still running after the time limit, killed;
// -2: crashed or could not start) and all it wrote.
struct NodeRun
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};
// Runs tests/protocols/clients/SCRIPT with node and arguments, at most timeoutMs.
NodeRun runNodeClient(const QString &script, const QStringList &arguments, int timeoutMs = 20000);
