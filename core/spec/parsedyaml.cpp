#include "parsedyaml.h"
#include "yamljson.h"

#include <yaml-cpp/yaml.h>

ParsedYaml ParsedYaml::fromText(const QString &text)
{
    Data data;
    data.text = text;
    data.data = text.toUtf8();
    return parse(std::move(data));
}

ParsedYaml ParsedYaml::fromData(const QByteArray &utf8)
{
    Data data;
    data.text = QString::fromUtf8(utf8);
    data.data = utf8;
    return parse(std::move(data));
}

ParsedYaml ParsedYaml::parse(Data data)
{
    try {
        const std::string text = data.data.toStdString();
        const YamlPrescan scan = prescanYaml(text);
        if (!scan.unclosedQuote.is_null()) {
            data.failure = Failure::UnclosedQuote;
            data.failureMark = scan.unclosedQuote;
        } else {
            data.root = YAML::Load(text);
            data.documents = scan.documents;
            data.secondDocument = scan.secondDocument;
            data.aliasOverBudget = scan.aliasOverBudget;
        }
    } catch (const YAML::Exception &error) {
        data.failure = Failure::Syntax;
        data.failureMark = error.mark;
        data.syntaxMessage = QString::fromStdString(error.msg);
        data.root = YAML::Node();
    }
    ParsedYaml parsed;
    parsed.m_data = std::make_shared<const Data>(std::move(data));
    return parsed;
}
