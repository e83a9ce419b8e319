#include "mockserver.h"
#include "serveroptions.h"

#include "directwritesocket.h"
#include "eventtext.h"
#include "handshakerequest.h"
#include "controlapi.h"
#include "httpservice.h"
#include "proxylink.h"
#include "tlskeypair.h"
#include "tlsserver.h"

#include <QElapsedTimer>
#include <QHash>
#include <QMetaMethod>
#include <QNetworkRequest>
#include <QFile>
#include <QSslCertificate>
#include <QSslKey>
#include <QSslSocket>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>
#include <QWebSocket>
#include <QWebSocketServer>

#include <deque>
#include <map>

namespace {
constexpr int StopGraceMs = 2000;
constexpr qsizetype DirectFrameLimit = 64 * 1024; // UTF-16 units
// Matching time a connection may use before its next messages wait for a later event-loop
// pass, so that one client's slow patterns never keep the others waiting longer than this.
constexpr qint64 MatchSliceNs = 10'000'000;

qint64 monotonicMs()
{
    return QDeadlineTimer::current().deadline();
}

TrafficReach reachOf(Audience audience)
{
    switch (audience) {
    case Audience::Endpoint:
        return TrafficReach::Endpoint;
    case Audience::Others:
        return TrafficReach::Others;
    default:
        return TrafficReach::Sender;
    }
}
} // namespace

// A reply's frame, rendered when the message came, waiting until it is due.
struct MockServer::OutFrame
{
    int at = 0; // ms from now
    int delay = 0;
    bool binary = false;
    QString text;
    QByteArray data;
    // On a preset endpoint: framed for each recipient by its session (binary frames never).
    bool framed = false;
    Protocols::Framing framing;
    ParamMap protocol;

    qint64 heldBytes() const { return text.size() * qint64(sizeof(QChar)) + data.size(); }
};

// A frame a delay holds back, or the close that follows a reply's frames.
struct MockServer::DelayQueueItem
{
    OutFrame frame;
    QList<quint64> recipients;
    QString label;
    TrafficDelivery delivery;
    int closeCode = 0; // a close rather than a frame
    QString closeReason;
    // Work that waits for the frames before it (a preset's complete after a delayed reply):
    // run in its turn instead of sending frame.
    std::function<void()> then;
};

// A connection's delayed replies, by when they are due (equal times in the order queued):
// they count towards what it holds and go with it.
struct MockServer::DelayQueue
{
    std::multimap<qint64, DelayQueueItem> items; // by due time, ms on the monotonic clock
    QTimer timer; // single shot, at the first item's time
    qint64 bytes = 0;
};

// A message, text or binary, as it came.
struct MockServer::Inbound
{
    bool binary = false;
    QString text;
    QByteArray data;

    qint64 heldBytes() const { return text.size() * qint64(sizeof(QChar)) + data.size(); }
};

// Messages that wait for their turn to be matched, in the order they came.
struct MockServer::Inbox
{
    std::deque<Inbound> messages;
    qint64 bytes = 0;
    bool workQueued = false;
};

MockServer::MockServer(QObject *parent)
    : QObject(parent)
    , m_ws(new QWebSocketServer(QStringLiteral("Mocket"), QWebSocketServer::NonSecureMode, this))
    , m_spec(std::make_shared<MockSpec>())
{
    qRegisterMetaType<TrafficEvent>();
    m_http = new HttpService(
        [this](const QString &path, const QString &text) { return pushToPath(path, text); },
        [this] { return watched(); }, this);
    connect(m_http, &HttpService::trafficEvent, this, &MockServer::trafficEvent);
    m_http->policy().maxBodySize = DefaultMaxBodySize;
    m_http->setMaxPendingBytes(DefaultMaxPendingBytes);
    createListener();
    // Qt answers pings by itself; a client that floods pings and never reads is caught here.
    m_sweep.setInterval(250);
    connect(&m_sweep, &QTimer::timeout, this, [this] {
        // A client that never sends its request head (a slowloris) is dropped.
        QList<QTcpSocket *> late;
        for (auto it = m_pending.cbegin(); it != m_pending.cend(); ++it) {
            if (it.value().hasExpired())
                late.append(it.key());
        }
        for (QTcpSocket *socket : std::as_const(late)) {
            m_pending.remove(socket);
            socket->abort();
            socket->deleteLater();
        }
        // Sockets whose handshake QWebSocketServer refused are gone.
        for (auto it = m_handedOver.begin(); it != m_handedOver.end();)
            it = it.value() ? std::next(it) : m_handedOver.erase(it);
        for (auto &[id, connection] : m_connections) {
            if (connection->socket->bytesToWrite() > m_maxPendingBytes)
                dropSlowReader(connection.get());
        }
        enforceTotalBudget();
    });
    m_ws->setMaxPendingConnections(1024);
    m_ws->setHandshakeTimeout(m_handshakeTimeout);
    connect(m_ws, &QWebSocketServer::newConnection, this, &MockServer::onWebSocketConnection);
    connect(m_ws, &QWebSocketServer::serverError, this, [this](QWebSocketProtocol::CloseCode) {
        if (watched())
            emit trafficEvent(TrafficEvent::refused({}, TrafficEvent::Cause::BadHandshake, 0,
                                                    { m_ws->errorString() }));
    });
}

MockServer::~MockServer()
{
    for (auto &[id, connection] : m_connections)
        connection->socket->disconnect(this);
}

void MockServer::setMaxMessageSize(qint64 bytes)
{
    m_maxMessageSize = bytes;
    for (auto &[id, connection] : m_connections) {
        connection->socket->setMaxAllowedIncomingMessageSize(quint64(bytes));
        connection->socket->setMaxAllowedIncomingFrameSize(quint64(bytes));
    }
}

void MockServer::setHandshakeTimeout(int ms)
{
    m_handshakeTimeout = ms;
    m_ws->setHandshakeTimeout(ms);
    if (auto *tls = qobject_cast<TlsServer *>(m_tcp))
        tls->setHandshakeTimeout(ms);
}

void MockServer::setMaxConnections(int count)
{
    m_maxConnections = std::max(0, count);
}

void MockServer::setAllowedOrigins(const QStringList &origins)
{
    m_allowedOrigins = origins;
    m_http->policy().allowedOrigins = origins;
}

void MockServer::setMaxPendingBytes(qint64 bytes)
{
    m_maxPendingBytes = bytes;
    m_http->setMaxPendingBytes(bytes);
}

void MockServer::setTlsConfiguration(const QSslConfiguration &configuration)
{
    if (configuration.isNull())
        m_tls.reset();
    else
        m_tls = configuration;
}

bool MockServer::applyOptions(const ServerOptions &options, QString *error)
{
    if (const QString problem = options.controlProblem(); !problem.isEmpty()) {
        *error = problem;
        return false;
    }
    std::optional<QSslConfiguration> tls;
    if (!options.loadTls(&tls, error))
        return false;
    m_tls = std::move(tls);
    setMaxMessageSize(options.maxMessageSize);
    setMaxConnections(options.maxConnections);
    setAllowedOrigins(options.allowedOrigins);
    setHandshakeTimeout(options.handshakeTimeoutMs);
    setMaxPendingBytes(options.maxPendingBytes);
    setMaxTotalPendingBytes(options.maxTotalPendingBytes);
    setMaxBodySize(options.maxBodySize);
    setCors(options.cors);
    setControl(options.control, options.controlToken, options.journalCapacity);
    return true;
}

void MockServer::createListener()
{
    if (m_tcp)
        m_tcp->deleteLater();
    if (!m_tls) {
        m_tcp = new DirectWriteServer(this);
    } else {
        // The TLS handshake happens first; the decrypted request is then inspected and
        // upgraded exactly as on plain ws://.
        auto *tls = new TlsServer(this);
        tls->setSslConfiguration(*m_tls);
        tls->setHandshakeTimeout(m_handshakeTimeout);
        const auto report
            = [this](const QString &peer, TrafficEvent::Cause cause, const QStringList &details) {
                  if (watched())
                      emit trafficEvent(TrafficEvent::refused(peer, cause, 0, details));
              };
        connect(tls, &TlsServer::handshakeFailed, this,
                [report](const QString &peer, const QString &reason) {
                    report(peer, TrafficEvent::Cause::TlsHandshakeFailed, { reason });
                });
        connect(tls, &TlsServer::handshakeTimedOut, this, [report](const QString &peer) {
            report(peer, TrafficEvent::Cause::TlsTimedOut, {});
        });
        connect(tls, &TlsServer::notTlsClient, this,
                [report](const QString &peer) { report(peer, TrafficEvent::Cause::NotTls, {}); });
        m_tcp = tls;
    }
    // QTcpServer's default backlog and pending queue are small; a burst of clients (a test
    // suite starting up) must not wait on them.
    m_tcp->setListenBacklogSize(1024);
    m_tcp->setMaxPendingConnections(1024);
    // pendingConnectionAvailable, not newConnection: a TlsServer emits it only once the TLS
    // handshake is done and the socket is ready for nextPendingConnection().
    connect(m_tcp, &QTcpServer::pendingConnectionAvailable, this, &MockServer::onTcpConnection);
}

