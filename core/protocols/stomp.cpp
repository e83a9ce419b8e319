#include "stomp.h"

#include <QStringList>

#include <algorithm>
#include <atomic>
#include <limits>

namespace Stomp {

using Protocols::Decoded;
using Protocols::Framing;

namespace {

// A client's text quoted in a problem: at most 40 characters, control characters as \xHH,
// so the ERROR frame's message header carries it in any STOMP version.
QString quoted(const QString &text)
{
    constexpr qsizetype shown = 40;
    QString quoted;
    for (const QChar c : text.left(shown)) {
        if (c.unicode() < 0x20 || c.unicode() == 0x7f)
            quoted += QStringLiteral("\\x%1").arg(c.unicode(), 2, 16, QChar(u'0'));
        else
            quoted += c;
    }
    return text.size() > shown ? quoted + QStringLiteral("…") : quoted;
}

// Reads a line ending in LF (a CR right before it dropped); nullopt when no LF follows.
std::optional<QByteArray> readLine(const QByteArray &bytes, qsizetype &pos)
{
    const qsizetype end = bytes.indexOf('\n', pos);
    if (end < 0)
        return std::nullopt;
    QByteArray line = bytes.mid(pos, end - pos);
    if (line.endsWith('\r'))
        line.chop(1);
    pos = end + 1;
    return line;
}

qsizetype skipEols(const QByteArray &bytes, qsizetype pos)
{
    while (pos < bytes.size()) {
        if (bytes.at(pos) == '\n')
            ++pos;
        else if (bytes.at(pos) == '\r' && pos + 1 < bytes.size() && bytes.at(pos + 1) == '\n')
            pos += 2;
        else
            break;
    }
    return pos;
}

bool isHandshake(const QByteArray &command)
{
    return command == "CONNECT" || command == "CONNECTED";
}

std::optional<QString> readHeaders(const QByteArray &bytes, qsizetype &pos, Escaping escaping,
                                   Frame &frame)
{
    for (;;) {
        const auto line = readLine(bytes, pos);
        if (!line || line->contains('\0'))
            return QStringLiteral(
                "the frame ends inside its headers (no blank line before the body)");
        if (line->isEmpty())
            return std::nullopt;
        if (frame.headers.size() == MaxHeaders)
            return QStringLiteral("more than %1 headers").arg(MaxHeaders);
        const qsizetype colon = line->indexOf(':');
        if (colon < 0)
            return QStringLiteral("header line without ':'");
        if (colon == 0)
            return QStringLiteral("header with an empty name");
        const auto name = unescapeHeader(QString::fromUtf8(line->left(colon)), escaping);
        const auto value = unescapeHeader(QString::fromUtf8(line->mid(colon + 1)), escaping);
        if (!name || !value)
            return QStringLiteral("header '%1' has an undefined escape sequence")
                .arg(quoted(QString::fromUtf8(line->left(colon))));
        frame.headers.append({ *name, *value });
    }
}

std::optional<qsizetype> octetCount(const QString &text)
{
    constexpr qsizetype maxDigits = 15;
    if (text.isEmpty() || text.size() > maxDigits
        || !std::all_of(text.cbegin(), text.cend(), [](QChar c) { return c >= u'0' && c <= u'9'; }))
        return std::nullopt;
    return text.toLongLong();
}

std::optional<QString> readBody(const QByteArray &bytes, qsizetype &pos, Frame &frame)
{
    qsizetype end = -1;
    if (const auto length = frame.header(QStringLiteral("content-length"))) {
        const auto count = octetCount(*length);
        if (!count)
            return QStringLiteral("content-length '%1' is not a number of octets")
                .arg(quoted(*length));
        if (*count >= bytes.size() - pos + 1)
            return QStringLiteral("content-length %1 is more than the %2 octets after the headers")
                .arg(*count)
                .arg(bytes.size() - pos);
        end = pos + *count;
        if (end >= bytes.size() || bytes.at(end) != '\0')
            return QStringLiteral("no NUL after the %1 octets of content-length").arg(*count);
    } else {
        end = bytes.indexOf('\0', pos);
        if (end < 0)
            return QStringLiteral("the frame does not end with a NUL octet");
    }
    frame.body = bytes.mid(pos, end - pos);
    pos = end + 1;
    return std::nullopt;
}

Parsed malformed(const QString &problem)
{
    Parsed parsed;
    parsed.kind = Parsed::Kind::Malformed;
    parsed.problem = problem;
    return parsed;
}

} // namespace

std::optional<QString> Frame::header(const QString &name) const
{
    for (const auto &[headerName, value] : headers) {
        if (headerName == name)
            return value;
    }
    return std::nullopt;
}

Parsed parse(const QByteArray &message, Escaping escaping)
{
    qsizetype pos = skipEols(message, 0);
    if (pos == message.size())
        return {};
    const auto command = readLine(message, pos);
    if (!command || command->contains('\0'))
        return malformed(QStringLiteral("the frame has no line break after its command"));
    Parsed parsed;
    parsed.kind = Parsed::Kind::Frame;
    parsed.frame.command = *command;
    const Escaping headerEscaping = isHandshake(*command) ? Escaping::None : escaping;
    if (auto problem = readHeaders(message, pos, headerEscaping, parsed.frame))
        return malformed(*problem);
    if (auto problem = readBody(message, pos, parsed.frame))
        return malformed(*problem);
    if (skipEols(message, pos) != message.size())
        return malformed(QStringLiteral("more than one frame in one WebSocket message"));
    return parsed;
}

QByteArray serialize(const Frame &frame, Escaping escaping)
{
    const Escaping headerEscaping = isHandshake(frame.command) ? Escaping::None : escaping;
    QByteArray text = frame.command + '\n';
    for (const auto &[name, value] : frame.headers)
        text += escapeHeader(name, headerEscaping).toUtf8() + ':'
            + escapeHeader(value, headerEscaping).toUtf8() + '\n';
    text += '\n';
    text += frame.body;
    text += '\0';
    return text;
}

QString escapeHeader(const QString &text, Escaping escaping)
{
    QString escaped;
    escaped.reserve(text.size());
    for (const QChar c : text) {
        if (escaping == Escaping::None)
            escaped += c == u'\n' ? QChar(u' ') : c; // a line break cannot be written
        else if (c == u'\\')
            escaped += u"\\\\";
        else if (c == u'\n')
            escaped += u"\\n";
        else if (c == u':')
            escaped += u"\\c";
        else if (c == u'\r')
            escaped += escaping == Escaping::V12 ? QStringView(u"\\r") : QStringView(u" ");
        else
            escaped += c;
    }
    return escaped;
}

std::optional<QString> unescapeHeader(const QString &text, Escaping escaping)
{
    if (escaping == Escaping::None || !text.contains(u'\\'))
        return text;
    QString plain;
    plain.reserve(text.size());
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (text.at(i) != u'\\') {
            plain += text.at(i);
            continue;
        }
        const QChar next = i + 1 < text.size() ? text.at(++i) : QChar();
        if (next == u'\\')
            plain += u'\\';
        else if (next == u'n')
            plain += u'\n';
        else if (next == u'c')
            plain += u':';
        else if (next == u'r' && escaping == Escaping::V12)
            plain += u'\r';
        else
            return std::nullopt;
    }
    return plain;
}

