#include "httpservice.h"

#include "handshakerequest.h"
#include "httplayer.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHttpServerRequest>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMetaEnum>
#include <QMetaMethod>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTcpSocket>
#include <QTimer>

#include <cmath>

// A request as the service reads it, taken from Qt's parsed request once.
struct HttpService::Request
{
    QByteArray method;
    QString rawPath; // percent-encoded, without the query
    QString target; // path and query as sent
    QString host; // the Host header
    ParamMap query;
    HttpExchange::Headers headers;
    QByteArray body;
    QString peer;
    QByteArray origin;
    bool closeAfter = false; // Connection: close
    qint64 receivedAt = 0; // ms since the epoch

    QByteArray header(QByteArrayView name) const
    {
        for (const auto &[key, value] : headers) {
            if (QByteArrayView(key).compare(name, Qt::CaseInsensitive) == 0)
                return value;
        }
        return {};
    }
};

// What a request gets: status, headers and body, when it is due, and what answered it.
struct HttpService::Answer
{
    int status = 200;
    HttpExchange::Headers headers;
    QByteArray body;
    QString rule; // the endpoint's label, when one answered
    int delayMs = 0;
    bool waiting = false; // the body is still being fetched
    bool close = false;
    bool omitBody = false; // HEAD
    std::shared_ptr<HttpExchange> exchange;
    QString path; // decoded, for the event
    QString peer;
    qint64 receivedAt = 0;
};

// A connection's place in its own stream of requests, and the bytes it has sent towards the
// request being read.
struct HttpService::SocketState
{
    qint64 nextSequence = 0; // given to the next complete request
    qint64 nextToWrite = 0;
    QMap<qint64, Answer> ready; // answers waiting for an earlier one
    qint64 requestBytes = 0; // received since the last complete request
    qint64 unread = 0; // bytes the parser left in the socket last time
};

namespace {
QByteArray reasonPhrase(int status)
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

QByteArray methodName(QHttpServerRequest::Method method)
{
    static const QMetaEnum methods = QMetaEnum::fromType<QHttpServerRequest::Method>();
    const char *key = methods.valueToKey(int(method));
    return key ? QByteArray(key).toUpper() : QByteArray("UNKNOWN");
}

QByteArray errorBody(const QString &message)
{
    return QJsonDocument(QJsonObject { { QStringLiteral("error"), message } })
               .toJson(QJsonDocument::Compact)
        + '\n';
}

bool hasHeader(const HttpExchange::Headers &headers, QByteArrayView name)
{
    return std::any_of(headers.cbegin(), headers.cend(), [name](const auto &header) {
        return QByteArrayView(header.first).compare(name, Qt::CaseInsensitive) == 0;
    });
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
    return !root.isEmpty() && !target.isEmpty()
        && (target.startsWith(root + QLatin1Char('/')) || target == root);
}
} // namespace

HttpService::HttpService(Push push, std::function<bool()> watched, QObject *parent)
    : QObject(parent)
    , m_layer(new HttpLayer(
          [this](const QHttpServerRequest &request, QTcpSocket *socket) {
              onRequest(request, socket);
          },
          this))
    , m_push(std::move(push))
    , m_watched(std::move(watched))
    , m_spec(std::make_shared<MockSpec>())
{
}

HttpService::~HttpService() = default;

void HttpService::setSpec(MockSpecPtr spec)
{
    m_spec = spec ? std::move(spec) : std::make_shared<MockSpec>();
    m_windows.clear();
}

void HttpService::take(QTcpSocket *socket)
{
    auto state = std::make_shared<SocketState>();
    m_sockets.insert(socket, state);
    // Counted before the parser reads (connected first, so called first) and after it did:
    // a request bigger than the body limit is cut off as it arrives, not once it is whole.
    connect(socket, &QIODevice::readyRead, this, [this, socket] { onBytes(socket); });
    connect(socket, &QObject::destroyed, this, [this, socket] { m_sockets.remove(socket); });
    m_layer->take(socket);
    connect(socket, &QIODevice::readyRead, this, [this, socket] {
        if (const auto state = m_sockets.value(socket))
            state->unread = socket->bytesAvailable();
    });
}

