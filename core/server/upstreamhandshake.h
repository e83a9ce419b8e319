#pragma once

#include <QObject>
#include <QPointer>

class ProxyLink;
class QNetworkRequest;
class QTcpSocket;
class QWebSocket;
class QWebSocketServer;

// A client's WebSocket handshake held until its upstream has answered, so that the client gets
// the subprotocol the upstream chose: the link is opened with the client's request (headers
// and the subprotocols it asked for) and holds what the upstream sends; once the upstream is
// up, or has failed, the client's handshake is completed with that subprotocol (or none), and
// completed() hands over both sides. The client socket's request head must wait unread.
class UpstreamHandshake : public QObject
{
    Q_OBJECT

public:
    // Takes the client socket and the link (not yet opened) as children until completed().
    UpstreamHandshake(QTcpSocket *client, ProxyLink *link, QObject *parent = nullptr);
    ~UpstreamHandshake() override;

    void start(const QNetworkRequest &clientRequest);

signals:
    // The client is a WebSocket now, without a parent; the link (parentless too) may have
    // failed meanwhile (its failureReason()) and holds what the upstream sent until released.
    void completed(QWebSocket *client, ProxyLink *link);

private:
    void complete();
    void abandon(); // the client went away, or its handshake failed: both sides go

    QPointer<QTcpSocket> m_client;
    ProxyLink *m_link;
    QWebSocketServer *m_handshaker = nullptr;
    bool m_done = false;
};
