#pragma once

#include "mainwindow.h"
#include "trafficlog.h"

#include <QObject>
#include <QStringList>
#include <QTemporaryDir>

#include <memory>

class QTableView;
class TrafficPanel;

// A test of the main window: each test function gets a new window, shown, its recovery copies
// in a temporary folder; after it the window goes without asking to save. A test class
// derives from it and uses m_window and m_dir.
class WindowFixture : public QObject
{
    Q_OBJECT

protected:
    QTemporaryDir m_dir;
    std::unique_ptr<MainWindow> m_window;

    // Writes config to mocks.yml, opens it and serves it on 127.0.0.1 at a free port; the
    // ws:// base URL, or empty when it could not.
    QString openAndStart(const QByteArray &config);

private slots:
    void init();
    void cleanup();
};

// The row of the messages view showing the first event of this kind whose full payload is
// payload; -1 when none.
int rowOf(QTableView *view, TrafficEvent::Kind kind, const QString &payload);
// Waits (15 s at most) for that message and selects it, as a right click does before its
// context menu shows.
void selectMessage(TrafficPanel *panel, TrafficEvent::Kind kind, const QString &payload);
