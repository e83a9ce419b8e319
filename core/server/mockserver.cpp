#include "mockserver.h"
#include "serveroptions.h"

#include <QDateTime>
#include <QHash>
#include <QMetaMethod>
#include <QNetworkRequest>
#include <QFile>
#include <QSslCertificate>
#include <QSslKey>
#include <QSslServer>
#include <QSslSocket>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>
#include <QWebSocket>
#include <QWebSocketServer>

#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>

namespace {
constexpr qsizetype MaxRequestHead = 16384;
constexpr int StopGraceMs = 2000;
constexpr qsizetype DirectFrameLimit = 64 * 1024; // UTF-16 units

// A plain ws:// connection's socket. QAbstractSocket copies every write into a write buffer
// whose 32 KiB chunk then stays allocated, and partly resident, for the socket's life: most of
// what an idle connection costs. Here the writes of one event-loop pass (a frame's header and
// payload, several frames) are gathered in a plain byte array and sent to the kernel together
// at the end of the pass, in one send() as Qt would, so small frames still leave in one
// segment. The array is released once sent; only what the kernel does not take right away
// goes to QAbstractSocket's own buffer, which then sends it in order, reports errors and
// counts it in bytesToWrite() as usual.
class DirectWriteSocket;

// The sockets of this thread holding gathered writes, all sent by one queued call at the end
// of the pass (rather than a queued call per socket).
struct GatheredSockets
{
    QObject context; // the queued call's receiver, living in this thread
    std::vector<DirectWriteSocket *> sockets;
    bool sendQueued = false;

    static GatheredSockets &ofThisThread()
    {
        thread_local GatheredSockets gathered;
        return gathered;
    }
    void add(DirectWriteSocket *socket);
    void remove(DirectWriteSocket *socket)
    {
        sockets.erase(std::remove(sockets.begin(), sockets.end(), socket), sockets.end());
    }
    void sendAll();
};

class DirectWriteSocket : public QTcpSocket
{
public:
    using QTcpSocket::QTcpSocket;
    ~DirectWriteSocket() override
    {
        if (m_sendQueued)
            GatheredSockets::ofThisThread().remove(this);
    }

    qint64 bytesToWrite() const override { return QTcpSocket::bytesToWrite() + m_out.size(); }

    // QAbstractSocket keeps the 16 KiB chunk it read the handshake into for the socket's life,
    // though an idle connection needs none. Pushing one byte back and reading it out again as
    // a whole chunk (QIODevice::read's zero-copy path) hands that chunk over, and it is freed;
    // the next message gets a new one. Only when nothing is waiting to be read.
    void releaseReadChunk()
    {
        m_readChunkReleased = true;
        if (QTcpSocket::bytesAvailable() != 0 || isTransactionStarted() || !isReadable())
            return;
        ungetChar('\0');
        read(1);
    }
    void disconnectFromHost() override
    {
        sendGathered();
        QTcpSocket::disconnectFromHost();
    }
    void close() override
    {
        sendGathered();
        QTcpSocket::close();
    }

protected:
    qint64 writeData(const char *data, qint64 size) override
    {
        // Once Qt holds data, everything after it queues behind it there.
        if (size <= 0 || state() != ConnectedState || QTcpSocket::bytesToWrite() > 0)
            return QTcpSocket::writeData(data, size);
        if (!m_sendQueued) {
            m_sendQueued = true;
            GatheredSockets::ofThisThread().add(this);
        }
        if (m_out.isNull())
            m_out.reserve(std::max<qsizetype>(
                256, qsizetype(size) + 64)); // a frame's header, then its payload
        m_out.append(data, qsizetype(size));
        return size;
    }

public:
    // One whole text message as a single unmasked frame (RFC 6455 5.2: FIN, opcode 1).
    void writeTextFrame(const QString &text)
    {
        const QByteArray payload = text.toUtf8();
        const quint64 length = quint64(payload.size());
        char header[10];
        int n = 0;
        header[n++] = char(0x81);
        if (length <= 125) {
            header[n++] = char(length);
        } else if (length <= 0xffff) {
            header[n++] = char(126);
            header[n++] = char(length >> 8);
            header[n++] = char(length & 0xff);
        } else {
            header[n++] = char(127);
            for (int shift = 56; shift >= 0; shift -= 8)
                header[n++] = char((length >> shift) & 0xff);
        }
        write(header, n);
        write(payload);
    }

