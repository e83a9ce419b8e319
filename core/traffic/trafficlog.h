#pragma once

#include "mockserver.h"
#include "tablemodel.h"
#include "trafficevent.h"

#include <QHash>
#include <QList>
#include <QPointer>
#include <QSet>
#include <QSortFilterProxyModel>
#include <QTimer>

#include <deque>

// One row per connection seen since the last clear: where it came from, whether it is still
// open, and how many messages went each way. Updated per event; a count change touches one row.
class ConnectionsModel : public TableModel<ConnectionsModel>
{
    Q_OBJECT

public:
    enum Column { Id, Path, Params, Peer, Opened, State, In, Out, ColumnCount };
    Q_ENUM(Column)
    enum Role {
        ConnectionIdRole = Qt::UserRole, // quint64
        IsOpenRole, // bool
        PathRole, // QString, the request path
    };
    Q_ENUM(Role)

    explicit ConnectionsModel(QObject *parent = nullptr);

    // Opened appends a row; messages count on their connection's row; Closed sets its state.
    // A connection first seen mid-life (attached late, or after clear()) is adopted from its
    // next event; a Closed for an unknown connection is ignored.
    void addEvent(const TrafficEvent &event);

    int openCount() const { return m_openCount; }
    QModelIndex indexForId(quint64 connectionId) const;
    void clearClosed();
    void clear();

signals:
    void openCountChanged(int count);

private:
    friend class TableModel<ConnectionsModel>;

    struct Row
    {
        quint64 id = 0;
        QString path;
        QString params; // "username=alice · tab=2"
        QString peer;
        qint64 opened = 0;
        bool open = true;
        int closeCode = 0;
        QString closeReason;
        int in = 0;
        int out = 0;
    };

    int rowTotal() const { return int(m_rows.size()); }
    QVariant cell(int row, int column, int role) const;
    static QString columnName(int column);

    int appendRow(const TrafficEvent &event);
    void rebuildIndex();
    void setOpenCount(int count);

    QList<Row> m_rows;
    QHash<quint64, int> m_rowOfId;
    int m_openCount = 0;
};

// Every event of every connection, in order, one row each. Built for floods: addEvent() only
// queues; a short timer appends the queue with one beginInsertRows() per batch, and the
// oldest rows beyond capacity() go with one beginRemoveRows() per batch.
class MessageLogModel : public TableModel<MessageLogModel>
{
    Q_OBJECT

public:
    static constexpr int DefaultCapacity = 50000;
    static constexpr int DefaultBatchInterval = 50; // ms
    static constexpr int PreviewLength = 200; // characters in the Payload column
    static constexpr int PatternLength = 40; // characters of a rule's pattern in the Rule column

    enum Column { Time, Connection, Direction, Payload, Rule, Size, ColumnCount };
    Q_ENUM(Column)
    enum Role {
        EventKindRole = Qt::UserRole, // int(TrafficEvent::Kind)
        ConnectionIdRole, // quint64, 0 for server-wide events
        FullPayloadRole, // QString, the whole payload (a summary for Opened/Closed)
        PrettyPayloadRole, // QString, indented JSON when the payload is JSON
        TimestampRole, // qint64, ms since the epoch
        RuleRole, // QString, the Rule column's text (a rule's pattern, "on-connect", "unmatched")
        RuleLabelRole, // QString, the rule's place in the file ("on-message[0]"), or empty
        RulePatternRole, // QString, the source of the rule's pattern when known, or empty
        HttpStatusRole, // int, the status an HTTP exchange answered; 0 for other events
        DecodedRole, // QString, what a preset decoded of the frame (TrafficEvent::decoded)
        UnmatchedRole, // bool, a client frame no rule took and no upstream was given
        RelayedRole, // bool, a frame passed on to an upstream, or one an upstream sent
    };
    Q_ENUM(Role)

    explicit MessageLogModel(QObject *parent = nullptr);

    // Queues the event; it becomes a row at the next flush. rulePattern: the source of the
    // pattern of the rule the event names, shown instead of its index when known.
    void addEvent(const TrafficEvent &event, const QString &rulePattern = QString());
    // Appends everything queued now (the timer calls it; tests and shutdown may too).
    void flush();
    int pendingCount() const { return int(m_pending.size()); }

    const TrafficEvent &eventAt(int row) const;

    void setCapacity(int rows);
    int capacity() const { return m_capacity; }
    void setBatchInterval(int ms);
    int batchInterval() const { return m_timer.interval(); }
    // Events dropped to stay within capacity since the last clear().
    qint64 droppedCount() const { return m_dropped; }

    void clear();

