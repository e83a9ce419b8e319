// The socket.io preset's codec alone: what each client frame means, what the session answers
// on its own, and how payloads are framed, as socket.io-client 4 expects them.

#include "socketio.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using Protocols::Decoded;
using Protocols::Framing;
using SocketIo::Session;

Q_DECLARE_METATYPE(Decoded::Action)

namespace {

using Action = Decoded::Action;

enum class Start { Open, Connected };

// A session at the start the row asks for: just opened, or with the namespace connected.
std::unique_ptr<Session> session(Start start)
{
    auto out = std::make_unique<Session>();
    out->opened();
    if (start == Start::Connected)
        out->decode(QStringLiteral("40"));
    return out;
}

QStringList lines(std::initializer_list<const char *> texts)
{
    QStringList out;
    for (const char *text : texts)
        out.append(QString::fromUtf8(text));
    return out;
}

QStringList withSid(QStringList lines, const QString &sid)
{
    for (QString &line : lines)
        line.replace(QStringLiteral("{sid}"), sid);
    return lines;
}

} // namespace

class tst_SocketIoCodec : public QObject
{
    Q_OBJECT

private slots:
    void openPacket();
    void idsAreFreshAndDistinct();
    void keepAlive();
    void pongTimeout();
    void decode_data();
    void decode();
    void eventParams();
    void badFrames_data();
    void badFrames();
    void binaryFramesAreRefused();
    void disconnectLeavesTheNamespace();
    void frame_data();
    void frame();
    void framesOnlyOnceConnected();
    void ackOnlyToItsAsker();
    void arrayElements_data();
    void arrayElements();
};

void tst_SocketIoCodec::openPacket()
{
    Session s;
    const QStringList open = s.opened();
    QCOMPARE(open.size(), 1);
    QVERIFY(open.first().startsWith(u'0'));
    QJsonParseError error;
    const QJsonObject handshake
        = QJsonDocument::fromJson(open.first().mid(1).toUtf8(), &error).object();
    QCOMPARE(error.error, QJsonParseError::NoError);
    QCOMPARE(handshake.value(QStringLiteral("sid")).toString().size(), 20);
    QCOMPARE(handshake.value(QStringLiteral("upgrades")).toArray(), QJsonArray());
    QCOMPARE(handshake.value(QStringLiteral("pingInterval")).toInt(), 25000);
    QCOMPARE(handshake.value(QStringLiteral("pingTimeout")).toInt(), 20000);
    QCOMPARE(handshake.value(QStringLiteral("maxPayload")).toInt(), 1000000);
}

void tst_SocketIoCodec::idsAreFreshAndDistinct()
{
    Session first;
    Session second;
    const QString engineId = QJsonDocument::fromJson(first.opened().first().mid(1).toUtf8())
                                 .object()
                                 .value(QStringLiteral("sid"))
                                 .toString();
    QCOMPARE(first.socketId(), QString()); // none before the namespace connect
    const Decoded connected = first.decode(QStringLiteral("40"));
    const QString socketId = first.socketId();
    QCOMPARE(socketId.size(), 20);
    QVERIFY(socketId != engineId);
    QCOMPARE(connected.replies, QStringList { QStringLiteral("40{\"sid\":\"%1\"}").arg(socketId) });
    QCOMPARE(connected.params.value(QStringLiteral("sid")), socketId);
    second.decode(QStringLiteral("40"));
    QVERIFY(second.socketId() != socketId);
}

void tst_SocketIoCodec::keepAlive()
{
    Session s;
    QCOMPARE(s.keepAliveMs(), 25000);
    QCOMPARE(s.keepAlive(), QStringLiteral("2"));
}

// Engine.IO 4: a ping's pong is due within pingTimeout, else the server closes ("ping
// timeout"); a pong in time, or no ping yet, is not late.
void tst_SocketIoCodec::pongTimeout()
{
    const auto s = session(Start::Connected);
    QCOMPARE(s->pongTimeoutMs(), 20000);
    QCOMPARE(s->timedOut().action, Action::Ignore);
    s->keepAlive();
    s->decode(QStringLiteral("3"));
    QCOMPARE(s->timedOut().action, Action::Ignore);
    s->keepAlive();
    const Protocols::Decoded late = s->timedOut();
    QCOMPARE(late.action, Action::Bad);
    QCOMPARE(late.closeCode, 1000);
    QCOMPARE(late.closeReason, QStringLiteral("ping timeout"));
    QCOMPARE(late.problem, QStringLiteral("ping timeout: no pong within 20000 ms of the ping"));
    QVERIFY(late.replies.isEmpty()); // Engine.IO just closes the transport
}

