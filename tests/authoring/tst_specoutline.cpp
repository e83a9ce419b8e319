#include "mockspec.h"
#include "specloader.h"
#include "specoutline.h"
#include "testfiles.h"

#include <QTest>

#include <tuple>

Q_DECLARE_METATYPE(SpecEdits::KeyValues)
Q_DECLARE_METATYPE(YamlValue)

namespace {
QString y(const char *text)
{
    return QString::fromUtf8(text);
}

// The test config, in pieces so that expected texts can be put together from them.
QString pingRule()
{
    return y("      # ping rule\n"
             "      - pattern: ping  # pattern tail\n"
             "        response: pong  # reply tail\n");
}

QString jsonRule()
{
    return y("      # json rule\n"
             "      - pattern: '{\"echo\": \"{{json-params.echo}}\"}'\n"
             "        response: \"{\\\"echoed\\\": \\\"{{json-params.echo}}\\\"}\"\n"
             "        # after the json rule\n");
}

QString echoItem(const char *path)
{
    return y("- websocket:\n"
             "    path: ")
        + y(path)
        + y("  # path comment\n"
            "    # greeting next\n"
            "    on-connect:\n"
            "      # greeting comment\n"
            "      response: hello  # greeting tail\n"
            "    on-message:\n")
        + pingRule() + jsonRule();
}

QString echoBlock()
{
    return y("# Echo endpoint\n") + echoItem("/ws/echo");
}

QString httpBlock()
{
    return y("# HTTP item, left alone\n"
             "- endpoint:\n"
             "    method: GET\n"
             "    path: /hello\n");
}

QString roomItem(const char *path)
{
    return y("- websocket:\n"
             "    path: ")
        + y(path)
        + y("\n"
            "    on-message:\n"
            "      - pattern: |\n"
            "          multi\n"
            "          line\n"
            "        response:\n"
            "          room: \"{{path-params.room}}\"\n"
            "          joined: true\n");
}

QString roomBlock()
{
    return y("# Room endpoint\n") + roomItem("/ws/room/:room");
}

// Comments everywhere: above items and keys, after values, between and after rules.
QString commented()
{
    return y("# Mocket test config: comments everywhere\n"
             "# (the header stays put)\n"
             "\n")
        + echoBlock() + y("\n") + httpBlock() + y("\n") + roomBlock() + y("# footer comment\n");
}

QString fourItem(const char *path)
{
    return y("-   websocket:\n"
             "        path: ")
        + y(path)
        + y("  # 😀\n"
            "        on-connect:\n"
            "            response: {msg: \"Olá Júlia 😀\", n: 1}  # flow map\n"
            "        on-message:\n"
            "            -   pattern: x\n"
            "                response: >\n"
            "                    folded\n"
            "                    text\n");
}

// 4-space indentation, UTF-8 before every edited node, a file without comments at its end.
QString four()
{
    return y("# four-space file, Júlia 😀 was here\n") + fourItem("/ws/olá")
        + y("\n"
            "# bare endpoint\n"
            "-   websocket:\n"
            "        path: /b\n");
}

QString crlf()
{
    return y("# crlf\r\n"
             "- websocket:\r\n"
             "    path: /a\r\n"
             "    on-message:\r\n"
             "      - pattern: a\r\n"
             "        response: b  # tail\r\n");
}

// Flow collections, a list indented like its key, a "~" value.
QString flow()
{
    return y("- websocket:\n"
             "    path: /f\n"
             "    on-connect: ~  # none yet\n"
             "    on-message:\n"
             "    - {pattern: a, response: b}\n"
             "    - pattern: c\n"
             "      response: d\n"
             "- websocket: {path: /g, on-connect: {response: hi}}\n");
}

// The keys beyond the spec, with comments around them.
QString extended()
{
    return y("# extended keys\n"
             "- websocket:\n"
             "    path: /x\n"
             "    subprotocols: [a, b]  # offered\n"
             "    on-connect:\n"
             "      frames:\n"
             "        - hello\n"
             "        - binary: AAEC\n"
             "          delay: 1s\n"
             "      to: others\n"
             "    streams:\n"
             "      - every: 1s\n"
             "        frames: [tick]\n"
             "    on-message:\n"
             "      # slow rule\n"
             "      - pattern: slow\n"
             "        response: late  # tail\n"
             "        delay: 250ms   # wait\n"
             "        close: {code: 4000, reason: bye}\n"
             "      - binary: any\n"
             "        frames:\n"
             "          - binary: AQI=\n"
             "      - {pattern: f, response: g, to: endpoint}\n"
             "# footer\n");
}

YamlValue text(const char *t)
{
    return YamlValue::scalar(y(t));
}

YamlValue verbatim(const char *t)
{
    return YamlValue::verbatim(y(t));
}

QString describeReply(const Reply &reply)
{
    QStringList parts;
    if (!reply.delay.isZero())
        parts << QStringLiteral("delay=") + reply.delay.text();
    if (reply.to != Audience::Sender)
        parts << (reply.to == Audience::Others ? QStringLiteral("to=others")
                                               : QStringLiteral("to=endpoint"));
    if (reply.closeCode)
        parts << QStringLiteral("close=%1").arg(reply.closeCode)
                + (reply.closeReason.isEmpty() ? QString() : QLatin1Char('/') + reply.closeReason);
    QStringList frames;
    for (const ReplyFrame &f : reply.frames)
        frames << (f.isBinary ? QStringLiteral("b:") + QString::fromLatin1(f.binary.toBase64())
                              : QStringLiteral("t:") + f.text.source())
                + (f.delay.isZero() ? QString() : QLatin1Char('@') + f.delay.text());
    if (!frames.isEmpty())
        parts << QStringLiteral("frames=") + frames.join(QLatin1Char('|'));
    return parts.join(QLatin1Char(' '));
}

// What the loader made of a rule, on-connect or endpoint, in one line.
QString describeLoaded(const MockSpec &spec, int kind, int e, int r)
{
    if (e < 0 || e >= spec.endpoints.size())
        return QStringLiteral("<no endpoint>");
    const Endpoint &ep = spec.endpoints.at(e);
    QStringList parts;
    if (kind == 1) {
        if (ep.greeting)
            parts << QStringLiteral("response=") + ep.greeting->source();
        parts << describeReply(ep.greetingReply);
    } else if (kind == 2) {
        parts << QStringLiteral("subprotocols=") + ep.subprotocols.join(QLatin1Char(','));
        for (const Stream &st : ep.streams) {
            QStringList frames;
            for (const ReplyFrame &f : st.frames)
                frames << f.text.source();
            parts << QStringLiteral("stream=%1%2%3:%4")
                         .arg(st.intervalMs)
                         .arg(st.toAll ? QStringLiteral(",all") : QString())
                         .arg(st.once ? QStringLiteral(",once") : QString())
                         .arg(frames.join(QLatin1Char('|')));
        }
    } else {
        if (r < 0 || r >= ep.rules.size())
            return QStringLiteral("<no rule>");
        const Rule &rule = ep.rules.at(r);
        parts << (rule.matchesBinary ? QStringLiteral("binary:")
                          + (rule.binaryPrefix.isEmpty()
                                 ? QStringLiteral("any")
                                 : QString::fromLatin1(rule.binaryPrefix.toHex()))
                                     : QStringLiteral("pattern:") + rule.pattern.source());
        if (rule.hasResponse)
            parts << QStringLiteral("response=") + rule.response.source();
        parts << describeReply(rule.reply);
    }
    parts.removeAll(QString());
    return parts.join(QLatin1Char(' '));
}

enum class Op {
    Path,
    Greeting,
    Pattern,
    Response,
    AddEndpoint,
    RemoveEndpoint,
    DuplicateEndpoint,
    MoveEndpoint,
    AddRule,
    RemoveRule,
    DuplicateRule,
    MoveRule,
};

TextEdit run(Op op, const QString &yaml, const SpecOutline &o, int e, int r, int delta,
             const QString &value, const QString &value2)
{
    switch (op) {
    case Op::Path:
        return SpecEdits::setPath(yaml, o, e, value);
    case Op::Greeting:
        return SpecEdits::setGreeting(yaml, o, e, value);
    case Op::Pattern:
        return SpecEdits::setRulePattern(yaml, o, e, r, value);
    case Op::Response:
        return SpecEdits::setRuleResponse(yaml, o, e, r, value);
    case Op::AddEndpoint:
        return SpecEdits::addEndpoint(yaml, o, value);
    case Op::RemoveEndpoint:
        return SpecEdits::removeEndpoint(yaml, o, e);
    case Op::DuplicateEndpoint:
        return SpecEdits::duplicateEndpoint(yaml, o, e);
    case Op::MoveEndpoint:
        return SpecEdits::moveEndpoint(yaml, o, e, delta);
    case Op::AddRule:
        return SpecEdits::addRule(yaml, o, e, value, value2);
    case Op::RemoveRule:
        return SpecEdits::removeRule(yaml, o, e, r);
    case Op::DuplicateRule:
        return SpecEdits::duplicateRule(yaml, o, e, r);
    case Op::MoveRule:
        return SpecEdits::moveRule(yaml, o, e, r, delta);
    }
    return {};
}

// What the outline says about one thing, as text: a value, or a list of them joined by ",".
QString describe(const SpecOutline &o, int e, int r, const QString &name)
{
    if (name == QLatin1String("paths")) {
        QStringList paths;
        for (const EndpointOutline &ep : o.endpoints)
            paths.append(ep.pathValue);
        return paths.join(QLatin1Char(','));
    }
    if (e < 0 || e >= o.endpoints.size())
        return QStringLiteral("<no endpoint>");
    const EndpointOutline &ep = o.endpoints.at(e);
    if (name == QLatin1String("path"))
        return ep.pathValue;
    if (name == QLatin1String("greeting"))
        return ep.hasGreeting ? ep.greetingValue : QStringLiteral("<none>");
    if (name == QLatin1String("patterns")) {
        QStringList patterns;
        for (const RuleOutline &rule : ep.rules)
            patterns.append(rule.patternValue);
        return patterns.join(QLatin1Char(','));
    }
    if (r < 0 || r >= ep.rules.size())
        return QStringLiteral("<no rule>");
    if (name == QLatin1String("pattern"))
        return ep.rules.at(r).patternValue;
    if (name == QLatin1String("response"))
        return ep.rules.at(r).responseValue;
    return QStringLiteral("<unknown field>");
}

// Diagnostics without their places, which move when lines are added.
QStringList messages(const Diagnostics &diagnostics)
{
    QStringList out;
    for (const Diagnostic &d : diagnostics)
        out.append((d.isError() ? QStringLiteral("error: ") : QStringLiteral("warning: "))
                   + d.message);
    return out;
}

QString mid(const QString &text, const TextRange &range)
{
    return range.isValid() ? text.mid(range.start, range.end - range.start)
                           : QStringLiteral("<invalid>");
}
} // namespace

class TestSpecOutline : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void example_data();
    void example();
    void exampleStructure();
    void valuesMatchLoader_data();
    void valuesMatchLoader();
    void offsets_data();
    void offsets();
    void syntaxError();
    void unclosedQuoteIsAnError();
    void repeatedKeysAsTheLoader();
    void edits_data();
    void edits();
    void nullEdits_data();
    void nullEdits();
    void quoted_data();
    void quoted();
    void roundTrip_data();
    void roundTrip();
    void keyValues();
    void keyEdits_data();
    void keyEdits();
    void nullKeyEdits();
    void renderedValuesReadBack_data();
    void renderedValuesReadBack();
    void keyEditFindings_data();
    void keyEditFindings();
    void repeatedKeyEditsTheOneInUse();
    void httpEndpointOutline();
    void httpEdits_data();
    void httpEdits();
    void httpEditsAreVerified();
};

