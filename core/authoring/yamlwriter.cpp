#include "yamlwriter.h"
#include "outlinescanner.h"

#include <QRegularExpression>
#include <QStringList>

#include <algorithm>

namespace Outline {

QString eolOf(const QString &yaml)
{
    return yaml.contains(QLatin1String("\r\n")) ? QStringLiteral("\r\n") : QStringLiteral("\n");
}

QString spaces(int count)
{
    return QString(std::max(count, 0), QLatin1Char(' '));
}

bool needsEscape(char16_t unit)
{
    return unit < 0x20 || unit == 0x7f || (unit >= 0x80 && unit <= 0x9f) || unit == 0x2028
        || unit == 0x2029 || unit == 0xfeff || unit == 0xfffe || unit == 0xffff;
}

namespace {

QString escaped(QChar character)
{
    const char16_t unit = character.unicode();
    switch (unit) {
    case u'\\':
        return QStringLiteral("\\\\");
    case u'"':
        return QStringLiteral("\\\"");
    case u'\n':
        return QStringLiteral("\\n");
    case u'\t':
        return QStringLiteral("\\t");
    case u'\r':
        return QStringLiteral("\\r");
    case u'\0':
        return QStringLiteral("\\0");
    default:
        break;
    }
    if (!needsEscape(unit))
        return QString(character);
    const bool small = unit < 0x100;
    return (small ? QLatin1String("\\x") : QLatin1String("\\u"))
        + QString::number(unit, 16).toUpper().rightJustified(small ? 2 : 4, u'0');
}

QString doubleQuoted(const QString &value)
{
    QString out = QStringLiteral("\"");
    for (const QChar character : value)
        out += escaped(character);
    return out + QLatin1Char('"');
}

// Words and numbers that YAML (1.1 or 1.2) reads as something other than text.
bool readsAsNonText(const QString &value)
{
    static const QRegularExpression notText(QStringLiteral(
        "^(~|null|Null|NULL|true|True|TRUE|false|False|FALSE|yes|Yes|YES|no|No|NO|on|On|ON"
        "|off|Off|OFF|y|Y|n|N|<<|=)$"
        "|^[-+]?(\\.[0-9]+|[0-9][0-9_]*(\\.[0-9_]*)?)([eE][-+]?[0-9]+)?$"
        "|^0x[0-9a-fA-F_]+$|^0o?[0-7_]+$|^0b[01_]+$"
        "|^[-+]?\\.(inf|Inf|INF)$|^\\.(nan|NaN|NAN)$"
        "|^[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+(\\.[0-9_]*)?$"
        "|^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}"));
    return notText.match(value).hasMatch();
}

bool plainSafe(const QString &value, bool flow)
{
    if (value.isEmpty())
        return false;
    static const QString indicators = QStringLiteral("-?:,[]{}#&*!|>'\"%@`");
    const QChar first = value.front();
    if (indicators.contains(first) || first.isSpace() || value.back().isSpace())
        return false;
    if (value.contains(QLatin1String(": ")) || value.endsWith(QLatin1Char(':'))
        || value.contains(QLatin1String(" #")) || value.startsWith(QLatin1String("...")))
        return false;
    for (const QChar character : value) {
        // Brackets are fine in block context, but quoting them keeps "{{...}}" templates
        // and JSON-looking text obviously text.
        if ((character.isSpace() && character != u' ')
            || (character != u',' && isFlowIndicator(character))
            || (flow && (character == u',' || character == u':' || character == u'?')))
            return false;
    }
    return !readsAsNonText(value);
}

// Written as is only when YAML reads it back as exactly that text.
bool verbatimSafe(const QString &text, bool flow)
{
    if (text.isEmpty() || text.front().isSpace() || text.back().isSpace()
        || text.endsWith(QLatin1Char(':')) || text.contains(QLatin1String(": "))
        || text.contains(QLatin1String(" #")))
        return false;
    static const QString indicators = QStringLiteral("?:,[]{}#&*!|>'\"%@`");
    if (indicators.contains(text.front())
        || (text.front() == u'-' && (text.size() < 2 || !text.at(1).isDigit())))
        return false;
    return std::none_of(text.cbegin(), text.cend(), [flow](QChar character) {
        return needsEscape(character.unicode()) || (flow && isFlowIndicator(character));
    });
}

// Whether the lines of a literal block say them exactly: no line of blanks only (ambiguous
// with indentation), the first line with content not starting with a space, some content.
bool literalLinesFit(const QStringList &lines)
{
    bool content = false;
    for (const QString &line : lines) {
        if (line.trimmed().isEmpty() && !line.isEmpty())
            return false;
        if (line.isEmpty())
            continue;
        if (!content && line.front() == u' ')
            return false;
        content = true;
    }
    return content;
}

// How render() lays out block collections.
struct BlockLayout
{
    QString eol;
    int listOffset; // a list's "-" after its key
    int itemKeyOffset; // a list item's first key after its "-"
    int step; // a nested map's keys after its key
};

QString inlineText(const YamlValue &value)
{
    return value.isScalar() ? scalarText(value, false) : flowText(value);
}

QString entryText(const QString &key, const YamlValue &value, int column, const BlockLayout &layout)
{
    return SpecEdits::quoted(key) + QLatin1Char(':')
        + SpecEdits::render(value, column, layout.eol, layout.listOffset, layout.itemKeyOffset,
                            layout.step);
}

QString blockMapLines(const YamlValue &map, int column, const BlockLayout &layout)
{
    QString out;
    for (qsizetype index = 0; index < map.keys.size() && index < map.items.size(); ++index)
        out += layout.eol + spaces(column)
            + entryText(map.keys.at(index), map.items.at(index), column, layout);
    return out;
}

// A map item of a block list, after its "-": the first key on the dash's line.
QString listItemMap(const YamlValue &item, int dash, const BlockLayout &layout)
{
    const int column = dash + std::max(layout.itemKeyOffset, 1);
    QString out = spaces(column - dash - 1);
    for (qsizetype index = 0; index < item.keys.size() && index < item.items.size(); ++index)
        out += (index ? layout.eol + spaces(column) : QString())
            + entryText(item.keys.at(index), item.items.at(index), column, layout);
    return out;
}

QString blockListLines(const YamlValue &list, int dash, const BlockLayout &layout)
{
    QString out;
    for (const YamlValue &item : list.items) {
        out += layout.eol + spaces(dash) + QLatin1Char('-');
        if (item.isMap() && !item.flow && !item.keys.isEmpty())
            out += listItemMap(item, dash, layout);
        else
            out += QLatin1Char(' ') + inlineText(item);
    }
    return out;
}

} // namespace

QString literalBlock(const QString &value, int indent, const QString &eol)
{
    QString body = value;
    QString header = QStringLiteral("|-");
    if (body.endsWith(QLatin1Char('\n'))) {
        body.chop(1);
        header = QStringLiteral("|");
        if (body.endsWith(QLatin1Char('\n')) || body.isEmpty())
            return QString(); // trailing empty lines
    }
    const bool controlCharacters = std::any_of(body.cbegin(), body.cend(), [](QChar character) {
        return character != u'\n' && character != u'\t' && needsEscape(character.unicode());
    });
    const QStringList lines = body.split(QLatin1Char('\n'));
    if (controlCharacters || !literalLinesFit(lines))
        return QString();
    QString out = header;
    for (const QString &line : lines)
        out += eol + (line.isEmpty() ? QString() : spaces(indent) + line);
    return out;
}

QString scalarText(const YamlValue &value, bool flow)
{
    if (value.plain && verbatimSafe(value.text, flow))
        return value.text;
    return SpecEdits::quoted(value.text, flow);
}

QString flowText(const YamlValue &value)
{
    QStringList parts;
    switch (value.kind) {
    case YamlValue::Kind::None:
        return QStringLiteral("null");
    case YamlValue::Kind::Scalar:
        return scalarText(value, true);
    case YamlValue::Kind::List:
        for (const YamlValue &item : value.items)
            parts.append(flowText(item));
        return QLatin1Char('[') + parts.join(QLatin1String(", ")) + QLatin1Char(']');
    case YamlValue::Kind::Map:
        for (qsizetype index = 0; index < value.keys.size() && index < value.items.size(); ++index)
            parts.append(SpecEdits::quoted(value.keys.at(index), true) + QLatin1String(": ")
                         + flowText(value.items.at(index)));
        return QLatin1Char('{') + parts.join(QLatin1String(", ")) + QLatin1Char('}');
    }
    return QString();
}

} // namespace Outline

namespace SpecEdits {

QString quoted(const QString &value, bool flowContext)
{
    using namespace Outline;
    const bool escapes = std::any_of(value.cbegin(), value.cend(), [](QChar character) {
        return needsEscape(character.unicode());
    });
    if (escapes)
        return doubleQuoted(value);
    if (plainSafe(value, flowContext))
        return value;
    QString inner = value;
    inner.replace(QLatin1Char('\''), QLatin1String("''"));
    return QLatin1Char('\'') + inner + QLatin1Char('\'');
}

QString render(const YamlValue &value, int keyColumn, const QString &eol, int listOffset,
               int itemKeyOffset, int step)
{
    using namespace Outline;
    const bool block = !value.flow
        && ((value.isList() && !value.items.isEmpty()) || (value.isMap() && !value.keys.isEmpty()));
    if (!block)
        return QLatin1Char(' ') + inlineText(value);
    const BlockLayout layout { eol, listOffset, itemKeyOffset, step };
    if (value.isMap())
        return blockMapLines(value, keyColumn + step, layout);
    return blockListLines(value, keyColumn + std::max(listOffset, 0), layout);
}

} // namespace SpecEdits
