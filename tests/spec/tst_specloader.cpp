#include "mockspec.h"
#include "specloader.h"
#include "testfiles.h"

#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

namespace {
QString y(const char *text)
{
    return QString::fromUtf8(text);
}

QStringList texts(const Diagnostics &diagnostics)
{
    QStringList out;
    for (const Diagnostic &d : diagnostics)
        out.append(d.toString());
    return out;
}

const QString FileName = QStringLiteral("mocks.yml");
} // namespace

class TestSpecLoader : public QObject
{
    Q_OBJECT

    static void proxyDiagnostics();

private Q_SLOTS:
    void diagnostics_data();
    void diagnostics();
    void proxyLoaded();
    void invalidRegexStillLoads();
    void httpEndpointLoaded();
    void multipleDocuments();
    void examples_data();
    void examples();
    void structuredResponse_data();
    void structuredResponse();
    void locations();
    void loadFileMissing();
    void loadFileNamesThePath();
    void garbage_data();
    void garbage();
};

void TestSpecLoader::diagnostics_data()
{
    QTest::addColumn<QString>("yaml");
    QTest::addColumn<bool>("loads");
    QTest::addColumn<QStringList>("expected");
    QTest::addColumn<int>("line"); // of the first diagnostic

    QTest::newRow("clean") << y("- websocket:\n    path: /ws/echo\n") << true << QStringList() << 0;
    QTest::newRow("empty file") << QString() << true
                                << QStringList { y(
                                       "mocks.yml: warning: the file defines no endpoints") }
                                << 0;
    QTest::newRow("empty list")
        << y("[]\n") << true
        << QStringList { y("mocks.yml:1:1: warning: the file defines no websocket endpoints") }
        << 1;
    QTest::newRow("syntax error")
        << y("- websocket:\n    path: /ws/echo\n   on-connect: x\n") << false
        << QStringList { y("mocks.yml:3:4: error: YAML syntax error: end of map not found") } << 3;
    // yaml-cpp 0.7 accepts a quote left open at the end of the file, swallowing the rest of it.
    QTest::newRow("unclosed quote")
        << y("- websocket:\n    path: \"/ws/echo\n    on-connect:\n      response: hi\n") << false
        << QStringList { y("mocks.yml:2:11: error: YAML syntax error: end of stream reached "
                           "without closing quote") }
        << 2;
    QTest::newRow("top level map")
        << y("websocket:\n  path: /ws/echo\n") << false
        << QStringList { y("mocks.yml:1:1: error: expected a list of endpoints (\"- websocket: "
                           "...\"), found a map") }
        << 1;
    QTest::newRow("top level text")
        << y("# comment\nhello\n") << false
        << QStringList { y("mocks.yml:2:1: error: expected a list of endpoints (\"- websocket: "
                           "...\"), found text") }
        << 2;
    QTest::newRow("item is a list") << y("- websocket:\n    path: /ws/echo\n- [a, b]\n") << false
                                    << QStringList { y("mocks.yml:3:3: error: expected an endpoint "
                                                       "(a map with 'websocket:'), found a list") }
                                    << 3;
    QTest::newRow("item without websocket")
        << y("- sockets:\n    path: /ws\n") << false
        << QStringList { y("mocks.yml:1:3: warning: unknown key 'sockets' ignored"),
                         y("mocks.yml:1:3: error: item has neither 'websocket' nor 'endpoint'") }
        << 1;
    QTest::newRow("websocket empty")
        << y("- websocket:\n") << false
        << QStringList { y("mocks.yml:1:3: error: 'websocket' must be a map, found nothing") } << 1;
    QTest::newRow("websocket text")
        << y("- websocket: /ws/echo\n") << false
        << QStringList { y("mocks.yml:1:14: error: 'websocket' must be a map, found text") } << 1;
    QTest::newRow("no path") << y("- websocket:\n    on-connect:\n      response: hi\n") << false
                             << QStringList { y("mocks.yml:1:3: error: websocket has no 'path'") }
                             << 1;
    QTest::newRow("path is a map")
        << y("- websocket:\n    path: {a: 1}\n") << false
        << QStringList { y("mocks.yml:2:11: error: 'path' must be text, found a map") } << 2;
    QTest::newRow("path is empty")
        << y("- websocket:\n    path:\n") << false
        << QStringList { y("mocks.yml:2:5: error: 'path' must be text, found nothing") } << 2;
    QTest::newRow("path without slash")
        << y("- websocket:\n    path: ws/echo\n") << false
        << QStringList { y("mocks.yml:2:11: error: path 'ws/echo' must start with '/'") } << 2;
    QTest::newRow("path with query")
        << y("- websocket:\n    path: /ws?a=1\n") << false
        << QStringList { y(
               "mocks.yml:2:11: error: path '/ws?a=1' must not contain a query or fragment") }
        << 2;
    QTest::newRow("on-message is a map")
        << y("- websocket:\n    path: /ws/echo\n    on-message:\n      pattern: ping\n      "
             "response: pong\n")
        << false
        << QStringList { y(
               "mocks.yml:4:7: error: 'on-message' must be a list of rules, found a map") }
        << 4;
    QTest::newRow("on-connect is text")
        << y("- websocket:\n    path: /ws/echo\n    on-connect: hello\n") << false
        << QStringList { y(
               "mocks.yml:3:17: error: 'on-connect' must be a map with 'response', found text") }
        << 3;
    QTest::newRow("on-connect without response")
        << y("- websocket:\n    path: /ws/echo\n    on-connect:\n      message: hi\n") << false
        << QStringList { y("mocks.yml:3:5: error: 'on-connect' has no 'response'"),
                         y("mocks.yml:4:7: warning: unknown key 'message' in on-connect ignored") }
        << 3;
    QTest::newRow("empty on-connect response")
        << y("- websocket:\n    path: /ws/echo\n    on-connect:\n      response:\n") << false
        << QStringList { y("mocks.yml:4:7: error: 'response' is empty") } << 4;
    QTest::newRow("rule is text") << y(
        "- websocket:\n    path: /ws/echo\n    on-message:\n      - ping\n")
                                  << false
                                  << QStringList { y("mocks.yml:4:9: error: a rule must be a map "
                                                     "with 'pattern' and 'response', found text") }
                                  << 4;
    QTest::newRow("rule without pattern")
        << y("- websocket:\n    path: /ws/echo\n    on-message:\n      - response: pong\n") << false
        << QStringList { y("mocks.yml:4:9: error: rule has no 'pattern'") } << 4;
    QTest::newRow("rule without response")
        << y("- websocket:\n    path: /ws/echo\n    on-message:\n      - pattern: ping\n") << false
        << QStringList { y("mocks.yml:4:9: error: rule has no 'response'") } << 4;
    QTest::newRow("rule with empty pattern")
        << y("- websocket:\n    path: /ws/echo\n    on-message:\n      - pattern:\n        "
             "response: pong\n")
        << false << QStringList { y("mocks.yml:4:9: error: 'pattern' is empty") } << 4;
    QTest::newRow("duplicate path")
        << y("- websocket:\n    path: /ws/echo\n- websocket:\n    path: /ws/echo\n") << false
        << QStringList { y(
               "mocks.yml:4:11: error: duplicate path '/ws/echo' (first defined at line 2)") }
        << 4;
    QTest::newRow("conflicting paths")
        << y("- websocket:\n    path: /a/:x\n- websocket:\n    path: /a/:y\n") << false
        << QStringList { y("mocks.yml:4:11: error: path '/a/:y' conflicts with '/a/:x' (line 2): "
                           "both match the same URLs") }
        << 4;
    QTest::newRow("literal and param do not conflict")
        << y("- websocket:\n    path: /a/:x\n- websocket:\n    path: /a/b\n") << true
        << QStringList() << 0;
    QTest::newRow("unknown key at top level")
        << y("- websocket:\n    path: /ws/echo\n  name: echo\n") << true
        << QStringList { y("mocks.yml:3:3: warning: unknown key 'name' ignored") } << 3;
    QTest::newRow("unknown key in websocket")
        << y("- websocket:\n    path: /ws/echo\n    timeout: 5\n") << true
        << QStringList { y("mocks.yml:3:5: warning: unknown key 'timeout' in websocket ignored") }
        << 3;
    QTest::newRow("unknown key in on-connect")
        << y("- websocket:\n    path: /ws/echo\n    on-connect:\n      response: hi\n      "
             "latency: 10\n")
        << true
        << QStringList { y("mocks.yml:5:7: warning: unknown key 'latency' in on-connect ignored") }
        << 5;
    QTest::newRow("unknown key in rule")
        << y("- websocket:\n    path: /ws/echo\n    on-message:\n      - pattern: ping\n        "
             "response: pong\n        latency: 10\n")
        << true
        << QStringList { y("mocks.yml:6:9: warning: unknown key 'latency' in rule ignored") } << 6;
    QTest::newRow("a typo of on-message is named")
        << y("- websocket:\n    path: /ws/echo\n    on-mesage:\n      - pattern: a\n"
             "        response: b\n")
        << true
        << QStringList { y("mocks.yml:3:5: warning: unknown key 'on-mesage' in websocket "
                           "ignored; did you mean 'on-message'?") }
        << 3;
    QTest::newRow("case and underscore are forgiven in the hint")
        << y("- websocket:\n    path: /ws/echo\n    On_Connect:\n      response: hi\n") << true
        << QStringList { y("mocks.yml:3:5: warning: unknown key 'On_Connect' in websocket "
                           "ignored; did you mean 'on-connect'?") }
        << 3;
    QTest::newRow("a swapped pair in a rule")
        << y("- websocket:\n    path: /ws/echo\n    on-message:\n      - pattern: ping\n        "
             "respnose: pong\n        response: pong\n")
        << true
        << QStringList { y("mocks.yml:5:9: warning: unknown key 'respnose' in rule ignored; "
                           "did you mean 'response'?") }
        << 5;
    QTest::newRow("a typo at top level")
        << y("- websockt:\n    path: /ws\n") << false
        << QStringList { y("mocks.yml:1:3: warning: unknown key 'websockt' ignored; did you mean "
                           "'websocket'?"),
                         y("mocks.yml:1:3: error: item has neither 'websocket' nor 'endpoint'") }
        << 1;
    QTest::newRow("several errors in line order")
        << y("- websocket:\n" // 1
             "    on-message:\n" // 2
             "      - response: x\n" // 3
             "- websocket:\n" // 4
             "    path: ws/bad\n" // 5
             "- 42\n" // 6
             "- websocket:\n" // 7
             "    path: /ok\n" // 8
             "    on-connect: hello\n" // 9
             "    colour: red\n") // 10
        << false
        << QStringList { y("mocks.yml:1:3: error: websocket has no 'path'"),
                         y("mocks.yml:3:9: error: rule has no 'pattern'"),
                         y("mocks.yml:5:11: error: path 'ws/bad' must start with '/'"),
                         y("mocks.yml:6:3: error: expected an endpoint (a map with 'websocket:'), "
                           "found text"),
                         y("mocks.yml:9:17: error: 'on-connect' must be a map with 'response', "
                           "found text"),
                         y("mocks.yml:10:5: warning: unknown key 'colour' in websocket ignored") }
        << 1;
    QTest::newRow("path-params name not in path")
        << y("- websocket:\n    path: /ws/user/:username\n    on-connect:\n      response: 'Hi "
             "{{path-params.name}}'\n")
        << true
        << QStringList { y("mocks.yml:4:17: warning: '{{path-params.name}}' is not a parameter of "
                           "path '/ws/user/:username'; it renders empty") }
        << 4;
    QTest::newRow("path-params in rule response")
        << y("- websocket:\n    path: /ws\n    on-message:\n      - pattern: ping\n        "
             "response: '{{path-params.id}} {{path-params.id}}'\n")
        << true
        << QStringList { y("mocks.yml:5:19: warning: '{{path-params.id}}' is not a parameter of "
                           "path '/ws'; it renders empty") }
        << 5;
    QTest::newRow("json-params in on-connect")
        << y("- websocket:\n    path: /ws\n    on-connect:\n      response: '{\"a\": "
             "\"{{json-params.a}}\"}'\n")
        << true
        << QStringList { y("mocks.yml:4:17: warning: on-connect has no message; "
                           "'{{json-params.a}}' renders empty") }
        << 4;
    QTest::newRow("message in on-connect")
        << y("- websocket:\n    path: /ws\n    on-connect:\n      response: 'you said "
             "{{message}}'\n")
        << true
        << QStringList { y(
               "mocks.yml:4:17: warning: on-connect has no message; '{{message}}' renders empty") }
        << 4;
    QTest::newRow("unknown variable")
        << y("- websocket:\n    path: /ws\n    on-message:\n      - pattern: ping\n        "
             "response: '{{foo.bar}}'\n")
        << true
        << QStringList { y("mocks.yml:5:19: warning: unknown template variable '{{foo.bar}}'; it "
                           "renders empty") }
        << 5;
    QTest::newRow("variables that are fine")
        << y("- websocket:\n    path: /ws/:id\n    on-connect:\n      response: "
             "'{{path-params.id}} {{query-params.q}}'\n"
             "    on-message:\n      - pattern: '{\"a\": \"{{foo}}\"}'\n        response: '{{foo}} "
             "{{json-params.a}} {{message}}'\n"
             "      - pattern: '(?<name>\\w+)!'\n        response: 'hi {{name}}'\n")
        << true << QStringList() << 0;
    QTest::newRow("conversation keys load")
        << y("- websocket:\n    path: /ws\n    on-message:\n      - pattern: login\n"
             "        when-state: [start, away]\n        when-shared: {market: open}\n"
             "        set-state: in\n        set: {user: '{{message}}'}\n"
             "        set-shared: {last: '{{vars.user}} {{shared.last}} {{state}}'}\n"
             "        start-stream: {key: k, every: 1s, count: 2, frames: [t], final: end}\n"
             "        stop-stream: old\n"
             "      - pattern: buy\n        sequence:\n          mode: cycle\n"
             "          per: endpoint\n          replies: [{response: a}, {frames: [b]}]\n")
        << true << QStringList() << 0;
    QTest::newRow("a rule that only changes the conversation needs no response")
        << y("- websocket:\n    path: /ws\n    on-message:\n      - pattern: x\n"
             "        set-state: on\n")
        << true << QStringList() << 0;
    QTest::newRow("a guard alone is no answer")
        << y("- websocket:\n    path: /ws\n    on-message:\n      - pattern: x\n"
             "        when-state: on\n")
        << false << QStringList { y("mocks.yml:4:9: error: rule has no 'response'") } << 4;
    QTest::newRow("bad state name")
        << y("- websocket:\n    path: /ws\n    on-message:\n      - pattern: x\n"
             "        set-state: 'logged in'\n")
        << false
        << QStringList { y("mocks.yml:5:20: error: 'logged in' is not a name: use letters, "
                           "digits, '_' or '-'") }
        << 5;
    QTest::newRow("set is not a map")
        << y("- websocket:\n    path: /ws\n    on-message:\n      - pattern: x\n"
             "        set: user\n")
        << false
        << QStringList { y("mocks.yml:5:14: error: 'set' must be a map of names and their values "
                           "(templates)") }
        << 5;
    QTest::newRow("sequence with a bad mode and no replies")
        << y("- websocket:\n    path: /ws\n    on-message:\n      - pattern: x\n"
             "        sequence: {mode: stik}\n")
        << false
        << QStringList { y("mocks.yml:5:19: error: 'sequence' needs 'replies': a list of replies"),
                         y("mocks.yml:5:26: error: a sequence's 'mode' must be stick or cycle") }
        << 5;
    QTest::newRow("sequence beside a response")
        << y("- websocket:\n    path: /ws\n    on-message:\n      - pattern: x\n"
             "        response: y\n        sequence: {replies: [{response: a}]}\n")
        << false
        << QStringList { y("mocks.yml:4:9: error: rule has a 'sequence' and its own 'response' or "
                           "'frames'; the sequence's replies answer") }
        << 4;
    QTest::newRow("start-stream without key, with a bad count")
        << y("- websocket:\n    path: /ws\n    on-message:\n      - pattern: x\n"
             "        start-stream: {every: 5ms, count: 0, frames: [t], fnal: x}\n")
        << false
        << QStringList { y("mocks.yml:5:23: error: 'start-stream' has no 'key'"),
                         y("mocks.yml:5:31: error: 'every' must be at least 10ms, so a stream "
                           "cannot flood"),
                         y("mocks.yml:5:43: error: 'count' must be a whole number of frames, 1 or "
                           "more"),
                         y("mocks.yml:5:59: warning: unknown key 'fnal' in start-stream ignored; "
                           "did you mean 'final'?") }
        << 5;
    QTest::newRow("a typo of a conversation key is named")
        << y("- websocket:\n    path: /ws\n    on-message:\n      - pattern: x\n"
             "        response: y\n        when-sate: on\n")
        << true
        << QStringList { y("mocks.yml:6:9: warning: unknown key 'when-sate' in rule ignored; did "
                           "you mean 'when-state'?") }
        << 6;
    // A broken path must not add a misleading "not a parameter of path ''" warning.
    QTest::newRow("no template warning after a path error")
        << y("- websocket:\n    path: ws/:id\n    on-connect:\n      response: 'Hi "
             "{{path-params.id}}'\n")
        << false << QStringList { y("mocks.yml:2:11: error: path 'ws/:id' must start with '/'") }
        << 2;
    QTest::newRow("on-unmatched with a response")
        << y("- websocket:\n    path: /ws/echo\n    on-unmatched:\n      response: 'no: "
             "{{message}}'\n      delay: 10ms\n")
        << true << QStringList() << 0;
    QTest::newRow("on-unmatched is text")
        << y("- websocket:\n    path: /ws/echo\n    on-unmatched: sorry\n") << false
        << QStringList { y("mocks.yml:3:19: error: 'on-unmatched' must be a map with 'response', "
                           "found text") }
        << 3;
    QTest::newRow("on-unmatched without a reply")
        << y("- websocket:\n    path: /ws/echo\n    on-unmatched:\n      to: sender\n") << false
        << QStringList { y("mocks.yml:3:5: error: 'on-unmatched' has no 'response'") } << 3;
    QTest::newRow("on-unmatched with response and frames")
        << y("- websocket:\n    path: /ws/echo\n    on-unmatched:\n      response: a\n"
             "      frames: [b]\n")
        << false
        << QStringList { y(
               "mocks.yml:3:5: error: 'on-unmatched' has both 'response' and 'frames'; use one") }
        << 3;
    QTest::newRow("a typo in on-unmatched")
        << y("- websocket:\n    path: /ws/echo\n    on-unmatched:\n      respone: a\n"
             "      close: true\n")
        << true
        << QStringList { y("mocks.yml:4:7: warning: unknown key 'respone' in on-unmatched "
                           "ignored; did you mean 'response'?") }
        << 4;
    QTest::newRow("a typo of on-unmatched is named")
        << y("- websocket:\n    path: /ws/echo\n    on-unmached:\n      response: a\n") << true
        << QStringList { y("mocks.yml:3:5: warning: unknown key 'on-unmached' in websocket "
                           "ignored; did you mean 'on-unmatched'?") }
        << 3;
    QTest::newRow("a disabled rule")
        << y("- websocket:\n    path: /ws/echo\n    on-message:\n      - pattern: ping\n"
             "        response: pong\n        enabled: false\n")
        << true << QStringList() << 0;
    QTest::newRow("enabled is not a boolean")
        << y("- websocket:\n    path: /ws/echo\n    on-message:\n      - pattern: ping\n"
             "        response: pong\n        enabled: maybe\n")
        << false << QStringList { y("mocks.yml:6:18: error: 'enabled' must be true or false") }
        << 6;
    QTest::newRow("a typo of enabled is named")
        << y("- websocket:\n    path: /ws/echo\n    on-message:\n      - pattern: ping\n"
             "        response: pong\n        enabed: false\n")
        << true
        << QStringList { y("mocks.yml:6:9: warning: unknown key 'enabed' in rule ignored; "
                           "did you mean 'enabled'?") }
        << 6;
    QTest::newRow("a disabled rule shadows nothing")
        << y("- websocket:\n    path: /ws/echo\n    on-message:\n      - pattern: ping\n"
             "        response: old\n        enabled: false\n      - pattern: ping\n"
             "        response: pong\n")
        << true << QStringList() << 0;
    proxyDiagnostics(); // rows of their own
}

