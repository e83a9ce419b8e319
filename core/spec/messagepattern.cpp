#include "messagepattern.h"

#include "template.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(MessagePattern)
};

// Placeholders are swapped for a pair of private-use characters before parsing the pattern
// as JSON; the pair is one the pattern itself does not use (literally or as a \u escape), so
// a user's text can never pose as a placeholder.
struct Markers
{
    QChar open;
    QChar close;

    static Markers for_(const QString &text)
    {
        for (char16_t base = 0xE000; base < 0xF8F0; base += 2) {
            const QChar open(base), close(char16_t(base + 1));
            auto escaped = [&text](QChar marker) {
                const QString hex = QString::number(marker.unicode(), 16);
                return text.contains(QStringLiteral("\\u") + hex, Qt::CaseInsensitive);
            };
            if (!text.contains(open) && !text.contains(close) && !escaped(open) && !escaped(close))
                return { open, close };
        }
        return { QChar(0xE000), QChar(0xE001) }; // unreachable for any sane pattern
    }
    QString marker(int index) const { return open + QString::number(index) + close; }
};

bool hasRegexSyntax(const QString &text)
{
    static const QString meta = QStringLiteral("\\^$.|?*+()[]{}");
    for (QChar character : text) {
        if (meta.contains(character))
            return true;
    }
    return false;
}
} // namespace

struct MessagePattern::Node
{
    enum class Type { Literal, Wildcard, StringTemplate, Object, Array };
    Type type = Type::Literal;
    QJsonValue literal;
    QString binding; // Wildcard: the expression it binds
    QRegularExpression regex; // StringTemplate: literal text around (.*?) captures
    QStringList captureBindings; // StringTemplate: expression per capture
    QList<QPair<QString, Node>> children; // Object (key, node) or Array (empty key, node)

    static Node build(const QJsonValue &value, const QStringList &expressions,
                      const Markers &markers);
    bool matches(const QJsonValue &value, Bindings *bindings) const;
    // Whether every value `later` matches, this node matches.
    bool covers(const Node &later) const;
    // Why value does not match (None when it does); path names where value is.
    PatternMiss explainMiss(const QJsonValue &value, const QString &path) const;
    QString display; // StringTemplate: the string as written, placeholders and all

private:
    static Node buildString(const QString &string, const QStringList &expressions,
                            const Markers &markers);
    bool matchesWildcard(const QJsonValue &value, Bindings *bindings) const;
    bool matchesStringTemplate(const QJsonValue &value, Bindings *bindings) const;
    bool matchesObject(const QJsonValue &value, Bindings *bindings) const;
    bool matchesArray(const QJsonValue &value, Bindings *bindings) const;
};

MessagePattern::Node MessagePattern::Node::build(const QJsonValue &value,
                                                 const QStringList &expressions,
                                                 const Markers &markers)
{
    Node node;
    if (value.isObject()) {
        node.type = Type::Object;
        const QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it)
            node.children.append({ it.key(), build(it.value(), expressions, markers) });
        // In key order, whatever QJsonObject's own: covers() pairs keys in one walk.
        std::stable_sort(
            node.children.begin(), node.children.end(),
            [](const auto &left, const auto &right) { return left.first < right.first; });
    } else if (value.isArray()) {
        node.type = Type::Array;
        for (const QJsonValue &element : value.toArray())
            node.children.append({ QString(), build(element, expressions, markers) });
    } else if (value.isString() && value.toString().contains(markers.open)) {
        node = buildString(value.toString(), expressions, markers);
    } else {
        node.literal = value;
    }
    return node;
}