QStringList subprotocols()
{
    return { QStringLiteral("v12.stomp"), QStringLiteral("v11.stomp"),
             QStringLiteral("v10.stomp") };
}

namespace {

// STOMP 1.2 asks for a WebSocket close after an ERROR; 1002 says the client broke the protocol.
constexpr int ProtocolErrorClose = 1002;
constexpr int MaxHeartBeatMs = 24 * 60 * 60 * 1000;

const QStringList &clientCommands()
{
    static const QStringList commands { QStringLiteral("CONNECT"),     QStringLiteral("STOMP"),
                                        QStringLiteral("SEND"),        QStringLiteral("SUBSCRIBE"),
                                        QStringLiteral("UNSUBSCRIBE"), QStringLiteral("BEGIN"),
                                        QStringLiteral("COMMIT"),      QStringLiteral("ABORT"),
                                        QStringLiteral("ACK"),         QStringLiteral("NACK"),
                                        QStringLiteral("DISCONNECT") };
    return commands;
}

QString shortened(const QString &text)
{
    constexpr qsizetype shown = 200;
    return text.size() > shown ? text.left(shown) + QStringLiteral("…") : text;
}

// The versions this preset speaks, newest first.
const QStringList &versions()
{
    static const QStringList spoken { QStringLiteral("1.2"), QStringLiteral("1.1"),
                                      QStringLiteral("1.0") };
    return spoken;
}

// The newest version both sides speak; an absent accept-version means STOMP 1.0.
QString negotiatedVersion(const Frame &frame)
{
    const QString accepted
        = frame.header(QStringLiteral("accept-version")).value_or(QStringLiteral("1.0"));
    const QStringList offered = accepted.split(u',');
    for (const QString &version : versions()) {
        if (std::any_of(offered.cbegin(), offered.cend(),
                        [&version](const QString &item) { return item.trimmed() == version; }))
            return version;
    }
    return {};
}

std::optional<std::pair<int, int>> heartBeat(const Frame &frame)
{
    const QString text = frame.header(QStringLiteral("heart-beat")).value_or(QStringLiteral("0,0"));
    const QStringList parts = text.split(u',');
    if (parts.size() != 2)
        return std::nullopt;
    bool firstOk = false;
    bool secondOk = false;
    const qlonglong first = parts.at(0).trimmed().toLongLong(&firstOk);
    const qlonglong second = parts.at(1).trimmed().toLongLong(&secondOk);
    if (!firstOk || !secondOk || first < 0 || second < 0)
        return std::nullopt;
    return std::pair { static_cast<int>(std::min<qlonglong>(first, MaxHeartBeatMs)),
                       static_cast<int>(std::min<qlonglong>(second, MaxHeartBeatMs)) };
}

Escaping escapingOf(const QString &version)
{
    if (version == u"1.2")
        return Escaping::V12;
    return version == u"1.1" ? Escaping::V11 : Escaping::None;
}

QHash<QString, QString> headerParams(const Frame &frame)
{
    QHash<QString, QString> params;
    params.insert(QStringLiteral("command"), QString::fromUtf8(frame.command));
    for (const auto &[name, value] : frame.headers)
        params.insert(QStringLiteral("header.") + name,
                      params.value(QStringLiteral("header.") + name, value));
    return params;
}

QString nextSessionId()
{
    static std::atomic<quint64> sessions { 0 };
    return QStringLiteral("mocket-%1").arg(++sessions);
}

QString contentTypeOf(const QString &payload, const QHash<QString, QString> &params)
{
    const QString given = params.value(QStringLiteral("header.content-type"));
    if (!given.isEmpty())
        return given;
    const QString trimmed = payload.trimmed();
    const bool json = (trimmed.startsWith(u'{') && trimmed.endsWith(u'}'))
        || (trimmed.startsWith(u'[') && trimmed.endsWith(u']'));
    return json ? QStringLiteral("application/json") : QStringLiteral("text/plain;charset=utf-8");
}

} // namespace

