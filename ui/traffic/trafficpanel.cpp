#include "trafficpanel.h"
#include "conversationbox.h"
#include "themeicon.h"
#include "trafficdelegates.h"

#include "eventlogreader.h"
#include "mockserver.h"
#include "trafficlog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QCoreApplication>
#include <QDataStream>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QSaveFile>
#include <QSpinBox>
#include <QSplitter>
#include <QStyle>
#include <QStyledItemDelegate>
#include <QTableView>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>
#include <functional>
#include <optional>

namespace {
QTableView *makeTable(QWidget *parent)
{
    auto *view = new QTableView(parent);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setSelectionMode(QAbstractItemView::SingleSelection);
    view->setAlternatingRowColors(true);
    view->setTabKeyNavigation(false); // Tab leaves the table; the arrows move within it
    view->setWordWrap(false);
    view->verticalHeader()->hide();
    view->verticalHeader()->setDefaultSectionSize(view->fontMetrics().height() + 6);
    view->horizontalHeader()->setHighlightSections(false);
    view->horizontalHeader()->setStretchLastSection(true);
    view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    // The header and two rows at the least, so the panel fits a 1280x800 screen.
    view->setMinimumHeight(3 * view->verticalHeader()->defaultSectionSize()
                           + 2 * view->frameWidth());
    return view;
}
} // namespace

