#pragma once

#include <QSslConfiguration>
#include <QTcpServer>

class QSslSocket;

// The wss:// listener. It accepts every connection at once and runs its TLS handshake itself;
// a socket is offered (pendingConnectionAvailable()) only once it is encrypted. Qt 6.4's
// QSslServer is not used: it counts sockets still in their handshake as pending connections,
// stops accepting once as many as the backlog are, and starts again only when one of them
// times out, so 1,024 clients that connect and close without a word, or that stay idle,
// kept every later client out. Here a socket in its handshake holds nothing but itself, and
// is dropped once the handshake timeout passes without the handshake done.
//
// It also says what QSslServer kept to itself: it records each client's address as soon as
// it is accepted (acceptedPeer()), and reports a client whose first byte does not start a TLS
// handshake (plain HTTP or ws:// sent to a wss:// port).
class TlsServer : public QTcpServer
{
    Q_OBJECT

public:
    using QTcpServer::QTcpServer;

    void setSslConfiguration(const QSslConfiguration &configuration);
    // For the handshakes of connections accepted from now on.
    void setHandshakeTimeout(int ms) { m_handshakeTimeout = ms; }
    // Drops every connection still in its TLS handshake.
    void dropHandshakes();

signals:
    void notTlsClient(const QString &peer);
    void handshakeTimedOut(const QString &peer);
    void handshakeFailed(const QString &peer, const QString &reason);

protected:
    void incomingConnection(qintptr descriptor) override;

private:
    void onFirstBytes(QSslSocket *socket);
    void onEncrypted(QSslSocket *socket);
    // Ends a socket whose handshake did not finish.
    void drop(QSslSocket *socket);

    QSslConfiguration m_configuration;
    int m_handshakeTimeout = 10000;
};
