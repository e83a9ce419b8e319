#pragma once

#include "clientconnection.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QTableView;

// One tab of the Client dock: where to connect (URL, subprotocols, headers), what was sent
// and received, and a message to send as text or as binary written in hex or base64.
class ClientTab : public QWidget
{
    Q_OBJECT

public:
    enum class Format { Text, Hex, Base64 };

    explicit ClientTab(const QString &url, QWidget *parent = nullptr);

    // Connects with what the fields hold; false (the status says why) when one is not valid.
    bool connectToServer();
    void disconnectFromServer();
    // Sends the message field in the chosen format and empties it; false (the status says
    // why) when not connected or the field does not hold that format.
    bool send();

    ClientConnection *connection() const { return m_connection; }
    QLineEdit *urlField() const { return m_url; }
    QLineEdit *subprotocolsField() const { return m_subprotocols; }
    QPlainTextEdit *headersField() const { return m_headers; }
    QPlainTextEdit *messageField() const { return m_message; }
    QComboBox *formatField() const { return m_format; }
    QPushButton *connectButton() const { return m_connect; }
    QPushButton *sendButton() const { return m_send; }
    QTableView *transcriptView() const { return m_view; }
    QString statusText() const;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void updateState();
    void showProblem(const QString &problem);

    ClientConnection *m_connection = nullptr;
    QLineEdit *m_url = nullptr;
    QLineEdit *m_subprotocols = nullptr;
    QPlainTextEdit *m_headers = nullptr;
    QPushButton *m_connect = nullptr;
    QLabel *m_status = nullptr;
    QTableView *m_view = nullptr;
    QPlainTextEdit *m_message = nullptr;
    QComboBox *m_format = nullptr;
    QPushButton *m_send = nullptr;
};
