#pragma once

#include <QDialog>

class QStandardItemModel;
class QTableView;

// Help → Keyboard Shortcuts: every shortcut of a window's actions, read from the actions
// themselves so the list cannot drift from the menus, and the keys that work inside panels.
class ShortcutsDialog : public QDialog
{
    Q_OBJECT

public:
    explicit ShortcutsDialog(QWidget *window, QWidget *parent = nullptr);

    // "Action\tShortcut" per row, as shown.
    QStringList rows() const;

private:
    void addRow(const QString &what, const QString &keys);

    QStandardItemModel *m_model = nullptr;
    QTableView *m_table = nullptr;
};
