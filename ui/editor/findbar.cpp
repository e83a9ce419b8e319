#include "findbar.h"

#include "yamleditor.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QStyle>
#include <QTextBlock>
#include <QTextDocument>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>
#include <functional>

namespace {
// Past this many, highlighting every match costs more than it tells.
constexpr int MaxHighlights = 2000;

// The first match starting at or after position, wrapping round to the first of all.
int firstMatchFrom(const QList<QTextCursor> &matches, int position)
{
    const auto found
        = std::find_if(matches.cbegin(), matches.cend(), [position](const QTextCursor &match) {
              return match.selectionStart() >= position;
          });
    return found == matches.cend() ? 0 : int(found - matches.cbegin());
}
} // namespace

FindBar::FindBar(QWidget *parent)
    : QWidget(parent)
    , m_field(new QLineEdit(this))
    , m_previous(new QToolButton(this))
    , m_next(new QToolButton(this))
    , m_matchCase(new QCheckBox(tr("Match case"), this))
    , m_status(new QLabel(this))
    , m_close(new QToolButton(this))
{
    m_field->setPlaceholderText(tr("Find"));
    m_field->setClearButtonEnabled(true);
    m_field->setMinimumWidth(m_field->fontMetrics().horizontalAdvance(QLatin1Char('x')) * 24);
    m_field->installEventFilter(this);

    m_previous->setText(tr("Previous"));
    m_previous->setToolTip(tr("Previous match (Shift+Enter)"));
    m_previous->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_next->setText(tr("Next"));
    m_next->setToolTip(tr("Next match (Enter)"));
    m_next->setToolButtonStyle(Qt::ToolButtonTextOnly);

    m_close->setIcon(style()->standardIcon(QStyle::SP_TitleBarCloseButton));
    m_close->setAutoRaise(true);
    m_close->setToolTip(tr("Close (Escape)"));
    m_close->setAccessibleName(tr("Close find bar"));

    m_status->setMinimumWidth(m_status->fontMetrics().horizontalAdvance(tr("No matches")) + 8);

    auto *rows = new QVBoxLayout(this);
    rows->setContentsMargins(6, 3, 3, 3);
    rows->setSpacing(3);
    auto *layout = new QHBoxLayout;
    rows->addLayout(layout);
    layout->addWidget(m_field);
    layout->addWidget(m_previous);
    layout->addWidget(m_next);
    layout->addWidget(m_matchCase);
    layout->addWidget(m_status);
    layout->addStretch();
    layout->addWidget(m_close);

    connect(m_field, &QLineEdit::textEdited, this, &FindBar::searchChanged);
    connect(m_matchCase, &QCheckBox::toggled, this, &FindBar::searchChanged);
    connect(m_previous, &QToolButton::clicked, this, &FindBar::findPrevious);
    connect(m_next, &QToolButton::clicked, this, &FindBar::findNext);
    connect(m_close, &QToolButton::clicked, this, &FindBar::deactivate);

    buildReplaceRow();
    rows->addWidget(m_replaceRow);
    setFocusProxy(m_field);
    hide();
}

void FindBar::buildReplaceRow()
{
    m_replaceRow = new QWidget(this);
    m_replaceField = new QLineEdit(m_replaceRow);
    m_replaceField->setPlaceholderText(tr("Replace with"));
    m_replaceField->setClearButtonEnabled(true);
    m_replaceField->setMinimumWidth(m_field->minimumWidth());
    m_replaceField->installEventFilter(this);
    m_replace = new QToolButton(m_replaceRow);
    m_replace->setText(tr("Replace"));
    m_replace->setToolTip(tr("Replace this match and go to the next (Enter)"));
    m_replace->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_replaceAll = new QToolButton(m_replaceRow);
    m_replaceAll->setText(tr("Replace all"));
    m_replaceAll->setToolTip(tr("Replace every match, in one undo step (Ctrl+Enter)"));
    m_replaceAll->setToolButtonStyle(Qt::ToolButtonTextOnly);

    auto *layout = new QHBoxLayout(m_replaceRow);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_replaceField);
    layout->addWidget(m_replace);
    layout->addWidget(m_replaceAll);
    layout->addStretch();

    connect(m_replace, &QToolButton::clicked, this, &FindBar::replaceCurrent);
    connect(m_replaceAll, &QToolButton::clicked, this, &FindBar::replaceAll);
    m_replaceRow->hide();
}

FindBar::~FindBar()
{
    if (m_editor)
        m_editor->removeEventFilter(this);
}

