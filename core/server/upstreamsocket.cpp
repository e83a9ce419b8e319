#include "upstreamsocket.h"

#include "plainupstreamsocket.h"

#include <QNetworkRequest>
#include <QWebSocket>
#include <QWebSocketHandshakeOptions>

namespace {
// A wss:// upstream: Qt's QWebSocket over TLS, with the system's CAs, or any certificate.
class TlsUpstreamSocket : public UpstreamSocket
{
public:
    TlsUpstreamSocket(bool anyCertificate, QObject *parent) : UpstreamSocket(parent)
    {
        connect(&m_socket, &QWebSocket::connected, this, &UpstreamSocket::connected);
        connect(&m_socket, &QWebSocket::disconnected, this, &UpstreamSocket::disconnected);
        // Qt keeps 1000 as the close code of a connection that ended without a close frame;
        // only aboutToClose (a close frame sent or received) tells a close from a drop.
        connect(&m_socket, &QWebSocket::aboutToClose, this, &UpstreamSocket::closing);
        connect(&m_socket, qOverload<QAbstractSocket::SocketError>(&QWebSocket::error), this,
                &UpstreamSocket::errorOccurred);
        connect(&m_socket, &QWebSocket::sslErrors, this, [this, anyCertificate] {
            if (anyCertificate)
                m_socket.ignoreSslErrors();
        });
        connect(&m_socket, &QWebSocket::textMessageReceived, this, &UpstreamSocket::textReceived);
        connect(&m_socket, &QWebSocket::binaryMessageReceived, this,
                &UpstreamSocket::binaryReceived);
    }
    ~TlsUpstreamSocket() override
    {
        m_socket.disconnect(this);
        m_socket.abort();
    }

    void open(const QNetworkRequest &request, const QStringList &subprotocols) override
    {
        QWebSocketHandshakeOptions options;
        options.setSubprotocols(subprotocols);
        m_socket.open(request, options);
    }
    QString subprotocol() const override { return m_socket.subprotocol(); }
    void sendText(const QString &text) override { m_socket.sendTextMessage(text); }
    void sendBinary(const QByteArray &data) override { m_socket.sendBinaryMessage(data); }
    void close(quint16 code, const QString &reason) override
    {
        m_socket.close(QWebSocketProtocol::CloseCode(code), reason);
    }
    void abort() override { m_socket.abort(); }
    quint16 closeCode() const override { return quint16(m_socket.closeCode()); }
    QString closeReason() const override { return m_socket.closeReason(); }
    QString errorString() const override { return m_socket.errorString(); }

private:
    QWebSocket m_socket;
};
} // namespace

UpstreamSocket *UpstreamSocket::forUrl(const QUrl &url, bool anyCertificate, QObject *parent)
{
    if (url.scheme() == QLatin1String("ws"))
        return new PlainUpstreamSocket(parent);
    return new TlsUpstreamSocket(anyCertificate, parent);
}
