#include "diagnostic.h"
#include "regexrisk.h"
#include "specloader.h"
#include "yamljson.h"

#include <QElapsedTimer>
#include <QTest>

// What the loader makes of a config written to hurt (or that would hurt by accident): each
// case is what `mocket-cli check` and the workbench's Problems show.
namespace {
const QString FileName = QStringLiteral("mocks.yml");

QStringList texts(const Diagnostics &diagnostics)
{
    QStringList out;
    for (const Diagnostic &diagnostic : diagnostics)
        out.append(diagnostic.toString());
    return out;
}

// A websocket whose on-connect anchors `value` as &big and whose rules each answer *big, one
// rule per use; *aliasLines gets the line of each alias (1-based), in order.
QByteArray aliasedRules(const QByteArray &anchored, int uses, QList<int> *aliasLines)
{
    QByteArray yaml = "- websocket:\n    path: /big\n    on-connect:\n      response: &big "
        + anchored + "\n    on-message:\n";
    for (int use = 0; use < uses; ++use) {
        yaml += "      - pattern: p" + QByteArray::number(use) + "\n";
        aliasLines->append(int(yaml.count('\n')) + 1);
        yaml += "        response: *big\n";
    }
    return yaml;
}
} // namespace

class TestHostileSpec : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void aliasesOverTheBudget_data();
    void aliasesOverTheBudget();
    void aliasesWithinTheBudget_data();
    void aliasesWithinTheBudget();
    void bareValuesInJson_data();
    void bareValuesInJson();
    void sameUrlsAmongManyEndpoints();
    void backtrackingProneGroups_data();
    void backtrackingProneGroups();
    void backtrackingPatternWarning();
};

void TestHostileSpec::aliasesOverTheBudget_data()
{
    QTest::addColumn<QByteArray>("anchored"); // what &big names
    QTest::addColumn<qint64>("bytesPerAlias"); // what each *big repeats, as counted
    QTest::addColumn<int>("uses");

    // Scaled down from 300 uses of 1 MiB: each alias repeats 256 KiB.
    const QByteArray text(256 * 1024, 'x');
    QTest::newRow("alias of a large text") << text << qint64(text.size()) << 60;
    QTest::newRow("alias of a map holding a large text")
        << QByteArray("{text: " + text + "}") << qint64(1 + 4 + text.size()) << 60;
    QTest::newRow("alias of a list of large texts")
        << QByteArray("[" + text + ", " + text + "]") << qint64(1 + 2 * text.size()) << 40;
}

// Each alias counts what it repeats, texts too; the one that takes the total over the budget
// is named, line and column, and nothing is loaded.
void TestHostileSpec::aliasesOverTheBudget()
{
    QFETCH(QByteArray, anchored);
    QFETCH(qint64, bytesPerAlias);
    QFETCH(int, uses);

    QList<int> aliasLines;
    const QByteArray yaml = aliasedRules(anchored, uses, &aliasLines);
    const qint64 budget = aliasExpansionBudget(yaml.size());
    const int crossing = int(budget / bytesPerAlias); // the first alias past the budget, 0-based
    QVERIFY2(crossing < uses, "the file must go over the budget");

    QElapsedTimer timer;
    timer.start();
    const LoadResult result = SpecLoader::loadData(yaml, FileName);
    QVERIFY2(timer.elapsed() < 5000, qPrintable(QString::number(timer.elapsed())));
    QVERIFY(!result.ok());
    const QString expected
        = QStringLiteral("mocks.yml:%1:19: error: the aliases repeat more than %L2 bytes in all "
                         "(8 MiB plus 4 times the file's size); this one goes over")
              .arg(aliasLines.at(crossing))
              .arg(budget);
    QCOMPARE(texts(result.diagnostics), QStringList { expected });
}

void TestHostileSpec::aliasesWithinTheBudget_data()
{
    QTest::addColumn<QByteArray>("yaml");
    QTest::addColumn<int>("rules");

    QTest::newRow("a few aliases of small texts")
        << QByteArray("- websocket:\n    path: /a\n    on-connect:\n      response: &hi hello\n"
                      "    on-message:\n"
                      "      - pattern: &p ping\n        response: *hi\n"
                      "      - pattern: pong\n        response: *hi\n"
                      "- websocket:\n    path: /b\n    on-message:\n"
                      "      - pattern: *p\n        response: &m {a: [1, 2], b: *hi}\n"
                      "      - pattern: again\n        response: *m\n")
        << 4;
    QList<int> lines;
    QTest::newRow("aliases of a large text, under the budget")
        << aliasedRules(QByteArray(256 * 1024, 'x'), 30, &lines) << 30;
}

