#pragma once

#include <QString>

#include <string>

#include <yaml-cpp/node/node.h>

// How a YAML map or list `response` becomes the JSON text Moclojer sends: compact, keys in
// file order, plain scalars typed by the YAML 1.2 core schema (3 is a number, "3" a string).
// Shared by the loader and the outline, so the workbench shows what the server sends.

// A plain (unquoted) scalar as a JSON value: null, true/false, a number, or a string.
QString plainScalarJson(const std::string &raw);
// budget counts nodes down, so aliases nested into a billion values stop early, and nesting
// deeper than 200 (an alias inside itself) stops too; then *budget < 0 and the result is
// incomplete and must not be used.
QString yamlToJson(const YAML::Node &node, qint64 *budget);