    // From GatheredSockets, which has already taken this socket off its list.
    void sendGatheredFromBatch()
    {
        m_sendQueued = false;
        sendGathered();
    }

private:
    void sendGathered()
    {
        if (m_sendQueued) {
            m_sendQueued = false;
            GatheredSockets::ofThisThread().remove(this);
        }
        // The first answer (the handshake's 101, or a refusal) is written once the request has
        // been read in full: from then on the read buffer can go.
        if (!m_readChunkReleased)
            releaseReadChunk();
        if (m_out.isEmpty())
            return;
        const QByteArray out = std::exchange(m_out, QByteArray());
        if (state() != ConnectedState) {
            QTcpSocket::writeData(out.constData(), out.size());
            return;
        }
        const ssize_t sent = ::send(int(socketDescriptor()), out.constData(), size_t(out.size()),
                                    MSG_NOSIGNAL | MSG_DONTWAIT);
        if (sent == out.size())
            return;
        if (sent < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) {
            QTcpSocket::writeData(out.constData(), out.size()); // Qt meets the error and reports it
            return;
        }
        const qint64 done = sent > 0 ? qint64(sent) : 0;
        QTcpSocket::writeData(out.constData() + done, out.size() - done);
    }

    QByteArray m_out;
    bool m_sendQueued = false;
    bool m_readChunkReleased = false;
};

void GatheredSockets::add(DirectWriteSocket *socket)
{
    sockets.push_back(socket);
    if (!sendQueued) {
        sendQueued = true;
        QMetaObject::invokeMethod(
            &context, [this] { sendAll(); }, Qt::QueuedConnection);
    }
}

void GatheredSockets::sendAll()
{
    sendQueued = false;
    // Sending may close or delete nothing synchronously, but take the list first all the same.
    const std::vector<DirectWriteSocket *> batch = std::exchange(sockets, {});
    for (DirectWriteSocket *socket : batch)
        socket->sendGatheredFromBatch();
}

class DirectWriteServer : public QTcpServer
{
public:
    using QTcpServer::QTcpServer;

protected:
    void incomingConnection(qintptr descriptor) override
    {
        auto *socket = new DirectWriteSocket(this);
        if (!socket->setSocketDescriptor(descriptor)) {
            delete socket;
            ::close(int(descriptor));
        } else
            addPendingConnection(socket);
    }
};
} // namespace

