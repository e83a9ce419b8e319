#include "plainupstreamsocket.h"

#include <QCryptographicHash>
#include <QNetworkRequest>
#include <QPointer>
#include <QRandomGenerator>
#include <QSocketNotifier>
#include <QStringDecoder>
#include <QTcpSocket>

#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace {
enum Opcode { Continuation = 0x0, Text = 0x1, Binary = 0x2, Close = 0x8, Ping = 0x9, Pong = 0xA };
constexpr quint16 ProtocolError = 1002;
constexpr quint16 InvalidPayload = 1007;
constexpr quint16 TooBig = 1009;
constexpr quint16 NoStatus = 1005;
constexpr qsizetype ReadChunk = 64 * 1024;

bool isRetry(int error)
{
    return error == EAGAIN || error == EWOULDBLOCK || error == EINTR;
}

// A frame's header: RFC 6455 5.2, a 7-bit, 16-bit or 64-bit length, then a mask if any.
QByteArray headerFor(int opcode, quint64 length, quint32 mask)
{
    QByteArray header;
    header.reserve(14);
    header.append(char(0x80 | opcode));
    if (length <= 125) {
        header.append(char(0x80 | length));
    } else if (length <= 0xffff) {
        header.append(char(0x80 | 126));
        header.append(char(length >> 8));
        header.append(char(length & 0xff));
    } else {
        header.append(char(0x80 | 127));
        for (int shift = 56; shift >= 0; shift -= 8)
            header.append(char((length >> shift) & 0xff));
    }
    for (int shift = 24; shift >= 0; shift -= 8)
        header.append(char((mask >> shift) & 0xff));
    return header;
}

// RFC 6455 5.3: each byte XORed with the key's byte at its place modulo 4; in place when out
// is in.
void maskInto(char *out, const char *in, qsizetype size, const uchar key[4])
{
    for (qsizetype i = 0; i < size; ++i)
        out[i] = char(uchar(in[i]) ^ key[i & 3]);
}
} // namespace

struct PlainUpstreamSocket::Frame
{
    bool fin = false;
    int opcode = 0;
    bool masked = false;
    uchar mask[4] = {};
    quint64 length = 0;
    int headerSize = 0; // 0: not all of the header is here yet; -1: no frame the RFC allows

    static Frame read(const uchar *p, qsizetype available)
    {
        Frame frame;
        if (available < 2)
            return frame;
        if (p[0] & 0x70) { // no extension was agreed, so no reserved bit may be set
            frame.headerSize = -1;
            return frame;
        }
        frame.fin = p[0] & 0x80;
        frame.opcode = p[0] & 0x0f;
        frame.masked = p[1] & 0x80;
        quint64 length = p[1] & 0x7f;
        int size = 2;
        const int extra = length == 126 ? 2 : length == 127 ? 8 : 0;
        if (available < size + extra)
            return frame;
        if (extra) {
            length = 0;
            for (int i = 0; i < extra; ++i)
                length = (length << 8) | p[size + i];
            size += extra;
        }
        if (frame.masked) {
            if (available < size + 4)
                return frame;
            std::memcpy(frame.mask, p + size, 4);
            size += 4;
        }
        frame.length = length;
        frame.headerSize = size;
        return frame;
    }
};

PlainUpstreamSocket::PlainUpstreamSocket(QObject *parent) : UpstreamSocket(parent) { }

PlainUpstreamSocket::~PlainUpstreamSocket()
{
    closeDescriptor();
}

QByteArray PlainUpstreamSocket::acceptFor(const QByteArray &key)
{
    const QByteArray keyed = key + QByteArrayLiteral("258EAFA5-E914-47DA-95CA-C5AB0DC85B11");
    return QCryptographicHash::hash(keyed, QCryptographicHash::Sha1).toBase64();
}

void PlainUpstreamSocket::open(const QNetworkRequest &request, const QStringList &subprotocols)
{
    m_offered = subprotocols;
    QByteArray nonce(16, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(nonce.data()), 4);
    m_key = nonce.toBase64();
    m_tcp = new QTcpSocket(this);
    const QByteArray head = handshakeRequest(request);
    connect(m_tcp, &QTcpSocket::connected, this, [this, head] {
        m_tcp->setSocketOption(QAbstractSocket::LowDelayOption, 1);
        m_tcp->write(head);
    });
    connect(m_tcp, &QTcpSocket::readyRead, this, &PlainUpstreamSocket::onHandshakeBytes);
    connect(m_tcp, &QTcpSocket::errorOccurred, this, [this] {
        m_error = m_tcp->errorString();
        emit errorOccurred();
    });
    connect(m_tcp, &QTcpSocket::disconnected, this, &PlainUpstreamSocket::disconnected);
    const QUrl url = request.url();
    m_tcp->connectToHost(url.host(), quint16(url.port(80)));
}

