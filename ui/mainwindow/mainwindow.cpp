#include "mainwindow.h"

#include "exportdialog.h"
#include "findbar.h"
#include "serversettingsdialog.h"
#include "specloader.h"
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
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeySequence>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QSaveFile>
#include <QSettings>
#include <QSpinBox>
#include <QSplitter>
#include <QStatusBar>
#include <QStyle>
#include <QTextBlock>
#include <QTextCursor>
#include <QToolBar>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace {
constexpr int MaxRecentFiles = 8;
constexpr int ValidateDelayMs = 300;
constexpr int RecoveryDelayMs = 1000;

QIcon themeIcon(const QString &name)
{
    return QIcon::fromTheme(name, QIcon(QStringLiteral(":/icons/%1.svg").arg(name)));
}

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
{
    setObjectName(QStringLiteral("MainWindow"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/mocket.svg")));
    m_traffic->attach(m_server);

    m_editor = new YamlEditor(this);
    m_findBar = new FindBar(this);
    m_findBar->setEditor(m_editor);
    m_findBar->hide();

    m_problems = new QTreeWidget(this);
    m_problems->setObjectName(QStringLiteral("problems"));
    m_problems->setColumnCount(2);
    m_problems->setHeaderLabels({ tr("Line"), tr("Problem") });
    m_problems->setRootIsDecorated(false);
    m_problems->setUniformRowHeights(true);
    m_problems->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_problems->setMaximumHeight(160);

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

    createActions();
    createToolBar();
    createDocks();
    createMenus();

    m_serverStatus = new QLabel(this);
    m_applyStatus = new QLabel(this);
    statusBar()->addWidget(m_serverStatus, 1);
    statusBar()->addPermanentWidget(m_applyStatus);

    m_validateTimer.setSingleShot(true);
    m_validateTimer.setInterval(ValidateDelayMs);
    connect(&m_validateTimer, &QTimer::timeout, this, &MainWindow::validateNow);
    m_recoveryTimer.setSingleShot(true);
    m_recoveryTimer.setInterval(RecoveryDelayMs);
    connect(&m_recoveryTimer, &QTimer::timeout, this, &MainWindow::saveRecoveryCopy);

    connect(m_editor, &QPlainTextEdit::textChanged, this, &MainWindow::onTextChanged);
    connect(m_editor->document(), &QTextDocument::modificationChanged, this,
            &MainWindow::updateTitle);
    connect(m_problems, &QTreeWidget::itemActivated, this, [this](QTreeWidgetItem *item) {
        m_editor->goToLine(item->data(0, Qt::UserRole).toInt(),
                           item->data(0, Qt::UserRole + 1).toInt());
    });
    connect(m_problems, &QTreeWidget::itemClicked, this, [this](QTreeWidgetItem *item) {
        m_editor->goToLine(item->data(0, Qt::UserRole).toInt(),
                           item->data(0, Qt::UserRole + 1).toInt());
    });
    connect(m_mocks, &MocksPanel::editRequested, this, &MainWindow::applyEdit);
    connect(m_mocks, &MocksPanel::lineSelected, this, [this](int line) {
        QTextCursor cursor(m_editor->document()->findBlockByNumber(line - 1));
        m_editor->setTextCursor(cursor);
        m_editor->centerCursor();
    });

    connect(m_server, &MockServer::started, this, &MainWindow::updateServerStatus);
    connect(m_server, &MockServer::stopped, this, &MainWindow::updateServerStatus);
    connect(m_server, &MockServer::startFailed, this, [this](const QString &reason) {
        m_startError = reason;
        updateServerStatus();
    });
    connect(m_server, &MockServer::connectionCountChanged, this, &MainWindow::updateServerStatus);
    connect(m_server, &MockServer::specChanged, this, &MainWindow::updateActions);

    readSettings();
    updateServerStatus();
    updateTitle();
}

MainWindow::~MainWindow() = default;

void MainWindow::createActions()
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
        const QString path
            = QFileDialog::getOpenFileName(this, tr("Open a config"), QFileInfo(m_filePath).path(),
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
    m_exportAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    connect(m_exportAction, &QAction::triggered, this, &MainWindow::exportForCi);

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
    m_findAction = new QAction(themeIcon(QStringLiteral("edit-find")), tr("&Find…"), this);
    m_findAction->setShortcut(QKeySequence::Find);
    connect(m_findAction, &QAction::triggered, m_findBar, &FindBar::activate);
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
    m_host = new QLineEdit(QStringLiteral("127.0.0.1"), bar);
    m_host->setMaximumWidth(120);
    m_host->setToolTip(tr("Address to listen on; 0.0.0.0 lets other machines connect"));
    bar->addWidget(m_host);
    bar->addWidget(new QLabel(tr(" Port "), bar));
    m_port = new QSpinBox(bar);
    m_port->setRange(0, 65535);
    m_port->setValue(8000);
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
}

void MainWindow::createMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addAction(m_newAction);
    file->addAction(m_openAction);
    m_recentMenu = file->addMenu(tr("Open &Recent"));
    file->addAction(tr("Open the &Example"), this, [this] {
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

    QMenu *server = menuBar()->addMenu(tr("&Server"));
    server->addAction(m_startAction);
    server->addAction(m_stopAction);
    server->addAction(m_applyAction);
    server->addSeparator();
    server->addAction(tr("Server &Settings…"), this, [this] {
        ServerSettingsDialog dialog(ServerSettings::load(), this);
        if (dialog.exec() == QDialog::Accepted) {
            dialog.settings().save();
            if (m_server->isListening())
                statusBar()->showMessage(tr("Server settings take effect at the next start."),
                                         6000);
        }
    });

    m_viewMenu = menuBar()->addMenu(tr("&View"));
    for (QDockWidget *dock : findChildren<QDockWidget *>())
        m_viewMenu->addAction(dock->toggleViewAction());

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About Mocket"), this, [this] {
        QMessageBox::about(this, tr("About Mocket"),
                           tr("<h3>Mocket %1</h3><p>A workbench for mocking WebSocket servers: "
                              "author mocks in Moclojer's YAML format, serve them, and watch every "
                              "frame.</p><p>Headless: <code>mocket-cli serve mocks.yml</code></p>")
                               .arg(QStringLiteral(MOCKET_VERSION)));
    });
}

void MainWindow::readSettings()
{
    QSettings settings;
    restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray());
    if (!settings.contains(QStringLiteral("window/geometry")))
        resize(1280, 820);
    if (!restoreState(settings.value(QStringLiteral("window/state")).toByteArray())) {
        // First run: room for the editor, a narrow Try it, a traffic area of useful height.
        resizeDocks({ findChild<QDockWidget *>(QStringLiteral("tryItDock")) }, { 300 },
                    Qt::Horizontal);
        resizeDocks({ findChild<QDockWidget *>(QStringLiteral("trafficDock")) }, { 320 },
                    Qt::Vertical);
    }
    if (auto *splitter = qobject_cast<QSplitter *>(centralWidget())) {
        if (!splitter->restoreState(
                settings.value(QStringLiteral("window/splitter")).toByteArray()))
            splitter->setSizes({ 380, 620 });
    }
    m_host->setText(
        settings.value(QStringLiteral("server/host"), QStringLiteral("127.0.0.1")).toString());
    m_port->setValue(settings.value(QStringLiteral("server/port"), 8000).toInt());
    m_autoApply->setChecked(settings.value(QStringLiteral("server/autoApply"), false).toBool());
    m_trafficPanel->setLogCapacity(
        settings.value(QStringLiteral("traffic/capacity"), MessageLogModel::DefaultCapacity)
            .toInt());
    updateRecentMenu();
}

