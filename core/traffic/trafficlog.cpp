#include "trafficlog.h"

#include "eventtext.h"
#include "harwriter.h"
#include "httpresponder.h"
#include "mockserver.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QStringList>

#include <algorithm>
#include <iterator>

namespace {

QString timeText(qint64 msecsSinceEpoch)
{
    return QDateTime::fromMSecsSinceEpoch(msecsSinceEpoch).toString(QStringLiteral("HH:mm:ss.zzz"));
}

QString connectionText(quint64 id)
{
    return id ? QStringLiteral("#%1").arg(id) : QString();
}

// "username=alice · tab=2": path parameters, then query parameters, each sorted by name
// (ParamMap is a hash, so this is the only stable order).
QString paramsText(const ParamMap &pathParams, const ParamMap &queryParams)
{
    QStringList parts;
    const auto add = [&parts](const ParamMap &map) {
        QStringList keys = map.keys();
        keys.sort();
        for (const QString &key : keys)
            parts.append(key + QLatin1Char('=') + map.value(key));
    };
    add(pathParams);
    add(queryParams);
    return parts.join(QStringLiteral(" \u00B7 "));
}

bool isIncoming(TrafficEvent::Kind kind)
{
    return kind == TrafficEvent::Kind::Received || kind == TrafficEvent::Kind::Unmatched
        || kind == TrafficEvent::Kind::Binary;
}

bool hasSize(TrafficEvent::Kind kind)
{
    return isIncoming(kind) || kind == TrafficEvent::Kind::Sent;
}

QVariant rightAligned()
{
    return QVariant(int(Qt::AlignRight | Qt::AlignVCenter));
}

} // namespace

// ---------------------------------------------------------------------------------------------
// ConnectionsModel

ConnectionsModel::ConnectionsModel(QObject *parent) : TableModel(parent) { }

QVariant ConnectionsModel::cell(int rowNumber, int column, int role) const
{
    const Row &row = m_rows.at(rowNumber);
    switch (role) {
    case Qt::DisplayRole:
    case Qt::ToolTipRole:
        switch (column) {
        case Id:
            return connectionText(row.id);
        case Path:
            return row.path;
        case Params:
            return row.params;
        case Peer:
            return row.peer;
        case Opened:
            return row.opened ? timeText(row.opened) : QString();
        case State:
            if (row.open)
                return tr("open");
            return row.closeReason.isEmpty()
                ? tr("closed (%1)").arg(row.closeCode)
                : tr("closed (%1, %2)").arg(row.closeCode).arg(row.closeReason);
        case In:
            return role == Qt::DisplayRole ? QVariant(row.in) : QVariant();
        case Out:
            return role == Qt::DisplayRole ? QVariant(row.out) : QVariant();
        }
        break;
    case Qt::TextAlignmentRole:
        if (column == Id || column == In || column == Out)
            return rightAligned();
        break;
    case ConnectionIdRole:
        return QVariant::fromValue(row.id);
    case IsOpenRole:
        return row.open;
    case PathRole:
        return row.path;
    }
    return {};
}

QString ConnectionsModel::columnName(int column)
{
    switch (column) {
    case Id:
        return tr("Id");
    case Path:
        return tr("Path");
    case Params:
        return tr("Params");
    case Peer:
        return tr("Peer");
    case Opened:
        return tr("Opened");
    case State:
        return tr("State");
    case In:
        return tr("In");
    case Out:
        return tr("Out");
    }
    return {};
}

