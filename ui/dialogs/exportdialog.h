#pragma once

#include "ciexport.h"

#include <QDialog>

#include <functional>

class QCheckBox;
class QComboBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QPlainTextEdit;

// "Export for CI": saves the config as a Moclojer-compatible YAML file and shows, with copy
// buttons, the exact mocket-cli command, a shell script that runs the tests inside
// `mocket-cli run`, and a CI workflow that gets mocket-cli (container image or .deb) on a
// runner with nothing preinstalled. Optionally writes the script and the workflow beside the
// YAML. Never overwrites a file without asking.
class ExportDialog : public QDialog
{
    Q_OBJECT

public:
    ExportDialog(const QString &yaml, const QString &suggestedPath, const QString &host,
                 quint16 port, QWidget *parent = nullptr);

    QString targetPath() const;
    void setTargetPath(const QString &path);
    void setWriteSnippets(bool write);
    void setTestCommand(const QString &command);
    void setSource(CiExport::Source source);
    void setImage(const QString &image);
    void setPackageUrl(const QString &url);
    CiExport snippets() const;

    // The file open in the workbench: exporting onto it saves it, without asking to replace.
    void setOpenFilePath(const QString &path);
    // Whether the config was saved onto that file (then the open document is saved too).
    bool isTargetTheOpenFile() const;
    // Asked before any other existing file is replaced; the default asks with a message box.
    void setConfirmOverwrite(std::function<bool(const QString &path)> confirm);
    // Writes the files; returns false (and sets errorString()) on failure or refusal.
    bool exportFiles(QStringList *written = nullptr);
    QString errorString() const { return m_error; }

private:
    void refresh();
    void browse();
    void accept() override;
    bool writeFile(const QString &path, const QByteArray &data, QStringList *written);
    QWidget *snippetBox(QPlainTextEdit **edit);
    void buildSourceRows();
    void showStatus();

    QString m_yaml;
    QString m_host;
    quint16 m_port = 8000;
    QLineEdit *m_target = nullptr;
    QLineEdit *m_testCommand = nullptr;
    QComboBox *m_source = nullptr;
    QLineEdit *m_image = nullptr;
    QLineEdit *m_packageUrl = nullptr;
    QFormLayout *m_form = nullptr;
    QCheckBox *m_writeSnippets = nullptr;
    QPlainTextEdit *m_command = nullptr;
    QPlainTextEdit *m_script = nullptr;
    QPlainTextEdit *m_workflow = nullptr;
    QLabel *m_status = nullptr;
    QString m_error;
    QString m_openFilePath;
    std::function<bool(const QString &)> m_confirm;
};