void TestSpecOutline::example_data()
{
    QTest::addColumn<int>("endpoint");
    QTest::addColumn<int>("rule"); // -1: a field of the endpoint
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("text"); // yaml.mid(range)
    QTest::addColumn<QString>("value"); // decoded; null: not checked

    QTest::newRow("endpoint 0 item")
        << 0 << -1 << y("item")
        << y("- websocket:\n"
             "    path: /ws/echo\n"
             "    on-connect:\n"
             "      # Message sent when client connects\n"
             "      response: '{\"status\": \"connected\", \"message\": \"Welcome to WebSocket "
             "Echo!\"}'\n"
             "    on-message:\n"
             "      # Simple echo for \"ping\" message\n"
             "      - pattern: \"ping\"\n"
             "        response: \"pong\"\n"
             "      # Echo any JSON content with \"echo\" field\n"
             "      - pattern: '{\"echo\": \"{{json-params.echo}}\"}'\n"
             "        response: '{\"echoed\": \"{{json-params.echo}}\"}'\n")
        << QString();
    QTest::newRow("endpoint 0 comments")
        << 0 << -1 << y("comments") << y("# WebSocket echo server\n") << QString();
    QTest::newRow("endpoint 0 path") << 0 << -1 << y("path") << y("/ws/echo") << y("/ws/echo");
    QTest::newRow("endpoint 0 greeting")
        << 0 << -1 << y("greeting")
        << y("'{\"status\": \"connected\", \"message\": \"Welcome to WebSocket Echo!\"}'")
        << y("{\"status\": \"connected\", \"message\": \"Welcome to WebSocket Echo!\"}");
    QTest::newRow("endpoint 0 on-message")
        << 0 << -1 << y("onMessageKey") << y("on-message") << QString();
    QTest::newRow("rule 0.0 item")
        << 0 << 0 << y("item") << y("- pattern: \"ping\"\n        response: \"pong\"\n")
        << QString();
    QTest::newRow("rule 0.0 comments")
        << 0 << 0 << y("comments") << y("      # Simple echo for \"ping\" message\n") << QString();
    QTest::newRow("rule 0.0 pattern") << 0 << 0 << y("pattern") << y("\"ping\"") << y("ping");
    QTest::newRow("rule 0.0 response") << 0 << 0 << y("response") << y("\"pong\"") << y("pong");
    QTest::newRow("rule 0.1 pattern")
        << 0 << 1 << y("pattern") << y("'{\"echo\": \"{{json-params.echo}}\"}'")
        << y("{\"echo\": \"{{json-params.echo}}\"}");
    QTest::newRow("rule 0.1 response")
        << 0 << 1 << y("response") << y("'{\"echoed\": \"{{json-params.echo}}\"}'")
        << y("{\"echoed\": \"{{json-params.echo}}\"}");
    QTest::newRow("endpoint 1 comments")
        << 1 << -1 << y("comments")
        << y("# Templates: path parameters in the greeting and the replies\n") << QString();
    QTest::newRow("endpoint 1 path")
        << 1 << -1 << y("path") << y("/ws/user/:username") << y("/ws/user/:username");
    QTest::newRow("endpoint 1 greeting")
        << 1 << -1 << y("greeting")
        << y("'{\"status\": \"connected\", \"message\": \"Welcome, {{path-params.username}}!\"}'")
        << y("{\"status\": \"connected\", \"message\": \"Welcome, {{path-params.username}}!\"}");
    QTest::newRow("rule 1.0 item")
        << 1 << 0 << y("item")
        << y("- pattern: '{\"action\": \"get-profile\"}'\n"
             "        response: '{\"user\": \"{{path-params.username}}\", \"profile\": "
             "{\"joined\": \"2025-03-20\"}}'\n")
        << QString();
    QTest::newRow("rule 1.0 comments") << 1 << 0 << y("comments") << y("<invalid>") << QString();
    QTest::newRow("rule 1.0 response")
        << 1 << 0 << y("response")
        << y("'{\"user\": \"{{path-params.username}}\", \"profile\": {\"joined\": "
             "\"2025-03-20\"}}'")
        << y("{\"user\": \"{{path-params.username}}\", \"profile\": {\"joined\": \"2025-03-20\"}}");
}

void TestSpecOutline::example()
{
    QFETCH(int, endpoint);
    QFETCH(int, rule);
    QFETCH(QString, field);
    QFETCH(QString, text);
    QFETCH(QString, value);

    const QString yaml = readExample(QStringLiteral("mocks.yml"));
    QVERIFY(!yaml.isEmpty());
    const SpecOutline outline = SpecOutline::parse(yaml);
    QVERIFY(outline.ok());
    QVERIFY(endpoint < outline.endpoints.size());
    const EndpointOutline &ep = outline.endpoints.at(endpoint);
    TextRange range;
    QString decoded;
    if (rule < 0) {
        if (field == QLatin1String("item"))
            range = ep.item;
        else if (field == QLatin1String("comments"))
            range = ep.comments;
        else if (field == QLatin1String("path"))
            std::tie(range, decoded) = std::tie(ep.path, ep.pathValue);
        else if (field == QLatin1String("greeting"))
            std::tie(range, decoded) = std::tie(ep.greeting, ep.greetingValue);
        else if (field == QLatin1String("onMessageKey"))
            range = ep.onMessageKey;
    } else {
        QVERIFY(rule < ep.rules.size());
        const RuleOutline &r = ep.rules.at(rule);
        if (field == QLatin1String("item"))
            range = r.item;
        else if (field == QLatin1String("comments"))
            range = r.comments;
        else if (field == QLatin1String("pattern"))
            std::tie(range, decoded) = std::tie(r.pattern, r.patternValue);
        else if (field == QLatin1String("response"))
            std::tie(range, decoded) = std::tie(r.response, r.responseValue);
    }
    QCOMPARE(mid(yaml, range), text);
    if (!value.isNull())
        QCOMPARE(decoded, value);
}

void TestSpecOutline::exampleStructure()
{
    const QString yaml = readExample(QStringLiteral("mocks.yml"));
    const SpecOutline outline = SpecOutline::parse(yaml);
    QVERIFY(outline.ok());
    QVERIFY(outline.blockList);
    QCOMPARE(outline.items.size(), 2);
    QCOMPARE(outline.endpoints.size(), 2);
    QCOMPARE(outline.endpoints.at(0).line, 5);
    QCOMPARE(outline.endpoints.at(1).line, 19);
    QCOMPARE(outline.endpoints.at(1).itemIndex, 1);
    QVERIFY(outline.endpoints.at(0).hasGreeting);
    QCOMPARE(outline.endpoints.at(0).keyIndent, 4);
    QVERIFY(outline.endpoints.at(0).rulesBlock);
    QCOMPARE(outline.endpoints.at(0).rules.size(), 2);
    QCOMPARE(outline.endpoints.at(0).rules.at(0).line, 12);
    QCOMPARE(outline.endpoints.at(0).rules.at(1).line, 15);
    QCOMPARE(outline.endpoints.at(1).rules.size(), 1);
    QCOMPARE(outline.endpoints.at(1).rules.at(0).line, 24);
    // The lines the loader reports for rules are the outline's.
    const LoadResult loaded = SpecLoader::loadText(yaml, QStringLiteral("mocks.yml"));
    QVERIFY(loaded.ok());
    QCOMPARE(loaded.spec->endpoints.at(0).rules.at(1).location.line, 15);

    // The HTTP item of the commented config counts among the items but is no endpoint.
    const SpecOutline other = SpecOutline::parse(commented());
    QCOMPARE(other.items.size(), 3);
    QCOMPARE(other.endpoints.size(), 2);
    QCOMPARE(other.endpoints.at(1).itemIndex, 2);
    QCOMPARE(mid(commented(), other.items.at(1).item),
             y("- endpoint:\n    method: GET\n    path: /hello\n"));
    QCOMPARE(mid(commented(), other.endpoints.at(0).rules.at(1).item),
             y("- pattern: '{\"echo\": \"{{json-params.echo}}\"}'\n"
               "        response: \"{\\\"echoed\\\": \\\"{{json-params.echo}}\\\"}\"\n"
               "        # after the json rule\n"));
    QCOMPARE(mid(commented(), other.endpoints.at(1).rules.at(0).pattern),
             y("|\n          multi\n          line"));
    QCOMPARE(other.endpoints.at(1).rules.at(0).responseValue,
             y("{\"room\":\"{{path-params.room}}\",\"joined\":true}"));
}

void TestSpecOutline::valuesMatchLoader_data()
{
    QTest::addColumn<QString>("yaml");
    QTest::newRow("mocks.yml") << readExample(QStringLiteral("mocks.yml"));
    QTest::newRow("ticker.yml: conversation keys") << readExample(QStringLiteral("ticker.yml"));
    QTest::newRow("commented") << commented();
    QTest::newRow("four spaces") << four();
    QTest::newRow("crlf") << crlf();
    QTest::newRow("flow") << flow();
}

void TestSpecOutline::valuesMatchLoader()
{
    QFETCH(QString, yaml);
    const LoadResult loaded = SpecLoader::loadText(yaml, QStringLiteral("t.yml"));
    QVERIFY2(loaded.ok(), qPrintable(loaded.diagnosticsText()));
    const SpecOutline outline = SpecOutline::parse(yaml);
    QVERIFY(outline.ok());
    QCOMPARE(outline.endpoints.size(), loaded.spec->endpoints.size());
    for (int i = 0; i < outline.endpoints.size(); ++i) {
        const EndpointOutline &ep = outline.endpoints.at(i);
        const Endpoint &spec = loaded.spec->endpoints.at(i);
        QCOMPARE(ep.pathValue, spec.path.text());
        QCOMPARE(ep.hasGreeting, spec.greeting.has_value());
        if (spec.greeting)
            QCOMPARE(ep.greetingValue, spec.greeting->source());
        QCOMPARE(ep.rules.size(), spec.rules.size());
        for (int r = 0; r < ep.rules.size(); ++r) {
            QCOMPARE(ep.rules.at(r).patternValue, spec.rules.at(r).pattern.source());
            QCOMPARE(ep.rules.at(r).responseValue, spec.rules.at(r).response.source());
            QCOMPARE(ep.rules.at(r).line, spec.rules.at(r).location.line);
        }
    }
}

void TestSpecOutline::offsets_data()
{
    QTest::addColumn<bool>("bom");
    QTest::addColumn<bool>("windows");
    QTest::newRow("utf-8") << false << false;
    QTest::newRow("utf-8 with bom") << true << false;
    QTest::newRow("crlf") << false << true;
    QTest::newRow("crlf with bom") << true << true;
}

// yaml-cpp counts UTF-8 bytes; ranges are UTF-16 offsets, whatever comes before.
void TestSpecOutline::offsets()
{
    QFETCH(bool, bom);
    QFETCH(bool, windows);
    const QString eol = windows ? y("\r\n") : y("\n");
    QString yaml = QStringList { y("# Júlia 😀"),
                                 y("- websocket:"),
                                 y("    path: /ws/olá  # 😀😀"),
                                 y("    on-connect:"),
                                 y("      response: \"Olá Júlia 😀\"  # 😀"),
                                 y("    on-message:"),
                                 y("      - pattern: '😀 ''x'''"),
                                 y("        response: ok 😀  # 😀"),
                                 QString() }
                       .join(eol);
    if (bom)
        yaml.prepend(QChar(0xfeff));

    const SpecOutline outline = SpecOutline::parse(yaml);
    QVERIFY(outline.ok());
    QCOMPARE(outline.endpoints.size(), 1);
    const EndpointOutline &ep = outline.endpoints.first();
    QCOMPARE(mid(yaml, ep.path), y("/ws/olá"));
    QCOMPARE(mid(yaml, ep.greeting), y("\"Olá Júlia 😀\""));
    QCOMPARE(ep.greetingValue, y("Olá Júlia 😀"));
    QCOMPARE(mid(yaml, ep.comments), y("# Júlia 😀") + eol);
    QCOMPARE(mid(yaml, ep.rules.first().pattern), y("'😀 ''x'''"));
    QCOMPARE(ep.rules.first().patternValue, y("😀 'x'"));
    QCOMPARE(mid(yaml, ep.rules.first().response), y("ok 😀"));
    QCOMPARE(mid(yaml, ep.rules.first().item),
             y("- pattern: '😀 ''x'''") + eol + y("        response: ok 😀  # 😀") + eol);

    const QString result
        = SpecEdits::apply(yaml, SpecEdits::setRuleResponse(yaml, outline, 0, 0, y("Júlia")));
    QString expected = yaml;
    expected.replace(y("ok 😀  #"), y("Júlia  #"));
    QCOMPARE(result, expected);
    QCOMPARE(SpecOutline::parse(result).endpoints.first().rules.first().responseValue, y("Júlia"));
}

void TestSpecOutline::syntaxError()
{
    const QString yaml = y("- websocket:\n    path: /ws/echo\n   on-connect: x\n");
    const SpecOutline outline = SpecOutline::parse(yaml);
    QVERIFY(!outline.ok());
    QCOMPARE(outline.error(), y("YAML syntax error: end of map not found"));
    QCOMPARE(outline.errorLine(), 3);
    QVERIFY(outline.endpoints.isEmpty());
    QVERIFY(SpecEdits::addEndpoint(yaml, outline, y("/a")).isNull());

    const SpecOutline empty = SpecOutline::parse(QString());
    QVERIFY(empty.ok());
    QVERIFY(empty.blockList);
    QVERIFY(empty.endpoints.isEmpty());
}