void ConnectionsModel::addEvent(const TrafficEvent &event)
{
    if (event.connectionId == 0)
        return;
    const auto found = m_rowOfId.constFind(event.connectionId);
    int row = found == m_rowOfId.cend() ? -1 : *found;

    switch (event.kind) {
    case TrafficEvent::Kind::Opened:
        if (row < 0) {
            appendRow(event);
        } else { // an id seen before its Opened (cannot happen with one MockServer); refresh it
            Row &entry = m_rows[row];
            entry.path = event.path;
            entry.params = paramsText(event.pathParams, event.queryParams);
            entry.peer = event.peer;
            entry.opened = event.timestamp;
            if (!entry.open) {
                entry.open = true;
                setOpenCount(m_openCount + 1);
            }
            emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
        }
        break;
    case TrafficEvent::Kind::Received:
    case TrafficEvent::Kind::Unmatched:
    case TrafficEvent::Kind::Binary:
    case TrafficEvent::Kind::Sent: {
        if (row < 0)
            row = appendRow(event);
        Row &entry = m_rows[row];
        const bool in = isIncoming(event.kind);
        ++(in ? entry.in : entry.out);
        const QModelIndex changed = index(row, in ? In : Out);
        emit dataChanged(changed, changed, { Qt::DisplayRole });
        break;
    }
    case TrafficEvent::Kind::Closed: {
        if (row < 0 || !m_rows.at(row).open)
            return;
        Row &entry = m_rows[row];
        entry.open = false;
        entry.closeCode = event.closeCode;
        entry.closeReason = event.closeReason;
        emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
        setOpenCount(m_openCount - 1);
        break;
    }
    case TrafficEvent::Kind::Warning:
    case TrafficEvent::Kind::Refused:
    case TrafficEvent::Kind::Error:
    case TrafficEvent::Kind::Http:
    case TrafficEvent::Kind::Note:
        break;
    }
}

int ConnectionsModel::appendRow(const TrafficEvent &event)
{
    Row entry;
    entry.id = event.connectionId;
    entry.path = event.path;
    if (event.kind == TrafficEvent::Kind::Opened) {
        entry.params = paramsText(event.pathParams, event.queryParams);
        entry.peer = event.peer;
        entry.opened = event.timestamp;
    }
    const int row = int(m_rows.size());
    beginInsertRows(QModelIndex(), row, row);
    m_rows.append(std::move(entry));
    m_rowOfId.insert(event.connectionId, row);
    endInsertRows();
    setOpenCount(m_openCount + 1);
    return row;
}

QModelIndex ConnectionsModel::indexForId(quint64 connectionId) const
{
    const auto found = m_rowOfId.constFind(connectionId);
    return found == m_rowOfId.cend() ? QModelIndex() : index(*found, 0);
}

void ConnectionsModel::clearClosed()
{
    // Back to front, one removal per run of adjacent closed rows.
    int last = int(m_rows.size()) - 1;
    while (last >= 0) {
        if (m_rows.at(last).open) {
            --last;
            continue;
        }
        int first = last;
        while (first > 0 && !m_rows.at(first - 1).open)
            --first;
        beginRemoveRows(QModelIndex(), first, last);
        m_rows.remove(first, last - first + 1);
        rebuildIndex();
        endRemoveRows();
        last = first - 1;
    }
}

void ConnectionsModel::clear()
{
    beginResetModel();
    m_rows.clear();
    m_rowOfId.clear();
    endResetModel();
    setOpenCount(0);
}

void ConnectionsModel::rebuildIndex()
{
    m_rowOfId.clear();
    for (int i = 0; i < int(m_rows.size()); ++i)
        m_rowOfId.insert(m_rows.at(i).id, i);
}

void ConnectionsModel::setOpenCount(int count)
{
    if (count == m_openCount)
        return;
    m_openCount = count;
    emit openCountChanged(count);
}

// ---------------------------------------------------------------------------------------------
// MessageLogModel

