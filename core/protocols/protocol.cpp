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

std::unique_ptr<Session> makeSession(Kind kind, const SessionOptions &options)
{
    const Preset *found = preset(kind);
    return found && found->makeSession ? found->makeSession(options) : nullptr;
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