void TestSpecLoader::proxyDiagnostics()
{
    QTest::newRow("proxy") << y("- websocket:\n    path: /ws/user/:name\n"
                                "    proxy: wss://real.example/ws/{{path-params.name}}\n")
                           << true << QStringList() << 0;
    QTest::newRow("proxy to http")
        << y("- websocket:\n    path: /ws\n    proxy: http://real.example/ws\n") << false
        << QStringList { y("mocks.yml:3:12: error: 'proxy' must be a ws:// or wss:// URL such as "
                           "wss://api.example.test/ws, found 'http://real.example/ws'") }
        << 3;
    QTest::newRow("proxy without host")
        << y("- websocket:\n    path: /ws\n    proxy: ws:///ws\n") << false
        << QStringList { y("mocks.yml:3:12: error: 'proxy' must be a ws:// or wss:// URL such as "
                           "wss://api.example.test/ws, found 'ws:///ws'") }
        << 3;
    QTest::newRow("proxy is a list")
        << y("- websocket:\n    path: /ws\n    proxy: [ws://a]\n") << false
        << QStringList { y("mocks.yml:3:12: error: 'proxy' must be a ws:// or wss:// URL such as "
                           "wss://api.example.test/ws, found ''") }
        << 3;
    QTest::newRow("proxy names an unknown path parameter")
        << y("- websocket:\n    path: /ws/:id\n    proxy: ws://real.example/{{path-params.name}}\n")
        << true
        << QStringList { y("mocks.yml:3:12: warning: '{{path-params.name}}' is not a parameter "
                           "of path '/ws/:id'; it renders empty") }
        << 3;
    QTest::newRow("proxy-insecure not a boolean")
        << y("- websocket:\n    path: /ws\n    proxy: wss://localhost:9443\n"
             "    proxy-insecure: yes please\n")
        << false
        << QStringList { y("mocks.yml:4:21: error: 'proxy-insecure' must be true or false") } << 4;
    QTest::newRow("proxy-insecure without proxy")
        << y("- websocket:\n    path: /ws\n    proxy-insecure: true\n") << true
        << QStringList { y(
               "mocks.yml:3:5: warning: 'proxy-insecure' without 'proxy' does nothing") }
        << 3;
    QTest::newRow("on-unmatched beside proxy")
        << y("- websocket:\n    path: /ws\n    proxy: ws://localhost:9000\n"
             "    on-unmatched:\n      response: nope\n")
        << true
        << QStringList { y("mocks.yml:4:5: warning: 'on-unmatched' is never used: with 'proxy', "
                           "what no rule answers goes to the upstream") }
        << 4;
}

