#pragma once

#include "diagnostic.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QList>
#include <QString>

#include <optional>

// What a test run expects of the traffic a mock saw (`mocket-cli run --expect FILE`): a
// small YAML list, each item one of
//   - rule: on-message[0]        # this rule matched (optionally on one endpoint)
//     endpoint: /ws/echo
//   - connected: /ws/user/:name  # a client connected to this path or endpoint
//   - received: subscribe        # a client sent a frame containing this text
// with `at-least: N` (default 1) and/or `at-most: N`.
struct Expectation
{
    enum class Kind { RuleMatched, Connected, Received };

    Kind kind = Kind::RuleMatched;
    QString subject; // the rule label, the path, or the text
    QString endpoint; // RuleMatched and Received: only on this endpoint (path or pattern)
    int atLeast = 1;
    std::optional<int> atMost;
    int line = 0;
    int column = 0;

    // "rule on-message[0] on /ws/echo matched at least 1 time"
    QString describe() const;
};

struct ExpectationsFile
{
    QList<Expectation> expectations;
    Diagnostics diagnostics; // FILE:LINE:COL, like a config's

    bool ok() const { return !hasErrors(diagnostics); }
};

class ExpectationsLoader
{
    Q_DECLARE_TR_FUNCTIONS(ExpectationsLoader)

public:
    static ExpectationsFile loadData(const QByteArray &yaml, const QString &fileName);
    static ExpectationsFile loadFile(const QString &path);
};
