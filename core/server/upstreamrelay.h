#pragma once

#include "proxylink.h"
#include "trafficevent.h"

#include <QObject>
#include <QUrl>
#include <QWebSocket>

// Whether the upstream's TLS certificate must be one the system trusts, or is accepted
// whoever signed it (a local server with a self-signed certificate).
enum class UpstreamCertificate { Verify, AcceptSelfSigned };

// One client connection relayed to its own connection to a real server (a ProxyLink): every
// frame, text or binary, is passed on both ways, and either side's close is passed on with its
// code. Each frame and the close is told as a TrafficEvent: the client's as received, the
// upstream's as sent from Upstream. An upstream that refuses, that never answers or that drops
// the connection closes the client with 1011 and a reason that says which.
class UpstreamRelay : public QObject
{
    Q_OBJECT

public:
    static constexpr int DefaultConnectTimeoutMs = ProxyLink::DefaultConnectTimeoutMs;
    static constexpr QWebSocketProtocol::CloseCode UpstreamFailed = ProxyLink::UpstreamFailed;

    // Takes the accepted client socket and its link to the upstream (both as children), and
    // relays them once started. The link may be opened already (see UpstreamHandshake).
    UpstreamRelay(QWebSocket *client, ProxyLink *link, quint64 connectionId,
                  QObject *parent = nullptr);
    ~UpstreamRelay() override;

    void start();
    // Closes both sides with 1001 (going away).
    void stop();

signals:
    void trafficEvent(const TrafficEvent &event);
    void finished(); // both sides are closed; the relay can go

private:
    void onUpstreamFailed(const QString &reason);
    void onClientGone();
    void emitOpened();
    void forward(const QString &text);
    void forward(const QByteArray &data);
    void finishWhenBothClosed();

    QWebSocket *m_client;
    ProxyLink *m_link;
    TrafficEvent::Source m_source;
    bool m_opened = false;
    bool m_clientClosed = false;
    bool m_upstreamClosed = false;
    bool m_finished = false;
};
