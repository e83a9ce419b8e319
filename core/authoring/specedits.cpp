#include "editverification.h"
#include "specoutline.h"
#include "uncheckededits.h"

#include <algorithm>
#include <optional>

// Each edit says what the text reads as after it, and is handed out only when it does (see
// editverification.h).
namespace SpecEdits {

using namespace Outline;

namespace {

// The values the text reads as, with the item an endpoint stands at.
struct EndpointItem
{
    Values want;
    int item = -1;
};

// Nothing when the endpoint is not one of the outline's or stands at no item.
std::optional<EndpointItem> endpointItem(const QString &yaml, const SpecOutline &outline,
                                         int endpoint)
{
    if (!validEndpoint(outline, endpoint))
        return std::nullopt;
    EndpointItem found { valuesOf(yaml, outline), -1 };
    found.item = itemOf(found.want, endpoint);
    if (found.item < 0)
        return std::nullopt;
    return found;
}

} // namespace

TextEdit setPath(const QString &yaml, const SpecOutline &outline, int endpoint,
                 const QString &value)
{
    if (!validEndpoint(outline, endpoint))
        return {};
    Values want = expectedFor(yaml, outline, endpoint);
    want.endpoints[endpoint].path = value;
    return checked(yaml, uncheckedSetPath(yaml, outline, endpoint, value), want);
}

TextEdit setGreeting(const QString &yaml, const SpecOutline &outline, int endpoint,
                     const QString &value)
{
    if (!validEndpoint(outline, endpoint))
        return {};
    Values want = expectedFor(yaml, outline, endpoint);
    want.endpoints[endpoint].hasGreeting = !value.isEmpty();
    want.endpoints[endpoint].greeting = value;
    return checked(yaml, uncheckedSetGreeting(yaml, outline, endpoint, value), want);
}

TextEdit setRulePattern(const QString &yaml, const SpecOutline &outline, int endpoint, int rule,
                        const QString &value)
{
    if (!validRule(outline, endpoint, rule))
        return {};
    Values want = expectedFor(yaml, outline, endpoint);
    want.endpoints[endpoint].rules[rule].pattern = value;
    return checked(yaml, uncheckedSetRulePattern(yaml, outline, endpoint, rule, value), want);
}

TextEdit setRuleResponse(const QString &yaml, const SpecOutline &outline, int endpoint, int rule,
                         const QString &value)
{
    if (!validRule(outline, endpoint, rule))
        return {};
    Values want = expectedFor(yaml, outline, endpoint);
    want.endpoints[endpoint].rules[rule].response = value;
    return checked(yaml, uncheckedSetRuleResponse(yaml, outline, endpoint, rule, value), want);
}

TextEdit addEndpoint(const QString &yaml, const SpecOutline &outline, const QString &path)
{
    if (!outline.ok())
        return {};
    Values want = valuesOf(yaml, outline);
    want.endpoints.append({ path, false, QString(), {}, int(want.items.size()) });
    want.items.append(std::nullopt);
    return checked(yaml, uncheckedAddEndpoint(yaml, outline, path), want);
}

TextEdit removeEndpoint(const QString &yaml, const SpecOutline &outline, int endpoint)
{
    std::optional<EndpointItem> found = endpointItem(yaml, outline, endpoint);
    if (!found)
        return {};
    auto &[want, item] = *found;
    want.endpoints.removeAt(endpoint);
    want.items.removeAt(item);
    shiftItemsAfter(want, item, -1);
    return checked(yaml, uncheckedRemoveEndpoint(yaml, outline, endpoint), want);
}

TextEdit duplicateEndpoint(const QString &yaml, const SpecOutline &outline, int endpoint)
{
    std::optional<EndpointItem> found = endpointItem(yaml, outline, endpoint);
    if (!found)
        return {};
    auto &[want, item] = *found;
    EndpointValues copy = want.endpoints.at(endpoint);
    copy.path = copyPath(outline, copy.path);
    shiftItemsAfter(want, item, 1);
    copy.item = item + 1;
    want.endpoints.insert(endpoint + 1, copy);
    want.items.insert(item + 1, std::nullopt);
    return checked(yaml, uncheckedDuplicateEndpoint(yaml, outline, endpoint), want);
}

TextEdit moveEndpoint(const QString &yaml, const SpecOutline &outline, int endpoint, int delta)
{
    if (!validEndpoint(outline, endpoint) || !validEndpoint(outline, endpoint + delta))
        return {};
    Values want = valuesOf(yaml, outline);
    if (itemOf(want, endpoint) < 0 || itemOf(want, endpoint + delta) < 0)
        return {};
    EndpointValues &moved = want.endpoints[endpoint];
    EndpointValues &other = want.endpoints[endpoint + delta];
    want.items.swapItemsAt(moved.item, other.item);
    std::swap(moved.item, other.item);
    want.endpoints.swapItemsAt(endpoint, endpoint + delta);
    return checked(yaml, uncheckedMoveEndpoint(yaml, outline, endpoint, delta), want);
}

TextEdit addRule(const QString &yaml, const SpecOutline &outline, int endpoint,
                 const QString &pattern, const QString &response)
{
    if (!validEndpoint(outline, endpoint))
        return {};
    Values want = expectedFor(yaml, outline, endpoint);
    want.endpoints[endpoint].rules.append({ pattern, response });
    return checked(yaml, uncheckedAddRule(yaml, outline, endpoint, pattern, response), want);
}

TextEdit removeRule(const QString &yaml, const SpecOutline &outline, int endpoint, int rule)
{
    if (!validRule(outline, endpoint, rule))
        return {};
    Values want = expectedFor(yaml, outline, endpoint);
    want.endpoints[endpoint].rules.removeAt(rule);
    return checked(yaml, uncheckedRemoveRule(yaml, outline, endpoint, rule), want);
}

TextEdit duplicateRule(const QString &yaml, const SpecOutline &outline, int endpoint, int rule)
{
    if (!validRule(outline, endpoint, rule))
        return {};
    Values want = expectedFor(yaml, outline, endpoint);
    QList<RuleValues> &rules = want.endpoints[endpoint].rules;
    rules.insert(rule + 1, rules.at(rule));
    return checked(yaml, uncheckedDuplicateRule(yaml, outline, endpoint, rule), want);
}

TextEdit moveRule(const QString &yaml, const SpecOutline &outline, int endpoint, int rule,
                  int delta)
{
    if (!validRule(outline, endpoint, rule) || !validRule(outline, endpoint, rule + delta))
        return {};
    Values want = expectedFor(yaml, outline, endpoint);
    want.endpoints[endpoint].rules.swapItemsAt(rule, rule + delta);
    return checked(yaml, uncheckedMoveRule(yaml, outline, endpoint, rule, delta), want);
}

TextEdit setRuleKeys(const QString &yaml, const SpecOutline &outline, int endpoint, int rule,
                     const KeyValues &values)
{
    if (!validRule(outline, endpoint, rule))
        return {};
    return checkedKeys(yaml, outline, uncheckedSetRuleKeys(yaml, outline, endpoint, rule, values),
                       KeyMap::Rule, endpoint, rule, values);
}

TextEdit setGreetingKeys(const QString &yaml, const SpecOutline &outline, int endpoint,
                         const KeyValues &values)
{
    if (!validEndpoint(outline, endpoint))
        return {};
    return checkedKeys(yaml, outline, uncheckedSetGreetingKeys(yaml, outline, endpoint, values),
                       KeyMap::Greeting, endpoint, -1, values);
}

TextEdit setEndpointKeys(const QString &yaml, const SpecOutline &outline, int endpoint,
                         const KeyValues &values)
{
    if (!validEndpoint(outline, endpoint))
        return {};
    return checkedKeys(yaml, outline, uncheckedSetEndpointKeys(yaml, outline, endpoint, values),
                       KeyMap::Endpoint, endpoint, -1, values);
}

TextEdit setRuleMatch(const QString &yaml, const SpecOutline &outline, int endpoint, int rule,
                      const QString &key, const YamlValue &value)
{
    if (!validRule(outline, endpoint, rule))
        return {};
    // The other of pattern and binary goes.
    const QString other
        = key == QLatin1String("pattern") ? QStringLiteral("binary") : QStringLiteral("pattern");
    return checkedKeys(yaml, outline,
                       uncheckedSetRuleMatch(yaml, outline, endpoint, rule, key, value),
                       KeyMap::Rule, endpoint, rule, { { key, value }, { other, YamlValue() } });
}

QString apply(const QString &yaml, const TextEdit &edit)
{
    if (edit.isNull())
        return yaml;
    const qsizetype start = std::clamp<qsizetype>(edit.start, 0, yaml.size());
    const qsizetype end = std::clamp<qsizetype>(edit.end, start, yaml.size());
    return yaml.left(start) + edit.replacement + yaml.mid(end);
}

TextEdit inSequence(const QString &yaml, const SpecOutline &outline, const QList<Step> &steps)
{
    QString text = yaml;
    SpecOutline current = outline;
    for (qsizetype i = 0; i < steps.size(); ++i) {
        if (i > 0)
            current = SpecOutline::parse(text);
        const TextEdit edit = steps.at(i)(text, current);
        if (edit.isNull())
            return {};
        text = apply(text, edit);
    }
    qsizetype prefix = 0;
    const qsizetype shorter = std::min(yaml.size(), text.size());
    while (prefix < shorter && yaml.at(prefix) == text.at(prefix))
        ++prefix;
    qsizetype suffix = 0;
    while (suffix < shorter - prefix
           && yaml.at(yaml.size() - 1 - suffix) == text.at(text.size() - 1 - suffix))
        ++suffix;
    return { prefix, yaml.size() - suffix, text.mid(prefix, text.size() - suffix - prefix) };
}

} // namespace SpecEdits
