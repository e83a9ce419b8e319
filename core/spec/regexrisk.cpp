#include "regexrisk.h"

#include <QList>

#include <algorithm>

namespace {

// What one item of an alternative (an atom and its quantifier) can do.
struct Item
{
    bool repeats = false; // without bound, giving back what it took when asked to
    bool canBeEmpty = false;
};

// What the alternatives of a group (or of the whole pattern) can do, taken together.
struct Body
{
    bool canBeEmpty = false;
    bool repeatsAlone = false; // an alternative repeats an item, and all else in it can be empty
    bool alternativesOverlap = false; // an alternative begins with another one
};

// One alternative while it is read.
struct Alternative
{
    qsizetype start = 0;
    bool repeats = false;
    bool othersCanBeEmpty = true; // every item that does not repeat can match nothing
    bool canBeEmpty = true;

    void add(const Item &item)
    {
        repeats = repeats || item.repeats;
        if (!item.repeats)
            othersCanBeEmpty = othersCanBeEmpty && item.canBeEmpty;
        canBeEmpty = canBeEmpty && item.canBeEmpty;
    }
};

// What follows "(": what kind of group it opens.
enum class GroupKind {
    Plain, // capturing, named, non-capturing, branch reset, with flags
    Atomic, // (?>...): never gives back what it took
    Lookaround, // (?=...) (?!...) (?<=...) (?<!...): matches no text
    Opaque, // (?#...), (?i), (?R), (*VERB)...: skipped to its ")"
};

// An atom: one character, escape, class or group, before its quantifier.
struct Atom
{
    qsizetype start = 0;
    bool isGroup = false;
    GroupKind kind = GroupKind::Plain;
    bool zeroWidth = false;
    Body body; // a group's
};

struct Quantifier
{
    bool unbounded = false; // *, + or {n,}
    bool allowsNone = false; // *, ? or {0,...}
    bool possessive = false; // *+, ++, ?+, {n,m}+
};

bool isFlag(QChar character)
{
    return character.isLetter() || character == QLatin1Char('-') || character == QLatin1Char('^');
}

class RegexScan
{
public:
    explicit RegexScan(QStringView pattern) : m_pattern(pattern) { }

    qsizetype run()
    {
        qsizetype pos = 0;
        while (pos < m_pattern.size()) {
            body(&pos, 0);
            ++pos; // past a ")" that closes nothing (such a pattern does not compile)
        }
        return m_prone;
    }

private:
    static constexpr int MaxDepth = 250; // PCRE2 refuses deeper nesting anyway

    QChar at(qsizetype pos) const { return pos < m_pattern.size() ? m_pattern.at(pos) : QChar(); }
    bool isAt(qsizetype pos, char character) const { return at(pos) == QLatin1Char(character); }

    // Reads alternatives up to the ")" that closes them (left at *pos) or the end.
    Body body(qsizetype *pos, int depth)
    {
        Body result;
        QList<QStringView> texts;
        Alternative alternative { *pos };
        while (*pos < m_pattern.size() && !isAt(*pos, ')')) {
            if (isAt(*pos, '|')) {
                finish(alternative, *pos, &result, &texts);
                ++*pos;
                alternative = Alternative { *pos };
            } else {
                alternative.add(item(pos, depth));
            }
        }
        finish(alternative, *pos, &result, &texts);
        result.alternativesOverlap = overlap(&texts);
        return result;
    }

    void finish(const Alternative &alternative, qsizetype end, Body *result,
                QList<QStringView> *texts) const
    {
        result->canBeEmpty = result->canBeEmpty || alternative.canBeEmpty;
        result->repeatsAlone
            = result->repeatsAlone || (alternative.repeats && alternative.othersCanBeEmpty);
        if (end > alternative.start)
            texts->append(m_pattern.mid(alternative.start, end - alternative.start));
    }

    // Whether a text begins with another (or equals it). Sorted, a text that begins with
    // another comes right after it or after texts that begin with it too.
    static bool overlap(QList<QStringView> *texts)
    {
        std::sort(texts->begin(), texts->end());
        for (qsizetype index = 1; index < texts->size(); ++index) {
            if (texts->at(index).startsWith(texts->at(index - 1)))
                return true;
        }
        return false;
    }

    Item item(qsizetype *pos, int depth)
    {
        const Atom read = atom(pos, depth);
        const Quantifier quantifier = readQuantifier(pos);
        const bool judged = read.isGroup && read.kind == GroupKind::Plain;
        Item result;
        result.canBeEmpty
            = read.zeroWidth || quantifier.allowsNone || (read.isGroup && read.body.canBeEmpty);
        result.repeats = !read.zeroWidth && !quantifier.possessive
            && (quantifier.unbounded || (judged && read.body.repeatsAlone));
        if (judged && quantifier.unbounded && !quantifier.possessive
            && (read.body.repeatsAlone || read.body.alternativesOverlap))
            m_prone = m_prone < 0 ? read.start : std::min(m_prone, read.start);
        return result;
    }

    Atom atom(qsizetype *pos, int depth)
    {
        Atom result;
        result.start = *pos;
        const QChar first = at(*pos);
        if (first == QLatin1Char('('))
            return group(pos, depth);
        if (first == QLatin1Char('['))
            skipClass(pos);
        else if (first == QLatin1Char('\\'))
            result.zeroWidth = skipEscape(pos);
        else
            ++*pos;
        *pos = std::min(*pos, m_pattern.size()); // a pattern that ends in "\\" or "[\\"
        result.zeroWidth
            = result.zeroWidth || first == QLatin1Char('^') || first == QLatin1Char('$');
        return result;
    }

