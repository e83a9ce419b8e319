#include "clientconnection.h"
#include "clientpanel.h"
#include "clienttab.h"
#include "mainwindow.h"
#include "recoverystore.h"
#include "serverfixture.h"
#include "testfiles.h"
#include "trafficlog.h"
#include "uitestapp.h"

#include <QComboBox>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTabWidget>
#include <QTableView>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

#include <memory>

namespace {

const char *const Config = "- websocket:\n"
                           "    path: /ws/echo\n"
                           "    on-connect:\n"
                           "      response: '{\"status\": \"connected\"}'\n"
                           "    on-message:\n"
                           "      - pattern: ping\n"
                           "        response: pong\n"
                           "      - pattern: whoami\n"
                           "        response: 'you are {{header-params.x-test | default nobody}}'\n"
                           "      - pattern: bye\n"
                           "        response: see you\n"
                           "        close: {code: 4000, reason: asked to leave}\n"
                           "      - binary: {hex-prefix: \"cafe\"}\n"
                           "        frames:\n"
                           "          - binary: 3q2+7w==\n"
                           "- websocket:\n"
                           "    path: /chat/:room\n"
                           "    subprotocols: [chat.v2, chat.v1]\n"
                           "    on-connect:\n"
                           "      response: 'room {{path-params.room}}'\n";

// Generous: the machine that runs the suite may be busy.
constexpr int Timeout = 15000;

using Entry = ClientTranscript::Entry;
using Kind = ClientTranscript::Kind;
using Direction = ClientTranscript::Direction;

// The transcript as "direction kind text" lines (events: their worded text).
QStringList lines(ClientConnection &connection)
{
    QStringList found;
    for (const Entry &entry : connection.transcript()->entries())
        found << ClientTranscript::directionText(entry.direction) + QLatin1Char(' ')
                + ClientTranscript::messageText(entry);
    return found;
}

} // namespace

class TestUiClient : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<ServerFixture> m_fixture;

    ClientConnection::Request request(const QString &pathAndQuery, const QString &subprotocols = {},
                                      const QString &headers = {})
    {
        QString problem;
        const auto made = ClientConnection::request(m_fixture->url(pathAndQuery).toString(),
                                                    subprotocols, headers, &problem);
        if (!made)
            qWarning("%s", qPrintable(problem));
        return made.value_or(ClientConnection::Request {});
    }

    // Opens a connection and waits for the greeting.
    void openEcho(ClientConnection &connection, const QString &headers = {})
    {
        connection.open(request(QStringLiteral("/ws/echo"), {}, headers));
        QTRY_COMPARE_WITH_TIMEOUT(connection.state(), ClientConnection::State::Open, Timeout);
        QTRY_COMPARE_WITH_TIMEOUT(connection.transcript()->rowCount(), 2, Timeout);
    }

