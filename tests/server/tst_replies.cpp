// Beyond the spec: delays, several frames, other recipients, closing. Timing is asserted by
// order and by generous bounds, never by tight absolute times.
#include "eventtext.h"
#include "journal.h"
#include "runreport.h"
#include "serverfixture.h"
#include "specloader.h"
#include "testclient.h"
#include "testfiles.h"

#include <QNetworkRequest>
#include <QSignalSpy>
#include <QTest>
#include <QRegularExpression>
#include <QWebSocketHandshakeOptions>

#include <memory>

namespace {

const char *const Chat = R"(
- websocket:
    path: /chat/:room
    on-connect:
      response: 'welcome to {{path-params.room}}'
    on-message:
      - pattern: 'slow'
        response: 'finally'
        delay: 300ms
      - pattern: 'story'
        frames:
          - once
          - response: upon
            delay: 150ms
          - response: a time
            delay: 150ms
      - pattern: 'say (?<text>.*)'
        response: '{{text}}'
        to: others
      - pattern: 'shout (?<text>.*)'
        response: '{{text}}!'
        to: endpoint
      - pattern: 'bye'
        response: 'see you'
        close:
          code: 4000
          reason: asked to leave
      - pattern: 'blob'
        frames:
          - binary: AAEC/w==
      - pattern: 'jitter'
        response: 'ok'
        delay: 50ms..150ms
)";

} // namespace

class TestReplies : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<ServerFixture> m_fixture;

    MockServer &server() { return m_fixture->server(); }

