// MessagePattern::compile and matches. The input is two NUL-separated fields: the pattern
// and the message.
//
// Checks, from messagepattern.h and the README:
// - A text pattern without regular-expression syntax matches exactly the equal message.
// - A text pattern always matches its own text (equality comes before the regex).
// - A JSON pattern never matches a message that is not a JSON object or array.
// - A JSON pattern without placeholders matches its own text (subset match of itself).
// - Matching does not depend on whether bindings are collected, and only binds names the
//   pattern declares.
// - A JSON message always matches the same pattern again once re-serialised compactly.
// - The backtracking heuristic (regexrisk.h) reads any text and names one of its "(", or
//   none.

#include "fuzzcommon.h"

#include "incomingmessage.h"
#include "messagepattern.h"
#include "regexrisk.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace {

bool hasRegexSyntax(const QString &text)
{
    static const QString meta = QStringLiteral("\\^$.|?*+()[]{}");
    for (QChar c : text) {
        if (meta.contains(c))
            return true;
    }
    return false;
}

QString compact(const QJsonValue &json)
{
    const QJsonDocument doc
        = json.isObject() ? QJsonDocument(json.toObject()) : QJsonDocument(json.toArray());
    return QString::fromUtf8(doc.toJson(QJsonDocument::Compact));
}

QString describe(const QString &pattern, const QString &message)
{
    return QStringLiteral("pattern: ") + pattern + QStringLiteral("\nmessage: ") + message;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QList<QByteArray> f = fuzz::fields(data, size, 2);
    const QString patternText = fuzz::text(f.at(0));
    const QString messageText = fuzz::text(f.at(1));
    const QString what = describe(patternText, messageText);

    const MessagePattern pattern = MessagePattern::compile(patternText);
    FUZZ_CHECK(pattern.source() == patternText, what);
    (void)pattern.kindName();
    const qsizetype prone = backtrackingProneGroup(patternText);
    FUZZ_CHECK(prone == -1
                   || (prone >= 0 && prone < patternText.size()
                       && patternText.at(prone) == QLatin1Char('(')),
               what + QStringLiteral("\nprone group at ") + QString::number(prone));

    const IncomingMessage message(messageText);
    Bindings bindings;
    const bool matched = pattern.matches(message, &bindings);
    FUZZ_CHECK(pattern.matches(message, nullptr) == matched, what);
    if (!matched)
        FUZZ_CHECK(bindings.isEmpty(), what);
    for (auto it = bindings.cbegin(); it != bindings.cend(); ++it)
        FUZZ_CHECK(pattern.bindingNames().contains(it.key()),
                   what + QStringLiteral("\nbound: ") + it.key());

    const bool messageIsJson = message.json() != nullptr;
    if (pattern.kind() == MessagePattern::Kind::Json) {
        FUZZ_CHECK(!pattern.isRegex(), what);
        if (!messageIsJson)
            FUZZ_CHECK(!matched, what);
        if (pattern.bindingNames().isEmpty())
            FUZZ_CHECK(pattern.matches(IncomingMessage(patternText), nullptr), what);
    } else {
        if (!hasRegexSyntax(patternText)) {
            FUZZ_CHECK(!pattern.isRegex(), what);
            FUZZ_CHECK(matched == (messageText == patternText), what);
        }
        if (!pattern.isRegex())
            FUZZ_CHECK(matched == (messageText == patternText), what);
        FUZZ_CHECK(pattern.matches(IncomingMessage(patternText), nullptr), what);
    }

    // Whitespace and formatting of a JSON message do not matter.
    if (messageIsJson) {
        const QString again = compact(*message.json());
        FUZZ_CHECK(pattern.matches(IncomingMessage(again), nullptr) == matched
                       || pattern.kind() == MessagePattern::Kind::Text,
                   what + QStringLiteral("\ncompact: ") + again);
    }
    return 0;
}
