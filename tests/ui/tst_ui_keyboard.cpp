// The workbench by keyboard: every Alt+letter in a window or dialog leads to one place, in
// English and in Portuguese; no label shows a literal "&"; Tab leaves tables; shortcuts work
// wherever the focus is.

#include "conversationform.h"
#include "exportdialog.h"
#include "sequenceform.h"
#include "findbar.h"
#include "mainwindow.h"
#include "mocksyntaxdialog.h"
#include "recorddialog.h"
#include "recordingwindow.h"
#include "mockspanel.h"
#include "replyform.h"
#include "serversettingsdialog.h"
#include "shortcutsdialog.h"
#include "testfiles.h"
#include "trafficpanel.h"
#include "tryitpanel.h"
#include "uitestapp.h"
#include "yamleditor.h"

#include <QAbstractButton>
#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QAction>
#include <QApplication>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QSignalSpy>
#include <QDockWidget>
#include <QTabBar>
#include <QTableView>
#include <QTemporaryDir>
#include <QTimer>
#include <QTest>
#include <QToolButton>

#include <memory>

namespace {
const char MixedConfig[] = "- websocket:\n"
                           "    path: /ws/echo\n"
                           "    on-connect:\n"
                           "      response: hello\n"
                           "    streams:\n"
                           "      - every: 1s\n"
                           "        frames: [tick]\n"
                           "    on-message:\n"
                           "      - pattern: ping\n"
                           "        response: pong\n"
                           "- endpoint:\n"
                           "    method: POST\n"
                           "    path: /orders\n"
                           "    response:\n"
                           "      status: 201\n"
                           "      body: created\n"
                           "- websocket:\n"
                           "    path: /socket.io/\n"
                           "    protocol: socket.io\n"
                           "    on-message:\n"
                           "      - event: hello\n"
                           "        response: hi\n";

// The letter Alt presses for this text ("&Save" -> s), or a null QChar.
QChar mnemonicOf(const QString &text)
{
    for (qsizetype i = 0; i + 1 < text.size(); ++i) {
        if (text.at(i) != QLatin1Char('&'))
            continue;
        if (text.at(i + 1) == QLatin1Char('&')) {
            ++i;
            continue;
        }
        return text.at(i + 1).toLower();
    }
    return {};
}

struct Mnemonics
{
    QMultiMap<QChar, QString> owners;
    QStringList literal; // labels that show their "&" because nothing takes the focus

    void add(const QString &text, const QString &what)
    {
        const QChar key = mnemonicOf(text);
        if (!key.isNull())
            owners.insert(key, what + QStringLiteral(" \"") + text + QLatin1Char('"'));
    }

    void addLabel(const QLabel *label)
    {
        if (label->textFormat() == Qt::RichText
            || (label->textFormat() == Qt::AutoText && Qt::mightBeRichText(label->text())))
            return;
        if (label->buddy())
            add(label->text(), QStringLiteral("label"));
        else if (!mnemonicOf(label->text()).isNull())
            literal << label->text();
    }

    void addWidget(const QWidget *widget)
    {
        if (const auto *label = qobject_cast<const QLabel *>(widget)) {
            addLabel(label);
        } else if (const auto *tool = qobject_cast<const QToolButton *>(widget)) {
            if (!tool->defaultAction()) // a toolbar's action buttons take no mnemonic
                add(tool->text(), QStringLiteral("button"));
        } else if (const auto *button = qobject_cast<const QAbstractButton *>(widget)) {
            add(button->text(), QStringLiteral("button"));
        } else if (const auto *group = qobject_cast<const QGroupBox *>(widget)) {
            add(group->title(), QStringLiteral("group"));
        } else if (const auto *tabs = qobject_cast<const QTabBar *>(widget)) {
            for (int tab = 0; tab < tabs->count(); ++tab)
                add(tabs->tabText(tab), QStringLiteral("tab"));
        }
    }

