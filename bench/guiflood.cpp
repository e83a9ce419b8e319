// The workbench under a flood: drives N messages/s through a real MainWindow (serving the
// bundled example) for D seconds from client sockets in a second thread, and measures the
// GUI event loop's longest stall (how late a 10 ms timer fires), memory over time, and
// whether the views still show the newest message.
//
//   bench-guiflood [--rate 20000] [--seconds 10] [--connections 20] [--capacity 50000]
// Run under Xvfb (xvfb-run) or with QT_QPA_PLATFORM=offscreen.

#include "mainwindow.h"
#include "trafficlog.h"
#include "trafficpanel.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDateTime>
#include <QEventLoop>
#include <QElapsedTimer>
#include <QFile>
#include <QTableView>
#include <QThread>
#include <QTimer>
#include <QWebSocket>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <memory>
#include <vector>

namespace {

long rssKiB()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return 0;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').first().toLong();
    }
    return 0;
}

// Lives in the load thread: paced "ping" messages over several connections.
class Load : public QObject
{
public:
    Load(QUrl url, int connections, int rate)
        : m_url(std::move(url))
        , m_connections(connections)
        , m_rate(rate)
    { }

    std::atomic<qint64> sent { 0 };
    std::atomic<qint64> received { 0 };
    std::atomic<bool> ready { false };

    void start()
    {
        for (int i = 0; i < m_connections; ++i) {
            auto socket = std::make_unique<QWebSocket>();
            connect(socket.get(), &QWebSocket::textMessageReceived, this,
                    [this](const QString &) { ++received; });
            connect(socket.get(), &QWebSocket::connected, this, [this] {
                if (++m_open == m_connections)
                    ready = true;
            });
            socket->open(m_url);
            m_sockets.push_back(std::move(socket));
        }
        m_tick = new QTimer(this); // created here, in the load thread
        m_tick->setTimerType(Qt::PreciseTimer);
        m_tick->setInterval(1);
        connect(m_tick, &QTimer::timeout, this, &Load::tick);
    }
    void go()
    {
        m_clock.start();
        m_tick->start();
    }
    void stop()
    {
        m_tick->stop();
        for (auto &s : m_sockets)
            s->abort();
        m_sockets.clear();
    }

private:
    void tick()
    {
        // Send whatever the schedule says is due by now, round-robin over the connections.
        const qint64 due = m_clock.elapsed() * m_rate / 1000;
        while (sent < due) {
            m_sockets[size_t(m_next++ % m_sockets.size())]->sendTextMessage(QStringLiteral("ping"));
            ++sent;
        }
    }

