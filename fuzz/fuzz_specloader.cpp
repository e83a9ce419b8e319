// SpecLoader::loadData on arbitrary bytes: it must never throw, crash or hang, and what it
// returns must be consistent. A spec that loads is then exercised: every endpoint routed,
// greeted and sent a few messages through tryMessage, as the workbench's "Try it" does, and
// every HTTP endpoint routed a request its path accepts.

#include "fuzzcommon.h"
#include "fuzzhttp.h"

#include "diagnostic.h"
#include "mockspec.h"
#include "specloader.h"

#include <QStringList>

namespace {

void exercise(const MockSpec &spec)
{
    const QString messages[] = {
        QStringLiteral("ping"),
        QStringLiteral("{\"echo\": \"hi \\\"there\\\"\", \"action\": \"get-profile\", \"a\": [1, "
                       "{\"b\": null}]}"),
        QStringLiteral("[1, 2, 3]"),
        QString(),
    };
    for (const Endpoint &endpoint : spec.endpoints) {
        const QString path = fuzz::samplePath(endpoint.path);
        // Every endpoint is reachable: some endpoint (this one, or a more specific one)
        // serves a path this one's pattern accepts.
        FUZZ_CHECK(endpoint.path.match(path).has_value(),
                   endpoint.path.text() + QStringLiteral(" vs ") + path);
        FUZZ_CHECK(spec.route(path) != nullptr,
                   endpoint.path.text() + QStringLiteral(" vs ") + path);
        for (const QString &message : messages)
            (void)tryMessage(spec, path + QStringLiteral("?q=1&x=%22"), message);
        // A text pattern matches its own text, so some rule answers it; a binary rule (which
        // answers binary messages only) answers its own prefix.
        for (const Rule &rule : endpoint.rules) {
            if (rule.matchesBinary) {
                FUZZ_CHECK(endpoint.firstBinaryMatch(rule.binaryPrefix) != nullptr,
                           QString::fromLatin1(rule.binaryPrefix.toHex()));
                continue;
            }
            if (rule.pattern.kind() != MessagePattern::Kind::Text)
                continue;
            Bindings bindings;
            FUZZ_CHECK(endpoint.firstMatch(IncomingMessage(rule.pattern.source()), &bindings)
                           != nullptr,
                       rule.pattern.source());
        }
    }
    fuzz::exerciseHttp(spec);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray yaml(reinterpret_cast<const char *>(data), qsizetype(size));
    LoadResult result;
    try {
        result = SpecLoader::loadData(yaml, QStringLiteral("fuzz.yml"));
    } catch (const std::exception &e) {
        fuzz::fail("SpecLoader::loadData threw", QString::fromLocal8Bit(e.what()));
    } catch (...) {
        fuzz::fail("SpecLoader::loadData threw a non-std exception");
    }

    // A spec comes back exactly when there is no error, and a failure always says why.
    FUZZ_CHECK(result.ok() == !hasErrors(result.diagnostics), result.diagnosticsText());
    for (const Diagnostic &d : result.diagnostics) {
        FUZZ_CHECK(!d.message.isEmpty(), result.diagnosticsText());
        FUZZ_CHECK(d.line >= 0 && d.column >= 0, result.diagnosticsText());
    }
    (void)result.diagnosticsText();
    if (result.ok())
        exercise(*result.spec);
    return 0;
}
