#include "specloader.h"
#include "parsedyaml.h"
#include "specloader_p.h"
#include "specrules.h"
#include "yamljson.h"

#include <QFile>
#include <QSet>

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/yaml.h>

namespace SpecLoading {

QString kindOf(const YAML::Node &node)
{
    switch (node.Type()) {
    case YAML::NodeType::Null:
        return SpecLoader::tr("nothing");
    case YAML::NodeType::Scalar:
        return SpecLoader::tr("text");
    case YAML::NodeType::Sequence:
        return SpecLoader::tr("a list");
    case YAML::NodeType::Map:
        return SpecLoader::tr("a map");
    case YAML::NodeType::Undefined:
        break;
    }
    return SpecLoader::tr("nothing");
}

QString qs(const std::string &text)
{
    return QString::fromStdString(text);
}

namespace {
// Edits (insert, delete, replace, swap of neighbours) between two short keys.
int editDistance(const QString &from, const QString &to)
{
    const qsizetype columns = to.size() + 1;
    QList<int> previous(columns);
    QList<int> before(columns);
    QList<int> current(columns);
    for (qsizetype j = 0; j < columns; ++j)
        previous[j] = int(j);
    for (qsizetype i = 1; i <= from.size(); ++i) {
        current[0] = int(i);
        for (qsizetype j = 1; j < columns; ++j) {
            const int replace = previous[j - 1] + (from[i - 1] == to[j - 1] ? 0 : 1);
            current[j] = std::min({ previous[j] + 1, current[j - 1] + 1, replace });
            if (i > 1 && j > 1 && from[i - 1] == to[j - 2] && from[i - 2] == to[j - 1])
                current[j] = std::min(current[j], before[j - 2] + 1);
        }
        std::swap(before, previous);
        std::swap(previous, current);
    }
    return previous[columns - 1];
}
} // namespace

QString keySuggestion(const std::string &unknown, const std::vector<const char *> &known)
{
    const QString typed = qs(unknown).toLower().replace(QLatin1Char('_'), QLatin1Char('-'));
    if (typed.isEmpty() || typed.size() > 40)
        return {};
    QString best;
    int bestDistance = 3;
    for (const char *candidate : known) {
        const QString name = QString::fromLatin1(candidate);
        const int distance = editDistance(typed, name);
        if (distance < bestDistance && distance < name.size() / 2 + 1) {
            best = name;
            bestDistance = distance;
        }
    }
    return best.isEmpty() ? QString() : SpecLoader::tr("; did you mean '%1'?").arg(best);
}

std::string keyName(const YAML::Node &key)
{
    return key.IsScalar() ? key.Scalar() : std::string();
}

QString scalarText(const YAML::Node &node)
{
    return node.IsScalar() ? qs(node.Scalar()) : QString();
}

void Loader::add(Diagnostic::Severity severity, SourceLocation where, const QString &message)
{
    Diagnostic diagnostic;
    diagnostic.severity = severity;
    diagnostic.file = m_file;
    diagnostic.line = where.line;
    diagnostic.column = where.column;
    diagnostic.message = message;
    m_diagnostics.append(diagnostic);
}

void Loader::warnExtraDocument(const QByteArray &data, const YAML::Mark &mark)
{
    // Point at the "---" that starts the ignored document, not at its first node.
    const QList<QByteArray> lines = data.split('\n');
    int line
        = mark.is_null() ? int(lines.size()) - 1 : std::min<int>(mark.line, int(lines.size()) - 1);
    while (line > 0 && !lines.at(line).startsWith("---"))
        --line;
    add(Diagnostic::Severity::Warning, SourceLocation { line + 1, 1 },
        SpecLoader::tr("only the first YAML document is read; everything from here on is ignored"));
}

LoadResult Loader::run(const ParsedYaml &yaml)
{
    m_spec->fileName = m_file;
    if (yaml.failure() == ParsedYaml::Failure::UnclosedQuote) {
        error(yaml.failureMark(),
              SpecLoader::tr("YAML syntax error: end of stream reached without closing quote"));
        return { nullptr, m_diagnostics };
    }
    if (yaml.failure() == ParsedYaml::Failure::Syntax) {
        error(yaml.failureMark(),
              SpecLoader::tr("YAML syntax error: %1").arg(yaml.syntaxMessage()));
        return { nullptr, m_diagnostics };
    }
    if (!yaml.aliasOverBudget().is_null()) {
        error(yaml.aliasOverBudget(),
              SpecLoader::tr("the aliases repeat more than %L1 bytes in all (%2 MiB plus %3 "
                             "times the file's size); this one goes over")
                  .arg(aliasExpansionBudget(yaml.data().size()))
                  .arg(AliasExpansionFloor / (1024 * 1024))
                  .arg(AliasExpansionPerFileByte));
        return { nullptr, m_diagnostics };
    }
    if (yaml.documents() > 1)
        warnExtraDocument(yaml.data(), yaml.secondDocument());
    const YAML::Node &root = yaml.root();

    try {
        if (root.IsNull()) {
            warning(YAML::Mark::null_mark(), SpecLoader::tr("the file defines no endpoints"));
        } else if (!root.IsSequence()) {
            error(root.Mark(),
                  SpecLoader::tr("expected a list of endpoints (\"- websocket: ...\"), found %1")
                      .arg(kindOf(root)));
        } else {
            for (const auto &item : root)
                loadItem(item);
            if (m_spec->endpoints.isEmpty() && m_spec->httpEndpoints.isEmpty()
                && !hasErrors(m_diagnostics))
                warning(root.Mark(), SpecLoader::tr("the file defines no websocket endpoints"));
        }
    } catch (const YAML::Exception &yamlError) {
        error(yamlError.mark, SpecLoader::tr("cannot read the file: %1").arg(qs(yamlError.msg)));
    } catch (const std::exception &failure) {
        error(
            YAML::Mark::null_mark(),
            SpecLoader::tr("cannot read the file: %1").arg(QString::fromLocal8Bit(failure.what())));
    }

    std::stable_sort(m_diagnostics.begin(), m_diagnostics.end(),
                     [](const Diagnostic &earlier, const Diagnostic &later) {
                         return std::tie(earlier.line, earlier.column)
                             < std::tie(later.line, later.column);
                     });
    if (hasErrors(m_diagnostics))
        return { nullptr, m_diagnostics };
    m_spec->buildRoutes();
    return { m_spec, m_diagnostics };
}

void Loader::loadItem(const YAML::Node &item)
{
    if (!item.IsMap()) {
        error(item.Mark(),
              SpecLoader::tr("expected an endpoint (a map with 'websocket:'), found %1")
                  .arg(kindOf(item)));
        return;
    }
    bool known = false;
    for (const auto &kv : item) {
        const std::string key = kv.first.IsScalar() ? kv.first.Scalar() : std::string();
        if (key == "websocket") {
            known = true;
            loadWebsocket(kv.first, kv.second);
        } else if (key == "endpoint") {
            known = true;
            loadHttp(kv.first, kv.second);
        } else {
            warning(kv.first.Mark(),
                    SpecLoader::tr("unknown key '%1' ignored").arg(qs(key))
                        + keySuggestion(key, { "websocket", "endpoint" }));
        }
    }
    if (!known)
        error(item.Mark(), SpecLoader::tr("item has neither 'websocket' nor 'endpoint'"));
}

bool Loader::expectMap(const YAML::Node &key, const YAML::Node &value)
{
    if (value.IsMap())
        return true;
    error(value.IsNull() ? key.Mark() : value.Mark(),
          SpecLoader::tr("'%1' must be a map, found %2").arg(qs(key.Scalar()), kindOf(value)));
    return false;
}

std::optional<QString> Loader::responseText(const YAML::Node &key, const YAML::Node &value)
{
    if (value.IsScalar())
        return qs(value.Scalar());
    if (value.IsMap() || value.IsSequence()) {
        constexpr qint64 MaxNodes = 1000000;
        qint64 budget = MaxNodes;
        QString json = yamlToJson(value, &budget);
        if (budget < 0) {
            error(value.Mark(),
                  SpecLoader::tr("'%1' is too large or too deep (over %2 values or 200 levels; an "
                                 "alias inside itself?)")
                      .arg(qs(key.Scalar()))
                      .arg(MaxNodes));
            return std::nullopt;
        }
        return json;
    }
    error(key.Mark(), SpecLoader::tr("'%1' is empty").arg(qs(key.Scalar())));
    return std::nullopt;
}

namespace {

// Why a template variable renders empty where it is used, or an empty string when it does not.
// Invalid variables are left to Template::problems(); the others have a value at run time.
QString variableProblem(const TemplateVariable &variable, const PathPattern *path,
                        const MessagePattern *pattern, bool requestBody, const QStringList &bound)
{
    switch (variable.source) {
    case TemplateVariable::Source::PathParams:
        if (path
            && (variable.path.size() != 1
                || !path->parameterNames().contains(variable.path.first())))
            return SpecLoader::tr("'{{%1}}' is not a parameter of path '%2'; it renders empty")
                .arg(variable.expression, path->text());
        break;
    case TemplateVariable::Source::JsonParams:
    case TemplateVariable::Source::Message:
        if (!pattern && !requestBody)
            return SpecLoader::tr("on-connect has no message; '{{%1}}' renders empty")
                .arg(variable.expression);
        break;
    case TemplateVariable::Source::Other:
        return SpecLoader::tr("unknown template variable '{{%1}}'; it renders empty")
            .arg(variable.expression);
    case TemplateVariable::Source::Regex:
        if (!bound.contains(variable.path.value(0)))
            return SpecLoader::tr("the pattern has no named group for '{{%1}}'; it renders empty")
                .arg(variable.expression);
        break;
    case TemplateVariable::Source::QueryParams:
    case TemplateVariable::Source::HeaderParams:
    case TemplateVariable::Source::ConnectionId:
    case TemplateVariable::Source::ConnectionMessages:
    case TemplateVariable::Source::Counter:
    case TemplateVariable::Source::Now:
    case TemplateVariable::Source::Uuid:
    case TemplateVariable::Source::Random:
    case TemplateVariable::Source::State:
    case TemplateVariable::Source::Vars:
    case TemplateVariable::Source::Shared:
    case TemplateVariable::Source::Protocol:
    case TemplateVariable::Source::Invalid:
        break;
    }
    return QString();
}

} // namespace

void Loader::checkVariables(const Template &replyTemplate, const YAML::Mark &mark,
                            const PathPattern *path, const MessagePattern *pattern,
                            bool requestBody)
{
    const QStringList bound = pattern ? pattern->bindingNames() : QStringList();
    QSet<QString> reported;
    for (const TemplateVariable &variable : replyTemplate.variables()) {
        if (bound.contains(variable.expression) || reported.contains(variable.expression))
            continue;
        const QString problem = variableProblem(variable, path, pattern, requestBody, bound);
        if (!problem.isEmpty()) {
            reported.insert(variable.expression);
            warning(mark, problem);
        }
    }
    for (const QString &problem : replyTemplate.problems())
        warning(mark, problem);
    // A value that renders empty is reported once, as that.
    QSet<QString> bare;
    for (const TemplateVariable &variable : replyTemplate.bareVariables()) {
        if (reported.contains(variable.expression) || bare.contains(variable.text))
            continue;
        const QString problem = SpecRules::bareJsonValueProblem(variable, path, bound);
        if (!problem.isEmpty()) {
            bare.insert(variable.text);
            warning(mark, problem);
        }
    }
}

} // namespace SpecLoading

QString LoadResult::diagnosticsText() const
{
    QStringList lines;
    for (const Diagnostic &diagnostic : diagnostics)
        lines.append(diagnostic.toString());
    return lines.join(QLatin1Char('\n'));
}

LoadResult SpecLoader::loadFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        Diagnostic diagnostic;
        diagnostic.file = path;
        diagnostic.message = tr("cannot open the file: %1").arg(file.errorString());
        return { nullptr, { diagnostic } };
    }
    return loadData(file.readAll(), path);
}

LoadResult SpecLoader::loadText(const QString &yaml, const QString &fileName)
{
    return loadData(yaml.toUtf8(), fileName);
}

LoadResult SpecLoader::loadData(const QByteArray &yaml, const QString &fileName)
{
    return load(ParsedYaml::fromData(yaml), fileName);
}

LoadResult SpecLoader::load(const ParsedYaml &yaml, const QString &fileName)
{
    return SpecLoading::Loader(fileName).run(yaml);
}
