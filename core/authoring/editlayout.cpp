#include "editlayout.h"
#include "yamlwriter.h"

#include <algorithm>
#include <optional>
#include <utility>

namespace Outline {

bool fits(const QString &yaml, const TextRange &range)
{
    return range.isValid() && range.end <= yaml.size();
}

const EndpointOutline *endpointAt(const QString &yaml, const SpecOutline &outline, int endpoint)
{
    if (!outline.ok() || endpoint < 0 || endpoint >= outline.endpoints.size())
        return nullptr;
    const EndpointOutline &ep = outline.endpoints.at(endpoint);
    return fits(yaml, ep.item) ? &ep : nullptr;
}

const RuleOutline *ruleAt(const QString &yaml, const SpecOutline &outline, int endpoint, int rule)
{
    const EndpointOutline *ep = endpointAt(yaml, outline, endpoint);
    if (!ep || rule < 0 || rule >= ep->rules.size())
        return nullptr;
    const RuleOutline &found = ep->rules.at(rule);
    return fits(yaml, found.item) ? &found : nullptr;
}

int firstKeyOffset(const TextLines &lines, const RuleOutline &rule)
{
    qsizetype key = -1;
    for (const TextRange &range : { rule.patternKey, rule.responseKey }) {
        if (range.isValid() && (key < 0 || range.start < key))
            key = range.start;
    }
    if (rule.flow || key < 0 || lines.breakBetween(rule.item.start, key))
        return -1;
    return int(key - rule.item.start);
}

namespace {

// What one block endpoint says of the file's indentation; each part nullopt when it says
// nothing of it.
struct StyleSeen
{
    std::optional<int> dashColumn;
    std::optional<int> websocketOffset;
    std::optional<int> mapOffset;
    std::optional<int> step;
    std::optional<int> ruleDashOffset;
    std::optional<int> ruleKeyOffset;
};

std::optional<int> websocketOffsetIn(const TextLines &lines, const EndpointOutline &ep)
{
    if (!ep.websocketKey.isValid() || lines.breakBetween(ep.item.start, ep.websocketKey.start))
        return std::nullopt;
    return lines.column(ep.websocketKey.start) - lines.column(ep.item.start);
}

std::optional<int> mapOffsetIn(const TextLines &lines, const EndpointOutline &ep)
{
    const int dashColumn = lines.column(ep.item.start);
    if (ep.keyIndent <= dashColumn)
        return std::nullopt;
    return ep.keyIndent - dashColumn;
}

// From on-connect's keys, else from the websocket map's.
std::optional<int> stepIn(const TextLines &lines, const EndpointOutline &ep)
{
    if (ep.onConnectIndent >= 0 && ep.onConnectKey.isValid()
        && ep.onConnectIndent > lines.column(ep.onConnectKey.start))
        return ep.onConnectIndent - lines.column(ep.onConnectKey.start);
    if (ep.websocketKey.isValid() && ep.keyIndent > lines.column(ep.websocketKey.start))
        return ep.keyIndent - lines.column(ep.websocketKey.start);
    return std::nullopt;
}

std::optional<int> ruleDashOffsetIn(const TextLines &lines, const EndpointOutline &ep)
{
    if (!ep.rulesBlock || ep.rules.isEmpty() || !ep.rules.first().item.isValid())
        return std::nullopt;
    return std::max(
        0, lines.column(ep.rules.first().item.start) - lines.column(ep.onMessageKey.start));
}

std::optional<int> ruleKeyOffsetIn(const TextLines &lines, const EndpointOutline &ep)
{
    if (!ep.rulesBlock)
        return std::nullopt;
    for (const RuleOutline &rule : ep.rules) {
        const int offset = firstKeyOffset(lines, rule);
        if (offset > 0)
            return offset;
    }
    return std::nullopt;
}

void learnFrom(const TextLines &lines, const EndpointOutline &ep, StyleSeen &seen)
{
    const auto learn = [](std::optional<int> &part, const std::optional<int> &found) {
        if (!part)
            part = found;
    };
    learn(seen.dashColumn, lines.column(ep.item.start));
    learn(seen.websocketOffset, websocketOffsetIn(lines, ep));
    learn(seen.mapOffset, mapOffsetIn(lines, ep));
    learn(seen.step, stepIn(lines, ep));
    learn(seen.ruleDashOffset, ruleDashOffsetIn(lines, ep));
    learn(seen.ruleKeyOffset, ruleKeyOffsetIn(lines, ep));
}

// What the file does not say follows from what it does, or from the defaults.
Style completed(const StyleSeen &seen)
{
    Style style;
    style.dashColumn = seen.dashColumn.value_or(style.dashColumn);
    style.websocketOffset = seen.websocketOffset.value_or(style.websocketOffset);
    style.mapOffset = seen.mapOffset.value_or(style.mapOffset);
    style.ruleKeyOffset = seen.ruleKeyOffset.value_or(style.ruleKeyOffset);
    if (style.websocketOffset < 1)
        style.websocketOffset = 2;
    if (seen.step)
        style.step = *seen.step;
    else
        style.step
            = style.mapOffset > style.websocketOffset ? style.mapOffset - style.websocketOffset : 2;
    if (style.mapOffset <= style.websocketOffset)
        style.mapOffset = style.websocketOffset + style.step;
    style.ruleDashOffset = seen.ruleDashOffset.value_or(style.step);
    return style;
}

} // namespace

Style styleOf(const TextLines &lines, const SpecOutline &outline, int preferred)
{
    QList<int> order;
    if (preferred >= 0 && preferred < outline.endpoints.size())
        order.append(preferred);
    for (int index = 0; index < outline.endpoints.size(); ++index) {
        if (index != preferred)
            order.append(index);
    }
    StyleSeen seen;
    for (int index : std::as_const(order)) {
        const EndpointOutline &ep = outline.endpoints.at(index);
        if (fits(lines.text(), ep.item) && !ep.flow && lines.startsLine(ep.item.start))
            learnFrom(lines, ep, seen);
    }
    return completed(seen);
}

TextRange blockOf(const TextLines &lines, const TextRange &item, const TextRange &comments)
{
    if (!item.isValid() || !lines.startsLine(item.start))
        return {};
    return { comments.isValid() ? comments.start : lines.lineStart(item.start), item.end };
}

QList<TextRange> itemBlocks(const TextLines &lines, const SpecOutline &outline)
{
    QList<TextRange> blocks;
    for (const ItemOutline &item : outline.items)
        blocks.append(blockOf(lines, item.item, item.comments));
    return blocks;
}

QList<TextRange> ruleBlocks(const TextLines &lines, const EndpointOutline &ep)
{
    QList<TextRange> blocks;
    for (const RuleOutline &rule : ep.rules)
        blocks.append(blockOf(lines, rule.item, rule.comments));
    return blocks;
}

namespace {

bool blankLineBetween(const TextLines &lines, qsizetype from, qsizetype to)
{
    for (qsizetype line = lines.lineStart(from); line < to && line < lines.size();
         line = lines.nextLine(line)) {
        if (line >= from && lines.isBlank(line))
            return true;
    }
    return false;
}

// Swaps two blocks (whole lines), leaving what lies between them in place.
TextEdit swapBlocks(const TextLines &lines, TextRange first, TextRange second, const QString &eol)
{
    if (!first.isValid() || !second.isValid())
        return {};
    if (second.start < first.start)
        std::swap(first, second);
    if (first.end > second.start)
        return {};
    const QString &text = lines.text();
    QString firstText = text.mid(first.start, first.length());
    QString secondText = text.mid(second.start, second.length());
    const QString middle = text.mid(first.end, second.start - first.end);
    if (!secondText.endsWith(QLatin1Char('\n'))) {
        // The last block had no final line break: neither does the new last one.
        secondText += eol;
        if (firstText.endsWith(eol))
            firstText.chop(eol.size());
    }
    return { first.start, second.end, secondText + middle + firstText };
}

} // namespace

bool blankSeparated(const TextLines &lines, const QList<TextRange> &blocks, bool fallback)
{
    bool seen = false;
    for (qsizetype index = 1; index < blocks.size(); ++index) {
        if (!blocks.at(index - 1).isValid() || !blocks.at(index).isValid())
            continue;
        if (blankLineBetween(lines, blocks.at(index - 1).end, blocks.at(index).start))
            return true;
        seen = true;
    }
    return seen ? false : fallback;
}

bool endsWithBlankLine(const TextLines &lines)
{
    if (lines.size() == 0 || lines.at(lines.size() - 1) != u'\n')
        return false;
    return lines.isBlank(lines.lineStart(lines.size() - 1));
}

TextEdit insertLines(const TextLines &lines, qsizetype at, const QString &text, const QString &eol)
{
    const qsizetype size = lines.size();
    if (at >= size && size > 0 && lines.at(size - 1) != u'\n')
        return { size, size, eol + text };
    return { at, at, text };
}

TextEdit removeBlock(const TextLines &lines, const QList<TextRange> &blocks, int index)
{
    const TextRange block = blocks.at(index);
    if (!block.isValid())
        return {};
    const bool hasPrevious = index > 0;
    const bool hasNext = index + 1 < blocks.size();
    qsizetype start = block.start;
    qsizetype end = block.end;
    qsizetype after = end;
    while (after < lines.size() && lines.isBlank(after))
        after = lines.nextLine(after);
    qsizetype before = start;
    while (before > lines.contentStart() && lines.isBlank(lines.lineStart(before - 1)))
        before = lines.lineStart(before - 1);
    if (hasNext && after > end && (before < start || !hasPrevious))
        end = after;
    else if (!hasNext && hasPrevious && before < start && (after > end || after >= lines.size()))
        start = before;
    return { start, end, QString() };
}

TextEdit moveIn(const TextLines &lines, const QList<TextRange> &blocks, int from, int to)
{
    if (from < 0 || to < 0 || from >= blocks.size() || to >= blocks.size() || from == to)
        return {};
    return swapBlocks(lines, blocks.at(from), blocks.at(to), eolOf(lines.text()));
}

TextEdit appendItem(const TextLines &lines, const SpecOutline &outline, const QString &item)
{
    const QString eol = eolOf(lines.text());
    QString prefix;
    if (lines.size() > 0 && lines.text().back() != u'\n')
        prefix = eol;
    if (!outline.items.isEmpty() && blankSeparated(lines, itemBlocks(lines, outline), true)
        && !endsWithBlankLine(lines))
        prefix += eol;
    return { lines.size(), lines.size(), prefix + item };
}

} // namespace Outline
