// Template values beyond the spec's four sources: handshake headers, regex groups, the
// connection, now, uuid, random, and the filters (default, upper, lower, json).
#include "incomingmessage.h"
#include "messagepattern.h"
#include "template.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QTest>
#include <QUuid>

#include <limits>
#include <optional>

namespace {
QString str(const char *utf8)
{
    return QString::fromUtf8(utf8);
}

const ParamMap PathParams { { str("username"), str("alice") }, { str("empty"), QString() } };
const ParamMap QueryParams { { str("page"), str("2") } };
// The handshake as a client sent it (header names in their own case).
const QNetworkRequest &handshake()
{
    static const QNetworkRequest request = [] {
        QNetworkRequest r;
        r.setRawHeader("User-Agent", "curl/8.5");
        r.setRawHeader("X-Evil", "a\"b\\c\n</script>");
        return r;
    }();
    return request;
}

// The message most rows render against.
const char *const Message = "{\"name\": \"Bob\", \"blank\": \"\", \"n\": 3, \"flag\": true, "
                            "\"obj\": {\"k\": [1, \"x\"]}, \"nil\": null, "
                            "\"quote\": \"say \\\"hi\\\"\\n\"}";

// The context the server builds: handshake values, connection 42, its 7th message, tick 3.
TemplateContext serverContext(const IncomingMessage *message, const Bindings *bindings,
                              const ParamMap &path = PathParams)
{
    TemplateContext context { &path, &QueryParams, message, bindings };
    context.handshake = &handshake();
    context.connectionId = 42;
    context.messageCount = 7;
    context.counter = 3;
    return context;
}

QString render(const QString &text, const std::optional<QString> &message = str(Message),
               QStringList *missing = nullptr, const Bindings *bindings = nullptr)
{
    std::optional<IncomingMessage> incoming;
    if (message)
        incoming.emplace(*message);
    return Template::compile(text).render(serverContext(incoming ? &*incoming : nullptr, bindings),
                                          missing);
}

QJsonObject parseObject(const QString &text, bool *ok)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(text.toUtf8(), &error);
    *ok = error.error == QJsonParseError::NoError && doc.isObject();
    return doc.object();
}

QDateTime asUtc(const QDateTime &parsed)
{
    return QDateTime(parsed.date(), parsed.time(), Qt::UTC);
}
} // namespace

class TestTemplateHelpers : public QObject
{
    Q_OBJECT

private slots:
    void values_data();
    void values();
    void missingRules_data();
    void missingRules();
    void connectionValuesDefaultToZero();
    void regexGroups();
    void nowIso();
    void nowFormats_data();
    void nowFormats();
    void nowReadsTheClockOncePerRender();
    void nowFormatInsideJsonString();
    void uuid();
    void randomRange_data();
    void randomRange();
    void filters_data();
    void filters();
    void unicodeCase_data();
    void unicodeCase();
    void jsonFilterInBarePosition_data();
    void jsonFilterInBarePosition();
    void jsonFilterInsideString();
    void escapingStillHolds_data();
    void escapingStillHolds();
    void problems_data();
    void problems();
    void problemsListedOnceInOrder();
    void parsedAtCompileTime();
    void bindingsStillTakePrecedence();
};

void TestTemplateHelpers::values_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("expected");

    auto row = [](const char *name, const char *text, const char *expected) {
        QTest::newRow(name) << str(text) << str(expected);
    };
    row("header", "{{header-params.user-agent}}", "curl/8.5");
    row("header, any case", "{{ header-params.User-Agent }}", "curl/8.5");
    row("connection id", "{{connection.id}}", "42");
    row("connection messages", "{{connection.messages}}", "7");
    row("counter", "{{counter}}", "3");
    row("together", "#{{connection.id}}/{{ connection.messages }}/{{counter}}", "#42/7/3");
    row("bare in json",
        "{\"id\": {{connection.id}}, \"n\": {{connection.messages}}, \"t\": {{counter}}}",
        "{\"id\": 42, \"n\": 7, \"t\": 3}");
    row("random, one value", "{{random 5 5}}", "5");
    row("random, negative", "{{random -2 -2}}", "-2");
    row("old sources unchanged",
        "{{path-params.username}} {{query-params.page}} {{json-params.name}}", "alice 2 Bob");
}

