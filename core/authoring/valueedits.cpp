#include "valueedits.h"
#include "yamlwriter.h"

#include <QStringList>

#include <algorithm>

namespace Outline {

namespace {

// The edit replacing [start, end) with replacement, or a null edit when the text says that.
TextEdit changeOf(const QString &yaml, qsizetype start, qsizetype end, const QString &replacement)
{
    if (yaml.mid(start, end - start) == replacement)
        return {};
    return { start, end, replacement };
}

// A block scalar ("|", ">") given a multi-line value stays a literal block at its indentation;
// nullopt when the value cannot be said as one.
std::optional<TextEdit> literalBlockEdit(const Scanner &scanner, const TextRange &key,
                                         const TextRange &range, const QString &value)
{
    const TextLines &lines = scanner.lines();
    const QString &yaml = lines.text();
    int indent = lines.column(key.start) + 2;
    for (qsizetype line = lines.nextLine(range.start); line < range.end;
         line = lines.nextLine(line)) {
        if (!lines.isBlank(line)) {
            indent = lines.indent(line);
            break;
        }
    }
    QString block = literalBlock(value, indent, eolOf(yaml));
    if (block.isEmpty())
        return std::nullopt;
    // At the very end of the text, "|" needs a line break after it to keep the last one.
    const bool keepsFinalBreak
        = block.startsWith(QLatin1String("|\n")) || block.startsWith(QLatin1String("|\r\n"));
    if (keepsFinalBreak && range.end >= yaml.size())
        block += eolOf(yaml);
    return changeOf(yaml, range.start, range.end, block);
}

bool isBlockScalar(const QString &valueText)
{
    return valueText.startsWith(QLatin1Char('|')) || valueText.startsWith(QLatin1Char('>'));
}

// The comment after a value (or after the colon when the value starts on a line of its own),
// as it goes after the new value ("  # ..."); end moves past it.
QString movedComment(const TextLines &lines, qsizetype colon, const TextRange &range, bool ownLine,
                     qsizetype *end)
{
    const QString &yaml = lines.text();
    QString tail;
    if (ownLine) {
        *end = std::max(*end, lines.lineEnd(colon));
        tail = yaml.mid(colon, lines.lineEnd(colon) - colon).trimmed();
    } else {
        tail = yaml.mid(range.end, lines.lineEnd(range.end) - range.end).trimmed();
        if (tail.startsWith(QLatin1Char('#')))
            *end = lines.lineEnd(range.end);
    }
    return tail.startsWith(QLatin1Char('#')) ? QLatin1String("  ") + tail : QString();
}

// The keys just before and just after one, in text order.
struct Neighbours
{
    std::optional<qsizetype> previousEnd;
    std::optional<qsizetype> nextStart;
};

Neighbours neighboursOf(const QList<KeyOutline> &keys, const KeyOutline &key)
{
    QList<KeyOutline> sorted = keys;
    std::sort(sorted.begin(), sorted.end(), [](const KeyOutline &left, const KeyOutline &right) {
        return left.key.start < right.key.start;
    });
    qsizetype index = 0;
    while (index < sorted.size() && sorted.at(index).key.start != key.key.start)
        ++index;
    Neighbours around;
    if (index > 0)
        around.previousEnd = keyEnd(sorted.at(index - 1));
    if (index + 1 < sorted.size())
        around.nextStart = sorted.at(index + 1).key.start;
    return around;
}

std::optional<TextEdit> keyRemoval(const Scanner &scanner, const MapTarget &target,
                                   const KeyOutline &key)
{
    const Neighbours around = neighboursOf(target.keys, key);
    if (target.flow) {
        if (around.previousEnd)
            return TextEdit { *around.previousEnd, keyEnd(key), QString() };
        if (around.nextStart)
            return TextEdit { key.key.start, *around.nextStart, QString() };
        return TextEdit { key.key.start, keyEnd(key), QString() };
    }
    const TextLines &lines = scanner.lines();
    if (lines.startsLine(key.key.start)) {
        const int column = lines.column(key.key.start);
        const TextRange above = scanner.commentsAbove(key.key.start, column);
        const qsizetype start = above.isValid() ? above.start : lines.lineStart(key.key.start);
        return TextEdit { start, scanner.extendItem(keyEnd(key), column), QString() };
    }
    // The first key of a list item ("- delay: 1s"): the next key moves up to the "-".
    if (around.nextStart)
        return TextEdit { key.key.start, *around.nextStart, QString() };
    return std::nullopt;
}

TextEdit flowValueReplacement(const QString &yaml, const TextRange &range, qsizetype colon,
                              const YamlValue &value)
{
    const QString text = flowText(value);
    if (range.length() == 0)
        return { colon, colon, QLatin1Char(' ') + text };
    return changeOf(yaml, range.start, range.end, text);
}

QString rendered(const YamlValue &value, int column, const QString &eol, const Style &style)
{
    return SpecEdits::render(value, column, eol, style.ruleDashOffset, style.ruleKeyOffset,
                             style.step);
}

TextEdit blockValueReplacement(const Scanner &scanner, const KeyOutline &key, qsizetype colon,
                               const YamlValue &value, const Style &style)
{
    const TextLines &lines = scanner.lines();
    const QString &yaml = lines.text();
    const QString eol = eolOf(yaml);
    const TextRange range = key.range;
    const QString text = rendered(value, lines.column(key.key.start), eol, style);
    const bool inlineValue = !text.startsWith(eol);
    const bool ownLine = range.length() == 0 || lines.breakBetween(colon, range.start);
    if (inlineValue && !ownLine)
        return changeOf(yaml, range.start, range.end, text.mid(1));
    qsizetype end = std::max(range.end, colon);
    const QString comment = movedComment(lines, colon, range, ownLine, &end);
    return changeOf(yaml, colon, end, inlineValue ? text + comment : comment + text);
}

std::optional<TextEdit> keyReplacement(const Scanner &scanner, const MapTarget &target,
                                       const KeyOutline &key, const YamlValue &value,
                                       const Style &style)
{
    // It already reads as that value (in whatever style): nothing to change.
    if (key.value == value)
        return TextEdit {};
    const QString &yaml = scanner.lines().text();
    if (value.isScalar() && !value.plain)
        return scalarEdit(yaml, key.key, key.range, value.text, target.flow);
    const qsizetype colon = scanner.colonAfterKey(key.key.start, target.flow);
    if (colon < 0 || !key.range.isValid())
        return std::nullopt;
    if (target.flow)
        return flowValueReplacement(yaml, key.range, colon, value);
    return blockValueReplacement(scanner, key, colon, value, style);
}

std::optional<TextEdit> keyAddition(const TextLines &lines, const MapTarget &target,
                                    const QString &name, const YamlValue &value, const Style &style)
{
    const qsizetype size = lines.size();
    if (target.flow) {
        const qsizetype last = lastKeyEnd(target.keys);
        if (last < 0 || last > size)
            return std::nullopt;
        return TextEdit { last, last,
                          QLatin1String(", ") + SpecEdits::quoted(name, true) + QLatin1String(": ")
                              + flowText(value) };
    }
    if (target.keyIndent < 0 || target.insertAt < 0 || target.insertAt > size)
        return std::nullopt;
    const QString eol = eolOf(lines.text());
    const QString line = spaces(target.keyIndent) + SpecEdits::quoted(name) + QLatin1Char(':')
        + rendered(value, target.keyIndent, eol, style) + eol;
    return insertLines(lines, target.insertAt, line, eol);
}

// nullopt: impossible; a null edit: nothing to change.
std::optional<TextEdit> keyEdit(const QString &yaml, const MapTarget &target, const QString &name,
                                const YamlValue &value, const Style &style)
{
    const Scanner scanner(yaml);
    const KeyOutline *key = findKey(target.keys, name);
    if (key && (!fits(yaml, key->key) || (key->range.isValid() && !fits(yaml, key->range))))
        return std::nullopt;
    if (value.isNull())
        return key ? keyRemoval(scanner, target, *key) : TextEdit {};
    if (key)
        return keyReplacement(scanner, target, *key, value, style);
    return keyAddition(scanner.lines(), target, name, value, style);
}

// Edits of one text, none overlapping, as one: what lies between them is kept.
std::optional<TextEdit> merged(const QString &yaml, QList<TextEdit> edits)
{
    edits.erase(std::remove_if(edits.begin(), edits.end(),
                               [](const TextEdit &edit) { return edit.isNull(); }),
                edits.end());
    if (edits.isEmpty())
        return TextEdit {};
    std::stable_sort(edits.begin(), edits.end(), [](const TextEdit &left, const TextEdit &right) {
        return left.start < right.start;
    });
    TextEdit out { edits.first().start, edits.first().start, QString() };
    for (const TextEdit &edit : std::as_const(edits)) {
        if (edit.start < out.end || edit.end < edit.start || edit.end > yaml.size())
            return std::nullopt;
        out.replacement += yaml.mid(out.end, edit.start - out.end) + edit.replacement;
        out.end = edit.end;
    }
    return out;
}

bool allKeysGo(const QList<KeyOutline> &keys, const SpecEdits::KeyValues &values)
{
    return std::all_of(keys.cbegin(), keys.cend(), [&values](const KeyOutline &key) {
        const auto given = std::find_if(values.cbegin(), values.cend(), [&key](const auto &entry) {
            return entry.first == key.name;
        });
        return given != values.cend() && given->second.isNull();
    });
}

// A flow map whose keys all go while others come: the new keys replace the old ones
// (removing the only key and appending ", key: value" after it would leave "{, key").
// nullopt when that is not the case; a null edit when it cannot be done.
std::optional<TextEdit> flowKeysReplaced(const QString &yaml, const MapTarget &target,
                                         const SpecEdits::KeyValues &values)
{
    if (!target.flow || target.keys.isEmpty() || !allKeysGo(target.keys, values))
        return std::nullopt;
    QStringList added;
    for (const auto &[name, value] : values) {
        if (!value.isNull())
            added.append(SpecEdits::quoted(name, true) + QLatin1String(": ") + flowText(value));
    }
    if (added.isEmpty())
        return std::nullopt;
    qsizetype first = -1;
    for (const KeyOutline &key : target.keys) {
        if (!fits(yaml, key.key))
            return TextEdit {};
        first = first < 0 ? key.key.start : std::min(first, key.key.start);
    }
    const qsizetype last = lastKeyEnd(target.keys);
    if (first < 0 || last < first || last > yaml.size())
        return TextEdit {};
    return TextEdit { first, last, added.join(QLatin1String(", ")) };
}

} // namespace

TextEdit scalarEdit(const QString &yaml, const TextRange &key, const TextRange &range,
                    const QString &value, bool flow)
{
    if (!fits(yaml, key) || !fits(yaml, range))
        return {};
    const Scanner scanner(yaml);
    const TextLines &lines = scanner.lines();
    const QString old = yaml.mid(range.start, range.length());
    if (!flow && isBlockScalar(old) && value.contains(QLatin1Char('\n'))) {
        if (const auto edit = literalBlockEdit(scanner, key, range, value))
            return *edit;
    }
    const QString text = SpecEdits::quoted(value, flow);
    const qsizetype colon = scanner.colonAfterKey(key.start, flow);
    if (!flow && colon >= 0 && lines.breakBetween(colon, range.start)) {
        // The value starts on a line of its own (a block map or list, say): the new scalar goes
        // right after the colon, before a comment on the key's line.
        const QString tail = yaml.mid(colon, lines.lineEnd(colon) - colon).trimmed();
        QString replacement = QLatin1Char(' ') + text;
        if (tail.startsWith(QLatin1Char('#')))
            replacement += QLatin1String("  ") + tail;
        return { colon, range.end, replacement };
    }
    if (range.length() == 0) // "key:" without a value
        return { range.start, range.end, QLatin1Char(' ') + text };
    return changeOf(yaml, range.start, range.end, text);
}

qsizetype keyEnd(const KeyOutline &key)
{
    return key.range.isValid() ? std::max(key.range.end, key.key.end) : key.key.end;
}

qsizetype lastKeyEnd(const QList<KeyOutline> &keys)
{
    qsizetype last = -1;
    for (const KeyOutline &key : keys)
        last = std::max(last, keyEnd(key));
    return last;
}

TextEdit keysEdit(const QString &yaml, const MapTarget &target, const SpecEdits::KeyValues &values,
                  const Style &style)
{
    if (const auto replaced = flowKeysReplaced(yaml, target, values))
        return *replaced;
    QList<TextEdit> edits;
    for (const auto &[name, value] : values) {
        const std::optional<TextEdit> edit = keyEdit(yaml, target, name, value, style);
        if (!edit)
            return {};
        edits.append(*edit);
    }
    return merged(yaml, edits).value_or(TextEdit {});
}

} // namespace Outline
