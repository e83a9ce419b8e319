// A log written by --log (or a saved Traffic panel) reads back as the same events.

#include "eventlogreader.h"
#include "eventlogwriter.h"
#include "serverfixture.h"
#include "testclient.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkRequest>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <memory>

namespace {
// A file on a disk that fills up: it takes `room` more bytes, then every write fails as
// write(2) does with ENOSPC (a write that straddles the end is taken in part).
class FillingFile : public QFile
{
public:
    FillingFile(const QString &name, qint64 room) : QFile(name), m_room(room) { }

protected:
    qint64 writeData(const char *data, qint64 size) override
    {
        if (m_room <= 0) {
            setErrorString(QStringLiteral("No space left on device"));
            return -1;
        }
        const qint64 taken = QFile::writeData(data, std::min(size, m_room));
        m_room -= std::max<qint64>(taken, 0);
        return taken;
    }

private:
    qint64 m_room;
};

std::unique_ptr<QFile> appendingFile(const QString &name, qint64 room)
{
    auto file = std::make_unique<FillingFile>(name, room);
    [[maybe_unused]] const bool opened
        = file->open(QIODevice::WriteOnly | QIODevice::Append | QIODevice::Unbuffered);
    return file;
}

TrafficEvent numbered(int number)
{
    return TrafficEvent::received({ 1, QStringLiteral("/ws") },
                                  QStringLiteral("message %1 ").arg(number, 3, 10, QLatin1Char('0'))
                                      + QString(40, QLatin1Char('x')),
                                  QStringLiteral("on-message[0]"));
}
} // namespace

class TestEventLog : public QObject
{
    Q_OBJECT

    static QByteArray readAll(const QString &path)
    {
        QFile file(path);
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    }

private slots:
    void everyKindRoundTrips()
    {
        const TrafficEvent::Source source { 7, QStringLiteral("/ws/user/ana") };
        auto exchange = std::make_shared<HttpExchange>();
        exchange->method = "POST";
        exchange->target = QStringLiteral("/orders?x=1");
        exchange->requestHeaders = { { "Content-Type", "application/json" } };
        exchange->requestBody = R"({"id": 1})";
        exchange->status = 201;
        exchange->responseHeaders = { { "Content-Type", "application/json" } };
        exchange->responseBody = R"({"ok": true})";
        exchange->durationMs = 3;
        TrafficEvent decoded = TrafficEvent::received(source, QStringLiteral(R"({"type":"ping"})"),
                                                      QStringLiteral("graphql-ws"));
        decoded.decoded = QStringLiteral("graphql-ws ping");
        const QList<TrafficEvent> events = {
            TrafficEvent::opened(source, QStringLiteral("127.0.0.1:5000"),
                                 { { QStringLiteral("name"), QStringLiteral("ana") } },
                                 { { QStringLiteral("q"), QStringLiteral("1") } },
                                 QStringLiteral("chat")),
            TrafficEvent::received(source, QStringLiteral("ping\nline"),
                                   QStringLiteral("on-message[0]")),
            TrafficEvent::unmatched(source, QStringLiteral("what?")),
            TrafficEvent::binaryReceived(source, QByteArray("\x00\x01\xff", 3), QString()),
            TrafficEvent::sent(source, QStringLiteral("pong"), QStringLiteral("on-message[0]"),
                               { 250, TrafficReach::Endpoint, 3, 0, false }),
            TrafficEvent::sentBinary(source, QByteArray("\x02\x03", 2), QStringLiteral("push")),
            TrafficEvent::missingValue(source, QStringLiteral("on-connect"),
                                       QStringLiteral("path-params.id")),
            TrafficEvent::closed(source, 4000, QStringLiteral("bye")),
            TrafficEvent::refused(QStringLiteral("127.0.0.1:6000"), TrafficEvent::Cause::NoEndpoint,
                                  404, { QStringLiteral("/nowhere") }),
            TrafficEvent::httpExchange(QStringLiteral("127.0.0.1"), QStringLiteral("/orders"),
                                       QStringLiteral("POST /orders"), exchange),
            TrafficEvent::conversation(
                TrafficEvent::Kind::Note, source, QStringLiteral("on-message[1]"),
                TrafficEvent::Cause::StateSet, { QStringLiteral("in"), QStringLiteral("start") }),
            TrafficEvent::conversation(TrafficEvent::Kind::Warning, source,
                                       QStringLiteral("on-message[2]"),
                                       TrafficEvent::Cause::ValueTooLarge,
                                       { QStringLiteral("big"), QStringLiteral("65536") }),
            TrafficEvent::error(source, TrafficEvent::Cause::ProtocolError,
                                { QStringLiteral("graphql-ws"), QStringLiteral("no type") }),
            decoded,
        };
        QByteArray log;
        for (const TrafficEvent &event : events) {
            event.appendJsonLine(log);
            log += '\n';
        }
        const EventLogReader::Result read
            = EventLogReader::readData(log, QStringLiteral("t.jsonl"));
        QVERIFY2(read.problems.isEmpty(), qPrintable(read.problems.join(QLatin1Char('\n'))));
        QCOMPARE(read.events.size(), events.size());
        for (qsizetype i = 0; i < events.size(); ++i) {
            QCOMPARE(read.events.at(i).toLine(), events.at(i).toLine());
            QCOMPARE(read.events.at(i).toJsonLine(), events.at(i).toJsonLine());
        }
        QCOMPARE(read.events.at(3).data, QByteArray("\x00\x01\xff", 3));
        QCOMPARE(read.events.at(0).pathParams.value(QStringLiteral("name")), QStringLiteral("ana"));
        const TrafficEvent &http = read.events.at(9);
        QVERIFY(http.http);
        QCOMPARE(http.http->requestBody, exchange->requestBody);
        QCOMPARE(http.http->responseBody, exchange->responseBody);
        QCOMPARE(http.http->status, 201);
        QCOMPARE(read.events.constLast().decoded, QStringLiteral("graphql-ws ping"));
        QCOMPARE(read.events.at(12).cause, TrafficEvent::Cause::ProtocolError);
    }

