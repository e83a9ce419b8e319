#include "controlapi.h"

#include "asyncspecloader.h"
#include "mockserver.h"
#include "specloader.h"
#include "specrules.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTimer>

namespace {
QString isoTime(qint64 msecs)
{
    return QDateTime::fromMSecsSinceEpoch(msecs, Qt::UTC).toString(Qt::ISODateWithMs);
}

QJsonObject paramsJson(const ParamMap &params)
{
    QJsonObject object;
    for (auto it = params.cbegin(); it != params.cend(); ++it)
        object.insert(it.key(), it.value());
    return object;
}

HttpReply jsonReply(int status, const QJsonObject &object)
{
    HttpReply reply;
    reply.status = status;
    reply.setHeader("Content-Type", "application/json");
    reply.body = QJsonDocument(object).toJson(QJsonDocument::Compact) + '\n';
    return reply;
}

HttpReply errorReply(int status, const QString &message)
{
    HttpReply reply;
    reply.status = status;
    reply.setHeader("Content-Type", "application/json");
    reply.body = HttpResponder::errorBody(message);
    return reply;
}

HttpReply noRoute(const QString &path)
{
    return errorReply(
        404, ControlApi::tr("no control route %1 (see the README's control API)").arg(path));
}

HttpReply methodNotAllowed(const QByteArray &allowed)
{
    HttpReply reply
        = errorReply(405, ControlApi::tr("use %1 here").arg(QString::fromLatin1(allowed)));
    reply.setHeader("Allow", allowed);
    return reply;
}

// The journal filters of a query string; *error says what is wrong with one.
JournalFilter filterOf(const ParamMap &query, QString *error)
{
    JournalFilter filter;
    bool ok = true;
    if (query.contains(QStringLiteral("connection"))) {
        filter.connection = query.value(QStringLiteral("connection")).toULongLong(&ok);
        if (!ok)
            *error = ControlApi::tr("'connection' must be a connection id");
    }
    filter.path = query.value(QStringLiteral("path"));
    filter.direction = query.value(QStringLiteral("direction"));
    if (!filter.direction.isEmpty() && filter.direction != QLatin1String("in")
        && filter.direction != QLatin1String("out"))
        *error = ControlApi::tr("'direction' must be in or out");
    filter.rule = query.value(QStringLiteral("rule"));
    filter.unmatchedOnly = query.value(QStringLiteral("unmatched")) == QLatin1String("true");
    filter.contains = query.value(QStringLiteral("contains"));
    if (query.contains(QStringLiteral("since"))) {
        filter.since = query.value(QStringLiteral("since")).toLongLong(&ok);
        if (!ok || filter.since < 0)
            *error = ControlApi::tr("'since' must be a sequence number");
    }
    if (query.contains(QStringLiteral("limit"))) {
        filter.limit = query.value(QStringLiteral("limit")).toInt(&ok);
        if (!ok || filter.limit < 0)
            *error = ControlApi::tr("'limit' must be a count");
    }
    return filter;
}

bool isBinaryBody(const HttpRequestData &request)
{
    return request.header("content-type").startsWith("application/octet-stream");
}
} // namespace

QJsonObject ControlApi::ConnectionInfo::toJson() const
{
    QJsonObject object {
        { QStringLiteral("id"), qint64(id) },
        { QStringLiteral("path"), path },
        { QStringLiteral("path-params"), paramsJson(pathParams) },
        { QStringLiteral("query-params"), paramsJson(queryParams) },
        { QStringLiteral("peer"), peer },
        { QStringLiteral("subprotocol"), subprotocol },
        { QStringLiteral("opened"), isoTime(opened) },
        { QStringLiteral("state"), closed ? QStringLiteral("closed") : QStringLiteral("open") },
        { QStringLiteral("in"), in },
        { QStringLiteral("out"), out },
    };
    if (closed) {
        object.insert(QStringLiteral("closed"), isoTime(closed));
        object.insert(QStringLiteral("code"), closeCode);
        object.insert(QStringLiteral("reason"), closeReason);
    }
    return object;
}

