// A proxy: endpoint's connection to a ws:// upstream, without QWebSocket: the handshake it
// sends and the answers it refuses, every shape of frame an upstream may send (fragments,
// pings between them, each length width, a greeting in the handshake's own segment), masked
// frames of every size going up (one too big for the kernel to take at once), both closes,
// a drop, and each frame the protocol forbids. The upstream here is written by hand, so the
// bytes on the wire are what is checked.
#include "plainupstreamsocket.h"
#include "rawclient.h"
#include "serverfixture.h"
#include "testclient.h"

#include <QNetworkRequest>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

#include <functional>

namespace {

constexpr int Patience = 15000; // ms: the machine may be loaded

QByteArray switching(const QByteArray &key, const QByteArray &extra = {})
{
    return "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
           "Sec-WebSocket-Accept: "
        + PlainUpstreamSocket::acceptFor(key) + "\r\n" + extra + "\r\n";
}

// Takes one connection, reads its handshake, answers it with respond(key) and whatever
// greeting is set, then keeps every byte the client sends.
class ScriptedUpstream : public QObject
{
public:
    ScriptedUpstream()
    {
        m_server.listen(QHostAddress::LocalHost, 0);
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            peer = m_server.nextPendingConnection();
            connect(peer, &QTcpSocket::readyRead, this, [this] { onBytes(); });
            connect(peer, &QTcpSocket::disconnected, this, [this] { peerGone = true; });
        });
    }
    quint16 port() const { return m_server.serverPort(); }
    QUrl url(const QString &target = QStringLiteral("/up")) const
    {
        return QUrl(QStringLiteral("ws://127.0.0.1:%1%2").arg(port()).arg(target));
    }
    // The client's frames so far, unmasked; each must have come masked.
    QList<Frame> frames() const
    {
        QByteArray bytes = received;
        QList<Frame> all;
        while (const std::optional<Frame> taken = takeFrame(bytes))
            all.append(*taken);
        return all;
    }
    void send(const QByteArray &bytes)
    {
        peer->write(bytes);
        peer->flush();
    }

    std::function<QByteArray(const QByteArray &key)> respond
        = [](const QByteArray &key) { return switching(key); };
    QByteArray greeting; // written in the same write as the answer
    QByteArray request; // the client's handshake
    QByteArray received; // what came after it
    QTcpSocket *peer = nullptr;
    bool peerGone = false;

private:
    void onBytes()
    {
        const QByteArray bytes = peer->readAll();
        if (!request.endsWith("\r\n\r\n")) {
            request += bytes;
            if (!request.endsWith("\r\n\r\n"))
                return;
            const qsizetype at = request.indexOf("Sec-WebSocket-Key: ") + 19;
            const QByteArray key = request.mid(at, request.indexOf("\r\n", at) - at);
            send(respond(key) + greeting);
            return;
        }
        received += bytes;
    }

    QTcpServer m_server;
};

// What a PlainUpstreamSocket reports.
struct Seen
{
    explicit Seen(PlainUpstreamSocket &socket)
    {
        QObject::connect(&socket, &UpstreamSocket::connected, [this] { connected = true; });
        QObject::connect(&socket, &UpstreamSocket::textReceived,
                         [this](const QString &text) { texts.append(text); });
        QObject::connect(&socket, &UpstreamSocket::binaryReceived,
                         [this](const QByteArray &data) { binaries.append(data); });
        QObject::connect(&socket, &UpstreamSocket::closing, [this] { closing = true; });
        QObject::connect(&socket, &UpstreamSocket::errorOccurred, [this] { ++errors; });
        QObject::connect(&socket, &UpstreamSocket::disconnected, [this] { ++disconnected; });
    }
    QStringList texts;
    QList<QByteArray> binaries;
    bool connected = false;
    bool closing = false;
    int errors = 0;
    int disconnected = 0;
};

// A socket connected to a scripted upstream.
struct Link
{
    bool open()
    {
        socket.open(QNetworkRequest(upstream.url()), {});
        return QTest::qWaitFor([this] { return seen.connected; }, Patience);
    }
    ScriptedUpstream upstream;
    PlainUpstreamSocket socket;
    Seen seen { socket };
};

