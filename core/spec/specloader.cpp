#include "specloader.h"
#include "parsedyaml.h"
#include "yamljson.h"

#include <QFile>
#include <QRegularExpression>
#include <QSet>

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/yaml.h>

#include <sstream>

namespace {

QString kindOf(const YAML::Node &node)
{
    switch (node.Type()) {
    case YAML::NodeType::Null:
        return SpecLoader::tr("nothing");
    case YAML::NodeType::Scalar:
        return SpecLoader::tr("text");
    case YAML::NodeType::Sequence:
        return SpecLoader::tr("a list");
    case YAML::NodeType::Map:
        return SpecLoader::tr("a map");
    case YAML::NodeType::Undefined:
        break;
    }
    return SpecLoader::tr("nothing");
}

QString qs(const std::string &s)
{
    return QString::fromStdString(s);
}

class Loader
{
public:
    explicit Loader(QString fileName) : m_file(std::move(fileName)) { }

    LoadResult run(const ParsedYaml &yaml);

private:
    void add(Diagnostic::Severity severity, const YAML::Mark &mark, const QString &message)
    {
        add(severity, location(mark), message);
    }
    void add(Diagnostic::Severity severity, SourceLocation where, const QString &message)
    {
        Diagnostic d;
        d.severity = severity;
        d.file = m_file;
        d.line = where.line;
        d.column = where.column;
        d.message = message;
        m_diagnostics.append(d);
    }
    void error(const YAML::Mark &mark, const QString &message)
    {
        add(Diagnostic::Severity::Error, mark, message);
    }
    void warning(const YAML::Mark &mark, const QString &message)
    {
        add(Diagnostic::Severity::Warning, mark, message);
    }
    static SourceLocation location(const YAML::Mark &mark)
    {
        return mark.is_null() ? SourceLocation {}
                              : SourceLocation { mark.line + 1, mark.column + 1 };
    }

    void warnExtraDocument(const QByteArray &data, const YAML::Mark &mark)
    {
        // Point at the "---" that starts the ignored document, not at its first node.
        const QList<QByteArray> lines = data.split('\n');
        int line = mark.is_null() ? int(lines.size()) - 1
                                  : std::min<int>(mark.line, int(lines.size()) - 1);
        while (line > 0 && !lines.at(line).startsWith("---"))
            --line;
        add(Diagnostic::Severity::Warning, SourceLocation { line + 1, 1 },
            SpecLoader::tr(
                "only the first YAML document is read; everything from here on is ignored"));
    }

    // The keys that extend a response: delay, frames, to, close. False when key is not one.
    bool loadReplyKey(const std::string &key, const YAML::Node &keyNode, const YAML::Node &value,
                      Reply *reply, bool *valid, const PathPattern *path,
                      const MessagePattern *pattern);

    void loadItem(const YAML::Node &item);
    void loadWebsocket(const YAML::Node &key, const YAML::Node &ws);
    std::optional<QString> responseText(const YAML::Node &key, const YAML::Node &value);
    void checkVariables(const Template &t, const YAML::Mark &mark, const PathPattern *path,
                        const MessagePattern *pattern);

