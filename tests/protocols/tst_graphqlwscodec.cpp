// The graphql-ws codec alone (graphql-transport-ws): each client message fed as raw text, each
// verdict exact; what the server frames for each operation; the operation a query names.
#include "presetmessages.h"
#include "graphqlws.h"

#include <QTest>

using Action = Protocols::Decoded::Action;
Q_DECLARE_METATYPE(Action)

namespace {

const QString Init = QStringLiteral(R"({"type":"connection_init"})");

// The session acknowledged, then the operation subscribed: what that decoded to.
Protocols::Decoded subscribed(GraphqlWs::Session &session, const QString &id, const QString &query)
{
    session.decode(Init);
    return session.decode(graphqlWsSubscribe(id, query));
}

} // namespace

class TestGraphqlWsCodec : public QObject
{
    Q_OBJECT

private slots:
    void messages_data();
    void messages();
    void operationOf_data();
    void operationOf();
    void subscribeDecodesTheOperation();
    void framesOnlyRunningOperations();
    void errorsEndTheOperation();
    void completeStopsAndAnswersNothing();
    void unmatchedIsAnError();
    void reasonsFitACloseFrame();
    void binaryIsBad();
    void initWaitTimesOut();
};

// Messages after the ones before them: the last one's verdict, close code and reason.
void TestGraphqlWsCodec::messages_data()
{
    QTest::addColumn<QStringList>("before");
    QTest::addColumn<QString>("message");
    QTest::addColumn<Action>("action");
    QTest::addColumn<int>("closeCode");
    QTest::addColumn<QString>("reason");
    QTest::addColumn<QStringList>("replies");

    const QString ack = QStringLiteral(R"({"type":"connection_ack"})");
    QTest::newRow("init") << QStringList() << Init << Action::Connected << 0 << QString()
                          << QStringList { ack };
    QTest::newRow("init with payload")
        << QStringList() << QStringLiteral(R"({"type":"connection_init","payload":{"a":1}})")
        << Action::Connected << 0 << QString() << QStringList { ack };
    QTest::newRow("second init") << QStringList { Init } << Init << Action::Bad << 4429
                                 << QStringLiteral("Too many initialisation requests")
                                 << QStringList();
    QTest::newRow("ping") << QStringList() << QStringLiteral(R"({"type":"ping"})") << Action::Ignore
                          << 0 << QString() << QStringList { QStringLiteral(R"({"type":"pong"})") };
    QTest::newRow("pong") << QStringList() << QStringLiteral(R"({"type":"pong"})") << Action::Ignore
                          << 0 << QString() << QStringList();
    QTest::newRow("subscribe before ack")
        << QStringList() << graphqlWsSubscribe(QStringLiteral("1"), QStringLiteral("{ hello }"))
        << Action::Bad << 4401 << QStringLiteral("Unauthorized") << QStringList();
    QTest::newRow("subscribe") << QStringList { Init }
                               << graphqlWsSubscribe(QStringLiteral("1"),
                                                     QStringLiteral("{ hello }"))
                               << Action::Message << 0 << QString() << QStringList();
    QTest::newRow("duplicate id")
        << QStringList { Init, graphqlWsSubscribe(QStringLiteral("1"), QStringLiteral("{ a }")) }
        << graphqlWsSubscribe(QStringLiteral("1"), QStringLiteral("{ b }")) << Action::Bad << 4409
        << QStringLiteral("Subscriber for 1 already exists") << QStringList();
    QTest::newRow("id again after complete")
        << QStringList { Init, graphqlWsSubscribe(QStringLiteral("1"), QStringLiteral("{ a }")),
                         QStringLiteral(R"({"type":"complete","id":"1"})") }
        << graphqlWsSubscribe(QStringLiteral("1"), QStringLiteral("{ b }")) << Action::Message << 0
        << QString() << QStringList();
    QTest::newRow("not JSON") << QStringList() << QStringLiteral("hello") << Action::Bad << 4400
                              << QStringLiteral("Invalid message received: not a JSON object")
                              << QStringList();
    QTest::newRow("array") << QStringList() << QStringLiteral("[1]") << Action::Bad << 4400
                           << QStringLiteral("Invalid message received: not a JSON object")
                           << QStringList();
    QTest::newRow("no type") << QStringList() << QStringLiteral(R"({"id":"1"})") << Action::Bad
                             << 4400 << QStringLiteral("Invalid message received: no type")
                             << QStringList();
    QTest::newRow("type not text")
        << QStringList() << QStringLiteral(R"({"type":1})") << Action::Bad << 4400
        << QStringLiteral("Invalid message received: no type") << QStringList();
    QTest::newRow("unknown type") << QStringList() << QStringLiteral(R"({"type":"start"})")
                                  << Action::Bad << 4400
                                  << QStringLiteral(
                                         "Invalid message received: unknown type 'start'")
                                  << QStringList();
    QTest::newRow("subscribe without id")
        << QStringList { Init }
        << QStringLiteral(R"({"type":"subscribe","payload":{"query":"{ a }"}})") << Action::Bad
        << 4400 << QStringLiteral("Invalid message received: subscribe needs an id")
        << QStringList();
    QTest::newRow("subscribe without query")
        << QStringList { Init } << QStringLiteral(R"({"type":"subscribe","id":"1","payload":{}})")
        << Action::Bad << 4400
        << QStringLiteral("Invalid message received: subscribe needs a payload with a query")
        << QStringList();
    QTest::newRow("complete without id")
        << QStringList { Init } << QStringLiteral(R"({"type":"complete"})") << Action::Bad << 4400
        << QStringLiteral("Invalid message received: complete needs an id") << QStringList();
}

