#pragma once

#include "incomingmessage.h"

#include <QJsonValue>
#include <QList>
#include <QRegularExpression>
#include <QString>

#include <memory>

// Why a message does not match a rule: data, which the workbench and the control API word.
struct PatternMiss
{
    enum class Reason {
        None, // it matches
        NotJson, // a JSON pattern, and the message is no JSON object or array
        MissingKey, // the JSON lacks the key at path
        ValueDiffers, // the value at path is not the one asked for (expected, actual)
        LengthDiffers, // the array at path has another length (expected, actual: counts)
        TextDiffers, // a text pattern: the first difference is at position
        RegexFailed, // a regular expression that does not match the message
        BinaryRule, // the rule answers binary messages; the message is text
        TextRule, // the rule answers text messages; the message is binary
        PrefixDiffers, // a binary rule whose prefix (expected, hex) the data (actual) lacks
        Disabled, // the rule is switched off (`enabled: false`)
        StateGuard, // the pattern fits, the conversation does not: expected, the states (or
                    // shared values) it needs; actual, the connection's state
        SelectorDiffers, // a preset's key (path) wants expected; actual, the message's
                         // command and what the key reads of it ("subscribe hello")
    };
    Reason reason = Reason::None;
    QString path; // JSON: where, as "user.name" or "items[2]"; empty for the whole message
    QString expected; // compact JSON, the pattern's text, or hex bytes
    QString actual; // the same for the message, shortened to MaxShown characters
    qsizetype position = -1; // TextDiffers: the first character that differs, 0-based

    static constexpr qsizetype MaxShown = 80;
    bool matched() const { return reason == Reason::None; }
    // "missing-key", "value-differs"...: the reason's name in journals and JSON.
    QString reasonName() const;
};

// An on-message pattern, compiled once when the spec loads (semantics §2):
// - Json: the text, with each {{...}} placeholder as a wildcard, parses as a JSON object or
//   array; a message matches when it is JSON containing every key of the pattern with an
//   equal value (subset match, recursively). Placeholders match any value and bind it.
// - Text: the message equals the text exactly, or the text is a regular expression that
//   matches the whole message; named groups bind.
class MessagePattern
{
public:
    enum class Kind { Json, Text };

    MessagePattern() = default;
    static MessagePattern compile(const QString &text);

    Kind kind() const { return m_kind; }
    const QString &source() const { return m_source; }
    // True for a text pattern that is used as a regular expression, not only as exact text.
    bool isRegex() const { return m_kind == Kind::Text && m_regex.isValid() && m_useRegex; }
    // For a text pattern that looks like a regex but does not compile: the reason.
    const QString &regexError() const { return m_regexError; }
    int regexErrorOffset() const { return m_regexErrorOffset; }
    // "JSON", "text" or "regex", for logs and the workbench.
    QString kindName() const;

    bool matches(const IncomingMessage &message, Bindings *bindings) const;
    // Whether every message `later` matches, this pattern matches too (so a rule with this
    // pattern, placed first, leaves `later` nothing): the same text pattern, or a JSON pattern
    // whose keys and values are a subset of the later one's, its placeholders matching
    // anything. False when that cannot be shown simply (e.g. a regex that happens to cover).
    bool covers(const MessagePattern &later) const;
    // Why message does not match (None when it does), at the first difference found.
    PatternMiss explainMiss(const IncomingMessage &message) const;
    // Names this pattern binds for the response: placeholder expressions, regex group names.
    const QStringList &bindingNames() const { return m_bindingNames; }

    struct Node; // a compiled JSON pattern node

private:
    Kind m_kind = Kind::Text;
    QString m_source;
    QRegularExpression m_regex;
    bool m_useRegex = false;
    QStringList m_groupNames;
    QStringList m_bindingNames;
    QString m_regexError;
    int m_regexErrorOffset = -1;
    std::shared_ptr<const Node> m_json;
};
