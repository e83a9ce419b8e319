#pragma once

#include <QByteArray>
#include <QString>

// A file of the source tree, e.g. "fuzz/regressions/x.yml".
QString sourcePath(const QString &relativePath);
// A bundled example, resources/examples/NAME.
QString examplePath(const QString &name);
// The whole file; empty when it cannot be read.
QByteArray readFile(const QString &path);
QString readExample(const QString &name);
// Replaces the file's content; false when it could not be written whole.
bool writeFile(const QString &path, const QByteArray &data);
// A local port nobody listened on a moment ago.
quint16 freePort();