// yaml-cpp reads a quote left open to the end of the text as a scalar swallowing the rest; the
// loader rejects it, so the outline does too (else an edit appended after it vanishes).
void TestSpecOutline::unclosedQuoteIsAnError()
{
    const QString yaml = y("- websocket:\n    path: /a\n    on-connect:\n      response: 'hi\n");
    QVERIFY(!SpecLoader::loadText(yaml, QStringLiteral("t.yml")).ok());
    const SpecOutline outline = SpecOutline::parse(yaml);
    QVERIFY(!outline.ok());
    QCOMPARE(outline.errorLine(), 4);
    QVERIFY(outline.error().contains(QStringLiteral("closing quote")));
    QVERIFY(SpecEdits::addEndpoint(yaml, outline, y("/b")).isNull());
}

// A key given twice: the loader takes the last, and so does the outline.
void TestSpecOutline::repeatedKeysAsTheLoader()
{
    const QString yaml
        = y("- websocket:\n"
            "    path: /a\n"
            "    on-connect:\n      response: first\n"
            "    on-message:\n      - pattern: a\n        response: b\n"
            "    path: /b\n"
            "    on-connect:\n      response: second\n"
            "    on-message:\n      - pattern: c\n        response: d\n        response: e\n");
    const LoadResult loaded = SpecLoader::loadText(yaml, QStringLiteral("t.yml"));
    QVERIFY2(loaded.ok(), qPrintable(loaded.diagnosticsText()));
    const SpecOutline outline = SpecOutline::parse(yaml);
    QVERIFY(outline.ok());
    QCOMPARE(outline.endpoints.size(), 1);
    const EndpointOutline &ep = outline.endpoints.first();
    const Endpoint &spec = loaded.spec->endpoints.first();
    QCOMPARE(ep.pathValue, spec.path.text());
    QCOMPARE(ep.pathValue, y("/b"));
    QCOMPARE(ep.greetingValue, spec.greeting->source());
    QCOMPARE(ep.greetingValue, y("second"));
    QCOMPARE(ep.rules.size(), spec.rules.size());
    QCOMPARE(ep.rules.size(), 1);
    QCOMPARE(ep.rules.first().patternValue, y("c"));
    QCOMPARE(ep.rules.first().responseValue, spec.rules.first().response.source());
    QCOMPARE(ep.rules.first().responseValue, y("e"));

    // Removing the greeting would leave the first on-connect in force: refused.
    QVERIFY(SpecEdits::setGreeting(yaml, outline, 0, QString()).isNull());
    // A rule's response: the one the loader reads changes, the other stays.
    const TextEdit edit = SpecEdits::setRuleResponse(yaml, outline, 0, 0, y("f"));
    QVERIFY(!edit.isNull());
    const QString result = SpecEdits::apply(yaml, edit);
    QVERIFY(result.contains(y("response: d\n        response: f\n")));
    QCOMPARE(SpecLoader::loadText(result, QStringLiteral("t.yml"))
                 .spec->endpoints.first()
                 .rules.first()
                 .response.source(),
             y("f"));
}

