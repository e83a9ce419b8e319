#pragma once

#include <QGroupBox>

class MockServer;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableWidget;
struct TrafficEvent;

// The selected connection's conversation: its state, its variables and its endpoint's shared
// values, kept up to date as the rules change them, and editable by hand (as a rule would
// change them, within the same limits).
class ConversationBox : public QGroupBox
{
    Q_OBJECT

public:
    ConversationBox(MockServer *server, QWidget *parent = nullptr);

    // The connection shown, 0 for none.
    void setConnection(quint64 id);
    quint64 connection() const { return m_id; }

    // The edits, as the buttons do them; false with a message in statusText() when refused.
    bool setState(const QString &state);
    bool setValue(bool shared, const QString &name, const QString &value);
    bool removeValue(bool shared, const QString &name);

    QString stateText() const;
    // "vars.user = alice" and "shared.market = open" lines, in the table's order.
    QStringList valueLines() const;
    QString statusText() const;

private:
    void refresh();
    void onEvent(const TrafficEvent &event);
    void onRowSelected();
    bool sharedChosen() const;

    MockServer *m_server = nullptr;
    quint64 m_id = 0;
    QLineEdit *m_state = nullptr;
    QPushButton *m_setState = nullptr;
    QTableWidget *m_values = nullptr;
    QComboBox *m_scope = nullptr;
    QLineEdit *m_name = nullptr;
    QLineEdit *m_value = nullptr;
    QPushButton *m_set = nullptr;
    QPushButton *m_remove = nullptr;
    QLabel *m_status = nullptr;
};