void TestTemplateHelpers::values()
{
    QFETCH(QString, text);
    QFETCH(QString, expected);
    QStringList missing;
    QCOMPARE(render(text, str(Message), &missing), expected);
    QVERIFY2(missing.isEmpty(), qPrintable(missing.join(QLatin1Char(','))));
    QVERIFY(Template::compile(text).problems().isEmpty());
}

void TestTemplateHelpers::missingRules_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("expected");
    QTest::addColumn<QStringList>("expectedMissing");

    auto row
        = [](const char *name, const char *text, const char *expected, const QStringList &missing) {
              QTest::newRow(name) << str(text) << str(expected) << missing;
          };
    row("absent header", "[{{header-params.x-absent}}]", "[]", { str("header-params.x-absent") });
    row("reported without filters", "{{ json-params.nope | upper }}", "",
        { str("json-params.nope") });
    row("default on missing", "{{json-params.nope | default 'anonymous'}}", "anonymous", {});
    row("default on empty", "{{json-params.blank | default 'anonymous'}}", "anonymous", {});
    row("default on empty param", "{{path-params.empty | default \"none\"}}", "none", {});
    row("default on present", "{{json-params.name | default 'anonymous'}}", "Bob", {});
    row("default on a number", "{{json-params.n | default 0}}", "3", {});
    row("default on null (not empty)", "{{json-params.nil | default 'x'}}", "null", {});
    row("malformed value", "[{{random 5}}]", "[]", { str("random 5") });
    row("malformed value, default", "{{random 5 | default 'x'}}", "x", {});
    row("unknown connection value", "{{connection.nope}}", "", { str("connection.nope") });
    row("json of missing is null", "{{json-params.nope | json}}", "null",
        { str("json-params.nope") });
    row("default after json is too late", "{{json-params.nope | json | default 'x'}}", "null",
        { str("json-params.nope") });
    row("default before json", "{{json-params.nope | default 'x' | json}}", "\"x\"", {});
    row("absent regex group", "{{regex.nope}}", "", { str("regex.nope") });
    row("unknown name", "{{nope | upper}}", "", { str("nope") });
}

void TestTemplateHelpers::missingRules()
{
    QFETCH(QString, text);
    QFETCH(QString, expected);
    QFETCH(QStringList, expectedMissing);
    QStringList missing;
    QCOMPARE(render(text, str(Message), &missing), expected);
    QCOMPARE(missing, expectedMissing);
}

void TestTemplateHelpers::connectionValuesDefaultToZero()
{
    const Template t = Template::compile(
        str("{{connection.id}}|{{connection.messages}}|{{counter}}|{{header-params.user-agent}}"));
    QStringList missing;
    QCOMPARE(t.render(TemplateContext(), &missing), str("0|0|0|"));
    QCOMPARE(missing, QStringList { str("header-params.user-agent") });
    // The four members existing callers brace-initialise still come first, in order.
    const Bindings bindings;
    const IncomingMessage message(str("hi"));
    const TemplateContext context { &PathParams, &QueryParams, &message, &bindings };
    QCOMPARE(Template::compile(str("{{message}} {{path-params.username}} {{connection.id}}"))
                 .render(context),
             str("hi alice 0"));
}

void TestTemplateHelpers::regexGroups()
{
    const MessagePattern pattern = MessagePattern::compile(str("(?<verb>\\w+) (?<target>.+)"));
    QVERIFY(pattern.isRegex());
    const IncomingMessage message(str("say hello world"));
    Bindings bindings;
    QVERIFY(pattern.matches(message, &bindings));
    const TemplateContext context = serverContext(&message, &bindings);
    QStringList missing;
    QCOMPARE(Template::compile(str("{{verb}}:{{regex.verb}}:{{ regex.target | upper }}"))
                 .render(context, &missing),
             str("say:say:HELLO WORLD"));
    QVERIFY(missing.isEmpty());
}

