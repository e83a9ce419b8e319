// The socket.io preset's codec (core/protocols/socketio.h). The input is NUL-separated
// fields: each is one text frame a client sends, in order, to one session; each is also
// framed as a payload the server emits and acknowledges.
//
// Checks, from socketio.h and the README:
// - every decode says what it saw (a summary); a bad frame closes with 1002 or 1003, a reason
//   a close frame can carry and a problem, and sends at most the disconnect packet `41`;
// - an event is a message only once the namespace is connected, and reading its packet
//   again in a fresh session gives the same event;
// - whatever the session sends (its answers, emits, acks) is a packet socket.io-client reads:
//   an Engine.IO type digit and, for a message, a Socket.IO packet whose data is valid JSON
//   of the kind its type carries; an emitted or acknowledged payload arrives as itself when
//   it is one JSON value, else as a JSON string equal to it;
// - the elements of any JSON array are found as the JSON reader finds them.

#include "fuzzcommon.h"

#include "socketio.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using Protocols::Decoded;
using Protocols::Framing;
using SocketIo::Packet;
using SocketIo::Session;

namespace {

constexpr int MaxFrames = 16;

QJsonDocument parsed(const QString &text, bool *ok)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(text.toUtf8(), &error);
    *ok = error.error == QJsonParseError::NoError;
    return doc;
}

// A frame the session sent, read as socket.io-client reads one from a server.
void checkSent(const QString &frame)
{
    FUZZ_CHECK(!frame.isEmpty() && frame.at(0) >= u'0' && frame.at(0) <= u'6', frame);
    if (frame.at(0) != u'4')
        return;
    const SocketIo::Parse parse = SocketIo::parsePacket(QStringView(frame).mid(1));
    FUZZ_CHECK(parse.packet.has_value(), frame + QStringLiteral("\n") + parse.problem);
    const Packet &packet = *parse.packet;
    bool ok = false;
    const QJsonDocument doc = parsed(packet.data, &ok);
    switch (packet.type) {
    case Packet::Connect:
        FUZZ_CHECK(ok && doc.object().value(QStringLiteral("sid")).toString().size() == 20, frame);
        break;
    case Packet::Disconnect:
        FUZZ_CHECK(packet.data.isEmpty(), frame);
        break;
    case Packet::Event:
        FUZZ_CHECK(ok && doc.isArray() && doc.array().first().isString(), frame);
        break;
    case Packet::Ack:
        FUZZ_CHECK(ok && doc.isArray() && !packet.ackId.isEmpty(), frame);
        break;
    case Packet::ConnectError:
        FUZZ_CHECK(ok && doc.object().contains(QStringLiteral("message")), frame);
        break;
    default:
        FUZZ_CHECK(false, frame);
    }
}

// The payload as the argument socket.io-client receives: itself when it is one JSON value.
void checkArgument(const QJsonArray &args, qsizetype index, const QString &payload,
                   const QString &frame)
{
    if (payload.trimmed().isEmpty()) {
        FUZZ_CHECK(args.size() == index, frame);
        return;
    }
    FUZZ_CHECK(args.size() == index + 1, frame);
    bool ok = false;
    const QJsonDocument wrapped
        = parsed(QStringLiteral("[") + payload.trimmed() + QStringLiteral("]"), &ok);
    if (ok && wrapped.array().size() == 1)
        FUZZ_CHECK(args.at(index) == wrapped.array().first(), frame);
    else
        FUZZ_CHECK(args.at(index) == QJsonValue(payload), frame);
}

