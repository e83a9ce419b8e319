#include "ciexport.h"

namespace {
// Single-quotes a word for a POSIX shell when it needs it.
QString shellQuoted(const QString &word)
{
    static const QString safe
        = QStringLiteral("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./:=@%+");
    bool plain = !word.isEmpty();
    for (QChar character : word) {
        if (!safe.contains(character)) {
            plain = false;
            break;
        }
    }
    if (plain)
        return word;
    QString escaped = word;
    escaped.replace(QLatin1Char('\''), QStringLiteral("'\\''"));
    return QLatin1Char('\'') + escaped + QLatin1Char('\'');
}

// A YAML plain or double-quoted scalar for one line of a workflow.
QString yamlQuoted(const QString &text)
{
    QString escaped = text;
    escaped.replace(QLatin1Char('\\'), QStringLiteral("\\\\"));
    escaped.replace(QLatin1Char('"'), QStringLiteral("\\\""));
    return QLatin1Char('"') + escaped + QLatin1Char('"');
}

// A comment: each line prefixed with "# ", words wrapped before 96 columns.
QString commented(const QString &text, const QString &indent = QString())
{
    const QString prefix = indent + QStringLiteral("# ");
    QString out;
    for (const QString &line : text.split(QLatin1Char('\n'))) {
        QString current = prefix;
        for (const QString &word : line.split(QLatin1Char(' '))) {
            if (current.size() > prefix.size() && current.size() + 1 + word.size() > 95) {
                out += current + QLatin1Char('\n');
                current = prefix;
            }
            current += (current.size() > prefix.size() ? QStringLiteral(" ") : QString()) + word;
        }
        out += current + QLatin1Char('\n');
    }
    return out;
}

// The commands of a `run: |` block, indented under it.
QString runBlock(const QStringList &commands)
{
    QString out = QStringLiteral("        run: |\n");
    for (const QString &command : commands)
        out += QStringLiteral("          ") + command + QLatin1Char('\n');
    return out;
}
} // namespace

QString CiExport::command() const
{
    QString cmd = QStringLiteral("mocket-cli serve");
    if (host != QLatin1String("127.0.0.1"))
        cmd += QStringLiteral(" --host ") + shellQuoted(host);
    cmd += QStringLiteral(" --port %1 ").arg(port) + shellQuoted(configFileName);
    return cmd;
}

QString CiExport::reportOptions() const
{
    return QStringLiteral("--report %1 --summary %2").arg(reportName(), summaryName());
}

QString CiExport::runCommand() const
{
    return QStringLiteral("mocket-cli run --quiet --control --fail-on-unmatched --log %1 %2 %3 "
                          "-- sh -c %4")
        .arg(eventsName(), reportOptions(), shellQuoted(configFileName),
             shellQuoted(testCommand.trimmed()));
}

QString CiExport::shellScript() const
{
    QString install;
    if (source == Source::DebianPackage && !packageUrl.trimmed().isEmpty()) {
        install
            = QStringLiteral("  echo %1 >&2\n"
                             "  deb=$(mktemp --suffix=.deb)\n"
                             "  curl -fsSLo \"$deb\" %2\n"
                             "  sudo=; [ \"$(id -u)\" -eq 0 ] || sudo=sudo\n"
                             "  $sudo apt-get install -y \"$deb\"\n"
                             "  rm -f \"$deb\"\n")
                  .arg(shellQuoted(tr("Installing mocket-cli from %1").arg(packageUrl.trimmed())),
                       shellQuoted(packageUrl.trimmed()));
    } else {
        install = QStringLiteral("  echo %1 >&2\n"
                                 "  exit 127\n")
                      .arg(shellQuoted(tr("mocket-cli is not installed: install its .deb or its "
                                          "container image, or build it from the Mocket sources "
                                          "(see Packages in Mocket's README)")));
    }
    return QStringLiteral("#!/bin/sh\n"
                          "%1"
                          "set -eu\n"
                          "config=\"$(dirname \"$0\")/%2\"\n"
                          "if ! command -v mocket-cli >/dev/null 2>&1; then\n"
                          "%3"
                          "fi\n"
                          "[ \"$#\" -gt 0 ] || set -- sh -c %4\n"
                          "rm -f %5\n"
                          "exec mocket-cli run --quiet --control --fail-on-unmatched --log %5 %6 "
                          "\"$config\" -- \"$@\"\n")
        .arg(commented(tr("Runs a test command against the Mocket mock in %1: mocket-cli serves "
                          "it on a free port and gives the command MOCKET_URL, MOCKET_HTTP_URL "
                          "and MOCKET_CONTROL_URL. Fails when the command fails or when a "
                          "client sent a frame that no rule expected.\n"
                          "Usage: %2 [COMMAND [ARGS...]]   (default: %3)\n"
                          "Leaves %4 (JUnit XML), %5 and %6 (every frame) for CI to keep.")
                           .arg(configFileName, QStringLiteral("./") + shellScriptName(),
                                testCommand.trimmed(), reportName(), summaryName(), eventsName())),
             configFileName, install, shellQuoted(testCommand.trimmed()), eventsName(),
             reportOptions());
}

QString CiExport::workflowHeader() const
{
    return commented(tr("Runs the tests against the Mocket mock in %1 and fails when they fail "
                        "or when a client sent a frame that no rule expected. The JUnit report, "
                        "the summary and every frame are kept as the job's artifacts.\n"
                        "Paths are relative to the repository's root.")
                         .arg(configFileName))
        + QStringLiteral("name: %1\n"
                         "on: [push, pull_request]\n"
                         "jobs:\n"
                         "  test:\n"
                         "    runs-on: ubuntu-latest\n")
              .arg(yamlQuoted(tr("Tests against the Mocket mock")));
}

