#pragma once

#include "diagnostic.h"
#include "mockgenerator.h"
#include "mockserver.h"
#include "mockspanel.h"
#include "recoverystore.h"
#include "serveroptions.h"
#include "specdocument.h"

#include <QMainWindow>

class ClientPanel;
class ColorScheme;
class FindBar;
class QMimeData;
class QAction;
class QCheckBox;
class QLabel;
class QMessageBox;
class QLineEdit;
class QMenu;
class QSpinBox;
class QTreeWidget;
class RecordingWindow;
enum class UpstreamCertificate;
class TrafficLog;
class TrafficPanel;
class TryItPanel;
class YamlEditor;

// The workbench: a config's YAML and its point-and-click forms side by side, a server that
// serves it, the live traffic of every connection, and Try it / Export for CI.
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    // Loads a file into the editor; false with the reason in the status bar.
    bool openFile(const QString &path);
    // Opens the first local file of a drop (asking first about unsaved changes); false when
    // the drop holds no local file or the user cancelled.
    bool openDropped(const QMimeData *data);
    // The bundled example (the spec's echo and user endpoints), as an unsaved document.
    void openExample();
    // What a start without a file shows: the last file worked on if it is still there,
    // otherwise the example.
    void openLastOrExample();
    void newDocument();
    bool save();
    bool saveAs(const QString &path = QString());
    QString filePath() const { return m_document->filePath(); }
    bool isModified() const;

    void setListenAddress(const QString &host, quint16 port);
    bool startServer();
    void stopServer();
    // Serves the editor's current config if it is valid; false (and the Problems list says
    // why) when it is not, leaving the server on the last good config.
    bool applyToServer();
    void setAutoApply(bool on);

    // Re-reads the editor now instead of after the typing pause.
    void validateNow();
    const Diagnostics &diagnostics() const { return m_document->diagnostics(); }
    MockSpecPtr lastGoodSpec() const { return m_document->lastGoodSpec(); }
    QString serverStatusText() const;
    // Whether the running server serves the editor's text (the status bar's right end).
    QString applyStatusText() const;

    // Recovery copies of unsaved work from sessions that ended unexpectedly.
    void setRecoveryStore(const RecoveryStore &store);
    QList<RecoveryStore::Entry> pendingRecoveries() const;
    bool restoreRecovery(const RecoveryStore::Entry &entry);
    // Asks, for each pending recovery, whether to restore it.
    void offerRecoveries();
    void exportForCi();
    // "NAME has unsaved changes. Save them?" with Save, Discard and Cancel, each with a mnemonic.
    static QMessageBox *unsavedChangesBox(const QString &name, QWidget *parent);

    YamlEditor *editor() const { return m_editor; }
    MockServer *server() const { return m_server; }
    TrafficLog *trafficLog() const { return m_traffic; }
    TrafficPanel *trafficPanel() const { return m_trafficPanel; }
    MocksPanel *mocksPanel() const { return m_mocks; }
    TryItPanel *tryItPanel() const { return m_tryIt; }
    ClientPanel *clientPanel() const { return m_client; }
    // The Client dock's default URL: the server (running, or as the toolbar sets it) and the
    // selected endpoint's path, its :params left for the person to fill.
    QString clientUrl() const;
    QTreeWidget *problemsView() const { return m_problems; }
    FindBar *findBar() const { return m_findBar; }
    ColorScheme *colorScheme() const { return m_colorScheme; }
    void showMockSyntax();
    void showShortcuts();

    // What the Traffic panel asks for (mainwindow_traffic.cpp). Create rule from this message:
    // the rule is added to the endpoint that serves path (to a new endpoint with that path when
    // none does) and selected; one Undo takes it back.
    void createRuleFromTraffic(const QString &path, const MockGenerator::RuleDraft &draft);
    // Create mocks from this traffic: the mocks as a new unsaved document, once unsaved changes
    // are saved or discarded; false when cancelled or when the events hold no conversation.
    bool openMocksFromTraffic(const QList<TrafficEvent> &events, const QString &source);
    // Record from a server…: asks for the upstream and the local port, then records.
    void recordFromServer();
    // Starts a recording proxy in a window of its own that shows its traffic live; nullptr with
    // the reason in the status bar when it cannot listen.
    RecordingWindow *startRecording(const QUrl &upstream, quint16 port,
                                    UpstreamCertificate certificate);

protected:
    void closeEvent(QCloseEvent *event) override;
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void createPanels();
    void createActions();
    void createFileActions();
    void createServerActions();
    void createMenus();
    void createAppearanceMenu();
    void createHelpMenu();
    void createToolBar();
    void createDocks();
    void connectPanels();
    void connectServer();
    void showStatusMessage(const QString &text, int timeoutMs);
    void readSettings();
    void fitDefaultSize();
    void fitProblemsHeight();
    void writeSettings();

    void setDocumentText(const QString &text, const QString &path, bool example);
    bool maybeSave();
    bool writeDocument(const QString &path);
    void addRecentFile(const QString &path);
    void updateRecentMenu();
    void updateTitle();
    void onParsed();
    void showProblems();
    // Says whether the running server serves the editor's text, and why not when it does not.
    void updateApplyStatus();
    void editServerSettings();
    // The toolbar's host and port over the saved Server Settings; false with m_startError.
    bool serverOptions(ServerOptions *options);
    void failStart(const QString &reason);
    QString listeningText() const;
    void applyEdit(const SpecEditFunction &edit, const MocksPanel::Selection &selectAfter);
    void updateServerStatus();
    void updateActions();

    MockServer *m_server = nullptr;
    TrafficLog *m_traffic = nullptr;
    YamlEditor *m_editor = nullptr;
    FindBar *m_findBar = nullptr;
    QTreeWidget *m_problems = nullptr;
    MocksPanel *m_mocks = nullptr;
    TrafficPanel *m_trafficPanel = nullptr;
    TryItPanel *m_tryIt = nullptr;
    ClientPanel *m_client = nullptr;
    QLabel *m_serverStatus = nullptr;
    QLabel *m_applyStatus = nullptr;
    QLineEdit *m_host = nullptr;
    QSpinBox *m_port = nullptr;
    QCheckBox *m_autoApply = nullptr;
    QMenu *m_recentMenu = nullptr;
    QMenu *m_viewMenu = nullptr;

    QAction *m_newAction = nullptr;
    QAction *m_openAction = nullptr;
    QAction *m_saveAction = nullptr;
    QAction *m_saveAsAction = nullptr;
    QAction *m_exportAction = nullptr;
    QAction *m_startAction = nullptr;
    QAction *m_stopAction = nullptr;
    QAction *m_applyAction = nullptr;
    QAction *m_findAction = nullptr;
    QAction *m_replaceAction = nullptr;
    ColorScheme *m_colorScheme = nullptr;

    SpecDocument *m_document = nullptr;
    QString m_startError;
    ServerOptions m_served; // what the running server was started with
};
