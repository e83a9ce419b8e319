#pragma once

#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QStringList>

#include <functional>
#include <utility>

class ParsedYaml;

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

// A YAML value as the loader reads it (scalars as their text), or as SpecEdits writes it.
struct YamlValue
{
    enum class Kind { None, Scalar, List, Map };
    Kind kind = Kind::None;
    QString text; // a scalar's text
    bool plain = false; // read: the scalar was unquoted; written: as is, not quoted()
    QList<YamlValue> items; // a list's items, or a map's values
    QStringList keys; // a map's keys, in order
    bool flow = false; // written as [a, b] or {a: b} (read: it was)

    static YamlValue scalar(const QString &text)
    {
        YamlValue value;
        value.kind = Kind::Scalar;
        value.text = text;
        return value;
    }
    // Written exactly as given: numbers, true, 250ms.
    static YamlValue verbatim(const QString &text)
    {
        YamlValue value = scalar(text);
        value.plain = true;
        return value;
    }
    static YamlValue list(const QList<YamlValue> &items, bool flow = false)
    {
        YamlValue value;
        value.kind = Kind::List;
        value.items = items;
        value.flow = flow;
        return value;
    }
    static YamlValue map(bool flow = false)
    {
        YamlValue value;
        value.kind = Kind::Map;
        value.flow = flow;
        return value;
    }
    YamlValue &insert(const QString &key, const YamlValue &value)
    {
        keys.append(key);
        items.append(value);
        return *this;
    }

    bool isNull() const { return kind == Kind::None; }
    bool isScalar() const { return kind == Kind::Scalar; }
    bool isList() const { return kind == Kind::List; }
    bool isMap() const { return kind == Kind::Map; }
    // A map's value for key (the first one), or nullptr.
    const YamlValue *value(const QString &key) const
    {
        const qsizetype index = keys.indexOf(key);
        return kind == Kind::Map && index >= 0 && index < items.size() ? &items.at(index) : nullptr;
    }
    // What the loader sends for it as a response: a scalar's text, a map or list as compact JSON.
    QString toJson() const;
    // Same content (style and quoting aside).
    bool operator==(const YamlValue &other) const
    {
        return kind == other.kind && text == other.text && items == other.items
            && keys == other.keys;
    }
    bool operator!=(const YamlValue &other) const { return !(*this == other); }
};

// One key of a map with where it sits and what it holds.
struct KeyOutline
{
    QString name;
    TextRange key;
    TextRange range; // the value, as in the other outlines
    YamlValue value;
};

// The last key called name in keys (a repeated key's last value is the one the loader
// keeps), or nullptr.
const KeyOutline *findKey(const QList<KeyOutline> &keys, const QString &name);

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
    QString patternValue; // as the loader reads it: scalar text, a map/list as compact JSON
    QString responseValue;
    bool flow = false; // the rule is written in flow style ("- {pattern: a, response: b}")
    int line = 0;
    // Every key of the rule in file order, pattern and response included (binary, delay,
    // frames, to, close, ...); keyIndent is their column (-1 in flow style).
    QList<KeyOutline> keys;
    int keyIndent = -1;
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
    int itemIndex = -1; // among all top-level items, "endpoint:" ones included
    int keyIndent = -1; // column of the keys inside "websocket:"; -1 when it is not a block map
    bool flow = false; // "websocket:" holds a flow map ("{path: /a}")
    bool greetingFlow = false; // the greeting sits inside a flow collection
    bool rulesBlock = false; // on-message is a block list, so rules can be added and moved
    // Every key of the websocket map (path, subprotocols, streams, ...; the values of
    // on-connect and on-message are left out: they have outlines of their own) and of the
    // on-connect map (response, delay, frames, to, close, ...), in file order.
    QList<KeyOutline> keys;
    QList<KeyOutline> onConnectKeys;
    bool onConnectFlow = false; // on-connect holds a flow map
};

// An HTTP "endpoint:" item: the keys of its map (method, path, host, response, push, ...) and
// of its response map (status, headers, body, delay, ...), in file order, with their ranges,
// so that forms edit them key by key as they do a websocket item's.
struct HttpEndpointOutline
{
    TextRange item;
    TextRange comments;
    TextRange endpointKey;
    TextRange endpoint; // the value of "endpoint:"
    int line = 0;
    int itemIndex = -1; // among all top-level items
    bool flow = false; // "endpoint:" holds a flow map
    int keyIndent = -1; // column of its keys; -1 when it is not a block map
    QList<KeyOutline> keys; // response's value left out: responseKeys has it key by key
    TextRange responseKey;
    TextRange response;
    bool responseFlow = false;
    int responseIndent = -1; // column of the response map's keys; -1 when it is no block map
    QList<KeyOutline> responseKeys;

