#include "specloader.h"
#include "specrules.h"

#include <QElapsedTimer>
#include <QTest>

#include <functional>

namespace {

// A rule's verdict as one line: "= value" when it accepts, "! message" when it rejects.
QString accepted(const QString &value)
{
    return QStringLiteral("= ") + value;
}

QString rejected(const QString &message)
{
    return QStringLiteral("! ") + message;
}

template<typename T>
QString verdictText(const Verdict<T> &verdict, const std::function<QString(const T &)> &show)
{
    return verdict.ok() ? accepted(show(*verdict.value)) : rejected(verdict.problem);
}

QString text(const char *utf8)
{
    return QString::fromUtf8(utf8);
}

QString text(const QString &text)
{
    return text;
}

QString hex(const QByteArray &bytes)
{
    return QString::fromLatin1(bytes.toHex());
}

// The rules that only accept or refuse: the forms word their own message.
QString optionalText(const std::optional<QByteArray> &bytes)
{
    return bytes ? accepted(hex(*bytes)) : rejected(QStringLiteral("refused"));
}

QString problemText(const QString &problem, const QString &input)
{
    return problem.isEmpty() ? accepted(input) : rejected(problem);
}

QString audienceText(const std::optional<Audience> &audience)
{
    if (!audience)
        return rejected(QStringLiteral("refused"));
    switch (*audience) {
    case Audience::Sender:
        return accepted(QStringLiteral("sender"));
    case Audience::Endpoint:
        return accepted(QStringLiteral("endpoint"));
    case Audience::Others:
        return accepted(QStringLiteral("others"));
    }
    return QString();
}

QString judge(const QString &rule, const QString &input)
{
    if (rule == QLatin1String("delay"))
        return verdictText<Delay>(SpecRules::delay(input), &Delay::text);
    if (rule == QLatin1String("every"))
        return verdictText<int>(SpecRules::streamInterval(input),
                                [](const int &ms) { return QString::number(ms); });
    if (rule == QLatin1String("close code"))
        return problemText(SpecRules::closeCodeProblem(input.toInt()), input);
    if (rule == QLatin1String("close reason"))
        return problemText(SpecRules::closeReasonProblem(input), input);
    if (rule == QLatin1String("base64 frame"))
        return verdictText<QByteArray>(SpecRules::base64Frame(input), &hex);
    if (rule == QLatin1String("hex prefix"))
        return optionalText(SpecRules::hexPrefix(input));
    if (rule == QLatin1String("base64 prefix"))
        return optionalText(SpecRules::base64Prefix(input));
    if (rule == QLatin1String("subprotocol"))
        return problemText(
            SpecRules::isSubprotocolName(input) ? QString() : SpecRules::subprotocolNameProblem(),
            input);
    if (rule == QLatin1String("stream frames"))
        return problemText(SpecRules::streamFramesProblem(input.toInt()), input);
    if (rule == QLatin1String("to"))
        return audienceText(SpecRules::audience(input));
    return QStringLiteral("no such rule: ") + rule;
}

const QString BadDelay = QStringLiteral(
    "! 'delay' must be a duration such as 250ms, 1.5s or 100ms..300ms (at most 1 hour)");
const QString BadEvery = QStringLiteral("! 'every' must be an interval such as 500ms or 2s");
const QString TooFast = QStringLiteral("! 'every' must be at least 10ms, so a stream cannot flood");
const QString BadBase64 = QStringLiteral("! 'binary' must be base64 text");
const QString Refused = QStringLiteral("! refused");

QString badCode(int code)
{
    return QStringLiteral("! close code %1 cannot be sent (use 1000-1003, 1007-1014 or 3000-4999)")
        .arg(code);
}

} // namespace

// Every rule a config's values follow, with the loader's exact verdict: the workbench's forms
// show these same messages before the loader ever sees the file.
class TestSpecRules : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void verdicts_data();
    void verdicts();
    void closeCodesFollowTheProtocol();
    void shadowedRules_data();
    void shadowedRules();
    void shadowingStaysBounded();
};