namespace {

// What the Payload column says: the payload itself, or for events that have none, a summary.
QString payloadText(const TrafficEvent &event)
{
    switch (event.kind) {
    case TrafficEvent::Kind::Opened: {
        const QString params = paramsText(event.pathParams, event.queryParams);
        return params.isEmpty()
            ? MessageLogModel::tr("opened %1 from %2").arg(event.path, event.peer)
            : MessageLogModel::tr("opened %1 from %2 (%3)").arg(event.path, event.peer, params);
    }
    case TrafficEvent::Kind::Closed:
        return event.closeReason.isEmpty()
            ? MessageLogModel::tr("closed %1").arg(event.closeCode)
            : MessageLogModel::tr("closed %1 %2").arg(event.closeCode).arg(event.closeReason);
    case TrafficEvent::Kind::Http:
        return MessageLogModel::httpExchangeText(*event.http, false);
    default:
        return EventText::detail(event);
    }
}

// A rule as the Rule column names it: by its pattern when known, else by its place.
QString ruleName(const TrafficEvent &event, const QString &rulePattern)
{
    return rulePattern.isEmpty() ? event.rule : MessageLogModel::patternLine(rulePattern);
}

QString ruleText(const TrafficEvent &event, const QString &rulePattern)
{
    // On a relay, what no rule took went to the upstream, and what it sent came back.
    const QString relay = EventText::relay(event);
    if (event.forwarded && !relay.isEmpty())
        return relay;
    const QString rule = relay.isEmpty() ? ruleName(event, rulePattern) : relay;
    switch (event.kind) {
    case TrafficEvent::Kind::Received:
    case TrafficEvent::Kind::Sent: {
        // Delayed, streamed, broadcast and binary frames say so next to their rule.
        const QString note = EventText::note(event);
        return note.isEmpty() ? rule : rule + QStringLiteral(" \u00B7 ") + note;
    }
    case TrafficEvent::Kind::Unmatched:
        return MessageLogModel::tr("unmatched");
    case TrafficEvent::Kind::Binary:
        // A binary frame no rule took is unmatched, as a text frame would be.
        return event.isUnmatched() ? MessageLogModel::tr("unmatched") : rule;
    case TrafficEvent::Kind::Warning:
        return rule.isEmpty() ? MessageLogModel::tr("warning")
                              : MessageLogModel::tr("warning \u00B7 %1").arg(rule);
    case TrafficEvent::Kind::Opened:
        return MessageLogModel::tr("opened");
    case TrafficEvent::Kind::Closed:
        return MessageLogModel::tr("closed");
    case TrafficEvent::Kind::Refused:
        return MessageLogModel::tr("refused");
    case TrafficEvent::Kind::Error:
        return MessageLogModel::tr("error");
    case TrafficEvent::Kind::Note:
        return event.rule;
    case TrafficEvent::Kind::Http: {
        const QString took = MessageLogModel::tr("%1 ms").arg(event.http->durationMs);
        // 404, 405 and preflights are answered by the server itself, not by an endpoint.
        const QString endpoint
            = event.rule.isEmpty() ? MessageLogModel::tr("no endpoint") : event.rule;
        return endpoint + QStringLiteral(" \u00B7 ") + took;
    }
    }
    return event.rule;
}

// The Payload column of an HTTP exchange: what was asked, then the start of the answer.
QString httpSummary(const TrafficEvent &event)
{
    const QString request
        = QString::fromLatin1(event.http->method) + QLatin1Char(' ') + event.http->target;
    return event.payload.isEmpty() ? request
                                   : request + QStringLiteral("  \u2192  ") + event.payload;
}

// The Size column of an HTTP exchange: the response body's bytes, after the request body's
// when there was one.
QVariant httpSizes(const TrafficEvent &event)
{
    if (event.http->requestBody.isEmpty())
        return event.size;
    return QStringLiteral("%1 / %2").arg(event.http->requestBody.size()).arg(event.size);
}

} // namespace

MessageLogModel::MessageLogModel(QObject *parent) : TableModel(parent)
{
    m_timer.setSingleShot(true);
    m_timer.setInterval(DefaultBatchInterval);
    connect(&m_timer, &QTimer::timeout, this, &MessageLogModel::flush);
}

