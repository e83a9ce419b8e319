#pragma once

#include <QModelIndex>
#include <QStringList>

class QAbstractItemModel;

// The model as text, one line per row: its cells' display texts joined by " | ", each child
// row under its parent indented by two spaces more. A failing comparison with an expected
// list then shows the whole model.
QStringList dumpModel(const QAbstractItemModel &model, const QModelIndex &parent = {},
                      int depth = 0);
