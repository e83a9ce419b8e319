#pragma once

#include "protocol.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <optional>
#include <utility>

namespace Protocols {

// STOMP 1.0, 1.1 and 1.2 over WebSocket: one frame per WebSocket message.
namespace Stomp {

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

} // namespace Stomp

// One connection of a `protocol: stomp` endpoint: the CONNECT handshake and version,
// heart-beats, the connection's subscriptions, MESSAGE framing, RECEIPTs and ERRORs.
class StompSession final : public Session
{
public:
    // heartBeatMs: the server's heart-beat offer (both ways); 0 offers none.
    explicit StompSession(int heartBeatMs = DefaultHeartBeatMs);

    static constexpr int DefaultHeartBeatMs = 10000;

    QStringList opened() override;
    Decoded decode(const QString &frame) override;
    Decoded decodeBinary(const QByteArray &frame) override;
    std::optional<QString> frame(const Framing &framing, const QString &payload,
                                 const QHash<QString, QString> &params) override;
    int keepAliveMs() const override;
    QString keepAlive() override;

private:
    struct Subscription
    {
        QString id;
        QString destination;
        bool acknowledged = false; // ack: client or client-individual
    };

    Decoded decodeBytes(const QByteArray &message);
    Decoded dispatch(const Stomp::Frame &frame);
    Decoded connect(const Stomp::Frame &frame);
    Decoded send(const Stomp::Frame &frame);
    Decoded subscribe(const Stomp::Frame &frame);
    Decoded unsubscribe(const Stomp::Frame &frame);
    Decoded disconnect(const Stomp::Frame &frame);
    Decoded acknowledged(const Stomp::Frame &frame);
    Decoded bad(const QString &problem, const Stomp::Frame *frame,
                const QList<std::pair<QString, QString>> &extraHeaders = {});
    [[nodiscard]] std::optional<QString> subscriptionId(const Stomp::Frame &frame) const;
    [[nodiscard]] QStringList receipt(const Stomp::Frame &frame) const;
    [[nodiscard]] QList<const Subscription *>
    recipients(const Framing &framing, const QHash<QString, QString> &params) const;
    QByteArray messageFrame(const Subscription &subscription, const QString &payload,
                            const QHash<QString, QString> &params);

    int m_heartBeatMs = DefaultHeartBeatMs;
    bool m_connected = false;
    Stomp::Escaping m_escaping = Stomp::Escaping::None;
    QString m_version;
    int m_keepAliveMs = 0;
    QString m_sessionId;
    quint64 m_messages = 0;
    QList<Subscription> m_subscriptions;
};

} // namespace Protocols
