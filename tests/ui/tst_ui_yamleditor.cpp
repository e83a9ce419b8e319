#include "findbar.h"
#include "testfiles.h"
#include "yamleditor.h"
#include "yamlhighlighter.h"

#include <QLineEdit>
#include <QSignalSpy>
#include <QTest>
#include <QTextBlock>
#include <QTextLayout>
#include <QToolTip>
#include <QVBoxLayout>

Q_DECLARE_METATYPE(YamlHighlighter::Role)

namespace {

const QString Sample = QStringLiteral("# a comment\n"
                                      "- websocket:\n"
                                      "    path: /ws/echo\n"
                                      "    on-message:\n"
                                      "      - pattern: 'ping'\n"
                                      "        response: '{{path-params.x}}'\n");

Diagnostic diagnostic(Diagnostic::Severity severity, int line, int column, const QString &message)
{
    Diagnostic d;
    d.severity = severity;
    d.file = QStringLiteral("mocks.yml");
    d.line = line;
    d.column = column;
    d.message = message;
    return d;
}

QList<QTextEdit::ExtraSelection> waveSelections(const QPlainTextEdit &editor)
{
    QList<QTextEdit::ExtraSelection> result;
    const auto selections = editor.extraSelections();
    for (const QTextEdit::ExtraSelection &selection : selections) {
        if (selection.format.underlineStyle() == QTextCharFormat::WaveUnderline)
            result.append(selection);
    }
    return result;
}

int backgroundSelections(const QPlainTextEdit &editor)
{
    int count = 0;
    const auto selections = editor.extraSelections();
    for (const QTextEdit::ExtraSelection &selection : selections) {
        if (selection.cursor.hasSelection()
            && selection.format.hasProperty(QTextFormat::BackgroundBrush))
            ++count;
    }
    return count;
}

// The ranges the highlighter gave line `line` (0-based) with the foreground of `format`.
QList<QTextLayout::FormatRange> rangesWith(const QPlainTextEdit &editor, int line,
                                           const QTextCharFormat &format)
{
    QList<QTextLayout::FormatRange> result;
    const QTextBlock block = editor.document()->findBlockByNumber(line);
    const auto formats = block.layout()->formats();
    for (const QTextLayout::FormatRange &range : formats) {
        if (range.format.foreground() == format.foreground())
            result.append(range);
    }
    return result;
}

// The texts of line `line` (0-based) the highlighter gave exactly `format`.
QStringList textsWith(const QPlainTextEdit &editor, int line, const QTextCharFormat &format)
{
    QStringList result;
    const QTextBlock block = editor.document()->findBlockByNumber(line);
    const auto formats = block.layout()->formats();
    for (const QTextLayout::FormatRange &range : formats) {
        if (range.format == format)
            result.append(block.text().mid(range.start, range.length));
    }
    return result;
}

} // namespace

class TestYamlEditor : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void setupDefaults();
    void diagnosticsMarkAndUnderline();
    void diagnosticsLeaveTextAndUndoAlone();
    void underlineRange_data();
    void underlineRange();
    void diagnosticsFollowEdits();
    void gutterTooltipAndClick();
    void goToLine();
    void autoIndent_data();
    void autoIndent();
    void tabInsertsSpaces();
    void shiftTabUnindentsLines();
    void undoRestoresTyping();
    void highlighterFormats();
    void highlighterRoles_data();
    void highlighterRoles();
    void findBarNextPreviousWrap();
    void findBarKeys();
    void findBarNoMatchesAndCase();
    void findBarPrefillsSelection();
    void diagnosticsSurviveSearch();
    void screenshot();
};

void TestYamlEditor::setupDefaults()
{
    YamlEditor editor;
    QCOMPARE(editor.lineWrapMode(), QPlainTextEdit::NoWrap);
    // Metrics rather than QFontInfo::fixedPitch(): fontconfig calls Noto Sans Mono proportional.
    const QFontMetrics metrics(editor.font());
    QCOMPARE(metrics.horizontalAdvance(QLatin1Char('i')),
             metrics.horizontalAdvance(QLatin1Char('W')));
    QCOMPARE(editor.tabStopDistance(), qreal(metrics.horizontalAdvance(QStringLiteral("  "))));
    QVERIFY(editor.lineNumberAreaWidth() > 0);
    QCOMPARE(editor.viewport()->geometry().left() - editor.contentsRect().left(),
             editor.lineNumberAreaWidth());
    QVERIFY(editor.highlighter());
}