QVariant MessageLogModel::cell(int rowNumber, int column, int role) const
{
    const Row &row = m_rows[std::size_t(rowNumber)];
    const TrafficEvent &event = row.event;
    const bool isHttp = event.kind == TrafficEvent::Kind::Http;
    switch (role) {
    case Qt::DisplayRole:
        return displayCell(row, column);
    case Qt::ToolTipRole:
        if (column == Rule && !row.rulePattern.isEmpty())
            return QString(event.rule + QStringLiteral(": ") + row.rulePattern.simplified());
        if (isHttp && column == Connection)
            return tr("An HTTP request: listed with every connection's messages (Show all), "
                      "never under one WebSocket connection");
        if (isHttp && column == Size)
            return tr("Request body %1 bytes, response body %2 bytes")
                .arg(event.http->requestBody.size())
                .arg(event.size);
        break;
    case Qt::TextAlignmentRole:
        if (column == Size)
            return rightAligned();
        break;
    case EventKindRole:
        return int(event.kind);
    case ConnectionIdRole:
        return QVariant::fromValue(event.connectionId);
    case FullPayloadRole:
        return payloadText(event);
    case PrettyPayloadRole:
        if (isHttp)
            return httpExchangeText(*event.http, true);
        if (!event.data.isEmpty())
            return hexDump(event.data);
        return prettyPayload(payloadText(event));
    case TimestampRole:
        return event.timestamp;
    case RuleRole:
        return ruleText(event, row.rulePattern);
    case RuleLabelRole:
        return event.rule;
    case RelayedRole:
        return event.forwarded || event.origin == TrafficOrigin::Upstream;
    case UnmatchedRole:
        return event.isUnmatched();
    case RulePatternRole:
        return row.rulePattern;
    case HttpStatusRole:
        return isHttp ? event.status : 0;
    case DecodedRole:
        return event.decoded;
    }
    return {};
}

QVariant MessageLogModel::displayCell(const Row &row, int column)
{
    const TrafficEvent &event = row.event;
    const bool isHttp = event.kind == TrafficEvent::Kind::Http;
    switch (column) {
    case Time:
        return timeText(event.timestamp);
    case Connection:
        return isHttp ? tr("HTTP") : connectionText(event.connectionId);
    case Direction:
        if (isHttp)
            return QString::number(event.status);
        if (isIncoming(event.kind))
            return tr("in");
        if (event.kind == TrafficEvent::Kind::Sent)
            return tr("out");
        return QString();
    case Payload:
        if (!event.decoded.isEmpty()) // what a preset's frame means, beside the frame
            return preview(event.decoded + QStringLiteral("  ·  ") + payloadText(event));
        return preview(isHttp ? httpSummary(event) : payloadText(event));
    case Rule:
        return ruleText(event, row.rulePattern);
    case Size:
        if (isHttp)
            return httpSizes(event);
        return hasSize(event.kind) ? QVariant(event.size) : QVariant();
    }
    return {};
}

QString MessageLogModel::columnName(int column)
{
    switch (column) {
    case Time:
        return tr("Time");
    case Connection:
        return tr("Connection");
    case Direction:
        return tr("Direction");
    case Payload:
        return tr("Payload");
    case Rule:
        return tr("Rule");
    case Size:
        return tr("Size");
    }
    return {};
}

void MessageLogModel::addEvent(const TrafficEvent &event, const QString &rulePattern)
{
    m_pending.push_back({ event, rulePattern });
    // Never hold more than a full log's worth: older queued events could not survive the flush.
    if (int(m_pending.size()) > m_capacity) {
        m_pending.pop_front();
        ++m_dropped;
    }
    if (!m_timer.isActive())
        m_timer.start();
}

