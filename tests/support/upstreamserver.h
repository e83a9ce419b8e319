#pragma once

#include <QNetworkRequest>
#include <QSslConfiguration>
#include <QStringList>
#include <QWebSocketServer>

// A real server for a relay or proxy to talk to, in the test: greets with its path and query,
// answers "echo: TEXT", sends binary frames back reversed, closes with 4001 "done" on "bye"
// and drops the connection without a close on "die". It keeps what it received and how its
// connections ended.
class UpstreamServer : public QObject
{
public:
    // Plain ws://, or wss:// with this configuration's certificate and key.
    explicit UpstreamServer(const QSslConfiguration &tls = QSslConfiguration());

    quint16 port() const { return m_server.serverPort(); }
    void setSubprotocols(const QStringList &protocols)
    {
        m_server.setSupportedSubprotocols(protocols);
    }

    QStringList received; // text frames, in order, from every connection
    QList<int> closeCodes; // of the connections the client side closed
    QStringList closeReasons;
    QList<QNetworkRequest> requests; // each connection's handshake request
    QStringList subprotocols; // what each connection agreed on

private:
    void serve(QWebSocket *socket);

    QWebSocketServer m_server;
};
