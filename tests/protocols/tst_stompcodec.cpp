// The STOMP preset without a socket: raw frames in, what they mean and the server's own
// answers (CONNECTED, MESSAGE, RECEIPT, ERROR) out, as STOMP 1.2 says.
#include "stomp.h"

#include <QTest>

using Protocols::Decoded;
using Protocols::Framing;
using StompSession = Stomp::Session;

Q_DECLARE_METATYPE(Protocols::Decoded::Action)

namespace {

// A literal's bytes, NUL octets included.
template<std::size_t Size>
QByteArray bytes(const char (&text)[Size])
{
    return QByteArray(text, Size - 1);
}

template<std::size_t Size>
QString frameText(const char (&text)[Size])
{
    return QString::fromUtf8(text, Size - 1);
}

const QString Connect12
    = frameText("CONNECT\naccept-version:1.2,1.1,1.0\nheart-beat:10000,10000\n\n\0");

// Parses one frame the server sent, which must be the whole text.
Stomp::Frame served(const QString &text)
{
    const Stomp::Parsed parsed = Stomp::parse(text.toUtf8(), Stomp::Escaping::V12);
    if (parsed.kind != Stomp::Parsed::Kind::Frame)
        qWarning() << "not one frame:" << text << parsed.problem;
    return parsed.frame;
}

QString header(const QString &text, const QString &name)
{
    return served(text).header(name).value_or(QStringLiteral("<none>"));
}

// A session past its CONNECT (STOMP 1.2).
std::unique_ptr<StompSession> connected(int heartBeatMs = StompSession::DefaultHeartBeatMs)
{
    auto session = std::make_unique<StompSession>(heartBeatMs);
    const Decoded decoded = session->decode(Connect12);
    if (decoded.action != Decoded::Action::Connected)
        qWarning() << "CONNECT refused:" << decoded.problem;
    return session;
}

QString subscribeFrame(const QString &id, const QString &destination, const QString &extra = {})
{
    return QStringLiteral("SUBSCRIBE\nid:%1\ndestination:%2\n%3\n").arg(id, destination, extra)
        + QChar(0);
}

} // namespace

class TestStompCodec : public QObject
{
    Q_OBJECT

private slots:
    void parsesFrames_data()
    {
        QTest::addColumn<QByteArray>("message");
        QTest::addColumn<QByteArray>("command");
        QTest::addColumn<QStringList>("headers"); // name=value, in order
        QTest::addColumn<QByteArray>("body");

        QTest::newRow("no headers") << bytes("DISCONNECT\n\n\0") << QByteArray("DISCONNECT")
                                    << QStringList() << QByteArray();
        QTest::newRow("body until NUL")
            << bytes("SEND\ndestination:/q\n\nhello\0") << QByteArray("SEND")
            << QStringList { QStringLiteral("destination=/q") } << QByteArray("hello");
        QTest::newRow("CRLF line ends and EOLs around")
            << bytes("\r\n\nSEND\r\ndestination:/q\r\n\r\nhi\0\r\n\n") << QByteArray("SEND")
            << QStringList { QStringLiteral("destination=/q") } << QByteArray("hi");
        QTest::newRow("content-length keeps NUL octets")
            << bytes("SEND\ndestination:/q\ncontent-length:3\n\na\0b\0") << QByteArray("SEND")
            << QStringList { QStringLiteral("destination=/q"), QStringLiteral("content-length=3") }
            << bytes("a\0b");
        QTest::newRow("escaped header")
            << bytes("SEND\ndestination:/a\\cb\\n\\r\\\\\nweird\\cname:x\n\n\0")
            << QByteArray("SEND")
            << QStringList { QStringLiteral("destination=/a:b\n\r\\"),
                             QStringLiteral("weird:name=x") }
            << QByteArray();
        QTest::newRow("padding kept, colon in value")
            << bytes("SEND\ndestination: /q\nurl:http://x\n\n\0") << QByteArray("SEND")
            << QStringList { QStringLiteral("destination= /q"), QStringLiteral("url=http://x") }
            << QByteArray();
        QTest::newRow("repeated header kept")
            << bytes("SEND\nfoo:1\nfoo:2\n\n\0") << QByteArray("SEND")
            << QStringList { QStringLiteral("foo=1"), QStringLiteral("foo=2") } << QByteArray();
        QTest::newRow("CONNECT is not unescaped")
            << bytes("CONNECT\nlogin:a\\cb\n\n\0") << QByteArray("CONNECT")
            << QStringList { QStringLiteral("login=a\\cb") } << QByteArray();
    }

