#include "template.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QRandomGenerator>
#include <QUuid>

#include <cmath>
#include <limits>

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Template)
};

struct Token
{
    QString text;
    bool quoted = false;
};

// A placeholder splits at each "|" outside quotes into the value and its filters. A quote
// opens only at the start of a word, so "json-params.it's" stays one word.
struct Segment
{
    QString raw; // trimmed
    QList<Token> tokens;
};

QList<Segment> splitSegments(const QString &text, QStringList *problems)
{
    QList<Segment> segments(1);
    qsizetype segmentStart = 0;
    const qsizetype size = text.size();
    qsizetype pos = 0;
    while (pos < size) {
        const QChar character = text.at(pos);
        if (character.isSpace()) {
            ++pos;
        } else if (character == QLatin1Char('|')) {
            segments.last().raw = text.mid(segmentStart, pos - segmentStart).trimmed();
            segments.append(Segment());
            segmentStart = ++pos;
        } else if (character == QLatin1Char('\'') || character == QLatin1Char('"')) {
            qsizetype close = text.indexOf(character, pos + 1);
            if (close < 0) {
                problems->append(Tr::tr("unterminated quote in '{{%1}}'").arg(text));
                close = size;
            }
            segments.last().tokens.append(Token { text.mid(pos + 1, close - pos - 1), true });
            pos = close + 1;
        } else {
            const qsizetype start = pos;
            while (pos < size && !text.at(pos).isSpace() && text.at(pos) != QLatin1Char('|'))
                ++pos;
            segments.last().tokens.append(Token { text.mid(start, pos - start), false });
        }
    }
    segments.last().raw = text.mid(segmentStart).trimmed();
    return segments;
}

// A bare default: a JSON number, true, false or null is that value, anything else a string.
QJsonValue bareValue(const QString &word)
{
    if (word == QLatin1String("true"))
        return true;
    if (word == QLatin1String("false"))
        return false;
    if (word == QLatin1String("null"))
        return QJsonValue(QJsonValue::Null);
    const QJsonDocument doc = QJsonDocument::fromJson(QByteArray("[") + word.toUtf8() + ']');
    if (doc.isArray() && doc.array().size() == 1 && doc.array().at(0).isDouble())
        return doc.array().at(0);
    return word;
}

void addProblem(TemplateVariable &variable, const QString &what)
{
    variable.problems.append(Tr::tr("%1 in '{{%2}}'").arg(what, variable.text));
}

struct NamedSource
{
    const char *name;
    TemplateVariable::Source source;
};

template<size_t Size>
const NamedSource *findSource(const NamedSource (&table)[Size], const QString &name)
{
    for (const NamedSource &entry : table) {
        if (name == QLatin1String(entry.name))
            return &entry;
    }
    return nullptr;
}

// path-params.NAME, query-params.NAME, json-params.A.B, header-params.NAME, regex.GROUP: the
// source and the path below it. False for any other value.
bool parseDottedValue(TemplateVariable &variable)
{
    QStringList parts = variable.expression.split(QLatin1Char('.'));
    const QString root = parts.takeFirst();
    static const NamedSource dotted[] = {
        { "path-params", TemplateVariable::Source::PathParams },
        { "query-params", TemplateVariable::Source::QueryParams },
        { "json-params", TemplateVariable::Source::JsonParams },
        { "header-params", TemplateVariable::Source::HeaderParams },
        { "regex", TemplateVariable::Source::Regex },
        { "vars", TemplateVariable::Source::Vars },
        { "shared", TemplateVariable::Source::Shared },
        { "protocol", TemplateVariable::Source::Protocol },
    };
    const NamedSource *entry = findSource(dotted, root);
    if (!entry)
        return false;
    variable.source = entry->source;
    variable.path = parts;
    if (variable.source == TemplateVariable::Source::HeaderParams) {
        for (QString &name : variable.path)
            name = name.toLower();
    }
    return true;
}

