// What a desktop tool is expected to have: find and replace, a file dropped on the window
// opens, Help lists the mock syntax and the keyboard shortcuts, and the look follows the
// desktop's light or dark preference.

#include "colorscheme.h"
#include "findbar.h"
#include "mainwindow.h"
#include "mocksyntaxdialog.h"
#include "protocol.h"
#include "shortcutsdialog.h"
#include "testfiles.h"
#include "uitestapp.h"
#include "yamleditor.h"

#include <QApplication>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QMimeData>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>
#include <QVBoxLayout>

class TestDesktop : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void replaceOneThenAllInOneUndoStep();
    void replaceKeysAndReadOnly();
    void replaceFromTheEditMenu();
    void droppedFileOpens_data();
    void droppedFileOpens();
    void dropWithoutAFileIsIgnored();
    void mockSyntaxCoversTheLanguage();
    void mockSyntaxSearchNarrows();
    void mockSyntaxCoversEveryPreset();
    void mockSyntaxListsASharedPresetKeyOnce();
    void shortcutsComeFromTheActions();
    void helpMenuOpensBoth();
    void portalValueNamesTheScheme();
    void darkAndLightAreApplied();
    void followsTheSystemWhenItChanges();
};

namespace {
struct Editing
{
    QWidget window;
    YamlEditor *editor = new YamlEditor(&window);
    FindBar *bar = new FindBar(&window);