void TestTemplateHelpers::nowIso()
{
    const QString out = render(str("{{now}}"));
    static const QRegularExpression iso(
        str("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z$"));
    QVERIFY2(iso.match(out).hasMatch(), qPrintable(out));
    const QDateTime parsed = QDateTime::fromString(out, Qt::ISODateWithMs);
    QVERIFY(parsed.isValid());
    QCOMPARE(parsed.timeSpec(), Qt::UTC);
    QVERIFY(qAbs(parsed.msecsTo(QDateTime::currentDateTimeUtc())) < 5000);
}

void TestTemplateHelpers::nowFormats_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("format");
    QTest::addColumn<int>("toleranceSecs");

    QTest::newRow("single quotes")
        << str("{{now 'yyyy-MM-dd HH:mm:ss'}}") << str("yyyy-MM-dd HH:mm:ss") << 5;
    QTest::newRow("double quotes, quoted literal")
        << str("{{ now \"yyyy-MM-dd'T'HH:mm:ss.zzz\" }}") << str("yyyy-MM-dd'T'HH:mm:ss.zzz") << 5;
    QTest::newRow("minutes") << str("{{now 'dd.MM.yyyy HH:mm'}}") << str("dd.MM.yyyy HH:mm") << 120;
    QTest::newRow("bare word") << str("{{now yyyyMMddHHmmss}}") << str("yyyyMMddHHmmss") << 5;
}

void TestTemplateHelpers::nowFormats()
{
    QFETCH(QString, text);
    QFETCH(QString, format);
    QFETCH(int, toleranceSecs);
    QVERIFY(Template::compile(text).problems().isEmpty());
    const QString out = render(text);
    const QDateTime parsed = QDateTime::fromString(out, format);
    QVERIFY2(parsed.isValid(), qPrintable(out));
    QCOMPARE(parsed.toString(format), out);
    QVERIFY(qAbs(asUtc(parsed).secsTo(QDateTime::currentDateTimeUtc())) <= toleranceSecs);
}

void TestTemplateHelpers::nowReadsTheClockOncePerRender()
{
    const QStringList parts
        = render(str("{{now 'epoch'}}|{{now epoch-ms}}|{{now}}|{{now}}")).split(QLatin1Char('|'));
    QCOMPARE(parts.size(), 4);
    bool ok = false;
    const qint64 secs = parts.at(0).toLongLong(&ok);
    QVERIFY(ok);
    const qint64 msecs = parts.at(1).toLongLong(&ok);
    QVERIFY(ok);
    QVERIFY(qAbs(secs - QDateTime::currentSecsSinceEpoch()) <= 5);
    QCOMPARE(msecs / 1000, secs);
    QCOMPARE(parts.at(2), parts.at(3));
    QCOMPARE(QDateTime::fromString(parts.at(2), Qt::ISODateWithMs).toMSecsSinceEpoch(), msecs);
    // Epoch time is a number to the json filter.
    bool isObject = false;
    const QJsonObject reply
        = parseObject(render(str("{\"t\": {{now 'epoch-ms' | json}}}")), &isObject);
    QVERIFY(isObject);
    QVERIFY(reply.value(QLatin1String("t")).isDouble());
}

// A YAML map response reaches the template as JSON text, with the quotes of a placeholder
// inside a string escaped; the placeholder still means what it says.
void TestTemplateHelpers::nowFormatInsideJsonString()
{
    const QString fromYaml = QString::fromUtf8(
        QJsonDocument(QJsonObject { { str("t"), str("{{now \"HH:mm\"}}") },
                                    { str("d"), str("{{json-params.nope | default \"n/a\"}}") } })
            .toJson(QJsonDocument::Compact));
    QVERIFY(fromYaml.contains(str("{{now \\\"HH:mm\\\"}}")));
    const Template t = Template::compile(fromYaml);
    QVERIFY(t.isJson());
    QVERIFY2(t.problems().isEmpty(), qPrintable(t.problems().join(QLatin1Char('\n'))));
    bool ok = false;
    const QJsonObject reply = parseObject(render(fromYaml), &ok);
    QVERIFY(ok);
    static const QRegularExpression hhmm(str("^\\d\\d:\\d\\d$"));
    QVERIFY(hhmm.match(reply.value(QLatin1String("t")).toString()).hasMatch());
    QCOMPARE(reply.value(QLatin1String("d")).toString(), str("n/a"));
}

