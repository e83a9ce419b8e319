#pragma once

#include <QWidget>

class ClientTab;
class QTabWidget;
class QToolButton;

// The Client dock: built-in WebSocket clients, one per tab, each with its own connection.
class ClientPanel : public QWidget
{
    Q_OBJECT

public:
    explicit ClientPanel(QWidget *parent = nullptr);

    // The URL a new client starts with; clients not connected yet that still show the old
    // one follow it.
    void setDefaultUrl(const QString &url);
    QString defaultUrl() const { return m_defaultUrl; }

    ClientTab *addClient();
    int clientCount() const;
    ClientTab *client(int index) const;
    QTabWidget *tabs() const { return m_tabs; }
    QToolButton *addButton() const { return m_add; }

private:
    void closeClient(int index);

    QTabWidget *m_tabs = nullptr;
    QToolButton *m_add = nullptr;
    QString m_defaultUrl;
    int m_opened = 0; // clients opened so far, for their tab names
};