    // A disk that fills up mid-line: the log keeps every whole line it had room for, never
    // half of one, says so once, counts what it lost, and what it writes later (once there is
    // room again) still reads back as events.
    void fullDiskLeavesOnlyWholeLines()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(QStringLiteral("full.jsonl"));
        const qsizetype lineSize = numbered(0).toJsonLine().size() + 1;

        EventLogWriter writer;
        QSignalSpy problems(&writer, &EventLogWriter::problem);
        writer.open(appendingFile(path, lineSize * 3 + lineSize / 2), path);
        for (int batch = 0; batch < 3; ++batch) { // three handovers, each failing past the room
            for (int i = 0; i < 4; ++i)
                writer.write(numbered(batch * 4 + i));
            writer.flush();
        }
        writer.close();
        QCOMPARE(problems.size(), 1);
        QCOMPARE(problems.at(0).at(0).toString(),
                 QStringLiteral("cannot write the log %1: No space left on device; event lines "
                                "are being lost")
                     .arg(path));
        QCOMPARE(writer.failedLines(), quint64(9));
        QCOMPARE(writer.droppedLines(), quint64(0));
        // (The plural is the English catalogue's, not loaded here.)
        QVERIFY2(writer.summary().startsWith(QLatin1String("9 event line"))
                     && writer.summary().endsWith(
                         QStringLiteral(" did not reach the log %1 (0 dropped while it was too "
                                        "slow, 9 lost to write errors)")
                             .arg(path)),
                 qPrintable(writer.summary()));

        EventLogWriter later; // the disk has room again
        later.open(appendingFile(path, 1 << 20), path);
        later.write(numbered(100));
        later.close();
        QCOMPARE(later.summary(), QString());