void TestTemplateHelpers::uuid()
{
    static const QRegularExpression shape(
        str("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$"));
    const QString a = render(str("{{uuid}}"));
    const QString b = render(str("{{ uuid }}"));
    for (const QString &id : { a, b }) {
        QCOMPARE(id.size(), 36);
        QVERIFY2(shape.match(id).hasMatch(), qPrintable(id));
        QVERIFY(!QUuid::fromString(id).isNull());
    }
    QVERIFY(a != b);
    const QStringList two = render(str("{{uuid}} {{uuid}}")).split(QLatin1Char(' '));
    QCOMPARE(two.size(), 2);
    QVERIFY(two.at(0) != two.at(1));
}

void TestTemplateHelpers::randomRange_data()
{
    QTest::addColumn<qint64>("lowest");
    QTest::addColumn<qint64>("highest");

    QTest::newRow("dice") << qint64(1) << qint64(6);
    QTest::newRow("1 to 100") << qint64(1) << qint64(100);
    QTest::newRow("negative") << qint64(-3) << qint64(-1);
    QTest::newRow("across zero") << qint64(-1) << qint64(1);
    QTest::newRow("one value") << qint64(7) << qint64(7);
    QTest::newRow("huge") << qint64(1) << qint64(1000000000000);
    QTest::newRow("whole range") << std::numeric_limits<qint64>::min()
                                 << std::numeric_limits<qint64>::max();
}

void TestTemplateHelpers::randomRange()
{
    QFETCH(qint64, lowest);
    QFETCH(qint64, highest);
    const Template t
        = Template::compile(QStringLiteral("{{random %1 %2}}").arg(lowest).arg(highest));
    QVERIFY(t.problems().isEmpty());
    const TemplateContext context;
    bool sawLowest = false;
    bool sawHighest = false;
    for (int i = 0; i < 200; ++i) {
        bool ok = false;
        const QString out = t.render(context);
        const qint64 n = out.toLongLong(&ok);
        QVERIFY2(ok && n >= lowest && n <= highest, qPrintable(out));
        sawLowest = sawLowest || n == lowest;
        sawHighest = sawHighest || n == highest;
    }
    if (lowest > -100 && highest < 100 && highest - lowest < 10) { // inclusive at both ends
        QVERIFY(sawLowest);
        QVERIFY(sawHighest);
    }
}

