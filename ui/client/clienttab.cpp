#include "clienttab.h"

#include <QComboBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

namespace {

QPlainTextEdit *makeInput(const QString &placeholder, int lines, QWidget *parent)
{
    auto *edit = new QPlainTextEdit(parent);
    edit->setPlaceholderText(placeholder);
    edit->setTabChangesFocus(true);
    edit->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    const int height = edit->fontMetrics().lineSpacing() * lines + 2 * edit->frameWidth() + 8;
    edit->setMinimumHeight(height);
    edit->setMaximumHeight(height);
    return edit;
}

} // namespace

ClientTab::ClientTab(const QString &url, QWidget *parent)
    : QWidget(parent)
    , m_connection(new ClientConnection(this))
{
    m_url = new QLineEdit(url, this);
    m_url->setPlaceholderText(QStringLiteral("ws://127.0.0.1:8000/ws/echo"));
    m_url->setToolTip(tr("A ws:// or wss:// URL; replace each :name in the path with a value"));
    m_connect = new QPushButton(tr("Connect"), this);
    m_subprotocols = new QLineEdit(this);
    m_subprotocols->setToolTip(tr("Subprotocols to offer, separated by commas"));
    m_subprotocols->setPlaceholderText(tr("e.g. chat.v2, chat.v1"));
    m_headers = makeInput(tr("e.g. X-Test: hello, one per line"), 2, this);
    m_headers->setToolTip(tr("Headers to add to the handshake, one Name: value per line"));

    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->addRow(tr("&URL:"), m_url);
    form->addRow(tr("Subproto&cols:"), m_subprotocols);
    form->addRow(tr("Hea&ders:"), m_headers);

    m_status = new QLabel(this);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_status->setWordWrap(true);
    auto *statusRow = new QHBoxLayout;
    statusRow->addWidget(m_connect, 0, Qt::AlignTop);
    statusRow->addWidget(m_status, 1);

    m_view = new QTableView(this);
    m_view->setModel(m_connection->transcript());
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setTabKeyNavigation(false);
    m_view->setWordWrap(false);
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 6);
    m_view->horizontalHeader()->setStretchLastSection(true);
    connect(m_connection->transcript(), &QAbstractItemModel::rowsInserted, m_view, [this] {
        // The time and direction columns take the width of what they show, once.
        if (m_connection->transcript()->rowCount() <= 2) {
            m_view->resizeColumnToContents(ClientTranscript::TimeColumn);
            m_view->resizeColumnToContents(ClientTranscript::DirectionColumn);
        }
        m_view->scrollToBottom();
    });

    m_message = makeInput(tr("A message; Ctrl+Enter sends it"), 3, this);
    m_message->installEventFilter(this);
    m_format = new QComboBox(this);
    m_format->addItem(tr("Text"), QVariant::fromValue(int(Format::Text)));
    m_format->addItem(tr("Binary (hex)"), QVariant::fromValue(int(Format::Hex)));
    m_format->addItem(tr("Binary (base64)"), QVariant::fromValue(int(Format::Base64)));
    m_send = new QPushButton(tr("Send"), this);
    m_send->setToolTip(tr("Send the message (Ctrl+Enter)"));
    auto *sendColumn = new QVBoxLayout;
    sendColumn->addWidget(m_format);
    sendColumn->addWidget(m_send);
    sendColumn->addStretch(1);
    auto *sendRow = new QHBoxLayout;
    sendRow->addWidget(m_message, 1);
    sendRow->addLayout(sendColumn);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addLayout(statusRow);
    layout->addWidget(m_view, 1);
    layout->addLayout(sendRow);

    connect(m_connect, &QPushButton::clicked, this, [this] {
        if (m_connection->state() == ClientConnection::State::Open
            || m_connection->state() == ClientConnection::State::Connecting)
            disconnectFromServer();
        else
            connectToServer();
    });
    connect(m_url, &QLineEdit::returnPressed, this, &ClientTab::connectToServer);
    connect(m_send, &QPushButton::clicked, this, &ClientTab::send);
    connect(m_connection, &ClientConnection::stateChanged, this, &ClientTab::updateState);
    updateState();
}

bool ClientTab::connectToServer()
{
    QString problem;
    const std::optional<ClientConnection::Request> request = ClientConnection::request(
        m_url->text(), m_subprotocols->text(), m_headers->toPlainText(), &problem);
    if (!request) {
        showProblem(problem);
        return false;
    }
    m_connection->open(*request);
    return true;
}

void ClientTab::disconnectFromServer()
{
    m_connection->close();
}

bool ClientTab::send()
{
    if (m_connection->state() != ClientConnection::State::Open) {
        showProblem(tr("Not connected: connect first."));
        return false;
    }
    const auto format = Format(m_format->currentData().toInt());
    const QString text = m_message->toPlainText();
    if (format == Format::Text) {
        m_connection->sendText(text);
    } else {
        QString problem;
        const auto encoding = format == Format::Hex ? ClientConnection::Encoding::Hex
                                                    : ClientConnection::Encoding::Base64;
        const std::optional<QByteArray> bytes = ClientConnection::binary(text, encoding, &problem);
        if (!bytes) {
            showProblem(problem);
            return false;
        }
        m_connection->sendBinary(*bytes);
    }
    m_message->clear();
    updateState();
    return true;
}

QString ClientTab::statusText() const
{
    return m_status->text();
}

bool ClientTab::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_message && event->type() == QEvent::KeyPress) {
        const auto *key = static_cast<QKeyEvent *>(event);
        if ((key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter)
            && key->modifiers().testFlag(Qt::ControlModifier)) {
            send();
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

void ClientTab::updateState()
{
    const ClientConnection::State state = m_connection->state();
    const bool busy = state == ClientConnection::State::Open
        || state == ClientConnection::State::Connecting
        || state == ClientConnection::State::Closing;
    m_connect->setText(busy ? tr("Disconnect") : tr("Connect"));
    m_connect->setEnabled(state != ClientConnection::State::Closing);
    m_url->setReadOnly(busy);
    m_subprotocols->setReadOnly(busy);
    m_headers->setReadOnly(busy);
    m_send->setEnabled(state == ClientConnection::State::Open);
    switch (state) {
    case ClientConnection::State::Idle:
        m_status->setText(tr("Not connected."));
        break;
    case ClientConnection::State::Connecting:
        m_status->setText(tr("Connecting to %1…").arg(m_url->text().trimmed()));
        break;
    case ClientConnection::State::Open:
        m_status->setText(m_connection->subprotocol().isEmpty()
                              ? tr("Connected to %1.").arg(m_url->text().trimmed())
                              : tr("Connected to %1 with subprotocol %2.")
                                    .arg(m_url->text().trimmed(), m_connection->subprotocol()));
        break;
    case ClientConnection::State::Closing:
        m_status->setText(tr("Closing…"));
        break;
    case ClientConnection::State::Closed: {
        const QList<ClientTranscript::Entry> &entries = m_connection->transcript()->entries();
        m_status->setText(entries.isEmpty() ? tr("Not connected.")
                                            : ClientTranscript::messageText(entries.last()));
        break;
    }
    }
}

void ClientTab::showProblem(const QString &problem)
{
    m_status->setText(problem);
}