void TestYamlEditor::diagnosticsMarkAndUnderline()
{
    YamlEditor editor;
    editor.setPlainText(Sample);
    editor.setDiagnostics({
        diagnostic(Diagnostic::Severity::Error, 3, 5, QStringLiteral("bad path")),
        diagnostic(Diagnostic::Severity::Warning, 5, 17, QStringLiteral("odd pattern")),
        diagnostic(Diagnostic::Severity::Error, 0, 0, QStringLiteral("no place")),
    });
    QCOMPARE(editor.markedLines(), (QList<int> { 3, 5 }));
    QCOMPARE(editor.diagnostics().size(), 3);

    const auto waves = waveSelections(editor);
    QCOMPARE(waves.size(), 2);
    // Warnings come first so errors are drawn over them.
    const QTextEdit::ExtraSelection &warning = waves.at(0);
    const QTextEdit::ExtraSelection &error = waves.at(1);

    const QTextBlock line3 = editor.document()->findBlockByNumber(2);
    QCOMPARE(error.cursor.selectionStart(), line3.position() + 4);
    QCOMPARE(error.cursor.selectedText(), QStringLiteral("path:"));
    QCOMPARE(error.format.underlineColor(), YamlEditor::severityColor(Diagnostic::Severity::Error));

    QCOMPARE(warning.cursor.selectedText(), QStringLiteral("'ping'"));
    QCOMPARE(warning.format.underlineColor(),
             YamlEditor::severityColor(Diagnostic::Severity::Warning));
    QVERIFY(YamlEditor::severityColor(Diagnostic::Severity::Error)
            != YamlEditor::severityColor(Diagnostic::Severity::Warning));

    editor.setDiagnostics({});
    QVERIFY(editor.markedLines().isEmpty());
    QVERIFY(waveSelections(editor).isEmpty());
}

void TestYamlEditor::diagnosticsLeaveTextAndUndoAlone()
{
    YamlEditor editor;
    editor.setPlainText(Sample);
    QTextCursor cursor(editor.document());
    cursor.movePosition(QTextCursor::End);
    cursor.insertText(QStringLiteral("# end\n"));
    const QString text = editor.toPlainText();
    const int undoSteps = editor.document()->availableUndoSteps();
    const int redoSteps = editor.document()->availableRedoSteps();
    QVERIFY(undoSteps > 0);
    const bool modified = editor.document()->isModified();

    editor.setDiagnostics({ diagnostic(Diagnostic::Severity::Error, 2, 3, QStringLiteral("x")),
                            diagnostic(Diagnostic::Severity::Warning, 4, 1, QStringLiteral("y")) });
    editor.setDiagnostics({ diagnostic(Diagnostic::Severity::Warning, 1, 1, QStringLiteral("z")) });

    QCOMPARE(editor.toPlainText(), text);
    QCOMPARE(editor.document()->availableUndoSteps(), undoSteps);
    QCOMPARE(editor.document()->availableRedoSteps(), redoSteps);
    QVERIFY(editor.document()->isUndoAvailable());
    QCOMPARE(editor.document()->isModified(), modified);
}

void TestYamlEditor::underlineRange_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("line");
    QTest::addColumn<int>("column");
    QTest::addColumn<int>("markedLine");
    QTest::addColumn<QString>("underlined");

    const QString text = QStringLiteral("key: value here\n  response: \"a b\" # c\n\n  tail   \n");
    QTest::newRow("token") << text << 1 << 6 << 1 << QStringLiteral("value");
    QTest::newRow("mid-token") << text << 1 << 2 << 1 << QStringLiteral("ey:");
    QTest::newRow("quoted string") << text << 2 << 13 << 2 << QStringLiteral("\"a b\"");
    QTest::newRow("column in indentation") << text << 2 << 1 << 2 << QStringLiteral("response:");
    QTest::newRow("column zero") << text << 1 << 0 << 1 << QStringLiteral("key:");
    QTest::newRow("past the line's end") << text << 4 << 40 << 4 << QStringLiteral("tail");
    QTest::newRow("empty line") << text << 3 << 1 << 3 << QString();
    QTest::newRow("past the last line") << text << 99 << 1 << 5 << QString();
}