void TestSpecLoader::diagnostics()
{
    QFETCH(QString, yaml);
    QFETCH(bool, loads);
    QFETCH(QStringList, expected);
    QFETCH(int, line);

    const LoadResult result = SpecLoader::loadText(yaml, FileName);
    if (result.diagnostics.size() != expected.size())
        QFAIL(qPrintable(QStringLiteral("got:\n") + result.diagnosticsText()));
    QCOMPARE(texts(result.diagnostics), expected);
    QCOMPARE(result.diagnosticsText(), expected.join(QLatin1Char('\n')));
    QCOMPARE(result.ok(), loads);
    QCOMPARE(hasErrors(result.diagnostics), !loads);
    if (!expected.isEmpty())
        QCOMPARE(result.diagnostics.first().line, line);
    if (loads)
        QCOMPARE(result.spec->fileName, FileName);
}

void TestSpecLoader::proxyLoaded()
{
    const LoadResult result = SpecLoader::loadText(
        y("- websocket:\n    path: /ws/user/:name\n"
          "    proxy: wss://localhost:9443/u/{{path-params.name}}\n    proxy-insecure: true\n"
          "- websocket:\n    path: /plain\n"),
        FileName);
    QVERIFY2(result.ok(), qPrintable(result.diagnosticsText()));
    const Endpoint &proxied = result.spec->endpoints.at(0);
    QVERIFY(proxied.proxy);
    QCOMPARE(proxied.proxy->url.source(), y("wss://localhost:9443/u/{{path-params.name}}"));
    QVERIFY(proxied.proxy->anyCertificate);
    QVERIFY(!result.spec->endpoints.at(1).proxy);
}

