#include "servedcli.h"
#include "testfiles.h"

#include <QProcess>
#include <QTest>

// Proves that a client which is not Qt (Python's websockets, as packaged by Debian) sees
// exactly the interaction websocket-support.md documents, byte for byte.
namespace {

const QString Python
    = QStringLiteral("/usr/bin/python3"); // not PATH's python3: a pyenv without the module
const QString Script = sourcePath(QStringLiteral("tests/cli/interop/spec_session.py"));
const QString HttpScript = sourcePath(QStringLiteral("tests/cli/interop/http_session.py"));
const QString TickerScript = sourcePath(QStringLiteral("tests/cli/interop/ticker_session.py"));

} // namespace

class TestInterop : public QObject
{
    Q_OBJECT

private:
    QProcess m_server;
    QByteArray m_serverErr;
    quint16 m_port = 0;

private slots:
    void initTestCase()
    {
        QProcess probe;
        probe.start(Python, { QStringLiteral("-c"), QStringLiteral("import websockets") });
        const bool available = probe.waitForFinished(10000)
            && probe.exitStatus() == QProcess::NormalExit && probe.exitCode() == 0;
        if (!available) {
            const QByteArray detail = probe.error() == QProcess::FailedToStart
                ? probe.errorString().toUtf8()
                : probe.readAllStandardError().trimmed().split('\n').constLast();
            const QByteArray why = Python.toUtf8()
                + " cannot import websockets (Debian: apt install python3-websockets): " + detail;
            if (qEnvironmentVariable("MOCKET_REQUIRE_INTEROP") == QLatin1String("1"))
                QFAIL(why.constData());
            QSKIP(why.constData());
        }

        m_port = startServing(m_server, QStringLiteral(MOCKET_CLI),
                              examplePath(QStringLiteral("mocks.yml")));
        QVERIFY2(m_port != 0, qPrintable(m_server.errorString()));
    }

    void cleanupTestCase()
    {
        if (m_server.state() == QProcess::NotRunning)
            return;
        m_server.terminate();
        if (!m_server.waitForFinished(5000)) {
            m_server.kill();
            m_server.waitForFinished(2000);
            QFAIL("mocket-cli did not stop on SIGTERM");
        }
        QCOMPARE(m_server.exitCode(), 0);
    }

    void session_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QStringList>("messages");
        QTest::addColumn<QByteArray>("transcript");

        // websocket-support.md, "Example interaction", verbatim.
        QTest::newRow("echo: the documented interaction")
            << QStringLiteral("/ws/echo")
            << QStringList { QStringLiteral("ping"), QStringLiteral(R"({"echo": "hello world"})") }
            << QByteArray(R"(Connected to ws://localhost:8000/ws/echo
< {"status": "connected", "message": "Welcome to WebSocket Echo!"}
> ping
< pong
> {"echo": "hello world"}
< {"echoed": "hello world"}
)");
        // websocket-support.md, "Using templates in responses", rendered for alice.
        QTest::newRow("user: path-params templates")
            << QStringLiteral("/ws/user/alice")
            << QStringList { QStringLiteral(R"({"action": "get-profile"})") }
            << QByteArray(R"(Connected to ws://localhost:8000/ws/user/alice
< {"status": "connected", "message": "Welcome, alice!"}
> {"action": "get-profile"}
< {"user": "alice", "profile": {"joined": "2025-03-20"}}
)");
    }

    void session()
    {
        QFETCH(QString, path);
        QFETCH(QStringList, messages);
        QFETCH(QByteArray, transcript);
        QVERIFY(m_server.state() == QProcess::Running);

        // The server listens on a free port; the transcript shows the documented URL.
        QProcess client;
        client.start(Python,
                     QStringList {
                         Script, QStringLiteral("ws://127.0.0.1:%1%2").arg(m_port).arg(path),
                         QStringLiteral("--display"), QStringLiteral("ws://localhost:8000") + path }
                         + messages);
        QVERIFY2(client.waitForFinished(15000), "spec_session.py did not finish");
        const QByteArray err = client.readAllStandardError();
        QVERIFY2(client.exitStatus() == QProcess::NormalExit && client.exitCode() == 0,
                 err.constData());
        QCOMPARE(client.readAllStandardOutput(), transcript);
    }

    // A Moclojer file that mixes HTTP and WebSocket items, served whole to clients that are
    // not Qt: http.client on a kept-alive connection, pipelined raw requests, and a WebSocket
    // open on the same port all the while.
    void mixedFileToPythonClients()
    {
        exampleToPythonClient(QStringLiteral("moclojer.yml"), HttpScript);
    }

    // The ticker example's subscriptions, to a plain client that is not Qt.
    void tickerToPythonClient()
    {
        exampleToPythonClient(QStringLiteral("ticker.yml"), TickerScript);
    }

private:
    // Serves a bundled example and runs a Python script against it, which exits 0 when every
    // answer is as documented.
    void exampleToPythonClient(const QString &example, const QString &script)
    {
        QProcess server;
        const quint16 port = startServing(server, QStringLiteral(MOCKET_CLI), examplePath(example));
        QVERIFY(port != 0);
        QProcess client;
        client.start(Python, { script, QString::number(port) });
        QVERIFY2(client.waitForFinished(20000),
                 qPrintable(script + QStringLiteral(" did not finish")));
        const QByteArray output = client.readAllStandardOutput() + client.readAllStandardError();
        QVERIFY2(client.exitStatus() == QProcess::NormalExit && client.exitCode() == 0,
                 output.constData());
        server.terminate();
        QVERIFY(server.waitForFinished(5000));
        QCOMPARE(server.exitCode(), 0);
    }
};

QTEST_GUILESS_MAIN(TestInterop)
#include "tst_interop.moc"
