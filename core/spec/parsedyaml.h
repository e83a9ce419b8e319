#pragma once

#include <QByteArray>
#include <QString>

#include <memory>

#include <yaml-cpp/mark.h>
#include <yaml-cpp/node/node.h>

// A config's text read into YAML nodes once, so the loader and the outline can share one
// parse: the prescan both need (an unclosed quote, further documents; see prescanYaml) and
// yaml-cpp's parse of the first document. Never throws; cheap to copy (the nodes are shared
// and only read).
class ParsedYaml
{
public:
    enum class Failure {
        None,
        UnclosedQuote, // a quote left open to the end of the text
        Syntax, // yaml-cpp rejected the text: syntaxMessage() says why
    };

    static ParsedYaml fromText(const QString &text);
    static ParsedYaml fromData(const QByteArray &utf8);

    const QString &text() const { return m_data->text; }
    const QByteArray &data() const { return m_data->data; }
    Failure failure() const { return m_data->failure; }
    // Where the text fails to parse; null when it does not.
    const YAML::Mark &failureMark() const { return m_data->failureMark; }
    QString syntaxMessage() const { return m_data->syntaxMessage; }
    // The first document; null when the text fails to parse.
    const YAML::Node &root() const { return m_data->root; }
    // The first alias that takes what the aliases repeat over aliasExpansionBudget(); null
    // when they stay within it. The nodes are read all the same (aliases share their anchor's
    // node); it is whoever copies values out of them that must refuse.
    const YAML::Mark &aliasOverBudget() const { return m_data->aliasOverBudget; }
    int documents() const { return m_data->documents; }
    const YAML::Mark &secondDocument() const { return m_data->secondDocument; }

private:
    struct Data
    {
        QString text;
        QByteArray data;
        Failure failure = Failure::None;
        YAML::Mark failureMark = YAML::Mark::null_mark();
        QString syntaxMessage;
        YAML::Node root;
        int documents = 0;
        YAML::Mark secondDocument = YAML::Mark::null_mark();
        YAML::Mark aliasOverBudget = YAML::Mark::null_mark();
    };

    ParsedYaml() = default;
    static ParsedYaml parse(Data data);

    std::shared_ptr<const Data> m_data;
};