void tst_SocketIoCodec::decode_data()
{
    QTest::addColumn<int>("start");
    QTest::addColumn<QString>("frame");
    QTest::addColumn<Action>("action");
    QTest::addColumn<QStringList>("replies");
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("payload");
    QTest::addColumn<QString>("summary");

    const int open = int(Start::Open);
    const int connected = int(Start::Connected);
    QTest::newRow("namespace connect")
        << open << "40" << Action::Connected << lines({ "40{\"sid\":\"{sid}\"}" }) << ""
        << ""
        << "socket.io connect /";
    QTest::newRow("connect with auth") << open << "40{\"token\":\"abc\"}" << Action::Connected
                                       << lines({ "40{\"sid\":\"{sid}\"}" }) << ""
                                       << "{\"token\":\"abc\"}"
                                       << "socket.io connect / {\"token\":\"abc\"}";
    QTest::newRow("connect to / spelled out")
        << open << "40/,{}" << Action::Connected << lines({ "40{\"sid\":\"{sid}\"}" }) << ""
        << "{}"
        << "socket.io connect / {}";
    QTest::newRow("other namespace refused")
        << open << "40/admin," << Action::Ignore
        << lines({ "44/admin,{\"message\":\"Invalid namespace\"}" }) << ""
        << ""
        << "socket.io connect /admin refused: Invalid namespace";
    QTest::newRow("other namespace when connected")
        << connected << "40/admin,{\"x\":1}" << Action::Ignore
        << lines({ "44/admin,{\"message\":\"Invalid namespace\"}" }) << ""
        << ""
        << "socket.io connect /admin refused: Invalid namespace";
    QTest::newRow("event with an object") << connected << "42[\"chat\",{\"text\": \"hi\"}]"
                                          << Action::Message << QStringList() << "chat"
                                          << "{\"text\": \"hi\"}"
                                          << "socket.io event \"chat\" [{\"text\": \"hi\"}]";
    QTest::newRow("event with a string argument")
        << connected << "42[\"join\",\"lobby\"]" << Action::Message << QStringList() << "join"
        << "lobby"
        << "socket.io event \"join\" [\"lobby\"]";
    QTest::newRow("event with an ack id")
        << connected << "4217[\"join\",\"lobby\"]" << Action::Message << QStringList() << "join"
        << "lobby"
        << "socket.io event \"join\" [\"lobby\"] ack 17";
    QTest::newRow("event without arguments")
        << connected << "42[\"ping me\"]" << Action::Message << QStringList() << "ping me"
        << ""
        << "socket.io event \"ping me\" []";
    QTest::newRow("event with several arguments")
        << connected << "42[\"move\",1,[2,3],null]" << Action::Message << QStringList() << "move"
        << "1"
        << "socket.io event \"move\" [1,[2,3],null]";
    QTest::newRow("numeric event name")
        << connected << "42[7,\"x\"]" << Action::Message << QStringList() << "7"
        << "x"
        << "socket.io event \"7\" [\"x\"]";
    QTest::newRow("escaped quotes in arguments")
        << connected << "42[\"say\",\"a \\\"quoted\\\" word\",\"]\"]" << Action::Message
        << QStringList() << "say"
        << "a \"quoted\" word"
        << "socket.io event \"say\" [\"a \\\"quoted\\\" word\",\"]\"]";
    QTest::newRow("event to / spelled out")
        << connected << "42/,[\"chat\",1]" << Action::Message << QStringList() << "chat"
        << "1"
        << "socket.io event \"chat\" [1]";
    QTest::newRow("ack of a server event")
        << connected << "433[\"ok\"]" << Action::Ignore << QStringList() << ""
        << ""
        << "socket.io ack 3 [\"ok\"]";
    QTest::newRow("pong") << connected << "3" << Action::Ignore << QStringList() << ""
                          << ""
                          << "engine.io pong";
    QTest::newRow("ping of an old client")
        << connected << "2probe" << Action::Ignore << lines({ "3probe" }) << ""
        << ""
        << "engine.io ping";
    QTest::newRow("noop") << open << "6" << Action::Ignore << QStringList() << ""
                          << ""
                          << "engine.io noop";
    QTest::newRow("engine close") << connected << "1" << Action::Close << QStringList() << ""
                                  << ""
                                  << "engine.io close";
    QTest::newRow("disconnect") << connected << "41" << Action::Close << QStringList() << ""
                                << ""
                                << "socket.io disconnect";
}

