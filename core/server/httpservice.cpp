#include "httpservice.h"

#include "handshakerequest.h"
#include "httplayer.h"

#include <QDateTime>
#include <QHttpServerRequest>
#include <QMetaEnum>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QPointer>
#include <QTcpSocket>

// An answer on its way: the reply and what the event about it will show.
struct HttpService::Pending
{
    HttpReply reply;
    bool omitBody = false; // HEAD
    bool due = false; // its delay is over and its body is there
    std::shared_ptr<HttpExchange> exchange; // the request part
    QString path; // decoded, for the event
    QString peer;
    qint64 receivedAt = 0;

    qint64 heldBytes() const
    {
        return reply.body.size() + (exchange ? exchange->requestBody.size() : 0);
    }
};

// A connection's place in its own stream of requests, and the bytes it has sent towards the
// request being read.
struct HttpService::SocketState
{
    qint64 nextSequence = 0; // given to the next complete request
    qint64 nextToWrite = 0;
    QMap<qint64, Pending> ready; // answers waiting for an earlier one
    QMap<qint64, Pending> delayed; // answers waiting for their delay
    qint64 heldBytes = 0; // of ready and delayed
    qint64 requestBytes = 0; // received since the last complete request
    qint64 unread = 0; // bytes the parser left in the socket last time
    QDeadlineTimer idle; // when it is closed unless it sends something
};

namespace {
QByteArray methodName(QHttpServerRequest::Method method)
{
    static const QMetaEnum methods = QMetaEnum::fromType<QHttpServerRequest::Method>();
    const char *key = methods.valueToKey(int(method));
    return key ? QByteArray(key).toUpper() : QByteArray("UNKNOWN");
}
} // namespace

HttpService::HttpService(Push push, std::function<bool()> watched, QObject *parent)
    : QObject(parent)
    , m_push(std::move(push))
    , m_watched(std::move(watched))
    , m_spec(std::make_shared<MockSpec>())
    , m_idleSweep(new QTimer(this))
{
    connect(m_idleSweep, &QTimer::timeout, this, &HttpService::closeIdle);
}

HttpService::~HttpService() = default;

// Qt's HTTP server loads the TLS backend (OpenSSL) as it is made, for a QSslConfiguration
// it keeps: made at the first plain request, a server only WebSockets reach never pays for it
// (about 10 ms at startup and 6 MB idle).
HttpLayer *HttpService::layer()
{
    if (!m_layer) {
        m_layer = new HttpLayer([this](const QHttpServerRequest &request,
                                       QTcpSocket *socket) { onRequest(request, socket); },
                                this);
    }
    return m_layer;
}

void HttpService::setSpec(MockSpecPtr spec)
{
    m_spec = spec ? std::move(spec) : std::make_shared<MockSpec>();
    m_windows.clear();
}

void HttpService::take(QTcpSocket *socket)
{
    auto state = std::make_shared<SocketState>();
    state->idle.setRemainingTime(m_idleTimeoutMs);
    m_sockets.insert(socket, state);
    if (!m_idleSweep->isActive())
        m_idleSweep->start(std::clamp(m_idleTimeoutMs / 4, 10, 1000));
    // Counted before the parser reads (connected first, so called first) and after it did:
    // a request bigger than the body limit is cut off as it arrives, not once it is whole.
    connect(socket, &QIODevice::readyRead, this, [this, socket] { onBytes(socket); });
    connect(socket, &QObject::destroyed, this, [this, socket] { m_sockets.remove(socket); });
    layer()->take(socket);
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
    state->idle.setRemainingTime(m_idleTimeoutMs);
    state->requestBytes += socket->bytesAvailable() - state->unread;
    if (state->requestBytes <= m_policy.maxBodySize + HandshakeRequest::MaxHead)
        return;
    // Too big to keep reading: answered at once and closed, before the parser buffers it.
    QObject::disconnect(socket, nullptr, m_layer, nullptr);
    HttpReply tooLarge;
    tooLarge.status = 413;
    tooLarge.body = HttpResponder::errorBody(
        HttpResponder::tr("The request body is larger than the limit of %1 bytes.")
            .arg(m_policy.maxBodySize));
    tooLarge.close = true;
    socket->write(HttpResponder::serialize(tooLarge, false));
    socket->disconnectFromHost();
}

void HttpService::closeIdle()
{
    QList<QTcpSocket *> idle;
    for (auto it = m_sockets.cbegin(); it != m_sockets.cend(); ++it) {
        const SocketState &state = *it.value();
        if (state.idle.hasExpired() && state.nextToWrite == state.nextSequence)
            idle.append(it.key());
    }
    for (QTcpSocket *socket : std::as_const(idle))
        socket->disconnectFromHost();
    if (m_sockets.isEmpty())
        m_idleSweep->stop();
}

