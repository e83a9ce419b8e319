#pragma once

#include <QCoreApplication>
#include <QString>
#include <QStringList>

// What the workbench's "Export for CI" writes beside a saved config: the exact serve
// command, a shell script that runs a test command inside `mocket-cli run`, and a complete
// CI workflow (GitHub Actions) for a runner with nothing preinstalled, which gets mocket-cli
// from a container image or a .deb, runs the tests against the mock, fails on frames no rule
// expected and uploads the report, the summary and the traffic log.
struct CiExport
{
    Q_DECLARE_TR_FUNCTIONS(CiExport)

public:
    // Where the CI job gets mocket-cli from.
    enum class Source {
        ContainerImage, // `image`, pulled by docker; the mock runs in it beside the tests
        DebianPackage, // the .deb at `packageUrl`, installed by apt in a Debian 12 job
        Installed, // already on the runner's PATH
    };

    QString configFileName = QStringLiteral("mocks.yml"); // as the CI job sees it (relative)
    QString host = QStringLiteral("127.0.0.1");
    quint16 port = 8000;
    QString testCommand = QStringLiteral("npm test");
    Source source = Source::ContainerImage;
    QString image = QStringLiteral("ghcr.io/OWNER/mocket-cli:" MOCKET_VERSION);
    QString packageUrl;

    QString command() const; // serves the config, as a person would in a terminal
    QString runCommand() const; // `mocket-cli run` around the test command, with the reports
    QString shellScript() const;
    QString workflow() const;
    // What the choices above still lack for a job that works (empty: nothing).
    QStringList problems() const;

    // The files a run leaves for CI to keep.
    static QString reportName() { return QStringLiteral("mocket-report.xml"); }
    static QString summaryName() { return QStringLiteral("mocket-summary.md"); }
    static QString eventsName() { return QStringLiteral("mocket-events.jsonl"); }
    // File names written beside the YAML when asked.
    static QString shellScriptName() { return QStringLiteral("run-with-mocket.sh"); }
    static QString workflowName() { return QStringLiteral("mocket-ci.yml"); }

private:
    QString reportOptions() const;
    QString workflowHeader() const;
    QString containerSteps() const;
    QString packageSteps() const;
    QString keepSteps() const;
};
