#include "specoutline.h"
#include "parsedyaml.h"
#include "yamljson.h"

#include "pathpattern.h"
#include "template.h"

#include <QJsonValue>
#include <QRegularExpression>

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <optional>
#include <utility>
#include <vector>

namespace {

bool isBlankChar(QChar c)
{
    return c == u' ' || c == u'\t';
}

bool isBreakChar(QChar c)
{
    return c == u'\n' || c == u'\r';
}

bool isFlowIndicator(QChar c)
{
    return c == u',' || c == u'[' || c == u']' || c == u'{' || c == u'}';
}

QString qs(const std::string &s)
{
    return QString::fromStdString(s);
}

// Line-oriented reading of a config's text. Positions are QString offsets.
class Text
{
public:
    explicit Text(const QString &text)
        : t(text)
        , n(text.size())
        , begin(text.startsWith(QChar(0xfeff)) ? 1 : 0)
    { }

    const QString &t;
    const qsizetype n;
    const qsizetype begin; // after a byte order mark, which belongs to no line

    QChar at(qsizetype i) const { return i >= 0 && i < n ? t.at(i) : QChar(); }

    qsizetype lineStart(qsizetype pos) const
    {
        pos = std::clamp<qsizetype>(pos, begin, n);
        while (pos > begin && t.at(pos - 1) != u'\n')
            --pos;
        return pos;
    }
    // The end of the line holding pos, before its line break.
    qsizetype lineEnd(qsizetype pos) const
    {
        while (pos < n && !isBreakChar(t.at(pos)))
            ++pos;
        return pos;
    }
    // The start of the line after the one holding pos (n on the last line).
    qsizetype nextLine(qsizetype pos) const
    {
        const qsizetype i = t.indexOf(u'\n', pos);
        return i < 0 ? n : i + 1;
    }
    qsizetype firstNonBlank(qsizetype lineStart) const
    {
        while (lineStart < n && isBlankChar(t.at(lineStart)))
            ++lineStart;
        return lineStart;
    }
    int indent(qsizetype lineStart) const
    {
        int spaces = 0;
        while (lineStart + spaces < n && t.at(lineStart + spaces) == u' ')
            ++spaces;
        return spaces;
    }
    bool isBlank(qsizetype lineStart) const
    {
        const qsizetype f = firstNonBlank(lineStart);
        return f >= n || isBreakChar(t.at(f));
    }
    bool isComment(qsizetype lineStart) const { return at(firstNonBlank(lineStart)) == u'#'; }
    int column(qsizetype pos) const { return int(pos - lineStart(pos)); }
    bool breakBetween(qsizetype from, qsizetype to) const
    {
        for (qsizetype i = std::max<qsizetype>(from, 0); i < to && i < n; ++i) {
            if (t.at(i) == u'\n')
                return true;
        }
        return false;
    }
    // Only indentation before pos on its line.
    bool startsLine(qsizetype pos) const { return firstNonBlank(lineStart(pos)) == pos; }
};

// yaml-cpp marks count bytes of UTF-8 (after a byte order mark); QString counts UTF-16 units.
class OffsetMap
{
public:
    explicit OffsetMap(const QString &text)
    {
        m_map.reserve(text.size() + 1);
        for (qsizetype i = 0; i < text.size(); ++i) {
            const char16_t c = text.at(i).unicode();
            int bytes = 3;
            if (c < 0x80)
                bytes = 1;
            else if (c < 0x800)
                bytes = 2;
            else if (QChar::isHighSurrogate(c) && i + 1 < text.size()
                     && QChar::isLowSurrogate(text.at(i + 1).unicode()))
                bytes = 4;
            for (int b = 0; b < bytes; ++b)
                m_map.append(i);
            if (bytes == 4)
                ++i;
        }
        m_map.append(text.size());
        if (text.startsWith(QChar(0xfeff)))
            m_bom = 3;
    }

    qsizetype operator()(int bytePos) const
    {
        if (bytePos < 0)
            return -1;
        return m_map.at(std::min<qsizetype>(bytePos + m_bom, m_map.size() - 1));
    }

private:
    QList<qsizetype> m_map;
    int m_bom = 0;
};

// Finds where YAML nodes end: yaml-cpp only says where they start.
class Scanner
{
public:
    explicit Scanner(const QString &text) : x(text) { }

    Text x;

    qsizetype skipProperties(qsizetype i) const
    {
        while (i < x.n && (x.t.at(i) == u'!' || x.t.at(i) == u'&')) {
            // Neither tags nor anchor names hold a flow indicator ("{pattern: !}").
            while (i < x.n && !isBlankChar(x.t.at(i)) && !isBreakChar(x.t.at(i))
                   && !isFlowIndicator(x.t.at(i)))
                ++i;
            while (i < x.n && isBlankChar(x.t.at(i)))
                ++i;
        }
        return i;
    }

    qsizetype singleQuotedEnd(qsizetype i) const
    {
        for (qsizetype j = i + 1; j < x.n; ++j) {
            if (x.t.at(j) == u'\'') {
                if (x.at(j + 1) != u'\'')
                    return j + 1;
                ++j;
            }
        }
        return x.n;
    }

    qsizetype doubleQuotedEnd(qsizetype i) const
    {
        for (qsizetype j = i + 1; j < x.n; ++j) {
            if (x.t.at(j) == u'\\')
                ++j;
            else if (x.t.at(j) == u'"')
                return j + 1;
        }
        return x.n;
    }

    qsizetype bracketEnd(qsizetype i) const
    {
        int depth = 0;
        QChar prev = u'[';
        for (qsizetype j = i; j < x.n;) {
            const QChar c = x.t.at(j);
            const bool scalarStart
                = prev == u'[' || prev == u'{' || prev == u',' || prev == u':' || prev == u'?';
            if ((c == u'\'' || c == u'"') && scalarStart) {
                j = c == u'\'' ? singleQuotedEnd(j) : doubleQuotedEnd(j);
                prev = c;
                continue;
            }
            if (c == u'#' && (j == 0 || isBlankChar(x.t.at(j - 1)) || isBreakChar(x.t.at(j - 1)))) {
                j = x.lineEnd(j);
                continue;
            }
            if (c == u':') {
                // An indicator before a blank or a flow indicator, or right after a quoted
                // key ({"a":"b"}); else part of a plain scalar ({e:"} is the text e:").
                const QChar next = x.at(j + 1);
                const bool indicator = next.isNull() || isBlankChar(next) || isBreakChar(next)
                    || isFlowIndicator(next) || prev == u'\'' || prev == u'"';
                prev = indicator ? c : QChar(u'a');
                ++j;
                continue;
            }
            if (c == u'[' || c == u'{') {
                ++depth;
            } else if (c == u']' || c == u'}') {
                if (--depth <= 0)
                    return j + 1;
            }
            if (!isBlankChar(c) && !isBreakChar(c))
                prev = c;
            ++j;
        }
        return x.n;
    }

    // The end of a plain scalar's text on one line: before a " #comment", trailing blanks, and
    // (for keys and in flow context) before ": " or a flow indicator.
    qsizetype plainLineEnd(qsizetype i, bool flow, bool key, bool *comment) const
    {
        qsizetype last = i;
        for (qsizetype j = i; j < x.n && !isBreakChar(x.t.at(j)); ++j) {
            const QChar c = x.t.at(j);
            if (c == u'#' && j > i && isBlankChar(x.t.at(j - 1))) {
                *comment = true;
                break;
            }
            if (c == u':' && (key || flow)) {
                const QChar next = x.at(j + 1);
                if (next.isNull() || isBlankChar(next) || isBreakChar(next)
                    || (flow && isFlowIndicator(next)))
                    break;
            }
            if (flow && isFlowIndicator(c))
                break;
            if (!isBlankChar(c))
                last = j + 1;
        }
        return last;
    }

    // "|" or ">" with its header, then every line indented at least as much as the first
    // non-blank one after it (which must be deeper than the parent).
    qsizetype blockScalarEnd(qsizetype i, int parentIndent) const
    {
        qsizetype j = i + 1;
        int explicitIndent = 0;
        while (j < x.n) {
            const QChar c = x.t.at(j);
            if (c >= u'1' && c <= u'9')
                explicitIndent = c.digitValue();
            else if (c != u'+' && c != u'-')
                break;
            ++j;
        }
        qsizetype end = j;
        int contentIndent = explicitIndent > 0 ? std::max(parentIndent, 0) + explicitIndent : -1;
        for (qsizetype ls = x.nextLine(i); ls < x.n; ls = x.nextLine(ls)) {
            if (x.isBlank(ls))
                continue;
            const int indent = x.indent(ls);
            if (contentIndent < 0) {
                if (indent <= parentIndent)
                    break;
                contentIndent = indent;
            }
            if (indent < contentIndent)
                break;
            end = x.lineEnd(ls);
        }
        return end;
    }

    // The end of the scalar (or flow collection) starting at i. parentIndent: the column of
    // the key (or "-") owning it; a plain scalar continues on lines indented deeper.
    qsizetype scalarEnd(qsizetype i, int parentIndent, bool flow, bool key = false) const
    {
        i = skipProperties(i);
        if (i >= x.n)
            return x.n;
        const QChar c = x.t.at(i);
        if (c == u'\'')
            return singleQuotedEnd(i);
        if (c == u'"')
            return doubleQuotedEnd(i);
        if (c == u'[' || c == u'{')
            return bracketEnd(i);
        if (!key && !flow && (c == u'|' || c == u'>'))
            return blockScalarEnd(i, parentIndent);
        bool comment = false;
        qsizetype end = plainLineEnd(i, flow, key, &comment);
        if (flow && !key && !comment && c != u'*') {
            // In a flow collection a plain scalar goes on over line breaks until an indicator
            // ("{pattern: a\n  b}" is "a b").
            for (;;) {
                qsizetype j = end;
                while (j < x.n && isBlankChar(x.t.at(j)))
                    ++j;
                if (j >= x.n || !isBreakChar(x.t.at(j)))
                    break;
                while (j < x.n && (isBlankChar(x.t.at(j)) || isBreakChar(x.t.at(j))))
                    ++j;
                const QChar d = x.at(j);
                if (d.isNull() || d == u'#' || isFlowIndicator(d))
                    break;
                if (d == u':') {
                    const QChar next = x.at(j + 1);
                    if (next.isNull() || isBlankChar(next) || isBreakChar(next)
                        || isFlowIndicator(next))
                        break;
                }
                const qsizetype e = plainLineEnd(j, true, false, &comment);
                if (e <= j)
                    break;
                end = e;
                if (comment)
                    break;
            }
        }
        if (key || flow || comment || c == u'*')
            return end;
        for (qsizetype ls = x.nextLine(end); ls < x.n; ls = x.nextLine(ls)) {
            if (x.isBlank(ls))
                continue;
            if (x.indent(ls) <= parentIndent || x.isComment(ls))
                break;
            end = plainLineEnd(x.firstNonBlank(ls), false, false, &comment);
            if (comment)
                break;
        }
        return end;
    }

