#include "tlsserver.h"

#include "directwritesocket.h"

#include <QSslSocket>

#include <memory>

void TlsServer::incomingConnection(qintptr descriptor)
{
    QSslServer::incomingConnection(descriptor);
    // QSslServer made the socket a child of this server, the newest; it is gone again when
    // the descriptor could not be taken.
    const QObjectList &made = children();
    auto *socket = made.isEmpty() ? nullptr : qobject_cast<QSslSocket *>(made.constLast());
    if (!socket || socket->socketDescriptor() != descriptor)
        return;
    rememberPeer(socket);
    watchFirstBytes(socket);
}

// Runs after QSslServer's own look at the first bytes: a socket it neither took into
// encryption nor left waiting for more was not speaking TLS.
void TlsServer::watchFirstBytes(QSslSocket *socket)
{
    auto watch = std::make_shared<QMetaObject::Connection>();
    *watch = connect(socket, &QSslSocket::readyRead, this, [this, socket, watch] {
        if (socket->mode() != QSslSocket::UnencryptedMode) { // a TLS handshake: it goes on
            disconnect(*watch);
            return;
        }
        if (socket->state() == QAbstractSocket::ConnectedState)
            return; // nothing to judge yet
        disconnect(*watch);
        emit notTlsClient(acceptedPeer(socket));
    });
}