void tst_SocketIoCodec::decode()
{
    QFETCH(int, start);
    QFETCH(QString, frame);
    QFETCH(Action, action);
    QFETCH(QStringList, replies);
    QFETCH(QString, name);
    QFETCH(QString, payload);
    QFETCH(QString, summary);

    auto s = session(Start(start));
    const Decoded decoded = s->decode(frame);
    QCOMPARE(decoded.action, action);
    QCOMPARE(decoded.replies, withSid(replies, s->socketId()));
    QCOMPARE(decoded.name, name);
    QCOMPARE(decoded.payload, payload);
    QCOMPARE(decoded.summary, summary);
    QCOMPARE(decoded.closeCode, 0);
    QVERIFY(decoded.problem.isEmpty());
}

void tst_SocketIoCodec::eventParams()
{
    auto s = session(Start::Connected);
    const Decoded withAck = s->decode(QStringLiteral("42007[\"join\",\"lobby\",2]"));
    QCOMPARE(withAck.command, QStringLiteral("event"));
    QCOMPARE(withAck.params.value(QStringLiteral("sid")), s->socketId());
    QCOMPARE(withAck.params.value(QStringLiteral("event")), QStringLiteral("join"));
    QCOMPARE(withAck.params.value(QStringLiteral("ack")), QStringLiteral("7"));
    QCOMPARE(withAck.params.value(QStringLiteral("args")), QStringLiteral("[\"lobby\",2]"));
    QCOMPARE(withAck.streamKey, QStringLiteral("join"));
    const Decoded withoutAck = s->decode(QStringLiteral("42[\"chat\"]"));
    QCOMPARE(withoutAck.params.value(QStringLiteral("ack")), QString());
    QVERIFY(withoutAck.params.contains(QStringLiteral("ack")));
}

void tst_SocketIoCodec::badFrames_data()
{
    QTest::addColumn<int>("start");
    QTest::addColumn<QString>("frame");
    QTest::addColumn<int>("closeCode");
    QTest::addColumn<QString>("closeReason");
    QTest::addColumn<QString>("problem");

    const int open = int(Start::Open);
    const int connected = int(Start::Connected);
    const QString parse = QStringLiteral("parse error");
    const QString state = QStringLiteral("invalid state");
    QTest::newRow("empty frame") << connected << "" << 1002 << parse << "an empty Engine.IO packet";
    QTest::newRow("unknown engine type")
        << connected << "9" << 1002 << parse << "unknown Engine.IO packet type '9'";
    QTest::newRow("plain text") << connected << "hello" << 1002 << parse
                                << "unknown Engine.IO packet type 'h'";
    QTest::newRow("open from the client")
        << open << "0{}" << 1002 << state << "an Engine.IO OPEN packet from the client";
    QTest::newRow("empty socket.io packet")
        << connected << "4" << 1002 << parse << "an empty Socket.IO packet";
    QTest::newRow("unknown socket.io type")
        << connected << "47[]" << 1002 << parse << "unknown Socket.IO packet type '7'";
    QTest::newRow("event before connect")
        << open << "42[\"chat\",1]" << 1002 << state << "an event before the namespace connect";
    QTest::newRow("second connect")
        << connected << "40" << 1002 << state << "a second CONNECT to namespace '/'";
    QTest::newRow("event with invalid JSON")
        << connected << "42[\"chat\"," << 1002 << parse
        << "invalid JSON data (unterminated array at offset 8)";
    QTest::newRow("NUL in a string")
        << connected << QString::fromUtf8("42[\"a\0b\"]", 9) << 1002 << parse
        << "a control character (U+0000) in a JSON string at "
           "offset 3";
    QTest::newRow("line break in a string") << connected << "42[\"chat\",\"a\nb\"]" << 1002 << parse
                                            << "a control character (U+000A) in a JSON string at "
                                               "offset 10";
    QTest::newRow("event not an array")
        << connected << "42{\"a\":1}" << 1002 << parse << "the data must be a JSON array";
    QTest::newRow("event without data")
        << connected << "42" << 1002 << parse << "a packet of type 2 without its JSON array";
    QTest::newRow("event without a name")
        << connected << "42[]" << 1002 << parse << "an event without a name";
    QTest::newRow("event named by an object")
        << connected << "42[{}]" << 1002 << parse << "an event whose name is not a string";
    QTest::newRow("reserved event name") << connected << "42[\"disconnect\"]" << 1002 << parse
                                         << "the reserved event name 'disconnect'";
    QTest::newRow("connect with an array")
        << open << "40[1]" << 1002 << parse << "CONNECT data must be a JSON object";
    QTest::newRow("disconnect with data")
        << connected << "41{}" << 1002 << parse << "DISCONNECT carries no data";
    QTest::newRow("ack id too long")
        << connected << "421234567890123456[\"a\"]" << 1002 << parse << "an ack id of 16 digits";
    QTest::newRow("event for another namespace")
        << connected << "42/admin,[\"a\"]" << 1002 << state
        << "a packet for namespace '/admin', which is not connected";
    QTest::newRow("connect error from the client")
        << connected << "44{\"message\":\"x\"}" << 1002 << state
        << "a CONNECT_ERROR packet from the client";
    QTest::newRow("binary event") << connected << "451-[\"up\",{\"_placeholder\":true,\"num\":0}]"
                                  << 1003 << "binary attachments are not supported"
                                  << "a packet with binary attachments (type 5): they are not "
                                     "supported";
}

