#pragma once

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

using ParamMap = QHash<QString, QString>;

// A WebSocket endpoint path such as "/ws/user/:username". Segments are compared after
// percent-decoding; ":name" segments capture one non-empty segment; the number of segments
// must be equal, so a trailing slash is significant.
class PathPattern
{
public:
    PathPattern() = default;
    // Returns an empty optional and sets *error when the text is not a usable path.
    static std::optional<PathPattern> parse(const QString &text, QString *error = nullptr);

    const QString &text() const { return m_text; }
    int segmentCount() const { return int(m_segments.size()); }
    QStringList parameterNames() const;

    // path is the raw (still percent-encoded) path of a request, without the query.
    std::optional<ParamMap> match(const QString &path) const;
    // Same, with the path already split into decoded segments (see splitPath).
    std::optional<ParamMap> match(const QStringList &decodedSegments) const;

    // True when both patterns accept exactly the same paths (e.g. "/a/:x" and "/a/:y").
    bool sameShape(const PathPattern &other) const;
    // Orders routes so that, among patterns that both match a path, the one with a literal
    // segment earliest wins over the one with a parameter there.
    bool moreSpecificThan(const PathPattern &other) const;

    // Splits "/a/b%20c/" into {"a", "b c", ""}; the leading slash is implied.
    static QStringList splitPath(const QString &rawPath);

private:
    struct Segment
    {
        QString text; // literal text (decoded), or parameter name
        bool isParam = false;
    };
    QString m_text;
    QList<Segment> m_segments;
};
