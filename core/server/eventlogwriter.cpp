#include "eventlogwriter.h"

#include <QFile>
#include <QMetaObject>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <condition_variable>
#include <deque>
#include <mutex>

#include <fcntl.h>
#include <unistd.h>

namespace {
constexpr int FlushIntervalMs = 100;
constexpr qsizetype FlushThreshold = 256 * 1024;

// Lines handed over together.
struct Batch
{
    QByteArray bytes; // whole lines, each ending in '\n'
    qsizetype lines = 0;
};
} // namespace

// What the serving thread and the writer thread share; the writer thread keeps it alive
// should close() stop waiting for it.
struct EventLogWriter::Shared
{
    std::mutex mutex;
    std::condition_variable wake;
    std::condition_variable done;
    std::deque<Batch> batches;
    qsizetype queuedBytes = 0;
    bool stopping = false;
    bool finished = false;
    EventLogWriter *owner = nullptr; // told of a write error; null once close() returned
    quint64 dropped = 0;
    quint64 failed = 0;
    QString firstError; // set by the writer thread, said once by the owner
    bool errorReported = false;
    std::unique_ptr<QFileDevice> file; // used by the writer thread only while it runs
    qint64 wholeLinesEnd = 0; // where the file's last whole line ends

    void run();
    void writeBatch(const Batch &batch);
};

void EventLogWriter::Shared::run()
{
    std::unique_lock lock(mutex);
    while (true) {
        wake.wait(lock, [this] { return stopping || !batches.empty(); });
        if (batches.empty())
            break; // stopping, and all written
        Batch batch = std::move(batches.front());
        batches.pop_front();
        queuedBytes -= batch.bytes.size();
        lock.unlock();
        writeBatch(batch);
        lock.lock();
    }
    file->close();
    finished = true;
    done.notify_all();
}

// One write per batch. A write that stops short (a full disk) keeps the whole lines it wrote
// and cuts the file back to the last of them: never half a line for the next one to follow.
void EventLogWriter::Shared::writeBatch(const Batch &batch)
{
    const qint64 size = batch.bytes.size();
    qint64 written = 0;
    while (written < size) { // after a short write, the next one says why
        const qint64 step = file->write(batch.bytes.constData() + written, size - written);
        if (step <= 0)
            break;
        written += step;
    }
    if (written == size) {
        wholeLinesEnd += written;
        return;
    }
    const qsizetype kept = written > 0 ? batch.bytes.lastIndexOf('\n', written - 1) + 1 : 0;
    wholeLinesEnd += kept;
    const QString error = file->errorString();
    if (written > kept)
        file->resize(wholeLinesEnd);
    const qsizetype lost = batch.lines - batch.bytes.left(kept).count('\n');
    std::lock_guard lock(mutex);
    failed += quint64(lost);
    if (firstError.isEmpty()) {
        firstError = error;
        if (owner)
            QMetaObject::invokeMethod(owner, &EventLogWriter::reportWriteError,
                                      Qt::QueuedConnection);
    }
}

namespace {
// A log that ends inside a line (an older run cut off mid-write) is cut back to its last whole
// line, so what is appended now starts on a line of its own. Regular files only.
void dropUnfinishedLine(const QString &fileName)
{
    QFile file(fileName);
    if (!file.open(QIODevice::ReadOnly) || file.isSequential() || file.size() == 0)
        return;
    constexpr qint64 Chunk = 64 * 1024;
    qint64 end = file.size();
    qint64 keep = -1;
    while (end > 0 && keep < 0) {
        const qint64 start = std::max<qint64>(0, end - Chunk);
        if (!file.seek(start))
            return;
        const QByteArray tail = file.read(end - start);
        const qsizetype newline = tail.lastIndexOf('\n');
        if (newline >= 0)
            keep = start + newline + 1;
        else if (start == 0)
            keep = 0;
        end = start;
    }
    if (keep >= 0 && keep < file.size())
        QFile::resize(fileName, keep);
}
} // namespace

EventLogWriter::EventLogWriter(QObject *parent) : QObject(parent)
{
    m_timer.setInterval(FlushIntervalMs);
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &EventLogWriter::flush);
}

EventLogWriter::~EventLogWriter()
{
    close();
}

