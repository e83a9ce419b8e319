#pragma once

#include <QString>

#include <string>

#include <yaml-cpp/mark.h>
#include <yaml-cpp/node/node.h>

// How a YAML map or list `response` becomes the JSON text Moclojer sends: compact, keys in
// file order, plain scalars typed by the YAML 1.2 core schema (3 is a number, "3" a string).
// Shared by the loader and the outline, so the workbench shows what the server sends.

// What the loader and the outline check on the parser's events before building nodes (no
// nodes, so aliases are not expanded): yaml-cpp 0.7 accepts a quote left open until the end
// of the text (swallowing the rest into one scalar), which both reject; and whether more
// documents follow the first. At most two documents are read: yaml-cpp 0.7's LoadAll can loop
// forever on some broken input. Throws YAML::Exception on a syntax error.
// It also adds up what the first document's aliases repeat: each alias counts the bytes of
// its anchor's value (every scalar its text, at least 1; every collection 1 plus its
// contents, aliases inside expanded), and aliasOverBudget is the first alias that takes the
// total over aliasExpansionBudget(size of the text).
struct YamlPrescan
{
    int documents = 0;
    YAML::Mark secondDocument = YAML::Mark::null_mark();
    YAML::Mark unclosedQuote = YAML::Mark::null_mark();
    YAML::Mark aliasOverBudget = YAML::Mark::null_mark();
};
YamlPrescan prescanYaml(const std::string &text);

// How many bytes a file's aliases may repeat in all: 8 MiB plus 4 times the file's size. A
// reader copies what an alias names into each place that uses it, so without a bound a 1 MB
// file whose 300 aliases name a 1 MiB text costs over a gigabyte to load.
constexpr qint64 AliasExpansionFloor = 8 * 1024 * 1024;
constexpr qint64 AliasExpansionPerFileByte = 4;
constexpr qint64 aliasExpansionBudget(qint64 fileBytes)
{
    return AliasExpansionFloor + AliasExpansionPerFileByte * fileBytes;
}

// A plain (unquoted) scalar as a JSON value: null, true/false, a number, or a string.
QString plainScalarJson(const std::string &raw);
// budget counts nodes down, so aliases nested into a billion values stop early, and nesting
// deeper than 200 (an alias inside itself) stops too; then *budget < 0 and the result is
// incomplete and must not be used. walked, when given, counts the nodes actually visited
// (a collection met again through an alias is not walked twice).
QString yamlToJson(const YAML::Node &node, qint64 *budget, qint64 *walked = nullptr);
