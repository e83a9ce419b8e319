// The upgrade request head, parsed and judged without a socket: raw request text in, the
// server's answer (upgrade, wait for more, or an HTTP refusal and why) out.
#include "eventtext.h"
#include "handshakerequest.h"
#include "specloader.h"

#include <QTest>

Q_DECLARE_METATYPE(HandshakeVerdict::Outcome)
Q_DECLARE_METATYPE(TrafficEvent::Cause)

namespace {

const QByteArray Key = "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n";
const QByteArray Version = "Sec-WebSocket-Version: 13\r\n";
const QByteArray Upgrade = "Upgrade: websocket\r\nConnection: Upgrade\r\n";

// A request line and Host, then the given header lines, then the blank line.
QByteArray request(const QByteArray &target, const QByteArray &headers,
                   const QByteArray &method = "GET", const QByteArray &version = "HTTP/1.1")
{
    return method + ' ' + target + ' ' + version + "\r\nHost: 127.0.0.1\r\n" + headers + "\r\n";
}

// A complete, valid handshake for target, with extra header lines.
QByteArray handshake(const QByteArray &target, const QByteArray &extra = {})
{
    return request(target, Upgrade + Key + Version + extra);
}

} // namespace

class TestHandshakeRequest : public QObject
{
    Q_OBJECT

    MockSpecPtr m_spec;

    HandshakePolicy policy(const QStringList &allowedOrigins) const
    {
        return { m_spec.get(),
                 { QStringLiteral("chat.v2"), QStringLiteral("chat.v1") },
                 allowedOrigins };
    }

private slots:
    void initTestCase()
    {
        const LoadResult result = SpecLoader::loadText(QStringLiteral(R"(
- websocket:
    path: /ws/echo
    on-connect:
      response: hi
- websocket:
    path: /ws/user/:name
    on-connect:
      response: hi
- websocket:
    path: /chat
    subprotocols: [chat.v2, chat.v1]
    on-connect:
      response: hi
- websocket:
    path: /plain
    on-connect:
      response: hello
)"),
                                                       QStringLiteral("test.yml"));
        QVERIFY2(result.ok(), qPrintable(result.diagnosticsText()));
        m_spec = result.spec;
    }

