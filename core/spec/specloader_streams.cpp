#include "specloader_p.h"
#include "specrules.h"

namespace SpecLoading {

void Loader::loadStream(const YAML::Node &item, int index, EndpointDraft *draft)
{
    StreamDraft stream;
    stream.stream.index = index;
    stream.stream.location = location(item.Mark());
    if (!item.IsMap()) {
        error(item.Mark(), SpecLoader::tr("a stream is a map with 'every' and 'frames'"));
        draft->valid = false;
        return;
    }
    for (const auto &kv : item)
        readStreamKey(kv.first, kv.second, &stream, draft);
    if (!stream.hasEvery) {
        error(item.Mark(), SpecLoader::tr("stream has no 'every'"));
        draft->valid = false;
    }
    const QString framesProblem = SpecRules::streamFramesProblem(stream.frames.frames.size());
    if (!framesProblem.isEmpty()) {
        error(item.Mark(), framesProblem);
        draft->valid = false;
    }
    stream.stream.frames = stream.frames.frames;
    draft->endpoint.streams.append(stream.stream);
}

void Loader::readStreamKey(const YAML::Node &key, const YAML::Node &value, StreamDraft *stream,
                           EndpointDraft *draft)
{
    const std::string name = keyName(key);
    if (name == "every") {
        loadInterval(key, value, stream, draft);
    } else if (name == "to") {
        const QString message = SpecLoader::tr(
            "a stream's 'to' must be each (every connection on its own) or all (one broadcast)");
        if (const auto toAll = readChoice(value, "each", "all", message, draft))
            stream->stream.toAll = *toAll;
    } else if (name == "mode") {
        const QString message = SpecLoader::tr("a stream's 'mode' must be cycle or once");
        if (const auto once = readChoice(value, "cycle", "once", message, draft))
            stream->stream.once = *once;
    } else if (name == "frames") {
        loadReplyKey(name, key, value, { &stream->frames, &draft->valid, draft->checkedPath });
    } else {
        warning(key.Mark(),
                SpecLoader::tr("unknown key '%1' in stream ignored").arg(qs(name))
                    + keySuggestion(name, { "every", "to", "mode", "frames" }));
    }
}

void Loader::loadInterval(const YAML::Node &key, const YAML::Node &value, StreamDraft *stream,
                          EndpointDraft *draft)
{
    stream->hasEvery = true;
    const Verdict<int> every = SpecRules::streamInterval(scalarText(value));
    if (every.ok()) {
        stream->stream.intervalMs = *every.value;
        return;
    }
    error(value.IsNull() ? key.Mark() : value.Mark(), every.problem);
    draft->valid = false;
}

std::optional<bool> Loader::readChoice(const YAML::Node &value, const char *first,
                                       const char *second, const QString &message,
                                       EndpointDraft *draft)
{
    const QString chosen = scalarText(value);
    if (chosen == QLatin1String(first) || chosen == QLatin1String(second))
        return chosen == QLatin1String(second);
    error(value.Mark(), message);
    draft->valid = false;
    return std::nullopt;
}

} // namespace SpecLoading