QString CiExport::containerSteps() const
{
    const QString url = QStringLiteral("127.0.0.1:%1").arg(port);
    const QString docker = QStringLiteral("docker run %1--user \"$(id -u):$(id -g)\" -v "
                                          "\"$PWD:/work\" -w /work %2");
    return QStringLiteral("    env:\n"
                          "      MOCKET_URL: ws://%1\n"
                          "      MOCKET_HTTP_URL: http://%1\n"
                          "      MOCKET_CONTROL_URL: http://%1/__mocket\n"
                          "    steps:\n"
                          "      - uses: actions/checkout@v4\n"
                          "      - name: %2\n")
               .arg(url, yamlQuoted(tr("Start the mock")))
        + runBlock(
               { docker.arg(QStringLiteral("-d --name mocket --network host "),
                            shellQuoted(image.trimmed()))
                     + QStringLiteral(" serve --host 127.0.0.1 --port %1 --control --quiet "
                                      "--log %2 %3")
                           .arg(QString::number(port), eventsName(), shellQuoted(configFileName)),
                 QStringLiteral("for i in $(seq 100); do curl -fs \"$MOCKET_CONTROL_URL/health\" "
                                ">/dev/null && break; sleep 0.1; done"),
                 QStringLiteral("curl -fsS \"$MOCKET_CONTROL_URL/health\" || { docker logs "
                                "mocket; exit 1; }") })
        + QStringLiteral("      - name: %1\n").arg(yamlQuoted(tr("Run the tests")))
        + runBlock(testCommand.trimmed().split(QLatin1Char('\n')))
        + QStringLiteral("      - name: %1\n"
                         "        if: always()\n")
              .arg(yamlQuoted(tr("Check what the clients sent")))
        + runBlock(
               { QStringLiteral("docker stop mocket"), QStringLiteral("docker logs mocket"),
                 docker.arg(QStringLiteral("--rm --network none "), shellQuoted(image.trimmed()))
                     + QStringLiteral(" verify --fail-on-unmatched %1 %2 %3")
                           .arg(reportOptions(), shellQuoted(configFileName), eventsName()) });
}

QString CiExport::packageSteps() const
{
    QString steps;
    if (source == Source::DebianPackage) {
        steps = commented(tr("The .deb is built for Debian 12, so the job runs in a Debian 12 "
                             "container: install what your tests need in it too."),
                          QStringLiteral("    "))
            + QStringLiteral("    container: debian:12\n"
                             "    steps:\n"
                             "      - name: %1\n")
                  .arg(yamlQuoted(tr("Install mocket-cli")))
            + runBlock({ QStringLiteral("apt-get update"),
                         QStringLiteral("apt-get install -y --no-install-recommends "
                                        "ca-certificates curl"),
                         QStringLiteral("curl -fsSLo /tmp/mocket-cli.deb %1")
                             .arg(shellQuoted(packageUrl.trimmed().isEmpty()
                                                  ? QStringLiteral("URL-OF-mocket-cli.deb")
                                                  : packageUrl.trimmed())),
                         QStringLiteral("apt-get install -y /tmp/mocket-cli.deb") })
            + QStringLiteral("      - uses: actions/checkout@v4\n");
    } else {
        steps = QStringLiteral("    steps:\n"
                               "      - uses: actions/checkout@v4\n");
    }
    return steps
        + QStringLiteral("      - name: %1\n").arg(yamlQuoted(tr("Run the tests against the mock")))
        + runBlock({ runCommand() });
}

QString CiExport::keepSteps() const
{
    return QStringLiteral("      - name: %1\n"
                          "        if: always()\n")
               .arg(yamlQuoted(tr("Show the mock's summary")))
        + runBlock({ QStringLiteral("test ! -f %1 || cat %1 >> \"$GITHUB_STEP_SUMMARY\"")
                         .arg(summaryName()) })
        + QStringLiteral("      - name: %1\n"
                         "        if: always()\n"
                         "        uses: actions/upload-artifact@v4\n"
                         "        with:\n"
                         "          name: mocket\n"
                         "          path: |\n"
                         "            %2\n"
                         "            %3\n"
                         "            %4\n")
              .arg(yamlQuoted(tr("Keep the mock's report and traffic")), reportName(),
                   summaryName(), eventsName());
}

QString CiExport::workflow() const
{
    const QString steps = source == Source::ContainerImage ? containerSteps() : packageSteps();
    return workflowHeader() + steps + keepSteps();
}

QStringList CiExport::problems() const
{
    QStringList found;
    if (testCommand.trimmed().isEmpty())
        found << tr("Name the command that runs your tests.");
    const QString imageName = image.trimmed();
    if (source == Source::ContainerImage
        && (imageName.isEmpty() || imageName.contains(QLatin1String("OWNER"))))
        found << tr("Name the container image your CI can pull: build it from the Mocket "
                    "sources (podman build -t IMAGE .) and push it to your registry.");
    if (source == Source::DebianPackage && packageUrl.trimmed().isEmpty())
        found << tr("Give the URL your CI can download mocket-cli's .deb from (cpack builds it; "
                    "see Packages in Mocket's README).");
    return found;
}
