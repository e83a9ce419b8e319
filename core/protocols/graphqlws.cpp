#include "graphqlws.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>

namespace GraphqlWs {

namespace {

using Protocols::Decoded;

const QString Name = QStringLiteral("graphql-ws");

std::unique_ptr<Protocols::Session> makeSession(const Protocols::SessionOptions &)
{
    return std::make_unique<Session>();
}

QString compact(const QJsonObject &object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

QString typed(const QString &type)
{
    return compact({ { QStringLiteral("type"), type } });
}

Decoded bad(int code, const QString &reason)
{
    Decoded decoded;
    decoded.action = Decoded::Action::Bad;
    decoded.closeCode = code;
    decoded.closeReason = Protocols::fittedCloseReason(reason);
    decoded.problem = reason;
    decoded.summary = Name + QStringLiteral(" bad message: ") + reason;
    return decoded;
}

Decoded simple(Decoded::Action action, const QString &summary, const QStringList &replies = {})
{
    Decoded decoded;
    decoded.action = action;
    decoded.summary = Name + QLatin1Char(' ') + summary;
    decoded.replies = replies;
    return decoded;
}

bool isNameStart(QChar character)
{
    return character == QLatin1Char('_') || (character.unicode() < 128 && character.isLetter());
}

bool isNameChar(QChar character)
{
    return isNameStart(character) || (character.unicode() < 128 && character.isDigit());
}

// Skips white space, commas and comments from pos.
qsizetype skipIgnored(const QString &text, qsizetype pos)
{
    while (pos < text.size()) {
        const QChar character = text.at(pos);
        if (character == QLatin1Char('#')) {
            while (pos < text.size() && text.at(pos) != QLatin1Char('\n'))
                ++pos;
        } else if (character.isSpace() || character == QLatin1Char(',')
                   || character == QChar(0xfeff)) {
            ++pos;
        } else {
            break;
        }
    }
    return pos;
}

QString nameAt(const QString &text, qsizetype *pos)
{
    const qsizetype start = *pos;
    if (start >= text.size() || !isNameStart(text.at(start)))
        return QString();
    qsizetype end = start + 1;
    while (end < text.size() && isNameChar(text.at(end)))
        ++end;
    *pos = end;
    return text.mid(start, end - start);
}

// The position just past the selection set's opening brace of the first operation, or -1.
qsizetype firstSelection(const QString &text)
{
    int parens = 0;
    for (qsizetype pos = skipIgnored(text, 0); pos < text.size(); ++pos) {
        const QChar character = text.at(pos);
        if (character == QLatin1Char('"'))
            return -1; // a string outside a selection: a default value; not worth following
        if (character == QLatin1Char('('))
            ++parens;
        else if (character == QLatin1Char(')'))
            --parens;
        else if (character == QLatin1Char('{') && parens == 0)
            return pos + 1;
    }
    return -1;
}

} // namespace

const Protocols::Preset &preset()
{
    // The rule keys: `operation: NAME` (the operationName, or the first root field),
    // `query: TEXT` (found in the query), `error: TEMPLATE` (a GraphQL error as the answer).
    static const Protocols::Preset graphqlWs {
        Protocols::Kind::GraphqlWs,
        "graphql-ws",
        { QStringLiteral("graphql-transport-ws") },
        {
            { "operation", Protocols::KeyRole::Selector, "subscribe" },
            { "query", Protocols::KeyRole::Selector, "subscribe", "query", true },
            { "error", Protocols::KeyRole::FramingResponse, "error" },
        },
        &makeSession,
        "id",
    };
    return graphqlWs;
}

QString operationOf(const QString &query, const QString &operationName)
{
    if (!operationName.isEmpty())
        return operationName;
    qsizetype pos = firstSelection(query);
    if (pos < 0)
        return QString();
    pos = skipIgnored(query, pos);
    const QString first = nameAt(query, &pos);
    pos = skipIgnored(query, pos);
    if (first.isEmpty() || pos >= query.size() || query.at(pos) != QLatin1Char(':'))
        return first;
    pos = skipIgnored(query, pos + 1); // an alias: the field follows
    return nameAt(query, &pos);
}

Decoded Session::decode(const QString &frame)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(frame.toUtf8(), &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        return bad(4400, QStringLiteral("Invalid message received: not a JSON object"));
    const QJsonObject message = document.object();
    const QJsonValue type = message.value(QLatin1String("type"));
    if (!type.isString())
        return bad(4400, QStringLiteral("Invalid message received: no type"));
    const QString kind = type.toString();
    if (kind == QLatin1String("connection_init")) {
        if (m_initialised)
            return bad(4429, QStringLiteral("Too many initialisation requests"));
        m_initialised = m_acknowledged = true;
        return simple(Decoded::Action::Connected, kind,
                      { typed(QStringLiteral("connection_ack")) });
    }
    if (kind == QLatin1String("ping"))
        return simple(Decoded::Action::Ignore, kind, { typed(QStringLiteral("pong")) });
    if (kind == QLatin1String("pong"))
        return simple(Decoded::Action::Ignore, kind);
    if (kind == QLatin1String("subscribe"))
        return subscribe(message);
    if (kind == QLatin1String("complete")) {
        const QJsonValue id = message.value(QLatin1String("id"));
        if (!id.isString() || id.toString().isEmpty())
            return bad(4400, QStringLiteral("Invalid message received: complete needs an id"));
        Decoded stop = simple(Decoded::Action::Stop, kind + QLatin1Char(' ') + id.toString());
        stop.streamKey = id.toString();
        stop.params.insert(QStringLiteral("id"), id.toString());
        m_running.remove(id.toString());
        return stop;
    }
    return bad(4400,
               QStringLiteral("Invalid message received: unknown type '%1'").arg(kind.left(80)));
}

Decoded Session::decodeBinary(const QByteArray &)
{
    return bad(4400, QStringLiteral("Invalid message received: a binary frame"));
}

Decoded Session::subscribe(const QJsonObject &message)
{
    const QJsonValue id = message.value(QLatin1String("id"));
    const QJsonValue payload = message.value(QLatin1String("payload"));
    if (!id.isString() || id.toString().isEmpty())
        return bad(4400, QStringLiteral("Invalid message received: subscribe needs an id"));
    const QJsonValue query = payload.toObject().value(QLatin1String("query"));
    if (!payload.isObject() || !query.isString())
        return bad(4400,
                   QStringLiteral("Invalid message received: subscribe needs a payload "
                                  "with a query"));
    if (!m_acknowledged)
        return bad(4401, QStringLiteral("Unauthorized"));
    const QString operationId = id.toString();
    if (m_running.contains(operationId))
        return bad(4409,
                   QStringLiteral("Subscriber for %1 already exists").arg(operationId.left(80)));
    m_running.insert(operationId);
    const QJsonValue operationName = payload.toObject().value(QLatin1String("operationName"));
    Decoded decoded;
    decoded.action = Decoded::Action::Message;
    decoded.command = QStringLiteral("subscribe");
    decoded.name = operationOf(query.toString(), operationName.toString());
    decoded.payload = compact(payload.toObject());
    decoded.streamKey = operationId;
    decoded.params = { { QStringLiteral("id"), operationId },
                       { QStringLiteral("operation"), decoded.name },
                       { QStringLiteral("query"), query.toString() } };
    decoded.summary = Name + QStringLiteral(" subscribe ") + operationId + QLatin1Char(' ')
        + (decoded.name.isEmpty() ? QStringLiteral("(anonymous)") : decoded.name);
    return decoded;
}

std::optional<QString> Session::frame(const Protocols::Framing &framing, const QString &payload,
                                      const QHash<QString, QString> &params)
{
    const QString id = params.value(QStringLiteral("id"));
    if (!m_running.contains(id))
        return std::nullopt; // not this connection's operation, or it is over
    const QJsonDocument document = QJsonDocument::fromJson(payload.toUtf8());
    QJsonObject message { { QStringLiteral("id"), id } };
    if (framing.kind == QLatin1String("error")) {
        // An error ends the operation: no complete follows.
        m_running.remove(id);
        QJsonArray errors;
        if (document.isArray())
            errors = document.array();
        else if (document.isObject())
            errors.append(document.object());
        else
            errors.append(QJsonObject { { QStringLiteral("message"), payload } });
        message.insert(QStringLiteral("type"), QStringLiteral("error"));
        message.insert(QStringLiteral("payload"), errors);
        return compact(message);
    }
    message.insert(QStringLiteral("type"), QStringLiteral("next"));
    if (document.isObject())
        message.insert(QStringLiteral("payload"), document.object());
    else
        message.insert(QStringLiteral("payload"),
                       QJsonObject { { QStringLiteral("data"), payload } });
    return compact(message);
}

QStringList Session::complete(const QString &id)
{
    if (!m_running.remove(id))
        return {};
    return { compact(
        { { QStringLiteral("id"), id }, { QStringLiteral("type"), QStringLiteral("complete") } }) };
}

QStringList Session::answered(const Decoded &message, bool startedStream)
{
    if (startedStream || message.command != QLatin1String("subscribe"))
        return {};
    return complete(message.streamKey);
}

QStringList Session::unmatched(const Decoded &message)
{
    const QString id = message.streamKey;
    if (message.command != QLatin1String("subscribe") || !m_running.remove(id))
        return {};
    const QJsonObject error {
        { QStringLiteral("message"),
          QStringLiteral("no rule of the mock answers operation '%1'").arg(message.name) }
    };
    return { compact({ { QStringLiteral("id"), id },
                       { QStringLiteral("type"), QStringLiteral("error") },
                       { QStringLiteral("payload"), QJsonArray { error } } }) };
}

Decoded Session::timedOut()
{
    if (m_initialised)
        return {};
    const QString reason = QStringLiteral("Connection initialisation timeout");
    Decoded late = bad(4408, reason);
    late.problem = reason + QStringLiteral(": no connection_init within %1 ms").arg(InitTimeoutMs);
    return late;
}

QStringList Session::streamEnded(const QHash<QString, QString> &params)
{
    return complete(params.value(QStringLiteral("id")));
}

} // namespace GraphqlWs
