#pragma once

#include "mockspec.h"
#include "trafficevent.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QHash>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <optional>

// An HTTP request as the responder reads it: what Qt's parser gave, or what Try it typed.
struct HttpRequestData
{
    QByteArray method; // upper case
    QString rawPath; // percent-encoded, without the query
    QString target; // path and query as sent
    ParamMap query;
    HttpExchange::Headers headers;
    QByteArray body;
    QString peer; // the client's address: a rate limit's default key

    // From a request target ("/a/b?x=1"), as a client sends it.
    static HttpRequestData fromTarget(const QByteArray &method, const QString &target);
    // A header's value, compared without case; empty when absent.
    QByteArray header(QByteArrayView name) const;
};

// A frame a `push:` sends to WebSocket clients, rendered.
struct HttpPlannedPush
{
    QString path;
    QString text;
    int delayMs = 0;
};

// A `webhook:` whose condition held, rendered: sent sleepMs after the response.
struct HttpPlannedWebhook
{
    QUrl url;
    QByteArray method;
    HttpExchange::Headers headers;
    QByteArray body;
    int sleepMs = 0;
};

// What a request gets, decided without any socket: the status, headers and body, and what
// else the exchange sets off.
struct HttpReply
{
    int status = 200;
    HttpExchange::Headers headers;
    QByteArray body;
    QString rule; // the endpoint's label, when one answered
    int delayMs = 0;
    bool close = false; // close the connection after it (413)
    QUrl fetch; // an external body still to fetch from this URL (the body then is its answer)
    QList<HttpPlannedPush> pushes;
    std::optional<HttpPlannedWebhook> webhook;
    QStringList missing; // template values that rendered empty

    void setHeader(const QByteArray &name, const QByteArray &value);
    QByteArray header(QByteArrayView name) const;
};

// A rate limit's fixed windows, per endpoint and key.
class RateWindows
{
public:
    struct Verdict
    {
        bool admitted = true;
        int remaining = 0;
        qint64 resetSeconds = 0;
    };
    Verdict admit(const QString &key, const RateLimit &limit, qint64 nowMs);
    void clear() { m_windows.clear(); }

private:
    struct Window
    {
        qint64 start = 0;
        int count = 0;
    };
    QHash<QString, Window> m_windows;
};

// What a server applies to every HTTP request besides the spec.
struct HttpPolicy
{
    bool cors = true;
    QStringList allowedOrigins; // empty: the request's own origin is allowed
    qint64 maxBodySize = 0;
};

// Answers HTTP requests from a spec's `endpoint:` items: routing (404, 405 with Allow, 426 for
// a WebSocket path), typed parameters, templates, rate limits, external bodies read from
// files, CORS. The server and the workbench's Try it share it.
class HttpResponder
{
    Q_DECLARE_TR_FUNCTIONS(HttpResponder)

public:
    // windows: the rate limits' state; null answers as if no limit had been reached.
    static HttpReply respond(const MockSpec &spec, const HttpRequestData &request,
                             const HttpPolicy &policy, RateWindows *windows);
    // The JSON error body every error answer carries: {"error": message}.
    static QByteArray errorBody(const QString &message);
    static QByteArray reasonPhrase(int status); // "Not Found"
    // The response as it goes on the wire: status line, headers with Content-Length, body
    // (none for HEAD).
    static QByteArray serialize(const HttpReply &reply, bool omitBody);

private:
    static HttpReply routed(const MockSpec &spec, const HttpRequestData &request,
                            const HttpRoute &route, RateWindows *windows);
    static HttpReply endpointReply(const HttpEndpoint &endpoint, const HttpRequestData &request,
                                   const ParamMap &pathParams, RateWindows *windows);
    static void renderBody(const HttpEndpoint &endpoint, const TemplateContext &context,
                           HttpReply *reply);
    static void planSideEffects(const HttpEndpoint &endpoint, const TemplateContext &context,
                                HttpReply *reply);
    static void addCors(const HttpRequestData &request, const HttpPolicy &policy, HttpReply *reply);
    static HttpReply preflight(const HttpRequestData &request);
};
