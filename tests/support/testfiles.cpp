#include "testfiles.h"

#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QStandardPaths>
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

ProcessResult runProcess(const QString &program, const QStringList &arguments,
                         const QProcessEnvironment &environment, const QString &workdir)
{
    QProcess process;
    if (!workdir.isEmpty())
        process.setWorkingDirectory(workdir);
    process.setProcessEnvironment(environment);
    process.start(program, arguments);
    ProcessResult result;
    if (!process.waitForFinished(30000)) {
        process.kill();
        process.waitForFinished();
        return result;
    }
    result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -2;
    result.out = process.readAllStandardOutput();
    result.err = process.readAllStandardError();
    return result;
}

bool makeSelfSignedPair(const QString &base)
{
    if (QFileInfo::exists(base + QStringLiteral(".crt"))
        && QFileInfo::exists(base + QStringLiteral(".key")))
        return true;
    const QString openssl = QStandardPaths::findExecutable(QStringLiteral("openssl"));
    if (openssl.isEmpty())
        return false;
    const QStringList key = QFileInfo(base).fileName().startsWith(QLatin1String("rsa"))
        ? QStringList { QStringLiteral("-newkey"), QStringLiteral("rsa:2048") }
        : QStringList { QStringLiteral("-newkey"), QStringLiteral("ec"), QStringLiteral("-pkeyopt"),
                        QStringLiteral("ec_paramgen_curve:prime256v1") };
    const ProcessResult made = runProcess(
        openssl,
        QStringList { QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-nodes"),
                      QStringLiteral("-days"), QStringLiteral("1"), QStringLiteral("-subj"),
                      QStringLiteral("/CN=localhost"), QStringLiteral("-addext"),
                      QStringLiteral("subjectAltName=IP:127.0.0.1,DNS:localhost"),
                      QStringLiteral("-keyout"), base + QStringLiteral(".key"),
                      QStringLiteral("-out"), base + QStringLiteral(".crt") }
            + key,
        QProcessEnvironment::systemEnvironment());
    return made.exitCode == 0;
}
