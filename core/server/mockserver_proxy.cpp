// A `proxy:` endpoint's side of MockServer: each connection's own ProxyLink, what no rule
// answers sent to it, and what it sends relayed to the client.
#include "mockserver.h"

#include "handshakerequest.h"
#include "proxylink.h"
#include "upstreamhandshake.h"

#include <QTcpSocket>
#include <QTimer>
#include <QWebSocket>

namespace {
constexpr int CloseGraceMs = 2000; // what an upstream gets to answer a close
} // namespace

bool MockServer::holdForUpstream(QTcpSocket *socket, const HandshakeRequest &request)
{
    ParamMap pathParams;
    const Endpoint *endpoint = m_spec->route(request.path(), &pathParams);
    if (!endpoint || !endpoint->proxy)
        return false;
    const QNetworkRequest handshake = request.toNetworkRequest();
    const ParamMap queryParams = queryParamsOf(handshake.url());
    TemplateContext context { &pathParams, &queryParams, nullptr, nullptr };
    context.handshake = &handshake;
    auto *held = new UpstreamHandshake(socket, newLink(*endpoint->proxy, context), this);
    connect(held, &UpstreamHandshake::completed, this, [this](QWebSocket *client, ProxyLink *link) {
        link->setParent(this);
        setUpConnection(client, link);
    });
    held->start(handshake);
    return true;
}

ProxyLink *MockServer::newLink(const EndpointProxy &proxy, const TemplateContext &context)
{
    auto *link = new ProxyLink(QUrl(proxy.url.render(context)), this);
    link->setConnectTimeout(m_proxyConnectTimeout);
    link->setCertificates(proxy.anyCertificate ? ProxyLink::Certificates::AnyAccepted
                                               : ProxyLink::Certificates::Verified);
    return link;
}

void MockServer::linkUpstream(Connection *connection, const EndpointProxy &proxy, ProxyLink *link)
{
    if (!link)
        link = newLink(proxy, contextFor(connection, nullptr, nullptr));
    connection->upstream = link;
    const quint64 id = connection->id;
    connect(link, &ProxyLink::textReceived, this,
            [this, id](const QString &text) { relayFromUpstream(id, text); });
    connect(link, &ProxyLink::binaryReceived, this,
            [this, id](const QByteArray &data) { relayFromUpstream(id, data); });
    connect(link, &ProxyLink::closed, this, [this, id](int code, const QString &reason) {
        if (const auto it = m_connections.find(id); it != m_connections.end())
            it->second->socket->close(QWebSocketProtocol::CloseCode(code), reason);
    });
    connect(link, &ProxyLink::failed, this,
            [this, id](const QString &reason) { upstreamFailed(id, reason); });
    // The frames of one read from a plain client go up in one write: corked as they are
    // forwarded, sent once QWebSocket has taken them all (its slot runs first, being older).
    if (connection->direct)
        connect(connection->direct, &QTcpSocket::readyRead, link, &ProxyLink::uncork);
    if (!link->isOpening()) {
        link->open(connection->handshake);
        return;
    }
    link->releaseIncoming();
    if (!link->failureReason().isEmpty())
        upstreamFailed(id, link->failureReason());
}

void MockServer::upstreamFailed(quint64 connectionId, const QString &reason)
{
    const auto it = m_connections.find(connectionId);
    if (it == m_connections.end())
        return;
    if (watched())
        emit trafficEvent(TrafficEvent::error(sourceOf(it->second.get()),
                                              TrafficEvent::Cause::SocketError, { reason }));
    it->second->socket->close(ProxyLink::UpstreamFailed, reason);
}

// decoded: what a preset's session made of it, shown beside it.
bool MockServer::forwardUpstream(Connection *connection, const QString &text,
                                 const QString &decoded)
{
    if (!connection->upstream)
        return false;
    if (watched()) {
        TrafficEvent event = TrafficEvent::received(sourceOf(connection), text, QString());
        event.decoded = decoded;
        event.forwarded = true;
        emit trafficEvent(event);
    }
    if (connection->direct)
        connection->upstream->cork();
    connection->upstream->send(text);
    return true;
}

// The frame was logged as received already, as every binary frame is.
bool MockServer::forwardUpstream(Connection *connection, const QByteArray &data)
{
    if (!connection->upstream)
        return false;
    if (connection->direct)
        connection->upstream->cork();
    connection->upstream->send(data);
    return true;
}

void MockServer::relayFromUpstream(quint64 connectionId,
                                   const std::variant<QString, QByteArray> &frame)
{
    const auto it = m_connections.find(connectionId);
    if (it == m_connections.end() || it->second->dropping)
        return;
    Connection *connection = it->second.get();
    const QString *text = std::get_if<QString>(&frame);
    if (text)
        send(connection, *text);
    else
        connection->socket->sendBinaryMessage(std::get<QByteArray>(frame));
    if (watched()) {
        TrafficEvent event = text ? TrafficEvent::sent(sourceOf(connection), *text, QString())
                                  : TrafficEvent::sentBinary(
                                      sourceOf(connection), std::get<QByteArray>(frame), QString());
        event.origin = TrafficOrigin::Upstream;
        emit trafficEvent(event);
    }
    // A preset's session learns what the upstream's answers settle (the connect, for on-connect).
    if (text && connection->session)
        handleDecoded(connection, connection->session->upstreamFrame(*text));
}

// The client's close goes on to the upstream; the link goes once that close is through.
void MockServer::unlinkUpstream(Connection *connection)
{
    ProxyLink *link = std::exchange(connection->upstream, nullptr);
    if (!link)
        return;
    link->disconnect(this);
    connect(link, &ProxyLink::finished, link, &QObject::deleteLater);
    QTimer::singleShot(CloseGraceMs, link, &QObject::deleteLater);
    link->close(connection->socket->closeCode(), connection->socket->closeReason());
}