    void parsesFrames()
    {
        QFETCH(QByteArray, message);
        QFETCH(QByteArray, command);
        QFETCH(QStringList, headers);
        QFETCH(QByteArray, body);

        const Stomp::Parsed parsed = Stomp::parse(message, Stomp::Escaping::V12);
        QCOMPARE(parsed.problem, QString());
        QCOMPARE(parsed.kind, Stomp::Parsed::Kind::Frame);
        QCOMPARE(parsed.frame.command, command);
        QStringList read;
        for (const auto &[name, value] : parsed.frame.headers)
            read << name + u'=' + value;
        QCOMPARE(read, headers);
        QCOMPARE(parsed.frame.body, body);
    }

    void firstOfRepeatedHeadersCounts()
    {
        const Stomp::Parsed parsed
            = Stomp::parse(bytes("SEND\nfoo:1\nfoo:2\n\n\0"), Stomp::Escaping::V12);
        QCOMPARE(parsed.frame.header(QStringLiteral("foo")), QStringLiteral("1"));
    }

    void heartBeats_data()
    {
        QTest::addColumn<QByteArray>("message");
        QTest::newRow("LF") << QByteArray("\n");
        QTest::newRow("CRLF") << QByteArray("\r\n");
        QTest::newRow("several") << QByteArray("\n\r\n\n");
        QTest::newRow("empty") << QByteArray();
    }

    void heartBeats()
    {
        QFETCH(QByteArray, message);
        QCOMPARE(Stomp::parse(message, Stomp::Escaping::V12).kind, Stomp::Parsed::Kind::HeartBeat);
        auto session = connected();
        const Decoded decoded = session->decode(QString::fromUtf8(message));
        QCOMPARE(decoded.action, Decoded::Action::Ignore);
        QVERIFY(decoded.replies.isEmpty());
    }

    void malformedFrames_data()
    {
        QTest::addColumn<QByteArray>("message");
        QTest::addColumn<QString>("problem");

        QTest::newRow("command only")
            << QByteArray("SEND")
            << QStringLiteral("the frame has no line break after its command");
        QTest::newRow("no blank line")
            << QByteArray("SEND\ndestination:/q\n")
            << QStringLiteral("the frame ends inside its headers (no blank line before the body)");
        QTest::newRow("NUL in headers")
            << bytes("SEND\ndestination:/q\0")
            << QStringLiteral("the frame ends inside its headers (no blank line before the body)");
        QTest::newRow("no NUL") << QByteArray("SEND\ndestination:/q\n\nhello")
                                << QStringLiteral("the frame does not end with a NUL octet");
        QTest::newRow("header without colon")
            << bytes("SEND\ndestination\n\n\0") << QStringLiteral("header line without ':'");
        QTest::newRow("empty header name")
            << bytes("SEND\n:x\n\n\0") << QStringLiteral("header with an empty name");
        QTest::newRow("undefined escape")
            << bytes("SEND\ndestination:a\\tb\n\n\0")
            << QStringLiteral("header 'destination' has an undefined escape sequence");
        QTest::newRow("backslash at the end")
            << bytes("SEND\nx:a\\\n\n\0")
            << QStringLiteral("header 'x' has an undefined escape sequence");
        QTest::newRow("content-length not a number")
            << bytes("SEND\ncontent-length:3x\n\nabc\0")
            << QStringLiteral("content-length '3x' is not a number of octets");
        QTest::newRow("content-length negative")
            << bytes("SEND\ncontent-length:-1\n\nabc\0")
            << QStringLiteral("content-length '-1' is not a number of octets");
        QTest::newRow("content-length too long")
            << bytes("SEND\ncontent-length:9\n\nabc\0")
            << QStringLiteral("content-length 9 is more than the 4 octets after the headers");
        QTest::newRow("content-length huge")
            << bytes("SEND\ncontent-length:999999999999999\n\nabc\0")
            << QStringLiteral(
                   "content-length 999999999999999 is more than the 4 octets after the headers");
        QTest::newRow("content-length too short")
            << bytes("SEND\ncontent-length:1\n\nabc\0")
            << QStringLiteral("no NUL after the 1 octets of content-length");
        QTest::newRow("two frames")
            << bytes("SEND\n\n\0SEND\n\n\0")
            << QStringLiteral("more than one frame in one WebSocket message");
        QTest::newRow("junk after NUL")
            << bytes("SEND\n\n\0x")
            << QStringLiteral("more than one frame in one WebSocket message");
        QByteArray manyHeaders = "SEND\n";
        for (int i = 0; i <= Stomp::MaxHeaders; ++i)
            manyHeaders += "h" + QByteArray::number(i) + ":v\n";
        QTest::newRow("too many headers")
            << manyHeaders + bytes("\n\0") << QStringLiteral("more than 128 headers");
    }

