#include "modeldump.h"
#include "serverfixture.h"
#include "testclient.h"
#include "trafficlog.h"

#include <QAbstractItemModelTester>
#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>

namespace {

constexpr qint64 BaseTime = 1700000000000; // ms since the epoch

TrafficEvent makeEvent(TrafficEvent::Kind kind, quint64 connection,
                       const QString &payload = QString(), const QString &rule = QString())
{
    TrafficEvent e;
    e.kind = kind;
    e.connectionId = connection;
    e.timestamp = BaseTime + qint64(connection) * 1000;
    e.path = QStringLiteral("/ws/user/alice");
    e.payload = payload;
    e.size = payload.toUtf8().size();
    e.rule = rule;
    return e;
}

TrafficEvent opened(quint64 connection)
{
    TrafficEvent e = makeEvent(TrafficEvent::Kind::Opened, connection);
    e.peer = QStringLiteral("127.0.0.1:5555");
    e.pathParams.insert(QStringLiteral("username"), QStringLiteral("alice"));
    e.queryParams.insert(QStringLiteral("tab"), QStringLiteral("2"));
    return e;
}

TrafficEvent closed(quint64 connection, int code, const QString &reason)
{
    TrafficEvent e = makeEvent(TrafficEvent::Kind::Closed, connection);
    e.closeCode = code;
    e.closeReason = reason;
    return e;
}

// Event number n, distinguishable by payload and timestamp.
TrafficEvent numbered(int n)
{
    TrafficEvent e
        = makeEvent(TrafficEvent::Kind::Received, 1 + quint64(n % 3),
                    QStringLiteral("message %1").arg(n), QStringLiteral("on-message[0]"));
    e.timestamp = BaseTime + n;
    return e;
}

QString timeOf(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms).toString(QStringLiteral("HH:mm:ss.zzz"));
}

// Two connections: #1 pings and is answered, #2 gets a push and goes away.
QList<TrafficEvent> shortSession()
{
    return { opened(1),
             makeEvent(TrafficEvent::Kind::Received, 1, QStringLiteral("ping"),
                       QStringLiteral("on-message[0]")),
             makeEvent(TrafficEvent::Kind::Sent, 1, QStringLiteral("pong"),
                       QStringLiteral("on-message[0]")),
             opened(2),
             makeEvent(TrafficEvent::Kind::Sent, 2, QStringLiteral("news"), QStringLiteral("push")),
             closed(2, 1001, QStringLiteral("going away")) };
}

} // namespace

class TestTrafficLog : public QObject
{
    Q_OBJECT

private:
    template<typename Model>
    void watch(Model *model)
    {
        new QAbstractItemModelTester(model, QAbstractItemModelTester::FailureReportingMode::QtTest,
                                     model);
    }

private slots:
    void connectionsLifecycle()
    {
        ConnectionsModel model;
        watch(&model);
        QCOMPARE(model.columnCount(), int(ConnectionsModel::ColumnCount));
        QCOMPARE(model.headerData(ConnectionsModel::Params, Qt::Horizontal).toString(),
                 QStringLiteral("Params"));
        QSignalSpy opens(&model, &ConnectionsModel::openCountChanged);
        QVERIFY(opens.isValid());

        model.addEvent(opened(3));
        model.addEvent(opened(4));
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.openCount(), 2);
        QCOMPARE(opens.size(), 2);

        const auto cell
            = [&model](int row, int column) { return model.index(row, column).data().toString(); };
        QCOMPARE(cell(0, ConnectionsModel::Id), QStringLiteral("#3"));
        QCOMPARE(cell(0, ConnectionsModel::Path), QStringLiteral("/ws/user/alice"));
        QCOMPARE(cell(0, ConnectionsModel::Params), QStringLiteral("username=alice \u00B7 tab=2"));
        QCOMPARE(cell(0, ConnectionsModel::Peer), QStringLiteral("127.0.0.1:5555"));
        QCOMPARE(cell(0, ConnectionsModel::Opened), timeOf(BaseTime + 3000));
        QCOMPARE(cell(0, ConnectionsModel::State), QStringLiteral("open"));
        QCOMPARE(model.index(0, ConnectionsModel::In).data().toInt(), 0);
        QCOMPARE(model.index(1, 0).data(ConnectionsModel::ConnectionIdRole).toULongLong(), 4u);
        QCOMPARE(model.index(1, 0).data(ConnectionsModel::PathRole).toString(),
                 QStringLiteral("/ws/user/alice"));
        QVERIFY(model.index(1, 0).data(ConnectionsModel::IsOpenRole).toBool());
        QCOMPARE(model.indexForId(4).row(), 1);
        QVERIFY(!model.indexForId(99).isValid());

        // A message touches one cell of one row.
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        QVERIFY(changed.isValid());
        model.addEvent(makeEvent(TrafficEvent::Kind::Received, 4, QStringLiteral("a"),
                                 QStringLiteral("on-message[0]")));
        QCOMPARE(changed.size(), 1);
        QCOMPARE(changed.at(0).at(0).toModelIndex(), model.index(1, ConnectionsModel::In));
        QCOMPARE(changed.at(0).at(1).toModelIndex(), model.index(1, ConnectionsModel::In));
        model.addEvent(makeEvent(TrafficEvent::Kind::Unmatched, 4, QStringLiteral("b")));
        model.addEvent(makeEvent(TrafficEvent::Kind::Binary, 4, QStringLiteral("00 01")));
        model.addEvent(
            makeEvent(TrafficEvent::Kind::Sent, 4, QStringLiteral("c"), QStringLiteral("push")));
        model.addEvent(makeEvent(TrafficEvent::Kind::Warning, 4, QStringLiteral("missing")));
        model.addEvent(makeEvent(TrafficEvent::Kind::Error, 0, QStringLiteral("server error")));
        QCOMPARE(model.index(1, ConnectionsModel::In).data().toInt(), 3);
        QCOMPARE(model.index(1, ConnectionsModel::Out).data().toInt(), 1);
        QCOMPARE(model.index(0, ConnectionsModel::In).data().toInt(), 0);
        QCOMPARE(model.rowCount(), 2);

