#include "proxylink.h"

#include "protocol.h"
#include "trafficevent.h"
#include "upstreamsocket.h"

#include <QNetworkRequest>

ProxyLink::ProxyLink(const QUrl &upstream, QObject *parent) : QObject(parent), m_url(upstream)
{
    m_connectTimer.setSingleShot(true);
    m_connectTimer.setInterval(DefaultConnectTimeoutMs);
}

ProxyLink::~ProxyLink()
{
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->abort();
    }
}

QString ProxyLink::subprotocol() const
{
    return m_socket ? m_socket->subprotocol() : QString();
}

bool ProxyLink::isAbnormal(quint16 code)
{
    return code == QWebSocketProtocol::CloseCodeMissingStatusCode
        || code == QWebSocketProtocol::CloseCodeAbnormalDisconnection
        || code == QWebSocketProtocol::CloseCodeTlsHandshakeFailed;
}

void ProxyLink::open(const QNetworkRequest &clientRequest)
{
    m_opening = true;
    m_socket = UpstreamSocket::forUrl(m_url, m_certificates == Certificates::AnyAccepted, this);
    connect(m_socket, &UpstreamSocket::connected, this, &ProxyLink::onConnected);
    connect(m_socket, &UpstreamSocket::disconnected, this, &ProxyLink::onDisconnected);
    connect(m_socket, &UpstreamSocket::closing, this, [this] { m_closing = true; });
    connect(m_socket, &UpstreamSocket::errorOccurred, this, [this] {
        if (!m_up)
            fail(tr("upstream unreachable: %1").arg(m_socket->errorString()));
    });
    connect(m_socket, &UpstreamSocket::textReceived, this,
            [this](const QString &text) { deliver([this, text] { emit textReceived(text); }); });
    connect(m_socket, &UpstreamSocket::binaryReceived, this, [this](const QByteArray &data) {
        deliver([this, data] { emit binaryReceived(data); });
    });
    connect(&m_connectTimer, &QTimer::timeout, this, [this] {
        fail(tr("upstream did not answer within %n s", nullptr, m_connectTimer.interval() / 1000));
    });

    QNetworkRequest request(m_url);
    for (const QByteArray &name : clientRequest.rawHeaderList()) {
        if (!TrafficHandshake::isHandshakeOwn(name))
            request.setRawHeader(name, clientRequest.rawHeader(name));
    }
    QStringList subprotocols;
    for (const QByteArray &protocol :
         clientRequest.rawHeader("Sec-WebSocket-Protocol").split(',')) {
        if (!protocol.trimmed().isEmpty())
            subprotocols.append(QString::fromLatin1(protocol.trimmed()));
    }
    m_connectTimer.start();
    m_socket->open(request, subprotocols);
}

void ProxyLink::onConnected()
{
    m_connectTimer.stop();
    m_up = true;
    emit opened();
    const QList<Frame> pending = std::exchange(m_pending, {});
    for (const Frame &frame : pending)
        sendNow(frame);
}

void ProxyLink::send(const QString &text)
{
    sendNow(text);
}

void ProxyLink::send(const QByteArray &data)
{
    sendNow(data);
}

void ProxyLink::cork()
{
    if (m_up && !m_closed)
        m_socket->cork();
}

void ProxyLink::uncork()
{
    if (m_socket)
        m_socket->uncork();
}

void ProxyLink::sendNow(const Frame &frame)
{
    if (m_closed)
        return;
    if (!m_up)
        m_pending.append(frame);
    else if (const QString *text = std::get_if<QString>(&frame))
        m_socket->sendText(*text);
    else
        m_socket->sendBinary(std::get<QByteArray>(frame));
}

void ProxyLink::close(quint16 code, const QString &reason)
{
    if (m_closed)
        return;
    m_closed = true;
    m_connectTimer.stop();
    m_pending.clear();
    if (!m_up) {
        if (m_socket)
            m_socket->abort();
        finish();
        return;
    }
    m_socket->close(isAbnormal(code) ? quint16(QWebSocketProtocol::CloseCodeGoingAway) : code,
                    Protocols::fittedCloseReason(reason));
}

void ProxyLink::fail(const QString &reason)
{
    if (m_closed)
        return;
    m_closed = true;
    m_connectTimer.stop();
    m_pending.clear();
    m_failure = Protocols::fittedCloseReason(reason);
    emit failed(m_failure);
    if (m_socket)
        m_socket->abort();
    finish();
}

void ProxyLink::onDisconnected()
{
    if (!m_closed) {
        if (!m_up) {
            fail(tr("upstream unreachable: %1").arg(m_socket->errorString()));
            return;
        }
        const quint16 code = m_socket->closeCode();
        if (!m_closing || isAbnormal(code)) {
            fail(tr("upstream connection lost"));
            return;
        }
        m_closed = true;
        deliver([this, code, reason = Protocols::fittedCloseReason(m_socket->closeReason())] {
            emit closed(int(code), reason);
        });
    }
    finish();
}

void ProxyLink::finish()
{
    if (m_finished)
        return;
    m_finished = true;
    emit finished();
}

void ProxyLink::deliver(std::function<void()> emitIt)
{
    if (m_holding)
        m_held.append(std::move(emitIt));
    else
        emitIt();
}

void ProxyLink::releaseIncoming()
{
    m_holding = false;
    const QList<std::function<void()>> held = std::exchange(m_held, {});
    for (const std::function<void()> &emitIt : held)
        emitIt();
}
