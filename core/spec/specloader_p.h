#pragma once

// The loader's inside, shared by the specloader*.cpp files, one per group of keys. Not part
// of the spec layer's interface.

#include "specloader.h"

#include <yaml-cpp/yaml.h>

#include <optional>
#include <string>
#include <vector>

template<typename T>
struct Verdict;

namespace SpecLoading {

QString kindOf(const YAML::Node &node); // "text", "a list"... for messages
QString qs(const std::string &text);
// "; did you mean 'on-message'?" when an unknown key is a typo of one of the known ones (at
// most two edits away, or the same but for case and '_' for '-'); otherwise empty.
QString keySuggestion(const std::string &unknown, const std::vector<const char *> &known);
std::string keyName(const YAML::Node &key); // the key's text, or empty when it is not text
QString scalarText(const YAML::Node &node); // the node's text, or empty when it is not text

// One websocket item while it is read: the endpoint so far, and whether it is still valid.
struct EndpointDraft
{
    EndpointDraft() = default;
    EndpointDraft(const EndpointDraft &) = delete; // checkedPath points into endpoint
    EndpointDraft &operator=(const EndpointDraft &) = delete;

    Endpoint endpoint;
    bool valid = true;
    bool hasPath = false;
    // The keys read once the path is known (their templates may name path parameters).
    YAML::Node onConnectKey, onConnect, onUnmatchedKey, onUnmatched, onMessage, streams;

    // The path template variables are checked against: set once path and subprotocols are
    // read, and left null when either is not valid.
    const PathPattern *checkedPath = nullptr;
};

// A reply being read (of a rule, of on-connect or a stream's frames) and what its templates
// may refer to.
struct ReplyTarget
{
    Reply *reply = nullptr;
    bool *valid = nullptr; // the endpoint's: cleared on an error
    const PathPattern *path = nullptr;
    const MessagePattern *pattern = nullptr; // null: no message (on-connect, streams)
    Protocols::Kind protocol = Protocols::Kind::None; // the endpoint's preset
};

// One on-message rule while it is read.
struct RuleDraft
{
    Rule rule;
    std::optional<QString> patternText, response;
    YAML::Mark responseMark;
    bool hasPattern = false;
    bool hasResponse = false;
    bool hasConversation = false; // an action key (not a guard), read or reported as wrong
    std::string responseKey = "response"; // or the preset key that gave the response
};

// One stream while it is read.
struct StreamDraft
{
    Stream stream;
    Reply frames;
    bool hasEvery = false;
};

// One endpoint (HTTP) item while it is read.
struct HttpDraft
{
    HttpDraft() = default;
    HttpDraft(const HttpDraft &) = delete; // checkedPath points into endpoint
    HttpDraft &operator=(const HttpDraft &) = delete;

    HttpEndpoint endpoint;
    bool valid = true;
    bool hasPath = false;
    YAML::Mark pathMark;
    // The keys read once the path is known (their templates may name path parameters).
    YAML::Node responseKey, response, rateLimitKey, rateLimit, webhookKey, webhook, pushKey, push;

    // The path template variables are checked against: set once the path is read, and left
    // null when it is not valid.
    const PathPattern *checkedPath = nullptr;
};

class Loader;
// Reads one key of an HTTP item's map (the item, its response, webhook, rate limit, push).
using HttpKeyLoader
    = void (Loader::*)(const YAML::Node &key, const YAML::Node &value, HttpDraft *draft);
struct HttpKey
{
    const char *name;
    HttpKeyLoader load;
};

class Loader
{
public:
    explicit Loader(QString fileName) : m_file(std::move(fileName)) { }