void TestSpecOutline::edits_data()
{
    QTest::addColumn<QString>("yaml");
    QTest::addColumn<int>("op");
    QTest::addColumn<int>("endpoint");
    QTest::addColumn<int>("rule");
    QTest::addColumn<int>("delta");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("value2");
    // The whole expected text: yaml with its only occurrence of "from" turned into "to".
    QTest::addColumn<QString>("from");
    QTest::addColumn<QString>("to");
    QTest::addColumn<QString>("replaced"); // exactly the text the edit replaces
    QTest::addColumn<QString>("keep"); // an unrelated comment that must survive
    QTest::addColumn<int>("checkEndpoint");
    QTest::addColumn<int>("checkRule");
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("expected"); // field() of the new outline

    const QString none;
    auto row = [](const char *name) -> QTestData & { return QTest::newRow(name); };

    // Scalars: only the value's text changes; comments after it stay.
    row("path") << commented() << int(Op::Path) << 0 << -1 << 0 << y("/ws/écho") << none
                << y("path: /ws/echo  #") << y("path: /ws/écho  #") << y("/ws/echo")
                << y("# path comment") << 0 << -1 << y("path") << y("/ws/écho");
    row("path with a parameter") << commented() << int(Op::Path) << 1 << -1 << 0
                                 << y("/rooms/:room") << none << y("path: /ws/room/:room\n")
                                 << y("path: /rooms/:room\n") << y("/ws/room/:room")
                                 << y("# Room endpoint") << 1 << -1 << y("path")
                                 << y("/rooms/:room");
    row("greeting with a hash") << commented() << int(Op::Greeting) << 0 << -1 << 0
                                << y("bye # not a comment") << none << y("response: hello  #")
                                << y("response: 'bye # not a comment'  #") << y("hello")
                                << y("# greeting tail") << 0 << -1 << y("greeting")
                                << y("bye # not a comment");
    row("pattern") << commented() << int(Op::Pattern) << 0 << 0 << 0 << y("pi:ng") << none
                   << y("pattern: ping  #") << y("pattern: pi:ng  #") << y("ping")
                   << y("# pattern tail") << 0 << 0 << y("pattern") << y("pi:ng");
    row("response json") << commented() << int(Op::Response) << 0 << 0 << 0 << y("{\"a\": 1}")
                         << none << y("response: pong  #") << y("response: '{\"a\": 1}'  #")
                         << y("pong") << y("# reply tail") << 0 << 0 << y("response")
                         << y("{\"a\": 1}");
    row("response over a block map")
        << commented() << int(Op::Response) << 1 << 0 << 0 << y("x") << none
        << y("        response:\n          room: \"{{path-params.room}}\"\n          joined: "
             "true\n")
        << y("        response: x\n")
        << y("\n          room: \"{{path-params.room}}\"\n          joined: true")
        << y("# footer comment") << 1 << 0 << y("response") << y("x");
    row("block scalar stays one") << commented() << int(Op::Pattern) << 1 << 0 << 0
                                  << y("one\ntwo\n") << none
                                  << y("|\n          multi\n          line\n")
                                  << y("|\n          one\n          two\n")
                                  << y("|\n          multi\n          line")
                                  << y("# footer comment") << 1 << 0 << y("pattern")
                                  << y("one\ntwo\n");
    row("block scalar to plain") << commented() << int(Op::Pattern) << 1 << 0 << 0 << y("single")
                                 << none << y("pattern: |\n          multi\n          line\n")
                                 << y("pattern: single\n")
                                 << y("|\n          multi\n          line") << y("# footer comment")
                                 << 1 << 0 << y("pattern") << y("single");

    // on-connect
    row("greeting removed") << commented() << int(Op::Greeting) << 0 << -1 << 0 << QString() << none
                            << y("    # greeting next\n    on-connect:\n      # greeting comment\n"
                                 "      response: hello  # greeting tail\n")
                            << QString()
                            << y("    # greeting next\n    on-connect:\n      # greeting comment\n"
                                 "      response: hello  # greeting tail\n")
                            << y("# path comment") << 0 << -1 << y("greeting") << y("<none>");
    row("greeting added") << commented() << int(Op::Greeting) << 1 << -1 << 0
                          << y("welcome {{path-params.room}}") << none
                          << y("    path: /ws/room/:room\n")
                          << y("    path: /ws/room/:room\n    on-connect:\n      response: "
                               "'welcome {{path-params.room}}'\n")
                          << QString() << y("# Room endpoint") << 1 << -1 << y("greeting")
                          << y("welcome {{path-params.room}}");

    // Endpoints: whole items with the comments above them; what lies between stays.
    row("add endpoint") << commented() << int(Op::AddEndpoint) << -1 << -1 << 0 << y("/ws/new")
                        << none << y("# footer comment\n")
                        << y("# footer comment\n\n- websocket:\n    path: /ws/new\n") << QString()
                        << y("# footer comment") << 2 << -1 << y("path") << y("/ws/new");
    row("add endpoint to an empty file")
        << QString() << int(Op::AddEndpoint) << -1 << -1 << 0 << y("/a") << none << QString()
        << y("- websocket:\n    path: /a\n") << QString() << QString() << 0 << -1 << y("path")
        << y("/a");
    row("add endpoint after a comment")
        << y("# nothing yet") << int(Op::AddEndpoint) << -1 << -1 << 0 << y("/a") << none
        << y("# nothing yet") << y("# nothing yet\n- websocket:\n    path: /a\n") << QString()
        << y("# nothing yet") << 0 << -1 << y("path") << y("/a");
    row("remove first endpoint") << commented() << int(Op::RemoveEndpoint) << 0 << -1 << 0 << none
                                 << none << echoBlock() + y("\n") << QString()
                                 << echoBlock() + y("\n") << y("# HTTP item, left alone") << -1
                                 << -1 << y("paths") << y("/ws/room/:room");
    row("remove last endpoint") << commented() << int(Op::RemoveEndpoint) << 1 << -1 << 0 << none
                                << none << roomBlock() << QString() << roomBlock()
                                << y("# footer comment") << -1 << -1 << y("paths") << y("/ws/echo");
    row("duplicate endpoint") << commented() << int(Op::DuplicateEndpoint) << 0 << -1 << 0 << none
                              << none << echoBlock()
                              << echoBlock() + y("\n") + echoItem("/ws/echo-copy") << QString()
                              << y("# HTTP item, left alone") << -1 << -1 << y("paths")
                              << y("/ws/echo,/ws/echo-copy,/ws/room/:room");
    row("duplicate endpoint ending in a parameter")
        << commented() << int(Op::DuplicateEndpoint) << 1 << -1 << 0 << none << none << roomBlock()
        << roomBlock() + y("\n") + roomItem("/ws/room/:room/copy") << QString()
        << y("# footer comment") << -1 << -1 << y("paths")
        << y("/ws/echo,/ws/room/:room,/ws/room/:room/copy");
    row("move endpoint down") << commented() << int(Op::MoveEndpoint) << 0 << -1 << 1 << none
                              << none << echoBlock() + y("\n") + httpBlock() + y("\n") + roomBlock()
                              << roomBlock() + y("\n") + httpBlock() + y("\n") + echoBlock()
                              << echoBlock() + y("\n") + httpBlock() + y("\n") + roomBlock()
                              << y("# footer comment") << -1 << -1 << y("paths")
                              << y("/ws/room/:room,/ws/echo");
    row("move endpoint up") << commented() << int(Op::MoveEndpoint) << 1 << -1 << -1 << none << none
                            << echoBlock() + y("\n") + httpBlock() + y("\n") + roomBlock()
                            << roomBlock() + y("\n") + httpBlock() + y("\n") + echoBlock()
                            << echoBlock() + y("\n") + httpBlock() + y("\n") + roomBlock()
                            << y("# footer comment") << -1 << -1 << y("paths")
                            << y("/ws/room/:room,/ws/echo");

    // Rules
    row("add rule")
        << commented() << int(Op::AddRule) << 0 << -1 << 0 << y("hello") << y("world")
        << y("        # after the json rule\n")
        << y("        # after the json rule\n      - pattern: hello\n        response: world\n")
        << QString() << y("# after the json rule") << 0 << -1 << y("patterns")
        << y("ping,{\"echo\": \"{{json-params.echo}}\"},hello");
    row("add rule after a block map")
        << commented() << int(Op::AddRule) << 1 << -1 << 0 << y("hello")
        << y("{{path-params.room}}") << y("          joined: true\n")
        << y("          joined: true\n      - pattern: hello\n        response: "
             "'{{path-params.room}}'\n")
        << QString() << y("# footer comment") << 1 << -1 << y("patterns")
        << y("multi\nline\n,hello");
    row("remove first rule") << commented() << int(Op::RemoveRule) << 0 << 0 << 0 << none << none
                             << pingRule() << QString() << pingRule() << y("# json rule") << 0 << -1
                             << y("patterns") << y("{\"echo\": \"{{json-params.echo}}\"}");
    row("remove last rule") << commented() << int(Op::RemoveRule) << 0 << 1 << 0 << none << none
                            << jsonRule() << QString() << jsonRule() << y("# ping rule") << 0 << -1
                            << y("patterns") << y("ping");
    row("duplicate rule") << commented() << int(Op::DuplicateRule) << 0 << 0 << 0 << none << none
                          << pingRule()
                          << pingRule()
            + y("      - pattern: ping  # pattern tail\n        response: pong  # reply tail\n")
                          << QString() << y("# json rule") << 0 << -1 << y("patterns")
                          << y("ping,ping,{\"echo\": \"{{json-params.echo}}\"}");
    row("move rule down") << commented() << int(Op::MoveRule) << 0 << 0 << 1 << none << none
                          << pingRule() + jsonRule() << jsonRule() + pingRule()
                          << pingRule() + jsonRule() << y("# greeting tail") << 0 << -1
                          << y("patterns") << y("{\"echo\": \"{{json-params.echo}}\"},ping");
    row("move rule up") << commented() << int(Op::MoveRule) << 0 << 1 << -1 << none << none
                        << pingRule() + jsonRule() << jsonRule() + pingRule()
                        << pingRule() + jsonRule() << y("# greeting tail") << 0 << -1
                        << y("patterns") << y("{\"echo\": \"{{json-params.echo}}\"},ping");

    // 4-space indentation and UTF-8 before the edited text
    row("4: flow map response") << four() << int(Op::Greeting) << 0 << -1 << 0 << y("hi") << none
                                << y("{msg: \"Olá Júlia 😀\", n: 1}  #") << y("hi  #")
                                << y("{msg: \"Olá Júlia 😀\", n: 1}") << y("# flow map") << 0 << -1
                                << y("greeting") << y("hi");
    row("4: folded to literal") << four() << int(Op::Response) << 0 << 0 << 0 << y("l1\nl2") << none
                                << y(">\n                    folded\n                    text\n")
                                << y("|-\n                    l1\n                    l2\n")
                                << y(">\n                    folded\n                    text")
                                << y("# bare endpoint") << 0 << 0 << y("response") << y("l1\nl2");
    row("4: path after emoji") << four() << int(Op::Path) << 1 << -1 << 0 << y("/ü") << none
                               << y("path: /b\n") << y("path: /ü\n") << y("/b")
                               << y("# bare endpoint") << 1 << -1 << y("path") << y("/ü");
    row("4: greeting added") << four() << int(Op::Greeting) << 1 << -1 << 0 << y("hey") << none
                             << y("path: /b\n")
                             << y("path: /b\n        on-connect:\n            response: hey\n")
                             << QString() << y("# bare endpoint") << 1 << -1 << y("greeting")
                             << y("hey");
    row("4: on-message added") << four() << int(Op::AddRule) << 1 << -1 << 0 << y("p") << y("r")
                               << y("path: /b\n")
                               << y("path: /b\n        on-message:\n            -   pattern: p\n   "
                                    "             response: r\n")
                               << QString() << y("# bare endpoint") << 1 << -1 << y("patterns")
                               << y("p");
    row("4: add endpoint") << four() << int(Op::AddEndpoint) << -1 << -1 << 0 << y("/z") << none
                           << y("path: /b\n") << y("path: /b\n\n-   websocket:\n        path: /z\n")
                           << QString() << y("# bare endpoint") << 2 << -1 << y("path") << y("/z");
    row("4: duplicate") << four() << int(Op::DuplicateEndpoint) << 0 << -1 << 0 << none << none
                        << fourItem("/ws/olá")
                        << fourItem("/ws/olá") + y("\n") + fourItem("/ws/olá-copy") << QString()
                        << y("# bare endpoint") << -1 << -1 << y("paths")
                        << y("/ws/olá,/ws/olá-copy,/b");

    // CRLF line endings
    row("crlf: response") << crlf() << int(Op::Response) << 0 << 0 << 0 << y("c d") << none
                          << y("b  # tail") << y("c d  # tail") << y("b") << y("# crlf") << 0 << 0
                          << y("response") << y("c d");
    row("crlf: add rule") << crlf() << int(Op::AddRule) << 0 << -1 << 0 << y("p") << y("r")
                          << y("# tail\r\n")
                          << y("# tail\r\n      - pattern: p\r\n        response: r\r\n")
                          << QString() << y("# crlf") << 0 << -1 << y("patterns") << y("a,p");
    row("crlf: greeting added") << crlf() << int(Op::Greeting) << 0 << -1 << 0 << y("hi") << none
                                << y("path: /a\r\n")
                                << y("path: /a\r\n    on-connect:\r\n      response: hi\r\n")
                                << QString() << y("# tail") << 0 << -1 << y("greeting") << y("hi");
    row("crlf: duplicate")
        << crlf() << int(Op::DuplicateEndpoint) << 0 << -1 << 0 << none << none << y("# tail\r\n")
        << y("# tail\r\n\r\n- websocket:\r\n    path: /a-copy\r\n    on-message:\r\n"
             "      - pattern: a\r\n        response: b  # tail\r\n")
        << QString() << y("# crlf") << -1 << -1 << y("paths") << y("/a,/a-copy");

    // Flow style, a list indented like its key, "~"
    row("flow: greeting over ~") << flow() << int(Op::Greeting) << 0 << -1 << 0 << y("hi") << none
                                 << y("on-connect: ~  # none yet\n")
                                 << y("on-connect:\n      response: hi  # none yet\n") << y(" ~")
                                 << y("# none yet") << 0 << -1 << y("greeting") << y("hi");
    row("flow: response in a flow rule")
        << flow() << int(Op::Response) << 0 << 0 << 0 << y("x, y") << none << y("response: b}")
        << y("response: 'x, y'}") << y("b") << y("# none yet") << 0 << 0 << y("response")
        << y("x, y");
    row("flow: rule added to a list at key level")
        << flow() << int(Op::AddRule) << 0 << -1 << 0 << y("e") << y("f")
        << y("      response: d\n") << y("      response: d\n    - pattern: e\n      response: f\n")
        << QString() << y("# none yet") << 0 << -1 << y("patterns") << y("a,c,e");
    row("flow: move a flow rule")
        << flow() << int(Op::MoveRule) << 0 << 0 << 1 << none << none
        << y("    - {pattern: a, response: b}\n    - pattern: c\n      response: d\n")
        << y("    - pattern: c\n      response: d\n    - {pattern: a, response: b}\n")
        << y("    - {pattern: a, response: b}\n    - pattern: c\n      response: d\n")
        << y("# none yet") << 0 << -1 << y("patterns") << y("c,a");
    // Shapes the fuzzer found the outline reading wrongly (fuzz/regressions/specoutline-*).
    const QString twoGreetings
        = y("- websocket:\n    path: /a\n    on-connect:\n      response: first\n"
            "    on-connect:\n      response: second\n");
    row("duplicate on-connect: the greeting the loader uses")
        << twoGreetings << int(Op::Greeting) << 0 << -1 << 0 << y("third") << none
        << y("response: second") << y("response: third") << y("second") << y("response: first") << 0
        << -1 << y("greeting") << y("third");
    row("duplicate on-connect: the last one empty") << y(
        "- websocket:\n    path: /a\n    on-connect:\n      response: first\n    on-connect: ~\n")
                                                    << int(Op::Greeting) << 0 << -1 << 0 << y("hi")
                                                    << none << y("    on-connect: ~\n")
                                                    << y("    on-connect:\n      response: hi\n")
                                                    << y(" ~") << y("response: first") << 0 << -1
                                                    << y("greeting") << y("hi");
    row("null on the line after its key")
        << y("- websocket:\n    path: /a\n    on-connect:\n      ~\n") << int(Op::Greeting) << 0
        << -1 << 0 << y("hi") << none << y("    on-connect:\n      ~\n")
        << y("    on-connect:\n      response: hi\n") << y("\n      ~") << none << 0 << -1
        << y("greeting") << y("hi");
    const QString nullBelow
        = y("- websocket:\n    path: /a\n    extra:\n      ~\n- websocket:\n    path: /b\n");
    row("null on the line after its key ends the item")
        << nullBelow << int(Op::MoveEndpoint) << 0 << -1 << 1 << none << none << nullBelow
        << y("- websocket:\n    path: /b\n- websocket:\n    path: /a\n    extra:\n      ~\n")
        << nullBelow << none << -1 << -1 << y("paths") << y("/b,/a");
    const QString emptyItem = y("- websocket:\n    path: /a\n    tags:\n      - x\n      -\n");
    row("an empty item ends a list")
        << emptyItem << int(Op::AddRule) << 0 << -1 << 0 << y("p") << y("r") << emptyItem
        << emptyItem + y("    on-message:\n      - pattern: p\n        response: r\n") << none
        << none << 0 << -1 << y("patterns") << y("p");
    row("a tag in a flow rule") << y(
        "- websocket:\n    path: /a\n    on-message:\n      - {pattern: !, response: b}\n")
                                << int(Op::Pattern) << 0 << 0 << 0 << y("a") << none
                                << y("{pattern: !,") << y("{pattern: a,") << y("!") << none << 0
                                << 0 << y("pattern") << y("a");
    row("a plain scalar over two lines in a flow rule")
        << y("- websocket:\n    path: /a\n    on-message:\n      - {pattern: h\n          o, "
             "response: b}\n")
        << int(Op::Pattern) << 0 << 0 << 0 << y("x") << none << y("{pattern: h\n          o,")
        << y("{pattern: x,") << y("h\n          o") << none << 0 << 0 << y("pattern") << y("x");
    const QString colonQuote
        = y("- websocket:\n    path: /a\n    extra: {e:\"}\n- websocket:\n    path: /b\n");
    row("':' before a quote in a flow map")
        << colonQuote << int(Op::MoveEndpoint) << 1 << -1 << -1 << none << none << colonQuote
        << y("- websocket:\n    path: /b\n- websocket:\n    path: /a\n    extra: {e:\"}\n")
        << colonQuote << none << -1 << -1 << y("paths") << y("/b,/a");
    row("flow: path in a flow map")
        << flow() << int(Op::Path) << 1 << -1 << 0 << y("/h") << none << y("{path: /g,")
        << y("{path: /h,") << y("/g") << y("# none yet") << 1 << -1 << y("path") << y("/h");
    row("flow: greeting in a flow map")
        << flow() << int(Op::Greeting) << 1 << -1 << 0 << y("a, b") << none << y("{response: hi}")
        << y("{response: 'a, b'}") << y("hi") << y("# none yet") << 1 << -1 << y("greeting")
        << y("a, b");
}

void TestSpecOutline::edits()
{
    QFETCH(QString, yaml);
    QFETCH(int, op);
    QFETCH(int, endpoint);
    QFETCH(int, rule);
    QFETCH(int, delta);
    QFETCH(QString, value);
    QFETCH(QString, value2);
    QFETCH(QString, from);
    QFETCH(QString, to);
    QFETCH(QString, replaced);
    QFETCH(QString, keep);
    QFETCH(int, checkEndpoint);
    QFETCH(int, checkRule);
    QFETCH(QString, field);
    QFETCH(QString, expected);

    QString wanted = to;
    if (!from.isEmpty()) {
        QCOMPARE(yaml.count(from), 1);
        wanted = yaml;
        wanted.replace(from, to);
    } else {
        QVERIFY(yaml.isEmpty());
    }

    const SpecOutline outline = SpecOutline::parse(yaml);
    QVERIFY(outline.ok());
    const TextEdit edit = run(Op(op), yaml, outline, endpoint, rule, delta, value, value2);
    QVERIFY(!edit.isNull());
    QCOMPARE(yaml.mid(edit.start, edit.end - edit.start), replaced);
    const QString result = SpecEdits::apply(yaml, edit);
    QCOMPARE(result, wanted);
    if (!keep.isEmpty())
        QCOMPARE(result.count(keep), yaml.count(keep));

    // Undo in an editor restores the text exactly.
    QString undone = result;
    undone.replace(edit.start, edit.replacement.size(),
                   yaml.mid(edit.start, edit.end - edit.start));
    QCOMPARE(undone, yaml);

    // The change loads, with no diagnostic the original did not have; but a duplicated rule
    // is, until it is edited, shadowed by the one it copies, and said to be.
    const LoadResult before = SpecLoader::loadText(yaml, QStringLiteral("t.yml"));
    const LoadResult after = SpecLoader::loadText(result, QStringLiteral("t.yml"));
    QVERIFY2(after.ok(), qPrintable(after.diagnosticsText()));
    QStringList old = messages(before.diagnostics);
    if (Op(op) == Op::DuplicateRule)
        old.append(QStringLiteral("warning: 'on-message[%1]' never matches: 'on-message[%2]' "
                                  "(line 13) matches every message it does, first")
                       .arg(rule + 1)
                       .arg(rule));
    for (const QString &message : messages(after.diagnostics))
        QVERIFY2(old.removeOne(message), qPrintable(message));

    const SpecOutline changed = SpecOutline::parse(result);
    QVERIFY(changed.ok());
    QCOMPARE(describe(changed, checkEndpoint, checkRule, field), expected);
}

