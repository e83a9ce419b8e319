// SpecOutline::parse and every SpecEdits operation. The input is three NUL-separated fields:
// a config's text, a value for the setters, and bytes choosing the key-setter scenarios
// (which keys, values built from the value, block or flow style).
//
// Checks, from specoutline.h:
// - parse() never throws; the ranges it reports lie inside the text; the values it reads
//   are the ones the loader compiles, when the text loads.
// - quoted(value) reads back as exactly value, in block and flow context, through both the
//   outline and the loader.
// - Every edit, at every endpoint and rule index (and one past either end), is null or a
//   range inside the text, and the edited text still parses. Setters read back the value
//   they set; adding, removing and duplicating change the counts by one; moving keeps them.
// - The key setters (setRuleKeys, setGreetingKeys, setEndpointKeys, setRuleMatch), at the
//   first endpoints and rules and one past the end, with scalars, lists and maps in block and
//   flow style, several keys at once and removals: the edit is null or a range of the text; the
//   result outlines, each key set reads back equal and each key removed is gone; the other
//   keys of that map, the endpoint's other maps and rules, the other endpoints and the other
//   top-level items are unchanged; setting the same values again changes nothing; when the
//   original loads and the keys are valid for the loader, the result loads and the loader
//   sees the values. On a few plain texts (block and flow) such an edit is not refused.
// - render() of each value reads back as the value at a few columns, indents and line ends.

#include "fuzzcommon.h"

#include "mockspec.h"
#include "specloader.h"
#include "specoutline.h"

#include <algorithm>
#include <functional>
#include <utility>

