#include "trafficevent.h"

#include "eventtext.h"

#include <QDateTime>
#include <QNetworkRequest>
#include <QUrl>

#include <algorithm>
#include <charconv>
#include <cstring>
#include <limits>

QString TrafficEvent::kindName(Kind kind)
{
    switch (kind) {
    case Kind::Opened:
        return QStringLiteral("opened");
    case Kind::Received:
        return QStringLiteral("received");
    case Kind::Unmatched:
        return QStringLiteral("unmatched");
    case Kind::Binary:
        return QStringLiteral("binary");
    case Kind::Sent:
        return QStringLiteral("sent");
    case Kind::Warning:
        return QStringLiteral("warning");
    case Kind::Closed:
        return QStringLiteral("closed");
    case Kind::Refused:
        return QStringLiteral("refused");
    case Kind::Error:
        return QStringLiteral("error");
    case Kind::Http:
        return QStringLiteral("http");
    case Kind::Note:
        return QStringLiteral("note");
    }
    return {};
}

QString TrafficEvent::direction() const
{
    switch (kind) {
    case Kind::Received:
    case Kind::Unmatched:
    case Kind::Binary:
        return QStringLiteral("in");
    case Kind::Sent:
        return QStringLiteral("out");
    default:
        return QStringLiteral("-");
    }
}

QString TrafficEvent::sourceName() const
{
    if (kind == Kind::Sent)
        return origin == Origin::Upstream ? QStringLiteral("upstream") : QStringLiteral("mock");
    return direction() == QLatin1String("in") ? QStringLiteral("client") : QString();
}

namespace {
bool isAnyOf(const QByteArray &name, std::initializer_list<const char *> lowerCaseNames)
{
    const QByteArray lower = name.toLower();
    return std::any_of(lowerCaseNames.begin(), lowerCaseNames.end(),
                       [&lower](const char *candidate) { return lower == candidate; });
}
} // namespace

bool TrafficHandshake::isHandshakeOwn(const QByteArray &name)
{
    return isAnyOf(name,
                   { "host", "connection", "upgrade", "content-length", "sec-websocket-key",
                     "sec-websocket-version", "sec-websocket-extensions",
                     "sec-websocket-protocol" });
}

bool TrafficHandshake::isKept(const QByteArray &name)
{
    return !isHandshakeOwn(name)
        && !isAnyOf(name, { "authorization", "proxy-authorization", "cookie" });
}

TrafficHandshake TrafficHandshake::of(const QUrl &url, const QNetworkRequest &request)
{
    TrafficHandshake handshake;
    handshake.target = url.path(QUrl::FullyEncoded);
    if (url.hasQuery())
        handshake.target += QLatin1Char('?') + url.query(QUrl::FullyEncoded);
    for (const QByteArray &name : request.rawHeaderList()) {
        if (isKept(name))
            handshake.headers.emplace_back(name, request.rawHeader(name));
    }
    return handshake;
}

const char *TrafficEvent::causeName(Cause cause)
{
    static const char *const names[] = {
        "",
        "not-http",
        "http-version",
        "head-too-large",
        "data-before-response",
        "method-not-allowed",
        "no-endpoint",
        "not-upgrade",
        "bad-key",
        "bad-version",
        "subprotocol-not-offered",
        "origin-not-allowed",
        "too-many-connections",
        "tls-handshake-failed",
        "bad-handshake",
        "slow-reader",
        "socket-error",
        "missing-value",
        "webhook-failed",
        "body-too-large",
        "not-tls",
        "tls-timed-out",
        "over-budget",
        "total-budget",
        "state-set",
        "variable-set",
        "shared-set",
        "stream-started",
        "stream-stopped",
        "stream-finished",
        "stream-limit",
        "variable-limit",
        "value-too-large",
        "request-line-too-long",
        "header-too-long",
        "too-many-headers",
        "malformed-header",
        "bad-host",
        "upgrade-not-alone",
        "variable-removed",
        "shared-removed",
        "protocol-error",
        "stream-not-running",
    };
    static_assert(std::size(names) == size_t(TrafficEvent::LastCause) + 1);
    return names[int(cause)];
}

