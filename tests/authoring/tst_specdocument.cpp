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
#include <utility>

namespace {
const QString Good = QStringLiteral("- websocket:\n    path: /ws/echo\n    on-message:\n"
                                    "      - pattern: ping\n        response: pong\n");
const QString Broken = QStringLiteral("- websocket:\n    path: /ws/echo\n    on-message:\n"
                                      "      - pattern: \"ping\n        response: pong\n");

QString fileText(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
}

QList<std::pair<qsizetype, qsizetype>> itemRanges(const SpecOutline &outline)
{
    QList<std::pair<qsizetype, qsizetype>> ranges;
    for (const ItemOutline &item : outline.items)
        ranges.append({ item.item.start, item.item.end });
    return ranges;
}

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

    // An edit is parsed after the typing pause, once.
    void settingTextParsesAfterThePause()
    {
        QSignalSpy parsed(m_document.get(), &SpecDocument::parsed);
        QSignalSpy specChanged(m_document.get(), &SpecDocument::specChanged);
        m_document->setText(Good);
        QCOMPARE(parsed.count(), 0);
        QVERIFY(parsed.wait());
        QCOMPARE(specChanged.count(), 1);
        m_document->parse(); // the same text is not parsed again
        QCOMPARE(parsed.count(), 1);
    }

    // What the parse found: diagnostics, outline and spec follow the text.
    void parsingFillsSpecAndOutline()
    {
        m_document->setText(Good);
        m_document->parse();
        QVERIFY(m_document->isValid());
        QVERIFY(m_document->diagnostics().isEmpty());
        QCOMPARE(m_document->lastGoodSpec()->endpoints.size(), 1);
        QCOMPARE(m_document->lastGoodSpec()->endpoints.at(0).rules.at(0).response.source(),
                 QStringLiteral("pong"));
        QCOMPARE(m_document->outline().endpoints.size(), 1);
        QCOMPARE(m_document->parsedText(), Good);
    }

    // A broken edit keeps the last good spec and does not announce a new one.
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
    }

    // ... and says what is wrong, in the loader's words and with the outline's error.
    void brokenEditReportsDiagnostics()
    {
        m_document->setText(Broken);
        m_document->parse();
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
        QCOMPARE(itemRanges(m_document->outline()), itemRanges(alone));
    }

    // A Moclojer file: the outline names each HTTP endpoint as the loader does, in file order,
    // and a status set through it is what the loader then reads.
    void httpEndpointsOutlinedAsLoaded()
    {
        QFile example(QStringLiteral(MOCKET_SOURCE_DIR "/resources/examples/moclojer.yml"));
        QVERIFY(example.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(example.readAll());
        m_document->reset(text, QStringLiteral("/tmp/moclojer.yml"), false);
        QVERIFY(m_document->isValid());
        const QList<HttpEndpoint> &loaded = m_document->lastGoodSpec()->httpEndpoints;
        const QList<HttpEndpointOutline> &outlined = m_document->outline().httpEndpoints;
        QCOMPARE(outlined.size(), loaded.size());
        for (qsizetype index = 0; index < loaded.size(); ++index) {
            QCOMPARE(outlined.at(index).label(), loaded.at(index).label());
            QCOMPARE(outlined.at(index).line, loaded.at(index).line);
        }
        const TextEdit edit = SpecEdits::setHttpResponseKeys(
            text, m_document->outline(), 5,
            { { QStringLiteral("status"), YamlValue::verbatim(QStringLiteral("410")) } });
        m_document->setText(SpecEdits::apply(text, edit));
        m_document->parse();
        QVERIFY(m_document->isValid());
        QCOMPARE(m_document->lastGoodSpec()->httpEndpoints.at(5).status, 410);
        QCOMPARE(m_document->text().size(), text.size());
    }

    // No copy of text without unsaved edits.
    void noRecoveryCopyWhenUnmodified()
    {
        m_document->reset(Good, m_dir->filePath(QStringLiteral("mocks.yml")), false);
        m_document->setText(Good + QStringLiteral("# edited\n"));
        QTest::qWait(SpecDocument::RecoveryDelayMs + 200);
        QVERIFY(recoveries().isEmpty());
    }

    // Unsaved text is copied for recovery a moment after the edit.
    void recoveryCopyAfterTheTimer()
    {
        const QString path = m_dir->filePath(QStringLiteral("mocks.yml"));
        m_document->reset(Good, path, false);
        m_document->setModified(true);
        m_document->setText(Good + QStringLiteral("# edited\n"));
        QVERIFY(recoveries().isEmpty());
        QVERIFY(QTest::qWaitFor([this] { return !recoveries().isEmpty(); }));
        QCOMPARE(RecoveryStore::load(recoveries().at(0)), Good + QStringLiteral("# edited\n"));
        QCOMPARE(recoveries().at(0).documentPath, path);
    }

    // Saving writes the text and drops the recovery copy.
    void saveWritesAndDropsTheCopy()
    {
        const QString path = m_dir->filePath(QStringLiteral("mocks.yml"));
        m_document->reset(Good, path, false);
        m_document->setModified(true);
        m_document->setText(Good + QStringLiteral("# edited\n"));
        m_document->saveRecoveryCopy();
        QCOMPARE(recoveries().size(), 1);
        QString error;
        QVERIFY(m_document->save(&error));
        QVERIFY(!m_document->isModified());
        QVERIFY(recoveries().isEmpty());
        QCOMPARE(fileText(path), Good + QStringLiteral("# edited\n"));
    }

    // A failed save keeps the document as it was.
    void failedSaveChangesNothing()
    {
        m_document->reset(Good, QString(), true);
        QCOMPARE(m_document->displayName(), QStringLiteral("example.yml"));
        m_document->setModified(true);
        QString error;
        QVERIFY(!m_document->saveAs(m_dir->filePath(QStringLiteral("missing/dir/a.yml")), &error));
        QVERIFY(!error.isEmpty());
        QVERIFY(m_document->isModified());
        QVERIFY(m_document->isExample());
    }

    void saveAsMakesTheFileTheDocuments()
    {
        m_document->reset(Good, QString(), true);
        QSignalSpy modified(m_document.get(), &SpecDocument::modificationChanged);
        m_document->setModified(true);
        QString error;
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
