// The graphql-ws preset served: the bundled example driven by graphql-ws's own client (Node.js)
// through mocket-cli; and, against a MockServer here, what the protocol says of bad messages
// (close 4400 with the reason, 4401, 4409, 4429: only that connection), of a client's
// complete (its operation's stream stops) and of delayed replies (complete comes after them).
#include "graphqlws.h"
#include "presetmessages.h"
#include "servedcli.h"
#include "serverfixture.h"
#include "testclient.h"
#include "testfiles.h"

#include <QElapsedTimer>
#include <QTest>
#include <QWebSocketHandshakeOptions>

#include <memory>

namespace {

const QString Init = QStringLiteral(R"({"type":"connection_init"})");

// Serves a graphql-ws endpoint at /graphql with these rules (YAML list items).
bool serve(ServerFixture &fixture, const QString &rules)
{
    return fixture.start(
        specFromYaml(QStringLiteral("- websocket:\n    path: /graphql\n    protocol: graphql-ws\n"
                                    "    on-message:\n")
                     + rules));
}

QString typeOf(const QString &text)
{
    return jsonObjectOf(text).value(QLatin1String("type")).toString();
}

} // namespace

class TestGraphqlWs : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void exampleWithTheRealClient();
    void badMessages_data();
    void badMessages();
    void clientCompleteStopsItsStream();
    void completeFollowsADelayedReply();
    void noInitWithinTheWaitCloses4408();

private:
    // A client of fixture's /graphql, acknowledged when init is set.
    std::unique_ptr<TestClient> connect(ServerFixture &fixture, bool init = true);
};

void TestGraphqlWs::initTestCase()
{
    MOCKET_REQUIRE_NODE_CLIENTS();
}

void TestGraphqlWs::exampleWithTheRealClient()
{
    QProcess server;
    const quint16 port = startServing(server, QStringLiteral(MOCKET_CLI),
                                      examplePath(QStringLiteral("graphql-ws.yml")));
    QVERIFY(port);
    const NodeRun run = runNodeClient(QStringLiteral("graphql_ws_client.js"),
                                      { QStringLiteral("ws://127.0.0.1:%1/graphql").arg(port) });
    QVERIFY(stopServing(server));
    QVERIFY2(run.exitCode == 0, QByteArray(run.out + run.err).constData());
}

std::unique_ptr<TestClient> TestGraphqlWs::connect(ServerFixture &fixture, bool init)
{
    auto client = std::make_unique<TestClient>();
    QWebSocketHandshakeOptions options;
    options.setSubprotocols({ QStringLiteral("graphql-transport-ws") });
    client->open(fixture.url(QStringLiteral("/graphql")), options);
    if (!client->waitForConnected())
        return nullptr;
    if (init && typeOf(client->ask(Init)) != QLatin1String("connection_ack"))
        return nullptr;
    return client;
}

void TestGraphqlWs::badMessages_data()
{
    QTest::addColumn<bool>("init");
    QTest::addColumn<QStringList>("messages");
    QTest::addColumn<int>("code");
    QTest::addColumn<QString>("reason");

    QTest::newRow("not JSON") << true << QStringList { QStringLiteral("{ hello }") } << 4400
                              << QStringLiteral("Invalid message received: not a JSON object");
    QTest::newRow("unknown type") << true << QStringList { QStringLiteral(R"({"type":"start"})") }
                                  << 4400
                                  << QStringLiteral(
                                         "Invalid message received: unknown type 'start'");
    QTest::newRow("subscribe before init")
        << false
        << QStringList { graphqlWsSubscribe(QStringLiteral("1"), QStringLiteral("{ hello }")) }
        << 4401 << QStringLiteral("Unauthorized");
    QTest::newRow("second init") << true << QStringList { Init } << 4429
                                 << QStringLiteral("Too many initialisation requests");
    QTest::newRow("running id again")
        << true
        << QStringList { graphqlWsSubscribe(QStringLiteral("s"),
                                            QStringLiteral("subscription { t }")),
                         graphqlWsSubscribe(QStringLiteral("s"),
                                            QStringLiteral("subscription { t }")) }
        << 4409 << QStringLiteral("Subscriber for s already exists");
}

