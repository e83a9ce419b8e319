#include "testclient.h"

#include <QNetworkRequest>
#include <QTest>
#include <QWebSocketHandshakeOptions>

#include <algorithm>

TestClient::TestClient(const QString &origin) : m_socket(origin)
{
    m_clock.start(); // open() restarts it; a socket opened directly counts from here
    connect(&m_socket, &QWebSocket::textMessageReceived, this, [this](const QString &message) {
        m_messages.append(message);
        m_arrivals.append(m_clock.elapsed());
    });
    connect(&m_socket, &QWebSocket::binaryMessageReceived, this,
            [this](const QByteArray &message) { m_binaries.append(message); });
    connect(&m_socket, &QWebSocket::connected, this, [this] { m_connected = true; });
    connect(&m_socket, &QWebSocket::disconnected, this, [this] { m_disconnected = true; });
    connect(&m_socket, qOverload<QAbstractSocket::SocketError>(&QWebSocket::error), this,
            [this](QAbstractSocket::SocketError error) { m_errors.append(error); });
}

TestClient::~TestClient()
{
    QObject::disconnect(&m_socket, nullptr, this, nullptr);
}

void TestClient::open(const QUrl &url)
{
    m_clock.start();
    m_socket.open(url);
}

void TestClient::open(const QUrl &url, const QWebSocketHandshakeOptions &options)
{
    m_clock.start();
    m_socket.open(url, options);
}

void TestClient::open(const QNetworkRequest &request)
{
    m_clock.start();
    m_socket.open(request);
}

bool TestClient::waitForConnected(int timeoutMs)
{
    return QTest::qWaitFor([this] { return isConnected() || m_disconnected; }, timeoutMs)
        && isConnected();
}

QString TestClient::ask(const QString &text, int timeoutMs)
{
    const qsizetype before = m_messages.size();
    m_socket.sendTextMessage(text);
    if (!QTest::qWaitFor([&] { return m_messages.size() > before || m_disconnected; }, timeoutMs))
        return {};
    return m_messages.size() > before ? m_messages.at(before) : QString();
}

void TestClient::trust(const QSslConfiguration &configuration, const QSslCertificate &certificate)
{
    m_socket.setSslConfiguration(configuration);
    connect(&m_socket, &QWebSocket::sslErrors, this,
            [this, certificate](const QList<QSslError> &errors) {
                m_sslErrors += errors;
                const auto aboutTrusted = [&certificate](const QSslError &error) {
                    return error.certificate() == certificate;
                };
                if (std::all_of(errors.cbegin(), errors.cend(), aboutTrusted))
                    m_socket.ignoreSslErrors();
            });
}
