// The protocol preset framework: `protocol:` and its errors, a preset's rule keys, and the
// engine hooks (a session per connection, decoded frames before the rules, framing of the
// replies, the decoded summary in the log), driven through the graphql-ws preset.
#include "presetmessages.h"
#include "serverfixture.h"
#include "specloader.h"
#include "testclient.h"

#include <QTest>

#include <memory>
#include <QWebSocketHandshakeOptions>

namespace {

const char *const Hello = R"(
- websocket:
    path: /graphql
    protocol: graphql-ws
    on-message:
      - operation: hello
        response: '{"data": {"hello": "world {{protocol.id}}"}}'
)";

const char *const StompEcho = R"(
- websocket:
    path: /stomp
    protocol: stomp
    on-message:
      - send: /app/echo
        send-to: /topic/echo
        response: '{{message}}'
)";

QString stompFrame(const QString &command, const QString &headers, const QString &body = {})
{
    return command + QLatin1Char('\n') + headers + QStringLiteral("\n\n") + body + QChar(0);
}

// A client of fixture's /stomp past its CONNECT, or null.
std::unique_ptr<TestClient> stompClient(ServerFixture &fixture)
{
    auto client = std::make_unique<TestClient>();
    QWebSocketHandshakeOptions options;
    options.setSubprotocols({ QStringLiteral("v12.stomp") });
    client->open(fixture.url(QStringLiteral("/stomp")), options);
    if (!client->waitForConnected())
        return nullptr;
    const QString connected = client->ask(stompFrame(
        QStringLiteral("CONNECT"), QStringLiteral("accept-version:1.2\nheart-beat:0,0")));
    return connected.startsWith(QStringLiteral("CONNECTED\n")) ? std::move(client) : nullptr;
}

} // namespace

class TestPresets : public QObject
{
    Q_OBJECT

private slots:
    void loaderErrors_data();
    void loaderErrors();
    void defaultSubprotocol();
    void repeatedKeyTakesTheLast();
    void hooksDecodeFrameAndLog();
    void stompSubscribeIsKeptNotUnmatched();
    void stompSubscriptionsGetAMessageEach();
    void addressingKeyKeepsAWrittenTo_data();
    void addressingKeyKeepsAWrittenTo();
};

void TestPresets::loaderErrors_data()
{
    QTest::addColumn<QString>("yaml");
    QTest::addColumn<QString>("expected");
    QTest::newRow("unknown protocol")
        << QStringLiteral("- websocket:\n    path: /g\n"
                          "    protocol: graphql-wss\n")
        << QStringLiteral("t.yml:3:15: error: unknown protocol "
                          "'graphql-wss' (known: graphql-ws, socket.io, "
                          "stomp); did you mean 'graphql-ws'?");
    QTest::newRow("preset key without protocol")
        << QStringLiteral("- websocket:\n    path: /g\n    on-message:\n"
                          "      - operation: hello\n        response: x\n")
        << QStringLiteral("t.yml:4:9: error: 'operation' is a key of protocol graphql-ws; this "
                          "endpoint has no 'protocol: graphql-ws'");
    QTest::newRow("error and response")
        << QStringLiteral("- websocket:\n    path: /g\n    protocol: graphql-ws\n"
                          "    on-message:\n      - error: boom\n        response: x\n")
        << QStringLiteral("t.yml:6:9: error: rule has both 'error' and 'response'; use one");
}

void TestPresets::loaderErrors()
{
    QFETCH(QString, yaml);
    QFETCH(QString, expected);
    const LoadResult result = SpecLoader::loadText(yaml, QStringLiteral("t.yml"));
    QVERIFY(!result.ok());
    QCOMPARE(result.diagnostics.first().toString(), expected);
}

void TestPresets::defaultSubprotocol()
{
    const MockSpecPtr spec = specFromYaml(QString::fromUtf8(Hello));
    QVERIFY(spec);
    QCOMPARE(spec->endpoints.first().subprotocols,
             QStringList { QStringLiteral("graphql-transport-ws") });
    QCOMPARE(spec->endpoints.first().protocol, Protocols::Kind::GraphqlWs);
}

