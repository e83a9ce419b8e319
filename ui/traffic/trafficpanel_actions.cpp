// The Traffic panel's actions on what it shows: copy a message, make a rule of it, make mocks
// of the traffic.
#include "trafficpanel.h"

#include "themeicon.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QLabel>
#include <QTableView>

void TrafficPanel::createTrafficActions()
{
    m_copyPayload = new QAction(themeIcon(QStringLiteral("edit-copy")), tr("Copy &payload"), this);
    m_copyPayload->setToolTip(
        tr("Copy the message as it was sent (a binary frame in base64, as a rule writes it)"));
    m_copyJson = new QAction(tr("Copy as &JSON"), this);
    m_copyJson->setToolTip(tr("Copy the event as one line of a saved session (the --log format)"));
    m_createRule = new QAction(themeIcon(QStringLiteral("list-add")),
                               tr("Create &rule from this message"), this);
    m_createRule->setToolTip(tr("Add a rule to the connection's endpoint that answers this "
                                "message with the frames that answered it"));
    m_createMocks = new QAction(themeIcon(QStringLiteral("document-new")),
                                tr("Create &mocks from this traffic"), this);
    m_createMocks->setToolTip(tr("Open a mock file made of the selected connections' traffic "
                                 "(of every connection when none is selected) in the editor"));
    auto *separator = new QAction(this);
    separator->setSeparator(true);
    m_messages->addActions({ m_copyPayload, m_copyJson, separator, m_createRule, m_createMocks });
    m_messages->setContextMenuPolicy(Qt::ActionsContextMenu);
    m_connections->addAction(m_createMocks);
    m_connections->setContextMenuPolicy(Qt::ActionsContextMenu);

    connect(m_copyPayload, &QAction::triggered, this, [this] { copySelected(false); });
    connect(m_copyJson, &QAction::triggered, this, [this] { copySelected(true); });
    connect(m_createRule, &QAction::triggered, this, &TrafficPanel::requestRule);
    connect(m_createMocks, &QAction::triggered, this, [this] {
        emit mocksRequested(eventsOfSelection(),
                            m_sourceName.isEmpty() ? QStringLiteral("the Traffic panel")
                                                   : m_sourceName);
    });
    connect(m_messages->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &TrafficPanel::updateTrafficActions);
    updateTrafficActions();
}

const TrafficEvent *TrafficPanel::selectedEvent() const
{
    const QModelIndexList rows = m_messages->selectionModel()->selectedRows();
    if (rows.isEmpty())
        return nullptr;
    return &m_log->messages()->eventAt(m_proxy->mapToSource(rows.first()).row());
}

void TrafficPanel::updateTrafficActions()
{
    const TrafficEvent *event = selectedEvent();
    m_copyPayload->setEnabled(event);
    m_copyJson->setEnabled(event);
    using Kind = TrafficEvent::Kind;
    m_createRule->setEnabled(event
                             && (event->kind == Kind::Received || event->kind == Kind::Unmatched
                                 || event->kind == Kind::Binary));
}

void TrafficPanel::copySelected(bool asJson)
{
    const TrafficEvent *event = selectedEvent();
    if (!event)
        return;
    QString text;
    if (asJson)
        text = QString::fromUtf8(event->toJsonLine());
    else if (event->kind == TrafficEvent::Kind::Binary || event->delivery.binary)
        text = QString::fromLatin1(event->data.toBase64());
    else
        text = m_proxy->mapToSource(m_messages->selectionModel()->selectedRows().first())
                   .data(MessageLogModel::FullPayloadRole)
                   .toString();
    QApplication::clipboard()->setText(text);
    m_status->setText(asJson ? tr("Copied the event as JSON.") : tr("Copied the payload."));
}

QList<TrafficEvent> TrafficPanel::eventsOfSelection() const
{
    m_log->messages()->flush();
    const QList<quint64> chosen = selectedConnections();
    QList<TrafficEvent> events;
    for (int row = 0; row < m_log->messages()->rowCount(); ++row) {
        const TrafficEvent &event = m_log->messages()->eventAt(row);
        if (chosen.isEmpty() || chosen.contains(event.connectionId))
            events.append(event);
    }
    return events;
}

void TrafficPanel::requestRule()
{
    const TrafficEvent *asked = selectedEvent();
    if (!asked || !m_createRule->isEnabled())
        return;
    // Its connection's events from the message on: the rule takes the frames that followed.
    MessageLogModel *messages = m_log->messages();
    QList<TrafficEvent> events;
    bool reached = false;
    for (int row = 0; row < messages->rowCount(); ++row) {
        const TrafficEvent &event = messages->eventAt(row);
        reached = reached || &event == asked;
        if (reached && event.connectionId == asked->connectionId)
            events.append(event);
    }
    if (const std::optional<MockGenerator::RuleDraft> draft = MockGenerator::ruleFor(events, 0))
        emit ruleRequested(asked->path, *draft);
}

void TrafficPanel::forwardRequests(TrafficPanel *other)
{
    connect(other, &TrafficPanel::ruleRequested, this, &TrafficPanel::ruleRequested);
    connect(other, &TrafficPanel::mocksRequested, this, &TrafficPanel::mocksRequested);
}

void TrafficPanel::setFollowNewest(bool on)
{
    m_follow->setChecked(on);
}
