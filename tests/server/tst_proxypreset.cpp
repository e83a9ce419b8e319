// An endpoint with both `proxy:` and `protocol:`: partial mocking of a protocol. The upstream
// speaks the protocol (its handshake, keep-alive and answers); the mock answers only the
// messages its rules take, framed by the preset, and forwards everything else raw. The
// upstreams here are Mocket serving the bundled examples, real servers of their protocols.
#include "presetmessages.h"
#include "protocol.h"
#include "servedcli.h"
#include "serverfixture.h"
#include "testclient.h"
#include "testfiles.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QWebSocketHandshakeOptions>

namespace {

constexpr int Patience = 15000; // ms: the machine may be loaded

// A `proxy:` endpoint at `path` speaking `protocol`, in front of upstreamUrl, with these rules
// (YAML list items indented for on-message).
QString proxyYaml(const QString &path, const QString &protocol, const QString &upstreamUrl,
                  const QString &rules)
{
    return QStringLiteral("- websocket:\n"
                          "    path: %1\n"
                          "    protocol: %2\n"
                          "    proxy: %3\n"
                          "    on-message:\n")
               .arg(path, protocol, upstreamUrl)
        + rules;
}

QString upstreamUrl(quint16 port, const QString &pathAndQuery)
{
    return QStringLiteral("ws://127.0.0.1:%1%2").arg(port).arg(pathAndQuery);
}

const QString SocketIoQuery = QStringLiteral("/socket.io/?EIO=4&transport=websocket");

const QString MockedJoin = QStringLiteral("      - event: join\n"
                                          "        ack: '{\"joined\": \"{{message}}\", "
                                          "\"by\": \"the mock\"}'\n");

// An on-connect and a rule that say the socket id; keys after on-message's rules.
const QString SaysTheSocketId
    = QStringLiteral("      - event: whoami\n"
                     "        ack: '{{protocol.sid}}'\n"
                     "    on-connect:\n"
                     "      emit: mocked-welcome\n"
                     "      response: '{\"id\": \"{{protocol.sid}}\"}'\n");

const QString MockedHello = QStringLiteral("      - operation: hello\n"
                                           "        response: '{\"data\": {\"hello\": "
                                           "\"from the mock\"}}'\n");

const QString MockedEcho = QStringLiteral("      - send: /app/echo\n"
                                          "        send-to: /topic/echo\n"
                                          "        response: 'mock says {{message}}'\n");

QList<TrafficEvent> sentBy(const ServerFixture &fixture, TrafficOrigin origin)
{
    QList<TrafficEvent> sent;
    for (const TrafficEvent &event : fixture.eventsOf(TrafficEvent::Kind::Sent)) {
        if (event.origin == origin)
            sent.append(event);
    }
    return sent;
}

QString typeOf(const QString &text)
{
    return jsonObjectOf(text).value(QLatin1String("type")).toString();
}

QString stompFrame(const QString &command, const QStringList &headers, const QString &body = {})
{
    return command + u'\n' + headers.join(u'\n') + QStringLiteral("\n\n") + body + QChar(0);
}

// mocket-cli serving a bundled example as the upstream, and another serving a proxy endpoint
// (its config in dir) in front of it, at the upstream's own path.
struct CliPair
{
    QTemporaryDir dir;
    QProcess upstream;
    QProcess proxy;
    quint16 proxyPort = 0;
};

bool serveThroughProxy(CliPair &pair, const QString &example, const QString &protocol,
                       const QString &pathAndQuery, const QString &rules)
{
    const quint16 upstreamPort
        = startServing(pair.upstream, QStringLiteral(MOCKET_CLI), examplePath(example));
    if (!upstreamPort || !pair.dir.isValid())
        return false;
    const QString config = pair.dir.filePath(QStringLiteral("proxy.yml"));
    const QString yaml = proxyYaml(pathAndQuery.section(u'?', 0, 0), protocol,
                                   upstreamUrl(upstreamPort, pathAndQuery), rules);
    if (!writeFile(config, yaml.toUtf8()))
        return false;
    pair.proxyPort = startServing(pair.proxy, QStringLiteral(MOCKET_CLI), config);
    return pair.proxyPort != 0;
}

// An upstream serving a bundled example, a proxy endpoint in front of it and a client of the
// proxy, connected at the upstream's own path and query.
struct Stage
{
    ServerFixture upstream;
    ServerFixture proxy;
    TestClient client;
};

bool setUp(Stage &stage, const QString &example, const QString &protocol,
           const QString &pathAndQuery, const QString &rules, const QString &subprotocol = {})
{
    if (!stage.upstream.start(exampleSpec(example)))
        return false;
    const QString path = pathAndQuery.section(u'?', 0, 0);
    if (!stage.proxy.start(specFromYaml(
            proxyYaml(path, protocol, upstreamUrl(stage.upstream.port(), pathAndQuery), rules))))
        return false;
    QWebSocketHandshakeOptions options;
    if (!subprotocol.isEmpty())
        options.setSubprotocols({ subprotocol });
    stage.client.open(stage.proxy.url(pathAndQuery), options);
    return stage.client.waitForConnected(Patience);
}

} // namespace