void TestSpecOutline::nullEdits_data()
{
    QTest::addColumn<QString>("yaml");
    QTest::addColumn<int>("op");
    QTest::addColumn<int>("endpoint");
    QTest::addColumn<int>("rule");
    QTest::addColumn<int>("delta");
    QTest::addColumn<QString>("value");

    QTest::newRow("no such endpoint") << commented() << int(Op::Path) << 5 << -1 << 0 << y("/a");
    QTest::newRow("negative endpoint")
        << commented() << int(Op::RemoveEndpoint) << -1 << -1 << 0 << QString();
    QTest::newRow("no such rule") << commented() << int(Op::Pattern) << 0 << 7 << 0 << y("a");
    QTest::newRow("first endpoint up")
        << commented() << int(Op::MoveEndpoint) << 0 << -1 << -1 << QString();
    QTest::newRow("last endpoint down")
        << commented() << int(Op::MoveEndpoint) << 1 << -1 << 1 << QString();
    QTest::newRow("first rule up") << commented() << int(Op::MoveRule) << 0 << 0 << -1 << QString();
    QTest::newRow("same path") << commented() << int(Op::Path) << 0 << -1 << 0 << y("/ws/echo");
    QTest::newRow("remove an absent greeting")
        << commented() << int(Op::Greeting) << 1 << -1 << 0 << QString();
    QTest::newRow("rule into a flow websocket")
        << flow() << int(Op::AddRule) << 1 << -1 << 0 << y("a");
    QTest::newRow("greeting out of a flow map")
        << flow() << int(Op::Greeting) << 1 << -1 << 0 << QString();
    QTest::newRow("duplicate without a path")
        << y("- websocket:\n    on-connect:\n      response: hi\n") << int(Op::DuplicateEndpoint)
        << 0 << -1 << 0 << QString();
    QTest::newRow("endpoint into a flow list")
        << y("[{websocket: {path: /a}}]\n") << int(Op::AddEndpoint) << -1 << -1 << 0 << y("/b");
    // Written in a way a minimal edit cannot change safely: refused, the text left alone.
    QTest::newRow("explicit key") << y("- websocket:\n    ? path\n    : /a\n") << int(Op::Greeting)
                                  << 0 << -1 << 0 << y("hi");
    QTest::newRow("explicit key, a rule")
        << y("- websocket:\n    ? path\n    : /a\n") << int(Op::AddRule) << 0 << -1 << 0 << y("a");
    QTest::newRow("tag alone on its line") << y("- websocket:\n    !!map\n    on-message: []\n")
                                           << int(Op::Greeting) << 0 << -1 << 0 << y("hi");
    QTest::newRow("a line without a colon at the end")
        << y("- websocket:\n    path: /a\n    on-message:\n      - pattern: a\n        response: "
             "b\n        oops\n")
        << int(Op::AddRule) << 0 << -1 << 0 << y("c");
    QTest::newRow("a stray line ends the list") << y("- websocket:\n    path: /a\nzzz\n")
                                                << int(Op::AddEndpoint) << -1 << -1 << 0 << y("/b");
    QTest::newRow("not YAML") << y("- websocket:\n    path: /a\n   on-connect: x\n")
                              << int(Op::AddRule) << 0 << -1 << 0 << y("a");
}

void TestSpecOutline::nullEdits()
{
    QFETCH(QString, yaml);
    QFETCH(int, op);
    QFETCH(int, endpoint);
    QFETCH(int, rule);
    QFETCH(int, delta);
    QFETCH(QString, value);

    const SpecOutline outline = SpecOutline::parse(yaml);
    const TextEdit edit = run(Op(op), yaml, outline, endpoint, rule, delta, value, y("b"));
    QVERIFY(edit.isNull());
    QCOMPARE(SpecEdits::apply(yaml, edit), yaml);
}

void TestSpecOutline::quoted_data()
{
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("block");
    QTest::addColumn<QString>("flow");

    QTest::newRow("word") << y("ping") << y("ping") << y("ping");
    QTest::newRow("path") << y("/ws/user/:name") << y("/ws/user/:name") << y("'/ws/user/:name'");
    QTest::newRow("json") << y("{\"a\": 1}") << y("'{\"a\": 1}'") << y("'{\"a\": 1}'");
    QTest::newRow("template") << y("{{json-params.x}}") << y("'{{json-params.x}}'")
                              << y("'{{json-params.x}}'");
    QTest::newRow("template inside")
        << y("hi {{json-params.x}}") << y("'hi {{json-params.x}}'") << y("'hi {{json-params.x}}'");
    QTest::newRow("apostrophe") << y("it's") << y("it's") << y("it's");
    QTest::newRow("single quotes") << y("'a'") << y("'''a'''") << y("'''a'''");
    QTest::newRow("double quotes") << y("say \"hi\"") << y("say \"hi\"") << y("say \"hi\"");
    QTest::newRow("colon space") << y("a: b") << y("'a: b'") << y("'a: b'");
    QTest::newRow("comma") << y("a, b") << y("a, b") << y("'a, b'");
    QTest::newRow("hash") << y("# not a comment") << y("'# not a comment'")
                          << y("'# not a comment'");
    QTest::newRow("space hash") << y("a #b") << y("'a #b'") << y("'a #b'");
    QTest::newRow("leading spaces") << y("  a") << y("'  a'") << y("'  a'");
    QTest::newRow("yes") << y("yes") << y("'yes'") << y("'yes'");
    QTest::newRow("number") << y("123") << y("'123'") << y("'123'");
    QTest::newRow("empty") << QString() << y("''") << y("''");
    QTest::newRow("dash") << y("- x") << y("'- x'") << y("'- x'");
    QTest::newRow("at") << y("@x") << y("'@x'") << y("'@x'");
    QTest::newRow("unicode") << y("Júlia 😀") << y("Júlia 😀") << y("Júlia 😀");
    QTest::newRow("newline") << y("a\nb") << y("\"a\\nb\"") << y("\"a\\nb\"");
    QTest::newRow("control") << y("a\tb\x01\\") << y("\"a\\tb\\x01\\\\\"")
                             << y("\"a\\tb\\x01\\\\\"");
    QTest::newRow("question mark") << y("x?") << y("x?") << y("'x?'");
    QTest::newRow("question mark inside") << y("a?b") << y("a?b") << y("'a?b'");
    QTest::newRow("line separator") << y("a\u2028b") << y("\"a\\u2028b\"") << y("\"a\\u2028b\"");
}

void TestSpecOutline::quoted()
{
    QFETCH(QString, value);
    QFETCH(QString, block);
    QFETCH(QString, flow);
    QCOMPARE(SpecEdits::quoted(value), block);
    QCOMPARE(SpecEdits::quoted(value, true), flow);
}

void TestSpecOutline::roundTrip_data()
{
    QTest::addColumn<QString>("value");
    const char *values[] = {
        "ping",
        "it's",
        "''",
        "\"",
        "\\",
        "\\n",
        "say \"hi\" 'there'",
        "a: b",
        "a:b",
        "a:",
        ":a",
        "# not a comment",
        "a # b",
        "a#b",
        "  lead",
        "trail  ",
        " ",
        "{{json-params.x}}",
        "hi {{json-params.x}}",
        "{\"a\": [1, 2]}",
        "[1, 2]",
        "a, b",
        "a\nb",
        "a\n",
        "\na",
        "a\r\nb",
        "tab\there",
        "\x01\x7f",
        "yes",
        "No",
        "on",
        "~",
        "null",
        "true",
        "123",
        "-1.5e3",
        "0x1F",
        "0o17",
        ".inf",
        ".NaN",
        "2025-03-20",
        "1:20",
        "",
        "- x",
        "-x",
        "? x",
        "?x",
        "@x",
        "`x`",
        "%x",
        "&a",
        "*a",
        "!tag",
        "|",
        ">",
        "=",
        "<<",
        "...",
        "---",
        "Júlia 😀",
        "olá\u00a0mundo",
        "a\u2028b",
        "\u00e9\u0301",
        "\xf0\x9f\x98\x80\xf0\x9f\x98\x80",
    };
    int i = 0;
    for (const char *v : values)
        QTest::addRow("%d", i++) << y(v);
}

// quoted() read back by yaml-cpp, in block and flow context, and through the edits.
void TestSpecOutline::roundTrip()
{
    QFETCH(QString, value);

    const QString block = y("- websocket:\n    path: /a\n    on-connect:\n      response: ")
        + SpecEdits::quoted(value) + y("\n");
    const SpecOutline fromBlock = SpecOutline::parse(block);
    QVERIFY2(fromBlock.ok(), qPrintable(block));
    QCOMPARE(fromBlock.endpoints.first().greetingValue, value);
    const LoadResult loaded = SpecLoader::loadText(block, QStringLiteral("t.yml"));
    QVERIFY2(loaded.ok(), qPrintable(loaded.diagnosticsText()));
    QCOMPARE(loaded.spec->endpoints.first().greeting->source(), value);

    const QString flowText = y("- {websocket: {path: /a, on-connect: {response: ")
        + SpecEdits::quoted(value, true) + y("}}}\n");
    const SpecOutline fromFlow = SpecOutline::parse(flowText);
    QVERIFY2(fromFlow.ok(), qPrintable(flowText));
    QCOMPARE(fromFlow.endpoints.first().greetingValue, value);

    // Through the edits: a plain scalar with a comment, a block map, a flow rule.
    struct Target
    {
        QString yaml;
        int endpoint;
        int rule;
    };
    const Target targets[] = { { commented(), 0, 0 }, { commented(), 1, 0 }, { flow(), 0, 0 } };
    for (const Target &t : targets) {
        const QString result
            = SpecEdits::apply(t.yaml,
                               SpecEdits::setRuleResponse(t.yaml, SpecOutline::parse(t.yaml),
                                                          t.endpoint, t.rule, value));
        const SpecOutline changed = SpecOutline::parse(result);
        QVERIFY2(changed.ok(), qPrintable(result));
        QCOMPARE(changed.endpoints.at(t.endpoint).rules.at(t.rule).responseValue, value);
        QVERIFY2(SpecLoader::loadText(result, QStringLiteral("t.yml")).ok(), qPrintable(result));
    }
}

// The new keys as the outline reads them.
void TestSpecOutline::keyValues()
{
    const QString yaml = extended();
    const SpecOutline o = SpecOutline::parse(yaml);
    QVERIFY(o.ok());
    const EndpointOutline &ep = o.endpoints.at(0);
    QStringList names;
    for (const KeyOutline &k : ep.keys)
        names << k.name;
    QCOMPARE(names.join(QLatin1Char(',')), y("path,subprotocols,on-connect,streams,on-message"));
    const KeyOutline *sub = findKey(ep.keys, y("subprotocols"));
    QVERIFY(sub);
    QCOMPARE(mid(yaml, sub->key), y("subprotocols"));
    QCOMPARE(mid(yaml, sub->range), y("[a, b]"));
    QCOMPARE(sub->value, YamlValue::list({ text("a"), text("b") }));
    QVERIFY(sub->value.flow);

    QCOMPARE(ep.onConnectKeys.size(), 2);
    const KeyOutline *frames = findKey(ep.onConnectKeys, y("frames"));
    QVERIFY(frames);
    QCOMPARE(frames->value.items.size(), 2);
    QCOMPARE(frames->value.items.at(1).value(y("binary"))->text, y("AAEC"));
    QCOMPARE(frames->value.items.at(1).value(y("delay"))->text, y("1s"));
    QCOMPARE(findKey(ep.onConnectKeys, y("to"))->value.text, y("others"));
    QCOMPARE(mid(yaml, findKey(ep.onConnectKeys, y("to"))->range), y("others"));

    const RuleOutline &slow = ep.rules.at(0);
    QCOMPARE(slow.keyIndent, 8);
    QCOMPARE(mid(yaml, findKey(slow.keys, y("delay"))->range), y("250ms"));
    const YamlValue &close = findKey(slow.keys, y("close"))->value;
    QCOMPARE(close.value(y("code"))->text, y("4000"));
    QVERIFY(close.value(y("code"))->plain);
    QCOMPARE(close.value(y("reason"))->text, y("bye"));
    QCOMPARE(close.toJson(), y("{\"code\":4000,\"reason\":\"bye\"}"));
    QCOMPARE(findKey(ep.rules.at(1).keys, y("binary"))->value.text, y("any"));
    QVERIFY(ep.rules.at(1).patternValue.isEmpty());
    QCOMPARE(ep.rules.at(2).keys.size(), 3);
    QCOMPARE(mid(yaml, findKey(ep.rules.at(2).keys, y("to"))->range), y("endpoint"));
}

