#include "specloader_p.h"

namespace SpecLoading {

void Loader::loadProtocol(const YAML::Node &key, const YAML::Node &value, EndpointDraft *draft)
{
    const QString name = scalarText(value);
    if (const Protocols::Preset *preset = Protocols::presetNamed(name)) {
        draft->endpoint.protocol = preset->kind;
        return;
    }
    std::vector<const char *> known;
    for (const Protocols::Preset *preset : Protocols::presets())
        known.push_back(preset->name);
    error(value.IsNull() ? key.Mark() : value.Mark(),
          SpecLoader::tr("unknown protocol '%1' (known: %2)")
                  .arg(name, Protocols::names().join(QLatin1String(", ")))
              + keySuggestion(name.toStdString(), known));
    draft->valid = false;
}

const Protocols::RuleKey *Loader::presetKeyFor(const std::string &name, const YAML::Node &key,
                                               Protocols::Kind protocol, bool *valid)
{
    const std::optional<Protocols::FoundKey> found = Protocols::findRuleKey(qs(name));
    if (!found)
        return nullptr;
    if (found->preset->kind == protocol)
        return found->key;
    const QString owner = QString::fromLatin1(found->preset->name);
    if (protocol == Protocols::Kind::None)
        error(key.Mark(),
              SpecLoader::tr("'%1' is a key of protocol %2; this endpoint has no 'protocol: %2'")
                  .arg(qs(name), owner));
    else
        error(key.Mark(),
              SpecLoader::tr("'%1' is a key of protocol %2; this endpoint speaks %3")
                  .arg(qs(name), owner, Protocols::nameOf(protocol)));
    *valid = false;
    return found->key;
}

bool Loader::loadPresetRuleKey(const std::string &name, const YAML::Node &key,
                               const YAML::Node &value, RuleDraft *rule, EndpointDraft *draft)
{
    const Protocols::Kind protocol = draft->endpoint.protocol;
    const Protocols::RuleKey *found = presetKeyFor(name, key, protocol, &draft->valid);
    if (!found || !draft->valid)
        return found != nullptr;
    const QString command = QString::fromLatin1(found->command);
    switch (found->role) {
    case Protocols::KeyRole::Selector: {
        const QString text = scalarText(value);
        if (text.isEmpty()) {
            error(value.IsNull() ? key.Mark() : value.Mark(),
                  SpecLoader::tr("'%1' must be text").arg(qs(name)));
            draft->valid = false;
            return true;
        }
        rule->rule.selectors.append({ qs(name), command,
                                      found->field ? QString::fromLatin1(found->field) : QString(),
                                      text, found->contains });
        rule->hasPattern = true; // the selector is what it matches; a pattern may add to it
        break;
    }
    case Protocols::KeyRole::FramingName:
        setFramingName(*found, scalarText(value), &rule->rule.reply);
        rule->hasConversation = true; // it says how, not what: a response may come elsewhere
        break;
    case Protocols::KeyRole::FramingResponse:
        if (rule->hasResponse && rule->responseKey != name) {
            error(key.Mark(),
                  SpecLoader::tr("rule has both '%1' and '%2'; use one")
                      .arg(qs(rule->responseKey), qs(name)));
            draft->valid = false;
            return true;
        }
        rule->rule.reply.framing.kind = command;
        rule->hasResponse = true;
        rule->responseKey = name;
        rule->responseMark = value.Mark();
        rule->response = responseText(key, value);
        break;
    }
    return true;
}

bool Loader::loadPresetReplyKey(const std::string &name, const YAML::Node &key,
                                const YAML::Node &value, const ReplyTarget &target)
{
    const Protocols::RuleKey *found = presetKeyFor(name, key, target.protocol, target.valid);
    if (!found || !*target.valid)
        return found != nullptr;
    if (found->role != Protocols::KeyRole::FramingName) {
        fail(key, key, SpecLoader::tr("'%1' belongs in a rule").arg(qs(name)), target);
        return true;
    }
    setFramingName(*found, scalarText(value), target.reply);
    return true;
}

void Loader::setFramingName(const Protocols::RuleKey &key, const QString &name, Reply *reply)
{
    reply->framing = { QString::fromLatin1(key.command), name };
    if (key.addressesConnections && !reply->toWritten)
        reply->to = Audience::Endpoint;
}

std::vector<const char *> Loader::ruleKeyNames(Protocols::Kind protocol)
{
    std::vector<const char *> names { "pattern",    "binary",      "response",     "enabled",
                                      "delay",      "close",       "frames",       "to",
                                      "when-state", "when-shared", "set-state",    "set",
                                      "set-shared", "sequence",    "start-stream", "stop-stream" };
    if (const Protocols::Preset *preset = Protocols::preset(protocol)) {
        for (const Protocols::RuleKey &key : preset->ruleKeys)
            names.push_back(key.name);
    }
    return names;
}

} // namespace SpecLoading