void TestGraphqlWsCodec::messages()
{
    QFETCH(QStringList, before);
    QFETCH(QString, message);
    QFETCH(Action, action);
    QFETCH(int, closeCode);
    QFETCH(QString, reason);
    QFETCH(QStringList, replies);
    GraphqlWs::Session session;
    for (const QString &earlier : std::as_const(before))
        QVERIFY(session.decode(earlier).action != Action::Bad);
    const Protocols::Decoded decoded = session.decode(message);
    QCOMPARE(decoded.action, action);
    QCOMPARE(decoded.closeCode, closeCode);
    QCOMPARE(decoded.closeReason, reason);
    QCOMPARE(decoded.problem, reason);
    QCOMPARE(decoded.replies, replies);
    QVERIFY(decoded.summary.startsWith(QStringLiteral("graphql-ws ")));
}

void TestGraphqlWsCodec::operationOf_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<QString>("operationName");
    QTest::addColumn<QString>("expected");
    QTest::newRow("shorthand") << QStringLiteral("{ hello }") << QString()
                               << QStringLiteral("hello");
    QTest::newRow("subscription") << QStringLiteral("subscription { countdown(from: 3) }")
                                  << QString() << QStringLiteral("countdown");
    QTest::newRow("named with variables")
        << QStringLiteral("query Q($id: ID = \"x\") { user(id: $id) { name } }") << QString()
        << QString(); // a string default is not followed: no guess
    QTest::newRow("variables") << QStringLiteral("query Q($n: Int) {\n  # c\n  user { name } }")
                               << QString() << QStringLiteral("user");
    QTest::newRow("alias") << QStringLiteral("{ me: user { id } }") << QString()
                           << QStringLiteral("user");
    QTest::newRow("operationName wins") << QStringLiteral("query A { a } query B { b }")
                                        << QStringLiteral("B") << QStringLiteral("B");
    QTest::newRow("fragment spread") << QStringLiteral("{ ...F }") << QString() << QString();
    QTest::newRow("empty") << QString() << QString() << QString();
    QTest::newRow("unclosed") << QStringLiteral("{") << QString() << QString();
}

void TestGraphqlWsCodec::operationOf()
{
    QFETCH(QString, query);
    QFETCH(QString, operationName);
    QFETCH(QString, expected);
    QCOMPARE(GraphqlWs::operationOf(query, operationName), expected);
}

void TestGraphqlWsCodec::subscribeDecodesTheOperation()
{
    GraphqlWs::Session session;
    session.decode(Init);
    const Protocols::Decoded decoded = session.decode(QStringLiteral(
        R"({"type":"subscribe","id":"op-1","payload":{"query":"subscription { countdown(from: 3) }","variables":{"a":1}}})"));
    QCOMPARE(decoded.action, Action::Message);
    QCOMPARE(decoded.command, QStringLiteral("subscribe"));
    QCOMPARE(decoded.name, QStringLiteral("countdown"));
    QCOMPARE(decoded.streamKey, QStringLiteral("op-1"));
    QCOMPARE(decoded.params.value(QStringLiteral("id")), QStringLiteral("op-1"));
    QCOMPARE(decoded.params.value(QStringLiteral("operation")), QStringLiteral("countdown"));
    QCOMPARE(decoded.params.value(QStringLiteral("query")),
             QStringLiteral("subscription { countdown(from: 3) }"));
    QCOMPARE(jsonObjectOf(decoded.payload),
             jsonObjectOf(QStringLiteral(
                 R"({"query":"subscription { countdown(from: 3) }","variables":{"a":1}})")));
    QCOMPARE(decoded.summary, QStringLiteral("graphql-ws subscribe op-1 countdown"));
}

void TestGraphqlWsCodec::framesOnlyRunningOperations()
{
    GraphqlWs::Session session;
    const Protocols::Decoded decoded
        = subscribed(session, QStringLiteral("1"), QStringLiteral("{ hello }"));
    const auto next
        = session.frame({}, QStringLiteral(R"({"data":{"hello":"world"}})"), decoded.params);
    QVERIFY(next);
    QCOMPARE(jsonObjectOf(*next),
             jsonObjectOf(QStringLiteral(
                 R"({"id":"1","type":"next","payload":{"data":{"hello":"world"}}})")));
    QVERIFY(!session.frame({}, QStringLiteral("{}"),
                           { { QStringLiteral("id"), QStringLiteral("2") } }));
    QVERIFY(!session.frame({}, QStringLiteral("{}"), {}));
    const QStringList complete = session.answered(decoded, false);
    QCOMPARE(complete.size(), 1);
    QCOMPARE(jsonObjectOf(complete.first()),
             jsonObjectOf(QStringLiteral(R"({"id":"1","type":"complete"})")));
    QVERIFY(!session.frame({}, QStringLiteral("{}"), decoded.params)); // over now
    QVERIFY(session.answered(decoded, false).isEmpty()); // complete goes once
}

