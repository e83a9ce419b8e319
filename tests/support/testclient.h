#pragma once

#include <QElapsedTimer>
#include <QList>
#include <QSslConfiguration>
#include <QSslError>
#include <QStringList>
#include <QWebSocket>

class QNetworkRequest;
class QWebSocketHandshakeOptions;

// A real QWebSocket client that records what happens to it: the text and binary messages it
// receives (each text with its arrival time since open()), whether it connected and was
// disconnected, and its socket and TLS errors.
class TestClient : public QObject
{
public:
    static constexpr int WaitMs = 5000; // generous: the tests share a loaded machine

    explicit TestClient(const QString &origin = QString());
    ~TestClient() override;

    void open(const QUrl &url);
    void open(const QUrl &url, const QWebSocketHandshakeOptions &options);
    void open(const QNetworkRequest &request);
    // Waits until the handshake is through or has failed; true when connected.
    bool waitForConnected(int timeoutMs = WaitMs);
    // Sends and waits for the next message; a null string when none comes.
    QString ask(const QString &text, int timeoutMs = WaitMs);
    // Trusts `certificate` as the only CA; should the peer name check still complain, only
    // errors about that very certificate are ignored.
    void trust(const QSslConfiguration &configuration, const QSslCertificate &certificate);

    QWebSocket &socket() { return m_socket; }
    const QWebSocket &socket() const { return m_socket; }
    const QStringList &messages() const { return m_messages; }
    const QList<QByteArray> &binaries() const { return m_binaries; }
    const QList<qint64> &arrivals() const { return m_arrivals; } // ms since open()
    qint64 elapsedMs() const { return m_clock.elapsed(); } // since open()
    bool hasConnected() const { return m_connected; }
    bool isDisconnected() const { return m_disconnected; }
    bool isConnected() const { return m_socket.state() == QAbstractSocket::ConnectedState; }
    bool failed() const { return m_disconnected || !m_errors.isEmpty(); }
    const QList<QAbstractSocket::SocketError> &errors() const { return m_errors; }
    const QList<QSslError> &sslErrors() const { return m_sslErrors; }

private:
    QStringList m_messages;
    QList<QByteArray> m_binaries;
    QList<qint64> m_arrivals;
    QElapsedTimer m_clock;
    bool m_connected = false;
    bool m_disconnected = false;
    QList<QAbstractSocket::SocketError> m_errors;
    QList<QSslError> m_sslErrors;
    QWebSocket m_socket; // last: destroyed first, while what its signals touch still exists
};