    // "(" at *pos: its kind, its body and the ")" after it.
    Atom group(qsizetype *pos, int depth)
    {
        Atom result;
        result.start = *pos;
        ++*pos;
        result.kind = groupKind(pos);
        if (result.kind == GroupKind::Opaque || depth >= MaxDepth) {
            skipPast(pos, ')');
            result.zeroWidth = true;
            return result;
        }
        result.isGroup = true;
        result.zeroWidth = result.kind == GroupKind::Lookaround;
        result.body = body(pos, depth + 1);
        if (isAt(*pos, ')'))
            ++*pos;
        return result;
    }

    // What follows "(" at *pos, read past: "?:", "?<name>", "?=", "?i:"...
    GroupKind groupKind(qsizetype *pos)
    {
        if (isAt(*pos, '*'))
            return GroupKind::Opaque;
        if (!isAt(*pos, '?'))
            return GroupKind::Plain;
        const QChar next = at(*pos + 1);
        const QChar after = at(*pos + 2);
        if (next == QLatin1Char(':') || next == QLatin1Char('|') || next == QLatin1Char('>')) {
            *pos += 2;
            return next == QLatin1Char('>') ? GroupKind::Atomic : GroupKind::Plain;
        }
        if (next == QLatin1Char('=') || next == QLatin1Char('!')) {
            *pos += 2;
            return GroupKind::Lookaround;
        }
        if (next == QLatin1Char('<') && (after == QLatin1Char('=') || after == QLatin1Char('!'))) {
            *pos += 3;
            return GroupKind::Lookaround;
        }
        if (next == QLatin1Char('<') || next == QLatin1Char('\'')
            || (next == QLatin1Char('P') && after == QLatin1Char('<'))) {
            skipPast(pos, next == QLatin1Char('\'') ? '\'' : '>');
            if (next == QLatin1Char('\''))
                skipPast(pos, '\''); // the first one skipped was the opening quote
            return GroupKind::Plain;
        }
        return flagsGroupKind(pos);
    }

    // "?i:" opens a group with flags; "?i)", "?#...", "?R" and the like are skipped whole.
    GroupKind flagsGroupKind(qsizetype *pos)
    {
        qsizetype end = *pos + 1;
        while (end < m_pattern.size() && isFlag(at(end)))
            ++end;
        if (end > *pos + 1 && isAt(end, ':')) {
            *pos = end + 1;
            return GroupKind::Plain;
        }
        return GroupKind::Opaque;
    }

    void skipPast(qsizetype *pos, char character)
    {
        while (*pos < m_pattern.size() && !isAt(*pos, character))
            ++*pos;
        if (*pos < m_pattern.size())
            ++*pos;
    }

    // "[...]" at *pos, with "]" first taken as text, escapes and [:alpha:] inside.
    void skipClass(qsizetype *pos)
    {
        ++*pos;
        if (isAt(*pos, '^'))
            ++*pos;
        if (isAt(*pos, ']'))
            ++*pos;
        while (*pos < m_pattern.size() && !isAt(*pos, ']')) {
            if (isAt(*pos, '\\')) {
                *pos += 2;
            } else if (isAt(*pos, '[') && isAt(*pos + 1, ':')) {
                const qsizetype close = m_pattern.indexOf(QLatin1String(":]"), *pos + 2);
                *pos = close < 0 ? *pos + 1 : close + 2;
            } else {
                ++*pos;
            }
        }
        if (*pos < m_pattern.size())
            ++*pos;
    }

    // "\..." at *pos; true when it matches no text (\b, \A, \z...).
    bool skipEscape(qsizetype *pos)
    {
        const QChar kind = at(*pos + 1);
        *pos += 2;
        if (kind == QLatin1Char('Q')) {
            const qsizetype end = m_pattern.indexOf(QLatin1String("\\E"), *pos);
            *pos = end < 0 ? m_pattern.size() : end + 2;
        } else if (isAt(*pos, '{')) { // \x{...}, \p{...}, \g{...}
            skipPast(pos, '}');
        } else if (kind.isDigit()) {
            while (at(*pos).isDigit())
                ++*pos;
        }
        static const QLatin1String zeroWidth("bBAzZGK");
        return !kind.isNull() && zeroWidth.contains(kind);
    }

    Quantifier readQuantifier(qsizetype *pos)
    {
        Quantifier result;
        const QChar first = at(*pos);
        if (first == QLatin1Char('*') || first == QLatin1Char('+')) {
            result.unbounded = true;
            result.allowsNone = first == QLatin1Char('*');
            ++*pos;
        } else if (first == QLatin1Char('?')) {
            result.allowsNone = true;
            ++*pos;
        } else if (first != QLatin1Char('{') || !readBraces(pos, &result)) {
            return result;
        }
        if (isAt(*pos, '+'))
            result.possessive = true;
        if (isAt(*pos, '+') || isAt(*pos, '?'))
            ++*pos;
        return result;
    }

    // "{n}", "{n,}" or "{n,m}" at *pos; false (and *pos kept) for a "{" that is text.
    bool readBraces(qsizetype *pos, Quantifier *result)
    {
        qsizetype end = *pos + 1;
        const qsizetype minStart = end;
        while (at(end).isDigit())
            ++end;
        if (end == minStart)
            return false;
        const bool none = m_pattern.mid(minStart, end - minStart).toInt() == 0;
        bool unbounded = false;
        if (isAt(end, ',')) {
            ++end;
            unbounded = !at(end).isDigit();
            while (at(end).isDigit())
                ++end;
        }
        if (!isAt(end, '}'))
            return false;
        *pos = end + 1;
        result->unbounded = unbounded;
        result->allowsNone = none;
        return true;
    }

    QStringView m_pattern;
    qsizetype m_prone = -1;
};

} // namespace

qsizetype backtrackingProneGroup(QStringView pattern)
{
    return RegexScan(pattern).run();
}
