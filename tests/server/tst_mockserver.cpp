#include "eventtext.h"
#include "rawclient.h"
#include "serverfixture.h"
#include "testclient.h"

#include <QTranslator>

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>
#include <QWebSocket>

#include <memory>

class TestMockServer : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<ServerFixture> m_fixture;
    QTranslator m_plurals;

    MockServer &server() { return m_fixture->server(); }

    void startWith(const MockSpecPtr &spec)
    {
        QVERIFY(spec);
        QVERIFY(m_fixture->start(spec));
    }

private slots:
    void initTestCase()
    {
        // The English plural forms, as the applications load them.
        QVERIFY(m_plurals.load(QStringLiteral(":/i18n/mocket_en.qm")));
        QCoreApplication::installTranslator(&m_plurals);
    }

    void init() { m_fixture = std::make_unique<ServerFixture>(); }
    void cleanup() { m_fixture.reset(); }

    // The spec's example interaction, byte for byte.
    void specEchoSession()
    {
        startWith(exampleSpec(QStringLiteral("echo.yml")));
        TestClient client;
        client.open(m_fixture->url(QStringLiteral("/ws/echo")));
        QTRY_COMPARE_WITH_TIMEOUT(client.messages().size(), 1, 5000);
        QCOMPARE(
            client.messages().at(0),
            QStringLiteral(R"({"status": "connected", "message": "Welcome to WebSocket Echo!"})"));
        client.socket().sendTextMessage(QStringLiteral("ping"));
        QTRY_COMPARE(client.messages().size(), 2);
        QCOMPARE(client.messages().at(1), QStringLiteral("pong"));
        client.socket().sendTextMessage(QStringLiteral(R"({"echo": "hello world"})"));
        QTRY_COMPARE(client.messages().size(), 3);
        QCOMPARE(client.messages().at(2), QStringLiteral(R"({"echoed": "hello world"})"));

        // The events tell the same story, each reply with the rule that produced it.
        const QList<TrafficEvent> sent = m_fixture->eventsOf(TrafficEvent::Kind::Sent);
        QCOMPARE(sent.size(), 3);
        QCOMPARE(sent.at(0).rule, QStringLiteral("on-connect"));
        QCOMPARE(sent.at(1).rule, QStringLiteral("on-message[0]"));
        QCOMPARE(sent.at(2).rule, QStringLiteral("on-message[1]"));
        const QList<TrafficEvent> opened = m_fixture->eventsOf(TrafficEvent::Kind::Opened);
        QCOMPARE(opened.size(), 1);
        QCOMPARE(opened.at(0).path, QStringLiteral("/ws/echo"));
        QVERIFY(opened.at(0).peer.startsWith(QStringLiteral("127.0.0.1:")));
        QCOMPARE(m_fixture->eventsOf(TrafficEvent::Kind::Received).size(), 2);
    }

    // Replies larger than the kernel takes at once (the rest waits in the socket's queue) and
    // a small one after them arrive whole and in order. Client and server share this thread,
    // so nothing is read while the server writes its ~9 MB.
    void largeRepliesArriveWholeAndInOrder()
    {
        startWith(specFromYaml(QStringLiteral(R"(
- websocket:
    path: /big
    on-message:
      - pattern: 'big (?<body>.*)'
        frames: ['1{{body}}', '2{{body}}', '3{{body}}', 'end']
)")));
        TestClient client;
        client.open(m_fixture->url(QStringLiteral("/big")));
        QTRY_VERIFY_WITH_TIMEOUT(client.socket().state() == QAbstractSocket::ConnectedState, 5000);
        const QString body(3 * 1024 * 1024, QLatin1Char('x'));
        client.socket().sendTextMessage(QStringLiteral("big ") + body);
        QTRY_COMPARE_WITH_TIMEOUT(client.messages().size(), 4, 20000);
        for (int i = 0; i < 3; ++i)
            QVERIFY2(client.messages().at(i) == QString::number(i + 1) + body,
                     qPrintable(QString::number(i)));
        QCOMPARE(client.messages().at(3), QStringLiteral("end"));
    }

    void userExampleWithParams()
    {
        startWith(exampleSpec(QStringLiteral("user.yml")));
        TestClient client;
        client.open(m_fixture->url(QStringLiteral("/ws/user/J%C3%BAlia%20%22B%22?tab=a%26b")));
        QTRY_COMPARE_WITH_TIMEOUT(client.messages().size(), 1, 5000);
        // Percent-decoded, and JSON-escaped inside the JSON reply.
        QCOMPARE(client.messages().at(0),
                 QStringLiteral(
                     "{\"status\": \"connected\", \"message\": \"Welcome, Júlia \\\"B\\\"!\"}"));
        client.socket().sendTextMessage(QStringLiteral(R"({"action":"get-profile","extra":1})"));
        QTRY_COMPARE(client.messages().size(), 2);
        QCOMPARE(client.messages().at(1),
                 QStringLiteral(
                     "{\"user\": \"Júlia \\\"B\\\"\", \"profile\": {\"joined\": \"2025-03-20\"}}"));
        const QList<TrafficEvent> opened = m_fixture->eventsOf(TrafficEvent::Kind::Opened);
        QCOMPARE(opened.size(), 1);
        QCOMPARE(opened.at(0).pathParams.value(QStringLiteral("username")),
                 QStringLiteral("Júlia \"B\""));
        QCOMPARE(opened.at(0).queryParams.value(QStringLiteral("tab")), QStringLiteral("a&b"));
    }

    void queryParamsInTemplates()
    {
        startWith(specFromYaml(QStringLiteral(
            "- websocket:\n"
            "    path: /q\n"
            "    on-connect:\n"
            "      response: 'hello {{query-params.name}}, room {{ query-params.room }}'\n")));
        TestClient client;
        client.open(m_fixture->url(QStringLiteral("/q?name=Ana%20Lu&room=7")));
        QTRY_COMPARE_WITH_TIMEOUT(client.messages().size(), 1, 5000);
        QCOMPARE(client.messages().at(0), QStringLiteral("hello Ana Lu, room 7"));
    }

    void unknownPathIsRefusedBeforeUpgrade()
    {
        startWith(exampleSpec(QStringLiteral("mocks.yml")));
        RawClient raw;
        QVERIFY(raw.connectTo(m_fixture->port()));
        raw.socket().write(handshakeRequest("/ws/nope"));
        QTRY_VERIFY_WITH_TIMEOUT(!raw.head().isEmpty(), 5000);
        QVERIFY2(raw.head().startsWith("HTTP/1.1 404 Not Found\r\n"), raw.head().constData());
        QTRY_COMPARE(raw.socket().state(), QAbstractSocket::UnconnectedState);

        // Trailing slash and segment count are significant.
        for (const QString &path : { QStringLiteral("/ws/echo/"), QStringLiteral("/ws/user"),
                                     QStringLiteral("/ws/user/a/b") }) {
            TestClient client;
            QSignalSpy errors(&client.socket(),
                              qOverload<QAbstractSocket::SocketError>(&QWebSocket::error));
            QVERIFY(errors.isValid());
            client.open(m_fixture->url(path));
            QTRY_VERIFY_WITH_TIMEOUT(errors.size() > 0 || client.isDisconnected(), 5000);
            QVERIFY2(!client.hasConnected(), qPrintable(path));
        }
        QCOMPARE(server().connectionCount(), 0);
        QCOMPARE(m_fixture->eventsOf(TrafficEvent::Kind::Refused).size(), 4);
        const TrafficEvent refusal = m_fixture->eventsOf(TrafficEvent::Kind::Refused).at(0);
        QVERIFY(EventText::detail(refusal).contains(QStringLiteral("/ws/nope")));
        // Who was refused, as the console line says ("... from 127.0.0.1:49980").
        QVERIFY2(refusal.peer.startsWith(QLatin1String("127.0.0.1:"))
                     && !refusal.peer.endsWith(QLatin1String(":0")),
                 qPrintable(refusal.peer));

        // The server still serves.
        TestClient ok;
        ok.open(m_fixture->url(QStringLiteral("/ws/echo")));
        QTRY_COMPARE_WITH_TIMEOUT(ok.messages().size(), 1, 5000);
    }

    void unmatchedAndBinaryKeepTheConnection()
    {
        startWith(exampleSpec(QStringLiteral("echo.yml")));
        TestClient client;
        client.open(m_fixture->url(QStringLiteral("/ws/echo")));
        QTRY_COMPARE_WITH_TIMEOUT(client.messages().size(), 1, 5000);
        client.socket().sendTextMessage(QStringLiteral("hello?"));
        client.socket().sendTextMessage(QStringLiteral("{broken json"));
        client.socket().sendBinaryMessage(QByteArray("\x00\x01\xff", 3));
        client.socket().sendTextMessage(QStringLiteral("ping"));
        QTRY_COMPARE(client.messages().size(), 2);
        QCOMPARE(client.messages().at(1), QStringLiteral("pong")); // nothing for the three before
        QVERIFY(!client.isDisconnected());

        const QList<TrafficEvent> unmatched = m_fixture->eventsOf(TrafficEvent::Kind::Unmatched);
        QCOMPARE(unmatched.size(), 2);
        QCOMPARE(unmatched.at(0).payload, QStringLiteral("hello?"));
        QVERIFY(unmatched.at(0).rule.isEmpty());
        const QList<TrafficEvent> binary = m_fixture->eventsOf(TrafficEvent::Kind::Binary);
        QCOMPARE(binary.size(), 1);
        QCOMPARE(binary.at(0).size, 3);
        QCOMPARE(binary.at(0).payload, QStringLiteral("00 01 ff"));
    }

    void missingTemplateValueWarns()
    {
        startWith(specFromYaml(
            QStringLiteral("- websocket:\n"
                           "    path: /w\n"
                           "    on-message:\n"
                           "      - pattern: '{\"type\": \"hi\"}'\n"
                           "        response: '{\"name\": \"{{json-params.name}}\"}'\n")));
        TestClient client;
        client.open(m_fixture->url(QStringLiteral("/w")));
        QTRY_VERIFY_WITH_TIMEOUT(client.hasConnected(), 5000);
        client.socket().sendTextMessage(QStringLiteral(R"({"type": "hi"})"));
        QTRY_COMPARE(client.messages().size(), 1);
        QCOMPARE(client.messages().at(0), QStringLiteral(R"({"name": ""})"));
        const QList<TrafficEvent> warnings = m_fixture->eventsOf(TrafficEvent::Kind::Warning);
        QCOMPARE(warnings.size(), 1);
        QVERIFY(EventText::detail(warnings.at(0)).contains(QStringLiteral("json-params.name")));
        QCOMPARE(warnings.at(0).rule, QStringLiteral("on-message[0]"));
    }

    void hundredConcurrentClients()
    {
        startWith(exampleSpec(QStringLiteral("mocks.yml")));
        std::vector<std::unique_ptr<TestClient>> clients;
        for (int i = 0; i < 100; ++i) {
            clients.push_back(std::make_unique<TestClient>());
            clients.back()->open(m_fixture->url(QStringLiteral("/ws/user/u%1").arg(i)));
        }
        auto allHave = [&clients](int n) {
            return std::all_of(clients.begin(), clients.end(),
                               [n](const auto &c) { return c->messages().size() >= n; });
        };
        QTRY_VERIFY_WITH_TIMEOUT(allHave(1), 10000);
        QCOMPARE(server().connectionCount(), 100);
        for (auto &c : clients)
            c->socket().sendTextMessage(QStringLiteral(R"({"action": "get-profile"})"));
        QTRY_VERIFY_WITH_TIMEOUT(allHave(2), 10000);
        for (int i = 0; i < 100; ++i) {
            QCOMPARE(
                clients[i]->messages().at(1),
                QStringLiteral(R"({"user": "u%1", "profile": {"joined": "2025-03-20"}})").arg(i));
        }
        QSet<quint64> ids;
        for (const TrafficEvent &e : m_fixture->eventsOf(TrafficEvent::Kind::Opened))
            ids.insert(e.connectionId);
        QCOMPARE(ids.size(), 100);
    }

    void liveSwapKeepsConnections()
    {
        startWith(exampleSpec(QStringLiteral("mocks.yml")));
        TestClient echo, user;
        echo.open(m_fixture->url(QStringLiteral("/ws/echo")));
        user.open(m_fixture->url(QStringLiteral("/ws/user/bob")));
        QTRY_VERIFY_WITH_TIMEOUT(echo.messages().size() == 1 && user.messages().size() == 1, 5000);

        // New rules for /ws/echo; /ws/user/:username is gone.
        server().setSpec(specFromYaml(QStringLiteral("- websocket:\n"
                                                     "    path: /ws/echo\n"
                                                     "    on-message:\n"
                                                     "      - pattern: ping\n"
                                                     "        response: PONG v2\n")));
        echo.socket().sendTextMessage(QStringLiteral("ping"));
        QTRY_COMPARE(echo.messages().size(), 2);
        QCOMPARE(echo.messages().at(1), QStringLiteral("PONG v2"));
        QVERIFY(!echo.isDisconnected());

        QTRY_VERIFY_WITH_TIMEOUT(user.isDisconnected(), 5000);
        QCOMPARE(user.socket().closeCode(), QWebSocketProtocol::CloseCodeGoingAway);
        QCOMPARE(server().connectionCount(), 1);

        // New connections see the new spec: the user endpoint now answers 404.
        TestClient late;
        late.open(m_fixture->url(QStringLiteral("/ws/user/eve")));
        QTRY_VERIFY_WITH_TIMEOUT(
            late.isDisconnected() || late.socket().error() != QAbstractSocket::UnknownSocketError,
            5000);
        QVERIFY(!late.hasConnected());
    }

    void gracefulStopClosesWith1001()
    {
        startWith(exampleSpec(QStringLiteral("echo.yml")));
        TestClient a, b;
        a.open(m_fixture->url(QStringLiteral("/ws/echo")));
        b.open(m_fixture->url(QStringLiteral("/ws/echo")));
        QTRY_VERIFY_WITH_TIMEOUT(a.messages().size() == 1 && b.messages().size() == 1, 5000);
        QSignalSpy stopped(&server(), &MockServer::stopped);
        QVERIFY(stopped.isValid());
        server().stop();
        QVERIFY(!server().isListening());
        QTRY_COMPARE_WITH_TIMEOUT(stopped.size(), 1, 5000);
        QTRY_VERIFY(a.isDisconnected() && b.isDisconnected());
        QCOMPARE(a.socket().closeCode(), QWebSocketProtocol::CloseCodeGoingAway);
        QCOMPARE(b.socket().closeCode(), QWebSocketProtocol::CloseCodeGoingAway);
        const QList<TrafficEvent> closed = m_fixture->eventsOf(TrafficEvent::Kind::Closed);
        QCOMPARE(closed.size(), 2);
        QCOMPARE(closed.at(0).closeCode, 1001);
        QCOMPARE(server().connectionCount(), 0);

        // And it can start again.
        QVERIFY(server().start(QHostAddress::LocalHost, 0));
        TestClient c;
        c.open(m_fixture->url(QStringLiteral("/ws/echo")));
        QTRY_COMPARE_WITH_TIMEOUT(c.messages().size(), 1, 5000);
    }

    void portInUseFailsClearly()
    {
        QTcpServer blocker;
        QVERIFY(blocker.listen(QHostAddress::LocalHost, 0));
        server().setSpec(exampleSpec(QStringLiteral("echo.yml")));
        QSignalSpy failed(&server(), &MockServer::startFailed);
        QVERIFY(failed.isValid());
        QVERIFY(!server().start(QHostAddress::LocalHost, blocker.serverPort()));
        QCOMPARE(failed.size(), 1);
        const QString reason = failed.at(0).at(0).toString();
        QVERIFY2(reason.contains(QStringLiteral("already in use")), qPrintable(reason));
        QVERIFY2(reason.contains(QString::number(blocker.serverPort())), qPrintable(reason));
        QVERIFY(!server().isListening());
    }

    void oversizedMessageClosesOnlyItsConnection()
    {
        server().setMaxMessageSize(1024);
        startWith(exampleSpec(QStringLiteral("echo.yml")));
        TestClient big, bystander;
        big.open(m_fixture->url(QStringLiteral("/ws/echo")));
        bystander.open(m_fixture->url(QStringLiteral("/ws/echo")));
        QTRY_VERIFY_WITH_TIMEOUT(big.messages().size() == 1 && bystander.messages().size() == 1,
                                 5000);
        big.socket().sendTextMessage(QString(4096, QLatin1Char('x')));
        QTRY_VERIFY_WITH_TIMEOUT(big.isDisconnected(), 5000);
        QCOMPARE(big.socket().closeCode(), QWebSocketProtocol::CloseCodeTooMuchData);
        bystander.socket().sendTextMessage(QStringLiteral("ping"));
        QTRY_COMPARE(bystander.messages().size(), 2);
        QVERIFY(!bystander.isDisconnected());
    }

    void pushAndCloseFromTheServer()
    {
        startWith(exampleSpec(QStringLiteral("echo.yml")));
        TestClient client;
        client.open(m_fixture->url(QStringLiteral("/ws/echo")));
        QTRY_COMPARE_WITH_TIMEOUT(client.messages().size(), 1, 5000);
        const QList<quint64> ids = server().connectionIds();
        QCOMPARE(ids.size(), 1);
        QVERIFY(server().sendMessage(ids.first(), QStringLiteral("server says hi")));
        QTRY_COMPARE(client.messages().size(), 2);
        QCOMPARE(client.messages().at(1), QStringLiteral("server says hi"));
        QCOMPARE(m_fixture->eventsOf(TrafficEvent::Kind::Sent).last().rule, QStringLiteral("push"));
        QVERIFY(!server().sendMessage(ids.first() + 100, QStringLiteral("nobody")));
        QVERIFY(server().closeConnection(ids.first(), QWebSocketProtocol::CloseCodePolicyViolated,
                                         QStringLiteral("bye")));
        QTRY_VERIFY_WITH_TIMEOUT(client.isDisconnected(), 5000);
        QCOMPARE(client.socket().closeCode(), QWebSocketProtocol::CloseCodePolicyViolated);
        QCOMPARE(client.socket().closeReason(), QStringLiteral("bye"));
    }

    void broadcastReachesEveryConnectionOfTheEndpoint()
    {
        startWith(exampleSpec(QStringLiteral("mocks.yml")));
        TestClient a, b, other;
        a.open(m_fixture->url(QStringLiteral("/ws/user/a")));
        b.open(m_fixture->url(QStringLiteral("/ws/user/b")));
        other.open(m_fixture->url(QStringLiteral("/ws/echo")));
        for (const TestClient *client : { &a, &b, &other })
            QTRY_COMPARE_WITH_TIMEOUT(client->messages().size(), 1, 5000);
        QCOMPARE(server().broadcast(QStringLiteral("/ws/user/:username"), QStringLiteral("news")),
                 2);
        QTRY_VERIFY(a.messages().size() == 2 && b.messages().size() == 2);
        QCOMPARE(a.messages().at(1), QStringLiteral("news"));
        QCOMPARE(b.messages().at(1), QStringLiteral("news"));
        QTest::qWait(50);
        QCOMPARE(other.messages().size(), 1);
        QCOMPARE(m_fixture->eventsOf(TrafficEvent::Kind::Sent).last().rule,
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
        const MockSpecPtr spec = exampleSpec(QStringLiteral("mocks.yml"));
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
        const MockSpecPtr beyond = exampleSpec(QStringLiteral("beyond.yml"));
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
