#include "runreport.h"

#include "pathpattern.h"

#include <QDateTime>
#include <QXmlStreamWriter>

namespace {
// `where` names a connection's path or its endpoint's pattern: either matches.
bool fits(const QString &where, const QString &path, const QString &endpoint)
{
    if (where.isEmpty() || where == path || where == endpoint)
        return true;
    const std::optional<PathPattern> pattern = PathPattern::parse(where);
    return pattern && pattern->match(PathPattern::splitPath(path)).has_value();
}

QString preview(const QString &text)
{
    QString shown = text.left(200);
    shown.replace(QLatin1Char('\n'), QStringLiteral("\\n"))
        .replace(QLatin1Char('\r'), QStringLiteral("\\r"));
    return text.size() > 200 ? shown + QStringLiteral("…") : shown;
}

// A Markdown table cell: pipes and newlines would break the table.
QString cell(QString text)
{
    return text.replace(QLatin1Char('|'), QStringLiteral("\\|"))
        .replace(QLatin1Char('\n'), QLatin1Char(' '));
}
} // namespace

void RunTally::add(const TrafficEvent &event, const QString &endpoint)
{
    using Kind = TrafficEvent::Kind;
    const QString pattern = endpoint.isEmpty() ? m_endpointOf.value(event.connectionId) : endpoint;
    const Frame frame { event.connectionId, event.path, pattern, event.payload, event.timestamp };
    switch (event.kind) {
    case Kind::Opened:
        m_endpointOf.insert(event.connectionId, pattern);
        ++m_endpoints[pattern].connections;
        m_opened.append({ event.path, pattern });
        break;
    case Kind::Closed:
        ++m_endpoints[pattern].closes;
        break;
    case Kind::Received:
        ++m_endpoints[pattern].rules[event.rule];
        m_matched.append({ frame, event.rule });
        m_received.append(frame);
        break;
    case Kind::Unmatched:
    case Kind::Binary:
        if (event.kind == Kind::Binary && !event.rule.isEmpty()) {
            ++m_endpoints[pattern].rules[event.rule];
            m_matched.append({ frame, event.rule });
            break;
        }
        ++m_endpoints[pattern].unmatched;
        m_unmatched.append(frame);
        if (event.kind == Kind::Unmatched)
            m_received.append(frame);
        break;
    case Kind::Http:
        ++m_http[event.rule.isEmpty() ? QStringLiteral("(no endpoint)") : event.rule];
        break;
    default:
        break;
    }
}

int RunTally::count(const Expectation &expectation) const
{
    int total = 0;
    switch (expectation.kind) {
    case Expectation::Kind::RuleMatched:
        for (const auto &[frame, rule] : m_matched)
            total += rule == expectation.subject
                && fits(expectation.endpoint, frame.path, frame.endpoint);
        break;
    case Expectation::Kind::Connected:
        for (const auto &[path, endpoint] : m_opened)
            total += fits(expectation.subject, path, endpoint);
        break;
    case Expectation::Kind::Received:
        for (const Frame &frame : m_received)
            total += frame.text.contains(expectation.subject)
                && fits(expectation.endpoint, frame.path, frame.endpoint);
        break;
    }
    return total;
}

QList<ExpectationResult> RunReport::evaluate(const QList<Expectation> &expectations,
                                             const RunTally &tally)
{
    QList<ExpectationResult> results;
    for (const Expectation &expectation : expectations) {
        ExpectationResult result { expectation, tally.count(expectation), false, {} };
        result.passed = result.count >= expectation.atLeast
            && (!expectation.atMost || result.count <= *expectation.atMost);
        if (!result.passed)
            result.message
                = tr("expected %1; counted %2").arg(expectation.describe()).arg(result.count);
        results.append(result);
    }
    return results;
}

QStringList RunReport::unmatchedLines(const RunTally &tally)
{
    QStringList lines;
    for (const RunTally::Frame &frame : tally.unmatched())
        lines.append(tr("#%1 %2: %3").arg(frame.connectionId).arg(frame.path, preview(frame.text)));
    return lines;
}

