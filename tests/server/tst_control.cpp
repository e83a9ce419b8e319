// The control API under /__mocket/, driven the way a test suite would: real WebSocket clients
// talk to the mock while Qt's network access manager asks, pushes, closes and reconfigures.

#include "controlapi.h"
#include "pingprobe.h"
#include "serverfixture.h"
#include "serveroptions.h"
#include "testclient.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTest>

namespace {
const char Yaml[] = R"(
- websocket:
    path: /ws/echo
    on-connect:
      response: welcome
    on-message:
      - pattern: ping
        response: pong
- websocket:
    path: /ws/user/:name
    on-message:
      - pattern: hi
        response: 'hi {{path-params.name}}'
)";

struct Answer
{
    int status = 0;
    QByteArray body;
    QNetworkReply::RawHeaderPair header;
    QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
    QJsonArray messages() const { return json().value(QLatin1String("messages")).toArray(); }
};

class Control
{
public:
    explicit Control(const ServerFixture &fixture) : m_fixture(fixture) { }

    QString token;

    Answer call(const QByteArray &method, const QString &pathAndQuery, const QByteArray &body = {},
                const QByteArray &contentType = {})
    {
        QNetworkRequest request(QUrl(QStringLiteral("http://127.0.0.1:%1/__mocket/%2")
                                         .arg(m_fixture.port())
                                         .arg(pathAndQuery)));
        if (!token.isEmpty())
            request.setRawHeader("Authorization", "Bearer " + token.toUtf8());
        if (!contentType.isEmpty())
            request.setRawHeader("Content-Type", contentType);
        QNetworkReply *reply = m_network.sendCustomRequest(request, method, body);
        QSignalSpy finished(reply, &QNetworkReply::finished);
        if (!reply->isFinished())
            finished.wait(15000);
        Answer answer;
        answer.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        answer.body = reply->readAll();
        reply->deleteLater();
        return answer;
    }
    Answer get(const QString &pathAndQuery) { return call("GET", pathAndQuery); }

private:
    const ServerFixture &m_fixture;
    QNetworkAccessManager m_network;
};

std::unique_ptr<TestClient> connectClient(const ServerFixture &fixture, const QString &path)
{
    auto client = std::make_unique<TestClient>();
    client->open(fixture.url(path));
    [[maybe_unused]] const bool connected = client->waitForConnected();
    return client;
}

QStringList payloads(const QJsonArray &messages)
{
    QStringList list;
    for (const QJsonValue &message : messages)
        list.append(message.toObject().value(QLatin1String("payload")).toString());
    return list;
}
} // namespace

class TestControl : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<ServerFixture> m_fixture;

    ServerFixture &fixture() { return *m_fixture; }