void tst_SocketIoCodec::badFrames()
{
    QFETCH(int, start);
    QFETCH(QString, frame);
    QFETCH(int, closeCode);
    QFETCH(QString, closeReason);
    QFETCH(QString, problem);

    auto s = session(Start(start));
    const Decoded decoded = s->decode(frame);
    QCOMPARE(decoded.action, Action::Bad);
    QCOMPARE(decoded.problem, problem);
    QCOMPARE(decoded.closeCode, closeCode);
    QCOMPARE(decoded.closeReason, closeReason);
    QVERIFY(decoded.closeReason.toUtf8().size() <= 123); // what a close frame can carry
    QCOMPARE(decoded.summary, QStringLiteral("socket.io bad packet: ") + problem);
    // A connected client is told it is disconnected (socket.io-client: "io server
    // disconnect"), then the connection closes.
    const QStringList disconnect
        = start == int(Start::Connected) ? QStringList { QStringLiteral("41") } : QStringList();
    QCOMPARE(decoded.replies, disconnect);
}

void tst_SocketIoCodec::binaryFramesAreRefused()
{
    auto s = session(Start::Connected);
    const Decoded decoded = s->decodeBinary(QByteArray("\x01\x02\x03", 3));
    QCOMPARE(decoded.action, Action::Bad);
    QCOMPARE(decoded.closeCode, 1003);
    QCOMPARE(decoded.replies, QStringList { QStringLiteral("41") });
    QCOMPARE(decoded.problem,
             QStringLiteral("a binary frame (3 bytes): binary attachments are not supported"));
}

void tst_SocketIoCodec::disconnectLeavesTheNamespace()
{
    auto s = session(Start::Connected);
    QVERIFY(s->frame(Framing { QStringLiteral("emit"), QStringLiteral("a") }, QString(), {}));
    QCOMPARE(s->decode(QStringLiteral("41")).action, Action::Close);
    QCOMPARE(s->socketId(), QString());
    QVERIFY(!s->frame(Framing { QStringLiteral("emit"), QStringLiteral("a") }, QString(), {}));
}

void tst_SocketIoCodec::frame_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("payload");
    QTest::addColumn<QString>("ack");
    QTest::addColumn<QString>("expected"); // "-": none

    QTest::newRow("emit an object") << "emit"
                                    << "welcome"
                                    << "{\"id\": \"abc\"}"
                                    << ""
                                    << "42[\"welcome\",{\"id\": \"abc\"}]";
    QTest::newRow("emit text") << "emit"
                               << "news"
                               << "hello there"
                               << ""
                               << "42[\"news\",\"hello there\"]";
    QTest::newRow("emit text needing escapes") << "emit"
                                               << "news"
                                               << "say \"hi\"\n"
                                               << ""
                                               << "42[\"news\",\"say \\\"hi\\\"\\n\"]";
    QTest::newRow("emit a number") << "emit"
                                   << "count"
                                   << " 42 "
                                   << ""
                                   << "42[\"count\",42]";
    QTest::newRow("emit a JSON string") << "emit"
                                        << "s"
                                        << "\"x\""
                                        << ""
                                        << "42[\"s\",\"x\"]";
    QTest::newRow("emit two values as text") << "emit"
                                             << "s"
                                             << "1, 2"
                                             << ""
                                             << "42[\"s\",\"1, 2\"]";
    QTest::newRow("emit JSON with a raw control character")
        << "emit"
        << "s" << QString::fromUtf8("{\"t\x04xt\": \"a\tb\"}") << ""
        << "42[\"s\",{\"t\\u0004xt\": \"a\\u0009b\"}]";
    // Qt's reader takes a backslash before a raw control character as that character; so is
    // it written, a \u00XX escape, without the backslash that JSON.parse would refuse.
    QTest::newRow("emit JSON with an escaped raw control character")
        << "emit"
        << "s" << QString::fromUtf8("[\"dnn\\\x1b\"]") << ""
        << "42[\"s\",[\"dnn\\u001b\"]]";
    QTest::newRow("emit nothing") << "emit"
                                  << "tick"
                                  << ""
                                  << ""
                                  << "42[\"tick\"]";
    QTest::newRow("event name escaped") << "emit"
                                        << "a\"b"
                                        << "1"
                                        << ""
                                        << "42[\"a\\\"b\",1]";
    QTest::newRow("plain response is a message event") << ""
                                                       << ""
                                                       << "{\"a\":1}"
                                                       << ""
                                                       << "42[\"message\",{\"a\":1}]";
    QTest::newRow("message framing") << "message"
                                     << ""
                                     << "hi"
                                     << ""
                                     << "42[\"message\",\"hi\"]";
    QTest::newRow("ack") << "ack"
                         << ""
                         << "{\"joined\": \"lobby\"}"
                         << "12"
                         << "4312[{\"joined\": \"lobby\"}]";
    QTest::newRow("ack of nothing") << "ack"
                                    << ""
                                    << ""
                                    << "0"
                                    << "430[]";
    QTest::newRow("ack not asked for") << "ack"
                                       << ""
                                       << "{}"
                                       << ""
                                       << "-";
    QTest::newRow("another preset's framing") << "next"
                                              << ""
                                              << "{}"
                                              << ""
                                              << "-";
}

