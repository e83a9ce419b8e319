#pragma once

#include "httpendpoint.h"
#include "messagepattern.h"
#include "pathpattern.h"
#include "protocol.h"
#include "template.h"

#include <QList>
#include <QUrl>
#include <QString>

#include <memory>
#include <optional>

struct SourceLocation
{
    int line = 0; // 1-based
    int column = 0;
};

// A wait before a frame: fixed (min == max) or drawn at random from [min, max] ms.
struct Delay
{
    int minMs = 0;
    int maxMs = 0;
    bool isZero() const { return maxMs == 0; }
    int pick() const;
    QString text() const; // "250ms", "100ms..300ms"
    // "250ms", "1.5s", "250" (ms), "100ms..300ms"; false for anything else.
    static bool parse(const QString &text, Delay *out);
};

// One frame of a multi-frame answer: text (a template) or binary, after its own delay.
struct ReplyFrame
{
    Template text;
    QByteArray binary;
    bool isBinary = false;
    Delay delay;
};

// Who a rule's answer goes to.
enum class Audience { Sender, Endpoint, Others };

// What the spec's `response` can be extended with (all optional): a delay, several frames,
// other recipients, and closing the connection afterwards.
struct Reply
{
    Delay delay; // before `response`
    QList<ReplyFrame> frames; // instead of `response`
    Audience to = Audience::Sender;
    bool toWritten = false; // `to:` was written: a preset's addressing key (send-to) keeps it
    int closeCode = 0; // 0: stay open
    QString closeReason;
    // On a preset endpoint: how the payloads are framed (`emit: chat`, `error:`...); an
    // empty kind is the preset's default (graphql-ws next, a socket.io message event...).
    Protocols::Framing framing;

    bool isPlain() const
    {
        return delay.isZero() && frames.isEmpty() && to == Audience::Sender && !closeCode;
    }
};

// A rule key of a preset that selects messages on the protocol's own terms
// (`operation: hello`, `query: "{ hello }"`, `event: chat`, `send: /app/echo`): the decoded
// message's command must be `command`, and `value` must equal its name (or its params[field]),
// or be found in it when `contains`.
struct ProtocolSelector
{
    QString key; // the rule key, as written: "operation"
    QString command;
    QString field; // empty: the message's name
    QString value;
    bool contains = false;

    bool selects(const Protocols::Decoded &message) const;
    // What the selector reads of message: its command, then its name or params[field].
    QString readOf(const Protocols::Decoded &message) const;
};

// One reply of a sequence: what a rule answers on one of its matches.
struct SequenceReply
{
    Template response;
    bool hasResponse = false;
    Reply reply;
};

// A rule that answers differently on its 1st, 2nd, ... match (`sequence:`): past the last
// reply it sticks on the last one or cycles back to the first; counted per connection or
// for the whole endpoint.
struct Sequence
{
    bool cycle = false;
    bool perEndpoint = false;
    QList<SequenceReply> replies;

    // The reply for match number `match` (1-based).
    const SequenceReply &replyFor(qint64 match) const;
};

// A stream a rule starts for its connection (`start-stream:`), under a key rendered from the
// message; its templates see the starting message and {{counter}}. It stops after `count`
// frames (0: never) and then sends `final`, or when a rule stops its key.
struct RuleStream
{
    Template key;
    int intervalMs = 1000;
    QList<ReplyFrame> frames;
    qint64 count = 0;
    std::optional<ReplyFrame> final;
};

// What a rule reads and changes of the conversation beyond its answer (all optional):
// the connection's state and variables, and the endpoint's shared values.
struct Conversation
{
    // Limits per connection (variables also per endpoint for shared values): beyond them the
    // action is refused and logged, the connection gets nothing extra.
    static constexpr int MaxStreams = 64;
    static constexpr int MaxVariables = 64;
    static constexpr qsizetype MaxValueBytes = 64 * 1024;

    QStringList whenState; // empty: any state
    QList<std::pair<QString, QString>> whenShared; // each shared value must equal this
    std::optional<QString> setState;
    QList<std::pair<QString, Template>> setVars;
    QList<std::pair<QString, Template>> setShared;
    std::shared_ptr<const RuleStream> startStream; // shared: a running stream keeps it
    std::optional<Template> stopStream;

