#include "mockspanel.h"
#include "specloader.h"
#include "testfiles.h"
#include "tryitpanel.h"
#include "uitestapp.h"
#include "windowfixture.h"
#include "yamleditor.h"

#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>
#include <QTranslator>
#include <QTreeWidget>

#include <memory>

namespace {

const char *const Config = "- websocket:\n"
                           "    path: /ws/echo\n"
                           "    on-message:\n"
                           "      - pattern: ping\n"
                           "        response: pong\n"
                           "      - pattern: '{\"type\": \"join\", \"user\": \"{{u}}\"}'\n"
                           "        response: welcome\n"
                           "      - pattern: '{\"type\": \"say\", \"to\": {\"room\": 1}}'\n"
                           "        response: said\n"
                           "      - pattern: 'say (?<words>.*)'\n"
                           "        response: '{{words}}'\n"
                           "      - binary: any\n"
                           "        response: bytes\n"
                           "- websocket:\n"
                           "    path: /ws/other\n";

const char *const StateConfig = R"(
- websocket:
    path: /app
    on-message:
      - pattern: '{"op": "login", "user": "{{user}}"}'
        when-state: start
        set-state: in
        set: {user: '{{json-params.user}}'}
        response: 'welcome {{vars.user}}'
      - pattern: whoami
        when-state: in
        response: 'you are {{vars.user}}'
      - pattern: whoami
        response: nobody
      - pattern: buy
        sequence:
          replies:
            - response: filled
            - response: rejected
)";

MockSpecPtr example(const char *name)
{
    return SpecLoader::loadFile(QStringLiteral(MOCKET_SOURCE_DIR "/resources/examples/")
                                + QString::fromLatin1(name))
        .spec;
}

// Types a frame into Try it's message field as a user does, and lets Try it answer it.
void typeFrame(TryItPanel *tryIt, const QString &frame)
{
    auto *message = tryIt->findChild<QPlainTextEdit *>(QStringLiteral("tryMessage"));
    QVERIFY(message);
    message->clear();
    const QStringList lines = frame.split(u'\n');
    for (qsizetype i = 0; i < lines.size(); ++i) {
        if (i > 0)
            QTest::keyClick(message, Qt::Key_Return);
        QTest::keyClicks(message, lines.at(i));
    }
    tryIt->update();
}

// The config with a map value on line 16 where none may be: no YAML at all.
QString broken()
{
    return QString::fromUtf8(Config) + QStringLiteral("    on-connect: response: oops\n");
}

} // namespace

// Try it and the Mocks panel while the text cannot be read, and Try it explaining a miss.
class TestTryIt : public WindowFixture
{
    Q_OBJECT

private:
    bool openConfig()
    {
        const QString path = m_dir.filePath(QStringLiteral("mocks.yml"));
        return writeFile(path, Config) && m_window->openFile(path);
    }

    void breakTheText()
    {
        m_window->editor()->setPlainText(broken());
        m_window->validateNow();
    }

private slots:
    // A syntax error keeps the last valid outline on show, greyed under a banner naming the
    // line, with the forms and their buttons off (saying why) until the text is fixed.
    void syntaxErrorKeepsTheLastOutline()
    {
        QVERIFY(openConfig());
        MocksPanel *mocks = m_window->findChild<MocksPanel *>();
        QVERIFY(mocks);
        QCOMPARE(mocks->tree()->topLevelItemCount(), 2);
        QVERIFY(mocks->staleText().isEmpty());

        breakTheText();
        QCOMPARE(mocks->tree()->topLevelItemCount(), 2);
        QCOMPARE(mocks->tree()->topLevelItem(0)->text(0), QStringLiteral("/ws/echo"));
        QVERIFY(!mocks->tree()->isEnabled());
        QVERIFY2(mocks->staleText().contains(QStringLiteral("last valid")),
                 qPrintable(mocks->staleText()));
        QVERIFY2(mocks->staleText().contains(QStringLiteral("line 16")),
                 qPrintable(mocks->staleText()));
        QToolButton *add = mocks->addEndpointButton();
        QVERIFY(!add->isEnabled());
        QVERIFY2(add->toolTip().contains(QStringLiteral("syntax error")),
                 qPrintable(add->toolTip()));

        m_window->editor()->setPlainText(QString::fromUtf8(Config));
        m_window->validateNow();
        QVERIFY(mocks->tree()->isEnabled());
        QVERIFY(mocks->staleText().isEmpty());
        QVERIFY(add->isEnabled());
        QCOMPARE(add->toolTip(), QStringLiteral("Add endpoint"));
    }