void HttpService::closeAll()
{
    const QList<QTcpSocket *> sockets = m_sockets.keys();
    for (QTcpSocket *socket : sockets)
        socket->abort();
}

void HttpService::forEachHolder(const std::function<void(QTcpSocket *, qint64)> &visit) const
{
    for (auto it = m_sockets.cbegin(); it != m_sockets.cend(); ++it) {
        const qint64 held = it.key()->bytesToWrite() + it.value()->heldBytes;
        if (held > 0 && it.key()->state() == QAbstractSocket::ConnectedState)
            visit(it.key(), held);
    }
}

void HttpService::drop(QTcpSocket *socket, TrafficEvent::Cause cause, const QStringList &details)
{
    if (const auto state = m_sockets.value(socket)) {
        state->ready.clear();
        state->delayed.clear();
        state->heldBytes = 0;
    }
    if (m_watched())
        emit trafficEvent(TrafficEvent::error({ 0, QString() }, cause, details));
    socket->abort();
}

void HttpService::checkBudget(QTcpSocket *socket, const SocketState &state)
{
    const qint64 held = socket->bytesToWrite() + state.heldBytes;
    if (m_maxPendingBytes > 0 && state.heldBytes > 0 && held > m_maxPendingBytes)
        drop(socket, TrafficEvent::Cause::OverBudget,
             { QString::number(held), QString::number(m_maxPendingBytes) });
}

void HttpService::onRequest(const QHttpServerRequest &parsed, QTcpSocket *socket)
{
    const auto state = m_sockets.value(socket);
    if (!state)
        return;
    state->requestBytes = socket->bytesAvailable();
    if (!parsed.value("upgrade").isEmpty()) {
        // An upgrade on a connection that already carried HTTP: Qt's parser closes it after
        // this; the client is told why. WebSockets start on a connection of their own.
        HttpReply refused;
        refused.status = 400;
        refused.body = HttpResponder::errorBody(
            HttpResponder::tr("a WebSocket must be opened on a new connection, not one that "
                              "already carried HTTP requests"));
        refused.close = true;
        socket->write(HttpResponder::serialize(refused, false));
        return;
    }
    HttpRequestData request;
    request.method = methodName(parsed.method());
    const QUrl url = parsed.url();
    request.rawPath = url.path(QUrl::FullyEncoded);
    request.target = url.hasQuery()
        ? request.rawPath + QLatin1Char('?') + url.query(QUrl::FullyEncoded)
        : request.rawPath;
    request.query = queryParamsOf(url);
    request.headers = parsed.headers();
    request.body = parsed.body();
    request.peer = socket->peerAddress().toString();

    Pending pending;
    pending.receivedAt = QDateTime::currentMSecsSinceEpoch();
    pending.omitBody = request.method == "HEAD";
    pending.path = url.path(QUrl::FullyDecoded);
    pending.peer = request.peer;
    const qint64 sequence = state->nextSequence++;
    if (m_control) {
        QPointer<QTcpSocket> guard(socket);
        const bool claimed = m_control(request, [this, guard, sequence, pending](HttpReply reply) {
            Pending answered = pending;
            answered.reply = std::move(reply);
            if (guard)
                complete(guard, sequence, std::move(answered));
        });
        if (claimed)
            return;
    }
    pending.reply = HttpResponder::respond(*m_spec, request, m_policy, &m_windows);
    pending.reply.close
        = pending.reply.close || request.header("connection").toLower().contains("close");
    if (m_watched()) {
        auto exchange = std::make_shared<HttpExchange>();
        exchange->method = request.method;
        exchange->target = request.target;
        exchange->requestHeaders = std::move(request.headers);
        exchange->requestBody = std::move(request.body);
        pending.exchange = std::move(exchange);
        for (const QString &expression : std::as_const(pending.reply.missing))
            emit trafficEvent(
                TrafficEvent::missingValue({ 0, pending.path }, pending.reply.rule, expression));
    }
    sendPushes(pending.reply.pushes);
    if (pending.reply.webhook)
        sendWebhook(*pending.reply.webhook);

    if (!pending.reply.fetch.isEmpty())
        fetchExternal(socket, sequence, std::move(pending));
    else
        complete(socket, sequence, std::move(pending));
}

