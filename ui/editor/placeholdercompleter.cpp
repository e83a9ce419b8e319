#include "placeholdercompleter.h"

#include <QAbstractItemView>
#include <QCompleter>
#include <QKeyEvent>
#include <QMenu>
#include <QPlainTextEdit>
#include <QScrollBar>
#include <QStandardItemModel>
#include <QTextBlock>
#include <QToolButton>

namespace {
constexpr int MatchRole = Qt::UserRole; // what the list is filtered by
constexpr int TextRole = Qt::UserRole + 1; // what is inserted

// "path-params.room" for "{{path-params.room}}", "json" for "| json".
QString matchKey(const QString &text)
{
    QString key = text;
    if (key.startsWith(QLatin1String("{{")))
        key = key.mid(2);
    if (key.endsWith(QLatin1String("}}")))
        key.chop(2);
    if (key.startsWith(u'|'))
        key = key.mid(1).trimmed();
    return key;
}

bool isFilter(const QString &text)
{
    return text.startsWith(u'|');
}
} // namespace

PlaceholderCompleter::PlaceholderCompleter(QPlainTextEdit *edit, Provider provider)
    : QObject(edit)
    , m_edit(edit)
    , m_provider(std::move(provider))
    , m_completer(new QCompleter(this))
    , m_model(new QStandardItemModel(this))
{
    m_completer->setModel(m_model);
    m_completer->setCompletionRole(MatchRole);
    m_completer->setCaseSensitivity(Qt::CaseInsensitive);
    m_completer->setFilterMode(Qt::MatchContains);
    m_completer->setCompletionMode(QCompleter::PopupCompletion);
    m_completer->setMaxVisibleItems(12);
    m_completer->setWidget(edit);
    connect(m_completer, qOverload<const QModelIndex &>(&QCompleter::activated), this,
            [this](const QModelIndex &index) { insert(index.data(TextRole).toString()); });
    connect(edit, &QPlainTextEdit::textChanged, this, &PlaceholderCompleter::onTextChanged);
    edit->installEventFilter(this);
    // After the completer's own filter, so this one sees the list's keys first.
    m_completer->popup()->installEventFilter(this);
}

PlaceholderCompleter::Typed PlaceholderCompleter::current() const
{
    const QTextCursor cursor = m_edit->textCursor();
    const QString before = cursor.block().text().left(cursor.positionInBlock());
    Typed typed;
    typed.start = cursor.position();
    const qsizetype open = before.lastIndexOf(QLatin1String("{{"));
    if (open < 0 || before.indexOf(QLatin1String("}}"), open) >= 0)
        return typed;
    typed.inBraces = true;
    const qsizetype bar = before.indexOf(u'|', open);
    const qsizetype from = bar >= 0 ? bar : open;
    typed.filter = bar >= 0;
    typed.start = cursor.block().position() + from;
    typed.prefix = before.mid(from + (typed.filter ? 1 : 2)).trimmed();
    return typed;
}

void PlaceholderCompleter::fill()
{
    m_model->clear();
    for (const Placeholder &placeholder : m_provider()) {
        auto *item = new QStandardItem(
            QString(placeholder.text + QLatin1String("   ") + placeholder.description));
        item->setData(matchKey(placeholder.text), MatchRole);
        item->setData(placeholder.text, TextRole);
        item->setToolTip(placeholder.description);
        m_model->appendRow(item);
    }
}

void PlaceholderCompleter::show(const QString &prefix)
{
    if (!m_completer->popup()->isVisible())
        fill();
    m_completer->setCompletionPrefix(prefix);
    if (m_completer->completionCount() == 0) {
        m_completer->popup()->hide();
        return;
    }
    QAbstractItemView *popup = m_completer->popup();
    popup->setCurrentIndex(m_completer->completionModel()->index(0, 0));
    QRect rect = m_edit->cursorRect();
    rect.setWidth(popup->sizeHintForColumn(0) + popup->verticalScrollBar()->sizeHint().width());
    m_completer->complete(rect);
}

void PlaceholderCompleter::open()
{
    const Typed typed = current();
    show(typed.prefix);
}

