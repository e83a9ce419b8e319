// HTTP `endpoint:` items: what the loader reads from each key, the mistakes it reports, typed
// path parameters, how a request is routed, and webhook conditions.

#include "mockspec.h"
#include "specloader.h"
#include "specrules.h"

#include <QNetworkRequest>
#include <QTest>

namespace {

const QString FileName = QStringLiteral("mocks.yml");

// Loads yaml, failing the test (with every diagnostic) when it does not load.
MockSpecPtr loaded(const QString &yaml)
{
    const LoadResult result = SpecLoader::loadText(yaml, FileName);
    if (!result.ok())
        qWarning("%s", qPrintable(result.diagnosticsText()));
    return result.spec;
}

QString rendered(const Template &text, const ParamMap &pathParams = {})
{
    const TemplateContext context { &pathParams, nullptr, nullptr, nullptr };
    return text.render(context);
}

HttpRoute routeOf(const MockSpec &spec, const char *method, const char *path,
                  const char *host = "localhost:8080")
{
    return spec.routeHttp(QByteArrayView(method), QString::fromLatin1(host),
                          QString::fromUtf8(path));
}

// Moclojer's own kinds of config, each as a user would write it, in one mixed file.
const char *const MoclojerMixed = R"(
- endpoint:
    method: GET
    path: /hello/:username
    response:
      status: 200
      headers:
        Content-Type: application/json
      body: >
        {"hello": "{{path-params.username}}!"}
- endpoint:
    method: GET
    path: /hello-world
    response:
      body: '{"hello": "Hello, World!"}'
- endpoint:
    method: GET
    path: /with-params/:param1
    response:
      body: '{"path-params": "{{path-params.param1}}", "query-params": "{{query-params.param1}}"}'
- endpoint:
    method: post
    path: /first-post-route
    response:
      status: 200
      body:
        project: "{{json-params.project}}"
- endpoint:
    path: /v1/hello
    response:
      body: '{"hello": "v1"}'
- endpoint:
    path: /v1/hello/test/:username
    response:
      body: '{"hello": "{{path-params.username}}"}'
- endpoint:
    path: /v1/hello/:username
    response:
      body: '{"hello-param": "{{path-params.username}}"}'
- endpoint:
    path: /v1/hello/test
    response:
      body: '{"hello": "test"}'
- endpoint:
    path: /users/:name/age/:age|int
    response:
      body: '{"name": "{{path-params.name}}", "age": {{path-params.age}}}'
- websocket:
    path: /ws/echo
    on-message:
      - pattern: ping
        response: pong
)";

} // namespace

class TestHttpSpec : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everyKeyLoaded();
    void defaults();
    void bodyAsYaml();
    void diagnostics_data();
    void diagnostics();
    void paramTypes_data();
    void paramTypes();
    void paramTypeNames();
    void typedPath();
    void websocketPathKeepsBar();
    void routeLiteralBeatsParam();
    void routeTypedBeatsUntyped();
    void routeMethodNotAllowed();
    void routeHead();
    void routeHost();
    void routeBadParameter();
    void normalizedHosts_data();
    void normalizedHosts();
    void labels();
    void conditions_data();
    void conditions();
    void queryProblems();
    void moclojerMixedFile();
    void moclojerTypedGetAndDelete();
    void moclojerMultiHost();
    void moclojerWebhook();
    void moclojerExternalBody();
};