// A string holding placeholders: a wildcard when it is one placeholder alone, otherwise the
// literal text around (.*?) captures.
MessagePattern::Node MessagePattern::Node::buildString(const QString &string,
                                                       const QStringList &expressions,
                                                       const Markers &markers)
{
    Node node;
    QString regex;
    qsizetype pos = 0;
    while (pos < string.size()) {
        const qsizetype open = string.indexOf(markers.open, pos);
        if (open < 0) {
            regex += QRegularExpression::escape(string.mid(pos));
            break;
        }
        const qsizetype close = string.indexOf(markers.close, open);
        bool ok = false;
        const int index = close > open ? string.mid(open + 1, close - open - 1).toInt(&ok) : -1;
        if (!ok || index < 0 || index >= expressions.size()) {
            // Not one of ours after all: literal text, and always move on.
            regex += QRegularExpression::escape(string.mid(pos, open + 1 - pos));
            pos = open + 1;
            continue;
        }
        regex += QRegularExpression::escape(string.mid(pos, open - pos));
        node.captureBindings.append(expressions.at(index));
        regex += QStringLiteral("(.*?)");
        pos = close + 1;
    }
    node.display = string;
    for (qsizetype index = 0; index < expressions.size(); ++index)
        node.display.replace(markers.marker(int(index)),
                             QStringLiteral("{{") + expressions.at(index) + QStringLiteral("}}"));
    if (node.captureBindings.size() == 1
        && string == markers.marker(int(expressions.indexOf(node.captureBindings.first())))) {
        node.type = Type::Wildcard;
        node.binding = node.captureBindings.first();
        node.captureBindings.clear();
    } else {
        node.type = Type::StringTemplate;
        node.regex.setPattern(QRegularExpression::anchoredPattern(regex));
        node.regex.setPatternOptions(QRegularExpression::DotMatchesEverythingOption);
    }
    return node;
}

bool MessagePattern::Node::matches(const QJsonValue &value, Bindings *bindings) const
{
    switch (type) {
    case Type::Literal:
        return value == literal;
    case Type::Wildcard:
        return matchesWildcard(value, bindings);
    case Type::StringTemplate:
        return matchesStringTemplate(value, bindings);
    case Type::Object:
        return matchesObject(value, bindings);
    case Type::Array:
        return matchesArray(value, bindings);
    }
    return false;
}

bool MessagePattern::Node::covers(const Node &later) const
{
    switch (type) {
    case Type::Wildcard:
        return true; // any value there is
    case Type::Literal:
        return later.type == Type::Literal && later.literal == literal;
    case Type::StringTemplate:
        return (later.type == Type::Literal && later.literal.isString()
                && regex.match(later.literal.toString()).hasMatch())
            || (later.type == Type::StringTemplate && later.regex.pattern() == regex.pattern());
    case Type::Object:
    case Type::Array:
        break;
    }
    if (later.type != type || (type == Type::Array && later.children.size() != children.size()))
        return false;
    // Object children are in key order, so one walk pairs equal keys.
    qsizetype laterIndex = 0;
    for (const auto &[key, child] : children) {
        while (type == Type::Object && laterIndex < later.children.size()
               && later.children.at(laterIndex).first < key)
            ++laterIndex;
        if (laterIndex >= later.children.size() || later.children.at(laterIndex).first != key
            || !child.covers(later.children.at(laterIndex).second))
            return false;
        ++laterIndex;
    }
    return true;
}

namespace {

QString shown(const QString &text)
{
    if (text.size() <= PatternMiss::MaxShown)
        return text;
    return text.left(PatternMiss::MaxShown - 1) + QChar(0x2026);
}

QString compactJson(const QJsonValue &value)
{
    if (value.isObject())
        return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
    if (value.isArray())
        return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
    // A scalar: as the one element of an array, without the brackets.
    const QByteArray array = QJsonDocument(QJsonArray { value }).toJson(QJsonDocument::Compact);
    return QString::fromUtf8(array.mid(1, array.size() - 2));
}

PatternMiss valueMiss(const QString &path, const QString &expected, const QJsonValue &actual)
{
    return { PatternMiss::Reason::ValueDiffers, path, shown(expected), shown(compactJson(actual)),
             -1 };
}

QString childPath(const QString &path, const QString &key)
{
    return path.isEmpty() ? key : path + QLatin1Char('.') + key;
}

} // namespace

