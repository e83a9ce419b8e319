#include "rawclient.h"

#include <QElapsedTimer>
#include <QTest>
#include <QtEndian>

namespace {

constexpr int WaitMs = 5000;

void appendLength(QByteArray &header, quint64 length, int maskBit)
{
    if (length < 126) {
        header += char(maskBit | int(length));
    } else if (length <= 0xffff) {
        header += char(maskBit | 126);
        header += char((length >> 8) & 0xff);
        header += char(length & 0xff);
    } else {
        header += char(maskBit | 127);
        for (int shift = 56; shift >= 0; shift -= 8)
            header += char((length >> shift) & 0xff);
    }
}

// The payload length and where the mask key (or else the payload) starts; nullopt while the
// length itself is incomplete.
std::optional<std::pair<quint64, qsizetype>> payloadLength(const QByteArray &data)
{
    const quint64 length = quint8(data.at(1)) & 0x7f;
    if (length == 126) {
        if (data.size() < 4)
            return std::nullopt;
        return std::make_pair(quint64(qFromBigEndian<quint16>(data.constData() + 2)), 4);
    }
    if (length == 127) {
        if (data.size() < 10)
            return std::nullopt;
        return std::make_pair(qFromBigEndian<quint64>(data.constData() + 2), 10);
    }
    return std::make_pair(length, 2);
}

} // namespace

QByteArray frameHeader(int opcode, quint64 length, bool fin, bool masked, int rsv)
{
    QByteArray header;
    header += char((fin ? 0x80 : 0) | ((rsv & 7) << 4) | (opcode & 0x0f));
    appendLength(header, length, masked ? 0x80 : 0);
    if (masked)
        header.append(MaskKey, 4);
    return header;
}

QByteArray masked(QByteArray payload)
{
    for (qsizetype i = 0; i < payload.size(); ++i)
        payload[i] = char(payload.at(i) ^ MaskKey[i % 4]);
    return payload;
}

QByteArray frame(int opcode, const QByteArray &payload, bool fin, bool mask, int rsv)
{
    QByteArray out = frameHeader(opcode, quint64(payload.size()), fin, mask, rsv);
    out += mask ? masked(payload) : payload;
    return out;
}

QByteArray closePayload(int code, const QByteArray &reason)
{
    QByteArray out;
    out += char((code >> 8) & 0xff);
    out += char(code & 0xff);
    out += reason;
    return out;
}

QByteArray handshakeRequest(const QByteArray &path, const QByteArray &extraHeaders)
{
    QByteArray request = "GET " + path + " HTTP/1.1\r\n";
    request += "Host: 127.0.0.1\r\n"
               "Upgrade: websocket\r\n"
               "Connection: Upgrade\r\n"
               "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
               "Sec-WebSocket-Version: 13\r\n";
    request += extraHeaders;
    request += "\r\n";
    return request;
}

std::optional<Frame> takeFrame(QByteArray &data)
{
    if (data.size() < 2)
        return std::nullopt;
    const std::optional<std::pair<quint64, qsizetype>> length = payloadLength(data);
    if (!length)
        return std::nullopt;
    qsizetype offset = length->second;
    Frame taken;
    taken.fin = quint8(data.at(0)) & 0x80;
    taken.opcode = quint8(data.at(0)) & 0x0f;
    taken.masked = quint8(data.at(1)) & 0x80;
    QByteArray key;
    if (taken.masked) {
        if (data.size() < offset + 4)
            return std::nullopt;
        key = data.mid(offset, 4);
        offset += 4;
    }
    if (quint64(data.size() - offset) < length->first)
        return std::nullopt;
    taken.payload = data.mid(offset, qsizetype(length->first));
    taken.header = data.left(offset);
    for (qsizetype i = 0; taken.masked && i < taken.payload.size(); ++i)
        taken.payload[i] = char(taken.payload.at(i) ^ key.at(i % 4));
    data.remove(0, offset + qsizetype(length->first));
    return taken;
}

