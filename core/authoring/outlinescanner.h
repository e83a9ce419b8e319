#pragma once

#include "specoutline.h"

#include <QString>

// The internals behind SpecOutline and SpecEdits, shared by their files.
namespace Outline {

inline bool isBlankChar(QChar ch)
{
    return ch == u' ' || ch == u'\t';
}

inline bool isBreakChar(QChar ch)
{
    return ch == u'\n' || ch == u'\r';
}

inline bool isFlowIndicator(QChar ch)
{
    return ch == u',' || ch == u'[' || ch == u']' || ch == u'{' || ch == u'}';
}

// Whether an indicator (":", say) followed by next stands alone: at the end, before a blank or
// a line break, or (in flow context) before a flow indicator.
inline bool endsIndicator(QChar next, bool flow)
{
    return next.isNull() || isBlankChar(next) || isBreakChar(next)
        || (flow && isFlowIndicator(next));
}

bool isNullToken(const QString &text);

// Line-oriented reading of a config's text. Positions are QString offsets.
class TextLines
{
public:
    explicit TextLines(const QString &text);

    const QString &text() const { return m_text; }
    qsizetype size() const { return m_size; }
    // After a byte order mark, which belongs to no line.
    qsizetype contentStart() const { return m_contentStart; }
    QChar at(qsizetype pos) const { return pos >= 0 && pos < m_size ? m_text.at(pos) : QChar(); }

    qsizetype lineStart(qsizetype pos) const;
    // The end of the line holding pos, before its line break.
    qsizetype lineEnd(qsizetype pos) const;
    // The start of the line after the one holding pos (size() on the last line).
    qsizetype nextLine(qsizetype pos) const;
    qsizetype firstNonBlank(qsizetype lineStart) const;
    int indent(qsizetype lineStart) const;
    bool isBlank(qsizetype lineStart) const;
    bool isComment(qsizetype lineStart) const { return at(firstNonBlank(lineStart)) == u'#'; }
    int column(qsizetype pos) const { return int(pos - lineStart(pos)); }
    bool breakBetween(qsizetype from, qsizetype to) const;
    // Only indentation before pos on its line.
    bool startsLine(qsizetype pos) const { return firstNonBlank(lineStart(pos)) == pos; }

private:
    const QString &m_text;
    const qsizetype m_size;
    const qsizetype m_contentStart;
};

// Finds where YAML nodes end: yaml-cpp only says where they start.
class Scanner
{
public:
    explicit Scanner(const QString &text) : m_lines(text) { }

    const TextLines &lines() const { return m_lines; }

    // After the tags and anchors starting at pos.
    qsizetype skipProperties(qsizetype pos) const;
    // The end of the quoted scalar opening at quote.
    qsizetype quotedEnd(qsizetype quote) const;
    // The end of the flow collection opening at bracket.
    qsizetype bracketEnd(qsizetype bracket) const;
    // The end of the scalar (or flow collection) starting at start. parentIndent: the column of
    // the key (or "-") owning it; a plain scalar continues on lines indented deeper.
    qsizetype scalarEnd(qsizetype start, int parentIndent, bool flow, bool key = false) const;
    // Whether a null ("~", "null", ...) or an alias starts at pos, alone up to a comment.
    bool isNullOrAlias(qsizetype pos) const;
    // The end of an empty or alias item of a block list at column: the first "-" at or after
    // from (the list's own when first), and a null or alias after it on its line.
    qsizetype itemAfter(qsizetype from, int column, bool first) const;
    // Just after the ':' that follows the key starting at keyStart; -1 if there is none.
    qsizetype colonAfterKey(qsizetype keyStart, bool flow) const;
    // The "-" of the block list item whose content starts at pos; -1 if there is none.
    qsizetype dashBefore(qsizetype pos) const;
    // After the line holding contentEnd, and after comment lines indented deeper than column
    // that follow (blank lines between them included, blank lines after them not).
    qsizetype extendItem(qsizetype contentEnd, int column) const;
    // Whole comment lines right above the line holding pos, none indented deeper than column.
    TextRange commentsAbove(qsizetype pos, int column) const;

private:
    qsizetype singleQuotedEnd(qsizetype quote) const;
    qsizetype doubleQuotedEnd(qsizetype quote) const;
    bool commentMayStart(qsizetype pos) const;
    // The end of a plain scalar's text on one line: before a " #comment", trailing blanks, and
    // (for keys and in flow context) before ": " or a flow indicator.
    qsizetype plainLineEnd(qsizetype start, bool flow, bool key, bool *comment) const;
    qsizetype blockScalarEnd(qsizetype indicator, int parentIndent) const;
    qsizetype blockHeaderEnd(qsizetype indicator, int *explicitIndent) const;
    qsizetype flowPlainEnd(qsizetype end) const;
    qsizetype flowContinuation(qsizetype end) const;
    qsizetype blockPlainEnd(qsizetype end, int parentIndent) const;
    qsizetype nextItemDash(qsizetype from, int column) const;

    TextLines m_lines;
};

} // namespace Outline
