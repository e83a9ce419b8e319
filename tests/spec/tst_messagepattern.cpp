#include "incomingmessage.h"
#include "messagepattern.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

namespace {
// A JSON value written as JSON text ("3", "null", "{\"k\": 1}").
QJsonValue jsonValue(const QString &text)
{
    const QJsonDocument doc = QJsonDocument::fromJson(QStringLiteral("[%1]").arg(text).toUtf8());
    return doc.array().at(0);
}

bool matches(const QString &pattern, const QString &message, Bindings *bindings = nullptr)
{
    return MessagePattern::compile(pattern).matches(IncomingMessage(message), bindings);
}

const QString EchoPattern = QStringLiteral(R"({"echo": "{{json-params.echo}}"})");
} // namespace

class TestMessagePattern : public QObject
{
    Q_OBJECT

private slots:
    void kinds_data();
    void kinds();
    void specPatterns();
    void jsonSubset_data();
    void jsonSubset();
    void explainMiss_data();
    void explainMiss();
    void placeholderBinds_data();
    void placeholderBinds();
    void failedJsonMatchBindsNothing();
    void stringTemplate_data();
    void stringTemplate();
    void nonJsonMessageNeverMatchesJsonPattern_data();
    void nonJsonMessageNeverMatchesJsonPattern();
    void textPatterns_data();
    void textPatterns();
    void namedGroupsBind();
    void invalidRegex_data();
    void invalidRegex();
    void incomingMessageParsesOnce();
};

void TestMessagePattern::kinds_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<MessagePattern::Kind>("kind");
    QTest::addColumn<QString>("kindName");
    QTest::addColumn<bool>("regex");

    using K = MessagePattern::Kind;
    QTest::newRow("spec ping") << QStringLiteral("ping") << K::Text << QStringLiteral("text")
                               << false;
    QTest::newRow("spec echo") << EchoPattern << K::Json << QStringLiteral("JSON") << false;
    QTest::newRow("spec get-profile") << QStringLiteral(R"({"action": "get-profile"})") << K::Json
                                      << QStringLiteral("JSON") << false;
    QTest::newRow("bare placeholder value") << QStringLiteral(R"({"v": {{json-params.v}}})")
                                            << K::Json << QStringLiteral("JSON") << false;
    QTest::newRow("json array") << QStringLiteral("[1, \"{{x}}\"]") << K::Json
                                << QStringLiteral("JSON") << false;
    QTest::newRow("plain words") << QStringLiteral("hello world") << K::Text
                                 << QStringLiteral("text") << false;
    QTest::newRow("empty") << QString() << K::Text << QStringLiteral("text") << false;
    QTest::newRow("regex") << QStringLiteral("ping.*") << K::Text << QStringLiteral("regex")
                           << true;
    QTest::newRow("regex class, not json")
        << QStringLiteral("[abc]+") << K::Text << QStringLiteral("regex") << true;
    QTest::newRow("named groups") << QStringLiteral("(?<cmd>\\w+) (?<arg>.*)") << K::Text
                                  << QStringLiteral("regex") << true;
    QTest::newRow("broken json") << QStringLiteral(R"({"a": )") << K::Text
                                 << QStringLiteral("regex") << true;
    QTest::newRow("invalid regex")
        << QStringLiteral("[abc") << K::Text << QStringLiteral("text") << false;
}

void TestMessagePattern::kinds()
{
    QFETCH(QString, text);
    QFETCH(MessagePattern::Kind, kind);
    QFETCH(QString, kindName);
    QFETCH(bool, regex);
    const MessagePattern p = MessagePattern::compile(text);
    QCOMPARE(p.kind(), kind);
    QCOMPARE(p.kindName(), kindName);
    QCOMPARE(p.isRegex(), regex);
    QCOMPARE(p.source(), text);
    // Whatever its kind, a pattern matches a message identical to it when that is valid.
    if (kind == MessagePattern::Kind::Text)
        QVERIFY(matches(text, text));
}

