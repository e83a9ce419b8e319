#include "exportdialog.h"
#include "themeicon.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSaveFile>
#include <QToolButton>
#include <QVBoxLayout>

ExportDialog::ExportDialog(const QString &yaml, const QString &suggestedPath, const QString &host,
                           quint16 port, QWidget *parent)
    : QDialog(parent)
    , m_yaml(yaml)
    , m_host(host)
    , m_port(port)
{
    setWindowTitle(tr("Export for CI"));
    m_target = new QLineEdit(suggestedPath, this);
    auto *browse = new QPushButton(tr("&Browse…"), this);
    auto *targetRow = new QHBoxLayout;
    targetRow->addWidget(m_target, 1);
    targetRow->addWidget(browse);

    m_writeSnippets = new QCheckBox(tr("Also &write %1 and %2 beside the YAML")
                                        .arg(CiExport::shellScriptName(), CiExport::workflowName()),
                                    this);
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("exportStatus"));
    m_status->setWordWrap(true);

    m_form = new QFormLayout;
    auto *targetLabel = new QLabel(tr("&Save the config as:"), this);
    targetLabel->setBuddy(m_target);
    m_form->addRow(targetLabel, targetRow);
    m_testCommand = new QLineEdit(CiExport().testCommand, this);
    m_testCommand->setToolTip(tr("The command that runs your tests; it finds the mock in "
                                 "MOCKET_URL, MOCKET_HTTP_URL and MOCKET_CONTROL_URL"));
    m_form->addRow(tr("&Test command:"), m_testCommand);
    buildSourceRows();
    m_form->addRow(QString(), m_writeSnippets);
    m_form->addRow(tr("Command:"), snippetBox(&m_command));
    m_form->addRow(tr("Shell script:"), snippetBox(&m_script));
    m_form->addRow(tr("CI workflow:"), snippetBox(&m_workflow));
    m_command->setMaximumHeight(48);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    buttons->addButton(tr("&Export"), QDialogButtonBox::AcceptRole);
    connect(buttons, &QDialogButtonBox::accepted, this, &ExportDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(new QLabel(
        tr("Saves the config as YAML that Moclojer and mocket-cli both read, and shows how to "
           "run your tests against it in a CI job that fails when a client sends a frame no "
           "rule expected."),
        this));
    layout->addLayout(m_form);
    layout->addWidget(m_status);
    layout->addWidget(buttons);
    resize(780, 720);

    connect(browse, &QPushButton::clicked, this, &ExportDialog::browse);
    connect(m_target, &QLineEdit::textChanged, this, &ExportDialog::refresh);
    for (QLineEdit *edit : { m_testCommand, m_image, m_packageUrl })
        connect(edit, &QLineEdit::textChanged, this, &ExportDialog::refresh);
    m_confirm = [this](const QString &path) {
        return QMessageBox::question(
                   this, tr("Replace file?"),
                   tr("%1 already exists. Replace it?").arg(QDir::toNativeSeparators(path)),
                   QMessageBox::Yes | QMessageBox::No, QMessageBox::No)
            == QMessageBox::Yes;
    };
    refresh();
}

void ExportDialog::buildSourceRows()
{
    m_source = new QComboBox(this);
    m_source->addItem(tr("Container image (docker)"), int(CiExport::Source::ContainerImage));
    m_source->addItem(tr("Debian 12 package (.deb)"), int(CiExport::Source::DebianPackage));
    m_source->addItem(tr("Already installed on the runner"), int(CiExport::Source::Installed));
    m_form->addRow(tr("&Get mocket-cli from:"), m_source);
    m_image = new QLineEdit(CiExport().image, this);
    m_image->setToolTip(tr("An image your CI can pull, built from the Mocket sources with "
                           "podman build -t IMAGE . (or docker build) and pushed to your "
                           "registry"));
    m_form->addRow(tr("&Image:"), m_image);
    m_packageUrl = new QLineEdit(this);
    m_packageUrl->setPlaceholderText(tr("https://example.com/releases/mocket-cli_%1_amd64.deb")
                                         .arg(QStringLiteral(MOCKET_VERSION)));
    m_packageUrl->setToolTip(tr("Where your CI can download the mocket-cli .deb that cpack "
                                "builds from the Mocket sources"));
    m_form->addRow(tr("Package &URL:"), m_packageUrl);
    connect(m_source, &QComboBox::currentIndexChanged, this, &ExportDialog::refresh);
}

