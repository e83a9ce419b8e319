#include "httpresponder.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkRequest>

#include <algorithm>
#include <cmath>

namespace {
bool sameName(QByteArrayView name, QByteArrayView other)
{
    return name.compare(other, Qt::CaseInsensitive) == 0;
}

QByteArray headerIn(const HttpExchange::Headers &headers, QByteArrayView name)
{
    for (const auto &[key, value] : headers) {
        if (sameName(key, name))
            return value;
    }
    return {};
}

bool isUrl(const QString &text)
{
    return text.startsWith(QLatin1String("http://"), Qt::CaseInsensitive)
        || text.startsWith(QLatin1String("https://"), Qt::CaseInsensitive);
}

// A relative external-body path stays inside the config's folder: "../secrets" is refused.
bool insideFolder(const QString &folder, const QString &file)
{
    const QString root = QFileInfo(folder).canonicalFilePath();
    const QString target = QFileInfo(file).canonicalFilePath();
    return !root.isEmpty() && !target.isEmpty() && target.startsWith(root + QLatin1Char('/'));
}

HttpReply errorReply(int status, const QString &message)
{
    HttpReply reply;
    reply.status = status;
    reply.body = HttpResponder::errorBody(message);
    return reply;
}
} // namespace

HttpRequestData HttpRequestData::fromTarget(const QByteArray &method, const QString &target)
{
    HttpRequestData request;
    request.method = method.toUpper();
    const QUrl url = QUrl::fromEncoded(target.toUtf8());
    request.rawPath = url.path(QUrl::FullyEncoded);
    request.target = target;
    request.query = queryParamsOf(url);
    return request;
}

QByteArray HttpRequestData::header(QByteArrayView name) const
{
    return headerIn(headers, name);
}

void HttpReply::setHeader(const QByteArray &name, const QByteArray &value)
{
    for (auto &[key, existing] : headers) {
        if (sameName(key, name)) {
            existing = value;
            return;
        }
    }
    headers.emplace_back(name, value);
}

QByteArray HttpReply::header(QByteArrayView name) const
{
    return headerIn(headers, name);
}

RateWindows::Verdict RateWindows::admit(const QString &key, const RateLimit &limit, qint64 nowMs)
{
    Window &window = m_windows[key];
    if (nowMs - window.start >= limit.windowMs)
        window = { nowMs, 0 };
    Verdict verdict;
    verdict.admitted = window.count < limit.maxRequests;
    if (verdict.admitted)
        ++window.count;
    verdict.remaining = limit.maxRequests - window.count;
    verdict.resetSeconds
        = qint64(std::ceil(double(window.start + limit.windowMs - nowMs) / 1000.0));
    return verdict;
}

QByteArray HttpResponder::errorBody(const QString &message)
{
    return QJsonDocument(QJsonObject { { QStringLiteral("error"), message } })
               .toJson(QJsonDocument::Compact)
        + '\n';
}

QByteArray HttpResponder::reasonPhrase(int status)
{
    static const QHash<int, QByteArray> phrases = {
        { 200, "OK" },
        { 201, "Created" },
        { 202, "Accepted" },
        { 204, "No Content" },
        { 301, "Moved Permanently" },
        { 302, "Found" },
        { 304, "Not Modified" },
        { 400, "Bad Request" },
        { 401, "Unauthorized" },
        { 403, "Forbidden" },
        { 404, "Not Found" },
        { 405, "Method Not Allowed" },
        { 408, "Request Timeout" },
        { 409, "Conflict" },
        { 413, "Content Too Large" },
        { 422, "Unprocessable Content" },
        { 426, "Upgrade Required" },
        { 429, "Too Many Requests" },
        { 500, "Internal Server Error" },
        { 501, "Not Implemented" },
        { 502, "Bad Gateway" },
        { 503, "Service Unavailable" },
    };
    return phrases.value(status, "Status");
}

QByteArray HttpResponder::serialize(const HttpReply &reply, bool omitBody)
{
    QByteArray out = "HTTP/1.1 " + QByteArray::number(reply.status) + ' '
        + reasonPhrase(reply.status) + "\r\n";
    for (const auto &[name, value] : reply.headers)
        out += name + ": " + value + "\r\n";
    out += "Content-Length: " + QByteArray::number(reply.body.size()) + "\r\n";
    if (reply.close)
        out += "Connection: close\r\n";
    out += "\r\n";
    if (!omitBody)
        out += reply.body;
    return out;
}

