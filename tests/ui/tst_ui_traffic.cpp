#include "conversationbox.h"
#include "serverfixture.h"
#include "testclient.h"
#include "trafficdelegates.h"
#include "trafficlog.h"
#include "trafficpanel.h"

#include <QApplication>
#include <QComboBox>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTableView>
#include <QTest>
#include <QToolButton>

#include <memory>

namespace {

constexpr int Wait = 15000; // ms: the tests share a loaded machine

const char *const Config = "- websocket:\n"
                           "    path: /ws/t\n"
                           "    on-message:\n"
                           "      - pattern: ping\n"
                           "        response: pong\n"
                           "      - pattern: whoami\n"
                           "        when-state: in\n"
                           "        response: 'you are {{vars.user}}'\n"
                           "      - pattern: whoami\n"
                           "        response: nobody\n"
                           "      - pattern: 'keep (?<text>.*)'\n"
                           "        set: {kept: '{{text}}'}\n"
                           "      - binary: {hex-prefix: cafe}\n"
                           "        response: got cafe\n";

QPalette paletteWithBase(const QColor &base, const QColor &text)
{
    QPalette palette;
    palette.setColor(QPalette::Base, base);
    palette.setColor(QPalette::Text, text);
    return palette;
}

} // namespace

class TestUiTraffic : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<ServerFixture> m_fixture;
    std::unique_ptr<TrafficLog> m_log;
    std::unique_ptr<TrafficPanel> m_panel;

    TrafficPanel *panel() { return m_panel.get(); }

    template<typename Widget>
    Widget *child(const char *name)
    {
        auto *widget = m_panel->findChild<Widget *>(QLatin1String(name));
        if (!widget)
            qWarning("no %s in the Traffic panel", name);
        return widget;
    }

    void connectClient(TestClient &client)
    {
        client.open(m_fixture->url(QStringLiteral("/ws/t")));
        QVERIFY(client.waitForConnected(Wait));
    }

    QStringList shownPayloads()
    {
        QAbstractItemModel *view = m_panel->messagesView()->model();
        QStringList payloads;
        for (int row = 0; row < view->rowCount(); ++row)
            payloads.append(view->index(row, MessageLogModel::Payload).data().toString());
        return payloads;
    }

    QString selectedPayload()
    {
        const QModelIndexList rows = m_panel->messagesView()->selectionModel()->selectedRows();
        return rows.isEmpty()
            ? QString()
            : rows.first().siblingAtColumn(MessageLogModel::Payload).data().toString();
    }

