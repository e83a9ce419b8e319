#include "specloader_p.h"
#include "specrules.h"

namespace SpecLoading {

bool Loader::loadConversationKey(const std::string &name, const YAML::Node &key,
                                 const YAML::Node &value, RuleDraft *rule, EndpointDraft *draft)
{
    Conversation &conversation = rule->rule.conversation;
    const ReplyTarget target { &rule->rule.reply, &draft->valid, draft->checkedPath,
                               &rule->rule.pattern, draft->endpoint.protocol };
    if (name == "when-state") {
        loadWhenState(key, value, rule, target);
    } else if (name == "when-shared") {
        loadWhenShared(key, value, rule, target);
    } else if (name == "set-state") {
        const QString state = conversationName(value.IsNull() ? key : value, target);
        if (!state.isEmpty())
            conversation.setState = state;
    } else if (name == "set") {
        loadAssignments(key, value, &conversation.setVars, target);
    } else if (name == "set-shared") {
        loadAssignments(key, value, &conversation.setShared, target);
    } else if (name == "sequence") {
        loadSequence(key, value, rule, target);
    } else if (name == "start-stream") {
        loadStartStream(key, value, rule, target);
    } else if (name == "stop-stream") {
        if (auto stopKey = compileResponse(key, value, target))
            conversation.stopStream = *stopKey;
    } else {
        return false;
    }
    // A guard alone does not answer; an action may be all a rule does.
    rule->hasConversation
        = rule->hasConversation || (name != "when-state" && name != "when-shared");
    return true;
}

QString Loader::conversationName(const YAML::Node &at, const ReplyTarget &target)
{
    const QString name = scalarText(at);
    const QString problem = SpecRules::conversationNameProblem(name);
    if (problem.isEmpty())
        return name;
    error(at.Mark(), problem);
    *target.valid = false;
    return QString();
}

void Loader::loadWhenState(const YAML::Node &key, const YAML::Node &value, RuleDraft *rule,
                           const ReplyTarget &target)
{
    QStringList &states = rule->rule.conversation.whenState;
    if (value.IsSequence() && value.size() > 0) {
        for (const auto &item : value)
            states.append(conversationName(item, target));
    } else if (value.IsScalar()) {
        states.append(conversationName(value, target));
    } else {
        fail(value, key, SpecLoader::tr("'when-state' must be a state name or a list of them"),
             target);
    }
}

void Loader::loadWhenShared(const YAML::Node &key, const YAML::Node &value, RuleDraft *rule,
                            const ReplyTarget &target)
{
    if (!value.IsMap() || value.size() == 0) {
        fail(value, key,
             SpecLoader::tr("'when-shared' must be a map of shared names and the values they "
                            "must have"),
             target);
        return;
    }
    for (const auto &kv : value) {
        const QString name = conversationName(kv.first, target);
        if (!kv.second.IsScalar())
            fail(kv.second, kv.first, SpecLoader::tr("a shared value to compare is text"), target);
        else if (!name.isEmpty())
            rule->rule.conversation.whenShared.append({ name, scalarText(kv.second) });
    }
}

void Loader::loadAssignments(const YAML::Node &key, const YAML::Node &value,
                             QList<std::pair<QString, Template>> *into, const ReplyTarget &target)
{
    if (!value.IsMap() || value.size() == 0) {
        fail(value, key,
             SpecLoader::tr("'%1' must be a map of names and their values (templates)")
                 .arg(qs(keyName(key))),
             target);
        return;
    }
    for (const auto &kv : value) {
        const QString name = conversationName(kv.first, target);
        const std::optional<Template> compiled = compileResponse(kv.first, kv.second, target);
        if (!name.isEmpty() && compiled)
            into->append({ name, *compiled });
    }
    if (into->size() > Conversation::MaxVariables)
        fail(value, key,
             SpecLoader::tr("'%1' sets %2 values; at most %3 are kept per connection")
                 .arg(qs(keyName(key)))
                 .arg(into->size())
                 .arg(Conversation::MaxVariables),
             target);
}

void Loader::loadSequence(const YAML::Node &key, const YAML::Node &value, RuleDraft *rule,
                          const ReplyTarget &target)
{
    if (!value.IsMap()) {
        fail(value, key, SpecLoader::tr("'sequence' must be a map with 'replies'"), target);
        return;
    }
    Sequence sequence;
    for (const auto &kv : value)
        readSequenceKey(kv.first, kv.second, &sequence, target);
    if (!value["replies"]) {
        fail(value, key, SpecLoader::tr("'sequence' needs 'replies': a list of replies"), target);
        return;
    }
    if (!sequence.replies.isEmpty())
        rule->rule.sequence = std::move(sequence);
}

void Loader::readSequenceKey(const YAML::Node &key, const YAML::Node &value, Sequence *sequence,
                             const ReplyTarget &target)
{
    const std::string name = keyName(key);
    const QString chosen = scalarText(value);
    if (name == "mode") {
        if (chosen != QLatin1String("stick") && chosen != QLatin1String("cycle"))
            fail(value, key, SpecLoader::tr("a sequence's 'mode' must be stick or cycle"), target);
        sequence->cycle = chosen == QLatin1String("cycle");
    } else if (name == "per") {
        if (chosen != QLatin1String("connection") && chosen != QLatin1String("endpoint"))
            fail(value, key, SpecLoader::tr("a sequence's 'per' must be connection or endpoint"),
                 target);
        sequence->perEndpoint = chosen == QLatin1String("endpoint");
    } else if (name == "replies") {
        if (!value.IsSequence() || value.size() == 0) {
            fail(value, key, SpecLoader::tr("'replies' must be a list of replies"), target);
            return;
        }
        for (const auto &item : value)
            loadSequenceReply(item, sequence, target);
    } else {
        warning(key.Mark(),
                SpecLoader::tr("unknown key '%1' in sequence ignored").arg(qs(name))
                    + keySuggestion(name, { "mode", "per", "replies" }));
    }
}

void Loader::loadSequenceReply(const YAML::Node &item, Sequence *sequence,
                               const ReplyTarget &target)
{
    SequenceReply entry;
    ReplyTarget own = target;
    own.reply = &entry.reply;
    if (!item.IsMap()) {
        fail(item, item,
             SpecLoader::tr("a reply of a sequence is a map with 'response' or 'frames'"), target);
        return;
    }
    for (const auto &kv : item) {
        const std::string name = keyName(kv.first);
        if (name == "response") {
            entry.hasResponse = true;
            if (auto text = compileResponse(kv.first, kv.second, own))
                entry.response = *text;
        } else if (!loadReplyKey(name, kv.first, kv.second, own)) {
            warning(kv.first.Mark(),
                    SpecLoader::tr("unknown key '%1' in sequence reply ignored").arg(qs(name))
                        + keySuggestion(name, { "response", "frames", "delay", "to", "close" }));
        }
    }
    if (entry.hasResponse == !entry.reply.frames.isEmpty() && !entry.reply.closeCode)
        fail(item, item,
             SpecLoader::tr("a reply of a sequence needs one of 'response' or 'frames'"), target);
    sequence->replies.append(std::move(entry));
}

void Loader::loadStartStream(const YAML::Node &key, const YAML::Node &value, RuleDraft *rule,
                             const ReplyTarget &target)
{
    if (!value.IsMap()) {
        fail(value, key,
             SpecLoader::tr("'start-stream' must be a map with 'key', 'every' and 'frames'"),
             target);
        return;
    }
    auto stream = std::make_shared<RuleStream>();
    for (const auto &kv : value)
        readStartStreamKey(kv.first, kv.second, stream.get(), target);
    // On a preset endpoint the key may be left out: the message's own (an operation id).
    const Protocols::Preset *preset = Protocols::preset(target.protocol);
    if (preset && stream->key.source().isEmpty())
        stream->key = Template::compile(
            QStringLiteral("{{protocol.%1}}").arg(QLatin1String(preset->streamKey)));
    const char *missing = stream->key.source().isEmpty() ? "key"
        : stream->frames.isEmpty()                       ? "frames"
                                                         : nullptr;
    if (missing) {
        fail(value, key, SpecLoader::tr("'start-stream' has no '%1'").arg(qs(missing)), target);
        return;
    }
    rule->rule.conversation.startStream = std::move(stream);
}

void Loader::readStartStreamKey(const YAML::Node &key, const YAML::Node &value, RuleStream *stream,
                                const ReplyTarget &target)
{
    const std::string name = keyName(key);
    Reply frames;
    ReplyTarget own = target;
    own.reply = &frames;
    // A value the rulebook judges: kept, or its problem reported.
    auto take = [&](const auto &verdict, auto *into) {
        if (verdict.ok())
            *into = *verdict.value;
        else
            fail(value, key, verdict.problem, target);
    };
    if (name == "key") {
        if (auto text = compileResponse(key, value, target))
            stream->key = *text;
    } else if (name == "every") {
        take(SpecRules::streamInterval(scalarText(value)), &stream->intervalMs);
    } else if (name == "frames") {
        loadFrames(key, value, own);
        stream->frames = frames.frames;
    } else if (name == "count") {
        take(SpecRules::streamCount(scalarText(value)), &stream->count);
    } else if (name == "final") {
        stream->final = loadFrame(key, value, target);
    } else {
        warning(key.Mark(),
                SpecLoader::tr("unknown key '%1' in start-stream ignored").arg(qs(name))
                    + keySuggestion(name, { "key", "every", "frames", "count", "final" }));
    }
}

} // namespace SpecLoading
