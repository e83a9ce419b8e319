#pragma once

#include "trafficevent.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QNetworkRequest>
#include <QStringList>

#include <optional>

struct MockSpec;

// What the server answers a WebSocket upgrade request, decided on its head before any upgrade.
struct HandshakeVerdict
{
    enum class Outcome {
        Upgrade, // hand the connection to the WebSocket handshake proper
        Wait, // the head is not complete yet
        Refuse, // answer with an HTTP error and close
        Http, // a plain HTTP request: hand the connection to the HTTP service
    };

    Outcome outcome = Outcome::Wait;
    int status = 0; // the HTTP status of a refusal
    TrafficEvent::Cause cause = TrafficEvent::Cause::None;
    QStringList details; // as TrafficEvent::Cause lists them
    QByteArray extraHeaders; // response header lines ("Name: value\r\n") a refusal adds

    static HandshakeVerdict upgrade();
    static HandshakeVerdict wait();
    static HandshakeVerdict http();
    static HandshakeVerdict refuse(int status, TrafficEvent::Cause cause,
                                   const QStringList &details = {},
                                   const QByteArray &extraHeaders = {});
    // 503 for a client over the connection limit, refused before its request is read.
    static HandshakeVerdict overCapacity(int limit);

    QByteArray statusText() const; // "Not Found"
};

// What the server requires of a handshake beyond RFC 6455.
struct HandshakePolicy
{
    const MockSpec *spec = nullptr; // routes the request's path
    QStringList offeredSubprotocols; // every endpoint's, as QWebSocketServer negotiates them
    QStringList allowedOrigins; // empty: every origin
    bool serveHttp = false; // plain requests go to the HTTP service instead of being refused
    qint64 maxBodySize = 0; // with serveHttp: a larger Content-Length is refused with 413
};

// An HTTP upgrade request head as received so far, read in place: the bytes it was parsed
// from must outlive it.
class HandshakeRequest
{
public:
    static constexpr qsizetype MaxHead = 16384;
    // What QWebSocketServer (6.4) takes, and an upgrade is refused beyond: the request line
    // with its line end, one header line without it, and the number of header lines.
    static constexpr qsizetype MaxRequestLine = 8192;
    static constexpr qsizetype MaxHeaderField = 8192;
    static constexpr int MaxHeaderFields = 100;

    // head: the bytes received so far, at most MaxHead of them; received: how many bytes
    // arrived in all (-1: head's size), so frames sent after the head show.
    static HandshakeRequest parse(QByteArrayView head, qint64 received = -1);

    HandshakeVerdict verdict(const HandshakePolicy &policy) const;

    bool isComplete() const { return m_headEnd >= 0; }
    // Asks for a WebSocket (Upgrade: websocket); anything else is a plain HTTP request.
    bool isUpgrade() const;
    QByteArrayView method() const { return m_method; }
    QByteArrayView version() const { return m_version; }
    QString path() const; // the raw request target before any query or fragment
    // A header's value, trimmed; the last one when it repeats; empty when absent.
    QByteArrayView header(QByteArrayView name) const;
    // The first one when it repeats, as QWebSocketServer reads it.
    QByteArrayView firstHeader(QByteArrayView name) const;
    int headerCount(QByteArrayView name) const;
    // The request as Qt's WebSocket classes keep it: URL (ws:// with the Host header, the
    // target) and every header field.
    QNetworkRequest toNetworkRequest() const;

private:
    std::optional<HandshakeVerdict> formVerdict() const;
    // The request line and header fields of an upgrade, as QWebSocketServer would parse them.
    std::optional<HandshakeVerdict> fieldsVerdict(const QString &path) const;
    std::optional<HandshakeVerdict> hostVerdict(const QString &path) const;
    // Calls visit(name, value) for each header line, in order, until it returns false.
    template<typename Visit>
    void forEachHeader(Visit visit) const;
    HandshakeVerdict httpVerdict(const HandshakePolicy &policy) const;
    std::optional<HandshakeVerdict> upgradeVerdict(const QString &path) const;
    std::optional<HandshakeVerdict> keyVerdict(const QString &path) const;
    std::optional<HandshakeVerdict> subprotocolVerdict(const QString &path,
                                                       const QStringList &endpointProtocols,
                                                       const QStringList &offered) const;
    bool originAllowed(const QStringList &allowedOrigins) const;

    QByteArrayView m_head;
    qint64 m_received = 0;
    qsizetype m_lineEnd = -1; // the request line's "\r\n"
    qsizetype m_headEnd = -1; // the blank line's "\r\n\r\n"
    bool m_looksLikeHttp = false;
    QByteArrayView m_method;
    QByteArrayView m_target;
    QByteArrayView m_version;
};
