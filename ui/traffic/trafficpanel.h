#pragma once

#include "mockgenerator.h"
#include "trafficlog.h"

#include <QWidget>

#include <functional>

class ConversationBox;
class QAction;
class MockServer;
class QCheckBox;
class QComboBox;
class QLabel;
class QLayout;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;
class QSplitter;
class QTableView;
class QToolButton;
class TrafficLog;

// Live traffic: the connections list, the selected connection's messages (all connections
// when none is selected) with a filter and a detail pane, and a push bar to send, broadcast
// and close from the server side. The log can be saved as JSON lines (the --log format), and
// a saved one (or a mocket-cli --log file from CI) opened in a read-only window with the same
// views and filters. Without a server the panel is read-only: no push bar, nothing cleared.
class TrafficPanel : public QWidget
{
    Q_OBJECT

public:
    TrafficPanel(TrafficLog *log, MockServer *server, QWidget *parent = nullptr);

    QTableView *connectionsView() const { return m_connections; }
    QTableView *messagesView() const { return m_messages; }
    MessageFilterProxy *messagesProxy() const { return m_proxy; }
    QString detailText() const;
    // The selected connection's state and values; null when read-only.
    ConversationBox *conversationBox() const { return m_conversation; }

    // The selected connection, 0 when none or several.
    quint64 selectedConnection() const;
    // Every selected connection, in the table's order.
    QList<quint64> selectedConnections() const;
    void selectConnection(quint64 id);

    // Push actions, as the buttons do them, on every selected connection that is open; false
    // with a status message when they cannot.
    bool sendToSelected(const QString &text);
    bool sendBinaryToSelected(const QByteArray &data);
    // Sends the push editor's text as its format says: text, or bytes in hex or base64.
    bool sendPush();
    int broadcastFromSelected(const QString &text);
    bool closeSelected(int code, const QString &reason);
    QString statusText() const;

    // The two splits (connections | messages, messages | detail), to keep between sessions.
    QByteArray splitterState() const;
    bool restoreSplitterState(const QByteArray &state);

    void setLogCapacity(int rows);
    int logCapacity() const;

    // Writes every message the log holds as JSON lines; false with a status message when it
    // cannot.
    bool saveTraffic(const QString &path);
    // A read-only window showing a saved log (lines that are not events are skipped and
    // counted in its status); nullptr with *error set when the file cannot be read.
    static TrafficPanel *openSaved(const QString &path, QWidget *parent, QString *error);
    bool isReadOnly() const { return m_server == nullptr; }

    // What can be done with the traffic (trafficpanel_actions.cpp): the messages' context menu
    // acts on the selected message; Create mocks on the selected connection, or on every one
    // when none is selected.
    QAction *copyPayloadAction() const { return m_copyPayload; }
    QAction *copyJsonAction() const { return m_copyJson; }
    QAction *createRuleAction() const { return m_createRule; }
    QAction *createMocksAction() const { return m_createMocks; }
    // The events of the selected connection, or of every connection when none is selected.
    QList<TrafficEvent> eventsOfSelection() const;
    // What the log holds, as the comment of mocks made from it says: a file's name, a
    // recording's upstream.
    void setSourceName(const QString &name) { m_sourceName = name; }
    // Keeps the newest message in view (on by default, off in read-only windows).
    void setFollowNewest(bool on);

signals:
    // Create rule from this message: its connection's path and the rule for it.
    void ruleRequested(const QString &path, const MockGenerator::RuleDraft &draft);
    // Create mocks from this traffic: the events to make them of, and where they came from.
    void mocksRequested(const QList<TrafficEvent> &events, const QString &source);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void fitConnectionsWidth();

private:
    enum class PushFormat { Text, Hex, Base64 };
    PushFormat pushFormat() const;
    QLayout *makeQuickFilters();
    void setQuickFilter(MessageFilterProxy::Quick quick, bool on);
    // Applies a change of the messages' filter, keeping the selection on the same message.
    void refilter(const std::function<void()> &change);
    void onConnectionSelected();
    void onMessageSelected();
    void updatePushButtons();
    QList<quint64> openSelectedConnections() const;
    // Does action on each open selected connection; how many it reached (the last in
    // m_lastReached).
    int toEachSelected(const std::function<bool(quint64)> &action);
    void updateDropped();
    void chooseSaveFile();
    void chooseSavedFile();
    void hideLiveControls();
    void createTrafficActions();
    void updateTrafficActions();
    const TrafficEvent *selectedEvent() const;
    void copySelected(bool asJson);
    void requestRule();
    void forwardRequests(TrafficPanel *other);

    TrafficLog *m_log = nullptr;
    MockServer *m_server = nullptr;
    QTableView *m_connections = nullptr;
    QTableView *m_messages = nullptr;
    MessageFilterProxy *m_proxy = nullptr;
    QPlainTextEdit *m_detail = nullptr;
    QLineEdit *m_filter = nullptr;
    QCheckBox *m_follow = nullptr;
    QSpinBox *m_capacity = nullptr;
    QLabel *m_dropped = nullptr;
    QPlainTextEdit *m_pushText = nullptr;
    QComboBox *m_pushFormat = nullptr;
    QPushButton *m_send = nullptr;
    QPushButton *m_broadcast = nullptr;
    QSpinBox *m_closeCode = nullptr;
    QLineEdit *m_closeReason = nullptr;
    QPushButton *m_close = nullptr;
    QLabel *m_status = nullptr;
    QToolButton *m_clear = nullptr;
    QSplitter *m_split = nullptr;
    int m_connectionsWidth = 0; // what Id to Out take, in the language shown
    bool m_splitChosen = false; // restored, or moved by the user: kept as it is
    QSplitter *m_messagesSplit = nullptr;
    QToolButton *m_forgetClosed = nullptr;
    ConversationBox *m_conversation = nullptr;
    QAction *m_copyPayload = nullptr;
    QAction *m_copyJson = nullptr;
    QAction *m_createRule = nullptr;
    QAction *m_createMocks = nullptr;
    QString m_sourceName;
    quint64 m_lastReached = 0;
};
