#include "configwatch.h"

#include <QDir>
#include <QFileInfo>

#include <sys/stat.h>

namespace {
constexpr int MaxLinkHops = 16;
}

ConfigWatch::ConfigWatch(const QString &path, QObject *parent)
    : QObject(parent)
    , m_path(QFileInfo(path).absoluteFilePath())
{
    m_poll.setInterval(PollMs);
    connect(&m_poll, &QTimer::timeout, this, &ConfigWatch::onPoll);
    connect(&m_watcher, &QFileSystemWatcher::fileChanged, this, &ConfigWatch::onChange);
    connect(&m_watcher, &QFileSystemWatcher::directoryChanged, this, &ConfigWatch::onChange);
    rewatch();
    m_seen = m_reported = stamp();
}

ConfigWatch::Stamp ConfigWatch::stamp() const
{
    Stamp result;
    result.target = QFileInfo(m_path).canonicalFilePath();
    struct stat status = {};
    if (result.target.isEmpty() || ::stat(QFile::encodeName(result.target).constData(), &status))
        return result;
    result.device = qint64(status.st_dev);
    result.inode = qint64(status.st_ino);
    result.size = qint64(status.st_size);
    result.modifiedNs = qint64(status.st_mtim.tv_sec) * 1000000000 + status.st_mtim.tv_nsec;
    return result;
}

// Editors that save by writing a new file and renaming it, and links that are retargeted,
// leave a watch on a file that is no longer the config's: the folders of every link on the
// way are watched, and the file the name now leads to is watched afresh.
void ConfigWatch::rewatch()
{
    QStringList folders;
    QString name = m_path;
    for (int hop = 0; hop < MaxLinkHops; ++hop) {
        const QFileInfo info(name);
        folders.append(info.absolutePath());
        if (!info.isSymLink())
            break;
        name = info.symLinkTarget();
    }
    const QString target = QFileInfo(m_path).canonicalFilePath();
    if (!target.isEmpty())
        folders.append(QFileInfo(target).absolutePath());
    folders.removeDuplicates();

    for (const QString &folder : m_watcher.directories())
        if (!folders.contains(folder))
            m_watcher.removePath(folder);
    for (const QString &folder : std::as_const(folders))
        if (!m_watcher.directories().contains(folder) && QFileInfo(folder).isDir())
            m_watcher.addPath(folder);
    if (const QStringList files = m_watcher.files(); !files.isEmpty())
        m_watcher.removePaths(files);
    if (!target.isEmpty())
        m_watcher.addPath(target);
}

void ConfigWatch::onChange()
{
    rewatch();
    if (!m_poll.isActive()) {
        m_sinceFirstChange.start();
        m_sinceLastChange.start();
        m_poll.start();
    }
    noteStamp();
}

// Only a change of the file itself restarts the settle time, not one of its folder.
bool ConfigWatch::noteStamp()
{
    const Stamp now = stamp();
    if (now == m_seen)
        return false;
    m_seen = now;
    m_sinceLastChange.start();
    return true;
}

void ConfigWatch::onPoll()
{
    if (noteStamp())
        rewatch();
    if (m_sinceLastChange.elapsed() < SettleMs && m_sinceFirstChange.elapsed() < CapMs)
        return;
    m_poll.stop();
    if (m_seen == m_reported)
        return; // the folder changed, not the config (another file made next to it)
    m_reported = m_seen;
    emit settled();
}
