#include "mainwindow.h"
#include "themeicon.h"

#include "clientpanel.h"
#include "colorscheme.h"
#include "exportdialog.h"
#include "findbar.h"
#include "mocksyntaxdialog.h"
#include "serversettingsdialog.h"
#include "settings.h"
#include "shortcutsdialog.h"
#include "trafficlog.h"
#include "trafficpanel.h"
#include "tryitpanel.h"
#include "yamleditor.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QCloseEvent>
#include <QDockWidget>
#include <QFile>
#include <QFileDialog>
#include <QActionGroup>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileInfo>
#include <QMimeData>
#include <QUrl>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeySequence>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QSpinBox>
#include <QScreen>
#include <QSplitter>
#include <QStatusBar>
#include <QStyle>
#include <QTextBlock>
#include <QTextCursor>
#include <QTimer>
#include <QToolBar>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <algorithm>
#include <memory>

namespace {
QString exampleText()
{
    QFile file(QStringLiteral(":/examples/mocks.yml"));
    return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
}
} // namespace

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
    , m_server(new MockServer(this))
    , m_traffic(new TrafficLog(this))
    , m_document(new SpecDocument(this))
{
    setObjectName(QStringLiteral("MainWindow"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/mocket.svg")));
    setAcceptDrops(true);
    m_colorScheme = new ColorScheme(this);
    m_traffic->attach(m_server);

    createPanels();
    createActions();
    createToolBar();
    createDocks();
    createMenus();

    m_serverStatus = new QLabel(this);
    m_serverStatus->setObjectName(QStringLiteral("serverStatus"));
    m_applyStatus = new QLabel(this);
    statusBar()->addWidget(m_serverStatus, 1);
    statusBar()->addPermanentWidget(m_applyStatus);

    connectPanels();
    connectServer();
    readSettings();
    updateServerStatus();
    updateTitle();
}

void MainWindow::createPanels()
{
    m_editor = new YamlEditor(this);
    m_findBar = new FindBar(this);
    m_findBar->setEditor(m_editor);
    m_editor->viewport()->installEventFilter(this);
    m_findBar->hide();

    m_problems = new QTreeWidget(this);
    m_problems->setObjectName(QStringLiteral("problems"));
    m_problems->setColumnCount(2);
    m_problems->setHeaderLabels({ tr("Line:Col"), tr("Problem") });
    m_problems->setRootIsDecorated(false);
    m_problems->setUniformRowHeights(true);
    m_problems->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_problems->setVerticalScrollBarPolicy(Qt::ScrollBarAsNeeded);

    auto *editorBox = new QWidget(this);
    auto *editorLayout = new QVBoxLayout(editorBox);
    editorLayout->setContentsMargins(0, 0, 0, 0);
    editorLayout->setSpacing(0);
    editorLayout->addWidget(m_editor, 1);
    editorLayout->addWidget(m_findBar);
    editorLayout->addWidget(m_problems);

    m_mocks = new MocksPanel(this);
    auto *central = new QSplitter(Qt::Horizontal, this);
    central->setObjectName(QStringLiteral("centralSplitter"));
    central->addWidget(m_mocks);
    central->addWidget(editorBox);
    central->setStretchFactor(0, 2);
    central->setStretchFactor(1, 3);
    setCentralWidget(central);

    m_trafficPanel = new TrafficPanel(m_traffic, m_server, this);
    m_tryIt = new TryItPanel(this);
    m_client = new ClientPanel(this);
}

// The editor is the document's view: its text and modified state go to the document, and
// every parse goes to the panels.
void MainWindow::connectPanels()
{
    connect(m_editor, &QPlainTextEdit::textChanged, m_document,
            [this] { m_document->setText(m_editor->toPlainText()); });
    connect(m_editor->document(), &QTextDocument::modificationChanged, m_document,
            &SpecDocument::setModified);
    connect(m_document, &SpecDocument::modificationChanged, this, [this](bool modified) {
        m_editor->document()->setModified(modified);
        updateTitle();
    });
    connect(m_document, &SpecDocument::parsed, this, &MainWindow::onParsed);
    const auto goToProblem = [this](QTreeWidgetItem *item) {
        m_editor->goToLine(item->data(0, Qt::UserRole).toInt(),
                           item->data(0, Qt::UserRole + 1).toInt());
    };
    connect(m_problems, &QTreeWidget::itemActivated, this, goToProblem);
    connect(m_problems, &QTreeWidget::itemClicked, this, goToProblem);
    connect(m_mocks, &MocksPanel::editRequested, this, &MainWindow::applyEdit);
    connect(m_trafficPanel, &TrafficPanel::ruleRequested, this, &MainWindow::createRuleFromTraffic);
    connect(m_trafficPanel, &TrafficPanel::mocksRequested, this, &MainWindow::openMocksFromTraffic);
    connect(m_mocks->tree(), &QTreeWidget::itemSelectionChanged, m_client,
            [this] { m_client->setDefaultUrl(clientUrl()); });
    connect(m_mocks, &MocksPanel::lineSelected, this, [this](int line) {
        QTextCursor cursor(m_editor->document()->findBlockByNumber(line - 1));
        m_editor->setTextCursor(cursor);
        m_editor->centerCursor();
    });
}

void MainWindow::connectServer()
{
    connect(m_server, &MockServer::started, this, &MainWindow::updateServerStatus);
    connect(m_server, &MockServer::stopped, this, &MainWindow::updateServerStatus);
    connect(m_server, &MockServer::startFailed, this, [this](const QString &reason) {
        m_startError = reason;
        updateServerStatus();
    });
    connect(m_server, &MockServer::connectionCountChanged, this, &MainWindow::updateServerStatus);
    connect(m_server, &MockServer::specChanged, this, &MainWindow::updateActions);
}

MainWindow::~MainWindow() = default;

// QStatusBar hides its other widgets for a message only when they are visible: given before
// the window shows (the file opened at start), the message waits until it has.
void MainWindow::showStatusMessage(const QString &text, int timeoutMs)
{
    if (isVisible()) {
        statusBar()->showMessage(text, timeoutMs);
        return;
    }
    QTimer::singleShot(0, this, [this, text, timeoutMs] {
        if (isVisible())
            statusBar()->showMessage(text, timeoutMs);
    });
}

void MainWindow::createActions()
{
    createFileActions();
    createServerActions();
    m_findAction = new QAction(themeIcon(QStringLiteral("edit-find")), tr("&Find…"), this);
    m_findAction->setShortcut(QKeySequence::Find);
    connect(m_findAction, &QAction::triggered, m_findBar, &FindBar::activate);
    m_replaceAction = new QAction(tr("R&eplace…"), this);
    m_replaceAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_H));
    connect(m_replaceAction, &QAction::triggered, m_findBar, &FindBar::activateReplace);
}

