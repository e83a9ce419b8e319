#include "specrules.h"

#include "regexrisk.h"
#include "specloader.h"

#include <QRegularExpression>

#include <cmath>

// The messages keep SpecLoader's translation context: they are the loader's diagnostics.

namespace SpecRules {

Verdict<Delay> delay(const QString &text)
{
    Delay parsed;
    if (!Delay::parse(text, &parsed))
        return Verdict<Delay>::reject(
            SpecLoader::tr("'delay' must be a duration such as 250ms, 1.5s or 100ms..300ms "
                           "(at most 1 hour)"));
    return Verdict<Delay>::accept(parsed);
}

Verdict<int> streamInterval(const QString &text)
{
    Delay every;
    if (!Delay::parse(text, &every) || every.minMs != every.maxMs)
        return Verdict<int>::reject(
            SpecLoader::tr("'every' must be an interval such as 500ms or 2s"));
    if (every.minMs < Stream::MinimumIntervalMs)
        return Verdict<int>::reject(
            SpecLoader::tr("'every' must be at least %1ms, so a stream cannot flood")
                .arg(Stream::MinimumIntervalMs));
    return Verdict<int>::accept(every.minMs);
}

bool isSendableCloseCode(int code)
{
    // 1004-1006 and 1015 are reserved: never sent in a close frame.
    return (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014)
        || (code >= 3000 && code <= 4999);
}

QString closeCodeProblem(int code)
{
    if (isSendableCloseCode(code))
        return QString();
    return SpecLoader::tr("close code %1 cannot be sent (use 1000-1003, 1007-1014 or 3000-4999)")
        .arg(code);
}

QString closeReasonProblem(const QString &reason)
{
    if (reason.toUtf8().size() <= MaxCloseReasonBytes)
        return QString();
    return SpecLoader::tr("a close reason holds at most 123 bytes");
}

QString streamFramesProblem(qsizetype frameCount)
{
    return frameCount > 0 ? QString() : SpecLoader::tr("stream has no 'frames'");
}

QByteArray withoutSpaces(const QString &text)
{
    return text.toLatin1().simplified().replace(' ', "");
}

Verdict<QByteArray> base64Frame(const QString &text)
{
    const auto decoded = QByteArray::fromBase64Encoding(withoutSpaces(text),
                                                        QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        return Verdict<QByteArray>::reject(SpecLoader::tr("'binary' must be base64 text"));
    return Verdict<QByteArray>::accept(*decoded);
}

std::optional<QByteArray> hexPrefix(const QString &text)
{
    const QByteArray clean = withoutSpaces(text);
    const QByteArray bytes = QByteArray::fromHex(clean);
    if (clean.size() % 2 != 0 || bytes.toHex() != clean.toLower() || bytes.isEmpty())
        return std::nullopt;
    return bytes;
}

std::optional<QByteArray> base64Prefix(const QString &text)
{
    const auto decoded
        = QByteArray::fromBase64Encoding(text.toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded || (*decoded).isEmpty())
        return std::nullopt;
    return *decoded;
}

bool isSubprotocolName(const QString &name)
{
    return !name.isEmpty();
}

QString subprotocolNameProblem()
{
    return SpecLoader::tr("a subprotocol is a name such as chat.v1");
}

QString conversationNameProblem(const QString &name)
{
    // No '.': {{vars.a.b}} would look below a value, not for one named "a.b".
    static const QRegularExpression word(QStringLiteral("^[A-Za-z0-9_-]+$"));
    if (word.match(name).hasMatch())
        return QString();
    return SpecLoader::tr("'%1' is not a name: use letters, digits, '_' or '-'").arg(name);
}

Verdict<qint64> streamCount(const QString &text)
{
    bool ok = false;
    const qint64 count = text.toLongLong(&ok);
    if (ok && count > 0)
        return Verdict<qint64>::accept(count);
    return Verdict<qint64>::reject(
        SpecLoader::tr("'count' must be a whole number of frames, 1 or more"));
}

namespace {
bool clientChooses(const TemplateVariable &variable, const PathPattern *path,
                   const QStringList &bound)
{
    using Source = TemplateVariable::Source;
    if (bound.contains(variable.expression))
        return true; // a binding comes before every source
    switch (variable.source) {
    case Source::PathParams: {
        const ParamType type = path && variable.path.size() == 1
            ? path->parameterType(variable.path.first())
            : ParamType::String;
        return type != ParamType::Int && type != ParamType::Float && type != ParamType::Bool;
    }
    case Source::QueryParams:
    case Source::JsonParams:
    case Source::Message:
    case Source::HeaderParams:
    case Source::Regex:
    case Source::Vars: // set from messages, as a rule's `set` says
    case Source::Shared:
    case Source::Protocol:
        return true;
    case Source::State:
    case Source::Other:
    case Source::ConnectionId:
    case Source::ConnectionMessages:
    case Source::Counter:
    case Source::Now:
    case Source::Uuid:
    case Source::Random:
    case Source::Invalid:
        break;
    }
    return false;
}
} // namespace

QString bareJsonValueProblem(const TemplateVariable &variable, const PathPattern *path,
                             const QStringList &bound)
{
    if (!variable.filters.isEmpty() && variable.filters.last().kind == TemplateFilter::Kind::Json)
        return QString();
    if (!clientChooses(variable, path, bound))
        return QString();
    return SpecLoader::tr("'{{%1}}' goes into the JSON without quotes: a client can add keys of "
                          "its own through it; write '{{%1 | json}}' to insert one JSON value")
        .arg(variable.text);
}

QString backtrackingProblem(const MessagePattern &pattern)
{
    if (!pattern.isRegex())
        return QString();
    const qsizetype group = backtrackingProneGroup(pattern.source());
    if (group < 0)
        return QString();
    return SpecLoader::tr("pattern is prone to catastrophic backtracking: the group at offset %1 "
                          "is repeated and holds a repetition of its own or alternatives that "
                          "match alike (as (a+)+ and (a|a)* do), so a message that almost "
                          "matches can take seconds; repeat one thing once (a+ instead of (a+)+)")
        .arg(group);
}

namespace {

bool shadows(const Rule &earlier, const Rule &later)
{
    if (earlier.matchesBinary != later.matchesBinary)
        return false;
    if (earlier.matchesBinary)
        return later.binaryPrefix.startsWith(earlier.binaryPrefix);
    return earlier.pattern.covers(later.pattern);
}

// Text patterns shadow only their equals: one lookup. Others are compared, boundedly.
std::optional<qsizetype> shadowingRule(const QList<Rule> &rules, qsizetype index,
                                       const QList<qsizetype> &compared,
                                       QHash<QString, qsizetype> *textRules)
{
    const Rule &rule = rules.at(index);
    if (!rule.matchesBinary && rule.pattern.kind() == MessagePattern::Kind::Text) {
        const auto found = textRules->constFind(rule.pattern.source());
        if (found != textRules->constEnd())
            return found.value();
        textRules->insert(rule.pattern.source(), index);
        return std::nullopt;
    }
    for (const qsizetype earlier : compared) {
        if (shadows(rules.at(earlier), rule))
            return earlier;
    }
    return std::nullopt;
}

} // namespace

QList<ShadowedRule> shadowedRules(const QList<Rule> &rules)
{
    QList<ShadowedRule> shadowed;
    QHash<QString, qsizetype> textRules;
    QList<qsizetype> jsonRules, binaryRules; // the first MaxShadowComparisons of each kind
    for (qsizetype index = 0; index < rules.size(); ++index) {
        const Rule &rule = rules.at(index);
        if (!rule.enabled) // switched off: it neither matches nor hides another rule
            continue;
        QList<qsizetype> &ofKind = rule.matchesBinary ? binaryRules : jsonRules;
        const std::optional<qsizetype> earlier = shadowingRule(rules, index, ofKind, &textRules);
        if (earlier) {
            const Rule &first = rules.at(*earlier);
            shadowed.append({ index, *earlier,
                              SpecLoader::tr("'%1' never matches: '%2' (line %3) matches every "
                                             "message it does, first")
                                  .arg(rule.label(), first.label())
                                  .arg(first.location.line) });
        } else if (ofKind.size() < MaxShadowComparisons
                   && (rule.matchesBinary || rule.pattern.kind() == MessagePattern::Kind::Json)) {
            ofKind.append(index);
        }
    }
    return shadowed;
}

std::optional<Audience> audience(const QString &text)
{
    if (text == QLatin1String("sender"))
        return Audience::Sender;
    if (text == QLatin1String("endpoint") || text == QLatin1String("all"))
        return Audience::Endpoint;
    if (text == QLatin1String("others"))
        return Audience::Others;
    return std::nullopt;
}

namespace {

// A token of RFC 9110: what a method and a header name are made of.
bool isToken(const QString &text)
{
    static const QRegularExpression token(QStringLiteral("^[!#$%&'*+.^_`|~0-9A-Za-z-]+$"));
    return token.match(text).hasMatch();
}

std::optional<WebhookCondition::Op> conditionOp(const QString &text)
{
    using Op = WebhookCondition::Op;
    static const std::pair<const char *, Op> ops[] = {
        { "=", Op::Equal },           { ">", Op::Greater },      { "<", Op::Less },
        { ">=", Op::GreaterOrEqual }, { "<=", Op::LessOrEqual },
    };
    for (const auto &[name, op] : ops) {
        if (text == QLatin1String(name))
            return op;
    }
    return std::nullopt;
}

// A condition's literal: a number as it is, or a string in single or double quotes.
bool readLiteral(const QString &text, WebhookCondition *condition)
{
    bool isNumber = false;
    const double number = text.toDouble(&isNumber);
    if (isNumber && std::isfinite(number)) {
        condition->literal = text;
        condition->literalIsNumber = true;
        return true;
    }
    const bool quoted = text.size() >= 2 && text.front() == text.back()
        && (text.front() == QLatin1Char('"') || text.front() == QLatin1Char('\''));
    if (!quoted)
        return false;
    condition->literal = text.mid(1, text.size() - 2);
    return true;
}

// Whether a request can give the condition's value: a parameter, header or body value.
bool isRequestValue(const TemplateVariable &variable)
{
    using Source = TemplateVariable::Source;
    return variable.problems.isEmpty()
        && (variable.source == Source::PathParams || variable.source == Source::QueryParams
            || variable.source == Source::JsonParams || variable.source == Source::HeaderParams
            || variable.source == Source::Message);
}

} // namespace

Verdict<QByteArray> httpMethod(const QString &text)
{
    if (!isToken(text))
        return Verdict<QByteArray>::reject(
            SpecLoader::tr("'method' must be an HTTP method such as GET or POST, found '%1'")
                .arg(text));
    return Verdict<QByteArray>::accept(text.toUpper().toLatin1());
}

Verdict<QString> httpHost(const QString &text)
{
    const QString host = normalizedHost(text);
    static const QRegularExpression hostName(
        QStringLiteral("^([A-Za-z0-9._~-]+|\\[[0-9A-Fa-f:.]+\\])$"));
    if (!hostName.match(host).hasMatch())
        return Verdict<QString>::reject(
            SpecLoader::tr("'host' must be a host name such as api.example.test, found '%1'")
                .arg(text));
    return Verdict<QString>::accept(host);
}

Verdict<int> httpStatus(const QString &text)
{
    bool isNumber = false;
    const int status = text.toInt(&isNumber);
    if (!isNumber || status < 100 || status > 599)
        return Verdict<int>::reject(
            SpecLoader::tr("'status' must be an HTTP status code from 100 to 599, found '%1'")
                .arg(text));
    return Verdict<int>::accept(status);
}

bool isHeaderName(const QString &name)
{
    return isToken(name);
}

QString headerNameProblem(const QString &name)
{
    return SpecLoader::tr("'%1' is not a header name (letters, digits and -, such as "
                          "X-Request-Id)")
        .arg(name);
}

Verdict<int> positiveCount(const QString &text, const QString &key)
{
    bool isNumber = false;
    const int count = text.toInt(&isNumber);
    if (!isNumber || count <= 0)
        return Verdict<int>::reject(
            SpecLoader::tr("'%1' must be a whole number above 0, found '%2'").arg(key, text));
    return Verdict<int>::accept(count);
}

Verdict<int> sleepTimeMs(const QString &text)
{
    constexpr double MaxSeconds = 3600;
    bool isNumber = false;
    const double seconds = text.toDouble(&isNumber);
    if (!isNumber || !(seconds >= 0 && seconds <= MaxSeconds))
        return Verdict<int>::reject(
            SpecLoader::tr("'sleep-time' must be a number of seconds such as 2 or 0.5 (at most "
                           "1 hour), found '%1'")
                .arg(text));
    return Verdict<int>::accept(int(std::lround(seconds * 1000)));
}

Verdict<WebhookCondition> webhookCondition(const QString &text)
{
    static const QRegularExpression shape(
        QStringLiteral("^\\s*(.+?)\\s*(>=|<=|=|>|<)\\s*(.*?)\\s*$"));
    const QRegularExpressionMatch parts = shape.match(text);
    WebhookCondition condition;
    condition.text = text;
    if (parts.hasMatch()) {
        condition.variable = TemplateVariable::parse(parts.captured(1));
        condition.op = *conditionOp(parts.captured(2));
    }
    if (!parts.hasMatch() || !readLiteral(parts.captured(3), &condition))
        return Verdict<WebhookCondition>::reject(
            SpecLoader::tr("'if' must be VALUE OP LITERAL such as json-params.name = \"bob\" "
                           "(OP: = > < >= <=; LITERAL: a number or a quoted string), found '%1'")
                .arg(text));
    if (!isRequestValue(condition.variable))
        return Verdict<WebhookCondition>::reject(
            SpecLoader::tr("'if' compares '%1', which is no value of the request (use "
                           "path-params, query-params, json-params or header-params)")
                .arg(parts.captured(1)));
    return Verdict<WebhookCondition>::accept(condition);
}

} // namespace SpecRules
