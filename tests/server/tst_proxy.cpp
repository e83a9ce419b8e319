// An endpoint with a `proxy:`: each connection has its own connection to a real server; what
// a rule answers stays with the mock, everything else goes both ways, closes are passed on,
// and an upstream that fails closes the client with 1011 and words that say why.
#include "serverfixture.h"
#include "testclient.h"
#include "testfiles.h"
#include "upstreamserver.h"

#include <QNetworkRequest>
#include <QProcess>
#include <QScopeGuard>
#include <QSslCertificate>
#include <QSslKey>
#include <QSslSocket>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QWebSocketHandshakeOptions>

namespace {

constexpr int Patience = 15000; // ms: the machine may be loaded

MockSpecPtr proxySpec(quint16 upstreamPort, const QString &extra = QString())
{
    return specFromYaml(QStringLiteral("- websocket:\n"
                                       "    path: /ws/user/:name\n"
                                       "    proxy: ws://127.0.0.1:%1/up/{{path-params.name}}\n"
                                       "    on-message:\n"
                                       "      - pattern: ping\n"
                                       "        response: mock pong\n"
                                       "      - binary: {hex-prefix: ff}\n"
                                       "        response: mock binary\n")
                            .arg(upstreamPort)
                        + extra);
}

QList<TrafficEvent> upstreamFrames(const ServerFixture &stage)
{
    QList<TrafficEvent> frames;
    for (const TrafficEvent &event : stage.eventsOf(TrafficEvent::Kind::Sent)) {
        if (event.origin == TrafficOrigin::Upstream)
            frames.append(event);
    }
    return frames;
}

} // namespace

