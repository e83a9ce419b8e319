#pragma once

#include "incomingmessage.h"
#include "pathpattern.h"

#include <QJsonValue>
#include <QNetworkRequest>
#include <QList>
#include <QString>
#include <QStringList>

// A connection's state until a rule sets another one: what {{state}} and `when-state` see.
inline const QString InitialConversationState = QStringLiteral("start");

// What a template can see: the handshake's path and query parameters and headers, the
// message being answered (absent for on-connect), values bound by the matching pattern and
// a few facts about the connection. Nothing else: no files, no environment.
// The first four members keep their order: callers brace-initialise them.
struct TemplateContext
{
    const ParamMap *pathParams = nullptr;
    const ParamMap *queryParams = nullptr;
    const IncomingMessage *message = nullptr;
    const Bindings *bindings = nullptr;
    // The handshake request, its headers read only when a template asks for one (a server
    // keeps no copy of every connection's headers); names compare without case.
    const QNetworkRequest *handshake = nullptr;
    quint64 connectionId = 0;
    qint64 messageCount = 0; // messages received on this connection, the current one included
    qint64 counter = 0; // a stream's tick counter
    // The conversation: the connection's state and variables, the endpoint's shared values.
    const QString *state = nullptr;
    const ParamMap *vars = nullptr;
    const ParamMap *shared = nullptr;
    // What a protocol preset decoded of the message: {{protocol.id}}, {{protocol.sid}}...
    const ParamMap *protocol = nullptr;
};

// A "| name argument" after a template value, applied left to right.
struct TemplateFilter
{
    enum class Kind { Default, Upper, Lower, Json };
    Kind kind = Kind::Upper;
    QJsonValue argument; // Default: the value used instead (a string, or a bare JSON scalar)
};

// A "{{ value | filter ... }}" reference inside a template or pattern, parsed once.
//
// Values:
//   path-params.NAME  query-params.NAME  header-params.NAME (any case)  json-params.A.B.0
//   message  regex.GROUP (same as a bare GROUP)  connection.id  connection.messages  counter
//   state  vars.NAME  shared.NAME (the conversation; state is "start" until a rule sets one)
//   protocol.NAME (on a preset endpoint: what the preset decoded, e.g. protocol.id)
//   now (ISO 8601 UTC with milliseconds)  now 'FORMAT' / now "FORMAT" (a QDateTime format,
//   in UTC; 'epoch' and 'epoch-ms' give Unix time)  uuid  random MIN MAX (inclusive)
//   anything else: a value bound by the matching pattern (a JSON placeholder, a regex group).
//   A value bound under the exact expression takes precedence over every source.
// Filters: default VALUE (when the value is missing or empty; 'quoted' is a string, a bare
//   number/true/false/null is that JSON value), upper, lower, json (JSON text: a string
//   quoted and escaped, other JSON values as they are, missing as null).
// Missing: a value with no source in the context renders empty and is reported, unless a
//   default filter supplies one. connection.*, counter, now, uuid and random always have a
//   value (0 when the context does not set one). A malformed value (e.g. "random 5") has
//   none. Mistakes in the placeholder are listed in problems, never sent to a client.
struct TemplateVariable
{
    enum class Source {
        PathParams,
        QueryParams,
        JsonParams,
        Message,
        Other,
        HeaderParams,
        Regex,
        ConnectionId,
        ConnectionMessages,
        Counter,
        Now,
        Uuid,
        Random,
        State,
        Vars,
        Shared,
        Protocol, // protocol.NAME: what a preset decoded (an operation id, a socket id...)
        Invalid // a malformed value: never has one
    };
    enum class TimeFormat { Iso, Epoch, EpochMs, Custom };

