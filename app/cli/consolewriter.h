#pragma once

#include <QByteArray>

#include <condition_variable>
#include <cstdio>
#include <deque>
#include <mutex>
#include <thread>

// Writes event lines to a FILE (stdout) from its own thread, so a slow terminal or a full
// pipe never blocks serving. At most maxQueued bytes wait; beyond that lines are dropped
// and counted, and the count is printed once the output keeps up again.
class ConsoleWriter
{
public:
    explicit ConsoleWriter(std::FILE *out, qsizetype maxQueued = 4 * 1024 * 1024);
    ~ConsoleWriter(); // writes what is queued, then stops

    void write(QByteArray line); // line without its newline
    quint64 droppedCount() const;

private:
    void run();

    std::FILE *m_out;
    const qsizetype m_maxQueued;
    mutable std::mutex m_mutex;
    std::condition_variable m_wake;
    std::deque<QByteArray> m_queue;
    qsizetype m_queuedBytes = 0;
    quint64 m_dropped = 0; // in all
    quint64 m_droppedUnreported = 0;
    bool m_stopping = false;
    std::thread m_thread;
};