void TestSpecRules::verdicts_data()
{
    QTest::addColumn<QString>("rule");
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("verdict");
    auto row = [](const char *name, const char *rule, const auto &input, const auto &verdict) {
        QTest::newRow(name) << QString::fromLatin1(rule) << text(input) << text(verdict);
    };

    row("delay in ms", "delay", "250ms", "= 250ms");
    row("delay without unit", "delay", "250", "= 250ms");
    row("delay in seconds", "delay", "1.5s", "= 1500ms");
    row("delay range", "delay", "100ms..300ms", "= 100ms..300ms");
    row("delay with spaces", "delay", " 2s ", "= 2000ms");
    row("delay of one hour", "delay", "3600s", "= 3600000ms");
    row("delay over one hour", "delay", "3601s", BadDelay);
    row("delay range backwards", "delay", "300ms..100ms", BadDelay);
    row("delay in minutes", "delay", "1m", BadDelay);
    row("delay negative", "delay", "-5ms", BadDelay);
    row("delay empty", "delay", "", BadDelay);

    row("every in seconds", "every", "2s", "= 2000");
    row("every at the minimum", "every", "10ms", "= 10");
    row("every under the minimum", "every", "9ms", TooFast);
    row("every as a range", "every", "1s..2s", BadEvery);
    row("every not a duration", "every", "often", BadEvery);
    row("every empty", "every", "", BadEvery);

    row("close normal", "close code", "1000", "= 1000");
    row("close going away", "close code", "1001", "= 1001");
    row("close 1003", "close code", "1003", "= 1003");
    row("close reserved 1004", "close code", "1004", badCode(1004));
    row("close reserved 1005", "close code", "1005", badCode(1005));
    row("close reserved 1006", "close code", "1006", badCode(1006));
    row("close 1007", "close code", "1007", "= 1007");
    row("close 1014", "close code", "1014", "= 1014");
    row("close reserved 1015", "close code", "1015", badCode(1015));
    row("close unassigned 2000", "close code", "2000", badCode(2000));
    row("close first application", "close code", "3000", "= 3000");
    row("close last private", "close code", "4999", "= 4999");
    row("close over 4999", "close code", "5000", badCode(5000));
    row("close under 1000", "close code", "999", badCode(999));

    row("reason of 123 bytes", "close reason", QString(123, QLatin1Char('r')),
        accepted(QString(123, QLatin1Char('r'))));
    row("reason of 124 bytes", "close reason", QString(124, QLatin1Char('r')),
        "! a close reason holds at most 123 bytes");
    // 62 two-byte characters: 124 bytes in UTF-8 although 62 characters.
    row("reason counted in bytes", "close reason", QString(62, QChar(0xe9)),
        "! a close reason holds at most 123 bytes");
    row("reason empty", "close reason", "", "= ");

    row("base64 frame", "base64 frame", "AAEC/w==", "= 000102ff");
    row("base64 frame with spaces", "base64 frame", " AAEC\n /w== ", "= 000102ff");
    row("base64 frame empty", "base64 frame", "", "= ");
    row("base64 frame not base64", "base64 frame", "***", BadBase64);
    row("base64 frame bad padding", "base64 frame", "AAEC/w=", BadBase64);

    row("hex prefix", "hex prefix", "cafe", "= cafe");
    row("hex prefix upper case", "hex prefix", "CAFE", "= cafe");
    row("hex prefix with spaces", "hex prefix", "ca fe", "= cafe");
    row("hex prefix odd digits", "hex prefix", "caf", Refused);
    row("hex prefix not hex", "hex prefix", "cafg", Refused);
    row("hex prefix empty", "hex prefix", "", Refused);

    row("base64 prefix", "base64 prefix", "yv4=", "= cafe");
    row("base64 prefix not base64", "base64 prefix", "!!", Refused);
    row("base64 prefix of nothing", "base64 prefix", "", Refused);
    row("base64 prefix with a space", "base64 prefix", " yv4=", Refused);

    row("subprotocol", "subprotocol", "chat.v1", "= chat.v1");
    row("subprotocol empty", "subprotocol", "", "! a subprotocol is a name such as chat.v1");

    row("stream with frames", "stream frames", "1", "= 1");
    row("stream without frames", "stream frames", "0", "! stream has no 'frames'");

    row("to sender", "to", "sender", "= sender");
    row("to endpoint", "to", "endpoint", "= endpoint");
    row("to all, endpoint's older name", "to", "all", "= endpoint");
    row("to others", "to", "others", "= others");
    row("to nobody", "to", "nobody", Refused);
    row("to in capitals", "to", "Sender", Refused);
}

