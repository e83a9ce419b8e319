#include "recorddialog.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

RecordDialog::RecordDialog(QWidget *parent) : QDialog(parent)
{
    setWindowTitle(tr("Record from a server"));
    m_upstream = new QLineEdit(this);
    m_upstream->setPlaceholderText(QStringLiteral("wss://api.example.com"));
    m_upstream->setToolTip(tr("The real server: each path your app asks for is relayed to the "
                              "same path (and query) under this URL"));
    m_port = new QSpinBox(this);
    m_port->setRange(0, 65535);
    m_port->setValue(8081);
    m_port->setSpecialValueText(tr("any free port"));
    m_port->setToolTip(tr("The port on 127.0.0.1 your app connects to instead of the server"));
    m_selfSigned = new QCheckBox(tr("&Accept a self-signed certificate from the server"), this);
    m_selfSigned->setToolTip(tr("For a local wss:// server whose certificate no authority "
                                "signed; leave it off for real servers"));
    m_error = new QLabel(this);
    m_error->setStyleSheet(QStringLiteral("color: #b91c1c"));
    m_error->hide();

    auto *form = new QFormLayout;
    auto *upstreamLabel = new QLabel(tr("&Server URL:"), this);
    upstreamLabel->setBuddy(m_upstream);
    form->addRow(upstreamLabel, m_upstream);
    auto *portLabel = new QLabel(tr("&Local port:"), this);
    portLabel->setBuddy(m_port);
    form->addRow(portLabel, m_port);
    form->addRow(QString(), m_selfSigned);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Cancel)->setText(tr("&Cancel"));
    buttons->addButton(tr("&Record"), QDialogButtonBox::AcceptRole);
    connect(buttons, &QDialogButtonBox::accepted, this, &RecordDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *intro = new QLabel(tr("Mocket relays your app's WebSocket connections to the real "
                                "server and shows every frame; then save the traffic, or "
                                "create mocks from it."),
                             this);
    intro->setWordWrap(true);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addWidget(m_error);
    layout->addWidget(buttons);
    resize(520, sizeHint().height());
}

QUrl RecordDialog::upstream() const
{
    return QUrl(m_upstream->text().trimmed());
}

quint16 RecordDialog::port() const
{
    return quint16(m_port->value());
}

UpstreamCertificate RecordDialog::certificate() const
{
    return m_selfSigned->isChecked() ? UpstreamCertificate::AcceptSelfSigned
                                     : UpstreamCertificate::Verify;
}

QString RecordDialog::problem() const
{
    const QUrl url(m_upstream->text().trimmed());
    const QString scheme = url.scheme();
    if (!url.isValid() || url.host().isEmpty()
        || (scheme != QLatin1String("ws") && scheme != QLatin1String("wss")))
        return tr("Write the server's URL as ws://host[:port][/path] or wss://…");
    return {};
}

void RecordDialog::accept()
{
    const QString reason = problem();
    m_error->setText(reason);
    m_error->setVisible(!reason.isEmpty());
    if (reason.isEmpty())
        QDialog::accept();
}