TrafficPanel::TrafficPanel(TrafficLog *log, MockServer *server, QWidget *parent)
    : QWidget(parent)
    , m_log(log)
    , m_server(server)
{
    // Connections
    m_connections = makeTable(this);
    // Several connections: their messages side by side, a push to each, mocks of them all.
    m_connections->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_connections->setModel(log->connections());
    m_connections->setItemDelegate(new ConnectionRowDelegate(m_connections));
    // The header and three rows at the least: the conversation box shares the height. Id to
    // Out fit the panel's first width; the columns after them show as the split widens, with
    // no scrollbar to take a row's room.
    m_connections->setMinimumHeight(m_connections->horizontalHeader()->sizeHint().height()
                                    + 3 * m_connections->verticalHeader()->defaultSectionSize()
                                    + 2 * m_connections->frameWidth());
    m_connections->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    const QFontMetrics fm = m_connections->fontMetrics();
    auto fit = [&fm](QTableView *view, int column, const QString &sample) {
        const QString header = view->model()->headerData(column, Qt::Horizontal).toString();
        view->setColumnWidth(
            column, std::max(fm.horizontalAdvance(header), fm.horizontalAdvance(sample)) + 14);
    };
    fit(m_connections, ConnectionsModel::Id, QStringLiteral("\u25A0 #9999"));
    fit(m_connections, ConnectionsModel::Path, QStringLiteral("/ws/user/alice"));
    fit(m_connections, ConnectionsModel::Params, QStringLiteral("username=alice"));
    fit(m_connections, ConnectionsModel::Peer, QStringLiteral("127.0.0.1:65535"));
    fit(m_connections, ConnectionsModel::Opened, QStringLiteral("00:00:00.000"));
    fit(m_connections, ConnectionsModel::State,
        QCoreApplication::translate("ConnectionsModel", "closed (%1)").arg(1000));
    fit(m_connections, ConnectionsModel::In, QStringLiteral("9999"));
    fit(m_connections, ConnectionsModel::Out, QStringLiteral("9999"));
    // What a narrow panel must show first: which connection, whether it is open, its traffic.
    QHeaderView *columns = m_connections->horizontalHeader();
    for (const int column :
         { ConnectionsModel::State, ConnectionsModel::In, ConnectionsModel::Out })
        columns->moveSection(columns->visualIndex(column),
                             columns->visualIndex(ConnectionsModel::Path) + 1
                                 + (column - ConnectionsModel::State));
    auto *allButton = new QToolButton(this);
    allButton->setObjectName(QStringLiteral("showAll"));
    allButton->setText(tr("Show all"));
    allButton->setToolTip(tr("Show the messages of every connection, and the HTTP requests"));
    auto *clearClosed = new QToolButton(this);
    clearClosed->setText(tr("Forget closed"));
    m_forgetClosed = clearClosed;
    auto *connectionsHeader = new QHBoxLayout;
    connectionsHeader->addWidget(new QLabel(tr("<b>Connections</b>"), this));
    connectionsHeader->addStretch();
    connectionsHeader->addWidget(allButton);
    connectionsHeader->addWidget(clearClosed);
    auto *connectionsBox = new QWidget(this);
    auto *cl = new QVBoxLayout(connectionsBox);
    cl->setContentsMargins(0, 0, 0, 0);
    cl->addLayout(connectionsHeader);
    cl->addWidget(m_connections, 1);
    if (server) {
        m_conversation = new ConversationBox(server, connectionsBox);
        m_conversation->hide(); // until a connection is chosen: the table keeps the room
        // The room the box will need is kept from the start, so that choosing a connection
        // does not squeeze the table below its three rows.
        connectionsBox->setMinimumHeight(cl->minimumSize().height() + cl->spacing()
                                         + m_conversation->minimumSizeHint().height());
        cl->addWidget(m_conversation);
    }

    // Messages
    m_proxy = new MessageFilterProxy(this);
    m_proxy->setSourceModel(log->messages());
    m_messages = makeTable(this);
    m_messages->setModel(m_proxy);
    m_messages->setItemDelegate(new MessageRowDelegate(m_messages));
    fit(m_messages, MessageLogModel::Time, QStringLiteral("00:00:00.000"));
    fit(m_messages, MessageLogModel::Connection, QStringLiteral("\u25A0 #9999"));
    fit(m_messages, MessageLogModel::Direction, tr("out"));
    const QString unmatched = QCoreApplication::translate("MessageLogModel", "unmatched");
    // Wide enough for a rule, and for a short HTTP endpoint with its time.
    const QString ruleSample = QStringLiteral("{\"type\": \"join\", \"room\"\u2026");
    fit(m_messages, MessageLogModel::Rule,
        unmatched.size() > ruleSample.size() ? unmatched : ruleSample);
    fit(m_messages, MessageLogModel::Size, QStringLiteral("99999"));
    // The payload takes whatever width is left; the columns around it stay put.
    m_messages->horizontalHeader()->setStretchLastSection(false);
    m_messages->horizontalHeader()->setSectionResizeMode(MessageLogModel::Payload,
                                                         QHeaderView::Stretch);
    m_filter = new QLineEdit(this);
    m_filter->setPlaceholderText(tr("Filter messages"));
    m_filter->setClearButtonEnabled(true);
    m_follow = new QCheckBox(tr("Follow newest"), this);
    m_follow->setChecked(true);
    m_capacity = new QSpinBox(this);
    m_capacity->setRange(100, 1000000);
    m_capacity->setSingleStep(10000);
    m_capacity->setValue(log->messages()->capacity());
    m_capacity->setPrefix(tr("keep "));
    m_capacity->setSuffix(tr(" messages"));
    m_capacity->setToolTip(
        tr("Older messages are dropped beyond this many, so memory stays bounded"));
    auto *clear = new QToolButton(this);
    clear->setText(tr("Clear"));
    clear->setIcon(themeIcon(QStringLiteral("edit-clear")));
    clear->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_clear = clear;
    auto *save = new QToolButton(this);
    save->setText(tr("Save traffic…"));
    save->setIcon(themeIcon(QStringLiteral("document-save-as")));
    save->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    save->setToolTip(tr("Save every message of this log as JSON lines (the format of "
                        "mocket-cli --log), or as a HAR file"));
    auto *open = new QToolButton(this);
    open->setText(tr("Open traffic…"));
    open->setIcon(themeIcon(QStringLiteral("document-open")));
    open->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    open->setToolTip(tr("Open saved traffic, the --log file of a CI run or a browser's HAR "
                        "file, read-only in its own window"));
    m_dropped = new QLabel(this);
    auto *messagesHeader = new QHBoxLayout;
    messagesHeader->addWidget(new QLabel(tr("<b>Messages</b>"), this));
    messagesHeader->addWidget(m_filter, 1);
    messagesHeader->addLayout(makeQuickFilters());

    m_detail = new QPlainTextEdit(this);
    m_detail->setReadOnly(true);
    m_detail->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_detail->setPlaceholderText(tr("Select a message to see it in full"));

    auto *messagesSplit = new QSplitter(Qt::Horizontal, this);
    m_messagesSplit = messagesSplit;
    messagesSplit->addWidget(m_messages);
    messagesSplit->addWidget(m_detail);
    messagesSplit->setStretchFactor(0, 3);
    messagesSplit->setStretchFactor(1, 1);

    // Push bar
    m_pushText = new QPlainTextEdit(this);
    m_pushText->setObjectName(QStringLiteral("pushEditor"));
    m_pushText->setPlaceholderText(
        tr("Message to push from the server (Ctrl+Enter sends; Enter starts a new line)"));
    m_pushText->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_pushText->setTabChangesFocus(true);
    m_pushText->setFixedHeight(m_pushText->fontMetrics().lineSpacing() * 2
                               + 2 * m_pushText->frameWidth() + 8);
    m_pushText->installEventFilter(this);
    m_pushFormat = new QComboBox(this);
    m_pushFormat->setObjectName(QStringLiteral("pushFormat"));
    m_pushFormat->addItem(tr("Text"), QStringLiteral("text"));
    m_pushFormat->addItem(tr("Binary, hex"), QStringLiteral("hex"));
    m_pushFormat->addItem(tr("Binary, base64"), QStringLiteral("base64"));
    m_pushFormat->setToolTip(tr("Send a text frame, or a binary frame written in hex "
                                "(\"01 ff\") or base64"));
    m_send = new QPushButton(themeIcon(QStringLiteral("mail-send")), tr("Se&nd"), this);
    m_send->setToolTip(tr("Send to the selected connection (Ctrl+Enter)"));
    m_broadcast = new QPushButton(tr("&Broadcast"), this);
    m_broadcast->setObjectName(QStringLiteral("broadcast"));
    m_broadcast->setToolTip(
        tr("Send to every open connection of the selected connection's endpoint"));
    m_closeCode = new QSpinBox(this);
    m_closeCode->setRange(1000, 4999);
    m_closeCode->setValue(1000);
    m_closeCode->setToolTip(
        tr("Close code (1000 normal, 1001 going away, 1008 policy, 4000-4999 yours)"));
    m_closeReason = new QLineEdit(this);
    m_closeReason->setPlaceholderText(tr("reason"));
    m_closeReason->setMaximumWidth(140);
    m_close = new QPushButton(themeIcon(QStringLiteral("network-disconnect")), tr("C&lose"), this);
    m_close->setToolTip(tr("Close the selected connection with this code and reason"));
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("trafficStatus"));
    // Under the push editor it concerns, wrapping rather than cut short.
    m_status->setWordWrap(true);
    m_dropped->setWordWrap(true);
    auto *pushColumn = new QVBoxLayout;
    pushColumn->addWidget(m_pushText);
    auto *statusRow = new QHBoxLayout;
    statusRow->addWidget(m_status, 1);
    statusRow->addWidget(m_dropped);
    pushColumn->addLayout(statusRow);
    auto *push = new QHBoxLayout;
    push->addLayout(pushColumn, 1);
    auto *pushButtons = new QVBoxLayout;
    pushButtons->addWidget(m_pushFormat);
    auto *sendButtons = new QHBoxLayout;
    sendButtons->addWidget(m_send);
    sendButtons->addWidget(m_broadcast);
    pushButtons->addLayout(sendButtons);
    pushButtons->addStretch();
    push->addLayout(pushButtons);
    push->addSpacing(12);
    auto *closeBox = new QVBoxLayout;
    auto *closeRow = new QHBoxLayout;
    closeRow->addWidget(m_closeCode);
    closeRow->addWidget(m_closeReason);
    closeBox->addLayout(closeRow);
    closeBox->addWidget(m_close, 0, Qt::AlignRight);
    closeBox->addStretch();
    push->addLayout(closeBox);

    auto *messagesBox = new QWidget(this);
    auto *ml = new QVBoxLayout(messagesBox);
    ml->setContentsMargins(0, 0, 0, 0);
    ml->addLayout(messagesHeader);
    ml->addWidget(messagesSplit, 1);
    ml->addLayout(push);
    auto *logRow = new QHBoxLayout;
    // The log's own controls sit under it, so the header keeps room for the filters.
    logRow->addStretch(1);
    logRow->addWidget(m_follow);
    logRow->addWidget(m_capacity);
    logRow->addWidget(clear);
    logRow->addWidget(save);
    logRow->addWidget(open);
    auto *createMocks = new QToolButton(this);
    createMocks->setObjectName(QStringLiteral("createMocks"));
    createMocks->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    logRow->addWidget(createMocks);
    ml->addLayout(logRow);

    auto *split = new QSplitter(Qt::Horizontal, this);
    m_split = split;
    split->addWidget(connectionsBox);
    split->addWidget(messagesBox);
    split->setStretchFactor(0, 2);
    split->setStretchFactor(1, 5);
    // Wide enough for Id, Path, State, In and Out, in the words of the language shown (see
    // resizeEvent); the messages take the rest.
    m_connectionsWidth = 2 * m_connections->frameWidth()
        + m_connections->style()->pixelMetric(QStyle::PM_ScrollBarExtent);
    for (const int column : { ConnectionsModel::Id, ConnectionsModel::Path, ConnectionsModel::State,
                              ConnectionsModel::In, ConnectionsModel::Out })
        m_connectionsWidth += m_connections->columnWidth(column);
    split->setSizes({ m_connectionsWidth, 900 });
    connect(split, &QSplitter::splitterMoved, this, [this] { m_splitChosen = true; });
    split->installEventFilter(this);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(split);

    connect(m_connections->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &TrafficPanel::onConnectionSelected);
    connect(m_messages->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &TrafficPanel::onMessageSelected);
    // Clears the current row too, so that no connection looks chosen.
    connect(allButton, &QToolButton::clicked, m_connections->selectionModel(),
            &QItemSelectionModel::clear);
    connect(clearClosed, &QToolButton::clicked, log->connections(), &ConnectionsModel::clearClosed);
    connect(m_filter, &QLineEdit::textChanged, this,
            [this](const QString &text) { refilter([this, &text] { m_proxy->setText(text); }); });
    connect(clear, &QToolButton::clicked, this, [this] {
        m_log->clear();
        m_detail->clear();
        updateDropped();
    });
    connect(m_capacity, &QSpinBox::valueChanged, this, &TrafficPanel::setLogCapacity);
    connect(save, &QToolButton::clicked, this, &TrafficPanel::chooseSaveFile);
    connect(open, &QToolButton::clicked, this, &TrafficPanel::chooseSavedFile);
    connect(m_proxy, &QAbstractItemModel::rowsInserted, this, [this] {
        if (m_follow->isChecked())
            m_messages->scrollToBottom();
    });
    connect(log->messages(), &MessageLogModel::droppedCountChanged, this,
            &TrafficPanel::updateDropped);
    connect(log->connections(), &QAbstractItemModel::dataChanged, this,
            &TrafficPanel::updatePushButtons);
    connect(m_send, &QPushButton::clicked, this, &TrafficPanel::sendPush);
    connect(m_pushFormat, &QComboBox::currentIndexChanged, this, &TrafficPanel::updatePushButtons);
    connect(m_broadcast, &QPushButton::clicked, this,
            [this] { broadcastFromSelected(m_pushText->toPlainText()); });
    connect(m_close, &QPushButton::clicked, this,
            [this] { closeSelected(m_closeCode->value(), m_closeReason->text()); });
    updatePushButtons();
    createTrafficActions();
    createMocks->setIcon(m_createMocks->icon());
    createMocks->setText(tr("Create mocks"));
    createMocks->setToolTip(m_createMocks->toolTip());
    connect(createMocks, &QToolButton::clicked, m_createMocks, &QAction::trigger);
    if (!m_server)
        hideLiveControls();
}

