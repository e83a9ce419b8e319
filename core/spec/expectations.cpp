#include "expectations.h"

#include "parsedyaml.h"

#include <QFile>

#include <yaml-cpp/yaml.h>

namespace {
QString qs(const std::string &text)
{
    return QString::fromStdString(text);
}

class Reader
{
public:
    Reader(const QString &fileName, ExpectationsFile *out) : m_fileName(fileName), m_out(out) { }

    void error(const YAML::Mark &mark, const QString &message)
    {
        Diagnostic diagnostic;
        diagnostic.file = m_fileName;
        diagnostic.line = mark.is_null() ? 0 : mark.line + 1;
        diagnostic.column = mark.is_null() ? 0 : mark.column + 1;
        diagnostic.message = message;
        m_out->diagnostics.append(diagnostic);
    }

    void read(const YAML::Node &root)
    {
        if (!root.IsSequence()) {
            error(root.Mark(), ExpectationsLoader::tr("expected a list of expectations"));
            return;
        }
        for (const YAML::Node &item : root)
            readItem(item);
    }

private:
    // A count key: a whole number from 0.
    std::optional<int> count(const YAML::Node &key, const YAML::Node &value)
    {
        bool ok = false;
        const int number = value.IsScalar() ? qs(value.Scalar()).toInt(&ok) : -1;
        if (!ok || number < 0) {
            error(value.Mark(),
                  ExpectationsLoader::tr("'%1' must be a count (0 or more)").arg(qs(key.Scalar())));
            return std::nullopt;
        }
        return number;
    }

    bool readKind(const std::string &key, const YAML::Node &value, Expectation *expectation)
    {
        static const std::pair<const char *, Expectation::Kind> kinds[] = {
            { "rule", Expectation::Kind::RuleMatched },
            { "connected", Expectation::Kind::Connected },
            { "received", Expectation::Kind::Received },
        };
        for (const auto &[name, kind] : kinds) {
            if (key == name) {
                expectation->kind = kind;
                expectation->subject = value.IsScalar() ? qs(value.Scalar()) : QString();
                return true;
            }
        }
        return false;
    }

    void readKey(const YAML::Node &key, const YAML::Node &value, Expectation *expectation,
                 int *kinds)
    {
        const std::string name = key.IsScalar() ? key.Scalar() : std::string();
        if (readKind(name, value, expectation)) {
            ++*kinds;
            if (expectation->subject.isEmpty())
                error(value.Mark(), ExpectationsLoader::tr("'%1' needs a value").arg(qs(name)));
        } else if (name == "endpoint") {
            expectation->endpoint = value.IsScalar() ? qs(value.Scalar()) : QString();
        } else if (name == "at-least") {
            expectation->atLeast = count(key, value).value_or(1);
        } else if (name == "at-most") {
            expectation->atMost = count(key, value);
        } else {
            error(key.Mark(),
                  ExpectationsLoader::tr("unknown key '%1' (there are rule, "
                                         "connected, received, endpoint, at-least "
                                         "and at-most)")
                      .arg(qs(name)));
        }
    }

    void readItem(const YAML::Node &item)
    {
        if (!item.IsMap()) {
            error(item.Mark(),
                  ExpectationsLoader::tr("expected an expectation (a map with "
                                         "rule, connected or received)"));
            return;
        }
        Expectation expectation;
        expectation.line = item.Mark().line + 1;
        expectation.column = item.Mark().column + 1;
        int kinds = 0;
        for (const auto &pair : item)
            readKey(pair.first, pair.second, &expectation, &kinds);
        if (kinds != 1) {
            error(item.Mark(),
                  ExpectationsLoader::tr("an expectation has exactly one of rule, "
                                         "connected or received"));
            return;
        }
        if (expectation.atMost && *expectation.atMost < expectation.atLeast
            && !item["at-least"].IsDefined())
            expectation.atLeast = 0; // "at-most: 0" alone: never
        m_out->expectations.append(expectation);
    }

    QString m_fileName;
    ExpectationsFile *m_out;
};
} // namespace

QString Expectation::describe() const
{
    QString what;
    switch (kind) {
    case Kind::RuleMatched:
        what = ExpectationsLoader::tr("rule %1 matched").arg(subject);
        break;
    case Kind::Connected:
        what = ExpectationsLoader::tr("a client connected to %1").arg(subject);
        break;
    case Kind::Received:
        what = ExpectationsLoader::tr("a frame containing \"%1\" received").arg(subject);
        break;
    }
    if (!endpoint.isEmpty())
        what += ExpectationsLoader::tr(" on %1").arg(endpoint);
    if (atMost && atLeast > 0)
        return ExpectationsLoader::tr("%1 %2 to %3 times").arg(what).arg(atLeast).arg(*atMost);
    if (atMost)
        return ExpectationsLoader::tr("%1 at most %n time(s)", nullptr, *atMost).arg(what);
    return ExpectationsLoader::tr("%1 at least %n time(s)", nullptr, atLeast).arg(what);
}

ExpectationsFile ExpectationsLoader::loadData(const QByteArray &yaml, const QString &fileName)
{
    ExpectationsFile out;
    Reader reader(fileName, &out);
    const ParsedYaml parsed = ParsedYaml::fromData(yaml);
    if (parsed.failure() != ParsedYaml::Failure::None) {
        reader.error(parsed.failureMark(),
                     tr("cannot read the file: %1").arg(parsed.syntaxMessage()));
        return out;
    }
    reader.read(parsed.root());
    return out;
}

ExpectationsFile ExpectationsLoader::loadFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        ExpectationsFile out;
        Diagnostic diagnostic;
        diagnostic.file = path;
        diagnostic.message = tr("cannot open the file: %1").arg(file.errorString());
        out.diagnostics.append(diagnostic);
        return out;
    }
    return loadData(file.readAll(), path);
}
