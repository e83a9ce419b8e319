// A hostile-client battery: every test does one nasty thing to a running MockServer, then
// checks that a fresh client is still served and that a bystander connected before the act
// was never disturbed (semantics §5, §7).
#include "eventtext.h"
#include "rawclient.h"
#include "serverfixture.h"
#include "stomp.h"
#include "testclient.h"
#include "testfiles.h"

#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>
#include <QSslSocket>
#include <QStandardPaths>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QTimer>
#include <QWebSocket>
#include <QWebSocketHandshakeOptions>

#include <algorithm>
#include <atomic>
#include <functional>
#include <memory>
#include <vector>

namespace {

constexpr int HandshakeTimeoutMs = 500;
constexpr int WaitMs = 5000;

const char EchoYaml[] = "- websocket:\n"
                        "    path: /ws/echo\n"
                        "    on-connect:\n"
                        "      response: welcome\n"
                        "    on-message:\n"
                        "      - pattern: ping\n"
                        "        response: pong\n"
                        "      - pattern: '{\"echo\": \"{{json-params.echo}}\"}'\n"
                        "        response: '{\"echoed\": \"{{json-params.echo}}\"}'\n";

// A STOMP endpoint, among the preset endpoints beside the echo spec: a SEND to /echo reaches
// the subscribers of /echo.
const char StompYaml[] = "- websocket:\n"
                         "    path: /stomp\n"
                         "    protocol: stomp\n"
                         "    on-message:\n"
                         "      - send: /echo\n"
                         "        send-to: /echo\n"
                         "        response: '{{message}}'\n";

// A STOMP frame of a literal, NUL octets included.
template<std::size_t Size>
QByteArray stompFrame(const char (&text)[Size])
{
    return QByteArray(text, Size - 1);
}

// The echo spec with HTTP endpoint items beside it, for the HTTP hostiles.
const char HttpItemsYaml[] = "- endpoint:\n"
                             "    path: /fast\n"
                             "    response:\n"
                             "      body: fast\n"
                             "- endpoint:\n"
                             "    method: POST\n"
                             "    path: /echo\n"
                             "    response:\n"
                             "      body: '{\"got\": \"{{json-params.x}}\"}'\n"
                             "- endpoint:\n"
                             "    path: /big\n"
                             "    response:\n"
                             "      body: '%1'\n"
                             "- endpoint:\n"
                             "    path: /later\n"
                             "    response:\n"
                             "      body: '%1'\n"
                             "      delay: 10s\n";

// The echo spec, with an endpoint whose echoes wait 10 s and one whose first rule is a
// backtracking-prone regex.
const char SlowWorkYaml[] = "- websocket:\n"
                            "    path: /ws/later\n"
                            "    on-message:\n"
                            "      - pattern: '{\"echo\": \"{{json-params.echo}}\"}'\n"
                            "        response: '{\"echoed\": \"{{json-params.echo}}\"}'\n"
                            "        delay: 10s\n"
                            "- websocket:\n"
                            "    path: /ws/slow\n"
                            "    on-message:\n"
                            "      - pattern: '(a+)+b'\n"
                            "        response: matched\n";

// A message (a run of a's, then "!b") on which (a+)+b backtracks as long as PCRE2 lets it.
QByteArray backtrackingBait()
{
    return QByteArray(18, 'a') + "!b";
}

// The echo spec with a graphql-ws endpoint beside it, for the preset hostiles.
const char GraphqlWsYaml[] = "- websocket:\n"
                             "    path: /graphql\n"
                             "    protocol: graphql-ws\n"
                             "    on-message:\n"
                             "      - operation: ticks\n"
                             "        start-stream: {every: 50ms, frames: ['{\"data\": 1}']}\n"
                             "      - query: hello\n"
                             "        response: '{\"data\": {\"hello\": \"world\"}}'\n";

// A socket.io endpoint, beside them for the preset hostiles.
const char SocketIoYaml[] = "- websocket:\n"
                            "    path: /socket.io/\n"
                            "    protocol: socket.io\n"
                            "    on-message:\n"
                            "      - event: join\n"
                            "        ack: '{\"joined\": \"{{message}}\"}'\n";

QString greeting()
{
    return QStringLiteral("welcome");
}

// Stops a test function as soon as a helper it called has failed.
#define CALL(expr) \
    do { \
        expr; \
        if (QTest::currentTestFailed()) \
            return; \
    } while (false)

// A server with the echo spec and a bystander connected before anything hostile happens.
class Stage : public ServerFixture
{
public:
    std::unique_ptr<TestClient> bystander;
    quint64 bystanderId = 0;
    QSslConfiguration clientTls;
    QSslCertificate trusted;

    QUrl url(const QString &path = QStringLiteral("/ws/echo")) const
    {
        return ServerFixture::url(path);
    }
    std::unique_ptr<TestClient> newClient(const QString &origin = QString()) const
    {
        auto client = std::make_unique<TestClient>(origin);
        if (server().isSecure())
            client->trust(clientTls, trusted);
        return client;
    }
};

// A client served from a thread of its own, so that its clock runs while the server's thread
// works: it opens /ws/echo with blocking calls and says when it is greeted; once told to go
// it waits 200 ms more, sends "ping" and keeps how many ms its pong took (-1: none came).
struct ThreadPing
{
    std::atomic<bool> greeted = false;
    std::atomic<bool> go = false;
    std::atomic<qint64> waitedMs = -1;

    void run(quint16 port);
};

void ThreadPing::run(quint16 port)
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, port);
    if (!socket.waitForConnected(WaitMs))
        return;
    socket.write(handshakeRequest());
    QByteArray received;
    auto waitForText = [&](const QByteArray &text, int timeoutMs) {
        QElapsedTimer clock;
        clock.start();
        while (clock.elapsed() < timeoutMs) {
            const qsizetype head = received.indexOf("\r\n\r\n");
            if (head >= 0) {
                QByteArray frames = received.mid(head + 4);
                while (const std::optional<Frame> next = takeFrame(frames)) {
                    if (next->payload == text)
                        return true;
                }
            }
            if (socket.waitForReadyRead(50))
                received += socket.readAll();
        }
        return false;
    };
    if (!waitForText(greeting().toUtf8(), 4 * WaitMs))
        return;
    greeted = true;
    while (!go)
        QThread::msleep(5);
    QThread::msleep(200); // the server is at work on the flood by now
    received = "\r\n\r\n"; // the frames from here on
    QElapsedTimer clock;
    clock.start();
    socket.write(frame(Text, "ping"));
    socket.waitForBytesWritten(WaitMs);
    if (waitForText("pong", 6 * WaitMs))
        waitedMs = clock.elapsed();
}

} // namespace

class TestHostile : public QObject
{
    Q_OBJECT

private:
    MockSpecPtr m_spec;
    MockSpecPtr m_httpSpec; // m_spec with HTTP endpoint items
    MockSpecPtr m_presetSpec; // m_spec with protocol preset endpoints
    std::unique_ptr<Stage> m_stage;

    MockServer &server() { return m_stage->server(); }

    void setUp(Stage &stage)
    {
        stage.server().setHandshakeTimeout(HandshakeTimeoutMs);
        QVERIFY(stage.start(m_spec));
        stage.bystander = stage.newClient();
        stage.bystander->open(stage.url());
        QTRY_COMPARE_WITH_TIMEOUT(stage.bystander->messages().size(), 1, WaitMs);
        QCOMPARE(stage.bystander->messages().at(0), greeting());
        QCOMPARE(stage.server().connectionCount(), 1);
        stage.bystanderId = stage.server().connectionIds().constFirst();
    }

    // (a) a fresh client gets the greeting and a pong.
    void verifyServed(Stage &stage)
    {
        const std::unique_ptr<TestClient> fresh = stage.newClient();
        fresh->socket().open(stage.url());
        QTRY_VERIFY_WITH_TIMEOUT(fresh->messages().size() >= 1 || fresh->failed(), WaitMs);
        QVERIFY2(
            fresh->messages().size() == 1,
            qPrintable(
                QStringLiteral("fresh client not served: %1").arg(fresh->socket().errorString())));
        QCOMPARE(fresh->messages().at(0), greeting());
        fresh->socket().sendTextMessage(QStringLiteral("ping"));
        QTRY_COMPARE_WITH_TIMEOUT(fresh->messages().size(), 2, WaitMs);
        QCOMPARE(fresh->messages().at(1), QStringLiteral("pong"));
        QVERIFY(!fresh->isDisconnected());
    }

    // (a), and (b) the bystander still gets a pong and was never disturbed.
    void verifyUndisturbed(Stage &stage)
    {
        CALL(verifyServed(stage));
        TestClient &bystander = *stage.bystander;
        QVERIFY2(!bystander.isDisconnected(), "the bystander was disconnected");
        QCOMPARE(bystander.socket().state(), QAbstractSocket::ConnectedState);
        const qsizetype before = bystander.messages().size();
        bystander.socket().sendTextMessage(QStringLiteral("ping"));
        QTRY_COMPARE_WITH_TIMEOUT(bystander.messages().size(), before + 1, WaitMs);
        QCOMPARE(bystander.messages().constFirst(), greeting());
        for (qsizetype i = 1; i < bystander.messages().size(); ++i)
            QCOMPARE(bystander.messages().at(i), QStringLiteral("pong"));
        QVERIFY(stage.server().connectionIds().contains(stage.bystanderId));
        QVERIFY(stage.eventsOf(TrafficEvent::Kind::Closed, stage.bystanderId).isEmpty());
        QVERIFY(stage.eventsOf(TrafficEvent::Kind::Error, stage.bystanderId).isEmpty());
        QVERIFY(!bystander.isDisconnected());
    }

    // A raw client through the handshake and the greeting; returns its connection id in *id.
    void openRaw(Stage &stage, RawClient &raw, quint64 *id)
    {
        QVERIFY(raw.connectTo(stage.port()));
        raw.socket().write(handshakeRequest());
        QTRY_VERIFY_WITH_TIMEOUT(raw.answered(), WaitMs);
        QCOMPARE(raw.status(), 101);
        QTRY_VERIFY_WITH_TIMEOUT(!raw.texts().isEmpty(), WaitMs);
        QCOMPARE(raw.texts().constFirst(), greeting());
        *id = stage.newestId();
        QVERIFY(*id != stage.bystanderId);
    }

    // The server closes this connection with `code`, and the connection is gone.
    void expectClosedWith(Stage &stage, RawClient &raw, quint64 id, int code)
    {
        QTRY_VERIFY_WITH_TIMEOUT(raw.closedByServer() || raw.isDisconnected(), WaitMs);
        QVERIFY2(raw.closedByServer(), qPrintable(raw.describe()));
        QCOMPARE(raw.closeCode(), code);
        QTRY_VERIFY_WITH_TIMEOUT(!stage.server().connectionIds().contains(id), WaitMs);
        QTRY_VERIFY_WITH_TIMEOUT(raw.isDisconnected(), WaitMs);
        const QList<TrafficEvent> closed = stage.eventsOf(TrafficEvent::Kind::Closed, id);
        QCOMPARE(closed.size(), 1);
        QCOMPARE(closed.at(0).closeCode, code);
    }

    // A raw client of a preset endpoint through `handshake`, then `messages` in one write (an
    // empty one: a binary frame); its connection id in *id.
    void sendToPreset(RawClient &raw, const QByteArray &handshake, const QByteArrayList &messages,
                      quint64 *id)
    {
        QVERIFY(raw.connectTo(m_stage->port()));
        raw.socket().write(handshake);
        QTRY_VERIFY_WITH_TIMEOUT(raw.answered(), WaitMs);
        QCOMPARE(raw.status(), 101);
        QTRY_COMPARE_WITH_TIMEOUT(server().connectionCount(), 2, WaitMs);
        *id = m_stage->newestId();
        QByteArray bytes;
        for (const QByteArray &message : messages)
            bytes += message.isEmpty() ? frame(Binary, "\x01\x02") : frame(Text, message);
        raw.socket().write(bytes);
    }

    // A refused handshake: this status, then the server hangs up; nothing was upgraded.
    void expectRefused(Stage &stage, RawClient &raw, int status)
    {
        QTRY_VERIFY_WITH_TIMEOUT(raw.answered(), WaitMs);
        QVERIFY2(raw.status() == status, qPrintable(raw.describe()));
        QTRY_VERIFY_WITH_TIMEOUT(raw.isDisconnected(), WaitMs);
        QCOMPARE(stage.server().connectionCount(), 1);
        QVERIFY(!stage.eventsOf(TrafficEvent::Kind::Refused).isEmpty());
    }