void TestHostileSpec::aliasesWithinTheBudget()
{
    QFETCH(QByteArray, yaml);
    QFETCH(int, rules);

    const LoadResult result = SpecLoader::loadData(yaml, FileName);
    QVERIFY2(result.ok(), qPrintable(result.diagnosticsText()));
    QVERIFY2(result.diagnostics.isEmpty(), qPrintable(result.diagnosticsText()));
    QCOMPARE(result.spec->ruleCount(), rules);
}

namespace {
// A websocket whose one rule has pattern and response (both as YAML single-quoted text); the
// response's value is at line 5, column 19.
QString ruleYaml(const char *pattern, const char *response)
{
    return QStringLiteral(
               "- websocket:\n    path: /ws/:id\n    on-message:\n      - pattern: '%1'\n"
               "        response: '%2'\n")
        .arg(QString::fromUtf8(pattern), QString::fromUtf8(response));
}

// An HTTP endpoint on path whose body is at line 5, column 13.
QString httpYaml(const char *path, const char *body)
{
    return QStringLiteral(
               "- endpoint:\n    method: GET\n    path: %1\n    response:\n      body: '%2'\n")
        .arg(QString::fromUtf8(path), QString::fromUtf8(body));
}

QString bareWarning(const char *where, const char *placeholder)
{
    return QStringLiteral("mocks.yml:%1: warning: '{{%2}}' goes into the JSON without quotes: a "
                          "client can add keys of its own through it; write '{{%2 | json}}' to "
                          "insert one JSON value")
        .arg(QString::fromUtf8(where), QString::fromUtf8(placeholder));
}
} // namespace

void TestHostileSpec::bareValuesInJson_data()
{
    QTest::addColumn<QString>("yaml");
    QTest::addColumn<QStringList>("expected");

    QTest::newRow("json-params bare")
        << ruleYaml("{\"raw\": \"{{r}}\"}", "{\"raw\": {{json-params.raw}}}")
        << QStringList { bareWarning("5:19", "json-params.raw") };
    QTest::newRow("message bare in a list")
        << ruleYaml("hi", "[{{message}}, 1]") << QStringList { bareWarning("5:19", "message") };
    QTest::newRow("untyped path parameter bare")
        << ruleYaml("hi", "{\"id\": {{path-params.id}}}")
        << QStringList { bareWarning("5:19", "path-params.id") };
    QTest::newRow("query parameter with a default")
        << ruleYaml("hi", "{\"q\": {{query-params.q | default 0}}}")
        << QStringList { bareWarning("5:19", "query-params.q | default 0") };
    QTest::newRow("header parameter bare")
        << ruleYaml("hi", "{\"h\": {{header-params.x-id}}}")
        << QStringList { bareWarning("5:19", "header-params.x-id") };
    QTest::newRow("value the pattern binds")
        << ruleYaml("{\"v\": \"{{value}}\"}", "{\"v\": {{value}}, \"again\": {{value}}}")
        << QStringList { bareWarning("5:19", "value") };
    QTest::newRow("regex group") << ruleYaml("n=(?<n>\\d+)", "{\"n\": {{n}}, \"m\": {{regex.n}}}")
                                 << QStringList { bareWarning("5:19", "n"),
                                                  bareWarning("5:19", "regex.n") };
    QTest::newRow("json filter before another")
        << ruleYaml("hi", "{\"a\": {{json-params.a | json | upper}}}")
        << QStringList { bareWarning("5:19", "json-params.a | json | upper") };
    QTest::newRow("HTTP body, untyped path parameter")
        << httpYaml("/u/:id", "{\"id\": {{path-params.id}}}")
        << QStringList { bareWarning("5:13", "path-params.id") };

    QTest::newRow("json filter") << ruleYaml("hi", "{\"raw\": {{json-params.raw | json}}}")
                                 << QStringList();
    QTest::newRow("json filter last")
        << ruleYaml("hi", "{\"a\": {{json-params.a | upper | json}}}") << QStringList();
    QTest::newRow("quoted") << ruleYaml("hi", "{\"raw\": \"{{json-params.raw}} {{message}}\"}")
                            << QStringList();
    QTest::newRow("values the server makes")
        << ruleYaml("hi",
                    "{\"n\": {{counter}}, \"id\": {{connection.id}}, \"m\": "
                    "{{connection.messages}}, \"r\": {{random 1 6}}, \"t\": {{now epoch}}}")
        << QStringList();
    QTest::newRow("not JSON") << ruleYaml("hi", "you said {{message}} {{json-params.a}}")
                              << QStringList();
    QTest::newRow("HTTP body, typed path parameter")
        << httpYaml("/u/:id|int", "{\"id\": {{path-params.id}}}") << QStringList();
}

