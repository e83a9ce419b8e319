// Try it on a preset endpoint and with rule-started streams: the typed frames are decoded as
// the server decodes them, the reply is framed by the connection's session, and a stream a
// rule starts shows its key and first frames until a later message stops it.
#include "specloader.h"
#include "tryconversation.h"

#include <QTest>

namespace {

MockSpecPtr example(const char *name)
{
    const LoadResult loaded = SpecLoader::loadFile(QStringLiteral(MOCKET_SOURCE_DIR)
                                                   + QStringLiteral("/resources/examples/")
                                                   + QString::fromLatin1(name));
    if (!loaded.ok())
        qWarning("%s", qPrintable(loaded.diagnosticsText()));
    return loaded.spec;
}

const QString Nul = QString(QChar(0));

// One simulated connection to an example's endpoint.
struct Connection
{
    Connection(MockSpecPtr spec, QString path, TryConversation conversation = {})
        : spec(std::move(spec))
        , path(std::move(path))
        , conversation(std::move(conversation))
    { }

    MockSpecPtr spec;
    QString path;
    TryConversation conversation;

    TryResult send(const QString &frame) { return tryMessage(*spec, path, frame, &conversation); }
};

} // namespace

class TestTryPresets : public QObject
{
    Q_OBJECT

private slots:
    void socketIoConnectsThenAnswersEvents()
    {
        Connection c { example("socketio.yml"),
                       QStringLiteral("/socket.io/?EIO=4&transport=websocket") };
        QVERIFY(c.spec);

        // Before anything is sent, the greeting is Engine.IO's open packet.
        TryResult r = c.send(QString());
        QVERIFY(r.protocol);
        QCOMPARE(r.protocol->name, QStringLiteral("socket.io"));
        QCOMPARE(r.protocol->opened.size(), 1);
        QVERIFY(r.missing.isEmpty()); // on-connect's {{protocol.sid}} waits for the connect
        QVERIFY2(r.protocol->opened.first().startsWith(QStringLiteral("0{"))
                     && r.protocol->opened.first().contains(QStringLiteral("\"sid\":")),
                 qPrintable(r.protocol->opened.first()));

        // The namespace connect: the preset's answer, then on-connect framed as "welcome".
        r = c.send(QStringLiteral("40"));
        QCOMPARE(r.protocol->decoded.action, Protocols::Decoded::Action::Connected);
        QCOMPARE(r.protocol->decoded.replies.size(), 1);
        QVERIFY(r.protocol->decoded.replies.first().startsWith(QStringLiteral("40{\"sid\":")));
        const QString sid = r.protocol->decoded.params.value(QStringLiteral("sid"));
        QVERIFY(!sid.isEmpty());
        QCOMPARE(r.protocol->greeting,
                 QStringList { QStringLiteral("42[\"welcome\",{\"id\": \"%1\"}]").arg(sid) });
        QVERIFY(!r.rule);

        // An event: decoded, matched on its name, framed as the rule says, to the others.
        r = c.send(QStringLiteral(R"(42["chat",{"text":"hi"}])"));
        QCOMPARE(r.protocol->decoded.summary,
                 QStringLiteral(R"(socket.io event "chat" [{"text":"hi"}])"));
        QVERIFY(r.rule);
        QCOMPARE(r.rule->index, 1);
        QCOMPARE(r.reply, QStringLiteral(R"(42["chat",{"text":"hi"}])"));
        QCOMPARE(r.audience, Audience::Others);

        // An acknowledgement asked for: answered with the ack packet.
        r = c.send(QStringLiteral(R"(421["join","lobby"])"));
        QVERIFY(r.rule);
        QCOMPARE(r.reply, QStringLiteral(R"(431[{"joined": "lobby"}])"));

        // Without a callback the ack is not for this connection.
        r = c.send(QStringLiteral(R"(42["join","lobby"])"));
        QVERIFY(r.rule);
        QCOMPARE(r.reply, QString());
        QCOMPARE(r.protocol->unframed, 1);

        // Engine.IO's ping is the preset's to answer; no rule sees it.
        r = c.send(QStringLiteral("2"));
        QCOMPARE(r.protocol->decoded.replies, QStringList { QStringLiteral("3") });
        QVERIFY(!r.rule);
    }

