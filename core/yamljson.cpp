#include "yamljson.h"

#include "template.h"

#include <QJsonValue>
#include <QRegularExpression>

#include <yaml-cpp/yaml.h>

namespace {
QString qs(const std::string &s)
{
    return QString::fromStdString(s);
}
} // namespace

// YAML 1.2 core schema resolution for plain scalars, so `count: 3` becomes a JSON number.
QString plainScalarJson(const std::string &raw)
{
    const QString text = qs(raw);
    static const QRegularExpression intRe(QStringLiteral("^[-+]?(0|[1-9][0-9]*)$"));
    static const QRegularExpression floatRe(
        QStringLiteral("^[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?$"));
    if (text.isEmpty() || text == QLatin1String("~") || text == QLatin1String("null")
        || text == QLatin1String("Null") || text == QLatin1String("NULL"))
        return QStringLiteral("null");
    if (text == QLatin1String("true") || text == QLatin1String("True") || text == QLatin1String("TRUE"))
        return QStringLiteral("true");
    if (text == QLatin1String("false") || text == QLatin1String("False")
        || text == QLatin1String("FALSE"))
        return QStringLiteral("false");
    if (intRe.match(text).hasMatch()) {
        QString t = text;
        if (t.startsWith(QLatin1Char('+')))
            t.remove(0, 1);
        return t;
    }
    if (floatRe.match(text).hasMatch()) {
        bool ok = false;
        const double d = text.toDouble(&ok);
        if (ok)
            return jsonValueText(QJsonValue(d));
    }
    return QLatin1Char('"') + jsonStringEscaped(text) + QLatin1Char('"');
}

// A YAML map or list as compact JSON text, keys in file order (as Moclojer sends them).
// budget counts nodes down, so aliases nested into a billion values stop early.
static QString toJson(const YAML::Node &node, qint64 *budget, int depth)
{
    // Depth is bounded too: an alias may refer to the node that holds it (&r {self: *r}).
    constexpr int MaxDepth = 200;
    if (--*budget < 0 || depth > MaxDepth) {
        *budget = -1;
        return {};
    }
    switch (node.Type()) {
    case YAML::NodeType::Map: {
        QString out = QStringLiteral("{");
        bool first = true;
        for (const auto &kv : node) {
            if (!first)
                out += QLatin1Char(',');
            first = false;
            const QString key = kv.first.IsScalar() ? qs(kv.first.Scalar()) : toJson(kv.first, budget, depth + 1);
            out += QLatin1Char('"') + jsonStringEscaped(key) + QStringLiteral("\":")
                + toJson(kv.second, budget, depth + 1);
            if (*budget < 0)
                return {};
        }
        return out + QLatin1Char('}');
    }
    case YAML::NodeType::Sequence: {
        QString out = QStringLiteral("[");
        bool first = true;
        for (const auto &item : node) {
            if (!first)
                out += QLatin1Char(',');
            first = false;
            out += toJson(item, budget, depth + 1);
            if (*budget < 0)
                return {};
        }
        return out + QLatin1Char(']');
    }
    case YAML::NodeType::Scalar:
        if (node.Tag() == "!" || node.Tag() == "tag:yaml.org,2002:str")
            return QLatin1Char('"') + jsonStringEscaped(qs(node.Scalar())) + QLatin1Char('"');
        return plainScalarJson(node.Scalar());
    case YAML::NodeType::Null:
    case YAML::NodeType::Undefined:
        break;
    }
    return QStringLiteral("null");
}

QString yamlToJson(const YAML::Node &node, qint64 *budget)
{
    return toJson(node, budget, 0);
}
