#include "mockserver.h"
#include "serveroptions.h"
#include "specloader.h"
#include "testfiles.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QFileInfo>
#include <QProcess>
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

// A self-signed pair DIR/NAME.crt and DIR/NAME.key ("rsa..." names an RSA pair, others EC);
// false when openssl cannot make it.
bool makePair(const QTemporaryDir &dir, const QString &name)
{
    return makeSelfSignedPair(dir.filePath(name));
}

// Applies the options and serves an echo endpoint on a free port.
bool start(MockServer *server, const ServerOptions &options)
{
    QString error;
    if (!server->applyOptions(options, &error))
        return false;
    server->setSpec(echoSpec());
    return server->start(options.address, 0);
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

    QTemporaryDir m_tlsDir; // the key pairs, made once for the rows that share them

private slots:
    void defaults()
    {
        const ServerOptions options;
        QCOMPARE(options.host, QStringLiteral("127.0.0.1"));
        QCOMPARE(options.address, QHostAddress(QHostAddress::LocalHost));
        QCOMPARE(options.port, quint16(8000));
        QVERIFY(!options.usesTls());
    }

    // The defaults are the server's own: applying a default ServerOptions changes nothing.
    void defaultsAreTheServers()
    {
        MockServer server;
        QString error;
        QVERIFY(server.applyOptions(ServerOptions(), &error));
        QCOMPARE(server.maxMessageSize(), MockServer::DefaultMaxMessageSize);
        QCOMPARE(server.maxConnections(), 0);
        QCOMPARE(server.maxPendingBytes(), MockServer::DefaultMaxPendingBytes);
        QCOMPARE(server.maxTotalPendingBytes(), qint64(512) * 1024 * 1024);
        QVERIFY(server.allowedOrigins().isEmpty());
        QVERIFY(!server.isSecure());
        QCOMPARE(server.maxBodySize(), MockServer::DefaultMaxBodySize);
        QVERIFY(ServerOptions().cors);
    }

    // The HTTP options reach the HTTP endpoints: the body limit and CORS.
    void httpOptionsApply()
    {
        MockServer server;
        ServerOptions options;
        options.maxBodySize = 10;
        options.cors = false;
        QString error;
        QVERIFY(server.applyOptions(options, &error));
        QCOMPARE(server.maxBodySize(), qint64(10));
        const LoadResult result = SpecLoader::loadText(
            QStringLiteral("- endpoint:\n    method: POST\n    path: /p\n    response:\n"
                           "      body: ok\n"),
            QStringLiteral("test.yml"));
        QVERIFY(result.ok());
        server.setSpec(result.spec);
        QVERIFY(server.start(QHostAddress::LocalHost, 0));
        QNetworkAccessManager network;
        auto post = [&](const QByteArray &body) {
            QNetworkRequest request(
                QUrl(QStringLiteral("http://127.0.0.1:%1/p").arg(server.serverPort())));
            request.setRawHeader("Origin", "http://app.example");
            QNetworkReply *reply = network.post(request, body);
            [[maybe_unused]] const bool finished
                = QTest::qWaitFor([reply] { return reply->isFinished(); }, 5000);
            reply->deleteLater();
            return std::make_pair(
                reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(),
                reply->rawHeader("Access-Control-Allow-Origin"));
        };
        const auto small = post("12345");
        QCOMPARE(small.first, 200);
        QVERIFY(small.second.isEmpty()); // CORS is off
        QCOMPARE(post("12345678901").first, 413);
    }

    void hosts()
    {
        ServerOptions options;
        QVERIFY(options.setHost(QStringLiteral("LocalHost")));
        QCOMPARE(options.address, QHostAddress(QHostAddress::LocalHost));
        QVERIFY(options.setHost(QStringLiteral("0.0.0.0")));
        QVERIFY(isAllInterfaces(options.address));
        QVERIFY(options.setHost(QStringLiteral("[::1]")));
        QCOMPARE(options.address, QHostAddress(QHostAddress::LocalHostIPv6));
        QCOMPARE(options.urlHost(), QStringLiteral("[::1]"));
    }

    void ipv6HostsGoInBracketsInUrls()
    {
        ServerOptions options;
        QVERIFY(options.setHost(QStringLiteral("::1")));
        QCOMPARE(options.urlHost(), QStringLiteral("[::1]"));
        QVERIFY(options.setHost(QStringLiteral("127.0.0.1")));
        QCOMPARE(options.urlHost(), QStringLiteral("127.0.0.1"));
    }

    void invalidHostChangesNothing()
    {
        ServerOptions options;
        QVERIFY(!options.setHost(QStringLiteral("example.com")));
        QCOMPARE(options.host, QStringLiteral("127.0.0.1"));
        QCOMPARE(options.address, QHostAddress(QHostAddress::LocalHost));
    }

    void ports_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("valid");
        QTest::addColumn<int>("port");
        QTest::newRow("zero") << QStringLiteral("0") << true << 0;
        QTest::newRow("highest") << QStringLiteral("65535") << true << 65535;
        QTest::newRow("too high") << QStringLiteral("65536") << false << 1;
        QTest::newRow("negative") << QStringLiteral("-1") << false << 1;
        QTest::newRow("a name") << QStringLiteral("http") << false << 1;
    }

    void ports()
    {
        QFETCH(QString, text);
        QFETCH(bool, valid);
        QFETCH(int, port);
        quint16 parsed = 1;
        QCOMPARE(ServerOptions::parsePort(text, &parsed), valid);
        QCOMPARE(int(parsed), port);
    }

    void applyingSetsTheLimits()
    {
        MockServer server;
        ServerOptions options;
        options.maxMessageSize = 1024;
        options.maxConnections = 2;
        options.maxPendingBytes = 4096;
        options.maxTotalPendingBytes = 65536;
        options.allowedOrigins = { QStringLiteral("http://good.example") };
        QString error;
        QVERIFY(server.applyOptions(options, &error));
        QCOMPARE(server.maxMessageSize(), qint64(1024));
        QCOMPARE(server.maxConnections(), 2);
        QCOMPARE(server.maxPendingBytes(), qint64(4096));
        QCOMPARE(server.maxTotalPendingBytes(), qint64(65536));
        QCOMPARE(server.allowedOrigins(), options.allowedOrigins);
    }

    // Applied options change what the server does: the allowed origins turn clients away...
    void allowedOriginsTurnClientsAway()
    {
        MockServer server;
        ServerOptions options;
        options.allowedOrigins = { QStringLiteral("http://good.example") };
        QVERIFY(start(&server, options));
        QVERIFY(!connects(server, QStringLiteral("http://evil.example")));
        QVERIFY(connects(server, QStringLiteral("http://good.example")));
    }

    // ... and so does the connection limit.
    void connectionLimitTurnsClientsAway()
    {
        MockServer server;
        ServerOptions options;
        options.maxConnections = 1;
        QVERIFY(start(&server, options));
        QWebSocket first;
        first.open(QUrl(server.url().toString() + QStringLiteral("/ws/echo")));
        QVERIFY(QTest::qWaitFor([&] { return server.connectionCount() == 1; }, 5000));
        QVERIFY(!connects(server, QString()));
    }

    void tlsNeedsBothFiles()
    {
        MockServer server;
        ServerOptions options;
        options.tlsCertificate = QStringLiteral("cert.pem");
        QVERIFY(options.usesTls());
        QString error;
        QVERIFY(!server.applyOptions(options, &error));
        QVERIFY2(error.contains(QStringLiteral("key")), qPrintable(error));
    }

    // What both front ends load (mocket-cli's flags, the Server Settings dialog): a key is
    // taken only with its own certificate.
    void tlsKeyMustBelongToTheCertificate_data()
    {
        QTest::addColumn<QString>("certificate");
        QTest::addColumn<QString>("key");
        QTest::addColumn<bool>("belongs");
        QTest::newRow("RSA pair") << "rsa-a"
                                  << "rsa-a" << true;
        QTest::newRow("EC pair") << "ec-a"
                                 << "ec-a" << true;
        QTest::newRow("RSA key of another RSA certificate") << "rsa-a"
                                                            << "rsa-b" << false;
        QTest::newRow("EC key of another EC certificate") << "ec-a"
                                                          << "ec-b" << false;
        QTest::newRow("EC key, RSA certificate") << "rsa-a"
                                                 << "ec-a" << false;
    }

    void tlsKeyMustBelongToTheCertificate()
    {
        QFETCH(QString, certificate);
        QFETCH(QString, key);
        QFETCH(bool, belongs);
        if (!m_tlsDir.isValid() || !makePair(m_tlsDir, certificate) || !makePair(m_tlsDir, key))
            QSKIP("openssl is missing or cannot make a key pair");
        ServerOptions options;
        options.tlsCertificate = m_tlsDir.filePath(certificate + QStringLiteral(".crt"));
        options.tlsKey = m_tlsDir.filePath(key + QStringLiteral(".key"));
        std::optional<QSslConfiguration> tls;
        QString error;
        QCOMPARE(options.loadTls(&tls, &error), belongs);
        QCOMPARE(tls.has_value(), belongs);
        QCOMPARE(error,
                 belongs ? QString()
                         : QStringLiteral("The key %1 does not belong to the certificate %2: give "
                                          "the key the certificate was made with.")
                               .arg(options.tlsKey, options.tlsCertificate));
    }

    // Unusable TLS files: applying fails with the reason and leaves the server as it was.
    void unreadableTlsFilesAreReported()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        MockServer server;
        ServerOptions options;
        options.maxConnections = 3;
        options.tlsCertificate = dir.filePath(QStringLiteral("missing.pem"));
        options.tlsKey = dir.filePath(QStringLiteral("key.pem"));
        QString error;
        QVERIFY(!server.applyOptions(options, &error));
        QVERIFY2(error.contains(options.tlsCertificate), qPrintable(error));
        QVERIFY(!server.isSecure());
        QCOMPARE(server.maxConnections(), 0);
    }
};

QTEST_GUILESS_MAIN(TestServerOptions)
#include "tst_serveroptions.moc"
