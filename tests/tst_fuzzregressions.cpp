// Inputs the fuzzers found (fuzz/regressions), replayed against the loader, the matcher and
// the template engine: each must finish quickly and behave as documented.
#include "messagepattern.h"
#include "specloader.h"
#include "specoutline.h"
#include "template.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QTest>

namespace {
QByteArray regression(const char *name)
{
    QFile file(QStringLiteral(MOCKET_SOURCE_DIR "/fuzz/regressions/") + QLatin1String(name));
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}
constexpr qint64 QuickMs = 2000; // generous for a loaded machine; the bugs were hangs
} // namespace

class TestFuzzRegressions : public QObject
{
    Q_OBJECT

private slots:
    // yaml-cpp's LoadAll looped forever on a lone comma; aliases nested ten deep made the
    // unclosed-quote check walk a billion nodes; a response holding an alias to itself
    // recursed until the stack overflowed.
    void loaderFinishes_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::newRow("lone comma") << regression("specloader-yamlcpp-loadall-comma");
        QTest::newRow("billion laughs") << regression("specloader-billion-laughs-checkquotes");
        QTest::newRow("alias inside itself") << regression("specloader-self-alias-recursion");
    }
    void loaderFinishes()
    {
        QFETCH(QByteArray, input);
        QVERIFY(!input.isEmpty());
        QElapsedTimer timer;
        timer.start();
        const LoadResult result = SpecLoader::loadData(input, QStringLiteral("f.yml"));
        QVERIFY2(timer.elapsed() < QuickMs, qPrintable(QString::number(timer.elapsed())));
        QCOMPARE(result.ok(), !hasErrors(result.diagnostics));
    }

    // A pattern holding the private-use characters that mark placeholders looped forever,
    // or posed as a placeholder and matched anything.
    void markerCharactersAreJustText()
    {
        QElapsedTimer timer;
        timer.start();
        const QList<QByteArray> hang = regression("matcher-private-use-marker-hang").split('\0');
        const MessagePattern p1 = MessagePattern::compile(QString::fromUtf8(hang.at(0)));
        QVERIFY(timer.elapsed() < QuickMs);
        QCOMPARE(p1.kind(), MessagePattern::Kind::Json);
        QVERIFY(p1.matches(IncomingMessage(QStringLiteral("[\"\\ue000\"]")), nullptr));
        QVERIFY(!p1.matches(IncomingMessage(QStringLiteral("[\"x\"]")), nullptr));

        const QList<QByteArray> wildcard = regression("matcher-private-use-marker-wildcard").split('\0');
        QCOMPARE(wildcard.size(), 2);
        const MessagePattern p2 = MessagePattern::compile(QString::fromUtf8(wildcard.at(0)));
        Bindings bindings;
        QVERIFY(!p2.matches(IncomingMessage(QString::fromUtf8(wildcard.at(1))), &bindings));
        QVERIFY(bindings.isEmpty());
        QVERIFY(p2.matches(IncomingMessage(QString::fromUtf8(wildcard.at(0))), nullptr)); // its own text
    }

    // The workbench's outline recursed forever on an alias inside itself.
    void outlineOfASelfAlias()
    {
        const QByteArray input = regression("specoutline-self-alias-recursion");
        QVERIFY(!input.isEmpty());
        const SpecOutline outline = SpecOutline::parse(QString::fromUtf8(input.split('\0').at(0)));
        QVERIFY(outline.endpoints.size() <= 1); // finished, whatever it found
    }

    // A backslash right before a placeholder inside a JSON string: the template is not
    // treated as JSON, so no escaping pretends the result is valid.
    void backslashBeforePlaceholder()
    {
        const QByteArray input = regression("template-backslash-before-placeholder");
        const Template t = Template::compile(QString::fromUtf8(input.split('\0').at(0)));
        QVERIFY(!t.isJson());
        const ParamMap query { { QStringLiteral("q"), QStringLiteral("v") } };
        TemplateContext context;
        context.queryParams = &query;
        QCOMPARE(t.render(context), QStringLiteral("[\"a\\v\"]"));
    }
};

QTEST_GUILESS_MAIN(TestFuzzRegressions)
#include "tst_fuzzregressions.moc"
