// A log written by --log (or a saved Traffic panel) reads back as the same events.

#include "eventlogreader.h"

#include <QTest>

class TestEventLog : public QObject
{
    Q_OBJECT

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
