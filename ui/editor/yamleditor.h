#pragma once

#include "diagnostic.h"
#include "placeholders.h"
#include "specoutline.h"

#include <QPlainTextEdit>
#include <QTextCursor>

class LineNumberArea;
class PlaceholderCompleter;
class YamlHighlighter;

// The workbench's text view of a config: line numbers, YAML colouring, two-space
// indentation, and the loader's diagnostics drawn as wavy underlines with a marker
// in the gutter. Diagnostics and search hits are extra selections, so neither the
// text nor the undo stack ever changes when they do.
class YamlEditor : public QPlainTextEdit
{
    Q_OBJECT

public:
    explicit YamlEditor(QWidget *parent = nullptr);
    ~YamlEditor() override;

    // Replaces the shown diagnostics. Their places follow later edits of the text; when
    // the whole text is replaced they are placed again by line and column. Line 0 marks
    // nothing; a line past the end marks the last line. The file name is not checked.
    void setDiagnostics(const QList<Diagnostic> &diagnostics);
    QList<Diagnostic> diagnostics() const;
    // 1-based lines carrying a gutter marker, ascending.
    QList<int> markedLines() const;

    // The find bar's highlights, kept apart from and drawn under the diagnostics.
    void setSearchSelections(const QList<QTextEdit::ExtraSelection> &selections);
    QList<QTextEdit::ExtraSelection> searchSelections() const;

    YamlHighlighter *highlighter() const;
    // Placeholders for replies: "{{" or Ctrl+Space completes, the context menu inserts.
    PlaceholderCompleter *placeholderCompleter() const { return m_placeholders; }
    int lineNumberAreaWidth() const;

    static QColor severityColor(Diagnostic::Severity severity);

public Q_SLOTS:
    // 1-based; clamped to the text. Moves the cursor, centres it and takes focus.
    void goToLine(int line, int column = 1);

protected:
    void resizeEvent(QResizeEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void contextMenuEvent(QContextMenuEvent *event) override;
    void changeEvent(QEvent *event) override;
    bool viewportEvent(QEvent *event) override;

private:
    friend class LineNumberArea;

    struct Mark
    {
        Diagnostic diagnostic;
        QTextCursor place; // at the line's start, so it follows edits above it
        QTextCursor range; // the underlined text; may be empty
    };

    QList<Placeholder> placeholdersHere();
    void paintLineNumberArea(QPaintEvent *event);
    bool lineNumberAreaEvent(QEvent *event);
    int lineAt(int viewportY) const;
    int problemLine(int markerY) const;
    QString problemsText(int line) const;
    const Mark *firstMarkOn(int line) const;
    void updateLineNumberAreaWidth();
    void updateLineNumberArea(const QRect &rect, int dy);
    void onContentsChange(int from, int charsRemoved, int charsAdded);
    void refreshExtraSelections();
    void applyPalette();
    void insertNewline();
    void indentSelection(bool unindent);
    bool smartBackspace();

    LineNumberArea *m_lineNumberArea = nullptr;
    YamlHighlighter *m_highlighter = nullptr;
    PlaceholderCompleter *m_placeholders = nullptr;
    SpecOutline m_lastOutline;
    QList<Mark> m_marks;
    QList<QTextEdit::ExtraSelection> m_diagnosticSelections;
    QList<QTextEdit::ExtraSelection> m_searchSelections;
    int m_documentLength = 0;
    bool m_replacePending = false;
};