QLayout *TrafficPanel::makeQuickFilters()
{
    auto *layout = new QHBoxLayout;
    layout->setSpacing(0);
    const auto add = [this, layout](const char *name, const QString &text, const QString &tip,
                                    MessageFilterProxy::Quick quick) {
        auto *button = new QToolButton(this);
        button->setObjectName(QLatin1String(name));
        button->setText(text);
        button->setToolTip(tip);
        button->setCheckable(true);
        connect(button, &QToolButton::toggled, this,
                [this, quick](bool on) { setQuickFilter(quick, on); });
        layout->addWidget(button);
    };
    add("quickIn", tr("In"), tr("Show what clients sent (with the other chosen sorts)"),
        MessageFilterProxy::Quick::In);
    add("quickOut", tr("Out"), tr("Show what the server sent (with the other chosen sorts)"),
        MessageFilterProxy::Quick::Out);
    add("quickUnmatched", tr("Unmatched"),
        tr("Show messages no rule matched (with the other chosen sorts)"),
        MessageFilterProxy::Quick::Unmatched);
    add("quickRefused", tr("Refused"), tr("Show refused handshakes (with the other chosen sorts)"),
        MessageFilterProxy::Quick::Refused);
    return layout;
}

void TrafficPanel::setQuickFilter(MessageFilterProxy::Quick quick, bool on)
{
    refilter([this, quick, on] {
        m_proxy->setQuickFilters(m_proxy->quickFilters().setFlag(quick, on));
    });
}

