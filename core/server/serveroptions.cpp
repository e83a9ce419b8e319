#include "serveroptions.h"

#include <QSslConfiguration>

bool ServerOptions::setHost(const QString &text)
{
    QHostAddress parsed;
    if (text.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0) {
        parsed = QHostAddress::LocalHost;
    } else {
        QString bare = text;
        if (bare.startsWith(QLatin1Char('[')) && bare.endsWith(QLatin1Char(']')))
            bare = bare.mid(1, bare.size() - 2);
        if (!parsed.setAddress(bare))
            return false;
    }
    host = text;
    address = parsed;
    return true;
}

bool ServerOptions::parsePort(const QString &text, quint16 *port)
{
    bool ok = false;
    const uint value = text.toUInt(&ok);
    if (!ok || value > 65535)
        return false;
    *port = quint16(value);
    return true;
}

bool ServerOptions::loadTls(std::optional<QSslConfiguration> *out, QString *error) const
{
    out->reset();
    if (!usesTls())
        return true; // plain ws://
    QSslConfiguration configuration;
    if (!MockServer::loadTlsFiles(tlsCertificate, tlsKey, &configuration, error))
        return false;
    *out = configuration;
    return true;
}

QString ServerOptions::urlHost() const
{
    if (host.contains(QLatin1Char(':')) && !host.startsWith(QLatin1Char('[')))
        return QLatin1Char('[') + host + QLatin1Char(']');
    return host;
}

QString ServerOptions::urlOf(const MockServer &server, Scheme scheme) const
{
    const bool secure = server.isSecure();
    const QString name = scheme == Scheme::WebSocket
        ? (secure ? QStringLiteral("wss") : QStringLiteral("ws"))
        : (secure ? QStringLiteral("https") : QStringLiteral("http"));
    return QStringLiteral("%1://%2:%3").arg(name, urlHost()).arg(server.serverPort());
}

QString ServerOptions::controlProblem() const
{
    if (control && controlToken.isEmpty() && !address.isLoopback())
        return MockServer::tr("the control API on %1 would let other machines drive the mock: "
                              "give it a token (--control-token)")
            .arg(host);
    return {};
}

bool isAllInterfaces(const QHostAddress &address)
{
    return address == QHostAddress::AnyIPv4 || address == QHostAddress::AnyIPv6
        || address == QHostAddress::Any;
}
