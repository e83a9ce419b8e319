#include "clientconnection.h"

#include "specrules.h"

#include <QWebSocketHandshakeOptions>

namespace {
// Renamed errorOccurred in Qt 6.5, where the old name is deprecated.
#if QT_VERSION >= QT_VERSION_CHECK(6, 5, 0)
constexpr auto SocketErrorSignal = &QWebSocket::errorOccurred;
#else
constexpr auto SocketErrorSignal = qOverload<QAbstractSocket::SocketError>(&QWebSocket::error);
#endif
} // namespace

using Direction = ClientTranscript::Direction;
using Kind = ClientTranscript::Kind;

ClientConnection::ClientConnection(QObject *parent) : QObject(parent), m_transcript(this)
{
    connect(&m_socket, &QWebSocket::connected, this, [this] {
        record(Direction::Event, Kind::Opened, {}, m_socket.subprotocol());
        setState(State::Open);
    });
    connect(&m_socket, &QWebSocket::disconnected, this, &ClientConnection::onDisconnected);
    connect(&m_socket, &QWebSocket::textMessageReceived, this, [this](const QString &text) {
        record(Direction::Received, Kind::Text, text.toUtf8());
    });
    connect(&m_socket, &QWebSocket::binaryMessageReceived, this,
            [this](const QByteArray &bytes) { record(Direction::Received, Kind::Binary, bytes); });
    connect(&m_socket, SocketErrorSignal, this, [this] {
        // Only a failure to open is worth a row: once open, the close code says it all. The
        // failure may come before or after disconnected(), which records it when it is first.
        if (m_state != State::Connecting || m_failed)
            return;
        m_failed = true;
        record(Direction::Event, Kind::Error, {}, m_socket.errorString());
        if (m_socket.state() == QAbstractSocket::UnconnectedState)
            setState(State::Closed);
    });
}

// The socket's last signals, as it goes, would reach a transcript already gone.
ClientConnection::~ClientConnection()
{
    m_socket.disconnect(this);
}

std::optional<ClientConnection::Request> ClientConnection::request(const QString &url,
                                                                   const QString &subprotocols,
                                                                   const QString &headers,
                                                                   QString *problem)
{
    const QUrl parsed = QUrl::fromUserInput(url.trimmed());
    const QString scheme = parsed.scheme();
    if (!parsed.isValid() || parsed.host().isEmpty()
        || (scheme != QLatin1String("ws") && scheme != QLatin1String("wss"))) {
        *problem = tr("'%1' is not a ws:// or wss:// URL.").arg(url.trimmed());
        return std::nullopt;
    }
    Request result { QNetworkRequest(parsed), {} };
    for (const QString &name : subprotocols.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        if (!name.trimmed().isEmpty())
            result.subprotocols << name.trimmed();
    }
    for (const QString &line : headers.split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
        if (line.trimmed().isEmpty())
            continue;
        const qsizetype colon = line.indexOf(QLatin1Char(':'));
        const QString name = line.left(colon).trimmed();
        if (colon <= 0 || name.isEmpty() || name.contains(QLatin1Char(' '))) {
            *problem = tr("'%1' is not a header line (Name: value).").arg(line.trimmed());
            return std::nullopt;
        }
        result.request.setRawHeader(name.toLatin1(), line.mid(colon + 1).trimmed().toUtf8());
    }
    return result;
}

std::optional<QByteArray> ClientConnection::binary(const QString &text, Encoding encoding,
                                                   QString *problem)
{
    if (encoding == Encoding::Hex) {
        if (std::optional<QByteArray> bytes = SpecRules::hexPrefix(text))
            return bytes;
        *problem = tr("Not hex: write pairs of hex digits, e.g. ca fe 01.");
        return std::nullopt;
    }
    Verdict<QByteArray> bytes = SpecRules::base64Frame(text);
    if (bytes.ok())
        return bytes.value;
    *problem = tr("Not base64, e.g. AAEC/w==.");
    return std::nullopt;
}

void ClientConnection::open(const Request &request)
{
    if (m_state == State::Connecting || m_state == State::Open || m_state == State::Closing)
        return;
    m_failed = false;
    QWebSocketHandshakeOptions options;
    options.setSubprotocols(request.subprotocols);
    setState(State::Connecting);
    m_socket.open(request.request, options);
}

void ClientConnection::close(QWebSocketProtocol::CloseCode code, const QString &reason)
{
    if (m_state == State::Connecting) {
        m_socket.abort();
        return;
    }
    if (m_state != State::Open)
        return;
    setState(State::Closing);
    m_socket.close(code, reason);
}

bool ClientConnection::sendText(const QString &text)
{
    if (m_state != State::Open)
        return false;
    m_socket.sendTextMessage(text);
    record(Direction::Sent, Kind::Text, text.toUtf8());
    return true;
}

bool ClientConnection::sendBinary(const QByteArray &bytes)
{
    if (m_state != State::Open)
        return false;
    m_socket.sendBinaryMessage(bytes);
    record(Direction::Sent, Kind::Binary, bytes);
    return true;
}

void ClientConnection::record(Direction direction, Kind kind, const QByteArray &payload,
                              const QString &detail, int code)
{
    m_transcript.append(
        { QDateTime::currentDateTimeUtc(), direction, kind, payload, detail, code });
}

void ClientConnection::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    emit stateChanged(state);
}

void ClientConnection::onDisconnected()
{
    if (m_state == State::Open || m_state == State::Closing)
        record(Direction::Event, Kind::Closed, {}, m_socket.closeReason(), m_socket.closeCode());
    else if (!m_failed)
        record(Direction::Event, Kind::Error, {}, m_socket.errorString());
    setState(State::Closed);
}