void checkFraming(Session &session, const QString &payload)
{
    QString name = payload.left(32);
    if (!name.isEmpty() && name.back().isHighSurrogate())
        name.chop(1);
    const std::optional<QString> emitted
        = session.frame(Framing { QStringLiteral("emit"), name }, payload, {});
    FUZZ_CHECK(emitted.has_value() == !session.socketId().isEmpty(), payload);
    if (!emitted)
        return;
    checkSent(*emitted);
    bool ok = false;
    const QJsonArray args = parsed(emitted->mid(2), &ok).array();
    FUZZ_CHECK(args.first().toString() == name, *emitted);
    checkArgument(args, 1, payload, *emitted);

    const std::optional<QString> acked
        = session.frame(Framing { QStringLiteral("ack"), {} }, payload,
                        { { QStringLiteral("ack"), QStringLiteral("5") },
                          { QStringLiteral("sid"), session.socketId() } });
    FUZZ_CHECK(acked && acked->startsWith(QStringLiteral("435[")), payload);
    checkSent(*acked);
    checkArgument(parsed(acked->mid(3), &ok).array(), 0, payload, *acked);
}

void checkDecoded(const Session &session, const QString &frame, const Decoded &decoded,
                  bool wasConnected)
{
    FUZZ_CHECK(!decoded.summary.isEmpty(), frame);
    for (const QString &reply : decoded.replies)
        checkSent(reply);
    switch (decoded.action) {
    case Decoded::Action::Bad:
        FUZZ_CHECK(decoded.closeCode == 1002 || decoded.closeCode == 1003, frame);
        FUZZ_CHECK(!decoded.problem.isEmpty(), frame);
        FUZZ_CHECK(!decoded.closeReason.isEmpty() && decoded.closeReason.toUtf8().size() <= 123,
                   frame);
        FUZZ_CHECK(decoded.replies
                       == (wasConnected ? QStringList { QStringLiteral("41") } : QStringList()),
                   frame);
        break;
    case Decoded::Action::Message: {
        FUZZ_CHECK(wasConnected && decoded.command == u"event", frame);
        Session again;
        again.decode(QStringLiteral("40"));
        const Decoded reread = again.decode(frame);
        FUZZ_CHECK(reread.action == Decoded::Action::Message && reread.name == decoded.name
                       && reread.payload == decoded.payload && reread.summary == decoded.summary,
                   frame);
        FUZZ_CHECK(decoded.params.value(QStringLiteral("sid")) == session.socketId(), frame);
        break;
    }
    case Decoded::Action::Connected:
        FUZZ_CHECK(!wasConnected && !session.socketId().isEmpty(), frame);
        FUZZ_CHECK(decoded.replies.size() == 1, frame);
        break;
    default:
        FUZZ_CHECK(decoded.problem.isEmpty() && decoded.closeCode == 0, frame);
    }
}

void checkArrayElements(const QString &text)
{
    bool ok = false;
    const QJsonDocument doc = parsed(text, &ok);
    if (!ok || !doc.isArray())
        return;
    const QList<QStringView> elements = SocketIo::jsonArrayElements(text);
    const QJsonArray array = doc.array();
    FUZZ_CHECK(elements.size() == array.size(), text);
    for (qsizetype i = 0; i < elements.size(); ++i) {
        const QJsonArray one
            = parsed(QStringLiteral("[") + elements.at(i) + QStringLiteral("]"), &ok).array();
        FUZZ_CHECK(ok && one.size() == 1 && one.first() == array.at(i), text);
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QList<QByteArray> frames = fuzz::fields(data, size, MaxFrames);
    Session session;
    for (const QString &open : session.opened())
        checkSent(open);
    for (const QByteArray &bytes : frames) {
        const QString frame = fuzz::text(bytes);
        const bool wasConnected = !session.socketId().isEmpty();
        const Decoded decoded = session.decode(frame);
        checkDecoded(session, frame, decoded, wasConnected);
        checkFraming(session, frame);
        checkArrayElements(frame);
        checkArrayElements(frame.mid(2));
        if (decoded.action == Decoded::Action::Bad || decoded.action == Decoded::Action::Close)
            break;
    }
    const Decoded binary = session.decodeBinary(frames.first());
    FUZZ_CHECK(binary.action == Decoded::Action::Bad && binary.closeCode == 1003, QString());
    return 0;
}
