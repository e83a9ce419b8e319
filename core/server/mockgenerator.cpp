#include "mockgenerator.h"

#include <QDateTime>
#include <QHash>
#include <QSet>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <optional>

namespace {
struct Frame
{
    bool fromClient = false;
    bool binary = false;
    QString text;
    QByteArray data;
    qint64 time = 0;
};

struct Conversation
{
    QString path;
    QString subprotocol;
    qint64 openedAt = -1;
    QList<Frame> frames;
};

// A frame of a reply, with its delay from the message (the first) or the previous frame.
struct Reply
{
    Frame frame;
    qint64 delayMs = 0;
};

struct Stream
{
    qint64 everyMs = 0;
    QStringList frames;
    // A stream that began after a client's message is that message's rule's start-stream
    // (keyed `key`); one that went quiet right after another message is stopped by its rule;
    // one that ended on its own while the connection went on stops after `count` frames.
    QString startKey; // keyOf the message that started it; empty: the connection's start
    QString stopKey; // keyOf the message it stopped right after; empty: none
    int count = 0;
    QString key;
};

struct Rule
{
    Frame message;
    QString key; // what makes two client messages the same
    QList<Reply> replies;
    QString paramValue; // the endpoint's parameter in the conversation the replies came from
    const Stream *starts = nullptr;
    QString stops; // the key of the stream it stops
};

// Conversations whose paths differ in at most one segment, the same one.
struct Endpoint
{
    QStringList segments;
    qsizetype param = -1;
    QString paramName;
    QList<Conversation> conversations;
};

bool isFrame(TrafficEvent::Kind kind)
{
    using Kind = TrafficEvent::Kind;
    return kind == Kind::Received || kind == Kind::Unmatched || kind == Kind::Binary
        || kind == Kind::Sent;
}

Frame frameOf(const TrafficEvent &event)
{
    Frame frame;
    frame.fromClient = event.kind != TrafficEvent::Kind::Sent;
    frame.binary = event.kind == TrafficEvent::Kind::Binary || event.delivery.binary;
    frame.text = frame.binary ? QString() : event.payload;
    frame.data = event.data;
    frame.time = event.timestamp;
    return frame;
}

QList<Conversation> conversationsOf(const QList<TrafficEvent> &events)
{
    QList<Conversation> conversations;
    QHash<quint64, qsizetype> indexOf;
    for (const TrafficEvent &event : events) {
        if (event.kind != TrafficEvent::Kind::Opened && !isFrame(event.kind))
            continue;
        auto found = indexOf.constFind(event.connectionId);
        if (found == indexOf.cend()) {
            found = indexOf.insert(event.connectionId, conversations.size());
            conversations.append({ event.path, {}, event.timestamp, {} });
        }
        Conversation &conversation = conversations[*found];
        if (event.kind == TrafficEvent::Kind::Opened) {
            conversation.subprotocol = event.subprotocol;
            conversation.openedAt = event.timestamp;
        } else {
            conversation.frames.append(frameOf(event));
        }
    }
    return conversations;
}

// JSON objects by their keys, other texts with their digits blurred: frames of one stream
// differ in their values, not their shape.
QString shapeOf(const QString &text)
{
    const QJsonDocument document = QJsonDocument::fromJson(text.toUtf8());
    if (document.isObject())
        return QStringLiteral("{") + document.object().keys().join(QLatin1Char(','));
    QString shape = text;
    for (QChar &character : shape) {
        if (character.isDigit())
            character = QLatin1Char('#');
    }
    return shape;
}

qint64 roundedMs(qint64 ms)
{
    return (ms + 5) / 10 * 10;
}

// The frames at `indexes` as a stream, when they came at a steady interval and mostly not
// right after a client frame (replies to a client that asks every second are not a stream).
std::optional<Stream> streamAt(const QList<Frame> &frames, const QList<qsizetype> &indexes)
{
    if (indexes.size() < MockGenerator::StreamMinimumFrames)
        return std::nullopt;
    QList<qint64> intervals;
    qsizetype prompted = 0;
    for (qsizetype i = 0; i < indexes.size(); ++i) {
        if (i > 0)
            intervals.append(frames.at(indexes.at(i)).time - frames.at(indexes.at(i - 1)).time);
        if (indexes.at(i) > 0 && frames.at(indexes.at(i) - 1).fromClient)
            ++prompted;
    }
    QList<qint64> sorted = intervals;
    std::sort(sorted.begin(), sorted.end());
    const qint64 median = sorted.at(sorted.size() / 2);
    const qint64 tolerance = std::max<qint64>(median / 4, 20);
    const bool steady = std::all_of(intervals.cbegin(), intervals.cend(), [&](qint64 interval) {
        return std::abs(interval - median) <= tolerance;
    });
    if (!steady || median < 10 || prompted * 2 >= indexes.size())
        return std::nullopt;
    const qint64 span = frames.at(indexes.constLast()).time - frames.at(indexes.constFirst()).time;
    Stream stream;
    stream.everyMs = roundedMs(span / (indexes.size() - 1));
    for (const qsizetype index : indexes)
        stream.frames.append(frames.at(index).text);
    if (std::all_of(stream.frames.cbegin(), stream.frames.cend(),
                    [&](const QString &text) { return text == stream.frames.constFirst(); }))
        stream.frames = QStringList { stream.frames.constFirst() };
    return stream;
}

QString keyOf(const Frame &message);

// The client frame nearest before (step -1) or after (step 1) frames[from], if any.
std::optional<qsizetype> clientFrameNear(const QList<Frame> &frames, qsizetype from, int step)
{
    for (qsizetype i = from + step; i >= 0 && i < frames.size(); i += step) {
        if (frames.at(i).fromClient)
            return i;
    }
    return std::nullopt;
}

// How the stream at `indexes` began and ended: after a client's message, or with the
// connection; quiet right after another message (which stopped it), or on its own while the
// connection went on (after a count of frames).
void boundStream(const QList<Frame> &frames, const QList<qsizetype> &indexes, Stream *stream)
{
    if (const auto before = clientFrameNear(frames, indexes.constFirst(), -1))
        stream->startKey = keyOf(frames.at(*before));
    const Frame &last = frames.at(indexes.constLast());
    const auto after = clientFrameNear(frames, indexes.constLast(), 1);
    if (after && frames.at(*after).time - last.time <= stream->everyMs * 3 / 2) {
        stream->stopKey = keyOf(frames.at(*after));
        return;
    }
    if (!stream->startKey.isEmpty() && frames.constLast().time - last.time > 2 * stream->everyMs)
        stream->count = int(indexes.size());
}

// Takes the conversation's streams out of its frames.
QList<Stream> takeStreams(Conversation *conversation)
{
    QHash<QString, QList<qsizetype>> byShape;
    QStringList shapes;
    for (qsizetype i = 0; i < conversation->frames.size(); ++i) {
        const Frame &frame = conversation->frames.at(i);
        if (frame.fromClient || frame.binary)
            continue;
        const QString shape = shapeOf(frame.text);
        if (!byShape.contains(shape))
            shapes.append(shape);
        byShape[shape].append(i);
    }
    QList<Stream> streams;
    QList<qsizetype> taken;
    for (const QString &shape : std::as_const(shapes)) {
        if (std::optional<Stream> stream = streamAt(conversation->frames, byShape[shape])) {
            boundStream(conversation->frames, byShape[shape], &*stream);
            streams.append(*stream);
            taken += byShape[shape];
        }
    }
    std::sort(taken.begin(), taken.end(), std::greater<>());
    for (const qsizetype index : std::as_const(taken))
        conversation->frames.removeAt(index);
    return streams;
}

// -1 when the segments are the same (but for `ignored`), the one that differs, or -2.
qsizetype differingSegment(const QStringList &left, const QStringList &right, qsizetype ignored)
{
    if (left.size() != right.size())
        return -2;
    qsizetype differing = -1;
    for (qsizetype i = 0; i < left.size(); ++i) {
        if (i == ignored || left.at(i) == right.at(i))
            continue;
        if (differing >= 0 || left.at(i).isEmpty() || right.at(i).isEmpty())
            return -2;
        differing = i;
    }
    return differing;
}

QString paramNameAfter(const QString &segment)
{
    QString name;
    for (const QChar character : segment) {
        if (character.isLetterOrNumber() || character == QLatin1Char('_'))
            name += character;
    }
    return name.isEmpty() || name.front().isDigit() ? QStringLiteral("param") : name;
}

QList<Endpoint> endpointsOf(const QList<Conversation> &conversations)
{
    QList<Endpoint> endpoints;
    for (const Conversation &conversation : conversations) {
        const QStringList segments = conversation.path.split(QLatin1Char('/'));
        auto fits = [&](const Endpoint &endpoint) {
            const qsizetype differing
                = differingSegment(endpoint.segments, segments, endpoint.param);
            return differing == -1 || (differing >= 0 && endpoint.param < 0);
        };
        auto found = std::find_if(endpoints.begin(), endpoints.end(), fits);
        if (found == endpoints.end()) {
            endpoints.append({ segments, -1, {}, {} });
            found = endpoints.end() - 1;
        }
        const qsizetype differing = differingSegment(found->segments, segments, found->param);
        if (differing >= 0) {
            found->param = differing;
            found->paramName
                = paramNameAfter(differing > 0 ? segments.at(differing - 1) : QString());
        }
        found->conversations.append(conversation);
    }
    return endpoints;
}

QString pathOf(const Endpoint &endpoint)
{
    QStringList segments = endpoint.segments;
    if (endpoint.param >= 0)
        segments[endpoint.param] = QLatin1Char(':') + endpoint.paramName;
    return segments.join(QLatin1Char('/'));
}

// The frames from `from` up to the next client frame, each with its delay.
QList<Reply> repliesFrom(const QList<Frame> &frames, qsizetype from, qint64 since)
{
    QList<Reply> replies;
    for (qsizetype i = from; i < frames.size() && !frames.at(i).fromClient; ++i) {
        const qint64 delay = roundedMs(frames.at(i).time - since);
        replies.append({ frames.at(i), delay >= MockGenerator::NoiseMs ? delay : 0 });
        since = frames.at(i).time;
    }
    return replies;
}

QString keyOf(const Frame &message)
{
    if (message.binary)
        return QStringLiteral("binary:") + QString::fromLatin1(message.data.toBase64());
    const QJsonDocument document = QJsonDocument::fromJson(message.text.toUtf8());
    if (document.isObject() || document.isArray())
        return QStringLiteral("json:") + QString::fromUtf8(document.toJson(QJsonDocument::Compact));
    return QStringLiteral("text:") + message.text;
}

QString paramValueOf(const Endpoint &endpoint, const Conversation &conversation)
{
    if (endpoint.param < 0)
        return {};
    return conversation.path.split(QLatin1Char('/')).value(endpoint.param);
}

// One rule per distinct client message, with what answered it the first time anything did,
// and the streams it starts or stops.
QList<Rule> rulesOf(const Endpoint &endpoint, const QList<Stream> &streams)
{
    QList<Rule> rules;
    QHash<QString, qsizetype> indexOf;
    for (const Conversation &conversation : endpoint.conversations) {
        for (qsizetype i = 0; i < conversation.frames.size(); ++i) {
            const Frame &message = conversation.frames.at(i);
            if (!message.fromClient || (!message.binary && message.text.isEmpty()))
                continue;
            Rule rule { message,
                        keyOf(message),
                        repliesFrom(conversation.frames, i + 1, message.time),
                        paramValueOf(endpoint, conversation),
                        nullptr,
                        {} };
            const auto found = indexOf.constFind(rule.key);
            if (found == indexOf.cend()) {
                indexOf.insert(rule.key, rules.size());
                rules.append(rule);
            } else if (rules.at(*found).replies.isEmpty()) {
                rules[*found] = rule;
            }
        }
    }
    for (const Stream &stream : streams) {
        for (Rule &rule : rules) {
            if (!rule.starts && rule.key == stream.startKey)
                rule.starts = &stream;
            if (rule.stops.isEmpty() && rule.key == stream.stopKey)
                rule.stops = stream.key;
        }
    }
    rules.removeIf([](const Rule &rule) {
        return rule.replies.isEmpty() && !rule.starts && rule.stops.isEmpty();
    });
    // A JSON pattern matches any message holding its keys, so the fuller patterns go first.
    std::stable_sort(rules.begin(), rules.end(), [](const Rule &left, const Rule &right) {
        return left.key.size() > right.key.size();
    });
    return rules;
}

// Control characters and YAML's line breaks: a YAML scalar can hold them only escaped.
bool needsEscape(char16_t unit)
{
    return unit < 0x20 || unit == 0x7f || unit == 0x85 || unit == 0x2028 || unit == 0x2029;
}

// A YAML scalar: single-quoted (as a person writes JSON in YAML) unless the text has control
// characters or line breaks; then double-quoted, where JSON's escapes are YAML's too, and
// YAML's own line breaks (U+0085, U+2028, U+2029) are escaped as well.
QString quoted(const QString &text)
{
    if (std::none_of(text.cbegin(), text.cend(),
                     [](QChar character) { return needsEscape(character.unicode()); }))
        return QLatin1Char('\'') + QString(text).replace(QLatin1Char('\''), QLatin1String("''"))
            + QLatin1Char('\'');
    QString out = QStringLiteral("\"");
    for (const QChar character : text) {
        const char16_t unit = character.unicode();
        if (unit == u'"' || unit == u'\\')
            out += QLatin1Char('\\') + character;
        else if (unit == u'\n')
            out += QStringLiteral("\\n");
        else if (unit == u'\t')
            out += QStringLiteral("\\t");
        else if (needsEscape(unit))
            out += QStringLiteral("\\u%1").arg(int(unit), 4, 16, QLatin1Char('0'));
        else
            out += character;
    }
    return out + QLatin1Char('"');
}

// A text pattern is also a regular expression over the whole message: escaped, it matches
// only the recorded text.
QString literalPattern(const QString &text)
{
    static const QString special = QStringLiteral("\\^$.|?*+()[]{}");
    QString out;
    for (const QChar character : text) {
        if (special.contains(character))
            out += QLatin1Char('\\');
        out += character;
    }
    return out;
}

// How a rule matches the message: a JSON pattern, a literal text one, or the bytes a binary
// frame starts with.
struct Match
{
    QString key;
    QString pattern;
};

Match matchOf(const Frame &message)
{
    if (message.binary)
        return { QStringLiteral("binary"), QString::fromLatin1(message.data.toHex()) };
    const QString key = keyOf(message);
    if (key.startsWith(QLatin1String("json:")))
        return { QStringLiteral("pattern"), key.mid(5) };
    return { QStringLiteral("pattern"), literalPattern(message.text) };
}

// The conversation's value for the endpoint's parameter in its replies becomes a template.
QString templated(const QString &text, const QString &value, const QString &paramName)
{
    if (value.size() < 3 || paramName.isEmpty() || text.contains(QLatin1String("{{")))
        return text;
    QString out = text;
    return out.replace(value, QStringLiteral("{{path-params.") + paramName + QStringLiteral("}}"));
}

class Writer
{
public:
    QString out;
    QString paramValue;
    QString paramName;

