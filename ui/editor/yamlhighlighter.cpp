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
    const int n = int(text.size());
    int i = from + 1;
    while (i < n) {
        const QChar c = text.at(i);
        if (quote == QLatin1Char('"') && c == QLatin1Char('\\')) {
            i += 2;
            continue;
        }
        if (c == quote) {
            if (quote == QLatin1Char('\'') && i + 1 < n && text.at(i + 1) == quote) {
                i += 2;
                continue;
            }
            return i + 1;
        }
        ++i;
    }
    return n;
}

bool isCommentStart(const QString &text, int i)
{
    return text.at(i) == QLatin1Char('#') && (i == 0 || text.at(i - 1).isSpace());
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
    const int n = int(text.size());
    int indent = 0;
    while (indent < n && text.at(indent) == QLatin1Char(' '))
        ++indent;

    // Inside a block scalar: every line indented deeper than its key is text.
    const int blockScalarParent = previousBlockState();
    if (blockScalarParent >= 0 && (indent == n || indent > blockScalarParent)) {
        apply(indent, n, Role::String);
        highlightPlaceholders(text, indent, n);
        setCurrentBlockState(blockScalarParent);
        return;
    }
    setCurrentBlockState(-1);
    if (indent == n)
        return;

    if (indent == 0
        && (text.startsWith(QLatin1String("---")) || text.startsWith(QLatin1String("...")))
        && (n == 3 || text.at(3).isSpace())) {
        apply(0, 3, Role::DocumentMarker);
        highlightValue(text, 3, -1);
        return;
    }

    int pos = indent;
    int parentIndent = indent;
    while (pos < n && text.at(pos) == QLatin1Char('-')
           && (pos + 1 == n || text.at(pos + 1) == QLatin1Char(' '))) {
        apply(pos, pos + 1, Role::Dash);
        parentIndent = pos;
        ++pos;
        while (pos < n && text.at(pos) == QLatin1Char(' '))
            ++pos;
    }
    if (pos == n)
        return;

    // key: at the line's start or after "- ", plain or quoted.
    int keyEnd = -1;
    int colon = -1;
    const QChar first = text.at(pos);
    if (first == QLatin1Char('"') || first == QLatin1Char('\'')) {
        keyEnd = quotedEnd(text, pos);
        colon = keyEnd;
        while (colon < n && text.at(colon) == QLatin1Char(' '))
            ++colon;
    } else {
        static const QRegularExpression plainKey(
            QStringLiteral("[^\\s'\"\\[\\]{}#&*!|>%@`,][^#]*?(?=:(\\s|$))"));
        const QRegularExpressionMatch match
            = plainKey.match(text, pos, QRegularExpression::NormalMatch,
                             QRegularExpression::AnchorAtOffsetMatchOption);
        if (match.hasMatch()) {
            keyEnd = int(match.capturedEnd());
            colon = keyEnd;
        }
    }
    if (colon >= 0 && colon < n && text.at(colon) == QLatin1Char(':')
        && (colon + 1 == n || text.at(colon + 1).isSpace())) {
        QString name = text.mid(pos, keyEnd - pos).trimmed();
        if (name.size() >= 2
            && (name.startsWith(QLatin1Char('"')) || name.startsWith(QLatin1Char('\''))))
            name = name.mid(1, name.size() - 2);
        apply(pos, keyEnd, mocketKeys().contains(name) ? Role::MocketKey : Role::Key);
        parentIndent = pos;
        pos = colon + 1;
    }
    highlightValue(text, pos, parentIndent);
}

// Colours what follows a key or a dash: strings, flow punctuation, plain scalars, comments.
void YamlHighlighter::highlightValue(const QString &text, int from, int parentIndent)
{
    static const QRegularExpression scalar(QStringLiteral(
        "^(true|True|TRUE|false|False|FALSE|yes|Yes|YES|no|No|NO|on|On|ON|off|Off|OFF"
        "|null|Null|NULL|~"
        "|[-+]?(\\d[\\d_]*(\\.\\d*)?|\\.\\d+)([eE][-+]?\\d+)?"
        "|0x[0-9a-fA-F]+|0o[0-7]+|[-+]?\\.(inf|Inf|INF)|\\.(nan|NaN|NAN))$"));
    static const QRegularExpression blockIndicator(QStringLiteral("^[|>][-+0-9]*$"));

    const int n = int(text.size());
    int flowDepth = 0;
    int i = from;
    while (i < n) {
        const QChar c = text.at(i);
        if (c.isSpace()) {
            ++i;
            continue;
        }
        if (isCommentStart(text, i)) {
            apply(i, n, Role::Comment);
            return;
        }
        if (c == QLatin1Char('"') || c == QLatin1Char('\'')) {
            const int end = quotedEnd(text, i);
            apply(i, end, Role::String);
            highlightPlaceholders(text, i, end);
            i = end;
            continue;
        }
        const bool placeholderStart
            = c == QLatin1Char('{') && i + 1 < n && text.at(i + 1) == QLatin1Char('{');
        if (!placeholderStart && (c == QLatin1Char('[') || c == QLatin1Char('{'))) {
            ++flowDepth;
            ++i;
            continue;
        }
        if (flowDepth > 0
            && (c == QLatin1Char(']') || c == QLatin1Char('}') || c == QLatin1Char(','))) {
            if (c != QLatin1Char(','))
                --flowDepth;
            ++i;
            continue;
        }
        if (c == QLatin1Char('&') || c == QLatin1Char('*') || c == QLatin1Char('!')) {
            int end = i + 1;
            while (end < n && !text.at(end).isSpace())
                ++end;
            apply(i, end, Role::Anchor);
            i = end;
            continue;
        }

        // A plain scalar runs to a comment, or in a flow collection to its punctuation.
        int j = i;
        while (j < n) {
            const QChar d = text.at(j);
            if (j > i && isCommentStart(text, j))
                break;
            if (d == QLatin1Char('{') && j + 1 < n && text.at(j + 1) == QLatin1Char('{')) {
                const int close = int(text.indexOf(QLatin1String("}}"), j + 2));
                if (close >= 0) {
                    j = close + 2;
                    continue;
                }
            }
            if (flowDepth > 0
                && (d == QLatin1Char(',') || d == QLatin1Char(']') || d == QLatin1Char('}')))
                break;
            ++j;
        }
        int end = j;
        while (end > i && text.at(end - 1).isSpace())
            --end;
        const QString plain = text.mid(i, end - i);
        if (scalar.match(plain).hasMatch()) {
            apply(i, end, Role::Scalar);
        } else if (flowDepth == 0 && blockIndicator.match(plain).hasMatch()) {
            apply(i, end, Role::Dash);
            if (parentIndent >= 0)
                setCurrentBlockState(parentIndent);
        }
        highlightPlaceholders(text, i, end);
        i = j;
    }
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
