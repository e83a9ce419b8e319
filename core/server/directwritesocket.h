#pragma once

#include <QByteArray>
#include <QHostAddress>
#include <QString>
#include <QTcpServer>
#include <QTcpSocket>

// A plain ws:// connection's socket. QAbstractSocket copies every write into a write buffer
// whose 32 KiB chunk then stays allocated, and partly resident, for the socket's life: most of
// what an idle connection costs. Here the writes of one event-loop pass (a frame's header and
// payload, several frames) are gathered in a plain byte array and sent to the kernel together
// at the end of the pass, in one send() as Qt would, so small frames still leave in one
// segment. The array is released once sent; only what the kernel does not take right away
// goes to QAbstractSocket's own buffer, which then sends it in order, reports errors and
// counts it in bytesToWrite() as usual.
class DirectWriteSocket : public QTcpSocket
{
public:
    using QTcpSocket::QTcpSocket;
    ~DirectWriteSocket() override;

    qint64 bytesToWrite() const override { return QTcpSocket::bytesToWrite() + m_out.size(); }

    // QAbstractSocket keeps the 16 KiB chunk it read the handshake into for the socket's life,
    // though an idle connection needs none. Pushing one byte back and reading it out again as
    // a whole chunk (QIODevice::read's zero-copy path) hands that chunk over, and it is freed;
    // the next message gets a new one. Only when nothing is waiting to be read.
    void releaseReadChunk()
    {
        m_readChunkReleased = true;
        if (QTcpSocket::bytesAvailable() != 0 || isTransactionStarted() || !isReadable())
            return;
        ungetChar('\0');
        read(1);
    }
    void disconnectFromHost() override
    {
        sendGathered();
        QTcpSocket::disconnectFromHost();
    }
    void close() override
    {
        sendGathered();
        QTcpSocket::close();
    }

protected:
    qint64 writeData(const char *data, qint64 size) override;

public:
    // One whole text message as a single unmasked frame (RFC 6455 5.2: FIN, opcode 1).
    void writeTextFrame(const QString &text)
    {
        const QByteArray payload = text.toUtf8();
        const quint64 length = quint64(payload.size());
        char header[10];
        int headerSize = 0;
        header[headerSize++] = char(0x81);
        if (length <= 125) {
            header[headerSize++] = char(length);
        } else if (length <= 0xffff) {
            header[headerSize++] = char(126);
            header[headerSize++] = char(length >> 8);
            header[headerSize++] = char(length & 0xff);
        } else {
            header[headerSize++] = char(127);
            for (int shift = 56; shift >= 0; shift -= 8)
                header[headerSize++] = char((length >> shift) & 0xff);
        }
        write(header, headerSize);
        write(payload);
    }

    // Kept from the moment the connection is accepted: see acceptedPeer().
    void rememberPeer()
    {
        m_acceptedAddress = peerAddress();
        m_acceptedPort = peerPort();
    }
    const QHostAddress &acceptedAddress() const { return m_acceptedAddress; }
    quint16 acceptedPort() const { return m_acceptedPort; }

    // From GatheredSockets, which has already taken this socket off its list.
    void sendGatheredFromBatch()
    {
        m_sendQueued = false;
        sendGathered();
    }

private:
    void sendGathered();

    QByteArray m_out;
    QHostAddress m_acceptedAddress;
    quint16 m_acceptedPort = 0;
    bool m_sendQueued = false;
    bool m_readChunkReleased = false;
};

// "address:port", as event lines and the log show a client.
QString peerText(const QHostAddress &address, quint16 port);
// The client of a socket a listener accepted, as it was at that moment: a socket that was
// closed, reset by its client or failed its TLS handshake has forgotten its peer by the time
// it is refused or reported. Both listeners record it (rememberPeer()).
QString acceptedPeer(const QAbstractSocket *socket);
void rememberPeer(QAbstractSocket *socket);

// Accepts plain ws:// connections as DirectWriteSockets.
class DirectWriteServer : public QTcpServer
{
public:
    using QTcpServer::QTcpServer;

protected:
    void incomingConnection(qintptr descriptor) override;
};