    LoadResult run(const ParsedYaml &yaml);

private:
    void add(Diagnostic::Severity severity, const YAML::Mark &mark, const QString &message)
    {
        add(severity, location(mark), message);
    }
    void add(Diagnostic::Severity severity, SourceLocation where, const QString &message);
    void error(const YAML::Mark &mark, const QString &message)
    {
        add(Diagnostic::Severity::Error, mark, message);
    }
    void warning(const YAML::Mark &mark, const QString &message)
    {
        add(Diagnostic::Severity::Warning, mark, message);
    }
    static SourceLocation location(const YAML::Mark &mark)
    {
        return mark.is_null() ? SourceLocation {}
                              : SourceLocation { mark.line + 1, mark.column + 1 };
    }
    void warnExtraDocument(const QByteArray &data, const YAML::Mark &mark);

    void loadItem(const YAML::Node &item);
    // Whether key holds a map; an error when it does not.
    bool expectMap(const YAML::Node &key, const YAML::Node &value);
    std::optional<QString> responseText(const YAML::Node &key, const YAML::Node &value);
    // requestBody: json-params and message are the HTTP request's body (with no pattern).
    void checkVariables(const Template &replyTemplate, const YAML::Mark &mark,
                        const PathPattern *path, const MessagePattern *pattern,
                        bool requestBody = false);

    // specloader_endpoint.cpp: a websocket item, its path, subprotocols and on-connect, and
    // how its path conflicts with the endpoints before it.
    void loadWebsocket(const YAML::Node &wsKey, const YAML::Node &ws);
    void readWebsocketKey(const YAML::Node &key, const YAML::Node &value, EndpointDraft *draft);
    void loadPath(const YAML::Node &key, const YAML::Node &value, EndpointDraft *draft);
    void loadSubprotocols(const YAML::Node &key, const YAML::Node &value, EndpointDraft *draft);
    void loadProtocol(const YAML::Node &key, const YAML::Node &value, EndpointDraft *draft);

    // specloader_protocol.cpp: the rule keys of protocol presets (Protocols::Preset::ruleKeys):
    // selectors and framing. False when name is no preset's key; an error when it is another
    // preset's, or the endpoint has none.
    bool loadPresetRuleKey(const std::string &name, const YAML::Node &key, const YAML::Node &value,
                           RuleDraft *rule, EndpointDraft *draft);
    // The framing keys that name something (`emit: NAME`), in any reply map.
    bool loadPresetReplyKey(const std::string &name, const YAML::Node &key, const YAML::Node &value,
                            const ReplyTarget &target);
    // The preset key found, or null (with an error) when the endpoint does not speak its
    // preset.
    const Protocols::RuleKey *presetKeyFor(const std::string &name, const YAML::Node &key,
                                           Protocols::Kind protocol, bool *valid);
    // The keys a rule of this endpoint may have, for "did you mean".
    static std::vector<const char *> ruleKeyNames(Protocols::Kind protocol);
    void loadOnConnect(EndpointDraft *draft);
    void loadOnUnmatched(EndpointDraft *draft);
    // The map of on-connect or on-unmatched (place): its response into *response, the other
    // reply keys into target. Whether it has a 'response' key; an error when it is no map.
    std::optional<bool> readReplyMap(const YAML::Node &map, const char *place,
                                     std::optional<Template> *response, const ReplyTarget &target);
    using ItemLoader = void (Loader::*)(const YAML::Node &item, int index, EndpointDraft *draft);
    void loadList(const YAML::Node &list, const QString &notAList, ItemLoader load,
                  EndpointDraft *draft);
    // Reports an on-connect or on-unmatched (place) that answers nothing, or twice.
    void checkReplyComplete(const YAML::Node &key, const char *place, bool hasResponse,
                            const Reply &reply, EndpointDraft *draft);
    bool conflictsWithEarlierPath(const Endpoint &endpoint);