void MainWindow::createFileActions()
{
    m_newAction = new QAction(themeIcon(QStringLiteral("document-new")), tr("&New"), this);
    m_newAction->setShortcut(QKeySequence::New);
    connect(m_newAction, &QAction::triggered, this, [this] {
        if (maybeSave())
            newDocument();
    });
    m_openAction = new QAction(themeIcon(QStringLiteral("document-open")), tr("&Open…"), this);
    m_openAction->setShortcut(QKeySequence::Open);
    connect(m_openAction, &QAction::triggered, this, [this] {
        if (!maybeSave())
            return;
        const QString path = QFileDialog::getOpenFileName(
            this, tr("Open a config"), QFileInfo(m_document->filePath()).path(),
            tr("YAML files (*.yml *.yaml);;All files (*)"));
        if (!path.isEmpty())
            openFile(path);
    });
    m_saveAction = new QAction(themeIcon(QStringLiteral("document-save")), tr("&Save"), this);
    m_saveAction->setShortcut(QKeySequence::Save);
    connect(m_saveAction, &QAction::triggered, this, &MainWindow::save);
    m_saveAsAction
        = new QAction(themeIcon(QStringLiteral("document-save-as")), tr("Save &As…"), this);
    m_saveAsAction->setShortcut(QKeySequence::SaveAs);
    connect(m_saveAsAction, &QAction::triggered, this, [this] { saveAs(); });
    m_exportAction
        = new QAction(themeIcon(QStringLiteral("document-export")), tr("&Export for CI…"), this);
    m_exportAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E));
    connect(m_exportAction, &QAction::triggered, this, &MainWindow::exportForCi);
}

void MainWindow::createServerActions()
{
    m_startAction
        = new QAction(themeIcon(QStringLiteral("media-playback-start")), tr("S&tart"), this);
    m_startAction->setShortcut(QKeySequence(Qt::Key_F5));
    m_startAction->setToolTip(tr("Start serving this config (F5)"));
    connect(m_startAction, &QAction::triggered, this, &MainWindow::startServer);
    m_stopAction = new QAction(themeIcon(QStringLiteral("media-playback-stop")), tr("Sto&p"), this);
    m_stopAction->setShortcut(QKeySequence(Qt::SHIFT | Qt::Key_F5));
    m_stopAction->setToolTip(tr("Stop the server; clients are closed with 1001 (Shift+F5)"));
    connect(m_stopAction, &QAction::triggered, this, &MainWindow::stopServer);
    m_applyAction = new QAction(themeIcon(QStringLiteral("view-refresh")), tr("&Apply"), this);
    m_applyAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return));
    m_applyAction->setToolTip(
        tr("Serve the edited config without dropping open connections (Ctrl+Enter)"));
    connect(m_applyAction, &QAction::triggered, this, &MainWindow::applyToServer);
}

