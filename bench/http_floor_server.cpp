// The benchmark's HTTP floor: the least a hand-written Qt HTTP server needs to answer like
// bench/http.yml, and nothing more. No config, no routing table of its own, no templates, no
// events, no log: one QHttpServer route.
//
//   GET /hello/<name>    -> 200 {"hello": "<name>"}   (name JSON-escaped, same bytes as Mocket)
//   anything else        -> QHttpServer's own 404
//
// Like Mocket, it listens with a QTcpServer whose backlog is raised to 1024, so the listen
// queue is the same on both sides and is not what gets measured. Unlike Mocket it does not
// inspect the request head first (WebSocket upgrade or HTTP): the bytes go straight to Qt.
//
// Usage: bench-http-floor-server [--port N] [--host ADDR]   (port 0, the default, picks one)
// Prints "listening on http://HOST:PORT" once listening, then serves until killed.

#include "floor_common.h"

#include <QCoreApplication>
#include <QHostAddress>
#include <QHttpServer>
#include <QHttpServerResponse>
#include <QTcpServer>

#include <csignal>
#include <cstdio>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    std::signal(SIGPIPE, SIG_IGN);

    FloorArgs args;
    if (!parseFloorArgs(app.arguments(), "bench-http-floor-server", &args))
        return 2;

    QHttpServer http;
    http.route("/hello/<arg>", QHttpServerRequest::Method::Get, [](const QString &name) {
        return QHttpServerResponse(QByteArrayLiteral("application/json"),
                                   "{\"hello\": " + jsonQuoted(name) + '}');
    });

    QTcpServer tcp;
    if (!listenLikeMocket(&tcp, args, "bench-http-floor-server"))
        return 3;
    http.bind(&tcp);
    std::printf("listening on http://%s:%u\n", qPrintable(args.host.toString()),
                unsigned(tcp.serverPort()));
    std::fflush(stdout);
    return app.exec();
}