void HttpService::onBytes(QTcpSocket *socket)
{
    const auto state = m_sockets.value(socket);
    if (!state)
        return;
    state->requestBytes += socket->bytesAvailable() - state->unread;
    if (state->requestBytes <= m_maxBodySize + HandshakeRequest::MaxHead)
        return;
    // Too big to keep reading: answered at once and closed, before the parser buffers it.
    QObject::disconnect(socket, nullptr, m_layer, nullptr);
    Answer tooLarge;
    tooLarge.status = 413;
    tooLarge.body = errorBody(tr("The request body is larger than the limit of %1 bytes.")
                                  .arg(m_maxBodySize));
    tooLarge.close = true;
    tooLarge.receivedAt = QDateTime::currentMSecsSinceEpoch();
    tooLarge.peer = socket->peerAddress().toString();
    write(socket, tooLarge);
}

void HttpService::closeAll()
{
    const QList<QTcpSocket *> sockets = m_sockets.keys();
    for (QTcpSocket *socket : sockets)
        socket->abort();
}

void HttpService::onRequest(const QHttpServerRequest &parsed, QTcpSocket *socket)
{
    const auto state = m_sockets.value(socket);
    if (!state)
        return;
    state->requestBytes = socket->bytesAvailable();
    Request request;
    request.method = methodName(parsed.method());
    const QUrl url = parsed.url();
    request.rawPath = url.path(QUrl::FullyEncoded);
    request.target = url.hasQuery() ? request.rawPath + QLatin1Char('?') + url.query(QUrl::FullyEncoded)
                                    : request.rawPath;
    request.query = queryParamsOf(url);
    request.headers = parsed.headers();
    request.body = parsed.body();
    request.host = QString::fromUtf8(request.header("host"));
    request.origin = request.header("origin");
    request.closeAfter = request.header("connection").toLower().contains("close");
    request.peer = socket->peerAddress().toString();
    request.receivedAt = QDateTime::currentMSecsSinceEpoch();

    const qint64 sequence = state->nextSequence++;
    Answer answer = decide(request, sequence, socket);
    auto exchange = std::make_shared<HttpExchange>();
    exchange->method = request.method;
    exchange->target = request.target;
    exchange->requestHeaders = request.headers;
    exchange->requestBody = request.body;
    answer.exchange = std::move(exchange);
    answer.path = url.path(QUrl::FullyDecoded);
    answer.peer = request.peer;
    answer.receivedAt = request.receivedAt;
    answer.close = answer.close || request.closeAfter;
    answer.omitBody = request.method == "HEAD";
    addCors(request, &answer);
    complete(socket, sequence, std::move(answer));
}

HttpService::Answer HttpService::decide(const Request &request, qint64 sequence,
                                        QTcpSocket *socket)
{
    Answer answer;
    if (request.body.size() > m_maxBodySize) {
        answer.status = 413;
        answer.body = errorBody(tr("The request body is larger than the limit of %1 bytes.")
                                    .arg(m_maxBodySize));
        answer.close = true;
        return answer;
    }
    const HttpRoute route = m_spec->routeHttp(request.method, request.host, request.rawPath);
    const bool isPreflight = request.method == "OPTIONS" && !request.origin.isEmpty()
        && !request.header("access-control-request-method").isEmpty();
    if (m_cors && isPreflight && route.outcome != HttpRoute::Outcome::Found)
        return preflight(request);
    return routed(request, route, sequence, socket);
}

