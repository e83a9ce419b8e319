#pragma once

// Protocol presets: the protocols that ride on WebSocket (Socket.IO, GraphQL over WebSocket,
// STOMP), spoken by Mocket so that a config's rules can be written on the protocol's own
// terms. A preset's codec is pure: it turns a client's frames into what they mean (Decoded)
// and the rules' payloads into frames, with no sockets and no timers, so it is tested and
// fuzzed alone. The server keeps one Session per connection of a preset endpoint.

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>

namespace Protocols {

enum class Kind { None, SocketIo, GraphqlWs, Stomp };

// What one client frame means.
struct Decoded
{
    enum class Action {
        Ignore, // keep-alive (pong, heart-beat): nothing for the rules
        Connected, // the protocol's own connect is done: the endpoint's on-connect runs now
        Message, // an application message: the rules answer it
        Stop, // the client ended something: stop the stream under streamKey
        Close, // the client said goodbye: send replies, then close
        Bad, // malformed or out of order: send replies (the protocol's own error answer),
             // then close with closeCode/closeReason; the log says `problem`
    };
    Action action = Action::Ignore;
    QStringList replies; // the preset's own answers, sent first (connection_ack, pong, ...)
    QString command; // Message: "event" | "subscribe" | "SEND" | "SUBSCRIBE" ...
    QString name; // Message: event name / operation name / destination
    QString payload; // Message: what `pattern:` sees and json-params read
    QHash<QString, QString> params; // {{protocol.NAME}}
    QString streamKey; // Message: key for a stream it starts; Stop: the stream to stop
    QStringList after; // sent after the rules answered (STOMP RECEIPT)
    // Message: the preset keeps it even when no rule answers (a STOMP SUBSCRIBE is a
    // subscription all the same): it is not unmatched, and on-unmatched does not answer it.
    bool kept = false;
    int closeCode = 0;
    QString closeReason;
    QString problem; // Bad: what was wrong, for the log
    QString summary; // the log's decoded view: graphql-ws subscribe 1 "hello"
};

// How a payload is framed: kind "emit"/"ack"/"next"/"error"/"message"..., and a name where
// the kind needs one (the event, the destination). An empty kind: the preset's default.
struct Framing
{
    QString kind;
    QString name;
};

// Whether a session speaks the protocol or only follows a conversation another server
// speaks.
enum class Voice {
    Active, // it answers the protocol's own frames, keeps the connection alive, ends it
    // A `proxy:` endpoint's: the upstream speaks the protocol. The session decodes the
    // client's frames as ever (so that it frames the mock's replies for this connection) but
    // sends nothing of its own: no open packet, no answer to the protocol's frames or to a
    // message no rule takes, no keep-alive; and it never ends the connection (a Close or Bad
    // frame decodes as Ignore: the upstream judges it). A preset may leave its connect to the
    // upstream's answer (upstreamFrame).
    Passive,
};

// What a session knows of its connection when it starts.
struct SessionOptions
{
    quint64 connectionId = 0;
    QString path; // the request path, decoded
    QHash<QString, QString> query; // the handshake's query parameters
    Voice voice = Voice::Active;
};

// One connection of a preset endpoint.
class Session
{
public:
    virtual ~Session() = default;
    // A copy of this session as it is now, to try frames on without changing it.
    [[nodiscard]] virtual std::unique_ptr<Session> clone() const = 0;
    // Frames sent as the WebSocket opens (Engine.IO's open packet); none by default.
    virtual QStringList opened() { return {}; }
    virtual Decoded decode(const QString &frame) = 0;
    // A binary frame; by default a Bad one.
    virtual Decoded decodeBinary(const QByteArray &frame);
    // A rule's payload as this connection's frame; nullopt: not for this connection (an
    // operation it never started, a destination it did not subscribe to). params: those of
    // the message being answered, or of the message that started a stream.
    virtual std::optional<QString> frame(const Framing &framing, const QString &payload,
                                         const QHash<QString, QString> &params)
        = 0;
    // The same payload as the WebSocket messages it goes out in: by default frame()'s one,
    // none when not for this connection. A preset whose payload becomes several protocol
    // frames (a STOMP MESSAGE per subscription) sends each in a message of its own.
    virtual QStringList frames(const Framing &framing, const QString &payload,
                               const QHash<QString, QString> &params);
    // After the rules answered message: e.g. graphql-ws's complete, unless the answer is a
    // stream still running.
    virtual QStringList answered(const Decoded &message, bool startedStream);
    // After no rule answered message; by default as answered without a stream.
    virtual QStringList unmatched(const Decoded &message);
    // A stream a rule started for a message with these params ran out: e.g. complete.
    virtual QStringList streamEnded(const QHash<QString, QString> &params);
    // A passive session's: what a frame the upstream sent the client means to it. Connected
    // when the upstream's answer completes the protocol's connect, for a preset that waits for
    // it (Socket.IO, whose socket id the upstream gives); by default Ignore.
    virtual Decoded upstreamFrame(const QString &frame);
    // Keep-alive: every keepAliveMs (0: none) the server sends keepAlive().
    virtual int keepAliveMs() const { return 0; }
    virtual QString keepAlive() { return {}; }
    // The waits the protocol gives its client, timed by the server: initTimeoutMs (0: none)
    // from the socket's open for the protocol's own connect, pongTimeoutMs (0: none) from each
    // keepAlive() for its answer. When one runs out the server asks timedOut(): Ignore when
    // nothing is late, else a Bad to end the connection with (its close code and reason).
    virtual int initTimeoutMs() const { return 0; }
    virtual int pongTimeoutMs() const { return 0; }
    virtual Decoded timedOut() { return {}; }
};

// Where a config's preset rule keys go.
enum class KeyRole {
    // Selects messages: `command` must be the message's, and the key's value equals (or,
    // with `contains`, is found in) the message's name, or its params[field] when set.
    Selector,
    // Frames the reply: sets the framing's kind to `command` and its name to the value.
    FramingName,
    // Frames the reply and is its payload: sets the framing's kind to `command`; the value
    // is the reply's response template.
    FramingResponse,
};

// One preset rule key: `operation:`, `query:`, `event:`, `emit:`, `send-to:`...
struct RuleKey
{
    const char *name;
    KeyRole role;
    const char *command; // Selector: the message command; Framing*: the framing kind
    const char *field = nullptr; // Selector: compare params[field] instead of the name
    bool contains = false; // Selector: a substring, not the exact text
    // FramingName: the name addresses connections (a STOMP destination), so the reply goes
    // to every connection of the endpoint (each session frames it or not) unless `to:` says
    // otherwise.
    bool addressesConnections = false;
};

// A preset as the config and the server know it.
struct Preset
{
    Kind kind = Kind::None;
    const char *name = ""; // as `protocol:` writes it
    QStringList subprotocols; // offered when the endpoint lists none
    QList<RuleKey> ruleKeys;
    std::unique_ptr<Session> (*makeSession)(const SessionOptions &options) = nullptr;
    // The {{protocol.NAME}} value a rule's `start-stream` without a `key` is keyed by: the
    // message's own id (an operation, a subscription), the one its Stop names.
    const char *streamKey = "";
};

// The presets there are, in the order their names are listed.
const QList<const Preset *> &presets();
const Preset *preset(Kind kind); // null for None
const Preset *presetNamed(const QString &name); // null when no preset has that name
QString nameOf(Kind kind); // empty for None
QStringList names();
// The key among every preset's rule keys, and its preset; nullopt when none has that name.
struct FoundKey
{
    const Preset *preset;
    const RuleKey *key;
};
std::optional<FoundKey> findRuleKey(const QString &name);

// The preset's session; with Voice::Passive, the preset's session inside one that keeps its
// answers to itself.
std::unique_ptr<Session> makeSession(Kind kind, const SessionOptions &options);

// The frames a session sends once message was answered (matched: a rule or on-unmatched
// answered it; startedStream: the answer is a stream still running): its own (graphql-ws's
// complete, or its error for an operation nothing answered), then the message's `after`
// (STOMP's RECEIPT). The server and Try it both send these, in this order.
QStringList framesAfterAnswer(Session &session, const Decoded &message, bool matched,
                              bool startedStream);
// The close code a Close or Bad frame ends its connection with: its own, or else 1002 for
// a Bad one and 1000 for a goodbye.
int closeCodeOf(const Decoded &decoded);

// What a close frame leaves for its reason, in bytes of UTF-8.
constexpr qsizetype MaxCloseReasonBytes = 123;
// A close reason cut to fit a close frame, never in the middle of a character.
QString fittedCloseReason(const QString &reason);

} // namespace Protocols