// now, now 'FORMAT', now epoch, now epoch-ms.
void parseNow(TemplateVariable &variable, const QList<Token> &arguments)
{
    variable.source = TemplateVariable::Source::Now;
    if (arguments.size() > 1) {
        addProblem(variable, Tr::tr("now takes one format"));
        variable.source = TemplateVariable::Source::Invalid;
        return;
    }
    if (arguments.isEmpty())
        return;
    const QString &format = arguments.first().text;
    if (format == QLatin1String("epoch")) {
        variable.timeFormat = TemplateVariable::TimeFormat::Epoch;
    } else if (format == QLatin1String("epoch-ms")) {
        variable.timeFormat = TemplateVariable::TimeFormat::EpochMs;
    } else if (format.isEmpty()) {
        addProblem(variable, Tr::tr("now has an empty format"));
        variable.source = TemplateVariable::Source::Invalid;
    } else {
        variable.timeFormat = TemplateVariable::TimeFormat::Custom;
        variable.format = format;
    }
}

// random MIN MAX, both integers, MIN <= MAX.
void parseRandom(TemplateVariable &variable, const QList<Token> &arguments)
{
    bool okLow = false;
    bool okHigh = false;
    if (arguments.size() == 2) {
        variable.lowest = arguments.at(0).text.toLongLong(&okLow);
        variable.highest = arguments.at(1).text.toLongLong(&okHigh);
    }
    if (!okLow || !okHigh) {
        variable.source = TemplateVariable::Source::Invalid;
        addProblem(variable, Tr::tr("random needs two integers, lowest and highest"));
    } else if (variable.lowest > variable.highest) {
        variable.source = TemplateVariable::Source::Invalid;
        addProblem(variable,
                   Tr::tr("random's lowest value %1 is above its highest %2")
                       .arg(variable.lowest)
                       .arg(variable.highest));
    } else {
        variable.source = TemplateVariable::Source::Random;
    }
}

// The values a template makes itself: uuid, counter, connection.*, now and random. Anything
// else stays Other: only a pattern binding can give it a value.
void parseGeneratedValue(TemplateVariable &variable, const Segment &segment)
{
    if (segment.tokens.isEmpty() || segment.tokens.first().quoted)
        return;
    const QString &name = segment.tokens.first().text;
    const QList<Token> arguments = segment.tokens.mid(1);
    static const NamedSource withoutArguments[] = {
        { "uuid", TemplateVariable::Source::Uuid },
        { "counter", TemplateVariable::Source::Counter },
        { "state", TemplateVariable::Source::State },
        { "connection.id", TemplateVariable::Source::ConnectionId },
        { "connection.messages", TemplateVariable::Source::ConnectionMessages },
    };
    if (const NamedSource *entry = findSource(withoutArguments, name)) {
        variable.source = entry->source;
        if (!arguments.isEmpty())
            addProblem(variable, Tr::tr("'%1' takes no arguments").arg(name));
        return;
    }
    if (name == QLatin1String("now")) {
        parseNow(variable, arguments);
    } else if (name == QLatin1String("random")) {
        parseRandom(variable, arguments);
    } else if (name.startsWith(QLatin1String("connection."))) {
        variable.source = TemplateVariable::Source::Invalid;
        addProblem(variable,
                   Tr::tr("unknown connection value '%1' (there are connection.id and "
                          "connection.messages)")
                       .arg(name));
    }
}

void parseValue(TemplateVariable &variable, const Segment &segment)
{
    if (parseDottedValue(variable))
        return;
    if (variable.expression == QLatin1String("message")) {
        variable.source = TemplateVariable::Source::Message;
        return;
    }
    parseGeneratedValue(variable, segment);
}

