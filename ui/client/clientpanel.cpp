#include "clientpanel.h"

#include "clienttab.h"

#include <QLineEdit>
#include <QTabWidget>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

namespace {
constexpr int CloseGraceMs = 5000;
}

ClientPanel::ClientPanel(QWidget *parent) : QWidget(parent)
{
    m_tabs = new QTabWidget(this);
    m_tabs->setTabsClosable(true);
    m_tabs->setMovable(true);
    m_tabs->setDocumentMode(true);
    m_add = new QToolButton(m_tabs);
    m_add->setText(tr("+ Client"));
    m_add->setToolTip(tr("Open another client, with a connection of its own"));
    m_add->setAutoRaise(true);
    m_tabs->setCornerWidget(m_add, Qt::TopRightCorner);
    connect(m_add, &QToolButton::clicked, this, [this] { m_tabs->setCurrentWidget(addClient()); });
    connect(m_tabs, &QTabWidget::tabCloseRequested, this, &ClientPanel::closeClient);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_tabs);
    addClient();
}

void ClientPanel::setDefaultUrl(const QString &url)
{
    for (int index = 0; index < clientCount(); ++index) {
        ClientTab *tab = client(index);
        if (tab->connection()->state() == ClientConnection::State::Idle
            && tab->urlField()->text() == m_defaultUrl)
            tab->urlField()->setText(url);
    }
    m_defaultUrl = url;
}

ClientTab *ClientPanel::addClient()
{
    auto *tab = new ClientTab(m_defaultUrl, m_tabs);
    m_tabs->addTab(tab, tr("Client %1").arg(++m_opened));
    return tab;
}

int ClientPanel::clientCount() const
{
    return m_tabs->count();
}

ClientTab *ClientPanel::client(int index) const
{
    return qobject_cast<ClientTab *>(m_tabs->widget(index));
}

void ClientPanel::closeClient(int index)
{
    ClientTab *tab = client(index);
    if (!tab)
        return;
    m_tabs->removeTab(index);
    // The connection outlives its tab until its close handshake is done, so the server sees
    // a clean close rather than a dropped client.
    ClientConnection *connection = tab->connection();
    connection->setParent(this);
    tab->deleteLater();
    if (connection->state() != ClientConnection::State::Open) {
        connection->deleteLater();
        return;
    }
    connect(connection, &ClientConnection::stateChanged, connection,
            [connection](ClientConnection::State state) {
                if (state == ClientConnection::State::Closed)
                    connection->deleteLater();
            });
    QTimer::singleShot(CloseGraceMs, connection, &QObject::deleteLater);
    connection->close(QWebSocketProtocol::CloseCodeGoingAway);
}
