#include "tryconversation.h"

#include <QCoreApplication>
#include <QUrl>

#include <functional>

TryConversation::TryConversation(const TryConversation &other)
    : state(other.state)
    , vars(other.vars)
    , shared(other.shared)
    , sequenceMatches(other.sequenceMatches)
    , streams(other.streams)
    , session(other.session ? other.session->clone() : nullptr)
    , sessionEndpoint(other.sessionEndpoint)
    , opened(other.opened)
    , protocolFrames(other.protocolFrames)
    , closed(other.closed)
{ }

TryConversation &TryConversation::operator=(const TryConversation &other)
{
    if (this != &other) {
        TryConversation copy(other);
        *this = std::move(copy);
    }
    return *this;
}

namespace {

// One frame of a reply as Try it shows it: a text frame rendered, a binary one described.
struct TryFrame
{
    QString text;
    bool binary = false;
};

TryFrame renderFrame(const ReplyFrame &frame, const TemplateContext &context, QStringList *missing)
{
    if (frame.isBinary)
        return { QCoreApplication::translate("TryResult", "<binary, %n byte(s)>", nullptr,
                                             int(frame.binary.size())),
                 true };
    return { frame.text.render(context, missing), false };
}

// A reply's frames: the response, or each of its frames.
QList<TryFrame> renderReply(const Reply &reply, const Template *response,
                            const TemplateContext &context, QStringList *missing)
{
    QList<TryFrame> frames;
    if (reply.frames.isEmpty()) {
        if (response)
            frames.append({ response->render(context, missing), false });
        return frames;
    }
    for (const ReplyFrame &frame : reply.frames)
        frames.append(renderFrame(frame, context, missing));
    return frames;
}

// The frames as they go out: on a preset endpoint each text frame framed by the session, those
// it finds not for this connection counted in unframed.
QStringList framedForTry(Protocols::Session *session, const Protocols::Framing &framing,
                         const QList<TryFrame> &frames, const ParamMap &params, int *unframed)
{
    QStringList out;
    for (const TryFrame &frame : frames) {
        if (!session || frame.binary) {
            out.append(frame.text);
        } else if (std::optional<QString> framed = session->frame(framing, frame.text, params)) {
            out.append(*framed);
        } else if (unframed) {
            ++*unframed;
        }
    }
    return out;
}

// A rule's `set` or `set-shared` in a simulated connection; a value over the limits is refused,
// as the server refuses it.
void assignForTry(const QList<std::pair<QString, Template>> &assignments,
                  const TemplateContext &context, ParamMap *into)
{
    for (const auto &[name, value] : assignments) {
        QString text = value.render(context);
        if (text.toUtf8().size() > Conversation::MaxValueBytes
            || (!into->contains(name) && into->size() >= Conversation::MaxVariables))
            continue;
        into->insert(name, text);
    }
}

// One message's answer on the simulated connection.
struct TryTurn
{
    TryConversation *conversation;
    TryResult *result;
    Protocols::Session *session = nullptr; // on a preset endpoint
};

void stopForTry(const QString &key, const TryTurn &turn)
{
    turn.result->stopped = TryStop { key, turn.conversation->streams.remove(key) };
}

// A rule's start-stream: the key runs from now on (again from 1 if it ran), within the limit.
bool startForTry(const RuleStream &spec, const TemplateContext &context, const TryTurn &turn)
{
    TryStream &stream = turn.result->stream.emplace();
    stream.key = spec.key.render(context);
    stream.intervalMs = spec.intervalMs;
    stream.count = spec.count;
    QSet<QString> &running = turn.conversation->streams;
    stream.restarted = running.contains(stream.key);
    stream.refused = !stream.restarted && running.size() >= Conversation::MaxStreams;
    if (stream.refused)
        return false;
    running.insert(stream.key);
    return true;
}

// The conversation's changes, in the server's order: state, values, the stream stopped, then
// the one started. True when it starts a stream.
bool converseForTry(const Rule &rule, const TemplateContext &context, const TryTurn &turn)
{
    const Conversation &conversation = rule.conversation;
    TryConversation &connection = *turn.conversation;
    if (conversation.setState)
        connection.state = *conversation.setState;
    assignForTry(conversation.setVars, context, &connection.vars);
    assignForTry(conversation.setShared, context, &connection.shared);
    if (conversation.stopStream)
        stopForTry(conversation.stopStream->render(context), turn);
    return conversation.startStream && startForTry(*conversation.startStream, context, turn);
}

// A rule answers: the conversation changes first (the reply sees them), then its reply or its
// sequence's next. True when it starts a stream.
bool answerForTry(const Rule &rule, const TemplateContext &context, const TryTurn &turn)
{
    const bool started = converseForTry(rule, context, turn);
    const SequenceReply *next = rule.sequence
        ? &rule.sequence->replyFor(++turn.conversation->sequenceMatches[rule.index])
        : nullptr;
    const Reply &reply = next ? next->reply : rule.reply;
    const bool hasResponse = next ? next->hasResponse : rule.hasResponse;
    const Template *response = hasResponse ? (next ? &next->response : &rule.response) : nullptr;
    TryResult &result = *turn.result;
    result.audience = reply.to;
    static const ParamMap none;
    result.frames = framedForTry(turn.session, reply.framing,
                                 renderReply(reply, response, context, &result.missing),
                                 context.protocol ? *context.protocol : none,
                                 result.protocol ? &result.protocol->unframed : nullptr);
    result.reply = result.frames.join(QLatin1Char('\n'));
    return started;
}

// The first frames of the stream the rule started, and how it ends: rendered as its ticks
// render them, framed by a copy of the session as it is once the answer is done.
void previewStream(const Rule &rule, TemplateContext context, const TryTurn &turn)
{
    const RuleStream &spec = *rule.conversation.startStream;
    TryStream &stream = *turn.result->stream;
    const std::unique_ptr<Protocols::Session> session
        = turn.session ? turn.session->clone() : nullptr;
    static const ParamMap none;
    const ParamMap &params = context.protocol ? *context.protocol : none;
    const qint64 shown = spec.count > 0 ? std::min<qint64>(spec.count, TryStream::PreviewFrames)
                                        : TryStream::PreviewFrames;
    for (qint64 tick = 1; tick <= shown; ++tick) {
        context.counter = tick;
        const ReplyFrame &frame = spec.frames.at(qsizetype((tick - 1) % spec.frames.size()));
        stream.frames += framedForTry(session.get(), rule.reply.framing,
                                      { renderFrame(frame, context, nullptr) }, params, nullptr);
    }
    if (spec.count == 0)
        return;
    context.counter = spec.count;
    if (spec.final) {
        const QStringList final
            = framedForTry(session.get(), rule.reply.framing,
                           { renderFrame(*spec.final, context, nullptr) }, params, nullptr);
        if (!final.isEmpty())
            stream.final = final.first();
    }
    if (session)
        stream.ended = session->streamEnded(params);
}

// The rule that answers, or else the endpoint's on-unmatched, answers the message; on a preset
// endpoint the session's frames after the answer follow.
void answerMessage(const Endpoint &endpoint, const TemplateContext &context, const TryTurn &turn,
                   const std::function<QList<PatternMiss>()> &explain)
{
    TryResult &result = *turn.result;
    const Rule *answering = result.rule;
    TemplateContext answerContext = context;
    // A message its preset keeps (a STOMP SUBSCRIBE) is not unmatched: no fallback answers it.
    const bool kept = result.protocol && result.protocol->decoded.kept;
    if (!answering && !kept) {
        result.misses = explain();
        result.fallback = endpoint.fallback.has_value();
        answering = result.fallback ? &*endpoint.fallback : nullptr;
        answerContext.bindings = nullptr;
    }
    const bool started = answering && answerForTry(*answering, answerContext, turn);
    if (result.protocol)
        result.protocol->after = Protocols::framesAfterAnswer(
            *turn.session, result.protocol->decoded, answering != nullptr, started);
    if (started)
        previewStream(*answering, answerContext, turn);
}

// An application message of a preset: matched on the protocol's terms, then answered.
void answerDecoded(const Endpoint &endpoint, const TemplateContext &base, const TryTurn &turn)
{
    TryConversation &connection = *turn.conversation;
    const Protocols::Decoded &decoded = turn.result->protocol->decoded;
    const IncomingMessage payload(decoded.payload);
    Bindings bindings;
    turn.result->rule = endpoint.firstProtocolMatch(decoded, payload, &bindings, &connection.state,
                                                    &connection.shared);
    TemplateContext context = base;
    context.message = &payload;
    context.bindings = &bindings;
    context.protocol = &decoded.params;
    answerMessage(endpoint, context, turn, [&] {
        return endpoint.explainProtocolMisses(decoded, payload, &connection.state,
                                              &connection.shared);
    });
}

// The endpoint's on-connect, once the protocol's own connect is done, framed by the session.
void greetForTry(const Endpoint &endpoint, TemplateContext context, const TryTurn &turn)
{
    TryProtocol &protocol = *turn.result->protocol;
    if (!endpoint.greeting && endpoint.greetingReply.frames.isEmpty())
        return;
    context.protocol = &protocol.decoded.params;
    protocol.greeting = framedForTry(turn.session, endpoint.greetingReply.framing,
                                     renderReply(endpoint.greetingReply,
                                                 endpoint.greeting ? &*endpoint.greeting : nullptr,
                                                 context, &turn.result->missing),
                                     protocol.decoded.params, &protocol.unframed);
}

// A frame typed for a preset endpoint, as a client sends it: decoded by the session, then what
// the server does with what it means.
void tryPresetFrame(const Endpoint &endpoint, const QString &frame, const TemplateContext &base,
                    const TryTurn &turn)
{
    using Action = Protocols::Decoded::Action;
    TryConversation &connection = *turn.conversation;
    TryProtocol &protocol = turn.result->protocol.emplace();
    protocol.name = Protocols::nameOf(endpoint.protocol);
    protocol.opened = connection.opened;
    if (frame.isEmpty() || !turn.session)
        return;
    if (connection.closed) {
        protocol.afterClose = true;
        return;
    }
    protocol.decoded = turn.session->decode(frame);
    ++connection.protocolFrames;
    switch (protocol.decoded.action) {
    case Action::Message:
        answerDecoded(endpoint, base, turn);
        return;
    case Action::Connected:
        greetForTry(endpoint, base, turn);
        break;
    case Action::Stop:
        stopForTry(protocol.decoded.streamKey, turn);
        break;
    case Action::Close:
    case Action::Bad:
        connection.closed = true;
        protocol.closeCode = Protocols::closeCodeOf(protocol.decoded);
        break;
    case Action::Ignore:
        break;
    }
    protocol.after = protocol.decoded.after;
}

} // namespace

