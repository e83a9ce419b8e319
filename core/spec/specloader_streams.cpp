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
    if (name == "every")
        loadInterval(key, value, stream, draft);
    else if (name == "to")
        loadStreamAudience(value, stream, draft);
    else if (name == "mode")
        loadStreamMode(value, stream, draft);
    else if (name == "frames")
        loadReplyKey(name, key, value, { &stream->frames, &draft->valid, draft->checkedPath });
    else
        warning(key.Mark(), SpecLoader::tr("unknown key '%1' in stream ignored").arg(qs(name)));
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

void Loader::loadStreamAudience(const YAML::Node &value, StreamDraft *stream, EndpointDraft *draft)
{
    const QString to = scalarText(value);
    if (to == QLatin1String("each") || to == QLatin1String("all")) {
        stream->stream.toAll = to == QLatin1String("all");
        return;
    }
    error(value.Mark(),
          SpecLoader::tr("a stream's 'to' must be each (every connection on its own) or all (one "
                         "broadcast)"));
    draft->valid = false;
}

void Loader::loadStreamMode(const YAML::Node &value, StreamDraft *stream, EndpointDraft *draft)
{
    const QString mode = scalarText(value);
    if (mode == QLatin1String("cycle") || mode == QLatin1String("once")) {
        stream->stream.once = mode == QLatin1String("once");
        return;
    }
    error(value.Mark(), SpecLoader::tr("a stream's 'mode' must be cycle or once"));
    draft->valid = false;
}

} // namespace SpecLoading
