#pragma once

// Socket.IO 4 (protocol 5) over Engine.IO 4 on a WebSocket, the only transport served: the
// client connects with `transports: ["websocket"]`. Engine.IO packets are one digit and
// their data (`0` open, `1` close, `2` ping, `3` pong, `4` message); a message carries a
// Socket.IO packet: type digit, namespace (`/admin,`, absent for `/`), an ack id, JSON.
//
// Served: the main namespace `/` (any other is refused with a connect error, as a server
// that does not define it does), events and their acknowledgements in both directions,
// keep-alive pings (a client that does not answer one in time is closed), the client's
// disconnect. Binary attachments are refused.

#include "protocol.h"

#include <QStringView>

namespace SocketIo {

// The rule keys: `event: NAME` (the event's name), `emit: NAME` (the reply as that event),
// `ack: TEMPLATE` (the acknowledgement the client asked for, as the answer).
const Protocols::Preset &preset();

// One Socket.IO packet as it was sent, its JSON data still text.
struct Packet
{
    enum Type { Connect = 0, Disconnect, Event, Ack, ConnectError, BinaryEvent, BinaryAck };
    int type = Connect;
    QString nsp = QStringLiteral("/");
    QString ackId; // digits, leading zeros dropped; empty: none
    QString data; // JSON text; empty: none
};

// A Socket.IO packet read as the reference parser (socket.io-parser 4) reads one, or what
// is wrong with it.
struct Parse
{
    std::optional<Packet> packet;
    QString problem;
};
Parse parsePacket(QStringView text);

// The top-level elements of a valid JSON array's text, each as the sender wrote it.
QList<QStringView> jsonArrayElements(QStringView array);

class Session final : public Protocols::Session
{
public:
    static constexpr int PingIntervalMs = 25000;
    static constexpr int PingTimeoutMs = 20000;

    static constexpr int MaxPayload = 1000000; // what a socket.io server allows by default

    explicit Session(Protocols::Voice voice = Protocols::Voice::Active);

    QStringList opened() override;
    [[nodiscard]] std::unique_ptr<Protocols::Session> clone() const override
    {
        return std::make_unique<Session>(*this);
    }
    Protocols::Decoded decode(const QString &frame) override;
    Protocols::Decoded decodeBinary(const QByteArray &frame) override;
    std::optional<QString> frame(const Protocols::Framing &framing, const QString &payload,
                                 const QHash<QString, QString> &params) override;
    // Passive: the upstream's answer to the namespace connect, with the socket id it gave.
    Protocols::Decoded upstreamFrame(const QString &frame) override;
    int keepAliveMs() const override { return PingIntervalMs; }
    QString keepAlive() override;
    // Engine.IO 4: a ping's pong is due within pingTimeout; a late one closes the transport.
    int pongTimeoutMs() const override { return PingTimeoutMs; }
    Protocols::Decoded timedOut() override;

    // The socket id the namespace connect gave (`{{protocol.sid}}`); empty before it.
    QString socketId() const { return m_connected ? m_socketId : QString(); }

private:
    Protocols::Decoded decodeMessage(QStringView text);
    Protocols::Decoded decodeConnect(const Packet &packet);
    Protocols::Decoded decodeEvent(const Packet &packet);
    Protocols::Decoded bad(const QString &problem, const QString &closeReason,
                           int closeCode = 1002) const;
    QHash<QString, QString> baseParams() const;

    QString m_engineId;
    QString m_socketId;
    bool m_connected = false;
    Protocols::Voice m_voice = Protocols::Voice::Active;
    bool m_awaitingPong = false;
};

} // namespace SocketIo
