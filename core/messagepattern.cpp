#include "messagepattern.h"

#include "template.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonObject>

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(MessagePattern)
};

// Placeholders are swapped for private-use markers before parsing the pattern as JSON.
constexpr char16_t MarkerOpen = 0xE000;
constexpr char16_t MarkerClose = 0xE001;

QString marker(int index)
{
    return QChar(MarkerOpen) + QString::number(index) + QChar(MarkerClose);
}

bool hasRegexSyntax(const QString &text)
{
    static const QString meta = QStringLiteral("\\^$.|?*+()[]{}");
    for (QChar c : text) {
        if (meta.contains(c))
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
    QString binding;              // Wildcard: the expression it binds
    QRegularExpression regex;     // StringTemplate: literal text around (.*?) captures
    QStringList captureBindings;  // StringTemplate: expression per capture
    QList<QPair<QString, Node>> children; // Object (key, node) or Array (empty key, node)

    static Node build(const QJsonValue &value, const QStringList &expressions);
    bool matches(const QJsonValue &value, Bindings *bindings) const;
};

MessagePattern::Node MessagePattern::Node::build(const QJsonValue &value,
                                                 const QStringList &expressions)
{
    Node node;
    if (value.isObject()) {
        node.type = Type::Object;
        const QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it)
            node.children.append({ it.key(), build(it.value(), expressions) });
    } else if (value.isArray()) {
        node.type = Type::Array;
        for (const QJsonValue &element : value.toArray())
            node.children.append({ QString(), build(element, expressions) });
    } else if (value.isString() && value.toString().contains(QChar(MarkerOpen))) {
        const QString s = value.toString();
        QString regex;
        qsizetype pos = 0;
        while (pos < s.size()) {
            const qsizetype open = s.indexOf(QChar(MarkerOpen), pos);
            if (open < 0) {
                regex += QRegularExpression::escape(s.mid(pos));
                break;
            }
            const qsizetype close = s.indexOf(QChar(MarkerClose), open);
            regex += QRegularExpression::escape(s.mid(pos, open - pos));
            const int index = s.mid(open + 1, close - open - 1).toInt();
            node.captureBindings.append(expressions.value(index));
            regex += QStringLiteral("(.*?)");
            pos = close + 1;
        }
        if (node.captureBindings.size() == 1 && s == marker(expressions.indexOf(node.captureBindings.first()))) {
            node.type = Type::Wildcard;
            node.binding = node.captureBindings.first();
            node.captureBindings.clear();
        } else {
            node.type = Type::StringTemplate;
            node.regex.setPattern(QRegularExpression::anchoredPattern(regex));
            node.regex.setPatternOptions(QRegularExpression::DotMatchesEverythingOption);
        }
    } else {
        node.literal = value;
    }
    return node;
}

bool MessagePattern::Node::matches(const QJsonValue &value, Bindings *bindings) const
{
    switch (type) {
    case Type::Literal:
        return value == literal;
    case Type::Wildcard:
        if (value.isUndefined())
            return false;
        if (bindings)
            bindings->insert(binding, value);
        return true;
    case Type::StringTemplate: {
        if (!value.isString())
            return false;
        const QRegularExpressionMatch m = regex.match(value.toString());
        if (!m.hasMatch())
            return false;
        if (bindings) {
            for (int i = 0; i < captureBindings.size(); ++i)
                bindings->insert(captureBindings.at(i), m.captured(i + 1));
        }
        return true;
    }
    case Type::Object: {
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
    case Type::Array: {
        if (!value.isArray())
            return false;
        const QJsonArray array = value.toArray();
        if (array.size() != children.size())
            return false;
        for (qsizetype i = 0; i < children.size(); ++i) {
            if (!children.at(i).second.matches(array.at(i), bindings))
                return false;
        }
        return true;
    }
    }
    return false;
}

MessagePattern MessagePattern::compile(const QString &text)
{
    MessagePattern p;
    p.m_source = text;

    // JSON pattern? Each placeholder becomes a marker: bare ones as a JSON string.
    QStringList expressions;
    QString probe;
    qsizetype pos = 0;
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
    forEachPlaceholder(text, [&](qsizetype start, qsizetype length, const QString &expression) {
        const QStringView literal = QStringView(text).mid(pos, start - pos);
        scan(literal);
        probe += literal;
        qsizetype index = expressions.indexOf(expression);
        if (index < 0) {
            index = expressions.size();
            expressions.append(expression);
        }
        probe += inString ? marker(int(index)) : QLatin1Char('"') + marker(int(index)) + QLatin1Char('"');
        pos = start + length;
    });
    probe += QStringView(text).mid(pos);
    QJsonValue json;
    if (parseJsonContainer(probe, &json)) {
        p.m_kind = Kind::Json;
        p.m_json = std::make_shared<const Node>(Node::build(json, expressions));
        p.m_bindingNames = expressions;
        return p;
    }

    p.m_kind = Kind::Text;
    if (hasRegexSyntax(text)) {
        p.m_regex.setPattern(QRegularExpression::anchoredPattern(text));
        if (p.m_regex.isValid()) {
            p.m_useRegex = true;
            p.m_regex.optimize();
            p.m_groupNames = p.m_regex.namedCaptureGroups();
            for (const QString &name : std::as_const(p.m_groupNames)) {
                if (!name.isEmpty())
                    p.m_bindingNames.append(name);
            }
        } else {
            // Report against the pattern as written, not the anchored wrapper around it.
            const QRegularExpression plain(text);
            p.m_regexError = plain.errorString();
            p.m_regexErrorOffset = int(plain.patternErrorOffset());
        }
    }
    return p;
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
    const QRegularExpressionMatch m = m_regex.match(message.text());
    if (!m.hasMatch())
        return false;
    if (bindings) {
        for (const QString &name : m_groupNames) {
            if (!name.isEmpty() && m.hasCaptured(name))
                bindings->insert(name, m.captured(name));
        }
    }
    return true;
}