    void line(int indent, const QString &text)
    {
        out += QString(indent, QLatin1Char(' ')) + text + QLatin1Char('\n');
    }

    QString replyText(const Frame &frame) const
    {
        return quoted(templated(frame.text, paramValue, paramName));
    }

    void replies(int indent, const QList<Reply> &replies)
    {
        if (replies.isEmpty())
            return;
        if (replies.size() == 1 && !replies.constFirst().frame.binary) {
            line(indent, QStringLiteral("response: ") + replyText(replies.constFirst().frame));
            if (replies.constFirst().delayMs > 0)
                line(indent,
                     QStringLiteral("delay: ")
                         + MockGenerator::durationText(replies.constFirst().delayMs));
            return;
        }
        line(indent, QStringLiteral("frames:"));
        for (const Reply &reply : replies) {
            const QString frame = reply.frame.binary
                ? QStringLiteral("binary: ")
                    + quoted(QString::fromLatin1(reply.frame.data.toBase64()))
                : QStringLiteral("response: ") + replyText(reply.frame);
            if (reply.delayMs == 0 && !reply.frame.binary) {
                line(indent + 2, QStringLiteral("- ") + replyText(reply.frame));
                continue;
            }
            line(indent + 2, QStringLiteral("- ") + frame);
            if (reply.delayMs > 0)
                line(indent + 4,
                     QStringLiteral("delay: ") + MockGenerator::durationText(reply.delayMs));
        }
    }

