#include "specloader_p.h"
#include "specrules.h"

namespace SpecLoading {

namespace {

// The bytes a binary rule's map asks messages to start with: its last hex-prefix or
// base64-prefix decides. False when that one is not valid, or when there is none.
bool readBinaryPrefix(const YAML::Node &map, QByteArray *prefix)
{
    bool ok = false;
    for (const auto &kv : map) {
        const std::string kind = keyName(kv.first);
        std::optional<QByteArray> bytes;
        if (kind == "hex-prefix")
            bytes = SpecRules::hexPrefix(scalarText(kv.second));
        else if (kind == "base64-prefix")
            bytes = SpecRules::base64Prefix(scalarText(kv.second));
        else
            continue;
        ok = bytes.has_value();
        *prefix = bytes.value_or(QByteArray());
    }
    return ok;
}

} // namespace

void Loader::loadRule(const YAML::Node &item, int index, EndpointDraft *draft)
{
    RuleDraft rule;
    rule.rule.index = index;
    rule.rule.labelText = QStringLiteral("on-message[%1]").arg(index);
    rule.rule.location = location(item.Mark());
    if (!item.IsMap()) {
        error(item.Mark(),
              SpecLoader::tr("a rule must be a map with 'pattern' and 'response', found %1")
                  .arg(kindOf(item)));
        draft->valid = false;
        return;
    }
    for (const auto &kv : item)
        readRuleKey(kv.first, kv.second, &rule, draft);
    if (draft->endpoint.protocol != Protocols::Kind::None && !rule.patternText) {
        // A preset's rule selects on the protocol's terms; without a pattern any payload fits.
        rule.hasPattern = true;
        rule.patternText = QString();
        rule.rule.anyPayload = true;
    }
    if (!checkRuleComplete(item, rule)) {
        draft->valid = false;
        return;
    }
    if (rule.response) {
        rule.rule.hasResponse = true;
        rule.rule.response = Template::compile(*rule.response);
        checkVariables(rule.rule.response, rule.responseMark, draft->checkedPath,
                       &rule.rule.pattern);
    }
    draft->endpoint.rules.append(rule.rule);
}

void Loader::readRuleKey(const YAML::Node &key, const YAML::Node &value, RuleDraft *rule,
                         EndpointDraft *draft)
{
    const std::string name = keyName(key);
    if (name == "binary") {
        loadBinaryMatch(key, value, rule, draft);
    } else if (name == "pattern") {
        loadPattern(key, value, rule);
    } else if (name == "enabled") {
        loadEnabled(key, value, rule, draft);
    } else if (name == "response" && rule->hasResponse && rule->responseKey != name) {
        error(key.Mark(),
              SpecLoader::tr("rule has both '%1' and 'response'; use one")
                  .arg(qs(rule->responseKey)));
        draft->valid = false;
    } else if (name == "response") {
        rule->hasResponse = true;
        rule->responseMark = value.Mark();
        rule->response = responseText(key, value);
    } else if (!loadPresetRuleKey(name, key, value, rule, draft)
               && !loadReplyKey(name, key, value,
                                { &rule->rule.reply, &draft->valid, draft->checkedPath,
                                  &rule->rule.pattern, draft->endpoint.protocol })
               && !loadConversationKey(name, key, value, rule, draft)) {
        warning(key.Mark(),
                SpecLoader::tr("unknown key '%1' in rule ignored").arg(qs(name))
                    + keySuggestion(name, ruleKeyNames(draft->endpoint.protocol)));
    }
}

void Loader::loadBinaryMatch(const YAML::Node &key, const YAML::Node &value, RuleDraft *rule,
                             EndpointDraft *draft)
{
    rule->rule.matchesBinary = true;
    rule->rule.patternLocation = location(value.IsNull() ? key.Mark() : value.Mark());
    const QString any = scalarText(value);
    const bool ok = value.IsMap() ? readBinaryPrefix(value, &rule->rule.binaryPrefix)
                                  : any == QLatin1String("any") || any == QLatin1String("true");
    if (!ok) {
        error(value.IsNull() ? key.Mark() : value.Mark(),
              SpecLoader::tr("'binary' must be any, or a map with hex-prefix or base64-prefix"));
        draft->valid = false;
    }
    rule->hasPattern = true;
    rule->patternText = QString();
}

void Loader::loadPattern(const YAML::Node &key, const YAML::Node &value, RuleDraft *rule)
{
    rule->hasPattern = true;
    rule->patternText = responseText(key, value);
    rule->rule.patternLocation = location(value.IsNull() ? key.Mark() : value.Mark());
    if (!rule->patternText)
        return;
    MessagePattern &pattern = rule->rule.pattern;
    pattern = MessagePattern::compile(*rule->patternText);
    if (!pattern.regexError().isEmpty())
        warning(value.Mark(),
                SpecLoader::tr("pattern is not a valid regular expression (%1 at offset %2); it "
                               "matches only the exact text")
                    .arg(pattern.regexError())
                    .arg(pattern.regexErrorOffset()));
    const QString backtracking = SpecRules::backtrackingProblem(pattern);
    if (!backtracking.isEmpty())
        warning(value.Mark(), backtracking);
}

void Loader::loadEnabled(const YAML::Node &key, const YAML::Node &value, RuleDraft *rule,
                         EndpointDraft *draft)
{
    const QString text = scalarText(value);
    if (text == QLatin1String("true") || text == QLatin1String("false")) {
        rule->rule.enabled = text == QLatin1String("true");
        return;
    }
    error(value.IsNull() ? key.Mark() : value.Mark(),
          SpecLoader::tr("'enabled' must be true or false"));
    draft->valid = false;
}

// Reports what the rule lacks; true when it has a pattern and exactly one way to answer (a
// rule that changes the conversation may answer nothing).
bool Loader::checkRuleComplete(const YAML::Node &item, const RuleDraft &rule)
{
    const Reply &reply = rule.rule.reply;
    const bool sequence = rule.rule.sequence.has_value();
    const bool hasOther = !reply.frames.isEmpty() || reply.closeCode || rule.hasConversation;
    const bool both = rule.hasResponse && !reply.frames.isEmpty();
    const bool alsoSequence = sequence && (rule.hasResponse || !reply.frames.isEmpty());
    if (!rule.hasPattern)
        error(item.Mark(), SpecLoader::tr("rule has no 'pattern'"));
    if (!rule.hasResponse && !hasOther)
        error(item.Mark(), SpecLoader::tr("rule has no 'response'"));
    if (both)
        error(item.Mark(), SpecLoader::tr("rule has both 'response' and 'frames'; use one"));
    if (alsoSequence)
        error(item.Mark(),
              SpecLoader::tr("rule has a 'sequence' and its own 'response' or 'frames'; the "
                             "sequence's replies answer"));
    const bool responseRead = rule.response.has_value();
    return rule.patternText && (responseRead || hasOther) && (!rule.hasResponse || responseRead)
        && !both && !alsoSequence;
}

void Loader::warnShadowedRules(const Endpoint &endpoint)
{
    if (endpoint.protocol != Protocols::Kind::None)
        return; // rules that select on the protocol's terms are not compared by pattern alone
    const QList<SpecRules::ShadowedRule> shadowed = SpecRules::shadowedRules(endpoint.rules);
    for (const SpecRules::ShadowedRule &found : shadowed)
        add(Diagnostic::Severity::Warning, endpoint.rules.at(found.rule).patternLocation,
            found.problem);
}

} // namespace SpecLoading