// check and the workbench's Problems warn where a client's text goes bare into a JSON reply.
void TestHostileSpec::bareValuesInJson()
{
    QFETCH(QString, yaml);
    QFETCH(QStringList, expected);

    const LoadResult result = SpecLoader::loadText(yaml, FileName);
    QVERIFY2(result.ok(), qPrintable(result.diagnosticsText()));
    QCOMPARE(texts(result.diagnostics), expected);
}

namespace {
// A config written item by item, each item's first line known.
class ConfigText
{
public:
    const QByteArray &yaml() const { return m_yaml; }

    // Returns the line of the path.
    int websocket(const QByteArray &path)
    {
        append("- websocket:\n");
        return append("    path: " + path + "\n");
    }
    // Returns the line of the item.
    int http(const QByteArray &method, const QByteArray &path, const QByteArray &host = {})
    {
        const int first = append("- endpoint:\n");
        append("    method: " + method + "\n");
        if (!host.isEmpty())
            append("    host: " + host + "\n");
        append("    path: " + path + "\n");
        append("    response: {body: ok}\n");
        return first;
    }

private:
    // Appends one line; returns its number.
    int append(const QByteArray &line)
    {
        m_yaml += line;
        return ++m_lines;
    }

    QByteArray m_yaml;
    int m_lines = 0;
};

QString duplicatePath(int line, const QString &path, int firstLine)
{
    return QStringLiteral("mocks.yml:%1:11: error: duplicate path '%2' (first defined at line %3)")
        .arg(line)
        .arg(path)
        .arg(firstLine);
}

QString conflictingPath(int line, const QString &path, const QString &earlier, int earlierLine)
{
    return QStringLiteral("mocks.yml:%1:11: error: path '%2' conflicts with '%3' (line %4): both "
                          "match the same URLs")
        .arg(line)
        .arg(path, earlier)
        .arg(earlierLine);
}

QString shadowed(int line, const QString &label, const QString &earlier, int earlierLine)
{
    return QStringLiteral("mocks.yml:%1:11: warning: '%2' is shadowed by '%3' (line %4), which "
                          "answers the same requests; it is never used")
        .arg(line)
        .arg(label, earlier)
        .arg(earlierLine);
}

QString str(const QByteArray &text)
{
    return QString::fromUtf8(text);
}
} // namespace

// Among a few thousand endpoints, each one that serves URLs an earlier one serves is reported
// against the earlier one that is kept: a duplicate, a conflict, an HTTP endpoint shadowed.
void TestHostileSpec::sameUrlsAmongManyEndpoints()
{
    constexpr int Count = 2000;
    ConfigText config;
    QList<int> wsLines;
    QList<int> httpLines;
    for (int index = 0; index < Count; ++index) {
        const QByteArray number = QByteArray::number(index);
        wsLines.append(config.websocket("/ws/" + number + "/:id"));
        httpLines.append(config.http("GET", "/api/" + number + "/:id"));
    }
    QStringList expected;
    for (int index = 0; index < Count; index += 97) {
        const QByteArray number = QByteArray::number(index);
        const QByteArray kept = "/ws/" + number + "/:id";
        int line = config.websocket(kept);
        expected.append(duplicatePath(line, str(kept), wsLines.at(index)));
        const QByteArray other = "/ws/" + number + "/:other";
        line = config.websocket(other);
        expected.append(conflictingPath(line, str(other), str(kept), wsLines.at(index)));
        // Not kept: the same path again conflicts with the one that is, still.
        line = config.websocket(other);
        expected.append(conflictingPath(line, str(other), str(kept), wsLines.at(index)));
        config.websocket("/ws/" + number + "/literal"); // a literal is no parameter
        config.websocket("/ws/" + number + "/:id/"); // nor is a trailing slash

        const QByteArray api = "/api/" + number + "/:id";
        const QString first = QStringLiteral("GET ") + str(api);
        line = config.http("GET", "/api/" + number + "/:n");
        expected.append(shadowed(line + 2, QStringLiteral("GET /api/%1/:n").arg(index), first,
                                 httpLines.at(index)));
        line = config.http("GET", api); // shadowed by the first, not by the one just before
        expected.append(shadowed(line + 2, first, first, httpLines.at(index)));
        config.http("POST", api); // another method
        config.http("GET", api, "a.example"); // bound to a host
        config.http("GET", "/api/" + number + "/:id|int"); // typed
    }

    const LoadResult result = SpecLoader::loadData(config.yaml(), FileName);
    QCOMPARE(texts(result.diagnostics), expected);
}