    void rule(const Rule &rule)
    {
        const Match match = matchOf(rule.message);
        if (match.key == QLatin1String("pattern"))
            line(6, QStringLiteral("- pattern: ") + quoted(match.pattern));
        else if (match.pattern.isEmpty())
            line(6, QStringLiteral("- binary: any"));
        else
            line(6,
                 QStringLiteral("- binary: {hex-prefix: '") + match.pattern + QStringLiteral("'}"));
        replies(8, rule.replies);
        if (rule.starts) {
            line(8, QStringLiteral("start-stream:"));
            line(10, QStringLiteral("key: ") + quoted(rule.starts->key));
            stream(10, *rule.starts);
            if (rule.starts->count > 0)
                line(10, QStringLiteral("count: %1").arg(rule.starts->count));
        }
        if (!rule.stops.isEmpty())
            line(8, QStringLiteral("stop-stream: ") + quoted(rule.stops));
    }

    // A stream's interval and frames, at `indent`; the first line as a list item when listed.
    void stream(int indent, const Stream &stream, bool listed = false)
    {
        line(listed ? indent - 2 : indent,
             (listed ? QStringLiteral("- ") : QString()) + QStringLiteral("every: ")
                 + MockGenerator::durationText(std::max<qint64>(stream.everyMs, 10)));
        line(indent, QStringLiteral("frames:"));
        for (const QString &frame : stream.frames)
            line(indent + 2, QStringLiteral("- ") + quoted(frame));
    }
};

// The endpoint's item; adds what it wrote to the counts.
// The endpoint's streams: those that ran from the connection's start as in the first
// conversation that had any, and those a client's message started, the first time each
// message did (each under a key of its own).
void endpointStreams(Endpoint *endpoint, QList<Stream> *fromConnect, QList<Stream> *started)
{
    QSet<QString> starters;
    for (Conversation &conversation : endpoint->conversations) {
        QList<Stream> found = takeStreams(&conversation);
        const bool firstFromConnect = fromConnect->isEmpty();
        for (Stream &stream : found) {
            if (stream.startKey.isEmpty()) {
                if (firstFromConnect)
                    fromConnect->append(stream);
            } else if (!starters.contains(stream.startKey)) {
                starters.insert(stream.startKey);
                stream.key = QStringLiteral("stream-%1").arg(started->size() + 1);
                started->append(stream);
            }
        }
    }
}

void writeEndpoint(Endpoint endpoint, Writer *writer, MockGenerator::Result *result)
{
    QList<Stream> streams;
    QList<Stream> started;
    endpointStreams(&endpoint, &streams, &started);
    const Conversation &first = endpoint.conversations.constFirst();
    writer->paramName = endpoint.param >= 0 ? endpoint.paramName : QString();
    writer->paramValue = paramValueOf(endpoint, first);
    writer->line(0, QStringLiteral("- websocket:"));
    writer->line(4, QStringLiteral("path: ") + quoted(pathOf(endpoint)));
    if (!first.subprotocol.isEmpty())
        writer->line(
            4, QStringLiteral("subprotocols: [") + quoted(first.subprotocol) + QLatin1Char(']'));
    const qint64 openedAt = first.openedAt >= 0 ? first.openedAt
        : first.frames.isEmpty()                ? 0
                                                : first.frames.constFirst().time;
    const QList<Reply> greeting = repliesFrom(first.frames, 0, openedAt);
    if (!greeting.isEmpty()) {
        writer->line(4, QStringLiteral("on-connect:"));
        writer->replies(6, greeting);
    }
    const QList<Rule> rules = rulesOf(endpoint, started);
    if (!rules.isEmpty())
        writer->line(4, QStringLiteral("on-message:"));
    for (const Rule &rule : rules) {
        writer->paramValue = rule.paramValue;
        writer->rule(rule);
    }
    if (!streams.isEmpty())
        writer->line(4, QStringLiteral("streams:"));
    for (const Stream &stream : std::as_const(streams))
        writer->stream(8, stream, true);
    ++result->endpoints;
    result->rules += int(rules.size());
    result->streams += int(streams.size() + started.size());
}

QString timeText(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC)
        .toString(QStringLiteral("yyyy-MM-dd HH:mm:ss 'UTC'"));
}
} // namespace

