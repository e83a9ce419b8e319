#include "harwriter.h"

#include <QDateTime>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace {
using Kind = TrafficEvent::Kind;

QJsonObject requestOf(const TrafficEvent &event, const QUrl &server)
{
    const QString target = event.handshake.target.isEmpty() ? event.path : event.handshake.target;
    QUrl url = server;
    url.setPath(QString(), QUrl::StrictMode);
    const QString urlText = url.toString(QUrl::StripTrailingSlash) + target;
    QJsonArray headers;
    for (const auto &[name, value] : event.handshake.headers)
        headers.append(QJsonObject { { QStringLiteral("name"), QString::fromLatin1(name) },
                                     { QStringLiteral("value"), QString::fromUtf8(value) } });
    return { { QStringLiteral("method"), QStringLiteral("GET") },
             { QStringLiteral("url"), urlText },
             { QStringLiteral("httpVersion"), QStringLiteral("HTTP/1.1") },
             { QStringLiteral("headers"), headers },
             { QStringLiteral("queryString"), QJsonArray() },
             { QStringLiteral("cookies"), QJsonArray() },
             { QStringLiteral("headersSize"), -1 },
             { QStringLiteral("bodySize"), 0 } };
}

QJsonObject entryOf(const TrafficEvent &opened, const QUrl &server)
{
    const QJsonObject response {
        { QStringLiteral("status"), 101 },
        { QStringLiteral("statusText"), QStringLiteral("Switching Protocols") },
        { QStringLiteral("httpVersion"), QStringLiteral("HTTP/1.1") },
        { QStringLiteral("headers"), QJsonArray() },
        { QStringLiteral("cookies"), QJsonArray() },
        { QStringLiteral("content"),
          QJsonObject { { QStringLiteral("size"), 0 },
                        { QStringLiteral("mimeType"), QStringLiteral("x-unknown") } } },
        { QStringLiteral("redirectURL"), QString() },
        { QStringLiteral("headersSize"), -1 },
        { QStringLiteral("bodySize"), -1 }
    };
    return {
        { QStringLiteral("startedDateTime"),
          QDateTime::fromMSecsSinceEpoch(opened.timestamp, Qt::UTC).toString(Qt::ISODateWithMs) },
        { QStringLiteral("time"), 0 },
        { QStringLiteral("request"), requestOf(opened, server) },
        { QStringLiteral("response"), response },
        { QStringLiteral("cache"), QJsonObject() },
        { QStringLiteral("timings"),
          QJsonObject { { QStringLiteral("send"), 0 },
                        { QStringLiteral("wait"), 0 },
                        { QStringLiteral("receive"), 0 } } },
        { QStringLiteral("_resourceType"), QStringLiteral("websocket") },
        { QStringLiteral("_webSocketMessages"), QJsonArray() }
    };
}

std::optional<QJsonObject> messageOf(const TrafficEvent &event)
{
    const bool fromClient = event.kind == Kind::Received || event.kind == Kind::Unmatched
        || event.kind == Kind::Binary;
    if (!fromClient && event.kind != Kind::Sent)
        return std::nullopt;
    const bool binary = event.kind == Kind::Binary || event.delivery.binary;
    return QJsonObject { { QStringLiteral("type"),
                           fromClient ? QStringLiteral("send") : QStringLiteral("receive") },
                         { QStringLiteral("time"), double(event.timestamp) / 1000.0 },
                         { QStringLiteral("opcode"), binary ? 2 : 1 },
                         { QStringLiteral("data"),
                           binary ? QString::fromLatin1(event.data.toBase64()) : event.payload } };
}
} // namespace

QByteArray HarWriter::write(const QList<TrafficEvent> &events, const QUrl &server)
{
    QList<QJsonObject> entries;
    QList<QJsonArray> messages;
    QHash<quint64, qsizetype> indexOf;
    for (const TrafficEvent &event : events) {
        const std::optional<QJsonObject> message = messageOf(event);
        if (event.connectionId == 0 || (!message && event.kind != Kind::Opened))
            continue;
        auto found = indexOf.constFind(event.connectionId);
        if (found == indexOf.cend()) {
            found = indexOf.insert(event.connectionId, entries.size());
            entries.append(entryOf(event, server));
            messages.append(QJsonArray());
        }
        if (message)
            messages[*found].append(*message);
    }
    QJsonArray written;
    for (qsizetype i = 0; i < entries.size(); ++i) {
        QJsonObject entry = entries.at(i);
        entry.insert(QStringLiteral("_webSocketMessages"), messages.at(i));
        written.append(entry);
    }
    const QJsonObject log { { QStringLiteral("version"), QStringLiteral("1.2") },
                            { QStringLiteral("creator"),
                              QJsonObject {
                                  { QStringLiteral("name"), QStringLiteral("Mocket") },
                                  { QStringLiteral("version"), QStringLiteral(MOCKET_VERSION) } } },
                            { QStringLiteral("entries"), written } };
    return QJsonDocument(QJsonObject { { QStringLiteral("log"), log } }).toJson();
}
