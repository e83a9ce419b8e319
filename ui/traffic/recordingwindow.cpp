#include "recordingwindow.h"

#include "relayserver.h"
#include "themeicon.h"
#include "trafficlog.h"
#include "trafficpanel.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

RecordingWindow::RecordingWindow(const QUrl &upstream, UpstreamCertificate certificate,
                                 QWidget *parent)
    : QWidget(parent, Qt::Window)
    , m_relay(new RelayServer(upstream, this))
    , m_log(new TrafficLog(this))
{
    setAttribute(Qt::WA_DeleteOnClose);
    setWindowTitle(tr("Recording from %1").arg(upstream.toDisplayString()));
    m_relay->setUpstreamCertificate(certificate);
    m_panel = new TrafficPanel(m_log, nullptr, this);
    m_panel->setSourceName(QStringLiteral("a recording of ") + upstream.toDisplayString());
    m_panel->setFollowNewest(true); // read-only, but live
    // A recording has no rules: the payload takes the Rule column's room.
    m_panel->messagesView()->hideColumn(MessageLogModel::Rule);
    m_status = new QLabel(this);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_stop = new QPushButton(themeIcon(QStringLiteral("media-playback-stop")),
                             tr("&Stop recording"), this);
    m_stop->setToolTip(tr("Close every relayed connection and stop listening; the traffic "
                          "stays, to be saved or made into mocks"));
    auto *bar = new QHBoxLayout;
    bar->addWidget(m_status, 1);
    bar->addWidget(m_stop);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 0);
    layout->addLayout(bar);
    layout->addWidget(m_panel, 1);
    connect(m_relay, &RelayServer::trafficEvent, m_log, &TrafficLog::addEvent);
    connect(m_relay, &RelayServer::stopped, this, [this] {
        m_recording = false;
        updateStatus();
        emit recordingStopped();
    });
    connect(m_stop, &QPushButton::clicked, this, &RecordingWindow::stop);
    resize(1100, 600);
}

RecordingWindow::~RecordingWindow() = default;

bool RecordingWindow::listen(quint16 port)
{
    m_recording = m_relay->listen(QHostAddress::LocalHost, port);
    updateStatus();
    return m_recording;
}

QString RecordingWindow::errorString() const
{
    return m_relay->errorString();
}

quint16 RecordingWindow::port() const
{
    return m_relay->serverPort();
}

void RecordingWindow::stop()
{
    if (!m_recording)
        return;
    m_stop->setEnabled(false);
    m_relay->stop();
}

void RecordingWindow::updateStatus()
{
    m_stop->setEnabled(m_recording);
    const QString upstream = m_relay->upstream().toDisplayString();
    if (m_recording)
        m_status->setText(tr("Recording: point your app at ws://127.0.0.1:%1; every path is "
                             "relayed to %2.")
                              .arg(port())
                              .arg(upstream));
    else
        m_status->setText(tr("Recording stopped. Save the traffic, or create mocks from it."));
}

QString RecordingWindow::statusText() const
{
    return m_status->text();
}