    void malformedFrames()
    {
        QFETCH(QByteArray, message);
        QFETCH(QString, problem);

        const Stomp::Parsed parsed = Stomp::parse(message, Stomp::Escaping::V12);
        QCOMPARE(parsed.kind, Stomp::Parsed::Kind::Malformed);
        QCOMPARE(parsed.problem, problem);

        // A connected session answers with an ERROR frame that says so, then closes.
        auto session = connected();
        const Decoded decoded = session->decodeBinary(message);
        QCOMPARE(decoded.action, Decoded::Action::Bad);
        QCOMPARE(decoded.problem, problem);
        QCOMPARE(decoded.replies.size(), 1);
        QCOMPARE(served(decoded.replies.first()).command, QByteArray("ERROR"));
        QCOMPARE(header(decoded.replies.first(), QStringLiteral("message")), problem);
        QCOMPARE(decoded.closeCode, 1002);
        QVERIFY(!decoded.closeReason.isEmpty());
    }

    void escapingRoundTrips_data()
    {
        QTest::addColumn<Stomp::Escaping>("escaping");
        QTest::newRow("1.2") << Stomp::Escaping::V12;
        QTest::newRow("1.1") << Stomp::Escaping::V11;
    }

    void escapingRoundTrips()
    {
        QFETCH(Stomp::Escaping, escaping);
        const QString text = escaping == Stomp::Escaping::V12 ? QStringLiteral("a:b\\c\nd\re")
                                                              : QStringLiteral("a:b\\c\nd");
        const QString escaped = Stomp::escapeHeader(text, escaping);
        QVERIFY(!escaped.contains(u':'));
        QVERIFY(!escaped.contains(u'\n'));
        QCOMPARE(Stomp::unescapeHeader(escaped, escaping), text);

        Stomp::Frame frame;
        frame.command = "MESSAGE";
        frame.headers
            = { { text, text }, { QStringLiteral("content-length"), QStringLiteral("3") } };
        frame.body = bytes("x\0y");
        const Stomp::Parsed parsed = Stomp::parse(Stomp::serialize(frame, escaping), escaping);
        QCOMPARE(parsed.problem, QString());
        QCOMPARE(parsed.frame.header(text), text);
    }

    void connectNegotiates_data()
    {
        QTest::addColumn<QString>("connect");
        QTest::addColumn<int>("serverHeartBeat");
        QTest::addColumn<QString>("version");
        QTest::addColumn<int>("keepAliveMs");

        QTest::newRow("stompjs") << Connect12 << 10000 << QStringLiteral("1.2") << 10000;
        QTest::newRow("STOMP command, 1.1")
            << frameText("STOMP\naccept-version:1.0,1.1\nhost:x\n\n\0") << 10000
            << QStringLiteral("1.1") << 0;
        QTest::newRow("no accept-version is 1.0")
            << frameText("CONNECT\n\n\0") << 10000 << QStringLiteral("1.0") << 0;
        QTest::newRow("client wants slower beats")
            << frameText("CONNECT\naccept-version:1.2\nheart-beat:0,30000\n\n\0") << 10000
            << QStringLiteral("1.2") << 30000;
        QTest::newRow("server offers none")
            << frameText("CONNECT\naccept-version:1.2\nheart-beat:0,5000\n\n\0") << 0
            << QStringLiteral("1.2") << 0;
        QTest::newRow("spaces in lists")
            << frameText("CONNECT\naccept-version:1.1, 1.2\nheart-beat: 0 , 100\n\n\0") << 1000
            << QStringLiteral("1.2") << 1000;
    }

