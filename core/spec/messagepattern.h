#pragma once

#include "incomingmessage.h"

#include <QJsonValue>
#include <QList>
#include <QRegularExpression>
#include <QString>

#include <memory>

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
