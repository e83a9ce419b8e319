#include "serversettingsdialog.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSslConfiguration>
#include <QSpinBox>
#include <QUuid>
#include <QVBoxLayout>

ServerSettingsDialog::ServerSettingsDialog(const ServerOptions &options, QWidget *parent)
    : QDialog(parent)
    , m_given(options)
{
    setWindowTitle(tr("Server Settings"));
    createFields(options);
    createLayout();
}

void ServerSettingsDialog::createFields(const ServerOptions &options)
{
    m_maxConnections = new QSpinBox(this);
    m_maxConnections->setRange(0, 1000000);
    m_maxConnections->setSpecialValueText(tr("no limit"));
    m_maxConnections->setValue(options.maxConnections);
    m_maxConnections->setToolTip(tr("Clients beyond this many get HTTP 503"));
    m_maxMessageMiB = new QSpinBox(this);
    m_maxMessageMiB->setRange(1, 1024);
    m_maxMessageMiB->setSuffix(tr(" MiB"));
    m_maxMessageMiB->setValue(int(std::max<qint64>(1, options.maxMessageSize / (1024 * 1024))));
    m_maxMessageMiB->setToolTip(tr("A larger message closes its connection with 1009"));
    m_maxPendingMiB = new QSpinBox(this);
    m_maxPendingMiB->setRange(1, 65536);
    m_maxPendingMiB->setSuffix(tr(" MiB"));
    m_maxPendingMiB->setValue(int(std::max<qint64>(1, options.maxPendingBytes / (1024 * 1024))));
    m_maxPendingMiB->setToolTip(tr("A client with more waiting for it (replies it does not "
                                   "read, delayed replies, messages not yet answered) is dropped"));
    m_maxTotalPendingMiB = new QSpinBox(this);
    m_maxTotalPendingMiB->setRange(1, 1024 * 1024);
    m_maxTotalPendingMiB->setSuffix(tr(" MiB"));
    m_maxTotalPendingMiB->setValue(
        int(std::max<qint64>(1, options.maxTotalPendingBytes / (1024 * 1024))));
    m_maxTotalPendingMiB->setToolTip(
        tr("With more waiting for all clients together, the client holding the most is dropped"));
    m_origins = new QPlainTextEdit(options.allowedOrigins.join(QLatin1Char('\n')), this);
    m_origins->setPlaceholderText(
        tr("One origin per line, e.g. http://localhost:3000\nEmpty: any origin"));
    m_origins->setMaximumHeight(90);
    m_maxBodyMiB = new QSpinBox(this);
    m_maxBodyMiB->setRange(1, 1024);
    m_maxBodyMiB->setSuffix(tr(" MiB"));
    m_maxBodyMiB->setValue(int(std::max<qint64>(1, options.maxBodySize / (1024 * 1024))));
    m_maxBodyMiB->setToolTip(tr("An HTTP request with a larger body gets 413"));
    m_cors = new QCheckBox(tr("Answer CORS &preflights and name the allowed origin"), this);
    m_cors->setChecked(options.cors);
    m_cors->setToolTip(tr("Lets a web page on another origin call the HTTP endpoints; the "
                          "allowed origins above limit which ones"));
    createControlFields(options);
    m_certificate = new QLineEdit(options.tlsCertificate, this);
    m_key = new QLineEdit(options.tlsKey, this);
    m_error = new QLabel(this);
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #b91c1c"));
}

void ServerSettingsDialog::createControlFields(const ServerOptions &options)
{
    m_control = new QCheckBox(tr("Serve the control &API under /__mocket/"), this);
    m_control->setChecked(options.control);
    m_control->setToolTip(tr("Lets a test ask what its client sent, push frames, close "
                             "connections and change the config over HTTP"));
    m_controlToken = new QLineEdit(options.controlToken, this);
    m_controlToken->setPlaceholderText(tr("none (loopback only)"));
    m_controlToken->setToolTip(tr("Every call must send Authorization: Bearer TOKEN; required "
                                  "when the server listens beyond 127.0.0.1"));
    m_controlUrl = new QLabel(this);
    m_controlUrl->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_controlUrl->setWordWrap(true);
    connect(m_control, &QCheckBox::toggled, this, &ServerSettingsDialog::updateControlUrl);
    connect(m_controlToken, &QLineEdit::textChanged, this, &ServerSettingsDialog::updateControlUrl);
    updateControlUrl();
}