PatternMiss MessagePattern::Node::explainMiss(const QJsonValue &value, const QString &path) const
{
    if (matches(value, nullptr))
        return {};
    switch (type) {
    case Type::Literal:
        return valueMiss(path, compactJson(literal), value);
    case Type::Wildcard: // matches every value that is there
    case Type::StringTemplate:
        return valueMiss(path, QLatin1Char('"') + display + QLatin1Char('"'), value);
    case Type::Object:
        if (!value.isObject())
            return valueMiss(path, QStringLiteral("{\u2026}"), value);
        for (const auto &[key, child] : children) {
            const QJsonValue there = value.toObject().value(key);
            if (there.isUndefined())
                return { PatternMiss::Reason::MissingKey, childPath(path, key), {}, {}, -1 };
            if (!child.matches(there, nullptr))
                return child.explainMiss(there, childPath(path, key));
        }
        break;
    case Type::Array:
        if (!value.isArray())
            return valueMiss(path, QStringLiteral("[\u2026]"), value);
        if (value.toArray().size() != children.size())
            return { PatternMiss::Reason::LengthDiffers, path, QString::number(children.size()),
                     QString::number(value.toArray().size()), -1 };
        for (qsizetype index = 0; index < children.size(); ++index) {
            const Node &child = children.at(index).second;
            if (!child.matches(value.toArray().at(index), nullptr))
                return child.explainMiss(value.toArray().at(index),
                                         path + QStringLiteral("[%1]").arg(index));
        }
        break;
    }
    return {};
}

inline bool MessagePattern::Node::matchesWildcard(const QJsonValue &value, Bindings *bindings) const
{
    if (value.isUndefined())
        return false;
    if (bindings)
        bindings->insert(binding, value);
    return true;
}

inline bool MessagePattern::Node::matchesStringTemplate(const QJsonValue &value,
                                                        Bindings *bindings) const
{
    if (!value.isString())
        return false;
    const QRegularExpressionMatch match = regex.match(value.toString());
    if (!match.hasMatch())
        return false;
    if (bindings) {
        for (int capture = 0; capture < captureBindings.size(); ++capture)
            bindings->insert(captureBindings.at(capture), match.captured(capture + 1));
    }
    return true;
}

// Every key of the pattern, with a matching value; the message may have more.
inline bool MessagePattern::Node::matchesObject(const QJsonValue &value, Bindings *bindings) const
{
    if (!value.isObject())
        return false;
    const QJsonObject object = value.toObject();
    for (const auto &[key, child] : children) {
        const auto it = object.constFind(key);
        if (it == object.constEnd() || !child.matches(it.value(), bindings))
            return false;
    }
    return true;
}

// Exactly as many elements as the pattern, each matching in order.
inline bool MessagePattern::Node::matchesArray(const QJsonValue &value, Bindings *bindings) const
{
    if (!value.isArray())
        return false;
    const QJsonArray array = value.toArray();
    if (array.size() != children.size())
        return false;
    for (qsizetype index = 0; index < children.size(); ++index) {
        if (!children.at(index).second.matches(array.at(index), bindings))
            return false;
    }
    return true;
}

MessagePattern MessagePattern::compile(const QString &text)
{
    MessagePattern pattern;
    pattern.m_source = text;

    // JSON pattern? Each placeholder becomes a marker: bare ones as a JSON string.
    const Markers markers = Markers::for_(text);
    QStringList expressions;
    QString probe;
    qsizetype pos = 0;
    JsonStringScanner scanner;
    forEachPlaceholder(text, [&](qsizetype start, qsizetype length, const QString &expression) {
        const QStringView literal = QStringView(text).mid(pos, start - pos);
        scanner.scan(literal);
        probe += literal;
        qsizetype index = expressions.indexOf(expression);
        if (index < 0) {
            index = expressions.size();
            expressions.append(expression);
        }
        probe += scanner.inString
            ? markers.marker(int(index))
            : QLatin1Char('"') + markers.marker(int(index)) + QLatin1Char('"');
        pos = start + length;
    });
    probe += QStringView(text).mid(pos);
    QJsonValue json;
    if (parseJsonContainer(probe, &json)) {
        pattern.m_kind = Kind::Json;
        pattern.m_json = std::make_shared<const Node>(Node::build(json, expressions, markers));
        pattern.m_bindingNames = expressions;
        return pattern;
    }

    pattern.m_kind = Kind::Text;
    if (hasRegexSyntax(text)) {
        pattern.m_regex.setPattern(QRegularExpression::anchoredPattern(text));
        if (pattern.m_regex.isValid()) {
            pattern.m_useRegex = true;
            pattern.m_regex.optimize();
            pattern.m_groupNames = pattern.m_regex.namedCaptureGroups();
            for (const QString &name : std::as_const(pattern.m_groupNames)) {
                if (!name.isEmpty())
                    pattern.m_bindingNames.append(name);
            }
        } else {
            // Report against the pattern as written, not the anchored wrapper around it.
            const QRegularExpression plain(text);
            pattern.m_regexError = plain.errorString();
            pattern.m_regexErrorOffset = int(plain.patternErrorOffset());
        }
    }
    return pattern;
}

