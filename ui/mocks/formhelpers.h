#pragma once

#include "specoutline.h"

#include <QString>

class PlaceholderCompleter;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QToolButton;
class QWidget;

// Pieces the mock forms build alike.
namespace Forms {

// A flat button showing the theme icon (or the bundled one of that name) with text as tooltip.
QToolButton *toolButton(const QString &icon, const QString &text, QWidget *parent);

// A hidden, red, selectable label for what is wrong with a field; see showProblem().
QLabel *problemLabel(QWidget *parent);

// Shows text in label, or hides label when there is nothing wrong.
void showProblem(QLabel *label, const QString &text);

// Shows text in the field unless the user is typing in it (a reload after an edit must not
// take the cursor away or undo what is being typed).
void setTextUnlessFocused(QLineEdit *edit, const QString &text);
void setTextUnlessFocused(QPlainTextEdit *edit, const QString &text);

// The field with an "Insert placeholder" button beside it, as one row of a form.
QWidget *withPlaceholderButton(QPlainTextEdit *field, PlaceholderCompleter *completer,
                               QWidget *parent);

// Reads each key of a map into row; false at the first key readKey cannot read.
template<typename Row>
bool readKeys(const YamlValue &map, Row *row,
              bool (*readKey)(const QString &key, const YamlValue &value, Row *row))
{
    for (qsizetype i = 0; i < map.keys.size() && i < map.items.size(); ++i) {
        if (!readKey(map.keys.at(i), map.items.at(i), row))
            return false;
    }
    return true;
}

// Texts as a YAML list: on one line ([a, b]) when short, one item a line otherwise.
YamlValue textList(const QStringList &texts);

} // namespace Forms
