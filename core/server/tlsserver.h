#pragma once

#include <QSslServer>

// The wss:// listener: a QSslServer that also says what QSslServer keeps to itself. It records
// each client's address as soon as it is accepted (acceptedPeer(): a socket that failed its
// handshake has already forgotten it when errorOccurred() comes), and reports a client whose
// first byte does not start a TLS handshake (plain HTTP or ws:// sent to a wss:// port), which
// QSslServer drops without a word.
class TlsServer : public QSslServer
{
    Q_OBJECT

public:
    using QSslServer::QSslServer;

signals:
    void notTlsClient(const QString &peer);

protected:
    void incomingConnection(qintptr descriptor) override;

private:
    void watchFirstBytes(QSslSocket *socket);
};