namespace {
TrafficEvent eventOf(TrafficEvent::Kind kind, const TrafficEvent::Source &source)
{
    TrafficEvent event;
    event.kind = kind;
    event.timestamp = QDateTime::currentMSecsSinceEpoch();
    event.connectionId = source.connectionId;
    event.path = source.path;
    return event;
}

// A refusal, error or warning: a cause and its raw details.
TrafficEvent causedEvent(TrafficEvent::Kind kind, const TrafficEvent::Source &source,
                         TrafficEvent::Cause cause, const QStringList &details)
{
    TrafficEvent event = eventOf(kind, source);
    event.cause = cause;
    event.details = details;
    return event;
}

QString hexPreview(const QByteArray &data)
{
    return QString::fromLatin1(data.left(64).toHex(' '));
}
} // namespace

TrafficEvent TrafficEvent::opened(const Source &source, const QString &peer,
                                  const ParamMap &pathParams, const ParamMap &queryParams,
                                  const QString &subprotocol, const TrafficHandshake &handshake)
{
    TrafficEvent event = eventOf(Kind::Opened, source);
    event.handshake = handshake;
    event.peer = peer;
    event.pathParams = pathParams;
    event.queryParams = queryParams;
    event.subprotocol = subprotocol;
    return event;
}

TrafficEvent TrafficEvent::received(const Source &source, const QString &text, const QString &rule)
{
    TrafficEvent event = eventOf(Kind::Received, source);
    event.payload = text;
    event.size = utf8Size(text);
    event.rule = rule;
    return event;
}

TrafficEvent TrafficEvent::unmatched(const Source &source, const QString &text,
                                     const QString &answeredBy)
{
    TrafficEvent event = eventOf(Kind::Unmatched, source);
    event.rule = answeredBy;
    event.payload = text;
    event.size = utf8Size(text);
    return event;
}

TrafficEvent TrafficEvent::binaryReceived(const Source &source, const QByteArray &data,
                                          const QString &rule)
{
    TrafficEvent event = eventOf(Kind::Binary, source);
    event.size = data.size();
    event.data = data;
    event.payload = hexPreview(data);
    if (data.size() > 64)
        event.payload += QStringLiteral(" …");
    event.rule = rule;
    return event;
}

TrafficEvent TrafficEvent::sent(const Source &source, const QString &text, const QString &rule,
                                const Delivery &delivery)
{
    TrafficEvent event = eventOf(Kind::Sent, source);
    event.payload = text;
    event.size = utf8Size(text);
    event.rule = rule;
    event.delivery = delivery;
    return event;
}

TrafficEvent TrafficEvent::httpExchange(const QString &peer, const QString &path,
                                        const QString &rule,
                                        std::shared_ptr<const HttpExchange> exchange)
{
    TrafficEvent event = eventOf(Kind::Http, { 0, path });
    event.peer = peer;
    event.rule = rule;
    event.status = exchange->status;
    event.size = exchange->responseBody.size();
    event.payload = QString::fromUtf8(exchange->responseBody);
    event.http = std::move(exchange);
    return event;
}

TrafficEvent TrafficEvent::sentBinary(const Source &source, const QByteArray &data,
                                      const QString &rule, Delivery delivery)
{
    TrafficEvent event = eventOf(Kind::Sent, source);
    event.payload = hexPreview(data);
    event.size = data.size();
    event.data = data;
    event.rule = rule;
    delivery.binary = true;
    event.delivery = delivery;
    return event;
}

TrafficEvent TrafficEvent::missingValue(const Source &source, const QString &rule,
                                        const QString &expression)
{
    TrafficEvent event = causedEvent(Kind::Warning, source, Cause::MissingValue, { expression });
    event.rule = rule;
    return event;
}

TrafficEvent TrafficEvent::closed(const Source &source, int code, const QString &reason)
{
    TrafficEvent event = eventOf(Kind::Closed, source);
    event.closeCode = code;
    event.closeReason = reason;
    return event;
}

TrafficEvent TrafficEvent::refused(const QString &peer, Cause cause, int status,
                                   const QStringList &details)
{
    TrafficEvent event = causedEvent(Kind::Refused, {}, cause, details);
    event.peer = peer;
    event.status = status;
    return event;
}

