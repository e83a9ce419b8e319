#pragma once

#include "mockserver.h"

#include <QHostAddress>
#include <QString>
#include <QStringList>

#include <optional>

class QSslConfiguration;

// How a MockServer listens and what it accepts: the one set of options mocket-cli's flags and
// the workbench's toolbar and Server Settings both fill, applied by MockServer::applyOptions.
struct ServerOptions
{
    QString host = QStringLiteral("127.0.0.1"); // as the user wrote it
    QHostAddress address = QHostAddress::LocalHost; // host, parsed
    quint16 port = 8000; // 0 picks a free one
    qint64 maxMessageSize = MockServer::DefaultMaxMessageSize;
    int maxConnections = 0; // 0: no limit
    QStringList allowedOrigins; // empty: any
    QString tlsCertificate; // PEM files; both empty: plain ws://
    QString tlsKey;
    int handshakeTimeoutMs = MockServer::DefaultHandshakeTimeoutMs;
    qint64 maxPendingBytes = MockServer::DefaultMaxPendingBytes; // per connection
    qint64 maxTotalPendingBytes = MockServer::DefaultMaxTotalPendingBytes; // all together
    qint64 maxBodySize = MockServer::DefaultMaxBodySize; // HTTP request bodies
    bool cors = true; // answer HTTP CORS preflights and name the allowed origin
    bool control = false; // the control API under /__mocket/
    QString controlToken; // required beyond loopback; every call then sends it
    qsizetype journalCapacity = Journal::DefaultCapacity;

    // "localhost" or an IP address, IPv6 optionally in brackets; false (nothing changed) when
    // the text is neither.
    bool setHost(const QString &text);
    // A decimal port, 0 to 65535.
    static bool parsePort(const QString &text, quint16 *port);

    // Why the control API may not be served as set (beyond loopback without a token), or
    // empty.
    QString controlProblem() const;
    bool usesTls() const { return !tlsCertificate.isEmpty() || !tlsKey.isEmpty(); }
    // Reads the TLS files into *out; false with *error when they are set but unusable. No
    // configuration (and no TLS backend loaded) for plain ws://.
    bool loadTls(std::optional<QSslConfiguration> *out, QString *error) const;
    // The host as it goes into a URL: an IPv6 address in brackets.
    QString urlHost() const;
    enum class Scheme { WebSocket, Http };
    // Where server listens, as the user named its host: "ws://localhost:8000", "wss://[::1]:443",
    // or for HTTP "http://localhost:8000".
    QString urlOf(const MockServer &server, Scheme scheme = Scheme::WebSocket) const;
};

// 0.0.0.0, :: and the like: other machines can reach a server listening there.
bool isAllInterfaces(const QHostAddress &address);
