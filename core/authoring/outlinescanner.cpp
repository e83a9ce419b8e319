#include "outlinescanner.h"

#include <algorithm>

namespace Outline {

bool isNullToken(const QString &text)
{
    return text == QLatin1String("~") || text == QLatin1String("null")
        || text == QLatin1String("Null") || text == QLatin1String("NULL");
}

TextLines::TextLines(const QString &text)
    : m_text(text)
    , m_size(text.size())
    , m_contentStart(text.startsWith(QChar(0xfeff)) ? 1 : 0)
{ }

qsizetype TextLines::lineStart(qsizetype pos) const
{
    pos = std::clamp<qsizetype>(pos, m_contentStart, m_size);
    while (pos > m_contentStart && m_text.at(pos - 1) != u'\n')
        --pos;
    return pos;
}

qsizetype TextLines::lineEnd(qsizetype pos) const
{
    while (pos < m_size && !isBreakChar(m_text.at(pos)))
        ++pos;
    return pos;
}

qsizetype TextLines::nextLine(qsizetype pos) const
{
    const qsizetype lineBreak = m_text.indexOf(u'\n', pos);
    return lineBreak < 0 ? m_size : lineBreak + 1;
}

qsizetype TextLines::firstNonBlank(qsizetype lineStart) const
{
    while (lineStart < m_size && isBlankChar(m_text.at(lineStart)))
        ++lineStart;
    return lineStart;
}

int TextLines::indent(qsizetype lineStart) const
{
    int spaces = 0;
    while (lineStart + spaces < m_size && m_text.at(lineStart + spaces) == u' ')
        ++spaces;
    return spaces;
}

bool TextLines::isBlank(qsizetype lineStart) const
{
    const qsizetype content = firstNonBlank(lineStart);
    return content >= m_size || isBreakChar(m_text.at(content));
}

bool TextLines::breakBetween(qsizetype from, qsizetype to) const
{
    for (qsizetype pos = std::max<qsizetype>(from, 0); pos < to && pos < m_size; ++pos) {
        if (m_text.at(pos) == u'\n')
            return true;
    }
    return false;
}

qsizetype Scanner::skipProperties(qsizetype pos) const
{
    const qsizetype size = m_lines.size();
    while (pos < size && (m_lines.at(pos) == u'!' || m_lines.at(pos) == u'&')) {
        // Neither tags nor anchor names hold a flow indicator ("{pattern: !}").
        while (pos < size && !isBlankChar(m_lines.at(pos)) && !isBreakChar(m_lines.at(pos))
               && !isFlowIndicator(m_lines.at(pos)))
            ++pos;
        while (pos < size && isBlankChar(m_lines.at(pos)))
            ++pos;
    }
    return pos;
}

qsizetype Scanner::singleQuotedEnd(qsizetype quote) const
{
    for (qsizetype pos = quote + 1; pos < m_lines.size(); ++pos) {
        if (m_lines.at(pos) == u'\'') {
            if (m_lines.at(pos + 1) != u'\'')
                return pos + 1;
            ++pos;
        }
    }
    return m_lines.size();
}

qsizetype Scanner::doubleQuotedEnd(qsizetype quote) const
{
    for (qsizetype pos = quote + 1; pos < m_lines.size(); ++pos) {
        if (m_lines.at(pos) == u'\\')
            ++pos;
        else if (m_lines.at(pos) == u'"')
            return pos + 1;
    }
    return m_lines.size();
}

qsizetype Scanner::quotedEnd(qsizetype quote) const
{
    return m_lines.at(quote) == u'\'' ? singleQuotedEnd(quote) : doubleQuotedEnd(quote);
}

// A "#" starts a comment at the start of a line or after a blank.
bool Scanner::commentMayStart(qsizetype pos) const
{
    return pos == 0 || isBlankChar(m_lines.at(pos - 1)) || isBreakChar(m_lines.at(pos - 1));
}

qsizetype Scanner::bracketEnd(qsizetype bracket) const
{
    int depth = 0;
    QChar previous = u'[';
    for (qsizetype pos = bracket; pos < m_lines.size();) {
        const QChar current = m_lines.at(pos);
        const bool scalarStart = previous == u'[' || previous == u'{' || previous == u','
            || previous == u':' || previous == u'?';
        if ((current == u'\'' || current == u'"') && scalarStart) {
            pos = quotedEnd(pos);
            previous = current;
            continue;
        }
        if (current == u'#' && commentMayStart(pos)) {
            pos = m_lines.lineEnd(pos);
            continue;
        }
        if (current == u':') {
            // An indicator before a blank or a flow indicator, or right after a quoted
            // key ({"a":"b"}); else part of a plain scalar ({e:"} is the text e:").
            const bool indicator
                = endsIndicator(m_lines.at(pos + 1), true) || previous == u'\'' || previous == u'"';
            previous = indicator ? current : QChar(u'a');
        } else if (current == u'[' || current == u'{') {
            ++depth;
        } else if ((current == u']' || current == u'}') && --depth <= 0) {
            return pos + 1;
        }
        if (current != u':' && !isBlankChar(current) && !isBreakChar(current))
            previous = current;
        ++pos;
    }
    return m_lines.size();
}

qsizetype Scanner::plainLineEnd(qsizetype start, bool flow, bool key, bool *comment) const
{
    qsizetype last = start;
    for (qsizetype pos = start; pos < m_lines.size() && !isBreakChar(m_lines.at(pos)); ++pos) {
        const QChar current = m_lines.at(pos);
        if (current == u'#' && pos > start && isBlankChar(m_lines.at(pos - 1))) {
            *comment = true;
            break;
        }
        if (current == u':' && (key || flow) && endsIndicator(m_lines.at(pos + 1), flow))
            break;
        if (flow && isFlowIndicator(current))
            break;
        if (!isBlankChar(current))
            last = pos + 1;
    }
    return last;
}

// After "|" or ">" and its chomping and indentation indicators.
qsizetype Scanner::blockHeaderEnd(qsizetype indicator, int *explicitIndent) const
{
    qsizetype pos = indicator + 1;
    for (; pos < m_lines.size(); ++pos) {
        const QChar current = m_lines.at(pos);
        if (current >= u'1' && current <= u'9')
            *explicitIndent = current.digitValue();
        else if (current != u'+' && current != u'-')
            break;
    }
    return pos;
}

// "|" or ">" with its header, then every line indented at least as much as the first
// non-blank one after it (which must be deeper than the parent).
qsizetype Scanner::blockScalarEnd(qsizetype indicator, int parentIndent) const
{
    int explicitIndent = 0;
    qsizetype end = blockHeaderEnd(indicator, &explicitIndent);
    int contentIndent = explicitIndent > 0 ? std::max(parentIndent, 0) + explicitIndent : -1;
    for (qsizetype line = m_lines.nextLine(indicator); line < m_lines.size();
         line = m_lines.nextLine(line)) {
        if (m_lines.isBlank(line))
            continue;
        const int indent = m_lines.indent(line);
        if (contentIndent < 0) {
            if (indent <= parentIndent)
                break;
            contentIndent = indent;
        }
        if (indent < contentIndent)
            break;
        end = m_lines.lineEnd(line);
    }
    return end;
}

qsizetype Scanner::scalarEnd(qsizetype start, int parentIndent, bool flow, bool key) const
{
    const qsizetype pos = skipProperties(start);
    if (pos >= m_lines.size())
        return m_lines.size();
    const QChar first = m_lines.at(pos);
    if (first == u'\'' || first == u'"')
        return quotedEnd(pos);
    if (first == u'[' || first == u'{')
        return bracketEnd(pos);
    if (!key && !flow && (first == u'|' || first == u'>'))
        return blockScalarEnd(pos, parentIndent);
    bool comment = false;
    const qsizetype end = plainLineEnd(pos, flow, key, &comment);
    if (key || comment || first == u'*')
        return end;
    return flow ? flowPlainEnd(end) : blockPlainEnd(end, parentIndent);
}

// In a flow collection a plain scalar goes on over line breaks until an indicator
// ("{pattern: a\n  b}" is "a b").
qsizetype Scanner::flowPlainEnd(qsizetype end) const
{
    for (;;) {
        const qsizetype next = flowContinuation(end);
        if (next < 0)
            return end;
        bool comment = false;
        const qsizetype lineEnd = plainLineEnd(next, true, false, &comment);
        if (lineEnd <= next)
            return end;
        end = lineEnd;
        if (comment)
            return end;
    }
}

// Where a flow plain scalar ending at end on its line goes on, on a later line; -1 if not.
qsizetype Scanner::flowContinuation(qsizetype end) const
{
    const qsizetype size = m_lines.size();
    qsizetype pos = end;
    while (pos < size && isBlankChar(m_lines.at(pos)))
        ++pos;
    if (pos >= size || !isBreakChar(m_lines.at(pos)))
        return -1;
    while (pos < size && (isBlankChar(m_lines.at(pos)) || isBreakChar(m_lines.at(pos))))
        ++pos;
    const QChar next = m_lines.at(pos);
    if (next.isNull() || next == u'#' || isFlowIndicator(next))
        return -1;
    if (next == u':' && endsIndicator(m_lines.at(pos + 1), true))
        return -1;
    return pos;
}

// A plain scalar in block context goes on over lines indented deeper than its parent.
qsizetype Scanner::blockPlainEnd(qsizetype end, int parentIndent) const
{
    for (qsizetype line = m_lines.nextLine(end); line < m_lines.size();
         line = m_lines.nextLine(line)) {
        if (m_lines.isBlank(line))
            continue;
        if (m_lines.indent(line) <= parentIndent || m_lines.isComment(line))
            break;
        bool comment = false;
        end = plainLineEnd(m_lines.firstNonBlank(line), false, false, &comment);
        if (comment)
            break;
    }
    return end;
}

bool Scanner::isNullOrAlias(qsizetype pos) const
{
    if (m_lines.at(pos) == u'*')
        return true;
    bool comment = false;
    const qsizetype end = plainLineEnd(pos, false, false, &comment);
    return isNullToken(m_lines.text().mid(pos, end - pos));
}

// The "-" at column on the first line after from that is neither blank nor a comment; -1
// when that line holds something else.
qsizetype Scanner::nextItemDash(qsizetype from, int column) const
{
    for (qsizetype line = m_lines.nextLine(from); line < m_lines.size();
         line = m_lines.nextLine(line)) {
        if (m_lines.isBlank(line) || m_lines.isComment(line))
            continue;
        const qsizetype content = m_lines.firstNonBlank(line);
        return m_lines.column(content) == column && m_lines.at(content) == u'-' ? content : -1;
    }
    return -1;
}

qsizetype Scanner::itemAfter(qsizetype from, int column, bool first) const
{
    const qsizetype dash = first && m_lines.at(from) == u'-' ? from : nextItemDash(from, column);
    if (dash < 0)
        return from;
    qsizetype pos = dash + 1;
    while (pos < m_lines.size() && isBlankChar(m_lines.at(pos)))
        ++pos;
    if (pos < m_lines.size() && !isBreakChar(m_lines.at(pos)) && m_lines.at(pos) != u'#'
        && isNullOrAlias(pos))
        return scalarEnd(pos, column, false);
    return dash + 1;
}

qsizetype Scanner::colonAfterKey(qsizetype keyStart, bool flow) const
{
    qsizetype pos = scalarEnd(keyStart, -1, flow, true);
    while (pos < m_lines.size() && (isBlankChar(m_lines.at(pos)) || isBreakChar(m_lines.at(pos))))
        ++pos;
    return m_lines.at(pos) == u':' ? pos + 1 : -1;
}

qsizetype Scanner::dashBefore(qsizetype pos) const
{
    qsizetype before = pos - 1;
    while (before >= 0 && (isBlankChar(m_lines.at(before)) || isBreakChar(m_lines.at(before))))
        --before;
    return before >= 0 && m_lines.at(before) == u'-' ? before : -1;
}

qsizetype Scanner::extendItem(qsizetype contentEnd, int column) const
{
    qsizetype end = m_lines.nextLine(contentEnd);
    for (qsizetype line = end; line < m_lines.size(); line = m_lines.nextLine(line)) {
        if (m_lines.isBlank(line))
            continue;
        if (!m_lines.isComment(line) || m_lines.indent(line) <= column)
            break;
        end = m_lines.nextLine(line);
    }
    return end;
}

TextRange Scanner::commentsAbove(qsizetype pos, int column) const
{
    const qsizetype line = m_lines.lineStart(pos);
    qsizetype first = line;
    while (first > m_lines.contentStart()) {
        const qsizetype previous = m_lines.lineStart(first - 1);
        if (!m_lines.isComment(previous) || m_lines.indent(previous) > column)
            break;
        first = previous;
    }
    return first < line ? TextRange { first, line } : TextRange {};
}

} // namespace Outline
