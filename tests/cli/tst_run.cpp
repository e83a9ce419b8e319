// `mocket-cli run`: the mock served around a real test command (a Python client that is not
// Qt), its exit code, the verification flags and the report files a CI system renders.

#include "testfiles.h"

#include <QFile>
#include <QProcess>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

namespace {
const QString Python = QStringLiteral("/usr/bin/python3");

// The test command: connects to $MOCKET_URL/ws/echo, sends its arguments one by one (each
// reply read unless the frame is expected to go unanswered), writes its environment's
// MOCKET_* values to the file in $ENV_OUT, and exits with $EXIT_CODE.
const char ClientScript[] = R"(
import asyncio, os, sys, websockets
async def main():
    async with websockets.connect(os.environ["MOCKET_URL"] + "/ws/echo") as ws:
        await asyncio.wait_for(ws.recv(), 5)
        for message in sys.argv[1:]:
            await ws.send(message)
            if message == "ping":
                await asyncio.wait_for(ws.recv(), 5)
        await asyncio.sleep(0.1)
    with open(os.environ["ENV_OUT"], "w") as out:
        for key in ("MOCKET_URL", "MOCKET_HTTP_URL", "MOCKET_CONTROL_URL"):
            out.write(key + "=" + os.environ.get(key, "") + "\n")
asyncio.run(main())
sys.exit(int(os.environ.get("EXIT_CODE", "0")))
)";

using Result = ProcessResult;
} // namespace

