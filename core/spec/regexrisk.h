#pragma once

#include <QStringView>

// Where a regular expression is prone to catastrophic backtracking, judged from its text
// alone: a heuristic, not a proof. A group repeated without bound (*, + or {n,}, not
// possessive) is prone when one of its alternatives
//   - holds an item repeated without bound (a+, \w*, or a group holding such an alternative)
//     and nothing else that must match something: (a+)+, (a*)*, (.*)*, (\w+\s?)*, (x+x+)+;
//   - or begins with another of them, or equals it: (a|a)*, (a|ab)+.
// Then a message that almost matches is tried in exponentially many ways. Not flagged:
// (\d+,)* (the comma must match each time), atomic groups (?>...), possessive quantifiers
// (a++), lookarounds themselves (their insides are judged).
// Returns the offset of the first prone group's "(" in pattern, or -1.
qsizetype backtrackingProneGroup(QStringView pattern);
