// Template::compile and render. The input is three NUL-separated fields: the template, the
// message being answered (empty: none, as for on-connect) and a value given to every path
// and query parameter and pattern binding the template asks for.
//
// Checks, from template.h and the README:
// - render() is the literal text with each placeholder replaced by its value; inside a JSON
//   string of a JSON template the value is JSON-string-escaped, elsewhere inserted as it is;
//   a missing value renders empty and its expression is reported, in order.
// - A JSON template whose placeholders all sit inside JSON strings renders valid JSON, with
//   any values and with every value missing.
// - A template without placeholders renders as its source.

#include "fuzzcommon.h"

#include "incomingmessage.h"
#include "template.h"

#include <QJsonDocument>
#include <QJsonParseError>

#include <optional>

namespace {

bool isJsonContainer(const QString &text)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(text.toUtf8(), &error);
    return error.error == QJsonParseError::NoError && (doc.isObject() || doc.isArray());
}

struct Placeholder
{
    QString literalBefore;
    QString expression;
    bool inString = false;
};

// The placeholders of text with the literal before each and whether a JSON lexer reading
// only the literal text is inside a string there.
QList<Placeholder> placeholders(const QString &text, QString *tail)
{
    QList<Placeholder> out;
    bool inString = false;
    bool escaped = false;
    qsizetype pos = 0;
    forEachPlaceholder(text, [&](qsizetype start, qsizetype length, const QString &expression) {
        const QString literal = text.mid(pos, start - pos);
        for (QChar c : literal) {
            if (escaped)
                escaped = false;
            else if (inString && c == u'\\')
                escaped = true;
            else if (c == u'"')
                inString = !inString;
        }
        out.append({ literal, expression, inString });
        pos = start + length;
    });
    *tail = text.mid(pos);
    return out;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QList<QByteArray> f = fuzz::fields(data, size, 3);
    const QString source = fuzz::text(f.at(0));
    const QString messageText = fuzz::text(f.at(1));
    const QString value = fuzz::text(f.at(2));

    const Template t = Template::compile(source);
    FUZZ_CHECK(t.source() == source, source);

    QString tail;
    const QList<Placeholder> expected = placeholders(source, &tail);
    const QList<TemplateVariable> variables = t.variables();
    FUZZ_CHECK(variables.size() == expected.size(), source);
    FUZZ_CHECK(t.hasVariables() == !expected.isEmpty(), source);
    bool allInStrings = true;
    // The oracle below knows the spec's values only; filters and the values the server
    // fills (headers, connection, now, uuid, random...) are checked for sanity alone.
    bool simple = true;
    for (qsizetype i = 0; i < variables.size(); ++i) {
        const TemplateVariable &v = variables.at(i);
        // Inside a JSON string a placeholder's own JSON escapes are decoded first ({{now \"HH\"}}
        // as a YAML map response writes it), so its text may differ from the raw one.
        const bool decoded = expected.at(i).inString && expected.at(i).expression.contains(u'\\');
        FUZZ_CHECK(v.text == expected.at(i).expression || decoded, source);
        simple = simple && !decoded;
        switch (v.source) {
        case TemplateVariable::Source::PathParams:
        case TemplateVariable::Source::QueryParams:
        case TemplateVariable::Source::JsonParams:
        case TemplateVariable::Source::Message:
        case TemplateVariable::Source::Other:
            simple = simple && v.filters.isEmpty() && v.problems.isEmpty();
            break;
        default:
            simple = false;
        }
        allInStrings = allInStrings && expected.at(i).inString;
    }

    // Values for everything the template asks for.
    ParamMap pathParams, queryParams;
    Bindings bindings;
    QJsonValue bound(value);
    QJsonValue parsedValue;
    if (parseJsonContainer(value, &parsedValue))
        bound = parsedValue;
    for (const TemplateVariable &v : variables) {
        switch (v.source) {
        case TemplateVariable::Source::PathParams:
            if (v.path.size() == 1)
                pathParams.insert(v.path.first(), value);
            break;
        case TemplateVariable::Source::QueryParams:
            if (v.path.size() == 1)
                queryParams.insert(v.path.first(), value);
            break;
        case TemplateVariable::Source::Other:
            bindings.insert(v.expression, bound);
            break;
        default:
            break;
        }
    }
    std::optional<IncomingMessage> message;
    if (!f.at(1).isEmpty())
        message.emplace(messageText);
    const TemplateContext context { &pathParams, &queryParams, message ? &*message : nullptr,
                                    &bindings };

    QStringList missing;
    const QString rendered = t.render(context, &missing);

    if (!simple) {
        (void)t.render(context); // renders again without a missing list
        if (t.isJson() && allInStrings)
            FUZZ_CHECK(isJsonContainer(rendered), source + QStringLiteral("\n-> ") + rendered);
        return 0;
    }
    // The oracle: literal text, then each value escaped or not, missing ones empty.
    QString wanted;
    QStringList wantedMissing;
    for (qsizetype i = 0; i < expected.size(); ++i) {
        wanted += expected.at(i).literalBefore;
        QString v;
        if (Template::lookup(variables.at(i), context, &v))
            wanted += t.isJson() && expected.at(i).inString ? jsonStringEscaped(v) : v;
        else
            wantedMissing.append(variables.at(i).expression);
    }
    wanted += tail;
    FUZZ_CHECK(rendered == wanted,
               source + QStringLiteral("\n-> ") + rendered + QStringLiteral("\nwanted ") + wanted);
    FUZZ_CHECK(missing == wantedMissing, source);
    if (!t.hasVariables())
        FUZZ_CHECK(rendered == source, source);

    if (t.isJson() && allInStrings) {
        FUZZ_CHECK(isJsonContainer(rendered), source + QStringLiteral("\n-> ") + rendered);
        QStringList none;
        const QString empty = t.render(TemplateContext {}, &none);
        FUZZ_CHECK(isJsonContainer(empty), source + QStringLiteral("\n-> ") + empty);
        FUZZ_CHECK(none.size() == variables.size(), source);
    }
    // Without a missing list, the same text.
    FUZZ_CHECK(t.render(context) == rendered, source);
    return 0;
}