void TrafficPanel::hideLiveControls()
{
    for (QWidget *widget : std::initializer_list<QWidget *> {
             m_pushText, m_pushFormat, m_send, m_broadcast, m_closeCode, m_closeReason, m_close,
             m_clear, m_forgetClosed, m_capacity })
        widget->hide();
    m_follow->setChecked(false);
}

bool TrafficPanel::saveTraffic(const QString &path)
{
    const QByteArray lines = path.endsWith(QLatin1String(".har"), Qt::CaseInsensitive)
        ? m_log->har()
        : m_log->jsonLines();
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(lines) != lines.size() || !file.commit()) {
        m_status->setText(
            tr("Not saved: %1: %2").arg(QDir::toNativeSeparators(path), file.errorString()));
        return false;
    }
    const int count = m_log->messages()->rowCount();
    m_status->setText(
        tr("Saved %n message(s) to %1.", nullptr, count).arg(QDir::toNativeSeparators(path)));
    return true;
}

void TrafficPanel::chooseSaveFile()
{
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Save the traffic"), QDir::home().filePath(QStringLiteral("traffic.jsonl")),
        tr("JSON lines (*.jsonl);;HAR files (*.har);;All files (*)"));
    if (!path.isEmpty())
        saveTraffic(path);
}

void TrafficPanel::chooseSavedFile()
{
    const QString path
        = QFileDialog::getOpenFileName(this, tr("Open saved traffic"), QDir::homePath(),
                                       tr("Traffic (*.jsonl *.har);;All files (*)"));
    if (path.isEmpty())
        return;
    QString error;
    TrafficPanel *panel = openSaved(path, window(), &error);
    if (!panel) {
        m_status->setText(error);
        return;
    }
    forwardRequests(panel);
    panel->window()->show();
}