void TestSpecLoader::invalidRegexStillLoads()
{
    const QString yaml = y("- websocket:\n    path: /ws\n    on-message:\n"
                           "      - pattern: 'a(b'\n        response: one\n"
                           "      - pattern: '*ping'\n        response: two\n");
    const LoadResult result = SpecLoader::loadText(yaml, FileName);
    QVERIFY2(result.ok(), qPrintable(result.diagnosticsText()));
    // Offsets count characters of the pattern as the user wrote it.
    QCOMPARE(texts(result.diagnostics),
             (QStringList {
                 y("mocks.yml:4:18: warning: pattern is not a valid regular expression "
                   "(missing closing parenthesis at offset 3); it matches only the exact text"),
                 y("mocks.yml:6:18: warning: pattern is not a valid regular expression "
                   "(quantifier does not follow a repeatable item at offset 0); it matches only "
                   "the exact text") }));
    const Endpoint &endpoint = result.spec->endpoints.at(0);
    QCOMPARE(endpoint.rules.size(), 2);
    QCOMPARE(endpoint.rules.at(0).pattern.kind(), MessagePattern::Kind::Text);
    QVERIFY(!endpoint.rules.at(0).pattern.isRegex());
    Bindings bindings;
    QCOMPARE(endpoint.firstMatch(IncomingMessage(QStringLiteral("a(b")), &bindings),
             &endpoint.rules.at(0));
    QCOMPARE(endpoint.firstMatch(IncomingMessage(QStringLiteral("*ping")), &bindings),
             &endpoint.rules.at(1));
    QCOMPARE(endpoint.firstMatch(IncomingMessage(QStringLiteral("ab")), &bindings), nullptr);
}

