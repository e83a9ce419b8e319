#pragma once

#include <QDialog>

namespace Protocols {
struct Preset;
}

class QLineEdit;
class QListView;
class QSortFilterProxyModel;
class QStandardItemModel;
class QTextBrowser;

// Help → Mock Syntax: every key and placeholder of the config language, each with what it
// does and an example, narrowed as you type in the search field.
class MockSyntaxDialog : public QDialog
{
    Q_OBJECT

public:
    struct Entry
    {
        QString key; // as written in the YAML: "on-message", "{{path-params.NAME}}"
        QString where; // where it goes: "websocket item", "rule", "template", ...
        QString meaning; // what it does, in the reader's language
        QString example; // YAML, never translated
    };

    explicit MockSyntaxDialog(QWidget *parent = nullptr);

    static QList<Entry> entries();
    // `protocol:` and the rule keys of these presets, a key once however many presets have it.
    static QList<Entry> presetEntries(const QList<const Protocols::Preset *> &presets);

    void setSearchText(const QString &text);
    // The keys the list shows now, in order.
    QStringList visibleKeys() const;
    // The page the browser shows now, as plain text.
    QString shownText() const;

private:
    void showEntry(int row);

    QLineEdit *m_search = nullptr;
    QListView *m_list = nullptr;
    QTextBrowser *m_page = nullptr;
    QStandardItemModel *m_model = nullptr;
    QSortFilterProxyModel *m_filter = nullptr;
    QList<Entry> m_entries;
};