void HttpService::fetchExternal(QTcpSocket *socket, qint64 sequence, Pending pending)
{
    QNetworkReply *reply = network()->get(QNetworkRequest(pending.reply.fetch));
    QPointer<QTcpSocket> guard(socket);
    connect(reply, &QNetworkReply::finished, this,
            [this, reply, guard, sequence, pending = std::move(pending)]() mutable {
                reply->deleteLater();
                if (reply->error() == QNetworkReply::NoError) {
                    pending.reply.body = reply->readAll();
                } else {
                    pending.reply.status = 502;
                    pending.reply.body = HttpResponder::errorBody(
                        HttpResponder::tr("external-body URL %1 failed: %2")
                            .arg(reply->url().toString(), reply->errorString()));
                }
                pending.reply.fetch.clear();
                if (guard)
                    complete(guard, sequence, std::move(pending));
            });
}

void HttpService::sendWebhook(const HttpPlannedWebhook &webhook)
{
    QTimer::singleShot(webhook.sleepMs, this, [this, webhook] {
        QNetworkRequest request(webhook.url);
        for (const auto &[name, value] : webhook.headers)
            request.setRawHeader(name, value);
        QNetworkReply *reply = network()->sendCustomRequest(request, webhook.method, webhook.body);
        connect(reply, &QNetworkReply::finished, this, [this, reply] {
            reply->deleteLater();
            if (reply->error() != QNetworkReply::NoError)
                emit trafficEvent(
                    TrafficEvent::error({}, TrafficEvent::Cause::WebhookFailed,
                                        { reply->url().toString(), reply->errorString() }));
        });
    });
}

void HttpService::sendPushes(const QList<HttpPlannedPush> &pushes)
{
    for (const HttpPlannedPush &push : pushes) {
        if (push.delayMs <= 0) {
            m_push(push.path, push.text);
            continue;
        }
        QTimer::singleShot(push.delayMs, this, [this, push] { m_push(push.path, push.text); });
    }
}

void HttpService::complete(QTcpSocket *socket, qint64 sequence, Pending pending)
{
    const auto state = m_sockets.value(socket);
    if (!state)
        return;
    state->heldBytes += pending.heldBytes();
    if (pending.reply.delayMs > 0) {
        // Kept with the connection, not in the timer: it goes when the connection does.
        const int delay = pending.reply.delayMs;
        pending.reply.delayMs = 0;
        state->delayed.insert(sequence, std::move(pending));
        QPointer<QTcpSocket> guard(socket);
        QTimer::singleShot(delay, this, [this, guard, sequence] {
            const auto waiting = guard ? m_sockets.value(guard) : nullptr;
            if (!waiting || !waiting->delayed.contains(sequence))
                return;
            Pending due = waiting->delayed.take(sequence);
            waiting->heldBytes -= due.heldBytes();
            complete(guard, sequence, std::move(due));
        });
        checkBudget(socket, *state);
        return;
    }
    state->ready.insert(sequence, std::move(pending));
    while (!state->ready.isEmpty() && state->ready.firstKey() == state->nextToWrite) {
        const Pending due = state->ready.take(state->nextToWrite);
        state->heldBytes -= due.heldBytes();
        ++state->nextToWrite;
        write(socket, due);
        if (due.reply.close || socket->state() != QAbstractSocket::ConnectedState)
            return;
    }
    checkBudget(socket, *state);
}

void HttpService::write(QTcpSocket *socket, const Pending &pending)
{
    socket->write(HttpResponder::serialize(pending.reply, pending.omitBody));
    if (pending.reply.close) {
        socket->disconnectFromHost();
    } else if (m_maxPendingBytes > 0 && socket->bytesToWrite() > m_maxPendingBytes) {
        // Requests keep coming and the answers are never read: not buffered without bound.
        if (m_watched())
            emit trafficEvent(TrafficEvent::error({ 0, pending.path },
                                                  TrafficEvent::Cause::SlowReader,
                                                  { QString::number(socket->bytesToWrite()) }));
        socket->abort();
        return;
    }
    if (!pending.exchange || !m_watched())
        return;
    auto exchange = pending.exchange;
    exchange->status = pending.reply.status;
    exchange->responseHeaders = pending.reply.headers;
    exchange->responseBody = pending.omitBody ? QByteArray() : pending.reply.body;
    exchange->durationMs = QDateTime::currentMSecsSinceEpoch() - pending.receivedAt;
    emit trafficEvent(TrafficEvent::httpExchange(pending.peer, pending.path, pending.reply.rule,
                                                 std::move(exchange)));
}

QNetworkAccessManager *HttpService::network()
{
    if (!m_network)
        m_network = new QNetworkAccessManager(this);
    return m_network;
}