    QString m_file;
    Diagnostics m_diagnostics;
    std::shared_ptr<MockSpec> m_spec = std::make_shared<MockSpec>();
};

LoadResult Loader::run(const ParsedYaml &yaml)
{
    m_spec->fileName = m_file;
    if (yaml.failure() == ParsedYaml::Failure::UnclosedQuote) {
        error(yaml.failureMark(),
              SpecLoader::tr("YAML syntax error: end of stream reached without closing quote"));
        return { nullptr, m_diagnostics };
    }
    if (yaml.failure() == ParsedYaml::Failure::Syntax) {
        error(yaml.failureMark(),
              SpecLoader::tr("YAML syntax error: %1").arg(yaml.syntaxMessage()));
        return { nullptr, m_diagnostics };
    }
    if (yaml.documents() > 1)
        warnExtraDocument(yaml.data(), yaml.secondDocument());
    const YAML::Node &root = yaml.root();

    try {
        if (root.IsNull()) {
            warning(YAML::Mark::null_mark(), SpecLoader::tr("the file defines no endpoints"));
        } else if (!root.IsSequence()) {
            error(root.Mark(),
                  SpecLoader::tr("expected a list of endpoints (\"- websocket: ...\"), found %1")
                      .arg(kindOf(root)));
        } else {
            for (const auto &item : root)
                loadItem(item);
            if (m_spec->endpoints.isEmpty() && !hasErrors(m_diagnostics))
                warning(root.Mark(), SpecLoader::tr("the file defines no websocket endpoints"));
        }
    } catch (const YAML::Exception &e) {
        error(e.mark, SpecLoader::tr("cannot read the file: %1").arg(qs(e.msg)));
    } catch (const std::exception &e) {
        error(YAML::Mark::null_mark(),
              SpecLoader::tr("cannot read the file: %1").arg(QString::fromLocal8Bit(e.what())));
    }

    std::stable_sort(m_diagnostics.begin(), m_diagnostics.end(),
                     [](const Diagnostic &a, const Diagnostic &b) {
                         return std::tie(a.line, a.column) < std::tie(b.line, b.column);
                     });
    if (hasErrors(m_diagnostics))
        return { nullptr, m_diagnostics };
    m_spec->buildRoutes();
    return { m_spec, m_diagnostics };
}

void Loader::loadItem(const YAML::Node &item)
{
    if (!item.IsMap()) {
        error(item.Mark(),
              SpecLoader::tr("expected an endpoint (a map with 'websocket:'), found %1")
                  .arg(kindOf(item)));
        return;
    }
    bool known = false;
    for (const auto &kv : item) {
        const std::string key = kv.first.IsScalar() ? kv.first.Scalar() : std::string();
        if (key == "websocket") {
            known = true;
            loadWebsocket(kv.first, kv.second);
        } else if (key == "endpoint") {
            known = true;
            warning(
                kv.first.Mark(),
                SpecLoader::tr("HTTP endpoints are not served yet; this 'endpoint' is skipped"));
        } else {
            warning(kv.first.Mark(), SpecLoader::tr("unknown key '%1' ignored").arg(qs(key)));
        }
    }
    if (!known)
        error(item.Mark(), SpecLoader::tr("item has neither 'websocket' nor 'endpoint'"));
}

std::optional<QString> Loader::responseText(const YAML::Node &key, const YAML::Node &value)
{
    if (value.IsScalar())
        return qs(value.Scalar());
    if (value.IsMap() || value.IsSequence()) {
        constexpr qint64 MaxNodes = 1000000;
        qint64 budget = MaxNodes;
        QString json = yamlToJson(value, &budget);
        if (budget < 0) {
            error(value.Mark(),
                  SpecLoader::tr("'%1' is too large or too deep (over %2 values or 200 levels; an "
                                 "alias inside itself?)")
                      .arg(qs(key.Scalar()))
                      .arg(MaxNodes));
            return std::nullopt;
        }
        return json;
    }
    error(key.Mark(), SpecLoader::tr("'%1' is empty").arg(qs(key.Scalar())));
    return std::nullopt;
}

void Loader::checkVariables(const Template &t, const YAML::Mark &mark, const PathPattern *path,
                            const MessagePattern *pattern)
{
    const QStringList bound = pattern ? pattern->bindingNames() : QStringList();
    const QStringList params = path ? path->parameterNames() : QStringList();
    QSet<QString> reported;
    for (const TemplateVariable &v : t.variables()) {
        if (bound.contains(v.expression) || reported.contains(v.expression))
            continue;
        QString problem;
        switch (v.source) {
        case TemplateVariable::Source::PathParams:
            if (path && (v.path.size() != 1 || !params.contains(v.path.first())))
                problem
                    = SpecLoader::tr("'{{%1}}' is not a parameter of path '%2'; it renders empty")
                          .arg(v.expression, path ? path->text() : QString());
            break;
        case TemplateVariable::Source::JsonParams:
        case TemplateVariable::Source::Message:
            if (!pattern)
                problem = SpecLoader::tr("on-connect has no message; '{{%1}}' renders empty")
                              .arg(v.expression);
            break;
        case TemplateVariable::Source::Other:
            problem = SpecLoader::tr("unknown template variable '{{%1}}'; it renders empty")
                          .arg(v.expression);
            break;
        case TemplateVariable::Source::Regex:
            if (!bound.contains(v.path.value(0)))
                problem = SpecLoader::tr(
                              "the pattern has no named group for '{{%1}}'; it renders empty")
                              .arg(v.expression);
            break;
        case TemplateVariable::Source::QueryParams:
        case TemplateVariable::Source::HeaderParams:
        case TemplateVariable::Source::ConnectionId:
        case TemplateVariable::Source::ConnectionMessages:
        case TemplateVariable::Source::Counter:
        case TemplateVariable::Source::Now:
        case TemplateVariable::Source::Uuid:
        case TemplateVariable::Source::Random:
        case TemplateVariable::Source::Invalid: // reported below, by problems()
            break;
        }
        if (!problem.isEmpty()) {
            reported.insert(v.expression);
            warning(mark, problem);
        }
    }
    for (const QString &problem : t.problems())
        warning(mark, problem);
}

bool Loader::loadReplyKey(const std::string &key, const YAML::Node &keyNode,
                          const YAML::Node &value, Reply *reply, bool *valid,
                          const PathPattern *path, const MessagePattern *pattern)
{
    auto fail = [&](const YAML::Node &at, const QString &message) {
        error(at.IsNull() ? keyNode.Mark() : at.Mark(), message);
        *valid = false;
    };
    auto parseDelay = [&](const YAML::Node &node, Delay *out) {
        if (!node.IsScalar() || !Delay::parse(qs(node.Scalar()), out))
            fail(node,
                 SpecLoader::tr("'delay' must be a duration such as 250ms, 1.5s or 100ms..300ms "
                                "(at most 1 hour)"));
    };
    if (key == "delay") {
        parseDelay(value, &reply->delay);
        return true;
    }
    if (key == "to") {
        const std::string to = value.IsScalar() ? value.Scalar() : std::string();
        if (to == "sender")
            reply->to = Audience::Sender;
        else if (to == "endpoint" || to == "all")
            reply->to = Audience::Endpoint;
        else if (to == "others")
            reply->to = Audience::Others;
        else
            fail(
                value,
                SpecLoader::tr(
                    "'to' must be sender, endpoint (every connection of this endpoint) or others"));
        return true;
    }
    if (key == "close") {
        reply->closeCode = 1000;
        if (value.IsScalar()) {
            bool ok = false;
            const QString text = qs(value.Scalar());
            const int code = text.toInt(&ok);
            if (ok)
                reply->closeCode = code;
            else if (text != QLatin1String("true"))
                fail(value,
                     SpecLoader::tr(
                         "'close' must be true, a close code, or a map with 'code' and 'reason'"));
        } else if (value.IsMap()) {
            for (const auto &kv : value) {
                const std::string k = kv.first.IsScalar() ? kv.first.Scalar() : std::string();
                bool ok = false;
                if (k == "code") {
                    reply->closeCode = kv.second.IsScalar() ? qs(kv.second.Scalar()).toInt(&ok) : 0;
                    if (!ok)
                        fail(kv.second, SpecLoader::tr("'code' must be a number"));
                } else if (k == "reason") {
                    reply->closeReason = kv.second.IsScalar() ? qs(kv.second.Scalar()) : QString();
                } else {
                    warning(kv.first.Mark(),
                            SpecLoader::tr("unknown key '%1' in close ignored").arg(qs(k)));
                }
            }
        } else {
            fail(value,
                 SpecLoader::tr(
                     "'close' must be true, a close code, or a map with 'code' and 'reason'"));
        }
        const int c = reply->closeCode;
        if (*valid
            && !(c == 1000 || (c >= 1001 && c <= 1003) || (c >= 1007 && c <= 1014)
                 || (c >= 3000 && c <= 4999)))
            fail(value,
                 SpecLoader::tr(
                     "close code %1 cannot be sent (use 1000-1003, 1007-1014 or 3000-4999)")
                     .arg(c));
        if (reply->closeReason.toUtf8().size() > 123)
            fail(value, SpecLoader::tr("a close reason holds at most 123 bytes"));
        return true;
    }
    if (key == "frames") {
        if (!value.IsSequence() || value.size() == 0) {
            fail(value, SpecLoader::tr("'frames' must be a list of frames"));
            return true;
        }
        for (const auto &item : value) {
            ReplyFrame frame;
            if (item.IsScalar()) {
                frame.text = Template::compile(qs(item.Scalar()));
                checkVariables(frame.text, item.Mark(), path, pattern);
            } else if (item.IsMap()) {
                bool hasBody = false;
                for (const auto &kv : item) {
                    const std::string k = kv.first.IsScalar() ? kv.first.Scalar() : std::string();
                    if (k == "response") {
                        hasBody = true;
                        if (auto text = responseText(kv.first, kv.second)) {
                            frame.text = Template::compile(*text);
                            checkVariables(frame.text, kv.second.Mark(), path, pattern);
                        } else {
                            *valid = false;
                        }
                    } else if (k == "binary") {
                        hasBody = true;
                        frame.isBinary = true;
                        const QByteArray base64 = kv.second.IsScalar()
                            ? QByteArray::fromStdString(kv.second.Scalar())
                            : QByteArray();
                        const auto decoded = QByteArray::fromBase64Encoding(
                            base64.simplified().replace(' ', ""),
                            QByteArray::AbortOnBase64DecodingErrors);
                        if (!decoded)
                            fail(kv.second, SpecLoader::tr("'binary' must be base64 text"));
                        else
                            frame.binary = *decoded;
                    } else if (k == "delay") {
                        parseDelay(kv.second, &frame.delay);
                    } else {
                        warning(kv.first.Mark(),
                                SpecLoader::tr("unknown key '%1' in frame ignored").arg(qs(k)));
                    }
                }
                if (!hasBody)
                    fail(item, SpecLoader::tr("a frame needs 'response' or 'binary'"));
            } else {
                fail(item,
                     SpecLoader::tr("a frame is text or a map with 'response' or 'binary' and "
                                    "'delay', found %1")
                         .arg(kindOf(item)));
            }
            reply->frames.append(frame);
        }
        return true;
    }
    return false;
}

void Loader::loadWebsocket(const YAML::Node &wsKey, const YAML::Node &ws)
{
    if (!ws.IsMap()) {
        error(ws.IsNull() ? wsKey.Mark() : ws.Mark(),
              SpecLoader::tr("'websocket' must be a map, found %1").arg(kindOf(ws)));
        return;
    }
    Endpoint endpoint;
    endpoint.location = location(wsKey.Mark());
    bool valid = true;
    bool hasPath = false;
    YAML::Node onConnectKey, onConnect, onMessageKey, onMessage, streamsNode;

    for (const auto &kv : ws) {
        const std::string key = kv.first.IsScalar() ? kv.first.Scalar() : std::string();
        if (key == "path") {
            hasPath = true;
            if (!kv.second.IsScalar()) {
                error(kv.second.IsNull() ? kv.first.Mark() : kv.second.Mark(),
                      SpecLoader::tr("'path' must be text, found %1").arg(kindOf(kv.second)));
                valid = false;
                continue;
            }
            QString why;
            if (auto p = PathPattern::parse(qs(kv.second.Scalar()), &why)) {
                endpoint.path = *p;
                endpoint.location = location(kv.second.Mark());
            } else {
                error(kv.second.Mark(), why);
                valid = false;
            }
        } else if (key == "on-connect") {
            onConnectKey = kv.first;
            onConnect = kv.second;
        } else if (key == "on-message") {
            onMessageKey = kv.first;
            onMessage = kv.second;
        } else if (key == "streams") {
            streamsNode = kv.second;
        } else if (key == "subprotocols") {
            const YAML::Node &list = kv.second;
            if (list.IsScalar()) {
                endpoint.subprotocols.append(qs(list.Scalar()));
            } else if (list.IsSequence()) {
                for (const auto &item : list) {
                    if (item.IsScalar() && !item.Scalar().empty())
                        endpoint.subprotocols.append(qs(item.Scalar()));
                    else
                        error(item.Mark(),
                              SpecLoader::tr("a subprotocol is a name such as chat.v1"));
                }
            } else {
                error(kv.first.Mark(), SpecLoader::tr("'subprotocols' must be a list of names"));
                valid = false;
            }
        } else {
            warning(kv.first.Mark(),
                    SpecLoader::tr("unknown key '%1' in websocket ignored").arg(qs(key)));
        }
    }
    if (!hasPath) {
        error(wsKey.Mark(), SpecLoader::tr("websocket has no 'path'"));
        valid = false;
    }
    const PathPattern *path = valid ? &endpoint.path : nullptr;

    if (onConnect.IsDefined() && !onConnect.IsNull()) {
        if (!onConnect.IsMap()) {
            error(onConnect.Mark(),
                  SpecLoader::tr("'on-connect' must be a map with 'response', found %1")
                      .arg(kindOf(onConnect)));
            valid = false;
        } else {
            bool hasResponse = false;
            for (const auto &kv : onConnect) {
                const std::string key = kv.first.IsScalar() ? kv.first.Scalar() : std::string();
                if (key == "response") {
                    hasResponse = true;
                    if (auto text = responseText(kv.first, kv.second)) {
                        endpoint.greeting = Template::compile(*text);
                        checkVariables(*endpoint.greeting, kv.second.Mark(), path, nullptr);
                    } else {
                        valid = false;
                    }
                } else if (!loadReplyKey(key, kv.first, kv.second, &endpoint.greetingReply, &valid,
                                         path, nullptr)) {
                    warning(kv.first.Mark(),
                            SpecLoader::tr("unknown key '%1' in on-connect ignored").arg(qs(key)));
                }
            }
            const Reply &extra = endpoint.greetingReply;
            if (hasResponse && !extra.frames.isEmpty()) {
                error(onConnectKey.Mark(),
                      SpecLoader::tr("'on-connect' has both 'response' and 'frames'; use one"));
                valid = false;
            } else if (!hasResponse && extra.frames.isEmpty() && !extra.closeCode) {
                error(onConnectKey.Mark(), SpecLoader::tr("'on-connect' has no 'response'"));
                valid = false;
            }
        }
    }

    if (onMessage.IsDefined() && !onMessage.IsNull()) {
        if (!onMessage.IsSequence()) {
            error(onMessage.Mark(),
                  SpecLoader::tr("'on-message' must be a list of rules, found %1")
                      .arg(kindOf(onMessage)));
            valid = false;
        } else {
            int index = 0;
            for (const auto &item : onMessage) {
                Rule rule;
                rule.index = index++;
                rule.labelText = QStringLiteral("on-message[%1]").arg(rule.index);
                rule.location = location(item.Mark());
                if (!item.IsMap()) {
                    error(item.Mark(),
                          SpecLoader::tr(
                              "a rule must be a map with 'pattern' and 'response', found %1")
                              .arg(kindOf(item)));
                    valid = false;
                    continue;
                }
                std::optional<QString> patternText, response;
                YAML::Mark responseMark;
                bool hasPattern = false, hasResponse = false;
                for (const auto &kv : item) {
                    const std::string key = kv.first.IsScalar() ? kv.first.Scalar() : std::string();
                    if (key == "binary") {
                        rule.matchesBinary = true;
                        const YAML::Node &b = kv.second;
                        const std::string any = b.IsScalar() ? b.Scalar() : std::string();
                        bool ok = any == "any" || any == "true";
                        if (b.IsMap()) {
                            for (const auto &p : b) {
                                const std::string k
                                    = p.first.IsScalar() ? p.first.Scalar() : std::string();
                                const QByteArray text = p.second.IsScalar()
                                    ? QByteArray::fromStdString(p.second.Scalar())
                                    : QByteArray();
                                if (k == "hex-prefix") {
                                    const QByteArray clean = text.simplified().replace(' ', "");
                                    const QByteArray bytes = QByteArray::fromHex(clean);
                                    ok = clean.size() % 2 == 0 && bytes.toHex() == clean.toLower()
                                        && !bytes.isEmpty();
                                    rule.binaryPrefix = bytes;
                                } else if (k == "base64-prefix") {
                                    const auto decoded = QByteArray::fromBase64Encoding(
                                        text, QByteArray::AbortOnBase64DecodingErrors);
                                    ok = bool(decoded) && !(*decoded).isEmpty();
                                    if (decoded)
                                        rule.binaryPrefix = *decoded;
                                }
                            }
                        }
                        if (!ok) {
                            error(b.IsNull() ? kv.first.Mark() : b.Mark(),
                                  SpecLoader::tr("'binary' must be any, or a map with hex-prefix "
                                                 "or base64-prefix"));
                            valid = false;
                        }
                        hasPattern = true;
                        patternText = QString();
                    } else if (key == "pattern") {
                        hasPattern = true;
                        patternText = responseText(kv.first, kv.second);
                        if (patternText) {
                            rule.pattern = MessagePattern::compile(*patternText);
                            if (!rule.pattern.regexError().isEmpty()) {
                                warning(kv.second.Mark(),
                                        SpecLoader::tr(
                                            "pattern is not a valid regular expression "
                                            "(%1 at offset %2); it matches only the exact text")
                                            .arg(rule.pattern.regexError())
                                            .arg(rule.pattern.regexErrorOffset()));
                            }
                        }
                    } else if (key == "response") {
                        hasResponse = true;
                        responseMark = kv.second.Mark();
                        response = responseText(kv.first, kv.second);
                    } else if (!loadReplyKey(key, kv.first, kv.second, &rule.reply, &valid, path,
                                             &rule.pattern)) {
                        warning(kv.first.Mark(),
                                SpecLoader::tr("unknown key '%1' in rule ignored").arg(qs(key)));
                    }
                }
                const bool hasOther = !rule.reply.frames.isEmpty() || rule.reply.closeCode;
                if (!hasPattern)
                    error(item.Mark(), SpecLoader::tr("rule has no 'pattern'"));
                if (!hasResponse && !hasOther)
                    error(item.Mark(), SpecLoader::tr("rule has no 'response'"));
                if (hasResponse && !rule.reply.frames.isEmpty())
                    error(item.Mark(),
                          SpecLoader::tr("rule has both 'response' and 'frames'; use one"));
                if (!patternText || (!response && !hasOther) || (hasResponse && !response)
                    || (hasResponse && !rule.reply.frames.isEmpty())) {
                    valid = false;
                    continue;
                }
                if (response) {
                    rule.hasResponse = true;
                    rule.response = Template::compile(*response);
                    checkVariables(rule.response, responseMark, path, &rule.pattern);
                }
                endpoint.rules.append(rule);
            }
        }
    }

    if (streamsNode.IsDefined() && !streamsNode.IsNull()) {
        if (!streamsNode.IsSequence()) {
            error(streamsNode.Mark(), SpecLoader::tr("'streams' must be a list of streams"));
            valid = false;
        } else {
            int index = 0;
            for (const auto &item : streamsNode) {
                Stream stream;
                stream.index = index++;
                stream.location = location(item.Mark());
                if (!item.IsMap()) {
                    error(item.Mark(),
                          SpecLoader::tr("a stream is a map with 'every' and 'frames'"));
                    valid = false;
                    continue;
                }
                bool hasEvery = false;
                Reply frames;
                for (const auto &kv : item) {
                    const std::string key = kv.first.IsScalar() ? kv.first.Scalar() : std::string();
                    const std::string value
                        = kv.second.IsScalar() ? kv.second.Scalar() : std::string();
                    if (key == "every") {
                        hasEvery = true;
                        Delay every;
                        if (!kv.second.IsScalar() || !Delay::parse(qs(value), &every)
                            || every.minMs != every.maxMs) {
                            error(
                                kv.second.IsNull() ? kv.first.Mark() : kv.second.Mark(),
                                SpecLoader::tr("'every' must be an interval such as 500ms or 2s"));
                            valid = false;
                        } else if (every.minMs < Stream::MinimumIntervalMs) {
                            error(kv.second.Mark(),
                                  SpecLoader::tr(
                                      "'every' must be at least %1ms, so a stream cannot flood")
                                      .arg(Stream::MinimumIntervalMs));
                            valid = false;
                        }
                        stream.intervalMs = every.minMs;
                    } else if (key == "to") {
                        if (value == "each")
                            stream.toAll = false;
                        else if (value == "all")
                            stream.toAll = true;
                        else {
                            error(kv.second.Mark(),
                                  SpecLoader::tr("a stream's 'to' must be each (every connection "
                                                 "on its own) or all (one broadcast)"));
                            valid = false;
                        }
                    } else if (key == "mode") {
                        if (value == "cycle" || value == "once")
                            stream.once = value == "once";
                        else {
                            error(kv.second.Mark(),
                                  SpecLoader::tr("a stream's 'mode' must be cycle or once"));
                            valid = false;
                        }
                    } else if (key == "frames") {
                        loadReplyKey(key, kv.first, kv.second, &frames, &valid, path, nullptr);
                    } else {
                        warning(kv.first.Mark(),
                                SpecLoader::tr("unknown key '%1' in stream ignored").arg(qs(key)));
                    }
                }
                if (!hasEvery) {
                    error(item.Mark(), SpecLoader::tr("stream has no 'every'"));
                    valid = false;
                }
                if (frames.frames.isEmpty()) {
                    error(item.Mark(), SpecLoader::tr("stream has no 'frames'"));
                    valid = false;
                }
                stream.frames = frames.frames;
                endpoint.streams.append(stream);
            }
        }
    }

    if (!valid)
        return;
    for (const Endpoint &other : std::as_const(m_spec->endpoints)) {
        if (other.path.text() == endpoint.path.text()) {
            add(Diagnostic::Severity::Error, endpoint.location,
                SpecLoader::tr("duplicate path '%1' (first defined at line %2)")
                    .arg(endpoint.path.text())
                    .arg(other.location.line));
            return;
        }
        if (other.path.sameShape(endpoint.path)) {
            add(Diagnostic::Severity::Error, endpoint.location,
                SpecLoader::tr("path '%1' conflicts with '%2' (line %3): both match the same URLs")
                    .arg(endpoint.path.text(), other.path.text())
                    .arg(other.location.line));
            return;
        }
    }
    m_spec->endpoints.append(endpoint);
}

} // namespace

QString LoadResult::diagnosticsText() const
{
    QStringList lines;
    for (const Diagnostic &d : diagnostics)
        lines.append(d.toString());
    return lines.join(QLatin1Char('\n'));
}

LoadResult SpecLoader::loadFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        Diagnostic d;
        d.file = path;
        d.message = tr("cannot open the file: %1").arg(file.errorString());
        return { nullptr, { d } };
    }
    return loadData(file.readAll(), path);
}

LoadResult SpecLoader::loadText(const QString &yaml, const QString &fileName)
{
    return loadData(yaml.toUtf8(), fileName);
}

LoadResult SpecLoader::loadData(const QByteArray &yaml, const QString &fileName)
{
    return load(ParsedYaml::fromData(yaml), fileName);
}

LoadResult SpecLoader::load(const ParsedYaml &yaml, const QString &fileName)
{
    return Loader(fileName).run(yaml);
}
