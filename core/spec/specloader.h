#pragma once

#include "diagnostic.h"
#include "mockspec.h"

#include <QCoreApplication>
#include <QString>

#include <memory>

class ParsedYaml;

struct LoadResult
{
    std::shared_ptr<MockSpec> spec; // null when there are errors
    Diagnostics diagnostics; // every problem found, errors and warnings, in file order

    bool ok() const { return spec != nullptr; }
    QString diagnosticsText() const; // one diagnostic per line
};

// Reads a config in Moclojer's format (a YAML list of `websocket:` items) into a MockSpec,
// compiling every path, pattern and template. Reports all problems at once; no exception
// escapes.
class SpecLoader
{
    Q_DECLARE_TR_FUNCTIONS(SpecLoader)

public:
    static LoadResult loadFile(const QString &path);
    // fileName is only used to name the file in diagnostics.
    static LoadResult loadText(const QString &yaml, const QString &fileName);
    static LoadResult loadData(const QByteArray &yaml, const QString &fileName);
    // Text already parsed, e.g. shared with a SpecOutline of the same text.
    static LoadResult load(const ParsedYaml &yaml, const QString &fileName);
};