void MessageLogModel::flush()
{
    m_timer.stop();
    if (!m_pending.empty()) {
        const int incoming = int(m_pending.size()); // <= m_capacity, see addEvent()
        const int overflow = int(m_rows.size()) + incoming - m_capacity;
        if (overflow > 0)
            dropOldest(overflow);
        const int first = int(m_rows.size());
        beginInsertRows(QModelIndex(), first, first + incoming - 1);
        std::move(m_pending.begin(), m_pending.end(), std::back_inserter(m_rows));
        m_pending.clear();
        endInsertRows();
    }
    if (m_dropped != m_reportedDropped) {
        m_reportedDropped = m_dropped;
        emit droppedCountChanged(m_dropped);
    }
}

void MessageLogModel::dropOldest(int count)
{
    count = std::min(count, int(m_rows.size()));
    if (count <= 0)
        return;
    beginRemoveRows(QModelIndex(), 0, count - 1);
    m_rows.erase(m_rows.begin(), m_rows.begin() + count);
    m_dropped += count;
    endRemoveRows();
}

const TrafficEvent &MessageLogModel::eventAt(int row) const
{
    Q_ASSERT(row >= 0 && row < rowCount());
    return m_rows[std::size_t(row)].event;
}

void MessageLogModel::setCapacity(int rows)
{
    m_capacity = std::max(1, rows);
    while (int(m_pending.size()) > m_capacity) {
        m_pending.pop_front();
        ++m_dropped;
    }
    dropOldest(int(m_rows.size()) - m_capacity);
    if (m_dropped != m_reportedDropped) {
        m_reportedDropped = m_dropped;
        emit droppedCountChanged(m_dropped);
    }
}

void MessageLogModel::setBatchInterval(int ms)
{
    m_timer.setInterval(std::max(0, ms));
}

void MessageLogModel::clear()
{
    m_timer.stop();
    beginResetModel();
    m_rows.clear();
    m_pending.clear();
    endResetModel();
    m_dropped = 0;
    if (m_reportedDropped != 0) {
        m_reportedDropped = 0;
        emit droppedCountChanged(0);
    }
}

QString MessageLogModel::preview(const QString &text)
{
    int cut = std::min(int(text.size()), PreviewLength);
    if (cut < text.size() && text.at(cut - 1).isHighSurrogate())
        --cut; // never split a surrogate pair
    const bool truncated = cut < text.size();

    const QChar *begin = text.constData();
    const QChar *end = begin + cut;
    const bool multiline = std::any_of(begin, end, [](QChar character) {
        return character == QLatin1Char('\n') || character == QLatin1Char('\r')
            || character == QLatin1Char('\t');
    });
    if (!multiline && !truncated)
        return text; // the common case: shared, no copy

    QString line;
    line.reserve(cut + 1);
    for (const QChar *cursor = begin; cursor != end; ++cursor) {
        if (*cursor == QLatin1Char('\r')) {
            line.append(QChar(0x23CE)); // ⏎
            if (cursor + 1 != end && cursor[1] == QLatin1Char('\n'))
                ++cursor;
        } else if (*cursor == QLatin1Char('\n')) {
            line.append(QChar(0x23CE));
        } else if (*cursor == QLatin1Char('\t')) {
            line.append(QLatin1Char(' '));
        } else {
            line.append(*cursor);
        }
    }
    if (truncated)
        line.append(QChar(0x2026)); // …
    return line;
}

namespace {

// Re-indents valid JSON text token by token, so that keys keep the sender's order and
// numbers and strings stay exactly as sent (QJsonDocument sorts keys and rewrites numbers).
class JsonIndenter
{
public:
    explicit JsonIndenter(const QString &text) : m_text(text) { m_out.reserve(text.size() * 2); }

    QString run()
    {
        while (m_at < m_text.size()) {
            const QChar character = m_text.at(m_at);
            if (character == QLatin1Char('"'))
                copyString();
            else if (!character.isSpace())
                punctuation(character);
            ++m_at;
        }
        return m_out;
    }

private:
    static constexpr int IndentWidth = 4; // as QJsonDocument::Indented

