#include "journal.h"

#include "pathpattern.h"

#include <QDateTime>
#include <QJsonArray>

namespace {
QJsonObject missJson(const QString &rule, const PatternMiss &miss)
{
    QJsonObject json { { QStringLiteral("rule"), rule },
                       { QStringLiteral("reason"), miss.reasonName() } };
    if (!miss.path.isEmpty())
        json.insert(QStringLiteral("at"), miss.path);
    if (!miss.expected.isEmpty() || !miss.actual.isEmpty()) {
        json.insert(QStringLiteral("expected"), miss.expected);
        json.insert(QStringLiteral("actual"), miss.actual);
    }
    if (miss.position >= 0)
        json.insert(QStringLiteral("position"), miss.position);
    return json;
}
} // namespace

QJsonObject JournalEntry::toJson() const
{
    QJsonObject json {
        { QStringLiteral("seq"), sequence },
        { QStringLiteral("connection"), qint64(connectionId) },
        { QStringLiteral("path"), path },
        { QStringLiteral("direction"), incoming ? QStringLiteral("in") : QStringLiteral("out") },
        { QStringLiteral("payload"), isBinary ? QString::fromLatin1(binary.toBase64()) : text },
        { QStringLiteral("binary"), isBinary },
        { QStringLiteral("rule"), unmatched() ? QStringLiteral("unmatched") : rule },
        { QStringLiteral("time"),
          QDateTime::fromMSecsSinceEpoch(time, Qt::UTC).toString(Qt::ISODateWithMs) },
    };
    if (unmatched()) {
        QJsonArray why;
        for (const auto &[label, miss] : misses)
            why.append(missJson(label, miss));
        json.insert(QStringLiteral("why"), why);
    }
    return json;
}

bool JournalFilter::matches(const JournalEntry &entry) const
{
    if (entry.sequence <= since || (connection && *connection != entry.connectionId))
        return false;
    if (!direction.isEmpty()
        && direction != (entry.incoming ? QLatin1String("in") : QLatin1String("out")))
        return false;
    if (unmatchedOnly && !entry.unmatched())
        return false;
    if (!rule.isEmpty() && rule != (entry.unmatched() ? QStringLiteral("unmatched") : entry.rule))
        return false;
    if (!contains.isEmpty()
        && !(entry.isBinary ? QString::fromLatin1(entry.binary.toBase64()) : entry.text)
                .contains(contains))
        return false;
    if (path.isEmpty() || path == entry.path)
        return true;
    const std::optional<PathPattern> pattern = PathPattern::parse(path);
    return pattern && pattern->match(PathPattern::splitPath(entry.path)).has_value();
}

void Journal::setCapacity(qsizetype capacity)
{
    m_capacity = std::max<qsizetype>(1, capacity);
    trim();
}

const JournalEntry *Journal::add(const TrafficEvent &event,
                                 QList<std::pair<QString, PatternMiss>> misses)
{
    using Kind = TrafficEvent::Kind;
    if (event.kind != Kind::Received && event.kind != Kind::Unmatched && event.kind != Kind::Binary
        && event.kind != Kind::Sent)
        return nullptr;
    JournalEntry entry;
    entry.sequence = m_next++;
    entry.connectionId = event.connectionId;
    entry.path = event.path;
    entry.incoming = event.kind != Kind::Sent;
    entry.isBinary = event.kind == Kind::Binary || event.delivery.binary;
    if (entry.isBinary)
        entry.binary = event.data;
    else
        entry.text = event.payload;
    entry.rule = event.kind == Kind::Unmatched ? QString() : event.rule;
    entry.time = event.timestamp;
    if (entry.unmatched())
        entry.misses = std::move(misses);
    m_entries.push_back(std::move(entry));
    trim();
    return &m_entries.back();
}

void Journal::trim()
{
    while (qsizetype(m_entries.size()) > m_capacity) {
        m_entries.pop_front();
        ++m_dropped;
    }
}

QList<const JournalEntry *> Journal::find(const JournalFilter &filter) const
{
    QList<const JournalEntry *> found;
    for (const JournalEntry &entry : m_entries) {
        if (filter.matches(entry))
            found.append(&entry);
    }
    if (filter.limit > 0 && found.size() > filter.limit) {
        if (filter.since > 0)
            found.resize(filter.limit);
        else
            found = found.mid(found.size() - filter.limit);
    }
    return found;
}

void Journal::clear()
{
    m_entries.clear();
}