ControlApi::ControlApi(MockServer *server, QObject *parent)
    : QObject(parent)
    , m_server(server)
    , m_startedAt(QDateTime::currentMSecsSinceEpoch())
{ }

ControlApi::~ControlApi() = default;

bool ControlApi::handle(const HttpRequestData &request, const Respond &respond)
{
    if (!request.rawPath.startsWith(QLatin1String(Prefix)))
        return false;
    if (!m_token.isEmpty() && request.header("authorization") != "Bearer " + m_token.toUtf8()) {
        HttpReply denied = errorReply(401, tr("the control API needs Authorization: Bearer TOKEN"));
        denied.setHeader("WWW-Authenticate", "Bearer");
        respond(std::move(denied));
        return true;
    }
    const QStringList segments
        = request.rawPath.mid(int(qstrlen(Prefix))).split(QLatin1Char('/'), Qt::SkipEmptyParts);
    bool later = false;
    HttpReply reply = route(request, segments, respond, &later);
    if (!later)
        respond(std::move(reply));
    return true;
}

HttpReply ControlApi::route(const HttpRequestData &request, const QStringList &segments,
                            const Respond &respond, bool *later)
{
    const QString first = segments.value(0);
    if (segments.size() == 1 && first == QLatin1String("health"))
        return request.method == "GET" ? health() : methodNotAllowed("GET");
    if (segments.size() == 1 && first == QLatin1String("connections"))
        return request.method == "GET" ? connections() : methodNotAllowed("GET");
    if (first == QLatin1String("messages"))
        return messagesRoute(request, segments, respond, later);
    if (first == QLatin1String("connections") && segments.size() == 3)
        return connectionRoute(request, segments);
    if (segments.size() == 1 && first == QLatin1String("send"))
        return request.method == "POST" ? sendToPath(request) : methodNotAllowed("POST");
    if (segments.size() == 1 && first == QLatin1String("config")) {
        if (request.method != "PUT")
            return methodNotAllowed("PUT");
        *later = true;
        putConfig(request, respond);
        return {};
    }
    return noRoute(request.rawPath);
}

HttpReply ControlApi::messagesRoute(const HttpRequestData &request, const QStringList &segments,
                                    const Respond &respond, bool *later)
{
    const bool waiting = segments.size() == 2 && segments.at(1) == QLatin1String("wait");
    if (segments.size() > 2 || (segments.size() == 2 && !waiting))
        return noRoute(request.rawPath);
    if (!waiting && request.method == "DELETE") {
        m_journal.clear();
        return jsonReply(200, { { QStringLiteral("cleared"), true } });
    }
    if (request.method != "GET")
        return methodNotAllowed(waiting ? "GET" : "GET, DELETE");
    QString error;
    const JournalFilter filter = filterOf(request.query, &error);
    bool ok = true;
    const int timeoutMs
        = request.query.value(QStringLiteral("timeout"), QStringLiteral("30000")).toInt(&ok);
    if (waiting && (!ok || timeoutMs < 0))
        error = tr("'timeout' must be milliseconds");
    if (!error.isEmpty())
        return errorReply(400, error);
    if (!waiting)
        return messages(filter);
    if (!m_journal.find(filter).isEmpty())
        return messages(filter);
    *later = true;
    wait(filter, timeoutMs, respond);
    return {};
}

HttpReply ControlApi::connectionRoute(const HttpRequestData &request, const QStringList &segments)
{
    bool ok = false;
    const quint64 id = segments.at(1).toULongLong(&ok);
    const QString action = segments.at(2);
    if (!ok || (action != QLatin1String("send") && action != QLatin1String("close")))
        return noRoute(request.rawPath);
    if (request.method != "POST")
        return methodNotAllowed("POST");
    return action == QLatin1String("send") ? send(request, id) : close(request, id);
}

