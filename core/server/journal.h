#pragma once

#include "messagepattern.h"
#include "trafficevent.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <deque>
#include <optional>

// One frame in or out, as the control API's journal keeps it.
struct JournalEntry
{
    qint64 sequence = 0; // 1, 2, ... in the order the frames happened
    quint64 connectionId = 0;
    QString path; // the connection's path, decoded
    bool incoming = false;
    QString text;
    QByteArray binary;
    bool isBinary = false;
    QString rule; // the rule that answered or sent it; empty: an incoming frame no rule matched
    qint64 time = 0; // ms since the epoch

    // An unmatched frame: why each rule of its endpoint did not answer it (label, miss).
    QList<std::pair<QString, PatternMiss>> misses;

    bool unmatched() const { return incoming && rule.isEmpty(); }
    // {"seq", "connection", "path", "direction", "payload" (base64 when "binary"), "binary",
    //  "rule" (or "unmatched"), "time"}, and for an unmatched frame "why": [{"rule",
    //  "reason", and as the reason has them "at", "expected", "actual", "position"}]
    QJsonObject toJson() const;
};

// Which entries a query wants: every field is optional.
struct JournalFilter
{
    std::optional<quint64> connection;
    QString path; // the connection's path, or an endpoint's pattern ("/ws/user/:name")
    QString direction; // "in" or "out"
    QString rule;
    bool unmatchedOnly = false;
    QString contains; // in the text (or the base64 of a binary frame)
    qint64 since = 0; // only entries after this sequence number
    int limit = 0; // 0: all; with since, the first N after it, otherwise the last N

    bool matches(const JournalEntry &entry) const;
};

// Every frame in and out of a server, bounded: past the capacity the oldest are dropped and
// counted. Fed with the server's traffic events.
class Journal
{
public:
    static constexpr qsizetype DefaultCapacity = 100000;

    explicit Journal(qsizetype capacity = DefaultCapacity) : m_capacity(capacity) { }

    void setCapacity(qsizetype capacity);
    qsizetype capacity() const { return m_capacity; }
    // Keeps the event when it is a frame (received, unmatched, binary or sent); returns it.
    // misses: for an unmatched frame, why each rule did not answer it.
    const JournalEntry *add(const TrafficEvent &event,
                            QList<std::pair<QString, PatternMiss>> misses = {});
    QList<const JournalEntry *> find(const JournalFilter &filter) const;
    void clear();

    qsizetype size() const { return qsizetype(m_entries.size()); }
    qint64 dropped() const { return m_dropped; }
    qint64 lastSequence() const { return m_next - 1; }

private:
    void trim();

    std::deque<JournalEntry> m_entries;
    qsizetype m_capacity;
    qint64 m_next = 1;
    qint64 m_dropped = 0;
};
