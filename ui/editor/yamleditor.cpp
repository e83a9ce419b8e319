#include "yamleditor.h"
#include "placeholdercompleter.h"

#include "yamlhighlighter.h"

#include <QFontDatabase>
#include <QContextMenuEvent>
#include <QHelpEvent>
#include <QMenu>
#include <QMap>
#include <QMouseEvent>
#include <QPaintEvent>
#include <QPainter>
#include <QRegularExpression>
#include <QTextBlock>
#include <QToolTip>

#include <algorithm>
#include <utility>

// The gutter: a child of the editor that draws into the space its viewport margin leaves.
class LineNumberArea : public QWidget
{
public:
    explicit LineNumberArea(YamlEditor *editor) : QWidget(editor), m_editor(editor)
    {
        setObjectName(QStringLiteral("lineNumberArea"));
        setAttribute(Qt::WA_OpaquePaintEvent);
    }

    QSize sizeHint() const override { return QSize(m_editor->lineNumberAreaWidth(), 0); }

protected:
    void paintEvent(QPaintEvent *event) override { m_editor->paintLineNumberArea(event); }
    bool event(QEvent *event) override
    {
        if (m_editor->lineNumberAreaEvent(event))
            return true;
        return QWidget::event(event);
    }

private:
    YamlEditor *m_editor;
};

namespace {

const QString Indent = QStringLiteral("  ");

QColor blend(const QColor &base, const QColor &tint, qreal tintShare)
{
    const qreal baseShare = 1.0 - tintShare;
    return QColor::fromRgbF(float(base.redF() * baseShare + tint.redF() * tintShare),
                            float(base.greenF() * baseShare + tint.greenF() * tintShare),
                            float(base.blueF() * baseShare + tint.blueF() * tintShare));
}

int leadingSpaces(const QString &text)
{
    int count = 0;
    while (count < text.size() && text.at(count) == QLatin1Char(' '))
        ++count;
    return count;
}

// The part of a line a diagnostic underlines: from its column to the end of the token
// there (a whole quoted string when it starts with a quote); the line's content when
// nothing but blanks follows the column.
std::pair<int, int> underlineRange(const QString &text, int column)
{
    const int size = int(text.size());
    int start = std::max(column, 1) - 1;
    while (start < size && text.at(start).isSpace())
        ++start;
    if (start >= size) {
        start = leadingSpaces(text);
        int end = size;
        while (end > start && text.at(end - 1).isSpace())
            --end;
        return { start, end };
    }
    const QChar first = text.at(start);
    int end = start + 1;
    if (first == QLatin1Char('"') || first == QLatin1Char('\'')) {
        while (end < size && text.at(end) != first) {
            if (first == QLatin1Char('"') && text.at(end) == QLatin1Char('\\'))
                ++end;
            ++end;
        }
        end = std::min(end + 1, size);
    } else {
        while (end < size && !text.at(end).isSpace())
            ++end;
    }
    return { start, end };
}

// A line's text without a trailing comment or blanks: what decides the next indentation.
QString withoutComment(const QString &text)
{
    QChar quote;
    for (int pos = 0; pos < text.size(); ++pos) {
        const QChar character = text.at(pos);
        if (!quote.isNull()) {
            if (character == quote)
                quote = QChar();
        } else if (character == QLatin1Char('"') || character == QLatin1Char('\'')) {
            quote = character;
        } else if (character == QLatin1Char('#') && (pos == 0 || text.at(pos - 1).isSpace())) {
            return text.left(pos).trimmed();
        }
    }
    return text.trimmed();
}

// Indentation for the line after `before` (the text left of the cursor).
int nextIndent(const QString &before)
{
    int indent = leadingSpaces(before);
    QString content = withoutComment(before.mid(indent));
    // "- key: value" continues the item's mapping, aligned with its first key.
    int itemIndent = indent;
    while (content == QLatin1String("-") || content.startsWith(QLatin1String("- "))) {
        const int skipped = 1 + leadingSpaces(content.mid(1));
        itemIndent += skipped;
        content = content.mid(skipped);
    }
    static const QRegularExpression key(
        QStringLiteral("^(\"[^\"]*\"|'[^']*'|[^\\s#'\"\\[\\]{}][^#]*?)\\s*:(\\s|$)"));
    if (itemIndent != indent && key.match(content).hasMatch())
        indent = itemIndent;
    static const QRegularExpression opensBlock(QStringLiteral("(:|:\\s+[|>][-+0-9]*)$"));
    if (opensBlock.match(content).hasMatch())
        indent += 2;
    return indent;
}

} // namespace

