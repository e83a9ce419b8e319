#pragma once

#include "specoutline.h"

// The edits behind SpecEdits before they are verified (see editverification.h): each gives
// the minimal change that should do what it says, or a null edit when it sees none.
namespace Outline {

TextEdit uncheckedSetPath(const QString &yaml, const SpecOutline &outline, int endpoint,
                          const QString &value);
TextEdit uncheckedSetGreeting(const QString &yaml, const SpecOutline &outline, int endpoint,
                              const QString &value);
TextEdit uncheckedSetRulePattern(const QString &yaml, const SpecOutline &outline, int endpoint,
                                 int rule, const QString &value);
TextEdit uncheckedSetRuleResponse(const QString &yaml, const SpecOutline &outline, int endpoint,
                                  int rule, const QString &value);
TextEdit uncheckedSetRuleKeys(const QString &yaml, const SpecOutline &outline, int endpoint,
                              int rule, const SpecEdits::KeyValues &values);
TextEdit uncheckedSetEndpointKeys(const QString &yaml, const SpecOutline &outline, int endpoint,
                                  const SpecEdits::KeyValues &values);
TextEdit uncheckedSetGreetingKeys(const QString &yaml, const SpecOutline &outline, int endpoint,
                                  const SpecEdits::KeyValues &values);
TextEdit uncheckedSetRuleMatch(const QString &yaml, const SpecOutline &outline, int endpoint,
                               int rule, const QString &key, const YamlValue &value);
TextEdit uncheckedAddEndpoint(const QString &yaml, const SpecOutline &outline, const QString &path);
TextEdit uncheckedRemoveEndpoint(const QString &yaml, const SpecOutline &outline, int endpoint);
TextEdit uncheckedDuplicateEndpoint(const QString &yaml, const SpecOutline &outline, int endpoint);
TextEdit uncheckedMoveEndpoint(const QString &yaml, const SpecOutline &outline, int endpoint,
                               int delta);
TextEdit uncheckedAddRule(const QString &yaml, const SpecOutline &outline, int endpoint,
                          const QString &pattern, const QString &response);
TextEdit uncheckedRemoveRule(const QString &yaml, const SpecOutline &outline, int endpoint,
                             int rule);
TextEdit uncheckedDuplicateRule(const QString &yaml, const SpecOutline &outline, int endpoint,
                                int rule);
TextEdit uncheckedMoveRule(const QString &yaml, const SpecOutline &outline, int endpoint, int rule,
                           int delta);

// "/a" -> "/a-copy" (or "/a-copy2", ...), "/a/:id" -> "/a/:id/copy": no clash with any path
// of the outline; empty when path is no path.
QString copyPath(const SpecOutline &outline, const QString &path);

} // namespace Outline