RawClient::RawClient()
{
    connect(&m_socket, &QTcpSocket::readyRead, this, [this] {
        if (m_reading)
            pump();
    });
    connect(&m_socket, &QTcpSocket::disconnected, this, [this] {
        if (m_reading)
            pump();
        m_disconnected = true;
    });
}

RawClient::~RawClient()
{
    QObject::disconnect(&m_socket, nullptr, this, nullptr);
}

bool RawClient::connectTo(quint16 port)
{
    m_socket.connectToHost(QHostAddress::LocalHost, port);
    return m_socket.waitForConnected(WaitMs);
}

void RawClient::pump()
{
    if (m_socket.isOpen()) // not after a local abort()
        m_buffer += m_socket.readAll();
    if (m_head.isEmpty()) {
        const qsizetype end = m_buffer.indexOf("\r\n\r\n");
        if (end < 0)
            return;
        m_head = m_buffer.left(end + 4);
        m_buffer.remove(0, end + 4);
    }
    if (status() == 101)
        takeFrames();
}

void RawClient::takeFrames()
{
    while (std::optional<Frame> taken = takeFrame(m_buffer)) {
        m_frames.append(*taken);
        if (taken->opcode == Close && m_answerClose
            && m_socket.state() == QAbstractSocket::ConnectedState) {
            m_socket.write(frame(Close, taken->payload.left(2)));
            m_answerClose = false;
        }
    }
}

int RawClient::status() const
{
    if (!m_head.startsWith("HTTP/1.1 "))
        return 0;
    return m_head.mid(9, 3).toInt();
}

const Frame *RawClient::firstOf(int opcode) const
{
    for (const Frame &each : m_frames) {
        if (each.opcode == opcode)
            return &each;
    }
    return nullptr;
}

int RawClient::closeCode() const
{
    const Frame *close = firstOf(Close);
    if (!close)
        return 0;
    if (close->payload.size() < 2)
        return 1005;
    return qFromBigEndian<quint16>(close->payload.constData());
}

QStringList RawClient::texts() const
{
    QStringList out;
    QByteArray message;
    bool inText = false;
    for (const Frame &each : m_frames) {
        if (each.opcode == Text) {
            inText = true;
            message = each.payload;
        } else if (each.opcode == Continuation && inText) {
            message += each.payload;
        } else {
            continue;
        }
        if (each.fin) {
            out.append(QString::fromUtf8(message));
            inText = false;
        }
    }
    return out;
}

QString RawClient::describe() const
{
    const Frame *close = firstOf(Close);
    return QStringLiteral("head=[%1] texts=[%2] close=%3 [%4] disconnected=%5")
        .arg(QString::fromLatin1(m_head.left(200)).simplified(),
             texts().join(QLatin1Char('|')).left(200))
        .arg(closeCode())
        .arg(close ? QString::fromUtf8(close->payload.mid(2)) : QString())
        .arg(m_disconnected);
}

QList<QByteArray> readHttpResponses(QTcpSocket &socket, int count, int timeoutMs)
{
    QList<QByteArray> responses;
    QByteArray buffer;
    QElapsedTimer clock;
    clock.start();
    while (responses.size() < count && clock.elapsed() < timeoutMs) {
        QTest::qWait(5);
        buffer += socket.readAll();
        for (qsizetype headEnd = buffer.indexOf("\r\n\r\n"); headEnd >= 0;
             headEnd = buffer.indexOf("\r\n\r\n")) {
            const QByteArray head = buffer.left(headEnd).toLower();
            const qsizetype at = head.indexOf("content-length: ");
            const qsizetype length
                = at < 0 ? 0 : head.mid(at + 16).split('\r').constFirst().toLongLong();
            if (buffer.size() < headEnd + 4 + length)
                break;
            responses.append(buffer.left(headEnd + 4 + length));
            buffer.remove(0, headEnd + 4 + length);
        }
        if (socket.state() == QAbstractSocket::UnconnectedState && socket.bytesAvailable() == 0)
            break;
    }
    return responses;
}
