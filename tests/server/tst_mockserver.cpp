#include "eventtext.h"
#include "mockserver.h"
#include "specloader.h"

#include <QTranslator>

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QWebSocket>

#include <memory>

namespace {

MockSpecPtr loadSpec(const QString &yaml)
{
    const LoadResult result = SpecLoader::loadText(yaml, QStringLiteral("test.yml"));
    if (!result.ok())
        qWarning("%s", qPrintable(result.diagnosticsText()));
    return result.spec;
}

MockSpecPtr loadExample(const QString &name)
{
    const LoadResult result
        = SpecLoader::loadFile(QStringLiteral(MOCKET_SOURCE_DIR "/resources/examples/") + name);
    return result.spec;
}

// A real QWebSocket client that records what it receives.
class Client : public QObject
{
public:
    QWebSocket socket;
    QStringList messages;
    bool connected = false;
    bool disconnected = false;

    Client()
    {
        connect(&socket, &QWebSocket::textMessageReceived, this,
                [this](const QString &m) { messages.append(m); });
        connect(&socket, &QWebSocket::connected, this, [this] { connected = true; });
        connect(&socket, &QWebSocket::disconnected, this, [this] { disconnected = true; });
    }
    void open(const MockServer &server, const QString &pathAndQuery)
    {
        socket.open(QUrl(server.url().toString() + pathAndQuery));
    }
};

QList<TrafficEvent> eventsOfKind(const QList<TrafficEvent> &events, TrafficEvent::Kind kind)
{
    QList<TrafficEvent> out;
    for (const TrafficEvent &e : events) {
        if (e.kind == kind)
            out.append(e);
    }
    return out;
}

} // namespace

class TestMockServer : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<MockServer> m_server;
    QTranslator m_plurals;
    QList<TrafficEvent> m_events;

    void startWith(MockSpecPtr spec)
    {
        QVERIFY(spec);
        m_server->setSpec(std::move(spec));
        QVERIFY(m_server->start(QHostAddress::LocalHost, 0));
        QVERIFY(m_server->serverPort() != 0);
    }

