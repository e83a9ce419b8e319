#include "upstreamrelay.h"

#include "directwritesocket.h"

UpstreamRelay::UpstreamRelay(QWebSocket *client, ProxyLink *link, quint64 connectionId,
                             QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_link(link)
    , m_source { connectionId, client->requestUrl().path(QUrl::FullyDecoded) }
{
    m_client->setParent(this);
    m_link->setParent(this);
}

UpstreamRelay::~UpstreamRelay()
{
    // The sockets go after this object's members: what they emit while closing must not
    // reach a relay half taken down.
    m_link->disconnect(this);
    m_client->disconnect(this);
}

void UpstreamRelay::start()
{
    connect(m_client, &QWebSocket::textMessageReceived, this,
            qOverload<const QString &>(&UpstreamRelay::forward));
    connect(m_client, &QWebSocket::binaryMessageReceived, this,
            qOverload<const QByteArray &>(&UpstreamRelay::forward));
    connect(m_client, &QWebSocket::disconnected, this, &UpstreamRelay::onClientGone);
    connect(m_link, &ProxyLink::opened, this, &UpstreamRelay::emitOpened);
    connect(m_link, &ProxyLink::failed, this, &UpstreamRelay::onUpstreamFailed);
    connect(m_link, &ProxyLink::closed, this, [this](int code, const QString &reason) {
        m_client->close(QWebSocketProtocol::CloseCode(code), reason);
    });
    connect(m_link, &ProxyLink::finished, this, [this] {
        m_upstreamClosed = true;
        finishWhenBothClosed();
    });
    connect(m_link, &ProxyLink::textReceived, this, [this](const QString &text) {
        TrafficEvent event = TrafficEvent::sent(m_source, text, QString());
        event.origin = TrafficOrigin::Upstream;
        emit trafficEvent(event);
        m_client->sendTextMessage(text);
    });
    connect(m_link, &ProxyLink::binaryReceived, this, [this](const QByteArray &data) {
        TrafficEvent event = TrafficEvent::sentBinary(m_source, data, QString());
        event.origin = TrafficOrigin::Upstream;
        emit trafficEvent(event);
        m_client->sendBinaryMessage(data);
    });
    if (!m_link->isOpening()) {
        m_link->open(m_client->request());
        return;
    }
    if (m_link->isUp())
        emitOpened();
    m_upstreamClosed = m_link->isFinished();
    m_link->releaseIncoming();
    if (!m_link->failureReason().isEmpty())
        onUpstreamFailed(m_link->failureReason());
}

void UpstreamRelay::stop()
{
    m_client->close(QWebSocketProtocol::CloseCodeGoingAway);
    m_link->close(QWebSocketProtocol::CloseCodeGoingAway, QString());
}

void UpstreamRelay::emitOpened()
{
    if (m_opened)
        return;
    m_opened = true;
    emit trafficEvent(TrafficEvent::opened(
        m_source, peerText(m_client->peerAddress(), m_client->peerPort()), {}, {},
        m_link->subprotocol(), TrafficHandshake::of(m_client->requestUrl(), m_client->request())));
}

void UpstreamRelay::forward(const QString &text)
{
    TrafficEvent event = TrafficEvent::received(m_source, text, QString());
    event.forwarded = true;
    emit trafficEvent(event);
    m_link->send(text);
}

void UpstreamRelay::forward(const QByteArray &data)
{
    TrafficEvent event = TrafficEvent::binaryReceived(m_source, data, QString());
    event.forwarded = true;
    emit trafficEvent(event);
    m_link->send(data);
}

void UpstreamRelay::onUpstreamFailed(const QString &reason)
{
    emitOpened();
    emit trafficEvent(TrafficEvent::error(m_source, TrafficEvent::Cause::SocketError, { reason }));
    m_client->close(UpstreamFailed, reason);
}

void UpstreamRelay::onClientGone()
{
    if (m_clientClosed)
        return;
    m_clientClosed = true;
    emitOpened();
    emit trafficEvent(
        TrafficEvent::closed(m_source, m_client->closeCode(), m_client->closeReason()));
    m_link->close(m_client->closeCode(), m_client->closeReason());
    finishWhenBothClosed();
}

void UpstreamRelay::finishWhenBothClosed()
{
    if (m_clientClosed && m_upstreamClosed && !m_finished) {
        m_finished = true;
        emit finished();
    }
}