void MainWindow::createToolBar()
{
    QToolBar *bar = addToolBar(tr("Main"));
    bar->setObjectName(QStringLiteral("mainToolBar"));
    bar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    bar->addAction(m_newAction);
    bar->addAction(m_openAction);
    bar->addAction(m_saveAction);
    bar->addSeparator();
    bar->addWidget(new QLabel(tr(" Host "), bar));
    m_host = new QLineEdit(ServerOptions().host, bar);
    m_host->setMaximumWidth(120);
    m_host->setToolTip(tr("Address to listen on; 0.0.0.0 lets other machines connect"));
    bar->addWidget(m_host);
    bar->addWidget(new QLabel(tr(" Port "), bar));
    m_port = new QSpinBox(bar);
    m_port->setRange(0, 65535);
    m_port->setValue(ServerOptions().port);
    m_port->setToolTip(tr("0 picks a free port"));
    bar->addWidget(m_port);
    bar->addAction(m_startAction);
    bar->addAction(m_stopAction);
    bar->addSeparator();
    bar->addAction(m_applyAction);
    m_autoApply = new QCheckBox(tr("Auto-apply"), bar);
    m_autoApply->setToolTip(tr("Apply every valid edit to the running server as you type"));
    bar->addWidget(m_autoApply);
    bar->addSeparator();
    bar->addAction(m_exportAction);
    connect(m_autoApply, &QCheckBox::toggled, this, [this](bool on) {
        if (on)
            applyToServer();
    });
}

void MainWindow::createDocks()
{
    setDockNestingEnabled(true);
    auto *traffic = new QDockWidget(tr("Traffic"), this);
    traffic->setObjectName(QStringLiteral("trafficDock"));
    traffic->setWidget(m_trafficPanel);
    addDockWidget(Qt::BottomDockWidgetArea, traffic);
    auto *tryIt = new QDockWidget(tr("Try it"), this);
    tryIt->setObjectName(QStringLiteral("tryItDock"));
    tryIt->setWidget(m_tryIt);
    addDockWidget(Qt::RightDockWidgetArea, tryIt);
    auto *client = new QDockWidget(tr("Client"), this);
    client->setObjectName(QStringLiteral("clientDock"));
    client->setWidget(m_client);
    tabifyDockWidget(tryIt, client);
    tryIt->raise();
}

void MainWindow::createMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addAction(m_newAction);
    file->addAction(m_openAction);
    m_recentMenu = file->addMenu(tr("Open &Recent"));
    file->addAction(tr("Open the E&xample"), this, [this] {
        if (maybeSave())
            openExample();
    });
    file->addSeparator();
    file->addAction(m_saveAction);
    file->addAction(m_saveAsAction);
    file->addAction(m_exportAction);
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);

    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
    QAction *undo = edit->addAction(tr("&Undo"), m_editor, &QPlainTextEdit::undo);
    undo->setShortcut(QKeySequence::Undo);
    undo->setShortcutContext(Qt::WidgetShortcut); // the editor handles its own key
    QAction *redo = edit->addAction(tr("&Redo"), m_editor, &QPlainTextEdit::redo);
    redo->setShortcut(QKeySequence::Redo);
    redo->setShortcutContext(Qt::WidgetShortcut);
    connect(m_editor, &QPlainTextEdit::undoAvailable, undo, &QAction::setEnabled);
    connect(m_editor, &QPlainTextEdit::redoAvailable, redo, &QAction::setEnabled);
    undo->setEnabled(false);
    redo->setEnabled(false);
    edit->addSeparator();
    edit->addAction(m_findAction);
    edit->addAction(m_replaceAction);

    QMenu *server = menuBar()->addMenu(tr("&Server"));
    server->addAction(m_startAction);
    server->addAction(m_stopAction);
    server->addAction(m_applyAction);
    server->addSeparator();
    server->addAction(tr("Server &Settings…"), this, &MainWindow::editServerSettings);
    server->addSeparator();
    server
        ->addAction(themeIcon(QStringLiteral("media-record")), tr("&Record from a server…"), this,
                    &MainWindow::recordFromServer)
        ->setToolTip(tr("Relay your app to a real server and record what they say, to save "
                        "or to make mocks of"));

    m_viewMenu = menuBar()->addMenu(tr("&View"));
    for (QDockWidget *dock : findChildren<QDockWidget *>())
        m_viewMenu->addAction(dock->toggleViewAction());

    createAppearanceMenu();
    createHelpMenu();
}

