#include "testfiles.h"

#include <QFile>
#include <QProcess>
#include <QTcpServer>

QString sourcePath(const QString &relativePath)
{
    return QStringLiteral(MOCKET_SOURCE_DIR "/") + relativePath;
}

QString examplePath(const QString &name)
{
    return sourcePath(QStringLiteral("resources/examples/") + name);
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

QString readExample(const QString &name)
{
    return QString::fromUtf8(readFile(examplePath(name)));
}

bool writeFile(const QString &path, const QByteArray &data)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(data) == data.size();
}

quint16 freePort()
{
    QTcpServer server;
    server.listen(QHostAddress::LocalHost, 0);
    return server.serverPort();
}

bool pythonHasWebsockets()
{
    QProcess probe;
    probe.start(QStringLiteral("/usr/bin/python3"),
                { QStringLiteral("-c"), QStringLiteral("import websockets") });
    return probe.waitForFinished(10000) && probe.exitStatus() == QProcess::NormalExit
        && probe.exitCode() == 0;
}

void keepOutOfTheUsersHome(const QString &home)
{
    qputenv("XDG_CONFIG_HOME", QString(home + QStringLiteral("/config")).toUtf8());
    qputenv("XDG_DATA_HOME", QString(home + QStringLiteral("/data")).toUtf8());
}