bool MockServer::isListening() const
{
    return m_tcp->isListening();
}

QHostAddress MockServer::serverAddress() const
{
    return m_tcp->serverAddress();
}

quint16 MockServer::serverPort() const
{
    return m_tcp->serverPort();
}

QUrl MockServer::url() const
{
    QUrl address;
    address.setScheme(isSecure() ? QStringLiteral("wss") : QStringLiteral("ws"));
    address.setHost(m_tcp->serverAddress().toString());
    address.setPort(m_tcp->serverPort());
    return address;
}

QList<quint64> MockServer::connectionIds() const
{
    QList<quint64> ids;
    for (const auto &[id, connection] : m_connections)
        ids.append(id);
    std::sort(ids.begin(), ids.end());
    return ids;
}

bool MockServer::start(const QHostAddress &address, quint16 port)
{
    if (m_tcp->isListening()) {
        m_errorString = tr("The server is already listening on %1.").arg(url().toString());
        emit startFailed(m_errorString);
        return false;
    }
    if (m_stopping)
        finishStop();
    if (m_tls.has_value() != (qobject_cast<TlsServer *>(m_tcp) != nullptr))
        createListener();
    if (!m_tcp->listen(address, port)) {
        const QString where = address.protocol() == QAbstractSocket::IPv6Protocol
            ? QStringLiteral("[%1]:%2").arg(address.toString()).arg(port)
            : QStringLiteral("%1:%2").arg(address.toString()).arg(port);
        if (m_tcp->serverError() == QAbstractSocket::AddressInUseError)
            m_errorString
                = tr("Cannot listen on %1: the port is already in use (is another server running?)")
                      .arg(where);
        else
            m_errorString = tr("Cannot listen on %1: %2").arg(where, m_tcp->errorString());
        emit startFailed(m_errorString);
        return false;
    }
    m_errorString.clear();
    m_sweep.start();
    restartBroadcastStreams();
    emit started(url());
    return true;
}

void MockServer::stop()
{
    if (!m_tcp->isListening() && !m_stopping)
        return;
    m_tcp->close();
    if (auto *tls = qobject_cast<TlsServer *>(m_tcp))
        tls->dropHandshakes();
    m_broadcasts.clear();
    for (QTcpSocket *socket : m_pending.keys()) {
        socket->abort();
        socket->deleteLater();
    }
    m_pending.clear();
    m_handedOver.clear();
    m_http->closeAll();
    if (m_connections.empty()) {
        m_stopping = true;
        finishStop();
        return;
    }
    m_stopping = true;
    const int generation = ++m_stopGeneration;
    // close() may end a connection at once and erase it from m_connections.
    QList<QWebSocket *> sockets;
    for (auto &[id, connection] : m_connections)
        sockets.append(connection->socket);
    for (QWebSocket *socket : std::as_const(sockets))
        socket->close(QWebSocketProtocol::CloseCodeGoingAway, tr("server stopping"));
    QTimer::singleShot(StopGraceMs, this, [this, generation] {
        if (m_stopping && generation == m_stopGeneration)
            finishStop();
    });
}

void MockServer::finishStop()
{
    if (!m_stopping || m_finishingStop)
        return;
    m_finishingStop = true;
    // Clients that did not answer the close handshake in time are cut off.
    const QList<quint64> ids = connectionIds();
    for (quint64 id : ids) {
        const auto it = m_connections.find(id);
        if (it != m_connections.end())
            it->second->socket->abort();
    }
    while (!m_connections.empty())
        onDisconnected(m_connections.begin()->second.get());
    m_stopping = false;
    m_finishingStop = false;
    m_sweep.stop();
    m_broadcasts.clear();
    ++m_stopGeneration;
    emit stopped();
}

void MockServer::setSpec(MockSpecPtr spec)
{
    if (!spec)
        spec = std::make_shared<MockSpec>();
    m_spec = std::move(spec);
    m_http->setSpec(m_spec);
    for (auto &[path, conversation] : m_conversations)
        conversation.sequenceMatches.clear();
    QList<QWebSocket *> orphans;
    for (auto &[id, connection] : m_connections) {
        ParamMap params;
        const Endpoint *endpoint = m_spec->route(connection->rawPath, &params);
        if (!endpoint || endpoint->protocol != connection->protocol) {
            connection->endpoint = -1;
            orphans.append(connection->socket);
            continue;
        }
        connection->endpoint = m_spec->endpointIndex(endpoint);
        connection->pathParams = std::move(params);
        connection->conversation = conversationOf(connection->endpoint);
        // Rules may have moved: sequences start again; state, values and streams stay.
        connection->sequenceMatches.clear();
        startStreams(connection.get());
    }
    for (QWebSocket *socket : std::as_const(orphans))
        socket->close(QWebSocketProtocol::CloseCodeGoingAway,
                      tr("endpoint removed from the config"));
    restartBroadcastStreams();
    updateSubprotocols();
    emit specChanged();
}

bool MockServer::watched() const
{
    static const QMetaMethod signal = QMetaMethod::fromSignal(&MockServer::trafficEvent);
    return isSignalConnected(signal);
}

TrafficEvent::Source MockServer::sourceOf(const Connection *connection)
{
    return { connection->id, connection->path };
}

void MockServer::emitSent(const Connection *connection, const QString &text, const QString &rule,
                          const TrafficDelivery &delivery)
{
    emit trafficEvent(TrafficEvent::sent(sourceOf(connection), text, rule, delivery));
}

void MockServer::emitMissing(const Connection *connection, const QString &rule,
                             const QStringList &missing)
{
    for (const QString &expression : missing)
        emit trafficEvent(TrafficEvent::missingValue(sourceOf(connection), rule, expression));
}

void MockServer::onTcpConnection()
{
    while (QTcpSocket *socket = m_tcp->nextPendingConnection()) {
        if (m_stopping) {
            socket->abort();
            socket->deleteLater();
            continue;
        }
        if (m_maxConnections > 0
            && int(m_connections.size()) + int(m_pending.size()) + m_http->connectionCount()
                >= m_maxConnections) {
            refuse(socket, HandshakeVerdict::overCapacity(m_maxConnections));
            continue;
        }
        // Checked by the sweep rather than a timer per socket: a timer would outlive the
        // handshake and cost every connection.
        m_pending.insert(socket, QDeadlineTimer(m_handshakeTimeout));
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] { inspectRequest(socket); });
        connect(socket, &QTcpSocket::disconnected, this, [this, socket] {
            if (m_pending.remove(socket))
                socket->deleteLater();
        });
        // Over TLS the request may have arrived with the end of the handshake, before now.
        if (socket->bytesAvailable() > 0)
            QMetaObject::invokeMethod(
                this, [this, socket] { inspectRequest(socket); }, Qt::QueuedConnection);
    }
}

void MockServer::inspectRequest(QTcpSocket *socket)
{
    if (!m_pending.contains(socket))
        return;
    // Decided on the whole request head: path, method and Origin, all before any upgrade.
    const qint64 received = socket->bytesAvailable();
    const QByteArray head = socket->peek(std::min<qint64>(received, HandshakeRequest::MaxHead));
    const HandshakeRequest request = HandshakeRequest::parse(head, received);
    const HandshakeVerdict verdict = request.verdict(
        { m_spec.get(), m_ws->supportedSubprotocols(), m_allowedOrigins,
          !m_spec->httpEndpoints.isEmpty() || m_control, m_http->policy().maxBodySize });
    switch (verdict.outcome) {
    case HandshakeVerdict::Outcome::Wait:
        return;
    case HandshakeVerdict::Outcome::Refuse:
        refuse(socket, verdict);
        return;
    case HandshakeVerdict::Outcome::Upgrade:
        handOver(socket, request);
        return;
    case HandshakeVerdict::Outcome::Http:
        handToHttp(socket);
        return;
    }
}

void MockServer::handOver(QTcpSocket *socket, const HandshakeRequest &request)
{
    m_pending.remove(socket);
    disconnect(socket, nullptr, this, nullptr);
    if (dynamic_cast<DirectWriteSocket *>(socket))
        m_handedOver.insert(socket->peerPort(), socket);
    if (!holdForUpstream(socket, request))
        m_ws->handleConnection(socket);
}