MockGenerator::Result MockGenerator::generate(const QList<TrafficEvent> &events,
                                              const QString &sourceName)
{
    Result result;
    const QList<Conversation> conversations = conversationsOf(events);
    result.connections = int(conversations.size());
    Writer writer;
    writer.line(0,
                QStringLiteral("# Mocks generated by mocket-cli generate from %1").arg(sourceName));
    if (!events.isEmpty()) {
        writer.line(0,
                    QStringLiteral("# %1 connection(s) recorded from %2 to %3.")
                        .arg(conversations.size())
                        .arg(timeText(events.constFirst().timestamp),
                             timeText(events.constLast().timestamp)));
    }
    writer.line(0,
                QStringLiteral("# Each rule answers with what the server sent the first time; "
                               "Authorization and Cookie headers are never copied."));
    for (const Endpoint &endpoint : endpointsOf(conversations))
        writeEndpoint(endpoint, &writer, &result);
    if (result.endpoints == 0)
        writer.line(0, QStringLiteral("[]"));
    result.yaml = writer.out;
    return result;
}

QString MockGenerator::durationText(qint64 ms)
{
    return ms % 1000 == 0 ? QStringLiteral("%1s").arg(ms / 1000) : QStringLiteral("%1ms").arg(ms);
}

std::optional<MockGenerator::RuleDraft> MockGenerator::ruleFor(const QList<TrafficEvent> &events,
                                                               qsizetype message)
{
    if (message < 0 || message >= events.size())
        return std::nullopt;
    const TrafficEvent &asked = events.at(message);
    if (!isFrame(asked.kind) || asked.kind == TrafficEvent::Kind::Sent)
        return std::nullopt;
    QList<Frame> frames { frameOf(asked) };
    for (qsizetype i = message + 1; i < events.size(); ++i) {
        const TrafficEvent &event = events.at(i);
        if (event.connectionId == asked.connectionId && isFrame(event.kind))
            frames.append(frameOf(event));
    }
    const Match match = matchOf(frames.constFirst());
    RuleDraft draft { match.key, match.pattern, {} };
    for (const Reply &reply : repliesFrom(frames, 1, asked.timestamp))
        draft.replies.append(
            { reply.frame.binary, reply.frame.text, reply.frame.data, reply.delayMs });
    return draft;
}
