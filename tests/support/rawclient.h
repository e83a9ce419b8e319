#pragma once

#include <QByteArray>
#include <QList>
#include <QStringList>
#include <QTcpSocket>

#include <optional>

// WebSocket frames and handshakes written and read by hand, to send what no well-behaved
// client would.

enum Opcode : int {
    Continuation = 0x0,
    Text = 0x1,
    Binary = 0x2,
    Close = 0x8,
    Ping = 0x9,
    Pong = 0xA
};

// The key every masked frame written here uses.
inline constexpr char MaskKey[4] = { '\x37', '\xfa', '\x21', '\x3d' };

// A frame header as a client writes it (masked unless asked otherwise); `length` may lie.
QByteArray frameHeader(int opcode, quint64 length, bool fin = true, bool masked = true,
                       int rsv = 0);
// The payload masked with the key frameHeader() writes.
QByteArray masked(QByteArray payload);
QByteArray frame(int opcode, const QByteArray &payload, bool fin = true, bool mask = true,
                 int rsv = 0);
QByteArray closePayload(int code, const QByteArray &reason = {});
// A valid opening handshake for `path`, with `extraHeaders` ("Name: value\r\n"...) added.
QByteArray handshakeRequest(const QByteArray &path = "/ws/echo",
                            const QByteArray &extraHeaders = {});

struct Frame
{
    int opcode = 0;
    bool fin = false;
    bool masked = false;
    QByteArray payload;
    QByteArray header; // the frame's bytes before its payload, as they came
};

// Reads whole HTTP responses (Content-Length framed) off a raw socket, spinning the event
// loop a server in this process runs in, until `count` came, the socket closed or the time
// ran out.
QList<QByteArray> readHttpResponses(QTcpSocket &socket, int count, int timeoutMs = 5000);

// Takes one complete server frame off the front of `data`.
std::optional<Frame> takeFrame(QByteArray &data);

// A raw TCP client that speaks HTTP and WebSocket frames by hand: it keeps the response head
// and parses the server's frames after a 101.
class RawClient : public QObject
{
public:
    RawClient();
    ~RawClient() override;

    bool connectTo(quint16 port);
    // Reads what arrived: the head once complete, then whole frames.
    void pump();
    // While off, what arrives stays unread in the socket.
    void setReading(bool reading) { m_reading = reading; }
    // Whether to reply to the server's close frame, as a well-behaved client does (on).
    void setAnswerClose(bool answer) { m_answerClose = answer; }

    QTcpSocket &socket() { return m_socket; }
    const QByteArray &head() const { return m_head; } // the HTTP response head, once complete
    const QList<Frame> &frames() const { return m_frames; }
    bool isDisconnected() const { return m_disconnected; }
    // The response's status code; 0 before a whole HTTP/1.1 head came.
    int status() const;
    bool answered() const { return !m_head.isEmpty() || m_disconnected; }
    const Frame *firstOf(int opcode) const;
    bool closedByServer() const { return firstOf(Close) != nullptr; }
    // The code of the server's close frame; 1005 when it carries none, 0 when none came.
    int closeCode() const;
    // The text messages, their fragments joined.
    QStringList texts() const;
    // What came, in one line for a failure message.
    QString describe() const;

private:
    void takeFrames();

    QByteArray m_head;
    QByteArray m_buffer; // bytes after the head, not yet parsed into frames
    QList<Frame> m_frames;
    bool m_disconnected = false;
    bool m_reading = true;
    bool m_answerClose = true;
    QTcpSocket m_socket; // last: destroyed first
};