Session::Session(int heartBeatMs)
    : m_heartBeatMs(std::clamp(heartBeatMs, 0, MaxHeartBeatMs))
    , m_sessionId(nextSessionId())
{ }

QStringList Session::opened()
{
    return {}; // the client speaks first (CONNECT)
}

Decoded Session::decode(const QString &frame)
{
    return decodeBytes(frame.toUtf8());
}

Decoded Session::decodeBinary(const QByteArray &frame)
{
    return decodeBytes(frame);
}

int Session::keepAliveMs() const
{
    return m_keepAliveMs;
}

QString Session::keepAlive()
{
    return QStringLiteral("\n");
}

Decoded Session::decodeBytes(const QByteArray &message)
{
    if (m_ended) {
        // After an ERROR or DISCONNECT the connection is closing: frames that were already
        // on their way get no answer.
        Decoded late;
        late.summary = QStringLiteral("stomp frame after the end of the session, ignored");
        return late;
    }
    const Stomp::Parsed parsed = Stomp::parse(message, m_escaping);
    if (parsed.kind == Stomp::Parsed::Kind::Malformed)
        return bad(parsed.problem, nullptr);
    if (parsed.kind == Stomp::Parsed::Kind::HeartBeat) {
        Decoded beat;
        beat.summary = QStringLiteral("stomp heart-beat");
        return beat;
    }
    return dispatch(parsed.frame);
}

