#include "incomingmessage.h"
#include "template.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QTest>

#include <optional>

namespace {
const ParamMap PathParams { { QStringLiteral("x"), QStringLiteral("a b") },
                            { QStringLiteral("username"), QStringLiteral("alice") } };
const ParamMap QueryParams { { QStringLiteral("x"), QStringLiteral("q1") },
                             { QStringLiteral("page"), QStringLiteral("2") } };

// Renders text against the fixed path/query params, an optional message and bindings.
QString renderWith(const QString &text, const std::optional<QString> &message,
                   QStringList *missing = nullptr, const Bindings *bindings = nullptr,
                   const ParamMap &path = PathParams, const ParamMap &query = QueryParams)
{
    const Template t = Template::compile(text);
    std::optional<IncomingMessage> incoming;
    if (message)
        incoming.emplace(*message);
    TemplateContext context;
    context.pathParams = &path;
    context.queryParams = &query;
    context.message = incoming ? &*incoming : nullptr;
    context.bindings = bindings;
    return t.render(context, missing);
}

QJsonObject parseObject(const QString &text, bool *ok)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(text.toUtf8(), &error);
    *ok = error.error == QJsonParseError::NoError && doc.isObject();
    return doc.object();
}

QString jsonMessage(const QString &key, const QString &value)
{
    return QString::fromUtf8(QJsonDocument(QJsonObject { { key, value } }).toJson(QJsonDocument::Compact));
}
} // namespace

class TestTemplate : public QObject
{
    Q_OBJECT

private slots:
    void specExamples();
    void renderSources_data();
    void renderSources();
    void valueFormatting_data();
    void valueFormatting();
    void missingValues_data();
    void missingValues();
    void presentValuesNotReported();
    void jsonStringEscaping_data();
    void jsonStringEscaping();
    void escapingFollowsJsonLexer_data();
    void escapingFollowsJsonLexer();
    void nastyInputsKeepReplyValidJson_data();
    void nastyInputsKeepReplyValidJson();
    void randomInputsKeepReplyValidJson();
    void insertedAsIs_data();
    void insertedAsIs();
    void isJson_data();
    void isJson();
    void strayBracesStayLiteral_data();
    void strayBracesStayLiteral();
    void noVariablesReturnsSource_data();
    void noVariablesReturnsSource();
    void bindingsTakePrecedence();
    void onConnectHasNoMessage();
    void variables();
};

void TestTemplate::specExamples()
{
    const QString welcome = QStringLiteral(R"({"status": "connected", "message": "Welcome to WebSocket Echo!"})");
    QCOMPARE(renderWith(welcome, std::nullopt), welcome);
    QCOMPARE(renderWith(QStringLiteral(R"({"echoed": "{{json-params.echo}}"})"),
                        QStringLiteral(R"({"echo": "hello world"})")),
             QStringLiteral(R"({"echoed": "hello world"})"));
    QCOMPARE(renderWith(QStringLiteral(R"({"status": "connected", "message": "Welcome, {{path-params.username}}!"})"),
                        std::nullopt),
             QStringLiteral(R"({"status": "connected", "message": "Welcome, alice!"})"));
    QCOMPARE(renderWith(QStringLiteral(R"({"user": "{{path-params.username}}", "profile": {"joined": "2025-03-20"}})"),
                        QStringLiteral(R"({"action": "get-profile"})")),
             QStringLiteral(R"({"user": "alice", "profile": {"joined": "2025-03-20"}})"));
}

