#include "protocol.h"

#include "graphqlws.h"
#include "socketio.h"
#include "stomp.h"

namespace Protocols {

Decoded Session::decodeBinary(const QByteArray &frame)
{
    Decoded bad;
    bad.action = Decoded::Action::Bad;
    bad.closeCode = 1003;
    bad.closeReason = QStringLiteral("binary frames are not part of this protocol");
    bad.problem = bad.closeReason;
    bad.summary = QStringLiteral("binary frame of %1 bytes").arg(frame.size());
    return bad;
}

QStringList Session::answered(const Decoded &, bool)
{
    return {};
}

QStringList Session::unmatched(const Decoded &message)
{
    return answered(message, false);
}

QStringList Session::streamEnded(const QHash<QString, QString> &)
{
    return {};
}

Decoded Session::upstreamFrame(const QString &)
{
    return {};
}

QStringList Session::frames(const Framing &framing, const QString &payload,
                            const QHash<QString, QString> &params)
{
    std::optional<QString> one = frame(framing, payload, params);
    return one ? QStringList { std::move(*one) } : QStringList();
}

QStringList framesAfterAnswer(Session &session, const Decoded &message, bool matched,
                              bool startedStream)
{
    QStringList after
        = matched ? session.answered(message, startedStream) : session.unmatched(message);
    after += message.after;
    return after;
}

int closeCodeOf(const Decoded &decoded)
{
    if (decoded.closeCode)
        return decoded.closeCode;
    return decoded.action == Decoded::Action::Bad ? 1002 : 1000;
}

// Each preset adds its own line here.
const QList<const Preset *> &presets()
{
    static const QList<const Preset *> all {
        &GraphqlWs::preset(),
        &SocketIo::preset(),
        &Stomp::preset(),
    };
    return all;
}

const Preset *preset(Kind kind)
{
    for (const Preset *each : presets()) {
        if (each->kind == kind)
            return each;
    }
    return nullptr;
}

const Preset *presetNamed(const QString &name)
{
    for (const Preset *each : presets()) {
        if (name == QLatin1String(each->name))
            return each;
    }
    return nullptr;
}

QString nameOf(Kind kind)
{
    const Preset *found = preset(kind);
    return found ? QString::fromLatin1(found->name) : QString();
}

QStringList names()
{
    QStringList all;
    for (const Preset *each : presets())
        all.append(QString::fromLatin1(each->name));
    return all;
}

std::optional<FoundKey> findRuleKey(const QString &name)
{
    for (const Preset *each : presets()) {
        for (const RuleKey &key : each->ruleKeys) {
            if (name == QLatin1String(key.name))
                return FoundKey { each, &key };
        }
    }
    return std::nullopt;
}

namespace {

// A preset's session made passive (Voice::Passive): it decodes and frames as the preset's does,
// and keeps to itself whatever the preset would send of its own accord or in answer to the
// protocol; what the mock's rules answer it frames and completes as ever. Its opened() and
// keep-alive are the base's: none.
class PassiveSession final : public Session
{
public:
    explicit PassiveSession(std::unique_ptr<Session> codec) : m_codec(std::move(codec)) { }

    Decoded decode(const QString &frame) override { return passive(m_codec->decode(frame)); }
    Decoded decodeBinary(const QByteArray &frame) override
    {
        return passive(m_codec->decodeBinary(frame));
    }
    std::optional<QString> frame(const Framing &framing, const QString &payload,
                                 const QHash<QString, QString> &params) override
    {
        return m_codec->frame(framing, payload, params);
    }
    QStringList frames(const Framing &framing, const QString &payload,
                       const QHash<QString, QString> &params) override
    {
        return m_codec->frames(framing, payload, params);
    }
    QStringList answered(const Decoded &message, bool startedStream) override
    {
        return m_codec->answered(message, startedStream);
    }
    // The preset forgets the message (a graphql-ws operation), and its answer is the
    // upstream's.
    QStringList unmatched(const Decoded &message) override
    {
        m_codec->unmatched(message);
        return {};
    }
    QStringList streamEnded(const QHash<QString, QString> &params) override
    {
        return m_codec->streamEnded(params);
    }
    Decoded upstreamFrame(const QString &frame) override
    {
        return passive(m_codec->upstreamFrame(frame));
    }
    [[nodiscard]] std::unique_ptr<Session> clone() const override
    {
        return std::make_unique<PassiveSession>(m_codec->clone());
    }

private:
    static Decoded passive(Decoded decoded)
    {
        decoded.replies.clear();
        if (decoded.action == Decoded::Action::Message)
            return decoded; // its `after` (a STOMP receipt) goes only if a rule answers it
        decoded.after.clear();
        if (decoded.action == Decoded::Action::Close || decoded.action == Decoded::Action::Bad) {
            decoded.action = Decoded::Action::Ignore; // shown with its summary, and forwarded
            decoded.closeCode = 0;
            decoded.closeReason.clear();
        }
        return decoded;
    }

    std::unique_ptr<Session> m_codec;
};

} // namespace

std::unique_ptr<Session> makeSession(Kind kind, const SessionOptions &options)
{
    const Preset *found = preset(kind);
    if (!found || !found->makeSession)
        return nullptr;
    std::unique_ptr<Session> session = found->makeSession(options);
    if (options.voice == Voice::Passive)
        return std::make_unique<PassiveSession>(std::move(session));
    return session;
}

QString fittedCloseReason(const QString &reason)
{
    QByteArray bytes = reason.toUtf8();
    if (bytes.size() <= MaxCloseReasonBytes)
        return reason;
    bytes.truncate(MaxCloseReasonBytes);
    // Drop a UTF-8 sequence cut in half: its continuation bytes, then its lead byte.
    while (!bytes.isEmpty() && (static_cast<unsigned char>(bytes.back()) & 0xC0) == 0x80)
        bytes.chop(1);
    if (!bytes.isEmpty() && static_cast<unsigned char>(bytes.back()) >= 0xC0)
        bytes.chop(1);
    return QString::fromUtf8(bytes);
}

} // namespace Protocols
