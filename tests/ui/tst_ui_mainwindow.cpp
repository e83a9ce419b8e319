#include "conversationform.h"
#include "exportdialog.h"
#include "httpform.h"
#include "mainwindow.h"
#include "mockspanel.h"
#include "replyform.h"
#include "sequenceform.h"
#include "serversettingsdialog.h"
#include "settings.h"
#include "testclient.h"
#include "testfiles.h"
#include "trafficlog.h"
#include "trafficpanel.h"
#include "tryitpanel.h"
#include "uitestapp.h"
#include "windowfixture.h"
#include "yamleditor.h"

#include <QApplication>
#include <QCheckBox>
#include <QGroupBox>
#include <QComboBox>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QMenu>
#include <QMessageBox>
#include <QSpinBox>
#include <QRegularExpression>
#include <QSplitter>
#include <QTableWidget>
#include <QTimer>
#include <QToolButton>
#include <QDir>
#include <QElapsedTimer>
#include <QProcess>
#include <QFile>
#include <QFileInfo>
#include <QLineEdit>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QPlainTextEdit>
#include <QTableView>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>
#include <QWebSocket>
#include <QTranslator>
#include <QTreeWidget>

#include <memory>

#include <csignal>
#include <cstdio>

namespace {

// The bundled echo example with a comment that no form edit may touch.
const char *const EchoConfig = "# Team mocks: keep this comment\n"
                               "- websocket:\n"
                               "    path: /ws/echo\n"
                               "    on-connect:\n"
                               "      response: '{\"status\": \"connected\"}'\n"
                               "    on-message:\n"
                               "      - pattern: \"ping\"   # the health check\n"
                               "        response: \"pong\"\n"
                               "      - pattern: '{\"echo\": \"{{json-params.echo}}\"}'\n"
                               "        response: '{\"echoed\": \"{{json-params.echo}}\"}'\n"
                               "- websocket:\n"
                               "    path: /ws/user/:username\n"
                               "    on-connect:\n"
                               "      response: 'Welcome, {{path-params.username}}!'\n";

} // namespace

class TestMainWindow : public WindowFixture
{
    Q_OBJECT

private:
    QString writeConfig(const QString &name, const QString &text)
    {
        const QString path = m_dir.filePath(name);
        writeFile(path, text.toUtf8());
        return path;
    }

    // Serves text as a config on a free port with changes applied as they are made; returns
    // the ws:// base URL.
    QString serveConfig(const QString &text)
    {
        const QString base = openAndStart(text.toUtf8());
        if (!base.isEmpty())
            m_window->setAutoApply(true);
        return base;
    }

    void connectClient(TestClient &client, const QString &url)
    {
        client.open(QUrl(url));
        QTRY_VERIFY_WITH_TIMEOUT(!client.messages().isEmpty(), 5000);
    }

private slots:
    void openStartAndWatchTraffic()
    {
        const QString base = openAndStart(EchoConfig);
        QVERIFY(!base.isEmpty());
        QVERIFY2(m_window->serverStatusText().contains(base),
                 qPrintable(m_window->serverStatusText()));
        QVERIFY(m_window->problemsView()->topLevelItemCount() == 0);

        TestClient client;
        connectClient(client, base + QStringLiteral("/ws/echo"));
        QCOMPARE(client.messages().at(0), QStringLiteral("{\"status\": \"connected\"}"));
        client.socket().sendTextMessage(QStringLiteral("ping"));
        QTRY_COMPARE(client.messages().size(), 2);
        QCOMPARE(client.messages().at(1), QStringLiteral("pong"));
        client.socket().sendTextMessage(QStringLiteral("no rule for this"));
        QVERIFY(m_window->serverStatusText().contains(QStringLiteral("1 connection")));

        // The connection, with its counts, in the connections view.
        ConnectionsModel *connections = m_window->trafficLog()->connections();
        QTRY_COMPARE(connections->rowCount(), 1);
        QTRY_COMPARE(connections->index(0, ConnectionsModel::In).data().toInt(), 2);
        QCOMPARE(connections->index(0, ConnectionsModel::Out).data().toInt(), 2);
        QCOMPARE(connections->index(0, ConnectionsModel::Path).data().toString(),
                 QStringLiteral("/ws/echo"));

        // Each frame in the messages view, with the rule that produced it.
        QAbstractItemModel *view = m_window->trafficPanel()->messagesView()->model();
        QStringList rules;
        QTRY_VERIFY_WITH_TIMEOUT(view->rowCount() >= 5, 3000);
        for (int row = 0; row < view->rowCount(); ++row)
            rules.append(
                view->index(row, MessageLogModel::Rule).data(MessageLogModel::RuleRole).toString()
                + QLatin1Char('|') + view->index(row, MessageLogModel::Payload).data().toString());
        QVERIFY2(rules.contains(QStringLiteral("on-connect|{\"status\": \"connected\"}")),
                 qPrintable(rules.join(QLatin1Char('\n'))));
        QVERIFY2(rules.contains(QStringLiteral("ping|ping")),
                 qPrintable(rules.join(QLatin1Char('\n'))));
        QVERIFY2(rules.contains(QStringLiteral("ping|pong")),
                 qPrintable(rules.join(QLatin1Char('\n'))));
        QVERIFY2(rules.contains(QStringLiteral("unmatched|no rule for this")),
                 qPrintable(rules.join(QLatin1Char('\n'))));
        const int last = view->rowCount() - 1;
        QCOMPARE(view->index(last, MessageLogModel::Rule).data().toString(),
                 QStringLiteral("unmatched"));

        // Selecting a message shows it in full in the detail pane.
        m_window->trafficPanel()->messagesView()->selectRow(last);
        QVERIFY(
            m_window->trafficPanel()->detailText().contains(QStringLiteral("no rule for this")));

        m_window->stopServer();
        QTRY_VERIFY_WITH_TIMEOUT(client.isDisconnected(), 5000);
        QCOMPARE(client.socket().closeCode(), QWebSocketProtocol::CloseCodeGoingAway);
    }

    void formEditKeepsCommentsAndUndoes()
    {
        const QString path = writeConfig(QStringLiteral("form.yml"), QString::fromUtf8(EchoConfig));
        QVERIFY(m_window->openFile(path));
        const QString original = m_window->editor()->toPlainText();
        MocksPanel *mocks = m_window->mocksPanel();
        mocks->select({ MocksPanel::ItemType::Rule, 0, 0 });
        QCOMPARE(mocks->patternField()->toPlainText(), QStringLiteral("ping"));
        QVERIFY(mocks->patternKindText().startsWith(QStringLiteral("Text")));

        mocks->responseField()->setPlainText(QStringLiteral("PONG!"));
        mocks->commitForms();
        const QString edited = m_window->editor()->toPlainText();
        QVERIFY(edited != original);
        QVERIFY(edited.contains(QStringLiteral("# Team mocks: keep this comment\n")));
        QVERIFY(edited.contains(QStringLiteral("# the health check")));
        // Only the response changed: the rest of the text is byte for byte the same.
        QString expected = original;
        expected.replace(QStringLiteral("response: \"pong\""), QStringLiteral("response: PONG!"));
        QCOMPARE(edited, expected);
        QVERIFY(m_window->isModified());
        QCOMPARE(m_window->lastGoodSpec()->endpoints.at(0).rules.at(0).response.source(),
                 QStringLiteral("PONG!"));

        // A path edit from the endpoint form.
        mocks->select({ MocksPanel::ItemType::Endpoint, 0, -1 });
        mocks->pathField()->setText(QStringLiteral("/ws/echo2"));
        mocks->commitForms();
        QVERIFY(m_window->editor()->toPlainText().contains(QStringLiteral("path: /ws/echo2\n")));

        // Undo in the editor takes each form edit back, one step each.
        m_window->editor()->undo();
        m_window->editor()->undo();
        QCOMPARE(m_window->editor()->toPlainText(), original);

        // Structural edits: add a rule, then remove it.
        mocks->select({ MocksPanel::ItemType::Endpoint, 1, -1 });
        mocks->addRule();
        QCOMPARE(m_window->lastGoodSpec()->endpoints.at(1).rules.size(), 1);
        QCOMPARE(mocks->selection().type, MocksPanel::ItemType::Rule);
        mocks->removeSelected();
        QCOMPARE(m_window->lastGoodSpec()->endpoints.at(1).rules.size(), 0);
        QVERIFY(m_window->editor()->toPlainText().contains(
            QStringLiteral("# Team mocks: keep this comment\n")));
    }

    // A message given before the window shows (the file opened at start) hides the server's
    // status while it lasts, instead of being drawn over it.
    void startMessageHidesTheStatus()
    {
        MainWindow fresh;
        QVERIFY(fresh.openFile(
            writeConfig(QStringLiteral("start.yml"), QString::fromUtf8(EchoConfig))));
        fresh.show();
        QVERIFY(QTest::qWaitForWindowExposed(&fresh));
        QTRY_VERIFY(!fresh.statusBar()->currentMessage().isEmpty());
        auto *status = fresh.findChild<QLabel *>(QStringLiteral("serverStatus"));
        QVERIFY(status);
        QVERIFY(!status->isVisible());
        fresh.statusBar()->clearMessage();
        QVERIFY(status->isVisible());
    }

    // The endpoint form's fallback reply writes on-unmatched (its tooltip names the key); the
    // running server answers a message no rule matches with it; emptied, the key goes; Undo
    // takes each edit back.
    void fallbackReplyFormWritesOnUnmatched()
    {
        const QString base = openAndStart(EchoConfig);
        QVERIFY(!base.isEmpty());
        m_window->setAutoApply(true);
        const QString original = m_window->editor()->toPlainText();
        MocksPanel *mocks = m_window->mocksPanel();
        mocks->select({ MocksPanel::ItemType::Endpoint, 0, -1 });
        QPlainTextEdit *fallback = mocks->fallbackField();
        QVERIFY(fallback);
        QVERIFY2(fallback->toolTip().startsWith(QStringLiteral("on-unmatched")),
                 qPrintable(fallback->toolTip()));
        QVERIFY(fallback->toPlainText().isEmpty());

        fallback->setPlainText(QStringLiteral("sorry: {{message}}"));
        mocks->commitForms();
        const QString edited = m_window->editor()->toPlainText();
        QVERIFY2(edited.contains(QStringLiteral("    on-unmatched:\n"
                                                "      response: 'sorry: {{message}}'\n")),
                 qPrintable(edited));
        QVERIFY(edited.contains(QStringLiteral("# the health check")));
        QVERIFY(m_window->lastGoodSpec()->endpoints.at(0).fallback.has_value());
        TestClient client;
        connectClient(client, base + QStringLiteral("/ws/echo"));
        QCOMPARE(client.ask(QStringLiteral("ping")), QStringLiteral("pong"));
        QCOMPARE(client.ask(QStringLiteral("hello?")), QStringLiteral("sorry: hello?"));

        // Shown again when the endpoint is chosen anew.
        mocks->select({ MocksPanel::ItemType::Endpoint, 1, -1 });
        QVERIFY(fallback->toPlainText().isEmpty());
        mocks->select({ MocksPanel::ItemType::Endpoint, 0, -1 });
        QCOMPARE(fallback->toPlainText(), QStringLiteral("sorry: {{message}}"));

        fallback->setPlainText(QString());
        mocks->commitForms();
        QVERIFY(!m_window->editor()->toPlainText().contains(QStringLiteral("on-unmatched")));
        m_window->editor()->undo();
        QVERIFY(m_window->editor()->toPlainText().contains(QStringLiteral("on-unmatched")));
        m_window->editor()->undo();
        QCOMPARE(m_window->editor()->toPlainText(), original);

        // A fallback that does more than answer with a text is left to the editor.
        m_window->editor()->setPlainText(original
                                         + QStringLiteral("    on-unmatched:\n"
                                                          "      response: later\n"
                                                          "      delay: 1s\n"));
        m_window->validateNow();
        mocks->select({ MocksPanel::ItemType::Endpoint, 1, -1 });
        QVERIFY(fallback->isReadOnly());
    }