TrafficPanel *TrafficPanel::openSaved(const QString &path, QWidget *parent, QString *error)
{
    const EventLogReader::Result read = EventLogReader::readFile(path);
    if (!read.opened) {
        *error = read.problems.value(0, tr("Cannot read %1").arg(QDir::toNativeSeparators(path)));
        return nullptr;
    }
    auto *window = new QWidget(parent, Qt::Window);
    window->setAttribute(Qt::WA_DeleteOnClose);
    window->setWindowTitle(tr("%1 (saved traffic, read-only)").arg(QFileInfo(path).fileName()));
    auto *log = new TrafficLog(window);
    auto *panel = new TrafficPanel(log, nullptr, window);
    panel->setSourceName(QFileInfo(path).fileName());
    log->load(read.events);
    auto *layout = new QVBoxLayout(window);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(panel);
    QString status = tr("%n event(s) from %1.", nullptr, int(read.events.size()))
                         .arg(QDir::toNativeSeparators(path));
    if (!read.problems.isEmpty())
        status += QLatin1Char(' ')
            + tr("%n line(s) skipped, the first: %1", nullptr, int(read.problems.size()))
                  .arg(read.problems.first());
    panel->m_status->setText(status);
    window->resize(1100, 600);
    return panel;
}

quint64 TrafficPanel::selectedConnection() const
{
    const QList<quint64> ids = selectedConnections();
    return ids.size() == 1 ? ids.first() : 0;
}

