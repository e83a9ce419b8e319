#include "handshakerequest.h"

#include "mockspec.h"

#include <QUrl>

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
    case 414:
        return QByteArrayLiteral("URI Too Long");
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

// RFC 7230 3.2.6: a header's name is a token.
bool isFieldName(QByteArrayView name)
{
    static constexpr QByteArrayView others("!#$%&'*+-.^_`|~");
    return !name.isEmpty() && std::all_of(name.begin(), name.end(), [](char character) {
        return (character >= 'a' && character <= 'z') || (character >= 'A' && character <= 'Z')
            || (character >= '0' && character <= '9') || others.contains(character);
    });
}

bool startsWithSpace(QByteArrayView text)
{
    return text.startsWith(' ') || text.startsWith('\t');
}

// The line from `at` to its "\n", without its line end; `at` moves past it.
QByteArrayView takeLine(QByteArrayView head, qsizetype &at)
{
    qsizetype end = head.indexOf('\n', at);
    if (end < 0)
        end = head.size();
    QByteArrayView line = head.sliced(at, end - at);
    at = end + 1;
    return line.endsWith('\r') ? line.chopped(1) : line;
}

// A client's bytes as a refusal quotes them: the start of them.
QString quoted(QByteArrayView bytes)
{
    return QString::fromLatin1(bytes.first(std::min<qsizetype>(bytes.size(), 64)));
}