QByteArray serverFrame(int opcode, const QByteArray &payload, bool fin = true)
{
    return frame(opcode, payload, fin, false);
}

int closeCodeOf(const Frame &close)
{
    return close.payload.size() >= 2 ? (quint8(close.payload[0]) << 8) | quint8(close.payload[1])
                                     : -1;
}

} // namespace

class TestPlainUpstream : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // The request line keeps the path and query as sent; Host, the key, the version, the
    // subprotocols offered in order and the headers passed on are all there; the upstream's
    // pick is the subprotocol.
    void handshakeCarriesTheRequest()
    {
        ScriptedUpstream upstream;
        upstream.respond = [](const QByteArray &key) {
            return switching(key, "Sec-WebSocket-Protocol: v1.chat\r\n");
        };
        PlainUpstreamSocket socket;
        Seen seen(socket);
        QNetworkRequest request(upstream.url(QStringLiteral("/up/ann?x=1%202&y")));
        request.setRawHeader("X-Token", "abc");
        socket.open(request, { QStringLiteral("v2.chat"), QStringLiteral("v1.chat") });
        QTRY_VERIFY_WITH_TIMEOUT(seen.connected, Patience);
        const QByteArray head = upstream.request;
        QVERIFY2(head.startsWith("GET /up/ann?x=1%202&y HTTP/1.1\r\n"), head.constData());
        QVERIFY(head.contains(
            QStringLiteral("\r\nHost: 127.0.0.1:%1\r\n").arg(upstream.port()).toLatin1()));
        QVERIFY(head.contains("\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"));
        QVERIFY(head.contains("\r\nSec-WebSocket-Version: 13\r\n"));
        QVERIFY(head.contains("\r\nSec-WebSocket-Protocol: v2.chat, v1.chat\r\n"));
        QVERIFY(head.contains("\r\nX-Token: abc\r\n"));
        QCOMPARE(socket.subprotocol(), QStringLiteral("v1.chat"));
        QCOMPARE(seen.errors, 0);
    }

    // An answer that does not open a WebSocket is an error that says why; no connection.
    void refusesWhatIsNotAHandshake_data()
    {
        QTest::addColumn<QByteArray>("answer");
        QTest::addColumn<QString>("problem");
        QTest::newRow("403") << QByteArray("HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n")
                             << QStringLiteral("it answered 403 Forbidden instead of switching "
                                               "to WebSocket");
        QTest::newRow("not HTTP") << QByteArray("SSH-2.0-OpenSSH_9.2\r\n\r\n")
                                  << QStringLiteral("it did not answer in HTTP");
        QTest::newRow("wrong accept")
            << QByteArray("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
                          "Connection: Upgrade\r\nSec-WebSocket-Accept: AAAA\r\n\r\n")
            << QStringLiteral("its Sec-WebSocket-Accept does not answer the key sent");
        QTest::newRow("other protocol")
            << QByteArray("HTTP/1.1 101 Switching Protocols\r\nUpgrade: h2c\r\n\r\n")
            << QStringLiteral("it switched protocols but not to WebSocket");
    }
    void refusesWhatIsNotAHandshake()
    {
        QFETCH(QByteArray, answer);
        QFETCH(QString, problem);
        ScriptedUpstream upstream;
        upstream.respond = [answer](const QByteArray &) { return answer; };
        PlainUpstreamSocket socket;
        Seen seen(socket);
        socket.open(QNetworkRequest(upstream.url()), {});
        QTRY_COMPARE_WITH_TIMEOUT(seen.errors, 1, Patience);
        QCOMPARE(socket.errorString(), problem);
        QVERIFY(!seen.connected);
        QTRY_VERIFY_WITH_TIMEOUT(upstream.peerGone, Patience);
    }

    void refusesASubprotocolNotOffered()
    {
        ScriptedUpstream upstream;
        upstream.respond = [](const QByteArray &key) {
            return switching(key, "Sec-WebSocket-Protocol: v9\r\n");
        };
        PlainUpstreamSocket socket;
        Seen seen(socket);
        socket.open(QNetworkRequest(upstream.url()), { QStringLiteral("v1") });
        QTRY_COMPARE_WITH_TIMEOUT(seen.errors, 1, Patience);
        QCOMPARE(socket.errorString(),
                 QStringLiteral("it chose subprotocol v9, which the client did not offer"));
        QVERIFY(!seen.connected);
    }

    // A greeting in the handshake's own segment; a text message in three fragments with a
    // ping between them (answered with its payload); every length width; an empty message;
    // bytes arriving a few at a time, splitting headers.
    void takesEveryShapeOfFrame()
    {
        ScriptedUpstream upstream;
        upstream.greeting = serverFrame(Text, "hello");
        PlainUpstreamSocket socket;
        Seen seen(socket);
        socket.open(QNetworkRequest(upstream.url()), {});
        QTRY_COMPARE_WITH_TIMEOUT(seen.texts, QStringList { QStringLiteral("hello") }, Patience);
        QVERIFY(seen.connected);

        const QByteArray wide(65536, 'w');
        const QByteArray binary126(126, '\x01');
        const QByteArray binaryLong(70000, '\xfe');
        upstream.send(serverFrame(Text, "frag", false) + serverFrame(Ping, "p1")
                      + serverFrame(Continuation, "men", false) + serverFrame(Continuation, "ted")
                      + serverFrame(Binary, binary126) + serverFrame(Text, wide)
                      + serverFrame(Binary, binaryLong) + serverFrame(Text, QByteArray()));
        const QByteArray trickled
            = serverFrame(Text, "tri") + serverFrame(Text, QByteArray(300, 't'));
        for (qsizetype at = 0; at < trickled.size(); at += 3) {
            upstream.send(trickled.mid(at, 3));
            QTest::qWait(1);
        }
        const QStringList expected { QStringLiteral("hello"),   QStringLiteral("fragmented"),
                                     QString::fromLatin1(wide), QString(),
                                     QStringLiteral("tri"),     QString(300, QLatin1Char('t')) };
        QTRY_COMPARE_WITH_TIMEOUT(seen.texts.size(), expected.size(), Patience);
        QCOMPARE(seen.texts, expected);
        QCOMPARE(seen.binaries, (QList<QByteArray> { binary126, binaryLong }));
        QTRY_COMPARE_WITH_TIMEOUT(upstream.frames().size(), 1, Patience);
        const Frame pong = upstream.frames().first();
        QVERIFY(pong.masked);
        QCOMPARE(pong.opcode, int(Pong));
        QCOMPARE(pong.payload, QByteArray("p1"));
        QCOMPARE(seen.errors, 0);
        QCOMPARE(seen.disconnected, 0);
    }

    // Every frame goes up masked, whole and in order, even one the kernel cannot take at once.
    void sendsMaskedFramesInOrder()
    {
        Link link;
        QVERIFY(link.open());
        const QByteArray huge(16 * 1024 * 1024, 'h');
        const QByteArray medium(70000, 'm');
        link.socket.sendText(QStringLiteral("héllo"));
        link.socket.sendBinary(medium);
        link.socket.sendBinary(huge);
        link.socket.sendText(QStringLiteral("after"));
        const qsizetype total = 4 * 14 + 6 + medium.size() + huge.size() + 5;
        QTRY_VERIFY_WITH_TIMEOUT(link.upstream.received.size() >= total - 4 * 8, Patience);
        const QList<Frame> frames = link.upstream.frames();
        QCOMPARE(frames.size(), 4);
        for (const Frame &sent : frames)
            QVERIFY(sent.masked && sent.fin);
        QCOMPARE(frames.at(0).opcode, int(Text));
        QCOMPARE(QString::fromUtf8(frames.at(0).payload), QStringLiteral("héllo"));
        QCOMPARE(frames.at(1).payload, medium);
        QCOMPARE(frames.at(2).opcode, int(Binary));
        QVERIFY(frames.at(2).payload == huge);
        QCOMPARE(frames.at(3).payload, QByteArray("after"));
    }

    // Corked, frames wait; uncorked, they go up together and in order; a close sends what
    // waits before the close frame.
    void corkedFramesWaitForUncork()
    {
        Link link;
        QVERIFY(link.open());
        link.socket.cork();
        link.socket.sendText(QStringLiteral("one"));
        link.socket.sendBinary(QByteArray("two"));
        QTest::qWait(50);
        QVERIFY(link.upstream.received.isEmpty());
        link.socket.uncork();
        QTRY_COMPARE_WITH_TIMEOUT(link.upstream.frames().size(), 2, Patience);
        QCOMPARE(link.upstream.frames().at(0).payload, QByteArray("one"));
        QCOMPARE(link.upstream.frames().at(1).opcode, int(Binary));
        link.socket.sendText(QStringLiteral("three")); // uncorked: at once
        QTRY_COMPARE_WITH_TIMEOUT(link.upstream.frames().size(), 3, Patience);

        link.socket.cork();
        link.socket.sendText(QStringLiteral("last"));
        link.socket.close(1000, QStringLiteral("bye"));
        QTRY_VERIFY_WITH_TIMEOUT(link.upstream.peerGone, Patience);
        QCOMPARE(link.upstream.frames().size(), 5);
        QCOMPARE(link.upstream.frames().at(3).payload, QByteArray("last"));
        QCOMPARE(link.upstream.frames().at(4).payload, closePayload(1000, "bye"));
    }

    // The upstream's close is answered with its code, and reported with code and reason.
    void upstreamClosesAreAnswered_data()
    {
        QTest::addColumn<QByteArray>("payload");
        QTest::addColumn<int>("code");
        QTest::addColumn<QString>("reason");
        QTest::newRow("4001 done") << closePayload(4001, "done") << 4001 << QStringLiteral("done");
        QTest::newRow("no code") << QByteArray() << 1005 << QString();
    }
    void upstreamClosesAreAnswered()
    {
        QFETCH(QByteArray, payload);
        QFETCH(int, code);
        QFETCH(QString, reason);
        Link link;
        QVERIFY(link.open());
        link.upstream.send(serverFrame(Close, payload));
        QTRY_COMPARE_WITH_TIMEOUT(link.seen.disconnected, 1, Patience);
        QVERIFY(link.seen.closing);
        QCOMPARE(int(link.socket.closeCode()), code);
        QCOMPARE(link.socket.closeReason(), reason);
        QTRY_VERIFY_WITH_TIMEOUT(link.upstream.peerGone, Patience);
        QCOMPARE(link.upstream.frames().size(), 1);
        QCOMPARE(link.upstream.frames().first().opcode, int(Close));
        QCOMPARE(link.upstream.frames().first().payload, payload);
    }

    void clientCloseGoesUp()
    {
        Link link;
        QVERIFY(link.open());
        link.socket.close(4002, QStringLiteral("later"));
        QCOMPARE(link.seen.disconnected, 1);
        QVERIFY(link.seen.closing);
        QTRY_VERIFY_WITH_TIMEOUT(link.upstream.peerGone, Patience);
        QCOMPARE(link.upstream.frames().size(), 1);
        QCOMPARE(link.upstream.frames().first().payload, closePayload(4002, "later"));
        link.socket.sendText(QStringLiteral("too late")); // nothing goes after a close
        QCOMPARE(link.upstream.frames().size(), 1);
    }

    // A connection that ends without a close frame is reported as 1006, with no close link.seen.
    void dropIsAbnormal()
    {
        Link link;
        QVERIFY(link.open());
        link.upstream.peer->abort();
        QTRY_COMPARE_WITH_TIMEOUT(link.seen.disconnected, 1, Patience);
        QVERIFY(!link.seen.closing);
        QCOMPARE(int(link.socket.closeCode()), 1006);
    }

    // A frame the protocol forbids closes the connection with the code the RFC gives it.
    void forbiddenFramesClose_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<int>("code");
        QTest::newRow("reserved bit") << frame(Text, "x", true, false, 1) << 1002;
        QTest::newRow("unknown opcode") << serverFrame(3, "x") << 1002;
        QTest::newRow("lone continuation") << serverFrame(Continuation, "x") << 1002;
        QTest::newRow("message in a message")
            << serverFrame(Text, "a", false) + serverFrame(Text, "b") << 1002;
        QTest::newRow("fragmented ping") << serverFrame(Ping, "x", false) << 1002;
        QTest::newRow("long ping") << serverFrame(Ping, QByteArray(126, 'p')) << 1002;
        QTest::newRow("one-byte close") << serverFrame(Close, "x") << 1002;
        QTest::newRow("not UTF-8") << serverFrame(Text, "\xc3\x28") << 1007;
        QTest::newRow("too big") << frameHeader(Binary, quint64(1) << 40, true, false) << 1009;
    }
    void forbiddenFramesClose()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(int, code);
        Link link;
        QVERIFY(link.open());
        link.upstream.send(bytes);
        QTRY_COMPARE_WITH_TIMEOUT(link.seen.disconnected, 1, Patience);
        QVERIFY(link.seen.closing);
        QCOMPARE(int(link.socket.closeCode()), code);
        QVERIFY2(link.socket.closeReason().startsWith(QLatin1String("upstream sent ")),
                 qPrintable(link.socket.closeReason()));
        QVERIFY(link.seen.texts.isEmpty() && link.seen.binaries.isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(link.upstream.peerGone, Patience);
        QCOMPARE(closeCodeOf(link.upstream.frames().last()), code);
    }

    // Through a proxy: endpoint: what came before the forbidden frame reaches the client,
    // then the close says what the upstream did wrong; the server serves on.
    void aForbiddenFrameClosesTheClientClearly()
    {
        ScriptedUpstream upstream;
        upstream.greeting = serverFrame(Text, "welcome");
        ServerFixture stage;
        QVERIFY(stage.start(specFromYaml(QStringLiteral("- websocket:\n"
                                                        "    path: /relayed\n"
                                                        "    proxy: ws://127.0.0.1:%1/up\n"
                                                        "- websocket:\n"
                                                        "    path: /plain\n"
                                                        "    on-message:\n"
                                                        "      - pattern: ping\n"
                                                        "        response: pong\n")
                                             .arg(upstream.port()))));
        TestClient client;
        client.open(stage.url(QStringLiteral("/relayed")));
        QVERIFY(client.waitForConnected());
        QTRY_COMPARE_WITH_TIMEOUT(client.messages(), QStringList { QStringLiteral("welcome") },
                                  Patience);
        upstream.send(frame(Text, "x", true, false, 2));
        QTRY_VERIFY_WITH_TIMEOUT(client.isDisconnected(), Patience);
        QCOMPARE(int(client.socket().closeCode()), 1002);
        QCOMPARE(client.socket().closeReason(),
                 QStringLiteral("upstream sent a frame with a reserved bit set"));
        TestClient next;
        next.open(stage.url(QStringLiteral("/plain")));
        QVERIFY(next.waitForConnected());
        QCOMPARE(next.ask(QStringLiteral("ping"), Patience), QStringLiteral("pong"));
    }

    // Nothing listening: an error with the system's words, then nothing more.
    void unreachable()
    {
        QTcpServer closed;
        QVERIFY(closed.listen(QHostAddress::LocalHost, 0));
        const quint16 port = closed.serverPort();
        closed.close();
        PlainUpstreamSocket socket;
        Seen seen(socket);
        socket.open(QNetworkRequest(QUrl(QStringLiteral("ws://127.0.0.1:%1/").arg(port))), {});
        QTRY_COMPARE_WITH_TIMEOUT(seen.errors, 1, Patience);
        QCOMPARE(socket.errorString(), QStringLiteral("Connection refused"));
        QVERIFY(!seen.connected);
    }
};

QTEST_GUILESS_MAIN(TestPlainUpstream)
#include "tst_plainupstream.moc"
