// The benchmark's floor: the least a hand-written Qt WebSocket server needs to answer like
// resources/examples/echo.yml, and nothing more. No config, no routing, no matching engine,
// no templates, no events, no log.
//
//   on connect           -> {"status": "connected", "message": "Welcome to WebSocket Echo!"}
//   "ping"               -> "pong"
//   {"echo": X, ...}     -> {"echoed": X}      (X a JSON string, JSON-escaped again)
//   anything else        -> no reply
//
// Like Mocket, it listens with a QTcpServer whose backlog is raised to 1024 and hands each
// accepted socket to a QWebSocketServer (QWebSocketServer has no listen-backlog setting in
// Qt 6.4), so the listen queue is the same on both sides and is not what gets measured.
// Unlike Mocket it does not read the request line first: the handshake goes straight to Qt.
//
// Usage: bench-floor-server [--port N] [--host ADDR]   (port 0, the default, picks a free one)
// Prints "listening on ws://HOST:PORT" once listening, then serves until killed.

#include "floor_common.h"

#include <QCoreApplication>
#include <QHostAddress>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpServer>
#include <QTcpSocket>
#include <QWebSocket>
#include <QWebSocketServer>

#include <csignal>
#include <cstdio>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    std::signal(SIGPIPE, SIG_IGN);

    FloorArgs args;
    if (!parseFloorArgs(app.arguments(), "bench-floor-server", &args))
        return 2;

    const QString greeting
        = QStringLiteral(R"({"status": "connected", "message": "Welcome to WebSocket Echo!"})");

    QTcpServer tcp;
    QWebSocketServer ws(QStringLiteral("floor"), QWebSocketServer::NonSecureMode);
    ws.setMaxPendingConnections(1024);

    QObject::connect(&tcp, &QTcpServer::newConnection, &tcp, [&] {
        while (QTcpSocket *socket = tcp.nextPendingConnection())
            ws.handleConnection(socket);
    });
    QObject::connect(&ws, &QWebSocketServer::newConnection, &ws, [&] {
        while (QWebSocket *socket = ws.nextPendingConnection()) {
            QObject::connect(
                socket, &QWebSocket::textMessageReceived, socket, [socket](const QString &message) {
                    if (message == QLatin1String("ping")) {
                        socket->sendTextMessage(QStringLiteral("pong"));
                        return;
                    }
                    const QJsonDocument doc = QJsonDocument::fromJson(message.toUtf8());
                    if (!doc.isObject())
                        return;
                    const QJsonValue echo = doc.object().value(QLatin1String("echo"));
                    if (!echo.isString())
                        return;
                    socket->sendTextMessage(QLatin1String("{\"echoed\": ")
                                            + QString::fromUtf8(jsonQuoted(echo.toString()))
                                            + QLatin1Char('}'));
                });
            QObject::connect(socket, &QWebSocket::disconnected, socket, &QObject::deleteLater);
            socket->sendTextMessage(greeting);
        }
    });

    if (!listenLikeMocket(&tcp, args, "bench-floor-server"))
        return 3;
    std::printf("listening on ws://%s:%u\n", qPrintable(args.host.toString()),
                unsigned(tcp.serverPort()));
    std::fflush(stdout);
    return app.exec();
}