void TestTemplateHelpers::filters_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("expected");

    auto row = [](const char *name, const char *text, const char *expected) {
        QTest::newRow(name) << str(text) << str(expected);
    };
    row("upper", "{{json-params.name | upper}}", "BOB");
    row("lower", "{{json-params.name | lower}}", "bob");
    row("no spaces", "{{json-params.name|upper}}", "BOB");
    row("chained, last wins", "{{json-params.name | lower | upper}}", "BOB");
    row("chained, other order", "{{json-params.name | upper | lower}}", "bob");
    row("default then upper", "{{json-params.nope | default 'anon' | upper}}", "ANON");
    row("upper then default", "{{json-params.nope | upper | default 'anon'}}", "anon");
    row("default, pipe in quotes", "{{json-params.nope | default 'a | b c'}}", "a | b c");
    row("default, double quotes", "{{json-params.nope | default \"it's\"}}", "it's");
    row("default, empty", "[{{json-params.nope | default ''}}]", "[]");
    row("default, bare word", "{{json-params.nope | default anon}}", "anon");
    row("default, bare number is a number", "{{json-params.nope | default 0 | json}}", "0");
    row("default, quoted number is a string", "{{json-params.nope | default '0' | json}}", "\"0\"");
    row("default, bare true", "{{json-params.nope | default true | json}}", "true");
    row("default, bare null", "{{json-params.nope | default null | json}}", "null");
    row("json, string", "{{json-params.name | json}}", "\"Bob\"");
    row("json, empty string", "{{json-params.blank | json}}", "\"\"");
    row("json, number", "{{json-params.n | json}}", "3");
    row("json, bool", "{{json-params.flag | json}}", "true");
    row("json, null", "{{json-params.nil | json}}", "null");
    row("json, object", "{{json-params.obj | json}}", "{\"k\":[1,\"x\"]}");
    row("json, escapes", "{{json-params.quote | json}}", "\"say \\\"hi\\\"\\n\"");
    row("json, path param", "{{path-params.username | json}}", "\"alice\"");
    row("json, header", "{{header-params.user-agent | json}}", "\"curl/8.5\"");
    row("json, connection id", "{{connection.id | json}}", "42");
    row("json, random", "{{random 4 4 | json}}", "4");
    row("json after upper is a string", "{{json-params.n | upper | json}}", "\"3\"");
    row("json twice", "{{json-params.name | json | json}}", "\"\\\"Bob\\\"\"");
    row("json twice on a number", "{{json-params.n | json | json}}", "\"3\"");
    row("upper on a number", "{{connection.id | upper}}", "42");
    row("unknown filter, unfiltered", "{{json-params.name | uppr}}", "Bob");
    row("unknown filter skipped in a chain", "{{json-params.name | uppr | lower}}", "bob");
}

void TestTemplateHelpers::filters()
{
    QFETCH(QString, text);
    QFETCH(QString, expected);
    QStringList missing;
    QCOMPARE(render(text, str(Message), &missing), expected);
    QVERIFY2(missing.isEmpty(), qPrintable(missing.join(QLatin1Char(','))));
}

void TestTemplateHelpers::unicodeCase_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("upper");
    QTest::addColumn<QString>("lower");

    auto row = [](const char *name, const char *input, const char *upper, const char *lower) {
        QTest::newRow(name) << str(input) << str(upper) << str(lower);
    };
    row("accents", "Ünïcödé École", "ÜNÏCÖDÉ ÉCOLE", "ünïcödé école");
    row("sharp s grows", "straße", "STRASSE", "straße");
    row("greek", "Ωμέγα", "ΩΜΈΓΑ", "ωμέγα");
    row("cyrillic", "Привет", "ПРИВЕТ", "привет");
    row("astral letters", "\U00010400\U00010428", "\U00010400\U00010400", "\U00010428\U00010428");
    row("emoji untouched", "\U0001F600 ok", "\U0001F600 OK", "\U0001F600 ok");
}

void TestTemplateHelpers::unicodeCase()
{
    QFETCH(QString, input);
    QFETCH(QString, upper);
    QFETCH(QString, lower);
    const Bindings bindings { { str("v"), input } };
    QCOMPARE(render(str("{{v | upper}}"), std::nullopt, nullptr, &bindings), upper);
    QCOMPARE(render(str("{{v | lower}}"), std::nullopt, nullptr, &bindings), lower);
    bool ok = false;
    const QJsonObject reply
        = parseObject(render(str("{\"u\": \"{{v | upper}}\", \"j\": {{v | lower | json}}}"),
                             std::nullopt, nullptr, &bindings),
                      &ok);
    QVERIFY(ok);
    QCOMPARE(reply.value(QLatin1String("u")).toString(), upper);
    QCOMPARE(reply.value(QLatin1String("j")).toString(), lower);
}

void TestTemplateHelpers::jsonFilterInBarePosition_data()
{
    QTest::addColumn<QString>("input");

    QString controls;
    for (char16_t c = 0; c < 0x20; ++c)
        controls += QChar(c);
    QTest::newRow("plain") << str("Bob");
    QTest::newRow("empty") << QString();
    QTest::newRow("quotes and newlines") << str("say \"hi\"\nand \"bye\"\r\n");
    QTest::newRow("backslashes") << str("C:\\dir\\ \\\" \\");
    QTest::newRow("injection") << str("\", \"admin\": true, \"x\": \"");
    QTest::newRow("braces") << str("}]} {{message}}");
    QTest::newRow("control chars") << controls;
    QTest::newRow("unicode") << str("caf\u00e9 \u2028 \U0001F600");
    QTest::newRow("looks like a number") << str("42");

    QRandomGenerator rng(20250321);
    for (int i = 0; i < 20; ++i) {
        QString input;
        for (int k = int(rng.bounded(30)); k > 0; --k)
            input += QChar(char16_t(rng.bounded(128)));
        QTest::addRow("random %d", i) << input;
    }
}

