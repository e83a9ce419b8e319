#include "eventtext.h"

#include <QCoreApplication>

#include <algorithm>

namespace EventText {

namespace {
using Cause = TrafficEvent::Cause;

// The strings keep the context they were first translated in (MockServer), so the catalogues
// stay valid; English is the source text itself.
QString say(const char *source, Language language)
{
    return language == Language::English ? QString::fromUtf8(source)
                                         : QCoreApplication::translate("MockServer", source);
}

QString detailAt(const QStringList &details, qsizetype index)
{
    return details.value(index);
}

QString offeredSubprotocols(const QStringList &details, Language language)
{
    const QStringList offered = details.mid(2);
    return offered.isEmpty() ? say(QT_TRANSLATE_NOOP("MockServer", "none"), language)
                             : offered.join(QStringLiteral(", "));
}

// The causes that answered a request that was not a usable HTTP request at all.
QString malformedRequest(Cause cause, const QStringList &details, Language language)
{
    switch (cause) {
    case Cause::NotHttp:
        return say(QT_TRANSLATE_NOOP("MockServer", "not an HTTP request"), language);
    case Cause::HttpVersion:
        return say(QT_TRANSLATE_NOOP("MockServer", "WebSocket needs HTTP/1.1 or later, not %1"),
                   language)
            .arg(detailAt(details, 0));
    case Cause::HeadTooLarge:
        return say(QT_TRANSLATE_NOOP("MockServer", "request head too large"), language);
    case Cause::DataBeforeResponse:
        return say(QT_TRANSLATE_NOOP("MockServer", "data sent before the handshake response"),
                   language);
    case Cause::RequestLineTooLong:
        return say(QT_TRANSLATE_NOOP("MockServer", "request line longer than %1 bytes"), language)
            .arg(detailAt(details, 0));
    default:
        return {};
    }
}

// The causes that answered header lines the WebSocket handshake cannot take.
QString malformedHeaders(Cause cause, const QStringList &details, Language language)
{
    const QString path = detailAt(details, 0);
    switch (cause) {
    case Cause::HeaderTooLong:
        return say(QT_TRANSLATE_NOOP("MockServer", "%1: header %2 longer than %3 bytes"), language)
            .arg(path, detailAt(details, 1), detailAt(details, 2));
    case Cause::TooManyHeaders:
        return say(QT_TRANSLATE_NOOP("MockServer", "%1: more than %2 header lines"), language)
            .arg(path, detailAt(details, 1));
    case Cause::MalformedHeader:
        return say(QT_TRANSLATE_NOOP("MockServer", "%1: malformed header line '%2'"), language)
            .arg(path, detailAt(details, 1));
    default:
        return {};
    }
}

// The causes that refused a well-formed request for its path or headers.
QString refusedRequest(Cause cause, const QStringList &details, Language language)
{
    const QString path = detailAt(details, 0);
    switch (cause) {
    case Cause::MethodNotAllowed:
        return say(QT_TRANSLATE_NOOP("MockServer", "%1 %2: WebSocket handshakes use GET"), language)
            .arg(detailAt(details, 1), path);
    case Cause::NoEndpoint:
        return say(QT_TRANSLATE_NOOP("MockServer", "%1: no endpoint serves this path (404)"),
                   language)
            .arg(path);
    case Cause::NotUpgrade:
        return say(QT_TRANSLATE_NOOP("MockServer", "%1: not a WebSocket upgrade request"), language)
            .arg(path);
    case Cause::BadKey:
        return say(QT_TRANSLATE_NOOP("MockServer", "%1: missing or invalid Sec-WebSocket-Key"),
                   language)
            .arg(path);
    case Cause::BadHost:
        return say(QT_TRANSLATE_NOOP("MockServer", "%1: missing or invalid Host header '%2'"),
                   language)
            .arg(path, detailAt(details, 1));
    case Cause::UpgradeNotAlone:
        return say(QT_TRANSLATE_NOOP("MockServer", "%1: Upgrade must be websocket alone, not '%2'"),
                   language)
            .arg(path, detailAt(details, 1));
    case Cause::BadVersion:
        return say(QT_TRANSLATE_NOOP(
                       "MockServer",
                       "%1: unsupported Sec-WebSocket-Version '%2' (13 is supported)"),
                   language)
            .arg(path, detailAt(details, 1));
    case Cause::SubprotocolNotOffered:
        return say(QT_TRANSLATE_NOOP("MockServer",
                                     "%1 does not offer subprotocol %2 (it offers: %3)"),
                   language)
            .arg(path, detailAt(details, 1), offeredSubprotocols(details, language));
    case Cause::OriginNotAllowed:
        return say(QT_TRANSLATE_NOOP("MockServer", "%1: origin %2 is not allowed (403)"), language)
            .arg(path, detailAt(details, 1));
    default:
        return {};
    }
}

// The causes found by the server or a socket rather than in the request.
QString serverCause(Cause cause, const QStringList &details, Language language)
{
    const QString first = detailAt(details, 0);
    switch (cause) {
    case Cause::TooManyConnections:
        return say(QT_TRANSLATE_NOOP("MockServer", "too many connections (the limit is %1)"),
                   language)
            .arg(first);
    case Cause::TlsHandshakeFailed:
        return say(QT_TRANSLATE_NOOP("MockServer", "TLS handshake failed: %1"), language)
            .arg(first);
    case Cause::NotTls:
        return say(QT_TRANSLATE_NOOP("MockServer",
                                     "TLS handshake failed: not a TLS client hello: plain HTTP "
                                     "or ws:// sent to a wss:// port"),
                   language);
    case Cause::TlsTimedOut:
        return say(
            QT_TRANSLATE_NOOP("MockServer",
                              "TLS handshake failed: none came before the handshake timeout"),
            language);
    case Cause::BadHandshake:
        return say(QT_TRANSLATE_NOOP("MockServer", "bad WebSocket handshake: %1"), language)
            .arg(first);
    case Cause::SlowReader:
        return say(QT_TRANSLATE_NOOP(
                       "MockServer",
                       "client is not reading (%1 bytes waiting); connection dropped"),
                   language)
            .arg(first);
    case Cause::OverBudget:
        return say(QT_TRANSLATE_NOOP("MockServer",
                                     "client has more waiting than its limit (%1 bytes of "
                                     "delayed replies and unanswered messages, the limit is "
                                     "%2); connection dropped"),
                   language)
            .arg(first, detailAt(details, 1));
    case Cause::TotalBudget:
        return say(QT_TRANSLATE_NOOP("MockServer",
                                     "clients have more waiting than the server's limit (%2 "
                                     "bytes in all, the limit is %3); this one, holding the "
                                     "most (%1 bytes), dropped"),
                   language)
            .arg(first, detailAt(details, 1), detailAt(details, 2));
    case Cause::SocketError:
        return first;
    case Cause::WebhookFailed:
        return say(QT_TRANSLATE_NOOP("MockServer", "webhook to %1 failed: %2"), language)
            .arg(first, detailAt(details, 1));
    case Cause::BodyTooLarge:
        return say(QT_TRANSLATE_NOOP("MockServer",
                                     "request body to %1 is larger than the limit of %2 bytes"),
                   language)
            .arg(first, detailAt(details, 1));
    case Cause::MissingValue:
        return say(QT_TRANSLATE_NOOP("MockServer",
                                     "template value '{{%1}}' is missing; rendered empty"),
                   language)
            .arg(first);
    case Cause::ProtocolError:
        return say(QT_TRANSLATE_NOOP("MockServer", "%1 protocol error: %2; connection closed"),
                   language)
            .arg(first, detailAt(details, 1));
    default:
        return {};
    }
}

// The conversation's changes, and the actions its limits refused.
QString conversationCause(Cause cause, const QStringList &details, Language language)
{
    static const std::pair<Cause, const char *> texts[] = {
        { Cause::StateSet, QT_TRANSLATE_NOOP("MockServer", "state %1 (was %2)") },
        { Cause::VariableSet, QT_TRANSLATE_NOOP("MockServer", "vars.%1 = %2") },
        { Cause::SharedSet, QT_TRANSLATE_NOOP("MockServer", "shared.%1 = %2") },
        { Cause::VariableRemoved, QT_TRANSLATE_NOOP("MockServer", "vars.%1 removed") },
        { Cause::SharedRemoved, QT_TRANSLATE_NOOP("MockServer", "shared.%1 removed") },
        { Cause::StreamStarted, QT_TRANSLATE_NOOP("MockServer", "stream '%1' started") },
        { Cause::StreamStopped, QT_TRANSLATE_NOOP("MockServer", "stream '%1' stopped") },
        { Cause::StreamNotRunning,
          QT_TRANSLATE_NOOP("MockServer",
                            "stream '%1' not stopped: no stream runs under that key") },
        { Cause::StreamFinished,
          QT_TRANSLATE_NOOP("MockServer", "stream '%1' finished after %2 frames") },
        { Cause::StreamLimit,
          QT_TRANSLATE_NOOP("MockServer",
                            "stream '%1' not started: this connection already runs %2 streams, "
                            "the limit") },
        { Cause::VariableLimit,
          QT_TRANSLATE_NOOP("MockServer", "'%1' not set: %2 values are kept at most, the limit") },
        { Cause::ValueTooLarge,
          QT_TRANSLATE_NOOP("MockServer",
                            "'%1' not set: its value is larger than the limit of %2 bytes") },
    };
    for (const auto &[known, text] : texts) {
        if (known != cause)
            continue;
        const QString said = say(text, language);
        return said.contains(QLatin1String("%2"))
            ? said.arg(detailAt(details, 0), detailAt(details, 1))
            : said.arg(detailAt(details, 0));
    }
    return {};
}

QString audience(const TrafficEvent::Delivery &delivery, Language language)
{
    switch (delivery.reach) {
    case TrafficEvent::Reach::Endpoint:
        return say(QT_TRANSLATE_NOOP("MockServer", "to the endpoint (%1)"), language)
            .arg(delivery.recipients);
    case TrafficEvent::Reach::Others:
        return say(QT_TRANSLATE_NOOP("MockServer", "to others (%1)"), language)
            .arg(delivery.recipients);
    default:
        return {};
    }
}

QString streamFrame(const TrafficEvent::Delivery &delivery, Language language)
{
    return delivery.reach == TrafficEvent::Reach::All
        ? say(QT_TRANSLATE_NOOP("MockServer", "stream #%1 · to all"), language)
              .arg(delivery.streamTick)
        : say(QT_TRANSLATE_NOOP("MockServer", "stream #%1"), language).arg(delivery.streamTick);
}

QString escaped(char16_t unit)
{
    switch (unit) {
    case u'\n':
        return QStringLiteral("\\n");
    case u'\r':
        return QStringLiteral("\\r");
    case u'\t':
        return QStringLiteral("\\t");
    default:
        break;
    }
    if (unit < 0x80)
        return QStringLiteral("\\x%1").arg(uint(unit), 2, 16, QLatin1Char('0'));
    return QStringLiteral("\\u%1").arg(uint(unit), 4, 16, QLatin1Char('0'));
}

QString deliveryNote(const TrafficEvent::Delivery &delivery, Language language)
{
    QStringList parts;
    if (delivery.streamTick > 0)
        parts.append(streamFrame(delivery, language));
    if (delivery.delayMs > 0)
        parts.append(
            say(QT_TRANSLATE_NOOP("MockServer", "delayed %1ms"), language).arg(delivery.delayMs));
    const QString to = audience(delivery, language);
    if (!to.isEmpty())
        parts.append(to);
    if (delivery.binary)
        parts.append(say(QT_TRANSLATE_NOOP("MockServer", "binary"), language));
    return parts.join(QStringLiteral(" · "));
}
} // namespace

QString cause(TrafficEvent::Cause cause, const QStringList &details, Language language)
{
    QString text = malformedRequest(cause, details, language);
    if (text.isEmpty())
        text = malformedHeaders(cause, details, language);
    if (text.isEmpty())
        text = refusedRequest(cause, details, language);
    if (text.isEmpty())
        text = serverCause(cause, details, language);
    if (text.isEmpty())
        text = conversationCause(cause, details, language);
    return text;
}

QString detail(const TrafficEvent &event, Language language)
{
    return event.cause == Cause::None ? event.payload : cause(event.cause, event.details, language);
}

QString note(const TrafficEvent &event, Language language)
{
    if (event.kind == TrafficEvent::Kind::Opened)
        return event.subprotocol.isEmpty()
            ? QString()
            : say(QT_TRANSLATE_NOOP("MockServer", "subprotocol %1"), language)
                  .arg(event.subprotocol);
    return event.delivery.isPlain() ? QString() : deliveryNote(event.delivery, language);
}

QString relay(const TrafficEvent &event, Language language)
{
    if (!event.rule.isEmpty())
        return {};
    if (event.forwarded)
        return say(QT_TRANSLATE_NOOP("MockServer", "to upstream"), language);
    if (event.kind == TrafficEvent::Kind::Sent && event.origin == TrafficOrigin::Upstream)
        return say(QT_TRANSLATE_NOOP("MockServer", "upstream"), language);
    return {};
}

QString visible(const QString &text)
{
    const auto first = std::find_if(text.cbegin(), text.cend(),
                                    [](QChar c) { return obeyedByTerminals(c.unicode()); });
    if (first == text.cend())
        return text; // the usual case: shared, not copied
    QString shown = text.left(first - text.cbegin());
    shown.reserve(text.size() + 16);
    for (auto it = first; it != text.cend(); ++it) {
        if (obeyedByTerminals(it->unicode()))
            shown += escaped(it->unicode());
        else
            shown += *it;
    }
    return shown;
}

} // namespace EventText
