// Conversations: a connection's state and variables, values shared by an endpoint's
// connections, and rules that answer differently on their 1st, 2nd, ... match. Each test
// talks to a real server through real sockets and checks what the clients are sent.
#include "eventtext.h"
#include "serverfixture.h"
#include "specloader.h"
#include "testclient.h"

#include <QTest>

#include <memory>

namespace {

const char *const Conversations = R"(
- websocket:
    path: /app
    on-message:
      - pattern: '{"op": "login", "user": "{{user}}"}'
        when-state: start
        set-state: in
        set: {user: '{{json-params.user}}'}
        response: '{"welcome": {{vars.user | json}}, "state": "{{state}}"}'
      - pattern: '{"op": "login"}'
        response: 'already in as {{vars.user}}'
      - pattern: whoami
        when-state: [in, away]
        response: 'you are {{vars.user}}'
      - pattern: whoami
        response: nobody
      - pattern: logout
        when-state: in
        set-state: start
        response: bye
      - pattern: open market
        set-shared: {market: open, by: 'connection {{connection.id}}'}
        response: ok
      - pattern: market
        when-shared: {market: open}
        response: 'open, said {{shared.by}}'
      - pattern: market
        response: closed
      - pattern: buy
        sequence:
          replies:
            - response: first
            - response: 'second, then always this'
      - pattern: spin
        sequence:
          mode: cycle
          per: endpoint
          replies:
            - response: red
            - frames: [green, still green]
      - pattern: 'keep (?<text>.*)'
        set: {kept: '{{text}}'}
      - pattern: kept
        response: 'kept {{vars.kept | default nothing}}'
)";

QStringList notes(const QList<TrafficEvent> &events, quint64 id)
{
    QStringList texts;
    for (const TrafficEvent &event : events) {
        if (TrafficEvent::kindName(event.kind) == QLatin1String("note") && event.connectionId == id)
            texts.append(EventText::detail(event, EventText::Language::English));
    }
    return texts;
}

QStringList warnings(const QList<TrafficEvent> &events)
{
    QStringList texts;
    for (const TrafficEvent &event : events) {
        if (event.kind == TrafficEvent::Kind::Warning)
            texts.append(EventText::detail(event, EventText::Language::English));
    }
    return texts;
}

} // namespace

class TestConversation : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<ServerFixture> m_fixture;

    void connect(TestClient &client, const QString &path = QStringLiteral("/app"))
    {
        client.open(m_fixture->url(path));
        QVERIFY(client.waitForConnected(20000));
    }

