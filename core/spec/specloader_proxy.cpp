#include "specloader_p.h"
#include "specrules.h"

namespace SpecLoading {

namespace {
// Whether a key was read (a draft's key nodes start out null).
bool present(const YAML::Node &key)
{
    return key.IsDefined() && !key.IsNull();
}
} // namespace

bool Loader::takeProxyKey(const std::string &name, const YAML::Node &key, const YAML::Node &value,
                          EndpointDraft *draft)
{
    if (name == "proxy") {
        draft->proxyKey = key;
        draft->proxy = value;
    } else if (name == "proxy-insecure") {
        draft->proxyInsecureKey = key;
        draft->proxyInsecure = value;
    } else {
        return false;
    }
    return true;
}

// Read once the path is known: the URL's templates may name path parameters.
void Loader::loadProxy(EndpointDraft *draft)
{
    bool anyCertificate = false;
    if (present(draft->proxyInsecureKey)) {
        const QString text = scalarText(draft->proxyInsecure);
        anyCertificate = text == QLatin1String("true");
        if (!anyCertificate && text != QLatin1String("false")) {
            error(draft->proxyInsecure.IsNull() ? draft->proxyInsecureKey.Mark()
                                                : draft->proxyInsecure.Mark(),
                  SpecLoader::tr("'proxy-insecure' must be true or false"));
            draft->valid = false;
        } else if (!present(draft->proxyKey)) {
            warning(draft->proxyInsecureKey.Mark(),
                    SpecLoader::tr("'proxy-insecure' without 'proxy' does nothing"));
        }
    }
    if (!present(draft->proxyKey))
        return;
    const YAML::Mark where = draft->proxy.IsNull() ? draft->proxyKey.Mark() : draft->proxy.Mark();
    const QString text = draft->proxy.IsScalar() ? scalarText(draft->proxy) : QString();
    if (const QString problem = SpecRules::proxyUrlProblem(text); !problem.isEmpty()) {
        error(where, problem);
        draft->valid = false;
        return;
    }
    EndpointProxy proxy { Template::compile(text.trimmed()), anyCertificate };
    checkVariables(proxy.url, where, draft->checkedPath, nullptr);
    draft->endpoint.proxy = std::move(proxy);
    if (present(draft->onUnmatchedKey))
        warning(draft->onUnmatchedKey.Mark(),
                SpecLoader::tr("'on-unmatched' is never used: with 'proxy', what no rule answers "
                               "goes to the upstream"));
}

} // namespace SpecLoading
