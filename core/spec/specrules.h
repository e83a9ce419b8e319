#pragma once

#include "mockspec.h"

#include <QByteArray>
#include <QString>

#include <optional>

// A value read from a config, or the reason it cannot be read.
template<typename T>
struct Verdict
{
    std::optional<T> value;
    QString problem; // the loader's message; empty when value is set

    bool ok() const { return value.has_value(); }
    static Verdict accept(T accepted) { return { std::move(accepted), QString() }; }
    static Verdict reject(QString why) { return { std::nullopt, std::move(why) }; }
};

// The rules a config's values follow, each with the message the loader reports when one is
// broken, so that the loader and the workbench's forms judge a value the same way.
namespace SpecRules {

constexpr int MaxCloseReasonBytes = int(Protocols::MaxCloseReasonBytes);

// 'delay': fixed ("250ms", "1.5s", "250") or a range ("100ms..300ms"), at most 1 hour.
Verdict<Delay> delay(const QString &text);
// A stream's 'every': one fixed interval of at least Stream::MinimumIntervalMs.
Verdict<int> streamInterval(const QString &text);

// The close codes an endpoint may send: 1000-1003, 1007-1014 and 3000-4999.
bool isSendableCloseCode(int code);
QString closeCodeProblem(int code); // empty when the code can be sent
QString closeReasonProblem(const QString &reason); // empty when it fits a close frame

// A stream needs frames to send.
QString streamFramesProblem(qsizetype frameCount); // empty when there is one at least

// A binary frame's base64 text; spaces and line breaks are ignored.
Verdict<QByteArray> base64Frame(const QString &text);
// The Latin-1 bytes of text without spaces and line breaks: what base64 and hex rules read.
QByteArray withoutSpaces(const QString &text);
// 'binary: {hex-prefix: ...}': pairs of hex digits (spaces ignored), at least one byte.
std::optional<QByteArray> hexPrefix(const QString &text);
// 'binary: {base64-prefix: ...}': base64 of at least one byte.
std::optional<QByteArray> base64Prefix(const QString &text);

// A subprotocol offered by an endpoint: a non-empty name such as chat.v1.
bool isSubprotocolName(const QString &name);
QString subprotocolNameProblem();

// A `proxy` URL: ws:// or wss:// and a host, where each {{...}} stands for some text.
// Empty when it is one.
QString proxyUrlProblem(const QString &text);

// A state (`when-state`, `set-state`) or variable (`set`, `set-shared`, `when-shared`) name:
// letters, digits, '_' and '-'. Empty when it is one.
QString conversationNameProblem(const QString &name);
// A rule-started stream's 'count': frames before it stops, 1 or more.
Verdict<qint64> streamCount(const QString &text);

// A reply's 'to': sender, endpoint (or its older name all) or others.
std::optional<Audience> audience(const QString &text);

// A placeholder a JSON reply inserts without quotes ({"raw": {{json-params.raw}}}): when a
// client chooses its value (a message, a JSON or query or header parameter, a regex group, a
// value the pattern binds, an untyped path parameter), it can add keys and values of its own.
// Safe: a value whose last filter is json (one JSON value, strings quoted), the values the
// server makes (uuid, now, counter, connection.*, random) and a path parameter typed int,
// float or bool. bound: the names the rule's pattern binds. Empty when the placeholder is safe.
QString bareJsonValueProblem(const TemplateVariable &variable, const PathPattern *path,
                             const QStringList &bound);

// A rule's text pattern used as a regular expression that is prone to catastrophic
// backtracking, as backtrackingProneGroup judges it ((a+)+, (a|a)*...). Empty when it is not
// (or the pattern is no regex).
QString backtrackingProblem(const MessagePattern &pattern);

// Rules of one endpoint that can never match because an earlier rule of it matches every
// message they do first: the same text pattern, a JSON pattern the earlier one's implies
// (MessagePattern::covers), a binary prefix that starts with an earlier one's. Each rule is
// compared with at most MaxShadowComparisons earlier ones of its kind, so a long list stays
// fast; a rule's text is looked up, not compared.
constexpr int MaxShadowComparisons = 256;
struct ShadowedRule
{
    qsizetype rule = 0; // index in the list
    qsizetype earlier = 0; // the first earlier rule that shadows it
    QString problem; // the loader's warning, naming the earlier rule's line
};
QList<ShadowedRule> shadowedRules(const QList<Rule> &rules);

// HTTP `endpoint:` items.

// 'method': an HTTP method (a token such as GET, PATCH or PURGE) in any case; upper case.
Verdict<QByteArray> httpMethod(const QString &text);
// 'host': a host name, in any case and perhaps with a port; lower case without the port.
Verdict<QString> httpHost(const QString &text);
// A response's 'status': a code from 100 to 599.
Verdict<int> httpStatus(const QString &text);
// A header name ('headers' keys, a rate limit's 'key-fn'): a token such as X-Request-Id.
bool isHeaderName(const QString &name);
QString headerNameProblem(const QString &name);
// A rate limit's 'window-ms' and 'max-requests': whole numbers above 0.
Verdict<int> positiveCount(const QString &text, const QString &key);
// A webhook's 'sleep-time': seconds, fractions allowed ("2", "0.5"), at most 1 hour.
Verdict<int> sleepTimeMs(const QString &text);
// A webhook's 'if': VALUE OP LITERAL with OP one of = > < >= <= and LITERAL a number or a
// quoted string, e.g. json-params.name = "bob".
Verdict<WebhookCondition> webhookCondition(const QString &text);

} // namespace SpecRules
