#include "conversationbox.h"

#include "mockserver.h"

#include <QComboBox>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QStyle>
#include <QPushButton>
#include <QTableWidget>

#include <algorithm>

namespace {
enum Column { Scope, Name, Value };
const QString VarsScope = QStringLiteral("vars");
const QString SharedScope = QStringLiteral("shared");
} // namespace

ConversationBox::ConversationBox(MockServer *server, QWidget *parent)
    : QGroupBox(tr("Conversation"), parent)
    , m_server(server)
{
    setObjectName(QStringLiteral("conversation"));
    m_state = new QLineEdit(this);
    m_state->setObjectName(QStringLiteral("conversationState"));
    m_state->setToolTip(tr("The connection's state: rules with when-state answer only in theirs"));
    m_setState = new QPushButton(tr("Set state"), this);
    m_setState->setObjectName(QStringLiteral("setState"));

    m_values = new QTableWidget(0, 3, this);
    m_values->setObjectName(QStringLiteral("conversationValues"));
    m_values->setHorizontalHeaderLabels({ tr("Kind"), tr("Name"), tr("Value") });
    m_values->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_values->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_values->setSelectionMode(QAbstractItemView::SingleSelection);
    m_values->verticalHeader()->hide();
    m_values->horizontalHeader()->setStretchLastSection(true);
    m_values->setMaximumHeight(m_values->fontMetrics().lineSpacing() * 8);
    // Its header and a row at the least, so a chosen connection fits a 1280x800 screen.
    m_values->setMinimumHeight(2 * (m_values->fontMetrics().height() + 8)
                               + 2 * m_values->frameWidth());

    m_scope = new QComboBox(this);
    m_scope->setObjectName(QStringLiteral("conversationScope"));
    // Named as the templates name them, which keeps the row narrow enough for the name and
    // the value.
    m_scope->addItem(QStringLiteral("vars"), VarsScope);
    m_scope->addItem(QStringLiteral("shared"), SharedScope);
    m_scope->setToolTip(tr("A variable belongs to this connection ({{vars.name}}); a shared "
                           "value to every connection of its endpoint ({{shared.name}})"));
    m_name = new QLineEdit(this);
    m_name->setObjectName(QStringLiteral("conversationName"));
    m_name->setPlaceholderText(tr("name"));
    m_value = new QLineEdit(this);
    m_value->setObjectName(QStringLiteral("conversationValue"));
    m_value->setPlaceholderText(tr("value"));
    m_set = new QPushButton(tr("Set"), this);
    m_set->setObjectName(QStringLiteral("setValue"));
    m_remove = new QPushButton(tr("Remove"), this);
    m_remove->setObjectName(QStringLiteral("removeValue"));
    m_status = new QLabel(this);
    m_status->setWordWrap(true);

    auto *stateRow = new QHBoxLayout;
    stateRow->addWidget(new QLabel(tr("State:"), this));
    stateRow->addWidget(m_state, 1);
    stateRow->addWidget(m_setState);
    auto *editRow = new QHBoxLayout;
    editRow->addWidget(m_scope);
    // Each field at least as wide as its hint.
    for (QLineEdit *field : { m_name, m_value })
        field->setMinimumWidth(field->fontMetrics().horizontalAdvance(field->placeholderText())
                               + 2 * field->style()->pixelMetric(QStyle::PM_DefaultFrameWidth)
                               + 10);
    editRow->addWidget(m_name, 1);
    editRow->addWidget(m_value, 1);
    editRow->addWidget(m_set);
    editRow->addWidget(m_remove);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(stateRow);
    layout->addWidget(m_values);
    layout->addLayout(editRow);
    layout->addWidget(m_status);

    connect(m_setState, &QPushButton::clicked, this, [this] { setState(m_state->text()); });
    connect(m_state, &QLineEdit::returnPressed, m_setState, &QPushButton::click);
    connect(m_set, &QPushButton::clicked, this,
            [this] { setValue(sharedChosen(), m_name->text(), m_value->text()); });
    connect(m_remove, &QPushButton::clicked, this,
            [this] { removeValue(sharedChosen(), m_name->text()); });
    connect(m_values, &QTableWidget::itemSelectionChanged, this, &ConversationBox::onRowSelected);
    connect(m_server, &MockServer::trafficEvent, this, &ConversationBox::onEvent);
    refresh();
}

