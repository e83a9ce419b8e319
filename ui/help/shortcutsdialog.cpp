#include "shortcutsdialog.h"

#include <QAction>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QRegularExpression>
#include <QStandardItemModel>
#include <QTableView>
#include <QVBoxLayout>

namespace {
// "&Export for CI…" -> "Export for CI"
QString plainText(QString text)
{
    text.remove(QRegularExpression(QStringLiteral("&(?!&)")));
    if (text.endsWith(QChar(0x2026)))
        text.chop(1);
    return text;
}

QString keysOf(const QAction *action)
{
    QStringList keys;
    for (const QKeySequence &shortcut : action->shortcuts())
        keys.append(shortcut.toString(QKeySequence::NativeText));
    return keys.join(QStringLiteral(", "));
}
} // namespace

ShortcutsDialog::ShortcutsDialog(QWidget *window, QWidget *parent)
    : QDialog(parent)
    , m_model(new QStandardItemModel(0, 2, this))
    , m_table(new QTableView(this))
{
    setWindowTitle(tr("Keyboard Shortcuts"));
    m_model->setHorizontalHeaderLabels({ tr("Action"), tr("Keys") });

    QStringList seen;
    for (const QAction *action : window->findChildren<QAction *>()) {
        const QString keys = keysOf(action);
        const QString what = plainText(action->text());
        if (keys.isEmpty() || what.isEmpty() || seen.contains(what))
            continue;
        seen.append(what);
        addRow(what, keys);
    }
    m_model->sort(0);
    addRow(tr("Find: next / previous match"), tr("Enter / Shift+Enter"));
    addRow(tr("Replace: this match / all matches"), tr("Enter / Ctrl+Enter"));
    addRow(tr("Close the find bar"), tr("Escape"));
    addRow(tr("Tables: move between rows / leave the table"), tr("Arrows / Tab"));

    m_table->setModel(m_model);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setTabKeyNavigation(false);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_table->horizontalHeader()->setSectionResizeMode(1, QHeaderView::ResizeToContents);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_table);
    layout->addWidget(buttons);
    resize(520, 460);
}

QStringList ShortcutsDialog::rows() const
{
    QStringList rows;
    for (int row = 0; row < m_model->rowCount(); ++row)
        rows.append(m_model->item(row, 0)->text() + QLatin1Char('\t')
                    + m_model->item(row, 1)->text());
    return rows;
}

void ShortcutsDialog::addRow(const QString &what, const QString &keys)
{
    auto *action = new QStandardItem(what);
    auto *shortcut = new QStandardItem(keys);
    m_model->appendRow({ action, shortcut });
}
