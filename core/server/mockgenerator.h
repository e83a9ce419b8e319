#pragma once

#include "trafficevent.h"

#include <QList>
#include <QString>

#include <optional>

// Turns a recorded session (the events of a --log file, a recording or a HAR file) into a mock
// file in the normal YAML: one websocket item per path (paths that differ in one segment share
// an item with a `:param`), the server's frames before the client's first as on-connect, one
// rule per distinct client message with the frames that answered it (their delays kept), JSON
// messages as JSON patterns, and frames the server sent on its own at a steady interval as a
// stream (started by the client message they followed, stopped by the one they stopped
// after). Handshake credentials are never in a session, so never in the result.
class MockGenerator
{
public:
    struct Result
    {
        QString yaml;
        int endpoints = 0;
        int rules = 0;
        int streams = 0;
        int connections = 0;
    };

    // sourceName: what the file was made from, said in the comment at its top.
    static Result generate(const QList<TrafficEvent> &events, const QString &sourceName);

    // A frame of a rule's reply, with its delay after the message or the frame before it.
    struct DraftFrame
    {
        bool binary = false;
        QString text;
        QByteArray data;
        qint64 delayMs = 0;
    };
    // One rule as generate writes it: matchKey "pattern" with the pattern's text (a JSON
    // message as a JSON pattern, any other text matched literally), or "binary" with the
    // hex of the bytes it starts with (empty: any binary frame); and the frames that answered.
    struct RuleDraft
    {
        QString matchKey;
        QString pattern;
        QList<DraftFrame> replies;
    };
    // The rule for the client frame events[message]: the frames its connection got after it,
    // up to the client's next frame. nullopt when that event is no client frame.
    static std::optional<RuleDraft> ruleFor(const QList<TrafficEvent> &events, qsizetype message);
    // A delay as the language writes it: "2s", "150ms".
    static QString durationText(qint64 ms);

    // Delays below this are recording noise, not the server's timing, and are left out.
    static constexpr qint64 NoiseMs = 50;
    // A server frame repeated at least this often at a steady interval is a stream.
    static constexpr int StreamMinimumFrames = 3;
};
