#pragma once

#include "serveroptions.h"

#include <QDialog>

class QCheckBox;
class QLabel;
class QLayout;
class QLineEdit;
class QPlainTextEdit;
class QSpinBox;

// The workbench's server options, the same as mocket-cli's: limits, allowed browser
// origins, HTTP endpoints' body limit and CORS, the control API and its token, and TLS
// (wss://) with a certificate and key.
class ServerSettingsDialog : public QDialog
{
    Q_OBJECT

public:
    // Host and port are not the dialog's: options() returns them as given (they show in the
    // control API's URL).
    explicit ServerSettingsDialog(const ServerOptions &options, QWidget *parent = nullptr);
    ServerOptions options() const;

private:
    void accept() override;
    void browse(QLineEdit *field, const QString &title);
    void createFields(const ServerOptions &options);
    void createLayout();
    void createControlFields(const ServerOptions &options);
    QLayout *controlRow();
    void updateControlUrl();

    ServerOptions m_given;
    QSpinBox *m_maxConnections = nullptr;
    QSpinBox *m_maxMessageMiB = nullptr;
    QSpinBox *m_maxPendingMiB = nullptr;
    QSpinBox *m_maxTotalPendingMiB = nullptr;
    QPlainTextEdit *m_origins = nullptr;
    QSpinBox *m_maxBodyMiB = nullptr;
    QCheckBox *m_cors = nullptr;
    QCheckBox *m_control = nullptr;
    QLineEdit *m_controlToken = nullptr;
    QLabel *m_controlUrl = nullptr;
    QLineEdit *m_certificate = nullptr;
    QLineEdit *m_key = nullptr;
    QLabel *m_error = nullptr;
};
