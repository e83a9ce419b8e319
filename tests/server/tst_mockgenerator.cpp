// A recorded session (events, a HAR file) becomes a mock file that loads without a problem
// and answers the recorded client messages with the recorded replies.

#include "eventlogreader.h"
#include "harreader.h"
#include "mockgenerator.h"
#include "serverfixture.h"
#include "specloader.h"
#include "testclient.h"

#include <QHash>
#include <QTest>

#include <memory>

namespace {
constexpr qint64 Start = 1'780'000'000'000; // ms since the epoch

// A session written by hand: who said what, when (ms after Start).
class Session
{
public:
    Session &open(quint64 id, const QString &path, qint64 at,
                  const QString &subprotocol = QString())
    {
        m_paths.insert(id, path);
        return add(
            TrafficEvent::opened({ id, path }, QStringLiteral("127.0.0.1:1"), {}, {}, subprotocol),
            at);
    }
    Session &client(quint64 id, const QString &text, qint64 at)
    {
        return add(TrafficEvent::received({ id, m_paths.value(id) }, text, QString()), at);
    }
    Session &server(quint64 id, const QString &text, qint64 at)
    {
        return add(TrafficEvent::sent({ id, m_paths.value(id) }, text, QString()), at);
    }
    Session &clientBinary(quint64 id, const QByteArray &data, qint64 at)
    {
        return add(TrafficEvent::binaryReceived({ id, m_paths.value(id) }, data, QString()), at);
    }
    Session &serverBinary(quint64 id, const QByteArray &data, qint64 at)
    {
        return add(TrafficEvent::sentBinary({ id, m_paths.value(id) }, data, QString()), at);
    }
    QList<TrafficEvent> events() const { return m_events; }

private:
    Session &add(TrafficEvent event, qint64 at)
    {
        event.timestamp = Start + at;
        m_events.append(event);
        return *this;
    }

    QList<TrafficEvent> m_events;
    QHash<quint64, QString> m_paths;
};

// The generated file without its comment lines.
QString body(const QString &yaml)
{
    QStringList lines = yaml.split(QLatin1Char('\n'));
    lines.removeIf([](const QString &line) { return line.startsWith(QLatin1Char('#')); });
    return lines.join(QLatin1Char('\n'));
}

// Text written with ` for \" (moc reads raw strings as plain ones, and a \" in one would
// unbalance its braces).
QString unticked(const char *text)
{
    return QString::fromUtf8(text).replace(QLatin1Char('`'), QLatin1String("\\\""));
}

QString lines(std::initializer_list<const char *> lines)
{
    QString out;
    for (const char *line : lines)
        out += unticked(line) + QLatin1Char('\n');
    return out;
}

// A client's part of a conversation: its path, the frames it waits for first, then each
// message it sends and how many frames answer it before it sends the next.
struct Script
{
    QString path;
    qsizetype greeting = 0;
    QList<QPair<QString, qsizetype>> steps;
};

// Plays the script as a user would and returns every frame received, in order.
QStringList replay(const ServerFixture &fixture, const Script &script)
{
    TestClient client;
    client.open(fixture.url(script.path));
    if (!client.waitForConnected())
        return { QStringLiteral("not connected") };
    qsizetype expected = script.greeting;
    const auto arrived = [&] {
        return QTest::qWaitFor([&] { return client.messages().size() >= expected; }, 15000);
    };
    if (!arrived())
        return client.messages();
    for (const auto &[message, replies] : script.steps) {
        client.socket().sendTextMessage(message);
        expected += replies;
        if (!arrived())
            break;
    }
    return client.messages();
}
} // namespace