    static QString openssl() { return QStandardPaths::findExecutable(QStringLiteral("openssl")); }
    static bool canServeTls() { return QSslSocket::supportsSsl() && !openssl().isEmpty(); }

    // Serves `tls` over wss:// with a certificate made here by openssl (canServeTls()).
    void setUpTls(Stage &tls, const QTemporaryDir &dir)
    {
        QVERIFY(dir.isValid());
        const QString base = dir.filePath(QStringLiteral("rsa-localhost"));
        QVERIFY2(makeSelfSignedPair(base), "openssl could not make a key pair");
        const QString keyPath = base + QStringLiteral(".key");
        const QString certPath = base + QStringLiteral(".crt");
        QFile certFile(certPath);
        QFile keyFile(keyPath);
        QVERIFY(certFile.open(QIODevice::ReadOnly));
        QVERIFY(keyFile.open(QIODevice::ReadOnly));
        const QSslCertificate certificate(&certFile, QSsl::Pem);
        const QSslKey key(&keyFile, QSsl::Rsa, QSsl::Pem);
        QVERIFY(!certificate.isNull());
        QVERIFY(!key.isNull());

        QSslConfiguration serverTls = QSslConfiguration::defaultConfiguration();
        serverTls.setLocalCertificate(certificate);
        serverTls.setPrivateKey(key);
        serverTls.setPeerVerifyMode(QSslSocket::VerifyNone);
        tls.clientTls = QSslConfiguration::defaultConfiguration();
        tls.clientTls.setCaCertificates({ certificate });
        tls.trusted = certificate;
        tls.server().setTlsConfiguration(serverTls);
        QVERIFY(tls.server().isSecure());
        CALL(setUp(tls));
    }

private slots:
    void initTestCase()
    {
        m_spec = specFromYaml(QString::fromUtf8(EchoYaml), QStringLiteral("echo.yml"));
        QVERIFY(m_spec);
        m_httpSpec = specFromYaml(
            QString::fromUtf8(EchoYaml)
                + QString::fromUtf8(HttpItemsYaml).arg(QString(32 * 1024, QLatin1Char('b'))),
            QStringLiteral("echo-http.yml"));
        QVERIFY(m_httpSpec);
        m_presetSpec
            = specFromYaml(QString::fromUtf8(EchoYaml) + QString::fromUtf8(GraphqlWsYaml)
                               + QString::fromUtf8(StompYaml) + QString::fromUtf8(SocketIoYaml),
                           QStringLiteral("echo-presets.yml"));
        QVERIFY(m_presetSpec);
    }

    void init()
    {
        m_stage = std::make_unique<Stage>();
        // The HTTP hostiles run against a spec with endpoint items: plain requests then go
        // to the HTTP service instead of being refused.
        // The preset hostiles, against a spec with preset endpoints.
        const QByteArray function(QTest::currentTestFunction());
        MockSpecPtr &spec = function.startsWith("http") ? m_httpSpec
            : function.startsWith("preset")             ? m_presetSpec
                                                        : m_spec;
        std::swap(m_spec, spec);
        setUp(*m_stage);
        std::swap(m_spec, spec);
    }

