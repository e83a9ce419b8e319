#include "yamlhighlighter.h"

#include <QGuiApplication>
#include <QPalette>
#include <QRegularExpression>
#include <QSet>

namespace {

const QSet<QString> &mocketKeys()
{
    static const QSet<QString> keys {
        QStringLiteral("websocket"),
        QStringLiteral("path"),
        QStringLiteral("on-connect"),
        QStringLiteral("on-message"),
        QStringLiteral("pattern"),
        QStringLiteral("response"),
        QStringLiteral("endpoint"),
        // Beyond the spec
        QStringLiteral("delay"),
        QStringLiteral("frames"),
        QStringLiteral("streams"),
        QStringLiteral("every"),
        QStringLiteral("to"),
        QStringLiteral("mode"),
        QStringLiteral("close"),
        QStringLiteral("binary"),
        QStringLiteral("subprotocols"),
    };
    return keys;
}

// One past the closing quote of the string opening at `from`, or the line's end when
// it is not closed on this line. '' escapes a single quote, \ escapes in double quotes.
int quotedEnd(const QString &text, int from)
{
    const QChar quote = text.at(from);
    const int size = int(text.size());
    int pos = from + 1;
    while (pos < size) {
        const QChar character = text.at(pos);
        if (quote == QLatin1Char('"') && character == QLatin1Char('\\')) {
            pos += 2;
            continue;
        }
        if (character == quote) {
            if (quote == QLatin1Char('\'') && pos + 1 < size && text.at(pos + 1) == quote) {
                pos += 2;
                continue;
            }
            return pos + 1;
        }
        ++pos;
    }
    return size;
}

bool isCommentStart(const QString &text, int pos)
{
    return text.at(pos) == QLatin1Char('#') && (pos == 0 || text.at(pos - 1).isSpace());
}

bool isPlaceholderStart(const QString &text, int pos)
{
    return text.at(pos) == QLatin1Char('{') && pos + 1 < text.size()
        && text.at(pos + 1) == QLatin1Char('{');
}

bool isDocumentMarker(const QString &text)
{
    return (text.startsWith(QLatin1String("---")) || text.startsWith(QLatin1String("...")))
        && (text.size() == 3 || text.at(3).isSpace());
}

// Where a key starting at `from` ends, and its colon; both -1 when no key starts there.
// A key is plain or quoted, and its colon is followed by a blank or the line's end.
struct KeySpan
{
    int end = -1;
    int colon = -1;
};

KeySpan findKey(const QString &text, int from)
{
    const int size = int(text.size());
    KeySpan key;
    const QChar first = text.at(from);
    if (first == QLatin1Char('"') || first == QLatin1Char('\'')) {
        key.end = quotedEnd(text, from);
        key.colon = key.end;
        while (key.colon < size && text.at(key.colon) == QLatin1Char(' '))
            ++key.colon;
    } else {
        static const QRegularExpression plainKey(
            QStringLiteral("[^\\s'\"\\[\\]{}#&*!|>%@`,][^#]*?(?=:(\\s|$))"));
        const QRegularExpressionMatch match
            = plainKey.match(text, from, QRegularExpression::NormalMatch,
                             QRegularExpression::AnchorAtOffsetMatchOption);
        if (match.hasMatch()) {
            key.end = int(match.capturedEnd());
            key.colon = key.end;
        }
    }
    if (key.colon < 0 || key.colon >= size || text.at(key.colon) != QLatin1Char(':')
        || (key.colon + 1 < size && !text.at(key.colon + 1).isSpace()))
        return {};
    return key;
}

// A key's name without its quotes.
QString keyName(const QString &text, int from, int to)
{
    QString name = text.mid(from, to - from).trimmed();
    if (name.size() >= 2
        && (name.startsWith(QLatin1Char('"')) || name.startsWith(QLatin1Char('\''))))
        name = name.mid(1, name.size() - 2);
    return name;
}

// One past a plain scalar starting at `from`: it runs to a comment, or in a flow collection
// to its punctuation; a closed {{ ... }} inside it belongs to it whatever it holds.
int plainScalarEnd(const QString &text, int from, bool inFlow)
{
    const int size = int(text.size());
    int pos = from;
    while (pos < size) {
        const QChar character = text.at(pos);
        if (pos > from && isCommentStart(text, pos))
            break;
        if (isPlaceholderStart(text, pos)) {
            const int close = int(text.indexOf(QLatin1String("}}"), pos + 2));
            if (close >= 0) {
                pos = close + 2;
                continue;
            }
        }
        if (inFlow
            && (character == QLatin1Char(',') || character == QLatin1Char(']')
                || character == QLatin1Char('}')))
            break;
        ++pos;
    }
    return pos;
}

// Follows [ { } ] , of flow collections in *flowDepth; false when the character at `pos` is
// none of them (a "{{" opens a placeholder, not a collection).
bool followFlowPunctuation(const QString &text, int pos, int *flowDepth)
{
    const QChar character = text.at(pos);
    if ((character == QLatin1Char('[') || character == QLatin1Char('{'))
        && !isPlaceholderStart(text, pos)) {
        ++*flowDepth;
        return true;
    }
    if (*flowDepth == 0)
        return false;
    if (character == QLatin1Char(']') || character == QLatin1Char('}')) {
        --*flowDepth;
        return true;
    }
    return character == QLatin1Char(',');
}

QTextCharFormat makeFormat(const QColor &foreground, bool bold = false, bool italic = false)
{
    QTextCharFormat format;
    format.setForeground(foreground);
    if (bold)
        format.setFontWeight(QFont::Bold);
    if (italic)
        format.setFontItalic(true);
    return format;
}

} // namespace