void TestTemplate::renderSources_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("message");
    QTest::addColumn<QString>("expected");

    const QString nested = QStringLiteral(R"({"a": {"b": ["first", "second"], "c": {"d": "deep"}}})");
    QTest::newRow("path, spaces in braces") << QStringLiteral("{{ path-params.x }}") << QString() << QStringLiteral("a b");
    QTest::newRow("path, tight") << QStringLiteral("hi {{path-params.username}}") << QString() << QStringLiteral("hi alice");
    QTest::newRow("query") << QStringLiteral("{{query-params.x}}") << QString() << QStringLiteral("q1");
    QTest::newRow("query, wide spaces") << QStringLiteral("p={{   query-params.page  }}") << QString() << QStringLiteral("p=2");
    QTest::newRow("json top level") << QStringLiteral("{{json-params.name}}") << QStringLiteral(R"({"name": "bob"})") << QStringLiteral("bob");
    QTest::newRow("json nested object") << QStringLiteral("{{json-params.a.c.d}}") << nested << QStringLiteral("deep");
    QTest::newRow("json array index 0") << QStringLiteral("{{json-params.a.b.0}}") << nested << QStringLiteral("first");
    QTest::newRow("json array index 1") << QStringLiteral("{{json-params.a.b.1}}") << nested << QStringLiteral("second");
    QTest::newRow("json object in array") << QStringLiteral("{{json-params.items.1.id}}")
                                          << QStringLiteral(R"({"items": [{"id": "x"}, {"id": "y"}]})") << QStringLiteral("y");
    QTest::newRow("json top-level array") << QStringLiteral("{{json-params.1}}") << QStringLiteral(R"(["x", "y"])") << QStringLiteral("y");
    QTest::newRow("message raw text") << QStringLiteral("got: {{message}}") << QStringLiteral("hello there") << QStringLiteral("got: hello there");
    QTest::newRow("message raw json, not reformatted") << QStringLiteral("{{message}}") << QStringLiteral("{ \"a\" :  1 }") << QStringLiteral("{ \"a\" :  1 }");
    QTest::newRow("several sources") << QStringLiteral("{{path-params.username}}/{{query-params.page}}/{{json-params.n}}")
                                     << QStringLiteral(R"({"n": "seven"})") << QStringLiteral("alice/2/seven");
    QTest::newRow("same variable twice") << QStringLiteral("{{query-params.x}}-{{ query-params.x }}") << QString() << QStringLiteral("q1-q1");
}

void TestTemplate::renderSources()
{
    QFETCH(QString, text);
    QFETCH(QString, message);
    QFETCH(QString, expected);
    QStringList missing;
    QCOMPARE(renderWith(text, message, &missing), expected);
    QVERIFY2(missing.isEmpty(), qPrintable(missing.join(QLatin1Char(','))));
}

void TestTemplate::valueFormatting_data()
{
    QTest::addColumn<QString>("json"); // the value of "v" in the message, as JSON text
    QTest::addColumn<QString>("expected");

    QTest::newRow("integer") << QStringLiteral("3") << QStringLiteral("3");
    QTest::newRow("integral float") << QStringLiteral("3.0") << QStringLiteral("3");
    QTest::newRow("negative") << QStringLiteral("-7") << QStringLiteral("-7");
    QTest::newRow("zero") << QStringLiteral("0") << QStringLiteral("0");
    QTest::newRow("exponent") << QStringLiteral("1e3") << QStringLiteral("1000");
    QTest::newRow("float 2.5") << QStringLiteral("2.5") << QStringLiteral("2.5");
    QTest::newRow("float -0.25") << QStringLiteral("-0.25") << QStringLiteral("-0.25");
    QTest::newRow("float 0.1") << QStringLiteral("0.1") << QStringLiteral("0.1");
    QTest::newRow("float 3.14") << QStringLiteral("3.14") << QStringLiteral("3.14");
    QTest::newRow("true") << QStringLiteral("true") << QStringLiteral("true");
    QTest::newRow("false") << QStringLiteral("false") << QStringLiteral("false");
    QTest::newRow("null") << QStringLiteral("null") << QStringLiteral("null");
    QTest::newRow("string keeps spaces") << QStringLiteral("\"  hi  \"") << QStringLiteral("  hi  ");
    QTest::newRow("object compact") << QStringLiteral(R"({ "k" : [ 1 , 2.0 ], "s": "t" })") << QStringLiteral(R"({"k":[1,2],"s":"t"})");
    QTest::newRow("array compact") << QStringLiteral(R"([1, "two", null, {"x": true}, 0.5])") << QStringLiteral(R"([1,"two",null,{"x":true},0.5])");
    QTest::newRow("empty array") << QStringLiteral("[ ]") << QStringLiteral("[]");
}