QList<quint64> TrafficPanel::selectedConnections() const
{
    QModelIndexList rows = m_connections->selectionModel()->selectedRows();
    std::sort(rows.begin(), rows.end());
    QList<quint64> ids;
    for (const QModelIndex &row : rows)
        ids.append(row.data(ConnectionsModel::ConnectionIdRole).toULongLong());
    return ids;
}

QList<quint64> TrafficPanel::openSelectedConnections() const
{
    QList<quint64> ids;
    for (const quint64 id : selectedConnections()) {
        if (m_log->connections()->indexForId(id).data(ConnectionsModel::IsOpenRole).toBool())
            ids.append(id);
    }
    return ids;
}

void TrafficPanel::selectConnection(quint64 id)
{
    const QModelIndex index = m_log->connections()->indexForId(id);
    if (index.isValid())
        m_connections->selectRow(index.row());
    else
        m_connections->clearSelection();
}

void TrafficPanel::refilter(const std::function<void()> &change)
{
    // The proxy keeps a selected row's number, not its message: after a filter change another
    // message would be highlighted. The selected message stays selected (and detailed) when
    // it is still shown; otherwise nothing is.
    const QModelIndexList selected = m_messages->selectionModel()->selectedRows();
    const QModelIndex message
        = selected.isEmpty() ? QModelIndex() : m_proxy->mapToSource(selected.first());
    change();
    const QModelIndex shown = m_proxy->mapFromSource(message);
    QItemSelectionModel *selection = m_messages->selectionModel();
    if (shown.isValid())
        selection->setCurrentIndex(shown,
                                   QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    else
        selection->clear();
    onMessageSelected();
}

void TrafficPanel::onConnectionSelected()
{
    refilter([this] {
        const QList<quint64> ids = selectedConnections();
        m_proxy->setConnectionIds(QSet<quint64>(ids.begin(), ids.end()));
    });
    updatePushButtons();
    if (m_conversation) {
        m_conversation->setConnection(selectedConnection());
        m_conversation->setVisible(selectedConnection() != 0);
    }
    const QModelIndexList selected = m_messages->selectionModel()->selectedRows();
    if (!selected.isEmpty())
        m_messages->scrollTo(selected.first());
    else if (m_follow->isChecked())
        m_messages->scrollToBottom();
}

void TrafficPanel::onMessageSelected()
{
    const QModelIndexList rows = m_messages->selectionModel()->selectedRows();
    if (rows.isEmpty()) {
        m_detail->clear();
        return;
    }
    const QModelIndex index = rows.first();
    const auto kind = TrafficEvent::Kind(index.data(MessageLogModel::EventKindRole).toInt());
    QString header;
    const QString rule = index.data(MessageLogModel::RuleRole).toString();
    const QString time = index.siblingAtColumn(MessageLogModel::Time).data().toString();
    if (kind == TrafficEvent::Kind::Http) {
        header = tr("%1 · HTTP · endpoint %2").arg(time, rule);
    } else {
        header
            = tr("%1 · connection %2 · %3")
                  .arg(time, index.siblingAtColumn(MessageLogModel::Connection).data().toString(),
                       TrafficEvent::kindName(kind));
        const QString label = index.data(MessageLogModel::RuleLabelRole).toString();
        if (kind == TrafficEvent::Kind::Unmatched && !label.isEmpty())
            header += tr(" · answered by %1").arg(label); // the endpoint's fallback
        else if (label.isEmpty() && index.data(MessageLogModel::RelayedRole).toBool())
            header += QStringLiteral(" · ") + rule; // to upstream, or from it
        else if (!label.isEmpty() && label != rule)
            header += tr(" · rule %1 (%2)").arg(label, rule);
        else if (!rule.isEmpty())
            header += tr(" · rule %1").arg(rule);
    }
    const QString decoded = index.data(MessageLogModel::DecodedRole).toString();
    if (!decoded.isEmpty())
        header += QLatin1Char('\n') + tr("Decoded: %1").arg(decoded);
    const QString full = index.data(MessageLogModel::FullPayloadRole).toString();
    const QString pretty = index.data(MessageLogModel::PrettyPayloadRole).toString();
    QString text = header + QStringLiteral("\n\n") + pretty;
    // An exchange's pretty form differs only in its bodies; twice the headers would be noise.
    if (pretty != full && kind != TrafficEvent::Kind::Http) {
        // The pretty form reorders keys; the exact frame is what a client saw.
        text += QStringLiteral("\n\n") + tr("Exactly as on the wire:") + QLatin1Char('\n') + full;
    }
    m_detail->setPlainText(text);
}

QString TrafficPanel::detailText() const
{
    return m_detail->toPlainText();
}

void TrafficPanel::updatePushButtons()
{
    const qsizetype selected = m_connections->selectionModel()->selectedRows().size();
    const bool open = !openSelectedConnections().isEmpty();
    m_send->setEnabled(open);
    m_broadcast->setEnabled(open && pushFormat() == PushFormat::Text); // broadcasts are text
    m_close->setEnabled(open);
    if (!m_server) // read-only: the status says what was loaded
        return;
    if (selected == 0)
        m_status->setText(tr("Select a connection to push messages to it."));
    else if (!open)
        m_status->setText(selected == 1 ? tr("This connection is closed.")
                                        : tr("These connections are closed."));
    else
        m_status->clear();
}

void TrafficPanel::updateDropped()
{
    const qint64 dropped = m_log->messages()->droppedCount();
    m_dropped->setText(dropped > 0 ? tr("%L1 older messages dropped").arg(dropped) : QString());
}

bool TrafficPanel::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_split && event->type() == QEvent::Resize)
        QTimer::singleShot(0, this, &TrafficPanel::fitConnectionsWidth);
    const bool key = event->type() == QEvent::KeyPress || event->type() == QEvent::ShortcutOverride;
    if (watched != m_pushText || !key)
        return QWidget::eventFilter(watched, event);
    const auto *press = static_cast<QKeyEvent *>(event);
    const bool enter = press->key() == Qt::Key_Return || press->key() == Qt::Key_Enter;
    if (!enter || !press->modifiers().testFlag(Qt::ControlModifier))
        return QWidget::eventFilter(watched, event);
    // Here Ctrl+Enter sends: it wins over the window's shortcut (Apply) on the same keys.
    if (event->type() == QEvent::ShortcutOverride) {
        event->accept();
        return true;
    }
    sendPush();
    return true;
}