void TestSpecLoader::httpEndpointLoaded()
{
    const QString yaml
        = y("- endpoint:\n    method: GET\n    path: /hello\n    response:\n      status: 200\n"
            "- websocket:\n    path: /ws/echo\n    on-message:\n      - pattern: ping\n        "
            "response: pong\n");
    const LoadResult result = SpecLoader::loadText(yaml, FileName);
    QVERIFY2(result.ok(), qPrintable(result.diagnosticsText()));
    QCOMPARE(texts(result.diagnostics), QStringList());
    QCOMPARE(result.spec->endpoints.size(), 1);
    QCOMPARE(result.spec->httpEndpoints.size(), 1);
    // The HTTP item is no WebSocket endpoint.
    QVERIFY(!result.spec->route(QStringLiteral("/hello")));
    const Endpoint *endpoint = result.spec->route(QStringLiteral("/ws/echo"));
    QVERIFY(endpoint);
    const Rule *rule = endpoint->firstMatch(IncomingMessage(QStringLiteral("ping")), nullptr);
    QVERIFY(rule);
    QCOMPARE(rule->response.source(), QStringLiteral("pong"));

    // A file of HTTP items only loads without a word.
    const LoadResult onlyHttp
        = SpecLoader::loadText(y("- endpoint:\n    path: /hello\n"), FileName);
    QVERIFY(onlyHttp.ok());
    QCOMPARE(texts(onlyHttp.diagnostics), QStringList());
    QCOMPARE(onlyHttp.spec->httpEndpoints.size(), 1);
    QVERIFY(onlyHttp.spec->endpoints.isEmpty());
}

