// Export for CI, run for real: the exported shell script around a real test command (a
// Python WebSocket client), and the exported workflow's own steps executed one by one the
// way a CI runner does, with the real mocket-cli behind a `docker` that runs the image's
// entrypoint on this machine.

#include "ciexport.h"
#include "testfiles.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

#include <yaml-cpp/yaml.h>

namespace {
const QString Python = QStringLiteral("/usr/bin/python3");

// The test command: connects to $MOCKET_URL/ws/echo, reads the greeting, sends its arguments
// (or $MESSAGES, space-separated) and reads a reply to each "ping"; exits with $EXIT_CODE.
const char ClientScript[] = R"(
import asyncio, os, sys, websockets
async def main():
    messages = sys.argv[1:] or os.environ.get("MESSAGES", "ping").split()
    async with websockets.connect(os.environ["MOCKET_URL"] + "/ws/echo") as ws:
        await asyncio.wait_for(ws.recv(), 5)
        for message in messages:
            await ws.send(message)
            if message == "ping":
                await asyncio.wait_for(ws.recv(), 5)
        await asyncio.sleep(0.1)
asyncio.run(main())
sys.exit(int(os.environ.get("EXIT_CODE", "0")))
)";

// Stands in for docker on a machine without it: runs the image's entrypoint (mocket-cli)
// here, in the working directory the workflow mounts as /work; `-d` runs it in the
// background, `stop` sends SIGTERM and waits, `logs` prints what it wrote.
const char DockerShim[] = R"(#!/bin/sh
set -eu
case "$1" in
run)
    shift; detach=; name=mocket
    while [ $# -gt 0 ]; do
        case "$1" in
        -d) detach=1 ;;
        --rm) ;;
        --name) name=$2; shift ;;
        --network|--user|-v|-w) shift ;;
        *) break ;;
        esac
        shift
    done
    echo "$1" > docker-image.txt
    shift
    if [ -n "$detach" ]; then
        mocket-cli "$@" > "docker-$name.log" 2>&1 &
        echo $! > "docker-$name.pid"
    else
        exec mocket-cli "$@"
    fi ;;
stop)
    pid=$(cat "docker-$2.pid"); kill -TERM "$pid"
    while kill -0 "$pid" 2>/dev/null; do sleep 0.05; done ;;
logs) cat "docker-$2.log" ;;
rm) ;;
esac
)";

// docker for the workflow, played by podman with what it needs on these machines.
const char PodmanAsDocker[] = R"(#!/bin/sh
if [ "$1" = run ]; then
    shift
    set -- run --ulimit nofile=1024:1024 --ulimit nproc=1000:1000 "$@"
fi
exec podman --runtime runc "$@"
)";

using Result = ProcessResult;

// The JUnit report's failures (their messages), or nullopt when it is not a JUnit file.
std::optional<QStringList> reportFailures(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return std::nullopt;
    QXmlStreamReader xml(&file);
    QStringList failures;
    bool sawSuite = false;
    while (!xml.atEnd()) {
        if (xml.readNext() != QXmlStreamReader::StartElement)
            continue;
        sawSuite = sawSuite || xml.name() == QLatin1String("testsuite");
        if (xml.name() == QLatin1String("failure"))
            failures << xml.attributes().value(QLatin1String("message")).toString();
    }
    if (xml.hasError() || !sawSuite)
        return std::nullopt;
    return failures;
}

struct Step
{
    QString name;
    QString run;
    bool always = false;
};
} // namespace