YamlHighlighter::YamlHighlighter(QTextDocument *parent) : QSyntaxHighlighter(parent)
{
    setPalette(QGuiApplication::palette());
}

void YamlHighlighter::setPalette(const QPalette &palette)
{
    // Fixed hues tuned for contrast against the palette's Base, light or dark.
    const bool dark = palette.color(QPalette::Base).lightness() < 128;
    auto set = [this](Role role, const QTextCharFormat &format) {
        m_formats[static_cast<size_t>(role)] = format;
    };
    const QColor key = dark ? QColor(0x79, 0xc0, 0xff) : QColor(0x05, 0x50, 0xae);
    set(Role::Comment,
        makeFormat(dark ? QColor(0x8b, 0x94, 0x9e) : QColor(0x6e, 0x77, 0x81), false, true));
    set(Role::Key, makeFormat(key));
    set(Role::MocketKey, makeFormat(key, true));
    set(Role::String, makeFormat(dark ? QColor(0x7e, 0xe7, 0x87) : QColor(0x11, 0x63, 0x29)));
    QTextCharFormat placeholder
        = makeFormat(dark ? QColor(0xd2, 0xa8, 0xff) : QColor(0x82, 0x50, 0xdf));
    placeholder.setBackground(dark ? QColor(0x3a, 0x2d, 0x52) : QColor(0xf3, 0xec, 0xff));
    set(Role::Placeholder, placeholder);
    set(Role::Dash, makeFormat(dark ? QColor(0xff, 0xa6, 0x57) : QColor(0x95, 0x38, 0x00), true));
    set(Role::Scalar, makeFormat(dark ? QColor(0x56, 0xd4, 0xdd) : QColor(0x0e, 0x74, 0x90)));
    set(Role::Anchor,
        makeFormat(dark ? QColor(0xff, 0xa6, 0x57) : QColor(0x95, 0x38, 0x00), false, true));
    set(Role::DocumentMarker,
        makeFormat(dark ? QColor(0x8b, 0x94, 0x9e) : QColor(0x6e, 0x77, 0x81), true));
    rehighlight();
}

QTextCharFormat YamlHighlighter::format(Role role) const
{
    return m_formats[static_cast<size_t>(role)];
}

void YamlHighlighter::apply(int from, int to, Role role)
{
    if (to > from)
        setFormat(from, to - from, m_formats[static_cast<size_t>(role)]);
}

void YamlHighlighter::highlightBlock(const QString &text)
{
    const int size = int(text.size());
    int indent = 0;
    while (indent < size && text.at(indent) == QLatin1Char(' '))
        ++indent;
    if (continueBlockScalar(text, indent))
        return;
    setCurrentBlockState(-1);
    if (indent == size)
        return;
    if (isDocumentMarker(text)) {
        apply(0, 3, Role::DocumentMarker);
        highlightValue(text, 3, -1);
        return;
    }
    int parentIndent = indent;
    int pos = highlightDashes(text, indent, &parentIndent);
    if (pos == size)
        return;
    pos = highlightKey(text, pos, &parentIndent);
    highlightValue(text, pos, parentIndent);
}

// Inside a block scalar every line indented deeper than its key, or blank, is text.
bool YamlHighlighter::continueBlockScalar(const QString &text, int indent)
{
    const int size = int(text.size());
    const int blockScalarParent = previousBlockState();
    if (blockScalarParent < 0 || (indent < size && indent <= blockScalarParent))
        return false;
    apply(indent, size, Role::String);
    highlightPlaceholders(text, indent, size);
    setCurrentBlockState(blockScalarParent);
    return true;
}

