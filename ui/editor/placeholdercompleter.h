#pragma once

#include "placeholders.h"

#include <QObject>

#include <functional>

class QCompleter;
class QMenu;
class QPlainTextEdit;
class QKeyEvent;
class QStandardItemModel;
class QToolButton;
class QWidget;

// Offers the placeholders that fit where a reply is typed in a text field: typing "{{" pops a
// list filtered as one types on (Enter or Tab inserts the entry and closes its braces; Escape
// leaves), Ctrl+Space opens it anywhere, and placeholderMenu() lists the same entries.
class PlaceholderCompleter : public QObject
{
    Q_OBJECT

public:
    using Provider = std::function<QList<Placeholder>()>;
    PlaceholderCompleter(QPlainTextEdit *edit, Provider provider);

    QCompleter *completer() const { return m_completer; }
    // Opens the list at the cursor, filtered by the placeholder being typed, if any.
    void open();
    // Inserts text at the cursor: a placeholder replaces the "{{…" typed before it, a filter
    // goes inside the placeholder; both keep the braces closed.
    void insert(const QString &text);
    // "Insert Placeholder": the entries for the cursor's place, read when it opens.
    QMenu *placeholderMenu(QWidget *parent);

    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    struct Typed
    {
        qsizetype start = -1; // where the text an entry replaces starts
        QString prefix; // what the list is filtered by
        bool inBraces = false;
        bool filter = false; // after a "|" inside the braces
    };
    Typed current() const;
    void fill();
    void onTextChanged();
    void show(const QString &prefix);
    bool handleKey(QKeyEvent *event);

    QPlainTextEdit *m_edit = nullptr;
    Provider m_provider;
    QCompleter *m_completer = nullptr;
    QStandardItemModel *m_model = nullptr;
    bool m_typing = false; // a key that types is being handled
};

// A "{…}" tool button with the "Insert Placeholder" menu, for a field that has a completer.
QToolButton *placeholderButton(PlaceholderCompleter *completer, QWidget *parent);