void MainWindow::writeSettings()
{
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/state"), saveState());
    if (auto *splitter = qobject_cast<QSplitter *>(centralWidget()))
        settings.setValue(QStringLiteral("window/splitter"), splitter->saveState());
    settings.setValue(QStringLiteral("server/host"), m_host->text());
    settings.setValue(QStringLiteral("server/port"), m_port->value());
    settings.setValue(QStringLiteral("server/autoApply"), m_autoApply->isChecked());
    settings.setValue(QStringLiteral("traffic/capacity"), m_trafficPanel->logCapacity());
}

QString MainWindow::displayName() const
{
    if (m_isExample)
        return tr("example.yml");
    if (m_filePath.isEmpty())
        return tr("untitled.yml");
    return QFileInfo(m_filePath).fileName();
}

void MainWindow::updateTitle()
{
    setWindowTitle(tr("%1[*] — Mocket").arg(displayName()));
    setWindowModified(isModified());
}

bool MainWindow::isModified() const
{
    return m_editor->document()->isModified();
}

void MainWindow::setDocumentText(const QString &text, const QString &path, bool example)
{
    if (!m_filePath.isEmpty() || m_isExample)
        m_recovery.discard(m_filePath);
    m_filePath = path;
    m_isExample = example;
    m_editor->setPlainText(text);
    m_editor->document()->setModified(false);
    m_recovery.discard(m_filePath);
    m_lastGood.reset();
    validateNow();
    if (!m_outline.endpoints.isEmpty())
        m_mocks->select({ MocksPanel::ItemType::Endpoint, 0, -1 });
    updateTitle();
}