    void newLine()
    {
        m_out += QLatin1Char('\n') + QString(m_depth * IndentWidth, QLatin1Char(' '));
    }

    // The next character that is not whitespace after m_at, or a null QChar.
    QChar nextSignificant() const
    {
        for (qsizetype at = m_at + 1; at < m_text.size(); ++at) {
            if (!m_text.at(at).isSpace())
                return m_text.at(at);
        }
        return {};
    }

    void punctuation(QChar character)
    {
        switch (character.unicode()) {
        case '{':
        case '[':
            m_out += character;
            if (const QChar next = nextSignificant();
                next == QLatin1Char('}') || next == QLatin1Char(']')) {
                m_emptyClose = true; // "{}" and "[]" stay on one line
                return;
            }
            ++m_depth;
            newLine();
            return;
        case '}':
        case ']':
            if (!m_emptyClose) {
                --m_depth;
                newLine();
            }
            m_emptyClose = false;
            m_out += character;
            return;
        case ',':
            m_out += character;
            newLine();
            return;
        case ':':
            m_out += QStringLiteral(": ");
            return;
        default: // numbers, true, false, null
            m_out += character;
        }
    }

    void copyString()
    {
        const qsizetype start = m_at;
        for (++m_at; m_at < m_text.size() && m_text.at(m_at) != QLatin1Char('"'); ++m_at) {
            if (m_text.at(m_at) == QLatin1Char('\\'))
                ++m_at; // the escaped character, a quote included
        }
        m_out += QStringView(m_text).mid(start, m_at - start + 1);
    }

    const QString &m_text;
    QString m_out;
    qsizetype m_at = 0;
    int m_depth = 0;
    bool m_emptyClose = false;
};

} // namespace

QString MessageLogModel::prettyPayload(const QString &text)
{
    const auto first = std::find_if(text.cbegin(), text.cend(),
                                    [](QChar character) { return !character.isSpace(); });
    if (first == text.cend() || (*first != QLatin1Char('{') && *first != QLatin1Char('[')))
        return text;
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(text.toUtf8(), &error);
    if (error.error != QJsonParseError::NoError || document.isNull())
        return text;
    return JsonIndenter(text).run();
}

QString MessageLogModel::hexDump(const QByteArray &data)
{
    constexpr int RowBytes = 16;
    constexpr int GroupBytes = 8;
    // "00000000  " + 16 * "xx " + one group gap + "|" + 16 ASCII + "|"
    constexpr int HexWidth = RowBytes * 3 + 1;
    static const char digits[] = "0123456789abcdef";
    QStringList lines;
    for (qsizetype offset = 0; offset < data.size(); offset += RowBytes) {
        const QByteArray chunk = data.mid(offset, RowBytes);
        QString hex;
        QString ascii;
        for (int i = 0; i < chunk.size(); ++i) {
            const auto byte = uchar(chunk.at(i));
            if (i == GroupBytes)
                hex += QLatin1Char(' ');
            hex += QLatin1Char(digits[byte >> 4]) + QLatin1Char(digits[byte & 0xf])
                + QLatin1Char(' ');
            ascii += byte >= 0x20 && byte < 0x7f ? QLatin1Char(char(byte)) : QLatin1Char('.');
        }
        lines.append(QStringLiteral("%1  %2 |%3|")
                         .arg(offset, 8, 16, QLatin1Char('0'))
                         .arg(hex, -HexWidth)
                         .arg(ascii));
    }
    return lines.join(QLatin1Char('\n'));
}

QString MessageLogModel::patternLine(const QString &pattern)
{
    const QString line = pattern.simplified();
    if (line.size() <= PatternLength)
        return line;
    int cut = PatternLength - 1;
    if (line.at(cut - 1).isHighSurrogate())
        --cut; // never split a surrogate pair
    return line.left(cut) + QChar(0x2026); // …
}