    explicit Editing(const QString &text)
    {
        auto *layout = new QVBoxLayout(&window);
        layout->addWidget(editor);
        layout->addWidget(bar);
        bar->setEditor(editor);
        editor->setPlainText(text);
        window.show();
    }
};

QMimeData *fileDrop(const QString &path)
{
    auto *data = new QMimeData;
    data->setUrls({ QUrl::fromLocalFile(path) });
    return data;
}

// As a real drag does: the file enters the target (which takes it or not), then drops there.
bool dragAndDrop(QWidget *target, const QString &path)
{
    const std::unique_ptr<QMimeData> data(fileDrop(path));
    QDragEnterEvent enter(QPoint(10, 10), Qt::CopyAction, data.get(), Qt::LeftButton,
                          Qt::NoModifier);
    QApplication::sendEvent(target, &enter);
    if (!enter.isAccepted())
        return false;
    QDropEvent drop(QPointF(10, 10), Qt::CopyAction, data.get(), Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(target, &drop);
    return drop.isAccepted();
}

const char Config[] = "- websocket:\n    path: /ws/dropped\n    on-message:\n"
                      "      - pattern: ping\n        response: pong\n";
} // namespace

void TestDesktop::replaceOneThenAllInOneUndoStep()
{
    Editing editing(QStringLiteral("path: /ws/a\npattern: ping\nresponse: ping pong\n"));
    QVERIFY(QTest::qWaitForWindowExposed(&editing.window));
    editing.bar->activateReplace();
    QVERIFY(editing.bar->isReplaceVisible());
    editing.bar->setSearchText(QStringLiteral("ping"));
    editing.bar->setReplaceText(QStringLiteral("hello"));
    QCOMPARE(editing.bar->matchCount(), 2);

    editing.bar->replaceCurrent();
    QCOMPARE(editing.editor->toPlainText(),
             QStringLiteral("path: /ws/a\npattern: hello\nresponse: ping pong\n"));
    // The next match is selected, ready for the next Replace.
    QCOMPARE(editing.bar->matchCount(), 1);
    QCOMPARE(editing.bar->currentMatch(), 1);
    QCOMPARE(editing.editor->textCursor().blockNumber(), 2);

    editing.bar->setSearchText(QStringLiteral("o"));
    editing.bar->setReplaceText(QStringLiteral("0"));
    QCOMPARE(editing.bar->replaceAll(), 3);
    QCOMPARE(editing.editor->toPlainText(),
             QStringLiteral("path: /ws/a\npattern: hell0\nresp0nse: ping p0ng\n"));
    QCOMPARE(editing.bar->statusText(), QStringLiteral("Replaced 3 matches"));
    // One undo takes the whole Replace all back; one more the single replacement.
    editing.editor->undo();
    QCOMPARE(editing.editor->toPlainText(),
             QStringLiteral("path: /ws/a\npattern: hello\nresponse: ping pong\n"));
    editing.editor->undo();
    QCOMPARE(editing.editor->toPlainText(),
             QStringLiteral("path: /ws/a\npattern: ping\nresponse: ping pong\n"));
}

void TestDesktop::replaceKeysAndReadOnly()
{
    Editing editing(QStringLiteral("a a a\n"));
    QVERIFY(QTest::qWaitForWindowExposed(&editing.window));
    editing.bar->activateReplace();
    editing.bar->setSearchText(QStringLiteral("a"));
    auto *replaceField = editing.bar->findChildren<QLineEdit *>().at(1);
    replaceField->setFocus();
    QTest::keyClicks(replaceField, QStringLiteral("b"));
    QTest::keyClick(replaceField, Qt::Key_Return);
    QCOMPARE(editing.editor->toPlainText(), QStringLiteral("b a a\n"));
    QTest::keyClick(replaceField, Qt::Key_Return, Qt::ControlModifier);
    QCOMPARE(editing.editor->toPlainText(), QStringLiteral("b b b\n"));
    QTest::keyClick(replaceField, Qt::Key_Escape);
    QVERIFY(!editing.bar->isVisible());

    // A read-only text is searched, never changed.
    editing.editor->setReadOnly(true);
    editing.bar->activateReplace();
    editing.bar->setSearchText(QStringLiteral("b"));
    QCOMPARE(editing.bar->replaceAll(), 0);
    QCOMPARE(editing.editor->toPlainText(), QStringLiteral("b b b\n"));
    // Find alone hides the replace row.
    editing.bar->activate();
    QVERIFY(!editing.bar->isReplaceVisible());
}

void TestDesktop::replaceFromTheEditMenu()
{
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.editor()->setFocus();
    QTest::keyClick(window.editor(), Qt::Key_H, Qt::ControlModifier);
    QVERIFY(window.findBar()->isReplaceVisible());
    bool inMenu = false;
    for (QAction *menu : window.menuBar()->actions()) {
        for (QAction *action : menu->menu()->actions())
            inMenu = inMenu || action->shortcut() == QKeySequence(Qt::CTRL | Qt::Key_H);
    }
    QVERIFY(inMenu);
}

void TestDesktop::droppedFileOpens_data()
{
    QTest::addColumn<bool>("ontoTheEditor");
    QTest::newRow("on the window") << false;
    // The editor would take the file's path as text; the window opens the file instead.
    QTest::newRow("on the editor") << true;
}

void TestDesktop::droppedFileOpens()
{
    QFETCH(bool, ontoTheEditor);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("dropped.yml"));
    QVERIFY(writeFile(path, Config));
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(window.acceptDrops());
    QVERIFY(dragAndDrop(
        ontoTheEditor ? window.editor()->viewport() : static_cast<QWidget *>(&window), path));
    QCOMPARE(window.filePath(), QFileInfo(path).absoluteFilePath());
    QCOMPARE(window.editor()->toPlainText(), QString::fromUtf8(Config));
}

void TestDesktop::dropWithoutAFileIsIgnored()
{
    MainWindow window;
    window.openExample();
    const QString before = window.editor()->toPlainText();
    QMimeData text;
    text.setText(QStringLiteral("just text"));
    QVERIFY(!window.openDropped(&text));
    QMimeData missing;
    missing.setUrls({ QUrl::fromLocalFile(QStringLiteral("/nonexistent/mocks.yml")) });
    QVERIFY(!window.openDropped(&missing));
    QMimeData remote;
    remote.setUrls({ QUrl(QStringLiteral("https://example.com/mocks.yml")) });
    QVERIFY(!window.openDropped(&remote));
    QCOMPARE(window.editor()->toPlainText(), before);
}

