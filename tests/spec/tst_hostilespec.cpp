#include "diagnostic.h"
#include "specloader.h"
#include "yamljson.h"

#include <QElapsedTimer>
#include <QTest>

// What the loader makes of a config written to hurt (or that would hurt by accident): each
// case is what `mocket-cli check` and the workbench's Problems show.
namespace {
const QString FileName = QStringLiteral("mocks.yml");

QStringList texts(const Diagnostics &diagnostics)
{
    QStringList out;
    for (const Diagnostic &diagnostic : diagnostics)
        out.append(diagnostic.toString());
    return out;
}

// A websocket whose on-connect anchors `value` as &big and whose rules each answer *big, one
// rule per use; *aliasLines gets the line of each alias (1-based), in order.
QByteArray aliasedRules(const QByteArray &anchored, int uses, QList<int> *aliasLines)
{
    QByteArray yaml = "- websocket:\n    path: /big\n    on-connect:\n      response: &big "
        + anchored + "\n    on-message:\n";
    for (int use = 0; use < uses; ++use) {
        yaml += "      - pattern: p" + QByteArray::number(use) + "\n";
        aliasLines->append(int(yaml.count('\n')) + 1);
        yaml += "        response: *big\n";
    }
    return yaml;
}
} // namespace

class TestHostileSpec : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void aliasesOverTheBudget_data();
    void aliasesOverTheBudget();
    void aliasesWithinTheBudget_data();
    void aliasesWithinTheBudget();
};

void TestHostileSpec::aliasesOverTheBudget_data()
{
    QTest::addColumn<QByteArray>("anchored"); // what &big names
    QTest::addColumn<qint64>("bytesPerAlias"); // what each *big repeats, as counted
    QTest::addColumn<int>("uses");

    // Scaled down from 300 uses of 1 MiB: each alias repeats 256 KiB.
    const QByteArray text(256 * 1024, 'x');
    QTest::newRow("alias of a large text") << text << qint64(text.size()) << 60;
    QTest::newRow("alias of a map holding a large text")
        << QByteArray("{text: " + text + "}") << qint64(1 + 4 + text.size()) << 60;
    QTest::newRow("alias of a list of large texts")
        << QByteArray("[" + text + ", " + text + "]") << qint64(1 + 2 * text.size()) << 40;
}

// Each alias counts what it repeats, texts too; the one that takes the total over the budget
// is named, line and column, and nothing is loaded.
void TestHostileSpec::aliasesOverTheBudget()
{
    QFETCH(QByteArray, anchored);
    QFETCH(qint64, bytesPerAlias);
    QFETCH(int, uses);

    QList<int> aliasLines;
    const QByteArray yaml = aliasedRules(anchored, uses, &aliasLines);
    const qint64 budget = aliasExpansionBudget(yaml.size());
    const int crossing = int(budget / bytesPerAlias); // the first alias past the budget, 0-based
    QVERIFY2(crossing < uses, "the file must go over the budget");

    QElapsedTimer timer;
    timer.start();
    const LoadResult result = SpecLoader::loadData(yaml, FileName);
    QVERIFY2(timer.elapsed() < 5000, qPrintable(QString::number(timer.elapsed())));
    QVERIFY(!result.ok());
    const QString expected
        = QStringLiteral("mocks.yml:%1:19: error: the aliases repeat more than %L2 bytes in all "
                         "(8 MiB plus 4 times the file's size); this one goes over")
              .arg(aliasLines.at(crossing))
              .arg(budget);
    QCOMPARE(texts(result.diagnostics), QStringList { expected });
}

void TestHostileSpec::aliasesWithinTheBudget_data()
{
    QTest::addColumn<QByteArray>("yaml");
    QTest::addColumn<int>("rules");

    QTest::newRow("a few aliases of small texts")
        << QByteArray("- websocket:\n    path: /a\n    on-connect:\n      response: &hi hello\n"
                      "    on-message:\n"
                      "      - pattern: &p ping\n        response: *hi\n"
                      "      - pattern: pong\n        response: *hi\n"
                      "- websocket:\n    path: /b\n    on-message:\n"
                      "      - pattern: *p\n        response: &m {a: [1, 2], b: *hi}\n"
                      "      - pattern: again\n        response: *m\n")
        << 4;
    QList<int> lines;
    QTest::newRow("aliases of a large text, under the budget")
        << aliasedRules(QByteArray(256 * 1024, 'x'), 30, &lines) << 30;
}

void TestHostileSpec::aliasesWithinTheBudget()
{
    QFETCH(QByteArray, yaml);
    QFETCH(int, rules);

    const LoadResult result = SpecLoader::loadData(yaml, FileName);
    QVERIFY2(result.ok(), qPrintable(result.diagnosticsText()));
    QVERIFY2(result.diagnostics.isEmpty(), qPrintable(result.diagnosticsText()));
    QCOMPARE(result.spec->ruleCount(), rules);
}

QTEST_GUILESS_MAIN(TestHostileSpec)
#include "tst_hostilespec.moc"