void MainWindow::createAppearanceMenu()
{
    m_viewMenu->addSeparator();
    QMenu *appearance = m_viewMenu->addMenu(tr("A&ppearance"));
    auto *group = new QActionGroup(appearance);
    const QList<std::pair<QString, ColorScheme::Choice>> choices {
        { tr("Follow the &System"), ColorScheme::Choice::System },
        { tr("&Light"), ColorScheme::Choice::Light },
        { tr("&Dark"), ColorScheme::Choice::Dark },
    };
    const auto saved = ColorScheme::Choice(Settings().colorScheme());
    for (const auto &[text, choice] : choices) {
        QAction *action = appearance->addAction(text);
        action->setCheckable(true);
        action->setChecked(choice == saved);
        group->addAction(action);
        connect(action, &QAction::triggered, this, [this, choice = choice] {
            m_colorScheme->setChoice(choice);
            Settings().setColorScheme(int(choice));
        });
    }
    m_colorScheme->setChoice(saved);
}

void MainWindow::createHelpMenu()
{
    QMenu *help = menuBar()->addMenu(tr("&Help"));
    QAction *syntax = help->addAction(tr("&Mock Syntax"), this, &MainWindow::showMockSyntax);
    syntax->setShortcut(QKeySequence::HelpContents);
    help->addAction(tr("&Keyboard Shortcuts"), this, &MainWindow::showShortcuts);
    help->addSeparator();
    help->addAction(tr("&About Mocket"), this, [this] {
        QMessageBox::about(this, tr("About Mocket"),
                           tr("<h3>Mocket %1</h3><p>A workbench for mocking WebSocket servers: "
                              "author mocks in Moclojer's YAML format, serve them, and watch every "
                              "frame.</p><p>Headless: <code>mocket-cli serve mocks.yml</code></p>")
                               .arg(QStringLiteral(MOCKET_VERSION)));
    });
}

void MainWindow::showMockSyntax()
{
    auto *dialog = findChild<MockSyntaxDialog *>();
    if (!dialog) {
        dialog = new MockSyntaxDialog(this);
        dialog->setModal(false);
    }
    dialog->show();
    dialog->raise();
    dialog->activateWindow();
}

void MainWindow::showShortcuts()
{
    auto *dialog = new ShortcutsDialog(this, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->show();
}

void MainWindow::editServerSettings()
{
    ServerOptions options = Settings().serverOptions();
    options.setHost(m_host->text().trimmed()); // for the control API's URL; not kept
    options.port = quint16(m_port->value());
    ServerSettingsDialog dialog(options, this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    Settings().setServerOptions(dialog.options());
    if (m_server->isListening())
        showStatusMessage(tr("Server settings take effect at the next start."), 6000);
}

// The first start: 1280x820, or the screen's free area where that is smaller (a 1280x800
// screen with a panel), so nothing starts off-screen.
void MainWindow::fitDefaultSize()
{
    QSize size(1280, 820);
    if (const QScreen *screen = this->screen()) {
        const QRect available = screen->availableGeometry();
        const QSize frame = frameGeometry().size() - geometry().size();
        size = size.boundedTo(available.size() - frame);
        move(available.topLeft());
    }
    resize(size);
}

void MainWindow::readSettings()
{
    const Settings settings;
    restoreGeometry(settings.windowGeometry());
    if (!settings.hasWindowGeometry())
        fitDefaultSize();
    if (!restoreState(settings.windowState())) {
        // First run: room for the editor, a narrow Try it, a traffic area of useful height
        // (a third of the window, so a 1280x800 screen keeps room for the editor).
        resizeDocks({ findChild<QDockWidget *>(QStringLiteral("tryItDock")) }, { 300 },
                    Qt::Horizontal);
        resizeDocks({ findChild<QDockWidget *>(QStringLiteral("trafficDock")) },
                    { std::clamp(height() / 3, 220, 360) }, Qt::Vertical);
    }
    if (auto *splitter = qobject_cast<QSplitter *>(centralWidget())) {
        if (!splitter->restoreState(settings.splitterState()))
            splitter->setSizes({ 380, 620 });
    }
    m_host->setText(settings.host());
    m_port->setValue(settings.port());
    m_autoApply->setChecked(settings.autoApply());
    m_trafficPanel->setLogCapacity(settings.trafficCapacity());
    m_trafficPanel->restoreSplitterState(settings.trafficSplitterState());
    updateRecentMenu();
}

void MainWindow::writeSettings()
{
    Settings settings;
    settings.setWindowGeometry(saveGeometry());
    settings.setWindowState(saveState());
    if (auto *splitter = qobject_cast<QSplitter *>(centralWidget()))
        settings.setSplitterState(splitter->saveState());
    settings.setTrafficSplitterState(m_trafficPanel->splitterState());
    settings.setHost(m_host->text());
    settings.setPort(m_port->value());
    settings.setAutoApply(m_autoApply->isChecked());
    settings.setTrafficCapacity(m_trafficPanel->logCapacity());
}

void MainWindow::updateTitle()
{
    setWindowTitle(tr("%1[*] — Mocket").arg(m_document->displayName()));
    setWindowModified(isModified());
}

bool MainWindow::isModified() const
{
    return m_document->isModified();
}

void MainWindow::setDocumentText(const QString &text, const QString &path, bool example)
{
    m_editor->setPlainText(text);
    m_editor->document()->setModified(false);
    m_mocks->forgetOutline();
    m_document->reset(text, path, example);
    if (!m_document->outline().endpoints.isEmpty())
        m_mocks->select({ MocksPanel::ItemType::Endpoint, 0, -1 });
    updateTitle();
}

bool MainWindow::openFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        showStatusMessage(tr("Cannot open %1: %2").arg(path, file.errorString()), 8000);
        return false;
    }
    const QString absolute = QFileInfo(path).absoluteFilePath();
    setDocumentText(QString::fromUtf8(file.readAll()), absolute, false);
    addRecentFile(absolute);
    showStatusMessage(tr("Opened %1").arg(absolute), 4000);
    return true;
}