void MockServer::handToHttp(QTcpSocket *socket)
{
    m_pending.remove(socket);
    disconnect(socket, nullptr, this, nullptr);
    m_http->take(socket);
}

void MockServer::refuse(QTcpSocket *socket, const HandshakeVerdict &verdict)
{
    const QString peer = acceptedPeer(socket);
    m_pending.remove(socket);
    disconnect(socket, nullptr, this, nullptr);
    const QByteArray body = EventText::cause(verdict.cause, verdict.details).toUtf8() + '\n';
    socket->write("HTTP/1.1 " + QByteArray::number(verdict.status) + ' ' + verdict.statusText()
                  + "\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: "
                  + QByteArray::number(body.size()) + "\r\nConnection: close\r\n"
                  + verdict.extraHeaders + "\r\n" + body);
    socket->disconnectFromHost();
    if (socket->state() == QAbstractSocket::UnconnectedState)
        socket->deleteLater();
    else
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
    if (watched())
        emit trafficEvent(
            TrafficEvent::refused(peer, verdict.cause, verdict.status, verdict.details));
}

void MockServer::onWebSocketConnection()
{
    while (QWebSocket *socket = m_ws->nextPendingConnection())
        setUpConnection(socket);
}

void MockServer::setUpConnection(QWebSocket *socket, ProxyLink *link)
{
    socket->setParent(this);
    const QUrl url = socket->requestUrl();
    const QString rawPath = url.path(QUrl::FullyEncoded);
    ParamMap pathParams;
    const Endpoint *endpoint = m_stopping ? nullptr : m_spec->route(rawPath, &pathParams);
    if (!endpoint) {
        // The spec changed (or the server began stopping) during the handshake.
        socket->close(QWebSocketProtocol::CloseCodeGoingAway, tr("no endpoint serves this path"));
        connect(socket, &QWebSocket::disconnected, socket, &QObject::deleteLater);
        if (link)
            link->deleteLater();
        return;
    }

    auto owned = std::make_unique<Connection>();
    Connection *connection = owned.get();
    connection->id = ++m_nextId;
    connection->socket = socket;
    connection->rawPath = rawPath;
    connection->path = url.path(QUrl::FullyDecoded);
    connection->pathParams = std::move(pathParams);
    connection->endpoint = m_spec->endpointIndex(endpoint);
    connection->conversation = conversationOf(connection->endpoint);
    connection->queryParams = queryParamsOf(url);
    connection->handshake = socket->request();
    connection->direct = takeHandedOver(socket);
    m_connections.emplace(connection->id, std::move(owned));
    watchConnection(connection);

    if (watched())
        emit trafficEvent(TrafficEvent::opened(
            sourceOf(connection), peerText(socket->peerAddress(), socket->peerPort()),
            connection->pathParams, connection->queryParams, socket->subprotocol(),
            TrafficHandshake::of(url, connection->handshake)));
    emit connectionCountChanged(connectionCount());

    if (endpoint->proxy) {
        const quint64 id = connection->id;
        linkUpstream(connection, *endpoint->proxy, link);
        // An upstream already gone takes its client with it, at once.
        if (m_connections.find(id) == m_connections.end())
            return;
    } else if (link) {
        link->deleteLater();
    }
    startStreams(connection);
    if (endpoint->protocol != Protocols::Kind::None)
        startSession(connection, *endpoint);
    else
        greet(connection, *endpoint);
}

QTcpSocket *MockServer::takeHandedOver(const QWebSocket *socket)
{
    QTcpSocket *direct = nullptr;
    for (auto it = m_handedOver.find(socket->peerPort());
         it != m_handedOver.end() && it.key() == socket->peerPort();) {
        if (it.value() && it.value()->peerAddress() == socket->peerAddress()) {
            direct = it.value();
            it = m_handedOver.erase(it);
        } else if (!it.value()) {
            it = m_handedOver.erase(it);
        } else {
            ++it;
        }
    }
    return direct;
}

void MockServer::watchConnection(Connection *connection)
{
    QWebSocket *socket = connection->socket;
    socket->setMaxAllowedIncomingMessageSize(quint64(m_maxMessageSize));
    socket->setMaxAllowedIncomingFrameSize(quint64(m_maxMessageSize));
    connect(socket, &QWebSocket::textMessageReceived, this,
            [this, connection](const QString &text) {
                receive(connection, { false, text, {} });
            });
    connect(socket, &QWebSocket::binaryMessageReceived, this,
            [this, connection](const QByteArray &data) {
                receive(connection, { true, {}, data });
            });
    connect(socket, &QWebSocket::disconnected, this,
            [this, connection] { onDisconnected(connection); });
    connect(socket, qOverload<QAbstractSocket::SocketError>(&QWebSocket::error), this,
            [this, connection](QAbstractSocket::SocketError error) {
                if (error == QAbstractSocket::RemoteHostClosedError || !watched())
                    return;
                emit trafficEvent(TrafficEvent::error(sourceOf(connection),
                                                      TrafficEvent::Cause::SocketError,
                                                      { connection->socket->errorString() }));
            });
}

void MockServer::greet(Connection *connection, const Endpoint &endpoint, const ParamMap *protocol)
{
    static const QString greetingLabel = QStringLiteral("on-connect");
    if (endpoint.greeting && endpoint.greetingReply.isPlain() && !connection->session) {
        replyPlainly(connection, *endpoint.greeting, contextFor(connection, nullptr, nullptr),
                     greetingLabel);
    } else if (endpoint.greeting || !endpoint.greetingReply.isPlain()) {
        TemplateContext context = contextFor(connection, nullptr, nullptr);
        context.protocol = protocol;
        deliver(connection, endpoint.greetingReply,
                endpoint.greeting ? &*endpoint.greeting : nullptr, context, greetingLabel);
    }
}

void MockServer::replyPlainly(Connection *connection, const Template &response,
                              const TemplateContext &context, const QString &label)
{
    const bool logging = watched();
    QStringList missing;
    const QString text = response.render(context, logging ? &missing : nullptr);
    send(connection, text);
    if (logging) {
        emitMissing(connection, label, missing);
        emitSent(connection, text, label);
    }
}

QList<MockServer::OutFrame> MockServer::renderReply(const Reply &reply, const Template *response,
                                                    const TemplateContext &context,
                                                    QStringList *missing)
{
    QList<OutFrame> frames;
    if (!reply.frames.isEmpty()) {
        int at = 0;
        for (const ReplyFrame &frame : reply.frames) {
            const int delay = frame.delay.pick();
            at += delay;
            frames.append({ at,
                            delay,
                            frame.isBinary,
                            frame.isBinary ? QString() : frame.text.render(context, missing),
                            frame.binary,
                            false,
                            {},
                            {} });
        }
    } else if (response) {
        const int delay = reply.delay.pick();
        frames.append(
            { delay, delay, false, response->render(context, missing), {}, false, {}, {} });
    }
    return frames;
}

QList<quint64> MockServer::recipientsOf(const Connection *connection, Audience audience) const
{
    if (audience == Audience::Sender)
        return { connection->id };
    return connectionsOf(connection->endpoint, audience == Audience::Others ? connection->id : 0);
}

QList<quint64> MockServer::connectionsOf(int endpoint, quint64 except) const
{
    QList<quint64> ids;
    for (const auto &[id, connection] : m_connections) {
        if (connection->endpoint == endpoint && id != except)
            ids.append(id);
    }
    std::sort(ids.begin(), ids.end());
    return ids;
}

int MockServer::deliver(Connection *connection, const Reply &reply, const Template *response,
                        const TemplateContext &context, const QString &label)
{
    const bool logging = watched();
    // Everything is rendered now, while the message is at hand, and sent when due.
    QStringList missing;
    QList<OutFrame> frames = renderReply(reply, response, context, logging ? &missing : nullptr);
    if (logging)
        emitMissing(connection, label, missing);
    if (connection->session) {
        for (OutFrame &frame : frames) {
            frame.framed = !frame.binary;
            frame.framing = reply.framing;
            frame.protocol = context.protocol ? *context.protocol : ParamMap();
        }
    }

    const QList<quint64> recipients = recipientsOf(connection, reply.to);
    TrafficDelivery delivery;
    delivery.reach = reachOf(reply.to);
    delivery.recipients = recipients.size();
    const qint64 now = monotonicMs();
    for (const OutFrame &frame : frames) {
        if (frame.at == 0) {
            sendFrame(recipients, frame, label, delivery);
            continue;
        }
        DelayQueueItem item;
        item.frame = frame;
        item.recipients = recipients;
        item.label = label;
        item.delivery = delivery;
        queueDelayed(connection, now + frame.at, std::move(item));
    }
    if (reply.closeCode) {
        // After the frames, including those sent right now.
        DelayQueueItem close;
        close.closeCode = reply.closeCode;
        close.closeReason = reply.closeReason;
        queueDelayed(connection, now + (frames.isEmpty() ? 0 : frames.constLast().at),
                     std::move(close));
    }
    if (connection->delays)
        checkBudget(connection);
    return frames.isEmpty() ? 0 : frames.constLast().at;
}

