#pragma once

#include <QCoreApplication>
#include <QString>

// The snippets the workbench's "Export for CI" offers next to a saved config: the exact
// serve command, a shell script that installs and starts the mock and waits until it
// listens, and a CI workflow step doing the same.
struct CiExport
{
    Q_DECLARE_TR_FUNCTIONS(CiExport)

public:
    QString configFileName = QStringLiteral("mocks.yml"); // as the CI job sees it (relative)
    QString host = QStringLiteral("127.0.0.1");
    quint16 port = 8000;

    QString command() const;
    QString shellScript() const;
    QString workflowStep() const;
    // File names written beside the YAML when asked.
    static QString shellScriptName() { return QStringLiteral("start-mocket.sh"); }
    static QString workflowName() { return QStringLiteral("mocket-ci-step.yml"); }
};