QByteArray PlainUpstreamSocket::handshakeRequest(const QNetworkRequest &request) const
{
    const QUrl url = request.url();
    QByteArray target = url.path(QUrl::FullyEncoded).toUtf8();
    if (target.isEmpty())
        target = "/";
    if (url.hasQuery())
        target += '?' + url.query(QUrl::FullyEncoded).toUtf8();
    const QByteArray host
        = url.toString(QUrl::RemoveScheme | QUrl::RemoveUserInfo | QUrl::RemovePath
                       | QUrl::RemoveQuery | QUrl::RemoveFragment)
              .mid(2)
              .toUtf8();
    QByteArray head = "GET " + target + " HTTP/1.1\r\nHost: " + host
        + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: " + m_key
        + "\r\nSec-WebSocket-Version: 13\r\n";
    if (!m_offered.isEmpty())
        head += "Sec-WebSocket-Protocol: " + m_offered.join(QLatin1String(", ")).toUtf8() + "\r\n";
    for (const QByteArray &name : request.rawHeaderList())
        head += name + ": " + request.rawHeader(name) + "\r\n";
    return head + "\r\n";
}

void PlainUpstreamSocket::onHandshakeBytes()
{
    m_head += m_tcp->readAll();
    const qsizetype end = m_head.indexOf("\r\n\r\n");
    if (end < 0) {
        if (m_head.size() > MaxResponseHead)
            refuse(
                tr("its answer to the handshake is over %n KiB", nullptr, MaxResponseHead / 1024));
        return;
    }
    const QByteArray rest = m_head.mid(end + 4);
    const QString problem = problemWithResponse(m_head.left(end));
    m_head.clear();
    if (!problem.isEmpty())
        refuse(problem);
    else
        takeOver(rest);
}

// Why the upstream's answer does not open a WebSocket (RFC 6455 4.1), or nothing.
QString PlainUpstreamSocket::problemWithResponse(const QByteArray &head)
{
    const QList<QByteArray> lines = head.split('\n');
    const QList<QByteArray> status = lines.first().trimmed().split(' ');
    if (status.size() < 2 || !status.first().startsWith("HTTP/"))
        return tr("it did not answer in HTTP");
    if (status.at(1) != "101")
        return tr("it answered %1 instead of switching to WebSocket")
            .arg(QString::fromLatin1(lines.first().trimmed().mid(status.first().size() + 1)));
    QByteArray upgrade;
    QByteArray accept;
    QByteArray extensions;
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const qsizetype colon = lines.at(i).indexOf(':');
        const QByteArray name = lines.at(i).left(colon).trimmed().toLower();
        const QByteArray value = lines.at(i).mid(colon + 1).trimmed();
        if (colon < 0)
            continue;
        if (name == "upgrade")
            upgrade = value.toLower();
        else if (name == "sec-websocket-accept")
            accept = value;
        else if (name == "sec-websocket-protocol")
            m_subprotocol = QString::fromLatin1(value);
        else if (name == "sec-websocket-extensions")
            extensions = value;
    }
    if (upgrade != "websocket")
        return tr("it switched protocols but not to WebSocket");
    if (accept != acceptFor(m_key))
        return tr("its Sec-WebSocket-Accept does not answer the key sent");
    if (!m_subprotocol.isEmpty() && !m_offered.contains(m_subprotocol))
        return tr("it chose subprotocol %1, which the client did not offer").arg(m_subprotocol);
    if (!extensions.isEmpty())
        return tr("it chose extensions, which were not offered");
    return QString();
}

void PlainUpstreamSocket::refuse(const QString &problem)
{
    m_error = problem;
    m_tcp->disconnect(this);
    m_tcp->abort();
    emit errorOccurred();
}

// The upstream has switched protocols: from here on its descriptor is read and written here.
// A duplicate is kept, and the QTcpSocket let go (closing only its own descriptor).
void PlainUpstreamSocket::takeOver(const QByteArray &rest)
{
    const int fd = ::fcntl(int(m_tcp->socketDescriptor()), F_DUPFD_CLOEXEC, 0);
    const QString failure = fd < 0 ? QString::fromLocal8Bit(std::strerror(errno)) : QString();
    m_tcp->disconnect(this);
    m_tcp->abort();
    m_tcp->deleteLater();
    m_tcp = nullptr;
    if (fd < 0) {
        m_error = failure;
        emit errorOccurred();
        emit disconnected();
        return;
    }
    m_fd = fd;
    m_readNotifier = new QSocketNotifier(qintptr(fd), QSocketNotifier::Read, this);
    connect(m_readNotifier, &QSocketNotifier::activated, this, &PlainUpstreamSocket::onReadable);
    m_writeNotifier = new QSocketNotifier(qintptr(fd), QSocketNotifier::Write, this);
    m_writeNotifier->setEnabled(false);
    connect(m_writeNotifier, &QSocketNotifier::activated, this, &PlainUpstreamSocket::onWritable);
    const QPointer<PlainUpstreamSocket> alive(this);
    emit connected();
    if (alive && m_fd >= 0 && !rest.isEmpty())
        consume(rest.constData(), rest.size());
}