class TestProxyPreset : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { MOCKET_REQUIRE_NODE_CLIENTS(); }

    // A passive session, each preset's: no open packet, no keep-alive (even where the client
    // asks for heart-beats), nothing answered to the protocol's connect, and a bad frame is
    // only shown (Ignore, with what was wrong), never a close. The connect is done with the
    // client's frame, or (Socket.IO) with the upstream's answer, whose socket id it takes.
    void passiveSessionKeepsQuiet_data()
    {
        QTest::addColumn<Protocols::Kind>("kind");
        QTest::addColumn<QString>("connect");
        QTest::addColumn<QString>("upstreamAnswer"); // empty: the client's connect is enough
        QTest::addColumn<QString>("bad");
        QTest::newRow("graphql-ws")
            << Protocols::Kind::GraphqlWs << QStringLiteral(R"({"type":"connection_init"})")
            << QString() << QStringLiteral("{ hello }");
        QTest::newRow("socket.io")
            << Protocols::Kind::SocketIo << QStringLiteral("40")
            << QStringLiteral(R"(40{"sid":"upstream-id"})") << QStringLiteral("hello");
        QTest::newRow("stomp") << Protocols::Kind::Stomp
                               << stompFrame(QStringLiteral("CONNECT"),
                                             { QStringLiteral("accept-version:1.2"),
                                               QStringLiteral("heart-beat:0,1000") })
                               << QString() << stompFrame(QStringLiteral("SNED"), {});
    }

    void passiveSessionKeepsQuiet()
    {
        QFETCH(Protocols::Kind, kind);
        QFETCH(QString, connect);
        QFETCH(QString, upstreamAnswer);
        QFETCH(QString, bad);
        Protocols::SessionOptions options;
        options.voice = Protocols::Voice::Passive;
        const std::unique_ptr<Protocols::Session> session = Protocols::makeSession(kind, options);
        QVERIFY(session);
        QCOMPARE(session->opened(), QStringList());
        Protocols::Decoded connected = session->decode(connect);
        QCOMPARE(connected.replies, QStringList());
        if (!upstreamAnswer.isEmpty()) {
            QCOMPARE(connected.action, Protocols::Decoded::Action::Ignore);
            connected = session->upstreamFrame(upstreamAnswer);
            QCOMPARE(connected.params.value(QStringLiteral("sid")), QStringLiteral("upstream-id"));
        }
        QCOMPARE(connected.action, Protocols::Decoded::Action::Connected);
        QCOMPARE(session->keepAliveMs(), 0);
        const Protocols::Decoded broken = session->decode(bad);
        QCOMPARE(broken.action, Protocols::Decoded::Action::Ignore);
        QCOMPARE(broken.replies, QStringList());
        QVERIFY2(!broken.summary.isEmpty(), qPrintable(broken.summary));
        QCOMPARE(broken.closeCode, 0);
    }

    // graphql-ws's own client through the proxy: `{ hello }` is the mock's, the countdown
    // subscriptions stream from the upstream and `{ broken }` gets the upstream's error.
    void graphqlWsWithTheRealClient()
    {
        CliPair pair;
        QVERIFY(serveThroughProxy(pair, QStringLiteral("graphql-ws.yml"),
                                  QStringLiteral("graphql-ws"), QStringLiteral("/graphql"),
                                  MockedHello));
        const NodeRun run = runNodeClient(QStringLiteral("graphql_ws_client.js"),
                                          { upstreamUrl(pair.proxyPort, QStringLiteral("/graphql")),
                                            QStringLiteral("from the mock") });
        QVERIFY(stopServing(pair.proxy));
        QVERIFY(stopServing(pair.upstream));
        QVERIFY2(run.exitCode == 0, QByteArray(run.out + run.err).constData());
    }

    // socket.io-client through the proxy: the upstream's handshake and welcome (with the id
    // the client got from the upstream), the mock's acknowledgement of `join`, and the chats
    // that only the upstream relays between two clients.
    void socketIoWithTheRealClient()
    {
        CliPair pair;
        QVERIFY(serveThroughProxy(pair, QStringLiteral("socketio.yml"), QStringLiteral("socket.io"),
                                  SocketIoQuery, MockedJoin));
        const NodeRun run
            = runNodeClient(QStringLiteral("socketio_client.js"),
                            { QStringLiteral("http://127.0.0.1:%1").arg(pair.proxyPort),
                              QStringLiteral(R"({"joined":"lobby","by":"the mock"})") });
        QVERIFY(stopServing(pair.proxy));
        QVERIFY(stopServing(pair.upstream));
        QVERIFY2(run.exitCode == 0, QByteArray(run.out + run.err).constData());
    }

    // The proxy says nothing of the protocol's own: one open packet and one connect answer,
    // both the upstream's; a mocked event is the mock's and never reaches the upstream; a
    // packet the preset finds bad goes on, and the upstream's verdict comes back.
    void socketIoProxyIsPassive()
    {
        Stage stage;
        QVERIFY(setUp(stage, QStringLiteral("socketio.yml"), QStringLiteral("socket.io"),
                      SocketIoQuery, MockedJoin));
        const ServerFixture &upstream = stage.upstream;
        const ServerFixture &proxy = stage.proxy;
        TestClient &client = stage.client;
        QTRY_COMPARE_WITH_TIMEOUT(client.messages().size(), 1, Patience);
        client.socket().sendTextMessage(QStringLiteral("40"));
        QTRY_COMPARE_WITH_TIMEOUT(client.messages().size(), 3, Patience);
        QVERIFY(client.messages().at(0).startsWith(QStringLiteral("0{\"")));
        const QString sid = QJsonDocument::fromJson(client.messages().at(1).mid(2).toUtf8())
                                .object()
                                .value(QStringLiteral("sid"))
                                .toString();
        QVERIFY(!sid.isEmpty());
        QCOMPARE(client.messages().at(2),
                 QStringLiteral("42[\"welcome\",{\"id\": \"%1\"}]").arg(sid));

        // The mocked join, then a ping the upstream answers: had the join gone on too, the
        // upstream's own ack would come before its pong.
        client.socket().sendTextMessage(QStringLiteral("421[\"join\",\"lobby\"]"));
        client.socket().sendTextMessage(QStringLiteral("2probe"));
        QTRY_COMPARE_WITH_TIMEOUT(client.messages().size(), 5, Patience);
        QVERIFY(client.messages().contains(
            QStringLiteral("431[{\"joined\": \"lobby\", \"by\": \"the mock\"}]")));
        QVERIFY(client.messages().contains(QStringLiteral("3probe")));
        QCOMPARE(sentBy(proxy, TrafficOrigin::Mock).size(), 1);
        QCOMPARE(upstream.eventsOf(TrafficEvent::Kind::Received).size(), 2); // 40, 2probe

        const QList<TrafficEvent> received = proxy.eventsOf(TrafficEvent::Kind::Received);
        QCOMPARE(received.size(), 3);
        QCOMPARE(received.at(0).decoded, QStringLiteral("socket.io connect /"));
        QCOMPARE(received.at(0).rule, QString());
        QCOMPARE(received.at(1).rule, QStringLiteral("on-message[0]"));
        QCOMPARE(received.at(1).decoded,
                 QStringLiteral("socket.io event \"join\" [\"lobby\"] ack 1"));
        QCOMPARE(received.at(2).decoded, QStringLiteral("engine.io ping"));

        // Bad for the preset, so for the upstream too: its disconnect and close come back.
        client.socket().sendTextMessage(QStringLiteral("42[\"chat\","));
        QTRY_VERIFY_WITH_TIMEOUT(client.isDisconnected(), Patience);
        QCOMPARE(client.messages().last(), QStringLiteral("41"));
        QCOMPARE(int(client.socket().closeCode()), 1002);
        QCOMPARE(client.socket().closeReason(), QStringLiteral("parse error"));
        QVERIFY(proxy.eventsOf(TrafficEvent::Kind::Error).isEmpty());
        QCOMPARE(upstream.eventsOf(TrafficEvent::Kind::Error).size(), 1);
    }

    // The socket id is the one the upstream gave, the client's `socket.id`: in the mock's
    // on-connect (which runs once the upstream accepted the namespace connect) and in
    // {{protocol.sid}} for its rules.
    void socketIoProxyTakesTheUpstreamsSocketId()
    {
        Stage stage;
        QVERIFY(setUp(stage, QStringLiteral("socketio.yml"), QStringLiteral("socket.io"),
                      SocketIoQuery, SaysTheSocketId));
        TestClient &client = stage.client;
        QTRY_COMPARE_WITH_TIMEOUT(client.messages().size(), 1, Patience);
        client.socket().sendTextMessage(QStringLiteral("40"));
        // The upstream's connect answer, then its welcome and the mock's.
        QTRY_COMPARE_WITH_TIMEOUT(client.messages().size(), 4, Patience);
        QVERIFY2(client.messages().at(1).startsWith(QStringLiteral("40{")),
                 qPrintable(client.messages().join(u'\n')));
        const QString sid = QJsonDocument::fromJson(client.messages().at(1).mid(2).toUtf8())
                                .object()
                                .value(QStringLiteral("sid"))
                                .toString();
        QVERIFY(!sid.isEmpty());
        QVERIFY2(client.messages().mid(2).contains(
                     QStringLiteral("42[\"mocked-welcome\",{\"id\": \"%1\"}]").arg(sid)),
                 qPrintable(client.messages().join(u'\n')));
        client.socket().sendTextMessage(QStringLiteral("421[\"whoami\"]"));
        QTRY_COMPARE_WITH_TIMEOUT(client.messages().size(), 5, Patience);
        QCOMPARE(client.messages().last(), QStringLiteral("431[\"%1\"]").arg(sid));
    }

    // graphql-ws: the upstream acknowledges and answers pings (once: the proxy adds nothing),
    // a mocked operation is the mock's next and complete, another the upstream's.
    void graphqlWsProxyIsPassive()
    {
        Stage stage;
        QVERIFY(setUp(stage, QStringLiteral("graphql-ws.yml"), QStringLiteral("graphql-ws"),
                      QStringLiteral("/graphql"), MockedHello,
                      QStringLiteral("graphql-transport-ws")));
        const ServerFixture &upstream = stage.upstream;
        const ServerFixture &proxy = stage.proxy;
        TestClient &client = stage.client;
        QCOMPARE(client.socket().subprotocol(), QStringLiteral("graphql-transport-ws"));
        client.socket().sendTextMessage(QStringLiteral(R"({"type":"connection_init"})"));
        QTRY_COMPARE_WITH_TIMEOUT(client.messages().size(), 1, Patience);
        QCOMPARE(typeOf(client.messages().first()), QStringLiteral("connection_ack"));
        client.socket().sendTextMessage(
            graphqlWsSubscribe(QStringLiteral("1"), QStringLiteral("{ hello }")));
        client.socket().sendTextMessage(
            graphqlWsSubscribe(QStringLiteral("2"), QStringLiteral("{ whoami }")));
        client.socket().sendTextMessage(QStringLiteral(R"({"type":"ping"})"));
        // ack, next and complete of 1 (the mock's), next and complete of 2, pong.
        QTRY_COMPARE_WITH_TIMEOUT(client.messages().size(), 6, Patience);
        QStringList types;
        for (const QString &message : client.messages())
            types.append(typeOf(message));
        QCOMPARE(types.count(QStringLiteral("connection_ack")), 1);
        QCOMPARE(types.count(QStringLiteral("pong")), 1);
        QCOMPARE(types.count(QStringLiteral("complete")), 2);
        QCOMPARE(types.last(), QStringLiteral("pong")); // the upstream keeps its order
        QVERIFY(client.messages().contains(QStringLiteral(
            R"({"id":"1","payload":{"data":{"hello":"from the mock"}},"type":"next"})")));
        QVERIFY(client.messages().contains(
            QStringLiteral(R"({"id":"2","payload":{"data":{"whoami":{"operation":"2"}}},)"
                           R"("type":"next"})")));
        QCOMPARE(sentBy(proxy, TrafficOrigin::Mock).size(), 2); // next and complete of 1
        QCOMPARE(upstream.eventsOf(TrafficEvent::Kind::Received).size(), 3); // not hello
        const QList<TrafficEvent> received = proxy.eventsOf(TrafficEvent::Kind::Received);
        QCOMPARE(received.size(), 4);
        QCOMPARE(received.at(1).decoded, QStringLiteral("graphql-ws subscribe 1 hello"));
        QCOMPARE(received.at(1).rule, QStringLiteral("on-message[0]"));
        QCOMPARE(received.at(2).decoded, QStringLiteral("graphql-ws subscribe 2 whoami"));
        QCOMPARE(received.at(2).rule, QString());
        QVERIFY(!client.isDisconnected());
    }

    // graphql-ws: a subscription the mock streams is the mock's to the end: the client's
    // complete stops the stream and does not go to the upstream, which never saw it begin.
    void graphqlWsCompleteOfAMockedStreamStaysHere()
    {
        Stage stage;
        QVERIFY(setUp(stage, QStringLiteral("graphql-ws.yml"), QStringLiteral("graphql-ws"),
                      QStringLiteral("/graphql"),
                      QStringLiteral("      - operation: ticks\n"
                                     "        start-stream:\n"
                                     "          every: 50ms\n"
                                     "          frames: ['{\"data\": {\"ticks\": 1}}']\n"),
                      QStringLiteral("graphql-transport-ws")));
        TestClient &client = stage.client;
        client.socket().sendTextMessage(QStringLiteral(R"({"type":"connection_init"})"));
        QTRY_COMPARE_WITH_TIMEOUT(client.messages().size(), 1, Patience);
        client.socket().sendTextMessage(
            graphqlWsSubscribe(QStringLiteral("9"), QStringLiteral("subscription { ticks }")));
        QTRY_VERIFY_WITH_TIMEOUT(client.messages().size() >= 3, Patience);
        client.socket().sendTextMessage(QStringLiteral(R"({"id":"9","type":"complete"})"));
        QTRY_VERIFY_WITH_TIMEOUT(stage.proxy.server().connectionCount() == 1
                                     && !stage.proxy.eventsOf(TrafficEvent::Kind::Note).isEmpty(),
                                 Patience);
        QTest::qWait(200); // four intervals: a stream still running would send again
        const qsizetype after = client.messages().size();
        QTest::qWait(200);
        QCOMPARE(client.messages().size(), after);
        // Only connection_init reached the upstream.
        QTRY_COMPARE_WITH_TIMEOUT(
            stage.upstream.eventsOf(TrafficEvent::Kind::Received).size()
                + stage.upstream.eventsOf(TrafficEvent::Kind::Unmatched).size(),
            1, Patience);
        QTest::qWait(100);
        QCOMPARE(stage.upstream.eventsOf(TrafficEvent::Kind::Received).size()
                     + stage.upstream.eventsOf(TrafficEvent::Kind::Unmatched).size(),
                 1);
        const QList<TrafficEvent> received = stage.proxy.eventsOf(TrafficEvent::Kind::Received);
        QCOMPARE(received.last().decoded, QStringLiteral("graphql-ws complete 9"));
        QVERIFY(!received.last().forwarded);
    }

    // STOMP: the session learns the subscription from a SUBSCRIBE it forwards, so the mock's
    // reply to a SEND reaches it as the upstream's own subscription would be served.
    void stompProxyFramesForAForwardedSubscription()
    {
        Stage stage;
        QVERIFY(setUp(stage, QStringLiteral("stomp.yml"), QStringLiteral("stomp"),
                      QStringLiteral("/stomp"), MockedEcho, QStringLiteral("v12.stomp")));
        const ServerFixture &upstream = stage.upstream;
        const ServerFixture &proxy = stage.proxy;
        TestClient &client = stage.client;
        client.socket().sendTextMessage(
            stompFrame(QStringLiteral("CONNECT"),
                       { QStringLiteral("accept-version:1.2"), QStringLiteral("host:x") }));
        QTRY_COMPARE_WITH_TIMEOUT(client.messages().size(), 1, Patience);
        QVERIFY(client.messages().at(0).startsWith(QStringLiteral("CONNECTED\n")));
        client.socket().sendTextMessage(
            stompFrame(QStringLiteral("SUBSCRIBE"),
                       { QStringLiteral("id:sub-0"), QStringLiteral("destination:/topic/echo") }));
        client.socket().sendTextMessage(
            stompFrame(QStringLiteral("SEND"),
                       { QStringLiteral("destination:/app/echo"), QStringLiteral("receipt:r1") },
                       QStringLiteral("hi")));
        // Had the SEND gone on, the upstream's MESSAGE would come before this receipt.
        client.socket().sendTextMessage(
            stompFrame(QStringLiteral("SUBSCRIBE"),
                       { QStringLiteral("id:sub-1"), QStringLiteral("destination:/topic/other"),
                         QStringLiteral("receipt:r2") }));
        // CONNECTED, the mock's MESSAGE and receipt r1, the upstream's receipt r2.
        QTRY_COMPARE_WITH_TIMEOUT(client.messages().size(), 4, Patience);
        const QStringList fromMock { client.messages().at(1), client.messages().at(2) };
        QVERIFY(fromMock.at(0).startsWith(QStringLiteral("MESSAGE\nsubscription:sub-0\n")));
        QVERIFY(fromMock.at(0).endsWith(QStringLiteral("\n\nmock says hi") + QChar(0)));
        QCOMPARE(fromMock.at(1),
                 stompFrame(QStringLiteral("RECEIPT"), { QStringLiteral("receipt-id:r1") }));
        QCOMPARE(client.messages().at(3),
                 stompFrame(QStringLiteral("RECEIPT"), { QStringLiteral("receipt-id:r2") }));
        QCOMPARE(sentBy(proxy, TrafficOrigin::Mock).size(), 2);
        // CONNECT and the SUBSCRIBEs (no rule of the upstream takes them), not the SEND.
        QCOMPARE(upstream.eventsOf(TrafficEvent::Kind::Received).size()
                     + upstream.eventsOf(TrafficEvent::Kind::Unmatched).size(),
                 3);
    }
};

QTEST_MAIN(TestProxyPreset)
#include "tst_proxypreset.moc"