    void verdict_data()
    {
        using Cause = TrafficEvent::Cause;
        using Outcome = HandshakeVerdict::Outcome;
        QTest::addColumn<QByteArray>("head");
        QTest::addColumn<QStringList>("allowedOrigins");
        QTest::addColumn<Outcome>("outcome");
        QTest::addColumn<int>("status");
        QTest::addColumn<Cause>("cause");
        QTest::addColumn<QString>("reason"); // as the response body and the log say it

        const QStringList any;
        const QStringList site { QStringLiteral("https://app.example") };

        QTest::newRow("valid") << handshake("/ws/echo") << any << Outcome::Upgrade << 0
                               << Cause::None << QString();
        QTest::newRow("valid, with a query") << handshake("/ws/echo?token=1#top") << any
                                             << Outcome::Upgrade << 0 << Cause::None << QString();
        QTest::newRow("valid, path parameter") << handshake("/ws/user/alice") << any
                                               << Outcome::Upgrade << 0 << Cause::None << QString();
        QTest::newRow("valid, header case and lists")
            << request(
                   "/ws/echo",
                   "upgrade:   WebSocket\r\nCONNECTION: keep-alive, Upgrade\r\n"
                   "sec-websocket-key:dGhlIHNhbXBsZSBub25jZQ==\r\nsec-websocket-version: 13\r\n")
            << any << Outcome::Upgrade << 0 << Cause::None << QString();
        QTest::newRow("repeated header: the last counts")
            << request("/ws/echo", Upgrade + Key + "Sec-WebSocket-Version: 8\r\n" + Version) << any
            << Outcome::Upgrade << 0 << Cause::None << QString();
        QTest::newRow("empty: waits")
            << QByteArray() << any << Outcome::Wait << 0 << Cause::None << QString();
        QTest::newRow("head not complete: waits")
            << QByteArray("GET /ws/echo HTTP/1.1\r\nHost: 127.0.0.1\r\n") << any << Outcome::Wait
            << 0 << Cause::None << QString();
        QTest::newRow("binary garbage")
            << QByteArrayLiteral("\x16\x03\x01\x02\x00\x01\x00\x01\xfc") << any << Outcome::Refuse
            << 400 << Cause::NotHttp << QStringLiteral("not an HTTP request");
        QTest::newRow("lower-case method")
            << QByteArray("get /ws/echo HTTP/1.1\r\n\r\n") << any << Outcome::Refuse << 400
            << Cause::NotHttp << QStringLiteral("not an HTTP request");
        QTest::newRow("two spaces in the request line")
            << QByteArray("GET  /ws/echo HTTP/1.1\r\n\r\n") << any << Outcome::Refuse << 400
            << Cause::NotHttp << QStringLiteral("not an HTTP request");
        QTest::newRow("not HTTP") << QByteArray("GET /ws/echo FTP/1.0\r\n\r\n") << any
                                  << Outcome::Refuse << 400 << Cause::NotHttp
                                  << QStringLiteral("not an HTTP request");
        QTest::newRow("HTTP/1.0") << request("/ws/echo", Upgrade + Key + Version, "GET", "HTTP/1.0")
                                  << any << Outcome::Refuse << 400 << Cause::HttpVersion
                                  << QStringLiteral("WebSocket needs HTTP/1.1 or later, not "
                                                    "HTTP/1.0");
        QTest::newRow("head over 16 KiB")
            << QByteArray("GET /ws/echo HTTP/1.1\r\nX-Big: "
                          + QByteArray(HandshakeRequest::MaxHead, 'a'))
                   .left(HandshakeRequest::MaxHead)
            << any << Outcome::Refuse << 431 << Cause::HeadTooLarge
            << QStringLiteral("request head too large");
        QTest::newRow("a frame before the 101")
            << QByteArray(handshake("/ws/echo") + "\x81\x85" + "abcd" + "hello") << any
            << Outcome::Refuse << 400 << Cause::DataBeforeResponse
            << QStringLiteral("data sent before the handshake response");
        QTest::newRow("POST") << request("/ws/echo", Upgrade + Key + Version, "POST") << any
                              << Outcome::Refuse << 405 << Cause::MethodNotAllowed
                              << QStringLiteral("POST /ws/echo: WebSocket handshakes use GET");
        QTest::newRow("no endpoint")
            << handshake("/ws/nope") << any << Outcome::Refuse << 404 << Cause::NoEndpoint
            << QStringLiteral("/ws/nope: no endpoint serves this path (404)");
        QTest::newRow("trailing slash")
            << handshake("/ws/echo/?a=b") << any << Outcome::Refuse << 404 << Cause::NoEndpoint
            << QStringLiteral("/ws/echo/: no endpoint serves this path (404)");
        QTest::newRow("no Upgrade")
            << request("/ws/echo", "Connection: Upgrade\r\n" + Key + Version) << any
            << Outcome::Refuse << 400 << Cause::NotUpgrade
            << QStringLiteral("/ws/echo: not a WebSocket upgrade request");
        QTest::newRow("Upgrade: h2c")
            << request("/ws/echo", "Upgrade: h2c\r\nConnection: Upgrade\r\n" + Key + Version) << any
            << Outcome::Refuse << 400 << Cause::NotUpgrade
            << QStringLiteral("/ws/echo: not a WebSocket upgrade request");
        QTest::newRow("no Connection")
            << request("/ws/echo", "Upgrade: websocket\r\n" + Key + Version) << any
            << Outcome::Refuse << 400 << Cause::NotUpgrade
            << QStringLiteral("/ws/echo: not a WebSocket upgrade request");
        QTest::newRow("no key") << request("/ws/echo", Upgrade + Version) << any << Outcome::Refuse
                                << 400 << Cause::BadKey
                                << QStringLiteral("/ws/echo: missing or invalid Sec-WebSocket-Key");
        QTest::newRow("key not 16 bytes")
            << request("/ws/echo", Upgrade + "Sec-WebSocket-Key: c2hvcnQ=\r\n" + Version) << any
            << Outcome::Refuse << 400 << Cause::BadKey
            << QStringLiteral("/ws/echo: missing or invalid Sec-WebSocket-Key");
        QTest::newRow("key not base64")
            << request("/ws/echo",
                       Upgrade + "Sec-WebSocket-Key: !!!not*base64!!!!!!!!!==\r\n" + Version)
            << any << Outcome::Refuse << 400 << Cause::BadKey
            << QStringLiteral("/ws/echo: missing or invalid Sec-WebSocket-Key");
        QTest::newRow("version 8")
            << request("/ws/echo", Upgrade + Key + "Sec-WebSocket-Version: 8\r\n") << any
            << Outcome::Refuse << 426 << Cause::BadVersion
            << QStringLiteral("/ws/echo: unsupported Sec-WebSocket-Version '8' (13 is supported)");
        QTest::newRow("no version")
            << request("/ws/echo", Upgrade + Key) << any << Outcome::Refuse << 426
            << Cause::BadVersion
            << QStringLiteral("/ws/echo: unsupported Sec-WebSocket-Version '' (13 is supported)");
        QTest::newRow("another endpoint's subprotocol")
            << handshake("/plain", "Sec-WebSocket-Protocol: mqtt, chat.v2\r\n") << any
            << Outcome::Refuse << 400 << Cause::SubprotocolNotOffered
            << QStringLiteral("/plain does not offer subprotocol chat.v2 (it offers: none)");
        QTest::newRow("its own subprotocol")
            << handshake("/chat", "Sec-WebSocket-Protocol: chat.v1\r\n") << any << Outcome::Upgrade
            << 0 << Cause::None << QString();
        QTest::newRow("a subprotocol no endpoint offers")
            << handshake("/plain", "Sec-WebSocket-Protocol: mqtt\r\n") << any << Outcome::Upgrade
            << 0 << Cause::None << QString();
        // What QWebSocketServer 6.4 would close without a word is answered here.
        const QByteArray upgradeHeaders = Upgrade + Key + Version;
        QTest::newRow("no Host") << QByteArray("GET /ws/echo HTTP/1.1\r\n" + upgradeHeaders
                                               + "\r\n")
                                 << any << Outcome::Refuse << 400 << Cause::BadHost
                                 << QStringLiteral("/ws/echo: missing or invalid Host header ''");
        QTest::newRow("empty Host")
            << QByteArray("GET /ws/echo HTTP/1.1\r\nHost:\r\n" + upgradeHeaders + "\r\n") << any
            << Outcome::Refuse << 400 << Cause::BadHost
            << QStringLiteral("/ws/echo: missing or invalid Host header ''");
        QTest::newRow("Host with a user")
            << QByteArray("GET /ws/echo HTTP/1.1\r\nHost: me@127.0.0.1\r\n" + upgradeHeaders
                          + "\r\n")
            << any << Outcome::Refuse << 400 << Cause::BadHost
            << QStringLiteral("/ws/echo: missing or invalid Host header 'me@127.0.0.1'");
        QTest::newRow("space before the colon")
            << request("/ws/echo", "Upgrade : websocket\r\nConnection: Upgrade\r\n" + Key + Version)
            << any << Outcome::Refuse << 400 << Cause::MalformedHeader
            << QStringLiteral("/ws/echo: malformed header line 'Upgrade : websocket'");
        QTest::newRow("line without a colon")
            << handshake("/ws/echo", "X-Broken\r\n") << any << Outcome::Refuse << 400
            << Cause::MalformedHeader
            << QStringLiteral("/ws/echo: malformed header line 'X-Broken'");
        QTest::newRow("first header line starts with a space")
            << QByteArray("GET /ws/echo HTTP/1.1\r\n Host: 127.0.0.1\r\n" + upgradeHeaders + "\r\n")
            << any << Outcome::Refuse << 400 << Cause::MalformedHeader
            << QStringLiteral("/ws/echo: malformed header line ' Host: 127.0.0.1'");
        QTest::newRow("folded header line")
            << handshake("/ws/echo", "X-Folded: a\r\n b\r\n") << any << Outcome::Refuse << 400
            << Cause::MalformedHeader << QStringLiteral("/ws/echo: malformed header line ' b'");
        QTest::newRow("folded Host")
            << QByteArray("GET /ws/echo HTTP/1.1\r\nHost: a\r\n b\r\n" + upgradeHeaders + "\r\n")
            << any << Outcome::Refuse << 400 << Cause::MalformedHeader
            << QStringLiteral("/ws/echo: malformed header line ' b'");
        QTest::newRow("line feed in the request target")
            << handshake("/ws/echo?a\nb") << any << Outcome::Refuse << 400 << Cause::NotHttp
            << QStringLiteral("not an HTTP request");
        QTest::newRow("Upgrade: h2c, websocket")
            << request("/ws/echo",
                       "Upgrade: h2c, websocket\r\nConnection: Upgrade\r\n" + Key + Version)
            << any << Outcome::Refuse << 400 << Cause::UpgradeNotAlone
            << QStringLiteral("/ws/echo: Upgrade must be websocket alone, not 'h2c, websocket'");
        QTest::newRow("Upgrade: h2c, then Upgrade: websocket")
            << request("/ws/echo", "Upgrade: h2c\r\n" + Upgrade + Key + Version) << any
            << Outcome::Refuse << 400 << Cause::UpgradeNotAlone
            << QStringLiteral("/ws/echo: Upgrade must be websocket alone, not 'h2c'");
        QTest::newRow("Connection: upgraded")
            << request("/ws/echo", "Upgrade: websocket\r\nConnection: upgraded\r\n" + Key + Version)
            << any << Outcome::Refuse << 400 << Cause::NotUpgrade
            << QStringLiteral("/ws/echo: not a WebSocket upgrade request");
        QTest::newRow("two keys") << handshake("/ws/echo", Key) << any << Outcome::Refuse << 400
                                  << Cause::BadKey
                                  << QStringLiteral(
                                         "/ws/echo: missing or invalid Sec-WebSocket-Key");
        QTest::newRow("a version that is no number, then 13")
            << request("/ws/echo", Upgrade + Key + "Sec-WebSocket-Version: x\r\n" + Version) << any
            << Outcome::Refuse << 426 << Cause::BadVersion
            << QStringLiteral("/ws/echo: unsupported Sec-WebSocket-Version 'x' (13 is supported)");
        QTest::newRow("HTTP/1.1x")
            << request("/ws/echo", upgradeHeaders, "GET", "HTTP/1.1x") << any << Outcome::Refuse
            << 400 << Cause::HttpVersion
            << QStringLiteral("WebSocket needs HTTP/1.1 or later, not HTTP/1.1x");
        QTest::newRow("9 KB Cookie")
            << handshake("/ws/echo", "Cookie: " + QByteArray(9000, 'c') + "\r\n") << any
            << Outcome::Refuse << 431 << Cause::HeaderTooLong
            << QStringLiteral("/ws/echo: header Cookie longer than 8192 bytes");
        QTest::newRow("a header of 8192 bytes")
            << handshake("/ws/echo", "Cookie: " + QByteArray(8192 - 8, 'c') + "\r\n") << any
            << Outcome::Upgrade << 0 << Cause::None << QString();
        QTest::newRow("request line over 8 KiB")
            << handshake("/ws/echo?q=" + QByteArray(8200, 'q')) << any << Outcome::Refuse << 414
            << Cause::RequestLineTooLong << QStringLiteral("request line longer than 8192 bytes");
        // "GET " + target + " HTTP/1.1\r\n": 8192 bytes in all.
        QTest::newRow("request line of 8192 bytes")
            << handshake("/ws/echo?q=" + QByteArray(8192 - 4 - 11 - 11, 'q')) << any
            << Outcome::Upgrade << 0 << Cause::None << QString();
        QByteArray extra;
        for (int i = 0; i < 100; ++i)
            extra += "X-Extra-" + QByteArray::number(i) + ": 1\r\n";
        QTest::newRow("100 extra headers")
            << handshake("/ws/echo", extra) << any << Outcome::Refuse << 431
            << Cause::TooManyHeaders << QStringLiteral("/ws/echo: more than 100 header lines");
        // Host, Upgrade, Connection, key and version, and 95 more.
        QTest::newRow("100 headers in all")
            << handshake("/ws/echo", extra.first(extra.indexOf("X-Extra-95:"))) << any
            << Outcome::Upgrade << 0 << Cause::None << QString();
        QTest::newRow("origin not allowed")
            << handshake("/ws/echo", "Origin: https://evil.example\r\n") << site << Outcome::Refuse
            << 403 << Cause::OriginNotAllowed
            << QStringLiteral("/ws/echo: origin https://evil.example is not allowed (403)");
        QTest::newRow("origin allowed, any case")
            << handshake("/ws/echo", "Origin: https://APP.example\r\n") << site << Outcome::Upgrade
            << 0 << Cause::None << QString();
        QTest::newRow("no origin: not a browser")
            << handshake("/ws/echo") << site << Outcome::Upgrade << 0 << Cause::None << QString();
        QTest::newRow("origin, every one allowed")
            << handshake("/ws/echo", "Origin: https://evil.example\r\n")
            << QStringList { QStringLiteral("*") } << Outcome::Upgrade << 0 << Cause::None
            << QString();
    }