TrafficEvent TrafficEvent::error(const Source &source, Cause cause, const QStringList &details)
{
    return causedEvent(Kind::Error, source, cause, details);
}

TrafficEvent TrafficEvent::conversation(Kind kind, const Source &source, const QString &rule,
                                        Cause cause, const QStringList &details)
{
    TrafficEvent event = causedEvent(kind, source, cause, details);
    event.rule = rule;
    return event;
}

namespace {
// "u" and four hex digits, after the backslash.
char *writeUnicodeEscape(char *cursor, char16_t unit)
{
    static const char hex[] = "0123456789abcdef";
    *cursor++ = 'u';
    for (int shift = 12; shift >= 0; shift -= 4)
        *cursor++ = hex[(unit >> shift) & 0xf];
    return cursor;
}

void appendJsonString(QByteArray &out, QStringView text)
{
    // Encoded straight into out, UTF-16 to UTF-8 by hand, through a raw pointer into room made
    // beforehand: no temporary and no per-character append. A UTF-16 unit takes at most 6
    // bytes ("\u001f"); long texts go a slice at a time so the room made stays small.
    constexpr qsizetype Slice = 4096;
    const qsizetype length = text.size();
    out += '"';
    qsizetype position = 0;
    while (position < length) {
        const qsizetype sliceEnd = std::min(length, position + Slice);
        const qsizetype start = out.size();
        out.resize(start + (sliceEnd - position) * 6
                   + 4); // +4: a surrogate pair straddling the slice's end
        char *cursor = out.data() + start;
        for (; position < sliceEnd; ++position) {
            const char16_t unit = text[position].unicode();
            if (unit < 0x80) {
                if (unit >= 0x20 && unit != '"' && unit != '\\' && unit != 0x7f) {
                    *cursor++ = char(unit);
                    continue;
                }
                *cursor++ = '\\';
                switch (unit) {
                case '"':
                    *cursor++ = '"';
                    break;
                case '\\':
                    *cursor++ = '\\';
                    break;
                case '\n':
                    *cursor++ = 'n';
                    break;
                case '\r':
                    *cursor++ = 'r';
                    break;
                case '\t':
                    *cursor++ = 't';
                    break;
                default:
                    cursor = writeUnicodeEscape(cursor, unit);
                }
            } else if (EventText::obeyedByTerminals(unit)) {
                *cursor++ = '\\';
                cursor
                    = writeUnicodeEscape(cursor, unit); // for whoever reads the log in a terminal
            } else if (unit < 0x800) {
                *cursor++ = char(0xc0 | (unit >> 6));
                *cursor++ = char(0x80 | (unit & 0x3f));
            } else if (QChar::isHighSurrogate(unit) && position + 1 < length
                       && QChar::isLowSurrogate(text[position + 1].unicode())) {
                const char32_t codePoint = QChar::surrogateToUcs4(unit, text[++position].unicode());
                *cursor++ = char(0xf0 | (codePoint >> 18));
                *cursor++ = char(0x80 | ((codePoint >> 12) & 0x3f));
                *cursor++ = char(0x80 | ((codePoint >> 6) & 0x3f));
                *cursor++ = char(0x80 | (codePoint & 0x3f));
            } else if (QChar::isSurrogate(unit)) {
                *cursor++ = '?'; // a lone surrogate, sent as QString::toUtf8() sends it
            } else {
                *cursor++ = char(0xe0 | (unit >> 12));
                *cursor++ = char(0x80 | ((unit >> 6) & 0x3f));
                *cursor++ = char(0x80 | (unit & 0x3f));
            }
        }
        out.truncate(cursor - out.constData());
    }
    out += '"';
}

void appendField(QByteArray &out, const char *key)
{
    out += ",\"";
    out += key;
    out += "\":";
}

void appendParams(QByteArray &out, const char *key, const ParamMap &map)
{
    appendField(out, key);
    out += '{';
    QStringList keys = map.keys();
    keys.sort();
    bool first = true;
    for (const QString &key : std::as_const(keys)) {
        if (!first)
            out += ',';
        first = false;
        appendJsonString(out, key);
        out += ':';
        appendJsonString(out, map.value(key));
    }
    out += '}';
}
} // namespace