// As with any key written twice, the loader takes the last one.
void TestPresets::repeatedKeyTakesTheLast()
{
    const MockSpecPtr spec = specFromYaml(
        QStringLiteral("- websocket:\n    path: /g\n    protocol: graphql-ws\n    on-message:\n"
                       "      - operation: a\n        error: one\n        error: two\n"));
    QVERIFY(spec);
    const Rule &rule = spec->endpoints.first().rules.first();
    QCOMPARE(rule.response.source(), QStringLiteral("two"));
    QCOMPARE(rule.reply.framing.kind, QStringLiteral("error"));
}

void TestPresets::hooksDecodeFrameAndLog()
{
    ServerFixture fixture;
    QVERIFY(fixture.start(specFromYaml(QString::fromUtf8(Hello))));
    TestClient client;
    QWebSocketHandshakeOptions options;
    options.setSubprotocols({ QStringLiteral("graphql-transport-ws") });
    client.open(fixture.url(QStringLiteral("/graphql")), options);
    QVERIFY(client.waitForConnected());
    QCOMPARE(client.socket().subprotocol(), QStringLiteral("graphql-transport-ws"));

    QCOMPARE(jsonObjectOf(client.ask(QStringLiteral(R"({"type": "connection_init"})"))),
             jsonObjectOf(QStringLiteral(R"({"type": "connection_ack"})")));
    client.socket().sendTextMessage(
        QStringLiteral(R"({"type": "subscribe", "id": "7", "payload": {"query": "{ hello }"}})"));
    QTRY_COMPARE_WITH_TIMEOUT(client.messages().size(), 3, 10000);
    QCOMPARE(jsonObjectOf(client.messages().at(1)),
             jsonObjectOf(QStringLiteral(
                 R"({"id": "7", "type": "next", "payload": {"data": {"hello": "world 7"}}})")));
    QCOMPARE(jsonObjectOf(client.messages().at(2)),
             jsonObjectOf(QStringLiteral(R"({"id": "7", "type": "complete"})")));

    const QList<TrafficEvent> received = fixture.eventsOf(TrafficEvent::Kind::Received);
    QCOMPARE(received.size(), 2);
    QCOMPARE(received.at(0).rule, QStringLiteral("graphql-ws"));
    QCOMPARE(received.at(0).decoded, QStringLiteral("graphql-ws connection_init"));
    QCOMPARE(received.at(1).rule, QStringLiteral("on-message[0]"));
    QCOMPARE(received.at(1).decoded, QStringLiteral("graphql-ws subscribe 7 hello"));
    QVERIFY(received.at(1).toLine().endsWith(QStringLiteral("(graphql-ws subscribe 7 hello)")));
    QVERIFY(received.at(1).toJsonLine().contains(R"("decoded":"graphql-ws subscribe 7 hello")"));
}

// A SUBSCRIBE no rule answers is still a subscription the preset keeps: logged under the
// preset, not as unmatched; a SEND no rule answers is unmatched.
void TestPresets::stompSubscribeIsKeptNotUnmatched()
{
    ServerFixture fixture;
    QVERIFY(fixture.start(specFromYaml(QString::fromUtf8(StompEcho))));
    const auto client = stompClient(fixture);
    QVERIFY(client);
    client->socket().sendTextMessage(
        stompFrame(QStringLiteral("SUBSCRIBE"), QStringLiteral("id:0\ndestination:/topic/echo")));
    const QString message = client->ask(stompFrame(
        QStringLiteral("SEND"), QStringLiteral("destination:/app/echo"), QStringLiteral("hi")));
    QVERIFY2(message.startsWith(QStringLiteral("MESSAGE\n")), qPrintable(message));
    QVERIFY(message.contains(QStringLiteral("\nsubscription:0\n")));

    const QList<TrafficEvent> received = fixture.eventsOf(TrafficEvent::Kind::Received);
    QCOMPARE(received.size(), 3); // CONNECT, SUBSCRIBE, SEND
    QCOMPARE(received.at(1).rule, QStringLiteral("stomp"));
    QCOMPARE(received.at(1).decoded, QStringLiteral("stomp SUBSCRIBE /topic/echo (id 0)"));
    QVERIFY(fixture.eventsOf(TrafficEvent::Kind::Unmatched).isEmpty());

    client->socket().sendTextMessage(stompFrame(
        QStringLiteral("SEND"), QStringLiteral("destination:/app/nobody"), QStringLiteral("x")));
    QTRY_COMPARE_WITH_TIMEOUT(fixture.eventsOf(TrafficEvent::Kind::Unmatched).size(), 1, 10000);
    QCOMPARE(fixture.eventsOf(TrafficEvent::Kind::Unmatched).first().decoded,
             QStringLiteral("stomp SEND /app/nobody x"));
}

