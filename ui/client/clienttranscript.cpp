#include "clienttranscript.h"

#include <QGuiApplication>
#include <QPalette>

namespace {

constexpr qsizetype HexPreviewBytes = 64;

QString hexPreview(const QByteArray &bytes)
{
    QString hex = QString::fromLatin1(bytes.left(HexPreviewBytes).toHex(' '));
    if (bytes.size() > HexPreviewBytes)
        hex += QStringLiteral(" …");
    return hex;
}

} // namespace

ClientTranscript::ClientTranscript(QObject *parent) : QAbstractTableModel(parent) { }

void ClientTranscript::append(Entry entry)
{
    beginInsertRows({}, int(m_entries.size()), int(m_entries.size()));
    m_entries.append(std::move(entry));
    endInsertRows();
}

void ClientTranscript::clear()
{
    beginResetModel();
    m_entries.clear();
    endResetModel();
}

QString ClientTranscript::directionText(Direction direction)
{
    switch (direction) {
    case Direction::Sent:
        return tr("sent");
    case Direction::Received:
        return tr("received");
    case Direction::Event:
        break;
    }
    return QString();
}

QString ClientTranscript::messageText(const Entry &entry)
{
    switch (entry.kind) {
    case Kind::Text:
        return QString::fromUtf8(entry.payload);
    case Kind::Binary:
        return tr("binary, %n byte(s): %1", nullptr, int(entry.payload.size()))
            .arg(hexPreview(entry.payload));
    case Kind::Opened:
        return entry.detail.isEmpty() ? tr("Connected")
                                      : tr("Connected, subprotocol %1").arg(entry.detail);
    case Kind::Closed:
        return entry.detail.isEmpty()
            ? tr("Closed with code %1").arg(entry.code)
            : tr("Closed with code %1: %2").arg(entry.code).arg(entry.detail);
    case Kind::Error:
        return tr("Error: %1").arg(entry.detail);
    }
    return QString();
}

int ClientTranscript::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

int ClientTranscript::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ClientTranscript::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Entry &entry = m_entries.at(index.row());
    if (role == Qt::ForegroundRole && entry.direction == Direction::Event)
        return QGuiApplication::palette().brush(QPalette::PlaceholderText);
    if (role == Qt::ToolTipRole && index.column() == MessageColumn && entry.kind == Kind::Binary)
        return QString::fromLatin1(entry.payload.toBase64());
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case TimeColumn:
        return entry.time.toLocalTime().toString(QStringLiteral("HH:mm:ss.zzz"));
    case DirectionColumn:
        return directionText(entry.direction);
    case MessageColumn:
        return messageText(entry);
    default:
        return {};
    }
}

QVariant ClientTranscript::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case TimeColumn:
        return tr("Time");
    case DirectionColumn:
        return tr("Direction");
    case MessageColumn:
        return tr("Message");
    default:
        return {};
    }
}