void ConversationBox::setConnection(quint64 id)
{
    m_id = id;
    m_status->clear();
    refresh();
}

bool ConversationBox::sharedChosen() const
{
    return m_scope->currentData().toString() == SharedScope;
}

void ConversationBox::onEvent(const TrafficEvent &event)
{
    if (m_id == 0)
        return;
    // Notes change a conversation (shared values: any connection's); a close ends it, once the
    // server has let the connection go.
    if (event.kind == TrafficEvent::Kind::Note)
        refresh();
    else if (event.kind == TrafficEvent::Kind::Closed && event.connectionId == m_id)
        QMetaObject::invokeMethod(this, &ConversationBox::refresh, Qt::QueuedConnection);
}

void ConversationBox::refresh()
{
    const std::optional<MockServer::ConversationView> view
        = m_id ? m_server->conversationView(m_id) : std::nullopt;
    for (QWidget *widget : std::initializer_list<QWidget *> { m_state, m_setState, m_scope, m_name,
                                                              m_value, m_set, m_remove })
        widget->setEnabled(view.has_value());
    if (!m_state->hasFocus() || !view)
        m_state->setText(view ? view->state : QString());
    m_values->setRowCount(0);
    if (!view) {
        m_state->setPlaceholderText(m_id ? tr("This connection is closed.")
                                         : tr("Select an open connection"));
        return;
    }
    const auto addRows = [this](const QString &scope, const ParamMap &values) {
        QStringList names = values.keys();
        std::sort(names.begin(), names.end());
        for (const QString &name : std::as_const(names)) {
            const int row = m_values->rowCount();
            m_values->insertRow(row);
            m_values->setItem(row, Scope, new QTableWidgetItem(scope));
            m_values->setItem(row, Name, new QTableWidgetItem(name));
            m_values->setItem(row, Value, new QTableWidgetItem(values.value(name)));
        }
    };
    addRows(VarsScope, view->vars);
    addRows(SharedScope, view->shared);
}

void ConversationBox::onRowSelected()
{
    const QList<QTableWidgetItem *> items = m_values->selectedItems();
    if (items.isEmpty())
        return;
    const int row = items.first()->row();
    m_scope->setCurrentIndex(m_scope->findData(m_values->item(row, Scope)->text()));
    m_name->setText(m_values->item(row, Name)->text());
    m_value->setText(m_values->item(row, Value)->text());
}

bool ConversationBox::setState(const QString &state)
{
    QString error;
    if (state.trimmed().isEmpty())
        error = tr("A state needs a name.");
    else if (!m_server->setConnectionState(m_id, state.trimmed(), &error) && error.isEmpty())
        error = tr("This connection is closed.");
    m_status->setText(error);
    return error.isEmpty();
}

bool ConversationBox::setValue(bool shared, const QString &name, const QString &value)
{
    QString error;
    if (name.trimmed().isEmpty())
        error = tr("A value needs a name.");
    else if (!(shared ? m_server->setSharedValue(m_id, name.trimmed(), value, &error)
                      : m_server->setConnectionVariable(m_id, name.trimmed(), value, &error))
             && error.isEmpty())
        error = tr("This connection is closed.");
    m_status->setText(error);
    return error.isEmpty();
}

bool ConversationBox::removeValue(bool shared, const QString &name)
{
    const bool removed = shared ? m_server->removeSharedValue(m_id, name.trimmed())
                                : m_server->removeConnectionVariable(m_id, name.trimmed());
    m_status->setText(removed ? QString() : tr("There is no value named '%1'.").arg(name));
    return removed;
}

QString ConversationBox::stateText() const
{
    return m_state->text();
}

QStringList ConversationBox::valueLines() const
{
    QStringList lines;
    for (int row = 0; row < m_values->rowCount(); ++row)
        lines.append(QStringLiteral("%1.%2 = %3")
                         .arg(m_values->item(row, Scope)->text(), m_values->item(row, Name)->text(),
                              m_values->item(row, Value)->text()));
    return lines;
}

QString ConversationBox::statusText() const
{
    return m_status->text();
}