void PlainUpstreamSocket::onReadable()
{
    thread_local char chunk[ReadChunk];
    const ssize_t got = ::read(m_fd, chunk, sizeof chunk);
    if (got > 0) {
        consume(chunk, qsizetype(got));
        return;
    }
    if (got < 0 && isRetry(errno))
        return;
    // The upstream ended the connection (or it broke) without a close frame: one would have
    // ended it here first, so closeCode() stays 1006.
    closeDescriptor();
    emit disconnected();
}

void PlainUpstreamSocket::consume(const char *data, qsizetype size)
{
    QByteArray joined;
    if (!m_in.isEmpty()) {
        joined = std::exchange(m_in, QByteArray()) + QByteArray::fromRawData(data, size);
        data = joined.constData();
        size = joined.size();
    }
    const QPointer<PlainUpstreamSocket> alive(this);
    while (size > 0) {
        const Frame frame = Frame::read(reinterpret_cast<const uchar *>(data), size);
        if (frame.headerSize < 0) {
            failProtocol(ProtocolError, tr("upstream sent a frame with a reserved bit set"));
            return;
        }
        if (frame.length > quint64(MaxMessageSize)) {
            failProtocol(
                TooBig,
                tr("upstream sent a message over %n MiB", nullptr, int(MaxMessageSize >> 20)));
            return;
        }
        if (frame.headerSize == 0 || quint64(size - frame.headerSize) < frame.length)
            break;
        QByteArray payload(data + frame.headerSize, qsizetype(frame.length));
        if (frame.masked)
            maskInto(payload.data(), payload.constData(), payload.size(), frame.mask);
        data += frame.headerSize + qsizetype(frame.length);
        size -= frame.headerSize + qsizetype(frame.length);
        if (!handleFrame(frame, std::move(payload)) || !alive || m_fd < 0)
            return;
    }
    if (size > 0)
        m_in = QByteArray(data, size);
}

bool PlainUpstreamSocket::handleFrame(const Frame &frame, QByteArray payload)
{
    if (frame.opcode >= Close)
        return handleControl(frame, payload);
    if (frame.opcode == Continuation) {
        if (!m_messageOpcode) {
            failProtocol(ProtocolError,
                         tr("upstream sent a continuation frame with no message to continue"));
            return false;
        }
        m_message += payload;
    } else if (frame.opcode == Text || frame.opcode == Binary) {
        if (m_messageOpcode) {
            failProtocol(ProtocolError, tr("upstream sent a new message inside a fragmented one"));
            return false;
        }
        m_messageOpcode = frame.opcode;
        m_message = std::move(payload);
    } else {
        failProtocol(ProtocolError,
                     tr("upstream sent a frame of unknown opcode %1").arg(frame.opcode));
        return false;
    }
    if (m_message.size() > MaxMessageSize) {
        failProtocol(TooBig,
                     tr("upstream sent a message over %n MiB", nullptr, int(MaxMessageSize >> 20)));
        return false;
    }
    return !frame.fin || deliverMessage();
}

bool PlainUpstreamSocket::deliverMessage()
{
    const QByteArray message = std::exchange(m_message, QByteArray());
    const int opcode = std::exchange(m_messageOpcode, 0);
    if (opcode == Binary) {
        emit binaryReceived(message);
        return true;
    }
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    const QString text = decoder(message);
    if (decoder.hasError()) {
        failProtocol(InvalidPayload, tr("upstream sent a text message that is not UTF-8"));
        return false;
    }
    emit textReceived(text);
    return true;
}

bool PlainUpstreamSocket::handleControl(const Frame &frame, const QByteArray &payload)
{
    if (!frame.fin || payload.size() > 125) {
        failProtocol(ProtocolError,
                     tr("upstream sent a control frame fragmented or over 125 bytes"));
        return false;
    }
    if (frame.opcode == Ping) {
        writeFrame(Pong, payload);
        return true;
    }
    if (frame.opcode == Pong)
        return true;
    if (frame.opcode != Close) {
        failProtocol(ProtocolError,
                     tr("upstream sent a frame of unknown opcode %1").arg(frame.opcode));
        return false;
    }
    if (payload.size() == 1) {
        failProtocol(ProtocolError, tr("upstream sent a close frame of one byte"));
        return false;
    }
    // Its code and reason are kept, and the close answered with them, as QWebSocket does.
    const bool withCode = payload.size() >= 2;
    const quint16 code
        = withCode ? quint16((uchar(payload[0]) << 8) | uchar(payload[1])) : NoStatus;
    const QString reason = QString::fromUtf8(payload.mid(2));
    if (!m_closeSent)
        sendClose(code, reason, withCode);
    endConnection();
    return false;
}

