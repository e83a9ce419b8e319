#include "eventlogreader.h"

#include "harreader.h"

#include <QDateTime>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace {
using Kind = TrafficEvent::Kind;

std::optional<Kind> kindNamed(const QString &name)
{
    for (int kind = int(Kind::Opened); kind <= int(Kind::Note); ++kind) {
        if (TrafficEvent::kindName(Kind(kind)) == name)
            return Kind(kind);
    }
    return std::nullopt;
}

TrafficEvent::Cause causeNamed(const QString &name)
{
    for (int cause = 0; cause <= int(TrafficEvent::LastCause); ++cause) {
        if (name == QLatin1String(TrafficEvent::causeName(TrafficEvent::Cause(cause))))
            return TrafficEvent::Cause(cause);
    }
    return TrafficEvent::Cause::None;
}

ParamMap paramsOf(const QJsonValue &value)
{
    ParamMap params;
    const QJsonObject object = value.toObject();
    for (auto it = object.begin(); it != object.end(); ++it)
        params.insert(it.key(), it.value().toString());
    return params;
}

HttpExchange::Headers headersOf(const QJsonValue &value)
{
    HttpExchange::Headers headers;
    const QJsonObject object = value.toObject();
    for (auto it = object.begin(); it != object.end(); ++it)
        headers.emplace_back(it.key().toLatin1(), it.value().toString().toUtf8());
    return headers;
}

std::shared_ptr<const HttpExchange> exchangeOf(const QJsonObject &object)
{
    auto exchange = std::make_shared<HttpExchange>();
    exchange->method = object.value(QLatin1String("method")).toString().toLatin1();
    exchange->target = object.value(QLatin1String("target")).toString();
    exchange->status = object.value(QLatin1String("status")).toInt();
    exchange->durationMs = object.value(QLatin1String("ms")).toInteger();
    const QJsonObject request = object.value(QLatin1String("request")).toObject();
    exchange->requestHeaders = headersOf(request.value(QLatin1String("headers")));
    exchange->requestBody = request.value(QLatin1String("body")).toString().toUtf8();
    exchange->responseHeaders = headersOf(
        object.value(QLatin1String("response")).toObject().value(QLatin1String("headers")));
    exchange->responseBody = object.value(QLatin1String("payload")).toString().toUtf8();
    return exchange;
}

// The fields only some kinds carry, as appendKindFields writes them.
void readKindFields(const QJsonObject &object, TrafficEvent *event)
{
    event->peer = object.value(QLatin1String("peer")).toString();
    event->pathParams = paramsOf(object.value(QLatin1String("path-params")));
    event->queryParams = paramsOf(object.value(QLatin1String("query-params")));
    event->closeCode = object.value(QLatin1String("code")).toInt();
    event->closeReason = object.value(QLatin1String("reason")).toString();
    event->status = object.value(QLatin1String("status")).toInt();
    event->data
        = QByteArray::fromBase64(object.value(QLatin1String("base64")).toString().toLatin1());
    event->subprotocol = object.value(QLatin1String("subprotocol")).toString();
    if (event->kind == Kind::Opened) {
        // Logs before the session format's version 1 have no target: the path stands in.
        event->handshake.target = object.value(QLatin1String("target")).toString(event->path);
        event->handshake.headers = headersOf(object.value(QLatin1String("headers")));
    }
    if (object.value(QLatin1String("source")).toString() == QLatin1String("upstream"))
        event->origin = TrafficOrigin::Upstream;
    const QJsonObject delivery = object.value(QLatin1String("delivery")).toObject();
    event->delivery.delayMs = delivery.value(QLatin1String("delay-ms")).toInt();
    event->delivery.reach = TrafficReach(
        std::clamp(delivery.value(QLatin1String("reach")).toInt(), 0, int(TrafficReach::All)));
    event->delivery.recipients = delivery.value(QLatin1String("recipients")).toInteger();
    event->delivery.streamTick = delivery.value(QLatin1String("stream-tick")).toInteger();
    event->delivery.binary = delivery.value(QLatin1String("binary")).toBool();
    const QString cause = object.value(QLatin1String("cause")).toString();
    if (!cause.isEmpty()) {
        event->cause = causeNamed(cause);
        for (const QJsonValue &detail : object.value(QLatin1String("details")).toArray())
            event->details.append(detail.toString());
    }
    if (event->kind == Kind::Http)
        event->http = exchangeOf(object);
}
} // namespace

std::optional<TrafficEvent> EventLogReader::fromJson(const QJsonObject &object)
{
    const std::optional<Kind> kind = kindNamed(object.value(QLatin1String("event")).toString());
    const QDateTime time
        = QDateTime::fromString(object.value(QLatin1String("time")).toString(), Qt::ISODateWithMs);
    if (!kind || !time.isValid())
        return std::nullopt;
    TrafficEvent event;
    event.kind = *kind;
    event.timestamp = time.toMSecsSinceEpoch();
    event.connectionId = quint64(object.value(QLatin1String("connection")).toInteger());
    event.path = object.value(QLatin1String("path")).toString();
    event.payload = object.value(QLatin1String("payload")).toString();
    event.rule = object.value(QLatin1String("rule")).toString();
    event.decoded = object.value(QLatin1String("decoded")).toString();
    event.size = object.value(QLatin1String("size")).toInteger();
    readKindFields(object, &event);
    return event;
}

EventLogReader::Result EventLogReader::readData(const QByteArray &data, const QString &name)
{
    Result result;
    int lineNumber = 0;
    for (const QByteArray &line : data.split('\n')) {
        ++lineNumber;
        if (line.trimmed().isEmpty())
            continue;
        QJsonParseError error;
        const QJsonDocument document = QJsonDocument::fromJson(line, &error);
        const std::optional<TrafficEvent> event
            = document.isObject() ? fromJson(document.object()) : std::nullopt;
        if (event)
            result.events.append(*event);
        else
            result.problems.append(tr("%1:%2: not a Mocket event line").arg(name).arg(lineNumber));
    }
    return result;
}

EventLogReader::Result EventLogReader::readFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        Result result;
        result.opened = false;
        result.problems.append(tr("cannot open %1: %2").arg(path, file.errorString()));
        return result;
    }
    const QByteArray data = file.readAll();
    // A HAR file is one JSON document; a log's first line alone is one too, but has no "log".
    if (std::optional<Result> har = HarReader::read(QJsonDocument::fromJson(data), path))
        return *har;
    return readData(data, path);
}
