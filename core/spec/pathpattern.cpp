#include "pathpattern.h"

#include <QCoreApplication>
#include <QUrl>

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(PathPattern)
};
} // namespace

std::optional<PathPattern> PathPattern::parse(const QString &text, QString *error)
{
    auto fail = [error](const QString &message) -> std::optional<PathPattern> {
        if (error)
            *error = message;
        return std::nullopt;
    };
    if (!text.startsWith(QLatin1Char('/')))
        return fail(Tr::tr("path '%1' must start with '/'").arg(text));
    if (text.contains(QLatin1Char('?')) || text.contains(QLatin1Char('#')))
        return fail(Tr::tr("path '%1' must not contain a query or fragment").arg(text));

    PathPattern pattern;
    pattern.m_text = text;
    QStringList seen;
    const QStringList parts = splitPath(text);
    for (const QString &part : parts) {
        Segment segment;
        if (part.startsWith(QLatin1Char(':'))) {
            segment.isParam = true;
            segment.text = part.mid(1);
            if (segment.text.isEmpty())
                return fail(Tr::tr("path '%1' has a ':' segment without a name").arg(text));
            if (seen.contains(segment.text))
                return fail(Tr::tr("path '%1' names parameter '%2' twice").arg(text, segment.text));
            seen.append(segment.text);
        } else {
            segment.text = part;
        }
        pattern.m_segments.append(segment);
    }
    return pattern;
}

QStringList PathPattern::parameterNames() const
{
    QStringList names;
    for (const Segment &segment : m_segments) {
        if (segment.isParam)
            names.append(segment.text);
    }
    return names;
}

QStringList PathPattern::splitPath(const QString &rawPath)
{
    QStringView view(rawPath);
    if (view.startsWith(QLatin1Char('/')))
        view = view.mid(1);
    QStringList segments;
    for (QStringView part : view.split(QLatin1Char('/')))
        segments.append(QUrl::fromPercentEncoding(part.toUtf8()));
    return segments;
}

std::optional<ParamMap> PathPattern::match(const QString &path) const
{
    return match(splitPath(path));
}

std::optional<ParamMap> PathPattern::match(const QStringList &decodedSegments) const
{
    if (decodedSegments.size() != m_segments.size())
        return std::nullopt;
    ParamMap params;
    for (qsizetype index = 0; index < m_segments.size(); ++index) {
        const Segment &segment = m_segments.at(index);
        const QString &value = decodedSegments.at(index);
        if (segment.isParam) {
            if (value.isEmpty())
                return std::nullopt;
            params.insert(segment.text, value);
        } else if (segment.text != value) {
            return std::nullopt;
        }
    }
    return params;
}

bool PathPattern::sameShape(const PathPattern &other) const
{
    if (m_segments.size() != other.m_segments.size())
        return false;
    for (qsizetype index = 0; index < m_segments.size(); ++index) {
        const Segment &mine = m_segments.at(index);
        const Segment &theirs = other.m_segments.at(index);
        if (mine.isParam != theirs.isParam || (!mine.isParam && mine.text != theirs.text))
            return false;
    }
    return true;
}

bool PathPattern::moreSpecificThan(const PathPattern &other) const
{
    // A strict weak order: segment kinds compared in order (a literal before a parameter),
    // then fewer segments first. Patterns of different lengths never match the same path,
    // so only the first part decides between routes that compete.
    const qsizetype shared = std::min(m_segments.size(), other.m_segments.size());
    for (qsizetype index = 0; index < shared; ++index) {
        const bool mine = m_segments.at(index).isParam;
        const bool theirs = other.m_segments.at(index).isParam;
        if (mine != theirs)
            return !mine;
    }
    return m_segments.size() < other.m_segments.size();
}