void TestTemplate::valueFormatting()
{
    QFETCH(QString, json);
    QFETCH(QString, expected);
    QStringList missing;
    QCOMPARE(renderWith(QStringLiteral("{{json-params.v}}"), QStringLiteral("{\"v\": ") + json + QLatin1Char('}'), &missing),
             expected);
    QVERIFY(missing.isEmpty());
}

void TestTemplate::missingValues_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("message");
    QTest::addColumn<QString>("expected");
    QTest::addColumn<QStringList>("expectedMissing");

    const QString json = QStringLiteral(R"({"a": "str", "arr": [1, 2]})");
    QTest::newRow("path param") << QStringLiteral("[{{path-params.nope}}]") << json << QStringLiteral("[]") << QStringList { QStringLiteral("path-params.nope") };
    QTest::newRow("query param, spaces") << QStringLiteral("a{{ query-params.nope }}b") << json << QStringLiteral("ab") << QStringList { QStringLiteral("query-params.nope") };
    QTest::newRow("json key") << QStringLiteral("{{json-params.absent}}") << json << QString() << QStringList { QStringLiteral("json-params.absent") };
    QTest::newRow("json path through string") << QStringLiteral("{{json-params.a.b}}") << json << QString() << QStringList { QStringLiteral("json-params.a.b") };
    QTest::newRow("array index out of range") << QStringLiteral("{{json-params.arr.5}}") << json << QString() << QStringList { QStringLiteral("json-params.arr.5") };
    QTest::newRow("negative index") << QStringLiteral("{{json-params.arr.-1}}") << json << QString() << QStringList { QStringLiteral("json-params.arr.-1") };
    QTest::newRow("non-numeric index") << QStringLiteral("{{json-params.arr.x}}") << json << QString() << QStringList { QStringLiteral("json-params.arr.x") };
    QTest::newRow("json of text message") << QStringLiteral("<{{json-params.a}}>") << QStringLiteral("ping") << QStringLiteral("<>") << QStringList { QStringLiteral("json-params.a") };
    QTest::newRow("json of broken json") << QStringLiteral("{{json-params.a}}") << QStringLiteral(R"({"a": )") << QString() << QStringList { QStringLiteral("json-params.a") };
    QTest::newRow("unknown source") << QStringLiteral("{{unknown.thing}}") << json << QString() << QStringList { QStringLiteral("unknown.thing") };
    QTest::newRow("two missing, in order") << QStringLiteral("{{path-params.p}}-{{query-params.q}}") << json << QStringLiteral("-")
                                           << QStringList { QStringLiteral("path-params.p"), QStringLiteral("query-params.q") };
    QTest::newRow("json reply stays json") << QStringLiteral(R"({"v": "{{json-params.nope}}", "w": 1})") << json
                                           << QStringLiteral(R"({"v": "", "w": 1})") << QStringList { QStringLiteral("json-params.nope") };
}

void TestTemplate::missingValues()
{
    QFETCH(QString, text);
    QFETCH(QString, message);
    QFETCH(QString, expected);
    QFETCH(QStringList, expectedMissing);
    QStringList missing;
    QCOMPARE(renderWith(text, message, &missing), expected);
    QCOMPARE(missing, expectedMissing);
    // Without a list to fill, rendering still works.
    QCOMPARE(renderWith(text, message, nullptr), expected);
}

void TestTemplate::presentValuesNotReported()
{
    const ParamMap path { { QStringLiteral("empty"), QString() } };
    QStringList missing;
    const QString out = renderWith(QStringLiteral("[{{path-params.empty}}|{{json-params.n}}|{{json-params.f}}|{{json-params.z}}|{{json-params.s}}]"),
                                   QStringLiteral(R"({"n": null, "f": false, "z": 0, "s": ""})"), &missing, nullptr, path);
    QCOMPARE(out, QStringLiteral("[|null|false|0|]"));
    QVERIFY2(missing.isEmpty(), qPrintable(missing.join(QLatin1Char(','))));
}