QString MessageLogModel::httpMessageText(const QString &startLine,
                                         const HttpExchange::Headers &headers,
                                         const QByteArray &body, bool pretty)
{
    QString text = startLine + QLatin1Char('\n');
    for (const auto &[name, value] : headers)
        text += QString::fromLatin1(name) + QStringLiteral(": ") + QString::fromUtf8(value)
            + QLatin1Char('\n');
    if (!body.isEmpty()) {
        const QString bodyText = QString::fromUtf8(body);
        text += QLatin1Char('\n') + (pretty ? prettyPayload(bodyText) : bodyText)
            + QLatin1Char('\n');
    }
    return text;
}

QString MessageLogModel::httpExchangeText(const HttpExchange &exchange, bool pretty)
{
    const QString requestLine = QString::fromLatin1(exchange.method) + QLatin1Char(' ')
        + exchange.target + QStringLiteral(" HTTP/1.1");
    const QString statusLine
        = QStringLiteral("HTTP/1.1 %1 %2")
              .arg(exchange.status)
              .arg(QString::fromLatin1(HttpResponder::reasonPhrase(exchange.status)));
    return tr("Request:") + QLatin1Char('\n')
        + httpMessageText(requestLine, exchange.requestHeaders, exchange.requestBody, pretty)
        + QLatin1Char('\n') + tr("Response, after %1 ms:").arg(exchange.durationMs)
        + QLatin1Char('\n')
        + httpMessageText(statusLine, exchange.responseHeaders, exchange.responseBody, pretty);
}

// ---------------------------------------------------------------------------------------------
// MessageFilterProxy

MessageFilterProxy::MessageFilterProxy(QObject *parent) : QSortFilterProxyModel(parent) { }

void MessageFilterProxy::setConnectionId(quint64 connectionId)
{
    setConnectionIds(connectionId ? QSet<quint64> { connectionId } : QSet<quint64>());
}

void MessageFilterProxy::setConnectionIds(const QSet<quint64> &connectionIds)
{
    if (connectionIds == m_connectionIds)
        return;
    m_connectionIds = connectionIds;
    invalidateFilter();
}

void MessageFilterProxy::setText(const QString &text)
{
    if (text == m_text)
        return;
    m_text = text;
    invalidateFilter();
}

void MessageFilterProxy::setQuickFilters(QuickFilters filters)
{
    if (filters == m_quick)
        return;
    m_quick = filters;
    invalidateFilter();
}

void MessageFilterProxy::setHideKinds(const QList<TrafficEvent::Kind> &kinds)
{
    quint32 mask = 0;
    for (TrafficEvent::Kind kind : kinds)
        mask |= 1u << int(kind);
    if (mask == m_hiddenKinds)
        return;
    m_hiddenKinds = mask;
    invalidateFilter();
}

QList<TrafficEvent::Kind> MessageFilterProxy::hideKinds() const
{
    QList<TrafficEvent::Kind> kinds;
    for (int kind = 0; kind < 32; ++kind) {
        if (m_hiddenKinds & (1u << kind))
            kinds.append(TrafficEvent::Kind(kind));
    }
    return kinds;
}

bool MessageFilterProxy::acceptsKind(TrafficEvent::Kind kind, bool unmatched) const
{
    if (m_hiddenKinds & (1u << int(kind)))
        return false;
    if (!m_quick)
        return true;
    return (m_quick.testFlag(Quick::In) && isIncoming(kind))
        || (m_quick.testFlag(Quick::Out) && kind == TrafficEvent::Kind::Sent)
        || (m_quick.testFlag(Quick::Unmatched) && unmatched)
        || (m_quick.testFlag(Quick::Refused) && kind == TrafficEvent::Kind::Refused);
}

