#include "trafficevent.h"

#include <QDateTime>
#include <QJsonDocument>

QString TrafficEvent::kindName(Kind kind)
{
    switch (kind) {
    case Kind::Opened: return QStringLiteral("opened");
    case Kind::Received: return QStringLiteral("received");
    case Kind::Unmatched: return QStringLiteral("unmatched");
    case Kind::Binary: return QStringLiteral("binary");
    case Kind::Sent: return QStringLiteral("sent");
    case Kind::Warning: return QStringLiteral("warning");
    case Kind::Closed: return QStringLiteral("closed");
    case Kind::Refused: return QStringLiteral("refused");
    case Kind::Error: return QStringLiteral("error");
    }
    return {};
}

QString TrafficEvent::direction() const
{
    switch (kind) {
    case Kind::Received:
    case Kind::Unmatched:
    case Kind::Binary:
        return QStringLiteral("in");
    case Kind::Sent:
        return QStringLiteral("out");
    default:
        return QStringLiteral("-");
    }
}

static QJsonObject toObject(const ParamMap &map)
{
    QJsonObject o;
    for (auto it = map.cbegin(); it != map.cend(); ++it)
        o.insert(it.key(), it.value());
    return o;
}

QJsonObject TrafficEvent::toJson() const
{
    QJsonObject o;
    o.insert(QStringLiteral("time"),
             QDateTime::fromMSecsSinceEpoch(timestamp, Qt::UTC).toString(Qt::ISODateWithMs));
    o.insert(QStringLiteral("event"), kindName(kind));
    o.insert(QStringLiteral("connection"), qint64(connectionId));
    o.insert(QStringLiteral("direction"), direction());
    o.insert(QStringLiteral("path"), path);
    o.insert(QStringLiteral("payload"), payload);
    o.insert(QStringLiteral("rule"), rule.isEmpty() ? QJsonValue() : QJsonValue(rule));
    if (kind == Kind::Received || kind == Kind::Unmatched || kind == Kind::Binary
        || kind == Kind::Sent)
        o.insert(QStringLiteral("size"), size);
    if (!peer.isEmpty())
        o.insert(QStringLiteral("peer"), peer);
    if (kind == Kind::Opened) {
        o.insert(QStringLiteral("path-params"), toObject(pathParams));
        o.insert(QStringLiteral("query-params"), toObject(queryParams));
    }
    if (kind == Kind::Closed) {
        o.insert(QStringLiteral("code"), closeCode);
        o.insert(QStringLiteral("reason"), closeReason);
    }
    return o;
}

static QString preview(const QString &text)
{
    constexpr int Max = 200;
    QString t = text;
    t.replace(QLatin1Char('\n'), QStringLiteral("\\n")).replace(QLatin1Char('\r'), QStringLiteral("\\r"));
    if (t.size() > Max)
        t = t.left(Max) + TrafficEvent::tr("… (%n bytes)", nullptr, int(text.toUtf8().size()));
    return t;
}

QString TrafficEvent::toLine() const
{
    const QString time = QDateTime::fromMSecsSinceEpoch(timestamp).toString(QStringLiteral("HH:mm:ss.zzz"));
    const QString who = connectionId ? QStringLiteral("#%1").arg(connectionId) : QStringLiteral("--");
    QString what;
    switch (kind) {
    case Kind::Opened:
        what = tr("open %1 from %2").arg(path, peer);
        break;
    case Kind::Received:
        what = tr("<- %1   [%2]").arg(preview(payload), rule);
        break;
    case Kind::Unmatched:
        what = tr("<- %1   [unmatched, no reply]").arg(preview(payload));
        break;
    case Kind::Binary:
        what = tr("<- binary message, %n bytes   [ignored]", nullptr, int(size));
        break;
    case Kind::Sent:
        what = tr("-> %1   [%2]").arg(preview(payload), rule);
        break;
    case Kind::Warning:
        what = tr("warning: %1").arg(payload);
        break;
    case Kind::Closed:
        what = closeReason.isEmpty() ? tr("closed %1").arg(closeCode)
                                     : tr("closed %1 %2").arg(closeCode).arg(closeReason);
        break;
    case Kind::Refused:
        what = peer.isEmpty() ? tr("refused %1").arg(payload) : tr("refused %1 from %2").arg(payload, peer);
        break;
    case Kind::Error:
        what = tr("error: %1").arg(payload);
        break;
    }
    return time + QLatin1Char(' ') + who + QLatin1Char(' ') + what;
}