    void connectNegotiates()
    {
        QFETCH(QString, connect);
        QFETCH(int, serverHeartBeat);
        QFETCH(QString, version);
        QFETCH(int, keepAliveMs);

        StompSession session(serverHeartBeat);
        QVERIFY(session.opened().isEmpty());
        QCOMPARE(session.keepAliveMs(), 0);
        const Decoded decoded = session.decode(connect);
        QCOMPARE(decoded.problem, QString());
        QCOMPARE(decoded.action, Decoded::Action::Connected);
        QCOMPARE(decoded.replies.size(), 1);
        const Stomp::Frame reply = served(decoded.replies.first());
        QCOMPARE(reply.command, QByteArray("CONNECTED"));
        QCOMPARE(reply.header(QStringLiteral("version")), version);
        QCOMPARE(reply.header(QStringLiteral("heart-beat")),
                 QStringLiteral("%1,%1").arg(serverHeartBeat));
        QVERIFY(reply.header(QStringLiteral("session")).has_value());
        QCOMPARE(decoded.params.value(QStringLiteral("version")), version);
        QCOMPARE(session.keepAliveMs(), keepAliveMs);
        QCOMPARE(session.keepAlive(), QStringLiteral("\n"));
    }

    void refusedFrames_data()
    {
        QTest::addColumn<QStringList>("before"); // accepted first
        QTest::addColumn<QString>("message");
        QTest::addColumn<QString>("problem");
        QTest::addColumn<QString>("receiptId");

        const QStringList none;
        const QStringList connect { Connect12 };
        QTest::newRow("SEND before CONNECT")
            << none << frameText("SEND\ndestination:/q\nreceipt:r1\n\nhi\0")
            << QStringLiteral("SEND before CONNECT") << QStringLiteral("r1");
        QTest::newRow("SUBSCRIBE before CONNECT")
            << none << subscribeFrame(QStringLiteral("0"), QStringLiteral("/t"))
            << QStringLiteral("SUBSCRIBE before CONNECT") << QString();
        QTest::newRow("unknown command")
            << connect << frameText("HELLO\n\n\0")
            << QStringLiteral("'HELLO' is not a STOMP client command") << QString();
        QTest::newRow("server command")
            << connect << frameText("MESSAGE\n\n\0")
            << QStringLiteral("'MESSAGE' is not a STOMP client command") << QString();
        QTest::newRow("control character in a command")
            << connect << frameText("BEGIN\r\r\ntransaction:t\n\n\0")
            << QStringLiteral("'BEGIN\\x0d' is not a STOMP client command") << QString();
        QTest::newRow("lower case")
            << none << frameText("connect\n\n\0")
            << QStringLiteral("'connect' is not a STOMP client command") << QString();
        QTest::newRow("no common version")
            << none << frameText("CONNECT\naccept-version:2.0\n\n\0")
            << QStringLiteral("no common STOMP version: this server speaks 1.0, 1.1 and 1.2")
            << QString();
        QTest::newRow("bad heart-beat")
            << none << frameText("CONNECT\naccept-version:1.2\nheart-beat:fast\n\n\0")
            << QStringLiteral("heart-beat 'fast' is not two numbers of milliseconds") << QString();
        QTest::newRow("negative heart-beat")
            << none << frameText("CONNECT\naccept-version:1.2\nheart-beat:-1,0\n\n\0")
            << QStringLiteral("heart-beat '-1,0' is not two numbers of milliseconds") << QString();
        QTest::newRow("second CONNECT")
            << connect << Connect12 << QStringLiteral("CONNECT on a connection already connected")
            << QString();
        QTest::newRow("SEND without destination")
            << connect << frameText("SEND\nreceipt:77\n\nhi\0")
            << QStringLiteral("SEND without a destination header") << QStringLiteral("77");
        QTest::newRow("SUBSCRIBE without id")
            << connect << frameText("SUBSCRIBE\ndestination:/t\n\n\0")
            << QStringLiteral("SUBSCRIBE without an id header") << QString();
        QTest::newRow("SUBSCRIBE with an empty id")
            << connect << frameText("SUBSCRIBE\nid:\ndestination:/t\n\n\0")
            << QStringLiteral("SUBSCRIBE without an id header") << QString();
        QTest::newRow("SUBSCRIBE without destination")
            << connect << frameText("SUBSCRIBE\nid:1\n\n\0")
            << QStringLiteral("SUBSCRIBE without a destination header") << QString();
        QTest::newRow("id in use")
            << QStringList { Connect12, subscribeFrame(QStringLiteral("s"), QStringLiteral("/a")) }
            << subscribeFrame(QStringLiteral("s"), QStringLiteral("/b"))
            << QStringLiteral("subscription id 's' is already in use") << QString();
        QTest::newRow("bad ack mode")
            << connect
            << subscribeFrame(QStringLiteral("s"), QStringLiteral("/a"),
                              QStringLiteral("ack:sometimes\n"))
            << QStringLiteral("ack 'sometimes' is not auto, client or client-individual")
            << QString();
        QTest::newRow("UNSUBSCRIBE without id")
            << connect << frameText("UNSUBSCRIBE\n\n\0")
            << QStringLiteral("UNSUBSCRIBE without an id header") << QString();
        QTest::newRow("body on SUBSCRIBE")
            << connect << frameText("SUBSCRIBE\nid:1\ndestination:/t\n\nx\0")
            << QStringLiteral("a SUBSCRIBE frame has no body") << QString();
    }