void MockServer::queueDelayed(Connection *connection, qint64 due, DelayQueueItem item)
{
    if (connection->dropping)
        return;
    if (!connection->delays) {
        connection->delays = std::make_unique<DelayQueue>();
        QTimer &timer = connection->delays->timer;
        timer.setSingleShot(true);
        timer.setTimerType(Qt::PreciseTimer);
        connect(&timer, &QTimer::timeout, this,
                [this, id = connection->id] { sendDueDelayed(id); });
    }
    DelayQueue &queue = *connection->delays;
    queue.bytes += item.frame.heldBytes();
    const bool first = queue.items.empty() || due < queue.items.begin()->first;
    queue.items.emplace(due, std::move(item)); // after those due at the same time
    if (first)
        queue.timer.start(int(std::max<qint64>(0, due - monotonicMs())));
}

void MockServer::sendDueDelayed(quint64 connectionId)
{
    const auto it = m_connections.find(connectionId);
    if (it == m_connections.end() || !it->second->delays)
        return;
    DelayQueue &queue = *it->second->delays;
    const qint64 now = monotonicMs();
    std::vector<DelayQueueItem> due;
    while (!queue.items.empty() && queue.items.begin()->first <= now) {
        due.push_back(std::move(queue.items.begin()->second));
        queue.bytes -= due.back().frame.heldBytes();
        queue.items.erase(queue.items.begin());
    }
    if (!queue.items.empty())
        queue.timer.start(int(std::max<qint64>(0, queue.items.begin()->first - now)));
    // The queue is not touched from here on: sending may drop its connection.
    for (const DelayQueueItem &item : due) {
        if (item.then) {
            item.then();
            continue;
        }
        if (item.closeCode == 0) {
            sendFrame(item.recipients, item.frame, item.label, item.delivery);
            continue;
        }
        // From the event loop, after what was just sent: closing may end the connection.
        QMetaObject::invokeMethod(
            this,
            [this, connectionId, code = item.closeCode, reason = item.closeReason] {
                const auto open = m_connections.find(connectionId);
                if (open != m_connections.end())
                    open->second->socket->close(QWebSocketProtocol::CloseCode(code), reason);
            },
            Qt::QueuedConnection);
    }
}

void MockServer::sendFrame(const QList<quint64> &recipients, const OutFrame &frame,
                           const QString &label, TrafficDelivery delivery)
{
    delivery.delayMs = frame.delay;
    for (quint64 id : recipients) {
        const auto it = m_connections.find(id);
        if (it == m_connections.end() || it->second->dropping)
            continue; // gone while the frame waited
        Connection *target = it->second.get();
        if (frame.binary) {
            target->socket->sendBinaryMessage(frame.data);
            if (watched())
                emit trafficEvent(
                    TrafficEvent::sentBinary(sourceOf(target), frame.data, label, delivery));
            continue;
        }
        const QStringList texts = frame.framed
            ? framed(target, frame.text, frame.framing, frame.protocol)
            : QStringList { frame.text };
        for (const QString &text : texts) {
            send(target, text);
            if (watched())
                emitSent(target, text, label, delivery);
        }
    }
}

void MockServer::send(Connection *connection, const QString &text)
{
    // Up to 64 KiB, one frame written straight to the plain socket costs a fraction of what
    // QWebSocket::sendTextMessage does; larger messages are left to QWebSocket (which splits
    // them into frames as clients expect), and so is everything over TLS.
    if (connection->direct && text.size() <= DirectFrameLimit
        && connection->socket->state() == QAbstractSocket::ConnectedState)
        static_cast<DirectWriteSocket *>(connection->direct)->writeTextFrame(text);
    else
        connection->socket->sendTextMessage(text);
    if (connection->socket->bytesToWrite() > m_maxPendingBytes)
        dropSlowReader(connection);
}

void MockServer::dropSlowReader(Connection *connection)
{
    dropConnection(connection, TrafficEvent::Cause::SlowReader,
                   { QString::number(connection->socket->bytesToWrite()) },
                   QWebSocketProtocol::CloseCodePolicyViolated);
}

void MockServer::dropConnection(Connection *connection, TrafficEvent::Cause cause,
                                const QStringList &details, QWebSocketProtocol::CloseCode code)
{
    if (connection->dropping)
        return;
    connection->dropping = true;
    // Freed now; the (empty) queues go with the connection.
    if (connection->delays) {
        connection->delays->timer.stop();
        connection->delays->items.clear();
        connection->delays->bytes = 0;
    }
    if (connection->inbox) {
        std::deque<Inbound>().swap(connection->inbox->messages);
        connection->inbox->bytes = 0;
    }
    if (watched())
        emit trafficEvent(TrafficEvent::error(sourceOf(connection), cause, details));
    // From the event loop: callers still use the connection. A client that reads is told
    // why; one that does not is cut off, as a close frame would wait behind what it left.
    QWebSocket *socket = connection->socket;
    if (socket->bytesToWrite() > 0) {
        QMetaObject::invokeMethod(socket, &QWebSocket::abort, Qt::QueuedConnection);
        return;
    }
    const QString reason = cause == TrafficEvent::Cause::TotalBudget
        ? tr("the server holds too much for its clients")
        : tr("too much waits for this connection");
    QMetaObject::invokeMethod(
        socket, [socket, code, reason] { socket->close(code, reason); }, Qt::QueuedConnection);
}

qint64 MockServer::heldBy(const Connection &connection)
{
    return connection.socket->bytesToWrite() + (connection.delays ? connection.delays->bytes : 0)
        + (connection.inbox ? connection.inbox->bytes : 0);
}

void MockServer::checkBudget(Connection *connection)
{
    const qint64 held = heldBy(*connection);
    if (m_maxPendingBytes > 0 && held > m_maxPendingBytes)
        dropConnection(connection, TrafficEvent::Cause::OverBudget,
                       { QString::number(held), QString::number(m_maxPendingBytes) },
                       QWebSocketProtocol::CloseCodePolicyViolated);
}

void MockServer::enforceTotalBudget()
{
    if (m_maxTotalPendingBytes <= 0)
        return;
    struct Holder
    {
        qint64 bytes = 0;
        Connection *connection = nullptr; // or an HTTP one:
        QTcpSocket *http = nullptr;
    };
    std::vector<Holder> holders;
    qint64 total = 0;
    for (auto &[id, connection] : m_connections) {
        const qint64 held = connection->dropping ? 0 : heldBy(*connection);
        if (held > 0)
            holders.push_back({ held, connection.get(), nullptr });
        total += held;
    }
    m_http->forEachHolder([&holders, &total](QTcpSocket *socket, qint64 held) {
        holders.push_back({ held, nullptr, socket });
        total += held;
    });
    if (total <= m_maxTotalPendingBytes)
        return;
    std::sort(holders.begin(), holders.end(),
              [](const Holder &a, const Holder &b) { return a.bytes > b.bytes; });
    const QString all = QString::number(total);
    const QString limit = QString::number(m_maxTotalPendingBytes);
    for (const Holder &holder : holders) {
        if (total <= m_maxTotalPendingBytes)
            break;
        total -= holder.bytes;
        const QStringList details = { QString::number(holder.bytes), all, limit };
        if (holder.connection)
            dropConnection(holder.connection, TrafficEvent::Cause::TotalBudget, details,
                           QWebSocketProtocol::CloseCodePolicyViolated);
        else
            m_http->drop(holder.http, TrafficEvent::Cause::TotalBudget, details);
    }
}

qint64 MockServer::heldBytes() const
{
    qint64 total = 0;
    for (const auto &[id, connection] : m_connections)
        total += heldBy(*connection);
    m_http->forEachHolder([&total](QTcpSocket *, qint64 held) { total += held; });
    return total;
}

int MockServer::delayedFrameCount() const
{
    qsizetype count = 0;
    for (const auto &[id, connection] : m_connections)
        count += connection->delays ? qsizetype(connection->delays->items.size()) : 0;
    return int(count);
}

TemplateContext MockServer::contextFor(const Connection *connection, const IncomingMessage *message,
                                       const Bindings *bindings)
{
    TemplateContext context { &connection->pathParams, &connection->queryParams, message,
                              bindings };
    context.handshake = &connection->handshake;
    context.connectionId = connection->id;
    context.messageCount = connection->messages;
    context.state = &connection->state;
    context.vars = &connection->vars;
    if (connection->conversation)
        context.shared = &connection->conversation->shared;
    return context;
}

