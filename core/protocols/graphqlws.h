#pragma once

#include "protocol.h"

#include <QJsonObject>
#include <QSet>

// GraphQL over WebSocket, the `graphql-transport-ws` subprotocol (graphql-ws 5 and later):
// connection_init / connection_ack, ping / pong, subscribe / next / error / complete per
// operation id. Malformed or out-of-order messages close the connection with the protocol's
// codes: 4400 (with the reason), 4401 (subscribe before connection_ack), 4409 (an operation
// id already running), 4429 (a second connection_init), 4408 (no connection_init in time).
namespace GraphqlWs {

const Protocols::Preset &preset();

// The operation a subscribe payload names: its operationName, or else the first root field
// of its query ("hello" for "{ hello }", "countdown" for "subscription { countdown(from: 3) }").
QString operationOf(const QString &query, const QString &operationName);

class Session : public Protocols::Session
{
public:
    [[nodiscard]] std::unique_ptr<Protocols::Session> clone() const override
    {
        return std::make_unique<Session>(*this);
    }
    Protocols::Decoded decode(const QString &frame) override;
    Protocols::Decoded decodeBinary(const QByteArray &frame) override;
    std::optional<QString> frame(const Protocols::Framing &framing, const QString &payload,
                                 const QHash<QString, QString> &params) override;
    QStringList answered(const Protocols::Decoded &message, bool startedStream) override;
    QStringList unmatched(const Protocols::Decoded &message) override;
    QStringList streamEnded(const QHash<QString, QString> &params) override;
    // graphql-ws's connectionInitWaitTimeout: connection_init is due within 3 s, or 4408.
    int initTimeoutMs() const override { return InitTimeoutMs; }
    Protocols::Decoded timedOut() override;

    static constexpr int InitTimeoutMs = 3000;

private:
    Protocols::Decoded subscribe(const QJsonObject &message);
    QStringList complete(const QString &id);

    bool m_initialised = false;
    bool m_acknowledged = false;
    QSet<QString> m_running; // operation ids subscribed and not yet complete
};

} // namespace GraphqlWs
