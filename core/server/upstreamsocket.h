#pragma once

#include <QObject>
#include <QStringList>
#include <QUrl>

class QNetworkRequest;

// One WebSocket connection to an upstream, as ProxyLink drives it. A ws:// upstream gets
// PlainUpstreamSocket (one system call a frame each way), a wss:// one Qt's QWebSocket (TLS).
// Both report the same way: connected(), the messages, closing() once a close frame has gone
// either way, errorOccurred() with errorString(), and disconnected() when the connection is over;
// closeCode() is then the close frame's code (1005 without one, 1006 for no close frame at all).
class UpstreamSocket : public QObject
{
    Q_OBJECT

public:
    using QObject::QObject;

    // For the URL's scheme; anyCertificate accepts a wss:// upstream's untrusted certificate.
    static UpstreamSocket *forUrl(const QUrl &url, bool anyCertificate, QObject *parent);

    // request: the URL and the headers to pass on; subprotocols: offered in this order.
    virtual void open(const QNetworkRequest &request, const QStringList &subprotocols) = 0;
    virtual QString subprotocol() const = 0;
    virtual void sendText(const QString &text) = 0;
    virtual void sendBinary(const QByteArray &data) = 0;
    // Sends a close frame with the code and reason, then ends the connection.
    virtual void close(quint16 code, const QString &reason) = 0;
    virtual void abort() = 0;
    // While corked, frames are kept and sent together on uncork(): the frames a client sent in
    // one batch go up in one write. A socket may send at once all the same.
    virtual void cork() { }
    virtual void uncork() { }
    virtual quint16 closeCode() const = 0;
    virtual QString closeReason() const = 0;
    virtual QString errorString() const = 0;

signals:
    void connected();
    void textReceived(const QString &text);
    void binaryReceived(const QByteArray &data);
    void closing();
    void errorOccurred();
    void disconnected();
};
