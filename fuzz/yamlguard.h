#pragma once

// Walks a YAML stream's events with yaml-cpp's own parser, without building nodes, to
// recognise inputs that trigger known findings (see fuzz/README.md, "Known findings"), so
// that `scripts/fuzz --skip-known` can keep fuzzing past them. Remove a check once the
// finding is fixed.

#include <QByteArray>

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/parser.h>

#include <map>
#include <set>
#include <sstream>
#include <vector>

namespace fuzz {

// More than a config of max_len bytes can hold without aliases: walking it is the known
// exponential case (fuzz/regressions/*-billion-laughs-*).
constexpr double MaxExpandedNodes = 100000;

struct YamlShape
{
    bool endlessDocuments = false; // YAML::LoadAll would loop forever (yaml-cpp 0.7, issue #1040)
    double expandedNodes = 0;      // nodes once every alias is expanded
    bool duplicateKeys = false;    // a map repeats a (plain text) key
    bool nullKeys = false;         // a map has an empty key (": value")
    bool recursiveAlias = false;   // an alias inside the node its anchor names: a cycle
};

class YamlShapeCounter : public YAML::EventHandler
{
public:
    double total = 0;
    bool duplicateKeys = false;
    bool nullKeys = false;
    bool recursiveAlias = false;

    void OnDocumentStart(const YAML::Mark &) override { m_sizes.clear(); }
    void OnDocumentEnd() override { }
    void OnNull(const YAML::Mark &, YAML::anchor_t anchor) override
    {
        if (!m_open.empty() && m_open.back().map && m_open.back().children % 2 == 0)
            nullKeys = true;
        add(1, anchor, nullptr);
    }
    void OnAlias(const YAML::Mark &, YAML::anchor_t anchor) override
    {
        for (const Open &open : m_open) {
            if (open.anchor == anchor)
                recursiveAlias = true;
        }
        const auto it = m_sizes.find(anchor);
        add(it == m_sizes.end() ? 1 : it->second, YAML::NullAnchor, nullptr);
    }
    void OnScalar(const YAML::Mark &, const std::string &, YAML::anchor_t anchor,
                  const std::string &value) override
    {
        add(1, anchor, &value);
    }
    void OnSequenceStart(const YAML::Mark &, const std::string &, YAML::anchor_t anchor,
                         YAML::EmitterStyle::value) override
    {
        m_open.push_back({ anchor, 1, false, 0, {} });
    }
    void OnSequenceEnd() override { close(); }
    void OnMapStart(const YAML::Mark &, const std::string &, YAML::anchor_t anchor,
                    YAML::EmitterStyle::value) override
    {
        m_open.push_back({ anchor, 1, true, 0, {} });
    }
    void OnMapEnd() override { close(); }

private:
    struct Open
    {
        YAML::anchor_t anchor;
        double size;
        bool map;
        long children;
        std::set<std::string> keys;
    };
    // key: the text of a scalar, or null for anything else.
    void add(double size, YAML::anchor_t anchor, const std::string *key)
    {
        if (anchor != YAML::NullAnchor)
            m_sizes[anchor] = size;
        if (m_open.empty()) {
            total += size;
            return;
        }
        Open &parent = m_open.back();
        parent.size += size;
        if (parent.map && parent.children++ % 2 == 0 && key && !parent.keys.insert(*key).second)
            duplicateKeys = true;
    }
    void close()
    {
        if (m_open.empty())
            return;
        const Open o = m_open.back();
        m_open.pop_back();
        add(o.size, o.anchor, nullptr);
    }
    std::map<YAML::anchor_t, double> m_sizes;
    std::vector<Open> m_open;
};

inline YamlShape yamlShape(const QByteArray &data)
{
    YamlShape shape;
    std::stringstream in(data.toStdString());
    YamlShapeCounter counter;
    try {
        YAML::Parser parser(in);
        // Every real document takes at least one byte of the input.
        for (qsizetype documents = 0; parser.HandleNextDocument(counter); ++documents) {
            if (documents > data.size() + 2) {
                shape.endlessDocuments = true;
                break;
            }
        }
    } catch (const YAML::Exception &) {
        // A syntax error: the loader reports it; count what came before.
    }
    shape.expandedNodes = counter.total;
    shape.duplicateKeys = counter.duplicateKeys;
    shape.nullKeys = counter.nullKeys;
    shape.recursiveAlias = counter.recursiveAlias;
    return shape;
}

} // namespace fuzz
