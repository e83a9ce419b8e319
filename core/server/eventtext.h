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

} // namespace EventText