QWidget *ExportDialog::snippetBox(QPlainTextEdit **edit)
{
    auto *box = new QWidget(this);
    *edit = new QPlainTextEdit(box);
    (*edit)->setReadOnly(true);
    (*edit)->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    (*edit)->setLineWrapMode(QPlainTextEdit::NoWrap);
    auto *copy = new QToolButton(box);
    copy->setText(tr("Copy"));
    copy->setIcon(themeIcon(QStringLiteral("edit-copy")));
    copy->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    QPlainTextEdit *target = *edit;
    connect(copy, &QToolButton::clicked, this, [this, target] {
        QApplication::clipboard()->setText(target->toPlainText());
        m_status->setText(tr("Copied to the clipboard."));
    });
    auto *layout = new QHBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(*edit, 1);
    layout->addWidget(copy, 0, Qt::AlignTop);
    return box;
}

QString ExportDialog::targetPath() const
{
    return m_target->text().trimmed();
}

void ExportDialog::setTargetPath(const QString &path)
{
    m_target->setText(path);
}

void ExportDialog::setWriteSnippets(bool write)
{
    m_writeSnippets->setChecked(write);
}

void ExportDialog::setTestCommand(const QString &command)
{
    m_testCommand->setText(command);
}

void ExportDialog::setSource(CiExport::Source source)
{
    m_source->setCurrentIndex(m_source->findData(int(source)));
}

void ExportDialog::setImage(const QString &image)
{
    m_image->setText(image);
}

void ExportDialog::setPackageUrl(const QString &url)
{
    m_packageUrl->setText(url);
}

void ExportDialog::setOpenFilePath(const QString &path)
{
    m_openFilePath = path.isEmpty() ? QString() : QFileInfo(path).absoluteFilePath();
}

bool ExportDialog::isTargetTheOpenFile() const
{
    return !m_openFilePath.isEmpty()
        && QFileInfo(targetPath()).absoluteFilePath() == m_openFilePath;
}

void ExportDialog::setConfirmOverwrite(std::function<bool(const QString &)> confirm)
{
    m_confirm = std::move(confirm);
}

CiExport ExportDialog::snippets() const
{
    CiExport ciExport;
    const QString name = QFileInfo(targetPath()).fileName();
    if (!name.isEmpty())
        ciExport.configFileName = name;
    ciExport.host = m_host;
    ciExport.port = m_port;
    ciExport.testCommand = m_testCommand->text();
    ciExport.source = CiExport::Source(m_source->currentData().toInt());
    ciExport.image = m_image->text();
    ciExport.packageUrl = m_packageUrl->text();
    return ciExport;
}

void ExportDialog::refresh()
{
    const CiExport ciExport = snippets();
    m_command->setPlainText(ciExport.command());
    m_script->setPlainText(ciExport.shellScript());
    m_workflow->setPlainText(ciExport.workflow());
    m_form->setRowVisible(m_image, ciExport.source == CiExport::Source::ContainerImage);
    m_form->setRowVisible(m_packageUrl, ciExport.source == CiExport::Source::DebianPackage);
    showStatus();
}

// What the workflow still needs, or nothing.
void ExportDialog::showStatus()
{
    const QStringList problems = snippets().problems();
    m_status->setText(problems.join(QLatin1Char('\n')));
}

void ExportDialog::browse()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Export the config"), targetPath(),
                                                      tr("YAML files (*.yml *.yaml)"), nullptr,
                                                      QFileDialog::DontConfirmOverwrite);
    if (!path.isEmpty())
        m_target->setText(path);
}

bool ExportDialog::writeFile(const QString &path, const QByteArray &data, QStringList *written)
{
    const bool openFile = path == targetPath() && isTargetTheOpenFile();
    if (QFileInfo::exists(path) && !openFile && !m_confirm(path)) {
        m_error = tr("Not exported: %1 was left as it is.").arg(QDir::toNativeSeparators(path));
        return false;
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(data) != data.size() || !file.commit()) {
        m_error = tr("Cannot write %1: %2").arg(QDir::toNativeSeparators(path), file.errorString());
        return false;
    }
    if (written)
        written->append(path);
    return true;
}

bool ExportDialog::exportFiles(QStringList *written)
{
    m_error.clear();
    const QString target = targetPath();
    if (target.isEmpty()) {
        m_error = tr("Choose where to save the config.");
        return false;
    }
    if (!writeFile(target, m_yaml.toUtf8(), written))
        return false;
    if (m_writeSnippets->isChecked()) {
        const QDir dir = QFileInfo(target).absoluteDir();
        const CiExport ciExport = snippets();
        const QString script = dir.filePath(CiExport::shellScriptName());
        if (!writeFile(script, ciExport.shellScript().toUtf8(), written))
            return false;
        QFile::setPermissions(script,
                              QFile::permissions(script) | QFile::ExeOwner | QFile::ExeGroup
                                  | QFile::ExeOther);
        if (!writeFile(dir.filePath(CiExport::workflowName()), ciExport.workflow().toUtf8(),
                       written))
            return false;
    }
    return true;
}

void ExportDialog::accept()
{
    QStringList written;
    if (!exportFiles(&written)) {
        m_status->setText(m_error);
        return;
    }
    QDialog::accept();
}