void TestTemplate::jsonStringEscaping_data()
{
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("escaped");

    QTest::newRow("quotes") << QStringLiteral("say \"hi\"") << QStringLiteral(R"(say \"hi\")");
    QTest::newRow("backslash") << QStringLiteral("C:\\dir") << QStringLiteral(R"(C:\\dir)");
    QTest::newRow("newline") << QStringLiteral("l1\nl2") << QStringLiteral(R"(l1\nl2)");
    QTest::newRow("cr tab") << QStringLiteral("\r\t") << QStringLiteral(R"(\r\t)");
    QTest::newRow("backspace formfeed") << QStringLiteral("\b\f") << QStringLiteral(R"(\b\f)");
    QTest::newRow("nul") << QString(QChar(0)) << QStringLiteral(R"(\u0000)");
    QTest::newRow("control 0x01") << QString(QChar(1)) << QStringLiteral(R"(\u0001)");
    QTest::newRow("control 0x1f") << QString(QChar(0x1f)) << QStringLiteral(R"(\u001f)");
    QTest::newRow("slash and html untouched") << QStringLiteral("</a>&'") << QStringLiteral("</a>&'");
    QTest::newRow("non-ascii untouched") << QStringLiteral("caf\u00e9 \u2713") << QStringLiteral("caf\u00e9 \u2713");
}

void TestTemplate::jsonStringEscaping()
{
    QFETCH(QString, value);
    QFETCH(QString, escaped);
    const ParamMap path { { QStringLiteral("x"), value } };
    const QString out = renderWith(QStringLiteral(R"({"v": "{{path-params.x}}"})"), std::nullopt, nullptr, nullptr, path);
    QCOMPARE(out, QStringLiteral(R"({"v": ")") + escaped + QStringLiteral("\"}"));
    bool ok = false;
    QCOMPARE(parseObject(out, &ok).value(QLatin1String("v")).toString(), value);
    QVERIFY(ok);
}

void TestTemplate::escapingFollowsJsonLexer_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("expected"); // path-params.q is `a"b`

    QTest::newRow("after escaped quote, still in string")
            << QStringLiteral(R"({"a": "say \"{{path-params.q}}\""})") << QStringLiteral(R"({"a": "say \"a\"b\""})");
    QTest::newRow("in a key") << QStringLiteral(R"({"{{path-params.q}}": 1})") << QStringLiteral(R"({"a\"b": 1})");
    QTest::newRow("after escaped backslash, outside string")
            << QStringLiteral(R"({"a": "\\", "b": {{path-params.q}}})") << QStringLiteral(R"({"a": "\\", "b": a"b})");
    QTest::newRow("array, in and out") << QStringLiteral(R"(["{{path-params.q}}", {{path-params.q}}])") << QStringLiteral(R"(["a\"b", a"b])");
}

void TestTemplate::escapingFollowsJsonLexer()
{
    QFETCH(QString, text);
    QFETCH(QString, expected);
    const ParamMap path { { QStringLiteral("q"), QStringLiteral("a\"b") } };
    QVERIFY(Template::compile(text).isJson());
    QCOMPARE(renderWith(text, std::nullopt, nullptr, nullptr, path), expected);
}

static void checkRoundTrip(const QString &input)
{
    const QString text = QStringLiteral(R"({"p": "{{path-params.x}}", "q": "{{query-params.x}}", "j": "{{json-params.v}}", )"
                                        R"("m": "{{message}}", "n": {"deep": ["{{ json-params.v }}"]}})");
    const ParamMap path { { QStringLiteral("x"), input } };
    const ParamMap query { { QStringLiteral("x"), input } };
    const QString message = jsonMessage(QStringLiteral("v"), input);
    QStringList missing;
    const QString out = renderWith(text, message, &missing, nullptr, path, query);
    QVERIFY(missing.isEmpty());
    bool ok = false;
    const QJsonObject reply = parseObject(out, &ok);
    QVERIFY2(ok, qPrintable(out));
    QCOMPARE(reply.size(), 5);
    QCOMPARE(reply.value(QLatin1String("p")).toString(), input);
    QCOMPARE(reply.value(QLatin1String("q")).toString(), input);
    QCOMPARE(reply.value(QLatin1String("j")).toString(), input);
    QCOMPARE(reply.value(QLatin1String("m")).toString(), message);
    QCOMPARE(reply.value(QLatin1String("n")).toObject().value(QLatin1String("deep")).toArray().at(0).toString(), input);
}