void TestYamlEditor::underlineRange()
{
    QFETCH(QString, text);
    QFETCH(int, line);
    QFETCH(int, column);
    QFETCH(int, markedLine);
    QFETCH(QString, underlined);

    YamlEditor editor;
    editor.setPlainText(text);
    editor.setDiagnostics(
        { diagnostic(Diagnostic::Severity::Error, line, column, QStringLiteral("m")) });
    QCOMPARE(editor.markedLines(), QList<int> { markedLine });
    const auto waves = waveSelections(editor);
    if (underlined.isEmpty()) {
        QVERIFY(waves.isEmpty());
    } else {
        QCOMPARE(waves.size(), 1);
        QCOMPARE(waves.first().cursor.selectedText(), underlined);
    }
}

void TestYamlEditor::diagnosticsFollowEdits()
{
    YamlEditor editor;
    editor.setPlainText(Sample);
    editor.setDiagnostics(
        { diagnostic(Diagnostic::Severity::Error, 3, 5, QStringLiteral("bad path")) });

    QTextCursor cursor(editor.document());
    cursor.insertText(QStringLiteral("# new first line\n"));
    QCOMPARE(editor.markedLines(), QList<int> { 4 });
    QCOMPARE(waveSelections(editor).first().cursor.selectedText(), QStringLiteral("path:"));

    // Replacing the whole text (a reload) places them again by line and column.
    editor.setPlainText(Sample);
    QCOMPARE(editor.markedLines(), QList<int> { 3 });
    QCOMPARE(waveSelections(editor).first().cursor.selectedText(), QStringLiteral("path:"));
    // So does a whole-text replacement through a cursor, as a form edit may make.
    QTextCursor all(editor.document());
    all.select(QTextCursor::Document);
    all.beginEditBlock();
    all.insertText(Sample);
    all.endEditBlock();
    QCOMPARE(editor.markedLines(), QList<int> { 3 });
    // A form edit of one value keeps the mark where it is.
    QTextCursor value(editor.document()->findBlockByNumber(2));
    value.movePosition(QTextCursor::EndOfBlock);
    value.insertText(QStringLiteral("2"));
    QCOMPARE(editor.markedLines(), QList<int> { 3 });
    QCOMPARE(waveSelections(editor).first().cursor.selectedText(), QStringLiteral("path:"));

    editor.setPlainText(QStringLiteral("a: 1\nb: 2\n"));
    QCOMPARE(editor.markedLines(), QList<int> { 3 });
    QVERIFY(waveSelections(editor).isEmpty());
    editor.setPlainText(QString());
    QCOMPARE(editor.markedLines(), QList<int> { 1 });
}

void TestYamlEditor::gutterTooltipAndClick()
{
    YamlEditor editor;
    editor.resize(400, 300);
    editor.setPlainText(Sample);
    editor.setDiagnostics(
        { diagnostic(Diagnostic::Severity::Error, 3, 5, QStringLiteral("bad path")),
          diagnostic(Diagnostic::Severity::Warning, 3, 11, QStringLiteral("odd")) });
    editor.show();
    QVERIFY(QTest::qWaitForWindowExposed(&editor));
    auto *gutter = editor.findChild<QWidget *>(QStringLiteral("lineNumberArea"));
    QVERIFY(gutter);
    QCOMPARE(gutter->width(), editor.lineNumberAreaWidth());

    const QTextBlock line3 = editor.document()->findBlockByNumber(2);
    const int y = editor.cursorRect(QTextCursor(line3)).center().y();
    QHelpEvent help(QEvent::ToolTip, QPoint(4, y), gutter->mapToGlobal(QPoint(4, y)));
    QCoreApplication::sendEvent(gutter, &help);
    QTRY_COMPARE_WITH_TIMEOUT(QToolTip::text(), QStringLiteral("Error: bad path\nWarning: odd"),
                              1000);

    QTest::mouseClick(gutter, Qt::LeftButton, Qt::NoModifier, QPoint(4, y));
    QCOMPARE(editor.textCursor().position(), line3.position() + 4);
}

