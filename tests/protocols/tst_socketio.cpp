// The socket.io preset served: resources/examples/socketio.yml driven by socket.io-client 4
// through `mocket-cli serve`, and a client that breaks the protocol answered the Socket.IO
// way (a disconnect, then a close saying why), with nobody else disturbed.

#include "serverfixture.h"
#include "servedcli.h"
#include "specloader.h"
#include "testclient.h"
#include "testfiles.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

namespace {

constexpr int WaitMs = 10000;

QString socketIoPath()
{
    return QStringLiteral("/socket.io/?EIO=4&transport=websocket");
}

// A client of the example through the Engine.IO open and the namespace connect: its messages
// are then the open packet, the connect answer and the welcome.
void connectClient(ServerFixture &fixture, TestClient &client)
{
    client.open(fixture.url(socketIoPath()));
    QVERIFY(client.waitForConnected(WaitMs));
    QTRY_COMPARE_WITH_TIMEOUT(client.messages().size(), 1, WaitMs);
    QVERIFY(client.messages().first().startsWith(QStringLiteral("0{\"")));
    client.socket().sendTextMessage(QStringLiteral("40"));
    QTRY_COMPARE_WITH_TIMEOUT(client.messages().size(), 3, WaitMs);
    const QString sid = QJsonDocument::fromJson(client.messages().at(1).mid(2).toUtf8())
                            .object()
                            .value(QStringLiteral("sid"))
                            .toString();
    QCOMPARE(sid.size(), 20);
    QCOMPARE(client.messages().at(2), QStringLiteral("42[\"welcome\",{\"id\": \"%1\"}]").arg(sid));
}

} // namespace

class tst_SocketIo : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void loaderErrors_data();
    void loaderErrors();
    void exampleWithSocketIoClient();
    void clientScriptSeesAnEchoedChat();
    void badPacketDisconnects_data();
    void badPacketDisconnects();
    void otherNamespaceIsRefused();
    void logShowsTheEvent();
    void unansweredPingCloses();
};

void tst_SocketIo::initTestCase()
{
    MOCKET_REQUIRE_NODE_CLIENTS();
}

// The preset's keys where they do not belong, located like every config error.
void tst_SocketIo::loaderErrors_data()
{
    QTest::addColumn<QString>("yaml");
    QTest::addColumn<QString>("expected");

    QTest::newRow("ack without the preset")
        << QStringLiteral("- websocket:\n    path: /chat\n    on-message:\n"
                          "      - pattern: join\n        ack: ok\n        response: x\n")
        << QStringLiteral("t.yml:5:9: error: 'ack' is a key of protocol socket.io; this "
                          "endpoint has no 'protocol: socket.io'");
    QTest::newRow("emit on another preset")
        << QStringLiteral("- websocket:\n    path: /g\n    protocol: graphql-ws\n"
                          "    on-message:\n      - operation: hello\n        emit: hi\n"
                          "        response: x\n")
        << QStringLiteral("t.yml:6:9: error: 'emit' is a key of protocol socket.io; this "
                          "endpoint speaks graphql-ws");
    QTest::newRow("ack and response")
        << QStringLiteral("- websocket:\n    path: /socket.io/\n    protocol: socket.io\n"
                          "    on-message:\n      - event: join\n        ack: ok\n"
                          "        response: x\n")
        << QStringLiteral("t.yml:7:9: error: rule has both 'ack' and 'response'; use one");
    QTest::newRow("ack on connect")
        << QStringLiteral("- websocket:\n    path: /socket.io/\n    protocol: socket.io\n"
                          "    on-connect:\n      ack: ok\n      response: x\n")
        << QStringLiteral("t.yml:5:7: error: 'ack' belongs in a rule");
    QTest::newRow("event without a name")
        << QStringLiteral("- websocket:\n    path: /socket.io/\n    protocol: socket.io\n"
                          "    on-message:\n      - event: ''\n        response: x\n")
        << QStringLiteral("t.yml:5:16: error: 'event' must be text");
}

void tst_SocketIo::loaderErrors()
{
    QFETCH(QString, yaml);
    QFETCH(QString, expected);
    const LoadResult result = SpecLoader::loadText(yaml, QStringLiteral("t.yml"));
    QVERIFY(!result.ok());
    QStringList texts;
    for (const Diagnostic &diagnostic : result.diagnostics)
        texts.append(diagnostic.toString());
    QVERIFY2(texts.contains(expected), qPrintable(texts.join(u'\n')));
}

void tst_SocketIo::exampleWithSocketIoClient()
{
    QProcess server;
    const quint16 port = startServing(server, QStringLiteral(MOCKET_CLI),
                                      examplePath(QStringLiteral("socketio.yml")));
    QVERIFY(port);
    const NodeRun run = runNodeClient(QStringLiteral("socketio_client.js"),
                                      { QStringLiteral("http://127.0.0.1:%1").arg(port) });
    QVERIFY2(run.exitCode == 0, QByteArray(run.out + run.err).constData());
    QVERIFY(run.out.contains("all answers arrived"));
    QVERIFY(stopServing(server));
}