HttpReply ControlApi::health() const
{
    return jsonReply(
        200,
        { { QStringLiteral("status"), QStringLiteral("ok") },
          { QStringLiteral("connections"), m_server->connectionCount() },
          { QStringLiteral("http-connections"), m_server->httpConnectionCount() },
          { QStringLiteral("config"), m_server->spec()->fileName },
          { QStringLiteral("uptime-ms"), QDateTime::currentMSecsSinceEpoch() - m_startedAt },
          { QStringLiteral("journal"),
            QJsonObject { { QStringLiteral("size"), qint64(m_journal.size()) },
                          { QStringLiteral("capacity"), qint64(m_journal.capacity()) },
                          { QStringLiteral("dropped"), m_journal.dropped() },
                          { QStringLiteral("last"), m_journal.lastSequence() } } } });
}

HttpReply ControlApi::connections() const
{
    QJsonArray list;
    for (const ConnectionInfo &info : m_connections)
        list.append(info.toJson());
    return jsonReply(200, { { QStringLiteral("connections"), list } });
}

HttpReply ControlApi::messages(const JournalFilter &filter) const
{
    QJsonArray list;
    for (const JournalEntry *entry : m_journal.find(filter))
        list.append(entry->toJson());
    return jsonReply(200,
                     { { QStringLiteral("messages"), list },
                       { QStringLiteral("last"), m_journal.lastSequence() },
                       { QStringLiteral("dropped"), m_journal.dropped() } });
}

void ControlApi::wait(const JournalFilter &filter, int timeoutMs, const Respond &respond)
{
    m_waiters.push_back({ filter, respond, std::make_unique<QTimer>() });
    const auto waiter = std::prev(m_waiters.end());
    waiter->timer->setSingleShot(true);
    // Never before the time asked for (a coarse timer may fire 5% early).
    waiter->timer->setTimerType(Qt::PreciseTimer);
    connect(waiter->timer.get(), &QTimer::timeout, this, [this, waiter, timeoutMs] {
        const Respond late = waiter->respond;
        waiter->timer.release()->deleteLater(); // it is emitting this very signal
        m_waiters.erase(waiter);
        late(errorReply(408, tr("no matching frame within %1 ms").arg(timeoutMs)));
    });
    waiter->timer->start(timeoutMs);
}

void ControlApi::wakeWaiters(const JournalEntry &entry)
{
    for (auto waiter = m_waiters.begin(); waiter != m_waiters.end();) {
        if (!waiter->filter.matches(entry)) {
            ++waiter;
            continue;
        }
        const Respond respond = waiter->respond;
        const JournalFilter filter = waiter->filter;
        waiter = m_waiters.erase(waiter);
        respond(messages(filter));
    }
}

HttpReply ControlApi::send(const HttpRequestData &request, quint64 connectionId)
{
    const bool sent = isBinaryBody(request)
        ? m_server->sendBinaryMessage(connectionId, request.body)
        : m_server->sendMessage(connectionId, QString::fromUtf8(request.body));
    if (!sent)
        return errorReply(404, tr("no open connection %1").arg(connectionId));
    return jsonReply(200, { { QStringLiteral("sent"), 1 } });
}

HttpReply ControlApi::sendToPath(const HttpRequestData &request)
{
    const QString path = request.query.value(QStringLiteral("path"));
    if (path.isEmpty())
        return errorReply(400, tr("say which endpoint: /__mocket/send?path=/ws/..."));
    const int sent = isBinaryBody(request)
        ? m_server->pushBinaryToPath(path, request.body)
        : m_server->pushToPath(path, QString::fromUtf8(request.body));
    return jsonReply(200, { { QStringLiteral("sent"), sent } });
}

HttpReply ControlApi::close(const HttpRequestData &request, quint64 connectionId)
{
    const QJsonObject body = QJsonDocument::fromJson(request.body).object();
    const int code = body.value(QStringLiteral("code")).toInt(1000);
    if (!SpecRules::isSendableCloseCode(code))
        return errorReply(400, tr("%1 is not a close code a server may send").arg(code));
    if (!m_server->closeConnection(connectionId, QWebSocketProtocol::CloseCode(code),
                                   body.value(QStringLiteral("reason")).toString()))
        return errorReply(404, tr("no open connection %1").arg(connectionId));
    return jsonReply(200, { { QStringLiteral("closed"), qint64(connectionId) } });
}