void FindBar::setEditor(QPlainTextEdit *editor)
{
    if (editor == m_editor)
        return;
    if (m_editor) {
        setSearchSelections({});
        m_editor->removeEventFilter(this);
    }
    for (const QMetaObject::Connection &connection : std::as_const(m_editorConnections))
        disconnect(connection);
    m_editorConnections.clear();
    m_matches.clear();

    m_editor = editor;
    if (!m_editor)
        return;
    m_editor->installEventFilter(this);
    m_editorConnections.append(
        connect(m_editor->document(), &QTextDocument::contentsChanged, this, [this] {
            if (isVisible())
                updateMatches();
        }));
    m_editorConnections.append(
        connect(m_editor, &QPlainTextEdit::cursorPositionChanged, this, [this] {
            if (isVisible()) {
                updateHighlights();
                updateStatus();
            }
        }));
    if (isVisible())
        updateMatches();
}

QPlainTextEdit *FindBar::editor() const
{
    return m_editor;
}

QString FindBar::searchText() const
{
    return m_field->text();
}

void FindBar::setSearchText(const QString &text)
{
    m_field->setText(text);
    searchChanged();
}

bool FindBar::matchCase() const
{
    return m_matchCase->isChecked();
}

void FindBar::setMatchCase(bool matchCase)
{
    m_matchCase->setChecked(matchCase);
}

int FindBar::matchCount() const
{
    return int(m_matches.size());
}

int FindBar::currentMatch() const
{
    return indexOfSelection() + 1;
}

QString FindBar::statusText() const
{
    return m_status->text();
}

QString FindBar::replaceText() const
{
    return m_replaceField->text();
}

void FindBar::setReplaceText(const QString &text)
{
    m_replaceField->setText(text);
}

bool FindBar::isReplaceVisible() const
{
    return isVisible() && m_replaceRow->isVisibleTo(this);
}

void FindBar::activate()
{
    openIn(Mode::Find);
}

void FindBar::activateReplace()
{
    openIn(Mode::Replace);
}

void FindBar::openIn(Mode mode)
{
    m_replaceRow->setVisible(mode == Mode::Replace);
    if (m_editor) {
        const QTextCursor cursor = m_editor->textCursor();
        const QString selected = cursor.selectedText();
        if (!selected.isEmpty() && !selected.contains(QChar::ParagraphSeparator))
            m_field->setText(selected);
    }
    show();
    m_field->setFocus(Qt::ShortcutFocusReason);
    m_field->selectAll();
    updateMatches();
}

void FindBar::deactivate()
{
    hide();
    if (m_editor)
        m_editor->setFocus(Qt::OtherFocusReason);
    Q_EMIT deactivated();
}

void FindBar::findNext()
{
    if (m_matches.isEmpty())
        updateMatches();
    if (m_matches.isEmpty() || !m_editor)
        return;
    const int current = indexOfSelection();
    if (current >= 0) {
        selectMatch((current + 1) % int(m_matches.size()));
        return;
    }
    selectMatch(firstMatchFrom(m_matches, m_editor->textCursor().selectionEnd()));
}

void FindBar::replaceCurrent()
{
    if (!m_editor || m_editor->isReadOnly())
        return;
    const int current = indexOfSelection();
    if (current < 0) {
        findNext();
        return;
    }
    QTextCursor cursor = m_editor->textCursor();
    const int after = cursor.selectionStart() + int(m_replaceField->text().size());
    cursor.insertText(m_replaceField->text());
    updateMatches();
    if (m_matches.isEmpty())
        return;
    selectMatch(firstMatchFrom(m_matches, after));
}

int FindBar::replaceAll()
{
    if (!m_editor || m_editor->isReadOnly())
        return 0;
    updateMatches();
    const QList<QTextCursor> matches = m_matches;
    if (matches.isEmpty())
        return 0;
    QTextCursor edit(m_editor->document());
    edit.beginEditBlock();
    // Last to first, so the earlier matches' positions still hold.
    for (auto match = matches.crbegin(); match != matches.crend(); ++match) {
        edit.setPosition(match->selectionStart());
        edit.setPosition(match->selectionEnd(), QTextCursor::KeepAnchor);
        edit.insertText(m_replaceField->text());
    }
    edit.endEditBlock();
    updateMatches();
    m_status->setText(tr("Replaced %n match(es)", nullptr, int(matches.size())));
    return int(matches.size());
}

void FindBar::findPrevious()
{
    if (m_matches.isEmpty())
        updateMatches();
    if (m_matches.isEmpty() || !m_editor)
        return;
    const int count = int(m_matches.size());
    const int current = indexOfSelection();
    if (current >= 0) {
        selectMatch((current - 1 + count) % count);
        return;
    }
    const int before = m_editor->textCursor().selectionStart();
    for (int index = count - 1; index >= 0; --index) {
        if (m_matches.at(index).selectionEnd() <= before) {
            selectMatch(index);
            return;
        }
    }
    selectMatch(count - 1);
}