void TestTemplateHelpers::jsonFilterInBarePosition()
{
    QFETCH(QString, input);
    const QString text
        = str("{\"name\": {{json-params.name | json}}, \"path\": {{path-params.x | json}}, "
              "\"raw\": {{message | json}}, \"list\": [{{json-params.name|json}}]}");
    const Template t = Template::compile(text);
    QVERIFY(t.isJson());
    QVERIFY(t.problems().isEmpty());
    const QString message = QString::fromUtf8(
        QJsonDocument(QJsonObject { { str("name"), input } }).toJson(QJsonDocument::Compact));
    const IncomingMessage incoming(message);
    const ParamMap path { { str("x"), input } };
    QStringList missing;
    const QString out = t.render(serverContext(&incoming, nullptr, path), &missing);
    QVERIFY(missing.isEmpty());
    bool ok = false;
    const QJsonObject reply = parseObject(out, &ok);
    QVERIFY2(ok, qPrintable(out));
    QCOMPARE(reply.value(QLatin1String("name")).toString(), input);
    QCOMPARE(reply.value(QLatin1String("path")).toString(), input);
    QCOMPARE(reply.value(QLatin1String("raw")).toString(), message);
    QCOMPARE(reply.value(QLatin1String("list")).toArray().at(0).toString(), input);
}

// Inside a string literal the json filter's text is escaped like any value: the reply stays
// JSON and carries the JSON text as a string.
void TestTemplateHelpers::jsonFilterInsideString()
{
    const QString out = render(
        str("{\"s\": \"{{json-params.quote | json}}\", \"n\": \"{{json-params.n | json}}\"}"));
    bool ok = false;
    const QJsonObject reply = parseObject(out, &ok);
    QVERIFY2(ok, qPrintable(out));
    QCOMPARE(reply.value(QLatin1String("s")).toString(), str("\"say \\\"hi\\\"\\n\""));
    QCOMPARE(reply.value(QLatin1String("n")).toString(), str("3"));
}

void TestTemplateHelpers::escapingStillHolds_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("expected"); // the rendering
    QTest::addColumn<QString>("value"); // "v" of the parsed reply; empty: not JSON

    QTest::newRow("upper in a string")
        << str("{\"v\": \"{{json-params.quote | upper}}\"}")
        << str("{\"v\": \"SAY \\\"HI\\\"\\n\"}") << str("SAY \"HI\"\n");
    QTest::newRow("header in a string")
        << str("{\"v\": \"{{header-params.x-evil}}\"}")
        << str("{\"v\": \"a\\\"b\\\\c\\n</script>\"}") << str("a\"b\\c\n</script>");
    QTest::newRow("default with quotes in a string")
        << str("{\"v\": \"{{json-params.nope | default 'say \"hi\"'}}\"}")
        << str("{\"v\": \"say \\\"hi\\\"\"}") << str("say \"hi\"");
    QTest::newRow("counter in a string")
        << str("{\"v\": \"#{{counter}}\"}") << str("{\"v\": \"#3\"}") << str("#3");
    QTest::newRow("text reply, as is")
        << str("v={{json-params.quote | upper}}") << str("v=SAY \"HI\"\n") << QString();
    QTest::newRow("bare without json filter, as is")
        << str("{\"v\": {{header-params.x-evil | lower}}}") << str("{\"v\": a\"b\\c\n</script>}")
        << QString();
}

