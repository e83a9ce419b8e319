#pragma once

#include "ciexport.h"

#include <QDialog>

#include <functional>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;

// "Export for CI": saves the config as a Moclojer-compatible YAML file and shows, with copy
// buttons, the exact mocket-cli command, a shell script and a CI workflow step that start it.
// Optionally writes the two snippets beside the YAML. Never overwrites a file without asking.
class ExportDialog : public QDialog
{
    Q_OBJECT

public:
    ExportDialog(const QString &yaml, const QString &suggestedPath, const QString &host,
                 quint16 port, QWidget *parent = nullptr);

    QString targetPath() const;
    void setTargetPath(const QString &path);
    void setWriteSnippets(bool write);
    CiExport snippets() const;

    // Asked before any existing file is replaced; the default asks with a message box.
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

    QString m_yaml;
    QString m_host;
    quint16 m_port = 8000;
    QLineEdit *m_target = nullptr;
    QCheckBox *m_writeSnippets = nullptr;
    QPlainTextEdit *m_command = nullptr;
    QPlainTextEdit *m_script = nullptr;
    QPlainTextEdit *m_workflow = nullptr;
    QLabel *m_status = nullptr;
    QString m_error;
    std::function<bool(const QString &)> m_confirm;
};