// The protocol's close code and reason, the log's error, and the other client unharmed.
void TestGraphqlWs::badMessages()
{
    QFETCH(bool, init);
    QFETCH(QStringList, messages);
    QFETCH(int, code);
    QFETCH(QString, reason);
    ServerFixture fixture;
    QVERIFY(serve(fixture, QStringLiteral(R"(
      - query: "{ hello }"
        response: '{"data": {"hello": "world"}}'
      - operation: t
        start-stream: {every: 5s, frames: ['{"data": {"t": {{counter}}}}']}
)")));
    const auto bystander = connect(fixture);
    QVERIFY(bystander);
    const auto client = connect(fixture, init);
    QVERIFY(client);
    for (const QString &message : std::as_const(messages))
        client->socket().sendTextMessage(message);
    QTRY_VERIFY_WITH_TIMEOUT(client->isDisconnected(), 10000);
    QCOMPARE(int(client->socket().closeCode()), code);
    QCOMPARE(client->socket().closeReason(), reason);

    const QList<TrafficEvent> errors = fixture.eventsOf(TrafficEvent::Kind::Error);
    QCOMPARE(errors.size(), 1);
    QCOMPARE(errors.first().cause, TrafficEvent::Cause::ProtocolError);
    QCOMPARE(errors.first().details, (QStringList { QStringLiteral("graphql-ws"), reason }));

    const QString answer
        = bystander->ask(graphqlWsSubscribe(QStringLiteral("1"), QStringLiteral("{ hello }")));
    QCOMPARE(jsonObjectOf(answer),
             jsonObjectOf(QStringLiteral(
                 R"({"id":"1","type":"next","payload":{"data":{"hello":"world"}}})")));
}

void TestGraphqlWs::clientCompleteStopsItsStream()
{
    ServerFixture fixture;
    QVERIFY(serve(fixture, QStringLiteral(R"(
      - operation: ticks
        start-stream: {every: 30ms, frames: ['{"data": {"ticks": {{counter}}}}']}
)")));
    const auto client = connect(fixture);
    QVERIFY(client);
    client->socket().sendTextMessage(
        graphqlWsSubscribe(QStringLiteral("a"), QStringLiteral("subscription { ticks }")));
    client->socket().sendTextMessage(
        graphqlWsSubscribe(QStringLiteral("b"), QStringLiteral("subscription { ticks }")));
    const auto countOf = [&client](const QString &id) {
        qsizetype count = 0;
        for (const QString &message : client->messages())
            count += jsonObjectOf(message).value(QLatin1String("id")).toString() == id;
        return count;
    };
    QTRY_VERIFY_WITH_TIMEOUT(countOf(QStringLiteral("a")) >= 2 && countOf(QStringLiteral("b")) >= 2,
                             10000);
    client->socket().sendTextMessage(QStringLiteral(R"({"type":"complete","id":"a"})"));
    QTRY_VERIFY_WITH_TIMEOUT(fixture.server().conversationView(fixture.newestId()).has_value()
                                 && !fixture.eventsOf(TrafficEvent::Kind::Note).isEmpty()
                                 && fixture.eventsOf(TrafficEvent::Kind::Note).constLast().cause
                                     == TrafficEvent::Cause::StreamStopped,
                             10000);
    const qsizetype stoppedAt = countOf(QStringLiteral("a"));
    const qsizetype bAt = countOf(QStringLiteral("b"));
    QTRY_VERIFY_WITH_TIMEOUT(countOf(QStringLiteral("b")) >= bAt + 3, 10000);
    QCOMPARE(countOf(QStringLiteral("a")), stoppedAt); // a's stream stopped, b's went on
    for (const QString &message : client->messages())
        QVERIFY2(typeOf(message) != QLatin1String("complete"), qPrintable(message));
}

void TestGraphqlWs::completeFollowsADelayedReply()
{
    ServerFixture fixture;
    QVERIFY(serve(fixture, QStringLiteral(R"(
      - operation: slow
        delay: 150ms
        response: '{"data": {"slow": {{protocol.id | json}}}}'
)")));
    const auto client = connect(fixture);
    QVERIFY(client);
    client->socket().sendTextMessage(
        graphqlWsSubscribe(QStringLiteral("q"), QStringLiteral("{ slow }")));
    QTRY_COMPARE_WITH_TIMEOUT(client->messages().size(), 3, 10000);
    QCOMPARE(jsonObjectOf(client->messages().at(1)),
             jsonObjectOf(
                 QStringLiteral(R"({"id":"q","type":"next","payload":{"data":{"slow":"q"}}})")));
    QCOMPARE(typeOf(client->messages().at(2)), QStringLiteral("complete"));
}

// A client that never sends connection_init is closed once graphql-ws's init wait is over, as
// the reference server closes it; one that did stays.
void TestGraphqlWs::noInitWithinTheWaitCloses4408()
{
    ServerFixture fixture;
    QVERIFY(serve(fixture, QStringLiteral(R"(
      - query: "{ hello }"
        response: '{"data": {"hello": "world"}}'
)")));
    QElapsedTimer waited;
    waited.start();
    const auto silent = connect(fixture, false);
    QVERIFY(silent);
    const auto initialised = connect(fixture);
    QVERIFY(initialised);
    QTRY_VERIFY_WITH_TIMEOUT(silent->isDisconnected(), 20000);
    // Not before the wait, less what a coarse timer may fire early (5%).
    QVERIFY2(waited.elapsed() >= GraphqlWs::Session::InitTimeoutMs * 95 / 100,
             qPrintable(QString::number(waited.elapsed())));
    QCOMPARE(int(silent->socket().closeCode()), 4408);
    QCOMPARE(silent->socket().closeReason(), QStringLiteral("Connection initialisation timeout"));
    const QList<TrafficEvent> errors = fixture.eventsOf(TrafficEvent::Kind::Error);
    QCOMPARE(errors.size(), 1);
    QCOMPARE(errors.first().cause, TrafficEvent::Cause::ProtocolError);
    QCOMPARE(errors.first().details,
             (QStringList { QStringLiteral("graphql-ws"),
                            QStringLiteral("Connection initialisation timeout: no "
                                           "connection_init within 3000 ms") }));
    QVERIFY(initialised->isConnected());
    const QString answer
        = initialised->ask(graphqlWsSubscribe(QStringLiteral("1"), QStringLiteral("{ hello }")));
    QCOMPARE(typeOf(answer), QStringLiteral("next"));
}

QTEST_MAIN(TestGraphqlWs)
#include "tst_graphqlws.moc"
