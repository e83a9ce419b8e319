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
struct YamlPrescan
{
    int documents = 0;
    YAML::Mark secondDocument = YAML::Mark::null_mark();
    YAML::Mark unclosedQuote = YAML::Mark::null_mark();
};
YamlPrescan prescanYaml(const std::string &text);

// A plain (unquoted) scalar as a JSON value: null, true/false, a number, or a string.
QString plainScalarJson(const std::string &raw);
// budget counts nodes down, so aliases nested into a billion values stop early, and nesting
// deeper than 200 (an alias inside itself) stops too; then *budget < 0 and the result is
// incomplete and must not be used. walked, when given, counts the nodes actually visited
// (a collection met again through an alias is not walked twice).
QString yamlToJson(const YAML::Node &node, qint64 *budget, qint64 *walked = nullptr);
