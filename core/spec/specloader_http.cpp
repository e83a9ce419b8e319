#include "specloader_p.h"
#include "specrules.h"

#include <QFileInfo>

namespace SpecLoading {

template<typename T>
void Loader::takeVerdict(const Verdict<T> &verdict, T *into, const YAML::Node &key,
                         const YAML::Node &value, HttpDraft *draft)
{
    if (verdict.ok())
        *into = *verdict.value;
    else
        failHttp(value, key, verdict.problem, draft);
}

void Loader::loadHttp(const YAML::Node &endpointKey, const YAML::Node &item)
{
    if (!expectMap(endpointKey, item))
        return;
    HttpDraft draft;
    const SourceLocation where = location(endpointKey.Mark());
    draft.endpoint.line = where.line;
    draft.endpoint.column = where.column;
    readHttpMap(item,
                { { "method", &Loader::loadHttpMethod },
                  { "host", &Loader::loadHttpHost },
                  { "path", &Loader::loadHttpPath },
                  { "query", &Loader::loadHttpQuery },
                  { "body", &Loader::ignoreHttpKey },
                  { "response", &Loader::keepHttpKey },
                  { "rate-limit", &Loader::keepHttpKey },
                  { "webhook", &Loader::keepHttpKey },
                  { "push", &Loader::keepHttpKey } },
                "endpoint", &draft);
    if (!draft.hasPath) {
        error(endpointKey.Mark(), SpecLoader::tr("endpoint has no 'path'"));
        draft.valid = false;
    }
    if (draft.valid)
        draft.checkedPath = &draft.endpoint.path;
    if (isHttpMap(draft.responseKey, draft.response, &draft))
        readHttpMap(draft.response,
                    { { "status", &Loader::loadHttpStatus },
                      { "headers", &Loader::loadResponseHeaders },
                      { "body", &Loader::loadHttpBody },
                      { "external-body", &Loader::loadExternalBody },
                      { "delay", &Loader::loadHttpDelay } },
                    "response", &draft);
    if (isHttpMap(draft.rateLimitKey, draft.rateLimit, &draft)) {
        draft.endpoint.rateLimit.emplace();
        readHttpMap(draft.rateLimit,
                    { { "window-ms", &Loader::loadRateLimitKey },
                      { "max-requests", &Loader::loadRateLimitKey },
                      { "key-fn", &Loader::loadRateLimitKey } },
                    "rate-limit", &draft);
        const YAML::Node &limit = draft.rateLimit; // the const lookup adds no key
        if (!limit["max-requests"])
            failHttp(draft.rateLimitKey, draft.rateLimitKey,
                     SpecLoader::tr("'rate-limit' has no 'max-requests'"), &draft);
    }
    loadWebhook(&draft);
    loadPushes(&draft);
    if (!draft.valid)
        return;
    checkShadowed(draft);
    m_spec->httpEndpoints.append(draft.endpoint);
}

namespace {
std::vector<const char *> keyNames(std::initializer_list<HttpKey> keys)
{
    std::vector<const char *> names;
    for (const HttpKey &key : keys)
        names.push_back(key.name);
    return names;
}
} // namespace

// Each key of map goes to the loader its name picks; any other key is reported and ignored.
void Loader::readHttpMap(const YAML::Node &map, std::initializer_list<HttpKey> keys,
                         const char *place, HttpDraft *draft)
{
    for (const auto &kv : map) {
        const std::string name = keyName(kv.first);
        const auto known = std::find_if(keys.begin(), keys.end(),
                                        [&name](const HttpKey &key) { return name == key.name; });
        if (known != keys.end())
            (this->*known->load)(kv.first, kv.second, draft);
        else
            warning(
                kv.first.Mark(),
                SpecLoader::tr("unknown key '%1' in %2 ignored").arg(qs(name), QLatin1String(place))
                    + keySuggestion(name, keyNames(keys)));
    }
}

// Whether key holds a map to read; absent and empty keys hold none, anything else is an error.
bool Loader::isHttpMap(const YAML::Node &key, const YAML::Node &value, HttpDraft *draft)
{
    if (!value.IsDefined() || value.IsNull())
        return false;
    if (expectMap(key, value))
        return true;
    draft->valid = false;
    return false;
}

// An error in an HTTP item: at the value, or at the key when the value is empty.
void Loader::failHttp(const YAML::Node &at, const YAML::Node &key, const QString &message,
                      HttpDraft *draft)
{
    error(at.IsNull() ? key.Mark() : at.Mark(), message);
    draft->valid = false;
}

// Text, or a YAML map or list sent as JSON, compiled; its values are those of the request.
std::optional<Template> Loader::httpTemplate(const YAML::Node &key, const YAML::Node &value,
                                             HttpDraft *draft)
{
    const std::optional<QString> text = responseText(key, value);
    if (!text) {
        draft->valid = false;
        return std::nullopt;
    }
    Template compiled = Template::compile(*text);
    checkVariables(compiled, value.Mark(), draft->checkedPath, nullptr, true);
    return compiled;
}

// Keys that only document: the request body's example (`endpoint: {body: ...}`), an xlsx
// sheet's name. No answer depends on them.
void Loader::ignoreHttpKey(const YAML::Node &, const YAML::Node &, HttpDraft *) { }

// The keys whose templates may name path parameters wait until the path is read.
void Loader::keepHttpKey(const YAML::Node &key, const YAML::Node &value, HttpDraft *draft)
{
    const std::string name = keyName(key);
    struct Kept
    {
        const char *name;
        YAML::Node HttpDraft::*key;
        YAML::Node HttpDraft::*value;
    };
    static constexpr Kept kept[] = {
        { "response", &HttpDraft::responseKey, &HttpDraft::response },
        { "rate-limit", &HttpDraft::rateLimitKey, &HttpDraft::rateLimit },
        { "webhook", &HttpDraft::webhookKey, &HttpDraft::webhook },
        { "push", &HttpDraft::pushKey, &HttpDraft::push },
    };
    for (const Kept &place : kept) {
        if (name == place.name) {
            draft->*place.key = key;
            draft->*place.value = value;
        }
    }
}

void Loader::loadHttpMethod(const YAML::Node &key, const YAML::Node &value, HttpDraft *draft)
{
    takeVerdict(SpecRules::httpMethod(scalarText(value)), &draft->endpoint.method, key, value,
                draft);
}

void Loader::loadHttpHost(const YAML::Node &key, const YAML::Node &value, HttpDraft *draft)
{
    takeVerdict(SpecRules::httpHost(scalarText(value)), &draft->endpoint.host, key, value, draft);
}

void Loader::loadHttpPath(const YAML::Node &key, const YAML::Node &value, HttpDraft *draft)
{
    draft->hasPath = true;
    if (!value.IsScalar()) {
        failHttp(value, key, SpecLoader::tr("'path' must be text, found %1").arg(kindOf(value)),
                 draft);
        return;
    }
    QString why;
    if (auto path = PathPattern::parse(qs(value.Scalar()), &why, PathPattern::Syntax::Typed)) {
        draft->endpoint.path = *path;
        draft->pathMark = value.Mark();
    } else {
        failHttp(value, key, why, draft);
    }
}

void Loader::loadHttpQuery(const YAML::Node &key, const YAML::Node &value, HttpDraft *draft)
{
    if (!isHttpMap(key, value, draft))
        return;
    for (const auto &kv : value) {
        const QString typeName = scalarText(kv.second);
        if (const std::optional<ParamType> type = paramTypeNamed(typeName))
            draft->endpoint.query.append({ qs(keyName(kv.first)), *type });
        else
            failHttp(kv.second, kv.first, unknownParamTypeProblem(typeName), draft);
    }
}

void Loader::loadHttpStatus(const YAML::Node &key, const YAML::Node &value, HttpDraft *draft)
{
    takeVerdict(SpecRules::httpStatus(scalarText(value)), &draft->endpoint.status, key, value,
                draft);
}

void Loader::loadHttpHeaders(const YAML::Node &key, const YAML::Node &value,
                             QList<std::pair<QByteArray, Template>> *headers, HttpDraft *draft)
{
    if (!isHttpMap(key, value, draft))
        return;
    for (const auto &kv : value) {
        const QString name = qs(keyName(kv.first));
        if (!SpecRules::isHeaderName(name)) {
            failHttp(kv.first, kv.first, SpecRules::headerNameProblem(name), draft);
        } else if (!kv.second.IsScalar()) {
            failHttp(
                kv.second, kv.first,
                SpecLoader::tr("header '%1' must be text, found %2").arg(name, kindOf(kv.second)),
                draft);
        } else if (auto header = httpTemplate(kv.first, kv.second, draft)) {
            headers->append({ name.toLatin1(), *header });
        }
    }
}

void Loader::loadResponseHeaders(const YAML::Node &key, const YAML::Node &value, HttpDraft *draft)
{
    loadHttpHeaders(key, value, &draft->endpoint.headers, draft);
}

void Loader::loadHttpBody(const YAML::Node &key, const YAML::Node &value, HttpDraft *draft)
{
    draft->endpoint.hasBody = true;
    if (auto body = httpTemplate(key, value, draft))
        draft->endpoint.body = *body;
    checkOneBody(key, draft);
}

void Loader::loadExternalBody(const YAML::Node &key, const YAML::Node &value, HttpDraft *draft)
{
    ExternalBody &external = draft->endpoint.externalBody.emplace();
    external.baseDirectory = QFileInfo(m_file).absolutePath();
    const bool isMap = isHttpMap(key, value, draft);
    if (isMap)
        readHttpMap(value,
                    { { "provider", &Loader::loadExternalBodyKey },
                      { "path", &Loader::loadExternalBodyKey },
                      // Moclojer's xlsx provider names its sheet; unsupported, so unread.
                      { "sheet-name", &Loader::ignoreHttpKey } },
                    "external-body", draft);
    // Something else than a map has been reported already.
    if ((isMap || value.IsNull()) && external.path.source().isEmpty())
        failHttp(key, key, SpecLoader::tr("'external-body' has no 'path'"), draft);
    if (external.provider == ExternalBody::Provider::Xlsx)
        warning(key.Mark(),
                SpecLoader::tr("external-body provider 'xlsx' is not supported; this endpoint "
                               "answers 501"));
    checkOneBody(key, draft);
}

void Loader::loadExternalBodyKey(const YAML::Node &key, const YAML::Node &value, HttpDraft *draft)
{
    ExternalBody &external = *draft->endpoint.externalBody;
    const QString text = scalarText(value);
    if (keyName(key) == "path") {
        if (auto path = httpTemplate(key, value, draft))
            external.path = *path;
    } else if (text == QLatin1String("json")) {
        external.provider = ExternalBody::Provider::Json;
    } else if (text == QLatin1String("xlsx")) {
        external.provider = ExternalBody::Provider::Xlsx;
    } else {
        failHttp(value, key,
                 SpecLoader::tr("'provider' must be json or xlsx, found '%1'").arg(text), draft);
    }
}

// Reported at whichever of the two comes second.
void Loader::checkOneBody(const YAML::Node &key, HttpDraft *draft)
{
    if (draft->endpoint.hasBody && draft->endpoint.externalBody)
        failHttp(key, key,
                 SpecLoader::tr("'response' has both 'body' and 'external-body'; use one"), draft);
}

void Loader::loadHttpDelay(const YAML::Node &key, const YAML::Node &value, HttpDraft *draft)
{
    readHttpDelay(key, value, &draft->endpoint.delayMs, &draft->endpoint.delayMaxMs, draft);
}

void Loader::readHttpDelay(const YAML::Node &key, const YAML::Node &value, int *minMs, int *maxMs,
                           HttpDraft *draft)
{
    Delay delay { *minMs, *maxMs };
    takeVerdict(SpecRules::delay(scalarText(value)), &delay, key, value, draft);
    *minMs = delay.minMs;
    *maxMs = delay.maxMs;
}

void Loader::loadRateLimitKey(const YAML::Node &key, const YAML::Node &value, HttpDraft *draft)
{
    RateLimit &limit = *draft->endpoint.rateLimit;
    const QString name = qs(keyName(key));
    const QString text = scalarText(value);
    if (name == QLatin1String("key-fn")) {
        if (text == QLatin1String("remote-addr"))
            limit.keyHeader.clear();
        else if (SpecRules::isHeaderName(text))
            limit.keyHeader = text.toLower().toLatin1();
        else
            failHttp(value, key, SpecRules::headerNameProblem(text), draft);
        return;
    }
    takeVerdict(SpecRules::positiveCount(text, name),
                name == QLatin1String("window-ms") ? &limit.windowMs : &limit.maxRequests, key,
                value, draft);
}

void Loader::loadWebhook(HttpDraft *draft)
{
    if (!isHttpMap(draft->webhookKey, draft->webhook, draft))
        return;
    const Webhook &webhook = draft->endpoint.webhook.emplace();
    readHttpMap(draft->webhook,
                { { "url", &Loader::loadWebhookKey },
                  { "method", &Loader::loadWebhookKey },
                  { "sleep-time", &Loader::loadWebhookKey },
                  { "if", &Loader::loadWebhookKey },
                  { "body", &Loader::loadWebhookKey },
                  { "headers", &Loader::loadWebhookKey } },
                "webhook", draft);
    if (webhook.url.source().isEmpty())
        failHttp(draft->webhookKey, draft->webhookKey, SpecLoader::tr("'webhook' has no 'url'"),
                 draft);
}

void Loader::loadWebhookKey(const YAML::Node &key, const YAML::Node &value, HttpDraft *draft)
{
    Webhook &webhook = *draft->endpoint.webhook;
    const std::string name = keyName(key);
    if (name == "headers") {
        loadHttpHeaders(key, value, &webhook.headers, draft);
    } else if (name == "url" || name == "body") {
        const std::optional<Template> text = httpTemplate(key, value, draft);
        if (text && name == "url")
            webhook.url = *text;
        else if (text)
            webhook.body = *text;
        webhook.hasBody = webhook.hasBody || name == "body";
    } else if (name == "method") {
        takeVerdict(SpecRules::httpMethod(scalarText(value)), &webhook.method, key, value, draft);
    } else if (name == "sleep-time") {
        takeVerdict(SpecRules::sleepTimeMs(scalarText(value)), &webhook.sleepMs, key, value, draft);
    } else {
        WebhookCondition condition;
        takeVerdict(SpecRules::webhookCondition(scalarText(value)), &condition, key, value, draft);
        webhook.condition = condition;
    }
}

void Loader::loadPushes(HttpDraft *draft)
{
    const YAML::Node &list = draft->push;
    if (!list.IsDefined() || list.IsNull())
        return;
    if (!list.IsSequence()) {
        failHttp(list, draft->pushKey,
                 SpecLoader::tr("'push' must be a list of pushes, found %1").arg(kindOf(list)),
                 draft);
        return;
    }
    for (const auto &item : list) {
        if (!item.IsMap()) {
            failHttp(item, draft->pushKey,
                     SpecLoader::tr("a push is a map with 'path' and 'message', found %1")
                         .arg(kindOf(item)),
                     draft);
            continue;
        }
        const HttpPush &push = draft->endpoint.pushes.emplace_back();
        readHttpMap(item,
                    { { "path", &Loader::loadPushKey },
                      { "message", &Loader::loadPushKey },
                      { "delay", &Loader::loadPushKey } },
                    "push", draft);
        if (push.path.source().isEmpty() || push.message.source().isEmpty())
            failHttp(item, draft->pushKey, SpecLoader::tr("a push needs 'path' and 'message'"),
                     draft);
    }
}

void Loader::loadPushKey(const YAML::Node &key, const YAML::Node &value, HttpDraft *draft)
{
    HttpPush &push = draft->endpoint.pushes.last();
    const std::string name = keyName(key);
    if (name == "delay") {
        readHttpDelay(key, value, &push.delayMs, &push.delayMaxMs, draft);
        return;
    }
    const std::optional<Template> text = httpTemplate(key, value, draft);
    if (text && name == "path")
        push.path = *text;
    else if (text)
        push.message = *text;
}

// Two items with the same method, host and path shape: requests go to the first only.
void Loader::checkShadowed(const HttpDraft &draft)
{
    const HttpEndpoint &endpoint = draft.endpoint;
    // Method and host are tokens without spaces.
    const QString route = QString::fromLatin1(endpoint.method) + QLatin1Char(' ') + endpoint.host
        + QLatin1Char(' ') + endpoint.path.shapeKey();
    const auto found = m_httpEndpointByRoute.constFind(route);
    if (found == m_httpEndpointByRoute.constEnd()) {
        m_httpEndpointByRoute.insert(route, m_spec->httpEndpoints.size());
        return;
    }
    const HttpEndpoint &other = m_spec->httpEndpoints.at(found.value());
    warning(draft.pathMark,
            SpecLoader::tr("'%1' is shadowed by '%2' (line %3), which answers the same "
                           "requests; it is never used")
                .arg(endpoint.label(), other.label())
                .arg(other.line));
}

} // namespace SpecLoading