void TestHttpSpec::everyKeyLoaded()
{
    const MockSpecPtr spec = loaded(QStringLiteral(R"(
- endpoint:
    method: post
    host: API.Example.Test:8443
    path: /users/:id|int/posts/:slug
    query:
      limit: int
      since: date
    body: '{"name": "string"}'
    response:
      status: 201
      headers:
        Content-Type: application/json
        X-Id: "{{path-params.id}}"
      body: '{"id": {{path-params.id}}, "name": "{{json-params.name}}"}'
      delay: 100ms..300ms
    rate-limit: {window-ms: 1000, max-requests: 10, key-fn: X-Api-Key}
    webhook:
      url: http://127.0.0.1:9999/hook/{{path-params.slug}}
      method: put
      sleep-time: 2.5
      if: json-params.name = "bob"
      body: '{"id": {{path-params.id}}}'
      headers:
        X-Source: mock
    push:
      - path: /ws/user/:name
        message: '{"posted": "{{path-params.slug}}"}'
        delay: 50ms
      - path: /ws/user/{{json-params.name}}
        message: {hello: "{{json-params.name}}"}
)"));
    QVERIFY(spec);
    QCOMPARE(spec->httpEndpoints.size(), 1);
    const HttpEndpoint &endpoint = spec->httpEndpoints.first();
    QCOMPARE(endpoint.method, QByteArray("POST"));
    QCOMPARE(endpoint.host, QStringLiteral("api.example.test"));
    QCOMPARE(endpoint.path.text(), QStringLiteral("/users/:id|int/posts/:slug"));
    QCOMPARE(endpoint.path.parameterNames(),
             (QStringList { QStringLiteral("id"), QStringLiteral("slug") }));
    QCOMPARE(endpoint.path.parameterType(QStringLiteral("id")), ParamType::Int);
    QCOMPARE(endpoint.query.size(), 2);
    QCOMPARE(endpoint.query.at(0).first, QStringLiteral("limit"));
    QCOMPARE(endpoint.query.at(0).second, ParamType::Int);
    QCOMPARE(endpoint.query.at(1).second, ParamType::Date);
    QCOMPARE(endpoint.status, 201);
    QCOMPARE(endpoint.headers.size(), 2);
    QCOMPARE(endpoint.headers.at(0).first, QByteArray("Content-Type"));
    QCOMPARE(endpoint.headers.at(1).first, QByteArray("X-Id"));
    const ParamMap params { { QStringLiteral("id"), QStringLiteral("7") },
                            { QStringLiteral("slug"), QStringLiteral("intro") } };
    QCOMPARE(rendered(endpoint.headers.at(1).second, params), QStringLiteral("7"));
    QVERIFY(endpoint.hasBody);
    QVERIFY(endpoint.body.isJson());
    QVERIFY(!endpoint.externalBody);
    QCOMPARE(endpoint.delayMs, 100);
    QCOMPARE(endpoint.delayMaxMs, 300);
    const int delay = endpoint.pickDelayMs();
    QVERIFY(delay >= 100 && delay <= 300);
    QVERIFY(endpoint.rateLimit);
    QCOMPARE(endpoint.rateLimit->windowMs, 1000);
    QCOMPARE(endpoint.rateLimit->maxRequests, 10);
    QCOMPARE(endpoint.rateLimit->keyHeader, QByteArray("x-api-key"));
    QVERIFY(endpoint.webhook);
    const Webhook &webhook = *endpoint.webhook;
    QCOMPARE(rendered(webhook.url, params), QStringLiteral("http://127.0.0.1:9999/hook/intro"));
    QCOMPARE(webhook.method, QByteArray("PUT"));
    QCOMPARE(webhook.sleepMs, 2500);
    QVERIFY(webhook.condition);
    QCOMPARE(webhook.condition->text, QStringLiteral("json-params.name = \"bob\""));
    QVERIFY(webhook.hasBody);
    QCOMPARE(rendered(webhook.body, params), QStringLiteral("{\"id\": 7}"));
    QCOMPARE(webhook.headers.size(), 1);
    QCOMPARE(webhook.headers.first().first, QByteArray("X-Source"));
    QCOMPARE(endpoint.pushes.size(), 2);
    QCOMPARE(endpoint.pushes.at(0).path.source(), QStringLiteral("/ws/user/:name"));
    QCOMPARE(endpoint.pushes.at(0).delayMs, 50);
    QCOMPARE(endpoint.pushes.at(0).pickDelayMs(), 50);
    QCOMPARE(endpoint.pushes.at(1).message.source(),
             QStringLiteral("{\"hello\":\"{{json-params.name}}\"}"));
    QCOMPARE(endpoint.line, 2);
    QCOMPARE(endpoint.column, 3);
}

void TestHttpSpec::defaults()
{
    const MockSpecPtr spec = loaded(
        QStringLiteral("- endpoint:\n    path: /health\n    rate-limit: {max-requests: 5}\n"
                       "    webhook: {url: 'http://127.0.0.1:1/h'}\n"));
    QVERIFY(spec);
    const HttpEndpoint &endpoint = spec->httpEndpoints.first();
    QCOMPARE(endpoint.method, QByteArray("GET"));
    QVERIFY(endpoint.host.isEmpty());
    QCOMPARE(endpoint.status, 200);
    QVERIFY(!endpoint.hasBody);
    QCOMPARE(endpoint.delayMs, 0);
    QCOMPARE(endpoint.pickDelayMs(), 0);
    QCOMPARE(endpoint.rateLimit->windowMs, 60000);
    QVERIFY(endpoint.rateLimit->keyHeader.isEmpty());
    QCOMPARE(endpoint.webhook->method, QByteArray("POST"));
    QCOMPARE(endpoint.webhook->sleepMs, 60000);
    QVERIFY(!endpoint.webhook->condition);
    QVERIFY(!endpoint.webhook->hasBody);
    QVERIFY(endpoint.pushes.isEmpty());
}

void TestHttpSpec::bodyAsYaml()
{
    // A YAML map or list body is sent as JSON, as a websocket response is.
    const MockSpecPtr spec = loaded(QStringLiteral(
        "- endpoint:\n    path: /list\n    response:\n      body:\n        - {id: 1}\n"
        "        - {id: 2, name: \"{{query-params.name}}\"}\n"));
    QVERIFY(spec);
    const Template &body = spec->httpEndpoints.first().body;
    QVERIFY(body.isJson());
    QCOMPARE(body.source(),
             QStringLiteral("[{\"id\":1},{\"id\":2,\"name\":\"{{query-params.name}}\"}]"));
}

// Errors, each in a file that then does not load, and warnings, in files that do.
void TestHttpSpec::diagnostics_data()
{
    QTest::addColumn<QString>("yaml");
    QTest::addColumn<QString>("expected");

    const auto row = [](const char *name, const char *yaml, const char *expected) {
        QTest::newRow(name) << QString::fromUtf8(yaml) << QString::fromUtf8(expected);
    };
    row("not a map", "- endpoint: /hello\n",
        "mocks.yml:1:13: error: 'endpoint' must be a map, found text");
    row("no path", "- endpoint:\n    method: GET\n",
        "mocks.yml:1:3: error: endpoint has no 'path'");
    row("bad method", "- endpoint:\n    method: GET ME\n    path: /a\n",
        "mocks.yml:2:13: error: 'method' must be an HTTP method such as GET or POST, found 'GET "
        "ME'");
    row("bad host", "- endpoint:\n    host: a/b\n    path: /a\n",
        "mocks.yml:2:11: error: 'host' must be a host name such as api.example.test, found "
        "'a/b'");
    row("bad path", "- endpoint:\n    path: hello\n",
        "mocks.yml:2:11: error: path 'hello' must start with '/'");
    row("path not text", "- endpoint:\n    path: [a]\n",
        "mocks.yml:2:11: error: 'path' must be text, found a list");
    row("unknown path type", "- endpoint:\n    path: /users/:id|integer\n",
        "mocks.yml:2:11: error: path '/users/:id|integer': unknown type 'integer' (use string, "
        "int, float, bool, uuid or date)");
    row("unknown query type", "- endpoint:\n    path: /a\n    query:\n      limit: number\n",
        "mocks.yml:4:14: error: unknown type 'number' (use string, int, float, bool, uuid or "
        "date)");
    row("status too low", "- endpoint:\n    path: /a\n    response:\n      status: 99\n",
        "mocks.yml:4:15: error: 'status' must be an HTTP status code from 100 to 599, found "
        "'99'");
    row("status too high", "- endpoint:\n    path: /a\n    response: {status: 600}\n",
        "mocks.yml:3:24: error: 'status' must be an HTTP status code from 100 to 599, found "
        "'600'");
    row("body and external-body",
        "- endpoint:\n    path: /a\n    response:\n      body: hi\n"
        "      external-body: {provider: json, path: a.json}\n",
        "mocks.yml:5:7: error: 'response' has both 'body' and 'external-body'; use one");
    row("external-body without path",
        "- endpoint:\n    path: /a\n    response:\n      external-body: {provider: json}\n",
        "mocks.yml:4:7: error: 'external-body' has no 'path'");
    row("external-body empty", "- endpoint:\n    path: /a\n    response:\n      external-body:\n",
        "mocks.yml:4:7: error: 'external-body' has no 'path'");
    row("external-body not a map",
        "- endpoint:\n    path: /a\n    response:\n      external-body: a.json\n",
        "mocks.yml:4:22: error: 'external-body' must be a map, found text");
    row("unknown provider",
        "- endpoint:\n    path: /a\n    response:\n      external-body: {provider: csv, path: "
        "a.csv}\n",
        "mocks.yml:4:33: error: 'provider' must be json or xlsx, found 'csv'");
    row("bad delay", "- endpoint:\n    path: /a\n    response:\n      delay: soon\n",
        "mocks.yml:4:14: error: 'delay' must be a duration such as 250ms, 1.5s or 100ms..300ms "
        "(at most 1 hour)");
    row("rate limit 0", "- endpoint:\n    path: /a\n    rate-limit: {max-requests: 0}\n",
        "mocks.yml:3:32: error: 'max-requests' must be a whole number above 0, found '0'");
    row("negative window",
        "- endpoint:\n    path: /a\n    rate-limit: {window-ms: -5, max-requests: 1}\n",
        "mocks.yml:3:29: error: 'window-ms' must be a whole number above 0, found '-5'");
    row("rate limit without max", "- endpoint:\n    path: /a\n    rate-limit: {window-ms: 10}\n",
        "mocks.yml:3:5: error: 'rate-limit' has no 'max-requests'");
    row("rate limit not a map", "- endpoint:\n    path: /a\n    rate-limit: 10\n",
        "mocks.yml:3:17: error: 'rate-limit' must be a map, found text");
    row("webhook without url", "- endpoint:\n    path: /a\n    webhook:\n      method: POST\n",
        "mocks.yml:3:5: error: 'webhook' has no 'url'");
    row("bad sleep-time",
        "- endpoint:\n    path: /a\n    webhook: {url: 'http://h/', sleep-time: -1}\n",
        "mocks.yml:3:45: error: 'sleep-time' must be a number of seconds such as 2 or 0.5 (at "
        "most 1 hour), found '-1'");
    row("bad condition",
        "- endpoint:\n    path: /a\n    webhook:\n      url: http://h/\n      if: json-params.name "
        "is bob\n",
        "mocks.yml:5:11: error: 'if' must be VALUE OP LITERAL such as json-params.name = "
        "\"bob\" (OP: = > < >= <=; LITERAL: a number or a quoted string), found "
        "'json-params.name is bob'");
    row("condition literal unquoted",
        "- endpoint:\n    path: /a\n    webhook:\n      url: http://h/\n      if: "
        "json-params.name = bob\n",
        "mocks.yml:5:11: error: 'if' must be VALUE OP LITERAL such as json-params.name = "
        "\"bob\" (OP: = > < >= <=; LITERAL: a number or a quoted string), found "
        "'json-params.name = bob'");
    row("condition on no request value",
        "- endpoint:\n    path: /a\n    webhook:\n      url: http://h/\n      if: uuid = 1\n",
        "mocks.yml:5:11: error: 'if' compares 'uuid', which is no value of the request (use "
        "path-params, query-params, json-params or header-params)");
    row("bad webhook method",
        "- endpoint:\n    path: /a\n    webhook: {url: 'http://h/', method: 'PO ST'}\n",
        "mocks.yml:3:41: error: 'method' must be an HTTP method such as GET or POST, found 'PO "
        "ST'");
    row("bad header name",
        "- endpoint:\n    path: /a\n    response:\n      headers:\n        Bad Name: x\n",
        "mocks.yml:5:9: error: 'Bad Name' is not a header name (letters, digits and -, such as "
        "X-Request-Id)");
    row("header value not text",
        "- endpoint:\n    path: /a\n    response:\n      headers:\n        X-A: [1]\n",
        "mocks.yml:5:14: error: header 'X-A' must be text, found a list");
    row("empty body", "- endpoint:\n    path: /a\n    response:\n      body:\n",
        "mocks.yml:4:7: error: 'body' is empty");
    row("push not a list", "- endpoint:\n    path: /a\n    push: {path: /ws}\n",
        "mocks.yml:3:11: error: 'push' must be a list of pushes, found a map");
    row("push without message", "- endpoint:\n    path: /a\n    push:\n      - path: /ws\n",
        "mocks.yml:4:9: error: a push needs 'path' and 'message'");
    row("push item not a map", "- endpoint:\n    path: /a\n    push: [hello]\n",
        "mocks.yml:3:12: error: a push is a map with 'path' and 'message', found text");
    row("push bad delay",
        "- endpoint:\n    path: /a\n    push:\n      - {path: /ws, message: hi, delay: x}\n",
        "mocks.yml:4:41: error: 'delay' must be a duration such as 250ms, 1.5s or 100ms..300ms "
        "(at most 1 hour)");

    row("unknown key", "- endpoint:\n    path: /a\n    methd: GET\n",
        "mocks.yml:3:5: warning: unknown key 'methd' in endpoint ignored; did you mean 'method'?");
    row("unknown response key", "- endpoint:\n    path: /a\n    response: {stat: 201}\n",
        "mocks.yml:3:16: warning: unknown key 'stat' in response ignored; did you mean 'status'?");
    row("unknown webhook key", "- endpoint:\n    path: /a\n    webhook: {url: x, wait: 1}\n",
        "mocks.yml:3:23: warning: unknown key 'wait' in webhook ignored");
    row("unknown rate-limit key",
        "- endpoint:\n    path: /a\n    rate-limit: {max-requests: 1, per: ip}\n",
        "mocks.yml:3:35: warning: unknown key 'per' in rate-limit ignored");
    row("unknown push key",
        "- endpoint:\n    path: /a\n    push: [{path: /ws, message: m, to: all}]\n",
        "mocks.yml:3:36: warning: unknown key 'to' in push ignored");
    row("xlsx",
        "- endpoint:\n    path: /a\n    response:\n      external-body:\n"
        "        provider: xlsx\n        path: data.xlsx\n        sheet-name: pets\n",
        "mocks.yml:4:7: warning: external-body provider 'xlsx' is not supported; this endpoint "
        "answers 501");
    row("shadowed",
        "- endpoint:\n    path: /users/:id\n- endpoint:\n    method: get\n"
        "    path: /users/:name\n",
        "mocks.yml:5:11: warning: 'GET /users/:name' is shadowed by 'GET /users/:id' (line 1), "
        "which answers the same requests; it is never used");
    row("unknown path parameter",
        "- endpoint:\n    path: /users/:id\n    response:\n      body: '{{path-params.ids}}'\n",
        "mocks.yml:4:13: warning: '{{path-params.ids}}' is not a parameter of path '/users/:id'; "
        "it renders empty");
    row("unknown filter",
        "- endpoint:\n    path: /a\n    response:\n      headers:\n        X-A: "
        "'{{query-params.a | uppr}}'\n",
        "mocks.yml:5:14: warning: unknown filter 'uppr' (there are default, upper, lower and json) "
        "in "
        "'{{query-params.a | uppr}}'");
}

void TestHttpSpec::diagnostics()
{
    QFETCH(QString, yaml);
    QFETCH(QString, expected);

    const LoadResult result = SpecLoader::loadText(yaml, FileName);
    QCOMPARE(result.ok(), !expected.contains(QLatin1String(": error: ")));
    QCOMPARE(result.diagnosticsText(), expected);
}

void TestHttpSpec::paramTypes_data()
{
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("type");
    QTest::addColumn<bool>("fits");

    const auto row = [](const char *value, const char *type, bool fits) {
        QTest::addRow("%s %s", type, value)
            << QString::fromUtf8(value) << QString::fromLatin1(type) << fits;
    };
    row("anything", "string", true);
    row("42", "int", true);
    row("-7", "int", true);
    row("+7", "int", true);
    row("4.2", "int", false);
    row("abc", "int", false);
    row("", "int", false);
    row("-", "int", false);
    row("4.2", "float", true);
    row("-1e3", "double", true);
    row("42", "float", true);
    row("inf", "float", false);
    row("nan", "float", false);
    row(" 1", "float", false);
    row("1,5", "float", false);
    row("true", "bool", true);
    row("FALSE", "boolean", true);
    row("yes", "bool", false);
    row("123e4567-e89b-12d3-a456-426614174000", "uuid", true);
    row("123E4567-E89B-12D3-A456-426614174000", "uuid", true);
    row("123e4567e89b12d3a456426614174000", "uuid", false);
    row("123e4567-e89b-12d3-a456-42661417400g", "uuid", false);
    row("2024-05-01", "date", true);
    row("2024-02-29", "date", true);
    row("2023-02-29", "date", false);
    row("2024-5-1", "date", false);
    row("2024-05-01T10:00", "date", false);
}

void TestHttpSpec::paramTypes()
{
    QFETCH(QString, value);
    QFETCH(QString, type);
    QFETCH(bool, fits);

    const std::optional<ParamType> named = paramTypeNamed(type);
    QVERIFY(named);
    QCOMPARE(valueHasType(value, *named), fits);
}

void TestHttpSpec::paramTypeNames()
{
    QCOMPARE(paramTypeNamed(QStringLiteral("double")), ParamType::Float);
    QCOMPARE(paramTypeNamed(QStringLiteral("boolean")), ParamType::Bool);
    QVERIFY(!paramTypeNamed(QStringLiteral("Int")));
    QVERIFY(!paramTypeNamed(QString()));
    QCOMPARE(paramTypeName(ParamType::Float), QStringLiteral("float"));
    QCOMPARE(paramTypeName(ParamType::Bool), QStringLiteral("bool"));
    QCOMPARE(paramTypeName(ParamType::Date), QStringLiteral("date"));
}

void TestHttpSpec::typedPath()
{
    const auto pattern = PathPattern::parse(QStringLiteral("/users/:id|int/:day|date"), nullptr,
                                            PathPattern::Syntax::Typed);
    QVERIFY(pattern);
    QCOMPARE(pattern->parameterType(QStringLiteral("day")), ParamType::Date);
    const auto params = pattern->match(QStringLiteral("/users/42/2024-05-01"));
    QVERIFY(params);
    QCOMPARE(params->value(QStringLiteral("id")), QStringLiteral("42"));

    QString problem;
    const QStringList badId = PathPattern::splitPath(QStringLiteral("/users/abc/2024-05-01"));
    QVERIFY(!pattern->match(badId, &problem));
    QCOMPARE(problem, QStringLiteral("path parameter 'id' must be an int, got 'abc'"));
    // A literal that does not fit is no parameter problem.
    problem.clear();
    QVERIFY(!pattern->match(PathPattern::splitPath(QStringLiteral("/posts/abc/x")), &problem));
    QVERIFY(problem.isEmpty());

    // Typed and untyped parameters accept different paths; two typed alike are the same.
    const auto untyped = PathPattern::parse(QStringLiteral("/users/:name/:day|date"), nullptr,
                                            PathPattern::Syntax::Typed);
    const auto renamed = PathPattern::parse(QStringLiteral("/users/:n|int/:d|date"), nullptr,
                                            PathPattern::Syntax::Typed);
    QVERIFY(!pattern->sameShape(*untyped));
    QVERIFY(pattern->sameShape(*renamed));
    QVERIFY(pattern->moreSpecificThan(*untyped));
    QVERIFY(!untyped->moreSpecificThan(*pattern));

    QString error;
    QVERIFY(!PathPattern::parse(QStringLiteral("/a/:id|int/:id|uuid"), &error,
                                PathPattern::Syntax::Typed));
    QCOMPARE(error, QStringLiteral("path '/a/:id|int/:id|uuid' names parameter 'id' twice"));
    QVERIFY(!PathPattern::parse(QStringLiteral("/a/:|int"), &error, PathPattern::Syntax::Typed));
    QCOMPARE(error, QStringLiteral("path '/a/:|int' has a ':' segment without a name"));
}

void TestHttpSpec::websocketPathKeepsBar()
{
    // A websocket path reads "|" as part of the name, as it always did.
    const auto pattern = PathPattern::parse(QStringLiteral("/ws/:id|int"));
    QVERIFY(pattern);
    QCOMPARE(pattern->parameterNames(), QStringList { QStringLiteral("id|int") });
    QCOMPARE(pattern->parameterType(QStringLiteral("id|int")), ParamType::String);
    QVERIFY(pattern->match(QStringLiteral("/ws/abc")));
    QVERIFY(PathPattern::parse(QStringLiteral("/ws/:id|integer")));
}

void TestHttpSpec::routeLiteralBeatsParam()
{
    const MockSpecPtr spec
        = loaded(QStringLiteral("- endpoint: {path: '/users/:id'}\n- endpoint: {path: /users/me}\n"
                                "- endpoint: {path: '/users/:id/posts'}\n"));
    QVERIFY(spec);
    const HttpRoute me = routeOf(*spec, "GET", "/users/me");
    QCOMPARE(me.outcome, HttpRoute::Outcome::Found);
    QCOMPARE(me.endpoint, &spec->httpEndpoints.at(1));
    QVERIFY(me.pathParams.isEmpty());
    const HttpRoute bob = routeOf(*spec, "GET", "/users/b%C3%B3b");
    QCOMPARE(bob.endpoint, &spec->httpEndpoints.at(0));
    QCOMPARE(bob.pathParams.value(QStringLiteral("id")), QStringLiteral("bób"));
    QCOMPARE(routeOf(*spec, "GET", "/users/bob/posts").endpoint, &spec->httpEndpoints.at(2));
    QCOMPARE(routeOf(*spec, "GET", "/users").outcome, HttpRoute::Outcome::NotFound);
    QCOMPARE(routeOf(*spec, "GET", "/users/").outcome, HttpRoute::Outcome::NotFound);
    QCOMPARE(routeOf(*spec, "GET", "/users/bob/").outcome, HttpRoute::Outcome::NotFound);
}

void TestHttpSpec::routeTypedBeatsUntyped()
{
    const MockSpecPtr spec = loaded(QStringLiteral(
        "- endpoint: {path: '/items/:name'}\n- endpoint: {path: '/items/:id|int'}\n"));
    QVERIFY(spec);
    QCOMPARE(routeOf(*spec, "GET", "/items/12").endpoint, &spec->httpEndpoints.at(1));
    QCOMPARE(routeOf(*spec, "GET", "/items/twelve").endpoint, &spec->httpEndpoints.at(0));
}

void TestHttpSpec::routeMethodNotAllowed()
{
    const MockSpecPtr spec
        = loaded(QStringLiteral("- endpoint: {method: POST, path: '/users/:id'}\n"
                                "- endpoint: {method: GET, path: '/users/:id'}\n"
                                "- endpoint: {method: DELETE, path: '/users/:id'}\n"
                                "- endpoint: {method: PATCH, path: /other}\n"));
    QVERIFY(spec);
    const HttpRoute put = routeOf(*spec, "PUT", "/users/1");
    QCOMPARE(put.outcome, HttpRoute::Outcome::MethodNotAllowed);
    QVERIFY(!put.endpoint);
    QCOMPARE(put.allowed,
             (QStringList { QStringLiteral("DELETE"), QStringLiteral("GET"), QStringLiteral("HEAD"),
                            QStringLiteral("POST") }));
    QCOMPARE(routeOf(*spec, "DELETE", "/users/1").endpoint, &spec->httpEndpoints.at(2));
    const HttpRoute other = routeOf(*spec, "GET", "/other");
    QCOMPARE(other.outcome, HttpRoute::Outcome::MethodNotAllowed);
    QCOMPARE(other.allowed, QStringList { QStringLiteral("PATCH") });

    // The method is looked for on every path that fits, not only the most specific one.
    const MockSpecPtr mixed
        = loaded(QStringLiteral("- endpoint: {method: GET, path: /users/me}\n"
                                "- endpoint: {method: DELETE, path: '/users/:id'}\n"));
    QVERIFY(mixed);
    QCOMPARE(routeOf(*mixed, "DELETE", "/users/me").endpoint, &mixed->httpEndpoints.at(1));
    QCOMPARE(routeOf(*mixed, "GET", "/users/me").endpoint, &mixed->httpEndpoints.at(0));
    QCOMPARE(routeOf(*mixed, "GET", "/users/7").outcome, HttpRoute::Outcome::MethodNotAllowed);
}

void TestHttpSpec::routeHead()
{
    const MockSpecPtr spec = loaded(QStringLiteral(
        "- endpoint: {path: /a}\n- endpoint: {path: /b}\n- endpoint: {method: HEAD, path: /b}\n"
        "- endpoint: {method: POST, path: /c}\n"));
    QVERIFY(spec);
    QCOMPARE(routeOf(*spec, "HEAD", "/a").endpoint, &spec->httpEndpoints.at(0));
    QCOMPARE(routeOf(*spec, "HEAD", "/b").endpoint, &spec->httpEndpoints.at(2));
    QCOMPARE(routeOf(*spec, "GET", "/b").endpoint, &spec->httpEndpoints.at(1));
    const HttpRoute noGet = routeOf(*spec, "HEAD", "/c");
    QCOMPARE(noGet.outcome, HttpRoute::Outcome::MethodNotAllowed);
    QCOMPARE(noGet.allowed, QStringList { QStringLiteral("POST") });
}

void TestHttpSpec::routeHost()
{
    const MockSpecPtr spec
        = loaded(QStringLiteral("- endpoint: {path: /hello}\n"
                                "- endpoint: {host: api.example.test, path: /hello}\n"
                                "- endpoint: {host: other.test, path: /only-other}\n"));
    QVERIFY(spec);
    QCOMPARE(routeOf(*spec, "GET", "/hello", "API.example.test:8080").endpoint,
             &spec->httpEndpoints.at(1));
    QCOMPARE(routeOf(*spec, "GET", "/hello", "api.example.test").endpoint,
             &spec->httpEndpoints.at(1));
    QCOMPARE(routeOf(*spec, "GET", "/hello", "127.0.0.1:8080").endpoint,
             &spec->httpEndpoints.at(0));
    QCOMPARE(routeOf(*spec, "GET", "/hello", "").endpoint, &spec->httpEndpoints.at(0));
    QCOMPARE(routeOf(*spec, "GET", "/only-other", "other.test").endpoint,
             &spec->httpEndpoints.at(2));
    QCOMPARE(routeOf(*spec, "GET", "/only-other", "api.example.test").outcome,
             HttpRoute::Outcome::NotFound);
}

void TestHttpSpec::routeBadParameter()
{
    const MockSpecPtr spec
        = loaded(QStringLiteral("- endpoint: {path: '/users/:id|int'}\n"
                                "- endpoint: {path: '/days/:day|date/:n|int'}\n"
                                "- endpoint: {method: POST, path: '/orders/:id|uuid'}\n"
                                "- endpoint: {method: GET, path: '/orders/:name'}\n"));
    QVERIFY(spec);
    const HttpRoute bad = routeOf(*spec, "GET", "/users/abc");
    QCOMPARE(bad.outcome, HttpRoute::Outcome::BadParameter);
    QVERIFY(!bad.endpoint);
    QCOMPARE(bad.problem, QStringLiteral("path parameter 'id' must be an int, got 'abc'"));
    QCOMPARE(routeOf(*spec, "GET", "/days/2024-13-01/x").problem,
             QStringLiteral("path parameter 'day' must be a date (yyyy-MM-dd), got '2024-13-01'"));
    const HttpRoute good = routeOf(*spec, "GET", "/users/-3");
    QCOMPARE(good.outcome, HttpRoute::Outcome::Found);
    QCOMPARE(good.pathParams.value(QStringLiteral("id")), QStringLiteral("-3"));
    // Another endpoint that fits the path answers instead: here with 405.
    const HttpRoute other = routeOf(*spec, "POST", "/orders/abc");
    QCOMPARE(other.outcome, HttpRoute::Outcome::MethodNotAllowed);
    QVERIFY(other.problem.isEmpty());
    QCOMPARE(other.allowed, (QStringList { QStringLiteral("GET"), QStringLiteral("HEAD") }));
}

void TestHttpSpec::normalizedHosts_data()
{
    QTest::addColumn<QString>("host");
    QTest::addColumn<QString>("normalized");

    QTest::newRow("plain") << QStringLiteral("api.test") << QStringLiteral("api.test");
    QTest::newRow("case") << QStringLiteral("API.Test") << QStringLiteral("api.test");
    QTest::newRow("port") << QStringLiteral("api.test:8080") << QStringLiteral("api.test");
    QTest::newRow("ipv6 port") << QStringLiteral("[::1]:8080") << QStringLiteral("[::1]");
    QTest::newRow("ipv6") << QStringLiteral("[::1]") << QStringLiteral("[::1]");
    QTest::newRow("spaces") << QStringLiteral(" api.test ") << QStringLiteral("api.test");
    QTest::newRow("empty") << QString() << QString();
}

void TestHttpSpec::normalizedHosts()
{
    QFETCH(QString, host);
    QFETCH(QString, normalized);
    QCOMPARE(normalizedHost(host), normalized);
}

void TestHttpSpec::labels()
{
    const MockSpecPtr spec
        = loaded(QStringLiteral("- endpoint: {method: delete, path: '/users/:id|int'}\n"
                                "- endpoint: {host: 'Api.Test:80', path: /x}\n"));
    QVERIFY(spec);
    QCOMPARE(spec->httpEndpoints.at(0).label(), QStringLiteral("DELETE /users/:id|int"));
    QCOMPARE(spec->httpEndpoints.at(1).label(), QStringLiteral("GET api.test/x"));
}

void TestHttpSpec::conditions_data()
{
    QTest::addColumn<QString>("condition");
    QTest::addColumn<bool>("holds");

    const auto row = [](const char *condition, bool holds) {
        QTest::newRow(condition) << QString::fromUtf8(condition) << holds;
    };
    row("json-params.name = \"bob\"", true);
    row("json-params.name = 'bob'", true);
    row("json-params.name = \"alice\"", false);
    row("json-params.name > \"alice\"", true); // strings compare by code point
    row("json-params.name < \"alice\"", false);
    row("json-params.age = 42", true);
    row("json-params.age = 42.0", true); // numbers compare as numbers
    row("json-params.age >= 42", true);
    row("json-params.age > 42", false);
    row("json-params.age < 100", true); // as text "42" < "100" would be false
    row("json-params.age <= 41.5", false);
    row("json-params.age = \"42\"", true);
    row("json-params.tags.1 = \"b\"", true);
    row("json-params.missing = \"\"", false); // a missing value never holds
    row("path-params.id=7", true);
    row("query-params.limit >= 10", true);
    row("header-params.x-mode = \"test\"", true);
    row("json-params.name = 5", false); // not a number: compared as text
}

void TestHttpSpec::conditions()
{
    QFETCH(QString, condition);
    QFETCH(bool, holds);

    const Verdict<WebhookCondition> parsed = SpecRules::webhookCondition(condition);
    QVERIFY2(parsed.ok(), qPrintable(parsed.problem));
    const ParamMap pathParams { { QStringLiteral("id"), QStringLiteral("7") } };
    const ParamMap queryParams { { QStringLiteral("limit"), QStringLiteral("10") } };
    const IncomingMessage body(QStringLiteral(R"({"name": "bob", "age": 42, "tags": ["a", "b"]})"));
    QNetworkRequest request;
    request.setRawHeader("X-Mode", "test");
    TemplateContext context { &pathParams, &queryParams, &body, nullptr };
    context.handshake = &request;
    QCOMPARE(parsed.value->holds(context), holds);
}

void TestHttpSpec::queryProblems()
{
    const MockSpecPtr spec = loaded(QStringLiteral(
        "- endpoint:\n    path: /search\n    query: {limit: int, exact: bool, q: string}\n"));
    QVERIFY(spec);
    const HttpEndpoint &endpoint = spec->httpEndpoints.first();
    QVERIFY(endpoint.queryProblem({}).isEmpty());
    QVERIFY(endpoint
                .queryProblem({ { QStringLiteral("limit"), QStringLiteral("10") },
                                { QStringLiteral("q"), QStringLiteral("anything") },
                                { QStringLiteral("other"), QStringLiteral("x") } })
                .isEmpty());
    QCOMPARE(endpoint.queryProblem({ { QStringLiteral("limit"), QStringLiteral("ten") } }),
             QStringLiteral("query parameter 'limit' must be an int, got 'ten'"));
    QCOMPARE(endpoint.queryProblem({ { QStringLiteral("exact"), QStringLiteral("yes") } }),
             QStringLiteral("query parameter 'exact' must be true or false, got 'yes'"));
}

void TestHttpSpec::moclojerMixedFile()
{
    const LoadResult result = SpecLoader::loadText(QString::fromUtf8(MoclojerMixed), FileName);
    QVERIFY2(result.ok(), qPrintable(result.diagnosticsText()));
    QVERIFY2(result.diagnostics.isEmpty(), qPrintable(result.diagnosticsText()));
    const MockSpec &spec = *result.spec;
    QCOMPARE(spec.endpoints.size(), 1);
    QCOMPARE(spec.httpEndpoints.size(), 9);
    QVERIFY(spec.route(QStringLiteral("/ws/echo")));

    const HttpRoute hello = routeOf(spec, "GET", "/hello/moclojer");
    QCOMPARE(hello.endpoint, &spec.httpEndpoints.at(0));
    QCOMPARE(rendered(hello.endpoint->body, hello.pathParams).trimmed(),
             QStringLiteral("{\"hello\": \"moclojer!\"}"));
    QCOMPARE(routeOf(spec, "GET", "/hello-world").endpoint, &spec.httpEndpoints.at(1));

    const HttpRoute withParams = routeOf(spec, "GET", "/with-params/abc");
    const ParamMap query { { QStringLiteral("param1"), QStringLiteral("q") } };
    const TemplateContext context { &withParams.pathParams, &query, nullptr, nullptr };
    QCOMPARE(withParams.endpoint->body.render(context),
             QStringLiteral("{\"path-params\": \"abc\", \"query-params\": \"q\"}"));

    const HttpRoute post = routeOf(spec, "POST", "/first-post-route");
    QCOMPARE(post.outcome, HttpRoute::Outcome::Found);
    const IncomingMessage body(QStringLiteral(R"({"project": "moclojer"})"));
    const TemplateContext postContext { &post.pathParams, nullptr, &body, nullptr };
    QCOMPARE(post.endpoint->body.render(postContext), QStringLiteral("{\"project\":\"moclojer\"}"));
    QCOMPARE(routeOf(spec, "GET", "/first-post-route").outcome,
             HttpRoute::Outcome::MethodNotAllowed);

    // Paths sharing the /v1/hello prefix: each request finds its own.
    QCOMPARE(routeOf(spec, "GET", "/v1/hello").endpoint, &spec.httpEndpoints.at(4));
    QCOMPARE(routeOf(spec, "GET", "/v1/hello/test/bob").endpoint, &spec.httpEndpoints.at(5));
    QCOMPARE(routeOf(spec, "GET", "/v1/hello/bob").endpoint, &spec.httpEndpoints.at(6));
    QCOMPARE(routeOf(spec, "GET", "/v1/hello/test").endpoint, &spec.httpEndpoints.at(7));
    QCOMPARE(routeOf(spec, "GET", "/v1/hello/").outcome, HttpRoute::Outcome::NotFound);

    const HttpRoute age = routeOf(spec, "GET", "/users/ana/age/30");
    QCOMPARE(rendered(age.endpoint->body, age.pathParams),
             QStringLiteral("{\"name\": \"ana\", \"age\": 30}"));
    QCOMPARE(routeOf(spec, "GET", "/users/ana/age/thirty").outcome,
             HttpRoute::Outcome::BadParameter);
    // The websocket path is no HTTP endpoint.
    QCOMPARE(routeOf(spec, "GET", "/ws/echo").outcome, HttpRoute::Outcome::NotFound);
}

void TestHttpSpec::moclojerTypedGetAndDelete()
{
    const MockSpecPtr spec = loaded(QStringLiteral(R"(
- endpoint:
    method: GET
    path: /users/:id|int
    response:
      body: '{"id": {{path-params.id}}}'
- endpoint:
    method: DELETE
    path: /users/:id|int
    response:
      status: 204
)"));
    QVERIFY(spec);
    QCOMPARE(routeOf(*spec, "GET", "/users/5").endpoint, &spec->httpEndpoints.at(0));
    QCOMPARE(routeOf(*spec, "DELETE", "/users/5").endpoint->status, 204);
    QCOMPARE(routeOf(*spec, "DELETE", "/users/x").outcome, HttpRoute::Outcome::BadParameter);
    QCOMPARE(
        routeOf(*spec, "PUT", "/users/5").allowed,
        (QStringList { QStringLiteral("DELETE"), QStringLiteral("GET"), QStringLiteral("HEAD") }));
}

void TestHttpSpec::moclojerMultiHost()
{
    const MockSpecPtr spec = loaded(QStringLiteral(R"(
- endpoint:
    host: sub.moclojer.com
    method: GET
    path: /hello
    response:
      body: '{"domain": "sub.moclojer.com"}'
- endpoint:
    host: moclojer.com
    method: GET
    path: /hello
    response:
      body: '{"domain": "moclojer.com"}'
)"));
    QVERIFY(spec);
    QCOMPARE(routeOf(*spec, "GET", "/hello", "sub.moclojer.com").endpoint,
             &spec->httpEndpoints.at(0));
    QCOMPARE(routeOf(*spec, "GET", "/hello", "moclojer.com:80").endpoint,
             &spec->httpEndpoints.at(1));
    QCOMPARE(routeOf(*spec, "GET", "/hello", "localhost").outcome, HttpRoute::Outcome::NotFound);
}

void TestHttpSpec::moclojerWebhook()
{
    const MockSpecPtr spec = loaded(QStringLiteral(R"(
- endpoint:
    method: POST
    path: /with-webhook
    response:
      status: 200
      body: '{"id": 123}'
    webhook:
      sleep-time: 60
      url: http://127.0.0.1:9999/api/v1/webhook
      method: POST
      body: '{"id": 123, "another-field": "it''s working"}'
)"));
    QVERIFY(spec);
    const Webhook &webhook = *spec->httpEndpoints.first().webhook;
    QCOMPARE(webhook.sleepMs, 60000);
    QCOMPARE(webhook.body.source(),
             QStringLiteral("{\"id\": 123, \"another-field\": \"it's working\"}"));
}

void TestHttpSpec::moclojerExternalBody()
{
    const LoadResult result = SpecLoader::loadText(QStringLiteral(R"(
- endpoint:
    method: GET
    path: /pets/:kind
    response:
      status: 200
      headers:
        Content-Type: application/json
      external-body:
        provider: json
        path: files/{{path-params.kind}}.json
)"),
                                                   QStringLiteral("/srv/mocks/moclojer.yml"));
    QVERIFY2(result.ok(), qPrintable(result.diagnosticsText()));
    const ExternalBody &external = *result.spec->httpEndpoints.first().externalBody;
    QCOMPARE(external.provider, ExternalBody::Provider::Json);
    QCOMPARE(external.baseDirectory, QStringLiteral("/srv/mocks"));
    QCOMPARE(rendered(external.path, { { QStringLiteral("kind"), QStringLiteral("cats") } }),
             QStringLiteral("files/cats.json"));
}

QTEST_GUILESS_MAIN(TestHttpSpec)
#include "tst_httpspec.moc"
