#pragma once

#include "upstreamrelay.h"

#include <QUrl>
#include <QWidget>

class QLabel;
class QPushButton;
class RelayServer;
class TrafficLog;
class TrafficPanel;

// Record from a server: a recording proxy (RelayServer) on a local port that relays every
// path to the upstream, in a window of its own whose Traffic panel shows what passes, live.
// Stop ends the recording (both sides of each connection are closed); the traffic stays, to
// be saved or made into mocks.
class RecordingWindow : public QWidget
{
    Q_OBJECT

public:
    RecordingWindow(const QUrl &upstream, UpstreamCertificate certificate,
                    QWidget *parent = nullptr);
    ~RecordingWindow() override;

    // Listens on 127.0.0.1 (port 0: any free one); false with errorString().
    bool listen(quint16 port);
    QString errorString() const;
    quint16 port() const;
    bool isRecording() const { return m_recording; }
    void stop();

    TrafficPanel *trafficPanel() const { return m_panel; }
    QPushButton *stopButton() const { return m_stop; }
    QString statusText() const;

signals:
    void recordingStopped();

private:
    void updateStatus();

    RelayServer *m_relay = nullptr;
    TrafficLog *m_log = nullptr;
    TrafficPanel *m_panel = nullptr;
    QLabel *m_status = nullptr;
    QPushButton *m_stop = nullptr;
    bool m_recording = false;
};