    void socketIoBadPacketCloses()
    {
        Connection c { example("socketio.yml"), QStringLiteral("/socket.io/") };
        QVERIFY(c.spec);
        TryResult r = c.send(QStringLiteral(R"(42["chat")"));
        QCOMPARE(r.protocol->decoded.action, Protocols::Decoded::Action::Bad);
        QVERIFY(!r.protocol->decoded.problem.isEmpty());
        QCOMPARE(r.protocol->closeCode, 1002);
        QVERIFY(c.conversation.closed);
        // A closed connection takes nothing more until Reset.
        r = c.send(QStringLiteral("40"));
        QVERIFY(r.protocol->afterClose);
        QVERIFY(r.protocol->decoded.replies.isEmpty());
        c.conversation = {};
        r = c.send(QStringLiteral("40"));
        QCOMPARE(r.protocol->decoded.action, Protocols::Decoded::Action::Connected);
    }

    void graphqlWsQueryAndCountdown()
    {
        Connection c { example("graphql-ws.yml"), QStringLiteral("/graphql") };
        QVERIFY(c.spec);
        TryResult r = c.send(QStringLiteral(R"({"type":"connection_init"})"));
        QCOMPARE(r.protocol->decoded.replies,
                 QStringList { QStringLiteral(R"({"type":"connection_ack"})") });

        // A copy of the connection has a session of its own: what it is sent stays with it.
        const QString hello
            = QStringLiteral(R"({"id":"1","type":"subscribe","payload":{"query":"{ hello }"}})");
        Connection preview { c.spec, c.path, c.conversation };
        QVERIFY(preview.send(hello).rule);
        QVERIFY(preview.send(hello).protocol->closeCode == 0); // complete ended operation 1

        r = c.send(
            QStringLiteral(R"({"id":"1","type":"subscribe","payload":{"query":"{ hello }"}})"));
        QVERIFY(r.rule);
        QCOMPARE(r.rule->index, 0);
        QCOMPARE(
            r.reply,
            QStringLiteral(R"({"id":"1","payload":{"data":{"hello":"world"}},"type":"next"})"));
        QCOMPARE(r.protocol->after,
                 QStringList { QStringLiteral(R"({"id":"1","type":"complete"})") });

        // The countdown subscription starts the rule's stream under the operation's id.
        r = c.send(QStringLiteral(
            R"({"id":"2","type":"subscribe","payload":{"query":"subscription { countdown(from: 3) }"}})"));
        QVERIFY(r.rule);
        QVERIFY(r.stream);
        QCOMPARE(r.stream->key, QStringLiteral("2"));
        QCOMPARE(r.stream->intervalMs, 100);
        QCOMPARE(r.stream->count, 4);
        QCOMPARE(r.stream->frames.size(), 3);
        QCOMPARE(r.stream->frames.first(),
                 QStringLiteral(R"({"id":"2","payload":{"data":{"countdown":3}},"type":"next"})"));
        QCOMPARE(r.stream->ended,
                 QStringList { QStringLiteral(R"({"id":"2","type":"complete"})") });
        QVERIFY(r.protocol->after.isEmpty()); // the stream still runs: no complete yet
        QVERIFY(c.conversation.streams.contains(QStringLiteral("2")));

        // The client's complete stops it.
        r = c.send(QStringLiteral(R"({"id":"2","type":"complete"})"));
        QVERIFY(r.stopped);
        QCOMPARE(r.stopped->key, QStringLiteral("2"));
        QVERIFY(r.stopped->wasRunning);
        QVERIFY(!c.conversation.streams.contains(QStringLiteral("2")));

        // An error rule answers an error frame and no complete.
        r = c.send(
            QStringLiteral(R"({"id":"3","type":"subscribe","payload":{"query":"{ broken }"}})"));
        QVERIFY(r.reply.contains(QStringLiteral(R"("type":"error")")));
        QVERIFY(r.protocol->after.isEmpty());

        // An operation no rule answers gets the preset's error.
        r = c.send(
            QStringLiteral(R"({"id":"4","type":"subscribe","payload":{"query":"{ nothing }"}})"));
        QVERIFY(!r.rule);
        QCOMPARE(r.protocol->after.size(), 1);
        QVERIFY(r.protocol->after.first().contains(QStringLiteral("no rule of the mock answers")));
        // Each rule says why not, on the protocol's terms.
        QCOMPARE(r.misses.size(), 4);
        QCOMPARE(r.misses.at(0).reason, PatternMiss::Reason::SelectorDiffers);
        QCOMPARE(r.misses.at(0).path, QStringLiteral("query"));
        QCOMPARE(r.misses.at(0).expected, QStringLiteral("{ hello }"));
        QCOMPARE(r.misses.at(0).actual, QStringLiteral("subscribe { nothing }"));
        QCOMPARE(r.misses.at(1).path, QStringLiteral("operation"));
        QCOMPARE(r.misses.at(1).actual, QStringLiteral("subscribe nothing"));

        // A second connection_init breaks the protocol: 4429.
        r = c.send(QStringLiteral(R"({"type":"connection_init"})"));
        QCOMPARE(r.protocol->decoded.action, Protocols::Decoded::Action::Bad);
        QCOMPARE(r.protocol->closeCode, 4429);
    }

