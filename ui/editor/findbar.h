#pragma once

#include <QPointer>
#include <QTextCursor>
#include <QTextEdit>
#include <QWidget>

#include <functional>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QToolButton;

// Incremental search in one text editor: all matches highlighted, the current one
// selected, Enter / Shift+Enter for next / previous (wrapping), Escape to close.
// In replace mode a second row replaces the current match or all of them, each
// replacement one undo step.
// On a YamlEditor the highlights go through setSearchSelections(), so the
// diagnostics' underlines stay; on any other editor they replace its extra selections.
class FindBar : public QWidget
{
    Q_OBJECT

public:
    explicit FindBar(QWidget *parent = nullptr);
    ~FindBar() override;

    void setEditor(QPlainTextEdit *editor);
    QPlainTextEdit *editor() const;

    QString searchText() const;
    void setSearchText(const QString &text);
    bool matchCase() const;
    void setMatchCase(bool matchCase);

    int matchCount() const;
    // 1-based index of the match the editor has selected; 0 when it has none selected.
    int currentMatch() const;
    // What the bar shows: "2 of 3", "No matches", or empty for an empty field.
    QString statusText() const;

    QString replaceText() const;
    void setReplaceText(const QString &text);
    bool isReplaceVisible() const;

public Q_SLOTS:
    // Shows the bar with the field focused, pre-filled with the editor's selection.
    void activate();
    // Shows the bar with its replace row, the find field focused.
    void activateReplace();
    // Hides the bar, drops its highlights and gives the focus back to the editor.
    void deactivate();
    void findNext();
    void findPrevious();
    // Replaces the selected match and selects the next one; selects the next match when
    // none is selected.
    void replaceCurrent();
    // Replaces every match in one undo step; returns how many were replaced.
    int replaceAll();

Q_SIGNALS:
    void deactivated();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;

private:
    void searchChanged();
    void updateMatches();
    enum class Mode { Find, Replace };
    void buildReplaceRow();
    void openIn(Mode mode);
    bool fieldKey(const QKeyEvent *key, Qt::KeyboardModifier modifier,
                  const std::function<void()> &modified, const std::function<void()> &plain);
    void selectMatch(int index);
    int indexOfSelection() const;
    void updateHighlights();
    void updateStatus();
    void setSearchSelections(const QList<QTextEdit::ExtraSelection> &selections);

    QPointer<QPlainTextEdit> m_editor;
    QList<QMetaObject::Connection> m_editorConnections;
    QLineEdit *m_field = nullptr;
    QToolButton *m_previous = nullptr;
    QToolButton *m_next = nullptr;
    QCheckBox *m_matchCase = nullptr;
    QLabel *m_status = nullptr;
    QToolButton *m_close = nullptr;
    QWidget *m_replaceRow = nullptr;
    QLineEdit *m_replaceField = nullptr;
    QToolButton *m_replace = nullptr;
    QToolButton *m_replaceAll = nullptr;
    QList<QTextCursor> m_matches;
};