HttpService::Answer HttpService::routed(const Request &request, const HttpRoute &route,
                                        qint64 sequence, QTcpSocket *socket)
{
    Answer answer;
    switch (route.outcome) {
    case HttpRoute::Outcome::Found:
        return endpointAnswer(request, *route.endpoint, route.pathParams, sequence, socket);
    case HttpRoute::Outcome::MethodNotAllowed:
        answer.status = 405;
        answer.headers.emplace_back("Allow", route.allowed.join(QStringLiteral(", ")).toLatin1());
        answer.body = errorBody(tr("%1 is not allowed on %2; allowed: %3")
                                    .arg(QString::fromLatin1(request.method), request.rawPath,
                                         route.allowed.join(QStringLiteral(", "))));
        return answer;
    case HttpRoute::Outcome::BadParameter:
        answer.status = 404;
        answer.body = errorBody(route.problem);
        return answer;
    case HttpRoute::Outcome::NotFound:
        break;
    }
    if (m_spec->route(request.rawPath)) {
        answer.status = 426;
        answer.headers.emplace_back("Upgrade", "websocket");
        answer.body = errorBody(tr("%1 is a WebSocket endpoint: connect with a WebSocket client")
                                    .arg(request.rawPath));
        return answer;
    }
    answer.status = 404;
    answer.body = errorBody(tr("No endpoint serves %1 %2")
                                .arg(QString::fromLatin1(request.method), request.rawPath));
    return answer;
}

HttpService::Answer HttpService::endpointAnswer(const Request &request,
                                                const HttpEndpoint &endpoint,
                                                const ParamMap &pathParams, qint64 sequence,
                                                QTcpSocket *socket)
{
    Answer answer;
    answer.rule = endpoint.label();
    const QString queryProblem = endpoint.queryProblem(request.query);
    if (!queryProblem.isEmpty()) {
        answer.status = 400;
        answer.body = errorBody(queryProblem);
        return answer;
    }
    if (overRateLimit(request, endpoint, &answer))
        return answer;
    if (endpoint.externalBody && endpoint.externalBody->provider == ExternalBody::Provider::Xlsx) {
        answer.status = 501;
        answer.body = errorBody(tr("external-body provider 'xlsx' is not supported"));
        return answer;
    }
    const IncomingMessage message(QString::fromUtf8(request.body));
    QNetworkRequest headers;
    for (const auto &[name, value] : request.headers)
        headers.setRawHeader(name, value);
    TemplateContext context;
    context.pathParams = &pathParams;
    context.queryParams = &request.query;
    context.message = &message;
    context.handshake = &headers;

    answer.status = endpoint.status;
    answer.delayMs = endpoint.delayMs;
    for (const auto &[name, value] : endpoint.headers)
        answer.headers.emplace_back(name, value.render(context).toUtf8());
    renderBody(endpoint, context, request, &answer, socket, sequence);
    if (endpoint.webhook)
        sendLater(*endpoint.webhook, context);
    pushFrames(endpoint, context);
    return answer;
}

bool HttpService::overRateLimit(const Request &request, const HttpEndpoint &endpoint,
                                Answer *answer)
{
    if (!endpoint.rateLimit)
        return false;
    const RateLimit &limit = *endpoint.rateLimit;
    const QString key = endpoint.label() + QLatin1Char('\n')
        + (limit.keyHeader.isEmpty() ? request.peer
                                     : QString::fromUtf8(request.header(limit.keyHeader)));
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    Window &window = m_windows[key];
    if (now - window.start >= limit.windowMs)
        window = { now, 0 };
    const bool over = window.count >= limit.maxRequests;
    if (!over)
        ++window.count;
    const qint64 resetSeconds
        = qint64(std::ceil(double(window.start + limit.windowMs - now) / 1000.0));
    answer->headers.emplace_back("X-RateLimit-Limit", QByteArray::number(limit.maxRequests));
    answer->headers.emplace_back("X-RateLimit-Remaining", QByteArray::number(limit.maxRequests - window.count));
    answer->headers.emplace_back("X-RateLimit-Reset", QByteArray::number(resetSeconds));
    if (over) {
        answer->status = 429;
        answer->body = errorBody(QStringLiteral("Rate limit exceeded"));
    }
    return over;
}

