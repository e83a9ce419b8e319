#pragma once

#include "trafficevent.h"

#include <QFileDevice>
#include <QObject>
#include <QTimer>

#include <memory>
#include <thread>

// Writes TrafficEvents as JSON lines to a file. The serving thread only formats: lines are
// gathered and handed over at least every 100 ms (and on close) to a thread of the writer's
// own, so a slow disk, a FIFO nobody reads or a full disk never holds up serving, and a killed
// process loses at most its last 100 ms. At most maxQueued bytes wait for that thread; beyond
// that lines are dropped and counted. A write that fails is cut back to the end of the last
// whole line, so the file stays valid JSON lines. Each kind of trouble is said once through
// problem(), and summary() counts what never reached the file.
class EventLogWriter : public QObject
{
    Q_OBJECT

public:
    static constexpr qsizetype DefaultMaxQueued = 8 * 1024 * 1024;
    static constexpr int CloseWaitMs = 2000; // what close() waits for a stalled file

    explicit EventLogWriter(QObject *parent = nullptr);
    ~EventLogWriter() override;

    bool open(const QString &fileName); // appends; false with errorString() on failure
    // Writes into a file already open for writing; named `name` in messages.
    void open(std::unique_ptr<QFileDevice> file, const QString &name);
    void setMaxQueued(qsizetype bytes) { m_maxQueued = bytes; }
    QString errorString() const { return m_errorString; }
    void write(const TrafficEvent &event);
    void flush(); // hands what is gathered to the writer thread
    // Writes what is queued (waiting at most CloseWaitMs), then closes the file.
    void close();

    quint64 droppedLines() const; // while more than maxQueued bytes waited
    quint64 failedLines() const; // lost to write errors
    // What did not reach the file, in words; empty when every line did.
    QString summary() const;

signals:
    // The first write error, and the first dropped line: each said once.
    void problem(const QString &message);

private:
    struct Shared;
    void reportWriteError();

    std::shared_ptr<Shared> m_shared;
    std::thread m_thread;
    QString m_name;
    QByteArray m_buffer;
    qsizetype m_bufferLines = 0;
    qsizetype m_maxQueued = DefaultMaxQueued;
    QTimer m_timer;
    QString m_errorString;
    bool m_dropReported = false;
};