void TestMessagePattern::specPatterns()
{
    Bindings bindings;
    QVERIFY(matches(QStringLiteral("ping"), QStringLiteral("ping"), &bindings));
    QVERIFY(bindings.isEmpty());
    QVERIFY(!matches(QStringLiteral("ping"), QStringLiteral(R"({"echo": "ping"})")));
    QVERIFY(!matches(EchoPattern, QStringLiteral("ping")));

    const MessagePattern echo = MessagePattern::compile(EchoPattern);
    QCOMPARE(echo.bindingNames(), QStringList { QStringLiteral("json-params.echo") });
    QVERIFY(echo.matches(IncomingMessage(QStringLiteral(R"({"echo": "hello world"})")), &bindings));
    QCOMPARE(bindings.size(), 1);
    QCOMPARE(bindings.value(QStringLiteral("json-params.echo")),
             QJsonValue(QStringLiteral("hello world")));
    QVERIFY(matches(QStringLiteral(R"({"action": "get-profile"})"),
                    QStringLiteral(R"({"action":"get-profile"})")));
}

void TestMessagePattern::jsonSubset_data()
{
    QTest::addColumn<QString>("pattern");
    QTest::addColumn<QString>("message");
    QTest::addColumn<bool>("match");

    auto row = [](const char *name, const char *pattern, const char *message, bool match) {
        QTest::newRow(name) << QString::fromUtf8(pattern) << QString::fromUtf8(message) << match;
    };
    row("exact", R"({"a": 1})", R"({"a": 1})", true);
    row("extra keys allowed", R"({"a": 1})", R"({"a": 1, "b": 2})", true);
    row("key order irrelevant", R"({"a": 1, "b": "x"})", R"({"b":"x","a":1})", true);
    row("whitespace irrelevant", "{ \"a\" : [ 1 , 2 ] }", "{\n\t\"a\":[1,\n2]\n}", true);
    row("nested subset", R"({"a": {"b": 1}})", R"({"a": {"b": 1, "c": 2}, "d": 3})", true);
    row("nested value differs", R"({"a": {"b": 1}})", R"({"a": {"b": 2}})", false);
    row("nested key missing", R"({"a": {"b": 1}})", R"({"a": {}, "b": 1})", false);
    row("deep nesting", R"({"a": {"b": {"c": [true]}}})",
        R"({"a": {"x": 0, "b": {"c": [true], "d": 1}}})", true);
    row("array equal", R"({"a": [1, "two", true, null]})", R"({"a": [1, "two", true, null]})",
        true);
    row("array longer", R"({"a": [1, 2]})", R"({"a": [1, 2, 3]})", false);
    row("array shorter", R"({"a": [1, 2]})", R"({"a": [1]})", false);
    row("array order matters", "[1, 2]", "[2, 1]", false);
    row("array elements subset", R"({"a": [{"id": 1}]})", R"({"a": [{"id": 1, "x": 2}]})", true);
    row("top-level array", "[1, \"x\"]", "[1,\"x\"]", true);
    row("1 equals 1.0", R"({"n": 1})", R"({"n": 1.0})", true);
    row("1.0 equals 1", R"({"n": 1.0})", R"({"n": 1})", true);
    row("1e0 equals 1", R"({"n": 1e0})", R"({"n": 1})", true);
    row("1 differs from 1.5", R"({"n": 1})", R"({"n": 1.5})", false);
    row("number vs string", R"({"n": 1})", R"({"n": "1"})", false);
    row("bool vs number", R"({"b": true})", R"({"b": 1})", false);
    row("null equals null", R"({"x": null})", R"({"x": null})", true);
    row("null vs 0", R"({"x": null})", R"({"x": 0})", false);
    row("null vs missing", R"({"x": null})", R"({})", false);
    row("object vs array", R"({"a": {}})", R"({"a": []})", false);
    row("missing key", R"({"a": 1, "b": 2})", R"({"a": 1})", false);
    row("keys case sensitive", R"({"A": 1})", R"({"a": 1})", false);
    row("string exact", R"({"s": "hi"})", R"({"s": "hi "})", false);
    row("unicode escape equal", R"({"s": "caf\u00e9"})", "{\"s\": \"caf\xc3\xa9\"}", true);
    row("empty object matches any object", "{}", R"({"x": 1})", true);
    row("empty object vs array", "{}", "[]", false);
    row("object vs array message", R"({"a": 1})", R"([{"a": 1}])", false);
    row("placeholder string", R"({"v": "{{json-params.v}}"})", R"({"v": "x"})", true);
    row("placeholder number", R"({"v": "{{json-params.v}}"})", R"({"v": 2.5})", true);
    row("placeholder null", R"({"v": "{{json-params.v}}"})", R"({"v": null})", true);
    row("placeholder object", R"({"v": "{{json-params.v}}"})", R"({"v": {"k": []}})", true);
    row("placeholder missing key", R"({"v": "{{json-params.v}}"})", R"({"w": 1})", false);
    row("placeholder plus literal mismatch", R"({"action": "say", "t": "{{t}}"})",
        R"({"action": "shout", "t": "x"})", false);
    row("bare placeholder", R"({"v": {{json-params.v}}})", R"({"v": [1]})", true);
    row("array placeholder, same length", R"(["{{a}}", 2])", R"([{"x": 1}, 2])", true);
    row("array placeholder, longer", R"(["{{a}}"])", R"([1, 2])", false);
}

