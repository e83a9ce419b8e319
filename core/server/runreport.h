#pragma once

#include "expectations.h"
#include "trafficevent.h"

#include <QCoreApplication>
#include <QHash>
#include <QList>
#include <QMap>
#include <QString>

// What a run's traffic added up to, for `mocket-cli run`'s verdicts and reports: counts per
// endpoint and rule, connections and closes, HTTP exchanges, and every client frame that no
// rule matched.
class RunTally
{
public:
    struct Frame
    {
        quint64 connectionId = 0;
        QString path;
        QString endpoint; // the endpoint's pattern
        QString text; // or a binary frame's preview
        qint64 time = 0;
    };
    struct EndpointCounts
    {
        int connections = 0;
        int closes = 0;
        int unmatched = 0;
        QMap<QString, int> rules; // matches per rule label
    };

    // endpoint: the pattern of the endpoint serving the event's connection (empty for HTTP).
    void add(const TrafficEvent &event, const QString &endpoint);

    const QList<Frame> &unmatched() const { return m_unmatched; }
    const QMap<QString, EndpointCounts> &endpoints() const { return m_endpoints; }
    const QMap<QString, int> &httpExchanges() const { return m_http; } // per endpoint label
    // How many events an expectation counts.
    int count(const Expectation &expectation) const;

private:
    QMap<QString, EndpointCounts> m_endpoints;
    QHash<quint64, QString> m_endpointOf; // connection -> endpoint pattern
    QList<Frame> m_unmatched;
    QList<Frame> m_received; // every client text frame, for `received:` expectations
    QList<std::pair<Frame, QString>> m_matched; // frame and rule, for `rule:` expectations
    QList<std::pair<QString, QString>> m_opened; // path and endpoint pattern
    QMap<QString, int> m_http;
};

// An expectation and how the run measured up to it.
struct ExpectationResult
{
    Expectation expectation;
    int count = 0;
    bool passed = false;
    QString message; // why it failed, empty when it passed
};

class RunReport
{
    Q_DECLARE_TR_FUNCTIONS(RunReport)

public:
    static QList<ExpectationResult> evaluate(const QList<Expectation> &expectations,
                                             const RunTally &tally);
    // JUnit XML: one test case per expectation, and with failOnUnmatched one failed test case
    // per unmatched client frame (the first 100, then one that counts the rest).
    static QByteArray junitXml(const QString &suite, const QList<ExpectationResult> &results,
                               const RunTally &tally, bool failOnUnmatched, int commandExit,
                               qint64 durationMs);
    // A Markdown summary for a CI step: the command, the expectations, and a table per
    // endpoint and rule.
    static QString markdown(const QString &config, const QList<ExpectationResult> &results,
                            const RunTally &tally, int commandExit);
    // One line per unmatched frame, as the console prints them.
    static QStringList unmatchedLines(const RunTally &tally);
};