void TestYamlEditor::goToLine()
{
    YamlEditor editor;
    editor.resize(400, 200);
    QString text;
    for (int i = 1; i <= 200; ++i)
        text += QStringLiteral("key%1: value\n").arg(i);
    editor.setPlainText(text);
    editor.show();
    QVERIFY(QTest::qWaitForWindowExposed(&editor));

    editor.goToLine(150, 4);
    QCOMPARE(editor.textCursor().blockNumber(), 149);
    QCOMPARE(editor.textCursor().positionInBlock(), 3);
    QVERIFY(editor.cursorForPosition(QPoint(0, 0)).blockNumber() > 100);
    QVERIFY(editor.cursorRect().top() > 0
            && editor.cursorRect().bottom() < editor.viewport()->height());
    QTRY_VERIFY_WITH_TIMEOUT(editor.hasFocus(), 1000);

    editor.goToLine(3, 1000); // clamped to the line's end
    QCOMPARE(editor.textCursor().blockNumber(), 2);
    QCOMPARE(editor.textCursor().positionInBlock(), QStringLiteral("key3: value").size());

    editor.goToLine(0);
    QCOMPARE(editor.textCursor().blockNumber(), 2);
}

void TestYamlEditor::autoIndent_data()
{
    QTest::addColumn<QString>("line");
    QTest::addColumn<QString>("indent");

    QTest::newRow("key") << QStringLiteral("key:") << QStringLiteral("  ");
    QTest::newRow("nested key") << QStringLiteral("  on-connect:") << QStringLiteral("    ");
    QTest::newRow("key with comment")
        << QStringLiteral("on-connect:  # greeting") << QStringLiteral("  ");
    QTest::newRow("key and value")
        << QStringLiteral("    path: /ws/echo") << QStringLiteral("    ");
    QTest::newRow("item opening a mapping")
        << QStringLiteral("- websocket:") << QStringLiteral("    ");
    QTest::newRow("item with a key")
        << QStringLiteral("      - pattern: \"ping\"") << QStringLiteral("        ");
    QTest::newRow("plain item") << QStringLiteral("  - ping") << QStringLiteral("  ");
    QTest::newRow("block scalar") << QStringLiteral("  body: |") << QStringLiteral("    ");
    QTest::newRow("colon in a string") << QStringLiteral("  a: 'b:'") << QStringLiteral("  ");
    QTest::newRow("flat") << QStringLiteral("plain") << QString();
}

void TestYamlEditor::autoIndent()
{
    QFETCH(QString, line);
    QFETCH(QString, indent);

    YamlEditor editor;
    editor.setPlainText(line);
    editor.moveCursor(QTextCursor::End);
    QTest::keyClick(&editor, Qt::Key_Return);
    QCOMPARE(editor.toPlainText(), line + QLatin1Char('\n') + indent);
    QCOMPARE(editor.textCursor().positionInBlock(), indent.size());

    // One undo step takes back the newline and its indentation together.
    editor.undo();
    QCOMPARE(editor.toPlainText(), line);
}

void TestYamlEditor::tabInsertsSpaces()
{
    YamlEditor editor;
    QTest::keyClick(&editor, Qt::Key_Tab);
    QCOMPARE(editor.toPlainText(), QStringLiteral("  "));
    QTest::keyClicks(&editor, QStringLiteral("a:"));
    QTest::keyClick(&editor, Qt::Key_Tab);
    QCOMPARE(editor.toPlainText(), QStringLiteral("  a:  "));
    QVERIFY(!editor.toPlainText().contains(QLatin1Char('\t')));

    // Backspace in the indentation goes back a whole level.
    editor.setPlainText(QStringLiteral("    x"));
    QTextCursor cursor = editor.textCursor();
    cursor.setPosition(4);
    editor.setTextCursor(cursor);
    QTest::keyClick(&editor, Qt::Key_Backspace);
    QCOMPARE(editor.toPlainText(), QStringLiteral("  x"));
}