void TestMessagePattern::jsonSubset()
{
    QFETCH(QString, pattern);
    QFETCH(QString, message);
    QFETCH(bool, match);
    QCOMPARE(MessagePattern::compile(pattern).kind(), MessagePattern::Kind::Json);
    QCOMPARE(matches(pattern, message), match);
    Bindings bindings;
    QCOMPARE(matches(pattern, message, &bindings), match);
}

namespace {
// Why a message misses, as one line: "reason @path expected | actual #position".
QString missText(const PatternMiss &miss)
{
    QString line = miss.reasonName();
    if (!miss.path.isEmpty())
        line += QStringLiteral(" @") + miss.path;
    if (!miss.expected.isEmpty() || !miss.actual.isEmpty())
        line += QLatin1Char(' ') + miss.expected + QStringLiteral(" | ") + miss.actual;
    if (miss.position >= 0)
        line += QStringLiteral(" #") + QString::number(miss.position);
    return line;
}
} // namespace

void TestMessagePattern::explainMiss_data()
{
    QTest::addColumn<QString>("pattern");
    QTest::addColumn<QString>("message");
    QTest::addColumn<QString>("miss");
    auto row = [](const char *name, const char *pattern, const char *message, const char *miss) {
        QTest::newRow(name) << QString::fromUtf8(pattern) << QString::fromUtf8(message)
                            << QString::fromUtf8(miss);
    };
    row("matches", R"({"type": "join"})", R"({"type": "join", "x": 1})", "none");
    row("not JSON", R"({"type": "join"})", "hello", "not-json  | hello");
    row("missing key", R"({"type": "join", "user": "{{u}}"})", R"({"type": "join"})",
        "missing-key @user");
    row("missing nested key", R"({"a": {"b": 1}})", R"({"a": {"c": 1}})", "missing-key @a.b");
    row("value differs", R"({"a": {"b": 1}})", R"({"a": {"b": 2}})", "value-differs @a.b 1 | 2");
    row("string differs", R"({"type": "join"})", R"({"type": "leave"})",
        R"(value-differs @type "join" | "leave")");
    row("type differs", R"({"n": 1})", R"({"n": "1"})", R"(value-differs @n 1 | "1")");
    row("object expected", R"({"u": {"id": 1}})", R"({"u": 7})", "value-differs @u {…} | 7");
    row("array length", R"({"xs": [1, 2]})", R"({"xs": [1]})", "length-differs @xs 2 | 1");
    row("array element", R"([1, {"k": "v"}])", R"([1, {"k": "w"}])",
        R"(value-differs @[1].k "v" | "w")");
    row("string template", R"({"to": "room-{{n}}"})", R"({"to": "hall-1"})",
        R"(value-differs @to "room-{{n}}" | "hall-1")");
    row("a long value is shortened", R"({"a": 1})",
        "{\"a\": \"0123456789012345678901234567890123456789012345678901234567890123456789"
        "0123456789\"}",
        "value-differs @a 1 | \"0123456789012345678901234567890123456789012345678901234567890"
        "12345678901234567…");
    row("text differs", "ping", "pinx", "text-differs ping | pinx #3");
    row("text longer", "ping", "pings", "text-differs ping | pings #4");
    row("text shorter", "ping", "pin", "text-differs ping | pin #3");
    row("regex fails", "say (?<w>.*)", "shout x", "regex-failed say (?<w>.*) | shout x");
    row("text matches", "ping", "ping", "none");
}