YamlEditor::YamlEditor(QWidget *parent)
    : QPlainTextEdit(parent)
    , m_lineNumberArea(new LineNumberArea(this))
    , m_highlighter(new YamlHighlighter(document()))
{
    setLineWrapMode(QPlainTextEdit::NoWrap);
    QFont fixed = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    fixed.setStyleHint(QFont::TypeWriter);
    setFont(fixed);
    setTabStopDistance(fontMetrics().horizontalAdvance(Indent));
    m_documentLength = document()->characterCount();

    connect(this, &QPlainTextEdit::blockCountChanged, this, &YamlEditor::updateLineNumberAreaWidth);
    connect(this, &QPlainTextEdit::updateRequest, this, &YamlEditor::updateLineNumberArea);
    connect(this, &QPlainTextEdit::cursorPositionChanged, this,
            &YamlEditor::refreshExtraSelections);
    connect(document(), &QTextDocument::contentsChange, this, &YamlEditor::onContentsChange);

    m_placeholders = new PlaceholderCompleter(this, [this] { return placeholdersHere(); });

    applyPalette();
    updateLineNumberAreaWidth();
}

QList<Placeholder> YamlEditor::placeholdersHere()
{
    // While "{{" is half typed the YAML may not parse: the last outline that did still knows
    // roughly where the endpoints and rules are.
    SpecOutline outline = SpecOutline::parse(toPlainText());
    if (outline.ok())
        m_lastOutline = outline;
    else
        outline = m_lastOutline;
    return Placeholders::at(outline, textCursor().position());
}

void YamlEditor::contextMenuEvent(QContextMenuEvent *event)
{
    QMenu *menu = createStandardContextMenu(event->pos());
    if (!isReadOnly()) {
        menu->addSeparator();
        menu->addMenu(m_placeholders->placeholderMenu(menu));
    }
    menu->exec(event->globalPos());
    delete menu;
}

YamlEditor::~YamlEditor()
{
    // The gutter forwards its events to this editor; it must not outlive the YamlEditor part
    // of the object, which ends before QPlainTextEdit deletes the children.
    delete m_lineNumberArea;
    m_lineNumberArea = nullptr;
}

void YamlEditor::setDiagnostics(const QList<Diagnostic> &diagnostics)
{
    m_marks.clear();
    m_diagnosticSelections.clear();
    for (const Diagnostic &diagnostic : diagnostics) {
        Mark mark;
        mark.diagnostic = diagnostic;
        if (diagnostic.line > 0) {
            // A line past the end (yaml-cpp reports some at EOF) marks the last one.
            const QTextBlock block = document()->findBlockByNumber(
                std::min(diagnostic.line, document()->blockCount()) - 1);
            mark.place = QTextCursor(block);
            const auto [start, end] = underlineRange(block.text(), diagnostic.column);
            mark.range = QTextCursor(document());
            mark.range.setPosition(block.position() + start);
            mark.range.setPosition(block.position() + end, QTextCursor::KeepAnchor);
        }
        m_marks.append(mark);
    }

    // Errors last, so they are drawn over a warning on the same text.
    for (bool errors : { false, true }) {
        for (const Mark &mark : std::as_const(m_marks)) {
            if (mark.diagnostic.isError() != errors || !mark.range.hasSelection())
                continue;
            QTextEdit::ExtraSelection selection;
            selection.cursor = mark.range;
            selection.format.setUnderlineStyle(QTextCharFormat::WaveUnderline);
            selection.format.setUnderlineColor(severityColor(mark.diagnostic.severity));
            m_diagnosticSelections.append(selection);
        }
    }
    refreshExtraSelections();
    m_lineNumberArea->update();
}

QList<Diagnostic> YamlEditor::diagnostics() const
{
    QList<Diagnostic> result;
    result.reserve(m_marks.size());
    for (const Mark &mark : m_marks)
        result.append(mark.diagnostic);
    return result;
}

QList<int> YamlEditor::markedLines() const
{
    QList<int> lines;
    for (const Mark &mark : m_marks) {
        if (!mark.place.isNull())
            lines.append(mark.place.blockNumber() + 1);
    }
    std::sort(lines.begin(), lines.end());
    lines.erase(std::unique(lines.begin(), lines.end()), lines.end());
    return lines;
}