void TestSpecLoader::multipleDocuments()
{
    // Only the first YAML document is read; the second must not vanish without a word.
    const QString yaml = y("---\n- websocket: {path: /a}\n---\n- websocket: {path: /b}\n");
    const LoadResult result = SpecLoader::loadText(yaml, FileName);
    QVERIFY2(!result.diagnostics.isEmpty(), "the second document (path /b) is silently ignored");
    QCOMPARE(result.diagnostics.first().line, 3);
}

void TestSpecLoader::examples_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QStringList>("paths");

    QTest::newRow("echo") << QStringLiteral("echo.yml")
                          << QStringList { QStringLiteral("/ws/echo") };
    QTest::newRow("user") << QStringLiteral("user.yml")
                          << QStringList { QStringLiteral("/ws/user/:username") };
    QTest::newRow("bundled") << QStringLiteral("mocks.yml")
                             << QStringList { QStringLiteral("/ws/echo"),
                                              QStringLiteral("/ws/user/:username") };
}

void TestSpecLoader::examples()
{
    QFETCH(QString, file);
    QFETCH(QStringList, paths);

    const LoadResult result = SpecLoader::loadFile(examplePath(file));
    QVERIFY2(result.ok(), qPrintable(result.diagnosticsText()));
    QVERIFY2(result.diagnostics.isEmpty(), qPrintable(result.diagnosticsText()));
    QStringList actual;
    for (const Endpoint &e : result.spec->endpoints)
        actual.append(e.path.text());
    QCOMPARE(actual, paths);
    for (const Endpoint &e : result.spec->endpoints) {
        QVERIFY(e.greeting.has_value());
        QVERIFY(e.greeting->isJson());
        QCOMPARE(e.rules.first().pattern.kind(),
                 e.path.text() == QLatin1String("/ws/echo") ? MessagePattern::Kind::Text
                                                            : MessagePattern::Kind::Json);
    }
    const Endpoint &first = result.spec->endpoints.first();
    if (first.path.text() == QLatin1String("/ws/echo")) {
        QCOMPARE(
            first.greeting->source(),
            QStringLiteral(R"({"status": "connected", "message": "Welcome to WebSocket Echo!"})"));
        QCOMPARE(first.rules.size(), 2);
        QCOMPARE(first.rules.at(1).pattern.kind(), MessagePattern::Kind::Json);
        QCOMPARE(first.rules.at(1).response.source(),
                 QStringLiteral(R"({"echoed": "{{json-params.echo}}"})"));
    }
}

