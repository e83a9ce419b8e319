#pragma once

#include "messagepattern.h"
#include "pathpattern.h"
#include "template.h"

#include <QList>
#include <QString>

#include <memory>
#include <optional>

struct SourceLocation
{
    int line = 0; // 1-based
    int column = 0;
};

// One on-message rule: a compiled pattern and its compiled response.
struct Rule
{
    int index = 0; // position in on-message, 0-based
    MessagePattern pattern;
    Template response;
    SourceLocation location;

    // "on-message[0]": how logs and the workbench name the rule.
    QString label() const;
};

struct Endpoint
{
    PathPattern path;
    std::optional<Template> greeting; // on-connect response
    QList<Rule> rules;
    SourceLocation location;

    // First rule whose pattern matches, or nullptr; bindings receive its captured values.
    const Rule *firstMatch(const IncomingMessage &message, Bindings *bindings) const;
};

// A loaded, validated config: what a MockServer serves. Immutable once built, shared by
// pointer so a reload swaps it in one step.
struct MockSpec
{
    QString fileName;
    QList<Endpoint> endpoints; // in file order

    // Finds the endpoint for a raw request path; fills *params with its path parameters.
    const Endpoint *route(const QString &rawPath, ParamMap *params = nullptr) const;
    int endpointIndex(const Endpoint *endpoint) const;
    int ruleCount() const;

    // Called once after loading: orders routes by specificity.
    void buildRoutes();

private:
    QList<int> m_routeOrder;
};

using MockSpecPtr = std::shared_ptr<const MockSpec>;
