#pragma once

// What the two floor servers (floor_server.cpp, http_floor_server.cpp) share: their command
// line and the JSON string escaping they answer with. Header-only: each is one small program.

#include <QByteArray>
#include <QHostAddress>
#include <QJsonArray>
#include <QJsonDocument>
#include <QString>
#include <QTcpServer>
#include <QStringList>

#include <cstdio>

struct FloorArgs
{
    quint16 port = 0; // 0 picks a free one
    QHostAddress host = QHostAddress(QHostAddress::LocalHost);
};

// [--port N] [--host ADDR]; prints the usage line for `program` and returns false otherwise.
inline bool parseFloorArgs(const QStringList &args, const char *program, FloorArgs *parsed)
{
    for (int i = 1; i < args.size(); ++i) {
        if (args.at(i) == QLatin1String("--port") && i + 1 < args.size()) {
            parsed->port = quint16(args.at(++i).toUInt());
        } else if (args.at(i) == QLatin1String("--host") && i + 1 < args.size()) {
            parsed->host = QHostAddress(args.at(++i));
        } else {
            std::fprintf(stderr, "usage: %s [--port N] [--host ADDR]\n", program);
            return false;
        }
    }
    return true;
}

// Listens like Mocket does: listen backlog raised to 1024, so the listen queue is the same on
// both sides and is not what gets measured. Prints why to stderr and returns false on failure.
inline bool listenLikeMocket(QTcpServer *tcp, const FloorArgs &args, const char *program)
{
    tcp->setListenBacklogSize(1024);
    tcp->setMaxPendingConnections(1024);
    if (tcp->listen(args.host, args.port))
        return true;
    std::fprintf(stderr, "%s: %s\n", program, qPrintable(tcp->errorString()));
    return false;
}

// The text as a quoted, escaped JSON string, as Mocket's templates insert a value into one.
inline QByteArray jsonQuoted(const QString &text)
{
    // ["X"] -> "X"
    const QByteArray array = QJsonDocument(QJsonArray { text }).toJson(QJsonDocument::Compact);
    return array.mid(1, array.size() - 2);
}
