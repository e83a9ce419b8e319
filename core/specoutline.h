#pragma once

#include <QCoreApplication>
#include <QList>
#include <QString>

// A span of a config's text in QString (UTF-16) offsets, end exclusive.
struct TextRange
{
    qsizetype start = -1;
    qsizetype end = -1;

    bool isValid() const { return start >= 0 && end >= start; }
    qsizetype length() const { return isValid() ? end - start : 0; }
};

// Replace [start, end) of the text with replacement: one contiguous change, so an editor can
// apply it as one undo step. A null edit changes nothing: the change is impossible (the
// outline does not fit the text, the part concerned is written in flow style, ...) or the
// text already says it.
struct TextEdit
{
    qsizetype start = 0;
    qsizetype end = 0;
    QString replacement;

    bool isNull() const { return start == end && replacement.isEmpty(); }
};

// Ranges of "item" kind run from the item's "-" to the end of its last line, line break
// included, and take in comment lines after it that are indented deeper than the "-".
// "comments" are the comment lines right above the "-" (whole lines, not deeper than the
// "-"): they move and go with the item. Value ranges cover the value node as written
// (quotes, block scalar header and lines, a whole flow or block collection), without a
// comment that follows it; a missing value ("key:" alone) is an empty range right after
// the colon. Key ranges cover the key text. Lines are 1-based.
struct RuleOutline
{
    TextRange item;
    TextRange comments;
    TextRange patternKey;
    TextRange pattern;
    TextRange responseKey;
    TextRange response;
    QString patternValue;  // as the loader reads it: scalar text, a map/list as compact JSON
    QString responseValue;
    bool flow = false; // the rule is written in flow style ("- {pattern: a, response: b}")
    int line = 0;
};

struct EndpointOutline
{
    TextRange item;
    TextRange comments;
    TextRange websocketKey;
    TextRange websocket; // the value of "websocket:"
    TextRange pathKey;
    TextRange path;
    QString pathValue;
    TextRange onConnectKey;
    TextRange onConnect; // the on-connect value, whatever it holds
    int onConnectIndent = -1; // column of the keys inside on-connect when it is a block map
    TextRange greetingKey; // "response" inside on-connect
    TextRange greeting;
    QString greetingValue;
    bool hasGreeting = false;
    TextRange onMessageKey;
    TextRange onMessage; // the on-message value
    QList<RuleOutline> rules;
    int line = 0;
    int itemIndex = -1;  // among all top-level items, "endpoint:" ones included
    int keyIndent = -1;  // column of the keys inside "websocket:"; -1 when it is not a block map
    bool flow = false;   // "websocket:" holds a flow map ("{path: /a}")
    bool greetingFlow = false; // the greeting sits inside a flow collection
    bool rulesBlock = false;   // on-message is a block list, so rules can be added and moved
};

// Any top-level list item, websocket or not (HTTP "endpoint:" items are left alone).
struct ItemOutline
{
    TextRange item;
    TextRange comments;
    int line = 0;
};

// Where each endpoint, rule and value of a config sits in its text, so that form edits can
// change just those characters (see SpecEdits). Reads the text with yaml-cpp, like
// SpecLoader, but keeps positions instead of compiling anything.
class SpecOutline
{
    Q_DECLARE_TR_FUNCTIONS(SpecOutline)

public:
    // Never throws; ok() is false when the text is not YAML (error() says why).
    static SpecOutline parse(const QString &yaml);

    bool ok() const { return m_ok; }
    QString error() const { return m_error; }
    int errorLine() const { return m_errorLine; }

    QList<EndpointOutline> endpoints; // websocket items, in file order
    QList<ItemOutline> items;         // all top-level items, in file order
    bool blockList = false;           // the top level is a block list or empty: items can be added

private:
    bool m_ok = false;
    QString m_error;
    int m_errorLine = 0;
};

// Text edits behind the workbench's forms. Each takes the text and its outline (parsed from
// exactly that text) and returns one contiguous replacement that touches only what it
// concerns: comments and formatting elsewhere survive byte for byte. New text follows the
// file's indentation and line endings. Indexes are positions in SpecOutline::endpoints and
// EndpointOutline::rules; a bad index gives a null edit.
namespace SpecEdits {
// A YAML scalar that reads back as exactly value, and as a string: plain when that is safe
// ("ping", "/ws/echo"), else single-quoted ("'{{json-params.x}}'", "'yes'", "'123'"), or
// double-quoted with escapes when it holds line breaks or control characters.
// flowContext: the scalar goes inside [ ] or { }, where "," and ":" matter too.
QString quoted(const QString &value, bool flowContext = false);

// The scalar setters replace only the value's text; a comment after it stays. A value written
// as a block map or list is replaced whole, by a scalar right after the key. A block scalar
// ("|", ">") given a multi-line value stays a literal block at its indentation.
TextEdit setPath(const QString &yaml, const SpecOutline &outline, int endpoint,
                 const QString &value);
// Adds "on-connect:" with a "response:" when absent; an empty value removes on-connect.
TextEdit setGreeting(const QString &yaml, const SpecOutline &outline, int endpoint,
                     const QString &value);
TextEdit setRulePattern(const QString &yaml, const SpecOutline &outline, int endpoint, int rule,
                        const QString &value);
TextEdit setRuleResponse(const QString &yaml, const SpecOutline &outline, int endpoint, int rule,
                         const QString &value);

// Appends "- websocket:\n    path: ..." at the end of the text.
TextEdit addEndpoint(const QString &yaml, const SpecOutline &outline, const QString &path);
// Removes the item with the comments right above it.
TextEdit removeEndpoint(const QString &yaml, const SpecOutline &outline, int endpoint);
// Inserts a copy right after the item, its path suffixed "-copy" (or "/copy" when the path
// ends in a parameter) so that it conflicts with no other path.
TextEdit duplicateEndpoint(const QString &yaml, const SpecOutline &outline, int endpoint);
// delta -1 swaps the endpoint with the websocket item above it, +1 with the one below (other
// deltas give a null edit); each goes with the comments right above it, and whatever lies
// between the two (blank lines, "endpoint:" items) stays in place.
TextEdit moveEndpoint(const QString &yaml, const SpecOutline &outline, int endpoint, int delta);

// Appends a rule to on-message, adding on-message when absent.
TextEdit addRule(const QString &yaml, const SpecOutline &outline, int endpoint,
                 const QString &pattern, const QString &response);
TextEdit removeRule(const QString &yaml, const SpecOutline &outline, int endpoint, int rule);
TextEdit duplicateRule(const QString &yaml, const SpecOutline &outline, int endpoint, int rule);
TextEdit moveRule(const QString &yaml, const SpecOutline &outline, int endpoint, int rule,
                  int delta);

// The text with the edit applied (the text itself for a null edit).
QString apply(const QString &yaml, const TextEdit &edit);
} // namespace SpecEdits
