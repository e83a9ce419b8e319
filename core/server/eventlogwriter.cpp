#include "eventlogwriter.h"

namespace {
constexpr int FlushIntervalMs = 100;
constexpr qsizetype FlushThreshold = 256 * 1024;
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
    m_file.setFileName(fileName);
    if (!m_file.open(QIODevice::WriteOnly | QIODevice::Append | QIODevice::Unbuffered)) {
        m_errorString = tr("cannot open log file %1: %2").arg(fileName, m_file.errorString());
        return false;
    }
    return true;
}

void EventLogWriter::write(const TrafficEvent &event)
{
    if (!m_file.isOpen())
        return;
    event.appendJsonLine(m_buffer);
    m_buffer += '\n';
    if (m_buffer.size() >= FlushThreshold)
        flush();
    else if (!m_timer.isActive())
        m_timer.start();
}

void EventLogWriter::flush()
{
    m_timer.stop();
    if (m_buffer.isEmpty() || !m_file.isOpen())
        return;
    m_file.write(m_buffer);
    m_buffer.truncate(0); // keeps its capacity for the next batch
}

void EventLogWriter::close()
{
    flush();
    m_file.close();
}
