#pragma once

#include "specoutline.h"

#include <QString>

// Writing YAML text: scalars that read back as exactly what was meant, collections in block or
// flow style. SpecEdits::quoted and SpecEdits::render (declared in specoutline.h) live here too.
namespace Outline {

// The file's line break: "\r\n" when it has one, else "\n".
QString eolOf(const QString &yaml);
QString spaces(int count);
// Characters a YAML scalar can only say double-quoted, as escapes.
bool needsEscape(char16_t unit);
// A literal block scalar ("|" or "|-") for a multi-line value, at indent, or nothing when one
// cannot say it exactly.
QString literalBlock(const QString &value, int indent, const QString &eol);
// A scalar as written: as is when plain and YAML reads it back as exactly that text, else
// through SpecEdits::quoted.
QString scalarText(const YamlValue &value, bool flow);
// A value in flow style: "null", a scalar, "[a, b]" or "{a: b}".
QString flowText(const YamlValue &value);

} // namespace Outline