    // Whether a null ("~", "null", ...) or an alias starts at i, alone up to a comment.
    bool isNullOrAlias(qsizetype i) const
    {
        if (x.at(i) == u'*')
            return true;
        bool comment = false;
        const qsizetype end = plainLineEnd(i, false, false, &comment);
        const QString token = x.t.mid(i, end - i);
        return token == QLatin1String("~") || token == QLatin1String("null")
            || token == QLatin1String("Null") || token == QLatin1String("NULL");
    }

    // The end of an empty or alias item of a block list at column: the first "-" at or after
    // from (the list's own when first), and a null or alias after it on its line.
    qsizetype itemAfter(qsizetype from, int column, bool first) const
    {
        qsizetype dash = -1;
        if (first && x.at(from) == u'-') {
            dash = from;
        } else {
            for (qsizetype ls = x.nextLine(from); ls < x.n; ls = x.nextLine(ls)) {
                if (x.isBlank(ls) || x.isComment(ls))
                    continue;
                const qsizetype f = x.firstNonBlank(ls);
                if (x.column(f) == column && x.at(f) == u'-')
                    dash = f;
                break;
            }
        }
        if (dash < 0)
            return from;
        qsizetype j = dash + 1;
        while (j < x.n && isBlankChar(x.t.at(j)))
            ++j;
        if (j < x.n && !isBreakChar(x.t.at(j)) && x.t.at(j) != u'#' && isNullOrAlias(j))
            return scalarEnd(j, column, false);
        return dash + 1;
    }

    // Just after the ':' that follows the key starting at keyStart; -1 if there is none.
    qsizetype colonAfterKey(qsizetype keyStart, bool flow) const
    {
        qsizetype j = scalarEnd(keyStart, -1, flow, true);
        while (j < x.n && (isBlankChar(x.t.at(j)) || isBreakChar(x.t.at(j))))
            ++j;
        return x.at(j) == u':' ? j + 1 : -1;
    }

    // The "-" of the block list item whose content starts at pos; -1 if there is none.
    qsizetype dashBefore(qsizetype pos) const
    {
        qsizetype j = pos - 1;
        while (j >= 0 && (isBlankChar(x.t.at(j)) || isBreakChar(x.t.at(j))))
            --j;
        return j >= 0 && x.t.at(j) == u'-' ? j : -1;
    }

    // After the line holding contentEnd, and after comment lines indented deeper than col
    // that follow (blank lines between them included, blank lines after them not).
    qsizetype extendItem(qsizetype contentEnd, int col) const
    {
        qsizetype end = x.nextLine(contentEnd);
        for (qsizetype ls = end; ls < x.n; ls = x.nextLine(ls)) {
            if (x.isBlank(ls))
                continue;
            if (!x.isComment(ls) || x.indent(ls) <= col)
                break;
            end = x.nextLine(ls);
        }
        return end;
    }

    // Whole comment lines right above the line holding pos, none indented deeper than col.
    TextRange commentsAbove(qsizetype pos, int col) const
    {
        const qsizetype ls = x.lineStart(pos);
        qsizetype first = ls;
        while (first > x.begin) {
            const qsizetype prev = x.lineStart(first - 1);
            if (!x.isComment(prev) || x.indent(prev) > col)
                break;
            first = prev;
        }
        return first < ls ? TextRange { first, ls } : TextRange {};
    }
};

QString decoded(const YAML::Node &value)
{
    if (value.IsScalar())
        return qs(value.Scalar());
    if (value.IsMap() || value.IsSequence()) {
        qint64 budget = 1000000; // as the loader: nested aliases stop here
        const QString json = yamlToJson(value, &budget);
        return budget < 0 ? QString() : json;
    }
    return QString();
}

std::string keyName(const YAML::Node &key)
{
    return key.IsScalar() ? key.Scalar() : std::string();
}

// Copies, not assignments: assigning one YAML::Node to another rewrites the document.
std::vector<std::pair<YAML::Node, YAML::Node>> entries(const YAML::Node &map)
{
    std::vector<std::pair<YAML::Node, YAML::Node>> out;
    for (const auto &kv : map)
        out.emplace_back(kv.first, kv.second);
    return out;
}

bool isFlow(const YAML::Node &node)
{
    return node.Style() == YAML::EmitterStyle::Flow;
}

// A node as the loader reads it: scalars as their text. budget counts nodes down (aliases
// nested into a billion values, or inside themselves, stop early: the rest reads as nothing).
YamlValue yamlValue(const YAML::Node &node, qint64 *budget, int depth = 0)
{
    YamlValue v;
    if (--*budget < 0 || depth > 100)
        return v;
    v.flow = isFlow(node);
    switch (node.Type()) {
    case YAML::NodeType::Scalar:
        v.kind = YamlValue::Kind::Scalar;
        v.text = qs(node.Scalar());
        v.plain = node.Tag() != "!" && node.Tag() != "tag:yaml.org,2002:str";
        break;
    case YAML::NodeType::Sequence:
        v.kind = YamlValue::Kind::List;
        for (const auto &item : node) {
            v.items.append(yamlValue(item, budget, depth + 1));
            if (*budget < 0)
                break;
        }
        break;
    case YAML::NodeType::Map:
        v.kind = YamlValue::Kind::Map;
        for (const auto &kv : node) {
            v.keys.append(qs(keyName(kv.first)));
            v.items.append(yamlValue(kv.second, budget, depth + 1));
            if (*budget < 0)
                break;
        }
        break;
    case YAML::NodeType::Null:
    case YAML::NodeType::Undefined:
        break;
    }
    return v;
}

class Builder
{
    mutable int m_depth = 0; // nodeEnd's nesting

public:
    explicit Builder(const QString &yaml) : s(yaml), x(s.x), m_offsets(yaml)
    {
        m_lineStarts.append(0);
        for (qsizetype i = 0; i < yaml.size(); ++i) {
            if (yaml.at(i) == u'\n')
                m_lineStarts.append(i + 1);
        }
    }

    void build(const YAML::Node &root, SpecOutline &out) const;

private:
    qsizetype pos(const YAML::Node &node) const { return m_offsets(node.Mark().pos); }
    int line(qsizetype offset) const
    {
        return int(std::upper_bound(m_lineStarts.begin(), m_lineStarts.end(), offset)
                   - m_lineStarts.begin());
    }
    qsizetype nodeEnd(const YAML::Node &node, int parentIndent, bool flow) const;
    // The column of a block map's keys; -1 for a flow or empty map.
    int keyColumn(const std::vector<std::pair<YAML::Node, YAML::Node>> &kvs, bool flow) const
    {
        return flow || kvs.empty() ? -1 : x.column(pos(kvs.front().first));
    }
    TextRange keyRange(const YAML::Node &key, bool flow) const
    {
        const qsizetype start = pos(key);
        return { start, s.scalarEnd(start, -1, flow, true) };
    }
    TextRange valueRange(const YAML::Node &key, const YAML::Node &value, int keyColumn,
                         bool flow) const;
    EndpointOutline endpoint(const ItemOutline &top, int index, const YAML::Node &wsKey,
                             const YAML::Node &ws, int itemKeyColumn, bool itemFlow) const;
    RuleOutline rule(const YAML::Node &item, bool flowList) const;
    // A list item's range (from its "-" in a block list) and the comment lines above it.
    void itemRange(const YAML::Node &item, bool flowList, TextRange *range,
                   TextRange *comments) const
    {
        const qsizetype at = pos(item);
        if (flowList) {
            *range = { at, nodeEnd(item, -1, true) };
            return;
        }
        qsizetype dash = s.dashBefore(at);
        if (dash < 0)
            dash = at;
        const int column = x.column(dash);
        *range = { dash, s.extendItem(nodeEnd(item, column, false), column) };
        *comments = s.commentsAbove(dash, column);
    }
    KeyOutline keyOutline(const YAML::Node &key, const YAML::Node &value, int column, bool flow,
                          bool withValue = true) const
    {
        KeyOutline k;
        k.name = qs(keyName(key));
        k.key = keyRange(key, flow);
        k.range = valueRange(key, value, column, flow);
        qint64 budget = 10000;
        if (withValue)
            k.value = yamlValue(value, &budget);
        return k;
    }