void TestSpecLoader::structuredResponse_data()
{
    QTest::addColumn<QString>("response"); // YAML for the value of `response:`
    QTest::addColumn<QString>("json");

    QTest::newRow("flow map, typed scalars")
        << y(R"({status: connected, count: 3, ok: true, quoted: "3"})")
        << y(R"({"status":"connected","count":3,"ok":true,"quoted":"3"})");
    QTest::newRow("key order kept")
        << y("{zeta: 1, alpha: 2, mid: 3}") << y(R"({"zeta":1,"alpha":2,"mid":3})");
    QTest::newRow("block map with nesting")
        << y("\n            user: alice\n            tags: [a, 1, null, ~, 2.5, -7, yes, 'no', "
             "1e3]\n"
             "            nested: {empty: , f: false, deep: [[]]}\n")
        << y(R"({"user":"alice","tags":["a",1,null,null,2.5,-7,"yes","no",1000],"nested":{"empty":null,"f":false,"deep":[[]]}})");
    QTest::newRow("list") << y("[1, two, {three: 3}]") << y(R"([1,"two",{"three":3}])");
    QTest::newRow("escaping") << y(R"({msg: 'say "hi" \n', tab: "a\tb"})")
                              << y(R"({"msg":"say \"hi\" \\n","tab":"a\tb"})");
    QTest::newRow("explicit str tag") << y("{n: !!str 42}") << y(R"({"n":"42"})");
    QTest::newRow("template kept") << y("{message: 'Welcome, {{path-params.id}}!'}")
                                   << y(R"({"message":"Welcome, {{path-params.id}}!"})");
    QTest::newRow("text is sent as written")
        << y(R"('{"a": 1,  "b" : 2}')") << y(R"({"a": 1,  "b" : 2})");
    QTest::newRow("number is text") << y("42") << y("42");
    QTest::newRow("alias repeats its anchor's value")
        << y("{a: &pair [1, {b: 2}], again: *pair}")
        << y(R"({"a":[1,{"b":2}],"again":[1,{"b":2}]})");
    QTest::newRow("collection as key") << y("{[1, 2]: v}") << y(R"({"[1,2]":"v"})");
}

