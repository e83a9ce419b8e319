#include "harreader.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUrl>

#include <cmath>

namespace {
QLatin1String key(const char *name)
{
    return QLatin1String(name);
}

TrafficHandshake handshakeOf(const QUrl &url, const QJsonArray &headers)
{
    TrafficHandshake handshake;
    handshake.target = url.path(QUrl::FullyEncoded);
    if (url.hasQuery())
        handshake.target += QLatin1Char('?') + url.query(QUrl::FullyEncoded);
    for (const QJsonValue &header : headers) {
        const QByteArray name = header[key("name")].toString().toLatin1();
        if (!name.startsWith(':') && TrafficHandshake::isKept(name))
            handshake.headers.emplace_back(name, header[key("value")].toString().toUtf8());
    }
    return handshake;
}

TrafficEvent frameOf(const TrafficEvent::Source &source, const QJsonObject &message)
{
    const bool fromClient = message[key("type")].toString() == QLatin1String("send");
    const QString data = message[key("data")].toString();
    TrafficEvent event;
    if (message[key("opcode")].toInt(1) == 2) {
        const QByteArray bytes = QByteArray::fromBase64(data.toLatin1());
        event = fromClient ? TrafficEvent::binaryReceived(source, bytes, QString())
                           : TrafficEvent::sentBinary(source, bytes, QString());
    } else {
        event = fromClient ? TrafficEvent::received(source, data, QString())
                           : TrafficEvent::sent(source, data, QString());
    }
    event.origin = TrafficOrigin::Upstream;
    event.timestamp = qint64(std::llround(message[key("time")].toDouble() * 1000));
    return event;
}

void appendEntry(const QJsonObject &entry, quint64 id, QList<TrafficEvent> *events)
{
    const QJsonArray messages = entry[key("_webSocketMessages")].toArray();
    const QJsonObject request = entry[key("request")].toObject();
    const QUrl url(request[key("url")].toString());
    const TrafficEvent::Source source { id, url.path(QUrl::FullyDecoded) };
    TrafficEvent opened = TrafficEvent::opened(source, QString(), {}, {}, QString(),
                                               handshakeOf(url, request[key("headers")].toArray()));
    const QDateTime started
        = QDateTime::fromString(entry[key("startedDateTime")].toString(), Qt::ISODateWithMs);
    if (started.isValid())
        opened.timestamp = started.toMSecsSinceEpoch();
    else if (!messages.isEmpty())
        opened.timestamp = qint64(std::llround(messages.first()[key("time")].toDouble() * 1000));
    events->append(opened);
    for (const QJsonValue &message : messages)
        events->append(frameOf(source, message.toObject()));
}
} // namespace

std::optional<EventLogReader::Result> HarReader::read(const QJsonDocument &document,
                                                      const QString &name)
{
    if (!document.isObject() || !document.object().contains(key("log")))
        return std::nullopt;
    EventLogReader::Result result;
    const QJsonValue entries = document.object()[key("log")][key("entries")];
    if (!entries.isArray())
        result.problems.append(tr("%1: not a HAR file (no log.entries)").arg(name));
    quint64 id = 0;
    for (const QJsonValue &entry : entries.toArray()) {
        if (entry[key("_webSocketMessages")].isArray())
            appendEntry(entry.toObject(), ++id, &result.events);
    }
    return result;
}

EventLogReader::Result HarReader::readData(const QByteArray &data, const QString &name)
{
    if (std::optional<EventLogReader::Result> result = read(QJsonDocument::fromJson(data), name))
        return *result;
    EventLogReader::Result result;
    result.problems.append(tr("%1: not a HAR file (no log.entries)").arg(name));
    return result;
}