MockServer::MockServer(QObject *parent)
    : QObject(parent)
    , m_ws(new QWebSocketServer(QStringLiteral("Mocket"), QWebSocketServer::NonSecureMode, this))
    , m_spec(std::make_shared<MockSpec>())
{
    qRegisterMetaType<TrafficEvent>();
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
    });
    m_ws->setMaxPendingConnections(1024);
    m_ws->setHandshakeTimeout(m_handshakeTimeout);
    connect(m_ws, &QWebSocketServer::newConnection, this, &MockServer::onWebSocketConnection);
    connect(m_ws, &QWebSocketServer::serverError, this, [this](QWebSocketProtocol::CloseCode) {
        if (watched()) {
            TrafficEvent e = makeEvent(TrafficEvent::Kind::Refused, nullptr);
            e.payload = tr("bad WebSocket handshake: %1").arg(m_ws->errorString());
            emit trafficEvent(e);
        }
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
    if (auto *ssl = qobject_cast<QSslServer *>(m_tcp))
        ssl->setHandshakeTimeout(ms);
}

void MockServer::setMaxConnections(int count)
{
    m_maxConnections = std::max(0, count);
}

void MockServer::setAllowedOrigins(const QStringList &origins)
{
    m_allowedOrigins = origins;
}

void MockServer::setMaxPendingBytes(qint64 bytes)
{
    m_maxPendingBytes = bytes;
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
    std::optional<QSslConfiguration> tls;
    if (!options.loadTls(&tls, error))
        return false;
    m_tls = std::move(tls);
    setMaxMessageSize(options.maxMessageSize);
    setMaxConnections(options.maxConnections);
    setAllowedOrigins(options.allowedOrigins);
    setHandshakeTimeout(options.handshakeTimeoutMs);
    setMaxPendingBytes(options.maxPendingBytes);
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
        auto *ssl = new QSslServer(this);
        ssl->setSslConfiguration(*m_tls);
        ssl->setHandshakeTimeout(m_handshakeTimeout);
        connect(ssl, &QSslServer::errorOccurred, this,
                [this](QSslSocket *socket, QAbstractSocket::SocketError) {
                    if (!watched())
                        return;
                    TrafficEvent e = makeEvent(TrafficEvent::Kind::Refused, nullptr);
                    e.peer = socket->peerAddress().toString() + QLatin1Char(':')
                        + QString::number(socket->peerPort());
                    e.payload = tr("TLS handshake failed: %1").arg(socket->errorString());
                    emit trafficEvent(e);
                });
        m_tcp = ssl;
    }
    // QTcpServer's default backlog and pending queue are small; a burst of clients (a test
    // suite starting up) must not wait on them.
    m_tcp->setListenBacklogSize(1024);
    m_tcp->setMaxPendingConnections(1024);
    // pendingConnectionAvailable, not newConnection: a QSslServer emits it only once the TLS
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
    QUrl u;
    u.setScheme(isSecure() ? QStringLiteral("wss") : QStringLiteral("ws"));
    u.setHost(m_tcp->serverAddress().toString());
    u.setPort(m_tcp->serverPort());
    return u;
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
    if (m_tls.has_value() != (qobject_cast<QSslServer *>(m_tcp) != nullptr))
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
    m_broadcasts.clear();
    for (QTcpSocket *socket : m_pending.keys()) {
        socket->abort();
        socket->deleteLater();
    }
    m_pending.clear();
    m_handedOver.clear();
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
    QList<QWebSocket *> orphans;
    for (auto &[id, connection] : m_connections) {
        ParamMap params;
        const Endpoint *endpoint = m_spec->route(connection->rawPath, &params);
        if (!endpoint) {
            connection->endpoint = -1;
            orphans.append(connection->socket);
            continue;
        }
        connection->endpoint = m_spec->endpointIndex(endpoint);
        connection->pathParams = std::move(params);
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

TrafficEvent MockServer::makeEvent(TrafficEvent::Kind kind, const Connection *connection) const
{
    TrafficEvent e;
    e.kind = kind;
    e.timestamp = QDateTime::currentMSecsSinceEpoch();
    if (connection) {
        e.connectionId = connection->id;
        e.path = connection->path;
    }
    return e;
}

void MockServer::emitSent(const Connection *connection, const QString &text, const QString &rule)
{
    TrafficEvent e = makeEvent(TrafficEvent::Kind::Sent, connection);
    e.payload = text;
    e.size = TrafficEvent::utf8Size(text);
    e.rule = rule;
    emit trafficEvent(e);
}

void MockServer::emitMissing(const Connection *connection, const QString &rule,
                             const QStringList &missing)
{
    for (const QString &expression : missing) {
        TrafficEvent e = makeEvent(TrafficEvent::Kind::Warning, connection);
        e.rule = rule;
        e.payload = tr("template value '{{%1}}' is missing; rendered empty").arg(expression);
        emit trafficEvent(e);
    }
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
            && int(m_connections.size()) + int(m_pending.size()) >= m_maxConnections) {
            refuse(socket, 503, "Service Unavailable",
                   tr("too many connections (the limit is %1)").arg(m_maxConnections));
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
    // Decide on the whole request head: path, method and Origin, all before any upgrade.
    const QByteArray head
        = socket->peek(std::min<qint64>(socket->bytesAvailable(), MaxRequestHead));
    const qsizetype eol = head.indexOf("\r\n");
    const qsizetype end = head.indexOf("\r\n\r\n");
    // Garbage is refused as soon as it shows: a request starts with an upper-case method.
    bool looksLikeHttp = true;
    for (qsizetype i = 0; i < head.size(); ++i) {
        const char c = head.at(i);
        if (c == ' ' && i > 0)
            break;
        if (c < 'A' || c > 'Z' || i >= 16) {
            looksLikeHttp = false;
            break;
        }
    }
    QList<QByteArray> parts; // method, target, version
    if (looksLikeHttp && eol > 0) {
        parts = head.left(eol).split(' ');
        looksLikeHttp = parts.size() == 3 && parts.at(2).startsWith("HTTP/");
        if (looksLikeHttp && parts.at(2) < "HTTP/1.1") {
            refuse(socket, 400, "Bad Request",
                   tr("WebSocket needs HTTP/1.1 or later, not %1")
                       .arg(QString::fromLatin1(parts.at(2))));
            return;
        }
    }
    if (!looksLikeHttp) {
        refuse(socket, 400, "Bad Request", tr("not an HTTP request"));
        return;
    }
    if (end < 0) {
        if (head.size() >= MaxRequestHead)
            refuse(socket, 431, "Request Header Fields Too Large", tr("request head too large"));
        return; // wait for the rest (the handshake timeout drops a client that never sends it)
    }
    if (socket->bytesAvailable() > end + 4) {
        // RFC 6455 4.1: a client waits for the 101 before sending frames. QtWebSockets would
        // silently lose frames sent along with the request, so say so instead.
        refuse(socket, 400, "Bad Request", tr("data sent before the handshake response"));
        return;
    }
    // The request line was split above: a complete head has one, and it looked like HTTP.
    const QByteArray &target = parts.at(1);
    qsizetype pathEnd = target.indexOf('?');
    if (pathEnd < 0)
        pathEnd = target.indexOf('#');
    const QString rawPath = QString::fromUtf8(pathEnd < 0 ? target : target.left(pathEnd));
    if (parts.at(0) != "GET") {
        refuse(socket, 405, "Method Not Allowed",
               tr("%1 %2: WebSocket handshakes use GET")
                   .arg(QString::fromLatin1(parts.at(0)), rawPath));
        return;
    }
    const Endpoint *endpoint = m_spec->route(rawPath);
    if (!endpoint) {
        refuse(socket, 404, "Not Found", tr("%1: no endpoint serves this path (404)").arg(rawPath));
        return;
    }
    // The upgrade headers (RFC 6455 4.2.1), checked here so a bad handshake gets a clear
    // HTTP answer instead of a silent close. Read in place: this runs for every connection.
    const auto header = [&head, eol, end](QByteArrayView name) {
        QByteArrayView value;
        for (qsizetype at = eol + 2; at < end;) {
            qsizetype lineEnd = head.indexOf('\n', at);
            if (lineEnd < 0 || lineEnd > end)
                lineEnd = end;
            const QByteArrayView line = QByteArrayView(head).sliced(at, lineEnd - at);
            const qsizetype colon = line.indexOf(':');
            if (colon > 0 && line.first(colon).trimmed().compare(name, Qt::CaseInsensitive) == 0)
                value = line.sliced(colon + 1).trimmed(); // the last one, as a hash would keep
            at = lineEnd + 1;
        }
        return value;
    };
    const QByteArray key = header("sec-websocket-key").toByteArray();
    const QByteArray decodedKey
        = QByteArray::fromBase64(key, QByteArray::AbortOnBase64DecodingErrors);
    const auto mentions = [](QByteArrayView value, QByteArrayView token) {
        return value.toByteArray().toLower().contains(token);
    };
    if (!mentions(header("upgrade"), "websocket") || !mentions(header("connection"), "upgrade")) {
        refuse(socket, 400, "Bad Request", tr("%1: not a WebSocket upgrade request").arg(rawPath));
        return;
    }
    if (decodedKey.size() != 16) {
        refuse(socket, 400, "Bad Request",
               tr("%1: missing or invalid Sec-WebSocket-Key").arg(rawPath));
        return;
    }
    const QByteArrayView version = header("sec-websocket-version");
    if (version != "13") {
        refuse(socket, 426, "Upgrade Required",
               tr("%1: unsupported Sec-WebSocket-Version '%2' (13 is supported)")
                   .arg(rawPath, QString::fromLatin1(version)),
               "Sec-WebSocket-Version: 13\r\n");
        return;
    }
    // Subprotocols are negotiated by QWebSocketServer over the union of every endpoint's;
    // a request it would answer with another endpoint's protocol is refused here instead.
    const QByteArray requested = header("sec-websocket-protocol").toByteArray();
    if (!requested.isEmpty()) {
        const QStringList offered = m_ws->supportedSubprotocols();
        for (const QByteArray &name : requested.split(',')) {
            const QString protocol = QString::fromLatin1(name.trimmed());
            if (offered.contains(protocol) && !endpoint->subprotocols.contains(protocol)) {
                refuse(socket, 400, "Bad Request",
                       tr("%1 does not offer subprotocol %2 (it offers: %3)")
                           .arg(rawPath, protocol,
                                endpoint->subprotocols.isEmpty()
                                    ? tr("none")
                                    : endpoint->subprotocols.join(QStringLiteral(", "))));
                return;
            }
        }
    }
    if (!m_allowedOrigins.isEmpty()) {
        const QString origin = QString::fromUtf8(header("origin"));
        const bool allowed = origin.isEmpty()
            || std::any_of(m_allowedOrigins.cbegin(), m_allowedOrigins.cend(),
                           [&origin](const QString &o) {
                               return o == QLatin1String("*")
                                   || o.compare(origin, Qt::CaseInsensitive) == 0;
                           });
        if (!allowed) {
            refuse(socket, 403, "Forbidden",
                   tr("%1: origin %2 is not allowed (403)").arg(rawPath, origin));
            return;
        }
    }
    m_pending.remove(socket);
    disconnect(socket, nullptr, this, nullptr);
    if (dynamic_cast<DirectWriteSocket *>(socket))
        m_handedOver.insert(socket->peerPort(), socket);
    m_ws->handleConnection(socket);
}

void MockServer::refuse(QTcpSocket *socket, int status, const QByteArray &statusText,
                        const QString &why, const QByteArray &extraHeaders)
{
    m_pending.remove(socket);
    disconnect(socket, nullptr, this, nullptr);
    const QByteArray body = why.toUtf8() + '\n';
    socket->write("HTTP/1.1 " + QByteArray::number(status) + ' ' + statusText
                  + "\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: "
                  + QByteArray::number(body.size()) + "\r\nConnection: close\r\n" + extraHeaders
                  + "\r\n" + body);
    socket->disconnectFromHost();
    if (socket->state() == QAbstractSocket::UnconnectedState)
        socket->deleteLater();
    else
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
    if (watched()) {
        TrafficEvent e = makeEvent(TrafficEvent::Kind::Refused, nullptr);
        e.peer = socket->peerAddress().toString() + QLatin1Char(':')
            + QString::number(socket->peerPort());
        e.payload = why;
        emit trafficEvent(e);
    }
}

void MockServer::onWebSocketConnection()
{
    while (QWebSocket *socket = m_ws->nextPendingConnection())
        setUpConnection(socket);
}

void MockServer::setUpConnection(QWebSocket *socket)
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
    connection->queryParams = queryParamsOf(url);
    connection->handshake = socket->request();
    for (auto it = m_handedOver.find(socket->peerPort());
         it != m_handedOver.end() && it.key() == socket->peerPort();) {
        if (it.value() && it.value()->peerAddress() == socket->peerAddress()) {
            connection->direct = it.value();
            it = m_handedOver.erase(it);
        } else if (!it.value()) {
            it = m_handedOver.erase(it);
        } else {
            ++it;
        }
    }
    m_connections.emplace(connection->id, std::move(owned));

    socket->setMaxAllowedIncomingMessageSize(quint64(m_maxMessageSize));
    socket->setMaxAllowedIncomingFrameSize(quint64(m_maxMessageSize));
    connect(socket, &QWebSocket::textMessageReceived, this,
            [this, connection](const QString &text) { onText(connection, text); });
    connect(socket, &QWebSocket::binaryMessageReceived, this,
            [this, connection](const QByteArray &data) { onBinary(connection, data); });
    connect(socket, &QWebSocket::disconnected, this,
            [this, connection] { onDisconnected(connection); });
    connect(socket, qOverload<QAbstractSocket::SocketError>(&QWebSocket::error), this,
            [this, connection](QAbstractSocket::SocketError error) {
                if (error == QAbstractSocket::RemoteHostClosedError || !watched())
                    return;
                TrafficEvent e = makeEvent(TrafficEvent::Kind::Error, connection);
                e.payload = connection->socket->errorString();
                emit trafficEvent(e);
            });

    if (watched()) {
        TrafficEvent e = makeEvent(TrafficEvent::Kind::Opened, connection);
        e.peer = socket->peerAddress().toString() + QLatin1Char(':')
            + QString::number(socket->peerPort());
        e.pathParams = connection->pathParams;
        e.queryParams = connection->queryParams;
        if (!socket->subprotocol().isEmpty())
            e.note = tr("subprotocol %1").arg(socket->subprotocol());
        emit trafficEvent(e);
    }
    emit connectionCountChanged(connectionCount());

    startStreams(connection);
    static const QString greetingLabel = QStringLiteral("on-connect");
    if (endpoint->greeting && endpoint->greetingReply.isPlain()) {
        const TemplateContext context = contextFor(connection, nullptr, nullptr);
        const bool logging = watched();
        QStringList missing;
        const QString text = endpoint->greeting->render(context, logging ? &missing : nullptr);
        send(connection, text);
        if (logging) {
            emitMissing(connection, greetingLabel, missing);
            emitSent(connection, text, greetingLabel);
        }
    } else if (endpoint->greeting || !endpoint->greetingReply.isPlain()) {
        const TemplateContext context = contextFor(connection, nullptr, nullptr);
        deliver(connection, endpoint->greetingReply,
                endpoint->greeting ? &*endpoint->greeting : nullptr, context, greetingLabel);
    }
}

void MockServer::deliver(Connection *connection, const Reply &reply, const Template *response,
                         const TemplateContext &context, const QString &label)
{
    const bool logging = watched();
    QStringList missing;
    struct Out
    {
        int at = 0; // ms from now
        int delay = 0;
        bool binary = false;
        QString text;
        QByteArray data;
    };
    // Everything is rendered now, while the message is at hand, and sent when due.
    QList<Out> outs;
    int at = 0;
    if (!reply.frames.isEmpty()) {
        for (const ReplyFrame &frame : reply.frames) {
            const int delay = frame.delay.pick();
            at += delay;
            outs.append({ at, delay, frame.isBinary,
                          frame.isBinary ? QString()
                                         : frame.text.render(context, logging ? &missing : nullptr),
                          frame.binary });
        }
    } else if (response) {
        const int delay = reply.delay.pick();
        at = delay;
        outs.append(
            { at, delay, false, response->render(context, logging ? &missing : nullptr), {} });
    }
    if (logging)
        emitMissing(connection, label, missing);

    QList<quint64> recipients;
    if (reply.to == Audience::Sender) {
        recipients.append(connection->id);
    } else {
        for (const auto &[id, other] : m_connections) {
            if (other->endpoint == connection->endpoint
                && (reply.to == Audience::Endpoint || id != connection->id))
                recipients.append(id);
        }
        std::sort(recipients.begin(), recipients.end());
    }
    QString audience;
    if (reply.to == Audience::Endpoint)
        audience = tr("to the endpoint (%1)").arg(recipients.size());
    else if (reply.to == Audience::Others)
        audience = tr("to others (%1)").arg(recipients.size());

    auto sendOut = [this, label, audience](const QList<quint64> &ids, const Out &out) {
        for (quint64 id : ids) {
            const auto it = m_connections.find(id);
            if (it == m_connections.end() || it->second->dropping)
                continue; // gone while the frame waited
            Connection *target = it->second.get();
            if (out.binary)
                target->socket->sendBinaryMessage(out.data);
            else
                send(target, out.text);
            if (!watched())
                continue;
            TrafficEvent e = makeEvent(TrafficEvent::Kind::Sent, target);
            e.rule = label;
            QStringList notes;
            if (out.delay > 0)
                notes.append(tr("delayed %1ms").arg(out.delay));
            if (!audience.isEmpty())
                notes.append(audience);
            if (out.binary) {
                notes.append(tr("binary"));
                e.payload = QString::fromLatin1(out.data.left(64).toHex(' '));
                e.size = out.data.size();
            } else {
                e.payload = out.text;
                e.size = TrafficEvent::utf8Size(out.text);
            }
            e.note = notes.join(QStringLiteral(" · "));
            emit trafficEvent(e);
        }
    };
    for (const Out &out : std::as_const(outs)) {
        if (out.at == 0)
            sendOut(recipients, out);
        else
            QTimer::singleShot(out.at, this,
                               [sendOut, recipients, out] { sendOut(recipients, out); });
    }
    if (reply.closeCode) {
        const quint64 id = connection->id;
        auto close = [this, id, code = reply.closeCode, reason = reply.closeReason] {
            const auto it = m_connections.find(id);
            if (it != m_connections.end())
                it->second->socket->close(QWebSocketProtocol::CloseCode(code), reason);
        };
        // After the frames, including those sent right now.
        QTimer::singleShot(at, this, close);
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
    QWebSocket *socket = connection->socket;
    if (connection->dropping)
        return;
    connection->dropping = true;
    if (watched()) {
        TrafficEvent e = makeEvent(TrafficEvent::Kind::Error, connection);
        e.payload = tr("client is not reading (%1 bytes waiting); connection dropped")
                        .arg(socket->bytesToWrite());
        emit trafficEvent(e);
    }
    // Aborted from the event loop: callers still use the connection after send().
    QMetaObject::invokeMethod(socket, &QWebSocket::abort, Qt::QueuedConnection);
}

TemplateContext MockServer::contextFor(const Connection *connection, const IncomingMessage *message,
                                       const Bindings *bindings)
{
    TemplateContext context { &connection->pathParams, &connection->queryParams, message,
                              bindings };
    context.handshake = &connection->handshake;
    context.connectionId = connection->id;
    context.messageCount = connection->messages;
    return context;
}

void MockServer::onText(Connection *connection, const QString &text)
{
    ++connection->messages;
    const bool logging = watched();
    const auto received = [&](TrafficEvent::Kind kind, const Rule *rule) {
        TrafficEvent e = makeEvent(kind, connection);
        e.payload = text;
        e.size = TrafficEvent::utf8Size(text);
        if (rule)
            e.rule = rule->label();
        emit trafficEvent(e);
    };
    // No endpoint: the spec was swapped for one without it while connected.
    const Rule *rule = nullptr;
    Bindings bindings;
    std::optional<IncomingMessage> message;
    if (connection->endpoint >= 0) {
        message.emplace(text);
        rule = m_spec->endpoints.at(connection->endpoint).firstMatch(*message, &bindings);
    }
    if (!rule) {
        if (logging)
            received(TrafficEvent::Kind::Unmatched, nullptr);
        return;
    }
    const TemplateContext context = contextFor(connection, &*message, &bindings);
    if (logging)
        received(TrafficEvent::Kind::Received, rule);
    if (!rule->reply.isPlain()) {
        deliver(connection, rule->reply, rule->hasResponse ? &rule->response : nullptr, context,
                rule->label());
        return;
    }
    // The spec's plain case, kept direct: it is every message of a busy mock.
    QStringList missing;
    const QString reply = rule->response.render(context, logging ? &missing : nullptr);
    send(connection, reply);
    if (logging) {
        const QString label = rule->label();
        emitMissing(connection, label, missing);
        emitSent(connection, reply, label);
    }
}

void MockServer::onBinary(Connection *connection, const QByteArray &data)
{
    const Rule *rule = connection->endpoint < 0
        ? nullptr
        : m_spec->endpoints.at(connection->endpoint).firstBinaryMatch(data);
    if (watched()) {
        TrafficEvent e = makeEvent(TrafficEvent::Kind::Binary, connection);
        e.size = data.size();
        e.payload = QString::fromLatin1(data.left(64).toHex(' '));
        if (data.size() > 64)
            e.payload += QStringLiteral(" …");
        if (rule)
            e.rule = rule->label();
        emit trafficEvent(e);
    }
    if (rule) {
        ++connection->messages;
        const TemplateContext context = contextFor(connection, nullptr, nullptr);
        deliver(connection, rule->reply, rule->hasResponse ? &rule->response : nullptr, context,
                rule->label());
    }
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
            Connection *c = it->second.get();
            const Stream &s = m_spec->endpoints.at(c->endpoint).streams.at(index);
            if (!streamTick(s, ++c->streamTicks[size_t(index)], { id }))
                c->streamTimers[size_t(index)]->stop();
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
    for (int e = 0; e < m_spec->endpoints.size(); ++e) {
        for (const Stream &stream : m_spec->endpoints.at(e).streams) {
            if (!stream.toAll)
                continue;
            BroadcastStream b;
            b.endpoint = e;
            b.stream = stream.index;
            b.timer = std::make_unique<QTimer>();
            b.timer->setInterval(stream.intervalMs);
            const size_t slot = m_broadcasts.size();
            connect(b.timer.get(), &QTimer::timeout, this, [this, slot] {
                BroadcastStream &b = m_broadcasts.at(slot);
                QList<quint64> recipients;
                for (const auto &[id, c] : m_connections) {
                    if (c->endpoint == b.endpoint)
                        recipients.append(id);
                }
                std::sort(recipients.begin(), recipients.end());
                const Stream &s = m_spec->endpoints.at(b.endpoint).streams.at(b.stream);
                if (recipients.isEmpty())
                    return; // nobody listening: the count waits too
                if (!streamTick(s, ++b.ticks, recipients))
                    b.timer->stop();
            });
            b.timer->start();
            m_broadcasts.push_back(std::move(b));
        }
    }
}

bool MockServer::streamTick(const Stream &stream, qint64 tick, const QList<quint64> &recipients)
{
    const qsizetype count = stream.frames.size();
    if (stream.once && tick > count)
        return false;
    const ReplyFrame &frame = stream.frames.at(qsizetype((tick - 1) % count));
    const bool logging = watched();
    for (quint64 id : recipients) {
        const auto it = m_connections.find(id);
        if (it == m_connections.end() || it->second->dropping)
            continue;
        Connection *c = it->second.get();
        QString text;
        if (frame.isBinary) {
            c->socket->sendBinaryMessage(frame.binary);
        } else {
            TemplateContext context = contextFor(c, nullptr, nullptr);
            context.counter = tick;
            QStringList missing;
            text = frame.text.render(context, logging ? &missing : nullptr);
            send(c, text);
            if (logging)
                emitMissing(c, stream.label(), missing);
        }
        if (logging) {
            TrafficEvent e = makeEvent(TrafficEvent::Kind::Sent, c);
            e.rule = stream.label();
            e.payload
                = frame.isBinary ? QString::fromLatin1(frame.binary.left(64).toHex(' ')) : text;
            e.size = frame.isBinary ? frame.binary.size() : TrafficEvent::utf8Size(text);
            e.note
                = stream.toAll ? tr("stream #%1 · to all").arg(tick) : tr("stream #%1").arg(tick);
            if (frame.isBinary)
                e.note += QStringLiteral(" · ") + tr("binary");
            emit trafficEvent(e);
        }
    }
    return !(stream.once && tick >= count);
}

void MockServer::onDisconnected(Connection *connection)
{
    QWebSocket *socket = connection->socket;
    socket->disconnect(this);
    if (watched()) {
        TrafficEvent e = makeEvent(TrafficEvent::Kind::Closed, connection);
        e.closeCode = int(socket->closeCode());
        e.closeReason = socket->closeReason();
        emit trafficEvent(e);
    }
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

int MockServer::broadcast(const QString &endpointPath, const QString &text)
{
    int sent = 0;
    const bool logging = watched();
    for (auto &[id, connection] : m_connections) {
        if (connection->endpoint < 0
            || m_spec->endpoints.at(connection->endpoint).path.text() != endpointPath)
            continue;
        ++sent;
        if (logging)
            emitSent(connection.get(), text, QStringLiteral("broadcast"));
        send(connection.get(), text);
    }
    return sent;
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
    *out = QSslConfiguration::defaultConfiguration();
    out->setLocalCertificateChain(chain);
    out->setPrivateKey(privateKey);
    out->setPeerVerifyMode(QSslSocket::VerifyNone);
    return true;
}