    // The rule form's Enabled box writes `enabled: false` (and removes it again); the Mocks
    // tree greys a switched-off rule; one Undo takes the switch back.
    void enabledCheckboxSwitchesARule()
    {
        const QString path
            = writeConfig(QStringLiteral("switch.yml"), QString::fromUtf8(EchoConfig));
        QVERIFY(m_window->openFile(path));
        const QString original = m_window->editor()->toPlainText();
        MocksPanel *mocks = m_window->mocksPanel();
        mocks->select({ MocksPanel::ItemType::Rule, 0, 0 });
        QVERIFY(mocks->enabledField()->isChecked());
        const QColor normal = mocks->tree()->topLevelItem(0)->child(1)->foreground(0).color();

        mocks->enabledField()->setChecked(false);
        QString expected = original;
        expected.replace(QStringLiteral("        response: \"pong\"\n"),
                         QStringLiteral("        response: \"pong\"\n        enabled: false\n"));
        QCOMPARE(m_window->editor()->toPlainText(), expected);
        QVERIFY(!m_window->lastGoodSpec()->endpoints.at(0).rules.at(0).enabled);
        QTreeWidgetItem *rule = mocks->tree()->topLevelItem(0)->child(1);
        QCOMPARE(rule->foreground(0).color(),
                 mocks->tree()->palette().color(QPalette::Disabled, QPalette::Text));
        QVERIFY(rule->foreground(0).color() != normal);
        QVERIFY(!mocks->enabledField()->isChecked());

        m_window->editor()->undo();
        QCOMPARE(m_window->editor()->toPlainText(), original);
        QTRY_VERIFY_WITH_TIMEOUT(m_window->lastGoodSpec()->endpoints.at(0).rules.at(0).enabled,
                                 10000);

        // Switching it back on removes the key: on is the default.
        mocks->select({ MocksPanel::ItemType::Rule, 0, 0 });
        mocks->enabledField()->setChecked(false);
        mocks->enabledField()->setChecked(true);
        QCOMPARE(m_window->editor()->toPlainText(), original);
    }

    // A form edit the outline cannot make safely is refused with a word in the status bar,
    // and the text is left as it was.
    void refusedFormEditIsExplained()
    {
        const QString text = QStringLiteral("- websocket:\n    ? path\n    : /ws/a\n");
        QVERIFY(m_window->openFile(writeConfig(QStringLiteral("explicit.yml"), text)));
        MocksPanel *mocks = m_window->mocksPanel();
        mocks->select({ MocksPanel::ItemType::Endpoint, 0, -1 });
        mocks->greetingField()->setPlainText(QStringLiteral("hello"));
        mocks->commitForms();
        QCOMPARE(m_window->editor()->toPlainText(), text);
        QVERIFY2(m_window->statusBar()->currentMessage().contains(QStringLiteral("YAML editor")),
                 qPrintable(m_window->statusBar()->currentMessage()));

        // The path there can be set: that edit is safe.
        mocks->pathField()->setText(QStringLiteral("/ws/b"));
        mocks->commitForms();
        QCOMPARE(m_window->editor()->toPlainText(),
                 QStringLiteral("- websocket:\n    ? path\n    : /ws/b\n"));
    }

    void invalidEditKeepsServingLastGood()
    {
        const QString base = openAndStart(EchoConfig);
        QVERIFY(!base.isEmpty());
        TestClient client;
        connectClient(client, base + QStringLiteral("/ws/echo"));

        // Break the YAML: a rule without a response.
        YamlEditor *editor = m_window->editor();
        editor->setPlainText(editor->toPlainText().replace(
            QStringLiteral("        response: \"pong\"\n"), QString()));
        m_window->validateNow();
        QVERIFY(m_window->problemsView()->topLevelItemCount() >= 1);
        const QString problem = m_window->problemsView()->topLevelItem(0)->text(1);
        QVERIFY2(problem.contains(QStringLiteral("response")), qPrintable(problem));
        QVERIFY(!editor->markedLines().isEmpty());
        QVERIFY(!m_window->applyToServer());

        client.socket().sendTextMessage(QStringLiteral("ping"));
        QTRY_COMPARE(client.messages().size(), 2);
        QCOMPARE(client.messages().at(1), QStringLiteral("pong"));

        // A valid edit, auto-applied, changes the reply without dropping the connection.
        m_window->setAutoApply(true);
        QString text = QString::fromUtf8(EchoConfig);
        text.replace(QStringLiteral("response: \"pong\""), QStringLiteral("response: \"pong v2\""));
        editor->setPlainText(text);
        m_window->validateNow();
        client.socket().sendTextMessage(QStringLiteral("ping"));
        QTRY_COMPARE(client.messages().size(), 3);
        QCOMPARE(client.messages().at(2), QStringLiteral("pong v2"));
        QVERIFY(!client.isDisconnected());
        QCOMPARE(m_window->applyStatusText(), QStringLiteral("Applied to the running server"));

        // With Auto-apply on, an edit with errors is not applied, and the status bar says so
        // (and why) until it is fixed.
        editor->setPlainText(text.replace(QStringLiteral("response: \"pong v2\""),
                                          QStringLiteral("respons: \"pong v3\"")));
        m_window->validateNow();
        QVERIFY2(m_window->applyStatusText().startsWith(QStringLiteral("Not applied, line ")),
                 qPrintable(m_window->applyStatusText()));
        QVERIFY(m_window->applyStatusText().contains(QStringLiteral("last good config")));
        client.socket().sendTextMessage(QStringLiteral("ping"));
        QTRY_COMPARE(client.messages().size(), 4);
        QCOMPARE(client.messages().at(3), QStringLiteral("pong v2"));
        editor->setPlainText(text.replace(QStringLiteral("respons:"), QStringLiteral("response:")));
        m_window->validateNow();
        QCOMPARE(m_window->applyStatusText(), QStringLiteral("Applied to the running server"));

        // Without Auto-apply, a valid edit waits for Apply, and the status bar says that too.
        m_window->setAutoApply(false);
        editor->setPlainText(text.replace(QStringLiteral("pong v3"), QStringLiteral("pong v4")));
        m_window->validateNow();
        QVERIFY2(m_window->applyStatusText().contains(QStringLiteral("Apply serves")),
                 qPrintable(m_window->applyStatusText()));
    }

    void pushBroadcastAndClose()
    {
        const QString base = openAndStart(EchoConfig);
        QVERIFY(!base.isEmpty());
        TestClient a, b, echo;
        connectClient(a, base + QStringLiteral("/ws/user/a"));
        connectClient(b, base + QStringLiteral("/ws/user/b"));
        connectClient(echo, base + QStringLiteral("/ws/echo"));
        TrafficPanel *panel = m_window->trafficPanel();
        QTRY_COMPARE(m_window->trafficLog()->connections()->rowCount(), 3);

        QVERIFY(!panel->sendToSelected(QStringLiteral("nobody selected")));
        panel->selectConnection(1);
        QCOMPARE(panel->selectedConnection(), quint64(1));
        QVERIFY(panel->sendToSelected(QStringLiteral("just for a")));
        QTRY_COMPARE(a.messages().size(), 2);
        QCOMPARE(a.messages().at(1), QStringLiteral("just for a"));

        QCOMPARE(panel->broadcastFromSelected(QStringLiteral("to every user")), 2);
        QTRY_VERIFY(a.messages().size() == 3 && b.messages().size() == 2);
        QCOMPARE(b.messages().at(1), QStringLiteral("to every user"));

        QVERIFY(panel->closeSelected(4000, QStringLiteral("kicked")));
        QTRY_VERIFY_WITH_TIMEOUT(a.isDisconnected(), 5000);
        QCOMPARE(int(a.socket().closeCode()), 4000);
        QCOMPARE(a.socket().closeReason(), QStringLiteral("kicked"));
        QCOMPARE(echo.messages().size(), 1);
        QVERIFY(!b.isDisconnected() && !echo.isDisconnected());

        // All of it in the log, marked as pushes.
        MessageLogModel *log = m_window->trafficLog()->messages();
        log->flush();
        QStringList rules;
        for (int row = 0; row < log->rowCount(); ++row)
            rules.append(log->index(row, 0).data(MessageLogModel::RuleRole).toString());
        QVERIFY(rules.contains(QStringLiteral("push")));
        QCOMPARE(rules.count(QStringLiteral("broadcast")), 2);
    }

    // The Traffic panel saves its log as JSON lines and opens a saved one read-only, with
    // the same views and filters; a line that is not an event is skipped and counted.
    void trafficSavedAndOpenedReadOnly()
    {
        const QString base = openAndStart(EchoConfig);
        QVERIFY(!base.isEmpty());
        TestClient client;
        connectClient(client, base + QStringLiteral("/ws/echo"));
        client.socket().sendTextMessage(QStringLiteral("ping"));
        QTRY_COMPARE(client.messages().size(), 2);
        client.socket().sendTextMessage(QStringLiteral("nobody expects this"));
        ConnectionsModel *connections = m_window->trafficLog()->connections();
        QTRY_COMPARE(connections->index(0, ConnectionsModel::In).data().toInt(), 2);
        client.socket().close();
        QTRY_VERIFY(!connections->index(0, 0).data(ConnectionsModel::IsOpenRole).toBool());

        TrafficPanel *live = m_window->trafficPanel();
        const QString saved = m_dir.filePath(QStringLiteral("traffic.jsonl"));
        QVERIFY2(live->saveTraffic(saved), qPrintable(live->statusText()));
        MessageLogModel *liveLog = m_window->trafficLog()->messages();
        const QList<QByteArray> lines = readFile(saved).split('\n');
        QCOMPARE(lines.size() - 1, liveLog->rowCount()); // one line per event, each complete
        QVERIFY(lines.last().isEmpty());
        QVERIFY(live->statusText().contains(QStringLiteral("Saved")));
        QVERIFY(!live->saveTraffic(m_dir.filePath(QStringLiteral("no/such/dir/t.jsonl"))));
        QVERIFY(live->statusText().contains(QStringLiteral("Not saved")));

        // A broken line (a cut-off write) is skipped and said.
        QFile file(saved);
        QVERIFY(file.open(QIODevice::Append));
        file.write("{\"time\":\"12:00:00.000\",\"event\":\"rec\n");
        file.close();
        QString error;
        TrafficPanel *opened = TrafficPanel::openSaved(saved, m_window.get(), &error);
        QVERIFY2(opened, qPrintable(error));
        std::unique_ptr<QWidget> window(opened->window());
        QVERIFY(window->isWindow());
        QVERIFY(window->windowTitle().contains(QStringLiteral("traffic.jsonl")));
        QVERIFY(opened->isReadOnly());
        QVERIFY2(opened->statusText().contains(
                     QStringLiteral("traffic.jsonl:7: not a Mocket event line")),
                 qPrintable(opened->statusText()));
        window->show();
        for (auto *button : window->findChildren<QPushButton *>())
            QVERIFY2(!button->isVisible(), qPrintable(button->text())); // no push bar

        // The same rows, rules and connection as the live log. The log names a rule by its
        // place (the live view also shows its pattern, from the spec it served).
        QAbstractItemModel *view = opened->messagesView()->model();
        QCOMPARE(view->rowCount(), liveLog->rowCount());
        for (int row = 0; row < view->rowCount(); ++row) {
            for (int column : { int(MessageLogModel::Connection), int(MessageLogModel::Direction),
                                int(MessageLogModel::Payload) })
                QCOMPARE(view->index(row, column).data().toString(),
                         liveLog->index(row, column).data().toString());
            QCOMPARE(view->index(row, 0).data(MessageLogModel::RuleLabelRole).toString(),
                     liveLog->index(row, 0).data(MessageLogModel::RuleLabelRole).toString());
        }
        QAbstractItemModel *openedConnections = opened->connectionsView()->model();
        QCOMPARE(openedConnections->rowCount(), 1);
        QCOMPARE(openedConnections->index(0, ConnectionsModel::Path).data().toString(),
                 QStringLiteral("/ws/echo"));
        QCOMPARE(openedConnections->index(0, ConnectionsModel::In).data().toInt(), 2);
        QVERIFY(!openedConnections->index(0, 0).data(ConnectionsModel::IsOpenRole).toBool());

        // Filters work as on the live log.
        opened->messagesProxy()->setText(QStringLiteral("nobody expects"));
        QCOMPARE(view->rowCount(), 1);
        QCOMPARE(view->index(0, MessageLogModel::Rule).data().toString(),
                 QStringLiteral("unmatched"));

        QVERIFY(!TrafficPanel::openSaved(m_dir.filePath(QStringLiteral("missing.jsonl")),
                                         m_window.get(), &error));
        QVERIFY2(error.contains(QStringLiteral("missing.jsonl")), qPrintable(error));
    }

