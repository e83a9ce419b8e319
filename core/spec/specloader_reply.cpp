#include "specloader_p.h"
#include "specrules.h"

namespace SpecLoading {

bool Loader::loadReplyKey(const std::string &key, const YAML::Node &keyNode,
                          const YAML::Node &value, const ReplyTarget &target)
{
    using KeyLoader = void (Loader::*)(const YAML::Node &, const YAML::Node &, const ReplyTarget &);
    static const std::pair<const char *, KeyLoader> replyKeys[] = {
        { "delay", &Loader::loadReplyDelay },
        { "to", &Loader::loadAudience },
        { "close", &Loader::loadClose },
        { "frames", &Loader::loadFrames },
    };
    for (const auto &[name, load] : replyKeys) {
        if (key == name) {
            (this->*load)(keyNode, value, target);
            return true;
        }
    }
    return loadPresetReplyKey(key, keyNode, value, target);
}

// An error on a reply key: at the value, or at the key when the value is empty.
void Loader::fail(const YAML::Node &at, const YAML::Node &keyNode, const QString &message,
                  const ReplyTarget &target)
{
    error(at.IsNull() ? keyNode.Mark() : at.Mark(), message);
    *target.valid = false;
}

void Loader::loadDelay(const YAML::Node &keyNode, const YAML::Node &value, Delay *delay,
                       const ReplyTarget &target)
{
    const Verdict<Delay> parsed = SpecRules::delay(scalarText(value));
    if (parsed.ok())
        *delay = *parsed.value;
    else
        fail(value, keyNode, parsed.problem, target);
}

void Loader::loadReplyDelay(const YAML::Node &keyNode, const YAML::Node &value,
                            const ReplyTarget &target)
{
    loadDelay(keyNode, value, &target.reply->delay, target);
}

void Loader::loadAudience(const YAML::Node &keyNode, const YAML::Node &value,
                          const ReplyTarget &target)
{
    if (const auto audience = SpecRules::audience(scalarText(value))) {
        target.reply->to = *audience;
        target.reply->toWritten = true;
    } else {
        fail(value, keyNode,
             SpecLoader::tr(
                 "'to' must be sender, endpoint (every connection of this endpoint) or others"),
             target);
    }
}

void Loader::loadClose(const YAML::Node &keyNode, const YAML::Node &value,
                       const ReplyTarget &target)
{
    Reply *reply = target.reply;
    reply->closeCode = 1000;
    const QString mustBe
        = SpecLoader::tr("'close' must be true, a close code, or a map with 'code' and 'reason'");
    if (value.IsScalar()) {
        bool isNumber = false;
        const QString text = qs(value.Scalar());
        const int code = text.toInt(&isNumber);
        if (isNumber)
            reply->closeCode = code;
        else if (text != QLatin1String("true"))
            fail(value, keyNode, mustBe, target);
    } else if (value.IsMap()) {
        loadCloseMap(keyNode, value, target);
    } else {
        fail(value, keyNode, mustBe, target);
    }
    // The code is judged only while the endpoint is otherwise valid: a code that is not a
    // number has been reported already.
    const QString codeProblem = SpecRules::closeCodeProblem(reply->closeCode);
    if (*target.valid && !codeProblem.isEmpty())
        fail(value, keyNode, codeProblem, target);
    const QString reasonProblem = SpecRules::closeReasonProblem(reply->closeReason);
    if (!reasonProblem.isEmpty())
        fail(value, keyNode, reasonProblem, target);
}

void Loader::loadCloseMap(const YAML::Node &keyNode, const YAML::Node &value,
                          const ReplyTarget &target)
{
    for (const auto &kv : value) {
        const std::string key = keyName(kv.first);
        if (key == "code") {
            bool isNumber = false;
            target.reply->closeCode
                = kv.second.IsScalar() ? qs(kv.second.Scalar()).toInt(&isNumber) : 0;
            if (!isNumber)
                fail(kv.second, keyNode, SpecLoader::tr("'code' must be a number"), target);
        } else if (key == "reason") {
            target.reply->closeReason = scalarText(kv.second);
        } else {
            warning(kv.first.Mark(),
                    SpecLoader::tr("unknown key '%1' in close ignored").arg(qs(key))
                        + keySuggestion(key, { "code", "reason" }));
        }
    }
}

void Loader::loadFrames(const YAML::Node &keyNode, const YAML::Node &value,
                        const ReplyTarget &target)
{
    if (!value.IsSequence() || value.size() == 0) {
        fail(value, keyNode, SpecLoader::tr("'frames' must be a list of frames"), target);
        return;
    }
    for (const auto &item : value)
        target.reply->frames.append(loadFrame(keyNode, item, target));
}

ReplyFrame Loader::loadFrame(const YAML::Node &keyNode, const YAML::Node &item,
                             const ReplyTarget &target)
{
    ReplyFrame frame;
    if (item.IsScalar()) {
        frame.text = Template::compile(qs(item.Scalar()));
        checkVariables(frame.text, item.Mark(), target.path, target.pattern);
    } else if (item.IsMap()) {
        loadFrameMap(keyNode, item, &frame, target);
    } else {
        fail(item, keyNode,
             SpecLoader::tr("a frame is text or a map with 'response' or 'binary' and "
                            "'delay', found %1")
                 .arg(kindOf(item)),
             target);
    }
    return frame;
}

void Loader::loadFrameMap(const YAML::Node &keyNode, const YAML::Node &item, ReplyFrame *frame,
                          const ReplyTarget &target)
{
    bool hasBody = false;
    for (const auto &kv : item) {
        const std::string key = keyName(kv.first);
        if (key == "response") {
            hasBody = true;
            if (auto text = compileResponse(kv.first, kv.second, target))
                frame->text = *text;
        } else if (key == "binary") {
            hasBody = true;
            loadFrameBinary(keyNode, kv.second, frame, target);
        } else if (key == "delay") {
            loadDelay(keyNode, kv.second, &frame->delay, target);
        } else {
            warning(kv.first.Mark(),
                    SpecLoader::tr("unknown key '%1' in frame ignored").arg(qs(key))
                        + keySuggestion(key, { "response", "binary", "delay" }));
        }
    }
    if (!hasBody)
        fail(item, keyNode, SpecLoader::tr("a frame needs 'response' or 'binary'"), target);
}

std::optional<Template> Loader::compileResponse(const YAML::Node &key, const YAML::Node &value,
                                                const ReplyTarget &target)
{
    const std::optional<QString> text = responseText(key, value);
    if (!text) {
        *target.valid = false;
        return std::nullopt;
    }
    Template compiled = Template::compile(*text);
    checkVariables(compiled, value.Mark(), target.path, target.pattern);
    return compiled;
}

void Loader::loadFrameBinary(const YAML::Node &keyNode, const YAML::Node &value, ReplyFrame *frame,
                             const ReplyTarget &target)
{
    frame->isBinary = true;
    const Verdict<QByteArray> bytes = SpecRules::base64Frame(scalarText(value));
    if (bytes.ok())
        frame->binary = *bytes.value;
    else
        fail(value, keyNode, bytes.problem, target);
}

} // namespace SpecLoading