class TestMockGenerator : public QObject
{
    Q_OBJECT

private slots:
    void generates_data()
    {
        QTest::addColumn<QList<TrafficEvent>>("events");
        QTest::addColumn<QString>("expected");

        QTest::newRow("on-connect and a rule")
            << Session()
                   .open(1, QStringLiteral("/ws/echo"), 0)
                   .server(1, QStringLiteral(R"({"status": "connected"})"), 2)
                   .client(1, QStringLiteral("ping"), 100)
                   .server(1, QStringLiteral("pong"), 101)
                   .client(1, QStringLiteral("ping"), 200)
                   .server(1, QStringLiteral("pong"), 201)
                   .client(1, QStringLiteral("hello?"), 300)
                   .events()
            << lines({ R"(- websocket:)", R"(    path: '/ws/echo')", R"(    on-connect:)",
                       R"(      response: '{"status": "connected"}')", R"(    on-message:)",
                       R"(      - pattern: 'ping')", R"(        response: 'pong')" });
        QTest::newRow("paths that differ in one segment")
            << Session()
                   .open(1, QStringLiteral("/ws/user/alice"), 0)
                   .server(1, QStringLiteral("Welcome, alice!"), 1)
                   .open(2, QStringLiteral("/ws/user/bob"), 500)
                   .server(2, QStringLiteral("Welcome, bob!"), 501)
                   .client(2, QStringLiteral("who?"), 600)
                   .server(2, QStringLiteral("you are bob"), 601)
                   .open(3, QStringLiteral("/ws/room/7/chat"), 700)
                   .events()
            << lines({ R"(- websocket:)", R"(    path: '/ws/user/:user')", R"(    on-connect:)",
                       R"(      response: 'Welcome, {{path-params.user}}!')", R"(    on-message:)",
                       R"(      - pattern: 'who\?')",
                       R"(        response: 'you are {{path-params.user}}')", R"(- websocket:)",
                       R"(    path: '/ws/room/7/chat')" });
        QTest::newRow("several frames with their delays")
            << Session()
                   .open(1, QStringLiteral("/feed"), 0, QStringLiteral("feed.v1"))
                   .client(1, QStringLiteral("go"), 100)
                   .server(1, QStringLiteral("a"), 101)
                   .server(1, QStringLiteral("b"), 401)
                   .server(1, QStringLiteral("c"), 1401)
                   .client(1, QStringLiteral("slow"), 2000)
                   .server(1, QStringLiteral("done"), 2250)
                   .events()
            << lines({ R"(- websocket:)", R"(    path: '/feed')",
                       R"(    subprotocols: ['feed.v1'])", R"(    on-message:)",
                       R"(      - pattern: 'slow')", R"(        response: 'done')",
                       R"(        delay: 250ms)", R"(      - pattern: 'go')", R"(        frames:)",
                       R"(          - 'a')", R"(          - response: 'b')",
                       R"(            delay: 300ms)", R"(          - response: 'c')",
                       R"(            delay: 1s)" });
        QTest::newRow("JSON messages as JSON patterns, the fuller first")
            << Session()
                   .open(1, QStringLiteral("/api"), 0)
                   .client(1, QStringLiteral(R"({"action": "get"})"), 10)
                   .server(1, QStringLiteral(R"({"all": []})"), 11)
                   .client(1, QStringLiteral(R"({ "id": 1, "action": "get" })"), 20)
                   .server(1, QStringLiteral(R"({"id": 1})"), 21)
                   .events()
            << lines({ R"(- websocket:)", R"(    path: '/api')", R"(    on-message:)",
                       R"(      - pattern: '{"action":"get","id":1}')",
                       R"(        response: '{"id": 1}')", R"(      - pattern: '{"action":"get"}')",
                       R"(        response: '{"all": []}')" });
        QTest::newRow("binary frames")
            << Session()
                   .open(1, QStringLiteral("/bin"), 0)
                   .clientBinary(1, QByteArray("\xca\xfe", 2), 10)
                   .serverBinary(1, QByteArray("\xde\xad\xbe\xef", 4), 11)
                   .events()
            << lines({ R"(- websocket:)", R"(    path: '/bin')", R"(    on-message:)",
                       R"(      - binary: {hex-prefix: 'cafe'})", R"(        frames:)",
                       R"(          - binary: '3q2+7w==')" });
        QTest::newRow("a steady push is a stream")
            << Session()
                   .open(1, QStringLiteral("/ticks"), 0)
                   .server(1, QStringLiteral("hello"), 1)
                   .server(1, QStringLiteral(R"({"tick": 1})"), 1000)
                   .client(1, QStringLiteral("ping"), 1500)
                   .server(1, QStringLiteral("pong"), 1501)
                   .server(1, QStringLiteral(R"({"tick": 2})"), 2010)
                   .server(1, QStringLiteral(R"({"tick": 3})"), 2995)
                   .events()
            << lines({ R"(- websocket:)", R"(    path: '/ticks')", R"(    on-connect:)",
                       R"(      response: 'hello')", R"(    on-message:)",
                       R"(      - pattern: 'ping')", R"(        response: 'pong')",
                       R"(    streams:)", R"(      - every: 1s)", R"(        frames:)",
                       R"(          - '{"tick": 1}')", R"(          - '{"tick": 2}')",
                       R"(          - '{"tick": 3}')" });
        QTest::newRow("a stream a message starts and another stops")
            << Session()
                   .open(1, QStringLiteral("/t"), 0)
                   .client(1, QStringLiteral(R"({"op": "sub", "id": "s1"})"), 100)
                   .server(1, QStringLiteral(R"({"id": "s1", "seq": 1})"), 300)
                   .server(1, QStringLiteral(R"({"id": "s1", "seq": 2})"), 500)
                   .server(1, QStringLiteral(R"({"id": "s1", "seq": 3})"), 700)
                   .client(1, QStringLiteral(R"({"op": "unsub", "id": "s1"})"), 710)
                   .server(1, QStringLiteral(R"({"unsubscribed": true})"), 711)
                   .client(1, QStringLiteral("ping"), 1500)
                   .server(1, QStringLiteral("pong"), 1501)
                   .events()
            << lines({ R"(- websocket:)", R"(    path: '/t')", R"(    on-message:)",
                       R"(      - pattern: '{"id":"s1","op":"unsub"}')",
                       R"(        response: '{"unsubscribed": true}')",
                       R"(        stop-stream: 'stream-1')",
                       R"(      - pattern: '{"id":"s1","op":"sub"}')", R"(        start-stream:)",
                       R"(          key: 'stream-1')", R"(          every: 200ms)",
                       R"(          frames:)", R"(            - '{"id": "s1", "seq": 1}')",
                       R"(            - '{"id": "s1", "seq": 2}')",
                       R"(            - '{"id": "s1", "seq": 3}')", R"(      - pattern: 'ping')",
                       R"(        response: 'pong')" });
        QTest::newRow("a stream a message starts that ends on its own")
            << Session()
                   .open(1, QStringLiteral("/c"), 0)
                   .client(1, QStringLiteral("count"), 100)
                   .server(1, QStringLiteral("3"), 300)
                   .server(1, QStringLiteral("2"), 500)
                   .server(1, QStringLiteral("1"), 700)
                   .client(1, QStringLiteral("ping"), 2000)
                   .server(1, QStringLiteral("pong"), 2001)
                   .events()
            << lines({ R"(- websocket:)", R"(    path: '/c')", R"(    on-message:)",
                       R"(      - pattern: 'count')", R"(        start-stream:)",
                       R"(          key: 'stream-1')", R"(          every: 200ms)",
                       R"(          frames:)", R"(            - '3')", R"(            - '2')",
                       R"(            - '1')", R"(          count: 3)",
                       R"(      - pattern: 'ping')", R"(        response: 'pong')" });
        QTest::newRow("quotes and line breaks")
            << Session()
                   .open(1, QStringLiteral("/q"), 0)
                   .client(1, QStringLiteral("it's [done]"), 10)
                   .server(1, QStringLiteral("line 1\nline 2\u2028\t\"end\""), 11)
                   .events()
            << lines({ R"(- websocket:)", R"(    path: '/q')", R"(    on-message:)",
                       R"(      - pattern: 'it''s \[done\]')",
                       R"(        response: "line 1\nline 2\u2028\t`end`")" });
        QTest::newRow("replies to a client that asks steadily are no stream")
            << Session()
                   .open(1, QStringLiteral("/hb"), 0)
                   .client(1, QStringLiteral("beat"), 1000)
                   .server(1, QStringLiteral("ack"), 1001)
                   .client(1, QStringLiteral("beat"), 2000)
                   .server(1, QStringLiteral("ack"), 2001)
                   .client(1, QStringLiteral("beat"), 3000)
                   .server(1, QStringLiteral("ack"), 3001)
                   .events()
            << lines({ R"(- websocket:)", R"(    path: '/hb')", R"(    on-message:)",
                       R"(      - pattern: 'beat')", R"(        response: 'ack')" });
    }