// Formatting a QDateTime per event costs more than the rest of a log line; the text only
// changes once a second, so it is kept per second and the milliseconds are appended.
static void appendTime(QByteArray &out, qint64 msecs, bool utcIso)
{
    struct Cache
    {
        qint64 second = std::numeric_limits<qint64>::min();
        QByteArray prefix;
    };
    thread_local Cache iso, local;
    Cache &cache = utcIso ? iso : local;
    const qint64 second = msecs >= 0 ? msecs / 1000 : (msecs - 999) / 1000;
    if (second != cache.second) {
        cache.second = second;
        const QDateTime secondStart = utcIso ? QDateTime::fromSecsSinceEpoch(second, Qt::UTC)
                                             : QDateTime::fromSecsSinceEpoch(second);
        cache.prefix = (utcIso ? secondStart.toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss."))
                               : secondStart.toString(QStringLiteral("HH:mm:ss.")))
                           .toLatin1();
    }
    const int ms = int(msecs - second * 1000);
    out += cache.prefix;
    const char digits[]
        = { char('0' + ms / 100), char('0' + ms / 10 % 10), char('0' + ms % 10), 'Z' };
    out.append(digits, utcIso ? 4 : 3);
}

qint64 TrafficEvent::utf8Size(QStringView text)
{
    qint64 size = 0;
    for (qsizetype position = 0; position < text.size(); ++position) {
        const char16_t unit = text.at(position).unicode();
        if (unit < 0x80) {
            size += 1;
        } else if (unit < 0x800) {
            size += 2;
        } else if (QChar::isHighSurrogate(unit) && position + 1 < text.size()
                   && QChar::isLowSurrogate(text.at(position + 1).unicode())) {
            size += 4;
            ++position;
        } else if (QChar::isSurrogate(unit)) {
            size += 1; // toUtf8() sends a lone surrogate as '?'
        } else {
            size += 3;
        }
    }
    return size;
}