    void verdict()
    {
        QFETCH(QByteArray, head);
        QFETCH(QStringList, allowedOrigins);
        QFETCH(HandshakeVerdict::Outcome, outcome);
        QFETCH(int, status);
        QFETCH(TrafficEvent::Cause, cause);
        QFETCH(QString, reason);

        const HandshakeVerdict verdict
            = HandshakeRequest::parse(head).verdict(policy(allowedOrigins));
        QCOMPARE(verdict.outcome, outcome);
        QCOMPARE(verdict.status, status);
        QCOMPARE(verdict.cause, cause);
        QCOMPARE(EventText::cause(verdict.cause, verdict.details, EventText::Language::English),
                 reason);
    }

    // Every refusal's status line names its status; 426 says which version is spoken.
    void statusLine()
    {
        const HandshakeVerdict missing
            = HandshakeRequest::parse(handshake("/ws/nope")).verdict(policy({}));
        QCOMPARE(missing.statusText(), QByteArray("Not Found"));
        QVERIFY(missing.extraHeaders.isEmpty());
        const HandshakeVerdict version
            = HandshakeRequest::parse(request("/ws/echo", Upgrade + Key)).verdict(policy({}));
        QCOMPARE(version.statusText(), QByteArray("Upgrade Required"));
        QCOMPARE(version.extraHeaders, QByteArray("Sec-WebSocket-Version: 13\r\n"));
        const QByteArray endless
            = "GET /ws/echo HTTP/1.1\r\nX-Big: " + QByteArray(HandshakeRequest::MaxHead, 'a');
        const HandshakeVerdict large
            = HandshakeRequest::parse(endless.left(HandshakeRequest::MaxHead)).verdict(policy({}));
        QCOMPARE(large.status, 431);
        QCOMPARE(large.statusText(), QByteArray("Request Header Fields Too Large"));
    }