void ControlApi::putConfig(const HttpRequestData &request, const Respond &respond)
{
    const QString fileName = m_server->spec()->fileName.isEmpty() ? QStringLiteral("config.yml")
                                                                  : m_server->spec()->fileName;
    if (!m_loader) {
        m_loader = std::make_unique<AsyncSpecLoader>(AsyncSpecLoader::Backlog::Each);
        connect(m_loader.get(), &AsyncSpecLoader::loaded, this, &ControlApi::onConfigLoaded);
    }
    m_configReplies.insert(m_loader->loadData(request.body, fileName), respond);
}

void ControlApi::onConfigLoaded(const SpecLoadOutcome &outcome)
{
    const Respond respond = m_configReplies.take(outcome.ticket);
    const LoadResult &result = outcome.result;
    QJsonArray diagnostics;
    for (const Diagnostic &diagnostic : result.diagnostics)
        diagnostics.append(QJsonObject {
            { QStringLiteral("file"), diagnostic.file },
            { QStringLiteral("line"), diagnostic.line },
            { QStringLiteral("column"), diagnostic.column },
            { QStringLiteral("severity"),
              diagnostic.isError() ? QStringLiteral("error") : QStringLiteral("warning") },
            { QStringLiteral("message"), diagnostic.message },
            { QStringLiteral("text"), diagnostic.toString() } });
    if (result.ok()) {
        MockSpecPtr replaced = m_server->spec();
        m_server->setSpec(result.spec);
        m_loader->dispose(std::move(replaced));
    }
    if (respond)
        respond(jsonReply(result.ok() ? 200 : 422,
                          { { QStringLiteral("applied"), result.ok() },
                            { QStringLiteral("diagnostics"), diagnostics } }));
}

void ControlApi::onEvent(const TrafficEvent &event)
{
    noteConnection(event);
    if (const JournalEntry *entry = m_journal.add(event, missesOf(event)))
        wakeWaiters(*entry);
}

// An incoming frame no rule answered: why each rule of its endpoint did not, worked out
// against the spec that just refused it.
QList<std::pair<QString, PatternMiss>> ControlApi::missesOf(const TrafficEvent &event) const
{
    using Kind = TrafficEvent::Kind;
    const bool unmatched
        = event.kind == Kind::Unmatched || (event.kind == Kind::Binary && event.rule.isEmpty());
    const MockSpecPtr spec = m_server->spec();
    const Endpoint *endpoint = unmatched && spec ? spec->route(event.path) : nullptr;
    if (!endpoint)
        return {};
    const QList<PatternMiss> misses = event.kind == Kind::Binary
        ? endpoint->explainBinaryMisses(event.data)
        : endpoint->explainMisses(IncomingMessage(event.payload));
    QList<std::pair<QString, PatternMiss>> labelled;
    for (qsizetype index = 0; index < misses.size(); ++index)
        labelled.append({ endpoint->rules.at(index).label(), misses.at(index) });
    return labelled;
}

void ControlApi::noteConnection(const TrafficEvent &event)
{
    using Kind = TrafficEvent::Kind;
    if (event.kind == Kind::Opened) {
        ConnectionInfo info;
        info.id = event.connectionId;
        info.path = event.path;
        info.pathParams = event.pathParams;
        info.queryParams = event.queryParams;
        info.peer = event.peer;
        info.subprotocol = event.subprotocol;
        info.opened = event.timestamp;
        m_connections.insert(event.connectionId, info);
        return;
    }
    const auto it = m_connections.find(event.connectionId);
    if (it == m_connections.end())
        return;
    if (event.kind == Kind::Closed) {
        it->closed = event.timestamp;
        it->closeCode = event.closeCode;
        it->closeReason = event.closeReason;
        m_closedOrder.append(event.connectionId);
        while (m_closedOrder.size() > ClosedKept)
            m_connections.remove(m_closedOrder.takeFirst());
    } else if (event.kind == Kind::Sent) {
        ++it->out;
    } else if (event.kind == Kind::Received || event.kind == Kind::Unmatched
               || event.kind == Kind::Binary) {
        ++it->in;
    }
}
