#pragma once

#include "mockspec.h"

#include <QHash>

// A simulated connection for Try it: what its rules changed so far, kept across the messages
// it is sent, as the server keeps a connection's (alone on its endpoint, so its sequences
// count the same per connection and per endpoint).
struct TryConversation
{
    QString state = InitialConversationState;
    ParamMap vars;
    ParamMap shared;
    QHash<int, qint64> sequenceMatches; // rule index: its matches so far

    bool isFresh() const
    {
        return state == InitialConversationState && vars.isEmpty() && shared.isEmpty()
            && sequenceMatches.isEmpty();
    }
};

// tryMessage for a connection that has had this conversation so far; the matching rule changes
// it as the server would (state, variables, shared values within their limits, its sequence's
// count). Rule-started streams are not simulated.
TryResult tryMessage(const MockSpec &spec, const QString &pathAndQuery, const QString &message,
                     TryConversation *conversation);
