#include "trafficevent.h"

#include <QDateTime>

#include <algorithm>
#include <charconv>
#include <cstring>
#include <limits>

QString TrafficEvent::kindName(Kind kind)
{
    switch (kind) {
    case Kind::Opened:
        return QStringLiteral("opened");
    case Kind::Received:
        return QStringLiteral("received");
    case Kind::Unmatched:
        return QStringLiteral("unmatched");
    case Kind::Binary:
        return QStringLiteral("binary");
    case Kind::Sent:
        return QStringLiteral("sent");
    case Kind::Warning:
        return QStringLiteral("warning");
    case Kind::Closed:
        return QStringLiteral("closed");
    case Kind::Refused:
        return QStringLiteral("refused");
    case Kind::Error:
        return QStringLiteral("error");
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
    // Encoded straight into out, UTF-16 to UTF-8 by hand, through a raw pointer into room made
    // beforehand: no temporary and no per-character append. A UTF-16 unit takes at most 6
    // bytes ("\u001f"); long texts go a slice at a time so the room made stays small.
    constexpr qsizetype Slice = 4096;
    const qsizetype n = text.size();
    out += '"';
    qsizetype i = 0;
    while (i < n) {
        const qsizetype sliceEnd = std::min(n, i + Slice);
        const qsizetype start = out.size();
        out.resize(start + (sliceEnd - i) * 6
                   + 4); // +4: a surrogate pair straddling the slice's end
        char *p = out.data() + start;
        for (; i < sliceEnd; ++i) {
            const char16_t c = text[i].unicode();
            if (c < 0x80) {
                if (c >= 0x20 && c != '"' && c != '\\') {
                    *p++ = char(c);
                    continue;
                }
                *p++ = '\\';
                switch (c) {
                case '"':
                    *p++ = '"';
                    break;
                case '\\':
                    *p++ = '\\';
                    break;
                case '\n':
                    *p++ = 'n';
                    break;
                case '\r':
                    *p++ = 'r';
                    break;
                case '\t':
                    *p++ = 't';
                    break;
                default:
                    *p++ = 'u';
                    *p++ = '0';
                    *p++ = '0';
                    *p++ = hex[c >> 4];
                    *p++ = hex[c & 0xf];
                }
            } else if (c < 0x800) {
                *p++ = char(0xc0 | (c >> 6));
                *p++ = char(0x80 | (c & 0x3f));
            } else if (QChar::isHighSurrogate(c) && i + 1 < n
                       && QChar::isLowSurrogate(text[i + 1].unicode())) {
                const char32_t u = QChar::surrogateToUcs4(c, text[++i].unicode());
                *p++ = char(0xf0 | (u >> 18));
                *p++ = char(0x80 | ((u >> 12) & 0x3f));
                *p++ = char(0x80 | ((u >> 6) & 0x3f));
                *p++ = char(0x80 | (u & 0x3f));
            } else if (QChar::isSurrogate(c)) {
                *p++ = '?'; // a lone surrogate, sent as QString::toUtf8() sends it
            } else {
                *p++ = char(0xe0 | (c >> 12));
                *p++ = char(0x80 | ((c >> 6) & 0x3f));
                *p++ = char(0x80 | (c & 0x3f));
            }
        }
        out.truncate(p - out.constData());
    }
    out += '"';
}

void appendField(QByteArray &out, const char *key)
{
    out += ",\"";
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
static void appendTime(QByteArray &out, qint64 msecs, bool utcIso)
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
    out += cache.prefix;
    const char digits[]
        = { char('0' + ms / 100), char('0' + ms / 10 % 10), char('0' + ms % 10), 'Z' };
    out.append(digits, utcIso ? 4 : 3);
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
        } else if (QChar::isHighSurrogate(c) && i + 1 < text.size()
                   && QChar::isLowSurrogate(text.at(i + 1).unicode())) {
            size += 4;
            ++i;
        } else if (QChar::isSurrogate(c)) {
            size += 1; // toUtf8() sends a lone surrogate as '?'
        } else {
            size += 3;
        }
    }
    return size;
}