// Two subscriptions to one destination on one connection: a MESSAGE for each, each in a
// WebSocket message of its own, as brokers send them.
void TestPresets::stompSubscriptionsGetAMessageEach()
{
    ServerFixture fixture;
    QVERIFY(fixture.start(specFromYaml(QString::fromUtf8(StompEcho))));
    const auto client = stompClient(fixture);
    QVERIFY(client);
    for (const char *id : { "a", "b" })
        client->socket().sendTextMessage(
            stompFrame(QStringLiteral("SUBSCRIBE"),
                       QStringLiteral("id:%1\ndestination:/topic/echo").arg(QLatin1String(id))));
    const qsizetype before = client->messages().size();
    client->socket().sendTextMessage(stompFrame(
        QStringLiteral("SEND"), QStringLiteral("destination:/app/echo"), QStringLiteral("hi")));
    QTRY_COMPARE_WITH_TIMEOUT(client->messages().size(), before + 2, 10000);
    QTest::qWait(100); // nothing more comes
    const QStringList got = client->messages().mid(before);
    QCOMPARE(got.size(), 2);
    for (const QString &message : got) {
        QVERIFY2(message.startsWith(QStringLiteral("MESSAGE\n")), qPrintable(message));
        QCOMPARE(message.count(QStringLiteral("MESSAGE\n")), 1);
    }
    QVERIFY(got.at(0).contains(QStringLiteral("\nsubscription:a\n")));
    QVERIFY(got.at(1).contains(QStringLiteral("\nsubscription:b\n")));
}

// `send-to:` sends to every connection unless `to:` says otherwise, whichever key comes first.
void TestPresets::addressingKeyKeepsAWrittenTo_data()
{
    QTest::addColumn<QString>("keys");
    QTest::addColumn<int>("audience");
    QTest::newRow("to before send-to")
        << QStringLiteral("to: sender\n        send-to: /t") << int(Audience::Sender);
    QTest::newRow("to after send-to")
        << QStringLiteral("send-to: /t\n        to: sender") << int(Audience::Sender);
    QTest::newRow("others before send-to")
        << QStringLiteral("to: others\n        send-to: /t") << int(Audience::Others);
    QTest::newRow("send-to alone") << QStringLiteral("send-to: /t") << int(Audience::Endpoint);
}

void TestPresets::addressingKeyKeepsAWrittenTo()
{
    QFETCH(QString, keys);
    QFETCH(int, audience);
    const MockSpecPtr spec = specFromYaml(
        QStringLiteral("- websocket:\n    path: /s\n    protocol: stomp\n    on-message:\n"
                       "      - send: /a\n        response: x\n        %1\n")
            .arg(keys));
    QVERIFY(spec);
    const Reply &reply = spec->endpoints.first().rules.first().reply;
    QCOMPARE(int(reply.to), audience);
    QCOMPARE(reply.framing.name, QStringLiteral("/t"));
}

QTEST_MAIN(TestPresets)
#include "tst_presets.moc"