void TestTemplateHelpers::escapingStillHolds()
{
    QFETCH(QString, text);
    QFETCH(QString, expected);
    QFETCH(QString, value);
    const QString out = render(text);
    QCOMPARE(out, expected);
    if (!value.isNull()) {
        bool ok = false;
        QCOMPARE(parseObject(out, &ok).value(QLatin1String("v")).toString(), value);
        QVERIFY(ok);
    }
}

void TestTemplateHelpers::problems_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("problem"); // the whole message; empty: no problem

    auto row = [](const char *name, const char *text, const char *problem) {
        QTest::newRow(name) << str(text) << str(problem);
    };
    row("unknown filter", "{{json-params.name | uppr}}",
        "unknown filter 'uppr' (there are default, upper, lower and json) in '{{json-params.name | "
        "uppr}}'");
    row("random, one integer", "{{random 5}}",
        "random needs two integers, lowest and highest in '{{random 5}}'");
    row("random, not integers", "{{random a 1.5}}",
        "random needs two integers, lowest and highest in '{{random a 1.5}}'");
    row("random, three", "{{random 1 2 3}}",
        "random needs two integers, lowest and highest in '{{random 1 2 3}}'");
    row("random, reversed", "{{random 9 1}}",
        "random's lowest value 9 is above its highest 1 in '{{random 9 1}}'");
    row("now, two formats", "{{now 'a' 'b'}}", "now takes one format in '{{now 'a' 'b'}}'");
    row("now, empty format", "{{now ''}}", "now has an empty format in '{{now ''}}'");
    row("unterminated quote", "{{now 'HH:mm}}", "unterminated quote in '{{now 'HH:mm}}'");
    row("uuid with argument", "{{uuid 4}}", "'uuid' takes no arguments in '{{uuid 4}}'");
    row("counter with argument", "{{counter x}}",
        "'counter' takes no arguments in '{{counter x}}'");
    row("unknown connection value", "{{connection.idd}}",
        "unknown connection value 'connection.idd' (there are connection.id and "
        "connection.messages) "
        "in '{{connection.idd}}'");
    row("default without value", "{{x | default}}",
        "filter 'default' needs one value (quote it if it has spaces) in '{{x | default}}'");
    row("default with two words", "{{x | default a b}}",
        "filter 'default' needs one value (quote it if it has spaces) in '{{x | default a b}}'");
    row("filter with argument", "{{x | upper 1}}",
        "filter 'upper' takes no arguments in '{{x | upper 1}}'");
    row("trailing pipe", "{{x |}}", "empty filter after '|' in '{{x |}}'");
    row("double pipe", "{{x || upper}}", "empty filter after '|' in '{{x || upper}}'");
    row("nothing before pipe", "{{ | upper}}", "nothing before '|' in '{{| upper}}'");
    row("all good",
        "{{header-params.Accept}} {{regex.g}} {{connection.id}} {{connection.messages}} "
        "{{counter}} {{now}} {{now 'HH'}} {{now \"epoch\"}} {{uuid}} {{random -1 1}} "
        "{{x | default 'a' | upper | lower | json}} {{json-params.first name}}",
        "");
}

void TestTemplateHelpers::problems()
{
    QFETCH(QString, text);
    QFETCH(QString, problem);
    const Template t = Template::compile(text);
    QCOMPARE(t.problems(), problem.isEmpty() ? QStringList() : QStringList { problem });
    QString rendered = render(text); // a problem never stops rendering
    Q_UNUSED(rendered);
}

void TestTemplateHelpers::problemsListedOnceInOrder()
{
    const Template t = Template::compile(
        str("{{a | uppr}} {{random 5}} {{a | uppr}} {{ a | uppr }} {{b | x | y}}"));
    QCOMPARE(t.problems().size(), 4);
    QVERIFY(t.problems().at(0).startsWith(str("unknown filter 'uppr'")));
    QVERIFY(t.problems().at(1).startsWith(str("random needs two integers")));
    QVERIFY(t.problems().at(2).startsWith(str("unknown filter 'x'")));
    QVERIFY(t.problems().at(3).startsWith(str("unknown filter 'y'")));
    // The placeholder with an unknown filter still renders its value, and other filters apply.
    const Bindings bindings { { str("a"), str("Hi") } };
    QCOMPARE(render(str("{{a | uppr}}/{{a | uppr | lower}}"), std::nullopt, nullptr, &bindings),
             str("Hi/hi"));
    QCOMPARE(render(str("{{uuid 4}}")).size(), 36); // extra arguments are ignored
}