namespace {
QString firstLocalFile(const QMimeData *data)
{
    if (!data || !data->hasUrls())
        return {};
    for (const QUrl &url : data->urls()) {
        if (url.isLocalFile() && QFileInfo(url.toLocalFile()).isFile())
            return url.toLocalFile();
    }
    return {};
}
} // namespace

bool MainWindow::openDropped(const QMimeData *data)
{
    const QString path = firstLocalFile(data);
    if (path.isEmpty() || !maybeSave())
        return false;
    return openFile(path);
}

void MainWindow::dragEnterEvent(QDragEnterEvent *event)
{
    if (!firstLocalFile(event->mimeData()).isEmpty())
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent *event)
{
    if (openDropped(event->mimeData()))
        event->acceptProposedAction();
}

// A file dropped on the editor opens it, rather than pasting its path into the YAML.
bool MainWindow::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_editor->viewport()) {
        if (event->type() == QEvent::DragEnter || event->type() == QEvent::DragMove) {
            auto *drag = static_cast<QDragMoveEvent *>(event);
            if (!firstLocalFile(drag->mimeData()).isEmpty()) {
                drag->acceptProposedAction();
                return true;
            }
        } else if (event->type() == QEvent::Drop) {
            auto *drop = static_cast<QDropEvent *>(event);
            if (!firstLocalFile(drop->mimeData()).isEmpty()) {
                if (openDropped(drop->mimeData()))
                    drop->acceptProposedAction();
                return true;
            }
        }
    }
    return QMainWindow::eventFilter(watched, event);
}

void MainWindow::openExample()
{
    setDocumentText(exampleText(), QString(), true);
}

void MainWindow::openLastOrExample()
{
    const QStringList recent = Settings().recentFiles();
    if (recent.isEmpty() || !QFileInfo::exists(recent.first()) || !openFile(recent.first()))
        openExample();
}

void MainWindow::newDocument()
{
    setDocumentText(
        QStringLiteral("- websocket:\n    path: /ws/new\n    on-connect:\n      response: hello\n"
                       "    on-message:\n      - pattern: ping\n        response: pong\n"),
        QString(), false);
}

QMessageBox *MainWindow::unsavedChangesBox(const QString &name, QWidget *parent)
{
    auto *box
        = new QMessageBox(QMessageBox::Warning, tr("Unsaved changes"),
                          tr("%1 has unsaved changes. Save them?").arg(name),
                          QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, parent);
    box->setDefaultButton(QMessageBox::Save);
    box->button(QMessageBox::Save)->setText(tr("&Save"));
    box->button(QMessageBox::Discard)->setText(tr("&Discard"));
    box->button(QMessageBox::Cancel)->setText(tr("&Cancel"));
    return box;
}

bool MainWindow::maybeSave()
{
    if (!isModified())
        return true;
    const std::unique_ptr<QMessageBox> box(unsavedChangesBox(m_document->displayName(), this));
    const auto answer = QMessageBox::StandardButton(box->exec());
    if (answer == QMessageBox::Save)
        return save();
    if (answer == QMessageBox::Discard) {
        m_document->discardRecovery();
        return true;
    }
    return false;
}

bool MainWindow::save()
{
    if (m_document->filePath().isEmpty() || m_document->isExample())
        return saveAs();
    return writeDocument(m_document->filePath());
}

bool MainWindow::saveAs(const QString &path)
{
    QString target = path;
    if (target.isEmpty()) {
        const QString current = m_document->filePath();
        const QString suggestion = current.isEmpty() ? QStringLiteral("mocks.yml") : current;
        target = QFileDialog::getSaveFileName(this, tr("Save the config"), suggestion,
                                              tr("YAML files (*.yml *.yaml)"));
        if (target.isEmpty())
            return false;
    }
    if (!writeDocument(target))
        return false;
    addRecentFile(m_document->filePath());
    updateTitle();
    return true;
}

