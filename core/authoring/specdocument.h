#pragma once

#include "diagnostic.h"
#include "mockspec.h"
#include "recoverystore.h"
#include "specoutline.h"

#include <QObject>
#include <QString>
#include <QTimer>

// A config being authored, without any widget: its YAML text, file path and modified state.
// Each change of the text is parsed once, after a typing pause (or at parse()), and that one
// parse feeds both the loader (diagnostics, the last good spec) and the outline the forms
// edit through. A copy of unsaved text goes to the recovery store a moment after each edit.
class SpecDocument : public QObject
{
    Q_OBJECT

public:
    static constexpr int ParseDelayMs = 300;
    static constexpr int RecoveryDelayMs = 1000;

    explicit SpecDocument(QObject *parent = nullptr);

    // Starts over with this text, unmodified, parsed at once; the recovery copies of the
    // document left and of the one opened are discarded.
    void reset(const QString &text, const QString &path, bool example);
    // An edit: parsed after the typing pause, copied for recovery after its own.
    void setText(const QString &text);
    QString text() const { return m_text; }

    QString filePath() const { return m_filePath; }
    bool isExample() const { return m_isExample; }
    // The name diagnostics and the window title use: the file's, or example.yml/untitled.yml.
    QString displayName() const;
    bool isModified() const { return m_modified; }
    void setModified(bool modified);

    // Writes the text atomically to path (a crash or a full disk mid-save never leaves a
    // half-written config); false with *error when it cannot. saveAs() also makes path the
    // document's file.
    bool save(QString *error);
    bool saveAs(const QString &path, QString *error);

    // Parses now if the text changed since the last parse.
    void parse();
    // What the last parse found; the outline describes parsedText().
    const Diagnostics &diagnostics() const { return m_diagnostics; }
    const SpecOutline &outline() const { return m_outline; }
    const QString &parsedText() const { return m_parsedText; }
    // Whether the last parse loaded without errors; lastGoodSpec() is the latest that did.
    bool isValid() const { return m_valid; }
    MockSpecPtr lastGoodSpec() const { return m_lastGood; }

    void setRecoveryStore(const RecoveryStore &store) { m_recovery = store; }
    QList<RecoveryStore::Entry> pendingRecoveries() const { return m_recovery.orphans(); }
    // Writes the recovery copy now, if there are unsaved edits.
    void saveRecoveryCopy();
    // Drops this document's recovery copy (its edits are saved or given up).
    void discardRecovery();

signals:
    // diagnostics(), outline() and isValid() describe the text as it is now.
    void parsed();
    // A parse loaded without errors: lastGoodSpec() is new.
    void specChanged(const MockSpecPtr &spec);
    void modificationChanged(bool modified);

private:
    bool write(const QString &path, QString *error);

    QString m_text;
    QString m_filePath;
    bool m_isExample = false;
    bool m_modified = false;
    QString m_parsedText; // the text m_outline and m_diagnostics describe; null: none yet
    Diagnostics m_diagnostics;
    SpecOutline m_outline;
    bool m_valid = false;
    MockSpecPtr m_lastGood;
    QTimer m_parseTimer;
    QTimer m_recoveryTimer;
    RecoveryStore m_recovery;
};