    bool hasGuard() const { return !whenState.isEmpty() || !whenShared.isEmpty(); }
    bool hasActions() const
    {
        return setState || !setVars.isEmpty() || !setShared.isEmpty() || startStream || stopStream;
    }
    // Whether a connection in this state, with these endpoint values, may use the rule.
    bool admits(const QString &state, const ParamMap &shared) const;
};

// One on-message rule: a compiled pattern and its compiled response.
struct Rule
{
    int index = 0; // position in on-message, 0-based
    MessagePattern pattern;
    // A rule for binary messages instead (`binary: any` or a hex/base64 prefix).
    bool matchesBinary = false;
    QByteArray binaryPrefix; // empty: any binary message
    Template response;
    bool hasResponse = false;
    Reply reply;
    Conversation conversation;
    std::optional<Sequence> sequence; // instead of response or frames
    bool enabled = true; // `enabled: false`: kept in the config, skipped when matching
    SourceLocation location;
    SourceLocation patternLocation; // of the pattern's (or binary match's) value
    // On a preset endpoint: what the message must be, on the protocol's terms; without a
    // pattern (anyPayload) every payload of such a message matches.
    QList<ProtocolSelector> selectors;
    bool anyPayload = false;

    // Why this rule does not answer a text message, or binary data (None when it does).
    PatternMiss explainMiss(const IncomingMessage &message) const;
    PatternMiss explainBinaryMiss(const QByteArray &data) const;

    // "on-message[0]": how logs and the workbench name the rule.
    QString label() const; // "on-message[0]"
    QString labelText; // set by the loader, so that label() costs nothing per message
};

// Frames the server sends on its own, every interval: to each connection (its own count)
// or to all connections of the endpoint at once (one shared count).
struct Stream
{
    static constexpr int MinimumIntervalMs = 10; // guards against floods
    int index = 0;
    int intervalMs = 1000;
    bool toAll = false;
    bool once = false; // stop after the last frame instead of cycling
    QList<ReplyFrame> frames;
    SourceLocation location;
    QString label() const; // "streams[0]"
};

// `proxy`: the real server each connection of an endpoint is relayed to.
struct EndpointProxy
{
    Template url; // ws:// or wss://; sees path and query parameters and handshake headers
    // `proxy-insecure`: any TLS certificate the upstream shows is accepted (a local server's
    // self-signed one); otherwise only those the system trusts.
    bool anyCertificate = false;
};

struct Endpoint
{
    PathPattern path;
    Protocols::Kind protocol = Protocols::Kind::None; // `protocol:`, a preset
    QStringList subprotocols; // offered, in order of preference; empty: none
    std::optional<Template> greeting; // on-connect response
    Reply greetingReply; // its delay, frames, audience and close
    QList<Rule> rules;
    // `on-unmatched`: the reply to a message no rule answers (labelled "on-unmatched"; it has
    // no pattern). The message still counts as unmatched.
    std::optional<Rule> fallback;
    QList<Stream> streams;
    // With a proxy, what no rule answers goes to the upstream instead of on-unmatched.
    std::optional<EndpointProxy> proxy;
    SourceLocation location;

    // First binary rule that matches data, or nullptr (guards as for firstMatch).
    const Rule *firstBinaryMatch(const QByteArray &data, const QString *state = nullptr,
                                 const ParamMap *shared = nullptr) const;
    // First rule whose pattern matches, or nullptr; bindings receive its captured values.
    // Rules with `when-state`/`when-shared` need a conversation to match (state: the
    // connection's, shared: the endpoint's values); without one they never match.
    const Rule *firstMatch(const IncomingMessage &message, Bindings *bindings,
                           const QString *state = nullptr, const ParamMap *shared = nullptr) const;
    // For a message no rule answers: why not, for each rule in order.
    // With the conversation (as firstMatch takes it), a rule whose pattern fits but whose
    // when-state or when-shared shuts it out is explained as such.
    QList<PatternMiss> explainMisses(const IncomingMessage &message, const QString *state = nullptr,
                                     const ParamMap *shared = nullptr) const;
    // On a preset endpoint: the first rule whose selectors take the decoded message and whose
    // pattern (if any) matches its payload; guards as for firstMatch.
    const Rule *firstProtocolMatch(const Protocols::Decoded &message,
                                   const IncomingMessage &payload, Bindings *bindings,
                                   const QString *state, const ParamMap *shared) const;
    // On a preset endpoint: why each rule does not answer the decoded message.
    QList<PatternMiss> explainProtocolMisses(const Protocols::Decoded &message,
                                             const IncomingMessage &payload, const QString *state,
                                             const ParamMap *shared) const;
    QList<PatternMiss> explainBinaryMisses(const QByteArray &data, const QString *state = nullptr,
                                           const ParamMap *shared = nullptr) const;
};

