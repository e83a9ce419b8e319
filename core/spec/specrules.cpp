#include "specrules.h"

#include "specloader.h"

// The messages keep SpecLoader's translation context: they are the loader's diagnostics.

namespace SpecRules {

Verdict<Delay> delay(const QString &text)
{
    Delay parsed;
    if (!Delay::parse(text, &parsed))
        return Verdict<Delay>::reject(
            SpecLoader::tr("'delay' must be a duration such as 250ms, 1.5s or 100ms..300ms "
                           "(at most 1 hour)"));
    return Verdict<Delay>::accept(parsed);
}

Verdict<int> streamInterval(const QString &text)
{
    Delay every;
    if (!Delay::parse(text, &every) || every.minMs != every.maxMs)
        return Verdict<int>::reject(
            SpecLoader::tr("'every' must be an interval such as 500ms or 2s"));
    if (every.minMs < Stream::MinimumIntervalMs)
        return Verdict<int>::reject(
            SpecLoader::tr("'every' must be at least %1ms, so a stream cannot flood")
                .arg(Stream::MinimumIntervalMs));
    return Verdict<int>::accept(every.minMs);
}

bool isSendableCloseCode(int code)
{
    // 1004-1006 and 1015 are reserved: never sent in a close frame.
    return (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014)
        || (code >= 3000 && code <= 4999);
}

QString closeCodeProblem(int code)
{
    if (isSendableCloseCode(code))
        return QString();
    return SpecLoader::tr("close code %1 cannot be sent (use 1000-1003, 1007-1014 or 3000-4999)")
        .arg(code);
}

QString closeReasonProblem(const QString &reason)
{
    if (reason.toUtf8().size() <= MaxCloseReasonBytes)
        return QString();
    return SpecLoader::tr("a close reason holds at most 123 bytes");
}

QString streamFramesProblem(qsizetype frameCount)
{
    return frameCount > 0 ? QString() : SpecLoader::tr("stream has no 'frames'");
}

QByteArray withoutSpaces(const QString &text)
{
    return text.toLatin1().simplified().replace(' ', "");
}

Verdict<QByteArray> base64Frame(const QString &text)
{
    const auto decoded = QByteArray::fromBase64Encoding(withoutSpaces(text),
                                                        QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        return Verdict<QByteArray>::reject(SpecLoader::tr("'binary' must be base64 text"));
    return Verdict<QByteArray>::accept(*decoded);
}

std::optional<QByteArray> hexPrefix(const QString &text)
{
    const QByteArray clean = withoutSpaces(text);
    const QByteArray bytes = QByteArray::fromHex(clean);
    if (clean.size() % 2 != 0 || bytes.toHex() != clean.toLower() || bytes.isEmpty())
        return std::nullopt;
    return bytes;
}

std::optional<QByteArray> base64Prefix(const QString &text)
{
    const auto decoded
        = QByteArray::fromBase64Encoding(text.toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded || (*decoded).isEmpty())
        return std::nullopt;
    return *decoded;
}

bool isSubprotocolName(const QString &name)
{
    return !name.isEmpty();
}

QString subprotocolNameProblem()
{
    return SpecLoader::tr("a subprotocol is a name such as chat.v1");
}

std::optional<Audience> audience(const QString &text)
{
    if (text == QLatin1String("sender"))
        return Audience::Sender;
    if (text == QLatin1String("endpoint") || text == QLatin1String("all"))
        return Audience::Endpoint;
    if (text == QLatin1String("others"))
        return Audience::Others;
    return std::nullopt;
}

} // namespace SpecRules
