#include "directwritesocket.h"

#include <QObject>
#include <QVariant>

#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <vector>

namespace {
// The sockets of this thread holding gathered writes, all sent by one queued call at the end
// of the pass (rather than a queued call per socket).
struct GatheredSockets
{
    QObject context; // the queued call's receiver, living in this thread
    std::vector<DirectWriteSocket *> sockets;
    bool sendQueued = false;

    static GatheredSockets &ofThisThread()
    {
        thread_local GatheredSockets gathered;
        return gathered;
    }
    void add(DirectWriteSocket *socket);
    void remove(DirectWriteSocket *socket)
    {
        sockets.erase(std::remove(sockets.begin(), sockets.end(), socket), sockets.end());
    }
    void sendAll();
};

void GatheredSockets::add(DirectWriteSocket *socket)
{
    sockets.push_back(socket);
    if (!sendQueued) {
        sendQueued = true;
        QMetaObject::invokeMethod(
            &context, [this] { sendAll(); }, Qt::QueuedConnection);
    }
}

void GatheredSockets::sendAll()
{
    sendQueued = false;
    // Sending may close or delete nothing synchronously, but take the list first all the same.
    const std::vector<DirectWriteSocket *> batch = std::exchange(sockets, {});
    for (DirectWriteSocket *socket : batch)
        socket->sendGatheredFromBatch();
}
} // namespace

DirectWriteSocket::~DirectWriteSocket()
{
    if (m_sendQueued)
        GatheredSockets::ofThisThread().remove(this);
}

qint64 DirectWriteSocket::writeData(const char *data, qint64 size)
{
    // Once Qt holds data, everything after it queues behind it there.
    if (size <= 0 || state() != ConnectedState || QTcpSocket::bytesToWrite() > 0)
        return QTcpSocket::writeData(data, size);
    if (!m_sendQueued) {
        m_sendQueued = true;
        GatheredSockets::ofThisThread().add(this);
    }
    if (m_out.isNull())
        m_out.reserve(
            std::max<qsizetype>(256, qsizetype(size) + 64)); // a frame's header, then its payload
    m_out.append(data, qsizetype(size));
    return size;
}

void DirectWriteSocket::sendGathered()
{
    if (m_sendQueued) {
        m_sendQueued = false;
        GatheredSockets::ofThisThread().remove(this);
    }
    // The first answer (the handshake's 101, or a refusal) is written once the request has
    // been read in full: from then on the read buffer can go.
    if (!m_readChunkReleased)
        releaseReadChunk();
    if (m_out.isEmpty())
        return;
    const QByteArray out = std::exchange(m_out, QByteArray());
    if (state() != ConnectedState) {
        QTcpSocket::writeData(out.constData(), out.size());
        return;
    }
    const ssize_t sent = ::send(int(socketDescriptor()), out.constData(), size_t(out.size()),
                                MSG_NOSIGNAL | MSG_DONTWAIT);
    if (sent == out.size())
        return;
    if (sent < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) {
        QTcpSocket::writeData(out.constData(), out.size()); // Qt meets the error and reports it
        return;
    }
    const qint64 done = sent > 0 ? qint64(sent) : 0;
    QTcpSocket::writeData(out.constData() + done, out.size() - done);
}

void DirectWriteServer::incomingConnection(qintptr descriptor)
{
    auto *socket = new DirectWriteSocket(this);
    if (!socket->setSocketDescriptor(descriptor)) {
        delete socket;
        ::close(int(descriptor));
        return;
    }
    socket->rememberPeer();
    addPendingConnection(socket);
}

namespace {
// Where a listener other than DirectWriteServer keeps the peer (a TLS socket is Qt's own).
constexpr char PeerProperty[] = "mocketAcceptedPeer";
} // namespace

QString peerText(const QHostAddress &address, quint16 port)
{
    return address.toString() + QLatin1Char(':') + QString::number(port);
}

void rememberPeer(QAbstractSocket *socket)
{
    if (auto *direct = dynamic_cast<DirectWriteSocket *>(socket))
        direct->rememberPeer();
    else
        socket->setProperty(PeerProperty, peerText(socket->peerAddress(), socket->peerPort()));
}

QString acceptedPeer(const QAbstractSocket *socket)
{
    if (const auto *direct = dynamic_cast<const DirectWriteSocket *>(socket))
        return peerText(direct->acceptedAddress(), direct->acceptedPort());
    const QVariant kept = socket->property(PeerProperty);
    return kept.isValid() ? kept.toString() : peerText(socket->peerAddress(), socket->peerPort());
}
