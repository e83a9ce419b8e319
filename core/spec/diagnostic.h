#pragma once

#include <QList>
#include <QString>

// One problem found in a config file, located the way compilers do: FILE:LINE:COL.
struct Diagnostic
{
    enum class Severity { Error, Warning };

    Severity severity = Severity::Error;
    QString file;
    int line = 0; // 1-based; 0 when the problem has no place in the file
    int column = 0; // 1-based
    QString message;

    bool isError() const { return severity == Severity::Error; }
    // "mocks.yml:3:5: error: websocket has no 'path'"
    QString toString() const;
};

using Diagnostics = QList<Diagnostic>;

bool hasErrors(const Diagnostics &diagnostics);
int countErrors(const Diagnostics &diagnostics);