bool MessageFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    if (m_connectionIds.isEmpty() && m_text.isEmpty() && !m_hiddenKinds && !m_quick)
        return true;
    const QModelIndex index = sourceModel()->index(sourceRow, 0, sourceParent);
    const auto kind = TrafficEvent::Kind(index.data(MessageLogModel::EventKindRole).toInt());
    const bool unmatched = index.data(MessageLogModel::UnmatchedRole).toBool();
    if (!acceptsKind(kind, unmatched))
        return false;
    if (!m_connectionIds.isEmpty()
        && !m_connectionIds.contains(index.data(MessageLogModel::ConnectionIdRole).toULongLong()))
        return false;
    if (m_text.isEmpty())
        return true;
    const auto has = [&index, this](int role) {
        return index.data(role).toString().contains(m_text, Qt::CaseInsensitive);
    };
    // The rule is found by its column's text, its place in the file and its whole pattern.
    return has(MessageLogModel::FullPayloadRole) || has(MessageLogModel::RuleRole)
        || has(MessageLogModel::RuleLabelRole) || has(MessageLogModel::RulePatternRole)
        || has(MessageLogModel::DecodedRole);
}

// ---------------------------------------------------------------------------------------------
// TrafficLog

TrafficLog::TrafficLog(QObject *parent)
    : QObject(parent)
    , m_connections(new ConnectionsModel(this))
    , m_messages(new MessageLogModel(this))
{ }

void TrafficLog::attach(MockServer *server)
{
    if (server == m_server)
        return;
    detach();
    m_server = server;
    if (!server)
        return;
    connect(server, &MockServer::trafficEvent, this, &TrafficLog::addEvent);
}

void TrafficLog::detach()
{
    if (!m_server)
        return;
    disconnect(m_server, &MockServer::trafficEvent, this, &TrafficLog::addEvent);
    m_server = nullptr;
}

void TrafficLog::addEvent(const TrafficEvent &event)
{
    m_connections->addEvent(event);
    // Looked up now: the spec served when the event happened names its rules.
    const MockSpecPtr spec = m_server ? m_server->spec() : nullptr;
    m_messages->addEvent(event, spec ? rulePatternOf(*spec, event) : QString());
}

QString TrafficLog::rulePatternOf(const MockSpec &spec, const TrafficEvent &event)
{
    // "on-message[N]" names the rule by its index: read it, rather than label every rule.
    static const QLatin1StringView prefix("on-message[");
    if (!event.rule.startsWith(prefix) || !event.rule.endsWith(u']'))
        return {};
    bool isIndex = false;
    const int index = QStringView(event.rule)
                          .sliced(prefix.size(), event.rule.size() - prefix.size() - 1)
                          .toInt(&isIndex);
    const Endpoint *endpoint = isIndex ? spec.route(event.path) : nullptr;
    if (!endpoint || index < 0 || index >= endpoint->rules.size())
        return {};
    const Rule &rule = endpoint->rules.at(index);
    if (!rule.matchesBinary)
        return rule.pattern.source();
    return rule.binaryPrefix.isEmpty()
        ? QStringLiteral("binary: any")
        : QStringLiteral("binary: ") + QString::fromLatin1(rule.binaryPrefix.toHex(' '));
}

void TrafficLog::clear()
{
    m_messages->clear();
    m_connections->clearClosed();
}

void TrafficLog::load(const QList<TrafficEvent> &events)
{
    if (events.size() > m_messages->capacity())
        m_messages->setCapacity(int(events.size()));
    for (const TrafficEvent &event : events) {
        m_connections->addEvent(event);
        m_messages->addEvent(event);
    }
    m_messages->flush();
}

QByteArray TrafficLog::har()
{
    m_messages->flush();
    QList<TrafficEvent> events;
    for (int row = 0; row < m_messages->rowCount(); ++row)
        events.append(m_messages->eventAt(row));
    return HarWriter::write(events);
}

QByteArray TrafficLog::jsonLines()
{
    m_messages->flush();
    QByteArray lines;
    for (int row = 0; row < m_messages->rowCount(); ++row)
        lines += m_messages->eventAt(row).toJsonLine() + '\n';
    return lines;
}
