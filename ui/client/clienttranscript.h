#pragma once

#include <QAbstractTableModel>
#include <QDateTime>
#include <QList>

// What one built-in client sent and received, in order: a row per frame or connection event,
// with its time and direction.
class ClientTranscript : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { TimeColumn, DirectionColumn, MessageColumn, ColumnCount };
    enum class Direction { Sent, Received, Event };
    enum class Kind { Text, Binary, Opened, Closed, Error };
    struct Entry
    {
        QDateTime time;
        Direction direction = Direction::Event;
        Kind kind = Kind::Text;
        QByteArray payload; // the frame's bytes (UTF-8 for text)
        QString detail; // for events: the subprotocol, the close reason or the error
        int code = 0; // for Closed: the close code
    };

    explicit ClientTranscript(QObject *parent = nullptr);

    void append(Entry entry);
    void clear();
    const QList<Entry> &entries() const { return m_entries; }
    // The Message column's text of an entry.
    static QString messageText(const Entry &entry);
    static QString directionText(Direction direction);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    QList<Entry> m_entries;
};
