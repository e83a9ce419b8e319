#include "httpform.h"
#include "mockspanel.h"
#include "placeholdercompleter.h"
#include "replyform.h"
#include "specoutline.h"
#include "yamleditor.h"

#include <QAbstractItemView>
#include <QCheckBox>
#include <QComboBox>
#include <QCompleter>
#include <QLineEdit>
#include <QMenu>
#include <QPlainTextEdit>
#include <QSpinBox>
#include <QTest>
#include <QTextBlock>
#include <QToolButton>

namespace {

const QString Chat
    = QStringLiteral("- websocket:\n"
                     "    path: /ws/chat/:room\n"
                     "    on-connect:\n"
                     "      response: 'hi'\n"
                     "    on-message:\n"
                     "      - pattern: '{\"type\": \"join\", \"user\": \"{{json-params.user}}\"}'\n"
                     "        response: 'JOINED '\n"
                     "      - pattern: 'bye'\n"
                     "        response: 'ciao'\n"
                     "    streams:\n"
                     "      - every: 1s\n"
                     "        frames: ['tick']\n"
                     "- endpoint:\n"
                     "    method: GET\n"
                     "    path: /users/:id\n"
                     "    response:\n"
                     "      body: 'x'\n");

// What the list offers, in its order: the inserted texts of the rows the filter keeps.
QStringList offered(const QCompleter *completer)
{
    QStringList texts;
    const QAbstractItemModel *model = completer->completionModel();
    for (int row = 0; row < model->rowCount(); ++row)
        texts.append(model->index(row, 0).data(Qt::UserRole + 1).toString());
    return texts;
}

// The entries of an "Insert Placeholder" menu, as it shows them when opened.
QStringList menuEntries(QMenu *menu)
{
    emit menu->aboutToShow();
    QStringList texts;
    for (const QAction *action : menu->actions())
        texts.append(action->text().section(u'\t', 0, 0));
    return texts;
}

// The line of the editor holding the cursor.
QString cursorLine(const QPlainTextEdit &edit)
{
    return edit.textCursor().block().text();
}

} // namespace

class TestPlaceholderUi : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void editorCompletesAfterBraces();
    void editorNarrowsAndAddsFilters();
    void editorCtrlSpaceAndEscape();
    void editorMenuInsertsWhatFitsHere();
    void ruleFormOffersWhatThePatternBinds();
    void kindSaysWhatThePatternBinds();
    void everyFormFieldNamesItsYamlKey();

private:
    static void putCursorAfter(QPlainTextEdit *edit, const QString &text)
    {
        QTextCursor cursor = edit->textCursor();
        cursor.setPosition(int(edit->toPlainText().indexOf(text) + text.size()));
        edit->setTextCursor(cursor);
    }
    // The chat config in a shown editor, the cursor after `after`; false if never shown.
    static bool showChat(YamlEditor *editor, const QString &after)
    {
        editor->setPlainText(Chat);
        editor->resize(700, 500);
        editor->show();
        putCursorAfter(editor, after);
        return QTest::qWaitForWindowExposed(editor);
    }
};

void TestPlaceholderUi::editorCompletesAfterBraces()
{
    YamlEditor editor;
    QVERIFY(showChat(&editor, QStringLiteral("'JOINED ")));
    const int lines = editor.blockCount();

    QTest::keyClicks(&editor, QStringLiteral("{{"));
    QCompleter *completer = editor.placeholderCompleter()->completer();
    QTRY_VERIFY_WITH_TIMEOUT(completer->popup()->isVisible(), 10000);
    const QStringList all = offered(completer);
    QVERIFY2(all.contains(QStringLiteral("{{path-params.room}}")), qPrintable(all.join(u' ')));
    QVERIFY(all.contains(QStringLiteral("{{json-params.user}}")));
    QVERIFY(all.contains(QStringLiteral("{{json-params.type}}")));
    QVERIFY(!all.contains(QStringLiteral("{{counter}}"))); // a stream's, not a rule's

    QTest::keyClicks(&editor, QStringLiteral("roo"));
    QCOMPARE(offered(completer), QStringList { QStringLiteral("{{path-params.room}}") });
    QTest::keyClick(&editor, Qt::Key_Return);
    QCOMPARE(cursorLine(editor), QStringLiteral("        response: 'JOINED {{path-params.room}}'"));
    QCOMPARE(editor.blockCount(), lines); // Enter took the entry, not a new line
    QVERIFY(!completer->popup()->isVisible());
}

