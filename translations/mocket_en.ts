<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>ClientTranscript</name>
    <message numerus="yes">
        <source>binary, %n byte(s): %1</source>
        <translation>
            <numerusform>binary, %n byte: %1</numerusform>
            <numerusform>binary, %n bytes: %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CommandRun</name>
    <message numerus="yes">
        <source>FAIL: %n client frame(s) matched no rule:</source>
        <translation>
            <numerusform>FAIL: %n client frame matched no rule:</numerusform>
            <numerusform>FAIL: %n client frames matched no rule:</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ConsoleWriter</name>
    <message numerus="yes">
        <source>… %n event line(s) dropped: the output was too slow</source>
        <translation>
            <numerusform>… %n event line dropped: the output was too slow</numerusform>
            <numerusform>… %n event lines dropped: the output was too slow</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>EventLogWriter</name>
    <message numerus="yes">
        <source>%n event line(s) did not reach the log %1 (%2 dropped while it was too slow, %3 lost to write errors)</source>
        <translation>
            <numerusform>%n event line did not reach the log %1 (%2 dropped while it was too slow, %3 lost to write errors)</numerusform>
            <numerusform>%n event lines did not reach the log %1 (%2 dropped while it was too slow, %3 lost to write errors)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ExpectationsLoader</name>
    <message numerus="yes">
        <source>%1 at most %n time(s)</source>
        <translation>
            <numerusform>%1 at most %n time</numerusform>
            <numerusform>%1 at most %n times</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 at least %n time(s)</source>
        <translation>
            <numerusform>%1 at least %n time</numerusform>
            <numerusform>%1 at least %n times</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>FindBar</name>
    <message numerus="yes">
        <source>Replaced %n match(es)</source>
        <translation>
            <numerusform>Replaced %n match</numerusform>
            <numerusform>Replaced %n matches</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message numerus="yes">
        <source>%n error(s)</source>
        <translation>
            <numerusform>%n error</numerusform>
            <numerusform>%n errors</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n warning(s)</source>
        <translation>
            <numerusform>%n warning</numerusform>
            <numerusform>%n warnings</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Listening on %1 · %n connection(s)</source>
        <translation>
            <numerusform>Listening on %1 · %n connection</numerusform>
            <numerusform>Listening on %1 · %n connections</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Made mocks with %n rule(s); save them to keep them.</source>
        <translation>
            <numerusform>Made mocks with %n rule; save them to keep them.</numerusform>
            <numerusform>Made mocks with %n rules; save them to keep them.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MocketCli</name>
    <message numerus="yes">
        <source>%1: invalid: %n error(s)</source>
        <translation>
            <numerusform>%1: invalid: %n error</numerusform>
            <numerusform>%1: invalid: %n errors</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1: OK: %n websocket endpoint(s)</source>
        <translation>
            <numerusform>%1: OK: %n websocket endpoint</numerusform>
            <numerusform>%1: OK: %n websocket endpoints</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, %n rule(s)</source>
        <translation>
            <numerusform>, %n rule</numerusform>
            <numerusform>, %n rules</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, %n warning(s)</source>
        <translation>
            <numerusform>, %n warning</numerusform>
            <numerusform>, %n warnings</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, %n HTTP endpoint(s)</source>
        <translation>
            <numerusform>, %n HTTP endpoint</numerusform>
            <numerusform>, %n HTTP endpoints</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1: fails --strict: %n warning(s)</source>
        <translation>
            <numerusform>%1: fails --strict: %n warning</numerusform>
            <numerusform>%1: fails --strict: %n warnings</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n websocket endpoint(s)</source>
        <translation>
            <numerusform>%n websocket endpoint</numerusform>
            <numerusform>%n websocket endpoints</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, %n stream(s)</source>
        <translation>
            <numerusform>, %n stream</numerusform>
            <numerusform>, %n streams</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source> from %n connection(s)</source>
        <translation>
            <numerusform> from %n connection</numerusform>
            <numerusform> from %n connections</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MocksPanel</name>
    <message numerus="yes">
        <source>%n frame(s)</source>
        <translation>
            <numerusform>%n frame</numerusform>
            <numerusform>%n frames</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>a sequence of %n answer(s)</source>
        <translation>
            <numerusform>a sequence of %n answer</numerusform>
            <numerusform>a sequence of %n answers</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PlainUpstreamSocket</name>
    <message numerus="yes">
        <source>its answer to the handshake is over %n KiB</source>
        <translation>
            <numerusform>its answer to the handshake is over %n KiB</numerusform>
            <numerusform>its answer to the handshake is over %n KiB</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>upstream sent a message over %n MiB</source>
        <translation>
            <numerusform>upstream sent a message over %n MiB</numerusform>
            <numerusform>upstream sent a message over %n MiB</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ProxyLink</name>
    <message numerus="yes">
        <source>upstream did not answer within %n s</source>
        <translation>
            <numerusform>upstream did not answer within %n s</numerusform>
            <numerusform>upstream did not answer within %n s</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RecordCommand</name>
    <message numerus="yes">
        <source>Stopping: closing %n connection(s)</source>
        <translation>
            <numerusform>Stopping: closing %n connection</numerusform>
            <numerusform>Stopping: closing %n connections</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ServeCommand</name>
    <message numerus="yes">
        <source>Mocket serving %1 on %2 (%n endpoint(s): %3)</source>
        <translation>
            <numerusform>Mocket serving %1 on %2 (%n endpoint: %3)</numerusform>
            <numerusform>Mocket serving %1 on %2 (%n endpoints: %3)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Stopping: closing %n connection(s)</source>
        <translation>
            <numerusform>Stopping: closing %n connection</numerusform>
            <numerusform>Stopping: closing %n connections</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Reloaded %1 (%n endpoint(s): %2)</source>
        <translation>
            <numerusform>Reloaded %1 (%n endpoint: %2)</numerusform>
            <numerusform>Reloaded %1 (%n endpoints: %2)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>HTTP on %1 (%n route(s): %2)</source>
        <translation>
            <numerusform>HTTP on %1 (%n route: %2)</numerusform>
            <numerusform>HTTP on %1 (%n routes: %2)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>StreamsEditor</name>
    <message numerus="yes">
        <source>every %1 · %2 · %3 · %n frame(s)</source>
        <translation>
            <numerusform>every %1 · %2 · %3 · %n frame</numerusform>
            <numerusform>every %1 · %2 · %3 · %n frames</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TrafficEvent</name>
    <message numerus="yes">
        <source>… (%n bytes)</source>
        <translation>
            <numerusform>… (%n byte)</numerusform>
            <numerusform>… (%n bytes)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>&lt;- binary message, %n bytes   [unmatched]</source>
        <translation>
            <numerusform>&lt;- binary message, %n byte   [unmatched]</numerusform>
            <numerusform>&lt;- binary message, %n bytes   [unmatched]</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>&lt;- binary message, %n bytes   [%1]</source>
        <translation>
            <numerusform>&lt;- binary message, %n byte   [%1]</numerusform>
            <numerusform>&lt;- binary message, %n bytes   [%1]</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TrafficPanel</name>
    <message numerus="yes">
        <source>Broadcast to %n connection(s) of %1.</source>
        <translation>
            <numerusform>Broadcast to %n connection of %1.</numerusform>
            <numerusform>Broadcast to %n connections of %1.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Saved %n message(s) to %1.</source>
        <translation>
            <numerusform>Saved %n message to %1.</numerusform>
            <numerusform>Saved %n messages to %1.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n event(s) from %1.</source>
        <translation>
            <numerusform>%n event from %1.</numerusform>
            <numerusform>%n events from %1.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n line(s) skipped, the first: %1</source>
        <translation>
            <numerusform>%n line skipped, the first: %1</numerusform>
            <numerusform>%n lines skipped, the first: %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Sent to %n connection(s).</source>
        <translation>
            <numerusform>Sent to %n connection.</numerusform>
            <numerusform>Sent to %n connections.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Closing %n connection(s) with %1.</source>
        <translation>
            <numerusform>Closing %n connection with %1.</numerusform>
            <numerusform>Closing %n connections with %1.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Sent %n byte(s) to connection #%1.</source>
        <translation>
            <numerusform>Sent %n byte to connection #%1.</numerusform>
            <numerusform>Sent %n bytes to connection #%1.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Sent %n byte(s) to each of %1 connections.</source>
        <translation>
            <numerusform>Sent %n byte to each of %1 connections.</numerusform>
            <numerusform>Sent %n bytes to each of %1 connections.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TryItPanel</name>
    <message numerus="yes">
        <source>%n reply frame(s) not for this connection: %1 frames only its own.</source>
        <translation>
            <numerusform>%n reply frame not for this connection: %1 frames only its own.</numerusform>
            <numerusform>%n reply frames not for this connection: %1 frames only its own.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n frame(s)</source>
        <translation>
            <numerusform>%n frame</numerusform>
            <numerusform>%n frames</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TryResult</name>
    <message numerus="yes">
        <source>&lt;binary, %n byte(s)&gt;</source>
        <translation>
            <numerusform>&lt;binary, %n byte&gt;</numerusform>
            <numerusform>&lt;binary, %n bytes&gt;</numerusform>
        </translation>
    </message>
</context>
</TS>
