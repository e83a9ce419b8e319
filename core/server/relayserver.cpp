#include "relayserver.h"

#include "upstreamrelay.h"

#include <QWebSocket>

RelayServer::RelayServer(const QUrl &upstream, QObject *parent)
    : QObject(parent)
    , m_upstream(upstream)
    , m_server(QStringLiteral("Mocket"), QWebSocketServer::NonSecureMode)
{
    m_connectTimeoutMs = UpstreamRelay::DefaultConnectTimeoutMs;
    m_stopTimer.setSingleShot(true);
    m_stopTimer.setInterval(StopWaitMs);
    connect(&m_stopTimer, &QTimer::timeout, this, &RelayServer::finishStopping);
    connect(&m_server, &QWebSocketServer::newConnection, this, &RelayServer::onNewConnection);
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
    while (QWebSocket *client = m_server.nextPendingConnection()) {
        auto *relay = new UpstreamRelay(client, upstreamFor(m_upstream, client->requestUrl()),
                                        ++m_nextId, this);
        relay->setConnectTimeout(m_connectTimeoutMs);
        relay->setUpstreamCertificate(m_certificate);
        m_relays.append(relay);
        connect(relay, &UpstreamRelay::trafficEvent, this, &RelayServer::trafficEvent);
        connect(relay, &UpstreamRelay::finished, this, [this, relay] {
            m_relays.removeOne(relay);
            relay->deleteLater();
            if (m_stopping && m_relays.isEmpty())
                finishStopping();
        });
        relay->start();
    }
}

void RelayServer::stop()
{
    if (m_stopping)
        return;
    m_stopping = true;
    m_server.close();
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