namespace {

constexpr int MaxEndpoints = 4; // edits are tried on the first few endpoints and rules only
constexpr int MaxRules = 4;

QString show(const QString &yaml)
{
    return QStringLiteral("---- text ----\n") + yaml + QStringLiteral("\n--------------");
}

void checkRange(const QString &yaml, const TextRange &r, const char *what)
{
    if (r.isValid())
        FUZZ_CHECK(r.end <= yaml.size(),
                   QString::fromLatin1(what) + QLatin1Char('\n') + show(yaml));
}

void checkRanges(const QString &yaml, const SpecOutline &o)
{
    for (const ItemOutline &item : o.items) {
        checkRange(yaml, item.item, "item");
        checkRange(yaml, item.comments, "item comments");
    }
    for (const EndpointOutline &ep : o.endpoints) {
        for (const TextRange &r : { ep.item, ep.comments, ep.websocketKey, ep.websocket, ep.pathKey,
                                    ep.path, ep.onConnectKey, ep.onConnect, ep.greetingKey,
                                    ep.greeting, ep.onMessageKey, ep.onMessage })
            checkRange(yaml, r, "endpoint range");
        for (const RuleOutline &rule : ep.rules) {
            for (const TextRange &r : { rule.item, rule.comments, rule.patternKey, rule.pattern,
                                        rule.responseKey, rule.response })
                checkRange(yaml, r, "rule range");
        }
    }
}

SpecOutline parse(const QString &yaml)
{
    try {
        return SpecOutline::parse(yaml);
    } catch (const std::exception &e) {
        fuzz::fail("SpecOutline::parse threw",
                   QString::fromLocal8Bit(e.what()) + QLatin1Char('\n') + show(yaml));
    } catch (...) {
        fuzz::fail("SpecOutline::parse threw", show(yaml));
    }
}

// quoted() reads back as the value.
void checkQuoted(const QString &value)
{
    const QString block
        = QStringLiteral("- websocket:\n    path: /a\n    on-connect:\n      response: ")
        + SpecEdits::quoted(value) + QStringLiteral("\n");
    const SpecOutline fromBlock = parse(block);
    FUZZ_CHECK(fromBlock.ok() && fromBlock.endpoints.size() == 1, show(block));
    FUZZ_CHECK(fromBlock.endpoints.first().greetingValue == value, show(block));
    const LoadResult loaded = SpecLoader::loadText(block, QStringLiteral("fuzz.yml"));
    FUZZ_CHECK(loaded.ok(), loaded.diagnosticsText() + QLatin1Char('\n') + show(block));
    FUZZ_CHECK(loaded.spec->endpoints.first().greeting->source() == value, show(block));

    const QString flow = QStringLiteral("- {websocket: {path: /a, on-connect: {response: ")
        + SpecEdits::quoted(value, true) + QStringLiteral("}}}\n");
    const SpecOutline fromFlow = parse(flow);
    FUZZ_CHECK(fromFlow.ok() && fromFlow.endpoints.size() == 1, show(flow));
    FUZZ_CHECK(fromFlow.endpoints.first().greetingValue == value, show(flow));
}

void checkAgainstLoader(const QString &yaml, const SpecOutline &outline, const LoadResult &loaded)
{
    if (!loaded.ok())
        return;
    const QList<Endpoint> &endpoints = loaded.spec->endpoints;
    FUZZ_CHECK(outline.endpoints.size() == endpoints.size(), show(yaml));
    for (qsizetype e = 0; e < endpoints.size(); ++e) {
        const EndpointOutline &ep = outline.endpoints.at(e);
        const Endpoint &spec = endpoints.at(e);
        const QString where = QStringLiteral("endpoint %1\n").arg(e) + show(yaml);
        FUZZ_CHECK(ep.pathValue == spec.path.text(), where);
        FUZZ_CHECK(ep.hasGreeting == spec.greeting.has_value(), where);
        if (ep.hasGreeting && spec.greeting)
            FUZZ_CHECK(ep.greetingValue == spec.greeting->source(), where);
        FUZZ_CHECK(ep.rules.size() == spec.rules.size(), where);
        for (qsizetype r = 0; r < spec.rules.size(); ++r) {
            FUZZ_CHECK(ep.rules.at(r).patternValue == spec.rules.at(r).pattern.source(), where);
            FUZZ_CHECK(ep.rules.at(r).responseValue == spec.rules.at(r).response.source(), where);
            FUZZ_CHECK(ep.rules.at(r).line == spec.rules.at(r).location.line,
                       where
                           + QStringLiteral("\nrule %1: outline line %2, loader line %3")
                                 .arg(r)
                                 .arg(ep.rules.at(r).line)
                                 .arg(spec.rules.at(r).location.line));
        }
    }
}

struct Edit
{
    const char *name;
    int endpoint;
    int rule;
    TextEdit edit;
    // Checks the outline of the edited text against the original one.
    std::function<bool(const SpecOutline &before, const SpecOutline &after)> check;
};

int ruleCount(const SpecOutline &o, int endpoint)
{
    return endpoint >= 0 && endpoint < o.endpoints.size()
        ? int(o.endpoints.at(endpoint).rules.size())
        : -1;
}

// ---- the key setters (setRuleKeys, setGreetingKeys, setEndpointKeys, setRuleMatch) ----

constexpr int MaxKeyEndpoints = 2; // key edits: the first endpoints and rules, and one past the end
constexpr int MaxKeyRules = 2;
constexpr int MaxScenarios = 3; // scenarios tried per input (chosen by its third field)

enum class KeyMap { Rule, Greeting, Endpoint, Match };

const char *mapName(KeyMap m)
{
    switch (m) {
    case KeyMap::Rule:
        return "setRuleKeys";
    case KeyMap::Greeting:
        return "setGreetingKeys";
    case KeyMap::Endpoint:
        return "setEndpointKeys";
    case KeyMap::Match:
        return "setRuleMatch";
    }
    return "?";
}

YamlValue text(const QString &s)
{
    return YamlValue::scalar(s);
}
YamlValue verbatim(const QString &s)
{
    return YamlValue::verbatim(s);
}
YamlValue list(const QList<YamlValue> &items, bool flow)
{
    return YamlValue::list(items, flow);
}

// What a value reads back as: a verbatim YAML null token is a null (the caller asked for it
// to be written as is); everything else reads back as itself.
YamlValue expectedRead(const YamlValue &v)
{
    if (v.isScalar() && v.plain
        && (v.text == QLatin1String("~") || v.text == QLatin1String("null")
            || v.text == QLatin1String("Null") || v.text == QLatin1String("NULL")))
        return YamlValue();
    YamlValue out = v;
    for (YamlValue &item : out.items)
        item = expectedRead(item);
    return out;
}

QString describe(const YamlValue &v)
{
    switch (v.kind) {
    case YamlValue::Kind::None:
        return QStringLiteral("null");
    case YamlValue::Kind::Scalar:
        return (v.plain ? QStringLiteral("V'") : QStringLiteral("'")) + v.text + QLatin1Char('\'');
    case YamlValue::Kind::List: {
        QStringList parts;
        for (const YamlValue &item : v.items)
            parts.append(describe(item));
        return QLatin1Char('[') + parts.join(QLatin1String(", ")) + QLatin1Char(']')
            + (v.flow ? QStringLiteral("f") : QString());
    }
    case YamlValue::Kind::Map: {
        QStringList parts;
        for (qsizetype i = 0; i < v.keys.size() && i < v.items.size(); ++i)
            parts.append(v.keys.at(i) + QLatin1String(": ") + describe(v.items.at(i)));
        return QLatin1Char('{') + parts.join(QLatin1String(", ")) + QLatin1Char('}')
            + (v.flow ? QStringLiteral("f") : QString());
    }
    }
    return QString();
}

QString describe(const SpecEdits::KeyValues &values)
{
    QStringList parts;
    for (const auto &[name, value] : values)
        parts.append(name + QLatin1String(": ") + describe(value));
    return parts.join(QLatin1String("; "));
}

struct Scenario
{
    const char *name;
    KeyMap map;
    SpecEdits::KeyValues values; // Match: one pair, the key and its value
    // Whether the edited text must load when the original does, given the endpoint (and rule)
    // before the edit; nullptr: not checked (the keys set may be invalid for the loader).
    std::function<bool(const EndpointOutline &ep, int rule)> loads;
    // What the loader must then see.
    std::function<bool(const Endpoint &ep, int rule)> sees;
};

bool always(const EndpointOutline &, int)
{
    return true;
}

bool hasKey(const QList<KeyOutline> &keys, const char *name)
{
    return findKey(keys, QLatin1String(name)) != nullptr;
}

bool delayIs(const Delay &d, int ms)
{
    return d.minMs == ms && d.maxMs == ms;
}

QList<Scenario> scenarios(const QString &v, bool flow)
{
    const QString delay250 = QStringLiteral("250ms");
    Delay parsed;
    const bool delayValid = Delay::parse(v, &parsed);
    const bool reasonValid = v.toUtf8().size() <= 123;
    const QByteArray bin = QByteArray::fromBase64("AAEC/w==");
    auto framesOk = [v, bin](const QList<ReplyFrame> &f) {
        return f.size() == 3 && !f.at(0).isBinary && f.at(0).text.source() == v && !f.at(1).isBinary
            && f.at(1).text.source() == v && delayIs(f.at(1).delay, 250) && f.at(2).isBinary
            && f.at(2).binary == bin;
    };
    const YamlValue frames = list(
        { text(v),
          YamlValue::map()
              .insert(QStringLiteral("response"), text(v))
              .insert(QStringLiteral("delay"), verbatim(delay250)),
          YamlValue::map(true).insert(QStringLiteral("binary"), text(QStringLiteral("AAEC/w=="))) },
        flow);
    const YamlValue closeMap = YamlValue::map(flow)
                                   .insert(QStringLiteral("code"), verbatim(QStringLiteral("4000")))
                                   .insert(QStringLiteral("reason"), text(v));
    const YamlValue streams
        = list({ YamlValue::map()
                     .insert(QStringLiteral("every"), verbatim(QStringLiteral("1s")))
                     .insert(QStringLiteral("frames"), list({ text(v) }, true)),
                 YamlValue::map(flow)
                     .insert(QStringLiteral("every"), verbatim(QStringLiteral("5s")))
                     .insert(QStringLiteral("to"), text(QStringLiteral("all")))
                     .insert(QStringLiteral("mode"), text(QStringLiteral("once")))
                     .insert(QStringLiteral("frames"),
                             list({ text(QStringLiteral("a")), text(v) }, !flow)) },
               flow);
    const auto rule = [](const Endpoint &ep, int r) -> const Rule & { return ep.rules.at(r); };
    const auto existingGreeting = [](const EndpointOutline &ep, int) {
        return hasKey(ep.onConnectKeys, "response") || hasKey(ep.onConnectKeys, "frames")
            || hasKey(ep.onConnectKeys, "close");
    };
    const YamlValue null;
    return {
        { "rule delay",
          KeyMap::Rule,
          { { QStringLiteral("delay"), verbatim(delay250) } },
          always,
          [rule](const Endpoint &ep, int r) { return delayIs(rule(ep, r).reply.delay, 250); } },
        { "rule delay text",
          KeyMap::Rule,
          { { QStringLiteral("delay"), text(v) } },
          delayValid ? std::function<bool(const EndpointOutline &, int)>(always) : nullptr,
          [rule, parsed](const Endpoint &ep, int r) {
              return rule(ep, r).reply.delay.minMs == parsed.minMs
                  && rule(ep, r).reply.delay.maxMs == parsed.maxMs;
          } },
        { "rule close map",
          KeyMap::Rule,
          { { QStringLiteral("close"), closeMap } },
          reasonValid ? std::function<bool(const EndpointOutline &, int)>(always) : nullptr,
          [rule, v](const Endpoint &ep, int r) {
              return rule(ep, r).reply.closeCode == 4000 && rule(ep, r).reply.closeReason == v;
          } },
        { "rule close scalar",
          KeyMap::Rule,
          { { QStringLiteral("close"),
              verbatim(flow ? QStringLiteral("4001") : QStringLiteral("true")) } },
          always,
          [rule, flow](const Endpoint &ep, int r) {
              return rule(ep, r).reply.closeCode == (flow ? 4001 : 1000);
          } },
        { "rule to",
          KeyMap::Rule,
          { { QStringLiteral("to"), text(QStringLiteral("others")) } },
          always,
          [rule](const Endpoint &ep, int r) { return rule(ep, r).reply.to == Audience::Others; } },
        { "rule frames",
          KeyMap::Rule,
          { { QStringLiteral("frames"), frames }, { QStringLiteral("response"), null } },
          always,
          [rule, framesOk](const Endpoint &ep, int r) {
              return !rule(ep, r).hasResponse && framesOk(rule(ep, r).reply.frames);
          } },
        { "rule removals",
          KeyMap::Rule,
          { { QStringLiteral("delay"), null },
            { QStringLiteral("to"), null },
            { QStringLiteral("close"), null } },
          [](const EndpointOutline &ep, int r) {
              return hasKey(ep.rules.at(r).keys, "response")
                  || hasKey(ep.rules.at(r).keys, "frames");
          },
          [rule](const Endpoint &ep, int r) {
              const Reply &reply = rule(ep, r).reply;
              return reply.delay.isZero() && reply.to == Audience::Sender && reply.closeCode == 0;
          } },
        { "rule several",
          KeyMap::Rule,
          { { QStringLiteral("delay"), verbatim(QStringLiteral("1s")) },
            { QStringLiteral("to"), text(QStringLiteral("endpoint")) },
            { QStringLiteral("close"),
              YamlValue::map(flow).insert(QStringLiteral("code"),
                                          verbatim(QStringLiteral("4001"))) } },
          always,
          [rule](const Endpoint &ep, int r) {
              const Reply &reply = rule(ep, r).reply;
              return delayIs(reply.delay, 1000) && reply.to == Audience::Endpoint
                  && reply.closeCode == 4001;
          } },
        { "rule response",
          KeyMap::Rule,
          { { QStringLiteral("response"), text(v) }, { QStringLiteral("frames"), null } },
          always,
          [rule, v](const Endpoint &ep, int r) {
              return rule(ep, r).hasResponse && rule(ep, r).response.source() == v
                  && rule(ep, r).reply.frames.isEmpty();
          } },
        { "rule unknown key",
          KeyMap::Rule,
          { { QStringLiteral("x-note"),
              list({ text(v), verbatim(QStringLiteral("42")), verbatim(QStringLiteral("true")),
                     YamlValue::map(!flow).insert(v, list({}, false)) },
                   flow) } },
          always,
          nullptr },
        { "rule verbatim delay",
          KeyMap::Rule,
          { { QStringLiteral("delay"), verbatim(v) } },
          nullptr,
          nullptr },
        { "match binary any",
          KeyMap::Match,
          { { QStringLiteral("binary"), text(QStringLiteral("any")) } },
          always,
          [rule](const Endpoint &ep, int r) {
              return rule(ep, r).matchesBinary && rule(ep, r).binaryPrefix.isEmpty();
          } },
        { "match binary hex",
          KeyMap::Match,
          { { QStringLiteral("binary"),
              YamlValue::map(flow).insert(QStringLiteral("hex-prefix"),
                                          text(QStringLiteral("cafe"))) } },
          always,
          [rule](const Endpoint &ep, int r) {
              return rule(ep, r).matchesBinary
                  && rule(ep, r).binaryPrefix == QByteArray("\xca\xfe");
          } },
        { "match pattern",
          KeyMap::Match,
          { { QStringLiteral("pattern"), text(v) } },
          always,
          [rule, v](const Endpoint &ep, int r) {
              return !rule(ep, r).matchesBinary && rule(ep, r).pattern.source() == v;
          } },
        { "greeting delay",
          KeyMap::Greeting,
          { { QStringLiteral("delay"), verbatim(QStringLiteral("500ms")) } },
          existingGreeting,
          [](const Endpoint &ep, int) { return delayIs(ep.greetingReply.delay, 500); } },
        { "greeting frames",
          KeyMap::Greeting,
          { { QStringLiteral("frames"), frames }, { QStringLiteral("response"), null } },
          always,
          [framesOk](const Endpoint &ep, int) {
              return !ep.greeting && framesOk(ep.greetingReply.frames);
          } },
        { "greeting close",
          KeyMap::Greeting,
          { { QStringLiteral("close"), closeMap } },
          reasonValid ? std::function<bool(const EndpointOutline &, int)>(always) : nullptr,
          [v](const Endpoint &ep, int) {
              return ep.greetingReply.closeCode == 4000 && ep.greetingReply.closeReason == v;
          } },
        { "greeting response",
          KeyMap::Greeting,
          { { QStringLiteral("response"), text(v) }, { QStringLiteral("frames"), null } },
          always,
          [v](const Endpoint &ep, int) {
              return ep.greeting && ep.greeting->source() == v && ep.greetingReply.frames.isEmpty();
          } },
        { "greeting removals",
          KeyMap::Greeting,
          { { QStringLiteral("to"), null }, { QStringLiteral("delay"), null } },
          existingGreeting,
          [](const Endpoint &ep, int) {
              return ep.greetingReply.delay.isZero() && ep.greetingReply.to == Audience::Sender;
          } },
        { "greeting to",
          KeyMap::Greeting,
          { { QStringLiteral("to"), text(QStringLiteral("endpoint")) },
            { QStringLiteral("response"), text(v) },
            { QStringLiteral("frames"), null } },
          always,
          [v](const Endpoint &ep, int) {
              return ep.greetingReply.to == Audience::Endpoint && ep.greeting
                  && ep.greeting->source() == v;
          } },
        { "greeting remove all",
          KeyMap::Greeting,
          { { QStringLiteral("response"), null },
            { QStringLiteral("frames"), null },
            { QStringLiteral("close"), null },
            { QStringLiteral("delay"), null },
            { QStringLiteral("to"), null } },
          nullptr,
          nullptr },
        { "subprotocols",
          KeyMap::Endpoint,
          { { QStringLiteral("subprotocols"),
              list({ text(QStringLiteral("chat.v1")), text(v) }, flow) } },
          v.isEmpty() ? nullptr : std::function<bool(const EndpointOutline &, int)>(always),
          [v](const Endpoint &ep, int) {
              return ep.subprotocols == QStringList { QStringLiteral("chat.v1"), v };
          } },
        { "streams",
          KeyMap::Endpoint,
          { { QStringLiteral("streams"), streams } },
          always,
          [v](const Endpoint &ep, int) {
              return ep.streams.size() == 2 && ep.streams.at(0).intervalMs == 1000
                  && !ep.streams.at(0).toAll && !ep.streams.at(0).once
                  && ep.streams.at(0).frames.size() == 1
                  && ep.streams.at(0).frames.at(0).text.source() == v
                  && ep.streams.at(1).intervalMs == 5000 && ep.streams.at(1).toAll
                  && ep.streams.at(1).once && ep.streams.at(1).frames.size() == 2;
          } },
        { "endpoint removals",
          KeyMap::Endpoint,
          { { QStringLiteral("subprotocols"), null }, { QStringLiteral("streams"), null } },
          always,
          [](const Endpoint &ep, int) {
              return ep.subprotocols.isEmpty() && ep.streams.isEmpty();
          } },
        { "endpoint path",
          KeyMap::Endpoint,
          { { QStringLiteral("path"), text(v) } },
          nullptr,
          nullptr },
        { "endpoint several",
          KeyMap::Endpoint,
          { { QStringLiteral("subprotocols"), text(QStringLiteral("chat")) },
            { QStringLiteral("x-extra"),
              YamlValue::map(flow)
                  .insert(QStringLiteral("a"), verbatim(v))
                  .insert(QStringLiteral("b"), list({}, false)) } },
          always,
          [](const Endpoint &ep, int) {
              return ep.subprotocols == QStringList { QStringLiteral("chat") };
          } },
        { "endpoint on-connect",
          KeyMap::Endpoint,
          { { QStringLiteral("on-connect"),
              YamlValue::map(flow).insert(QStringLiteral("response"), text(v)) } },
          always,
          [v](const Endpoint &ep, int) {
              return ep.greeting && ep.greeting->source() == v && ep.greetingReply.isPlain();
          } },
    };
}

// An endpoint as the outline reads it, for comparing.
bool sameKeyValues(const QList<KeyOutline> &a, const QList<KeyOutline> &b)
{
    if (a.size() != b.size())
        return false;
    for (qsizetype i = 0; i < a.size(); ++i) {
        if (a.at(i).name != b.at(i).name || a.at(i).value != b.at(i).value)
            return false;
    }
    return true;
}

bool sameRule(const RuleOutline &a, const RuleOutline &b)
{
    return a.patternValue == b.patternValue && a.responseValue == b.responseValue
        && sameKeyValues(a.keys, b.keys);
}

bool sameEndpoint(const EndpointOutline &a, const EndpointOutline &b)
{
    if (a.pathValue != b.pathValue || a.hasGreeting != b.hasGreeting
        || a.greetingValue != b.greetingValue || a.itemIndex != b.itemIndex
        || !sameKeyValues(a.keys, b.keys) || !sameKeyValues(a.onConnectKeys, b.onConnectKeys)
        || a.rules.size() != b.rules.size())
        return false;
    for (qsizetype i = 0; i < a.rules.size(); ++i) {
        if (!sameRule(a.rules.at(i), b.rules.at(i)))
            return false;
    }
    return true;
}

QString itemText(const QString &yaml, const TextRange &r)
{
    QString t = r.isValid() && r.end <= yaml.size() ? yaml.mid(r.start, r.length()) : QString();
    while (!t.isEmpty() && (t.back() == u'\n' || t.back() == u'\r'))
        t.chop(1);
    return t;
}

bool named(const SpecEdits::KeyValues &values, const QString &name)
{
    return std::any_of(values.cbegin(), values.cend(),
                       [&name](const auto &v) { return v.first == name; });
}

// The keys of the map edited: the ones not named keep their values, none appears unnamed,
// the ones named read back as given (or are gone).
QString checkMap(const QList<KeyOutline> &before, const QList<KeyOutline> &after,
                 const SpecEdits::KeyValues &values, const QStringList &skip = {})
{
    for (const KeyOutline &k : before) {
        if (named(values, k.name) || skip.contains(k.name))
            continue;
        const KeyOutline *now = findKey(after, k.name);
        if (!now || now->value != findKey(before, k.name)->value)
            return QStringLiteral("key '%1' not named changed or went").arg(k.name);
    }
    for (const KeyOutline &k : after) {
        if (!findKey(before, k.name) && !named(values, k.name) && !skip.contains(k.name))
            return QStringLiteral("key '%1' appeared").arg(k.name);
    }
    for (const auto &[name, value] : values) {
        if (skip.contains(name))
            continue;
        const KeyOutline *now = findKey(after, name);
        if (value.isNull() ? now != nullptr : (!now || now->value != value))
            return QStringLiteral("key '%1' does not read back: %2")
                .arg(name, now ? describe(now->value) : QStringLiteral("absent"));
    }
    return QString();
}

// What is wrong with the edited text (after) given the original (before); empty: nothing.
QString checkKeysResult(const QString &yaml, const SpecOutline &before, const QString &result,
                        const SpecOutline &after, KeyMap map, int e, int r,
                        const SpecEdits::KeyValues &values)
{
    if (after.endpoints.size() != before.endpoints.size())
        return QStringLiteral("endpoint count changed");
    if (after.items.size() != before.items.size())
        return QStringLiteral("item count changed");
    const EndpointOutline &a = before.endpoints.at(e);
    const EndpointOutline &b = after.endpoints.at(e);
    for (qsizetype i = 0; i < before.items.size(); ++i) {
        if (i != a.itemIndex
            && itemText(yaml, before.items.at(i).item) != itemText(result, after.items.at(i).item))
            return QStringLiteral("item %1 changed").arg(i);
    }
    for (qsizetype i = 0; i < before.endpoints.size(); ++i) {
        if (i != e && !sameEndpoint(before.endpoints.at(i), after.endpoints.at(i)))
            return QStringLiteral("endpoint %1 changed").arg(i);
    }
    if (a.itemIndex != b.itemIndex || a.rules.size() != b.rules.size())
        return QStringLiteral("the endpoint's item or rule count changed");
    const bool endpointMap = map == KeyMap::Endpoint;
    const bool onConnectNamed = endpointMap && named(values, QStringLiteral("on-connect"));
    const bool onMessageNamed = endpointMap && named(values, QStringLiteral("on-message"));
    if (!(endpointMap && named(values, QStringLiteral("path"))) && a.pathValue != b.pathValue)
        return QStringLiteral("path changed");
    if (map != KeyMap::Greeting && !onConnectNamed
        && (a.hasGreeting != b.hasGreeting || a.greetingValue != b.greetingValue
            || !sameKeyValues(a.onConnectKeys, b.onConnectKeys)))
        return QStringLiteral("on-connect changed");
    if (!onMessageNamed) {
        for (qsizetype i = 0; i < a.rules.size(); ++i) {
            if ((map == KeyMap::Rule || map == KeyMap::Match) && i == r)
                continue;
            if (!sameRule(a.rules.at(i), b.rules.at(i)))
                return QStringLiteral("rule %1 changed").arg(i);
        }
    }
    QString why;
    switch (map) {
    case KeyMap::Rule:
    case KeyMap::Match: {
        SpecEdits::KeyValues expect = values;
        if (map == KeyMap::Match)
            expect.append({ values.first().first == QLatin1String("pattern")
                                ? QStringLiteral("binary")
                                : QStringLiteral("pattern"),
                            YamlValue() });
        why = checkMap(a.rules.at(r).keys, b.rules.at(r).keys, expect);
        if (why.isEmpty() && !named(expect, QStringLiteral("pattern"))
            && a.rules.at(r).patternValue != b.rules.at(r).patternValue)
            why = QStringLiteral("the rule's pattern changed");
        if (why.isEmpty() && !named(expect, QStringLiteral("response"))
            && a.rules.at(r).responseValue != b.rules.at(r).responseValue)
            why = QStringLiteral("the rule's response changed");
        if (why.isEmpty() && !sameKeyValues(a.keys, b.keys))
            why = QStringLiteral("the websocket keys changed");
        break;
    }
    case KeyMap::Greeting: {
        why = checkMap(a.onConnectKeys, b.onConnectKeys, values);
        // on-connect itself may come (added with the keys) or go (its keys all removed).
        if (why.isEmpty())
            why = checkMap(a.keys, b.keys, {}, { QStringLiteral("on-connect") });
        if (why.isEmpty() && b.onConnectKeys.isEmpty() && b.onConnectKey.isValid())
            why = QStringLiteral("an empty on-connect was left");
        if (why.isEmpty() && !b.onConnectKeys.isEmpty()
            && !findKey(b.keys, QStringLiteral("on-connect")))
            why = QStringLiteral("on-connect keys without on-connect");
        break;
    }
    case KeyMap::Endpoint: {
        why = checkMap(a.keys, b.keys, values,
                       { QStringLiteral("on-connect"), QStringLiteral("on-message") });
        if (why.isEmpty() && onConnectNamed) {
            for (const auto &[name, value] : values) {
                if (name != QLatin1String("on-connect"))
                    continue;
                if (value.isNull() ? findKey(b.keys, name) != nullptr : !findKey(b.keys, name))
                    why = QStringLiteral("on-connect not set");
                else if (value.isMap()) {
                    QStringList names;
                    for (const KeyOutline &k : b.onConnectKeys)
                        names.append(k.name);
                    if (names != value.keys)
                        why = QStringLiteral("on-connect reads other keys");
                    for (qsizetype i = 0; why.isEmpty() && i < value.keys.size(); ++i) {
                        if (b.onConnectKeys.at(i).value != value.items.at(i))
                            why = QStringLiteral("on-connect's '%1' does not read back")
                                      .arg(value.keys.at(i));
                    }
                }
            }
        }
        break;
    }
    }
    return why;
}

TextEdit keysSetter(const QString &yaml, const SpecOutline &o, KeyMap map, int e, int r,
                    const SpecEdits::KeyValues &values)
{
    switch (map) {
    case KeyMap::Rule:
        return SpecEdits::setRuleKeys(yaml, o, e, r, values);
    case KeyMap::Greeting:
        return SpecEdits::setGreetingKeys(yaml, o, e, values);
    case KeyMap::Endpoint:
        return SpecEdits::setEndpointKeys(yaml, o, e, values);
    case KeyMap::Match:
        return SpecEdits::setRuleMatch(yaml, o, e, r, values.first().first, values.first().second);
    }
    return {};
}

// One key edit with every check; returns it.
TextEdit checkKeyEdit(const QString &yaml, const SpecOutline &outline, bool loadedOk,
                      const Scenario &sc, int e, int r)
{
    const bool ruleMap = sc.map == KeyMap::Rule || sc.map == KeyMap::Match;
    const TextEdit te = keysSetter(yaml, outline, sc.map, e, r, sc.values);
    const bool inRange = e >= 0 && e < outline.endpoints.size()
        && (!ruleMap || (r >= 0 && r < outline.endpoints.at(e).rules.size()));
    const QString where = QStringLiteral("%1 '%2' (endpoint %3, rule %4): %5")
                              .arg(QLatin1String(mapName(sc.map)), QLatin1String(sc.name))
                              .arg(e)
                              .arg(r)
                              .arg(describe(sc.values));
    if (!inRange)
        FUZZ_CHECK(te.isNull(), where + QStringLiteral(": an edit out of range\n") + show(yaml));
    if (te.isNull()) {
        FUZZ_CHECK(SpecEdits::apply(yaml, te) == yaml, where);
        return te;
    }
    FUZZ_CHECK(te.start >= 0 && te.start <= te.end && te.end <= yaml.size(),
               where + QLatin1Char('\n') + show(yaml));
    const QString result = SpecEdits::apply(yaml, te);
    const SpecOutline after = parse(result);
    FUZZ_CHECK(after.ok(),
               where + QStringLiteral(": the result does not parse: ") + after.error()
                   + QLatin1Char('\n') + show(yaml) + QLatin1Char('\n') + show(result));
    checkRanges(result, after);
    const QString why = checkKeysResult(yaml, outline, result, after, sc.map, e, r, sc.values);
    FUZZ_CHECK(why.isEmpty(),
               where + QStringLiteral(": ") + why + QLatin1Char('\n') + show(yaml)
                   + QLatin1Char('\n') + show(result));

    // Setting the same values again changes nothing.
    const TextEdit again = keysSetter(result, after, sc.map, e, r, sc.values);
    FUZZ_CHECK(SpecEdits::apply(result, again) == result,
               where + QStringLiteral(": setting it again changes the text\n") + show(result)
                   + QLatin1Char('\n') + show(SpecEdits::apply(result, again)));

    // The loader reads the values set.
    if (loadedOk && sc.loads && sc.loads(outline.endpoints.at(e), r)) {
        const LoadResult loaded = SpecLoader::loadText(result, QStringLiteral("fuzz.yml"));
        FUZZ_CHECK(loaded.ok(),
                   where + QStringLiteral(": the result does not load: ") + loaded.diagnosticsText()
                       + QLatin1Char('\n') + show(yaml) + QLatin1Char('\n') + show(result));
        FUZZ_CHECK(loaded.spec->endpoints.size() == outline.endpoints.size(),
                   where + QLatin1Char('\n') + show(result));
        checkAgainstLoader(result, after, loaded);
        if (sc.sees)
            FUZZ_CHECK(sc.sees(loaded.spec->endpoints.at(e), r),
                       where + QStringLiteral(": the loader does not see the values set\n")
                           + show(yaml) + QLatin1Char('\n') + show(result));
    }
    return te;
}

// Whether setting the values on a plain text must change it: they all read back as given and
// at least one differs from what the map holds.
bool mustApply(const SpecOutline &o, const Scenario &sc)
{
    const EndpointOutline &ep = o.endpoints.at(0);
    const QList<KeyOutline> &keys = sc.map == KeyMap::Greeting ? ep.onConnectKeys
        : sc.map == KeyMap::Endpoint                           ? ep.keys
                                                               : ep.rules.at(0).keys;
    bool changes = false;
    for (const auto &[name, value] : sc.values) {
        if (expectedRead(value) != value)
            return false;
        const KeyOutline *k = findKey(keys, name);
        if (value.isNull()
                ? k != nullptr
                : (!k || k->value != value
                   || (sc.map == KeyMap::Endpoint && name == QLatin1String("on-connect"))))
            changes = true;
    }
    if (sc.map == KeyMap::Match && !findKey(keys, sc.values.first().first))
        changes = true;
    return changes;
}

// render() reads back as the value, inside a minimal document, at a few columns.
void checkRender(const YamlValue &value)
{
    struct Place
    {
        const char *prefix;
        int column;
        int listOffset, itemKeyOffset, step;
        const char *eol;
        int where; // 0 websocket keys, 1 on-connect keys, 2 rule keys
    };
    static const Place places[] = {
        { "- websocket:\n    path: /a\n    ", 4, 2, 2, 2, "\n", 0 },
        { "- websocket:\r\n    path: /a\r\n    on-connect:\r\n      response: x\r\n      ", 6, 0, 2,
          4, "\r\n", 1 },
        { "- websocket:\n    path: /a\n    on-message:\n      - pattern: a\n        ", 8, 4, 3, 1,
          "\n", 2 },
    };
    const YamlValue want = expectedRead(value);
    for (const Place &p : places) {
        const QString eol = QLatin1String(p.eol);
        const QString yaml = QLatin1String(p.prefix) + QStringLiteral("x-key:")
            + SpecEdits::render(value, p.column, eol, p.listOffset, p.itemKeyOffset, p.step) + eol
            + QStringLiteral("    x-after: 1") + eol;
        const SpecOutline o = parse(yaml);
        const QString where
            = QStringLiteral("render(%1) at column %2\n").arg(describe(value)).arg(p.column)
            + show(yaml);
        FUZZ_CHECK(o.ok() && o.endpoints.size() == 1, where);
        const EndpointOutline &ep = o.endpoints.first();
        FUZZ_CHECK(p.where != 2 || ep.rules.size() == 1, where);
        const QList<KeyOutline> &keys = p.where == 0 ? ep.keys
            : p.where == 1                           ? ep.onConnectKeys
                                                     : ep.rules.first().keys;
        const KeyOutline *k = findKey(keys, QStringLiteral("x-key"));
        FUZZ_CHECK(k && k->value == want,
                   where + QStringLiteral("\nread: ")
                       + (k ? describe(k->value) : QStringLiteral("absent")));
        FUZZ_CHECK(findKey(ep.keys, QStringLiteral("x-after")),
                   where); // the value ended where it should
    }
}

void checkKeySetters(const QString &yaml, const SpecOutline &outline, bool loadedOk,
                     const QString &value, const QByteArray &choices)
{
    // The scenarios to try: the third field's bytes choose (by default a few).
    QByteArray pick = choices.left(MaxScenarios);
    if (pick.isEmpty())
        pick = QByteArray("\x05\x0b\x15"); // rule frames, binary any, subprotocols
    bool first = true;
    for (const char c : std::as_const(pick)) {
        const bool plainToo
            = std::exchange(first, false); // the plain texts with the first scenario only
        const auto byte = static_cast<unsigned char>(c);
        const QList<Scenario> all = scenarios(value, byte & 0x80);
        const Scenario &sc = all.at((byte & 0x7f) % all.size());
        const bool ruleMap = sc.map == KeyMap::Rule || sc.map == KeyMap::Match;

        for (const auto &kv : sc.values) {
            if (!kv.second.isNull())
                checkRender(kv.second);
        }

        // On the input, at the first endpoints and rules and one past the end.
        const int endpoints = outline.ok() ? int(outline.endpoints.size()) : -1;
        for (int e = 0; e <= std::min(endpoints, MaxKeyEndpoints); ++e) {
            if (!ruleMap) {
                checkKeyEdit(yaml, outline, loadedOk, sc, e, -1);
                continue;
            }
            const int rules = ruleCount(outline, e);
            for (int r = 0; r <= std::min(std::max(rules, 0), MaxKeyRules); ++r)
                checkKeyEdit(yaml, outline, loadedOk, sc, e, r);
        }

        // On plain texts, block and flow, the edit is made (not refused).
        if (!plainToo)
            continue;
        static const QString plain[] = {
            QStringLiteral(
                "- websocket:\n    path: /a\n    on-connect:\n      response: hi\n    on-message:\n"
                "      - pattern: a\n        response: b\n"),
            QStringLiteral("# mocks\n- websocket:\n    path: /a\n    subprotocols: [x]\n    "
                           "on-connect:\n      frames: [a]\n"
                           "      delay: 1s\n    on-message:\n      - binary: any\n        delay: "
                           "2s\n        frames:\n"
                           "          - b\n\n- websocket:\n    path: /b\n"),
            QStringLiteral("- {websocket: {path: /a, on-connect: {response: hi}, on-message: "
                           "[{pattern: a, response: b}]}}\n"),
        };
        for (const QString &text : plain) {
            const SpecOutline o = parse(text);
            FUZZ_CHECK(o.ok(), show(text));
            const TextEdit te = checkKeyEdit(text, o, true, sc, 0, ruleMap ? 0 : -1);
            FUZZ_CHECK(!te.isNull() || !mustApply(o, sc),
                       QStringLiteral("%1 '%2' refused on a plain text: %3\n")
                               .arg(QLatin1String(mapName(sc.map)), QLatin1String(sc.name),
                                    describe(sc.values))
                           + show(text));
        }
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QList<QByteArray> f = fuzz::fields(data, size, 3);
    const QString yaml = fuzz::text(f.at(0));
    const QString value = fuzz::text(f.at(1));

    checkQuoted(value);

    const SpecOutline outline = parse(yaml);
    if (!outline.ok()) {
        checkKeySetters(yaml, outline, false, value, f.at(2));
        return 0;
    }
    checkRanges(yaml, outline);

    // The outline reads the values the loader compiles.
    const LoadResult loaded = SpecLoader::loadText(yaml, QStringLiteral("fuzz.yml"));
    checkAgainstLoader(yaml, outline, loaded);

    const QString greeting = value.isEmpty() ? QStringLiteral("hi") : value;
    const int endpoints = int(outline.endpoints.size());
    QList<Edit> edits;
    auto sameEndpoints = [](const SpecOutline &a, const SpecOutline &b) {
        return a.endpoints.size() == b.endpoints.size();
    };
    edits.append({ "addEndpoint", -1, -1,
                   SpecEdits::addEndpoint(yaml, outline, QStringLiteral("/fuzz/new")),
                   [](const SpecOutline &a, const SpecOutline &b) {
                       return b.endpoints.size() == a.endpoints.size() + 1
                           && b.endpoints.last().pathValue == QLatin1String("/fuzz/new");
                   } });
    for (int e = -1; e <= std::min(endpoints, MaxEndpoints); ++e) {
        edits.append({ "setPath", e, -1, SpecEdits::setPath(yaml, outline, e, value),
                       [e, value](const SpecOutline &a, const SpecOutline &b) {
                           return a.endpoints.size() == b.endpoints.size()
                               && b.endpoints.at(e).pathValue == value;
                       } });
        edits.append({ "setGreeting", e, -1, SpecEdits::setGreeting(yaml, outline, e, greeting),
                       [e, greeting](const SpecOutline &a, const SpecOutline &b) {
                           return a.endpoints.size() == b.endpoints.size()
                               && b.endpoints.at(e).hasGreeting
                               && b.endpoints.at(e).greetingValue == greeting;
                       } });
        edits.append({ "removeGreeting", e, -1, SpecEdits::setGreeting(yaml, outline, e, QString()),
                       [e](const SpecOutline &a, const SpecOutline &b) {
                           return a.endpoints.size() == b.endpoints.size()
                               && !b.endpoints.at(e).hasGreeting;
                       } });
        edits.append({ "removeEndpoint", e, -1, SpecEdits::removeEndpoint(yaml, outline, e),
                       [](const SpecOutline &a, const SpecOutline &b) {
                           return b.endpoints.size() == a.endpoints.size() - 1;
                       } });
        edits.append({ "duplicateEndpoint", e, -1, SpecEdits::duplicateEndpoint(yaml, outline, e),
                       [](const SpecOutline &a, const SpecOutline &b) {
                           return b.endpoints.size() == a.endpoints.size() + 1;
                       } });
        edits.append({ "moveEndpointUp", e, -1, SpecEdits::moveEndpoint(yaml, outline, e, -1),
                       sameEndpoints });
        edits.append({ "moveEndpointDown", e, -1, SpecEdits::moveEndpoint(yaml, outline, e, 1),
                       sameEndpoints });
        edits.append({ "addRule", e, -1, SpecEdits::addRule(yaml, outline, e, value, greeting),
                       [e](const SpecOutline &a, const SpecOutline &b) {
                           return a.endpoints.size() == b.endpoints.size()
                               && ruleCount(b, e) == ruleCount(a, e) + 1;
                       } });
        const int rules = ruleCount(outline, e);
        for (int r = -1; r <= std::min(std::max(rules, 0), MaxRules); ++r) {
            edits.append({ "setRulePattern", e, r,
                           SpecEdits::setRulePattern(yaml, outline, e, r, value),
                           [e, r, value](const SpecOutline &a, const SpecOutline &b) {
                               return a.endpoints.size() == b.endpoints.size()
                                   && ruleCount(a, e) == ruleCount(b, e)
                                   && b.endpoints.at(e).rules.at(r).patternValue == value;
                           } });
            edits.append({ "setRuleResponse", e, r,
                           SpecEdits::setRuleResponse(yaml, outline, e, r, value),
                           [e, r, value](const SpecOutline &a, const SpecOutline &b) {
                               return a.endpoints.size() == b.endpoints.size()
                                   && ruleCount(a, e) == ruleCount(b, e)
                                   && b.endpoints.at(e).rules.at(r).responseValue == value;
                           } });
            edits.append({ "removeRule", e, r, SpecEdits::removeRule(yaml, outline, e, r),
                           [e](const SpecOutline &a, const SpecOutline &b) {
                               return a.endpoints.size() == b.endpoints.size()
                                   && ruleCount(b, e) == ruleCount(a, e) - 1;
                           } });
            edits.append({ "duplicateRule", e, r, SpecEdits::duplicateRule(yaml, outline, e, r),
                           [e](const SpecOutline &a, const SpecOutline &b) {
                               return a.endpoints.size() == b.endpoints.size()
                                   && ruleCount(b, e) == ruleCount(a, e) + 1;
                           } });
            for (int delta : { -1, 1 }) {
                edits.append({ delta < 0 ? "moveRuleUp" : "moveRuleDown", e, r,
                               SpecEdits::moveRule(yaml, outline, e, r, delta),
                               [e](const SpecOutline &a, const SpecOutline &b) {
                                   return a.endpoints.size() == b.endpoints.size()
                                       && ruleCount(b, e) == ruleCount(a, e);
                               } });
            }
        }
    }

    for (const Edit &edit : std::as_const(edits)) {
        const TextEdit &te = edit.edit;
        if (te.isNull()) {
            FUZZ_CHECK(SpecEdits::apply(yaml, te) == yaml, show(yaml));
            continue;
        }
        const QString where = QStringLiteral("%1(endpoint %2, rule %3), value '%4'")
                                  .arg(QLatin1String(edit.name))
                                  .arg(edit.endpoint)
                                  .arg(edit.rule)
                                  .arg(value);
        FUZZ_CHECK(te.start >= 0 && te.start <= te.end && te.end <= yaml.size(),
                   where + QLatin1Char('\n') + show(yaml));
        const QString result = SpecEdits::apply(yaml, te);
        const SpecOutline after = parse(result);
        FUZZ_CHECK(after.ok(),
                   where + QStringLiteral(": the result does not parse: ") + after.error()
                       + QLatin1Char('\n') + show(yaml) + QLatin1Char('\n') + show(result));
        checkRanges(result, after);
        FUZZ_CHECK(edit.check(outline, after),
                   where + QStringLiteral(": the result does not say what the edit meant\n")
                       + show(yaml) + QLatin1Char('\n') + show(result));
    }

    checkKeySetters(yaml, outline, loaded.ok(), value, f.at(2));
    return 0;
}
