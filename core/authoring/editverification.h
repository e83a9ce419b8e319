#pragma once

#include "specoutline.h"

#include <optional>

// The safety net under SpecEdits.
//
// Every edit is applied and the result outlined again before it is handed out: the text
// must still read, say what the edit meant (the value set, one endpoint or rule more or
// fewer, two swapped) and nothing else: every other endpoint, rule and value reads the same,
// every other top-level item keeps its text. An edit that fails this is refused (a null
// edit): some YAML (an explicit "? key", a tag alone on a line, invalid YAML that yaml-cpp
// still reads, ...) is beyond what a minimal text edit can change safely.
namespace Outline {

struct RuleValues
{
    QString pattern;
    QString response;
    bool operator==(const RuleValues &other) const
    {
        return pattern == other.pattern && response == other.response;
    }
};

struct EndpointValues
{
    QString path;
    bool hasGreeting = false;
    QString greeting;
    QList<RuleValues> rules;
    int item = -1;
    bool operator==(const EndpointValues &other) const
    {
        return path == other.path && hasGreeting == other.hasGreeting && greeting == other.greeting
            && rules == other.rules && item == other.item;
    }
};

// What a text says, as far as the checks compare it.
struct Values
{
    QList<EndpointValues> endpoints;
    QList<std::optional<QString>> items; // each top-level item's text; nullopt: not compared
    QList<int> httpItems; // the top-level item of each HTTP endpoint, in order
};

Values valuesOf(const QString &yaml, const SpecOutline &outline);
// The endpoints (websocket and HTTP) of the items after item move by delta: one was removed
// or inserted.
void shiftItemsAfter(Values &want, int item, int delta);
// The index of endpoint's top-level item in values.items; -1 when it has none there.
int itemOf(const Values &values, int endpoint);
// The values with what concerns endpoint (its item's text) left open.
Values expectedFor(const QString &yaml, const SpecOutline &outline, int endpoint);
// The edit, when the text it gives reads as want; else a null edit.
TextEdit checked(const QString &yaml, const TextEdit &edit, const Values &want);

bool validEndpoint(const SpecOutline &outline, int endpoint);
bool validRule(const SpecOutline &outline, int endpoint, int rule);

// The map whose keys an edit sets.
enum class KeyMap { Rule, Greeting, Endpoint };

// The edit, when the text it gives reads as before except for the keys given, in the one map
// they belong to (a rule's, on-connect's or the websocket map's), which read as given; else a
// null edit. rule: the rule concerned, for KeyMap::Rule.
TextEdit checkedKeys(const QString &yaml, const SpecOutline &outline, const TextEdit &edit,
                     KeyMap map, int endpoint, int rule, const SpecEdits::KeyValues &values);

// The edit, when the text it gives reads as before except for the keys given in the HTTP
// endpoint's map (or its response map, when response), which read as given; else a null edit.
TextEdit checkedHttpKeys(const QString &yaml, const SpecOutline &outline, const TextEdit &edit,
                         int http, bool response, const SpecEdits::KeyValues &values);

} // namespace Outline
