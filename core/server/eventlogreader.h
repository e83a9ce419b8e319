#pragma once

#include "trafficevent.h"

#include <QCoreApplication>
#include <QList>
#include <QStringList>

class QJsonObject;

// Reads back what EventLogWriter wrote (`--log`, a saved Traffic panel): one JSON object
// per line into TrafficEvents, so a saved session can be looked at again with the same
// views and filters.
class EventLogReader
{
    Q_DECLARE_TR_FUNCTIONS(EventLogReader)

public:
    struct Result
    {
        QList<TrafficEvent> events;
        QStringList problems; // "FILE:LINE: ..." for lines that are not events; they are skipped
        bool opened = true;
    };

    // A --log file, or a browser's HAR file (HarReader).
    static Result readFile(const QString &path);
    static Result readData(const QByteArray &data, const QString &name);
    // One line's object as an event; nullopt when it is not one.
    static std::optional<TrafficEvent> fromJson(const QJsonObject &object);
};