void TestDesktop::mockSyntaxCoversTheLanguage()
{
    QStringList keys;
    for (const MockSyntaxDialog::Entry &entry : MockSyntaxDialog::entries()) {
        QVERIFY2(!entry.meaning.isEmpty() && !entry.example.isEmpty(), qPrintable(entry.key));
        keys.append(entry.key);
    }
    // Every key of README's config language, and every placeholder and filter.
    const QStringList expected {
        QStringLiteral("websocket"),
        QStringLiteral("path"),
        QStringLiteral("subprotocols"),
        QStringLiteral("on-connect"),
        QStringLiteral("on-message"),
        QStringLiteral("on-unmatched"),
        QStringLiteral("proxy"),
        QStringLiteral("proxy-insecure"),
        QStringLiteral("streams"),
        QStringLiteral("every"),
        QStringLiteral("mode"),
        QStringLiteral("pattern"),
        QStringLiteral("binary"),
        QStringLiteral("enabled"),
        QStringLiteral("response"),
        QStringLiteral("frames"),
        QStringLiteral("delay"),
        QStringLiteral("to"),
        QStringLiteral("close"),
        QStringLiteral("{{path-params.NAME}}"),
        QStringLiteral("{{query-params.NAME}}"),
        QStringLiteral("{{json-params.A.B.0}}"),
        QStringLiteral("{{message}}"),
        QStringLiteral("{{header-params.NAME}}"),
        QStringLiteral("{{regex.NAME}}"),
        QStringLiteral("{{connection.id}}"),
        QStringLiteral("{{counter}}"),
        QStringLiteral("{{now}}"),
        QStringLiteral("{{uuid}}"),
        QStringLiteral("{{random MIN MAX}}"),
        QStringLiteral("| default"),
        QStringLiteral("| upper"),
        QStringLiteral("| json"),
        QStringLiteral("endpoint"),
        QStringLiteral("method"),
        QStringLiteral("host"),
        QStringLiteral("query"),
        QStringLiteral("status"),
        QStringLiteral("headers"),
        QStringLiteral("body"),
        QStringLiteral("external-body"),
        QStringLiteral("rate-limit"),
        QStringLiteral("webhook"),
        QStringLiteral("push"),
        QStringLiteral("when-state"),
        QStringLiteral("set-state"),
        QStringLiteral("set"),
        QStringLiteral("set-shared"),
        QStringLiteral("when-shared"),
        QStringLiteral("sequence"),
        QStringLiteral("start-stream"),
        QStringLiteral("stop-stream"),
        QStringLiteral("{{vars.NAME}}"),
    };
    for (const QString &key : expected)
        QVERIFY2(keys.contains(key), qPrintable(key));
}

void TestDesktop::mockSyntaxSearchNarrows()
{
    MockSyntaxDialog dialog;
    dialog.show();
    QCOMPARE(dialog.visibleKeys().size(), MockSyntaxDialog::entries().size());
    QVERIFY(dialog.shownText().contains(QStringLiteral("websocket")));

    dialog.setSearchText(QStringLiteral("PATH-PARAMS"));
    const QStringList found = dialog.visibleKeys();
    QVERIFY(found.contains(QStringLiteral("{{path-params.NAME}}")));
    QVERIFY(found.contains(QStringLiteral("path"))); // its text names path-params
    QVERIFY(!found.contains(QStringLiteral("rate-limit")));
    // The entry named by the search is the one shown, not the first that mentions it.
    QVERIFY(dialog.shownText().startsWith(QStringLiteral("{{path-params.NAME}}")));

    // Examples are searched too.
    dialog.setSearchText(QStringLiteral("hex-prefix"));
    QCOMPARE(dialog.visibleKeys(), QStringList { QStringLiteral("binary") });

    dialog.setSearchText(QStringLiteral("no such thing"));
    QVERIFY(dialog.visibleKeys().isEmpty());
    QVERIFY(dialog.shownText().contains(QStringLiteral("no such thing")));
}

