// One HTTP `endpoint:` item built from the input's first field (its keys, indented under
// "- endpoint:"), loaded beside a fixed second item, then a request made of the other fields
// (method, Host, raw path) routed. Loading must not throw or crash; a route's answer must be
// consistent; every endpoint must be reachable by a path its own pattern accepts.

#include "fuzzcommon.h"
#include "fuzzhttp.h"

#include "mockspec.h"
#include "specloader.h"

namespace {

QByteArray endpointItem(const QByteArray &keys)
{
    QByteArray yaml = "- endpoint:\n";
    for (const QByteArray &line : keys.split('\n'))
        yaml += "    " + line + '\n';
    // A second item, so that routing chooses among several paths, methods and hosts.
    yaml += "- endpoint: {method: DELETE, path: '/users/:id|int', host: api.test}\n";
    return yaml;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QList<QByteArray> fields = fuzz::fields(data, size, 4);
    LoadResult result;
    try {
        result = SpecLoader::loadData(endpointItem(fields.at(0)), QStringLiteral("fuzz.yml"));
    } catch (const std::exception &e) {
        fuzz::fail("SpecLoader::loadData threw", QString::fromLocal8Bit(e.what()));
    }
    FUZZ_CHECK(result.ok() == !hasErrors(result.diagnostics), result.diagnosticsText());
    if (!result.ok())
        return 0;
    const MockSpec &spec = *result.spec;
    const QByteArray method = fields.at(1).toUpper();
    const HttpRoute route
        = spec.routeHttp(method, fuzz::text(fields.at(2)), fuzz::text(fields.at(3)));
    fuzz::checkRoute(route, method);
    if (route.endpoint)
        fuzz::renderHttp(*route.endpoint, route);
    fuzz::exerciseHttp(spec);
    return 0;
}