void TestYamlEditor::shiftTabUnindentsLines()
{
    YamlEditor editor;
    editor.setPlainText(QStringLiteral("a:\n  b: 1\n  c: 2\n"));
    QTextCursor cursor(editor.document());
    cursor.setPosition(0);
    cursor.movePosition(QTextCursor::Down, QTextCursor::KeepAnchor, 2);
    cursor.movePosition(QTextCursor::EndOfBlock, QTextCursor::KeepAnchor);
    editor.setTextCursor(cursor);
    QTest::keyClick(&editor, Qt::Key_Tab);
    QCOMPARE(editor.toPlainText(), QStringLiteral("  a:\n    b: 1\n    c: 2\n"));
    QTest::keyClick(&editor, Qt::Key_Backtab);
    QTest::keyClick(&editor, Qt::Key_Backtab);
    QCOMPARE(editor.toPlainText(), QStringLiteral("a:\nb: 1\nc: 2\n"));
    editor.undo();
    QCOMPARE(editor.toPlainText(), QStringLiteral("a:\n  b: 1\n  c: 2\n"));
}

void TestYamlEditor::undoRestoresTyping()
{
    YamlEditor editor;
    editor.setPlainText(QStringLiteral("key: 1"));
    QVERIFY(!editor.document()->isUndoAvailable());
    editor.moveCursor(QTextCursor::End);
    QTest::keyClicks(&editor, QStringLiteral("23"));
    QCOMPARE(editor.toPlainText(), QStringLiteral("key: 123"));
    QVERIFY(editor.document()->isUndoAvailable());
    while (editor.document()->isUndoAvailable())
        editor.undo();
    QCOMPARE(editor.toPlainText(), QStringLiteral("key: 1"));
    editor.redo();
    QCOMPARE(editor.toPlainText(), QStringLiteral("key: 123"));
}

void TestYamlEditor::highlighterFormats()
{
    YamlEditor editor;
    editor.setPlainText(Sample
                        + QStringLiteral("        pattern: 'a # b' # real\n"
                                         "    count: 42\n"));
    const YamlHighlighter *highlighter = editor.highlighter();
    using Role = YamlHighlighter::Role;

    // Line 0: "# a comment", all of it.
    auto comment = rangesWith(editor, 0, highlighter->format(Role::Comment));
    QCOMPARE(comment.size(), 1);
    QCOMPARE(comment.first().start, 0);
    QCOMPARE(comment.first().length, QStringLiteral("# a comment").size());

    // Line 5: "        response: '{{path-params.x}}'"
    const QString line5 = editor.document()->findBlockByNumber(5).text();
    const auto placeholder = rangesWith(editor, 5, highlighter->format(Role::Placeholder));
    QCOMPARE(placeholder.size(), 1);
    QCOMPARE(line5.mid(placeholder.first().start, placeholder.first().length),
             QStringLiteral("{{path-params.x}}"));
    QVERIFY(highlighter->format(Role::Placeholder).foreground()
            != highlighter->format(Role::String).foreground());

    // Mocket's keys are bold, list dashes coloured.
    const auto key = rangesWith(editor, 5, highlighter->format(Role::MocketKey));
    QCOMPARE(key.size(), 1);
    QCOMPARE(line5.mid(key.first().start, key.first().length), QStringLiteral("response"));
    QCOMPARE(key.first().format.fontWeight(), int(QFont::Bold));
    const auto dash = rangesWith(editor, 1, highlighter->format(Role::Dash));
    QCOMPARE(dash.size(), 1);
    QCOMPARE(dash.first().start, 0);

    // A # inside quotes starts no comment; the one after the string does.
    const QString line6 = editor.document()->findBlockByNumber(6).text();
    const auto strings = rangesWith(editor, 6, highlighter->format(Role::String));
    QCOMPARE(strings.size(), 1);
    QCOMPARE(line6.mid(strings.first().start, strings.first().length), QStringLiteral("'a # b'"));
    const auto realComment = rangesWith(editor, 6, highlighter->format(Role::Comment));
    QCOMPARE(realComment.size(), 1);
    QCOMPARE(line6.mid(realComment.first().start), QStringLiteral("# real"));

    const auto number = rangesWith(editor, 7, highlighter->format(Role::Scalar));
    QCOMPARE(number.size(), 1);
    QCOMPARE(number.first().length, 2);
}