QLayout *ServerSettingsDialog::controlRow()
{
    auto *row = new QHBoxLayout;
    auto *generate = new QPushButton(tr("&Generate"), this);
    generate->setToolTip(tr("A new random token"));
    connect(generate, &QPushButton::clicked, this, [this] {
        m_controlToken->setText(QString::fromLatin1(QUuid::createUuid().toRfc4122().toBase64(
            QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals)));
    });
    row->addWidget(m_controlToken, 1);
    row->addWidget(generate);
    return row;
}

void ServerSettingsDialog::updateControlUrl()
{
    m_controlToken->setEnabled(m_control->isChecked());
    if (!m_control->isChecked()) {
        m_controlUrl->setText(tr("Off"));
        return;
    }
    const QString url
        = QStringLiteral("http://%1:%2/__mocket/").arg(m_given.urlHost()).arg(m_given.port);
    m_controlUrl->setText(
        m_controlToken->text().trimmed().isEmpty()
            ? url
            : tr("%1\nAuthorization: Bearer %2").arg(url, m_controlToken->text().trimmed()));
}

void ServerSettingsDialog::createLayout()
{
    auto fileRow = [this](QLineEdit *field, const QString &title) {
        auto *row = new QHBoxLayout;
        auto *button = new QPushButton(tr("Browse…"), this);
        row->addWidget(field, 1);
        row->addWidget(button);
        connect(button, &QPushButton::clicked, this,
                [this, field, title] { browse(field, title); });
        return row;
    };
    auto *form = new QFormLayout;
    form->addRow(tr("Most &connections:"), m_maxConnections);
    form->addRow(tr("Largest &message:"), m_maxMessageMiB);
    form->addRow(tr("&Waiting per client:"), m_maxPendingMiB);
    form->addRow(tr("Waiting in a&ll:"), m_maxTotalPendingMiB);
    form->addRow(tr("Allowed &origins:"), m_origins);
    form->addRow(tr("Largest HTTP &body:"), m_maxBodyMiB);
    form->addRow(QString(), m_cors);
    form->addRow(QString(), m_control);
    // A row whose field is a layout gets no buddy from QFormLayout: its mnemonic would show
    // as a literal '&'.
    auto labelFor = [this](const QString &text, QWidget *buddy) {
        auto *label = new QLabel(text, this);
        label->setBuddy(buddy);
        return label;
    };
    form->addRow(labelFor(tr("Control &token:"), m_controlToken), controlRow());
    form->addRow(tr("Control URL:"), m_controlUrl);
    form->addRow(labelFor(tr("TLS ce&rtificate (PEM):"), m_certificate),
                 fileRow(m_certificate, tr("TLS certificate")));
    form->addRow(labelFor(tr("TLS &key (PEM):"), m_key), fileRow(m_key, tr("TLS private key")));
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &ServerSettingsDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(new QLabel(tr("With a certificate and key the server speaks wss://. "
                                    "Changes take effect at the next start."),
                                 this));
    layout->addWidget(m_error);
    layout->addWidget(buttons);
}

void ServerSettingsDialog::browse(QLineEdit *field, const QString &title)
{
    const QString path = QFileDialog::getOpenFileName(
        this, title, field->text(), tr("PEM files (*.pem *.crt *.key);;All files (*)"));
    if (!path.isEmpty())
        field->setText(path);
}

ServerOptions ServerSettingsDialog::options() const
{
    ServerOptions options = m_given;
    options.allowedOrigins.clear();
    options.maxConnections = m_maxConnections->value();
    options.maxMessageSize = qint64(m_maxMessageMiB->value()) * 1024 * 1024;
    options.maxPendingBytes = qint64(m_maxPendingMiB->value()) * 1024 * 1024;
    options.maxTotalPendingBytes = qint64(m_maxTotalPendingMiB->value()) * 1024 * 1024;
    options.maxBodySize = qint64(m_maxBodyMiB->value()) * 1024 * 1024;
    options.cors = m_cors->isChecked();
    options.control = m_control->isChecked();
    options.controlToken = m_controlToken->text().trimmed();
    for (const QString &line : m_origins->toPlainText().split(QLatin1Char('\n'))) {
        if (!line.trimmed().isEmpty())
            options.allowedOrigins.append(line.trimmed());
    }
    options.tlsCertificate = m_certificate->text().trimmed();
    options.tlsKey = m_key->text().trimmed();
    return options;
}

void ServerSettingsDialog::accept()
{
    std::optional<QSslConfiguration> tls;
    QString error = options().controlProblem();
    if (!error.isEmpty() || !options().loadTls(&tls, &error)) {
        m_error->setText(error);
        return;
    }
    QDialog::accept();
}