    void stompConnectSubscribeSend()
    {
        Connection c { example("stomp.yml"), QStringLiteral("/stomp") };
        QVERIFY(c.spec);
        TryResult r
            = c.send(QStringLiteral("CONNECT\naccept-version:1.2\nhost:localhost\n\n") + Nul);
        QCOMPARE(r.protocol->decoded.action, Protocols::Decoded::Action::Connected);
        QCOMPARE(r.protocol->decoded.replies.size(), 1);
        QVERIFY(r.protocol->decoded.replies.first().startsWith(QStringLiteral("CONNECTED\n")));

        r = c.send(QStringLiteral("SUBSCRIBE\nid:sub-0\ndestination:/topic/prices\nreceipt:r1\n\n")
                   + Nul);
        QVERIFY(r.rule);
        QVERIFY(r.stream);
        QCOMPARE(r.stream->key, QStringLiteral("sub-0"));
        QCOMPARE(r.stream->intervalMs, 500);
        QVERIFY(r.stream->frames.first().startsWith(QStringLiteral("MESSAGE\n")));
        QVERIFY(r.stream->frames.first().contains(QStringLiteral("subscription:sub-0")));
        QCOMPARE(r.protocol->after.size(), 1);
        QVERIFY(r.protocol->after.first().startsWith(QStringLiteral("RECEIPT\nreceipt-id:r1")));

        // send-to a destination this connection did not subscribe to: not for it.
        r = c.send(QStringLiteral("SEND\ndestination:/app/echo\n\nhello") + Nul);
        QVERIFY(r.rule);
        QCOMPARE(r.reply, QString());
        QCOMPARE(r.protocol->unframed, 1);

        // Subscribed to it, the echo comes back as a MESSAGE.
        c.send(QStringLiteral("SUBSCRIBE\nid:sub-1\ndestination:/topic/echo\n\n") + Nul);
        r = c.send(QStringLiteral("SEND\ndestination:/app/echo\n\nhello") + Nul);
        QVERIFY(r.reply.startsWith(QStringLiteral("MESSAGE\n")));
        QVERIFY(r.reply.contains(QStringLiteral("destination:/topic/echo")));

        // UNSUBSCRIBE stops the prices stream.
        r = c.send(QStringLiteral("UNSUBSCRIBE\nid:sub-0\n\n") + Nul);
        QVERIFY(r.stopped);
        QCOMPARE(r.stopped->key, QStringLiteral("sub-0"));
        QVERIFY(r.stopped->wasRunning);

        // A frame without its NUL is malformed: an ERROR frame and a close.
        Connection other { c.spec, c.path };
        r = other.send(QStringLiteral("CONNECT\naccept-version:1.2\n\n"));
        QCOMPARE(r.protocol->decoded.action, Protocols::Decoded::Action::Bad);
        QVERIFY(r.protocol->decoded.replies.first().startsWith(QStringLiteral("ERROR\n")));
        QCOMPARE(r.protocol->closeCode, 1002);
    }

