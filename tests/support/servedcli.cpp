#include "servedcli.h"

#include "testfiles.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>
#include <QStandardPaths>

quint16 startServing(QProcess &server, const QString &cli, const QString &config,
                     const QStringList &extra)
{
    server.start(cli,
                 QStringList { QStringLiteral("serve"), QStringLiteral("--quiet"),
                               QStringLiteral("--port"), QStringLiteral("0") }
                     + extra + QStringList { config });
    if (!server.waitForStarted(5000))
        return 0;
    QByteArray out;
    QDeadlineTimer deadline(5000);
    while (!out.contains('\n') && server.state() != QProcess::NotRunning
           && !deadline.hasExpired()) {
        server.waitForReadyRead(100);
        out += server.readAllStandardOutput();
    }
    static const QRegularExpression url(QStringLiteral(R"(wss?://127\.0\.0\.1:(\d+) )"));
    const QRegularExpressionMatch match = url.match(QString::fromUtf8(out));
    if (!match.hasMatch())
        qWarning("%s", QByteArray(out + server.readAllStandardError()).constData());
    return match.hasMatch() ? quint16(match.captured(1).toUInt()) : 0;
}

bool stopServing(QProcess &server)
{
    if (server.state() == QProcess::NotRunning)
        return server.exitStatus() == QProcess::NormalExit && server.exitCode() == 0;
    server.terminate();
    if (!server.waitForFinished(5000)) {
        server.kill();
        server.waitForFinished(2000);
        return false;
    }
    return server.exitStatus() == QProcess::NormalExit && server.exitCode() == 0;
}

QString nodeClientsDir()
{
    return sourcePath(QStringLiteral("tests/protocols/clients"));
}

namespace {
QString nodeProgram()
{
    return QStandardPaths::findExecutable(QStringLiteral("node"));
}
} // namespace

QString nodeClientsProblem()
{
    if (nodeProgram().isEmpty())
        return QStringLiteral("node is not on PATH (apt install nodejs npm, then "
                              "scripts/install-node-clients)");
    const QDir modules(nodeClientsDir() + QStringLiteral("/node_modules"));
    const QStringList libraries { QStringLiteral("socket.io-client"), QStringLiteral("graphql-ws"),
                                  QStringLiteral("@stomp/stompjs"), QStringLiteral("ws") };
    for (const QString &library : libraries) {
        if (!QFileInfo::exists(modules.filePath(library + QStringLiteral("/package.json"))))
            return library
                + QStringLiteral(" is not installed in %1 (run scripts/install-node-clients)")
                      .arg(modules.path());
    }
    return {};
}

NodeRun runNodeClient(const QString &script, const QStringList &arguments, int timeoutMs)
{
    NodeRun run;
    QProcess node;
    node.setWorkingDirectory(nodeClientsDir());
    node.start(nodeProgram(),
               QStringList { nodeClientsDir() + QLatin1Char('/') + script } + arguments);
    if (!node.waitForStarted(5000)) {
        run.exitCode = -2;
        run.err = node.errorString().toUtf8();
        return run;
    }
    if (!node.waitForFinished(timeoutMs)) {
        node.kill();
        node.waitForFinished(2000);
        run.exitCode = -1;
    } else {
        run.exitCode = node.exitStatus() == QProcess::NormalExit ? node.exitCode() : -2;
    }
    run.out = node.readAllStandardOutput();
    run.err = node.readAllStandardError();
    return run;
}