    QStringList problems() const
    {
        QStringList found;
        const QList<QChar> keys = owners.uniqueKeys();
        for (QChar key : keys) {
            const QStringList who = owners.values(key);
            if (who.size() > 1)
                found << QStringLiteral("Alt+%1: %2").arg(key).arg(who.join(QStringLiteral(", ")));
        }
        for (const QString &text : literal)
            found << QStringLiteral("a literal & in \"%1\"").arg(text);
        return found;
    }
};

// What a person can reach with Alt in this window or dialog as it is shown now.
QStringList mnemonicProblems(QWidget *window)
{
    Mnemonics mnemonics;
    const QList<QWidget *> widgets = window->findChildren<QWidget *>();
    for (const QWidget *widget : widgets) {
        if (widget->window() == window && widget->isVisibleTo(window))
            mnemonics.addWidget(widget);
    }
    if (auto *mainWindow = qobject_cast<QMainWindow *>(window)) {
        const QList<QAction *> menus = mainWindow->menuBar()->actions();
        for (const QAction *menu : menus)
            mnemonics.add(menu->text(), QStringLiteral("menu"));
    }
    return mnemonics.problems();
}

// The fields of the forms under area that Alt cannot reach: each label should have a letter.
QStringList fieldsWithoutMnemonic(const QWidget *area)
{
    QStringList missing;
    const QList<QFormLayout *> forms = area->findChildren<QFormLayout *>();
    for (const QFormLayout *form : forms) {
        for (int row = 0; row < form->rowCount(); ++row) {
            const QLayoutItem *item = form->itemAt(row, QFormLayout::LabelRole);
            const auto *label = item ? qobject_cast<const QLabel *>(item->widget()) : nullptr;
            if (label && label->isVisibleTo(area->window()) && mnemonicOf(label->text()).isNull())
                missing << QStringLiteral("label \"%1\"").arg(label->text());
        }
    }
    return missing;
}

// Within each menu (and submenu) of the menu bar, each item's letter leads to one item.
QStringList menuProblems(const QMenu *menu)
{
    Mnemonics mnemonics;
    QStringList found;
    const QList<QAction *> actions = menu->actions();
    for (const QAction *action : actions) {
        if (!action->isVisible() || action->isSeparator())
            continue;
        mnemonics.add(action->text(), QStringLiteral("item"));
        if (action->menu())
            found << menuProblems(action->menu());
    }
    for (const QString &problem : mnemonics.problems())
        found << menu->title() + QStringLiteral(": ") + problem;
    return found;
}
} // namespace