// A loaded, validated config: what a MockServer serves. Immutable once built, shared by
// pointer so a reload swaps it in one step.
struct MockSpec
{
    QString fileName;
    QList<Endpoint> endpoints; // in file order
    QList<HttpEndpoint> httpEndpoints; // `endpoint:` items, in file order

    // Finds the endpoint for a raw request path; fills *params with its path parameters.
    const Endpoint *route(const QString &rawPath, ParamMap *params = nullptr) const;
    int endpointIndex(const Endpoint *endpoint) const;
    // Routes an HTTP request: method (upper case; HEAD is served by GET), Host header value
    // (a port is ignored), raw path without the query.
    HttpRoute routeHttp(QByteArrayView method, QStringView host, const QString &rawPath) const;
    int ruleCount() const;

    // Called once after loading: orders routes by specificity.
    void buildRoutes();

private:
    void buildHttpRoutes(); // httproute.cpp

    QList<int> m_routeOrder;
    QList<int> m_httpRouteOrder; // httpEndpoints, the most specific path first
};

using MockSpecPtr = std::shared_ptr<const MockSpec>;

// A stream a rule starts, as Try it shows it: its key and its first frames.
struct TryStream
{
    static constexpr int PreviewFrames = 3;
    QString key;
    int intervalMs = 0;
    qint64 count = 0; // 0: it runs until stopped
    QStringList frames; // the first PreviewFrames (fewer with a smaller count), rendered
    std::optional<QString> final; // after the count's last frame
    QStringList ended; // a preset's own frames once it ends (graphql-ws's complete)
    bool restarted = false; // its key was running: it starts again from counter 1
    bool refused = false; // the connection runs Conversation::MaxStreams streams already
};

// A stream a message stops: a rule's `stop-stream`, or a preset's own stop (graphql-ws's
// complete, STOMP's UNSUBSCRIBE).
struct TryStop
{
    QString key;
    bool wasRunning = false;
};

// On a preset endpoint: what the protocol made of the message, and its own frames around the
// rules' reply.
struct TryProtocol
{
    QString name; // "socket.io"
    QStringList opened; // what the session sends as the WebSocket opens (Engine.IO's open)
    Protocols::Decoded decoded; // its action, summary, own replies, problem
    QStringList greeting; // Connected: the endpoint's on-connect, framed
    QStringList after; // after the rules answered (graphql-ws complete, STOMP RECEIPT)
    int unframed = 0; // reply frames the session found not for this connection
    int closeCode = 0; // Close or Bad: the connection closes with this code
    bool afterClose = false; // the connection had closed: the message was not taken
};

// What the server would do with a message, worked out without any client: the workbench's
// "Try it" box.
struct TryResult
{
    const Endpoint *endpoint = nullptr; // null: the path is refused with 404
    ParamMap pathParams;
    ParamMap queryParams;
    QString greeting; // rendered on-connect response, if the endpoint has one
    bool hasGreeting = false;
    const Rule *rule = nullptr; // null: unmatched, no reply but the fallback's
    QString reply;
    QStringList frames; // the reply's frames, each as sent (reply is them one per line)
    bool fallback = false; // unmatched, and reply is the endpoint's on-unmatched
    QStringList missing; // template values that rendered empty
    QList<PatternMiss> misses; // no rule matches: why not, for each of the endpoint's rules
    Audience audience = Audience::Sender; // who the reply goes to
    std::optional<TryProtocol> protocol; // on a preset endpoint
    std::optional<TryStream> stream; // the rule starts a stream
    std::optional<TryStop> stopped; // the message stops a stream
};

// Query parameters of a request URL, percent-decoded; the first of repeated keys wins.
ParamMap queryParamsOf(const QUrl &url);

// pathAndQuery as a client would request it: "/ws/user/alice?x=1".
TryResult tryMessage(const MockSpec &spec, const QString &pathAndQuery, const QString &message);
