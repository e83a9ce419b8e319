#pragma once

#include <QString>

// `generate SESSION [-o FILE]`: a mock file from a recorded session (a --log or record file, or
// a browser's HAR file), written to FILE or to stdout; what it holds is said on stderr (or on
// stdout with -o). Returns the exit code: 0, or 3 when a file cannot be read or written.
int generateMocks(const QString &sessionPath, const QString &outputPath);
