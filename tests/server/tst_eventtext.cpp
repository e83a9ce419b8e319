#include "eventtext.h"

#include <QTest>

#include <memory>

namespace {
const TrafficEvent::Source Connection { 7, QStringLiteral("/ws/echo") };
const QString Peer = QStringLiteral("127.0.0.1:50000");

// What mocket-cli prints for the event, without the time in front.
QString printed(const TrafficEvent &event)
{
    return EventText::visible(event.toLine()).section(QLatin1Char(' '), 1);
}

TrafficEvent httpGet(const QString &target)
{
    auto exchange = std::make_shared<HttpExchange>();
    exchange->method = "GET";
    exchange->target = target;
    exchange->status = 404;
    return TrafficEvent::httpExchange(Peer, target, QString(), exchange);
}
} // namespace

// The console shows what a client chose and never lets the terminal act on it: each hostile
// text, put where a client can put it, comes out as visible escapes on one line.
class TestEventText : public QObject
{
    Q_OBJECT

private slots:
    void visible_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("expected");
        auto row = [](const char *name, const QString &text, const char *expected) {
            QTest::newRow(name) << text << QString::fromUtf8(expected);
        };
        row("plain", QStringLiteral("ping {\"a\": \"b\\\\n\"}"), "ping {\"a\": \"b\\\\n\"}");
        row("non-ASCII kept", QStringLiteral("olá \u00a0 \u00e9 \U0001F600 \u05d0"),
            "olá \u00a0 \u00e9 \U0001F600 \u05d0");
        row("line breaks and tab", QStringLiteral("a\nb\rc\td"), "a\\nb\\rc\\td");
        row("NUL", QString(QChar(0)) + QStringLiteral("x"), "\\x00x");
        row("ESC title", QStringLiteral("\x1b]0;pwned\x07"), "\\x1b]0;pwned\\x07");
        row("ESC clear", QStringLiteral("\x1b[2J\x1b[H"), "\\x1b[2J\\x1b[H");
        row("DEL", QStringLiteral("a\x7f"), "a\\x7f");
        row("C1 CSI", QStringLiteral("\u009b31m"), "\\u009b31m");
        row("C1 edges", QStringLiteral("\u0080\u009f\u00a0"), "\\u0080\\u009f\u00a0");
        row("bidi override", QStringLiteral("txt\u202egpj.exe"), "txt\\u202egpj.exe");
        row("bidi embeddings", QStringLiteral("\u202a\u202b\u202c\u202d"),
            "\\u202a\\u202b\\u202c\\u202d");
        row("bidi isolates", QStringLiteral("\u2066\u2067\u2068\u2069"),
            "\\u2066\\u2067\\u2068\\u2069");
        row("not bidi controls", QStringLiteral("\u2029\u2065\u206a"), "\u2029\u2065\u206a");
    }

    void visible()
    {
        QFETCH(QString, text);
        QFETCH(QString, expected);
        QCOMPARE(EventText::visible(text), expected);
    }

    void consoleLine_data()
    {
        using Cause = TrafficEvent::Cause;
        QTest::addColumn<TrafficEvent>("event");
        QTest::addColumn<QString>("expected");
        auto row = [](const char *name, const TrafficEvent &event, const char *expected) {
            QTest::newRow(name) << event << QString::fromUtf8(expected);
        };
        const QString forged = QStringLiteral("\n12:00:00.000 #1 open /ws/admin from 10.0.0.1:1");
        row("open: decoded path",
            TrafficEvent::opened({ 7, QStringLiteral("/ws/\x1b[2J\u202e") }, Peer, {}, {}, {}),
            "#7 open /ws/\\x1b[2J\\u202e from 127.0.0.1:50000");
        row("message preview",
            TrafficEvent::unmatched(Connection, QStringLiteral("\x1b[31mred") + forged),
            "#7 <- \\x1b[31mred\\n12:00:00.000 #1 open /ws/admin from 10.0.0.1:1"
            "   [unmatched, no reply]");
        row("matched message",
            TrafficEvent::received(Connection, QStringLiteral("hi\x07"),
                                   QStringLiteral("on-message[0]")),
            "#7 <- hi\\x07   [on-message[0]]");
        row("binary frame a rule answered",
            TrafficEvent::binaryReceived(Connection, QByteArray("\xca\xfe", 2),
                                         QStringLiteral("on-message[1]")),
            "#7 <- binary message, 2 bytes   [on-message[1]]");
        row("binary frame no rule answered",
            TrafficEvent::binaryReceived(Connection, QByteArray("\x01\x02", 2), QString()),
            "#7 <- binary message, 2 bytes   [unmatched]");
        row("close reason", TrafficEvent::closed(Connection, 1000, QStringLiteral("bye\x1b[2J")),
            "#7 closed 1000 bye\\x1b[2J");
        row("refused target",
            TrafficEvent::refused(Peer, Cause::NoEndpoint, 404, { QStringLiteral("/x\x1b[H") }),
            "-- refused /x\\x1b[H: no endpoint serves this path (404) from 127.0.0.1:50000");
        row("refused method",
            TrafficEvent::refused(Peer, Cause::MethodNotAllowed, 405,
                                  { QStringLiteral("/ws/echo"), QStringLiteral("P\x1bOST") }),
            "-- refused P\\x1bOST /ws/echo: WebSocket handshakes use GET from 127.0.0.1:50000");
        row("refused version",
            TrafficEvent::refused(Peer, Cause::HttpVersion, 400, { QStringLiteral("HTTP/\x9b") }),
            "-- refused WebSocket needs HTTP/1.1 or later, not HTTP/\\u009b from 127.0.0.1:50000");
        row("refused WebSocket version",
            TrafficEvent::refused(Peer, Cause::BadVersion, 426,
                                  { QStringLiteral("/ws/echo"), QStringLiteral("13\r\n") }),
            "-- refused /ws/echo: unsupported Sec-WebSocket-Version '13\\r\\n' (13 is supported) "
            "from 127.0.0.1:50000");
        row("refused origin",
            TrafficEvent::refused(
                Peer, Cause::OriginNotAllowed, 403,
                { QStringLiteral("/ws/echo"), QStringLiteral("http://a\u2066.test") }),
            "-- refused /ws/echo: origin http://a\\u2066.test is not allowed (403) "
            "from 127.0.0.1:50000");
        row("refused subprotocols",
            TrafficEvent::refused(Peer, Cause::SubprotocolNotOffered, 400,
                                  { QStringLiteral("/ws/echo"), QStringLiteral("v1\x1b[8m"),
                                    QStringLiteral("chat") }),
            "-- refused /ws/echo does not offer subprotocol v1\\x1b[8m (it offers: chat) "
            "from 127.0.0.1:50000");
        row("http request line", httpGet(QStringLiteral("/a\x1b[2J?b=\x7f")),
            "-- http GET /a\\x1b[2J?b=\\x7f -> 404 · 0 B in · 0 B out · 0 ms");
    }

    void consoleLine()
    {
        QFETCH(TrafficEvent, event);
        QFETCH(QString, expected);
        QCOMPARE(printed(event), expected);
    }

    // The --log file is JSON: its strings escape every control, and what a terminal would obey
    // besides (DEL, C1, bidi) is escaped too, so `tail -f` on it is as safe as the console.
    void jsonLogEscapes()
    {
        const QString reason = QStringLiteral("\x1b[2J\n\x7f\u009b\u202e\u2069\u00e9");
        const QByteArray line = TrafficEvent::closed(Connection, 1000, reason).toJsonLine();
        QVERIFY2(line.contains("\"reason\":\"\\u001b[2J\\n\\u007f\\u009b\\u202e\\u2069"),
                 line.constData());
        for (const char byte : line)
            QVERIFY2(uchar(byte) >= 0x20 && byte != 0x7f, line.constData());
        QVERIFY(line.contains(QStringLiteral("\u00e9").toUtf8()));
    }
};

QTEST_GUILESS_MAIN(TestEventText)
#include "tst_eventtext.moc"