    // Opened with a syntax error, there is no earlier outline: the banner says what to fix.
    void syntaxErrorInAFreshFile()
    {
        QVERIFY(openConfig());
        const QString path = m_dir.filePath(QStringLiteral("broken.yml"));
        QVERIFY(writeFile(path, broken().toUtf8()));
        QVERIFY(m_window->openFile(path));
        MocksPanel *mocks = m_window->findChild<MocksPanel *>();
        QCOMPARE(mocks->tree()->topLevelItemCount(), 0);
        QVERIFY2(mocks->staleText().contains(QStringLiteral("line 16")),
                 qPrintable(mocks->staleText()));
        QVERIFY(!mocks->addEndpointButton()->isEnabled());
        QCOMPARE(m_window->tryItPanel()->summary(),
                 QStringLiteral("Fix the config's errors to try messages."));
    }

    // Try it answers from the config being served while the text is broken: the running
    // server's (not the valid edit it was never given), else the last valid one; and says so.
    void tryItAnswersFromWhatIsServed_data()
    {
        QTest::addColumn<bool>("serving");
        QTest::addColumn<QString>("reply");
        QTest::addColumn<QString>("note");
        QTest::newRow("stopped") << false << QStringLiteral("pong v2")
                                 << QStringLiteral("The text has errors: Try it answers from the "
                                                   "last valid config.");
        QTest::newRow("serving") << true << QStringLiteral("pong")
                                 << QStringLiteral("The text has errors: Try it answers from the "
                                                   "config the server runs.");
    }

    void tryItAnswersFromWhatIsServed()
    {
        QFETCH(bool, serving);
        QFETCH(QString, reply);
        QFETCH(QString, note);
        QVERIFY(openConfig());
        m_window->setAutoApply(false);
        if (serving) {
            m_window->setListenAddress(QStringLiteral("127.0.0.1"), 0);
            QVERIFY(m_window->startServer());
        }
        TryItPanel *tryIt = m_window->tryItPanel();
        QVERIFY(tryIt->sourceNote().isEmpty());
        QString text = QString::fromUtf8(Config);
        m_window->editor()->setPlainText(
            text.replace(QStringLiteral("response: pong"), QStringLiteral("response: pong v2")));
        m_window->validateNow(); // valid, and not applied
        m_window->editor()->setPlainText(text + QStringLiteral("    on-connect: response: oops\n"));
        m_window->validateNow();
        tryIt->setPath(QStringLiteral("/ws/echo"));
        tryIt->setMessage(QStringLiteral("ping"));
        QVERIFY2(tryIt->summary().contains(QStringLiteral("on-message[0] matches")),
                 qPrintable(tryIt->summary()));
        QCOMPARE(tryIt->reply(), reply);
        QCOMPARE(tryIt->sourceNote(), note);
    }

