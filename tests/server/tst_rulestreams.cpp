// Streams started and stopped by rules (`start-stream`, `stop-stream`): one per key and
// connection, with the starting message's values, a count and a final frame, a limit per
// connection; and the bundled ticker example, a subscription API, end to end.
#include "eventtext.h"
#include "serverfixture.h"
#include "specloader.h"
#include "testclient.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <memory>

namespace {

const char *const Streams = R"(
- websocket:
    path: /s
    on-message:
      - pattern: '{"op": "count", "id": "{{id}}"}'
        start-stream:
          key: '{{json-params.id}}'
          every: 20ms
          count: 3
          frames: ['{{json-params.id}} {{counter}}']
          final: {response: '{{json-params.id}} done'}
      - pattern: '{"op": "watch", "id": "{{id}}"}'
        start-stream:
          key: '{{json-params.id}}'
          every: 10s
          frames: ['never this soon']
        response: 'watching {{json-params.id}}'
      - pattern: '{"op": "tick", "id": "{{id}}"}'
        start-stream:
          key: '{{json-params.id}}'
          every: 50ms
          frames: ['{{json-params.id}} {{counter}}']
      - pattern: '{"op": "stop", "id": "{{id}}"}'
        stop-stream: '{{json-params.id}}'
        response: 'stopped {{json-params.id}}'
      - pattern: ping
        response: pong
)";

QStringList notesAndWarnings(const QList<TrafficEvent> &events)
{
    QStringList texts;
    for (const TrafficEvent &event : events) {
        if (TrafficEvent::kindName(event.kind) == QLatin1String("note")
            || event.kind == TrafficEvent::Kind::Warning)
            texts.append(EventText::detail(event, EventText::Language::English));
    }
    return texts;
}

QList<QJsonObject> ticksOf(const QStringList &messages, const QString &id)
{
    QList<QJsonObject> ticks;
    for (const QString &message : messages) {
        const QJsonObject object = QJsonDocument::fromJson(message.toUtf8()).object();
        if (object.value(QLatin1String("id")).toString() == id
            && object.contains(QLatin1String("seq")))
            ticks.append(object);
    }
    return ticks;
}

} // namespace

class TestRuleStreams : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<ServerFixture> m_fixture;

    bool serve(const MockSpecPtr &spec)
    {
        m_fixture = std::make_unique<ServerFixture>();
        return spec && m_fixture->start(spec);
    }

