#pragma once

#include <QColor>
#include <QStyledItemDelegate>

class QPalette;

// A connection's own colour: the same for its id every time, apart from its neighbours' (the
// hues step by the golden angle), and at least 3:1 against the palette's base, light or dark.
QColor connectionColor(quint64 connectionId, const QPalette &palette);
// The WCAG contrast ratio of two colours, from 1 (the same) to 21 (black on white).
double contrastRatio(const QColor &first, const QColor &second);

// A delegate of the traffic tables that can say what a cell is painted with (public for the
// tests: what a user sees).
class TrafficRowDelegate : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void describe(QStyleOptionViewItem *option, const QModelIndex &index) const
    {
        initStyleOption(option, index);
    }
};

// The Connections table: each connection's colour swatch next to its id; closed connections
// greyed out and in italics, apart from the open ones at a glance.
class ConnectionRowDelegate : public TrafficRowDelegate
{
public:
    using TrafficRowDelegate::TrafficRowDelegate;

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override;
};

// The Messages table: a row coloured by what happened (in, out, unmatched, errors, the
// connection's own open and close), and its connection's swatch next to the connection.
class MessageRowDelegate : public TrafficRowDelegate
{
public:
    using TrafficRowDelegate::TrafficRowDelegate;

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override;
};
