#include "handshakerequest.h"

#include "mockspec.h"

#include <algorithm>

using Cause = TrafficEvent::Cause;

HandshakeVerdict HandshakeVerdict::upgrade()
{
    HandshakeVerdict verdict;
    verdict.outcome = Outcome::Upgrade;
    return verdict;
}

HandshakeVerdict HandshakeVerdict::wait()
{
    return {};
}

HandshakeVerdict HandshakeVerdict::http()
{
    HandshakeVerdict verdict;
    verdict.outcome = Outcome::Http;
    return verdict;
}

HandshakeVerdict HandshakeVerdict::refuse(int status, TrafficEvent::Cause cause,
                                          const QStringList &details,
                                          const QByteArray &extraHeaders)
{
    HandshakeVerdict verdict;
    verdict.outcome = Outcome::Refuse;
    verdict.status = status;
    verdict.cause = cause;
    verdict.details = details;
    verdict.extraHeaders = extraHeaders;
    return verdict;
}

HandshakeVerdict HandshakeVerdict::overCapacity(int limit)
{
    return refuse(503, Cause::TooManyConnections, { QString::number(limit) });
}

QByteArray HandshakeVerdict::statusText() const
{
    switch (status) {
    case 400:
        return QByteArrayLiteral("Bad Request");
    case 403:
        return QByteArrayLiteral("Forbidden");
    case 404:
        return QByteArrayLiteral("Not Found");
    case 405:
        return QByteArrayLiteral("Method Not Allowed");
    case 413:
        return QByteArrayLiteral("Content Too Large");
    case 426:
        return QByteArrayLiteral("Upgrade Required");
    case 431:
        return QByteArrayLiteral("Request Header Fields Too Large");
    case 503:
        return QByteArrayLiteral("Service Unavailable");
    default:
        return {};
    }
}

namespace {
// Garbage is refused as soon as it shows: a request starts with an upper-case method.
bool startsLikeAMethod(QByteArrayView head)
{
    for (qsizetype position = 0; position < head.size(); ++position) {
        const char character = head.at(position);
        if (character == ' ' && position > 0)
            return true;
        if (character < 'A' || character > 'Z' || position >= 16)
            return false;
    }
    return true;
}

bool mentions(QByteArrayView value, QByteArrayView token)
{
    return value.toByteArray().toLower().contains(token);
}
} // namespace

HandshakeRequest HandshakeRequest::parse(QByteArrayView head, qint64 received)
{
    HandshakeRequest request;
    request.m_head = head;
    request.m_received = received < 0 ? head.size() : received;
    request.m_lineEnd = head.indexOf(QByteArrayView("\r\n"));
    request.m_headEnd = head.indexOf(QByteArrayView("\r\n\r\n"));
    request.m_looksLikeHttp = startsLikeAMethod(head);
    if (!request.m_looksLikeHttp || request.m_lineEnd <= 0)
        return request;
    // The request line: method, target and version, one space apart.
    const QByteArrayView line = head.first(request.m_lineEnd);
    const qsizetype targetStart = line.indexOf(' ') + 1;
    const qsizetype versionStart = line.indexOf(' ', targetStart) + 1;
    request.m_looksLikeHttp = targetStart > 0 && versionStart > 0
        && line.indexOf(' ', versionStart) < 0 && line.sliced(versionStart).startsWith("HTTP/");
    if (!request.m_looksLikeHttp)
        return request;
    request.m_method = line.first(targetStart - 1);
    request.m_target = line.sliced(targetStart, versionStart - 1 - targetStart);
    request.m_version = line.sliced(versionStart);
    return request;
}

QString HandshakeRequest::path() const
{
    qsizetype end = m_target.indexOf('?');
    if (end < 0)
        end = m_target.indexOf('#');
    return QString::fromUtf8(end < 0 ? m_target : m_target.first(end));
}

QByteArrayView HandshakeRequest::header(QByteArrayView name) const
{
    // Read in place: this runs for every connection.
    QByteArrayView value;
    if (!isComplete())
        return value;
    for (qsizetype at = m_lineEnd + 2; at < m_headEnd;) {
        qsizetype lineEnd = m_head.indexOf('\n', at);
        if (lineEnd < 0 || lineEnd > m_headEnd)
            lineEnd = m_headEnd;
        const QByteArrayView line = m_head.sliced(at, lineEnd - at);
        const qsizetype colon = line.indexOf(':');
        if (colon > 0 && line.first(colon).trimmed().compare(name, Qt::CaseInsensitive) == 0)
            value = line.sliced(colon + 1).trimmed(); // the last one, as a hash would keep
        at = lineEnd + 1;
    }
    return value;
}