    Scanner s;
    const Text &x;
    OffsetMap m_offsets;
    QList<qsizetype> m_lineStarts;
};

qsizetype Builder::nodeEnd(const YAML::Node &node, int parentIndent, bool flow) const
{
    const qsizetype start = pos(node);
    // An alias inside the node it names (&r {self: *r}) would recurse forever.
    struct DepthGuard
    {
        int &depth;
        explicit DepthGuard(int &d) : depth(++d) { }
        ~DepthGuard() { --depth; }
    } guard(m_depth);
    if (m_depth > 200)
        return start;
    switch (node.Type()) {
    case YAML::NodeType::Scalar:
        return s.scalarEnd(start, parentIndent, flow);
    case YAML::NodeType::Map: {
        if (flow || isFlow(node))
            return s.bracketEnd(s.skipProperties(start));
        const auto kvs = entries(node);
        if (kvs.empty())
            return start;
        const int column = x.column(pos(kvs.front().first));
        return valueRange(kvs.back().first, kvs.back().second, column, false).end;
    }
    case YAML::NodeType::Sequence: {
        if (flow || isFlow(node))
            return s.bracketEnd(s.skipProperties(start));
        qsizetype end = start + 1;
        const int column = x.column(start);
        bool first = true;
        for (const auto &item : node) {
            const qsizetype at = item.IsNull() ? -1 : pos(item);
            if (at < 0 || at < end) {
                // An empty item ("-", "- ~") or an alias (marked where its anchor is): read
                // the text after the item before.
                end = s.itemAfter(first ? start : end, column, first);
            } else {
                const qsizetype dash = s.dashBefore(at);
                end = nodeEnd(item, x.column(dash >= 0 ? dash : at), false);
            }
            first = false;
        }
        return end;
    }
    case YAML::NodeType::Null:
    case YAML::NodeType::Undefined:
        break;
    }
    return start;
}

TextRange Builder::valueRange(const YAML::Node &key, const YAML::Node &value, int keyColumn,
                              bool flow) const
{
    if (value.IsDefined() && !value.IsNull() && pos(value) > pos(key)) {
        const qsizetype start = pos(value);
        return { start, nodeEnd(value, keyColumn, flow) };
    }
    // yaml-cpp marks a missing value at the next token, and an alias where its anchor is;
    // look after the colon instead.
    const qsizetype colon = s.colonAfterKey(pos(key), flow);
    if (colon < 0)
        return {};
    qsizetype j = colon;
    while (j < x.n && isBlankChar(x.t.at(j)))
        ++j;
    const QChar c = x.at(j);
    if (!c.isNull() && !isBreakChar(c) && c != u'#' && !(flow && isFlowIndicator(c)))
        return { j, s.scalarEnd(j, keyColumn, flow) }; // "~", "null" or "*alias"
    if (!flow) {
        // "key:" then "~" (or "*alias") alone on a deeper line.
        for (qsizetype ls = x.nextLine(j); ls < x.n; ls = x.nextLine(ls)) {
            if (x.isBlank(ls) || x.isComment(ls))
                continue;
            const qsizetype f = x.firstNonBlank(ls);
            if (x.indent(ls) > keyColumn && f == ls + x.indent(ls) && s.isNullOrAlias(f))
                return { f, s.scalarEnd(f, keyColumn, false) };
            break;
        }
    }
    return { colon, colon };
}

void Builder::build(const YAML::Node &root, SpecOutline &out) const
{
    if (root.IsNull()) {
        out.blockList = true;
        return;
    }
    if (!root.IsSequence())
        return;
    const bool flowRoot = isFlow(root);
    out.blockList = !flowRoot;
    int index = 0;
    for (const auto &item : root) {
        ItemOutline top;
        if (item.IsDefined() && !item.IsNull()) {
            itemRange(item, flowRoot, &top.item, &top.comments);
            top.line = line(top.item.start);
        }
        out.items.append(top);
        if (item.IsMap()) {
            const auto kvs = entries(item);
            const bool flow = flowRoot || isFlow(item);
            for (const auto &[key, value] : kvs) {
                // Each "websocket" key is an endpoint, as the loader has it.
                if (keyName(key) == "websocket")
                    out.endpoints.append(
                        endpoint(top, index, key, value, keyColumn(kvs, flow), flow));
            }
        }
        ++index;
    }
}

EndpointOutline Builder::endpoint(const ItemOutline &top, int index, const YAML::Node &wsKey,
                                  const YAML::Node &ws, int itemKeyColumn, bool itemFlow) const
{
    EndpointOutline ep;
    ep.item = top.item;
    ep.comments = top.comments;
    ep.line = top.line;
    ep.itemIndex = index;
    ep.websocketKey = keyRange(wsKey, itemFlow);
    ep.websocket = valueRange(wsKey, ws, itemKeyColumn, itemFlow);
    ep.flow = itemFlow;
    if (!ws.IsMap())
        return ep;
    ep.flow = itemFlow || isFlow(ws);
    const auto kvs = entries(ws);
    const int column = keyColumn(kvs, ep.flow);
    ep.keyIndent = column;
    for (const auto &[key, value] : kvs) {
        const std::string name = keyName(key);
        // on-connect and on-message have outlines of their own.
        ep.keys.append(
            keyOutline(key, value, column, ep.flow, name != "on-connect" && name != "on-message"));
        if (name == "path") {
            ep.pathKey = keyRange(key, ep.flow);
            ep.path = valueRange(key, value, column, ep.flow);
            ep.pathValue = value.IsScalar() ? qs(value.Scalar()) : QString();
        } else if (name == "on-connect") {
            // A repeated key: the loader takes the last one, so does the outline.
            ep.onConnectIndent = -1;
            ep.hasGreeting = false;
            ep.greetingFlow = false;
            ep.greetingKey = ep.greeting = TextRange();
            ep.greetingValue.clear();
            ep.onConnectKey = keyRange(key, ep.flow);
            ep.onConnect = valueRange(key, value, column, ep.flow);
            if (!value.IsMap())
                continue;
            const bool flow = ep.flow || isFlow(value);
            const auto inner = entries(value);
            const int innerColumn = keyColumn(inner, flow);
            ep.onConnectIndent = innerColumn;
            ep.onConnectFlow = flow;
            for (const auto &[innerKey, innerValue] : inner) {
                ep.onConnectKeys.append(keyOutline(innerKey, innerValue, innerColumn, flow));
                if (keyName(innerKey) == "response") {
                    ep.hasGreeting = true;
                    ep.greetingFlow = flow;
                    ep.greetingKey = keyRange(innerKey, flow);
                    ep.greeting = valueRange(innerKey, innerValue, innerColumn, flow);
                    ep.greetingValue = decoded(innerValue);
                }
            }
        } else if (name == "on-message") {
            ep.rules.clear();
            ep.rulesBlock = false;
            ep.onMessageKey = keyRange(key, ep.flow);
            ep.onMessage = valueRange(key, value, column, ep.flow);
            if (!value.IsSequence())
                continue;
            const bool flow = ep.flow || isFlow(value);
            ep.rulesBlock = !flow;
            for (const auto &item : value)
                ep.rules.append(rule(item, flow));
        }
    }
    return ep;
}

RuleOutline Builder::rule(const YAML::Node &item, bool flowList) const
{
    RuleOutline r;
    if (!item.IsDefined() || item.IsNull())
        return r;
    itemRange(item, flowList, &r.item, &r.comments);
    r.line = line(r.item.start);
    r.flow = flowList;
    if (!item.IsMap())
        return r;
    r.flow = flowList || isFlow(item);
    const auto kvs = entries(item);
    const int column = keyColumn(kvs, r.flow);
    r.keyIndent = column;
    for (const auto &[key, value] : kvs) {
        const std::string name = keyName(key);
        r.keys.append(keyOutline(key, value, column, r.flow));
        if (name == "pattern") {
            r.patternKey = keyRange(key, r.flow);
            r.pattern = valueRange(key, value, column, r.flow);
            r.patternValue = decoded(value);
        } else if (name == "response") {
            r.responseKey = keyRange(key, r.flow);
            r.response = valueRange(key, value, column, r.flow);
            r.responseValue = decoded(value);
        }
    }
    return r;
}

// ---- edits ----

QString eolOf(const QString &yaml)
{
    return yaml.contains(QLatin1String("\r\n")) ? QStringLiteral("\r\n") : QStringLiteral("\n");
}

QString spaces(int count)
{
    return QString(std::max(count, 0), QLatin1Char(' '));
}

bool fits(const QString &yaml, const TextRange &range)
{
    return range.isValid() && range.end <= yaml.size();
}

bool isNullToken(const QString &text)
{
    return text == QLatin1String("~") || text == QLatin1String("null")
        || text == QLatin1String("Null") || text == QLatin1String("NULL");
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
    const RuleOutline &r = ep->rules.at(rule);
    return fits(yaml, r.item) ? &r : nullptr;
}

// Whole lines: the comments above the item, the item, its trailing comments.
TextRange blockOf(const Text &x, const TextRange &item, const TextRange &comments)
{
    if (!item.isValid() || !x.startsLine(item.start))
        return {};
    return { comments.isValid() ? comments.start : x.lineStart(item.start), item.end };
}

// An insertion at a line start; at the end of a text without a final line break, one first.
TextEdit insertLines(const Text &x, qsizetype at, const QString &lines, const QString &eol)
{
    if (at >= x.n && x.n > 0 && x.t.at(x.n - 1) != u'\n')
        return { x.n, x.n, eol + lines };
    return { at, at, lines };
}

bool blankLineBetween(const Text &x, qsizetype from, qsizetype to)
{
    for (qsizetype ls = x.lineStart(from); ls < to && ls < x.n; ls = x.nextLine(ls)) {
        if (ls >= from && x.isBlank(ls))
            return true;
    }
    return false;
}

// Whether consecutive blocks are separated by blank lines; fallback when there is one block.
bool blankSeparated(const Text &x, const QList<TextRange> &blocks, bool fallback)
{
    bool seen = false;
    for (qsizetype i = 1; i < blocks.size(); ++i) {
        if (!blocks.at(i - 1).isValid() || !blocks.at(i).isValid())
            continue;
        if (blankLineBetween(x, blocks.at(i - 1).end, blocks.at(i).start))
            return true;
        seen = true;
    }
    return seen ? false : fallback;
}

bool endsWithBlankLine(const Text &x)
{
    if (x.n == 0 || x.t.at(x.n - 1) != u'\n')
        return false;
    const qsizetype last = x.lineStart(x.n - 1);
    return x.isBlank(last);
}

QList<TextRange> itemBlocks(const Text &x, const SpecOutline &outline)
{
    QList<TextRange> blocks;
    for (const ItemOutline &item : outline.items)
        blocks.append(blockOf(x, item.item, item.comments));
    return blocks;
}

QList<TextRange> ruleBlocks(const Text &x, const EndpointOutline &ep)
{
    QList<TextRange> blocks;
    for (const RuleOutline &rule : ep.rules)
        blocks.append(blockOf(x, rule.item, rule.comments));
    return blocks;
}

// Indentation of the file, taken from its endpoints (the one concerned first).
struct Style
{
    int dashColumn = 0;
    int websocketOffset = 2; // "websocket" after the "-"
    int mapOffset = 4; // keys inside "websocket:" after the "-"
    int step = 2; // one nesting level
    int ruleDashOffset = -1; // the rule's "-" after "on-message"
    int ruleKeyOffset = 2; // "pattern" after the rule's "-"
};

int firstKeyOffset(const Text &x, const RuleOutline &rule)
{
    qsizetype key = -1;
    for (const TextRange &r : { rule.patternKey, rule.responseKey }) {
        if (r.isValid() && (key < 0 || r.start < key))
            key = r.start;
    }
    if (rule.flow || key < 0 || x.breakBetween(rule.item.start, key))
        return -1;
    return int(key - rule.item.start);
}

Style styleOf(const Text &x, const SpecOutline &outline, int preferred)
{
    Style st;
    QList<int> order;
    if (preferred >= 0 && preferred < outline.endpoints.size())
        order.append(preferred);
    for (int i = 0; i < outline.endpoints.size(); ++i) {
        if (i != preferred)
            order.append(i);
    }
    bool dash = false, websocket = false, map = false, step = false, ruleDash = false,
         ruleKey = false;
    for (int i : std::as_const(order)) {
        const EndpointOutline &ep = outline.endpoints.at(i);
        if (!fits(x.t, ep.item) || ep.flow || !x.startsLine(ep.item.start))
            continue;
        const int dashColumn = x.column(ep.item.start);
        if (!dash) {
            st.dashColumn = dashColumn;
            dash = true;
        }
        if (!websocket && ep.websocketKey.isValid()
            && !x.breakBetween(ep.item.start, ep.websocketKey.start)) {
            st.websocketOffset = x.column(ep.websocketKey.start) - dashColumn;
            websocket = true;
        }
        if (!map && ep.keyIndent > dashColumn) {
            st.mapOffset = ep.keyIndent - dashColumn;
            map = true;
        }
        if (!step && ep.onConnectIndent >= 0 && ep.onConnectKey.isValid()
            && ep.onConnectIndent > x.column(ep.onConnectKey.start)) {
            st.step = ep.onConnectIndent - x.column(ep.onConnectKey.start);
            step = true;
        }
        if (!step && ep.websocketKey.isValid() && ep.keyIndent > x.column(ep.websocketKey.start)) {
            st.step = ep.keyIndent - x.column(ep.websocketKey.start);
            step = true;
        }
        if (!ruleDash && ep.rulesBlock && !ep.rules.isEmpty() && ep.rules.first().item.isValid()) {
            st.ruleDashOffset = std::max(
                0, x.column(ep.rules.first().item.start) - x.column(ep.onMessageKey.start));
            ruleDash = true;
        }
        for (const RuleOutline &rule : ep.rules) {
            if (ruleKey || !ep.rulesBlock)
                break;
            const int offset = firstKeyOffset(x, rule);
            if (offset > 0) {
                st.ruleKeyOffset = offset;
                ruleKey = true;
            }
        }
    }
    if (st.websocketOffset < 1)
        st.websocketOffset = 2;
    if (!step)
        st.step = st.mapOffset > st.websocketOffset ? st.mapOffset - st.websocketOffset : 2;
    if (st.mapOffset <= st.websocketOffset)
        st.mapOffset = st.websocketOffset + st.step;
    if (st.ruleDashOffset < 0)
        st.ruleDashOffset = st.step;
    return st;
}

bool needsEscape(char16_t c)
{
    return c < 0x20 || c == 0x7f || (c >= 0x80 && c <= 0x9f) || c == 0x2028 || c == 0x2029
        || c == 0xfeff || c == 0xfffe || c == 0xffff;
}

QString doubleQuoted(const QString &value)
{
    QString out = QStringLiteral("\"");
    for (const QChar ch : value) {
        const char16_t c = ch.unicode();
        switch (c) {
        case u'\\':
            out += QLatin1String("\\\\");
            break;
        case u'"':
            out += QLatin1String("\\\"");
            break;
        case u'\n':
            out += QLatin1String("\\n");
            break;
        case u'\t':
            out += QLatin1String("\\t");
            break;
        case u'\r':
            out += QLatin1String("\\r");
            break;
        case u'\0':
            out += QLatin1String("\\0");
            break;
        default:
            if (needsEscape(c)) {
                const bool small = c < 0x100;
                out += (small ? QLatin1String("\\x") : QLatin1String("\\u"))
                    + QString::number(c, 16).toUpper().rightJustified(small ? 2 : 4, u'0');
            } else {
                out += ch;
            }
        }
    }
    return out + QLatin1Char('"');
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
    for (const QChar c : value) {
        // Brackets are fine in block context, but quoting them keeps "{{...}}" templates
        // and JSON-looking text obviously text.
        if ((c.isSpace() && c != u' ') || (c != u',' && isFlowIndicator(c))
            || (flow && (c == u',' || c == u':' || c == u'?')))
            return false;
    }
    // Words and numbers that YAML (1.1 or 1.2) reads as something other than text.
    static const QRegularExpression notText(QStringLiteral(
        "^(~|null|Null|NULL|true|True|TRUE|false|False|FALSE|yes|Yes|YES|no|No|NO|on|On|ON"
        "|off|Off|OFF|y|Y|n|N|<<|=)$"
        "|^[-+]?(\\.[0-9]+|[0-9][0-9_]*(\\.[0-9_]*)?)([eE][-+]?[0-9]+)?$"
        "|^0x[0-9a-fA-F_]+$|^0o?[0-7_]+$|^0b[01_]+$"
        "|^[-+]?\\.(inf|Inf|INF)$|^\\.(nan|NaN|NAN)$"
        "|^[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+(\\.[0-9_]*)?$"
        "|^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}"));
    return !notText.match(value).hasMatch();
}

// A literal block scalar ("|" or "|-") for a multi-line value, or nothing when one cannot
// say it exactly (control characters, a first line starting with a space, trailing empty
// lines).
QString literalBlock(const QString &value, int indent, const QString &eol)
{
    QString body = value;
    QString header = QStringLiteral("|-");
    if (body.endsWith(QLatin1Char('\n'))) {
        body.chop(1);
        header = QStringLiteral("|");
        if (body.endsWith(QLatin1Char('\n')) || body.isEmpty())
            return QString();
    }
    for (const QChar c : body) {
        if (c != u'\n' && c != u'\t' && needsEscape(c.unicode()))
            return QString();
    }
    const QStringList lines = body.split(QLatin1Char('\n'));
    bool content = false;
    for (const QString &line : lines) {
        if (line.trimmed().isEmpty() && !line.isEmpty())
            return QString(); // a line of blanks only: ambiguous with indentation
        if (line.isEmpty())
            continue;
        if (!content && line.front() == u' ')
            return QString();
        content = true;
    }
    if (!content)
        return QString();
    QString out = header;
    for (const QString &line : lines)
        out += eol + (line.isEmpty() ? QString() : spaces(indent) + line);
    return out;
}

// Replaces the value of key (at range) with a scalar saying value.
TextEdit scalarEdit(const QString &yaml, const TextRange &key, const TextRange &range,
                    const QString &value, bool flow)
{
    if (!fits(yaml, key) || !fits(yaml, range))
        return {};
    const Scanner s(yaml);
    const Text &x = s.x;
    const QString old = yaml.mid(range.start, range.length());
    const qsizetype colon = s.colonAfterKey(key.start, flow);

    if (!flow && (old.startsWith(QLatin1Char('|')) || old.startsWith(QLatin1Char('>')))
        && value.contains(QLatin1Char('\n'))) {
        // Keep a block scalar one, at its indentation.
        int indent = x.column(key.start) + 2;
        for (qsizetype ls = x.nextLine(range.start); ls < range.end; ls = x.nextLine(ls)) {
            if (!x.isBlank(ls)) {
                indent = x.indent(ls);
                break;
            }
        }
        QString block = literalBlock(value, indent, eolOf(yaml));
        // At the very end of the text, "|" needs a line break after it to keep the last one.
        if (block.startsWith(QLatin1String("|\n")) || block.startsWith(QLatin1String("|\r\n"))) {
            if (range.end >= yaml.size())
                block += eolOf(yaml);
        }
        if (!block.isEmpty())
            return block == old ? TextEdit {} : TextEdit { range.start, range.end, block };
    }

    const QString q = SpecEdits::quoted(value, flow);
    if (!flow && colon >= 0 && x.breakBetween(colon, range.start)) {
        // The value starts on a line of its own (a block map or list, say): the new scalar goes
        // right after the colon, before a comment on the key's line.
        const QString tail = yaml.mid(colon, x.lineEnd(colon) - colon).trimmed();
        QString replacement = QLatin1Char(' ') + q;
        if (tail.startsWith(QLatin1Char('#')))
            replacement += QLatin1String("  ") + tail;
        return { colon, range.end, replacement };
    }
    if (range.length() == 0) // "key:" without a value
        return { range.start, range.end, QLatin1Char(' ') + q };
    if (old == q)
        return {};
    return { range.start, range.end, q };
}

// ---- keys of a map ----

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
    for (const QChar c : text) {
        if (needsEscape(c.unicode()) || (flow && (isFlowIndicator(c))))
            return false;
    }
    return true;
}