void prepareTryConversation(const MockSpec &spec, const QString &pathAndQuery,
                            TryConversation *conversation)
{
    const QUrl url = QUrl::fromEncoded(pathAndQuery.toUtf8());
    ParamMap pathParams;
    const Endpoint *endpoint = spec.route(url.path(QUrl::FullyEncoded), &pathParams);
    if (!endpoint || endpoint->protocol == Protocols::Kind::None)
        return;
    if (conversation->session && conversation->sessionEndpoint == endpoint->path.text())
        return;
    Protocols::SessionOptions options;
    options.connectionId = 1;
    options.path = url.path();
    options.query = queryParamsOf(url);
    conversation->session = Protocols::makeSession(endpoint->protocol, options);
    conversation->sessionEndpoint = endpoint->path.text();
    conversation->opened = conversation->session ? conversation->session->opened() : QStringList();
    conversation->closed = false;
}

TryResult tryMessage(const MockSpec &spec, const QString &pathAndQuery, const QString &message)
{
    // A fresh connection: its first state, nothing shared yet, each sequence at its first.
    TryConversation fresh;
    return tryMessage(spec, pathAndQuery, message, &fresh);
}

TryResult tryMessage(const MockSpec &spec, const QString &pathAndQuery, const QString &message,
                     TryConversation *conversation)
{
    TryResult result;
    const QUrl url = QUrl::fromEncoded(pathAndQuery.toUtf8());
    result.endpoint = spec.route(url.path(QUrl::FullyEncoded), &result.pathParams);
    if (!result.endpoint)
        return result;
    result.queryParams = queryParamsOf(url);
    const Endpoint &endpoint = *result.endpoint;
    TemplateContext context { &result.pathParams, &result.queryParams, nullptr, nullptr };
    const bool preset = endpoint.protocol != Protocols::Kind::None;
    if (endpoint.greeting || !endpoint.greetingReply.frames.isEmpty()) {
        result.hasGreeting = true;
        result.greeting
            = framedForTry(nullptr, {},
                           renderReply(endpoint.greetingReply,
                                       endpoint.greeting ? &*endpoint.greeting : nullptr, context,
                                       // A preset's on-connect reads what its connect decodes.
                                       preset ? nullptr : &result.missing),
                           {}, nullptr)
                  .join(QLatin1Char('\n'));
    }
    context.state = &conversation->state;
    context.vars = &conversation->vars;
    context.shared = &conversation->shared;
    prepareTryConversation(spec, pathAndQuery, conversation);
    const TryTurn turn { conversation, &result, preset ? conversation->session.get() : nullptr };
    if (preset) {
        tryPresetFrame(endpoint, message, context, turn);
        return result;
    }
    const IncomingMessage incoming(message);
    Bindings bindings;
    result.rule
        = endpoint.firstMatch(incoming, &bindings, &conversation->state, &conversation->shared);
    context.message = &incoming;
    context.bindings = &bindings;
    answerMessage(endpoint, context, turn, [&] {
        return endpoint.explainMisses(incoming, &conversation->state, &conversation->shared);
    });
    return result;
}
