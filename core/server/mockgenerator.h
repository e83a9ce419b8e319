#pragma once

#include "trafficevent.h"

#include <QList>
#include <QString>

// Turns a recorded session (the events of a --log file, a recording or a HAR file) into a mock
// file in the normal YAML: one websocket item per path (paths that differ in one segment share
// an item with a `:param`), the server's frames before the client's first as on-connect, one
// rule per distinct client message with the frames that answered it (their delays kept), JSON
// messages as JSON patterns, and frames the server sent on its own at a steady interval as a
// stream. Handshake credentials are never in a session, so never in the result.
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

    // Delays below this are recording noise, not the server's timing, and are left out.
    static constexpr qint64 NoiseMs = 50;
    // A server frame repeated at least this often at a steady interval is a stream.
    static constexpr int StreamMinimumFrames = 3;
};
