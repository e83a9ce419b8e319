#include "pingprobe.h"
#include "rawclient.h"
#include "testclient.h"
#include "testfiles.h"
#include "upstreamserver.h"

#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QNetworkRequest>
#include <QWebSocketHandshakeOptions>
#include <QTcpServer>
#include <QWebSocketServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QTimer>

#include <csignal>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cstdio>
#include <functional>
#include <memory>
#include <vector>

namespace {

const QString Greeting
    = QStringLiteral(R"({"status": "connected", "message": "Welcome to WebSocket Echo!"})");

// A mocket-cli child process; keeps everything it printed.
struct Cli
{
    QProcess process;
    QByteArray out;
    QByteArray err;

    QByteArray stdOut() { return out += process.readAllStandardOutput(); }
    QByteArray stdErr() { return err += process.readAllStandardError(); }
    QList<QByteArray> outLines()
    {
        QList<QByteArray> lines = stdOut().split('\n');
        if (!lines.isEmpty() && lines.constLast().isEmpty())
            lines.removeLast();
        return lines;
    }
};

// What the ready line says: "Mocket serving FILE on ws://HOST:PORT (...)".
struct Ready
{
    QString host;
    quint16 port = 0;
};

std::unique_ptr<TestClient> connectClient(quint16 port,
                                          const QString &path = QStringLiteral("/ws/echo"))
{
    auto client = std::make_unique<TestClient>();
    client->open(QUrl(QStringLiteral("ws://127.0.0.1:%1%2").arg(port).arg(path)));
    [[maybe_unused]] const bool connected = client->waitForConnected();
    return client; // the caller checks isConnected()
}

// "serve --port 0" -> { "serve", "--port", "0" }
QStringList words(const char *text)
{
    return QString::fromUtf8(text).split(QLatin1Char(' '), Qt::SkipEmptyParts);
}

QByteArray watchedConfig(const QByteArray &reply)
{
    return "- websocket:\n"
           "    path: /ws/echo\n"
           "    on-message:\n"
           "      - pattern: \"ping\"\n"
           "        response: \""
        + reply + "\"\n";
}

// One endpoint per path in `paths`, each answering "ping" with `reply`.
QByteArray endpointsConfig(const QList<QByteArray> &paths, const QByteArray &reply)
{
    QByteArray yaml;
    for (const QByteArray &path : paths)
        yaml += "- websocket:\n    path: " + path
            + "\n    on-message:\n      - pattern: ping\n        response: " + reply + "\n";
    return yaml;
}

// Replaces `path` in one step (a new name renamed over it), as `ln -sfn` or a saving editor does.
bool replaceWith(const QString &path, const std::function<bool(const QString &)> &make)
{
    const QString temp = path + QStringLiteral(".new");
    return make(temp)
        && std::rename(QFile::encodeName(temp).constData(), QFile::encodeName(path).constData())
        == 0;
}

// Two errors: a rule without a response (4:9) and an endpoint without a path (5:3).
const QByteArray BadConfig = "- websocket:\n"
                             "    path: /ws/a\n"
                             "    on-message:\n"
                             "      - pattern: \"x\"\n"
                             "- websocket:\n"
                             "    on-connect:\n"
                             "      response: hi\n";

} // namespace

