// HTTP `endpoint:` items served on the WebSocket port, through real clients: Qt's network
// access manager and raw sockets for keep-alive, pipelining and what no polite client sends.

#include "serverfixture.h"
#include "testclient.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

namespace {
struct Response
{
    int status = 0;
    QByteArray body;
    QList<QNetworkReply::RawHeaderPair> headers;
    QByteArray header(const QByteArray &name) const
    {
        for (const auto &[key, value] : headers) {
            if (key.compare(name, Qt::CaseInsensitive) == 0)
                return value;
        }
        return {};
    }
    QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
};

// One request through QNetworkAccessManager, waited for.
Response request(QNetworkAccessManager &network, const QByteArray &method, const QUrl &url,
                 const QByteArray &body = {},
                 const QList<std::pair<QByteArray, QByteArray>> &headers = {})
{
    QNetworkRequest request(url);
    for (const auto &[name, value] : headers)
        request.setRawHeader(name, value);
    QNetworkReply *reply = network.sendCustomRequest(request, method, body);
    QSignalSpy finished(reply, &QNetworkReply::finished);
    if (!reply->isFinished())
        finished.wait(10000);
    Response response;
    response.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    response.body = reply->readAll();
    response.headers = reply->rawHeaderPairs();
    reply->deleteLater();
    return response;
}

// Reads whole HTTP responses (Content-Length framed) off a raw socket, spinning the event
// loop the server runs in.
QList<QByteArray> readResponses(QTcpSocket &socket, int count, int timeoutMs = 5000)
{
    QList<QByteArray> responses;
    QByteArray buffer;
    QElapsedTimer clock;
    clock.start();
    while (responses.size() < count && clock.elapsed() < timeoutMs) {
        QTest::qWait(5);
        buffer += socket.readAll();
        for (;;) {
            const qsizetype headEnd = buffer.indexOf("\r\n\r\n");
            if (headEnd < 0)
                break;
            const QByteArray head = buffer.left(headEnd).toLower();
            const qsizetype at = head.indexOf("content-length:");
            const qsizetype length = at < 0
                ? 0
                : head.mid(at + 15,
                           head.indexOf('\r', at) < 0 ? -1 : head.indexOf('\r', at) - at - 15)
                      .trimmed()
                      .toLongLong();
            if (buffer.size() < headEnd + 4 + length)
                break;
            responses.append(buffer.left(headEnd + 4 + length));
            buffer.remove(0, headEnd + 4 + length);
        }
    }
    return responses;
}

const char *const MixedYaml = R"(
- endpoint:
    method: GET
    path: /hello/:username
    response:
      status: 200
      headers:
        Content-Type: application/json
      body: >
        {"hello": "{{path-params.username}}"}
- endpoint:
    method: POST
    path: /users
    response:
      status: 201
      body: >
        {"created": "{{json-params.name}}", "agent": "{{header-params.x-agent}}", "q": "{{query-params.q}}"}
- endpoint:
    method: DELETE
    path: /users/:id|int
    response:
      status: 204
- endpoint:
    method: GET
    path: /users/:id|int
    response:
      body:
        id: "{{path-params.id}}"
        kind: user
- endpoint:
    path: /slow
    response:
      delay: 300ms
      body: slow
- endpoint:
    path: /fast
    response:
      body: fast
- endpoint:
    path: /chat
    response:
      body: chat over http
- websocket:
    path: /chat
    on-connect:
      response: welcome
- websocket:
    path: /ws/orders
    on-message:
      - pattern: ping
        response: pong
- endpoint:
    method: POST
    path: /orders
    response:
      status: 201
      body: '{"id": {{json-params.id}}}'
    push:
      - path: /ws/orders
        message: '{"event": "order-created", "id": {{json-params.id}}}'
)";
} // namespace