void TestSpecOutline::keyEdits_data()
{
    QTest::addColumn<QString>("yaml");
    QTest::addColumn<int>("kind"); // 0 rule keys, 1 on-connect keys, 2 endpoint keys, 3 rule match
    QTest::addColumn<int>("endpoint");
    QTest::addColumn<int>("rule");
    QTest::addColumn<SpecEdits::KeyValues>("values");
    // The whole expected text: yaml with its only occurrence of "from" turned into "to".
    QTest::addColumn<QString>("from");
    QTest::addColumn<QString>("to");
    QTest::addColumn<QString>("keep"); // an unrelated comment that must survive
    QTest::addColumn<QString>("loaded"); // describeLoaded() of the result

    using KV = SpecEdits::KeyValues;
    const YamlValue none;
    auto row = [](const char *name) -> QTestData & { return QTest::newRow(name); };
    const QString ext = extended();

    // Rules, block style
    row("rule: delay added") << commented() << 0 << 0 << 0
                             << KV { { y("delay"), verbatim("250ms") } }
                             << y("response: pong  # reply tail\n")
                             << y("response: pong  # reply tail\n        delay: 250ms\n")
                             << y("# json rule") << y("pattern:ping response=pong delay=250ms");
    row("rule: delay replaced") << ext << 0 << 0 << 0 << KV { { y("delay"), verbatim("1.5s") } }
                                << y("delay: 250ms   # wait") << y("delay: 1.5s   # wait")
                                << y("# slow rule")
                                << y("pattern:slow response=late delay=1500ms close=4000/bye");
    row("rule: delay removed") << ext << 0 << 0 << 0 << KV { { y("delay"), none } }
                               << y("        delay: 250ms   # wait\n") << QString() << y("# tail")
                               << y("pattern:slow response=late close=4000/bye");
    row("rule: close map to true")
        << ext << 0 << 0 << 0 << KV { { y("close"), verbatim("true") } }
        << y("close: {code: 4000, reason: bye}") << y("close: true") << y("# wait")
        << y("pattern:slow response=late delay=250ms close=1000");
    row("rule: close added")
        << commented() << 0 << 0 << 0
        << KV { { y("close"),
                  YamlValue::map(true)
                      .insert(y("code"), verbatim("4001"))
                      .insert(y("reason"), text("asked to leave")) } }
        << y("response: pong  # reply tail\n")
        << y("response: pong  # reply tail\n        close: {code: 4001, reason: asked to leave}\n")
        << y("# pattern tail") << y("pattern:ping response=pong close=4001/asked to leave");
    row("rule: to and delay at once")
        << commented() << 0 << 0 << 1
        << KV { { y("to"), text("others") }, { y("delay"), verbatim("100ms..300ms") } }
        << y("        # after the json rule\n")
        << y("        to: others\n        delay: 100ms..300ms\n        # after the json rule\n")
        << y("# json rule")
        << y("pattern:{\"echo\": \"{{json-params.echo}}\"} response={\"echoed\": "
             "\"{{json-params.echo}}\"} delay=100ms..300ms to=others");
    row("rule: response to frames")
        << commented() << 0 << 0 << 0
        << KV { { y("response"), none },
                { y("frames"),
                  YamlValue::list({ text("a"),
                                    YamlValue::map()
                                        .insert(y("response"), text("{\"b\": 1}"))
                                        .insert(y("delay"), verbatim("1s")),
                                    YamlValue::map().insert(y("binary"), text("AAEC")) }) } }
        << y("        response: pong  # reply tail\n")
        << y("        frames:\n          - a\n          - response: '{\"b\": 1}'\n            "
             "delay: 1s\n          - binary: AAEC\n")
        << y("# pattern tail") << y("pattern:ping frames=t:a|t:{\"b\": 1}@1000ms|b:AAEC");
    row("rule: frames to response")
        << ext << 0 << 0 << 1 << KV { { y("frames"), none }, { y("response"), text("x") } }
        << y("        frames:\n          - binary: AQI=\n") << y("        response: x\n")
        << y("# footer") << y("binary:any response=x");
    row("rule: pattern to binary")
        << commented() << 3 << 0 << 0
        << KV { { y("binary"), YamlValue::map(true).insert(y("hex-prefix"), text("cafe")) } }
        << y("pattern: ping  # pattern tail") << y("binary: {hex-prefix: cafe}  # pattern tail")
        << y("# reply tail") << y("binary:cafe response=pong");
    row("rule: binary to pattern")
        << ext << 3 << 0 << 1 << KV { { y("pattern"), text("hi") } } << y("- binary: any\n")
        << y("- pattern: hi\n") << y("# slow rule") << y("pattern:hi frames=b:AQI=");
    row("rule: block pattern to binary")
        << commented() << 3 << 1 << 0
        << KV { { y("binary"), YamlValue::map(true).insert(y("base64-prefix"), text("AQI=")) } }
        << y("pattern: |\n          multi\n          line\n")
        << y("binary: {base64-prefix: AQI=}\n") << y("# footer comment")
        << y("binary:0102 response={\"room\":\"{{path-params.room}}\",\"joined\":true}");
    // Rules, flow style and other files
    row("flow rule: key added") << ext << 0 << 0 << 2 << KV { { y("delay"), verbatim("1s") } }
                                << y("to: endpoint}") << y("to: endpoint, delay: 1s}")
                                << y("# footer")
                                << y("pattern:f response=g delay=1000ms to=endpoint");
    row("flow rule: key replaced")
        << ext << 0 << 0 << 2 << KV { { y("to"), text("others") } } << y("to: endpoint}")
        << y("to: others}") << y("# footer") << y("pattern:f response=g to=others");
    row("flow rule: key removed") << ext << 0 << 0 << 2 << KV { { y("to"), none } }
                                  << y("response: g, to: endpoint}") << y("response: g}")
                                  << y("# footer") << y("pattern:f response=g");
    row("flow rule: close added") << flow() << 0 << 0 << 0
                                  << KV { { y("close"), verbatim("true") } }
                                  << y("{pattern: a, response: b}")
                                  << y("{pattern: a, response: b, close: true}") << y("# none yet")
                                  << y("pattern:a response=b close=1000");
    row("four: response to frames")
        << four() << 0 << 0 << 0
        << KV { { y("response"), none },
                { y("frames"),
                  YamlValue::list({ text("a"),
                                    YamlValue::map()
                                        .insert(y("binary"), text("AAEC"))
                                        .insert(y("delay"), verbatim("1s")) }) } }
        << y("                response: >\n                    folded\n                    text\n")
        << y("                frames:\n                    - a\n                    -   binary: "
             "AAEC\n                        delay: 1s\n")
        << y("# bare endpoint") << y("pattern:x frames=t:a|b:AAEC@1000ms");
    row("crlf: rule delay") << crlf() << 0 << 0 << 0 << KV { { y("delay"), verbatim("1s") } }
                            << y("# tail\r\n") << y("# tail\r\n        delay: 1s\r\n")
                            << y("# crlf") << y("pattern:a response=b delay=1000ms");

    // on-connect
    row("greeting: delay added")
        << commented() << 1 << 0 << -1 << KV { { y("delay"), verbatim("100ms..300ms") } }
        << y("response: hello  # greeting tail\n")
        << y("response: hello  # greeting tail\n      delay: 100ms..300ms\n")
        << y("# greeting next") << y("response=hello delay=100ms..300ms");
    row("greeting: response to frames")
        << commented() << 1 << 0 << -1
        << KV { { y("response"), none },
                { y("frames"), YamlValue::list({ text("a"), text("b") }) } }
        << y("      # greeting comment\n      response: hello  # greeting tail\n")
        << y("      frames:\n        - a\n        - b\n") << y("# greeting next")
        << y("frames=t:a|t:b");
    row("greeting: frames to response")
        << ext << 1 << 0 << -1 << KV { { y("frames"), none }, { y("response"), text("hi") } }
        << y("      frames:\n        - hello\n        - binary: AAEC\n          delay: 1s\n      "
             "to: others\n")
        << y("      to: others\n      response: hi\n") << y("# offered")
        << y("response=hi to=others");
    row("greeting: close added") << ext << 1 << 0 << -1
                                 << KV { { y("close"),
                                           YamlValue::map(true)
                                               .insert(y("code"), verbatim("4000"))
                                               .insert(y("reason"), text("full")) } }
                                 << y("      to: others\n")
                                 << y("      to: others\n      close: {code: 4000, reason: full}\n")
                                 << y("# offered")
                                 << y("to=others close=4000/full frames=t:hello|b:AAEC@1000ms");
    row("greeting: only frames, on-connect added")
        << commented() << 1 << 1 << -1
        << KV { { y("frames"), YamlValue::list({ text("x") }) }, { y("to"), text("others") } }
        << y("    path: /ws/room/:room\n")
        << y("    path: /ws/room/:room\n    on-connect:\n      frames:\n        - x\n      to: "
             "others\n")
        << y("# Room endpoint") << y("to=others frames=t:x");
    row("greeting: all keys removed")
        << ext << 1 << 0 << -1 << KV { { y("frames"), none }, { y("to"), none } }
        << y("    on-connect:\n      frames:\n        - hello\n        - binary: AAEC\n          "
             "delay: 1s\n      to: others\n")
        << QString() << y("# offered") << QString();
    row("greeting: flow map") << flow() << 1 << 1 << -1 << KV { { y("delay"), verbatim("1s") } }
                              << y("{response: hi}") << y("{response: hi, delay: 1s}")
                              << y("# none yet") << y("response=hi delay=1000ms");
    row("greeting: over ~") << flow() << 1 << 0 << -1
                            << KV { { y("frames"), YamlValue::list({ text("a") }) } }
                            << y("on-connect: ~  # none yet\n")
                            << y("on-connect:  # none yet\n      frames:\n      - a\n")
                            << y("# none yet") << y("frames=t:a");

    // Endpoints
    row("endpoint: subprotocols added")
        << commented() << 2 << 0 << -1
        << KV { { y("subprotocols"), YamlValue::list({ text("chat.v1"), text("chat.v2") }, true) } }
        << y("path: /ws/echo  # path comment\n")
        << y("path: /ws/echo  # path comment\n    subprotocols: [chat.v1, chat.v2]\n")
        << y("# greeting next") << y("subprotocols=chat.v1,chat.v2");
    row("endpoint: subprotocols replaced")
        << ext << 2 << 0 << -1 << KV { { y("subprotocols"), YamlValue::list({ text("c") }, true) } }
        << y("[a, b]  # offered") << y("[c]  # offered") << y("# footer")
        << y("subprotocols=c stream=1000:tick");
    row("endpoint: subprotocols removed")
        << ext << 2 << 0 << -1 << KV { { y("subprotocols"), none } }
        << y("    subprotocols: [a, b]  # offered\n") << QString() << y("# footer")
        << y("subprotocols= stream=1000:tick");
    row("endpoint: streams replaced")
        << ext << 2 << 0 << -1
        << KV { { y("streams"),
                  YamlValue::list(
                      { YamlValue::map()
                            .insert(y("every"), verbatim("500ms"))
                            .insert(y("to"), text("all"))
                            .insert(y("mode"), text("once"))
                            .insert(y("frames"),
                                    YamlValue::list({ text("x"), text("y, z") }, true)) }) } }
        << y("    streams:\n      - every: 1s\n        frames: [tick]\n")
        << y("    streams:\n      - every: 500ms\n        to: all\n        mode: once\n        "
             "frames: [x, 'y, z']\n")
        << y("# offered") << y("subprotocols=a,b stream=500,all,once:x|y, z");
    row("endpoint: streams added")
        << commented() << 2 << 1 << -1
        << KV { { y("streams"),
                  YamlValue::list(
                      { YamlValue::map()
                            .insert(y("every"), verbatim("1s"))
                            .insert(y("frames"),
                                    YamlValue::list({ text("{\"t\": {{counter}}}") }, true)) }) } }
        << y("    path: /ws/room/:room\n")
        << y("    path: /ws/room/:room\n    streams:\n      - every: 1s\n        frames: ['{\"t\": "
             "{{counter}}}']\n")
        << y("# Room endpoint") << y("subprotocols= stream=1000:{\"t\": {{counter}}}");
    row("endpoint: flow map") << flow() << 2 << 1 << -1
                              << KV { { y("subprotocols"), YamlValue::list({ text("a") }, true) } }
                              << y("on-connect: {response: hi}}")
                              << y("on-connect: {response: hi}, subprotocols: [a]}")
                              << y("# none yet") << y("subprotocols=a");
    row("crlf: streams added")
        << crlf() << 2 << 0 << -1
        << KV { { y("streams"),
                  YamlValue::list({ YamlValue::map()
                                        .insert(y("every"), verbatim("2s"))
                                        .insert(y("mode"), text("once"))
                                        .insert(y("frames"), YamlValue::list({ text("a") })) }) } }
        << y("path: /a\r\n")
        << y("path: /a\r\n    streams:\r\n      - every: 2s\r\n        mode: once\r\n        "
             "frames:\r\n          - a\r\n")
        << y("# tail") << y("subprotocols= stream=2000,once:a");
}

