// Loads off the calling thread: results come in the order asked, and with NewestOnly a newer
// request supersedes what is still waiting or running.

#include "asyncspecloader.h"
#include "pingprobe.h"

#include <QSignalSpy>
#include <QTest>

namespace {
QByteArray oneEndpoint(const QByteArray &path)
{
    return "- websocket:\n    path: " + path + "\n";
}

QStringList firstPaths(const QSignalSpy &spy)
{
    QStringList paths;
    for (const QList<QVariant> &arguments : spy) {
        const auto outcome = arguments.at(0).value<SpecLoadOutcome>();
        paths.append(outcome.result.ok() ? outcome.result.spec->endpoints.value(0).path.text()
                                         : QStringLiteral("error"));
    }
    return paths;
}
} // namespace

class TestAsyncSpecLoader : public QObject
{
    Q_OBJECT

private slots:
    void eachInOrder()
    {
        AsyncSpecLoader loader(AsyncSpecLoader::Backlog::Each);
        QSignalSpy loaded(&loader, &AsyncSpecLoader::loaded);
        loader.loadData(manyEndpointsYaml(3000, "x"), QStringLiteral("a.yml")); // the slowest
        loader.loadData(oneEndpoint("/b"), QStringLiteral("b.yml"));
        loader.loadData("- websocket: [", QStringLiteral("c.yml"));
        QTRY_COMPARE_WITH_TIMEOUT(loaded.size(), 3, 20000);
        QCOMPARE(firstPaths(loaded),
                 QStringList({ QStringLiteral("/ws/0/:id"), QStringLiteral("/b"),
                               QStringLiteral("error") }));
        QVERIFY(!loader.isBusy());
    }

    void newestOnlySupersedes()
    {
        AsyncSpecLoader loader(AsyncSpecLoader::Backlog::NewestOnly);
        QSignalSpy loaded(&loader, &AsyncSpecLoader::loaded);
        loader.loadData(manyEndpointsYaml(3000, "x"), QStringLiteral("a.yml")); // running
        loader.loadData(oneEndpoint("/b"), QStringLiteral("b.yml")); // superseded while waiting
        const quint64 newest = loader.loadData(oneEndpoint("/c"), QStringLiteral("c.yml"));
        QTRY_VERIFY_WITH_TIMEOUT(!loader.isBusy(), 20000);
        QCOMPARE(loaded.size(), 1);
        QCOMPARE(firstPaths(loaded), QStringList { QStringLiteral("/c") });
        QCOMPARE(loaded.at(0).at(0).value<SpecLoadOutcome>().ticket, newest);
    }
};

QTEST_GUILESS_MAIN(TestAsyncSpecLoader)
#include "tst_asyncspecloader.moc"