// Saves to path, making it the document's file; on failure says why and keeps the text.
bool MainWindow::writeDocument(const QString &path)
{
    QString error;
    const bool saved = path == m_document->filePath() ? m_document->save(&error)
                                                      : m_document->saveAs(path, &error);
    if (!saved) {
        QMessageBox::warning(
            this, tr("Not saved"),
            tr("Cannot save %1: %2\nYour text is still here, unchanged.").arg(path, error));
        return false;
    }
    showStatusMessage(tr("Saved %1").arg(path), 4000);
    return true;
}

void MainWindow::addRecentFile(const QString &path)
{
    Settings().addRecentFile(path);
    updateRecentMenu();
}

void MainWindow::updateRecentMenu()
{
    m_recentMenu->clear();
    const QStringList files = Settings().recentFiles();
    for (const QString &path : files) {
        QAction *action = m_recentMenu->addAction(QFileInfo(path).fileName(), this, [this, path] {
            if (maybeSave())
                openFile(path);
        });
        action->setToolTip(path);
        action->setStatusTip(path);
    }
    m_recentMenu->setEnabled(!files.isEmpty());
}

void MainWindow::validateNow()
{
    m_document->parse();
}

void MainWindow::onParsed()
{
    m_editor->setDiagnostics(m_document->diagnostics());
    showProblems();
    m_mocks->setOutline(m_document->outline());
    if (m_document->isValid()) {
        m_tryIt->setSpec(m_document->lastGoodSpec());
        if (m_autoApply->isChecked() && m_server->isListening())
            applyToServer();
    } else if (m_server->isListening() && m_server->spec()) {
        m_tryIt->setSpec(m_server->spec(), TryItPanel::SpecSource::Served);
    } else {
        m_tryIt->setSpec(m_document->lastGoodSpec(), TryItPanel::SpecSource::LastValid);
    }
    updateActions();
}

QString MainWindow::applyStatusText() const
{
    return m_applyStatus->text();
}

void MainWindow::updateApplyStatus()
{
    if (!m_server->isListening()) {
        m_applyStatus->clear();
        return;
    }
    const Diagnostics &diagnostics = m_document->diagnostics();
    const auto error
        = std::find_if(diagnostics.cbegin(), diagnostics.cend(),
                       [](const Diagnostic &diagnostic) { return diagnostic.isError(); });
    if (error != diagnostics.cend()) {
        m_applyStatus->setText(tr("Not applied, line %1: %2. The server still runs the last good "
                                  "config.")
                                   .arg(error->line)
                                   .arg(error->message));
        m_applyStatus->setToolTip(error->toString());
        m_applyStatus->setStyleSheet(QStringLiteral("color: #b91c1c"));
        return;
    }
    m_applyStatus->setToolTip(QString());
    m_applyStatus->setStyleSheet(QString());
    if (m_server->spec() == m_document->lastGoodSpec())
        m_applyStatus->setText(tr("Applied to the running server"));
    else
        m_applyStatus->setText(tr("Edited: Apply serves these changes"));
}

void MainWindow::showProblems()
{
    m_problems->clear();
    const Diagnostics &diagnostics = m_document->diagnostics();
    const QIcon error = style()->standardIcon(QStyle::SP_MessageBoxCritical);
    const QIcon warning = style()->standardIcon(QStyle::SP_MessageBoxWarning);
    for (const Diagnostic &diagnostic : diagnostics) {
        auto *item = new QTreeWidgetItem(m_problems);
        item->setIcon(0, diagnostic.isError() ? error : warning);
        item->setText(0,
                      diagnostic.line <= 0 ? QString()
                          : diagnostic.column > 0
                          ? QStringLiteral("%1:%2").arg(diagnostic.line).arg(diagnostic.column)
                          : QString::number(diagnostic.line));
        item->setText(1, diagnostic.message);
        item->setToolTip(1, diagnostic.toString());
        item->setData(0, Qt::UserRole, diagnostic.line);
        item->setData(0, Qt::UserRole + 1, diagnostic.column);
    }
    const int errors = countErrors(diagnostics);
    const int warnings = int(diagnostics.size()) - errors;
    m_problems->setHeaderLabels({ tr("Line:Col"),
                                  diagnostics.isEmpty()
                                      ? tr("No problems")
                                      : tr("%n error(s)", nullptr, errors) + QStringLiteral(", ")
                                          + tr("%n warning(s)", nullptr, warnings) });
    fitProblemsHeight();
}

// The Problems list takes only the room its rows need (its header alone when there are
// none), up to six rows; the editor keeps the rest.
void MainWindow::fitProblemsHeight()
{
    constexpr int MaxRows = 6;
    const int rows = std::min(m_problems->topLevelItemCount(), MaxRows);
    const int rowHeight = rows > 0 ? m_problems->sizeHintForRow(0) : 0;
    const int height = m_problems->header()->sizeHint().height() + rows * rowHeight
        + 2 * m_problems->frameWidth();
    m_problems->setFixedHeight(height);
}