private slots:
    void init()
    {
        m_fixture = std::make_unique<ServerFixture>();
        fixture().server().setControl(true);
        QVERIFY(fixture().start(specFromYaml(QString::fromUtf8(Yaml))));
    }

    void cleanup() { m_fixture.reset(); }

    void healthAndConnections()
    {
        Control control(fixture());
        auto alice = connectClient(fixture(), QStringLiteral("/ws/user/alice?x=1"));
        auto echo = connectClient(fixture(), QStringLiteral("/ws/echo"));
        QTRY_COMPARE(echo->messages().size(), 1);
        const Answer health = control.get(QStringLiteral("health"));
        QCOMPARE(health.status, 200);
        QCOMPARE(health.json().value(QLatin1String("status")).toString(), QStringLiteral("ok"));
        QCOMPARE(health.json().value(QLatin1String("connections")).toInt(), 2);

        echo->socket().close(QWebSocketProtocol::CloseCodeNormal, QStringLiteral("bye"));
        QTRY_COMPARE(fixture().server().connectionCount(), 1);
        const QJsonArray list = control.get(QStringLiteral("connections"))
                                    .json()
                                    .value(QLatin1String("connections"))
                                    .toArray();
        QCOMPARE(list.size(), 2);
        const QJsonObject first = list.at(0).toObject();
        QCOMPARE(first.value(QLatin1String("path")).toString(), QStringLiteral("/ws/user/alice"));
        QCOMPARE(first.value(QLatin1String("path-params")).toObject().value(QLatin1String("name")),
                 QJsonValue(QStringLiteral("alice")));
        QCOMPARE(first.value(QLatin1String("query-params")).toObject().value(QLatin1String("x")),
                 QJsonValue(QStringLiteral("1")));
        QCOMPARE(first.value(QLatin1String("state")).toString(), QStringLiteral("open"));
        const QJsonObject second = list.at(1).toObject();
        QCOMPARE(second.value(QLatin1String("state")).toString(), QStringLiteral("closed"));
        QCOMPARE(second.value(QLatin1String("code")).toInt(), 1000);
        QCOMPARE(second.value(QLatin1String("out")).toInt(), 1); // the greeting
    }

    void journalAndFilters()
    {
        Control control(fixture());
        auto echo = connectClient(fixture(), QStringLiteral("/ws/echo"));
        auto bob = connectClient(fixture(), QStringLiteral("/ws/user/bob"));
        QTRY_COMPARE(echo->messages().size(), 1);
        echo->socket().sendTextMessage(QStringLiteral("ping"));
        echo->socket().sendTextMessage(QStringLiteral("what?"));
        bob->socket().sendTextMessage(QStringLiteral("hi"));
        bob->socket().sendBinaryMessage(QByteArray("\x01\x02\x03", 3));
        QTRY_COMPARE(bob->messages().size(), 1);
        QTRY_COMPARE(control.get(QStringLiteral("messages")).messages().size(), 7);

        const QJsonArray all = control.get(QStringLiteral("messages")).messages();
        QCOMPARE(payloads(all).first(), QStringLiteral("welcome"));
        QCOMPARE(all.at(0).toObject().value(QLatin1String("seq")).toInt(), 1);
        QCOMPARE(all.at(0).toObject().value(QLatin1String("direction")).toString(),
                 QStringLiteral("out"));
        QCOMPARE(all.at(0).toObject().value(QLatin1String("rule")).toString(),
                 QStringLiteral("on-connect"));

        QCOMPARE(payloads(control.get(QStringLiteral("messages?unmatched=true")).messages()),
                 (QStringList { QStringLiteral("what?"), QStringLiteral("AQID") }));
        const QJsonObject binary
            = control.get(QStringLiteral("messages?contains=AQID")).messages().at(0).toObject();
        QVERIFY(binary.value(QLatin1String("binary")).toBool());
        QCOMPARE(
            QByteArray::fromBase64(binary.value(QLatin1String("payload")).toString().toLatin1()),
            QByteArray("\x01\x02\x03", 3));
        QCOMPARE(payloads(control.get(QStringLiteral("messages?path=/ws/user/:name&direction=out"))
                              .messages()),
                 QStringList { QStringLiteral("hi bob") });
        QCOMPARE(
            payloads(control.get(QStringLiteral("messages?path=/ws/echo&direction=in")).messages()),
            (QStringList { QStringLiteral("ping"), QStringLiteral("what?") }));
        QCOMPARE(
            payloads(
                control.get(QStringLiteral("messages?rule=on-message[0]&connection=1")).messages()),
            (QStringList { QStringLiteral("ping"), QStringLiteral("pong") }));
        QCOMPARE(payloads(control.get(QStringLiteral("messages?since=5")).messages()).size(), 2);
        QCOMPARE(payloads(control.get(QStringLiteral("messages?limit=2")).messages()).size(), 2);
        QCOMPARE(control.get(QStringLiteral("messages?direction=sideways")).status, 400);

        QCOMPARE(control.call("DELETE", QStringLiteral("messages")).status, 200);
        QVERIFY(control.get(QStringLiteral("messages")).messages().isEmpty());
    }

    // An unmatched frame in the journal says why each rule of its endpoint did not answer.
    void journalExplainsUnmatched()
    {
        Control control(fixture());
        auto echo = connectClient(fixture(), QStringLiteral("/ws/echo"));
        QTRY_COMPARE(echo->messages().size(), 1);
        echo->socket().sendTextMessage(QStringLiteral("pint"));
        echo->socket().sendBinaryMessage(QByteArray("\x01", 1));
        echo->socket().sendTextMessage(QStringLiteral("ping"));
        QTRY_COMPARE_WITH_TIMEOUT(echo->messages().size(), 2, 15000);
        const QJsonArray unmatched
            = control.get(QStringLiteral("messages?unmatched=true")).messages();
        QCOMPARE(unmatched.size(), 2);
        const QJsonArray text = unmatched.at(0).toObject().value(QLatin1String("why")).toArray();
        QCOMPARE(text,
                 (QJsonArray {
                     QJsonObject { { QStringLiteral("rule"), QStringLiteral("on-message[0]") },
                                   { QStringLiteral("reason"), QStringLiteral("text-differs") },
                                   { QStringLiteral("expected"), QStringLiteral("ping") },
                                   { QStringLiteral("actual"), QStringLiteral("pint") },
                                   { QStringLiteral("position"), 3 } } }));
        const QJsonArray binary = unmatched.at(1).toObject().value(QLatin1String("why")).toArray();
        QCOMPARE(binary,
                 (QJsonArray {
                     QJsonObject { { QStringLiteral("rule"), QStringLiteral("on-message[0]") },
                                   { QStringLiteral("reason"), QStringLiteral("text-rule") } } }));
        const QJsonObject matched = control.get(QStringLiteral("messages?rule=on-message[0]"))
                                        .messages()
                                        .at(0)
                                        .toObject();
        QVERIFY(!matched.contains(QLatin1String("why")));
    }

    void longPoll()
    {
        Control control(fixture());
        auto echo = connectClient(fixture(), QStringLiteral("/ws/echo"));
        QTRY_COMPARE(echo->messages().size(), 1);
        // Already there: answered at once.
        QCOMPARE(payloads(control.get(QStringLiteral("messages/wait?direction=out")).messages()),
                 QStringList { QStringLiteral("welcome") });
        // Not yet: answered as soon as it comes.
        QTimer::singleShot(300, echo.get(),
                           [&echo] { echo->socket().sendTextMessage(QStringLiteral("ping")); });
        QElapsedTimer clock;
        clock.start();
        const Answer woken
            = control.get(QStringLiteral("messages/wait?since=1&direction=out&timeout=5000"));
        QCOMPARE(woken.status, 200);
        QCOMPARE(payloads(woken.messages()), QStringList { QStringLiteral("pong") });
        QVERIFY(clock.elapsed() >= 250 && clock.elapsed() < 3000);
        // Nothing comes: 408 once the timeout is over.
        clock.restart();
        const Answer late = control.get(QStringLiteral("messages/wait?since=100&timeout=200"));
        QCOMPARE(late.status, 408);
        QVERIFY(clock.elapsed() >= 190);
    }

    void sendAndClose()
    {
        Control control(fixture());
        auto echo = connectClient(fixture(), QStringLiteral("/ws/echo"));
        auto alice = connectClient(fixture(), QStringLiteral("/ws/user/alice"));
        auto bob = connectClient(fixture(), QStringLiteral("/ws/user/bob"));
        QTRY_COMPARE(echo->messages().size(), 1);
        QCOMPARE(control.call("POST", QStringLiteral("connections/1/send"), "just for you").status,
                 200);
        QTRY_COMPARE(echo->messages().size(), 2);
        QCOMPARE(echo->messages().at(1), QStringLiteral("just for you"));
        QCOMPARE(control
                     .call("POST", QStringLiteral("connections/1/send"), "\x00\xff",
                           "application/octet-stream")
                     .status,
                 200);
        QTRY_COMPARE(echo->binaries().size(), 1);

        const Answer toAll
            = control.call("POST", QStringLiteral("send?path=/ws/user/:name"), "all");
        QCOMPARE(toAll.json().value(QLatin1String("sent")).toInt(), 2);
        QTRY_COMPARE(alice->messages(), QStringList { QStringLiteral("all") });
        QTRY_COMPARE(bob->messages(), QStringList { QStringLiteral("all") });
        const Answer toBob = control.call("POST", QStringLiteral("send?path=/ws/user/bob"), "bob");
        QCOMPARE(toBob.json().value(QLatin1String("sent")).toInt(), 1);
        QTRY_COMPARE(bob->messages().size(), 2);
        QCOMPARE(alice->messages().size(), 1);

        QCOMPARE(control.call("POST", QStringLiteral("connections/99/send"), "x").status, 404);
        QCOMPARE(
            control.call("POST", QStringLiteral("connections/2/close"), R"({"code": 1005})").status,
            400);
        QCOMPARE(control
                     .call("POST", QStringLiteral("connections/2/close"),
                           R"({"code": 4000, "reason": "test over"})")
                     .status,
                 200);
        QTRY_VERIFY(alice->isDisconnected());
        QCOMPARE(int(alice->socket().closeCode()), 4000);
        QCOMPARE(alice->socket().closeReason(), QStringLiteral("test over"));
    }

    void putConfig()
    {
        Control control(fixture());
        auto echo = connectClient(fixture(), QStringLiteral("/ws/echo"));
        QTRY_COMPARE(echo->messages().size(), 1);
        const Answer refused = control.call("PUT", QStringLiteral("config"),
                                            "- websocket:\n    on-connect:\n      response: x\n");
        QCOMPARE(refused.status, 422);
        const QJsonObject problem
            = refused.json().value(QLatin1String("diagnostics")).toArray().at(0).toObject();
        QCOMPARE(problem.value(QLatin1String("line")).toInt(), 1);
        QCOMPARE(problem.value(QLatin1String("column")).toInt(), 3);
        QCOMPARE(problem.value(QLatin1String("text")).toString(),
                 QStringLiteral("t.yml:1:3: error: websocket has no 'path'"));
        QCOMPARE(echo->ask(QStringLiteral("ping")), QStringLiteral("pong")); // still the old one

        const Answer applied = control.call(
            "PUT", QStringLiteral("config"),
            "- websocket:\n    path: /ws/echo\n    on-message:\n      - pattern: ping\n"
            "        response: PONG\n");
        QCOMPARE(applied.status, 200);
        QVERIFY(echo->isConnected()); // kept
        QCOMPARE(echo->ask(QStringLiteral("ping")), QStringLiteral("PONG"));
    }

    // A config of several MB is loaded off the serving thread: a client's pings are answered
    // while it loads, then the PUT is answered and the new config served.
    void putLargeConfigKeepsServing()
    {
        Control control(fixture());
        auto echo = connectClient(fixture(), QStringLiteral("/ws/echo"));
        QTRY_COMPARE(echo->messages().size(), 1);
        PingProbe probe(&echo->socket());
        QTRY_VERIFY(probe.answered() > 0);
        constexpr int Endpoints = 15000;
        QElapsedTimer put;
        put.start();
        const Answer applied = control.call(
            "PUT", QStringLiteral("config"),
            manyEndpointsYaml(Endpoints, "large")
                + "- websocket:\n    path: /ws/echo\n    on-message:\n      - pattern: ping\n"
                  "        response: PONG\n");
        const qint64 putMs = put.elapsed();
        QCOMPARE(applied.status, 200);
        const int answeredBefore = probe.answered();
        QTRY_VERIFY(probe.answered() > answeredBefore);
        qInfo("PUT took %lld ms; the longest wait for a pong was %lld ms", putMs,
              probe.longestMs());
        QVERIFY2(probe.longestMs() * 4 < putMs,
                 qPrintable(QStringLiteral("pong after %1 ms during a %2 ms PUT")
                                .arg(probe.longestMs())
                                .arg(putMs)));
        auto last = connectClient(fixture(), QStringLiteral("/ws/%1/x").arg(Endpoints - 1));
        QCOMPARE(last->ask(QStringLiteral("ping")), QStringLiteral("large"));
        QCOMPARE(echo->ask(QStringLiteral("ping")), QStringLiteral("PONG"));
    }

    void routesAndMethods()
    {
        Control control(fixture());
        QCOMPARE(control.get(QStringLiteral("nothing")).status, 404);
        QCOMPARE(control.call("POST", QStringLiteral("health")).status, 405);
        QCOMPARE(control.get(QStringLiteral("config")).status, 405);
    }

    void token()
    {
        fixture().server().setControl(true, QStringLiteral("s3cret"));
        Control control(fixture());
        QCOMPARE(control.get(QStringLiteral("health")).status, 401);
        control.token = QStringLiteral("wrong");
        QCOMPARE(control.get(QStringLiteral("health")).status, 401);
        control.token = QStringLiteral("s3cret");
        QCOMPARE(control.get(QStringLiteral("health")).status, 200);
    }

    void journalIsBounded()
    {
        fixture().server().setControl(true, {}, 3);
        Control control(fixture());
        auto echo = connectClient(fixture(), QStringLiteral("/ws/echo"));
        QTRY_COMPARE(echo->messages().size(), 1);
        for (int i = 0; i < 3; ++i)
            QCOMPARE(echo->ask(QStringLiteral("ping")), QStringLiteral("pong"));
        const Answer answer = control.get(QStringLiteral("messages"));
        QCOMPARE(answer.messages().size(), 3);
        QCOMPARE(answer.json().value(QLatin1String("dropped")).toInt(), 4);
        QCOMPARE(answer.messages().at(0).toObject().value(QLatin1String("seq")).toInt(), 5);
    }

    void offByDefault()
    {
        fixture().server().setControl(false);
        Control control(fixture());
        QCOMPARE(control.get(QStringLiteral("health")).status, 404);
    }

    void tokenRequiredBeyondLoopback()
    {
        ServerOptions options;
        QVERIFY(options.setHost(QStringLiteral("0.0.0.0")));
        options.control = true;
        MockServer server;
        QString error;
        QVERIFY(!server.applyOptions(options, &error));
        QVERIFY(error.contains(QLatin1String("--control-token")));
        options.controlToken = QStringLiteral("t");
        QVERIFY(server.applyOptions(options, &error));
    }
};

QTEST_GUILESS_MAIN(TestControl)
#include "tst_control.moc"