TrafficPanel::PushFormat TrafficPanel::pushFormat() const
{
    const QString format = m_pushFormat->currentData().toString();
    if (format == QLatin1String("hex"))
        return PushFormat::Hex;
    if (format == QLatin1String("base64"))
        return PushFormat::Base64;
    return PushFormat::Text;
}

bool TrafficPanel::sendPush()
{
    const QString text = m_pushText->toPlainText();
    const PushFormat format = pushFormat();
    if (format == PushFormat::Text)
        return sendToSelected(text);
    QString compact = text;
    compact.remove(QRegularExpression(QStringLiteral("\\s")));
    std::optional<QByteArray> data;
    if (format == PushFormat::Hex) {
        static const QRegularExpression hexDigits(QStringLiteral("\\A(?:[0-9A-Fa-f]{2})*\\z"));
        if (hexDigits.match(compact).hasMatch())
            data = QByteArray::fromHex(compact.toLatin1());
    } else if (auto decoded = QByteArray::fromBase64Encoding(
                   compact.toLatin1(), QByteArray::AbortOnBase64DecodingErrors)) {
        data = *decoded;
    }
    if (!data) {
        m_status->setText(format == PushFormat::Hex
                              ? tr("Not sent: write the bytes as pairs of hex digits, e.g. 01 ff.")
                              : tr("Not sent: this is not base64."));
        return false;
    }
    return sendBinaryToSelected(*data);
}

