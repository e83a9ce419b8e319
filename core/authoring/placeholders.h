#pragma once

#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QStringList>

class SpecOutline;

// One template value or filter a reply can use, as the workbench offers it.
struct Placeholder
{
    QString text; // what is inserted: "{{path-params.room}}", "| upper"
    QString description; // what it gives, for the list beside it

    bool operator==(const Placeholder &other) const
    {
        return text == other.text && description == other.description;
    }
};

// Which placeholders fit where a reply is written: the path parameters of its endpoint, what
// its rule's pattern binds, the helpers (with {{counter}} only in a stream) and the filters.
class Placeholders
{
    Q_DECLARE_TR_FUNCTIONS(Placeholders)

public:
    enum class Place { Anywhere, Greeting, Rule, Stream, Http };

    // For a reply of an endpoint at path, in place; pattern is the rule's (Place::Rule).
    static QList<Placeholder> forReply(const QString &path, Place place,
                                       const QString &pattern = QString());
    // For the cursor at position in the YAML text the outline was parsed from.
    static QList<Placeholder> at(const SpecOutline &outline, qsizetype position);

    // The names a pattern binds, as a reply writes them: "json-params.user", "cmd".
    static QStringList bound(const QString &pattern);
    // What a pattern is and binds: "JSON pattern: binds json-params.user, json-params.room",
    // "regex: binds {{cmd}}", "exact text".
    static QString binding(const QString &pattern);
};
