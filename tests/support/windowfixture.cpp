#include "windowfixture.h"

#include "testfiles.h"
#include "trafficpanel.h"
#include "yamleditor.h"

#include <QTableView>
#include <QTest>

QString WindowFixture::openAndStart(const QByteArray &config)
{
    const QString path = m_dir.filePath(QStringLiteral("mocks.yml"));
    writeFile(path, config);
    if (!m_window->openFile(path))
        return {};
    m_window->setListenAddress(QStringLiteral("127.0.0.1"), 0);
    if (!m_window->startServer())
        return {};
    return QStringLiteral("ws://127.0.0.1:%1").arg(m_window->server()->serverPort());
}

void WindowFixture::init()
{
    QVERIFY(m_dir.isValid());
    m_window = std::make_unique<MainWindow>();
    m_window->setRecoveryStore(RecoveryStore(m_dir.filePath(QStringLiteral("recovery"))));
    m_window->show();
}

void WindowFixture::cleanup()
{
    m_window->editor()->document()->setModified(false);
    m_window.reset();
}

int rowOf(QTableView *view, TrafficEvent::Kind kind, const QString &payload)
{
    QAbstractItemModel *model = view->model();
    for (int row = 0; row < model->rowCount(); ++row) {
        const QModelIndex index = model->index(row, MessageLogModel::Payload);
        if (index.data(MessageLogModel::EventKindRole).toInt() == int(kind)
            && index.data(MessageLogModel::FullPayloadRole).toString() == payload)
            return row;
    }
    return -1;
}

void selectMessage(TrafficPanel *panel, TrafficEvent::Kind kind, const QString &payload)
{
    constexpr int Wait = 15000; // ms: the tests share a loaded machine
    QTableView *view = panel->messagesView();
    int row = -1;
    QTRY_VERIFY_WITH_TIMEOUT((row = rowOf(view, kind, payload)) >= 0, Wait);
    view->selectRow(row);
}
