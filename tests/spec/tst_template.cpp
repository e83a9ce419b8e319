#include "incomingmessage.h"
#include "template.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QTest>

#include <optional>

namespace {
QString str(const char *utf8)
{
    return QString::fromUtf8(utf8);
}

const ParamMap PathParams { { str("x"), str("a b") },
                            { str("username"), str("alice") },
                            { str("empty"), QString() } };
const ParamMap QueryParams { { str("x"), str("q1") }, { str("page"), str("2") } };

// Renders text against path/query params, an optional message (none: on-connect) and bindings.
QString renderWith(const QString &text, const std::optional<QString> &message,
                   QStringList *missing = nullptr, const Bindings *bindings = nullptr,
                   const ParamMap &path = PathParams, const ParamMap &query = QueryParams)
{
    std::optional<IncomingMessage> incoming;
    if (message)
        incoming.emplace(*message);
    TemplateContext context;
    context.pathParams = &path;
    context.queryParams = &query;
    context.message = incoming ? &*incoming : nullptr;
    context.bindings = bindings;
    return Template::compile(text).render(context, missing);
}

QJsonObject parseObject(const QString &text, bool *ok)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(text.toUtf8(), &error);
    *ok = error.error == QJsonParseError::NoError && doc.isObject();
    return doc.object();
}

// Adds a row of three strings: template text, message, expected rendering.
void row3(const char *name, const char *text, const char *message, const char *expected)
{
    QTest::newRow(name) << str(text) << str(message) << str(expected);
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
    void jsonStringEscaping_data();
    void jsonStringEscaping();
    void nastyInputsKeepReplyValidJson_data();
    void nastyInputsKeepReplyValidJson();
    void randomInputsKeepReplyValidJson();
    void escapingByContext_data();
    void escapingByContext();
    void isJson_data();
    void isJson();
    void bindingsTakePrecedence();
    void onConnectHasNoMessage();
    void conversationValues();
    void protocolValues();
};

void TestTemplate::specExamples()
{
    const QString welcome
        = str(R"({"status": "connected", "message": "Welcome to WebSocket Echo!"})");
    QCOMPARE(renderWith(welcome, std::nullopt), welcome);
    QCOMPARE(
        renderWith(str(R"({"echoed": "{{json-params.echo}}"})"), str(R"({"echo": "hello world"})")),
        str(R"({"echoed": "hello world"})"));
    QCOMPARE(renderWith(
                 str(R"({"status": "connected", "message": "Welcome, {{path-params.username}}!"})"),
                 std::nullopt),
             str(R"({"status": "connected", "message": "Welcome, alice!"})"));
    QCOMPARE(
        renderWith(
            str(R"({"user": "{{path-params.username}}", "profile": {"joined": "2025-03-20"}})"),
            str(R"({"action": "get-profile"})")),
        str(R"({"user": "alice", "profile": {"joined": "2025-03-20"}})"));
}