void MockServer::receive(Connection *connection, Inbound message)
{
    if (connection->dropping)
        return;
    // Matching is timed: once a connection has used its slice, its messages wait, in order,
    // for a later pass of the event loop, where the other clients are served first.
    if (connection->spentNs >= MatchSliceNs
        || (connection->inbox && !connection->inbox->messages.empty())) {
        queueInbound(connection, std::move(message));
        return;
    }
    QElapsedTimer clock;
    clock.start();
    handle(connection, message);
    connection->spentNs += clock.nsecsElapsed();
}

void MockServer::queueInbound(Connection *connection, Inbound message)
{
    if (!connection->inbox)
        connection->inbox = std::make_unique<Inbox>();
    Inbox &inbox = *connection->inbox;
    inbox.bytes += message.heldBytes();
    inbox.messages.push_back(std::move(message));
    if (!inbox.workQueued) {
        inbox.workQueued = true;
        QMetaObject::invokeMethod(
            this, [this, id = connection->id] { workInbox(id); }, Qt::QueuedConnection);
    }
    checkBudget(connection);
}

void MockServer::workInbox(quint64 connectionId)
{
    const auto it = m_connections.find(connectionId);
    if (it == m_connections.end() || !it->second->inbox)
        return;
    Connection *connection = it->second.get();
    Inbox &inbox = *connection->inbox;
    inbox.workQueued = false;
    QElapsedTimer clock;
    clock.start();
    while (!inbox.messages.empty() && !connection->dropping
           && clock.nsecsElapsed() < MatchSliceNs) {
        const Inbound message = std::move(inbox.messages.front());
        inbox.messages.pop_front();
        inbox.bytes -= message.heldBytes();
        handle(connection, message);
    }
    connection->spentNs = clock.nsecsElapsed();
    if (connection->upstream)
        connection->upstream->uncork(); // what this slice forwarded
    if (inbox.messages.empty()) {
        connection->inbox.reset();
        return;
    }
    inbox.workQueued = true;
    QMetaObject::invokeMethod(
        this, [this, connectionId] { workInbox(connectionId); }, Qt::QueuedConnection);
}

void MockServer::handle(Connection *connection, const Inbound &message)
{
    if (message.binary)
        handleBinary(connection, message.data);
    else
        handleText(connection, message.text);
}

void MockServer::handleText(Connection *connection, const QString &text)
{
    if (connection->session) {
        handleProtocolFrame(connection, { false, text, {} });
        return;
    }
    ++connection->messages;
    const bool logging = watched();
    // No endpoint: the spec was swapped for one without it while connected.
    const Rule *rule = nullptr;
    Bindings bindings;
    std::optional<IncomingMessage> message;
    if (connection->endpoint >= 0) {
        message.emplace(text);
        rule = m_spec->endpoints.at(connection->endpoint)
                   .firstMatch(*message, &bindings, &connection->state,
                               &connection->conversation->shared);
    }
    if (!rule) {
        if (forwardUpstream(connection, text))
            return;
        if (logging)
            emit trafficEvent(
                TrafficEvent::unmatched(sourceOf(connection), text, fallbackLabel(connection)));
        answerUnmatched(connection, message ? &*message : nullptr);
        return;
    }
    const TemplateContext context = contextFor(connection, &*message, &bindings);
    if (logging)
        emit trafficEvent(TrafficEvent::received(sourceOf(connection), text, rule->label()));
    answer(connection, *rule, context);
}

MockServer::Answered MockServer::answer(Connection *connection, const Rule &rule,
                                        const TemplateContext &context)
{
    Answered answered;
    if (rule.conversation.hasActions())
        answered.startedStream = converse(connection, rule, context);
    if (rule.sequence) {
        const bool perEndpoint = rule.sequence->perEndpoint;
        QHash<int, qint64> &counts
            = perEndpoint ? connection->conversation->sequenceMatches : connection->sequenceMatches;
        const SequenceReply &next = rule.sequence->replyFor(++counts[rule.index]);
        answered.lastMs
            = deliver(connection, next.reply, next.hasResponse ? &next.response : nullptr, context,
                      rule.label());
    } else if (!rule.reply.isPlain() || !rule.hasResponse || connection->session) {
        answered.lastMs
            = deliver(connection, rule.reply, rule.hasResponse ? &rule.response : nullptr, context,
                      rule.label());
    } else {
        // The spec's plain case, kept direct: it is every message of a busy mock.
        replyPlainly(connection, rule.response, context, rule.label());
    }
    return answered;
}

void MockServer::handleBinary(Connection *connection, const QByteArray &data)
{
    if (connection->session) {
        handleProtocolFrame(connection, { true, {}, data });
        return;
    }
    const Rule *rule = connection->endpoint < 0
        ? nullptr
        : m_spec->endpoints.at(connection->endpoint)
              .firstBinaryMatch(data, &connection->state, &connection->conversation->shared);
    if (watched()) {
        TrafficEvent event = TrafficEvent::binaryReceived(sourceOf(connection), data,
                                                          rule ? rule->label() : QString());
        event.forwarded = !rule && connection->upstream;
        emit trafficEvent(event);
    }
    if (rule) {
        ++connection->messages;
        answer(connection, *rule, contextFor(connection, nullptr, nullptr));
    } else if (!forwardUpstream(connection, data)) {
        answerUnmatched(connection, nullptr);
    }
}

// A preset endpoint's frame, as its session decodes it. On a `proxy:` endpoint the session is
// passive: what no rule takes (the protocol's own frames too) goes to the upstream as it came.
void MockServer::handleProtocolFrame(Connection *connection, const Inbound &message)
{
    if (connection->protocolBroken)
        return; // closing: nothing after a frame that broke the protocol, or a goodbye
    Protocols::Session &session = *connection->session;
    const Protocols::Decoded decoded
        = message.binary ? session.decodeBinary(message.data) : session.decode(message.text);
    const bool isMessage = decoded.action == Protocols::Decoded::Action::Message;
    // On a proxy: endpoint, the end of a stream the mock runs stays here: the upstream never
    // saw it begin (a strict broker would answer an UNSUBSCRIBE it does not know with ERROR).
    const bool relayed = connection->upstream && !isMessage
        && !(decoded.action == Protocols::Decoded::Action::Stop
             && connection->started.count(decoded.streamKey));
    // A binary frame is logged as it came, a text message with the rule that takes it, and a
    // text frame forwarded as it goes.
    if (watched() && (message.binary || (!isMessage && !relayed))) {
        const QString label = relayed ? QString() : connection->protocolName;
        TrafficEvent event = message.binary
            ? TrafficEvent::binaryReceived(sourceOf(connection), message.data, label)
            : TrafficEvent::received(sourceOf(connection), message.text, label);
        event.decoded = decoded.summary;
        event.forwarded = relayed;
        emit trafficEvent(event);
    }
    if (isMessage) {
        answerDecoded(connection, message, decoded);
        return;
    }
    if (relayed)
        forwardFrame(connection, message, decoded.summary);
    handleDecoded(connection, decoded);
}

bool MockServer::forwardFrame(Connection *connection, const Inbound &message,
                              const QString &decoded)
{
    return message.binary ? forwardUpstream(connection, message.data)
                          : forwardUpstream(connection, message.text, decoded);
}

QString MockServer::fallbackLabel(const Connection *connection) const
{
    return connection->endpoint >= 0 && m_spec->endpoints.at(connection->endpoint).fallback
        ? QStringLiteral("on-unmatched")
        : QString();
}

// The endpoint's on-unmatched, if it has one, answers a message logged as unmatched.
void MockServer::answerUnmatched(Connection *connection, const IncomingMessage *message)
{
    if (connection->endpoint < 0)
        return;
    const std::optional<Rule> &fallback = m_spec->endpoints.at(connection->endpoint).fallback;
    if (fallback)
        answer(connection, *fallback, contextFor(connection, message, nullptr));
}

MockServer::EndpointConversation *MockServer::conversationOf(int endpoint)
{
    return &m_conversations[m_spec->endpoints.at(endpoint).path.text()];
}

void MockServer::emitConversation(const Connection *connection, TrafficEvent::Kind kind,
                                  const QString &rule, TrafficEvent::Cause cause,
                                  const QStringList &details)
{
    if (watched())
        emit trafficEvent(
            TrafficEvent::conversation(kind, sourceOf(connection), rule, cause, details));
}

