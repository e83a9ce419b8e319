#pragma once

#include <QAbstractTableModel>

// The boilerplate of a flat table model written once: counts, index checks and horizontal
// headers. Model (the class deriving from TableModel<Model>) names its columns in an enum
// ending in ColumnCount and writes only its row count, cells and header names:
//   int rowTotal() const;
//   QVariant cell(int row, int column, int role) const;
//   static QString columnName(int column);
template<typename Model>
class TableModel : public QAbstractTableModel
{
public:
    using QAbstractTableModel::QAbstractTableModel;

    int rowCount(const QModelIndex &parent = QModelIndex()) const final
    {
        return parent.isValid() ? 0 : model().rowTotal();
    }

    int columnCount(const QModelIndex &parent = QModelIndex()) const final
    {
        return parent.isValid() ? 0 : int(Model::ColumnCount);
    }

    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const final
    {
        if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
            return {};
        return model().cell(index.row(), index.column(), role);
    }

    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const final
    {
        if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
            return QAbstractTableModel::headerData(section, orientation, role);
        if (section < 0 || section >= int(Model::ColumnCount))
            return {};
        return Model::columnName(section);
    }

private:
    const Model &model() const { return static_cast<const Model &>(*this); }
};