class TestRun : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_client;

    QString path(const QString &name) const { return m_dir.filePath(name); }

    Result run(const QStringList &arguments, int exitCode = 0)
    {
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.remove(QStringLiteral("PORT"));
        environment.insert(QStringLiteral("ENV_OUT"), path(QStringLiteral("env.txt")));
        environment.insert(QStringLiteral("EXIT_CODE"), QString::number(exitCode));
        return runProcess(QStringLiteral(MOCKET_CLI), arguments, environment);
    }

    QStringList runEcho(const QStringList &flags, const QStringList &messages) const
    {
        return QStringList { QStringLiteral("run"), QStringLiteral("--quiet") } + flags
            + QStringList { examplePath(QStringLiteral("mocks.yml")), QStringLiteral("--"), Python,
                            m_client }
        + messages;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        MOCKET_REQUIRE_PYTHON_WEBSOCKETS();
        m_client = path(QStringLiteral("client.py"));
        QVERIFY(writeFile(m_client, ClientScript));
    }

    void passesTheCommandsExitCodeAndEnvironment()
    {
        const Result passed
            = run(runEcho({ QStringLiteral("--control") }, { QStringLiteral("ping") }));
        QVERIFY2(passed.exitCode == 0, passed.err.constData());
        QFile env(path(QStringLiteral("env.txt")));
        QVERIFY(env.open(QIODevice::ReadOnly));
        const QByteArray values = env.readAll();
        QVERIFY2(values.contains("MOCKET_URL=ws://127.0.0.1:"), values.constData());
        QVERIFY(values.contains("MOCKET_HTTP_URL=http://127.0.0.1:"));
        QVERIFY(values.contains("/__mocket\n"));
        QVERIFY(!values.contains("MOCKET_URL=ws://127.0.0.1:8000")); // port 0 unless given

        const Result failed = run(runEcho({}, { QStringLiteral("ping") }), 7);
        QCOMPARE(failed.exitCode, 7);
    }

    void failsOnUnmatchedFrames()
    {
        const QStringList messages = { QStringLiteral("ping"), QStringLiteral("surprise") };
        QCOMPARE(run(runEcho({}, messages)).exitCode, 0); // not asked to fail on them
        const Result result = run(runEcho({ QStringLiteral("--fail-on-unmatched") }, messages));
        QCOMPARE(result.exitCode, 1);
        QVERIFY2(result.err.contains("FAIL: 1 client frame matched no rule:"),
                 result.err.constData());
        QVERIFY(result.err.contains("#1 /ws/echo: surprise"));
    }

    void expectations()
    {
        const QString expect = path(QStringLiteral("expect.yml"));
        QVERIFY(writeFile(expect,
                          "- rule: on-message[0]\n"
                          "  endpoint: /ws/echo\n"
                          "  at-least: 2\n"
                          "- connected: /ws/echo\n"
                          "- received: secret\n"
                          "  at-most: 0\n"));
        const QStringList flags = { QStringLiteral("--expect"), expect };
        const Result met = run(runEcho(flags, { QStringLiteral("ping"), QStringLiteral("ping") }));
        QVERIFY2(met.exitCode == 0, met.err.constData());
        QVERIFY(met.err.contains("PASS: rule on-message[0] matched on /ws/echo at least 2 times"));

        const Result unmet
            = run(runEcho(flags, { QStringLiteral("ping"), QStringLiteral("the secret") }));
        QCOMPARE(unmet.exitCode, 1);
        QVERIFY2(unmet.err.contains("FAIL: expected rule on-message[0] matched on /ws/echo at "
                                    "least 2 times; counted 1"),
                 unmet.err.constData());
        QVERIFY(unmet.err.contains("FAIL: expected a frame containing \"secret\" received at most "
                                   "0 times; counted 1"));

        QVERIFY(writeFile(expect, "- rule: x\n  at-least: many\n"));
        const Result broken = run(runEcho(flags, { QStringLiteral("ping") }));
        QCOMPARE(broken.exitCode, 2);
        QVERIFY2(broken.err.contains(
                     QByteArray(expect.toUtf8() + ":2:13: error: 'at-least' must be a count")),
                 broken.err.constData());
    }

    void reports()
    {
        const QString report = path(QStringLiteral("report.xml"));
        const QString summary = path(QStringLiteral("summary.md"));
        const QString expect = path(QStringLiteral("expect-report.yml"));
        QVERIFY(writeFile(expect, "- rule: on-message[0]\n- connected: /ws/user/:username\n"));
        const Result result = run(
            runEcho({ QStringLiteral("--fail-on-unmatched"), QStringLiteral("--expect"), expect,
                      QStringLiteral("--report"), report, QStringLiteral("--summary"), summary },
                    { QStringLiteral("ping"), QStringLiteral("odd one") }));
        QCOMPARE(result.exitCode, 1);

        QFile xml(report);
        QVERIFY(xml.open(QIODevice::ReadOnly));
        QXmlStreamReader reader(&xml);
        QStringList cases;
        QStringList failures;
        int declaredTests = -1;
        int declaredFailures = -1;
        while (!reader.atEnd()) {
            if (reader.readNext() != QXmlStreamReader::StartElement)
                continue;
            if (reader.name() == QLatin1String("testsuite")) {
                declaredTests = reader.attributes().value(QLatin1String("tests")).toInt();
                declaredFailures = reader.attributes().value(QLatin1String("failures")).toInt();
            } else if (reader.name() == QLatin1String("testcase")) {
                cases.append(reader.attributes().value(QLatin1String("name")).toString());
            } else if (reader.name() == QLatin1String("failure")) {
                failures.append(reader.attributes().value(QLatin1String("message")).toString());
            }
        }
        QVERIFY2(!reader.hasError(), qPrintable(reader.errorString()));
        QCOMPARE(declaredTests, 4);
        QCOMPARE(cases.size(), 4);
        QCOMPARE(cases.at(0), QStringLiteral("the test command"));
        QCOMPARE(cases.at(1), QStringLiteral("rule on-message[0] matched at least 1 time"));
        QCOMPARE(declaredFailures, 2);
        QCOMPARE(failures.size(), 2);
        QVERIFY(failures.at(0).contains(QLatin1String("/ws/user/:username")));
        QVERIFY(failures.at(1).contains(QLatin1String("odd one")));

        QFile markdown(summary);
        QVERIFY(markdown.open(QIODevice::ReadOnly));
        const QByteArray text = markdown.readAll();
        QVERIFY2(text.contains("| /ws/echo | 1 | 1 | on-message[0] | 1 |"), text.constData());
        QVERIFY(text.contains("| /ws/echo | 1 | 1 | *unmatched* | 1 |"));
        QVERIFY(text.contains("| rule on-message[0] matched at least 1 time | 1 | passed |"));
    }

    // A mock that ran elsewhere (a container) leaves its --log; verify judges it the same way.
    void verifiesALogFile()
    {
        const QString log = path(QStringLiteral("verify.jsonl"));
        QFile::remove(log);
        const Result served = run(runEcho({ QStringLiteral("--log"), log },
                                          { QStringLiteral("ping"), QStringLiteral("stray") }));
        QVERIFY2(served.exitCode == 0, served.err.constData());
        const QString summary = path(QStringLiteral("verify.md"));
        const Result verified
            = run({ QStringLiteral("verify"), QStringLiteral("--fail-on-unmatched"),
                    QStringLiteral("--summary"), summary, examplePath(QStringLiteral("mocks.yml")),
                    log });
        QCOMPARE(verified.exitCode, 1);
        QVERIFY2(verified.err.contains("#1 /ws/echo: stray"), verified.err.constData());
        QFile markdown(summary);
        QVERIFY(markdown.open(QIODevice::ReadOnly));
        QVERIFY(markdown.readAll().contains("| /ws/echo | 1 | 1 | on-message[0] | 1 |"));

        const QString expect = path(QStringLiteral("verify-expect.yml"));
        QVERIFY(writeFile(expect, "- connected: /ws/echo\n- rule: on-message[0]\n"));
        const Result expected = run({ QStringLiteral("verify"), QStringLiteral("--expect"), expect,
                                      examplePath(QStringLiteral("mocks.yml")), log });
        QVERIFY2(expected.exitCode == 0, expected.err.constData());
        QCOMPARE(
            run({ QStringLiteral("verify"), examplePath(QStringLiteral("mocks.yml")) }).exitCode,
            2);
    }

    void cannotListen()
    {
        QTcpServer taken;
        QVERIFY(taken.listen(QHostAddress::LocalHost, 0));
        QFile::remove(path(QStringLiteral("env.txt")));
        const Result result
            = run({ QStringLiteral("run"), QStringLiteral("--port"),
                    QString::number(taken.serverPort()), examplePath(QStringLiteral("mocks.yml")),
                    QStringLiteral("--"), Python, m_client, QStringLiteral("ping") });
        QCOMPARE(result.exitCode, 3);
        QVERIFY(!QFile::exists(path(QStringLiteral("env.txt")))); // the command never ran
    }

    void usage()
    {
        QCOMPARE(run({ QStringLiteral("run"), examplePath(QStringLiteral("mocks.yml")) }).exitCode,
                 2);
        const Result missing
            = run({ QStringLiteral("run"), examplePath(QStringLiteral("mocks.yml")),
                    QStringLiteral("--"), QStringLiteral("/no/such/command") });
        QCOMPARE(missing.exitCode, 127);
        QVERIFY(missing.err.contains("cannot run '/no/such/command'"));
    }
};

QTEST_GUILESS_MAIN(TestRun)
#include "tst_run.moc"