// The "- " of list items, nested ones too ("- - a"); returns where the item's content starts.
int YamlHighlighter::highlightDashes(const QString &text, int from, int *parentIndent)
{
    const int size = int(text.size());
    int pos = from;
    while (pos < size && text.at(pos) == QLatin1Char('-')
           && (pos + 1 == size || text.at(pos + 1) == QLatin1Char(' '))) {
        apply(pos, pos + 1, Role::Dash);
        *parentIndent = pos;
        ++pos;
        while (pos < size && text.at(pos) == QLatin1Char(' '))
            ++pos;
    }
    return pos;
}

// key: at the line's start or after "- ", Mocket's own in bold; returns where its value
// starts, `from` itself when there is no key.
int YamlHighlighter::highlightKey(const QString &text, int from, int *parentIndent)
{
    const KeySpan key = findKey(text, from);
    if (key.colon < 0)
        return from;
    apply(from, key.end,
          mocketKeys().contains(keyName(text, from, key.end)) ? Role::MocketKey : Role::Key);
    *parentIndent = from;
    return key.colon + 1;
}

// Colours what follows a key or a dash: strings, flow punctuation, plain scalars, comments.
void YamlHighlighter::highlightValue(const QString &text, int from, int parentIndent)
{
    const int size = int(text.size());
    int flowDepth = 0;
    int pos = from;
    while (pos < size) {
        const QChar character = text.at(pos);
        if (character.isSpace() || followFlowPunctuation(text, pos, &flowDepth)) {
            ++pos;
        } else if (isCommentStart(text, pos)) {
            apply(pos, size, Role::Comment);
            return;
        } else if (character == QLatin1Char('"') || character == QLatin1Char('\'')) {
            const int end = quotedEnd(text, pos);
            apply(pos, end, Role::String);
            highlightPlaceholders(text, pos, end);
            pos = end;
        } else if (character == QLatin1Char('&') || character == QLatin1Char('*')
                   || character == QLatin1Char('!')) {
            pos = highlightAnchor(text, pos);
        } else {
            pos = highlightPlainScalar(text, pos, flowDepth > 0, parentIndent);
        }
    }
}

// &anchor, *alias or !tag, up to the next blank; returns its end.
int YamlHighlighter::highlightAnchor(const QString &text, int from)
{
    int end = from + 1;
    while (end < text.size() && !text.at(end).isSpace())
        ++end;
    apply(from, end, Role::Anchor);
    return end;
}

// A number, boolean or null, or the | or > opening a block scalar (which the next lines
// continue); returns where the scalar ends.
int YamlHighlighter::highlightPlainScalar(const QString &text, int from, bool inFlow,
                                          int parentIndent)
{
    static const QRegularExpression scalar(QStringLiteral(
        "^(true|True|TRUE|false|False|FALSE|yes|Yes|YES|no|No|NO|on|On|ON|off|Off|OFF"
        "|null|Null|NULL|~"
        "|[-+]?(\\d[\\d_]*(\\.\\d*)?|\\.\\d+)([eE][-+]?\\d+)?"
        "|0x[0-9a-fA-F]+|0o[0-7]+|[-+]?\\.(inf|Inf|INF)|\\.(nan|NaN|NAN))$"));
    static const QRegularExpression blockIndicator(QStringLiteral("^[|>][-+0-9]*$"));

    const int next = plainScalarEnd(text, from, inFlow);
    int end = next;
    while (end > from && text.at(end - 1).isSpace())
        --end;
    const QString plain = text.mid(from, end - from);
    if (scalar.match(plain).hasMatch()) {
        apply(from, end, Role::Scalar);
    } else if (!inFlow && blockIndicator.match(plain).hasMatch()) {
        apply(from, end, Role::Dash);
        if (parentIndent >= 0)
            setCurrentBlockState(parentIndent);
    }
    highlightPlaceholders(text, from, end);
    return next;
}

void YamlHighlighter::highlightPlaceholders(const QString &text, int from, int to)
{
    int open = int(text.indexOf(QLatin1String("{{"), from));
    while (open >= 0 && open < to) {
        const int close = int(text.indexOf(QLatin1String("}}"), open + 2));
        if (close < 0 || close + 2 > to)
            return;
        apply(open, close + 2, Role::Placeholder);
        open = int(text.indexOf(QLatin1String("{{"), close + 2));
    }
}