void TestYamlEditor::highlighterRoles_data()
{
    using Role = YamlHighlighter::Role;
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("line");
    QTest::addColumn<Role>("role");
    QTest::addColumn<QStringList>("coloured");

    auto row = [](const char *name, const char *text, int line, Role role,
                  std::initializer_list<const char *> coloured) {
        QStringList texts;
        for (const char *part : coloured)
            texts.append(QString::fromUtf8(part));
        QTest::newRow(name) << QString::fromUtf8(text) << line << role << texts;
    };
    const char *block = "response: |\n  text {{x}}\n\nnext: 1\n";
    row("document marker", "--- # top\n", 0, Role::DocumentMarker, { "---" });
    row("comment after a document marker", "--- # top\n", 0, Role::Comment, { "# top" });
    row("four dashes are no marker", "----\n", 0, Role::DocumentMarker, {});
    row("block scalar indicator", block, 0, Role::Dash, { "|" });
    row("block scalar line is text", block, 1, Role::String, { "text " });
    row("placeholder in a block scalar", block, 1, Role::Placeholder, { "{{x}}" });
    row("blank line keeps the block scalar, a key ends it", block, 3, Role::Key, { "next" });
    row("block scalar under a list item", "- response: >-\n    folded\n  next: 2\n", 1,
        Role::String, { "folded" });
    row("key at the item's indent ends it", "- response: >-\n    folded\n  next: 2\n", 2,
        Role::Scalar, { "2" });
    row("nested list dashes", "- - a\n", 0, Role::Dash, { "-", "-" });
    row("quoted Mocket key", "\"on-message\": x\n", 0, Role::MocketKey, { "\"on-message\"" });
    row("plain key", "name: x\n", 0, Role::Key, { "name" });
    row("colon without a blank is no key", "url: http://a:b\n", 0, Role::Key, { "url" });
    row("flow list scalars", "to: [1, two, {{x}}, 2.5]\n", 0, Role::Scalar, { "1", "2.5" });
    row("placeholder in a flow list", "to: [1, two, {{x}}, 2.5]\n", 0, Role::Placeholder,
        { "{{x}}" });
    row("block indicator inside a flow list is text", "to: [|]\n  x: 1\n", 1, Role::Key, { "x" });
    row("anchor", "base: &b {a: 1}\nother: *b\n", 0, Role::Anchor, { "&b" });
    row("alias", "base: &b {a: 1}\nother: *b\n", 1, Role::Anchor, { "*b" });
    row("tag", "n: !!str 3\n", 0, Role::Anchor, { "!!str" });
    row("scalar after a tag", "n: !!str 3\n", 0, Role::Scalar, { "3" });
    row("comment after a placeholder", "response: {{x}} # c\n", 0, Role::Comment, { "# c" });
    row("placeholder hides a #", "response: {{x | default ' # no'}}\n", 0, Role::Comment, {});
    row("placeholder in a plain scalar", "response: {{x | default ' # no'}}\n", 0,
        Role::Placeholder, { "{{x | default ' # no'}}" });
}

void TestYamlEditor::highlighterRoles()
{
    using Role = YamlHighlighter::Role;
    QFETCH(QString, text);
    QFETCH(int, line);
    QFETCH(Role, role);
    QFETCH(QStringList, coloured);
    YamlEditor editor;
    editor.setPlainText(text);
    QCOMPARE(textsWith(editor, line, editor.highlighter()->format(role)), coloured);
}

void TestYamlEditor::findBarNextPreviousWrap()
{
    QWidget window;
    auto *layout = new QVBoxLayout(&window);
    auto *editor = new YamlEditor(&window);
    auto *bar = new FindBar(&window);
    layout->addWidget(editor);
    layout->addWidget(bar);
    bar->setEditor(editor);
    QCOMPARE(bar->editor(), editor);
    editor->setPlainText(QStringLiteral("alpha: beta\nAlpha: x\n  - alpha\n"));
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(!bar->isVisible());

    bar->activate();
    QVERIFY(bar->isVisible());
    bar->setSearchText(QStringLiteral("alpha"));
    QCOMPARE(bar->matchCount(), 3);
    QCOMPARE(bar->currentMatch(), 1);
    QCOMPARE(bar->statusText(), QStringLiteral("1 of 3"));
    QCOMPARE(backgroundSelections(*editor), 3);

    bar->findNext();
    QCOMPARE(bar->statusText(), QStringLiteral("2 of 3"));
    QCOMPARE(editor->textCursor().selectedText(), QStringLiteral("Alpha"));
    QCOMPARE(editor->textCursor().blockNumber(), 1);
    bar->findNext();
    QCOMPARE(bar->currentMatch(), 3);
    bar->findNext(); // wraps to the first
    QCOMPARE(bar->currentMatch(), 1);
    QCOMPARE(editor->textCursor().selectionStart(), 0);
    bar->findPrevious(); // wraps to the last
    QCOMPARE(bar->statusText(), QStringLiteral("3 of 3"));
    QCOMPARE(editor->textCursor().blockNumber(), 2);

    // From a cursor that is on no match, Next takes the next one after it.
    QTextCursor cursor = editor->textCursor();
    cursor.setPosition(3);
    editor->setTextCursor(cursor);
    QCOMPARE(bar->currentMatch(), 0);
    QCOMPARE(bar->statusText(), QStringLiteral("3 matches"));
    bar->findNext();
    QCOMPARE(bar->currentMatch(), 2);

    // Edits are searched again while the bar is open.
    QTextCursor edit(editor->document());
    edit.movePosition(QTextCursor::End);
    edit.insertText(QStringLiteral("alpha\n"));
    QCOMPARE(bar->matchCount(), 4);
}

