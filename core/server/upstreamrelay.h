#pragma once

#include "trafficevent.h"

#include <QObject>
#include <QTimer>
#include <QUrl>
#include <QWebSocket>

#include <variant>

// Whether the upstream's TLS certificate must be one the system trusts, or is accepted
// whoever signed it (a local server with a self-signed certificate).
enum class UpstreamCertificate { Verify, AcceptSelfSigned };

// One client connection relayed to its own connection to a real server (the upstream): every
// frame, text or binary, is passed on both ways, and either side's close is passed on with its
// code. The client's handshake headers go to the upstream (credentials too, never recorded),
// and the subprotocols it asked for. Each frame and the close is told as a TrafficEvent: the
// client's as received, the upstream's as sent from Upstream. An upstream that refuses, that
// never answers or that drops the connection closes the client with 1011 and a reason that
// says which.
class UpstreamRelay : public QObject
{
    Q_OBJECT

public:
    static constexpr int DefaultConnectTimeoutMs = 10000;
    // The close code for an upstream that failed: 1011 (an unexpected condition); the
    // registry's 1014 (bad gateway) is refused as a protocol error by some clients, Qt's too.
    static constexpr QWebSocketProtocol::CloseCode UpstreamFailed
        = QWebSocketProtocol::CloseCodeBadOperation;

    // Takes the accepted client socket (as a child) and relays it to `upstream` once started.
    UpstreamRelay(QWebSocket *client, const QUrl &upstream, quint64 connectionId,
                  QObject *parent = nullptr);
    ~UpstreamRelay() override;

    void setConnectTimeout(int ms) { m_connectTimer.setInterval(ms); }
    void setUpstreamCertificate(UpstreamCertificate certificate) { m_certificate = certificate; }
    void start();
    // Closes both sides with 1001 (going away).
    void stop();

signals:
    void trafficEvent(const TrafficEvent &event);
    void finished(); // both sides are closed; the relay can go

private:
    void onUpstreamConnected();
    void onUpstreamGone();
    void onClientGone();
    void failUpstream(const QString &reason);
    void emitOpened();
    void forward(const QString &text);
    void forward(const QByteArray &data);
    using Frame = std::variant<QString, QByteArray>;
    void toUpstream(const Frame &frame); // or keeps it until the upstream is up
    void finishWhenBothClosed();

    QWebSocket *m_client;
    QWebSocket m_upstream;
    QUrl m_upstreamUrl;
    TrafficEvent::Source m_source;
    QTimer m_connectTimer;
    UpstreamCertificate m_certificate = UpstreamCertificate::Verify;
    QList<Frame> m_pending; // client frames before the upstream is up
    bool m_opened = false;
    bool m_upstreamUp = false;
    bool m_upstreamClosing = false; // a close frame went either way
    bool m_clientClosed = false;
    bool m_upstreamClosed = false;
    bool m_finished = false;
};
