#pragma once

#include <QAbstractHttpServer>

#include <functional>

class QHttpServerRequest;
class QTcpSocket;

// Qt's HTTP/1.1 request parser (QAbstractHttpServer: heads, Content-Length and chunked bodies,
// pipelining, keep-alive) fed with connections the server's one listener accepted and
// inspected. The listener peeks at each request head to tell a WebSocket upgrade from plain
// HTTP; connections that carry HTTP are handed here, their first request still unread.
class HttpLayer : public QAbstractHttpServer
{
    Q_OBJECT

public:
    // Called for every complete request, in the order a connection sent them.
    using Handler = std::function<void(const QHttpServerRequest &request, QTcpSocket *socket)>;

    explicit HttpLayer(Handler handler, QObject *parent = nullptr);

    // Takes a connected socket whose first request is buffered (peeked, not read). From now
    // on the parser reads it; the socket is deleted once it disconnects.
    void take(QTcpSocket *socket);

protected:
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override;
    void missingHandler(const QHttpServerRequest &request, QTcpSocket *socket) override;

private:
    class Feed;
    Feed *m_feed = nullptr;
    Handler m_handler;
};