private slots:
    void init()
    {
        m_fixture = std::make_unique<ServerFixture>();
        const MockSpecPtr spec = specFromYaml(QString::fromUtf8(Conversations));
        QVERIFY(spec);
        QVERIFY(m_fixture->start(spec));
    }
    void cleanup() { m_fixture.reset(); }

    void stateGatesRulesAndVariablesFillReplies()
    {
        TestClient alice;
        connect(alice);
        QCOMPARE(alice.ask(QStringLiteral("whoami"), 20000), QStringLiteral("nobody"));
        QCOMPARE(alice.ask(QStringLiteral(R"({"op": "login", "user": "alice"})"), 20000),
                 QStringLiteral(R"({"welcome": "alice", "state": "in"})"));
        QCOMPARE(alice.ask(QStringLiteral("whoami"), 20000), QStringLiteral("you are alice"));
        QCOMPARE(alice.ask(QStringLiteral(R"({"op": "login", "user": "mallory"})"), 20000),
                 QStringLiteral("already in as alice"));
        QCOMPARE(alice.ask(QStringLiteral("logout"), 20000), QStringLiteral("bye"));
        QCOMPARE(alice.ask(QStringLiteral("whoami"), 20000), QStringLiteral("nobody"));
    }

    void eachConnectionHasItsOwnState()
    {
        TestClient alice, bob;
        connect(alice);
        connect(bob);
        QCOMPARE(alice.ask(QStringLiteral(R"({"op": "login", "user": "alice"})"), 20000),
                 QStringLiteral(R"({"welcome": "alice", "state": "in"})"));
        QCOMPARE(bob.ask(QStringLiteral("whoami"), 20000), QStringLiteral("nobody"));
        QCOMPARE(bob.ask(QStringLiteral(R"({"op": "login", "user": "bob"})"), 20000),
                 QStringLiteral(R"({"welcome": "bob", "state": "in"})"));
        QCOMPARE(alice.ask(QStringLiteral("whoami"), 20000), QStringLiteral("you are alice"));
    }

    void changesAreInTheTrafficLog()
    {
        TestClient alice;
        connect(alice);
        const quint64 id = m_fixture->newestId();
        QVERIFY(!alice.ask(QStringLiteral(R"({"op": "login", "user": "alice"})"), 20000).isNull());
        QCOMPARE(notes(m_fixture->events(), id),
                 (QStringList { QStringLiteral("state in (was start)"),
                                QStringLiteral("vars.user = alice") }));
        QVERIFY(!alice.ask(QStringLiteral("open market"), 20000).isNull());
        QCOMPARE(notes(m_fixture->events(), id).mid(2),
                 (QStringList { QStringLiteral("shared.market = open"),
                                QStringLiteral("shared.by = connection %1").arg(id) }));
    }

    void sharedValuesReachEveryConnectionOfTheEndpoint()
    {
        TestClient admin, client;
        connect(admin);
        connect(client);
        QCOMPARE(client.ask(QStringLiteral("market"), 20000), QStringLiteral("closed"));
        const quint64 adminId = m_fixture->server().connectionIds().constFirst();
        QCOMPARE(admin.ask(QStringLiteral("open market"), 20000), QStringLiteral("ok"));
        QCOMPARE(client.ask(QStringLiteral("market"), 20000),
                 QStringLiteral("open, said connection %1").arg(adminId));
        // A connection that comes later sees them too.
        TestClient late;
        connect(late);
        QCOMPARE(late.ask(QStringLiteral("market"), 20000),
                 QStringLiteral("open, said connection %1").arg(adminId));
    }

    void sequenceSticksOnItsLastReplyPerConnection()
    {
        TestClient alice, bob;
        connect(alice);
        connect(bob);
        QCOMPARE(alice.ask(QStringLiteral("buy"), 20000), QStringLiteral("first"));
        QCOMPARE(alice.ask(QStringLiteral("buy"), 20000),
                 QStringLiteral("second, then always this"));
        QCOMPARE(alice.ask(QStringLiteral("buy"), 20000),
                 QStringLiteral("second, then always this"));
        QCOMPARE(bob.ask(QStringLiteral("buy"), 20000), QStringLiteral("first"));
    }

    void sequenceCyclesAcrossTheEndpoint()
    {
        TestClient alice, bob;
        connect(alice);
        connect(bob);
        QCOMPARE(alice.ask(QStringLiteral("spin"), 20000), QStringLiteral("red"));
        bob.socket().sendTextMessage(QStringLiteral("spin"));
        QTRY_COMPARE_WITH_TIMEOUT(
            bob.messages(),
            (QStringList { QStringLiteral("green"), QStringLiteral("still green") }), 20000);
        QCOMPARE(alice.ask(QStringLiteral("spin"), 20000), QStringLiteral("red"));
    }

    void aRuleMayOnlySetValues()
    {
        TestClient client;
        connect(client);
        client.socket().sendTextMessage(QStringLiteral("keep this"));
        QCOMPARE(client.ask(QStringLiteral("kept"), 20000), QStringLiteral("kept this"));
        QCOMPARE(client.messages(), QStringList { QStringLiteral("kept this") });
    }

    void tooLargeAValueIsRefused()
    {
        TestClient client;
        connect(client);
        client.socket().sendTextMessage(QStringLiteral("keep small"));
        const QString huge = QStringLiteral("keep ") + QString(64 * 1024 + 1, u'x');
        client.socket().sendTextMessage(huge);
        QCOMPARE(client.ask(QStringLiteral("kept"), 20000), QStringLiteral("kept small"));
        QCOMPARE(warnings(m_fixture->events()),
                 QStringList { QStringLiteral(
                     "'kept' not set: its value is larger than the limit of 65536 bytes") });
    }

    void variablesAreLimitedPerConnection()
    {
        QString yaml = QStringLiteral("- websocket:\n    path: /many\n    on-message:\n");
        QStringList names;
        for (int i = 1; i <= 64; ++i) // the limit
            names.append(QStringLiteral("v%1: x").arg(i));
        yaml += QStringLiteral("      - pattern: fill\n        set: {%1}\n").arg(names.join(u", "));
        yaml += QStringLiteral("      - pattern: more\n        set: {extra: y, v1: z}\n"
                               "        response: '{{vars.extra | default none}} {{vars.v1}}'\n");
        const MockSpecPtr spec = specFromYaml(yaml);
        QVERIFY(spec);
        m_fixture->server().setSpec(spec);
        TestClient client;
        connect(client, QStringLiteral("/many"));
        client.socket().sendTextMessage(QStringLiteral("fill"));
        // An existing value may still change; a new one is refused.
        QCOMPARE(client.ask(QStringLiteral("more"), 20000), QStringLiteral("none z"));
        QCOMPARE(warnings(m_fixture->events()),
                 QStringList { QStringLiteral("'extra' not set: 64 values are kept at most, the "
                                              "limit") });
        QVERIFY(client.isConnected());
    }
    void stateAndValuesSetByHand()
    {
        TestClient alice;
        connect(alice);
        const quint64 id = m_fixture->newestId();
        MockServer &server = m_fixture->server();
        QString error;
        QVERIFY(server.setConnectionState(id, QStringLiteral("in"), &error));
        QVERIFY(server.setConnectionVariable(id, QStringLiteral("user"), QStringLiteral("carol"),
                                             &error));
        QCOMPARE(alice.ask(QStringLiteral("whoami"), 20000), QStringLiteral("you are carol"));
        QVERIFY(
            server.setSharedValue(id, QStringLiteral("market"), QStringLiteral("open"), &error));
        QVERIFY(server.setSharedValue(id, QStringLiteral("by"), QStringLiteral("hand"), &error));
        QCOMPARE(alice.ask(QStringLiteral("market"), 20000), QStringLiteral("open, said hand"));
        QVERIFY(server.removeSharedValue(id, QStringLiteral("market")));
        QCOMPARE(alice.ask(QStringLiteral("market"), 20000), QStringLiteral("closed"));
        QVERIFY(server.removeConnectionVariable(id, QStringLiteral("user")));
        QVERIFY(!server.removeConnectionVariable(id, QStringLiteral("user")));

        const std::optional<MockServer::ConversationView> now = server.conversationView(id);
        QVERIFY(now);
        QCOMPARE(now->state, QStringLiteral("in"));
        QVERIFY(now->vars.isEmpty());
        QCOMPARE(now->shared, (ParamMap { { QStringLiteral("by"), QStringLiteral("hand") } }));
        QCOMPARE(
            notes(m_fixture->events(), id),
            (QStringList {
                QStringLiteral("state in (was start)"), QStringLiteral("vars.user = carol"),
                QStringLiteral("shared.market = open"), QStringLiteral("shared.by = hand"),
                QStringLiteral("shared.market removed"), QStringLiteral("vars.user removed") }));
        QVERIFY(!server.conversationView(id + 100));
        QVERIFY(!server.setConnectionState(id + 100, QStringLiteral("in"), &error));
    }

    void handEditsKeepTheLimits()
    {
        TestClient client;
        connect(client);
        const quint64 id = m_fixture->newestId();
        MockServer &server = m_fixture->server();
        QString error;
        for (int i = 1; i <= 64; ++i) // the limit
            QVERIFY(server.setConnectionVariable(id, QStringLiteral("v%1").arg(i),
                                                 QStringLiteral("x"), &error));
        QVERIFY(!server.setConnectionVariable(id, QStringLiteral("extra"), QStringLiteral("y"),
                                              &error));
        QCOMPARE(error, QStringLiteral("'extra' not set: 64 values are kept at most, the limit"));
        QVERIFY(!server.setSharedValue(id, QStringLiteral("big"), QString(64 * 1024 + 1, u'x'),
                                       &error));
        QCOMPARE(
            error,
            QStringLiteral("'big' not set: its value is larger than the limit of 65536 bytes"));
        QVERIFY(
            server.setConnectionVariable(id, QStringLiteral("v1"), QStringLiteral("z"), &error));
        QCOMPARE(server.conversationView(id)->vars.value(QStringLiteral("v1")),
                 QStringLiteral("z"));
        QVERIFY(client.isConnected());
    }
};

QTEST_GUILESS_MAIN(TestConversation)
#include "tst_conversation.moc"