private slots:
    void init()
    {
        m_fixture = std::make_unique<ServerFixture>();
        QVERIFY(m_fixture->start(specFromYaml(QString::fromUtf8(Config))));
    }
    void cleanup() { m_fixture.reset(); }

    void greetingAndPingPong()
    {
        ClientConnection connection;
        openEcho(connection);
        QVERIFY(connection.sendText(QStringLiteral("ping")));
        QTRY_COMPARE_WITH_TIMEOUT(connection.transcript()->rowCount(), 4, Timeout);
        QCOMPARE(lines(connection),
                 QStringList({ QStringLiteral(" Connected"),
                               QStringLiteral("received {\"status\": \"connected\"}"),
                               QStringLiteral("sent ping"), QStringLiteral("received pong") }));
        // In order, each with its time.
        const QList<Entry> &entries = connection.transcript()->entries();
        for (qsizetype row = 1; row < entries.size(); ++row)
            QVERIFY(entries.at(row - 1).time <= entries.at(row).time);
        QVERIFY(!connection.transcript()
                     ->index(0, ClientTranscript::TimeColumn)
                     .data()
                     .toString()
                     .isEmpty());
    }

    void binaryRoundTrip_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("encoding");
        QTest::newRow("hex") << QStringLiteral("ca fe 01") << int(ClientConnection::Encoding::Hex);
        QTest::newRow("base64") << QStringLiteral("yv4B")
                                << int(ClientConnection::Encoding::Base64);
    }
    void binaryRoundTrip()
    {
        QFETCH(QString, text);
        QFETCH(int, encoding);
        ClientConnection connection;
        openEcho(connection);
        QString problem;
        const std::optional<QByteArray> bytes
            = ClientConnection::binary(text, ClientConnection::Encoding(encoding), &problem);
        QVERIFY2(bytes, qPrintable(problem));
        QCOMPARE(*bytes, QByteArray::fromHex("cafe01"));
        QVERIFY(connection.sendBinary(*bytes));
        QTRY_COMPARE_WITH_TIMEOUT(connection.transcript()->rowCount(), 4, Timeout);
        const Entry received = connection.transcript()->entries().at(3);
        QCOMPARE(received.direction, Direction::Received);
        QCOMPARE(received.kind, Kind::Binary);
        QCOMPARE(received.payload, QByteArray::fromHex("deadbeef"));
        QCOMPARE(ClientTranscript::messageText(received),
                 QStringLiteral("binary, 4 bytes: de ad be ef"));
    }

    void badBinaryIsRefused()
    {
        QString problem;
        QVERIFY(!ClientConnection::binary(QStringLiteral("cafe0"), ClientConnection::Encoding::Hex,
                                          &problem));
        QVERIFY(problem.contains(QStringLiteral("hex")));
        QVERIFY(!ClientConnection::binary(QStringLiteral("**"), ClientConnection::Encoding::Base64,
                                          &problem));
        QVERIFY(problem.contains(QStringLiteral("base64")));
    }

    void subprotocolNegotiated()
    {
        ClientConnection connection;
        connection.open(request(QStringLiteral("/chat/lobby"), QStringLiteral(" chat.v1 , x.v9")));
        QTRY_COMPARE_WITH_TIMEOUT(connection.state(), ClientConnection::State::Open, Timeout);
        QCOMPARE(connection.subprotocol(), QStringLiteral("chat.v1"));
        QTRY_COMPARE_WITH_TIMEOUT(connection.transcript()->rowCount(), 2, Timeout);
        QCOMPARE(lines(connection),
                 QStringList({ QStringLiteral(" Connected, subprotocol chat.v1"),
                               QStringLiteral("received room lobby") }));
    }

    void headerReachesTheMock()
    {
        ClientConnection connection;
        openEcho(connection, QStringLiteral("X-Test: hello there\n\nAccept-Language: pt-BR\n"));
        connection.sendText(QStringLiteral("whoami"));
        QTRY_COMPARE_WITH_TIMEOUT(connection.transcript()->rowCount(), 4, Timeout);
        QCOMPARE(lines(connection).last(), QStringLiteral("received you are hello there"));
    }

    void badRequestFields_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("headers");
        QTest::addColumn<QString>("problem");
        QTest::newRow("http") << QStringLiteral("http://127.0.0.1:1/") << QString()
                              << QStringLiteral("not a ws:// or wss:// URL");
        QTest::newRow("no host") << QStringLiteral("ws://") << QString()
                                 << QStringLiteral("not a ws:// or wss:// URL");
        QTest::newRow("header") << QStringLiteral("ws://127.0.0.1:1/") << QStringLiteral("X Test")
                                << QStringLiteral("'X Test' is not a header line");
    }
    void badRequestFields()
    {
        QFETCH(QString, url);
        QFETCH(QString, headers);
        QFETCH(QString, problem);
        QString found;
        QVERIFY(!ClientConnection::request(url, {}, headers, &found));
        QVERIFY2(found.contains(problem), qPrintable(found));
    }

    void closedByTheMockShowsCodeAndReason()
    {
        ClientConnection connection;
        openEcho(connection);
        connection.sendText(QStringLiteral("bye"));
        QTRY_COMPARE_WITH_TIMEOUT(connection.state(), ClientConnection::State::Closed, Timeout);
        QCOMPARE(lines(connection).mid(3),
                 QStringList({ QStringLiteral("received see you"),
                               QStringLiteral(" Closed with code 4000: asked to leave") }));
    }

    void closedByTheClient()
    {
        ClientConnection connection;
        openEcho(connection);
        connection.close(QWebSocketProtocol::CloseCodeNormal, QStringLiteral("done"));
        QTRY_COMPARE_WITH_TIMEOUT(connection.state(), ClientConnection::State::Closed, Timeout);
        QTRY_COMPARE_WITH_TIMEOUT(m_fixture->eventsOf(TrafficEvent::Kind::Closed).size(), 1,
                                  Timeout);
        QCOMPARE(m_fixture->eventsOf(TrafficEvent::Kind::Closed).first().closeCode, 1000);
        QVERIFY(!connection.sendText(QStringLiteral("ping")));
    }

    void refusedAndUnknownHostShowAnError_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("error");
        QTcpServer closed; // a port nothing listens on once it is closed
        QVERIFY(closed.listen(QHostAddress::LocalHost));
        const quint16 port = closed.serverPort();
        closed.close();
        QTest::newRow("refused") << QStringLiteral("ws://127.0.0.1:%1/ws/echo").arg(port)
                                 << QStringLiteral("Error: Connection refused");
        QTest::newRow("unknown host") << QStringLiteral("ws://no-such-host.invalid/ws/echo")
                                      << QStringLiteral("Error: Host not found");
    }
    void refusedAndUnknownHostShowAnError()
    {
        QFETCH(QString, url);
        QFETCH(QString, error);
        ClientTab tab(url);
        QVERIFY(tab.connectToServer());
        QTRY_COMPARE_WITH_TIMEOUT(tab.connection()->state(), ClientConnection::State::Closed,
                                  Timeout);
        QCOMPARE(tab.statusText(), error);
        QCOMPARE(tab.connection()->transcript()->rowCount(), 1);
        QCOMPARE(tab.connectButton()->text(), QStringLiteral("Connect"));
    }

    // The dock as a person uses it: type, Ctrl+Enter, see the reply and the close.
    void tabSendsWithCtrlEnter()
    {
        ClientTab tab(m_fixture->url(QStringLiteral("/ws/echo")).toString());
        tab.show();
        QVERIFY(!tab.sendButton()->isEnabled());
        tab.connectButton()->click();
        QCOMPARE(tab.connectButton()->text(), QStringLiteral("Disconnect"));
        QTRY_COMPARE_WITH_TIMEOUT(tab.connection()->state(), ClientConnection::State::Open,
                                  Timeout);
        QVERIFY(tab.statusText().startsWith(QStringLiteral("Connected to ws://127.0.0.1:")));
        QTest::keyClicks(tab.messageField(), QStringLiteral("bye"));
        QTest::keyClick(tab.messageField(), Qt::Key_Return, Qt::ControlModifier);
        QVERIFY(tab.messageField()->toPlainText().isEmpty());
        QTRY_COMPARE_WITH_TIMEOUT(tab.statusText(),
                                  QStringLiteral("Closed with code 4000: asked to leave"), Timeout);
        QCOMPARE(tab.connectButton()->text(), QStringLiteral("Connect"));
        QCOMPARE(tab.transcriptView()->model()->rowCount(), 5);
        // Plain Enter is a line break in the message, not a send.
        QTest::keyClicks(tab.messageField(), QStringLiteral("a"));
        QTest::keyClick(tab.messageField(), Qt::Key_Return);
        QCOMPARE(tab.messageField()->toPlainText(), QStringLiteral("a\n"));
    }

    void tabRefusesBadHex()
    {
        ClientTab tab(m_fixture->url(QStringLiteral("/ws/echo")).toString());
        QVERIFY(tab.connectToServer());
        QTRY_COMPARE_WITH_TIMEOUT(tab.connection()->state(), ClientConnection::State::Open,
                                  Timeout);
        tab.formatField()->setCurrentIndex(int(ClientTab::Format::Hex));
        tab.messageField()->setPlainText(QStringLiteral("zz"));
        QVERIFY(!tab.send());
        QVERIFY(tab.statusText().startsWith(QStringLiteral("Not hex")));
        QCOMPARE(tab.messageField()->toPlainText(), QStringLiteral("zz"));
        tab.messageField()->setPlainText(QStringLiteral("cafe"));
        QVERIFY(tab.send());
        QTRY_COMPARE_WITH_TIMEOUT(tab.connection()->transcript()->rowCount(), 4, Timeout);
    }

    void twoTabsAtOnce()
    {
        ClientPanel panel;
        panel.setDefaultUrl(m_fixture->url(QStringLiteral("/ws/echo")).toString());
        QCOMPARE(panel.clientCount(), 1);
        panel.addButton()->click();
        QCOMPARE(panel.clientCount(), 2);
        QCOMPARE(panel.tabs()->currentIndex(), 1);
        ClientTab *first = panel.client(0);
        ClientTab *second = panel.client(1);
        QCOMPARE(second->urlField()->text(), first->urlField()->text());
        QVERIFY(first->connectToServer());
        QVERIFY(second->connectToServer());
        QTRY_COMPARE_WITH_TIMEOUT(m_fixture->server().connectionCount(), 2, Timeout);
        QTRY_COMPARE_WITH_TIMEOUT(second->connection()->transcript()->rowCount(), 2, Timeout);
        second->messageField()->setPlainText(QStringLiteral("ping"));
        QVERIFY(second->send());
        QTRY_COMPARE_WITH_TIMEOUT(second->connection()->transcript()->rowCount(), 4, Timeout);
        QCOMPARE(first->connection()->transcript()->rowCount(), 2);

        // Closing a tab closes its connection only, cleanly.
        emit panel.tabs()->tabCloseRequested(0);
        QCOMPARE(panel.clientCount(), 1);
        QTRY_COMPARE_WITH_TIMEOUT(m_fixture->server().connectionCount(), 1, Timeout);
        QTRY_COMPARE_WITH_TIMEOUT(m_fixture->eventsOf(TrafficEvent::Kind::Closed).size(), 1,
                                  Timeout);
        QCOMPARE(m_fixture->eventsOf(TrafficEvent::Kind::Closed).first().closeCode, 1001);
        QCOMPARE(second->connection()->state(), ClientConnection::State::Open);
    }

    // In the workbench: the dock's URL follows the server and the selected endpoint, and
    // its connection shows in the Traffic panel like any client's.
    void dockInTheWorkbench()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(QStringLiteral("mocks.yml"));
        writeFile(path, QByteArray(Config));
        MainWindow window;
        window.setRecoveryStore(RecoveryStore(dir.filePath(QStringLiteral("recovery"))));
        window.show();
        QVERIFY(window.openFile(path));
        window.setListenAddress(QStringLiteral("0.0.0.0"), 0);
        QVERIFY(window.startServer());
        ClientPanel *panel = window.clientPanel();
        const QString base = QStringLiteral("ws://127.0.0.1:%1").arg(window.server()->serverPort());
        QCOMPARE(panel->defaultUrl(), base + QStringLiteral("/ws/echo"));
        window.mocksPanel()->select({ MocksPanel::ItemType::Endpoint, 1, -1 });
        QCOMPARE(panel->defaultUrl(), base + QStringLiteral("/chat/:room"));
        ClientTab *tab = panel->client(0);
        QCOMPARE(tab->urlField()->text(), base + QStringLiteral("/chat/:room"));

        tab->urlField()->setText(base + QStringLiteral("/chat/kitchen"));
        tab->subprotocolsField()->setText(QStringLiteral("chat.v2"));
        QVERIFY(tab->connectToServer());
        QTRY_COMPARE_WITH_TIMEOUT(tab->connection()->transcript()->rowCount(), 2, Timeout);
        ConnectionsModel *connections = window.trafficLog()->connections();
        QTRY_COMPARE_WITH_TIMEOUT(connections->rowCount(), 1, Timeout);
        QCOMPARE(connections->index(0, ConnectionsModel::Path).data().toString(),
                 QStringLiteral("/chat/kitchen"));
        QTRY_COMPARE_WITH_TIMEOUT(connections->index(0, ConnectionsModel::Out).data().toInt(), 1,
                                  Timeout);
        tab->disconnectFromServer();
        QTRY_COMPARE_WITH_TIMEOUT(window.server()->connectionCount(), 0, Timeout);
    }
};

int main(int argc, char *argv[])
{
    UiTestApplication app(argc, argv, QStringLiteral("MocketClientTest"));
    app.useEnglishPlurals();
    TestUiClient test;
    return QTest::qExec(&test, argc, argv);
}
#include "tst_ui_client.moc"
