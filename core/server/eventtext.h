#pragma once

#include "trafficevent.h"

// The words for what a TrafficEvent carries as data: why a handshake was refused, what an error
// or warning was, how a frame was sent. Front ends (the CLI's console lines, the workbench's
// traffic views) show them translated; the JSON log writes them in English, as a stable text
// beside the machine-readable fields.
namespace EventText {

enum class Language { Translated, English };

// What a Refused, Error or Warning event says ("/ws/nope: no endpoint serves this path (404)").
QString cause(TrafficEvent::Cause cause, const QStringList &details,
              Language language = Language::Translated);
// The event's cause in words, or its payload for events without one.
QString detail(const TrafficEvent &event, Language language = Language::Translated);
// How a frame was sent when not plainly ("delayed 250ms · to others (2)"), or for an Opened
// event its subprotocol; empty otherwise.
QString note(const TrafficEvent &event, Language language = Language::Translated);
// Where a frame no rule took went on a relay ("to upstream"), or who sent it ("upstream");
// empty for any other frame.
QString relay(const TrafficEvent &event, Language language = Language::Translated);

// Whether a terminal acts on this UTF-16 unit rather than showing it: C0 controls, DEL, C1
// controls (U+0080–U+009F), and the bidi embeddings and overrides (U+202A–U+202E) and isolates
// (U+2066–U+2069), which reorder the rest of the line.
constexpr bool obeyedByTerminals(char16_t unit)
{
    return unit < 0x20 || (unit >= 0x7f && unit <= 0x9f) || (unit >= 0x202a && unit <= 0x202e)
        || (unit >= 0x2066 && unit <= 0x2069);
}

// The text with every character a terminal would obey rather than show made visible: C0
// controls and DEL as \x1b (\n, \r, \t for those three), C1 controls and the bidi overrides
// and isolates as \u0085 or \u202e. Everything mocket-cli prints passes through it, so what a
// client chose (a path, a message, a close reason, a header) can neither drive the terminal
// nor forge a line.
QString visible(const QString &text);

} // namespace EventText