QString scalarText(const YamlValue &v, bool flow)
{
    if (v.plain && verbatimSafe(v.text, flow))
        return v.text;
    return SpecEdits::quoted(v.text, flow);
}

QString flowText(const YamlValue &v)
{
    switch (v.kind) {
    case YamlValue::Kind::None:
        return QStringLiteral("null");
    case YamlValue::Kind::Scalar:
        return scalarText(v, true);
    case YamlValue::Kind::List: {
        QStringList parts;
        for (const YamlValue &item : v.items)
            parts.append(flowText(item));
        return QLatin1Char('[') + parts.join(QLatin1String(", ")) + QLatin1Char(']');
    }
    case YamlValue::Kind::Map: {
        QStringList parts;
        for (qsizetype i = 0; i < v.keys.size() && i < v.items.size(); ++i)
            parts.append(SpecEdits::quoted(v.keys.at(i), true) + QLatin1String(": ")
                         + flowText(v.items.at(i)));
        return QLatin1Char('{') + parts.join(QLatin1String(", ")) + QLatin1Char('}');
    }
    }
    return QString();
}

// The keys of a map as the edits see them.
struct MapTarget
{
    QList<KeyOutline> keys;
    bool flow = false;
    int keyIndent = -1; // block: the keys' column
    qsizetype insertAt = -1; // block: the line start where new keys go
};

qsizetype keyEnd(const KeyOutline &k)
{
    return k.range.isValid() ? std::max(k.range.end, k.key.end) : k.key.end;
}

qsizetype lastKeyEnd(const QList<KeyOutline> &keys)
{
    qsizetype last = -1;
    for (const KeyOutline &k : keys)
        last = std::max(last, keyEnd(k));
    return last;
}

// nullopt: impossible; a null edit: nothing to change.
std::optional<TextEdit> keyEdit(const QString &yaml, const MapTarget &t, const QString &name,
                                const YamlValue &value, const Style &st)
{
    const Scanner s(yaml);
    const Text &x = s.x;
    const QString eol = eolOf(yaml);
    const KeyOutline *k = findKey(t.keys, name);
    if (k && (!fits(yaml, k->key) || (k->range.isValid() && !fits(yaml, k->range))))
        return std::nullopt;
    auto rendered = [&](int column) {
        return SpecEdits::render(value, column, eol, st.ruleDashOffset, st.ruleKeyOffset, st.step);
    };

    if (value.isNull()) {
        if (!k)
            return TextEdit {};
        QList<KeyOutline> sorted = t.keys;
        std::sort(sorted.begin(), sorted.end(), [](const KeyOutline &a, const KeyOutline &b) {
            return a.key.start < b.key.start;
        });
        qsizetype index = 0;
        while (index < sorted.size() && sorted.at(index).key.start != k->key.start)
            ++index;
        const KeyOutline *prev = index > 0 ? &sorted.at(index - 1) : nullptr;
        const KeyOutline *next = index + 1 < sorted.size() ? &sorted.at(index + 1) : nullptr;
        if (t.flow) {
            if (prev)
                return TextEdit { keyEnd(*prev), keyEnd(*k), QString() };
            if (next)
                return TextEdit { k->key.start, next->key.start, QString() };
            return TextEdit { k->key.start, keyEnd(*k), QString() };
        }
        if (x.startsLine(k->key.start)) {
            const int column = x.column(k->key.start);
            const TextRange above = s.commentsAbove(k->key.start, column);
            const qsizetype start = above.isValid() ? above.start : x.lineStart(k->key.start);
            return TextEdit { start, s.extendItem(keyEnd(*k), column), QString() };
        }
        // The first key of a list item ("- delay: 1s"): the next key moves up to the "-".
        if (next)
            return TextEdit { k->key.start, next->key.start, QString() };
        return std::nullopt;
    }

    if (k) {
        // It already reads as that value (in whatever style): nothing to change.
        if (k->value == value)
            return TextEdit {};
        const TextRange range = k->range;
        if (value.isScalar() && !value.plain)
            return scalarEdit(yaml, k->key, range, value.text, t.flow);
        const qsizetype colon = s.colonAfterKey(k->key.start, t.flow);
        if (colon < 0 || !range.isValid())
            return std::nullopt;
        if (t.flow) {
            const QString text = flowText(value);
            if (range.length() == 0)
                return TextEdit { colon, colon, QLatin1Char(' ') + text };
            if (yaml.mid(range.start, range.length()) == text)
                return TextEdit {};
            return TextEdit { range.start, range.end, text };
        }
        const QString r = rendered(x.column(k->key.start));
        const bool inlineValue = !r.startsWith(eol);
        const bool ownLine = range.length() == 0 || x.breakBetween(colon, range.start);
        if (inlineValue && !ownLine) {
            if (yaml.mid(range.start, range.length()) == r.mid(1))
                return TextEdit {};
            return TextEdit { range.start, range.end, r.mid(1) };
        }
        qsizetype end = std::max(range.end, colon);
        QString tail;
        if (ownLine) {
            end = std::max(end, x.lineEnd(colon));
            tail = yaml.mid(colon, x.lineEnd(colon) - colon).trimmed();
        } else {
            tail = yaml.mid(range.end, x.lineEnd(range.end) - range.end).trimmed();
            if (tail.startsWith(QLatin1Char('#')))
                end = x.lineEnd(range.end);
        }
        if (!tail.startsWith(QLatin1Char('#')))
            tail.clear();
        const QString comment = tail.isEmpty() ? QString() : QLatin1String("  ") + tail;
        const QString replacement = inlineValue ? r + comment : comment + r;
        if (yaml.mid(colon, end - colon) == replacement)
            return TextEdit {};
        return TextEdit { colon, end, replacement };
    }

    // A new key.
    if (t.flow) {
        qsizetype last = -1;
        for (const KeyOutline &other : t.keys)
            last = std::max(last, keyEnd(other));
        if (last < 0 || last > yaml.size())
            return std::nullopt;
        return TextEdit { last, last,
                          QLatin1String(", ") + SpecEdits::quoted(name, true) + QLatin1String(": ")
                              + flowText(value) };
    }
    if (t.keyIndent < 0 || t.insertAt < 0 || t.insertAt > yaml.size())
        return std::nullopt;
    const QString line = spaces(t.keyIndent) + SpecEdits::quoted(name) + QLatin1Char(':')
        + rendered(t.keyIndent) + eol;
    return insertLines(x, t.insertAt, line, eol);
}

