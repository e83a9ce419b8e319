#include "placeholders.h"

#include "messagepattern.h"
#include "pathpattern.h"
#include "specoutline.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

namespace {
bool contains(const TextRange &range, qsizetype position)
{
    return range.isValid() && position >= range.start && position <= range.end;
}

// The dotted paths of a JSON pattern's keys ("user", "room.id", "items.0"), in order.
void collectKeys(const QJsonValue &value, const QString &prefix, QStringList *keys)
{
    if (value.isObject()) {
        const QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it) {
            const QString key = prefix.isEmpty() ? it.key() : prefix + u'.' + it.key();
            keys->append(key);
            collectKeys(it.value(), key, keys);
        }
    } else if (value.isArray()) {
        const QJsonArray array = value.toArray();
        for (qsizetype i = 0; i < array.size(); ++i) {
            const QString key = prefix + u'.' + QString::number(i);
            keys->append(key);
            collectKeys(array.at(i), key, keys);
        }
    }
}

// The keys of a JSON pattern, its placeholders read as null (key order as written is lost
// by QJsonObject; the placeholders' own names come first, in the pattern's order).
QStringList jsonKeys(const QString &pattern)
{
    static const QRegularExpression placeholder(QStringLiteral(R"("?\{\{[^}]*\}\}"?)"));
    QString probe = pattern;
    probe.replace(placeholder, QStringLiteral("null"));
    const QJsonDocument document = QJsonDocument::fromJson(probe.toUtf8());
    QStringList keys;
    collectKeys(document.isObject() ? QJsonValue(document.object()) : QJsonValue(document.array()),
                QString(), &keys);
    return keys;
}

QString braced(const QString &name)
{
    return QStringLiteral("{{") + name + QStringLiteral("}}");
}

const EndpointOutline *endpointAt(const SpecOutline &outline, qsizetype position)
{
    for (const EndpointOutline &endpoint : outline.endpoints) {
        if (contains(endpoint.item, position))
            return &endpoint;
    }
    return nullptr;
}

QString httpPath(const HttpEndpointOutline &endpoint)
{
    return endpoint.value(QStringLiteral("path")).text;
}
} // namespace

QStringList Placeholders::bound(const QString &pattern)
{
    const MessagePattern compiled = MessagePattern::compile(pattern);
    QStringList names;
    for (const QString &name : compiled.bindingNames()) {
        const QString expression = name.section(u'|', 0, 0).trimmed();
        if (!expression.isEmpty() && !names.contains(expression))
            names.append(expression);
    }
    if (compiled.kind() != MessagePattern::Kind::Json)
        return names;
    for (const QString &key : jsonKeys(pattern)) {
        const QString name = QStringLiteral("json-params.") + key;
        if (!names.contains(name))
            names.append(name);
    }
    return names;
}

QString Placeholders::binding(const QString &pattern)
{
    const MessagePattern compiled = MessagePattern::compile(pattern);
    const QStringList names = bound(pattern);
    if (compiled.kind() == MessagePattern::Kind::Json) {
        return names.isEmpty() ? tr("JSON pattern: binds nothing")
                               : tr("JSON pattern: binds %1").arg(names.join(QStringLiteral(", ")));
    }
    if (compiled.isRegex()) {
        QStringList braces;
        for (const QString &name : names)
            braces.append(braced(name));
        return braces.isEmpty() ? tr("regex: binds nothing (name a group: (?<cmd>…))")
                                : tr("regex: binds %1").arg(braces.join(QStringLiteral(", ")));
    }
    return tr("exact text");
}

QList<Placeholder> Placeholders::forReply(const QString &path, Place place, const QString &pattern)
{
    QList<Placeholder> list;
    const auto syntax
        = place == Place::Http ? PathPattern::Syntax::Typed : PathPattern::Syntax::Plain;
    if (const auto parsed = PathPattern::parse(path, nullptr, syntax)) {
        for (const QString &name : parsed->parameterNames())
            list.append({ braced(QStringLiteral("path-params.") + name),
                          tr("the path's :%1 segment").arg(name) });
    }
    if (place == Place::Rule) {
        const bool json = MessagePattern::compile(pattern).kind() == MessagePattern::Kind::Json;
        for (const QString &name : bound(pattern))
            list.append({ braced(name),
                          json ? tr("bound by the rule's JSON pattern")
                               : tr("a named group of the rule's regex") });
        list.append({ braced(QStringLiteral("message")), tr("the message, as received") });
    }
    if (place == Place::Http)
        list.append({ QStringLiteral("{{json-params.}}"), tr("a key of the request's JSON body") });
    if (place == Place::Stream)
        list.append({ braced(QStringLiteral("counter")), tr("the stream's tick: 0, 1, 2…") });
    list.append({ QStringLiteral("{{query-params.}}"), tr("a query parameter of the request") });
    list.append({ QStringLiteral("{{header-params.}}"), tr("a header of the request, any case") });
    if (place != Place::Http)
        list.append({ braced(QStringLiteral("connection.id")), tr("the connection's number") });
    list.append({ braced(QStringLiteral("now")), tr("the time now, ISO 8601 UTC") });
    list.append({ braced(QStringLiteral("uuid")), tr("a new random UUID") });
    list.append({ braced(QStringLiteral("random 1 100")), tr("a random integer from 1 to 100") });
    list.append({ QStringLiteral("| json"), tr("filter: the value as JSON, quoted and escaped") });
    list.append(
        { QStringLiteral("| default ''"), tr("filter: this text when the value is missing") });
    list.append({ QStringLiteral("| upper"), tr("filter: in upper case") });
    return list;
}

QList<Placeholder> Placeholders::at(const SpecOutline &outline, qsizetype position)
{
    if (const EndpointOutline *endpoint = endpointAt(outline, position)) {
        for (const RuleOutline &rule : endpoint->rules) {
            if (contains(rule.item, position))
                return forReply(endpoint->pathValue, Place::Rule, rule.patternValue);
        }
        const KeyOutline *streams = findKey(endpoint->keys, QStringLiteral("streams"));
        if (streams && contains(streams->range, position))
            return forReply(endpoint->pathValue, Place::Stream);
        return forReply(endpoint->pathValue, Place::Greeting);
    }
    for (const HttpEndpointOutline &endpoint : outline.httpEndpoints) {
        if (contains(endpoint.item, position))
            return forReply(httpPath(endpoint), Place::Http);
    }
    return forReply(QString(), Place::Anywhere);
}