    // Server Settings (the same options as mocket-cli's) apply at the next start.
    void serverSettingsApplyAtStart()
    {
        ServerOptions options;
        options.maxConnections = 1;
        options.allowedOrigins = { QStringLiteral("http://good.example") };
        Settings().setServerOptions(options);
        const QString base = openAndStart(EchoConfig);
        Settings().setServerOptions(ServerOptions()); // back to the defaults for the other tests
        QVERIFY(!base.isEmpty());
        QCOMPARE(m_window->server()->maxConnections(), 1);
        TestClient first;
        connectClient(first, base + QStringLiteral("/ws/echo"));
        TestClient second;
        second.socket().open(QUrl(base + QStringLiteral("/ws/echo")));
        QTRY_VERIFY_WITH_TIMEOUT(second.isDisconnected()
                                     || second.socket().error()
                                         != QAbstractSocket::UnknownSocketError,
                                 5000);
        QVERIFY(second.messages().isEmpty());
        QCOMPARE(m_window->server()->allowedOrigins(),
                 QStringList { QStringLiteral("http://good.example") });

        // Unusable TLS files: the server does not start, and says why.
        m_window->stopServer();
        QTRY_VERIFY(!m_window->server()->isListening());
        options = ServerOptions();
        options.tlsCertificate = m_dir.filePath(QStringLiteral("missing.pem"));
        options.tlsKey = m_dir.filePath(QStringLiteral("missing.key"));
        Settings().setServerOptions(options);
        QVERIFY(!m_window->startServer());
        Settings().setServerOptions(ServerOptions());
        QVERIFY2(m_window->serverStatusText().contains(QStringLiteral("certificate")),
                 qPrintable(m_window->serverStatusText()));
    }

    void tryItShowsRuleAndReply()
    {
        QVERIFY(m_window->openFile(
            writeConfig(QStringLiteral("try.yml"), QString::fromUtf8(EchoConfig))));
        TryItPanel *tryIt = m_window->tryItPanel();
        tryIt->setPath(QStringLiteral("/ws/echo"));
        tryIt->setMessage(QStringLiteral("{\"echo\": \"say \\\"hi\\\"\"}"));
        QVERIFY2(tryIt->summary().contains(QStringLiteral("on-message[1]")),
                 qPrintable(tryIt->summary()));
        QCOMPARE(tryIt->reply(), QStringLiteral("{\"echoed\": \"say \\\"hi\\\"\"}"));
        tryIt->setPath(QStringLiteral("/nowhere"));
        QVERIFY(tryIt->summary().contains(QStringLiteral("404")));
    }

    // An HTTP endpoint picked in the Mocks tree is edited in its own form: each committed
    // field is one minimal edit of the YAML, and the server answers as the form now says.
    // The pushes box: "PATH MESSAGE" lines become the item's push list, and a hit on the
    // endpoint then sends the message to the WebSocket clients of that path.
    void httpEndpointFormPushes()
    {
        QVERIFY(m_window->openFile(examplePath(QStringLiteral("moclojer.yml"))));
        const QString original = m_window->editor()->toPlainText();
        MocksPanel *mocks = m_window->mocksPanel();
        const QList<QTreeWidgetItem *> rows
            = mocks->tree()->findItems(QStringLiteral("POST /first-post-route"), Qt::MatchExactly);
        QCOMPARE(rows.size(), 1);
        mocks->tree()->setCurrentItem(rows.first());
        HttpEndpointForm *form = mocks->httpForm();
        QVERIFY(form->pushesField()->toPlainText().isEmpty());

        form->pushesField()->setPlainText(QStringLiteral("ws/echo no slash"));
        QVERIFY2(form->problems().contains(QStringLiteral("Line 1")), qPrintable(form->problems()));
        mocks->commitForms();
        QCOMPARE(m_window->editor()->toPlainText(), original);

        form->pushesField()->setPlainText(
            QStringLiteral("/ws/echo {\"new-project\": \"{{json-params.project}}\"}"));
        mocks->commitForms();
        QString expected = original;
        // Appended as the endpoint map's last key, after its response.
        const QString body = QStringLiteral("        {\"project\": \"{{json-params.project}}\"}\n");
        QVERIFY(expected.contains(body));
        expected.replace(body,
                         body
                             + QStringLiteral("    push:\n      - path: /ws/echo\n"
                                              "        message: '{\"new-project\": "
                                              "\"{{json-params.project}}\"}'\n"));
        QCOMPARE(m_window->editor()->toPlainText(), expected);

        m_window->setListenAddress(QStringLiteral("127.0.0.1"), 0);
        QVERIFY(m_window->startServer());
        const quint16 port = m_window->server()->serverPort();
        QWebSocket client;
        client.open(QUrl(QStringLiteral("ws://127.0.0.1:%1/ws/echo").arg(port)));
        QStringList received;
        connect(&client, &QWebSocket::textMessageReceived, this,
                [&received](const QString &text) { received.append(text); });
        QTRY_COMPARE_WITH_TIMEOUT(received.size(), 1, 5000); // the greeting
        QNetworkAccessManager network;
        QNetworkRequest request(
            QUrl(QStringLiteral("http://127.0.0.1:%1/first-post-route").arg(port)));
        request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
        QNetworkReply *reply = network.post(request, R"({"project": "mocket"})");
        reply->setParent(&network);
        QTRY_COMPARE_WITH_TIMEOUT(received.size(), 2, 5000);
        QCOMPARE(received.at(1), QStringLiteral(R"({"new-project": "mocket"})"));
        QTRY_VERIFY_WITH_TIMEOUT(reply->isFinished(), 5000);

        form->pushesField()->clear();
        mocks->commitForms();
        QCOMPARE(m_window->editor()->toPlainText(), original);
    }

    void httpEndpointFormEditsAndServes()
    {
        QVERIFY(m_window->openFile(examplePath(QStringLiteral("moclojer.yml"))));
        const QString original = m_window->editor()->toPlainText();
        MocksPanel *mocks = m_window->mocksPanel();
        // HTTP rows are named by method and path, in file order before the websocket one.
        QTreeWidget *tree = mocks->tree();
        QCOMPARE(tree->topLevelItemCount(), 7);
        QCOMPARE(tree->topLevelItem(5)->text(0),
                 QStringLiteral("DELETE /user/:username/age/:age|int"));
        QCOMPARE(tree->topLevelItem(6)->text(0), QStringLiteral("/ws/echo"));
        const QList<QTreeWidgetItem *> rows
            = tree->findItems(QStringLiteral("GET /hello/:username"), Qt::MatchExactly);
        QCOMPARE(rows.size(), 1);
        tree->setCurrentItem(rows.first());
        QCOMPARE(mocks->selection().type, MocksPanel::ItemType::Http);

        HttpEndpointForm *form = mocks->httpForm();
        QVERIFY(form->isVisible());
        QCOMPARE(form->methodField()->currentText(), QStringLiteral("GET"));
        QCOMPARE(form->pathField()->text(), QStringLiteral("/hello/:username"));
        QCOMPARE(form->statusField()->value(), 200);
        QCOMPARE(form->headersField()->toPlainText(),
                 QStringLiteral("Content-Type: application/json"));
        QCOMPARE(form->bodyField()->toPlainText(),
                 QStringLiteral("{\n  \"hello\": \"{{path-params.username}}!\"\n}\n"));

        form->statusField()->setValue(201);
        form->bodyField()->setPlainText(QStringLiteral("created {{path-params.username}}"));
        mocks->commitForms();
        QString expected = original;
        expected.replace(QStringLiteral("      status: 200\n"),
                         QStringLiteral("      status: 201\n"));
        expected.replace(QStringLiteral("      body: >\n        {\n"
                                        "          \"hello\": \"{{path-params.username}}!\"\n"
                                        "        }\n"),
                         QStringLiteral("      body: 'created {{path-params.username}}'\n"));
        QCOMPARE(m_window->editor()->toPlainText(), expected);
        QCOMPARE(form->statusField()->value(), 201);

        // A delay the loader would refuse is shown next to its field and not written.
        QTest::keyClicks(form->delayField(), QStringLiteral("soon"));
        QVERIFY2(form->problems().contains(QStringLiteral("'delay' must be a duration")),
                 qPrintable(form->problems()));
        mocks->commitForms();
        QCOMPARE(m_window->editor()->toPlainText(), expected);
        form->delayField()->clear();

        m_window->setListenAddress(QStringLiteral("127.0.0.1"), 0);
        QVERIFY(m_window->startServer());
        QNetworkAccessManager network;
        QNetworkReply *reply
            = network.get(QNetworkRequest(QUrl(QStringLiteral("http://127.0.0.1:%1/hello/ana")
                                                   .arg(m_window->server()->serverPort()))));
        reply->setParent(&network);
        QTRY_VERIFY_WITH_TIMEOUT(reply->isFinished(), 5000);
        QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 201);
        QCOMPARE(reply->readAll(), QByteArray("created ana"));

        // Undo takes the form's edits back, one step each.
        m_window->editor()->undo();
        m_window->editor()->undo();
        QCOMPARE(m_window->editor()->toPlainText(), original);