void TestSpecOutline::keyEdits()
{
    QFETCH(QString, yaml);
    QFETCH(int, kind);
    QFETCH(int, endpoint);
    QFETCH(int, rule);
    QFETCH(SpecEdits::KeyValues, values);
    QFETCH(QString, from);
    QFETCH(QString, to);
    QFETCH(QString, keep);
    QFETCH(QString, loaded);

    QCOMPARE(yaml.count(from), 1);
    QString wanted = yaml;
    wanted.replace(from, to);

    const SpecOutline outline = SpecOutline::parse(yaml);
    QVERIFY(outline.ok());
    TextEdit edit;
    switch (kind) {
    case 0:
        edit = SpecEdits::setRuleKeys(yaml, outline, endpoint, rule, values);
        break;
    case 1:
        edit = SpecEdits::setGreetingKeys(yaml, outline, endpoint, values);
        break;
    case 2:
        edit = SpecEdits::setEndpointKeys(yaml, outline, endpoint, values);
        break;
    default:
        edit = SpecEdits::setRuleMatch(yaml, outline, endpoint, rule, values.first().first,
                                       values.first().second);
    }
    QVERIFY(!edit.isNull());
    const QString result = SpecEdits::apply(yaml, edit);
    QVERIFY2(result == wanted, qPrintable(result));
    QCOMPARE(result.count(keep), yaml.count(keep));

    // One contiguous change: undo restores the text exactly.
    QString undone = result;
    undone.replace(edit.start, edit.replacement.size(),
                   yaml.mid(edit.start, edit.end - edit.start));
    QCOMPARE(undone, yaml);

    const LoadResult after = SpecLoader::loadText(result, QStringLiteral("t.yml"));
    QVERIFY2(after.ok(), qPrintable(after.diagnosticsText() + QLatin1Char('\n') + result));
    for (const Diagnostic &d : after.diagnostics)
        QVERIFY2(!d.message.contains(QLatin1String("unknown key")), qPrintable(d.toString()));
    QCOMPARE(describeLoaded(*after.spec, kind == 3 ? 0 : kind, endpoint, rule), loaded);

    // The outline reads back what was written.
    const SpecOutline changed = SpecOutline::parse(result);
    QVERIFY(changed.ok());
    for (const auto &[name, value] : values) {
        const EndpointOutline &ep = changed.endpoints.at(endpoint);
        const QList<KeyOutline> &keys = kind == 1 ? ep.onConnectKeys
            : kind == 2                           ? ep.keys
                                                  : ep.rules.at(rule).keys;
        const KeyOutline *k = findKey(keys, name);
        if (value.isNull()) {
            QVERIFY2(!k, qPrintable(name));
        } else {
            QVERIFY2(k, qPrintable(name));
            QCOMPARE(k->value, value);
        }
    }

    // Setting the same values again changes nothing.
    TextEdit again;
    switch (kind) {
    case 0:
        again = SpecEdits::setRuleKeys(result, changed, endpoint, rule, values);
        break;
    case 1:
        again = SpecEdits::setGreetingKeys(result, changed, endpoint, values);
        break;
    case 2:
        again = SpecEdits::setEndpointKeys(result, changed, endpoint, values);
        break;
    default:
        again = SpecEdits::setRuleMatch(result, changed, endpoint, rule, values.first().first,
                                        values.first().second);
    }
    QCOMPARE(SpecEdits::apply(result, again), result);
}

void TestSpecOutline::nullKeyEdits()
{
    const QString yaml = extended();
    const SpecOutline o = SpecOutline::parse(yaml);
    // Removing what is not there, setting what is already there, out of range.
    QVERIFY(SpecEdits::setRuleKeys(yaml, o, 0, 1, { { y("delay"), YamlValue() } }).isNull());
    QVERIFY(SpecEdits::setRuleKeys(yaml, o, 0, 0, { { y("delay"), verbatim("250ms") } }).isNull());
    QVERIFY(SpecEdits::setRuleKeys(yaml, o, 0, 0, { { y("to"), YamlValue() } }).isNull());
    QVERIFY(SpecEdits::setRuleKeys(yaml, o, 0, 9, { { y("delay"), verbatim("1s") } }).isNull());
    QVERIFY(
        SpecEdits::setEndpointKeys(yaml, o, 3, { { y("subprotocols"), YamlValue() } }).isNull());
    QVERIFY(SpecEdits::setGreetingKeys(commented(), SpecOutline::parse(commented()), 1,
                                       { { y("to"), YamlValue() } })
                .isNull());
    QVERIFY(SpecEdits::setRuleMatch(yaml, o, 0, 1, y("binary"), text("any")).isNull());
    // Not YAML: no outline to edit against.
    const QString broken = y("- websocket:\n    path: /a\n   on-connect: x\n");
    QVERIFY(SpecEdits::setEndpointKeys(broken, SpecOutline::parse(broken), 0,
                                       { { y("subprotocols"), text("a") } })
                .isNull());
}

// Whatever a form may write reads back as the same value, in block and flow style.
void TestSpecOutline::renderedValuesReadBack_data()
{
    QTest::addColumn<YamlValue>("value");
    QTest::newRow("text") << text("say \"hi\": {{x}}");
    QTest::newRow("verbatim number") << verbatim("4000");
    QTest::newRow("verbatim unsafe") << verbatim("a: b, c");
    QTest::newRow("verbatim dash") << verbatim("-x");
    QTest::newRow("multi-line") << text("a\nb");
    QTest::newRow("list") << YamlValue::list({ text("a, b"), text("{\"x\": 1}"), text("") });
    QTest::newRow("flow list") << YamlValue::list({ text("a, b"), text("[c]") }, true);
    QTest::newRow("frames") << YamlValue::list(
        { text("a"),
          YamlValue::map().insert(y("response"), text("b: c")).insert(y("delay"), verbatim("1s")),
          YamlValue::map(true).insert(y("binary"), text("AA==")) });
    QTest::newRow("streams") << YamlValue::list(
        { YamlValue::map()
              .insert(y("every"), verbatim("1s"))
              .insert(y("frames"), YamlValue::list({ text("x"), text("'y'") })) });
    QTest::newRow("map") << YamlValue::map()
                                .insert(y("code"), verbatim("4000"))
                                .insert(y("reason"), text("#1 reason"));
}

void TestSpecOutline::renderedValuesReadBack()
{
    QFETCH(YamlValue, value);
    for (const bool flowMap : { false, true }) {
        const QString yaml = flowMap ? y("- {websocket: {path: /a, x: 1}}\n")
                                     : y("- websocket:\n    path: /a\n    x: 1\n");
        const SpecOutline o = SpecOutline::parse(yaml);
        const QString result
            = SpecEdits::apply(yaml, SpecEdits::setEndpointKeys(yaml, o, 0, { { y("x"), value } }));
        const SpecOutline changed = SpecOutline::parse(result);
        QVERIFY2(changed.ok(), qPrintable(result));
        const KeyOutline *k = findKey(changed.endpoints.at(0).keys, y("x"));
        QVERIFY2(k, qPrintable(result));
        QVERIFY2(k->value == value, qPrintable(result));
    }
}

// Key edits the fuzzer found wrong (fuzz/regressions/specoutline-keys-*): each gives exactly
// the text wanted (or, with an empty wanted text, no change).
void TestSpecOutline::keyEditFindings_data()
{
    QTest::addColumn<QString>("yaml");
    QTest::addColumn<int>(
        "kind"); // 0 rule, 1 on-connect, 2 websocket, 3 setRuleMatch (first value)
    QTest::addColumn<SpecEdits::KeyValues>("values");
    QTest::addColumn<QString>("wanted");

    // The only key of a flow map removed while another is added: it read "{, frames: [x]}"
    // (an empty key, which the safety net did not look for).
    QTest::newRow("flow: only key replaced")
        << y("- {websocket: {path: /a, on-connect: {response: hi}}}\n") << 1
        << SpecEdits::KeyValues { { y("frames"), YamlValue::list({ text("x") }) },
                                  { y("response"), YamlValue() } }
        << y("- {websocket: {path: /a, on-connect: {frames: [x]}}}\n");
    QTest::newRow("flow rule: both keys replaced")
        << y("- {websocket: {path: /a, on-message: [{pattern: a, delay: 1s}]}}\n") << 0
        << SpecEdits::KeyValues { { y("pattern"), YamlValue() },
                                  { y("delay"), YamlValue() },
                                  { y("binary"), text("any") },
                                  { y("response"), text("r") } }
        << y("- {websocket: {path: /a, on-message: [{binary: any, response: r}]}}\n");
    // The last keys of on-connect removed in a flow map: on-connect goes too (it was refused).
    QTest::newRow("flow: on-connect emptied")
        << y("- {websocket: {path: /a, on-connect: {response: hi}, x: 1}}\n") << 1
        << SpecEdits::KeyValues { { y("response"), YamlValue() }, { y("delay"), YamlValue() } }
        << y("- {websocket: {path: /a, x: 1}}\n");
    // A key added after a literal block that ends the text without a line break gave that
    // block one (so the response changed); the safety net now compares the map's other keys
    // and values too, and refuses.
    QTest::newRow("block scalar at the end")
        << y("- websocket:\n    path: /a\n    on-message:\n      - pattern: a\n"
             "        response: |\n          multi\n          line")
        << 0 << SpecEdits::KeyValues { { y("delay"), verbatim("250ms") } } << QString();
    QTest::newRow("greeting block scalar at the end")
        << y("- websocket:\n    path: /a\n    on-connect:\n"
             "      response: |\n        multi\n        line")
        << 1 << SpecEdits::KeyValues { { y("delay"), verbatim("250ms") } } << QString();
    // A value that already reads as the one given, in another style, is left alone (it was
    // rewritten as a block map, so setting it again kept changing the text).
    QTest::newRow("same value in flow style")
        << y("- websocket:\n    path: /a\n    on-message:\n"
             "      - binary: {hex-prefix: cafe}\n        response: r\n")
        << 3
        << SpecEdits::KeyValues { { y("binary"),
                                    YamlValue::map().insert(y("hex-prefix"), text("cafe")) } }
        << QString();
    QTest::newRow("same close, quoted")
        << y("- websocket:\n    path: /a\n    on-message:\n"
             "      - pattern: a\n        close: {code: '4000'}\n")
        << 0
        << SpecEdits::KeyValues { { y("close"),
                                    YamlValue::map().insert(y("code"), verbatim("4000")) } }
        << QString();
}

void TestSpecOutline::keyEditFindings()
{
    QFETCH(QString, yaml);
    QFETCH(int, kind);
    QFETCH(SpecEdits::KeyValues, values);
    QFETCH(QString, wanted);
    const SpecOutline outline = SpecOutline::parse(yaml);
    QVERIFY(outline.ok());
    TextEdit edit;
    switch (kind) {
    case 0:
        edit = SpecEdits::setRuleKeys(yaml, outline, 0, 0, values);
        break;
    case 1:
        edit = SpecEdits::setGreetingKeys(yaml, outline, 0, values);
        break;
    case 2:
        edit = SpecEdits::setEndpointKeys(yaml, outline, 0, values);
        break;
    default:
        edit = SpecEdits::setRuleMatch(yaml, outline, 0, 0, values.first().first,
                                       values.first().second);
    }
    if (wanted.isEmpty()) {
        QVERIFY2(edit.isNull(), qPrintable(SpecEdits::apply(yaml, edit)));
        return;
    }
    QCOMPARE(SpecEdits::apply(yaml, edit), wanted);
}

