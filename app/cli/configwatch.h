#pragma once

#include <QElapsedTimer>
#include <QFileSystemWatcher>
#include <QObject>
#include <QString>
#include <QTimer>

// Watches a config file for `serve --watch` and says when it has changed and settled. The name
// may be a symbolic link (or a chain of them): the link's folder, the file it currently names
// and that file's folder are watched, and which file that is is worked out again after every
// change, so a retargeted link, or a link replaced by a plain file, is followed. A change is
// reported only once the file has stayed the same (the file it names, its inode, size and
// modification time to the nanosecond) for SettleMs, so a file written in several chunks is
// read whole; a file that never stops changing is still reported after CapMs.
class ConfigWatch : public QObject
{
    Q_OBJECT

public:
    static constexpr int SettleMs = 500;
    static constexpr int CapMs = 3000;
    static constexpr int PollMs = 100;

    // Starts watching; the file as it is now counts as already seen.
    explicit ConfigWatch(const QString &path, QObject *parent = nullptr);

    // The file has changed since it was last reported and has not settled yet: a load started
    // at that report may have read a state that is already gone. (A change of the folder alone,
    // such as another file made there, is not one.)
    bool hasUnsettledChange() const { return m_poll.isActive() && stamp() != m_reported; }

signals:
    void settled();

private:
    struct Stamp
    {
        QString target; // the file the name leads to, links resolved; empty when none
        qint64 device = 0;
        qint64 inode = 0;
        qint64 size = -1;
        qint64 modifiedNs = 0;
        bool operator==(const Stamp &other) const
        {
            return target == other.target && device == other.device && inode == other.inode
                && size == other.size && modifiedNs == other.modifiedNs;
        }
        bool operator!=(const Stamp &other) const { return !(*this == other); }
    };

    Stamp stamp() const;
    void rewatch();
    void onChange();
    bool noteStamp(); // true when the file has changed since the last look
    void onPoll();

    QString m_path;
    QFileSystemWatcher m_watcher;
    QTimer m_poll;
    QElapsedTimer m_sinceFirstChange;
    QElapsedTimer m_sinceLastChange;
    Stamp m_seen; // at the last poll
    Stamp m_reported; // when settled() was last emitted (or watching started)
};