void TestTemplate::renderSources_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("message");
    QTest::addColumn<QString>("expected");

    const char *nested = R"({"a": {"b": ["first", "second"], "c": {"d": "deep"}}})";
    row3("path, spaces in braces", "{{ path-params.x }}", "", "a b");
    row3("path, tight", "hi {{path-params.username}}", "", "hi alice");
    row3("query", "{{query-params.x}}", "", "q1");
    row3("query, wide spaces", "p={{   query-params.page  }}", "", "p=2");
    row3("json top level", "{{json-params.name}}", R"({"name": "bob"})", "bob");
    row3("json nested object", "{{json-params.a.c.d}}", nested, "deep");
    row3("json array index 0", "{{json-params.a.b.0}}", nested, "first");
    row3("json array index 1", "{{json-params.a.b.1}}", nested, "second");
    row3("json object in array", "{{json-params.items.1.id}}",
         R"({"items": [{"id": "x"}, {"id": "y"}]})", "y");
    row3("json top-level array", "{{json-params.1}}", R"(["x", "y"])", "y");
    row3("message raw text", "got: {{message}}", "hello there", "got: hello there");
    row3("message raw json, as sent", "{{message}}", R"({ "a" :  1 })", R"({ "a" :  1 })");
    row3("several sources", "{{path-params.username}}/{{query-params.page}}/{{json-params.n}}",
         R"({"n": "seven"})", "alice/2/seven");
    row3("same variable twice", "{{query-params.x}}-{{ query-params.x }}", "", "q1-q1");
    row3("empty value is present", "[{{path-params.empty}}]", "", "[]");
    // Stray braces stay literal text and are not variables.
    row3("unclosed open", "a {{ b", "", "a {{ b");
    row3("lone close", "a }} b", "", "a }} b");
    row3("empty braces", "{{}}{{   }}", "", "{{}}{{   }}");
    row3("close before open", "}}{{", "", "}}{{");
    row3("single braces", "{ {path-params.x} }", "", "{ {path-params.x} }");
    row3("stray open before variable", "open {{ then {{path-params.x}}", "", "open {{ then a b");
    row3("stray close after variable", "{{path-params.x}} }}", "", "a b }}");
    row3("extra closing brace", "{{path-params.x}}}", "", "a b}");
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

    auto row = [](const char *name, const char *json, const char *expected) {
        QTest::newRow(name) << str(json) << str(expected);
    };
    row("integer", "3", "3");
    row("integral float", "3.0", "3");
    row("negative", "-7", "-7");
    row("zero", "0", "0");
    row("exponent", "1e3", "1000");
    row("float 2.5", "2.5", "2.5");
    row("float -0.25", "-0.25", "-0.25");
    row("float 0.1", "0.1", "0.1");
    row("float 3.14", "3.14", "3.14");
    row("true", "true", "true");
    row("false", "false", "false");
    row("null", "null", "null");
    row("string keeps spaces", "\"  hi  \"", "  hi  ");
    row("empty string is present", "\"\"", "");
    row("object compact", R"({ "k" : [ 1 , 2.0 ], "s": "t" })", R"({"k":[1,2],"s":"t"})");
    row("array compact", R"([1, "two", null, {"x": true}, 0.1])",
        R"([1,"two",null,{"x":true},0.1])");
    row("empty array", "[ ]", "[]");
}

void TestTemplate::valueFormatting()
{
    QFETCH(QString, json);
    QFETCH(QString, expected);
    QStringList missing;
    const QString message = QStringLiteral("{\"v\": ") + json + QLatin1Char('}');
    QCOMPARE(renderWith(str("{{json-params.v}}"), message, &missing), expected);
    QVERIFY(missing.isEmpty());
}

void TestTemplate::missingValues_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("message");
    QTest::addColumn<QString>("expected");
    QTest::addColumn<QStringList>("expectedMissing");

    auto row = [](const char *name, const char *text, const char *message, const char *expected,
                  const QStringList &missing) {
        QTest::newRow(name) << str(text) << str(message) << str(expected) << missing;
    };
    const char *json = R"({"a": "str", "arr": [1, 2]})";
    row("path param", "[{{path-params.nope}}]", json, "[]", { str("path-params.nope") });
    row("query param, spaces", "a{{ query-params.nope }}b", json, "ab",
        { str("query-params.nope") });
    row("json key", "{{json-params.absent}}", json, "", { str("json-params.absent") });
    row("json path through string", "{{json-params.a.b}}", json, "", { str("json-params.a.b") });
    row("index out of range", "{{json-params.arr.5}}", json, "", { str("json-params.arr.5") });
    row("negative index", "{{json-params.arr.-1}}", json, "", { str("json-params.arr.-1") });
    row("non-numeric index", "{{json-params.arr.x}}", json, "", { str("json-params.arr.x") });
    row("json of text message", "<{{json-params.a}}>", "ping", "<>", { str("json-params.a") });
    row("json of broken json", "{{json-params.a}}", R"({"a": )", "", { str("json-params.a") });
    row("unknown source", "{{unknown.thing}}", json, "", { str("unknown.thing") });
    row("two missing, in order", "{{path-params.p}}-{{query-params.q}}", json, "-",
        { str("path-params.p"), str("query-params.q") });
    row("json reply stays json", R"({"v": "{{json-params.nope}}", "w": 1})", json,
        R"({"v": "", "w": 1})", { str("json-params.nope") });
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
    QCOMPARE(renderWith(text, message, nullptr), expected); // no list to fill: still renders
}