    void generates()
    {
        QFETCH(const QList<TrafficEvent>, events);
        QFETCH(const QString, expected);
        const MockGenerator::Result result
            = MockGenerator::generate(events, QStringLiteral("session.jsonl"));
        QVERIFY(result.yaml.startsWith(
            QLatin1String("# Mocks generated by mocket-cli generate from session.jsonl\n")));
        QCOMPARE(body(result.yaml), expected);
        const LoadResult loaded = SpecLoader::loadText(result.yaml, QStringLiteral("gen.yml"));
        QVERIFY2(loaded.ok() && loaded.diagnostics.isEmpty(), qPrintable(loaded.diagnosticsText()));
    }

    // Chrome DevTools' HAR: the WebSocket entry's frames, text and binary; other entries and
    // the credentials of the handshake are left out.
    void readsAHarFile()
    {
        const QByteArray har
            = lines(
                  { R"({"log": {"version": "1.2", "entries": [)",
                    R"({"request": {"method": "GET", "url": "https://app.example/index.html", "headers": []},)",
                    R"("startedDateTime": "2026-06-01T10:00:00.000Z"},)",
                    R"({"request": {"method": "GET", "url": "wss://app.example/ws/live?room=5",)",
                    R"("headers": [{"name": "Authorization", "value": "Bearer secret"},)",
                    R"({"name": "Cookie", "value": "sid=secret"},)",
                    R"({"name": "Origin", "value": "https://app.example"}]},)",
                    R"("startedDateTime": "2026-06-01T10:00:01.000Z",)",
                    R"("_webSocketMessages": [)",
                    R"({"type": "receive", "time": 1780308001.002, "opcode": 1, "data": "welcome"},)",
                    R"({"type": "send", "time": 1780308002.0, "opcode": 1, "data": "{`op`: `sub`}"},)",
                    R"({"type": "receive", "time": 1780308002.001, "opcode": 1, "data": "{`ok`: true}"},)",
                    R"({"type": "send", "time": 1780308003.0, "opcode": 2, "data": "AQI="},)",
                    R"({"type": "receive", "time": 1780308003.001, "opcode": 2, "data": "AwQ="}]}]}})" })
                  .toUtf8();
        const EventLogReader::Result read = HarReader::readData(har, QStringLiteral("app.har"));
        QVERIFY2(read.problems.isEmpty(), qPrintable(read.problems.join(QLatin1Char('\n'))));
        QCOMPARE(read.events.size(), 6);
        QCOMPARE(read.events.at(0).handshake.target, QStringLiteral("/ws/live?room=5"));
        QCOMPARE(read.events.at(0).handshake.headers,
                 (HttpExchange::Headers { { "Origin", "https://app.example" } }));
        QCOMPARE(read.events.at(1).sourceName(), QStringLiteral("upstream"));
        QCOMPARE(read.events.at(2).sourceName(), QStringLiteral("client"));

        const QString yaml = MockGenerator::generate(read.events, QStringLiteral("app.har")).yaml;
        QVERIFY(!yaml.contains(QLatin1String("secret")));
        QCOMPARE(
            body(yaml),
            lines({ R"(- websocket:)", R"(    path: '/ws/live')", R"(    on-connect:)",
                    R"(      response: 'welcome')", R"(    on-message:)",
                    R"(      - pattern: '{"op":"sub"}')", R"(        response: '{"ok": true}')",
                    R"(      - binary: {hex-prefix: '0102'})", R"(        frames:)",
                    R"(          - binary: 'AwQ=')" }));
        QVERIFY(!HarReader::readData("{\"log\": {}}", QStringLiteral("x.har")).problems.isEmpty());
    }