HttpReply HttpResponder::respond(const MockSpec &spec, const HttpRequestData &request,
                                 const HttpPolicy &policy, RateWindows *windows)
{
    HttpReply reply;
    if (policy.maxBodySize > 0 && request.body.size() > policy.maxBodySize) {
        reply = errorReply(
            413,
            tr("The request body is larger than the limit of %1 bytes.").arg(policy.maxBodySize));
        reply.close = true;
    } else {
        const HttpRoute route = spec.routeHttp(
            request.method, QString::fromUtf8(request.header("host")), request.rawPath);
        const bool isPreflight = request.method == "OPTIONS" && !request.header("origin").isEmpty()
            && !request.header("access-control-request-method").isEmpty();
        reply = policy.cors && isPreflight && route.outcome != HttpRoute::Outcome::Found
            ? preflight(request)
            : routed(spec, request, route, windows);
    }
    addCors(request, policy, &reply);
    return reply;
}

HttpReply HttpResponder::routed(const MockSpec &spec, const HttpRequestData &request,
                                const HttpRoute &route, RateWindows *windows)
{
    const QString method = QString::fromLatin1(request.method);
    switch (route.outcome) {
    case HttpRoute::Outcome::Found:
        return endpointReply(*route.endpoint, request, route.pathParams, windows);
    case HttpRoute::Outcome::MethodNotAllowed: {
        const QString allowed = route.allowed.join(QStringLiteral(", "));
        HttpReply reply = errorReply(
            405, tr("%1 is not allowed on %2; allowed: %3").arg(method, request.rawPath, allowed));
        reply.setHeader("Allow", allowed.toLatin1());
        return reply;
    }
    case HttpRoute::Outcome::BadParameter:
        return errorReply(404, route.problem);
    case HttpRoute::Outcome::NotFound:
        break;
    }
    if (spec.route(request.rawPath)) {
        HttpReply reply = errorReply(
            426,
            tr("%1 is a WebSocket endpoint: connect with a WebSocket client").arg(request.rawPath));
        reply.setHeader("Upgrade", "websocket");
        return reply;
    }
    return errorReply(404, tr("No endpoint serves %1 %2").arg(method, request.rawPath));
}

HttpReply HttpResponder::endpointReply(const HttpEndpoint &endpoint, const HttpRequestData &request,
                                       const ParamMap &pathParams, RateWindows *windows)
{
    const QString queryProblem = endpoint.queryProblem(request.query);
    HttpReply reply = queryProblem.isEmpty() ? HttpReply() : errorReply(400, queryProblem);
    reply.rule = endpoint.label();
    if (!queryProblem.isEmpty())
        return reply;
    if (endpoint.rateLimit && windows) {
        const RateLimit &limit = *endpoint.rateLimit;
        const QString key = reply.rule + QLatin1Char('\n')
            + (limit.keyHeader.isEmpty() ? request.peer
                                         : QString::fromUtf8(request.header(limit.keyHeader)));
        const RateWindows::Verdict verdict
            = windows->admit(key, limit, QDateTime::currentMSecsSinceEpoch());
        if (!verdict.admitted)
            reply = errorReply(429, QStringLiteral("Rate limit exceeded"));
        reply.rule = endpoint.label();
        reply.setHeader("X-RateLimit-Limit", QByteArray::number(limit.maxRequests));
        reply.setHeader("X-RateLimit-Remaining", QByteArray::number(verdict.remaining));
        reply.setHeader("X-RateLimit-Reset", QByteArray::number(verdict.resetSeconds));
        if (!verdict.admitted)
            return reply;
    }
    if (endpoint.externalBody && endpoint.externalBody->provider == ExternalBody::Provider::Xlsx) {
        HttpReply unsupported
            = errorReply(501, tr("external-body provider 'xlsx' is not supported"));
        unsupported.rule = reply.rule;
        return unsupported;
    }
    const IncomingMessage message(QString::fromUtf8(request.body));
    QNetworkRequest headers; // header-params reads them as a handshake's
    for (const auto &[name, value] : request.headers)
        headers.setRawHeader(name, value);
    TemplateContext context;
    context.pathParams = &pathParams;
    context.queryParams = &request.query;
    context.message = &message;
    context.handshake = &headers;

    reply.status = endpoint.status;
    reply.delayMs = endpoint.pickDelayMs();
    for (const auto &[name, value] : endpoint.headers)
        reply.setHeader(name, value.render(context, &reply.missing).toUtf8());
    renderBody(endpoint, context, &reply);
    planSideEffects(endpoint, context, &reply);
    return reply;
}