void TestTemplate::jsonStringEscaping_data()
{
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("escaped");

    QTest::newRow("quotes") << str("say \"hi\"") << str(R"(say \"hi\")");
    QTest::newRow("backslash") << str("C:\\dir") << str(R"(C:\\dir)");
    QTest::newRow("newline") << str("l1\nl2") << str(R"(l1\nl2)");
    QTest::newRow("cr tab") << str("\r\t") << str(R"(\r\t)");
    QTest::newRow("backspace formfeed") << str("\b\f") << str(R"(\b\f)");
    QTest::newRow("nul") << QString(QChar(0)) << str(R"(\u0000)");
    QTest::newRow("control 0x01") << QString(QChar(1)) << str(R"(\u0001)");
    QTest::newRow("control 0x1f") << QString(QChar(0x1f)) << str(R"(\u001f)");
    QTest::newRow("slash and html untouched") << str("</a>&'") << str("</a>&'");
    QTest::newRow("non-ascii untouched") << str("caf\u00e9 \u2713") << str("caf\u00e9 \u2713");
}

void TestTemplate::jsonStringEscaping()
{
    QFETCH(QString, value);
    QFETCH(QString, escaped);
    const ParamMap path { { str("x"), value } };
    const QString out
        = renderWith(str(R"({"v": "{{path-params.x}}"})"), std::nullopt, nullptr, nullptr, path);
    QCOMPARE(out, str(R"({"v": ")") + escaped + str("\"}"));
    bool ok = false;
    QCOMPARE(parseObject(out, &ok).value(QLatin1String("v")).toString(), value);
    QVERIFY(ok);
}

// Puts input in every source of a JSON reply; the reply must parse and give input back.
static void checkRoundTrip(const QString &input)
{
    const QString text
        = str(R"({"p": "{{path-params.x}}", "q": "{{query-params.x}}", "j": "{{json-params.v}}", )"
              R"("m": "{{message}}", "n": {"deep": ["{{ json-params.v }}"]}})");
    const ParamMap params { { str("x"), input } };
    const QString message = QString::fromUtf8(
        QJsonDocument(QJsonObject { { str("v"), input } }).toJson(QJsonDocument::Compact));
    QStringList missing;
    const QString out = renderWith(text, message, &missing, nullptr, params, params);
    QVERIFY(missing.isEmpty());
    bool ok = false;
    const QJsonObject reply = parseObject(out, &ok);
    QVERIFY2(ok, qPrintable(out));
    QCOMPARE(reply.size(), 5);
    QCOMPARE(reply.value(QLatin1String("p")).toString(), input);
    QCOMPARE(reply.value(QLatin1String("q")).toString(), input);
    QCOMPARE(reply.value(QLatin1String("j")).toString(), input);
    QCOMPARE(reply.value(QLatin1String("m")).toString(), message);
    const QJsonArray deep
        = reply.value(QLatin1String("n")).toObject().value(QLatin1String("deep")).toArray();
    QCOMPARE(deep.at(0).toString(), input);
}

void TestTemplate::nastyInputsKeepReplyValidJson_data()
{
    QTest::addColumn<QString>("input");

    QString controls;
    for (char16_t c = 0; c < 0x20; ++c)
        controls += QChar(c);
    QTest::newRow("empty") << QString();
    QTest::newRow("json injection") << str(R"(", "hacked": true, "x": ")");
    QTest::newRow("object injection") << str(R"("}, "p": {"a": ")");
    QTest::newRow("lone backslash") << str("\\");
    QTest::newRow("backslash quote") << str("\\\"");
    QTest::newRow("trailing backslash") << str("abc\\");
    QTest::newRow("all control chars") << controls;
    QTest::newRow("DEL") << QString(QChar(0x7f));
    QTest::newRow("template text") << str("{{path-params.x}} {{message}}");
    QTest::newRow("html entities") << str("&quot;<script>&amp;");
    QTest::newRow("emoji and separators") << str("\U0001F600 \u2028\u2029");
    QTest::newRow("escaped unicode text") << str("\\u0022");
}

