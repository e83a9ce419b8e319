#include "upstreamrelay.h"

#include "directwritesocket.h"

#include <QNetworkRequest>
#include <QWebSocketHandshakeOptions>

namespace {
// Codes a close frame cannot carry: the connection ended without one.
bool isAbnormal(quint16 code)
{
    return code == QWebSocketProtocol::CloseCodeMissingStatusCode
        || code == QWebSocketProtocol::CloseCodeAbnormalDisconnection
        || code == QWebSocketProtocol::CloseCodeTlsHandshakeFailed;
}

// A close reason fits in 123 bytes of UTF-8.
QString closeReason(const QString &reason)
{
    QString fitted = reason;
    while (fitted.toUtf8().size() > 123)
        fitted.chop(1);
    return fitted;
}
} // namespace

UpstreamRelay::UpstreamRelay(QWebSocket *client, const QUrl &upstream, quint64 connectionId,
                             QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_upstreamUrl(upstream)
    , m_source { connectionId, client->requestUrl().path(QUrl::FullyDecoded) }
{
    m_client->setParent(this);
    m_connectTimer.setSingleShot(true);
    m_connectTimer.setInterval(DefaultConnectTimeoutMs);
}

UpstreamRelay::~UpstreamRelay()
{
    // The sockets go after this object's members: what they emit while closing must not
    // reach a relay half taken down.
    m_upstream.disconnect(this);
    m_client->disconnect(this);
}

void UpstreamRelay::start()
{
    connect(m_client, &QWebSocket::textMessageReceived, this,
            qOverload<const QString &>(&UpstreamRelay::forward));
    connect(m_client, &QWebSocket::binaryMessageReceived, this,
            qOverload<const QByteArray &>(&UpstreamRelay::forward));
    connect(m_client, &QWebSocket::disconnected, this, &UpstreamRelay::onClientGone);
    connect(&m_upstream, &QWebSocket::connected, this, &UpstreamRelay::onUpstreamConnected);
    connect(&m_upstream, &QWebSocket::disconnected, this, &UpstreamRelay::onUpstreamGone);
    // Qt keeps 1000 as the close code of a connection that ended without a close frame; only
    // aboutToClose (a close frame sent or received) tells a close from a drop.
    connect(&m_upstream, &QWebSocket::aboutToClose, this, [this] { m_upstreamClosing = true; });
    connect(&m_upstream, qOverload<QAbstractSocket::SocketError>(&QWebSocket::error), this, [this] {
        if (!m_upstreamUp)
            failUpstream(tr("upstream unreachable: %1").arg(m_upstream.errorString()));
    });
    connect(&m_upstream, &QWebSocket::textMessageReceived, this, [this](const QString &text) {
        TrafficEvent event = TrafficEvent::sent(m_source, text, QString());
        event.origin = TrafficOrigin::Upstream;
        emit trafficEvent(event);
        m_client->sendTextMessage(text);
    });
    connect(&m_upstream, &QWebSocket::binaryMessageReceived, this, [this](const QByteArray &data) {
        TrafficEvent event = TrafficEvent::sentBinary(m_source, data, QString());
        event.origin = TrafficOrigin::Upstream;
        emit trafficEvent(event);
        m_client->sendBinaryMessage(data);
    });
    connect(&m_connectTimer, &QTimer::timeout, this, [this] {
        failUpstream(
            tr("upstream did not answer within %n s", nullptr, m_connectTimer.interval() / 1000));
    });

    QNetworkRequest request(m_upstreamUrl);
    const QNetworkRequest &asked = m_client->request();
    for (const QByteArray &name : asked.rawHeaderList()) {
        if (!TrafficHandshake::isHandshakeOwn(name))
            request.setRawHeader(name, asked.rawHeader(name));
    }
    QWebSocketHandshakeOptions options;
    QStringList subprotocols;
    for (const QByteArray &protocol : asked.rawHeader("Sec-WebSocket-Protocol").split(',')) {
        if (!protocol.trimmed().isEmpty())
            subprotocols.append(QString::fromLatin1(protocol.trimmed()));
    }
    options.setSubprotocols(subprotocols);
    if (m_certificate == UpstreamCertificate::AcceptSelfSigned)
        connect(&m_upstream, &QWebSocket::sslErrors, this,
                [this](const QList<QSslError> &errors) { m_upstream.ignoreSslErrors(errors); });
    m_connectTimer.start();
    m_upstream.open(request, options);
}

void UpstreamRelay::stop()
{
    m_client->close(QWebSocketProtocol::CloseCodeGoingAway);
    if (m_upstreamUp)
        m_upstream.close(QWebSocketProtocol::CloseCodeGoingAway);
}

void UpstreamRelay::emitOpened()
{
    if (m_opened)
        return;
    m_opened = true;
    emit trafficEvent(
        TrafficEvent::opened(m_source, peerText(m_client->peerAddress(), m_client->peerPort()), {},
                             {}, m_upstream.subprotocol(),
                             TrafficHandshake::of(m_client->requestUrl(), m_client->request())));
}

void UpstreamRelay::onUpstreamConnected()
{
    m_connectTimer.stop();
    m_upstreamUp = true;
    emitOpened();
    const QList<Frame> pending = std::exchange(m_pending, {});
    for (const Frame &frame : pending)
        toUpstream(frame);
}

void UpstreamRelay::forward(const QString &text)
{
    emit trafficEvent(TrafficEvent::received(m_source, text, QString()));
    toUpstream(text);
}

void UpstreamRelay::forward(const QByteArray &data)
{
    emit trafficEvent(TrafficEvent::binaryReceived(m_source, data, QString()));
    toUpstream(data);
}

void UpstreamRelay::toUpstream(const Frame &frame)
{
    if (!m_upstreamUp)
        m_pending.append(frame);
    else if (const QString *text = std::get_if<QString>(&frame))
        m_upstream.sendTextMessage(*text);
    else
        m_upstream.sendBinaryMessage(std::get<QByteArray>(frame));
}

void UpstreamRelay::failUpstream(const QString &reason)
{
    if (m_upstreamClosed)
        return;
    m_upstreamClosed = true;
    m_connectTimer.stop();
    emitOpened();
    emit trafficEvent(TrafficEvent::error(m_source, TrafficEvent::Cause::SocketError, { reason }));
    m_upstream.abort();
    m_client->close(UpstreamFailed, closeReason(reason));
    finishWhenBothClosed();
}

void UpstreamRelay::onUpstreamGone()
{
    if (!m_upstreamUp) {
        failUpstream(tr("upstream unreachable: %1").arg(m_upstream.errorString()));
        return;
    }
    if (m_upstreamClosed)
        return;
    m_upstreamClosed = true;
    const quint16 code = m_upstream.closeCode();
    if (!m_upstreamClosing || isAbnormal(code))
        m_client->close(UpstreamFailed, tr("upstream connection lost"));
    else
        m_client->close(QWebSocketProtocol::CloseCode(code), m_upstream.closeReason());
    finishWhenBothClosed();
}

void UpstreamRelay::onClientGone()
{
    if (m_clientClosed)
        return;
    m_clientClosed = true;
    emitOpened();
    emit trafficEvent(
        TrafficEvent::closed(m_source, m_client->closeCode(), m_client->closeReason()));
    if (!m_upstreamClosed) {
        const quint16 code = m_client->closeCode();
        m_upstream.close(isAbnormal(code) ? QWebSocketProtocol::CloseCodeGoingAway
                                          : QWebSocketProtocol::CloseCode(code),
                         m_client->closeReason());
        m_upstreamClosed = !m_upstreamUp;
    }
    finishWhenBothClosed();
}

void UpstreamRelay::finishWhenBothClosed()
{
    if (m_clientClosed && m_upstreamClosed && !m_finished) {
        m_finished = true;
        emit finished();
    }
}
