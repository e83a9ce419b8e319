#include "socketio.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>

using Protocols::Decoded;

namespace SocketIo {

namespace {

// Longer ack ids would not survive a JavaScript number (2^53).
constexpr qsizetype MaxAckDigits = 15;
constexpr qsizetype MaxSummaryArgs = 200;

const QLatin1String ParseError("parse error");
const QLatin1String InvalidState("invalid state");

// What socket.io-parser refuses as event names: they mean something to either side.
bool isReservedEvent(const QString &name)
{
    static const QStringList reserved {
        QStringLiteral("connect"),     QStringLiteral("connect_error"),
        QStringLiteral("disconnect"),  QStringLiteral("disconnecting"),
        QStringLiteral("newListener"), QStringLiteral("removeListener")
    };
    return reserved.contains(name);
}

QString randomId()
{
    QByteArray bytes(15, Qt::Uninitialized);
    for (char &byte : bytes)
        byte = char(QRandomGenerator::global()->bounded(256));
    return QString::fromLatin1(
        bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

QString jsonString(const QString &text)
{
    const QByteArray array = QJsonDocument(QJsonArray { text }).toJson(QJsonDocument::Compact);
    return QString::fromUtf8(array.mid(1, array.size() - 2));
}

qsizetype digitsFrom(QStringView text, qsizetype from)
{
    qsizetype end = from;
    while (end < text.size() && text.at(end).isDigit() && text.at(end).unicode() < 128)
        ++end;
    return end - from;
}

QString withoutLeadingZeros(QStringView digits)
{
    qsizetype first = 0;
    while (first + 1 < digits.size() && digits.at(first) == u'0')
        ++first;
    return digits.mid(first).toString();
}

// Steps through JSON text one character at a time, telling string content (escapes
// included, the quotes not) from the rest.
class JsonStrings
{
public:
    bool isContent(QChar c)
    {
        m_wasEscaped = m_escaped;
        if (m_escaped) {
            m_escaped = false;
            return true;
        }
        if (c == u'"') {
            m_inString = !m_inString;
            return false;
        }
        m_escaped = m_inString && c == u'\\';
        return m_inString;
    }

    // The character isContent last took came after a backslash.
    bool wasEscaped() const { return m_wasEscaped; }

private:
    bool m_inString = false;
    bool m_escaped = false;
    bool m_wasEscaped = false;
};

// Where a string of the JSON text holds a raw control character, which JSON.parse refuses
// (and Qt's reader lets through); -1 when none does.
qsizetype controlCharacterInString(QStringView json)
{
    JsonStrings strings;
    for (qsizetype i = 0; i < json.size(); ++i) {
        if (strings.isContent(json.at(i)) && json.at(i).unicode() < 0x20)
            return i;
    }
    return -1;
}

// JSON text with each raw control character inside a string written as \\u00XX, so that
// JSON.parse reads it (Qt's reader takes it either way). One after a backslash, which Qt
// reads as the character itself, loses the backslash: the escape stays that character.
QString withControlsEscaped(const QString &json)
{
    if (controlCharacterInString(json) < 0)
        return json;
    QString out;
    JsonStrings strings;
    for (const QChar c : json) {
        if (!strings.isContent(c) || c.unicode() >= 0x20) {
            out += c;
            continue;
        }
        if (strings.wasEscaped())
            out.chop(1);
        out += QStringLiteral("\\u%1").arg(int(c.unicode()), 4, 16, QLatin1Char('0'));
    }
    return out;
}

// The payload as one JSON argument: itself when it is one JSON value, else a JSON string;
// empty: no argument.
QString argument(const QString &payload)
{
    const QString trimmed = payload.trimmed();
    if (trimmed.isEmpty())
        return {};
    QJsonParseError error;
    const QJsonDocument doc
        = QJsonDocument::fromJson(QByteArray("[") + trimmed.toUtf8() + QByteArray("]"), &error);
    if (error.error == QJsonParseError::NoError && doc.array().size() == 1)
        return withControlsEscaped(trimmed);
    return jsonString(payload);
}

// Whether data is what a packet of this type may carry, as socket.io-parser's
// isPayloadValid says (an EVENT's name is checked by the session, which names the fault).
QString dataProblem(int type, const QString &data)
{
    if (data.isEmpty()) {
        if (type == Packet::Event || type == Packet::Ack)
            return QStringLiteral("a packet of type %1 without its JSON array").arg(type);
        return {};
    }
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(data.toUtf8(), &error);
    if (error.error != QJsonParseError::NoError)
        return QStringLiteral("invalid JSON data (%1 at offset %2)")
            .arg(error.errorString())
            .arg(error.offset);
    if (const qsizetype at = controlCharacterInString(data); at >= 0)
        return QStringLiteral("a control character (U+%1) in a JSON string at offset %2")
            .arg(QString::number(data.at(at).unicode(), 16).toUpper().rightJustified(4, u'0'))
            .arg(at);
    switch (type) {
    case Packet::Connect:
        return doc.isObject() ? QString() : QStringLiteral("CONNECT data must be a JSON object");
    case Packet::Disconnect:
        return QStringLiteral("DISCONNECT carries no data");
    case Packet::ConnectError:
        return doc.isObject() ? QString() : QStringLiteral("CONNECT_ERROR data must be an object");
    default:
        return doc.isArray() ? QString() : QStringLiteral("the data must be a JSON array");
    }
}

QString summaryArgs(const QList<QStringView> &args)
{
    QString out = QStringLiteral("[");
    for (qsizetype i = 0; i < args.size(); ++i) {
        if (i)
            out += u',';
        out += args.at(i);
    }
    out += u']';
    if (out.size() > MaxSummaryArgs)
        out = out.left(MaxSummaryArgs) + QStringLiteral("…");
    return out;
}

std::unique_ptr<Protocols::Session> makeSession(const Protocols::SessionOptions &options)
{
    return std::make_unique<Session>(options.voice);
}

} // namespace

const Protocols::Preset &preset()
{
    static const Protocols::Preset socketIo {
        Protocols::Kind::SocketIo,
        "socket.io",
        {},
        {
            { "event", Protocols::KeyRole::Selector, "event" },
            { "emit", Protocols::KeyRole::FramingName, "emit" },
            { "ack", Protocols::KeyRole::FramingResponse, "ack" },
        },
        &makeSession,
        "event",
    };
    return socketIo;
}

Parse parsePacket(QStringView text)
{
    Parse out;
    if (text.isEmpty()) {
        out.problem = QStringLiteral("an empty Socket.IO packet");
        return out;
    }
    Packet packet;
    const char16_t typeChar = text.at(0).unicode();
    if (typeChar < u'0' || typeChar > u'6') {
        out.problem = QStringLiteral("unknown Socket.IO packet type '%1'").arg(text.at(0));
        return out;
    }
    packet.type = typeChar - u'0';
    qsizetype pos = 1;
    if (packet.type == Packet::BinaryEvent || packet.type == Packet::BinaryAck) {
        out.packet = packet; // the attachments are refused whatever they say
        return out;
    }
    if (pos < text.size() && text.at(pos) == u'/') {
        const qsizetype comma = text.indexOf(u',', pos);
        const qsizetype end = comma < 0 ? text.size() : comma;
        packet.nsp = text.mid(pos, end - pos).toString();
        pos = comma < 0 ? end : comma + 1;
    }
    const qsizetype digits = digitsFrom(text, pos);
    if (digits > MaxAckDigits) {
        out.problem = QStringLiteral("an ack id of %1 digits").arg(digits);
        return out;
    }
    if (digits > 0)
        packet.ackId = withoutLeadingZeros(text.mid(pos, digits));
    packet.data = text.mid(pos + digits).toString();
    out.problem = dataProblem(packet.type, packet.data);
    if (out.problem.isEmpty())
        out.packet = packet;
    return out;
}

QList<QStringView> jsonArrayElements(QStringView array)
{
    QList<QStringView> out;
    const qsizetype open = array.indexOf(u'[');
    if (open < 0)
        return out;
    int depth = 0;
    JsonStrings strings;
    qsizetype start = open + 1;
    const auto take = [&](qsizetype end) {
        const QStringView element = array.mid(start, end - start).trimmed();
        if (!element.isEmpty())
            out.append(element);
    };
    for (qsizetype i = open + 1; i < array.size(); ++i) {
        const QChar c = array.at(i);
        if (strings.isContent(c) || c == u'"')
            continue;
        if (c == u'[' || c == u'{') {
            ++depth;
        } else if ((c == u']' || c == u'}') && depth > 0) {
            --depth;
        } else if (depth == 0 && (c == u',' || c == u']')) {
            take(i);
            start = i + 1;
            if (c == u']')
                break;
        }
    }
    return out;
}

Session::Session(Protocols::Voice voice)
    : m_engineId(randomId())
    , m_socketId(randomId())
    , m_voice(voice)
{ }

QStringList Session::opened()
{
    const QJsonObject open { { QStringLiteral("sid"), m_engineId },
                             { QStringLiteral("upgrades"), QJsonArray() },
                             { QStringLiteral("pingInterval"), PingIntervalMs },
                             { QStringLiteral("pingTimeout"), PingTimeoutMs },
                             { QStringLiteral("maxPayload"), MaxPayload } };
    return { QLatin1Char('0')
             + QString::fromUtf8(QJsonDocument(open).toJson(QJsonDocument::Compact)) };
}

Decoded Session::decode(const QString &frame)
{
    Decoded out;
    if (frame.isEmpty())
        return bad(QStringLiteral("an empty Engine.IO packet"), ParseError);
    const QStringView data = QStringView(frame).mid(1);
    switch (frame.at(0).unicode()) {
    case u'1':
        m_connected = false;
        out.action = Decoded::Action::Close;
        out.summary = QStringLiteral("engine.io close");
        return out;
    case u'2': // a client of Engine.IO 3 pings; answered all the same
        out.replies.append(QLatin1Char('3') + data);
        out.summary = QStringLiteral("engine.io ping");
        return out;
    case u'3':
        m_awaitingPong = false;
        out.summary = QStringLiteral("engine.io pong");
        return out;
    case u'4':
        return decodeMessage(data);
    case u'5':
    case u'6': // upgrade and noop belong to a polling session's upgrade; nothing to do here
        out.summary = QStringLiteral("engine.io noop");
        return out;
    case u'0':
        return bad(QStringLiteral("an Engine.IO OPEN packet from the client"), InvalidState);
    default:
        return bad(QStringLiteral("unknown Engine.IO packet type '%1'").arg(frame.at(0)),
                   ParseError);
    }
}

QString Session::keepAlive()
{
    m_awaitingPong = true;
    return QStringLiteral("2");
}

Decoded Session::timedOut()
{
    if (!m_awaitingPong)
        return {};
    // What an Engine.IO server does: no disconnect packet, the transport closed.
    Decoded late;
    late.action = Decoded::Action::Bad;
    late.closeCode = 1000;
    late.closeReason = QStringLiteral("ping timeout");
    late.problem
        = QStringLiteral("ping timeout: no pong within %1 ms of the ping").arg(PingTimeoutMs);
    late.summary = QStringLiteral("socket.io ") + late.problem;
    return late;
}

Decoded Session::decodeBinary(const QByteArray &frame)
{
    return bad(QStringLiteral("a binary frame (%1 bytes): binary attachments are not supported")
                   .arg(frame.size()),
               QStringLiteral("binary attachments are not supported"), 1003);
}

Decoded Session::decodeMessage(QStringView text)
{
    const Parse parse = parsePacket(text);
    if (!parse.packet)
        return bad(parse.problem, ParseError);
    const Packet &packet = *parse.packet;
    if (packet.type == Packet::BinaryEvent || packet.type == Packet::BinaryAck)
        return bad(QStringLiteral("a packet with binary attachments (type %1): they are not "
                                  "supported")
                       .arg(packet.type),
                   QStringLiteral("binary attachments are not supported"), 1003);
    if (packet.type == Packet::Connect)
        return decodeConnect(packet);
    if (packet.nsp != u'/')
        return bad(
            QStringLiteral("a packet for namespace '%1', which is not connected").arg(packet.nsp),
            InvalidState);
    Decoded out;
    switch (packet.type) {
    case Packet::Disconnect:
        m_connected = false;
        out.action = Decoded::Action::Close;
        out.summary = QStringLiteral("socket.io disconnect");
        return out;
    case Packet::Event:
        return decodeEvent(packet);
    case Packet::Ack:
        out.summary = QStringLiteral("socket.io ack %1 %2")
                          .arg(packet.ackId, summaryArgs(jsonArrayElements(packet.data)));
        return out;
    default:
        return bad(QStringLiteral("a CONNECT_ERROR packet from the client"), InvalidState);
    }
}

Decoded Session::decodeConnect(const Packet &packet)
{
    Decoded out;
    if (packet.nsp != u'/') {
        const QJsonObject error { { QStringLiteral("message"),
                                    QStringLiteral("Invalid namespace") } };
        out.replies.append(
            QStringLiteral("44") + packet.nsp + u','
            + QString::fromUtf8(QJsonDocument(error).toJson(QJsonDocument::Compact)));
        out.summary
            = QStringLiteral("socket.io connect %1 refused: Invalid namespace").arg(packet.nsp);
        return out;
    }
    if (m_connected)
        return bad(QStringLiteral("a second CONNECT to namespace '/'"), InvalidState);
    m_connected = true;
    const QJsonObject sid { { QStringLiteral("sid"), m_socketId } };
    // Passive, the upstream's answer connects (upstreamFrame), with the socket id it gives.
    out.action = m_voice == Protocols::Voice::Passive ? Decoded::Action::Ignore
                                                      : Decoded::Action::Connected;
    out.replies.append(QStringLiteral("40")
                       + QString::fromUtf8(QJsonDocument(sid).toJson(QJsonDocument::Compact)));
    out.payload = packet.data;
    out.params = baseParams();
    out.summary = QStringLiteral("socket.io connect /");
    if (!packet.data.isEmpty())
        out.summary += u' ' + packet.data.left(MaxSummaryArgs);
    return out;
}

Decoded Session::decodeEvent(const Packet &packet)
{
    if (!m_connected)
        return bad(QStringLiteral("an event before the namespace connect"), InvalidState);
    const QList<QStringView> elements = jsonArrayElements(packet.data);
    const QJsonArray array = QJsonDocument::fromJson(packet.data.toUtf8()).array();
    if (array.isEmpty() || elements.size() != array.size())
        return bad(QStringLiteral("an event without a name"), ParseError);
    const QJsonValue first = array.first();
    if (!first.isString() && !first.isDouble())
        return bad(QStringLiteral("an event whose name is not a string"), ParseError);
    const QString name = first.isString() ? first.toString() : elements.first().toString();
    if (isReservedEvent(name))
        return bad(QStringLiteral("the reserved event name '%1'").arg(name), ParseError);

    Decoded out;
    out.action = Decoded::Action::Message;
    out.command = QStringLiteral("event");
    out.name = name;
    const QList<QStringView> args = elements.mid(1);
    if (!args.isEmpty())
        out.payload = array.at(1).isString() ? array.at(1).toString() : args.first().toString();
    out.params = baseParams();
    out.params.insert(QStringLiteral("event"), name);
    out.params.insert(QStringLiteral("ack"), packet.ackId);
    out.params.insert(QStringLiteral("args"), summaryArgs(args));
    out.streamKey = name;
    out.summary = QStringLiteral("socket.io event %1 %2").arg(jsonString(name), summaryArgs(args));
    if (!packet.ackId.isEmpty())
        out.summary += QStringLiteral(" ack %1").arg(packet.ackId);
    return out;
}

std::optional<QString> Session::frame(const Protocols::Framing &framing, const QString &payload,
                                      const QHash<QString, QString> &params)
{
    if (!m_connected)
        return std::nullopt;
    const QString arg = argument(payload);
    if (framing.kind == u"ack") {
        // Only to the connection that asked (a rule may also send to others).
        const QString id = params.value(QStringLiteral("ack"));
        if (id.isEmpty() || params.value(QStringLiteral("sid")) != m_socketId)
            return std::nullopt;
        return QStringLiteral("43") + id + u'[' + arg + u']';
    }
    QString name;
    if (framing.kind == u"emit")
        name = framing.name;
    else if (framing.kind.isEmpty() || framing.kind == u"message")
        name = QStringLiteral("message");
    else
        return std::nullopt;
    return QStringLiteral("42[") + jsonString(name) + (arg.isEmpty() ? QString() : u',' + arg)
        + u']';
}

Decoded Session::upstreamFrame(const QString &frame)
{
    Decoded out;
    // 40{"sid":"..."}: the main namespace's connect answer (another's has its name after 40).
    if (m_voice != Protocols::Voice::Passive || !frame.startsWith(u"40{"))
        return out;
    const QString sid = QJsonDocument::fromJson(frame.mid(2).toUtf8())
                            .object()
                            .value(QLatin1String("sid"))
                            .toString();
    if (sid.isEmpty())
        return out;
    m_socketId = sid;
    m_connected = true;
    out.action = Decoded::Action::Connected;
    out.params = baseParams();
    out.summary = QStringLiteral("socket.io connected / as %1").arg(sid);
    return out;
}

Decoded Session::bad(const QString &problem, const QString &closeReason, int closeCode) const
{
    Decoded out;
    out.action = Decoded::Action::Bad;
    if (m_connected)
        out.replies.append(QStringLiteral("41"));
    out.closeCode = closeCode;
    out.closeReason = closeReason;
    out.problem = problem;
    out.summary = QStringLiteral("socket.io bad packet: ") + problem;
    return out;
}

QHash<QString, QString> Session::baseParams() const
{
    return { { QStringLiteral("sid"), m_socketId } };
}

} // namespace SocketIo