void TestTemplate::nastyInputsKeepReplyValidJson()
{
    QFETCH(QString, input);
    checkRoundTrip(input);
}

void TestTemplate::randomInputsKeepReplyValidJson()
{
    QRandomGenerator rng(20250320);
    const QStringList extras { str("\u00e9"), str("\u2713"), str("\u2028"), str("\U0001F600") };
    for (int i = 0; i < 200; ++i) {
        QString input;
        for (int k = int(rng.bounded(40)); k > 0; --k) {
            if (rng.bounded(8) == 0)
                input += extras.at(int(rng.bounded(extras.size())));
            else
                input += QChar(char16_t(rng.bounded(128))); // ASCII, control characters included
        }
        checkRoundTrip(input);
        if (QTest::currentTestFailed()) {
            qWarning() << "failing input:" << input;
            return;
        }
    }
}

void TestTemplate::escapingByContext_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("message");
    QTest::addColumn<QString>("expected");

    // Outside a JSON string literal, or anywhere in a reply that is not JSON: as is.
    const char *nasty = "say \"hi\" \\ <b>&</b>\n";
    row3("plain text reply", "echo: {{message}}", nasty, "echo: say \"hi\" \\ <b>&</b>\n");
    row3("broken json reply is text", R"({"a": "{{message}}")", nasty,
         "{\"a\": \"say \"hi\" \\ <b>&</b>\n\"");
    row3("json number outside string", R"({"n": {{json-params.n}}})", R"({"n": 3.0})",
         R"({"n": 3})");
    row3("json object outside string", R"({"o": {{json-params.o}}})", R"({"o": {"k": "v\"w"}})",
         R"({"o": {"k":"v\"w"}})");
    row3("raw message embedded as json", R"({"raw": {{message}}})", R"({"a": [1, 2]})",
         R"({"raw": {"a": [1, 2]}})");
    // Inside a string literal of a JSON reply (message is `a"b`): escaped, following the lexer.
    row3("after escaped quote, still in string", R"({"a": "say \"{{message}}\""})", "a\"b",
         R"({"a": "say \"a\"b\""})");
    row3("in a key", R"({"{{message}}": 1})", "a\"b", R"({"a\"b": 1})");
    row3("after escaped backslash, outside", R"({"a": "\\", "b": {{message}}})", "a\"b",
         R"({"a": "\\", "b": a"b})");
    row3("array, in and out", R"(["{{message}}", {{message}}])", "a\"b", R"(["a\"b", a"b])");
    row3("string value outside string", R"({"s": {{json-params.s}}})", R"({"s": "x\"y"})",
         R"({"s": x"y})");
}

void TestTemplate::escapingByContext()
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

    auto row = [](const char *name, const char *text, bool json, bool variables) {
        QTest::newRow(name) << str(text) << json << variables;
    };
    row("spec on-connect", R"({"status": "connected", "message": "Welcome to WebSocket Echo!"})",
        true, false);
    row("spec echo reply", R"({"echoed": "{{json-params.echo}}"})", true, true);
    row("placeholder as value", R"({"n": {{json-params.n}}})", true, true);
    row("array", R"([1, "{{message}}"])", true, true);
    row("surrounding whitespace", "\n  {\"a\": 1}  \n", true, false);
    row("pong", "pong", false, false);
    row("text with placeholder", "Hello {{path-params.x}}", false, true);
    row("broken json", R"({"a": )", false, false);
    row("json then text", R"({"a": 1} and more)", false, false);
    row("empty", "", false, false);
    row("escapes kept", "{\"s\": \"a\\\"b\\\\n\", \"d\": \"2025-03-20\"}", true, false);
    row("whitespace kept", "  two  spaces \n", false, false);
}

void TestTemplate::isJson()
{
    QFETCH(QString, text);
    QFETCH(bool, json);
    QFETCH(bool, variables);
    const Template t = Template::compile(text);
    QCOMPARE(t.isJson(), json);
    QCOMPARE(t.hasVariables(), variables);
    QCOMPARE(t.variables().isEmpty(), !variables);
    QCOMPARE(t.source(), text);
    if (!variables) { // no variables: the source comes back unchanged, whatever the context
        QStringList missing;
        QCOMPARE(t.render(TemplateContext(), &missing), text);
        QCOMPARE(renderWith(text, str(R"({"x": 1})"), &missing), text);
        QVERIFY(missing.isEmpty());
    }
}