void TestMessagePattern::explainMiss()
{
    QFETCH(QString, pattern);
    QFETCH(QString, message);
    QFETCH(QString, miss);
    QCOMPARE(missText(MessagePattern::compile(pattern).explainMiss(IncomingMessage(message))),
             miss);
}

void TestMessagePattern::placeholderBinds_data()
{
    QTest::addColumn<QString>("pattern");
    QTest::addColumn<QString>("message");
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("value"); // JSON text
    QTest::addColumn<int>("count");

    QTest::newRow("string") << EchoPattern << QStringLiteral(R"({"echo": "hello world", "x": 1})")
                            << QStringLiteral("json-params.echo")
                            << QStringLiteral("\"hello world\"") << 1;
    QTest::newRow("number keeps type")
        << EchoPattern << QStringLiteral(R"({"echo": 3})") << QStringLiteral("json-params.echo")
        << QStringLiteral("3") << 1;
    QTest::newRow("null") << EchoPattern << QStringLiteral(R"({"echo": null})")
                          << QStringLiteral("json-params.echo") << QStringLiteral("null") << 1;
    QTest::newRow("bool") << EchoPattern << QStringLiteral(R"({"echo": false})")
                          << QStringLiteral("json-params.echo") << QStringLiteral("false") << 1;
    QTest::newRow("object") << EchoPattern << QStringLiteral(R"({"echo": {"k": [1, "a"]}})")
                            << QStringLiteral("json-params.echo")
                            << QStringLiteral(R"({"k": [1, "a"]})") << 1;
    QTest::newRow("nested") << QStringLiteral(R"({"user": {"name": "{{json-params.user.name}}"}})")
                            << QStringLiteral(R"({"user": {"name": "ann", "age": 3}})")
                            << QStringLiteral("json-params.user.name") << QStringLiteral("\"ann\"")
                            << 1;
    QTest::newRow("bare, spaces in braces")
        << QStringLiteral(R"({"v": {{ json-params.v }}})") << QStringLiteral(R"({"v": [1, 2]})")
        << QStringLiteral("json-params.v") << QStringLiteral("[1, 2]") << 1;
    QTest::newRow("array elements")
        << QStringLiteral(R"(["{{first}}", "{{second}}"])") << QStringLiteral(R"(["a", 2])")
        << QStringLiteral("second") << QStringLiteral("2") << 2;
}

void TestMessagePattern::placeholderBinds()
{
    QFETCH(QString, pattern);
    QFETCH(QString, message);
    QFETCH(QString, name);
    QFETCH(QString, value);
    QFETCH(int, count);
    const MessagePattern p = MessagePattern::compile(pattern);
    QVERIFY(p.bindingNames().contains(name));
    Bindings bindings;
    QVERIFY(p.matches(IncomingMessage(message), &bindings));
    QCOMPARE(bindings.size(), count);
    QVERIFY(bindings.contains(name));
    QCOMPARE(bindings.value(name), jsonValue(value));
    // Matching without a bindings table works too.
    QVERIFY(p.matches(IncomingMessage(message), nullptr));
}

