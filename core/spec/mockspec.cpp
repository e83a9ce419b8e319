#include "mockspec.h"

#include <QRandomGenerator>
#include <QRegularExpression>
#include <QUrl>
#include <QUrlQuery>

#include <algorithm>

int Delay::pick() const
{
    if (maxMs <= minMs)
        return minMs;
    return minMs + int(QRandomGenerator::global()->bounded(maxMs - minMs + 1));
}

QString Delay::text() const
{
    if (minMs == maxMs)
        return QStringLiteral("%1ms").arg(minMs);
    return QStringLiteral("%1ms..%2ms").arg(minMs).arg(maxMs);
}

bool Delay::parse(const QString &text, Delay *out)
{
    static const QRegularExpression one(QStringLiteral("^\\s*(\\d+(?:\\.\\d+)?)\\s*(ms|s)?\\s*$"));
    auto toMs = [](const QString &part, int *ms) {
        const QRegularExpressionMatch match = one.match(part);
        if (!match.hasMatch())
            return false;
        const double value = match.captured(1).toDouble();
        const double result = match.captured(2) == QLatin1String("s") ? value * 1000 : value;
        if (result > 3600 * 1000)
            return false;
        *ms = int(result);
        return true;
    };
    const QStringList parts = text.split(QStringLiteral(".."));
    Delay delay;
    if (parts.size() == 1 && toMs(parts.first(), &delay.minMs)) {
        delay.maxMs = delay.minMs;
    } else if (parts.size() == 2 && toMs(parts.at(0), &delay.minMs)
               && toMs(parts.at(1), &delay.maxMs) && delay.minMs <= delay.maxMs) {
    } else {
        return false;
    }
    *out = delay;
    return true;
}

QString Rule::label() const
{
    return labelText.isEmpty() ? QStringLiteral("on-message[%1]").arg(index) : labelText;
}

PatternMiss Rule::explainMiss(const IncomingMessage &message) const
{
    if (!enabled)
        return { PatternMiss::Reason::Disabled, {}, {}, {}, -1 };
    if (matchesBinary)
        return { PatternMiss::Reason::BinaryRule, {}, {}, {}, -1 };
    return pattern.explainMiss(message);
}

PatternMiss Rule::explainBinaryMiss(const QByteArray &data) const
{
    if (!enabled)
        return { PatternMiss::Reason::Disabled, {}, {}, {}, -1 };
    if (!matchesBinary)
        return { PatternMiss::Reason::TextRule, {}, {}, {}, -1 };
    if (data.startsWith(binaryPrefix))
        return {};
    return { PatternMiss::Reason::PrefixDiffers,
             {},
             QString::fromLatin1(binaryPrefix.toHex(' ')),
             QString::fromLatin1(data.left(binaryPrefix.size()).toHex(' ')),
             -1 };
}

namespace {
// Whether the rule is switched on and its guard lets this conversation use it.
bool guardAdmits(const Rule &rule, const QString *state, const ParamMap *shared)
{
    static const ParamMap none;
    if (!rule.enabled)
        return false;
    return !rule.conversation.hasGuard()
        || (state && rule.conversation.admits(*state, shared ? *shared : none));
}
} // namespace

const Rule *Endpoint::firstMatch(const IncomingMessage &message, Bindings *bindings,
                                 const QString *state, const ParamMap *shared) const
{
    for (const Rule &rule : rules) {
        // The guard first: a rule it shuts out must not leave its bindings behind.
        if (!rule.matchesBinary && guardAdmits(rule, state, shared)
            && rule.pattern.matches(message, bindings))
            return &rule;
    }
    return nullptr;
}

const Rule *Endpoint::firstProtocolMatch(const Protocols::Decoded &message,
                                         const IncomingMessage &payload, Bindings *bindings,
                                         const QString *state, const ParamMap *shared) const
{
    for (const Rule &rule : rules) {
        if (rule.matchesBinary || !guardAdmits(rule, state, shared))
            continue;
        const bool selected = std::all_of(
            rule.selectors.cbegin(), rule.selectors.cend(),
            [&message](const ProtocolSelector &selector) { return selector.selects(message); });
        if (selected && (rule.anyPayload || rule.pattern.matches(payload, bindings)))
            return &rule;
    }
    return nullptr;
}

QString ProtocolSelector::readOf(const Protocols::Decoded &message) const
{
    const QString read = field.isEmpty() ? message.name : message.params.value(field);
    return read.isEmpty() ? message.command : message.command + QLatin1Char(' ') + read;
}

bool ProtocolSelector::selects(const Protocols::Decoded &message) const
{
    if (message.command != command)
        return false;
    const QString &actual = field.isEmpty() ? message.name : message.params.value(field);
    return contains ? actual.contains(value) : actual == value;
}