void HttpResponder::renderBody(const HttpEndpoint &endpoint, const TemplateContext &context,
                               HttpReply *reply)
{
    const bool typed = !reply->header("content-type").isEmpty();
    if (!endpoint.externalBody) {
        reply->body = endpoint.hasBody ? endpoint.body.render(context, &reply->missing).toUtf8()
                                       : QByteArray();
        if (!typed && !reply->body.isEmpty())
            reply->setHeader("Content-Type",
                             endpoint.body.isJson() ? "application/json"
                                                    : "text/plain; charset=utf-8");
        return;
    }
    const ExternalBody &external = *endpoint.externalBody;
    const QString path = external.path.render(context, &reply->missing);
    if (!typed)
        reply->setHeader("Content-Type", "application/json");
    if (isUrl(path)) {
        reply->fetch = QUrl(path);
        return;
    }
    const QString file = QDir(external.baseDirectory).filePath(path);
    if (QDir::isRelativePath(path) && QFileInfo::exists(file)
        && !insideFolder(external.baseDirectory, file)) {
        reply->status = 500;
        reply->body
            = errorBody(tr("external-body path '%1' is outside the config's folder").arg(path));
        return;
    }
    QFile input(file);
    if (!input.open(QIODevice::ReadOnly)) {
        reply->status = 500;
        reply->body = errorBody(
            tr("external-body file '%1' cannot be read: %2").arg(file, input.errorString()));
        return;
    }
    reply->body = input.readAll();
}

void HttpResponder::planSideEffects(const HttpEndpoint &endpoint, const TemplateContext &context,
                                    HttpReply *reply)
{
    for (const HttpPush &push : endpoint.pushes)
        reply->pushes.append({ push.path.render(context, &reply->missing),
                               push.message.render(context, &reply->missing), push.pickDelayMs() });
    if (!endpoint.webhook)
        return;
    const Webhook &webhook = *endpoint.webhook;
    if (webhook.condition && !webhook.condition->holds(context))
        return;
    HttpPlannedWebhook planned;
    planned.url = QUrl(webhook.url.render(context, &reply->missing));
    planned.method = webhook.method;
    planned.sleepMs = webhook.sleepMs;
    for (const auto &[name, value] : webhook.headers)
        planned.headers.emplace_back(name, value.render(context, &reply->missing).toUtf8());
    if (webhook.hasBody) {
        planned.body = webhook.body.render(context, &reply->missing).toUtf8();
        if (headerIn(planned.headers, "content-type").isEmpty())
            planned.headers.emplace_back("Content-Type",
                                         webhook.body.isJson() ? "application/json"
                                                               : "text/plain; charset=utf-8");
    }
    reply->webhook = std::move(planned);
}

void HttpResponder::addCors(const HttpRequestData &request, const HttpPolicy &policy,
                            HttpReply *reply)
{
    const QByteArray origin = request.header("origin");
    if (!policy.cors || origin.isEmpty())
        return;
    if (!policy.allowedOrigins.isEmpty()
        && !policy.allowedOrigins.contains(QString::fromUtf8(origin)))
        return;
    reply->setHeader("Access-Control-Allow-Origin", origin);
    reply->setHeader("Access-Control-Allow-Credentials", "true");
    reply->setHeader("Access-Control-Expose-Headers", "*");
    reply->setHeader("Vary", "Origin");
}

HttpReply HttpResponder::preflight(const HttpRequestData &request)
{
    HttpReply reply;
    reply.status = 204;
    reply.setHeader("Access-Control-Allow-Methods", "GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS");
    const QByteArray headers = request.header("access-control-request-headers");
    if (!headers.isEmpty())
        reply.setHeader("Access-Control-Allow-Headers", headers);
    reply.setHeader("Access-Control-Max-Age", "86400");
    return reply;
}