private slots:
    void cleanup() { m_fixture.reset(); }

    void countedStreamSendsItsFinalFrameAndEnds()
    {
        QVERIFY(serve(specFromYaml(QString::fromUtf8(Streams))));
        TestClient client;
        client.open(m_fixture->url(QStringLiteral("/s")));
        QVERIFY(client.waitForConnected(20000));
        client.socket().sendTextMessage(QStringLiteral(R"({"op": "count", "id": "q"})"));
        QTRY_COMPARE_WITH_TIMEOUT(client.messages().size(), 4, 20000);
        QCOMPARE(client.messages(),
                 (QStringList { QStringLiteral("q 1"), QStringLiteral("q 2"), QStringLiteral("q 3"),
                                QStringLiteral("q done") }));
        QTRY_COMPARE_WITH_TIMEOUT(
            notesAndWarnings(m_fixture->events()),
            (QStringList { QStringLiteral("stream 'q' started"),
                           QStringLiteral("stream 'q' finished after 3 frames") }),
            20000);
        // Ended: the next frame the client gets is the answer to its next message.
        QCOMPARE(client.ask(QStringLiteral("ping"), 20000), QStringLiteral("pong"));
        QCOMPARE(client.messages().size(), 5);
    }

    void startingARunningKeyRestartsIt()
    {
        QVERIFY(serve(specFromYaml(QString::fromUtf8(Streams))));
        TestClient client;
        client.open(m_fixture->url(QStringLiteral("/s")));
        QVERIFY(client.waitForConnected(20000));
        const QString tick = QStringLiteral(R"({"op": "tick", "id": "t"})");
        client.socket().sendTextMessage(tick);
        QTRY_VERIFY_WITH_TIMEOUT(client.messages().contains(QStringLiteral("t 2")), 20000);
        client.socket().sendTextMessage(tick);
        QTRY_COMPARE_WITH_TIMEOUT(client.messages().count(QStringLiteral("t 1")), 2, 20000);
        QCOMPARE(client.ask(QStringLiteral(R"({"op": "stop", "id": "t"})"), 20000).isNull(), false);
        QCOMPARE(notesAndWarnings(m_fixture->events()).count(QStringLiteral("stream 't' started")),
                 2);
    }

    void streamsAreLimitedPerConnection()
    {
        QVERIFY(serve(specFromYaml(QString::fromUtf8(Streams))));
        TestClient client;
        client.open(m_fixture->url(QStringLiteral("/s")));
        QVERIFY(client.waitForConnected(20000));
        const int limit = 64;
        for (int i = 1; i <= limit + 1; ++i)
            client.socket().sendTextMessage(
                QStringLiteral(R"({"op": "watch", "id": "w%1"})").arg(i));
        QTRY_COMPARE_WITH_TIMEOUT(client.messages().size(), limit + 1, 20000);
        const QStringList log = notesAndWarnings(m_fixture->events());
        QCOMPARE(log.size(), limit + 1);
        QCOMPARE(log.constLast(),
                 QStringLiteral("stream 'w65' not started: this connection already runs 64 "
                                "streams, the limit"));
        // One stopped makes room for another; the server and the connection go on.
        QCOMPARE(client.ask(QStringLiteral(R"({"op": "stop", "id": "w1"})"), 20000),
                 QStringLiteral("stopped w1"));
        QCOMPARE(client.ask(QStringLiteral(R"({"op": "watch", "id": "w65"})"), 20000),
                 QStringLiteral("watching w65"));
        QCOMPARE(notesAndWarnings(m_fixture->events()).mid(limit + 1),
                 (QStringList { QStringLiteral("stream 'w1' stopped"),
                                QStringLiteral("stream 'w65' started") }));
    }

    // A stop-stream whose key names no running stream says so, in the log's own words.
    void stoppingNoStreamIsNoted()
    {
        QVERIFY(serve(specFromYaml(QString::fromUtf8(Streams))));
        TestClient client;
        client.open(m_fixture->url(QStringLiteral("/s")));
        QVERIFY(client.waitForConnected(20000));
        QCOMPARE(client.ask(QStringLiteral(R"({"op": "stop", "id": "nope"})"), 20000),
                 QStringLiteral("stopped nope"));
        QCOMPARE(notesAndWarnings(m_fixture->events()),
                 QStringList { QStringLiteral("stream 'nope' not stopped: no stream runs under "
                                              "that key") });
        const QList<TrafficEvent> notes = m_fixture->eventsOf(TrafficEvent::Kind::Note);
        QCOMPARE(notes.size(), 1);
        QCOMPARE(notes.first().rule, QStringLiteral("on-message[3]"));
        QVERIFY(notes.first().toLine().contains(
            QStringLiteral("stream 'nope' not stopped: no stream runs under that key")));
        QVERIFY(notes.first().toJsonLine().contains("not stopped: no stream runs under that key"));
    }

    void tickerExample()
    {
        QVERIFY(serve(exampleSpec(QStringLiteral("ticker.yml"))));
        TestClient client;
        client.open(m_fixture->url(QStringLiteral("/ws/ticker")));
        QVERIFY(client.waitForConnected(20000));
        client.socket().sendTextMessage(
            QStringLiteral(R"({"op": "subscribe", "id": "s1", "symbol": "ACME"})"));
        client.socket().sendTextMessage(
            QStringLiteral(R"({"op": "subscribe", "id": "s2", "symbol": "INIT"})"));
        QTRY_VERIFY_WITH_TIMEOUT(ticksOf(client.messages(), QStringLiteral("s1")).size() >= 2
                                     && ticksOf(client.messages(), QStringLiteral("s2")).size()
                                         >= 2,
                                 20000);
        const QList<QJsonObject> first = ticksOf(client.messages(), QStringLiteral("s1"));
        for (int i = 0; i < first.size(); ++i) {
            QCOMPARE(first.at(i).value(QLatin1String("symbol")).toString(), QStringLiteral("ACME"));
            QCOMPARE(first.at(i).value(QLatin1String("seq")).toInt(), i + 1);
            QVERIFY(first.at(i).value(QLatin1String("price")).isDouble());
        }
        QCOMPARE(ticksOf(client.messages(), QStringLiteral("s2")).first().value(u"symbol"),
                 QJsonValue(QStringLiteral("INIT")));

        client.socket().sendTextMessage(QStringLiteral(R"({"op": "unsubscribe", "id": "s1"})"));
        QTRY_VERIFY_WITH_TIMEOUT(
            client.messages().contains(QStringLiteral(R"({"id": "s1", "unsubscribed": true})")),
            20000);
        const qsizetype s1Ticks = ticksOf(client.messages(), QStringLiteral("s1")).size();
        const qsizetype s2Ticks = ticksOf(client.messages(), QStringLiteral("s2")).size();
        // s2 goes on for three more ticks (600 ms); s1 sent nothing more.
        QTRY_VERIFY_WITH_TIMEOUT(
            ticksOf(client.messages(), QStringLiteral("s2")).size() >= s2Ticks + 3, 20000);
        QCOMPARE(ticksOf(client.messages(), QStringLiteral("s1")).size(), s1Ticks);
    }

    void streamsDieWithTheirConnection()
    {
        QVERIFY(serve(specFromYaml(QString::fromUtf8(Streams))));
        auto client = std::make_unique<TestClient>();
        client->open(m_fixture->url(QStringLiteral("/s")));
        QVERIFY(client->waitForConnected(20000));
        client->socket().sendTextMessage(QStringLiteral(R"({"op": "tick", "id": "t"})"));
        QTRY_VERIFY_WITH_TIMEOUT(!client->messages().isEmpty(), 20000);
        client.reset();
        QTRY_COMPARE_WITH_TIMEOUT(m_fixture->server().connectionCount(), 0, 20000);
        const qsizetype events = m_fixture->events().size();
        // Another client's stream ticks three times; the closed one sent nothing more.
        TestClient other;
        other.open(m_fixture->url(QStringLiteral("/s")));
        QVERIFY(other.waitForConnected(20000));
        other.socket().sendTextMessage(QStringLiteral(R"({"op": "tick", "id": "u"})"));
        QTRY_COMPARE_WITH_TIMEOUT(other.messages().size() >= 3, true, 20000);
        for (const TrafficEvent &event : m_fixture->events().mid(events))
            QVERIFY2(event.kind != TrafficEvent::Kind::Sent || !event.payload.startsWith(u"t "),
                     qPrintable(event.payload));
    }
};

QTEST_GUILESS_MAIN(TestRuleStreams)
#include "tst_rulestreams.moc"
