#include "mockserver.h"
#include "serveroptions.h"
#include "specloader.h"

#include <QNetworkRequest>
#include <QSslConfiguration>
#include <QTemporaryDir>
#include <QTest>
#include <QWebSocket>

namespace {
MockSpecPtr echoSpec()
{
    const LoadResult result = SpecLoader::loadText(
        QStringLiteral("- websocket:\n    path: /ws/echo\n    on-connect:\n      response: hi\n"),
        QStringLiteral("test.yml"));
    return result.spec;
}

// Opens a client with this Origin; true once it is connected, false once it failed.
bool connects(const MockServer &server, const QString &origin)
{
    QWebSocket socket(origin);
    bool connected = false;
    bool failed = false;
    QObject::connect(&socket, &QWebSocket::connected, [&] { connected = true; });
    QObject::connect(&socket, &QWebSocket::disconnected, [&] { failed = true; });
    QObject::connect(&socket, qOverload<QAbstractSocket::SocketError>(&QWebSocket::error),
                     [&] { failed = true; });
    socket.open(QUrl(server.url().toString() + QStringLiteral("/ws/echo")));
    return QTest::qWaitFor([&] { return connected || failed; }, 5000) && connected && !failed;
}
} // namespace

class TestServerOptions : public QObject
{
    Q_OBJECT

private slots:
    // The defaults are the server's own: a default ServerOptions changes nothing.
    void defaultsAreTheServers()
    {
        const ServerOptions options;
        QCOMPARE(options.host, QStringLiteral("127.0.0.1"));
        QCOMPARE(options.address, QHostAddress(QHostAddress::LocalHost));
        QCOMPARE(options.port, quint16(8000));
        QVERIFY(!options.usesTls());

        MockServer server;
        QString error;
        QVERIFY(server.applyOptions(options, &error));
        QCOMPARE(server.maxMessageSize(), MockServer::DefaultMaxMessageSize);
        QCOMPARE(server.maxConnections(), 0);
        QCOMPARE(server.maxPendingBytes(), MockServer::DefaultMaxPendingBytes);
        QVERIFY(server.allowedOrigins().isEmpty());
        QVERIFY(!server.isSecure());
    }

    void hostsAndPorts()
    {
        ServerOptions options;
        QVERIFY(options.setHost(QStringLiteral("LocalHost")));
        QCOMPARE(options.address, QHostAddress(QHostAddress::LocalHost));
        QVERIFY(options.setHost(QStringLiteral("0.0.0.0")));
        QVERIFY(isAllInterfaces(options.address));
        QVERIFY(options.setHost(QStringLiteral("[::1]")));
        QCOMPARE(options.address, QHostAddress(QHostAddress::LocalHostIPv6));
        QCOMPARE(options.urlHost(), QStringLiteral("[::1]"));
        QVERIFY(options.setHost(QStringLiteral("::1")));
        QCOMPARE(options.urlHost(), QStringLiteral("[::1]"));

        QVERIFY(!options.setHost(QStringLiteral("example.com")));
        QCOMPARE(options.host, QStringLiteral("::1")); // unchanged

        quint16 port = 1;
        QVERIFY(ServerOptions::parsePort(QStringLiteral("0"), &port));
        QCOMPARE(port, quint16(0));
        QVERIFY(ServerOptions::parsePort(QStringLiteral("65535"), &port));
        QCOMPARE(port, quint16(65535));
        QVERIFY(!ServerOptions::parsePort(QStringLiteral("65536"), &port));
        QVERIFY(!ServerOptions::parsePort(QStringLiteral("-1"), &port));
        QVERIFY(!ServerOptions::parsePort(QStringLiteral("http"), &port));
        QCOMPARE(port, quint16(65535));
    }

    // Applied options change what the server does: the connection limit and the allowed
    // origins turn clients away.
    void applyingChangesTheServer()
    {
        MockServer server;
        ServerOptions options;
        options.maxConnections = 1;
        options.allowedOrigins = { QStringLiteral("http://good.example") };
        options.maxMessageSize = 1024;
        QString error;
        QVERIFY(server.applyOptions(options, &error));
        QCOMPARE(server.maxMessageSize(), qint64(1024));
        server.setSpec(echoSpec());
        QVERIFY(server.start(options.address, 0));

        QVERIFY(!connects(server, QStringLiteral("http://evil.example")));
        QWebSocket first(QStringLiteral("http://good.example"));
        first.open(QUrl(server.url().toString() + QStringLiteral("/ws/echo")));
        QTRY_COMPARE_WITH_TIMEOUT(server.connectionCount(), 1, 5000);
        QVERIFY(!connects(server, QStringLiteral("http://good.example"))); // one at most
    }

    // Unusable TLS files: applying fails with the reason and leaves the server as it was.
    void tlsErrorIsReported()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString certificate = dir.filePath(QStringLiteral("missing.pem"));

        MockServer server;
        ServerOptions options;
        options.maxConnections = 3;
        options.tlsCertificate = certificate;
        QString error;
        QVERIFY(!server.applyOptions(options, &error)); // no key
        QVERIFY2(error.contains(QStringLiteral("key")), qPrintable(error));

        options.tlsKey = dir.filePath(QStringLiteral("key.pem"));
        QVERIFY(!server.applyOptions(options, &error));
        QVERIFY2(error.contains(certificate), qPrintable(error));
        QVERIFY(!server.isSecure());
        QCOMPARE(server.maxConnections(), 0);
    }
};

QTEST_GUILESS_MAIN(TestServerOptions)
#include "tst_serveroptions.moc"
