#include "specoutline.h"
#include "outlinebuilder.h"
#include "parsedyaml.h"
#include "yamljson.h"

#include "template.h"

#include <yaml-cpp/yaml.h>

const KeyOutline *findKey(const QList<KeyOutline> &keys, const QString &name)
{
    // The last one: a repeated key's last value is the one the loader keeps.
    for (auto it = keys.crbegin(); it != keys.crend(); ++it) {
        if (it->name == name)
            return &*it;
    }
    return nullptr;
}

namespace {

QString jsonOf(const YamlValue &value)
{
    QStringList parts;
    switch (value.kind) {
    case YamlValue::Kind::None:
        return QStringLiteral("null");
    case YamlValue::Kind::Scalar:
        return value.plain ? plainScalarJson(value.text.toStdString())
                           : QLatin1Char('"') + jsonStringEscaped(value.text) + QLatin1Char('"');
    case YamlValue::Kind::List:
        for (const YamlValue &item : value.items)
            parts.append(jsonOf(item));
        return QLatin1Char('[') + parts.join(QLatin1Char(',')) + QLatin1Char(']');
    case YamlValue::Kind::Map:
        for (qsizetype index = 0; index < value.keys.size() && index < value.items.size(); ++index)
            parts.append(QLatin1Char('"') + jsonStringEscaped(value.keys.at(index))
                         + QStringLiteral("\":") + jsonOf(value.items.at(index)));
        return QLatin1Char('{') + parts.join(QLatin1Char(',')) + QLatin1Char('}');
    }
    return QString();
}

} // namespace

QString YamlValue::toJson() const
{
    switch (kind) {
    case Kind::None:
        return QString();
    case Kind::Scalar:
        return text;
    case Kind::List:
    case Kind::Map:
        break;
    }
    return jsonOf(*this);
}

SpecOutline SpecOutline::parse(const QString &yaml)
{
    return parse(ParsedYaml::fromText(yaml));
}

SpecOutline SpecOutline::parse(const ParsedYaml &yaml)
{
    SpecOutline out;
    // What the loader rejects before reading nodes, the outline rejects too.
    if (yaml.failure() == ParsedYaml::Failure::UnclosedQuote) {
        out.m_error = QCoreApplication::translate(
            "SpecLoader", "YAML syntax error: end of stream reached without closing quote");
        out.m_errorLine = yaml.failureMark().line + 1;
        return out;
    }
    if (yaml.failure() == ParsedYaml::Failure::Syntax) {
        out.m_error = tr("YAML syntax error: %1").arg(yaml.syntaxMessage());
        out.m_errorLine = yaml.failureMark().is_null() ? 0 : yaml.failureMark().line + 1;
        return out;
    }
    try {
        Outline::Builder(yaml.text()).build(yaml.root(), out);
        out.m_ok = true;
    } catch (const std::exception &error) {
        out = SpecOutline();
        out.m_error = tr("cannot read the file: %1").arg(QString::fromLocal8Bit(error.what()));
    }
    return out;
}

YamlValue HttpEndpointOutline::value(const QString &key) const
{
    const KeyOutline *found = findKey(keys, key);
    return found ? found->value : YamlValue();
}

YamlValue HttpEndpointOutline::responseValue(const QString &key) const
{
    const KeyOutline *found = findKey(responseKeys, key);
    return found ? found->value : YamlValue();
}

QString HttpEndpointOutline::method() const
{
    const YamlValue written = value(QStringLiteral("method"));
    return written.isScalar() && !written.text.isEmpty() ? written.text.toUpper()
                                                         : QStringLiteral("GET");
}

QString HttpEndpointOutline::label() const
{
    const YamlValue host = value(QStringLiteral("host"));
    const YamlValue path = value(QStringLiteral("path"));
    return method() + QLatin1Char(' ') + (host.isScalar() ? host.text : QString())
        + (path.isScalar() ? path.text : QString());
}
