// Try it as a conversation: messages sent one after another to one simulated connection keep
// its state, variables, shared values and sequence counts, as the server keeps a connection's.
#include "specloader.h"
#include "tryconversation.h"

#include <QTest>

namespace {

const char *const Yaml = R"(
- websocket:
    path: /app
    on-message:
      - pattern: '{"op": "login", "user": "{{user}}"}'
        when-state: start
        set-state: in
        set: {user: '{{json-params.user}}'}
        response: 'welcome {{vars.user}} ({{state}})'
      - pattern: whoami
        when-state: in
        response: 'you are {{vars.user}}'
      - pattern: whoami
        response: nobody
      - pattern: close market
        set-shared: {market: closed}
      - pattern: buy
        when-shared: {market: closed}
        response: market closed
      - pattern: buy
        sequence:
          replies:
            - response: filled
            - response: rejected
      - pattern: 'keep (?<text>.*)'
        set: {kept: '{{text}}'}
        response: 'kept {{vars.kept | default nothing}}'
)";

QStringList texts(std::initializer_list<const char *> utf8)
{
    QStringList list;
    for (const char *text : utf8)
        list.append(QString::fromUtf8(text));
    return list;
}

MockSpecPtr load()
{
    const LoadResult loaded
        = SpecLoader::loadText(QString::fromUtf8(Yaml), QStringLiteral("t.yml"));
    if (!loaded.ok())
        qWarning("%s", qPrintable(loaded.diagnosticsText()));
    return loaded.spec;
}

TryResult send(const MockSpecPtr &spec, const QString &message,
               TryConversation *conversation = nullptr)
{
    const QString path = QStringLiteral("/app");
    return conversation ? tryMessage(*spec, path, message, conversation)
                        : tryMessage(*spec, path, message);
}

} // namespace

class TestTryConversation : public QObject
{
    Q_OBJECT

private slots:
    void followsTheConversation_data()
    {
        QTest::addColumn<QStringList>("messages");
        QTest::addColumn<QStringList>("replies"); // "-" where no rule matches
        QTest::addColumn<QString>("state");

        QTest::newRow("a state-gated rule answers once the state is set")
            << texts({ "whoami", R"({"op": "login", "user": "ana"})", "whoami" })
            << texts({ "nobody", "welcome ana (in)", "you are ana" }) << QStringLiteral("in");
        QTest::newRow("a rule for the start state no longer matches")
            << texts({ R"({"op": "login", "user": "ana"})", R"({"op": "login", "user": "bo"})",
                       "whoami" })
            << texts({ "welcome ana (in)", "-", "you are ana" }) << QStringLiteral("in");
        QTest::newRow("a sequence goes on, then sticks")
            << texts({ "buy", "buy", "buy" }) << texts({ "filled", "rejected", "rejected" })
            << QStringLiteral("start");
        QTest::newRow("shared values gate rules")
            << texts({ "buy", "close market", "buy" }) << texts({ "filled", "", "market closed" })
            << QStringLiteral("start");
    }

    void followsTheConversation()
    {
        QFETCH(QStringList, messages);
        QFETCH(QStringList, replies);
        QFETCH(QString, state);
        const MockSpecPtr spec = load();
        QVERIFY(spec);
        TryConversation conversation;
        QStringList got;
        for (const QString &message : std::as_const(messages)) {
            const TryResult result = send(spec, message, &conversation);
            got.append(result.rule ? result.reply : QStringLiteral("-"));
        }
        QCOMPARE(got, replies);
        QCOMPARE(conversation.state, state);
    }

    void withoutAConversationEachMessageIsAFreshConnection()
    {
        const MockSpecPtr spec = load();
        QVERIFY(spec);
        QCOMPARE(send(spec, QStringLiteral(R"({"op": "login", "user": "ana"})")).reply,
                 QStringLiteral("welcome ana (in)"));
        QCOMPARE(send(spec, QStringLiteral("whoami")).reply, QStringLiteral("nobody"));
        QCOMPARE(send(spec, QStringLiteral("buy")).reply, QStringLiteral("filled"));
        QCOMPARE(send(spec, QStringLiteral("buy")).reply, QStringLiteral("filled"));
    }

    void valuesKeepTheServersLimits()
    {
        const MockSpecPtr spec = load();
        QVERIFY(spec);
        TryConversation conversation;
        QCOMPARE(send(spec, QStringLiteral("keep small"), &conversation).reply,
                 QStringLiteral("kept small"));
        const QString huge = QStringLiteral("keep ") + QString(64 * 1024 + 1, u'x');
        QCOMPARE(send(spec, huge, &conversation).reply, QStringLiteral("kept small"));
        QCOMPARE(conversation.vars.size(), 1);
    }
};

QTEST_GUILESS_MAIN(TestTryConversation)
#include "tst_tryconversation.moc"