QTEST_GUILESS_MAIN(TestSpecOutline)
#include "tst_specoutline.moc"

// A key written twice: the form shows and changes the last one, the value the loader keeps.
void TestSpecOutline::repeatedKeyEditsTheOneInUse()
{
    const QString yaml = y("- websocket:\n    path: /a\n    on-message:\n      - pattern: p\n"
                           "        response: r\n        delay: 1s\n        delay: 2s\n");
    const SpecOutline o = SpecOutline::parse(yaml);
    QVERIFY(o.ok());
    const KeyOutline *delay = findKey(o.endpoints.at(0).rules.at(0).keys, y("delay"));
    QVERIFY(delay);
    QCOMPARE(delay->value.text, y("2s"));
    const TextEdit edit
        = SpecEdits::setRuleKeys(yaml, o, 0, 0, { { y("delay"), verbatim("500ms") } });
    QVERIFY(!edit.isNull());
    const QString result = SpecEdits::apply(yaml, edit);
    QCOMPARE(result,
             y("- websocket:\n    path: /a\n    on-message:\n      - pattern: p\n"
               "        response: r\n        delay: 1s\n        delay: 500ms\n"));
    const LoadResult loaded = SpecLoader::loadText(result, y("t.yml"));
    QVERIFY2(loaded.ok(), qPrintable(loaded.diagnosticsText()));
    QCOMPARE(loaded.spec->endpoints.at(0).rules.at(0).reply.delay.minMs, 500);
}

namespace {
// An HTTP item as users write them: comments, a folded body, a push list.
QString helloHttp()
{
    return y("# Greets a user\n"
             "- endpoint:\n"
             "    # GET is the default\n"
             "    method: GET  # method tail\n"
             "    path: /hello/:username\n"
             "    response:\n"
             "      status: 200  # status tail\n"
             "      headers:\n"
             "        Content-Type: application/json\n"
             "      body: >\n"
             "        {\"hello\": \"{{path-params.username}}!\"}\n"
             "    push:\n"
             "      - path: /ws/echo\n"
             "        message: hi\n");
}

QString plainHttp()
{
    return y("- endpoint:\n"
             "    path: /bare\n");
}

QString httpConfig()
{
    return helloHttp() + y("\n") + echoItem("/ws/echo") + y("\n") + plainHttp();
}

QString textAt(const QString &yaml, const TextRange &range)
{
    return yaml.mid(range.start, range.length());
}
} // namespace

void TestSpecOutline::httpEndpointOutline()
{
    const QString yaml = httpConfig();
    const SpecOutline outline = SpecOutline::parse(yaml);
    QVERIFY(outline.ok());
    QCOMPARE(outline.endpoints.size(), 1);
    QCOMPARE(outline.httpEndpoints.size(), 2);
    QCOMPARE(outline.items.size(), 3);

    const HttpEndpointOutline &hello = outline.httpEndpoints.at(0);
    QCOMPARE(hello.itemIndex, 0);
    QCOMPARE(hello.line, 2);
    QCOMPARE(textAt(yaml, hello.comments), y("# Greets a user\n"));
    QVERIFY(textAt(yaml, hello.item).startsWith(y("- endpoint:\n")));
    QVERIFY(textAt(yaml, hello.item).endsWith(y("message: hi\n")));
    QCOMPARE(hello.keyIndent, 4);
    QCOMPARE(hello.method(), y("GET"));
    QCOMPARE(hello.label(), y("GET /hello/:username"));
    QCOMPARE(textAt(yaml, findKey(hello.keys, y("method"))->range), y("GET"));
    QCOMPARE(textAt(yaml, findKey(hello.keys, y("path"))->range), y("/hello/:username"));
    QCOMPARE(hello.responseIndent, 6);
    QCOMPARE(hello.responseValue(y("status")).text, y("200"));
    QCOMPARE(textAt(yaml, findKey(hello.responseKeys, y("status"))->range), y("200"));
    QCOMPARE(hello.responseValue(y("headers")).value(y("Content-Type"))->text,
             y("application/json"));
    QCOMPARE(hello.responseValue(y("body")).text,
             y("{\"hello\": \"{{path-params.username}}!\"}\n"));
    QCOMPARE(textAt(yaml, findKey(hello.responseKeys, y("body"))->range),
             y(">\n        {\"hello\": \"{{path-params.username}}!\"}"));
    const YamlValue push = hello.value(y("push"));
    QVERIFY(push.isList());
    QCOMPARE(push.items.size(), 1);
    QCOMPARE(push.items.at(0).value(y("path"))->text, y("/ws/echo"));
    QCOMPARE(push.items.at(0).value(y("message"))->text, y("hi"));

    const HttpEndpointOutline &bare = outline.httpEndpoints.at(1);
    QCOMPARE(bare.itemIndex, 2);
    QCOMPARE(bare.method(), y("GET"));
    QCOMPARE(bare.label(), y("GET /bare"));
    QVERIFY(!bare.response.isValid());
    QVERIFY(bare.responseKeys.isEmpty());
}

void TestSpecOutline::httpEdits_data()
{
    QTest::addColumn<QString>("yaml");
    QTest::addColumn<int>("http");
    QTest::addColumn<bool>("response");
    QTest::addColumn<SpecEdits::KeyValues>("values");
    QTest::addColumn<QString>("expected");

    const QString hello = helloHttp();
    const auto replaced = [&hello](const char *from, const char *to) {
        QString text = hello;
        return QString(text.replace(y(from), y(to)) + y("\n") + echoItem("/ws/echo") + y("\n")
                       + plainHttp());
    };
    const QString yaml = httpConfig();
    QTest::newRow("status, its comment kept")
        << yaml << 0 << true
        << SpecEdits::KeyValues { { y("status"), YamlValue::verbatim(y("201")) } }
        << replaced("status: 200  # status tail", "status: 201  # status tail");
    QTest::newRow("body, a folded block becomes a literal one")
        << yaml << 0 << true
        << SpecEdits::KeyValues { { y("body"), YamlValue::scalar(y("{\"bye\": 1}\n")) } }
        << replaced("body: >\n        {\"hello\": \"{{path-params.username}}!\"}\n",
                    "body: |\n        {\"bye\": 1}\n");
    QTest::newRow("method") << yaml << 0 << false
                            << SpecEdits::KeyValues { { y("method"),
                                                        YamlValue::scalar(y("POST")) } }
                            << replaced("method: GET  # method tail",
                                        "method: POST  # method tail");
    QTest::newRow("path") << yaml << 0 << false
                          << SpecEdits::KeyValues { { y("path"),
                                                      YamlValue::scalar(y("/hi/:name")) } }
                          << replaced("path: /hello/:username", "path: /hi/:name");
    QTest::newRow("delay added after the last response key")
        << yaml << 0 << true
        << SpecEdits::KeyValues { { y("delay"), YamlValue::verbatim(y("250ms")) } }
        << replaced("{{path-params.username}}!\"}\n",
                    "{{path-params.username}}!\"}\n      delay: 250ms\n");
    QTest::newRow("headers removed")
        << yaml << 0 << true << SpecEdits::KeyValues { { y("headers"), YamlValue() } }
        << replaced("      headers:\n        Content-Type: application/json\n", "");
    YamlValue headers = YamlValue::map();
    headers.insert(y("Content-Type"), YamlValue::scalar(y("text/plain")));
    headers.insert(y("X-Mock"), YamlValue::scalar(y("yes")));
    QTest::newRow("headers replaced")
        << yaml << 0 << true << SpecEdits::KeyValues { { y("headers"), headers } }
        << replaced("        Content-Type: application/json\n",
                    "        Content-Type: text/plain\n        X-Mock: 'yes'\n");
    YamlValue pushes = YamlValue::list({});
    YamlValue first = YamlValue::map();
    first.insert(y("path"), YamlValue::scalar(y("/ws/echo")));
    first.insert(y("message"), YamlValue::scalar(y("hi")));
    YamlValue second = YamlValue::map();
    second.insert(y("path"), YamlValue::scalar(y("/ws/room")));
    second.insert(y("message"), YamlValue::scalar(y("{\"n\": 1}")));
    pushes.items = { first, second };
    QTest::newRow("a push added") << yaml << 0 << false
                                  << SpecEdits::KeyValues { { y("push"), pushes } }
                                  << replaced("        message: hi\n",
                                              "        message: hi\n      - path: /ws/room\n"
                                              "        message: '{\"n\": 1}'\n");
    QTest::newRow("pushes removed")
        << yaml << 0 << false << SpecEdits::KeyValues { { y("push"), YamlValue() } }
        << replaced("    push:\n      - path: /ws/echo\n        message: hi\n", "");
    QTest::newRow("response added where there is none")
        << yaml << 1 << true
        << SpecEdits::KeyValues { { y("status"), YamlValue::verbatim(y("404")) } }
        << QString(hello + y("\n") + echoItem("/ws/echo") + y("\n")
                   + y("- endpoint:\n    path: /bare\n    response:\n      status: 404\n"));
}

void TestSpecOutline::httpEdits()
{
    QFETCH(QString, yaml);
    QFETCH(int, http);
    QFETCH(bool, response);
    QFETCH(SpecEdits::KeyValues, values);
    QFETCH(QString, expected);
    const SpecOutline outline = SpecOutline::parse(yaml);
    const TextEdit edit = response ? SpecEdits::setHttpResponseKeys(yaml, outline, http, values)
                                   : SpecEdits::setHttpKeys(yaml, outline, http, values);
    QVERIFY(!edit.isNull());
    const QString after = SpecEdits::apply(yaml, edit);
    QCOMPARE(after, expected);
    const LoadResult loaded = SpecLoader::loadText(after, y("t.yml"));
    QVERIFY2(loaded.ok(), qPrintable(loaded.diagnosticsText()));
}

void TestSpecOutline::httpEditsAreVerified()
{
    const QString yaml = httpConfig();
    const SpecOutline outline = SpecOutline::parse(yaml);

    // Added at the end, in the file's layout, and read back as an HTTP endpoint.
    const QString added = SpecEdits::apply(
        yaml, SpecEdits::addHttpEndpoint(yaml, outline, y("/new"), y("{\"ok\": true}")));
    QCOMPARE(added,
             yaml
                 + y("\n- endpoint:\n    method: GET\n    path: /new\n    response:\n"
                     "      status: 200\n      body: '{\"ok\": true}'\n"));
    const LoadResult loaded = SpecLoader::loadText(added, y("t.yml"));
    QVERIFY2(loaded.ok(), qPrintable(loaded.diagnosticsText()));
    QCOMPARE(loaded.spec->httpEndpoints.size(), 3);
    QCOMPARE(loaded.spec->httpEndpoints.last().label(), y("GET /new"));

    // Removed with the comment above it; the websocket item keeps its place in the outline.
    const QString removed = SpecEdits::apply(yaml, SpecEdits::removeHttpEndpoint(yaml, outline, 0));
    QCOMPARE(removed, echoItem("/ws/echo") + y("\n") + plainHttp());
    const SpecOutline after = SpecOutline::parse(removed);
    QCOMPARE(after.endpoints.at(0).itemIndex, 0);
    QCOMPARE(after.httpEndpoints.at(0).itemIndex, 1);

    // Out of range, or a flow item's key edit that would not read as asked: nothing.
    QVERIFY(SpecEdits::setHttpKeys(yaml, outline, 2, { { y("path"), YamlValue::scalar(y("/x")) } })
                .isNull());
    QVERIFY(SpecEdits::removeHttpEndpoint(yaml, outline, -1).isNull());
    const QString flow = y("- endpoint: {path: /a, response: {status: 200}}\n");
    const SpecOutline flowOutline = SpecOutline::parse(flow);
    QCOMPARE(SpecEdits::apply(
                 flow,
                 SpecEdits::setHttpResponseKeys(
                     flow, flowOutline, 0, { { y("status"), YamlValue::verbatim(y("500")) } })),
             y("- endpoint: {path: /a, response: {status: 500}}\n"));

    // Removing a websocket item: the HTTP item after it moves up one item, and nothing else.
    QCOMPARE(SpecOutline::parse(SpecEdits::apply(yaml, SpecEdits::removeEndpoint(yaml, outline, 0)))
                 .httpEndpoints.at(1)
                 .itemIndex,
             1);
}
