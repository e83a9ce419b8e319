#include "trafficevent.h"

#include <QDateTime>

#include <limits>

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

namespace {
void appendJsonString(QByteArray &out, QStringView text)
{
    static const char hex[] = "0123456789abcdef";
    const QByteArray utf8 = text.toUtf8();
    out += '"';
    for (const char c : utf8) {
        const auto u = static_cast<unsigned char>(c);
        switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        default:
            if (u < 0x20) {
                out += "\\u00";
                out += hex[u >> 4];
                out += hex[u & 0xf];
            } else {
                out += c;
            }
        }
    }
    out += '"';
}

void appendField(QByteArray &out, const char *key)
{
    if (out.size() > 1)
        out += ',';
    out += '"';
    out += key;
    out += "\":";
}

void appendParams(QByteArray &out, const char *key, const ParamMap &map)
{
    appendField(out, key);
    out += '{';
    QStringList keys = map.keys();
    keys.sort();
    bool first = true;
    for (const QString &k : std::as_const(keys)) {
        if (!first)
            out += ',';
        first = false;
        appendJsonString(out, k);
        out += ':';
        appendJsonString(out, map.value(k));
    }
    out += '}';
}
} // namespace

// Formatting a QDateTime per event costs more than the rest of a log line; the text only
// changes once a second, so it is kept per second and the milliseconds are appended.
static QByteArray timeText(qint64 msecs, bool utcIso)
{
    struct Cache
    {
        qint64 second = std::numeric_limits<qint64>::min();
        QByteArray prefix;
    };
    thread_local Cache iso, local;
    Cache &cache = utcIso ? iso : local;
    const qint64 second = msecs >= 0 ? msecs / 1000 : (msecs - 999) / 1000;
    if (second != cache.second) {
        cache.second = second;
        const QDateTime t = utcIso ? QDateTime::fromSecsSinceEpoch(second, Qt::UTC)
                                   : QDateTime::fromSecsSinceEpoch(second);
        cache.prefix = (utcIso ? t.toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss."))
                               : t.toString(QStringLiteral("HH:mm:ss.")))
                           .toLatin1();
    }
    const int ms = int(msecs - second * 1000);
    QByteArray out = cache.prefix;
    out += char('0' + ms / 100);
    out += char('0' + ms / 10 % 10);
    out += char('0' + ms % 10);
    if (utcIso)
        out += 'Z';
    return out;
}

qint64 TrafficEvent::utf8Size(QStringView text)
{
    qint64 size = 0;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char16_t c = text.at(i).unicode();
        if (c < 0x80) {
            size += 1;
        } else if (c < 0x800) {
            size += 2;
        } else if (QChar::isHighSurrogate(c) && i + 1 < text.size() && QChar::isLowSurrogate(text.at(i + 1).unicode())) {
            size += 4;
            ++i;
        } else {
            size += 3;
        }
    }
    return size;
}

QByteArray TrafficEvent::toJsonLine() const
{
    QByteArray out;
    out.reserve(160 + payload.size());
    out += '{';
    appendField(out, "time");
    out += '"' + timeText(timestamp, true) + '"';
    appendField(out, "event");
    out += '"' + kindName(kind).toLatin1() + '"';
    appendField(out, "connection");
    out += QByteArray::number(connectionId);
    appendField(out, "direction");
    out += '"' + direction().toLatin1() + '"';
    appendField(out, "path");
    appendJsonString(out, path);
    appendField(out, "payload");
    appendJsonString(out, payload);
    appendField(out, "rule");
    if (rule.isEmpty())
        out += "null";
    else
        appendJsonString(out, rule);
    if (!note.isEmpty()) {
        appendField(out, "note");
        appendJsonString(out, note);
    }
    if (kind == Kind::Received || kind == Kind::Unmatched || kind == Kind::Binary || kind == Kind::Sent) {
        appendField(out, "size");
        out += QByteArray::number(size);
    }
    if (!peer.isEmpty()) {
        appendField(out, "peer");
        appendJsonString(out, peer);
    }
    if (kind == Kind::Opened) {
        appendParams(out, "path-params", pathParams);
        appendParams(out, "query-params", queryParams);
    }
    if (kind == Kind::Closed) {
        appendField(out, "code");
        out += QByteArray::number(closeCode);
        appendField(out, "reason");
        appendJsonString(out, closeReason);
    }
    out += '}';
    return out;
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
    const QString time = QString::fromLatin1(timeText(timestamp, false));
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
        what = tr("-> %1   [%2]").arg(preview(payload), note.isEmpty() ? rule : rule + QStringLiteral(" · ") + note);
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