namespace {
void appendLiteral(QByteArray &out, const char *text)
{
    out.append(text, qsizetype(std::strlen(text)));
}

void appendNumber(QByteArray &out, qint64 number)
{
    char digits[24];
    const auto result = std::to_chars(digits, digits + sizeof digits, number);
    out.append(digits, result.ptr - digits);
}

bool carriesMessage(TrafficEvent::Kind kind)
{
    return kind == TrafficEvent::Kind::Received || kind == TrafficEvent::Kind::Unmatched
        || kind == TrafficEvent::Kind::Binary || kind == TrafficEvent::Kind::Sent
        || kind == TrafficEvent::Kind::Http;
}

// Why a refusal, error or warning happened, as data: its cause's name, the HTTP status it
// answered and the raw details.
void appendCause(QByteArray &out, const TrafficEvent &event)
{
    appendLiteral(out, ",\"cause\":\"");
    appendLiteral(out, TrafficEvent::causeName(event.cause));
    out += '"';
    if (event.status != 0) {
        appendLiteral(out, ",\"status\":");
        appendNumber(out, event.status);
    }
    appendLiteral(out, ",\"details\":[");
    for (qsizetype i = 0; i < event.details.size(); ++i) {
        if (i > 0)
            out += ',';
        appendJsonString(out, event.details.at(i));
    }
    out += ']';
}

void appendHeaders(QByteArray &out, const HttpExchange::Headers &headers)
{
    out += '{';
    for (qsizetype i = 0; i < headers.size(); ++i) {
        if (i > 0)
            out += ',';
        appendJsonString(out, QString::fromLatin1(headers.at(i).first));
        out += ':';
        appendJsonString(out, QString::fromUtf8(headers.at(i).second));
    }
    out += '}';
}

// An HTTP exchange in full: enough to see, and to replay, what was asked and answered.
void appendHttp(QByteArray &out, const TrafficEvent &event)
{
    const HttpExchange &http = *event.http;
    appendLiteral(out, ",\"method\":");
    appendJsonString(out, QString::fromLatin1(http.method));
    appendLiteral(out, ",\"target\":");
    appendJsonString(out, http.target);
    appendLiteral(out, ",\"status\":");
    appendNumber(out, http.status);
    appendLiteral(out, ",\"ms\":");
    appendNumber(out, http.durationMs);
    appendLiteral(out, ",\"request\":{\"headers\":");
    appendHeaders(out, http.requestHeaders);
    appendLiteral(out, ",\"body\":");
    appendJsonString(out, QString::fromUtf8(http.requestBody));
    appendLiteral(out, "},\"response\":{\"headers\":");
    appendHeaders(out, http.responseHeaders);
    appendLiteral(out, "}");
}

// How a frame was sent when not plainly, as data (the note says it in words).
void appendDelivery(QByteArray &out, const TrafficDelivery &delivery)
{
    appendLiteral(out, ",\"delivery\":{\"delay-ms\":");
    appendNumber(out, delivery.delayMs);
    appendLiteral(out, ",\"reach\":");
    appendNumber(out, int(delivery.reach));
    appendLiteral(out, ",\"recipients\":");
    appendNumber(out, delivery.recipients);
    appendLiteral(out, ",\"stream-tick\":");
    appendNumber(out, delivery.streamTick);
    appendLiteral(out, ",\"binary\":");
    appendLiteral(out, delivery.binary ? "true}" : "false}");
}

// The fields only some kinds of event have.
void appendKindFields(QByteArray &out, const TrafficEvent &event)
{
    if (carriesMessage(event.kind)) {
        appendLiteral(out, ",\"size\":");
        appendNumber(out, event.size);
    }
    if (!event.data.isEmpty()) { // a binary frame in full; payload is only its preview
        appendLiteral(out, ",\"base64\":\"");
        out += event.data.toBase64();
        out += '"';
    }
    if (!event.peer.isEmpty()) {
        appendLiteral(out, ",\"peer\":");
        appendJsonString(out, event.peer);
    }
    if (event.kind == TrafficEvent::Kind::Opened) {
        appendParams(out, "path-params", event.pathParams);
        appendParams(out, "query-params", event.queryParams);
        if (!event.subprotocol.isEmpty()) {
            appendLiteral(out, ",\"subprotocol\":");
            appendJsonString(out, event.subprotocol);
        }
        appendLiteral(out, ",\"target\":");
        appendJsonString(out,
                         event.handshake.target.isEmpty() ? event.path : event.handshake.target);
        appendLiteral(out, ",\"headers\":");
        appendHeaders(out, event.handshake.headers);
    }
    if (!event.delivery.isPlain())
        appendDelivery(out, event.delivery);
    if (event.kind == TrafficEvent::Kind::Closed) {
        appendLiteral(out, ",\"code\":");
        appendNumber(out, event.closeCode);
        appendLiteral(out, ",\"reason\":");
        appendJsonString(out, event.closeReason);
    }
    if (event.cause != TrafficEvent::Cause::None)
        appendCause(out, event);
    if (event.http)
        appendHttp(out, event);
}
} // namespace

void TrafficEvent::appendJsonLine(QByteArray &out) const
{
    // Written with plain appends of known pieces: this runs for every frame when logging.
    static const char *const kinds[]
        = { "opened", "received", "unmatched", "binary", "sent", "warning",
            "closed", "refused",  "error",     "http",   "note" };
    const bool in = kind == Kind::Received || kind == Kind::Unmatched || kind == Kind::Binary;
    static_assert(SessionVersion == 1, "the \"v\" written below");
    appendLiteral(out, "{\"v\":1,\"time\":\"");
    appendTime(out, timestamp, true);
    appendLiteral(out, "\",\"event\":\"");
    appendLiteral(out, kinds[int(kind)]);
    appendLiteral(out, "\",\"connection\":");
    appendNumber(out, qint64(connectionId));
    appendLiteral(out, ",\"direction\":\"");
    appendLiteral(out, in ? "in" : kind == Kind::Sent ? "out" : "-");
    if (in)
        appendLiteral(out, "\",\"source\":\"client");
    else if (kind == Kind::Sent)
        appendLiteral(
            out, origin == Origin::Upstream ? "\",\"source\":\"upstream" : "\",\"source\":\"mock");
    appendLiteral(out, "\",\"path\":");
    appendJsonString(out, path);
    // A refusal, error or warning keeps its words in English here, beside its cause as data.
    appendLiteral(out, ",\"payload\":");
    if (cause == Cause::None)
        appendJsonString(out, payload);
    else
        appendJsonString(out, EventText::cause(cause, details, EventText::Language::English));
    appendLiteral(out, ",\"rule\":");
    if (rule.isEmpty())
        appendLiteral(out, "null");
    else
        appendJsonString(out, rule);
    if (!decoded.isEmpty()) {
        appendLiteral(out, ",\"decoded\":");
        appendJsonString(out, decoded);
    }
    const QString note = EventText::note(*this, EventText::Language::English);
    if (!note.isEmpty()) {
        appendLiteral(out, ",\"note\":");
        appendJsonString(out, note);
    }
    appendKindFields(out, *this);
    out += '}';
}