// Edits of one text, none overlapping, as one: what lies between them is kept.
std::optional<TextEdit> merged(const QString &yaml, QList<TextEdit> edits)
{
    edits.erase(
        std::remove_if(edits.begin(), edits.end(), [](const TextEdit &e) { return e.isNull(); }),
        edits.end());
    if (edits.isEmpty())
        return TextEdit {};
    std::stable_sort(edits.begin(), edits.end(),
                     [](const TextEdit &a, const TextEdit &b) { return a.start < b.start; });
    TextEdit out { edits.first().start, edits.first().start, QString() };
    for (const TextEdit &e : std::as_const(edits)) {
        if (e.start < out.end || e.end < e.start || e.end > yaml.size())
            return std::nullopt;
        out.replacement += yaml.mid(out.end, e.start - out.end) + e.replacement;
        out.end = e.end;
    }
    return out;
}

TextEdit keysEdit(const QString &yaml, const MapTarget &t, const SpecEdits::KeyValues &values,
                  const Style &st)
{
    if (t.flow && !t.keys.isEmpty()) {
        // A flow map whose keys all go while others come: the new keys replace the old ones
        // (removing the only key and appending ", key: value" after it would leave "{, key").
        bool allGo = true;
        for (const KeyOutline &k : t.keys) {
            const auto it = std::find_if(values.cbegin(), values.cend(),
                                         [&k](const auto &v) { return v.first == k.name; });
            if (it == values.cend() || !it->second.isNull())
                allGo = false;
        }
        QStringList added;
        for (const auto &[name, value] : values) {
            if (!value.isNull())
                added.append(SpecEdits::quoted(name, true) + QLatin1String(": ") + flowText(value));
        }
        if (allGo && !added.isEmpty()) {
            qsizetype first = -1;
            for (const KeyOutline &k : t.keys) {
                if (!fits(yaml, k.key))
                    return {};
                first = first < 0 ? k.key.start : std::min(first, k.key.start);
            }
            const qsizetype last = lastKeyEnd(t.keys);
            if (first < 0 || last < first || last > yaml.size())
                return {};
            return { first, last, added.join(QLatin1String(", ")) };
        }
    }
    QList<TextEdit> edits;
    for (const auto &[name, value] : values) {
        const std::optional<TextEdit> e = keyEdit(yaml, t, name, value, st);
        if (!e)
            return {};
        edits.append(*e);
    }
    return merged(yaml, edits).value_or(TextEdit {});
}

// Removes a block (whole lines) and the blank lines that would otherwise double up.
TextEdit removeBlock(const Text &x, const QList<TextRange> &blocks, int index)
{
    const TextRange block = blocks.at(index);
    if (!block.isValid())
        return {};
    const bool hasPrevious = index > 0;
    const bool hasNext = index + 1 < blocks.size();
    qsizetype start = block.start;
    qsizetype end = block.end;
    qsizetype after = end;
    while (after < x.n && x.isBlank(after))
        after = x.nextLine(after);
    qsizetype before = start;
    while (before > x.begin && x.isBlank(x.lineStart(before - 1)))
        before = x.lineStart(before - 1);
    if (hasNext && after > end && (before < start || !hasPrevious))
        end = after;
    else if (!hasNext && hasPrevious && before < start && (after > end || after >= x.n))
        start = before;
    return { start, end, QString() };
}

// Swaps two blocks (whole lines), leaving what lies between them in place.
TextEdit swapBlocks(const Text &x, TextRange a, TextRange b, const QString &eol)
{
    if (!a.isValid() || !b.isValid())
        return {};
    if (b.start < a.start)
        std::swap(a, b);
    if (a.end > b.start)
        return {};
    QString first = x.t.mid(a.start, a.length());
    QString second = x.t.mid(b.start, b.length());
    const QString middle = x.t.mid(a.end, b.start - a.end);
    if (!second.endsWith(QLatin1Char('\n'))) {
        // The last block had no final line break: neither does the new last one.
        second += eol;
        if (first.endsWith(eol))
            first.chop(eol.size());
    }
    return { a.start, b.end, second + middle + first };
}

TextEdit moveIn(const Text &x, const QList<TextRange> &blocks, int from, int to)
{
    if (from < 0 || to < 0 || from >= blocks.size() || to >= blocks.size() || from == to)
        return {};
    return swapBlocks(x, blocks.at(from), blocks.at(to), eolOf(x.t));
}

// "/a" -> "/a-copy" (or "/a-copy2", ...), "/a/:id" -> "/a/:id/copy": no clash with any path.
QString copyPath(const SpecOutline &outline, const QString &path)
{
    if (!PathPattern::parse(path))
        return QString();
    QList<PathPattern> existing;
    for (const EndpointOutline &ep : outline.endpoints) {
        if (auto p = PathPattern::parse(ep.pathValue))
            existing.append(*p);
    }
    const QStringList segments = PathPattern::splitPath(path);
    const bool endsInParameter
        = !segments.isEmpty() && segments.last().startsWith(QLatin1Char(':'));
    for (int n = 1; n < 1000; ++n) {
        const QString suffix = n == 1 ? QString() : QString::number(n);
        const QString candidate
            = path + (endsInParameter ? QStringLiteral("/copy") : QStringLiteral("-copy")) + suffix;
        const auto pattern = PathPattern::parse(candidate);
        if (!pattern)
            continue;
        const bool clash = std::any_of(existing.cbegin(), existing.cend(),
                                       [&](const PathPattern &p) { return p.sameShape(*pattern); });
        if (!clash)
            return candidate;
    }
    return QString();
}

} // namespace

const KeyOutline *findKey(const QList<KeyOutline> &keys, const QString &name)
{
    // The last one: a repeated key's last value is the one the loader keeps.
    for (auto it = keys.crbegin(); it != keys.crend(); ++it) {
        if (it->name == name)
            return &*it;
    }
    return nullptr;
}

QString YamlValue::toJson() const
{
    switch (kind) {
    case Kind::None:
        return QString();
    case Kind::Scalar:
        return text;
    case Kind::List:
    case Kind::Map:
        break;
    }
    auto json = [](const YamlValue &v, const auto &self) -> QString {
        switch (v.kind) {
        case Kind::None:
            return QStringLiteral("null");
        case Kind::Scalar:
            return v.plain ? plainScalarJson(v.text.toStdString())
                           : QLatin1Char('"') + jsonStringEscaped(v.text) + QLatin1Char('"');
        case Kind::List: {
            QStringList parts;
            for (const YamlValue &item : v.items)
                parts.append(self(item, self));
            return QLatin1Char('[') + parts.join(QLatin1Char(',')) + QLatin1Char(']');
        }
        case Kind::Map: {
            QStringList parts;
            for (qsizetype i = 0; i < v.keys.size() && i < v.items.size(); ++i)
                parts.append(QLatin1Char('"') + jsonStringEscaped(v.keys.at(i))
                             + QStringLiteral("\":") + self(v.items.at(i), self));
            return QLatin1Char('{') + parts.join(QLatin1Char(',')) + QLatin1Char('}');
        }
        }
        return QString();
    };
    return json(*this, json);
}

SpecOutline SpecOutline::parse(const QString &yaml)
{
    return parse(ParsedYaml::fromText(yaml));
}

SpecOutline SpecOutline::parse(const ParsedYaml &yaml)
{
    SpecOutline out;
    // What the loader rejects before reading nodes, the outline rejects too.
    if (yaml.failure() == ParsedYaml::Failure::UnclosedQuote) {
        out.m_error = QCoreApplication::translate(
            "SpecLoader", "YAML syntax error: end of stream reached without closing quote");
        out.m_errorLine = yaml.failureMark().line + 1;
        return out;
    }
    if (yaml.failure() == ParsedYaml::Failure::Syntax) {
        out.m_error = tr("YAML syntax error: %1").arg(yaml.syntaxMessage());
        out.m_errorLine = yaml.failureMark().is_null() ? 0 : yaml.failureMark().line + 1;
        return out;
    }
    try {
        Builder(yaml.text()).build(yaml.root(), out);
        out.m_ok = true;
    } catch (const std::exception &e) {
        out = SpecOutline();
        out.m_error = tr("cannot read the file: %1").arg(QString::fromLocal8Bit(e.what()));
    }
    return out;
}