    void refusedFrames()
    {
        QFETCH(QStringList, before);
        QFETCH(QString, message);
        QFETCH(QString, problem);
        QFETCH(QString, receiptId);

        StompSession session;
        for (const QString &accepted : std::as_const(before))
            QCOMPARE(session.decode(accepted).problem, QString());
        const Decoded decoded = session.decode(message);
        QCOMPARE(decoded.action, Decoded::Action::Bad);
        QCOMPARE(decoded.problem, problem);
        QCOMPARE(decoded.replies.size(), 1);
        const Stomp::Frame error = served(decoded.replies.first());
        QCOMPARE(error.command, QByteArray("ERROR"));
        QCOMPARE(error.header(QStringLiteral("message")), problem);
        QCOMPARE(error.header(QStringLiteral("receipt-id")).value_or(QString()), receiptId);
        QCOMPARE(error.body, problem.toUtf8() + '\n');
        QCOMPARE(decoded.closeCode, 1002);
        QCOMPARE(decoded.closeReason, problem);
        // Nothing more reaches a connection that broke the protocol, and frames already on
        // their way get no answer.
        const Decoded late = session.decode(Connect12);
        QCOMPARE(late.action, Decoded::Action::Ignore);
        QVERIFY(late.replies.isEmpty());
        QCOMPARE(session.frame({ QStringLiteral("message"), QStringLiteral("/a") },
                               QStringLiteral("x"), {}),
                 std::nullopt);
    }

    void longProblemFitsACloseReason()
    {
        StompSession session;
        const Decoded decoded
            = session.decode(QStringLiteral("%1\n\n").arg(QString(300, u'é')) + QChar(0));
        QCOMPARE(decoded.action, Decoded::Action::Bad);
        QVERIFY(decoded.closeReason.toUtf8().size() <= 123);
        QVERIFY(!decoded.closeReason.contains(QChar::ReplacementCharacter));
        QVERIFY(decoded.problem.size() < 300);
    }