void TestMessagePattern::failedJsonMatchBindsNothing()
{
    // "a" is checked (and would bind) before "b" fails: nothing may leak out.
    Bindings bindings;
    QVERIFY(!matches(QStringLiteral(R"({"a": "{{x}}", "b": 2})"),
                     QStringLiteral(R"({"a": 1, "b": 3})"), &bindings));
    QVERIFY(!matches(QStringLiteral(R"(["{{x}}", 2])"), QStringLiteral(R"([1, 3])"), &bindings));
    QVERIFY(bindings.isEmpty());
}

void TestMessagePattern::stringTemplate_data()
{
    QTest::addColumn<QString>("pattern");
    QTest::addColumn<QString>("message");
    QTest::addColumn<bool>("match");
    QTest::addColumn<QStringList>("captures"); // name=value pairs

    const QString user = QStringLiteral(R"({"name": "user-{{id}}"})");
    QTest::newRow("binds captured part") << user << QStringLiteral(R"({"name": "user-42"})") << true
                                         << QStringList { QStringLiteral("id=42") };
    QTest::newRow("empty capture") << user << QStringLiteral(R"({"name": "user-"})") << true
                                   << QStringList { QStringLiteral("id=") };
    QTest::newRow("prefix differs")
        << user << QStringLiteral(R"({"name": "admin-42"})") << false << QStringList();
    QTest::newRow("not anchored at start")
        << user << QStringLiteral(R"({"name": "xuser-42"})") << false << QStringList();
    QTest::newRow("value not a string")
        << user << QStringLiteral(R"({"name": 42})") << false << QStringList();
    QTest::newRow("two captures") << QStringLiteral(R"({"p": "{{a}}/{{b}}.txt"})")
                                  << QStringLiteral(R"({"p": "x/y/z.txt"})") << true
                                  << QStringList { QStringLiteral("a=x"), QStringLiteral("b=y/z") };
    QTest::newRow("suffix must match")
        << QStringLiteral(R"({"p": "{{a}}.txt"})") << QStringLiteral(R"({"p": "x.txt.bak"})")
        << false << QStringList();
    QTest::newRow("metachars literal")
        << QStringLiteral(R"({"q": "a.b+{{x}}"})") << QStringLiteral(R"({"q": "a.b+c"})") << true
        << QStringList { QStringLiteral("x=c") };
    QTest::newRow("metachars not regex")
        << QStringLiteral(R"({"q": "a.b+{{x}}"})") << QStringLiteral(R"({"q": "aXbb+c"})") << false
        << QStringList();
    QTest::newRow("newline captured")
        << QStringLiteral(R"({"q": "pre-{{x}}"})") << QStringLiteral(R"({"q": "pre-l1\nl2"})")
        << true << QStringList { QStringLiteral("x=l1\nl2") };
}

void TestMessagePattern::stringTemplate()
{
    QFETCH(QString, pattern);
    QFETCH(QString, message);
    QFETCH(bool, match);
    QFETCH(QStringList, captures);
    QCOMPARE(MessagePattern::compile(pattern).kind(), MessagePattern::Kind::Json);
    Bindings bindings;
    QCOMPARE(matches(pattern, message, &bindings), match);
    QCOMPARE(bindings.size(), captures.size());
    for (const QString &capture : captures) {
        const qsizetype eq = capture.indexOf(QLatin1Char('='));
        QCOMPARE(bindings.value(capture.left(eq)), QJsonValue(capture.mid(eq + 1)));
    }
}