bool MockServer::converse(Connection *connection, const Rule &rule, const TemplateContext &context)
{
    using Cause = TrafficEvent::Cause;
    const Conversation &conversation = rule.conversation;
    if (conversation.setState && *conversation.setState != connection->state) {
        const QString was = std::exchange(connection->state, *conversation.setState);
        emitConversation(connection, TrafficEvent::Kind::Note, rule.label(), Cause::StateSet,
                         { connection->state, was });
    }
    assign(connection, rule, conversation.setVars, &connection->vars, context, Cause::VariableSet);
    assign(connection, rule, conversation.setShared, &connection->conversation->shared, context,
           Cause::SharedSet);
    if (conversation.stopStream) {
        const QString key = conversation.stopStream->render(context);
        emitConversation(connection, TrafficEvent::Kind::Note, rule.label(),
                         connection->started.erase(key) ? Cause::StreamStopped
                                                        : Cause::StreamNotRunning,
                         { key });
    }
    return conversation.startStream && startRuleStream(connection, rule, context);
}

void MockServer::assign(Connection *connection, const Rule &rule,
                        const QList<std::pair<QString, Template>> &assignments, ParamMap *into,
                        const TemplateContext &context, TrafficEvent::Cause setCause)
{
    for (const auto &[name, value] : assignments)
        store(connection, rule.label(), name, value.render(context), into, setCause);
}

bool MockServer::store(Connection *connection, const QString &rule, const QString &name,
                       QString text, ParamMap *into, TrafficEvent::Cause setCause, QString *error)
{
    using Cause = TrafficEvent::Cause;
    std::optional<std::pair<Cause, QString>> refusal;
    if (TrafficEvent::utf8Size(text) > Conversation::MaxValueBytes)
        refusal.emplace(Cause::ValueTooLarge, QString::number(Conversation::MaxValueBytes));
    else if (!into->contains(name) && into->size() >= Conversation::MaxVariables)
        refusal.emplace(Cause::VariableLimit, QString::number(Conversation::MaxVariables));
    if (refusal) {
        refuseValue(connection, rule, refusal->first, { name, refusal->second }, error);
        return false;
    }
    into->insert(name, text);
    emitConversation(connection, TrafficEvent::Kind::Note, rule, setCause, { name, text });
    return true;
}

void MockServer::refuseValue(const Connection *connection, const QString &rule,
                             TrafficEvent::Cause cause, const QStringList &details, QString *error)
{
    emitConversation(connection, TrafficEvent::Kind::Warning, rule, cause, details);
    if (error)
        *error = EventText::cause(cause, details);
}

namespace {
const QString ManualRule = QStringLiteral("manual");
}

MockServer::Connection *MockServer::conversing(quint64 connectionId) const
{
    const auto found = m_connections.find(connectionId);
    if (found == m_connections.end() || !found->second->conversation)
        return nullptr;
    return found->second.get();
}

std::optional<MockServer::ConversationView> MockServer::conversationView(quint64 connectionId) const
{
    const Connection *connection = conversing(connectionId);
    if (!connection)
        return std::nullopt;
    return ConversationView { connection->state, connection->vars,
                              connection->conversation->shared };
}

bool MockServer::setConnectionState(quint64 connectionId, const QString &state, QString *error)
{
    Connection *connection = conversing(connectionId);
    if (!connection)
        return false;
    if (TrafficEvent::utf8Size(state) > Conversation::MaxValueBytes) {
        refuseValue(connection, ManualRule, TrafficEvent::Cause::ValueTooLarge,
                    { QStringLiteral("state"), QString::number(Conversation::MaxValueBytes) },
                    error);
        return false;
    }
    if (state != connection->state) {
        const QString was = std::exchange(connection->state, state);
        emitConversation(connection, TrafficEvent::Kind::Note, ManualRule,
                         TrafficEvent::Cause::StateSet, { state, was });
    }
    return true;
}

bool MockServer::setConnectionVariable(quint64 connectionId, const QString &name,
                                       const QString &value, QString *error)
{
    Connection *connection = conversing(connectionId);
    return connection
        && store(connection, ManualRule, name, value, &connection->vars,
                 TrafficEvent::Cause::VariableSet, error);
}

bool MockServer::setSharedValue(quint64 connectionId, const QString &name, const QString &value,
                                QString *error)
{
    Connection *connection = conversing(connectionId);
    return connection
        && store(connection, ManualRule, name, value, &connection->conversation->shared,
                 TrafficEvent::Cause::SharedSet, error);
}

bool MockServer::removeConnectionVariable(quint64 connectionId, const QString &name)
{
    return remove(connectionId, name, false);
}

bool MockServer::removeSharedValue(quint64 connectionId, const QString &name)
{
    return remove(connectionId, name, true);
}

bool MockServer::remove(quint64 connectionId, const QString &name, bool shared)
{
    Connection *connection = conversing(connectionId);
    if (!connection || !(shared ? connection->conversation->shared : connection->vars).remove(name))
        return false;
    emitConversation(connection, TrafficEvent::Kind::Note, ManualRule,
                     shared ? TrafficEvent::Cause::SharedRemoved
                            : TrafficEvent::Cause::VariableRemoved,
                     { name });
    return true;
}

MockServer::StartedStream::StartedStream(std::shared_ptr<const RuleStream> stream, QString label,
                                         const IncomingMessage *message, Bindings bindings)
    : spec(std::move(stream))
    , label(std::move(label))
    , bindings(std::move(bindings))
{
    if (message)
        this->message.emplace(message->text());
}

MockServer::StartedStream::~StartedStream()
{
    timer->stop();
    timer->deleteLater();
}

bool MockServer::startRuleStream(Connection *connection, const Rule &rule,
                                 const TemplateContext &context)
{
    const std::shared_ptr<const RuleStream> &spec = rule.conversation.startStream;
    const QString key = spec->key.render(context);
    // Starting a running key again restarts it: the old one stops, the count begins anew.
    const bool restart = connection->started.erase(key) > 0;
    if (!restart && connection->started.size() >= size_t(Conversation::MaxStreams)) {
        emitConversation(connection, TrafficEvent::Kind::Warning, rule.label(),
                         TrafficEvent::Cause::StreamLimit,
                         { key, QString::number(Conversation::MaxStreams) });
        return false;
    }
    auto stream = std::make_unique<StartedStream>(
        spec, rule.label() + QLatin1Char(' ') + key, context.message,
        context.bindings ? *context.bindings : Bindings());
    if (connection->session) {
        stream->protocol = context.protocol ? *context.protocol : ParamMap();
        stream->framing = rule.reply.framing;
    }
    stream->timer = new QTimer(this);
    stream->timer->setInterval(spec->intervalMs);
    connect(stream->timer, &QTimer::timeout, this,
            [this, id = connection->id, key] { ruleStreamTick(id, key); });
    stream->timer->start();
    connection->started[key] = std::move(stream);
    emitConversation(connection, TrafficEvent::Kind::Note, rule.label(),
                     TrafficEvent::Cause::StreamStarted, { key });
    return true;
}

void MockServer::ruleStreamTick(quint64 connectionId, const QString &key)
{
    const auto connectionIt = m_connections.find(connectionId);
    if (connectionIt == m_connections.end() || connectionIt->second->dropping)
        return;
    Connection *connection = connectionIt->second.get();
    const auto it = connection->started.find(key);
    if (it == connection->started.end())
        return;
    StartedStream &stream = *it->second;
    const RuleStream &spec = *stream.spec;
    const qint64 tick = ++stream.ticks;
    TrafficDelivery delivery;
    delivery.streamTick = tick;
    const IncomingMessage *message = stream.message ? &*stream.message : nullptr;
    const ReplyFrame &frame = spec.frames.at(qsizetype((tick - 1) % spec.frames.size()));
    sendStreamFrame(connection, stream.label, frame, delivery, message, &stream.bindings, &stream);
    if (spec.count == 0 || tick < spec.count)
        return;
    if (spec.final)
        sendStreamFrame(connection, stream.label, *spec.final, delivery, message, &stream.bindings,
                        &stream);
    const QString label = stream.label;
    const QStringList ended
        = connection->session ? connection->session->streamEnded(stream.protocol) : QStringList();
    connection->started.erase(it);
    emitConversation(connection, TrafficEvent::Kind::Note, label,
                     TrafficEvent::Cause::StreamFinished, { key, QString::number(tick) });
    sendProtocolFrames(connection, ended);
}

void MockServer::startStreams(Connection *connection)
{
    connection->streamTimers.clear();
    connection->streamTicks.clear();
    if (connection->endpoint < 0)
        return;
    const Endpoint &endpoint = m_spec->endpoints.at(connection->endpoint);
    for (const Stream &stream : endpoint.streams) {
        connection->streamTicks.push_back(0);
        if (stream.toAll) {
            connection->streamTimers.push_back(nullptr);
            continue;
        }
        auto timer = std::make_unique<QTimer>();
        timer->setInterval(stream.intervalMs);
        const quint64 id = connection->id;
        const int index = stream.index;
        connect(timer.get(), &QTimer::timeout, this, [this, id, index] {
            const auto it = m_connections.find(id);
            if (it == m_connections.end() || it->second->endpoint < 0)
                return;
            Connection *liveConnection = it->second.get();
            const Stream &liveStream
                = m_spec->endpoints.at(liveConnection->endpoint).streams.at(index);
            if (!streamTick(liveStream, ++liveConnection->streamTicks[size_t(index)], { id }))
                liveConnection->streamTimers[size_t(index)]->stop();
        });
        timer->start();
        connection->streamTimers.push_back(std::move(timer));
    }
}

