#pragma once

#include "trafficevent.h"

#include <QFile>
#include <QObject>
#include <QTimer>

// Writes TrafficEvents as JSON lines to a file. Lines are buffered and flushed at least
// every 100 ms (and on close), so the log keeps up with a fast server without a write
// per event, and a killed process loses at most its last 100 ms.
class EventLogWriter : public QObject
{
    Q_OBJECT

public:
    explicit EventLogWriter(QObject *parent = nullptr);
    ~EventLogWriter() override;

    bool open(const QString &fileName); // appends; false with errorString() on failure
    QString errorString() const { return m_errorString; }
    void write(const TrafficEvent &event);
    void flush();
    void close();

private:
    QFile m_file;
    QByteArray m_buffer;
    QTimer m_timer;
    QString m_errorString;
};
