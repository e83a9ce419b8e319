#pragma once

#include "editlayout.h"
#include "specoutline.h"

#include <optional>

// Edits of one value, or of the keys of one map: the building blocks of SpecEdits.
namespace Outline {

// Replaces the value of key (at range) with a scalar saying value.
TextEdit scalarEdit(const QString &yaml, const TextRange &key, const TextRange &range,
                    const QString &value, bool flow);

// The keys of a map as the edits see them.
struct MapTarget
{
    QList<KeyOutline> keys;
    bool flow = false;
    int keyIndent = -1; // block: the keys' column
    qsizetype insertAt = -1; // block: the line start where new keys go
};

inline MapTarget mapTarget(const QList<KeyOutline> &keys, bool flow, int keyIndent)
{
    MapTarget target;
    target.keys = keys;
    target.flow = flow;
    target.keyIndent = keyIndent;
    return target;
}

// Where a key's text ends: after its value, or after the key when the value is missing.
qsizetype keyEnd(const KeyOutline &key);
qsizetype lastKeyEnd(const QList<KeyOutline> &keys);

// One edit setting, adding or (for a null value) removing each key of values in the map;
// a null edit when one of them is impossible.
TextEdit keysEdit(const QString &yaml, const MapTarget &target, const SpecEdits::KeyValues &values,
                  const Style &style);

} // namespace Outline
