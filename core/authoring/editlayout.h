#pragma once

#include "outlinescanner.h"
#include "specoutline.h"

#include <QList>
#include <QString>

// Where edits go: the endpoint or rule concerned, the file's indentation, whole-line blocks
// (an item with its comments) to insert, remove or swap.
namespace Outline {

bool fits(const QString &yaml, const TextRange &range);
// The endpoint or rule at an index, when the outline holds it and it fits the text; else nullptr.
const EndpointOutline *endpointAt(const QString &yaml, const SpecOutline &outline, int endpoint);
const RuleOutline *ruleAt(const QString &yaml, const SpecOutline &outline, int endpoint, int rule);

// Indentation of the file, taken from its endpoints (the one concerned first).
struct Style
{
    int dashColumn = 0;
    int websocketOffset = 2; // "websocket" after the "-"
    int mapOffset = 4; // keys inside "websocket:" after the "-"
    int step = 2; // one nesting level
    int ruleDashOffset = -1; // the rule's "-" after "on-message"
    int ruleKeyOffset = 2; // "pattern" after the rule's "-"
};

Style styleOf(const TextLines &lines, const SpecOutline &outline, int preferred);
// The column of a rule's first key after its "-" when both are on one line; else -1.
int firstKeyOffset(const TextLines &lines, const RuleOutline &rule);

// Whole lines: the comments above the item, the item, its trailing comments.
TextRange blockOf(const TextLines &lines, const TextRange &item, const TextRange &comments);
QList<TextRange> itemBlocks(const TextLines &lines, const SpecOutline &outline);
QList<TextRange> ruleBlocks(const TextLines &lines, const EndpointOutline &ep);
// Whether consecutive blocks are separated by blank lines; fallback when there is one block.
bool blankSeparated(const TextLines &lines, const QList<TextRange> &blocks, bool fallback);
bool endsWithBlankLine(const TextLines &lines);

// An insertion at a line start; at the end of a text without a final line break, one first.
TextEdit insertLines(const TextLines &lines, qsizetype at, const QString &text, const QString &eol);
// A new top-level item at the end of the text, set apart by a blank line when the items are.
TextEdit appendItem(const TextLines &lines, const SpecOutline &outline, const QString &item);
// Removes a block (whole lines) and the blank lines that would otherwise double up.
TextEdit removeBlock(const TextLines &lines, const QList<TextRange> &blocks, int index);
// Swaps blocks from and to, leaving what lies between them in place.
TextEdit moveIn(const TextLines &lines, const QList<TextRange> &blocks, int from, int to);

} // namespace Outline
