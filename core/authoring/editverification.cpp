#include "editverification.h"
#include "editlayout.h"
#include "outlinescanner.h"

#include <QStringList>

#include <algorithm>

namespace Outline {

namespace {

bool matches(const Values &want, const Values &got)
{
    if (want.endpoints != got.endpoints || want.httpItems != got.httpItems
        || want.items.size() != got.items.size())
        return false;
    for (qsizetype index = 0; index < want.items.size(); ++index) {
        if (want.items.at(index) && want.items.at(index) != got.items.at(index))
            return false;
    }
    return true;
}

// The text an edit gives, outlined again.
struct Reread
{
    QString text;
    SpecOutline outline;
};

// nullopt when the edit does not fit the text or what it gives does not read.
std::optional<Reread> reread(const QString &yaml, const TextEdit &edit)
{
    if (edit.start < 0 || edit.start > edit.end || edit.end > yaml.size())
        return std::nullopt;
    Reread after;
    after.text = SpecEdits::apply(yaml, edit);
    after.outline = SpecOutline::parse(after.text);
    if (!after.outline.ok())
        return std::nullopt;
    return after;
}

bool sameKeys(const QList<KeyOutline> &left, const QList<KeyOutline> &right)
{
    if (left.size() != right.size())
        return false;
    for (qsizetype index = 0; index < left.size(); ++index) {
        if (left.at(index).name != right.at(index).name
            || left.at(index).value != right.at(index).value)
            return false;
    }
    return true;
}

bool names(const SpecEdits::KeyValues &values, const QString &name)
{
    return std::any_of(values.cbegin(), values.cend(),
                       [&name](const auto &entry) { return entry.first == name; });
}

// The keys of a map not in values (nor in skip) read as before, and none came.
bool othersKept(const QList<KeyOutline> &before, const QList<KeyOutline> &after,
                const SpecEdits::KeyValues &values, const QStringList &skip = {})
{
    const auto touched
        = [&](const QString &name) { return skip.contains(name) || names(values, name); };
    for (const KeyOutline &key : before) {
        if (touched(key.name))
            continue;
        const KeyOutline *now = findKey(after, key.name);
        if (!now || now->value != findKey(before, key.name)->value)
            return false;
    }
    return std::all_of(after.cbegin(), after.cend(), [&](const KeyOutline &key) {
        return touched(key.name) || findKey(before, key.name);
    });
}

// What a keys edit means to change: keys of one map.
struct KeyChange
{
    KeyMap map;
    int rule;
    const SpecEdits::KeyValues &values;