    void tickerStartsAndStopsItsStream()
    {
        Connection c { example("ticker.yml"), QStringLiteral("/ws/ticker") };
        QVERIFY(c.spec);
        TryResult r = c.send(QStringLiteral(R"({"op": "subscribe", "id": "a", "symbol": "ACME"})"));
        QVERIFY(r.rule);
        QVERIFY(!r.protocol);
        QVERIFY(r.stream);
        QCOMPARE(r.stream->key, QStringLiteral("a"));
        QCOMPARE(r.stream->intervalMs, 200);
        QCOMPARE(r.stream->count, 0);
        QCOMPARE(r.stream->frames.size(), 3);
        QVERIFY2(r.stream->frames.at(1).startsWith(
                     QStringLiteral(R"({"id": "a", "symbol": "ACME", "seq": 2,)")),
                 qPrintable(r.stream->frames.at(1)));
        QVERIFY(c.conversation.streams.contains(QStringLiteral("a")));

        // Previewing does not start it: only the conversation handed the message keeps it.
        Connection preview { c.spec, c.path, c.conversation };
        preview.send(QStringLiteral(R"({"op": "subscribe", "id": "b", "symbol": "X"})"));
        QVERIFY(preview.conversation.streams.contains(QStringLiteral("b")));
        QVERIFY(!c.conversation.streams.contains(QStringLiteral("b")));

        r = c.send(QStringLiteral(R"({"op": "unsubscribe", "id": "a"})"));
        QVERIFY(r.stopped);
        QCOMPARE(r.stopped->key, QStringLiteral("a"));
        QVERIFY(r.stopped->wasRunning);
        QCOMPARE(r.reply, QStringLiteral(R"({"id": "a", "unsubscribed": true})"));
        QVERIFY(c.conversation.streams.isEmpty());

        r = c.send(QStringLiteral(R"({"op": "unsubscribe", "id": "a"})"));
        QVERIFY(r.stopped);
        QVERIFY(!r.stopped->wasRunning);
    }

    // A SUBSCRIBE no rule answers is kept by STOMP, as the server keeps it: not a miss, and
    // the endpoint's on-unmatched does not answer it; a SEND no rule answers does get it.
    void stompKeepsAnUnansweredSubscribe()
    {
        const LoadResult loaded = SpecLoader::loadText(QStringLiteral(R"(
- websocket:
    path: /stomp
    protocol: stomp
    on-unmatched:
      response: nobody
    on-message:
      - send: /app/ping
        response: pong
)"),
                                                       QStringLiteral("s.yml"));
        QVERIFY2(loaded.ok(), qPrintable(loaded.diagnosticsText()));
        Connection c { loaded.spec, QStringLiteral("/stomp") };
        c.send(QStringLiteral("CONNECT\naccept-version:1.2\nhost:localhost\n\n") + Nul);
        TryResult r = c.send(QStringLiteral("SUBSCRIBE\nid:0\ndestination:/topic/x\n\n") + Nul);
        QVERIFY(!r.rule);
        QVERIFY(!r.fallback);
        QVERIFY(r.misses.isEmpty());
        r = c.send(QStringLiteral("SEND\ndestination:/app/other\n\nhi") + Nul);
        QVERIFY(!r.rule);
        QVERIFY(r.fallback);
    }

    void streamWithCountAndFinal()
    {
        const LoadResult loaded = SpecLoader::loadText(QStringLiteral(R"(
- websocket:
    path: /s
    on-message:
      - pattern: go
        start-stream:
          key: k
          every: 50ms
          count: 2
          frames: ['tick {{counter}}']
          final: done
)"),
                                                       QStringLiteral("s.yml"));
        QVERIFY(loaded.ok());
        TryConversation conversation;
        const TryResult r
            = tryMessage(*loaded.spec, QStringLiteral("/s"), QStringLiteral("go"), &conversation);
        QVERIFY(r.stream);
        QCOMPARE(r.stream->frames,
                 (QStringList { QStringLiteral("tick 1"), QStringLiteral("tick 2") }));
        QCOMPARE(r.stream->count, 2);
        QCOMPARE(r.stream->final, std::optional<QString>(QStringLiteral("done")));
    }
};

QTEST_GUILESS_MAIN(TestTryPresets)
#include "tst_trypresets.moc"