Decoded Session::dispatch(const Frame &frame)
{
    const QByteArray &command = frame.command;
    const QString name = QString::fromUtf8(command);
    if (!clientCommands().contains(name))
        return bad(QStringLiteral("'%1' is not a STOMP client command").arg(quoted(name)), &frame);
    if (!frame.body.isEmpty() && command != "SEND")
        return bad(QStringLiteral("a %1 frame has no body").arg(name), &frame);
    const bool connecting = command == "CONNECT" || command == "STOMP";
    if (connecting)
        return m_connected
            ? bad(QStringLiteral("%1 on a connection already connected").arg(name), &frame)
            : connect(frame);
    if (!m_connected)
        return bad(QStringLiteral("%1 before CONNECT").arg(name), &frame);
    if (command == "SEND")
        return send(frame);
    if (command == "SUBSCRIBE")
        return subscribe(frame);
    if (command == "UNSUBSCRIBE")
        return unsubscribe(frame);
    if (command == "DISCONNECT")
        return disconnect(frame);
    return acknowledged(frame);
}

Decoded Session::upstreamFrame(const QString &frame)
{
    Decoded out;
    if (!frame.startsWith(QLatin1String("CONNECTED")))
        return out;
    // A CONNECTED frame's headers are never escaped, in any version.
    const Stomp::Parsed parsed = Stomp::parse(frame.toUtf8(), Escaping::None);
    if (parsed.kind != Stomp::Parsed::Kind::Frame || parsed.frame.command != "CONNECTED")
        return out;
    const QString version
        = parsed.frame.header(QStringLiteral("version")).value_or(QStringLiteral("1.0"));
    if (!versions().contains(version))
        return out; // not a version this preset speaks: the client's offer stands
    m_version = version;
    m_escaping = escapingOf(version);
    out.summary = QStringLiteral("stomp CONNECTED (version %1)").arg(version);
    return out;
}

Decoded Session::connect(const Frame &frame)
{
    const QString version = negotiatedVersion(frame);
    if (version.isEmpty())
        return bad(QStringLiteral("no common STOMP version: this server speaks 1.0, 1.1 and 1.2"),
                   &frame, { { QStringLiteral("version"), QStringLiteral("1.2,1.1,1.0") } });
    const auto beats = heartBeat(frame);
    if (!beats)
        return bad(QStringLiteral("heart-beat '%1' is not two numbers of milliseconds")
                       .arg(quoted(frame.header(QStringLiteral("heart-beat")).value_or(QString()))),
                   &frame);
    m_connected = true;
    m_version = version;
    m_escaping = escapingOf(version);
    const int clientWants = beats->second;
    m_keepAliveMs
        = (clientWants > 0 && m_heartBeatMs > 0) ? std::max(clientWants, m_heartBeatMs) : 0;

    Frame connected;
    connected.command = "CONNECTED";
    connected.headers
        = { { QStringLiteral("version"), version },
            { QStringLiteral("heart-beat"), QStringLiteral("%1,%1").arg(m_heartBeatMs) },
            { QStringLiteral("session"), m_sessionId },
            { QStringLiteral("server"), QStringLiteral("Mocket") } };
    Decoded decoded;
    decoded.action = Decoded::Action::Connected;
    decoded.command = QString::fromUtf8(frame.command);
    decoded.params = headerParams(frame);
    decoded.params.insert(QStringLiteral("version"), version);
    decoded.params.insert(QStringLiteral("session"), m_sessionId);
    decoded.replies = { QString::fromUtf8(Stomp::serialize(connected, m_escaping)) };
    decoded.summary = QStringLiteral("stomp %1 (version %2)").arg(decoded.command, version);
    return decoded;
}

Decoded Session::send(const Frame &frame)
{
    const auto destination = frame.header(QStringLiteral("destination"));
    if (!destination)
        return bad(QStringLiteral("SEND without a destination header"), &frame);
    Decoded decoded;
    decoded.action = Decoded::Action::Message;
    decoded.command = QStringLiteral("SEND");
    decoded.name = *destination;
    decoded.payload = QString::fromUtf8(frame.body);
    decoded.params = headerParams(frame);
    decoded.params.insert(QStringLiteral("destination"), *destination);
    decoded.after = receipt(frame);
    decoded.summary
        = QStringLiteral("stomp SEND %1 %2").arg(*destination, shortened(decoded.payload));
    return decoded;
}

std::optional<QString> Session::subscriptionId(const Frame &frame) const
{
    // STOMP 1.0 made the id optional; its subscriptions are then known by destination.
    const auto id = frame.header(QStringLiteral("id"));
    if (id || m_version != u"1.0")
        return id;
    return frame.header(QStringLiteral("destination"));
}