QByteArray RunReport::junitXml(const QString &suite, const QList<ExpectationResult> &results,
                               const RunTally &tally, bool failOnUnmatched, int commandExit,
                               qint64 durationMs)
{
    constexpr int MaxListed = 100;
    const QList<RunTally::Frame> &unmatched = tally.unmatched();
    const qsizetype listed = failOnUnmatched ? std::min<qsizetype>(unmatched.size(), MaxListed) : 0;
    const bool rest = failOnUnmatched && unmatched.size() > MaxListed;
    const qsizetype tests = 1 + results.size() + listed + (rest ? 1 : 0);
    qsizetype failures = (commandExit != 0) + listed + (rest ? 1 : 0);
    for (const ExpectationResult &result : results)
        failures += !result.passed;

    QByteArray xml;
    QXmlStreamWriter writer(&xml);
    writer.setAutoFormatting(true);
    writer.writeStartDocument();
    writer.writeStartElement(QStringLiteral("testsuites"));
    writer.writeStartElement(QStringLiteral("testsuite"));
    writer.writeAttribute(QStringLiteral("name"), suite);
    writer.writeAttribute(QStringLiteral("tests"), QString::number(tests));
    writer.writeAttribute(QStringLiteral("failures"), QString::number(failures));
    writer.writeAttribute(QStringLiteral("time"),
                          QString::number(double(durationMs) / 1000.0, 'f', 3));
    auto testCase = [&writer, &suite](const QString &name, const QString &failure) {
        writer.writeStartElement(QStringLiteral("testcase"));
        writer.writeAttribute(QStringLiteral("classname"), suite);
        writer.writeAttribute(QStringLiteral("name"), name);
        if (!failure.isEmpty()) {
            writer.writeStartElement(QStringLiteral("failure"));
            writer.writeAttribute(QStringLiteral("message"), failure);
            writer.writeCharacters(failure);
            writer.writeEndElement();
        }
        writer.writeEndElement();
    };
    testCase(tr("the test command"),
             commandExit == 0 ? QString() : tr("the command exited with %1").arg(commandExit));
    for (const ExpectationResult &result : results)
        testCase(result.expectation.describe(), result.message);
    const QStringList lines = unmatchedLines(tally);
    for (qsizetype i = 0; i < listed; ++i)
        testCase(tr("unmatched frame %1").arg(i + 1), tr("no rule matched %1").arg(lines.at(i)));
    if (rest)
        testCase(tr("more unmatched frames"),
                 tr("%1 more frames matched no rule").arg(unmatched.size() - MaxListed));
    writer.writeEndElement();
    writer.writeEndElement();
    writer.writeEndDocument();
    return xml;
}

QString RunReport::markdown(const QString &config, const QList<ExpectationResult> &results,
                            const RunTally &tally, int commandExit)
{
    QString out = tr("## Mocket: %1\n\n").arg(config);
    out += commandExit == 0 ? tr("The test command passed.\n\n")
                            : tr("The test command failed (exit %1).\n\n").arg(commandExit);
    if (!results.isEmpty()) {
        out += tr("| Expectation | Counted | Result |\n|---|---|---|\n");
        for (const ExpectationResult &result : results)
            out += QStringLiteral("| %1 | %2 | %3 |\n")
                       .arg(cell(result.expectation.describe()))
                       .arg(result.count)
                       .arg(result.passed ? tr("passed") : tr("**failed**"));
        out += QLatin1Char('\n');
    }
    out += tr("| Endpoint | Connections | Closes | Rule | Matched |\n|---|---|---|---|---|\n");
    for (auto it = tally.endpoints().cbegin(); it != tally.endpoints().cend(); ++it) {
        const RunTally::EndpointCounts &counts = it.value();
        const QString head = QStringLiteral("| %1 | %2 | %3 ")
                                 .arg(cell(it.key()))
                                 .arg(counts.connections)
                                 .arg(counts.closes);
        for (auto rule = counts.rules.cbegin(); rule != counts.rules.cend(); ++rule)
            out += head + QStringLiteral("| %1 | %2 |\n").arg(cell(rule.key())).arg(rule.value());
        out += head + QStringLiteral("| %1 | %2 |\n").arg(tr("*unmatched*")).arg(counts.unmatched);
    }
    if (!tally.httpExchanges().isEmpty()) {
        out += tr("\n| HTTP endpoint | Requests |\n|---|---|\n");
        for (auto it = tally.httpExchanges().cbegin(); it != tally.httpExchanges().cend(); ++it)
            out += QStringLiteral("| %1 | %2 |\n").arg(cell(it.key())).arg(it.value());
    }
    return out;
}