void TestTemplate::nastyInputsKeepReplyValidJson_data()
{
    QTest::addColumn<QString>("input");

    QString controls;
    for (char16_t c = 0; c < 0x20; ++c)
        controls += QChar(c);
    QTest::newRow("empty") << QString();
    QTest::newRow("json injection") << QStringLiteral(R"(", "hacked": true, "x": ")");
    QTest::newRow("object injection") << QStringLiteral(R"("}, "p": {"a": ")");
    QTest::newRow("lone backslash") << QStringLiteral("\\");
    QTest::newRow("backslash quote") << QStringLiteral("\\\"");
    QTest::newRow("trailing backslash") << QStringLiteral("abc\\");
    QTest::newRow("all control chars") << controls;
    QTest::newRow("DEL") << QString(QChar(0x7f));
    QTest::newRow("template text") << QStringLiteral("{{path-params.x}} {{message}}");
    QTest::newRow("html entities") << QStringLiteral("&quot;<script>&amp;");
    QTest::newRow("emoji and separators") << QStringLiteral("\U0001F600 \u2028\u2029");
    QTest::newRow("escaped unicode text") << QStringLiteral("\\u0022");
}

void TestTemplate::nastyInputsKeepReplyValidJson()
{
    QFETCH(QString, input);
    checkRoundTrip(input);
}

void TestTemplate::randomInputsKeepReplyValidJson()
{
    QRandomGenerator rng(20250320);
    const QString extras = QStringLiteral("\u00e9\u2713\u2028\U0001F600");
    for (int i = 0; i < 200; ++i) {
        QString input;
        const int length = int(rng.bounded(40));
        for (int k = 0; k < length; ++k) {
            if (rng.bounded(8) == 0)
                input += extras.mid(int(rng.bounded(3)), 1);
            else if (rng.bounded(16) == 0)
                input += QStringLiteral("\U0001F600"); // a whole surrogate pair
            else
                input += QChar(char16_t(rng.bounded(128)));
        }
        checkRoundTrip(input);
        if (QTest::currentTestFailed()) {
            qWarning() << "failing input:" << input;
            return;
        }
    }
}

void TestTemplate::insertedAsIs_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("message");
    QTest::addColumn<QString>("expected");

    const QString nasty = QStringLiteral("say \"hi\" \\ <b>&</b>\n");
    QTest::newRow("plain text reply") << QStringLiteral("echo: {{message}}") << nasty << QStringLiteral("echo: ") + nasty;
    QTest::newRow("text with quotes around placeholder") << QStringLiteral("\"{{message}}\"") << nasty << QLatin1Char('"') + nasty + QLatin1Char('"');
    QTest::newRow("broken json reply is text") << QStringLiteral(R"({"a": "{{message}}")") << nasty << QStringLiteral(R"({"a": ")") + nasty + QLatin1Char('"');
    QTest::newRow("json number outside string") << QStringLiteral(R"({"n": {{json-params.n}}})") << QStringLiteral(R"({"n": 3.0})") << QStringLiteral(R"({"n": 3})");
    QTest::newRow("json object outside string") << QStringLiteral(R"({"o": {{json-params.o}}})") << QStringLiteral(R"({"o": {"k": "v\"w"}})")
                                                << QStringLiteral(R"({"o": {"k":"v\"w"}})");
    QTest::newRow("raw message embedded as json") << QStringLiteral(R"({"raw": {{message}}})") << QStringLiteral(R"({"a": [1, 2]})")
                                                  << QStringLiteral(R"({"raw": {"a": [1, 2]}})");
    QTest::newRow("string value outside string") << QStringLiteral(R"({"s": {{json-params.s}}})") << QStringLiteral(R"({"s": "x\"y"})")
                                                 << QStringLiteral(R"({"s": x"y})");
}

