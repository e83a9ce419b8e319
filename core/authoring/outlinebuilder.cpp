#include "outlinebuilder.h"
#include "yamljson.h"

#include <algorithm>

namespace Outline {

namespace {

QString fromStd(const std::string &text)
{
    return QString::fromStdString(text);
}

QString decoded(const YAML::Node &value)
{
    if (value.IsScalar())
        return fromStd(value.Scalar());
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
KeyNodes entries(const YAML::Node &map)
{
    KeyNodes out;
    for (const auto &keyValue : map)
        out.emplace_back(keyValue.first, keyValue.second);
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
    YamlValue value;
    if (--*budget < 0 || depth > 100)
        return value;
    value.flow = isFlow(node);
    switch (node.Type()) {
    case YAML::NodeType::Scalar:
        value.kind = YamlValue::Kind::Scalar;
        value.text = fromStd(node.Scalar());
        value.plain = node.Tag() != "!" && node.Tag() != "tag:yaml.org,2002:str";
        break;
    case YAML::NodeType::Sequence:
        value.kind = YamlValue::Kind::List;
        for (const auto &item : node) {
            value.items.append(yamlValue(item, budget, depth + 1));
            if (*budget < 0)
                break;
        }
        break;
    case YAML::NodeType::Map:
        value.kind = YamlValue::Kind::Map;
        for (const auto &keyValue : node) {
            value.keys.append(fromStd(keyName(keyValue.first)));
            value.items.append(yamlValue(keyValue.second, budget, depth + 1));
            if (*budget < 0)
                break;
        }
        break;
    case YAML::NodeType::Null:
    case YAML::NodeType::Undefined:
        break;
    }
    return value;
}

// Where a websocket or HTTP endpoint's item sits among the top-level items, and how its map
// is written.
template<typename Endpoint>
void placeItem(Endpoint &endpoint, const ItemOutline &top, int index, bool flow, int keyIndent)
{
    endpoint.item = top.item;
    endpoint.comments = top.comments;
    endpoint.line = top.line;
    endpoint.itemIndex = index;
    endpoint.flow = flow;
    endpoint.keyIndent = keyIndent;
}

int utf8Length(const QString &text, qsizetype pos)
{
    const char16_t unit = text.at(pos).unicode();
    if (unit < 0x80)
        return 1;
    if (unit < 0x800)
        return 2;
    if (QChar::isHighSurrogate(unit) && pos + 1 < text.size()
        && QChar::isLowSurrogate(text.at(pos + 1).unicode()))
        return 4;
    return 3;
}

} // namespace

OffsetMap::OffsetMap(const QString &text)
{
    m_map.reserve(text.size() + 1);
    for (qsizetype pos = 0; pos < text.size(); ++pos) {
        const int bytes = utf8Length(text, pos);
        for (int byte = 0; byte < bytes; ++byte)
            m_map.append(pos);
        if (bytes == 4)
            ++pos;
    }
    m_map.append(text.size());
    if (text.startsWith(QChar(0xfeff)))
        m_bom = 3;
}

qsizetype OffsetMap::operator()(int bytePos) const
{
    if (bytePos < 0)
        return -1;
    return m_map.at(std::min<qsizetype>(bytePos + m_bom, m_map.size() - 1));
}

Builder::Builder(const QString &yaml) : m_scanner(yaml), m_lines(m_scanner.lines()), m_offsets(yaml)
{
    m_lineStarts.append(0);
    for (qsizetype pos = 0; pos < yaml.size(); ++pos) {
        if (yaml.at(pos) == u'\n')
            m_lineStarts.append(pos + 1);
    }
}

int Builder::line(qsizetype offset) const
{
    return int(std::upper_bound(m_lineStarts.begin(), m_lineStarts.end(), offset)
               - m_lineStarts.begin());
}

int Builder::keyColumn(const KeyNodes &keys, bool flow) const
{
    return flow || keys.empty() ? -1 : m_lines.column(pos(keys.front().first));
}

TextRange Builder::keyRange(const YAML::Node &key, bool flow) const
{
    const qsizetype start = pos(key);
    return { start, m_scanner.scalarEnd(start, -1, flow, true) };
}

void Builder::itemRange(const YAML::Node &item, bool flowList, TextRange *range,
                        TextRange *comments) const
{
    const qsizetype start = pos(item);
    if (flowList) {
        *range = { start, nodeEnd(item, -1, true) };
        return;
    }
    qsizetype dash = m_scanner.dashBefore(start);
    if (dash < 0)
        dash = start;
    const int column = m_lines.column(dash);
    *range = { dash, m_scanner.extendItem(nodeEnd(item, column, false), column) };
    *comments = m_scanner.commentsAbove(dash, column);
}

KeyOutline Builder::keyOutline(const YAML::Node &key, const YAML::Node &value, int column,
                               bool flow, bool withValue) const
{
    KeyOutline outline;
    outline.name = fromStd(keyName(key));
    outline.key = keyRange(key, flow);
    outline.range = valueRange(key, value, column, flow);
    qint64 budget = 10000;
    if (withValue)
        outline.value = yamlValue(value, &budget);
    return outline;
}

qsizetype Builder::nodeEnd(const YAML::Node &node, int parentIndent, bool flow) const
{
    const qsizetype start = pos(node);
    // An alias inside the node it names (&r {self: *r}) would recurse forever.
    struct DepthGuard
    {
        int &depth;
        explicit DepthGuard(int &nesting) : depth(++nesting) { }
        ~DepthGuard() { --depth; }
    } guard(m_depth);
    if (m_depth > 200)
        return start;
    const bool flowCollection = flow || isFlow(node);
    switch (node.Type()) {
    case YAML::NodeType::Scalar:
        return m_scanner.scalarEnd(start, parentIndent, flow);
    case YAML::NodeType::Map:
        return flowCollection ? m_scanner.bracketEnd(m_scanner.skipProperties(start))
                              : blockMapEnd(node, start);
    case YAML::NodeType::Sequence:
        return flowCollection ? m_scanner.bracketEnd(m_scanner.skipProperties(start))
                              : blockSequenceEnd(node, start);
    case YAML::NodeType::Null:
    case YAML::NodeType::Undefined:
        break;
    }
    return start;
}

Builder::MapKeys Builder::mapKeys(const YAML::Node &map, bool parentFlow) const
{
    MapKeys out { entries(map), parentFlow || isFlow(map), -1 };
    out.column = keyColumn(out.keys, out.flow);
    return out;
}

qsizetype Builder::blockMapEnd(const YAML::Node &node, qsizetype start) const
{
    const KeyNodes keys = entries(node);
    if (keys.empty())
        return start;
    const int column = m_lines.column(pos(keys.front().first));
    return valueRange(keys.back().first, keys.back().second, column, false).end;
}

qsizetype Builder::blockSequenceEnd(const YAML::Node &node, qsizetype start) const
{
    qsizetype end = start + 1;
    const int column = m_lines.column(start);
    bool first = true;
    for (const auto &item : node) {
        const qsizetype itemStart = item.IsNull() ? -1 : pos(item);
        if (itemStart < 0 || itemStart < end) {
            // An empty item ("-", "- ~") or an alias (marked where its anchor is): read
            // the text after the item before.
            end = m_scanner.itemAfter(first ? start : end, column, first);
        } else {
            const qsizetype dash = m_scanner.dashBefore(itemStart);
            end = nodeEnd(item, m_lines.column(dash >= 0 ? dash : itemStart), false);
        }
        first = false;
    }
    return end;
}

TextRange Builder::valueRange(const YAML::Node &key, const YAML::Node &value, int keyColumn,
                              bool flow) const
{
    if (value.IsDefined() && !value.IsNull() && pos(value) > pos(key)) {
        const qsizetype start = pos(value);
        return { start, nodeEnd(value, keyColumn, flow) };
    }
    return missingValueRange(key, keyColumn, flow);
}

// yaml-cpp marks a missing value at the next token, and an alias where its anchor is; this
// looks after the colon instead.
TextRange Builder::missingValueRange(const YAML::Node &key, int keyColumn, bool flow) const
{
    const qsizetype colon = m_scanner.colonAfterKey(pos(key), flow);
    if (colon < 0)
        return {};
    qsizetype start = colon;
    while (start < m_lines.size() && isBlankChar(m_lines.at(start)))
        ++start;
    const QChar first = m_lines.at(start);
    if (!first.isNull() && !isBreakChar(first) && first != u'#'
        && !(flow && isFlowIndicator(first)))
        return { start, m_scanner.scalarEnd(start, keyColumn, flow) }; // "~", "null" or "*alias"
    if (flow)
        return { colon, colon };
    // "key:" then "~" (or "*alias") alone on a deeper line.
    for (qsizetype line = m_lines.nextLine(start); line < m_lines.size();
         line = m_lines.nextLine(line)) {
        if (m_lines.isBlank(line) || m_lines.isComment(line))
            continue;
        const qsizetype content = m_lines.firstNonBlank(line);
        const int indent = m_lines.indent(line);
        if (indent > keyColumn && content == line + indent && m_scanner.isNullOrAlias(content))
            return { content, m_scanner.scalarEnd(content, keyColumn, false) };
        break;
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
        if (item.IsMap())
            appendEndpoints(item, top, index, flowRoot, out);
        ++index;
    }
}

// Each "websocket" key of a top-level item is an endpoint, as the loader has it; each
// "endpoint" key an HTTP one.
void Builder::appendEndpoints(const YAML::Node &item, const ItemOutline &top, int index,
                              bool flowRoot, SpecOutline &out) const
{
    const MapKeys map = mapKeys(item, flowRoot);
    for (const auto &[key, value] : map.keys) {
        if (keyName(key) == "websocket")
            out.endpoints.append(endpoint(top, index, key, value, map.column, map.flow));
        else if (keyName(key) == "endpoint")
            out.httpEndpoints.append(httpEndpoint(top, index, key, value, map.column, map.flow));
    }
}

Builder::EndpointPlace Builder::endpointPlace(const YAML::Node &key, const YAML::Node &value,
                                              int itemKeyColumn, bool itemFlow) const
{
    EndpointPlace place { keyRange(key, itemFlow),
                          valueRange(key, value, itemKeyColumn, itemFlow),
                          { {}, itemFlow, -1 } };
    if (value.IsMap())
        place.map = mapKeys(value, itemFlow);
    return place;
}

EndpointOutline Builder::endpoint(const ItemOutline &top, int index, const YAML::Node &wsKey,
                                  const YAML::Node &ws, int itemKeyColumn, bool itemFlow) const
{
    EndpointOutline ep;
    const EndpointPlace place = endpointPlace(wsKey, ws, itemKeyColumn, itemFlow);
    const MapKeys &map = place.map;
    placeItem(ep, top, index, map.flow, map.column);
    ep.websocketKey = place.key;
    ep.websocket = place.value;
    for (const auto &[key, value] : map.keys) {
        const std::string name = keyName(key);
        // on-connect and on-message have outlines of their own.
        ep.keys.append(keyOutline(key, value, map.column, ep.flow,
                                  name != "on-connect" && name != "on-message"));
        if (name == "path")
            readPath(ep, key, value, map.column);
        else if (name == "on-connect")
            readOnConnect(ep, key, value, map.column);
        else if (name == "on-message")
            readOnMessage(ep, key, value, map.column);
    }
    return ep;
}

HttpEndpointOutline Builder::httpEndpoint(const ItemOutline &top, int index, const YAML::Node &key,
                                          const YAML::Node &value, int itemKeyColumn,
                                          bool itemFlow) const
{
    HttpEndpointOutline http;
    const EndpointPlace place = endpointPlace(key, value, itemKeyColumn, itemFlow);
    const MapKeys &map = place.map;
    placeItem(http, top, index, map.flow, map.column);
    http.endpointKey = place.key;
    http.endpoint = place.value;
    for (const auto &[innerKey, innerValue] : map.keys) {
        const bool isResponse = keyName(innerKey) == "response";
        http.keys.append(keyOutline(innerKey, innerValue, map.column, http.flow, !isResponse));
        if (!isResponse)
            continue;
        // A repeated key: the loader takes the last one, so does the outline.
        http.responseKey = keyRange(innerKey, http.flow);
        http.response = valueRange(innerKey, innerValue, map.column, http.flow);
        http.responseKeys.clear();
        http.responseIndent = -1;
        http.responseFlow = http.flow;
        if (!innerValue.IsMap())
            continue;
        const MapKeys response = mapKeys(innerValue, http.flow);
        http.responseFlow = response.flow;
        http.responseIndent = response.column;
        for (const auto &[responseKey, responseValue] : response.keys)
            http.responseKeys.append(
                keyOutline(responseKey, responseValue, response.column, response.flow));
    }
    return http;
}

void Builder::readPath(EndpointOutline &ep, const YAML::Node &key, const YAML::Node &value,
                       int column) const
{
    ep.pathKey = keyRange(key, ep.flow);
    ep.path = valueRange(key, value, column, ep.flow);
    ep.pathValue = value.IsScalar() ? fromStd(value.Scalar()) : QString();
}

void Builder::readOnConnect(EndpointOutline &ep, const YAML::Node &key, const YAML::Node &value,
                            int column) const
{
    // A repeated key: the loader takes the last one, so does the outline.
    ep.onConnectIndent = -1;
    ep.hasGreeting = false;
    ep.greetingFlow = false;
    ep.greetingKey = ep.greeting = TextRange();
    ep.greetingValue.clear();
    ep.onConnectKey = keyRange(key, ep.flow);
    ep.onConnect = valueRange(key, value, column, ep.flow);
    if (!value.IsMap())
        return;
    const MapKeys inner = mapKeys(value, ep.flow);
    const bool flow = inner.flow;
    const int innerColumn = inner.column;
    ep.onConnectIndent = innerColumn;
    ep.onConnectFlow = flow;
    for (const auto &[innerKey, innerValue] : inner.keys) {
        ep.onConnectKeys.append(keyOutline(innerKey, innerValue, innerColumn, flow));
        if (keyName(innerKey) != "response")
            continue;
        ep.hasGreeting = true;
        ep.greetingFlow = flow;
        ep.greetingKey = keyRange(innerKey, flow);
        ep.greeting = valueRange(innerKey, innerValue, innerColumn, flow);
        ep.greetingValue = decoded(innerValue);
    }
}

void Builder::readOnMessage(EndpointOutline &ep, const YAML::Node &key, const YAML::Node &value,
                            int column) const
{
    ep.rules.clear();
    ep.rulesBlock = false;
    ep.onMessageKey = keyRange(key, ep.flow);
    ep.onMessage = valueRange(key, value, column, ep.flow);
    if (!value.IsSequence())
        return;
    const bool flow = ep.flow || isFlow(value);
    ep.rulesBlock = !flow;
    for (const auto &item : value)
        ep.rules.append(rule(item, flow));
}

RuleOutline Builder::rule(const YAML::Node &item, bool flowList) const
{
    RuleOutline outline;
    if (!item.IsDefined() || item.IsNull())
        return outline;
    itemRange(item, flowList, &outline.item, &outline.comments);
    outline.line = line(outline.item.start);
    outline.flow = flowList;
    if (!item.IsMap())
        return outline;
    const MapKeys map = mapKeys(item, flowList);
    const int column = map.column;
    outline.flow = map.flow;
    outline.keyIndent = column;
    for (const auto &[key, value] : map.keys) {
        const std::string name = keyName(key);
        outline.keys.append(keyOutline(key, value, column, outline.flow));
        if (name == "pattern") {
            outline.patternKey = keyRange(key, outline.flow);
            outline.pattern = valueRange(key, value, column, outline.flow);
            outline.patternValue = decoded(value);
        } else if (name == "response") {
            outline.responseKey = keyRange(key, outline.flow);
            outline.response = valueRange(key, value, column, outline.flow);
            outline.responseValue = decoded(value);
        }
    }
    return outline;
}

} // namespace Outline