void TestHostileSpec::backtrackingProneGroups_data()
{
    QTest::addColumn<QString>("pattern");
    QTest::addColumn<int>("group"); // offset of the prone group's "(", -1 for none

    auto row = [](const char *name, const char *pattern, int group) {
        QTest::newRow(name) << QString::fromUtf8(pattern) << group;
    };
    row("(a+)+", "(a+)+", 0);
    row("(a*)*", "(a*)*", 0);
    row("(a|a)*", "(a|a)*", 0);
    row("(.*)*", "(.*)*", 0);
    row("(\\w+\\s?)*", "(\\w+\\s?)*", 0);
    row("anchored, after text", "^id=(\\d+)*$", 4);
    row("x+x+ repeated", "(x+x+)+y", 0);
    row("class repeated twice", "([a-z]+)*!", 0);
    row("alternative begins with another", "(a|ab)+c", 0);
    row("named, non-capturing", "(?<n>(?:\\w+\\s*)+)$", 5);
    row("bounded above, at least n", "(a+){2,}", 0);
    row("inner group repeats alone", "((a+)b?)*", 0);
    row("lazy quantifiers", "(a+?)+?", 0);
    row("only the second group", "(ab)+-(c+)*", 6);
    row("inside a lookahead", "(?=(a+)+)b", 3);

    row("no group repeated", "a+a+b", -1);
    row("a group not repeated", "^(\\d+)$", -1);
    row("separator must match", "(\\d+,)*\\d+", -1);
    row("alternatives differ", "(ab|cd)*", -1);
    row("bounded repetition", "(a+){1,3}", -1);
    row("optional group", "(a+)?", -1);
    row("atomic group", "(?>a+)+", -1);
    row("possessive inner", "(a++)+", -1);
    row("possessive outer", "(a+)++", -1);
    row("escaped parentheses", "\\(a+\\)+", -1);
    row("parentheses in a class", "[(]a+[)]+", -1);
    row("class holding ]", "([]a]b)+", -1);
    row("quantifier chars quoted", "(\\Q+*\\E)+", -1);
    row("inline flags", "(?i)(ab)+", -1);
    row("comment", "(?#(a+)+)x", -1);
    row("braces as text", "(a{x})+", -1);
    row("unclosed group", "(a+", -1);
    row("trailing backslash", "(a)+\\", -1);
}

// The heuristic over a pattern's text: which groups it calls prone to backtracking.
void TestHostileSpec::backtrackingProneGroups()
{
    QFETCH(QString, pattern);
    QFETCH(int, group);

    QCOMPARE(backtrackingProneGroup(pattern), qsizetype(group));
}

// check and the workbench's Problems name the pattern and the group; a fine regex, a JSON
// pattern and a text pattern that is no regex get nothing.
void TestHostileSpec::backtrackingPatternWarning()
{
    const QString yaml = QStringLiteral("- websocket:\n    path: /ws\n    on-message:\n"
                                        "      - pattern: 'id=(\\d+)*!'\n        response: one\n"
                                        "      - pattern: '(\\d+,)*\\d+'\n        response: two\n"
                                        "      - pattern: '{\"a\": \"{{x}}\"}'\n"
                                        "        response: three\n"
                                        "      - pattern: ping\n        response: four\n");
    const LoadResult result = SpecLoader::loadText(yaml, FileName);
    QVERIFY2(result.ok(), qPrintable(result.diagnosticsText()));
    QCOMPARE(texts(result.diagnostics),
             QStringList { QStringLiteral(
                 "mocks.yml:4:18: warning: pattern is prone to catastrophic backtracking: the "
                 "group at offset 3 is repeated and holds a repetition of its own or "
                 "alternatives that match alike (as (a+)+ and (a|a)* do), so a message that "
                 "almost matches can take seconds; repeat one thing once (a+ instead of (a+)+)") });
}

QTEST_GUILESS_MAIN(TestHostileSpec)
#include "tst_hostilespec.moc"