void TestSpecRules::verdicts()
{
    QFETCH(QString, rule);
    QFETCH(QString, input);
    QFETCH(QString, verdict);
    QCOMPARE(judge(rule, input), verdict);
}

// The sendable codes, all of them: what the close code field accepts.
void TestSpecRules::closeCodesFollowTheProtocol()
{
    QList<int> sendable;
    int disagreements = 0; // a code accepted yet with a problem, or refused without one
    for (int code = 0; code <= 6000; ++code) {
        if (SpecRules::isSendableCloseCode(code))
            sendable.append(code);
        if (SpecRules::isSendableCloseCode(code) != SpecRules::closeCodeProblem(code).isEmpty())
            ++disagreements;
    }
    QList<int> expected { 1000, 1001, 1002, 1003 };
    for (int code = 1007; code <= 1014; ++code)
        expected.append(code);
    for (int code = 3000; code <= 4999; ++code)
        expected.append(code);
    QCOMPARE(sendable, expected);
    QCOMPARE(disagreements, 0);
}

namespace {

// An endpoint whose on-message list is rules, each rule one "pattern => response" flow map.
QString endpointWithRules(const QStringList &rules)
{
    QString yaml = QStringLiteral("- websocket:\n    path: /ws\n    on-message:\n");
    for (const QString &rule : rules)
        yaml += QStringLiteral("      - ") + rule + QLatin1Char('\n');
    return yaml;
}

QStringList warningsOf(const QString &yaml)
{
    const LoadResult result = SpecLoader::loadText(yaml, QStringLiteral("mocks.yml"));
    QStringList lines;
    for (const Diagnostic &diagnostic : result.diagnostics)
        lines.append(diagnostic.toString());
    return lines;
}

QString shadowed(int line, int column, int rule, int earlier)
{
    return QStringLiteral("mocks.yml:%1:%2: warning: 'on-message[%3]' never matches: "
                          "'on-message[%4]' (line %5) matches every message it does, first")
        .arg(line)
        .arg(column)
        .arg(rule)
        .arg(earlier)
        .arg(earlier + 4);
}

} // namespace

