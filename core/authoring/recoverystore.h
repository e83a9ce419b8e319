#pragma once

#include <QCoreApplication>
#include <QDateTime>
#include <QList>
#include <QString>

// Keeps a copy of unsaved editor text on disk, so a crash or a killed process loses at most
// the last few seconds of work. A copy exists only while its document has unsaved edits;
// copies left behind by a process that is no longer running are offered back at startup.
class RecoveryStore
{
    Q_DECLARE_TR_FUNCTIONS(RecoveryStore)

public:
    struct Entry
    {
        QString documentPath; // empty for a document never saved
        QString copyPath; // the recovery copy itself
        QDateTime saved;
        qint64 pid = 0; // the process that wrote it
    };

    // directory defaults to <AppDataLocation>/recovery.
    explicit RecoveryStore(QString directory = QString());

    QString directory() const { return m_directory; }
    // Writes (atomically) the copy for this document; false on a write error.
    bool save(const QString &documentPath, const QString &text);
    void discard(const QString &documentPath);
    // Copies whose writing process is gone: the ones to offer back.
    QList<Entry> orphans() const;
    static QString load(const Entry &entry);
    static void remove(const Entry &entry);

private:
    QString keyFor(const QString &documentPath) const;
    QList<Entry> entries() const;

    QString m_directory;
};