void TestTemplateHelpers::parsedAtCompileTime()
{
    using Source = TemplateVariable::Source;
    const QList<TemplateVariable> vars
        = Template::compile(
              str("{{ header-params.User-Agent }}{{now 'HH:mm'}}{{now epoch}}{{random -5 10}}"
                  "{{json-params.a.0 | default 0 | upper | default 'x y' | json}}{{regex.g}}"))
              .variables();
    QCOMPARE(vars.size(), 6);
    QCOMPARE(vars.at(0).source, Source::HeaderParams);
    QCOMPARE(vars.at(0).expression, str("header-params.User-Agent"));
    QCOMPARE(vars.at(0).path, QStringList { str("user-agent") });
    QCOMPARE(vars.at(1).source, Source::Now);
    QCOMPARE(vars.at(1).timeFormat, TemplateVariable::TimeFormat::Custom);
    QCOMPARE(vars.at(1).format, str("HH:mm"));
    QCOMPARE(vars.at(2).timeFormat, TemplateVariable::TimeFormat::Epoch);
    QCOMPARE(vars.at(3).source, Source::Random);
    QCOMPARE(vars.at(3).lowest, qint64(-5));
    QCOMPARE(vars.at(3).highest, qint64(10));
    const TemplateVariable &filtered = vars.at(4);
    QCOMPARE(filtered.source, Source::JsonParams);
    QCOMPARE(filtered.expression, str("json-params.a.0"));
    QCOMPARE(filtered.text, str("json-params.a.0 | default 0 | upper | default 'x y' | json"));
    QCOMPARE(filtered.path, (QStringList { str("a"), str("0") }));
    QCOMPARE(filtered.filters.size(), 4);
    QCOMPARE(filtered.filters.at(0).kind, TemplateFilter::Kind::Default);
    QCOMPARE(filtered.filters.at(0).argument, QJsonValue(0));
    QCOMPARE(filtered.filters.at(1).kind, TemplateFilter::Kind::Upper);
    QCOMPARE(filtered.filters.at(2).argument, QJsonValue(str("x y")));
    QCOMPARE(filtered.filters.at(3).kind, TemplateFilter::Kind::Json);
    QCOMPARE(vars.at(5).source, Source::Regex);
    QCOMPARE(vars.at(5).path, QStringList { str("g") });
    // A name that is none of these stays a binding name, spaces and all, as before.
    const TemplateVariable other = TemplateVariable::parse(str("some thing"));
    QCOMPARE(other.source, Source::Other);
    QCOMPARE(other.expression, str("some thing"));
    QVERIFY(other.problems.isEmpty());
}

void TestTemplateHelpers::bindingsStillTakePrecedence()
{
    const Bindings bindings { { str("counter"), str("bound") },
                              { str("now"), str("then") },
                              { str("cmd"), str("say") },
                              { str("n"), 5.0 } };
    QStringList missing;
    QCOMPARE(render(str("{{counter}} {{now}} {{cmd | upper}} {{n | json}} {{connection.id}}"),
                    std::nullopt, &missing, &bindings),
             str("bound then SAY 5 42"));
    QVERIFY(missing.isEmpty());
    // lookup() gives the value before its filters.
    const IncomingMessage message(str(Message));
    QString value;
    QVERIFY(Template::lookup(TemplateVariable::parse(str("cmd | upper")),
                             serverContext(&message, &bindings), &value));
    QCOMPARE(value, str("say"));
    QVERIFY(Template::lookup(TemplateVariable::parse(str("json-params.obj | json")),
                             serverContext(&message, &bindings), &value));
    QCOMPARE(value, str("{\"k\":[1,\"x\"]}"));
}

QTEST_GUILESS_MAIN(TestTemplateHelpers)
#include "tst_templatehelpers.moc"