    void sendIsAMessage()
    {
        auto session = connected();
        const Decoded decoded = session->decode(
            frameText("SEND\ndestination:/app/echo\ncontent-type:application/"
                      "json\nreceipt:r-7\ncontent-length:13\n\n{\"text\":\"é\"}\0"));
        QCOMPARE(decoded.problem, QString());
        QCOMPARE(decoded.action, Decoded::Action::Message);
        QCOMPARE(decoded.command, QStringLiteral("SEND"));
        QCOMPARE(decoded.name, QStringLiteral("/app/echo"));
        QCOMPARE(decoded.payload, QStringLiteral("{\"text\":\"é\"}"));
        QCOMPARE(decoded.params.value(QStringLiteral("destination")), QStringLiteral("/app/echo"));
        QCOMPARE(decoded.params.value(QStringLiteral("header.content-type")),
                 QStringLiteral("application/json"));
        QCOMPARE(decoded.params.value(QStringLiteral("header.receipt")), QStringLiteral("r-7"));
        QCOMPARE(decoded.summary, QStringLiteral("stomp SEND /app/echo {\"text\":\"é\"}"));
        QVERIFY(decoded.replies.isEmpty());
        QCOMPARE(decoded.after.size(), 1); // after the rules answered
        QCOMPARE(served(decoded.after.first()).command, QByteArray("RECEIPT"));
        QCOMPARE(header(decoded.after.first(), QStringLiteral("receipt-id")),
                 QStringLiteral("r-7"));
    }

    void subscriptionGetsItsMessages()
    {
        auto session = connected();
        const Decoded subscribed = session->decode(
            subscribeFrame(QStringLiteral("sub-0"), QStringLiteral("/topic/prices")));
        QCOMPARE(subscribed.action, Decoded::Action::Message);
        QCOMPARE(subscribed.command, QStringLiteral("SUBSCRIBE"));
        QCOMPARE(subscribed.name, QStringLiteral("/topic/prices"));
        QCOMPARE(subscribed.streamKey, QStringLiteral("sub-0"));
        QCOMPARE(subscribed.params.value(QStringLiteral("subscription")), QStringLiteral("sub-0"));
        QCOMPARE(subscribed.summary, QStringLiteral("stomp SUBSCRIBE /topic/prices (id sub-0)"));
        QVERIFY(subscribed.after.isEmpty());

        // A SUBSCRIBE rule's reply (no send-to) goes to that subscription.
        const auto reply = session->frame({ QStringLiteral("message"), {} },
                                          QStringLiteral("{\"price\": 1}"), subscribed.params);
        QVERIFY(reply);
        const Stomp::Frame message = served(*reply);
        QCOMPARE(message.command, QByteArray("MESSAGE"));
        QCOMPARE(message.header(QStringLiteral("subscription")), QStringLiteral("sub-0"));
        QCOMPARE(message.header(QStringLiteral("destination")), QStringLiteral("/topic/prices"));
        QCOMPARE(message.header(QStringLiteral("content-type")),
                 QStringLiteral("application/json"));
        QCOMPARE(message.header(QStringLiteral("content-length")), QStringLiteral("12"));
        QCOMPARE(message.header(QStringLiteral("ack")), std::nullopt);
        QCOMPARE(message.body, QByteArray("{\"price\": 1}"));
        const auto second = session->frame({ QStringLiteral("message"), {} }, QStringLiteral("two"),
                                           subscribed.params);
        QVERIFY(second);
        QVERIFY(header(*second, QStringLiteral("message-id"))
                != message.header(QStringLiteral("message-id")));
        QCOMPARE(header(*second, QStringLiteral("content-type")),
                 QStringLiteral("text/plain;charset=utf-8"));

        // After UNSUBSCRIBE its stream stops and nothing more is framed for it.
        const Decoded stopped
            = session->decode(frameText("UNSUBSCRIBE\nid:sub-0\nreceipt:u1\n\n\0"));
        QCOMPARE(stopped.action, Decoded::Action::Stop);
        QCOMPARE(stopped.streamKey, QStringLiteral("sub-0"));
        QCOMPARE(stopped.replies.size(), 1);
        QCOMPARE(header(stopped.replies.first(), QStringLiteral("receipt-id")),
                 QStringLiteral("u1"));
        QCOMPARE(session->frame({ QStringLiteral("message"), {} }, QStringLiteral("late"),
                                subscribed.params),
                 std::nullopt);
    }