private slots:
    void init()
    {
        m_fixture = std::make_unique<ServerFixture>();
        m_log = std::make_unique<TrafficLog>();
        m_log->attach(&m_fixture->server());
        m_log->messages()->setBatchInterval(0);
        QVERIFY(m_fixture->start(specFromYaml(QString::fromUtf8(Config))));
        m_panel = std::make_unique<TrafficPanel>(m_log.get(), &m_fixture->server());
        m_panel->resize(1200, 600);
        m_panel->show();
    }

    void cleanup()
    {
        m_panel.reset();
        m_log.reset();
        m_fixture.reset();
    }

    // The selected connection's state and values show, follow the rules' changes, and can be
    // set by hand; the client's next message is answered by the new state.
    void conversationSeenAndSetByHand()
    {
        TestClient alice;
        connectClient(alice);
        QCOMPARE(alice.ask(QStringLiteral("whoami")), QStringLiteral("nobody"));
        panel()->selectConnection(m_fixture->newestId());
        ConversationBox *box = panel()->conversationBox();
        QVERIFY(box);
        QCOMPARE(box->stateText(), QStringLiteral("start"));

        child<QLineEdit>("conversationState")->setText(QStringLiteral("in"));
        QTest::mouseClick(child<QPushButton>("setState"), Qt::LeftButton);
        child<QLineEdit>("conversationName")->setText(QStringLiteral("user"));
        child<QLineEdit>("conversationValue")->setText(QStringLiteral("carol"));
        QTest::mouseClick(child<QPushButton>("setValue"), Qt::LeftButton);
        QCOMPARE(box->valueLines(), QStringList { QStringLiteral("vars.user = carol") });
        QCOMPARE(alice.ask(QStringLiteral("whoami")), QStringLiteral("you are carol"));

        alice.socket().sendTextMessage(QStringLiteral("keep this"));
        QTRY_COMPARE_WITH_TIMEOUT(box->valueLines(),
                                  (QStringList { QStringLiteral("vars.kept = this"),
                                                 QStringLiteral("vars.user = carol") }),
                                  Wait);

        auto *scope = child<QComboBox>("conversationScope");
        scope->setCurrentIndex(scope->findData(QStringLiteral("shared")));
        child<QLineEdit>("conversationName")->setText(QStringLiteral("market"));
        child<QLineEdit>("conversationValue")->setText(QStringLiteral("open"));
        QTest::mouseClick(child<QPushButton>("setValue"), Qt::LeftButton);
        QCOMPARE(box->valueLines().constLast(), QStringLiteral("shared.market = open"));

        QVERIFY(box->removeValue(false, QStringLiteral("kept")));
        QCOMPARE(box->valueLines(),
                 (QStringList { QStringLiteral("vars.user = carol"),
                                QStringLiteral("shared.market = open") }));
        QVERIFY(!box->removeValue(false, QStringLiteral("kept")));
        QVERIFY(!box->statusText().isEmpty());
        QVERIFY(!box->setValue(false, QStringLiteral("big"), QString(64 * 1024 + 1, u'x')));
        QVERIFY(box->statusText().contains(QStringLiteral("65536")));

        alice.socket().close();
        QTRY_VERIFY_WITH_TIMEOUT(!child<QPushButton>("setState")->isEnabled(), Wait);
        QVERIFY(box->valueLines().isEmpty());
    }

    // After "Show all" the highlighted message is the one the details pane shows, and no
    // connection stays highlighted.
    void showAllKeepsSelectionInSync()
    {
        TestClient alice;
        TestClient bob;
        connectClient(alice);
        connectClient(bob);
        QCOMPARE(alice.ask(QStringLiteral("ping")), QStringLiteral("pong"));
        QCOMPARE(bob.ask(QStringLiteral("ping")), QStringLiteral("pong"));
        QTRY_COMPARE_WITH_TIMEOUT(m_log->messages()->rowCount(), 6, Wait);

        const quint64 aliceId = m_log->connections()
                                    ->index(0, 0)
                                    .data(ConnectionsModel::ConnectionIdRole)
                                    .toULongLong();
        panel()->selectConnection(aliceId);
        QTableView *messages = panel()->messagesView();
        QTRY_COMPARE(messages->model()->rowCount(), 3);
        messages->selectRow(1); // alice's ping
        QCOMPARE(selectedPayload(), QStringLiteral("ping"));
        QVERIFY(panel()->detailText().contains(QStringLiteral("ping")));

        auto *showAll = child<QToolButton>("showAll");
        QVERIFY(showAll);
        showAll->click();
        QCOMPARE(messages->model()->rowCount(), 6);
        QVERIFY(panel()->connectionsView()->selectionModel()->selectedRows().isEmpty());
        QVERIFY(!panel()->connectionsView()->selectionModel()->currentIndex().isValid());
        // The highlighted row is still alice's ping, and the details show it.
        QCOMPARE(selectedPayload(), QStringLiteral("ping"));
        const QModelIndex selected = messages->selectionModel()->selectedRows().value(0);
        QCOMPARE(selected.data(MessageLogModel::ConnectionIdRole).toULongLong(), aliceId);
        QVERIFY2(panel()->detailText().contains(QStringLiteral("connection #%1").arg(aliceId)),
                 qPrintable(panel()->detailText()));

        // Narrowed to bob, alice's row is gone: nothing highlighted, nothing detailed (not
        // bob's row that took its place).
        panel()->selectConnection(aliceId + 1);
        QCOMPARE(messages->model()->rowCount(), 3);
        QVERIFY2(messages->selectionModel()->selectedRows().isEmpty(),
                 qPrintable(selectedPayload() + QLatin1Char('/') + panel()->detailText()));
        QVERIFY(panel()->detailText().isEmpty());
    }

    // A closed connection is greyed out and in italics, its state "closed (code)".
    void closedConnectionsLookClosed()
    {
        TestClient open;
        TestClient leaving;
        connectClient(open);
        connectClient(leaving);
        leaving.socket().close(QWebSocketProtocol::CloseCodeGoingAway);
        ConnectionsModel *connections = m_log->connections();
        QTRY_COMPARE_WITH_TIMEOUT(connections->openCount(), 1, Wait);
        QCOMPARE(connections->index(1, ConnectionsModel::State).data().toString(),
                 QStringLiteral("closed (1001)"));

        QTableView *view = panel()->connectionsView();
        auto *delegate = dynamic_cast<TrafficRowDelegate *>(view->itemDelegate());
        QVERIFY(delegate);
        for (int column = 0; column < ConnectionsModel::ColumnCount; ++column) {
            QStyleOptionViewItem openCell;
            openCell.palette = view->palette();
            delegate->describe(&openCell, connections->index(0, column));
            QStyleOptionViewItem closedCell;
            closedCell.palette = view->palette();
            delegate->describe(&closedCell, connections->index(1, column));
            QVERIFY(!openCell.font.italic());
            QVERIFY(closedCell.font.italic());
            QVERIFY(openCell.palette.color(QPalette::Text)
                    != closedCell.palette.color(QPalette::Text));
            QCOMPARE(closedCell.palette.color(QPalette::Text),
                     view->palette().color(QPalette::PlaceholderText));
        }
    }

    // Each connection has its own colour, the same every time, readable on light and dark
    // bases; a swatch of it marks the connection in both tables.
    void connectionColours()
    {
        const QPalette light = paletteWithBase(Qt::white, Qt::black);
        const QPalette dark = paletteWithBase(QColor(0x1e, 0x1e, 0x1e), Qt::white);
        for (const QPalette &palette : { light, dark }) {
            for (quint64 id = 1; id <= 60; ++id) {
                const QColor color = connectionColor(id, palette);
                QCOMPARE(connectionColor(id, palette), color);
                QVERIFY2(contrastRatio(color, palette.color(QPalette::Base)) >= 3.0,
                         qPrintable(QStringLiteral("#%1: %2").arg(id).arg(color.name())));
                QVERIFY(color != connectionColor(id + 1, palette));
            }
        }

        TestClient client;
        connectClient(client);
        QCOMPARE(client.ask(QStringLiteral("ping")), QStringLiteral("pong"));
        QTRY_COMPARE_WITH_TIMEOUT(panel()->messagesView()->model()->rowCount(), 3, Wait);
        const quint64 id = m_log->connections()
                               ->index(0, 0)
                               .data(ConnectionsModel::ConnectionIdRole)
                               .toULongLong();
        const auto swatchColor = [](QAbstractItemView *view, const QModelIndex &index) {
            QStyleOptionViewItem option;
            option.palette = view->palette();
            auto *delegate = dynamic_cast<TrafficRowDelegate *>(view->itemDelegate());
            if (!delegate)
                return QRgb(0);
            delegate->describe(&option, index);
            if (!(option.features & QStyleOptionViewItem::HasDecoration) || option.icon.isNull())
                return QRgb(0);
            return option.icon.pixmap(option.decorationSize).toImage().pixelColor(5, 5).rgb();
        };
        const QRgb expected = connectionColor(id, panel()->connectionsView()->palette()).rgb();
        QTableView *connections = panel()->connectionsView();
        QCOMPARE(swatchColor(connections, connections->model()->index(0, ConnectionsModel::Id)),
                 expected);
        QTableView *messages = panel()->messagesView();
        QCOMPARE(swatchColor(messages, messages->model()->index(2, MessageLogModel::Connection)),
                 expected);
    }

    // The push editor takes several lines (Return is a new line, Ctrl+Enter sends) and pushes
    // binary frames written in hex or base64; the details show binary as a hex dump.
    void pushTextAndBinary()
    {
        TestClient client;
        connectClient(client);
        QTRY_COMPARE_WITH_TIMEOUT(m_log->connections()->rowCount(), 1, Wait);
        panel()->selectConnection(m_log->connections()
                                      ->index(0, 0)
                                      .data(ConnectionsModel::ConnectionIdRole)
                                      .toULongLong());
        auto *editor = child<QPlainTextEdit>("pushEditor");
        auto *format = child<QComboBox>("pushFormat");
        auto *broadcast = child<QPushButton>("broadcast");
        QVERIFY(editor && format && broadcast);

        editor->setFocus();
        QTest::keyClicks(editor, QStringLiteral("line 1"));
        QTest::keyClick(editor, Qt::Key_Return);
        QTest::keyClicks(editor, QStringLiteral("line 2"));
        QCOMPARE(editor->toPlainText(), QStringLiteral("line 1\nline 2"));
        QVERIFY(client.messages().isEmpty());
        QTest::keyClick(editor, Qt::Key_Return, Qt::ControlModifier);
        QTRY_COMPARE_WITH_TIMEOUT(client.messages().size(), 1, Wait);
        QCOMPARE(client.messages().first(), QStringLiteral("line 1\nline 2"));

        format->setCurrentIndex(format->findData(QStringLiteral("hex")));
        QVERIFY(!broadcast->isEnabled()); // broadcasts are text
        editor->setPlainText(QStringLiteral("01 02 ff\n41"));
        QTest::keyClick(editor, Qt::Key_Enter, Qt::ControlModifier);
        QTRY_COMPARE_WITH_TIMEOUT(client.binaries().size(), 1, Wait);
        QCOMPARE(client.binaries().first(), QByteArray("\x01\x02\xff\x41", 4));

        editor->setPlainText(QStringLiteral("0g"));
        QTest::keyClick(editor, Qt::Key_Return, Qt::ControlModifier);
        QVERIFY2(panel()->statusText().contains(QStringLiteral("hex")),
                 qPrintable(panel()->statusText()));

        format->setCurrentIndex(format->findData(QStringLiteral("base64")));
        editor->setPlainText(QStringLiteral("AQL/QQ=="));
        QTest::keyClick(editor, Qt::Key_Return, Qt::ControlModifier);
        QTRY_COMPARE_WITH_TIMEOUT(client.binaries().size(), 2, Wait);
        QCOMPARE(client.binaries().at(1), QByteArray("\x01\x02\xff\x41", 4));
        QCOMPARE(client.binaries().size(), 2); // the bad hex sent nothing

        format->setCurrentIndex(format->findData(QStringLiteral("text")));
        QVERIFY(broadcast->isEnabled());

        // The binary frame in the details: offset, hex and ASCII columns.
        QTableView *messages = panel()->messagesView();
        QTRY_COMPARE_WITH_TIMEOUT(messages->model()->rowCount(), 4, Wait);
        messages->selectRow(3);
        QVERIFY2(panel()->detailText().contains(QStringLiteral(
                     "00000000  01 02 ff 41                                       |...A|")),
                 qPrintable(panel()->detailText()));
    }

    // Several connections chosen at once (Ctrl+click): their messages side by side, a push
    // and a close reach each of them and no other, and Create mocks takes only their traffic.
    void severalConnectionsChosen()
    {
        TestClient first;
        TestClient second;
        TestClient other;
        for (TestClient *client : { &first, &second, &other }) {
            connectClient(*client);
            QCOMPARE(client->ask(QStringLiteral("ping"), Wait), QStringLiteral("pong"));
        }
        QCOMPARE(first.ask(QStringLiteral("keep first"), 500), QString());
        QCOMPARE(other.ask(QStringLiteral("keep other"), 500), QString());
        QTRY_COMPARE_WITH_TIMEOUT(m_log->connections()->rowCount(), 3, Wait);

        QTableView *connections = panel()->connectionsView();
        const auto clickRow = [connections](int row, Qt::KeyboardModifiers modifiers) {
            const QRect cell = connections->visualRect(connections->model()->index(row, 1));
            QTest::mouseClick(connections->viewport(), Qt::LeftButton, modifiers, cell.center());
        };
        clickRow(0, Qt::NoModifier);
        clickRow(1, Qt::ControlModifier);
        const QList<quint64> chosen = panel()->selectedConnections();
        QCOMPARE(chosen.size(), 2);
        QCOMPARE(panel()->selectedConnection(), quint64(0)); // not one: no single conversation
        QVERIFY(!panel()->conversationBox()->isVisible());
        const QStringList shown = shownPayloads();
        QVERIFY2(shown.contains(QStringLiteral("keep first")), qPrintable(shown.join(u'|')));
        QVERIFY2(!shown.contains(QStringLiteral("keep other")), qPrintable(shown.join(u'|')));

        auto *editor = child<QPlainTextEdit>("pushEditor");
        QVERIFY(editor);
        editor->setPlainText(QStringLiteral("to you two"));
        QTest::keyClick(editor, Qt::Key_Return, Qt::ControlModifier);
        QTRY_VERIFY_WITH_TIMEOUT(first.messages().contains(QStringLiteral("to you two"))
                                     && second.messages().contains(QStringLiteral("to you two")),
                                 Wait);
        QVERIFY2(panel()->statusText().contains(QLatin1Char('2')),
                 qPrintable(panel()->statusText()));

        QList<TrafficEvent> requested;
        connect(panel(), &TrafficPanel::mocksRequested, this,
                [&requested](const QList<TrafficEvent> &events) { requested = events; });
        panel()->createMocksAction()->trigger();
        QVERIFY(!requested.isEmpty());
        QSet<quint64> from;
        for (const TrafficEvent &event : requested)
            from.insert(event.connectionId);
        QCOMPARE(from, QSet<quint64>(chosen.begin(), chosen.end()));

        QVERIFY(panel()->closeSelected(4000, QStringLiteral("bye both")));
        QTRY_VERIFY_WITH_TIMEOUT(first.isDisconnected() && second.isDisconnected(), Wait);
        QCOMPARE(int(first.socket().closeCode()), 4000);
        QVERIFY(!other.isDisconnected());
        QCOMPARE(other.messages(), QStringList { QStringLiteral("pong") });
    }

    // The quick filters narrow the messages to what went in, what went out, what matched
    // nothing, or what was refused, together with the text filter.
    void quickFilters()
    {
        TestClient client;
        connectClient(client);
        QCOMPARE(client.ask(QStringLiteral("ping")), QStringLiteral("pong"));
        client.socket().sendTextMessage(QStringLiteral("nobody answers this"));
        TestClient refused;
        refused.open(m_fixture->url(QStringLiteral("/nowhere")));
        QTRY_COMPARE_WITH_TIMEOUT(m_log->messages()->rowCount(), 5, Wait);

        auto *in = child<QToolButton>("quickIn");
        auto *out = child<QToolButton>("quickOut");
        auto *unmatched = child<QToolButton>("quickUnmatched");
        auto *refusedButton = child<QToolButton>("quickRefused");
        QVERIFY(in && out && unmatched && refusedButton);
        QVERIFY(in->isCheckable());

        unmatched->click();
        QCOMPARE(shownPayloads(), QStringList { QStringLiteral("nobody answers this") });
        in->click();
        QCOMPARE(shownPayloads(),
                 (QStringList { QStringLiteral("ping"), QStringLiteral("nobody answers this") }));
        unmatched->click();
        in->click();
        out->click();
        QCOMPARE(shownPayloads(), QStringList { QStringLiteral("pong") });
        out->click();
        refusedButton->click();
        QCOMPARE(panel()->messagesView()->model()->rowCount(), 1);
        QCOMPARE(panel()
                     ->messagesView()
                     ->model()
                     ->index(0, 0)
                     .data(MessageLogModel::EventKindRole)
                     .toInt(),
                 int(TrafficEvent::Kind::Refused));
        refusedButton->click();
        QCOMPARE(panel()->messagesView()->model()->rowCount(), 5);
    }

    // A binary frame a rule answered reads like a text frame its rule answered (the rule by
    // its match, the row coloured as any message in); one no rule answered is unmatched, and
    // the Unmatched filter lists it.
    void binaryFramesShowTheirRule()
    {
        TestClient client;
        connectClient(client);
        QCOMPARE(client.ask(QStringLiteral("ping")), QStringLiteral("pong"));
        client.socket().sendBinaryMessage(QByteArray("\xca\xfe\x01", 3));
        QTRY_COMPARE_WITH_TIMEOUT(client.messages().size(), 2, Wait);
        QCOMPARE(client.messages().last(), QStringLiteral("got cafe"));
        client.socket().sendBinaryMessage(QByteArray("\x01\x02", 2));
        client.socket().sendTextMessage(QStringLiteral("nobody answers this"));
        QTableView *messages = panel()->messagesView();
        QAbstractItemModel *model = messages->model();
        QTRY_COMPARE_WITH_TIMEOUT(model->rowCount(), 7, Wait);
        const auto rowOf = [model](const QString &payload) {
            for (int row = 0; row < model->rowCount(); ++row) {
                if (model->index(row, MessageLogModel::Payload).data().toString() == payload)
                    return row;
            }
            return -1;
        };
        const auto cell = [model](int row, int column) { return model->index(row, column); };
        const int ping = rowOf(QStringLiteral("ping"));
        const int answered = rowOf(QStringLiteral("ca fe 01"));
        const int ignored = rowOf(QStringLiteral("01 02"));
        const int unmatchedText = rowOf(QStringLiteral("nobody answers this"));
        QVERIFY(ping >= 0 && answered >= 0 && ignored >= 0 && unmatchedText >= 0);
        QCOMPARE(cell(answered, MessageLogModel::Rule).data().toString(),
                 QStringLiteral("binary: ca fe"));
        QCOMPARE(cell(ignored, MessageLogModel::Rule).data().toString(),
                 cell(unmatchedText, MessageLogModel::Rule).data().toString());

        auto *delegate = dynamic_cast<TrafficRowDelegate *>(messages->itemDelegate());
        QVERIFY(delegate);
        const auto textColor = [messages, delegate](const QModelIndex &index) {
            QStyleOptionViewItem option;
            option.palette = messages->palette();
            delegate->describe(&option, index);
            return option.palette.color(QPalette::Text);
        };
        for (const int column : { int(MessageLogModel::Direction), int(MessageLogModel::Payload),
                                  int(MessageLogModel::Rule) }) {
            QCOMPARE(textColor(cell(answered, column)), textColor(cell(ping, column)));
            QCOMPARE(textColor(cell(ignored, column)), textColor(cell(unmatchedText, column)));
        }

        child<QToolButton>("quickUnmatched")->click();
        QCOMPARE(shownPayloads(),
                 (QStringList { QStringLiteral("01 02"), QStringLiteral("nobody answers this") }));
    }

    // A message the endpoint's fallback answered is unmatched, answered by on-unmatched: the
    // details say so rather than naming on-unmatched as its rule.
    void fallbackAnswerIsWorded()
    {
        m_log->messages()->addEvent(TrafficEvent::unmatched({ 1, QStringLiteral("/ws/t") },
                                                            QStringLiteral("nope"),
                                                            QStringLiteral("on-unmatched")));
        m_log->messages()->flush();
        QTableView *messages = panel()->messagesView();
        QTRY_COMPARE(messages->model()->rowCount(), 1);
        QCOMPARE(messages->model()->index(0, MessageLogModel::Rule).data().toString(),
                 QStringLiteral("unmatched"));
        messages->selectRow(0);
        const QString header = panel()->detailText().section(QLatin1Char('\n'), 0, 0);
        QVERIFY2(header.endsWith(QStringLiteral(" · unmatched · answered by on-unmatched")),
                 qPrintable(header));
    }
};

QTEST_MAIN(TestUiTraffic)
#include "tst_ui_traffic.moc"