    // No rule matches: each rule says why not.
    void tryItExplainsAMiss_data()
    {
        QTest::addColumn<QString>("message");
        QTest::addColumn<QStringList>("reasons");
        QTest::newRow("JSON without a key")
            << QStringLiteral(R"({"type": "join"})")
            << QStringList {
                   QStringLiteral("on-message[0]: the text differs from ping at character 1."),
                   QStringLiteral("on-message[1]: the message has no \"user\" key."),
                   QStringLiteral("on-message[2]: the message has no \"to\" key."),
                   QStringLiteral("on-message[3]: the regular expression say (?<words>.*) does "
                                  "not match."),
                   QStringLiteral("on-message[4]: answers binary messages only."),
               };
        QTest::newRow("nested value")
            << QStringLiteral(R"({"type": "say", "to": {"room": 2}})")
            << QStringList {
                   QStringLiteral("on-message[0]: the text differs from ping at character 1."),
                   QStringLiteral(R"(on-message[1]: at type, expected "join", got "say".)"),
                   QStringLiteral("on-message[2]: at to.room, expected 1, got 2."),
                   QStringLiteral("on-message[3]: the regular expression say (?<words>.*) does "
                                  "not match."),
                   QStringLiteral("on-message[4]: answers binary messages only."),
               };
        QTest::newRow("text")
            << QStringLiteral("pint")
            << QStringList {
                   QStringLiteral("on-message[0]: the text differs from ping at character 4."),
                   QStringLiteral("on-message[1]: its pattern is JSON, and the message is not "
                                  "JSON."),
                   QStringLiteral("on-message[2]: its pattern is JSON, and the message is not "
                                  "JSON."),
                   QStringLiteral("on-message[3]: the regular expression say (?<words>.*) does "
                                  "not match."),
                   QStringLiteral("on-message[4]: answers binary messages only."),
               };
    }

    void tryItExplainsAMiss()
    {
        QFETCH(QString, message);
        QFETCH(QStringList, reasons);
        QVERIFY(openConfig());
        TryItPanel *tryIt = m_window->tryItPanel();
        tryIt->setPath(QStringLiteral("/ws/echo"));
        tryIt->setMessage(message);
        QVERIFY2(tryIt->summary().contains(QStringLiteral("no rule matches")),
                 qPrintable(tryIt->summary()));
        QCOMPARE(tryIt->missReasons(), reasons);

        tryIt->setMessage(QStringLiteral("ping"));
        QVERIFY(tryIt->missReasons().isEmpty());
    }

    // Try it keeps a simulated connection: a message it sends leaves the state and values its
    // rule set, so a state-gated rule answers the next message; Reset starts afresh.
    void tryItFollowsTheConversation()
    {
        const LoadResult loaded
            = SpecLoader::loadText(QString::fromUtf8(StateConfig), QStringLiteral("state.yml"));
        QVERIFY(loaded.ok());
        TryItPanel tryIt;
        tryIt.setSpec(loaded.spec);
        tryIt.show();
        auto *send = tryIt.findChild<QPushButton *>(QStringLiteral("trySend"));
        auto *reset = tryIt.findChild<QPushButton *>(QStringLiteral("tryReset"));
        auto *shown = tryIt.findChild<QLabel *>(QStringLiteral("tryConversation"));
        QVERIFY(send && reset && shown);
        tryIt.setPath(QStringLiteral("/app"));
        tryIt.setMessage(QStringLiteral("whoami"));
        QCOMPARE(tryIt.reply(), QStringLiteral("nobody"));
        const QString login = QStringLiteral(R"({"op": "login", "user": "ana"})");
        tryIt.setMessage(login);
        QCOMPARE(tryIt.reply(), QStringLiteral("welcome ana"));
        QVERIFY(tryIt.conversation().isFresh()); // what it would answer, not sent yet
        QVERIFY(!reset->isEnabled());

        QTest::mouseClick(send, Qt::LeftButton);
        QCOMPARE(tryIt.reply(), QStringLiteral("welcome ana"));
        QCOMPARE(shown->text(), QStringLiteral("state in · vars.user = ana"));
        tryIt.setMessage(QStringLiteral("whoami"));
        QCOMPARE(tryIt.reply(), QStringLiteral("you are ana"));
        tryIt.setMessage(login);
        QVERIFY(tryIt.summary().contains(QStringLiteral("no rule matches")));
        // The login's pattern fits; its state does not, and Try it says so.
        QVERIFY2(tryIt.missReasons().contains(QStringLiteral(
                     "on-message[0]: answers only in state start; the connection is in \"in\".")),
                 qPrintable(tryIt.missReasons().join(u'|')));

        tryIt.setMessage(QStringLiteral("buy"));
        QTest::mouseClick(send, Qt::LeftButton);
        QCOMPARE(tryIt.reply(), QStringLiteral("filled"));
        QTest::mouseClick(send, Qt::LeftButton);
        QCOMPARE(tryIt.reply(), QStringLiteral("rejected"));

        QTest::mouseClick(reset, Qt::LeftButton);
        QVERIFY(tryIt.conversation().isFresh());
        QCOMPARE(tryIt.reply(), QStringLiteral("filled"));
        tryIt.setMessage(QStringLiteral("whoami"));
        QCOMPARE(tryIt.reply(), QStringLiteral("nobody"));
    }