void TestGraphqlWsCodec::errorsEndTheOperation()
{
    GraphqlWs::Session session;
    const Protocols::Decoded decoded
        = subscribed(session, QStringLiteral("e"), QStringLiteral("{ a }"));
    const auto error
        = session.frame({ QStringLiteral("error"), {} }, QStringLiteral("boom"), decoded.params);
    QVERIFY(error);
    QCOMPARE(jsonObjectOf(*error),
             jsonObjectOf(
                 QStringLiteral(R"({"id":"e","type":"error","payload":[{"message":"boom"}]})")));
    QVERIFY(session.answered(decoded, false).isEmpty()); // no complete after an error

    const Protocols::Decoded second
        = session.decode(graphqlWsSubscribe(QStringLiteral("f"), QStringLiteral("{ a }")));
    const auto listed
        = session.frame({ QStringLiteral("error"), {} },
                        QStringLiteral(R"([{"message":"x","path":["a"]}])"), second.params);
    QCOMPARE(jsonObjectOf(*listed),
             jsonObjectOf(QStringLiteral(
                 R"({"id":"f","type":"error","payload":[{"message":"x","path":["a"]}]})")));
}

void TestGraphqlWsCodec::completeStopsAndAnswersNothing()
{
    GraphqlWs::Session session;
    const Protocols::Decoded decoded
        = subscribed(session, QStringLiteral("s"), QStringLiteral("subscription { t }"));
    QVERIFY(session.answered(decoded, true).isEmpty()); // a stream runs: no complete yet
    const Protocols::Decoded stop
        = session.decode(QStringLiteral(R"({"type":"complete","id":"s"})"));
    QCOMPARE(stop.action, Action::Stop);
    QCOMPARE(stop.streamKey, QStringLiteral("s"));
    QVERIFY(stop.replies.isEmpty());
    QVERIFY(!session.frame({}, QStringLiteral("{}"), decoded.params));
    QVERIFY(session.streamEnded(decoded.params).isEmpty()); // the client ended it already
}

void TestGraphqlWsCodec::unmatchedIsAnError()
{
    GraphqlWs::Session session;
    const Protocols::Decoded decoded
        = subscribed(session, QStringLiteral("u"), QStringLiteral("{ nothing }"));
    const QStringList answer = session.unmatched(decoded);
    QCOMPARE(answer.size(), 1);
    QCOMPARE(
        jsonObjectOf(answer.first()),
        jsonObjectOf(QStringLiteral(
            R"({"id":"u","type":"error","payload":[{"message":"no rule of the mock answers operation 'nothing'"}]})")));
}

// A client's text quoted in a close reason is cut so the reason fits in 123 bytes.
void TestGraphqlWsCodec::reasonsFitACloseFrame()
{
    GraphqlWs::Session session;
    const QString type = QString(100, QChar(0x00e9)); // two bytes each in UTF-8
    const Protocols::Decoded decoded = session.decode(QStringLiteral(R"({"type":"%1"})").arg(type));
    QCOMPARE(decoded.closeCode, 4400);
    QVERIFY(decoded.closeReason.toUtf8().size() <= 123);
    QVERIFY(decoded.closeReason.startsWith(
        QStringLiteral("Invalid message received: unknown type '\u00e9\u00e9")));
}

void TestGraphqlWsCodec::binaryIsBad()
{
    GraphqlWs::Session session;
    const Protocols::Decoded decoded = session.decodeBinary(QByteArray("\x01", 1));
    QCOMPARE(decoded.action, Action::Bad);
    QCOMPARE(decoded.closeCode, 4400);
    QCOMPARE(decoded.closeReason, QStringLiteral("Invalid message received: a binary frame"));
}

// graphql-ws's connectionInitWaitTimeout: 3 s, then 4408 unless connection_init came.
void TestGraphqlWsCodec::initWaitTimesOut()
{
    GraphqlWs::Session waiting;
    QCOMPARE(waiting.initTimeoutMs(), 3000);
    const Protocols::Decoded late = waiting.timedOut();
    QCOMPARE(late.action, Action::Bad);
    QCOMPARE(late.closeCode, 4408);
    QCOMPARE(late.closeReason, QStringLiteral("Connection initialisation timeout"));
    QCOMPARE(
        late.problem,
        QStringLiteral("Connection initialisation timeout: no connection_init within 3000 ms"));
    QVERIFY(late.replies.isEmpty());

    GraphqlWs::Session initialised;
    initialised.decode(Init);
    QCOMPARE(initialised.timedOut().action, Action::Ignore);
}

QTEST_GUILESS_MAIN(TestGraphqlWsCodec)
#include "tst_graphqlwscodec.moc"
