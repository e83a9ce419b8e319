#pragma once

#include "clienttranscript.h"

#include <QNetworkRequest>
#include <QObject>
#include <QWebSocket>

#include <optional>

// One connection of the workbench's built-in client: a QWebSocket that keeps a transcript of
// what it sent and received and of how it opened and closed.
class ClientConnection : public QObject
{
    Q_OBJECT

public:
    enum class State { Idle, Connecting, Open, Closing, Closed };
    // What to connect to: a ws:// or wss:// URL, subprotocols to offer, extra headers.
    struct Request
    {
        QNetworkRequest request;
        QStringList subprotocols;
    };

    explicit ClientConnection(QObject *parent = nullptr);
    ~ClientConnection() override;

    // A request from the fields a person fills: the URL, a comma list of subprotocols and
    // "Name: value" header lines. Empty, with the reason in *problem, when one is not valid.
    static std::optional<Request> request(const QString &url, const QString &subprotocols,
                                          const QString &headers, QString *problem);
    // The bytes of hex (pairs of digits, spaces allowed) or base64 text; empty, with the
    // reason in *problem, when the text is neither.
    enum class Encoding { Hex, Base64 };
    static std::optional<QByteArray> binary(const QString &text, Encoding encoding,
                                            QString *problem);

    void open(const Request &request);
    void close(QWebSocketProtocol::CloseCode code = QWebSocketProtocol::CloseCodeNormal,
               const QString &reason = QString());
    // Sends a frame when open; false otherwise.
    bool sendText(const QString &text);
    bool sendBinary(const QByteArray &bytes);

    State state() const { return m_state; }
    QString subprotocol() const { return m_socket.subprotocol(); }
    ClientTranscript *transcript() { return &m_transcript; }

signals:
    void stateChanged(ClientConnection::State state);

private:
    void record(ClientTranscript::Direction direction, ClientTranscript::Kind kind,
                const QByteArray &payload = {}, const QString &detail = {}, int code = 0);
    void setState(State state);
    void onDisconnected();

    QWebSocket m_socket;
    ClientTranscript m_transcript;
    State m_state = State::Idle;
    bool m_failed = false; // an error was recorded for this attempt
};