// A rule an earlier one of its endpoint always answers first: warned at its pattern.
void TestSpecRules::shadowedRules_data()
{
    QTest::addColumn<QStringList>("rules");
    QTest::addColumn<QStringList>("warnings");
    auto row = [](const char *name, const QStringList &rules, const QStringList &warnings) {
        QTest::newRow(name) << rules << warnings;
    };
    const QString ping = QStringLiteral("{pattern: ping, response: pong}");
    row("same text twice", { ping, ping }, { shadowed(5, 19, 1, 0) });
    row("same text three times", { ping, ping, ping },
        { shadowed(5, 19, 1, 0), shadowed(6, 19, 2, 0) });
    row("different texts", { ping, QStringLiteral("{pattern: pong, response: ping}") }, {});
    row("same regex twice",
        { QStringLiteral("{pattern: 'say .*', response: a}"),
          QStringLiteral("{pattern: 'say .*', response: b}") },
        { shadowed(5, 19, 1, 0) });
    row("a regex before a text it matches is not judged",
        { QStringLiteral("{pattern: 'p.*', response: a}"), ping }, {});
    row("JSON subset first",
        { QStringLiteral(R"({pattern: '{"type": "join"}', response: a})"),
          QStringLiteral(R"({pattern: '{"type": "join", "room": "x"}', response: b})") },
        { shadowed(5, 19, 1, 0) });
    row("JSON superset first",
        { QStringLiteral(R"({pattern: '{"type": "join", "room": "x"}', response: a})"),
          QStringLiteral(R"({pattern: '{"type": "join"}', response: b})") },
        {});
    row("JSON placeholder first",
        { QStringLiteral(R"({pattern: '{"type": "{{kind}}"}', response: a})"),
          QStringLiteral(R"({pattern: '{"type": "join", "user": {"id": 1}}', response: b})") },
        { shadowed(5, 19, 1, 0) });
    row("JSON literal does not cover a placeholder",
        { QStringLiteral(R"({pattern: '{"type": "join"}', response: a})"),
          QStringLiteral(R"({pattern: '{"type": "{{kind}}"}', response: b})") },
        {});
    row("JSON value differs",
        { QStringLiteral(R"({pattern: '{"type": "join"}', response: a})"),
          QStringLiteral(R"({pattern: '{"type": "leave"}', response: b})") },
        {});
    row("JSON nested subset",
        { QStringLiteral(R"({pattern: '{"user": {"role": "admin"}}', response: a})"),
          QStringLiteral(
              R"({pattern: '{"user": {"role": "admin", "id": 7}, "x": 1}', response: b})") },
        { shadowed(5, 19, 1, 0) });
    row("JSON string template covers a literal it matches",
        { QStringLiteral(R"({pattern: '{"to": "room-{{n}}"}', response: a})"),
          QStringLiteral(R"({pattern: '{"to": "room-7"}', response: b})") },
        { shadowed(5, 19, 1, 0) });
    row("JSON arrays of other lengths",
        { QStringLiteral(R"({pattern: '[1, "{{x}}"]', response: a})"),
          QStringLiteral(R"({pattern: '[1, 2, 3]', response: b})") },
        {});
    row("text and JSON of the same words",
        { QStringLiteral(R"({pattern: '{"a": 1}', response: a})"),
          QStringLiteral(R"({pattern: '{"a": 1} and more', response: b})") },
        {});
    row("binary any, then a prefix",
        { QStringLiteral("{binary: any, response: a}"),
          QStringLiteral("{binary: {hex-prefix: cafe}, response: b}") },
        { shadowed(5, 18, 1, 0) });
    row("binary prefix, then a longer one",
        { QStringLiteral("{binary: {hex-prefix: ca}, response: a}"),
          QStringLiteral("{binary: {hex-prefix: cafe}, response: b}") },
        { shadowed(5, 18, 1, 0) });
    row("binary prefix, then any",
        { QStringLiteral("{binary: {hex-prefix: cafe}, response: a}"),
          QStringLiteral("{binary: any, response: b}") },
        {});
    row("binary and text", { QStringLiteral("{binary: any, response: a}"), ping }, {});
}

void TestSpecRules::shadowedRules()
{
    QFETCH(QStringList, rules);
    QFETCH(QStringList, warnings);
    QCOMPARE(warningsOf(endpointWithRules(rules)), warnings);
}

// Thousands of distinct JSON rules: each is compared with a bounded number of earlier ones,
// and texts are looked up, so the check stays linear.
void TestSpecRules::shadowingStaysBounded()
{
    QList<Rule> rules;
    constexpr int Count = 20000;
    for (int index = 0; index < Count; ++index) {
        Rule rule;
        rule.index = index;
        rule.pattern = MessagePattern::compile(
            index % 2 ? QStringLiteral("text %1").arg(index)
                      : QStringLiteral(R"({"id": %1, "kind": "k"})").arg(index));
        rules.append(rule);
    }
    Rule last;
    last.index = Count;
    last.pattern = MessagePattern::compile(QStringLiteral(R"({"id": 0, "kind": "k", "x": 1})"));
    rules.append(last);
    QElapsedTimer timer;
    timer.start();
    const QList<SpecRules::ShadowedRule> found = SpecRules::shadowedRules(rules);
    QCOMPARE(found.size(), 1);
    QCOMPARE(found.first().rule, Count);
    QCOMPARE(found.first().earlier, 0);
    QVERIFY2(timer.elapsed() < 5000, qPrintable(QString::number(timer.elapsed())));
}

QTEST_GUILESS_MAIN(TestSpecRules)
#include "tst_specrules.moc"