class TestCli : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::vector<std::unique_ptr<Cli>> m_procs;

    QString tempPath(const QString &name) const { return m_dir.filePath(name); }

    // env entries "NAME=VALUE" are added to an environment without PORT and HOST.
    Cli *start(const QStringList &args, const QStringList &env = {})
    {
        auto cli = std::make_unique<Cli>();
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.remove(QStringLiteral("PORT"));
        environment.remove(QStringLiteral("HOST"));
        for (const QString &entry : env)
            environment.insert(entry.section(QLatin1Char('='), 0, 0),
                               entry.section(QLatin1Char('='), 1));
        cli->process.setProcessEnvironment(environment);
        cli->process.start(QStringLiteral(MOCKET_CLI), args);
        cli->process.waitForStarted(5000);
        m_procs.push_back(std::move(cli));
        return m_procs.back().get();
    }

    Cli *run(const QStringList &args, const QStringList &env = {})
    {
        Cli *cli = start(args, env);
        waitExit(cli);
        return cli;
    }

    static Ready waitReady(Cli *cli)
    {
        if (!QTest::qWaitFor(
                [cli] {
                    return cli->stdOut().contains('\n')
                        || cli->process.state() == QProcess::NotRunning;
                },
                5000))
            return {};
        static const QRegularExpression url(
            QStringLiteral(R"(^Mocket serving .* on ws://(\S+):(\d+) )"));
        const QRegularExpressionMatch m = url.match(QString::fromUtf8(cli->outLines().value(0)));
        if (!m.hasMatch())
            return {};
        return { m.captured(1), quint16(m.captured(2).toUInt()) };
    }

    static bool waitExit(Cli *cli)
    {
        const bool exited
            = QTest::qWaitFor([cli] { return cli->process.state() == QProcess::NotRunning; }, 5000);
        cli->stdOut();
        cli->stdErr();
        return exited;
    }

    // Connects to `path`, takes the greeting, asks each message in turn; every frame heard.
    static QStringList converse(quint16 port, const QString &path, const QStringList &messages)
    {
        auto client = connectClient(port, path);
        if (!client->isConnected()
            || !QTest::qWaitFor([&] { return !client->messages().isEmpty(); }, 10000))
            return { QStringLiteral("no greeting") };
        for (const QString &message : messages)
            client->ask(message, 10000);
        return client->messages();
    }

    // `record` on port 0 relaying to `upstream`; its port, or 0 when it did not start.
    quint16 startRecording(Cli **cli, const QString &upstream, const QString &out)
    {
        *cli = start(QStringList { QStringLiteral("record"), QStringLiteral("--upstream"), upstream,
                                   QStringLiteral("--port"), QStringLiteral("0"),
                                   QStringLiteral("--out"), out });
        if (!QTest::qWaitFor([cli] { return (*cli)->stdOut().contains('\n'); }, 10000))
            return 0;
        static const QRegularExpression url(
            QStringLiteral(R"(^Mocket recording on ws://127\.0\.0\.1:(\d+) from )"));
        return quint16(
            url.match(QString::fromUtf8((*cli)->outLines().value(0))).captured(1).toUInt());
    }

    // A self-signed pair NAME.crt and NAME.key in the temporary folder ("rsa..." names an RSA
    // pair, others EC), made once per name; empty when openssl is missing or failed.
    QString makeTlsPair(const QString &name)
    {
        const QString base = tempPath(name);
        return makeSelfSignedPair(base) ? base : QString();
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY2(QFileInfo(QStringLiteral(MOCKET_CLI)).isExecutable(), MOCKET_CLI);
    }

    void cleanup()
    {
        for (const auto &cli : m_procs) {
            if (cli->process.state() != QProcess::NotRunning) {
                cli->process.kill();
                cli->process.waitForFinished(2000);
            }
        }
        m_procs.clear();
    }

    void versionAndHelp_data()
    {
        QTest::addColumn<QString>("option");
        QTest::addColumn<QString>("expected");
        QTest::newRow("--version")
            << QStringLiteral("--version") << QStringLiteral("mocket-cli " MOCKET_VERSION);
        QTest::newRow("--help") << QStringLiteral("--help") << QStringLiteral("check CONFIG");
    }

    void versionAndHelp()
    {
        QFETCH(QString, option);
        QFETCH(QString, expected);
        Cli *cli = run({ option });
        QCOMPARE(cli->process.exitStatus(), QProcess::NormalExit);
        QCOMPARE(cli->process.exitCode(), 0);
        QVERIFY2(QString::fromUtf8(cli->out).contains(expected), cli->out.constData());
    }

    void serveEcho()
    {
        Cli *cli = start(words("serve --port 0") << examplePath(QStringLiteral("echo.yml")));
        const Ready ready = waitReady(cli);
        QVERIFY2(ready.port != 0, cli->stdErr().constData());
        QCOMPARE(ready.host, QStringLiteral("127.0.0.1"));
        QCOMPARE(cli->outLines().size(), 1);

        auto client = connectClient(ready.port);
        QVERIFY(client->isConnected());
        QTRY_COMPARE(client->messages(), QStringList { Greeting });
        QCOMPARE(client->ask(QStringLiteral("ping")), QStringLiteral("pong"));

        const QStringList expectedLines
            = { QStringLiteral("#1 open /ws/echo from 127.0.0.1:"),
                QStringLiteral("#1 -> ") + Greeting + QStringLiteral("   [on-connect]"),
                QStringLiteral("#1 <- ping   [on-message[0]]"),
                QStringLiteral("#1 -> pong   [on-message[0]]") };
        for (const QString &line : expectedLines)
            QTRY_VERIFY2(QString::fromUtf8(cli->stdOut()).contains(line), qPrintable(line));
        QCOMPARE(cli->outLines().size(), 1 + expectedLines.size());
    }

    // Every byte a client chose reaches the terminal as visible text, never as a control: an
    // ESC-laden path (percent-encoded, then decoded for the open line), message, close reason
    // and refused request target and version, one with a forged event line after a newline.
    void hostileTextIsShownNotObeyed()
    {
        Cli *cli = start(words("serve --port 0") << examplePath(QStringLiteral("mocks.yml")));
        const Ready ready = waitReady(cli);
        QVERIFY2(ready.port != 0, cli->stdErr().constData());

        RawClient raw;
        QVERIFY(raw.connectTo(ready.port));
        raw.socket().write(handshakeRequest("/ws/user/%1B]0;pwned%07%1B%5B2J"));
        QTRY_VERIFY(raw.answered());
        QVERIFY2(raw.status() == 101, qPrintable(raw.describe()));
        QTRY_VERIFY(!raw.texts().isEmpty());
        raw.socket().write(frame(Text, "\x1b[31mred\u202e"));
        raw.socket().write(
            frame(Close, closePayload(1000, "\x1b[2J\n12:00:00.000 #9 open /ws/admin")));
        QTRY_VERIFY(raw.isDisconnected());
        RawClient refused;
        QVERIFY(refused.connectTo(ready.port));
        refused.socket().write("GET /ws/echo HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
                               "Connection: Upgrade\r\n"
                               "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                               "Sec-WebSocket-Version: 13\x1b[5m\u009b\r\n\r\n");
        QTRY_VERIFY(refused.answered());
        QTRY_VERIFY(cli->stdOut().contains("closed 1000"));
        QTRY_VERIFY(cli->stdOut().contains("refused"));
        cli->process.terminate();
        QVERIFY(waitExit(cli));

        const QByteArray printed = cli->out + cli->err;
        QVERIFY2(!printed.contains('\x1b') && !printed.contains('\x07'), printed.constData());
        const QString out = QString::fromUtf8(cli->out);
        for (const char *expected : { "#1 open /ws/user/\\x1b]0;pwned\\x07\\x1b[2J from 127.0.0.1:",
                                      "#1 <- \\x1b[31mred\\u202e   [unmatched, no reply]",
                                      "#1 closed 1000 \\x1b[2J\\n12:00:00.000 #9 open /ws/admin\n",
                                      "'13\\x1b[5m\u00c2\\u009b'" })
            QVERIFY2(out.contains(QString::fromUtf8(expected)), expected);
    }

    void portAndHost_data()
    {
        QTest::addColumn<QStringList>("env");
        QTest::addColumn<QStringList>("flags");
        QTest::addColumn<QString>("host"); // expected in the ready line
        QTest::addColumn<int>("port"); // expected port; 0: any free one (not the default 8000)
        QTest::addColumn<QString>("error"); // expected usage error instead

        const QByteArray free = QByteArray::number(freePort());
        const QString localhost = QStringLiteral("127.0.0.1");
        auto row = [](const char *name, const QByteArray &env, const QByteArray &flags,
                      const QString &host, int port, const char *error) {
            QTest::newRow(name) << words(env.constData()) << words(flags.constData()) << host
                                << port << QString::fromUtf8(error);
        };
        row("PORT=0", "PORT=0", "", localhost, 0, "");
        row("PORT=free", "PORT=" + free, "", localhost, free.toInt(), "");
        row("--port wins over PORT", "PORT=0", "--port " + free, localhost, free.toInt(), "");
        row("PORT=notaport", "PORT=notaport", "", {}, 0, "invalid port 'notaport'");
        row("--port 0, PORT=notaport", "PORT=notaport", "--port 0", localhost, 0, "");
        row("--port 70000", "", "--port 70000", {}, 0, "invalid port '70000'");
        row("HOST=localhost", "HOST=localhost PORT=0", "", QStringLiteral("localhost"), 0, "");
        row("--host wins over HOST", "HOST=localhost", "--host 127.0.0.1 --port 0", localhost, 0,
            "");
        row("HOST=notahost", "HOST=notahost PORT=0", "", {}, 0, "invalid host 'notahost'");
        row("--host 127.0.0.1, HOST=notahost", "HOST=notahost", "--host 127.0.0.1 --port 0",
            localhost, 0, "");
        // The budgets are read with the listen address.
        row("with budgets", "",
            "--port 0 --max-pending-bytes 100000 --max-total-pending-bytes 1000000", localhost, 0,
            "");
        row("--max-total-pending-bytes 0", "", "--port 0 --max-total-pending-bytes 0", {}, 0,
            "invalid --max-total-pending-bytes '0'");
    }

    void portAndHost()
    {
        QFETCH(QStringList, env);
        QFETCH(QStringList, flags);
        QFETCH(QString, host);
        QFETCH(int, port);
        QFETCH(QString, error);

        Cli *cli = start(QStringList { QStringLiteral("serve") } + flags
                             + QStringList { examplePath(QStringLiteral("echo.yml")) },
                         env);
        if (!error.isEmpty()) {
            QVERIFY(waitExit(cli));
            QCOMPARE(cli->process.exitCode(), 2);
            QVERIFY2(QString::fromUtf8(cli->err).contains(error), cli->err.constData());
            QCOMPARE(cli->out, QByteArray());
            return;
        }
        const Ready ready = waitReady(cli);
        QVERIFY2(ready.port != 0, cli->stdErr().constData());
        QCOMPARE(ready.host, host);
        if (port)
            QCOMPARE(int(ready.port), port);
        else
            QVERIFY(ready.port != 8000);
        auto client = connectClient(ready.port);
        QTRY_COMPARE(client->messages(), QStringList { Greeting });
    }

    void configOption_data()
    {
        QTest::addColumn<QStringList>("args");
        const QString file = examplePath(QStringLiteral("echo.yml"));
        QTest::newRow("-c") << QStringList { QStringLiteral("-c"), file };
        QTest::newRow("--config") << QStringList { QStringLiteral("--config"), file };
        QTest::newRow("--config=") << QStringList { QStringLiteral("--config=") + file };
        QTest::newRow("serve -c") << QStringList { QStringLiteral("serve"), QStringLiteral("-c"),
                                                   file };
    }

    void configOption()
    {
        QFETCH(QStringList, args);
        Cli *cli = start(args + words("--port 0"));
        const Ready ready = waitReady(cli);
        QVERIFY2(ready.port != 0, cli->stdErr().constData());
        auto client = connectClient(ready.port);
        QTRY_COMPARE(client->messages(), QStringList { Greeting });
    }

    void portInUse()
    {
        QTcpServer blocker;
        QVERIFY(blocker.listen(QHostAddress::LocalHost, 0));
        const QString port = QString::number(blocker.serverPort());
        Cli *cli = start({ QStringLiteral("serve"), QStringLiteral("--port"), port,
                           examplePath(QStringLiteral("echo.yml")) });
        QVERIFY(waitExit(cli));
        QVERIFY(cli->process.exitCode() != 0);
        const QString err = QString::fromUtf8(cli->err);
        QVERIFY2(err.contains(QLatin1String("already in use")) && err.contains(port),
                 qPrintable(err));
        QCOMPARE(cli->out, QByteArray());
    }

    // A key that is not the certificate's is refused at start, naming both files, instead of
    // serving wss:// and failing every handshake.
    void tlsKeyOfAnotherCertificate_data()
    {
        QTest::addColumn<QString>("certificate");
        QTest::addColumn<QString>("key");
        QTest::newRow("RSA key of another RSA certificate") << "rsa-a"
                                                            << "rsa-b";
        QTest::newRow("EC key of another EC certificate") << "ec-a"
                                                          << "ec-b";
        QTest::newRow("EC key, RSA certificate") << "rsa-a"
                                                 << "ec-a";
        QTest::newRow("RSA key, EC certificate") << "ec-a"
                                                 << "rsa-a";
    }

    void tlsKeyOfAnotherCertificate()
    {
        QFETCH(QString, certificate);
        QFETCH(QString, key);
        const QString certBase = makeTlsPair(certificate);
        const QString keyBase = makeTlsPair(key);
        if (certBase.isEmpty() || keyBase.isEmpty())
            QSKIP("openssl is missing or cannot make a key pair");
        const QString certPath = certBase + QStringLiteral(".crt");
        const QString keyPath = keyBase + QStringLiteral(".key");
        Cli *cli = start(QStringList { QStringLiteral("serve"), QStringLiteral("--port"),
                                       QStringLiteral("0"), QStringLiteral("--tls-cert"), certPath,
                                       QStringLiteral("--tls-key"), keyPath,
                                       examplePath(QStringLiteral("echo.yml")) });
        QVERIFY2(waitExit(cli), cli->out.constData());
        QCOMPARE(cli->process.exitCode(), 3);
        QCOMPARE(cli->out, QByteArray());
        QCOMPARE(QString::fromUtf8(cli->err),
                 QStringLiteral("mocket-cli: The key %1 does not belong to the certificate %2: "
                                "give the key the certificate was made with.\n")
                     .arg(keyPath, certPath));
    }

    void tlsCertificateWithoutKeyIsUsage()
    {
        Cli *cli = run({ QStringLiteral("serve"), QStringLiteral("--port"), QStringLiteral("0"),
                         QStringLiteral("--tls-cert"), tempPath(QStringLiteral("any.crt")),
                         examplePath(QStringLiteral("echo.yml")) });
        QCOMPARE(cli->process.exitCode(), 2);
        QCOMPARE(cli->err,
                 QByteArray("mocket-cli: --tls-cert and --tls-key go together: give both\n"));
    }

    void tlsMatchingPairServesWss_data()
    {
        QTest::addColumn<QString>("name");
        QTest::newRow("RSA") << "rsa-a";
        QTest::newRow("EC") << "ec-a";
    }

    void tlsMatchingPairServesWss()
    {
        QFETCH(QString, name);
        const QString base = makeTlsPair(name);
        if (base.isEmpty())
            QSKIP("openssl is missing or cannot make a key pair");
        Cli *cli = start(QStringList { QStringLiteral("serve"), QStringLiteral("--port"),
                                       QStringLiteral("0"), QStringLiteral("--tls-cert"),
                                       base + QStringLiteral(".crt"), QStringLiteral("--tls-key"),
                                       base + QStringLiteral(".key"),
                                       examplePath(QStringLiteral("echo.yml")) });
        QTRY_VERIFY2(cli->stdOut().contains(" on wss://127.0.0.1:"), cli->stdErr().constData());
    }

    void badConfig()
    {
        const QString file = tempPath(QStringLiteral("bad.yml"));
        QVERIFY(writeFile(file, BadConfig));
        const QString port = QString::number(freePort());
        Cli *cli = start({ QStringLiteral("serve"), QStringLiteral("--port"), port, file });
        QVERIFY(waitExit(cli));
        QCOMPARE(cli->process.exitCode(), 1);
        QCOMPARE(cli->out, QByteArray());
        const QStringList err = QString::fromUtf8(cli->err).split(QLatin1Char('\n'));
        QVERIFY2(err.contains(file + QStringLiteral(":4:9: error: rule has no 'response'")),
                 cli->err.constData());
        QVERIFY2(err.contains(file + QStringLiteral(":5:3: error: websocket has no 'path'")),
                 cli->err.constData());

        QTcpSocket probe;
        probe.connectToHost(QHostAddress::LocalHost, quint16(port.toUInt()));
        QVERIFY(!probe.waitForConnected(1000));
        QCOMPARE(probe.error(), QAbstractSocket::ConnectionRefusedError);
    }

    void checkValid()
    {
        const QString file = examplePath(QStringLiteral("mocks.yml"));
        Cli *cli = run({ QStringLiteral("check"), file });
        QCOMPARE(cli->process.exitCode(), 0);
        QCOMPARE(QString::fromUtf8(cli->out),
                 file + QStringLiteral(": OK: 2 websocket endpoints, 3 rules, 0 warnings\n"));
        QCOMPARE(cli->err, QByteArray());
    }

    void checkInvalid()
    {
        const QString file = tempPath(QStringLiteral("bad-check.yml"));
        QVERIFY(writeFile(file, BadConfig));
        Cli *cli = run({ QStringLiteral("check"), file });
        QCOMPARE(cli->process.exitCode(), 1);
        QCOMPARE(cli->out, QByteArray());
        QCOMPARE(QString::fromUtf8(cli->err),
                 file + QStringLiteral(":4:9: error: rule has no 'response'\n") + file
                     + QStringLiteral(":5:3: error: websocket has no 'path'\n") + file
                     + QStringLiteral(": invalid: 2 errors\n"));
    }

    // A rule shadowed by an earlier one is a warning: check passes, check --strict fails (1).
    void checkStrict_data()
    {
        QTest::addColumn<QStringList>("flags");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("verdict");
        QTest::newRow("check") << QStringList() << 0 << QString();
        QTest::newRow("check --strict") << QStringList { QStringLiteral("--strict") } << 1
                                        << QStringLiteral(": fails --strict: 1 warning\n");
    }

    void checkStrict()
    {
        QFETCH(QStringList, flags);
        QFETCH(int, exitCode);
        QFETCH(QString, verdict);
        const QString file = tempPath(QStringLiteral("shadowed.yml"));
        QVERIFY(writeFile(file,
                          "- websocket:\n    path: /ws\n    on-message:\n"
                          "      - {pattern: ping, response: pong}\n"
                          "      - {pattern: ping, response: again}\n"));
        Cli *cli = run(QStringList { QStringLiteral("check") } + flags + QStringList { file });
        QCOMPARE(cli->process.exitCode(), exitCode);
        QCOMPARE(QString::fromUtf8(cli->out),
                 file + QStringLiteral(": OK: 1 websocket endpoint, 2 rules, 1 warning\n"));
        QCOMPARE(QString::fromUtf8(cli->err),
                 file
                     + QStringLiteral(":5:19: warning: 'on-message[1]' never matches: "
                                      "'on-message[0]' (line 4) matches every message it does, "
                                      "first\n")
                     + (verdict.isEmpty() ? QString() : file + verdict));
    }

    void checkStrictPassesACleanConfig()
    {
        Cli *cli = run({ QStringLiteral("check"), QStringLiteral("--strict"),
                         examplePath(QStringLiteral("mocks.yml")) });
        QCOMPARE(cli->process.exitCode(), 0);
        QCOMPARE(cli->err, QByteArray());
    }

    void quiet()
    {
        Cli *cli
            = start(words("serve --quiet --port 0") << examplePath(QStringLiteral("echo.yml")));
        const Ready ready = waitReady(cli);
        QVERIFY2(ready.port != 0, cli->stdErr().constData());
        auto client = connectClient(ready.port);
        QTRY_COMPARE(client->messages(), QStringList { Greeting });
        QCOMPARE(client->ask(QStringLiteral("ping")), QStringLiteral("pong"));
        cli->process.terminate();
        QVERIFY(waitExit(cli));
        QCOMPARE(cli->process.exitCode(), 0);
        QCOMPARE(cli->outLines().size(), 1);
    }

    void jsonLog()
    {
        const QString log = tempPath(QStringLiteral("events.jsonl"));
        Cli *cli = start(words("serve --port 0 --log")
                         << log << examplePath(QStringLiteral("echo.yml")));
        const Ready ready = waitReady(cli);
        QVERIFY2(ready.port != 0, cli->stdErr().constData());
        auto client = connectClient(ready.port);
        QTRY_COMPARE(client->messages(), QStringList { Greeting });
        QCOMPARE(client->ask(QStringLiteral("ping")), QStringLiteral("pong"));
        // Stopped at once: the writer's 100 ms buffer must still reach the file.
        cli->process.terminate();
        QVERIFY(waitExit(cli));
        QCOMPARE(cli->process.exitCode(), 0);

        QFile file(log);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QList<QByteArray> lines = file.readAll().split('\n');
        QCOMPARE(lines.takeLast(), QByteArray()); // ends with a newline
        QStringList seen; // "event direction rule payload"
        for (const QByteArray &line : std::as_const(lines)) {
            QJsonParseError error;
            const QJsonObject o = QJsonDocument::fromJson(line, &error).object();
            QVERIFY2(error.error == QJsonParseError::NoError, line.constData());
            for (const char *key :
                 { "time", "event", "connection", "direction", "path", "payload", "rule" })
                QVERIFY2(o.contains(QLatin1String(key)), key);
            QVERIFY(
                QDateTime::fromString(o.value(QLatin1String("time")).toString(), Qt::ISODateWithMs)
                    .isValid());
            QCOMPARE(o.value(QLatin1String("connection")).toInt(), 1);
            QCOMPARE(o.value(QLatin1String("path")).toString(), QStringLiteral("/ws/echo"));
            seen.append(QStringList { o.value(QLatin1String("event")).toString(),
                                      o.value(QLatin1String("direction")).toString(),
                                      o.value(QLatin1String("rule")).toString(),
                                      o.value(QLatin1String("payload")).toString() }
                            .join(QLatin1Char(' ')));
            if (o.value(QLatin1String("event")).toString() == QLatin1String("closed"))
                QCOMPARE(o.value(QLatin1String("code")).toInt(), 1001);
        }
        QCOMPARE(seen.size(), 5);
        QCOMPARE(seen.at(0), QStringLiteral("opened -  "));
        QCOMPARE(seen.at(1), QStringLiteral("sent out on-connect ") + Greeting);
        QCOMPARE(seen.at(2), QStringLiteral("received in on-message[0] ping"));
        QCOMPARE(seen.at(3), QStringLiteral("sent out on-message[0] pong"));
        QVERIFY2(seen.at(4).startsWith(QLatin1String("closed - ")), qPrintable(seen.at(4)));
    }

    // A Moclojer file with HTTP items: the ready lines say where and which routes, each
    // exchange is a console line and a log object, and `check` counts and locates them.
    void serveHttpEndpoints()
    {
        const QString log = tempPath(QStringLiteral("http-events.jsonl"));
        Cli *cli = start(words("serve --port 0 --log")
                         << log << examplePath(QStringLiteral("moclojer.yml")));
        const Ready ready = waitReady(cli);
        QVERIFY2(ready.port != 0, cli->stdErr().constData());
        QTRY_COMPARE(cli->outLines().size(), 2);
        QCOMPARE(QString::fromUtf8(cli->outLines().at(1)),
                 QStringLiteral("HTTP on http://127.0.0.1:%1 (6 routes: GET /hello/:username, GET "
                                "/hello-world, GET /with-params/:param1, POST /first-post-route, "
                                "GET /user/:username/age/:age|int, DELETE "
                                "/user/:username/age/:age|int)")
                     .arg(ready.port));
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, ready.port);
        QVERIFY(socket.waitForConnected(5000));
        socket.write("GET /hello/cli HTTP/1.1\r\nHost: x\r\n\r\n");
        QVERIFY(socket.waitForReadyRead(5000));
        QVERIFY(socket.readAll().contains("\"hello\": \"cli!\""));
        QTRY_VERIFY(cli->stdOut().contains("-- http GET /hello/cli -> 200 · 0 B in · 22 B out · "));
        QVERIFY(cli->out.contains(" ms   [GET /hello/:username]\n"));
        cli->process.terminate();
        QVERIFY(waitExit(cli));
        QCOMPARE(cli->process.exitCode(), 0);

        QFile file(log);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QJsonObject logged
            = QJsonDocument::fromJson(file.readAll().split('\n').first()).object();
        QCOMPARE(logged.value(QLatin1String("event")).toString(), QStringLiteral("http"));
        QCOMPARE(logged.value(QLatin1String("method")).toString(), QStringLiteral("GET"));
        QCOMPARE(logged.value(QLatin1String("target")).toString(), QStringLiteral("/hello/cli"));
        QCOMPARE(logged.value(QLatin1String("status")).toInt(), 200);
        QCOMPARE(logged.value(QLatin1String("rule")).toString(),
                 QStringLiteral("GET /hello/:username"));
        QVERIFY(logged.value(QLatin1String("payload")).toString().contains(QLatin1String("cli!")));

        const QString bad = tempPath(QStringLiteral("bad-http.yml"));
        QVERIFY(writeFile(bad, "- endpoint:\n    method: GE T\n    path: /x/:id|number\n"));
        Cli *check = run({ QStringLiteral("check"), bad });
        QCOMPARE(check->process.exitCode(), 1);
        QVERIFY2(check->err.startsWith(QByteArray(bad.toUtf8() + ":2:13: error: ")),
                 check->err.constData());
        QVERIFY2(check->err.contains(QByteArray(bad.toUtf8() + ":3:11: error: ")),
                 check->err.constData());
        Cli *good = run({ QStringLiteral("check"), examplePath(QStringLiteral("moclojer.yml")) });
        QCOMPARE(good->process.exitCode(), 0);
        QVERIFY(good->out.endsWith(": OK: 1 websocket endpoint, 2 rules, 6 HTTP endpoints, 0 "
                                   "warnings\n"));
    }

    // Killed outright (SIGKILL: no chance to flush), the log still holds every event older
    // than 100 ms, written without a write per event.
    void jsonLogSurvivesAKill()
    {
        const QString log = tempPath(QStringLiteral("killed.jsonl"));
        Cli *cli = start(words("serve --quiet --port 0 --log")
                         << log << examplePath(QStringLiteral("echo.yml")));
        const Ready ready = waitReady(cli);
        QVERIFY2(ready.port != 0, cli->stdErr().constData());
        auto client = connectClient(ready.port);
        QTRY_COMPARE(client->messages(), QStringList { Greeting });
        for (int i = 0; i < 50; ++i)
            QCOMPARE(client->ask(QStringLiteral("ping")), QStringLiteral("pong"));
        QElapsedTimer sinceLast;
        sinceLast.start();
        // Within a few hundred ms (100 ms plus a loaded machine's slack) it is all there.
        auto complete = [&log] {
            QFile file(log);
            return file.open(QIODevice::ReadOnly) && file.readAll().count("\"pong\"") == 50;
        };
        QTRY_VERIFY_WITH_TIMEOUT(complete(), 1000);
        qInfo("log complete %lld ms after the last event", qint64(sinceLast.elapsed()));
        ::kill(pid_t(cli->process.processId()), SIGKILL);
        QVERIFY(waitExit(cli));
        QVERIFY(complete());
    }

    // A --log nobody reads (a FIFO whose reader stalls) never holds up the replies: the log is
    // written from its own thread; once 8 MiB wait, lines are dropped, said once on stderr and
    // counted when serving stops, which does not wait for the stalled reader for long.
    void logIntoAStalledFifoDoesNotStopServing()
    {
        const QString fifo = tempPath(QStringLiteral("stalled.fifo"));
        QVERIFY(::mkfifo(QFile::encodeName(fifo).constData(), 0600) == 0);
        // A reader that never reads: the writer's open does not block, its writes soon do.
        const int reader = ::open(QFile::encodeName(fifo).constData(), O_RDWR | O_NONBLOCK);
        QVERIFY(reader >= 0);
        const auto closeReader = qScopeGuard([reader] { ::close(reader); });
        Cli *cli = start(words("serve --quiet --port 0 --log")
                         << fifo << examplePath(QStringLiteral("echo.yml")));
        const Ready ready = waitReady(cli);
        QVERIFY2(ready.port != 0, cli->stdErr().constData());
        auto client = connectClient(ready.port);
        QTRY_COMPARE(client->messages(), QStringList { Greeting });
        const QString big(100 * 1024, QLatin1Char('x')); // 120 asks: 24 MB of log lines
        const QString question = QStringLiteral(R"({"echo": "%1"})").arg(big);
        const QString answer = QStringLiteral(R"({"echoed": "%1"})").arg(big);
        QElapsedTimer slowest;
        qint64 slowestMs = 0;
        for (int i = 0; i < 120; ++i) {
            slowest.start();
            QVERIFY2(client->ask(question, 2000) == answer, qPrintable(QString::number(i)));
            slowestMs = std::max(slowestMs, slowest.elapsed());
        }
        qInfo("slowest reply %lld ms", slowestMs);
        QTRY_VERIFY(cli->stdErr().contains("dropped"));
        cli->process.terminate();
        QVERIFY(waitExit(cli));
        QCOMPARE(cli->process.exitCode(), 0);
        const QList<QByteArray> errLines = cli->err.trimmed().split('\n');
        QCOMPARE(errLines.size(), 2);
        QCOMPARE(errLines.at(0),
                 "mocket-cli: the log " + fifo.toUtf8()
                     + " is not keeping up: event lines are being dropped");
        QVERIFY2(
            errLines.at(1).startsWith("mocket-cli: ")
                && errLines.at(1).contains(QByteArray(" did not reach the log " + fifo.toUtf8())),
            errLines.at(1).constData());
    }

    // On a full disk every write fails: said once on stderr, however many lines fail, and
    // counted when serving stops.
    void logOnAFullDiskIsReportedOnce()
    {
        if (!QFileInfo::exists(QStringLiteral("/dev/full")))
            QSKIP("no /dev/full");
        Cli *cli = start(words("serve --quiet --port 0 --log /dev/full")
                         << examplePath(QStringLiteral("echo.yml")));
        const Ready ready = waitReady(cli);
        QVERIFY2(ready.port != 0, cli->stdErr().constData());
        auto client = connectClient(ready.port);
        QTRY_COMPARE(client->messages(), QStringList { Greeting });
        for (int i = 0; i < 5; ++i) {
            QCOMPARE(client->ask(QStringLiteral("ping")), QStringLiteral("pong"));
            QTest::qWait(150); // each in a batch of its own
        }
        QTRY_VERIFY(cli->stdErr().contains("\n"));
        cli->process.terminate();
        QVERIFY(waitExit(cli));
        QCOMPARE(cli->process.exitCode(), 0);
        const QList<QByteArray> errLines = cli->err.trimmed().split('\n');
        QCOMPARE(errLines.size(), 2);
        QCOMPARE(errLines.at(0),
                 QByteArray("mocket-cli: cannot write the log /dev/full: No space left on device; "
                            "event lines are being lost"));
        QVERIFY2(errLines.at(1).startsWith("mocket-cli: ")
                     && errLines.at(1).contains(" lost to write errors"),
                 errLines.at(1).constData());
    }

    void stopsOnSignal_data()
    {
        QTest::addColumn<int>("signal");
        QTest::newRow("SIGTERM") << int(SIGTERM);
        QTest::newRow("SIGINT") << int(SIGINT);
    }

    void stopsOnSignal()
    {
        QFETCH(int, signal);
        Cli *cli = start(words("serve --port 0") << examplePath(QStringLiteral("mocks.yml")));
        const Ready ready = waitReady(cli);
        QVERIFY2(ready.port != 0, cli->stdErr().constData());
        auto echo = connectClient(ready.port);
        auto user = connectClient(ready.port, QStringLiteral("/ws/user/alice"));
        QTRY_COMPARE(echo->messages().size(), 1);
        QTRY_COMPARE(user->messages().size(), 1);

        QCOMPARE(::kill(pid_t(cli->process.processId()), signal), 0);
        QTRY_VERIFY(echo->isDisconnected() && user->isDisconnected());
        QCOMPARE(echo->socket().closeCode(), QWebSocketProtocol::CloseCodeGoingAway);
        QCOMPARE(user->socket().closeCode(), QWebSocketProtocol::CloseCodeGoingAway);
        QVERIFY(waitExit(cli));
        QCOMPARE(cli->process.exitStatus(), QProcess::NormalExit);
        QCOMPARE(cli->process.exitCode(), 0);
        QVERIFY2(cli->out.contains("Stopping: closing 2 connections"), cli->out.constData());
    }

    // A session recorded with --log becomes a mock file that `check` passes and that, served,
    // answers the same client messages with the same frames.
    void generateFromALogRoundTrips()
    {
        const QString log = tempPath(QStringLiteral("recorded.jsonl"));
        const QList<QPair<QString, QStringList>> sessions = {
            { QStringLiteral("/ws/echo"),
              { QStringLiteral("ping"), QStringLiteral(R"({"echo": "hello world"})") } },
            { QStringLiteral("/ws/user/alice"),
              { QStringLiteral(R"({"action": "get-profile"})") } },
        };
        Cli *recording = start(words("serve --port 0 --quiet --log")
                               << log << examplePath(QStringLiteral("mocks.yml")));
        Ready ready = waitReady(recording);
        QVERIFY2(ready.port != 0, recording->stdErr().constData());
        QList<QStringList> heard;
        for (const auto &[path, messages] : sessions)
            heard.append(converse(ready.port, path, messages));
        QCOMPARE(heard.at(0).size(), 3);
        recording->process.terminate();
        QVERIFY(waitExit(recording));

        const QString mocks = tempPath(QStringLiteral("generated.yml"));
        Cli *generate
            = run(QStringList { QStringLiteral("generate"), log, QStringLiteral("-o"), mocks });
        QCOMPARE(generate->process.exitCode(), 0);
        QCOMPARE(QString::fromUtf8(generate->out),
                 QStringLiteral("wrote %1: 2 websocket endpoints, 3 rules, 0 streams from 2 "
                                "connections\n")
                     .arg(mocks));
        Cli *check = run({ QStringLiteral("check"), mocks });
        QCOMPARE(check->process.exitCode(), 0);
        QVERIFY2(check->out.endsWith(" 0 warnings\n"), check->out.constData());

        Cli *replaying = start(words("serve --port 0 --quiet") << mocks);
        ready = waitReady(replaying);
        QVERIFY2(ready.port != 0, replaying->stdErr().constData());
        for (qsizetype i = 0; i < sessions.size(); ++i)
            QCOMPARE(converse(ready.port, sessions.at(i).first, sessions.at(i).second),
                     heard.at(i));
    }

    // A proxy: endpoint's --log is a session: generate makes of it a mock file that, served
    // alone, answers the same client messages with the frames the mock and the upstream sent.
    void generateFromAProxyLogRoundTrips()
    {
        UpstreamServer upstream;
        QVERIFY(upstream.port() != 0);
        const QString config = tempPath(QStringLiteral("proxy.yml"));
        QVERIFY(writeFile(config,
                          QStringLiteral("- websocket:\n"
                                         "    path: /ws/user/:name\n"
                                         "    proxy: ws://127.0.0.1:%1/up/{{path-params.name}}\n"
                                         "    on-message:\n"
                                         "      - pattern: ping\n"
                                         "        response: mock pong\n")
                              .arg(upstream.port())
                              .toUtf8()));
        const QString log = tempPath(QStringLiteral("proxied.jsonl"));
        Cli *proxying = start(words("serve --port 0 --quiet --log") << log << config);
        Ready ready = waitReady(proxying);
        QVERIFY2(ready.port != 0, proxying->stdErr().constData());
        const QStringList asked { QStringLiteral("ping"), QStringLiteral("hi"),
                                  QStringLiteral("there") };
        const QStringList heard = converse(ready.port, QStringLiteral("/ws/user/ann"), asked);
        QCOMPARE(heard,
                 (QStringList { QStringLiteral("hello /up/ann?"), QStringLiteral("mock pong"),
                                QStringLiteral("echo: hi"), QStringLiteral("echo: there") }));
        QCOMPARE(upstream.received,
                 (QStringList { QStringLiteral("hi"), QStringLiteral("there") }));
        proxying->process.terminate();
        QVERIFY(waitExit(proxying));
        const QByteArray logged = readFile(log);
        QVERIFY(
            logged.contains(R"("source":"upstream","path":"/ws/user/ann","payload":"echo: hi")"));
        QVERIFY(logged.contains(R"("source":"mock","path":"/ws/user/ann","payload":"mock pong")"));

        const QString mocks = tempPath(QStringLiteral("from-proxy.yml"));
        QCOMPARE(run({ QStringLiteral("generate"), log, QStringLiteral("-o"), mocks })
                     ->process.exitCode(),
                 0);
        Cli *check = run({ QStringLiteral("check"), mocks });
        QVERIFY2(check->process.exitCode() == 0, check->err.constData());
        Cli *replaying = start(words("serve --port 0 --quiet") << mocks);
        ready = waitReady(replaying);
        QVERIFY2(ready.port != 0, replaying->stdErr().constData());
        QCOMPARE(converse(ready.port, QStringLiteral("/ws/user/ann"), asked), heard);
    }

    // A HAR file goes to stdout, what it held to stderr; a file that cannot be read is exit 3.
    void generateFromAHar()
    {
        const QString har = tempPath(QStringLiteral("app.har"));
        QVERIFY(writeFile(
            har,
            R"({"log": {"entries": [{"request": {"url": "ws://x/live"},)"
            R"("_webSocketMessages": [{"type": "receive", "time": 1.0, "opcode": 1, "data": "hi"}]}]}})"));
        Cli *generate = run({ QStringLiteral("generate"), har });
        QCOMPARE(generate->process.exitCode(), 0);
        QVERIFY2(
            generate->out.startsWith("# Mocks generated by mocket-cli generate from app.har\n"),
            generate->out.constData());
        QVERIFY2(
            generate->out.contains("    path: '/live'\n    on-connect:\n      response: 'hi'\n"),
            generate->out.constData());
        QCOMPARE(generate->err,
                 QByteArray("generated 1 websocket endpoint, 0 rules, 0 streams from "
                            "1 connection\n"));

        Cli *missing = run({ QStringLiteral("generate"), tempPath(QStringLiteral("none.jsonl")) });
        QCOMPARE(missing->process.exitCode(), 3);
        QVERIFY2(missing->err.contains("cannot open"), missing->err.constData());
        QCOMPARE(run({ QStringLiteral("generate") })->process.exitCode(), 2);

        // A session with no WebSocket conversation in it (an empty log, a log of HTTP only)
        // makes no file that would fail `check` later: it is refused, and nothing is written.
        const QString empty = tempPath(QStringLiteral("empty.jsonl"));
        QVERIFY(writeFile(empty, QByteArray()));
        const QString none = tempPath(QStringLiteral("none.yml"));
        Cli *nothing = run({ QStringLiteral("generate"), empty, QStringLiteral("-o"), none });
        QCOMPARE(nothing->process.exitCode(), 1);
        QVERIFY2(nothing->err.contains("no WebSocket connection"), nothing->err.constData());
        QVERIFY(!QFileInfo::exists(none));
    }

    // record relays every path, text and binary, and closes both ways; the session it writes
    // (complete on SIGTERM, without the credentials) generates a mock file that `check` passes.
    void recordRelaysAndRecords()
    {
        UpstreamServer upstream;
        QVERIFY(upstream.port() != 0);
        const QString session = tempPath(QStringLiteral("recording.jsonl"));
        Cli *recorder = nullptr;
        const quint16 port = startRecording(
            &recorder, QStringLiteral("ws://127.0.0.1:%1").arg(upstream.port()), session);
        QVERIFY2(port != 0, recorder->stdErr().constData());

        QNetworkRequest request(QUrl(QStringLiteral("ws://127.0.0.1:%1/chat/a?x=1").arg(port)));
        request.setRawHeader("Authorization", "Bearer s3cret");
        TestClient first;
        first.open(request);
        QVERIFY(first.waitForConnected());
        QTRY_COMPARE_WITH_TIMEOUT(first.messages(),
                                  QStringList { QStringLiteral("hello /chat/a?x=1") }, 10000);
        QCOMPARE(first.ask(QStringLiteral("ping"), 10000), QStringLiteral("echo: ping"));
        first.socket().sendBinaryMessage(QByteArray("\x01\x02\x03", 3));
        QTRY_COMPARE_WITH_TIMEOUT(first.binaries(),
                                  QList<QByteArray> { QByteArray("\x03\x02\x01", 3) }, 10000);
        first.socket().sendTextMessage(QStringLiteral("bye"));
        QTRY_VERIFY_WITH_TIMEOUT(first.isDisconnected(), 10000);
        QCOMPARE(int(first.socket().closeCode()), 4001);

        auto second = connectClient(port, QStringLiteral("/chat/b"));
        QVERIFY(second->isConnected());
        QTRY_COMPARE_WITH_TIMEOUT(second->messages().size(), 1, 10000);
        QCOMPARE(second->ask(QStringLiteral("ping"), 10000), QStringLiteral("echo: ping"));
        second->socket().close(QWebSocketProtocol::CloseCode(4002));
        QTRY_VERIFY_WITH_TIMEOUT(upstream.closeCodes.contains(4002), 10000);

        auto third = connectClient(port, QStringLiteral("/chat/c"));
        QTRY_COMPARE_WITH_TIMEOUT(third->messages().size(), 1, 10000);
        third->socket().sendTextMessage(QStringLiteral("die"));
        QTRY_VERIFY_WITH_TIMEOUT(third->isDisconnected(), 10000);
        QCOMPARE(int(third->socket().closeCode()), 1011);
        QCOMPARE(third->socket().closeReason(), QStringLiteral("upstream connection lost"));

        recorder->process.terminate();
        QVERIFY(waitExit(recorder));
        QCOMPARE(recorder->process.exitCode(), 0);
        const QByteArray recorded = readFile(session);
        QVERIFY(!recorded.contains("s3cret"));
        QVERIFY(
            recorded.contains(R"("source":"upstream","path":"/chat/a","payload":"echo: ping")"));
        QVERIFY(recorded.contains(R"("target":"/chat/a?x=1")"));
        QVERIFY(recorded.contains(R"("event":"closed","connection":2)"));

        const QString mocks = tempPath(QStringLiteral("recorded.yml"));
        QCOMPARE(run({ QStringLiteral("generate"), session, QStringLiteral("-o"), mocks })
                     ->process.exitCode(),
                 0);
        Cli *check = run({ QStringLiteral("check"), mocks });
        QVERIFY2(check->process.exitCode() == 0, check->err.constData());
        QVERIFY2(readFile(mocks).contains("path: '/chat/:chat'"), readFile(mocks).constData());

        // Served, the generated file answers the first conversation as the real server did.
        Cli *replaying = start(words("serve --port 0 --quiet") << mocks);
        const Ready ready = waitReady(replaying);
        QVERIFY2(ready.port != 0, replaying->stdErr().constData());
        auto replayed = connectClient(ready.port, QStringLiteral("/chat/a?x=1"));
        QTRY_COMPARE_WITH_TIMEOUT(replayed->messages().size(), 1, 10000);
        QCOMPARE(replayed->ask(QStringLiteral("ping"), 10000), QStringLiteral("echo: ping"));
        replayed->socket().sendBinaryMessage(QByteArray("\x01\x02\x03", 3));
        QTRY_COMPARE_WITH_TIMEOUT(replayed->binaries(), first.binaries(), 10000);
        QCOMPARE(replayed->messages(), first.messages());
    }

    // An upstream nobody listens on: the client is closed with 1011 and a reason, and the
    // recorder stays up for the next one.
    // record's client gets the subprotocol the upstream chose among those it asked for, and
    // the session says which.
    void recordEchoesTheUpstreamsSubprotocol()
    {
        UpstreamServer upstream;
        upstream.setSubprotocols({ QStringLiteral("v2.chat") });
        const QString session = tempPath(QStringLiteral("subprotocol.jsonl"));
        Cli *recorder = nullptr;
        const quint16 port = startRecording(
            &recorder, QStringLiteral("ws://127.0.0.1:%1").arg(upstream.port()), session);
        QVERIFY2(port != 0, recorder->stdErr().constData());
        TestClient client;
        QWebSocketHandshakeOptions options;
        options.setSubprotocols({ QStringLiteral("v1.chat"), QStringLiteral("v2.chat") });
        client.open(QUrl(QStringLiteral("ws://127.0.0.1:%1/chat").arg(port)), options);
        QVERIFY(client.waitForConnected());
        QCOMPARE(client.socket().subprotocol(), QStringLiteral("v2.chat"));
        QCOMPARE(upstream.subprotocols, QStringList { QStringLiteral("v2.chat") });
        QTRY_COMPARE_WITH_TIMEOUT(client.messages(), QStringList { QStringLiteral("hello /chat?") },
                                  10000);
        QCOMPARE(client.ask(QStringLiteral("hi"), 10000), QStringLiteral("echo: hi"));
        client.socket().close();
        QTRY_VERIFY_WITH_TIMEOUT(client.isDisconnected(), 10000);
        recorder->process.terminate();
        QVERIFY(waitExit(recorder));
        QVERIFY(readFile(session).contains(R"("subprotocol":"v2.chat")"));
    }

    void recordWithAnUnreachableUpstream()
    {
        Cli *recorder = nullptr;
        const quint16 port
            = startRecording(&recorder, QStringLiteral("ws://127.0.0.1:%1").arg(freePort()),
                             tempPath(QStringLiteral("refused.jsonl")));
        QVERIFY2(port != 0, recorder->stdErr().constData());
        for (int attempt = 0; attempt < 2; ++attempt) {
            auto client = connectClient(port, QStringLiteral("/ws"));
            QTRY_VERIFY_WITH_TIMEOUT(client->isDisconnected(), 15000);
            QCOMPARE(int(client->socket().closeCode()), 1011);
            QVERIFY2(
                client->socket().closeReason().startsWith(QLatin1String("upstream unreachable")),
                qPrintable(client->socket().closeReason()));
        }
        QCOMPARE(recorder->process.state(), QProcess::Running);
    }

    void watchReloads()
    {
        const QString file = tempPath(QStringLiteral("watched.yml"));
        QVERIFY(writeFile(file, watchedConfig("pong-1")));
        Cli *cli = start(words("serve --watch --port 0") << file);
        const Ready ready = waitReady(cli);
        QVERIFY2(ready.port != 0, cli->stdErr().constData());
        auto client = connectClient(ready.port);
        QVERIFY(client->isConnected());
        QCOMPARE(client->ask(QStringLiteral("ping")), QStringLiteral("pong-1"));

        // Edited in place: same inode.
        QVERIFY(writeFile(file, watchedConfig("pong-2")));
        QTRY_COMPARE(cli->stdOut().count("Reloaded watched.yml"), 1);
        QCOMPARE(client->ask(QStringLiteral("ping")), QStringLiteral("pong-2"));
        QVERIFY(client->isConnected());

        // Replaced the way many editors save: write a new file, rename it over the old one.
        const QString temp = tempPath(QStringLiteral(".watched.yml.tmp"));
        QVERIFY(writeFile(temp, watchedConfig("pong-3")));
        QCOMPARE(
            std::rename(QFile::encodeName(temp).constData(), QFile::encodeName(file).constData()),
            0);
        QTRY_COMPARE(cli->stdOut().count("Reloaded watched.yml"), 2);
        QCOMPARE(client->ask(QStringLiteral("ping")), QStringLiteral("pong-3"));
        QVERIFY(client->isConnected());

        // Emptied, as an editor does between truncating and writing: not swapped in.
        QVERIFY(writeFile(file, QByteArray()));
        QTRY_VERIFY2(cli->stdErr().contains("reload skipped"), cli->err.constData());
        QCOMPARE(client->ask(QStringLiteral("ping")), QStringLiteral("pong-3"));

        // A broken edit (to the new inode) is reported and the last good spec keeps answering.
        QVERIFY(writeFile(file, BadConfig));
        QTRY_VERIFY2(cli->stdErr().contains("reload failed"), cli->err.constData());
        QVERIFY2(cli->err.contains(
                     QByteArray(QFile::encodeName(file) + ":4:9: error: rule has no 'response'")),
                 cli->err.constData());
        QCOMPARE(client->ask(QStringLiteral("ping")), QStringLiteral("pong-3"));
        QVERIFY(client->isConnected());
        QVERIFY(!client->isDisconnected());
        QCOMPARE(cli->process.state(), QProcess::Running);
    }

    // The config is a link; retargeted, its new file is served and that file's later edits
    // too, also when the link is replaced by a plain file.
    void watchFollowsALinkOnEveryChange()
    {
        QVERIFY(QDir(m_dir.path()).mkpath(QStringLiteral("targets")));
        const QString first = tempPath(QStringLiteral("first.yml"));
        const QString second = tempPath(QStringLiteral("targets/second.yml"));
        const QString link = tempPath(QStringLiteral("linked.yml"));
        QVERIFY(writeFile(first, watchedConfig("from-first")));
        QVERIFY(writeFile(second, watchedConfig("from-second")));
        QVERIFY(QFile::link(first, link));
        Cli *cli = start(words("serve --watch --port 0") << link);
        const Ready ready = waitReady(cli);
        QVERIFY2(ready.port != 0, cli->stdErr().constData());
        auto client = connectClient(ready.port);
        QCOMPARE(client->ask(QStringLiteral("ping")), QStringLiteral("from-first"));

        const auto reloads = [cli] { return cli->stdOut().count("Reloaded linked.yml"); };
        QVERIFY(replaceWith(link, [&](const QString &temp) { return QFile::link(second, temp); }));
        QTRY_COMPARE_WITH_TIMEOUT(reloads(), 1, 15000);
        QCOMPARE(client->ask(QStringLiteral("ping")), QStringLiteral("from-second"));

        QVERIFY(writeFile(second, watchedConfig("second-edited")));
        QTRY_COMPARE_WITH_TIMEOUT(reloads(), 2, 15000);
        QCOMPARE(client->ask(QStringLiteral("ping")), QStringLiteral("second-edited"));

        QVERIFY(replaceWith(
            link, [](const QString &temp) { return writeFile(temp, watchedConfig("plain")); }));
        QTRY_COMPARE_WITH_TIMEOUT(reloads(), 3, 15000);
        QCOMPARE(client->ask(QStringLiteral("ping")), QStringLiteral("plain"));
        QVERIFY(writeFile(link, watchedConfig("plain-edited")));
        QTRY_COMPARE_WITH_TIMEOUT(reloads(), 4, 15000);
        QCOMPARE(client->ask(QStringLiteral("ping")), QStringLiteral("plain-edited"));
        QVERIFY(client->isConnected());
    }

    // Written in two chunks 400 ms apart, the first of them valid YAML without the second
    // endpoint: only the whole file is applied, and a client of that endpoint stays connected.
    void watchAppliesOnlyAWholeFile()
    {
        const QString path = tempPath(QStringLiteral("chunked.yml"));
        QVERIFY(writeFile(path, endpointsConfig({ "/ws/echo", "/ws/two" }, "before")));
        Cli *cli = start(words("serve --watch --port 0") << path);
        const Ready ready = waitReady(cli);
        QVERIFY2(ready.port != 0, cli->stdErr().constData());
        auto second = connectClient(ready.port, QStringLiteral("/ws/two"));
        QVERIFY(second->isConnected());

        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        QElapsedTimer gap;
        QVERIFY(file.write(endpointsConfig({ "/ws/echo" }, "after")) > 0 && file.flush());
        gap.start();
        QThread::msleep(400); // the writer's pause, not a wait for the server
        QVERIFY(file.write(endpointsConfig({ "/ws/two" }, "after")) > 0 && file.flush());
        const qint64 gapMs = gap.elapsed();
        file.close();
        if (gapMs >= 490)
            QSKIP("this machine paused the writer too long for a 400 ms gap");

        QTRY_VERIFY_WITH_TIMEOUT(cli->stdOut().contains("Reloaded chunked.yml (2 endpoints"),
                                 15000);
        QCOMPARE(second->ask(QStringLiteral("ping")), QStringLiteral("after"));
        QVERIFY(!second->isDisconnected());
        QCOMPARE(cli->out.count("Reloaded"), 1);
    }

    // A reload of a config of several MB is read and loaded off the serving thread: a client's
    // pings are answered all along, then the new config is served, also while other files
    // come and go next to it.
    void watchReloadKeepsServing()
    {
        const QString path = tempPath(QStringLiteral("growing.yml"));
        QVERIFY(writeFile(path, watchedConfig("small")));
        Cli *cli = start(words("serve --watch --quiet --port 0") << path);
        const Ready ready = waitReady(cli);
        QVERIFY2(ready.port != 0, cli->stdErr().constData());
        auto client = connectClient(ready.port);
        QVERIFY(client->isConnected());

        constexpr int Endpoints = 15000;
        const QByteArray large = manyEndpointsYaml(Endpoints, "large") + watchedConfig("large");
        PingProbe probe(&client->socket());
        QTRY_VERIFY(probe.answered() > 0);
        QVERIFY(replaceWith(path, [&](const QString &temp) { return writeFile(temp, large); }));
        QTimer neighbours;
        int made = 0;
        connect(&neighbours, &QTimer::timeout, this,
                [&] { writeFile(tempPath(QStringLiteral("neighbour-%1.txt").arg(++made)), "x"); });
        neighbours.start(100);
        QElapsedTimer reload;
        reload.start();
        const QUrl lastPath(
            QStringLiteral("ws://127.0.0.1:%1/ws/%2/x").arg(ready.port).arg(Endpoints - 1));
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                auto attempt = std::make_unique<TestClient>();
                attempt->open(lastPath);
                return attempt->waitForConnected(2000)
                    && attempt->ask(QStringLiteral("ping")) == QStringLiteral("large");
            }(),
            30000);
        const qint64 reloadMs = reload.elapsed();
        const int answeredBefore = probe.answered();
        QTRY_VERIFY(probe.answered() > answeredBefore); // the last ping's pong is in
        qInfo("reload of %.1f MB took %lld ms; the longest wait for a pong was %lld ms",
              double(large.size()) / 1e6, reloadMs, probe.longestMs());
        QVERIFY2(probe.longestMs() * 4 < reloadMs,
                 qPrintable(QStringLiteral("pong after %1 ms during a %2 ms reload")
                                .arg(probe.longestMs())
                                .arg(reloadMs)));
        QCOMPARE(client->ask(QStringLiteral("ping")), QStringLiteral("large"));
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
