#include "template.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>

#include <cmath>

TemplateVariable TemplateVariable::parse(const QString &expression)
{
    TemplateVariable v;
    v.expression = expression;
    QStringList parts = expression.split(QLatin1Char('.'));
    const QString root = parts.takeFirst();
    if (root == QLatin1String("path-params"))
        v.source = Source::PathParams;
    else if (root == QLatin1String("query-params"))
        v.source = Source::QueryParams;
    else if (root == QLatin1String("json-params"))
        v.source = Source::JsonParams;
    else if (root == QLatin1String("message") && parts.isEmpty())
        v.source = Source::Message;
    else
        return v; // Other: only a pattern binding can give it a value
    v.path = parts;
    return v;
}

QString jsonValueText(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::String:
        return value.toString();
    case QJsonValue::Double: {
        const double d = value.toDouble();
        if (std::isfinite(d) && d == std::floor(d) && std::fabs(d) < 9007199254740992.0)
            return QString::number(qint64(d));
        return QString::number(d, 'g', QLocale::FloatingPointShortest);
    }
    case QJsonValue::Bool:
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QJsonValue::Null:
        return QStringLiteral("null");
    case QJsonValue::Object:
        return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
    case QJsonValue::Array:
        return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
    case QJsonValue::Undefined:
        break;
    }
    return {};
}

QString jsonStringEscaped(const QString &text)
{
    QString out;
    out.reserve(text.size() + 8);
    for (QChar c : text) {
        switch (c.unicode()) {
        case '"': out += QLatin1String("\\\""); break;
        case '\\': out += QLatin1String("\\\\"); break;
        case '\n': out += QLatin1String("\\n"); break;
        case '\r': out += QLatin1String("\\r"); break;
        case '\t': out += QLatin1String("\\t"); break;
        case '\b': out += QLatin1String("\\b"); break;
        case '\f': out += QLatin1String("\\f"); break;
        default:
            if (c.unicode() < 0x20)
                out += QStringLiteral("\\u%1").arg(c.unicode(), 4, 16, QLatin1Char('0'));
            else
                out += c;
        }
    }
    return out;
}

Template Template::compile(const QString &text)
{
    Template t;
    t.m_source = text;

    // Scan the literal text like a JSON lexer to know which placeholders sit inside a
    // string literal; the placeholders themselves do not change the lexer's state.
    bool inString = false;
    bool escaped = false;
    auto scan = [&](QStringView literal) {
        for (QChar c : literal) {
            if (escaped)
                escaped = false;
            else if (inString && c == QLatin1Char('\\'))
                escaped = true;
            else if (c == QLatin1Char('"'))
                inString = !inString;
        }
    };

    QString probe; // the text with placeholders as neutral JSON, to decide whether it is JSON
    qsizetype pos = 0;
    forEachPlaceholder(text, [&](qsizetype start, qsizetype length, const QString &expression) {
        const QStringView literal = QStringView(text).mid(pos, start - pos);
        scan(literal);
        probe += literal;
        if (!literal.isEmpty())
            t.m_parts.append(Part { literal.toString(), {}, false, false });
        Part part;
        part.isVariable = true;
        part.variable = TemplateVariable::parse(expression);
        part.jsonEscape = inString;
        probe += inString ? QStringLiteral("x") : QStringLiteral("0");
        t.m_parts.append(part);
        pos = start + length;
    });
    const QStringView tail = QStringView(text).mid(pos);
    probe += tail;
    if (!tail.isEmpty())
        t.m_parts.append(Part { tail.toString(), {}, false, false });

    QJsonValue parsed;
    t.m_isJson = parseJsonContainer(probe, &parsed);
    for (Part &part : t.m_parts) {
        if (part.isVariable) {
            t.m_hasVariables = true;
            part.jsonEscape = part.jsonEscape && t.m_isJson;
        }
    }
    return t;
}

QList<TemplateVariable> Template::variables() const
{
    QList<TemplateVariable> result;
    for (const Part &part : m_parts) {
        if (part.isVariable)
            result.append(part.variable);
    }
    return result;
}

static bool lookupJson(const QJsonValue &root, const QStringList &path, QString *value)
{
    QJsonValue current = root;
    for (const QString &key : path) {
        if (current.isObject()) {
            const QJsonObject object = current.toObject();
            const auto it = object.constFind(key);
            if (it == object.constEnd())
                return false;
            current = it.value();
        } else if (current.isArray()) {
            bool ok = false;
            const int index = key.toInt(&ok);
            const QJsonArray array = current.toArray();
            if (!ok || index < 0 || index >= array.size())
                return false;
            current = array.at(index);
        } else {
            return false;
        }
    }
    *value = jsonValueText(current);
    return true;
}

static bool lookupParam(const ParamMap *map, const QStringList &path, QString *value)
{
    if (!map || path.size() != 1)
        return false;
    const auto it = map->constFind(path.first());
    if (it == map->constEnd())
        return false;
    *value = it.value();
    return true;
}

bool Template::lookup(const TemplateVariable &variable, const TemplateContext &context,
                      QString *value)
{
    if (context.bindings) {
        const auto it = context.bindings->constFind(variable.expression);
        if (it != context.bindings->constEnd()) {
            *value = jsonValueText(it.value());
            return true;
        }
    }
    switch (variable.source) {
    case TemplateVariable::Source::PathParams:
        return lookupParam(context.pathParams, variable.path, value);
    case TemplateVariable::Source::QueryParams:
        return lookupParam(context.queryParams, variable.path, value);
    case TemplateVariable::Source::JsonParams: {
        const QJsonValue *json = context.message ? context.message->json() : nullptr;
        return json && lookupJson(*json, variable.path, value);
    }
    case TemplateVariable::Source::Message:
        if (!context.message)
            return false;
        *value = context.message->text();
        return true;
    case TemplateVariable::Source::Other:
        break;
    }
    return false;
}

QString Template::render(const TemplateContext &context, QStringList *missing) const
{
    if (!m_hasVariables)
        return m_source;
    QString out;
    out.reserve(m_source.size() + 32);
    QString value;
    for (const Part &part : m_parts) {
        if (!part.isVariable) {
            out += part.literal;
            continue;
        }
        value.clear();
        if (!lookup(part.variable, context, &value)) {
            if (missing)
                missing->append(part.variable.expression);
            continue;
        }
        out += part.jsonEscape ? jsonStringEscaped(value) : value;
    }
    return out;
}
