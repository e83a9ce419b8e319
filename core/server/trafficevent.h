#pragma once

#include "pathpattern.h"

#include <QCoreApplication>
#include <QMetaType>
#include <QString>

// Everything a MockServer does, as one stream of events: the single source for the CLI's
// console lines, its JSON-lines log and the workbench's traffic views.
struct TrafficEvent
{
    Q_DECLARE_TR_FUNCTIONS(TrafficEvent)

public:
    enum class Kind {
        Opened, // a client completed the handshake
        Received, // a text message that matched a rule (rule set)
        Unmatched, // a text message no rule matched: no reply
        Binary, // a binary message: logged, ignored
        Sent, // a frame the server sent (rule says why: on-connect, on-message[i], push)
        Warning, // a template value was missing, and similar non-fatal problems
        Closed, // the connection ended (closeCode, reason)
        Refused, // a handshake refused before the upgrade (payload: why, e.g. 404)
        Error, // a socket or server error
    };

    Kind kind = Kind::Error;
    quint64 connectionId = 0; // 0 for server-wide events
    qint64 timestamp = 0; // ms since the epoch
    QString path; // the request path of the connection
    QString payload; // message text, binary preview, warning or error text
    qint64 size = 0; // payload size in bytes as on the wire
    QString rule; // "on-connect", "on-message[0]", or empty
    QString note; // how it was sent when not plainly: "delayed 250ms", "to others", "binary"
    // Opened only:
    QString peer;
    ParamMap pathParams;
    ParamMap queryParams;
    // Closed only:
    int closeCode = 0;
    QString closeReason;

    // "in", "out" or "-" as the JSON log writes it.
    QString direction() const;
    static QString kindName(Kind kind);
    // The event as one compact JSON object (no newline), for the --log file. Written by hand:
    // it runs once per frame when logging, where QJsonDocument would cost several times more.
    QByteArray toJsonLine() const;
    void appendJsonLine(QByteArray &out) const; // the same, appended to out
    // Bytes of text once encoded as UTF-8, without encoding it.
    static qint64 utf8Size(QStringView text);
    // One concise human-readable line (no trailing newline), as `mocket-cli serve` prints.
    QString toLine() const;
};

Q_DECLARE_METATYPE(TrafficEvent)