void TestPlaceholderUi::editorNarrowsAndAddsFilters()
{
    YamlEditor editor;
    QVERIFY(showChat(&editor, QStringLiteral("'JOINED ")));
    QCompleter *completer = editor.placeholderCompleter()->completer();

    QTest::keyClicks(&editor, QStringLiteral("{{user"));
    QTRY_COMPARE_WITH_TIMEOUT(offered(completer),
                              QStringList { QStringLiteral("{{json-params.user}}") }, 10000);
    QTest::keyClick(&editor, Qt::Key_Tab);
    QTest::keyClicks(&editor, QStringLiteral(" and {{json-params.user | up"));
    QTRY_COMPARE_WITH_TIMEOUT(offered(completer), QStringList { QStringLiteral("| upper") }, 10000);
    QTest::keyClick(&editor, Qt::Key_Enter);
    QCOMPARE(cursorLine(editor),
             QStringLiteral("        response: 'JOINED {{json-params.user}} and "
                            "{{json-params.user | upper}}'"));
}

void TestPlaceholderUi::editorCtrlSpaceAndEscape()
{
    YamlEditor editor;
    QVERIFY(showChat(&editor, QStringLiteral("frames: ['")));
    QCompleter *completer = editor.placeholderCompleter()->completer();

    QTest::keyClick(&editor, Qt::Key_Space, Qt::ControlModifier);
    QTRY_VERIFY_WITH_TIMEOUT(completer->popup()->isVisible(), 10000);
    QVERIFY(offered(completer).contains(QStringLiteral("{{counter}}"))); // in a stream
    QTest::keyClick(&editor, Qt::Key_Escape);
    QVERIFY(!completer->popup()->isVisible());
    QCOMPARE(editor.toPlainText(), Chat);

    // Typing on outside a placeholder does not bring the list back.
    QTest::keyClicks(&editor, QStringLiteral("x"));
    QVERIFY(!completer->popup()->isVisible());
}

void TestPlaceholderUi::editorMenuInsertsWhatFitsHere()
{
    YamlEditor editor;
    editor.setPlainText(Chat);
    putCursorAfter(&editor, QStringLiteral("body: '"));
    QMenu *menu = editor.placeholderCompleter()->placeholderMenu(&editor);
    QCOMPARE(menu->title(), QStringLiteral("Insert Place&holder"));
    const QStringList entries = menuEntries(menu);
    QVERIFY2(entries.contains(QStringLiteral("{{path-params.id}}")),
             qPrintable(entries.join(u' ')));
    QVERIFY(!entries.contains(QStringLiteral("{{path-params.room}}")));
    menu->actions().at(int(entries.indexOf(QStringLiteral("{{path-params.id}}"))))->trigger();
    QCOMPARE(cursorLine(editor), QStringLiteral("      body: '{{path-params.id}}x'"));
}

void TestPlaceholderUi::ruleFormOffersWhatThePatternBinds()
{
    MocksPanel panel;
    panel.resize(500, 900);
    panel.setOutline(SpecOutline::parse(Chat));
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    panel.select({ MocksPanel::ItemType::Rule, 0, 0 });
    ReplyForm *reply = panel.ruleReplyForm();

    // The button beside the response lists the endpoint's and the pattern's values.
    QToolButton *button = nullptr;
    for (QToolButton *candidate : reply->findChildren<QToolButton *>()) {
        if (candidate->menu())
            button = candidate;
    }
    QVERIFY(button);
    const QStringList entries = menuEntries(button->menu());
    QVERIFY2(entries.contains(QStringLiteral("{{path-params.room}}")),
             qPrintable(entries.join(u' ')));
    QVERIFY(entries.contains(QStringLiteral("{{json-params.user}}")));

    // The field completes too, from the pattern as it is now.
    panel.patternField()->setPlainText(QStringLiteral("(?<cmd>[a-z]+) (?<arg>.*)"));
    QPlainTextEdit *response = panel.responseField();
    response->setFocus();
    response->moveCursor(QTextCursor::End);
    QTest::keyClicks(response, QStringLiteral("{{c"));
    QCompleter *completer = reply->placeholderCompleter()->completer();
    QTRY_VERIFY_WITH_TIMEOUT(completer->popup()->isVisible(), 10000);
    QVERIFY2(offered(completer).contains(QStringLiteral("{{cmd}}")),
             qPrintable(offered(completer).join(u' ')));
    QVERIFY(!offered(completer).contains(QStringLiteral("{{json-params.user}}")));
}

