#pragma once

// The protocol presets an endpoint may declare (`protocol: socket.io`): the interface every
// preset's codec implements. A codec is pure: it turns a client's frames into what they mean
// and payloads into frames, with no sockets and no timers, so it is tested and fuzzed alone.

#include <QByteArray>
#include <QHash>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>

namespace Protocols {

enum class Kind { None, SocketIo, GraphqlWs, Stomp };

// What the server tells a session about its endpoint.
struct SessionOptions
{
    qint64 maxMessageSize = 16 * 1024 * 1024;
};

// What one client frame means.
struct Decoded
{
    enum class Action {
        Ignore, // keep-alive: nothing for the rules
        Connected, // the protocol's own connect is done: the endpoint's on-connect runs now
        Message, // an application message: the rules answer it
        Stop, // the client ended something: stop the stream under streamKey
        Close, // the client said goodbye: send replies, then close
        Bad, // malformed or out of order: send replies, then close with closeCode/closeReason
    };
    Action action = Action::Ignore;
    QStringList replies; // the preset's own answers, sent first
    QString command; // Message: what kind of message ("event", ...)
    QString name; // Message: event name / operation name / destination
    QString payload; // Message: what `pattern:` sees and json-params read
    QHash<QString, QString> params; // {{protocol.NAME}}
    QString streamKey; // Message: key for a stream it starts; Stop: the stream to stop
    QStringList after; // sent after the rules answered
    int closeCode = 0;
    QString closeReason;
    QString problem;
    QString summary; // the log's decoded view
};

// How a reply's payload is framed: "emit", "ack", "next", "error", "message".
struct Framing
{
    QString kind;
    QString name;
};

// One per connection of a preset endpoint.
class Session
{
public:
    virtual ~Session() = default;
    virtual QStringList opened() = 0;
    virtual Decoded decode(const QString &frame) = 0;
    virtual Decoded decodeBinary(const QByteArray &frame);
    // A payload as this connection's frame; nullopt: not for this connection.
    virtual std::optional<QString> frame(const Framing &framing, const QString &payload,
                                         const QHash<QString, QString> &params)
            = 0;
    virtual QStringList answered(const Decoded &message, bool startedStream);
    virtual QStringList streamEnded(const QHash<QString, QString> &params);
    virtual int keepAliveMs() const { return 0; }
    virtual QString keepAlive() { return {}; }
};

std::unique_ptr<Session> makeSession(Kind kind, const SessionOptions &options);

} // namespace Protocols
