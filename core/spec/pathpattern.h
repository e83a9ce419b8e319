#pragma once

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

using ParamMap = QHash<QString, QString>;

// The type a path or query parameter declares: ":id|int", "query: {limit: int}". Declared
// here rather than beside HttpEndpoint because a path pattern holds the types of its segments.
enum class ParamType { String, Int, Float, Bool, Uuid, Date };

// "int" -> Int ("float" and "double", "bool" and "boolean" are the same); nullopt when unknown.
std::optional<ParamType> paramTypeNamed(const QString &name);
QString paramTypeName(ParamType type); // "int"
// Whether a (decoded) value is of the type: "42" is an int, "2024-05-01" a date.
bool valueHasType(const QString &value, ParamType type);
// What a value of the type is, for messages: "an int", "a date (yyyy-MM-dd)".
QString paramTypeDescription(ParamType type);
// The message for a type name paramTypeNamed does not know.
QString unknownParamTypeProblem(const QString &name);

// An endpoint path such as "/ws/user/:username". Segments are compared after
// percent-decoding; ":name" segments capture one non-empty segment; the number of segments
// must be equal, so a trailing slash is significant. HTTP paths may also declare a type,
// ":id|int": such a segment only captures values of that type.
class PathPattern
{
public:
    // Plain: WebSocket paths, where "|" is part of a parameter's name as it always was.
    // Typed: HTTP paths, where ":name|type" declares the parameter's type.
    enum class Syntax { Plain, Typed };

    PathPattern() = default;
    // Returns an empty optional and sets *error when the text is not a usable path.
    static std::optional<PathPattern> parse(const QString &text, QString *error = nullptr,
                                            Syntax syntax = Syntax::Plain);

    const QString &text() const { return m_text; }
    int segmentCount() const { return int(m_segments.size()); }
    QStringList parameterNames() const;
    // The declared type of a parameter; String for an untyped or unknown one.
    ParamType parameterType(const QString &name) const;

    // path is the raw (still percent-encoded) path of a request, without the query.
    std::optional<ParamMap> match(const QString &path) const;
    // Same, with the path already split into decoded segments (see splitPath).
    std::optional<ParamMap> match(const QStringList &decodedSegments) const;
    // Same; when the path fits but for a typed parameter's value, *typeProblem says which
    // ("path parameter 'id' must be an int, got 'abc'"). Left untouched otherwise.
    std::optional<ParamMap> match(const QStringList &decodedSegments, QString *typeProblem) const;

    // True when both patterns accept exactly the same paths (e.g. "/a/:x" and "/a/:y"; not
    // "/a/:x|int" and "/a/:y").
    bool sameShape(const PathPattern &other) const;
    // Text that is equal for two patterns exactly when they have the same shape, to look
    // patterns up by shape instead of comparing each with every other.
    QString shapeKey() const;
    // Orders routes so that, among patterns that both match a path, the one with a literal
    // segment earliest wins over the one with a parameter there, and a typed parameter over
    // an untyped one.
    bool moreSpecificThan(const PathPattern &other) const;

    // Splits "/a/b%20c/" into {"a", "b c", ""}; the leading slash is implied.
    static QStringList splitPath(const QString &rawPath);

private:
    struct Segment
    {
        QString text; // literal text (decoded), or parameter name
        bool isParam = false;
        ParamType type = ParamType::String; // a parameter's
        // How specific the segment is: 0 literal, 1 typed parameter, 2 untyped parameter.
        int rank() const { return isParam ? (type == ParamType::String ? 2 : 1) : 0; }
    };
    static std::optional<Segment> parseParameter(const QString &part, Syntax syntax,
                                                 QString *problem);
    QString m_text;
    QList<Segment> m_segments;
};
