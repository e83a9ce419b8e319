// The workbench's side of recorded traffic: a message of the Traffic panel made a rule, copied,
// traffic made into mocks, and a recording from a real server.
#include "mockspanel.h"
#include "recorddialog.h"
#include "recordingwindow.h"
#include "serverfixture.h"
#include "testclient.h"
#include "testfiles.h"
#include "trafficlog.h"
#include "trafficpanel.h"
#include "windowfixture.h"
#include "yamleditor.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QRegularExpression>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QToolButton>
#include <QTreeWidget>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>
#include <QSslSocket>

#include <memory>

namespace {

constexpr int Wait = 15000; // ms: the tests share a loaded machine

const char *const Config = "# kept as it is\n"
                           "- websocket:\n"
                           "    path: /ws/t\n"
                           "    on-message:\n"
                           "      - pattern: ping\n"
                           "        response: pong\n"
                           "    on-unmatched:\n"
                           "      frames:\n"
                           "        - joined\n"
                           "        - response: welcome\n"
                           "          delay: 300ms\n";

// The real server a recording relays to.
const char *const Upstream = "- websocket:\n"
                             "    path: /ws/up/:room\n"
                             "    on-connect:\n"
                             "      response: 'hello {{path-params.room}}'\n"
                             "    on-message:\n"
                             "      - pattern: ping\n"
                             "        response: pong\n";

} // namespace

class TestUiRecording : public WindowFixture
{
    Q_OBJECT

private slots:
    // Right click on a frame, Create rule: the rule answers that message with what answered it,
    // is selected in the Mocks panel, and one Undo takes it back.
    void ruleFromAMessage()
    {
        const QString base = openAndStart(Config);
        QVERIFY(!base.isEmpty());
        const QString original = m_window->editor()->toPlainText();
        TestClient client;
        client.open(QUrl(base + QStringLiteral("/ws/t")));
        QVERIFY(client.waitForConnected(Wait));
        const QString message = QStringLiteral(R"({"type": "join", "room": "blue"})");
        client.socket().sendTextMessage(message);
        QTRY_COMPARE_WITH_TIMEOUT(client.messages().size(), 2, Wait);

        TrafficPanel *panel = m_window->trafficPanel();
        QVERIFY(!panel->createRuleAction()->isEnabled()); // nothing selected yet
        QVERIFY(panel->messagesView()->actions().contains(panel->createRuleAction()));
        QCOMPARE(panel->messagesView()->contextMenuPolicy(), Qt::ActionsContextMenu);
        selectMessage(panel, TrafficEvent::Kind::Sent, QStringLiteral("welcome"));
        QVERIFY(!panel->createRuleAction()->isEnabled()); // the server's frame makes no rule
        panel->copyPayloadAction()->trigger();
        QCOMPARE(QApplication::clipboard()->text(), QStringLiteral("welcome"));

        selectMessage(panel, TrafficEvent::Kind::Unmatched, message);
        panel->copyJsonAction()->trigger();
        const QString json = QApplication::clipboard()->text();
        QVERIFY2(json.startsWith(QLatin1Char('{')) && json.contains(QStringLiteral("\"in\""))
                     && json.contains(QStringLiteral("blue")),
                 qPrintable(json));
        QVERIFY(panel->createRuleAction()->isEnabled());
        panel->createRuleAction()->trigger();

        const QString text = m_window->editor()->toPlainText();
        // Added after the last rule, the rest kept as it was.
        const QString rest = QStringLiteral("    on-unmatched:\n");
        const qsizetype at = original.indexOf(rest);
        QVERIFY2(text.startsWith(original.left(at)) && text.endsWith(original.mid(at)),
                 qPrintable(text));
        const QString added = text.mid(at, text.size() - original.size());
        QVERIFY2(added.contains(QStringLiteral(R"(- pattern: '{"room":"blue","type":"join"}')")),
                 qPrintable(added));
        QVERIFY2(added.contains(QRegularExpression(
                     QStringLiteral("frames:\\n\\s+- joined\\n\\s+- response: welcome\\n"
                                    "\\s+delay: \\d+ms\\n"))),
                 qPrintable(added));
        QVERIFY2(m_window->diagnostics().isEmpty(), qPrintable(text));
        const MocksPanel::Selection selected = m_window->mocksPanel()->selection();
        QCOMPARE(int(selected.type), int(MocksPanel::ItemType::Rule));
        QCOMPARE(selected.endpoint, 0);
        QCOMPARE(selected.rule, 1);
        QCOMPARE(m_window->lastGoodSpec()->endpoints.at(0).rules.size(), 2);

        m_window->editor()->undo();
        QCOMPARE(m_window->editor()->toPlainText(), original);

        // A binary frame: a rule for the bytes it starts with.
        client.socket().sendBinaryMessage(QByteArray("\x05\x06", 2));
        selectMessage(panel, TrafficEvent::Kind::Binary, QStringLiteral("05 06"));
        QVERIFY(panel->createRuleAction()->isEnabled());
        panel->createRuleAction()->trigger();
        const QString binary = m_window->editor()->toPlainText();
        QVERIFY2(binary.contains(QStringLiteral("- binary: {hex-prefix: '0506'}\n")),
                 qPrintable(binary));
        QVERIFY2(m_window->diagnostics().isEmpty(), qPrintable(binary));
        QVERIFY(m_window->lastGoodSpec()->endpoints.at(0).rules.at(1).matchesBinary);
        m_window->editor()->undo();
        QCOMPARE(m_window->editor()->toPlainText(), original);
    }