// The script is a real check: a chat that comes back to its sender fails it.
void tst_SocketIo::clientScriptSeesAnEchoedChat()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString config = dir.filePath(QStringLiteral("echoing.yml"));
    QString yaml = readExample(QStringLiteral("socketio.yml"));
    QVERIFY(yaml.contains(QStringLiteral("to: others")));
    yaml.replace(QStringLiteral("to: others"), QStringLiteral("to: endpoint"));
    QVERIFY(writeFile(config, yaml.toUtf8()));
    QProcess server;
    const quint16 port = startServing(server, QStringLiteral(MOCKET_CLI), config);
    QVERIFY(port);
    const NodeRun run = runNodeClient(QStringLiteral("socketio_client.js"),
                                      { QStringLiteral("http://127.0.0.1:%1").arg(port) });
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains("got its own chat back"), run.err.constData());
    QVERIFY(stopServing(server));
}

void tst_SocketIo::badPacketDisconnects_data()
{
    QTest::addColumn<QString>("frame");
    QTest::addColumn<int>("code");
    QTest::addColumn<QString>("reason");
    QTest::addColumn<QString>("problem");

    QTest::newRow("not JSON") << QStringLiteral("42[\"chat\",") << 1002
                              << QStringLiteral("parse error")
                              << QStringLiteral(
                                     "invalid JSON data (unterminated array at offset 8)");
    QTest::newRow("unknown type") << QStringLiteral("hello") << 1002
                                  << QStringLiteral("parse error")
                                  << QStringLiteral("unknown Engine.IO packet type 'h'");
    QTest::newRow("second connect")
        << QStringLiteral("40") << 1002 << QStringLiteral("invalid state")
        << QStringLiteral("a second CONNECT to namespace '/'");
    QTest::newRow("binary attachment")
        << QStringLiteral("451-[\"up\",{\"_placeholder\":true,\"num\":0}]") << 1003
        << QStringLiteral("binary attachments are not supported")
        << QStringLiteral("a packet with binary attachments (type 5): they are not supported");
}

void tst_SocketIo::badPacketDisconnects()
{
    QFETCH(QString, frame);
    QFETCH(int, code);
    QFETCH(QString, reason);
    QFETCH(QString, problem);

    ServerFixture fixture;
    QVERIFY(fixture.start(exampleSpec(QStringLiteral("socketio.yml"))));
    TestClient bystander;
    connectClient(fixture, bystander);
    if (QTest::currentTestFailed())
        return;
    TestClient bad;
    connectClient(fixture, bad);
    if (QTest::currentTestFailed())
        return;
    const quint64 badId = fixture.newestId();

    bad.socket().sendTextMessage(frame);
    QTRY_VERIFY_WITH_TIMEOUT(bad.isDisconnected(), WaitMs);
    QCOMPARE(bad.messages().mid(3), QStringList { QStringLiteral("41") });
    QCOMPARE(int(bad.socket().closeCode()), code);
    QCOMPARE(bad.socket().closeReason(), reason);
    const QList<TrafficEvent> errors = fixture.eventsOf(TrafficEvent::Kind::Error, badId);
    QCOMPARE(errors.size(), 1);
    QCOMPARE(errors.first().cause, TrafficEvent::Cause::ProtocolError);
    QCOMPARE(errors.first().details, (QStringList { QStringLiteral("socket.io"), problem }));
    QVERIFY(errors.first().toLine().contains(problem));

    // The bystander was not touched and is still answered.
    QVERIFY(!bystander.isDisconnected());
    QCOMPARE(bystander.messages().size(), 3);
    bystander.socket().sendTextMessage(QStringLiteral("425[\"join\",\"lobby\"]"));
    QTRY_COMPARE_WITH_TIMEOUT(bystander.messages().size(), 4, WaitMs);
    QCOMPARE(bystander.messages().at(3), QStringLiteral("435[{\"joined\": \"lobby\"}]"));
}

// A namespace the mock does not serve gets the connect error a socket.io server sends for
// one it does not define; the connection stays, and may still join `/`.
void tst_SocketIo::otherNamespaceIsRefused()
{
    ServerFixture fixture;
    QVERIFY(fixture.start(exampleSpec(QStringLiteral("socketio.yml"))));
    TestClient client;
    client.open(fixture.url(socketIoPath()));
    QVERIFY(client.waitForConnected(WaitMs));
    QTRY_COMPARE_WITH_TIMEOUT(client.messages().size(), 1, WaitMs);
    client.socket().sendTextMessage(QStringLiteral("40/admin,"));
    QTRY_COMPARE_WITH_TIMEOUT(client.messages().size(), 2, WaitMs);
    QCOMPARE(client.messages().at(1),
             QStringLiteral("44/admin,{\"message\":\"Invalid namespace\"}"));
    client.socket().sendTextMessage(QStringLiteral("40"));
    QTRY_COMPARE_WITH_TIMEOUT(client.messages().size(), 4, WaitMs);
    QVERIFY(client.messages().at(3).startsWith(QStringLiteral("42[\"welcome\",")));
    QVERIFY(!client.isDisconnected());
}

