#pragma once

// Socket.IO 4 (protocol 5) over Engine.IO 4 on a WebSocket, the only transport served: the
// client connects with `transports: ["websocket"]`. Engine.IO packets are one digit and
// their data (`0` open, `1` close, `2` ping, `3` pong, `4` message); a message carries a
// Socket.IO packet: type digit, namespace (`/admin,`, absent for `/`), an ack id, JSON.
//
// Served: the main namespace `/` (any other is refused with a connect error, as a server
// that does not define it does), events and their acknowledgements in both directions,
// keep-alive pings, the client's disconnect. Binary attachments are refused.

#include "protocol.h"

#include <QStringView>

namespace Protocols {

// One Socket.IO packet as it was sent, its JSON data still text.
struct SocketIoPacket
{
    enum Type { Connect = 0, Disconnect, Event, Ack, ConnectError, BinaryEvent, BinaryAck };
    int type = Connect;
    QString nsp = QStringLiteral("/");
    QString ackId; // digits, leading zeros dropped; empty: none
    QString data; // JSON text; empty: none
};

// A Socket.IO packet read as the reference parser (socket.io-parser 4) reads one, or what
// is wrong with it.
struct SocketIoParse
{
    std::optional<SocketIoPacket> packet;
    QString problem;
};
SocketIoParse parseSocketIoPacket(QStringView text);

// The top-level elements of a valid JSON array's text, each as the sender wrote it.
QList<QStringView> jsonArrayElements(QStringView array);

class SocketIoSession final : public Session
{
public:
    static constexpr int PingIntervalMs = 25000;
    static constexpr int PingTimeoutMs = 20000;

    explicit SocketIoSession(const SessionOptions &options);

    QStringList opened() override;
    Decoded decode(const QString &frame) override;
    Decoded decodeBinary(const QByteArray &frame) override;
    std::optional<QString> frame(const Framing &framing, const QString &payload,
                                 const QHash<QString, QString> &params) override;
    int keepAliveMs() const override { return PingIntervalMs; }
    QString keepAlive() override { return QStringLiteral("2"); }

    // The socket id the namespace connect gave (`{{protocol.sid}}`); empty before it.
    QString socketId() const { return m_connected ? m_socketId : QString(); }

private:
    Decoded decodeMessage(QStringView text);
    Decoded decodeConnect(const SocketIoPacket &packet);
    Decoded decodeEvent(const SocketIoPacket &packet);
    Decoded bad(const QString &problem, const QString &closeReason, int closeCode = 1002) const;
    QHash<QString, QString> baseParams() const;

    SessionOptions m_options;
    QString m_engineId;
    QString m_socketId;
    bool m_connected = false;
};

} // namespace Protocols
