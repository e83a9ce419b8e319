#include "httplayer.h"

#include <QHttpServerRequest>
#include <QList>
#include <QLoggingCategory>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>

// The QTcpServer QAbstractHttpServer takes its connections from. It never listens: the
// server's listener accepts every connection, and this one only queues those handed over.
// nextPendingConnection() is overridden so the queue is its own (QTcpServer's would warn that
// it is read while not listening).
class HttpLayer::Feed : public QTcpServer
{
public:
    using QTcpServer::QTcpServer;

    void offer(QTcpSocket *socket)
    {
        m_sockets.append(socket);
        // QAbstractHttpServer (6.4) takes connections on this signal, which only QTcpServer
        // itself may emit; invoking it through the meta-object system emits it as its own.
        QMetaObject::invokeMethod(this, "pendingConnectionAvailable", Qt::DirectConnection);
    }

    bool hasPendingConnections() const override { return !m_sockets.isEmpty(); }

    QTcpSocket *nextPendingConnection() override
    {
        while (!m_sockets.isEmpty()) {
            if (QTcpSocket *socket = m_sockets.takeFirst())
                return socket;
        }
        return nullptr;
    }

private:
    QList<QPointer<QTcpSocket>> m_sockets;
};

namespace {
QLoggingCategory::CategoryFilter g_previousFilter = nullptr;

// QAbstractHttpServer's own warnings are about uses made here by design (bind() given a
// server that does not listen) or handled here (an upgrade on a connection that carried HTTP
// is answered with a reason before Qt drops it): they would only confuse a user's terminal.
void withoutHttpServerWarnings(QLoggingCategory *category)
{
    if (g_previousFilter)
        g_previousFilter(category);
    if (qstrcmp(category->categoryName(), "qt.httpserver") == 0)
        category->setEnabled(QtWarningMsg, false);
}
} // namespace

HttpLayer::HttpLayer(Handler handler, QObject *parent)
    : QAbstractHttpServer(parent)
    , m_feed(new Feed(this))
    , m_handler(std::move(handler))
{
    static const bool filtered = [] {
        g_previousFilter = QLoggingCategory::installFilter(withoutHttpServerWarnings);
        return true;
    }();
    Q_UNUSED(filtered);
    bind(m_feed);
}

void HttpLayer::take(QTcpSocket *socket)
{
    m_feed->offer(socket);
    // The first request arrived before the parser was listening for readyRead; it is told
    // once, as QAbstractHttpServer itself does when it hands a socket on.
    QMetaObject::invokeMethod(socket, &QIODevice::readyRead, Qt::QueuedConnection);
}

bool HttpLayer::handleRequest(const QHttpServerRequest &request, QTcpSocket *socket)
{
    m_handler(request, socket);
    return true;
}

void HttpLayer::missingHandler(const QHttpServerRequest &, QTcpSocket *) { }