void HttpService::renderBody(const HttpEndpoint &endpoint, const TemplateContext &context,
                             const Request &request, Answer *answer, QTcpSocket *socket,
                             qint64 sequence)
{
    const bool typed = hasHeader(answer->headers, "content-type");
    if (!endpoint.externalBody) {
        answer->body = endpoint.hasBody ? endpoint.body.render(context).toUtf8() : QByteArray();
        if (!typed && !answer->body.isEmpty())
            answer->headers.emplace_back("Content-Type",
                                     endpoint.body.isJson() ? "application/json"
                                                            : "text/plain; charset=utf-8");
        return;
    }
    const ExternalBody &external = *endpoint.externalBody;
    const QString path = external.path.render(context);
    if (!typed)
        answer->headers.emplace_back("Content-Type", "application/json");
    if (isUrl(path)) {
        answer->waiting = true;
        fetchExternal(QUrl(path), *answer, socket, sequence);
        return;
    }
    Q_UNUSED(request);
    const QString file = QDir(external.baseDirectory).filePath(path);
    QFile input(file);
    if (QDir::isRelativePath(path) && QFileInfo::exists(file)
        && !insideFolder(external.baseDirectory, file)) {
        answer->status = 500;
        answer->body = errorBody(
            tr("external-body path '%1' is outside the config's folder").arg(path));
        return;
    }
    if (!input.open(QIODevice::ReadOnly)) {
        answer->status = 500;
        answer->body = errorBody(
            tr("external-body file '%1' cannot be read: %2").arg(file, input.errorString()));
        return;
    }
    answer->body = input.readAll();
}

void HttpService::fetchExternal(const QUrl &url, Answer answer, QTcpSocket *socket,
                                qint64 sequence)
{
    QNetworkReply *reply = network()->get(QNetworkRequest(url));
    QPointer<QTcpSocket> guard(socket);
    connect(reply, &QNetworkReply::finished, this, [this, reply, answer, guard, sequence] {
        reply->deleteLater();
        Answer done = answer;
        done.waiting = false;
        if (reply->error() == QNetworkReply::NoError) {
            done.body = reply->readAll();
        } else {
            done.status = 502;
            done.body = errorBody(tr("external-body URL %1 failed: %2")
                                      .arg(reply->url().toString(), reply->errorString()));
        }
        if (guard)
            complete(guard, sequence, std::move(done));
    });
}

void HttpService::sendLater(const Webhook &webhook, const TemplateContext &context)
{
    if (webhook.condition && !webhook.condition->holds(context))
        return;
    QNetworkRequest request(QUrl(webhook.url.render(context)));
    for (const auto &[name, value] : webhook.headers)
        request.setRawHeader(name, value.render(context).toUtf8());
    const QByteArray body = webhook.hasBody ? webhook.body.render(context).toUtf8() : QByteArray();
    if (webhook.hasBody && !request.hasRawHeader("Content-Type"))
        request.setHeader(QNetworkRequest::ContentTypeHeader,
                          QByteArray(webhook.body.isJson() ? "application/json"
                                                           : "text/plain; charset=utf-8"));
    const QByteArray method = webhook.method;
    QTimer::singleShot(webhook.sleepMs, this, [this, request, body, method] {
        QNetworkReply *reply = network()->sendCustomRequest(request, method, body);
        connect(reply, &QNetworkReply::finished, this, [this, reply] {
            reply->deleteLater();
            if (reply->error() != QNetworkReply::NoError)
                emit trafficEvent(TrafficEvent::error(
                    {}, TrafficEvent::Cause::WebhookFailed,
                    { reply->url().toString(), reply->errorString() }));
        });
    });
}

