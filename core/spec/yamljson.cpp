#include "yamljson.h"

#include "template.h"

#include <QJsonValue>
#include <QRegularExpression>

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <sstream>
#include <unordered_map>
#include <vector>

namespace {
QString qs(const std::string &text)
{
    return QString::fromStdString(text);
}

// Adds up, per anchor, the bytes its value expands to, and the total the aliases repeat (see
// YamlPrescan). Sums saturate: nested aliases can name more bytes than fit in 64 bits.
class AliasTally
{
public:
    explicit AliasTally(qint64 budget) : m_budget(budget) { }

    void value(YAML::anchor_t anchor, qint64 bytes)
    {
        const qint64 counted = std::max<qint64>(1, bytes);
        if (anchor != YAML::NullAnchor)
            m_anchorBytes[anchor] = counted;
        add(counted);
    }
    // True when this alias takes the total over the budget.
    bool alias(YAML::anchor_t anchor)
    {
        const auto found = m_anchorBytes.find(anchor);
        // An alias inside its own anchor's collection names what is not complete yet; its
        // depth is bounded where the nodes are read.
        const qint64 bytes = found == m_anchorBytes.end() ? 1 : found->second;
        add(bytes);
        const bool wasOver = m_total > m_budget;
        m_total = saturatedSum(m_total, bytes);
        return !wasOver && m_total > m_budget;
    }
    void open(YAML::anchor_t anchor) { m_open.push_back({ anchor, 1 }); }
    void close()
    {
        if (m_open.empty())
            return;
        const Open done = m_open.back();
        m_open.pop_back();
        value(done.anchor, done.bytes);
    }

private:
    struct Open
    {
        YAML::anchor_t anchor;
        qint64 bytes;
    };
    static constexpr qint64 Saturated = qint64(1) << 62;
    static qint64 saturatedSum(qint64 left, qint64 right)
    {
        return std::min(Saturated, left + right); // both are at most Saturated
    }
    void add(qint64 bytes)
    {
        if (!m_open.empty())
            m_open.back().bytes = saturatedSum(m_open.back().bytes, bytes);
    }

    qint64 m_budget;
    qint64 m_total = 0;
    std::unordered_map<YAML::anchor_t, qint64> m_anchorBytes;
    std::vector<Open> m_open;
};

// Sees every scalar once, as the parser meets it, and checks a quoted one against the text
// for its closing quote; tallies what the first document's aliases repeat.
class ScalarScan : public YAML::EventHandler
{
public:
    explicit ScalarScan(const std::string &data)
        : m_data(data)
        , m_aliases(aliasExpansionBudget(qint64(data.size())))
    { }

    YamlPrescan result;

    void OnDocumentStart(const YAML::Mark &mark) override
    {
        if (++result.documents == 2)
            result.secondDocument = mark;
    }
    void OnDocumentEnd() override { }
    void OnNull(const YAML::Mark &, YAML::anchor_t anchor) override
    {
        if (result.documents == 1)
            m_aliases.value(anchor, 1);
    }
    void OnAlias(const YAML::Mark &mark, YAML::anchor_t anchor) override
    {
        if (result.documents == 1 && m_aliases.alias(anchor))
            result.aliasOverBudget = mark;
    }
    void OnScalar(const YAML::Mark &mark, const std::string &tag, YAML::anchor_t anchor,
                  const std::string &value) override
    {
        if (result.documents == 1)
            m_aliases.value(anchor, qint64(value.size()));
        checkClosingQuote(mark, tag);
    }
    void OnSequenceStart(const YAML::Mark &, const std::string &, YAML::anchor_t anchor,
                         YAML::EmitterStyle::value) override
    {
        if (result.documents == 1)
            m_aliases.open(anchor);
    }
    void OnSequenceEnd() override
    {
        if (result.documents == 1)
            m_aliases.close();
    }
    void OnMapStart(const YAML::Mark &, const std::string &, YAML::anchor_t anchor,
                    YAML::EmitterStyle::value) override
    {
        if (result.documents == 1)
            m_aliases.open(anchor);
    }
    void OnMapEnd() override
    {
        if (result.documents == 1)
            m_aliases.close();
    }

private:
    void checkClosingQuote(const YAML::Mark &mark, const std::string &tag)
    {
        const qsizetype size = qsizetype(m_data.size());
        if (result.documents != 1 || tag != "!" || !result.unclosedQuote.is_null() || mark.pos < 0
            || mark.pos >= size)
            return;
        const char quote = m_data[size_t(mark.pos)];
        if (quote != '"' && quote != '\'')
            return;
        for (qsizetype pos = mark.pos + 1; pos < size; ++pos) {
            const char character = m_data[size_t(pos)];
            if (quote == '"' && character == '\\') {
                ++pos;
            } else if (character == quote) {
                if (quote == '\'' && pos + 1 < size && m_data[size_t(pos + 1)] == '\'') {
                    ++pos;
                    continue;
                }
                return;
            }
        }
        result.unclosedQuote = mark;
    }

    const std::string &m_data;
    AliasTally m_aliases;
};
} // namespace

YamlPrescan prescanYaml(const std::string &text)
{
    ScalarScan scan(text);
    std::istringstream in(text);
    YAML::Parser parser(in);
    for (int document = 0; document < 2 && parser.HandleNextDocument(scan); ++document) { }
    return scan.result;
}