// Two presets with a rule key of one name: one entry naming both, with each one's example,
// and each one's meaning when they differ.
void TestDesktop::mockSyntaxListsASharedPresetKeyOnce()
{
    const Protocols::Preset alpha { Protocols::Kind::None,
                                    "alpha",
                                    {},
                                    { { "topic", Protocols::KeyRole::Selector, "SUB" },
                                      { "reply-as", Protocols::KeyRole::FramingName, "emit" },
                                      { "only-alpha", Protocols::KeyRole::Selector, "SUB" } },
                                    nullptr,
                                    "" };
    const Protocols::Preset beta { Protocols::Kind::None,
                                   "beta",
                                   {},
                                   { { "topic", Protocols::KeyRole::Selector, "SUB" },
                                     { "reply-as", Protocols::KeyRole::FramingResponse, "err" } },
                                   nullptr,
                                   "" };
    const QList<MockSyntaxDialog::Entry> entries
        = MockSyntaxDialog::presetEntries({ &alpha, &beta });
    QStringList keys;
    for (const MockSyntaxDialog::Entry &entry : entries)
        keys.append(entry.key);
    QCOMPARE(keys,
             (QStringList { QStringLiteral("protocol"), QStringLiteral("topic"),
                            QStringLiteral("reply-as"), QStringLiteral("only-alpha") }));
    QVERIFY(entries.at(0).meaning.contains(QStringLiteral("alpha, beta")));

    const MockSyntaxDialog::Entry &topic = entries.at(1);
    QVERIFY2(topic.where.contains(QStringLiteral("alpha / beta")), qPrintable(topic.where));
    QVERIFY(!topic.meaning.contains(QStringLiteral("alpha:"))); // one meaning, said once
    QVERIFY(topic.example.contains(QStringLiteral("protocol: alpha")));
    QVERIFY(topic.example.contains(QStringLiteral("protocol: beta")));

    const MockSyntaxDialog::Entry &replyAs = entries.at(2);
    QVERIFY(replyAs.meaning.startsWith(QStringLiteral("alpha: ")));
    QVERIFY(replyAs.meaning.contains(QStringLiteral(" beta: ")));

    const MockSyntaxDialog::Entry &onlyAlpha = entries.at(3);
    QVERIFY(onlyAlpha.where.contains(QStringLiteral("alpha")));
    QVERIFY(!onlyAlpha.where.contains(QStringLiteral("beta")));
}

void TestDesktop::mockSyntaxCoversEveryPreset()
{
    const QList<MockSyntaxDialog::Entry> entries = MockSyntaxDialog::entries();
    const auto find = [&entries](const QString &key) -> const MockSyntaxDialog::Entry * {
        for (const MockSyntaxDialog::Entry &entry : entries) {
            if (entry.key == key)
                return &entry;
        }
        return nullptr;
    };
    const MockSyntaxDialog::Entry *protocol = find(QStringLiteral("protocol"));
    QVERIFY(protocol);
    // Every registered preset is named, and each of its rule keys has an entry of its own
    // whose example is a rule of an endpoint of that preset.
    for (const Protocols::Preset *preset : Protocols::presets()) {
        const QString name = QString::fromUtf8(preset->name);
        QVERIFY2(protocol->meaning.contains(name), qPrintable(name));
        QVERIFY(!preset->ruleKeys.isEmpty());
        for (const Protocols::RuleKey &key : preset->ruleKeys) {
            const QString keyName = QString::fromUtf8(key.name);
            const MockSyntaxDialog::Entry *entry = find(keyName);
            QVERIFY2(entry, qPrintable(keyName));
            QVERIFY2(entry->where.contains(name), qPrintable(entry->where));
            QVERIFY2(!entry->meaning.isEmpty(), qPrintable(keyName));
            QVERIFY2(entry->example.contains(QStringLiteral("protocol: ") + name),
                     qPrintable(entry->example));
            QVERIFY2(
                entry->example.contains(QStringLiteral("- ") + keyName + QLatin1Char(':'))
                    || entry->example.contains(QStringLiteral("  ") + keyName + QLatin1Char(':')),
                qPrintable(entry->example));
        }
    }
    MockSyntaxDialog dialog;
    dialog.show();
    dialog.setSearchText(QStringLiteral("graphql-ws"));
    QVERIFY(dialog.visibleKeys().contains(QStringLiteral("operation")));
}

