#include "specdocument.h"
#include "specloader.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

namespace {
const QString Good = QStringLiteral("- websocket:\n    path: /ws/echo\n    on-message:\n"
                                    "      - pattern: ping\n        response: pong\n");
const QString Broken = QStringLiteral("- websocket:\n    path: /ws/echo\n    on-message:\n"
                                      "      - pattern: \"ping\n        response: pong\n");

QStringList lines(const Diagnostics &diagnostics)
{
    QStringList out;
    for (const Diagnostic &d : diagnostics)
        out.append(d.toString());
    return out;
}
} // namespace

class TestSpecDocument : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        m_document = std::make_unique<SpecDocument>();
        m_document->setRecoveryStore(RecoveryStore(m_dir->filePath(QStringLiteral("recovery"))));
    }

    // An edit is parsed after the typing pause: diagnostics, outline and spec follow it.
    void settingTextParses()
    {
        QSignalSpy parsed(m_document.get(), &SpecDocument::parsed);
        QSignalSpy specChanged(m_document.get(), &SpecDocument::specChanged);
        m_document->setText(Good);
        QCOMPARE(parsed.count(), 0);
        QTRY_COMPARE(parsed.count(), 1);
        QCOMPARE(specChanged.count(), 1);
        QVERIFY(m_document->isValid());
        QVERIFY(m_document->diagnostics().isEmpty());
        QCOMPARE(m_document->lastGoodSpec()->endpoints.size(), 1);
        QCOMPARE(m_document->lastGoodSpec()->endpoints.at(0).rules.at(0).response.source(),
                 QStringLiteral("pong"));
        QCOMPARE(m_document->outline().endpoints.size(), 1);
        QCOMPARE(m_document->parsedText(), Good);

        // The same text again is not parsed again.
        m_document->parse();
        QCOMPARE(parsed.count(), 1);
    }

    // A broken edit keeps the last good spec, and says what is wrong, in the loader's words and
    // with the outline's error.
    void brokenEditKeepsLastGoodSpec()
    {
        m_document->setText(Good);
        m_document->parse();
        const MockSpecPtr good = m_document->lastGoodSpec();
        QVERIFY(good);
        QSignalSpy specChanged(m_document.get(), &SpecDocument::specChanged);
        m_document->setText(Broken);
        m_document->parse();
        QVERIFY(!m_document->isValid());
        QCOMPARE(m_document->lastGoodSpec(), good);
        QCOMPARE(specChanged.count(), 0);
        QVERIFY(hasErrors(m_document->diagnostics()));
        QVERIFY(!m_document->outline().ok());
        QCOMPARE(lines(m_document->diagnostics()),
                 lines(SpecLoader::loadText(Broken, QStringLiteral("untitled.yml")).diagnostics));
    }

    // The one parse gives what the loader and the outline give on their own.
    void oneParseServesLoaderAndOutline()
    {
        QFile example(QStringLiteral(MOCKET_SOURCE_DIR "/resources/examples/mocks.yml"));
        QVERIFY(example.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(example.readAll());
        m_document->reset(text, QStringLiteral("/tmp/mocks.yml"), false);
        const SpecOutline alone = SpecOutline::parse(text);
        const LoadResult loaded = SpecLoader::loadText(text, QStringLiteral("mocks.yml"));
        QVERIFY(m_document->isValid());
        QCOMPARE(lines(m_document->diagnostics()), lines(loaded.diagnostics));
        QCOMPARE(m_document->lastGoodSpec()->endpoints.size(), loaded.spec->endpoints.size());
        QCOMPARE(m_document->outline().endpoints.size(), alone.endpoints.size());
        QCOMPARE(m_document->outline().items.size(), alone.items.size());
        for (qsizetype i = 0; i < alone.items.size(); ++i) {
            QCOMPARE(m_document->outline().items.at(i).item.start, alone.items.at(i).item.start);
            QCOMPARE(m_document->outline().items.at(i).item.end, alone.items.at(i).item.end);
        }
    }

    // Unsaved text is copied for recovery a moment after the edit; saving drops the copy.
    void recoveryCopyAfterTheTimer()
    {
        const QString path = m_dir->filePath(QStringLiteral("mocks.yml"));
        m_document->reset(Good, path, false);
        m_document->setText(Good + QStringLiteral("# edited\n"));
        QVERIFY(recoveries().isEmpty()); // not modified: no copy
        QTest::qWait(SpecDocument::RecoveryDelayMs + 200);
        QVERIFY(recoveries().isEmpty());

        m_document->setModified(true);
        m_document->setText(Good + QStringLiteral("# edited twice\n"));
        QVERIFY(recoveries().isEmpty());
        QTRY_COMPARE(recoveries().size(), 1);
        QCOMPARE(RecoveryStore::load(recoveries().at(0)),
                 Good + QStringLiteral("# edited twice\n"));
        QCOMPARE(recoveries().at(0).documentPath, path);

        QString error;
        QVERIFY(m_document->save(&error));
        QVERIFY(!m_document->isModified());
        QVERIFY(recoveries().isEmpty());
        QFile saved(path);
        QVERIFY(saved.open(QIODevice::ReadOnly));
        QCOMPARE(QString::fromUtf8(saved.readAll()), Good + QStringLiteral("# edited twice\n"));
    }

    void saveAsMakesTheFileTheDocuments()
    {
        m_document->reset(Good, QString(), true);
        QCOMPARE(m_document->displayName(), QStringLiteral("example.yml"));
        QSignalSpy modified(m_document.get(), &SpecDocument::modificationChanged);
        m_document->setModified(true);
        QCOMPARE(modified.count(), 1);
        QString error;
        QVERIFY(!m_document->saveAs(m_dir->filePath(QStringLiteral("missing/dir/a.yml")), &error));
        QVERIFY(!error.isEmpty());
        QVERIFY(m_document->isModified());
        QVERIFY(m_document->isExample());

        QVERIFY(m_document->saveAs(m_dir->filePath(QStringLiteral("b.yml")), &error));
        QVERIFY(!m_document->isExample());
        QVERIFY(!m_document->isModified());
        QCOMPARE(modified.count(), 2);
        QCOMPARE(m_document->filePath(), m_dir->filePath(QStringLiteral("b.yml")));
        QCOMPARE(m_document->displayName(), QStringLiteral("b.yml"));
    }

    // Starting over forgets the previous spec and names the new file in diagnostics.
    void resetStartsOver()
    {
        m_document->setText(Good);
        m_document->parse();
        QVERIFY(m_document->lastGoodSpec());
        m_document->reset(Broken, m_dir->filePath(QStringLiteral("c.yml")), false);
        QVERIFY(!m_document->lastGoodSpec());
        QVERIFY(!m_document->isModified());
        QVERIFY(!m_document->diagnostics().isEmpty());
        QCOMPARE(m_document->diagnostics().at(0).file, QStringLiteral("c.yml"));
    }

private:
    // The recovery copies written, whichever process wrote them (this one's are not orphans).
    QList<RecoveryStore::Entry> recoveries() const
    {
        QList<RecoveryStore::Entry> out;
        const QDir dir(m_dir->filePath(QStringLiteral("recovery")));
        for (const QString &name : dir.entryList({ QStringLiteral("*.json") }, QDir::Files)) {
            QFile meta(dir.filePath(name));
            if (!meta.open(QIODevice::ReadOnly))
                continue;
            RecoveryStore::Entry entry;
            entry.documentPath = QJsonDocument::fromJson(meta.readAll())
                                     .object()
                                     .value(QStringLiteral("document"))
                                     .toString();
            entry.copyPath = dir.filePath(name.chopped(5) + QStringLiteral(".yml"));
            out.append(entry);
        }
        return out;
    }

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<SpecDocument> m_document;
};

QTEST_GUILESS_MAIN(TestSpecDocument)
#include "tst_specdocument.moc"