// Each client frame is shown with what it means; the replies with the rule that sent them.
void tst_SocketIo::logShowsTheEvent()
{
    ServerFixture fixture;
    QVERIFY(fixture.start(exampleSpec(QStringLiteral("socketio.yml"))));
    TestClient sender;
    connectClient(fixture, sender);
    if (QTest::currentTestFailed())
        return;
    TestClient other;
    connectClient(fixture, other);
    if (QTest::currentTestFailed())
        return;
    sender.socket().sendTextMessage(QStringLiteral("42[\"chat\",{\"text\":\"hi\"}]"));
    QTRY_COMPARE_WITH_TIMEOUT(other.messages().size(), 4, WaitMs);
    QCOMPARE(other.messages().at(3), QStringLiteral("42[\"chat\",{\"text\":\"hi\"}]"));

    const QList<TrafficEvent> received = fixture.eventsOf(TrafficEvent::Kind::Received);
    QCOMPARE(received.last().rule, QStringLiteral("on-message[1]"));
    QCOMPARE(received.last().decoded,
             QStringLiteral("socket.io event \"chat\" [{\"text\":\"hi\"}]"));
    QVERIFY(received.last().toLine().endsWith(
        QStringLiteral("(socket.io event \"chat\" [{\"text\":\"hi\"}])")));
    QCOMPARE(received.first().rule, QStringLiteral("socket.io"));
    QCOMPARE(received.first().decoded, QStringLiteral("socket.io connect /"));
    // Replies keep their order: had the sender got its chat back, it would precede this ack.
    sender.socket().sendTextMessage(QStringLiteral("421[\"join\",\"x\"]"));
    QTRY_COMPARE_WITH_TIMEOUT(sender.messages().size(), 4, WaitMs);
    QCOMPARE(sender.messages().at(3), QStringLiteral("431[{\"joined\": \"x\"}]"));
}

// A client whose pong does not come within the pingTimeout the open packet advertised after
// a ping is closed, as an Engine.IO server closes it; one that answers stays. One wait: the
// intervals are the ones every socket.io server offers by default.
void tst_SocketIo::unansweredPingCloses()
{
    ServerFixture fixture;
    QVERIFY(fixture.start(exampleSpec(QStringLiteral("socketio.yml"))));
    QElapsedTimer waited;
    waited.start();
    TestClient silent;
    connectClient(fixture, silent);
    if (QTest::currentTestFailed())
        return;
    const quint64 silentId = fixture.newestId();
    TestClient answering;
    QObject::connect(&answering.socket(), &QWebSocket::textMessageReceived, &answering,
                     [&answering](const QString &text) {
                         if (text == QLatin1String("2"))
                             answering.socket().sendTextMessage(QStringLiteral("3"));
                     });
    connectClient(fixture, answering);
    if (QTest::currentTestFailed())
        return;
    const QJsonObject open
        = QJsonDocument::fromJson(silent.messages().first().mid(1).toUtf8()).object();
    const int interval = open.value(QLatin1String("pingInterval")).toInt();
    const int timeout = open.value(QLatin1String("pingTimeout")).toInt();
    QVERIFY(interval > 0 && timeout > 0);

    QTRY_VERIFY_WITH_TIMEOUT(silent.isDisconnected(), interval + timeout + 20000);
    // Not before the ping and its wait, less what a coarse timer may fire early (5%).
    QVERIFY2(waited.elapsed() >= (interval + timeout) * 95 / 100,
             qPrintable(QString::number(waited.elapsed())));
    QCOMPARE(silent.messages().mid(3), QStringList { QStringLiteral("2") });
    QCOMPARE(silent.socket().closeReason(), QStringLiteral("ping timeout"));
    const QList<TrafficEvent> errors = fixture.eventsOf(TrafficEvent::Kind::Error, silentId);
    QCOMPARE(errors.size(), 1);
    QCOMPARE(errors.first().details,
             (QStringList {
                 QStringLiteral("socket.io"),
                 QStringLiteral("ping timeout: no pong within %1 ms of the ping").arg(timeout) }));
    QVERIFY(!answering.isDisconnected());
    QVERIFY(answering.messages().contains(QStringLiteral("2")));
}

QTEST_MAIN(tst_SocketIo)
#include "tst_socketio.moc"