void PlainUpstreamSocket::sendText(const QString &text)
{
    writeFrame(Text, text.toUtf8());
}

void PlainUpstreamSocket::sendBinary(const QByteArray &data)
{
    writeFrame(Binary, data);
}

void PlainUpstreamSocket::close(quint16 code, const QString &reason)
{
    if (m_fd < 0) {
        abort();
        return;
    }
    if (!m_closeSent)
        sendClose(code, reason, true);
    endConnection();
}

void PlainUpstreamSocket::abort()
{
    if (m_tcp) {
        m_tcp->abort(); // says disconnected() if it was connected
        return;
    }
    if (m_fd < 0)
        return;
    closeDescriptor();
    emit disconnected();
}

void PlainUpstreamSocket::sendClose(quint16 code, const QString &reason, bool withCode)
{
    const QByteArray reasonUtf8 = reason.toUtf8().left(123);
    QByteArray payload;
    if (withCode) {
        payload.append(char(code >> 8));
        payload.append(char(code & 0xff));
        payload.append(reasonUtf8);
    }
    m_closeCode = code;
    m_closeReason = QString::fromUtf8(reasonUtf8);
    writeFrame(Close, payload);
    m_closeSent = true;
    emit closing();
}

void PlainUpstreamSocket::failProtocol(quint16 code, const QString &reason)
{
    m_error = reason;
    if (!m_closeSent)
        sendClose(code, reason, true);
    endConnection();
}

void PlainUpstreamSocket::writeFrame(int opcode, const QByteArray &payload)
{
    if (m_fd < 0 || m_closeSent)
        return;
    // Behind what the kernel has not taken yet, or kept while corked, or sent at once.
    QByteArray now;
    QByteArray &target = !m_out.isEmpty() ? m_out : m_corked ? m_corkedFrames : now;
    const quint32 mask = QRandomGenerator::global()->generate();
    const uchar key[4] = { uchar(mask >> 24), uchar(mask >> 16), uchar(mask >> 8), uchar(mask) };
    target += headerFor(opcode, quint64(payload.size()), mask);
    const qsizetype start = target.size();
    target.resize(start + payload.size());
    maskInto(target.data() + start, payload.constData(), payload.size(), key);
    if (&target == &now)
        sendNow(now);
}

void PlainUpstreamSocket::uncork()
{
    m_corked = false;
    if (m_fd < 0 || m_corkedFrames.isEmpty())
        return;
    if (m_out.isEmpty())
        sendNow(std::exchange(m_corkedFrames, QByteArray()));
    else
        m_out += std::exchange(m_corkedFrames, QByteArray());
}

// A connection the upstream broke is left to the read side to report.
void PlainUpstreamSocket::sendNow(const QByteArray &bytes)
{
    const ssize_t sent
        = ::send(m_fd, bytes.constData(), size_t(bytes.size()), MSG_NOSIGNAL | MSG_DONTWAIT);
    if (sent == bytes.size() || (sent < 0 && !isRetry(errno)))
        return;
    m_out = bytes.mid(sent > 0 ? qsizetype(sent) : 0);
    m_writeNotifier->setEnabled(true);
}

void PlainUpstreamSocket::onWritable()
{
    const ssize_t sent
        = ::send(m_fd, m_out.constData(), size_t(m_out.size()), MSG_NOSIGNAL | MSG_DONTWAIT);
    if (sent < 0 && isRetry(errno))
        return;
    if (sent < 0)
        m_out.clear(); // the upstream broke the connection
    else
        m_out.remove(0, qsizetype(sent));
    if (!m_out.isEmpty())
        return;
    m_writeNotifier->setEnabled(false);
    if (m_ending) {
        closeDescriptor();
        emit disconnected();
    }
}

// As QWebSocket: once its close frame has gone, a client does not wait for the upstream's.
void PlainUpstreamSocket::endConnection()
{
    uncork();
    if (!m_out.isEmpty()) {
        m_ending = true;
        m_readNotifier->setEnabled(false);
        return;
    }
    closeDescriptor();
    emit disconnected();
}

void PlainUpstreamSocket::closeDescriptor()
{
    m_corkedFrames.clear();
    if (m_fd < 0)
        return;
    // Not deleted here: this may run inside one of their own signals.
    for (QSocketNotifier *notifier :
         { std::exchange(m_readNotifier, nullptr), std::exchange(m_writeNotifier, nullptr) }) {
        notifier->setEnabled(false);
        notifier->deleteLater();
    }
    ::close(std::exchange(m_fd, -1));
}
