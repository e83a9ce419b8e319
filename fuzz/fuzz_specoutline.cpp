// SpecOutline::parse and every SpecEdits operation. The input is two NUL-separated fields:
// a config's text and a value for the setters.
//
// Checks, from specoutline.h:
// - parse() never throws; the ranges it reports lie inside the text; the values it reads
//   are the ones the loader compiles, when the text loads.
// - quoted(value) reads back as exactly value, in block and flow context, through both the
//   outline and the loader.
// - Every edit, at every endpoint and rule index (and one past either end), is null or a
//   range inside the text, and the edited text still parses. Setters read back the value
//   they set; adding, removing and duplicating change the counts by one; moving keeps them.

#include "fuzzcommon.h"

#include "mockspec.h"
#include "specloader.h"
#include "specoutline.h"


#include <functional>

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
        FUZZ_CHECK(r.end <= yaml.size(), QString::fromLatin1(what) + QLatin1Char('\n') + show(yaml));
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
        fuzz::fail("SpecOutline::parse threw", QString::fromLocal8Bit(e.what()) + QLatin1Char('\n') + show(yaml));
    } catch (...) {
        fuzz::fail("SpecOutline::parse threw", show(yaml));
    }
}

// quoted() reads back as the value.
void checkQuoted(const QString &value)
{
    const QString block = QStringLiteral("- websocket:\n    path: /a\n    on-connect:\n      response: ")
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
                       where + QStringLiteral("\nrule %1: outline line %2, loader line %3")
                                   .arg(r).arg(ep.rules.at(r).line).arg(spec.rules.at(r).location.line));
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
    return endpoint >= 0 && endpoint < o.endpoints.size() ? int(o.endpoints.at(endpoint).rules.size()) : -1;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QList<QByteArray> f = fuzz::fields(data, size, 2);
    const QString yaml = fuzz::text(f.at(0));
    const QString value = fuzz::text(f.at(1));

    checkQuoted(value);

    const SpecOutline outline = parse(yaml);
    if (!outline.ok())
        return 0;
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
    edits.append({ "addEndpoint", -1, -1, SpecEdits::addEndpoint(yaml, outline, QStringLiteral("/fuzz/new")),
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
                           return a.endpoints.size() == b.endpoints.size() && !b.endpoints.at(e).hasGreeting;
                       } });
        edits.append({ "removeEndpoint", e, -1, SpecEdits::removeEndpoint(yaml, outline, e),
                       [](const SpecOutline &a, const SpecOutline &b) {
                           return b.endpoints.size() == a.endpoints.size() - 1;
                       } });
        edits.append({ "duplicateEndpoint", e, -1, SpecEdits::duplicateEndpoint(yaml, outline, e),
                       [](const SpecOutline &a, const SpecOutline &b) {
                           return b.endpoints.size() == a.endpoints.size() + 1;
                       } });
        edits.append({ "moveEndpointUp", e, -1, SpecEdits::moveEndpoint(yaml, outline, e, -1), sameEndpoints });
        edits.append({ "moveEndpointDown", e, -1, SpecEdits::moveEndpoint(yaml, outline, e, 1), sameEndpoints });
        edits.append({ "addRule", e, -1, SpecEdits::addRule(yaml, outline, e, value, greeting),
                       [e](const SpecOutline &a, const SpecOutline &b) {
                           return a.endpoints.size() == b.endpoints.size()
                               && ruleCount(b, e) == ruleCount(a, e) + 1;
                       } });
        const int rules = ruleCount(outline, e);
        for (int r = -1; r <= std::min(std::max(rules, 0), MaxRules); ++r) {
            edits.append({ "setRulePattern", e, r, SpecEdits::setRulePattern(yaml, outline, e, r, value),
                           [e, r, value](const SpecOutline &a, const SpecOutline &b) {
                               return a.endpoints.size() == b.endpoints.size()
                                   && ruleCount(a, e) == ruleCount(b, e)
                                   && b.endpoints.at(e).rules.at(r).patternValue == value;
                           } });
            edits.append({ "setRuleResponse", e, r, SpecEdits::setRuleResponse(yaml, outline, e, r, value),
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
                                  .arg(QLatin1String(edit.name)).arg(edit.endpoint).arg(edit.rule).arg(value);
        FUZZ_CHECK(te.start >= 0 && te.start <= te.end && te.end <= yaml.size(), where + QLatin1Char('\n') + show(yaml));
        const QString result = SpecEdits::apply(yaml, te);
        const SpecOutline after = parse(result);
        FUZZ_CHECK(after.ok(), where + QStringLiteral(": the result does not parse: ") + after.error()
                                   + QLatin1Char('\n') + show(yaml) + QLatin1Char('\n') + show(result));
        checkRanges(result, after);
        FUZZ_CHECK(edit.check(outline, after),
                   where + QStringLiteral(": the result does not say what the edit meant\n") + show(yaml)
                       + QLatin1Char('\n') + show(result));
    }
    return 0;
}