private slots:
    void init()
    {
        m_fixture = std::make_unique<ServerFixture>();
        const MockSpecPtr spec = specFromYaml(QString::fromUtf8(Chat));
        QVERIFY(spec);
        QVERIFY(m_fixture->start(spec));
    }
    void cleanup() { m_fixture.reset(); }

    void loaderReadsTheNewKeys()
    {
        const MockSpecPtr spec = specFromYaml(QString::fromUtf8(Chat));
        QVERIFY(spec);
        const QList<Rule> &rules = spec->endpoints.at(0).rules;
        QCOMPARE(rules.at(0).reply.delay.minMs, 300);
        QCOMPARE(rules.at(1).reply.frames.size(), 3);
        QCOMPARE(rules.at(1).reply.frames.at(2).delay.maxMs, 150);
        QCOMPARE(int(rules.at(2).reply.to), int(Audience::Others));
        QCOMPARE(int(rules.at(3).reply.to), int(Audience::Endpoint));
        QCOMPARE(rules.at(4).reply.closeCode, 4000);
        QCOMPARE(rules.at(4).reply.closeReason, QStringLiteral("asked to leave"));
        QCOMPARE(rules.at(5).reply.frames.at(0).binary, QByteArray("\x00\x01\x02\xff", 4));
        QCOMPARE(rules.at(6).reply.delay.minMs, 50);
        QCOMPARE(rules.at(6).reply.delay.maxMs, 150);
    }

    // The README's examples, gathered in the bundled beyond.yml, load cleanly.
    void bundledExampleLoads()
    {
        const LoadResult result = SpecLoader::loadFile(examplePath(QStringLiteral("beyond.yml")));
        QVERIFY2(result.ok() && result.diagnostics.isEmpty(), qPrintable(result.diagnosticsText()));
        const Endpoint &e = result.spec->endpoints.at(0);
        QCOMPARE(e.subprotocols,
                 (QStringList { QStringLiteral("chat.v2"), QStringLiteral("chat.v1") }));
        QCOMPARE(e.greetingReply.frames.size(), 3);
        QCOMPARE(e.streams.size(), 2);
        QVERIFY(e.streams.at(1).toAll && e.streams.at(1).once);
        QVERIFY(e.rules.at(3).matchesBinary);
        QCOMPARE(e.rules.at(3).binaryPrefix, QByteArray::fromHex("cafe"));
    }

    void badValuesAreReported_data()
    {
        QTest::addColumn<QString>("yaml");
        QTest::addColumn<QString>("diagnostic");
        const QString head
            = QStringLiteral("- websocket:\n    path: /a\n    on-message:\n      - pattern: x\n");
        QTest::newRow("delay") << head
                + QStringLiteral("        response: y\n        delay: soon\n")
                               << QStringLiteral(
                                      "t.yml:6:16: error: 'delay' must be a duration such as "
                                      "250ms, 1.5s or 100ms..300ms (at most 1 hour)");
        QTest::newRow("reversed range")
            << head + QStringLiteral("        response: y\n        delay: 2s..1s\n")
            << QStringLiteral("t.yml:6:16: error: 'delay' must be a duration such as 250ms, 1.5s "
                              "or 100ms..300ms (at most 1 hour)");
        QTest::newRow("to") << head + QStringLiteral("        response: y\n        to: everyone\n")
                            << QStringLiteral("t.yml:6:13: error: 'to' must be sender, endpoint "
                                              "(every connection of this endpoint) or others");
        QTest::newRow("close code")
            << head + QStringLiteral("        response: y\n        close: 1005\n")
            << QStringLiteral("t.yml:6:16: error: close code 1005 cannot be sent (use 1000-1003, "
                              "1007-1014 or 3000-4999)");
        QTest::newRow("response and frames")
            << head + QStringLiteral("        response: y\n        frames: [a]\n")
            << QStringLiteral("t.yml:4:9: error: rule has both 'response' and 'frames'; use one");
        QTest::newRow("binary") << head
                + QStringLiteral("        frames:\n          - binary: '***'\n")
                                << QStringLiteral(
                                       "t.yml:6:21: error: 'binary' must be base64 text");
    }
    void badValuesAreReported()
    {
        QFETCH(QString, yaml);
        QFETCH(QString, diagnostic);
        const LoadResult result = SpecLoader::loadText(yaml, QStringLiteral("t.yml"));
        QVERIFY(!result.ok());
        QCOMPARE(result.diagnosticsText(), diagnostic);
    }

    void delayedReplyComesLaterAndInOrder()
    {
        TestClient c;
        c.open(m_fixture->url(QStringLiteral("/chat/a")));
        QTRY_COMPARE_WITH_TIMEOUT(c.messages().size(), 1, 5000);
        const qint64 sentAt = c.elapsedMs();
        c.socket().sendTextMessage(QStringLiteral("slow"));
        c.socket().sendTextMessage(QStringLiteral("say nobody hears this")); // to others: none
        QTRY_COMPARE_WITH_TIMEOUT(c.messages().size(), 2, 5000);
        QCOMPARE(c.messages().at(1), QStringLiteral("finally"));
        QVERIFY2(c.arrivals().at(1) - sentAt >= 290,
                 qPrintable(QString::number(c.arrivals().at(1) - sentAt)));
        const TrafficEvent sent = m_fixture->events().constLast();
        QCOMPARE(sent.kind, TrafficEvent::Kind::Sent);
        QCOMPARE(EventText::note(sent), QStringLiteral("delayed 300ms"));
    }

    void severalFramesArriveInOrderWithTheirDelays()
    {
        TestClient c;
        c.open(m_fixture->url(QStringLiteral("/chat/a")));
        QTRY_COMPARE_WITH_TIMEOUT(c.messages().size(), 1, 5000);
        c.socket().sendTextMessage(QStringLiteral("story"));
        QTRY_COMPARE_WITH_TIMEOUT(c.messages().size(), 4, 5000);
        QCOMPARE(c.messages().mid(1),
                 (QStringList { QStringLiteral("once"), QStringLiteral("upon"),
                                QStringLiteral("a time") }));
        QVERIFY2(c.arrivals().at(2) - c.arrivals().at(1) >= 140,
                 qPrintable(QStringLiteral("%1 %2 %3 %4")
                                .arg(c.arrivals().at(0))
                                .arg(c.arrivals().at(1))
                                .arg(c.arrivals().at(2))
                                .arg(c.arrivals().at(3))));
        QVERIFY(c.arrivals().at(3) - c.arrivals().at(2) >= 140);
    }

    void randomDelayStaysInItsRange()
    {
        TestClient c;
        c.open(m_fixture->url(QStringLiteral("/chat/a")));
        QTRY_COMPARE_WITH_TIMEOUT(c.messages().size(), 1, 5000);
        for (int i = 0; i < 5; ++i)
            c.socket().sendTextMessage(QStringLiteral("jitter"));
        QTRY_COMPARE_WITH_TIMEOUT(c.messages().size(), 6, 5000);
        for (const TrafficEvent &e : m_fixture->events()) {
            if (e.kind != TrafficEvent::Kind::Sent || e.rule != QLatin1String("on-message[6]"))
                continue;
            const int ms = EventText::note(e).section(QLatin1Char(' '), 1).chopped(2).toInt();
            QVERIFY2(ms >= 50 && ms <= 150, qPrintable(EventText::note(e)));
        }
    }

    void repliesToOthersAndToTheWholeEndpoint()
    {
        TestClient alice, bob, carol, elsewhere;
        alice.open(m_fixture->url(QStringLiteral("/chat/a")));
        bob.open(m_fixture->url(QStringLiteral("/chat/b")));
        carol.open(m_fixture->url(QStringLiteral("/chat/c")));
        for (const TestClient *client : { &alice, &bob, &carol })
            QTRY_COMPARE_WITH_TIMEOUT(client->messages().size(), 1, 5000);
        alice.socket().sendTextMessage(QStringLiteral("say hi all"));
        QTRY_VERIFY(bob.messages().size() == 2 && carol.messages().size() == 2);
        QCOMPARE(bob.messages().at(1), QStringLiteral("hi all"));
        QCOMPARE(carol.messages().at(1), QStringLiteral("hi all"));
        bob.socket().sendTextMessage(QStringLiteral("shout hey"));
        QTRY_VERIFY(alice.messages().size() == 2 && bob.messages().size() == 3
                    && carol.messages().size() == 3);
        QCOMPARE(alice.messages().at(1), QStringLiteral("hey!")); // never its own "say"
        QCOMPARE(bob.messages().at(2), QStringLiteral("hey!"));
        QCOMPARE(carol.messages().at(2), QStringLiteral("hey!"));
        QStringList notes;
        for (const TrafficEvent &e : m_fixture->events()) {
            if (e.kind == TrafficEvent::Kind::Sent && !EventText::note(e).isEmpty())
                notes.append(EventText::note(e));
        }
        QVERIFY2(notes.contains(QStringLiteral("to others (2)")),
                 qPrintable(notes.join(QLatin1Char('|'))));
        QVERIFY2(notes.contains(QStringLiteral("to the endpoint (3)")),
                 qPrintable(notes.join(QLatin1Char('|'))));
    }

    void ruleClosesAfterItsFrames()
    {
        TestClient c;
        c.open(m_fixture->url(QStringLiteral("/chat/a")));
        QTRY_COMPARE_WITH_TIMEOUT(c.messages().size(), 1, 5000);
        c.socket().sendTextMessage(QStringLiteral("bye"));
        QTRY_VERIFY_WITH_TIMEOUT(c.isDisconnected(), 5000);
        QCOMPARE(c.messages().constLast(), QStringLiteral("see you")); // the frame, then the close
        QCOMPARE(int(c.socket().closeCode()), 4000);
        QCOMPARE(c.socket().closeReason(), QStringLiteral("asked to leave"));
    }

    void binaryFrames()
    {
        TestClient c;
        c.open(m_fixture->url(QStringLiteral("/chat/a")));
        QTRY_COMPARE_WITH_TIMEOUT(c.messages().size(), 1, 5000);
        c.socket().sendTextMessage(QStringLiteral("blob"));
        QTRY_COMPARE_WITH_TIMEOUT(c.binaries().size(), 1, 5000);
        QCOMPARE(c.binaries().at(0), QByteArray("\x00\x01\x02\xff", 4));
        QCOMPARE(EventText::note(m_fixture->events().constLast()), QStringLiteral("binary"));
        QCOMPARE(m_fixture->events().constLast().payload, QStringLiteral("00 01 02 ff"));
    }

    void greetingCanAnnounceAndClose()
    {
        server().setSpec(specFromYaml(QStringLiteral(R"(
- websocket:
    path: /room
    on-connect:
      response: someone joined
      to: others
- websocket:
    path: /full
    on-connect:
      frames:
        - sorry, full
      close: {code: 4001, reason: full}
)")));
        TestClient first, second;
        first.open(m_fixture->url(QStringLiteral("/room")));
        QTRY_VERIFY_WITH_TIMEOUT(first.socket().state() == QAbstractSocket::ConnectedState, 5000);
        second.open(m_fixture->url(QStringLiteral("/room")));
        QTRY_COMPARE_WITH_TIMEOUT(first.messages(),
                                  QStringList { QStringLiteral("someone joined") }, 5000);
        QTest::qWait(50);
        QVERIFY(second.messages().isEmpty());

        TestClient refused;
        refused.open(m_fixture->url(QStringLiteral("/full")));
        QTRY_VERIFY_WITH_TIMEOUT(refused.isDisconnected(), 5000);
        QCOMPARE(refused.messages(), QStringList { QStringLiteral("sorry, full") });
        QCOMPARE(int(refused.socket().closeCode()), 4001);
    }

    // The server fills the template values that only it knows: headers, connection, counts.
    void serverSideTemplateValues()
    {
        server().setSpec(specFromYaml(QStringLiteral(R"(
- websocket:
    path: /who
    on-connect:
      response: '{"agent": "{{header-params.X-Client | default none}}", "id": {{connection.id}}}'
    on-message:
      - pattern: 'count'
        response: '{{connection.messages}} {{message | upper}}'
)")));
        TestClient c;
        QNetworkRequest request(QUrl(server().url().toString() + QStringLiteral("/who")));
        // The header as the client spells it; the template names it in another case.
        request.setRawHeader("x-CLIENT", "test-suite \"1\"");
        c.open(request);
        QTRY_COMPARE_WITH_TIMEOUT(c.messages().size(), 1, 5000);
        const quint64 id = server().connectionIds().value(0);
        QCOMPARE(c.messages().at(0),
                 QStringLiteral("{\"agent\": \"test-suite \\\"1\\\"\", \"id\": %1}").arg(id));
        c.socket().sendTextMessage(QStringLiteral("count"));
        c.socket().sendTextMessage(QStringLiteral("count"));
        QTRY_COMPARE(c.messages().size(), 3);
        QCOMPARE(c.messages().at(1), QStringLiteral("1 COUNT"));
        QCOMPARE(c.messages().at(2), QStringLiteral("2 COUNT"));
    }

    void streamsToEachAndToAll()
    {
        server().setSpec(specFromYaml(QStringLiteral(R"(
- websocket:
    path: /ticker
    streams:
      - every: 50ms
        frames: ['tick {{counter}}', 'tock {{counter}}']
      - every: 80ms
        to: all
        mode: once
        frames: ['news 1', 'news 2']
)")));
        TestClient a, b;
        a.open(m_fixture->url(QStringLiteral("/ticker")));
        b.open(m_fixture->url(QStringLiteral("/ticker")));
        auto count = [](const TestClient &c, const QString &prefix) {
            return std::count_if(c.messages().cbegin(), c.messages().cend(),
                                 [&prefix](const QString &m) { return m.startsWith(prefix); });
        };
        QTRY_VERIFY_WITH_TIMEOUT(
            count(a, QStringLiteral("t")) >= 4 && count(b, QStringLiteral("t")) >= 4, 5000);
        // Each connection counts on its own and cycles through the frames in order.
        const QStringList ticks = a.messages().filter(QRegularExpression(QStringLiteral("^t")));
        QCOMPARE(ticks.mid(0, 4),
                 (QStringList { QStringLiteral("tick 1"), QStringLiteral("tock 2"),
                                QStringLiteral("tick 3"), QStringLiteral("tock 4") }));
        // The broadcast goes to both, once through its frames, then stops.
        QTRY_VERIFY_WITH_TIMEOUT(
            count(a, QStringLiteral("news")) == 2 && count(b, QStringLiteral("news")) == 2, 5000);
        QTest::qWait(250);
        QCOMPARE(count(a, QStringLiteral("news")), 2);
        QCOMPARE(a.messages().filter(QStringLiteral("news")),
                 (QStringList { QStringLiteral("news 1"), QStringLiteral("news 2") }));
        bool marked = false;
        for (const TrafficEvent &e : m_fixture->events())
            marked = marked
                || (e.rule == QLatin1String("streams[1]")
                    && EventText::note(e).contains(QLatin1String("to all")));
        QVERIFY(marked);
        // A stream stops with its connection; closing is clean.
        a.socket().close();
        QTRY_VERIFY_WITH_TIMEOUT(a.isDisconnected(), 5000);
        QTRY_COMPARE(server().connectionCount(), 1);
    }

    void streamsNeedASaneInterval()
    {
        const LoadResult result
            = SpecLoader::loadText(QStringLiteral("- websocket:\n    path: /a\n    streams:\n      "
                                                  "- every: 1ms\n        frames: [x]\n"),
                                   QStringLiteral("t.yml"));
        QVERIFY(!result.ok());
        QCOMPARE(result.diagnosticsText(),
                 QStringLiteral(
                     "t.yml:4:16: error: 'every' must be at least 10ms, so a stream cannot flood"));
    }

    void binaryRules()
    {
        server().setSpec(specFromYaml(QStringLiteral(R"(
- websocket:
    path: /bin
    on-message:
      - binary: {hex-prefix: "cafe"}
        frames:
          - binary: 3q2+7w==
      - binary: any
        response: 'got {{connection.messages}} binary'
      - pattern: ping
        response: pong
)")));
        TestClient c;
        c.open(m_fixture->url(QStringLiteral("/bin")));
        QTRY_VERIFY_WITH_TIMEOUT(c.socket().state() == QAbstractSocket::ConnectedState, 5000);
        c.socket().sendBinaryMessage(QByteArray::fromHex("cafe01"));
        QTRY_COMPARE_WITH_TIMEOUT(c.binaries().size(), 1, 5000);
        QCOMPARE(c.binaries().at(0), QByteArray::fromHex("deadbeef"));
        c.socket().sendBinaryMessage(QByteArray::fromHex("0102"));
        QTRY_COMPARE(c.messages().size(), 1);
        QCOMPARE(c.messages().at(0), QStringLiteral("got 2 binary"));
        c.socket().sendTextMessage(QStringLiteral("ping")); // text never hits a binary rule
        QTRY_COMPARE(c.messages().size(), 2);
        QCOMPARE(c.messages().at(1), QStringLiteral("pong"));
    }

    // The fallback answers what no rule does, yet the message is still logged as unmatched
    // (journals and --fail-on-unmatched count it), and its reply is marked as the fallback.
    void fallbackAnswersUnmatchedMessages()
    {
        server().setSpec(specFromYaml(QStringLiteral(R"(
- websocket:
    path: /fb
    on-unmatched:
      response: 'unknown: {{message}}'
    on-message:
      - pattern: ping
        response: pong
)")));
        TestClient c;
        c.open(m_fixture->url(QStringLiteral("/fb")));
        QTRY_VERIFY_WITH_TIMEOUT(c.socket().state() == QAbstractSocket::ConnectedState, 10000);
        c.socket().sendTextMessage(QStringLiteral("ping"));
        c.socket().sendTextMessage(QStringLiteral("hello"));
        c.socket().sendBinaryMessage(QByteArray::fromHex("01"));
        QTRY_COMPARE_WITH_TIMEOUT(c.messages().size(), 3, 10000);
        QCOMPARE(c.messages(),
                 (QStringList { QStringLiteral("pong"), QStringLiteral("unknown: hello"),
                                QStringLiteral("unknown: ") }));
        QStringList unmatched, fallback;
        Journal journal;
        RunTally tally;
        for (const TrafficEvent &event : m_fixture->events()) {
            journal.add(event);
            tally.add(event, QStringLiteral("/fb"));
            if (event.kind == TrafficEvent::Kind::Unmatched)
                QCOMPARE(event.toLine().section(QLatin1Char('['), 1),
                         QStringLiteral("unmatched, answered by on-unmatched]"));
            if (event.kind == TrafficEvent::Kind::Unmatched
                || (event.kind == TrafficEvent::Kind::Binary && event.rule.isEmpty()))
                unmatched.append(event.payload);
            if (event.kind == TrafficEvent::Kind::Sent
                && event.rule == QLatin1String("on-unmatched"))
                fallback.append(event.payload);
        }
        QCOMPARE(unmatched, (QStringList { QStringLiteral("hello"), QStringLiteral("01") }));
        QCOMPARE(fallback,
                 (QStringList { QStringLiteral("unknown: hello"), QStringLiteral("unknown: ") }));
        JournalFilter onlyUnmatched;
        onlyUnmatched.unmatchedOnly = true;
        QCOMPARE(journal.find(onlyUnmatched).size(), 2);
        QCOMPARE(tally.unmatched().size(), 2);
    }

    void aDisabledRuleNeverAnswers()
    {
        server().setSpec(specFromYaml(QStringLiteral(R"(
- websocket:
    path: /off
    on-message:
      - pattern: ping
        response: old pong
        enabled: false
      - pattern: ping
        response: pong
      - binary: any
        response: old binary
        enabled: false
      - pattern: quiet
        response: never
        enabled: false
)")));
        TestClient c;
        c.open(m_fixture->url(QStringLiteral("/off")));
        QTRY_VERIFY_WITH_TIMEOUT(c.socket().state() == QAbstractSocket::ConnectedState, 10000);
        c.socket().sendTextMessage(QStringLiteral("quiet"));
        c.socket().sendBinaryMessage(QByteArray::fromHex("01"));
        c.socket().sendTextMessage(QStringLiteral("ping"));
        QTRY_COMPARE_WITH_TIMEOUT(c.messages().size(), 1, 10000);
        QCOMPARE(c.messages().at(0), QStringLiteral("pong"));
        QTRY_VERIFY_WITH_TIMEOUT(!m_fixture->events().isEmpty()
                                     && m_fixture->events().constLast().kind
                                         == TrafficEvent::Kind::Sent,
                                 10000);
        QCOMPARE(m_fixture->events().constLast().rule, QStringLiteral("on-message[1]"));
    }

    void subprotocolsAreNegotiatedPerEndpoint()
    {
        server().setSpec(specFromYaml(QStringLiteral(R"(
- websocket:
    path: /chat
    subprotocols: [chat.v2, chat.v1]
    on-connect:
      response: hi
- websocket:
    path: /plain
    on-connect:
      response: hello
)")));
        auto openWith = [this](TestClient &c, const QString &path, const QStringList &protocols) {
            QWebSocketHandshakeOptions options;
            options.setSubprotocols(protocols);
            c.open(m_fixture->url(path), options);
        };
        TestClient chat;
        openWith(chat, QStringLiteral("/chat"), { QStringLiteral("chat.v1") });
        QTRY_COMPARE_WITH_TIMEOUT(chat.messages().size(), 1, 5000);
        QCOMPARE(chat.socket().subprotocol(), QStringLiteral("chat.v1"));
        const TrafficEvent opened = *std::find_if(
            m_fixture->events().cbegin(), m_fixture->events().cend(),
            [](const TrafficEvent &e) { return e.kind == TrafficEvent::Kind::Opened; });
        QCOMPARE(EventText::note(opened), QStringLiteral("subprotocol chat.v1"));

        TestClient other;
        openWith(other, QStringLiteral("/chat"), { QStringLiteral("mqtt") });
        QTRY_COMPARE_WITH_TIMEOUT(other.messages().size(), 1, 5000);
        QVERIFY(other.socket().subprotocol().isEmpty()); // none agreed: the client decides

        // Another endpoint's protocol is not smuggled in through /plain.
        TestClient wrong;
        openWith(wrong, QStringLiteral("/plain"), { QStringLiteral("chat.v2") });
        QTRY_VERIFY_WITH_TIMEOUT(
            wrong.isDisconnected() || wrong.socket().error() != QAbstractSocket::UnknownSocketError,
            5000);
        QVERIFY(wrong.messages().isEmpty());
        QVERIFY(EventText::detail(m_fixture->events().constLast())
                    .contains(QStringLiteral("does not offer subprotocol chat.v2")));
    }

    void aClosedConnectionMissesItsDelayedFrames()
    {
        TestClient c;
        c.open(m_fixture->url(QStringLiteral("/chat/a")));
        QTRY_COMPARE_WITH_TIMEOUT(c.messages().size(), 1, 5000);
        c.socket().sendTextMessage(QStringLiteral("slow"));
        c.socket().close();
        QTRY_VERIFY_WITH_TIMEOUT(c.isDisconnected(), 5000);
        QTest::qWait(400); // past the 300 ms delay: nothing may crash or be sent
        QCOMPARE(server().connectionCount(), 0);
        for (const TrafficEvent &e : m_fixture->events())
            QVERIFY(!(e.kind == TrafficEvent::Kind::Sent && e.payload == QLatin1String("finally")));
    }
};

QTEST_GUILESS_MAIN(TestReplies)
#include "tst_replies.moc"