    bool touches(const QString &name) const { return names(values, name); }
};

bool sameGreeting(const EndpointOutline &before, const EndpointOutline &after)
{
    return after.hasGreeting == before.hasGreeting && after.greetingValue == before.greetingValue
        && sameKeys(after.onConnectKeys, before.onConnectKeys);
}

bool otherRulesKept(const EndpointOutline &before, const EndpointOutline &after,
                    const KeyChange &change)
{
    for (qsizetype index = 0; index < after.rules.size(); ++index) {
        if (change.map == KeyMap::Rule && index == change.rule)
            continue;
        const RuleOutline &now = after.rules.at(index);
        const RuleOutline &was = before.rules.at(index);
        if (now.patternValue != was.patternValue || now.responseValue != was.responseValue
            || !sameKeys(now.keys, was.keys))
            return false;
    }
    return true;
}

// Within the endpoint, what the keys do not name: its path, its on-connect, its other rules.
bool unnamedKept(const EndpointOutline &before, const EndpointOutline &after,
                 const KeyChange &change)
{
    if (after.rules.size() != before.rules.size() || after.itemIndex != before.itemIndex)
        return false;
    const bool pathNamed = change.map == KeyMap::Endpoint && change.touches(QStringLiteral("path"));
    if (!pathNamed && after.pathValue != before.pathValue)
        return false;
    const bool onConnectNamed = change.map == KeyMap::Greeting
        || (change.map == KeyMap::Endpoint && change.touches(QStringLiteral("on-connect")));
    if (!onConnectNamed && !sameGreeting(before, after))
        return false;
    return otherRulesKept(before, after, change);
}

bool ruleOthersKept(const EndpointOutline &before, const EndpointOutline &after,
                    const KeyChange &change)
{
    const RuleOutline &was = before.rules.at(change.rule);
    const RuleOutline &now = after.rules.at(change.rule);
    return othersKept(was.keys, now.keys, change.values)
        && (change.touches(QStringLiteral("pattern")) || was.patternValue == now.patternValue)
        && (change.touches(QStringLiteral("response")) || was.responseValue == now.responseValue)
        && sameKeys(after.keys, before.keys);
}

// The map's other keys, and the other maps of the endpoint.
bool mapOthersKept(const EndpointOutline &before, const EndpointOutline &after,
                   const KeyChange &change)
{
    const QString onConnect = QStringLiteral("on-connect");
    switch (change.map) {
    case KeyMap::Rule:
        return ruleOthersKept(before, after, change);
    case KeyMap::Greeting:
        // on-connect itself may come or go with its keys.
        return othersKept(before.onConnectKeys, after.onConnectKeys, change.values)
            && (change.touches(QStringLiteral("response"))
                || after.greetingValue == before.greetingValue)
            && othersKept(before.keys, after.keys, {}, { onConnect });
    case KeyMap::Endpoint:
        return othersKept(before.keys, after.keys, change.values,
                          { onConnect, QStringLiteral("on-message") });
    }
    return false;
}

// The keys read as given: present with that value, or gone for a null one.
bool keysReadAsGiven(const EndpointOutline &after, const KeyChange &change)
{
    const QList<KeyOutline> &keys = change.map == KeyMap::Rule ? after.rules.at(change.rule).keys
        : change.map == KeyMap::Greeting                       ? after.onConnectKeys
                                                               : after.keys;
    for (const auto &[name, value] : change.values) {
        if (change.map == KeyMap::Endpoint
            && (name == QLatin1String("on-connect") || name == QLatin1String("on-message")))
            continue; // read through their own outlines, above
        const KeyOutline *key = findKey(keys, name);
        if (value.isNull() ? key != nullptr : (!key || key->value != value))
            return false;
    }
    return true;
}

// The keys read as given: present with that value, or gone for a null one.
bool readAsGiven(const QList<KeyOutline> &keys, const SpecEdits::KeyValues &values)
{
    return std::all_of(values.cbegin(), values.cend(), [&keys](const auto &entry) {
        const KeyOutline *key = findKey(keys, entry.first);
        return entry.second.isNull() ? key == nullptr : (key && key->value == entry.second);
    });
}

} // namespace

Values valuesOf(const QString &yaml, const SpecOutline &outline)
{
    Values read;
    for (const EndpointOutline &ep : outline.endpoints) {
        EndpointValues endpoint { ep.pathValue,
                                  ep.hasGreeting,
                                  ep.hasGreeting ? ep.greetingValue : QString(),
                                  {},
                                  ep.itemIndex };
        for (const RuleOutline &rule : ep.rules)
            endpoint.rules.append({ rule.patternValue, rule.responseValue });
        read.endpoints.append(endpoint);
    }
    for (const HttpEndpointOutline &http : outline.httpEndpoints)
        read.httpItems.append(http.itemIndex);
    for (const ItemOutline &item : outline.items) {
        QString text
            = fits(yaml, item.item) ? yaml.mid(item.item.start, item.item.length()) : QString();
        while (!text.isEmpty() && isBreakChar(text.back()))
            text.chop(1);
        read.items.append(text);
    }
    return read;
}

void shiftItemsAfter(Values &want, int item, int delta)
{
    for (EndpointValues &other : want.endpoints) {
        if (other.item > item)
            other.item += delta;
    }
    for (int &other : want.httpItems) {
        if (other > item)
            other += delta;
    }
}

int itemOf(const Values &values, int endpoint)
{
    const int item = values.endpoints.at(endpoint).item;
    return item >= 0 && item < values.items.size() ? item : -1;
}

Values expectedFor(const QString &yaml, const SpecOutline &outline, int endpoint)
{
    Values want = valuesOf(yaml, outline);
    const int item = itemOf(want, endpoint);
    if (item >= 0)
        want.items[item].reset();
    return want;
}

TextEdit checked(const QString &yaml, const TextEdit &edit, const Values &want)
{
    if (edit.isNull())
        return edit;
    const std::optional<Reread> after = reread(yaml, edit);
    if (!after || !matches(want, valuesOf(after->text, after->outline)))
        return {};
    return edit;
}

bool validEndpoint(const SpecOutline &outline, int endpoint)
{
    return outline.ok() && endpoint >= 0 && endpoint < outline.endpoints.size();
}

bool validRule(const SpecOutline &outline, int endpoint, int rule)
{
    return validEndpoint(outline, endpoint) && rule >= 0
        && rule < outline.endpoints.at(endpoint).rules.size();
}

TextEdit checkedKeys(const QString &yaml, const SpecOutline &outline, const TextEdit &edit,
                     KeyMap map, int endpoint, int rule, const SpecEdits::KeyValues &values)
{
    if (edit.isNull())
        return edit;
    const std::optional<Reread> after = reread(yaml, edit);
    if (!after || after->outline.endpoints.size() != outline.endpoints.size())
        return {};
    // Everything outside the endpoint concerned, to the byte.
    Values want = expectedFor(yaml, outline, endpoint);
    const Values got = valuesOf(after->text, after->outline);
    want.endpoints[endpoint] = got.endpoints.at(endpoint);
    if (!matches(want, got))
        return {};
    const KeyChange change { map, rule, values };
    const EndpointOutline &before = outline.endpoints.at(endpoint);
    const EndpointOutline &now = after->outline.endpoints.at(endpoint);
    if (!unnamedKept(before, now, change) || !mapOthersKept(before, now, change)
        || !keysReadAsGiven(now, change))
        return {};
    return edit;
}

TextEdit checkedHttpKeys(const QString &yaml, const SpecOutline &outline, const TextEdit &edit,
                         int http, bool response, const SpecEdits::KeyValues &values)
{
    if (edit.isNull() || http < 0 || http >= outline.httpEndpoints.size())
        return {};
    const std::optional<Reread> after = reread(yaml, edit);
    if (!after || after->outline.httpEndpoints.size() != outline.httpEndpoints.size())
        return {};
    // Everything outside the item concerned, to the byte.
    Values want = valuesOf(yaml, outline);
    const int item = outline.httpEndpoints.at(http).itemIndex;
    if (item < 0 || item >= want.items.size())
        return {};
    want.items[item].reset();
    if (!matches(want, valuesOf(after->text, after->outline)))
        return {};
    const HttpEndpointOutline &before = outline.httpEndpoints.at(http);
    const HttpEndpointOutline &now = after->outline.httpEndpoints.at(http);
    const QString responseKey = QStringLiteral("response");
    if (response) {
        // response itself may come with its keys.
        if (!othersKept(before.keys, now.keys, {}, { responseKey })
            || !othersKept(before.responseKeys, now.responseKeys, values)
            || !readAsGiven(now.responseKeys, values))
            return {};
        return edit;
    }
    if (!othersKept(before.keys, now.keys, values, { responseKey })
        || !sameKeys(before.responseKeys, now.responseKeys) || !readAsGiven(now.keys, values))
        return {};
    return edit;
}

} // namespace Outline