    // No rule matches, and the endpoint has a fallback: Try it shows its reply, and names a
    // switched-off rule as such.
    void tryItShowsTheFallback()
    {
        TryItPanel tryIt;
        tryIt.setSpec(SpecLoader::loadText(QStringLiteral(R"(
- websocket:
    path: /ws/fb
    on-unmatched:
      response: 'no rule for {{message}}'
    on-message:
      - pattern: ping
        response: pong
        enabled: false
)"),
                                           QStringLiteral("t.yml"))
                          .spec);
        tryIt.setPath(QStringLiteral("/ws/fb"));
        tryIt.setMessage(QStringLiteral("ping"));
        tryIt.update();
        QVERIFY2(tryIt.summary().contains(QStringLiteral("on-unmatched answers")),
                 qPrintable(tryIt.summary()));
        QCOMPARE(tryIt.reply(), QStringLiteral("no rule for ping"));
        QCOMPARE(tryIt.missReasons(),
                 QStringList { QStringLiteral("on-message[0]: switched off (enabled: false).") });
    }

    // On a Socket.IO endpoint the frames typed are Engine.IO packets: the open packet greets,
    // the namespace connect is answered with the socket id and then on-connect, framed; an
    // event is matched by its name and its reply framed as the rule says.
    void tryItSpeaksSocketIo()
    {
        TryItPanel tryIt;
        tryIt.setSpec(example("socketio.yml"));
        tryIt.show();
        tryIt.setPath(QStringLiteral("/socket.io/"));
        QVERIFY2(tryIt.greeting().startsWith(QStringLiteral("[socket.io] 0{")),
                 qPrintable(tryIt.greeting()));
        typeFrame(&tryIt, QStringLiteral("40"));
        QVERIFY2(tryIt.reply().startsWith(QStringLiteral("[socket.io] 40{\"sid\":")),
                 qPrintable(tryIt.reply()));
        QVERIFY2(tryIt.reply().contains(QStringLiteral("\n[on-connect] 42[\"welcome\",")),
                 qPrintable(tryIt.reply()));
        QTest::mouseClick(tryIt.findChild<QPushButton *>(QStringLiteral("trySend")),
                          Qt::LeftButton);

        typeFrame(&tryIt, QStringLiteral(R"(42["chat",{"text":"hi"}])"));
        QVERIFY2(tryIt.summary().contains(QStringLiteral(R"(socket.io event "chat")"))
                     && tryIt.summary().contains(QStringLiteral("on-message[1] matches")),
                 qPrintable(tryIt.summary()));
        QCOMPARE(tryIt.reply(), QStringLiteral(R"([on-message[1]] 42["chat",{"text":"hi"}])"));

        // Before the namespace connect, the same event breaks the protocol.
        QTest::mouseClick(tryIt.findChild<QPushButton *>(QStringLiteral("tryReset")),
                          Qt::LeftButton);
        tryIt.update();
        QVERIFY2(tryIt.summary().contains(QStringLiteral(
                     "socket.io protocol error: an event before the namespace connect. The "
                     "connection closes with 1002 (invalid state).")),
                 qPrintable(tryIt.summary()));
    }