Decoded Session::subscribe(const Frame &frame)
{
    const auto destination = frame.header(QStringLiteral("destination"));
    if (!destination)
        return bad(QStringLiteral("SUBSCRIBE without a destination header"), &frame);
    const auto id = subscriptionId(frame);
    // An empty id would name no subscription of its own: replies to it would reach every
    // subscription to its destination.
    if (!id || id->isEmpty())
        return bad(QStringLiteral("SUBSCRIBE without an id header"), &frame);
    const bool taken
        = std::any_of(m_subscriptions.cbegin(), m_subscriptions.cend(),
                      [&id](const Subscription &existing) { return existing.id == *id; });
    if (taken)
        return bad(QStringLiteral("subscription id '%1' is already in use").arg(quoted(*id)),
                   &frame);
    if (m_subscriptions.size() >= Stomp::MaxSubscriptions)
        return bad(QStringLiteral("more than %1 subscriptions on one connection")
                       .arg(Stomp::MaxSubscriptions),
                   &frame);
    const QString ack = frame.header(QStringLiteral("ack")).value_or(QStringLiteral("auto"));
    if (ack != u"auto" && ack != u"client" && ack != u"client-individual")
        return bad(
            QStringLiteral("ack '%1' is not auto, client or client-individual").arg(quoted(ack)),
            &frame);
    m_subscriptions.append({ *id, *destination, ack != u"auto" });

    Decoded decoded;
    decoded.action = Decoded::Action::Message;
    decoded.command = QStringLiteral("SUBSCRIBE");
    decoded.kept = true;
    decoded.name = *destination;
    decoded.streamKey = *id;
    decoded.params = headerParams(frame);
    decoded.params.insert(QStringLiteral("destination"), *destination);
    decoded.params.insert(QStringLiteral("subscription"), *id);
    decoded.after = receipt(frame);
    decoded.summary
        = QStringLiteral("stomp SUBSCRIBE %1 (id %2)").arg(*destination, shortened(*id));
    return decoded;
}

Decoded Session::unsubscribe(const Frame &frame)
{
    const auto id = subscriptionId(frame);
    if (!id)
        return bad(QStringLiteral("UNSUBSCRIBE without an id header"), &frame);
    const auto found
        = std::find_if(m_subscriptions.cbegin(), m_subscriptions.cend(),
                       [&id](const Subscription &existing) { return existing.id == *id; });
    Decoded decoded;
    decoded.action = Decoded::Action::Stop;
    decoded.command = QStringLiteral("UNSUBSCRIBE");
    decoded.streamKey = *id;
    decoded.params = headerParams(frame);
    decoded.params.insert(QStringLiteral("subscription"), *id);
    if (found != m_subscriptions.cend()) {
        decoded.name = found->destination;
        decoded.params.insert(QStringLiteral("destination"), found->destination);
        m_subscriptions.erase(found);
    }
    // No rule answers an UNSUBSCRIBE, so its receipt goes out at once.
    decoded.replies = receipt(frame);
    decoded.summary = QStringLiteral("stomp UNSUBSCRIBE %1").arg(shortened(*id));
    return decoded;
}

Decoded Session::disconnect(const Frame &frame)
{
    m_connected = false;
    m_ended = true;
    m_subscriptions.clear();
    Decoded decoded;
    decoded.action = Decoded::Action::Close;
    decoded.command = QStringLiteral("DISCONNECT");
    decoded.params = headerParams(frame);
    decoded.replies = receipt(frame);
    decoded.closeCode = 1000;
    decoded.summary = QStringLiteral("stomp DISCONNECT");
    return decoded;
}

Decoded Session::acknowledged(const Frame &frame)
{
    // Transactions and acknowledgements are accepted and answered with their receipt; a mock
    // has no queue to roll back or redeliver.
    Decoded decoded;
    decoded.command = QString::fromUtf8(frame.command);
    decoded.params = headerParams(frame);
    decoded.replies = receipt(frame);
    decoded.summary = QStringLiteral("stomp %1").arg(decoded.command);
    return decoded;
}

QStringList Session::receipt(const Frame &frame) const
{
    const auto id = frame.header(QStringLiteral("receipt"));
    if (!id)
        return {};
    Frame answer;
    answer.command = "RECEIPT";
    answer.headers = { { QStringLiteral("receipt-id"), *id } };
    return { QString::fromUtf8(Stomp::serialize(answer, m_escaping)) };
}