    // (a) and (b), and a fresh HTTP client is answered.
    void verifyHttpServed(Stage &stage)
    {
        CALL(verifyUndisturbed(stage));
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, stage.port());
        QVERIFY(socket.waitForConnected(WaitMs));
        socket.write("GET /fast HTTP/1.1\r\nHost: x\r\n\r\n");
        const QList<QByteArray> responses = readHttpResponses(socket, 1);
        QCOMPARE(responses.size(), 1);
        QVERIFY2(responses.at(0).startsWith("HTTP/1.1 200") && responses.at(0).endsWith("fast"),
                 responses.at(0).constData());
    }

    // Bytes no HTTP client sends, after a good request on a kept-alive connection: that
    // connection ends, nobody else notices.
    void httpGarbageOnAKeptAliveConnection_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::newRow("binary") << QByteArrayLiteral("\x00\x01\x02\xff\xfe\r\n\r\n");
        QTest::newRow("bad chunk size")
            << QByteArray("POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                          "zz\r\nhello\r\n0\r\n\r\n");
        QTest::newRow("no request line") << QByteArray(": value\r\n\r\n");
        QTest::newRow("header without colon") << QByteArray("GET /fast HTTP/1.1\r\nHost x\r\n\r\n");
        QTest::newRow("100 KiB header") << QByteArray("GET /fast HTTP/1.1\r\nX-Big: ")
                + QByteArray(100 * 1024, 'a') + QByteArray("\r\n\r\n");
    }
    void httpGarbageOnAKeptAliveConnection()
    {
        QFETCH(QByteArray, bytes);
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, m_stage->port());
        QVERIFY(socket.waitForConnected(WaitMs));
        socket.write("GET /fast HTTP/1.1\r\nHost: x\r\n\r\n");
        QCOMPARE(readHttpResponses(socket, 1).size(), 1);
        // Closed at once, or answered (a lenient parse) and closed by the idle timeout: either
        // way the connection does not hang on.
        server().setHttpIdleTimeout(300);
        socket.write(bytes);
        QTRY_COMPARE_WITH_TIMEOUT(socket.state(), QAbstractSocket::UnconnectedState, WaitMs);
        CALL(verifyHttpServed(*m_stage));
    }

    // Content-Length and Transfer-Encoding together (a smuggling attempt): never two
    // requests answered where one was sent, and the server goes on.
    void httpSmugglingAttempt()
    {
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, m_stage->port());
        QVERIFY(socket.waitForConnected(WaitMs));
        socket.write("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\n"
                     "Transfer-Encoding: chunked\r\n\r\n"
                     "0\r\n\r\nGET /fast HTTP/1.1\r\nHost: x\r\n\r\n");
        const QList<QByteArray> responses = readHttpResponses(socket, 3, 1500);
        QVERIFY(responses.size() <= 2);
        for (const QByteArray &response : responses)
            QVERIFY(response.startsWith("HTTP/1.1 "));
        CALL(verifyHttpServed(*m_stage));
    }

    // A kept-alive connection that goes quiet, one that stalls mid-request, and one that
    // sends a request head and never its body are all closed after the idle time.
    void httpIdleAndStalledConnectionsAreClosed()
    {
        server().setHttpIdleTimeout(300);
        QTcpSocket quiet;
        QTcpSocket stalled;
        QTcpSocket bodiless;
        for (QTcpSocket *socket : { &quiet, &stalled, &bodiless }) {
            socket->connectToHost(QHostAddress::LocalHost, m_stage->port());
            QVERIFY(socket->waitForConnected(WaitMs));
            socket->write("GET /fast HTTP/1.1\r\nHost: x\r\n\r\n");
            QCOMPARE(readHttpResponses(*socket, 1).size(), 1);
        }
        stalled.write("GET /fast HTTP/1.1\r\nHo");
        bodiless.write("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\n{");
        QTRY_COMPARE_WITH_TIMEOUT(quiet.state(), QAbstractSocket::UnconnectedState, WaitMs);
        QTRY_COMPARE_WITH_TIMEOUT(stalled.state(), QAbstractSocket::UnconnectedState, WaitMs);
        QTRY_COMPARE_WITH_TIMEOUT(bodiless.state(), QAbstractSocket::UnconnectedState, WaitMs);
        QTRY_COMPARE_WITH_TIMEOUT(server().httpConnectionCount(), 0, WaitMs);
        CALL(verifyHttpServed(*m_stage));
    }

    // A WebSocket upgrade on a connection that already carried HTTP is refused with a reason.
    void httpThenUpgradeOnTheSameConnection()
    {
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, m_stage->port());
        QVERIFY(socket.waitForConnected(WaitMs));
        socket.write("GET /fast HTTP/1.1\r\nHost: x\r\n\r\n");
        QCOMPARE(readHttpResponses(socket, 1).size(), 1);
        socket.write(handshakeRequest("/ws/echo"));
        const QList<QByteArray> responses = readHttpResponses(socket, 1);
        QCOMPARE(responses.size(), 1);
        QVERIFY2(responses.at(0).startsWith("HTTP/1.1 400"), responses.at(0).constData());
        QVERIFY(responses.at(0).contains("new connection"));
        QTRY_COMPARE_WITH_TIMEOUT(socket.state(), QAbstractSocket::UnconnectedState, WaitMs);
        QCOMPARE(server().connectionCount(), 1); // the bystander only
        CALL(verifyHttpServed(*m_stage));
    }

    // Connects `flood` and sends `rounds` times `perRound` pipelined requests for /big (32 KiB
    // answers), `pauseMs` apart, reading (almost) nothing: the answers pile up server-side.
    void requestBigWithoutReading(QTcpSocket &flood, int perRound, int rounds, int pauseMs)
    {
        flood.setReadBufferSize(1);
        flood.connectToHost(QHostAddress::LocalHost, m_stage->port());
        QVERIFY(flood.waitForConnected(WaitMs));
        QByteArray requests;
        for (int i = 0; i < perRound; ++i)
            requests += "GET /big HTTP/1.1\r\nHost: x\r\n\r\n";
        for (int round = 0; round < rounds && flood.state() == QAbstractSocket::ConnectedState;
             ++round) {
            flood.write(requests);
            QTest::qWait(pauseMs);
        }
    }

    // Thousands of pipelined requests whose answers are never read: the connection is
    // dropped once its unread answers pass the limit, not buffered without end.
    void httpRequestFloodWithoutReading()
    {
        server().setMaxPendingBytes(256 * 1024);
        QTcpSocket flood;
        CALL(requestBigWithoutReading(flood, 500, 20, 50));
        QTRY_VERIFY_WITH_TIMEOUT(!m_stage->eventsOf(TrafficEvent::Kind::Error).isEmpty()
                                     || flood.state() == QAbstractSocket::UnconnectedState,
                                 WaitMs * 2);
        CALL(verifyHttpServed(*m_stage));
    }

    // Many HTTP clients that vanish mid-request: nothing is left behind.
    void httpClientsVanishMidRequest()
    {
        for (int i = 0; i < 200; ++i) {
            QTcpSocket socket;
            socket.connectToHost(QHostAddress::LocalHost, m_stage->port());
            QVERIFY(socket.waitForConnected(WaitMs));
            socket.write(i % 2 ? QByteArray("GET /fast HTTP/1.1\r\nHost: x\r\n\r\nGET /fa")
                               : QByteArray("POST /echo HTTP/1.1\r\nHost: x\r\n"
                                            "Content-Length: 100\r\n\r\n{\"x\""));
            QVERIFY(socket.waitForBytesWritten(WaitMs));
            QTest::qWait(1);
            socket.abort();
        }
        QTRY_COMPARE_WITH_TIMEOUT(server().httpConnectionCount(), 0, WaitMs);
        CALL(verifyHttpServed(*m_stage));
    }

    void cleanup() { m_stage.reset(); }

    // Opens a client that reads nothing (its id in *id) and writes `request` again and again
    // until the server drops it; fails when 48 MiB or 10 s did not get it dropped.
    void floodUntilDropped(RawClient &raw, const QByteArray &request, quint64 *id)
    {
        raw.socket().setReadBufferSize(64 * 1024);
        CALL(openRaw(*m_stage, raw, id));
        raw.setReading(false);
        QByteArray batch;
        while (batch.size() < 512 * 1024)
            batch += request;
        qint64 sent = 0;
        QElapsedTimer clock;
        clock.start();
        while (server().connectionIds().contains(*id) && sent < 48 * 1024 * 1024
               && clock.elapsed() < 10000) {
            if (raw.socket().bytesToWrite() < 4 * batch.size()) {
                raw.socket().write(batch);
                sent += batch.size();
            }
            QTest::qWait(2);
        }
        QVERIFY2(QTest::qWaitFor([&] { return !server().connectionIds().contains(*id); }, WaitMs),
                 qPrintable(QStringLiteral("after %1 MiB of requests the server holds %2 bytes")
                                .arg(sent >> 20)
                                .arg(server().heldBytes())));
    }

    // The errors of this cause, of connection `id` unless it is 0.
    QList<TrafficEvent> errorsOf(TrafficEvent::Cause cause, quint64 id = 0) const
    {
        QList<TrafficEvent> found;
        for (const TrafficEvent &event : m_stage->eventsOf(TrafficEvent::Kind::Error, id)) {
            if (event.cause == cause)
                found.append(event);
        }
        return found;
    }

    void useSlowWorkSpec()
    {
        // The echo endpoint stays: the bystander keeps its connection.
        const MockSpecPtr spec
            = specFromYaml(QString::fromUtf8(EchoYaml) + QString::fromUtf8(SlowWorkYaml),
                           QStringLiteral("slow-work.yml"));
        QVERIFY(spec);
        server().setSpec(spec);
    }

    // Clients that never read hold their answers in the server; past the total budget the
    // one holding most is dropped, and the others (one that holds a little, the bystander)
    // keep going.
    void totalBudgetDropsTheLargestHolder()
    {
        server().setMaxTotalPendingBytes(2 * 1024 * 1024); // the per-connection limit: 64 MiB
        RawClient small;
        quint64 smallId = 0;
        CALL(openRaw(*m_stage, small, &smallId));
        small.setReading(false);
        for (int i = 0; i < 3; ++i)
            small.socket().write(frame(Text, "ping"));

        RawClient flood;
        quint64 floodId = 0;
        CALL(floodUntilDropped(flood, frame(Text, "{\"echo\": \"" + QByteArray(4000, 'e') + "\"}"),
                               &floodId));
        const QList<TrafficEvent> errors = errorsOf(TrafficEvent::Cause::TotalBudget, floodId);
        QCOMPARE(errors.size(), 1);
        QVERIFY2(EventText::detail(errors.at(0)).contains(QStringLiteral("holding the most")),
                 qPrintable(EventText::detail(errors.at(0))));
        QCOMPARE(errors.at(0).details.at(2), QString::number(2 * 1024 * 1024));
        QCOMPARE(m_stage->eventsOf(TrafficEvent::Kind::Closed, floodId).size(), 1);

        QVERIFY(server().connectionIds().contains(smallId));
        small.setReading(true);
        small.pump();
        QTRY_COMPARE_WITH_TIMEOUT(small.texts().size(), 4, WaitMs);
        QCOMPARE(small.texts().constLast(), QStringLiteral("pong"));
        QVERIFY(m_stage->eventsOf(TrafficEvent::Kind::Error, smallId).isEmpty());
        CALL(verifyUndisturbed(*m_stage));
    }

    // HTTP answers never read count towards the same total.
    void httpRequestsNeverReadCountTowardsTheTotalBudget()
    {
        server().setMaxTotalPendingBytes(1024 * 1024);
        QTcpSocket flood;
        // 600 answers of 32 KiB: more than the kernel's buffers take, less than the
        // connection's own limit (64 MiB).
        CALL(requestBigWithoutReading(flood, 12, 50, 10));
        QTRY_VERIFY_WITH_TIMEOUT(!errorsOf(TrafficEvent::Cause::TotalBudget).isEmpty(), WaitMs);
        QVERIFY(errorsOf(TrafficEvent::Cause::SlowReader).isEmpty());
        QTRY_COMPARE_WITH_TIMEOUT(flood.state(), QAbstractSocket::UnconnectedState, WaitMs);
        CALL(verifyHttpServed(*m_stage));
    }

    // HTTP answers a delay holds back are their connection's too: counted while it lasts,
    // freed when it ends.
    void httpDelayedAnswersGoWithTheirClient()
    {
        QTcpSocket client;
        client.connectToHost(QHostAddress::LocalHost, m_stage->port());
        QVERIFY(client.waitForConnected(WaitMs));
        for (int i = 0; i < 20; ++i)
            client.write("GET /later HTTP/1.1\r\nHost: x\r\n\r\n");
        QTRY_VERIFY_WITH_TIMEOUT(server().heldBytes() >= 20 * 32 * 1024, WaitMs);
        client.abort();
        QTRY_COMPARE_WITH_TIMEOUT(server().httpConnectionCount(), 0, WaitMs);
        QCOMPARE(server().heldBytes(), qint64(0));
        CALL(verifyHttpServed(*m_stage));
    }

    // Replies a delay holds back are the connection's: counted in what the server holds, and
    // gone (timers and all) as soon as their client is.
    void delayedRepliesGoWithTheirClient()
    {
        CALL(useSlowWorkSpec());
        auto client = m_stage->newClient();
        client->open(m_stage->url(QStringLiteral("/ws/later")));
        QVERIFY(client->waitForConnected());
        const QString echo(100 * 1024, QLatin1Char('e'));
        for (int i = 0; i < 50; ++i)
            client->socket().sendTextMessage(QStringLiteral("{\"echo\": \"%1\"}").arg(echo));
        QTRY_COMPARE_WITH_TIMEOUT(server().delayedFrameCount(), 50, WaitMs);
        QVERIFY2(server().heldBytes() >= 50 * 100 * 1024,
                 qPrintable(QString::number(server().heldBytes())));
        client->socket().abort();
        QTRY_COMPARE_WITH_TIMEOUT(server().connectionCount(), 1, WaitMs);
        QCOMPARE(server().delayedFrameCount(), 0);
        QVERIFY2(server().heldBytes() < 64 * 1024,
                 qPrintable(QString::number(server().heldBytes())));
        CALL(verifyUndisturbed(*m_stage));
    }

    // A client that asks for more delayed replies than its budget is closed with 1008, and
    // what it asked for is freed.
    void delayedRepliesBeyondTheBudgetDropTheClient()
    {
        CALL(useSlowWorkSpec());
        server().setMaxPendingBytes(1024 * 1024);
        RawClient raw;
        QVERIFY(raw.connectTo(m_stage->port()));
        raw.socket().write(handshakeRequest("/ws/later"));
        QTRY_VERIFY_WITH_TIMEOUT(raw.answered(), WaitMs);
        QCOMPARE(raw.status(), 101);
        const quint64 id = m_stage->newestId();
        const QByteArray message = "{\"echo\": \"" + QByteArray(100 * 1024, 'e') + "\"}";
        // One at a time: the close frame must not meet a connection reset by bytes in flight.
        for (int i = 0; i < 20 && errorsOf(TrafficEvent::Cause::OverBudget, id).isEmpty(); ++i) {
            raw.socket().write(frame(Text, message));
            QTRY_VERIFY_WITH_TIMEOUT(
                server().delayedFrameCount() == i + 1
                    || !errorsOf(TrafficEvent::Cause::OverBudget, id).isEmpty(),
                WaitMs);
        }
        QTRY_VERIFY_WITH_TIMEOUT(raw.closedByServer() || raw.isDisconnected(), WaitMs);
        QVERIFY2(raw.closedByServer(), qPrintable(raw.describe()));
        QCOMPARE(raw.closeCode(), 1008);
        const QList<TrafficEvent> errors = errorsOf(TrafficEvent::Cause::OverBudget, id);
        QCOMPARE(errors.size(), 1);
        QVERIFY2(EventText::detail(errors.at(0)).contains(QStringLiteral("delayed replies")),
                 qPrintable(EventText::detail(errors.at(0))));
        QTRY_VERIFY_WITH_TIMEOUT(!server().connectionIds().contains(id), WaitMs);
        QCOMPARE(server().delayedFrameCount(), 0);
        CALL(verifyUndisturbed(*m_stage));
    }

    // One client floods messages that make a backtracking-prone pattern work hard; another,
    // served from a thread of its own so that its clock runs while the server works, still
    // gets its pong at once.
    void slowPatternFloodDoesNotStallOthers()
    {
        CALL(useSlowWorkSpec());
        RawClient flood;
        QVERIFY(flood.connectTo(m_stage->port()));
        flood.socket().write(handshakeRequest("/ws/slow"));
        QTRY_VERIFY_WITH_TIMEOUT(flood.answered(), WaitMs);
        QCOMPARE(flood.status(), 101);

        // One match costs as long as PCRE2's match limit lets it backtrack: enough messages
        // for several seconds of work.
        QElapsedTimer clock;
        clock.start();
        const QRegularExpression pattern(QStringLiteral("^(?:(a+)+b)$"));
        int tried = 0;
        while (clock.elapsed() < 100) {
            pattern.match(QString::fromLatin1(backtrackingBait())).hasMatch();
            ++tried;
        }
        const qint64 perMatchMs = std::max<qint64>(1, clock.elapsed() / tried);
        const int count = std::clamp(int(6000 / perMatchMs), 50, 20000);
        QByteArray messages;
        for (int i = 0; i < count; ++i)
            messages += frame(Text, backtrackingBait());

        ThreadPing ping;
        const quint16 port = m_stage->port();
        std::unique_ptr<QThread> pinger(QThread::create([&ping, port] { ping.run(port); }));
        pinger->start();
        QTRY_VERIFY_WITH_TIMEOUT(ping.greeted || pinger->isFinished(), WaitMs);
        QVERIFY2(ping.greeted, "the other client was not served");
        flood.socket().write(messages);
        flood.socket().flush();
        ping.go = true;
        QTRY_VERIFY_WITH_TIMEOUT(pinger->isFinished(), 6 * WaitMs);
        const qint64 waitedMs = ping.waitedMs;
        qInfo("%d messages of %lld ms; the other client waited %lld ms", count, perMatchMs,
              waitedMs);
        QVERIFY2(waitedMs >= 0, "the other client got no pong");
        QVERIFY2(waitedMs < 2000, qPrintable(QStringLiteral("waited %1 ms").arg(waitedMs)));
        CALL(verifyUndisturbed(*m_stage));
    }

    void rawGarbageIsRefused_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::newRow("binary") << QByteArrayLiteral("\x00\x01\x02\xff\xfe\r\n\r\n");
        QTest::newRow("TLS ClientHello")
            << QByteArrayLiteral("\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03");
        QTest::newRow("lower-case method") << QByteArray("get /ws/echo HTTP/1.1\r\n\r\n");
        QTest::newRow("blank lines") << QByteArray("\r\n\r\n\r\n");
        QTest::newRow("endless token") << QByteArray(4096, 'A');
        QTest::newRow("not HTTP") << QByteArray("GET /ws/echo FTP/1.0\r\n\r\n");
        QTest::newRow("extra spaces") << QByteArray("GET  /ws/echo HTTP/1.1\r\n\r\n");
        QTest::newRow("SSH banner") << QByteArray("SSH-2.0-OpenSSH_9.6\r\n");
        QByteArray noise(64 * 1024, Qt::Uninitialized);
        QRandomGenerator generator(20250320);
        for (qsizetype i = 0; i < noise.size(); ++i)
            noise[i] = char(generator.bounded(256));
        noise[0] = '\x01';
        QTest::newRow("64 KiB of noise") << noise;
    }
    void rawGarbageIsRefused()
    {
        QFETCH(QByteArray, bytes);
        RawClient raw;
        QVERIFY(raw.connectTo(m_stage->port()));
        raw.socket().write(bytes);
        CALL(expectRefused(*m_stage, raw, 400));
        QVERIFY(m_stage->eventsOf(TrafficEvent::Kind::Opened).size() == 1);
        CALL(verifyUndisturbed(*m_stage));
    }

    // Half a request, then nothing: the handshake timeout drops it, and while they hang,
    // others are served.
    void slowlorisIsDroppedAndDoesNotStopNewClients()
    {
        const int timeoutMs = 1500;
        server().setHandshakeTimeout(timeoutMs);
        QElapsedTimer clock;
        clock.start();
        std::vector<std::unique_ptr<RawClient>> lorises;
        for (int i = 0; i < 50; ++i) {
            lorises.push_back(std::make_unique<RawClient>());
            QVERIFY(lorises.back()->connectTo(m_stage->port()));
            lorises.back()->socket().write("GET /ws/echo HTTP/1.1\r\n");
        }
        // One trickles a header byte every 50 ms: still dropped at the deadline.
        lorises.push_back(std::make_unique<RawClient>());
        RawClient *trickler = lorises.back().get();
        QVERIFY(trickler->connectTo(m_stage->port()));
        trickler->socket().write("GET /ws/echo HTTP/1.1\r\nX-Slow: ");
        QTimer drip;
        connect(&drip, &QTimer::timeout, trickler, [trickler] {
            if (trickler->socket().state() == QAbstractSocket::ConnectedState)
                trickler->socket().write("a");
        });
        drip.start(50);

        auto hanging = [&lorises] {
            return qsizetype(std::count_if(lorises.cbegin(), lorises.cend(),
                                           [](const auto &r) { return !r->isDisconnected(); }));
        };
        for (int i = 0; i < 3; ++i)
            CALL(verifyServed(*m_stage));
        if (clock.elapsed() < timeoutMs - 300)
            QCOMPARE(hanging(), qsizetype(lorises.size()));
        else
            qWarning(
                "slow machine: could not check that fresh clients were served before the timeout");

        QTRY_COMPARE_WITH_TIMEOUT(hanging(), qsizetype(0), timeoutMs + WaitMs);
        QVERIFY2(clock.elapsed() >= timeoutMs, "dropped before the handshake timeout");
        for (const auto &r : lorises)
            QVERIFY(r->head().isEmpty());
        QCOMPARE(server().connectionCount(), 1);
        CALL(verifyUndisturbed(*m_stage));
    }

    void badHandshakeIsRefused_data()
    {
        QTest::addColumn<QByteArray>("request");
        QTest::addColumn<QList<int>>("statuses"); // any of these
        QTest::addColumn<bool>("namesVersion"); // the response lists Sec-WebSocket-Version: 13
        const QByteArray start = "GET /ws/echo HTTP/1.1\r\nHost: 127.0.0.1\r\n";
        const QByteArray upgrade = "Upgrade: websocket\r\nConnection: Upgrade\r\n";
        const QByteArray key = "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n";
        const QByteArray version = "Sec-WebSocket-Version: 13\r\n";
        const QList<int> bad { 400 };
        const QList<int> badVersion { 400, 426 };
        // RFC 6455 §4.2.1: a request that is not a valid handshake gets an HTTP error such
        // as 400; §4.2.2: an unknown version gets one such as 426 naming the versions spoken.
        QTest::newRow("no key") << QByteArray(start + upgrade + version + "\r\n") << bad << false;
        QTest::newRow("empty key")
            << QByteArray(start + upgrade + "Sec-WebSocket-Key: \r\n" + version + "\r\n") << bad
            << false;
        QTest::newRow("key not 16 bytes")
            << QByteArray(start + upgrade + "Sec-WebSocket-Key: c2hvcnQ=\r\n" + version + "\r\n")
            << bad << false;
        QTest::newRow("key not base64") << QByteArray(
            start + upgrade + "Sec-WebSocket-Key: !!!not*base64!!!!!!!!!==\r\n" + version + "\r\n")
                                        << bad << false;
        QTest::newRow("no version")
            << QByteArray(start + upgrade + key + "\r\n") << badVersion << false;
        QTest::newRow("version 8")
            << QByteArray(start + upgrade + key + "Sec-WebSocket-Version: 8\r\n\r\n") << badVersion
            << true;
        QTest::newRow("version garbage")
            << QByteArray(start + upgrade + key + "Sec-WebSocket-Version: thirteen\r\n\r\n")
            << badVersion << true;
        QTest::newRow("no Upgrade")
            << QByteArray(start + "Connection: Upgrade\r\n" + key + version + "\r\n") << bad
            << false;
        QTest::newRow("Upgrade: h2c") << QByteArray(
            start + "Upgrade: h2c\r\nConnection: Upgrade\r\n" + key + version + "\r\n")
                                      << bad << false;
        QTest::newRow("no Connection")
            << QByteArray(start + "Upgrade: websocket\r\n" + key + version + "\r\n") << bad
            << false;
        QTest::newRow("HTTP/1.0") << QByteArray("GET /ws/echo HTTP/1.0\r\nHost: 127.0.0.1\r\n"
                                                + upgrade + key + version + "\r\n")
                                  << QList<int> { 400, 505 } << false;
    }
    void badHandshakeIsRefused()
    {
        QFETCH(QByteArray, request);
        QFETCH(QList<int>, statuses);
        QFETCH(bool, namesVersion);
        RawClient raw;
        QVERIFY(raw.connectTo(m_stage->port()));
        raw.socket().write(request);
        QTRY_VERIFY_WITH_TIMEOUT(raw.isDisconnected() || raw.status() == 101, WaitMs);
        CALL(verifyUndisturbed(*m_stage));
        QVERIFY2(raw.status() != 101, "upgraded");
        QCOMPARE(m_stage->eventsOf(TrafficEvent::Kind::Opened).size(), 2); // bystander, fresh
        QVERIFY2(!m_stage->eventsOf(TrafficEvent::Kind::Refused).isEmpty(),
                 "the refusal was not logged");
        QVERIFY2(statuses.contains(raw.status()), qPrintable(raw.describe()));
        if (namesVersion)
            QVERIFY2(raw.head().contains("Sec-WebSocket-Version: 13"), qPrintable(raw.describe()));
    }

    // Heads QWebSocketServer would close without a word get an HTTP status, and the console
    // line and the log object say why.
    void headsQtCannotTakeAreAnswered_data()
    {
        QTest::addColumn<QByteArray>("request");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("reason"); // as the console line says it
        const QByteArray upgrade = "Upgrade: websocket\r\nConnection: Upgrade\r\n"
                                   "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                                   "Sec-WebSocket-Version: 13\r\n";
        QTest::newRow("no Host") << QByteArray("GET /ws/echo HTTP/1.1\r\n" + upgrade + "\r\n")
                                 << 400
                                 << QStringLiteral("/ws/echo: missing or invalid Host header ''");
        QTest::newRow("Upgrade : websocket")
            << QByteArray("GET /ws/echo HTTP/1.1\r\nHost: x\r\nUpgrade : websocket\r\n"
                          "Connection: Upgrade\r\n"
                          "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                          "Sec-WebSocket-Version: 13\r\n\r\n")
            << 400 << QStringLiteral("/ws/echo: malformed header line 'Upgrade : websocket'");
        QByteArray listed = handshakeRequest();
        listed.replace("Upgrade: websocket", "Upgrade: h2c, websocket");
        QTest::newRow("Upgrade: h2c, websocket")
            << listed << 400
            << QStringLiteral("/ws/echo: Upgrade must be websocket alone, not 'h2c, websocket'");
        QTest::newRow("9 KB Cookie")
            << handshakeRequest("/ws/echo", "Cookie: " + QByteArray(9000, 'c') + "\r\n") << 431
            << QStringLiteral("/ws/echo: header Cookie longer than 8192 bytes");
        QTest::newRow("request line over 8 KiB")
            << handshakeRequest("/ws/echo?q=" + QByteArray(8300, 'q')) << 414
            << QStringLiteral("request line longer than 8192 bytes");
        QByteArray many;
        for (int i = 0; i < 100; ++i)
            many += "X-Extra-" + QByteArray::number(i) + ": 1\r\n";
        QTest::newRow("100 extra headers")
            << handshakeRequest("/ws/echo", many) << 431
            << QStringLiteral("/ws/echo: more than 100 header lines");
    }
    void headsQtCannotTakeAreAnswered()
    {
        QFETCH(QByteArray, request);
        QFETCH(int, status);
        QFETCH(QString, reason);
        RawClient raw;
        QVERIFY(raw.connectTo(m_stage->port()));
        raw.socket().write(request);
        CALL(expectRefused(*m_stage, raw, status));
        const TrafficEvent refusal = m_stage->eventsOf(TrafficEvent::Kind::Refused).constLast();
        QVERIFY2(refusal.toLine().contains(reason), qPrintable(refusal.toLine()));
        const QByteArray logged = refusal.toJsonLine();
        QVERIFY2(logged.contains(QByteArray("\"status\":" + QByteArray::number(status))),
                 logged.constData());
        CALL(verifyUndisturbed(*m_stage));
    }

    // Right at QWebSocketServer's limits, and what else it takes, is upgraded: the refusals
    // above are not stricter than they need to be.
    void headsAtQtsLimitsAreUpgraded_data()
    {
        QTest::addColumn<QByteArray>("request");
        QTest::newRow("a header of 8192 bytes")
            << handshakeRequest("/ws/echo", "Cookie: " + QByteArray(8192 - 8, 'c') + "\r\n");
        const QByteArray plain = handshakeRequest();
        const qsizetype lineLength = plain.indexOf("\r\n") + 2;
        QTest::newRow("request line of 8192 bytes")
            << handshakeRequest("/ws/echo?q=" + QByteArray(8192 - lineLength - 3, 'q'));
        QByteArray more;
        const int present = int(plain.count("\r\n")) - 2; // less the request and blank lines
        for (int i = present; i < 100; ++i)
            more += "X-Extra-" + QByteArray::number(i) + ": 1\r\n";
        QTest::newRow("100 header lines") << handshakeRequest("/ws/echo", more);
    }
    void headsAtQtsLimitsAreUpgraded()
    {
        QFETCH(QByteArray, request);
        RawClient raw;
        QVERIFY(raw.connectTo(m_stage->port()));
        raw.socket().write(request);
        QTRY_VERIFY_WITH_TIMEOUT(raw.answered(), WaitMs);
        QVERIFY2(raw.status() == 101, qPrintable(raw.describe()));
        QTRY_VERIFY_WITH_TIMEOUT(!raw.texts().isEmpty(), WaitMs);
        QCOMPARE(raw.texts().constFirst(), greeting());
    }

    void nonGetMethodIsRefused_data()
    {
        QTest::addColumn<QByteArray>("method");
        for (const char *method :
             { "POST", "PUT", "DELETE", "HEAD", "OPTIONS", "PATCH", "CONNECT" })
            QTest::newRow(method) << QByteArray(method);
    }
    void nonGetMethodIsRefused()
    {
        QFETCH(QByteArray, method);
        RawClient raw;
        QVERIFY(raw.connectTo(m_stage->port()));
        QByteArray request = handshakeRequest();
        request.replace(0, 3, method);
        raw.socket().write(request);
        CALL(expectRefused(*m_stage, raw, 405));
        CALL(verifyUndisturbed(*m_stage));
    }

    void oversizedRequestHeadIsRefused_data()
    {
        QTest::addColumn<QByteArray>("request");
        QTest::addColumn<int>("status");
        QTest::newRow("one 20 KiB header")
            << handshakeRequest("/ws/echo", "X-Pad: " + QByteArray(20 * 1024, 'a') + "\r\n") << 431;
        QByteArray many;
        for (int i = 0; i < 1000; ++i)
            many += "X-Header-" + QByteArray::number(i) + ": 0123456789\r\n";
        QTest::newRow("a thousand headers") << handshakeRequest("/ws/echo", many) << 431;
        QTest::newRow("20 KiB query")
            << handshakeRequest("/ws/echo?q=" + QByteArray(20 * 1024, 'q')) << 431;
    }
    void oversizedRequestHeadIsRefused()
    {
        QFETCH(QByteArray, request);
        QFETCH(int, status);
        RawClient raw;
        QVERIFY(raw.connectTo(m_stage->port()));
        raw.socket().write(request);
        CALL(expectRefused(*m_stage, raw, status));
        CALL(verifyUndisturbed(*m_stage));
    }

    // graphql-ws: a client that breaks the protocol is closed the protocol's way (its code,
    // a reason that fits a close frame), the log says why, and nobody else notices.
    void presetGraphqlWsBadFrames_data()
    {
        QTest::addColumn<QByteArrayList>("messages");
        QTest::addColumn<int>("code");
        const QByteArray init = R"({"type":"connection_init"})";
        const QByteArray bigId(64 * 1024, 'i');
        // Built from plain literals: moc misreads a raw string that ends in a quote.
        const QByteArray subscribeBig = "{\"type\":\"subscribe\",\"id\":\"" + bigId
            + "\",\"payload\":{\"query\":\"subscription { ticks }\"}}";
        QTest::newRow("not JSON") << QByteArrayList { "{ hello }" } << 4400;
        QTest::newRow("NUL bytes") << QByteArrayList { QByteArray("{\0}", 3) } << 4400;
        QTest::newRow("JSON nested 100000 deep")
            << QByteArrayList { QByteArray(100000, '[') } << 4400;
        QTest::newRow("binary frame") << QByteArrayList { QByteArray() } << 4400;
        QTest::newRow("query not text")
            << QByteArrayList { init, R"({"type":"subscribe","id":"1","payload":{"query":1}})" }
            << 4400;
        QTest::newRow("subscribe flood before init")
            << QByteArrayList(50, R"({"type":"subscribe","id":"1","payload":{"query":"{a}"}})")
            << 4401;
        QTest::newRow("init flood") << QByteArrayList(50, init) << 4429;
        QTest::newRow("64 KiB id twice")
            << QByteArrayList { init, subscribeBig, subscribeBig } << 4409;
    }
    void presetGraphqlWsBadFrames()
    {
        QFETCH(QByteArrayList, messages);
        QFETCH(int, code);
        RawClient raw;
        quint64 id = 0;
        CALL(sendToPreset(
            raw, handshakeRequest("/graphql", "Sec-WebSocket-Protocol: graphql-transport-ws\r\n"),
            messages, &id));
        CALL(expectClosedWith(*m_stage, raw, id, code));
        const QList<TrafficEvent> errors = m_stage->eventsOf(TrafficEvent::Kind::Error, id);
        QCOMPARE(errors.size(), 1);
        QCOMPARE(errors.first().cause, TrafficEvent::Cause::ProtocolError);
        QVERIFY(
            m_stage->eventsOf(TrafficEvent::Kind::Closed, id).first().closeReason.toUtf8().size()
            <= 123);
        CALL(verifyUndisturbed(*m_stage));
    }

    // graphql-ws: subscriptions beyond the per-connection stream limit are refused (and
    // completed at once), the connection and the server go on.
    void presetGraphqlWsSubscriptionFlood()
    {
        TestClient client;
        QWebSocketHandshakeOptions options;
        options.setSubprotocols({ QStringLiteral("graphql-transport-ws") });
        client.open(m_stage->url(QStringLiteral("/graphql")), options);
        QVERIFY(client.waitForConnected());
        client.socket().sendTextMessage(QStringLiteral(R"({"type":"connection_init"})"));
        const int flood = Conversation::MaxStreams + 10;
        for (int i = 0; i < flood; ++i)
            client.socket().sendTextMessage(
                QStringLiteral(
                    R"({"type":"subscribe","id":"%1","payload":{"query":"subscription { ticks }"}})")
                    .arg(i));
        const auto completes = [&client] {
            return std::count_if(client.messages().cbegin(), client.messages().cend(),
                                 [](const QString &message) {
                                     return message.contains(QLatin1String(R"("complete")"));
                                 });
        };
        QTRY_COMPARE_WITH_TIMEOUT(completes(), 10, 4 * WaitMs);
        QCOMPARE(m_stage->eventsOf(TrafficEvent::Kind::Warning).size(), 10);
        QVERIFY(client.isConnected());
        CALL(verifyUndisturbed(*m_stage));
    }

    void oversizedMessageClosesWith1009_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::newRow("one text frame") << frame(Text, QByteArray(4096, 'x'));
        QTest::newRow("one binary frame") << frame(Binary, QByteArray(4096, '\x01'));
        QByteArray fragments = frame(Text, QByteArray(200, 'x'), false);
        for (int i = 0; i < 6; ++i)
            fragments += frame(Continuation, QByteArray(200, 'x'), false);
        fragments += frame(Continuation, QByteArray(200, 'x'), true);
        QTest::newRow("small fragments, large message") << fragments;
        QTest::newRow("1 TiB announced, never sent") << frameHeader(Text, quint64(1) << 40);
        QTest::newRow("64 KiB announced, 100 bytes sent")
            << QByteArray(frameHeader(Binary, 65536) + QByteArray(100, 'y'));
    }
    void oversizedMessageClosesWith1009()
    {
        QFETCH(QByteArray, bytes);
        server().setMaxMessageSize(1024);
        RawClient raw;
        quint64 id = 0;
        CALL(openRaw(*m_stage, raw, &id));
        raw.socket().write(bytes);
        CALL(expectClosedWith(*m_stage, raw, id, 1009));
        CALL(verifyUndisturbed(*m_stage));
    }

    void invalidUtf8ClosesWith1007_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::newRow("lone continuation byte") << frame(Text, QByteArrayLiteral("\x80"));
        QTest::newRow("truncated sequence") << frame(Text, QByteArrayLiteral("abc\xc3"));
        QTest::newRow("overlong slash") << frame(Text, QByteArrayLiteral("\xc0\xaf"));
        QTest::newRow("UTF-16 surrogate") << frame(Text, QByteArrayLiteral("\xed\xa0\x80"));
        QTest::newRow("beyond U+10FFFF") << frame(Text, QByteArrayLiteral("\xf4\x90\x80\x80"));
        QTest::newRow("0xFF") << frame(Text, QByteArrayLiteral("ping\xff"));
        QTest::newRow("bad in the last fragment") << QByteArray(
            frame(Text, "ok", false) + frame(Continuation, QByteArrayLiteral("\xff"), true));
        QTest::newRow("truncated at the end of the message") << QByteArray(
            frame(Text, "ok", false) + frame(Continuation, QByteArrayLiteral("\xe2\x82"), true));
        QTest::newRow("bad close reason")
            << frame(Close, closePayload(1000, QByteArrayLiteral("\xff\xfe")));
    }
    void invalidUtf8ClosesWith1007()
    {
        QFETCH(QByteArray, bytes);
        RawClient raw;
        quint64 id = 0;
        CALL(openRaw(*m_stage, raw, &id));
        raw.socket().write(bytes);
        CALL(expectClosedWith(*m_stage, raw, id, 1007));
        QCOMPARE(m_stage->eventsOf(TrafficEvent::Kind::Received, id).size(), 0);
        CALL(verifyUndisturbed(*m_stage));
    }

    // Control frames may come between the fragments of a message (RFC 6455 §5.4).
    void fragmentsWithControlFramesInterleaved()
    {
        RawClient raw;
        quint64 id = 0;
        CALL(openRaw(*m_stage, raw, &id));
        raw.socket().write(frame(Text, "pi", false));
        raw.socket().write(frame(Ping, "hb"));
        raw.socket().write(frame(Continuation, "n", false));
        raw.socket().write(frame(Pong, "unsolicited"));
        raw.socket().write(frame(Continuation, "g", true));
        QTRY_COMPARE_WITH_TIMEOUT(raw.texts().size(), 2, WaitMs);
        QCOMPARE(raw.texts().at(1), QStringLiteral("pong"));
        const Frame *pong = raw.firstOf(Pong);
        QVERIFY(pong);
        QCOMPARE(pong->payload, QByteArray("hb"));

        // Many tiny fragments, then the connection is still in step.
        QByteArray tiny = frame(Text, "p", false);
        for (const char *part : { "", "i", "", "n" })
            tiny += frame(Continuation, part, false);
        tiny += frame(Continuation, "g", true);
        raw.socket().write(tiny);
        QTRY_COMPARE_WITH_TIMEOUT(raw.texts().size(), 3, WaitMs);
        QCOMPARE(raw.texts().at(2), QStringLiteral("pong"));
        QVERIFY(!raw.closedByServer());
        QVERIFY(server().connectionIds().contains(id));
        const QList<TrafficEvent> received = m_stage->eventsOf(TrafficEvent::Kind::Received, id);
        QCOMPARE(received.size(), 2);
        QCOMPARE(received.at(0).payload, QStringLiteral("ping"));
        CALL(verifyUndisturbed(*m_stage));
    }

    // A character may be split across fragments (RFC 6455 §5.6: the whole message must be
    // valid UTF-8, not each frame).
    void fragmentedUtf8IsReassembled_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        const QByteArray json = QStringLiteral("{\"echo\": \"caf\u00e9 \u20ac\"}").toUtf8();
        const qsizetype e = json.indexOf('\xc3');
        const qsizetype euro = json.indexOf('\xe2');
        QTest::newRow("split between characters") << QByteArray(
            frame(Text, json.left(e), false) + frame(Continuation, json.mid(e), true));
        QTest::newRow("split inside a 2-byte character") << QByteArray(
            frame(Text, json.left(e + 1), false) + frame(Continuation, json.mid(e + 1), true));
        QTest::newRow("split inside, a ping between")
            << QByteArray(frame(Text, json.left(e + 1), false) + frame(Ping, "mid-char")
                          + frame(Continuation, json.mid(e + 1), true));
        QTest::newRow("3-byte character over three frames")
            << QByteArray(frame(Text, json.left(euro + 1), false)
                          + frame(Continuation, json.mid(euro + 1, 1), false)
                          + frame(Continuation, json.mid(euro + 2), true));
    }
    void fragmentedUtf8IsReassembled()
    {
        QFETCH(QByteArray, bytes);
        RawClient raw;
        quint64 id = 0;
        CALL(openRaw(*m_stage, raw, &id));
        raw.socket().write(bytes);
        QTRY_VERIFY_WITH_TIMEOUT(raw.texts().size() == 2 || raw.closedByServer(), WaitMs);
        if (QByteArray(QTest::currentDataTag()) != "split between characters")
            QEXPECT_FAIL("",
                         "QtWebSockets 6.4 checks UTF-8 per frame, not per message: a character "
                         "split across fragments is closed with 1007",
                         Abort);
        QVERIFY2(raw.texts().size() == 2, qPrintable(raw.describe()));
        QCOMPARE(raw.texts().at(1), QStringLiteral("{\"echoed\": \"caf\u00e9 \u20ac\"}"));
        CALL(verifyUndisturbed(*m_stage));
    }

    // A client that stops in the middle of a frame and keeps the connection open must not
    // stall anyone else while the server waits for the rest.
    void clientStallsMidFrame_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::newRow("mid payload") << QByteArray(frameHeader(Text, 1000) + QByteArray(10, 'x'));
        QTest::newRow("mid header") << frameHeader(Text, 70000).left(3);
        QTest::newRow("mid fragmented message") << frame(Text, "pi", false);
    }
    void clientStallsMidFrame()
    {
        QFETCH(QByteArray, bytes);
        RawClient raw;
        quint64 id = 0;
        CALL(openRaw(*m_stage, raw, &id));
        raw.socket().write(bytes);
        raw.socket().flush();
        QTest::qWait(20);
        QElapsedTimer clock;
        clock.start();
        TestClient &bystander = *m_stage->bystander;
        const qsizetype before = bystander.messages().size();
        bystander.socket().sendTextMessage(QStringLiteral("ping"));
        QTRY_COMPARE_WITH_TIMEOUT(bystander.messages().size(), before + 1, WaitMs);
        QVERIFY2(clock.elapsed() < 1000,
                 qPrintable(QStringLiteral("the bystander waited %1 ms").arg(clock.elapsed())));
        CALL(verifyUndisturbed(*m_stage));
    }

    void pingGetsMatchingPong_data()
    {
        QTest::addColumn<QByteArray>("payload");
        QTest::newRow("empty") << QByteArray();
        QTest::newRow("1 byte") << QByteArray("x");
        QByteArray max(125, Qt::Uninitialized);
        for (int i = 0; i < 125; ++i)
            max[i] = char(i * 7);
        QTest::newRow("125 bytes, binary") << max;
    }
    void pingGetsMatchingPong()
    {
        QFETCH(QByteArray, payload);
        RawClient raw;
        quint64 id = 0;
        CALL(openRaw(*m_stage, raw, &id));
        raw.socket().write(frame(Ping, payload));
        QTRY_VERIFY_WITH_TIMEOUT(raw.firstOf(Pong) || raw.isDisconnected(), WaitMs);
        QVERIFY2(raw.firstOf(Pong), qPrintable(raw.describe()));
        QCOMPARE(raw.firstOf(Pong)->payload, payload);
        QVERIFY(!raw.firstOf(Pong)->masked);
        QVERIFY(server().connectionIds().contains(id));
        CALL(verifyUndisturbed(*m_stage));
    }

    void protocolViolationClosesWith1002_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::newRow("continuation without a start") << frame(Continuation, "x");
        QTest::newRow("text inside a fragmented message")
            << QByteArray(frame(Text, "a", false) + frame(Text, "b"));
        QTest::newRow("binary inside a fragmented text")
            << QByteArray(frame(Text, "a", false) + frame(Binary, "b"));
        QTest::newRow("fragmented ping") << frame(Ping, "a", false);
        QTest::newRow("ping with 126 bytes") << frame(Ping, QByteArray(126, 'p'));
        QTest::newRow("close with 126 bytes")
            << frame(Close, closePayload(1000, QByteArray(124, 'r')));
        QTest::newRow("reserved opcode 3") << frame(3, "x");
        QTest::newRow("reserved control opcode 0xB") << frame(0xB, "x");
        QTest::newRow("RSV1 without an extension") << frame(Text, "ping", true, true, 4);
        QTest::newRow("RSV3") << frame(Text, "ping", true, true, 1);
        QTest::newRow("unmasked client frame") << frame(Text, "ping", true, false);
        QTest::newRow("non-minimal 16-bit length")
            << QByteArray(frameHeader(Text, 200).left(1) + QByteArrayLiteral("\xfe\x00\x04")
                          + QByteArray(MaskKey, 4) + masked("ping"));
        QTest::newRow("length with the top bit set")
            << QByteArray(frameHeader(Text, quint64(1) << 63) + "xxxx");
    }
    void protocolViolationClosesWith1002()
    {
        QFETCH(QByteArray, bytes);
        RawClient raw;
        quint64 id = 0;
        CALL(openRaw(*m_stage, raw, &id));
        raw.socket().write(bytes);
        // Nothing of it is taken as a message.
        QTRY_VERIFY_WITH_TIMEOUT(
            raw.closedByServer() || raw.isDisconnected() || raw.texts().size() > 1, WaitMs);
        QEXPECT_FAIL("unmasked client frame",
                     "QtWebSockets 6.4 does not check that client frames are masked", Abort);
        QVERIFY2(raw.texts().size() == 1,
                 qPrintable(QStringLiteral("answered: ") + raw.texts().constLast()));
        CALL(expectClosedWith(*m_stage, raw, id, 1002));
        CALL(verifyUndisturbed(*m_stage));
    }

    void closeFrames_data()
    {
        QTest::addColumn<QByteArray>("payload");
        QTest::addColumn<int>("reply"); // the code of the server's close frame
        QTest::newRow("1000 is echoed") << closePayload(1000, "bye") << 1000;
        QTest::newRow("4000 (private use) is echoed") << closePayload(4000) << 4000;
        QTest::newRow("one byte") << QByteArray("\x03", 1) << 1002;
        for (int code : { 0, 999, 1004, 1005, 1006, 1015, 1100, 2999, 5000, 65535 })
            QTest::newRow(qPrintable(QStringLiteral("invalid code %1").arg(code)))
                << closePayload(code) << 1002;
    }
    void closeFrames()
    {
        QFETCH(QByteArray, payload);
        QFETCH(int, reply);
        RawClient raw;
        raw.setAnswerClose(false); // the client sent its own close
        quint64 id = 0;
        CALL(openRaw(*m_stage, raw, &id));
        raw.socket().write(frame(Close, payload));
        QTRY_VERIFY_WITH_TIMEOUT(raw.closedByServer() || raw.isDisconnected(), WaitMs);
        QVERIFY2(raw.closedByServer(), qPrintable(raw.describe()));
        QCOMPARE(raw.closeCode(), reply);
        // Both sides sent a close: the server ends the TCP connection (RFC 6455 §7.1.1).
        QTRY_VERIFY_WITH_TIMEOUT(raw.isDisconnected(), WaitMs);
        QTRY_VERIFY_WITH_TIMEOUT(!server().connectionIds().contains(id), WaitMs);
        QCOMPARE(m_stage->eventsOf(TrafficEvent::Kind::Closed, id).size(), 1);
        CALL(verifyUndisturbed(*m_stage));
    }

    // The server closes (1009 here); the client never answers the close handshake nor hangs
    // up. The server must not keep the connection forever.
    void ignoredCloseHandshakeStillEnds()
    {
        server().setMaxMessageSize(64);
        RawClient raw;
        raw.setAnswerClose(false);
        quint64 id = 0;
        CALL(openRaw(*m_stage, raw, &id));
        raw.socket().write(frame(Text, QByteArray(100, 'x')));
        QTRY_VERIFY_WITH_TIMEOUT(raw.closedByServer(), WaitMs);
        QCOMPARE(raw.closeCode(), 1009);
        QTRY_VERIFY_WITH_TIMEOUT(!server().connectionIds().contains(id), 3 * WaitMs);
        QTRY_VERIFY_WITH_TIMEOUT(raw.isDisconnected(), WaitMs);
        CALL(verifyUndisturbed(*m_stage));
    }

    void clientVanishes_data()
    {
        QTest::addColumn<bool>("upgrade");
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<bool>("abortive"); // RST rather than FIN
        QTest::newRow("mid request line") << false << QByteArray("GET /ws/ec") << true;
        QTest::newRow("mid request head, FIN")
            << false << QByteArray("GET /ws/echo HTTP/1.1\r\nHost: x\r\n") << false;
        QTest::newRow("right after the handshake") << true << QByteArray() << true;
        QTest::newRow("mid frame header") << true << frameHeader(Text, 1000).left(1) << true;
        QTest::newRow("mid extended length") << true << frameHeader(Text, 70000).left(3) << true;
        QTest::newRow("mid mask key") << true << frameHeader(Text, 10).left(4) << true;
        QTest::newRow("mid payload")
            << true << QByteArray(frameHeader(Text, 1000) + QByteArray(10, 'x')) << true;
        QTest::newRow("mid payload, FIN")
            << true << QByteArray(frameHeader(Text, 1000) + QByteArray(10, 'x')) << false;
        QTest::newRow("mid fragmented message") << true << frame(Text, "pi", false) << true;
        QTest::newRow("after its close frame") << true << frame(Close, closePayload(1000)) << true;
    }
    void clientVanishes()
    {
        QFETCH(bool, upgrade);
        QFETCH(QByteArray, bytes);
        QFETCH(bool, abortive);
        // Only the disconnect, not the handshake timeout, can free the one spare slot in time.
        server().setHandshakeTimeout(60000);
        server().setMaxConnections(2);
        RawClient raw;
        raw.setAnswerClose(false);
        quint64 id = 0;
        if (upgrade) {
            CALL(openRaw(*m_stage, raw, &id));
        } else {
            QVERIFY(raw.connectTo(m_stage->port()));
        }
        raw.socket().write(bytes);
        raw.socket().flush();
        if (abortive)
            raw.socket().abort();
        else
            raw.socket().disconnectFromHost();
        if (upgrade) {
            QTRY_VERIFY_WITH_TIMEOUT(!server().connectionIds().contains(id), WaitMs);
            QCOMPARE(m_stage->eventsOf(TrafficEvent::Kind::Closed, id).size(), 1);
        } else {
            QTest::qWait(100);
        }
        QCOMPARE(server().connectionCount(), 1);
        CALL(verifyUndisturbed(*m_stage));
    }

    // A client that completes the handshake and never reads is dropped once too much waits
    // for it, rather than buffered without bound.
    void slowReaderIsDropped()
    {
        const qint64 limit = 8 * 1024 * 1024;
        server().setMaxPendingBytes(limit);
        RawClient raw;
        raw.socket().setReadBufferSize(64 * 1024);
        quint64 id = 0;
        CALL(openRaw(*m_stage, raw, &id));
        raw.setReading(false);

        const QString chunk(2 * 1024 * 1024, QLatin1Char('x'));
        int pushes = 0;
        QElapsedTimer clock;
        clock.start();
        while (server().connectionIds().contains(id) && pushes < 32 && clock.elapsed() < 10000) {
            QVERIFY(server().sendMessage(id, chunk));
            ++pushes;
            QTest::qWait(10);
        }
        QTRY_VERIFY_WITH_TIMEOUT(!server().connectionIds().contains(id), WaitMs);
        qInfo("dropped after %d pushes of 2 MiB", pushes);
        // Kernel buffers hold a few MiB; beyond them, at most the limit plus one message waits.
        QVERIFY2(pushes <= 16,
                 qPrintable(QStringLiteral("dropped only after %1 pushes of 2 MiB").arg(pushes)));
        const QList<TrafficEvent> errors = m_stage->eventsOf(TrafficEvent::Kind::Error, id);
        QVERIFY(std::any_of(errors.cbegin(), errors.cend(), [](const TrafficEvent &e) {
            return EventText::detail(e).contains(QStringLiteral("not reading"));
        }));
        QCOMPARE(m_stage->eventsOf(TrafficEvent::Kind::Closed, id).size(), 1);
        QCOMPARE(server().connectionCount(), 1);
        CALL(verifyUndisturbed(*m_stage));
    }

    // Every reply is one final, unmasked text frame with the shortest length encoding
    // (RFC 6455 5.2), from a few bytes to past 64 KiB.
    void serverFramesOnTheWire()
    {
        RawClient raw;
        quint64 id = 0;
        CALL(openRaw(*m_stage, raw, &id));
        const QByteArray ping = "ping";
        const QByteArray mid(200, 'm');
        const QByteArray large(70000, 'l'); // a reply past 64 KiB
        raw.socket().write(frame(Text, ping));
        raw.socket().write(frame(Text, "{\"echo\": \"" + mid + "\"}"));
        raw.socket().write(frame(Text, "{\"echo\": \"" + large + "\"}"));
        QTRY_COMPARE_WITH_TIMEOUT(raw.frames().size(), 4, WaitMs);
        const QList<QByteArray> payloads
            = { greeting().toUtf8(), "pong", "{\"echoed\": \"" + mid + "\"}",
                "{\"echoed\": \"" + large + "\"}" };
        for (int i = 0; i < 4; ++i) {
            const Frame &f = raw.frames().at(i);
            QCOMPARE(f.payload, payloads.at(i));
            const quint64 n = quint64(payloads.at(i).size());
            QByteArray header("\x81", 1);
            if (n <= 125) {
                header += char(n);
            } else if (n <= 0xffff) {
                header += char(126);
                header += char(n >> 8);
                header += char(n & 0xff);
            } else {
                header += char(127);
                for (int shift = 56; shift >= 0; shift -= 8)
                    header += char((n >> shift) & 0xff);
            }
            QCOMPARE(f.header.toHex(), header.toHex());
        }
        CALL(verifyUndisturbed(*m_stage));
    }

    // A client that never reads but makes the server answer: through the rules (text "ping"),
    // and through the automatic pong to every ping frame. Either way the answers waiting for
    // it are bounded.
    void requestFloodWithoutReading_data()
    {
        QTest::addColumn<QByteArray>("request");
        // Replies as large as the requests, so that the kernel's buffers (several MiB) fill
        // within the time allowed even on a slow (sanitizer) build.
        QTest::newRow("JSON echoes, answered by a rule")
            << frame(Text, "{\"echo\": \"" + QByteArray(4000, 'e') + "\"}");
        QTest::newRow("ping frames, answered by pongs") << frame(Ping, QByteArray(125, 'p'));
    }
    void requestFloodWithoutReading()
    {
        QFETCH(QByteArray, request);
        const qint64 limit = 1024 * 1024;
        server().setMaxPendingBytes(limit);
        RawClient raw;
        quint64 id = 0;
        CALL(floodUntilDropped(raw, request, &id));
        QCOMPARE(m_stage->eventsOf(TrafficEvent::Kind::Closed, id).size(), 1);
        CALL(verifyUndisturbed(*m_stage));
    }

    // Bytes right behind the request head, before the 101. RFC 6455 §4.1 has a client wait
    // for the response, but the server nudges QWebSocket to read such bytes: a whole frame
    // is answered; anything else affects only its own connection.
    // RFC 6455 4.1: a client waits for the 101 before sending frames. Frames sent along
    // with the request are refused with 400 (QtWebSockets would lose them silently).
    void bytesRightBehindTheHandshake_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::newRow("a ping message") << frame(Text, "ping");
        QTest::newRow("two ping messages") << QByteArray(frame(Text, "ping") + frame(Text, "ping"));
        QByteArray noise(1024 * 1024, Qt::Uninitialized);
        QRandomGenerator generator(6455);
        for (qsizetype i = 0; i < noise.size(); ++i)
            noise[i] = char(generator.bounded(256));
        QTest::newRow("1 MiB of noise") << noise;
    }
    void bytesRightBehindTheHandshake()
    {
        QFETCH(QByteArray, bytes);
        RawClient raw;
        QVERIFY(raw.connectTo(m_stage->port()));
        raw.socket().write(handshakeRequest() + bytes);
        QTRY_VERIFY_WITH_TIMEOUT(raw.answered() || raw.isDisconnected(), WaitMs);
        QCOMPARE(raw.status(), 400);
        QTRY_VERIFY_WITH_TIMEOUT(raw.isDisconnected(), WaitMs);
        QVERIFY(!m_stage->eventsOf(TrafficEvent::Kind::Refused).isEmpty());
        CALL(verifyUndisturbed(*m_stage));
    }

    // Thousands of connect/close cycles, a few in flight at once, ended every which way.
    void thousandsOfConnectCloseCycles()
    {
        const int total = 2000;
        const int inFlight = 8;
        int started = 0;
        int finished = 0;
        int greeted = 0;
        const QUrl url = m_stage->url();
        const quint16 port = m_stage->port();
        std::function<void()> startOne;
        QObject context;
        // Sockets torn down with `context` must not start new cycles.
        const auto noMore = qScopeGuard([&] { started = total; });
        startOne = [&] {
            if (started >= total)
                return;
            const int n = started++;
            auto done = std::make_shared<bool>(false);
            if (n % 4 == 3) {
                // A bare TCP connection that never starts the handshake.
                auto *raw = new QTcpSocket(&context);
                auto finish = [&, raw, done] {
                    if (*done)
                        return;
                    *done = true;
                    raw->deleteLater();
                    ++finished;
                    startOne();
                };
                connect(raw, &QTcpSocket::connected, raw, [raw, finish] {
                    raw->abort();
                    finish();
                });
                connect(raw, &QTcpSocket::errorOccurred, raw, finish);
                raw->connectToHost(QHostAddress::LocalHost, port);
                return;
            }
            auto *ws = new QWebSocket(QString(), QWebSocketProtocol::VersionLatest, &context);
            auto finish = [&, ws, done] {
                if (*done)
                    return;
                *done = true;
                ws->deleteLater();
                ++finished;
                startOne();
            };
            connect(ws, &QWebSocket::connected, ws, [ws, n] {
                if (n % 4 == 2)
                    ws->close(); // before the greeting is read
            });
            connect(ws, &QWebSocket::textMessageReceived, ws, [&greeted, ws, n] {
                ++greeted;
                if (n % 4 == 0)
                    ws->close();
                else if (n % 4 == 1)
                    ws->abort();
            });
            connect(ws, &QWebSocket::disconnected, ws, finish);
            connect(ws, qOverload<QAbstractSocket::SocketError>(&QWebSocket::error), ws,
                    [ws, finish](QAbstractSocket::SocketError) {
                        if (ws->state() == QAbstractSocket::UnconnectedState)
                            finish();
                    });
            ws->open(url);
        };
        QElapsedTimer clock;
        clock.start();
        for (int i = 0; i < inFlight; ++i)
            startOne();
        QTRY_COMPARE_WITH_TIMEOUT(finished, total, 25000);
        const qint64 elapsed = clock.elapsed();
        qInfo("%d cycles in %lld ms", total, elapsed);
        QVERIFY2(elapsed < 20000, qPrintable(QStringLiteral("%1 ms").arg(elapsed)));
        QTRY_COMPARE_WITH_TIMEOUT(server().connectionCount(), 1, WaitMs);
        const int upgraded = total - total / 4;
        QVERIFY(greeted >= total / 2); // the closed-at-once quarter may miss its greeting
        QCOMPARE(m_stage->eventsOf(TrafficEvent::Kind::Opened).size(), upgraded + 1);
        QCOMPARE(m_stage->eventsOf(TrafficEvent::Kind::Closed).size(), upgraded);
        CALL(verifyUndisturbed(*m_stage));
    }

    // Beyond the connection limit, HTTP 503 before any upgrade; service continues, and room
    // made by closing some is used again.
    void connectionFloodBeyondTheLimit()
    {
        const int limit = 20;
        server().setMaxConnections(limit);
        int highest = 0;
        QObject watch;
        connect(&server(), &MockServer::connectionCountChanged, &watch,
                [&highest](int count) { highest = std::max(highest, count); });
        std::vector<std::unique_ptr<RawClient>> flood;
        for (int i = 0; i < 40; ++i) {
            flood.push_back(std::make_unique<RawClient>());
            RawClient *raw = flood.back().get();
            connect(&raw->socket(), &QTcpSocket::connected, raw,
                    [raw] { raw->socket().write(handshakeRequest()); });
            raw->socket().connectToHost(QHostAddress::LocalHost, m_stage->port());
        }
        QTRY_VERIFY_WITH_TIMEOUT(
            std::all_of(flood.cbegin(), flood.cend(), [](const auto &r) { return r->answered(); }),
            2 * WaitMs);
        std::vector<RawClient *> admitted;
        int refused = 0;
        for (const auto &r : flood) {
            if (r->status() == 101)
                admitted.push_back(r.get());
            else if (r->status() == 503)
                ++refused;
            else
                QFAIL(qPrintable(r->describe()));
        }
        QCOMPARE(int(admitted.size()), limit - 1); // the bystander holds one
        QCOMPARE(refused, 40 - (limit - 1));
        QVERIFY2(highest <= limit, qPrintable(QString::number(highest)));
        for (const auto &r : flood) {
            if (r->status() == 503)
                QTRY_VERIFY_WITH_TIMEOUT(r->isDisconnected(), WaitMs);
        }
        QCOMPARE(server().connectionCount(), limit);
        const QList<TrafficEvent> refusals = m_stage->eventsOf(TrafficEvent::Kind::Refused);
        QCOMPARE(refusals.size(), refused);
        QVERIFY(EventText::detail(refusals.at(0)).contains(QStringLiteral("too many")));

        // While full, a real client is refused too, and nothing else changes.
        const std::unique_ptr<TestClient> late = m_stage->newClient();
        late->socket().open(m_stage->url());
        QTRY_VERIFY_WITH_TIMEOUT(late->failed(), WaitMs);
        QVERIFY(!late->hasConnected());
        QCOMPARE(server().connectionCount(), limit);

        // Room made by closing five (cleanly and abruptly) is admitted again.
        for (int i = 0; i < 5; ++i) {
            admitted.at(i)->setAnswerClose(false);
            if (i % 2)
                admitted.at(i)->socket().abort();
            else
                admitted.at(i)->socket().write(frame(Close, closePayload(1000)));
        }
        QTRY_COMPARE_WITH_TIMEOUT(server().connectionCount(), limit - 5, WaitMs);
        for (std::size_t i = 5; i < admitted.size(); ++i)
            QVERIFY(!admitted.at(i)->isDisconnected() && !admitted.at(i)->closedByServer());
        CALL(verifyUndisturbed(*m_stage));
        std::vector<std::unique_ptr<TestClient>> more;
        for (int i = 0; i < 4; ++i) {
            more.push_back(m_stage->newClient());
            more.back()->socket().open(m_stage->url());
        }
        QTRY_VERIFY_WITH_TIMEOUT(
            std::all_of(more.cbegin(), more.cend(),
                        [](const auto &c) { return c->messages().size() == 1; }),
            WaitMs);
        QTRY_COMPARE_WITH_TIMEOUT(server().connectionCount(), limit - 1, WaitMs);
    }

    void allowedOrigins_data()
    {
        QTest::addColumn<QByteArray>("originHeader");
        QTest::addColumn<int>("status");
        QTest::newRow("no Origin (not a browser)") << QByteArray() << 101;
        QTest::newRow("allowed") << QByteArray("Origin: http://good.example\r\n") << 101;
        QTest::newRow("allowed, other case")
            << QByteArray("origin: HTTP://GOOD.EXAMPLE\r\n") << 101;
        QTest::newRow("allowed with port")
            << QByteArray("Origin: https://app.example:8443\r\n") << 101;
        QTest::newRow("other origin") << QByteArray("Origin: http://evil.example\r\n") << 403;
        QTest::newRow("null") << QByteArray("Origin: null\r\n") << 403;
        QTest::newRow("allowed as a prefix")
            << QByteArray("Origin: http://good.example.evil.com\r\n") << 403;
        QTest::newRow("same host, other port")
            << QByteArray("Origin: https://app.example\r\n") << 403;
        QTest::newRow("same host, other scheme")
            << QByteArray("Origin: https://good.example\r\n") << 403;
        QTest::newRow("padded") << QByteArray("Origin:    http://evil.example   \r\n") << 403;
    }
    void allowedOrigins()
    {
        QFETCH(QByteArray, originHeader);
        QFETCH(int, status);
        server().setAllowedOrigins(
            { QStringLiteral("http://good.example"), QStringLiteral("https://app.example:8443") });
        RawClient raw;
        QVERIFY(raw.connectTo(m_stage->port()));
        raw.socket().write(handshakeRequest("/ws/echo", originHeader));
        if (status == 101) {
            QTRY_VERIFY_WITH_TIMEOUT(raw.answered(), WaitMs);
            QVERIFY2(raw.status() == 101, qPrintable(raw.describe()));
            QTRY_VERIFY_WITH_TIMEOUT(!raw.texts().isEmpty(), WaitMs);
            QCOMPARE(server().connectionCount(), 2);
        } else {
            CALL(expectRefused(*m_stage, raw, status));
            QVERIFY(EventText::detail(m_stage->eventsOf(TrafficEvent::Kind::Refused).constLast())
                        .contains(QStringLiteral("403")));
        }
        CALL(verifyUndisturbed(*m_stage));
    }

    void allowedOriginsWithRealClients()
    {
        server().setAllowedOrigins({ QStringLiteral("http://good.example") });
        const std::unique_ptr<TestClient> good
            = m_stage->newClient(QStringLiteral("http://good.example"));
        good->socket().open(m_stage->url());
        QTRY_COMPARE_WITH_TIMEOUT(good->messages().size(), 1, WaitMs);
        good->socket().sendTextMessage(QStringLiteral("ping"));
        QTRY_COMPARE_WITH_TIMEOUT(good->messages().size(), 2, WaitMs);
        QCOMPARE(good->messages().at(1), QStringLiteral("pong"));

        const std::unique_ptr<TestClient> evil
            = m_stage->newClient(QStringLiteral("http://evil.example"));
        evil->socket().open(m_stage->url());
        QTRY_VERIFY_WITH_TIMEOUT(evil->failed(), WaitMs);
        QVERIFY(!evil->hasConnected());
        QVERIFY(evil->messages().isEmpty());
        QVERIFY(EventText::detail(m_stage->eventsOf(TrafficEvent::Kind::Refused).constLast())
                    .contains(QStringLiteral("evil.example")));
        CALL(verifyUndisturbed(*m_stage));
    }

    // A refusal names the client it refused (address and port, taken when it connected, so
    // a client already gone still has them) and why, also on a wss:// port spoken to in plain.
    void refusalsNameTheirPeer_data()
    {
        QTest::addColumn<bool>("overTls");
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<bool>("goneAtOnce"); // the client resets the connection after sending
        QTest::addColumn<QString>("expected"); // %1: the client's port; * stands for any text
        const QString notTls = QStringLiteral(
            "-- refused TLS handshake failed: not a TLS client hello: plain HTTP or ws:// sent "
            "to a wss:// port from 127.0.0.1:%1");
        const QString noEndpoint = QStringLiteral(
            "-- refused /ws/nope: no endpoint serves this path (404) from 127.0.0.1:%1");
        QTest::newRow("garbage") << false << QByteArray("\x01\x02\r\n\r\n") << false
                                 << QStringLiteral(
                                        "-- refused not an HTTP request from 127.0.0.1:%1");
        QTest::newRow("unknown path")
            << false << handshakeRequest("/ws/nope") << false << noEndpoint;
        QTest::newRow("unknown path, client gone at once")
            << false << handshakeRequest("/ws/nope") << true << noEndpoint;
        QTest::newRow("ws:// to a wss:// port") << true << handshakeRequest() << false << notTls;
        QTest::newRow("ws:// to a wss:// port, client gone at once")
            << true << handshakeRequest() << true << notTls;
        QTest::newRow("plain HTTP to a wss:// port")
            << true << QByteArray("GET / HTTP/1.1\r\nHost: x\r\n\r\n") << false << notTls;
        QTest::newRow("broken TLS record")
            << true << QByteArrayLiteral("\x16\x03\x01\x00\x05\xff\xff\xff\xff\xff") << false
            << QStringLiteral("-- refused TLS handshake failed: * from 127.0.0.1:%1");
        QTest::newRow("no TLS handshake before the timeout")
            << true << QByteArray() << false
            << QStringLiteral("-- refused TLS handshake failed: none came before the handshake "
                              "timeout from 127.0.0.1:%1");
    }

    void refusalsNameTheirPeer()
    {
        QFETCH(bool, overTls);
        QFETCH(QByteArray, bytes);
        QFETCH(bool, goneAtOnce);
        QFETCH(QString, expected);
        if (overTls && !canServeTls())
            QSKIP("no TLS backend or no openssl");
        QTemporaryDir dir;
        Stage tls;
        if (overTls)
            CALL(setUpTls(tls, dir));
        Stage &stage = overTls ? tls : *m_stage;
        const qsizetype before = stage.eventsOf(TrafficEvent::Kind::Refused).size();
        QTcpSocket client;
        client.connectToHost(QHostAddress::LocalHost, stage.port());
        QVERIFY(client.waitForConnected(WaitMs));
        const quint16 clientPort = client.localPort();
        if (!bytes.isEmpty()) {
            client.write(bytes);
            QVERIFY(client.waitForBytesWritten(WaitMs));
        }
        if (goneAtOnce)
            client.abort();
        QTRY_VERIFY_WITH_TIMEOUT(stage.eventsOf(TrafficEvent::Kind::Refused).size() > before,
                                 WaitMs);
        const TrafficEvent refusal = stage.eventsOf(TrafficEvent::Kind::Refused).at(before);
        const QString line = refusal.toLine().section(QLatin1Char(' '), 1);
        const QStringList around = expected.arg(clientPort).split(QLatin1Char('*'));
        if (around.size() == 1)
            QCOMPARE(line, around.at(0));
        else
            QVERIFY2(line.startsWith(around.at(0)) && line.endsWith(around.at(1)),
                     qPrintable(line));
        CALL(verifyUndisturbed(stage));
    }

    // wss:// with a certificate made here; plain and broken clients on the TLS port fail
    // without harming it.
    void tlsServesWssAndSurvivesPlainClients()
    {
        if (!canServeTls())
            QSKIP("no TLS backend or no openssl");
        QTemporaryDir dir;
        Stage tls;
        CALL(setUpTls(tls, dir));
        QCOMPARE(tls.server().url().scheme(), QStringLiteral("wss"));
        for (const QSslError &e : std::as_const(tls.bystander->sslErrors()))
            qWarning("TLS error ignored for the test certificate: %s", qPrintable(e.errorString()));
        const QUrl plainUrl(QStringLiteral("ws://127.0.0.1:%1/ws/echo").arg(tls.port()));

        // A plain ws:// client fails.
        TestClient plain;
        plain.socket().open(plainUrl);
        QTRY_VERIFY_WITH_TIMEOUT(plain.failed(), WaitMs);
        QVERIFY(!plain.hasConnected());
        QVERIFY(plain.messages().isEmpty());

        // A plain HTTP handshake, garbage, and silence on the TLS port.
        RawClient http;
        QVERIFY(http.connectTo(tls.port()));
        http.socket().write(handshakeRequest());
        RawClient garbage;
        QVERIFY(garbage.connectTo(tls.port()));
        garbage.socket().write(QByteArrayLiteral("\x16\x03\x01\x00\x05\xff\xff\xff\xff\xff"));
        RawClient silent;
        QVERIFY(silent.connectTo(tls.port()));
        QTRY_VERIFY_WITH_TIMEOUT(http.isDisconnected() && garbage.isDisconnected()
                                     && silent.isDisconnected(),
                                 HandshakeTimeoutMs + WaitMs);
        QVERIFY(http.status() != 101);

        // TLS completed, then no request: the handshake timeout drops it too.
        QSslSocket quiet;
        quiet.setSslConfiguration(tls.clientTls);
        quiet.connectToHostEncrypted(QStringLiteral("127.0.0.1"), tls.port());
        QTRY_VERIFY_WITH_TIMEOUT(quiet.isEncrypted(), WaitMs);
        QTRY_COMPARE_WITH_TIMEOUT(quiet.state(), QAbstractSocket::UnconnectedState,
                                  HandshakeTimeoutMs + WaitMs);

        QCOMPARE(tls.server().connectionCount(), 1);
        QCOMPARE(tls.eventsOf(TrafficEvent::Kind::Opened).size(), 1);
        QVERIFY(!tls.eventsOf(TrafficEvent::Kind::Refused).isEmpty());
        CALL(verifyUndisturbed(tls));
        CALL(verifyUndisturbed(*m_stage));
    }

    // Clients that open a TCP connection to a wss:// port and never finish (or never start)
    // the TLS handshake do not stop the server from accepting: as many as the listen backlog
    // (1,024) come and go, or stay idle, and a fresh wss:// client is still served at once.
    void tlsAcceptsPastAbandonedHandshakes_data()
    {
        QTest::addColumn<bool>("closeThem");
        QTest::newRow("1,024 connect and close without a word") << true;
        QTest::newRow("1,024 stay idle, never starting TLS") << false;
    }
    void tlsAcceptsPastAbandonedHandshakes()
    {
        QFETCH(bool, closeThem);
        if (!canServeTls())
            QSKIP("no TLS backend or no openssl");
        QTemporaryDir dir;
        Stage tls;
        CALL(setUpTls(tls, dir));
        // Long enough that no handshake times out during the test's first part.
        const int timeoutMs = 4000;
        tls.server().setHandshakeTimeout(timeoutMs);
        const int count = 1024;
        std::vector<std::unique_ptr<QTcpSocket>> idle;
        for (int i = 0; i < count; ++i) {
            idle.push_back(std::make_unique<QTcpSocket>());
            idle.back()->connectToHost(QHostAddress::LocalHost, tls.port());
        }
        const auto connected = [&idle] {
            return int(std::count_if(idle.cbegin(), idle.cend(), [](const auto &socket) {
                return socket->state() == QAbstractSocket::ConnectedState;
            }));
        };
        QTRY_COMPARE_WITH_TIMEOUT(connected(), count, 4 * WaitMs);
        if (closeThem) {
            for (const auto &socket : idle)
                socket->abort();
            // Each is reported as it goes: the server has seen them all close.
            QTRY_VERIFY_WITH_TIMEOUT(tls.eventsOf(TrafficEvent::Kind::Refused).size() >= count,
                                     4 * WaitMs);
        }
        CALL(verifyUndisturbed(tls));
        if (!closeThem) {
            QVERIFY2(connected() == count, "served only once the idle clients were dropped");
            QTRY_COMPARE_WITH_TIMEOUT(connected(), 0, timeoutMs + 4 * WaitMs);
            CALL(verifyServed(tls));
        }
    }

    // A STOMP client past its CONNECT and subscribed to /echo.
    void openStomp(Stage &stage, TestClient &client)
    {
        client.open(stage.url(QStringLiteral("/stomp")));
        QVERIFY(client.waitForConnected(WaitMs));
        client.socket().sendTextMessage(
            QString::fromUtf8(stompFrame("CONNECT\naccept-version:1.2\n\n\0")));
        QTRY_COMPARE_WITH_TIMEOUT(client.messages().size(), 1, WaitMs);
        client.socket().sendTextMessage(
            QString::fromUtf8(stompFrame("SUBSCRIBE\nid:0\ndestination:/echo\nreceipt:r\n\n\0")));
        QTRY_COMPARE_WITH_TIMEOUT(client.messages().size(), 2, WaitMs);
        QVERIFY(client.messages().at(1).startsWith(QStringLiteral("RECEIPT\n")));
    }

    // Hostile STOMP frames: each malformed one gets an ERROR frame saying why and close 1002
    // (empty problem: the connection takes it and goes on); the server and every other
    // connection go on either way.
    void presetStompHostileFrames_data()
    {
        QTest::addColumn<QList<QByteArray>>("messages");
        QTest::addColumn<bool>("binary");
        QTest::addColumn<QString>("problem");

        QByteArray manyHeaders = "SEND\ndestination:/echo\n";
        for (int i = 0; i < 10000; ++i)
            manyHeaders += "h" + QByteArray::number(i) + ":v\n";
        manyHeaders += QByteArray("\n\0", 2);
        QList<QByteArray> subscriptions;
        for (int i = 1; i <= 300; ++i)
            subscriptions << "SUBSCRIBE\nid:s" + QByteArray::number(i) + "\ndestination:/t\n\n"
                    + QByteArray(1, '\0');

        QTest::newRow("64 KiB of NUL")
            << QList<QByteArray> { QByteArray(64 * 1024, '\0') } << false
            << QStringLiteral("the frame has no line break after its command");
        QTest::newRow("1 MiB of heart-beats")
            << QList<QByteArray> { QByteArray(1024 * 1024, '\n') } << false << QString();
        QTest::newRow("10,000 headers") << QList<QByteArray> { manyHeaders } << false
                                        << QStringLiteral("more than 128 headers");
        QTest::newRow("content-length of 99 TB")
            << QList<QByteArray> { stompFrame(
                   "SEND\ndestination:/echo\ncontent-length:99999999999999\n\nx\0") }
            << false
            << QStringLiteral(
                   "content-length 99999999999999 is more than the 2 octets after the headers");
        QTest::newRow("300 subscriptions")
            << subscriptions << false
            << QStringLiteral("more than 256 subscriptions on one connection");
        QTest::newRow("binary body, not UTF-8")
            << QList<QByteArray> { stompFrame("SEND\ndestination:/echo\n\n\xff\xfe\0") } << true
            << QString();
        QTest::newRow("1 MiB destination") << QList<QByteArray> {
            "SEND\ndestination:/" + QByteArray(1024 * 1024, 'd') + "\n\nx" + QByteArray(1, '\0')
        } << false << QString();
        QTest::newRow("second CONNECT")
            << QList<QByteArray> { stompFrame("CONNECT\naccept-version:1.2\n\n\0") } << false
            << QStringLiteral("CONNECT on a connection already connected");
    }
    void presetStompHostileFrames()
    {
        QFETCH(QList<QByteArray>, messages);
        QFETCH(bool, binary);
        QFETCH(QString, problem);

        const std::unique_ptr<TestClient> client = m_stage->newClient();
        CALL(openStomp(*m_stage, *client));
        for (const QByteArray &message : std::as_const(messages)) {
            if (binary)
                client->socket().sendBinaryMessage(message);
            else
                client->socket().sendTextMessage(QString::fromUtf8(message));
        }
        if (problem.isEmpty()) {
            // Still served: its own SEND comes back to its subscription.
            const qsizetype before = client->messages().size();
            client->socket().sendTextMessage(
                QString::fromUtf8(stompFrame("SEND\ndestination:/echo\n\nstill here\0")));
            QTRY_VERIFY_WITH_TIMEOUT(client->messages().size() > before
                                         && client->messages().constLast().endsWith(
                                             QStringLiteral("still here") + QChar(0)),
                                     WaitMs);
            QVERIFY(!client->isDisconnected());
        } else {
            QTRY_VERIFY_WITH_TIMEOUT(client->isDisconnected(), 2 * WaitMs);
            const Stomp::Parsed error
                = Stomp::parse(client->messages().constLast().toUtf8(), Stomp::Escaping::V12);
            QCOMPARE(error.frame.command, QByteArray("ERROR"));
            QCOMPARE(error.frame.header(QStringLiteral("message")), problem);
            QCOMPARE(int(client->socket().closeCode()), 1002);
        }
        CALL(verifyUndisturbed(*m_stage));
    }

    // socket.io: a client that breaks the protocol gets a disconnect and a close with the
    // protocol's reason, the log says why, and nobody else notices; one that only asks for
    // namespaces the mock does not serve is refused each time and stays.
    void presetSocketIoBadPackets_data()
    {
        QTest::addColumn<QByteArrayList>("messages"); // an empty one: a binary frame
        QTest::addColumn<int>("code"); // 0: the connection stays
        const QByteArray connect = "40";
        QTest::newRow("not Engine.IO") << QByteArrayList { connect, "hello" } << 1002;
        QTest::newRow("NUL bytes")
            << QByteArrayList { connect, QByteArray("42[\"a\0\"]", 8) } << 1002;
        QTest::newRow("JSON nested 100000 deep")
            << QByteArrayList { connect, "42" + QByteArray(100000, '[') } << 1002;
        QTest::newRow("1 MiB ack id")
            << QByteArrayList { connect, "42" + QByteArray(1 << 20, '7') } << 1002;
        QTest::newRow("binary frame") << QByteArrayList { connect, QByteArray() } << 1003;
        QTest::newRow("binary attachments")
            << QByteArrayList { connect, "451000000-[\"a\",{\"_placeholder\":true,\"num\":0}]" }
            << 1003;
        QTest::newRow("event flood before connect")
            << QByteArrayList(50, "42[\"join\",\"x\"]") << 1002;
        QTest::newRow("connect flood") << QByteArrayList(50, connect) << 1002;
        QTest::newRow("other namespaces, 2000 times")
            << QByteArrayList(2000, "40/" + QByteArray(500, 'n') + ",") << 0;
    }
    void presetSocketIoBadPackets()
    {
        QFETCH(QByteArrayList, messages);
        QFETCH(int, code);
        RawClient raw;
        quint64 id = 0;
        CALL(sendToPreset(raw, handshakeRequest("/socket.io/?EIO=4&transport=websocket"), messages,
                          &id));
        if (code == 0) {
            const int refusals = int(messages.size());
            QTRY_COMPARE_WITH_TIMEOUT(raw.texts().size(), 1 + refusals, 4 * WaitMs);
            QVERIFY(raw.texts().last().endsWith(
                QStringLiteral(",{\"message\":\"Invalid namespace\"}")));
            raw.socket().write(frame(Text, "40") + frame(Text, "423[\"join\",\"x\"]"));
            QTRY_COMPARE_WITH_TIMEOUT(raw.texts().size(), 3 + refusals, WaitMs);
            QCOMPARE(raw.texts().last(), QStringLiteral("433[{\"joined\": \"x\"}]"));
        } else {
            CALL(expectClosedWith(*m_stage, raw, id, code));
            const QList<TrafficEvent> errors = m_stage->eventsOf(TrafficEvent::Kind::Error, id);
            QCOMPARE(errors.size(), 1);
            QCOMPARE(errors.first().cause, TrafficEvent::Cause::ProtocolError);
        }
        CALL(verifyUndisturbed(*m_stage));
    }
};

QTEST_GUILESS_MAIN(TestHostile)
#include "tst_hostile.moc"
