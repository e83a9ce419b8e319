#include "pingprobe.h"

#include <QWebSocket>

#include <algorithm>

PingProbe::PingProbe(QWebSocket *socket) : m_socket(socket)
{
    connect(socket, &QWebSocket::pong, this, [this] {
        m_longestMs = std::max(m_longestMs, m_waiting.elapsed());
        ++m_answered;
        m_waiting.invalidate();
    });
    connect(&m_timer, &QTimer::timeout, this, [this] {
        m_longestMs = std::max(m_longestMs, m_sinceTick.restart() - m_timer.interval());
        if (!m_waiting.isValid()) {
            m_waiting.start();
            m_socket->ping();
        }
    });
    m_timer.start(20);
    m_sinceTick.start();
}

qint64 PingProbe::longestMs() const
{
    return std::max(m_longestMs, m_waiting.isValid() ? m_waiting.elapsed() : 0);
}

QByteArray manyEndpointsYaml(int count, const QByteArray &reply)
{
    QByteArray yaml;
    for (int index = 0; index < count; ++index)
        yaml += "- websocket:\n    path: /ws/" + QByteArray::number(index)
            + "/:id\n    on-message:\n      - pattern: ping\n        response: " + reply + "\n";
    return yaml;
}