        // "+ Endpoint" offers both kinds; the HTTP one is appended, selected, and removed.
        QMenu *menu = mocks->addEndpointButton()->menu();
        QVERIFY(menu);
        QCOMPARE(menu->actions().size(), 2);
        QCOMPARE(menu->actions().at(1)->text(), QStringLiteral("HTTP endpoint"));
        menu->actions().at(1)->trigger();
        const QString added = original
            + QStringLiteral("- endpoint:\n    method: GET\n    path: /new\n    response:\n"
                             "      status: 200\n      body: ok\n");
        QCOMPARE(m_window->editor()->toPlainText(), added);
        QCOMPARE(mocks->selection().type, MocksPanel::ItemType::Http);
        QCOMPARE(tree->currentItem()->text(0), QStringLiteral("GET /new"));
        QCOMPARE(form->pathField()->text(), QStringLiteral("/new"));
        mocks->removeSelected();
        QCOMPARE(m_window->editor()->toPlainText(), original);
    }

    void httpExchangeShowsInTraffic()
    {
        QVERIFY(m_window->openFile(examplePath(QStringLiteral("moclojer.yml"))));
        m_window->setListenAddress(QStringLiteral("127.0.0.1"), 0);
        QVERIFY(m_window->startServer());
        const quint16 port = m_window->server()->serverPort();

        QNetworkAccessManager network;
        const auto get = [&network, port](const QString &target) {
            QNetworkReply *reply = network.get(QNetworkRequest(
                QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(port).arg(target))));
            reply->setParent(&network);
            return reply;
        };
        QNetworkReply *hello = get(QStringLiteral("/hello/ana"));
        QNetworkReply *missing = get(QStringLiteral("/nowhere"));
        QTRY_VERIFY_WITH_TIMEOUT(hello->isFinished() && missing->isFinished(), 5000);
        QCOMPARE(hello->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
        QCOMPARE(missing->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 404);

        // Each exchange is a row: the method and target, its status, the endpoint that answered.
        TrafficPanel *panel = m_window->trafficPanel();
        QAbstractItemModel *view = panel->messagesView()->model();
        QTRY_COMPARE_WITH_TIMEOUT(view->rowCount(), 2, 3000);
        int helloRow = -1;
        int missingRow = -1;
        for (int row = 0; row < view->rowCount(); ++row) {
            const QString payload = view->index(row, MessageLogModel::Payload).data().toString();
            if (payload.startsWith(QStringLiteral("GET /hello/ana")))
                helloRow = row;
            else if (payload.startsWith(QStringLiteral("GET /nowhere")))
                missingRow = row;
        }
        QVERIFY(helloRow >= 0 && missingRow >= 0);
        QCOMPARE(view->index(helloRow, MessageLogModel::Connection).data().toString(),
                 QStringLiteral("HTTP"));
        QCOMPARE(view->index(helloRow, MessageLogModel::Direction).data().toString(),
                 QStringLiteral("200"));
        QCOMPARE(view->index(missingRow, MessageLogModel::Direction).data().toString(),
                 QStringLiteral("404"));
        QVERIFY2(view->index(helloRow, MessageLogModel::Rule)
                     .data()
                     .toString()
                     .startsWith(QStringLiteral("GET /hello/:username")),
                 qPrintable(view->index(helloRow, MessageLogModel::Rule).data().toString()));
        // HTTP requests open no WebSocket connection, so the connection counts stay as they were.
        QCOMPARE(m_window->trafficLog()->connections()->rowCount(), 0);

        // The detail pane shows the request and the response in full, the body indented.
        panel->messagesView()->selectRow(helloRow);
        const QString detail = panel->detailText();
        QVERIFY2(detail.contains(QStringLiteral("GET /hello/ana HTTP/1.1")), qPrintable(detail));
        QVERIFY2(detail.contains(QStringLiteral("HTTP/1.1 200 OK")), qPrintable(detail));
        QVERIFY2(detail.contains(QStringLiteral("Content-Type: application/json")),
                 qPrintable(detail));
        QVERIFY2(detail.contains(QStringLiteral("{\n    \"hello\": \"ana!\"\n}")),
                 qPrintable(detail));

        // The text filter finds an exchange by its target; a selected connection hides them.
        panel->messagesProxy()->setText(QStringLiteral("nowhere"));
        QCOMPARE(view->rowCount(), 1);
        QCOMPARE(view->index(0, MessageLogModel::Direction).data().toString(),
                 QStringLiteral("404"));
        panel->messagesProxy()->setText(QString());
        panel->messagesProxy()->setConnectionId(1);
        QCOMPARE(view->rowCount(), 0);
        panel->messagesProxy()->setConnectionId(0);
        QCOMPARE(view->rowCount(), 2);
    }

    void tryItAnswersHttpRequests()
    {
        QVERIFY(m_window->openFile(examplePath(QStringLiteral("moclojer.yml"))));
        TryItPanel *tryIt = m_window->tryItPanel();
        tryIt->showHttp();
        tryIt->setHttpRequest(QStringLiteral("GET"), QStringLiteral("/hello/ana"));
        QVERIFY2(tryIt->httpSummary().contains(QStringLiteral("GET /hello/:username")),
                 qPrintable(tryIt->httpSummary()));
        const QString hello = tryIt->httpResponse();
        QVERIFY2(hello.startsWith(QStringLiteral("HTTP/1.1 200 OK\n")), qPrintable(hello));
        QVERIFY2(hello.contains(QStringLiteral("Content-Type: application/json\n")),
                 qPrintable(hello));
        QVERIFY2(hello.endsWith(QStringLiteral("\n\n{\n  \"hello\": \"ana!\"\n}\n")),
                 qPrintable(hello));

        tryIt->setHttpRequest(QStringLiteral("GET"), QStringLiteral("/nowhere"));
        QVERIFY2(tryIt->httpResponse().startsWith(QStringLiteral("HTTP/1.1 404 Not Found\n")),
                 qPrintable(tryIt->httpResponse()));
        QVERIFY2(tryIt->httpSummary().contains(QStringLiteral("404")),
                 qPrintable(tryIt->httpSummary()));

        // /hello-world serves GET only: a PUT gets 405 and the methods it may use.
        tryIt->setHttpRequest(QStringLiteral("PUT"), QStringLiteral("/hello-world"),
                              QStringLiteral("Content-Type: application/json"),
                              QStringLiteral("{}"));
        const QString refused = tryIt->httpResponse();
        QVERIFY2(refused.startsWith(QStringLiteral("HTTP/1.1 405 Method Not Allowed\n")),
                 qPrintable(refused));
        QVERIFY2(refused.contains(QStringLiteral("\nAllow: GET")), qPrintable(refused));
        QVERIFY(tryIt->httpEffects().isEmpty());
    }

    void tryItShowsWhatAnHttpRequestSetsOff()
    {
        const char *const yaml = R"(- websocket:
    path: /ws/orders
- endpoint:
    method: POST
    path: /orders
    response:
      status: 201
      body: '{"id": {{json-params.id}}, "note": "{{json-params.note}}"}'
    push:
      - path: /ws/orders
        message: '{"event": "order-created", "id": {{json-params.id}}}'
    webhook:
      url: http://127.0.0.1:9/hook
      sleep-time: 0.2
      body: '{"created": {{json-params.id}}}'
)";
        QVERIFY(
            m_window->openFile(writeConfig(QStringLiteral("orders.yml"), QString::fromUtf8(yaml))));
        TryItPanel *tryIt = m_window->tryItPanel();
        tryIt->setHttpRequest(QStringLiteral("POST"), QStringLiteral("/orders"),
                              QStringLiteral("Content-Type: application/json\nnot a header"),
                              QStringLiteral("{\"id\": 7}"));
        QVERIFY2(tryIt->httpResponse().startsWith(QStringLiteral("HTTP/1.1 201 Created\n")),
                 qPrintable(tryIt->httpResponse()));
        QVERIFY2(tryIt->httpResponse().endsWith(QStringLiteral("{\"id\": 7, \"note\": \"\"}")),
                 qPrintable(tryIt->httpResponse()));
        const QString effects = tryIt->httpEffects();
        QVERIFY2(effects.contains(
                     QStringLiteral("/ws/orders: {\"event\": \"order-created\", \"id\": 7}")),
                 qPrintable(effects));
        QVERIFY2(effects.contains(QStringLiteral("200 ms")), qPrintable(effects));
        QVERIFY2(effects.contains(QStringLiteral("POST http://127.0.0.1:9/hook")),
                 qPrintable(effects));
        QVERIFY2(effects.contains(QStringLiteral("{\"created\": 7}")), qPrintable(effects));
        const QString summary = tryIt->httpSummary();
        QVERIFY2(summary.contains(QStringLiteral("json-params.note")), qPrintable(summary));
        QVERIFY2(summary.contains(QStringLiteral("not a header")), qPrintable(summary));
    }

    void exportWritesWhatItPromises()
    {
        const QString target = m_dir.filePath(QStringLiteral("ci/mocks.yml"));
        QDir().mkpath(m_dir.filePath(QStringLiteral("ci")));
        ExportDialog dialog(QString::fromUtf8(EchoConfig), target, QStringLiteral("127.0.0.1"),
                            9000);
        dialog.setWriteSnippets(true);
        dialog.setTestCommand(QStringLiteral("pytest -q tests/"));
        // The placeholder image is flagged until a real one is named; a .deb needs its URL.
        auto *status = dialog.findChild<QLabel *>(QStringLiteral("exportStatus"));
        QVERIFY(status);
        QVERIFY2(status->text().contains(QStringLiteral("container image")),
                 qPrintable(status->text()));
        dialog.setSource(CiExport::Source::DebianPackage);
        QVERIFY2(status->text().contains(QStringLiteral(".deb")), qPrintable(status->text()));
        dialog.setPackageUrl(QStringLiteral("https://example.com/mocket-cli.deb"));
        QCOMPARE(status->text(), QString());
        QStringList written;
        QVERIFY2(dialog.exportFiles(&written), qPrintable(dialog.errorString()));
        QCOMPARE(written.size(), 3);
        QFile yaml(target);
        QVERIFY(yaml.open(QIODevice::ReadOnly));
        QCOMPARE(QString::fromUtf8(yaml.readAll()), QString::fromUtf8(EchoConfig));
        QFile script(m_dir.filePath(QStringLiteral("ci/run-with-mocket.sh")));
        QVERIFY(script.open(QIODevice::ReadOnly));
        const QByteArray scriptText = script.readAll();
        QVERIFY2(scriptText.contains("exec mocket-cli run --quiet --control --fail-on-unmatched"),
                 scriptText.constData());
        QVERIFY(scriptText.contains("set -- sh -c 'pytest -q tests/'"));
        QVERIFY(scriptText.contains("curl -fsSLo \"$deb\" https://example.com/mocket-cli.deb"));
        QVERIFY(script.permissions() & QFile::ExeOwner);
        QCOMPARE(readFile(m_dir.filePath(QStringLiteral("ci/mocket-ci.yml"))),
                 dialog.snippets().workflow().toUtf8());
        QVERIFY(dialog.snippets().workflow().contains(QStringLiteral("container: debian:12")));

        // A second export asks before replacing; refusing leaves the file alone.
        ExportDialog again(QStringLiteral("- websocket:\n    path: /other\n"), target,
                           QStringLiteral("127.0.0.1"), 9000);
        QStringList asked;
        again.setConfirmOverwrite([&asked](const QString &path) {
            asked.append(path);
            return false;
        });
        QVERIFY(!again.exportFiles());
        QCOMPARE(asked, QStringList { target });
        QVERIFY(again.errorString().contains(QStringLiteral("left as it is")));
        yaml.close();
        QVERIFY(yaml.open(QIODevice::ReadOnly));
        QCOMPARE(QString::fromUtf8(yaml.readAll()), QString::fromUtf8(EchoConfig));
    }

    // Exporting onto the file that is open saves it: no "Replace it?", and the title is no
    // longer marked modified.
    void exportOntoTheOpenFileSavesIt()
    {
        const QString path = writeConfig(QStringLiteral("open.yml"), QString::fromUtf8(EchoConfig));
        QVERIFY(m_window->openFile(path));
        m_window->editor()->moveCursor(QTextCursor::End);
        m_window->editor()->insertPlainText(QStringLiteral("# edited\n"));
        QVERIFY(m_window->isModified());
        QVERIFY(m_window->isWindowModified());

        QStringList asked;
        bool accepted = false;
        QTimer watchdog; // a question box would block the test: answer No and record it
        connect(&watchdog, &QTimer::timeout, this, [&] {
            if (auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget())) {
                asked << box->text();
                box->reject();
            } else if (auto *dialog
                       = qobject_cast<ExportDialog *>(QApplication::activeModalWidget())) {
                if (accepted) { // still open: the export was refused
                    dialog->reject();
                    return;
                }
                accepted = true;
                QCOMPARE(dialog->targetPath(), path);
                QMetaObject::invokeMethod(dialog, "accept", Qt::QueuedConnection);
            }
        });
        watchdog.start(50);
        m_window->exportForCi();
        watchdog.stop();
        QVERIFY(accepted);
        QVERIFY2(asked.isEmpty(), qPrintable(asked.join(QLatin1Char('\n'))));
        QVERIFY(readFile(path).endsWith("# edited\n"));
        QVERIFY(!m_window->isModified());
        QVERIFY(!m_window->isWindowModified());
    }

    // Started without a file, the workbench reopens the last file worked on, or the example
    // when that file is gone.
    void relaunchReopensTheLastFile()
    {
        const QString path = writeConfig(QStringLiteral("last.yml"), QString::fromUtf8(EchoConfig));
        QVERIFY(m_window->openFile(path));
        MainWindow again;
        again.openLastOrExample();
        QCOMPARE(again.filePath(), QFileInfo(path).absoluteFilePath());
        QVERIFY(QFile::remove(path));
        MainWindow gone;
        gone.openLastOrExample();
        QVERIFY(gone.filePath().isEmpty());
        QVERIFY(gone.editor()->toPlainText().contains(QStringLiteral("/ws/echo")));
    }

    // The Traffic panel's splits are kept between sessions.
    void trafficSplitIsRemembered()
    {
        m_window->resize(1280, 800);
        auto *split = m_window->trafficPanel()->findChild<QSplitter *>();
        QVERIFY(split);
        QTRY_VERIFY(split->width() > 300);
        const int total = split->sizes().value(0) + split->sizes().value(1);
        split->setSizes({ total / 2, total - total / 2 });
        const QList<int> chosen = split->sizes();
        QVERIFY(m_window->close());
        MainWindow again;
        again.resize(1280, 800);
        again.show();
        auto *restored = again.trafficPanel()->findChild<QSplitter *>();
        QTRY_COMPARE(restored->sizes(), chosen);
    }

    // Problems name the column as well as the line.
    void problemsShowTheColumn()
    {
        m_window->editor()->setPlainText(
            QStringLiteral("- websocket:\n    path: /a\n    on-message:\n"
                           "      - pattern: x\n"));
        m_window->validateNow();
        QVERIFY(m_window->problemsView()->topLevelItemCount() >= 1);
        const QString where = m_window->problemsView()->topLevelItem(0)->text(0);
        QVERIFY2(QRegularExpression(QStringLiteral("^\\d+:\\d+$")).match(where).hasMatch(),
                 qPrintable(where));
    }

    // "+ Endpoint" adds it at the end of the file, and the editor shows it there.
    void newEndpointShowsInTheEditor()
    {
        QString text = QString::fromUtf8(EchoConfig);
        for (int line = 0; line < 120; ++line)
            text += QStringLiteral("# filler line %1\n").arg(line);
        QVERIFY(m_window->openFile(writeConfig(QStringLiteral("long.yml"), text)));
        m_window->editor()->moveCursor(QTextCursor::Start);
        auto *mocks = m_window->findChild<MocksPanel *>();
        QVERIFY(mocks);
        mocks->addEndpoint();
        const QString added = m_window->editor()->toPlainText();
        const int newLine = int(added.left(added.lastIndexOf(QStringLiteral("- websocket:")))
                                    .count(QLatin1Char('\n')))
            + 1;
        QVERIFY(newLine > 120);
        QCOMPARE(m_window->editor()->textCursor().blockNumber() + 1, newLine);
    }

    void saveIsAtomicAndRecoveryCopyIsKept()
    {
        const QString path
            = writeConfig(QStringLiteral("saved.yml"), QString::fromUtf8(EchoConfig));
        QVERIFY(m_window->openFile(path));
        QTextCursor cursor(m_window->editor()->document());
        cursor.movePosition(QTextCursor::End);
        cursor.insertText(QStringLiteral("# unsaved thought\n"));
        QVERIFY(m_window->isModified());
        const QString recoveryDir = m_dir.filePath(QStringLiteral("recovery"));
        QTRY_VERIFY_WITH_TIMEOUT(
            !QDir(recoveryDir).entryList({ QStringLiteral("*.yml") }).isEmpty(), 4000);
        QVERIFY(m_window->save());
        QVERIFY(!m_window->isModified());
        QVERIFY(QDir(recoveryDir).entryList({ QStringLiteral("*.yml") }).isEmpty());
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(file.readAll().endsWith("# unsaved thought\n"));
    }

    // `mocket FILE --start --port N` opens the file and serves it at once.
    void commandLineOpensAndStarts()
    {
        const QString path = writeConfig(QStringLiteral("cli.yml"), QString::fromUtf8(EchoConfig));
        const quint16 port = freePort(); // the workbench takes it
        QVERIFY(port != 0);
        QProcess gui;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_dir.filePath(QStringLiteral("gui-config")));
        env.insert(QStringLiteral("XDG_DATA_HOME"), m_dir.filePath(QStringLiteral("gui-data")));
        gui.setProcessEnvironment(env);
        gui.start(
            QStringLiteral(MOCKET_GUI),
            { path, QStringLiteral("--start"), QStringLiteral("--port"), QString::number(port) });
        QVERIFY(gui.waitForStarted(5000));
        TestClient client;
        QElapsedTimer timer;
        timer.start();
        while (client.messages().isEmpty() && timer.elapsed() < 10000) {
            client.socket().open(QUrl(QStringLiteral("ws://127.0.0.1:%1/ws/echo").arg(port)));
            QTest::qWait(200);
            if (client.messages().isEmpty())
                client.socket().abort();
        }
        QCOMPARE(client.messages().value(0), QStringLiteral("{\"status\": \"connected\"}"));
        gui.terminate();
        QVERIFY(gui.waitForFinished(5000));
    }

    // A workbench killed mid-edit (SIGKILL: no chance to clean up) leaves its recovery copy,
    // and the next workbench offers the unsaved text back.
    void recoveryAfterAKilledProcess()
    {
        const QString path
            = writeConfig(QStringLiteral("crash.yml"), QString::fromUtf8(EchoConfig));
        const QString store = m_dir.filePath(QStringLiteral("crash-recovery"));
        QProcess child;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        child.setProcessEnvironment(env);
        child.start(QCoreApplication::applicationFilePath(),
                    { QStringLiteral("--child-edit"), path, store });
        QVERIFY(child.waitForStarted(5000));
        QByteArray childOut;
        QTRY_VERIFY2_WITH_TIMEOUT((childOut += child.readAllStandardOutput()).contains("edited"),
                                  QByteArray(childOut + child.readAllStandardError()).constData(),
                                  10000);
        ::kill(pid_t(child.processId()), SIGKILL);
        QVERIFY(child.waitForFinished(5000));

        m_window->setRecoveryStore(RecoveryStore(store));
        const QList<RecoveryStore::Entry> pending = m_window->pendingRecoveries();
        QCOMPARE(pending.size(), 1);
        QCOMPARE(pending.first().documentPath, QFileInfo(path).absoluteFilePath());
        QVERIFY(m_window->restoreRecovery(pending.first()));
        QVERIFY(m_window->editor()->toPlainText().endsWith(
            QStringLiteral("# typed before the crash\n")));
        QVERIFY(m_window->isModified());
        QCOMPARE(m_window->filePath(), QFileInfo(path).absoluteFilePath());
        // The file itself was never touched.
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(QString::fromUtf8(file.readAll()), QString::fromUtf8(EchoConfig));
        // Undo shows the file as saved.
        m_window->editor()->undo();
        QCOMPARE(m_window->editor()->toPlainText(), QString::fromUtf8(EchoConfig));
    }

    // The keys beyond the spec, filled in the forms as a user would: each change is one edit
    // of the YAML that the loader reads back, and one Undo takes it back.
    void formsEditTheNewKeys()
    {
        QVERIFY(m_window->openFile(
            writeConfig(QStringLiteral("keys.yml"), QString::fromUtf8(EchoConfig))));
        YamlEditor *editor = m_window->editor();
        const QString original = editor->toPlainText();
        MocksPanel *mocks = m_window->mocksPanel();
        auto rule0 = [this]() -> const Rule & {
            return m_window->lastGoodSpec()->endpoints.at(0).rules.at(0);
        };
        auto undoOnce = [&](const QString &before) {
            editor->undo();
            QCOMPARE(editor->toPlainText(), before);
            m_window->validateNow();
            editor->redo();
            m_window->validateNow();
        };

        mocks->select({ MocksPanel::ItemType::Rule, 0, 0 });
        ReplyForm *reply = mocks->ruleReplyForm();
        QVERIFY(!reply->delayField()->isVisible()); // folded away in the simple case
        reply->deliveryToggle()->click();
        QVERIFY(reply->delayField()->isVisible());

        // A delay: typed, written after the response, read by the loader, one Undo back.
        QTest::keyClicks(reply->delayField(), QStringLiteral("250ms"));
        mocks->commitForms();
        QString expected = original;
        expected.replace(QStringLiteral("        response: \"pong\"\n"),
                         QStringLiteral("        response: \"pong\"\n        delay: 250ms\n"));
        QCOMPARE(editor->toPlainText(), expected);
        QCOMPARE(rule0().reply.delay.minMs, 250);
        editor->undo();
        QCOMPARE(editor->toPlainText(), original);
        m_window->validateNow();
        QVERIFY(reply->delayField()->text().isEmpty());

        // What the loader rejects is shown and not written.
        QTest::keyClicks(reply->delayField(), QStringLiteral("soon"));
        QVERIFY2(reply->problems().contains(QStringLiteral("'delay' must be a duration")),
                 qPrintable(reply->problems()));
        mocks->commitForms();
        QCOMPARE(editor->toPlainText(), original);
        reply->delayField()->selectAll();
        QTest::keyClick(reply->delayField(), Qt::Key_Delete);
        QVERIFY(reply->problems().isEmpty());

        // Audience and close: chosen, written at once.
        reply->toField()->setCurrentIndex(2);
        QVERIFY(editor->toPlainText().contains(
            QStringLiteral("        response: \"pong\"\n        to: others\n")));
        QCOMPARE(rule0().reply.to, Audience::Others);
        reply->closeField()->click();
        QVERIFY(editor->toPlainText().contains(
            QStringLiteral("        to: others\n        close: true\n")));
        QCOMPARE(rule0().reply.closeCode, 1000);
        reply->closeCodeField()->setValue(4000);
        QTest::keyClicks(reply->closeReasonField(), QStringLiteral("bye"));
        mocks->commitForms();
        QVERIFY(editor->toPlainText().contains(
            QStringLiteral("        close: {code: 4000, reason: bye}\n")));
        QCOMPARE(rule0().reply.closeCode, 4000);
        QCOMPARE(rule0().reply.closeReason, QStringLiteral("bye"));
        reply->closeCodeField()->setValue(1005); // reserved: not sendable
        QVERIFY(reply->problems().contains(QStringLiteral("1005")));
        mocks->commitForms();
        QCOMPARE(rule0().reply.closeCode, 4000);

        // Several frames instead of the response: one edit, one Undo.
        QString before = editor->toPlainText();
        reply->kindField()->setCurrentIndex(int(ReplyForm::Kind::Frames));
        QVERIFY(!editor->toPlainText().contains(QStringLiteral("response: \"pong\"")));
        QVERIFY(
            editor->toPlainText().contains(QStringLiteral("        frames:\n          - pong\n")));
        QVERIFY(!rule0().hasResponse);
        QCOMPARE(rule0().reply.frames.size(), 1);
        undoOnce(before);
        FramesEditor *frames = reply->framesEditor();
        QCOMPARE(frames->rows().size(), 1);
        frames->addRow();
        QTableWidget *table = frames->table();
        // The kind from the keyboard: F2 on the cell opens the list.
        table->setCurrentCell(1, 0);
        QTest::keyClick(table, Qt::Key_F2);
        auto *kindList = table->viewport()->findChild<QComboBox *>();
        QVERIFY(kindList);
        kindList->setCurrentIndex(1);
        QTest::keyClick(kindList, Qt::Key_Tab); // commits the cell
        QCOMPARE(table->item(1, 0)->text(), QStringLiteral("Binary"));
        QVERIFY(reply->problems().contains(QStringLiteral("Frame 2")));
        table->item(1, 1)->setText(QStringLiteral("AAEC"));
        table->item(1, 2)->setText(QStringLiteral("1s"));
        QCOMPARE(rule0().reply.frames.size(), 2);
        QVERIFY(rule0().reply.frames.at(1).isBinary);
        QCOMPARE(rule0().reply.frames.at(1).binary, QByteArray("\x00\x01\x02", 3));
        QCOMPARE(rule0().reply.frames.at(1).delay.minMs, 1000);
        QVERIFY(editor->toPlainText().contains(
            QStringLiteral("        frames:\n          - pong\n          - binary: AAEC\n          "
                           "  delay: 1s\n")));

        // Binary messages instead of a pattern: the key is switched in place.
        MocksPanel *panel = mocks;
        panel->matchKindField()->setCurrentIndex(int(MocksPanel::MatchKind::AnyBinary));
        QVERIFY(editor->toPlainText().contains(
            QStringLiteral("      - binary: any   # the health check\n")));
        QVERIFY(rule0().matchesBinary);
        panel->matchKindField()->setCurrentIndex(int(MocksPanel::MatchKind::HexPrefix));
        QTest::keyClicks(panel->binaryPrefixField(), QStringLiteral("caf"));
        QVERIFY(!panel->matchProblem().isEmpty());
        mocks->commitForms();
        QVERIFY(rule0().binaryPrefix.isEmpty());
        // Another edit of the same rule meanwhile keeps the unfinished choice and its text.
        reply->delayField()->setFocus();
        QTest::keyClicks(reply->delayField(), QStringLiteral("2s"));
        mocks->commitForms();
        QCOMPARE(rule0().reply.delay.minMs, 2000);
        QCOMPARE(panel->matchKindField()->currentIndex(), int(MocksPanel::MatchKind::HexPrefix));
        QCOMPARE(panel->binaryPrefixField()->text(), QStringLiteral("caf"));
        reply->delayField()->clear();
        mocks->commitForms();
        QVERIFY(rule0().reply.delay.isZero());
        panel->binaryPrefixField()->setFocus();
        QTest::keyClicks(panel->binaryPrefixField(), QStringLiteral("e"));
        mocks->commitForms();
        QVERIFY(editor->toPlainText().contains(
            QStringLiteral("      - binary: {hex-prefix: cafe}   # the health check\n")));
        QCOMPARE(rule0().binaryPrefix, QByteArray("\xca\xfe"));

        // on-connect: only frames, sent to the others.
        mocks->select({ MocksPanel::ItemType::Greeting, 0, -1 });
        ReplyForm *greeting = mocks->greetingForm();
        greeting->kindField()->setCurrentIndex(int(ReplyForm::Kind::Frames));
        const Endpoint *echo = &m_window->lastGoodSpec()->endpoints.at(0);
        QVERIFY(!echo->greeting);
        QCOMPARE(echo->greetingReply.frames.size(), 1);
        QCOMPARE(echo->greetingReply.frames.at(0).text.source(),
                 QStringLiteral("{\"status\": \"connected\"}"));
        if (!greeting->toField()->isVisible())
            greeting->deliveryToggle()->click();
        greeting->toField()->setCurrentIndex(2);
        QCOMPARE(m_window->lastGoodSpec()->endpoints.at(0).greetingReply.to, Audience::Others);
        QCOMPARE(mocks->selection().type, MocksPanel::ItemType::Greeting);

        // The endpoint: subprotocols and a stream.
        mocks->select({ MocksPanel::ItemType::Endpoint, 1, -1 });
        QTest::keyClicks(mocks->subprotocolsField(), QStringLiteral("chat.v2, chat.v1"));
        mocks->commitForms();
        QVERIFY(editor->toPlainText().contains(QStringLiteral(
            "    path: /ws/user/:username\n    subprotocols: [chat.v2, chat.v1]\n")));
        QCOMPARE(m_window->lastGoodSpec()->endpoints.at(1).subprotocols,
                 (QStringList { QStringLiteral("chat.v2"), QStringLiteral("chat.v1") }));
        StreamsEditor *streams = mocks->streamsEditor();
        streams->addStream();
        QCOMPARE(m_window->lastGoodSpec()->endpoints.at(1).streams.size(), 1);
        QCOMPARE(m_window->lastGoodSpec()->endpoints.at(1).streams.at(0).intervalMs, 1000);
        streams->everyField()->selectAll();
        QTest::keyClicks(streams->everyField(), QStringLiteral("5ms"));
        QVERIFY2(streams->problem().contains(QStringLiteral("at least 10ms")),
                 qPrintable(streams->problem()));
        mocks->commitForms();
        QCOMPARE(m_window->lastGoodSpec()->endpoints.at(1).streams.at(0).intervalMs, 1000);
        streams->everyField()->selectAll();
        QTest::keyClicks(streams->everyField(), QStringLiteral("50ms"));
        streams->modeField()->setCurrentIndex(1);
        QCOMPARE(m_window->lastGoodSpec()->endpoints.at(1).streams.at(0).intervalMs, 50);
        QVERIFY(m_window->lastGoodSpec()->endpoints.at(1).streams.at(0).once);

        // Comments elsewhere survived every edit; undoing them all gives the file back.
        QVERIFY(
            editor->toPlainText().contains(QStringLiteral("# Team mocks: keep this comment\n")));
        QVERIFY(m_window->problemsView()->topLevelItemCount() == 0);
        while (editor->document()->isUndoAvailable())
            editor->undo();
        QCOMPARE(editor->toPlainText(), original);
    }

    // A rule that only closes stays one: no empty response is added, and the close cannot be
    // taken away while it is all the rule does.
    void closeOnlyRuleStaysValid()
    {
        const QString text = QStringLiteral("- websocket:\n    path: /bye\n    on-message:\n"
                                            "      - pattern: bye\n        close: true\n");
        QVERIFY(m_window->openFile(writeConfig(QStringLiteral("bye.yml"), text)));
        MocksPanel *mocks = m_window->mocksPanel();
        mocks->select({ MocksPanel::ItemType::Rule, 0, 0 });
        ReplyForm *reply = mocks->ruleReplyForm();
        QVERIFY(reply->closeField()->isChecked());
        QVERIFY(reply->delayField()->isVisible());
        QTest::keyClicks(reply->delayField(), QStringLiteral("1s"));
        mocks->commitForms();
        QCOMPARE(m_window->editor()->toPlainText(), text + QStringLiteral("        delay: 1s\n"));
        reply->closeField()->click();
        QCOMPARE(m_window->editor()->toPlainText(), text + QStringLiteral("        delay: 1s\n"));
        QCOMPARE(m_window->lastGoodSpec()->endpoints.at(0).rules.at(0).reply.closeCode, 1000);
    }

    // when-state and set-state from the rule form: a name, several as a list, none removes it.
    void formEditsTheRuleStates()
    {
        const QString text = QStringLiteral("- websocket:\n    path: /app\n    on-message:\n"
                                            "      - pattern: login\n        response: hi\n");
        QVERIFY(m_window->openFile(writeConfig(QStringLiteral("states.yml"), text)));
        MocksPanel *mocks = m_window->mocksPanel();
        mocks->select({ MocksPanel::ItemType::Rule, 0, 0 });
        auto rule0 = [this]() -> const Rule & {
            return m_window->lastGoodSpec()->endpoints.at(0).rules.at(0);
        };
        QTest::keyClicks(mocks->setStateField(), QStringLiteral("in"));
        QTest::keyClicks(mocks->whenStateField(), QStringLiteral("start, away"));
        mocks->commitForms();
        QVERIFY2(
            m_window->editor()->toPlainText().contains(QStringLiteral("        set-state: in\n")),
            qPrintable(m_window->editor()->toPlainText()));
        QCOMPARE(rule0().conversation.whenState,
                 (QStringList { QStringLiteral("start"), QStringLiteral("away") }));
        QCOMPARE(rule0().conversation.setState, std::optional<QString>(QStringLiteral("in")));

        mocks->whenStateField()->clear();
        mocks->commitForms();
        QVERIFY(rule0().conversation.whenState.isEmpty());
        QVERIFY(!m_window->editor()->toPlainText().contains(QStringLiteral("when-state")));
        QCOMPARE(mocks->setStateField()->text(), QStringLiteral("in"));
    }

    // set, set-shared and when-shared from the rule form: one "name = value" per line, each
    // edit one Undo; a name the loader would refuse is flagged and not written; the running
    // server then keeps the values and lets a rule wait for them.
    void formEditsTheConversationKeys()
    {
        const QString text
            = QStringLiteral("- websocket:\n    path: /app\n    on-message:\n"
                             "      - pattern: '{\"op\": \"login\", \"user\": \"{{user}}\"}'\n"
                             "        response: '{\"welcome\": {{vars.user | json}}}'\n"
                             "      - pattern: close\n        response: ok\n"
                             "      - pattern: buy\n        response: closed\n"
                             "      - pattern: buy\n        response: filled\n");
        const QString base = serveConfig(text);
        QVERIFY(!base.isEmpty());
        MocksPanel *mocks = m_window->mocksPanel();
        YamlEditor *editor = m_window->editor();
        ConversationFields *fields = mocks->conversationFields();
        mocks->select({ MocksPanel::ItemType::Rule, 0, 0 });
        QVERIFY(fields->setField()->toolTip().startsWith(QStringLiteral("set ")));
        QVERIFY(fields->setField()->isVisible());

        fields->setField()->setPlainText(QStringLiteral("user name = x"));
        mocks->commitForms();
        QCOMPARE(editor->toPlainText(), text);
        QVERIFY2(fields->problems().contains(QStringLiteral("not a name")),
                 qPrintable(fields->problems()));
        fields->setField()->setPlainText(QStringLiteral("user = {{json-params.user}}"));
        mocks->commitForms();
        QVERIFY(fields->problems().isEmpty());
        QString expected = text;
        expected.replace(QStringLiteral("{{vars.user | json}}}'\n"),
                         QStringLiteral("{{vars.user | json}}}'\n"
                                        "        set: {user: '{{json-params.user}}'}\n"));
        QCOMPARE(editor->toPlainText(), expected);
        editor->undo();
        QCOMPARE(editor->toPlainText(), text);
        editor->redo();
        QCOMPARE(editor->toPlainText(), expected);

        mocks->select({ MocksPanel::ItemType::Rule, 0, 1 });
        QVERIFY(fields->setField()->toPlainText().isEmpty());
        fields->setSharedField()->setPlainText(QStringLiteral("market = closed"));
        mocks->commitForms();
        mocks->select({ MocksPanel::ItemType::Rule, 0, 2 });
        fields->whenSharedField()->setPlainText(QStringLiteral(" market=closed \n"));
        mocks->commitForms();
        expected.replace(QStringLiteral("response: ok\n"),
                         QStringLiteral("response: ok\n        set-shared: {market: closed}\n"));
        expected.replace(
            QStringLiteral("response: closed\n"),
            QStringLiteral("response: closed\n        when-shared: {market: closed}\n"));
        QCOMPARE(editor->toPlainText(), expected);
        mocks->select({ MocksPanel::ItemType::Rule, 0, 0 });
        QCOMPARE(fields->setField()->toPlainText(), QStringLiteral("user = {{json-params.user}}"));
        mocks->select({ MocksPanel::ItemType::Rule, 0, 2 });
        QCOMPARE(fields->whenSharedField()->toPlainText(), QStringLiteral("market = closed"));
        QCOMPARE(m_window->server()->spec()->endpoints.at(0).rules.at(2).conversation.whenShared,
                 (QList<std::pair<QString, QString>> {
                     { QStringLiteral("market"), QStringLiteral("closed") } }));

        TestClient client;
        client.open(QUrl(base + QStringLiteral("/app")));
        QVERIFY(client.waitForConnected());
        QCOMPARE(client.ask(QStringLiteral("{\"op\": \"login\", \"user\": \"ann\"}")),
                 QStringLiteral("{\"welcome\": \"ann\"}"));
        QCOMPARE(client.ask(QStringLiteral("buy")), QStringLiteral("filled"));
        QCOMPARE(client.ask(QStringLiteral("close")), QStringLiteral("ok"));
        QCOMPARE(client.ask(QStringLiteral("buy")), QStringLiteral("closed"));

        // Emptied, the key goes.
        fields->whenSharedField()->clear();
        mocks->commitForms();
        QVERIFY(!editor->toPlainText().contains(QStringLiteral("when-shared")));

        // Values that are more than a line of text are left to the YAML editor.
        editor->setPlainText(text + QStringLiteral("        set: {user: {name: ann}}\n"));
        m_window->validateNow();
        mocks->select({ MocksPanel::ItemType::Rule, 0, 3 });
        QVERIFY(fields->setField()->isReadOnly());
        QVERIFY(fields->setField()->toPlainText().isEmpty());
        QVERIFY(fields->setField()->placeholderText().contains(QStringLiteral("YAML")));
        mocks->commitForms();
        QVERIFY(editor->toPlainText().endsWith(QStringLiteral("set: {user: {name: ann}}\n")));
    }

    // start-stream and stop-stream from the rule form: the stream's key, interval, frames,
    // count and final frame, written as one edit (one Undo); an interval the loader would
    // refuse is flagged and not written; the running server then streams.
    void formStartsAndStopsStreams()
    {
        const QString text
            = QStringLiteral("- websocket:\n    path: /ticker\n    on-message:\n"
                             "      - pattern: '{\"op\": \"sub\", \"id\": \"{{id}}\"}'\n"
                             "        response: subscribed\n"
                             "      - pattern: '{\"op\": \"unsub\", \"id\": \"{{id}}\"}'\n"
                             "        response: unsubscribed\n");
        const QString base = serveConfig(text);
        QVERIFY(!base.isEmpty());
        MocksPanel *mocks = m_window->mocksPanel();
        YamlEditor *editor = m_window->editor();
        ConversationFields *fields = mocks->conversationFields();
        mocks->select({ MocksPanel::ItemType::Rule, 0, 0 });
        QGroupBox *start = fields->startStreamBox();
        QVERIFY(start->isVisible());
        QVERIFY(!start->isChecked());
        QVERIFY(start->toolTip().startsWith(QStringLiteral("start-stream")));

        fields->streamKeyField()->setText(QStringLiteral("{{json-params.id}}"));
        fields->streamEveryField()->setText(QStringLiteral("5ms"));
        fields->streamFramesField()->setPlainText(QStringLiteral("{{json-params.id}}-{{counter}}"));
        fields->streamCountField()->setText(QStringLiteral("3"));
        fields->streamFinalField()->setText(QStringLiteral("done"));
        start->setChecked(true);
        QCOMPARE(editor->toPlainText(), text);
        QVERIFY2(fields->problems().contains(QStringLiteral("10")), qPrintable(fields->problems()));
        fields->streamEveryField()->setText(QStringLiteral("50ms"));
        mocks->commitForms();
        QVERIFY(fields->problems().isEmpty());
        QString expected = text;
        expected.replace(QStringLiteral("response: subscribed\n"),
                         QStringLiteral("response: subscribed\n"
                                        "        start-stream:\n"
                                        "          key: '{{json-params.id}}'\n"
                                        "          every: 50ms\n"
                                        "          frames: ['{{json-params.id}}-{{counter}}']\n"
                                        "          count: 3\n"
                                        "          final: done\n"));
        QCOMPARE(editor->toPlainText(), expected);
        editor->undo();
        QCOMPARE(editor->toPlainText(), text);
        editor->redo();
        QCOMPARE(editor->toPlainText(), expected);

        mocks->select({ MocksPanel::ItemType::Rule, 0, 1 });
        QVERIFY(!start->isChecked());
        fields->stopStreamField()->setText(QStringLiteral("{{json-params.id}}"));
        mocks->commitForms();
        expected.replace(QStringLiteral("response: unsubscribed\n"),
                         QStringLiteral("response: unsubscribed\n"
                                        "        stop-stream: '{{json-params.id}}'\n"));
        QCOMPARE(editor->toPlainText(), expected);
        mocks->select({ MocksPanel::ItemType::Rule, 0, 0 });
        QVERIFY(start->isChecked());
        QCOMPARE(fields->streamCountField()->text(), QStringLiteral("3"));
        QVERIFY(m_window->server()->spec()->endpoints.at(0).rules.at(1).conversation.stopStream);

        TestClient client;
        client.open(QUrl(base + QStringLiteral("/ticker")));
        QVERIFY(client.waitForConnected());
        client.socket().sendTextMessage(QStringLiteral("{\"op\": \"sub\", \"id\": \"a\"}"));
        QTRY_COMPARE_WITH_TIMEOUT(client.messages().size(), 5, 15000);
        QCOMPARE(
            client.messages(),
            (QStringList { QStringLiteral("subscribed"), QStringLiteral("a-1"),
                           QStringLiteral("a-2"), QStringLiteral("a-3"), QStringLiteral("done") }));

        // Switched off, the key goes.
        start->setChecked(false);
        QVERIFY(!editor->toPlainText().contains(QStringLiteral("start-stream")));
    }

    // On a preset endpoint the reply form has the preset's reply keys from its registry:
    // socket.io's emit (a name) and ack (the key the response is written under), each edit one
    // Undo; a socket.io client then gets the event, or the acknowledgement.
    void formEditsThePresetReplyKeys()
    {
        const QString text = QStringLiteral("- websocket:\n    path: /socket.io/\n"
                                            "    protocol: socket.io\n    on-message:\n"
                                            "      - event: hello\n"
                                            "        response: '{\"n\": 1}'\n");
        const QString base = serveConfig(text);
        QVERIFY(!base.isEmpty());
        MocksPanel *mocks = m_window->mocksPanel();
        YamlEditor *editor = m_window->editor();
        mocks->select({ MocksPanel::ItemType::Rule, 0, 0 });
        ReplyForm *reply = mocks->ruleReplyForm();
        QLineEdit *emitField = reply->presetField(QStringLiteral("emit"));
        QVERIFY(emitField && emitField->isVisible());
        QVERIFY(emitField->toolTip().startsWith(QStringLiteral("emit")));
        QComboBox *responseKey = reply->responseKeyField();
        QVERIFY(responseKey->isVisible());
        QCOMPARE(responseKey->currentText(), QStringLiteral("response"));

        QTest::keyClicks(emitField, QStringLiteral("greeting"));
        mocks->commitForms();
        const QString emitted = text + QStringLiteral("        emit: greeting\n");
        QCOMPARE(editor->toPlainText(), emitted);
        TestClient client;
        client.open(QUrl(base + QStringLiteral("/socket.io/?EIO=4&transport=websocket")));
        QTRY_VERIFY_WITH_TIMEOUT(!client.messages().isEmpty(), 10000);
        QVERIFY(client.messages().first().startsWith(QLatin1Char('0')));
        QVERIFY(client.ask(QStringLiteral("40")).startsWith(QStringLiteral("40")));
        const QString event = client.ask(QStringLiteral("42[\"hello\"]"));
        QVERIFY2(event.startsWith(QStringLiteral("42[\"greeting\"")), qPrintable(event));
        editor->setFocus(); // where Undo is
        editor->undo();
        QCOMPARE(editor->toPlainText(), text);
        m_window->validateNow();

        // The response written under ack instead: one edit, one Undo.
        mocks->select({ MocksPanel::ItemType::Rule, 0, 0 });
        QVERIFY(emitField->text().isEmpty());
        responseKey->setCurrentIndex(responseKey->findText(QStringLiteral("ack")));
        QString acked = text;
        acked.replace(QStringLiteral("response:"), QStringLiteral("ack:"));
        QCOMPARE(editor->toPlainText(), acked);
        QCOMPARE(responseKey->currentText(), QStringLiteral("ack"));
        QCOMPARE(reply->responseField()->toPlainText(), QStringLiteral("{\"n\": 1}"));
        const QString ack = client.ask(QStringLiteral("427[\"hello\"]"));
        QVERIFY2(ack.startsWith(QStringLiteral("437[")), qPrintable(ack));
        reply->responseField()->setPlainText(QStringLiteral("{\"n\": 2}"));
        mocks->commitForms();
        QVERIFY2(editor->toPlainText().contains(QStringLiteral("ack: '{\"n\": 2}'")),
                 qPrintable(editor->toPlainText()));
        editor->undo();
        editor->undo();
        QCOMPARE(editor->toPlainText(), text);

        // graphql-ws's error, STOMP's send-to: from the same registry.
        mocks->select({ MocksPanel::ItemType::Endpoint, 0, -1 });
        mocks->protocolField()->setCurrentIndex(
            mocks->protocolField()->findText(QStringLiteral("stomp")));
        mocks->select({ MocksPanel::ItemType::Rule, 0, 0 });
        QVERIFY(reply->presetField(QStringLiteral("send-to")));
        QVERIFY(!reply->presetField(QStringLiteral("emit")));
        QVERIFY(!reply->responseKeyField()->isVisible());
        mocks->select({ MocksPanel::ItemType::Endpoint, 0, -1 });
        mocks->protocolField()->setCurrentIndex(
            mocks->protocolField()->findText(QStringLiteral("graphql-ws")));
        mocks->select({ MocksPanel::ItemType::Rule, 0, 0 });
        QVERIFY(reply->responseKeyField()->findText(QStringLiteral("error")) > 0);
    }

    // A rule switched between one reply and a sequence; the sequence's replies added, edited
    // with the reply form, moved and removed, its mode chosen; each change one edit (one
    // Undo); a client then gets the replies in turn.
    void formEditsASequence()
    {
        const QString text = QStringLiteral("- websocket:\n    path: /shop\n    on-message:\n"
                                            "      - pattern: buy\n        response: filled\n");
        const QString base = serveConfig(text);
        QVERIFY(!base.isEmpty());
        MocksPanel *mocks = m_window->mocksPanel();
        YamlEditor *editor = m_window->editor();
        SequenceForm *sequence = mocks->sequenceForm();
        ReplyForm *reply = mocks->ruleReplyForm();
        mocks->select({ MocksPanel::ItemType::Rule, 0, 0 });
        QVERIFY(sequence->kindField()->isVisible());
        QVERIFY(!sequence->list()->isVisible());
        QVERIFY(sequence->kindField()->toolTip().startsWith(QStringLiteral("sequence")));

        sequence->kindField()->setCurrentIndex(1);
        const QString head = QStringLiteral("- websocket:\n    path: /shop\n    on-message:\n"
                                            "      - pattern: buy\n        sequence:\n");
        QCOMPARE(editor->toPlainText(),
                 head + QStringLiteral("          replies:\n            - response: filled\n"));
        QVERIFY(sequence->list()->isVisible());
        QCOMPARE(sequence->list()->count(), 1);
        QCOMPARE(reply->responseField()->toPlainText(), QStringLiteral("filled"));
        editor->setFocus();
        editor->undo();
        QCOMPARE(editor->toPlainText(), text);
        editor->redo();
        m_window->validateNow();
        mocks->select({ MocksPanel::ItemType::Rule, 0, 0 });

        sequence->addReply();
        QCOMPARE(sequence->list()->count(), 2);
        QCOMPARE(sequence->list()->currentRow(), 1);
        reply->responseField()->setPlainText(QStringLiteral("rejected"));
        mocks->commitForms();
        sequence->modeField()->setCurrentIndex(1);
        QCOMPARE(editor->toPlainText(),
                 head
                     + QStringLiteral("          mode: cycle\n          replies:\n"
                                      "            - response: filled\n"
                                      "            - response: rejected\n"));
        QVERIFY(m_window->server()->spec()->endpoints.at(0).rules.at(0).sequence);
        TestClient client;
        client.open(QUrl(base + QStringLiteral("/shop")));
        QVERIFY(client.waitForConnected());
        QCOMPARE(client.ask(QStringLiteral("buy")), QStringLiteral("filled"));
        QCOMPARE(client.ask(QStringLiteral("buy")), QStringLiteral("rejected"));
        QCOMPARE(client.ask(QStringLiteral("buy")), QStringLiteral("filled"));

        // Choosing a reply shows it in the reply form.
        sequence->list()->setCurrentRow(0);
        QCOMPARE(reply->responseField()->toPlainText(), QStringLiteral("filled"));
        sequence->list()->setCurrentRow(1);
        QCOMPARE(reply->responseField()->toPlainText(), QStringLiteral("rejected"));
        sequence->moveCurrent(-1);
        QVERIFY(editor->toPlainText().endsWith(QStringLiteral("            - response: rejected\n"
                                                              "            - response: filled\n")));
        QCOMPARE(sequence->list()->currentRow(), 0);
        sequence->removeCurrent();
        QVERIFY(editor->toPlainText().endsWith(QStringLiteral("replies:\n"
                                                              "            - response: filled\n")));
        // Back to one reply: the sequence's first.
        sequence->kindField()->setCurrentIndex(0);
        QCOMPARE(editor->toPlainText(), text);
    }

    // On a preset endpoint the rule form has a field per selecting key of its preset.
    void formEditsThePresetSelectors()
    {
        const QString text = QStringLiteral("- websocket:\n    path: /graphql\n"
                                            "    protocol: graphql-ws\n    on-message:\n"
                                            "      - operation: hello\n        response: hi\n");
        QVERIFY(m_window->openFile(writeConfig(QStringLiteral("graphql.yml"), text)));
        MocksPanel *mocks = m_window->mocksPanel();
        mocks->select({ MocksPanel::ItemType::Rule, 0, 0 });
        QLineEdit *operation = mocks->selectorField(QStringLiteral("operation"));
        QLineEdit *query = mocks->selectorField(QStringLiteral("query"));
        QVERIFY(operation && query);
        QCOMPARE(operation->text(), QStringLiteral("hello"));
        QVERIFY(query->text().isEmpty());
        operation->clear();
        QTest::keyClicks(query, QStringLiteral("{ hello }"));
        mocks->commitForms();
        const QList<ProtocolSelector> &selectors
            = m_window->lastGoodSpec()->endpoints.at(0).rules.at(0).selectors;
        QCOMPARE(selectors.size(), 1);
        QCOMPARE(selectors.first().key, QStringLiteral("query"));
        QCOMPARE(selectors.first().value, QStringLiteral("{ hello }"));
        QVERIFY(!m_window->editor()->toPlainText().contains(QStringLiteral("operation")));

        const QString plain = QStringLiteral("- websocket:\n    path: /app\n    on-message:\n"
                                             "      - pattern: a\n        response: b\n");
        QVERIFY(m_window->openFile(writeConfig(QStringLiteral("plain.yml"), plain)));
        mocks->select({ MocksPanel::ItemType::Rule, 0, 0 });
        QVERIFY(!mocks->selectorField(QStringLiteral("query")));
    }

    // The endpoint form's Protocol field offers every preset and writes or removes
    // `protocol:`, each choice one Undo.
    void formSetsTheProtocol()
    {
        const QString text = QStringLiteral("- websocket:\n    path: /graphql\n    on-message:\n"
                                            "      - pattern: a\n        response: b\n");
        QVERIFY(m_window->openFile(writeConfig(QStringLiteral("protocol.yml"), text)));
        MocksPanel *mocks = m_window->mocksPanel();
        YamlEditor *editor = m_window->editor();
        mocks->select({ MocksPanel::ItemType::Endpoint, 0, -1 });
        QComboBox *protocol = mocks->protocolField();
        QCOMPARE(protocol->count(), 1 + int(Protocols::presets().size()));
        QCOMPARE(protocol->currentIndex(), 0);
        QVERIFY(protocol->toolTip().startsWith(QStringLiteral("protocol")));
        for (const Protocols::Preset *preset : Protocols::presets())
            QVERIFY(protocol->findText(QString::fromUtf8(preset->name)) > 0);

        protocol->setCurrentIndex(protocol->findText(QStringLiteral("graphql-ws")));
        QVERIFY2(editor->toPlainText().contains(
                     QStringLiteral("    path: /graphql\n    protocol: graphql-ws\n")),
                 qPrintable(editor->toPlainText()));
        QCOMPARE(m_window->lastGoodSpec()->endpoints.at(0).protocol, Protocols::Kind::GraphqlWs);
        // The rule form now speaks the preset's terms.
        mocks->select({ MocksPanel::ItemType::Rule, 0, 0 });
        QVERIFY(mocks->selectorField(QStringLiteral("operation")));

        editor->undo();
        QCOMPARE(editor->toPlainText(), text);
        editor->redo();
        mocks->select({ MocksPanel::ItemType::Endpoint, 0, -1 });
        QCOMPARE(protocol->currentText(), QStringLiteral("graphql-ws"));
        protocol->setCurrentIndex(0);
        QCOMPARE(editor->toPlainText(), text);
        QCOMPARE(m_window->lastGoodSpec()->endpoints.at(0).protocol, Protocols::Kind::None);
    }

    // A value set in the form changes what the running server does.
    void formRuleChangesTheServer()
    {
        const QString base = openAndStart(EchoConfig);
        QVERIFY(!base.isEmpty());
        m_window->setAutoApply(true);
        TestClient a, b;
        connectClient(a, base + QStringLiteral("/ws/echo"));
        connectClient(b, base + QStringLiteral("/ws/echo"));

        MocksPanel *mocks = m_window->mocksPanel();
        mocks->select({ MocksPanel::ItemType::Rule, 0, 0 });
        ReplyForm *reply = mocks->ruleReplyForm();
        reply->deliveryToggle()->click();
        reply->toField()->setCurrentIndex(2); // everyone but the sender
        QCOMPARE(m_window->server()->spec()->endpoints.at(0).rules.at(0).reply.to,
                 Audience::Others);

        a.socket().sendTextMessage(QStringLiteral("ping"));
        QTRY_COMPARE(b.messages().size(), 2);
        QCOMPARE(b.messages().at(1), QStringLiteral("pong"));
        // a's next answer is the one to its next message: the pong went to b only.
        a.socket().sendTextMessage(QStringLiteral("{\"echo\": \"x\"}"));
        QTRY_COMPARE(a.messages().size(), 2);
        QCOMPARE(a.messages().at(1), QStringLiteral("{\"echoed\": \"x\"}"));

        // Close after the reply, with a code and a reason.
        reply->closeField()->click();
        reply->closeCodeField()->setValue(4000);
        QTest::keyClicks(reply->closeReasonField(), QStringLiteral("bye"));
        mocks->commitForms();
        QCOMPARE(m_window->server()->spec()->endpoints.at(0).rules.at(0).reply.closeCode, 4000);
        b.socket().sendTextMessage(QStringLiteral("ping"));
        QTRY_VERIFY_WITH_TIMEOUT(b.isDisconnected(), 5000);
        QCOMPARE(int(b.socket().closeCode()), 4000);
        QCOMPARE(b.socket().closeReason(), QStringLiteral("bye"));
        QTRY_COMPARE(a.messages().size(), 3);
        QCOMPARE(a.messages().at(2), QStringLiteral("pong"));
        QVERIFY(!a.isDisconnected());
    }

    // Zero is "no connections" in both languages (Portuguese words a count of 0 as plural,
    // which Qt's numerus rules would make singular).
    void noConnectionsIsWordedInBothLanguages()
    {
        const QString path = writeConfig(QStringLiteral("zero.yml"), QString::fromUtf8(EchoConfig));
        QTranslator translator;
        QVERIFY(loadPortuguese(translator));
        QVERIFY(QCoreApplication::installTranslator(&translator));
        auto window = std::make_unique<MainWindow>();
        QCoreApplication::removeTranslator(&translator);
        QVERIFY(window->openFile(path));
        window->setListenAddress(QStringLiteral("127.0.0.1"), 0);
        QCoreApplication::installTranslator(&translator);
        const bool started = window->startServer();
        const QString portuguese = window->serverStatusText();
        QCoreApplication::removeTranslator(&translator);
        QVERIFY(started);
        QVERIFY2(portuguese.contains(QStringLiteral("nenhuma conexão")), qPrintable(portuguese));
        QVERIFY(!portuguese.contains(QStringLiteral("0 conex")));
        window->stopServer();

        QVERIFY(m_window->openFile(path));
        m_window->setListenAddress(QStringLiteral("127.0.0.1"), 0);
        QVERIFY(m_window->startServer());
        QVERIFY2(m_window->serverStatusText().contains(QStringLiteral("no connections")),
                 qPrintable(m_window->serverStatusText()));
    }

    void translationLoads()
    {
        QTranslator translator;
        QVERIFY(loadPortuguese(translator));
        QVERIFY(!translator.isEmpty());
        QVERIFY(QCoreApplication::installTranslator(&translator));
        const QString stopped = QCoreApplication::translate("MainWindow", "Stopped");
        QCOMPARE(stopped, QStringLiteral("Parado"));
        QCoreApplication::removeTranslator(&translator);
    }
};

// The child of recoveryAfterAKilledProcess: opens a file, types, waits for the recovery
// copy, says so, and waits to be killed.
static int childEdit(const QString &path, const QString &store)
{
    MainWindow window;
    window.setRecoveryStore(RecoveryStore(store));
    window.openFile(path);
    QTextCursor cursor(window.editor()->document());
    cursor.movePosition(QTextCursor::End);
    cursor.insertText(QStringLiteral("# typed before the crash\n"));
    QElapsedTimer timer;
    timer.start();
    while (QDir(store).entryList({ QStringLiteral("*.json") }).isEmpty() && timer.elapsed() < 8000)
        QTest::qWait(50);
    std::fputs("edited\n", stdout);
    std::fflush(stdout);
    QTest::qWait(60000);
    return 0;
}

int main(int argc, char *argv[])
{
    UiTestApplication app(argc, argv, QStringLiteral("MocketTest"));
    if (argc == 4 && qstrcmp(argv[1], "--child-edit") == 0)
        return childEdit(QString::fromLocal8Bit(argv[2]), QString::fromLocal8Bit(argv[3]));
    TestMainWindow test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_ui_mainwindow.moc"