bool TrafficPanel::sendBinaryToSelected(const QByteArray &data)
{
    const int reached = toEachSelected(
        [this, &data](quint64 id) { return m_server->sendBinaryMessage(id, data); });
    if (reached == 0) {
        m_status->setText(tr("Not sent: select an open connection first."));
        return false;
    }
    const int bytes = int(data.size());
    // Several: always two or more, so the connections' count needs no plural of its own.
    m_status->setText(
        reached == 1
            ? tr("Sent %n byte(s) to connection #%1.", nullptr, bytes).arg(m_lastReached)
            : tr("Sent %n byte(s) to each of %1 connections.", nullptr, bytes).arg(reached));
    return true;
}

bool TrafficPanel::sendToSelected(const QString &text)
{
    const int reached
        = toEachSelected([this, &text](quint64 id) { return m_server->sendMessage(id, text); });
    if (reached == 0) {
        m_status->setText(tr("Not sent: select an open connection first."));
        return false;
    }
    m_status->setText(reached == 1 ? tr("Sent to connection #%1.").arg(m_lastReached)
                                   : tr("Sent to %n connection(s).", nullptr, reached));
    return true;
}

int TrafficPanel::toEachSelected(const std::function<bool(quint64)> &action)
{
    int reached = 0;
    if (!m_server)
        return reached;
    for (const quint64 id : openSelectedConnections()) {
        if (action(id)) {
            ++reached;
            m_lastReached = id;
        }
    }
    return reached;
}

int TrafficPanel::broadcastFromSelected(const QString &text)
{
    // The endpoint of the first open connection chosen.
    const QList<quint64> open = openSelectedConnections();
    const QString endpoint
        = m_server && !open.isEmpty() ? m_server->endpointPathOf(open.first()) : QString();
    if (endpoint.isEmpty()) {
        m_status->setText(tr("Not sent: select an open connection to choose its endpoint."));
        return 0;
    }
    const int reached = m_server->broadcast(endpoint, text);
    m_status->setText((reached == 0 ? tr("Broadcast to no connection of %1.")
                                    : tr("Broadcast to %n connection(s) of %1.", nullptr, reached))
                          .arg(endpoint));
    return reached;
}

bool TrafficPanel::closeSelected(int code, const QString &reason)
{
    const int reached = toEachSelected([this, code, &reason](quint64 id) {
        return m_server->closeConnection(id, QWebSocketProtocol::CloseCode(code), reason);
    });
    if (reached == 0) {
        m_status->setText(tr("Nothing closed: select an open connection first."));
        return false;
    }
    m_status->setText(reached == 1
                          ? tr("Closing connection #%1 with %2.").arg(m_lastReached).arg(code)
                          : tr("Closing %n connection(s) with %1.", nullptr, reached).arg(code));
    return true;
}

QString TrafficPanel::statusText() const
{
    return m_status->text();
}

QByteArray TrafficPanel::splitterState() const
{
    QByteArray state;
    QDataStream out(&state, QIODevice::WriteOnly);
    out << m_split->saveState() << m_messagesSplit->saveState();
    return state;
}

bool TrafficPanel::restoreSplitterState(const QByteArray &state)
{
    QDataStream in(state);
    QByteArray split;
    QByteArray messagesSplit;
    in >> split >> messagesSplit;
    if (in.status() != QDataStream::Ok)
        return false;
    m_splitChosen = m_split->restoreState(split);
    return m_splitChosen && m_messagesSplit->restoreState(messagesSplit);
}

// Until the user moves it (or a saved split is restored), the connections keep the width
// their first columns need, however the panel is sized.
void TrafficPanel::fitConnectionsWidth()
{
    if (m_splitChosen)
        return;
    const int total = m_split->sizes().value(0) + m_split->sizes().value(1);
    if (total > m_connectionsWidth && m_split->sizes().value(0) != m_connectionsWidth)
        m_split->setSizes({ m_connectionsWidth, total - m_connectionsWidth });
}

void TrafficPanel::setLogCapacity(int rows)
{
    m_log->messages()->setCapacity(rows);
    if (m_capacity->value() != rows)
        m_capacity->setValue(rows);
}

int TrafficPanel::logCapacity() const
{
    return m_log->messages()->capacity();
}
