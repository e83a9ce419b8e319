#include "asyncspecloader.h"

#include <QFile>

AsyncSpecLoader::AsyncSpecLoader(Backlog backlog, QObject *parent)
    : QObject(parent)
    , m_backlog(backlog)
    , m_inThread(new QObject)
{
    m_thread.setObjectName(QStringLiteral("spec loader"));
    m_inThread->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_inThread, &QObject::deleteLater);
    m_thread.start(QThread::LowPriority);
}

AsyncSpecLoader::~AsyncSpecLoader()
{
    // Until wait() returns, a load may still post its result to this object; it is alive
    // until then, and the posted result is discarded with it.
    m_thread.quit();
    m_thread.wait();
}

quint64 AsyncSpecLoader::loadFile(const QString &path, const QByteArray &unlessEqualTo)
{
    return enqueue({ 0, path, QByteArray(), path, unlessEqualTo });
}

quint64 AsyncSpecLoader::loadData(const QByteArray &data, const QString &fileName)
{
    return enqueue({ 0, QString(), data, fileName, QByteArray() });
}

quint64 AsyncSpecLoader::enqueue(Job job)
{
    job.ticket = ++m_lastTicket;
    if (m_backlog == Backlog::NewestOnly)
        m_waiting.clear();
    m_waiting.push_back(std::move(job));
    startNext();
    return m_lastTicket;
}

void AsyncSpecLoader::dispose(MockSpecPtr spec)
{
    QMetaObject::invokeMethod(
        m_inThread, [spec = std::move(spec)]() mutable { spec.reset(); }, Qt::QueuedConnection);
}

void AsyncSpecLoader::startNext()
{
    if (m_running || m_waiting.empty())
        return;
    m_running = true;
    Job job = std::move(m_waiting.front());
    m_waiting.pop_front();
    QMetaObject::invokeMethod(
        m_inThread,
        [this, job = std::move(job)] {
            const SpecLoadOutcome outcome = perform(job);
            QMetaObject::invokeMethod(
                this, [this, outcome] { finish(outcome); }, Qt::QueuedConnection);
        },
        Qt::QueuedConnection);
}

void AsyncSpecLoader::finish(const SpecLoadOutcome &outcome)
{
    m_running = false;
    const bool superseded = m_backlog == Backlog::NewestOnly && !m_waiting.empty();
    startNext();
    if (!superseded)
        emit loaded(outcome);
}

SpecLoadOutcome AsyncSpecLoader::perform(const Job &job)
{
    SpecLoadOutcome outcome;
    outcome.ticket = job.ticket;
    outcome.data = job.data;
    if (!job.path.isEmpty()) {
        QFile file(job.path);
        outcome.readable = file.open(QIODevice::ReadOnly);
        if (!outcome.readable)
            return outcome;
        outcome.data = file.readAll();
        outcome.unchanged = !job.unlessEqualTo.isNull() && outcome.data == job.unlessEqualTo;
        if (outcome.unchanged)
            return outcome;
    }
    outcome.result = SpecLoader::loadData(outcome.data, job.fileName);
    return outcome;
}