void PlaceholderCompleter::onTextChanged()
{
    // Keys typed while the list is open reach the field past its event filter.
    if (!m_typing && !m_completer->popup()->isVisible())
        return;
    m_typing = false;
    const Typed typed = current();
    if (typed.inBraces)
        show(typed.prefix);
    else
        m_completer->popup()->hide();
}

void PlaceholderCompleter::insert(const QString &text)
{
    const Typed typed = current();
    QTextCursor cursor = m_edit->textCursor();
    const qsizetype position = cursor.position();
    cursor.beginEditBlock();
    QString replacement = text;
    if (isFilter(text) && !typed.inBraces) {
        // After a placeholder, the filter goes inside its braces.
        const QString before = cursor.block().text().left(cursor.positionInBlock());
        if (before.endsWith(QLatin1String("}}")))
            cursor.setPosition(position - 2);
        replacement = QLatin1Char(' ') + text;
    } else if (isFilter(text)) {
        if (!typed.filter)
            cursor.setPosition(position);
        else
            cursor.setPosition(typed.start);
        cursor.setPosition(position, QTextCursor::KeepAnchor);
        replacement = (typed.filter ? QString() : QStringLiteral(" ")) + text;
        const QString after = cursor.block().text().mid(cursor.positionInBlock());
        if (!after.startsWith(QLatin1String("}}")))
            replacement += QLatin1String("}}");
    } else {
        cursor.setPosition(typed.start);
        cursor.setPosition(position, QTextCursor::KeepAnchor);
        const QString after = cursor.block().text().mid(cursor.positionInBlock());
        if (typed.inBraces && after.startsWith(QLatin1String("}}"))) {
            cursor.setPosition(position + 2, QTextCursor::KeepAnchor);
        }
    }
    cursor.insertText(replacement);
    // "{{query-params.}}": leave the cursor where the name goes.
    if (replacement.endsWith(QLatin1String(".}}")))
        cursor.setPosition(cursor.position() - 2);
    cursor.endEditBlock();
    m_edit->setTextCursor(cursor);
    m_completer->popup()->hide();
}

QMenu *PlaceholderCompleter::placeholderMenu(QWidget *parent)
{
    auto *menu = new QMenu(tr("Insert Place&holder"), parent);
    connect(menu, &QMenu::aboutToShow, menu, [this, menu] {
        menu->clear();
        for (const Placeholder &placeholder : m_provider()) {
            QAction *action = menu->addAction(
                QString(placeholder.text + QLatin1Char('\t') + placeholder.description));
            const QString text = placeholder.text;
            connect(action, &QAction::triggered, this, [this, text] {
                insert(text);
                m_edit->setFocus();
            });
        }
    });
    return menu;
}

bool PlaceholderCompleter::handleKey(QKeyEvent *event)
{
    const bool accept = event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter
        || event->key() == Qt::Key_Tab;
    QAbstractItemView *popup = m_completer->popup();
    if (popup->isVisible() && accept) {
        QModelIndex index = popup->currentIndex();
        if (!index.isValid())
            index = m_completer->completionModel()->index(0, 0);
        insert(index.data(TextRole).toString());
        return true;
    }
    if (popup->isVisible() && event->key() == Qt::Key_Escape) {
        popup->hide();
        return true;
    }
    if (event->key() == Qt::Key_Space && event->modifiers().testFlag(Qt::ControlModifier)) {
        open();
        return true;
    }
    m_typing = !event->text().isEmpty();
    return false;
}

bool PlaceholderCompleter::eventFilter(QObject *watched, QEvent *event)
{
    const bool ours = watched == m_edit || watched == m_completer->popup();
    if (ours && event->type() == QEvent::KeyPress && !m_edit->isReadOnly())
        return handleKey(static_cast<QKeyEvent *>(event));
    return QObject::eventFilter(watched, event);
}

QToolButton *placeholderButton(PlaceholderCompleter *completer, QWidget *parent)
{
    auto *button = new QToolButton(parent);
    button->setText(QStringLiteral("{…}"));
    button->setToolTip(PlaceholderCompleter::tr(
        "Insert a placeholder: the path's parameters, what the pattern binds, helpers, filters"));
    button->setPopupMode(QToolButton::InstantPopup);
    button->setMenu(completer->placeholderMenu(button));
    return button;
}
