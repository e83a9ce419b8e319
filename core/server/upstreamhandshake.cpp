#include "upstreamhandshake.h"

#include "proxylink.h"

#include <QNetworkRequest>
#include <QTcpSocket>
#include <QWebSocket>
#include <QWebSocketServer>

UpstreamHandshake::UpstreamHandshake(QTcpSocket *client, ProxyLink *link, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_link(link)
{
    client->setParent(this);
    link->setParent(this);
}

UpstreamHandshake::~UpstreamHandshake() = default;

void UpstreamHandshake::start(const QNetworkRequest &clientRequest)
{
    connect(m_client, &QTcpSocket::disconnected, this, &UpstreamHandshake::abandon);
    connect(m_link, &ProxyLink::opened, this, &UpstreamHandshake::complete);
    connect(m_link, &ProxyLink::failed, this, &UpstreamHandshake::complete);
    m_link->holdIncoming();
    m_link->open(clientRequest);
}

void UpstreamHandshake::complete()
{
    if (m_done || m_handshaker)
        return;
    if (!m_client || m_client->state() != QAbstractSocket::ConnectedState) {
        abandon();
        return;
    }
    m_link->disconnect(this);
    m_client->disconnect(this);
    // QWebSocketServer picks a subprotocol from the ones it supports: for this client, only
    // the upstream's.
    m_handshaker
        = new QWebSocketServer(QStringLiteral("Mocket"), QWebSocketServer::NonSecureMode, this);
    if (!m_link->subprotocol().isEmpty())
        m_handshaker->setSupportedSubprotocols({ m_link->subprotocol() });
    connect(m_handshaker, &QWebSocketServer::newConnection, this, [this] {
        QWebSocket *client = m_handshaker->nextPendingConnection();
        if (!client || m_done)
            return;
        m_done = true;
        client->setParent(nullptr);
        m_link->setParent(nullptr);
        // The plain socket stays with a long-lived owner, as a listener's sockets do.
        if (m_client && m_client->parent() == this)
            m_client->setParent(parent());
        emit completed(client, m_link);
        deleteLater();
    });
    connect(m_handshaker, &QWebSocketServer::serverError, this, &UpstreamHandshake::abandon);
    m_handshaker->handleConnection(m_client);
}

void UpstreamHandshake::abandon()
{
    if (m_done)
        return;
    m_done = true;
    if (m_client) {
        m_client->abort();
        m_client->deleteLater();
    }
    deleteLater(); // and the link, a child still
}