    // specloader_rules.cpp: each on-message rule, its pattern or binary match and response.
    void loadRule(const YAML::Node &item, int index, EndpointDraft *draft);
    void readRuleKey(const YAML::Node &key, const YAML::Node &value, RuleDraft *rule,
                     EndpointDraft *draft);
    void loadBinaryMatch(const YAML::Node &key, const YAML::Node &value, RuleDraft *rule,
                         EndpointDraft *draft);
    void loadPattern(const YAML::Node &key, const YAML::Node &value, RuleDraft *rule);
    void loadEnabled(const YAML::Node &key, const YAML::Node &value, RuleDraft *rule,
                     EndpointDraft *draft);
    bool checkRuleComplete(const YAML::Node &item, const RuleDraft &rule);
    void warnShadowedRules(const Endpoint &endpoint);

    // specloader_conversation.cpp: what a rule reads and changes of the conversation (state,
    // variables, shared values), its sequence of replies and the streams it starts or stops.
    // False when key is not one of them.
    bool loadConversationKey(const std::string &name, const YAML::Node &key,
                             const YAML::Node &value, RuleDraft *rule, EndpointDraft *draft);
    // A state or variable name; empty (and an error) when it is not one.
    QString conversationName(const YAML::Node &at, const ReplyTarget &target);
    void loadWhenState(const YAML::Node &key, const YAML::Node &value, RuleDraft *rule,
                       const ReplyTarget &target);
    void loadWhenShared(const YAML::Node &key, const YAML::Node &value, RuleDraft *rule,
                        const ReplyTarget &target);
    void loadAssignments(const YAML::Node &key, const YAML::Node &value,
                         QList<std::pair<QString, Template>> *into, const ReplyTarget &target);
    void loadSequence(const YAML::Node &key, const YAML::Node &value, RuleDraft *rule,
                      const ReplyTarget &target);
    void readSequenceKey(const YAML::Node &key, const YAML::Node &value, Sequence *sequence,
                         const ReplyTarget &target);
    void loadSequenceReply(const YAML::Node &item, Sequence *sequence, const ReplyTarget &target);
    void loadStartStream(const YAML::Node &key, const YAML::Node &value, RuleDraft *rule,
                         const ReplyTarget &target);
    void readStartStreamKey(const YAML::Node &key, const YAML::Node &value, RuleStream *stream,
                            const ReplyTarget &target);

    // specloader_reply.cpp: the keys that extend a response (delay, to, close, frames).
    // False when key is not one of them.
    bool loadReplyKey(const std::string &key, const YAML::Node &keyNode, const YAML::Node &value,
                      const ReplyTarget &target);
    void fail(const YAML::Node &at, const YAML::Node &keyNode, const QString &message,
              const ReplyTarget &target);
    void loadDelay(const YAML::Node &keyNode, const YAML::Node &value, Delay *delay,
                   const ReplyTarget &target);
    void loadReplyDelay(const YAML::Node &keyNode, const YAML::Node &value,
                        const ReplyTarget &target);
    void loadAudience(const YAML::Node &keyNode, const YAML::Node &value,
                      const ReplyTarget &target);
    void loadClose(const YAML::Node &keyNode, const YAML::Node &value, const ReplyTarget &target);
    void loadCloseMap(const YAML::Node &keyNode, const YAML::Node &value,
                      const ReplyTarget &target);
    void loadFrames(const YAML::Node &keyNode, const YAML::Node &value, const ReplyTarget &target);
    ReplyFrame loadFrame(const YAML::Node &keyNode, const YAML::Node &item,
                         const ReplyTarget &target);
    void loadFrameMap(const YAML::Node &keyNode, const YAML::Node &item, ReplyFrame *frame,
                      const ReplyTarget &target);
    // A response compiled and its variables checked; none when it is empty or too large.
    std::optional<Template> compileResponse(const YAML::Node &key, const YAML::Node &value,
                                            const ReplyTarget &target);
    void loadFrameBinary(const YAML::Node &keyNode, const YAML::Node &value, ReplyFrame *frame,
                         const ReplyTarget &target);