void MockServer::restartBroadcastStreams()
{
    m_broadcasts.clear();
    if (!m_tcp->isListening())
        return;
    for (int endpointIndex = 0; endpointIndex < m_spec->endpoints.size(); ++endpointIndex) {
        for (const Stream &stream : m_spec->endpoints.at(endpointIndex).streams) {
            if (!stream.toAll)
                continue;
            BroadcastStream broadcast;
            broadcast.endpoint = endpointIndex;
            broadcast.stream = stream.index;
            broadcast.timer = std::make_unique<QTimer>();
            broadcast.timer->setInterval(stream.intervalMs);
            const size_t slot = m_broadcasts.size();
            connect(broadcast.timer.get(), &QTimer::timeout, this,
                    [this, slot] { broadcastTick(slot); });
            broadcast.timer->start();
            m_broadcasts.push_back(std::move(broadcast));
        }
    }
}

void MockServer::broadcastTick(size_t slot)
{
    BroadcastStream &broadcast = m_broadcasts.at(slot);
    const QList<quint64> recipients = connectionsOf(broadcast.endpoint);
    if (recipients.isEmpty())
        return; // nobody listening: the count waits too
    const Stream &stream = m_spec->endpoints.at(broadcast.endpoint).streams.at(broadcast.stream);
    if (!streamTick(stream, ++broadcast.ticks, recipients))
        broadcast.timer->stop();
}

bool MockServer::streamTick(const Stream &stream, qint64 tick, const QList<quint64> &recipients)
{
    const qsizetype count = stream.frames.size();
    if (stream.once && tick > count)
        return false;
    const ReplyFrame &frame = stream.frames.at(qsizetype((tick - 1) % count));
    TrafficDelivery delivery;
    delivery.streamTick = tick;
    delivery.reach = stream.toAll ? TrafficReach::All : TrafficReach::Sender;
    for (quint64 id : recipients) {
        const auto it = m_connections.find(id);
        if (it != m_connections.end() && !it->second->dropping)
            sendStreamFrame(it->second.get(), stream.label(), frame, delivery);
    }
    return !(stream.once && tick >= count);
}

void MockServer::sendStreamFrame(Connection *connection, const QString &label,
                                 const ReplyFrame &frame, const TrafficDelivery &delivery,
                                 const IncomingMessage *message, const Bindings *bindings,
                                 const StartedStream *started)
{
    const bool logging = watched();
    if (frame.isBinary) {
        connection->socket->sendBinaryMessage(frame.binary);
        if (logging)
            emit trafficEvent(
                TrafficEvent::sentBinary(sourceOf(connection), frame.binary, label, delivery));
        return;
    }
    TemplateContext context = contextFor(connection, message, bindings);
    context.counter = delivery.streamTick;
    context.protocol = started ? &started->protocol : nullptr;
    QStringList missing;
    static const ParamMap none;
    const QStringList texts = framed(
        connection, frame.text.render(context, logging ? &missing : nullptr),
        started ? started->framing : Protocols::Framing(), started ? started->protocol : none);
    if (logging && !texts.isEmpty())
        emitMissing(connection, label, missing);
    for (const QString &text : texts) {
        send(connection, text);
        if (logging)
            emitSent(connection, text, label, delivery);
    }
}

void MockServer::onDisconnected(Connection *connection)
{
    QWebSocket *socket = connection->socket;
    socket->disconnect(this);
    unlinkUpstream(connection);
    if (watched())
        emit trafficEvent(TrafficEvent::closed(sourceOf(connection), int(socket->closeCode()),
                                               socket->closeReason()));
    m_connections.erase(connection->id);
    socket->deleteLater();
    emit connectionCountChanged(connectionCount());
    if (m_stopping && m_connections.empty() && !m_finishingStop)
        finishStop();
}

bool MockServer::sendMessage(quint64 connectionId, const QString &text)
{
    const auto it = m_connections.find(connectionId);
    if (it == m_connections.end())
        return false;
    const bool logging = watched();
    Connection *connection = it->second.get();
    if (logging)
        emitSent(connection, text, QStringLiteral("push"));
    send(connection, text);
    return true;
}

bool MockServer::closeConnection(quint64 connectionId, QWebSocketProtocol::CloseCode code,
                                 const QString &reason)
{
    const auto it = m_connections.find(connectionId);
    if (it == m_connections.end())
        return false;
    it->second->socket->close(code, reason);
    return true;
}

int MockServer::sendToEach(const std::function<bool(const Connection &)> &chosen,
                           const OutFrame &frame, const QString &rule)
{
    int sent = 0;
    const bool logging = watched();
    for (auto &[id, connection] : m_connections) {
        if (!chosen(*connection))
            continue;
        ++sent;
        if (!frame.binary) {
            if (logging)
                emitSent(connection.get(), frame.text, rule);
            send(connection.get(), frame.text);
            continue;
        }
        if (logging)
            emit trafficEvent(
                TrafficEvent::sentBinary(sourceOf(connection.get()), frame.data, rule));
        connection->socket->sendBinaryMessage(frame.data);
        if (connection->socket->bytesToWrite() > m_maxPendingBytes)
            dropSlowReader(connection.get());
    }
    return sent;
}

MockServer::OutFrame MockServer::textFrame(const QString &text)
{
    OutFrame frame;
    frame.text = text;
    return frame;
}

MockServer::OutFrame MockServer::binaryFrame(const QByteArray &data)
{
    OutFrame frame;
    frame.binary = true;
    frame.data = data;
    return frame;
}

bool MockServer::sendBinaryMessage(quint64 connectionId, const QByteArray &data)
{
    return sendToEach([connectionId](
                          const Connection &connection) { return connection.id == connectionId; },
                      binaryFrame(data), QStringLiteral("push"))
        > 0;
}

int MockServer::pushBinaryToPath(const QString &path, const QByteArray &data)
{
    return sendToPath(path, binaryFrame(data));
}

int MockServer::broadcast(const QString &endpointPath, const QString &text)
{
    return sendToEach(
        [this, &endpointPath](const Connection &connection) {
            return connection.endpoint >= 0
                && m_spec->endpoints.at(connection.endpoint).path.text() == endpointPath;
        },
        textFrame(text), QStringLiteral("broadcast"));
}

int MockServer::pushToPath(const QString &path, const QString &text)
{
    return sendToPath(path, textFrame(text));
}

int MockServer::sendToPath(const QString &path, const OutFrame &frame)
{
    const bool isPattern
        = std::any_of(m_spec->endpoints.cbegin(), m_spec->endpoints.cend(),
                      [&path](const Endpoint &endpoint) { return endpoint.path.text() == path; });
    return sendToEach(
        [this, &path, isPattern](const Connection &connection) {
            return isPattern ? connection.endpoint >= 0
                    && m_spec->endpoints.at(connection.endpoint).path.text() == path
                             : connection.path == path;
        },
        frame, QStringLiteral("push"));
}

void MockServer::setControl(bool enabled, const QString &token, qsizetype journalCapacity)
{
    if (!enabled) {
        delete m_control;
        m_control = nullptr;
        m_http->setControl({});
        return;
    }
    if (!m_control) {
        m_control = new ControlApi(this, this);
        connect(this, &MockServer::trafficEvent, m_control, &ControlApi::onEvent);
        m_http->setControl(
            [this](const HttpRequestData &request, const ControlApi::Respond &respond) {
                return m_control->handle(request, respond);
            });
    }
    m_control->setToken(token);
    m_control->journal().setCapacity(journalCapacity);
}

void MockServer::setCors(bool enabled)
{
    m_http->policy().cors = enabled;
}

void MockServer::setMaxBodySize(qint64 bytes)
{
    m_http->policy().maxBodySize = bytes;
}

qint64 MockServer::maxBodySize() const
{
    return m_http->policy().maxBodySize;
}

void MockServer::setHttpIdleTimeout(int ms)
{
    m_http->setIdleTimeout(ms);
}

int MockServer::httpConnectionCount() const
{
    return m_http->connectionCount();
}

QString MockServer::endpointPathOf(quint64 connectionId) const
{
    const auto it = m_connections.find(connectionId);
    if (it == m_connections.end() || it->second->endpoint < 0)
        return {};
    return m_spec->endpoints.at(it->second->endpoint).path.text();
}