void parseFilter(TemplateVariable &variable, const Segment &segment)
{
    if (segment.tokens.isEmpty()) {
        addProblem(variable, Tr::tr("empty filter after '|'"));
        return;
    }
    const Token &name = segment.tokens.first();
    const QList<Token> arguments = segment.tokens.mid(1);
    TemplateFilter filter;
    if (!name.quoted && name.text == QLatin1String("default")) {
        if (arguments.size() != 1) {
            addProblem(variable,
                       Tr::tr("filter 'default' needs one value (quote it if it has spaces)"));
            return;
        }
        const Token &argument = arguments.first();
        filter.kind = TemplateFilter::Kind::Default;
        filter.argument = argument.quoted ? QJsonValue(argument.text) : bareValue(argument.text);
        variable.filters.append(filter);
        return;
    }
    if (!name.quoted && name.text == QLatin1String("upper"))
        filter.kind = TemplateFilter::Kind::Upper;
    else if (!name.quoted && name.text == QLatin1String("lower"))
        filter.kind = TemplateFilter::Kind::Lower;
    else if (!name.quoted && name.text == QLatin1String("json"))
        filter.kind = TemplateFilter::Kind::Json;
    else {
        addProblem(variable,
                   Tr::tr("unknown filter '%1' (there are default, upper, lower and json)")
                       .arg(name.text));
        return;
    }
    if (!arguments.isEmpty())
        addProblem(variable, Tr::tr("filter '%1' takes no arguments").arg(name.text));
    variable.filters.append(filter);
}
} // namespace

TemplateVariable TemplateVariable::parse(const QString &expression)
{
    TemplateVariable variable;
    variable.text = expression;
    const QList<Segment> segments = splitSegments(expression, &variable.problems);
    variable.expression = segments.first().raw;
    if (variable.expression.isEmpty() && segments.size() > 1) {
        variable.source = Source::Invalid;
        addProblem(variable, Tr::tr("nothing before '|'"));
    } else {
        parseValue(variable, segments.first());
    }
    for (qsizetype index = 1; index < segments.size(); ++index)
        parseFilter(variable, segments.at(index));
    return variable;
}