    QUrl m_url;
    int m_connections;
    int m_rate;
    int m_open = 0;
    quint64 m_next = 0;
    std::vector<std::unique_ptr<QWebSocket>> m_sockets;
    QTimer *m_tick = nullptr;
    QElapsedTimer m_clock;
};

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("MocketBench"));
    QApplication::setApplicationName(QStringLiteral("MocketBench"));
    QCommandLineParser parser;
    parser.addHelpOption();
    const QCommandLineOption rateOption(QStringLiteral("rate"),
                                        QStringLiteral("Messages per second."), QStringLiteral("N"),
                                        QStringLiteral("20000"));
    const QCommandLineOption secondsOption(QStringLiteral("seconds"), QStringLiteral("Duration."),
                                           QStringLiteral("S"), QStringLiteral("10"));
    const QCommandLineOption connectionsOption(QStringLiteral("connections"),
                                               QStringLiteral("Client connections."),
                                               QStringLiteral("N"), QStringLiteral("20"));
    const QCommandLineOption capacityOption(QStringLiteral("capacity"),
                                            QStringLiteral("Log capacity in rows."),
                                            QStringLiteral("N"), QStringLiteral("50000"));
    parser.addOptions({ rateOption, secondsOption, connectionsOption, capacityOption });
    parser.process(app);
    const int rate = parser.value(rateOption).toInt();
    const int seconds = parser.value(secondsOption).toInt();

    MainWindow window;
    window.openExample();
    window.trafficPanel()->setLogCapacity(parser.value(capacityOption).toInt());
    window.setListenAddress(QStringLiteral("127.0.0.1"), 0);
    window.show();
    if (!window.startServer()) {
        std::fprintf(stderr, "cannot start: %s\n", qPrintable(window.serverStatusText()));
        return 1;
    }
    const QUrl url(QStringLiteral("ws://127.0.0.1:%1/ws/echo").arg(window.server()->serverPort()));

    QThread loadThread;
    Load load(url, parser.value(connectionsOption).toInt(), rate);
    load.moveToThread(&loadThread);
    loadThread.start();
    QMetaObject::invokeMethod(&load, [&load] { load.start(); });
    QElapsedTimer wait;
    wait.start();
    while (!load.ready && wait.elapsed() < 10000)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
    if (!load.ready) {
        std::fprintf(stderr, "clients did not connect\n");
        return 1;
    }
    const long rssBefore = rssKiB();

    // The probe: a 10 ms timer; how late each tick comes is how long the loop was busy.
    std::vector<qint64> lateness;
    QElapsedTimer probeClock;
    qint64 lastTick = 0;
    QTimer probe;
    probe.setTimerType(Qt::PreciseTimer);
    probe.setInterval(10);
    QObject::connect(&probe, &QTimer::timeout, [&] {
        const qint64 now = probeClock.nsecsElapsed() / 1000;
        if (lastTick)
            lateness.push_back(std::max<qint64>(0, now - lastTick - 10000));
        lastTick = now;
    });
    std::vector<std::pair<double, long>> memory;
    QTimer sampler;
    sampler.setInterval(1000);
    QElapsedTimer runClock;
    QObject::connect(&sampler, &QTimer::timeout,
                     [&] { memory.emplace_back(runClock.elapsed() / 1000.0, rssKiB()); });

    probeClock.start();
    runClock.start();
    probe.start();
    sampler.start();
    QMetaObject::invokeMethod(&load, [&load] { load.go(); });
    QEventLoop run;
    QTimer::singleShot(seconds * 1000, &run, &QEventLoop::quit);
    run.exec();
    probe.stop();
    sampler.stop();
    // How fresh is the view while the flood goes on? The newest row it shows, against now.
    MessageLogModel *log = window.trafficLog()->messages();
    QTableView *view = window.trafficPanel()->messagesView();
    const int rows = view->model()->rowCount();
    const QModelIndex lastInView = view->model()->index(rows - 1, MessageLogModel::Payload);
    const qint64 viewLagMs = QDateTime::currentMSecsSinceEpoch()
        - lastInView.data(MessageLogModel::TimestampRole).toLongLong();
    const QModelIndex bottom = view->indexAt(QPoint(10, view->viewport()->height() - 5));
    const bool bottomVisible = bottom.isValid() && bottom.row() >= rows - 2;
    const QString lastText = lastInView.data().toString() + QStringLiteral(" / ")
        + lastInView.siblingAtColumn(MessageLogModel::Rule).data().toString();
    const qint64 sent = load.sent;
    const qint64 received = load.received;
    QMetaObject::invokeMethod(
        &load, [&load] { load.stop(); }, Qt::BlockingQueuedConnection);
    loadThread.quit();
    loadThread.wait();

    std::sort(lateness.begin(), lateness.end());
    auto percentile = [&lateness](double p) {
        return lateness.empty() ? 0.0 : lateness[size_t(p * double(lateness.size() - 1))] / 1000.0;
    };
    std::printf("workbench flood: %d msg/s target for %d s over %s\n", rate, seconds,
                qPrintable(parser.value(connectionsOption) + QStringLiteral(" connections")));
    std::printf("  sent %lld, replies %lld (%.0f round trips/s), log rows %d, dropped %lld\n", sent,
                received, double(received) / seconds, log->rowCount(), log->droppedCount());
    std::printf("  event loop stall (10 ms timer lateness): max %.1f ms, p99 %.1f ms, p50 %.2f ms "
                "over %zu ticks\n",
                percentile(1.0), percentile(0.99), percentile(0.5), lateness.size());
    std::printf("  RSS: before %ld KiB", rssBefore);
    for (const auto &[t, kib] : memory)
        std::printf(", %.0fs %ld", t, kib);
    std::printf(" KiB\n");
    std::printf("  newest row in the view at the end: %lld ms old (%s), scrolled to it: %s\n",
                viewLagMs, qPrintable(lastText), bottomVisible ? "yes" : "no");
    return 0;
}
