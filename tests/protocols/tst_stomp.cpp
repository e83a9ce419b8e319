// resources/examples/stomp.yml served by mocket-cli: @stomp/stompjs 7 gets every answer the
// README documents, the log shows the decoded frames, and a bad frame is answered the STOMP
// way (an ERROR frame, then a close) on its own connection only.
#include "servedcli.h"
#include "stomp.h"
#include "testclient.h"
#include "testfiles.h"

#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QWebSocketHandshakeOptions>

namespace {

constexpr int WaitMs = 15000; // generous: the tests share a loaded 2-core machine

template<std::size_t Size>
QByteArray bytes(const char (&text)[Size])
{
    return QByteArray(text, Size - 1);
}

const QByteArray Connect = bytes("CONNECT\naccept-version:1.2\nheart-beat:0,0\n\n\0");

Stomp::Frame frameOf(const QString &text)
{
    return Stomp::parse(text.toUtf8(), Stomp::Escaping::V12).frame;
}

} // namespace

class TestStomp : public QObject
{
    Q_OBJECT

    QProcess m_server;
    QTemporaryDir m_dir;
    QString m_logPath;
    quint16 m_port = 0;

    QUrl url() const { return QUrl(QStringLiteral("ws://127.0.0.1:%1/stomp").arg(m_port)); }

    // A client on /stomp past its CONNECT.
    void openConnected(TestClient &client)
    {
        QWebSocketHandshakeOptions options;
        options.setSubprotocols({ QStringLiteral("v12.stomp") });
        client.open(url(), options);
        QVERIFY(client.waitForConnected(WaitMs));
        QCOMPARE(client.socket().subprotocol(), QStringLiteral("v12.stomp"));
        client.socket().sendTextMessage(QString::fromUtf8(Connect));
        QTRY_COMPARE_WITH_TIMEOUT(client.messages().size(), 1, WaitMs);
        QCOMPARE(frameOf(client.messages().first()).command, QByteArray("CONNECTED"));
    }

private slots:
    void initTestCase()
    {
        MOCKET_REQUIRE_NODE_CLIENTS();
        QVERIFY(m_dir.isValid());
        m_logPath = m_dir.filePath(QStringLiteral("traffic.jsonl"));
        m_port = startServing(m_server, QStringLiteral(MOCKET_CLI),
                              examplePath(QStringLiteral("stomp.yml")),
                              { QStringLiteral("--log"), m_logPath });
        QVERIFY2(m_port != 0, qPrintable(m_server.errorString()));
    }

    void cleanupTestCase() { QVERIFY(stopServing(m_server)); }

    void stompjsGetsEveryDocumentedAnswer()
    {
        const NodeRun run
            = runNodeClient(QStringLiteral("stomp_client.js"), { url().toString() }, 30000);
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QVERIFY(run.out.contains("every answer arrived"));

        // The log shows each frame's meaning beside it (written as the server goes).
        const auto logText = [this] {
            QFile log(m_logPath);
            return log.open(QIODevice::ReadOnly) ? log.readAll() : QByteArray();
        };
        const QByteArray sent = "\"decoded\":\"stomp SEND /app/echo {\\\"text\\\": "
                                "\\\"hello\\\", \\\"n\\\": 1}\"";
        const QByteArray subscribed = "\"decoded\":\"stomp SUBSCRIBE /topic/prices (id prices-1)\"";
        QTRY_VERIFY_WITH_TIMEOUT(logText().contains(sent), WaitMs);
        QVERIFY(logText().contains(subscribed));
    }

    void badFrameGetsAnErrorThenClose_data()
    {
        QTest::addColumn<bool>("connectFirst");
        QTest::addColumn<QByteArray>("message");
        QTest::addColumn<bool>("binary");
        QTest::addColumn<QString>("problem");

        QTest::newRow("SEND before CONNECT")
            << false << bytes("SEND\ndestination:/app/echo\n\nhi\0") << false
            << QStringLiteral("SEND before CONNECT");
        QTest::newRow("header without a colon")
            << true << bytes("SEND\ndestination\n\nhi\0") << false
            << QStringLiteral("header line without ':'");
        QTest::newRow("no NUL at the end")
            << true << bytes("SEND\ndestination:/app/echo\n\nhi") << false
            << QStringLiteral("the frame does not end with a NUL octet");
        QTest::newRow("unknown command")
            << true << bytes("PUBLISH\n\n\0") << false
            << QStringLiteral("'PUBLISH' is not a STOMP client command");
        QTest::newRow("binary garbage")
            << true << bytes("\xff\xfe\x01") << true
            << QStringLiteral("the frame has no line break after its command");
    }

    void badFrameGetsAnErrorThenClose()
    {
        QFETCH(bool, connectFirst);
        QFETCH(QByteArray, message);
        QFETCH(bool, binary);
        QFETCH(QString, problem);

        TestClient bystander;
        openConnected(bystander);
        if (QTest::currentTestFailed())
            return;
        bystander.socket().sendTextMessage(
            QString::fromUtf8(bytes("SUBSCRIBE\nid:0\ndestination:/topic/prices\n\n\0")));
        QTRY_VERIFY_WITH_TIMEOUT(bystander.messages().size() >= 2, WaitMs);

        TestClient client;
        QWebSocketHandshakeOptions options;
        options.setSubprotocols({ QStringLiteral("v12.stomp") });
        if (connectFirst) {
            openConnected(client);
            if (QTest::currentTestFailed())
                return;
        } else {
            client.open(url(), options);
            QVERIFY(client.waitForConnected(WaitMs));
        }
        const qsizetype before = client.messages().size();
        if (binary)
            client.socket().sendBinaryMessage(message);
        else
            client.socket().sendTextMessage(QString::fromUtf8(message));
        QTRY_VERIFY_WITH_TIMEOUT(client.isDisconnected(), WaitMs);
        QCOMPARE(client.messages().size(), before + 1);
        const Stomp::Frame error = frameOf(client.messages().constLast());
        QCOMPARE(error.command, QByteArray("ERROR"));
        QCOMPARE(error.header(QStringLiteral("message")), problem);
        QCOMPARE(int(client.socket().closeCode()), 1002);
        QCOMPARE(client.socket().closeReason(), problem);

        // The other connection goes on: its prices keep coming.
        const qsizetype prices = bystander.messages().size();
        QTRY_VERIFY_WITH_TIMEOUT(bystander.messages().size() > prices, WaitMs);
        QVERIFY(!bystander.isDisconnected());
        QCOMPARE(frameOf(bystander.messages().constLast()).header(QStringLiteral("subscription")),
                 QStringLiteral("0"));
    }
};

QTEST_MAIN(TestStomp)
#include "tst_stomp.moc"