void TestTemplate::insertedAsIs()
{
    QFETCH(QString, text);
    QFETCH(QString, message);
    QFETCH(QString, expected);
    QCOMPARE(renderWith(text, message), expected);
}

void TestTemplate::isJson_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("json");
    QTest::addColumn<bool>("variables");

    QTest::newRow("spec on-connect") << QStringLiteral(R"({"status": "connected", "message": "Welcome to WebSocket Echo!"})") << true << false;
    QTest::newRow("spec echo reply") << QStringLiteral(R"({"echoed": "{{json-params.echo}}"})") << true << true;
    QTest::newRow("placeholder as value") << QStringLiteral(R"({"n": {{json-params.n}}})") << true << true;
    QTest::newRow("array") << QStringLiteral(R"([1, "{{message}}"])") << true << true;
    QTest::newRow("surrounding whitespace") << QStringLiteral("\n  {\"a\": 1}  \n") << true << false;
    QTest::newRow("pong") << QStringLiteral("pong") << false << false;
    QTest::newRow("text with placeholder") << QStringLiteral("Hello {{path-params.x}}") << false << true;
    QTest::newRow("broken json") << QStringLiteral(R"({"a": )") << false << false;
    QTest::newRow("json then text") << QStringLiteral(R"({"a": 1} and more)") << false << false;
    QTest::newRow("empty") << QString() << false << false;
}

void TestTemplate::isJson()
{
    QFETCH(QString, text);
    QFETCH(bool, json);
    QFETCH(bool, variables);
    const Template t = Template::compile(text);
    QCOMPARE(t.isJson(), json);
    QCOMPARE(t.hasVariables(), variables);
    QCOMPARE(t.source(), text);
}

void TestTemplate::strayBracesStayLiteral_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("expected"); // path-params.x is "a b"

    QTest::newRow("unclosed open") << QStringLiteral("a {{ b") << QStringLiteral("a {{ b");
    QTest::newRow("lone close") << QStringLiteral("a }} b") << QStringLiteral("a }} b");
    QTest::newRow("empty braces") << QStringLiteral("{{}}") << QStringLiteral("{{}}");
    QTest::newRow("blank braces") << QStringLiteral("{{   }}") << QStringLiteral("{{   }}");
    QTest::newRow("close before open") << QStringLiteral("}}{{") << QStringLiteral("}}{{");
    QTest::newRow("single braces") << QStringLiteral("{ {path-params.x} }") << QStringLiteral("{ {path-params.x} }");
    QTest::newRow("stray open before variable") << QStringLiteral("open {{ then {{path-params.x}}") << QStringLiteral("open {{ then a b");
    QTest::newRow("stray close after variable") << QStringLiteral("{{path-params.x}} }}") << QStringLiteral("a b }}");
    QTest::newRow("extra closing brace") << QStringLiteral("{{path-params.x}}}") << QStringLiteral("a b}");
}

void TestTemplate::strayBracesStayLiteral()
{
    QFETCH(QString, text);
    QFETCH(QString, expected);
    QStringList missing;
    QCOMPARE(renderWith(text, QStringLiteral("m"), &missing), expected);
    QVERIFY2(missing.isEmpty(), qPrintable(missing.join(QLatin1Char(','))));
}

void TestTemplate::noVariablesReturnsSource_data()
{
    QTest::addColumn<QString>("text");
    QTest::newRow("pong") << QStringLiteral("pong");
    QTest::newRow("empty") << QString();
    QTest::newRow("json") << QStringLiteral(R"({"profile": {"joined": "2025-03-20"}, "s": "a\"b\\n"})");
    QTest::newRow("whitespace kept") << QStringLiteral("  two  spaces \n");
}

void TestTemplate::noVariablesReturnsSource()
{
    QFETCH(QString, text);
    const Template t = Template::compile(text);
    QVERIFY(!t.hasVariables());
    QVERIFY(t.variables().isEmpty());
    QStringList missing;
    QCOMPARE(t.render(TemplateContext(), &missing), text);
    QVERIFY(missing.isEmpty());
    QCOMPARE(renderWith(text, QStringLiteral(R"({"x": 1})")), text);
}