void TestMessagePattern::nonJsonMessageNeverMatchesJsonPattern_data()
{
    QTest::addColumn<QString>("message");
    QTest::newRow("ping") << QStringLiteral("ping");
    QTest::newRow("empty") << QString();
    QTest::newRow("blank") << QStringLiteral("   ");
    QTest::newRow("broken json") << QStringLiteral(R"({"echo": "x")");
    QTest::newRow("broken array") << QStringLiteral("[1,]");
    QTest::newRow("unquoted key") << QStringLiteral(R"({echo: "x"})");
    QTest::newRow("trailing text") << QStringLiteral(R"({"echo": "x"} more)");
    QTest::newRow("json string scalar") << QStringLiteral("\"x\"");
    QTest::newRow("json number scalar") << QStringLiteral("42");
    QTest::newRow("json bool scalar") << QStringLiteral("true");
    QTest::newRow("pattern text itself") << EchoPattern + QLatin1Char(' ') + EchoPattern;
}

void TestMessagePattern::nonJsonMessageNeverMatchesJsonPattern()
{
    QFETCH(QString, message);
    const IncomingMessage incoming(message);
    QCOMPARE(incoming.json(), nullptr);
    QCOMPARE(incoming.json(), nullptr); // asking again does not change the answer
    QCOMPARE(incoming.text(), message);
    Bindings bindings;
    QVERIFY(!matches(EchoPattern, message, &bindings));
    QVERIFY(!matches(QStringLiteral("{}"), message, &bindings));
    QVERIFY(!matches(QStringLiteral("[\"{{x}}\"]"), message, &bindings));
    QVERIFY(bindings.isEmpty());
}

void TestMessagePattern::textPatterns_data()
{
    QTest::addColumn<QString>("pattern");
    QTest::addColumn<QString>("message");
    QTest::addColumn<bool>("match");

    auto row = [](const char *name, const char *pattern, const char *message, bool match) {
        QTest::newRow(name) << QString::fromUtf8(pattern) << QString::fromUtf8(message) << match;
    };
    row("exact", "ping", "ping", true);
    row("case differs", "ping", "Ping", false);
    row("trailing space", "ping", "ping ", false);
    row("longer", "ping", "pingpong", false);
    row("empty message", "ping", "", false);
    row("regex prefix", "ping.*", "ping-1", true);
    row("regex matches empty tail", "ping.*", "ping", true);
    row("regex anchored at start", "ping.*", "xping", false);
    row("regex anchored at end", "pi.g", "pingx", false);
    row("regex any char", "pi.g", "pirg", true);
    row("alternation anchored left", "ping|pong", "pingx", false);
    row("alternation anchored right", "ping|pong", "xpong", false);
    row("alternation", "ping|pong", "pong", true);
    row("metachars as exact text", "a+b", "a+b", true);
    row("metachars as regex", "a+b", "aab", true);
    row("metachars neither", "a+b", "a+bb", false);
    row("question mark exact", "what?", "what?", true);
    row("question mark regex", "what?", "wha", true);
    row("parens exact", "(ping)", "(ping)", true);
    row("parens regex", "(ping)", "ping", true);
    row("class", "[abc]+", "abca", true);
    row("class mismatch", "[abc]+", "abcd", false);
    row("quantifier", "\\d{3}", "123", true);
    row("quantifier too many", "\\d{3}", "1234", false);
    row("broken json exact", R"({"a": )", R"({"a": )", true);
}

void TestMessagePattern::textPatterns()
{
    QFETCH(QString, pattern);
    QFETCH(QString, message);
    QFETCH(bool, match);
    QCOMPARE(MessagePattern::compile(pattern).kind(), MessagePattern::Kind::Text);
    Bindings bindings;
    QCOMPARE(matches(pattern, message, &bindings), match);
    QVERIFY(bindings.isEmpty()); // no named groups here
}

