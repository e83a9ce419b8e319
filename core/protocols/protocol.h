#pragma once

// Provisional copy of the shared preset interface, so the STOMP codec builds and is tested
// before the framework lands; replaced by the framework's protocol.h when it does.

#include <QByteArray>
#include <QHash>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>

namespace Protocols {
enum class Kind { None, SocketIo, GraphqlWs, Stomp };

struct Decoded
{
    enum class Action { Ignore, Connected, Message, Stop, Close, Bad } action = Action::Ignore;
    QStringList replies;
    QString command;
    QString name;
    QString payload;
    QHash<QString, QString> params;
    QString streamKey;
    QStringList after;
    int closeCode = 0;
    QString closeReason;
    QString problem;
    QString summary;
};

struct Framing
{
    QString kind;
    QString name;
};

class Session
{
public:
    virtual ~Session() = default;
    virtual QStringList opened() = 0;
    virtual Decoded decode(const QString &frame) = 0;
    virtual Decoded decodeBinary(const QByteArray &frame)
    {
        Q_UNUSED(frame);
        Decoded bad;
        bad.action = Decoded::Action::Bad;
        return bad;
    }
    virtual std::optional<QString> frame(const Framing &framing, const QString &payload,
                                         const QHash<QString, QString> &params)
        = 0;
    virtual QStringList answered(const Decoded &message, bool startedStream)
    {
        Q_UNUSED(message);
        Q_UNUSED(startedStream);
        return {};
    }
    virtual QStringList streamEnded(const QHash<QString, QString> &params)
    {
        Q_UNUSED(params);
        return {};
    }
    virtual int keepAliveMs() const { return 0; }
    virtual QString keepAlive() { return {}; }
};
} // namespace Protocols