    // graphql-ws: the subscribe a client sends after connection_init starts the countdown's
    // stream, shown framed as next with the complete that ends it; the client's complete
    // stops it.
    void tryItFollowsAPresetStream()
    {
        TryItPanel tryIt;
        tryIt.setSpec(example("graphql-ws.yml"));
        tryIt.show();
        auto *send = tryIt.findChild<QPushButton *>(QStringLiteral("trySend"));
        tryIt.setPath(QStringLiteral("/graphql"));
        typeFrame(&tryIt, QStringLiteral(R"({"type":"connection_init"})"));
        QCOMPARE(tryIt.reply(), QStringLiteral(R"([graphql-ws] {"type":"connection_ack"})"));
        QTest::mouseClick(send, Qt::LeftButton);

        typeFrame(
            &tryIt,
            QStringLiteral(
                R"({"id":"2","type":"subscribe","payload":{"query":"subscription { countdown(from: 3) }"}})"));
        const QString stream = tryIt.streamText();
        QVERIFY2(stream.startsWith(QStringLiteral("Starts stream 2, every 100 ms, 4 frames:")),
                 qPrintable(stream));
        QVERIFY2(stream.contains(QStringLiteral(
                     R"(1  {"id":"2","payload":{"data":{"countdown":3}},"type":"next"})")),
                 qPrintable(stream));
        QVERIFY2(stream.contains(QStringLiteral(R"([graphql-ws] {"id":"2","type":"complete"})")),
                 qPrintable(stream));
        QTest::mouseClick(send, Qt::LeftButton);
        QVERIFY2(tryIt.conversationText().contains(QStringLiteral("streams 2")),
                 qPrintable(tryIt.conversationText()));

        // An operation no rule answers: each rule says why not, and the preset's error goes.
        typeFrame(
            &tryIt,
            QStringLiteral(R"({"id":"9","type":"subscribe","payload":{"query":"{ nothing }"}})"));
        QVERIFY2(
            tryIt.missReasons().contains(QStringLiteral(
                "on-message[1]: its operation is countdown; the message is subscribe nothing.")),
            qPrintable(tryIt.missReasons().join(u'|')));
        QVERIFY2(tryIt.reply().startsWith(QStringLiteral(
                     "[graphql-ws] {\"id\":\"9\",\"payload\":[{\"message\":\"no rule")),
                 qPrintable(tryIt.reply()));

        typeFrame(&tryIt, QStringLiteral(R"({"id":"2","type":"complete"})"));
        QCOMPARE(tryIt.streamText(), QStringLiteral("Stops stream 2."));
        QTest::mouseClick(send, Qt::LeftButton);
        typeFrame(&tryIt, QStringLiteral(R"({"id":"2","type":"complete"})"));
        QCOMPARE(tryIt.streamText(), QStringLiteral("No stream 2 is running."));
    }

    // A STOMP frame ends in a NUL, typed as ^@.
    void tryItTakesStompFrames()
    {
        TryItPanel tryIt;
        tryIt.setSpec(example("stomp.yml"));
        tryIt.show();
        tryIt.setPath(QStringLiteral("/stomp"));
        typeFrame(&tryIt, QStringLiteral("CONNECT\naccept-version:1.2\nhost:localhost\n\n^@"));
        QVERIFY2(tryIt.reply().startsWith(QStringLiteral("[stomp] CONNECTED\nversion:1.2")),
                 qPrintable(tryIt.reply()));
        QVERIFY2(tryIt.reply().endsWith(QStringLiteral("^@")), qPrintable(tryIt.reply()));
    }
};

int main(int argc, char *argv[])
{
    UiTestApplication app(argc, argv, QStringLiteral("MocketTest"));
    app.useEnglishPlurals();
    TestTryIt test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_ui_tryit.moc"