QString MessagePattern::kindName() const
{
    if (m_kind == Kind::Json)
        return Tr::tr("JSON");
    return isRegex() ? Tr::tr("regex") : Tr::tr("text");
}

bool MessagePattern::matches(const IncomingMessage &message, Bindings *bindings) const
{
    if (m_kind == Kind::Json) {
        const QJsonValue *json = message.json();
        if (!json)
            return false;
        Bindings local;
        if (!m_json->matches(*json, bindings ? &local : nullptr))
            return false;
        if (bindings)
            bindings->insert(local);
        return true;
    }
    if (message.text() == m_source)
        return true;
    if (!m_useRegex)
        return false;
    const QRegularExpressionMatch match = m_regex.match(message.text());
    if (!match.hasMatch())
        return false;
    if (bindings) {
        for (const QString &name : m_groupNames) {
            if (!name.isEmpty() && match.hasCaptured(name))
                bindings->insert(name, match.captured(name));
        }
    }
    return true;
}

bool MessagePattern::covers(const MessagePattern &later) const
{
    if (m_kind != later.m_kind)
        return false;
    if (m_kind == Kind::Text)
        return m_source == later.m_source;
    return m_json->covers(*later.m_json);
}

PatternMiss MessagePattern::explainMiss(const IncomingMessage &message) const
{
    if (matches(message, nullptr))
        return {};
    if (m_kind == Kind::Json) {
        const QJsonValue *json = message.json();
        if (!json)
            return { PatternMiss::Reason::NotJson, {}, {}, shown(message.text()), -1 };
        return m_json->explainMiss(*json, QString());
    }
    if (m_useRegex)
        return { PatternMiss::Reason::RegexFailed, {}, shown(m_source), shown(message.text()), -1 };
    const QString &text = message.text();
    qsizetype position = 0;
    while (position < text.size() && position < m_source.size()
           && text.at(position) == m_source.at(position))
        ++position;
    return { PatternMiss::Reason::TextDiffers, {}, shown(m_source), shown(text), position };
}

QString PatternMiss::reasonName() const
{
    switch (reason) {
    case Reason::None:
        return QStringLiteral("none");
    case Reason::NotJson:
        return QStringLiteral("not-json");
    case Reason::MissingKey:
        return QStringLiteral("missing-key");
    case Reason::ValueDiffers:
        return QStringLiteral("value-differs");
    case Reason::LengthDiffers:
        return QStringLiteral("length-differs");
    case Reason::TextDiffers:
        return QStringLiteral("text-differs");
    case Reason::RegexFailed:
        return QStringLiteral("regex-failed");
    case Reason::BinaryRule:
        return QStringLiteral("binary-rule");
    case Reason::TextRule:
        return QStringLiteral("text-rule");
    case Reason::PrefixDiffers:
        return QStringLiteral("prefix-differs");
    case Reason::Disabled:
        return QStringLiteral("disabled");
    case Reason::StateGuard:
        return QStringLiteral("state-guard");
    case Reason::SelectorDiffers:
        return QStringLiteral("selector-differs");
    }
    return QString();
}