void TestPlaceholderUi::kindSaysWhatThePatternBinds()
{
    MocksPanel panel;
    panel.setOutline(SpecOutline::parse(Chat));
    panel.select({ MocksPanel::ItemType::Rule, 0, 0 });
    QVERIFY2(
        panel.patternKindText().contains(QStringLiteral("JSON pattern: binds json-params.user")),
        qPrintable(panel.patternKindText()));
    panel.patternField()->setPlainText(QStringLiteral("(?<cmd>\\w+)!"));
    QTRY_VERIFY_WITH_TIMEOUT(
        panel.patternKindText().contains(QStringLiteral("regex: binds {{cmd}}")), 10000);
    panel.patternField()->setPlainText(QStringLiteral("hello"));
    QTRY_VERIFY_WITH_TIMEOUT(panel.patternKindText().contains(QStringLiteral("exact text")), 10000);
}

void TestPlaceholderUi::everyFormFieldNamesItsYamlKey()
{
    static const QStringList keys {
        QStringLiteral("path"),       QStringLiteral("on-connect"),  QStringLiteral("subprotocols"),
        QStringLiteral("pattern"),    QStringLiteral("binary"),      QStringLiteral("hex-prefix"),
        QStringLiteral("response"),   QStringLiteral("frames"),      QStringLiteral("delay"),
        QStringLiteral("to"),         QStringLiteral("close"),       QStringLiteral("every"),
        QStringLiteral("once"),       QStringLiteral("method"),      QStringLiteral("status"),
        QStringLiteral("headers"),    QStringLiteral("body"),        QStringLiteral("push"),
        QStringLiteral("when-state"), QStringLiteral("set-state"),   QStringLiteral("enabled"),
        QStringLiteral("set"),        QStringLiteral("when-shared"), QStringLiteral("key"),
        QStringLiteral("count"),      QStringLiteral("final"),       QStringLiteral("sequence"),
        QStringLiteral("mode"),       QStringLiteral("per")
    };
    MocksPanel panel;
    panel.setOutline(SpecOutline::parse(Chat));
    QList<QWidget *> fields;
    for (QWidget *widget : panel.findChildren<QWidget *>()) {
        const bool input = qobject_cast<QLineEdit *>(widget)
            || qobject_cast<QPlainTextEdit *>(widget) || qobject_cast<QComboBox *>(widget)
            || qobject_cast<QSpinBox *>(widget) || qobject_cast<QCheckBox *>(widget);
        // A combo box's or spin box's own line edit is part of it.
        const bool part = qobject_cast<QComboBox *>(widget->parent())
            || qobject_cast<QAbstractSpinBox *>(widget->parent());
        if (input && !part)
            fields.append(widget);
    }
    QVERIFY(fields.size() >= 25);
    for (QWidget *field : std::as_const(fields)) {
        const QString tip = field->toolTip();
        const QString key = tip.section(QStringLiteral(" — "), 0, 0);
        bool named = false;
        for (const QString &name : keys)
            named = named || key.contains(name);
        QVERIFY2(named,
                 qPrintable(QStringLiteral("%1 \"%2\": %3")
                                .arg(QString::fromLatin1(field->metaObject()->className()),
                                     field->objectName(), tip)));
    }
}

QTEST_MAIN(TestPlaceholderUi)
#include "tst_ui_placeholders.moc"