void MockServer::updateSubprotocols()
{
    QStringList all;
    for (const Endpoint &endpoint : m_spec->endpoints) {
        for (const QString &protocol : endpoint.subprotocols) {
            if (!all.contains(protocol))
                all.append(protocol);
        }
    }
    m_ws->setSupportedSubprotocols(all);
}

bool MockServer::loadTlsFiles(const QString &certificate, const QString &key,
                              QSslConfiguration *out, QString *error)
{
    if (certificate.isEmpty() || key.isEmpty()) {
        *error = tr("TLS needs both a certificate and a key.");
        return false;
    }
    QFile certFile(certificate);
    if (!certFile.open(QIODevice::ReadOnly)) {
        *error = tr("Cannot read the certificate %1: %2").arg(certificate, certFile.errorString());
        return false;
    }
    const QList<QSslCertificate> chain = QSslCertificate::fromData(certFile.readAll(), QSsl::Pem);
    if (chain.isEmpty()) {
        *error = tr("%1 holds no PEM certificate.").arg(certificate);
        return false;
    }
    QFile keyFile(key);
    if (!keyFile.open(QIODevice::ReadOnly)) {
        *error = tr("Cannot read the key %1: %2").arg(key, keyFile.errorString());
        return false;
    }
    const QByteArray data = keyFile.readAll();
    QSslKey privateKey(data, QSsl::Rsa, QSsl::Pem);
    if (privateKey.isNull())
        privateKey = QSslKey(data, QSsl::Ec, QSsl::Pem);
    if (privateKey.isNull()) {
        *error = tr("%1 holds no usable PEM private key (RSA or EC, unencrypted).").arg(key);
        return false;
    }
    if (!TlsKeyPair::belongTogether(privateKey, chain.first())) {
        *error = tr("The key %1 does not belong to the certificate %2: give the key the "
                    "certificate was made with.")
                     .arg(key, certificate);
        return false;
    }
    *out = QSslConfiguration::defaultConfiguration();
    out->setLocalCertificateChain(chain);
    out->setPrivateKey(privateKey);
    out->setPeerVerifyMode(QSslSocket::VerifyNone);
    return true;
}

// Protocol presets: the engine drives each connection's session; the codec decides.

void MockServer::startSession(Connection *connection, const Endpoint &endpoint)
{
    Protocols::SessionOptions options;
    options.connectionId = connection->id;
    options.path = connection->path;
    options.query = connection->queryParams;
    if (connection->upstream)
        options.voice = Protocols::Voice::Passive; // the upstream speaks the protocol
    connection->protocol = endpoint.protocol;
    connection->protocolName = Protocols::nameOf(endpoint.protocol);
    connection->session = Protocols::makeSession(endpoint.protocol, options);
    if (!connection->session)
        return;
    sendProtocolFrames(connection, connection->session->opened());
    awaitClient(connection, connection->session->initTimeoutMs());
    if (const int interval = connection->session->keepAliveMs(); interval > 0) {
        connection->keepAlive = std::make_unique<QTimer>();
        connection->keepAlive->setInterval(interval);
        connect(connection->keepAlive.get(), &QTimer::timeout, this, [this, id = connection->id] {
            const auto it = m_connections.find(id);
            if (it == m_connections.end() || !it->second->session)
                return;
            Connection *alive = it->second.get();
            sendProtocolFrames(alive, { alive->session->keepAlive() });
            awaitClient(alive, alive->session->pongTimeoutMs());
        });
        connection->keepAlive->start();
    }
}

void MockServer::awaitClient(const Connection *connection, int ms)
{
    if (ms <= 0)
        return;
    QTimer::singleShot(ms, this, [this, id = connection->id] {
        const auto it = m_connections.find(id);
        if (it == m_connections.end())
            return;
        Connection *waited = it->second.get();
        if (!waited->session || waited->dropping || waited->protocolBroken)
            return;
        const Protocols::Decoded late = waited->session->timedOut();
        if (late.action != Protocols::Decoded::Action::Ignore)
            handleDecoded(waited, late);
    });
}

QStringList MockServer::framed(Connection *connection, const QString &text,
                               const Protocols::Framing &framing, const ParamMap &protocol)
{
    if (!connection->session)
        return { text };
    return connection->session->frames(framing, text, protocol);
}

void MockServer::sendProtocolFrames(Connection *connection, const QStringList &frames)
{
    const bool logging = watched();
    for (const QString &text : frames) {
        if (connection->dropping)
            return;
        send(connection, text);
        if (logging)
            emitSent(connection, text, connection->protocolName);
    }
}

void MockServer::handleDecoded(Connection *connection, const Protocols::Decoded &decoded)
{
    using Action = Protocols::Decoded::Action;
    sendProtocolFrames(connection, decoded.replies);
    switch (decoded.action) {
    case Action::Connected:
        if (connection->endpoint >= 0)
            greet(connection, m_spec->endpoints.at(connection->endpoint), &decoded.params);
        break;
    case Action::Stop:
        if (connection->started.erase(decoded.streamKey))
            emitConversation(connection, TrafficEvent::Kind::Note, connection->protocolName,
                             TrafficEvent::Cause::StreamStopped, { decoded.streamKey });
        break;
    case Action::Close:
    case Action::Bad:
        endProtocolConnection(connection, decoded);
        break;
    case Action::Ignore:
    case Action::Message:
        break;
    }
    sendProtocolFrames(connection, decoded.after);
}

void MockServer::endProtocolConnection(Connection *connection, const Protocols::Decoded &decoded)
{
    const bool bad = decoded.action == Protocols::Decoded::Action::Bad;
    connection->protocolBroken = true;
    if (bad && watched())
        emit trafficEvent(TrafficEvent::error(sourceOf(connection),
                                              TrafficEvent::Cause::ProtocolError,
                                              { connection->protocolName, decoded.problem }));
    const int code = Protocols::closeCodeOf(decoded);
    // From the event loop, after the replies just sent: closing may end the connection.
    QMetaObject::invokeMethod(
        this,
        [this, id = connection->id, code, reason = decoded.closeReason] {
            const auto open = m_connections.find(id);
            if (open != m_connections.end())
                open->second->socket->close(QWebSocketProtocol::CloseCode(code), reason);
        },
        Qt::QueuedConnection);
}

void MockServer::answerDecoded(Connection *connection, const Inbound &message,
                               const Protocols::Decoded &decoded)
{
    ++connection->messages;
    sendProtocolFrames(connection, decoded.replies);
    if (connection->endpoint < 0)
        return;
    const Endpoint &endpoint = m_spec->endpoints.at(connection->endpoint);
    const IncomingMessage payload(decoded.payload);
    Bindings bindings;
    const Rule *rule = endpoint.firstProtocolMatch(decoded, payload, &bindings, &connection->state,
                                                   &connection->conversation->shared);
    if (!rule && forwardFrame(connection, message, decoded.summary)) {
        connection->session->unmatched(decoded); // the upstream answers it
        return;
    }
    const QString &text = message.text;
    const bool unmatched = !rule && !decoded.kept;
    const Rule *answering
        = rule ? rule : (unmatched && endpoint.fallback ? &*endpoint.fallback : nullptr);
    if (watched()) {
        TrafficEvent event = unmatched
            ? TrafficEvent::unmatched(sourceOf(connection), text, fallbackLabel(connection))
            : TrafficEvent::received(sourceOf(connection), text,
                                     rule ? rule->label() : connection->protocolName);
        event.decoded = decoded.summary;
        emit trafficEvent(event);
    }
    Answered answered;
    if (answering) {
        TemplateContext context = contextFor(connection, &payload, rule ? &bindings : nullptr);
        context.protocol = &decoded.params;
        answered = answer(connection, *answering, context);
    }
    const bool matched = answering != nullptr;
    const bool started = answered.startedStream;
    const int lastMs = answered.lastMs;
    if (lastMs <= 0) {
        finishAnswer(connection, decoded, matched, started);
        return;
    }
    // After the reply's last frame: the session judges then what is still running.
    DelayQueueItem item;
    item.then = [this, id = connection->id, decoded, matched, started] {
        const auto it = m_connections.find(id);
        if (it != m_connections.end() && !it->second->dropping)
            finishAnswer(it->second.get(), decoded, matched, started);
    };
    queueDelayed(connection, monotonicMs() + lastMs, std::move(item));
}

void MockServer::finishAnswer(Connection *connection, const Protocols::Decoded &decoded,
                              bool matched, bool startedStream)
{
    sendProtocolFrames(
        connection,
        Protocols::framesAfterAnswer(*connection->session, decoded, matched, startedStream));
}