void TestTemplate::bindingsTakePrecedence()
{
    const QString message = str(R"({"echo": "from-message"})");
    const Bindings bindings { { str("cmd"), str("say") },
                              { str("arg"), str("a\"b") },
                              { str("path-params.username"), str("bound") },
                              { str("json-params.echo"), str("from-pattern") },
                              { str("n"), 3.0 },
                              { str("o"), QJsonObject { { str("k"), 1 } } } };
    QStringList missing;
    QCOMPARE(renderWith(str("{{cmd}}: {{ arg }}"), message, &missing, &bindings), str("say: a\"b"));
    QCOMPARE(renderWith(str("{{path-params.username}}|{{json-params.echo}}|{{n}}|{{o}}"), message,
                        &missing, &bindings),
             str(R"(bound|from-pattern|3|{"k":1})"));
    // A bound value inside a JSON string is escaped like any other.
    const QString escaped = str(R"({"c": "say a\"b"})"); // moc mislexes this raw string in a macro
    QCOMPARE(renderWith(str(R"({"c": "{{cmd}} {{arg}}"})"), message, &missing, &bindings), escaped);
    QVERIFY(missing.isEmpty());
    // Sources not shadowed by a binding still answer; unbound names are missing.
    QCOMPARE(renderWith(str("{{query-params.page}}{{nope}}"), message, &missing, &bindings),
             str("2"));
    QCOMPARE(missing, QStringList { str("nope") });
}

void TestTemplate::onConnectHasNoMessage()
{
    const QString text
        = str(R"({"hello": "{{path-params.username}}", "page": "{{query-params.page}}", )"
              R"("echo": "{{json-params.echo}}", "raw": "{{message}}"})");
    QStringList missing;
    QCOMPARE(renderWith(text, std::nullopt, &missing),
             str(R"({"hello": "alice", "page": "2", "echo": "", "raw": ""})"));
    QCOMPARE(missing, (QStringList { str("json-params.echo"), str("message") }));
    // An empty context: every source is missing, nothing crashes.
    missing.clear();
    QCOMPARE(Template::compile(text).render(TemplateContext(), &missing),
             str(R"({"hello": "", "page": "", "echo": "", "raw": ""})"));
    QCOMPARE(missing.size(), 4);
}

void TestTemplate::conversationValues()
{
    const Template text = Template::compile(
        str(R"({"state": "{{state}}", "user": "{{vars.user}}", "market": "{{shared.market}}"})"));
    const QString state = str("in");
    const ParamMap vars { { str("user"), str("a\"b") } };
    const ParamMap shared { { str("market"), str("open") } };
    TemplateContext context;
    context.state = &state;
    context.vars = &vars;
    context.shared = &shared;
    const QString expected = str(R"({"state": "in", "user": "a\"b", "market": "open"})");
    QStringList missing;
    QCOMPARE(text.render(context, &missing), expected);
    QVERIFY(missing.isEmpty());
    // No conversation: the first state; variables not set are missing.
    QCOMPARE(text.render(TemplateContext(), &missing),
             str(R"({"state": "start", "user": "", "market": ""})"));
    QCOMPARE(missing, (QStringList { str("vars.user"), str("shared.market") }));
}

// A preset's values may have dotted names (STOMP's header.NAME): the whole rest of the path
// names one value.
void TestTemplate::protocolValues()
{
    const Template text = Template::compile(
        str("{{protocol.destination}} {{protocol.header.content-type}} {{protocol.header.x}}"));
    const ParamMap protocol { { str("destination"), str("/q") },
                              { str("header.content-type"), str("text/plain") } };
    TemplateContext context;
    context.protocol = &protocol;
    QStringList missing;
    QCOMPARE(text.render(context, &missing), str("/q text/plain "));
    QCOMPARE(missing, QStringList { str("protocol.header.x") });
}

QTEST_GUILESS_MAIN(TestTemplate)
#include "tst_template.moc"