    // The Payload column's text: one line, newlines as ⏎, at most PreviewLength characters.
    static QString preview(const QString &text);
    // Indented JSON if text is a JSON object or array, keys in the sender's order and every
    // value exactly as sent; else text unchanged.
    static QString prettyPayload(const QString &text);
    // Bytes as a classic hex dump: per 16 bytes the offset, the bytes in hex (two groups of
    // eight) and their printable ASCII, other bytes as '.'.
    static QString hexDump(const QByteArray &data);
    // A rule's pattern as the Rule column shows it: whitespace runs as one space, at most
    // PatternLength characters.
    static QString patternLine(const QString &pattern);
    // One HTTP message as a person reads it: the start line, the headers one per line, a blank
    // line and the body (indented when JSON and pretty is set).
    static QString httpMessageText(const QString &startLine, const HttpExchange::Headers &headers,
                                   const QByteArray &body, bool pretty);
    // An exchange in full, request then response: the text filter searches the raw form, the
    // detail pane shows the pretty one.
    static QString httpExchangeText(const HttpExchange &exchange, bool pretty);

signals:
    void droppedCountChanged(qint64 count);

private:
    friend class TableModel<MessageLogModel>;

    struct Row
    {
        TrafficEvent event;
        QString rulePattern;
    };

    int rowTotal() const { return int(m_rows.size()); }
    QVariant cell(int row, int column, int role) const;
    static QVariant displayCell(const Row &row, int column);
    static QString columnName(int column);

    void dropOldest(int count);

    std::deque<Row> m_rows;
    std::deque<Row> m_pending;
    QTimer m_timer;
    int m_capacity = DefaultCapacity;
    qint64 m_dropped = 0;
    qint64 m_reportedDropped = 0; // as last announced by droppedCountChanged()
};

// Narrows a MessageLogModel to one connection, a text, some sorts of events (the quick
// filters) and/or without some event kinds. Reads the source's roles, never its display
// strings.
class MessageFilterProxy : public QSortFilterProxyModel
{
    Q_OBJECT

public:
    // The quick filters: with any set, only rows of one of the set sorts are shown.
    enum class Quick {
        In = 0x1, // every frame a client sent: matched, unmatched, binary
        Out = 0x2, // every frame the server sent
        Unmatched = 0x4, // text frames no rule matched
        Refused = 0x8, // handshakes refused before the upgrade
    };
    Q_DECLARE_FLAGS(QuickFilters, Quick)
    Q_FLAG(QuickFilters)

    explicit MessageFilterProxy(QObject *parent = nullptr);

    void setQuickFilters(QuickFilters filters);
    QuickFilters quickFilters() const { return m_quick; }

    // 0 shows every connection, server-wide events and HTTP exchanges (which belong to no
    // WebSocket connection); otherwise only that connection.
    void setConnectionId(quint64 connectionId);
    // None shows everything, as 0 does; otherwise only those connections.
    void setConnectionIds(const QSet<quint64> &connectionIds);
    QSet<quint64> connectionIds() const { return m_connectionIds; }
    // Case-insensitive substring of the payload or the rule (of an HTTP exchange: its target,
    // headers and bodies, or its endpoint); empty shows all.
    void setText(const QString &text);
    QString text() const { return m_text; }
    void setHideKinds(const QList<TrafficEvent::Kind> &kinds);
    QList<TrafficEvent::Kind> hideKinds() const;

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    // unmatched: no rule answered it (an unmatched text, or a binary frame no rule took).
    bool acceptsKind(TrafficEvent::Kind kind, bool unmatched) const;

    QSet<quint64> m_connectionIds;
    QString m_text;
    quint32 m_hiddenKinds = 0; // bit per TrafficEvent::Kind
    QuickFilters m_quick;
};

Q_DECLARE_OPERATORS_FOR_FLAGS(MessageFilterProxy::QuickFilters)

// The workbench's live traffic: a ConnectionsModel and a MessageLogModel fed by one server.
class TrafficLog : public QObject
{
    Q_OBJECT

public:
    explicit TrafficLog(QObject *parent = nullptr);

    // Feeds both models from server's trafficEvent(); a previous server is detached first.
    void attach(MockServer *server);
    void detach();
    MockServer *server() const { return m_server; }

    ConnectionsModel *connections() const { return m_connections; }
    MessageLogModel *messages() const { return m_messages; }

    // Empties the message log and drops closed connections; open ones stay listed, since
    // they are still live on the server.
    void clear();

    // One event from a source other than the attached server (a recording proxy).
    void addEvent(const TrafficEvent &event);

    // Shows saved events (a --log file, a saved Traffic panel) at once; the message log's
    // capacity grows to hold them all.
    void load(const QList<TrafficEvent> &events);
    // Every event the message log holds, oldest first, as JSON lines (the --log format).
    QByteArray jsonLines();
    // The same as a HAR file (HarWriter): the WebSocket conversations, for a browser's tools.
    QByteArray har();

    // The source of the pattern of the rule event names, looked up in the spec the server
    // serves as the event happens; empty when it names no rule of an endpoint.
    static QString rulePatternOf(const MockSpec &spec, const TrafficEvent &event);

private:
    ConnectionsModel *m_connections = nullptr;
    MessageLogModel *m_messages = nullptr;
    QPointer<MockServer> m_server;
};
