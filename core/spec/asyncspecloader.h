#pragma once

#include "specloader.h"

#include <QByteArray>
#include <QObject>
#include <QString>
#include <QThread>

#include <deque>

// What one load came to.
struct SpecLoadOutcome
{
    quint64 ticket = 0; // as returned by the load call
    QByteArray data; // the bytes loaded (for loadFile: as read)
    bool readable = true; // loadFile: false when the file could not be opened (no result then)
    bool unchanged = false; // loadFile: the bytes equal `unlessEqualTo`; not loaded again
    LoadResult result;
};

// Loads configs on a thread of its own, so that a large one (50 MB take seconds) never holds up
// the thread that serves; the caller swaps the spec in on its own thread when `loaded` arrives.
// One load runs at a time and results arrive in the order of the calls. With
// Backlog::NewestOnly, a call supersedes the loads still waiting, and the result of a load
// that a newer call superseded while it ran is never reported: nothing older than what was
// last asked for is ever applied. With Backlog::Each, every call gets its result.
class AsyncSpecLoader : public QObject
{
    Q_OBJECT

public:
    enum class Backlog { NewestOnly, Each };

    explicit AsyncSpecLoader(Backlog backlog, QObject *parent = nullptr);
    // Waits for the load under way, if any: a parse cannot be cut short.
    ~AsyncSpecLoader() override;

    // Reads the file on the loader's thread; diagnostics name `path`.
    quint64 loadFile(const QString &path, const QByteArray &unlessEqualTo = QByteArray());
    // fileName is only used to name the file in diagnostics.
    quint64 loadData(const QByteArray &data, const QString &fileName);
    bool isBusy() const { return m_running || !m_waiting.empty(); }
    // Lets go of a spec on the loader's thread: freeing a large one takes long too (100,000
    // endpoints: over a second), so the spec a reload replaces is handed here.
    void dispose(MockSpecPtr spec);

signals:
    void loaded(const SpecLoadOutcome &outcome);

private:
    struct Job
    {
        quint64 ticket = 0;
        QString path; // read when set
        QByteArray data;
        QString fileName;
        QByteArray unlessEqualTo;
    };

    quint64 enqueue(Job job);
    void startNext();
    void finish(const SpecLoadOutcome &outcome);
    static SpecLoadOutcome perform(const Job &job);

    Backlog m_backlog;
    QThread m_thread;
    QObject *m_inThread = nullptr; // lives in m_thread: what the loads are posted to
    std::deque<Job> m_waiting;
    bool m_running = false;
    quint64 m_lastTicket = 0;
};
