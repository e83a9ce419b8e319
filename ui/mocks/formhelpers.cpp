#include "formhelpers.h"
#include "placeholdercompleter.h"
#include "themeicon.h"

#include <QHBoxLayout>
#include <QIcon>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QToolButton>

namespace Forms {

QToolButton *toolButton(const QString &icon, const QString &text, QWidget *parent)
{
    auto *button = new QToolButton(parent);
    button->setIcon(themeIcon(icon));
    button->setToolTip(text);
    button->setText(text);
    button->setAutoRaise(true);
    return button;
}

QLabel *problemLabel(QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setWordWrap(true);
    label->setStyleSheet(QStringLiteral("color: #b91c1c"));
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    label->hide();
    return label;
}

void showProblem(QLabel *label, const QString &text)
{
    label->setText(text);
    label->setVisible(!text.isEmpty());
}

void setTextUnlessFocused(QLineEdit *edit, const QString &text)
{
    if (!edit->hasFocus() && edit->text() != text)
        edit->setText(text);
}

void setTextUnlessFocused(QPlainTextEdit *edit, const QString &text)
{
    if (!edit->hasFocus() && edit->toPlainText() != text)
        edit->setPlainText(text);
}

QWidget *withPlaceholderButton(QPlainTextEdit *field, PlaceholderCompleter *completer,
                               QWidget *parent)
{
    auto *row = new QWidget(parent);
    auto *layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(field, 1);
    layout->addWidget(placeholderButton(completer, row), 0, Qt::AlignTop);
    row->setFocusProxy(field); // a label's mnemonic leads to the field
    return row;
}

YamlValue textList(const QStringList &texts)
{
    QList<YamlValue> items;
    qsizetype length = 0;
    for (const QString &text : texts) {
        items.append(YamlValue::scalar(text));
        length += text.size() + 4;
    }
    return YamlValue::list(items, length <= 60);
}

} // namespace Forms
