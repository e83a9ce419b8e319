#pragma once

#include "incomingmessage.h"
#include "pathpattern.h"

#include <QList>
#include <QString>
#include <QStringList>

// What a template can see: the handshake's path and query parameters, the message being
// answered (absent for on-connect) and values bound by the matching pattern. Nothing else:
// no files, no environment.
struct TemplateContext
{
    const ParamMap *pathParams = nullptr;
    const ParamMap *queryParams = nullptr;
    const IncomingMessage *message = nullptr;
    const Bindings *bindings = nullptr;
};

// A "{{ source.path }}" reference inside a template or pattern.
struct TemplateVariable
{
    enum class Source { PathParams, QueryParams, JsonParams, Message, Other };
    Source source = Source::Other;
    QString expression; // as written, trimmed: "json-params.a.b.0"
    QStringList path;   // below the source: {"a", "b", "0"}

    static TemplateVariable parse(const QString &expression);
};

// A response compiled once when the spec loads. Rendering walks the precompiled parts;
// values inside a JSON string literal of a JSON response are JSON-string-escaped so the
// reply stays valid JSON whatever the client sent.
class Template
{
public:
    Template() = default;
    static Template compile(const QString &text);

    const QString &source() const { return m_source; }
    bool isJson() const { return m_isJson; }
    bool hasVariables() const { return m_hasVariables; }
    QList<TemplateVariable> variables() const;

    // Missing values render as empty text; their expressions are appended to *missing.
    QString render(const TemplateContext &context, QStringList *missing = nullptr) const;

    // Looks a variable up in a context; false when it has no value there.
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
    QString m_source;
    QList<Part> m_parts;
    bool m_isJson = false;
    bool m_hasVariables = false;
};

// Text of a JSON value as a template inserts it: strings as they are, numbers without a
// spurious ".0", objects and arrays as compact JSON.
QString jsonValueText(const QJsonValue &value);
// Escapes text for the inside of a JSON string literal (no surrounding quotes).
QString jsonStringEscaped(const QString &text);

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