void YamlEditor::setSearchSelections(const QList<QTextEdit::ExtraSelection> &selections)
{
    m_searchSelections = selections;
    refreshExtraSelections();
}

QList<QTextEdit::ExtraSelection> YamlEditor::searchSelections() const
{
    return m_searchSelections;
}

YamlHighlighter *YamlEditor::highlighter() const
{
    return m_highlighter;
}

QColor YamlEditor::severityColor(Diagnostic::Severity severity)
{
    return severity == Diagnostic::Severity::Error ? QColor(0xd3, 0x2f, 0x2f)
                                                   : QColor(0xe0, 0x8e, 0x00);
}

void YamlEditor::goToLine(int line, int column)
{
    if (line < 1)
        return;
    const QTextBlock block
        = document()->findBlockByNumber(std::min(line, document()->blockCount()) - 1);
    QTextCursor cursor(block);
    cursor.setPosition(block.position() + std::clamp(column - 1, 0, block.length() - 1));
    setTextCursor(cursor);
    centerCursor();
    setFocus(Qt::OtherFocusReason);
}

int YamlEditor::lineNumberAreaWidth() const
{
    int digits = 1;
    for (int max = std::max(1, blockCount()); max >= 10; max /= 10)
        ++digits;
    const QFontMetrics metrics = fontMetrics();
    const int marker = metrics.height() / 2;
    return 6 + marker + 6 + metrics.horizontalAdvance(QLatin1Char('9')) * std::max(3, digits) + 8;
}

void YamlEditor::updateLineNumberAreaWidth()
{
    setViewportMargins(lineNumberAreaWidth(), 0, 0, 0);
}

void YamlEditor::updateLineNumberArea(const QRect &rect, int dy)
{
    if (dy != 0)
        m_lineNumberArea->scroll(0, dy);
    else
        m_lineNumberArea->update(0, rect.y(), m_lineNumberArea->width(), rect.height());
    if (rect.contains(viewport()->rect()))
        updateLineNumberAreaWidth();
}

void YamlEditor::resizeEvent(QResizeEvent *event)
{
    QPlainTextEdit::resizeEvent(event);
    const QRect cr = contentsRect();
    m_lineNumberArea->setGeometry(QRect(cr.left(), cr.top(), lineNumberAreaWidth(), cr.height()));
}

void YamlEditor::changeEvent(QEvent *event)
{
    QPlainTextEdit::changeEvent(event);
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::StyleChange) {
        applyPalette();
    } else if (event->type() == QEvent::FontChange) {
        setTabStopDistance(fontMetrics().horizontalAdvance(Indent));
        updateLineNumberAreaWidth();
        m_lineNumberArea->update();
    }
}

void YamlEditor::applyPalette()
{
    m_highlighter->setPalette(palette());
    refreshExtraSelections();
    m_lineNumberArea->update();
}

void YamlEditor::onContentsChange(int from, int charsRemoved, int charsAdded)
{
    // Replacing the whole text (setPlainText, a reload) leaves every tracked place at the
    // start: put the marks back by their line and column, right for the same text and
    // soon replaced by the next validation for another. setPlainText() reports the
    // removal and the insertion as two changes, so an emptied text waits for the second.
    const bool replacedAll = from == 0 && charsRemoved > 0 && charsRemoved >= m_documentLength - 1;
    const bool refilled = m_replacePending && from == 0 && charsRemoved == 0;
    m_documentLength = document()->characterCount();
    m_replacePending = replacedAll && charsAdded == 0 && m_documentLength <= 1;
    if ((replacedAll || refilled) && !m_marks.isEmpty())
        setDiagnostics(diagnostics());
}

void YamlEditor::refreshExtraSelections()
{
    QList<QTextEdit::ExtraSelection> all;
    if (!isReadOnly()) {
        QTextEdit::ExtraSelection currentLine;
        currentLine.format.setBackground(
            blend(palette().color(QPalette::Base), palette().color(QPalette::Highlight), 0.09));
        currentLine.format.setProperty(QTextFormat::FullWidthSelection, true);
        currentLine.cursor = textCursor();
        currentLine.cursor.clearSelection();
        all.append(currentLine);
    }
    all += m_searchSelections;
    all += m_diagnosticSelections;
    setExtraSelections(all);
    m_lineNumberArea->update();
}