namespace SpecEdits {

QString quoted(const QString &value, bool flowContext)
{
    for (const QChar c : value) {
        if (needsEscape(c.unicode()))
            return doubleQuoted(value);
    }
    if (plainSafe(value, flowContext))
        return value;
    QString inner = value;
    inner.replace(QLatin1Char('\''), QLatin1String("''"));
    return QLatin1Char('\'') + inner + QLatin1Char('\'');
}

static TextEdit uncheckedSetPath(const QString &yaml, const SpecOutline &outline, int endpoint,
                                 const QString &value)
{
    const EndpointOutline *ep = endpointAt(yaml, outline, endpoint);
    if (!ep)
        return {};
    return scalarEdit(yaml, ep->pathKey, ep->path, value, ep->flow);
}

static TextEdit uncheckedSetGreeting(const QString &yaml, const SpecOutline &outline, int endpoint,
                                     const QString &value)
{
    const EndpointOutline *ep = endpointAt(yaml, outline, endpoint);
    if (!ep)
        return {};
    const Scanner s(yaml);
    const Text &x = s.x;
    const QString eol = eolOf(yaml);

    if (value.isEmpty()) {
        if (!fits(yaml, ep->onConnectKey) || ep->flow || !x.startsLine(ep->onConnectKey.start))
            return {};
        const int column = x.column(ep->onConnectKey.start);
        const qsizetype valueEnd
            = fits(yaml, ep->onConnect) ? ep->onConnect.end : ep->onConnectKey.end;
        const TextRange above = s.commentsAbove(ep->onConnectKey.start, column);
        const qsizetype start = above.isValid() ? above.start : x.lineStart(ep->onConnectKey.start);
        return { start, s.extendItem(valueEnd, column), QString() };
    }
    if (ep->hasGreeting)
        return scalarEdit(yaml, ep->greetingKey, ep->greeting, value, ep->greetingFlow);
    if (ep->flow || ep->keyIndent < 0)
        return {};

    const Style st = styleOf(x, outline, endpoint);
    const QString q = quoted(value);
    if (fits(yaml, ep->onConnectKey) && fits(yaml, ep->onConnect)) {
        const TextRange v = ep->onConnect;
        const int column = x.column(ep->onConnectKey.start);
        if (ep->onConnectIndent >= 0) // a map without "response"
            return insertLines(x, x.nextLine(ep->onConnectKey.end),
                               spaces(ep->onConnectIndent) + QLatin1String("response: ") + q + eol,
                               eol);
        const QString line = spaces(column + st.step) + QLatin1String("response: ") + q;
        if (v.length() == 0)
            return insertLines(x, x.nextLine(v.start), line + eol, eol);
        if (isNullToken(yaml.mid(v.start, v.length()))) {
            const qsizetype colon = s.colonAfterKey(ep->onConnectKey.start, false);
            return { colon, v.end, eol + line };
        }
        return {};
    }
    // No on-connect: under the path, or right under "websocket:".
    const qsizetype after
        = fits(yaml, ep->path) && ep->path.length() > 0 ? ep->path.end : ep->websocketKey.end;
    const QString lines = spaces(ep->keyIndent) + QLatin1String("on-connect:") + eol
        + spaces(ep->keyIndent + st.step) + QLatin1String("response: ") + q + eol;
    return insertLines(x, x.nextLine(after), lines, eol);
}

static TextEdit uncheckedSetRulePattern(const QString &yaml, const SpecOutline &outline,
                                        int endpoint, int rule, const QString &value)
{
    const RuleOutline *r = ruleAt(yaml, outline, endpoint, rule);
    if (!r)
        return {};
    return scalarEdit(yaml, r->patternKey, r->pattern, value, r->flow);
}

static TextEdit uncheckedSetRuleResponse(const QString &yaml, const SpecOutline &outline,
                                         int endpoint, int rule, const QString &value)
{
    const RuleOutline *r = ruleAt(yaml, outline, endpoint, rule);
    if (!r)
        return {};
    return scalarEdit(yaml, r->responseKey, r->response, value, r->flow);
}

static TextEdit uncheckedSetRuleKeys(const QString &yaml, const SpecOutline &outline, int endpoint,
                                     int rule, const KeyValues &values)
{
    const RuleOutline *r = ruleAt(yaml, outline, endpoint, rule);
    if (!r || r->keys.isEmpty())
        return {};
    const Text x(yaml);
    MapTarget t;
    t.keys = r->keys;
    t.flow = r->flow;
    t.keyIndent = r->keyIndent;
    const qsizetype last = lastKeyEnd(r->keys);
    t.insertAt = last >= 0 ? x.nextLine(last) : -1;
    return keysEdit(yaml, t, values, styleOf(x, outline, endpoint));
}

static TextEdit uncheckedSetEndpointKeys(const QString &yaml, const SpecOutline &outline,
                                         int endpoint, const KeyValues &values)
{
    const EndpointOutline *ep = endpointAt(yaml, outline, endpoint);
    if (!ep || (!ep->flow && ep->keyIndent < 0))
        return {};
    const Text x(yaml);
    MapTarget t;
    t.keys = ep->keys;
    t.flow = ep->flow;
    t.keyIndent = ep->keyIndent;
    if (fits(yaml, ep->path) && ep->path.length() > 0)
        t.insertAt = x.nextLine(ep->path.end);
    else if (fits(yaml, ep->websocketKey))
        t.insertAt = x.nextLine(ep->websocketKey.end);
    return keysEdit(yaml, t, values, styleOf(x, outline, endpoint));
}

static TextEdit uncheckedSetGreetingKeys(const QString &yaml, const SpecOutline &outline,
                                         int endpoint, const KeyValues &values)
{
    const EndpointOutline *ep = endpointAt(yaml, outline, endpoint);
    if (!ep)
        return {};
    const Text x(yaml);
    const bool isMap = !ep->onConnectKeys.isEmpty() || ep->onConnectIndent >= 0;
    if (!isMap) {
        // No on-connect, or an empty one: on-connect gets a map with the keys given.
        YamlValue map = YamlValue::map(ep->flow);
        for (const auto &[name, value] : values) {
            if (!value.isNull())
                map.insert(name, value);
        }
        if (map.keys.isEmpty())
            return {};
        return uncheckedSetEndpointKeys(yaml, outline, endpoint,
                                        { { QStringLiteral("on-connect"), map } });
    }
    // Keys all gone: on-connect goes too.
    QStringList remaining;
    for (const KeyOutline &k : ep->onConnectKeys)
        remaining.append(k.name);
    for (const auto &[name, value] : values) {
        if (value.isNull())
            remaining.removeAll(name);
        else if (!remaining.contains(name))
            remaining.append(name);
    }
    if (remaining.isEmpty()) {
        // In a flow map the on-connect key goes as any other key of it.
        if (ep->flow)
            return uncheckedSetEndpointKeys(yaml, outline, endpoint,
                                            { { QStringLiteral("on-connect"), YamlValue() } });
        return uncheckedSetGreeting(yaml, outline, endpoint, QString());
    }
    MapTarget t;
    t.keys = ep->onConnectKeys;
    t.flow = ep->onConnectFlow;
    t.keyIndent = ep->onConnectIndent;
    const qsizetype last = lastKeyEnd(ep->onConnectKeys);
    t.insertAt = last >= 0 ? x.nextLine(last) : -1;
    return keysEdit(yaml, t, values, styleOf(x, outline, endpoint));
}

static TextEdit uncheckedSetRuleMatch(const QString &yaml, const SpecOutline &outline, int endpoint,
                                      int rule, const QString &key, const YamlValue &value)
{
    const RuleOutline *r = ruleAt(yaml, outline, endpoint, rule);
    if (!r || value.isNull())
        return {};
    const KeyOutline *current = nullptr;
    for (const KeyOutline &k : r->keys) {
        if (k.name == QLatin1String("pattern") || k.name == QLatin1String("binary")) {
            current = &k;
            break;
        }
    }
    if (!current || current->name == key)
        return uncheckedSetRuleKeys(yaml, outline, endpoint, rule, { { key, value } });
    if (!fits(yaml, current->key) || !fits(yaml, current->range))
        return {};
    const QString text = value.isScalar() ? scalarText(value, r->flow) : flowText(value);
    return { current->key.start, keyEnd(*current),
             quoted(key, r->flow) + QLatin1String(": ") + text };
}

QString render(const YamlValue &value, int keyColumn, const QString &eol, int listOffset,
               int itemKeyOffset, int step)
{
    const bool block = !value.flow
        && ((value.isList() && !value.items.isEmpty()) || (value.isMap() && !value.keys.isEmpty()));
    if (!block)
        return QLatin1Char(' ') + (value.isScalar() ? scalarText(value, false) : flowText(value));
    auto entry = [&](const QString &key, const YamlValue &v, int column) -> QString {
        return quoted(key) + QLatin1Char(':')
            + render(v, column, eol, listOffset, itemKeyOffset, step);
    };
    QString out;
    if (value.isMap()) {
        const int column = keyColumn + step;
        for (qsizetype i = 0; i < value.keys.size() && i < value.items.size(); ++i)
            out += eol + spaces(column) + entry(value.keys.at(i), value.items.at(i), column);
        return out;
    }
    const int dash = keyColumn + std::max(listOffset, 0);
    for (const YamlValue &item : value.items) {
        out += eol + spaces(dash) + QLatin1Char('-');
        if (item.isMap() && !item.flow && !item.keys.isEmpty()) {
            const int column = dash + std::max(itemKeyOffset, 1);
            out += spaces(column - dash - 1);
            for (qsizetype i = 0; i < item.keys.size() && i < item.items.size(); ++i)
                out += (i ? eol + spaces(column) : QString())
                    + entry(item.keys.at(i), item.items.at(i), column);
        } else {
            out += QLatin1Char(' ') + (item.isScalar() ? scalarText(item, false) : flowText(item));
        }
    }
    return out;
}

static TextEdit uncheckedAddEndpoint(const QString &yaml, const SpecOutline &outline,
                                     const QString &path)
{
    if (!outline.ok() || !outline.blockList)
        return {};
    const Text x(yaml);
    const QString eol = eolOf(yaml);
    const Style st = styleOf(x, outline, 0);
    const QString item = spaces(st.dashColumn) + QLatin1Char('-') + spaces(st.websocketOffset - 1)
        + QLatin1String("websocket:") + eol + spaces(st.dashColumn + st.mapOffset)
        + QLatin1String("path: ") + quoted(path) + eol;
    QString prefix;
    if (x.n > 0 && yaml.back() != u'\n')
        prefix = eol;
    if (!outline.items.isEmpty() && blankSeparated(x, itemBlocks(x, outline), true)
        && !endsWithBlankLine(x))
        prefix += eol;
    return { x.n, x.n, prefix + item };
}

static TextEdit uncheckedRemoveEndpoint(const QString &yaml, const SpecOutline &outline,
                                        int endpoint)
{
    const EndpointOutline *ep = endpointAt(yaml, outline, endpoint);
    if (!ep || !outline.blockList || ep->itemIndex < 0 || ep->itemIndex >= outline.items.size())
        return {};
    const Text x(yaml);
    return removeBlock(x, itemBlocks(x, outline), ep->itemIndex);
}

static TextEdit uncheckedDuplicateEndpoint(const QString &yaml, const SpecOutline &outline,
                                           int endpoint)
{
    const EndpointOutline *ep = endpointAt(yaml, outline, endpoint);
    if (!ep || !outline.blockList || !fits(yaml, ep->path) || ep->path.start < ep->item.start
        || ep->path.end > ep->item.end)
        return {};
    const Text x(yaml);
    if (!x.startsLine(ep->item.start))
        return {};
    const QString path = copyPath(outline, ep->pathValue);
    if (path.isEmpty())
        return {};
    const QString eol = eolOf(yaml);
    const qsizetype start = x.lineStart(ep->item.start);
    QString copy = yaml.mid(start, ep->path.start - start) + quoted(path, ep->flow)
        + yaml.mid(ep->path.end, ep->item.end - ep->path.end);
    if (!copy.endsWith(QLatin1Char('\n')))
        copy += eol;
    if (blankSeparated(x, itemBlocks(x, outline), true))
        copy.prepend(eol);
    return insertLines(x, ep->item.end, copy, eol);
}

static TextEdit uncheckedMoveEndpoint(const QString &yaml, const SpecOutline &outline, int endpoint,
                                      int delta)
{
    const EndpointOutline *ep = endpointAt(yaml, outline, endpoint);
    const EndpointOutline *other = endpointAt(yaml, outline, endpoint + delta);
    if (!ep || !other || (delta != -1 && delta != 1) || !outline.blockList)
        return {};
    const Text x(yaml);
    return moveIn(x, itemBlocks(x, outline), ep->itemIndex, other->itemIndex);
}

static TextEdit uncheckedAddRule(const QString &yaml, const SpecOutline &outline, int endpoint,
                                 const QString &pattern, const QString &response)
{
    const EndpointOutline *ep = endpointAt(yaml, outline, endpoint);
    if (!ep || ep->flow || ep->keyIndent < 0)
        return {};
    const Scanner s(yaml);
    const Text &x = s.x;
    const QString eol = eolOf(yaml);
    const Style st = styleOf(x, outline, endpoint);
    auto ruleText = [&](int dashColumn, int keyOffset) -> QString {
        return spaces(dashColumn) + QLatin1Char('-') + spaces(keyOffset - 1)
            + QLatin1String("pattern: ") + quoted(pattern) + eol + spaces(dashColumn + keyOffset)
            + QLatin1String("response: ") + quoted(response) + eol;
    };

    if (!ep->rules.isEmpty()) {
        const RuleOutline &last = ep->rules.last();
        if (!ep->rulesBlock || !fits(yaml, last.item) || !x.startsLine(last.item.start))
            return {};
        const int offset = firstKeyOffset(x, last);
        QString text = ruleText(x.column(last.item.start), offset > 0 ? offset : st.ruleKeyOffset);
        if (blankSeparated(x, ruleBlocks(x, *ep), false))
            text.prepend(eol);
        return insertLines(x, last.item.end, text, eol);
    }
    if (fits(yaml, ep->onMessageKey) && fits(yaml, ep->onMessage)) {
        const TextRange v = ep->onMessage;
        QString text
            = ruleText(x.column(ep->onMessageKey.start) + st.ruleDashOffset, st.ruleKeyOffset);
        if (v.length() == 0)
            return insertLines(x, x.nextLine(v.start), text, eol);
        const QString old = yaml.mid(v.start, v.length());
        static const QRegularExpression emptyList(QStringLiteral("^\\[\\s*\\]$"));
        if (isNullToken(old) || emptyList.match(old).hasMatch()) {
            text.chop(eol.size());
            return { s.colonAfterKey(ep->onMessageKey.start, false), v.end, eol + text };
        }
        return {};
    }
    // No on-message: at the end of the websocket map, after its trailing comments.
    if (!fits(yaml, ep->websocket))
        return {};
    const QString text = spaces(ep->keyIndent) + QLatin1String("on-message:") + eol
        + ruleText(ep->keyIndent + st.ruleDashOffset, st.ruleKeyOffset);
    return insertLines(x, s.extendItem(ep->websocket.end, ep->keyIndent - 1), text, eol);
}

static TextEdit uncheckedRemoveRule(const QString &yaml, const SpecOutline &outline, int endpoint,
                                    int rule)
{
    const RuleOutline *r = ruleAt(yaml, outline, endpoint, rule);
    if (!r || !outline.endpoints.at(endpoint).rulesBlock)
        return {};
    const Text x(yaml);
    return removeBlock(x, ruleBlocks(x, outline.endpoints.at(endpoint)), rule);
}

static TextEdit uncheckedDuplicateRule(const QString &yaml, const SpecOutline &outline,
                                       int endpoint, int rule)
{
    const RuleOutline *r = ruleAt(yaml, outline, endpoint, rule);
    const Text x(yaml);
    if (!r || !outline.endpoints.at(endpoint).rulesBlock || !x.startsLine(r->item.start))
        return {};
    const QString eol = eolOf(yaml);
    const qsizetype start = x.lineStart(r->item.start);
    QString copy = yaml.mid(start, r->item.end - start);
    if (!copy.endsWith(QLatin1Char('\n')))
        copy += eol;
    if (blankSeparated(x, ruleBlocks(x, outline.endpoints.at(endpoint)), false))
        copy.prepend(eol);
    return insertLines(x, r->item.end, copy, eol);
}

static TextEdit uncheckedMoveRule(const QString &yaml, const SpecOutline &outline, int endpoint,
                                  int rule, int delta)
{
    const RuleOutline *r = ruleAt(yaml, outline, endpoint, rule);
    if (!r || (delta != -1 && delta != 1) || !outline.endpoints.at(endpoint).rulesBlock)
        return {};
    const Text x(yaml);
    return moveIn(x, ruleBlocks(x, outline.endpoints.at(endpoint)), rule, rule + delta);
}

// ---- the safety net ----
//
// Every edit is applied and the result outlined again before it is handed out: the text
// must still read, say what the edit meant (the value set, one endpoint or rule more or
// fewer, two swapped) and nothing else: every other endpoint, rule and value reads the same,
// every other top-level item keeps its text. An edit that fails this is refused (a null
// edit): some YAML (an explicit "? key", a tag alone on a line, invalid YAML that yaml-cpp
// still reads, ...) is beyond what a minimal text edit can change safely.

namespace {

struct RuleValues
{
    QString pattern;
    QString response;
    bool operator==(const RuleValues &o) const
    {
        return pattern == o.pattern && response == o.response;
    }
};

struct EndpointValues
{
    QString path;
    bool hasGreeting = false;
    QString greeting;
    QList<RuleValues> rules;
    int item = -1;
    bool operator==(const EndpointValues &o) const
    {
        return path == o.path && hasGreeting == o.hasGreeting && greeting == o.greeting
            && rules == o.rules && item == o.item;
    }
};

struct Values
{
    QList<EndpointValues> endpoints;
    QList<std::optional<QString>> items; // each top-level item's text; nullopt: not compared
};

Values valuesOf(const QString &yaml, const SpecOutline &outline)
{
    Values v;
    for (const EndpointOutline &ep : outline.endpoints) {
        EndpointValues e { ep.pathValue,
                           ep.hasGreeting,
                           ep.hasGreeting ? ep.greetingValue : QString(),
                           {},
                           ep.itemIndex };
        for (const RuleOutline &r : ep.rules)
            e.rules.append({ r.patternValue, r.responseValue });
        v.endpoints.append(e);
    }
    for (const ItemOutline &item : outline.items) {
        QString text
            = fits(yaml, item.item) ? yaml.mid(item.item.start, item.item.length()) : QString();
        while (!text.isEmpty() && isBreakChar(text.back()))
            text.chop(1);
        v.items.append(text);
    }
    return v;
}

bool matches(const Values &want, const Values &got)
{
    if (want.endpoints != got.endpoints || want.items.size() != got.items.size())
        return false;
    for (qsizetype i = 0; i < want.items.size(); ++i) {
        if (want.items.at(i) && want.items.at(i) != got.items.at(i))
            return false;
    }
    return true;
}

// The edit, when the text it gives reads as want; else a null edit.
TextEdit checked(const QString &yaml, const TextEdit &edit, const Values &want)
{
    if (edit.isNull())
        return edit;
    if (edit.start < 0 || edit.start > edit.end || edit.end > yaml.size())
        return {};
    const QString result = apply(yaml, edit);
    const SpecOutline after = SpecOutline::parse(result);
    if (!after.ok() || !matches(want, valuesOf(result, after)))
        return {};
    return edit;
}

// The values with what concerns endpoint e (its item's text) left open.
Values expectedFor(const QString &yaml, const SpecOutline &outline, int e)
{
    Values want = valuesOf(yaml, outline);
    const int item = want.endpoints.at(e).item;
    if (item >= 0 && item < want.items.size())
        want.items[item].reset();
    return want;
}

bool validEndpoint(const SpecOutline &outline, int e)
{
    return outline.ok() && e >= 0 && e < outline.endpoints.size();
}

bool validRule(const SpecOutline &outline, int e, int r)
{
    return validEndpoint(outline, e) && r >= 0 && r < outline.endpoints.at(e).rules.size();
}

} // namespace

TextEdit setPath(const QString &yaml, const SpecOutline &outline, int endpoint,
                 const QString &value)
{
    if (!validEndpoint(outline, endpoint))
        return {};
    Values want = expectedFor(yaml, outline, endpoint);
    want.endpoints[endpoint].path = value;
    return checked(yaml, uncheckedSetPath(yaml, outline, endpoint, value), want);
}

TextEdit setGreeting(const QString &yaml, const SpecOutline &outline, int endpoint,
                     const QString &value)
{
    if (!validEndpoint(outline, endpoint))
        return {};
    Values want = expectedFor(yaml, outline, endpoint);
    want.endpoints[endpoint].hasGreeting = !value.isEmpty();
    want.endpoints[endpoint].greeting = value;
    return checked(yaml, uncheckedSetGreeting(yaml, outline, endpoint, value), want);
}

TextEdit setRulePattern(const QString &yaml, const SpecOutline &outline, int endpoint, int rule,
                        const QString &value)
{
    if (!validRule(outline, endpoint, rule))
        return {};
    Values want = expectedFor(yaml, outline, endpoint);
    want.endpoints[endpoint].rules[rule].pattern = value;
    return checked(yaml, uncheckedSetRulePattern(yaml, outline, endpoint, rule, value), want);
}

TextEdit setRuleResponse(const QString &yaml, const SpecOutline &outline, int endpoint, int rule,
                         const QString &value)
{
    if (!validRule(outline, endpoint, rule))
        return {};
    Values want = expectedFor(yaml, outline, endpoint);
    want.endpoints[endpoint].rules[rule].response = value;
    return checked(yaml, uncheckedSetRuleResponse(yaml, outline, endpoint, rule, value), want);
}

TextEdit addEndpoint(const QString &yaml, const SpecOutline &outline, const QString &path)
{
    if (!outline.ok())
        return {};
    Values want = valuesOf(yaml, outline);
    want.endpoints.append({ path, false, QString(), {}, int(want.items.size()) });
    want.items.append(std::nullopt);
    return checked(yaml, uncheckedAddEndpoint(yaml, outline, path), want);
}

TextEdit removeEndpoint(const QString &yaml, const SpecOutline &outline, int endpoint)
{
    if (!validEndpoint(outline, endpoint))
        return {};
    Values want = valuesOf(yaml, outline);
    const int item = want.endpoints.at(endpoint).item;
    if (item < 0 || item >= want.items.size())
        return {};
    want.endpoints.removeAt(endpoint);
    want.items.removeAt(item);
    for (EndpointValues &e : want.endpoints) {
        if (e.item > item)
            --e.item;
    }
    return checked(yaml, uncheckedRemoveEndpoint(yaml, outline, endpoint), want);
}

TextEdit duplicateEndpoint(const QString &yaml, const SpecOutline &outline, int endpoint)
{
    if (!validEndpoint(outline, endpoint))
        return {};
    Values want = valuesOf(yaml, outline);
    const int item = want.endpoints.at(endpoint).item;
    if (item < 0 || item >= want.items.size())
        return {};
    EndpointValues copy = want.endpoints.at(endpoint);
    copy.path = copyPath(outline, copy.path);
    for (EndpointValues &e : want.endpoints) {
        if (e.item > item)
            ++e.item;
    }
    copy.item = item + 1;
    want.endpoints.insert(endpoint + 1, copy);
    want.items.insert(item + 1, std::nullopt);
    return checked(yaml, uncheckedDuplicateEndpoint(yaml, outline, endpoint), want);
}

TextEdit moveEndpoint(const QString &yaml, const SpecOutline &outline, int endpoint, int delta)
{
    if (!validEndpoint(outline, endpoint) || !validEndpoint(outline, endpoint + delta))
        return {};
    Values want = valuesOf(yaml, outline);
    EndpointValues &a = want.endpoints[endpoint];
    EndpointValues &b = want.endpoints[endpoint + delta];
    if (a.item < 0 || b.item < 0 || a.item >= want.items.size() || b.item >= want.items.size())
        return {};
    want.items.swapItemsAt(a.item, b.item);
    std::swap(a.item, b.item);
    want.endpoints.swapItemsAt(endpoint, endpoint + delta);
    return checked(yaml, uncheckedMoveEndpoint(yaml, outline, endpoint, delta), want);
}

TextEdit addRule(const QString &yaml, const SpecOutline &outline, int endpoint,
                 const QString &pattern, const QString &response)
{
    if (!validEndpoint(outline, endpoint))
        return {};
    Values want = expectedFor(yaml, outline, endpoint);
    want.endpoints[endpoint].rules.append({ pattern, response });
    return checked(yaml, uncheckedAddRule(yaml, outline, endpoint, pattern, response), want);
}

TextEdit removeRule(const QString &yaml, const SpecOutline &outline, int endpoint, int rule)
{
    if (!validRule(outline, endpoint, rule))
        return {};
    Values want = expectedFor(yaml, outline, endpoint);
    want.endpoints[endpoint].rules.removeAt(rule);
    return checked(yaml, uncheckedRemoveRule(yaml, outline, endpoint, rule), want);
}

TextEdit duplicateRule(const QString &yaml, const SpecOutline &outline, int endpoint, int rule)
{
    if (!validRule(outline, endpoint, rule))
        return {};
    Values want = expectedFor(yaml, outline, endpoint);
    QList<RuleValues> &rules = want.endpoints[endpoint].rules;
    rules.insert(rule + 1, rules.at(rule));
    return checked(yaml, uncheckedDuplicateRule(yaml, outline, endpoint, rule), want);
}

TextEdit moveRule(const QString &yaml, const SpecOutline &outline, int endpoint, int rule,
                  int delta)
{
    if (!validRule(outline, endpoint, rule) || !validRule(outline, endpoint, rule + delta))
        return {};
    Values want = expectedFor(yaml, outline, endpoint);
    want.endpoints[endpoint].rules.swapItemsAt(rule, rule + delta);
    return checked(yaml, uncheckedMoveRule(yaml, outline, endpoint, rule, delta), want);
}

namespace {
enum class KeyMap { Rule, Greeting, Endpoint };

bool sameKeys(const QList<KeyOutline> &a, const QList<KeyOutline> &b)
{
    if (a.size() != b.size())
        return false;
    for (qsizetype i = 0; i < a.size(); ++i) {
        if (a.at(i).name != b.at(i).name || a.at(i).value != b.at(i).value)
            return false;
    }
    return true;
}

// The keys of a map not in values (nor in skip) read as before, and none came.
bool othersKept(const QList<KeyOutline> &before, const QList<KeyOutline> &after,
                const KeyValues &values, const QStringList &skip = {})
{
    const auto touched = [&](const QString &name) {
        return skip.contains(name)
            || std::any_of(values.cbegin(), values.cend(),
                           [&name](const auto &v) { return v.first == name; });
    };
    for (const KeyOutline &k : before) {
        if (touched(k.name))
            continue;
        const KeyOutline *now = findKey(after, k.name);
        if (!now || now->value != findKey(before, k.name)->value)
            return false;
    }
    for (const KeyOutline &k : after) {
        if (!touched(k.name) && !findKey(before, k.name))
            return false;
    }
    return true;
}

// The edit, when the text it gives reads as before except for the keys given, in the one map
// they belong to (a rule's, on-connect's or the websocket map's), which read as given; else a
// null edit.
TextEdit checkedKeys(const QString &yaml, const SpecOutline &outline, const TextEdit &edit,
                     KeyMap map, int e, int r, const KeyValues &values)
{
    if (edit.isNull())
        return edit;
    if (edit.start < 0 || edit.start > edit.end || edit.end > yaml.size())
        return {};
    const QString result = apply(yaml, edit);
    const SpecOutline after = SpecOutline::parse(result);
    if (!after.ok() || after.endpoints.size() != outline.endpoints.size())
        return {};
    // Everything outside the endpoint concerned, to the byte.
    Values want = expectedFor(yaml, outline, e);
    const Values got = valuesOf(result, after);
    want.endpoints[e] = got.endpoints.at(e);
    if (!matches(want, got))
        return {};
    const EndpointOutline &before = outline.endpoints.at(e);
    const EndpointOutline &ep = after.endpoints.at(e);
    if (ep.rules.size() != before.rules.size() || ep.itemIndex != before.itemIndex)
        return {};
    const auto touched = [&values](const QString &name) {
        return std::any_of(values.cbegin(), values.cend(),
                           [&name](const auto &v) { return v.first == name; });
    };
    // Within it, what the keys do not name.
    if (map != KeyMap::Endpoint || !touched(QStringLiteral("path"))) {
        if (ep.pathValue != before.pathValue)
            return {};
    }
    if (map == KeyMap::Rule
        || (map == KeyMap::Endpoint && !touched(QStringLiteral("on-connect")))) {
        if (ep.hasGreeting != before.hasGreeting || ep.greetingValue != before.greetingValue
            || !sameKeys(ep.onConnectKeys, before.onConnectKeys))
            return {};
    }
    for (qsizetype i = 0; i < ep.rules.size(); ++i) {
        if (map == KeyMap::Rule && i == r)
            continue;
        const RuleOutline &a = ep.rules.at(i);
        const RuleOutline &b = before.rules.at(i);
        if (a.patternValue != b.patternValue || a.responseValue != b.responseValue
            || !sameKeys(a.keys, b.keys))
            return {};
    }
    // The map's other keys, and the other maps of the endpoint.
    const QStringList nested { QStringLiteral("on-connect"), QStringLiteral("on-message") };
    switch (map) {
    case KeyMap::Rule: {
        const RuleOutline &a = before.rules.at(r);
        const RuleOutline &b = ep.rules.at(r);
        if (!othersKept(a.keys, b.keys, values)
            || (!touched(QStringLiteral("pattern")) && a.patternValue != b.patternValue)
            || (!touched(QStringLiteral("response")) && a.responseValue != b.responseValue)
            || !sameKeys(ep.keys, before.keys))
            return {};
        break;
    }
    case KeyMap::Greeting:
        // on-connect itself may come or go with its keys.
        if (!othersKept(before.onConnectKeys, ep.onConnectKeys, values)
            || (!touched(QStringLiteral("response")) && ep.greetingValue != before.greetingValue)
            || !othersKept(before.keys, ep.keys, {}, { QStringLiteral("on-connect") }))
            return {};
        break;
    case KeyMap::Endpoint:
        if (!othersKept(before.keys, ep.keys, values, nested))
            return {};
        break;
    }
    // And the keys themselves.
    const QList<KeyOutline> &keys = map == KeyMap::Rule ? ep.rules.at(r).keys
        : map == KeyMap::Greeting                       ? ep.onConnectKeys
                                                        : ep.keys;
    for (const auto &[name, value] : values) {
        if (map == KeyMap::Endpoint
            && (name == QLatin1String("on-connect") || name == QLatin1String("on-message")))
            continue; // read through their own outlines, above
        const KeyOutline *k = findKey(keys, name);
        if (value.isNull() ? k != nullptr : (!k || k->value != value))
            return {};
    }
    return edit;
}
} // namespace

TextEdit setRuleKeys(const QString &yaml, const SpecOutline &outline, int endpoint, int rule,
                     const KeyValues &values)
{
    if (!validRule(outline, endpoint, rule))
        return {};
    return checkedKeys(yaml, outline, uncheckedSetRuleKeys(yaml, outline, endpoint, rule, values),
                       KeyMap::Rule, endpoint, rule, values);
}

TextEdit setGreetingKeys(const QString &yaml, const SpecOutline &outline, int endpoint,
                         const KeyValues &values)
{
    if (!validEndpoint(outline, endpoint))
        return {};
    return checkedKeys(yaml, outline, uncheckedSetGreetingKeys(yaml, outline, endpoint, values),
                       KeyMap::Greeting, endpoint, -1, values);
}

TextEdit setEndpointKeys(const QString &yaml, const SpecOutline &outline, int endpoint,
                         const KeyValues &values)
{
    if (!validEndpoint(outline, endpoint))
        return {};
    return checkedKeys(yaml, outline, uncheckedSetEndpointKeys(yaml, outline, endpoint, values),
                       KeyMap::Endpoint, endpoint, -1, values);
}

TextEdit setRuleMatch(const QString &yaml, const SpecOutline &outline, int endpoint, int rule,
                      const QString &key, const YamlValue &value)
{
    if (!validRule(outline, endpoint, rule))
        return {};
    // The other of pattern and binary goes.
    const QString other
        = key == QLatin1String("pattern") ? QStringLiteral("binary") : QStringLiteral("pattern");
    return checkedKeys(yaml, outline,
                       uncheckedSetRuleMatch(yaml, outline, endpoint, rule, key, value),
                       KeyMap::Rule, endpoint, rule, { { key, value }, { other, YamlValue() } });
}

QString apply(const QString &yaml, const TextEdit &edit)
{
    if (edit.isNull())
        return yaml;
    const qsizetype start = std::clamp<qsizetype>(edit.start, 0, yaml.size());
    const qsizetype end = std::clamp<qsizetype>(edit.end, start, yaml.size());
    return yaml.left(start) + edit.replacement + yaml.mid(end);
}

} // namespace SpecEdits
