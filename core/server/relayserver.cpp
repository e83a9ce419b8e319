#include "relayserver.h"

#include "handshakerequest.h"
#include "proxylink.h"
#include "upstreamhandshake.h"
#include "upstreamrelay.h"

#include <QTcpSocket>
#include <QWebSocket>

RelayServer::RelayServer(const QUrl &upstream, QObject *parent)
    : QObject(parent)
    , m_upstream(upstream)
{
    m_connectTimeoutMs = UpstreamRelay::DefaultConnectTimeoutMs;
    m_stopTimer.setSingleShot(true);
    m_stopTimer.setInterval(StopWaitMs);
    connect(&m_stopTimer, &QTimer::timeout, this, &RelayServer::finishStopping);
    connect(&m_server, &QTcpServer::newConnection, this, &RelayServer::onNewConnection);
}

RelayServer::~RelayServer()
{
    // The relays (children) go after m_relays: their last signals must not reach it.
    for (UpstreamRelay *relay : std::as_const(m_relays))
        relay->disconnect(this);
}

bool RelayServer::listen(const QHostAddress &address, quint16 port)
{
    return m_server.listen(address, port);
}

QUrl RelayServer::upstreamFor(const QUrl &upstream, const QUrl &requested)
{
    QUrl url = upstream;
    QString base = upstream.path(QUrl::FullyEncoded);
    while (base.endsWith(QLatin1Char('/')))
        base.chop(1);
    url.setPath(base + requested.path(QUrl::FullyEncoded), QUrl::StrictMode);
    url.setQuery(requested.query(QUrl::FullyEncoded), QUrl::StrictMode);
    return url;
}

void RelayServer::onNewConnection()
{
    while (QTcpSocket *socket = m_server.nextPendingConnection()) {
        m_waiting.insert(socket);
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] { inspect(socket); });
        connect(socket, &QTcpSocket::disconnected, this, [this, socket] {
            if (m_waiting.remove(socket))
                socket->deleteLater();
        });
        // A client that never sends its whole request head is dropped.
        QTimer::singleShot(m_connectTimeoutMs, socket, [this, socket] {
            if (!m_waiting.remove(socket))
                return;
            socket->abort();
            socket->deleteLater();
        });
    }
}

void RelayServer::inspect(QTcpSocket *socket)
{
    if (!m_waiting.contains(socket))
        return;
    const qint64 received = socket->bytesAvailable();
    const QByteArray head = socket->peek(std::min<qint64>(received, HandshakeRequest::MaxHead));
    const HandshakeRequest request = HandshakeRequest::parse(head, received);
    if (!request.isComplete()) {
        if (received >= HandshakeRequest::MaxHead) {
            m_waiting.remove(socket);
            socket->abort();
            socket->deleteLater();
        }
        return;
    }
    m_waiting.remove(socket);
    disconnect(socket, nullptr, this, nullptr);
    const QNetworkRequest handshake = request.toNetworkRequest();
    auto *link = new ProxyLink(upstreamFor(m_upstream, handshake.url()));
    link->setConnectTimeout(m_connectTimeoutMs);
    link->setCertificates(m_certificate == UpstreamCertificate::AcceptSelfSigned
                              ? ProxyLink::Certificates::AnyAccepted
                              : ProxyLink::Certificates::Verified);
    auto *held = new UpstreamHandshake(socket, link, this);
    connect(held, &UpstreamHandshake::completed, this, &RelayServer::startRelay);
    held->start(handshake);
}

void RelayServer::startRelay(QWebSocket *client, ProxyLink *link)
{
    auto *relay = new UpstreamRelay(client, link, ++m_nextId, this);
    m_relays.append(relay);
    connect(relay, &UpstreamRelay::trafficEvent, this, &RelayServer::trafficEvent);
    connect(relay, &UpstreamRelay::finished, this, [this, relay] {
        m_relays.removeOne(relay);
        relay->deleteLater();
        if (m_stopping && m_relays.isEmpty())
            finishStopping();
    });
    relay->start();
    if (m_stopping)
        relay->stop();
}

void RelayServer::stop()
{
    if (m_stopping)
        return;
    m_stopping = true;
    m_server.close();
    const QSet<QTcpSocket *> waiting = std::exchange(m_waiting, {});
    for (QTcpSocket *socket : waiting) {
        socket->abort();
        socket->deleteLater();
    }
    if (m_relays.isEmpty()) {
        QTimer::singleShot(0, this, &RelayServer::finishStopping);
        return;
    }
    m_stopTimer.start();
    for (UpstreamRelay *relay : std::as_const(m_relays))
        relay->stop();
}

void RelayServer::finishStopping()
{
    m_stopTimer.stop();
    if (m_stopped)
        return;
    m_stopped = true;
    emit stopped();
}
