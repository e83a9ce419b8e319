// How an HTTP request finds its `endpoint:` item, and the per-request answers an endpoint
// gives about itself.

#include "httpendpoint.h"
#include "mockspec.h"

#include <QCoreApplication>

#include <algorithm>

namespace {

bool compareWith(WebhookCondition::Op op, double left, double right)
{
    switch (op) {
    case WebhookCondition::Op::Equal:
        return left == right;
    case WebhookCondition::Op::Greater:
        return left > right;
    case WebhookCondition::Op::Less:
        return left < right;
    case WebhookCondition::Op::GreaterOrEqual:
        return left >= right;
    case WebhookCondition::Op::LessOrEqual:
        return left <= right;
    }
    return false;
}

// Whether an endpoint answers requests for this host (already normalized).
bool servesHost(const HttpEndpoint &endpoint, const QString &host)
{
    return endpoint.host.isEmpty() || endpoint.host == host;
}

// The methods an `Allow` header lists: each once, sorted, HEAD wherever GET is.
QStringList allowHeaderMethods(QStringList methods)
{
    if (methods.contains(QLatin1String("GET")))
        methods.append(QStringLiteral("HEAD"));
    methods.sort();
    methods.removeDuplicates();
    return methods;
}

} // namespace

QString normalizedHost(QStringView host)
{
    host = host.trimmed();
    // "[::1]:8080": the port follows the bracket; "example.test:8080": the last colon.
    const qsizetype bracket = host.lastIndexOf(QLatin1Char(']'));
    const qsizetype colon = host.lastIndexOf(QLatin1Char(':'));
    if (colon > bracket && (bracket >= 0 || host.indexOf(QLatin1Char(':')) == colon))
        host = host.left(colon);
    return host.toString().toLower();
}

int HttpEndpoint::pickDelayMs() const
{
    return Delay { delayMs, std::max(delayMs, delayMaxMs) }.pick();
}

int HttpPush::pickDelayMs() const
{
    return Delay { delayMs, std::max(delayMs, delayMaxMs) }.pick();
}

QString HttpEndpoint::label() const
{
    return QString::fromLatin1(method) + QLatin1Char(' ') + host + path.text();
}

QString HttpEndpoint::queryProblem(const ParamMap &queryParams) const
{
    for (const auto &[name, type] : query) {
        const auto value = queryParams.constFind(name);
        if (value != queryParams.constEnd() && !valueHasType(*value, type))
            return QCoreApplication::translate("HttpEndpoint",
                                               "query parameter '%1' must be %2, got '%3'")
                .arg(name, paramTypeDescription(type), *value);
    }
    return QString();
}

// Numbers when the literal was written as one and the value reads as one (42 = 42.0);
// otherwise the texts, compared code point by code point, for < and > too.
bool WebhookCondition::holds(const TemplateContext &context) const
{
    QString value;
    if (!Template::lookup(variable, context, &value))
        return false;
    if (literalIsNumber) {
        bool isNumber = false;
        const double number = value.trimmed().toDouble(&isNumber);
        if (isNumber)
            return compareWith(op, number, literal.toDouble());
    }
    return compareWith(op, value.compare(literal), 0);
}

void MockSpec::buildHttpRoutes()
{
    m_httpRouteOrder.clear();
    for (int index = 0; index < httpEndpoints.size(); ++index)
        m_httpRouteOrder.append(index);
    // The most specific path first; between paths alike, one bound to a host before one for
    // any host; between those, file order (so a shadowed duplicate is never reached).
    std::stable_sort(m_httpRouteOrder.begin(), m_httpRouteOrder.end(), [this](int left, int right) {
        const HttpEndpoint &first = httpEndpoints.at(left);
        const HttpEndpoint &second = httpEndpoints.at(right);
        if (first.path.moreSpecificThan(second.path))
            return true;
        if (second.path.moreSpecificThan(first.path))
            return false;
        return !first.host.isEmpty() && second.host.isEmpty();
    });
}

// A request's method is looked for among every endpoint whose path fits before the most
// specific path's other methods answer 405: "GET /users/me" and "DELETE /users/:id" both
// serve /users/me.
HttpRoute MockSpec::routeHttp(QByteArrayView method, QStringView host, const QString &rawPath) const
{
    const QStringList segments = PathPattern::splitPath(rawPath);
    const QString requestHost = normalizedHost(host);
    const bool isHead = method == QByteArrayView("HEAD");
    HttpRoute route;
    HttpRoute headByGet; // HEAD answered by a GET endpoint, unless a HEAD one fits
    QStringList pathMethods;
    for (int index : m_httpRouteOrder) {
        const HttpEndpoint &endpoint = httpEndpoints.at(index);
        if (!servesHost(endpoint, requestHost))
            continue;
        QString typeProblem;
        std::optional<ParamMap> params = endpoint.path.match(segments, &typeProblem);
        if (!params) {
            if (route.problem.isEmpty())
                route.problem = typeProblem; // the most specific path's says it best
            continue;
        }
        if (QByteArrayView(endpoint.method) == method)
            return { HttpRoute::Outcome::Found, &endpoint, std::move(*params), {}, {} };
        if (isHead && endpoint.method == "GET" && !headByGet.endpoint)
            headByGet = { HttpRoute::Outcome::Found, &endpoint, std::move(*params), {}, {} };
        pathMethods.append(QString::fromLatin1(endpoint.method));
    }
    if (headByGet.endpoint)
        return headByGet;
    if (!pathMethods.isEmpty()) {
        route.outcome = HttpRoute::Outcome::MethodNotAllowed;
        route.allowed = allowHeaderMethods(pathMethods);
        route.problem.clear();
    } else if (!route.problem.isEmpty()) {
        route.outcome = HttpRoute::Outcome::BadParameter;
    }
    return route;
}