    // A recording relays to the real server and shows it live; Stop closes the connections;
    // a message makes a rule on a new endpoint; the traffic makes mocks that answer the same.
    void recordThenMakeRuleAndMocks()
    {
        ServerFixture upstream;
        QVERIFY(upstream.start(specFromYaml(QString::fromUtf8(Upstream))));
        const QString path = m_dir.filePath(QStringLiteral("mocks.yml"));
        writeFile(path, Config);
        QVERIFY(m_window->openFile(path));
        RecordingWindow *recording
            = m_window->startRecording(upstream.url(QString()), 0, UpstreamCertificate::Verify);
        QVERIFY(recording);
        std::unique_ptr<QWidget> owned(recording);
        recording->show();
        QVERIFY(recording->isRecording());
        QVERIFY2(recording->statusText().contains(QString::number(recording->port())),
                 qPrintable(recording->statusText()));

        TestClient client;
        client.open(QUrl(QStringLiteral("ws://127.0.0.1:%1/ws/up/red").arg(recording->port())));
        QVERIFY(client.waitForConnected(Wait));
        QTRY_COMPARE_WITH_TIMEOUT(client.messages().size(), 1, Wait);
        QCOMPARE(client.messages().constFirst(), QStringLiteral("hello red"));
        client.socket().sendTextMessage(QStringLiteral("ping"));
        QTRY_COMPARE_WITH_TIMEOUT(client.messages().size(), 2, Wait);

        TrafficPanel *panel = recording->trafficPanel();
        selectMessage(panel, TrafficEvent::Kind::Sent, QStringLiteral("pong"));
        selectMessage(panel, TrafficEvent::Kind::Received, QStringLiteral("ping"));
        panel->createRuleAction()->trigger();
        const QString withRule = m_window->editor()->toPlainText();
        QVERIFY2(withRule.contains(QStringLiteral("- websocket:\n    path: /ws/up/red\n"
                                                  "    on-message:\n      - pattern: ping\n"
                                                  "        response: pong\n")),
                 qPrintable(withRule));
        QCOMPARE(m_window->mocksPanel()->selection().endpoint, 1);
        m_window->editor()->undo();
        QVERIFY(!m_window->isModified());

        QTest::mouseClick(recording->stopButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(client.isDisconnected(), Wait);
        QCOMPARE(client.socket().closeCode(), QWebSocketProtocol::CloseCodeGoingAway);
        QTRY_VERIFY_WITH_TIMEOUT(!recording->isRecording(), Wait);
        QVERIFY(!recording->stopButton()->isEnabled());

        // Saved as a HAR file, it opens with the same frames.
        const QString har = m_dir.filePath(QStringLiteral("recorded.har"));
        QVERIFY2(panel->saveTraffic(har), qPrintable(panel->statusText()));
        QString error;
        std::unique_ptr<QWidget> opened(
            TrafficPanel::openSaved(har, m_window.get(), &error)->window());
        auto *openedPanel = opened->findChild<TrafficPanel *>();
        QStringList frames;
        QAbstractItemModel *rows = openedPanel->messagesView()->model();
        for (int row = 0; row < rows->rowCount(); ++row)
            frames << rows->index(row, MessageLogModel::Direction).data().toString()
                    + QLatin1Char(' ')
                    + rows->index(row, MessageLogModel::Payload).data().toString();
        QCOMPARE(frames.mid(1),
                 QStringList({ QStringLiteral("out hello red"), QStringLiteral("in ping"),
                               QStringLiteral("out pong") }));

        // The document was changed: Create mocks asks first, and Cancel keeps it.
        m_window->editor()->appendPlainText(QStringLiteral("# mine"));
        const QString mine = m_window->editor()->toPlainText();
        QTimer::singleShot(0, this, [] {
            auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
            if (box)
                box->button(QMessageBox::Cancel)->click();
        });
        panel->createMocksAction()->trigger();
        QCOMPARE(m_window->editor()->toPlainText(), mine);
        m_window->editor()->document()->setModified(false);

        auto *button = panel->findChild<QToolButton *>(QStringLiteral("createMocks"));
        QVERIFY(button && button->isVisible());
        QTest::mouseClick(button, Qt::LeftButton);
        const QString mocks = m_window->editor()->toPlainText();
        QVERIFY2(mocks.contains(QStringLiteral("path: '/ws/up/red'")), qPrintable(mocks));
        QVERIFY(m_window->isModified());
        QVERIFY(m_window->filePath().isEmpty());
        QVERIFY2(m_window->diagnostics().isEmpty(), qPrintable(mocks));
        // Served, the mocks answer as the real server did.
        m_window->setListenAddress(QStringLiteral("127.0.0.1"), 0);
        QVERIFY(m_window->startServer());
        TestClient replayed;
        replayed.open(QUrl(
            QStringLiteral("ws://127.0.0.1:%1/ws/up/red").arg(m_window->server()->serverPort())));
        QVERIFY(replayed.waitForConnected(Wait));
        QTRY_COMPARE_WITH_TIMEOUT(replayed.messages().size(), 1, Wait);
        QCOMPARE(replayed.ask(QStringLiteral("ping"), Wait), QStringLiteral("pong"));
        QCOMPARE(replayed.messages(), client.messages());
    }

    // A wss:// upstream with a self-signed certificate: refused unless accepted.
    void selfSignedUpstream_data()
    {
        QTest::addColumn<UpstreamCertificate>("certificate");
        QTest::addColumn<bool>("relayed");
        QTest::newRow("verified") << UpstreamCertificate::Verify << false;
        QTest::newRow("accepted") << UpstreamCertificate::AcceptSelfSigned << true;
    }
    void selfSignedUpstream()
    {
        QFETCH(UpstreamCertificate, certificate);
        QFETCH(bool, relayed);
        if (!QSslSocket::supportsSsl())
            QSKIP("no TLS support");
        const QString base = m_dir.filePath(QStringLiteral("upstream"));
        if (!makeSelfSignedPair(base))
            QSKIP("openssl could not make a key pair");
        QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
        tls.setLocalCertificate(QSslCertificate(readFile(base + QStringLiteral(".crt"))));
        tls.setPrivateKey(QSslKey(readFile(base + QStringLiteral(".key")), QSsl::Ec));
        tls.setPeerVerifyMode(QSslSocket::VerifyNone);
        ServerFixture upstream;
        upstream.server().setTlsConfiguration(tls);
        QVERIFY(upstream.start(specFromYaml(QString::fromUtf8(Upstream))));
        QVERIFY(upstream.server().isSecure());

        std::unique_ptr<RecordingWindow> recording(m_window->startRecording(
            QUrl(QStringLiteral("wss://127.0.0.1:%1").arg(upstream.port())), 0, certificate));
        QVERIFY(recording);
        TestClient client;
        client.open(QUrl(QStringLiteral("ws://127.0.0.1:%1/ws/up/tls").arg(recording->port())));
        if (relayed) {
            QTRY_COMPARE_WITH_TIMEOUT(client.messages().size(), 1, Wait);
            QCOMPARE(client.messages().constFirst(), QStringLiteral("hello tls"));
        } else {
            QTRY_VERIFY_WITH_TIMEOUT(client.isDisconnected(), Wait);
            QCOMPARE(client.socket().closeCode(), UpstreamRelay::UpstreamFailed);
            QVERIFY(client.messages().isEmpty());
        }
    }

    void recordDialogAsksForAServerUrl()
    {
        RecordDialog dialog;
        dialog.upstreamField()->setText(QStringLiteral("http://example.com"));
        QVERIFY(!dialog.problem().isEmpty());
        dialog.upstreamField()->setText(QStringLiteral("wss://example.com/api"));
        QVERIFY(dialog.problem().isEmpty());
        QCOMPARE(dialog.upstream(), QUrl(QStringLiteral("wss://example.com/api")));
        QCOMPARE(dialog.certificate(), UpstreamCertificate::Verify);
    }

    void recordingOnABusyPortIsRefused()
    {
        ServerFixture busy;
        QVERIFY(busy.start(specFromYaml(QString::fromUtf8(Upstream))));
        QVERIFY(!m_window->startRecording(QUrl(QStringLiteral("ws://127.0.0.1:1")), busy.port(),
                                          UpstreamCertificate::Verify));
    }
};

QTEST_MAIN(TestUiRecording)
#include "tst_ui_recording.moc"
