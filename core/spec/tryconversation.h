#pragma once

#include "mockspec.h"

#include <QHash>
#include <QSet>

#include <memory>

// A simulated connection for Try it: what its rules changed so far, kept across the messages
// it is sent, as the server keeps a connection's (alone on its endpoint, so its sequences
// count the same per connection and per endpoint). On a preset endpoint it also keeps the
// protocol's session, made when its first message comes (anew when the path leads to another
// endpoint). A copy is a connection of its own, its session copied as it is.
struct TryConversation
{
    QString state = InitialConversationState;
    ParamMap vars;
    ParamMap shared;
    QHash<int, qint64> sequenceMatches; // rule index: its matches so far
    QSet<QString> streams; // the keys of the streams its rules started and nothing stopped
    std::unique_ptr<Protocols::Session> session;
    QString sessionEndpoint; // the path of the endpoint the session speaks for
    QStringList opened; // what the session sent as the WebSocket opened
    int protocolFrames = 0; // frames the session decoded
    bool closed = false; // the protocol closed the connection (a goodbye, a bad frame)

    TryConversation() = default;
    TryConversation(const TryConversation &other);
    TryConversation &operator=(const TryConversation &other);
    TryConversation(TryConversation &&) = default;
    TryConversation &operator=(TryConversation &&) = default;
    ~TryConversation() = default;

    bool isFresh() const
    {
        return state == InitialConversationState && vars.isEmpty() && shared.isEmpty()
            && sequenceMatches.isEmpty() && streams.isEmpty() && protocolFrames == 0 && !closed;
    }
};

// Makes the conversation's session for the endpoint pathAndQuery leads to, when it is a preset
// endpoint and the conversation has none for it yet; tryMessage does this first.
void prepareTryConversation(const MockSpec &spec, const QString &pathAndQuery,
                            TryConversation *conversation);

// tryMessage for a connection that has had this conversation so far; the matching rule changes
// it as the server would (state, variables, shared values within their limits, its sequence's
// count, the streams it starts and stops). On a preset endpoint the message is a frame as a
// client sends it: the session decodes it, and the reply is framed by it.
TryResult tryMessage(const MockSpec &spec, const QString &pathAndQuery, const QString &message,
                     TryConversation *conversation);