class TestCiExport : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_client;
    QString m_bin; // holds the docker shim

    QString path(const QString &name) const { return m_dir.filePath(name); }

    QProcessEnvironment environment(const QString &pathPrefix, const QByteArray &messages,
                                    int exitCode) const
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove(QStringLiteral("PORT"));
        const QString systemPath = QStringLiteral("/usr/local/bin:/usr/bin:/bin");
        env.insert(QStringLiteral("PATH"),
                   pathPrefix.isEmpty() ? systemPath : pathPrefix + QLatin1Char(':') + systemPath);
        env.insert(QStringLiteral("MESSAGES"), QString::fromUtf8(messages));
        env.insert(QStringLiteral("EXIT_CODE"), QString::number(exitCode));
        return env;
    }

    static QString cliDir() { return QFileInfo(QStringLiteral(MOCKET_CLI)).absolutePath(); }

    static Result runIn(const QString &workdir, const QString &program,
                        const QStringList &arguments, const QProcessEnvironment &env)
    {
        return runProcess(program, arguments, env, workdir);
    }

    // A fresh checkout: the config in config/, the client at the root.
    QString checkout(const QString &name) const
    {
        const QString root = path(name);
        QDir().mkpath(root + QStringLiteral("/config"));
        QFile::copy(examplePath(QStringLiteral("mocks.yml")),
                    root + QStringLiteral("/config/mocks.yml"));
        QFile::copy(m_client, root + QStringLiteral("/client.py"));
        return root;
    }

    CiExport choices() const
    {
        CiExport ciExport;
        ciExport.configFileName = QStringLiteral("mocks.yml");
        ciExport.testCommand = Python + QStringLiteral(" client.py");
        return ciExport;
    }

    static std::vector<Step> steps(const QString &workflow, QProcessEnvironment *env)
    {
        const YAML::Node job = YAML::Load(workflow.toStdString())["jobs"]["test"];
        for (const auto &entry : job["env"])
            env->insert(QString::fromStdString(entry.first.as<std::string>()),
                        QString::fromStdString(entry.second.as<std::string>()));
        std::vector<Step> found;
        for (const auto &step : job["steps"]) {
            if (!step["run"])
                continue;
            found.push_back({ QString::fromStdString(step["name"].as<std::string>()),
                              QString::fromStdString(step["run"].as<std::string>()),
                              step["if"] && step["if"].as<std::string>() == "always()" });
        }
        return found;
    }

    // Runs the workflow's `run:` steps as a runner does (bash -e, a failed step skips the
    // later ones unless they say `if: always()`); returns each step's exit code by name.
    QHash<QString, int> runWorkflow(const QString &root, const QString &workflow,
                                    QProcessEnvironment env, QByteArray *output) const
    {
        env.insert(QStringLiteral("GITHUB_STEP_SUMMARY"),
                   root + QStringLiteral("/step-summary.md"));
        QHash<QString, int> codes;
        bool failed = false;
        for (const Step &step : steps(workflow, &env)) {
            if (failed && !step.always)
                continue;
            const Result result
                = runIn(root, QStringLiteral("/bin/bash"),
                        { QStringLiteral("-e"), QStringLiteral("-c"), step.run }, env);
            *output += "== " + step.name.toUtf8() + "\n" + result.out + result.err;
            codes.insert(step.name, result.exitCode);
            failed = failed || result.exitCode != 0;
        }
        return codes;
    }

    // Runs the container workflow's steps twice in a fresh checkout: a client that sends
    // only what the rules expect passes every step; one frame no rule expected fails the
    // check step (and only it) and is the report's one failure.
    void checkContainerWorkflow(const QString &name, const QString &image, const QString &bin)
    {
        const QString root = checkout(name);
        QFile::copy(root + QStringLiteral("/config/mocks.yml"),
                    root + QStringLiteral("/mocks.yml"));
        CiExport ciExport = choices();
        ciExport.source = CiExport::Source::ContainerImage;
        ciExport.image = image;
        ciExport.port = freePort();
        const QString workflow = ciExport.workflow();
        const QString prefix = bin + QLatin1Char(':') + cliDir();
        const QString removeContainer
            = QStringLiteral("docker rm -f mocket >/dev/null 2>&1 || true");

        QByteArray output;
        runIn(root, QStringLiteral("/bin/sh"), { QStringLiteral("-c"), removeContainer },
              environment(prefix, "", 0));
        const auto passed = runWorkflow(root, workflow, environment(prefix, "ping", 0), &output);
        QVERIFY2(passed.size() == 4, output.constData());
        for (auto it = passed.cbegin(); it != passed.cend(); ++it)
            QVERIFY2(it.value() == 0,
                     QByteArray(it.key().toUtf8() + " failed:\n" + output).constData());
        QVERIFY(reportFailures(root + QLatin1Char('/') + CiExport::reportName())->isEmpty());
        QVERIFY(readFile(root + QStringLiteral("/step-summary.md")).contains("/ws/echo"));

        output.clear();
        QFile::remove(root + QLatin1Char('/') + CiExport::eventsName());
        runIn(root, QStringLiteral("/bin/sh"), { QStringLiteral("-c"), removeContainer },
              environment(prefix, "", 0));
        const auto unmatched
            = runWorkflow(root, workflow, environment(prefix, "ping surprise", 0), &output);
        runIn(root, QStringLiteral("/bin/sh"), { QStringLiteral("-c"), removeContainer },
              environment(prefix, "", 0));
        QCOMPARE(unmatched.value(QStringLiteral("Run the tests")), 0);
        QVERIFY2(unmatched.value(QStringLiteral("Check what the clients sent")) == 1,
                 output.constData());
        QCOMPARE(reportFailures(root + QLatin1Char('/') + CiExport::reportName())->size(), 1);
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        MOCKET_REQUIRE_PYTHON_WEBSOCKETS();
        m_client = path(QStringLiteral("client.py"));
        QVERIFY(writeFile(m_client, ClientScript));
        m_bin = path(QStringLiteral("bin"));
        QVERIFY(QDir().mkpath(m_bin));
        const QString docker = m_bin + QStringLiteral("/docker");
        QVERIFY(writeFile(docker, DockerShim));
        QFile::setPermissions(docker, QFile::permissions(docker) | QFile::ExeOwner);
    }

    void shellScriptRunsTheTestsInsideRun()
    {
        const QString root = checkout(QStringLiteral("script"));
        const QString script = root + QStringLiteral("/config/") + CiExport::shellScriptName();
        QVERIFY(writeFile(script, choices().shellScript().toUtf8()));
        const QProcessEnvironment env = environment(cliDir(), "ping ping", 0);

        const Result passed = runIn(root, QStringLiteral("/bin/sh"), { script }, env);
        QVERIFY2(passed.exitCode == 0, passed.err.constData());
        const auto none = reportFailures(root + QLatin1Char('/') + CiExport::reportName());
        QVERIFY2(none.has_value(), "no JUnit report");
        QVERIFY(none->isEmpty());
        QVERIFY(QFile::exists(root + QLatin1Char('/') + CiExport::summaryName()));
        QVERIFY(readFile(root + QLatin1Char('/') + CiExport::eventsName()).contains("\"ping\""));

        // The command's own failure is the script's exit code.
        const Result failed
            = runIn(root, QStringLiteral("/bin/sh"), { script }, environment(cliDir(), "ping", 5));
        QCOMPARE(failed.exitCode, 5);

        // A frame no rule expected fails the run and is in the report.
        const Result unmatched = runIn(root, QStringLiteral("/bin/sh"), { script },
                                       environment(cliDir(), "ping surprise", 0));
        QCOMPARE(unmatched.exitCode, 1);
        QVERIFY2(unmatched.err.contains("/ws/echo: surprise"), unmatched.err.constData());
        const auto failures = reportFailures(root + QLatin1Char('/') + CiExport::reportName());
        QVERIFY(failures.has_value());
        QCOMPARE(failures->size(), 1);

        // Another test command as arguments; the log holds this run only.
        const Result other
            = runIn(root, QStringLiteral("/bin/sh"),
                    { script, Python, QStringLiteral("client.py"), QStringLiteral("ping") },
                    environment(cliDir(), "surprise", 0));
        QVERIFY2(other.exitCode == 0, other.err.constData());
        QVERIFY(!readFile(root + QLatin1Char('/') + CiExport::eventsName()).contains("surprise"));
    }

    void shellScriptSaysWhenMocketCliIsMissing()
    {
        const QString root = checkout(QStringLiteral("missing"));
        const QString script = root + QLatin1Char('/') + CiExport::shellScriptName();
        QVERIFY(writeFile(script, choices().shellScript().toUtf8()));
        const Result result
            = runIn(root, QStringLiteral("/bin/sh"), { script }, environment(QString(), "ping", 0));
        QCOMPARE(result.exitCode, 127);
        QVERIFY2(result.err.contains("mocket-cli is not installed"), result.err.constData());
    }

    void containerWorkflowRunsAsCiWould()
    {
        checkContainerWorkflow(QStringLiteral("workflow"),
                               QStringLiteral("registry.example/mocket-cli:1"), m_bin);
        if (QTest::currentTestFailed())
            return;
        QCOMPARE(readFile(path(QStringLiteral("workflow/docker-image.txt"))).trimmed(),
                 QByteArray("registry.example/mocket-cli:1"));
    }

    // The same steps with the real image and podman standing in for docker; run by
    // scripts/test-packages after it built the image (MOCKET_CI_IMAGE names it).
    void containerWorkflowRunsInTheImage()
    {
        const QString image = qEnvironmentVariable("MOCKET_CI_IMAGE");
        if (image.isEmpty())
            QSKIP("MOCKET_CI_IMAGE is not set: scripts/test-packages runs this with the image "
                  "it built");
        const QString bin = path(QStringLiteral("podman-bin"));
        QVERIFY(QDir().mkpath(bin));
        QVERIFY(writeFile(bin + QStringLiteral("/docker"), PodmanAsDocker));
        QFile::setPermissions(bin + QStringLiteral("/docker"),
                              QFile::permissions(bin + QStringLiteral("/docker"))
                                  | QFile::ExeOwner);
        checkContainerWorkflow(QStringLiteral("image"), image, bin);
    }

    void packageWorkflowInstallsTheDebInDebian12()
    {
        CiExport ciExport = choices();
        ciExport.source = CiExport::Source::DebianPackage;
        ciExport.packageUrl = QStringLiteral("https://example.com/mocket-cli_0.1.0_amd64.deb");
        QVERIFY(ciExport.problems().isEmpty());
        const YAML::Node job = YAML::Load(ciExport.workflow().toStdString())["jobs"]["test"];
        QCOMPARE(QString::fromStdString(job["container"].as<std::string>()),
                 QStringLiteral("debian:12"));
        const YAML::Node install = job["steps"][0];
        QVERIFY(QString::fromStdString(install["run"].as<std::string>())
                    .contains(QStringLiteral("curl -fsSLo /tmp/mocket-cli.deb ")
                              + ciExport.packageUrl));
        QString runs;
        for (const auto &step : job["steps"])
            runs += QString::fromStdString(step["run"] ? step["run"].as<std::string>()
                                                       : std::string());
        QVERIFY(runs.contains(ciExport.runCommand()));
        QVERIFY(ciExport.runCommand().contains(QStringLiteral("--fail-on-unmatched")));

        ciExport.packageUrl.clear();
        QCOMPARE(ciExport.problems().size(), 1);
        ciExport.source = CiExport::Source::ContainerImage;
        ciExport.image = CiExport().image; // the placeholder a person must replace
        QCOMPARE(ciExport.problems().size(), 1);
    }
};

QTEST_GUILESS_MAIN(TestCiExport)
#include "tst_ciexport.moc"
