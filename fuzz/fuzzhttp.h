#pragma once

// Shared by the targets that load configs: requests routed to a loaded spec's HTTP endpoints.

#include "fuzzcommon.h"

#include "mockspec.h"

#include <QByteArray>
#include <QString>
#include <QUrl>

namespace fuzz {

// A value of the type, as a request would carry it.
inline QString sampleValue(ParamType type)
{
    switch (type) {
    case ParamType::String:
        break;
    case ParamType::Int:
        return QStringLiteral("-12");
    case ParamType::Float:
        return QStringLiteral("1.5");
    case ParamType::Bool:
        return QStringLiteral("TRUE");
    case ParamType::Uuid:
        return QStringLiteral("123e4567-e89b-12d3-a456-426614174000");
    case ParamType::Date:
        return QStringLiteral("2024-02-29");
    }
    return QStringLiteral("v");
}

// A raw request path the pattern accepts: each parameter segment gets a value of its type,
// the literal segments are percent-encoded again.
inline QString samplePath(const PathPattern &pattern)
{
    const QStringList names = pattern.parameterNames();
    qsizetype parameter = 0;
    QString path;
    for (const QString &segment : PathPattern::splitPath(pattern.text())) {
        path += QLatin1Char('/');
        if (segment.startsWith(QLatin1Char(':')))
            path += sampleValue(pattern.parameterType(names.value(parameter++)));
        else
            path += QString::fromLatin1(QUrl::toPercentEncoding(segment));
    }
    return path;
}

// What the server does with a routed request, short of sending: every template rendered,
// the query judged, the webhook's condition evaluated.
inline void renderHttp(const HttpEndpoint &endpoint, const HttpRoute &route)
{
    const ParamMap query { { QStringLiteral("limit"), QStringLiteral("ten") },
                           { QStringLiteral("q"), QStringLiteral("1") } };
    const IncomingMessage body(QStringLiteral("{\"name\": \"bob\", \"age\": 42, \"a\": [1]}"));
    const TemplateContext context { &route.pathParams, &query, &body, nullptr };
    (void)endpoint.label();
    (void)endpoint.queryProblem(query);
    (void)endpoint.pickDelayMs();
    (void)endpoint.body.render(context);
    for (const auto &header : endpoint.headers)
        (void)header.second.render(context);
    if (endpoint.externalBody)
        (void)endpoint.externalBody->path.render(context);
    if (endpoint.webhook) {
        (void)endpoint.webhook->url.render(context);
        (void)endpoint.webhook->body.render(context);
        if (endpoint.webhook->condition)
            (void)endpoint.webhook->condition->holds(context);
    }
    for (const HttpPush &push : endpoint.pushes) {
        (void)push.path.render(context);
        (void)push.message.render(context);
        (void)push.pickDelayMs();
    }
}

// A route's answer is consistent: an endpoint exactly when found, with the method asked
// (or GET for HEAD); the methods a 405 allows; the parameter a bad one names.
inline void checkRoute(const HttpRoute &route, QByteArrayView method)
{
    const QString what = QString::fromLatin1(method) + QLatin1Char(' ') + route.problem;
    FUZZ_CHECK((route.outcome == HttpRoute::Outcome::Found) == (route.endpoint != nullptr), what);
    if (route.endpoint)
        FUZZ_CHECK(QByteArrayView(route.endpoint->method) == method
                       || (method == QByteArrayView("HEAD") && route.endpoint->method == "GET"),
                   what);
    FUZZ_CHECK((route.outcome == HttpRoute::Outcome::MethodNotAllowed) == !route.allowed.isEmpty(),
               what);
    FUZZ_CHECK((route.outcome == HttpRoute::Outcome::BadParameter) == !route.problem.isEmpty(),
               what);
}

// Every HTTP endpoint is reachable: the path its own pattern accepts, with its method and
// host, finds an endpoint of that method (this one, or one as specific).
inline void exerciseHttp(const MockSpec &spec)
{
    for (const HttpEndpoint &endpoint : spec.httpEndpoints) {
        const QString path = samplePath(endpoint.path);
        const QString host = endpoint.host.isEmpty() ? QStringLiteral("any.test") : endpoint.host;
        FUZZ_CHECK(endpoint.path.match(path).has_value(),
                   endpoint.path.text() + QStringLiteral(" vs ") + path);
        const HttpRoute route = spec.routeHttp(endpoint.method, host, path);
        checkRoute(route, endpoint.method);
        FUZZ_CHECK(route.outcome == HttpRoute::Outcome::Found,
                   endpoint.label() + QStringLiteral(" vs ") + path);
        renderHttp(*route.endpoint, route);
        for (const char *method : { "HEAD", "OPTIONS" })
            checkRoute(spec.routeHttp(QByteArrayView(method), host, path), QByteArrayView(method));
    }
}

} // namespace fuzz
