#include "uncheckededits.h"
#include "editlayout.h"
#include "valueedits.h"
#include "yamlwriter.h"

#include "pathpattern.h"

#include <QRegularExpression>

#include <algorithm>

namespace Outline {

namespace {

// Removes on-connect with the comment lines right above it.
TextEdit onConnectRemoval(const Scanner &scanner, const EndpointOutline &ep)
{
    const TextLines &lines = scanner.lines();
    const QString &yaml = lines.text();
    if (!fits(yaml, ep.onConnectKey) || ep.flow || !lines.startsLine(ep.onConnectKey.start))
        return {};
    const int column = lines.column(ep.onConnectKey.start);
    const qsizetype valueEnd = fits(yaml, ep.onConnect) ? ep.onConnect.end : ep.onConnectKey.end;
    const TextRange above = scanner.commentsAbove(ep.onConnectKey.start, column);
    const qsizetype start = above.isValid() ? above.start : lines.lineStart(ep.onConnectKey.start);
    return { start, scanner.extendItem(valueEnd, column), QString() };
}

// A "response:" in an on-connect without one: into its map, or in place of a missing or null
// value.
TextEdit greetingIntoOnConnect(const Scanner &scanner, const EndpointOutline &ep,
                               const QString &text, const Style &style)
{
    const TextLines &lines = scanner.lines();
    const QString eol = eolOf(lines.text());
    if (ep.onConnectIndent >= 0) // a map without "response"
        return insertLines(lines, lines.nextLine(ep.onConnectKey.end),
                           spaces(ep.onConnectIndent) + QLatin1String("response: ") + text + eol,
                           eol);
    const TextRange current = ep.onConnect;
    const QString line = spaces(lines.column(ep.onConnectKey.start) + style.step)
        + QLatin1String("response: ") + text;
    if (current.length() == 0)
        return insertLines(lines, lines.nextLine(current.start), line + eol, eol);
    if (isNullToken(lines.text().mid(current.start, current.length()))) {
        const qsizetype colon = scanner.colonAfterKey(ep.onConnectKey.start, false);
        return { colon, current.end, eol + line };
    }
    return {};
}

// No on-connect: one with the response, under the path or right under "websocket:".
TextEdit onConnectWithGreeting(const TextLines &lines, const EndpointOutline &ep,
                               const QString &text, const Style &style)
{
    const QString eol = eolOf(lines.text());
    const qsizetype after
        = fits(lines.text(), ep.path) && ep.path.length() > 0 ? ep.path.end : ep.websocketKey.end;
    const QString added = spaces(ep.keyIndent) + QLatin1String("on-connect:") + eol
        + spaces(ep.keyIndent + style.step) + QLatin1String("response: ") + text + eol;
    return insertLines(lines, lines.nextLine(after), added, eol);
}

// New keys go after the last one.
qsizetype afterLastKey(const TextLines &lines, const QList<KeyOutline> &keys)
{
    const qsizetype last = lastKeyEnd(keys);
    return last >= 0 ? lines.nextLine(last) : -1;
}

// The names of on-connect's keys once values are set.
QStringList onConnectKeysAfter(const EndpointOutline &ep, const SpecEdits::KeyValues &values)
{
    QStringList remaining;
    for (const KeyOutline &key : ep.onConnectKeys)
        remaining.append(key.name);
    for (const auto &[name, value] : values) {
        if (value.isNull())
            remaining.removeAll(name);
        else if (!remaining.contains(name))
            remaining.append(name);
    }
    return remaining;
}

// No on-connect, or an empty one: on-connect gets a map with the keys given.
TextEdit onConnectWithKeys(const QString &yaml, const SpecOutline &outline, int endpoint,
                           const SpecEdits::KeyValues &values)
{
    YamlValue map = YamlValue::map(outline.endpoints.at(endpoint).flow);
    for (const auto &[name, value] : values) {
        if (!value.isNull())
            map.insert(name, value);
    }
    if (map.keys.isEmpty())
        return {};
    return uncheckedSetEndpointKeys(yaml, outline, endpoint,
                                    { { QStringLiteral("on-connect"), map } });
}

// A rule with pattern and response, its "-" at dashColumn, its keys keyOffset after it.
QString ruleText(const QString &pattern, const QString &response, int dashColumn, int keyOffset,
                 const QString &eol)
{
    return spaces(dashColumn) + QLatin1Char('-') + spaces(keyOffset - 1)
        + QLatin1String("pattern: ") + SpecEdits::quoted(pattern) + eol
        + spaces(dashColumn + keyOffset) + QLatin1String("response: ") + SpecEdits::quoted(response)
        + eol;
}

struct NewRule
{
    QString pattern;
    QString response;
    Style style;
};

TextEdit ruleAfterLast(const TextLines &lines, const EndpointOutline &ep, const NewRule &rule)
{
    const RuleOutline &last = ep.rules.last();
    if (!ep.rulesBlock || !fits(lines.text(), last.item) || !lines.startsLine(last.item.start))
        return {};
    const QString eol = eolOf(lines.text());
    const int offset = firstKeyOffset(lines, last);
    QString text = ruleText(rule.pattern, rule.response, lines.column(last.item.start),
                            offset > 0 ? offset : rule.style.ruleKeyOffset, eol);
    if (blankSeparated(lines, ruleBlocks(lines, ep), false))
        text.prepend(eol);
    return insertLines(lines, last.item.end, text, eol);
}

// on-message without rules: missing, null or "[]".
TextEdit ruleIntoOnMessage(const Scanner &scanner, const EndpointOutline &ep, const NewRule &rule)
{
    const TextLines &lines = scanner.lines();
    const QString eol = eolOf(lines.text());
    const TextRange current = ep.onMessage;
    QString text = ruleText(rule.pattern, rule.response,
                            lines.column(ep.onMessageKey.start) + rule.style.ruleDashOffset,
                            rule.style.ruleKeyOffset, eol);
    if (current.length() == 0)
        return insertLines(lines, lines.nextLine(current.start), text, eol);
    const QString old = lines.text().mid(current.start, current.length());
    static const QRegularExpression emptyList(QStringLiteral("^\\[\\s*\\]$"));
    if (!isNullToken(old) && !emptyList.match(old).hasMatch())
        return {};
    text.chop(eol.size());
    return { scanner.colonAfterKey(ep.onMessageKey.start, false), current.end, eol + text };
}

// No on-message: at the end of the websocket map, after its trailing comments.
TextEdit onMessageWithRule(const Scanner &scanner, const EndpointOutline &ep, const NewRule &rule)
{
    const TextLines &lines = scanner.lines();
    if (!fits(lines.text(), ep.websocket))
        return {};
    const QString eol = eolOf(lines.text());
    const QString text = spaces(ep.keyIndent) + QLatin1String("on-message:") + eol
        + ruleText(rule.pattern, rule.response, ep.keyIndent + rule.style.ruleDashOffset,
                   rule.style.ruleKeyOffset, eol);
    return insertLines(lines, scanner.extendItem(ep.websocket.end, ep.keyIndent - 1), text, eol);
}

// Where one scalar key of a rule stands: the key's range and its value's.
struct RuleScalar
{
    TextRange RuleOutline::*key;
    TextRange RuleOutline::*value;
};

TextEdit ruleScalarEdit(const QString &yaml, const SpecOutline &outline, int endpoint, int rule,
                        RuleScalar scalar, const QString &value)
{
    const RuleOutline *found = ruleAt(yaml, outline, endpoint, rule);
    if (!found)
        return {};
    return scalarEdit(yaml, found->*scalar.key, found->*scalar.value, value, found->flow);
}

} // namespace

TextEdit uncheckedSetPath(const QString &yaml, const SpecOutline &outline, int endpoint,
                          const QString &value)
{
    const EndpointOutline *ep = endpointAt(yaml, outline, endpoint);
    if (!ep)
        return {};
    return scalarEdit(yaml, ep->pathKey, ep->path, value, ep->flow);
}

TextEdit uncheckedSetGreeting(const QString &yaml, const SpecOutline &outline, int endpoint,
                              const QString &value)
{
    const EndpointOutline *ep = endpointAt(yaml, outline, endpoint);
    if (!ep)
        return {};
    const Scanner scanner(yaml);
    if (value.isEmpty())
        return onConnectRemoval(scanner, *ep);
    if (ep->hasGreeting)
        return scalarEdit(yaml, ep->greetingKey, ep->greeting, value, ep->greetingFlow);
    if (ep->flow || ep->keyIndent < 0)
        return {};
    const Style style = styleOf(scanner.lines(), outline, endpoint);
    const QString text = SpecEdits::quoted(value);
    if (fits(yaml, ep->onConnectKey) && fits(yaml, ep->onConnect))
        return greetingIntoOnConnect(scanner, *ep, text, style);
    return onConnectWithGreeting(scanner.lines(), *ep, text, style);
}

TextEdit uncheckedSetRulePattern(const QString &yaml, const SpecOutline &outline, int endpoint,
                                 int rule, const QString &value)
{
    return ruleScalarEdit(yaml, outline, endpoint, rule,
                          { &RuleOutline::patternKey, &RuleOutline::pattern }, value);
}

TextEdit uncheckedSetRuleResponse(const QString &yaml, const SpecOutline &outline, int endpoint,
                                  int rule, const QString &value)
{
    return ruleScalarEdit(yaml, outline, endpoint, rule,
                          { &RuleOutline::responseKey, &RuleOutline::response }, value);
}

TextEdit uncheckedSetRuleKeys(const QString &yaml, const SpecOutline &outline, int endpoint,
                              int rule, const SpecEdits::KeyValues &values)
{
    const RuleOutline *found = ruleAt(yaml, outline, endpoint, rule);
    if (!found || found->keys.isEmpty())
        return {};
    const TextLines lines(yaml);
    MapTarget target = mapTarget(found->keys, found->flow, found->keyIndent);
    target.insertAt = afterLastKey(lines, found->keys);
    return keysEdit(yaml, target, values, styleOf(lines, outline, endpoint));
}

TextEdit uncheckedSetEndpointKeys(const QString &yaml, const SpecOutline &outline, int endpoint,
                                  const SpecEdits::KeyValues &values)
{
    const EndpointOutline *ep = endpointAt(yaml, outline, endpoint);
    if (!ep || (!ep->flow && ep->keyIndent < 0))
        return {};
    const TextLines lines(yaml);
    MapTarget target = mapTarget(ep->keys, ep->flow, ep->keyIndent);
    if (fits(yaml, ep->path) && ep->path.length() > 0)
        target.insertAt = lines.nextLine(ep->path.end);
    else if (fits(yaml, ep->websocketKey))
        target.insertAt = lines.nextLine(ep->websocketKey.end);
    return keysEdit(yaml, target, values, styleOf(lines, outline, endpoint));
}

TextEdit uncheckedSetGreetingKeys(const QString &yaml, const SpecOutline &outline, int endpoint,
                                  const SpecEdits::KeyValues &values)
{
    const EndpointOutline *ep = endpointAt(yaml, outline, endpoint);
    if (!ep)
        return {};
    const bool isMap = !ep->onConnectKeys.isEmpty() || ep->onConnectIndent >= 0;
    if (!isMap)
        return onConnectWithKeys(yaml, outline, endpoint, values);
    if (onConnectKeysAfter(*ep, values).isEmpty()) {
        // Keys all gone: on-connect goes too; in a flow map as any other key of it.
        if (ep->flow)
            return uncheckedSetEndpointKeys(yaml, outline, endpoint,
                                            { { QStringLiteral("on-connect"), YamlValue() } });
        return uncheckedSetGreeting(yaml, outline, endpoint, QString());
    }
    const TextLines lines(yaml);
    MapTarget target = mapTarget(ep->onConnectKeys, ep->onConnectFlow, ep->onConnectIndent);
    target.insertAt = afterLastKey(lines, ep->onConnectKeys);
    return keysEdit(yaml, target, values, styleOf(lines, outline, endpoint));
}

TextEdit uncheckedSetRuleMatch(const QString &yaml, const SpecOutline &outline, int endpoint,
                               int rule, const QString &key, const YamlValue &value)
{
    const RuleOutline *found = ruleAt(yaml, outline, endpoint, rule);
    if (!found || value.isNull())
        return {};
    const auto match
        = std::find_if(found->keys.cbegin(), found->keys.cend(), [](const KeyOutline &candidate) {
              return candidate.name == QLatin1String("pattern")
                  || candidate.name == QLatin1String("binary");
          });
    if (match == found->keys.cend() || match->name == key)
        return uncheckedSetRuleKeys(yaml, outline, endpoint, rule, { { key, value } });
    if (!fits(yaml, match->key) || !fits(yaml, match->range))
        return {};
    const QString text = value.isScalar() ? scalarText(value, found->flow) : flowText(value);
    return { match->key.start, keyEnd(*match),
             SpecEdits::quoted(key, found->flow) + QLatin1String(": ") + text };
}

TextEdit uncheckedAddEndpoint(const QString &yaml, const SpecOutline &outline, const QString &path)
{
    if (!outline.ok() || !outline.blockList)
        return {};
    const TextLines lines(yaml);
    const QString eol = eolOf(yaml);
    const Style style = styleOf(lines, outline, 0);
    const QString item = spaces(style.dashColumn) + QLatin1Char('-')
        + spaces(style.websocketOffset - 1) + QLatin1String("websocket:") + eol
        + spaces(style.dashColumn + style.mapOffset) + QLatin1String("path: ")
        + SpecEdits::quoted(path) + eol;
    return appendItem(lines, outline, item);
}

TextEdit uncheckedRemoveEndpoint(const QString &yaml, const SpecOutline &outline, int endpoint)
{
    const EndpointOutline *ep = endpointAt(yaml, outline, endpoint);
    if (!ep || !outline.blockList || ep->itemIndex < 0 || ep->itemIndex >= outline.items.size())
        return {};
    const TextLines lines(yaml);
    return removeBlock(lines, itemBlocks(lines, outline), ep->itemIndex);
}

TextEdit uncheckedDuplicateEndpoint(const QString &yaml, const SpecOutline &outline, int endpoint)
{
    const EndpointOutline *ep = endpointAt(yaml, outline, endpoint);
    if (!ep || !outline.blockList || !fits(yaml, ep->path) || ep->path.start < ep->item.start
        || ep->path.end > ep->item.end)
        return {};
    const TextLines lines(yaml);
    if (!lines.startsLine(ep->item.start))
        return {};
    const QString path = copyPath(outline, ep->pathValue);
    if (path.isEmpty())
        return {};
    const QString eol = eolOf(yaml);
    const qsizetype start = lines.lineStart(ep->item.start);
    QString copy = yaml.mid(start, ep->path.start - start) + SpecEdits::quoted(path, ep->flow)
        + yaml.mid(ep->path.end, ep->item.end - ep->path.end);
    if (!copy.endsWith(QLatin1Char('\n')))
        copy += eol;
    if (blankSeparated(lines, itemBlocks(lines, outline), true))
        copy.prepend(eol);
    return insertLines(lines, ep->item.end, copy, eol);
}

TextEdit uncheckedMoveEndpoint(const QString &yaml, const SpecOutline &outline, int endpoint,
                               int delta)
{
    const EndpointOutline *ep = endpointAt(yaml, outline, endpoint);
    const EndpointOutline *other = endpointAt(yaml, outline, endpoint + delta);
    if (!ep || !other || (delta != -1 && delta != 1) || !outline.blockList)
        return {};
    const TextLines lines(yaml);
    return moveIn(lines, itemBlocks(lines, outline), ep->itemIndex, other->itemIndex);
}

TextEdit uncheckedAddRule(const QString &yaml, const SpecOutline &outline, int endpoint,
                          const QString &pattern, const QString &response)
{
    const EndpointOutline *ep = endpointAt(yaml, outline, endpoint);
    if (!ep || ep->flow || ep->keyIndent < 0)
        return {};
    const Scanner scanner(yaml);
    const NewRule rule { pattern, response, styleOf(scanner.lines(), outline, endpoint) };
    if (!ep->rules.isEmpty())
        return ruleAfterLast(scanner.lines(), *ep, rule);
    if (fits(yaml, ep->onMessageKey) && fits(yaml, ep->onMessage))
        return ruleIntoOnMessage(scanner, *ep, rule);
    return onMessageWithRule(scanner, *ep, rule);
}

TextEdit uncheckedRemoveRule(const QString &yaml, const SpecOutline &outline, int endpoint,
                             int rule)
{
    const RuleOutline *found = ruleAt(yaml, outline, endpoint, rule);
    if (!found || !outline.endpoints.at(endpoint).rulesBlock)
        return {};
    const TextLines lines(yaml);
    return removeBlock(lines, ruleBlocks(lines, outline.endpoints.at(endpoint)), rule);
}

TextEdit uncheckedDuplicateRule(const QString &yaml, const SpecOutline &outline, int endpoint,
                                int rule)
{
    const RuleOutline *found = ruleAt(yaml, outline, endpoint, rule);
    const TextLines lines(yaml);
    if (!found || !outline.endpoints.at(endpoint).rulesBlock
        || !lines.startsLine(found->item.start))
        return {};
    const QString eol = eolOf(yaml);
    const qsizetype start = lines.lineStart(found->item.start);
    QString copy = yaml.mid(start, found->item.end - start);
    if (!copy.endsWith(QLatin1Char('\n')))
        copy += eol;
    if (blankSeparated(lines, ruleBlocks(lines, outline.endpoints.at(endpoint)), false))
        copy.prepend(eol);
    return insertLines(lines, found->item.end, copy, eol);
}

TextEdit uncheckedMoveRule(const QString &yaml, const SpecOutline &outline, int endpoint, int rule,
                           int delta)
{
    const RuleOutline *found = ruleAt(yaml, outline, endpoint, rule);
    if (!found || (delta != -1 && delta != 1) || !outline.endpoints.at(endpoint).rulesBlock)
        return {};
    const TextLines lines(yaml);
    return moveIn(lines, ruleBlocks(lines, outline.endpoints.at(endpoint)), rule, rule + delta);
}

QString copyPath(const SpecOutline &outline, const QString &path)
{
    if (!PathPattern::parse(path))
        return QString();
    QList<PathPattern> existing;
    for (const EndpointOutline &ep : outline.endpoints) {
        if (auto pattern = PathPattern::parse(ep.pathValue))
            existing.append(*pattern);
    }
    const QStringList segments = PathPattern::splitPath(path);
    const bool endsInParameter
        = !segments.isEmpty() && segments.last().startsWith(QLatin1Char(':'));
    const QString suffix = endsInParameter ? QStringLiteral("/copy") : QStringLiteral("-copy");
    for (int attempt = 1; attempt < 1000; ++attempt) {
        const QString candidate
            = path + suffix + (attempt == 1 ? QString() : QString::number(attempt));
        const auto pattern = PathPattern::parse(candidate);
        if (!pattern)
            continue;
        const bool clash
            = std::any_of(existing.cbegin(), existing.cend(),
                          [&](const PathPattern &other) { return other.sameShape(*pattern); });
        if (!clash)
            return candidate;
    }
    return QString();
}

} // namespace Outline
