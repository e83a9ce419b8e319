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
} // namespace

QString CiExport::command() const
{
    QString cmd = QStringLiteral("mocket-cli serve");
    if (host != QLatin1String("127.0.0.1"))
        cmd += QStringLiteral(" --host ") + shellQuoted(host);
    cmd += QStringLiteral(" --port %1 ").arg(port) + shellQuoted(configFileName);
    return cmd;
}

QString CiExport::shellScript() const
{
    return QStringLiteral(
               "#!/bin/sh\n"
               "# %1\n"
               "set -eu\n"
               "command -v mocket-cli >/dev/null || {\n"
               "  echo \"%2\" >&2\n"
               "  exit 1\n"
               "}\n"
               "%3 --log mocket-events.jsonl > mocket.log 2>&1 &\n"
               "echo $! > mocket.pid\n"
               "# %4\n"
               "i=0\n"
               "until grep -q 'ws://' mocket.log; do\n"
               "  i=$((i + 1))\n"
               "  if [ \"$i\" -gt 100 ] || ! kill -0 \"$(cat mocket.pid)\" 2>/dev/null; then\n"
               "    cat mocket.log >&2\n"
               "    exit 1\n"
               "  fi\n"
               "  sleep 0.1\n"
               "done\n"
               "echo \"%5\"\n")
        .arg(
            tr("Starts the WebSocket mock in the background; stop it with: kill $(cat mocket.pid)"),
            tr("mocket-cli is not installed: build it from the Mocket sources (scripts/build) and "
               "put build/app/mocket-cli on PATH"),
            command(), tr("Wait until it prints its ready line (at most 10 s)."),
            tr("Mocket is serving on ws://%1:%2").arg(host).arg(port));
}

QString CiExport::workflowStep() const
{
    return QStringLiteral(
               "# %1\n"
               "- name: Start the WebSocket mock\n"
               "  run: |\n"
               "    %2 --log mocket-events.jsonl > mocket.log 2>&1 &\n"
               "    for i in $(seq 100); do grep -q 'ws://' mocket.log && break; sleep 0.1; done\n"
               "    grep 'ws://' mocket.log\n"
               "- name: Upload the mock's traffic log\n"
               "  if: always()\n"
               "  uses: actions/upload-artifact@v4\n"
               "  with:\n"
               "    name: mocket-events\n"
               "    path: mocket-events.jsonl\n")
        .arg(tr("Steps for a CI workflow; mocket-cli must be on PATH (built from the Mocket "
                "sources)."),
             command());
}