class TestKeyboard : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    PortugueseSwitch m_language;

    std::unique_ptr<MainWindow> openWindow()
    {
        auto window = std::make_unique<MainWindow>();
        const QString path = m_dir.filePath(QStringLiteral("mixed.yml"));
        writeFile(path, MixedConfig);
        window->openFile(path);
        window->resize(1280, 800);
        window->show();
        return window;
    }

    // Every state the Mocks panel shows a form in, and both Try it tabs.
    void checkMainWindow()
    {
        const auto window = openWindow();
        MocksPanel *mocks = window->findChild<MocksPanel *>();
        QVERIFY(mocks);
        QStringList problems;
        const QList<MocksPanel::Selection> selections = { { MocksPanel::ItemType::Endpoint, 0, -1 },
                                                          { MocksPanel::ItemType::Rule, 0, 0 },
                                                          { MocksPanel::ItemType::Http, 0, -1 },
                                                          // a preset's reply keys
                                                          { MocksPanel::ItemType::Rule, 1, 0 } };
        auto *tabs = window->findChild<TryItPanel *>()->findChild<QTabBar *>();
        QVERIFY(tabs);
        // The find and replace bar, open whatever the Mocks panel shows.
        auto *find = window->findChild<FindBar *>();
        QVERIFY(find);
        find->activateReplace();
        QTRY_VERIFY(find->isVisible());
        for (const MocksPanel::Selection &selection : selections) {
            mocks->select(selection);
            // The endpoint form with a stream chosen shows the stream's fields.
            QListWidget *streams = mocks->streamsEditor()->list();
            if (streams->isVisibleTo(window.get()) && streams->count() > 0)
                streams->setCurrentRow(0);
            for (int tab = 0; tab < tabs->count(); ++tab) {
                tabs->setCurrentIndex(tab);
                problems << mnemonicProblems(window.get());
            }
            // A rule's timing and delivery fields, opened.
            const QList<QToolButton *> toggles
                = window->findChildren<QToolButton *>(QStringLiteral("deliveryToggle"));
            for (QToolButton *toggle : toggles) {
                if (toggle->isVisibleTo(window.get()) && !toggle->isChecked()) {
                    toggle->click();
                    problems << mnemonicProblems(window.get());
                }
            }
        }
        // The rule form with a stream to start: the stream's fields.
        mocks->select({ MocksPanel::ItemType::Rule, 0, 0 });
        mocks->conversationFields()->startStreamBox()->setChecked(true);
        QVERIFY(mocks->conversationFields()->streamKeyField()->isVisibleTo(window.get()));
        problems << mnemonicProblems(window.get());
        // A rule answering with a sequence: its replies, mode and per.
        mocks->sequenceForm()->kindField()->setCurrentIndex(1);
        QVERIFY(mocks->sequenceForm()->modeField()->isVisibleTo(window.get()));
        problems << mnemonicProblems(window.get());
        // The rule form's switch.
        mocks->select({ MocksPanel::ItemType::Rule, 0, 0 });
        for (QCheckBox *box : mocks->findChildren<QCheckBox *>()) {
            if (box->isVisibleTo(window.get()) && mnemonicOf(box->text()).isNull())
                problems << QStringLiteral("rule form: no Alt letter for \"%1\"").arg(box->text());
        }
        QVERIFY(find->isVisible());
        find->hide();
        // The Client dock, raised in place of Try it: each field has its letter (Enter in the
        // URL connects, Ctrl+Enter in the message sends).
        auto *client = window->findChild<QDockWidget *>(QStringLiteral("clientDock"));
        QVERIFY(client);
        client->raise();
        QTRY_VERIFY(client->widget()->isVisibleTo(window.get()));
        problems << mnemonicProblems(window.get());
        for (const QString &missing : fieldsWithoutMnemonic(client->widget()))
            problems << QStringLiteral("Client dock: no Alt letter for ") + missing;
        const QList<QAction *> menus = window->menuBar()->actions();
        for (const QAction *menu : menus)
            problems << menuProblems(menu->menu());
        problems.removeDuplicates();
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
    }

    void checkDialogs()
    {
        ExportDialog exportDialog(QString::fromUtf8(MixedConfig),
                                  m_dir.filePath(QStringLiteral("x.yml")),
                                  QStringLiteral("127.0.0.1"), 8000);
        exportDialog.show();
        QStringList problems = mnemonicProblems(&exportDialog);
        ServerSettingsDialog settings { ServerOptions() };
        settings.show();
        problems << mnemonicProblems(&settings);
        RecordDialog record;
        record.show();
        problems << mnemonicProblems(&record);
        RecordingWindow recording(QUrl(QStringLiteral("ws://127.0.0.1:1")),
                                  UpstreamCertificate::Verify);
        recording.show();
        problems << mnemonicProblems(&recording);
        std::unique_ptr<QMessageBox> unsaved(
            MainWindow::unsavedChangesBox(QStringLiteral("x.yml"), nullptr));
        unsaved->show();
        problems << mnemonicProblems(unsaved.get());
        for (QAbstractButton *button : unsaved->buttons())
            QVERIFY2(!mnemonicOf(button->text()).isNull(), qPrintable(button->text()));
        MockSyntaxDialog syntax;
        syntax.show();
        problems << mnemonicProblems(&syntax);
        MainWindow owner;
        ShortcutsDialog shortcuts(&owner);
        shortcuts.show();
        problems << mnemonicProblems(&shortcuts);
        // A saved traffic log, in its own window.
        const QString log = m_dir.filePath(QStringLiteral("saved.jsonl"));
        writeFile(log,
                  "{\"event\":\"opened\",\"time\":\"2026-01-01T00:00:00.000Z\","
                  "\"connection\":1,\"path\":\"/ws/echo\"}\n");
        QString error;
        TrafficPanel *saved = TrafficPanel::openSaved(log, nullptr, &error);
        QVERIFY2(saved, qPrintable(error));
        const std::unique_ptr<QWidget> savedWindow(saved->window());
        savedWindow->show();
        problems << mnemonicProblems(savedWindow.get());
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
    }

