#include "editlayout.h"
#include "editverification.h"
#include "specoutline.h"
#include "valueedits.h"
#include "yamlwriter.h"

// The edits of HTTP "endpoint:" items, built on the same key edits and checks as the
// websocket ones (see specedits.cpp).
namespace SpecEdits {

using namespace Outline;

namespace {

const HttpEndpointOutline *httpAt(const QString &yaml, const SpecOutline &outline, int http)
{
    if (!outline.ok() || http < 0 || http >= outline.httpEndpoints.size())
        return nullptr;
    const HttpEndpointOutline &found = outline.httpEndpoints.at(http);
    return fits(yaml, found.item) ? &found : nullptr;
}

// New keys go after the map's last key, or right under the key that holds the map.
qsizetype insertionPoint(const TextLines &lines, const QList<KeyOutline> &keys,
                         const TextRange &mapKey)
{
    const qsizetype last = lastKeyEnd(keys);
    if (last >= 0)
        return lines.nextLine(last);
    return mapKey.isValid() ? lines.nextLine(mapKey.end) : -1;
}

TextEdit uncheckedHttpKeys(const QString &yaml, const SpecOutline &outline, int http,
                           const KeyValues &values)
{
    const HttpEndpointOutline *found = httpAt(yaml, outline, http);
    if (!found || (!found->flow && found->keyIndent < 0))
        return {};
    const TextLines lines(yaml);
    MapTarget target = mapTarget(found->keys, found->flow, found->keyIndent);
    target.insertAt = insertionPoint(lines, found->keys, found->endpointKey);
    return keysEdit(yaml, target, values, styleOf(lines, outline, -1));
}

TextEdit uncheckedHttpResponseKeys(const QString &yaml, const SpecOutline &outline, int http,
                                   const KeyValues &values)
{
    const HttpEndpointOutline *found = httpAt(yaml, outline, http);
    if (!found)
        return {};
    if (found->responseIndent < 0 && !found->responseFlow) {
        // No response map yet (or an empty one): "response:" with the keys given.
        YamlValue map = YamlValue::map(found->flow);
        for (const auto &[name, value] : values) {
            if (!value.isNull())
                map.insert(name, value);
        }
        if (map.keys.isEmpty())
            return {};
        return uncheckedHttpKeys(yaml, outline, http, { { QStringLiteral("response"), map } });
    }
    const TextLines lines(yaml);
    MapTarget target = mapTarget(found->responseKeys, found->responseFlow, found->responseIndent);
    target.insertAt = insertionPoint(lines, found->responseKeys, found->responseKey);
    return keysEdit(yaml, target, values, styleOf(lines, outline, -1));
}

} // namespace

TextEdit setHttpKeys(const QString &yaml, const SpecOutline &outline, int http,
                     const KeyValues &values)
{
    return checkedHttpKeys(yaml, outline, uncheckedHttpKeys(yaml, outline, http, values), http,
                           false, values);
}

TextEdit setHttpResponseKeys(const QString &yaml, const SpecOutline &outline, int http,
                             const KeyValues &values)
{
    return checkedHttpKeys(yaml, outline, uncheckedHttpResponseKeys(yaml, outline, http, values),
                           http, true, values);
}

TextEdit addHttpEndpoint(const QString &yaml, const SpecOutline &outline, const QString &path,
                         const QString &body)
{
    if (!outline.ok() || !outline.blockList)
        return {};
    const TextLines lines(yaml);
    const QString eol = eolOf(yaml);
    const Style style = styleOf(lines, outline, 0);
    const int keyColumn = style.dashColumn + style.mapOffset;
    const QString item = spaces(style.dashColumn) + QLatin1Char('-')
        + spaces(style.websocketOffset - 1) + QLatin1String("endpoint:") + eol + spaces(keyColumn)
        + QLatin1String("method: GET") + eol + spaces(keyColumn) + QLatin1String("path: ")
        + quoted(path) + eol + spaces(keyColumn) + QLatin1String("response:") + eol
        + spaces(keyColumn + style.step) + QLatin1String("status: 200") + eol
        + spaces(keyColumn + style.step) + QLatin1String("body: ") + quoted(body) + eol;
    const TextEdit edit = appendItem(lines, outline, item);
    Values want = valuesOf(yaml, outline);
    want.httpItems.append(int(want.items.size()));
    want.items.append(std::nullopt);
    return checked(yaml, edit, want);
}

TextEdit removeHttpEndpoint(const QString &yaml, const SpecOutline &outline, int http)
{
    const HttpEndpointOutline *found = httpAt(yaml, outline, http);
    if (!found || !outline.blockList || found->itemIndex < 0
        || found->itemIndex >= outline.items.size())
        return {};
    const TextLines lines(yaml);
    const TextEdit edit = removeBlock(lines, itemBlocks(lines, outline), found->itemIndex);
    Values want = valuesOf(yaml, outline);
    const int item = found->itemIndex;
    want.httpItems.removeAt(http);
    want.items.removeAt(item);
    shiftItemsAfter(want, item, -1);
    return checked(yaml, edit, want);
}

} // namespace SpecEdits