    // A client over the connection limit is refused before its request is read.
    void overCapacity()
    {
        const HandshakeVerdict verdict = HandshakeVerdict::overCapacity(3);
        QCOMPARE(verdict.outcome, HandshakeVerdict::Outcome::Refuse);
        QCOMPARE(verdict.status, 503);
        QCOMPARE(verdict.statusText(), QByteArray("Service Unavailable"));
        QCOMPARE(EventText::cause(verdict.cause, verdict.details, EventText::Language::English),
                 QStringLiteral("too many connections (the limit is 3)"));
    }

    // More bytes than the head arrived: frames sent before the 101 show though only the
    // head was read.
    void bytesBeyondTheReadHead()
    {
        const QByteArray head = handshake("/ws/echo");
        QCOMPARE(HandshakeRequest::parse(head, head.size()).verdict(policy({})).outcome,
                 HandshakeVerdict::Outcome::Upgrade);
        const HandshakeVerdict verdict
            = HandshakeRequest::parse(head, head.size() + 6).verdict(policy({}));
        QCOMPARE(verdict.status, 400);
        QCOMPARE(verdict.cause, TrafficEvent::Cause::DataBeforeResponse);
    }

    // The parsed fields routing and templates read.
    void fields()
    {
        const QByteArray head = handshake("/ws/user/al%20ice?x=1", "X-Trace:  abc \r\n");
        const HandshakeRequest request = HandshakeRequest::parse(head);
        QVERIFY(request.isComplete());
        QCOMPARE(request.method(), QByteArrayView("GET"));
        QCOMPARE(request.version(), QByteArrayView("HTTP/1.1"));
        QCOMPARE(request.path(), QStringLiteral("/ws/user/al%20ice"));
        QCOMPARE(request.header("x-trace"), QByteArrayView("abc"));
        QVERIFY(request.header("x-missing").isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestHandshakeRequest)
#include "tst_handshakerequest.moc"