class TestProxy : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // The same proxy in front of a server that is not Qt (python3-websockets): the subprotocol
    // the client asked for reaches it, frames go both ways and its close comes back.
    void relaysAServerThatIsNotQt()
    {
        MOCKET_REQUIRE_PYTHON_WEBSOCKETS();
        QProcess python;
        python.start(QStringLiteral("/usr/bin/python3"),
                     { QStringLiteral(MOCKET_SOURCE_DIR "/tests/server/upstream_server.py") });
        const auto stopPython = qScopeGuard([&python] {
            python.kill();
            python.waitForFinished(5000);
        });
        QTRY_VERIFY_WITH_TIMEOUT(python.canReadLine(), Patience);
        const quint16 port = python.readLine().trimmed().toUShort();
        QVERIFY(port != 0);
        ServerFixture stage;
        QVERIFY(stage.start(
            specFromYaml(QStringLiteral("- websocket:\n"
                                        "    path: /ws/user/:name\n"
                                        "    subprotocols: [v2.chat]\n"
                                        "    proxy: ws://127.0.0.1:%1/py/{{path-params.name}}\n"
                                        "    on-message:\n"
                                        "      - pattern: ping\n"
                                        "        response: mock pong\n")
                             .arg(port))));
        TestClient client;
        QWebSocketHandshakeOptions options;
        options.setSubprotocols({ QStringLiteral("v2.chat") });
        client.open(stage.url(QStringLiteral("/ws/user/ann")), options);
        QVERIFY(client.waitForConnected());
        QTRY_COMPARE_WITH_TIMEOUT(
            client.messages(), QStringList { QStringLiteral("hello /py/ann v2.chat") }, Patience);
        QCOMPARE(client.ask(QStringLiteral("ping"), Patience), QStringLiteral("mock pong"));
        QCOMPARE(client.ask(QStringLiteral("hi"), Patience), QStringLiteral("echo: hi"));
        client.socket().sendBinaryMessage(QByteArray("abc"));
        QTRY_COMPARE_WITH_TIMEOUT(client.binaries(), QList<QByteArray> { QByteArray("cba") },
                                  Patience);
        client.socket().sendTextMessage(QStringLiteral("bye"));
        QTRY_VERIFY_WITH_TIMEOUT(client.isDisconnected(), Patience);
        QCOMPARE(int(client.socket().closeCode()), 4001);
        QCOMPARE(client.socket().closeReason(), QStringLiteral("done"));
    }

    // A rule's message gets the mock's reply and never reaches the upstream; the rest goes
    // there, and the upstream's greeting and answers come back, each told as the upstream's.
    void mocksWhatRulesAnswerAndForwardsTheRest()
    {
        UpstreamServer upstream;
        QVERIFY(upstream.port() != 0);
        ServerFixture stage;
        QVERIFY(stage.start(proxySpec(upstream.port())));
        TestClient client;
        QNetworkRequest request(stage.url(QStringLiteral("/ws/user/ann")));
        request.setRawHeader("Authorization", "Bearer s3cret");
        request.setRawHeader("X-Trace", "t-1");
        client.open(request);
        QVERIFY(client.waitForConnected());
        QTRY_COMPARE_WITH_TIMEOUT(client.messages(),
                                  QStringList { QStringLiteral("hello /up/ann?") }, Patience);

        client.socket().sendTextMessage(QStringLiteral("ping"));
        client.socket().sendTextMessage(QStringLiteral("hi"));
        client.socket().sendBinaryMessage(QByteArray("\x01\x02\x03", 3));
        client.socket().sendBinaryMessage(QByteArray("\xff\x00", 2));
        QTRY_COMPARE_WITH_TIMEOUT(client.messages().size(), 4, Patience);
        QTRY_COMPARE_WITH_TIMEOUT(client.binaries().size(), 1, Patience);
        QStringList answers = client.messages().mid(1);
        answers.sort();
        QCOMPARE(answers,
                 (QStringList { QStringLiteral("echo: hi"), QStringLiteral("mock binary"),
                                QStringLiteral("mock pong") }));
        QCOMPARE(client.binaries().first(), QByteArray("\x03\x02\x01", 3));
        QCOMPARE(upstream.received, QStringList { QStringLiteral("hi") });
        QCOMPARE(upstream.requests.first().rawHeader("Authorization"), QByteArray("Bearer s3cret"));
        QCOMPARE(upstream.requests.first().rawHeader("X-Trace"), QByteArray("t-1"));

        QStringList fromUpstream;
        for (const TrafficEvent &event : upstreamFrames(stage))
            fromUpstream.append(event.payload);
        QCOMPARE(fromUpstream.first(), QStringLiteral("hello /up/ann?"));
        QVERIFY(fromUpstream.contains(QStringLiteral("echo: hi")));
        QStringList fromMock;
        for (const TrafficEvent &event : stage.eventsOf(TrafficEvent::Kind::Sent)) {
            if (event.origin == TrafficOrigin::Mock)
                fromMock.append(event.payload);
        }
        fromMock.sort();
        QCOMPARE(fromMock,
                 (QStringList { QStringLiteral("mock binary"), QStringLiteral("mock pong") }));
        // Forwarded, not unmatched.
        QVERIFY(stage.eventsOf(TrafficEvent::Kind::Unmatched).isEmpty());
    }

    // The client gets the subprotocol the upstream chose among those it asked for, though
    // the endpoint lists none.
    void theUpstreamsSubprotocolIsTheClients()
    {
        UpstreamServer upstream;
        upstream.setSubprotocols({ QStringLiteral("v2.chat") });
        ServerFixture stage;
        QVERIFY(stage.start(proxySpec(upstream.port())));
        TestClient client;
        QWebSocketHandshakeOptions options;
        options.setSubprotocols({ QStringLiteral("v1.chat"), QStringLiteral("v2.chat") });
        client.open(stage.url(QStringLiteral("/ws/user/ann?room=1")), options);
        QVERIFY(client.waitForConnected());
        QCOMPARE(client.socket().subprotocol(), QStringLiteral("v2.chat"));
        QCOMPARE(upstream.subprotocols, QStringList { QStringLiteral("v2.chat") });
        // What the upstream sent at once is not lost while the client's handshake completed.
        QTRY_COMPARE_WITH_TIMEOUT(client.messages(),
                                  QStringList { QStringLiteral("hello /up/ann?") }, Patience);
        QCOMPARE(client.ask(QStringLiteral("ping"), Patience), QStringLiteral("mock pong"));
        QCOMPARE(client.ask(QStringLiteral("hi"), Patience), QStringLiteral("echo: hi"));
        const QList<TrafficEvent> opened = stage.eventsOf(TrafficEvent::Kind::Opened);
        QCOMPARE(opened.size(), 1);
        QCOMPARE(opened.first().subprotocol, QStringLiteral("v2.chat"));
        QCOMPARE(opened.first().handshake.target, QStringLiteral("/ws/user/ann?room=1"));
    }

    // A wss:// upstream whose certificate is self-signed: refused, with a reason that says so,
    // unless the endpoint has proxy-insecure: true.
    void selfSignedUpstreamNeedsProxyInsecure_data()
    {
        QTest::addColumn<bool>("insecure");
        QTest::newRow("verified") << false;
        QTest::newRow("proxy-insecure") << true;
    }
    void selfSignedUpstreamNeedsProxyInsecure()
    {
        QFETCH(bool, insecure);
        if (!QSslSocket::supportsSsl())
            QSKIP("no TLS support");
        QTemporaryDir dir;
        const QString base = dir.filePath(QStringLiteral("rsa-upstream"));
        QVERIFY2(makeSelfSignedPair(base), "openssl could not make a key pair");
        QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
        tls.setLocalCertificate(QSslCertificate(readFile(base + QStringLiteral(".crt"))));
        tls.setPrivateKey(QSslKey(readFile(base + QStringLiteral(".key")), QSsl::Rsa));
        tls.setPeerVerifyMode(QSslSocket::VerifyNone);
        UpstreamServer upstream(tls);
        QVERIFY(upstream.port() != 0);
        ServerFixture stage;
        QVERIFY(stage.start(
            specFromYaml(QStringLiteral("- websocket:\n"
                                        "    path: /ws/user/:name\n"
                                        "    proxy: wss://localhost:%1/up/{{path-params.name}}\n")
                             .arg(upstream.port())
                         + (insecure ? QStringLiteral("    proxy-insecure: true\n") : QString()))));
        TestClient client;
        client.open(stage.url(QStringLiteral("/ws/user/ann")));
        if (insecure) {
            QVERIFY(client.waitForConnected());
            QTRY_COMPARE_WITH_TIMEOUT(client.messages(),
                                      QStringList { QStringLiteral("hello /up/ann?") }, Patience);
            QCOMPARE(client.ask(QStringLiteral("hi"), Patience), QStringLiteral("echo: hi"));
            return;
        }
        QTRY_VERIFY_WITH_TIMEOUT(client.isDisconnected(), Patience);
        QCOMPARE(client.socket().closeCode(), QWebSocketProtocol::CloseCodeBadOperation);
        QVERIFY2(client.socket().closeReason().startsWith(QLatin1String("upstream unreachable")),
                 qPrintable(client.socket().closeReason()));
        QVERIFY(upstream.requests.isEmpty());
    }

    // The console says which frames went on to the upstream and which came from it, and a
    // forwarded binary frame is not called unmatched.
    void consoleLinesSayWhereFramesWent()
    {
        UpstreamServer upstream;
        ServerFixture stage;
        QVERIFY(stage.start(proxySpec(upstream.port())));
        TestClient client;
        client.open(stage.url(QStringLiteral("/ws/user/ann")));
        QVERIFY(client.waitForConnected());
        QCOMPARE(client.ask(QStringLiteral("hi"), Patience), QStringLiteral("echo: hi"));
        client.socket().sendBinaryMessage(QByteArray("\x01\x02", 2));
        QTRY_COMPARE_WITH_TIMEOUT(client.binaries().size(), 1, Patience);
        QStringList lines;
        for (const TrafficEvent &event : stage.events())
            lines << event.toLine().section(QLatin1Char(' '), 2);
        QVERIFY2(lines.contains(QStringLiteral("<- hi   [to upstream]")),
                 qPrintable(lines.join(QLatin1Char('\n'))));
        QVERIFY(lines.contains(QStringLiteral("-> echo: hi   [upstream]")));
        QVERIFY(lines.contains(QStringLiteral("<- binary message, 2 bytes   [to upstream]")));
        QCOMPARE(client.ask(QStringLiteral("ping"), Patience), QStringLiteral("mock pong"));
        QVERIFY(stage.events().last().toLine().endsWith(
            QLatin1String("-> mock pong   [on-message[0]]")));
    }

    // The upstream's close reaches the client with its code and reason, and the client's
    // the upstream.
    void closesArePassedOn()
    {
        UpstreamServer upstream;
        ServerFixture stage;
        QVERIFY(stage.start(proxySpec(upstream.port())));
        TestClient closedByUpstream;
        closedByUpstream.open(stage.url(QStringLiteral("/ws/user/a")));
        QVERIFY(closedByUpstream.waitForConnected());
        closedByUpstream.socket().sendTextMessage(QStringLiteral("bye"));
        QTRY_VERIFY_WITH_TIMEOUT(closedByUpstream.isDisconnected(), Patience);
        QCOMPARE(int(closedByUpstream.socket().closeCode()), 4001);
        QCOMPARE(closedByUpstream.socket().closeReason(), QStringLiteral("done"));

        TestClient closingClient;
        closingClient.open(stage.url(QStringLiteral("/ws/user/b")));
        QVERIFY(closingClient.waitForConnected());
        QTRY_COMPARE_WITH_TIMEOUT(closingClient.messages().size(), 1, Patience);
        closingClient.socket().close(QWebSocketProtocol::CloseCode(4002), QStringLiteral("later"));
        QTRY_VERIFY_WITH_TIMEOUT(upstream.closeCodes.contains(4002), Patience);
        QCOMPARE(upstream.closeReasons.at(upstream.closeCodes.indexOf(4002)),
                 QStringLiteral("later"));
        QTRY_COMPARE_WITH_TIMEOUT(stage.server().connectionCount(), 0, Patience);
    }

    // An upstream that refuses, that drops the connection mid-session or that never answers:
    // the client is closed with 1011 and a reason that says which; the server serves on.
    void failingUpstreamsCloseTheClientClearly_data()
    {
        QTest::addColumn<QString>("failure");
        QTest::addColumn<QString>("reason");
        QTest::newRow("refuses") << QStringLiteral("refuses")
                                 << QStringLiteral("upstream unreachable: ");
        QTest::newRow("dies") << QStringLiteral("dies")
                              << QStringLiteral("upstream connection lost");
        QTest::newRow("never answers")
            << QStringLiteral("silent") << QStringLiteral("upstream did not answer within 1 s");
    }
    void failingUpstreamsCloseTheClientClearly()
    {
        QFETCH(QString, failure);
        QFETCH(QString, reason);
        UpstreamServer upstream;
        QTcpServer silent; // accepts and never says a word
        QVERIFY(silent.listen(QHostAddress::LocalHost, 0));
        quint16 port = upstream.port();
        if (failure == QLatin1String("refuses"))
            port = freePort();
        else if (failure == QLatin1String("silent"))
            port = silent.serverPort();
        ServerFixture stage;
        stage.server().setProxyConnectTimeout(1000);
        QVERIFY(stage.start(proxySpec(port,
                                      QStringLiteral("- websocket:\n    path: /plain\n"
                                                     "    on-message:\n"
                                                     "      - pattern: ping\n"
                                                     "        response: plain pong\n"))));

        TestClient client;
        client.open(stage.url(QStringLiteral("/ws/user/a")));
        if (failure == QLatin1String("dies")) {
            QVERIFY(client.waitForConnected());
            QTRY_COMPARE_WITH_TIMEOUT(client.messages().size(), 1, Patience);
            client.socket().sendTextMessage(QStringLiteral("die"));
        }
        // The handshake goes through (once the upstream has failed), then the close says why.
        QTRY_VERIFY_WITH_TIMEOUT(client.isDisconnected(), Patience);
        QVERIFY(client.hasConnected());
        QCOMPARE(client.socket().closeCode(), QWebSocketProtocol::CloseCodeBadOperation);
        QVERIFY2(client.socket().closeReason().startsWith(reason),
                 qPrintable(client.socket().closeReason()));
        QVERIFY(!stage.eventsOf(TrafficEvent::Kind::Error).isEmpty());

        // The server serves on.
        TestClient next;
        next.open(stage.url(QStringLiteral("/plain")));
        QVERIFY(next.waitForConnected());
        QCOMPARE(next.ask(QStringLiteral("ping"), Patience), QStringLiteral("plain pong"));
        QTRY_COMPARE_WITH_TIMEOUT(stage.server().connectionCount(), 1, Patience);
    }
};

QTEST_MAIN(TestProxy)
#include "tst_proxy.moc"
