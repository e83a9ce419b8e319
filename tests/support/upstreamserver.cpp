#include "upstreamserver.h"

#include <QWebSocket>

#include <algorithm>

UpstreamServer::UpstreamServer(const QSslConfiguration &tls)
    : m_server(QStringLiteral("upstream"),
               tls.isNull() ? QWebSocketServer::NonSecureMode : QWebSocketServer::SecureMode)
{
    if (!tls.isNull())
        m_server.setSslConfiguration(tls);
    connect(&m_server, &QWebSocketServer::newConnection, this, [this] {
        while (QWebSocket *socket = m_server.nextPendingConnection())
            serve(socket);
    });
    [[maybe_unused]] const bool listening = m_server.listen(QHostAddress::LocalHost, 0);
}

void UpstreamServer::serve(QWebSocket *socket)
{
    socket->setParent(this);
    requests.append(socket->request());
    subprotocols.append(socket->subprotocol());
    socket->sendTextMessage(QStringLiteral("hello ") + socket->requestUrl().path()
                            + QLatin1Char('?') + socket->requestUrl().query());
    connect(socket, &QWebSocket::textMessageReceived, socket, [this, socket](const QString &text) {
        received.append(text);
        if (text == QLatin1String("bye"))
            socket->close(QWebSocketProtocol::CloseCode(4001), QStringLiteral("done"));
        else if (text == QLatin1String("die"))
            socket->abort();
        else
            socket->sendTextMessage(QStringLiteral("echo: ") + text);
    });
    connect(socket, &QWebSocket::binaryMessageReceived, socket, [socket](QByteArray data) {
        std::reverse(data.begin(), data.end());
        socket->sendBinaryMessage(data);
    });
    connect(socket, &QWebSocket::disconnected, this, [this, socket] {
        closeCodes.append(socket->closeCode());
        closeReasons.append(socket->closeReason());
    });
}