int YamlEditor::lineAt(int viewportY) const
{
    QTextBlock block = firstVisibleBlock();
    qreal top = blockBoundingGeometry(block).translated(contentOffset()).top();
    while (block.isValid() && top <= viewportY) {
        const qreal bottom = top + blockBoundingRect(block).height();
        if (block.isVisible() && viewportY < bottom)
            return block.blockNumber() + 1;
        block = block.next();
        top = bottom;
    }
    return 0;
}

int YamlEditor::problemLine(int markerY) const
{
    const int line = lineAt(markerY);
    return firstMarkOn(line) ? line : 0;
}

const YamlEditor::Mark *YamlEditor::firstMarkOn(int line) const
{
    if (line < 1)
        return nullptr;
    for (const Mark &mark : m_marks) {
        if (!mark.place.isNull() && mark.place.blockNumber() + 1 == line)
            return &mark;
    }
    return nullptr;
}

QString YamlEditor::problemsText(int line) const
{
    QStringList messages;
    for (const Mark &mark : m_marks) {
        if (mark.place.isNull() || mark.place.blockNumber() + 1 != line)
            continue;
        messages.append(mark.diagnostic.isError() ? tr("Error: %1").arg(mark.diagnostic.message)
                                                  : tr("Warning: %1").arg(mark.diagnostic.message));
    }
    return messages.join(QLatin1Char('\n'));
}

void YamlEditor::paintLineNumberArea(QPaintEvent *event)
{
    QPainter painter(m_lineNumberArea);
    const QPalette pal = palette();
    const QColor base = pal.color(QPalette::Base);
    const QColor text = pal.color(QPalette::Text);
    painter.fillRect(event->rect(), blend(base, text, 0.04));
    painter.setPen(blend(base, text, 0.15));
    painter.drawLine(m_lineNumberArea->width() - 1, event->rect().top(),
                     m_lineNumberArea->width() - 1, event->rect().bottom());

    // Worst severity per marked block.
    QMap<int, Diagnostic::Severity> worst;
    for (const Mark &mark : std::as_const(m_marks)) {
        if (mark.place.isNull())
            continue;
        const int block = mark.place.blockNumber();
        if (!worst.contains(block) || mark.diagnostic.isError())
            worst.insert(block, mark.diagnostic.severity);
    }

    const QFontMetrics metrics = fontMetrics();
    const int markerSize = metrics.height() / 2;
    const int numberRight = m_lineNumberArea->width() - 8;
    const int currentBlock = textCursor().blockNumber();
    QFont boldFont = font();
    boldFont.setBold(true);

    QTextBlock block = firstVisibleBlock();
    int blockNumber = block.blockNumber();
    int top = qRound(blockBoundingGeometry(block).translated(contentOffset()).top());
    int bottom = top + qRound(blockBoundingRect(block).height());
    while (block.isValid() && top <= event->rect().bottom()) {
        if (block.isVisible() && bottom >= event->rect().top()) {
            const auto marked = worst.constFind(blockNumber);
            if (marked != worst.constEnd()) {
                painter.setRenderHint(QPainter::Antialiasing, true);
                painter.setPen(Qt::NoPen);
                painter.setBrush(severityColor(*marked));
                const qreal markerTop = top + (metrics.height() - markerSize) / 2.0;
                painter.drawEllipse(QRectF(6, markerTop, markerSize, markerSize));
                painter.setRenderHint(QPainter::Antialiasing, false);
            }
            const bool current = blockNumber == currentBlock;
            painter.setFont(current ? boldFont : font());
            painter.setPen(current ? text : blend(base, text, 0.45));
            painter.drawText(0, top, numberRight, metrics.height(), Qt::AlignRight,
                             QString::number(blockNumber + 1));
        }
        block = block.next();
        top = bottom;
        bottom = top + qRound(blockBoundingRect(block).height());
        ++blockNumber;
    }
}

bool YamlEditor::lineNumberAreaEvent(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        auto *help = static_cast<QHelpEvent *>(event);
        const int line = problemLine(help->pos().y());
        if (line > 0)
            QToolTip::showText(help->globalPos(), problemsText(line), m_lineNumberArea);
        else
            QToolTip::hideText();
        return true;
    }
    if (event->type() == QEvent::MouseButtonPress) {
        auto *press = static_cast<QMouseEvent *>(event);
        if (press->button() != Qt::LeftButton)
            return false;
        const int line = lineAt(int(press->position().y()));
        if (line < 1)
            return false;
        // A click on a marked line goes to its problem, elsewhere to the line's start.
        const Mark *mark = firstMarkOn(line);
        const QTextBlock block = document()->findBlockByNumber(line - 1);
        QTextCursor cursor(block);
        if (mark && !mark->range.isNull())
            cursor.setPosition(mark->range.selectionStart());
        setTextCursor(cursor);
        setFocus(Qt::MouseFocusReason);
        return true;
    }
    return false;
}