void TrafficEvent::appendJsonLine(QByteArray &out) const
{
    // Written with plain appends of known pieces: this runs for every frame when logging.
    static const char *const kinds[] = { "opened",  "received", "unmatched", "binary", "sent",
                                         "warning", "closed",   "refused",   "error" };
    auto literal = [&out](const char *text) { out.append(text, qsizetype(std::strlen(text))); };
    auto number = [&out](qint64 n) {
        char digits[24];
        const auto result = std::to_chars(digits, digits + sizeof digits, n);
        out.append(digits, result.ptr - digits);
    };
    const bool in = kind == Kind::Received || kind == Kind::Unmatched || kind == Kind::Binary;
    literal("{\"time\":\"");
    appendTime(out, timestamp, true);
    literal("\",\"event\":\"");
    literal(kinds[int(kind)]);
    literal("\",\"connection\":");
    number(qint64(connectionId));
    literal(",\"direction\":\"");
    literal(in ? "in" : kind == Kind::Sent ? "out" : "-");
    literal("\",\"path\":");
    appendJsonString(out, path);
    literal(",\"payload\":");
    appendJsonString(out, payload);
    literal(",\"rule\":");
    if (rule.isEmpty())
        literal("null");
    else
        appendJsonString(out, rule);
    if (!note.isEmpty()) {
        literal(",\"note\":");
        appendJsonString(out, note);
    }
    if (kind == Kind::Received || kind == Kind::Unmatched || kind == Kind::Binary
        || kind == Kind::Sent) {
        literal(",\"size\":");
        number(size);
    }
    if (!peer.isEmpty()) {
        literal(",\"peer\":");
        appendJsonString(out, peer);
    }
    if (kind == Kind::Opened) {
        appendParams(out, "path-params", pathParams);
        appendParams(out, "query-params", queryParams);
    }
    if (kind == Kind::Closed) {
        literal(",\"code\":");
        number(closeCode);
        literal(",\"reason\":");
        appendJsonString(out, closeReason);
    }
    out += '}';
}

QByteArray TrafficEvent::toJsonLine() const
{
    QByteArray out;
    out.reserve(160 + payload.size());
    appendJsonLine(out);
    return out;
}

static QString preview(const QString &text)
{
    constexpr int Max = 200;
    QString t = text;
    t.replace(QLatin1Char('\n'), QStringLiteral("\\n"))
        .replace(QLatin1Char('\r'), QStringLiteral("\\r"));
    if (t.size() > Max)
        t = t.left(Max) + TrafficEvent::tr("… (%n bytes)", nullptr, int(text.toUtf8().size()));
    return t;
}

QString TrafficEvent::toLine() const
{
    QByteArray timeBytes;
    appendTime(timeBytes, timestamp, false);
    const QString time = QString::fromLatin1(timeBytes);
    const QString who
        = connectionId ? QStringLiteral("#%1").arg(connectionId) : QStringLiteral("--");
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
        what = tr("-> %1   [%2]")
                   .arg(preview(payload),
                        note.isEmpty() ? rule : rule + QStringLiteral(" · ") + note);
        break;
    case Kind::Warning:
        what = tr("warning: %1").arg(payload);
        break;
    case Kind::Closed:
        what = closeReason.isEmpty() ? tr("closed %1").arg(closeCode)
                                     : tr("closed %1 %2").arg(closeCode).arg(closeReason);
        break;
    case Kind::Refused:
        what = peer.isEmpty() ? tr("refused %1").arg(payload)
                              : tr("refused %1 from %2").arg(payload, peer);
        break;
    case Kind::Error:
        what = tr("error: %1").arg(payload);
        break;
    }
    return time + QLatin1Char(' ') + who + QLatin1Char(' ') + what;
}