void TestTemplate::bindingsTakePrecedence()
{
    const QString message = QStringLiteral(R"({"echo": "from-message"})");
    Bindings bindings;
    bindings.insert(QStringLiteral("cmd"), QStringLiteral("say"));
    bindings.insert(QStringLiteral("arg"), QStringLiteral("a\"b"));
    bindings.insert(QStringLiteral("path-params.username"), QStringLiteral("bound"));
    bindings.insert(QStringLiteral("json-params.echo"), QStringLiteral("from-pattern"));
    bindings.insert(QStringLiteral("n"), 3.0);
    bindings.insert(QStringLiteral("o"), QJsonObject { { QStringLiteral("k"), 1 } });

    QStringList missing;
    QCOMPARE(renderWith(QStringLiteral("{{cmd}}: {{ arg }}"), message, &missing, &bindings), QStringLiteral("say: a\"b"));
    QCOMPARE(renderWith(QStringLiteral("{{path-params.username}}|{{json-params.echo}}|{{n}}|{{o}}"), message, &missing, &bindings),
             QStringLiteral(R"(bound|from-pattern|3|{"k":1})"));
    // A bound value inside a JSON string is escaped like any other.
    QCOMPARE(renderWith(QStringLiteral(R"({"c": "{{cmd}} {{arg}}"})"), message, &missing, &bindings),
             QStringLiteral(R"({"c": "say a\"b"})"));
    QVERIFY(missing.isEmpty());
    // Sources not shadowed by a binding still answer; unbound names are missing.
    QCOMPARE(renderWith(QStringLiteral("{{query-params.page}}{{nope}}"), message, &missing, &bindings), QStringLiteral("2"));
    QCOMPARE(missing, QStringList { QStringLiteral("nope") });
}

void TestTemplate::onConnectHasNoMessage()
{
    const QString text = QStringLiteral(R"({"hello": "{{path-params.username}}", "page": "{{query-params.page}}", )"
                                        R"("echo": "{{json-params.echo}}", "raw": "{{message}}"})");
    QStringList missing;
    const QString out = renderWith(text, std::nullopt, &missing);
    QCOMPARE(out, QStringLiteral(R"({"hello": "alice", "page": "2", "echo": "", "raw": ""})"));
    QCOMPARE(missing, (QStringList { QStringLiteral("json-params.echo"), QStringLiteral("message") }));
    // An empty context: every source is missing, nothing crashes.
    missing.clear();
    QCOMPARE(Template::compile(text).render(TemplateContext(), &missing),
             QStringLiteral(R"({"hello": "", "page": "", "echo": "", "raw": ""})"));
    QCOMPARE(missing.size(), 4);
}

void TestTemplate::variables()
{
    const Template t = Template::compile(QStringLiteral("{{ path-params.a }} {{query-params.b}} {{json-params.c.d.0}} {{message}} {{cmd}}"));
    const QList<TemplateVariable> vars = t.variables();
    QCOMPARE(vars.size(), 5);
    QCOMPARE(vars.at(0).source, TemplateVariable::Source::PathParams);
    QCOMPARE(vars.at(0).expression, QStringLiteral("path-params.a"));
    QCOMPARE(vars.at(0).path, QStringList { QStringLiteral("a") });
    QCOMPARE(vars.at(1).source, TemplateVariable::Source::QueryParams);
    QCOMPARE(vars.at(2).source, TemplateVariable::Source::JsonParams);
    QCOMPARE(vars.at(2).path, (QStringList { QStringLiteral("c"), QStringLiteral("d"), QStringLiteral("0") }));
    QCOMPARE(vars.at(3).source, TemplateVariable::Source::Message);
    QCOMPARE(vars.at(4).source, TemplateVariable::Source::Other);
    QCOMPARE(vars.at(4).expression, QStringLiteral("cmd"));
}

QTEST_GUILESS_MAIN(TestTemplate)
#include "tst_template.moc"