class TestHttp : public QObject
{
    Q_OBJECT

private:
    QUrl http(const ServerFixture &fixture, const char *pathAndQuery) const
    {
        return QUrl(QStringLiteral("http://127.0.0.1:%1%2")
                        .arg(fixture.port())
                        .arg(QString::fromUtf8(pathAndQuery)));
    }

private slots:
    void answersTemplatedGet()
    {
        ServerFixture fixture;
        QVERIFY(fixture.start(specFromYaml(QString::fromUtf8(MixedYaml))));
        QNetworkAccessManager network;
        const Response response = request(network, "GET", http(fixture, "/hello/alice"));
        QCOMPARE(response.status, 200);
        QCOMPARE(response.json().value(QLatin1String("hello")).toString(), QStringLiteral("alice"));
        QCOMPARE(response.header("content-type"), QByteArray("application/json"));
    }

    void mapBodyIsJsonAndTypedParamsRoute()
    {
        ServerFixture fixture;
        QVERIFY(fixture.start(specFromYaml(QString::fromUtf8(MixedYaml))));
        QNetworkAccessManager network;
        const Response user = request(network, "GET", http(fixture, "/users/42"));
        QCOMPARE(user.status, 200);
        QCOMPARE(user.json().value(QLatin1String("id")).toString(), QStringLiteral("42"));
        QCOMPARE(user.json().value(QLatin1String("kind")).toString(), QStringLiteral("user"));
        QCOMPARE(user.header("content-type"), QByteArray("application/json"));

        const Response notInt = request(network, "GET", http(fixture, "/users/abc"));
        QCOMPARE(notInt.status, 404);
        QVERIFY2(
            notInt.json().value(QLatin1String("error")).toString().contains(QLatin1String("id")),
            notInt.body.constData());

        const Response deleted = request(network, "DELETE", http(fixture, "/users/7"));
        QCOMPARE(deleted.status, 204);
    }

    void postRendersJsonHeaderAndQueryParams()
    {
        ServerFixture fixture;
        QVERIFY(fixture.start(specFromYaml(QString::fromUtf8(MixedYaml))));
        QNetworkAccessManager network;
        const Response created
            = request(network, "POST", http(fixture, "/users?q=x%20y"), R"({"name": "bob"})",
                      { { "Content-Type", "application/json" }, { "X-Agent", "tests" } });
        QCOMPARE(created.status, 201);
        QCOMPARE(created.json().value(QLatin1String("created")).toString(), QStringLiteral("bob"));
        QCOMPARE(created.json().value(QLatin1String("agent")).toString(), QStringLiteral("tests"));
        QCOMPARE(created.json().value(QLatin1String("q")).toString(), QStringLiteral("x y"));
    }

    void errorAnswers()
    {
        ServerFixture fixture;
        QVERIFY(fixture.start(specFromYaml(QString::fromUtf8(MixedYaml))));
        QNetworkAccessManager network;
        const Response missing = request(network, "GET", http(fixture, "/nowhere"));
        QCOMPARE(missing.status, 404);
        QVERIFY(missing.json()
                    .value(QLatin1String("error"))
                    .toString()
                    .contains(QLatin1String("/nowhere")));

        const Response wrongMethod = request(network, "PUT", http(fixture, "/users/1"));
        QCOMPARE(wrongMethod.status, 405);
        QCOMPARE(wrongMethod.header("allow"), QByteArray("DELETE, GET, HEAD"));

        // A plain GET to a path only a websocket item serves asks for an upgrade.
        const Response upgrade = request(network, "GET", http(fixture, "/ws/orders"));
        QCOMPARE(upgrade.status, 426);
    }