void tst_SocketIoCodec::frame()
{
    QFETCH(QString, kind);
    QFETCH(QString, name);
    QFETCH(QString, payload);
    QFETCH(QString, ack);
    QFETCH(QString, expected);

    auto s = session(Start::Connected);
    // The params of a message this very connection sent.
    const std::optional<QString> framed
        = s->frame(Framing { kind, name }, payload,
                   { { QStringLiteral("ack"), ack }, { QStringLiteral("sid"), s->socketId() } });
    if (expected == u"-") {
        QVERIFY(!framed);
        return;
    }
    QVERIFY(framed);
    QCOMPARE(*framed, expected);
}

void tst_SocketIoCodec::framesOnlyOnceConnected()
{
    auto s = session(Start::Open);
    QVERIFY(!s->frame(Framing { QStringLiteral("emit"), QStringLiteral("welcome") },
                      QStringLiteral("{}"), {}));
    s->decode(QStringLiteral("40"));
    QVERIFY(s->frame(Framing { QStringLiteral("emit"), QStringLiteral("welcome") },
                     QStringLiteral("{}"), {}));
}

void tst_SocketIoCodec::ackOnlyToItsAsker()
{
    // A rule that acknowledges and sends to others: each recipient's session frames the
    // reply with the asker's params; only the asker's gets the ack it asked for.
    auto asker = session(Start::Connected);
    auto other = session(Start::Connected);
    const Decoded join = asker->decode(QStringLiteral("423[\"join\",\"lobby\"]"));
    const Framing ack { QStringLiteral("ack"), QString() };
    QCOMPARE(asker->frame(ack, QStringLiteral("1"), join.params), QStringLiteral("433[1]"));
    QVERIFY(!other->frame(ack, QStringLiteral("1"), join.params));
    // An emit goes to both.
    const Framing event { QStringLiteral("emit"), QStringLiteral("joined") };
    QVERIFY(other->frame(event, QStringLiteral("1"), join.params));
}

void tst_SocketIoCodec::arrayElements_data()
{
    QTest::addColumn<QString>("array");
    QTest::addColumn<QStringList>("elements");

    QTest::newRow("empty") << "[]" << QStringList();
    QTest::newRow("spaces") << " [ 1 , \"a\" ] " << lines({ "1", "\"a\"" });
    QTest::newRow("nested") << "[{\"a\":[1,2]},[3,{\"b\":4}],5]"
                            << lines({ "{\"a\":[1,2]}", "[3,{\"b\":4}]", "5" });
    QTest::newRow("brackets in strings")
        << "[\"],[\",\"\\\\\",\"\\\"]\"]" << lines({ "\"],[\"", "\"\\\\\"", "\"\\\"]\"" });
}

void tst_SocketIoCodec::arrayElements()
{
    QFETCH(QString, array);
    QFETCH(QStringList, elements);
    QStringList got;
    for (QStringView element : SocketIo::jsonArrayElements(array))
        got.append(element.toString());
    QCOMPARE(got, elements);
}

QTEST_GUILESS_MAIN(tst_SocketIoCodec)
#include "tst_socketiocodec.moc"