QByteArray TrafficEvent::toJsonLine() const
{
    QByteArray out;
    out.reserve(160 + payload.size());
    appendJsonLine(out);
    return out;
}

// The start of a long text; its line breaks and controls are made visible where it is printed
// (EventText::visible).
static QString preview(const QString &text)
{
    constexpr int Max = 200;
    if (text.size() <= Max)
        return text;
    return text.left(Max) + TrafficEvent::tr("… (%n bytes)", nullptr, int(text.toUtf8().size()));
}

QString TrafficEvent::httpLine() const
{
    const QString answered = rule.isEmpty() ? QString() : QStringLiteral("   [%1]").arg(rule);
    return tr("http %1 %2 -> %3 · %4 B in · %5 B out · %6 ms%7")
        .arg(QString::fromLatin1(http->method), preview(http->target))
        .arg(http->status)
        .arg(http->requestBody.size())
        .arg(size)
        .arg(http->durationMs)
        .arg(answered);
}

QString TrafficEvent::toLine() const
{
    QByteArray timeBytes;
    appendTime(timeBytes, timestamp, false);
    const QString time = QString::fromLatin1(timeBytes);
    const QString who
        = connectionId ? QStringLiteral("#%1").arg(connectionId) : QStringLiteral("--");
    QString what;
    switch (kind) {
    case Kind::Opened:
        what = tr("open %1 from %2").arg(path, peer);
        break;
    case Kind::Received:
        what = tr("<- %1   [%2]").arg(preview(payload), rule + EventText::relay(*this));
        break;
    case Kind::Unmatched:
        what = rule.isEmpty()
            ? tr("<- %1   [unmatched, no reply]").arg(preview(payload))
            : tr("<- %1   [unmatched, answered by %2]").arg(preview(payload), rule);
        break;
    case Kind::Binary:
        // As a text frame: the rule that answered it, or unmatched (an on-unmatched reply
        // follows on its own line).
        what = isUnmatched() ? tr("<- binary message, %n bytes   [unmatched]", nullptr, int(size))
                             : tr("<- binary message, %n bytes   [%1]", nullptr, int(size))
                                   .arg(rule + EventText::relay(*this));
        break;
    case Kind::Sent: {
        const QString note = EventText::note(*this);
        const QString by = rule + EventText::relay(*this);
        what = tr("-> %1   [%2]")
                   .arg(preview(payload), note.isEmpty() ? by : by + QStringLiteral(" · ") + note);
        break;
    }
    case Kind::Warning:
        what = tr("warning: %1").arg(EventText::detail(*this));
        break;
    case Kind::Note:
        what = tr("note: %1   [%2]").arg(EventText::detail(*this), rule);
        break;
    case Kind::Closed:
        what = closeReason.isEmpty() ? tr("closed %1").arg(closeCode)
                                     : tr("closed %1 %2").arg(closeCode).arg(closeReason);
        break;
    case Kind::Refused:
        what = peer.isEmpty() ? tr("refused %1").arg(EventText::detail(*this))
                              : tr("refused %1 from %2").arg(EventText::detail(*this), peer);
        break;
    case Kind::Error:
        what = tr("error: %1").arg(EventText::detail(*this));
        break;
    case Kind::Http:
        what = httpLine();
        break;
    }
    if (!decoded.isEmpty())
        what += QStringLiteral("   (%1)").arg(decoded);
    return time + QLatin1Char(' ') + who + QLatin1Char(' ') + what;
}
