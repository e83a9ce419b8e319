#pragma once

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

class QWebSocket;

// Pings through a connected client, one ping at a time every 20 ms, and keeps the longest
// wait for a pong: how long the server left its clients unanswered. With the server in the
// same thread as the probe, a stalled thread sends no ping either: so the longest gap between
// two of the probe's ticks counts too.
class PingProbe : public QObject
{
public:
    explicit PingProbe(QWebSocket *socket);

    // Also counts the ping still waiting for its pong.
    qint64 longestMs() const;
    int answered() const { return m_answered; }

private:
    QWebSocket *m_socket;
    QTimer m_timer;
    QElapsedTimer m_waiting;
    QElapsedTimer m_sinceTick;
    qint64 m_longestMs = 0;
    int m_answered = 0;
};

// A config of `count` endpoints /ws/0/:id ... /ws/{count-1}/:id, each answering "ping" with
// `reply`: about 100 bytes each, a few MB to load for tens of thousands.
QByteArray manyEndpointsYaml(int count, const QByteArray &reply);
