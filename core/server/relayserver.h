#pragma once

#include "trafficevent.h"
#include "upstreamrelay.h"

#include <QHostAddress>
#include <QObject>
#include <QTimer>
#include <QUrl>
#include <QSet>
#include <QTcpServer>

class ProxyLink;
class QTcpSocket;
class QWebSocket;
class UpstreamRelay;

// A recording proxy that needs no config: every WebSocket path it is asked for is relayed
// (UpstreamRelay) to the same path and query on the upstream, and what passes is told as
// TrafficEvents. A client's handshake waits for the upstream's (UpstreamHandshake), so the
// client gets the subprotocol the upstream chose.
class RelayServer : public QObject
{
    Q_OBJECT

public:
    static constexpr int StopWaitMs = 2000; // what stop() waits for the sides to close

    explicit RelayServer(const QUrl &upstream, QObject *parent = nullptr);
    ~RelayServer() override;

    bool listen(const QHostAddress &address, quint16 port);
    QString errorString() const { return m_server.errorString(); }
    quint16 serverPort() const { return m_server.serverPort(); }
    void setConnectTimeout(int ms) { m_connectTimeoutMs = ms; }
    void setUpstreamCertificate(UpstreamCertificate certificate) { m_certificate = certificate; }
    QUrl upstream() const { return m_upstream; }
    int connectionCount() const { return int(m_relays.size()); }
    // Stops listening and closes every connection with 1001; stopped() follows once all have
    // closed, or after StopWaitMs.
    void stop();

    // The upstream URL for a requested one: its path (after the upstream's own) and query.
    static QUrl upstreamFor(const QUrl &upstream, const QUrl &requested);

signals:
    void trafficEvent(const TrafficEvent &event);
    void stopped();

private:
    void onNewConnection();
    // Reads the client's request head so far; once whole, holds its handshake for the upstream.
    void inspect(QTcpSocket *socket);
    void startRelay(QWebSocket *client, ProxyLink *link);
    void finishStopping();

    QUrl m_upstream;
    QTcpServer m_server;
    QSet<QTcpSocket *> m_waiting; // sockets whose request head has not come whole yet
    QList<UpstreamRelay *> m_relays;
    quint64 m_nextId = 0;
    int m_connectTimeoutMs = 10000;
    UpstreamCertificate m_certificate = UpstreamCertificate::Verify;
    bool m_stopping = false;
    bool m_stopped = false;
    QTimer m_stopTimer;
};