bool MainWindow::openFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        statusBar()->showMessage(tr("Cannot open %1: %2").arg(path, file.errorString()), 8000);
        return false;
    }
    const QString absolute = QFileInfo(path).absoluteFilePath();
    setDocumentText(QString::fromUtf8(file.readAll()), absolute, false);
    addRecentFile(absolute);
    statusBar()->showMessage(tr("Opened %1").arg(absolute), 4000);
    return true;
}

void MainWindow::openExample()
{
    setDocumentText(exampleText(), QString(), true);
}

void MainWindow::newDocument()
{
    setDocumentText(
        QStringLiteral("- websocket:\n    path: /ws/new\n    on-connect:\n      response: hello\n"
                       "    on-message:\n      - pattern: ping\n        response: pong\n"),
        QString(), false);
}

bool MainWindow::maybeSave()
{
    if (!isModified())
        return true;
    const auto answer = QMessageBox::warning(
        this, tr("Unsaved changes"), tr("%1 has unsaved changes. Save them?").arg(displayName()),
        QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
    if (answer == QMessageBox::Save)
        return save();
    if (answer == QMessageBox::Discard) {
        m_recovery.discard(m_filePath);
        return true;
    }
    return false;
}

bool MainWindow::save()
{
    if (m_filePath.isEmpty() || m_isExample)
        return saveAs();
    return writeDocument(m_filePath);
}

bool MainWindow::saveAs(const QString &path)
{
    QString target = path;
    if (target.isEmpty()) {
        const QString suggestion = m_filePath.isEmpty() ? QStringLiteral("mocks.yml") : m_filePath;
        target = QFileDialog::getSaveFileName(this, tr("Save the config"), suggestion,
                                              tr("YAML files (*.yml *.yaml)"));
        if (target.isEmpty())
            return false;
    }
    const QString old = m_filePath;
    if (!writeDocument(target))
        return false;
    m_recovery.discard(old);
    m_filePath = QFileInfo(target).absoluteFilePath();
    m_isExample = false;
    addRecentFile(m_filePath);
    updateTitle();
    return true;
}

bool MainWindow::writeDocument(const QString &path)
{
    // QSaveFile writes a temporary file and renames it over the target: a crash or a full
    // disk mid-save never leaves a half-written config.
    QSaveFile file(path);
    const QByteArray data = m_editor->toPlainText().toUtf8();
    if (!file.open(QIODevice::WriteOnly) || file.write(data) != data.size() || !file.commit()) {
        QMessageBox::warning(this, tr("Not saved"),
                             tr("Cannot save %1: %2\nYour text is still here, unchanged.")
                                 .arg(path, file.errorString()));
        return false;
    }
    m_editor->document()->setModified(false);
    m_recovery.discard(m_filePath);
    statusBar()->showMessage(tr("Saved %1").arg(path), 4000);
    return true;
}

void MainWindow::addRecentFile(const QString &path)
{
    QSettings settings;
    QStringList files = settings.value(QStringLiteral("recentFiles")).toStringList();
    files.removeAll(path);
    files.prepend(path);
    while (files.size() > MaxRecentFiles)
        files.removeLast();
    settings.setValue(QStringLiteral("recentFiles"), files);
    updateRecentMenu();
}

void MainWindow::updateRecentMenu()
{
    m_recentMenu->clear();
    const QStringList files = QSettings().value(QStringLiteral("recentFiles")).toStringList();
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

void MainWindow::onTextChanged()
{
    m_validateTimer.start();
    if (isModified())
        m_recoveryTimer.start();
}

void MainWindow::saveRecoveryCopy()
{
    if (isModified())
        m_recovery.save(m_filePath, m_editor->toPlainText());
}

void MainWindow::validateNow()
{
    m_validateTimer.stop();
    const QString text = m_editor->toPlainText();
    if (text == m_outlineText && !m_outlineText.isNull())
        return;
    m_outlineText = text;
    const LoadResult result = SpecLoader::loadText(text, displayName());
    m_diagnostics = result.diagnostics;
    m_editor->setDiagnostics(m_diagnostics);
    showProblems();
    m_outline = SpecOutline::parse(text);
    m_mocks->setOutline(m_outline);
    if (result.ok()) {
        m_lastGood = result.spec;
        m_tryIt->setSpec(m_lastGood);
        if (m_autoApply->isChecked() && m_server->isListening())
            applyToServer();
    } else {
        m_tryIt->setSpec(nullptr);
    }
    updateActions();
}

void MainWindow::showProblems()
{
    m_problems->clear();
    const QIcon error = style()->standardIcon(QStyle::SP_MessageBoxCritical);
    const QIcon warning = style()->standardIcon(QStyle::SP_MessageBoxWarning);
    for (const Diagnostic &d : std::as_const(m_diagnostics)) {
        auto *item = new QTreeWidgetItem(m_problems);
        item->setIcon(0, d.isError() ? error : warning);
        item->setText(0, d.line > 0 ? QString::number(d.line) : QString());
        item->setText(1, d.message);
        item->setToolTip(1, d.toString());
        item->setData(0, Qt::UserRole, d.line);
        item->setData(0, Qt::UserRole + 1, d.column);
    }
    const int errors = countErrors(m_diagnostics);
    const int warnings = int(m_diagnostics.size()) - errors;
    m_problems->setHeaderLabels({ tr("Line"),
                                  m_diagnostics.isEmpty()
                                      ? tr("No problems")
                                      : tr("%n error(s)", nullptr, errors) + QStringLiteral(", ")
                                          + tr("%n warning(s)", nullptr, warnings) });
}

void MainWindow::applyEdit(const SpecEditFunction &edit, const MocksPanel::Selection &selectAfter)
{
    if (m_editor->toPlainText() != m_outlineText)
        validateNow(); // the outline must describe the text the edit applies to
    const TextEdit change = edit(m_outlineText, m_outline);
    if (change.isNull()) {
        if (!m_outline.ok())
            statusBar()->showMessage(
                tr("That change cannot be made while the YAML has syntax errors."), 6000);
        else
            statusBar()->showMessage(
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
    m_mocks->select(selectAfter);
}

bool MainWindow::applyToServer()
{
    validateNow();
    if (!m_lastGood || hasErrors(m_diagnostics)) {
        m_applyStatus->setText(
            tr("Not applied: fix the problems first; the server keeps the last good config"));
        m_applyStatus->setStyleSheet(QStringLiteral("color: #b91c1c"));
        return false;
    }
    m_server->setSpec(m_lastGood);
    m_applyStatus->setText(m_server->isListening() ? tr("Applied to the running server")
                                                   : QString());
    m_applyStatus->setStyleSheet(QString());
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
    if (!m_lastGood) {
        m_startError = tr("Cannot start: the config has errors (see Problems).");
        updateServerStatus();
        return false;
    }
    QString host = m_host->text().trimmed();
    QHostAddress address;
    if (host.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0)
        address = QHostAddress::LocalHost;
    else if (!address.setAddress(host)) {
        m_startError
            = tr("Cannot start: '%1' is not an IP address (try 127.0.0.1 or 0.0.0.0).").arg(host);
        updateServerStatus();
        return false;
    }
    const ServerSettings settings = ServerSettings::load();
    QSslConfiguration tls;
    QString tlsError;
    if (!settings.tlsConfiguration(&tls, &tlsError)) {
        m_startError = tr("Cannot start: %1").arg(tlsError);
        updateServerStatus();
        return false;
    }
    m_server->setTlsConfiguration(tls);
    m_server->setMaxConnections(settings.maxConnections);
    m_server->setMaxMessageSize(settings.maxMessageSize);
    m_server->setAllowedOrigins(settings.allowedOrigins);
    m_server->setSpec(m_lastGood);
    return m_server->start(address, quint16(m_port->value()));
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
        QString host = m_host->text().trimmed();
        if (host.contains(QLatin1Char(':')))
            host = QLatin1Char('[') + host + QLatin1Char(']');
        text
            = tr("Listening on %1://%2:%3 · %n connection(s)", nullptr, m_server->connectionCount())
                  .arg(m_server->isSecure() ? QStringLiteral("wss") : QStringLiteral("ws"), host)
                  .arg(m_server->serverPort());
        style = QStringLiteral("color: #15803d");
        const QHostAddress address = m_server->serverAddress();
        if (address == QHostAddress::AnyIPv4 || address == QHostAddress::AnyIPv6
            || address == QHostAddress::Any)
            text += QStringLiteral(" · ") + tr("reachable from other machines");
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

void MainWindow::updateActions()
{
    const bool listening = m_server->isListening();
    m_startAction->setEnabled(!listening);
    m_stopAction->setEnabled(listening);
    m_host->setEnabled(!listening);
    m_port->setEnabled(!listening);
    m_applyAction->setEnabled(listening && m_lastGood && m_server->spec() != m_lastGood);
}

void MainWindow::exportForCi()
{
    validateNow();
    if (hasErrors(m_diagnostics)
        && QMessageBox::question(
               this, tr("Export a config with errors?"),
               tr("The config has errors; mocket-cli will refuse to serve it. Export anyway?"))
            != QMessageBox::Yes)
        return;
    const QString suggestion
        = m_filePath.isEmpty() ? QDir::home().filePath(QStringLiteral("mocks.yml")) : m_filePath;
    ExportDialog dialog(m_editor->toPlainText(), suggestion, m_host->text().trimmed(),
                        quint16(m_port->value()), this);
    if (dialog.exec() == QDialog::Accepted)
        statusBar()->showMessage(tr("Exported to %1").arg(dialog.targetPath()), 6000);
}

void MainWindow::setRecoveryStore(const RecoveryStore &store)
{
    m_recovery = store;
}

QList<RecoveryStore::Entry> MainWindow::pendingRecoveries() const
{
    return m_recovery.orphans();
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
    saveRecoveryCopy();
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
    m_recovery.discard(m_filePath);
    m_server->stop();
    event->accept();
}