    // A key's value as the loader reads it, or a null value when the key is absent.
    YamlValue value(const QString &key) const;
    YamlValue responseValue(const QString &key) const;
    // "GET" when absent, upper case as the loader compares it.
    QString method() const;
    // "GET /hello/:username": how the Mocks tree names it.
    QString label() const;
};

// Any top-level list item, websocket, HTTP or other.
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
    // Text already parsed, e.g. shared with the SpecLoader run on the same text.
    static SpecOutline parse(const ParsedYaml &yaml);

    bool ok() const { return m_ok; }
    QString error() const { return m_error; }
    int errorLine() const { return m_errorLine; }

    QList<EndpointOutline> endpoints; // websocket items, in file order
    QList<HttpEndpointOutline> httpEndpoints; // "endpoint:" items, in file order
    QList<ItemOutline> items; // all top-level items, in file order
    bool blockList = false; // the top level is a block list or empty: items can be added

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

// One key of a rule, of on-connect or of the websocket map: replaced when present, added
// when absent (after the rule's last key, after the path), removed (with the comment lines
// right above it) when the value is null; several keys at once make one edit. A scalar is
// written through quoted() (block scalars stay literal blocks, as with the setters above);
// a collection in the file's indentation, in flow style when YamlValue::flow says so or
// when the map itself is written in flow style. setGreetingKeys adds on-connect when it is
// absent or empty; a key that would stay as it is gives no change.
using KeyValues = QList<std::pair<QString, YamlValue>>;
TextEdit setRuleKeys(const QString &yaml, const SpecOutline &outline, int endpoint, int rule,
                     const KeyValues &values);
TextEdit setGreetingKeys(const QString &yaml, const SpecOutline &outline, int endpoint,
                         const KeyValues &values);
TextEdit setEndpointKeys(const QString &yaml, const SpecOutline &outline, int endpoint,
                         const KeyValues &values);
// Switches a rule between "pattern:" and "binary:" (or changes either): the key and its value
// are replaced in place, in one edit. value is the pattern's text or binary's value.
TextEdit setRuleMatch(const QString &yaml, const SpecOutline &outline, int endpoint, int rule,
                      const QString &key, const YamlValue &value);
// A YAML rendering of value for a map key at column keyColumn: " text" on the key's line,
// or a line break and the collection's lines (no final line break).
QString render(const YamlValue &value, int keyColumn, const QString &eol, int listOffset = 2,
               int itemKeyOffset = 2, int step = 2);

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

// HTTP "endpoint:" items; http is an index in SpecOutline::httpEndpoints. The keys of the
// endpoint map (method, path, host, push, ...) or of its response map (status, headers,
// body, delay, ...) are set, added or removed as setEndpointKeys does a websocket map's;
// setHttpResponseKeys adds "response:" when it is absent. Every other item, and every other
// key of the item, reads as before, or the edit is refused.
TextEdit setHttpKeys(const QString &yaml, const SpecOutline &outline, int http,
                     const KeyValues &values);
TextEdit setHttpResponseKeys(const QString &yaml, const SpecOutline &outline, int http,
                             const KeyValues &values);
// Appends "- endpoint:" with method GET, the path and a 200 response with body.
TextEdit addHttpEndpoint(const QString &yaml, const SpecOutline &outline, const QString &path,
                         const QString &body);
// Removes the item with the comments right above it.
TextEdit removeHttpEndpoint(const QString &yaml, const SpecOutline &outline, int http);

// The text with the edit applied (the text itself for a null edit).
QString apply(const QString &yaml, const TextEdit &edit);

// Edits made one after the other, each on the text (and its outline) the one before left, as
// one edit: what changed between the first text and the last. Null when any step is.
using Step = std::function<TextEdit(const QString &yaml, const SpecOutline &outline)>;
TextEdit inSequence(const QString &yaml, const SpecOutline &outline, const QList<Step> &steps);
} // namespace SpecEdits