bool YamlEditor::viewportEvent(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        auto *help = static_cast<QHelpEvent *>(event);
        const int position = cursorForPosition(help->pos()).position();
        QStringList messages;
        for (const Mark &mark : std::as_const(m_marks)) {
            if (mark.range.hasSelection() && mark.range.selectionStart() <= position
                && position <= mark.range.selectionEnd()) {
                messages.append(mark.diagnostic.isError()
                                    ? tr("Error: %1").arg(mark.diagnostic.message)
                                    : tr("Warning: %1").arg(mark.diagnostic.message));
            }
        }
        if (messages.isEmpty())
            QToolTip::hideText();
        else
            QToolTip::showText(help->globalPos(), messages.join(QLatin1Char('\n')), viewport());
        return true;
    }
    return QPlainTextEdit::viewportEvent(event);
}

void YamlEditor::keyPressEvent(QKeyEvent *event)
{
    const Qt::KeyboardModifiers modifiers = event->modifiers() & ~Qt::KeypadModifier;
    if (!isReadOnly()) {
        switch (event->key()) {
        case Qt::Key_Tab:
            if (modifiers == Qt::NoModifier || modifiers == Qt::ShiftModifier) {
                indentSelection(modifiers == Qt::ShiftModifier);
                return;
            }
            break;
        case Qt::Key_Backtab:
            indentSelection(true);
            return;
        case Qt::Key_Return:
        case Qt::Key_Enter:
            // Shift+Enter too: a Unicode line separator has no place in YAML.
            if (modifiers == Qt::NoModifier || modifiers == Qt::ShiftModifier) {
                insertNewline();
                return;
            }
            break;
        case Qt::Key_Backspace:
            if (modifiers == Qt::NoModifier && smartBackspace())
                return;
            break;
        default:
            break;
        }
    }
    QPlainTextEdit::keyPressEvent(event);
}

void YamlEditor::insertNewline()
{
    QTextCursor cursor = textCursor();
    cursor.beginEditBlock();
    cursor.removeSelectedText();
    const QString before = cursor.block().text().left(cursor.positionInBlock());
    cursor.insertText(QLatin1Char('\n') + QString(nextIndent(before), QLatin1Char(' ')));
    cursor.endEditBlock();
    setTextCursor(cursor);
    ensureCursorVisible();
}

void YamlEditor::indentSelection(bool unindent)
{
    QTextCursor cursor = textCursor();
    const QTextBlock first = document()->findBlock(cursor.selectionStart());
    QTextBlock last = document()->findBlock(cursor.selectionEnd());
    const bool severalLines = first != last;
    if (severalLines && cursor.selectionEnd() == last.position())
        last = last.previous();

    if (!unindent && !severalLines) {
        cursor.insertText(Indent);
        setTextCursor(cursor);
        return;
    }

    cursor.beginEditBlock();
    for (QTextBlock block = first; block.isValid(); block = block.next()) {
        QTextCursor line(block);
        if (unindent) {
            const int remove = std::min(2, leadingSpaces(block.text()));
            line.movePosition(QTextCursor::NextCharacter, QTextCursor::KeepAnchor, remove);
            line.removeSelectedText();
        } else if (!block.text().isEmpty()) {
            line.insertText(Indent);
        }
        if (block == last)
            break;
    }
    cursor.endEditBlock();

    if (severalLines) {
        QTextCursor selection(first);
        selection.setPosition(last.position() + last.length() - 1, QTextCursor::KeepAnchor);
        setTextCursor(selection);
    }
}

bool YamlEditor::smartBackspace()
{
    QTextCursor cursor = textCursor();
    const int column = cursor.positionInBlock();
    if (cursor.hasSelection() || column == 0)
        return false;
    if (leadingSpaces(cursor.block().text()) < column)
        return false;
    // In the indentation, go back to the previous two-space stop.
    cursor.movePosition(QTextCursor::PreviousCharacter, QTextCursor::KeepAnchor,
                        column % 2 == 0 ? 2 : 1);
    cursor.removeSelectedText();
    setTextCursor(cursor);
    return true;
}