void TestYamlEditor::findBarKeys()
{
    QWidget window;
    auto *layout = new QVBoxLayout(&window);
    auto *editor = new YamlEditor(&window);
    auto *bar = new FindBar(&window);
    layout->addWidget(editor);
    layout->addWidget(bar);
    bar->setEditor(editor);
    editor->setPlainText(QStringLiteral("one two one two one\n"));
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QSignalSpy deactivated(bar, &FindBar::deactivated);
    QVERIFY(deactivated.isValid());

    bar->activate();
    auto *field = bar->findChild<QLineEdit *>();
    QVERIFY(field);
    QTRY_VERIFY_WITH_TIMEOUT(field->hasFocus(), 1000);
    QTest::keyClicks(field, QStringLiteral("one"));
    QCOMPARE(bar->statusText(), QStringLiteral("1 of 3"));
    QTest::keyClick(field, Qt::Key_Return);
    QCOMPARE(bar->statusText(), QStringLiteral("2 of 3"));
    QTest::keyClick(field, Qt::Key_Return, Qt::ShiftModifier);
    QCOMPARE(bar->statusText(), QStringLiteral("1 of 3"));
    QTest::keyClick(field, Qt::Key_Enter, Qt::ShiftModifier);
    QCOMPARE(bar->statusText(), QStringLiteral("3 of 3"));
    QCOMPARE(editor->toPlainText(), QStringLiteral("one two one two one\n"));

    QTest::keyClick(field, Qt::Key_Escape);
    QVERIFY(!bar->isVisible());
    QCOMPARE(deactivated.size(), 1);
    QCOMPARE(backgroundSelections(*editor), 0);
    QTRY_VERIFY_WITH_TIMEOUT(editor->hasFocus(), 1000);
}

void TestYamlEditor::findBarNoMatchesAndCase()
{
    QWidget window;
    auto *layout = new QVBoxLayout(&window);
    auto *editor = new QPlainTextEdit(&window); // any editor, not only a YamlEditor
    auto *bar = new FindBar(&window);
    layout->addWidget(editor);
    layout->addWidget(bar);
    bar->setEditor(editor);
    editor->setPlainText(QStringLiteral("Path path PATH\n"));
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    bar->activate();

    bar->setSearchText(QStringLiteral("zzz"));
    QCOMPARE(bar->matchCount(), 0);
    QCOMPARE(bar->currentMatch(), 0);
    QCOMPARE(bar->statusText(), QStringLiteral("No matches"));
    bar->findNext(); // harmless
    QCOMPARE(bar->statusText(), QStringLiteral("No matches"));

    bar->setSearchText(QStringLiteral("path"));
    QCOMPARE(bar->matchCount(), 3);
    QCOMPARE(editor->extraSelections().size(), 3);
    bar->setMatchCase(true);
    QVERIFY(bar->matchCase());
    QCOMPARE(bar->matchCount(), 1);
    QCOMPARE(bar->statusText(), QStringLiteral("1 of 1"));
    QCOMPARE(editor->textCursor().selectionStart(), 5);
    bar->findNext();
    QCOMPARE(editor->textCursor().selectionStart(), 5);
    bar->setMatchCase(false);
    QCOMPARE(bar->matchCount(), 3);

    bar->setSearchText(QString());
    QCOMPARE(bar->matchCount(), 0);
    QCOMPARE(bar->statusText(), QString());
}