QString jsonValueText(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::String:
        return value.toString();
    case QJsonValue::Double: {
        const double number = value.toDouble();
        if (std::isfinite(number) && number == std::floor(number)
            && std::fabs(number) < 9007199254740992.0)
            return QString::number(qint64(number));
        return QString::number(number, 'g', QLocale::FloatingPointShortest);
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
    for (QChar character : text) {
        switch (character.unicode()) {
        case '"':
            out += QLatin1String("\\\"");
            break;
        case '\\':
            out += QLatin1String("\\\\");
            break;
        case '\n':
            out += QLatin1String("\\n");
            break;
        case '\r':
            out += QLatin1String("\\r");
            break;
        case '\t':
            out += QLatin1String("\\t");
            break;
        case '\b':
            out += QLatin1String("\\b");
            break;
        case '\f':
            out += QLatin1String("\\f");
            break;
        default:
            if (character.unicode() < 0x20)
                out += QStringLiteral("\\u%1").arg(character.unicode(), 4, 16, QLatin1Char('0'));
            else
                out += character;
        }
    }
    return out;
}

// The text of a JSON string literal's inside with its escapes decoded; as it is if it has
// invalid ones.
static QString jsonStringDecoded(const QString &text)
{
    const QJsonDocument doc = QJsonDocument::fromJson(QByteArray("[\"") + text.toUtf8() + "\"]");
    if (!doc.isArray() || doc.array().size() != 1 || !doc.array().at(0).isString())
        return text;
    return doc.array().at(0).toString();
}

Template Template::compile(const QString &text)
{
    Template compiled;
    compiled.m_source = text;
    QString probe;
    const bool danglingEscape = compiled.splitParts(&probe);
    QJsonValue parsed;
    compiled.m_isJson = !danglingEscape && parseJsonContainer(probe, &parsed);
    compiled.parseVariables();
    return compiled;
}

bool Template::splitParts(QString *probe)
{
    // Scan the literal text like a JSON lexer to know which placeholders sit inside a
    // string literal; the placeholders themselves do not change the lexer's state.
    JsonStringScanner scanner;
    bool danglingEscape = false;
    qsizetype pos = 0;
    auto appendLiteral = [this, probe](QStringView literal) {
        *probe += literal;
        if (!literal.isEmpty())
            m_parts.append(Part { literal.toString(), {}, false, false });
    };
    forEachPlaceholder(m_source, [&](qsizetype start, qsizetype length, const QString &expression) {
        const QStringView literal = QStringView(m_source).mid(pos, start - pos);
        scanner.scan(literal);
        appendLiteral(literal);
        Part part;
        part.isVariable = true;
        part.variable.text = expression; // parsed later, once the text is known to be JSON
        part.jsonEscape = scanner.inString;
        // A backslash right before a placeholder would escape the value's first character:
        // no sound JSON can come of that, so the template is not treated as JSON.
        if (scanner.inString && scanner.escaped)
            danglingEscape = true;
        *probe += scanner.inString ? QStringLiteral("x") : QStringLiteral("0");
        m_parts.append(part);
        pos = start + length;
    });
    appendLiteral(QStringView(m_source).mid(pos));
    return danglingEscape;
}

void Template::parseVariables()
{
    for (Part &part : m_parts) {
        if (!part.isVariable)
            continue;
        m_hasVariables = true;
        part.jsonEscape = part.jsonEscape && m_isJson;
        QString expression = part.variable.text;
        if (part.jsonEscape && expression.contains(QLatin1Char('\\')))
            expression = jsonStringDecoded(expression);
        part.variable = TemplateVariable::parse(expression);
        for (const QString &problem : std::as_const(part.variable.problems)) {
            if (!m_problems.contains(problem))
                m_problems.append(problem);
        }
    }
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

QList<TemplateVariable> Template::bareVariables() const
{
    QList<TemplateVariable> result;
    if (!m_isJson)
        return result;
    for (const Part &part : m_parts) {
        if (part.isVariable && !part.jsonEscape)
            result.append(part.variable);
    }
    return result;
}

static bool lookupJson(const QJsonValue &root, const QStringList &path, QJsonValue *value)
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
    *value = current;
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

namespace {
// A value on its way through the filters: its text, and whether that text is the JSON of
// a number, boolean, null, object or array (rather than a string's contents).
struct Value
{
    QString text;
    bool isJson = false;

    static Value of(const QJsonValue &json) { return { jsonValueText(json), !json.isString() }; }
    static Value number(qint64 value) { return { QString::number(value), true }; }
};

quint64 randomInRange(qint64 lowest, qint64 highest)
{
    const quint64 span = quint64(highest) - quint64(lowest); // exact in unsigned arithmetic
    QRandomGenerator *rng = QRandomGenerator::global();
    if (span == 0)
        return quint64(lowest);
    // Qt 6.4's 64-bit bounded() can spin for small bounds; the 32-bit one is exact.
    if (span < std::numeric_limits<quint32>::max())
        return quint64(lowest) + rng->bounded(quint32(span + 1));
    if (span == std::numeric_limits<quint64>::max())
        return quint64(lowest) + rng->generate64();
    // Rejection sampling keeps the draw uniform over a 64-bit span.
    const quint64 limit
        = std::numeric_limits<quint64>::max() - std::numeric_limits<quint64>::max() % (span + 1);
    quint64 value;
    do
        value = rng->generate64();
    while (value >= limit);
    return quint64(lowest) + value % (span + 1);
}

inline void timeValue(const TemplateVariable &variable, const QDateTime &now, Value *value)
{
    switch (variable.timeFormat) {
    case TemplateVariable::TimeFormat::Iso:
        value->text = now.toString(Qt::ISODateWithMs);
        break;
    case TemplateVariable::TimeFormat::Epoch:
        *value = Value::number(now.toSecsSinceEpoch());
        break;
    case TemplateVariable::TimeFormat::EpochMs:
        *value = Value::number(now.toMSecsSinceEpoch());
        break;
    case TemplateVariable::TimeFormat::Custom:
        value->text = now.toString(variable.format);
        break;
    }
}

// *now is read from the clock once per rendering, so every {{now}} of a reply agrees.
bool valueOf(const TemplateVariable &variable, const TemplateContext &context, Value *value,
             QDateTime *now)
{
    using Source = TemplateVariable::Source;
    if (context.bindings) {
        const auto it = context.bindings->constFind(variable.expression);
        if (it != context.bindings->constEnd()) {
            *value = Value::of(it.value());
            return true;
        }
    }
    switch (variable.source) {
    case Source::PathParams:
        return lookupParam(context.pathParams, variable.path, &value->text);
    case Source::QueryParams:
        return lookupParam(context.queryParams, variable.path, &value->text);
    case Source::HeaderParams: {
        if (!context.handshake || variable.path.size() != 1)
            return false;
        // Header names are ASCII; QNetworkRequest compares them without case.
        const QByteArray name = variable.path.first().toLatin1();
        if (!context.handshake->hasRawHeader(name))
            return false;
        value->text = QString::fromUtf8(context.handshake->rawHeader(name));
        return true;
    }
    case Source::JsonParams: {
        const QJsonValue *json = context.message ? context.message->json() : nullptr;
        QJsonValue found;
        if (!json || !lookupJson(*json, variable.path, &found))
            return false;
        *value = Value::of(found);
        return true;
    }
    case Source::Message:
        if (!context.message)
            return false;
        value->text = context.message->text();
        return true;
    case Source::Regex: {
        if (!context.bindings || variable.path.size() != 1)
            return false;
        const auto it = context.bindings->constFind(variable.path.first());
        if (it == context.bindings->constEnd())
            return false;
        *value = Value::of(it.value());
        return true;
    }
    case Source::ConnectionId:
        *value = { QString::number(context.connectionId), true };
        return true;
    case Source::ConnectionMessages:
        *value = Value::number(context.messageCount);
        return true;
    case Source::Counter:
        *value = Value::number(context.counter);
        return true;
    case Source::State:
        value->text = context.state ? *context.state : InitialConversationState;
        return true;
    case Source::Vars:
        return lookupParam(context.vars, variable.path, &value->text);
    case Source::Shared:
        return lookupParam(context.shared, variable.path, &value->text);
    case Source::Protocol:
        return lookupParam(context.protocol, variable.path, &value->text);
    case Source::Now:
        if (!now->isValid())
            *now = QDateTime::currentDateTimeUtc();
        timeValue(variable, *now, value);
        return true;
    case Source::Uuid:
        value->text = QUuid::createUuid().toString(QUuid::WithoutBraces);
        return true;
    case Source::Random:
        *value = Value::number(qint64(randomInRange(variable.lowest, variable.highest)));
        return true;
    case Source::Other:
    case Source::Invalid:
        break;
    }
    return false;
}
// A default fills a missing or empty value, which then is no longer reported; json gives a
// missing one as null.
inline void applyFilter(const TemplateFilter &filter, Value &value, bool &present, bool &reported)
{
    switch (filter.kind) {
    case TemplateFilter::Kind::Default:
        if (!present || value.text.isEmpty()) {
            value = Value::of(filter.argument);
            present = true;
            reported = false;
        }
        break;
    case TemplateFilter::Kind::Upper:
        value = { value.text.toUpper(), false };
        break;
    case TemplateFilter::Kind::Lower:
        value = { value.text.toLower(), false };
        break;
    case TemplateFilter::Kind::Json:
        if (!present)
            value = { QStringLiteral("null"), false };
        else if (!value.isJson)
            value = { QLatin1Char('"') + jsonStringEscaped(value.text) + QLatin1Char('"'), false };
        else
            value.isJson = false; // JSON text now, a string to any later json filter
        present = true;
        break;
    }
}
} // namespace

bool Template::lookup(const TemplateVariable &variable, const TemplateContext &context,
                      QString *value)
{
    Value found;
    QDateTime now;
    if (!valueOf(variable, context, &found, &now))
        return false;
    *value = found.text;
    return true;
}

QString Template::render(const TemplateContext &context, QStringList *missing) const
{
    if (!m_hasVariables)
        return m_source;
    QString out;
    out.reserve(m_source.size() + 32);
    QDateTime now;
    for (const Part &part : m_parts) {
        if (!part.isVariable) {
            out += part.literal;
            continue;
        }
        Value value;
        bool present = valueOf(part.variable, context, &value, &now);
        bool reported = !present; // a missing value stays reported unless a default fills it
        for (const TemplateFilter &filter : part.variable.filters)
            applyFilter(filter, value, present, reported);
        if (reported && missing)
            missing->append(part.variable.expression);
        if (present)
            out += part.jsonEscape ? jsonStringEscaped(value.text) : value.text;
    }
    return out;
}