    // Served, recorded as JSON lines, generated, served again: the same client messages get
    // the same frames, in the same order.
    void roundTrip()
    {
        const QString original = lines(
            { R"(- websocket:)", R"(    path: /ws/user/:name)", R"(    on-connect:)",
              R"(      response: '{"hello": "{{path-params.name}}"}')", R"(    on-message:)",
              R"(      - pattern: '{"action": "profile"}')",
              R"(        response: '{"user": "{{path-params.name}}", "joined": "2025-03-20"}')",
              R"(      - pattern: 'list (?<what>\w+)')", R"(        frames:)",
              R"(          - 'first {{what}}')", R"(          - response: 'second {{what}}')",
              R"(            delay: 150ms)", R"(      - pattern: ping)",
              R"(        response: pong)" });
        const QList<Script> scripts = {
            { QStringLiteral("/ws/user/alice"),
              1,
              { { QStringLiteral(R"({"action": "profile"})"), 1 },
                { QStringLiteral("list cats"), 2 },
                { QStringLiteral("ping"), 1 } } },
            { QStringLiteral("/ws/user/bob"),
              1,
              { { QStringLiteral("ping"), 1 },
                { QStringLiteral(R"({"action": "profile"})"), 1 } } },
        };

        ServerFixture recorded;
        QVERIFY(recorded.start(specFromYaml(original)));
        QList<QStringList> heard;
        for (const Script &script : scripts) {
            heard.append(replay(recorded, script));
            qsizetype expected = script.greeting;
            for (const auto &step : script.steps)
                expected += step.second;
            QCOMPARE(heard.constLast().size(), expected);
        }
        QByteArray log;
        for (const TrafficEvent &event : recorded.events())
            log += event.toJsonLine() + '\n';
        const EventLogReader::Result read
            = EventLogReader::readData(log, QStringLiteral("s.jsonl"));
        QVERIFY(read.problems.isEmpty());

        const QString generated
            = MockGenerator::generate(read.events, QStringLiteral("s.jsonl")).yaml;
        ServerFixture replayed;
        QVERIFY2(replayed.start(specFromYaml(generated)), qPrintable(generated));
        for (qsizetype i = 0; i < scripts.size(); ++i)
            QCOMPARE(replay(replayed, scripts.at(i)), heard.at(i));
    }

