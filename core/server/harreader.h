#pragma once

#include "eventlogreader.h"

class QJsonDocument;

// Reads the WebSocket conversations of a browser's HAR file (Chrome DevTools keeps each one's
// frames in its entry's `_webSocketMessages`: type send or receive, time in seconds, opcode 1
// for text or 2 for base64 binary, data) as the events a recording of them would have: an
// opened event per connection (its path, query and the headers worth keeping), the client's
// frames and the server's, marked as from upstream. Entries without frames are left out.
class HarReader
{
    Q_DECLARE_TR_FUNCTIONS(HarReader)

public:
    static EventLogReader::Result readData(const QByteArray &data, const QString &name);
    // The HAR file's events; nullopt when the document is no HAR file (an object with a log).
    static std::optional<EventLogReader::Result> read(const QJsonDocument &document,
                                                      const QString &name);
};