    // specloader_streams.cpp: each stream, its interval, audience, mode and frames.
    void loadStream(const YAML::Node &item, int index, EndpointDraft *draft);
    void readStreamKey(const YAML::Node &key, const YAML::Node &value, StreamDraft *stream,
                       EndpointDraft *draft);
    void loadInterval(const YAML::Node &key, const YAML::Node &value, StreamDraft *stream,
                      EndpointDraft *draft);
    // A key with two possible values: true for the second, an error for anything else.
    std::optional<bool> readChoice(const YAML::Node &value, const char *first, const char *second,
                                   const QString &message, EndpointDraft *draft);

    // specloader_http.cpp: an endpoint (HTTP) item: its route, response, rate limit,
    // webhook and pushes.
    void loadHttp(const YAML::Node &endpointKey, const YAML::Node &item);
    void readHttpMap(const YAML::Node &map, std::initializer_list<HttpKey> keys, const char *place,
                     HttpDraft *draft);
    bool isHttpMap(const YAML::Node &key, const YAML::Node &value, HttpDraft *draft);
    void failHttp(const YAML::Node &at, const YAML::Node &key, const QString &message,
                  HttpDraft *draft);
    std::optional<Template> httpTemplate(const YAML::Node &key, const YAML::Node &value,
                                         HttpDraft *draft);
    void ignoreHttpKey(const YAML::Node &key, const YAML::Node &value, HttpDraft *draft);
    void keepHttpKey(const YAML::Node &key, const YAML::Node &value, HttpDraft *draft);
    void loadHttpMethod(const YAML::Node &key, const YAML::Node &value, HttpDraft *draft);
    void loadHttpHost(const YAML::Node &key, const YAML::Node &value, HttpDraft *draft);
    void loadHttpPath(const YAML::Node &key, const YAML::Node &value, HttpDraft *draft);
    void loadHttpQuery(const YAML::Node &key, const YAML::Node &value, HttpDraft *draft);
    void loadHttpStatus(const YAML::Node &key, const YAML::Node &value, HttpDraft *draft);
    void loadHttpHeaders(const YAML::Node &key, const YAML::Node &value,
                         QList<std::pair<QByteArray, Template>> *headers, HttpDraft *draft);
    void loadResponseHeaders(const YAML::Node &key, const YAML::Node &value, HttpDraft *draft);
    void loadHttpBody(const YAML::Node &key, const YAML::Node &value, HttpDraft *draft);
    void loadExternalBody(const YAML::Node &key, const YAML::Node &value, HttpDraft *draft);
    void loadExternalBodyKey(const YAML::Node &key, const YAML::Node &value, HttpDraft *draft);
    void checkOneBody(const YAML::Node &key, HttpDraft *draft);
    void loadHttpDelay(const YAML::Node &key, const YAML::Node &value, HttpDraft *draft);
    void readHttpDelay(const YAML::Node &key, const YAML::Node &value, int *minMs, int *maxMs,
                       HttpDraft *draft);
    // The value a rule accepted, or its problem reported.
    template<typename T>
    void takeVerdict(const Verdict<T> &verdict, T *into, const YAML::Node &key,
                     const YAML::Node &value, HttpDraft *draft);
    void loadRateLimitKey(const YAML::Node &key, const YAML::Node &value, HttpDraft *draft);
    void loadWebhook(HttpDraft *draft);
    void loadWebhookKey(const YAML::Node &key, const YAML::Node &value, HttpDraft *draft);
    void loadPushes(HttpDraft *draft);
    void loadPushKey(const YAML::Node &key, const YAML::Node &value, HttpDraft *draft);
    void checkShadowed(const HttpDraft &draft);

    QString m_file;
    Diagnostics m_diagnostics;
    std::shared_ptr<MockSpec> m_spec = std::make_shared<MockSpec>();
    // Each websocket endpoint kept so far by its path's shape (no two share one), and the
    // first HTTP endpoint of each method, host and path shape: a new item is looked up, not
    // compared with every earlier one.
    QHash<QString, qsizetype> m_endpointByShape;
    QHash<QString, qsizetype> m_httpEndpointByRoute;
};

} // namespace SpecLoading
