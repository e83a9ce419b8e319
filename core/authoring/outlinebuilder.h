#pragma once

#include "outlinescanner.h"
#include "specoutline.h"

#include <yaml-cpp/yaml.h>

#include <utility>
#include <vector>

namespace Outline {

// yaml-cpp marks count bytes of UTF-8 (after a byte order mark); QString counts UTF-16 units.
class OffsetMap
{
public:
    explicit OffsetMap(const QString &text);

    qsizetype operator()(int bytePos) const;

private:
    QList<qsizetype> m_map;
    int m_bom = 0;
};

using KeyNodes = std::vector<std::pair<YAML::Node, YAML::Node>>;

// Builds the outline of a text from the nodes yaml-cpp read from it: where each endpoint,
// rule, key and value sits.
class Builder
{
public:
    explicit Builder(const QString &yaml);

    void build(const YAML::Node &root, SpecOutline &out) const;

private:
    qsizetype pos(const YAML::Node &node) const { return m_offsets(node.Mark().pos); }
    int line(qsizetype offset) const;
    qsizetype nodeEnd(const YAML::Node &node, int parentIndent, bool flow) const;
    qsizetype blockMapEnd(const YAML::Node &node, qsizetype start) const;
    qsizetype blockSequenceEnd(const YAML::Node &node, qsizetype start) const;
    // The column of a block map's keys; -1 for a flow or empty map.
    int keyColumn(const KeyNodes &keys, bool flow) const;
    // A map's keys, whether it is written in flow style (it or a parent is a flow collection),
    // and their keyColumn().
    struct MapKeys
    {
        KeyNodes keys;
        bool flow = false;
        int column = -1;
    };
    MapKeys mapKeys(const YAML::Node &map, bool parentFlow) const;
    TextRange keyRange(const YAML::Node &key, bool flow) const;
    TextRange valueRange(const YAML::Node &key, const YAML::Node &value, int keyColumn,
                         bool flow) const;
    TextRange missingValueRange(const YAML::Node &key, int keyColumn, bool flow) const;
    // Where an item's "websocket:" or "endpoint:" key and its value sit, and the keys of the
    // map it holds (none, and the item's flow, when it holds no map).
    struct EndpointPlace
    {
        TextRange key;
        TextRange value;
        MapKeys map;
    };
    EndpointPlace endpointPlace(const YAML::Node &key, const YAML::Node &value, int itemKeyColumn,
                                bool itemFlow) const;
    void appendEndpoints(const YAML::Node &item, const ItemOutline &top, int index, bool flowRoot,
                         SpecOutline &out) const;
    EndpointOutline endpoint(const ItemOutline &top, int index, const YAML::Node &wsKey,
                             const YAML::Node &ws, int itemKeyColumn, bool itemFlow) const;
    HttpEndpointOutline httpEndpoint(const ItemOutline &top, int index, const YAML::Node &key,
                                     const YAML::Node &value, int itemKeyColumn,
                                     bool itemFlow) const;
    void readPath(EndpointOutline &ep, const YAML::Node &key, const YAML::Node &value,
                  int column) const;
    void readOnConnect(EndpointOutline &ep, const YAML::Node &key, const YAML::Node &value,
                       int column) const;
    void readOnMessage(EndpointOutline &ep, const YAML::Node &key, const YAML::Node &value,
                       int column) const;
    RuleOutline rule(const YAML::Node &item, bool flowList) const;
    // A list item's range (from its "-" in a block list) and the comment lines above it.
    void itemRange(const YAML::Node &item, bool flowList, TextRange *range,
                   TextRange *comments) const;
    KeyOutline keyOutline(const YAML::Node &key, const YAML::Node &value, int column, bool flow,
                          bool withValue = true) const;

    mutable int m_depth = 0; // nodeEnd's nesting
    Scanner m_scanner;
    const TextLines &m_lines;
    OffsetMap m_offsets;
    QList<qsizetype> m_lineStarts;
};

} // namespace Outline