void MainWindow::applyEdit(const SpecEditFunction &edit, const MocksPanel::Selection &selectAfter)
{
    validateNow(); // the outline must describe the text the edit applies to
    const TextEdit change = edit(m_document->parsedText(), m_document->outline());
    if (change.isNull()) {
        if (!m_document->outline().ok())
            showStatusMessage(tr("That change cannot be made while the YAML has syntax errors."),
                              6000);
        else
            showStatusMessage(
                tr("The forms cannot make that change safely: this part of the file is "
                   "written in a way they do not edit. Edit it in the YAML editor."),
                10000);
        return;
    }
    // One edit block: a single Undo in the editor takes the whole form edit back.
    QTextCursor cursor(m_editor->document());
    cursor.beginEditBlock();
    cursor.setPosition(int(change.start));
    cursor.setPosition(int(change.end), QTextCursor::KeepAnchor);
    cursor.insertText(change.replacement);
    cursor.endEditBlock();
    validateNow();
    const MocksPanel::Selection before = m_mocks->selection();
    m_mocks->select(selectAfter);
    // A new or moved item: the editor shows it too.
    if (before.type != selectAfter.type || before.endpoint != selectAfter.endpoint
        || before.rule != selectAfter.rule)
        m_mocks->revealSelection();
}

bool MainWindow::applyToServer()
{
    validateNow();
    const MockSpecPtr spec = m_document->lastGoodSpec();
    if (!spec || hasErrors(m_document->diagnostics())) {
        m_applyStatus->setText(
            tr("Not applied: fix the problems first; the server keeps the last good config"));
        m_applyStatus->setStyleSheet(QStringLiteral("color: #b91c1c"));
        return false;
    }
    m_server->setSpec(spec);
    updateActions();
    return true;
}

void MainWindow::setAutoApply(bool on)
{
    m_autoApply->setChecked(on);
}

void MainWindow::setListenAddress(const QString &host, quint16 port)
{
    m_host->setText(host);
    m_port->setValue(port);
}

bool MainWindow::startServer()
{
    if (m_server->isListening())
        return true;
    validateNow();
    m_startError.clear();
    if (!m_document->lastGoodSpec()) {
        failStart(tr("Cannot start: the config has errors (see Problems)."));
        return false;
    }
    ServerOptions options;
    if (!serverOptions(&options))
        return false;
    QString error;
    if (!m_server->applyOptions(options, &error)) {
        failStart(tr("Cannot start: %1").arg(error));
        return false;
    }
    m_server->setSpec(m_document->lastGoodSpec());
    m_served = options;
    return m_server->start(options.address, options.port);
}

bool MainWindow::serverOptions(ServerOptions *options)
{
    *options = Settings().serverOptions();
    const QString host = m_host->text().trimmed();
    if (!options->setHost(host)) {
        failStart(
            tr("Cannot start: '%1' is not an IP address (try 127.0.0.1 or 0.0.0.0).").arg(host));
        return false;
    }
    options->port = quint16(m_port->value());
    return true;
}

void MainWindow::failStart(const QString &reason)
{
    m_startError = reason;
    updateServerStatus();
}

void MainWindow::stopServer()
{
    m_server->stop();
    updateServerStatus();
}

QString MainWindow::serverStatusText() const
{
    return m_serverStatus->text();
}

void MainWindow::updateServerStatus()
{
    QString text;
    QString style;
    if (m_server->isListening()) {
        text = listeningText();
        style = QStringLiteral("color: #15803d");
    } else if (m_server->isStopping()) {
        text = tr("Stopping…");
    } else if (!m_startError.isEmpty()) {
        text = m_startError;
        style = QStringLiteral("color: #b91c1c");
    } else {
        text = tr("Stopped");
    }
    m_serverStatus->setText(text);
    m_serverStatus->setStyleSheet(style);
    updateActions();
}

QString MainWindow::listeningText() const
{
    const int connections = m_server->connectionCount();
    // "no connections" rather than a count of 0, which some languages word as singular.
    QString text
        = (connections == 0 ? tr("Listening on %1 · no connections")
                            : tr("Listening on %1 · %n connection(s)", nullptr, connections))
              .arg(m_served.urlOf(*m_server));
    if (isAllInterfaces(m_server->serverAddress()))
        text += QStringLiteral(" · ") + tr("reachable from other machines");
    if (m_served.control)
        text += QStringLiteral(" · ")
            + tr("control API at %1/__mocket/")
                  .arg(m_served.urlOf(*m_server, ServerOptions::Scheme::Http));
    return text;
}

void MainWindow::updateActions()
{
    updateApplyStatus();
    const bool listening = m_server->isListening();
    m_startAction->setEnabled(!listening);
    m_stopAction->setEnabled(listening);
    m_host->setEnabled(!listening);
    m_port->setEnabled(!listening);
    m_client->setDefaultUrl(clientUrl());
    const MockSpecPtr spec = m_document->lastGoodSpec();
    m_applyAction->setEnabled(listening && spec && m_server->spec() != spec);
}