        const QByteArray written = readAll(path);
        QVERIFY(written.endsWith('\n'));
        const EventLogReader::Result read = EventLogReader::readData(written, path);
        QVERIFY2(read.problems.isEmpty(), qPrintable(read.problems.join(QLatin1Char('\n'))));
        QStringList payloads;
        for (const TrafficEvent &event : read.events)
            payloads.append(event.payload.left(11));
        QCOMPARE(payloads,
                 (QStringList { QStringLiteral("message 000"), QStringLiteral("message 001"),
                                QStringLiteral("message 002"), QStringLiteral("message 100") }));
    }

    // A log an older run left cut off mid-line: the unfinished line goes, and what is written
    // now starts on a line of its own.
    void anUnfinishedLineIsNotAppendedTo()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(QStringLiteral("cut.jsonl"));
        const QByteArray second = numbered(2).toJsonLine();
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(numbered(1).toJsonLine() + '\n' + second.left(second.size() / 2));
        file.close();

        EventLogWriter writer;
        QVERIFY(writer.open(path));
        writer.write(numbered(3));
        writer.close();

        const EventLogReader::Result read = EventLogReader::readData(readAll(path), path);
        QVERIFY2(read.problems.isEmpty(), qPrintable(read.problems.join(QLatin1Char('\n'))));
        QCOMPARE(read.events.size(), 2);
        QVERIFY(read.events.at(0).payload.startsWith(QLatin1String("message 001")));
        QVERIFY(read.events.at(1).payload.startsWith(QLatin1String("message 003")));
    }

    // The session format: each line says its version, each frame who sent it, and an opened
    // connection the path with its query and the handshake headers worth keeping.
    void linesCarryTheSessionFields()
    {
        const TrafficEvent::Source source { 3, QStringLiteral("/ws/user/ana") };
        TrafficEvent relayed = TrafficEvent::sent(source, QStringLiteral("hi"), QString());
        relayed.origin = TrafficOrigin::Upstream;
        const QList<TrafficEvent> events = {
            TrafficEvent::opened(
                source, QStringLiteral("127.0.0.1:5000"), {}, {}, QStringLiteral("chat"),
                { QStringLiteral("/ws/user/ana?room=a%20b"),
                  { { "Origin", "http://localhost:3000" }, { "X-Tenant", "blue" } } }),
            TrafficEvent::received(source, QStringLiteral("ping"), QStringLiteral("on-message[0]")),
            TrafficEvent::sent(source, QStringLiteral("pong"), QStringLiteral("on-message[0]")),
            relayed,
            TrafficEvent::closed(source, 1000, QString()),
        };
        QList<QJsonObject> objects;
        for (const TrafficEvent &event : events)
            objects.append(QJsonDocument::fromJson(event.toJsonLine()).object());
        for (const QJsonObject &object : objects)
            QCOMPARE(object.value(QLatin1String("v")).toInt(), TrafficEvent::SessionVersion);
        QCOMPARE(objects.at(0).value(QLatin1String("target")).toString(),
                 QStringLiteral("/ws/user/ana?room=a%20b"));
        QCOMPARE(
            objects.at(0).value(QLatin1String("headers")).toObject(),
            (QJsonObject { { QStringLiteral("Origin"), QStringLiteral("http://localhost:3000") },
                           { QStringLiteral("X-Tenant"), QStringLiteral("blue") } }));
        QStringList sources;
        for (const QJsonObject &object : objects)
            sources.append(object.value(QLatin1String("source")).toString(QStringLiteral("-")));
        QCOMPARE(
            sources,
            (QStringList { QStringLiteral("-"), QStringLiteral("client"), QStringLiteral("mock"),
                           QStringLiteral("upstream"), QStringLiteral("-") }));

        QByteArray log;
        for (const TrafficEvent &event : events)
            log += event.toJsonLine() + '\n';
        const EventLogReader::Result read
            = EventLogReader::readData(log, QStringLiteral("s.jsonl"));
        QCOMPARE(read.events.size(), events.size());
        QCOMPARE(read.events.at(0).handshake.target, QStringLiteral("/ws/user/ana?room=a%20b"));
        QCOMPARE(read.events.at(0).handshake.headers, events.at(0).handshake.headers);
        QCOMPARE(read.events.at(3).origin, TrafficOrigin::Upstream);
        QCOMPARE(read.events.at(3).sourceName(), QStringLiteral("upstream"));
        QCOMPARE(read.events.at(2).sourceName(), QStringLiteral("mock"));
    }

    // A log written before the session format had a version still opens: the path stands in
    // for the target, and who sent a frame follows from its direction.
    void logsWithoutAVersionStillOpen()
    {
        const QByteArray log
            = R"({"time":"2026-01-02T10:00:00.000Z","event":"opened","connection":1,"direction":"-","path":"/ws/echo","payload":"","rule":null,"peer":"127.0.0.1:5","path-params":{},"query-params":{}})"
              "\n"
              R"({"time":"2026-01-02T10:00:00.010Z","event":"received","connection":1,"direction":"in","path":"/ws/echo","payload":"ping","rule":"on-message[0]","size":4})"
              "\n"
              R"({"time":"2026-01-02T10:00:00.011Z","event":"sent","connection":1,"direction":"out","path":"/ws/echo","payload":"pong","rule":"on-message[0]","size":4})"
              "\n";
        const EventLogReader::Result read
            = EventLogReader::readData(log, QStringLiteral("o.jsonl"));
        QVERIFY2(read.problems.isEmpty(), qPrintable(read.problems.join(QLatin1Char('\n'))));
        QCOMPARE(read.events.size(), 3);
        QCOMPARE(read.events.at(0).handshake.target, QStringLiteral("/ws/echo"));
        QCOMPARE(read.events.at(1).sourceName(), QStringLiteral("client"));
        QCOMPARE(read.events.at(2).sourceName(), QStringLiteral("mock"));
        QCOMPARE(read.events.at(2).payload, QStringLiteral("pong"));
    }

    // A real handshake: the opened event keeps the query and the headers worth keeping, and
    // never the credentials.
    void aHandshakeKeepsItsQueryAndHeadersButNoSecrets()
    {
        ServerFixture fixture;
        QVERIFY(fixture.start(specFromYaml(QStringLiteral("- websocket:\n    path: /ws/:room\n"))));
        QNetworkRequest request(fixture.url(QStringLiteral("/ws/blue?user=ana&x=1")));
        request.setRawHeader("Authorization", "Bearer secret");
        request.setRawHeader("Cookie", "session=secret");
        request.setRawHeader("X-Tenant", "blue");
        TestClient client;
        client.open(request);
        QVERIFY(client.waitForConnected());
        QTRY_COMPARE_WITH_TIMEOUT(fixture.eventsOf(TrafficEvent::Kind::Opened).size(), 1, 10000);
        const TrafficEvent opened = fixture.eventsOf(TrafficEvent::Kind::Opened).constFirst();
        QCOMPARE(opened.handshake.target, QStringLiteral("/ws/blue?user=ana&x=1"));
        const QByteArray line = opened.toJsonLine();
        QVERIFY2(!line.contains("secret"), line.constData());
        QVERIFY2(line.contains(R"("X-Tenant":"blue")"), line.constData());
    }

    void linesThatAreNotEventsAreNamed()
    {
        const TrafficEvent event
            = TrafficEvent::unmatched({ 1, QStringLiteral("/ws") }, QStringLiteral("x"));
        const QByteArray log
            = event.toJsonLine() + "\nnot json\n{\"event\": \"nothing\"}\n\n" + event.toJsonLine();
        const EventLogReader::Result read
            = EventLogReader::readData(log, QStringLiteral("s.jsonl"));
        QCOMPARE(read.events.size(), 2);
        QCOMPARE(read.problems,
                 (QStringList { QStringLiteral("s.jsonl:2: not a Mocket event line"),
                                QStringLiteral("s.jsonl:3: not a Mocket event line") }));
        QVERIFY(!EventLogReader::readFile(QStringLiteral("/no/such/file.jsonl")).opened);
    }
};

QTEST_GUILESS_MAIN(TestEventLog)
#include "tst_eventlog.moc"