    void sendToReachesEverySubscription()
    {
        auto session = connected();
        QCOMPARE(session->decode(subscribeFrame(QStringLiteral("a"), QStringLiteral("/topic/echo")))
                     .problem,
                 QString());
        QCOMPARE(
            session->decode(subscribeFrame(QStringLiteral("b"), QStringLiteral("/topic/other")))
                .problem,
            QString());
        QCOMPARE(session
                     ->decode(subscribeFrame(QStringLiteral("c"), QStringLiteral("/topic/echo"),
                                             QStringLiteral("ack:client\n")))
                     .problem,
                 QString());
        const Decoded sent = session->decode(frameText("SEND\ndestination:/app/echo\n\nhello\0"));
        const auto frames
            = session->frame({ QStringLiteral("message"), QStringLiteral("/topic/echo") },
                             sent.payload, sent.params);
        QVERIFY(frames);
        // One MESSAGE for each subscription to it, each with its own subscription id.
        const QStringList parts = frames->split(QChar(0), Qt::SkipEmptyParts);
        QCOMPARE(parts.size(), 2);
        const Stomp::Frame first = served(parts.at(0) + QChar(0));
        const Stomp::Frame second = served(parts.at(1) + QChar(0));
        QCOMPARE(first.header(QStringLiteral("subscription")), QStringLiteral("a"));
        QCOMPARE(second.header(QStringLiteral("subscription")), QStringLiteral("c"));
        QCOMPARE(second.header(QStringLiteral("ack")), second.header(QStringLiteral("message-id")));
        QCOMPARE(first.body, QByteArray("hello"));
        QCOMPARE(session->frame({ QStringLiteral("message"), QStringLiteral("/topic/none") },
                                QStringLiteral("x"), {}),
                 std::nullopt);

        // A connection that is not connected gets nothing.
        StompSession fresh;
        QCOMPARE(fresh.frame({ QStringLiteral("message"), QStringLiteral("/topic/echo") },
                             QStringLiteral("x"), {}),
                 std::nullopt);
    }

    void headersAreEscapedInMessages()
    {
        auto session = connected();
        QCOMPARE(session->decode(subscribeFrame(QStringLiteral("x\\cy"), QStringLiteral("/a\\nb")))
                     .problem,
                 QString());
        const auto reply = session->frame({ QStringLiteral("message"), QStringLiteral("/a\nb") },
                                          QStringLiteral("x"), {});
        QVERIFY(reply);
        QVERIFY(reply->contains(QStringLiteral("subscription:x\\cy\n")));
        QCOMPARE(header(*reply, QStringLiteral("destination")), QStringLiteral("/a\nb"));
    }

    // Relayed, the upstream's CONNECTED chooses among the versions the client offered, and
    // the mock's MESSAGE frames are written in its choice: 1.0 escapes no header.
    void upstreamChoosesTheVersion_data()
    {
        QTest::addColumn<QString>("connected");
        QTest::addColumn<QString>("id"); // the subscription id x:y, as the client writes it
        QTest::addColumn<QString>("subscription");
        QTest::newRow("1.0") << frameText("CONNECTED\nversion:1.0\n\n\0") << QStringLiteral("x:y")
                             << QStringLiteral("subscription:x:y\n");
        QTest::newRow("1.2") << frameText("CONNECTED\nversion:1.2\n\n\0") << QStringLiteral("x\\cy")
                             << QStringLiteral("subscription:x\\cy\n");
        QTest::newRow("unknown version")
            << frameText("CONNECTED\nversion:9.9\n\n\0") << QStringLiteral("x\\cy")
            << QStringLiteral("subscription:x\\cy\n");
    }
    void upstreamChoosesTheVersion()
    {
        QFETCH(QString, connected);
        QFETCH(QString, id);
        QFETCH(QString, subscription);
        auto session = ::connected(); // the client offered 1.2, 1.1 and 1.0
        session->upstreamFrame(connected);
        QCOMPARE(session->decode(subscribeFrame(id, QStringLiteral("/a"))).problem, QString());
        const auto reply = session->frame({ QStringLiteral("message"), QStringLiteral("/a") },
                                          QStringLiteral("m"), {});
        QVERIFY(reply);
        QVERIFY2(reply->contains(subscription), qPrintable(*reply));
    }