private slots:
    void initTestCase()
    {
        // The English plural forms, as the applications load them.
        QVERIFY(m_plurals.load(QStringLiteral(":/i18n/mocket_en.qm")));
        QCoreApplication::installTranslator(&m_plurals);
    }

    void init()
    {
        m_events.clear();
        m_server = std::make_unique<MockServer>();
        connect(m_server.get(), &MockServer::trafficEvent, this,
                [this](const TrafficEvent &e) { m_events.append(e); });
    }
    void cleanup() { m_server.reset(); }

    // The spec's example interaction, byte for byte.
    void specEchoSession()
    {
        startWith(loadExample(QStringLiteral("echo.yml")));
        Client client;
        client.open(*m_server, QStringLiteral("/ws/echo"));
        QTRY_COMPARE_WITH_TIMEOUT(client.messages.size(), 1, 5000);
        QCOMPARE(
            client.messages.at(0),
            QStringLiteral(R"({"status": "connected", "message": "Welcome to WebSocket Echo!"})"));
        client.socket.sendTextMessage(QStringLiteral("ping"));
        QTRY_COMPARE(client.messages.size(), 2);
        QCOMPARE(client.messages.at(1), QStringLiteral("pong"));
        client.socket.sendTextMessage(QStringLiteral(R"({"echo": "hello world"})"));
        QTRY_COMPARE(client.messages.size(), 3);
        QCOMPARE(client.messages.at(2), QStringLiteral(R"({"echoed": "hello world"})"));

        // The events tell the same story, each reply with the rule that produced it.
        const QList<TrafficEvent> sent = eventsOfKind(m_events, TrafficEvent::Kind::Sent);
        QCOMPARE(sent.size(), 3);
        QCOMPARE(sent.at(0).rule, QStringLiteral("on-connect"));
        QCOMPARE(sent.at(1).rule, QStringLiteral("on-message[0]"));
        QCOMPARE(sent.at(2).rule, QStringLiteral("on-message[1]"));
        const QList<TrafficEvent> opened = eventsOfKind(m_events, TrafficEvent::Kind::Opened);
        QCOMPARE(opened.size(), 1);
        QCOMPARE(opened.at(0).path, QStringLiteral("/ws/echo"));
        QVERIFY(opened.at(0).peer.startsWith(QStringLiteral("127.0.0.1:")));
        QCOMPARE(eventsOfKind(m_events, TrafficEvent::Kind::Received).size(), 2);
    }

    // Replies larger than the kernel takes at once (the rest waits in the socket's queue) and
    // a small one after them arrive whole and in order. Client and server share this thread,
    // so nothing is read while the server writes its ~9 MB.
    void largeRepliesArriveWholeAndInOrder()
    {
        startWith(loadSpec(QStringLiteral(R"(
- websocket:
    path: /big
    on-message:
      - pattern: 'big (?<body>.*)'
        frames: ['1{{body}}', '2{{body}}', '3{{body}}', 'end']
)")));
        Client client;
        client.open(*m_server, QStringLiteral("/big"));
        QTRY_VERIFY_WITH_TIMEOUT(client.socket.state() == QAbstractSocket::ConnectedState, 5000);
        const QString body(3 * 1024 * 1024, QLatin1Char('x'));
        client.socket.sendTextMessage(QStringLiteral("big ") + body);
        QTRY_COMPARE_WITH_TIMEOUT(client.messages.size(), 4, 20000);
        for (int i = 0; i < 3; ++i)
            QVERIFY2(client.messages.at(i) == QString::number(i + 1) + body,
                     qPrintable(QString::number(i)));
        QCOMPARE(client.messages.at(3), QStringLiteral("end"));
    }

    void userExampleWithParams()
    {
        startWith(loadExample(QStringLiteral("user.yml")));
        Client client;
        client.open(*m_server, QStringLiteral("/ws/user/J%C3%BAlia%20%22B%22?tab=a%26b"));
        QTRY_COMPARE_WITH_TIMEOUT(client.messages.size(), 1, 5000);
        // Percent-decoded, and JSON-escaped inside the JSON reply.
        QCOMPARE(client.messages.at(0),
                 QStringLiteral(
                     "{\"status\": \"connected\", \"message\": \"Welcome, Júlia \\\"B\\\"!\"}"));
        client.socket.sendTextMessage(QStringLiteral(R"({"action":"get-profile","extra":1})"));
        QTRY_COMPARE(client.messages.size(), 2);
        QCOMPARE(client.messages.at(1),
                 QStringLiteral(
                     "{\"user\": \"Júlia \\\"B\\\"\", \"profile\": {\"joined\": \"2025-03-20\"}}"));
        const QList<TrafficEvent> opened = eventsOfKind(m_events, TrafficEvent::Kind::Opened);
        QCOMPARE(opened.size(), 1);
        QCOMPARE(opened.at(0).pathParams.value(QStringLiteral("username")),
                 QStringLiteral("Júlia \"B\""));
        QCOMPARE(opened.at(0).queryParams.value(QStringLiteral("tab")), QStringLiteral("a&b"));
    }

    void queryParamsInTemplates()
    {
        startWith(loadSpec(QStringLiteral(
            "- websocket:\n"
            "    path: /q\n"
            "    on-connect:\n"
            "      response: 'hello {{query-params.name}}, room {{ query-params.room }}'\n")));
        Client client;
        client.open(*m_server, QStringLiteral("/q?name=Ana%20Lu&room=7"));
        QTRY_COMPARE_WITH_TIMEOUT(client.messages.size(), 1, 5000);
        QCOMPARE(client.messages.at(0), QStringLiteral("hello Ana Lu, room 7"));
    }

    void unknownPathIsRefusedBeforeUpgrade()
    {
        startWith(loadExample(QStringLiteral("mocks.yml")));
        QTcpSocket raw;
        raw.connectToHost(QHostAddress::LocalHost, m_server->serverPort());
        QVERIFY(raw.waitForConnected(5000));
        raw.write("GET /ws/nope HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\n"
                  "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                  "Sec-WebSocket-Version: 13\r\n\r\n");
        QByteArray response;
        QTRY_VERIFY_WITH_TIMEOUT((response += raw.readAll()).contains("\r\n\r\n"), 5000);
        QVERIFY2(response.startsWith("HTTP/1.1 404 Not Found\r\n"), response.constData());
        QTRY_COMPARE(raw.state(), QAbstractSocket::UnconnectedState);

        // Trailing slash and segment count are significant.
        for (const QString &path : { QStringLiteral("/ws/echo/"), QStringLiteral("/ws/user"),
                                     QStringLiteral("/ws/user/a/b") }) {
            Client client;
            QSignalSpy errors(&client.socket,
                              qOverload<QAbstractSocket::SocketError>(&QWebSocket::error));
            QVERIFY(errors.isValid());
            client.open(*m_server, path);
            QTRY_VERIFY_WITH_TIMEOUT(errors.size() > 0 || client.disconnected, 5000);
            QVERIFY2(!client.connected, qPrintable(path));
        }
        QCOMPARE(m_server->connectionCount(), 0);
        QCOMPARE(eventsOfKind(m_events, TrafficEvent::Kind::Refused).size(), 4);
        QVERIFY(EventText::detail(eventsOfKind(m_events, TrafficEvent::Kind::Refused).at(0))
                    .contains(QStringLiteral("/ws/nope")));
        // Who was refused, as the console line says ("... from 127.0.0.1:49980").
        const TrafficEvent refusal = eventsOfKind(m_events, TrafficEvent::Kind::Refused).at(0);
        QVERIFY2(refusal.peer.startsWith(QLatin1String("127.0.0.1:"))
                     && !refusal.peer.endsWith(QLatin1String(":0")),
                 qPrintable(refusal.peer));

        // The server still serves.
        Client ok;
        ok.open(*m_server, QStringLiteral("/ws/echo"));
        QTRY_COMPARE_WITH_TIMEOUT(ok.messages.size(), 1, 5000);
    }

    void unmatchedAndBinaryKeepTheConnection()
    {
        startWith(loadExample(QStringLiteral("echo.yml")));
        Client client;
        client.open(*m_server, QStringLiteral("/ws/echo"));
        QTRY_COMPARE_WITH_TIMEOUT(client.messages.size(), 1, 5000);
        client.socket.sendTextMessage(QStringLiteral("hello?"));
        client.socket.sendTextMessage(QStringLiteral("{broken json"));
        client.socket.sendBinaryMessage(QByteArray("\x00\x01\xff", 3));
        client.socket.sendTextMessage(QStringLiteral("ping"));
        QTRY_COMPARE(client.messages.size(), 2);
        QCOMPARE(client.messages.at(1), QStringLiteral("pong")); // nothing for the three before
        QVERIFY(!client.disconnected);

        const QList<TrafficEvent> unmatched = eventsOfKind(m_events, TrafficEvent::Kind::Unmatched);
        QCOMPARE(unmatched.size(), 2);
        QCOMPARE(unmatched.at(0).payload, QStringLiteral("hello?"));
        QVERIFY(unmatched.at(0).rule.isEmpty());
        const QList<TrafficEvent> binary = eventsOfKind(m_events, TrafficEvent::Kind::Binary);
        QCOMPARE(binary.size(), 1);
        QCOMPARE(binary.at(0).size, 3);
        QCOMPARE(binary.at(0).payload, QStringLiteral("00 01 ff"));
    }

    void missingTemplateValueWarns()
    {
        startWith(
            loadSpec(QStringLiteral("- websocket:\n"
                                    "    path: /w\n"
                                    "    on-message:\n"
                                    "      - pattern: '{\"type\": \"hi\"}'\n"
                                    "        response: '{\"name\": \"{{json-params.name}}\"}'\n")));
        Client client;
        client.open(*m_server, QStringLiteral("/w"));
        QTRY_VERIFY_WITH_TIMEOUT(client.connected, 5000);
        client.socket.sendTextMessage(QStringLiteral(R"({"type": "hi"})"));
        QTRY_COMPARE(client.messages.size(), 1);
        QCOMPARE(client.messages.at(0), QStringLiteral(R"({"name": ""})"));
        const QList<TrafficEvent> warnings = eventsOfKind(m_events, TrafficEvent::Kind::Warning);
        QCOMPARE(warnings.size(), 1);
        QVERIFY(EventText::detail(warnings.at(0)).contains(QStringLiteral("json-params.name")));
        QCOMPARE(warnings.at(0).rule, QStringLiteral("on-message[0]"));
    }

    void hundredConcurrentClients()
    {
        startWith(loadExample(QStringLiteral("mocks.yml")));
        std::vector<std::unique_ptr<Client>> clients;
        for (int i = 0; i < 100; ++i) {
            clients.push_back(std::make_unique<Client>());
            clients.back()->open(*m_server, QStringLiteral("/ws/user/u%1").arg(i));
        }
        auto allHave = [&clients](int n) {
            return std::all_of(clients.begin(), clients.end(),
                               [n](const auto &c) { return c->messages.size() >= n; });
        };
        QTRY_VERIFY_WITH_TIMEOUT(allHave(1), 10000);
        QCOMPARE(m_server->connectionCount(), 100);
        for (auto &c : clients)
            c->socket.sendTextMessage(QStringLiteral(R"({"action": "get-profile"})"));
        QTRY_VERIFY_WITH_TIMEOUT(allHave(2), 10000);
        for (int i = 0; i < 100; ++i) {
            QCOMPARE(
                clients[i]->messages.at(1),
                QStringLiteral(R"({"user": "u%1", "profile": {"joined": "2025-03-20"}})").arg(i));
        }
        QSet<quint64> ids;
        for (const TrafficEvent &e : eventsOfKind(m_events, TrafficEvent::Kind::Opened))
            ids.insert(e.connectionId);
        QCOMPARE(ids.size(), 100);
    }

    void liveSwapKeepsConnections()
    {
        startWith(loadExample(QStringLiteral("mocks.yml")));
        Client echo, user;
        echo.open(*m_server, QStringLiteral("/ws/echo"));
        user.open(*m_server, QStringLiteral("/ws/user/bob"));
        QTRY_VERIFY_WITH_TIMEOUT(echo.messages.size() == 1 && user.messages.size() == 1, 5000);

        // New rules for /ws/echo; /ws/user/:username is gone.
        m_server->setSpec(loadSpec(QStringLiteral("- websocket:\n"
                                                  "    path: /ws/echo\n"
                                                  "    on-message:\n"
                                                  "      - pattern: ping\n"
                                                  "        response: PONG v2\n")));
        echo.socket.sendTextMessage(QStringLiteral("ping"));
        QTRY_COMPARE(echo.messages.size(), 2);
        QCOMPARE(echo.messages.at(1), QStringLiteral("PONG v2"));
        QVERIFY(!echo.disconnected);

        QTRY_VERIFY_WITH_TIMEOUT(user.disconnected, 5000);
        QCOMPARE(user.socket.closeCode(), QWebSocketProtocol::CloseCodeGoingAway);
        QCOMPARE(m_server->connectionCount(), 1);

        // New connections see the new spec: the user endpoint now answers 404.
        Client late;
        late.open(*m_server, QStringLiteral("/ws/user/eve"));
        QTRY_VERIFY_WITH_TIMEOUT(
            late.disconnected || late.socket.error() != QAbstractSocket::UnknownSocketError, 5000);
        QVERIFY(!late.connected);
    }

    void gracefulStopClosesWith1001()
    {
        startWith(loadExample(QStringLiteral("echo.yml")));
        Client a, b;
        a.open(*m_server, QStringLiteral("/ws/echo"));
        b.open(*m_server, QStringLiteral("/ws/echo"));
        QTRY_VERIFY_WITH_TIMEOUT(a.messages.size() == 1 && b.messages.size() == 1, 5000);
        QSignalSpy stopped(m_server.get(), &MockServer::stopped);
        QVERIFY(stopped.isValid());
        m_server->stop();
        QVERIFY(!m_server->isListening());
        QTRY_COMPARE_WITH_TIMEOUT(stopped.size(), 1, 5000);
        QTRY_VERIFY(a.disconnected && b.disconnected);
        QCOMPARE(a.socket.closeCode(), QWebSocketProtocol::CloseCodeGoingAway);
        QCOMPARE(b.socket.closeCode(), QWebSocketProtocol::CloseCodeGoingAway);
        const QList<TrafficEvent> closed = eventsOfKind(m_events, TrafficEvent::Kind::Closed);
        QCOMPARE(closed.size(), 2);
        QCOMPARE(closed.at(0).closeCode, 1001);
        QCOMPARE(m_server->connectionCount(), 0);

        // And it can start again.
        QVERIFY(m_server->start(QHostAddress::LocalHost, 0));
        Client c;
        c.open(*m_server, QStringLiteral("/ws/echo"));
        QTRY_COMPARE_WITH_TIMEOUT(c.messages.size(), 1, 5000);
    }

    void portInUseFailsClearly()
    {
        QTcpServer blocker;
        QVERIFY(blocker.listen(QHostAddress::LocalHost, 0));
        m_server->setSpec(loadExample(QStringLiteral("echo.yml")));
        QSignalSpy failed(m_server.get(), &MockServer::startFailed);
        QVERIFY(failed.isValid());
        QVERIFY(!m_server->start(QHostAddress::LocalHost, blocker.serverPort()));
        QCOMPARE(failed.size(), 1);
        const QString reason = failed.at(0).at(0).toString();
        QVERIFY2(reason.contains(QStringLiteral("already in use")), qPrintable(reason));
        QVERIFY2(reason.contains(QString::number(blocker.serverPort())), qPrintable(reason));
        QVERIFY(!m_server->isListening());
    }

    void oversizedMessageClosesOnlyItsConnection()
    {
        m_server->setMaxMessageSize(1024);
        startWith(loadExample(QStringLiteral("echo.yml")));
        Client big, bystander;
        big.open(*m_server, QStringLiteral("/ws/echo"));
        bystander.open(*m_server, QStringLiteral("/ws/echo"));
        QTRY_VERIFY_WITH_TIMEOUT(big.messages.size() == 1 && bystander.messages.size() == 1, 5000);
        big.socket.sendTextMessage(QString(4096, QLatin1Char('x')));
        QTRY_VERIFY_WITH_TIMEOUT(big.disconnected, 5000);
        QCOMPARE(big.socket.closeCode(), QWebSocketProtocol::CloseCodeTooMuchData);
        bystander.socket.sendTextMessage(QStringLiteral("ping"));
        QTRY_COMPARE(bystander.messages.size(), 2);
        QVERIFY(!bystander.disconnected);
    }

    void pushAndCloseFromTheServer()
    {
        startWith(loadExample(QStringLiteral("echo.yml")));
        Client client;
        client.open(*m_server, QStringLiteral("/ws/echo"));
        QTRY_COMPARE_WITH_TIMEOUT(client.messages.size(), 1, 5000);
        const QList<quint64> ids = m_server->connectionIds();
        QCOMPARE(ids.size(), 1);
        QVERIFY(m_server->sendMessage(ids.first(), QStringLiteral("server says hi")));
        QTRY_COMPARE(client.messages.size(), 2);
        QCOMPARE(client.messages.at(1), QStringLiteral("server says hi"));
        QCOMPARE(eventsOfKind(m_events, TrafficEvent::Kind::Sent).last().rule,
                 QStringLiteral("push"));
        QVERIFY(!m_server->sendMessage(ids.first() + 100, QStringLiteral("nobody")));
        QVERIFY(m_server->closeConnection(ids.first(), QWebSocketProtocol::CloseCodePolicyViolated,
                                          QStringLiteral("bye")));
        QTRY_VERIFY_WITH_TIMEOUT(client.disconnected, 5000);
        QCOMPARE(client.socket.closeCode(), QWebSocketProtocol::CloseCodePolicyViolated);
        QCOMPARE(client.socket.closeReason(), QStringLiteral("bye"));
    }

    void broadcastReachesEveryConnectionOfTheEndpoint()
    {
        startWith(loadExample(QStringLiteral("mocks.yml")));
        Client a, b, other;
        a.open(*m_server, QStringLiteral("/ws/user/a"));
        b.open(*m_server, QStringLiteral("/ws/user/b"));
        other.open(*m_server, QStringLiteral("/ws/echo"));
        QTRY_VERIFY_WITH_TIMEOUT(
            a.messages.size() == 1 && b.messages.size() == 1 && other.messages.size() == 1, 5000);
        QCOMPARE(m_server->broadcast(QStringLiteral("/ws/user/:username"), QStringLiteral("news")),
                 2);
        QTRY_VERIFY(a.messages.size() == 2 && b.messages.size() == 2);
        QCOMPARE(a.messages.at(1), QStringLiteral("news"));
        QCOMPARE(b.messages.at(1), QStringLiteral("news"));
        QTest::qWait(50);
        QCOMPARE(other.messages.size(), 1);
        QCOMPARE(eventsOfKind(m_events, TrafficEvent::Kind::Sent).last().rule,
                 QStringLiteral("broadcast"));
    }

    // The --log line is written by hand; it must read back as the same event.
    void jsonLineReadsBack()
    {
        TrafficEvent e;
        e.kind = TrafficEvent::Kind::Received;
        e.connectionId = 7;
        e.timestamp = 1764000000123;
        e.path = QStringLiteral("/ws/j\u00fal\u00eda");
        e.payload = QStringLiteral("a\"b\\c\n\t") + QChar(1) + QStringLiteral(" \u00e9 \u20ac ")
            + QString::fromUcs4(U"\U0001F600") + QChar(0xD800);
        e.rule = QStringLiteral("on-message[0]");
        e.delivery.delayMs = 5;
        e.size = 3;
        const QByteArray line = e.toJsonLine();
        QJsonParseError error;
        const QJsonObject o = QJsonDocument::fromJson(line, &error).object();
        QVERIFY2(error.error == QJsonParseError::NoError, line.constData());
        QString expected = e.payload;
        expected.chop(1);
        expected += QLatin1Char('?'); // a lone surrogate goes out as '?', as QWebSocket sends it
        QCOMPARE(o.value(QStringLiteral("payload")).toString(), expected);
        QCOMPARE(o.value(QStringLiteral("path")).toString(), e.path);
        QCOMPARE(o.value(QStringLiteral("time")).toString(),
                 QStringLiteral("2025-11-24T16:00:00.123Z"));
        QCOMPARE(o.value(QStringLiteral("event")).toString(), QStringLiteral("received"));
        QCOMPARE(o.value(QStringLiteral("direction")).toString(), QStringLiteral("in"));
        QCOMPARE(o.value(QStringLiteral("connection")).toInt(), 7);
        QCOMPARE(o.value(QStringLiteral("size")).toInt(), 3);
        QCOMPARE(o.value(QStringLiteral("note")).toString(), QStringLiteral("delayed 5ms"));
        QCOMPARE(TrafficEvent::utf8Size(e.payload), qint64(e.payload.toUtf8().size()));

        // Long payloads are encoded a slice at a time; a surrogate pair across a slice's end
        // and escapes near it come out whole.
        for (const qsizetype before : { qsizetype(4095), qsizetype(4094), qsizetype(8191) }) {
            e.payload = QString(before, QLatin1Char('a')) + QString::fromUcs4(U"\U0001F600")
                + QString(3000, QChar(1)) + QStringLiteral("\u00e9\"end\"");
            const QJsonObject big = QJsonDocument::fromJson(e.toJsonLine(), &error).object();
            QVERIFY(error.error == QJsonParseError::NoError);
            QCOMPARE(big.value(QStringLiteral("payload")).toString(), e.payload);
        }
    }

    // The console and the workbench word events in the user's language; the --log file keeps
    // English words beside the cause as data, whatever the language.
    void jsonLogStaysEnglish()
    {
        class Portuguese : public QTranslator
        {
        public:
            bool isEmpty() const override { return false; }
            QString translate(const char *context, const char *source, const char *,
                              int) const override
            {
                if (qstrcmp(context, "MockServer") != 0)
                    return {};
                if (qstrcmp(source, "%1: no endpoint serves this path (404)") == 0)
                    return QStringLiteral("%1: nenhum endpoint serve este caminho (404)");
                if (qstrcmp(source, "delayed %1ms") == 0)
                    return QStringLiteral("atrasado %1ms");
                return {};
            }
        } portuguese;
        QCoreApplication::installTranslator(&portuguese);
        const auto restore
            = qScopeGuard([&portuguese] { QCoreApplication::removeTranslator(&portuguese); });

        const TrafficEvent refused = TrafficEvent::refused(QStringLiteral("127.0.0.1:5555"),
                                                           TrafficEvent::Cause::NoEndpoint, 404,
                                                           { QStringLiteral("/ws/nope") });
        QVERIFY2(refused.toLine().endsWith(QLatin1String(
                     " -- refused /ws/nope: nenhum endpoint serve este caminho (404) from "
                     "127.0.0.1:5555")),
                 qPrintable(refused.toLine()));
        QJsonParseError error;
        const QJsonObject o = QJsonDocument::fromJson(refused.toJsonLine(), &error).object();
        QVERIFY(error.error == QJsonParseError::NoError);
        QCOMPARE(o.value(QStringLiteral("event")).toString(), QStringLiteral("refused"));
        QCOMPARE(o.value(QStringLiteral("payload")).toString(),
                 QStringLiteral("/ws/nope: no endpoint serves this path (404)"));
        QCOMPARE(o.value(QStringLiteral("cause")).toString(), QStringLiteral("no-endpoint"));
        QCOMPARE(o.value(QStringLiteral("status")).toInt(), 404);
        QCOMPARE(o.value(QStringLiteral("details")).toArray(),
                 QJsonArray { QStringLiteral("/ws/nope") });
        QCOMPARE(o.value(QStringLiteral("peer")).toString(), QStringLiteral("127.0.0.1:5555"));

        TrafficDelivery delayed;
        delayed.delayMs = 5;
        const TrafficEvent sent
            = TrafficEvent::sent({ 2, QStringLiteral("/ws/echo") }, QStringLiteral("pong"),
                                 QStringLiteral("on-message[0]"), delayed);
        QVERIFY2(sent.toLine().endsWith(QStringLiteral("[on-message[0] \u00B7 atrasado 5ms]")),
                 qPrintable(sent.toLine()));
        const QJsonObject line = QJsonDocument::fromJson(sent.toJsonLine(), &error).object();
        QCOMPARE(line.value(QStringLiteral("note")).toString(), QStringLiteral("delayed 5ms"));
        QVERIFY(!line.contains(QStringLiteral("cause")));
    }

    void tryItWithoutClient()
    {
        const MockSpecPtr spec = loadExample(QStringLiteral("mocks.yml"));
        QVERIFY(spec);
        TryResult r = tryMessage(*spec, QStringLiteral("/ws/user/ana%20b?x=1"),
                                 QStringLiteral("{\"action\": \"get-profile\"}"));
        QVERIFY(r.endpoint);
        QCOMPARE(r.endpoint->path.text(), QStringLiteral("/ws/user/:username"));
        QVERIFY(r.hasGreeting);
        QCOMPARE(r.greeting,
                 QStringLiteral("{\"status\": \"connected\", \"message\": \"Welcome, ana b!\"}"));
        QVERIFY(r.rule);
        QCOMPARE(r.rule->label(), QStringLiteral("on-message[0]"));
        QCOMPARE(
            r.reply,
            QStringLiteral("{\"user\": \"ana b\", \"profile\": {\"joined\": \"2025-03-20\"}}"));
        QCOMPARE(r.queryParams.value(QStringLiteral("x")), QStringLiteral("1"));

        r = tryMessage(*spec, QStringLiteral("/ws/echo"), QStringLiteral("nothing matches this"));
        QVERIFY(r.endpoint);
        QVERIFY(!r.rule);
        QVERIFY(r.reply.isEmpty());

        r = tryMessage(*spec, QStringLiteral("/ws/nowhere"), QStringLiteral("ping"));
        QVERIFY(!r.endpoint);

        // A greeting of several frames, and a rule answering with a binary frame.
        const MockSpecPtr beyond = loadExample(QStringLiteral("beyond.yml"));
        QVERIFY(beyond);
        r = tryMessage(*beyond, QStringLiteral("/chat/a"), QStringLiteral("bye"));
        QVERIFY(r.hasGreeting);
        QCOMPARE(r.greeting,
                 QStringLiteral("{\"type\": \"hello\"}\n{\"type\": \"ready\"}\n<binary, 4 bytes>"));
        QCOMPARE(r.reply, QStringLiteral("see you"));
    }
};

QTEST_GUILESS_MAIN(TestMockServer)
#include "tst_mockserver.moc"
