#include "protocol.h"

#include "socketio.h"

namespace Protocols {

Decoded Session::decodeBinary(const QByteArray &)
{
    Decoded out;
    out.action = Decoded::Action::Bad;
    out.closeCode = 1003;
    out.closeReason = QStringLiteral("binary frames are not supported");
    out.problem = out.closeReason;
    return out;
}

QStringList Session::answered(const Decoded &, bool)
{
    return {};
}

QStringList Session::streamEnded(const QHash<QString, QString> &)
{
    return {};
}

std::unique_ptr<Session> makeSession(Kind kind, const SessionOptions &options)
{
    switch (kind) {
    case Kind::SocketIo:
        return std::make_unique<SocketIoSession>(options);
    default:
        return nullptr;
    }
}

} // namespace Protocols