bool EventLogWriter::open(const QString &fileName)
{
    dropUnfinishedLine(fileName);
    // Opened here rather than by QFile's Append mode, which seeks, and warns on a FIFO or a
    // device; O_APPEND alone puts every write at the end.
    const int descriptor = ::open(QFile::encodeName(fileName).constData(),
                                  O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0666);
    if (descriptor < 0) {
        m_errorString = tr("cannot open log file %1: %2")
                            .arg(fileName, QString::fromLocal8Bit(std::strerror(errno)));
        return false;
    }
    auto file = std::make_unique<QFile>(fileName);
    if (!file->open(descriptor, QIODevice::WriteOnly | QIODevice::Unbuffered,
                    QFileDevice::AutoCloseHandle)) {
        ::close(descriptor);
        m_errorString = tr("cannot open log file %1: %2").arg(fileName, file->errorString());
        return false;
    }
    open(std::move(file), fileName);
    return true;
}

void EventLogWriter::open(std::unique_ptr<QFileDevice> file, const QString &name)
{
    close();
    m_name = name;
    m_dropReported = false;
    m_shared = std::make_shared<Shared>();
    m_shared->owner = this;
    m_shared->wholeLinesEnd = file->size();
    m_shared->file = std::move(file);
    m_thread = std::thread([shared = m_shared] { shared->run(); });
}

void EventLogWriter::write(const TrafficEvent &event)
{
    if (!m_thread.joinable()) // not open, or closed
        return;
    event.appendJsonLine(m_buffer);
    m_buffer += '\n';
    ++m_bufferLines;
    if (m_buffer.size() >= FlushThreshold)
        flush();
    else if (!m_timer.isActive())
        m_timer.start();
}

void EventLogWriter::flush()
{
    m_timer.stop();
    if (m_buffer.isEmpty() || !m_thread.joinable())
        return;
    Batch batch { std::exchange(m_buffer, {}), std::exchange(m_bufferLines, 0) };
    bool dropped = false;
    {
        std::lock_guard lock(m_shared->mutex);
        // One batch always fits, however large: a single big message is still logged.
        if (m_shared->queuedBytes > 0 && m_shared->queuedBytes + batch.bytes.size() > m_maxQueued) {
            m_shared->dropped += quint64(batch.lines);
            dropped = true;
        } else {
            m_shared->queuedBytes += batch.bytes.size();
            m_shared->batches.push_back(std::move(batch));
        }
    }
    if (!dropped) {
        m_shared->wake.notify_one();
    } else if (!m_dropReported) {
        m_dropReported = true;
        emit problem(tr("the log %1 is not keeping up: event lines are being dropped").arg(m_name));
    }
}

void EventLogWriter::reportWriteError()
{
    QString error;
    {
        std::lock_guard lock(m_shared->mutex);
        if (m_shared->errorReported || m_shared->firstError.isEmpty())
            return;
        m_shared->errorReported = true;
        error = m_shared->firstError;
    }
    emit problem(tr("cannot write the log %1: %2; event lines are being lost").arg(m_name, error));
}

void EventLogWriter::close()
{
    if (!m_shared || !m_thread.joinable())
        return;
    flush();
    std::unique_lock lock(m_shared->mutex);
    m_shared->stopping = true;
    m_shared->wake.notify_one();
    const bool finished = m_shared->done.wait_for(lock, std::chrono::milliseconds(CloseWaitMs),
                                                  [this] { return m_shared->finished; });
    m_shared->owner = nullptr;
    if (!finished) { // a file that takes nothing (a FIFO nobody reads): what waits is lost
        for (const Batch &batch : m_shared->batches)
            m_shared->dropped += quint64(batch.lines);
        m_shared->batches.clear();
    }
    lock.unlock();
    if (finished)
        m_thread.join();
    else
        m_thread.detach(); // it holds what it uses, and ends with the process
    reportWriteError();
}

quint64 EventLogWriter::droppedLines() const
{
    if (!m_shared)
        return 0;
    std::lock_guard lock(m_shared->mutex);
    return m_shared->dropped;
}

quint64 EventLogWriter::failedLines() const
{
    if (!m_shared)
        return 0;
    std::lock_guard lock(m_shared->mutex);
    return m_shared->failed;
}

QString EventLogWriter::summary() const
{
    const quint64 dropped = droppedLines();
    const quint64 failed = failedLines();
    if (dropped + failed == 0)
        return {};
    return tr("%n event line(s) did not reach the log %1 (%2 dropped while it was too slow, %3 "
              "lost to write errors)",
              nullptr, int(std::min<quint64>(dropped + failed, INT_MAX)))
        .arg(m_name)
        .arg(dropped)
        .arg(failed);
}
