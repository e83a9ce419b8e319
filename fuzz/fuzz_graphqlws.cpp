// The graphql-ws codec (core/protocols/graphqlws.h): one session fed the input's messages in
// order (NUL-separated, at most 16), as a client would send them.
//
// Checks, from graphqlws.h and the protocol (graphql-transport-ws):
// - Every verdict is one the protocol knows: a Bad one closes with 4400, 4401, 4409 or 4429
//   and a reason that fits a close frame (123 bytes), says what was wrong and answers nothing;
//   after it the session is not fed again (the server closes the connection).
// - Every reply of the session is a JSON object with a type.
// - A Message is a subscribe with its operation id as stream key and {{protocol.id}}, and a
//   JSON object payload; the operation is running: a `next` for it is framed (a JSON object
//   with that id), and once complete is answered it is not any more.
// - Stop is a client's complete and names the operation.
// - operationOf never fails and returns a GraphQL name or nothing.

#include "fuzzcommon.h"

#include "graphqlws.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace {

using Protocols::Decoded;

QJsonObject objectOf(const QString &text)
{
    return QJsonDocument::fromJson(text.toUtf8()).object();
}

void checkIsMessage(const QString &text)
{
    const QJsonDocument document = QJsonDocument::fromJson(text.toUtf8());
    FUZZ_CHECK(document.isObject() && document.object().value(QLatin1String("type")).isString(),
               text);
}

void checkBad(const Decoded &decoded)
{
    const int code = decoded.closeCode;
    FUZZ_CHECK(code == 4400 || code == 4401 || code == 4409 || code == 4429, QString::number(code));
    FUZZ_CHECK(!decoded.closeReason.isEmpty() && decoded.closeReason.toUtf8().size() <= 123,
               decoded.closeReason);
    FUZZ_CHECK(!decoded.problem.isEmpty(), decoded.summary);
    FUZZ_CHECK(decoded.replies.isEmpty(), decoded.replies.join(QLatin1Char('\n')));
}

void checkMessage(GraphqlWs::Session &session, const Decoded &decoded)
{
    FUZZ_CHECK(decoded.command == QLatin1String("subscribe"), decoded.command);
    FUZZ_CHECK(!decoded.streamKey.isEmpty(), decoded.summary);
    FUZZ_CHECK(decoded.params.value(QStringLiteral("id")) == decoded.streamKey, decoded.summary);
    FUZZ_CHECK(QJsonDocument::fromJson(decoded.payload.toUtf8()).isObject(), decoded.payload);
    const std::optional<QString> next
        = session.frame({}, QStringLiteral(R"({"data":null})"), decoded.params);
    FUZZ_CHECK(next.has_value(), decoded.summary);
    const QJsonObject framed = objectOf(*next);
    FUZZ_CHECK(framed.value(QLatin1String("id")).toString() == decoded.streamKey, *next);
    FUZZ_CHECK(framed.value(QLatin1String("type")).toString() == QLatin1String("next"), *next);
    // Every other operation is answered at once; then it is over.
    if (decoded.streamKey.size() % 2 == 0) {
        const QStringList complete = session.answered(decoded, false);
        FUZZ_CHECK(complete.size() == 1, decoded.summary);
        checkIsMessage(complete.first());
        FUZZ_CHECK(!session.frame({}, QStringLiteral("{}"), decoded.params).has_value(),
                   decoded.summary);
    }
}

void checkName(const QString &name)
{
    for (qsizetype i = 0; i < name.size(); ++i) {
        const QChar character = name.at(i);
        const bool letter = character.unicode() < 128 && character.isLetter();
        const bool digit = character.unicode() < 128 && character.isDigit();
        FUZZ_CHECK(letter || character == QLatin1Char('_') || (i > 0 && digit), name);
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    constexpr int MaxMessages = 16;
    const QList<QByteArray> messages = fuzz::fields(data, size, MaxMessages);
    GraphqlWs::Session session;
    for (const QByteArray &bytes : messages) {
        const QString text = fuzz::text(bytes);
        checkName(GraphqlWs::operationOf(text, QString()));
        const Decoded decoded = session.decode(text);
        FUZZ_CHECK(decoded.summary.startsWith(QLatin1String("graphql-ws ")), decoded.summary);
        for (const QString &reply : decoded.replies)
            checkIsMessage(reply);
        switch (decoded.action) {
        case Decoded::Action::Bad:
            checkBad(decoded);
            return 0;
        case Decoded::Action::Message:
            checkMessage(session, decoded);
            break;
        case Decoded::Action::Stop:
            FUZZ_CHECK(!decoded.streamKey.isEmpty(), decoded.summary);
            FUZZ_CHECK(!session.frame({}, QStringLiteral("{}"), decoded.params).has_value(),
                       decoded.summary);
            break;
        case Decoded::Action::Connected:
        case Decoded::Action::Ignore:
        case Decoded::Action::Close:
            break;
        }
    }
    return 0;
}