    // A subscription recorded from a server whose streams start and stop on the client's
    // messages: the generated mocks start the ticks on subscribe and stop them on unsubscribe.
    void roundTripOfAStartedStream()
    {
        const QString original = lines(
            { R"(- websocket:)", R"(    path: /ws/ticker)", R"(    on-message:)",
              R"(      - pattern: '{"op": "subscribe", "id": "{{id}}"}')",
              R"(        start-stream:)", R"(          key: '{{json-params.id}}')",
              R"(          every: 300ms)",
              R"(          frames: ['{"id": {{json-params.id | json}}, "seq": {{counter}}}'])",
              R"(      - pattern: '{"op": "unsubscribe", "id": "{{id}}"}')",
              R"(        stop-stream: '{{json-params.id}}')",
              R"(        response: '{"id": {{json-params.id | json}}, "unsubscribed": true}')" });
        const auto talk = [](const ServerFixture &fixture) {
            TestClient client;
            client.open(fixture.url(QStringLiteral("/ws/ticker")));
            if (!client.waitForConnected())
                return QStringList { QStringLiteral("not connected") };
            client.socket().sendTextMessage(QStringLiteral(R"({"op": "subscribe", "id": "s1"})"));
            if (!QTest::qWaitFor([&] { return client.messages().size() >= 3; }, 15000))
                return client.messages();
            client.socket().sendTextMessage(QStringLiteral(R"({"op": "unsubscribe", "id": "s1"})"));
            if (!QTest::qWaitFor([&] { return client.messages().size() >= 4; }, 15000))
                return client.messages();
            QTest::qWait(700); // two intervals and more: the ticks have stopped
            return client.messages();
        };
        ServerFixture recorded;
        QVERIFY(recorded.start(specFromYaml(original)));
        const QStringList heard = talk(recorded);
        QCOMPARE(heard.size(), 4);
        QCOMPARE(heard.constLast(), QStringLiteral(R"({"id": "s1", "unsubscribed": true})"));

        const QString generated
            = MockGenerator::generate(recorded.events(), QStringLiteral("s.jsonl")).yaml;
        QVERIFY2(generated.contains(QLatin1String("start-stream:"))
                     && generated.contains(QLatin1String("stop-stream:")),
                 qPrintable(generated));
        ServerFixture replayed;
        QVERIFY2(replayed.start(specFromYaml(generated)), qPrintable(generated));
        QCOMPARE(talk(replayed), heard);
    }

