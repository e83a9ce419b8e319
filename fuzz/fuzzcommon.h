#pragma once

// Shared by the libFuzzer targets: splitting one input into fields, and checks that abort
// (so libFuzzer saves the input) with a readable message.

#include <QByteArray>
#include <QtGlobal>
#include <QList>
#include <QString>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace fuzz {

// The input's fields, separated by NUL bytes; missing fields are empty.
inline QList<QByteArray> fields(const uint8_t *data, size_t size, int count)
{
    QList<QByteArray> out;
    const char *p = reinterpret_cast<const char *>(data);
    const char *end = p + size;
    while (int(out.size()) < count - 1) {
        const char *nul = static_cast<const char *>(memchr(p, 0, size_t(end - p)));
        if (!nul)
            break;
        out.append(QByteArray(p, nul - p));
        p = nul + 1;
    }
    out.append(QByteArray(p, end - p));
    while (int(out.size()) < count)
        out.append(QByteArray());
    return out;
}

// `scripts/fuzz --skip-known` sets MOCKET_FUZZ_SKIP_KNOWN: the targets then pass over inputs
// that trigger a known, already reported finding (see fuzz/README.md), to keep fuzzing.
inline bool skipKnown()
{
    static const bool skip = qEnvironmentVariableIsSet("MOCKET_FUZZ_SKIP_KNOWN");
    return skip;
}

inline QString text(const QByteArray &bytes)
{
    return QString::fromUtf8(bytes);
}

[[noreturn]] inline void fail(const char *what, const QString &detail = QString())
{
    std::fprintf(stderr, "\n==FUZZ CHECK FAILED== %s\n", what);
    if (!detail.isEmpty()) {
        const QByteArray bytes = detail.toUtf8();
        std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stderr);
        std::fputc('\n', stderr);
    }
    std::fflush(stderr);
    std::abort();
}

} // namespace fuzz

#define FUZZ_CHECK(cond, detail) \
    do { \
        if (!(cond)) \
            ::fuzz::fail(#cond, detail); \
    } while (false)
