#include "modeldump.h"

#include <QAbstractItemModel>

namespace {

QString rowText(const QAbstractItemModel &model, int row, const QModelIndex &parent)
{
    QStringList cells;
    for (int column = 0; column < model.columnCount(parent); ++column)
        cells.append(model.index(row, column, parent).data().toString());
    return cells.join(QStringLiteral(" | "));
}

} // namespace

QStringList dumpModel(const QAbstractItemModel &model, const QModelIndex &parent, int depth)
{
    QStringList lines;
    for (int row = 0; row < model.rowCount(parent); ++row) {
        lines.append(QString(depth * 2, QLatin1Char(' ')) + rowText(model, row, parent));
        lines += dumpModel(model, model.index(row, 0, parent), depth + 1);
    }
    return lines;
}