bool FindBar::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() == QEvent::KeyPress) {
        auto *key = static_cast<QKeyEvent *>(event);
        if (watched == m_field) {
            return fieldKey(
                key, Qt::ShiftModifier, [this] { findPrevious(); }, [this] { findNext(); });
        }
        if (watched == m_replaceField) {
            return fieldKey(
                key, Qt::ControlModifier, [this] { replaceAll(); }, [this] { replaceCurrent(); });
        }
        if (watched == m_editor && key->key() == Qt::Key_Escape && isVisible()) {
            deactivate();
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

// Enter in one of the bar's fields does plain(), with the modifier held modified();
// Escape closes the bar.
bool FindBar::fieldKey(const QKeyEvent *key, Qt::KeyboardModifier modifier,
                       const std::function<void()> &modified, const std::function<void()> &plain)
{
    if (key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter) {
        if (key->modifiers() & modifier)
            modified();
        else
            plain();
        return true;
    }
    if (key->key() == Qt::Key_Escape) {
        deactivate();
        return true;
    }
    return false;
}

void FindBar::keyPressEvent(QKeyEvent *event)
{
    if (event->key() == Qt::Key_Escape) {
        deactivate();
        return;
    }
    QWidget::keyPressEvent(event);
}

void FindBar::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    updateMatches();
}

void FindBar::hideEvent(QHideEvent *event)
{
    setSearchSelections({});
    QWidget::hideEvent(event);
}

// The text or the case rule changed: search again from where the current match starts,
// so typing more of a word keeps the match it is already on.
void FindBar::searchChanged()
{
    updateMatches();
    if (m_matches.isEmpty() || !m_editor)
        return;
    selectMatch(firstMatchFrom(m_matches, m_editor->textCursor().selectionStart()));
}

void FindBar::updateMatches()
{
    m_matches.clear();
    const QString text = m_field->text();
    if (m_editor && !text.isEmpty()) {
        QTextDocument *document = m_editor->document();
        const QTextDocument::FindFlags flags
            = matchCase() ? QTextDocument::FindCaseSensitively : QTextDocument::FindFlags();
        QTextCursor found(document);
        for (;;) {
            found = document->find(text, found, flags);
            if (found.isNull() || !found.hasSelection())
                break;
            m_matches.append(found);
        }
    }
    updateHighlights();
    updateStatus();
}

void FindBar::selectMatch(int index)
{
    if (!m_editor || index < 0 || index >= m_matches.size())
        return;
    m_editor->setTextCursor(m_matches.at(index));
    m_editor->ensureCursorVisible();
    updateHighlights();
    updateStatus();
}

int FindBar::indexOfSelection() const
{
    if (!m_editor)
        return -1;
    const QTextCursor cursor = m_editor->textCursor();
    if (!cursor.hasSelection())
        return -1;
    for (int index = 0; index < m_matches.size(); ++index) {
        const QTextCursor &match = m_matches.at(index);
        if (match.selectionStart() == cursor.selectionStart()
            && match.selectionEnd() == cursor.selectionEnd())
            return index;
    }
    return -1;
}

void FindBar::updateHighlights()
{
    if (!m_editor)
        return;
    const bool dark = m_editor->palette().color(QPalette::Base).lightness() < 128;
    const QColor all = dark ? QColor(0x6b, 0x5a, 0x1e) : QColor(0xff, 0xec, 0x8b);
    const QColor current = dark ? QColor(0xb3, 0x6b, 0x00) : QColor(0xff, 0xb0, 0x3b);
    const int currentIndex = indexOfSelection();
    QList<QTextEdit::ExtraSelection> selections;
    for (int index = 0; index < m_matches.size() && index < MaxHighlights; ++index) {
        QTextEdit::ExtraSelection selection;
        selection.cursor = m_matches.at(index);
        selection.format.setBackground(index == currentIndex ? current : all);
        selections.append(selection);
    }
    setSearchSelections(selections);
}

void FindBar::updateStatus()
{
    if (m_field->text().isEmpty())
        m_status->clear();
    else if (m_matches.isEmpty())
        m_status->setText(tr("No matches"));
    else if (const int current = currentMatch(); current > 0)
        m_status->setText(tr("%1 of %2").arg(current).arg(m_matches.size()));
    else
        m_status->setText(m_matches.size() == 1 ? tr("1 match")
                                                : tr("%1 matches").arg(m_matches.size()));
}

void FindBar::setSearchSelections(const QList<QTextEdit::ExtraSelection> &selections)
{
    if (!m_editor)
        return;
    if (auto *yamlEditor = qobject_cast<YamlEditor *>(m_editor.data()))
        yamlEditor->setSearchSelections(selections);
    else
        m_editor->setExtraSelections(selections);
}
