#pragma once

#include "protocol.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <optional>
#include <utility>

// STOMP 1.0, 1.1 and 1.2 over WebSocket (`protocol: stomp`), one frame per WebSocket message:
// CONNECT / CONNECTED with the version and heart-beats negotiated, SUBSCRIBE / UNSUBSCRIBE
// per connection, SEND, MESSAGE frames for the subscriptions, RECEIPT for a frame with a
// receipt header, and an ERROR frame, then a close, for a malformed or out-of-order frame.
namespace Stomp {

// The rule keys: `send: DESTINATION` and `subscribe: DESTINATION` select SEND and SUBSCRIBE
// frames; `send-to: DESTINATION` frames a reply as MESSAGEs to that destination's subscribers.
const Protocols::Preset &preset();

// How header names and values are escaped: STOMP 1.2 (\r \n \c \\), 1.1 (no \r), 1.0 (none).
// CONNECT and CONNECTED frames are never escaped.
enum class Escaping { None, V11, V12 };

inline constexpr int MaxHeaders = 128;
inline constexpr int MaxSubscriptions = 256;

struct Frame
{
    QByteArray command;
    QList<std::pair<QString, QString>> headers; // as read (unescaped), in order
    QByteArray body;

    // A repeated header counts by its first occurrence.
    [[nodiscard]] std::optional<QString> header(const QString &name) const;
};

struct Parsed
{
    enum class Kind { Frame, HeartBeat, Malformed } kind = Kind::HeartBeat;
    Frame frame;
    QString problem; // Malformed: what is wrong, as the ERROR frame's message says it
};

// One WebSocket message: a frame (with any EOLs before and after it), or only EOLs (a
// heart-beat). A content-length header is honoured, so a body may hold NUL octets.
[[nodiscard]] Parsed parse(const QByteArray &message, Escaping escaping);
[[nodiscard]] QByteArray serialize(const Frame &frame, Escaping escaping);

[[nodiscard]] QString escapeHeader(const QString &text, Escaping escaping);
[[nodiscard]] std::optional<QString> unescapeHeader(const QString &text, Escaping escaping);

// The WebSocket subprotocols a STOMP endpoint offers by default, the newest first.
[[nodiscard]] QStringList subprotocols();

// One connection of a `protocol: stomp` endpoint: the CONNECT handshake and version,
// heart-beats, the connection's subscriptions, MESSAGE framing, RECEIPTs and ERRORs.
class Session final : public Protocols::Session
{
public:
    // heartBeatMs: the server's heart-beat offer (both ways); 0 offers none.
    explicit Session(int heartBeatMs = DefaultHeartBeatMs);

    static constexpr int DefaultHeartBeatMs = 10000;

    QStringList opened() override;
    [[nodiscard]] std::unique_ptr<Protocols::Session> clone() const override
    {
        return std::make_unique<Session>(*this);
    }
    Protocols::Decoded decode(const QString &frame) override;
    Protocols::Decoded decodeBinary(const QByteArray &frame) override;
    // Every MESSAGE frame the payload makes, one after the other.
    std::optional<QString> frame(const Protocols::Framing &framing, const QString &payload,
                                 const QHash<QString, QString> &params) override;
    // A MESSAGE per subscription it goes to, each in a WebSocket message of its own.
    QStringList frames(const Protocols::Framing &framing, const QString &payload,
                       const QHash<QString, QString> &params) override;
    int keepAliveMs() const override;
    QString keepAlive() override;
    // Passive, the upstream's CONNECTED settles the version, and with it the escaping, of the
    // frames the mock's rules answer with: the client offered several, the upstream chose.
    Protocols::Decoded upstreamFrame(const QString &frame) override;

private:
    struct Subscription
    {
        QString id;
        QString destination;
        bool acknowledged = false; // ack: client or client-individual
    };

    Protocols::Decoded decodeBytes(const QByteArray &message);
    Protocols::Decoded dispatch(const Frame &frame);
    Protocols::Decoded connect(const Frame &frame);
    Protocols::Decoded send(const Frame &frame);
    Protocols::Decoded subscribe(const Frame &frame);
    Protocols::Decoded unsubscribe(const Frame &frame);
    Protocols::Decoded disconnect(const Frame &frame);
    Protocols::Decoded acknowledged(const Frame &frame);
    Protocols::Decoded bad(const QString &problem, const Frame *frame,
                           const QList<std::pair<QString, QString>> &extraHeaders = {});
    [[nodiscard]] std::optional<QString> subscriptionId(const Frame &frame) const;
    [[nodiscard]] QStringList receipt(const Frame &frame) const;
    [[nodiscard]] QList<const Subscription *>
    recipients(const Protocols::Framing &framing, const QHash<QString, QString> &params) const;
    QByteArray messageFrame(const Subscription &subscription, const QString &payload,
                            const QHash<QString, QString> &params);

    int m_heartBeatMs = DefaultHeartBeatMs;
    bool m_connected = false;
    bool m_ended = false; // after an ERROR or DISCONNECT
    Escaping m_escaping = Escaping::None;
    QString m_version;
    int m_keepAliveMs = 0;
    QString m_sessionId;
    quint64 m_messages = 0;
    QList<Subscription> m_subscriptions;
};

} // namespace Stomp
