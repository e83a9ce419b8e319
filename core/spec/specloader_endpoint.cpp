#include "specloader_p.h"
#include "specrules.h"

namespace SpecLoading {

void Loader::loadWebsocket(const YAML::Node &wsKey, const YAML::Node &ws)
{
    if (!expectMap(wsKey, ws))
        return;
    EndpointDraft draft;
    draft.endpoint.location = location(wsKey.Mark());
    for (const auto &kv : ws)
        readWebsocketKey(kv.first, kv.second, &draft);
    if (const Protocols::Preset *preset = Protocols::preset(draft.endpoint.protocol);
        preset && draft.endpoint.subprotocols.isEmpty())
        draft.endpoint.subprotocols = preset->subprotocols;
    if (!draft.hasPath) {
        error(wsKey.Mark(), SpecLoader::tr("websocket has no 'path'"));
        draft.valid = false;
    }
    if (draft.valid)
        draft.checkedPath = &draft.endpoint.path;
    loadOnConnect(&draft);
    loadOnUnmatched(&draft);
    loadProxy(&draft);
    loadList(draft.onMessage,
             SpecLoader::tr("'on-message' must be a list of rules, found %1")
                 .arg(kindOf(draft.onMessage)),
             &Loader::loadRule, &draft);
    loadList(draft.streams, SpecLoader::tr("'streams' must be a list of streams"),
             &Loader::loadStream, &draft);
    warnShadowedRules(draft.endpoint);
    if (draft.valid && !conflictsWithEarlierPath(draft.endpoint))
        m_spec->endpoints.append(draft.endpoint);
}

// The path and subprotocols are read at once; the others once the path is known.
void Loader::readWebsocketKey(const YAML::Node &key, const YAML::Node &value, EndpointDraft *draft)
{
    const std::string name = keyName(key);
    if (name == "path") {
        loadPath(key, value, draft);
    } else if (name == "subprotocols") {
        loadSubprotocols(key, value, draft);
    } else if (name == "protocol") {
        loadProtocol(key, value, draft);
    } else if (name == "on-connect") {
        draft->onConnectKey = key;
        draft->onConnect = value;
    } else if (name == "on-unmatched") {
        draft->onUnmatchedKey = key;
        draft->onUnmatched = value;
    } else if (name == "on-message") {
        draft->onMessage = value;
    } else if (name == "streams") {
        draft->streams = value;
    } else if (!takeProxyKey(name, key, value, draft)) {
        warning(
            key.Mark(),
            SpecLoader::tr("unknown key '%1' in websocket ignored").arg(qs(name))
                + keySuggestion(name,
                                { "path", "protocol", "subprotocols", "on-connect", "on-unmatched",
                                  "on-message", "streams", "proxy", "proxy-insecure" }));
    }
}

void Loader::loadPath(const YAML::Node &key, const YAML::Node &value, EndpointDraft *draft)
{
    draft->hasPath = true;
    if (!value.IsScalar()) {
        error(value.IsNull() ? key.Mark() : value.Mark(),
              SpecLoader::tr("'path' must be text, found %1").arg(kindOf(value)));
        draft->valid = false;
        return;
    }
    QString why;
    if (auto path = PathPattern::parse(qs(value.Scalar()), &why)) {
        draft->endpoint.path = *path;
        draft->endpoint.location = location(value.Mark());
    } else {
        error(value.Mark(), why);
        draft->valid = false;
    }
}

void Loader::loadSubprotocols(const YAML::Node &key, const YAML::Node &value, EndpointDraft *draft)
{
    if (value.IsScalar()) {
        draft->endpoint.subprotocols.append(qs(value.Scalar()));
        return;
    }
    if (!value.IsSequence()) {
        error(key.Mark(), SpecLoader::tr("'subprotocols' must be a list of names"));
        draft->valid = false;
        return;
    }
    for (const auto &item : value) {
        // A name the list cannot offer is an error, yet the endpoint's other keys are read on.
        if (item.IsScalar() && SpecRules::isSubprotocolName(qs(item.Scalar())))
            draft->endpoint.subprotocols.append(qs(item.Scalar()));
        else
            error(item.Mark(), SpecRules::subprotocolNameProblem());
    }
}

void Loader::loadOnConnect(EndpointDraft *draft)
{
    Endpoint &endpoint = draft->endpoint;
    const ReplyTarget target { &endpoint.greetingReply, &draft->valid, draft->checkedPath, nullptr,
                               endpoint.protocol };
    const std::optional<bool> hasResponse
        = readReplyMap(draft->onConnect, "on-connect", &endpoint.greeting, target);
    if (hasResponse)
        checkReplyComplete(draft->onConnectKey, "on-connect", *hasResponse, endpoint.greetingReply,
                           draft);
}

// The fallback is a rule without a pattern: its templates see the message, and nothing bound.
void Loader::loadOnUnmatched(EndpointDraft *draft)
{
    Rule fallback;
    fallback.index = -1;
    fallback.labelText = QStringLiteral("on-unmatched");
    fallback.location = location(draft->onUnmatchedKey.Mark());
    fallback.patternLocation = fallback.location;
    const ReplyTarget target { &fallback.reply, &draft->valid, draft->checkedPath,
                               &fallback.pattern, draft->endpoint.protocol };
    std::optional<Template> response;
    const std::optional<bool> hasResponse
        = readReplyMap(draft->onUnmatched, "on-unmatched", &response, target);
    if (!hasResponse)
        return;
    checkReplyComplete(draft->onUnmatchedKey, "on-unmatched", *hasResponse, fallback.reply, draft);
    fallback.hasResponse = response.has_value();
    fallback.response = response.value_or(Template());
    draft->endpoint.fallback = fallback;
}

std::optional<bool> Loader::readReplyMap(const YAML::Node &map, const char *place,
                                         std::optional<Template> *response,
                                         const ReplyTarget &target)
{
    if (!map.IsDefined() || map.IsNull())
        return std::nullopt;
    if (!map.IsMap()) {
        error(map.Mark(),
              SpecLoader::tr("'%1' must be a map with 'response', found %2")
                  .arg(QLatin1String(place), kindOf(map)));
        *target.valid = false;
        return std::nullopt;
    }
    bool hasResponse = false;
    for (const auto &kv : map) {
        const std::string key = keyName(kv.first);
        if (key == "response") {
            hasResponse = true;
            if (auto text = compileResponse(kv.first, kv.second, target))
                *response = *text;
        } else if (!loadReplyKey(key, kv.first, kv.second, target)) {
            warning(
                kv.first.Mark(),
                SpecLoader::tr("unknown key '%1' in %2 ignored").arg(qs(key), QLatin1String(place))
                    + keySuggestion(key, { "response", "delay", "close", "frames", "to" }));
        }
    }
    return hasResponse;
}

// Reads each item of on-message or streams; an error when the key holds something else.
void Loader::loadList(const YAML::Node &list, const QString &notAList, ItemLoader load,
                      EndpointDraft *draft)
{
    if (!list.IsDefined() || list.IsNull())
        return;
    if (!list.IsSequence()) {
        error(list.Mark(), notAList);
        draft->valid = false;
        return;
    }
    int index = 0;
    for (const auto &item : list)
        (this->*load)(item, index++, draft);
}

void Loader::checkReplyComplete(const YAML::Node &key, const char *place, bool hasResponse,
                                const Reply &reply, EndpointDraft *draft)
{
    if (hasResponse && !reply.frames.isEmpty()) {
        error(key.Mark(),
              SpecLoader::tr("'%1' has both 'response' and 'frames'; use one")
                  .arg(QLatin1String(place)));
        draft->valid = false;
    } else if (!hasResponse && reply.frames.isEmpty() && !reply.closeCode) {
        error(key.Mark(), SpecLoader::tr("'%1' has no 'response'").arg(QLatin1String(place)));
        draft->valid = false;
    }
}

// Reports the endpoint before this one that serves the same URLs (there is one at most: a
// conflicting endpoint is not kept). False, and the endpoint is taken as the next one kept,
// when there is none.
bool Loader::conflictsWithEarlierPath(const Endpoint &endpoint)
{
    const QString shape = endpoint.path.shapeKey();
    const auto found = m_endpointByShape.constFind(shape);
    if (found == m_endpointByShape.constEnd()) {
        m_endpointByShape.insert(shape, m_spec->endpoints.size());
        return false;
    }
    const Endpoint &other = m_spec->endpoints.at(found.value());
    if (other.path.text() == endpoint.path.text()) {
        add(Diagnostic::Severity::Error, endpoint.location,
            SpecLoader::tr("duplicate path '%1' (first defined at line %2)")
                .arg(endpoint.path.text())
                .arg(other.location.line));
    } else {
        add(Diagnostic::Severity::Error, endpoint.location,
            SpecLoader::tr("path '%1' conflicts with '%2' (line %3): both match the same URLs")
                .arg(endpoint.path.text(), other.path.text())
                .arg(other.location.line));
    }
    return true;
}

} // namespace SpecLoading
