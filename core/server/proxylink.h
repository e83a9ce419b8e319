#pragma once

#include <QObject>
#include <QTimer>
#include <QUrl>
#include <QWebSocketProtocol>

#include <functional>
#include <variant>

class QNetworkRequest;
class UpstreamSocket;

// The upstream half of a relayed connection: one connection to a real server, opened with a
// client's handshake headers (credentials too, never recorded; not those each handshake sets
// for itself) and the subprotocols the client asked for. Frames sent before it is up wait, in
// order. An upstream that refuses, never answers or drops the connection is reported once, as
// failed(reason), with words fit for a close frame; a close frame from it as closed().
class ProxyLink : public QObject
{
    Q_OBJECT

public:
    static constexpr int DefaultConnectTimeoutMs = 10000;
    // The close code for an upstream that failed: 1011 (an unexpected condition); the
    // registry's 1014 (bad gateway) is refused as a protocol error by some clients, Qt's too.
    static constexpr QWebSocketProtocol::CloseCode UpstreamFailed
        = QWebSocketProtocol::CloseCodeBadOperation;
    // Whether an upstream's TLS certificate must be one the system trusts.
    enum class Certificates { Verified, AnyAccepted };

    explicit ProxyLink(const QUrl &upstream, QObject *parent = nullptr);
    ~ProxyLink() override;

    void setConnectTimeout(int ms) { m_connectTimer.setInterval(ms); }
    void setCertificates(Certificates certificates) { m_certificates = certificates; }
    void open(const QNetworkRequest &clientRequest);
    bool isOpening() const { return m_opening; } // open() was called
    bool isUp() const { return m_up; }
    // Why it failed; empty while it has not.
    QString failureReason() const { return m_failure; }
    // What the upstream sends (frames and its close) is kept, in order, until released: for a
    // link opened before its client's side is ready.
    void holdIncoming() { m_holding = true; }
    void releaseIncoming();
    bool isClosed() const { return m_closed; }
    bool isFinished() const { return m_finished; }
    QUrl url() const { return m_url; }
    QString subprotocol() const;
    void send(const QString &text);
    void send(const QByteArray &data);
    // Frames sent while corked go up together on uncork(): see UpstreamSocket::cork().
    void cork();
    void uncork();
    // Passes a client's close on: its code, or 1001 (going away) for a connection that ended
    // without a close frame.
    void close(quint16 code, const QString &reason);

    // Codes a close frame cannot carry: the connection ended without one.
    static bool isAbnormal(quint16 code);

signals:
    void opened();
    void textReceived(const QString &text);
    void binaryReceived(const QByteArray &data);
    // By the upstream. An int, not CloseCode: 4000-4999 are codes the enum does not list.
    void closed(int code, const QString &reason);
    void failed(const QString &reason);
    void finished(); // the upstream connection is over, whichever way: once, last

private:
    using Frame = std::variant<QString, QByteArray>;
    void sendNow(const Frame &frame); // or keeps it until the upstream is up
    void onConnected();
    void onDisconnected();
    void fail(const QString &reason);
    void finish();
    void deliver(std::function<void()> emitIt); // now, or once released

    UpstreamSocket *m_socket = nullptr; // a child, made by open()
    QUrl m_url;
    QTimer m_connectTimer;
    QList<Frame> m_pending; // frames before the upstream is up
    Certificates m_certificates = Certificates::Verified;
    QList<std::function<void()>> m_held;
    QString m_failure;
    bool m_holding = false;
    bool m_opening = false;
    bool m_up = false;
    bool m_closing = false; // a close frame went either way
    bool m_closed = false; // closed, failed or given up: reported once
    bool m_finished = false;
};
