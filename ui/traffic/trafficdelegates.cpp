#include "trafficdelegates.h"

#include "trafficlog.h"

#include <QPainter>
#include <QPalette>
#include <QPixmap>

#include <algorithm>
#include <cmath>

namespace {

// WCAG relative luminance.
double luminance(const QColor &color)
{
    const auto channel = [](double value) {
        return value <= 0.03928 ? value / 12.92 : std::pow((value + 0.055) / 1.055, 2.4);
    };
    return 0.2126 * channel(color.redF()) + 0.7152 * channel(color.greenF())
        + 0.0722 * channel(color.blueF());
}

constexpr double MinimumContrast = 3.0; // what WCAG asks of graphics next to text

// A small filled square with a thin outline in the text colour, for dark and light bases.
QIcon swatch(const QColor &color, const QPalette &palette)
{
    constexpr int Side = 10;
    QPixmap pixmap(Side, Side);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setPen(palette.color(QPalette::Text));
    painter.setBrush(color);
    painter.drawRect(0, 0, Side - 1, Side - 1);
    return QIcon(pixmap);
}

void addSwatch(QStyleOptionViewItem *option, quint64 connectionId)
{
    if (!connectionId)
        return;
    option->features |= QStyleOptionViewItem::HasDecoration;
    option->icon = swatch(connectionColor(connectionId, option->palette), option->palette);
    option->decorationSize = QSize(10, 10);
}

void setTextColor(QStyleOptionViewItem *option, const QColor &color)
{
    if (!color.isValid())
        return;
    option->palette.setColor(QPalette::Text, color);
    option->palette.setColor(QPalette::HighlightedText,
                             option->palette.color(QPalette::HighlightedText));
}

// Client errors read like unmatched messages, server errors like errors; a success only marks
// its status, as a direction marks a frame.
QColor httpStatusColor(const QModelIndex &index)
{
    const int status = index.data(MessageLogModel::HttpStatusRole).toInt();
    if (status >= 500)
        return QColor(0xb9, 0x1c, 0x1c);
    if (status >= 400)
        return QColor(0xb4, 0x53, 0x09);
    if (index.column() == MessageLogModel::Direction)
        return QColor(0x6d, 0x28, 0xd9);
    return {};
}

QColor eventKindColor(const QModelIndex &index, const QPalette &palette)
{
    const bool direction = index.column() == MessageLogModel::Direction;
    switch (TrafficEvent::Kind(index.data(MessageLogModel::EventKindRole).toInt())) {
    case TrafficEvent::Kind::Received:
        return direction ? QColor(0x1d, 0x4e, 0xd8) : QColor();
    case TrafficEvent::Kind::Sent:
        return direction ? QColor(0x15, 0x80, 0x3d) : QColor();
    case TrafficEvent::Kind::Binary: // as a text frame: taken by a rule or relayed, or unmatched
        if (!index.data(MessageLogModel::UnmatchedRole).toBool())
            return direction ? QColor(0x1d, 0x4e, 0xd8) : QColor();
        [[fallthrough]];
    case TrafficEvent::Kind::Unmatched:
    case TrafficEvent::Kind::Warning:
        return QColor(0xb4, 0x53, 0x09);
    case TrafficEvent::Kind::Refused:
    case TrafficEvent::Kind::Error:
        return QColor(0xb9, 0x1c, 0x1c);
    case TrafficEvent::Kind::Opened:
    case TrafficEvent::Kind::Closed:
    case TrafficEvent::Kind::Note:
        return palette.color(QPalette::PlaceholderText);
    case TrafficEvent::Kind::Http:
        return httpStatusColor(index);
    }
    return {};
}

} // namespace

QColor connectionColor(quint64 connectionId, const QPalette &palette)
{
    constexpr double GoldenFraction = 0.6180339887498949;
    const double hue = std::fmod(double(connectionId) * GoldenFraction, 1.0);
    const QColor base = palette.color(QPalette::Base);
    const bool darkBase = luminance(base) < 0.18;
    // Start where most hues already stand out, then step away from the base until one does.
    double lightness = darkBase ? 0.62 : 0.42;
    const double step = darkBase ? 0.04 : -0.04;
    QColor color = QColor::fromHslF(float(hue), 0.7f, float(lightness));
    while (contrastRatio(color, base) < MinimumContrast && lightness > 0.05 && lightness < 0.95) {
        lightness += step;
        color = QColor::fromHslF(float(hue), 0.7f, float(lightness));
    }
    return color;
}

double contrastRatio(const QColor &first, const QColor &second)
{
    const double a = luminance(first);
    const double b = luminance(second);
    return (std::max(a, b) + 0.05) / (std::min(a, b) + 0.05);
}

void ConnectionRowDelegate::initStyleOption(QStyleOptionViewItem *option,
                                            const QModelIndex &index) const
{
    QStyledItemDelegate::initStyleOption(option, index);
    if (index.column() == ConnectionsModel::Id)
        addSwatch(option, index.data(ConnectionsModel::ConnectionIdRole).toULongLong());
    if (!index.data(ConnectionsModel::IsOpenRole).toBool()) {
        option->font.setItalic(true);
        setTextColor(option, option->palette.color(QPalette::PlaceholderText));
    }
}

void MessageRowDelegate::initStyleOption(QStyleOptionViewItem *option,
                                         const QModelIndex &index) const
{
    QStyledItemDelegate::initStyleOption(option, index);
    if (index.column() == MessageLogModel::Connection)
        addSwatch(option, index.data(MessageLogModel::ConnectionIdRole).toULongLong());
    setTextColor(option, eventKindColor(index, option->palette));
}
