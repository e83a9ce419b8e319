#include "pathpattern.h"

#include <QCoreApplication>
#include <QDate>
#include <QRegularExpression>
#include <QUrl>

#include <cmath>

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(PathPattern)
};

struct TypeName
{
    const char *name;
    ParamType type;
};

// The names a type may be written with; the first of each type is how it is shown.
constexpr TypeName typeNames[] = {
    { "string", ParamType::String }, { "int", ParamType::Int },   { "float", ParamType::Float },
    { "double", ParamType::Float },  { "bool", ParamType::Bool }, { "boolean", ParamType::Bool },
    { "uuid", ParamType::Uuid },     { "date", ParamType::Date },
};

bool isInt(const QString &value)
{
    static const QRegularExpression digits(QStringLiteral("^[+-]?[0-9]+$"));
    return digits.match(value).hasMatch();
}

bool isFloat(const QString &value)
{
    // QString::toDouble forgives surrounding spaces; a path segment with them is no number.
    if (value.isEmpty() || value.at(0).isSpace() || value.back().isSpace())
        return false;
    bool isNumber = false;
    const double number = value.toDouble(&isNumber);
    return isNumber && std::isfinite(number);
}

bool isUuid(const QString &value)
{
    static const QRegularExpression uuid(QStringLiteral(
        "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"));
    return uuid.match(value).hasMatch();
}

bool isDate(const QString &value)
{
    static const QRegularExpression shape(QStringLiteral("^[0-9]{4}-[0-9]{2}-[0-9]{2}$"));
    return shape.match(value).hasMatch()
        && QDate::fromString(value, QStringLiteral("yyyy-MM-dd")).isValid();
}
} // namespace

std::optional<ParamType> paramTypeNamed(const QString &name)
{
    for (const TypeName &known : typeNames) {
        if (name == QLatin1String(known.name))
            return known.type;
    }
    return std::nullopt;
}

QString paramTypeName(ParamType type)
{
    for (const TypeName &known : typeNames) {
        if (known.type == type)
            return QLatin1String(known.name);
    }
    return QStringLiteral("string");
}

bool valueHasType(const QString &value, ParamType type)
{
    switch (type) {
    case ParamType::String:
        return true;
    case ParamType::Int:
        return isInt(value);
    case ParamType::Float:
        return isFloat(value);
    case ParamType::Bool:
        return value.compare(QLatin1String("true"), Qt::CaseInsensitive) == 0
            || value.compare(QLatin1String("false"), Qt::CaseInsensitive) == 0;
    case ParamType::Uuid:
        return isUuid(value);
    case ParamType::Date:
        return isDate(value);
    }
    return false;
}

QString paramTypeDescription(ParamType type)
{
    switch (type) {
    case ParamType::String:
        return Tr::tr("text");
    case ParamType::Int:
        return Tr::tr("an int");
    case ParamType::Float:
        return Tr::tr("a number");
    case ParamType::Bool:
        return Tr::tr("true or false");
    case ParamType::Uuid:
        return Tr::tr("a UUID");
    case ParamType::Date:
        return Tr::tr("a date (yyyy-MM-dd)");
    }
    return QString();
}

QString unknownParamTypeProblem(const QString &name)
{
    return Tr::tr("unknown type '%1' (use string, int, float, bool, uuid or date)").arg(name);
}

std::optional<PathPattern::Segment> PathPattern::parseParameter(const QString &part, Syntax syntax,
                                                                QString *problem)
{
    Segment segment;
    segment.isParam = true;
    segment.text = part.mid(1);
    const qsizetype bar = syntax == Syntax::Typed ? segment.text.indexOf(QLatin1Char('|')) : -1;
    if (bar < 0)
        return segment;
    const QString typeName = segment.text.mid(bar + 1);
    segment.text.truncate(bar);
    const std::optional<ParamType> type = paramTypeNamed(typeName);
    if (!type) {
        *problem = unknownParamTypeProblem(typeName);
        return std::nullopt;
    }
    segment.type = *type;
    return segment;
}

std::optional<PathPattern> PathPattern::parse(const QString &text, QString *error, Syntax syntax)
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
        if (!part.startsWith(QLatin1Char(':'))) {
            pattern.m_segments.append(Segment { part });
            continue;
        }
        QString typeProblem;
        const std::optional<Segment> segment = parseParameter(part, syntax, &typeProblem);
        if (!segment)
            return fail(Tr::tr("path '%1': %2").arg(text, typeProblem));
        if (segment->text.isEmpty())
            return fail(Tr::tr("path '%1' has a ':' segment without a name").arg(text));
        if (seen.contains(segment->text))
            return fail(Tr::tr("path '%1' names parameter '%2' twice").arg(text, segment->text));
        seen.append(segment->text);
        pattern.m_segments.append(*segment);
    }
    return pattern;
}

ParamType PathPattern::parameterType(const QString &name) const
{
    for (const Segment &segment : m_segments) {
        if (segment.isParam && segment.text == name)
            return segment.type;
    }
    return ParamType::String;
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
    return match(decodedSegments, nullptr);
}

std::optional<ParamMap> PathPattern::match(const QStringList &decodedSegments,
                                           QString *typeProblem) const
{
    if (decodedSegments.size() != m_segments.size())
        return std::nullopt;
    ParamMap params;
    // A typed value that does not fit is only the reason when every literal fits too.
    QString firstProblem;
    for (qsizetype index = 0; index < m_segments.size(); ++index) {
        const Segment &segment = m_segments.at(index);
        const QString &value = decodedSegments.at(index);
        if (!segment.isParam) {
            if (segment.text != value)
                return std::nullopt;
        } else if (value.isEmpty()) {
            return std::nullopt;
        } else if (!valueHasType(value, segment.type)) {
            if (firstProblem.isEmpty())
                firstProblem = Tr::tr("path parameter '%1' must be %2, got '%3'")
                                   .arg(segment.text, paramTypeDescription(segment.type), value);
        } else {
            params.insert(segment.text, value);
        }
    }
    if (firstProblem.isEmpty())
        return params;
    if (typeProblem)
        *typeProblem = firstProblem;
    return std::nullopt;
}

bool PathPattern::sameShape(const PathPattern &other) const
{
    if (m_segments.size() != other.m_segments.size())
        return false;
    for (qsizetype index = 0; index < m_segments.size(); ++index) {
        const Segment &mine = m_segments.at(index);
        const Segment &theirs = other.m_segments.at(index);
        if (mine.isParam != theirs.isParam || mine.type != theirs.type
            || (!mine.isParam && mine.text != theirs.text))
            return false;
    }
    return true;
}

QString PathPattern::shapeKey() const
{
    // Each literal segment as its length and text, so no text can pose as a separator.
    QString key;
    for (const Segment &segment : m_segments) {
        if (segment.isParam)
            key += QLatin1Char(':') + QString::number(int(segment.type)) + QLatin1Char(';');
        else
            key += QString::number(segment.text.size()) + QLatin1Char('=') + segment.text;
    }
    return key;
}

bool PathPattern::moreSpecificThan(const PathPattern &other) const
{
    // A strict weak order: segment kinds compared in order (a literal before a typed
    // parameter before an untyped one), then fewer segments first. Patterns of different
    // lengths never match the same path, so only the first part decides between routes
    // that compete.
    const qsizetype shared = std::min(m_segments.size(), other.m_segments.size());
    for (qsizetype index = 0; index < shared; ++index) {
        const int mine = m_segments.at(index).rank();
        const int theirs = other.m_segments.at(index).rank();
        if (mine != theirs)
            return mine < theirs;
    }
    return m_segments.size() < other.m_segments.size();
}
