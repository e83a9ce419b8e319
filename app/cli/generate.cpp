#include "generate.h"

#include "eventlogreader.h"
#include "mockgenerator.h"
#include "serve.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QSaveFile>

#include <cstdio>

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(MocketCli)
};

enum ExitCode { Ok = 0, NothingToGenerate = 1, CannotReadOrWrite = 3 };
} // namespace

int generateMocks(const QString &sessionPath, const QString &outputPath)
{
    const EventLogReader::Result read = EventLogReader::readFile(sessionPath);
    for (const QString &problem : read.problems)
        printErr(problem);
    if (!read.opened)
        return CannotReadOrWrite;
    const MockGenerator::Result generated
        = MockGenerator::generate(read.events, QFileInfo(sessionPath).fileName());
    if (generated.connections == 0) {
        printErr(Tr::tr("mocket-cli generate: %1 holds no WebSocket connection; there is nothing "
                        "to make mocks of")
                     .arg(sessionPath));
        return NothingToGenerate;
    }
    const QByteArray yaml = generated.yaml.toUtf8();
    const QString summary = Tr::tr("%n websocket endpoint(s)", nullptr, generated.endpoints)
        + Tr::tr(", %n rule(s)", nullptr, generated.rules)
        + Tr::tr(", %n stream(s)", nullptr, generated.streams)
        + Tr::tr(" from %n connection(s)", nullptr, generated.connections);
    if (outputPath.isEmpty()) {
        std::fwrite(yaml.constData(), 1, size_t(yaml.size()), stdout);
        std::fflush(stdout);
        printErr(Tr::tr("generated %1").arg(summary));
        return Ok;
    }
    QSaveFile file(outputPath);
    if (!file.open(QIODevice::WriteOnly) || file.write(yaml) != yaml.size() || !file.commit()) {
        printErr(
            Tr::tr("mocket-cli generate: cannot write %1: %2").arg(outputPath, file.errorString()));
        return CannotReadOrWrite;
    }
    printOut(Tr::tr("wrote %1: %2").arg(outputPath, summary));
    return Ok;
}