    // One client frame as the rule generate would write for it: the pattern and the frames
    // its connection got before the client's next frame (another connection's do not count).
    void ruleForOneMessage_data()
    {
        QTest::addColumn<QList<TrafficEvent>>("events");
        QTest::addColumn<int>("message");
        QTest::addColumn<QString>("expected"); // match key, pattern, then "delay|frame" each

        const QList<TrafficEvent> session
            = Session()
                  .open(1, QStringLiteral("/ws/a"), 0)
                  .open(2, QStringLiteral("/ws/a"), 1)
                  .client(1, QStringLiteral(R"({"op": "sub", "id": 7})"), 100)
                  .server(2, QStringLiteral("not for 1"), 110)
                  .server(1, QStringLiteral("ack"), 120)
                  .serverBinary(1, QByteArray("\x01\x02", 2), 420)
                  .client(1, QStringLiteral("a.b (c)"), 500)
                  .clientBinary(1, QByteArray("\x05\x06", 2), 600)
                  .server(1, QStringLiteral("bin"), 610)
                  .events();
        QTest::newRow("json, two frames") << session << 2
                                          << QStringLiteral(R"(pattern {"id":7,"op":"sub"} )"
                                                            "0|ack 300|AQI=");
        QTest::newRow("text, no answer") << session << 6 << QStringLiteral(R"(pattern a\.b \(c\))");
        QTest::newRow("binary") << session << 7 << QStringLiteral("binary 0506 0|bin");
        QTest::newRow("a server frame") << session << 4 << QString();
    }
    void ruleForOneMessage()
    {
        QFETCH(QList<TrafficEvent>, events);
        QFETCH(int, message);
        QFETCH(QString, expected);
        const std::optional<MockGenerator::RuleDraft> draft
            = MockGenerator::ruleFor(events, message);
        QCOMPARE(draft.has_value(), !expected.isEmpty());
        if (!draft)
            return;
        QStringList parts { draft->matchKey, draft->pattern };
        for (const MockGenerator::DraftFrame &frame : draft->replies)
            parts << QString::number(frame.delayMs) + QLatin1Char('|')
                    + (frame.binary ? QString::fromLatin1(frame.data.toBase64()) : frame.text);
        QCOMPARE(parts.join(QLatin1Char(' ')), expected);
    }
};

QTEST_GUILESS_MAIN(TestMockGenerator)
#include "tst_mockgenerator.moc"