private slots:
    void initTestCase() { QVERIFY(m_dir.isValid()); }
    void cleanup() { m_language.usePortuguese(false); }

    void mnemonicsAreUnique_data()
    {
        QTest::addColumn<bool>("portuguese");
        QTest::newRow("English") << false;
        QTest::newRow("Portuguese") << true;
    }
    void mnemonicsAreUnique()
    {
        QFETCH(bool, portuguese);
        m_language.usePortuguese(portuguese);
        checkMainWindow();
        if (QTest::currentTestFailed())
            return;
        checkDialogs();
    }

    // Tab moves on from a table instead of walking its cells (and changing the selection).
    void tabLeavesTables()
    {
        const auto window = openWindow();
        auto *connections = window->trafficPanel()->connectionsView();
        auto *messages = window->trafficPanel()->messagesView();
        for (QTableView *table : { connections, messages }) {
            QVERIFY(!table->tabKeyNavigation());
            table->setFocus();
            QTRY_VERIFY(table->hasFocus());
            QTest::keyClick(table, Qt::Key_Tab);
            QVERIFY2(!table->hasFocus(), qPrintable(table->objectName()));
        }
    }

    // Export for CI's shortcut works with the focus in a line edit (where Ctrl+E is "end of
    // line"), and every main action shows its shortcut in its menu.
    void shortcutsWorkEverywhere()
    {
        const auto window = openWindow();
        QAction *exportAction = nullptr;
        const QList<QAction *> actions = window->findChildren<QAction *>();
        for (QAction *action : actions) {
            if (action->text().contains(QStringLiteral("Export for CI")))
                exportAction = action;
        }
        QVERIFY(exportAction);
        const QKeySequence shortcut = exportAction->shortcut();
        QVERIFY(!shortcut.isEmpty());
        QVERIFY(!exportAction->toolTip().isEmpty());
        // On X11 a line edit takes these Ctrl keys for itself (Ctrl+E: end of line), so a
        // window shortcut on one of them never fires while a field has the focus.
        for (const Qt::Key key : { Qt::Key_A, Qt::Key_B, Qt::Key_D, Qt::Key_E, Qt::Key_F, Qt::Key_H,
                                   Qt::Key_K, Qt::Key_N, Qt::Key_P, Qt::Key_U })
            QVERIFY2(shortcut != QKeySequence(Qt::CTRL | key), qPrintable(shortcut.toString()));
        QSignalSpy triggered(exportAction, &QAction::triggered);
        QTimer closer; // the dialog it opens is modal: close it
        connect(&closer, &QTimer::timeout, this, [] {
            if (QWidget *modal = QApplication::activeModalWidget())
                modal->close();
        });
        closer.start(50);
        QLineEdit *lineEdit = nullptr;
        const QList<QLineEdit *> lineEdits = window->findChildren<QLineEdit *>();
        for (QLineEdit *edit : lineEdits) {
            if (!lineEdit && edit->isVisible() && edit->isEnabled())
                lineEdit = edit;
        }
        for (QWidget *target :
             { static_cast<QWidget *>(lineEdit), static_cast<QWidget *>(window->editor()) }) {
            QVERIFY(target);
            target->activateWindow();
            target->setFocus();
            QTRY_VERIFY(target->hasFocus());
            const int before = int(triggered.size());
            QTest::keySequence(target, shortcut);
            QTRY_VERIFY2(
                triggered.size() == before + 1,
                qPrintable(QStringLiteral("%1 in %2")
                               .arg(shortcut.toString(),
                                    QString::fromLatin1(target->metaObject()->className()))));
        }
    }
};

int main(int argc, char *argv[])
{
    UiTestApplication app(argc, argv, QStringLiteral("MocketKeyboardTest"));
    TestKeyboard test;
    return QTest::qExec(&test, argc, argv);
}
#include "tst_ui_keyboard.moc"