// YAML 1.2 core schema resolution for plain scalars, so `count: 3` becomes a JSON number.
QString plainScalarJson(const std::string &raw)
{
    const QString text = qs(raw);
    static const QRegularExpression intRe(QStringLiteral("^[-+]?(0|[1-9][0-9]*)$"));
    static const QRegularExpression floatRe(
        QStringLiteral("^[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?$"));
    if (text.isEmpty() || text == QLatin1String("~") || text == QLatin1String("null")
        || text == QLatin1String("Null") || text == QLatin1String("NULL"))
        return QStringLiteral("null");
    if (text == QLatin1String("true") || text == QLatin1String("True")
        || text == QLatin1String("TRUE"))
        return QStringLiteral("true");
    if (text == QLatin1String("false") || text == QLatin1String("False")
        || text == QLatin1String("FALSE"))
        return QStringLiteral("false");
    if (intRe.match(text).hasMatch()) {
        QString integer = text;
        if (integer.startsWith(QLatin1Char('+')))
            integer.remove(0, 1);
        return integer;
    }
    if (floatRe.match(text).hasMatch()) {
        bool ok = false;
        const double number = text.toDouble(&ok);
        if (ok)
            return jsonValueText(QJsonValue(number));
    }
    return QLatin1Char('"') + jsonStringEscaped(text) + QLatin1Char('"');
}

namespace {
// A collection already converted: an alias names the very node its anchor does, so the
// second time it is met its JSON is copied instead of walked again (nested aliases would
// otherwise take as long as their full expansion).
struct Converted
{
    YAML::Node node;
    QString json;
    qint64 nodes; // what walking it again would take from the budget
    int height; // its nesting below itself
};

class Converter
{
public:
    Converter(qint64 *budget, qint64 *walked) : m_budget(budget), m_walked(walked) { }

    // Depth is bounded too: an alias may refer to the node that holds it (&r {self: *r}).
    static constexpr int MaxDepth = 200;

    QString toJson(const YAML::Node &node, int depth, int *height)
    {
        *height = 0;
        if (m_walked)
            ++*m_walked;
        if (--*m_budget < 0 || depth > MaxDepth) {
            *m_budget = -1;
            return {};
        }
        switch (node.Type()) {
        case YAML::NodeType::Map:
        case YAML::NodeType::Sequence:
            return collection(node, depth, height);
        case YAML::NodeType::Scalar:
            if (node.Tag() == "!" || node.Tag() == "tag:yaml.org,2002:str")
                return QLatin1Char('"') + jsonStringEscaped(qs(node.Scalar())) + QLatin1Char('"');
            return plainScalarJson(node.Scalar());
        case YAML::NodeType::Null:
        case YAML::NodeType::Undefined:
            break;
        }
        return QStringLiteral("null");
    }

private:
    QString collection(const YAML::Node &node, int depth, int *height)
    {
        const int pos = node.Mark().pos;
        if (const Converted *converted = alreadyConverted(node, pos))
            return again(*converted, depth, height);
        const qint64 before = *m_budget + 1;
        int childHeight = 0;
        const QString out = elementsJson(node, depth, &childHeight);
        if (*m_budget < 0)
            return {};
        *height = childHeight;
        m_done.emplace(pos, Converted { node, out, before - *m_budget, childHeight });
        return out;
    }

    const Converted *alreadyConverted(const YAML::Node &node, int pos) const
    {
        const auto [from, to] = m_done.equal_range(pos);
        for (auto it = from; it != to; ++it) {
            if (it->second.node.is(node))
                return &it->second;
        }
        return nullptr;
    }

    // A collection met again through an alias: its JSON, charged to the budget as if walked.
    QString again(const Converted &converted, int depth, int *height)
    {
        *m_budget -= converted.nodes - 1; // this node was counted already
        if (*m_budget < 0 || depth + converted.height > MaxDepth) {
            *m_budget = -1;
            return {};
        }
        *height = converted.height;
        return converted.json;
    }

    // A child's JSON appended to *out; *maxHeight grows to cover it.
    void appendChild(const YAML::Node &child, int depth, QString *out, int *maxHeight)
    {
        int height = 0;
        *out += toJson(child, depth + 1, &height);
        *maxHeight = std::max(*maxHeight, height + 1);
    }

    // A key becomes a JSON string: a scalar key its text, any other its JSON.
    void appendKey(const YAML::Node &key, int depth, QString *out, int *maxHeight)
    {
        QString text;
        if (key.IsScalar())
            text = qs(key.Scalar());
        else
            appendChild(key, depth, &text, maxHeight);
        *out += QLatin1Char('"') + jsonStringEscaped(text) + QStringLiteral("\":");
    }

    QString elementsJson(const YAML::Node &node, int depth, int *childHeight)
    {
        const bool isMap = node.IsMap();
        QString out = isMap ? QStringLiteral("{") : QStringLiteral("[");
        bool first = true;
        for (const auto &element : node) {
            if (!first)
                out += QLatin1Char(',');
            first = false;
            if (isMap)
                appendKey(element.first, depth, &out, childHeight);
            appendChild(isMap ? element.second : static_cast<const YAML::Node &>(element), depth,
                        &out, childHeight);
            if (*m_budget < 0)
                return {};
        }
        out += isMap ? QLatin1Char('}') : QLatin1Char(']');
        return out;
    }

    qint64 *m_budget;
    qint64 *m_walked;
    std::unordered_multimap<int, Converted> m_done;
};
} // namespace

QString yamlToJson(const YAML::Node &node, qint64 *budget, qint64 *walked)
{
    int height = 0;
    return Converter(budget, walked).toJson(node, 0, &height);
}
