// The hand-over of an inspected connection to Qt's HTTP parser: requests that arrived before
// the hand-over (peeked, not read) are parsed and answered, in order, with no warning.

#include "httplayer.h"

#include <QDeadlineTimer>
#include <QHttpServerRequest>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

namespace {
QStringList g_warnings;

void collectWarnings(QtMsgType type, const QMessageLogContext &, const QString &message)
{
    if (type != QtDebugMsg && type != QtInfoMsg)
        g_warnings.append(message);
}

// Reads what arrives until `done` holds, spinning the event loop (the layer runs in it).
template<typename Done>
QByteArray readUntil(QTcpSocket &socket, Done done, int timeoutMs = 3000)
{
    QByteArray received;
    QDeadlineTimer deadline(timeoutMs);
    while (!done(received) && !deadline.hasExpired()) {
        QTest::qWait(5);
        received += socket.readAll();
    }
    return received;
}

// Accepts one connection and waits until `bytes` of it are buffered, unread.
QTcpSocket *acceptWithBuffered(QTcpServer &listener, qint64 bytes)
{
    if (!listener.waitForNewConnection(5000))
        return nullptr;
    QTcpSocket *socket = listener.nextPendingConnection();
    while (socket->bytesAvailable() < bytes && socket->waitForReadyRead(2000)) { }
    // Inspected the way the server's listener does: peeked, left in the socket.
    return socket->peek(4).startsWith("GET ") ? socket : nullptr;
}
} // namespace

class TestHttpLayer : public QObject
{
    Q_OBJECT

private slots:
    void init() { g_warnings.clear(); }

    void answersRequestsBufferedBeforeTheHandOver()
    {
        const QtMessageHandler previous = qInstallMessageHandler(collectWarnings);
        QStringList seen;
        HttpLayer layer([&seen](const QHttpServerRequest &request, QTcpSocket *socket) {
            seen.append(request.url().path());
            const QByteArray body = request.url().path().toUtf8();
            socket->write("HTTP/1.1 200 OK\r\nContent-Length: " + QByteArray::number(body.size())
                          + "\r\n\r\n" + body);
        });
        QTcpServer listener;
        QVERIFY(listener.listen(QHostAddress::LocalHost, 0));
        QTcpSocket client;
        client.connectToHost(QHostAddress::LocalHost, listener.serverPort());
        QVERIFY(client.waitForConnected());
        // Three pipelined requests, all in the socket before the parser sees it; nothing more
        // will arrive to raise another readyRead.
        const QByteArray requests = "GET /one HTTP/1.1\r\nHost: a\r\n\r\n"
                                    "GET /two HTTP/1.1\r\nHost: a\r\n\r\n"
                                    "GET /three HTTP/1.1\r\nHost: a\r\n\r\n";
        client.write(requests);
        QVERIFY(client.waitForBytesWritten());
        QTcpSocket *accepted = acceptWithBuffered(listener, requests.size());
        QVERIFY(accepted);
        layer.take(accepted);

        QByteArray answers
            = readUntil(client, [](const QByteArray &got) { return got.endsWith("/three"); });
        QCOMPARE(seen.join(QLatin1Char(',')), QStringLiteral("/one,/two,/three"));
        QVERIFY(answers.startsWith("HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\n/one"));
        QVERIFY(answers.endsWith("/three"));

        // The connection stays with the parser: a later request is answered too.
        client.write("GET /four HTTP/1.1\r\nHost: a\r\n\r\n");
        answers = readUntil(client, [](const QByteArray &got) { return got.endsWith("/four"); });
        QVERIFY(answers.endsWith("/four"));
        qInstallMessageHandler(previous);
        QVERIFY2(g_warnings.isEmpty(), qPrintable(g_warnings.join(QLatin1Char('\n'))));
    }

    void parsesABodyThatArrivesAfterTheHandOver()
    {
        QByteArray body;
        HttpLayer layer([&body](const QHttpServerRequest &request, QTcpSocket *socket) {
            body = request.body();
            socket->write("HTTP/1.1 204 No Content\r\n\r\n");
        });
        QTcpServer listener;
        QVERIFY(listener.listen(QHostAddress::LocalHost, 0));
        QTcpSocket client;
        client.connectToHost(QHostAddress::LocalHost, listener.serverPort());
        QVERIFY(client.waitForConnected());
        const QByteArray head = "GET /upload HTTP/1.1\r\nHost: a\r\nContent-Length: 10\r\n\r\n";
        client.write(head + "01234");
        QVERIFY(client.waitForBytesWritten());
        QTcpSocket *accepted = acceptWithBuffered(listener, head.size() + 5);
        QVERIFY(accepted);
        layer.take(accepted);
        QTest::qWait(50);
        QVERIFY(body.isEmpty()); // not complete yet
        client.write("56789");
        const QByteArray answer
            = readUntil(client, [](const QByteArray &got) { return got.endsWith("\r\n\r\n"); });
        QCOMPARE(body, QByteArray("0123456789"));
        QVERIFY(answer.startsWith("HTTP/1.1 204"));
    }

    void socketIsDeletedWhenTheClientLeaves()
    {
        HttpLayer layer([](const QHttpServerRequest &, QTcpSocket *socket) {
            socket->write("HTTP/1.1 204 No Content\r\n\r\n");
        });
        QTcpServer listener;
        QVERIFY(listener.listen(QHostAddress::LocalHost, 0));
        auto *client = new QTcpSocket(this);
        client->connectToHost(QHostAddress::LocalHost, listener.serverPort());
        QVERIFY(client->waitForConnected());
        client->write("GET / HTTP/1.1\r\nHost: a\r\n\r\n");
        QVERIFY(client->waitForBytesWritten());
        QPointer<QTcpSocket> accepted = acceptWithBuffered(listener, 10);
        QVERIFY(accepted);
        layer.take(accepted);
        QVERIFY(
            !readUntil(*client, [](const QByteArray &got) { return !got.isEmpty(); }).isEmpty());
        client->abort();
        delete client;
        QTRY_VERIFY(accepted.isNull());
    }
};

QTEST_GUILESS_MAIN(TestHttpLayer)
#include "tst_httplayer.moc"
