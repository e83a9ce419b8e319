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
    if (!draft.hasPath) {
        error(wsKey.Mark(), SpecLoader::tr("websocket has no 'path'"));
        draft.valid = false;
    }
    if (draft.valid)
        draft.checkedPath = &draft.endpoint.path;
    loadOnConnect(&draft);
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
    } else if (name == "on-connect") {
        draft->onConnectKey = key;
        draft->onConnect = value;
    } else if (name == "on-message") {
        draft->onMessage = value;
    } else if (name == "streams") {
        draft->streams = value;
    } else {
        warning(key.Mark(),
                SpecLoader::tr("unknown key '%1' in websocket ignored").arg(qs(name))
                    + keySuggestion(
                        name, { "path", "subprotocols", "on-connect", "on-message", "streams" }));
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
    const YAML::Node &onConnect = draft->onConnect;
    if (!onConnect.IsDefined() || onConnect.IsNull())
        return;
    if (!onConnect.IsMap()) {
        error(onConnect.Mark(),
              SpecLoader::tr("'on-connect' must be a map with 'response', found %1")
                  .arg(kindOf(onConnect)));
        draft->valid = false;
        return;
    }
    Endpoint &endpoint = draft->endpoint;
    const ReplyTarget target { &endpoint.greetingReply, &draft->valid, draft->checkedPath,
                               nullptr };
    bool hasResponse = false;
    for (const auto &kv : onConnect) {
        const std::string key = keyName(kv.first);
        if (key == "response") {
            hasResponse = true;
            if (auto greeting = compileResponse(kv.first, kv.second, target))
                endpoint.greeting = *greeting;
        } else if (!loadReplyKey(key, kv.first, kv.second, target)) {
            warning(kv.first.Mark(),
                    SpecLoader::tr("unknown key '%1' in on-connect ignored").arg(qs(key))
                        + keySuggestion(key, { "response", "delay", "close", "frames", "to" }));
        }
    }
    checkGreetingComplete(draft->onConnectKey, hasResponse, draft);
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

void Loader::checkGreetingComplete(const YAML::Node &onConnectKey, bool hasResponse,
                                   EndpointDraft *draft)
{
    const Reply &extra = draft->endpoint.greetingReply;
    if (hasResponse && !extra.frames.isEmpty()) {
        error(onConnectKey.Mark(),
              SpecLoader::tr("'on-connect' has both 'response' and 'frames'; use one"));
        draft->valid = false;
    } else if (!hasResponse && extra.frames.isEmpty() && !extra.closeCode) {
        error(onConnectKey.Mark(), SpecLoader::tr("'on-connect' has no 'response'"));
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