        model.addEvent(closed(3, 1000, QStringLiteral("bye")));
        QCOMPARE(cell(0, ConnectionsModel::State), QStringLiteral("closed (1000, bye)"));
        QVERIFY(!model.index(0, 0).data(ConnectionsModel::IsOpenRole).toBool());
        QCOMPARE(model.openCount(), 1);
        model.addEvent(closed(3, 1000, QStringLiteral("bye"))); // twice: no double count
        QCOMPARE(model.openCount(), 1);
        model.addEvent(closed(77, 1001, QString())); // never seen: ignored
        QCOMPARE(model.rowCount(), 2);

        model.clearClosed();
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(cell(0, ConnectionsModel::Id), QStringLiteral("#4"));
        QCOMPARE(model.indexForId(4).row(), 0);
        QVERIFY(!model.indexForId(3).isValid());
        model.addEvent(
            makeEvent(TrafficEvent::Kind::Sent, 4, QStringLiteral("d"), QStringLiteral("push")));
        QCOMPARE(model.index(0, ConnectionsModel::Out).data().toInt(), 2);

        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        QVERIFY(reset.isValid());
        model.clear();
        QCOMPARE(reset.size(), 1);
        QCOMPARE(model.rowCount(), 0);
        QCOMPARE(model.openCount(), 0);
    }

    void connectionsClearClosedRuns()
    {
        ConnectionsModel model;
        watch(&model);
        for (quint64 id = 1; id <= 7; ++id)
            model.addEvent(opened(id));
        for (quint64 id : { 1, 2, 4, 6, 7 })
            model.addEvent(closed(id, 1000, QString()));
        QCOMPARE(model.index(0, ConnectionsModel::State).data().toString(),
                 QStringLiteral("closed (1000)"));
        QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
        QVERIFY(removed.isValid());
        model.clearClosed();
        QCOMPARE(removed.size(), 3); // runs {6,7}, {4}, {1,2}
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.indexForId(3).row(), 0);
        QCOMPARE(model.indexForId(5).row(), 1);
        QCOMPARE(model.openCount(), 2);
    }

    // Attached mid-session: a connection's first event adopts it.
    void connectionsAdoptUnknown()
    {
        ConnectionsModel model;
        watch(&model);
        model.addEvent(
            makeEvent(TrafficEvent::Kind::Sent, 9, QStringLiteral("x"), QStringLiteral("push")));
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.openCount(), 1);
        QCOMPARE(model.index(0, ConnectionsModel::Out).data().toInt(), 1);
        QCOMPARE(model.index(0, ConnectionsModel::Path).data().toString(),
                 QStringLiteral("/ws/user/alice"));
        QCOMPARE(model.index(0, ConnectionsModel::Opened).data().toString(), QString());
    }

    // The table a user reads after a short session, row by row.
    void connectionsReadAsTheSession()
    {
        ConnectionsModel model;
        watch(&model); // before any row arrives
        for (const TrafficEvent &event : shortSession())
            model.addEvent(event);
        const QString params = QStringLiteral("username=alice \u00B7 tab=2");
        QCOMPARE(
            dumpModel(model),
            (QStringList {
                QStringLiteral("#1 | /ws/user/alice | %1 | 127.0.0.1:5555 | %2 | open | 1 | 1")
                    .arg(params, timeOf(BaseTime + 1000)),
                QStringLiteral("#2 | /ws/user/alice | %1 | 127.0.0.1:5555 | %2 | closed (1001, "
                               "going away) | 0 | 1")
                    .arg(params, timeOf(BaseTime + 2000)) }));
    }

    // The log a user reads after the same session, whole and then filtered to one connection.
    void messagesReadAsTheSession()
    {
        MessageLogModel model;
        MessageFilterProxy proxy;
        proxy.setSourceModel(&model);
        watch(&model); // before any row arrives
        watch(&proxy);
        for (const TrafficEvent &event : shortSession())
            model.addEvent(event);
        model.flush();
        const QString first = timeOf(BaseTime + 1000);
        const QString second = timeOf(BaseTime + 2000);
        const QString opening = QStringLiteral(
            "opened /ws/user/alice from 127.0.0.1:5555 (username=alice \u00B7 tab=2)");
        const QStringList whole {
            QStringLiteral("%1 | #1 |  | %2 | opened | ").arg(first, opening),
            QStringLiteral("%1 | #1 | in | ping | on-message[0] | 4").arg(first),
            QStringLiteral("%1 | #1 | out | pong | on-message[0] | 4").arg(first),
            QStringLiteral("%1 | #2 |  | %2 | opened | ").arg(second, opening),
            QStringLiteral("%1 | #2 | out | news | push | 4").arg(second),
            QStringLiteral("%1 | #2 |  | closed 1001 going away | closed | ").arg(second),
        };
        QCOMPARE(dumpModel(model), whole);
        QCOMPARE(dumpModel(proxy), whole);
        proxy.setConnectionId(2);
        QCOMPARE(dumpModel(proxy), whole.mid(3));
    }

    void messageColumns_data()
    {
        QTest::addColumn<TrafficEvent>("event");
        QTest::addColumn<QString>("direction");
        QTest::addColumn<QString>("payload");
        QTest::addColumn<QString>("rule");
        QTest::addColumn<QVariant>("size");

        QTest::newRow("opened")
            << opened(3) << QString()
            << QStringLiteral(
                   "opened /ws/user/alice from 127.0.0.1:5555 (username=alice \u00B7 tab=2)")
            << QStringLiteral("opened") << QVariant();
        QTest::newRow("received") << makeEvent(TrafficEvent::Kind::Received, 3,
                                               QStringLiteral("ping"),
                                               QStringLiteral("on-message[0]"))
                                  << QStringLiteral("in") << QStringLiteral("ping")
                                  << QStringLiteral("on-message[0]") << QVariant(qint64(4));
        QTest::newRow("unmatched")
            << makeEvent(TrafficEvent::Kind::Unmatched, 3, QStringLiteral("héllo"))
            << QStringLiteral("in") << QStringLiteral("héllo") << QStringLiteral("unmatched")
            << QVariant(qint64(6));
        QTest::newRow("binary") << makeEvent(TrafficEvent::Kind::Binary, 3, QStringLiteral("de ad"))
                                << QStringLiteral("in") << QStringLiteral("de ad")
                                << QStringLiteral("unmatched") << QVariant(qint64(5));
        QTest::newRow("sent") << makeEvent(TrafficEvent::Kind::Sent, 3, QStringLiteral("a\nb\r\nc"),
                                           QStringLiteral("push"))
                              << QStringLiteral("out") << QStringLiteral("a\u23CEb\u23CEc")
                              << QStringLiteral("push") << QVariant(qint64(6));
        QTest::newRow("warning") << makeEvent(TrafficEvent::Kind::Warning, 3,
                                              QStringLiteral("value missing"),
                                              QStringLiteral("on-connect"))
                                 << QString() << QStringLiteral("value missing")
                                 << QStringLiteral("warning \u00B7 on-connect") << QVariant();
        QTest::newRow("closed") << closed(3, 1001, QStringLiteral("going away")) << QString()
                                << QStringLiteral("closed 1001 going away")
                                << QStringLiteral("closed") << QVariant();
        QTest::newRow("refused") << makeEvent(TrafficEvent::Kind::Refused, 0,
                                              QStringLiteral("404 /nope"))
                                 << QString() << QStringLiteral("404 /nope")
                                 << QStringLiteral("refused") << QVariant();
        QTest::newRow("error") << makeEvent(TrafficEvent::Kind::Error, 0, QStringLiteral("boom"))
                               << QString() << QStringLiteral("boom") << QStringLiteral("error")
                               << QVariant();

        // As the server makes them: causes and details, worded by the model.
        const TrafficEvent::Source alice { 3, QStringLiteral("/ws/user/alice") };
        QTest::newRow("refused, no endpoint")
            << TrafficEvent::refused(QStringLiteral("127.0.0.1:5555"),
                                     TrafficEvent::Cause::NoEndpoint, 404,
                                     { QStringLiteral("/ws/nope") })
            << QString() << QStringLiteral("/ws/nope: no endpoint serves this path (404)")
            << QStringLiteral("refused") << QVariant();
        QTest::newRow("warning, missing value")
            << TrafficEvent::missingValue(alice, QStringLiteral("on-message[0]"),
                                          QStringLiteral("json-params.name"))
            << QString()
            << QStringLiteral("template value '{{json-params.name}}' is missing; rendered empty")
            << QStringLiteral("warning \u00B7 on-message[0]") << QVariant();
        QTest::newRow("error, slow reader")
            << TrafficEvent::error(alice, TrafficEvent::Cause::SlowReader, { QStringLiteral("42") })
            << QString()
            << QStringLiteral("client is not reading (42 bytes waiting); connection dropped")
            << QStringLiteral("error") << QVariant();
        TrafficDelivery toOthers;
        toOthers.delayMs = 250;
        toOthers.reach = TrafficReach::Others;
        toOthers.recipients = 2;
        QTest::newRow("sent, delayed to others")
            << TrafficEvent::sent(alice, QStringLiteral("hi"), QStringLiteral("on-message[1]"),
                                  toOthers)
            << QStringLiteral("out") << QStringLiteral("hi")
            << QStringLiteral("on-message[1] \u00B7 delayed 250ms \u00B7 to others (2)")
            << QVariant(qint64(2));
        TrafficDelivery streamed;
        streamed.streamTick = 3;
        streamed.reach = TrafficReach::All;
        QTest::newRow("sent, binary stream frame to all")
            << TrafficEvent::sentBinary(alice, QByteArray("\x01\xff", 2),
                                        QStringLiteral("stream[0]"), streamed)
            << QStringLiteral("out") << QStringLiteral("01 ff")
            << QStringLiteral("stream[0] \u00B7 stream #3 \u00B7 to all \u00B7 binary")
            << QVariant(qint64(2));
    }

    void messageColumns()
    {
        QFETCH(TrafficEvent, event);
        QFETCH(QString, direction);
        QFETCH(QString, payload);
        QFETCH(QString, rule);
        QFETCH(QVariant, size);

        MessageLogModel model;
        watch(&model);
        model.addEvent(event);
        model.flush();
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.columnCount(), int(MessageLogModel::ColumnCount));
        const auto cell = [&model](int column, int role = Qt::DisplayRole) {
            return model.index(0, column).data(role);
        };
        QCOMPARE(cell(MessageLogModel::Time).toString(), timeOf(event.timestamp));
        QCOMPARE(cell(MessageLogModel::Connection).toString(),
                 event.connectionId ? QStringLiteral("#%1").arg(event.connectionId) : QString());
        QCOMPARE(cell(MessageLogModel::Direction).toString(), direction);
        QCOMPARE(cell(MessageLogModel::Payload).toString(), payload);
        QCOMPARE(cell(MessageLogModel::Rule).toString(), rule);
        QCOMPARE(cell(MessageLogModel::Rule, MessageLogModel::RuleRole).toString(), rule);
        QCOMPARE(cell(MessageLogModel::Size).isValid(), size.isValid());
        if (size.isValid())
            QCOMPARE(cell(MessageLogModel::Size).toLongLong(), size.toLongLong());
        QCOMPARE(cell(0, MessageLogModel::EventKindRole).toInt(), int(event.kind));
        QCOMPARE(cell(0, MessageLogModel::ConnectionIdRole).toULongLong(), event.connectionId);
        QCOMPARE(cell(0, MessageLogModel::TimestampRole).toLongLong(), event.timestamp);
        if (!event.payload.isEmpty())
            QCOMPARE(cell(0, MessageLogModel::FullPayloadRole).toString(), event.payload);
        QCOMPARE(model.eventAt(0).kind, event.kind);
    }

    void messageHeaders()
    {
        MessageLogModel model;
        const QStringList expected { QStringLiteral("Time"),      QStringLiteral("Connection"),
                                     QStringLiteral("Direction"), QStringLiteral("Payload"),
                                     QStringLiteral("Rule"),      QStringLiteral("Size") };
        for (int c = 0; c < MessageLogModel::ColumnCount; ++c)
            QCOMPARE(model.headerData(c, Qt::Horizontal).toString(), expected.at(c));
    }

    void payloadPreviewAndPretty()
    {
        const QString longText = QString(500, QLatin1Char('x')) + QLatin1Char('\n');
        MessageLogModel model;
        watch(&model);
        model.addEvent(
            makeEvent(TrafficEvent::Kind::Received, 1, longText, QStringLiteral("on-message[0]")));
        model.addEvent(makeEvent(TrafficEvent::Kind::Sent, 1,
                                 QStringLiteral("{\"b\":1,\"a\":[true,null]}"),
                                 QStringLiteral("on-message[0]")));
        model.addEvent(makeEvent(TrafficEvent::Kind::Sent, 1, QStringLiteral("{not json"),
                                 QStringLiteral("push")));
        model.flush();

        const QString preview = model.index(0, MessageLogModel::Payload).data().toString();
        QCOMPARE(preview.size(), MessageLogModel::PreviewLength + 1);
        QVERIFY(preview.endsWith(QChar(0x2026)));
        QVERIFY(!preview.contains(QLatin1Char('\n')));
        QCOMPARE(model.index(0, 0).data(MessageLogModel::FullPayloadRole).toString(), longText);
        QCOMPARE(model.index(0, 0).data(MessageLogModel::PrettyPayloadRole).toString(), longText);

        const QString pretty
            = model.index(1, 0).data(MessageLogModel::PrettyPayloadRole).toString();
        QVERIFY2(pretty.contains(QLatin1Char('\n')), qPrintable(pretty));
        QVERIFY(pretty.startsWith(QLatin1Char('{')));
        QVERIFY(pretty.endsWith(QLatin1Char('}')));
        QVERIFY(pretty.contains(QStringLiteral("    \"b\": 1")));
        QCOMPARE(model.index(2, 0).data(MessageLogModel::PrettyPayloadRole).toString(),
                 QStringLiteral("{not json"));

        // A cut never splits a surrogate pair.
        const QString emoji = QString(199, QLatin1Char('x')) + QString::fromUtf8("\xF0\x9F\x98\x80")
            + QStringLiteral("tail");
        const QString cut = MessageLogModel::preview(emoji);
        QCOMPARE(cut, QString(199, QLatin1Char('x')) + QChar(0x2026));
        QCOMPARE(MessageLogModel::preview(QStringLiteral("a\tb")), QStringLiteral("a b"));
    }

    void batching()
    {
        MessageLogModel model;
        watch(&model);
        model.setBatchInterval(60000); // only explicit flushes here
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        QVERIFY(inserted.isValid());

        for (int n = 0; n < 100; ++n)
            model.addEvent(numbered(n));
        QCOMPARE(model.rowCount(), 0);
        QCOMPARE(model.pendingCount(), 100);
        QCOMPARE(inserted.size(), 0);
        model.flush();
        QCOMPARE(inserted.size(), 1);
        QCOMPARE(inserted.at(0).at(1).toInt(), 0);
        QCOMPARE(inserted.at(0).at(2).toInt(), 99);
        QCOMPARE(model.rowCount(), 100);
        QCOMPARE(model.pendingCount(), 0);
        model.flush(); // nothing queued: no signal
        QCOMPARE(inserted.size(), 1);

        // The timer flushes on its own, still one insertion per batch.
        model.setBatchInterval(10);
        QCOMPARE(model.batchInterval(), 10);
        for (int n = 100; n < 150; ++n)
            model.addEvent(numbered(n));
        QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), 150, 2000);
        QCOMPARE(inserted.size(), 2);
        QCOMPARE(inserted.at(1).at(1).toInt(), 100);
        QCOMPARE(inserted.at(1).at(2).toInt(), 149);
        QCOMPARE(model.eventAt(149).payload, QStringLiteral("message 149"));
    }

    void capacity_data()
    {
        QTest::addColumn<int>("batch");
        QTest::newRow("one batch") << 1000;
        QTest::newRow("batches of 7") << 7;
        QTest::newRow("batches of 100") << 100;
        QTest::newRow("batches of 1") << 1;
    }

    void capacity()
    {
        QFETCH(int, batch);
        constexpr int Capacity = 100;
        constexpr int Extra = 37;
        MessageLogModel model;
        watch(&model);
        model.setBatchInterval(60000);
        model.setCapacity(Capacity);
        QCOMPARE(model.capacity(), Capacity);
        QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        QSignalSpy dropped(&model, &MessageLogModel::droppedCountChanged);
        QVERIFY(removed.isValid());
        QVERIFY(inserted.isValid());
        QVERIFY(dropped.isValid());

        int flushes = 0;
        for (int n = 0; n < Capacity + Extra; ++n) {
            model.addEvent(numbered(n));
            if ((n + 1) % batch == 0) {
                model.flush();
                ++flushes;
            }
        }
        model.flush();
        ++flushes;

        QCOMPARE(model.rowCount(), Capacity);
        QCOMPARE(model.droppedCount(), qint64(Extra));
        QCOMPARE(model.eventAt(0).payload, QStringLiteral("message %1").arg(Extra));
        QCOMPARE(model.index(0, 0).data(MessageLogModel::TimestampRole).toLongLong(),
                 BaseTime + Extra);
        QCOMPARE(model.eventAt(Capacity - 1).payload,
                 QStringLiteral("message %1").arg(Capacity + Extra - 1));
        QVERIFY(inserted.size() <= flushes);
        QVERIFY(removed.size() <= flushes);
        for (const QList<QVariant> &args : std::as_const(removed))
            QCOMPARE(args.at(1).toInt(), 0); // always from the front
        QVERIFY(!dropped.isEmpty());
        QCOMPARE(dropped.last().at(0).toLongLong(), qint64(Extra));
    }

    void shrinkCapacity()
    {
        MessageLogModel model;
        watch(&model);
        for (int n = 0; n < 50; ++n)
            model.addEvent(numbered(n));
        model.flush();
        QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
        QVERIFY(removed.isValid());
        model.setCapacity(20);
        QCOMPARE(removed.size(), 1);
        QCOMPARE(model.rowCount(), 20);
        QCOMPARE(model.droppedCount(), qint64(30));
        QCOMPARE(model.eventAt(0).payload, QStringLiteral("message 30"));
    }

    void clearLog()
    {
        MessageLogModel model;
        watch(&model);
        model.setCapacity(10);
        for (int n = 0; n < 25; ++n)
            model.addEvent(numbered(n));
        model.flush();
        model.addEvent(numbered(25)); // queued, discarded by clear()
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        QSignalSpy dropped(&model, &MessageLogModel::droppedCountChanged);
        QVERIFY(reset.isValid());
        QVERIFY(dropped.isValid());
        model.clear();
        QCOMPARE(reset.size(), 1);
        QCOMPARE(model.rowCount(), 0);
        QCOMPARE(model.pendingCount(), 0);
        QCOMPARE(model.droppedCount(), qint64(0));
        QCOMPARE(dropped.size(), 1);
        model.flush();
        QCOMPARE(model.rowCount(), 0);
        model.addEvent(numbered(26));
        model.flush();
        QCOMPARE(model.rowCount(), 1);
    }

    // A preset's frame shows what it means beside it, and the filter finds it by that.
    void decodedBesideTheFrame()
    {
        MessageLogModel model;
        watch(&model);
        MessageFilterProxy proxy;
        proxy.setSourceModel(&model);
        TrafficEvent event
            = makeEvent(TrafficEvent::Kind::Received, 1, QStringLiteral(R"({"type":"ping"})"),
                        QStringLiteral("graphql-ws"));
        event.decoded = QStringLiteral("graphql-ws ping");
        model.addEvent(event);
        model.addEvent(makeEvent(TrafficEvent::Kind::Received, 1, QStringLiteral("pong"),
                                 QStringLiteral("on-message[0]")));
        model.flush();
        QCOMPARE(model.index(0, MessageLogModel::Payload).data().toString(),
                 QStringLiteral(R"(graphql-ws ping  ·  {"type":"ping"})"));
        QCOMPARE(model.index(0, 0).data(MessageLogModel::DecodedRole).toString(),
                 QStringLiteral("graphql-ws ping"));
        QCOMPARE(model.index(0, 0).data(MessageLogModel::FullPayloadRole).toString(),
                 QStringLiteral(R"({"type":"ping"})"));
        QCOMPARE(model.index(1, MessageLogModel::Payload).data().toString(),
                 QStringLiteral("pong"));
        proxy.setText(QStringLiteral("ws ping"));
        QCOMPARE(proxy.rowCount(), 1);
    }

    void filterProxy()
    {
        MessageLogModel model;
        watch(&model);
        MessageFilterProxy proxy;
        proxy.setSourceModel(&model);
        watch(&proxy);

        model.addEvent(opened(1));
        model.addEvent(opened(2));
        model.addEvent(makeEvent(TrafficEvent::Kind::Received, 1, QStringLiteral("PING"),
                                 QStringLiteral("on-message[0]")));
        model.addEvent(makeEvent(TrafficEvent::Kind::Sent, 1, QStringLiteral("pong"),
                                 QStringLiteral("on-message[0]")));
        model.addEvent(makeEvent(TrafficEvent::Kind::Received, 2,
                                 QStringLiteral("{\"echo\":\"ping\"}"),
                                 QStringLiteral("on-message[1]")));
        model.addEvent(makeEvent(TrafficEvent::Kind::Unmatched, 2, QStringLiteral("what")));
        model.addEvent(makeEvent(TrafficEvent::Kind::Refused, 0, QStringLiteral("404 /nope")));
        model.flush();
        QCOMPARE(proxy.rowCount(), 7);

        proxy.setConnectionId(1);
        QCOMPARE(proxy.connectionIds(), QSet<quint64> { 1 });
        QCOMPARE(proxy.rowCount(), 3);
        for (int row = 0; row < proxy.rowCount(); ++row)
            QCOMPARE(proxy.index(row, 0).data(MessageLogModel::ConnectionIdRole).toULongLong(), 1u);
        // Several connections: theirs, and nothing server-wide.
        proxy.setConnectionIds({ 1, 2 });
        QCOMPARE(proxy.rowCount(), 6);

        proxy.setConnectionId(0);
        proxy.setText(QStringLiteral("ping"));
        QCOMPARE(proxy.rowCount(), 2); // "PING" and the JSON echo: case-insensitive payload
        proxy.setText(QStringLiteral("MESSAGE[1]"));
        QCOMPARE(proxy.rowCount(), 1); // matched by rule
        QCOMPARE(proxy.index(0, MessageLogModel::Connection).data().toString(),
                 QStringLiteral("#2"));
        proxy.setText(QStringLiteral("unmatched"));
        QCOMPARE(proxy.rowCount(), 1);
        proxy.setText(QStringLiteral("username=alice"));
        QCOMPARE(proxy.rowCount(), 2); // the Opened summaries

        proxy.setText(QStringLiteral("ping"));
        proxy.setConnectionId(2);
        QCOMPARE(proxy.rowCount(), 1);
        proxy.setText(QString());
        proxy.setConnectionId(0);
        proxy.setHideKinds({ TrafficEvent::Kind::Opened, TrafficEvent::Kind::Refused });
        QCOMPARE(proxy.hideKinds().size(), 2);
        QCOMPARE(proxy.rowCount(), 4);

        // New rows pass through the same filter.
        proxy.setHideKinds({});
        proxy.setConnectionId(1);
        model.addEvent(
            makeEvent(TrafficEvent::Kind::Sent, 1, QStringLiteral("hi"), QStringLiteral("push")));
        model.addEvent(
            makeEvent(TrafficEvent::Kind::Sent, 2, QStringLiteral("hi"), QStringLiteral("push")));
        model.flush();
        QCOMPARE(proxy.rowCount(), 4);
        QCOMPARE(proxy.index(3, MessageLogModel::Rule).data().toString(), QStringLiteral("push"));
    }

    // The Rule column names a rule by its pattern, on one line and shortened; the tooltip and
    // the text filter keep its place in the file.
    void ruleColumnShowsPattern()
    {
        const MockSpecPtr spec
            = specFromYaml(QStringLiteral("- websocket:\n"
                                          "    path: /ws/t\n"
                                          "    on-message:\n"
                                          "      - pattern: ping\n"
                                          "        response: pong\n"
                                          "      - pattern: |\n"
                                          "          {\"type\": \"join\",\n"
                                          "           \"room\": \"{{json-params.room}}\"}\n"
                                          "        response: joined\n"));
        QVERIFY(spec);
        ServerFixture fixture;
        TrafficLog log;
        log.attach(&fixture.server());
        QVERIFY(fixture.start(spec));
        TestClient client;
        client.open(fixture.url(QStringLiteral("/ws/t")));
        QVERIFY(client.waitForConnected(10000));
        client.socket().sendTextMessage(QStringLiteral("ping"));
        client.socket().sendTextMessage(QStringLiteral("{\"type\":\"join\",\"room\":\"a\"}"));
        QTRY_COMPARE_WITH_TIMEOUT(client.messages().size(), 2, 10000);

        MessageLogModel *messages = log.messages();
        QTRY_COMPARE_WITH_TIMEOUT(messages->rowCount(), 5, 10000);
        const auto cell = [messages](int row, int role) {
            return messages->index(row, MessageLogModel::Rule).data(role).toString();
        };
        QCOMPARE(cell(1, Qt::DisplayRole), QStringLiteral("ping"));
        QCOMPARE(cell(2, Qt::DisplayRole), QStringLiteral("ping"));
        QVERIFY2(cell(1, Qt::ToolTipRole).contains(QStringLiteral("on-message[0]")),
                 qPrintable(cell(1, Qt::ToolTipRole)));
        const QString joined
            = QStringLiteral("{\"type\": \"join\", \"room\": \"{{json-params.room}}\"}");
        QCOMPARE(cell(3, Qt::DisplayRole), joined.left(39) + QChar(0x2026));
        QCOMPARE(cell(4, Qt::DisplayRole), cell(3, Qt::DisplayRole));
        QVERIFY2(cell(3, Qt::ToolTipRole).contains(QStringLiteral("on-message[1]")),
                 qPrintable(cell(3, Qt::ToolTipRole)));
        QVERIFY2(cell(3, Qt::ToolTipRole).contains(joined), qPrintable(cell(3, Qt::ToolTipRole)));

        MessageFilterProxy proxy;
        proxy.setSourceModel(messages);
        proxy.setText(QStringLiteral("on-message[1]"));
        QCOMPARE(proxy.rowCount(), 2);
        proxy.setText(QStringLiteral("params.room"));
        QCOMPARE(proxy.rowCount(), 2);
    }

    // The details pane indents JSON in the sender's key order, numbers and escapes as sent.
    void prettyKeepsKeyOrder_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("pretty");
        QTest::newRow("object") << QStringLiteral(
            "{\"z\":1.50,\"a\":[true,null,{\"m\":\"x\\u00e9\"}],\"m\":{}}")
                                << QStringLiteral("{\n"
                                                  "    \"z\": 1.50,\n"
                                                  "    \"a\": [\n"
                                                  "        true,\n"
                                                  "        null,\n"
                                                  "        {\n"
                                                  "            \"m\": \"x\\u00e9\"\n"
                                                  "        }\n"
                                                  "    ],\n"
                                                  "    \"m\": {}\n"
                                                  "}");
        QTest::newRow("spaced array")
            << QStringLiteral(" [ \"a, b\" , [ ] ,\"{\\\"\"] ")
            << QStringLiteral("[\n    \"a, b\",\n    [],\n    \"{\\\"\"\n]");
        QTest::newRow("not JSON") << QStringLiteral("{oops") << QStringLiteral("{oops");
        QTest::newRow("text") << QStringLiteral("ping") << QStringLiteral("ping");
    }

    void prettyKeepsKeyOrder()
    {
        QFETCH(QString, text);
        QFETCH(QString, pretty);
        QCOMPARE(MessageLogModel::prettyPayload(text), pretty);
    }

    // Binary frames read as a classic hex dump: offset, 16 bytes in two groups, ASCII.
    void binaryHexDump()
    {
        QByteArray data("Hello, binary\x00\x01\x7f\xff!", 18);
        const QString dump = QStringLiteral(
            "00000000  48 65 6c 6c 6f 2c 20 62  69 6e 61 72 79 00 01 7f  |Hello, binary...|\n"
            "00000010  ff 21                                             |.!|");
        QCOMPARE(MessageLogModel::hexDump(data), dump);
        QCOMPARE(MessageLogModel::hexDump(QByteArray()), QString());

        MessageLogModel model;
        model.addEvent(TrafficEvent::binaryReceived({ 1, QStringLiteral("/b") }, data, QString()));
        model.addEvent(
            TrafficEvent::sentBinary({ 1, QStringLiteral("/b") }, data, QStringLiteral("push")));
        model.flush();
        QCOMPARE(model.index(0, 0).data(MessageLogModel::PrettyPayloadRole).toString(), dump);
        QCOMPARE(model.index(1, 0).data(MessageLogModel::PrettyPayloadRole).toString(), dump);
    }

    // On a proxy: endpoint, what no rule took went to the upstream and is not unmatched, and
    // what the upstream sent says so.
    void relayedFramesSayWhere()
    {
        const TrafficEvent::Source source { 1, QStringLiteral("/relayed") };
        MessageLogModel model;
        TrafficEvent text = TrafficEvent::received(source, QStringLiteral("hi"), QString());
        text.forwarded = true;
        TrafficEvent binary = TrafficEvent::binaryReceived(source, QByteArray("\x01"), QString());
        binary.forwarded = true;
        TrafficEvent back = TrafficEvent::sent(source, QStringLiteral("echo: hi"), QString());
        back.origin = TrafficOrigin::Upstream;
        for (const TrafficEvent &event :
             { text, binary, back,
               TrafficEvent::binaryReceived(source, QByteArray("\x02"), QString()) })
            model.addEvent(event);
        model.flush();
        const auto rule = [&model](int row) {
            return model.index(row, MessageLogModel::Rule).data().toString();
        };
        QCOMPARE(rule(0), QStringLiteral("to upstream"));
        QCOMPARE(rule(1), QStringLiteral("to upstream"));
        QCOMPARE(rule(2), QStringLiteral("upstream"));
        QCOMPARE(rule(3), QStringLiteral("unmatched")); // not relayed: no rule took it
        for (int row = 0; row < 4; ++row)
            QCOMPARE(model.index(row, 0).data(MessageLogModel::RelayedRole).toBool(), row < 3);
        MessageFilterProxy proxy;
        proxy.setSourceModel(&model);
        proxy.setQuickFilters(MessageFilterProxy::Quick::Unmatched);
        QCOMPARE(proxy.rowCount(), 1);
        QCOMPARE(proxy.index(0, 0).data(MessageLogModel::FullPayloadRole).toString(),
                 model.index(3, 0).data(MessageLogModel::FullPayloadRole).toString());
    }

    // A closed connection says so in its state (the panel greys it out by IsOpenRole).
    void closedConnectionsLookClosed()
    {
        ConnectionsModel model;
        model.addEvent(opened(1));
        model.addEvent(opened(2));
        model.addEvent(closed(2, 4001, QStringLiteral("bye")));
        model.addEvent(opened(3));
        model.addEvent(closed(3, 1000, QString()));
        const auto state = [&model](int row) {
            return model.index(row, ConnectionsModel::State).data().toString();
        };
        QCOMPARE(state(0), QStringLiteral("open"));
        QCOMPARE(state(1), QStringLiteral("closed (4001, bye)"));
        QCOMPARE(state(2), QStringLiteral("closed (1000)"));
        QVERIFY(model.index(0, ConnectionsModel::Path).data(ConnectionsModel::IsOpenRole).toBool());
        QVERIFY(
            !model.index(1, ConnectionsModel::Path).data(ConnectionsModel::IsOpenRole).toBool());
    }

    // The quick filters keep rows of the chosen sorts (any of them), with the text and the
    // connection filters.
    void quickFilters_data()
    {
        using Quick = MessageFilterProxy::Quick;
        QTest::addColumn<int>("quick");
        QTest::addColumn<quint64>("connection");
        QTest::addColumn<QString>("text");
        QTest::addColumn<QStringList>("payloads");
        QTest::newRow("none") << 0 << quint64(0) << QString() << QStringList();
        QTest::newRow("in") << int(Quick::In) << quint64(0) << QString()
                            << QStringList { QStringLiteral("ping"), QStringLiteral("pingg") };
        QTest::newRow("out") << int(Quick::Out) << quint64(0) << QString()
                             << QStringList { QStringLiteral("pong"), QStringLiteral("news") };
        QTest::newRow("unmatched") << int(Quick::Unmatched) << quint64(0) << QString()
                                   << QStringList { QStringLiteral("pingg") };
        QTest::newRow("refused") << int(Quick::Refused) << quint64(0) << QString()
                                 << QStringList { QStringLiteral("nope") };
        QTest::newRow("out or refused")
            << int(Quick::Out | Quick::Refused) << quint64(0) << QString()
            << QStringList { QStringLiteral("pong"), QStringLiteral("news"),
                             QStringLiteral("nope") };
        QTest::newRow("in with text") << int(Quick::In) << quint64(0) << QStringLiteral("gg")
                                      << QStringList { QStringLiteral("pingg") };
        QTest::newRow("out of #2")
            << int(Quick::Out) << quint64(2) << QString() << QStringList { QStringLiteral("news") };
    }

    void quickFilters()
    {
        QFETCH(int, quick);
        QFETCH(quint64, connection);
        QFETCH(QString, text);
        QFETCH(QStringList, payloads);
        MessageLogModel model;
        for (const TrafficEvent &event : shortSession())
            model.addEvent(event);
        model.addEvent(makeEvent(TrafficEvent::Kind::Unmatched, 1, QStringLiteral("pingg")));
        TrafficEvent refused = makeEvent(TrafficEvent::Kind::Refused, 0, QStringLiteral("nope"));
        model.addEvent(refused);
        model.flush();
        MessageFilterProxy proxy;
        watch(&proxy);
        proxy.setSourceModel(&model);
        proxy.setQuickFilters(MessageFilterProxy::QuickFilters::fromInt(quick));
        proxy.setConnectionId(connection);
        proxy.setText(text);
        if (quick == 0) {
            QCOMPARE(proxy.rowCount(), model.rowCount());
            return;
        }
        QStringList shown;
        for (int row = 0; row < proxy.rowCount(); ++row)
            shown.append(proxy.index(row, 0).data(MessageLogModel::FullPayloadRole).toString());
        QCOMPARE(shown, payloads);
    }

    // A real server and client: the models tell the echo session's story.
    void endToEnd()
    {
        const MockSpecPtr spec = exampleSpec(QStringLiteral("echo.yml"));
        QVERIFY(spec);
        ServerFixture fixture;
        TrafficLog log;
        log.attach(&fixture.server());
        QCOMPARE(log.server(), &fixture.server());
        ConnectionsModel *connections = log.connections();
        MessageLogModel *messages = log.messages();
        watch(connections);
        watch(messages);
        QVERIFY(fixture.start(spec));

        TestClient client;
        client.open(fixture.url(QStringLiteral("/ws/echo")));
        QTRY_COMPARE_WITH_TIMEOUT(client.messages().size(), 1, 5000);
        client.socket().sendTextMessage(QStringLiteral("ping"));
        QTRY_COMPARE(client.messages().size(), 2);

        QTRY_COMPARE(connections->rowCount(), 1);
        QCOMPARE(connections->openCount(), 1);
        QTRY_COMPARE(connections->index(0, ConnectionsModel::In).data().toInt(), 1);
        QCOMPARE(connections->index(0, ConnectionsModel::Out).data().toInt(), 2);
        QCOMPARE(connections->index(0, ConnectionsModel::Path).data().toString(),
                 QStringLiteral("/ws/echo"));
        QVERIFY(connections->index(0, ConnectionsModel::Peer)
                    .data()
                    .toString()
                    .startsWith(QStringLiteral("127.0.0.1:")));
        const quint64 id
            = connections->index(0, 0).data(ConnectionsModel::ConnectionIdRole).toULongLong();
        QVERIFY(id != 0);

        messages->flush();
        QCOMPARE(messages->rowCount(), 4);
        const auto kindAt = [messages](int row) { return messages->eventAt(row).kind; };
        const auto text = [messages](int row, int column) {
            return messages->index(row, column).data().toString();
        };
        QCOMPARE(kindAt(0), TrafficEvent::Kind::Opened);
        QCOMPARE(kindAt(1), TrafficEvent::Kind::Sent);
        QCOMPARE(text(1, MessageLogModel::Rule), QStringLiteral("on-connect"));
        QCOMPARE(text(1, MessageLogModel::Payload),
                 QStringLiteral(
                     "{\"status\": \"connected\", \"message\": \"Welcome to WebSocket Echo!\"}"));
        QCOMPARE(text(1, MessageLogModel::Direction), QStringLiteral("out"));
        QVERIFY(messages->index(1, 0)
                    .data(MessageLogModel::PrettyPayloadRole)
                    .toString()
                    .contains(QLatin1Char('\n')));
        QCOMPARE(kindAt(2), TrafficEvent::Kind::Received);
        QCOMPARE(text(2, MessageLogModel::Payload), QStringLiteral("ping"));
        QCOMPARE(text(2, MessageLogModel::Rule), QStringLiteral("ping"));
        QCOMPARE(text(2, MessageLogModel::Direction), QStringLiteral("in"));
        QCOMPARE(kindAt(3), TrafficEvent::Kind::Sent);
        QCOMPARE(text(3, MessageLogModel::Payload), QStringLiteral("pong"));
        QCOMPARE(text(3, MessageLogModel::Rule), QStringLiteral("ping"));
        QCOMPARE(text(3, MessageLogModel::Connection), QStringLiteral("#%1").arg(id));

        client.socket().close();
        QTRY_COMPARE_WITH_TIMEOUT(connections->openCount(), 0, 5000);
        QVERIFY(connections->index(0, ConnectionsModel::State)
                    .data()
                    .toString()
                    .startsWith(QStringLiteral("closed (1000")));
        QTRY_COMPARE(messages->rowCount(), 5); // the batch timer delivers the Closed
        QCOMPARE(kindAt(4), TrafficEvent::Kind::Closed);

        // clear() keeps what is still live, and nothing here is.
        log.clear();
        QCOMPARE(messages->rowCount(), 0);
        QCOMPARE(connections->rowCount(), 0);

        log.detach();
        QCOMPARE(log.server(), nullptr);
    }

    // Not a pass/fail timing test: prints what a flood costs in this build. No
    // QAbstractItemModelTester here: it re-walks the whole model on every insertion and
    // removal, which would measure the tester (the cases above run under it).
    void flood_data()
    {
        QTest::addColumn<QString>("filter");
        QTest::newRow("model only") << QString();
        QTest::newRow("proxy by connection") << QStringLiteral("connection");
        QTest::newRow("proxy by text") << QStringLiteral("text");
    }

    void flood()
    {
        QFETCH(QString, filter);
        constexpr int Capacity = 50000;
        constexpr int Total = 200000;
        constexpr int Batch = 1000; // 20,000 events/s at the default 50 ms interval
        constexpr int VisibleRows = 40;

        MessageLogModel model;
        model.setBatchInterval(60000);
        QCOMPARE(model.capacity(), Capacity); // the default
        MessageFilterProxy proxy;
        QAbstractItemModel *view = &model;
        if (!filter.isEmpty()) {
            proxy.setSourceModel(&model);
            view = &proxy;
            if (filter == QLatin1String("connection"))
                proxy.setConnectionId(2);
            else
                proxy.setText(QStringLiteral("SEQ\": 19")); // events 190000..199999
        }

        TrafficEvent e = makeEvent(TrafficEvent::Kind::Received, 1, QString(),
                                   QStringLiteral("on-message[1]"));
        qint64 worstFlush = 0;
        qint64 totalFlush = 0;
        qint64 totalAdd = 0;
        qint64 worstPaint = 0;
        int maxRows = 0;
        QElapsedTimer timer;
        for (int sent = 0; sent < Total; sent += Batch) {
            for (int n = sent; n < sent + Batch; ++n) {
                e.connectionId = 1 + quint64(n % 4);
                e.timestamp = BaseTime + n;
                e.payload
                    = QStringLiteral("{\"action\": \"tick\", \"channel\": \"ticker\", \"seq\": %1}")
                          .arg(n);
                e.size = e.payload.size();
                timer.start();
                model.addEvent(e);
                totalAdd += timer.nsecsElapsed();
            }
            timer.start();
            model.flush();
            const qint64 took = timer.nsecsElapsed();
            totalFlush += took;
            worstFlush = std::max(worstFlush, took);
            maxRows = std::max(maxRows, model.rowCount());

            // What a view scrolled to the bottom would read to repaint.
            timer.start();
            const int rows = view->rowCount();
            for (int row = std::max(0, rows - VisibleRows); row < rows; ++row) {
                for (int column = 0; column < MessageLogModel::ColumnCount; ++column)
                    view->index(row, column).data();
            }
            worstPaint = std::max(worstPaint, timer.nsecsElapsed());
        }
        QCOMPARE(model.rowCount(), Capacity);
        QCOMPARE(maxRows, Capacity);
        QCOMPARE(model.droppedCount(), qint64(Total - Capacity));
        QCOMPARE(model.eventAt(Capacity - 1).timestamp, BaseTime + Total - 1);
        if (filter == QLatin1String("connection"))
            QCOMPARE(proxy.rowCount(), Capacity / 4);
        else if (filter == QLatin1String("text"))
            QCOMPARE(proxy.rowCount(), 10000);
        const int flushes = Total / Batch;
        qInfo("flood [%s]: %d events, batches of %d, capacity %d: rows %d (max %d), view rows %d, "
              "dropped %lld",
              qPrintable(filter.isEmpty() ? QStringLiteral("model only") : filter), Total, Batch,
              Capacity, model.rowCount(), maxRows, view->rowCount(), model.droppedCount());
        qInfo("flood [%s]: flush worst %.3f ms, mean %.3f ms; addEvent mean %.3f us; "
              "repaint read of %d rows worst %.3f ms",
              qPrintable(filter.isEmpty() ? QStringLiteral("model only") : filter),
              worstFlush / 1e6, totalFlush / 1e6 / flushes, totalAdd / 1e3 / Total, VisibleRows,
              worstPaint / 1e6);
    }
};

QTEST_GUILESS_MAIN(TestTrafficLog)
#include "tst_trafficlog.moc"