bool Conversation::admits(const QString &state, const ParamMap &shared) const
{
    if (!whenState.isEmpty() && !whenState.contains(state))
        return false;
    return std::all_of(whenShared.cbegin(), whenShared.cend(), [&shared](const auto &wanted) {
        return shared.value(wanted.first) == wanted.second;
    });
}

const SequenceReply &Sequence::replyFor(qint64 match) const
{
    const qsizetype count = replies.size();
    const qsizetype index = cycle ? qsizetype((match - 1) % count) : std::min(match, count) - 1;
    return replies.at(std::max<qsizetype>(index, 0));
}

const Rule *Endpoint::firstBinaryMatch(const QByteArray &data, const QString *state,
                                       const ParamMap *shared) const
{
    for (const Rule &rule : rules) {
        if (rule.matchesBinary && data.startsWith(rule.binaryPrefix)
            && guardAdmits(rule, state, shared))
            return &rule;
    }
    return nullptr;
}

namespace {
// A miss the pattern alone does not explain: the rule's guard shut it out.
PatternMiss guardMiss(const Rule &rule, PatternMiss miss, const QString *state,
                      const ParamMap *shared)
{
    if (miss.reason != PatternMiss::Reason::None || guardAdmits(rule, state, shared))
        return miss;
    QStringList needs;
    if (!rule.conversation.whenState.isEmpty())
        needs.append(rule.conversation.whenState.join(QStringLiteral(", ")));
    for (const auto &[name, value] : rule.conversation.whenShared)
        needs.append(QStringLiteral("shared.%1 = %2").arg(name, value));
    return { PatternMiss::Reason::StateGuard,
             {},
             needs.join(QStringLiteral("; ")),
             state ? *state : QString(),
             -1 };
}
} // namespace

QList<PatternMiss> Endpoint::explainMisses(const IncomingMessage &message, const QString *state,
                                           const ParamMap *shared) const
{
    QList<PatternMiss> misses;
    for (const Rule &rule : rules)
        misses.append(guardMiss(rule, rule.explainMiss(message), state, shared));
    return misses;
}

QList<PatternMiss> Endpoint::explainProtocolMisses(const Protocols::Decoded &message,
                                                   const IncomingMessage &payload,
                                                   const QString *state,
                                                   const ParamMap *shared) const
{
    QList<PatternMiss> misses;
    for (const Rule &rule : rules) {
        const auto refusing = std::find_if(
            rule.selectors.cbegin(), rule.selectors.cend(),
            [&message](const ProtocolSelector &selector) { return !selector.selects(message); });
        if (rule.enabled && !rule.matchesBinary && refusing != rule.selectors.cend()) {
            misses.append({ PatternMiss::Reason::SelectorDiffers, refusing->key, refusing->value,
                            refusing->readOf(message), -1 });
            continue;
        }
        const PatternMiss miss = rule.anyPayload && rule.enabled && !rule.matchesBinary
            ? PatternMiss()
            : rule.explainMiss(payload);
        misses.append(guardMiss(rule, miss, state, shared));
    }
    return misses;
}

QList<PatternMiss> Endpoint::explainBinaryMisses(const QByteArray &data, const QString *state,
                                                 const ParamMap *shared) const
{
    QList<PatternMiss> misses;
    for (const Rule &rule : rules)
        misses.append(guardMiss(rule, rule.explainBinaryMiss(data), state, shared));
    return misses;
}

QString Stream::label() const
{
    return QStringLiteral("streams[%1]").arg(index);
}

void MockSpec::buildRoutes()
{
    m_routeOrder.clear();
    for (int i = 0; i < endpoints.size(); ++i)
        m_routeOrder.append(i);
    std::stable_sort(m_routeOrder.begin(), m_routeOrder.end(), [this](int left, int right) {
        return endpoints.at(left).path.moreSpecificThan(endpoints.at(right).path);
    });
    buildHttpRoutes();
}

const Endpoint *MockSpec::route(const QString &rawPath, ParamMap *params) const
{
    const QStringList segments = PathPattern::splitPath(rawPath);
    for (int index : m_routeOrder) {
        const Endpoint &endpoint = endpoints.at(index);
        if (auto found = endpoint.path.match(segments)) {
            if (params)
                *params = std::move(*found);
            return &endpoint;
        }
    }
    return nullptr;
}

int MockSpec::endpointIndex(const Endpoint *endpoint) const
{
    for (int i = 0; i < endpoints.size(); ++i) {
        if (&endpoints.at(i) == endpoint)
            return i;
    }
    return -1;
}

int MockSpec::ruleCount() const
{
    int count = 0;
    for (const Endpoint &endpoint : endpoints)
        count += int(endpoint.rules.size());
    return count;
}

ParamMap queryParamsOf(const QUrl &url)
{
    ParamMap params;
    const QUrlQuery query(url);
    for (const auto &[key, value] : query.queryItems(QUrl::FullyDecoded)) {
        if (!params.contains(key))
            params.insert(key, value);
    }
    return params;
}