    Source source = Source::Other;
    QString expression; // the value as written, trimmed, without filters: "json-params.a.b.0"
    QStringList path; // below the source: {"a", "b", "0"}; header names in lower case
    QString text; // the whole placeholder, trimmed: "json-params.a.b.0 | upper"
    TimeFormat timeFormat = TimeFormat::Iso; // now
    QString format; // now with TimeFormat::Custom
    qint64 lowest = 0; // random
    qint64 highest = 0; // random
    QList<TemplateFilter> filters; // known filters only, in order
    QStringList problems; // what is wrong with the placeholder, for the loader

    static TemplateVariable parse(const QString &expression);
};

// A response compiled once when the spec loads. Rendering walks the precompiled parts;
// values inside a JSON string literal of a JSON response are JSON-string-escaped so the
// reply stays valid JSON whatever the client sent; that holds for "| json" too (it is meant
// for bare positions: {"name": {{json-params.name | json}}}), which there gives the JSON
// text as a string. A placeholder inside a JSON string has its own JSON escapes decoded
// first, so {{now \"HH:mm\"}} there (as a YAML map response writes it) means "HH:mm".
// Quoted arguments cannot contain "}}". Unknown filters are skipped and listed in problems().
class Template
{
public:
    Template() = default;
    static Template compile(const QString &text);

    const QString &source() const { return m_source; }
    bool isJson() const { return m_isJson; }
    bool hasVariables() const { return m_hasVariables; }
    QList<TemplateVariable> variables() const;
    // The placeholders a JSON template inserts as they are, outside every string literal
    // ({"n": {{x}}}), where a value's own quotes and braces become the reply's; none when the
    // template is not JSON.
    QList<TemplateVariable> bareVariables() const;
    // Mistakes in placeholders found when compiling ("unknown filter 'uppr'"), each once.
    const QStringList &problems() const { return m_problems; }

    // Missing values render as empty text; their expressions are appended to *missing.
    QString render(const TemplateContext &context, QStringList *missing = nullptr) const;

    // Looks a variable up in a context, before its filters; false when it has no value there.
    static bool lookup(const TemplateVariable &variable, const TemplateContext &context,
                       QString *value);

private:
    struct Part
    {
        QString literal;
        TemplateVariable variable;
        bool isVariable = false;
        bool jsonEscape = false;
    };
    // Cuts m_source into literal parts and placeholder parts (not parsed yet); *probe gets
    // the text with each placeholder as neutral JSON. True when a placeholder follows a
    // backslash inside a JSON string.
    bool splitParts(QString *probe);
    void parseVariables();

    QString m_source;
    QList<Part> m_parts;
    bool m_isJson = false;
    bool m_hasVariables = false;
    QStringList m_problems;
};

// Text of a JSON value as a template inserts it: strings as they are, numbers without a
// spurious ".0", objects and arrays as compact JSON.
QString jsonValueText(const QJsonValue &value);
// Escapes text for the inside of a JSON string literal (no surrounding quotes).
QString jsonStringEscaped(const QString &text);

// Follows JSON string literals through text fed to it piece by piece, as a JSON lexer would.
struct JsonStringScanner
{
    bool inString = false;
    bool escaped = false; // the next character is escaped

    void scan(QStringView text)
    {
        for (QChar character : text) {
            if (escaped)
                escaped = false;
            else if (inString && character == QLatin1Char('\\'))
                escaped = true;
            else if (character == QLatin1Char('"'))
                inString = !inString;
        }
    }
};

// Finds "{{ ... }}" placeholders; calls back with (start, length, trimmed expression).
template<typename F>
void forEachPlaceholder(const QString &text, F &&callback)
{
    qsizetype pos = 0;
    while (true) {
        const qsizetype open = text.indexOf(QLatin1String("{{"), pos);
        if (open < 0)
            return;
        const qsizetype close = text.indexOf(QLatin1String("}}"), open + 2);
        if (close < 0)
            return;
        const QString expression = text.mid(open + 2, close - open - 2).trimmed();
        if (expression.isEmpty() || expression.contains(QLatin1String("{{"))) {
            pos = open + 1;
            continue;
        }
        callback(open, close + 2 - open, expression);
        pos = close + 2;
    }
}
