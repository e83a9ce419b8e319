// The STOMP preset's decoder: one connection's session fed a series of WebSocket messages.
// The input's first byte chooses the options (bit 0: a valid CONNECT goes first; bit 1: the
// messages arrive as binary frames; bit 2: the server offers no heart-beat); the rest is the
// messages, separated by 0x1e (NUL belongs to STOMP).
//
// Checks, from stomp.h and the STOMP 1.2 specification:
// - every answer of the server (CONNECTED, RECEIPT, ERROR, MESSAGE) parses back as exactly
//   one frame of that command; an ERROR's message header is the problem reported;
// - a malformed or refused frame is Bad with an ERROR frame, close code 1002, a non-empty
//   problem and a close reason of at most 123 UTF-8 bytes; nothing is framed for the
//   connection after it, nor after DISCONNECT;
// - a frame the parser reads (but CONNECT), written again with 1.2 escaping, reads back the same;
// - a SEND or SUBSCRIBE names its destination; a SUBSCRIBE's reply reaches its subscription.

#include "fuzzcommon.h"

#include "stomp.h"

#include <QList>

#include <algorithm>

namespace {

using Protocols::Decoded;

Stomp::Frame readBack(const QString &text, Stomp::Escaping escaping, const char *command)
{
    const Stomp::Parsed parsed = Stomp::parse(text.toUtf8(), escaping);
    if (parsed.kind != Stomp::Parsed::Kind::Frame)
        fuzz::fail("the server's answer does not parse as one frame",
                   text + u'\n' + parsed.problem);
    if (parsed.frame.command != command)
        fuzz::fail("the server's answer is not the frame expected", text);
    return parsed.frame;
}

bool isToken(const QByteArray &command)
{
    return !command.isEmpty() && std::all_of(command.cbegin(), command.cend(), [](char c) {
        return c >= 'A' && c <= 'Z';
    });
}

void checkRoundTrip(const QByteArray &message)
{
    const Stomp::Parsed parsed = Stomp::parse(message, Stomp::Escaping::V12);
    // CONNECT and CONNECTED are not escaped, so a line break or final CR in them is lost.
    if (parsed.kind != Stomp::Parsed::Kind::Frame || !isToken(parsed.frame.command)
        || parsed.frame.command == "CONNECT" || parsed.frame.command == "CONNECTED")
        return;
    const Stomp::Parsed again
        = Stomp::parse(Stomp::serialize(parsed.frame, Stomp::Escaping::V12), Stomp::Escaping::V12);
    if (again.kind != Stomp::Parsed::Kind::Frame || again.frame.command != parsed.frame.command
        || again.frame.headers != parsed.frame.headers || again.frame.body != parsed.frame.body)
        fuzz::fail("a frame written again does not read back the same", fuzz::text(message));
}

void checkBad(const Decoded &decoded, Stomp::Escaping escaping)
{
    if (decoded.problem.isEmpty() || decoded.closeCode != 1002 || decoded.replies.size() != 1)
        fuzz::fail("a bad frame is not answered with one ERROR, a problem and close 1002",
                   decoded.problem);
    if (decoded.closeReason.isEmpty() || decoded.closeReason.toUtf8().size() > 123)
        fuzz::fail("a close reason is empty or longer than 123 bytes", decoded.closeReason);
    const Stomp::Frame error = readBack(decoded.replies.first(), escaping, "ERROR");
    if (error.header(QStringLiteral("message")) != decoded.problem)
        fuzz::fail("the ERROR frame's message is not the problem", decoded.problem);
}

void checkMessage(Stomp::Session &session, const Decoded &decoded, Stomp::Escaping escaping)
{
    if (decoded.name != decoded.params.value(QStringLiteral("destination")))
        fuzz::fail("a message does not name its destination", decoded.summary);
    if (decoded.command == u"SUBSCRIBE") {
        const auto reply
            = session.frame({ QStringLiteral("message"), {} }, decoded.payload, decoded.params);
        if (!reply)
            fuzz::fail("a SUBSCRIBE's reply does not reach its subscription", decoded.summary);
        const Stomp::Frame message = readBack(*reply, escaping, "MESSAGE");
        if (message.header(QStringLiteral("subscription")) != decoded.streamKey)
            fuzz::fail("a MESSAGE is not for the subscription that asked", decoded.summary);
    } else if (decoded.command != u"SEND") {
        fuzz::fail("a message is neither SEND nor SUBSCRIBE", decoded.command);
    }
    (void)session.frame({ QStringLiteral("message"), decoded.name }, decoded.payload,
                        decoded.params);
}

Stomp::Escaping escapingOf(const QString &version)
{
    if (version == u"1.2")
        return Stomp::Escaping::V12;
    return version == u"1.1" ? Stomp::Escaping::V11 : Stomp::Escaping::None;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    const uint8_t options = data[0];
    const QByteArray rest(reinterpret_cast<const char *>(data + 1), qsizetype(size - 1));
    QList<QByteArray> messages = rest.split('\x1e');
    if (options & 1)
        messages.prepend(QByteArray("CONNECT\naccept-version:1.2\nheart-beat:0,1000\n\n\0", 47));
    constexpr qsizetype maxMessages = 32;
    messages = messages.mid(0, maxMessages);

    Stomp::Session session((options & 4) ? 0 : 1000);
    Stomp::Escaping escaping = Stomp::Escaping::None;
    for (const QByteArray &message : std::as_const(messages)) {
        checkRoundTrip(message);
        const Decoded decoded
            = (options & 2) ? session.decodeBinary(message) : session.decode(fuzz::text(message));
        if (decoded.action == Decoded::Action::Connected) {
            const Stomp::Frame connected
                = readBack(decoded.replies.value(0), escaping, "CONNECTED");
            escaping = escapingOf(connected.header(QStringLiteral("version")).value_or(QString()));
        }
        for (const QString &receipt :
             decoded.action == Decoded::Action::Message ? decoded.after : QStringList())
            readBack(receipt, escaping, "RECEIPT");
        if (decoded.action == Decoded::Action::Bad)
            checkBad(decoded, escaping);
        if (decoded.action == Decoded::Action::Message)
            checkMessage(session, decoded, escaping);
        const bool ended
            = decoded.action == Decoded::Action::Bad || decoded.action == Decoded::Action::Close;
        if (ended
            && session.frame({ QStringLiteral("message"), decoded.name }, QStringLiteral("x"),
                             decoded.params))
            fuzz::fail("a MESSAGE is framed for a connection that ended", decoded.summary);
        if (session.keepAliveMs() < 0)
            fuzz::fail("a negative heart-beat interval");
    }
    return 0;
}