void HttpService::pushFrames(const HttpEndpoint &endpoint, const TemplateContext &context)
{
    for (const HttpPush &push : endpoint.pushes) {
        const QString path = push.path.render(context);
        const QString text = push.message.render(context);
        if (push.delayMs <= 0) {
            m_push(path, text);
            continue;
        }
        QTimer::singleShot(push.delayMs, this, [this, path, text] { m_push(path, text); });
    }
}

void HttpService::addCors(const Request &request, Answer *answer) const
{
    if (!m_cors || request.origin.isEmpty())
        return;
    const QString origin = QString::fromUtf8(request.origin);
    if (!m_allowedOrigins.isEmpty() && !m_allowedOrigins.contains(origin))
        return;
    answer->headers.emplace_back("Access-Control-Allow-Origin", request.origin);
    answer->headers.emplace_back("Access-Control-Allow-Credentials", "true");
    answer->headers.emplace_back("Access-Control-Expose-Headers", "*");
    answer->headers.emplace_back("Vary", "Origin");
}

HttpService::Answer HttpService::preflight(const Request &request) const
{
    Answer answer;
    answer.status = 204;
    answer.headers.emplace_back("Access-Control-Allow-Methods", "GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS");
    const QByteArray headers = request.header("access-control-request-headers");
    if (!headers.isEmpty())
        answer.headers.emplace_back("Access-Control-Allow-Headers", headers);
    answer.headers.emplace_back("Access-Control-Max-Age", "86400");
    return answer;
}

void HttpService::complete(QTcpSocket *socket, qint64 sequence, Answer answer)
{
    const auto state = m_sockets.value(socket);
    if (!state)
        return;
    if (answer.delayMs > 0 && !answer.waiting) {
        const int delay = answer.delayMs;
        answer.delayMs = 0;
        QPointer<QTcpSocket> guard(socket);
        QTimer::singleShot(delay, this, [this, guard, sequence, answer]() mutable {
            if (guard)
                complete(guard, sequence, std::move(answer));
        });
        return;
    }
    state->ready.insert(sequence, std::move(answer));
    while (!state->ready.isEmpty() && state->ready.firstKey() == state->nextToWrite
           && !state->ready.first().waiting && state->ready.first().delayMs == 0) {
        const Answer due = state->ready.take(state->nextToWrite);
        ++state->nextToWrite;
        write(socket, due);
        if (due.close)
            return;
    }
}

void HttpService::write(QTcpSocket *socket, const Answer &answer)
{
    QByteArray out = "HTTP/1.1 " + QByteArray::number(answer.status) + ' '
        + reasonPhrase(answer.status) + "\r\n";
    HttpExchange::Headers headers = answer.headers;
    if (!hasHeader(headers, "content-type") && !answer.body.isEmpty())
        headers.emplace_back("Content-Type", "application/json");
    headers.emplace_back("Content-Length", QByteArray::number(answer.body.size()));
    if (answer.close)
        headers.emplace_back("Connection", "close");
    for (const auto &[name, value] : std::as_const(headers))
        out += name + ": " + value + "\r\n";
    out += "\r\n";
    if (!answer.omitBody)
        out += answer.body;
    socket->write(out);
    if (answer.close)
        socket->disconnectFromHost();

    if (!m_watched())
        return;
    auto exchange = answer.exchange ? std::make_shared<HttpExchange>(*answer.exchange)
                                    : std::make_shared<HttpExchange>();
    exchange->status = answer.status;
    exchange->responseHeaders = headers;
    exchange->responseBody = answer.omitBody ? QByteArray() : answer.body;
    exchange->durationMs = QDateTime::currentMSecsSinceEpoch() - answer.receivedAt;
    emit trafficEvent(
        TrafficEvent::httpExchange(answer.peer, answer.path, answer.rule, std::move(exchange)));
}

QNetworkAccessManager *HttpService::network()
{
    if (!m_network)
        m_network = new QNetworkAccessManager(this);
    return m_network;
}