QString MainWindow::clientUrl() const
{
    const bool listening = m_server->isListening();
    const QHostAddress address
        = listening ? m_server->serverAddress() : QHostAddress(m_host->text().trimmed());
    QUrl url;
    url.setScheme(listening && m_server->isSecure() ? QStringLiteral("wss") : QStringLiteral("ws"));
    if (isAllInterfaces(address))
        url.setHost(address.protocol() == QAbstractSocket::IPv6Protocol
                        ? QStringLiteral("::1")
                        : QStringLiteral("127.0.0.1"));
    else
        url.setHost(listening ? m_served.host : m_host->text().trimmed());
    url.setPort(listening ? m_server->serverPort() : m_port->value());
    const QList<EndpointOutline> &endpoints = m_document->outline().endpoints;
    const MocksPanel::Selection selection = m_mocks->selection();
    const bool websocket = selection.type != MocksPanel::ItemType::None
        && selection.type != MocksPanel::ItemType::Http;
    if (websocket && selection.endpoint >= 0 && selection.endpoint < endpoints.size())
        url.setPath(endpoints.at(selection.endpoint).pathValue);
    else if (!endpoints.isEmpty())
        url.setPath(endpoints.first().pathValue);
    return url.toString();
}

void MainWindow::exportForCi()
{
    validateNow();
    if (hasErrors(m_document->diagnostics())
        && QMessageBox::question(
               this, tr("Export a config with errors?"),
               tr("The config has errors; mocket-cli will refuse to serve it. Export anyway?"))
            != QMessageBox::Yes)
        return;
    const QString path = m_document->filePath();
    const QString suggestion
        = path.isEmpty() ? QDir::home().filePath(QStringLiteral("mocks.yml")) : path;
    ExportDialog dialog(m_document->text(), suggestion, m_host->text().trimmed(),
                        quint16(m_port->value()), this);
    if (!m_document->isExample())
        dialog.setOpenFilePath(path);
    Settings settings;
    const CiExport choices = settings.ciExport();
    dialog.setTestCommand(choices.testCommand);
    dialog.setSource(choices.source);
    dialog.setImage(choices.image);
    dialog.setPackageUrl(choices.packageUrl);
    if (dialog.exec() != QDialog::Accepted)
        return;
    settings.setCiExport(dialog.snippets());
    // Exported onto the open file: that is saving it.
    if (dialog.isTargetTheOpenFile()) {
        m_document->setModified(false);
        m_document->discardRecovery();
        updateTitle();
    }
    showStatusMessage(tr("Exported to %1").arg(dialog.targetPath()), 6000);
}

void MainWindow::setRecoveryStore(const RecoveryStore &store)
{
    m_document->setRecoveryStore(store);
}

QList<RecoveryStore::Entry> MainWindow::pendingRecoveries() const
{
    return m_document->pendingRecoveries();
}

bool MainWindow::restoreRecovery(const RecoveryStore::Entry &entry)
{
    const QString text = RecoveryStore::load(entry);
    if (text.isNull())
        return false;
    if (!entry.documentPath.isEmpty() && QFileInfo::exists(entry.documentPath))
        openFile(entry.documentPath);
    else
        setDocumentText(QString(), entry.documentPath, false);
    // Put the recovered text in as an edit, so it counts as unsaved and Undo shows the file.
    QTextCursor cursor(m_editor->document());
    cursor.beginEditBlock();
    cursor.select(QTextCursor::Document);
    cursor.insertText(text);
    cursor.endEditBlock();
    RecoveryStore::remove(entry);
    validateNow();
    m_document->saveRecoveryCopy();
    return true;
}

void MainWindow::offerRecoveries()
{
    const QList<RecoveryStore::Entry> entries = pendingRecoveries();
    for (const RecoveryStore::Entry &entry : entries) {
        const QString name
            = entry.documentPath.isEmpty() ? tr("an unsaved config") : entry.documentPath;
        const auto answer = QMessageBox::question(
            this, tr("Recover unsaved work?"),
            tr("Mocket ended before %1 was saved. Its text from %2 was kept.\nRestore it?")
                .arg(name, QLocale().toString(entry.saved.toLocalTime(), QLocale::ShortFormat)),
            QMessageBox::Yes | QMessageBox::Discard, QMessageBox::Yes);
        if (answer == QMessageBox::Yes) {
            restoreRecovery(entry);
            return; // one document per window
        }
        RecoveryStore::remove(entry);
    }
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (!maybeSave()) {
        event->ignore();
        return;
    }
    writeSettings();
    m_document->discardRecovery();
    m_server->stop();
    event->accept();
}
