#pragma once

#include "pathpattern.h"
#include "template.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>
#include <utility>

// Moclojer's HTTP `endpoint:` items, as a MockSpec holds them (see http-endpoints in the
// README). Compiled once at load; the server only renders and sends.

// ParamType, paramTypeNamed, paramTypeName and valueHasType are declared in pathpattern.h:
// a path pattern holds its segments' types.

// A Host header value as endpoints compare it: lower case, without a port
// ("API.example.test:8080" -> "api.example.test", "[::1]:80" -> "[::1]").
QString normalizedHost(QStringView host);

// `external-body:` instead of `body:`: a JSON file (relative to the config's folder) or URL.
struct ExternalBody
{
    enum class Provider { Json, Xlsx };
    Provider provider = Provider::Json;
    Template path; // rendered per request
    QString baseDirectory; // the config file's folder, for relative paths
};

// `rate-limit:`: a fixed window per key.
struct RateLimit
{
    int windowMs = 60000;
    int maxRequests = 0; // > 0 once loaded
    QByteArray keyHeader; // lower case; empty: the client's address (key-fn: remote-addr)
};

// `webhook: {if: ...}`: VARIABLE OP LITERAL, e.g. json-params.name = "bob".
struct WebhookCondition
{
    enum class Op { Equal, Greater, Less, GreaterOrEqual, LessOrEqual };
    TemplateVariable variable;
    Op op = Op::Equal;
    QString literal; // unquoted
    bool literalIsNumber = false;
    QString text; // as written

    // True when the condition holds in this context (a missing value never holds).
    bool holds(const TemplateContext &context) const;
};

// `webhook:`: a request the mock sends, after the response, sleep-time seconds later.
struct Webhook
{
    Template url;
    QByteArray method = "POST"; // upper case
    int sleepMs = 60000; // sleep-time is documented in seconds
    std::optional<WebhookCondition> condition;
    Template body;
    bool hasBody = false;
    QList<std::pair<QByteArray, Template>> headers;
};

// `push:` (Mocket's own): frames sent to WebSocket clients when the endpoint is hit.
struct HttpPush
{
    // Rendered per request. When it equals a `websocket:` item's path pattern text
    // ("/ws/user/:name") every connection of that endpoint gets the frame; otherwise every
    // connection whose decoded path equals it ("/ws/user/alice").
    Template path;
    Template message;
    int delayMs = 0; // a range ("100ms..300ms") is drawn like HttpEndpoint's
    int delayMaxMs = 0;
    int pickDelayMs() const;
};

struct HttpEndpoint
{
    QByteArray method = "GET"; // upper case
    QString host; // lower case, without a port; empty: any host
    PathPattern path; // may hold typed parameters
    QList<std::pair<QString, ParamType>> query; // declared query parameters
    int status = 200;
    QList<std::pair<QByteArray, Template>> headers; // response headers, as written
    Template body; // a YAML map or list body arrives here as JSON text
    bool hasBody = false;
    std::optional<ExternalBody> externalBody;
    // `response: {delay: ...}`: a fixed delay has delayMs == delayMaxMs; a range
    // ("100ms..300ms") is drawn from [delayMs, delayMaxMs] per request by pickDelayMs().
    int delayMs = 0;
    int delayMaxMs = 0;
    std::optional<RateLimit> rateLimit;
    std::optional<Webhook> webhook;
    QList<HttpPush> pushes;
    int line = 0; // of the `endpoint:` key, 1-based
    int column = 0;

    // "GET /users/:id", "GET api.example.test/users/:id": how logs and the workbench name it.
    QString label() const;
    int pickDelayMs() const; // the response's delay for one request
    // Empty when every declared query parameter present has its type; otherwise what is
    // wrong ("query parameter 'limit' must be an int, got 'ten'"), answered with 400.
    QString queryProblem(const ParamMap &query) const;
};

// How a request was routed.
struct HttpRoute
{
    enum class Outcome {
        Found, // endpoint is set
        NotFound, // no endpoint's path (and host) fits
        BadParameter, // a path fits but for a typed parameter's value: 404, problem says which
        MethodNotAllowed, // the path fits, another method serves it: 405, allowed lists them
    };
    Outcome outcome = Outcome::NotFound;
    const HttpEndpoint *endpoint = nullptr;
    ParamMap pathParams;
    QStringList allowed; // MethodNotAllowed: "GET", "POST" (HEAD with GET), sorted
    QString problem; // BadParameter: "path parameter 'id' must be an int, got 'abc'"
};