void TestSpecLoader::structuredResponse()
{
    QFETCH(QString, response);
    QFETCH(QString, json);

    const QString yaml = y("- websocket:\n    path: /ws/:id\n    on-connect:\n      response: ")
        + response + y("\n    on-message:\n      - pattern: ping\n        response: ") + response
        + QLatin1Char('\n');
    const LoadResult result = SpecLoader::loadText(yaml, FileName);
    QVERIFY2(result.ok(), qPrintable(result.diagnosticsText()));
    QVERIFY2(result.diagnostics.isEmpty(), qPrintable(result.diagnosticsText()));
    const Endpoint &endpoint = result.spec->endpoints.at(0);
    QVERIFY(endpoint.greeting.has_value());
    QCOMPARE(endpoint.greeting->source(), json);
    QCOMPARE(endpoint.rules.at(0).response.source(), json);
}

void TestSpecLoader::locations()
{
    const QString yaml = y("# header\n- websocket:\n    path: /ws/echo\n    on-message:\n"
                           "      - pattern: ping\n        response: pong\n"
                           "      - pattern: pong\n        response: ping\n");
    const LoadResult result = SpecLoader::loadText(yaml, FileName);
    QVERIFY(result.ok());
    const Endpoint &endpoint = result.spec->endpoints.at(0);
    QCOMPARE(endpoint.location.line, 3);
    QCOMPARE(endpoint.location.column, 11);
    QCOMPARE(endpoint.rules.size(), 2);
    QCOMPARE(endpoint.rules.at(1).index, 1);
    QCOMPARE(endpoint.rules.at(1).label(), QStringLiteral("on-message[1]"));
    QCOMPARE(endpoint.rules.at(1).location.line, 7);
    QCOMPARE(endpoint.rules.at(1).location.column, 9);
    QCOMPARE(result.spec->ruleCount(), 2);
}

void TestSpecLoader::loadFileMissing()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("missing.yml"));
    const LoadResult result = SpecLoader::loadFile(path);
    QVERIFY(!result.ok());
    QCOMPARE(result.diagnostics.size(), 1);
    QCOMPARE(result.diagnostics.first().line, 0);
    QCOMPARE(result.diagnostics.first().toString(),
             path + QStringLiteral(": error: cannot open the file: No such file or directory"));
}

void TestSpecLoader::loadFileNamesThePath()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("bad.yml"));
    QVERIFY(writeFile(path, "- websocket:\n    path: nope\n"));
    const LoadResult result = SpecLoader::loadFile(path);
    QVERIFY(!result.ok());
    QCOMPARE(
        texts(result.diagnostics),
        QStringList { path + QStringLiteral(":2:11: error: path 'nope' must start with '/'") });
}

void TestSpecLoader::garbage_data()
{
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<bool>("loads");

    QTest::newRow("nul bytes") << QByteArray("\0\0\0\x01\x02", 5) << false;
    QTest::newRow("invalid utf-8") << QByteArray("\xff\xfe\xfd\x80\x81") << false;
    QTest::newRow("invalid utf-8 in a path")
        << QByteArray("- websocket:\n    path: /ws/\xff\xfe\n") << true;
    QTest::newRow("utf-8 bom") << QByteArray("\xef\xbb\xbf- websocket:\n    path: /ws\n") << true;
    QTest::newRow("tabs") << QByteArray("-\twebsocket:\n\t\tpath: /ws\n") << false;
    QTest::newRow("deep flow nesting") << QByteArray(100000, '[') << false;
    QTest::newRow("deep map nesting") << QByteArray(100000, '{') << false;
    QTest::newRow("deep nesting in response")
        << QByteArray("- websocket:\n    path: /ws\n    on-connect:\n      response: ")
            + QByteArray(100000, '[') + QByteArray(100000, ']') + '\n'
        << false;
    QTest::newRow("unbalanced") << QByteArray("]]]}}}:::---") << false;
    QTest::newRow("alias to nothing") << QByteArray("- *missing\n") << false;
    QTest::newRow("document markers") << QByteArray("---\n...\n---\n- a\n") << true;
    QRandomGenerator random(20250320);
    for (int i = 0; i < 20; ++i) {
        QByteArray bytes(int(random.bounded(1, 400)), '\0');
        for (char &c : bytes)
            c = char(random.bounded(256));
        QTest::addRow("random %d", i) << bytes << false;
    }
}

void TestSpecLoader::garbage()
{
    QFETCH(QByteArray, data);
    QFETCH(bool, loads);

    LoadResult result;
    QVERIFY_THROWS_NO_EXCEPTION(result = SpecLoader::loadData(data, FileName));
    QCOMPARE(result.ok(), loads);
    QCOMPARE(result.ok(), !hasErrors(result.diagnostics));
    for (const Diagnostic &d : std::as_const(result.diagnostics)) {
        QCOMPARE(d.file, FileName);
        QVERIFY(!d.message.isEmpty());
        QVERIFY(d.line >= 0 && d.column >= 0);
    }
}

QTEST_GUILESS_MAIN(TestSpecLoader)
#include "tst_specloader.moc"
