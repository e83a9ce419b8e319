#include "consolewriter.h"

#include <QCoreApplication>

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(ConsoleWriter)
};
} // namespace

ConsoleWriter::ConsoleWriter(std::FILE *out, qsizetype maxQueued)
    : m_out(out)
    , m_maxQueued(maxQueued)
    , m_thread([this] { run(); })
{ }

ConsoleWriter::~ConsoleWriter()
{
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_one();
    m_thread.join();
}

void ConsoleWriter::write(QByteArray line)
{
    {
        std::lock_guard lock(m_mutex);
        if (m_queuedBytes + line.size() > m_maxQueued) {
            ++m_dropped;
            ++m_droppedUnreported;
            return;
        }
        line += '\n';
        m_queuedBytes += line.size();
        m_queue.push_back(std::move(line));
    }
    m_wake.notify_one();
}

quint64 ConsoleWriter::droppedCount() const
{
    std::lock_guard lock(m_mutex);
    return m_dropped;
}

void ConsoleWriter::run()
{
    std::deque<QByteArray> batch;
    while (true) {
        quint64 dropped = 0;
        {
            std::unique_lock lock(m_mutex);
            m_wake.wait(lock,
                        [this] { return m_stopping || !m_queue.empty() || m_droppedUnreported; });
            if (m_queue.empty() && m_stopping)
                return;
            batch.swap(m_queue);
            m_queuedBytes = 0;
            dropped = m_droppedUnreported;
            m_droppedUnreported = 0;
        }
        for (const QByteArray &line : batch)
            std::fwrite(line.constData(), 1, size_t(line.size()), m_out);
        batch.clear();
        if (dropped) {
            const QByteArray note = Tr::tr("… %n event line(s) dropped: the output was too slow",
                                           nullptr, int(std::min<quint64>(dropped, INT_MAX)))
                                        .toUtf8()
                + '\n';
            std::fwrite(note.constData(), 1, size_t(note.size()), m_out);
        }
        std::fflush(m_out);
    }
}
