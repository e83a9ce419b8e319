#include "recoverystore.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QStandardPaths>

#include <csignal>
#include <unistd.h>

namespace {
bool processAlive(qint64 pid)
{
    if (pid <= 0)
        return false;
    if (pid == QCoreApplication::applicationPid())
        return true;
    return ::kill(pid_t(pid), 0) == 0 || errno == EPERM;
}

bool writeAtomically(const QString &path, const QByteArray &data)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return false;
    file.write(data);
    return file.commit();
}
} // namespace

RecoveryStore::RecoveryStore(QString directory) : m_directory(std::move(directory))
{
    if (m_directory.isEmpty())
        m_directory = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)
            + QStringLiteral("/recovery");
}

QString RecoveryStore::keyFor(const QString &documentPath) const
{
    // One copy per document and process: two windows on two files never collide.
    const QByteArray id
        = documentPath.toUtf8() + '\n' + QByteArray::number(QCoreApplication::applicationPid());
    return QString::fromLatin1(
        QCryptographicHash::hash(id, QCryptographicHash::Sha1).toHex().left(16));
}

bool RecoveryStore::save(const QString &documentPath, const QString &text)
{
    if (!QDir().mkpath(m_directory))
        return false;
    const QString base = m_directory + QLatin1Char('/') + keyFor(documentPath);
    QJsonObject meta;
    meta.insert(QStringLiteral("document"), documentPath);
    meta.insert(QStringLiteral("saved"),
                QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs));
    meta.insert(QStringLiteral("pid"), QCoreApplication::applicationPid());
    // Text first, then the meta that points at it: a crash between the two leaves the
    // previous complete pair, never a meta without its text.
    return writeAtomically(base + QStringLiteral(".yml"), text.toUtf8())
        && writeAtomically(base + QStringLiteral(".json"), QJsonDocument(meta).toJson());
}

void RecoveryStore::discard(const QString &documentPath)
{
    const QString base = m_directory + QLatin1Char('/') + keyFor(documentPath);
    QFile::remove(base + QStringLiteral(".json"));
    QFile::remove(base + QStringLiteral(".yml"));
}

QList<RecoveryStore::Entry> RecoveryStore::entries() const
{
    QList<Entry> result;
    const QDir dir(m_directory);
    const QStringList metas = dir.entryList({ QStringLiteral("*.json") }, QDir::Files, QDir::Time);
    for (const QString &name : metas) {
        QFile file(dir.filePath(name));
        if (!file.open(QIODevice::ReadOnly))
            continue;
        const QJsonObject meta = QJsonDocument::fromJson(file.readAll()).object();
        Entry entry;
        entry.documentPath = meta.value(QStringLiteral("document")).toString();
        entry.saved = QDateTime::fromString(meta.value(QStringLiteral("saved")).toString(),
                                            Qt::ISODateWithMs);
        entry.pid = meta.value(QStringLiteral("pid")).toInteger();
        entry.copyPath = dir.filePath(name.chopped(5) + QStringLiteral(".yml"));
        if (QFile::exists(entry.copyPath))
            result.append(entry);
    }
    return result;
}

QList<RecoveryStore::Entry> RecoveryStore::orphans() const
{
    QList<Entry> result;
    for (const Entry &entry : entries()) {
        if (!processAlive(entry.pid))
            result.append(entry);
    }
    return result;
}

QString RecoveryStore::load(const Entry &entry)
{
    QFile file(entry.copyPath);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(file.readAll());
}

void RecoveryStore::remove(const Entry &entry)
{
    QFile::remove(entry.copyPath);
    QFile::remove(entry.copyPath.chopped(4) + QStringLiteral(".json"));
}
