#pragma once

#include "trafficevent.h"

#include <QList>
#include <QUrl>

// Writes the WebSocket conversations among events as a HAR file, as a browser's DevTools saves
// them (what HarReader reads): an entry per connection, its handshake request (the URL is
// `server` with the connection's path and query, the headers an opened event kept) and its
// frames in `_webSocketMessages`. Other events have no place in a HAR file and are left out.
class HarWriter
{
public:
    static QByteArray write(const QList<TrafficEvent> &events,
                            const QUrl &server = QUrl(QStringLiteral("ws://localhost")));
};