void TestMessagePattern::namedGroupsBind()
{
    const MessagePattern p = MessagePattern::compile(QStringLiteral("(?<cmd>\\w+) (?<arg>.*)"));
    QVERIFY(p.isRegex());
    QCOMPARE(p.bindingNames(), (QStringList { QStringLiteral("cmd"), QStringLiteral("arg") }));
    Bindings bindings;
    QVERIFY(p.matches(IncomingMessage(QStringLiteral("say hello world")), &bindings));
    QCOMPARE(bindings.size(), 2);
    QCOMPARE(bindings.value(QStringLiteral("cmd")), QJsonValue(QStringLiteral("say")));
    QCOMPARE(bindings.value(QStringLiteral("arg")), QJsonValue(QStringLiteral("hello world")));

    bindings.clear();
    QVERIFY(!p.matches(IncomingMessage(QStringLiteral("say")), &bindings));
    QVERIFY(bindings.isEmpty());

    // An optional group that took no part is not bound (a template reports it missing).
    const MessagePattern optional = MessagePattern::compile(QStringLiteral("(?<a>x)?y"));
    QVERIFY(optional.matches(IncomingMessage(QStringLiteral("y")), &bindings));
    QVERIFY(!bindings.contains(QStringLiteral("a")));
    QVERIFY(optional.matches(IncomingMessage(QStringLiteral("xy")), &bindings));
    QCOMPARE(bindings.value(QStringLiteral("a")), QJsonValue(QStringLiteral("x")));
}

void TestMessagePattern::invalidRegex_data()
{
    QTest::addColumn<QString>("pattern");
    QTest::addColumn<QString>("nonMatching"); // what the broken regex must not be taken to mean

    QTest::newRow("unclosed class") << QStringLiteral("[abc") << QStringLiteral("a");
    QTest::newRow("nothing to repeat") << QStringLiteral("*abc") << QStringLiteral("abc");
    QTest::newRow("unclosed named group") << QStringLiteral("(?<n>x") << QStringLiteral("x");
    QTest::newRow("quantifier out of order") << QStringLiteral("a{2,1}") << QStringLiteral("aa");
    QTest::newRow("unclosed group") << QStringLiteral("ping(") << QStringLiteral("ping");
    QTest::newRow("trailing backslash") << QStringLiteral("a\\") << QStringLiteral("a)");
}

void TestMessagePattern::invalidRegex()
{
    QFETCH(QString, pattern);
    QFETCH(QString, nonMatching);
    const MessagePattern p = MessagePattern::compile(pattern);
    QCOMPARE(p.kind(), MessagePattern::Kind::Text);
    QVERIFY2(!p.regexError().isEmpty(), qPrintable(pattern));
    QVERIFY(!p.isRegex());
    QCOMPARE(p.kindName(), QStringLiteral("text"));
    QVERIFY2(p.regexErrorOffset() >= 0 && p.regexErrorOffset() <= pattern.size(),
             qPrintable(QString::number(p.regexErrorOffset())));
    QVERIFY(p.matches(IncomingMessage(pattern), nullptr));
    QVERIFY(!p.matches(IncomingMessage(nonMatching), nullptr));
}

void TestMessagePattern::incomingMessageParsesOnce()
{
    const IncomingMessage message(QStringLiteral(R"({"a": {"b": [1, 2]}})"));
    const QJsonValue *first = message.json();
    QVERIFY(first);
    QCOMPARE(message.json(), first);
    QVERIFY(first->isObject());
    QCOMPARE(first->toObject()
                 .value(QLatin1String("a"))
                 .toObject()
                 .value(QLatin1String("b"))
                 .toArray()
                 .size(),
             2);
    QCOMPARE(message.text(), QStringLiteral(R"({"a": {"b": [1, 2]}})"));

    // Matching several patterns reuses the same parse.
    QVERIFY(MessagePattern::compile(QStringLiteral(R"({"a": {}})")).matches(message, nullptr));
    QVERIFY(!MessagePattern::compile(QStringLiteral(R"({"b": 1})")).matches(message, nullptr));
    QCOMPARE(message.json(), first);

    const IncomingMessage array(QStringLiteral("  \n[1, 2]"));
    QVERIFY(array.json());
    QVERIFY(array.json()->isArray());
}

QTEST_GUILESS_MAIN(TestMessagePattern)
#include "tst_messagepattern.moc"