    void headIsServedByGetWithoutBody()
    {
        ServerFixture fixture;
        QVERIFY(fixture.start(specFromYaml(QString::fromUtf8(MixedYaml))));
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, fixture.port());
        QVERIFY(socket.waitForConnected());
        socket.write(
            "HEAD /hello/x HTTP/1.1\r\nHost: a\r\n\r\nGET /fast HTTP/1.1\r\nHost: a\r\n\r\n");
        // The HEAD answer announces its length but carries no body: the next response
        // follows its head directly.
        QByteArray all;
        QElapsedTimer clock;
        clock.start();
        while (!all.contains("fast") && clock.elapsed() < 5000) {
            QTest::qWait(5);
            all += socket.readAll();
        }
        QVERIFY2(all.startsWith("HTTP/1.1 200 OK\r\n"), all.constData());
        const qsizetype second = all.indexOf("HTTP/1.1 200", 10);
        QVERIFY(second > 0);
        QVERIFY(all.left(second).endsWith("\r\n\r\n"));
        QVERIFY(!all.left(second).contains("hello"));
    }

    void keepAliveAndPipelinedRequestsAnswerInOrder()
    {
        ServerFixture fixture;
        QVERIFY(fixture.start(specFromYaml(QString::fromUtf8(MixedYaml))));
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, fixture.port());
        QVERIFY(socket.waitForConnected());
        // The first request of the three waits 300 ms; the others must still come after it.
        socket.write("GET /slow HTTP/1.1\r\nHost: a\r\n\r\n"
                     "GET /fast HTTP/1.1\r\nHost: a\r\n\r\n"
                     "GET /hello/p HTTP/1.1\r\nHost: a\r\n\r\n");
        const QList<QByteArray> responses = readResponses(socket, 3);
        QCOMPARE(responses.size(), 3);
        QVERIFY(responses.at(0).endsWith("slow"));
        QVERIFY(responses.at(1).endsWith("fast"));
        QVERIFY(responses.at(2).contains("\"p\""));
        // Still open: a fourth request on the same connection.
        socket.write("GET /fast HTTP/1.1\r\nHost: a\r\n\r\n");
        QCOMPARE(readResponses(socket, 1).size(), 1);
        QCOMPARE(fixture.server().httpConnectionCount(), 1);
    }

    void chunkedRequestBody()
    {
        ServerFixture fixture;
        QVERIFY(fixture.start(specFromYaml(QString::fromUtf8(MixedYaml))));
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, fixture.port());
        QVERIFY(socket.waitForConnected());
        socket.write("POST /users HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n"
                     "Content-Type: application/json\r\n\r\n"
                     "7\r\n{\"name\"\r\n8\r\n: \"cat\"}\r\n0\r\n\r\n");
        const QList<QByteArray> responses = readResponses(socket, 1);
        QCOMPARE(responses.size(), 1);
        QVERIFY2(responses.at(0).startsWith("HTTP/1.1 201"), responses.at(0).constData());
        QVERIFY(responses.at(0).contains("\"created\": \"cat\""));
    }

    void delayedResponse()
    {
        ServerFixture fixture;
        QVERIFY(fixture.start(specFromYaml(QString::fromUtf8(MixedYaml))));
        QNetworkAccessManager network;
        QElapsedTimer clock;
        clock.start();
        const Response slow = request(network, "GET", http(fixture, "/slow"));
        QCOMPARE(slow.body, QByteArray("slow"));
        QVERIFY(clock.elapsed() >= 290);
        QCOMPARE(slow.header("content-type"), QByteArray("text/plain; charset=utf-8"));
    }

    void webSocketAndHttpOnOnePathAndPort()
    {
        ServerFixture fixture;
        QVERIFY(fixture.start(specFromYaml(QString::fromUtf8(MixedYaml))));
        TestClient client;
        client.open(fixture.url(QStringLiteral("/chat")));
        QVERIFY(client.waitForConnected());
        QTRY_COMPARE(client.messages(), QStringList { QStringLiteral("welcome") });
        QNetworkAccessManager network;
        const Response plain = request(network, "GET", http(fixture, "/chat"));
        QCOMPARE(plain.status, 200);
        QCOMPARE(plain.body, QByteArray("chat over http"));
        QCOMPARE(fixture.server().connectionCount(), 1);
    }

    void httpPushesToWebSocketClients()
    {
        ServerFixture fixture;
        QVERIFY(fixture.start(specFromYaml(QString::fromUtf8(MixedYaml))));
        TestClient first;
        TestClient second;
        first.open(fixture.url(QStringLiteral("/ws/orders")));
        second.open(fixture.url(QStringLiteral("/ws/orders")));
        QVERIFY(first.waitForConnected());
        QVERIFY(second.waitForConnected());
        QNetworkAccessManager network;
        const Response created = request(network, "POST", http(fixture, "/orders"), R"({"id": 77})",
                                         { { "Content-Type", "application/json" } });
        QCOMPARE(created.status, 201);
        const QString expected = QStringLiteral(R"({"event": "order-created", "id": 77})");
        QTRY_COMPARE(first.messages(), QStringList { expected });
        QTRY_COMPARE(second.messages(), QStringList { expected });
    }

    void upgradeToHttpOnlyPathIsRefused()
    {
        // An `endpoint:` never answers an upgrade: a WebSocket to its path is a 404.
        ServerFixture fixture;
        QVERIFY(fixture.start(specFromYaml(QString::fromUtf8(MixedYaml))));
        TestClient client;
        client.open(fixture.url(QStringLiteral("/fast")));
        QVERIFY(!client.waitForConnected(3000));
        QTRY_VERIFY(client.failed());
    }

    void rateLimit()
    {
        ServerFixture fixture;
        QVERIFY(fixture.start(specFromYaml(QStringLiteral(R"(
- endpoint:
    path: /limited
    response:
      body: ok
    rate-limit:
      window-ms: 60000
      max-requests: 2
)"))));
        QNetworkAccessManager network;
        const Response first = request(network, "GET", http(fixture, "/limited"));
        QCOMPARE(first.status, 200);
        QCOMPARE(first.header("x-ratelimit-limit"), QByteArray("2"));
        QCOMPARE(first.header("x-ratelimit-remaining"), QByteArray("1"));
        QCOMPARE(request(network, "GET", http(fixture, "/limited")).status, 200);
        const Response third = request(network, "GET", http(fixture, "/limited"));
        QCOMPARE(third.status, 429);
        QCOMPARE(third.json().value(QLatin1String("error")).toString(),
                 QStringLiteral("Rate limit exceeded"));
        QCOMPARE(third.header("x-ratelimit-remaining"), QByteArray("0"));
        QVERIFY(third.header("x-ratelimit-reset").toInt() > 0);
    }

    void externalBodyFromFile()
    {
        QTemporaryDir dir;
        QFile data(dir.filePath(QStringLiteral("data-pets.json")));
        QVERIFY(data.open(QIODevice::WriteOnly));
        data.write(R"({"pets": ["cat"]})");
        data.close();
        const QString yaml = QStringLiteral(R"(
- endpoint:
    path: /data/:name
    response:
      external-body:
        provider: json
        path: data-{{path-params.name}}.json
- endpoint:
    path: /sheet
    response:
      external-body:
        provider: xlsx
        path: data.xlsx
)");
        ServerFixture fixture;
        QVERIFY(fixture.start(specFromYaml(yaml, dir.filePath(QStringLiteral("mocks.yml")))));
        QNetworkAccessManager network;
        const Response pets = request(network, "GET", http(fixture, "/data/pets"));
        QCOMPARE(pets.status, 200);
        QCOMPARE(pets.body, QByteArray(R"({"pets": ["cat"]})"));
        QCOMPARE(pets.header("content-type"), QByteArray("application/json"));
        // Read per request: an edit shows without a reload.
        QVERIFY(data.open(QIODevice::WriteOnly | QIODevice::Truncate));
        data.write(R"({"pets": []})");
        data.close();
        QCOMPARE(request(network, "GET", http(fixture, "/data/pets")).body,
                 QByteArray(R"({"pets": []})"));

        const Response missing = request(network, "GET", http(fixture, "/data/none"));
        QCOMPARE(missing.status, 500);
        QVERIFY(missing.json()
                    .value(QLatin1String("error"))
                    .toString()
                    .contains(QLatin1String("data-none.json")));
        QCOMPARE(request(network, "GET", http(fixture, "/sheet")).status, 501);
    }

    void webhookIsSentAfterTheResponse()
    {
        QTcpServer receiver;
        QVERIFY(receiver.listen(QHostAddress::LocalHost, 0));
        const QString yaml = QStringLiteral(R"(
- endpoint:
    method: POST
    path: /signup
    response:
      status: 202
      body: '{"ok": true}'
    webhook:
      url: http://127.0.0.1:%1/hook
      sleep-time: 0.2
      if: json-params.name = "bob"
      body: '{"welcome": "{{json-params.name}}"}'
)")
                                 .arg(receiver.serverPort());
        ServerFixture fixture;
        QVERIFY(fixture.start(specFromYaml(yaml)));
        QNetworkAccessManager network;
        QElapsedTimer clock;
        clock.start();
        QCOMPARE(request(network, "POST", http(fixture, "/signup"), R"({"name": "eve"})").status,
                 202);
        QCOMPARE(request(network, "POST", http(fixture, "/signup"), R"({"name": "bob"})").status,
                 202);
        QVERIFY(clock.elapsed() < 200); // the responses did not wait for the webhook
        QTRY_VERIFY_WITH_TIMEOUT(receiver.hasPendingConnections(), 5000);
        QVERIFY(clock.elapsed() >= 190);
        QTcpSocket *hook = receiver.nextPendingConnection();
        QByteArray received;
        QElapsedTimer reading;
        reading.start();
        while (!received.contains("}") && reading.elapsed() < 3000) {
            QTest::qWait(5);
            received += hook->readAll();
        }
        QVERIFY2(received.startsWith("POST /hook HTTP/1.1"), received.constData());
        QVERIFY(received.contains(R"({"welcome": "bob"})"));
        // eve's condition did not hold: no second webhook.
        QTest::qWait(400);
        QVERIFY(!receiver.hasPendingConnections());
    }

    void cors()
    {
        ServerFixture fixture;
        QVERIFY(fixture.start(specFromYaml(QString::fromUtf8(MixedYaml))));
        QNetworkAccessManager network;
        const Response preflight
            = request(network, "OPTIONS", http(fixture, "/users"), {},
                      { { "Origin", "http://localhost:3000" },
                        { "Access-Control-Request-Method", "POST" },
                        { "Access-Control-Request-Headers", "content-type, x-agent" } });
        QCOMPARE(preflight.status, 204);
        QCOMPARE(preflight.header("access-control-allow-origin"),
                 QByteArray("http://localhost:3000"));
        QVERIFY(preflight.header("access-control-allow-methods").contains("POST"));
        QCOMPARE(preflight.header("access-control-allow-headers"),
                 QByteArray("content-type, x-agent"));
        const Response get = request(network, "GET", http(fixture, "/fast"), {},
                                     { { "Origin", "http://localhost:3000" } });
        QCOMPARE(get.header("access-control-allow-origin"), QByteArray("http://localhost:3000"));

        fixture.server().setAllowedOrigins({ QStringLiteral("http://app.test") });
        const Response other = request(network, "GET", http(fixture, "/fast"), {},
                                       { { "Origin", "http://localhost:3000" } });
        QVERIFY(other.header("access-control-allow-origin").isEmpty());
        const Response listed = request(network, "GET", http(fixture, "/fast"), {},
                                        { { "Origin", "http://app.test" } });
        QCOMPARE(listed.header("access-control-allow-origin"), QByteArray("http://app.test"));

        fixture.server().setAllowedOrigins({});
        fixture.server().setCors(false);
        const Response off = request(network, "GET", http(fixture, "/fast"), {},
                                     { { "Origin", "http://localhost:3000" } });
        QCOMPARE(off.status, 200);
        QVERIFY(off.header("access-control-allow-origin").isEmpty());
    }

    void bodyLimit()
    {
        ServerFixture fixture;
        QVERIFY(fixture.start(specFromYaml(QString::fromUtf8(MixedYaml))));
        fixture.server().setMaxBodySize(1000);
        // Declared too large in the first request: refused before a byte of body is read.
        {
            QTcpSocket socket;
            socket.connectToHost(QHostAddress::LocalHost, fixture.port());
            QVERIFY(socket.waitForConnected());
            socket.write("POST /users HTTP/1.1\r\nHost: a\r\nContent-Length: 5000\r\n\r\n");
            const QList<QByteArray> responses = readResponses(socket, 1);
            QCOMPARE(responses.size(), 1);
            QVERIFY2(responses.at(0).startsWith("HTTP/1.1 413"), responses.at(0).constData());
        }
        // Too large in a later request of a kept-alive connection: cut off as it arrives.
        {
            QTcpSocket socket;
            socket.connectToHost(QHostAddress::LocalHost, fixture.port());
            QVERIFY(socket.waitForConnected());
            socket.write("GET /fast HTTP/1.1\r\nHost: a\r\n\r\n");
            QCOMPARE(readResponses(socket, 1).size(), 1);
            socket.write("POST /users HTTP/1.1\r\nHost: a\r\nContent-Length: 100000\r\n\r\n"
                         + QByteArray(100000, 'x'));
            const QList<QByteArray> responses = readResponses(socket, 1);
            QCOMPARE(responses.size(), 1);
            QVERIFY2(responses.at(0).startsWith("HTTP/1.1 413"), responses.at(0).constData());
            QTRY_COMPARE(socket.state(), QAbstractSocket::UnconnectedState);
        }
        // The server still answers.
        QNetworkAccessManager network;
        QCOMPARE(request(network, "GET", http(fixture, "/fast")).body, QByteArray("fast"));
    }

    void exchangesAreTrafficEvents()
    {
        ServerFixture fixture;
        QVERIFY(fixture.start(specFromYaml(QString::fromUtf8(MixedYaml))));
        QNetworkAccessManager network;
        request(network, "GET", http(fixture, "/hello/zed?x=1"));
        request(network, "GET", http(fixture, "/nowhere"));
        QTRY_COMPARE(fixture.eventsOf(TrafficEvent::Kind::Http).size(), 2);
        const TrafficEvent hello = fixture.eventsOf(TrafficEvent::Kind::Http).at(0);
        QCOMPARE(hello.status, 200);
        QCOMPARE(hello.rule, QStringLiteral("GET /hello/:username"));
        QCOMPARE(hello.http->method, QByteArray("GET"));
        QCOMPARE(hello.http->target, QStringLiteral("/hello/zed?x=1"));
        QVERIFY(hello.toLine().contains(QLatin1String("http GET /hello/zed?x=1 -> 200")));
        const QByteArray line = hello.toJsonLine();
        const QJsonObject logged = QJsonDocument::fromJson(line).object();
        QCOMPARE(logged.value(QLatin1String("event")).toString(), QStringLiteral("http"));
        QCOMPARE(logged.value(QLatin1String("status")).toInt(), 200);
        QCOMPARE(logged.value(QLatin1String("rule")).toString(),
                 QStringLiteral("GET /hello/:username"));
        const TrafficEvent missing = fixture.eventsOf(TrafficEvent::Kind::Http).at(1);
        QCOMPARE(missing.status, 404);
        QVERIFY(missing.rule.isEmpty());
    }

    void reloadKeepsServingHttp()
    {
        ServerFixture fixture;
        QVERIFY(fixture.start(specFromYaml(QString::fromUtf8(MixedYaml))));
        QNetworkAccessManager network;
        QCOMPARE(request(network, "GET", http(fixture, "/fast")).status, 200);
        fixture.server().setSpec(specFromYaml(QStringLiteral(R"(
- endpoint:
    path: /fast
    response:
      body: faster
)")));
        QCOMPARE(request(network, "GET", http(fixture, "/fast")).body, QByteArray("faster"));
        QCOMPARE(request(network, "GET", http(fixture, "/slow")).status, 404);
    }
};

QTEST_GUILESS_MAIN(TestHttp)
#include "tst_http.moc"