// As QWebSocketServer reads it: a comma-separated list of unsigned numbers.
bool isVersionList(QByteArrayView value)
{
    const QString text = QString::fromLatin1(value);
    for (const QStringView version : text.tokenize(QLatin1Char(','), Qt::SkipEmptyParts)) {
        bool number = false;
        const uint parsed = version.toUInt(&number);
        Q_UNUSED(parsed)
        if (!number)
            return false;
    }
    return true;
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
    // The request line: method, target and version, one space apart, no control characters.
    const QByteArrayView line = head.first(request.m_lineEnd);
    if (std::any_of(line.begin(), line.end(),
                    [](char character) { return uchar(character) < 0x20 || character == 0x7f; })) {
        request.m_looksLikeHttp = false;
        return request;
    }
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

template<typename Visit>
void HandshakeRequest::forEachHeader(Visit visit) const
{
    // Read in place: this runs for every connection.
    if (!isComplete())
        return;
    for (qsizetype at = m_lineEnd + 2; at < m_headEnd;) {
        qsizetype lineEnd = m_head.indexOf('\n', at);
        if (lineEnd < 0 || lineEnd > m_headEnd)
            lineEnd = m_headEnd;
        const QByteArrayView line = m_head.sliced(at, lineEnd - at);
        const qsizetype colon = line.indexOf(':');
        if (colon > 0 && !visit(line.first(colon).trimmed(), line.sliced(colon + 1).trimmed()))
            return;
        at = lineEnd + 1;
    }
}

QNetworkRequest HandshakeRequest::toNetworkRequest() const
{
    QNetworkRequest request(QUrl(QStringLiteral("ws://") + QString::fromUtf8(header("host"))
                                 + QString::fromUtf8(m_target)));
    forEachHeader([&request](QByteArrayView name, QByteArrayView value) {
        request.setRawHeader(name.toByteArray(), value.toByteArray());
        return true;
    });
    return request;
}

QByteArrayView HandshakeRequest::header(QByteArrayView name) const
{
    QByteArrayView value;
    forEachHeader([&](QByteArrayView field, QByteArrayView fieldValue) {
        if (field.compare(name, Qt::CaseInsensitive) == 0)
            value = fieldValue; // the last one, as a hash would keep
        return true;
    });
    return value;
}

QByteArrayView HandshakeRequest::firstHeader(QByteArrayView name) const
{
    QByteArrayView value;
    forEachHeader([&](QByteArrayView field, QByteArrayView fieldValue) {
        if (field.compare(name, Qt::CaseInsensitive) != 0)
            return true;
        value = fieldValue;
        return false;
    });
    return value;
}

int HandshakeRequest::headerCount(QByteArrayView name) const
{
    int count = 0;
    forEachHeader([&](QByteArrayView field, QByteArrayView) {
        count += field.compare(name, Qt::CaseInsensitive) == 0 ? 1 : 0;
        return true;
    });
    return count;
}

// Whether the bytes are an HTTP/1.1 request head at all, and all of it.
std::optional<HandshakeVerdict> HandshakeRequest::formVerdict() const
{
    // Read as QWebSocketServer reads it: a number after "HTTP/".
    bool number = false;
    if (m_looksLikeHttp && !m_version.isEmpty()
        && (QString::fromLatin1(m_version.sliced(5)).toFloat(&number) < 1.1f || !number))
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

// QWebSocketServer closes without a word on a request line or header field it cannot parse
// or that is over its limits: they are refused here instead, with a status that says why.
std::optional<HandshakeVerdict> HandshakeRequest::fieldsVerdict(const QString &path) const
{
    if (m_lineEnd + 2 > MaxRequestLine)
        return HandshakeVerdict::refuse(414, Cause::RequestLineTooLong,
                                        { QString::number(MaxRequestLine) });
    const qsizetype end = m_headEnd + 2; // past the last field's line end
    qsizetype at = m_lineEnd + 2;
    int fields = 0;
    while (at < end) {
        // A line starting with a space continues the one before (obsolete line folding):
        // refused, as RFC 7230 3.2.4 allows, since QWebSocketServer would read such a value
        // otherwise than here.
        const bool continuation = startsWithSpace(m_head.sliced(at));
        const QByteArrayView line = takeLine(m_head, at);
        const qsizetype colon = line.indexOf(':');
        if (continuation || colon <= 0 || !isFieldName(line.first(colon)))
            return HandshakeVerdict::refuse(400, Cause::MalformedHeader, { path, quoted(line) });
        if (++fields > MaxHeaderFields)
            return HandshakeVerdict::refuse(431, Cause::TooManyHeaders,
                                            { path, QString::number(MaxHeaderFields) });
        if (line.size() > MaxHeaderField)
            return HandshakeVerdict::refuse(
                431, Cause::HeaderTooLong,
                { path, quoted(line.first(colon)), QString::number(MaxHeaderField) });
    }
    return std::nullopt;
}

// RFC 7230 5.4: Host names the server; QWebSocketServer takes the first one.
std::optional<HandshakeVerdict> HandshakeRequest::hostVerdict(const QString &path) const
{
    const QByteArrayView host = firstHeader("host");
    QUrl url = QUrl::fromEncoded(m_target.toByteArray());
    const bool relative = url.isRelative();
    if (relative)
        url.setAuthority(QString::fromLatin1(host));
    if (url.host().isEmpty() || (relative && !url.userName().isNull()))
        return HandshakeVerdict::refuse(400, Cause::BadHost, { path, quoted(host) });
    return std::nullopt;
}

// The upgrade headers (RFC 6455 4.2.1), checked here so a bad handshake gets a clear HTTP
// answer instead of a silent close. QWebSocketServer reads the first Upgrade and Connection
// only, and Upgrade must be websocket alone.
std::optional<HandshakeVerdict> HandshakeRequest::upgradeVerdict(const QString &path) const
{
    const QByteArray connection = firstHeader("connection").toByteArray();
    const QList<QByteArray> options = connection.split(',');
    const bool asksUpgrade
        = std::any_of(options.cbegin(), options.cend(), [](const QByteArray &option) {
              return option.trimmed().compare("upgrade", Qt::CaseInsensitive) == 0;
          });
    if (!isUpgrade() || !asksUpgrade)
        return HandshakeVerdict::refuse(400, Cause::NotUpgrade, { path });
    const QByteArrayView upgrade = firstHeader("upgrade");
    if (upgrade.compare("websocket", Qt::CaseInsensitive) != 0)
        return HandshakeVerdict::refuse(400, Cause::UpgradeNotAlone, { path, quoted(upgrade) });
    if (std::optional<HandshakeVerdict> host = hostVerdict(path))
        return host;
    return keyVerdict(path);
}

// RFC 6455 11.3.1: one Sec-WebSocket-Key, of 16 bytes; and the version this server speaks.
std::optional<HandshakeVerdict> HandshakeRequest::keyVerdict(const QString &path) const
{
    const QByteArray key = QByteArray::fromBase64(header("sec-websocket-key").toByteArray(),
                                                  QByteArray::AbortOnBase64DecodingErrors);
    if (key.size() != 16 || headerCount("sec-websocket-key") != 1)
        return HandshakeVerdict::refuse(400, Cause::BadKey, { path });
    // Every one sent must read as a list of numbers, and the last must be 13.
    QByteArrayView version;
    forEachHeader([&version](QByteArrayView name, QByteArrayView value) {
        if (name.compare("sec-websocket-version", Qt::CaseInsensitive) != 0)
            return true;
        version = value;
        return isVersionList(value);
    });
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
    bool upgrade = false;
    forEachHeader([&upgrade](QByteArrayView name, QByteArrayView value) {
        upgrade = name.compare("upgrade", Qt::CaseInsensitive) == 0 && mentions(value, "websocket");
        return !upgrade;
    });
    return upgrade;
}

HandshakeVerdict HandshakeRequest::verdict(const HandshakePolicy &policy) const
{
    if (std::optional<HandshakeVerdict> form = formVerdict())
        return *form;
    const QString rawPath = path();
    if (policy.serveHttp && !isUpgrade())
        return httpVerdict(policy);
    if (std::optional<HandshakeVerdict> fields = fieldsVerdict(rawPath))
        return *fields;
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