void TestYamlEditor::findBarPrefillsSelection()
{
    QWidget window;
    auto *layout = new QVBoxLayout(&window);
    auto *editor = new YamlEditor(&window);
    auto *bar = new FindBar(&window);
    layout->addWidget(editor);
    layout->addWidget(bar);
    bar->setEditor(editor);
    editor->setPlainText(QStringLiteral("path: /a\npath: /b\n"));
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));

    QTextCursor cursor(editor->document());
    cursor.setPosition(9);
    cursor.setPosition(13, QTextCursor::KeepAnchor);
    editor->setTextCursor(cursor);
    bar->activate();
    QCOMPARE(bar->searchText(), QStringLiteral("path"));
    QCOMPARE(bar->statusText(), QStringLiteral("2 of 2"));

    // A selection over several lines is no search text.
    bar->deactivate();
    editor->selectAll();
    bar->activate();
    QCOMPARE(bar->searchText(), QStringLiteral("path"));
}

void TestYamlEditor::diagnosticsSurviveSearch()
{
    QWidget window;
    auto *layout = new QVBoxLayout(&window);
    auto *editor = new YamlEditor(&window);
    auto *bar = new FindBar(&window);
    layout->addWidget(editor);
    layout->addWidget(bar);
    bar->setEditor(editor);
    editor->setPlainText(Sample);
    editor->setDiagnostics(
        { diagnostic(Diagnostic::Severity::Error, 3, 5, QStringLiteral("bad path")),
          diagnostic(Diagnostic::Severity::Warning, 5, 17, QStringLiteral("odd")) });
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));

    bar->activate();
    bar->setSearchText(QStringLiteral("p"));
    QVERIFY(bar->matchCount() > 3);
    QCOMPARE(editor->searchSelections().size(), bar->matchCount());
    QCOMPARE(waveSelections(*editor).size(), 2);
    QCOMPARE(backgroundSelections(*editor), bar->matchCount());

    // Diagnostics set while searching keep the search highlights too.
    editor->setDiagnostics({ diagnostic(Diagnostic::Severity::Error, 2, 3, QStringLiteral("x")) });
    QCOMPARE(waveSelections(*editor).size(), 1);
    QCOMPARE(backgroundSelections(*editor), bar->matchCount());

    bar->deactivate();
    QCOMPARE(waveSelections(*editor).size(), 1);
    QCOMPARE(backgroundSelections(*editor), 0);
    QCOMPARE(editor->markedLines(), QList<int> { 2 });
}

void TestYamlEditor::screenshot()
{
    if (!qEnvironmentVariableIsSet("MOCKET_SCREENSHOTS"))
        QSKIP("Set MOCKET_SCREENSHOTS to write /tmp/yamleditor.png");
    const QString example = readExample(QStringLiteral("mocks.yml"));
    QVERIFY(!example.isEmpty());

    YamlEditor editor;
    editor.resize(800, 500);
    editor.setPlainText(example);
    editor.setDiagnostics({
        diagnostic(Diagnostic::Severity::Error, 6, 11, QStringLiteral("path must start with '/'")),
        diagnostic(Diagnostic::Severity::Warning, 12, 18,
                   QStringLiteral("pattern matches any message")),
    });
    editor.show();
    QVERIFY(QTest::qWaitForWindowExposed(&editor));
    editor.goToLine(8, 7);
    QVERIFY(editor.grab().save(QStringLiteral("/tmp/yamleditor.png")));

    // The same with the find bar open over a search.
    QWidget window;
    window.resize(800, 500);
    auto *layout = new QVBoxLayout(&window);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    auto *searched = new YamlEditor(&window);
    auto *bar = new FindBar(&window);
    layout->addWidget(searched);
    layout->addWidget(bar);
    bar->setEditor(searched);
    searched->setPlainText(example);
    searched->setDiagnostics(editor.diagnostics());
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    bar->activate();
    bar->setSearchText(QStringLiteral("echo"));
    bar->findNext();
    QVERIFY(window.grab().save(QStringLiteral("/tmp/yamleditor-find.png")));
}

QTEST_MAIN(TestYamlEditor)
#include "tst_ui_yamleditor.moc"