Decoded Session::bad(const QString &problem, const Frame *frame,
                     const QList<std::pair<QString, QString>> &extraHeaders)
{
    Frame error;
    error.command = "ERROR";
    error.headers = extraHeaders;
    error.headers.prepend({ QStringLiteral("message"), problem });
    if (const auto id = frame ? frame->header(QStringLiteral("receipt")) : std::nullopt)
        error.headers.append({ QStringLiteral("receipt-id"), *id });
    error.body = problem.toUtf8() + '\n';
    error.headers.append(
        { QStringLiteral("content-type"), QStringLiteral("text/plain;charset=utf-8") });
    error.headers.append({ QStringLiteral("content-length"), QString::number(error.body.size()) });

    Decoded decoded;
    decoded.action = Decoded::Action::Bad;
    decoded.command = frame ? QString::fromUtf8(frame->command) : QString();
    decoded.replies = { QString::fromUtf8(Stomp::serialize(error, m_escaping)) };
    decoded.closeCode = ProtocolErrorClose;
    decoded.closeReason = Protocols::fittedCloseReason(problem);
    decoded.problem = problem;
    decoded.summary = QStringLiteral("stomp ERROR %1").arg(problem);
    m_connected = false;
    m_ended = true;
    m_subscriptions.clear();
    return decoded;
}

QList<const Session::Subscription *>
Session::recipients(const Framing &framing, const QHash<QString, QString> &params) const
{
    // send-to: every subscription to that destination. Without it a reply goes to the
    // subscription the message made (a SUBSCRIBE rule's response and stream), else to the
    // subscriptions to the message's destination.
    const QString subscription
        = framing.name.isEmpty() ? params.value(QStringLiteral("subscription")) : QString();
    const QString destination
        = framing.name.isEmpty() ? params.value(QStringLiteral("destination")) : framing.name;
    QList<const Subscription *> found;
    for (const Subscription &candidate : m_subscriptions) {
        if (candidate.destination == destination
            && (subscription.isEmpty() || candidate.id == subscription))
            found.append(&candidate);
    }
    return found;
}

QByteArray Session::messageFrame(const Subscription &subscription, const QString &payload,
                                 const QHash<QString, QString> &params)
{
    const QString messageId = m_sessionId + u'-' + QString::number(++m_messages);
    Frame message;
    message.command = "MESSAGE";
    message.headers = { { QStringLiteral("subscription"), subscription.id },
                        { QStringLiteral("message-id"), messageId },
                        { QStringLiteral("destination"), subscription.destination } };
    if (subscription.acknowledged)
        message.headers.append({ QStringLiteral("ack"), messageId });
    message.headers.append({ QStringLiteral("content-type"), contentTypeOf(payload, params) });
    message.body = payload.toUtf8();
    message.headers.append(
        { QStringLiteral("content-length"), QString::number(message.body.size()) });
    return Stomp::serialize(message, m_escaping);
}

std::optional<QString> Session::frame(const Framing &framing, const QString &payload,
                                      const QHash<QString, QString> &params)
{
    const QStringList each = frames(framing, payload, params);
    if (each.isEmpty())
        return std::nullopt;
    return each.join(QString());
}

QStringList Session::frames(const Framing &framing, const QString &payload,
                            const QHash<QString, QString> &params)
{
    if (!m_connected)
        return {};
    QStringList each;
    for (const Subscription *target : recipients(framing, params))
        each.append(QString::fromUtf8(messageFrame(*target, payload, params)));
    return each;
}

namespace {

std::unique_ptr<Protocols::Session> makeSession(const Protocols::SessionOptions &)
{
    return std::make_unique<Session>();
}

} // namespace

const Protocols::Preset &preset()
{
    static const Protocols::Preset stomp {
        Protocols::Kind::Stomp,
        "stomp",
        subprotocols(),
        {
            { "send", Protocols::KeyRole::Selector, "SEND" },
            { "subscribe", Protocols::KeyRole::Selector, "SUBSCRIBE" },
            { "send-to", Protocols::KeyRole::FramingName, "message", nullptr, false, true },
        },
        &makeSession,
        "subscription",
    };
    return stomp;
}

} // namespace Stomp