void TestDesktop::shortcutsComeFromTheActions()
{
    MainWindow window;
    ShortcutsDialog dialog(&window);
    const QStringList rows = dialog.rows();
    const auto has = [&rows](const QString &what, const QKeySequence &keys) {
        return rows.contains(what + QLatin1Char('\t') + keys.toString(QKeySequence::NativeText));
    };
    QVERIFY2(has(QStringLiteral("Save"), QKeySequence::Save), qPrintable(rows.join(u'|')));
    QVERIFY(has(QStringLiteral("Find"), QKeySequence::Find));
    QVERIFY(has(QStringLiteral("Replace"), QKeySequence(Qt::CTRL | Qt::Key_H)));
    QVERIFY(has(QStringLiteral("Export for CI"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E)));
    QVERIFY(has(QStringLiteral("Mock Syntax"), QKeySequence::HelpContents));
    // No row shows a mnemonic's "&" or an ellipsis.
    for (const QString &row : rows)
        QVERIFY2(!row.section(u'\t', 0, 0).contains(u'&'), qPrintable(row));
}

void TestDesktop::helpMenuOpensBoth()
{
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.showMockSyntax();
    auto *syntax = window.findChild<MockSyntaxDialog *>();
    QVERIFY(syntax && syntax->isVisible());
    window.showMockSyntax(); // the same one again, not a second
    QCOMPARE(window.findChildren<MockSyntaxDialog *>().size(), 1);
    window.showShortcuts();
    auto *shortcuts = window.findChild<ShortcutsDialog *>();
    QVERIFY(shortcuts && shortcuts->isVisible());
}

void TestDesktop::portalValueNamesTheScheme()
{
    using Scheme = ColorScheme::Scheme;
    QCOMPARE(ColorScheme::fromPortalValue(1, Scheme::Light), Scheme::Dark);
    QCOMPARE(ColorScheme::fromPortalValue(2, Scheme::Dark), Scheme::Light);
    QCOMPARE(ColorScheme::fromPortalValue(0, Scheme::Dark), Scheme::Dark);
    QCOMPARE(ColorScheme::fromPortalValue(0, Scheme::Light), Scheme::Light);
    QCOMPARE(ColorScheme::schemeOf(ColorScheme::darkPalette()), Scheme::Dark);
}

void TestDesktop::darkAndLightAreApplied()
{
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    ColorScheme *scheme = window.colorScheme();
    scheme->setChoice(ColorScheme::Choice::Dark);
    QCOMPARE(ColorScheme::schemeOf(QApplication::palette()), ColorScheme::Scheme::Dark);
    QTRY_VERIFY(window.editor()->palette().color(QPalette::Base).lightness() < 128);
    scheme->setChoice(ColorScheme::Choice::Light);
    QCOMPARE(ColorScheme::schemeOf(QApplication::palette()), ColorScheme::Scheme::Light);
    QTRY_VERIFY(window.editor()->palette().color(QPalette::Base).lightness() >= 128);
}

void TestDesktop::followsTheSystemWhenItChanges()
{
    MainWindow window;
    ColorScheme *scheme = window.colorScheme();
    scheme->setChoice(ColorScheme::Choice::System);
    QSignalSpy changed(scheme, &ColorScheme::schemeChanged);
    scheme->setSystemPortalValue(1); // the desktop now prefers dark
    QCOMPARE(scheme->scheme(), ColorScheme::Scheme::Dark);
    QCOMPARE(ColorScheme::schemeOf(QApplication::palette()), ColorScheme::Scheme::Dark);
    QCOMPARE(changed.size(), 1);
    // A choice the user made wins over the desktop's.
    scheme->setChoice(ColorScheme::Choice::Light);
    scheme->setSystemPortalValue(1);
    QCOMPARE(ColorScheme::schemeOf(QApplication::palette()), ColorScheme::Scheme::Light);
    scheme->setChoice(ColorScheme::Choice::System);
    scheme->setSystemPortalValue(2);
    QCOMPARE(ColorScheme::schemeOf(QApplication::palette()), ColorScheme::Scheme::Light);
}

int main(int argc, char *argv[])
{
    UiTestApplication app(argc, argv, QStringLiteral("MocketTest"));
    app.useEnglishPlurals();
    TestDesktop test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_ui_desktop.moc"