    void disconnectAnswersWithItsReceipt()
    {
        auto session = connected();
        const Decoded decoded = session->decode(frameText("DISCONNECT\nreceipt:close-1\n\n\0"));
        QCOMPARE(decoded.action, Decoded::Action::Close);
        QCOMPARE(decoded.replies.size(), 1);
        QCOMPARE(header(decoded.replies.first(), QStringLiteral("receipt-id")),
                 QStringLiteral("close-1"));
        const Decoded late = session->decode(frameText("SEND\ndestination:/q\nreceipt:2\n\n\0"));
        QCOMPARE(late.action, Decoded::Action::Ignore);
        QVERIFY(late.replies.isEmpty());
    }

    void acknowledgementsAndTransactionsAreAccepted_data()
    {
        QTest::addColumn<QString>("message");
        QTest::newRow("ACK") << frameText("ACK\nid:1\nreceipt:r\n\n\0");
        QTest::newRow("NACK") << frameText("NACK\nid:1\nreceipt:r\n\n\0");
        QTest::newRow("BEGIN") << frameText("BEGIN\ntransaction:t\nreceipt:r\n\n\0");
        QTest::newRow("COMMIT") << frameText("COMMIT\ntransaction:t\nreceipt:r\n\n\0");
        QTest::newRow("ABORT") << frameText("ABORT\ntransaction:t\nreceipt:r\n\n\0");
    }

    void acknowledgementsAndTransactionsAreAccepted()
    {
        QFETCH(QString, message);
        auto session = connected();
        const Decoded decoded = session->decode(message);
        QCOMPARE(decoded.problem, QString());
        QCOMPARE(decoded.action, Decoded::Action::Ignore);
        QCOMPARE(decoded.replies.size(), 1);
        QCOMPARE(header(decoded.replies.first(), QStringLiteral("receipt-id")),
                 QStringLiteral("r"));
    }

    void subscriptionsAreBounded()
    {
        auto session = connected();
        for (int i = 0; i < Stomp::MaxSubscriptions; ++i)
            QCOMPARE(
                session->decode(subscribeFrame(QString::number(i), QStringLiteral("/t"))).action,
                Decoded::Action::Message);
        const Decoded refused
            = session->decode(subscribeFrame(QStringLiteral("one more"), QStringLiteral("/t")));
        QCOMPARE(refused.action, Decoded::Action::Bad);
        QCOMPARE(refused.problem, QStringLiteral("more than 256 subscriptions on one connection"));
    }

    void stomp10SubscriptionsByDestination()
    {
        StompSession session;
        QCOMPARE(session.decode(frameText("CONNECT\n\n\0")).action, Decoded::Action::Connected);
        const Decoded subscribed = session.decode(frameText("SUBSCRIBE\ndestination:/q\n\n\0"));
        QCOMPARE(subscribed.streamKey, QStringLiteral("/q"));
        const Decoded stopped = session.decode(frameText("UNSUBSCRIBE\ndestination:/q\n\n\0"));
        QCOMPARE(stopped.action, Decoded::Action::Stop);
        QCOMPARE(stopped.streamKey, QStringLiteral("/q"));
    }

    void binaryFramesAreFramesToo()
    {
        auto session = connected();
        const Decoded decoded
            = session->decodeBinary(bytes("SEND\ndestination:/q\ncontent-length:2\n\n\0\1\0"));
        QCOMPARE(decoded.action, Decoded::Action::Message);
        QCOMPARE(decoded.payload.size(), 2);
    }

    void subprotocols()
    {
        QCOMPARE(Stomp::subprotocols(),
                 (QStringList { QStringLiteral("v12.stomp"), QStringLiteral("v11.stomp"),
                                QStringLiteral("v10.stomp") }));
    }
};

QTEST_GUILESS_MAIN(TestStompCodec)
#include "tst_stompcodec.moc"
