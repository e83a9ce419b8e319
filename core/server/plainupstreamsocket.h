#pragma once

#include "upstreamsocket.h"

#include <QByteArray>
#include <QString>

class QSocketNotifier;
class QTcpSocket;

// A ws:// upstream, spoken to without QWebSocket. A QTcpSocket connects and carries the
// handshake; once the upstream has switched protocols, the connection's descriptor is read and
// written directly: one read() a batch of frames, one send() a frame, where a QTcpSocket asks
// the kernel how much is waiting before each read and sends on the next pass of the event loop.
// Relayed frames are most of what a proxy: endpoint does, so this is most of its cost.
// Server frames may be fragmented and interleaved with pings (answered) and pongs (ignored);
// a frame the protocol forbids ends the connection with 1002, invalid UTF-8 in a text message
// with 1007, a message over MaxMessageSize with 1009.
class PlainUpstreamSocket : public UpstreamSocket
{
    Q_OBJECT

public:
    static constexpr qint64 MaxMessageSize = qint64(256) * 1024 * 1024;
    static constexpr int MaxResponseHead = 16 * 1024;

    explicit PlainUpstreamSocket(QObject *parent = nullptr);
    ~PlainUpstreamSocket() override;

    void open(const QNetworkRequest &request, const QStringList &subprotocols) override;
    QString subprotocol() const override { return m_subprotocol; }
    void sendText(const QString &text) override;
    void sendBinary(const QByteArray &data) override;
    void close(quint16 code, const QString &reason) override;
    void abort() override;
    void cork() override { m_corked = true; }
    void uncork() override;
    quint16 closeCode() const override { return m_closeCode; }
    QString closeReason() const override { return m_closeReason; }
    QString errorString() const override { return m_error; }

    // The handshake's key and the Sec-WebSocket-Accept an upstream must answer it with.
    static QByteArray acceptFor(const QByteArray &key);

private:
    struct Frame;
    QByteArray handshakeRequest(const QNetworkRequest &request) const;
    void onHandshakeBytes();
    QString problemWithResponse(const QByteArray &head);
    void refuse(const QString &problem);
    void takeOver(const QByteArray &rest);
    void onReadable();
    void onWritable();
    void consume(const char *data, qsizetype size);
    bool handleFrame(const Frame &frame, QByteArray payload); // false: the connection is over
    bool handleControl(const Frame &frame, const QByteArray &payload);
    bool deliverMessage();
    void writeFrame(int opcode, const QByteArray &payload);
    void sendNow(const QByteArray &bytes); // what the kernel does not take waits in m_out
    void failProtocol(quint16 code, const QString &reason);
    void sendClose(quint16 code, const QString &reason, bool withCode);
    void endConnection(); // once what is written has gone
    void closeDescriptor();

    QTcpSocket *m_tcp = nullptr; // until the upstream switches protocols
    QSocketNotifier *m_readNotifier = nullptr;
    QSocketNotifier *m_writeNotifier = nullptr;
    int m_fd = -1;
    QByteArray m_key;
    QStringList m_offered;
    QByteArray m_head; // the upstream's answer to the handshake, as it arrives
    QByteArray m_in; // a frame not all read yet
    QByteArray m_corkedFrames;
    QByteArray m_out; // what the kernel did not take at once
    QByteArray m_message; // a fragmented message so far
    int m_messageOpcode = 0; // its opcode; 0 when none is in progress
    QString m_subprotocol;
    QString m_error;
    QString m_closeReason;
    quint16 m_closeCode = 1006; // no close frame (yet)
    bool m_closeSent = false;
    bool m_corked = false;
    bool m_ending = false; // closing once m_out is written
};