// Whether the bytes are an HTTP/1.1 request head at all, and all of it.
std::optional<HandshakeVerdict> HandshakeRequest::formVerdict() const
{
    if (m_looksLikeHttp && !m_version.isEmpty() && m_version.compare("HTTP/1.1") < 0)
        return HandshakeVerdict::refuse(400, Cause::HttpVersion,
                                        { QString::fromLatin1(m_version) });
    if (!m_looksLikeHttp)
        return HandshakeVerdict::refuse(400, Cause::NotHttp);
    if (!isComplete()) {
        // The handshake timeout drops a client that never sends the rest.
        return m_head.size() >= MaxHead ? HandshakeVerdict::refuse(431, Cause::HeadTooLarge)
                                        : HandshakeVerdict::wait();
    }
    // RFC 6455 4.1: a client waits for the 101 before sending frames. QtWebSockets would
    // silently lose frames sent along with the request, so say so instead. (A plain HTTP
    // request may carry a body, or the next pipelined requests.)
    if (m_received > m_headEnd + 4 && isUpgrade())
        return HandshakeVerdict::refuse(400, Cause::DataBeforeResponse);
    return std::nullopt;
}

// The upgrade headers (RFC 6455 4.2.1), checked here so a bad handshake gets a clear HTTP
// answer instead of a silent close.
std::optional<HandshakeVerdict> HandshakeRequest::upgradeVerdict(const QString &path) const
{
    if (!mentions(header("upgrade"), "websocket") || !mentions(header("connection"), "upgrade"))
        return HandshakeVerdict::refuse(400, Cause::NotUpgrade, { path });
    const QByteArray key = QByteArray::fromBase64(header("sec-websocket-key").toByteArray(),
                                                  QByteArray::AbortOnBase64DecodingErrors);
    if (key.size() != 16)
        return HandshakeVerdict::refuse(400, Cause::BadKey, { path });
    const QByteArrayView version = header("sec-websocket-version");
    if (version != "13")
        return HandshakeVerdict::refuse(426, Cause::BadVersion,
                                        { path, QString::fromLatin1(version) },
                                        "Sec-WebSocket-Version: 13\r\n");
    return std::nullopt;
}

// Subprotocols are negotiated by QWebSocketServer over the union of every endpoint's; a request
// it would answer with another endpoint's protocol is refused here instead.
std::optional<HandshakeVerdict>
HandshakeRequest::subprotocolVerdict(const QString &path, const QStringList &endpointProtocols,
                                     const QStringList &offered) const
{
    const QByteArrayView requested = header("sec-websocket-protocol");
    if (requested.isEmpty())
        return std::nullopt;
    for (const QByteArray &name : requested.toByteArray().split(',')) {
        const QString protocol = QString::fromLatin1(name.trimmed());
        if (offered.contains(protocol) && !endpointProtocols.contains(protocol))
            return HandshakeVerdict::refuse(400, Cause::SubprotocolNotOffered,
                                            QStringList { path, protocol } + endpointProtocols);
    }
    return std::nullopt;
}

// Clients that send no Origin (non-browsers) are always allowed.
bool HandshakeRequest::originAllowed(const QStringList &allowedOrigins) const
{
    if (allowedOrigins.isEmpty())
        return true;
    const QString origin = QString::fromUtf8(header("origin"));
    return origin.isEmpty()
        || std::any_of(allowedOrigins.cbegin(), allowedOrigins.cend(),
                       [&origin](const QString &allowed) {
                           return allowed == QLatin1String("*")
                               || allowed.compare(origin, Qt::CaseInsensitive) == 0;
                       });
}

bool HandshakeRequest::isUpgrade() const
{
    return mentions(header("upgrade"), "websocket");
}

HandshakeVerdict HandshakeRequest::verdict(const HandshakePolicy &policy) const
{
    if (std::optional<HandshakeVerdict> form = formVerdict())
        return *form;
    const QString rawPath = path();
    if (policy.serveHttp && !isUpgrade())
        return httpVerdict(policy);
    if (m_method != "GET")
        return HandshakeVerdict::refuse(405, Cause::MethodNotAllowed,
                                        { rawPath, QString::fromLatin1(m_method) });
    const Endpoint *endpoint = policy.spec ? policy.spec->route(rawPath) : nullptr;
    if (!endpoint)
        return HandshakeVerdict::refuse(404, Cause::NoEndpoint, { rawPath });
    if (std::optional<HandshakeVerdict> upgrade = upgradeVerdict(rawPath))
        return *upgrade;
    if (std::optional<HandshakeVerdict> protocol
        = subprotocolVerdict(rawPath, endpoint->subprotocols, policy.offeredSubprotocols))
        return *protocol;
    if (!originAllowed(policy.allowedOrigins))
        return HandshakeVerdict::refuse(403, Cause::OriginNotAllowed,
                                        { rawPath, QString::fromUtf8(header("origin")) });
    return HandshakeVerdict::upgrade();
}

// A plain HTTP request goes to the HTTP service, unless its declared body is over the limit.
HandshakeVerdict HandshakeRequest::httpVerdict(const HandshakePolicy &policy) const
{
    bool known = false;
    const qint64 length = header("content-length").toLongLong(&known);
    if (known && length > policy.maxBodySize)
        return HandshakeVerdict::refuse(413, Cause::BodyTooLarge,
                                        { path(), QString::number(policy.maxBodySize) });
    return HandshakeVerdict::http();
}
