#include "diagnostic.h"

#include <algorithm>

QString Diagnostic::toString() const
{
    const QString kind = isError() ? QStringLiteral("error") : QStringLiteral("warning");
    if (line <= 0)
        return file + QStringLiteral(": ") + kind + QStringLiteral(": ") + message;
    return file + QLatin1Char(':') + QString::number(line) + QLatin1Char(':')
        + QString::number(column) + QStringLiteral(": ") + kind + QStringLiteral(": ") + message;
}

bool hasErrors(const Diagnostics &diagnostics)
{
    return countErrors(diagnostics) > 0;
}

int countErrors(const Diagnostics &diagnostics)
{
    return int(std::count_if(diagnostics.cbegin(), diagnostics.cend(),
                             [](const Diagnostic &diagnostic) { return diagnostic.isError(); }));
}
