#include "tlsserver.h"

#include "directwritesocket.h"

#include <QSslSocket>
#include <QTimer>

#include <unistd.h>

namespace {
// The timer that ends a socket's handshake, a child of the socket.
constexpr char DeadlineName[] = "mocketTlsHandshakeDeadline";
constexpr char ClientHello = 0x16; // the first byte of a TLS handshake record
} // namespace

void TlsServer::setSslConfiguration(const QSslConfiguration &configuration)
{
    m_configuration = configuration;
}

void TlsServer::incomingConnection(qintptr descriptor)
{
    auto *socket = new QSslSocket(this);
    if (!socket->setSocketDescriptor(descriptor)) {
        delete socket;
        ::close(int(descriptor));
        return;
    }
    rememberPeer(socket);
    socket->setSslConfiguration(m_configuration);
    auto *deadline = new QTimer(socket);
    deadline->setObjectName(QLatin1String(DeadlineName));
    deadline->setSingleShot(true);
    connect(deadline, &QTimer::timeout, this, [this, socket] {
        emit handshakeTimedOut(acceptedPeer(socket));
        drop(socket);
    });
    deadline->start(m_handshakeTimeout);
    connect(socket, &QSslSocket::readyRead, this, [this, socket] { onFirstBytes(socket); });
    connect(socket, &QSslSocket::encrypted, this, [this, socket] { onEncrypted(socket); });
    connect(socket, &QAbstractSocket::errorOccurred, this, [this, socket] {
        emit handshakeFailed(acceptedPeer(socket), socket->errorString());
        drop(socket);
    });
    connect(socket, &QAbstractSocket::disconnected, this, [this, socket] { drop(socket); });
}

// Until the handshake starts, readyRead means the client's first bytes.
void TlsServer::onFirstBytes(QSslSocket *socket)
{
    char first = 0;
    if (socket->mode() != QSslSocket::UnencryptedMode || socket->peek(&first, 1) != 1)
        return;
    if (first != ClientHello) {
        emit notTlsClient(acceptedPeer(socket));
        drop(socket);
        return;
    }
    disconnect(socket, &QSslSocket::readyRead, this, nullptr);
    if (auto *deadline = socket->findChild<QTimer *>(QLatin1String(DeadlineName)))
        deadline->start(m_handshakeTimeout); // it made progress: the timeout starts again
    socket->startServerEncryption();
}

void TlsServer::onEncrypted(QSslSocket *socket)
{
    disconnect(socket, nullptr, this, nullptr);
    delete socket->findChild<QTimer *>(QLatin1String(DeadlineName));
    addPendingConnection(socket);
}

void TlsServer::drop(QSslSocket *socket)
{
    disconnect(socket, nullptr, this, nullptr);
    socket->abort();
    socket->deleteLater();
}

void TlsServer::dropHandshakes()
{
    const QList<QSslSocket *> sockets = findChildren<QSslSocket *>(Qt::FindDirectChildrenOnly);
    for (QSslSocket *socket : sockets) {
        if (!socket->isEncrypted())
            drop(socket);
    }
}
